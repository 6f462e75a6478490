#!/bin/bash
# What the engine's SIP trace (stderr) shows of its registration with
# Kamailio: challenged, then registered with digest credentials, and the
# binding removed at exit.
trace="$1/stderr"
want() { # what pattern
	grep -q -- "$2" "$trace" || {
		echo "not in the SIP trace: $1"
		exit 1
	}
}
want "a REGISTER sent" "^sofia-Message: .*   REGISTER sip:127.0.0.1 SIP/2.0"
want "Kamailio's 401 challenge" "^sofia-Message: .*   SIP/2.0 401 Unauthorized"
want "digest credentials for agent" '   Authorization: Digest username="agent"'
want "the un-REGISTER at exit" "^sofia-Message: .*   Expires: 0"
n=$(grep -c "^sofia-Message: .*   REGISTER sip:127.0.0.1 SIP/2.0" "$trace")
[ "$n" -ge 3 ] || {
	echo "expected at least 3 REGISTERs (challenged, answered, removed), saw $n"
	exit 1
}
