#!/bin/bash
# sipp/inbound_reject: SIPp calls us, the flow rejects with 486 (SIPp checks
# the status).
peers=("uac.xml - -")
defines=("reject=486")
expect="interaction.added \
	interaction.reject.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
