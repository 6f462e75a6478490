#!/bin/bash
# sipp/consult_reconnect: consultation answered, then reconnect: the held
# party sees hold and retrieve re-INVITEs, the consulted one our BYE.
peers=("uas.xml peer peer" "uas_consult.xml peer2 agent")
expect="voice.createcall.done \
	voice.consultation.done \
	~interaction.deleted:local \
	voice.reconnect.done \
	interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
