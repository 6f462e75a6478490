#!/bin/bash
# sipp/bye_during_hold: the peer hangs up while our hold waits for its
# answer: hold fails invalidinteraction, then the call's end (remote).
peers=("uas.xml peer peer")
expect="voice.createcall.done \
	error.voice.hold:invalidinteraction \
	interaction.deleted:remote"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
