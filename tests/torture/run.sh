#!/bin/bash
# tests/torture/run.sh: RFC 4475 SIP torture against `sipscxml run`.
# The engine runs flow.scxml (accepts every inbound call) on 127.0.0.1 and a
# free port; torture.py sends every case of `cases` (msg/NAME.sip) over UDP
# then TCP and judges what came back; then SIPp makes one clean call (From
# sip:clean@…), which must complete and ends the flow in pass; last, the
# event log is judged (valid INVITEs reached the flow, invalid ones never,
# each interaction added once and deleted once). Logs and the results
# table: $top_builddir/tests/out/torture/. Exit 77 without SIPp or python3.
set -u
export SIPSCXML_CONFIG=
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$(cd "$here/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
prog=${SIPSCXML:-$top_builddir/sipscxml}
sipp=${SIPP:-}
[ -n "$sipp" ] || sipp=$(command -v sipp || true)
python=$(command -v python3 || true)
[ -n "$sipp" ] && [ -x "$sipp" ] || { echo "SKIP: torture: no SIPp"; exit 77; }
[ -n "$python" ] || { echo "SKIP: torture: no python3"; exit 77; }
[ -x "$prog" ] || { echo "FAIL: torture: $prog not built"; exit 1; }

out=$top_builddir/tests/out/torture
# shellcheck source=../sipp/ports.sh
. "$top_srcdir/tests/sipp/ports.sh"
fresh_out "$out"
trap kill_jobs EXIT

fail=0
started=
for _ in 1 2 3; do
	port=$(free_port)
	"$prog" run --timeout 600 --events "$out/events.jsonl" \
		--bind "127.0.0.1:$port" "$here/flow.scxml" \
		>"$out/stdout" 2>"$out/stderr" </dev/null &
	flow_pid=$!
	if wait_port "$port" "$flow_pid" udp && wait_port "$port" "$flow_pid" tcp; then
		started=1
		break
	fi
	kill "$flow_pid" 2>/dev/null
	wait "$flow_pid" 2>/dev/null
done
[ -n "$started" ] || { echo "FAIL: torture: sipscxml did not start (see $out)"; exit 1; }

"$python" "$here/torture.py" send 127.0.0.1 "$port" "$flow_pid" \
	"$here/cases" "$here/msg" "$out" >"$out/send.txt" 2>&1 || {
	echo "     torture verdicts (tests/out/torture/results.txt):"
	grep -v ' ok$' "$out/send.txt" | sed 's/^/     /'
	fail=1
}
if ! kill -0 "$flow_pid" 2>/dev/null; then
	echo "     sipscxml is gone after the torture messages (stderr: $out/stderr)"
	tail -20 "$out/stderr" | sed 's/^/     stderr: /'
	echo "FAIL: torture"
	exit 1
fi

# The clean call: must complete, and ends the flow.
"$sipp" -sf "$here/uac_clean.xml" -i 127.0.0.1 -p "$(free_port)" -m 1 \
	-timeout 30s -timeout_error -nostdin -s flow "127.0.0.1:$port" \
	-trace_msg -message_file "$out/uac_clean.msg" \
	-trace_err -error_file "$out/uac_clean.err" >"$out/uac_clean.out" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
	echo "     the clean SIPp call failed after the torture (exit $rc; $out/uac_clean.*)"
	fail=1
fi
for ((i = 0; i < 400; i++)); do
	kill -0 "$flow_pid" 2>/dev/null || break
	sleep 0.1
done
kill -0 "$flow_pid" 2>/dev/null && kill -TERM "$flow_pid"
wait "$flow_pid"
rc=$?
if [ $rc -ne 0 ]; then
	echo "     sipscxml exit status $rc, expected 0 (flow in pass; stderr: $out/stderr)"
	fail=1
fi
"$python" "$here/torture.py" judge "$out" "$out/events.jsonl" >"$out/judge.txt" 2>&1 || {
	sed 's/^/     /' "$out/judge.txt"
	fail=1
}
if [ $fail -ne 0 ]; then
	echo "FAIL: torture (logs: $out)"
	exit 1
fi
echo "PASS: torture ($(grep -c ' ok$' "$out/results.txt") case runs; $(tail -n 1 "$out/judge.txt"))"
exit 0
