#!/bin/bash
# http_api/api_voice_refusals: the voice module's own refusals are in
# sipscxml_inbound_calls_refused_total with the router's. With [voice]
# max-ringing = 1, a first call rings on a flow that never answers; a
# second one, while the first rings, gets 503 (max-ringing) before any
# routing; the first then gets 480 at [voice] ring-timeout. /metrics counts
# one of each, next to the router's 404 for a call with no route.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

# 8 s: room for the second call to come while the first rings, however
# loaded the machine.
write_config "[voice]" "max-ringing = 1" "ring-timeout = 8s"
start_api

sipp_call ringing ../../serve/uac_480.xml 1 -s ring
ringing=$last_pid
wait_log '"name":"interaction.added"' 1
sipp_call full ../../serve/uac_503.xml 1 -s ring
sipp_ok "$last_pid" full
sipp_ok "$ringing" ringing
sipp_call noroute ../../serve/uac_404.xml 1 -s nosuch
sipp_ok "$last_pid" noroute
wait_log '"kind":"exit"' 1

curl -s -o "$out/metrics.txt" "http://127.0.0.1:$http/metrics" || fail "GET /metrics"
python3 "$http_dir/metrics_check.py" "$out/events.jsonl" "$out/metrics.txt" \
	'sipscxml_inbound_calls_refused_total{status="503"}=1' \
	'sipscxml_inbound_calls_refused_total{status="480"}=1' \
	'sipscxml_inbound_calls_refused_total{status="404"}=1' \
	>"$out/metrics_check.txt" 2>&1 || {
	sed 's/^/     /' "$out/metrics_check.txt"
	fail "/metrics and the refusals disagree"
}

kill -TERM "$engine_pid"
wait_bounded "$engine_pid" 30
rc=$?
[ $rc -eq 0 ] || fail "sipscxml serve exit status $rc, expected 0"
check_log sessions=1 final:pass_ring=1 event:interaction.added=1
pass
