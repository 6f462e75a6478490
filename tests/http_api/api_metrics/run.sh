#!/bin/bash
# http_api/api_metrics: GET /metrics after a known SIPp run says what the
# event log says (metrics_check.py compares every counter with the log):
# three inbound calls on route a (accepted, held, retrieved, hung up), two
# refused with 404 (no route), and two sessions started by the API, one
# whose call a UAS answers (seen live in the gauges: one session of
# flow_api, one connected call) and one whose call gets 486. The SIP
# responses the engine received, from the scenarios: the answering UAS's
# 180, 200 (INVITE) and 200 (BYE); the busy one's 486; each inbound
# caller's 200s to hold, retrieve and the flow's BYE: 1xx 1, 2xx 11, 4xx 1.
# Then a session whose scripts are cut at [scxml] script-time-limit and
# session-memory-limit (it goes on), and which the macrostep budget stops.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

write_config
sipp_peer peer ../../sipp/createcall_answered/uas.xml 1
peer=$last_pid
peer_ok=$peer_port
sipp_peer busy ../../sipp/createcall_busy/uas.xml 1
busy=$last_pid
busy_port=$peer_port
start_api

sipp_call inbound ../../serve/uac_hold_retrieve.xml 3 -s a
sipp_ok "$last_pid" inbound
sipp_call refused ../../serve/uac_404.xml 2 -s nosuch
sipp_ok "$last_pid" refused
[ "$(count_status refused 404)" = 2 ] || fail "SIPp did not see two 404s"

api POST /sessions "{\"document\": \"api\", \"data\": {\"peer\": \"sip:p@127.0.0.1:$peer_ok\", \"tag\": \"x\"}}"
expect 201 "POST /sessions"
id=$(json 'j["id"]')
api POST "/sessions/$id/events" '{"name": "go"}'
expect 202 "go"
wait_log '"name":"voice.createcall.done"' 1
curl -s "http://127.0.0.1:$http/metrics" >"$out/live.txt" || fail "GET /metrics"
grep -qx "sipscxml_calls{state=\"connected\"} 1" "$out/live.txt" ||
	fail "no connected call in the gauge (live.txt)"
grep -qx "sipscxml_sessions{document=\"$http_dir/flow_api.scxml\"} 1" "$out/live.txt" ||
	fail "no live session of flow_api in the gauge (live.txt)"
api POST "/sessions/$id/events" '{"name": "hangup", "data": {"tag": "x"}}'
expect 202 "hangup"

api POST /sessions "{\"document\": \"api\", \"data\": {\"peer\": \"sip:b@127.0.0.1:$busy_port\"}}"
expect 201 "POST /sessions (busy)"
id=$(json 'j["id"]')
api POST "/sessions/$id/events" '{"name": "go"}'
expect 202 "go (busy)"
sipp_ok "$peer" peer
sipp_ok "$busy" busy

# a script cut at the time limit (the session goes on), then a macrostep
# that never ends (the session is stopped)
api POST /sessions '{"document": "limits"}'
expect 201 "POST /sessions (limits)"
id=$(json 'j["id"]')
api POST "/sessions/$id/events" '{"name": "loop"}'
expect 202 "loop"
api POST "/sessions/$id/events" '{"name": "hog"}'
expect 202 "hog"
api GET "/sessions/$id"
expect 200 "the session outlived its script"
api POST "/sessions/$id/events" '{"name": "spin"}'
expect 202 "spin"
wait_log '"kind":"exit"' 6

curl -s -D "$out/metrics.hdr" -o "$out/metrics.txt" "http://127.0.0.1:$http/metrics"
grep -qi '^content-type: text/plain; version=0.0.4' "$out/metrics.hdr" ||
	fail "/metrics is not the text exposition format"
python3 "$http_dir/metrics_check.py" "$out/events.jsonl" "$out/metrics.txt" \
	"sipscxml_sessions_started_total{document=\"$top_srcdir/tests/serve/flow_a.scxml\"}=3" \
	"sipscxml_sessions_started_total{document=\"$http_dir/flow_api.scxml\"}=2" \
	'sipscxml_sessions_ended_total{reason="done"}=5' \
	'sipscxml_sessions_ended_total{reason="macrostep-time-limit"}=1' \
	'sipscxml_script_limit_errors_total{limit="time"}=1' \
	'sipscxml_script_limit_errors_total{limit="session-memory"}=1' \
	'sipscxml_inbound_calls_refused_total{status="404"}=2' \
	'sipscxml_action_results_total{event="voice.createcall.done",error=""}=1' \
	'sipscxml_action_results_total{event="error.voice.createcall",error="busy"}=1' \
	'sipscxml_sip_responses_total{class="1xx"}=1' \
	'sipscxml_sip_responses_total{class="2xx"}=11' \
	'sipscxml_sip_responses_total{class="4xx"}=1' \
	>"$out/metrics_check.txt" 2>&1 || {
	sed 's/^/     /' "$out/metrics_check.txt"
	fail "/metrics and the event log disagree"
}
grep -q '^sipscxml_calls{' "$out/metrics.txt" && fail "calls left in the gauge"
lag=$(sed -n 's/^sipscxml_event_loop_lag_seconds_count //p' "$out/metrics.txt")
[ "${lag:-0}" -ge 1 ] || fail "the lag timer never ran"

kill -TERM "$engine_pid"
wait_bounded "$engine_pid" 30
rc=$?
[ $rc -eq 0 ] || fail "sipscxml serve exit status $rc, expected 0"
check_log sessions=6 final:pass_api=1 final:fail=1 reason:macrostep-time-limit=1
pass
