#!/bin/bash
# baresip/hold_retrieve/check.sh OUT: baresip's own log shows our call
# established, then two re-INVITEs with an SDP offer (the hold, the
# retrieve).
set -u
log=$1/baresip.log
grep -q 'Call established: sip:flow@127.0.0.1' "$log" || {
	echo "check: baresip's log does not show our call established ($log)"
	exit 1
}
n=$(grep -c 'got re-INVITE' "$log")
if [ "$n" -ne 2 ]; then
	echo "check: baresip got $n re-INVITEs, expected 2 (hold, retrieve)"
	exit 1
fi
echo "check: baresip took the hold and the retrieve re-INVITEs"
