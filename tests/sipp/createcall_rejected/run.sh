#!/bin/bash
# sipp/createcall_rejected: createcall answered 603: error rejected.
peers=("uas.xml peer peer")
defines=("want=rejected")
expect="error.voice.createcall:rejected \
	interaction.deleted:failed"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
