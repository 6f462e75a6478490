#!/bin/bash
# network/delay: every voice action (actions.scxml) with each datagram
# between the engine and a peer held 200 ms ± 100 ms (uniform, by
# udp_relay, seeded): datagrams overtake each other (a 200 before its 180,
# a NOTIFY before the REFER's 202, a retransmission before the original),
# and round trips up to 600 ms exceed t1 (500 ms), so requests are
# retransmitted too. Each action ends in exactly one result event, done;
# every SIPp dialog ends with its BYE and one interaction.deleted.
doc=actions.scxml
peers=("held.xml a" "consulted.xml b" "refer.xml c" "conf_held.xml d"
	"conf_party.xml e" "focus.xml f")
relay=(200 100)
rules() { :; }
# Datagrams did overtake each other (the relays count them).
network_check() {
	cat "$out"/relay-*.txt | grep -o '([0-9]* overtaken' |
		awk '{ n += substr($1, 2) } END { print "     " n " datagrams overtaken"; exit n > 0 ? 0 : 1 }'
}
expect="voice.createcall.done voice.hold.done voice.retrieve.done \
	voice.consultation.done voice.transfer.done \
	~interaction.deleted:transferred ~interaction.deleted:transferred \
	voice.createcall.done voice.transfer.done \
	~interaction.deleted:transferred \
	voice.createcall.done voice.consultation.done voice.conference.done \
	~interaction.deleted:transferred ~interaction.deleted:transferred \
	interaction.terminate.done interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=run-net.sh
. "$(dirname "$0")/run-net.sh"
