#!/bin/bash
# serve/drain: SIGTERM with two calls up (each held 10 s by its caller).
# While draining, a new call gets 503 with Retry-After and so does an
# OPTIONS probe; the two live calls finish by themselves, their sessions
# end as their documents say, and serve exits 0 without waiting for the
# drain time (30 s).
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

start_engine serve --events "$out/events.jsonl" --config "$case_dir/sipscxml.conf"
sipp_call held ../uac_held.xml 2 -s a -r 10 -l 2
held=$last_pid
wait_log '"name":"interaction.accept.done"' 2
kill -TERM "$engine_pid"
wait_stderr "draining"
sipp_call late ../uac_503.xml 1 -s a
sipp_ok "$last_pid" late
sipp_call probe ../uac_options_503.xml 1 -s a
sipp_ok "$last_pid" probe
sipp_ok "$held" held
wait_bounded "$engine_pid" 30
rc=$?
[ $rc -eq 0 ] || fail "sipscxml serve exit status $rc, expected 0"
check_log sessions=2 onecall paired final:pass_wait=2 reason:done=2
pass
