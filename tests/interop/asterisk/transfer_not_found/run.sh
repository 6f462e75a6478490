#!/bin/bash
# asterisk/transfer_not_found: a single-step transfer to an extension
# Asterisk lacks: 202, then a sipfrag 404: error invaliddestination; the
# flow then holds the call. Asterisk may hang up the transferee meanwhile,
# its BYE crossing our re-INVITE: whichever comes first, every 2xx
# Asterisk sent to an INVITE of ours is ACKed (pbx.sh reads Asterisk's SIP
# log), and the hold ends in one result.
peers=("../phone_a.xml peer a")
expect="voice.createcall.done \
	error.voice.transfer:invaliddestination \
	*voice.hold.done \
	*error.voice.hold:invalidinteraction \
	*interaction.terminate.done \
	*interaction.deleted:local \
	*interaction.deleted:remote"
# shellcheck source-path=SCRIPTDIR source=../case.sh
. "$(dirname "$0")/../case.sh"
# shellcheck source-path=SCRIPTDIR source=../../../sipp/run-case.sh
. "$(dirname "$0")/../../../sipp/run-case.sh"
