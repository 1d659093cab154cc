#!/bin/sh
# Seeds the fuzz corpora (fuzz/corpus/<target>/, git-ignored) from samples/:
# whole captures and their prefixes for the capture reader and the pipeline
# targets, HTTP heads, WebSocket frames and compressed messages cut out of
# the samples for the parser targets, and the samples' TCP streams rewritten
# in pipeline_tcp's segment format. Needs python3 (standard library only).
#
#   fuzz/seed.sh            # from the repository root or from fuzz/
set -eu
cd "$(dirname "$0")"
exec python3 - <<'PY'
import glob, os, struct, zlib, hashlib

SAMPLES = sorted(glob.glob("../samples/*.pcap") + glob.glob("../samples/*.pcapng"))
LINK_TYPES = [101, 1, 0, 108, 113, 276, 228, 229, 12, 14, 147]
counts = {}

def save(target, data):
    d = os.path.join("corpus", target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)
    counts[target] = counts.get(target, 0) + 1

# ---- capture files -------------------------------------------------------

def pcap_packets(b):
    magic = b[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        return None
    link = struct.unpack(e + "I", b[20:24])[0]
    out, off = [], 24
    while off + 16 <= len(b):
        _, _, caplen, _ = struct.unpack(e + "IIII", b[off:off + 16])
        out.append((link, b[off + 16:off + 16 + caplen]))
        off += 16 + caplen
    return e, link, out

def pcapng_packets(b):
    out, links, off, e = [], [], 0, "<"
    while off + 12 <= len(b):
        btype = struct.unpack("<I", b[off:off + 4])[0]
        if btype == 0x0A0D0D0A:
            e = "<" if b[off + 8:off + 12] == b"\x4d\x3c\x2b\x1a" else ">"
            links = []
        blen = struct.unpack(e + "I", b[off + 4:off + 8])[0]
        if blen < 12:
            break
        body = b[off + 8:off + blen - 4]
        btype = struct.unpack(e + "I", b[off:off + 4])[0]
        if btype == 1:
            links.append(struct.unpack(e + "H", body[:2])[0])
        elif btype == 6:
            ifid, _, _, caplen, _ = struct.unpack(e + "IIIII", body[:20])
            out.append((links[ifid] if ifid < len(links) else 1, body[20:20 + caplen]))
        elif btype == 3:
            out.append((links[0] if links else 1, body[4:]))
        off += blen
    return e, (links[0] if links else 1), out

def ip_of(link, p):
    if link == 1:
        et, off = struct.unpack(">H", p[12:14])[0], 14
        while et == 0x8100:
            et, off = struct.unpack(">H", p[off + 2:off + 4])[0], off + 4
        return p[off:]
    if link in (0, 108):
        return p[4:]
    if link in (101, 12, 14, 228, 229):
        return p
    if link == 113:
        return p[16:]
    if link == 276:
        return p[20:]
    return None

def tcp_of(ip):
    if not ip:
        return None
    v = ip[0] >> 4
    if v == 4:
        ihl = (ip[0] & 15) * 4
        if ip[9] != 6:
            return None
        total = struct.unpack(">H", ip[2:4])[0]
        src, dst, t = ip[12:16], ip[16:20], ip[ihl:total]
    elif v == 6:
        if ip[6] != 6:
            return None
        src, dst, t = ip[8:24], ip[24:40], ip[40:]
    else:
        return None
    sport, dport, seq = struct.unpack(">HHI", t[:8])
    doff = (t[12] >> 4) * 4
    flags = t[13]
    return (src, sport), (dst, dport), seq, flags, t[doff:]

def streams_of(packets):
    """Per connection: [(from_server, flags, payload)] in capture order."""
    conns, order = {}, []
    for link, p in packets:
        ip = ip_of(link, p)
        seg = tcp_of(ip) if ip is not None else None
        if seg is None:
            continue
        a, b, seq, flags, payload = seg
        key = tuple(sorted([a, b]))
        if key not in conns:
            syn_ack = flags & 0x12 == 0x12
            client = b if syn_ack else a
            conns[key] = {"client": client, "segs": []}
            order.append(key)
        c = conns[key]
        c["segs"].append((a != c["client"], flags, payload))
    return [conns[k]["segs"] for k in order]

def ws_frames(data):
    """Complete frames (header+payload bytes, header dict) from a byte stream."""
    out, p = [], 0
    while p + 2 <= len(data):
        b0, b1 = data[p], data[p + 1]
        n, hl = b1 & 127, 2
        if n == 126:
            if p + 4 > len(data):
                break
            n, hl = struct.unpack(">H", data[p + 2:p + 4])[0], 4
        elif n == 127:
            if p + 10 > len(data):
                break
            n, hl = struct.unpack(">Q", data[p + 2:p + 10])[0], 10
        key = None
        if b1 & 128:
            key, hl = data[p + hl:p + hl + 4], hl + 4
        end = p + hl + n
        if end > len(data):
            break
        payload = bytearray(data[p + hl:end])
        if key:
            for i in range(len(payload)):
                payload[i] ^= key[i % 4]
        out.append((data[p:end], b0, bytes(payload)))
        p = end
    return out

def head_split(data):
    i = data.find(b"\r\n\r\n")
    return (data[:i + 4], data[i + 4:]) if i >= 0 else (None, data)

# ---- per-target seeds ----------------------------------------------------

for path in SAMPLES:
    b = open(path, "rb").read()
    name = os.path.basename(path)
    is_ng = path.endswith(".pcapng")
    parsed = pcapng_packets(b) if is_ng else pcap_packets(b)
    if parsed is None:
        continue
    endian, link, packets = parsed

    # capture_reader: small files whole, large ones as 8 KiB prefixes.
    save("capture_reader", b if len(b) <= 16384 else b[:8192])
    if len(b) > 16384:
        save("capture_reader", b[:2048])

    li = LINK_TYPES.index(link) if link in LINK_TYPES else 0
    if is_ng:
        # Our SHB+IDB, then the whole sample (its SHB opens a new section).
        save("pipeline_pcapng", bytes([li, 0, 0]) + b[:16384])
        save("pipeline_pcapng", bytes([li, 6, 24]) + b[:16384])
    else:
        variant = (1 if endian == ">" else 0) | (2 if b[:4] in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d") else 0)
        save("pipeline_pcap", bytes([li, variant, 0]) + b[24:16384])
        save("pipeline_pcap", bytes([li, variant, 25]) + b[24:16384])
        if name.startswith("wss-"):
            # With the samples' key logs (options bit 5): decrypted.
            save("pipeline_pcap", bytes([li, variant, 32]) + b[24:16384])
            save("pipeline_pcap", bytes([li, variant, 49]) + b[24:16384])

    streams = streams_of(packets)
    # pipeline_tcp: the first two connections, segment by segment.
    ops = bytearray([0, 0])
    ids = []
    for si, segs in enumerate(streams[:2]):
        ids.extend((si, s) for s in segs)
    # Keep capture order within each connection; connections one after the other.
    for conn, (from_server, flags, payload) in ids:
        f = conn | (2 if from_server else 0)
        if flags & 0x02:
            f |= 4
        if flags & 0x01:
            f |= 8
        if flags & 0x04:
            f |= 16
        chunks = [payload[i:i + 255] for i in range(0, len(payload), 255)] or [b""]
        for ci, ch in enumerate(chunks):
            ff = f if ci == len(chunks) - 1 else f & ~8
            if ci > 0:
                ff &= ~4
            ops += bytes([ff, len(ch)]) + ch
        if len(ops) > 12000:
            break
    save("pipeline_tcp", bytes(ops))
    ops[0] = 24
    save("pipeline_tcp", bytes(ops))

    # Parser targets: heads, frames, compressed messages.
    for segs in streams:
        for side in (False, True):
            data = b"".join(p for s, _, p in segs if s == side)
            head, rest = head_split(data)
            if head is None:
                frames = ws_frames(data)
            else:
                save("http", bytes([len(head) // 2 % 256]) + head)
                save("http", bytes([7]) + head)
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"sec-websocket-extensions:"):
                        v = line.split(b":", 1)[1].strip()
                        save("http", b"\x00" + v)
                        save("deflate", b"\x02\x00\x00" + v)
                frames = ws_frames(rest)
            msgs = []
            for raw, b0, payload in frames[:40]:
                save("frame", raw[:140])
                if b0 & 0x0f == 8:
                    save("frame", payload)
                if b0 & 0x40 and b0 & 0x0f in (1, 2):
                    msgs.append(payload)
                    save("deflate", b"\x00\x40\x00" + payload)
                    save("deflate", b"\x01\x00\x20" + payload)
            if len(msgs) > 1:
                save("deflate", b"\x00\x40\x00" + b"\xff\x00\xff".join(msgs[:8]))

# Hand-made seeds.
save("http", b"\x05" + b"5\r\nhello\r\n0\r\nX-Trailer: 1\r\n\r\n")
save("http", b"\x03" + b"a;ext=1\n0123456789\n0\n\n")
save("http", b"\x00" + b"permessage-deflate; client_max_window_bits; server_max_window_bits=10, x-webkit-deflate-frame")
save("http", b"\x10" + b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n")
save("http", b"\x10" + b"GET / HTTP/1.1\nHost: a\n folded\n\tvalue\n\n")
save("deflate", b"\x02\x00\x00" + b"permessage-deflate; server_no_context_takeover; client_max_window_bits=\"12\"")
c = zlib.compressobj(9, zlib.DEFLATED, -15)
msgs = [c.compress(m) + c.flush(zlib.Z_SYNC_FLUSH) for m in (b"Hello", b"Hello", b"x" * 3000)]
save("deflate", b"\x00\x40\x00" + b"\xff\x00\xff".join(m[:-4] for m in msgs))
save("deflate", b"\x00\x00\x10" + msgs[2][:-4])
save("frame", bytes([0x88, 0x82, 1, 2, 3, 4, 0x03 ^ 1, 0xe8 ^ 2]))
save("frame", bytes([0x82, 0x7f, 0x80, 0, 0, 0, 0, 0, 0, 0]))

# pipeline_tcp: a handshake with permessage-deflate, then frames.
def op(conn, server, data, flags=0):
    out = b""
    for i in range(0, max(len(data), 1), 255):
        ch = data[i:i + 255]
        out += bytes([conn | (2 if server else 0) | flags, len(ch)]) + ch
    return out

def frame(op_, payload, mask, rsv1=False, fin=True):
    b0 = (0x80 if fin else 0) | (0x40 if rsv1 else 0) | op_
    n = len(payload)
    h = bytes([b0])
    m = 0x80 if mask else 0
    if n < 126:
        h += bytes([m | n])
    elif n < 65536:
        h += bytes([m | 126]) + struct.pack(">H", n)
    else:
        h += bytes([m | 127]) + struct.pack(">Q", n)
    if mask:
        k = b"\x37\xfa\x21\x3d"
        return h + k + bytes(p ^ k[i % 4] for i, p in enumerate(payload))
    return h + payload

for prelude, nct in ((0x07, False), (0x0f, True), (0x17, False)):
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    s = zlib.compressobj(6, zlib.DEFLATED, -15)
    body = b""
    for i in range(4):
        t = (b"message %d " % i) * 5
        cc = c.compress(t) + c.flush(zlib.Z_SYNC_FLUSH)
        sc = s.compress(t) + s.flush(zlib.Z_SYNC_FLUSH)
        if nct:
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            s = zlib.compressobj(6, zlib.DEFLATED, -15)
        body += op(0, False, frame(1, cc[:-4], True, rsv1=True))
        body += op(0, True, frame(1, sc[:-4], False, rsv1=True))
    body += op(0, False, frame(1, b"frag", True, fin=False))
    body += op(0, False, frame(9, b"ping", True))
    body += op(0, False, frame(0, b"mented", True))
    body += op(0, True, frame(10, b"ping", False))
    body += op(0, False, frame(8, b"\x03\xe8bye", True))
    body += op(0, True, frame(8, b"\x03\xe8", False))
    body += op(0, False, b"", 8) + op(0, True, b"", 8)
    save("pipeline_tcp", bytes([0, prelude]) + body)
    save("pipeline_tcp", bytes([24, prelude]) + body)

# ---- tls: [suite][op len payload]... (fuzz_targets/tls.rs) ------------------
# op bit 0: from the server; (op >> 1) % 4: 0 raw bytes, 1-2 a record sealed
# with the right keys (payload[0]: content type 20 + t % 5 and where to split
# the record), 3 a gap of len + 1 bytes.

def tls_op(kind, server, payload):
    return bytes([(kind << 1) | server, len(payload)]) + payload

for suite in range(6):
    tls13 = suite in (1, 2, 3)
    hs = 2  # handshake content type: 20 + 2
    app = 3  # application_data: 20 + 3
    body = b""
    if tls13:
        # EncryptedExtensions, then Finished, each sealed under handshake keys.
        body += tls_op(1, 1, bytes([hs]) + b"\x08\x00\x00\x02\x00\x00")
        body += tls_op(1, 1, bytes([hs + 5]) + b"\x14\x00\x00\x20" + bytes(32))
        body += tls_op(1, 0, bytes([hs]) + b"\x14\x00\x00\x20" + bytes(32))
    else:
        body += tls_op(1, 0, bytes([hs]) + b"\x14\x00\x00\x0c" + bytes(12))
        body += tls_op(1, 1, bytes([hs]) + b"\x14\x00\x00\x0c" + bytes(12))
    body += tls_op(1, 0, bytes([app]) + b"GET /chat HTTP/1.1\r\nUpgrade: websocket\r\n\r\n")
    body += tls_op(2, 1, bytes([app + 40]) + b"HTTP/1.1 101 Switching Protocols\r\n\r\n")
    body += tls_op(1, 0, bytes([app]) + b"\x81\x85\x01\x02\x03\x04" + bytes(b ^ k for b, k in zip(b"hello", b"\x01\x02\x03\x04\x01")))
    body += tls_op(3, 0, b"\x00" * 20)
    body += tls_op(1, 0, bytes([app]) + b"\x81\x02hi")
    body += tls_op(0, 1, b"\x17\x03\x03\x00\x20" + bytes(32))
    body += tls_op(1, 1, bytes([1]) + b"\x01\x00")  # alert: warning close_notify
    save("tls", bytes([suite]) + body)
    if tls13:
        # KeyUpdate (24) from the client, then data under the next secret.
        save("tls", bytes([suite]) + tls_op(1, 0, bytes([hs]) + b"\x18\x00\x00\x01\x01") + tls_op(1, 0, bytes([app]) + b"after"))

for t in sorted(counts):
    print(f"corpus/{t}: {counts[t]} seeds")
PY
