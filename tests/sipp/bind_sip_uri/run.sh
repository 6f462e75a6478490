#!/bin/bash
# sipp/bind_sip_uri: `--bind sip:127.0.0.1:PORT;transport=udp`, the way SIP
# people write an address (it used to fail with "cannot start SIP on
# sip:[sip:127.0.0.1]:PORT"): the engine listens there, on UDP only, and
# SIPp's call reaches it; the flow accepts it (inbound_accept's flow),
# SIPp hangs up. check.sh: the engine said UDP only in its Contact.
doc=../inbound_accept/flow.scxml
bind_as='sip:127.0.0.1:%s;transport=udp'
peers=("../inbound_accept/uac.xml - -")
expect="interaction.added \
	interaction.accept.done \
	interaction.deleted:remote"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
