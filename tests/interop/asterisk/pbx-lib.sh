# shellcheck shell=bash
# tests/interop/asterisk/pbx-lib.sh: what a case's pbx.sh uses to check
# Asterisk's side while the flow runs (sourced by run-asterisk.sh in the
# watcher's subshell, with ASTERISK, AST_CONF, out — the case's output
# folder, where the driver writes events.jsonl — and log_start, the line of
# Asterisk's messages.log where the case began).
#
# The flow and its watcher meet at checkpoints: the flow sends itself
# `pbx.check` with `step` and its Basic HTTP `url`, and waits; the watcher
# sees that event in the log (`at STEP`), checks Asterisk, and posts
# `pbx.ok` or `pbx.fail` (with `reason`) to that URL. Every wait is bounded
# and ends the watcher with a failure: nothing here decides by timing.
set -u
: "${out:?}" "${log_start:?}" "${ASTERISK:?}" "${AST_CONF:?}"
url=
ast_log=$(dirname "$AST_CONF")/../log/messages.log

ast() { "$ASTERISK" -C "$AST_CONF" -rx "$1" 2>&1; }

say() { echo "$(date +%T.%3N) $*"; }

# Fails the case: tells the flow (when it waits for us) and exits.
fail() {
	say "FAIL: $*"
	[ -n "$url" ] && curl -s -m 5 -o /dev/null \
		--data-urlencode "_scxmleventname=pbx.fail" \
		--data-urlencode "reason=$*" "$url"
	exit 1
}

ok() {
	say "ok: ${1:-}"
	curl -s -m 5 -o /dev/null --data-urlencode "_scxmleventname=pbx.ok" "$url" ||
		fail "could not post pbx.ok to $url"
}

# Waits (up to 120 s: a session-timer case waits for a refresh) for the
# flow's checkpoint STEP, and learns where to answer.
at() { # step
	local i line
	for ((i = 0; i < 1200; i++)); do
		line=$(grep -F '"name":"pbx.check"' "$out/events.jsonl" 2>/dev/null |
			grep -F "\"step\":\"$1\"" | head -1)
		if [ -n "$line" ]; then
			url=$(jq -r '.data.url' <<<"$line")
			say "checkpoint $1 ($url)"
			return 0
		fi
		# The flow ended without reaching it.
		grep -q '"kind":"exit"' "$out/events.jsonl" 2>/dev/null &&
			fail "the flow ended before checkpoint $1"
		sleep 0.1
	done
	fail "checkpoint $1 never came"
}

# Waits (up to 60 s) for the flow's session to end.
flow_ended() {
	local i
	for ((i = 0; i < 600; i++)); do
		grep -q '"kind":"exit"' "$out/events.jsonl" 2>/dev/null && return 0
		sleep 0.1
	done
	fail "the flow never ended"
}

# Repeats a check until it holds, up to 15 s (Asterisk acts on a message
# once it answered it: a bridge comes a moment after the 200 OK). The
# last output of CMD is in $seen and printed.
seen=
until_ok() { # description command-to-run-on-$seen...
	local what=$1 i
	shift
	for ((i = 0; i < 150; i++)); do
		"$@" && {
			say "$what: yes"
			return 0
		}
		sleep 0.1
	done
	echo "$seen"
	fail "$what: never"
}

# The channels (`core show channels concise`: name!context!exten!prio!
# state!app!data!cid!acct!peeracct!ama!duration!bridge!uniqueid), one a line.
channels() { seen=$(ast 'core show channels concise'); }

# The bridged channels of $seen, one "bridgeid name" a line.
bridges() {
	awk -F'!' 'NF > 12 && $13 != "" { print $13, $1 }' <<<"$seen"
}

# How many bridges hold exactly the channels named by the prefixes (e.g.
# PJSIP/sipscxml PJSIP/phone), in any order. A channel's prefix is its name
# without the sequence number (PJSIP/phone-00000004) and a Local channel's
# half (Local/27597@from-sipscxml-00000000;1).
bridges_like() { # prefix... (on $seen: call channels first)
	local want got n=0
	want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
	while read -r id; do
		got=$(bridges | awk -v id="$id" '$1 == id { sub(/-[0-9a-f]+(;[12])?$/, "", $2); print $2 }' |
			sort | tr '\n' ' ')
		[ "$got" = "$want" ] && n=$((n + 1))
	done < <(bridges | awk '{print $1}' | sort -u)
	echo $n
}

# True when some bridge holds exactly the channels named by the prefixes
# (reads the channels anew).
bridge_of() { # prefix...
	channels
	[ "$(bridges_like "$@")" -gt 0 ]
}

# Channels whose name starts with PREFIX.
count_channels() { # prefix
	grep -c "^$1-" <<<"$seen"
}
no_channel() { # prefix
	channels
	[ "$(count_channels "$1")" -eq 0 ]
}

# Asterisk's log since the case began.
case_log() { sed -n "$((log_start + 1)),\$p" "$ast_log"; }

# The log since the case began has at least N lines matching REGEX.
logged() { # regex [n]
	seen=$(case_log | grep -E "$1")
	[ "$(grep -c . <<<"$seen")" -ge "${2:-1}" ]
}

# The CLI's own view, kept in the watcher's output for the report.
show() { # command
	echo "--- $1"
	ast "$1"
}

# Hangs up every channel whose name starts with PREFIX (PJSIP/phone: the
# phones' legs; Asterisk then BYEs the other side).
hangup() { # prefix
	local c
	channels
	for c in $(awk -F'!' -v p="$1-" 'index($1, p) == 1 { print $1 }' <<<"$seen"); do
		say "hang up $c"
		ast "channel request hangup $c" >/dev/null
	done
}
