#!/usr/bin/env python3
"""Rewrite the link layer (or the file header) of a classic pcap file.

A Linux box captures loopback traffic as Ethernet (DLT_EN10MB) with zero MAC
addresses, or as Linux cooked headers on "any". It cannot produce the link
types that other systems write (BSD/macOS loopback DLT_NULL and DLT_LOOP, raw IP
from tunnel interfaces, ...). This tool takes a real Ethernet capture, strips the
14-byte Ethernet header of every packet and puts the requested link-layer header
in its place, leaving the IP packet and the timestamps untouched, so the
WebSocket content, the frame numbers and the TCP streams stay identical.

Usage: relink.py MODE IN.pcap OUT.pcap

MODE   writes
null   DLT_NULL (0): 4-byte address family in little-endian (the byte order of
       the capturing host, as a macOS/BSD x86 or arm box writes it);
       AF_INET = 2, AF_INET6 = 30 (macOS value)
loop   DLT_LOOP (108): the same 4-byte family, always big-endian
raw    LINKTYPE_RAW (101): bare IPv4/IPv6 packet
raw12  link type 12 (DLT_RAW on most BSDs), bare IP packet
raw14  link type 14 (DLT_RAW on OpenBSD), bare IP packet
ipv4   LINKTYPE_IPV4 (228): bare IPv4 packet (input must be IPv4 only)
ipv6   LINKTYPE_IPV6 (229): bare IPv6 packet (input must be IPv6 only)
sll    LINKTYPE_LINUX_SLL (113): 16-byte Linux cooked v1 header as libpcap writes
       it for the loopback device (packet type 0 = to us, ARPHRD_LOOPBACK 772,
       6-byte all-zero address)
vlan   Ethernet (1) with an 802.1Q tag (TPID 0x8100, PCP 0, VID 42) inserted
       after the MAC addresses
nano   same packets, nanosecond pcap (magic a1b23c4d, fraction * 1000)
bigendian  same packets, every header field written big-endian
           (magic bytes a1 b2 c3 d4 on disk, as a big-endian host writes them)

Input may be any classic pcap (either byte order, µs or ns); the output keeps
the input's timestamp precision except for mode nano.
"""
import struct
import sys

ETH_IPV4 = 0x0800
ETH_IPV6 = 0x86DD
AF_INET = 2
AF_INET6_MACOS = 30


def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = data[:4]
    table = {
        b"\xd4\xc3\xb2\xa1": ("<", False),
        b"\xa1\xb2\xc3\xd4": (">", False),
        b"\x4d\x3c\xb2\xa1": ("<", True),
        b"\xa1\xb2\x3c\x4d": (">", True),
    }
    if magic not in table:
        raise SystemExit(f"{path}: not a classic pcap file (magic {magic.hex()})")
    endian, nano = table[magic]
    vmaj, vmin, thiszone, sigfigs, snaplen, linktype = struct.unpack(endian + "HHiIII", data[4:24])
    packets = []
    off = 24
    while off < len(data):
        sec, frac, incl, orig = struct.unpack(endian + "IIII", data[off:off + 16])
        off += 16
        packets.append((sec, frac, orig, data[off:off + incl]))
        off += incl
    return dict(nano=nano, snaplen=snaplen, linktype=linktype, thiszone=thiszone,
                sigfigs=sigfigs, version=(vmaj, vmin)), packets


def write_pcap(path, hdr, packets, endian="<"):
    magic = 0xA1B23C4D if hdr["nano"] else 0xA1B2C3D4
    out = bytearray(struct.pack(endian + "IHHiIII", magic, 2, 4, hdr["thiszone"], hdr["sigfigs"],
                                hdr["snaplen"], hdr["linktype"]))
    for sec, frac, orig, body in packets:
        out += struct.pack(endian + "IIII", sec, frac, len(body), orig)
        out += body
    with open(path, "wb") as f:
        f.write(out)


def split_ethernet(body):
    if len(body) < 14:
        raise SystemExit("packet shorter than an Ethernet header")
    ethertype = struct.unpack(">H", body[12:14])[0]
    if ethertype not in (ETH_IPV4, ETH_IPV6):
        raise SystemExit(f"unexpected ethertype 0x{ethertype:04x}")
    return ethertype, body[14:]


def relink(mode, hdr, packets):
    if mode in ("nano", "bigendian"):
        if mode == "nano" and not hdr["nano"]:
            packets = [(s, f * 1000, o, b) for s, f, o, b in packets]
            hdr = dict(hdr, nano=True)
        return hdr, packets
    if hdr["linktype"] != 1:
        raise SystemExit(f"mode {mode} needs an Ethernet (link type 1) input, got {hdr['linktype']}")
    linktypes = {"null": 0, "loop": 108, "raw": 101, "raw12": 12, "raw14": 14,
                 "ipv4": 228, "ipv6": 229, "sll": 113, "vlan": 1}
    if mode not in linktypes:
        raise SystemExit(f"unknown mode {mode}")
    out = []
    most_grown = 0
    for sec, frac, orig, body in packets:
        ethertype, ip = split_ethernet(body)
        family = AF_INET if ethertype == ETH_IPV4 else AF_INET6_MACOS
        if mode == "null":
            new = struct.pack("<I", family) + ip
        elif mode == "loop":
            new = struct.pack(">I", family) + ip
        elif mode in ("raw", "raw12", "raw14"):
            new = ip
        elif mode == "ipv4":
            if ethertype != ETH_IPV4:
                raise SystemExit("ipv4 mode: input has a non-IPv4 packet")
            new = ip
        elif mode == "ipv6":
            if ethertype != ETH_IPV6:
                raise SystemExit("ipv6 mode: input has a non-IPv6 packet")
            new = ip
        elif mode == "sll":
            # packet type, ARPHRD type, address length, address (8 bytes), protocol
            new = struct.pack(">HHH8sH", 0, 772, 6, bytes(8), ethertype) + ip
        elif mode == "vlan":
            tci = (0 << 13) | 42  # PCP 0, DEI 0, VID 42
            new = body[:12] + struct.pack(">HH", 0x8100, tci) + body[12:]
        grown = len(new) - len(body)
        most_grown = max(most_grown, grown)
        out.append((sec, frac, orig + grown, new))
    snaplen = hdr["snaplen"] + most_grown  # a grown packet must still fit the snaplen
    return dict(hdr, linktype=linktypes[mode], snaplen=snaplen), out


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    mode, src, dst = sys.argv[1:]
    hdr, packets = read_pcap(src)
    hdr, packets = relink(mode, hdr, packets)
    write_pcap(dst, hdr, packets, endian=">" if mode == "bigendian" else "<")
    print(f"{dst}: {len(packets)} packets, link type {hdr['linktype']}"
          f"{', ns' if hdr['nano'] else ''}{', big-endian' if mode == 'bigendian' else ''}")


if __name__ == "__main__":
    main()
