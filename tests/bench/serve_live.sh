#!/bin/bash
# make bench-serve-live: how many answered, idle calls one `sipscxml serve`
# holds. SIPp places LIVE calls (tests/bench/uac_idle.xml, 1000 per second
# at most); each starts a session of tests/serve/flow_wait.scxml, which
# accepts it and waits. Prints one JSON line: the calls answered, the
# seconds from the first interaction.added to the last
# interaction.accept.done (event log times), serve's RSS before and with
# them up, the RSS per call (one session and one call each), of which the
# session alone (`sipscxml bench --sessions`, the same document, no call)
# and the call's SIP and voice state, and how long stopping (releasing
# every call with BYE) took. Figures only.
# Usage: serve_live.sh [LIVE [RATE]]
set -u
export SIPSCXML_CONFIG=
live=${1:-10000}
rate=${2:-2000}
top=${top_builddir:-.}
src=${top_srcdir:-.}
sipp=${SIPP:-$(command -v sipp)}
[ -n "$sipp" ] || { echo "bench serve-live: no SIPp, skipped" >&2; exit 0; }
# shellcheck source=../sipp/ports.sh
. "$src/tests/sipp/ports.sh"
work=$(mktemp -d)
pid=
spid=
trap '[ -n "$spid" ] && kill "$spid" 2>/dev/null; [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$work"' EXIT INT TERM
ulimit -n 65536 2>/dev/null || true

cat >"$work/serve.conf" <<EOC
[voice]
max-ringing = 100000
[serve]
max-sessions = 100000
max-calls = 100000
[routes]
default = $src/tests/serve/flow_wait.scxml
EOC

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
# Seconds since the epoch of an event log "time" (ISO 8601, UTC).
log_time() { # regex first|last
	local line
	if [ "$2" = first ]; then
		line=$(grep -m1 -E "$1" "$work/events.jsonl")
	else
		line=$(grep -E "$1" "$work/events.jsonl" | tail -1)
	fi
	date -u -d "$(echo "$line" | sed -n 's/.*"time":"\([^"]*\)".*/\1/p')" +%s.%N
}

port=$(free_port)
"$top/sipscxml" serve --config "$work/serve.conf" --events "$work/events.jsonl" \
	--bind "127.0.0.1:$port" 2>"$work/serve.err" &
pid=$!
wait_port "$port" "$pid" udp || { echo "bench serve-live: serve did not start" >&2; exit 1; }
sleep 0.5
rss0=$(rss_kb "$pid")
"$sipp" -sf "$src/tests/bench/uac_idle.xml" -s bench -i 127.0.0.1 \
	-p "$(free_port)" -m "$live" -l "$live" -r "$rate" -buff_size 8388608 \
	-timeout 900s -nostdin "127.0.0.1:$port" >/dev/null 2>&1 &
spid=$!
answered=0
for ((i = 0; i < 1200; i++)); do
	answered=$(grep -c '"name":"interaction.accept.done"' "$work/events.jsonl")
	[ "$answered" -ge "$live" ] && break
	kill -0 "$spid" 2>/dev/null || break
	sleep 0.5
done
sleep 1
rss1=$(rss_kb "$pid")
t0=$(log_time '"name":"interaction.added"' first)
t1=$(log_time '"name":"interaction.accept.done"' last)
s0=$(date +%s.%N)
kill -TERM "$pid"
sleep 0.2
kill -TERM "$pid"
wait "$pid"
s1=$(date +%s.%N)
pid=
wait "$spid"
spid=
per_session=$("$top/sipscxml" bench --count 0 --sessions "$live" \
	"$src/tests/serve/flow_wait.scxml" |
	sed -n 's/.*"bytes_per_session":\([0-9]*\).*/\1/p')
awk -v n="$answered" -v rate="$rate" -v ps="${per_session:-0}" -v want="$live" -v r0="$rss0" -v r1="$rss1" \
	-v t0="$t0" -v t1="$t1" -v s0="$s0" -v s1="$s1" 'BEGIN {
	printf "{\"bench\":\"serve-live\",\"calls\":%d,\"sipp_rate\":%d,\"answered\":%d,", want, rate, n
	printf "\"seconds_to_answer\":%.2f,\"rss_before_kb\":%d,", t1 - t0, r0
	pc = n ? (r1 - r0) / n : 0
	printf "\"rss_live_kb\":%d,\"rss_per_call_kb\":%.1f,", r1, pc
	printf "\"of_which_session_kb\":%.1f,\"of_which_sip_voice_kb\":%.1f,", ps / 1024, pc - ps / 1024
	printf "\"seconds_to_release\":%.2f}\n", s1 - s0 }'
