#!/bin/bash
# asterisk/inbound_reject: a phone calls the engine through Asterisk; the flow rejects
# with 486; the phone gets Asterisk's 486.
peers=("uac.xml - -")
expect="interaction.added \
	interaction.reject.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../case.sh
. "$(dirname "$0")/../case.sh"
# shellcheck source-path=SCRIPTDIR source=../../../sipp/run-case.sh
. "$(dirname "$0")/../../../sipp/run-case.sh"
