#!/bin/bash
# sipp/inbound_redirect: SIPp calls us, the flow redirects (302; SIPp checks
# its Contact).
peers=("uac.xml - -")
defines=("redirect=sip:elsewhere@example.com")
expect="interaction.added \
	interaction.redirect.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
