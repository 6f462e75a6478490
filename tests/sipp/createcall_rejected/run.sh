#!/bin/bash
# sipp/createcall_rejected: createcall answered 603: error rejected.
peers=("uas.xml peer peer")
defines=("want=rejected")
expect="error.voice.createcall:rejected \
	interaction.deleted:failed"
. "$(dirname "$0")/../../sipp/run-case.sh"
