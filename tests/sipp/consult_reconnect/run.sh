#!/bin/bash
# sipp/consult_reconnect: consultation answered, then reconnect: the held
# party sees hold and retrieve re-INVITEs, the consulted one our BYE. The
# consulted call's end comes after the reconnect's result (the flow fails
# otherwise), before or after A's own end.
peers=("uas.xml peer peer" "uas_consult.xml peer2 agent")
expect="voice.createcall.done \
	voice.consultation.done \
	voice.reconnect.done \
	~interaction.deleted:local \
	interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
