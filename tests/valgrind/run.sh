#!/bin/bash
# make check-valgrind: sipscxml under valgrind's memcheck on the offline
# commands and on call-flow cases that cover every voice action, a signal
# stop and an inbound call. A definite leak or a memory error makes
# sipscxml exit 99, which fails its case. GLib's own worker threads stay
# "possibly lost" and are not counted. Reports: tests/out/valgrind/*.log.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
prog=${SIPSCXML:-$top_builddir/sipscxml}
out=$top_builddir/tests/out/valgrind
command -v valgrind >/dev/null || { echo "SKIP: no valgrind"; exit 77; }
rm -rf "$out"
mkdir -p "$out"
wrapper=$out/sipscxml
cat >"$wrapper" <<WRAP
#!/bin/sh
exec valgrind -q --leak-check=full --errors-for-leak-kinds=definite \\
	--suppressions="$top_srcdir/tests/valgrind/sofia.supp" \\
	--error-exitcode=99 --log-file="$out/%p.log" "$prog" "\$@"
WRAP
chmod +x "$wrapper"
fail=0

# Offline: a document refused, one with an expression error, one with
# timers, and an invoke tree (W3C-style) through simulate.
for d in malformed syntax-error script-error delayed; do
	"$wrapper" check "$top_srcdir/tests/cli/$d.scxml" >/dev/null 2>&1
	"$wrapper" run --timeout 20 "$top_srcdir/tests/cli/$d.scxml" \
		>/dev/null 2>&1
	[ $? -eq 99 ] && { echo "FAIL: valgrind: run $d"; fail=1; }
done
echo '{"name":"go"}' | "$wrapper" simulate \
	"$top_srcdir/tests/cli/ping.scxml" >/dev/null 2>&1
[ $? -eq 99 ] && { echo "FAIL: valgrind: simulate"; fail=1; }

# W3C tests of invoke, cancellation and delayed sends, when the suite is
# there (each must still pass).
suite=${W3C_SUITE:-$top_srcdir/../shared/w3c-scxml}
if [ -f "$suite/manifest.xml" ]; then
	for t in 187 207 215 226 229 232 233 252 530 509; do
		f=test$t.txml.scxml
		[ -f "$suite/$f" ] || continue
		(cd "$suite" && "$wrapper" run --timeout 30 --events - "$f") \
			>"$out/w3c-$t.txt" 2>&1
		if grep -q '"kind":"exit".*"final":"pass"' "$out/w3c-$t.txt"; then
			echo "PASS: valgrind: w3c $t"
		else
			echo "FAIL: valgrind: w3c $t (see $out/w3c-$t.txt)"
			fail=1
		fi
	done
fi

# SIP: each case's own verdicts, with sipscxml under valgrind (slower:
# the cases get more time).
for c in hold_retrieve consult_reconnect alternate transfer_two_step \
	conference transfer_sipfrag_busy createcall_no_answer \
	inbound_accept stop_on_signal; do
	SIPSCXML=$wrapper flow_timeout=60 \
		"$top_srcdir/tests/sipp/$c/run.sh" >"$out/$c.txt" 2>&1
	case $? in
	0) echo "PASS: valgrind: $c" ;;
	77) echo "SKIP: valgrind: $c" ;;
	*) echo "FAIL: valgrind: $c (see $out/$c.txt)"; fail=1 ;;
	esac
done
# SIP over TLS (OpenSSL under memcheck), engine to engine.
SIPSCXML=$wrapper "$top_srcdir/tests/tls/run.sh" >"$out/tls.txt" 2>&1
case $? in
0) echo "PASS: valgrind: tls" ;;
77) echo "SKIP: valgrind: tls" ;;
*) echo "FAIL: valgrind: tls (see $out/tls.txt)"; fail=1 ;;
esac
if grep -l 'definitely lost\|Invalid \(read\|write\)\|uninitialised' \
	"$out"/*.log 2>/dev/null; then
	echo "FAIL: valgrind reports above"
	fail=1
fi
exit $fail
