# shellcheck shell=bash
# createcall_answered/pbx.sh: one bridge holds the engine's channel and the
# phone's.
at talking
until_ok "engine and phone bridged" bridge_of PJSIP/sipscxml PJSIP/phone
show 'bridge show all'
ok talking
