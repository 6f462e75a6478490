# shellcheck shell=bash
# tests/sipp/ports.sh: ports for the test servers, sourced by the call-flow
# driver (run-case.sh) and tests/tls/run.sh. Everything listens on 127.0.0.1.

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
