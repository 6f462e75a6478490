#!/usr/bin/env python3
# tests/http_api/metrics_check.py LOG METRICS [NAME{LABELS}=N ...]
# Parses a /metrics exposition (Prometheus text format: every sample's
# family has HELP and TYPE lines; counters end in _total) and checks that
# its counters say what the event log LOG says: sessions started by
# document, ended by reason, events processed by type, action results by
# name and error, scripts cut at a limit. Extra arguments: samples that
# must have exactly that value (a missing sample reads 0). Exit 0 when all
# hold, else prints the differences and exits 1.
import json
import re
import sys
from collections import Counter

log_path, metrics_path, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
problems = []

samples = {}
helped, typed = set(), {}
for line in open(metrics_path):
    line = line.rstrip("\n")
    if line.startswith("# HELP "):
        helped.add(line.split()[2])
        continue
    if line.startswith("# TYPE "):
        _, _, name, kind = line.split()
        typed[name] = kind
        continue
    m = re.fullmatch(r'([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})? (\S+)', line)
    if not m:
        problems.append("not a sample line: %r" % line)
        continue
    samples[m.group(1) + (m.group(2) or "")] = float(m.group(3))
    name = m.group(1)
    base = re.sub(r"_(bucket|sum|count)$", "", name)
    fam = name if name in typed else base
    if fam not in typed or fam not in helped:
        problems.append("%s: no HELP/TYPE" % name)
    elif typed[fam] == "counter" and not fam.endswith("_total"):
        problems.append("%s: a counter not named _total" % fam)


def label(v):
    return v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


want = Counter()
for line in open(log_path):
    r = json.loads(line)
    kind = r.get("kind")
    if kind == "start":
        want['sipscxml_sessions_started_total{document="%s"}'
             % label(r["document"])] += 1
    elif kind == "exit":
        want['sipscxml_sessions_ended_total{reason="%s"}'
             % label(r["reason"])] += 1
    elif kind == "event":
        want['sipscxml_events_processed_total{type="%s"}' % r["type"]] += 1
        name = r["name"]
        msg = (r.get("data") or {}).get("message") or "" \
            if isinstance(r.get("data"), dict) else ""
        if name == "error.execution" and "script exceeded " in msg:
            limit = ("session-memory" if "session memory limit" in msg else
                     "memory" if "memory limit" in msg else "time")
            want['sipscxml_script_limit_errors_total{limit="%s"}'
                 % limit] += 1
        action = name[len("error."):] if name.startswith("error.") else (
            name if name.endswith(".done") else "")
        if action.startswith("voice.") or action.startswith("interaction."):
            d = r.get("data") or {}
            want['sipscxml_action_results_total{event="%s",error="%s"}'
                 % (name, label(d.get("error") or ""))] += 1

families = ("sipscxml_sessions_started_total", "sipscxml_sessions_ended_total",
            "sipscxml_events_processed_total", "sipscxml_action_results_total",
            "sipscxml_script_limit_errors_total")
for key in set(want) | {k for k in samples if k.split("{")[0] in families}:
    if samples.get(key, 0) != want[key]:
        problems.append("%s: /metrics %g, the log %d"
                        % (key, samples.get(key, 0), want[key]))
for e in extra:
    key, value = e.rsplit("=", 1)
    if samples.get(key, 0) != float(value):
        problems.append("%s: /metrics %g, expected %s"
                        % (key, samples.get(key, 0), value))
for p in problems:
    print("metrics_check:", p)
print("metrics_check: %d samples, %d from the log" % (len(samples), len(want)))
sys.exit(1 if problems else 0)
