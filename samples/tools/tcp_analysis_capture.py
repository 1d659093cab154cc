#!/usr/bin/env python3
"""Write a small crafted capture in which tshark finds every TCP analysis flag.

Real loopback captures almost never lose, reorder or stall segments, so the
samples exercise few of Wireshark's TCP analysis flags. This capture is made
segment by segment (IPv4/TCP on Ethernet, correct checksums) so that tshark 4.0
marks each of: retransmission, fast_retransmission, spurious_retransmission,
out_of_order, lost_segment, ack_lost_segment, duplicate_ack, zero_window,
zero_window_probe, window_full, window_update, keep_alive; and the three window
scale cases: a handshake with window scaling (factor 128), one without (-2) and
a connection whose handshake is not in the capture (-1). A last connection
carries HTTP bodies over several segments (Content-Length, chunked, gzip), which
tshark lists at the packet that completes each message.

    python3 samples/tools/tcp_analysis_capture.py tests/oracles/tcp/crafted/tcp-analysis.pcap
    python3 samples/tools/write_oracles.py --only tcp,http tests/oracles/tcp/crafted/tcp-analysis.pcap

tests/tcp_agreement.rs compares wsdissect with the oracle written beside it.
"""
import struct
import sys
import zlib

CLIENT = bytes([10, 0, 0, 1])
SERVER = bytes([10, 0, 0, 2])
FIN, SYN, RST, PSH, ACK = 1, 2, 4, 8, 16


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def packet(src, dst, sport, dport, seq, ack, flags, win, payload=b"", opts=b""):
    while len(opts) % 4:
        opts += b"\1"
    off = (20 + len(opts)) // 4
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF,
                      off << 4, flags, win, 0, 0) + opts + payload
    pseudo = src + dst + struct.pack("!BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", csum(pseudo + tcp)) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0x4000, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    eth = b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01" + b"\x08\x00"
    return eth + ip + tcp


MSS = b"\x02\x04\x05\xb4"
SACK_PERM = b"\x04\x02"


def ws(shift):
    return b"\x01\x03\x03" + bytes([shift])


class Conn:
    def __init__(self, out, sport, cisn, sisn):
        self.out, self.sport = out, sport
        self.c, self.s = cisn, sisn  # next sequence numbers

    def c2s(self, t, flags, seq=None, ack=None, n=0, win=502, opts=b""):
        seq = self.c if seq is None else seq
        ack = self.s if ack is None else ack
        self.out.append((t, packet(CLIENT, SERVER, self.sport, 8080, seq, ack, flags, win,
                                   b"c" * n, opts)))

    def s2c(self, t, flags, seq=None, ack=None, n=0, win=502, opts=b""):
        seq = self.s if seq is None else seq
        ack = self.c if ack is None else ack
        self.out.append((t, packet(SERVER, CLIENT, 8080, self.sport, seq, ack, flags, win,
                                   b"s" * n, opts)))


def main(path):
    out = []
    # A: no window scaling (-2). Retransmission, spurious, lost segment,
    # duplicate ACKs, fast retransmission, out-of-order, ACKed unseen segment.
    a = Conn(out, 40001, 1000, 9000)
    a.c2s(1.000, SYN, ack=0, win=64240, opts=MSS + SACK_PERM)
    a.c += 1
    a.s2c(1.001, SYN | ACK, win=65160, opts=MSS + SACK_PERM)
    a.s += 1
    a.c2s(1.002, ACK)                                   # initial RTT 2 ms
    a.c2s(1.010, PSH | ACK, n=100)                      # 1..101
    a.c2s(1.0101, PSH | ACK, seq=a.c + 100, n=100)      # 101..201
    a.s2c(1.020, ACK, ack=a.c + 100)                    # ACK 101
    a.c2s(1.300, PSH | ACK, seq=a.c + 100, n=100)       # retransmission of 101..201
    a.s2c(1.310, ACK, ack=a.c + 200)                    # ACK 201
    a.c2s(1.400, PSH | ACK, seq=a.c, n=100)             # spurious: 1..101 was acked
    a.c2s(1.500, PSH | ACK, seq=a.c + 300, n=100)       # 301..401: lost segment (201..301)
    a.s2c(1.501, ACK, ack=a.c + 200)                    # dup ACK 201 #1
    a.s2c(1.502, ACK, ack=a.c + 200)                    # dup ACK 201 #2
    a.c2s(1.505, PSH | ACK, seq=a.c + 200, n=100)       # fast retransmission of 201..301
    a.s2c(1.510, ACK, ack=a.c + 400)                    # ACK 401
    a.c2s(1.600, PSH | ACK, seq=a.c + 500, n=100)       # 501..601: lost segment
    a.c2s(1.6005, PSH | ACK, seq=a.c + 400, n=100)      # 401..501 within the RTT: out-of-order
    a.s2c(1.610, ACK, ack=a.c + 600)                    # ACK 601
    a.s2c(1.700, ACK, ack=a.c + 800)                    # ACKs 801, never sent: ACKed unseen
    a.c += 800
    a.c2s(1.800, FIN | ACK)
    a.c += 1
    a.s2c(1.801, FIN | ACK)
    a.s += 1
    a.c2s(1.802, ACK)

    # B: window scaling, shift 7 both ways (factor 128). Window full, zero
    # window, zero-window probe, window update, keep-alive.
    b = Conn(out, 40002, 5000, 70000)
    b.c2s(2.000, SYN, ack=0, win=64240, opts=MSS + SACK_PERM + ws(7))
    b.c += 1
    b.s2c(2.001, SYN | ACK, win=65160, opts=MSS + SACK_PERM + ws(7))
    b.s += 1
    b.c2s(2.002, ACK)
    b.c2s(2.010, PSH | ACK, n=10)
    b.c += 10
    b.s2c(2.020, ACK, win=1)                            # window 1 << 7 = 128 bytes
    b.c2s(2.030, PSH | ACK, n=128)                      # fills it: window full
    b.c += 128
    b.s2c(2.040, ACK, win=0)                            # zero window
    b.c2s(2.240, PSH | ACK, n=1)                        # zero-window probe
    b.s2c(2.241, ACK, win=0)                            # zero window again (probe's ACK)
    b.s2c(2.300, ACK, win=100)                          # window update
    b.c2s(2.310, PSH | ACK, n=50)
    b.c += 50
    b.s2c(2.320, ACK, win=100)
    b.c2s(9.000, ACK, seq=b.c - 1)                      # keep-alive
    b.s2c(9.001, ACK, win=100)                          # its ACK
    b.c2s(9.100, FIN | ACK)
    b.c += 1
    b.s2c(9.101, FIN | ACK, win=100)
    b.s += 1
    b.c2s(9.102, ACK)

    # C: the handshake is not in the capture: the scale is unknown (-1).
    c = Conn(out, 40003, 123456, 654321)
    c.c2s(10.000, PSH | ACK, n=20)
    c.c += 20
    c.s2c(10.001, PSH | ACK, n=30, win=300)
    c.s += 30
    c.c2s(10.002, ACK, win=400)

    # D: data filling the window of the SYN-ACK before the server sent any
    # other packet: SYN windows are never scaled (RFC 7323 §2.2), so 100
    # bytes fill it (Wireshark's is_first_ack rule, issue 14690).
    d = Conn(out, 40004, 300, 800)
    d.c2s(11.000, SYN, ack=0, win=64240, opts=MSS + SACK_PERM + ws(7))
    d.c += 1
    d.s2c(11.001, SYN | ACK, win=100, opts=MSS + SACK_PERM + ws(7))
    d.s += 1
    d.c2s(11.002, ACK)
    d.c2s(11.003, PSH | ACK, n=100)
    d.c += 100
    d.s2c(11.004, ACK, win=100)

    # E: HTTP bodies over several segments, where tshark lists each message
    # at the packet that completes it: a POST with a Content-Length body, a
    # chunked gzip response, a gzip Content-Length response.
    e = Conn(out, 40005, 2000, 6000)
    e.c2s(12.000, SYN, ack=0, win=64240, opts=MSS + SACK_PERM)
    e.c += 1
    e.s2c(12.001, SYN | ACK, win=65160, opts=MSS + SACK_PERM)
    e.s += 1
    e.c2s(12.002, ACK)
    t = 12.010

    def send(from_client, data):
        nonlocal t
        t += 0.001
        if from_client:
            e.out.append((t, packet(CLIENT, SERVER, e.sport, 8080, e.c, e.s, PSH | ACK, 502,
                                    data)))
            e.c += len(data)
        else:
            e.out.append((t, packet(SERVER, CLIENT, 8080, e.sport, e.s, e.c, PSH | ACK, 502,
                                    data)))
            e.s += len(data)

    form = b"name=Ada+Lovelace&course=networks"
    send(True, b"POST /form HTTP/1.1\r\nHost: 10.0.0.2:8080\r\n"
         b"Content-Type: application/x-www-form-urlencoded\r\n"
         b"Content-Length: %d\r\n\r\n" % len(form) + form[:10])
    send(True, form[10:])
    send(False, b"HTTP/1.1 204 No Content\r\n\r\n")
    send(True, b"GET /api HTTP/1.1\r\nHost: 10.0.0.2:8080\r\nAccept-Encoding: gzip\r\n\r\n")
    doc = b'{"messages": ["hei", "maailma"], "count": 2}' * 20
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    gz = z.compress(doc) + z.flush()
    half = len(gz) // 2
    send(False, b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
         b"Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
         + b"%x\r\n" % half + gz[:half] + b"\r\n")
    send(False, b"%x\r\n" % (len(gz) - half) + gz[half:] + b"\r\n")
    send(False, b"0\r\n\r\n")
    send(True, b"GET /page HTTP/1.1\r\nHost: 10.0.0.2:8080\r\n\r\n")
    page = b"<!doctype html><title>x</title><p>" + b"hello " * 200 + b"</p>"
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    gz = z.compress(page) + z.flush()
    send(False, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
         b"Content-Length: %d\r\n\r\n" % len(gz) + gz[:20])
    send(False, gz[20:])

    out.sort(key=lambda p: p[0])
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for t, data in out:
            sec = int(t)
            usec = round((t - sec) * 1_000_000)
            f.write(struct.pack("<IIII", sec, usec, len(data), len(data)))
            f.write(data)


if __name__ == "__main__":
    main(sys.argv[1])
