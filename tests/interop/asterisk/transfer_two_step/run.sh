#!/bin/bash
# asterisk/transfer_two_step: consultation, then a two-step transfer (REFER
# with Replaces to Asterisk): Asterisk bridges the two phones, our legs end
# as transferred, and no engine channel is left on Asterisk.
peers=("../phone_a.xml peer a" "../phone_b.xml peer2 b")
# Asterisk hangs up the replaced call itself, before or after its final
# NOTIFY: that leg ends as remote or as transferred (the flow counts two
# ends).
expect="voice.createcall.done \
	voice.consultation.done \
	~voice.transfer.done \
	*interaction.deleted:transferred \
	*interaction.deleted:remote"
# shellcheck source-path=SCRIPTDIR source=../case.sh
. "$(dirname "$0")/../case.sh"
# shellcheck source-path=SCRIPTDIR source=../../../sipp/run-case.sh
. "$(dirname "$0")/../../../sipp/run-case.sh"
