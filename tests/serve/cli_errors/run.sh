#!/bin/bash
# serve/cli_errors: what serve refuses before it listens, with exit
# status 1 and a message naming the culprit: a bad [serve] value, an
# unknown [serve] key, a route without a document, a --define without =,
# two --bind, a stray argument.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

refused() { # what-stderr-says config-text [args...]
	local want=$1 text=$2
	shift 2
	printf '%b' "$text" >"$out/bad.conf"
	"$prog" serve --config "$out/bad.conf" --bind 127.0.0.1:0 "$@" \
		>"$out/stdout" 2>"$out/stderr" </dev/null
	local rc=$?
	[ $rc -eq 1 ] || fail "exit status $rc for \"$want\", expected 1"
	grep -q -- "$want" "$out/stderr" || fail "stderr does not say \"$want\""
}
refused "max-sessions: not a number" '[serve]\nmax-sessions = 0\n'
refused "\[serve\] max-session: unknown key" '[serve]\nmax-session = 5\n'
refused "drain-time" '[serve]\ndrain-time = soon\n'
refused "\[routes\] sales: no document" '[routes]\nsales =\n'
refused "NAME=VALUE" '' --define novalue
refused "one --bind only" '' --bind 127.0.0.1:0
refused "no arguments" '' flow.scxml
pass
