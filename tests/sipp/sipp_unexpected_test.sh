#!/bin/bash
# tests/sipp/sipp_unexpected_test.sh: sipp_unexpected.awk over SIPp traces
# written here in SIPp's format. Its error file has no newline after an
# entry's closing quote, so the next entry starts on that line: each entry
# must be judged, not only the last (a peer that got a genuinely unexpected
# ACK twice, once for each copy of its 200, passed when only the last one
# was judged, against two ACKs received).
set -u
awk_file=$(cd "$(dirname "$0")" && pwd)/sipp_unexpected.awk
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0

msg() { # method branch cseq: one received message in the trace
	printf -- '----------------------------------------------- 2026-12-02 07:00:00.000000\n'
	printf 'UDP message received [300] bytes :\n\n%s sip:peer@127.0.0.1 SIP/2.0\n' "$1"
	printf 'Via: SIP/2.0/UDP 127.0.0.1:5060;rport;branch=%s\nCSeq: %s\n\n' "$2" "$3"
}
unexp() { # method branch cseq: one error entry, no newline after its quote
	printf "2026-12-02\t07:00:00.000000\t1.0: Continuing call on unexpected message for Call-Id 'x': while expecting 'BYE' (index 3), received '%s sip:peer@127.0.0.1 SIP/2.0\n" "$1"
	printf "Via: SIP/2.0/UDP 127.0.0.1:5060;rport;branch=%s\nCSeq: %s\n\n'" "$2" "$3"
}
check() { # name expected-status: runs the awk over $dir/NAME.msg, .err
	local rc
	awk -f "$awk_file" "$dir/$1.msg" "$dir/$1.err" >"$dir/$1.out" 2>&1
	rc=$?
	if [ $rc -ne "$2" ]; then
		echo "FAIL: sipp/sipp_unexpected_test: $1: exit status $rc, expected $2"
		sed 's/^/     /' "$dir/$1.out"
		fail=1
	fi
}

# Two ACKs received, both unexpected: no copy of an expected one.
{ msg INVITE zA "1 INVITE"; msg ACK zB "1 ACK"; msg ACK zB "1 ACK"; msg BYE zD "2 BYE"; } >"$dir/acks.msg"
{ unexp ACK zB "1 ACK"; unexp ACK zB "1 ACK"; echo; } >"$dir/acks.err"
check acks 1
# An INVITE received three times, its two copies unexpected: retransmissions
# (the last message of the trace, which no separator line ends, counts).
{ msg INVITE zA "1 INVITE"; msg INVITE zA "1 INVITE"; msg INVITE zA "1 INVITE"; } >"$dir/copies.msg"
{ unexp INVITE zA "1 INVITE"; unexp INVITE zA "1 INVITE"; echo; } >"$dir/copies.err"
check copies 0
# The copies, then a genuinely unexpected request: the last entry fails.
{ cat "$dir/copies.msg"; msg INFO zC "2 INFO"; } >"$dir/mixed.msg"
{ unexp INVITE zA "1 INVITE"; unexp INVITE zA "1 INVITE"; unexp INFO zC "2 INFO"; echo; } >"$dir/mixed.err"
check mixed 1
grep -q "no retransmission: INFO " "$dir/mixed.out" || {
	echo "FAIL: sipp/sipp_unexpected_test: mixed: the INFO is not named"
	fail=1
}
[ $fail -eq 0 ] && echo "PASS: sipp/sipp_unexpected_test"
exit $fail
