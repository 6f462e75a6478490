#!/bin/bash
# baresip/transfer: baresip is transferred (single step) to a SIPp phone: it
# calls it, reports sipfrag 200; our leg is released.
peers=("baresip peer bob" "uas_target.xml target target")
expect="voice.createcall.done \
	voice.transfer.done \
	interaction.deleted:transferred"
check=check.sh
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
