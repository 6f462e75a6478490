#!/bin/bash
# asterisk/conference: consultation, then conference with Asterisk's
# ConfBridge room conf-100 as the focus: the engine joins the room and
# refers both phones to it; ConfBridge 100 then holds the two phones and
# the engine's call. ConfBridge answers with a Contact lacking `isfocus`,
# so the parties must be referred to the URI we called (RFC 4579).
peers=("../phone_a.xml peer a" "../phone_b.xml peer2 b")
expect="voice.createcall.done \
	voice.consultation.done \
	~interaction.deleted:transferred \
	~interaction.deleted:transferred \
	voice.conference.done \
	interaction.terminate.done \
	interaction.deleted:local"
# shellcheck source-path=SCRIPTDIR source=../case.sh
. "$(dirname "$0")/../case.sh"
# shellcheck source-path=SCRIPTDIR source=../../../sipp/run-case.sh
. "$(dirname "$0")/../../../sipp/run-case.sh"
