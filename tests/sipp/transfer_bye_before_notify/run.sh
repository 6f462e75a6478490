#!/bin/bash
# sipp/transfer_bye_before_notify: single-step transfer, REFER accepted
# (202), then the transferee sends BYE before any final NOTIFY: one error
# (invalidinteraction), then the call's end (remote).
peers=("uas.xml peer peer")
expect="voice.createcall.done \
	error.voice.transfer:invalidinteraction \
	interaction.deleted:remote"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
