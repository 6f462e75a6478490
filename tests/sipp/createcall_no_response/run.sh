#!/bin/bash
# sipp/createcall_no_response: nothing answers the INVITE: the transaction
# times out (short timers from sipscxml.conf); error timeout.
peers=("uas.xml peer peer")
defines=("want=timeout")
expect="error.voice.createcall:timeout \
	interaction.deleted:failed"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
