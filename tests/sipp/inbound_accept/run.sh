#!/bin/bash
# sipp/inbound_accept: SIPp calls us, the flow accepts; SIPp hangs up.
peers=("uac.xml - -")
expect="interaction.added \
	interaction.accept.done \
	interaction.deleted:remote"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
