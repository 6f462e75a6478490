#!/bin/bash
# sipp/terminate: an answered call hung up by terminate with a reason: the
# BYE carries it as X-Call-Reason (SIPp checks), done then the call's end.
peers=("uas.xml peer peer")
expect="voice.createcall.done interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
