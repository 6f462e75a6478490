#!/bin/bash
# network/partition: a 10 s partition mid-call. The hold's re-INVITE starts
# it: iptables in the test's namespace drops the first datagram holding
# a=sendonly and marks the moment (recent match), then drops every UDP
# datagram for 10 s from then (--rcheck --seconds 10; the kernel times it,
# the trigger is the message itself, so the test does not race the flow).
# The hold ends in exactly one result, error.voice.hold with the documented
# error timeout; the call is released (interaction.deleted, cause failed),
# and the release must reach the peer once the partition is over: the
# SIPp peer waits for the BYE that ends its dialog (RFC 3261 12.2.1.2: a
# UAC whose in-dialog request timed out terminates the dialog; 15: with a
# BYE), so SIPp and the event log agree that the dialog ended.
doc=partition.scxml
conf=partition.conf
peers=("partitioned.xml p")
relay=(0 0)
rules() {
	echo "-A INPUT -p udp -m recent --name sipscxml_partition --rcheck --seconds 10 -j DROP"
	echo "-A INPUT -p udp -m string --algo bm --string a=sendonly -m recent --name sipscxml_partition --set -j DROP"
}
# The trigger matched once (the re-INVITE itself), and the partition
# dropped what followed it.
network_check() {
	awk '$3 == "DROP" && /STRING match/ { t = $1 } $3 == "DROP" && /CHECK/ { d = $1 }
		END { if (t != 1 || d < 1) { print "     trigger " t + 0 ", dropped " d + 0; exit 1 } }' \
		"$out/iptables.after"
}
expect="voice.createcall.done error.voice.hold:timeout interaction.deleted:failed"
# shellcheck source-path=SCRIPTDIR source=run-net.sh
. "$(dirname "$0")/run-net.sh"
