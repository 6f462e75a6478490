#!/bin/bash
# serve/malformed: a route to a document that does not pass check. serve
# starts all the same, reports the document's problem as file:line, and
# answers that route's calls 500 without starting a session; the other
# route's calls are served. A user no route matches, without a default,
# is covered by serve/overload (404).
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

start_engine serve --events "$out/events.jsonl" --config "$case_dir/sipscxml.conf"
grep -q -E "bad\.scxml:5: .*nowhere" "$out/stderr" ||
	fail "no file:line report for bad.scxml"
grep -q "route broken: .*bad.scxml refused; its calls get 500" "$out/stderr" ||
	fail "no report of the refused route"
sipp_call broken ../uac_500.xml 2 -s broken
sipp_ok "$last_pid" broken
sipp_call good ../uac_hold_retrieve.xml 2 -s anyone
sipp_ok "$last_pid" good
kill -TERM "$engine_pid"
wait_bounded "$engine_pid" 30
rc=$?
[ $rc -eq 0 ] || fail "sipscxml serve exit status $rc, expected 0"
check_log sessions=2 onecall paired route:default=2 route:broken=0 \
	final:pass_a=2
pass
