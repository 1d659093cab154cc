#!/usr/bin/env python3
"""Writes a capture of tiny WebSocket frames, the TUI's worst case per byte
(many rows, little payload): one connection on 127.0.0.1, the opening
handshake, then packets of one short frame each, masked client frames and
unmasked server answers in turn (RFC 6455 §5.1), ACKed as they go.

    bench/tiny_frames.py OUT.pcap MEGABYTES

Synthetic (no server needed), so it is quick to make at any size; the
traffic is valid for tshark and wsdissect alike.
"""
import struct
import sys

out, mb = sys.argv[1], int(sys.argv[2])
C, S = (b"\x7f\x00\x00\x01", 50000), (b"\x7f\x00\x00\x01", 80)
seq = {True: 1000, False: 5000}
t = [1_700_000_000 * 1_000_000]
f = open(out, "wb")
f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))  # Ethernet


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xFFFF)
    return ~(s + (s >> 16)) & 0xFFFF


def packet(from_client, flags, payload=b""):
    src, dst = (C, S) if from_client else (S, C)
    s, a = seq[from_client], seq[not from_client]
    tcp = struct.pack("!HHIIBBHHH", src[1], dst[1], s, a, 5 << 4, flags, 65535, 0, 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0x4000, 64, 6, 0, src[0], dst[0])
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    frame = b"\0" * 12 + b"\x08\x00" + ip + tcp
    t[0] += 37
    f.write(struct.pack("<IIII", t[0] // 1_000_000, t[0] % 1_000_000, len(frame), len(frame)))
    f.write(frame)
    seq[from_client] = (s + len(payload) + (1 if flags & 0x03 else 0)) & 0xFFFFFFFF


SYN, ACK, PSH, FIN = 0x02, 0x10, 0x08, 0x01
packet(True, SYN)
packet(False, SYN | ACK)
packet(True, ACK)
packet(True, PSH | ACK, b"GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
       b"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
       b"Sec-WebSocket-Version: 13\r\n\r\n")
packet(False, PSH | ACK, b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
       b"Connection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n")
key = b"\x37\xfa\x21\x3d"
i = 0
while f.tell() < mb * 1_000_000:
    text = b"tick %d" % i
    if i % 2 == 0:
        masked = bytes(c ^ key[k % 4] for k, c in enumerate(text))
        packet(True, PSH | ACK, bytes([0x81, 0x80 | len(text)]) + key + masked)
    else:
        packet(False, PSH | ACK, bytes([0x81, len(text)]) + text)
    i += 1
packet(True, FIN | ACK)
packet(False, FIN | ACK)
packet(True, ACK)
f.close()
