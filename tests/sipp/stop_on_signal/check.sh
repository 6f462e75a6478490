#!/bin/bash
# The exit record of a stopped session: no final state, reason "stopped".
grep -q '"kind":"exit".*"final":null.*"reason":"stopped"' "$1/events.jsonl" || {
	echo "no exit record with reason stopped:"
	tail -2 "$1/events.jsonl"
	exit 1
}
