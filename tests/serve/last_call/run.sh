#!/bin/bash
# serve/last_call: a document that never reaches a final state. Its
# session ends when the caller hangs up, its last call
# ([serve] end-with-last-call, the default): exit reason "last-call".
# With end-with-last-call = false the same session would live on; the
# drain at the end would then stop it ("stopped"), which the check
# would see.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

start_engine serve --events "$out/events.jsonl" --config "$case_dir/sipscxml.conf"
sipp_call caller ../../sipp/inbound_accept/uac.xml 1 -s a
sipp_ok "$last_pid" caller
wait_log '"kind":"exit"' 1
kill -TERM "$engine_pid"
wait_bounded "$engine_pid" 30
rc=$?
[ $rc -eq 0 ] || fail "sipscxml serve exit status $rc, expected 0"
check_log sessions=1 onecall paired reason:last-call=1 final:-=1
pass
