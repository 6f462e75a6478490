#!/bin/bash
# sipp/conference: conference: both parties get a REFER to the focus URI (a
# SIPp focus answers our own INVITE); once both joined, done.
peers=("uas_party_a.xml peer a" "uas_party_b.xml peer2 b" "uas_focus.xml focus focus")
expect="voice.createcall.done \
	voice.consultation.done \
	voice.conference.done \
	interaction.deleted:transferred \
	interaction.deleted:transferred \
	interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
