#!/bin/bash
# sipp/createcall_sipp_stalled: createcall_answered with its SIPp stopped
# until our INVITE and two retransmissions of it wait in its socket (a SIPp
# stalled past 3 * T1 on a loaded machine; stall_peer of run-case.sh).
# SIPp then reads the three at once: it answers the first, resends its
# 200 for the second and, on the third, goes on (-default_behaviors
# all,-abortunexp) where it used to abort the call; the copy is no fault
# of the flow (sipp_unexpected.awk lets it pass).
doc=../createcall_answered/flow.scxml
peers=("../createcall_answered/uas.xml peer peer")
stall_peer=2
expect="voice.createcall.done \
	interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
