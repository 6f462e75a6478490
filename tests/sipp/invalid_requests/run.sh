#!/bin/bash
# sipp/invalid_requests: createcall without to (invalidrequest), hold of an
# unknown call (invalidinteraction), retrieve of a call not held
# (invalidstate): errors at once; SIPp sees only the INVITE and our BYE.
peers=("uas.xml peer peer")
expect="voice.createcall.done \
	error.voice.createcall:invalidrequest \
	error.voice.hold:invalidinteraction \
	error.voice.retrieve:invalidstate \
	interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
