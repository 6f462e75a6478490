#!/bin/bash
# sipp/createcall_answered: createcall answered, then terminate: SIPp
# answers, gets the ACK and our BYE.
peers=("uas.xml peer peer")
expect="voice.createcall.done \
	interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
