#!/bin/bash
# make bench-serve-calls: inbound calls per second into `sipscxml serve`,
# each routed to a new session of tests/serve/flow_a.scxml (accept, hold,
# retrieve, terminate), against the bare sofia-sip UAS of
# tests/bench/sip_bare_uas.c doing the same to the same SIPp load
# (tests/serve/uac_hold_retrieve.xml, CALLS calls, IN_FLIGHT at once), in
# the same run. Prints JSON lines: each side's rate and failed calls, and
# the ratio serve / bare. Figures only: nothing here passes or fails.
# RATE (calls/s SIPp offers; default: as fast as IN_FLIGHT allows) and
# MAX_LOOP_LAG (serve's [serve] max-loop-lag, default 0: off) show load
# shedding: e.g. 10000 calls, 5000 in flight, 4000/s, with and without 200ms.
# Usage: serve_calls.sh [CALLS] [IN_FLIGHT] [RATE] [MAX_LOOP_LAG]
set -u
export SIPSCXML_CONFIG=
calls=${1:-2000}
inflight=${2:-50}
rate=${3:-100000}
max_loop_lag=${4:-0}
top=${top_builddir:-.}
src=${top_srcdir:-.}
sipp=${SIPP:-$(command -v sipp)}
[ -n "$sipp" ] || { echo "bench serve-calls: no SIPp, skipped" >&2; exit 0; }
# shellcheck source=../sipp/ports.sh
. "$src/tests/sipp/ports.sh"
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT INT TERM

cat >"$work/serve.conf" <<EOC
[voice]
max-ringing = 100000
[serve]
max-sessions = 100000
max-calls = 100000
max-loop-lag = $max_loop_lag
[routes]
default = $src/tests/serve/flow_a.scxml
EOC

# One SIPp run against 127.0.0.1:$1: prints "calls_per_s failed ok
# seconds".
load() {
	local t0 t1 ok failed
	t0=$(date +%s.%N)
	"$sipp" -sf "$src/tests/serve/uac_hold_retrieve.xml" -s bench \
		-i 127.0.0.1 -p "$(free_port)" -m "$calls" -l "$inflight" \
		-r "$rate" -buff_size 4194304 -timeout 300s -nostdin -trace_screen \
		-screen_file "$work/screen.$1" "127.0.0.1:$1" >/dev/null 2>&1
	t1=$(date +%s.%N)
	ok=$(sed -n 's/^ *Successful call *|.*| *\([0-9]*\) *$/\1/p' "$work/screen.$1" | tail -1)
	failed=$(sed -n 's/^ *Failed call *|.*| *\([0-9]*\) *$/\1/p' "$work/screen.$1" | tail -1)
	awk -v ok="${ok:-0}" -v f="${failed:-$calls}" -v a="$t0" -v b="$t1" \
		'BEGIN { printf "%.1f %d %d %.2f\n", ok / (b - a), f, ok, b - a }'
}

port=$(free_port)
"$top/sipscxml" serve --config "$work/serve.conf" \
	--bind "127.0.0.1:$port" 2>"$work/serve.err" &
pid=$!
wait_port "$port" "$pid" udp || { echo "bench serve-calls: serve did not start" >&2; exit 1; }
read -r s_rate s_failed s_ok s_secs <<<"$(load "$port")"
kill -TERM "$pid"
wait "$pid"
pid=

port=$(free_port)
"$top/tests/bench/sip_bare_uas" -b "sip:127.0.0.1:$port" >"$work/bare.out" &
pid=$!
wait_port "$port" "$pid" udp || { echo "bench serve-calls: bare UAS did not start" >&2; exit 1; }
read -r b_rate b_failed b_ok b_secs <<<"$(load "$port")"
kill -TERM "$pid"
wait "$pid"
pid=

printf '{"bench":"serve-inbound","calls":%d,"in_flight":%d,"offered_per_s":%d,"max_loop_lag":"%s","calls_per_s":%s,"ok":%d,"failed":%d,"seconds":%s}\n' \
	"$calls" "$inflight" "$rate" "$max_loop_lag" "$s_rate" "$s_ok" "$s_failed" "$s_secs"
printf '{"bench":"sip-bare-uas","calls":%d,"in_flight":%d,"offered_per_s":%d,"calls_per_s":%s,"ok":%d,"failed":%d,"seconds":%s}\n' \
	"$calls" "$inflight" "$rate" "$b_rate" "$b_ok" "$b_failed" "$b_secs"
awk -v s="$s_rate" -v b="$b_rate" -v f="$s_failed" 'BEGIN {
	printf "{\"bench\":\"serve-inbound-ratio\",\"serve_over_bare\":%.2f,\"serve_failed\":%d}\n", (b > 0 ? s / b : 0), f }'
