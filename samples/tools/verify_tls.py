#!/usr/bin/env python3
"""Check the TLS samples (samples/wss-*) and print their table.

Usage: verify_tls.py SAMPLES_DIR

Checks, failing (exit 1) on any problem:
  * every wss-* capture listed below exists, is under 200 KB, has its key log
    (wss-NAME.keys; none for the pcapng that embeds its secrets), its expect.json and
    its oracles (.frames.tsv, .follow.tsv, .follow-tls.tsv)
  * tshark, with the key log, reports the TLS version and cipher suite listed below,
    and the ones the programs saw (expect.json "tls", when present)
  * resumption: the resume samples' second handshake is abbreviated (no Certificate,
    tshark marks it resumed) and resumes by session ID (ClientHello and ServerHello
    carry the first connection's session ID; no ticket) or by ticket (the ClientHello
    carries the ticket the first connection got in a NewSessionTicket); no other
    sample resumes, except that Chromium may resume TLS 1.3 with a PSK (the table's
    "resumed" column says "psk")
  * the decrypted bytes (Follow TLS Stream) hold exactly the WebSocket frames the
    programs sent (expect.json): per connection and direction, every message with its
    opcode, payload (unmasked, inflated when permessage-deflate compressed it) and
    number of frames; and tshark's frames.tsv lists as many frames
  * permessage-deflate: RSV1 frames in the deflate samples, none in the others
  * the pcapng with embedded secrets decrypts without a key log, to the same
    frames.tsv and follow-tls.tsv as its source
  * all wss-* files together stay under 1 MB (verify.py's 3 MB budget leaves them out)
"""
import base64
import hashlib
import json
import os
import subprocess
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from write_oracles import extra_args, follow_data  # noqa: E402

D = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENV = dict(os.environ, TZ="UTC", LC_ALL="C")
MAX_BYTES = 200_000          # per capture
TOTAL_BYTES = 1_000_000      # all wss-* files
problems = []

# IANA cipher suite numbers of the suites used, with OpenSSL's name where it differs
SUITES = {
    0x1301: "TLS_AES_128_GCM_SHA256",
    0x1302: "TLS_AES_256_GCM_SHA384",
    0x1303: "TLS_CHACHA20_POLY1305_SHA256",
    0xC02F: "ECDHE-RSA-AES128-GCM-SHA256",
    0xC030: "ECDHE-RSA-AES256-GCM-SHA384",
    0xCCA8: "ECDHE-RSA-CHACHA20-POLY1305",
}
VERSIONS = {0x0304: "TLSv1.3", 0x0303: "TLSv1.2"}

# capture -> (TLS version, suite of the WebSocket connections, deflate, resumption)
SAMPLES = {
    "wss-websockets-tls13-aes128.pcap": ("TLSv1.3", "TLS_AES_128_GCM_SHA256", False, None),
    "wss-websockets-tls13-aes128-deflate.pcap": ("TLSv1.3", "TLS_AES_128_GCM_SHA256", True, None),
    "wss-websockets-tls13-aes256.pcap": ("TLSv1.3", "TLS_AES_256_GCM_SHA384", False, None),
    "wss-websockets-tls13-aes256-deflate.pcap": ("TLSv1.3", "TLS_AES_256_GCM_SHA384", True, None),
    "wss-websockets-tls12-aes128.pcap": ("TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256", False, None),
    "wss-websockets-tls12-aes256.pcap": ("TLSv1.2", "ECDHE-RSA-AES256-GCM-SHA384", False, None),
    "wss-websockets-tls12-chacha20.pcap": ("TLSv1.2", "ECDHE-RSA-CHACHA20-POLY1305", False, None),
    "wss-websockets-tls12-resume-id.pcap": ("TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256", False, "session-id"),
    "wss-websockets-tls12-resume-ticket.pcap": ("TLSv1.2", "ECDHE-RSA-AES256-GCM-SHA384", False, "ticket"),
    "wss-node-ws-tls13-chacha20.pcap": ("TLSv1.3", "TLS_CHACHA20_POLY1305_SHA256", False, None),
    # the suite is whatever Chromium and OpenSSL agree on; Chromium may resume its
    # TLS 1.3 session (PSK) for the WebSocket connection: allowed, not required
    "wss-browser-fastapi.pcap": ("TLSv1.3", None, True, "psk allowed"),
    "wss-browser-fastapi-secrets.pcapng": ("TLSv1.3", None, True, "psk allowed"),
}
EMBEDDED = {"wss-browser-fastapi-secrets.pcapng": "wss-browser-fastapi.pcap"}


def p(name):
    return os.path.join(D, name)


def stem(name):
    return name.rsplit(".", 1)[0]


def read(path):
    with open(path) as f:
        return f.read()


def tshark_fields(path, display_filter, *fields):
    """One list of values per field, per matching packet (occurrence=a, ',' between)."""
    cmd = ["tshark", "-r", path, *extra_args(path), "-Y", display_filter, "-T", "fields",
           "-E", "occurrence=a", "-E", "aggregator=,"]
    for f in fields:
        cmd += ["-e", f]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, check=True)
    out = []
    for line in r.stdout.decode().splitlines():
        out.append([c.split(",") if c else [] for c in line.split("\t")])
    return out


def handshakes(path):
    """Per TCP stream: TLS version, suite, handshake types, session ids, ticket offered..."""
    hs = {}

    def st(n):
        return hs.setdefault(int(n), {"types": [], "resumed": False, "psk": False,
                                      "ch_session_id": "", "sh_session_id": "",
                                      "ch_ticket_len": 0})
    for stream, types in tshark_fields(path, "tls.handshake", "tcp.stream", "tls.handshake.type"):
        st(stream[0])["types"] += [int(t) for t in types]
    for stream, suite, sv, ver, sid, ext in tshark_fields(
            path, "tls.handshake.type == 2", "tcp.stream", "tls.handshake.ciphersuite",
            "tls.handshake.extensions.supported_version", "tls.handshake.version",
            "tls.handshake.session_id", "tls.handshake.extension.type"):
        s = st(stream[0])
        # TLS 1.3 resumption: the ServerHello accepts a pre_shared_key (41)
        s["psk"] = "41" in ext
        s["suite"] = SUITES.get(int(suite[0], 0), suite[0])
        s["version"] = VERSIONS.get(int((sv or ver)[0], 0), (sv or ver)[0])
        s["sh_session_id"] = sid[0] if sid else ""
    for stream, sid, types, lens in tshark_fields(
            path, "tls.handshake.type == 1", "tcp.stream", "tls.handshake.session_id",
            "tls.handshake.extension.type", "tls.handshake.extension.len"):
        s = st(stream[0])
        s["ch_session_id"] = sid[0] if sid else ""
        s["ch_ticket_len"] = sum(int(n) for t, n in zip(types, lens) if int(t) == 35)
    for (stream,) in tshark_fields(path, "tls.resumed", "tcp.stream"):
        st(stream[0])["resumed"] = True
    return hs


# ------------------------------------------------------------------ WebSocket frames
def parse_frames(data):
    """[(fin, rsv, opcode, payload unmasked)] from a byte string of whole frames."""
    frames, i = [], 0
    while i < len(data):
        if len(data) - i < 2:
            raise ValueError(f"truncated frame header at {i}")
        b0, b1 = data[i], data[i + 1]
        n, i = b1 & 0x7F, i + 2
        if n == 126:
            n, i = int.from_bytes(data[i:i + 2], "big"), i + 2
        elif n == 127:
            n, i = int.from_bytes(data[i:i + 8], "big"), i + 8
        key = None
        if b1 & 0x80:
            key, i = data[i:i + 4], i + 4
        payload = data[i:i + n]
        if len(payload) != n:
            raise ValueError(f"truncated payload at {i}")
        i += n
        if key:
            payload = bytes(c ^ key[j % 4] for j, c in enumerate(payload))
        frames.append((bool(b0 & 0x80), (b0 >> 4) & 7, b0 & 0xF, payload))
    return frames


def messages(frames, no_context_takeover):
    """[(opcode, payload, frames)] with fragments joined and permessage-deflate undone."""
    out, current, inflater = [], None, zlib.decompressobj(-15)
    for fin, rsv, opcode, payload in frames:
        if opcode >= 8:
            out.append((opcode, payload, 1, False))
            continue
        if opcode != 0:
            current = [opcode, bytearray(), 0, bool(rsv & 4)]
        current[1] += payload
        current[2] += 1
        if fin:
            op, data, n, compressed = current
            if compressed:
                if no_context_takeover:
                    inflater = zlib.decompressobj(-15)
                data = inflater.decompress(bytes(data) + b"\x00\x00\xff\xff")
            out.append((op, bytes(data), n, compressed))
            current = None
    return out


def websocket_streams(path, tls_streams):
    """For each TCP stream whose decrypted bytes hold a WebSocket upgrade, in order:
    (stream, client messages, server messages, number of frames, RSV1 seen)."""
    found = []
    for s in tls_streams:
        nodes, data = follow_data("tshark", path, extra_args(path), s, "tls")
        sides = [bytes(data[0]), bytes(data[1])]
        if not any(d.startswith(b"GET ") for d in sides):
            continue
        c = 0 if sides[0].startswith(b"GET ") else 1
        request, response = sides[c], sides[1 - c]
        if not response.startswith(b"HTTP/1.1 101"):
            continue
        req_head, req_body = request.split(b"\r\n\r\n", 1)
        resp_head, resp_body = response.split(b"\r\n\r\n", 1)
        ext = [h for h in resp_head.lower().split(b"\r\n") if h.startswith(b"sec-websocket-extensions:")]
        ext = ext[0] if ext else b""
        cframes, sframes = parse_frames(req_body), parse_frames(resp_body)
        found.append({
            "stream": s,
            "client": messages(cframes, b"client_no_context_takeover" in ext),
            "server": messages(sframes, b"server_no_context_takeover" in ext),
            "frames": len(cframes) + len(sframes),
            "rsv1": any(f[1] & 4 for f in cframes + sframes),
            "deflate": b"permessage-deflate" in ext,
        })
    return found


def expected(entry):
    """(opcode, payload) of an expect.json entry; a payload given by length and
    sha256 comes back as that pair, for same() to compare."""
    if entry["opcode"] == 8:
        return (8, entry["close_code"].to_bytes(2, "big") + entry["close_reason"].encode())
    if "text" in entry:
        return (entry["opcode"], entry["text"].encode())
    if "sha256" in entry:
        return (entry["opcode"], (entry["length"], entry["sha256"]))
    return (entry["opcode"], base64.b64decode(entry["base64"]))


def same(want, got):
    if isinstance(want[1], tuple):
        return want[0] == got[0] and want[1] == (len(got[1]), hashlib.sha256(got[1]).hexdigest())
    return want == got[:2]


def short(b):
    return repr(b if len(b) <= 40 else b[:40] + b"...")


# ------------------------------------------------------------------ checks
files = sorted(f for f in os.listdir(D) if f.startswith("wss-") and f.endswith((".pcap", ".pcapng")))
for f in sorted(set(SAMPLES) - set(files)):
    problems.append(f"missing TLS capture {f}")
for f in sorted(set(files) - set(SAMPLES)):
    problems.append(f"unexpected TLS capture {f} (add it to verify_tls.py)")

summary = []
for f in [f for f in files if f in SAMPLES]:
    version, suite, deflate, resumption = SAMPLES[f]
    size = os.path.getsize(p(f))
    if size >= MAX_BYTES:
        problems.append(f"{f}: {size} bytes, not under {MAX_BYTES}")
    wants = [".expect.json", ".frames.tsv", ".follow.tsv", ".follow-tls.tsv"]
    if f in EMBEDDED:
        if os.path.exists(p(stem(f) + ".keys")):
            problems.append(f"{f}: carries its secrets, so it must have no .keys beside it")
    else:
        wants.append(".keys")
    missing = [w for w in wants if not os.path.exists(p(stem(f) + w))]
    if missing:
        problems.append(f"{f}: missing {missing}")
        continue
    expect = json.loads(read(p(stem(f) + ".expect.json")))

    hs = handshakes(p(f))
    tls_streams = sorted(hs)
    ws = websocket_streams(p(f), tls_streams)
    if len(ws) != len(expect["connections"]):
        problems.append(f"{f}: {len(ws)} WebSocket connections decrypted, expect.json has "
                        f"{len(expect['connections'])}")
    for i, (w, conn) in enumerate(zip(ws, expect["connections"])):
        h = hs[w["stream"]]
        where = f"{f}: stream {w['stream']}"
        if h.get("version") != version:
            problems.append(f"{where}: tshark says {h.get('version')}, expected {version}")
        if suite and h.get("suite") != suite:
            problems.append(f"{where}: tshark says {h.get('suite')}, expected {suite}")
        seen = conn.get("tls")
        if seen and (seen["version"], seen["cipher"]) != (h.get("version"), h.get("suite")):
            problems.append(f"{where}: the program saw {seen}, tshark {h.get('version')} {h.get('suite')}")
        if seen and seen["resumed"] != h["resumed"]:
            problems.append(f"{where}: the program saw resumed={seen['resumed']}, tshark {h['resumed']}")
        if w["deflate"] != deflate or w["rsv1"] != deflate or bool(expect["permessage_deflate"]) != deflate:
            problems.append(f"{where}: permessage-deflate negotiated={w['deflate']}, RSV1 frames="
                            f"{w['rsv1']}, expect.json {expect['permessage_deflate']}; expected {deflate}")
        nframes = 0
        for side in ("client", "server"):
            want = [e for e in conn["messages"] if e["from"] == side]
            got = w[side]
            nframes += sum(e.get("frames", 1) for e in want)
            if len(got) != len(want):
                problems.append(f"{where}: {side} sent {len(got)} messages, expect.json lists {len(want)}")
            for k, (e, g) in enumerate(zip(want, got)):
                if not same(expected(e), g) or e.get("frames", 1) != g[2]:
                    problems.append(f"{where}: {side} message {k}: decrypted {g[0]} {short(g[1])} in "
                                    f"{g[2]} frame(s), expected {expected(e)[0]} {short(expected(e)[1])} "
                                    f"in {e.get('frames', 1)}")
        if nframes != w["frames"]:
            problems.append(f"{where}: {w['frames']} frames decrypted, expect.json counts {nframes}")

    # resumption: only the resume samples, only their second connection
    for s in tls_streams:
        h = hs[s]
        full = 11 in h["types"]
        second = resumption in ("session-id", "ticket") and len(ws) > 1 and s == ws[1]["stream"]
        if second:
            if full or not h["resumed"]:
                problems.append(f"{f}: stream {s}: expected an abbreviated (resumed) handshake, "
                                f"handshake types {h['types']}, tshark resumed={h['resumed']}")
            first = hs[ws[0]["stream"]]
            if resumption == "session-id":
                if not (h["ch_session_id"] and h["ch_session_id"] == first["sh_session_id"]
                        == h["sh_session_id"] and h["ch_ticket_len"] == 0 and 4 not in first["types"]):
                    problems.append(f"{f}: stream {s}: not a session-ID resumption: {h}, first {first}")
            elif resumption == "ticket":
                if not (h["ch_ticket_len"] > 0 and 4 in first["types"]):
                    problems.append(f"{f}: stream {s}: no ticket offered or none issued: {h}, first {first}")
        elif h["resumed"] or not full or (h["psk"] and resumption != "psk allowed"):
            if not (h["psk"] and resumption == "psk allowed"):
                problems.append(f"{f}: stream {s}: unexpected resumption {h}")

    rows = read(p(stem(f) + ".frames.tsv")).splitlines()[1:]
    tshark_frames = sum(len(r.split("\t")[2].split(";")) for r in rows)
    decrypted = sum(w["frames"] for w in ws)
    if not rows or tshark_frames != decrypted:
        problems.append(f"{f}: frames.tsv lists {tshark_frames} frames, the decrypted streams hold {decrypted}")
    if f in EMBEDDED:
        src = EMBEDDED[f]
        for o in (".frames.tsv", ".follow-tls.tsv", ".follow.tsv"):
            if read(p(stem(f) + o)) != read(p(stem(src) + o)):
                problems.append(f"{f}: {o} differs from {src}'s")
    versions = sorted({hs[w["stream"]].get("version") for w in ws})
    suites = sorted({hs[w["stream"]].get("suite") for w in ws})
    resumed = "no"
    if any(hs[w["stream"]]["resumed"] for w in ws):
        resumed = resumption
    elif any(hs[w["stream"]]["psk"] for w in ws):
        resumed = "psk"
    summary.append((f, size, ",".join(versions), ",".join(suites), resumed,
                    "yes" if deflate else "no", tshark_frames, len(tls_streams), len(ws)))

total = sum(os.path.getsize(p(f)) for f in os.listdir(D) if f.startswith("wss-"))
if total > TOTAL_BYTES:
    problems.append(f"the wss-* files take {total} bytes, over {TOTAL_BYTES}")

print(f"{'capture':42} {'bytes':>6} {'version':8} {'suite':30} {'resumed':10} {'deflate':7} "
      f"{'wsframes':>8} {'tls streams':>11} {'ws':>2}")
for s in summary:
    print(f"{s[0]:42} {s[1]:>6} {s[2]:8} {s[3]:30} {s[4]:10} {s[5]:7} {s[6]:>8} {s[7]:>11} {s[8]:>2}")
print(f"wss-* total: {total} bytes")
for pr in problems:
    print("PROBLEM:", pr, file=sys.stderr)
print("all TLS checks passed" if not problems else f"{len(problems)} problem(s)")
sys.exit(1 if problems else 0)
