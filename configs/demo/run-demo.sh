#!/bin/bash
# The demo: consult-then-transfer (configs/demo/consult-transfer.scxml)
# against two SIPp endpoints on loopback playing the customer and the agent.
# sipscxml calls the customer, holds them and consults the agent, then
# transfers the customer to the agent (REFER with Replaces) and leaves.
# The session's events print as they happen (JSON lines), the flow's own
# <log> lines on stderr. Exit 0 when the flow and both endpoints succeeded.
#
# Run from the build tree's top (./sipscxml) or set SIPSCXML; SIPP may name
# the sipp binary.
set -u
here=$(cd "$(dirname "$0")" && pwd)
prog=${SIPSCXML:-./sipscxml}
sipp=${SIPP:-$(command -v sipp || true)}
if [ ! -x "$prog" ]; then
	echo "run-demo: $prog not found: build first (make), or set SIPSCXML" >&2
	exit 1
fi
if [ -z "$sipp" ]; then
	echo "run-demo: sipp not found (Debian package sip-tester)" >&2
	exit 1
fi
out=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	rm -rf "$out"
}
trap cleanup EXIT

# A UDP/TCP port nobody uses on this machine (checked in /proc).
free_port() {
	local p hex
	while :; do
		p=$(( (RANDOM % 30000) + 20000 ))
		hex=$(printf ':%04X ' "$p")
		grep -q "$hex" /proc/net/udp /proc/net/tcp 2>/dev/null || {
			echo "$p"
			return
		}
	done
}

start_peer() { # name port
	"$sipp" -sf "$here/$1.xml" -i 127.0.0.1 -p "$2" -m 1 -timeout 30s \
		-timeout_error -nostdin -trace_err -error_file "$out/$1.err" \
		>/dev/null 2>&1 &
	pids+=($!)
}

customer_port=$(free_port)
agent_port=$(free_port)
while [ "$agent_port" = "$customer_port" ]; do agent_port=$(free_port); done
start_peer customer "$customer_port"
start_peer agent "$agent_port"
sleep 0.3 # let SIPp bind

echo "== customer: SIPp on 127.0.0.1:$customer_port, agent: SIPp on 127.0.0.1:$agent_port"
echo "== sipscxml run configs/demo/consult-transfer.scxml (events as they happen)"
"$prog" run --timeout 30 --events - --bind 127.0.0.1:0 \
	--define "customer=sip:customer@127.0.0.1:$customer_port" \
	--define "agent=sip:agent@127.0.0.1:$agent_port" \
	"$here/consult-transfer.scxml"
rc=$?

status=0
for i in 0 1; do
	wait "${pids[$i]}" || status=1
done
pids=()
if [ $rc -eq 0 ] && [ $status -eq 0 ]; then
	echo "== demo passed: the flow reached its final state; the customer saw the hold and a REFER with Replaces, the agent answered; both legs released"
	exit 0
fi
echo "== demo FAILED: sipscxml exit $rc, SIPp endpoints $([ $status -eq 0 ] && echo ok || echo failed)" >&2
cat "$out"/*.err >&2 2>/dev/null
exit 1
