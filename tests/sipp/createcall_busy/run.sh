#!/bin/bash
# sipp/createcall_busy: createcall answered 486: error busy, then the call's
# end (failed).
peers=("uas.xml peer peer")
defines=("want=busy")
expect="error.voice.createcall:busy \
	interaction.deleted:failed"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
