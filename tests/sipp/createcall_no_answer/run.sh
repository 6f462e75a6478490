#!/bin/bash
# sipp/createcall_no_answer: 180 and no answer: the action's 1 s timeout
# sends CANCEL (SIPp expects it, answers 200 and 487); error timeout.
peers=("uas.xml peer peer")
defines=("want=timeout" "timeout=1s")
expect="error.voice.createcall:timeout \
	interaction.deleted:failed"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
