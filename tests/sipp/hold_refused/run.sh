#!/bin/bash
# sipp/hold_refused: hold answered 488: error notacceptable, the call stays
# up.
peers=("uas.xml peer peer")
expect="voice.createcall.done \
	error.voice.hold:notacceptable \
	interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
