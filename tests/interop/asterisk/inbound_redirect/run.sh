#!/bin/bash
# asterisk/inbound_redirect: a phone calls the engine through Asterisk; the flow
# redirects (302) to phone b's extension on Asterisk; Asterisk follows the
# redirect and bridges the two phones.
peers=("../phone_b.xml peer2 b" "uac.xml - -")
expect="interaction.added \
	interaction.redirect.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../case.sh
. "$(dirname "$0")/../case.sh"
# shellcheck source-path=SCRIPTDIR source=../../../sipp/run-case.sh
. "$(dirname "$0")/../../../sipp/run-case.sh"
