# shellcheck shell=bash
# shellcheck disable=SC2154 # seen, case_dir: set by pbx-lib.sh, run-asterisk.sh
# session_timers/pbx.sh: the call is bridged; then, up to 80 s, Asterisk's
# first session refresh to the engine (an UPDATE or re-INVITE carrying
# Session-Expires, after the call's initial INVITE) and the engine's answer
# to it: a 2xx passes, anything else (422) fails.
at talking
until_ok "engine and phone bridged" bridge_of PJSIP/sipscxml-timers PJSIP/phone
engine=$(channels && awk -F'!' '$1 ~ /^PJSIP\/sipscxml-timers-/ { print $1 }' <<<"$seen")
refresh_answer() {
	seen=$(case_log | awk -f "$case_dir/../sip-summary.awk")
	# The engine: where the call's INVITE came from. The first refresh:
	# a request Asterisk sent it with Session-Expires (UPDATE, or a
	# re-INVITE); then the engine's response with its CSeq.
	local from req
	from=$(awk -F' [|] ' '$1 ~ /^rx / && $2 ~ /^INVITE / { sub(/^rx /, "", $1); print $1; exit }' <<<"$seen")
	req=$(awk -F' [|] ' -v p="tx $from" '$1 == p && $2 ~ /^(UPDATE|INVITE) / && $4 ~ /^Session-Expires/ { print $3; exit }' <<<"$seen")
	[ -n "$from" ] && [ -n "$req" ] || return 1
	answer=$(awk -F' [|] ' -v p="rx $from" -v c="$req" '$1 == p && $2 ~ /^SIP\/2.0 [2-6]/ && $3 == c { print $2; exit }' <<<"$seen")
	[ -n "$answer" ] && refresh="$req"
}
for ((i = 0; i < 800; i++)); do
	refresh_answer && break
	sleep 0.1
done
grep -E 'Session-Expires|Min-SE|UPDATE|422' <<<"$seen"
[ -n "${refresh:-}" ] || fail "no session refresh from Asterisk within 80 s (engine leg $engine)"
case $answer in
"SIP/2.0 2"*) say "refresh ($refresh) answered: $answer" ;;
*) fail "Asterisk's refresh ($refresh) answered: $answer" ;;
esac
ok talking
