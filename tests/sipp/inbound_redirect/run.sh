#!/bin/bash
# sipp/inbound_redirect: SIPp calls us, the flow redirects (302; SIPp checks
# its Contact).
peers=("uac.xml - -")
defines=("redirect=sip:elsewhere@example.com")
expect="interaction.added \
	interaction.redirect.done \
	interaction.deleted:local"
. "$(dirname "$0")/../../sipp/run-case.sh"
