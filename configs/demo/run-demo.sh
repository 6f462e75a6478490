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
# Defaults only: an installed sipscxml.conf does not change this run.
export SIPSCXML_CONFIG=
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
cleanup() { # stops only our own children still running
	local j
	j=$(jobs -p)
	# shellcheck disable=SC2086 # one word per pid
	[ -n "$j" ] && kill $j 2>/dev/null
	rm -rf "$out"
}
trap cleanup EXIT

# Local ports in use (UDP and TCP), from /proc.
ports_in_use() {
	awk '{print $2}' /proc/net/udp /proc/net/tcp /proc/net/udp6 \
		/proc/net/tcp6 2>/dev/null
}

# A port nobody uses on this machine.
free_port() {
	local p
	while :; do
		p=$(( (RANDOM % 30000) + 20000 ))
		ports_in_use | grep -qi ":$(printf '%04X' "$p")\$" || {
			echo "$p"
			return
		}
	done
}

# SIPp listens on its port (up to 15 s on a loaded machine).
wait_bound() { # port pid
	local i
	for ((i = 0; i < 300; i++)); do
		ports_in_use | grep -qi ":$(printf '%04X' "$1")\$" && return 0
		kill -0 "$2" 2>/dev/null || return 1
		sleep 0.05
	done
	return 1
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
if ! wait_bound "$customer_port" "${pids[0]}" ||
	! wait_bound "$agent_port" "${pids[1]}"; then
	echo "run-demo: SIPp did not start (ports $customer_port, $agent_port)" >&2
	exit 1
fi

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
