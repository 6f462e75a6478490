#!/bin/bash
# serve/stop_now: SIGTERM with a call up, then SIGTERM again: the second
# signal does not wait for the drain time (600 s here): the session is
# stopped (exit reason "stopped"), its call released with BYE, and serve
# exits 0.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

start_engine serve --events "$out/events.jsonl" --config "$case_dir/sipscxml.conf"
sipp_call idle ../../bench/uac_idle.xml 1 -s a
idle=$last_pid
wait_log '"name":"interaction.accept.done"' 1
kill -TERM "$engine_pid"
wait_stderr "draining"
kill -TERM "$engine_pid"
wait_bounded "$engine_pid" 60
rc=$?
[ $rc -eq 0 ] || fail "sipscxml serve exit status $rc, expected 0"
sipp_ok "$idle" idle
# the stopped session hears of no call ending: its calls went with it;
# the log pairs its interaction.added with a call-released record
check_log sessions=1 onecall event:interaction.deleted=0 reason:stopped=1 \
	paired released=1
pass
