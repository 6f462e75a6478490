#!/bin/bash
# transfer_two_step/check.sh OUT: the Replaces of the REFER the customer
# received names the consultation dialog exactly as the agent saw it — its
# Call-ID, the agent's own tag (to-tag) and ours (from-tag), RFC 3891 —
# read from the two SIPp traces. (SIPp alone checks only the shape: the
# two peers are separate processes.)
set -u
out=$1
# The first message of a given kind in a SIPp trace, its headers only.
first_msg() { # file "received|sent" start-line-regexp
	awk -v dir="$2" -v start="$3" '
		/^-{10,}/ { if (found) exit; inmsg = 0; next }
		$0 ~ "message " dir { want = 1; next }
		want && NF { want = 0; if ($0 ~ start) { found = 1; inmsg = 1 } }
		found && inmsg { if (!NF) exit; print }
	' "$1"
}
header() { # name: value of the header in stdin (first one)
	sed -n "s/^$1: *//p" | head -1 | tr -d '\r'
}

invite=$(first_msg "$out/agent.msg" received '^INVITE ')
answer=$(first_msg "$out/agent.msg" sent '^SIP/2.0 200 ')
refer=$(first_msg "$out/customer.msg" received '^REFER ')
callid=$(header Call-ID <<<"$invite")
from_tag=$(header From <<<"$invite" | sed -n 's/.*;tag=\([^;>]*\).*/\1/p')
to_tag=$(header To <<<"$answer" | sed -n 's/.*;tag=\([^;>]*\).*/\1/p')
refer_to=$(header Refer-To <<<"$refer")
# The Replaces value, its escapes undone (%3B ; %3D = %40 @).
replaces=$(sed -n 's/.*[?&]Replaces=\([^&>]*\).*/\1/p' <<<"$refer_to" |
	sed 's/%3[Bb]/;/g; s/%3[Dd]/=/g; s/%40/@/g')
want="$callid;to-tag=$to_tag;from-tag=$from_tag"
echo "agent's dialog: $want"
echo "Refer-To:       $refer_to"
if [ -z "$callid" ] || [ -z "$from_tag" ] || [ -z "$to_tag" ]; then
	echo "check: the agent's trace lacks the INVITE or its 200"
	exit 1
fi
# The parameters may come in any order: compare them as sets.
sorted() { tr ';' '\n' <<<"$1" | sort | tr '\n' ';'; }
if [ "$(sorted "$replaces")" != "$(sorted "$want")" ]; then
	echo "check: Replaces is '$replaces', the consultation dialog is '$want'"
	exit 1
fi
echo "check: Replaces names the consultation dialog"
