#!/bin/bash
# sipp/exit_while_ringing: the flow ends while its call rings (180): the
# session's end sends CANCEL (SIPp expects it, answers 200 and 487); no
# result event for the abandoned createcall.
peers=("uas.xml peer peer")
expect=""
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
