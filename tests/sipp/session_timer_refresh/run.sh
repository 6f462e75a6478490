#!/bin/bash
# sipp/session_timer_refresh: session timers at RFC 4028's floor. Our INVITE
# asks for 1800 s with Min-SE: 90 (sipscxml.conf); the peer
# answers it with Session-Expires: 90 (it refreshes), then
# refreshes with an UPDATE and a re-INVITE asking for 90 s: both must be
# answered 200 with Session-Expires (nua's own Min-SE of 120 answered 422);
# an UPDATE asking for 60 s must get 422 with Min-SE: 90. Then it hangs up.
peers=("uas.xml peer peer")
expect="voice.createcall.done \
	interaction.deleted:remote"
# shellcheck source-path=SCRIPTDIR source=../../sipp/run-case.sh
. "$(dirname "$0")/../../sipp/run-case.sh"
