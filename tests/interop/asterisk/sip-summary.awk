# tests/interop/asterisk/sip-summary.awk: one line per SIP message in
# Asterisk's log (the pjsip logger's): direction (tx: Asterisk sent, rx:
# it received), the peer, the first line, CSeq, and the session-timer
# headers when present:
#   tx 127.0.0.1:5080 | UPDATE sip:127.0.0.1:5080 SIP/2.0 | 3 UPDATE | Session-Expires: 90;refresher=uac
# Read by the session-timer case's pbx.sh; handy by hand too.
function flush() {
	if (dir != "")
		print dir " " peer " | " first " | " cseq (se != "" ? " | Session-Expires: " se : "") (minse != "" ? " | Min-SE: " minse : "") (frag != "" ? " | sipfrag: " frag : "")
	dir = ""
}
/^\[[0-9-]+ [0-9:.]+\]/ {
	flush()
	if ($0 ~ /<--- Transmitting SIP (request|response)/) dir = "tx"
	else if ($0 ~ /<--- Received SIP (request|response)/) dir = "rx"
	peer = $0; sub(/.*(to|from) [A-Z]+:/, "", peer); sub(/ --->.*/, "", peer)
	first = ""; cseq = ""; se = ""; minse = ""; frag = ""; isfrag = 0; body = 0
	next
}
dir != "" && first == "" && NF { first = $0; sub(/\r$/, "", first); next }
dir != "" && tolower($1) == "cseq:" { cseq = $2 " " $3 }
dir != "" && (tolower($1) == "session-expires:" || $1 == "x:") { se = $2 }
dir != "" && tolower($1) == "min-se:" { minse = $2 }
dir != "" && tolower($0) ~ /^content-type: *message\/sipfrag/ { isfrag = 1 }
dir != "" && !body && $0 ~ /^\r?$/ { body = 1; next }
dir != "" && body && isfrag && frag == "" && NF { frag = $0; sub(/\r$/, "", frag) }
END { flush() }
