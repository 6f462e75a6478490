# shellcheck shell=bash
# shellcheck disable=SC2154 # seen, case_dir: set by pbx-lib.sh, run-asterisk.sh
# transfer_single/pbx.sh: before the transfer, the engine's leg bridged
# with phone a; after it, phone a bridged with phone b (Asterisk called b)
# and no engine leg left; then the phones are hung up.
phones_only() {
	bridge_of PJSIP/phone PJSIP/phone && [ "$(count_channels PJSIP/sipscxml)" -eq 0 ]
}
at talking
until_ok "engine and phone a bridged" bridge_of PJSIP/sipscxml PJSIP/phone
ok talking
at transferred
until_ok "the phones bridged together, no engine leg" phones_only
show 'bridge show all'
hangup PJSIP/phone
ok transferred
