# shellcheck shell=bash
# shellcheck disable=SC2154 # seen, case_dir: set by pbx-lib.sh, run-asterisk.sh
# hold_retrieve/pbx.sh: music on hold starts on the phone's channel while
# the engine holds, and stops once it retrieves.
at held
until_ok "music on hold to the phone" logged "Started music on hold, class 'default', on channel 'PJSIP/phone-"
until_ok "still bridged" bridge_of PJSIP/sipscxml PJSIP/phone
ok held
at retrieved
until_ok "music on hold stopped" logged "Stopped music on hold on PJSIP/phone-"
ok retrieved
