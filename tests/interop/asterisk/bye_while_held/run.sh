#!/bin/bash
# asterisk/bye_while_held: the flow holds the call; while the phone hears
# music on hold, its channel is hung up on Asterisk (CLI), which BYEs the
# engine: the held call ends as remote.
peers=("../phone_a.xml peer a")
expect="voice.createcall.done \
	voice.hold.done \
	interaction.deleted:remote"
# shellcheck source-path=SCRIPTDIR source=../case.sh
. "$(dirname "$0")/../case.sh"
# shellcheck source-path=SCRIPTDIR source=../../../sipp/run-case.sh
. "$(dirname "$0")/../../../sipp/run-case.sh"
