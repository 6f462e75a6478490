#!/bin/bash
# sipp/transfer_refer_rejected: REFER answered 603: error rejected, the call
# stays ours.
peers=("uas.xml peer peer")
defines=("want=rejected")
expect="voice.createcall.done \
	error.voice.transfer:rejected \
	interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
