#!/bin/sh
# make bench-sip-bare / bench-sip-agent: a UAC of tests/bench/ (the bare
# sofia-sip one, or the same load through sip/'s agent) against SIPp's
# built-in UAS on loopback, for a bounded number of calls. Prints the UAC's
# JSON line. Usage: bench_bare.sh UAC_NAME [CALLS] [IN_FLIGHT]
set -u
name=${1:-sip_bare_uac}
calls=${2:-5000}
inflight=${3:-50}
sipp=${SIPP:-$(command -v sipp)}
uac=${top_builddir:-.}/tests/bench/$name
[ -n "$sipp" ] || { echo "bench $name: no SIPp, skipped" >&2; exit 0; }
[ -x "$uac" ] || { echo "bench $name: $uac not built" >&2; exit 1; }

# A UDP port SIPp can bind: try a few random ones, keep the first SIPp
# stays up on.
pid=
for try in 1 2 3 4 5 6 7 8 9 10; do
	port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000 ))
	"$sipp" -sn uas -i 127.0.0.1 -p "$port" -nostdin >/dev/null 2>&1 &
	pid=$!
	sleep 0.5
	if kill -0 "$pid" 2>/dev/null; then
		break
	fi
	pid=
done
[ -n "$pid" ] || { echo "bench $name: SIPp did not start" >&2; exit 1; }
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null' EXIT INT TERM

"$uac" -n "$calls" -c "$inflight" "sip:bench@127.0.0.1:$port" 2>/dev/null
