#!/bin/bash
# make bench-http-sessions: sessions started per second through serve's
# HTTP API: SESSIONS POST /sessions (curl, IN_FLIGHT requests at once) of
# tests/bench/flow_api_call.scxml, each placing a call to a SIPp UAS
# (tests/bench/uas_answer.xml: 200, takes the BYE) and
# hanging it up. Prints a JSON line: the rate of 201s, and the rate of
# sessions that went all the way (the UAS saw every call and every
# session ended in "done", read from the event log). Figures only.
# Usage: http_sessions.sh [SESSIONS] [IN_FLIGHT]
set -u
export SIPSCXML_CONFIG=
n=${1:-1000}
inflight=${2:-20}
top=${top_builddir:-.}
src=${top_srcdir:-.}
sipp=${SIPP:-$(command -v sipp)}
[ -n "$sipp" ] || { echo "bench http-sessions: no SIPp, skipped" >&2; exit 0; }
command -v curl >/dev/null || { echo "bench http-sessions: no curl, skipped" >&2; exit 0; }
# shellcheck source=../sipp/ports.sh
. "$src/tests/sipp/ports.sh"
work=$(mktemp -d)
[ -n "${KEEP:-}" ] && echo "bench http-sessions: work in $work" >&2
pid=
uas=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "$uas" ] && kill "$uas" 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT INT TERM

peer=$(free_port)
"$sipp" -sf "$src/tests/bench/uas_answer.xml" -i 127.0.0.1 \
	-p "$peer" -m "$n" -buff_size 4194304 -timeout 300s -nostdin \
	-trace_screen -screen_file "$work/uas.screen" -trace_err -error_file "$work/uas.err" \
	>/dev/null 2>&1 &
uas=$!
wait_port "$peer" "$uas" udp || { echo "bench http-sessions: SIPp did not start" >&2; exit 1; }

http=$(free_port)
cat >"$work/serve.conf" <<EOC
[serve]
max-sessions = 100000
max-calls = 100000
[http]
bind = 127.0.0.1:$http
[routes]
bench = $src/tests/bench/flow_api_call.scxml
EOC
printf '{"document": "bench", "data": {"peer": "sip:uas@127.0.0.1:%s"}}' "$peer" >"$work/body.json"
"$top/sipscxml" serve --config "$work/serve.conf" --events "$work/events.jsonl" \
	--bind "127.0.0.1:$(free_port)" 2>"$work/serve.err" &
pid=$!
wait_port "$http" "$pid" tcp || { echo "bench http-sessions: serve did not start" >&2; exit 1; }

t0=$(date +%s.%N)
curl -s --no-progress-meter --parallel --parallel-max "$inflight" -X POST \
	-H 'Content-Type: application/json' --data-binary @"$work/body.json" \
	-o /dev/null -w '%{http_code}\n' \
	"http://127.0.0.1:$http/sessions?[1-$n]" >"$work/codes"
t1=$(date +%s.%N)
wait "$uas"
uas=
t2=$(date +%s.%N)
kill -TERM "$pid"
wait "$pid"
pid=
created=$(grep -c '^201$' "$work/codes")
done_=$(grep -c '"kind":"exit".*"final":"done"' "$work/events.jsonl")
awk -v n="$n" -v f="$inflight" -v c="$created" -v d="$done_" \
	-v a="$t0" -v b="$t1" -v e="$t2" 'BEGIN {
	printf "{\"bench\":\"http-sessions\",\"sessions\":%d,\"in_flight\":%d,\"created\":%d,\"created_per_s\":%.1f,\"calls_done\":%d,\"sessions_with_call_per_s\":%.1f}\n",
		n, f, c, c / (b - a), d, d / (e - a) }'
