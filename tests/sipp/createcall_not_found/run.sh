#!/bin/bash
# sipp/createcall_not_found: createcall answered 404: error
# invaliddestination.
peers=("uas.xml peer peer")
defines=("want=invaliddestination")
expect="error.voice.createcall:invaliddestination \
	interaction.deleted:failed"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
