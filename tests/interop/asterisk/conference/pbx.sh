# shellcheck shell=bash
# shellcheck disable=SC2154 # seen, case_dir: set by pbx-lib.sh, run-asterisk.sh
# conference/pbx.sh: before the conference, two calls, each bridged; once
# the engine's legs to the phones ended, ConfBridge room 100 holds the
# engine's call and both phones; then the phones are hung up.
two_calls() {
	bridge_of PJSIP/sipscxml PJSIP/phone &&
		[ "$(count_channels PJSIP/sipscxml)" -eq 2 ] &&
		[ "$(count_channels PJSIP/phone)" -eq 2 ] &&
		[ "$(bridges | awk '{print $1}' | sort -u | wc -l)" -eq 2 ]
}
# `confbridge list 100`: one line per participant, its channel first.
room_full() {
	seen=$(ast 'confbridge list 100')
	[ "$(grep -c '^PJSIP/phone-' <<<"$seen")" -eq 2 ] &&
		[ "$(grep -c '^PJSIP/sipscxml-' <<<"$seen")" -eq 1 ]
}
at consulting
until_ok "two calls, each bridged" two_calls
ok consulting
at conference
until_ok "ConfBridge 100: the engine and both phones" room_full
echo "$seen"
show 'confbridge list'
hangup PJSIP/phone
ok conference
