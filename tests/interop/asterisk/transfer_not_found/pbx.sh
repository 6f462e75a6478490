# shellcheck shell=bash
# shellcheck disable=SC2154 # seen, case_dir: set by pbx-lib.sh, run-asterisk.sh
# transfer_not_found/pbx.sh: the call is bridged before the transfer; after
# the failed transfer Asterisk said why (the transfer target does not
# exist) and, once the flow is done, no channel of it is left (checked by
# run-asterisk.sh, with the ACKs of every 2xx).
at talking
until_ok "engine and phone a bridged" bridge_of PJSIP/sipscxml PJSIP/phone
ok talking
at ended
show 'core show channels'
ok ended
