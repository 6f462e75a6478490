# shellcheck shell=bash
# tests/http_api/lib.sh: shared by the cases of tests/http_api/ (one folder
# per case, its run.sh sources this file). On top of tests/serve/lib.sh
# (start_engine, sipp_peer, wait_log, check_log, fail/pass...):
#   write_config [KEY=VALUE...]   $out/sipscxml.conf: [http] bind on a free
#                                 port ($http), the keys given, [routes]
#   start_api ARG...              start_engine, then wait for the HTTP port
#   api METHOD PATH [BODY]        curl; the status in $status, the body in
#                                 $body (and $out/last.json)
#   json EXPR                     a value of $body (python3 json), or fail
# Exit 77 without curl or python3 (and without SIPp, from serve's lib).
# shellcheck source-path=SCRIPTDIR source=../serve/lib.sh
. "$(dirname "$0")/../../serve/lib.sh"
for t in curl python3; do
	command -v "$t" >/dev/null ||
		{ echo "SKIP: http_api/$case_name: no $t"; exit 77; }
done
http_dir=$(cd "$case_dir/.." && pwd)
token=

write_config() { # [group-line|key=value ...] go into [http]
	http=$(free_port)
	{
		echo "[serve]"
		echo "max-sessions = ${max_sessions:-10}"
		echo "drain-time = 60"
		echo "[scxml]"
		echo "script-time-limit = 300"
		echo "session-memory-limit = 8"
		echo "macrostep-time-limit = 1000"
		echo "[http]"
		echo "bind = 127.0.0.1:$http"
		for kv in "$@"; do echo "$kv"; done
		echo "[routes]"
		echo "api = $http_dir/flow_api.scxml"
		echo "wait = $top_srcdir/tests/serve/flow_wait.scxml"
		echo "a = $top_srcdir/tests/serve/flow_a.scxml"
		echo "limits = $http_dir/flow_limits.scxml"
		echo "ring = $http_dir/flow_ring.scxml"
		echo "echo = $http_dir/flow_echo.scxml"
	} >"$out/sipscxml.conf"
}

start_api() {
	start_engine serve --events "$out/events.jsonl" \
		--config "$out/sipscxml.conf" "$@"
	wait_port "$http" "$engine_pid" tcp || fail "the HTTP API did not listen on $http"
}

api() { # method path [body]
	local args=(-s -o "$out/last.json" -w '%{http_code}' -X "$1")
	[ -n "$token" ] && args+=(-H "Authorization: Bearer $token")
	[ $# -ge 3 ] && args+=(-H 'Content-Type: application/json' --data-binary "$3")
	status=$(curl "${args[@]}" "http://127.0.0.1:$http$2")
	body=$(cat "$out/last.json")
	echo "$1 $2 ${3:-} -> $status $body" >>"$out/api.log"
}

expect() { # status what
	[ "$status" = "$1" ] || fail "$2: status $status, expected $1 ($body)"
}

json() { # python expression on j
	python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
		"$out/last.json" "$1" 2>>"$out/json.err" || fail "body is not what $1 reads: $body"
}
