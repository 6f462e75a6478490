#!/bin/sh
# Runs libFuzzer harnesses (make fuzz): each over its corpus, then fuzzing
# for FUZZ_SECONDS more (0: the corpus only), under the ASan+UBSan build,
# with an RSS limit (FUZZ_RSS_MB) and a per-input timeout. Prints a line of
# figures per harness from libFuzzer's -print_final_stats, and exits 1 when
# any harness found a crash, a leak, a hang or an out-of-memory: the input
# is in tests/out/fuzz/NAME/ (crash-*, leak-*, timeout-*, oom-*), the log in
# tests/out/fuzz/NAME/log.
# Usage: run-fuzz.sh SRCDIR NAME... (from the build directory)
srcdir=$1
shift
secs=${FUZZ_SECONDS:-60}
rss=${FUZZ_RSS_MB:-2048}
pass=0
fail=0
failed=
for name in "$@"; do
	bin=tests/fuzz/fuzz_$name
	out=tests/out/fuzz/$name
	seeds=$srcdir/tests/fuzz/$name
	mkdir -p "$out/corpus"
	rm -f "$out"/crash-* "$out"/leak-* "$out"/timeout-* "$out"/oom-*
	set -- -rss_limit_mb="$rss" -timeout=25 -print_final_stats=1 \
		-artifact_prefix="$out/"
	if [ "$secs" -gt 0 ]; then
		set -- "$@" -max_total_time="$secs"
	else
		set -- "$@" -runs=0
	fi
	[ -f "$srcdir/tests/fuzz/$name.dict" ] &&
		set -- "$@" -dict="$srcdir/tests/fuzz/$name.dict"
	# New inputs go to the first directory (the build's), never to the
	# seeds in the source tree.
	"$bin" "$@" "$out/corpus" "$seeds" >"$out/log" 2>&1
	rc=$?
	stats=$(awk '
		/^stat::number_of_executed_units:/ { runs = $2 }
		/^stat::average_exec_per_sec:/ { eps = $2 }
		/^stat::peak_rss_mb:/ { rss = $2 }
		/ cov: / { for (i = 1; i < NF; i++) {
			if ($i == "cov:") cov = $(i + 1)
			if ($i == "ft:") ft = $(i + 1)
			if ($i == "corp:") corp = $(i + 1) } }
		END { printf "runs=%s exec/s=%s cov=%s ft=%s corpus=%s rss=%sMB",
			runs, eps, cov, ft, corp, rss }' "$out/log")
	if [ $rc -eq 0 ]; then
		pass=$((pass + 1))
		echo "PASS: fuzz_$name ${secs}s $stats"
	else
		fail=$((fail + 1))
		failed="$failed $name"
		echo "FAIL: fuzz_$name (exit $rc) $stats"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$out/log" |
			head -n 5 | sed 's/^/    /'
		for a in "$out"/crash-* "$out"/leak-* "$out"/timeout-* \
			"$out"/oom-*; do
			[ -e "$a" ] && echo "    input: $a"
		done
	fi
done
echo "# FUZZ harnesses: $((pass + fail))"
echo "# FUZZ PASS: $pass"
echo "# FUZZ FAIL: $fail${failed:+ ($failed )}"
[ $fail -eq 0 ]
