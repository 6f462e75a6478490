#!/bin/bash
# tests/kamailio_dispatcher/drain.sh: configs/kamailio/kamailio.cfg in
# front of two real `sipscxml serve` instances, a and b (issue 8):
#   1. 10 calls through Kamailio spread over both (each event log has some);
#   2. two calls that the caller never hangs up, one on each instance;
#   3. SIGTERM to b: it answers OPTIONS 503, Kamailio's next probe takes it
#      out of the set; then 10 more calls, which all go to a;
#   4. b's drain time (2 s) ends: it releases its held call (BYE through the
#      proxy, answered by the caller) and exits 0; then the same for a.
# It passes when no call failed (every SIPp caller exits 0), both instances
# exit 0, b started no session after its SIGTERM and a took all 10 calls of
# step 3, and in each event log every session ended: the held one stopped
# by the drain, every other one in its final state.
#
# Exit 77 when sipscxml has no `serve` command, or Kamailio or SIPp is
# missing. Everything on 127.0.0.1, bounded, stopped by PID.
# Logs: $top_builddir/tests/out/kamailio_dispatcher_drain/.
name=kamailio_dispatcher_drain
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
prog=${SIPSCXML:-$top_builddir/sipscxml}
[ -x "$prog" ] || { echo "FAIL: $name: $prog not built"; exit 1; }
"$prog" serve --help >/dev/null 2>&1 || skip "sipscxml has no serve command"

# --- The instances --------------------------------------------------------
# start_instance NAME PORT: `sipscxml serve` on 127.0.0.1:PORT, every call
# to a new session of answer.scxml; sets last_pid.
start_instance() { # name port
	cat >"$out/$1.conf" <<CONF
[serve]
drain-time = 2
[routes]
default = $here/answer.scxml
CONF
	"$prog" serve --config "$out/$1.conf" --bind "127.0.0.1:$2" \
		--events "$out/$1.jsonl" >"$out/$1.out" 2>&1 </dev/null &
	last_pid=$!
}
# sessions NAME: how many sessions NAME started.
sessions() { grep -c '"kind":"start"' "$out/$1.jsonl" 2>/dev/null || true; }
# answered NAME: how many calls NAME's flows accepted.
answered() { grep -c '"name":"interaction.accept.done"' "$out/$1.jsonl" 2>/dev/null || true; }
# The event logs are flushed every second: counts are waited for.
total_sessions() { [ $(($(sessions a) + $(sessions b))) -ge "$1" ]; }
one_more_each() { [ "$(answered a)" -gt "$1" ] && [ "$(answered b)" -gt "$2" ]; }
# ended NAME REASON: how many of NAME's sessions ended for REASON (done:
# their final state; drain: stopped at the end of the drain time).
ended() { grep '"kind":"exit"' "$out/$1.jsonl" 2>/dev/null | grep -c "\"reason\":\"$2\"" || true; }
# ---------------------------------------------------------------------------

declare -A port_of pid_of
: >"$out/dispatcher.list"
for n in a b; do
	start_bound start_instance "$n" ||
		{ echo "FAIL: $name: instance $n did not start ($out/$n.out)"; exit 1; }
	port_of[$n]=$port
	pid_of[$n]=$last_pid
	echo "1 sip:127.0.0.1:$port 0 0 duid=$n" >>"$out/dispatcher.list"
done
kamailio_up

# 1. Spread.
start_caller caller.xml spread 10 -r 10 -l 4
wait_bounded "$last_pid" 90 || bad "spread: a call failed ($out/spread.err)"
wait_until total_sessions 10
a1=$(sessions a)
b1=$(sessions b)
[ "$a1" -ge 1 ] && [ "$b1" -ge 1 ] && [ $((a1 + b1)) -eq 10 ] ||
	bad "spread: a=$a1 b=$b1 sessions, not some each and 10 in all"

# 2. One held call on each instance (round robin alternates): both
# answered before b is told to stop.
start_caller caller_held.xml held 2 -r 10 -l 2
held=$last_pid
wait_until one_more_each "$a1" "$b1" ||
	bad "held: a=$(answered a) b=$(answered b) calls answered, not one more each"

# 3. Drain b; no call before Kamailio took it out; 10 calls, all on a.
b2=$(sessions b)
a2=$(sessions a)
kill -TERM "${pid_of[b]}"
wait_for_line "$out/kamailio.log" "instance down: sip:127.0.0.1:${port_of[b]}\$" "$kpid" ||
	bad "b never left the set ($out/kamailio.log)"
start_caller caller.xml after 10 -r 10 -l 4
wait_bounded "$last_pid" 90 || bad "after: a call failed ($out/after.err)"

# 4. b ends its drain; then a.
wait_bounded "${pid_of[b]}" 30
rc=$?
[ "$rc" -eq 0 ] || bad "b: exit status $rc, not 0 ($out/b.out)"
kill -TERM "${pid_of[a]}"
wait_bounded "${pid_of[a]}" 30
rc=$?
[ "$rc" -eq 0 ] || bad "a: exit status $rc, not 0 ($out/a.out)"
wait_bounded "$held" 30 || bad "held: a call failed ($out/held.err)"

stop_all
a3=$(sessions a)
b3=$(sessions b)
echo "     sessions: spread a=$a1 b=$b1; held +$((a2 - a1)) +$((b2 - b1));" \
	"after b's SIGTERM a +$((a3 - a2)) b +$((b3 - b2))"
[ "$b3" -eq "$b2" ] || bad "b started $((b3 - b2)) sessions while draining"
[ $((a3 - a2)) -eq 10 ] || bad "a took $((a3 - a2)) of the 10 calls after b's SIGTERM"
for n in a b; do
	s=$(sessions "$n")
	finished=$(ended "$n" "done")
	drained=$(ended "$n" drain)
	[ "$drained" -eq 1 ] && [ $((finished + 1)) -eq "$s" ] ||
		bad "$n: $s sessions, $finished ended done and $drained stopped by the drain (expected 1)"
done
grep -a -q 'draining' "$out/b.out" || bad "b did not say it drains ($out/b.out)"
for n in spread held after; do
	if [ -s "$out/$n.err" ]; then
		bad "$n: SIPp reported errors ($out/$n.err)"
	fi
done
verdict
