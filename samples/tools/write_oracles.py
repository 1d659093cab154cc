#!/usr/bin/env python3
"""Write tshark's view of a capture beside it, in the format of the shared corpus.

For CAPTURE = DIR/NAME.pcap or DIR/NAME.pcapng this writes
  DIR/NAME.frames.tsv   one row per packet holding WebSocket frames (-T fields)
  DIR/NAME.follow.tsv   Follow TCP Stream (raw) per TCP stream: node, byte count, sha256
  DIR/NAME.tshark.json  tshark -Y websocket -T json --no-duplicate-keys
                        (skipped, and an existing one removed, when larger than --json-limit)
and, when tshark finds TLS records in the capture,
  DIR/NAME.follow-tls.tsv  Follow TLS Stream (raw) per TCP stream that carries TLS:
                        the decrypted bytes, in the format of follow.tsv

Extra tshark arguments (decode-as) are read from DIR/NAME.tshark-args if present:
one argument per line, e.g. "-d" and "tcp.port==9000,http" on two lines.

TLS key log: with --keylog FILE, or else when DIR/NAME.keys exists, every tshark call
gets -o tls.keylog_file:FILE, so all the oracles are those of the decrypted capture.
(A pcapng whose Decryption Secrets Block carries the keys needs neither.)

Usage: write_oracles.py [--tshark tshark] [--json-limit BYTES] [--keylog FILE] [--check] CAPTURE...
  --keylog  the NSS key log (SSLKEYLOGFILE format) for every CAPTURE given
  --check   do not write; compare what would be written with the files on disk
            (exit 1 on any difference) — used to validate this writer against
            the shared corpus.
"""
import argparse
import hashlib
import os
import re
import subprocess
import sys

FIELDS = [
    "frame.number",
    "tcp.stream",
    "websocket.fin",
    "websocket.rsv",
    "websocket.opcode",
    "websocket.mask",
    "websocket.payload_length",
    "websocket.payload_length_ext_16",
    "websocket.payload_length_ext_64",
    "websocket.masking_key",
    "websocket.payload.close.status_code",
]

FOLLOW_HEADER = "tcp.stream\tnode0\tnode0_bytes\tnode0_sha256\tnode1\tnode1_bytes\tnode1_sha256\n"


def stem(path):
    for ext in (".pcapng", ".pcap"):
        if path.endswith(ext):
            return path[: -len(ext)]
    raise SystemExit(f"{path}: not a .pcap or .pcapng")


def extra_args(path, keylog=None):
    args = []
    args_file = stem(path) + ".tshark-args"
    if os.path.exists(args_file):
        with open(args_file) as f:
            args = [line.rstrip("\n") for line in f if line.strip()]
    if keylog is None and os.path.exists(stem(path) + ".keys"):
        keylog = stem(path) + ".keys"
    if keylog is not None:
        args += ["-o", f"tls.keylog_file:{keylog}"]
    return args


def run(cmd):
    env = dict(os.environ, TZ="UTC", LC_ALL="C")
    res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    if res.returncode != 0:
        sys.stderr.write(res.stderr.decode(errors="replace"))
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return res.stdout


def frames_tsv(tshark, path, extra):
    cmd = [tshark, "-r", path, *extra, "-Y", "websocket", "-T", "fields",
           "-E", "header=y", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=;"]
    for f in FIELDS:
        cmd += ["-e", f]
    return run(cmd)


def tcp_streams(tshark, path, extra, display_filter=None):
    filt = ["-Y", display_filter] if display_filter else []
    out = run([tshark, "-r", path, *extra, *filt, "-T", "fields", "-E", "occurrence=a",
               "-E", "aggregator=,", "-e", "tcp.stream"]).decode()
    streams = set()
    for line in out.splitlines():
        for v in line.split(","):
            if v.strip():
                streams.add(int(v))
    return sorted(streams)


NODE_RE = re.compile(r"^Node ([01]): (.*)$")


def follow_data(tshark, path, extra, stream, proto="tcp"):
    """Node lines ({0: "addr:port", 1: ...}) and each node's bytes, as Follow Stream shows them."""
    out = run([tshark, "-r", path, *extra, "-q", "-z", f"follow,{proto},raw,{stream}"]).decode()
    nodes = {}
    data = {0: bytearray(), 1: bytearray()}
    started = False
    for line in out.splitlines():
        m = NODE_RE.match(line)
        if m:
            nodes[int(m.group(1))] = m.group(2)
            continue
        if line.startswith("====") or line.startswith("Follow:") or line.startswith("Filter:") or not line.strip():
            if started and line.startswith("===="):
                break
            continue
        if len(nodes) == 2:
            started = True
            if line.startswith("\t"):
                data[1] += bytes.fromhex(line.strip())
            else:
                data[0] += bytes.fromhex(line.strip())
    if len(nodes) != 2:
        raise SystemExit(f"{path}: stream {stream}: no Node lines in follow output")
    return nodes, data


def follow_row(tshark, path, extra, stream, proto="tcp"):
    nodes, data = follow_data(tshark, path, extra, stream, proto)
    cols = [str(stream)]
    for n in (0, 1):
        cols += [nodes[n], str(len(data[n])), hashlib.sha256(bytes(data[n])).hexdigest()]
    return "\t".join(cols) + "\n"


def follow_tsv(tshark, path, extra):
    text = FOLLOW_HEADER
    for s in tcp_streams(tshark, path, extra):
        text += follow_row(tshark, path, extra, s)
    return text.encode()


def follow_tls_tsv(tshark, path, extra):
    """Follow TLS Stream for every TCP stream with TLS records, or None if there is none.
    tshark 4.0 prints the node lines of a TLS stream its own way: node 0 is the sender
    of the first decrypted record, and a node without decrypted data is ":0"."""
    streams = tcp_streams(tshark, path, extra, "tls")
    if not streams:
        return None
    text = FOLLOW_HEADER
    for s in streams:
        text += follow_row(tshark, path, extra, s, "tls")
    return text.encode()


def tshark_json(tshark, path, extra):
    return run([tshark, "-r", path, *extra, "-Y", "websocket", "-T", "json", "--no-duplicate-keys"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tshark", default="tshark")
    ap.add_argument("--json-limit", type=int, default=300_000)
    ap.add_argument("--keylog")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("captures", nargs="+")
    a = ap.parse_args()
    bad = 0
    for path in a.captures:
        extra = extra_args(path, a.keylog)
        base = stem(path)
        outputs = {
            base + ".frames.tsv": frames_tsv(a.tshark, path, extra),
            base + ".follow.tsv": follow_tsv(a.tshark, path, extra),
        }
        tls = follow_tls_tsv(a.tshark, path, extra)
        if tls is not None:
            outputs[base + ".follow-tls.tsv"] = tls
        js = tshark_json(a.tshark, path, extra)
        if len(js) <= a.json_limit:
            outputs[base + ".tshark.json"] = js
        elif not a.check and os.path.exists(base + ".tshark.json"):
            os.remove(base + ".tshark.json")
        for out, content in outputs.items():
            if a.check:
                if not os.path.exists(out):
                    continue
                with open(out, "rb") as f:
                    same = f.read() == content
                print(f"{'same' if same else 'DIFFERENT'}\t{out}")
                bad += not same
            else:
                with open(out, "wb") as f:
                    f.write(content)
        if not a.check:
            note = "" if len(js) <= a.json_limit else f" (tshark.json skipped: {len(js)} bytes)"
            print(f"oracles written for {path}{note}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
