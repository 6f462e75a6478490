#!/bin/bash
# sipp/transfer_retry_after_timeout: the first REFER is accepted but no final
# NOTIFY follows in time (error timeout after 1 s); the same call is
# transferred again; a late sipfrag 200 of the first REFER (its Event id) is
# ignored, the second's 486 fails it busy; the call, still ours, is hung up.
peers=("uas.xml peer peer")
expect="voice.createcall.done \
	error.voice.transfer:timeout \
	error.voice.transfer:busy \
	interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
