#!/bin/bash
# sipp/hold_retrieve: hold then retrieve: SIPp checks a=sendonly, then
# a=sendrecv, in the re-INVITE bodies.
peers=("uas.xml peer peer")
expect="voice.createcall.done \
	voice.hold.done \
	voice.retrieve.done \
	interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
