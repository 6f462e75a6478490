#!/bin/bash
# serve/session_call_cap: `run` with [voice] max-calls-per-session = 1 and
# retry-after = 7. A first call is accepted; the flow's createcall then
# fails at once with invalidstate (SIPp sees no INVITE: there is no party
# to send it to, and the log shows no call placed). A second call, while
# the first is up, gets 503 with Retry-After: 7 before the flow hears of
# it. SIGTERM then stops sipscxml, which hangs up the first call (BYE,
# which its SIPp expects) and exits with status 2.
# Here rather than in tests/sipp/: the second call must come once the
# first is up, and this driver runs callers one after the other.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

cp "$case_dir/sipscxml.conf" "$out/sipscxml.conf"
start_engine run --timeout 60 --events "$out/events.jsonl" \
	--config "$out/sipscxml.conf" "$case_dir/flow.scxml"
sipp_call first uac_first.xml 1
first_pid=$last_pid
wait_log '"name":"error.voice.createcall"' 1
sipp_call second uac_second.xml 1
sipp_ok "$last_pid" second
kill -TERM "$engine_pid"
sipp_ok "$first_pid" first
wait_bounded "$engine_pid" 30
rc=$?
[ $rc -eq 2 ] || fail "sipscxml exit status $rc, expected 2 (stopped)"
[ "$(count_status second 503)" -eq 1 ] || fail "the second call got no 503"
grep -q '"error":"invalidstate"' "$out/events.jsonl" ||
	fail "createcall failed, but not with invalidstate"
# only the first call reached the flow; the flow never left "full"
check_log "event:interaction.added=1" \
	"event:interaction.accept.done=1" "event:error.voice.createcall=1" \
	"event:voice.createcall.done=0"
pass
