#!/bin/bash
# asterisk/inbound_accept: a phone calls the engine through Asterisk (which dials the
# engine as the extension); the flow accepts; Asterisk bridges the phone
# with the engine's leg; the flow hangs up.
peers=("uac.xml - -")
expect="interaction.added \
	interaction.accept.done \
	interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../case.sh
. "$(dirname "$0")/../case.sh"
# shellcheck source-path=SCRIPTDIR source=../../../sipp/run-case.sh
. "$(dirname "$0")/../../../sipp/run-case.sh"
