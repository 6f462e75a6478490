#!/bin/bash
# baresip/transfer/check.sh OUT: baresip's own log shows the call it
# placed to the transfer target established (the SIPp target checked the
# INVITE and the BYE on its side).
set -u
log=$1/baresip.log
grep -q 'Call established: sip:target@127.0.0.1' "$log" || {
	echo "check: baresip's log does not show its call to the target ($log)"
	exit 1
}
echo "check: baresip called the transfer target"
