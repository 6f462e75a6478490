#!/bin/bash
# sipp/driver_unexpected/case.sh: the case run.sh runs, which must FAIL:
# createcall_answered against a SIPp that does not expect our ACK. SIPp
# goes on past it (-abortunexp off) and exits 0 once it took our BYE; only
# the driver's check of its unexpected messages (sipp_unexpected.awk) can
# fail the case.
doc=../createcall_answered/flow.scxml
peers=("uas_no_ack.xml peer peer")
expect="voice.createcall.done \
	interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
