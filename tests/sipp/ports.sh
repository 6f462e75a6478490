# shellcheck shell=bash
# tests/sipp/ports.sh: ports for the test servers and the helpers every
# test script that starts them shares (its output folder, its children),
# sourced by the call-flow driver (run-case.sh), tests/tls, tests/network,
# tests/soak, tests/torture and the rest. Everything listens on 127.0.0.1.

# A port no socket uses on this machine (UDP or TCP, from /proc). Called in
# $(...), so two calls may in theory draw the same port: the servers' own
# bind failures (start_bound() in run-case.sh retries) cover that.
free_port() {
	local p hex
	while :; do
		p=$(((RANDOM % 30000) + 20000))
		hex=$(printf '%04X' "$p")
		if ! awk '{print $2}' /proc/net/udp /proc/net/tcp \
			/proc/net/udp6 /proc/net/tcp6 2>/dev/null |
			grep -qi ":$hex\$"; then
			echo "$p"
			return
		fi
	done
}

# The port is bound (udp) or listening (tcp) — up to 15 s on a loaded box;
# fails at once when pid died.
wait_port() { # port pid [udp|tcp]
	local hex i table=/proc/net/udp
	hex=$(printf '%04X' "$1")
	[ "${3:-udp}" = tcp ] && table=/proc/net/tcp
	for ((i = 0; i < 300; i++)); do
		# a TCP socket counts once it listens (state 0A)
		awk -v tcp="${3:-udp}" 'tcp != "tcp" || $4 == "0A" {print $2}' \
			"$table" 2>/dev/null | grep -qi ":$hex\$" && return 0
		kill -0 "$2" 2>/dev/null || return 1
		sleep 0.05
	done
	return 1
}

# The run's output folder, emptied: no log of an earlier run is judged.
fresh_out() { # dir
	rm -rf "$1"
	mkdir -p "$1"
}

# Stops the script's own children still running: the EXIT trap (or part
# of it) of a script that starts servers in the background.
kill_jobs() {
	local j
	j=$(jobs -p)
	# shellcheck disable=SC2086 # one word per pid
	[ -n "$j" ] && kill $j 2>/dev/null
}

# Exit status of a child, waiting at most $2 seconds; killed after that.
wait_bounded() { # pid seconds
	local i
	for ((i = 0; i < $2 * 10; i++)); do
		kill -0 "$1" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$1" 2>/dev/null && kill -9 "$1" 2>/dev/null
	wait "$1"
}

# SIPp peers go on past an unexpected message instead of aborting their
# call: a SIPp stalled past T1 on a loaded machine, or one whose answer a
# lossy network dropped, gets copies of a request it already took while it
# waits for the next one (an INVITE while it waits for the ACK). Pass these
# arguments to every SIPp a test starts, and judge it afterwards with
# sipp_unexpected.
sipp_lenient=(-default_behaviors "all,-abortunexp")
sipp_helpers_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# After a SIPp that ran with sipp_lenient: fails (1), printing the first
# one, when an unexpected message it saw was no copy of one it expected
# (sipp_unexpected.awk over BASE.msg and BASE.err; details in BASE.unexpected).
sipp_unexpected() { # base: the path of the peer's traces without .msg/.err
	[ -s "$1.err" ] || return 0 # SIPp had nothing to say
	touch "$1.msg"
	awk -f "$sipp_helpers_dir/sipp_unexpected.awk" "$1.msg" "$1.err" \
		>"$1.unexpected" 2>&1 && return 0
	head -1 "$1.unexpected"
	return 1
}
