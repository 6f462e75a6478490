#!/bin/bash
# tests/kamailio_dispatcher/run.sh: configs/kamailio/kamailio.cfg, as
# shipped, in front of four `sipscxml serve` instances on loopback, and a
# caller (SIPp) placing a bounded number of calls through it:
#   a, b  healthy: OPTIONS 200, calls answered
#   c     draining: OPTIONS 503 (as `serve` after SIGTERM)
#   d     full: OPTIONS 200 but INVITE 503 + Retry-After (as `serve` past
#         max-sessions between two probes)
# It passes when every call completed (answered, ACK and BYE through the
# proxy along the recorded route), the calls spread over a and b (each
# answered some; together all, none twice), c was probed and answered
# none, d was offered calls and each one it refused failed over.
#
# The instances are SIPp stand-ins, which can be put in states a real
# `serve` reaches only by a race (d). drain.sh runs two real `serve`
# instances (drain on SIGTERM). To run this scenario against real ones,
# replace the three functions under "The instances" (start_instance,
# instance_calls, instance_refused); nothing else knows what an instance is.
#
# Everything listens on 127.0.0.1 on free ports, is bounded (-m, -timeout)
# and is stopped by PID. Exit 77 when Kamailio or SIPp is missing.
# Logs: $top_builddir/tests/out/kamailio_dispatcher/.
name=kamailio_dispatcher
calls=${KD_CALLS:-20}
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# --- The instances --------------------------------------------------------
# start_instance NAME ROLE PORT: start instance NAME in the background,
# SIP over UDP on 127.0.0.1:PORT, and set last_pid. ROLE:
#   healthy   takes calls: OPTIONS 200, INVITE answered, held until BYE
#   draining  OPTIONS 503 (real serve: SIGTERM while it holds a call)
#   full      OPTIONS 200, INVITE 503 with Retry-After
start_instance() { # name role port
	local scenario=instance.xml
	case $2 in
	draining) scenario=instance_draining.xml ;;
	full) scenario=instance_full.xml ;;
	esac
	"$sipp" -sf "$here/$scenario" \
		-i 127.0.0.1 -p "$3" -timeout 90s -nostdin \
		-trace_logs -log_file "$out/$1.log" \
		-trace_msg -message_file "$out/$1.msg" \
		-trace_err -error_file "$out/$1.err" \
		>"$out/$1.out" 2>&1 &
	last_pid=$!
}
# instance_calls NAME: the Call-IDs of the calls NAME answered, one a line.
instance_calls() { sed -n 's/^invite //p' "$out/$1.log" 2>/dev/null | sort -u; }
# instance_refused NAME: the Call-IDs of the calls NAME refused with 503.
instance_refused() { sed -n 's/^refused //p' "$out/$1.log" 2>/dev/null | sort -u; }
# ---------------------------------------------------------------------------

declare -A role port_of
names=(a b c d)
role=([a]=healthy [b]=healthy [c]=draining [d]=full)
: >"$out/dispatcher.list"
for n in "${names[@]}"; do
	start_bound start_instance "$n" "${role[$n]}" ||
		{ echo "FAIL: $name: instance $n did not start ($out/$n.out)"; exit 1; }
	port_of[$n]=$port
	echo "1 sip:127.0.0.1:$port 0 0 duid=$n" >>"$out/dispatcher.list"
done

kamailio_up

# No call before the draining instance left the set: its first probe
# (DS_PING_INTERVAL after the start) takes it out.
wait_for_line "$out/kamailio.log" "instance down: sip:127.0.0.1:${port_of[c]}\$" "$kpid" ||
	{ echo "FAIL: $name: the draining instance c never left the set ($out/kamailio.log)"; exit 1; }

# The caller: $calls calls, at most 4 at once, each held 200 ms.
start_caller caller.xml caller "$calls" -r 10 -l 4
caller=$last_pid
wait_bounded "$caller" 90
rc=$?
[ "$rc" -eq 0 ] || bad "caller: SIPp exit $rc: a call failed ($out/caller.err)"

stop_all

count() { grep -c . || true; }
na=$(instance_calls a | count)
nb=$(instance_calls b | count)
nc=$(cat <(instance_calls c) <(instance_refused c) | count)
nd=$(instance_calls d | count)
refused=$(instance_refused d | count)
both=$(sort <(instance_calls a) <(instance_calls b) | uniq -d | count)
failovers=$(grep -c 'failover INVITE' "$out/kamailio.log")
probes_c=$(grep -c '^options ' "$out/c.log" 2>/dev/null)
echo "     calls answered: a=$na b=$nb c=$nc d=$nd; refused by d: $refused;" \
	"failovers: $failovers; probes of c: $probes_c"

[ "$na" -ge 1 ] || bad "instance a answered no call"
[ "$nb" -ge 1 ] || bad "instance b answered no call"
[ $((na + nb)) -eq "$calls" ] || bad "a and b answered $((na + nb)) calls, not $calls"
[ "$both" -eq 0 ] || bad "$both calls reached both a and b"
[ "$nc" -eq 0 ] || bad "the draining instance c was offered $nc calls"
[ "$probes_c" -ge 1 ] || bad "the draining instance c was never probed"
[ "$nd" -eq 0 ] || bad "the full instance d answered $nd calls"
[ "$refused" -ge 1 ] || bad "the full instance d was never offered a call"
[ "$failovers" -eq "$refused" ] ||
	bad "$refused calls refused by d, $failovers failed over"
# A stand-in's failed check (a BYE that did not cross the proxy, an INVITE
# without Record-Route) or an unexpected message is in its error file.
for n in "${names[@]}" caller; do
	if [ -s "$out/$n.err" ]; then
		bad "$n: SIPp reported errors ($out/$n.err)"
	fi
done

verdict
