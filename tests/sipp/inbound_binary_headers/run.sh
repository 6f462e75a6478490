#!/bin/bash
# sipp/inbound_binary_headers: SIPp calls with bytes that are not UTF-8 in
# its headers; interaction.added still comes, with U+FFFD for each bad
# sequence (the flow checks), the event log stays valid JSON (the checker
# parses every line), and the flow's 486 reaches SIPp.
peers=("uac.xml - -")
expect="interaction.added \
	interaction.reject.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
