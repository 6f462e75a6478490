# shellcheck shell=bash
# shellcheck disable=SC2154 # seen, case_dir: set by pbx-lib.sh, run-asterisk.sh
# consult_alternate/pbx.sh: after the alternate, music on hold started on
# both phones (a during the consultation, then b) and stopped on a — each
# phone's channel named as Asterisk created it (a first).
at alternated
channels
phone_a=$(awk -F'!' '$1 ~ /^PJSIP\/phone-/ { print $1 }' <<<"$seen" | sort | head -1)
phone_b=$(awk -F'!' '$1 ~ /^PJSIP\/phone-/ { print $1 }' <<<"$seen" | sort | tail -1)
[ -n "$phone_a" ] && [ "$phone_a" != "$phone_b" ] || fail "two phone channels: $seen"
until_ok "music on hold to a ($phone_a)" logged "Started music on hold, class 'default', on channel '$phone_a'"
until_ok "music on hold to b ($phone_b)" logged "Started music on hold, class 'default', on channel '$phone_b'"
until_ok "music on hold stopped on a" logged "Stopped music on hold on $phone_a"
logged "Stopped music on hold on $phone_b" && fail "b's music stopped: it is held"
ok alternated
