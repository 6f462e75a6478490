# tests/interop/asterisk/sip-acks.awk: reads Asterisk's log (the pjsip
# logger's messages) and prints each 2xx to an INVITE that Asterisk sent
# and for which it received no ACK (RFC 3261 13.2.2.4: every 2xx to an
# INVITE is ACKed; a retransmitted 2xx counts once). Used by
# run-asterisk.sh after each case.
function flush() {
	if (dir == "tx" && kind == "response" && first ~ /^SIP\/2\.0 2/ && method == "INVITE")
		sent[callid " " cseq] = first
	if (dir == "rx" && kind == "request" && first ~ /^ACK /)
		acked[callid " " cseq] = 1
	dir = ""
}
/^\[[0-9-]+ [0-9:.]+\]/ {
	flush()
	if ($0 ~ /<--- Transmitting SIP (request|response)/) dir = "tx"
	else if ($0 ~ /<--- Received SIP (request|response)/) dir = "rx"
	kind = ($0 ~ /SIP response/) ? "response" : "request"
	first = ""; callid = ""; cseq = ""; method = ""
	next
}
dir != "" && first == "" && NF { first = $0; sub(/\r$/, "", first); next }
dir != "" && tolower($1) == "call-id:" { callid = $2 }
dir != "" && tolower($1) == "cseq:" { cseq = $2; method = $3; sub(/\r$/, "", method) }
END {
	flush()
	for (k in sent)
		if (!(k in acked))
			print "no ACK for the " sent[k] " Asterisk sent (Call-ID, CSeq: " k ")"
}
