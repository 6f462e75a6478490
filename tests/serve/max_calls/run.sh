#!/bin/bash
# serve/max_calls: [serve] max-calls = 2. Two calls are up (each held 10 s
# by its caller); a third gets 503 with Retry-After and starts no session,
# and the two go on undisturbed.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

start_engine serve --events "$out/events.jsonl" --config "$case_dir/sipscxml.conf"
sipp_call held ../uac_held.xml 2 -s a -r 10 -l 2
held=$last_pid
wait_log '"name":"interaction.accept.done"' 2
sipp_call third ../uac_503.xml 1 -s a
sipp_ok "$last_pid" third
sipp_ok "$held" held
wait_log '"kind":"exit"' 2
kill -TERM "$engine_pid"
wait_bounded "$engine_pid" 30
rc=$?
[ $rc -eq 0 ] || fail "sipscxml serve exit status $rc, expected 0"
check_log sessions=2 onecall paired final:pass_wait=2
pass
