#!/bin/bash
# sipp/transfer_two_step: consult then two-step transfer (the demo's flow):
# the customer gets a REFER whose Refer-To has Replaces= naming the agent's
# dialog (check.sh matches Call-ID and tags against the agent's trace).
# The demo itself: its document and its two SIPp parties.
demo=../../../configs/demo
doc=$demo/consult-transfer.scxml
peers=("$demo/customer.xml customer customer" "$demo/agent.xml agent agent")
expect="voice.createcall.done \
	voice.consultation.done \
	voice.transfer.done \
	~interaction.deleted:transferred \
	~interaction.deleted:transferred"
final="done" # quoted: a bare done reads as the keyword to shellcheck
check=check.sh
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
