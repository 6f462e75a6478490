#!/bin/bash
# baresip/answered: baresip answers (180, 200), takes our BYE.
peers=("baresip peer bob")
expect="voice.createcall.done \
	interaction.terminate.done \
	interaction.deleted:local"
check=check.sh
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
