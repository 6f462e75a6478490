#!/bin/bash
# sipp/transfer_single: single-step transfer: REFER, NOTIFY sipfrag 200, our
# leg released (transferred).
peers=("uas.xml peer peer")
expect="voice.createcall.done \
	voice.transfer.done \
	interaction.deleted:transferred"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
