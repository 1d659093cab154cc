#!/usr/bin/env python3
"""Build pcapng variants from real captures (plain struct, no scapy).

Usage:
  pcapng.py multi-interface IN.pcap OUT.pcapng
      IN must be an Ethernet (link type 1) classic pcap. Writes one section with
      two interfaces:
        interface 0: LINKTYPE_ETHERNET (1), if_tsresol = 9   (nanoseconds)
        interface 1: LINKTYPE_RAW (101),    if_tsresol = 0x94 (binary, 2^-20 s)
      and the packets as Enhanced Packet Blocks, alternating: packets 1, 3, 5, ...
      on interface 0 (Ethernet frame as captured), packets 2, 4, 6, ... on
      interface 1 (Ethernet header removed). Both directions of the one TCP
      connection thus appear on both link types. Timestamps are converted to each
      interface's resolution (2^-20 s rounds down, < 1 µs).

  pcapng.py simple-packet IN.pcap OUT.pcapng
      One section, one Ethernet interface, every packet as a Simple Packet Block
      (type 3): no interface id, no timestamp, captured length = min(original
      length, the interface's snaplen).

  pcapng.py bigendian IN.pcapng OUT.pcapng
      Rewrites a little-endian pcapng file (as dumpcap writes it on x86/arm) with
      every block header, block body field and known option value byte-swapped,
      as a big-endian host would have written it. Packet bytes are not touched.
      Handles SHB, IDB, EPB, SPB, NRB, ISB, DSB and the standard options of each.
"""
import struct
import sys

SHB, IDB, SPB, NRB, ISB, EPB, DSB = 0x0A0D0D0A, 1, 3, 4, 5, 6, 10
BOM = 0x1A2B3C4D


# ---------------------------------------------------------------- writing (LE)
def pad4(b):
    return b + bytes(-len(b) % 4)


def options(opts):
    """opts: list of (code, bytes). Appends opt_endofopt when non-empty."""
    if not opts:
        return b""
    out = b""
    for code, value in opts:
        out += struct.pack("<HH", code, len(value)) + pad4(value)
    return out + struct.pack("<HH", 0, 0)


def block(btype, body):
    total = 12 + len(body)
    return struct.pack("<II", btype, total) + body + struct.pack("<I", total)


def shb(opts=()):
    body = struct.pack("<IHHq", BOM, 1, 0, -1) + options(list(opts))
    return block(SHB, body)


def idb(linktype, snaplen, opts=()):
    return block(IDB, struct.pack("<HHI", linktype, 0, snaplen) + options(list(opts)))


def epb(ifid, ts, data, orig_len, opts=()):
    body = struct.pack("<IIIII", ifid, ts >> 32, ts & 0xFFFFFFFF, len(data), orig_len)
    return block(EPB, body + pad4(data) + options(list(opts)))


def spb(data, orig_len):
    return block(SPB, struct.pack("<I", orig_len) + pad4(data))


def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack("<I", data[:4])[0]
    if magic not in (0xA1B2C3D4, 0xA1B23C4D):
        raise SystemExit(f"{path}: expected a little-endian classic pcap")
    nano = magic == 0xA1B23C4D
    snaplen, linktype = struct.unpack("<II", data[16:24])
    off, packets = 24, []
    while off < len(data):
        sec, frac, incl, orig = struct.unpack("<IIII", data[off:off + 16])
        off += 16
        ns = sec * 1_000_000_000 + (frac if nano else frac * 1000)
        packets.append((ns, orig, data[off:off + incl]))
        off += incl
    return linktype, snaplen, packets


def text(s):
    return s.encode()


def multi_interface(src, dst):
    linktype, snaplen, packets = read_pcap(src)
    if linktype != 1:
        raise SystemExit("multi-interface needs an Ethernet input")
    out = shb([(4, text("wsdissect samples/tools/pcapng.py multi-interface"))])
    out += idb(1, snaplen, [(2, text("eth0-ns")),
                            (3, text("Ethernet, nanosecond timestamps")),
                            (9, bytes([9]))])
    out += idb(101, snaplen, [(2, text("raw1-bin20")),
                              (3, text("raw IP, timestamps in units of 2^-20 s")),
                              (9, bytes([0x80 | 20]))])
    for i, (ns, orig, data) in enumerate(packets):
        if i % 2 == 0:
            opts = [(1, text("first packet: interface 0 (Ethernet)"))] if i == 0 else []
            out += epb(0, ns, data, orig, opts)
        else:
            ts = ns * (1 << 20) // 1_000_000_000
            opts = [(1, text("second packet: interface 1 (raw IP)"))] if i == 1 else []
            out += epb(1, ts, data[14:], orig - 14, opts)
    with open(dst, "wb") as f:
        f.write(out)
    print(f"{dst}: {len(packets)} packets on 2 interfaces")


def simple_packet(src, dst):
    linktype, snaplen, packets = read_pcap(src)
    out = shb([(4, text("wsdissect samples/tools/pcapng.py simple-packet"))])
    out += idb(linktype, snaplen, [(2, text("lo"))])
    for ns, orig, data in packets:
        if len(data) != orig:
            raise SystemExit("simple-packet: input has truncated packets")
        out += spb(data, orig)
    with open(dst, "wb") as f:
        f.write(out)
    print(f"{dst}: {len(packets)} simple packet blocks")


# --------------------------------------------------------- byte-order swapping
# Option value layouts by block type and option code: a struct format (without
# byte order) or None for opaque bytes / UTF-8 strings. Codes 1 (opt_comment)
# and 2988/2989/19372/19373 (custom) are common to all blocks.
U8, U32, U64 = "B", "I", "Q"
OPTION_LAYOUT = {
    SHB: {},  # shb_hardware, shb_os, shb_userappl: strings
    IDB: {8: U64, 9: U8, 10: U32, 13: U8, 14: "q", 16: U64, 17: U64},
    EPB: {2: U32, 4: U64, 5: U64, 6: U32},
    ISB: {2: "II", 3: "II", 4: U64, 5: U64, 6: U64, 7: U64, 8: U64},
    NRB: {},
    DSB: {},
}
CUSTOM = (2988, 2989, 19372, 19373)


def swap_options(btype, buf):
    out = b""
    off = 0
    while off + 4 <= len(buf):
        code, length = struct.unpack("<HH", buf[off:off + 4])
        value = buf[off + 4:off + 4 + length]
        padded = length + (-length % 4)
        layout = OPTION_LAYOUT.get(btype, {}).get(code)
        if code in CUSTOM and length >= 4:
            value = struct.pack(">I", struct.unpack("<I", value[:4])[0]) + value[4:]
        elif layout is not None and code != 1:
            if struct.calcsize("<" + layout) != length:
                raise SystemExit(f"block {btype:#x} option {code}: unexpected length {length}")
            value = struct.pack(">" + layout, *struct.unpack("<" + layout, value))
        out += struct.pack(">HH", code, length) + value + buf[off + 4 + length:off + 4 + padded]
        off += 4 + padded
        if code == 0:
            break
    return out + buf[off:]


def swap_block(btype, body):
    def u32s(n):
        return struct.pack(">" + "I" * n, *struct.unpack("<" + "I" * n, body[:4 * n]))

    if btype == SHB:
        bom, major, minor, seclen = struct.unpack("<IHHq", body[:16])
        return struct.pack(">IHHq", bom, major, minor, seclen) + swap_options(btype, body[16:])
    if btype == IDB:
        lt, res, snap = struct.unpack("<HHI", body[:8])
        return struct.pack(">HHI", lt, res, snap) + swap_options(btype, body[8:])
    if btype == EPB:
        caplen = struct.unpack("<I", body[12:16])[0]
        data_end = 20 + caplen + (-caplen % 4)
        return u32s(5) + body[20:data_end] + swap_options(btype, body[data_end:])
    if btype == SPB:
        return u32s(1) + body[4:]
    if btype == ISB:
        return u32s(3) + swap_options(btype, body[12:])
    if btype == DSB:
        length = struct.unpack("<I", body[4:8])[0]
        data_end = 8 + length + (-length % 4)
        return u32s(2) + body[8:data_end] + swap_options(btype, body[data_end:])
    if btype == NRB:
        out, off = b"", 0
        while True:
            rtype, rlen = struct.unpack("<HH", body[off:off + 4])
            padded = rlen + (-rlen % 4)
            out += struct.pack(">HH", rtype, rlen) + body[off + 4:off + 4 + padded]
            off += 4 + padded
            if rtype == 0:
                break
        return out + swap_options(btype, body[off:])
    raise SystemExit(f"bigendian: block type {btype:#x} not handled")


def bigendian(src, dst):
    with open(src, "rb") as f:
        data = f.read()
    out = bytearray()
    off = 0
    counts = {}
    while off < len(data):
        btype, total = struct.unpack("<II", data[off:off + 8])
        if btype == SHB and struct.unpack("<I", data[off + 8:off + 12])[0] != BOM:
            raise SystemExit("bigendian: input section is not little-endian")
        body = data[off + 8:off + total - 4]
        new_body = swap_block(btype, body)
        assert len(new_body) == len(body)
        out += struct.pack(">II", btype, total) + new_body + struct.pack(">I", total)
        counts[btype] = counts.get(btype, 0) + 1
        off += total
    with open(dst, "wb") as f:
        f.write(out)
    names = {SHB: "SHB", IDB: "IDB", SPB: "SPB", NRB: "NRB", ISB: "ISB", EPB: "EPB", DSB: "DSB"}
    print(f"{dst}: big-endian, blocks " + ", ".join(f"{names.get(k, k)}={v}" for k, v in counts.items()))


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    mode, src, dst = sys.argv[1:]
    {"multi-interface": multi_interface, "simple-packet": simple_packet,
     "bigendian": bigendian}[mode](src, dst)


if __name__ == "__main__":
    main()
