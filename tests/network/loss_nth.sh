#!/bin/bash
# network/loss_nth: every voice action (actions.scxml) with a loss that is
# the same on every run: for each kind of message (INVITE, ACK, BYE, REFER,
# NOTIFY, 180, 200, 202), the first datagram of that kind and every third
# one after it is dropped (iptables string match + statistic nth, in the
# test's namespace) — the first INVITE, the first 200 OK, the first ACK, the
# first REFER's 202, the first NOTIFY... each lost once, retransmissions
# of them too. SIP's retransmissions recover each: every action ends in
# exactly one result event, done, and every SIPp dialog ends with its BYE.
# shellcheck source-path=SCRIPTDIR source=actions.sh
. "$(dirname "$0")/actions.sh"
conf=loss.conf
relay=(0 0)
tail_ms=4000 # our 200 to a BYE may be lost: copies of the BYE come
rules() {
	local k
	for k in "INVITE sip:" "ACK sip:" "BYE sip:" "REFER sip:" "NOTIFY sip:" \
		"SIP/2.0 180 " "SIP/2.0 200 " "SIP/2.0 202 "; do
		# The hop between the engine and a relay (each datagram crosses
		# INPUT twice: engine-relay, relay-peer), at the payload's start.
		echo "-A INPUT -p udp -m multiport --ports $ENGINE -m string --algo bm --from 28 --to 48 --string '$k' -m statistic --mode nth --every 3 --packet 0 -j DROP"
	done
}
# Every rule dropped at least its first datagram.
network_check() {
	awk '$3 == "DROP" && $1 < 1 { bad = 1; print "     a rule dropped nothing: " $0 } END { exit bad }' \
		"$out/iptables.after"
}
# shellcheck source-path=SCRIPTDIR source=run-net.sh
. "$(dirname "$0")/run-net.sh"
