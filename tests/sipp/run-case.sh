# shellcheck shell=bash
# tests/sipp/run-case.sh: the shared driver of the call-flow cases of
# tests/sipp/ and tests/baresip/ (one folder per case, Kamailio-style).
# A case's run.sh sets what the case is, then sources this file:
#
#   doc=flow.scxml            the flow document (default flow.scxml)
#   peers=("uas.xml peer peer" ...)
#                             the remote parties, "WHAT DEFINE USER [CALLS]":
#                             WHAT is a SIPp scenario of the folder (uas*.xml
#                             and the like are called by the flow; uac*.xml
#                             call the flow once it listens), or `baresip`
#                             (the real phone, auto-answering) or `kamailio`
#                             (the flow's outbound proxy, configured by the
#                             folder's kamailio.cfg). The flow gets
#                             --define DEFINE=sip:USER@127.0.0.1:PORT.
#   defines=("NAME=VALUE" ...) more --define
#   expect="ev ev:error ~ev *ev"  the call events of the log (see
#                             event_log.c: ~ once anywhere, * any number)
#   final=pass                the final state the flow must end in
#   check=check.sh            optional: more assertions, run with the
#                             output folder once everything stopped
#   signal_on=EVENT           optional: send sipscxml SIGTERM once EVENT is
#                             in its event log (final=- then: no final state)
#   flow_status=N             sipscxml's expected exit status (default 0)
#   flow_args=(ARG ...)       more arguments for `sipscxml run`
#   bind_as=FORMAT            how --bind is written, printf with the port
#                             for %s (default 127.0.0.1:%s)
#   sipp_timeout=S            SIPp's overall -timeout (default 30)
#   uac_args=(ARG ...)        more arguments for the calling SIPp peers
#                             (-rsa: send through a PBX, tests/interop/)
#   stall_peer=N              optional: the first SIPp peer the flow calls
#                             is stopped (SIGSTOP) until the flow's first
#                             request and N retransmissions of it wait in
#                             its socket, as a SIPp stalled past T1 on a
#                             loaded machine; then it goes on (SIGCONT)
# A sipscxml.conf in the folder is passed with --config.
#
# What runs: every party on 127.0.0.1 on a free port, SIPp bounded by -m
# and -timeout and tracing to files, going on past an unexpected message
# (-default_behaviors all,-abortunexp: a SIPp stalled past T1 reads our
# request and its retransmissions at once, and SIPp 3.6 aborts its call on
# the second copy), then `sipscxml run --timeout --events
# FILE --bind 127.0.0.1:PORT`. The case passes when sipscxml exits 0, every
# SIPp exits 0 (its scenario, with its regex checks on what it received,
# passed) having seen no unexpected message but copies of expected ones
# (sipp_unexpected.awk), the event log matches, and check.sh passes. Everything started
# is stopped by PID on exit. Exit 77 when SIPp (or baresip / Kamailio for
# the cases that need them) is absent. Logs: $top_builddir/tests/out/SUITE/CASE/.
#
# Rerun one case alone from its folder: `./run.sh` (in-tree build), or with
# SIPSCXML=/path/to/sipscxml.
set -u
# No installed configuration: the case's own, or none.
export SIPSCXML_CONFIG=

case_dir=$(cd "$(dirname "$0")" && pwd)
case_name=$(basename "$case_dir")
suite=$(basename "$(dirname "$case_dir")")
tests_sipp=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${top_srcdir:=$(cd "$tests_sipp/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
prog=${SIPSCXML:-$top_builddir/sipscxml}
checker=${EVENT_LOG:-$top_builddir/tests/sipp/event_log}
sipp=${SIPP:-}
[ -n "$sipp" ] || sipp=$(command -v sipp || true)
: "${doc:=flow.scxml}"
: "${final:=pass}"
: "${expect:=}"
: "${check:=}"
: "${signal_on:=}"
: "${flow_status:=0}"
: "${bind_as:=127.0.0.1:%s}"
: "${stall_peer:=}"
[ "${defines+set}" ] || defines=()
[ "${peers+set}" ] || peers=()
[ "${flow_args+set}" ] || flow_args=()
[ "${uac_args+set}" ] || uac_args=()
flow_timeout=${flow_timeout:-25}

skip() {
	echo "SKIP: $suite/$case_name: $*"
	exit 77
}
[ -n "$sipp" ] && [ -x "$sipp" ] || skip "no SIPp (package sip-tester)"
baresip=${BARESIP:-}
[ -n "$baresip" ] || baresip=$(command -v baresip || true)
kamailio=${KAMAILIO:-}
[ -n "$kamailio" ] || kamailio=$(command -v kamailio || true)
[ -n "$kamailio" ] || { [ -x /usr/sbin/kamailio ] && kamailio=/usr/sbin/kamailio; }
for p in "${peers[@]}"; do
	case ${p%% *} in
	baresip) [ -n "$baresip" ] && [ -x "$baresip" ] || skip "no baresip" ;;
	kamailio) [ -n "$kamailio" ] && [ -x "$kamailio" ] || skip "no kamailio" ;;
	esac
done
for f in "$prog" "$checker"; do
	[ -x "$f" ] || { echo "FAIL: $suite/$case_name: $f not built"; exit 1; }
done

out=$top_builddir/tests/out/$suite/$case_name
# free_port, wait_port (parallel cases may still race for a port:
# start_bound() retries), fresh_out, kill_jobs, wait_bounded.
# shellcheck source=ports.sh
. "$tests_sipp/ports.sh"
fresh_out "$out"

pids=()     # every process we started, stopped on exit
sipp_pids=() # SIPp peers: their exit status is the verdict
sipp_names=()
daemons=()  # baresip, Kamailio: stopped once the flow ended
stalled= # the SIPp stall_peer stopped, until it goes on
stall_port=
cleanup() { # only our own children still running
	[ -n "$stalled" ] && kill -CONT "$stalled" 2>/dev/null
	kill_jobs
}
trap cleanup EXIT

wait_bound() { wait_port "$1" "$2" udp; } # port pid: bound on UDP

start_sipp() { # scenario port calls [flow's port, for a calling SIPp]
	local base
	base=$(basename "${1%.xml}") # traces go to $out, wherever it lives
	local args=(-sf "$case_dir/$1" -i 127.0.0.1 -p "$2" -m "$3"
		-timeout "${sipp_timeout:-30}s" -timeout_error -nostdin
		-trace_msg -message_file "$out/$base.msg"
		-trace_err -error_file "$out/$base.err"
		"${sipp_lenient[@]}")
	[ $# -ge 4 ] && args+=(-s flow "127.0.0.1:$4" "${uac_args[@]}")
	"$sipp" "${args[@]}" >"$out/$base.out" 2>&1 &
	last_pid=$!
}

# One second of 8 kHz mono 16-bit silence: baresip's microphone.
write_silence() {
	{
		printf 'RIFF\xa4\x3e\x00\x00WAVEfmt \x10\x00\x00\x00'
		printf '\x01\x00\x01\x00\x40\x1f\x00\x00\x80\x3e\x00\x00'
		printf '\x02\x00\x10\x00data\x80\x3e\x00\x00'
		head -c 16000 /dev/zero
	} >"$1"
}

# baresip as an auto-answering phone, its own config folder (TESTBED.md).
start_baresip() { # user port
	local dir=$out/baresip
	mkdir -p "$dir"
	write_silence "$dir/silence.wav"
	cat >"$dir/config" <<EOF
sip_listen 127.0.0.1:$2
audio_source aufile,$dir/silence.wav
audio_player aufile,/dev/null
module_path /usr/lib/baresip/modules
module g711.so
module aufile.so
module_app account.so
module_app menu.so
EOF
	echo "<sip:$1@127.0.0.1:$2>;regint=0;answermode=auto;audio_codecs=PCMU" \
		>"$dir/accounts"
	"$baresip" -f "$dir" >"$out/baresip.log" 2>&1 </dev/null &
	last_pid=$!
}

# Kamailio as the flow's outbound proxy, with the case's kamailio.cfg.
start_kamailio() { # port
	local mods=/usr/lib/kamailio/modules d
	for d in /usr/lib/*/kamailio/modules; do
		[ -f "$d/tm.so" ] && mods=$d
	done
	sed -e "s|@PORT@|$1|g" -e "s|@MPATH@|$mods|g" \
		"$case_dir/kamailio.cfg" >"$out/kamailio.cfg"
	"$kamailio" -f "$out/kamailio.cfg" -DD -E >"$out/kamailio.log" 2>&1 </dev/null &
	last_pid=$!
}

fail=0
note() { echo "     $*"; }

# Bytes waiting in the UDP socket bound to 127.0.0.1:PORT (0 when none).
rx_queue() { # port
	local q
	q=$(awk -v a="$(printf '0100007F:%04X' "$1")" \
		'$2 == a { split($5, q, ":"); print q[2]; exit }' /proc/net/udp)
	echo $((16#${q:-0}))
}

# stall_peer: once the flow's first request waits in the stopped SIPp's
# socket, and then N more datagrams (its retransmissions, T1 and 3 * T1
# later), SIPp goes on. Up to 30 s for all; the case fails when they never
# came.
stall_until_retransmitted() { # port N
	local i seen=-1 last=0 now
	for ((i = 0; i < 600 && seen < $2; i++)); do
		now=$(rx_queue "$1")
		[ "$now" -gt "$last" ] && seen=$((seen + 1)) && last=$now
		kill -0 "$flow_pid" 2>/dev/null || break
		[ "$seen" -lt "$2" ] && sleep 0.05
	done
	kill -CONT "$stalled"
	stalled=
	[ "$seen" -ge "$2" ] || {
		note "stall_peer: the stopped SIPp got $((seen + 1)) datagrams, not a request and $2 copies"
		fail=1
	}
}

# The parties the flow calls, each on a port it holds (retried when a
# parallel case took it first); the calling ones wait for the flow.
run_args=(run --timeout "$flow_timeout" --events "$out/events.jsonl")
conf=
[ -f "$case_dir/sipscxml.conf" ] && cat "$case_dir/sipscxml.conf" >"$out/sipscxml.conf" && conf=$out/sipscxml.conf
callers=()
for p in "${peers[@]}"; do
	read -r what def user calls <<<"$p"
	: "${calls:=1}"
	case $(basename "$what") in uac*) callers+=("$what $calls"); continue ;; esac
	started=
	for _ in 1 2 3; do
		port=$(free_port)
		case $what in
		baresip) start_baresip "$user" "$port" ;;
		kamailio) start_kamailio "$port" ;;
		*) start_sipp "$what" "$port" "$calls" ;;
		esac
		pids+=("$last_pid")
		if wait_bound "$port" "$last_pid"; then
			started=1
			break
		fi
		kill "$last_pid" 2>/dev/null
		wait "$last_pid" 2>/dev/null
	done
	if [ -z "$started" ]; then
		echo "FAIL: $suite/$case_name: $what did not start (see $out)"
		exit 1
	fi
	case $what in
	baresip) daemons+=("$last_pid") ;;
	kamailio)
		daemons+=("$last_pid")
		# The flow's requests all go through it.
		[ -n "$conf" ] || conf=$out/sipscxml.conf
		printf '[sip]\noutbound-proxy = sip:127.0.0.1:%s;lr\n' "$port" >>"$conf"
		continue
		;;
	*)
		sipp_pids+=("$last_pid")
		sipp_names+=("$what")
		if [ -n "$stall_peer" ] && [ -z "$stall_port" ]; then
			stall_port=$port
			stalled=$last_pid
			kill -STOP "$stalled"
		fi
		;;
	esac
	run_args+=(--define "$def=sip:$user@127.0.0.1:$port")
done
[ -n "$conf" ] && run_args+=(--config "$conf")
for d in "${defines[@]}"; do run_args+=(--define "$d"); done
run_args+=("${flow_args[@]}")
bind=$(free_port)
# shellcheck disable=SC2059 # the case's format
run_args+=(--bind "$(printf "$bind_as" "$bind")" "$case_dir/$doc")

echo "$prog ${run_args[*]}" >"$out/command"
"$prog" "${run_args[@]}" >"$out/stdout" 2>"$out/stderr" </dev/null &
flow_pid=$!
pids+=("$flow_pid")
[ -n "$stalled" ] && stall_until_retransmitted "$stall_port" "$stall_peer"
for c in "${callers[@]}"; do
	read -r what calls <<<"$c"
	if ! wait_bound "$bind" "$flow_pid"; then
		note "sipscxml never listened on 127.0.0.1:$bind"
		fail=1
		break
	fi
	start_sipp "$what" "$(free_port)" "$calls" "$bind"
	pids+=("$last_pid")
	sipp_pids+=("$last_pid")
	sipp_names+=("$what")
done

if [ -n "$signal_on" ]; then
	# Up to flow_timeout for the event, then the signal either way: the
	# log check says whether it came.
	for ((i = 0; i < flow_timeout * 20; i++)); do
		grep -q "\"name\":\"$signal_on\"" "$out/events.jsonl" 2>/dev/null &&
			break
		kill -0 "$flow_pid" 2>/dev/null || break
		sleep 0.05
	done
	kill -TERM "$flow_pid" 2>/dev/null
fi
wait_bounded "$flow_pid" $((flow_timeout + 15))
rc=$?
if [ $rc -ne "$flow_status" ]; then
	note "sipscxml exit status $rc, expected $flow_status (stderr: $out/stderr)"
	fail=1
fi
# The phone and the proxy run until told; what they did is judged by the
# flow, the log and the SIPp peers.
for p in "${daemons[@]}"; do
	kill "$p" 2>/dev/null
	wait_bounded "$p" 5 >/dev/null 2>&1
done
for i in "${!sipp_pids[@]}"; do
	wait_bounded "${sipp_pids[$i]}" 40
	rc=$?
	if [ $rc -ne 0 ]; then
		note "SIPp ${sipp_names[$i]} exit status $rc (see $out/$(basename "${sipp_names[$i]%.xml}").*)"
		fail=1
	fi
	base=$out/$(basename "${sipp_names[$i]%.xml}")
	if ! why=$(sipp_unexpected "$base"); then
		note "SIPp ${sipp_names[$i]}: $why"
		fail=1
	fi
done
# shellcheck disable=SC2086 # expect is a list of words
"$checker" "$out/events.jsonl" "$final" $expect >"$out/event_log.txt" || {
	sed 's/^/     /' "$out/event_log.txt"
	fail=1
}
if [ -n "$check" ]; then
	(cd "$case_dir" && bash "./$check" "$out") >"$out/check.txt" 2>&1 || {
		sed 's/^/     /' "$out/check.txt"
		fail=1
	}
fi
if [ $fail -ne 0 ]; then
	[ -s "$out/stderr" ] && sed 's/^/     stderr: /' "$out/stderr" | tail -20
	for e in "$out"/*.err; do
		[ -s "$e" ] && tail -10 "$e" |
			awk -v n="$(basename "$e")" '{ print "     " n ": " $0 }'
	done
	echo "FAIL: $suite/$case_name (logs: $out)"
	exit 1
fi
echo "PASS: $suite/$case_name"
exit 0
