#!/bin/bash
# sipp/transfer_sipfrag_forbidden: sipfrag 403: the transferee's call
# refused, mapped as for createcall (invalidsource), unlike a REFER refused
# 403.
peers=("uas.xml peer peer")
defines=("want=invalidsource")
expect="voice.createcall.done \
	error.voice.transfer:invalidsource \
	interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
