#!/bin/bash
# sipp/session_timer_inbound: SIPp calls us asking for session timers at
# 90 s (RFC 4028's floor, as Asterisk with timers=always would): the flow
# accepts (inbound_accept's flow); our 200 must say Session-Expires: 90
# (nua's own Min-SE of 120 answered the INVITE 422), and an UPDATE refresh
# at 90 s must get 200 with Session-Expires: 90. SIPp hangs up.
doc=../inbound_accept/flow.scxml
peers=("uac.xml - -")
expect="interaction.added \
	interaction.accept.done \
	interaction.deleted:remote"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
