#!/bin/bash
# asterisk/createcall_not_found: the flow calls an extension Asterisk's
# dialplan lacks: 404, error invaliddestination.
expect="error.voice.createcall:invaliddestination \
	interaction.deleted:failed"
# shellcheck source-path=SCRIPTDIR source=../case.sh
. "$(dirname "$0")/../case.sh"
# shellcheck source-path=SCRIPTDIR source=../../../sipp/run-case.sh
. "$(dirname "$0")/../../../sipp/run-case.sh"
