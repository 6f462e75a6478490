#!/bin/bash
# http_api/api_endpoints: every endpoint of serve's HTTP API and its error
# statuses. Two sessions started by POST /sessions (route "api", peer and
# tag as data) each call a SIPp UAS on "go": the first is stopped by DELETE
# while its call is up (the UAS gets the BYE), the second hangs up on
# "hangup" and its events arrive on GET /sessions/{id}/events.
# max-sessions = 3 gives the 503, SIGTERM the draining one.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

max_sessions=3 write_config "max-body = 1024"
sipp_peer peer ../../sipp/createcall_answered/uas.xml 2
peer=$last_pid
start_api
data="{\"peer\": \"sip:peer@127.0.0.1:$peer_port\", \"tag\": \"t1\"}"

api GET /health
expect 200 "GET /health"
[ "$(json 'j["status"]')" = serving ] || fail "health: $body"

# --- POST /sessions and its refusals
api POST /sessions "{\"document\": \"api\", \"data\": $data}"
expect 201 "POST /sessions"
a=$(json 'j["id"]')
api POST /sessions '{"document": "api", '
expect 400 "malformed body"
api POST /sessions '["api"]'
expect 400 "not an object"
api POST /sessions '{"data": {}}'
expect 400 "no document"
api POST /sessions '{"document": "nosuchroute"}'
expect 400 "unknown route"
[ "$(json '"nosuchroute" in j["error"]')" = True ] || fail "error names the route: $body"
api POST /sessions "{\"document\": \"api\", \"data\": {\"pad\": \"$(head -c 2000 /dev/zero | tr '\0' x)\"}}"
expect 413 "body over max-body"

# --- GET /sessions, GET /sessions/{id}
api GET /sessions
expect 200 "GET /sessions"
[ "$(json 'len(j)')" = 1 ] || fail "one session listed: $body"
[ "$(json 'j[0]["id"]')" = "$a" ] || fail "listed id: $body"
[ "$(json 'j[0]["calls"]')" = 0 ] || fail "no call yet: $body"
[ "$(json 'j[0]["document"].endswith("flow_api.scxml")')" = True ] || fail "document: $body"
api GET "/sessions/$a"
expect 200 "GET /sessions/{id}"
[ "$(json 'j["configuration"]')" = "['idle']" ] || fail "configuration: $body"
api GET /sessions/nosuch
expect 404 "unknown session"
api POST /sessions/nosuch/events '{"name": "go"}'
expect 404 "event to an unknown session"
api DELETE /sessions/nosuch
expect 404 "DELETE an unknown session"
api GET /sessions/nosuch/events
expect 404 "events of an unknown session"
api PUT "/sessions/$a"
expect 405 "PUT"
api GET /nowhere
expect 404 "unknown endpoint"

# --- POST /sessions/{id}/events: the call is placed and answered
api POST "/sessions/$a/events" '{"name": '
expect 400 "malformed event"
api POST "/sessions/$a/events" '{"data": 1}'
expect 400 "event without a name"
api POST "/sessions/$a/events" '{"name": "go"}'
expect 202 "POST /sessions/{id}/events"
wait_log '"name":"voice.createcall.done"' 1
api GET "/sessions/$a"
expect 200 "GET /sessions/{id} in a call"
[ "$(json 'j["configuration"]')" = "['connected']" ] || fail "configuration in a call: $body"
[ "$(json '[c["state"] for c in j["calls"]]')" = "['connected']" ] || fail "calls: $body"
api GET /sessions
[ "$(json 'j[0]["calls"]')" = 1 ] || fail "one call listed: $body"

# --- DELETE: stopped, its call released (the UAS takes a BYE)
api DELETE "/sessions/$a"
expect 204 "DELETE /sessions/{id}"
wait_log "\"kind\":\"exit\",\"session\":\"$a\"" 1
api GET "/sessions/$a"
expect 404 "a deleted session"

# --- the second session, followed on its event stream
api POST /sessions "{\"document\": \"api\", \"data\": {\"peer\": \"sip:peer@127.0.0.1:$peer_port\", \"tag\": \"t2\"}}"
expect 201 "POST /sessions (2)"
b=$(json 'j["id"]')
curl -sN "http://127.0.0.1:$http/sessions/$b/events" >"$out/sse.txt" 2>"$out/sse.err" &
sse=$!
for ((i = 0; i < 300; i++)); do
	grep -q "^: session $b" "$out/sse.txt" 2>/dev/null && break
	sleep 0.1
done
grep -q "^: session $b" "$out/sse.txt" || fail "the event stream did not open"
api POST "/sessions/$b/events" '{"name": "go"}'
expect 202 "go (2)"
wait_log '"name":"voice.createcall.done"' 2
api POST "/sessions/$b/events" '{"name": "hangup", "data": {"tag": "t2"}}'
expect 202 "hangup (2)"
wait_bounded "$sse" 30 || fail "the event stream did not end with the session"
sipp_ok "$peer" peer

# the stream holds the session's records, as the log does, the exit last
# (the stream opened before "go": it has every record but the start)
wait_log "\"kind\":\"exit\",\"session\":\"$b\"" 1
grep '^data: ' "$out/sse.txt" | sed 's/^data: //' >"$out/sse.jsonl"
grep "\"session\":\"$b\"" "$out/events.jsonl" | grep -v '"kind":"start"' \
	>"$out/log_b.jsonl"
diff "$out/log_b.jsonl" "$out/sse.jsonl" >"$out/sse.diff" ||
	fail "the event stream differs from the event log (sse.diff)"
tail -1 "$out/sse.jsonl" | grep -q '"kind":"exit".*"final":"pass_api"' ||
	fail "the stream did not end with pass_api"

# --- 503: over max-sessions, then draining
for i in 1 2 3; do
	api POST /sessions '{"document": "api"}'
	expect 201 "idle session $i"
done
api POST /sessions '{"document": "api"}'
expect 503 "over max-sessions"
kill -TERM "$engine_pid"
wait_stderr 'draining'
api GET /health
expect 503 "GET /health while draining"
[ "$(json 'j["status"]')" = draining ] || fail "health: $body"
api POST /sessions '{"document": "api"}'
expect 503 "POST /sessions while draining"
api GET /sessions
for id in $(json '" ".join(s["id"] for s in j)'); do
	api DELETE "/sessions/$id"
	expect 204 "DELETE while draining"
done
wait_bounded "$engine_pid" 30
rc=$?
[ $rc -eq 0 ] || fail "sipscxml serve exit status $rc, expected 0"
# the deleted session's call ended with it (no interaction.deleted: the
# session was gone, a call-released record pairs it in the log); the UAS
# saw its BYE (sipp_ok above)
check_log sessions=5 route:api=5 final:pass_api=1 reason:deleted=4 \
	event:voice.createcall.done=2 event:interaction.deleted=1 paired \
	released=1
pass
