#!/bin/bash
# network/delay: every voice action (actions.scxml) with each datagram
# between the engine and a peer held 200 ms ± 100 ms (uniform, by
# udp_relay, seeded): datagrams overtake each other (a 200 before its 180,
# a NOTIFY before the REFER's 202, a retransmission before the original),
# and round trips up to 600 ms exceed t1 (500 ms), so requests are
# retransmitted too. Each action ends in exactly one result event, done;
# every SIPp dialog ends with its BYE and one interaction.deleted.
# shellcheck source-path=SCRIPTDIR source=actions.sh
. "$(dirname "$0")/actions.sh"
relay=(200 100)
rules() { :; }
# Datagrams did overtake each other (the relays count them).
network_check() {
	cat "$out"/relay-*.txt | grep -o '([0-9]* overtaken' |
		awk '{ n += substr($1, 2) } END { print "     " n " datagrams overtaken"; exit n > 0 ? 0 : 1 }'
}
# shellcheck source-path=SCRIPTDIR source=run-net.sh
. "$(dirname "$0")/run-net.sh"
