#!/bin/bash
# serve/options_in_dialog: OPTIONS is answered by us (for the load
# balancer's probes), so an OPTIONS inside a call's dialog — a peer's
# keepalive — must be answered too: 200, and the call goes on.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

start_engine serve --events "$out/events.jsonl" --config "$case_dir/sipscxml.conf"
sipp_call caller uac.xml 1 -s a
sipp_ok "$last_pid" caller
wait_log '"kind":"exit"' 1
kill -TERM "$engine_pid"
wait_bounded "$engine_pid" 30
rc=$?
[ $rc -eq 0 ] || fail "sipscxml serve exit status $rc, expected 0"
check_log sessions=1 onecall paired final:pass_wait=1
pass
