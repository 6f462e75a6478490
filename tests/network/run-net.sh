# shellcheck shell=bash
# tests/network/run-net.sh: the driver of the network tests (loss.sh,
# delay.sh, partition.sh source it). Each runs a flow against SIPp peers
# inside a network namespace the test makes (`ip netns add`, its loopback
# only), with every datagram between the engine and a peer going through
# tests/network/udp_relay (one relay per peer: it delays and reorders), and
# iptables rules inside the namespace (random loss, a partition). A
# condition sets, before sourcing this file:
#
#   doc=FLOW                 the flow, in this folder
#   peers=("SCEN DEFINE" ...) SIPp scenarios of this folder; the flow gets
#                            --define DEFINE=sip:DEFINE@127.0.0.1:RELAY
#   relay=(DELAY JITTER)     the relays' delay and jitter in ms (seeds are
#                            fixed: 1, 2, ... in peer order)
#   rules()                  a function printing iptables argument lines in
#                            shell quoting (ENGINE is the engine's port),
#                            applied in the
#                            namespace before anything starts
#   expect="..."             the call events of the log (tests/sipp/event_log)
#   conf=FILE                the sipscxml configuration, in this folder
#   flow_timeout=N           sipscxml run --timeout
#   tail_ms=N                how long a SIPp peer stays after its last 200
#                            to answer copies of the BYE (SIPp's -d; 0)
#   network_check()          optional: asserts, from $out (iptables.after,
#                            relay-*.txt), that the network did misbehave
#
# The verdict: sipscxml exits 0 in the final state pass, every SIPp exits 0
# (each scenario ran to the end: every dialog it had ended with a BYE it
# answered), no SIPp saw an unexpected message but copies of expected ones
# (SIPp goes on past one, -default_behaviors all,-abortunexp: a request the
# engine re-sends because the network lost the peer's answer reaches a
# script that waits for the ACK or the next request; ports.sh
# sipp_unexpected judges them afterwards), and the event log holds exactly the expected call events —
# one result per action, and one interaction.deleted per SIPp dialog.
# Skipped (77) where no namespace can be made: not root, no `ip`, no
# `iptables`, or the kernel refuses. Logs: $top_builddir/tests/out/network/NAME/.
set -u
export SIPSCXML_CONFIG=

here=$(cd "$(dirname "$0")" && pwd)
name=$(basename "$0" .sh)
: "${top_srcdir:=$(cd "$here/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
prog=${SIPSCXML:-$top_builddir/sipscxml}
checker=${EVENT_LOG:-$top_builddir/tests/sipp/event_log}
relay_prog=${UDP_RELAY:-$top_builddir/tests/network/udp_relay}
sipp=${SIPP:-}
[ -n "$sipp" ] || sipp=$(command -v sipp || true)
: "${flow_timeout:=90}"
: "${tail_ms:=0}"
[ "${relay+set}" ] || relay=(0 0)

skip() {
	echo "SKIP: network/$name: $*"
	exit 77
}

# Outside the namespace: make it, run this script again inside it, remove it.
if [ -z "${SIPSCXML_NETNS:-}" ]; then
	[ "$(id -u)" = 0 ] || skip "needs root to make a network namespace"
	command -v ip >/dev/null || skip "no ip (package iproute2)"
	command -v iptables >/dev/null ||
		{ [ -x /usr/sbin/iptables ] || skip "no iptables (package iptables)"; }
	[ -n "$sipp" ] && [ -x "$sipp" ] || skip "no SIPp (package sip-tester)"
	for f in "$prog" "$checker" "$relay_prog"; do
		[ -x "$f" ] || { echo "FAIL: network/$name: $f not built"; exit 1; }
	done
	ns=sipscxml-$name-$$
	ip netns add "$ns" 2>/dev/null || skip "cannot make a network namespace (ip netns add)"
	if ! ip netns exec "$ns" ip link set lo up; then
		ip netns del "$ns"
		skip "cannot bring up the namespace's loopback"
	fi
	# The probe rule: iptables and its statistic match work in there.
	if ! ip netns exec "$ns" iptables -A OUTPUT -p udp -m statistic \
		--mode random --probability 0 -j ACCEPT 2>/dev/null; then
		ip netns del "$ns"
		skip "iptables does not work in a namespace here"
	fi
	ip netns exec "$ns" iptables -F OUTPUT
	export top_srcdir top_builddir
	SIPSCXML_NETNS=$ns SIPSCXML=$prog EVENT_LOG=$checker UDP_RELAY=$relay_prog \
		SIPP=$sipp ip netns exec "$ns" bash "$0"
	rc=$?
	ip netns del "$ns"
	exit $rc
fi
PATH=$PATH:/usr/sbin

out=$top_builddir/tests/out/network/$name
# shellcheck source=../sipp/ports.sh
. "$top_srcdir/tests/sipp/ports.sh"
fresh_out "$out"
trap kill_jobs EXIT

fail=0
note() { echo "     $*"; }

# Nothing else runs in the namespace: the ports are free for sure.
ENGINE=$(free_port)
while read -r line; do
	[ -n "$line" ] || continue
	# an argument line, in shell quoting (a string match may hold blanks)
	eval "iptables $line" || { echo "FAIL: network/$name: iptables $line"; exit 1; }
done < <(rules)
iptables -S INPUT >"$out/iptables.before"

run_args=(run --timeout "$flow_timeout" --events "$out/events.jsonl")
[ -n "${conf:-}" ] && run_args+=(--config "$here/$conf")
sipp_pids=()
sipp_names=()
relay_pids=()
seed=0
for p in "${peers[@]}"; do
	read -r scen def <<<"$p"
	seed=$((seed + 1))
	sport=$(free_port)
	rport=$(free_port)
	while [ "$rport" = "$sport" ] || [ "$rport" = "$ENGINE" ]; do rport=$(free_port); done
	base=${scen%.xml}
	"$sipp" -sf "$here/$scen" -i 127.0.0.1 -p "$sport" -m 1 \
		-key relay "$rport" -d "$tail_ms" -timeout 100s -timeout_error -nostdin \
		"${sipp_lenient[@]}" \
		-trace_msg -message_file "$out/$base.msg" \
		-trace_err -error_file "$out/$base.err" >"$out/$base.out" 2>&1 &
	sipp_pids+=("$!")
	sipp_names+=("$base")
	wait_port "$sport" "$!" udp || { echo "FAIL: network/$name: SIPp $scen did not start"; exit 1; }
	"$relay_prog" "$rport" "$sport" "${relay[0]}" "${relay[1]}" "$seed" \
		2>"$out/relay-$base.txt" &
	relay_pids+=("$!")
	wait_port "$rport" "$!" udp || { echo "FAIL: network/$name: relay for $scen did not start"; exit 1; }
	run_args+=(--define "$def=sip:$def@127.0.0.1:$rport")
done
run_args+=(--bind "127.0.0.1:$ENGINE" "$here/$doc")

echo "$prog ${run_args[*]}" >"$out/command"
start=$SECONDS
"$prog" "${run_args[@]}" >"$out/stdout" 2>"$out/stderr" </dev/null &
flow_pid=$!
wait_bounded "$flow_pid" $((flow_timeout + 15))
rc=$?
if [ $rc -ne 0 ]; then
	note "sipscxml exit status $rc (stderr: $out/stderr)"
	fail=1
fi
for i in "${!sipp_pids[@]}"; do
	wait_bounded "${sipp_pids[$i]}" 60
	rc=$?
	if [ $rc -ne 0 ]; then
		note "SIPp ${sipp_names[$i]} exit status $rc (see $out/${sipp_names[$i]}.*)"
		fail=1
	fi
	if ! why=$(sipp_unexpected "$out/${sipp_names[$i]}"); then
		note "SIPp ${sipp_names[$i]}: $why"
		fail=1
	fi
done
for p in "${relay_pids[@]}"; do
	kill -TERM "$p" 2>/dev/null
	wait_bounded "$p" 5
done
iptables -L INPUT -v -n >"$out/iptables.after"
echo "$((SECONDS - start)) s" >"$out/duration"

# shellcheck disable=SC2086 # expect is a list of words
"$checker" "$out/events.jsonl" pass $expect >"$out/event_log.txt" || {
	sed 's/^/     /' "$out/event_log.txt"
	fail=1
}
# What the network did, for the log: datagrams dropped, relayed.
note "$(awk '$3 == "DROP" { n += $1 } END { print n + 0 " datagrams dropped by iptables" }' "$out/iptables.after")"
cat "$out"/relay-*.txt | sed 's/^/     /'
if declare -F network_check >/dev/null && ! network_check; then
	note "the network did not misbehave as the condition says"
	fail=1
fi
if [ $fail -ne 0 ]; then
	[ -s "$out/stderr" ] && sed 's/^/     stderr: /' "$out/stderr" | tail -20
	for e in "$out"/*.err; do
		[ -s "$e" ] && tail -10 "$e" |
			awk -v n="$(basename "$e")" '{ print "     " n ": " $0 }'
	done
	echo "FAIL: network/$name (logs: $out)"
	exit 1
fi
echo "PASS: network/$name ($((SECONDS - start)) s)"
exit 0
