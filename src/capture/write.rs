//! Writing pcap and pcapng files, byte for byte.
//!
//! wsdissect itself never writes captures. This is the one writer its tests
//! (`tests/common`) and fuzz targets (`fuzz/src`) build their captures with,
//! so the layout of a file header or a packet block is spelled out once,
//! next to the reader it feeds, instead of once per caller. It writes only
//! what those callers need, and deliberately nothing that makes files
//! "nicer" (no options besides `if_tsresol`, no checksums): a test that
//! damages a file by hand counts on knowing exactly where every byte is.
//!
//! The formats are the ones the reader reads:
//!
//! - pcap: draft-ietf-opsawg-pcap, §4 (file header) and §5 (packet record);
//! - pcapng: draft-ietf-opsawg-pcapng, §4.1 (section header block), §4.2
//!   (interface description block, option `if_tsresol`) and §4.3 (enhanced
//!   packet block), with options as in §3.5.
//!
//! Everything appends to a `Vec<u8>`: the callers keep a capture in memory
//! (and reach into it to damage it), and writing to memory cannot fail.

use super::LinkType;

/// The snapshot length written when the caller does not choose one: 256 KiB,
/// Wireshark's default.
pub const DEFAULT_SNAPLEN: u32 = 262_144;

/// Byte order of the fields of a file (each format records its own, and a
/// reader must follow it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Endian {
    /// Least significant byte first: what x86 and ARM capture tools write.
    #[default]
    Little,
    /// Most significant byte first.
    Big,
}

impl Endian {
    fn u16(self, out: &mut Vec<u8>, v: u16) {
        out.extend_from_slice(&match self {
            Endian::Little => v.to_le_bytes(),
            Endian::Big => v.to_be_bytes(),
        });
    }

    fn u32(self, out: &mut Vec<u8>, v: u32) {
        out.extend_from_slice(&match self {
            Endian::Little => v.to_le_bytes(),
            Endian::Big => v.to_be_bytes(),
        });
    }
}

/// A classic pcap file: its header's fields, which also say how every packet
/// record is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PcapFile {
    /// Byte order of the header and records.
    pub endian: Endian,
    /// Nanosecond timestamps (magic `0xa1b23c4d`) instead of microseconds
    /// (`0xa1b2c3d4`).
    pub nanos: bool,
    /// The snapshot length the header declares.
    pub snaplen: u32,
    /// The link type of every packet.
    pub link: LinkType,
}

impl Default for PcapFile {
    /// Little-endian, microseconds, [`DEFAULT_SNAPLEN`], `LINKTYPE_RAW`.
    fn default() -> Self {
        PcapFile {
            endian: Endian::Little,
            nanos: false,
            snaplen: DEFAULT_SNAPLEN,
            link: LinkType::RAW,
        }
    }
}

impl PcapFile {
    /// Appends the 24-byte file header (draft-ietf-opsawg-pcap §4): magic,
    /// version 2.4, two reserved zero fields, snaplen, link type.
    pub fn header(&self, out: &mut Vec<u8>) {
        let e = self.endian;
        e.u32(out, if self.nanos { 0xa1b2_3c4d } else { 0xa1b2_c3d4 });
        e.u16(out, 2);
        e.u16(out, 4);
        e.u32(out, 0);
        e.u32(out, 0);
        e.u32(out, self.snaplen);
        e.u32(out, self.link.0);
    }

    /// The file header alone, as a new buffer.
    pub fn header_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(24);
        self.header(&mut out);
        out
    }

    /// Appends one packet record (draft-ietf-opsawg-pcap §5): seconds, the
    /// fraction in micro- or nanoseconds (as [`PcapFile::nanos`] says), the
    /// captured length, the original length, then the `captured` bytes.
    /// `orig_len` may exceed `captured.len()`, as when a snaplen cut the
    /// packet.
    pub fn record(&self, out: &mut Vec<u8>, secs: u32, frac: u32, captured: &[u8], orig_len: u32) {
        let e = self.endian;
        e.u32(out, secs);
        e.u32(out, frac);
        e.u32(out, len32(captured));
        e.u32(out, orig_len);
        out.extend_from_slice(captured);
    }
}

/// A pcapng section: the byte order its blocks are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PcapngSection {
    /// Byte order of every block of the section.
    pub endian: Endian,
}

impl PcapngSection {
    /// Appends a 28-byte section header block (draft-ietf-opsawg-pcapng
    /// §4.1): byte-order magic, version 1.0, section length -1 (not
    /// given), no options.
    pub fn section_header(&self, out: &mut Vec<u8>) {
        let e = self.endian;
        e.u32(out, 0x0a0d_0d0a);
        e.u32(out, 28);
        e.u32(out, 0x1a2b_3c4d);
        e.u16(out, 1);
        e.u16(out, 0);
        e.u32(out, u32::MAX);
        e.u32(out, u32::MAX);
        e.u32(out, 28);
    }

    /// Appends an interface description block (draft-ietf-opsawg-pcapng
    /// §4.2) for `link` with `snaplen`; with `tsresol`, an `if_tsresol`
    /// option (code 9: timestamps in units of 10^-n seconds, or 2^-n when
    /// the top bit is set) and the `opt_endofopt` that ends the list. Without
    /// it, timestamps are in microseconds. Interfaces are numbered from 0 in
    /// the order they are described.
    pub fn interface(&self, out: &mut Vec<u8>, link: u16, snaplen: u32, tsresol: Option<u8>) {
        let e = self.endian;
        let len: u32 = if tsresol.is_some() { 32 } else { 20 };
        e.u32(out, 1);
        e.u32(out, len);
        e.u16(out, link);
        e.u16(out, 0);
        e.u32(out, snaplen);
        if let Some(r) = tsresol {
            e.u16(out, 9);
            e.u16(out, 1);
            out.extend_from_slice(&[r, 0, 0, 0]);
            e.u16(out, 0);
            e.u16(out, 0);
        }
        e.u32(out, len);
    }

    /// Appends an enhanced packet block (draft-ietf-opsawg-pcapng §4.3) on
    /// `interface` at `ticks` units of that interface's resolution: the
    /// captured bytes padded to 32 bits, `orig_len` on the wire, no options.
    pub fn packet(
        &self,
        out: &mut Vec<u8>,
        interface: u32,
        ticks: u64,
        captured: &[u8],
        orig_len: u32,
    ) {
        let e = self.endian;
        let padded = captured.len().div_ceil(4) * 4;
        let len = u32::try_from(32 + padded).expect("a pcapng block holds at most 4 GiB");
        e.u32(out, 6);
        e.u32(out, len);
        e.u32(out, interface);
        e.u32(out, (ticks >> 32) as u32);
        e.u32(out, ticks as u32);
        e.u32(out, len32(captured));
        e.u32(out, orig_len);
        out.extend_from_slice(captured);
        out.resize(out.len() + padded - captured.len(), 0);
        e.u32(out, len);
    }
}

/// TCP's FIN flag, for [`ipv4_tcp`].
pub const TCP_FIN: u8 = 0x01;
/// TCP's SYN flag.
pub const TCP_SYN: u8 = 0x02;
/// TCP's RST flag.
pub const TCP_RST: u8 = 0x04;
/// TCP's ACK flag.
pub const TCP_ACK: u8 = 0x10;

/// An IPv4 packet carrying a TCP segment, as `LINKTYPE_RAW` captures it:
/// 20-byte IPv4 header (don't fragment, TTL 64) and 20-byte TCP header
/// (window 65535) without options, `flags` as given, checksums left zero
/// (wsdissect, like Wireshark by default, does not check them). The IPv4
/// total length is `40 + payload.len()`, capped at 65535, so a caller that
/// keeps only a prefix of the result has a packet a snaplen cut.
pub fn ipv4_tcp(
    src: ([u8; 4], u16),
    dst: ([u8; 4], u16),
    seq: u32,
    ack: u32,
    flags: u8,
    payload: &[u8],
) -> Vec<u8> {
    let wire = 40 + payload.len();
    let mut p = Vec::with_capacity(wire);
    p.extend_from_slice(&[0x45, 0]);
    p.extend_from_slice(&(wire.min(65535) as u16).to_be_bytes());
    p.extend_from_slice(&[0, 0, 0x40, 0, 64, 6, 0, 0]);
    p.extend_from_slice(&src.0);
    p.extend_from_slice(&dst.0);
    p.extend_from_slice(&src.1.to_be_bytes());
    p.extend_from_slice(&dst.1.to_be_bytes());
    p.extend_from_slice(&seq.to_be_bytes());
    p.extend_from_slice(&ack.to_be_bytes());
    p.extend_from_slice(&[0x50, flags]);
    p.extend_from_slice(&65535u16.to_be_bytes());
    p.extend_from_slice(&[0, 0, 0, 0]);
    p.extend_from_slice(payload);
    p
}

/// A length field: the formats have 32 bits for it.
fn len32(b: &[u8]) -> u32 {
    u32::try_from(b.len()).expect("a capture record holds at most 4 GiB")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::{CaptureFormat, CaptureReader, Timestamp};
    use std::ops::ControlFlow;

    /// (frame, seconds, nanoseconds, link, captured bytes, original length)
    type Seen = Vec<(u64, Timestamp, LinkType, Vec<u8>, u32)>;

    fn read_back(bytes: Vec<u8>) -> (CaptureFormat, Seen) {
        let mut r = CaptureReader::from_reader("written", std::io::Cursor::new(bytes)).unwrap();
        let mut seen = Vec::new();
        r.for_each_packet(|p| {
            seen.push((p.number, p.ts, p.link, p.data.to_vec(), p.orig_len));
            ControlFlow::Continue(())
        })
        .unwrap();
        (r.format(), seen)
    }

    fn ts(secs: i64, nanos: u32) -> Timestamp {
        Timestamp { secs, nanos }
    }

    #[test]
    fn pcap_in_both_byte_orders_and_resolutions_reads_back() {
        for endian in [Endian::Little, Endian::Big] {
            for nanos in [false, true] {
                let f = PcapFile {
                    endian,
                    nanos,
                    link: LinkType::ETHERNET,
                    ..PcapFile::default()
                };
                let mut out = f.header_bytes();
                assert_eq!(out.len(), 24);
                f.record(&mut out, 1_700_000_000, 5, b"abc", 3);
                f.record(&mut out, 1_700_000_001, 0, b"de", 100);
                let (format, seen) = read_back(out);
                assert_eq!(format, CaptureFormat::Pcap);
                let frac = if nanos { 5 } else { 5_000 };
                assert_eq!(
                    seen,
                    vec![
                        (
                            1,
                            ts(1_700_000_000, frac),
                            LinkType::ETHERNET,
                            b"abc".to_vec(),
                            3
                        ),
                        (
                            2,
                            ts(1_700_000_001, 0),
                            LinkType::ETHERNET,
                            b"de".to_vec(),
                            100
                        ),
                    ],
                    "{endian:?}, nanos {nanos}"
                );
            }
        }
    }

    #[test]
    fn the_little_endian_pcap_header_is_the_usual_one() {
        let h = PcapFile::default().header_bytes();
        assert_eq!(
            h,
            [
                0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 101, 0, 0,
                0
            ]
        );
    }

    #[test]
    fn pcapng_with_and_without_tsresol_reads_back() {
        for endian in [Endian::Little, Endian::Big] {
            let s = PcapngSection { endian };
            let mut out = Vec::new();
            s.section_header(&mut out);
            assert_eq!(out.len(), 28);
            s.interface(&mut out, 101, DEFAULT_SNAPLEN, None);
            s.interface(&mut out, 1, DEFAULT_SNAPLEN, Some(9));
            assert_eq!(out.len(), 28 + 20 + 32);
            s.packet(&mut out, 0, 1_500_000, b"12345", 5);
            assert_eq!(out.len() % 4, 0, "blocks are padded to 32 bits");
            s.packet(&mut out, 1, (1 << 32) + 7, b"", 60);
            let (format, seen) = read_back(out);
            assert_eq!(format, CaptureFormat::Pcapng);
            assert_eq!(
                seen,
                vec![
                    (1, ts(1, 500_000_000), LinkType::RAW, b"12345".to_vec(), 5),
                    (2, ts(4, 294_967_303), LinkType::ETHERNET, vec![], 60),
                ],
                "{endian:?}"
            );
        }
    }

    #[test]
    fn ipv4_tcp_states_the_full_length_and_the_flags() {
        let p = ipv4_tcp(
            ([10, 0, 0, 1], 40000),
            ([10, 0, 0, 2], 8080),
            1000,
            5000,
            TCP_SYN | TCP_ACK,
            b"hello",
        );
        assert_eq!(p.len(), 45);
        assert_eq!(u16::from_be_bytes([p[2], p[3]]), 45);
        assert_eq!(&p[12..20], &[10, 0, 0, 1, 10, 0, 0, 2]);
        assert_eq!(u16::from_be_bytes([p[20], p[21]]), 40000);
        assert_eq!(u32::from_be_bytes([p[24], p[25], p[26], p[27]]), 1000);
        assert_eq!(p[33], 0x12);
        assert_eq!(&p[40..], b"hello");
    }
}
