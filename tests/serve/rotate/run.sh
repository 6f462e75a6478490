#!/bin/bash
# serve/rotate: log rotation. After a first call, the event log is moved
# away and serve gets SIGUSR1: it opens the log again by its path, so the
# second call's session is in the new file and the first one's stays
# whole in the old one. The log is appended to: what it held before serve
# started is still there.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

echo '{"kind":"earlier"}' >"$out/events.jsonl"
start_engine serve --events "$out/events.jsonl" --config "$case_dir/sipscxml.conf"
sipp_call first ../../sipp/inbound_accept/uac.xml 1 -s a
sipp_ok "$last_pid" first
wait_log '"kind":"exit"' 1
mv "$out/events.jsonl" "$out/events.1.jsonl"
kill -USR1 "$engine_pid"
for ((i = 0; i < 100; i++)); do
	[ -e "$out/events.jsonl" ] && break
	sleep 0.1
done
[ -e "$out/events.jsonl" ] || fail "SIGUSR1 did not reopen the log"
sipp_call second ../../sipp/inbound_accept/uac.xml 1 -s a
sipp_ok "$last_pid" second
wait_log '"kind":"exit"' 1
kill -TERM "$engine_pid"
wait_bounded "$engine_pid" 30
rc=$?
[ $rc -eq 0 ] || fail "sipscxml serve exit status $rc, expected 0"
check_log sessions=1 onecall paired final:pass_wait=1
"$checker" "$out/events.1.jsonl" sessions=1 onecall paired final:pass_wait=1 \
	>"$out/serve_log.1.txt" 2>&1 || fail "the rotated log: $(cat "$out/serve_log.1.txt")"
head -1 "$out/events.1.jsonl" | grep -qx '{"kind":"earlier"}' ||
	fail "the log was truncated at start"
first=$(grep -m1 -o '"session":"[^"]*"' "$out/events.1.jsonl")
second=$(grep -m1 -o '"session":"[^"]*"' "$out/events.jsonl")
[ "$first" != "$second" ] || fail "one session in both logs"
pass
