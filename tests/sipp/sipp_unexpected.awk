# tests/sipp/sipp_unexpected.awk: after a SIPp peer ran with
# -default_behaviors all,-abortunexp (it goes on past an unexpected
# message instead of aborting its call), says whether every unexpected
# message was a copy of one it expected: a retransmission that reached a
# SIPp stalled past T1 on a loaded machine, which is no fault of the flow.
#   awk -f sipp_unexpected.awk PEER.msg PEER.err
# Prints each unexpected message that is no such copy (its first line) and
# exits 1; exits 0 when there is none. A message is known by what a
# retransmission repeats: its top Via branch and its CSeq. The trace (.msg)
# holds every copy received ("... message received [N] bytes"); one at
# least of a key's copies was expected, so a key may be unexpected fewer
# times than it was received, never as many.
function key_of(line) {
	if (branch == "" && match(line, /branch=[^;, \r]*/))
		branch = substr(line, RSTART + 7, RLENGTH - 7)
	if (cseq == "" && line ~ /^CSeq:/) {
		cseq = line
		sub(/^CSeq:[ \t]*/, "", cseq)
		sub(/\r$/, "", cseq)
	}
}
{ file = FILENAME == ARGV[1] ? 1 : 2 }
# the trace: received messages, up to the next separator line
function count() {
	if (branch != "" && cseq != "")
		received[branch "|" cseq]++
	inmsg = 0
}
file == 1 && /message received \[/ { inmsg = 1; branch = cseq = ""; next }
file == 1 && inmsg && /^-----/ { count() }
# the trace's last message ends with the file
file == 2 && inmsg { count() }
file == 1 && inmsg { key_of($0) }
function judge(k) {
	k = branch "|" cseq
	if (branch == "" || cseq == "" || ++odd[k] >= received[k]) {
		print "unexpected message, no retransmission: " first
		bad = 1
	}
	unexp = 0
}
# the error file: "... on unexpected message ... received 'MESSAGE\n'".
# SIPp writes no newline after the closing quote: the next entry starts
# on the quote's line ("'2026-... Continuing call on unexpected message").
file == 2 && /on unexpected message/ {
	if (unexp)
		judge()
	unexp = 1
	branch = cseq = ""
	first = $0
	sub(/.*received '/, "", first)
	sub(/\r$/, "", first)
	key_of($0)
	next
}
file == 2 && unexp && /^'/ {
	judge()
	next
}
file == 2 && unexp { key_of($0) }
END {
	if (unexp) { # cut short: judged as unexpected
		print "unexpected message, no retransmission: " first
		bad = 1
	}
	exit bad
}
