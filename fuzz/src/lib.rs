//! Helpers shared by the fuzz targets: valid capture headers to prepend
//! (written by `wsdissect::capture::write`, as the tests' captures are), a
//! structured "TCP segments → pcap" builder, and a sink that counts records
//! while exercising both output formats.

use std::io::{self, Cursor};

use wsdissect::analyze::{analyze, Options};
use wsdissect::capture::write::{self, Endian, PcapFile, PcapngSection};
use wsdissect::capture::{CaptureReader, LinkType, Timestamp};
use wsdissect::dissect::RecordSink;
use wsdissect::model::Record;

/// Link types the reader and the link layer know, picked by an input byte.
pub const LINK_TYPES: [u32; 11] = [101, 1, 0, 108, 113, 276, 228, 229, 12, 14, 147];

/// A classic pcap file header. `variant` bit 0: big-endian; bit 1: nanosecond
/// timestamps.
pub fn pcap_header(link: u32, variant: u8) -> Vec<u8> {
    PcapFile {
        endian: if variant & 1 != 0 {
            Endian::Big
        } else {
            Endian::Little
        },
        nanos: variant & 2 != 0,
        snaplen: write::DEFAULT_SNAPLEN,
        link: LinkType(link),
    }
    .header_bytes()
}

/// A little-endian pcapng section header block followed by one interface
/// description block for `link`, with an `if_tsresol` option when given.
pub fn pcapng_header(link: u32, tsresol: Option<u8>) -> Vec<u8> {
    let mut out = Vec::new();
    let s = PcapngSection::default();
    s.section_header(&mut out);
    s.interface(&mut out, link as u16, write::DEFAULT_SNAPLEN, tsresol);
    out
}

/// Analysis options chosen by one input byte, so the fuzzer also explores
/// the small-limit paths (caps, budgets) that default limits only reach with
/// megabytes of input.
///
/// bit 0: packet records; bit 1: no guessing; bit 2: `--ws-port 8080`;
/// bit 3: tiny limits; bit 5: the key logs of the wss:// samples
/// ([`sample_keylog`]), so that inputs grown from those samples are decrypted
/// and their mutations reach the decrypting pipeline. (Bit 4 is read by
/// [`run_pipeline`]'s caller: render every record as NDJSON and as a text
/// line too, see [`Counting`].)
pub fn options(cfg: u8) -> Options {
    let mut o = Options {
        packets: cfg & 1 != 0,
        ..Options::default()
    };
    o.dissect.guess = cfg & 2 == 0;
    if cfg & 4 != 0 {
        o.dissect.ws_ports = vec![8080];
    }
    if cfg & 8 != 0 {
        o.dissect.max_payload = 100;
        o.dissect.max_message = 300;
        o.dissect.max_http_head = 200;
        o.tcp.max_out_of_order = 1500;
        o.tcp.retransmit_window = 32;
    }
    if cfg & 32 != 0 {
        o.dissect.keylog = sample_keylog();
    }
    o
}

/// Every `samples/*.keys` file in one key log, read once.
pub fn sample_keylog() -> std::sync::Arc<wsdissect::tls::KeyLog> {
    static KEYS: std::sync::OnceLock<std::sync::Arc<wsdissect::tls::KeyLog>> =
        std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples");
        let mut text = String::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if entry.path().extension().is_some_and(|e| e == "keys") {
                text.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
                text.push('\n');
            }
        }
        std::sync::Arc::new(wsdissect::tls::KeyLog::parse_str(&text, "samples/*.keys"))
    })
    .clone()
}

/// How many records of one execution [`Counting`] renders.
pub const RENDERED: u64 = 256;

/// Counts records and, when `render` is set, renders the first
/// [`RENDERED`] of them in both output formats (NDJSON and text lines) into a
/// sink, so serialization is fuzzed too; the NDJSON both by serde_json and by
/// `dump`'s own writer, which must agree byte for byte. Rendering costs more than the
/// analysis itself (an input can describe tens of thousands of frames), so
/// only inputs whose options byte has bit 4 set pay for it, and only for
/// their first records.
#[derive(Debug, Default)]
pub struct Counting {
    /// Render the first [`RENDERED`] records (NDJSON and text).
    pub render: bool,
    /// Records seen.
    pub records: u64,
    /// Whether the last record seen was a summary.
    pub last_was_summary: bool,
    /// The summary's `error` field.
    pub summary_error: Option<String>,
    t0: Option<Timestamp>,
}

impl RecordSink for Counting {
    fn record(&mut self, rec: Record) {
        self.records += 1;
        if self.render && self.records <= RENDERED {
            // `dump`'s own JSON writer must write what serde_json writes,
            // for any record (src/model/json.rs).
            let plain = serde_json::to_vec(&rec);
            let mut direct = Vec::new();
            let ours = wsdissect::model::serialize_direct(&mut direct, |s| {
                serde::Serialize::serialize(&rec, s)
            });
            assert_eq!(plain.is_ok(), ours.is_ok(), "one serializer failed: {rec:?}");
            if let Ok(plain) = plain {
                assert!(plain == direct, "dump's JSON differs from serde_json's: {rec:?}");
            }
            let _ = wsdissect::cli::text::write_line(&mut io::sink(), &rec, &mut self.t0);
        }
        self.last_was_summary = matches!(rec, Record::Summary(_));
        if let Record::Summary(s) = &rec {
            self.summary_error = s.error.clone();
        }
    }
}

/// Runs the whole pipeline over a capture in memory and checks the promises
/// `analyze` makes: the last record is a summary, and it carries the error
/// that stopped reading.
pub fn run_pipeline(bytes: Vec<u8>, opts: &Options, render: bool) {
    save_for_replay(&bytes);
    let Ok(mut reader) = CaptureReader::from_reader("fuzz", Cursor::new(bytes)) else {
        return;
    };
    let mut sink = Counting {
        render,
        ..Counting::default()
    };
    let res = analyze(&mut reader, opts, &mut sink);
    assert!(sink.last_was_summary, "the last record must be a summary");
    assert_eq!(
        sink.summary_error,
        res.as_ref().err().map(|e| e.to_string()),
        "the summary must carry the capture error"
    );
}

/// When `WSDISSECT_FUZZ_SAVE=path` is set, writes the capture a pipeline
/// target built to `path`, so a crashing input can be opened with
/// `wsdissect dump path` (or Wireshark) and inlined into a regression test.
pub fn save_for_replay(bytes: &[u8]) {
    static PATH: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    if let Some(p) = PATH.get_or_init(|| std::env::var("WSDISSECT_FUZZ_SAVE").ok()) {
        let _ = std::fs::write(p, bytes);
    }
}

/// Builds a LINKTYPE_RAW IPv4 pcap of up to two TCP connections from a
/// compact description, so that the fuzzer spends its time on TCP
/// reassembly, HTTP and WebSocket states instead of on capture headers.
///
/// Input layout:
///
/// - byte 0: [`options`] bits (bit 4: render records).
/// - byte 1: prelude bits. bit 0: SYN/SYN-ACK for both connections; bit 1:
///   an RFC 6455 §1.2 upgrade request and its 101 on connection 0; bit 2:
///   with permessage-deflate offered and accepted; bit 3: with
///   `client_no_context_takeover; server_no_context_takeover`; bit 4: the
///   same handshake on connection 1.
/// - then segments until the input ends, each:
///   - flags byte: bit 0 connection (0/1), bit 1 from the server, bit 2 SYN,
///     bit 3 FIN, bit 4 RST, bit 5 an explicit sequence delta follows,
///     bit 6 a snaplen cut follows, bit 7 length in units of 64 bytes;
///   - length byte;
///   - if bit 5: i16 (big-endian) added to the expected sequence number
///     (reordering, overlaps, holes, retransmissions);
///   - if bit 6: how many payload bytes were captured (the rest is "cut");
///   - payload: `length` bytes taken from the input, zero-padded when the
///     input runs out.
pub fn tcp_capture(data: &[u8]) -> Option<(Options, bool, Vec<u8>)> {
    let (&cfg, rest) = data.split_first()?;
    let (&prelude, mut rest) = rest.split_first()?;
    let opts = options(cfg);
    let mut cap = TcpCapture::new();
    if prelude & 1 != 0 || prelude & 2 != 0 {
        for conn in 0..2 {
            cap.segment(conn, false, SYN, None, &[], None);
            cap.segment(conn, true, SYN, None, &[], None);
        }
    }
    for conn in 0..2 {
        let on = if conn == 0 {
            prelude & 2 != 0
        } else {
            prelude & 16 != 0
        };
        if !on {
            continue;
        }
        let (ext_req, ext_resp) = match (prelude & 4 != 0, prelude & 8 != 0) {
            (false, _) => ("", ""),
            (true, false) => (
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n",
                "Sec-WebSocket-Extensions: permessage-deflate\r\n",
            ),
            (true, true) => (
                "Sec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover; server_no_context_takeover\r\n",
                "Sec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover; server_no_context_takeover\r\n",
            ),
        };
        let req = format!(
            "GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n{ext_req}\r\n"
        );
        let resp = format!(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n{ext_resp}\r\n"
        );
        cap.segment(conn, false, 0, None, req.as_bytes(), None);
        cap.segment(conn, true, 0, None, resp.as_bytes(), None);
    }
    let take = |n: usize, rest: &mut &[u8]| -> Vec<u8> {
        let k = n.min(rest.len());
        let mut v = rest[..k].to_vec();
        *rest = &rest[k..];
        v.resize(n, 0);
        v
    };
    while !rest.is_empty() {
        let f = take(2, &mut rest);
        let (flags, len) = (f[0], f[1]);
        let conn = usize::from(flags & 1);
        let from_server = flags & 2 != 0;
        let tcp_flags = flags & (SYN | FIN | RST);
        let delta = if flags & 32 != 0 {
            let d = take(2, &mut rest);
            Some(i16::from_be_bytes([d[0], d[1]]))
        } else {
            None
        };
        let captured = if flags & 64 != 0 {
            Some(usize::from(take(1, &mut rest)[0]))
        } else {
            None
        };
        let len = if flags & 128 != 0 {
            usize::from(len) * 64
        } else {
            usize::from(len)
        };
        let payload = take(len, &mut rest);
        cap.segment(conn, from_server, tcp_flags, delta, &payload, captured);
    }
    Some((opts, cfg & 16 != 0, cap.out))
}

/// SYN in [`TcpCapture::segment`]'s flags.
pub const SYN: u8 = 4;
/// FIN in [`TcpCapture::segment`]'s flags.
pub const FIN: u8 = 8;
/// RST in [`TcpCapture::segment`]'s flags.
pub const RST: u8 = 16;

/// A pcap (LINKTYPE_RAW, IPv4) being written segment by segment.
#[derive(Debug)]
pub struct TcpCapture {
    /// The file so far.
    pub out: Vec<u8>,
    t: u32,
    /// Next sequence number per connection and side (client, server).
    next: [[u32; 2]; 2],
    isn: [[u32; 2]; 2],
}

impl Default for TcpCapture {
    fn default() -> Self {
        Self::new()
    }
}

impl TcpCapture {
    /// An empty capture with the file header written. Connection 1's client
    /// starts just below 2^32 so its sequence numbers wrap.
    pub fn new() -> TcpCapture {
        let isn: [[u32; 2]; 2] = [[1000, 5000], [0xffff_fff0, 0x7fff_ffff]];
        TcpCapture {
            out: pcap_header(101, 0),
            t: 0,
            next: [
                [isn[0][0].wrapping_add(1), isn[0][1].wrapping_add(1)],
                [isn[1][0].wrapping_add(1), isn[1][1].wrapping_add(1)],
            ],
            isn,
        }
    }

    /// Appends one segment. `flags` uses [`SYN`], [`FIN`], [`RST`]; every
    /// segment but the client's SYN carries ACK. `captured` cuts the payload
    /// as a snaplen would (the IP length still tells the full size).
    pub fn segment(
        &mut self,
        conn: usize,
        from_server: bool,
        flags: u8,
        delta: Option<i16>,
        payload: &[u8],
        captured: Option<usize>,
    ) {
        let side = usize::from(from_server);
        let syn = flags & SYN != 0;
        let seq = if syn {
            self.isn[conn][side]
        } else {
            let s = self.next[conn][side];
            match delta {
                Some(d) => s.wrapping_add(d as i32 as u32),
                None => s,
            }
        };
        let ack = self.next[conn][1 - side];
        let mut tcp_flags = 0u8;
        if flags & FIN != 0 {
            tcp_flags |= write::TCP_FIN;
        }
        if syn {
            tcp_flags |= write::TCP_SYN;
        }
        if flags & RST != 0 {
            tcp_flags |= write::TCP_RST;
        }
        if !syn || from_server {
            tcp_flags |= write::TCP_ACK;
        }
        let consumed = payload.len() as u32 + u32::from(syn) + u32::from(flags & FIN != 0);
        self.next[conn][side] = seq.wrapping_add(consumed);
        let cport = 40000 + conn as u16;
        let (src, dst, sport, dport) = if from_server {
            ([10, 0, 0, 2], [10, 0, 0, 1], 8080u16, cport)
        } else {
            ([10, 0, 0, 1], [10, 0, 0, 2], cport, 8080u16)
        };
        let mut pkt = write::ipv4_tcp((src, sport), (dst, dport), seq, ack, tcp_flags, payload);
        let wire_len = pkt.len() as u32;
        pkt.truncate(40 + captured.map_or(payload.len(), |c| c.min(payload.len())));
        self.t += 1;
        PcapFile::default().record(&mut self.out, 1_700_000_000, self.t, &pkt, wire_len);
    }
}
