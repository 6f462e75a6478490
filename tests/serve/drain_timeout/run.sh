#!/bin/bash
# serve/drain_timeout: SIGTERM with a call up that its caller never ends
# (it waits for our BYE). After [serve] drain-time (1 s) the session is
# stopped (exit reason "drain"), its call released with BYE (the caller
# checks it gets one) — even with [voice] release-on-exit = false, which
# serve ignores and says so — and serve exits 0.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

start_engine serve --events "$out/events.jsonl" --config "$case_dir/sipscxml.conf"
sipp_call idle ../../bench/uac_idle.xml 1 -s a
idle=$last_pid
wait_log '"name":"interaction.accept.done"' 1
kill -TERM "$engine_pid"
wait_bounded "$engine_pid" 30
rc=$?
[ $rc -eq 0 ] || fail "sipscxml serve exit status $rc, expected 0"
sipp_ok "$idle" idle
grep -q "drain time over: stopping 1 sessions" "$out/stderr" ||
	fail "no report of the drain time"
grep -q "release-on-exit = false ignored" "$out/stderr" ||
	fail "no warning about release-on-exit"
# the stopped session hears of no call ending: its calls went with it;
# the log pairs its interaction.added with a call-released record
check_log sessions=1 onecall event:interaction.deleted=0 reason:drain=1 \
	paired released=1
pass
