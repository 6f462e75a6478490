#!/bin/bash
# sipp/release_on_exit: the flow ends with its call up: the session's end
# hangs it up (SIPp sees the BYE).
peers=("uas.xml peer peer")
expect="voice.createcall.done"
. "$(dirname "$0")/../../sipp/run-case.sh"
