#!/bin/bash
# sipp/via_kamailio: a call through Kamailio as the outbound proxy: the
# INVITE and our BYE (loose routing) both cross it.
peers=("kamailio - -" "uas.xml peer peer")
expect="voice.createcall.done \
	interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
