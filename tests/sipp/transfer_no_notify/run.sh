#!/bin/bash
# sipp/transfer_no_notify: single-step transfer, REFER accepted (202), then
# only a 100 Trying sipfrag and no final NOTIFY: with timeout 1s, error
# timeout; the call stays ours and the flow hangs it up (SIPp takes the BYE).
peers=("uas.xml peer peer")
expect="voice.createcall.done \
	error.voice.transfer:timeout \
	interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
