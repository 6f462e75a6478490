#!/bin/bash
# asterisk/createcall_busy: the phone answers Asterisk 486; Asterisk passes
# the busy on: error busy.
peers=("../phone_busy.xml peer a")
expect="error.voice.createcall:busy \
	interaction.deleted:failed"
# shellcheck source-path=SCRIPTDIR source=../case.sh
. "$(dirname "$0")/../case.sh"
# shellcheck source-path=SCRIPTDIR source=../../../sipp/run-case.sh
. "$(dirname "$0")/../../../sipp/run-case.sh"
