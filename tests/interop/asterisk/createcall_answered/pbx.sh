# shellcheck shell=bash
# shellcheck disable=SC2154 # seen, case_dir: set by pbx-lib.sh, run-asterisk.sh
# createcall_answered/pbx.sh: one bridge holds the engine's channel and the
# phone's.
at talking
until_ok "engine and phone bridged" bridge_of PJSIP/sipscxml PJSIP/phone
show 'bridge show all'
ok talking
