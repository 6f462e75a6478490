#!/bin/bash
# sipp/transfer_bad_target: a transfer whose `to` sip/ cannot parse (no
# host): nothing is sent, and the error says why — invaliddestination, not
# unknown (sip/ tells the voice module the reason, SIP_ERROR_BAD_TARGET).
# The call stays ours; the flow hangs it up. Flow: transfer_refer_rejected's;
# the party: createcall_answered's (answers, takes our BYE, no REFER).
doc=../transfer_refer_rejected/flow.scxml
peers=("../createcall_answered/uas.xml peer peer")
defines=("want=invaliddestination" "target=sip:")
expect="voice.createcall.done \
	error.voice.transfer:invaliddestination \
	interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
