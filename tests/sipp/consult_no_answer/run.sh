#!/bin/bash
# sipp/consult_no_answer: consultation to a party that rings (180) and never
# answers, timeout 1s: SIPp takes our CANCEL on that leg, the held party is
# retrieved (SIPp checks a=sendrecv), error timeout, and only then the
# cancelled call's end (the result before interaction.deleted, as
# doc/voice.md promises); then terminate A.
peers=("../consult_busy/uas.xml peer peer" "uas_consult.xml peer2 agent")
expect="voice.createcall.done \
	error.voice.consultation:timeout \
	interaction.deleted:failed \
	interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
