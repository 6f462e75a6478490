#!/bin/bash
# serve/outbound: a session started by an inbound call places a call of
# its own (createcall to the peer --define names), hangs it up, then the
# inbound one. Both calls belong to that session; --define reaches it.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

sipp_peer peer ../../sipp/createcall_answered/uas.xml 1
peer=$last_pid
start_engine serve --events "$out/events.jsonl" --config "$case_dir/sipscxml.conf" \
	--define "peer=sip:peer@127.0.0.1:$peer_port" --define unused=1
sipp_call caller ../../bench/uac_idle.xml 1 -s a
sipp_ok "$last_pid" caller
sipp_ok "$peer" peer
wait_log '"kind":"exit"' 1
kill -TERM "$engine_pid"
wait_bounded "$engine_pid" 30
rc=$?
[ $rc -eq 0 ] || fail "sipscxml serve exit status $rc, expected 0"
check_log sessions=1 paired final:pass_out=1 event:interaction.added=1 \
	event:voice.createcall.done=1 event:interaction.deleted=2
pass
