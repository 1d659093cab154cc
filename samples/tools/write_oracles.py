#!/usr/bin/env python3
"""Write tshark's view of a capture beside it, in the format of the shared corpus.

For CAPTURE = DIR/NAME.pcap or DIR/NAME.pcapng this writes
  DIR/NAME.frames.tsv   one row per packet holding WebSocket frames (-T fields)
  DIR/NAME.follow.tsv   Follow TCP Stream (raw) per TCP stream: node, byte count, sha256
  DIR/NAME.tshark.json  tshark -Y websocket -T json --no-duplicate-keys
                        (skipped, and an existing one removed, when larger than --json-limit)
  DIR/NAME.conv.tsv     tshark's TCP conversation table (-q -z conv,tcp), one row per
                        tcp.stream, made machine-readable (see conv_tsv)
  DIR/NAME.tcp.tsv    one row per TCP packet: frame.number, tcp.stream, the TCP analysis
                        flags tshark marks (tcp.analysis.<flag>, one -Y run per flag),
                        tcp.window_size, tcp.window_size_scalefactor and the Info column
  DIR/NAME.http.tsv   one row per packet tshark lists as an HTTP message
                        (-Y "http.request || http.response"): frame.number, tcp.stream,
                        the request method or the response code
and, when tshark finds TLS records in the capture,
  DIR/NAME.follow-tls.tsv  Follow TLS Stream (raw) per TCP stream that carries TLS:
                        the decrypted bytes, in the format of follow.tsv

Extra tshark arguments (decode-as) are read from DIR/NAME.tshark-args if present:
one argument per line, e.g. "-d" and "tcp.port==9000,http" on two lines.

TLS key log: with --keylog FILE, or else when DIR/NAME.keys exists, every tshark call
gets -o tls.keylog_file:FILE, so all the oracles are those of the decrypted capture.
(A pcapng whose Decryption Secrets Block carries the keys needs neither.)

Usage: write_oracles.py [--tshark tshark] [--json-limit BYTES] [--keylog FILE] [--check]
                        [--only KIND,...] [--root DIR --into DIR] CAPTURE...
  --keylog  the NSS key log (SSLKEYLOGFILE format) for every CAPTURE given
  --check   do not write; compare what would be written with the files on disk
            (exit 1 on any difference) — used to validate this writer against
            the shared corpus.
  --only    write only these oracles: frames, follow, json, conv, tcp, http
  --root R --into D
            write the oracles of R/SUB/NAME.pcap to D/SUB/NAME.* instead of beside
            the capture (for a read-only corpus: tests/oracles/conv/regenerate.sh)
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


CONV_HEADER = ("tcp.stream\ta\tb\tframes_a_to_b\tbytes_a_to_b\tframes_b_to_a\tbytes_b_to_a"
               "\tfirst_frame\tlast_frame\trel_start\n")

CONV_ROW_RE = re.compile(
    r"^(\S+)\s+<->\s+(\S+)\s+(\d+)\s+(\d+ \S*bytes|[\d.]+ [kMGT]B)\s+(\d+)\s+(\d+ \S*bytes|[\d.]+ [kMGT]B)"
    r"\s+(\d+)\s+(\d+ \S*bytes|[\d.]+ [kMGT]B)\s+(-?[\d.]+)\s+(-?[\d.]+)\s*$")

SI = {"bytes": 1, "kB": 1000, "MB": 1000**2, "GB": 1000**3, "TB": 1000**4}


def endpoint(ip4, ip6, port):
    """addr:port as the follow oracle and Rust's SocketAddr print it ([v6]:port)."""
    return f"{ip4}:{port}" if ip4 else f"[{ip6}]:{port}"


def conv_endpoint(text):
    """tshark's conv table writes ::1:8080; make it [::1]:8080."""
    addr, port = text.rsplit(":", 1)
    return f"[{addr}]:{port}" if ":" in addr else text


def size_matches(shown, n):
    """Whether tshark's human-readable size ("2630 bytes", "67 kB") can be n bytes."""
    value, unit = shown.split(" ")
    if unit == "bytes":
        return int(value) == n
    # tshark 4.0 truncates: 17997 bytes is "17 kB"
    scale = SI[unit]
    decimals = len(value.split(".")[1]) if "." in value else 0
    step = 10 ** -decimals
    return -1e-9 <= n / scale - float(value) < step + 1e-9


def ns(t):
    """frame.time_relative ("0.135076000") as integer nanoseconds."""
    sign = -1 if t.startswith("-") else 1
    whole, _, frac = t.lstrip("-").partition(".")
    return sign * (int(whole) * 10**9 + int((frac + "000000000")[:9]))


def fmt_ns(v):
    sign = "-" if v < 0 else ""
    v = abs(v)
    return f"{sign}{v // 10**9}.{v % 10**9:09d}"


def conv_tsv(tshark, path, extra):
    """tshark's TCP conversation table, one row per tcp.stream.

    `tshark -q -z conv,tcp` prints sizes rounded for humans ("67 kB") and no
    stream number or frame numbers, so the rows are computed from the packets
    (`-T fields -e frame.number -e tcp.stream -e ip.src ... -e frame.len
    -e frame.time_relative`), exactly as the conversation tap adds them up
    (every packet of the stream, frame.len bytes), and then checked against
    the table itself: every row of `-z conv,tcp` must match one stream here
    (same endpoints, same frames each way, sizes within tshark's rounding,
    same relative start), and the other way round. A and B are as the table
    shows them; "a_to_b" is its "->" column. The duration is left out: the
    pcap and pcapng of the fastapi-echo run share their oracles (same stem) and
    differ only in timestamp resolution.
    """
    out = run([tshark, "-r", path, *extra, "-T", "fields", "-E", "separator=/t",
               "-e", "frame.number", "-e", "tcp.stream",
               "-e", "ip.src", "-e", "ipv6.src", "-e", "tcp.srcport",
               "-e", "ip.dst", "-e", "ipv6.dst", "-e", "tcp.dstport",
               "-e", "frame.len", "-e", "frame.time_relative"]).decode()
    streams = {}
    for line in out.splitlines():
        f = line.split("\t")
        if len(f) < 10 or f[1] == "":
            continue
        if "," in f[1]:
            raise SystemExit(f"{path}: frame {f[0]} has several TCP layers; conv_tsv cannot count it")
        # no timestamp (pcapng simple packet blocks): tshark counts from 0
        frame, stream, length, t = int(f[0]), int(f[1]), int(f[8]), ns(f[9] or "0")
        src, dst = endpoint(f[2], f[3], f[4]), endpoint(f[5], f[6], f[7])
        s = streams.setdefault(stream, {"nodes": (src, dst), "n": {}, "bytes": {},
                                        "first": frame, "last": frame, "t0": t})
        if {src, dst} != set(s["nodes"]):
            raise SystemExit(f"{path}: frame {frame}: tcp.stream {stream} changes endpoints")
        s["n"][src] = s["n"].get(src, 0) + 1
        s["bytes"][src] = s["bytes"].get(src, 0) + length
        s["last"] = frame
        s["t0"] = min(s["t0"], t)
    table = run([tshark, "-r", path, *extra, "-q", "-z", "conv,tcp"]).decode()
    rows = []
    for line in table.splitlines():
        m = CONV_ROW_RE.match(line)
        if m:
            rows.append((line, m.groups()))
        elif "<->" in line:
            raise SystemExit(f"{path}: cannot read this conv,tcp row: {line!r}")
    text = CONV_HEADER
    unmatched = dict(streams)
    for line, r in rows:
        a, b = conv_endpoint(r[0]), conv_endpoint(r[1])
        back_n, back_b, fwd_n, fwd_b, rel = int(r[2]), r[3], int(r[4]), r[5], ns(r[8])
        hits = [k for k, s in unmatched.items()
                if set(s["nodes"]) == {a, b}
                and s["n"].get(a, 0) == fwd_n and s["n"].get(b, 0) == back_n
                and size_matches(fwd_b, s["bytes"].get(a, 0))
                and size_matches(back_b, s["bytes"].get(b, 0))
                and s["t0"] == rel]
        if len(hits) != 1:
            raise SystemExit(f"{path}: conv,tcp row {line!r} matches {len(hits)} streams")
        s = unmatched.pop(hits[0])
        s["ab"] = (a, b)
    if unmatched:
        raise SystemExit(f"{path}: tcp.stream {sorted(unmatched)} not in the conv,tcp table")
    for k in sorted(streams):
        s = streams[k]
        a, b = s["ab"]
        cols = [k, a, b, s["n"].get(a, 0), s["bytes"].get(a, 0), s["n"].get(b, 0),
                s["bytes"].get(b, 0), s["first"], s["last"], fmt_ns(s["t0"])]
        text += "\t".join(map(str, cols)) + "\n"
    return text.encode()


# tshark's TCP analysis flags (packet-tcp.c, tcp_analyze_sequence_number), in the
# order wsdissect lists them. tshark marks a fast or spurious retransmission
# tcp.analysis.retransmission too (it adds both expert infos).
TCP_FLAGS = [
    "retransmission", "fast_retransmission", "spurious_retransmission", "out_of_order",
    "lost_segment", "ack_lost_segment", "duplicate_ack", "zero_window", "zero_window_probe",
    "window_full", "window_update", "keep_alive",
]

TCP_HEADER = ("frame\ttcp.stream\ttcp.analysis\ttcp.window_size\ttcp.window_size_scalefactor"
              "\tinfo\n")


def tcp_tsv(tshark, path, extra):
    """Every TCP packet with the analysis flags tshark gives it and its window.

    -T fields prints nothing for FT_NONE fields such as tcp.analysis.retransmission,
    so each flag is one run with -Y tcp.analysis.<flag>. Only the first TCP layer of a
    packet counts (-E occurrence=f; an ICMP error quoting TCP has a second one)."""
    out = run([tshark, "-r", path, *extra, "-Y", "tcp", "-T", "fields", "-E", "separator=/t",
               "-E", "occurrence=f", "-e", "frame.number", "-e", "tcp.stream",
               "-e", "tcp.window_size", "-e", "tcp.window_size_scalefactor",
               "-e", "_ws.col.Info"]).decode()
    rows = []
    for line in out.splitlines():
        f = line.split("\t")
        rows.append((int(f[0]), f[1], f[2], f[3], f[4].strip()))
    flags = {}
    for name in TCP_FLAGS:
        got = run([tshark, "-r", path, *extra, "-Y", f"tcp.analysis.{name}", "-T", "fields",
                   "-e", "frame.number"]).decode()
        for line in got.split():
            flags.setdefault(int(line), []).append(name)
    text = TCP_HEADER
    for frame, stream, win, scale, info in rows:
        text += f"{frame}\t{stream}\t{','.join(flags.get(frame, []))}\t{win}\t{scale}\t{info}\n"
    return text.encode()


HTTP_HEADER = "frame\ttcp.stream\tmethod_or_code\n"


def http_tsv(tshark, path, extra):
    """The packets tshark lists as HTTP requests and responses (the packet that completes
    each message, body included). A packet may complete several (pipelining): the
    methods/codes are joined with commas."""
    out = run([tshark, "-r", path, *extra, "-Y", "http.request || http.response", "-T", "fields",
               "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=,",
               "-e", "frame.number", "-e", "tcp.stream", "-e", "http.request.method",
               "-e", "http.response.code"]).decode()
    text = HTTP_HEADER
    for line in out.splitlines():
        f = line.split("\t")
        what = ",".join(x for x in (f[2], f[3]) if x)
        text += f"{f[0]}\t{f[1]}\t{what}\n"
    return text.encode()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tshark", default="tshark")
    ap.add_argument("--json-limit", type=int, default=300_000)
    ap.add_argument("--keylog")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--only", default="frames,follow,json,conv,tcp,http")
    ap.add_argument("--root")
    ap.add_argument("--into")
    ap.add_argument("captures", nargs="+")
    a = ap.parse_args()
    kinds = set(a.only.split(","))
    if kinds - {"frames", "follow", "json", "conv", "tcp", "http"}:
        raise SystemExit(f"--only: unknown kind in {a.only!r}")
    if (a.root is None) != (a.into is None):
        raise SystemExit("--root and --into go together")
    bad = 0
    for path in a.captures:
        extra = extra_args(path, a.keylog)
        base = stem(path)
        if a.into is not None:
            base = os.path.join(a.into, os.path.relpath(base, a.root))
            os.makedirs(os.path.dirname(base), exist_ok=True)
        outputs = {}
        if "frames" in kinds:
            outputs[base + ".frames.tsv"] = frames_tsv(a.tshark, path, extra)
        if "follow" in kinds:
            outputs[base + ".follow.tsv"] = follow_tsv(a.tshark, path, extra)
            tls = follow_tls_tsv(a.tshark, path, extra)
            if tls is not None:
                outputs[base + ".follow-tls.tsv"] = tls
        if "conv" in kinds:
            outputs[base + ".conv.tsv"] = conv_tsv(a.tshark, path, extra)
        if "tcp" in kinds:
            outputs[base + ".tcp.tsv"] = tcp_tsv(a.tshark, path, extra)
        if "http" in kinds:
            outputs[base + ".http.tsv"] = http_tsv(a.tshark, path, extra)
        note = ""
        if "json" in kinds:
            js = tshark_json(a.tshark, path, extra)
            if len(js) <= a.json_limit:
                outputs[base + ".tshark.json"] = js
            else:
                note = f" (tshark.json skipped: {len(js)} bytes)"
                if not a.check and os.path.exists(base + ".tshark.json"):
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
            print(f"oracles written for {path}{note}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
