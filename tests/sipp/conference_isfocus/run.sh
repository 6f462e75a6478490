#!/bin/bash
# sipp/conference_isfocus: the focus answers with a Contact marked isfocus
# that names another URI (sip:room-7@…) than the one we called: both
# parties must get a REFER to that one (they check Refer-To); once both
# joined, done. The flow is the conference case's.
doc=../conference/flow.scxml
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
