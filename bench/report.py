#!/usr/bin/env python3
"""Turns hyperfine's JSON exports and the memory table into the markdown
tables of docs/performance.md, as ratios.

Usage: report.py FAST.json SLOW.json MEMORY.tsv [TLS.json]
(TLS.json: plaintext and decrypted TLS twin, from bench/run.sh)."""
import json
import sys

fast, slow, mem = sys.argv[1:4]
tls = sys.argv[4] if len(sys.argv) > 4 else None
rows = json.load(open(fast))["results"] + json.load(open(slow))["results"]
t = {r["command"]: r for r in rows}
# Best of the runs (the machine may be shared: the best run is the one
# least disturbed) and the mean.
best = lambda r: min(r["times"])
dump = t["wsdissect dump --format ndjson"]
tcpdump = t["tcpdump -r"]
print("| command | best (s) | mean (s) | ± (s) | × wsdissect dump (best) | × tcpdump -r (best) |")
print("|---|---|---|---|---|---|")
for r in rows:
    print("| `%s` | %.3f | %.3f | %.3f | %.2f | %.2f |" % (
        r["command"], best(r), r["mean"], r["stddev"] or 0, best(r) / best(dump), best(r) / best(tcpdump)))
print()
for name in ("tshark -T json", "tshark -Y websocket -T json"):
    print("- %s / wsdissect dump: **%.1f×** (best)" % (name, best(t[name]) / best(dump)))
print("- wsdissect dump / tcpdump -r: **%.2f×** best, %.2f× mean (target ≤ 1×)" % (
    best(dump) / best(tcpdump), dump["mean"] / tcpdump["mean"]))
if "TZ=UTC tcpdump -r" in t:
    utc = t["TZ=UTC tcpdump -r"]
    print("- wsdissect dump / TZ=UTC tcpdump -r: **%.2f×** best, %.2f× mean" % (
        best(dump) / best(utc), dump["mean"] / utc["mean"]))
print()
print("| command | capture | peak RSS (MiB) |")
print("|---|---|---|")
for line in open(mem).read().splitlines()[1:]:
    cmd, size, kib = line.split("\t")
    print("| `%s` | %s | %.1f |" % (cmd, size, int(kib) / 1024))

if tls:
    rows = json.load(open(tls))["results"]
    t = {r["command"]: r for r in rows}
    print()
    print("wss:// (TLS twin, decrypted with its key log) against the same traffic in plaintext:")
    print()
    print("| command | best (s) | mean (s) | ± (s) | user (s) | × plaintext (best) | × plaintext (user) |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        plain = t[r["command"].replace(" --keylog", "").replace("(wss://)", "(ws://)")]
        print("| `%s` | %.3f | %.3f | %.3f | %.3f | %.2f | %.2f |" % (
            r["command"], min(r["times"]), r["mean"], r["stddev"] or 0, r["user"],
            min(r["times"]) / min(plain["times"]), r["user"] / plain["user"]))
    print()
    d = t["wsdissect dump --keylog --format ndjson (wss://)"]
    p = t["wsdissect dump --format ndjson (ws://)"]
    print("- decrypted dump / plaintext dump: **%.2f×** best, **%.2f×** user CPU (target ≤ 2×)" % (
        min(d["times"]) / min(p["times"]), d["user"] / p["user"]))
