#!/bin/bash
# asterisk/createcall_answered: the flow calls a phone through Asterisk; while
# they talk, Asterisk bridges the engine's channel with the phone's; the
# flow hangs up and Asterisk releases the phone.
peers=("../phone_a.xml peer a")
expect="voice.createcall.done \
	interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../case.sh
. "$(dirname "$0")/../case.sh"
# shellcheck source-path=SCRIPTDIR source=../../../sipp/run-case.sh
. "$(dirname "$0")/../../../sipp/run-case.sh"
