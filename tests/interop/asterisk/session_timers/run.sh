#!/bin/bash
# asterisk/session_timers: the engine calls as endpoint sipscxml-timers
# (session timers forced, 90 s, Asterisk refreshing); the call stays up
# until Asterisk refreshed the session (after 45 s) and the engine took
# the refresh with a 2xx (RFC 4028: 90 s is the lowest Min-SE; the engine
# accepted 90 in the 200 OK of the same call).
peers=("../phone_a.xml peer a")
expect="voice.createcall.done \
	interaction.terminate.done \
	interaction.deleted:local"
flow_timeout=120
sipp_timeout=120
# shellcheck source-path=SCRIPTDIR source=../case.sh
. "$(dirname "$0")/../case.sh"
# shellcheck source-path=SCRIPTDIR source=../../../sipp/run-case.sh
. "$(dirname "$0")/../../../sipp/run-case.sh"
