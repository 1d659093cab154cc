//! Helpers for deliberately mean captures (tests/hostile.rs): a counting
//! allocator to measure peak memory, a TCP/pcap writer that can reorder, cut
//! and flood segments (on the library's `wsdissect::capture::write`), a
//! record sink that keeps counts instead of records, and a small
//! deterministic random generator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use wsdissect::analyze::{analyze, Options};
use wsdissect::capture::write::{self, PcapFile, PcapngSection};
use wsdissect::capture::{CaptureError, CaptureReader};
use wsdissect::model::Record;

/// 1 MiB.
pub const MIB: usize = 1 << 20;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

/// A global allocator that counts the bytes currently allocated and the
/// peak. Install it in a test binary with
/// `#[global_allocator] static A: CountingAlloc = CountingAlloc;`.
pub struct CountingAlloc;

/// Allocations made so far (not reallocations): what `malloc` costs is
/// per call, whatever the size.
pub fn allocations() -> usize {
    ALLOCATIONS.load(Ordering::Relaxed)
}

fn grew(n: usize) {
    let now = CURRENT.fetch_add(n, Ordering::Relaxed) + n;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

fn shrank(n: usize) {
    CURRENT.fetch_sub(n, Ordering::Relaxed);
}

// SAFETY: every call is forwarded to the system allocator unchanged, with
// the caller's own guarantees; only counters are updated on the side.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `alloc`'s contract (non-zero size).
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            grew(l.size());
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        }
        p
    }
    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { System.alloc_zeroed(l) };
        if !p.is_null() {
            grew(l.size());
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        // SAFETY: `p` came from this allocator, that is from `System`, with `l`.
        unsafe { System.dealloc(p, l) };
        shrank(l.size());
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        // SAFETY: `p` came from `System` with `l`; the caller upholds the
        // rest of `realloc`'s contract.
        let q = unsafe { System.realloc(p, l, new) };
        if !q.is_null() {
            if new >= l.size() {
                grew(new - l.size());
            } else {
                shrank(l.size() - new);
            }
        }
        q
    }
}

static SERIAL: Mutex<()> = Mutex::new(());

/// Runs the tests of a binary one at a time (`cargo test` runs them on
/// threads of one process, and one global counter cannot tell them apart).
/// Take it first thing in every test of a binary that measures memory.
pub fn serial() -> MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

/// Bytes allocated now (with [`CountingAlloc`] installed).
pub fn current() -> usize {
    CURRENT.load(Ordering::Relaxed)
}

/// Runs `f` and returns its result with the peak number of bytes allocated
/// at once while it ran, above what was allocated when it started.
/// (Meaningful only with [`CountingAlloc`] installed and under [`serial`].)
pub fn peak_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = CURRENT.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let r = f();
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
    (r, peak)
}

/// What an analysis produced, without keeping the records.
#[derive(Debug, Default)]
pub struct Tally {
    /// All records.
    pub records: u64,
    /// Frame records, and how many of them are complete.
    pub frames: u64,
    /// Complete frame records.
    pub complete_frames: u64,
    /// Message records.
    pub messages: u64,
    /// Messages marked complete.
    pub complete_messages: u64,
    /// Handshake records.
    pub handshakes: u64,
    /// Connection records.
    pub connections: u64,
    /// Notes per rule, with the first message of each.
    pub notes: BTreeMap<&'static str, (u64, String)>,
    /// Whether the last record was the summary.
    pub ends_with_summary: bool,
    /// The summary's error.
    pub summary_error: Option<String>,
    /// The largest payload kept in a frame record.
    pub max_frame_payload: usize,
    /// The largest text or data kept in a message record.
    pub max_message_content: usize,
}

impl Tally {
    /// Files one record.
    pub fn push(&mut self, rec: &Record) {
        self.records += 1;
        self.ends_with_summary = false;
        match rec {
            Record::Frame(f) => {
                self.frames += 1;
                self.complete_frames += u64::from(f.complete);
                self.max_frame_payload = self.max_frame_payload.max(f.payload.len());
            }
            Record::Message(m) => {
                self.messages += 1;
                self.complete_messages += u64::from(m.complete);
                let n = m.text.as_ref().map_or(0, |t| t.len())
                    + m.data_base64.as_ref().map_or(0, |d| d.len());
                self.max_message_content = self.max_message_content.max(n);
            }
            Record::Handshake(_) => self.handshakes += 1,
            Record::Connection(_) => self.connections += 1,
            Record::Note(n) => {
                let e = self
                    .notes
                    .entry(n.rule)
                    .or_insert_with(|| (0, n.message.clone()));
                e.0 += 1;
            }
            Record::Summary(s) => {
                self.ends_with_summary = true;
                self.summary_error = s.error.clone();
            }
            _ => {}
        }
    }

    /// How many notes cite `rule`.
    pub fn count(&self, rule: &str) -> u64 {
        self.notes.get(rule).map_or(0, |n| n.0)
    }

    /// The first message of a note citing `rule` ("" if none).
    pub fn message(&self, rule: &str) -> &str {
        self.notes.get(rule).map_or("", |n| n.1.as_str())
    }
}

/// Runs the whole analysis over capture bytes with `opts`, keeping only a
/// [`Tally`]; measures the peak memory of the analysis (the input bytes
/// themselves are allocated before the measurement starts).
pub fn tally(name: &str, bytes: Vec<u8>, opts: &Options) -> (Result<Tally, CaptureError>, usize) {
    let name = name.to_string();
    peak_during(move || {
        let mut reader = CaptureReader::from_reader(&name, std::io::Cursor::new(bytes))?;
        let mut t = Tally::default();
        let mut sink = |r: Record| t.push(&r);
        let res = analyze(&mut reader, opts, &mut sink);
        assert!(t.ends_with_summary, "the last record must be the summary");
        assert_eq!(
            t.summary_error,
            res.as_ref().err().map(|e| e.to_string()),
            "the summary must carry the error"
        );
        res.map(|()| t)
    })
}

/// Every record of an analysis serialized as one JSON line each, with the
/// error that stopped reading.
pub fn json_lines(
    name: &str,
    bytes: Vec<u8>,
    opts: &Options,
) -> Result<(Vec<String>, Option<CaptureError>), CaptureError> {
    let mut reader = CaptureReader::from_reader(name, std::io::Cursor::new(bytes))?;
    let mut out = Vec::new();
    let mut sink = |r: Record| out.push(serde_json::to_string(&r).unwrap());
    let res = analyze(&mut reader, opts, &mut sink);
    Ok((out, res.err()))
}

/// Frame number and file offset of every packet of a capture.
pub fn packet_offsets(bytes: &[u8]) -> Vec<(u64, u64)> {
    let mut reader =
        CaptureReader::from_reader("offsets", std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut out = Vec::new();
    reader
        .for_each_packet(|p| {
            out.push((p.number, p.file_offset));
            std::ops::ControlFlow::Continue(())
        })
        .unwrap();
    out
}

/// A small deterministic generator (xorshift64*), so "random" damage is the
/// same on every run.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (0 is replaced by a constant).
    pub fn new(seed: u64) -> Rng {
        Rng(if seed == 0 {
            0x9e37_79b9_7f4a_7c15
        } else {
            seed
        })
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
}

/// SYN flag for [`Pcap::tcp`].
pub const SYN: u8 = write::TCP_SYN;
/// FIN flag.
pub const FIN: u8 = write::TCP_FIN;
/// RST flag.
pub const RST: u8 = write::TCP_RST;
/// ACK flag.
pub const ACK: u8 = write::TCP_ACK;

/// A classic pcap (LINKTYPE_RAW, IPv4, microseconds) written packet by
/// packet, with full control over sequence numbers and snaplen cuts.
#[derive(Debug)]
pub struct Pcap {
    /// The file so far.
    pub bytes: Vec<u8>,
    t: u64,
}

impl Default for Pcap {
    fn default() -> Self {
        Self::new()
    }
}

impl Pcap {
    /// A file with just its header.
    pub fn new() -> Pcap {
        Self::with_capacity(0)
    }

    /// Same, reserving room for `n` bytes up front.
    pub fn with_capacity(n: usize) -> Pcap {
        let mut bytes = Vec::with_capacity(n + 24);
        PcapFile::default().header(&mut bytes);
        Pcap { bytes, t: 0 }
    }

    /// A record with `captured` bytes of a packet `orig_len` bytes long.
    pub fn record(&mut self, captured: &[u8], orig_len: u32) {
        self.t += 1;
        let secs = 1_700_000_000 + (self.t / 1_000_000) as u32;
        let usecs = (self.t % 1_000_000) as u32;
        PcapFile::default().record(&mut self.bytes, secs, usecs, captured, orig_len);
    }

    /// An IPv4/TCP packet. `payload` is the whole payload on the wire; only
    /// the first `snap` bytes of the packet (headers included) are captured
    /// when `snap` is given.
    #[allow(clippy::too_many_arguments)]
    pub fn tcp(
        &mut self,
        src: ([u8; 4], u16),
        dst: ([u8; 4], u16),
        seq: u32,
        ack: u32,
        flags: u8,
        payload: &[u8],
        snap: Option<usize>,
    ) {
        let p = tcp_packet(src, dst, seq, ack, flags, payload);
        let cap = snap.map_or(p.len(), |s| s.min(p.len()));
        self.record(&p[..cap], p.len() as u32);
    }
}

/// The bytes of an IPv4/TCP packet (LINKTYPE_RAW), checksums left zero.
pub fn tcp_packet(
    src: ([u8; 4], u16),
    dst: ([u8; 4], u16),
    seq: u32,
    ack: u32,
    flags: u8,
    payload: &[u8],
) -> Vec<u8> {
    write::ipv4_tcp(src, dst, seq, ack, flags, payload)
}

/// A little-endian pcapng file: a section header, one interface
/// (LINKTYPE_RAW) with the given `if_tsresol`, and enhanced packet blocks.
#[derive(Debug)]
pub struct Pcapng {
    /// The file so far.
    pub bytes: Vec<u8>,
}

impl Pcapng {
    /// The section header and the interface description.
    pub fn new(tsresol: u8) -> Pcapng {
        let mut bytes = Vec::new();
        let s = PcapngSection::default();
        s.section_header(&mut bytes);
        s.interface(&mut bytes, 101, write::DEFAULT_SNAPLEN, Some(tsresol));
        Pcapng { bytes }
    }

    /// An enhanced packet block on interface 0 at `ticks` units of the
    /// interface's resolution.
    pub fn epb(&mut self, ticks: u64, data: &[u8]) {
        PcapngSection::default().packet(&mut self.bytes, 0, ticks, data, data.len() as u32);
    }
}

/// One TCP connection being written into a [`Pcap`], tracking sequence
/// numbers so segments can be sent in order, out of order or cut.
#[derive(Debug, Clone, Copy)]
pub struct Conn {
    /// Client address and port.
    pub client: ([u8; 4], u16),
    /// Server address and port.
    pub server: ([u8; 4], u16),
    /// Next client sequence number.
    pub cseq: u32,
    /// Next server sequence number.
    pub sseq: u32,
}

impl Conn {
    /// A connection between the given endpoints; writes SYN and SYN-ACK.
    pub fn open(pcap: &mut Pcap, client: ([u8; 4], u16), server: ([u8; 4], u16)) -> Conn {
        let mut c = Conn {
            client,
            server,
            cseq: 1000,
            sseq: 5000,
        };
        pcap.tcp(client, server, c.cseq, 0, SYN, &[], None);
        c.cseq += 1;
        pcap.tcp(server, client, c.sseq, c.cseq, SYN | ACK, &[], None);
        c.sseq += 1;
        c
    }

    /// The default test connection 10.0.0.1:40000 → 10.0.0.2:8080.
    pub fn default_open(pcap: &mut Pcap) -> Conn {
        Conn::open(pcap, ([10, 0, 0, 1], 40000), ([10, 0, 0, 2], 8080))
    }

    /// Sends `data` in order from the client (`true`) or the server.
    pub fn send(&mut self, pcap: &mut Pcap, from_client: bool, data: &[u8]) {
        self.send_at(pcap, from_client, 0, data, None);
        if from_client {
            self.cseq = self.cseq.wrapping_add(data.len() as u32);
        } else {
            self.sseq = self.sseq.wrapping_add(data.len() as u32);
        }
    }

    /// Sends `data` in segments of at most `mss` bytes.
    pub fn send_segmented(&mut self, pcap: &mut Pcap, from_client: bool, data: &[u8], mss: usize) {
        for chunk in data.chunks(mss) {
            self.send(pcap, from_client, chunk);
        }
    }

    /// Sends `data` at `ahead` bytes past the next expected sequence number
    /// without advancing it (out of order), optionally snaplen-cut.
    pub fn send_at(
        &self,
        pcap: &mut Pcap,
        from_client: bool,
        ahead: u32,
        data: &[u8],
        snap: Option<usize>,
    ) {
        if from_client {
            pcap.tcp(
                self.client,
                self.server,
                self.cseq.wrapping_add(ahead),
                self.sseq,
                ACK,
                data,
                snap,
            );
        } else {
            pcap.tcp(
                self.server,
                self.client,
                self.sseq.wrapping_add(ahead),
                self.cseq,
                ACK,
                data,
                snap,
            );
        }
    }

    /// FIN from both sides.
    pub fn close(&mut self, pcap: &mut Pcap) {
        pcap.tcp(
            self.client,
            self.server,
            self.cseq,
            self.sseq,
            FIN | ACK,
            &[],
            None,
        );
        self.cseq = self.cseq.wrapping_add(1);
        pcap.tcp(
            self.server,
            self.client,
            self.sseq,
            self.cseq,
            FIN | ACK,
            &[],
            None,
        );
        self.sseq = self.sseq.wrapping_add(1);
    }
}

/// The RFC 6455 §1.2 upgrade request, with extra header lines.
pub fn upgrade_request(extra: &str) -> Vec<u8> {
    format!(
        "GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n{extra}\r\n"
    )
    .into_bytes()
}

/// The matching 101 response, with extra header lines.
pub fn upgrade_response(extra: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n{extra}\r\n"
    )
    .into_bytes()
}

/// A WebSocket connection of `frames` short text frames, each in a packet
/// of its own, client (masked) and server in turn; frame `i` says
/// `text(i)`. Then the connection closes.
pub fn alternating_text_frames(frames: usize, text: impl Fn(usize) -> String) -> Vec<u8> {
    let (mut pcap, mut c) = ws_connection("", "");
    for i in 0..frames {
        let client = i % 2 == 0;
        let f = super::ws_frame(true, false, 1, text(i).as_bytes(), client);
        c.send(&mut pcap, client, &f);
    }
    c.close(&mut pcap);
    pcap.bytes
}

/// A pcap with a completed WebSocket handshake on the default connection,
/// ready for frames.
pub fn ws_connection(req_extra: &str, resp_extra: &str) -> (Pcap, Conn) {
    let mut pcap = Pcap::new();
    let mut c = Conn::default_open(&mut pcap);
    c.send(&mut pcap, true, &upgrade_request(req_extra));
    c.send(&mut pcap, false, &upgrade_response(resp_extra));
    (pcap, c)
}

/// A frame header (minimal length encoding unless `len` needs more), with
/// the fixed test key when masked. The payload is not included.
pub fn frame_header(fin: bool, rsv1: bool, opcode: u8, len: u64, masked: bool) -> Vec<u8> {
    let mut out = vec![u8::from(fin) << 7 | u8::from(rsv1) << 6 | opcode];
    let m = u8::from(masked) << 7;
    if len < 126 {
        out.push(m | len as u8);
    } else if len < 65536 {
        out.push(m | 126);
        out.extend_from_slice(&(len as u16).to_be_bytes());
    } else {
        out.push(m | 127);
        out.extend_from_slice(&len.to_be_bytes());
    }
    if masked {
        out.extend_from_slice(&[0x37, 0xfa, 0x21, 0x3d]);
    }
    out
}
