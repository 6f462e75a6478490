#!/bin/bash
# serve/routes: three routes (two documents, the default sharing the
# first). One call to each route, then 50 concurrent calls across them:
# each call reaches a new session of its route's document, which accepts,
# holds, retrieves and terminates it; the event log shows one session per
# call, on the right route, each call added and deleted once. OPTIONS is
# answered 200 while serving; SIGTERM with nothing up exits 0 at once.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

start_engine serve --events "$out/events.jsonl" --config "$case_dir/sipscxml.conf"
sipp_call options ../uac_options.xml 1 -s sales
sipp_ok "$last_pid" options
sipp_call sales ../uac_hold_retrieve.xml 1 -s sales
p1=$last_pid
sipp_call support ../uac_hold_retrieve.xml 1 -s support-1
p2=$last_pid
sipp_call other ../uac_hold_retrieve.xml 1 -s someone
p3=$last_pid
sipp_ok "$p1" sales
sipp_ok "$p2" support
sipp_ok "$p3" other
# 50 concurrent calls, 25 per second, 50 at once at most
sipp_call load_sales ../uac_hold_retrieve.xml 20 -s sales -r 25 -l 50
p1=$last_pid
sipp_call load_support ../uac_hold_retrieve.xml 20 -s support-2 -r 25 -l 50
p2=$last_pid
sipp_call load_other ../uac_hold_retrieve.xml 10 -s x -r 25 -l 50
p3=$last_pid
sipp_ok "$p1" load_sales
sipp_ok "$p2" load_support
sipp_ok "$p3" load_other
kill -TERM "$engine_pid"
wait_bounded "$engine_pid" 30
rc=$?
[ $rc -eq 0 ] || fail "sipscxml serve exit status $rc, expected 0"
check_log sessions=53 onecall paired route:sales=21 route:support-*=21 \
	route:default=11 doc:sales=flow_a.scxml doc:support-*=flow_b.scxml \
	doc:default=flow_a.scxml final:pass_a=32 final:pass_b=21 \
	reason:done=53
pass
