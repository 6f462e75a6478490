#!/bin/bash
# serve/reload: SIGHUP reloads the routes' documents. A call up before
# the reload (held 10 s by its caller) keeps the document it started
# with (flow_wait: ends in pass_wait); a call after it runs the new one
# (flow_a: hold, retrieve, terminate; ends in pass_a). Then the document
# is broken and SIGHUP again: the reload reports it, keeps the version
# loaded before, and the next call still ends in pass_a.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

cp "$case_dir/../flow_wait.scxml" "$out/flow.scxml"
printf '[routes]\ndefault = flow.scxml\n' >"$out/sipscxml.conf"
start_engine serve --events "$out/events.jsonl" --config "$out/sipscxml.conf"
sipp_call before ../uac_held.xml 1 -s a
before=$last_pid
wait_log '"name":"interaction.accept.done"' 1
cp "$case_dir/../flow_a.scxml" "$out/flow.scxml"
kill -HUP "$engine_pid"
wait_stderr "reloaded: 1 routes"
sipp_call after ../uac_hold_retrieve.xml 1 -s a
sipp_ok "$last_pid" after
cp "$case_dir/../bad.scxml" "$out/flow.scxml"
kill -HUP "$engine_pid"
wait_stderr "flow.scxml: refused, the version loaded before stays in use"
sipp_call kept ../uac_hold_retrieve.xml 1 -s a
sipp_ok "$last_pid" kept
sipp_ok "$before" before
wait_log '"kind":"exit"' 3
kill -TERM "$engine_pid"
wait_bounded "$engine_pid" 30
rc=$?
[ $rc -eq 0 ] || fail "sipscxml serve exit status $rc, expected 0"
check_log sessions=3 onecall paired final:pass_wait=1 final:pass_a=2
pass
