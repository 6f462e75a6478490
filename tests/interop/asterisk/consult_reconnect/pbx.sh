# shellcheck shell=bash
# shellcheck disable=SC2154 # seen, case_dir: set by pbx-lib.sh, run-asterisk.sh
# consult_reconnect/pbx.sh: while consulting, phone a hears music on hold
# and two bridges hold an engine leg and a phone each; after the
# reconnect, the music stops and one such bridge is left.
two_calls() {
	bridge_of PJSIP/sipscxml PJSIP/phone &&
		[ "$(count_channels PJSIP/sipscxml)" -eq 2 ] &&
		[ "$(count_channels PJSIP/phone)" -eq 2 ] &&
		[ "$(bridges | awk '{print $1}' | sort -u | wc -l)" -eq 2 ]
}
one_call() {
	bridge_of PJSIP/sipscxml PJSIP/phone &&
		[ "$(grep -c . <<<"$seen")" -eq 2 ]
}
at consulting
until_ok "music on hold to phone a" logged "Started music on hold, class 'default', on channel 'PJSIP/phone-"
until_ok "two calls, each bridged" two_calls
show 'bridge show all'
ok consulting
at reconnected
until_ok "music on hold stopped" logged "Stopped music on hold on PJSIP/phone-"
until_ok "one call left, bridged" one_call
ok reconnected
