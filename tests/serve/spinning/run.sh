#!/bin/bash
# serve/spinning: one session spinning (eventless transitions for ever)
# while another session's call is up. The spinning one is stopped by the
# macrostep budget ([scxml] macrostep-time-limit, 1 s here) and its call
# released (480, as it was never answered); the other call completes its
# whole flow (accept, hold, retrieve, terminate) meanwhile.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

start_engine serve --events "$out/events.jsonl" --config "$case_dir/sipscxml.conf"
sipp_call normal ../uac_hold_retrieve.xml 1 -s someone
normal=$last_pid
sipp_call spin ../uac_480.xml 1 -s spin
spin=$last_pid
sipp_ok "$spin" spin
sipp_ok "$normal" normal
wait_log '"kind":"exit"' 2
kill -TERM "$engine_pid"
wait_bounded "$engine_pid" 30
rc=$?
[ $rc -eq 0 ] || fail "sipscxml serve exit status $rc, expected 0"
check_log sessions=2 onecall route:spin=1 route:default=1 final:pass_a=1 \
	reason:macrostep-time-limit=1
pass
