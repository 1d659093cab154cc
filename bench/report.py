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
dump = t["wsdissect dump --format ndjson"]["mean"]
tcpdump = t["tcpdump -r"]["mean"]
print("| command | mean (s) | ± (s) | × wsdissect dump | × tcpdump -r |")
print("|---|---|---|---|---|")
for r in rows:
    print("| `%s` | %.3f | %.3f | %.2f | %.2f |" % (r["command"], r["mean"], r["stddev"] or 0, r["mean"] / dump, r["mean"] / tcpdump))
print()
tj = t["tshark -Y websocket -T json"]["mean"]
print("- tshark -T json / wsdissect dump: **%.1f×** (target ≥ 30×)" % (tj / dump))
print("- wsdissect dump / tcpdump -r: **%.2f×** (target ≤ 3×)" % (dump / tcpdump))
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
