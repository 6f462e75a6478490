#!/bin/bash
# sipp/bye_crosses_hold_200: the peer hangs up while our hold re-INVITE is
# pending and then accepts that re-INVITE (200): the BYE and the 200 cross.
# The flow sees what bye_during_hold sees (hold fails invalidinteraction,
# then the call's end, remote), and the 200 must still be ACKed (RFC 3261
# §13.2.2.4, RFC 5407): SIPp requires the ACK. The flow is
# bye_during_hold's.
doc=../bye_during_hold/flow.scxml
peers=("uas.xml peer peer")
expect="voice.createcall.done \
	error.voice.hold:invalidinteraction \
	interaction.deleted:remote"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
