#!/usr/bin/env python3
# tests/http_api/api_sse_backlog/slow_client.py PORT SESSION
# An event-stream client that never reads: it subscribes to
# GET /sessions/SESSION/events with a small receive buffer, then POSTs
# events of 60 kB data to the session until /metrics says the stream was
# dropped (at most 300 of them, 18 MB: far past the 1 MiB cap and the
# sockets' buffers). Then it reads its stream: the server must have closed
# it (EOF or reset). Exit 0 when both hold, else 1 with the reason.
import socket
import sys
import urllib.request

port, session = int(sys.argv[1]), sys.argv[2]
base = "http://127.0.0.1:%d" % port


def dropped():
    with urllib.request.urlopen(base + "/metrics") as r:
        for line in r.read().decode().splitlines():
            if line.startswith("sipscxml_sse_clients_dropped_total "):
                return int(float(line.split()[1]))
    return 0


slow = socket.socket()
slow.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
slow.connect(("127.0.0.1", port))
slow.sendall(("GET /sessions/%s/events HTTP/1.1\r\nHost: x\r\n\r\n"
              % session).encode())
body = ('{"name": "fill", "data": "%s"}' % ("x" * 60000)).encode()
sent = 0
while dropped() == 0:
    if sent == 300:
        print("still not dropped after %d events of 60 kB" % sent)
        sys.exit(1)
    req = urllib.request.Request(base + "/sessions/%s/events" % session,
                                 data=body, method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        if r.status != 202:
            print("POST events: %d" % r.status)
            sys.exit(1)
    sent += 1
print("dropped after %d events" % sent)
# what the socket holds, then the end: bounded by a timeout, not timed
slow.settimeout(30)
got = 0
try:
    while True:
        b = slow.recv(65536)
        if not b:
            break
        got += len(b)
except ConnectionResetError:
    pass
except socket.timeout:
    print("the stream was not closed (read %d bytes, then nothing)" % got)
    sys.exit(1)
print("stream closed after %d bytes" % got)
if got > 8 * 1024 * 1024:
    print("the client got %d bytes: the backlog was not capped" % got)
    sys.exit(1)
