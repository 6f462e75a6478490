# shellcheck shell=bash
# shellcheck disable=SC2154 # seen, case_dir: set by pbx-lib.sh, run-asterisk.sh
# consult_no_answer/pbx.sh: once the consultation failed, phone a's music
# on hold stopped (retrieved) and it is the one call left, bridged.
one_call() {
	bridge_of PJSIP/sipscxml PJSIP/phone &&
		[ "$(grep -c . <<<"$seen")" -eq 2 ]
}
at retrieved
until_ok "music on hold to phone a" logged "Started music on hold, class 'default', on channel 'PJSIP/phone-"
until_ok "music on hold stopped" logged "Stopped music on hold on PJSIP/phone-"
until_ok "one call left, bridged" one_call
ok retrieved
