#!/bin/bash
# baresip/hold_retrieve: baresip answers, is held and retrieved, takes our
# BYE.
peers=("baresip peer bob")
expect="voice.createcall.done \
	voice.hold.done \
	voice.retrieve.done \
	interaction.terminate.done \
	interaction.deleted:local"
check=check.sh
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
