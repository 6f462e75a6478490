#!/bin/bash
# The exit record of a stopped session: no final state, reason "stopped".
grep -q '"kind":"exit".*"final":null.*"reason":"stopped"' "$1/events.jsonl" || {
	echo "no exit record with reason stopped:"
	tail -2 "$1/events.jsonl"
	exit 1
}
# --sip-trace: our side of the wire, on stderr.
for m in "BYE sip:" "CANCEL sip:rings@"; do
	grep -q "^sofia-Message: .*   $m" "$1/stderr" || {
		echo "no '$m' in the SIP trace on stderr"
		exit 1
	}
done
