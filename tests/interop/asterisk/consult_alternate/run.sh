#!/bin/bash
# asterisk/consult_alternate: consultation, then alternate: phone b is held
# (music on hold to it), phone a retrieved (its music stops).
peers=("../phone_a.xml peer a" "../phone_b.xml peer2 b")
expect="voice.createcall.done \
	voice.consultation.done \
	voice.alternate.done \
	~interaction.terminate.done \
	~interaction.terminate.done \
	~interaction.deleted:local \
	~interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../case.sh
. "$(dirname "$0")/../case.sh"
# shellcheck source-path=SCRIPTDIR source=../../../sipp/run-case.sh
. "$(dirname "$0")/../../../sipp/run-case.sh"
