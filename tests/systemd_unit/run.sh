#!/bin/bash
# tests/systemd_unit/run.sh: the systemd unit make built from
# configs/sipscxml.service.in names the configured paths (ExecStart is
# $bindir/sipscxml serve with $sysconfdir/sipscxml.conf, no @placeholder@
# left), and systemd-analyze verify accepts it without a word (when
# systemd-analyze is there; it checks every key and value, and that the
# program exists: the copy it reads runs the built sipscxml).
set -u
: "${top_builddir:=.}"
unit=$top_builddir/configs/sipscxml.service
fail() {
	echo "FAIL: systemd_unit: $*"
	exit 1
}
[ -f "$unit" ] || fail "$unit not built"
[ -n "${sipscxml_bindir:-}" ] && [ -n "${sipscxml_sysconfdir:-}" ] ||
	fail "run it by make check (sipscxml_bindir, sipscxml_sysconfdir unset)"

grep -n '@[a-z_]*@' "$unit" && fail "placeholders left in $unit"
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
want="$sipscxml_bindir/sipscxml serve --config $sipscxml_sysconfdir/sipscxml.conf "
case $exec_start in
"$want"*) ;;
*) fail "ExecStart=$exec_start, not $want..." ;;
esac
# shellcheck disable=SC2016 # $MAINPID is systemd's, literally
for key in Type=notify 'ExecReload=/bin/kill -HUP $MAINPID' KillSignal=SIGTERM \
	TimeoutStopSec=90 DynamicUser=yes ProtectSystem=strict NoNewPrivileges=yes; do
	grep -qxF "$key" "$unit" || fail "$key missing"
done

analyze=$(command -v systemd-analyze || true)
if [ -z "$analyze" ]; then
	echo "PASS: systemd_unit (paths; systemd-analyze absent, not verified)"
	exit 0
fi
dir=$top_builddir/tests/out/systemd_unit
rm -rf "$dir"
mkdir -p "$dir"
prog=$(cd "$top_builddir" && pwd)/sipscxml
[ -x "$prog" ] || fail "$prog not built"
sed "s|^ExecStart=$sipscxml_bindir/sipscxml |ExecStart=$prog |" "$unit" \
	>"$dir/sipscxml.service"
# A warning ("ignoring") leaves the status 0: any output fails.
"$analyze" verify --man=no "$dir/sipscxml.service" >"$dir/verify.out" 2>&1
rc=$?
if [ "$rc" -ne 0 ] || [ -s "$dir/verify.out" ]; then
	cat "$dir/verify.out"
	fail "systemd-analyze verify: status $rc"
fi
echo "PASS: systemd_unit"
