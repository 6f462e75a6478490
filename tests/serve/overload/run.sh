#!/bin/bash
# serve/overload: [serve] max-sessions = 5. Five calls are up (each held
# 10 s by its caller); a sixth gets 503 with Retry-After, and so does an
# OPTIONS probe; the five go on undisturbed. Once they ended, a new call
# is served again, and OPTIONS gets 200. A user no route matches (there
# is no default) gets 404.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

start_engine serve --events "$out/events.jsonl" --config "$case_dir/sipscxml.conf"
sipp_call nowhere ../uac_404.xml 1 -s nobody
sipp_ok "$last_pid" nowhere
sipp_call held ../uac_held.xml 5 -s hold -r 10 -l 5
held=$last_pid
wait_log '"name":"interaction.accept.done"' 5
sipp_call sixth ../uac_503.xml 1 -s hold
sipp_ok "$last_pid" sixth
sipp_call probe_full ../uac_options_503.xml 1 -s hold
sipp_ok "$last_pid" probe_full
sipp_ok "$held" held
wait_log '"kind":"exit"' 5
sipp_call probe ../uac_options.xml 1 -s hold
sipp_ok "$last_pid" probe
sipp_call after ../../sipp/inbound_accept/uac.xml 1 -s hold
sipp_ok "$last_pid" after
wait_log '"kind":"exit"' 6
kill -TERM "$engine_pid"
wait_bounded "$engine_pid" 30
rc=$?
[ $rc -eq 0 ] || fail "sipscxml serve exit status $rc, expected 0"
check_log sessions=6 onecall paired route:hold=6 final:pass_wait=6 \
	reason:done=6
pass
