#!/bin/bash
# bind_sip_uri: the engine listened where the URI said, and on UDP only
# (;transport=udp restricts [sip] transports): its 200's Contact says so.
out=$1
grep -q '^Contact: <sip:127\.0\.0\.1:[0-9]*;transport=udp' "$out/uac.msg" || {
	echo "the engine's Contact does not say transport=udp:"
	grep '^Contact' "$out/uac.msg"
	exit 1
}
