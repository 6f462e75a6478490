# shellcheck shell=bash
# shellcheck disable=SC2154 # seen, case_dir: set by pbx-lib.sh, run-asterisk.sh
# bye_while_held/pbx.sh: once music on hold plays to the phone, its channel
# is hung up; Asterisk then BYEs the engine's held leg.
at held
until_ok "music on hold to the phone" logged "Started music on hold, class 'default', on channel 'PJSIP/phone-"
hangup PJSIP/phone
until_ok "the engine's leg released" no_channel PJSIP/sipscxml
