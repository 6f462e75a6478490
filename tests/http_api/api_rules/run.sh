#!/bin/bash
# http_api/api_rules: the bearer token and the document root. Without a
# token the API refuses a bind address other than loopback (exit 1, before
# listening); with one, every endpoint but /health wants it. Documents by
# path come from [http] document-root only: "..", an absolute path
# elsewhere and a symbolic link out of the root are 403, a path in it
# starts a session, a missing one is 400.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

# --- no token, not loopback: refused at start
cat >"$out/public.conf" <<CONF
[http]
bind = 0.0.0.0:$(free_port)
CONF
"$prog" serve --config "$out/public.conf" --bind "127.0.0.1:$(free_port)" \
	>"$out/public.out" 2>"$out/public.err" </dev/null
rc=$?
[ $rc -eq 1 ] || fail "serve with a public bind and no token: exit $rc, expected 1"
grep -q 'not a loopback address: set \[http\] token' "$out/public.err" ||
	fail "no reason given: $(cat "$out/public.err")"

# --- the document root: a folder with a flow, a link out of it
root=$out/root
mkdir -p "$root/flows" "$out/elsewhere"
cp "$http_dir/flow_api.scxml" "$root/flows/in.scxml"
cp "$http_dir/flow_api.scxml" "$out/elsewhere/out.scxml"
ln -s "$out/elsewhere/out.scxml" "$root/flows/link.scxml"

write_config "token = s3cret" "document-root = $root"
start_api

token=
api GET /health
expect 200 "GET /health needs no token"
for ep in "GET /sessions" "GET /metrics" "GET /sessions/x" "DELETE /sessions/x"; do
	# shellcheck disable=SC2086 # method and path
	api $ep
	expect 401 "$ep without a token"
done
api POST /sessions '{"document": "api"}'
expect 401 "POST /sessions without a token"
token=wrong
api GET /sessions
expect 401 "a wrong token"
token=s3cret
api GET /sessions
expect 200 "the token"
api GET /metrics
expect 200 "/metrics with the token"

api POST /sessions '{"document": "flows/in.scxml", "data": {"tag": "in"}}'
expect 201 "a path under the root"
id=$(json 'j["id"]')
api GET "/sessions/$id"
[ "$(json 'j["document"]')" = "$root/flows/in.scxml" ] || fail "document: $body"
api POST /sessions "{\"document\": \"$root/flows/in.scxml\"}"
expect 201 "an absolute path under the root"
api POST /sessions '{"document": "../elsewhere/out.scxml"}'
expect 403 "../ out of the root"
api POST /sessions '{"document": "flows/../../elsewhere/out.scxml"}'
expect 403 "../ in the middle"
api POST /sessions "{\"document\": \"$out/elsewhere/out.scxml\"}"
expect 403 "an absolute path elsewhere"
api POST /sessions '{"document": "flows/link.scxml"}'
expect 403 "a symbolic link out of the root"
api POST /sessions '{"document": "flows/missing.scxml"}'
expect 400 "a missing document"
api POST /sessions "{\"document\": \"$top_srcdir/tests/serve/bad.scxml\"}"
expect 403 "a document outside, even a bad one"
cp "$top_srcdir/tests/serve/bad.scxml" "$root/bad.scxml"
api POST /sessions '{"document": "bad.scxml"}'
expect 400 "a document that does not pass check"

kill -TERM "$engine_pid"
wait_stderr 'draining'
api GET /sessions
for id in $(json '" ".join(s["id"] for s in j)'); do
	api DELETE "/sessions/$id"
	expect 204 "DELETE"
done
wait_bounded "$engine_pid" 30
rc=$?
[ $rc -eq 0 ] || fail "sipscxml serve exit status $rc, expected 0"
check_log sessions=2 route:http=2 doc:http=/root/flows/in.scxml reason:deleted=2
pass
