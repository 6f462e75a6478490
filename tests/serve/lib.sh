# shellcheck shell=bash
# tests/serve/lib.sh: shared by the cases of tests/serve/ (one folder per
# case, its run.sh sources this file). Gives the case:
#   start_engine ARG...    sipscxml with ARG... and --bind 127.0.0.1:$bind
#                          (a free port; retried when a parallel case took
#                          it first), its output in $out/stdout, stderr;
#                          $engine_pid
#   sipp_call NAME SCENARIO CALLS [SIPP-ARG...]
#                          a SIPp caller of the case's SCENARIO towards the
#                          engine, in the background ($last_pid), tracing
#                          to $out/NAME.*
#   wait_bounded PID S     its exit status, killed after S seconds
#   sipp_ok PID NAME       fails the case unless that SIPp exited 0
#   check_log CHECK...     tests/serve/serve_log on $out/events.jsonl
#   fail MESSAGE / pass
# Everything listens on 127.0.0.1; every process started is stopped by
# PID on exit. Exit 77 without SIPp. Logs: $top_builddir/tests/out/serve/CASE/.
set -u
export SIPSCXML_CONFIG=

case_dir=$(cd "$(dirname "$0")" && pwd)
case_name=$(basename "$case_dir")
: "${top_srcdir:=$(cd "$case_dir/../../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
prog=${SIPSCXML:-$top_builddir/sipscxml}
checker=$top_builddir/tests/serve/serve_log
sipp=${SIPP:-}
[ -n "$sipp" ] || sipp=$(command -v sipp || true)
if [ -z "$sipp" ] || [ ! -x "$sipp" ]; then
	echo "SKIP: serve/$case_name: no SIPp (package sip-tester)"
	exit 77
fi
for f in "$prog" "$checker"; do
	[ -x "$f" ] || { echo "FAIL: serve/$case_name: $f not built"; exit 1; }
done
out=$top_builddir/tests/out/serve/$case_name
rm -rf "$out"
mkdir -p "$out"

cleanup() {
	local j
	j=$(jobs -p)
	# shellcheck disable=SC2086 # one word per pid
	[ -n "$j" ] && kill $j 2>/dev/null
}
trap cleanup EXIT

# shellcheck source=../sipp/ports.sh
. "$case_dir/../../sipp/ports.sh"

fail() {
	echo "     $*"
	[ -s "$out/stderr" ] && tail -20 "$out/stderr" | sed 's/^/     stderr: /'
	echo "FAIL: serve/$case_name (logs: $out)"
	exit 1
}

pass() {
	echo "PASS: serve/$case_name"
	exit 0
}

start_engine() {
	local try
	for try in 1 2 3; do
		bind=$(free_port)
		echo "$prog $* --bind 127.0.0.1:$bind" >"$out/command"
		"$prog" "$@" --bind "127.0.0.1:$bind" >"$out/stdout" \
			2>"$out/stderr" </dev/null &
		engine_pid=$!
		wait_port "$bind" "$engine_pid" udp && return 0
		kill "$engine_pid" 2>/dev/null
		wait "$engine_pid" 2>/dev/null
		[ "$try" = 3 ] || sleep 0.2
	done
	fail "sipscxml did not start (try $try)"
}

sipp_call() { # name scenario calls [sipp args...]
	local name=$1 sf=$2 calls=$3
	shift 3
	"$sipp" -sf "$case_dir/$sf" -i 127.0.0.1 -p "$(free_port)" \
		-m "$calls" -timeout 60s -timeout_error -nostdin \
		-trace_msg -message_file "$out/$name.msg" \
		-trace_err -error_file "$out/$name.err" \
		"$@" "127.0.0.1:$bind" >"$out/$name.out" 2>&1 &
	last_pid=$!
}

wait_bounded() { # pid seconds
	local i
	for ((i = 0; i < $2 * 10; i++)); do
		kill -0 "$1" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$1" 2>/dev/null && kill -9 "$1" 2>/dev/null
	wait "$1"
}

sipp_ok() { # pid name
	wait_bounded "$1" 90
	local rc=$?
	[ $rc -eq 0 ] || fail "SIPp $2 exit status $rc (see $out/$2.*)"
}

check_log() {
	"$checker" "$out/events.jsonl" "$@" >"$out/serve_log.txt" 2>&1 || {
		sed 's/^/     /' "$out/serve_log.txt"
		fail "event log"
	}
}

# How many messages of a SIPp trace start with this status line.
count_status() { # name status
	grep -c "^SIP/2.0 $2 " "$out/$1.msg" || true
}

# Waits (up to 30 s) until the event log holds at least N lines matching
# the regex; serve flushes its log once a second.
wait_log() { # regex n
	local i
	for ((i = 0; i < 300; i++)); do
		[ "$(grep -c -E "$1" "$out/events.jsonl" 2>/dev/null)" -ge "$2" ] &&
			return 0
		kill -0 "$engine_pid" 2>/dev/null || break
		sleep 0.1
	done
	fail "the event log never had $2 lines matching $1"
}

# Waits (up to 30 s) until sipscxml's stderr says this (a regex).
wait_stderr() { # regex
	local i
	for ((i = 0; i < 300; i++)); do
		grep -q -E "$1" "$out/stderr" && return 0
		sleep 0.1
	done
	fail "stderr never said $1"
}

# A SIPp peer the flows call (a uas*.xml scenario), listening on a free
# port before returning ($last_pid, $peer_port).
sipp_peer() { # name scenario calls
	local try
	for try in 1 2 3; do
		peer_port=$(free_port)
		"$sipp" -sf "$case_dir/$2" -i 127.0.0.1 -p "$peer_port" -m "$3" \
			-timeout 60s -timeout_error -nostdin \
			-trace_msg -message_file "$out/$1.msg" \
			-trace_err -error_file "$out/$1.err" >"$out/$1.out" 2>&1 &
		last_pid=$!
		wait_port "$peer_port" "$last_pid" udp && return 0
		kill "$last_pid" 2>/dev/null
		wait "$last_pid" 2>/dev/null
	done
	fail "SIPp $1 did not start"
}
