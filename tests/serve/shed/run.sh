#!/bin/bash
# serve/shed: load shedding on event loop lag ([serve] max-loop-lag =
# 200ms). The lag is injected (SIPSCXML_TEST_LOOP_LAG, for tests only):
# at 0.5 s a new INVITE gets 503 with Retry-After and no session is made,
# OPTIONS gets 503 with Retry-After, and /metrics counts the shed call as
# reason="overload"; at 0.1 s the same call is answered 200 and OPTIONS
# 200. With max-loop-lag = 0 (off) even a 5 s lag sheds nothing.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

write_conf() { # max-loop-lag
	http=$(free_port)
	cat >"$out/sipscxml.conf" <<CONF
[serve]
max-loop-lag = $1
[http]
bind = 127.0.0.1:$http
[routes]
hold = $case_dir/../flow_wait.scxml
CONF
}

stop_engine() {
	kill -TERM "$engine_pid"
	wait_bounded "$engine_pid" 30
	local rc=$?
	[ $rc -eq 0 ] || fail "sipscxml serve exit status $rc, expected 0"
}

# lagging: shed
write_conf 200ms
SIPSCXML_TEST_LOOP_LAG=0.5 start_engine serve --events "$out/shed.jsonl" \
	--config "$out/sipscxml.conf"
wait_port "$http" "$engine_pid" tcp || fail "no HTTP API on $http"
sipp_call shed ../uac_503.xml 1 -s hold
sipp_ok "$last_pid" shed
sipp_call probe_shed ../uac_options_503.xml 1 -s hold
sipp_ok "$last_pid" probe_shed
curl -s "http://127.0.0.1:$http/metrics" >"$out/metrics.txt" ||
	fail "GET /metrics"
grep -qx 'sipscxml_inbound_calls_refused_total{reason="overload",status="503"} 1' \
	"$out/metrics.txt" || fail "the shed call is not counted (metrics.txt)"
stop_engine
[ "$(grep -c '"kind":"start"' "$out/shed.jsonl")" = 0 ] ||
	fail "a session was made for a shed call (shed.jsonl)"

# below the limit: served
write_conf 200ms
SIPSCXML_TEST_LOOP_LAG=0.1 start_engine serve --events "$out/events.jsonl" \
	--config "$out/sipscxml.conf"
sipp_call probe ../uac_options.xml 1 -s hold
sipp_ok "$last_pid" probe
sipp_call served ../../sipp/inbound_accept/uac.xml 1 -s hold
sipp_ok "$last_pid" served
wait_log '"kind":"exit"' 1
stop_engine
check_log sessions=1 onecall paired route:hold=1 final:pass_wait=1

# off
write_conf 0
SIPSCXML_TEST_LOOP_LAG=5 start_engine serve --config "$out/sipscxml.conf"
sipp_call probe_off ../uac_options.xml 1 -s hold
sipp_ok "$last_pid" probe_off
stop_engine
pass
