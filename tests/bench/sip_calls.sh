#!/bin/sh
# make bench-sip-calls: outbound calls per second one `sipscxml run` session
# creates and completes (createcall, done, terminate; many in flight)
# against SIPp's built-in UAS on loopback, then the same load through the
# bare sofia-sip UAC of tests/bench/, and the ratio of the two.
# Usage: sip_calls.sh [CALLS] [IN_FLIGHT]   Prints JSON lines.
set -u
# Defaults only: an installed sipscxml.conf does not change this run.
export SIPSCXML_CONFIG=
calls=${1:-2000}
inflight=${2:-50}
top=${top_builddir:-.}
src=${top_srcdir:-.}
sipp=${SIPP:-$(command -v sipp)}
[ -n "$sipp" ] || { echo "bench sip-calls: no SIPp, skipped" >&2; exit 0; }

pid=
for _ in 1 2 3 4 5 6 7 8 9 10; do
	port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000 ))
	"$sipp" -sn uas -i 127.0.0.1 -p "$port" -nostdin >/dev/null 2>&1 &
	pid=$!
	sleep 0.5
	if kill -0 "$pid" 2>/dev/null; then
		break
	fi
	pid=
done
[ -n "$pid" ] || { echo "bench sip-calls: SIPp did not start" >&2; exit 1; }
# The one session holds IN_FLIGHT calls at once: above the default
# [voice] max-calls-per-session (32) when asked for more.
conf=$(mktemp)
printf '[voice]\nmax-calls-per-session = %s\n' "$inflight" >"$conf"
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -f "$conf"' EXIT INT TERM

engine=$("$top/sipscxml" run --timeout 120 --bind 127.0.0.1:0 \
	--config "$conf" \
	--define "target=sip:bench@127.0.0.1:$port" \
	--define "calls=$calls" --define "inflight=$inflight" \
	"$src/tests/bench/sip_calls.scxml" 2>&1 >/dev/null |
	sed -n 's/^bench: //p')
bare=$("$top/tests/bench/sip_bare_uac" -n "$calls" -c "$inflight" \
	"sip:bench@127.0.0.1:$port" 2>/dev/null)
echo "$engine"
echo "$bare"
e=$(echo "$engine" | sed -n 's/.*"calls_per_s":\([0-9.]*\).*/\1/p')
b=$(echo "$bare" | sed -n 's/.*"calls_per_s":\([0-9.]*\).*/\1/p')
if [ -n "$e" ] && [ -n "$b" ]; then
	awk -v e="$e" -v b="$b" 'BEGIN { printf "{\"bench\":\"sip-calls-ratio\",\"engine_over_bare\":%.2f}\n", e / b }'
else
	echo "bench sip-calls: a run failed" >&2
	exit 1
fi
