#!/bin/bash
# sipp/conference_party_fails: conference where party A joins (sipfrag 200)
# and party B refuses the REFER (603): error rejected naming B's attribute;
# A's leg ends as transferred, told after the error, B's call and the focus call stay ours (the
# flow hangs up both, SIPp B and the focus take the BYEs).
# Party A and the focus are the conference case's own.
peers=("../conference/uas_party_a.xml peer a" "uas_party_b.xml peer2 b"
	"../conference/uas_focus.xml focus focus")
expect="voice.createcall.done \
	voice.consultation.done \
	error.voice.conference:rejected \
	interaction.deleted:transferred \
	interaction.terminate.done \
	interaction.deleted:local \
	interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
