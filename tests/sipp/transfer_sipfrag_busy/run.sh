#!/bin/bash
# sipp/transfer_sipfrag_busy: single-step transfer whose NOTIFY sipfrag says
# 486: error busy, the call stays ours.
peers=("uas.xml peer peer")
defines=("want=busy")
expect="voice.createcall.done \
	error.voice.transfer:busy \
	interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
