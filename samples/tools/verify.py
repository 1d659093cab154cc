#!/usr/bin/env python3
"""Check the generated samples and print a summary table.

Usage: verify.py SAMPLES_DIR

Checks, failing (exit 1) on any problem:
  * every capture opens in tshark and has its .frames.tsv, .follow.tsv and .conv.tsv
  * link type and file format of each variant are what its name says
  * every variant has the same WebSocket rows (frames.tsv: frame numbers, streams,
    header fields), the same reassembled TCP streams (follow.tsv) and the same
    conversations (conv.tsv: endpoints, frames each way, first and last frame; the
    byte counts include the link header, which variants change) as its source
  * pcapng-multisection = node-ws then websockets-deflate, numbering continued
  * compressed samples have RSV1 frames, plain ones none
  * the samples folder stays under 3 MB
The TLS samples (wss-*: captures, key logs, oracles) are left to verify_tls.py,
which has its own size budget.
"""
import os
import subprocess
import sys

D = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENV = dict(os.environ, TZ="UTC", LC_ALL="C")
problems = []


def sh(*cmd):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    return r.returncode, r.stdout.decode(errors="replace")


def p(name):
    return os.path.join(D, name)


def stem(name):
    return name.rsplit(".", 1)[0]


def read(path):
    with open(path) as f:
        return f.read()


def rows(name):
    return read(p(stem(name) + ".frames.tsv")).splitlines()[1:]


def follow(name):
    return read(p(stem(name) + ".follow.tsv")).splitlines()[1:]


def conv(name):
    """conv.tsv without the columns a link-layer rewrite changes (bytes, times)."""
    return [[r.split("\t")[i] for i in (0, 1, 2, 3, 5, 7, 8)]
            for r in read(p(stem(name) + ".conv.tsv")).splitlines()[1:]]


# capture -> (file type, link type) as `capinfos -T -t -E` names them
EXPECT = {
    "fastapi-echo.pcap": ("pcap", "ether"),
    "fastapi-echo.pcapng": ("pcapng", "ether"),
    "fastapi-echo-ipv6.pcap": ("pcap", "ether"),
    "browser-fastapi.pcap": ("pcap", "ether"),
    "websockets-deflate.pcap": ("pcap", "ether"),
    "websockets-deflate-fragmented.pcap": ("pcap", "ether"),
    "websockets-deflate-no-context.pcap": ("pcap", "ether"),
    "node-ws.pcap": ("pcap", "ether"),
    "websockets-refused.pcap": ("pcap", "ether"),
    "linktype-null.pcap": ("pcap", "null"),
    "linktype-loop.pcap": ("pcap", "loop"),
    "linktype-sll.pcap": ("pcap", "linux-sll"),
    "linktype-sll2.pcap": ("pcap", "linux-sll2"),
    "linktype-raw.pcap": ("pcap", "rawip"),
    "linktype-raw12.pcap": ("pcap", "rawip"),
    "linktype-raw14.pcap": ("pcap", "rawip"),
    "linktype-ipv4.pcap": ("pcap", "rawip4"),
    "linktype-ipv6.pcap": ("pcap", "rawip6"),
    "linktype-vlan.pcap": ("pcap", "ether"),
    "pcap-nanosecond.pcap": ("nsecpcap", "ether"),
    "pcap-bigendian.pcap": ("pcap", "ether"),
    "pcapng-multisection.pcapng": ("pcapng", "ether"),
    "pcapng-multi-interface.pcapng": ("pcapng", "per-packet"),
    "pcapng-simple-packet.pcapng": ("pcapng", "ether"),
    "pcapng-bigendian.pcapng": ("pcapng", "ether"),
}
SAME_AS = {
    "fastapi-echo.pcap": ["fastapi-echo.pcapng", "pcap-nanosecond.pcap", "linktype-sll.pcap",
                          "linktype-sll2.pcap", "linktype-null.pcap", "linktype-loop.pcap",
                          "linktype-raw.pcap", "linktype-raw12.pcap", "linktype-raw14.pcap",
                          "linktype-ipv4.pcap", "linktype-vlan.pcap", "pcap-bigendian.pcap"],
    "fastapi-echo-ipv6.pcap": ["linktype-ipv6.pcap"],
    "node-ws.pcap": ["pcapng-multi-interface.pcapng", "pcapng-simple-packet.pcapng",
                     "pcapng-bigendian.pcapng"],
}
COMPRESSED = {"browser-fastapi.pcap", "websockets-deflate.pcap", "pcapng-multisection.pcapng",
              "websockets-deflate-fragmented.pcap", "websockets-deflate-no-context.pcap"}

# WebSocket frames each run must have (a lost packet shows here), and features
# the sample exists for: (field index in frames.tsv, value) pairs that must occur.
WS_FRAMES = {"fastapi-echo.pcap": 14, "fastapi-echo-ipv6.pcap": 14, "browser-fastapi.pcap": 14,
             "websockets-deflate.pcap": 12, "websockets-deflate-no-context.pcap": 12,
             "websockets-deflate-fragmented.pcap": 20, "node-ws.pcap": 13,
             "websockets-refused.pcap": 0}
FIN, RSV, OPCODE, MASK, LEN7, LEN16, LEN64, KEY, CLOSE = range(2, 11)
FEATURES = {
    "fastapi-echo.pcap": [(LEN16, "300"), (LEN64, "65600"), (OPCODE, "2"), (OPCODE, "9"),
                          (OPCODE, "10"), (CLOSE, "1000")],
    "fastapi-echo-ipv6.pcap": [(LEN16, "300"), (LEN64, "65600"), (OPCODE, "9"), (CLOSE, "1000")],
    "browser-fastapi.pcap": [(RSV, "0x04"), (CLOSE, "1000")],
    "websockets-deflate.pcap": [(RSV, "0x04"), (CLOSE, "1000")],
    "websockets-deflate-no-context.pcap": [(RSV, "0x04"), (CLOSE, "1000")],
    "websockets-deflate-fragmented.pcap": [(FIN, "0"), (OPCODE, "0"), (RSV, "0x04")],
    "node-ws.pcap": [(FIN, "0"), (OPCODE, "0"), (OPCODE, "2"), (OPCODE, "9"), (OPCODE, "10"),
                     (CLOSE, "4000")],
}


def values(name, field):
    return {v for r in rows(name) for v in r.split("\t")[field].split(";")}


files = sorted(f for f in os.listdir(D)
               if f.endswith((".pcap", ".pcapng")) and not f.startswith("wss-"))
missing = sorted(set(EXPECT) - set(files))
if missing:
    problems.append(f"missing captures: {missing}")
extra = sorted(set(files) - set(EXPECT))
if extra:
    problems.append(f"unexpected captures (add them to verify.py): {extra}")

summary = []
for f in files:
    rc, out = sh("tshark", "-r", p(f), "-c", "1")
    if rc != 0 or not out.strip():
        problems.append(f"{f}: tshark cannot read it")
    for o in (".frames.tsv", ".follow.tsv", ".conv.tsv"):
        if not os.path.exists(p(stem(f) + o)):
            problems.append(f"{f}: no {o}")
    _, info = sh("capinfos", "-T", "-r", "-t", "-E", "-c", p(f))
    _, ftype, encap, npk = info.strip().split("\t")
    want = EXPECT.get(f)
    if want and (want[0] != ftype or want[1] != encap):
        problems.append(f"{f}: capinfos says {ftype!r} / {encap!r}, expected {want}")
    r = rows(f)
    nframes = sum(len(x.split("\t")[2].split(";")) for x in r)
    rsv = {v for x in r for v in x.split("\t")[3].split(";")}
    compressed = any(int(v, 16) & 0x4 for v in rsv if v)
    if f in COMPRESSED and not compressed:
        problems.append(f"{f}: expected RSV1 (compressed) frames, found none")
    if f not in COMPRESSED and compressed:
        problems.append(f"{f}: unexpected RSV1 frames")
    streams = len(follow(f))
    summary.append((f, os.path.getsize(p(f)), ftype, encap, int(npk), len(r), nframes, streams,
                    "yes" if compressed else "no"))

for f, n in WS_FRAMES.items():
    got = sum(len(r.split("\t")[FIN].split(";")) for r in rows(f))
    if got != n:
        problems.append(f"{f}: {got} WebSocket frames, expected {n}")
for f, feats in FEATURES.items():
    for field, value in feats:
        if value not in values(f, field):
            problems.append(f"{f}: no frame with field {field} = {value}")

for src, variants in SAME_AS.items():
    for v in variants:
        if rows(v) != rows(src):
            problems.append(f"{v}: frames.tsv differs from {src}")
        if follow(v) != follow(src):
            problems.append(f"{v}: follow.tsv differs from {src}")
        if conv(v) != conv(src):
            problems.append(f"{v}: conv.tsv differs from {src}")

# multisection: node-ws then websockets-deflate, frame and stream numbers continued
_, n_first = sh("capinfos", "-T", "-r", "-c", p("node-ws.pcap"))
offset = int(n_first.split("\t")[1])
nstreams = len(follow("node-ws.pcap"))
expect = list(rows("node-ws.pcap"))
for x in rows("websockets-deflate.pcap"):
    c = x.split("\t")
    c[0] = str(int(c[0]) + offset)
    c[1] = ";".join(str(int(s) + nstreams) for s in c[1].split(";"))
    expect.append("\t".join(c))
if rows("pcapng-multisection.pcapng") != expect:
    problems.append("pcapng-multisection.pcapng: frames.tsv is not node-ws + websockets-deflate")
expect_follow = list(follow("node-ws.pcap"))
for x in follow("websockets-deflate.pcap"):
    c = x.split("\t")
    c[0] = str(int(c[0]) + nstreams)
    expect_follow.append("\t".join(c))
# node addresses/ports differ between the two runs only by client port; compare counts and hashes
if [r.split("\t")[2::3] for r in follow("pcapng-multisection.pcapng")] != [r.split("\t")[2::3] for r in expect_follow]:
    problems.append("pcapng-multisection.pcapng: follow.tsv is not node-ws + websockets-deflate")

total = sum(os.path.getsize(os.path.join(root, f))
            for root, dirs, fs in os.walk(D) for f in fs
            if not any(part in root for part in (".venv", ".work", "node_modules", "__pycache__"))
            and not f.startswith("wss-"))

print(f"{'capture':38} {'bytes':>7} {'format':10} {'link type':12} {'pkts':>4} {'wsrows':>6} {'wsframes':>8} {'streams':>7} compressed")
for s in summary:
    print(f"{s[0]:38} {s[1]:>7} {s[2]:10} {s[3]:12} {s[4]:>4} {s[5]:>6} {s[6]:>8} {s[7]:>7} {s[8]}")
print(f"samples/ total (without .venv, .work, node_modules and the wss-* TLS samples): {total} bytes")
if total > 3_000_000:
    problems.append(f"samples/ is {total} bytes, over 3 MB")

for pr in problems:
    print("PROBLEM:", pr, file=sys.stderr)
print("all checks passed" if not problems else f"{len(problems)} problem(s)")
sys.exit(1 if problems else 0)
