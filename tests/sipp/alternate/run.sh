#!/bin/bash
# sipp/alternate: consultation, then alternate: the consulted party is held,
# the first one retrieved.
peers=("uas.xml peer peer" "uas_consult.xml peer2 agent")
expect="voice.createcall.done \
	voice.consultation.done \
	voice.alternate.done \
	~interaction.terminate.done \
	~interaction.terminate.done \
	~interaction.deleted:local \
	~interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
