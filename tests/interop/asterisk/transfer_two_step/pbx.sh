# shellcheck shell=bash
# shellcheck disable=SC2154 # seen, case_dir: set by pbx-lib.sh, run-asterisk.sh
# transfer_two_step/pbx.sh: before the transfer, two calls, each an engine
# leg bridged with a phone; after it, the two phones are bridged together
# and no engine leg is left; then the phones are hung up.
two_calls() {
	bridge_of PJSIP/sipscxml PJSIP/phone &&
		[ "$(count_channels PJSIP/sipscxml)" -eq 2 ] &&
		[ "$(count_channels PJSIP/phone)" -eq 2 ] &&
		[ "$(bridges | awk '{print $1}' | sort -u | wc -l)" -eq 2 ]
}
phones_only() {
	bridge_of PJSIP/phone PJSIP/phone && [ "$(count_channels PJSIP/sipscxml)" -eq 0 ]
}
at consulting
until_ok "two calls, each bridged" two_calls
ok consulting
at transferred
until_ok "the phones bridged together, no engine leg" phones_only
show 'bridge show all'
hangup PJSIP/phone
ok transferred
