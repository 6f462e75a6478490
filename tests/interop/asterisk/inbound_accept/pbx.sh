# shellcheck shell=bash
# shellcheck disable=SC2154 # seen, case_dir: set by pbx-lib.sh, run-asterisk.sh
# inbound_accept/pbx.sh: the calling phone's channel is bridged with the
# engine's leg.
at talking
until_ok "phone and engine bridged" bridge_of PJSIP/phone PJSIP/sipscxml
show 'core show channels'
ok talking
