//! Streaming pcap / pcapng reader on top of pcap-parser.

use std::io::{self, Read};
use std::ops::ControlFlow;
use std::sync::Arc;

use pcap_parser::pcapng::Block;
use pcap_parser::traits::PcapReaderIterator;
use pcap_parser::{LegacyPcapReader, PcapBlockOwned, PcapError, PcapNGReader};

use super::time::{tsresol_units, Timestamp};
use super::{CaptureError, CaptureErrorKind, LinkType, ParserError};

/// Read buffer size. A record must fit in it; 16 MiB is far above any
/// snaplen a capture tool writes (Wireshark's own maximum is 256 KiB) while
/// keeping memory flat whatever the file size.
const BUFFER_SIZE: usize = 16 << 20;
/// Most bytes asked of the file per `read`. pcap-parser refills by moving
/// what is left to the buffer's start and reading into all the free space;
/// asked for 16 MiB at a time, the kernel copies into cold memory that is
/// then parsed from RAM (23 % of `dump`'s time on the 100 MB benchmark
/// capture, docs/performance.md). In 256 KiB reads the same few hundred
/// KiB at the buffer's start are reused and stay in the CPU cache, and the
/// rest of the buffer is touched only by a record that needs it.
const READ_CHUNK: usize = 256 << 10;
/// Largest pcapng section header block we accept before reading on.
const MAX_SHB: u32 = 1 << 20;

/// Which container the capture uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CaptureFormat {
    /// Classic libpcap (tcpdump's `-w`).
    Pcap,
    /// pcapng (Wireshark's and dumpcap's default).
    Pcapng,
}

/// One captured packet, borrowed from the reader's buffer.
#[derive(Debug, Clone, Copy)]
pub struct Packet<'a> {
    /// Frame number, from 1, exactly Wireshark's `No.`.
    pub number: u64,
    /// Capture time.
    pub ts: Timestamp,
    /// Link type of the interface the packet was captured on.
    pub link: LinkType,
    /// pcapng interface id (0 for pcap).
    pub interface: u32,
    /// Length on the wire (may exceed `data.len()` when the snaplen cut it).
    pub orig_len: u32,
    /// The captured bytes.
    pub data: &'a [u8],
    /// Byte offset of the packet's record in the file.
    pub file_offset: u64,
    /// Byte offset of the captured bytes (`data`) in the file, so a viewer
    /// can read them back later instead of keeping them (the TUI does).
    pub data_offset: u64,
}

#[derive(Debug, Clone, Copy)]
struct Interface {
    link: LinkType,
    units_per_sec: u64,
    offset_secs: i64,
}

/// What a capture file yields, in file order.
#[derive(Debug)]
pub enum Item<'a> {
    /// A packet.
    Packet(Packet<'a>),
    /// Decryption secrets from a pcapng Decryption Secrets Block (pcapng
    /// §4.7): `kind` is the secrets type (`0x544c534b`, "TLSK", is an NSS key
    /// log), `data` the secrets.
    Secrets {
        /// The secrets type.
        kind: u32,
        /// The secrets.
        data: &'a [u8],
    },
}

/// A capture opened for streaming.
///
/// Holds one fixed-size buffer; packets are handed to a callback one at a
/// time and never accumulated, so `dump` runs in constant memory.
pub struct CaptureReader {
    name: String,
    format: CaptureFormat,
    inner: Box<dyn PcapReaderIterator + Send>,
    legacy_link: LinkType,
    legacy_units: u64,
    interfaces: Vec<Interface>,
    next_number: u64,
    /// Byte order of the current pcapng section.
    ng_big_endian: bool,
}

impl std::fmt::Debug for CaptureReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaptureReader")
            .field("name", &self.name)
            .field("format", &self.format)
            .finish()
    }
}

impl CaptureReader {
    /// Opens a file, or standard input when `path` is `-`.
    pub fn open(path: &str) -> Result<CaptureReader, CaptureError> {
        if path == "-" {
            return CaptureReader::from_reader(path, io::stdin());
        }
        match std::fs::File::open(path) {
            Ok(f) => CaptureReader::from_reader(path, f),
            Err(e) => Err(CaptureError {
                file: path.to_string(),
                frame: 1,
                offset: 0,
                kind: e.into(),
            }),
        }
    }

    /// Wraps any byte source (a file, a pipe, a slice in tests).
    ///
    /// The file header is read with `read` calls until it is complete before
    /// pcap-parser sees it: pcap-parser probes the format with one `read`,
    /// which a slow pipe (`tcpdump -U -w - | wsdissect dump -`) answers with
    /// only part of the header.
    pub fn from_reader<R: Read + Send + 'static>(
        name: &str,
        mut reader: R,
    ) -> Result<CaptureReader, CaptureError> {
        let err = |offset: u64, kind| CaptureError {
            file: name.to_string(),
            frame: 1,
            offset,
            kind,
        };
        let mut magic = [0u8; 4];
        let got = read_full(&mut reader, &mut magic).map_err(|e| err(0, e.into()))?;
        if got == 0 {
            return Err(err(0, CaptureErrorKind::Empty));
        }
        if got < 4 {
            return Err(err(0, CaptureErrorKind::Truncated));
        }
        let mut head = magic.to_vec();
        let format = match magic {
            [0x0a, 0x0d, 0x0d, 0x0a] => {
                // pcapng: block type, total length, byte-order magic.
                let mut rest = [0u8; 8];
                let n = read_full(&mut reader, &mut rest).map_err(|e| err(4, e.into()))?;
                if n < 8 {
                    return Err(err(0, CaptureErrorKind::Truncated));
                }
                head.extend_from_slice(&rest);
                let bom = [rest[4], rest[5], rest[6], rest[7]];
                let len = match bom {
                    [0x4d, 0x3c, 0x2b, 0x1a] => {
                        u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]])
                    }
                    [0x1a, 0x2b, 0x3c, 0x4d] => {
                        u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]])
                    }
                    _ => {
                        return Err(err(
                            8,
                            CaptureErrorKind::Corrupt(format!(
                                "pcapng section header has an invalid byte-order magic {bom:02x?}"
                            )),
                        ))
                    }
                };
                if !(28..=MAX_SHB).contains(&len) || len % 4 != 0 {
                    return Err(err(
                        4,
                        CaptureErrorKind::Corrupt(format!(
                            "pcapng section header declares an impossible length {len}"
                        )),
                    ));
                }
                let mut body = vec![0u8; len as usize - 12];
                let n = read_full(&mut reader, &mut body).map_err(|e| err(12, e.into()))?;
                if n < body.len() {
                    return Err(err(0, CaptureErrorKind::Truncated));
                }
                head.extend_from_slice(&body);
                CaptureFormat::Pcapng
            }
            [0xd4, 0xc3, 0xb2, 0xa1]
            | [0xa1, 0xb2, 0xc3, 0xd4]
            | [0x4d, 0x3c, 0xb2, 0xa1]
            | [0xa1, 0xb2, 0x3c, 0x4d]
            | [0x34, 0xcd, 0xb2, 0xa1]
            | [0xa1, 0xb2, 0xcd, 0x34] => {
                let mut rest = [0u8; 20];
                let n = read_full(&mut reader, &mut rest).map_err(|e| err(4, e.into()))?;
                if n < 20 {
                    return Err(err(0, CaptureErrorKind::Truncated));
                }
                head.extend_from_slice(&rest);
                CaptureFormat::Pcap
            }
            other => return Err(err(0, CaptureErrorKind::NotACapture(other))),
        };
        let chained = Chunked(io::Cursor::new(head).chain(reader));
        let mut legacy_link = LinkType(u32::MAX);
        let mut legacy_units = 1_000_000;
        let inner: Box<dyn PcapReaderIterator + Send> = match format {
            CaptureFormat::Pcapng => Box::new(
                PcapNGReader::new(BUFFER_SIZE, chained)
                    .map_err(|e| err(0, CaptureErrorKind::HeaderUnparsable(Arc::new(e))))?,
            ),
            CaptureFormat::Pcap => {
                let mut r = LegacyPcapReader::new(BUFFER_SIZE, chained)
                    .map_err(|e| err(0, CaptureErrorKind::HeaderUnparsable(Arc::new(e))))?;
                // The header is the first block; take the link type from it.
                match r.next() {
                    Ok((off, PcapBlockOwned::LegacyHeader(h))) => {
                        legacy_link = LinkType(h.network.0 as u32);
                        if h.is_nanosecond_precision() {
                            legacy_units = 1_000_000_000;
                        }
                        r.consume(off);
                    }
                    _ => {
                        return Err(err(
                            0,
                            CaptureErrorKind::Corrupt("unreadable pcap file header".into()),
                        ))
                    }
                }
                Box::new(r)
            }
        };
        Ok(CaptureReader {
            name: name.to_string(),
            format,
            inner,
            legacy_link,
            legacy_units,
            interfaces: Vec::new(),
            next_number: 1,
            ng_big_endian: false,
        })
    }

    /// The container format.
    pub fn format(&self) -> CaptureFormat {
        self.format
    }

    /// The name given at open time (path or `-`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Bytes of the file consumed so far (for progress reports).
    pub fn bytes_read(&self) -> u64 {
        self.inner.consumed() as u64
    }

    /// Link type of a classic pcap file (`None` for pcapng).
    pub fn pcap_link_type(&self) -> Option<LinkType> {
        (self.format == CaptureFormat::Pcap).then_some(self.legacy_link)
    }

    /// Calls `f` for every packet in file order until the file ends, the
    /// callback breaks, or the file turns out damaged.
    ///
    /// On damage every packet before it has already been delivered and the
    /// error names the frame number and byte offset where reading stopped.
    pub fn for_each_packet<F>(&mut self, mut f: F) -> Result<(), CaptureError>
    where
        F: FnMut(Packet<'_>) -> ControlFlow<()>,
    {
        self.for_each_item(|item| match item {
            Item::Packet(p) => f(p),
            Item::Secrets { .. } => ControlFlow::Continue(()),
        })
    }

    /// Like [`CaptureReader::for_each_packet`], also handing on the
    /// decryption secrets a pcapng carries (Decryption Secrets Blocks,
    /// pcapng §4.7), in file order: a DSB applies to the packets after it.
    pub fn for_each_item<F>(&mut self, mut f: F) -> Result<(), CaptureError>
    where
        F: FnMut(Item<'_>) -> ControlFlow<()>,
    {
        // Consecutive "need more bytes" answers: a full buffer that still
        // cannot hold the record would otherwise loop forever.
        let mut starved = 0u32;
        loop {
            let offset = self.inner.consumed() as u64;
            let number = self.next_number;
            let name = &self.name;
            let mk = |kind| CaptureError {
                file: name.clone(),
                frame: number,
                offset,
                kind,
            };
            if self.format == CaptureFormat::Pcapng {
                if let Some(len) = impossible_block_len(self.inner.data(), self.ng_big_endian) {
                    return Err(mk(CaptureErrorKind::Corrupt(format!(
                        "pcapng block declares an impossible length {len}"
                    ))));
                }
            }
            match self.inner.next() {
                Ok((len, block)) => {
                    starved = 0;
                    let pkt = match block {
                        PcapBlockOwned::Legacy(b) => {
                            let units = self.legacy_units;
                            let ticks = u64::from(b.ts_sec) * units + u64::from(b.ts_usec);
                            let cap = (b.caplen as usize).min(b.data.len());
                            Some(Item::Packet(Packet {
                                number,
                                ts: Timestamp::from_units(ticks, units, 0),
                                link: self.legacy_link,
                                interface: 0,
                                orig_len: b.origlen,
                                data: &b.data[..cap],
                                file_offset: offset,
                                // pcap record header: 4 × u32.
                                data_offset: offset + 16,
                            }))
                        }
                        PcapBlockOwned::LegacyHeader(_) => None,
                        PcapBlockOwned::NG(Block::SectionHeader(shb)) => {
                            // Interface ids are per section (pcapng §4.1).
                            self.interfaces.clear();
                            self.ng_big_endian = shb.big_endian();
                            None
                        }
                        PcapBlockOwned::NG(Block::InterfaceDescription(idb)) => {
                            self.interfaces.push(Interface {
                                link: LinkType(idb.linktype.0 as u32),
                                units_per_sec: tsresol_units(idb.if_tsresol).unwrap_or(1_000_000),
                                offset_secs: idb.if_tsoffset,
                            });
                            None
                        }
                        PcapBlockOwned::NG(Block::EnhancedPacket(epb)) => {
                            let Some(iface) = self.interfaces.get(epb.if_id as usize).copied()
                            else {
                                return Err(mk(CaptureErrorKind::UnknownInterface(epb.if_id)));
                            };
                            let ticks = (u64::from(epb.ts_high) << 32) | u64::from(epb.ts_low);
                            let cap = (epb.caplen as usize).min(epb.data.len());
                            Some(Item::Packet(Packet {
                                number,
                                ts: Timestamp::from_units(
                                    ticks,
                                    iface.units_per_sec,
                                    iface.offset_secs,
                                ),
                                link: iface.link,
                                interface: epb.if_id,
                                orig_len: epb.origlen,
                                data: &epb.data[..cap],
                                file_offset: offset,
                                // EPB: type, length, interface, 2 × timestamp,
                                // captured and original length (pcapng §4.3).
                                data_offset: offset + 28,
                            }))
                        }
                        PcapBlockOwned::NG(Block::SimplePacket(spb)) => {
                            // A simple packet block belongs to interface 0 and has no
                            // timestamp (pcapng §4.4).
                            let Some(iface) = self.interfaces.first().copied() else {
                                return Err(mk(CaptureErrorKind::UnknownInterface(0)));
                            };
                            let cap = (spb.origlen as usize).min(spb.data.len());
                            Some(Item::Packet(Packet {
                                number,
                                ts: Timestamp::default(),
                                link: iface.link,
                                interface: 0,
                                orig_len: spb.origlen,
                                data: &spb.data[..cap],
                                file_offset: offset,
                                // SPB: type, length, original length (pcapng §4.4).
                                data_offset: offset + 12,
                            }))
                        }
                        PcapBlockOwned::NG(Block::DecryptionSecrets(dsb)) => Some(Item::Secrets {
                            kind: dsb.secrets_type.0,
                            data: &dsb.data[..(dsb.secrets_len as usize).min(dsb.data.len())],
                        }),
                        PcapBlockOwned::NG(_) => None,
                    };
                    let flow = match pkt {
                        Some(Item::Packet(p)) => {
                            self.next_number += 1;
                            f(Item::Packet(p))
                        }
                        Some(secrets) => f(secrets),
                        None => ControlFlow::Continue(()),
                    };
                    self.inner.consume(len);
                    if flow.is_break() {
                        return Ok(());
                    }
                }
                Err(PcapError::Eof) => return Ok(()),
                Err(PcapError::Incomplete(_)) => {
                    starved += 1;
                    if starved > 100_000 {
                        return Err(mk(CaptureErrorKind::RecordTooLarge(BUFFER_SIZE as u64)));
                    }
                    if let Err(e) = self.inner.refill() {
                        return Err(mk(CaptureErrorKind::ReadFailed(Arc::new(owned(&e)))));
                    }
                }
                Err(PcapError::UnexpectedEof) => return Err(mk(CaptureErrorKind::Truncated)),
                Err(PcapError::BufferTooSmall) => {
                    return Err(mk(CaptureErrorKind::RecordTooLarge(BUFFER_SIZE as u64)))
                }
                // pcap-parser 0.17 reports a failed read from `refill` only,
                // but should `next` ever do it, it is not a damaged block.
                Err(e @ PcapError::ReadError) => {
                    return Err(mk(CaptureErrorKind::ReadFailed(Arc::new(owned(&e)))))
                }
                Err(e) => return Err(mk(CaptureErrorKind::BlockUnparsable(Arc::new(owned(&e))))),
            }
        }
    }
}

/// A reader that hands out at most [`READ_CHUNK`] bytes per `read`.
struct Chunked<R>(R);

impl<R: Read> Read for Chunked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = buf.len().min(READ_CHUNK);
        self.0.read(&mut buf[..n])
    }
}

/// The length of the pcapng block at the start of `data` if it is below the
/// 12 bytes every block needs (type, length, length again). pcap-parser 0.17
/// subtracts 12 from it before checking, which overflows for a process
/// information block declaring 4 to 11 bytes, so such a block is refused
/// before pcap-parser sees it. Section headers carry their own byte order and
/// are left to pcap-parser.
fn impossible_block_len(data: &[u8], big_endian: bool) -> Option<u32> {
    let head = data.get(..8)?;
    if head[..4] == [0x0a, 0x0d, 0x0d, 0x0a] {
        return None;
    }
    let b = [head[4], head[5], head[6], head[7]];
    let len = if big_endian {
        u32::from_be_bytes(b)
    } else {
        u32::from_le_bytes(b)
    };
    (len < 12).then_some(len)
}

/// How many bytes of the input a parse error points at are kept with it.
/// pcap-parser's error borrows the rest of the read buffer (up to 16 MiB);
/// the start of the block is what tells what went wrong.
pub(super) const KEPT_INPUT: usize = 64;

/// An owned copy of an error pcap-parser reported while reading blocks,
/// keeping at most [`KEPT_INPUT`] bytes of the input it points at.
fn owned(e: &PcapError<&[u8]>) -> ParserError {
    match e {
        PcapError::NomError(input, kind) => {
            PcapError::OwnedNomError(input[..input.len().min(KEPT_INPUT)].to_vec(), *kind)
        }
        PcapError::OwnedNomError(input, kind) => {
            PcapError::OwnedNomError(input[..input.len().min(KEPT_INPUT)].to_vec(), *kind)
        }
        other => other.to_owned_vec(),
    }
}

/// Reads until `buf` is full or the source ends; returns the bytes read.
fn read_full<R: Read>(r: &mut R, buf: &mut [u8]) -> io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match r.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}
