//! Wireshark display filters, a documented subset (docs/filters.md).
//!
//! People who come to wsdissect know Wireshark: `dump -Y 'websocket.opcode
//! == 1 && tcp.stream == 0'` should select the packets `tshark -Y` selects,
//! with the same field names and the same meaning of every operator
//! (`tests/filter_agreement.rs` checks this against tshark on `samples/`).
//!
//! - [`Filter::parse`] (`parse`) turns the text into an expression whose
//!   values are already typed for their field; a mistake is a
//!   [`ParseError`] that knows its column, so the CLI can put a caret under
//!   it and the TUI can colour the filter bar.
//! - [`Filter::matches`] (`eval`) evaluates it on a [`PacketView`]: one
//!   packet's layers as the model's records describe them. The filter never
//!   looks at bytes: every field is a value the model already computed.
//! - [`PacketFilter`] applies a filter to the record stream of `dump`,
//!   gathering each packet's records (the analysis emits a packet's
//!   `packet` record after everything its bytes completed).

mod eval;
mod parse;
mod stream;

pub use eval::{Contents, Endpoints, Layer, PacketView};
pub use parse::{ErrorKind, ParseError};
pub use stream::PacketFilter;

use std::net::IpAddr;

/// A field a filter can name, with Wireshark's name (or wsdissect's own,
/// under `ws.`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `frame.number`: Wireshark's `No.`.
    FrameNumber,
    /// `tcp.stream`.
    TcpStream,
    /// `tcp.port`: source or destination port.
    TcpPort,
    /// `tcp.srcport`.
    TcpSrcPort,
    /// `tcp.dstport`.
    TcpDstPort,
    /// `ip.addr`: IPv4 source or destination.
    IpAddr,
    /// `ip.src`.
    IpSrc,
    /// `ip.dst`.
    IpDst,
    /// `ipv6.addr`: IPv6 source or destination.
    Ipv6Addr,
    /// `ipv6.src`.
    Ipv6Src,
    /// `ipv6.dst`.
    Ipv6Dst,
    /// `http`: the packet completes an HTTP message, body included.
    Http,
    /// `http.request.method`.
    HttpMethod,
    /// `http.response.code`.
    HttpCode,
    /// `websocket`: the packet completes a WebSocket frame.
    Websocket,
    /// `websocket.fin` (RFC 6455 §5.2).
    WsFin,
    /// `websocket.rsv`: the three RSV bits as one number (RSV1 = 4).
    WsRsv,
    /// `websocket.opcode`.
    WsOpcode,
    /// `websocket.mask`: the MASK bit.
    WsMask,
    /// `websocket.payload_length`: the 7-bit length field as sent (126
    /// and 127 announce an extended length).
    WsLen7,
    /// `ws.payload_length`: the real payload length.
    WsPayloadLength,
    /// `websocket.masking_key`: 4 bytes.
    WsMaskingKey,
    /// `websocket.payload.text`: on the frame that ends a text message, the
    /// whole message's text (defragmented, decompressed), as tshark shows it.
    WsPayloadText,
    /// `websocket.payload.close.status_code`.
    WsCloseCode,
    /// `websocket.payload.close.reason`.
    WsCloseReason,
    /// `ws.note`: the sentence of a note on the packet.
    Note,
    /// `ws.note.rule`: a note's rule id (`client-frame-not-masked`).
    NoteRule,
    /// `ws.note.severity`: `info`, `warning` or `error`.
    NoteSeverity,
    /// `ws.message.text`: the text of a whole data message (defragmented,
    /// decompressed) that ends in the packet.
    MessageText,
}

/// What kind of value a field holds; literals are converted to it when the
/// filter is parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Present or not; no value (`websocket`, `http`).
    Protocol,
    /// A boolean bit (Wireshark: any non-zero number is true).
    Bool,
    /// An unsigned number.
    Uint,
    /// Text.
    Text,
    /// A byte string (`12:34:56:78`).
    Bytes,
    /// An IPv4 address (a literal may be a network: `10.0.0.0/8`).
    Ipv4,
    /// An IPv6 address (a literal may be a network).
    Ipv6,
}

/// Every field, its name and its type: the one table the parser, the docs
/// (docs/filters.md) and the tests use.
pub const FIELDS: &[(&str, Field, FieldType)] = &[
    ("frame.number", Field::FrameNumber, FieldType::Uint),
    ("tcp.stream", Field::TcpStream, FieldType::Uint),
    ("tcp.port", Field::TcpPort, FieldType::Uint),
    ("tcp.srcport", Field::TcpSrcPort, FieldType::Uint),
    ("tcp.dstport", Field::TcpDstPort, FieldType::Uint),
    ("ip.addr", Field::IpAddr, FieldType::Ipv4),
    ("ip.src", Field::IpSrc, FieldType::Ipv4),
    ("ip.dst", Field::IpDst, FieldType::Ipv4),
    ("ipv6.addr", Field::Ipv6Addr, FieldType::Ipv6),
    ("ipv6.src", Field::Ipv6Src, FieldType::Ipv6),
    ("ipv6.dst", Field::Ipv6Dst, FieldType::Ipv6),
    ("http", Field::Http, FieldType::Protocol),
    ("http.request.method", Field::HttpMethod, FieldType::Text),
    ("http.response.code", Field::HttpCode, FieldType::Uint),
    ("websocket", Field::Websocket, FieldType::Protocol),
    ("websocket.fin", Field::WsFin, FieldType::Bool),
    ("websocket.rsv", Field::WsRsv, FieldType::Uint),
    ("websocket.opcode", Field::WsOpcode, FieldType::Uint),
    ("websocket.mask", Field::WsMask, FieldType::Bool),
    ("websocket.payload_length", Field::WsLen7, FieldType::Uint),
    ("ws.payload_length", Field::WsPayloadLength, FieldType::Uint),
    (
        "websocket.masking_key",
        Field::WsMaskingKey,
        FieldType::Bytes,
    ),
    (
        "websocket.payload.text",
        Field::WsPayloadText,
        FieldType::Text,
    ),
    (
        "websocket.payload.close.status_code",
        Field::WsCloseCode,
        FieldType::Uint,
    ),
    (
        "websocket.payload.close.reason",
        Field::WsCloseReason,
        FieldType::Text,
    ),
    ("ws.note", Field::Note, FieldType::Text),
    ("ws.note.rule", Field::NoteRule, FieldType::Text),
    ("ws.note.severity", Field::NoteSeverity, FieldType::Text),
    ("ws.message.text", Field::MessageText, FieldType::Text),
];

impl Field {
    /// The field with this name.
    pub fn by_name(name: &str) -> Option<(Field, FieldType)> {
        FIELDS
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|&(_, f, t)| (f, t))
    }

    /// Its name in filters.
    pub fn name(self) -> &'static str {
        FIELDS
            .iter()
            .find(|(_, f, _)| *f == self)
            .map_or("?", |(n, _, _)| n)
    }
}

/// A literal, converted to its field's type when the filter was parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A number (also a boolean: 0 false, anything else true).
    Uint(u64),
    /// Text.
    Text(String),
    /// Bytes.
    Bytes(Vec<u8>),
    /// An address, or a network when the prefix is shorter than the
    /// address (`10.0.0.0/8`).
    Net(IpAddr, u8),
}

/// A comparison (Wireshark 4: `!=` is "all not equal", `~=` "any not equal").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`, `eq`: some occurrence equals.
    Eq,
    /// `!=`, `ne`: the field occurs and no occurrence equals.
    Ne,
    /// `~=`, `any_ne`: some occurrence differs.
    AnyNe,
    /// `<`, `lt`.
    Lt,
    /// `<=`, `le`.
    Le,
    /// `>`, `gt`.
    Gt,
    /// `>=`, `ge`.
    Ge,
}

/// A parsed filter expression.
#[derive(Debug, Clone)]
pub enum Expr {
    /// Both.
    And(Box<Expr>, Box<Expr>),
    /// Either.
    Or(Box<Expr>, Box<Expr>),
    /// Not.
    Not(Box<Expr>),
    /// The field occurs in the packet (a bare field name).
    Exists(Field),
    /// A comparison with a value.
    Cmp(Field, CmpOp, Value),
    /// `contains`: a substring / byte sequence (case-sensitive).
    Contains(Field, Value),
    /// `matches`: a regular expression, case-insensitive as Wireshark's.
    Matches(Field, regex::Regex),
    /// `in {…}`: equals one of the values or lies in one of the ranges.
    In(Field, Vec<(Value, Option<Value>)>),
}

/// A display filter, parsed and typed.
#[derive(Debug, Clone)]
pub struct Filter {
    text: String,
    expr: Expr,
}

impl Filter {
    /// Parses a filter; a mistake is an error that knows its column.
    pub fn parse(text: &str) -> Result<Filter, ParseError> {
        Ok(Filter {
            text: text.to_string(),
            expr: parse::parse(text)?,
        })
    }

    /// The text it was parsed from.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The expression.
    pub fn expr(&self) -> &Expr {
        &self.expr
    }

    /// Whether the packet seen through `view` passes.
    pub fn matches(&self, view: &PacketView<'_>) -> bool {
        eval::eval(&self.expr, view)
    }
}
