#!/bin/bash
# baresip/answered/check.sh OUT: baresip's own log says it answered our
# call and that the call was established.
set -u
log=$1/baresip.log
grep -q 'answering call .* from sip:flow@127.0.0.1' "$log" &&
	grep -q 'Call established: sip:flow@127.0.0.1' "$log" || {
	echo "check: baresip's log does not show our call answered ($log)"
	exit 1
}
echo "check: baresip answered and established our call"
