#!/bin/bash
# tests/soak/soak.sh: `make soak` — SOAK_MINUTES (default 30) of SIPp load
# through the engine, on 127.0.0.1:
#
#   SIPp uac.xml ── SOAK_RATE calls/s (default 10), each up SOAK_HOLD_MS
#   (default 4000) after the engine answered, held and retrieved it ──▶
#   the engine ── one outbound call per inbound call answered (createcall,
#   terminate) ──▶ SIPp's built-in uas
#
# The engine is SOAK_ENGINE: `serve` (the default when the program has it)
# routes each call to a new session of tests/soak/soak_call.scxml (route
# "soak"), so sessions come and go by the thousand; `run` is one session,
# tests/soak/soak.scxml, that takes every call. About SOAK_RATE ×
# (SOAK_HOLD_MS/1000 + 1) × 2 calls are in flight. The engine's RSS is
# sampled every minute. At the end it prints: calls completed and failed
# (SIPp's count of its inbound calls; the flow's counts, or with serve the
# sessions that ended in pass / elsewhere), the RSS samples and the growth
# from minute 5 to the end
# (from minute 1 when the run is shorter than 6 minutes, said so), and the
# leaks at exit: LeakSanitizer's report when the engine is an ASan build
# (configure --enable-sanitizers), valgrind's with SOAK_VALGRIND=1 (slow:
# lower SOAK_RATE), else "not checked". Exit 0 when nothing failed, the
# growth is under 5 % and no leak was reported.
# Not part of `make check` or CI. Logs: $top_builddir/tests/out/soak/.
set -u
export SIPSCXML_CONFIG=
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$(cd "$here/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
prog=${SIPSCXML:-$top_builddir/sipscxml}
sipp=${SIPP:-}
[ -n "$sipp" ] || sipp=$(command -v sipp || true)
minutes=${SOAK_MINUTES:-30}
rate=${SOAK_RATE:-10}
hold_ms=${SOAK_HOLD_MS:-4000}
[ -n "$sipp" ] && [ -x "$sipp" ] || { echo "soak: no SIPp (package sip-tester)"; exit 77; }
[ -x "$prog" ] || { echo "soak: $prog not built"; exit 1; }
case $minutes$rate$hold_ms in *[!0-9]*) echo "soak: SOAK_MINUTES, SOAK_RATE, SOAK_HOLD_MS are whole numbers"; exit 2 ;; esac

out=$top_builddir/tests/out/soak
# shellcheck source=../sipp/ports.sh
. "$top_srcdir/tests/sipp/ports.sh"
fresh_out "$out"
trap kill_jobs EXIT

calls=$((rate * minutes * 60))
# The engine's own stop: the flow ends once the load is over; this is
# only the bound should it never drain.
limit=$((minutes * 60 + 300))

uas_port=$(free_port)
"$sipp" -sn uas -i 127.0.0.1 -p "$uas_port" -nostdin -bg \
	>"$out/uas.out" 2>&1 </dev/null || true
# -bg: SIPp forks and prints its pid; stopped by pid below.
uas_pid=$(sed -n 's/.*PID=\[\([0-9]*\)\].*/\1/p' "$out/uas.out" | head -1)
[ -n "$uas_pid" ] || { echo "soak: SIPp uas did not start"; cat "$out/uas.out"; exit 1; }
stop_uas() { kill "$uas_pid" 2>/dev/null; }
trap 'kill_jobs; stop_uas' EXIT
wait_port "$uas_port" "$uas_pid" udp || { echo "soak: SIPp uas did not bind"; exit 1; }

engine_port=$(free_port)
engine_kind=${SOAK_ENGINE:-}
if [ -z "$engine_kind" ]; then
	engine_kind=run
	"$prog" serve --help >/dev/null 2>&1 && engine_kind=serve
fi
case $engine_kind in
serve)
	printf '[routes]\nsoak = %s\n' "$here/soak_call.scxml" >"$out/serve.conf"
	cmd=("$prog" serve --config "$out/serve.conf" --events "$out/events.jsonl"
		--bind "127.0.0.1:$engine_port"
		--define "target=sip:uas@127.0.0.1:$uas_port")
	;;
run)
	cmd=("$prog" run --timeout "$limit" --bind "127.0.0.1:$engine_port"
		--define "target=sip:uas@127.0.0.1:$uas_port"
		--define "minutes=$minutes" "$here/soak.scxml")
	;;
*) echo "soak: SOAK_ENGINE is serve or run"; exit 2 ;;
esac
leaks="not checked (no ASan build; SOAK_VALGRIND=1 runs the engine under valgrind)"
asan=
if ldd "$prog" 2>/dev/null | grep -q libasan; then
	asan=1
	# A small quarantine: the RSS then says less about ASan itself.
	export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:quarantine_size_mb=16}
elif [ "${SOAK_VALGRIND:-0}" = 1 ]; then
	cmd=(valgrind --leak-check=full --errors-for-leak-kinds=definite
		--suppressions="$top_srcdir/tests/valgrind/sofia.supp"
		--log-file="$out/valgrind.txt" "${cmd[@]}")
fi
echo "${cmd[*]}" >"$out/command"
"${cmd[@]}" >"$out/stdout" 2>"$out/stderr" </dev/null &
engine=$!
wait_port "$engine_port" "$engine" udp || { echo "soak: sipscxml did not listen"; exit 1; }

"$sipp" -sf "$here/uac.xml" -i 127.0.0.1 -p "$(free_port)" \
	-s soak "127.0.0.1:$engine_port" -r "$rate" -m "$calls" -d "$hold_ms" \
	-l $((rate * (hold_ms / 1000 + 3))) -nostdin \
	-trace_stat -stf "$out/uac_stat.csv" -fd 60 \
	-trace_err -error_file "$out/uac.err" \
	-timeout "$((limit + 60))s" >"$out/uac.out" 2>&1 </dev/null &
uac=$!

echo "soak: sipscxml $engine_kind, $minutes min, $rate calls/s in, $hold_ms ms each, one call out per call in (logs: $out)"
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }
# With valgrind the engine is valgrind's child process of the same pid.
samples=()
minute=0
next=$((SECONDS + 60))
# serve runs until told: once SIPp's calls are over, it is drained (SIGTERM).
watch=$engine
[ "$engine_kind" = serve ] && watch=$uac
while kill -0 "$watch" 2>/dev/null; do
	if [ $SECONDS -ge $next ]; then
		minute=$((minute + 1))
		r=$(rss "$engine")
		[ -n "$r" ] && samples+=("$r") && echo "soak: minute $minute: RSS $r kB"
		next=$((next + 60))
	fi
	sleep 1
done
wait "$uac"
uac_rc=$?
if [ "$engine_kind" = serve ]; then
	r=$(rss "$engine")
	[ -n "$r" ] && samples+=("$r") && echo "soak: end of load: RSS $r kB"
	kill -TERM "$engine" 2>/dev/null
fi
wait "$engine"
engine_rc=$?
stop_uas

fail=0
# SIPp's own count of its calls: the last line of its statistics.
sipp_ok=$(awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "SuccessfulCall(C)") s = i; if ($i == "FailedCall(C)") f = i } }
	END { print $s + 0, $f + 0 }' "$out/uac_stat.csv" 2>/dev/null)
read -r sipp_done sipp_failed <<<"${sipp_ok:-0 0}"
if [ "$engine_kind" = serve ]; then
	# One exit record per session: its final state.
	passed=$(grep '"kind":"exit"' "$out/events.jsonl" | grep -c '"final":"pass"')
	ended=$(grep -c '"kind":"exit"' "$out/events.jsonl")
	flow_failed=$((ended - passed))
	final="{\"sessions\":$ended,\"passed\":$passed,\"failed\":$flow_failed}"
	[ "$ended" = "$calls" ] || { echo "soak: $ended sessions for $calls calls"; flow_failed=x; }
else
	final=$(sed -n 's/.*soak-final: //p' "$out/stderr" | tail -1)
	flow_failed=$(sed -n 's/.*"failed":\([0-9]*\).*/\1/p' <<<"$final")
fi
echo "soak: SIPp calls completed $sipp_done, failed $sipp_failed (of $calls; exit status $uac_rc)"
echo "soak: flow counts ${final:-none (the flow did not end: see $out/stderr)}"
echo "soak: sipscxml exit status $engine_rc"
if [ "$sipp_failed" != 0 ] || [ "$sipp_done" != "$calls" ] || [ "${flow_failed:-x}" != 0 ] ||
	[ "$engine_rc" != 0 ] || [ "$uac_rc" != 0 ]; then
	fail=1
fi

n=${#samples[@]}
if [ "$n" -ge 2 ]; then
	from=5
	[ "$n" -ge 6 ] || { from=1; echo "soak: shorter than 6 minutes: RSS growth from minute 1"; }
	growth=$(awk -v a="${samples[$((from - 1))]}" -v b="${samples[$((n - 1))]}" 'BEGIN { printf "%.2f", (b - a) * 100 / a }')
	echo "soak: RSS kB each minute (serve: and at the end of the load): ${samples[*]}"
	echo "soak: RSS growth from minute $from to the last sample: $growth %"
	awk -v g="$growth" 'BEGIN { exit g < 5 ? 0 : 1 }' || fail=1
else
	echo "soak: too short for an RSS trend (${samples[*]:-no sample})"
fi

if [ -n "$asan" ]; then
	if grep -q "ERROR: LeakSanitizer" "$out/stderr"; then
		leaks="LeakSanitizer reports leaks: $(grep -c 'Direct leak\|Indirect leak' "$out/stderr") blocks (see $out/stderr)"
		fail=1
	elif grep -q "LeakSanitizer has encountered a fatal error" "$out/stderr"; then
		leaks="not checked: LeakSanitizer could not run (see $out/stderr)"
		fail=1
	else
		leaks="none (LeakSanitizer at exit)"
	fi
	if grep -q "ERROR: AddressSanitizer\|runtime error:" "$out/stderr"; then
		leaks="$leaks; sanitizer errors in $out/stderr"
		fail=1
	fi
elif [ -f "$out/valgrind.txt" ]; then
	def=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$out/valgrind.txt" | tail -1)
	leaks="valgrind: definitely lost ${def:-0} bytes"
	[ "${def:-0}" = 0 ] || fail=1
fi
echo "soak: leaks at exit: $leaks"
[ $fail -eq 0 ] && echo "soak: PASS" || echo "soak: FAIL"
exit $fail
