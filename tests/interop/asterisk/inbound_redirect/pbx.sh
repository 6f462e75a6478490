# shellcheck shell=bash
# shellcheck disable=SC2154 # seen, case_dir: set by pbx-lib.sh, run-asterisk.sh
# inbound_redirect/pbx.sh: once the flow is done, Asterisk followed the
# 302 (a Local channel into extension b of from-sipscxml): the calling
# phone is bridged with phone b, directly or through the Local channel's
# two halves, and no engine leg is left; then the phones are hung up.
redirected() {
	local local_b
	channels
	local_b=$(awk -F'!' '$1 ~ /^Local\// { sub(/-[0-9a-f]+;[12]$/, "", $1); print $1; exit }' <<<"$seen")
	[ "$(count_channels PJSIP/sipscxml)" -eq 0 ] || return 1
	[ "$(bridges_like PJSIP/phone PJSIP/phone)" -eq 1 ] ||
		{ [ -n "$local_b" ] && [ "$(bridges_like PJSIP/phone "$local_b")" -eq 2 ]; }
}
flow_ended
until_ok "the phones bridged (through Asterisk's forward), no engine leg" redirected
show 'core show channels'
hangup PJSIP/phone
