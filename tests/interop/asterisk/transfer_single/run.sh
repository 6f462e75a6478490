#!/bin/bash
# asterisk/transfer_single: a single-step transfer: REFER to Asterisk naming
# phone b; Asterisk calls b and bridges it with a; our leg ends
# as transferred, and no engine channel is left on Asterisk.
peers=("../phone_a.xml peer a" "../phone_b.xml peer2 b")
expect="voice.createcall.done \
	voice.transfer.done \
	interaction.deleted:transferred"
# shellcheck source-path=SCRIPTDIR source=../case.sh
. "$(dirname "$0")/../case.sh"
# shellcheck source-path=SCRIPTDIR source=../../../sipp/run-case.sh
. "$(dirname "$0")/../../../sipp/run-case.sh"
