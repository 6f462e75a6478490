#!/bin/bash
# sipp/conference_no_isfocus: the focus answers with a Contact that has no
# isfocus and names only its host (Asterisk's ConfBridge does so): the
# conference is the URI we called (RFC 4579 §5.1), and both parties must
# get a REFER there (they check Refer-To: <sip:focus@…>); once both joined,
# done. The flow is the conference case's.
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
