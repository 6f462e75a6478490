# shellcheck shell=bash
# tests/kamailio_dispatcher/lib.sh: what run.sh (SIPp stand-ins for the
# instances) and drain.sh (real `sipscxml serve` instances) share: the
# skips, the output folder, processes started and stopped by PID, free
# ports, and Kamailio run with the shipped configs/kamailio/kamailio.cfg
# (only its #!trydef settings change). Sourced after `name` is set.
set -u
: "${name:?set name before sourcing lib.sh}"
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$(cd "$here/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
# No installed configuration is read by the instances.
export SIPSCXML_CONFIG=

skip() {
	echo "SKIP: $name: $*"
	exit 77
}
sipp=${SIPP:-}
[ -n "$sipp" ] || sipp=$(command -v sipp || true)
kamailio=${KAMAILIO:-}
[ -n "$kamailio" ] || kamailio=$(command -v kamailio || true)
[ -n "$kamailio" ] || { [ -x /usr/sbin/kamailio ] && kamailio=/usr/sbin/kamailio; }
if [ -z "$sipp" ] || [ ! -x "$sipp" ]; then
	skip "no SIPp (package sip-tester)"
fi
if [ -z "$kamailio" ] || [ ! -x "$kamailio" ]; then
	skip "no kamailio (package kamailio)"
fi
kamailio_ver=$("$kamailio" -v 2>/dev/null | sed -n 's/^version: kamailio \([0-9.]*\).*/\1/p')
case $kamailio_ver in 5.[6-9]* | [6-9].*) ;; *) skip "kamailio $kamailio_ver (5.6 or later needed)" ;; esac

out=$top_builddir/tests/out/$name
# free_port, wait_port, fresh_out, wait_bounded
# shellcheck source=../sipp/ports.sh
. "$top_srcdir/tests/sipp/ports.sh"
fresh_out "$out"

pids=() # every process started here, stopped by PID on exit
cleanup() {
	local p
	for p in "${pids[@]}"; do
		kill "$p" 2>/dev/null
	done
}
trap cleanup EXIT
# Stop everything and reap it before the logs are read.
stop_all() {
	local p
	cleanup
	for p in "${pids[@]}"; do
		wait "$p" 2>/dev/null
	done
	pids=()
}

fail=0
bad() {
	echo "     $*"
	fail=1
}
verdict() {
	if [ "$fail" -ne 0 ]; then
		echo "FAIL: $name (logs in $out)"
		exit 1
	fi
	echo "PASS: $name"
	exit 0
}

# Until FILE has a line matching the extended regexp, up to 30 s; fails at
# once when pid died.
wait_for_line() { # file regexp pid
	local i
	for ((i = 0; i < 600; i++)); do
		grep -a -q -E "$2" "$1" 2>/dev/null && return 0
		kill -0 "$3" 2>/dev/null || break
		sleep 0.05
	done
	grep -a -q -E "$2" "$1" 2>/dev/null
}

# Until the command succeeds, up to 30 s.
wait_until() { # command args...
	local i
	for ((i = 0; i < 600; i++)); do
		"$@" && return 0
		sleep 0.05
	done
	"$@"
}

# A process holding a free UDP port, retried when a parallel test took the
# port first: the command gets the port as its last argument and sets
# last_pid; port is set on return.
start_bound() { # command args...
	local _
	for _ in 1 2 3; do
		port=$(free_port)
		"$@" "$port"
		pids+=("$last_pid")
		wait_port "$port" "$last_pid" udp && return 0
		kill "$last_pid" 2>/dev/null
		wait "$last_pid" 2>/dev/null
	done
	return 1
}

# Kamailio with the shipped configuration, in front of the instances of
# $out/dispatcher.list; probes every second. One worker: messages are
# relayed in the order they came (with several, a 180 and the 200 right
# after it may cross, which SIPp callers take for an error).
start_kamailio() { # port
	"$kamailio" -f "$top_srcdir/configs/kamailio/kamailio.cfg" -DD -E \
		-Y "$out" \
		-A "SIP_ADDR=127.0.0.1" -A "SIP_PORT=$1" \
		-A "DS_LIST=\"$out/dispatcher.list\"" \
		-A "CTL_SOCKET=\"unix:$out/kamailio.ctl\"" \
		-A "DS_PING_INTERVAL=1" -A "CHILDREN=1" \
		>"$out/kamailio.log" 2>&1 </dev/null &
	last_pid=$!
}
kamailio_up() { # sets kport, kpid
	start_bound start_kamailio ||
		{ echo "FAIL: $name: kamailio did not start ($out/kamailio.log)"; exit 1; }
	kport=$port
	# shellcheck disable=SC2034 # read by the tests sourcing this file
	kpid=$last_pid
}

# A SIPp caller through Kamailio: scenario, log name, calls, more options.
# Sets last_pid.
start_caller() { # scenario name calls [sipp options...]
	local scenario=$1 base=$2 calls=$3 cport
	shift 3
	cport=$(free_port)
	"$sipp" -sf "$here/$scenario" -s flow -i 127.0.0.1 -p "$cport" \
		-m "$calls" -timeout 60s -timeout_error -nostdin \
		-trace_msg -message_file "$out/$base.msg" \
		-trace_err -error_file "$out/$base.err" \
		"$@" "127.0.0.1:$kport" >"$out/$base.out" 2>&1 &
	last_pid=$!
	pids+=("$last_pid")
}
