#!/bin/bash
# sipp/stop_on_signal: SIGTERM stops `sipscxml run` with one call answered
# and one ringing: it sends BYE on the first and CANCEL on the second
# (each SIPp party expects its request), then exits with status 2; the
# exit record says "stopped". With --sip-trace, stderr shows the messages
# sent (check.sh looks for the BYE and the CANCEL there too).
peers=("uas_answer.xml answers answers" "uas_ring.xml rings rings")
expect="voice.createcall.done"
signal_on=ready
final=-
flow_status=2
check=check.sh
flow_args=(--sip-trace)
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
