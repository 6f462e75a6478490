#!/bin/bash
# serve/ring_cap: `run` with [voice] max-ringing = 5 and ring-timeout = 3s.
# A flood of 20 INVITEs that nobody answers: past the 5 ringing, each gets
# 503 with Retry-After: 7; the ringing ones get 480 at the ring timeout.
# Then a clean call is accepted and completes. Every interaction.added
# has exactly one interaction.deleted.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

cp "$case_dir/sipscxml.conf" "$out/sipscxml.conf"
start_engine run --timeout 60 --events "$out/events.jsonl" \
	--config "$out/sipscxml.conf" "$case_dir/flow.scxml"
sipp_call flood uac_flood.xml 20 -r 100 -l 20
sipp_ok "$last_pid" flood
sipp_call clean uac_clean.xml 1
sipp_ok "$last_pid" clean
wait_bounded "$engine_pid" 30
rc=$?
[ $rc -eq 0 ] || fail "sipscxml exit status $rc, expected 0"
n503=$(count_status flood 503)
n480=$(count_status flood 480)
[ "$n503" -ge 1 ] || fail "no 503 past the cap"
[ $((n503 + n480)) -eq 20 ] || fail "$n503 x 503 + $n480 x 480, expected 20"
# each flood call that rang reached the flow, and was deleted once
check_log paired "event:interaction.added=$((n480 + 1))" \
	"event:interaction.deleted=$((n480 + 1))" \
	"event:interaction.accept.done=1"
pass
