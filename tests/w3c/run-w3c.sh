#!/bin/sh
# Runs the W3C SCXML 1.0 conformance tests (ECMAScript data model) through
# `sipscxml run`: a test passes when its session ends in the final state
# "pass". Each test runs in the suite's folder (relative src= resolve there)
# with its own timeout; two run at once.
#
# usage: run-w3c.sh [SUITE_DIR]   env: SIPSCXML (program), W3C_TIMEOUT (s),
#        W3C_OUT (where logs go), W3C_SET (mandatory|optional|all),
#        W3C_STRICT=1: exit 1 when a mandatory test fails.
set -u
# Defaults only: an installed sipscxml.conf does not change this run.
export SIPSCXML_CONFIG=
suite=${1:-${W3C_SUITE:-../shared/w3c-scxml}}
prog=${SIPSCXML:-sipscxml}
timeout=${W3C_TIMEOUT:-10}
set_=${W3C_SET:-all}
out=${W3C_OUT:-${top_builddir:-.}/tests/out/w3c}

if [ ! -f "$suite/manifest.xml" ]; then
	echo "SKIP: W3C suite not found at $suite (pass a path or set W3C_SUITE)"
	exit 77
fi
suite=$(cd "$suite" && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)

# One line per automatic test: "ID CONFORMANCE FILE [FILE...]".
list="$out/list.txt"
awk '
/<test / {
	id = $0; sub(/.*id="/, "", id); sub(/".*/, "", id)
	conf = $0; sub(/.*conformance="/, "", conf); sub(/".*/, "", conf)
	man = $0; sub(/.*manual="/, "", man); sub(/".*/, "", man)
	files = ""
}
/<start / {
	u = $0; sub(/.*uri="/, "", u); sub(/".*/, "", u); sub(/.*\//, "", u)
	files = files " " u ".scxml"
}
/<\/test>/ { if (man == "false") print id, conf files }
' "$suite/manifest.xml" >"$list"

run_one() {
	id=$1; conf=$2; shift 2
	verdict=pass
	for f in "$@"; do
		ev="$out/$id-${f%.scxml}.jsonl"
		(cd "$suite" && "$prog" run --timeout "$timeout" --events "$ev" "$f" \
			>"$out/$id-${f%.scxml}.out" 2>&1)
		grep -q '"kind":"exit".*"final":"pass"' "$ev" 2>/dev/null || verdict=fail
	done
	echo "$verdict $conf $id"
}

export out suite prog timeout
results="$out/results.txt"
: >"$results"
while read -r id conf files; do
	case $set_ in
	all) ;;
	*) [ "$conf" = "$set_" ] || continue ;;
	esac
	echo "$id $conf $files"
done <"$list" | {
	# two at a time: most tests wait on delayed sends, not the CPU
	while read -r a; do
		read -r b || b=
		( run_one $a >>"$results" ) &
		[ -n "$b" ] && ( run_one $b >>"$results" ) &
		wait
	done
}

for c in optional mandatory; do
	p=$(grep -c "^pass $c " "$results")
	f=$(grep -c "^fail $c " "$results")
	[ $((p + f)) -gt 0 ] || continue
	failed=$(grep "^fail $c " "$results" | awk '{print $3}' | sort -n | tr '\n' ' ')
	echo "$c: $p passed, $f failed${failed:+ (failed: $failed)}"
done
mp=$(grep -c "^pass mandatory " "$results")
mf=$(grep -c "^fail mandatory " "$results")
op=$(grep -c "^pass optional " "$results")
of=$(grep -c "^fail optional " "$results")
echo "$((mp + op)) passed, $((mf + of)) failed"
if [ "${W3C_STRICT:-0}" = 1 ] && [ "$mf" -gt 0 ]; then
	exit 1
fi
exit 0
