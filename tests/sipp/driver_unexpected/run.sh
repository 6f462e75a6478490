#!/bin/bash
# sipp/driver_unexpected: a self-test of run-case.sh. Its SIPp peers go on
# past an unexpected message (so that a retransmission reaching a stalled
# SIPp does not abort its call, sipp/createcall_sipp_stalled); a message
# that is no copy of an expected one must still fail the case. case.sh
# runs a flow whose ACK its SIPp does not expect: it must fail, naming the
# ACK, while its SIPp exited 0 and the flow passed.
set -u
dir=$(cd "$(dirname "$0")" && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
bash "$dir/case.sh" >"$log" 2>&1
rc=$?
sed 's/^/  case.sh: /' "$log"
[ $rc -eq 77 ] && exit 77
bad=
[ $rc -eq 1 ] || bad="case.sh exit status $rc, expected 1"
grep -q "^FAIL: " "$log" || bad="${bad:-case.sh did not say FAIL}"
grep -q "unexpected message, no retransmission: ACK " "$log" ||
	bad="${bad:-the failure does not name the unexpected ACK}"
grep -q "exit status" "$log" && bad="${bad:-a SIPp or the flow failed too: not the check under test}"
if [ -n "$bad" ]; then
	echo "FAIL: sipp/driver_unexpected: $bad"
	exit 1
fi
echo "PASS: sipp/driver_unexpected"
