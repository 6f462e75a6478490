#!/bin/bash
# asterisk/consult_no_answer: a consultation to a phone that rings and
# never answers (timeout 2 s): the engine cancels through Asterisk (the
# phone sees the CANCEL) and retrieves phone a (its music stops). The
# result event comes before the cancelled call's interaction.deleted, as
# doc/voice.md promises (strict order here).
peers=("../phone_a.xml peer a" "../phone_ring.xml peer2 b")
expect="voice.createcall.done \
	error.voice.consultation:timeout \
	interaction.deleted:failed \
	interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../case.sh
. "$(dirname "$0")/../case.sh"
# shellcheck source-path=SCRIPTDIR source=../../../sipp/run-case.sh
. "$(dirname "$0")/../../../sipp/run-case.sh"
