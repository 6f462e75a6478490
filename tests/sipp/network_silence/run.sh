#!/bin/bash
# sipp/network_silence: SIPp drops our hold re-INVITE (no response at all):
# the transaction times out (t1 100 ms, 1.5 s, sipscxml.conf), one error
# timeout, the dialog released (failed); the session goes on (a terminate of
# the gone call: invalidinteraction).
peers=("uas.xml peer peer")
expect="voice.createcall.done \
	error.voice.hold:timeout \
	interaction.deleted:failed \
	error.interaction.terminate:invalidinteraction"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
