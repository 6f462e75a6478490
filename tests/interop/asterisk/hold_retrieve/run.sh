#!/bin/bash
# asterisk/hold_retrieve: the flow holds the call (re-INVITE a=sendonly):
# Asterisk plays music on hold to the phone; the retrieve stops it.
peers=("../phone_a.xml peer a")
expect="voice.createcall.done \
	voice.hold.done \
	voice.retrieve.done \
	interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../case.sh
. "$(dirname "$0")/../case.sh"
# shellcheck source-path=SCRIPTDIR source=../../../sipp/run-case.sh
. "$(dirname "$0")/../../../sipp/run-case.sh"
