#!/bin/bash
# sipp/release_on_exit: the flow ends with its call up: the session's end
# hangs it up (SIPp sees the BYE).
peers=("uas.xml peer peer")
expect="voice.createcall.done"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
