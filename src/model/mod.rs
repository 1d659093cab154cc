//! The one dissection model.
//!
//! Everything wsdissect knows about a capture is a stream of [`Record`]s:
//! connections, HTTP messages, handshakes, WebSocket frames, messages and
//! notes. `dump` serializes them as they are produced (NDJSON: one line per
//! record, constant memory); the TUI collects them into a [`Dissection`] and
//! renders it. No view re-parses bytes: every byte range a view highlights
//! is in these types.
//!
//! The JSON form is documented in `docs/json.md`; [`SCHEMA_VERSION`] changes
//! whenever a field changes meaning or disappears.

pub mod codec;
mod collect;
mod json;
mod payload;
pub mod rules;
mod serde_helpers;

pub use collect::Dissection;
pub use json::{serialize_direct, JsonOut};
pub use payload::{Payload, Text};
pub use rules::Rule;
pub use serde_helpers::{b64, base64_into, hex4, json_string_into, opt_b64, opt_text, text};

use std::net::SocketAddr;
use std::ops::Range;

use schemars::JsonSchema;
use serde::Serialize;
pub use smallvec::{smallvec, SmallVec};

use crate::capture::{CaptureFormat, LinkType, Timestamp};
use crate::net::{ConnSummary, StreamId, TcpFlags};
use crate::ws::accept::AcceptSteps;
use crate::ws::deflate::DeflateParams;
use crate::ws::extensions::ExtensionOffer;
use crate::ws::frame::{FrameHeader, Opcode};

/// Direction of a byte stream within a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// From the side that opened the connection (sent the SYN).
    ClientToServer,
    /// From the side that accepted it.
    ServerToClient,
}

impl Direction {
    /// 0 for client→server, 1 for server→client (array index).
    pub fn index(self) -> usize {
        match self {
            Direction::ClientToServer => 0,
            Direction::ServerToClient => 1,
        }
    }
    /// The other direction.
    pub fn reverse(self) -> Direction {
        match self {
            Direction::ClientToServer => Direction::ServerToClient,
            Direction::ServerToClient => Direction::ClientToServer,
        }
    }
    /// An arrow for list views: `→` client to server, `←` back.
    pub fn arrow(self) -> &'static str {
        match self {
            Direction::ClientToServer => "→",
            Direction::ServerToClient => "←",
        }
    }
    /// The direction with this array index (see [`Direction::index`]).
    pub(crate) fn from_index(i: usize) -> Direction {
        if i == 0 {
            Direction::ClientToServer
        } else {
            Direction::ServerToClient
        }
    }
}

/// Packet counts for a whole capture.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PacketCounts {
    /// Every packet record.
    pub packets: u64,
    /// Packets that carried a TCP segment.
    pub tcp: u64,
    /// Packets passed over: not IP, not TCP, IP fragments, malformed.
    pub other: u64,
    /// Packets on a link type wsdissect does not decode.
    pub unsupported_link: u64,
}

/// Version of the JSON records; bumped on incompatible changes.
pub const SCHEMA_VERSION: u32 = 3;

/// One unit of output, in the order the analysis completes it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Record {
    /// First record: what was opened.
    Capture(CaptureInfo),
    /// A packet (only when packets are asked for: the TUI, `dump --packets`).
    Packet(PacketInfo),
    /// A TCP connection was seen for the first time.
    Connection(ConnectionInfo),
    /// An HTTP request or response head (the handshake, and keep-alive
    /// requests before it).
    Http(HttpMessage),
    /// A WebSocket opening handshake: request, response, and their checks.
    Handshake(Box<Handshake>),
    /// A WebSocket frame.
    Frame(Box<WsFrame>),
    /// A complete WebSocket data message (after defragmentation and
    /// decompression).
    Message(Box<WsMessage>),
    /// A TLS record (`wss://`), decrypted or not.
    TlsRecord(Box<TlsRecord>),
    /// An RFC violation or capture problem.
    Note(Note),
    /// A connection's totals, once it is over: after its last packets (the
    /// ACK of the last FIN), when a new SYN reuses its addresses, TIME_WAIT
    /// passed, or the capture ended (docs/json.md).
    Stream(Box<StreamSummary>),
    /// Last record: totals, and the error that stopped reading, if any.
    Summary(Summary),
}

/// What was opened.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CaptureInfo {
    /// JSON schema version.
    pub schema_version: u32,
    /// The file as given (`-` for stdin).
    pub file: String,
    /// pcap or pcapng.
    pub format: CaptureFormat,
    /// wsdissect version that wrote this.
    pub wsdissect_version: &'static str,
}

/// A captured packet with its decoded layers and their byte ranges.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PacketInfo {
    /// Frame number (Wireshark's `No.`).
    pub frame: u64,
    /// Capture time.
    pub ts: Timestamp,
    /// Captured length.
    pub caplen: u32,
    /// Length on the wire.
    pub orig_len: u32,
    /// Link type.
    pub link_type: LinkType,
    /// Link-layer header bytes.
    pub link_header: Range<usize>,
    /// IP layer, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip: Option<crate::net::IpInfo>,
    /// TCP layer, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tcp: Option<PacketTcp>,
    /// Why the packet is not TCP, if it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_tcp: Option<String>,
}

/// TCP details of a packet.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PacketTcp {
    /// Stream number.
    pub stream: StreamId,
    /// Direction within the stream.
    pub direction: Direction,
    /// Source endpoint.
    pub src: SocketAddr,
    /// Destination endpoint.
    pub dst: SocketAddr,
    /// Raw sequence number.
    pub seq: u32,
    /// Raw acknowledgment number.
    pub ack: u32,
    /// Flags.
    pub flags: TcpFlags,
    /// The window field as sent (tshark's `tcp.window_size_value`).
    pub window: u16,
    /// The window in bytes (tshark's `tcp.window_size`): `window` shifted
    /// by the scale both SYNs agreed on (RFC 7323 §2.2); unscaled when the
    /// SYNs were not seen, on SYNs, and without scaling.
    pub window_size: u32,
    /// tshark's `tcp.window_size_scalefactor`: the multiplier, -1 when the
    /// handshake was not seen (unknown), -2 when a SYN said no scaling.
    /// Absent on SYNs, as in tshark.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window_size_scalefactor: Option<crate::net::WindowScale>,
    /// Payload length on the wire (tshark's `tcp.len`; `payload` may be
    /// shorter when the snaplen cut the packet).
    pub len: u32,
    /// Sequence number relative to the direction's first (tshark's
    /// `tcp.seq`); absent for a late packet of a connection already over.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seq_rel: Option<u32>,
    /// Acknowledgment number relative to the other direction's first
    /// (tshark's `tcp.ack`), when ACK is set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ack_rel: Option<u32>,
    /// Relative sequence number after this segment (tshark's `tcp.nxtseq`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_seq_rel: Option<u32>,
    /// Wireshark's TCP analysis of the packet, by its names
    /// (`tcp.analysis.<name>`: "retransmission", "duplicate_ack", ...).
    pub tcp_analysis: crate::net::AnalysisFlags,
    /// For a duplicate ACK: the ACK it repeats and its number in the run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dup_ack: Option<crate::net::analysis::DupAck>,
    /// For a retransmission: the packet that last advanced the sequence
    /// number before it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retransmitted_after: Option<u64>,
    /// The TCP options with their bytes in the packet.
    pub options: Vec<crate::net::TcpOption>,
    /// TCP header bytes.
    pub header: Range<usize>,
    /// Captured payload bytes.
    pub payload: Range<usize>,
}

impl PacketTcp {
    /// The packet's Info text as Wireshark's packet list words it
    /// (`[TCP Retransmission] 8080 → 40000 [PSH, ACK] Seq=1 Ack=1 Win=65536
    /// Len=5 TSval=… TSecr=…`), with the scaled window: one wording for
    /// `dump --format text` and the TUI.
    pub fn info(&self) -> String {
        let mut s = self.tcp_analysis.info_labels(self.dup_ack);
        s.push_str(&format!(
            "{} → {} [{}] Seq={}",
            self.src.port(),
            self.dst.port(),
            self.flags,
            self.seq_rel.unwrap_or(self.seq)
        ));
        if self.flags.ack {
            s.push_str(&format!(" Ack={}", self.ack_rel.unwrap_or(self.ack)));
        }
        s.push_str(&format!(" Win={} Len={}", self.window_size, self.len));
        // SACK edges are relative to the other direction's first sequence
        // number, as the ACK is
        let base = self.ack_rel.map_or(0, |r| self.ack.wrapping_sub(r));
        for o in &self.options {
            if let crate::net::analysis::TcpOptionValue::Sack { blocks } = &o.value {
                for b in blocks {
                    s.push_str(&format!(
                        " SLE={} SRE={}",
                        b.left.wrapping_sub(base),
                        b.right.wrapping_sub(base)
                    ));
                }
            } else if let Some(t) = o.value.info() {
                s.push(' ');
                s.push_str(&t);
            }
        }
        s
    }
}

/// A TCP connection when first seen.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ConnectionInfo {
    /// Wireshark's `tcp.stream`.
    pub stream: StreamId,
    /// The side that opened it.
    pub client: SocketAddr,
    /// The side that accepted it.
    pub server: SocketAddr,
    /// True when no SYN was seen and the roles are a guess.
    pub roles_guessed: bool,
    /// First frame.
    pub first_frame: u64,
}

/// What a connection carries, judged from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Protocol {
    /// HTTP that upgraded to WebSocket.
    Websocket,
    /// WebSocket frames without a handshake in the capture (guessed).
    WebsocketGuessed,
    /// HTTP that did not upgrade.
    Http,
    /// TLS that was not decrypted (no keys, or keys that do not fit).
    Tls,
    /// HTTP/2 (seen decrypted or in cleartext): its streams, and a
    /// WebSocket inside one (RFC 8441), are not decoded.
    Http2,
    /// Something else.
    Other,
    /// No payload at all.
    Empty,
}

/// How a connection's first payload starts: what `streams` shows beside the
/// protocol, so that a student sees at once what an unknown connection is.
/// In JSON always the English text (`"SSH banner"`, `"other (16 03 …)"`);
/// the tables show [`FirstPayload::words`] in the `--lang` language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FirstPayload {
    /// An HTTP request or status line, as sent (at most 120 bytes).
    StartLine(Box<str>),
    /// A TLS handshake record carrying a ClientHello.
    TlsClientHello,
    /// Another TLS handshake record.
    TlsHandshake,
    /// An SSH version banner (`SSH-…`, RFC 4253 §4.2).
    SshBanner,
    /// Anything else: its first (at most 16) bytes in hex.
    Other(Box<str>),
}

impl FirstPayload {
    /// Describes a connection's first payload bytes.
    pub fn of(data: &[u8]) -> FirstPayload {
        if crate::http::looks_like_request(data) || crate::http::looks_like_response(data) {
            let line_end = data
                .iter()
                .position(|&b| b == b'\r' || b == b'\n')
                .unwrap_or(data.len())
                .min(120);
            return FirstPayload::StartLine(String::from_utf8_lossy(&data[..line_end]).into());
        }
        if data.len() >= 6 && data[0] == 0x16 && data[1] == 0x03 {
            return if data[5] == 1 {
                FirstPayload::TlsClientHello
            } else {
                FirstPayload::TlsHandshake
            };
        }
        if data.starts_with(b"SSH-") {
            return FirstPayload::SshBanner;
        }
        let n = data.len().min(16);
        let hex: Vec<String> = data[..n].iter().map(|b| format!("{b:02x}")).collect();
        FirstPayload::Other(hex.join(" ").into())
    }

    /// The description in `l`'s language (the JSON keeps English).
    pub fn words(&self, l: &crate::i18n::L10n) -> String {
        match self {
            FirstPayload::StartLine(line) => line.to_string(),
            FirstPayload::TlsClientHello => l.t("first-payload-tls-client-hello"),
            FirstPayload::TlsHandshake => l.t("first-payload-tls-handshake"),
            FirstPayload::SshBanner => l.t("first-payload-ssh-banner"),
            FirstPayload::Other(hex) => crate::tr!(l, "first-payload-other", hex = hex.as_ref()),
        }
    }
}

impl Serialize for FirstPayload {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.words(crate::i18n::L10n::get(crate::i18n::Lang::En)))
    }
}

impl JsonSchema for FirstPayload {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        String::schema_name()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(g)
    }
    fn inline_schema() -> bool {
        true
    }
}

impl Protocol {
    /// What a connection carries, in a few words, for pickers and titles.
    pub fn description(self) -> &'static str {
        match self {
            Protocol::Websocket => "WebSocket",
            Protocol::WebsocketGuessed => "WebSocket (guessed)",
            Protocol::Http => "HTTP",
            Protocol::Tls => "TLS (encrypted)",
            Protocol::Http2 => "HTTP/2",
            Protocol::Other => "other",
            Protocol::Empty => "no payload",
        }
    }

    /// What a connection carries, in one short word, for tables.
    pub fn name(self) -> &'static str {
        match self {
            Protocol::Websocket => "WebSocket",
            Protocol::WebsocketGuessed => "WebSocket?",
            Protocol::Http => "HTTP",
            Protocol::Tls => "TLS",
            Protocol::Http2 => "HTTP/2",
            Protocol::Other => "other",
            Protocol::Empty => "-",
        }
    }
}

/// A connection's totals: every packet of the connection, as Wireshark's
/// conversation table counts them. The one source of these numbers for
/// `dump`, `streams` and the TUI.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StreamSummary {
    /// Reassembly totals.
    #[serde(flatten)]
    pub tcp: ConnSummary,
    /// What it carries.
    pub protocol: Protocol,
    /// The first payload, described ("GET /ws HTTP/1.1", "TLS ClientHello").
    pub first_payload: Option<FirstPayload>,
    /// For a TLS connection: version, suite, SNI, ALPN, whether (and with
    /// which key-log lines) it was decrypted, or why not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls: Option<crate::tls::TlsSummary>,
    /// WebSocket frames per direction (client→server, server→client).
    pub ws_frames: [u64; 2],
    /// WebSocket messages per direction.
    pub ws_messages: [u64; 2],
    /// Bytes of HTTP heads (handshake included) per direction.
    pub http_head_bytes: [u64; 2],
    /// Bytes of WebSocket frame headers per direction.
    pub ws_header_bytes: [u64; 2],
    /// Bytes of WebSocket payload (as on the wire) per direction.
    pub ws_payload_bytes: [u64; 2],
    /// Pings sent per direction.
    pub ws_pings: [u64; 2],
    /// Pongs sent per direction.
    pub ws_pongs: [u64; 2],
    /// Compressed messages per direction (RFC 7692).
    pub compressed_messages: [u64; 2],
    /// Their bytes on the wire per direction.
    pub compressed_wire_bytes: [u64; 2],
    /// Their bytes after decompression per direction.
    pub decompressed_bytes: [u64; 2],
    /// How the WebSocket connection closed, if it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub close: Option<CloseSummary>,
}

/// The closing handshake as seen (RFC 6455 §7).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CloseSummary {
    /// Who sent the first close frame.
    pub initiator: Direction,
    /// Its code, if any.
    pub code: Option<u16>,
    /// Its reason.
    pub reason: String,
    /// Whether the other side answered with its own close frame.
    pub answered: bool,
    /// The packet of the first close frame.
    pub frame: u64,
    /// The packet of the other side's close frame that answered it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer_frame: Option<u64>,
}

/// The frame numbers of the packets that carried a unit, or the indexes of
/// a message's WebSocket frames. Most units fit in one or two packets, and
/// every WebSocket frame has such a list: held inline up to two, they cost
/// no allocation of their own (`dump` makes one record a frame).
pub type FrameList = SmallVec<[u64; 2]>;

/// Where a unit's bytes were carried, piece by piece ([`Span`]); inline when
/// the unit came in one piece, as most frames do.
pub type SpanList = SmallVec<[Span; 1]>;

/// Where a piece of a reassembled unit (HTTP head, WebSocket frame) was
/// carried: `len` bytes starting at `unit_offset` in the unit came from
/// `packet_offset` in frame `frame`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Span {
    /// Frame number of the packet.
    pub frame: u64,
    /// Offset in that packet's captured bytes; for decrypted bytes
    /// (`tls_record` set), the offset in that record's plaintext.
    pub packet_offset: u32,
    /// Offset within the unit.
    pub unit_offset: u64,
    /// Length.
    pub len: u64,
    /// For bytes that arrived encrypted: the TLS record (numbered per
    /// direction from 0) whose plaintext they are; `frame` is the packet
    /// that completed that record (Wireshark credits decrypted data there).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls_record: Option<u64>,
}

impl Span {
    /// Whether these bytes arrived encrypted (`tls_record` is set): then
    /// `packet_offset` is an offset in the record's plaintext, not in the
    /// packet, and the packet's bytes at that offset are not these bytes.
    pub fn is_decrypted(&self) -> bool {
        self.tls_record.is_some()
    }
}

/// Whether a unit (HTTP head, WebSocket frame) was decrypted from TLS
/// records: some of its spans carry a `tls_record`. Its bytes are then not
/// in any packet as such; an HTTP head's are in `raw`, a frame's come from
/// [`WsFrame::read_sent`].
pub fn spans_decrypted(spans: &[Span]) -> bool {
    spans.iter().any(Span::is_decrypted)
}

/// One piece of a connection's reassembled TCP stream, as the reassembler
/// delivered it (`TcpEvent::Data` and `TcpEvent::Gap`, `src/net/tcp.rs`):
/// the same events `wsdissect follow` writes, so the TUI's Follow view and
/// `follow` show one stream, Wireshark's "Follow TCP Stream". It holds no
/// bytes, only where they are: `len` bytes at `offset` in the direction's
/// stream, carried by packet `frame` from `packet_offset` in its captured
/// bytes. Not a JSON record (the TUI asks for it, `analyze_with_stream`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreamPiece {
    /// Stream number (`tcp.stream`).
    pub stream: StreamId,
    /// Direction.
    pub direction: Direction,
    /// Offset of the first byte in the direction's reassembled stream.
    pub offset: u64,
    /// How many bytes.
    pub len: u64,
    /// The packet that carried them; for a gap, the packet whose arrival
    /// (or the end of the connection) revealed it.
    pub frame: u64,
    /// Where the bytes start in that packet's captured bytes; `None` for a
    /// gap: bytes the capture does not have.
    pub packet_offset: Option<u32>,
}

/// How a byte of a followed stream is shown as text, as Wireshark's Follow
/// Stream ASCII view does: printable ASCII as itself, line breaks and tabs
/// kept, anything else as `.`. One rule for `wsdissect follow --format
/// text` and the TUI's Follow view.
pub fn follow_text_byte(b: u8) -> u8 {
    if b == b'\n' || b == b'\r' || b == b'\t' || (0x20..0x7f).contains(&b) {
        b
    } else {
        b'.'
    }
}

/// An HTTP request or response: its head, and its body once complete.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct HttpMessage {
    /// Stream number.
    pub stream: StreamId,
    /// Direction.
    pub direction: Direction,
    /// The packet that completed the message, body included: where
    /// Wireshark lists it (tshark's `http.request` / `http.response`).
    pub frame: u64,
    /// All frames that carried the head.
    pub frames: FrameList,
    /// The packet holding the head's last byte.
    pub head_frame: u64,
    /// Capture time of `frame`.
    pub ts: Timestamp,
    /// Offset of the head in the direction's reassembled stream.
    pub stream_offset: u64,
    /// The start line ("GET /ws HTTP/1.1").
    pub start_line: String,
    /// Request method (requests only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Request target (requests only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Status code (responses only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Headers in order, with their byte ranges within the head.
    pub headers: Vec<HttpHeader>,
    /// Length of the head, blank line included.
    pub head_length: u64,
    /// Length of the body announced by Content-Length, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_length: Option<u64>,
    /// The body, decoded (absent when the message has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<Box<HttpBody>>,
    /// The raw head bytes (the TUI shows and highlights them).
    #[serde(skip)]
    pub raw: Vec<u8>,
    /// Where the head's bytes came from.
    #[serde(skip)]
    pub spans: SpanList,
}

/// An HTTP message body as its reader sees it: chunked transfer coding
/// removed (RFC 9112 §7.1), `Content-Encoding: gzip`/`deflate` undone (RFC
/// 9110 §8.4.1), kept up to `--max-payload` bytes.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct HttpBody {
    /// Bytes of the body on the wire (chunk framing included) that were
    /// captured.
    pub wire_length: u64,
    /// Whether it was sent chunked.
    pub chunked: bool,
    /// The Content-Encoding it was sent with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_encoding: Option<String>,
    /// Its Content-Type, telling how to show it (HTML, JSON, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// Length of the decoded bytes kept.
    pub length: u64,
    /// Decoded bytes beyond `--max-payload` that were not kept.
    #[serde(skip_serializing_if = "is_zero")]
    pub omitted: u64,
    /// Whether the kept bytes are the whole body, decoded.
    pub complete: bool,
    /// Why not, when it is not: bytes missing from the capture, the cap,
    /// a coding that does not decode or is not supported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    /// The decoded body when it is valid UTF-8.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_text")]
    pub text: Option<String>,
    /// The decoded body otherwise, base64.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_b64")]
    #[schemars(with = "Option<serde_helpers::Base64>")]
    pub data_base64: Option<Vec<u8>>,
    /// Where the body's bytes (as on the wire) were carried.
    #[serde(skip)]
    pub spans: SpanList,
}

impl HttpBody {
    /// The decoded bytes.
    pub fn bytes(&self) -> &[u8] {
        match (&self.text, &self.data_base64) {
            (Some(t), _) => t.as_bytes(),
            (None, Some(d)) => d,
            _ => &[],
        }
    }
}

/// One header line.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct HttpHeader {
    /// Name as sent.
    pub name: String,
    /// Value, surrounding whitespace removed.
    pub value: String,
    /// The whole line's bytes within the head.
    #[serde(skip)]
    pub range: Range<usize>,
}

/// A WebSocket opening handshake (RFC 6455 §4) and its checks.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Handshake {
    /// Stream number.
    pub stream: StreamId,
    /// Frame of the upgrade request's last byte.
    pub request_frame: u64,
    /// Frame of the response's last byte, if a response was seen.
    pub response_frame: Option<u64>,
    /// Request target.
    pub path: String,
    /// Host header.
    pub host: Option<String>,
    /// Origin header (browsers send it; §10.2).
    pub origin: Option<String>,
    /// User-Agent header.
    pub user_agent: Option<String>,
    /// Sec-WebSocket-Key as sent.
    pub key: Option<String>,
    /// Whether the key is base64 of exactly 16 bytes (§4.1).
    pub key_valid: bool,
    /// Sec-WebSocket-Version (must be 13, §4.1).
    pub version: Option<String>,
    /// Whether that version is 13 (RFC 6455 §4.1 requirement 9).
    pub version_valid: bool,
    /// Response status code.
    pub status: Option<u16>,
    /// Whether the connection switched to WebSocket (101 with Upgrade).
    pub upgraded: bool,
    /// Sec-WebSocket-Accept as sent by the server.
    pub accept: Option<String>,
    /// base64(SHA-1(key + GUID)), what the server should have sent (§4.2.2).
    pub expected_accept: Option<String>,
    /// Whether `accept` equals `expected_accept`.
    pub accept_valid: Option<bool>,
    /// The Accept computation step by step, for teaching.
    pub accept_steps: Option<AcceptSteps>,
    /// Subprotocols offered by the client (Sec-WebSocket-Protocol).
    pub subprotocols_offered: Vec<String>,
    /// Subprotocol chosen by the server.
    pub subprotocol: Option<String>,
    /// Extensions offered by the client.
    pub extensions_offered: Vec<ExtensionOffer>,
    /// Extensions accepted by the server (these are in effect).
    pub extensions: Vec<ExtensionOffer>,
    /// permessage-deflate parameters in effect (RFC 7692), if negotiated.
    pub deflate: Option<DeflateParams>,
}

impl Handshake {
    /// Whether the server answered and refused: any status but 101 (RFC
    /// 6455 §4.2.2: a server that does not accept answers with an HTTP
    /// error such as 403; §4.1: the client then handles it as plain HTTP
    /// and no WebSocket connection exists). The same rule as the
    /// `upgrade-refused` note (`http::handshake::check_response`).
    pub fn refused(&self) -> bool {
        self.status.is_some_and(|s| s != 101)
    }
}

/// A WebSocket frame (RFC 6455 §5.2) with every field's place.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct WsFrame {
    /// Stream number.
    pub stream: StreamId,
    /// Frame holding this WebSocket frame's last byte (Wireshark's convention).
    pub frame: u64,
    /// Every frame that carried part of it, in order.
    pub frames: FrameList,
    /// Direction.
    pub direction: Direction,
    /// Capture time of `frame`.
    pub ts: Timestamp,
    /// Index of this WebSocket frame within the connection (both directions), from 0.
    pub index: u64,
    /// Offset of the frame's first byte in the direction's reassembled stream.
    pub stream_offset: u64,
    /// The header as parsed (RFC 6455 §5.2). In JSON its fields sit in the
    /// frame record: `fin`, `rsv1`–`rsv3`, `opcode` with `opcode_name`,
    /// `masked`, `mask_key` (8 hex digits), `len7`, `payload_length`,
    /// `header_length`.
    #[serde(flatten, serialize_with = "serde_helpers::header_fields")]
    #[schemars(with = "serde_helpers::HeaderFields")]
    pub header: FrameHeader,
    /// Whether RSV1 means "compressed" here: set on a message's first frame
    /// of a connection that agreed on permessage-deflate (RFC 7692 §6). RSV1
    /// anywhere else is a violation, with its note.
    pub compressed: bool,
    /// The unmasked payload as it was on the wire (still compressed if RSV1),
    /// up to the payload cap.
    #[serde(rename = "payload_base64", serialize_with = "b64")]
    #[schemars(with = "serde_helpers::Base64")]
    pub payload: Payload,
    /// Payload bytes not kept (above the cap) or not captured (gap, end of capture).
    #[serde(skip_serializing_if = "is_zero")]
    pub payload_omitted: u64,
    /// Whether all the frame's bytes were in the capture.
    pub complete: bool,
    /// The header bytes as on the wire (for the bit-by-bit view).
    #[serde(skip)]
    pub header_bytes: SmallVec<[u8; 14]>,
    /// The first masked payload bytes as on the wire (for the unmasking view).
    #[serde(skip)]
    pub masked_sample: SmallVec<[u8; 64]>,
    /// Where the frame's bytes came from.
    pub spans: SpanList,
    /// Close status code (close frames).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub close_code: Option<u16>,
    /// Close code meaning.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub close_code_name: Option<&'static str>,
    /// Close reason (close frames with a code).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub close_reason: Option<String>,
    /// For a pong: the frame of the ping it answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pong_for: Option<u64>,
    /// For a pong: seconds since that ping.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rtt: Option<f64>,
    /// The data message this frame belongs to (index within the connection).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<u64>,
    /// True when the connection's roles come from guessing (no handshake).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub guessed: bool,
}

fn is_zero(v: &u64) -> bool {
    *v == 0
}

/// A TLS record as it crossed the wire (RFC 8446 §5.1, RFC 5246 §6.2): its
/// header's fields, the packets that carried it, and whether it decrypted.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TlsRecord {
    /// Stream number.
    pub stream: StreamId,
    /// The packet holding its last byte (decrypted data is credited there).
    pub frame: u64,
    /// Every packet that carried part of it, in order.
    pub frames: FrameList,
    /// Direction.
    pub direction: Direction,
    /// Record number within its direction, from 0.
    pub record_number: u64,
    /// Offset of its first (header) byte in the direction's TCP stream.
    pub stream_offset: u64,
    /// Content type on the wire (TLS 1.3 ciphertext says `application_data`).
    pub content_type: crate::tls::ContentType,
    /// The real content type once decrypted (TLS 1.3's inner type).
    pub inner_type: Option<crate::tls::ContentType>,
    /// `legacy_record_version`, e.g. 0x0303.
    pub version: u16,
    /// Fragment length (the header's length field).
    pub length: u16,
    /// The keys in force.
    pub epoch: crate::tls::Epoch,
    /// Sent in clear, decrypted (tag verified), not decrypted, or a bad tag.
    pub protection: crate::tls::Protection,
    /// Where its bytes (header included) were carried: packet ranges.
    pub spans: SpanList,
}

/// A WebSocket data message (RFC 6455 §5.4, §5.6).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct WsMessage {
    /// Stream number.
    pub stream: StreamId,
    /// Direction.
    pub direction: Direction,
    /// Index within the connection, from 0.
    pub index: u64,
    /// Text or binary; in JSON `opcode` (1, 2) and `opcode_name`.
    #[serde(flatten, serialize_with = "serde_helpers::opcode_fields")]
    #[schemars(with = "serde_helpers::OpcodeFields")]
    pub opcode: Opcode,
    /// Frame number of the first frame's last byte.
    pub first_frame: u64,
    /// Frame number of the last frame's last byte.
    pub last_frame: u64,
    /// Indexes of the WebSocket frames that make it up.
    pub ws_frames: FrameList,
    /// Capture time of the last frame.
    pub ts: Timestamp,
    /// Payload length summed over the frames, as on the wire.
    pub length: u64,
    /// Whether it was compressed (RSV1 on the first frame, RFC 7692 §6).
    pub compressed: bool,
    /// Length after decompression.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decompressed_length: Option<u64>,
    /// Text (text messages that are valid UTF-8).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_text")]
    #[schemars(with = "Option<String>")]
    pub text: Option<Text>,
    /// Bytes, base64 (binary messages, and text that is not valid UTF-8).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_b64")]
    #[schemars(with = "Option<serde_helpers::Base64>")]
    pub data_base64: Option<Payload>,
    /// Whether the text is valid UTF-8 (text messages only; §8.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utf8_valid: Option<bool>,
    /// Whether the content is complete (false after gaps, caps or errors).
    pub complete: bool,
}

impl WsFrame {
    /// The opcode, typed (RFC 6455 §5.2).
    pub fn opcode(&self) -> Opcode {
        self.header.opcode_kind()
    }

    /// The start of the frame's Info text, worded as Wireshark's packet
    /// list does ("Text \[FIN\] \[MASKED\] len=5", a close frame's code): one
    /// wording for `dump --format text` and the TUI list, which each add
    /// their own preview of the content.
    pub fn info_head(&self) -> String {
        let mut s = String::new();
        let mut name = self.opcode().name().chars();
        if let Some(c) = name.next() {
            s.push(c.to_ascii_uppercase());
            s.push_str(name.as_str());
        }
        for (set, flag) in [
            (self.header.fin, " [FIN]"),
            (self.header.rsv1, " [RSV1]"),
            (self.header.masked, " [MASKED]"),
        ] {
            if set {
                s.push_str(flag);
            }
        }
        s.push_str(&format!(" len={}", self.header.payload_len));
        if let Some(code) = self.close_code {
            let name = self.close_code_name.unwrap_or("");
            s.push_str(&format!(" code={code} ({name})"));
        }
        s
    }
}

impl WsFrame {
    /// Whether the frame was decrypted from TLS records (wss://), see
    /// [`spans_decrypted`].
    pub fn decrypted(&self) -> bool {
        spans_decrypted(&self.spans)
    }

    /// The frame's bytes as its sender wrote them (for wss://, the
    /// plaintext of its TLS records), rebuilt without packets: the header as
    /// sent, then the kept payload, masked again with the frame's key when
    /// it is masked (RFC 6455 §5.3: masking is its own inverse). Copies the
    /// bytes from frame offset `offset` into `out` and returns how many are
    /// known: it stops where the kept payload ends (`payload_omitted`).
    pub fn read_sent(&self, offset: u64, out: &mut [u8]) -> usize {
        let hlen = self.header_bytes.len() as u64;
        let total = hlen.saturating_add(self.payload.len() as u64);
        let mut n = 0;
        while n < out.len() {
            let at = offset.saturating_add(n as u64);
            if at >= total {
                break;
            }
            if at < hlen {
                let i = at as usize;
                let take = (out.len() - n).min(self.header_bytes.len() - i);
                out[n..n + take].copy_from_slice(&self.header_bytes[i..i + take]);
                n += take;
            } else {
                let i = (at - hlen) as usize;
                let take = (out.len() - n).min(self.payload.len() - i);
                let dst = &mut out[n..n + take];
                dst.copy_from_slice(&self.payload[i..i + take]);
                if let Some(k) = self.header.mask_key {
                    crate::ws::mask::unmask(dst, k, i as u64);
                }
                n += take;
            }
        }
        n
    }
}

impl HttpMessage {
    /// Whether the head was decrypted from TLS records (wss://, or HTTPS
    /// before the upgrade), see [`spans_decrypted`].
    pub fn decrypted(&self) -> bool {
        spans_decrypted(&self.spans)
    }
}

/// How compression changed a message, worded once for every view: the
/// ratio of content bytes to wire bytes ("4.2×"), and when compression made
/// the message bigger (short or incompressible content: RFC 7692 §7.2.3
/// lets a sender compress anyway), that it added bytes ("0.98×, compression
/// added 6 bytes") instead of a rounded "1.0×".
pub fn compression_ratio(content: u64, wire: u64) -> String {
    compression_ratio_in(content, wire, crate::i18n::L10n::get(crate::i18n::Lang::En))
}

/// [`compression_ratio`] worded in `l`'s language (`dump --format text`
/// follows `--lang`).
pub fn compression_ratio_in(content: u64, wire: u64, l: &crate::i18n::L10n) -> String {
    if wire == 0 {
        return "∞".into();
    }
    let r = content as f64 / wire as f64;
    match wire.cmp(&content) {
        std::cmp::Ordering::Greater => {
            let added = wire - content;
            crate::tr!(
                l,
                "ratio-added",
                ratio = format!("{r:.2}"),
                added = crate::i18n::num(added as f64)
            )
        }
        std::cmp::Ordering::Equal => l.t("ratio-nothing"),
        std::cmp::Ordering::Less => format!("{r:.1}×"),
    }
}

impl WsMessage {
    /// For a compressed message, how compression changed it
    /// ([`compression_ratio`] of its decompressed and wire lengths).
    pub fn compression(&self) -> Option<String> {
        self.compression_in(crate::i18n::L10n::get(crate::i18n::Lang::En))
    }

    /// [`WsMessage::compression`] worded in `l`'s language.
    pub fn compression_in(&self, l: &crate::i18n::L10n) -> Option<String> {
        if !self.compressed {
            return None;
        }
        self.decompressed_length
            .map(|plain| compression_ratio_in(plain, self.length, l))
    }

    /// The content as bytes (decompressed when it was compressed).
    pub fn bytes(&self) -> &[u8] {
        if let Some(t) = &self.text {
            t.as_bytes()
        } else if let Some(d) = &self.data_base64 {
            d
        } else {
            &[]
        }
    }
}

/// How serious a note is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing (a capture started mid-connection).
    Info,
    /// Suspicious or lossy (a gap, a retransmission that differs).
    Warning,
    /// A protocol violation or undecodable data.
    Error,
}

impl Severity {
    /// The word JSON and docs use ("error", "warning", "info").
    pub fn word(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// An RFC violation or a capture problem, explained for a student.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Note {
    /// Severity.
    pub severity: Severity,
    /// Stream, if the note is about one.
    pub stream: Option<StreamId>,
    /// Frame number it is attached to.
    pub frame: Option<u64>,
    /// Direction, if relevant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// Stable identifier of the rule ("client-frame-not-masked").
    pub rule: &'static str,
    /// Where the rule comes from ("RFC 6455 §5.1").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<&'static str>,
    /// One sentence a student understands.
    pub message: String,
}

/// Totals of the whole capture.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Summary {
    /// Packet counts.
    #[serde(flatten)]
    pub packets: PacketCounts,
    /// TCP connections.
    pub streams: u64,
    /// Handshakes.
    pub handshakes: u64,
    /// WebSocket frames.
    pub ws_frames: u64,
    /// WebSocket messages.
    pub ws_messages: u64,
    /// Notes by severity: info, warning, error.
    pub notes: [u64; 3],
    /// The error that stopped reading the capture, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl Record {
    /// The TCP stream a record belongs to, if any.
    pub fn stream(&self) -> Option<StreamId> {
        match self {
            Record::Capture(_) | Record::Summary(_) => None,
            Record::Packet(p) => p.tcp.as_ref().map(|t| t.stream),
            Record::Connection(c) => Some(c.stream),
            Record::Http(h) => Some(h.stream),
            Record::Handshake(h) => Some(h.stream),
            Record::Frame(f) => Some(f.stream),
            Record::Message(m) => Some(m.stream),
            Record::Note(n) => n.stream,
            Record::Stream(s) => Some(s.tcp.info.stream),
            Record::TlsRecord(r) => Some(r.stream),
        }
    }
}

/// Every record of every bundled capture (plain, TLS-decrypted, deflated,
/// damaged), packets included, with the capture's path: for the tests that
/// check a property of every record the dissector makes.
#[cfg(test)]
pub(crate) fn each_sample_record(mut f: impl FnMut(&str, Record)) {
    let mut paths: Vec<_> = std::fs::read_dir("samples")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pcap" || x == "pcapng"))
        .collect();
    paths.sort();
    assert!(paths.len() > 20, "{paths:?}");
    for path in &paths {
        let path = path.to_str().unwrap();
        let Ok(mut reader) = crate::capture::CaptureReader::open(path) else {
            continue;
        };
        let opts = crate::analyze::Options {
            packets: true,
            ..Default::default()
        };
        let _ = crate::analyze::analyze(&mut reader, &opts, &mut |rec| f(path, rec));
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn first_payload_words_follow_the_language_and_json_stays_english() {
        use super::FirstPayload;
        use crate::i18n::{L10n, Lang};
        let other = FirstPayload::of(&[0x00, 0x01, 0xfe]);
        assert_eq!(other, FirstPayload::Other("00 01 fe".into()));
        assert_eq!(other.words(L10n::get(Lang::En)), "other (00 01 fe …)");
        assert_eq!(other.words(L10n::get(Lang::Fi)), "muu (00 01 fe …)");
        assert_eq!(
            serde_json::to_string(&other).unwrap(),
            "\"other (00 01 fe …)\""
        );
        let ssh = FirstPayload::of(b"SSH-2.0-OpenSSH_9.6\r\n");
        assert_eq!(ssh.words(L10n::get(Lang::Fi)), "SSH-tervehdysrivi");
        assert_eq!(serde_json::to_string(&ssh).unwrap(), "\"SSH banner\"");
        let get = FirstPayload::of(b"GET /ws HTTP/1.1\r\nHost: x\r\n");
        assert_eq!(get.words(L10n::get(Lang::Fi)), "GET /ws HTTP/1.1");
        let hello = FirstPayload::of(&[0x16, 0x03, 0x01, 0x00, 0x05, 0x01]);
        assert_eq!(hello, FirstPayload::TlsClientHello);
        let hs = FirstPayload::of(&[0x16, 0x03, 0x03, 0x00, 0x05, 0x02]);
        assert_eq!(hs.words(L10n::get(Lang::Fi)), "TLS-kättely");
        assert_eq!(FirstPayload::of(&[]), FirstPayload::Other("".into()));
    }
    #[test]
    fn a_message_compression_made_bigger_says_so() {
        assert_eq!(
            super::compression_ratio(256, 262),
            "0.98×, compression added 6 bytes"
        );
        assert_eq!(super::compression_ratio(138, 111), "1.2×");
        assert_eq!(
            super::compression_ratio(5, 5),
            "1.0×, compression saved nothing"
        );
        assert_eq!(
            super::compression_ratio(0, 1),
            "0.00×, compression added 1 byte"
        );
    }
}
