#!/usr/bin/env python3
"""SIP torture (RFC 4475) against a running `sipscxml run`.

  torture.py send HOST PORT PID CASES MSGDIR OUT
      sends every case of CASES (msg/NAME.sip) over UDP, then over TCP, one
      at a time; answers what must be answered (ACK and BYE after a 200 to
      an INVITE), checks after each case that the engine (PID) still runs,
      and writes OUT/results.json and OUT/results.txt.
  torture.py judge OUT EVENTS
      reads the engine's event log: a valid INVITE must have reached the
      flow (interaction.added with its Call-ID), an invalid one never, and
      every interaction.added has exactly one interaction.deleted.

Exit status 0 when every verdict holds. Only the standard library.
"""
import json
import os
import re
import socket
import sys
import time
import uuid

WAIT_FINAL = 20.0  # seconds a response that must come may take (loaded box)
BIN = bytes(range(256))  # mpart01's binary part


def fill(template, host, port, lport, transport, callid, branch):
    """The message of a case: placeholders filled, CRLF line ends, and
    Content-Length (@LEN@) computed over the body."""
    text = template.replace("\r\n", "\n")
    for key, val in (("@HOST@", host), ("@PORT@", str(port)),
                     ("@LPORT@", str(lport)), ("@TRANSPORT@", transport),
                     ("@CALLID@", callid), ("@BRANCH@", branch)):
        text = text.replace(key, val)
    data = text.replace("\n", "\r\n").encode("utf-8")
    data = data.replace(b"@BIN@", BIN)
    if b"@LEN@" in data:
        head, _, body = data.partition(b"\r\n\r\n")
        data = head.replace(b"@LEN@", str(len(body)).encode()) + \
            b"\r\n\r\n" + body
    return data


def parse_message(data):
    """(first line, {lower-case header name: [values]}) of one message."""
    head = data.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
    lines = head.split("\r\n")
    headers = {}
    compact = {"i": "call-id", "f": "from", "t": "to", "v": "via",
               "m": "contact", "l": "content-length"}
    for line in lines[1:]:
        if ":" not in line:
            continue
        name, _, value = line.partition(":")
        name = name.strip().lower()
        name = compact.get(name, name)
        headers.setdefault(name, []).append(value.strip())
    return lines[0], headers


def header(headers, name):
    vals = headers.get(name)
    return vals[0] if vals else ""


class Stream:
    """Splits a TCP byte stream into SIP messages (Content-Length)."""

    def __init__(self):
        self.buf = b""

    def feed(self, data):
        self.buf += data
        out = []
        while True:
            self.buf = self.buf.lstrip(b"\r\n")
            end = self.buf.find(b"\r\n\r\n")
            if end < 0:
                return out
            _, headers = parse_message(self.buf[:end + 4])
            try:
                length = int(header(headers, "content-length") or "0")
            except ValueError:
                length = 0
            total = end + 4 + length
            if len(self.buf) < total:
                return out
            out.append(self.buf[:total])
            self.buf = self.buf[total:]


class Peer:
    """Our side: a UDP socket, or TCP connections to the engine."""

    def __init__(self, host, port, transport):
        self.host, self.port, self.transport = host, port, transport
        self.udp = None
        self.conns = []  # (socket, Stream)
        if transport == "UDP":
            self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            self.udp.bind((host, 0))
            self.lport = self.udp.getsockname()[1]
        else:
            self.lport = 0

    def connect(self):
        """A new TCP connection (one per case: a broken message must not
        spoil the next case's stream); returns it."""
        s = socket.create_connection((self.host, self.port), timeout=5)
        self.lport = s.getsockname()[1]
        self.conns.append((s, Stream()))
        return s

    def send(self, data, conn=None):
        if self.udp:
            self.udp.sendto(data, (self.host, self.port))
        else:
            try:
                (conn or self.conns[-1][0]).sendall(data)
            except OSError:
                pass

    def receive(self, timeout):
        """Messages that arrive within timeout seconds (at least one
        wait); [(message, conn)]."""
        import select
        socks = [self.udp] if self.udp else [c[0] for c in self.conns]
        if not socks:
            time.sleep(timeout)
            return []
        ready, _, _ = select.select(socks, [], [], timeout)
        out = []
        for s in ready:
            if self.udp:
                data, _ = s.recvfrom(65535)
                out.append((data, None))
                continue
            try:
                data = s.recv(65535)
            except OSError:
                data = b""
            stream = [c[1] for c in self.conns if c[0] is s][0]
            if not data:
                self.conns = [c for c in self.conns if c[0] is not s]
                s.close()
                continue
            out.extend((m, s) for m in stream.feed(data))
        return out

    def close(self):
        for s, _ in self.conns:
            s.close()
        self.conns = []
        if self.udp:
            self.udp.close()


def alive(pid):
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    # a zombie is dead too
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


class Runner:
    def __init__(self, host, port, pid):
        self.host, self.port, self.pid = host, port, pid

    def request(self, peer, method, uri, callid, from_h, to_h, cseq):
        branch = "z9hG4bK" + uuid.uuid4().hex[:16]
        lines = [
            "%s %s SIP/2.0" % (method, uri),
            "Via: SIP/2.0/%s %s:%d;branch=%s" % (peer.transport, self.host,
                                                  peer.lport, branch),
            "From: " + from_h, "To: " + to_h, "Call-ID: " + callid,
            "CSeq: %d %s" % (cseq, method), "Max-Forwards: 70",
            "Content-Length: 0", "", ""]
        return "\r\n".join(lines).encode()

    def answer_request(self, peer, msg, conn):
        """The engine asks us something (a BYE of its own…): 200 OK."""
        first, h = parse_message(msg)
        if first.split(" ")[0] == "ACK":
            return
        lines = ["SIP/2.0 200 OK"]
        for name in ("via", "from", "to", "call-id", "cseq"):
            for v in h.get(name, []):
                lines.append("%s: %s" % (name.title(), v))
        lines += ["Content-Length: 0", "", ""]
        peer.send("\r\n".join(lines).encode(), conn)

    def wait(self, peer, rec, callid, until_final, timeout, conn=None):
        """Collects responses for callid into rec until a final response
        to the case's request (when until_final) or timeout. Requests from
        the engine are answered; a 2xx to an INVITE is ACKed and the call
        hung up (BYE), its answer waited for."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for msg, c in peer.receive(min(0.5, deadline - time.monotonic())):
                first, h = parse_message(msg)
                if not first.startswith("SIP/2.0 "):
                    self.answer_request(peer, msg, c)
                    continue
                if header(h, "call-id") != callid:
                    continue
                try:
                    status = int(first.split(" ")[1])
                except (IndexError, ValueError):
                    continue
                cseq = header(h, "cseq").split()
                method = cseq[1] if len(cseq) > 1 else ""
                if method == "BYE":
                    rec["bye"] = status
                    if status >= 200:
                        return
                    continue
                rec["responses"].append(status)
                if method == "INVITE" and 200 <= status < 300 and \
                        "bye" not in rec:
                    self.hang_up(peer, h, c or conn)
                    rec["bye"] = None
                    deadline = time.monotonic() + WAIT_FINAL
                    continue
                if status >= 200 and until_final and "bye" not in rec:
                    return
            if not alive(self.pid):
                return

    def hang_up(self, peer, h, conn):
        contact = header(h, "contact")
        m = re.search(r"<([^>]*)>", contact)
        uri = m.group(1) if m else (contact.split(";")[0] or
                                    "sip:%s:%d" % (self.host, self.port))
        cseq = int(header(h, "cseq").split()[0])
        callid = header(h, "call-id")
        args = (uri, callid, header(h, "from"), header(h, "to"))
        peer.send(self.request(peer, "ACK", args[0], args[1], args[2],
                               args[3], cseq), conn)
        peer.send(self.request(peer, "BYE", args[0], args[1], args[2],
                               args[3], cseq + 1), conn)

    def probe(self, peer):
        """An OPTIONS of our own, answered: the engine has read what came
        before it (on UDP, in order). Returns its status or None."""
        callid = "probe-" + uuid.uuid4().hex
        rec = {"responses": []}
        conn = peer.connect() if peer.transport == "TCP" else None
        msg = self.request(peer, "OPTIONS", "sip:probe@%s:%d" % (
            self.host, self.port), callid, "<sip:probe@%s>;tag=p1" %
            self.host, "<sip:probe@%s>" % self.host, 1)
        peer.send(msg, conn)
        self.wait(peer, rec, callid, True, WAIT_FINAL, conn)
        return rec["responses"][-1] if rec["responses"] else None

    def run_case(self, peer, name, expect, template):
        callid = "torture-%s-%s-%s" % (name, peer.transport.lower(),
                                       uuid.uuid4().hex[:8])
        rec = {"case": name, "transport": peer.transport, "expect": expect,
               "callid": callid, "responses": []}
        conn = peer.connect() if peer.transport == "TCP" else None
        data = fill(template, self.host, self.port, peer.lport,
                    peer.transport, callid, "z9hG4bK" + uuid.uuid4().hex[:12])
        is_invite = data.startswith(b"INVITE ")
        peer.send(data, conn)
        if expect in ("call", "answer"):
            self.wait(peer, rec, callid, True, WAIT_FINAL, conn)
        else:
            # Nothing need come back: read until our own probe is answered,
            # then, for an INVITE the engine took (a 1xx came), its end.
            self.wait(peer, rec, callid, True, 0.3, conn)
            rec["probe"] = self.probe(peer)
            self.wait(peer, rec, callid, True, 0.3, conn)
            if is_invite and rec["responses"] and \
                    max(rec["responses"]) < 200:
                self.wait(peer, rec, callid, True, WAIT_FINAL, conn)
        if "bye" in rec and rec["bye"] is None:
            self.wait(peer, rec, callid, False, WAIT_FINAL, conn)
        rec["alive"] = alive(self.pid)
        rec["verdict"] = verdict(rec)
        return rec


def verdict(rec):
    """'ok' or why not, from what came back on the wire."""
    if not rec["alive"]:
        return "the engine died"
    finals = [s for s in rec["responses"] if s >= 200]
    expect = rec["expect"]
    if expect == "call":
        if 200 not in finals:
            return "no 200 to a valid INVITE"
        if rec.get("bye") != 200:
            return "the BYE of the call was not answered 200"
    elif expect == "answer":
        if not finals:
            return "no final response to a valid request"
        if 400 in finals:
            return "a valid request was refused as malformed (400)"
    elif expect == "reject":
        if any(200 <= s < 300 for s in finals):
            return "an invalid request was accepted (2xx)"
    elif expect == "none":
        if rec["responses"]:
            return "a stray response was answered"
    if "bye" in rec and rec["bye"] != 200 and expect != "call":
        return "an accepted INVITE could not be hung up"
    return "ok"


def send(host, port, pid, cases_path, msgdir, out):
    cases = []
    with open(cases_path) as f:
        for line in f:
            line = line.split("#", 1)[0].split()
            if line:
                cases.append((line[0], line[1]))
    runner = Runner(host, int(port), int(pid))
    results = []
    for transport in ("UDP", "TCP"):
        peer = Peer(host, int(port), transport)
        for name, expect in cases:
            with open(os.path.join(msgdir, name + ".sip"),
                      encoding="utf-8") as f:
                template = f.read()
            rec = runner.run_case(peer, name, expect, template)
            results.append(rec)
            # done with this case's connection
            if transport == "TCP":
                peer.close()
            if not rec["alive"]:
                break
        peer.close()
        if results and not results[-1]["alive"]:
            break
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    bad = 0
    with open(os.path.join(out, "results.txt"), "w") as f:
        for r in results:
            line = "%-11s %-3s %-6s got %-16s %s" % (
                r["case"], r["transport"], r["expect"],
                ",".join(str(s) for s in r["responses"]) or "nothing",
                r["verdict"])
            f.write(line + "\n")
            print(line)
            bad += r["verdict"] != "ok"
    return 1 if bad else 0


def judge(out, events_path):
    with open(os.path.join(out, "results.json")) as f:
        results = json.load(f)
    added, deleted, callids = {}, {}, set()
    with open(events_path) as f:
        for line in f:
            ev = json.loads(line)
            if ev.get("kind") != "event":
                continue
            data = ev.get("data") or {}
            if ev.get("name") == "interaction.added":
                iid = data.get("interactionid")
                added[iid] = added.get(iid, 0) + 1
                callids.add(data.get("callid"))
            elif ev.get("name") == "interaction.deleted":
                iid = data.get("interactionid")
                deleted[iid] = deleted.get(iid, 0) + 1
    bad = 0
    for r in results:
        took = r["callid"] in callids
        if r["expect"] == "call" and not took:
            print("FAIL %s/%s: the flow never saw the call" %
                  (r["case"], r["transport"]))
            bad += 1
        if r["expect"] in ("reject", "none") and took:
            print("FAIL %s/%s: an invalid message became a call" %
                  (r["case"], r["transport"]))
            bad += 1
        if r["case"] == "dblreq" and r["transport"] == "UDP" and \
                r["callid"] + "-second" in callids:
            # RFC 4475 dblreq: on UDP, what follows the first message's
            # Content-Length in the datagram is not a second request.
            print("FAIL dblreq/UDP: the bytes after the REGISTER became "
                  "a call")
            bad += 1
    for iid, n in added.items():
        if n != 1 or deleted.get(iid, 0) != 1:
            print("FAIL interaction %s: added %d times, deleted %d times" %
                  (iid, n, deleted.get(iid, 0)))
            bad += 1
    for iid in deleted:
        if iid not in added:
            print("FAIL interaction %s deleted but never added" % iid)
            bad += 1
    print("%d interactions, each added once and deleted once: %s" %
          (len(added), "no" if bad else "yes"))
    return 1 if bad else 0


def main(argv):
    if len(argv) == 7 and argv[0] == "send":
        return send(*argv[1:])
    if len(argv) == 3 and argv[0] == "judge":
        return judge(*argv[1:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
