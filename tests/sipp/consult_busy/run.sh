#!/bin/bash
# sipp/consult_busy: consultation to a busy party (486): error busy, the
# held party is retrieved.
peers=("uas.xml peer peer" "uas_consult.xml peer2 agent")
expect="voice.createcall.done \
	error.voice.consultation:busy \
	interaction.deleted:failed \
	interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
