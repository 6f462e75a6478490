# shellcheck shell=bash
# tests/interop/asterisk/case.sh: sourced by each case's run.sh once it
# said what it expects, just before the call-flow driver of tests/sipp/
# (run-case.sh): adds what every Asterisk case has (Asterisk's address for
# the flow as `pbx`, callers sending through Asterisk). The Asterisk it
# talks to is the one run-asterisk.sh started (AST_PORT); without it the
# case is skipped.
if [ -z "${AST_PORT:-}" ]; then
	echo "SKIP: asterisk/$(basename "$(dirname "$0")"): needs the Asterisk of run-asterisk.sh (make check-asterisk ASTERISK=...)"
	exit 77
fi
[ "${defines+set}" ] || defines=()
defines+=("pbx=127.0.0.1:$AST_PORT")
# shellcheck disable=SC2034 # read by run-case.sh
uac_args=(-rsa "127.0.0.1:$AST_PORT")
