#!/bin/bash
# tests/interop/asterisk/run-asterisk.sh: sipscxml against a real Asterisk
# (`make check-asterisk`; not part of `make check`, Asterisk is not a Debian
# package). Skipped (77) unless ASTERISK names an Asterisk 20+ binary whose
# modules include chan_pjsip and app_confbridge.
#
#   ASTERISK=/path/to/sbin/asterisk tests/interop/asterisk/run-asterisk.sh [CASE...]
#
# It lays out Asterisk's whole configuration in a temporary directory
# (asterisk.conf points every directory Asterisk writes to there, so it runs
# as root without touching /etc or /var), on 127.0.0.1 and a free UDP port:
#   - endpoint `sipscxml` (From user sipscxml): the engine, context
#     from-sipscxml; `sipscxml-timers` the same with session timers forced at
#     90 s; endpoint `phone` (From user phone): the SIPp phones, context
#     from-phones;
#   - from-sipscxml: extension N (digits) dials the phone listening on
#     127.0.0.1:N, conf-100 is ConfBridge room 100; from-phones: extension N
#     dials the engine listening on 127.0.0.1:N (so no port is written in
#     the configuration: each case's ports are picked when it runs);
#   - music on hold from a file of silence, the pjsip logger on.
# It starts Asterisk in the foreground (`-f`), waits until it is fully
# booted, then runs each case: its run.sh (the call-flow driver of
# tests/sipp/, run-case.sh: the flow, the SIPp phones, the event log) and,
# beside it, its pbx.sh, which watches the flow's event log for the flow's
# checkpoints (`pbx.check` events), checks Asterisk's side through its CLI
# (`bridge show all`, `confbridge list`, `core show channels`) and its log,
# and answers the flow over Basic HTTP (`pbx.ok` / `pbx.fail`). After each
# case Asterisk must have no channel left, and every 2xx it sent to an
# INVITE must have been ACKed (sip-acks.awk reads its SIP log). Asterisk is
# stopped at the end.
#
# A case with a file `xfail` is expected to fail (the file says why: a fix
# not merged yet); it is reported XFAIL, or XPASS — a failure, so that the
# mark is removed — when it passes.
# Logs: $top_builddir/tests/out/asterisk/CASE/ (the driver's, plus pbx.txt:
# what the watcher saw) and tests/out/asterisk/asterisk/ (Asterisk's
# configuration and log).
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$(cd "$here/../../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
export top_srcdir top_builddir

skip() {
	echo "SKIP: interop/asterisk: $*"
	exit 77
}
ast_bin=${ASTERISK:-}
[ -n "$ast_bin" ] || skip "set ASTERISK to an Asterisk 20+ binary (with chan_pjsip and ConfBridge); see doc/interop.md"
[ -x "$ast_bin" ] || skip "ASTERISK=$ast_bin is not an executable"
version=$("$ast_bin" -V 2>/dev/null | head -1)
case $version in
Asterisk\ *) ;;
*) skip "ASTERISK=$ast_bin does not say it is Asterisk (-V: '$version')" ;;
esac
major=$(sed -n 's/^Asterisk \(certified[/-]\)\{0,1\}\([0-9][0-9]*\)\..*/\2/p' <<<"$version")
if [ -n "$major" ] && [ "$major" -lt 20 ]; then
	skip "$version: Asterisk 20 or later is needed"
fi
command -v curl >/dev/null || skip "no curl (the watcher answers the flows over HTTP)"
for f in "$top_builddir/sipscxml" "$top_builddir/tests/sipp/event_log"; do
	[ -x "$f" ] || {
		echo "FAIL: interop/asterisk: $f not built"
		exit 1
	}
done

# shellcheck source=../../sipp/ports.sh
. "$top_srcdir/tests/sipp/ports.sh"

outroot=$top_builddir/tests/out/asterisk
ast_dir=$outroot/asterisk # Asterisk's whole tree for this run
rm -rf "$ast_dir"
mkdir -p "$ast_dir"/etc "$ast_dir"/run "$ast_dir"/log "$ast_dir"/lib \
	"$ast_dir"/spool "$ast_dir"/moh
AST_CONF=$ast_dir/etc/asterisk.conf
export ASTERISK=$ast_bin AST_CONF

ast_pid=
stop_asterisk() {
	[ -n "$ast_pid" ] || return 0
	"$ast_bin" -C "$AST_CONF" -rx 'core stop now' >/dev/null 2>&1
	local i
	for ((i = 0; i < 100; i++)); do
		kill -0 "$ast_pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$ast_pid" 2>/dev/null && kill -9 "$ast_pid" 2>/dev/null
	wait "$ast_pid" 2>/dev/null
	ast_pid=
}
trap stop_asterisk EXIT

# shellcheck source=config.sh
. "$here/config.sh"

started=
for _ in 1 2 3; do
	AST_PORT=$(free_port)
	write_asterisk_config "$ast_dir" "$AST_PORT"
	"$ast_bin" -C "$AST_CONF" -f -n >"$ast_dir/log/stdout" 2>&1 </dev/null &
	ast_pid=$!
	if wait_port "$AST_PORT" "$ast_pid" udp &&
		"$ast_bin" -C "$AST_CONF" -rx 'core waitfullybooted' >/dev/null 2>&1; then
		started=1
		break
	fi
	stop_asterisk
done
if [ -z "$started" ]; then
	echo "FAIL: interop/asterisk: $version did not start (see $ast_dir/log)"
	tail -20 "$ast_dir/log/stdout" "$ast_dir/log/messages.log" 2>/dev/null
	exit 1
fi
export AST_PORT
ast() { "$ast_bin" -C "$AST_CONF" -rx "$1" 2>&1; }

# The modules the cases need, loaded from the binary's own module folder.
for m in chan_pjsip app_confbridge app_dial res_musiconhold res_pjsip_refer \
	bridge_softmix pbx_config; do
	ast "module show like $m.so" | grep -q "^$m.so " ||
		skip "$version has no module $m (see $ast_dir/log/messages.log)"
done
ast 'pjsip set logger on' >/dev/null
echo "interop/asterisk: $version on 127.0.0.1:$AST_PORT (config and log: $ast_dir)"

# No argument: every case, and the sample configuration; else the cases
# named ("sample": the sample configuration).
cases=()
run_sample=
for a in "$@"; do
	if [ "$a" = sample ]; then run_sample=1; else cases+=("$a"); fi
done
if [ $# -eq 0 ]; then
	run_sample=1
	for d in "$here"/*/; do
		[ -f "$d/run.sh" ] && cases+=("$(basename "$d")")
	done
fi

# Channels still up once a case ended: listed, then hung up for the next.
leftover_channels() {
	local i n
	for ((i = 0; i < 100; i++)); do
		n=$(ast 'core show channels concise' | grep -c '!')
		[ "$n" -eq 0 ] && return 0
		sleep 0.1
	done
	ast 'core show channels concise'
	ast 'channel request hangup all' >/dev/null
	return 1
}

pass=0 fail=0 xfail=0 skipped=0
failed=()
for c in "${cases[@]}"; do
	dir=$here/$c
	out=$outroot/$c
	rm -rf "$out"
	mkdir -p "$out"
	log_start=$(wc -l <"$ast_dir/log/messages.log")
	pbx_log=$ast_dir/$c.pbx
	watcher=
	if [ -f "$dir/pbx.sh" ]; then
		(
			export out log_start case_dir=$dir
			# shellcheck source=pbx-lib.sh
			. "$here/pbx-lib.sh"
			# shellcheck disable=SC1091 # one per case
			. "$dir/pbx.sh"
		) >"$pbx_log" 2>&1 &
		watcher=$!
	fi
	bash "$dir/run.sh" >"$ast_dir/$c.out" 2>&1
	rc=$?
	if [ -n "$watcher" ]; then
		# The watcher's steps are bounded; this only guards a stuck CLI.
		for ((i = 0; i < 1200; i++)); do
			kill -0 "$watcher" 2>/dev/null || break
			sleep 0.1
		done
		kill -0 "$watcher" 2>/dev/null && kill "$watcher" 2>/dev/null
		wait "$watcher"
		wrc=$?
		cp "$pbx_log" "$out/pbx.txt"
		if [ $wrc -ne 0 ] && [ $rc -ne 77 ]; then
			echo "     pbx.sh: Asterisk's side was not as expected:" >>"$ast_dir/$c.out"
			sed 's/^/     pbx: /' "$pbx_log" | tail -15 >>"$ast_dir/$c.out"
			rc=1
		fi
	fi
	if ! leftover_channels >"$out/leftover.txt"; then
		{
			echo "     Asterisk still had channels once the case ended:"
			sed 's/^/     /' "$out/leftover.txt"
		} >>"$ast_dir/$c.out"
		[ $rc -eq 77 ] || rc=1
	fi
	sed -n "$((log_start + 1)),\$p" "$ast_dir/log/messages.log" >"$out/asterisk.log"
	# Every 2xx Asterisk sent to an INVITE was ACKed (the engine's and
	# the phones' alike).
	awk -f "$here/sip-acks.awk" "$out/asterisk.log" >"$out/acks.txt"
	if [ -s "$out/acks.txt" ] && [ $rc -ne 77 ]; then
		sed 's/^/     /' "$out/acks.txt" >>"$ast_dir/$c.out"
		rc=1
	fi
	if [ $rc -eq 77 ]; then
		skipped=$((skipped + 1))
		grep '^SKIP' "$ast_dir/$c.out"
	elif [ -f "$dir/xfail" ]; then
		if [ $rc -eq 0 ]; then
			echo "XPASS: asterisk/$c (expected to fail: $(head -1 "$dir/xfail")); remove $c/xfail"
			fail=$((fail + 1))
			failed+=("$c")
		else
			echo "XFAIL: asterisk/$c: $(head -1 "$dir/xfail")"
			grep -v '^FAIL' "$ast_dir/$c.out" | head -20
			xfail=$((xfail + 1))
		fi
	elif [ $rc -eq 0 ]; then
		echo "PASS: asterisk/$c"
		pass=$((pass + 1))
	else
		grep -v '^FAIL: ' "$ast_dir/$c.out"
		echo "FAIL: asterisk/$c (logs: $out)"
		fail=$((fail + 1))
		failed+=("$c")
	fi
done
stop_asterisk

# The deployment sample (configs/asterisk/), its example addresses moved to
# loopback, loads into the same Asterisk: the trunk with its contact and
# identify, the phones, 7000 to the flow, conf-100 to ConfBridge, the
# music-on-hold class, and no configuration error in the log.
check_sample() {
	local d=$outroot/sample port eport s=$top_srcdir/configs/asterisk what
	rm -rf "$d"
	mkdir -p "$d"/etc "$d"/run "$d"/log "$d"/lib "$d"/spool "$d"/moh
	port=$(free_port)
	eport=$(free_port)
	write_asterisk_config "$d" "$port"
	printf 'load = %s\n' res_pjsip_endpoint_identifier_ip.so \
		res_pjsip_authenticator_digest.so res_pjsip_registrar.so \
		>>"$d/etc/modules.conf"
	sed -e "s/0\.0\.0\.0:5060/127.0.0.1:$port/" \
		-e "s/192\.0\.2\.20:5060/127.0.0.1:$eport/" \
		-e 's/192\.0\.2\.20/127.0.0.1/' "$s/pjsip.conf" >"$d/etc/pjsip.conf"
	cp "$s/extensions.conf" "$s/confbridge.conf" "$d/etc/"
	sed "s|^directory = moh|directory = $d/moh|" "$s/musiconhold.conf" \
		>"$d/etc/musiconhold.conf"
	AST_CONF=$d/etc/asterisk.conf
	"$ast_bin" -C "$AST_CONF" -f -n >"$d/log/stdout" 2>&1 </dev/null &
	ast_pid=$!
	if ! wait_port "$port" "$ast_pid" udp ||
		! ast 'core waitfullybooted' >/dev/null; then
		echo "     Asterisk did not start with the sample (see $d/log)"
		return 1
	fi
	local -a checks=(
		"pjsip show endpoint sipscxml|Contact: +sipscxml/sip:127.0.0.1:$eport"
		"pjsip show endpoint sipscxml|Match: +127.0.0.1/32"
		"pjsip show endpoint 1001|Endpoint: +1001"
		"dialplan show 7000@phones|Dial\(PJSIP/\\\$\{EXTEN\}@sipscxml"
		"dialplan show conf-100@from-sipscxml|ConfBridge\(100\)"
		"moh show classes|Class: default"
	)
	local c rc=0
	for c in "${checks[@]}"; do
		what=${c%%|*}
		ast "$what" >"$d/cli.txt"
		grep -Eq "${c#*|}" "$d/cli.txt" || {
			echo "     sample: '$what' lacks /${c#*|}/:"
			sed 's/^/       /' "$d/cli.txt" | head -20
			rc=1
		}
	done
	grep -E '(ERROR|WARNING)\[' "$d/log/messages.log" |
		grep -v 'No SIP authenticator' >"$d/errors.txt"
	[ -s "$d/errors.txt" ] && {
		echo "     sample: Asterisk complained while loading it:"
		sed 's/^/       /' "$d/errors.txt"
		rc=1
	}
	stop_asterisk
	return $rc
}
if [ -n "$run_sample" ]; then
	if check_sample >"$outroot/sample.out" 2>&1; then
		echo "PASS: asterisk/sample configuration (configs/asterisk/)"
		pass=$((pass + 1))
	else
		cat "$outroot/sample.out"
		echo "FAIL: asterisk/sample configuration (configs/asterisk/; logs: $outroot/sample)"
		fail=$((fail + 1))
		failed+=(sample)
	fi
fi
echo "asterisk: $pass passed, $fail failed, $xfail expected failures, $skipped skipped ($version)"
[ $fail -eq 0 ] || {
	echo "failed: ${failed[*]}"
	exit 1
}
exit 0
