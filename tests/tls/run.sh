#!/bin/bash
# tests/tls: SIP over TLS, engine to engine. One sipscxml listens for TLS
# ([sip] tls-bind) and accepts a call; another calls it at a sips: URI,
# checking the server's certificate against its CA file, then hangs up.
# The same with an engine whose only listener is --bind sips:ADDR:PORT.
# Then a caller that trusts another CA: the handshake must fail and no call
# reach the other engine. sofia-sip drops the connection without failing
# the INVITE's transaction, so the createcall ends at its own timeout. Certificates are made for the run
# with openssl. Both sides' event logs are checked, and the caller's SIP
# trace must show the INVITE leaving over TLS.
set -u
export SIPSCXML_CONFIG=
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$(cd "$here/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
prog=${SIPSCXML:-$top_builddir/sipscxml}
checker=$top_builddir/tests/sipp/event_log
out=$top_builddir/tests/out/tls
command -v openssl >/dev/null || { echo "SKIP: tls: no openssl"; exit 77; }
for f in "$prog" "$checker"; do
	[ -x "$f" ] || { echo "FAIL: tls: $f not built"; exit 1; }
done
# shellcheck source=../sipp/ports.sh
. "$here/../sipp/ports.sh"
fresh_out "$out"
trap kill_jobs EXIT # our own children still running

# A self-signed certificate for 127.0.0.1 in sofia-sip's layout: agent.pem
# (key and certificate), cafile.pem (what we trust).
make_certs() { # dir
	mkdir -p "$1"
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 \
		-subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
		-keyout "$1/key.pem" -out "$1/cert.pem" >"$1/openssl.log" 2>&1 ||
		return 1
	cat "$1/key.pem" "$1/cert.pem" >"$1/agent.pem"
	cp "$1/cert.pem" "$1/cafile.pem"
}
make_certs "$out/ours" && make_certs "$out/other" || {
	echo "FAIL: tls: openssl could not make certificates"
	exit 1
}
# The caller that trusts only the other CA still has its own identity.
mkdir -p "$out/wrong-ca"
cp "$out/ours/agent.pem" "$out/wrong-ca/agent.pem"
cp "$out/other/cafile.pem" "$out/wrong-ca/cafile.pem"

conf() { # file certdir tls-port
	printf '[sip]\ntls-bind = 127.0.0.1:%s\ntls-certificates = %s\ntls-verify = true\n' \
		"$3" "$2" >"$1"
}
fail=0
note() { echo "     $*"; fail=1; }

# An engine that answers over TLS (answer.scxml) in the background: its pid
# in $answer, its TLS port in $tls_b.
start_answer() { # name
	tls_b=$(free_port)
	conf "$out/$1.conf" "$out/ours" "$tls_b"
	"$prog" run --timeout 30 --config "$out/$1.conf" \
		--bind "127.0.0.1:$(free_port)" --events "$out/$1.jsonl" \
		"$here/answer.scxml" >"$out/$1.out" 2>&1 &
	answer=$!
	wait_port "$tls_b" "$answer" tcp ||
		note "$1 never listened on TLS port $tls_b"
}

# 1. the call over TLS
start_answer answer
conf "$out/call.conf" "$out/ours" "$(free_port)"
"$prog" run --timeout 30 --config "$out/call.conf" --sip-trace \
	--bind "127.0.0.1:$(free_port)" --events "$out/call.jsonl" \
	--define "peer=sips:b@127.0.0.1:$tls_b" \
	"$here/call.scxml" >"$out/call.out" 2>&1 ||
	note "caller exit status $? (see $out/call.out)"
wait "$answer" || note "answering engine exit status $? (see $out/answer.out)"
"$checker" "$out/call.jsonl" pass voice.createcall.done \
	interaction.terminate.done interaction.deleted:local ||
	note "caller's event log (above)"
"$checker" "$out/answer.jsonl" pass interaction.added \
	interaction.accept.done interaction.deleted:remote ||
	note "answering engine's event log (above)"
grep -q 'send [0-9]* bytes to tls/\[127.0.0.1\]:'"$tls_b" "$out/call.out" ||
	note "the caller's trace shows no message sent over TLS"

# 1b. the answering engine's only listener is TLS, given the way SIP people
# write it: --bind sips:127.0.0.1:PORT (no tls-bind)
tls_c=$(free_port)
printf '[sip]\ntls-certificates = %s\n' "$out/ours" >"$out/answer_sips.conf"
"$prog" run --timeout 30 --config "$out/answer_sips.conf" \
	--bind "sips:127.0.0.1:$tls_c" --events "$out/answer_sips.jsonl" \
	"$here/answer.scxml" >"$out/answer_sips.out" 2>&1 &
answer=$!
wait_port "$tls_c" "$answer" tcp ||
	note "the sips: bound engine never listened on TLS port $tls_c"
"$prog" run --timeout 30 --config "$out/call.conf" \
	--bind "127.0.0.1:$(free_port)" --events "$out/call_sips.jsonl" \
	--define "peer=sips:b@127.0.0.1:$tls_c" \
	"$here/call.scxml" >"$out/call_sips.out" 2>&1 ||
	note "caller (sips: bind) exit status $? (see $out/call_sips.out)"
wait "$answer" || note "sips: bound engine exit status $? (see $out/answer_sips.out)"
"$checker" "$out/call_sips.jsonl" pass voice.createcall.done \
	interaction.terminate.done interaction.deleted:local ||
	note "caller's event log, sips: bind (above)"
"$checker" "$out/answer_sips.jsonl" pass interaction.added \
	interaction.accept.done interaction.deleted:remote ||
	note "sips: bound engine's event log (above)"

# 2. a server certificate the caller does not trust: no call
start_answer answer2
conf "$out/call2.conf" "$out/wrong-ca" "$(free_port)"
# Its transactions get no answer and end by their own timers: short ones
# (64 x 100 ms) keep the run short.
echo "t1 = 100" >>"$out/call2.conf"
"$prog" run --timeout 30 --config "$out/call2.conf" \
	--bind "127.0.0.1:$(free_port)" --events "$out/call2.jsonl" \
	--define "peer=sips:b@127.0.0.1:$tls_b" --define want=timeout \
	--define wait=2s \
	"$here/call.scxml" >"$out/call2.out" 2>&1 ||
	note "untrusting caller exit status $? (see $out/call2.out)"
"$checker" "$out/call2.jsonl" pass error.voice.createcall:timeout ||
	note "untrusting caller's event log (above)"
grep -q '"name":"interaction.added"' "$out/answer2.jsonl" 2>/dev/null &&
	note "a call reached the engine through an untrusted TLS handshake"
kill "$answer" 2>/dev/null
wait "$answer" 2>/dev/null

if [ $fail -ne 0 ]; then
	echo "FAIL: tls (logs: $out)"
	exit 1
fi
echo "PASS: tls"
