#!/bin/bash
# http_api/api_sse_backlog: a GET /sessions/{id}/events client that never
# reads does not make serve buffer its session's records without bound:
# past 1 MiB not yet written to it, its stream is closed and
# sipscxml_sse_clients_dropped_total counts it (slow_client.py). The
# session goes on and still ends as asked.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

write_config
start_api
api POST /sessions '{"document": "echo"}'
expect 201 "POST /sessions (echo)"
id=$(json 'j["id"]')
python3 "$case_dir/slow_client.py" "$http" "$id" >"$out/slow_client.txt" 2>&1 || {
	sed 's/^/     /' "$out/slow_client.txt"
	fail "the slow client was not dropped"
}
curl -s -o "$out/metrics.txt" "http://127.0.0.1:$http/metrics" || fail "GET /metrics"
grep -qx 'sipscxml_sse_clients_dropped_total 1' "$out/metrics.txt" ||
	fail "not one dropped stream in /metrics"
api POST "/sessions/$id/events" '{"name": "stop"}'
expect 202 "stop"
wait_log '"kind":"exit"' 1
kill -TERM "$engine_pid"
wait_bounded "$engine_pid" 30
rc=$?
[ $rc -eq 0 ] || fail "sipscxml serve exit status $rc, expected 0"
check_log sessions=1 final:pass_echo=1
pass
