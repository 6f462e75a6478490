#!/bin/bash
# network/loss: every voice action (actions.scxml) with 10 % of the
# datagrams to the engine and 10 % of those from it dropped at random
# (iptables statistic match in the test's namespace). SIP's retransmissions
# recover every loss: each action still ends in exactly one result event,
# and it is done. Why done and not "done or an error": with t1 500 ms and
# the timeouts of loss.conf, a transaction fails only when every copy of a
# request or of its answer is lost — six or more drops in a row, about
# 1e-6 per transaction (0.1^6), so never in practice; the rule is random
# (unseeded), so that is the honest bound. Each SIPp peer ends its dialog
# with the BYE it expects, and the log has one interaction.deleted for
# each of them.
# shellcheck source-path=SCRIPTDIR source=actions.sh
. "$(dirname "$0")/actions.sh"
conf=loss.conf
relay=(0 0)
tail_ms=4000 # our 200 to a BYE may be lost: copies of the BYE come
rules() {
	echo "-A INPUT -p udp --dport $ENGINE -m statistic --mode random --probability 0.1 -j DROP"
	echo "-A INPUT -p udp --sport $ENGINE -m statistic --mode random --probability 0.1 -j DROP"
}
# shellcheck source-path=SCRIPTDIR source=run-net.sh
. "$(dirname "$0")/run-net.sh"
