#!/bin/bash
# asterisk/consult_reconnect: consultation (phone a held with music on hold,
# phone b called through Asterisk), then reconnect: b released, a
# retrieved.
peers=("../phone_a.xml peer a" "../phone_b.xml peer2 b")
expect="voice.createcall.done \
	voice.consultation.done \
	~interaction.deleted:local \
	voice.reconnect.done \
	interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../case.sh
. "$(dirname "$0")/../case.sh"
# shellcheck source-path=SCRIPTDIR source=../../../sipp/run-case.sh
. "$(dirname "$0")/../../../sipp/run-case.sh"
