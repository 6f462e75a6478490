#!/bin/bash
# serve/notify: systemd's notification protocol (the unit is Type=notify).
# With NOTIFY_SOCKET set, serve sends READY=1 once it listens, RELOADING=1
# then READY=1 around a SIGHUP reload, and STOPPING=1 when SIGTERM starts
# the drain — in that order. (notify_listen stands in for systemd.)
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

listen=$top_builddir/tests/serve/notify_listen
[ -x "$listen" ] || fail "$listen not built"
sock=$out/notify.sock
"$listen" "$sock" >"$out/notify.txt" 2>"$out/notify.err" &
for ((i = 0; i < 100; i++)); do
	[ -S "$sock" ] && break
	sleep 0.1
done
[ -S "$sock" ] || fail "notify_listen did not bind $sock"
# waits (up to 30 s) for the Nth notification line matching a regex
wait_notify() { # regex n
	for ((i = 0; i < 300; i++)); do
		[ "$(grep -c -E "$1" "$out/notify.txt")" -ge "$2" ] && return 0
		sleep 0.1
	done
	fail "no notification $1 (#$2); got: $(tr '\n' '|' <"$out/notify.txt")"
}
NOTIFY_SOCKET=$sock start_engine serve --config "$case_dir/sipscxml.conf"
wait_notify '^READY=1$' 1
kill -HUP "$engine_pid"
wait_notify '^READY=1$' 2
kill -TERM "$engine_pid"
wait_notify '^STOPPING=1$' 1
wait_bounded "$engine_pid" 30
rc=$?
[ $rc -eq 0 ] || fail "sipscxml serve exit status $rc, expected 0"
seq=$(sed 's/ MONOTONIC_USEC=[0-9]*//' "$out/notify.txt" | tr '\n' '|')
[ "$seq" = "READY=1|RELOADING=1|READY=1|STOPPING=1|" ] ||
	fail "notifications: $seq"
pass
