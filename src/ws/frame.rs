//! WebSocket base framing (RFC 6455 §5.2): a typed, copyable view of one frame
//! header, with the byte range of every field so each wire byte can be explained.
//!
//! ```text
//!  0                   1                   2                   3
//!  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//! +-+-+-+-+-------+-+-------------+-------------------------------+
//! |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
//! |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
//! |N|V|V|V|       |S|             |   (if payload len==126/127)   |
//! | |1|2|3|       |K|             |                               |
//! +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
//! |     Extended payload length continued, if payload len == 127  |
//! + - - - - - - - - - - - - - - - +-------------------------------+
//! |                               |Masking-key, if MASK set to 1  |
//! +-------------------------------+-------------------------------+
//! ```
//!
//! Parsing never allocates and never fails on content: every 16-bit pattern of
//! the first two bytes is a *syntactically* parseable header. Protocol
//! violations (reserved opcodes, non-minimal lengths, …) are reported by
//! [`FrameHeader::violations`] so a dissector can still show the bytes.

use core::ops::Range;

use nom::number::streaming::{be_u16, be_u32, be_u64, be_u8};
use nom::IResult;
use serde::Serialize;

/// Smallest possible frame header: byte 0 (FIN/RSV/opcode) and byte 1 (MASK/len7), RFC 6455 §5.2.
pub const MIN_HEADER_LEN: usize = 2;
/// Largest possible frame header: 2 + 8 (64-bit length) + 4 (masking key), RFC 6455 §5.2.
pub const MAX_HEADER_LEN: usize = 14;
/// Control frames carry at most 125 payload bytes (RFC 6455 §5.5).
pub const MAX_CONTROL_PAYLOAD: u64 = 125;

/// The decoded fixed part of one WebSocket frame (RFC 6455 §5.2).
///
/// Fields are kept exactly as on the wire (including `len7` and a 64-bit length
/// whose top bit is set) so that malformed frames can be shown faithfully.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct FrameHeader {
    /// FIN: this is the final fragment of a message (RFC 6455 §5.2, §5.4).
    pub fin: bool,
    /// RSV1: MUST be 0 unless an extension defines it; permessage-deflate uses it as
    /// "Per-Message Compressed" (RFC 6455 §5.2, RFC 7692 §6).
    pub rsv1: bool,
    /// RSV2: MUST be 0 unless an extension defines it (RFC 6455 §5.2).
    pub rsv2: bool,
    /// RSV3: MUST be 0 unless an extension defines it (RFC 6455 §5.2).
    pub rsv3: bool,
    /// The 4-bit opcode, 0..=15 (RFC 6455 §5.2); see [`Opcode`].
    pub opcode: u8,
    /// MASK bit: the payload is XOR-masked with `mask_key` (RFC 6455 §5.2, §5.3).
    pub masked: bool,
    /// The 7-bit "Payload len" field as on the wire: 0..=125 is the length itself,
    /// 126 announces a 16-bit and 127 a 64-bit extended length (RFC 6455 §5.2).
    pub len7: u8,
    /// The decoded payload length. For 64-bit lengths this is the raw value, even
    /// when its most significant bit (which MUST be 0) is set (RFC 6455 §5.2).
    pub payload_len: u64,
    /// The masking key, present iff `masked` (RFC 6455 §5.3).
    pub mask_key: Option<[u8; 4]>,
    /// Total header length in bytes, 2..=14 (RFC 6455 §5.2).
    pub header_len: u8,
}

/// Why a frame header could not be parsed (yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum HeaderError {
    /// More bytes are required; `needed` is the *total* header length needed
    /// (2 until the second byte is known, then the exact header length), RFC 6455 §5.2.
    #[error("incomplete frame header: {needed} header bytes needed")]
    Incomplete {
        /// Total number of header bytes required, counted from the frame start.
        needed: usize,
    },
}

/// Which of the three payload-length encodings a header uses (RFC 6455 §5.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
pub enum LengthEncoding {
    /// Length 0..=125 directly in the 7-bit field.
    Len7,
    /// `len7 == 126`: 16-bit big-endian length follows.
    Len16,
    /// `len7 == 127`: 64-bit big-endian length follows.
    Len64,
}

impl LengthEncoding {
    /// The encoding announced by a 7-bit length field value (RFC 6455 §5.2).
    pub fn from_len7(len7: u8) -> Self {
        match len7 & 0x7f {
            126 => LengthEncoding::Len16,
            127 => LengthEncoding::Len64,
            _ => LengthEncoding::Len7,
        }
    }

    /// Number of extended-length bytes following byte 1: 0, 2 or 8 (RFC 6455 §5.2).
    pub fn ext_len_bytes(self) -> usize {
        match self {
            LengthEncoding::Len7 => 0,
            LengthEncoding::Len16 => 2,
            LengthEncoding::Len64 => 8,
        }
    }

    /// The encoding a conforming sender MUST use for `len`: the minimal one (RFC 6455 §5.2).
    pub fn minimal_for(len: u64) -> Self {
        if len <= 125 {
            LengthEncoding::Len7
        } else if len <= u64::from(u16::MAX) {
            LengthEncoding::Len16
        } else {
            LengthEncoding::Len64
        }
    }
}

/// Byte ranges of each header field relative to the frame start, so a UI can
/// highlight exactly which bytes encode what (RFC 6455 §5.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct FieldRanges {
    /// Byte 0: FIN, RSV1-3 and the opcode, always `0..1`.
    pub fin_rsv_opcode: Range<usize>,
    /// Byte 1: MASK bit and 7-bit payload length, always `1..2`.
    pub mask_len7: Range<usize>,
    /// The 16- or 64-bit extended payload length, if present.
    pub ext_len: Option<Range<usize>>,
    /// The 4-byte masking key, if present.
    pub mask_key: Option<Range<usize>>,
    /// The whole header, `0..header_len`.
    pub header: Range<usize>,
}

/// Total header length implied by byte 1 of a frame (MASK bit + len7), RFC 6455 §5.2.
///
/// Useful to know how many bytes to wait for as soon as two bytes are available.
pub fn header_len_from_byte1(byte1: u8) -> usize {
    let mask = if byte1 & 0x80 != 0 { 4 } else { 0 };
    MIN_HEADER_LEN + LengthEncoding::from_len7(byte1).ext_len_bytes() + mask
}

/// nom streaming parser for the header; all sub-parsers only ever return
/// `Incomplete`, so with the unit error type this cannot fail otherwise.
fn header(input: &[u8]) -> IResult<&[u8], FrameHeader, ()> {
    let (rest, b0) = be_u8(input)?;
    let (rest, b1) = be_u8(rest)?;
    let len7 = b1 & 0x7f;
    let masked = b1 & 0x80 != 0;
    let (rest, payload_len) = match LengthEncoding::from_len7(len7) {
        LengthEncoding::Len7 => (rest, u64::from(len7)),
        LengthEncoding::Len16 => {
            let (r, v) = be_u16(rest)?;
            (r, u64::from(v))
        }
        LengthEncoding::Len64 => be_u64(rest)?,
    };
    let (rest, mask_key) = if masked {
        let (r, k) = be_u32(rest)?;
        (r, Some(k.to_be_bytes()))
    } else {
        (rest, None)
    };
    let header_len = u8::try_from(header_len_from_byte1(b1)).unwrap_or(u8::MAX);
    Ok((
        rest,
        FrameHeader {
            fin: b0 & 0x80 != 0,
            rsv1: b0 & 0x40 != 0,
            rsv2: b0 & 0x20 != 0,
            rsv3: b0 & 0x10 != 0,
            opcode: b0 & 0x0f,
            masked,
            len7,
            payload_len,
            mask_key,
            header_len,
        },
    ))
}

impl FrameHeader {
    /// Build a header with the minimal length encoding a conforming sender uses
    /// (RFC 6455 §5.2); the mask bit follows `mask_key`. Handy for tests and fixtures.
    pub fn new(fin: bool, opcode: u8, payload_len: u64, mask_key: Option<[u8; 4]>) -> Self {
        let enc = LengthEncoding::minimal_for(payload_len);
        let len7 = match enc {
            LengthEncoding::Len7 => u8::try_from(payload_len).unwrap_or(0),
            LengthEncoding::Len16 => 126,
            LengthEncoding::Len64 => 127,
        };
        let masked = mask_key.is_some();
        let header_len = MIN_HEADER_LEN + enc.ext_len_bytes() + if masked { 4 } else { 0 };
        FrameHeader {
            fin,
            rsv1: false,
            rsv2: false,
            rsv3: false,
            opcode: opcode & 0x0f,
            masked,
            len7,
            payload_len,
            mask_key,
            header_len: u8::try_from(header_len).unwrap_or(u8::MAX),
        }
    }

    /// Parse a frame header from the start of `input` (RFC 6455 §5.2).
    ///
    /// Never allocates and never fails except with [`HeaderError::Incomplete`]:
    /// every bit pattern is syntactically a header; semantics are checked by
    /// [`FrameHeader::violations`]. Bytes after the header are ignored.
    pub fn parse(input: &[u8]) -> Result<FrameHeader, HeaderError> {
        match header(input) {
            Ok((_, h)) => Ok(h),
            // Only `Incomplete` is reachable; any other error is mapped the same way
            // so that no input can make this function fail differently.
            Err(_) => {
                let needed = match input.get(1) {
                    Some(&b1) => header_len_from_byte1(b1),
                    None => MIN_HEADER_LEN,
                };
                Err(HeaderError::Incomplete { needed })
            }
        }
    }

    /// Which length encoding the sender chose, from `len7` (RFC 6455 §5.2).
    pub fn length_encoding(&self) -> LengthEncoding {
        LengthEncoding::from_len7(self.len7)
    }

    /// Whether the sender used the minimal number of length bytes, as RFC 6455 §5.2
    /// requires ("the minimal number of bytes MUST be used to encode the length").
    pub fn is_minimal_length(&self) -> bool {
        self.length_encoding() == LengthEncoding::minimal_for(self.payload_len)
    }

    /// Whether a 64-bit length has its most significant bit set, which RFC 6455
    /// §5.2 forbids ("the most significant bit MUST be 0").
    pub fn length_top_bit_set(&self) -> bool {
        self.length_encoding() == LengthEncoding::Len64 && self.payload_len >> 63 != 0
    }

    /// Control frames have the opcode's high bit set (0x8..=0xF), RFC 6455 §5.5.
    pub fn is_control(&self) -> bool {
        self.opcode & 0x08 != 0
    }

    /// The opcode as an enum (RFC 6455 §5.2, §11.8).
    pub fn opcode_kind(&self) -> Opcode {
        Opcode::from(self.opcode)
    }

    /// Header plus payload length in bytes, or `None` if it overflows `u64`
    /// (possible with a hostile 64-bit length, RFC 6455 §5.2).
    pub fn frame_len(&self) -> Option<u64> {
        self.payload_len.checked_add(u64::from(self.header_len))
    }

    /// Byte ranges of every header field, relative to the frame start (RFC 6455 §5.2).
    pub fn field_ranges(&self) -> FieldRanges {
        let ext_bytes = self.length_encoding().ext_len_bytes();
        let ext_end = MIN_HEADER_LEN + ext_bytes;
        let ext_len = (ext_bytes > 0).then_some(MIN_HEADER_LEN..ext_end);
        let mask_key = self.masked.then_some(ext_end..ext_end + 4);
        FieldRanges {
            fin_rsv_opcode: 0..1,
            mask_len7: 1..2,
            ext_len,
            mask_key,
            header: 0..usize::from(self.header_len),
        }
    }

    /// Append the exact wire bytes of this header to `out` (RFC 6455 §5.2).
    ///
    /// The length is written in the encoding chosen by `len7` (so non-minimal
    /// encodings round-trip); a 16-bit length keeps the low 16 bits of
    /// `payload_len`. If `masked` is set but `mask_key` is `None`, a zero key is
    /// written. `header_len` is not consulted.
    pub fn encode(&self, out: &mut Vec<u8>) {
        let b0 = self.byte0();
        let b1 = self.byte1();
        out.push(b0);
        out.push(b1);
        match self.length_encoding() {
            LengthEncoding::Len7 => {}
            LengthEncoding::Len16 => {
                out.extend_from_slice(&((self.payload_len & 0xffff) as u16).to_be_bytes())
            }
            LengthEncoding::Len64 => out.extend_from_slice(&self.payload_len.to_be_bytes()),
        }
        if self.masked {
            out.extend_from_slice(&self.mask_key.unwrap_or([0; 4]));
        }
    }

    /// Byte 0 as on the wire: FIN, RSV1–3 and the opcode (RFC 6455 §5.2).
    pub fn byte0(&self) -> u8 {
        (u8::from(self.fin) << 7)
            | (u8::from(self.rsv1) << 6)
            | (u8::from(self.rsv2) << 5)
            | (u8::from(self.rsv3) << 4)
            | (self.opcode & 0x0f)
    }

    /// Byte 1 as on the wire: MASK and the 7-bit length (RFC 6455 §5.2).
    pub fn byte1(&self) -> u8 {
        (u8::from(self.masked) << 7) | (self.len7 & 0x7f)
    }

    /// Every rule of RFC 6455 §5 and RFC 7692 §6.1 this header breaks, without
    /// allocating. The one place frame-header rules are decided.
    pub fn violations(&self, ctx: FrameContext) -> impl Iterator<Item = Violation> {
        let control = self.is_control();
        let rest = [
            (control && self.payload_len > MAX_CONTROL_PAYLOAD)
                .then_some(Violation::ControlTooLong(self.payload_len)),
            (!self.is_minimal_length()).then_some(Violation::NonMinimalLength),
            self.length_top_bit_set()
                .then_some(Violation::LengthTopBitSet),
            mask_violation(self.masked, ctx.from_client),
        ];
        first_byte_violations(self.byte0(), ctx.deflate).chain(rest.into_iter().flatten())
    }
}

/// What a frame's rules depend on besides its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FrameContext {
    /// The direction, since clients MUST mask and servers MUST NOT (RFC 6455
    /// §5.1); `None` when the roles are a guess and that rule cannot be checked.
    pub from_client: Option<bool>,
    /// Whether permessage-deflate was negotiated, which gives RSV1 its meaning
    /// on a message's first frame (RFC 7692 §6).
    pub deflate: bool,
}

/// The rules decidable from byte 0 alone (RFC 6455 §5.2, §5.5; RFC 7692
/// §6.1): all that a frame cut off after its first byte still allows.
pub fn first_byte_violations(b0: u8, deflate: bool) -> impl Iterator<Item = Violation> {
    let op = Opcode::from(b0);
    let fin = b0 & 0x80 != 0;
    let rsv1 = b0 & 0x40 != 0;
    let control = b0 & 0x08 != 0;
    let rsv1_rule = match (rsv1, deflate, op) {
        (false, _, _) => None,
        (true, false, _) => Some(Violation::Rsv1WithoutExtension),
        (true, true, Opcode::Text | Opcode::Binary) => None,
        (true, true, Opcode::Continuation) => Some(Violation::Rsv1OnContinuation),
        (true, true, _) if control => Some(Violation::Rsv1OnControl),
        (true, true, _) => Some(Violation::Rsv1WithoutExtension),
    };
    [
        matches!(op, Opcode::Reserved(_)).then_some(Violation::ReservedOpcode(b0 & 0x0f)),
        rsv1_rule,
        (b0 & 0x20 != 0).then_some(Violation::Rsv2Set),
        (b0 & 0x10 != 0).then_some(Violation::Rsv3Set),
        (control && !fin).then_some(Violation::FragmentedControl),
    ]
    .into_iter()
    .flatten()
}

/// The masking rule (RFC 6455 §5.1), decidable from byte 1's MASK bit.
pub fn mask_violation(masked: bool, from_client: Option<bool>) -> Option<Violation> {
    match from_client {
        Some(true) if !masked => Some(Violation::ClientFrameUnmasked),
        Some(false) if masked => Some(Violation::ServerFrameMasked),
        _ => None,
    }
}

/// A rule of RFC 6455 / RFC 7692 broken by a frame header; see
/// [`FrameHeader::violations`]. The dissector turns each into a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub enum Violation {
    /// Opcodes 0x3-0x7 and 0xB-0xF are reserved; the receiver MUST fail the connection (RFC 6455 §5.2).
    ReservedOpcode(u8),
    /// RSV1 set but no negotiated extension defines it (RFC 6455 §5.2).
    Rsv1WithoutExtension,
    /// RSV1 on a control frame: permessage-deflate never compresses them (RFC 7692 §6.1).
    Rsv1OnControl,
    /// RSV1 on a continuation frame: only a message's first frame carries it (RFC 7692 §6.1).
    Rsv1OnContinuation,
    /// RSV2 MUST be 0 unless an extension defines it (RFC 6455 §5.2).
    Rsv2Set,
    /// RSV3 MUST be 0 unless an extension defines it (RFC 6455 §5.2).
    Rsv3Set,
    /// Control frames MUST NOT be fragmented (RFC 6455 §5.5).
    FragmentedControl,
    /// Control frames MUST have a payload length of 125 bytes or less (RFC 6455 §5.5).
    ControlTooLong(u64),
    /// The minimal number of bytes MUST be used to encode the length (RFC 6455 §5.2).
    NonMinimalLength,
    /// The most significant bit of a 64-bit length MUST be 0 (RFC 6455 §5.2).
    LengthTopBitSet,
    /// A client MUST mask all frames it sends to the server (RFC 6455 §5.1).
    ClientFrameUnmasked,
    /// A server MUST NOT mask any frames it sends to the client (RFC 6455 §5.1).
    ServerFrameMasked,
}

/// The frame opcode as a closed enum (RFC 6455 §5.2, IANA registry §11.8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
pub enum Opcode {
    /// 0x0: continues a fragmented message (RFC 6455 §5.4).
    Continuation,
    /// 0x1: UTF-8 text data (RFC 6455 §5.6).
    Text,
    /// 0x2: binary data (RFC 6455 §5.6).
    Binary,
    /// 0x8: connection close (RFC 6455 §5.5.1).
    Close,
    /// 0x9: ping (RFC 6455 §5.5.2).
    Ping,
    /// 0xA: pong (RFC 6455 §5.5.3).
    Pong,
    /// 0x3-0x7 (data) or 0xB-0xF (control): reserved for future use (RFC 6455 §5.2).
    Reserved(u8),
}

impl From<u8> for Opcode {
    /// Classify the low 4 bits of `v` (the opcode field is 4 bits wide, RFC 6455 §5.2).
    fn from(v: u8) -> Self {
        match v & 0x0f {
            0x0 => Opcode::Continuation,
            0x1 => Opcode::Text,
            0x2 => Opcode::Binary,
            0x8 => Opcode::Close,
            0x9 => Opcode::Ping,
            0xa => Opcode::Pong,
            other => Opcode::Reserved(other),
        }
    }
}

impl From<Opcode> for u8 {
    /// The 4-bit wire value (RFC 6455 §5.2).
    fn from(op: Opcode) -> u8 {
        match op {
            Opcode::Continuation => 0x0,
            Opcode::Text => 0x1,
            Opcode::Binary => 0x2,
            Opcode::Close => 0x8,
            Opcode::Ping => 0x9,
            Opcode::Pong => 0xa,
            Opcode::Reserved(v) => v & 0x0f,
        }
    }
}

impl Opcode {
    /// Lower-case name as used in RFC 6455 §11.8 ("reserved-0x3" for reserved values).
    pub fn name(&self) -> &'static str {
        const RESERVED: [&str; 16] = [
            "reserved-0x0",
            "reserved-0x1",
            "reserved-0x2",
            "reserved-0x3",
            "reserved-0x4",
            "reserved-0x5",
            "reserved-0x6",
            "reserved-0x7",
            "reserved-0x8",
            "reserved-0x9",
            "reserved-0xa",
            "reserved-0xb",
            "reserved-0xc",
            "reserved-0xd",
            "reserved-0xe",
            "reserved-0xf",
        ];
        match self {
            Opcode::Continuation => "continuation",
            Opcode::Text => "text",
            Opcode::Binary => "binary",
            Opcode::Close => "close",
            Opcode::Ping => "ping",
            Opcode::Pong => "pong",
            Opcode::Reserved(v) => RESERVED
                .get(usize::from(v & 0x0f))
                .copied()
                .unwrap_or("reserved"),
        }
    }

    /// Control opcodes (0x8-0xF) are handled in the middle of fragmented messages (RFC 6455 §5.5).
    pub fn is_control(&self) -> bool {
        u8::from(*self) & 0x08 != 0
    }

    /// Data opcodes that start a message: text or binary (RFC 6455 §5.6).
    pub fn is_data(&self) -> bool {
        matches!(self, Opcode::Text | Opcode::Binary)
    }
}

/// Human-readable meaning of a close status code (RFC 6455 §7.4.1, §7.4.2, IANA §11.7).
pub fn close_code_name(code: u16) -> &'static str {
    match code {
        1000 => "Normal Closure",
        1001 => "Going Away",
        1002 => "Protocol Error",
        1003 => "Unsupported Data",
        1005 => "No Status Received",
        1006 => "Abnormal Closure",
        1007 => "Invalid Frame Payload Data",
        1008 => "Policy Violation",
        1009 => "Message Too Big",
        1010 => "Mandatory Extension",
        1011 => "Internal Server Error",
        1012 => "Service Restart",
        1013 => "Try Again Later",
        1014 => "Bad Gateway",
        1015 => "TLS Handshake",
        1004 | 1016..=2999 => "Reserved",
        3000..=3999 => "Registered (IANA)",
        4000..=4999 => "Private use",
        _ => "Invalid",
    }
}

/// Whether a close code may appear in a Close frame (RFC 6455 §7.4.1, §7.4.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
pub enum CloseCodeValidity {
    /// Defined (1000-1003, 1007-1014), registered (3000-3999) or private (4000-4999).
    Ok,
    /// 1005, 1006 and 1015 are for local reporting only and MUST NOT be sent on the wire (RFC 6455 §7.4.1).
    MustNotBeSent,
    /// 0-999 are not used, 1004 and 1016-2999 are reserved, 5000+ are undefined (RFC 6455 §7.4.2).
    Reserved,
}

/// Classify a close code received on the wire (RFC 6455 §7.4.1, §7.4.2).
pub fn close_code_validity(code: u16) -> CloseCodeValidity {
    match code {
        1005 | 1006 | 1015 => CloseCodeValidity::MustNotBeSent,
        1000..=1003 | 1007..=1014 | 3000..=4999 => CloseCodeValidity::Ok,
        _ => CloseCodeValidity::Reserved,
    }
}

/// The body of a Close frame: optional 2-byte status code then a UTF-8 reason (RFC 6455 §5.5.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ClosePayload<'a> {
    /// Status code (big-endian bytes 0..2), absent for an empty body (RFC 6455 §5.5.1).
    pub code: Option<u16>,
    /// Reason bytes (2..); MUST be UTF-8 but kept raw so invalid data can be shown (RFC 6455 §5.5.1).
    pub reason: &'a [u8],
}

impl<'a> ClosePayload<'a> {
    /// The reason as text; an error means the sender broke the UTF-8 rule and the
    /// receiver must fail the connection with 1007 (RFC 6455 §5.5.1, §8.1).
    pub fn reason_str(&self) -> Result<&'a str, core::str::Utf8Error> {
        core::str::from_utf8(self.reason)
    }

    /// Byte range of the status code within the payload, if present (RFC 6455 §5.5.1).
    pub fn code_range(&self) -> Option<Range<usize>> {
        self.code.map(|_| 0..2)
    }

    /// Byte range of the reason within the payload (RFC 6455 §5.5.1).
    pub fn reason_range(&self) -> Range<usize> {
        let start = if self.code.is_some() { 2 } else { 0 };
        start..start.saturating_add(self.reason.len())
    }
}

/// Why a Close frame body is malformed (RFC 6455 §5.5.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CloseError {
    /// A body, if present, MUST start with a 2-byte code, so 1 byte is invalid (RFC 6455 §5.5.1).
    #[error("close payload of 1 byte: a status code needs 2 bytes (RFC 6455 §5.5.1)")]
    OneByte,
}

/// Split an (already unmasked) Close payload into code and reason (RFC 6455 §5.5.1).
pub fn parse_close_payload(p: &[u8]) -> Result<ClosePayload<'_>, CloseError> {
    if p.is_empty() {
        return Ok(ClosePayload {
            code: None,
            reason: p,
        });
    }
    match nom::number::complete::be_u16::<&[u8], ()>(p) {
        Ok((reason, code)) => Ok(ClosePayload {
            code: Some(code),
            reason,
        }),
        Err(_) => Err(CloseError::OneByte),
    }
}

/// One whole frame: its header and its payload as the application sees it
/// (unmasked), RFC 6455 §5.2. What [`encode_frame`] writes and [`decode_frame`] reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The header; its `payload_len` is the payload's length.
    pub header: FrameHeader,
    /// The payload, unmasked (application data, plus extension data if any).
    pub payload: Vec<u8>,
}

impl Frame {
    /// A frame with the minimal length encoding (RFC 6455 §5.2) for `payload`,
    /// masked with `mask_key` if given; RSV bits clear.
    pub fn new(fin: bool, opcode: u8, payload: Vec<u8>, mask_key: Option<[u8; 4]>) -> Frame {
        Frame {
            header: FrameHeader::new(fin, opcode, payload.len() as u64, mask_key),
            payload,
        }
    }
}

/// The one frame encoder: appends the wire bytes of `frame` to `out` — its
/// header ([`FrameHeader::encode`]) then its payload, XOR-masked with the
/// masking key when the MASK bit is set (RFC 6455 §5.3). The header's
/// `payload_len` is written as it is; keep it equal to the payload's length
/// ([`Frame::new`] does).
pub fn encode_frame(frame: &Frame, out: &mut Vec<u8>) {
    frame.header.encode(out);
    let start = out.len();
    out.extend_from_slice(&frame.payload);
    if frame.header.masked {
        let key = frame.header.mask_key.unwrap_or([0; 4]);
        crate::ws::mask::unmask(&mut out[start..], key, 0);
    }
}

/// Why [`decode_frame`] could not read a whole frame: what is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FrameDecodeError {
    /// The header is cut short; `missing` names the first field not there.
    #[error(
        "the frame header needs {needed} bytes but only {have} are given (missing: {missing})"
    )]
    Header {
        /// Total header bytes this header needs (2 until byte 1 is known).
        needed: usize,
        /// Bytes given.
        have: usize,
        /// The first field that is missing.
        missing: HeaderPart,
    },
    /// The header is complete but the payload is cut short.
    #[error("the payload is {needed} bytes but only {have} are given ({} missing)", needed - have)]
    Payload {
        /// Payload length from the header.
        needed: u64,
        /// Payload bytes given.
        have: u64,
    },
}

/// The header fields in wire order (RFC 6455 §5.2), to say which one is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub enum HeaderPart {
    /// Byte 0: FIN, RSV1–3, opcode.
    Byte0,
    /// Byte 1: MASK and the 7-bit payload length.
    Byte1,
    /// The 16- or 64-bit extended payload length.
    ExtendedLength,
    /// The 4-byte masking key.
    MaskingKey,
}

impl core::fmt::Display for HeaderPart {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            HeaderPart::Byte0 => "byte 0 (FIN, RSV1-3, opcode)",
            HeaderPart::Byte1 => "byte 1 (MASK, payload len)",
            HeaderPart::ExtendedLength => "the extended payload length",
            HeaderPart::MaskingKey => "the masking key",
        })
    }
}

/// The one frame decoder: reads one whole frame from the start of `input`,
/// unmasks its payload (RFC 6455 §5.3) and returns it with the number of
/// bytes it took. Never allocates more than the bytes given, whatever the
/// header claims.
pub fn decode_frame(input: &[u8]) -> Result<(Frame, usize), FrameDecodeError> {
    let header = FrameHeader::parse(input).map_err(|HeaderError::Incomplete { needed }| {
        let have = input.len();
        let missing = match have {
            0 => HeaderPart::Byte0,
            1 => HeaderPart::Byte1,
            _ => {
                let ext_end = MIN_HEADER_LEN + LengthEncoding::from_len7(input[1]).ext_len_bytes();
                if have < ext_end {
                    HeaderPart::ExtendedLength
                } else {
                    HeaderPart::MaskingKey
                }
            }
        };
        FrameDecodeError::Header {
            needed,
            have,
            missing,
        }
    })?;
    let hl = usize::from(header.header_len);
    let have = (input.len() - hl) as u64;
    if have < header.payload_len {
        return Err(FrameDecodeError::Payload {
            needed: header.payload_len,
            have,
        });
    }
    // payload_len <= have, so it fits in usize.
    let end = hl + header.payload_len as usize;
    let mut payload = input[hl..end].to_vec();
    if let Some(key) = header.mask_key {
        crate::ws::mask::unmask(&mut payload, key, 0);
    }
    Ok((Frame { header, payload }, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn enc(h: &FrameHeader) -> Vec<u8> {
        let mut v = Vec::new();
        h.encode(&mut v);
        v
    }

    #[test]
    fn rfc6455_5_7_single_frame_unmasked_text() {
        // RFC 6455 §5.7: "A single-frame unmasked text message" "Hello".
        let bytes = [0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f];
        let h = FrameHeader::parse(&bytes).unwrap();
        assert!(h.fin);
        assert_eq!(h.opcode_kind(), Opcode::Text);
        assert!(!h.masked);
        assert_eq!(h.payload_len, 5);
        assert_eq!(h.header_len, 2);
        assert_eq!(
            h.violations(FrameContext {
                from_client: Some(false),
                deflate: false
            })
            .count(),
            0
        );
    }

    #[test]
    fn rfc6455_5_7_single_frame_masked_text() {
        // RFC 6455 §5.7: masked "Hello".
        let bytes = [
            0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58,
        ];
        let h = FrameHeader::parse(&bytes).unwrap();
        assert_eq!(h.mask_key, Some([0x37, 0xfa, 0x21, 0x3d]));
        assert_eq!(h.header_len, 6);
        let mut payload = bytes[6..].to_vec();
        crate::ws::mask::unmask(&mut payload, h.mask_key.unwrap(), 0);
        assert_eq!(payload, b"Hello");
        let r = h.field_ranges();
        assert_eq!(r.mask_key, Some(2..6));
        assert_eq!(r.ext_len, None);
        assert_eq!(enc(&h), bytes[..6]);
    }

    #[test]
    fn rfc6455_5_7_fragmented_and_ping() {
        // First fragment "Hel", then continuation "lo", ping "Hello" (RFC 6455 §5.7).
        let a = FrameHeader::parse(&[0x01, 0x03]).unwrap();
        assert!(!a.fin);
        assert_eq!(a.opcode_kind(), Opcode::Text);
        let b = FrameHeader::parse(&[0x80, 0x02]).unwrap();
        assert!(b.fin);
        assert_eq!(b.opcode_kind(), Opcode::Continuation);
        let p = FrameHeader::parse(&[0x89, 0x05]).unwrap();
        assert!(p.is_control());
        assert_eq!(p.opcode_kind().name(), "ping");
    }

    #[test]
    fn rfc6455_5_7_extended_lengths() {
        // 256 bytes binary in a single unmasked message: 0x82 0x7E 0x0100.
        let h = FrameHeader::parse(&[0x82, 0x7e, 0x01, 0x00]).unwrap();
        assert_eq!(h.payload_len, 256);
        assert_eq!(h.length_encoding(), LengthEncoding::Len16);
        assert_eq!(h.field_ranges().ext_len, Some(2..4));
        assert!(h.is_minimal_length());
        // 64KiB: 0x82 0x7F 0x0000000000010000.
        let h = FrameHeader::parse(&[0x82, 0x7f, 0, 0, 0, 0, 0, 1, 0, 0]).unwrap();
        assert_eq!(h.payload_len, 65536);
        assert_eq!(h.header_len, 10);
        assert!(h.is_minimal_length());
        assert_eq!(h.field_ranges().ext_len, Some(2..10));
    }

    #[test]
    fn non_minimal_and_top_bit() {
        let h = FrameHeader::parse(&[0x82, 0x7e, 0x00, 0x05]).unwrap();
        assert!(!h.is_minimal_length());
        assert!(h
            .violations(FrameContext {
                from_client: None,
                deflate: false
            })
            .any(|v| v == Violation::NonMinimalLength));
        let h = FrameHeader::parse(&[0x82, 0xff, 0x80, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4]).unwrap();
        assert_eq!(h.payload_len, (1u64 << 63) | 1);
        assert!(h.length_top_bit_set());
        assert_eq!(h.header_len, 14);
        assert_eq!(h.field_ranges().mask_key, Some(10..14));
        assert_eq!(h.frame_len(), Some((1u64 << 63) + 15));
        let h = FrameHeader::parse(&[
            0x82, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0,
        ])
        .unwrap();
        assert_eq!(h.payload_len, u64::MAX);
        assert_eq!(h.frame_len(), None);
    }

    #[test]
    fn incomplete_reports_total_needed() {
        assert_eq!(
            FrameHeader::parse(&[]),
            Err(HeaderError::Incomplete { needed: 2 })
        );
        assert_eq!(
            FrameHeader::parse(&[0x81]),
            Err(HeaderError::Incomplete { needed: 2 })
        );
        assert_eq!(
            FrameHeader::parse(&[0x81, 0xfe, 0x00]),
            Err(HeaderError::Incomplete { needed: 8 })
        );
        assert_eq!(
            FrameHeader::parse(&[0x81, 0x7f]),
            Err(HeaderError::Incomplete { needed: 10 })
        );
    }

    #[test]
    fn violations_control_and_reserved() {
        // Fragmented ping with 126-byte payload and RSV1/2/3 and a reserved opcode.
        let h = FrameHeader::parse(&[0x09, 0x7e, 0x00, 0x7e]).unwrap();
        let v: Vec<_> = h
            .violations(FrameContext {
                from_client: Some(true),
                deflate: true,
            })
            .collect();
        assert_eq!(
            v,
            vec![
                Violation::FragmentedControl,
                Violation::ControlTooLong(126),
                Violation::ClientFrameUnmasked
            ]
        );
        let h = FrameHeader::parse(&[0xf3, 0x80, 1, 2, 3, 4]).unwrap();
        let v: Vec<_> = h
            .violations(FrameContext {
                from_client: Some(false),
                deflate: false,
            })
            .collect();
        assert_eq!(
            v,
            vec![
                Violation::ReservedOpcode(3),
                Violation::Rsv1WithoutExtension,
                Violation::Rsv2Set,
                Violation::Rsv3Set,
                Violation::ServerFrameMasked
            ]
        );
        // RSV1 on a compressed text frame is fine once permessage-deflate is negotiated,
        // but never on a continuation frame (RFC 7692 §6.1).
        let text = FrameHeader::parse(&[0xc1, 0x05]).unwrap();
        assert_eq!(
            text.violations(FrameContext {
                from_client: None,
                deflate: true
            })
            .count(),
            0
        );
        let cont = FrameHeader::parse(&[0xc0, 0x05]).unwrap();
        assert_eq!(
            cont.violations(FrameContext {
                from_client: None,
                deflate: true
            })
            .collect::<Vec<_>>(),
            vec![Violation::Rsv1OnContinuation]
        );
        // With permessage-deflate, RSV1 on a control frame has its own rule.
        let ping = FrameHeader::parse(&[0xc9, 0x00]).unwrap();
        assert_eq!(
            ping.violations(FrameContext {
                from_client: None,
                deflate: true
            })
            .collect::<Vec<_>>(),
            vec![Violation::Rsv1OnControl]
        );
        // A frame cut off after byte 0 still breaks what byte 0 says.
        assert_eq!(
            first_byte_violations(0x73, false).collect::<Vec<_>>(),
            vec![
                Violation::ReservedOpcode(3),
                Violation::Rsv1WithoutExtension,
                Violation::Rsv2Set,
                Violation::Rsv3Set
            ]
        );
    }

    #[test]
    fn opcode_names() {
        assert_eq!(Opcode::from(0).name(), "continuation");
        assert_eq!(Opcode::from(1).name(), "text");
        assert_eq!(Opcode::from(2).name(), "binary");
        assert_eq!(Opcode::from(8).name(), "close");
        assert_eq!(Opcode::from(9).name(), "ping");
        assert_eq!(Opcode::from(10).name(), "pong");
        assert_eq!(Opcode::from(3).name(), "reserved-0x3");
        assert_eq!(Opcode::from(0xb).name(), "reserved-0xb");
        assert_eq!(Opcode::from(0xf), Opcode::Reserved(0xf));
        assert!(Opcode::from(0xb).is_control());
        assert!(!Opcode::from(0x7).is_control());
        for v in 0..16u8 {
            assert_eq!(u8::from(Opcode::from(v)), v);
        }
    }

    #[test]
    fn close_codes() {
        assert_eq!(close_code_name(1000), "Normal Closure");
        assert_eq!(close_code_name(1006), "Abnormal Closure");
        assert_eq!(close_code_name(1015), "TLS Handshake");
        assert_eq!(close_code_name(1004), "Reserved");
        assert_eq!(close_code_name(2999), "Reserved");
        assert_eq!(close_code_name(3001), "Registered (IANA)");
        assert_eq!(close_code_name(4999), "Private use");
        assert_eq!(close_code_name(999), "Invalid");
        assert_eq!(close_code_name(5000), "Invalid");
        assert_eq!(close_code_validity(1000), CloseCodeValidity::Ok);
        assert_eq!(close_code_validity(1014), CloseCodeValidity::Ok);
        assert_eq!(close_code_validity(4000), CloseCodeValidity::Ok);
        assert_eq!(close_code_validity(1005), CloseCodeValidity::MustNotBeSent);
        assert_eq!(close_code_validity(1006), CloseCodeValidity::MustNotBeSent);
        assert_eq!(close_code_validity(1015), CloseCodeValidity::MustNotBeSent);
        assert_eq!(close_code_validity(0), CloseCodeValidity::Reserved);
        assert_eq!(close_code_validity(1004), CloseCodeValidity::Reserved);
        assert_eq!(close_code_validity(1016), CloseCodeValidity::Reserved);
        assert_eq!(close_code_validity(65535), CloseCodeValidity::Reserved);
    }

    #[test]
    fn close_payloads() {
        let p = parse_close_payload(b"\x03\xe8bye").unwrap();
        assert_eq!(p.code, Some(1000));
        assert_eq!(p.reason, b"bye");
        assert_eq!(p.reason_str(), Ok("bye"));
        assert_eq!(p.code_range(), Some(0..2));
        assert_eq!(p.reason_range(), 2..5);
        let p = parse_close_payload(b"").unwrap();
        assert_eq!(p.code, None);
        assert_eq!(p.reason_range(), 0..0);
        assert_eq!(parse_close_payload(b"\x03"), Err(CloseError::OneByte));
        let p = parse_close_payload(b"\x03\xe9\xff").unwrap();
        assert!(p.reason_str().is_err());
    }

    fn arb_header() -> impl Strategy<Value = FrameHeader> {
        let len = prop_oneof![
            (0u64..=125).prop_map(|l| (l as u8, l)),
            any::<u16>().prop_map(|l| (126u8, u64::from(l))),
            any::<u64>().prop_map(|l| (127u8, l)),
            (1u64 << 63..=u64::MAX).prop_map(|l| (127u8, l)),
        ];
        (
            any::<[bool; 4]>(),
            0u8..16,
            len,
            proptest::option::of(any::<[u8; 4]>()),
        )
            .prop_map(|(f, opcode, (len7, payload_len), mask_key)| {
                let header_len = 2
                    + LengthEncoding::from_len7(len7).ext_len_bytes()
                    + if mask_key.is_some() { 4 } else { 0 };
                FrameHeader {
                    fin: f[0],
                    rsv1: f[1],
                    rsv2: f[2],
                    rsv3: f[3],
                    opcode,
                    masked: mask_key.is_some(),
                    len7,
                    payload_len,
                    mask_key,
                    header_len: header_len as u8,
                }
            })
    }

    proptest! {
        #[test]
        fn prop_roundtrip_and_prefixes(h in arb_header(), trailing in proptest::collection::vec(any::<u8>(), 0..8), split in 0usize..14) {
            let mut bytes = enc(&h);
            prop_assert_eq!(bytes.len(), usize::from(h.header_len));
            // Every proper prefix is Incomplete with the correct total.
            for cut in 0..bytes.len() {
                let needed = if cut < 2 { 2 } else { usize::from(h.header_len) };
                prop_assert_eq!(FrameHeader::parse(&bytes[..cut]), Err(HeaderError::Incomplete { needed }));
            }
            // A random split point: the prefix either parses fully or asks for the full header.
            let cut = split.min(bytes.len());
            match FrameHeader::parse(&bytes[..cut]) {
                Ok(_) => prop_assert_eq!(cut, bytes.len()),
                Err(HeaderError::Incomplete { needed }) => prop_assert!(needed > cut && needed <= usize::from(h.header_len)),
            }
            bytes.extend_from_slice(&trailing);
            let parsed = FrameHeader::parse(&bytes).unwrap();
            prop_assert_eq!(parsed, h);
            let r = parsed.field_ranges();
            prop_assert_eq!(r.fin_rsv_opcode.clone(), 0..1);
            prop_assert_eq!(r.mask_len7.clone(), 1..2);
            prop_assert_eq!(r.header.clone(), 0..usize::from(h.header_len));
            let end = r.mask_key.clone().or(r.ext_len.clone()).map_or(2, |x| x.end);
            prop_assert_eq!(end, usize::from(h.header_len));
            if let Some(mk) = r.mask_key {
                prop_assert_eq!(&bytes[mk], &h.mask_key.unwrap()[..]);
            }
            if let Some(el) = r.ext_len {
                prop_assert_eq!(el.start, 2);
                let v = bytes[el].iter().fold(0u64, |a, &b| (a << 8) | u64::from(b));
                prop_assert_eq!(v, h.payload_len);
            }
            prop_assert_eq!(parsed.is_minimal_length(), LengthEncoding::minimal_for(h.payload_len) == h.length_encoding());
        }

        #[test]
        fn prop_parse_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..20)) {
            match FrameHeader::parse(&bytes) {
                Ok(h) => {
                    prop_assert!(usize::from(h.header_len) <= bytes.len());
                    let _ = h.violations(FrameContext { from_client: Some(true), deflate: true }).count();
                    let _ = h.frame_len();
                    prop_assert_eq!(&enc(&h)[..], &bytes[..usize::from(h.header_len)]);
                }
                Err(HeaderError::Incomplete { needed }) => prop_assert!(needed > bytes.len()),
            }
        }

        #[test]
        fn prop_new_is_minimal(len in any::<u64>(), op in 0u8..16, mask in proptest::option::of(any::<[u8;4]>())) {
            let h = FrameHeader::new(true, op, len, mask);
            prop_assert!(h.is_minimal_length());
            prop_assert_eq!(FrameHeader::parse(&enc(&h)), Ok(h));
        }

        #[test]
        fn prop_close_payload(p in proptest::collection::vec(any::<u8>(), 0..130)) {
            match parse_close_payload(&p) {
                Ok(c) => {
                    prop_assert_eq!(c.code.is_some(), p.len() >= 2);
                    prop_assert_eq!(&p[c.reason_range()], c.reason);
                }
                Err(CloseError::OneByte) => prop_assert_eq!(p.len(), 1),
            }
        }
    }

    fn arb_frame() -> impl Strategy<Value = Frame> {
        (
            any::<[bool; 4]>(),
            0u8..16,
            prop_oneof![
                proptest::collection::vec(any::<u8>(), 0..130),
                proptest::collection::vec(any::<u8>(), 126..70_000),
            ],
            proptest::option::of(any::<[u8; 4]>()),
        )
            .prop_map(|(f, op, payload, key)| {
                let mut fr = Frame::new(f[0], op, payload, key);
                fr.header.rsv1 = f[1];
                fr.header.rsv2 = f[2];
                fr.header.rsv3 = f[3];
                fr
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn prop_decode_of_encode_is_identity(fr in arb_frame(), trailing in proptest::collection::vec(any::<u8>(), 0..4)) {
            let mut bytes = Vec::new();
            encode_frame(&fr, &mut bytes);
            let len = bytes.len();
            bytes.extend_from_slice(&trailing);
            let (back, used) = decode_frame(&bytes).unwrap();
            prop_assert_eq!(used, len);
            prop_assert_eq!(&back, &fr);
            // Every cut short of the whole frame says what is missing.
            for cut in [0, 1, usize::from(fr.header.header_len) - 1, len - 1] {
                if cut < len {
                    prop_assert!(decode_frame(&bytes[..cut]).is_err());
                }
            }
        }
    }

    /// RFC 6455 §5.7, every example, byte for byte.
    #[test]
    fn rfc6455_5_7_examples() {
        let enc = |f: Frame| {
            let mut v = Vec::new();
            encode_frame(&f, &mut v);
            v
        };
        // A single-frame unmasked text message.
        assert_eq!(
            enc(Frame::new(true, 1, b"Hello".to_vec(), None)),
            [0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]
        );
        // A single-frame masked text message.
        let masked = [
            0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58,
        ];
        assert_eq!(
            enc(Frame::new(
                true,
                1,
                b"Hello".to_vec(),
                Some([0x37, 0xfa, 0x21, 0x3d])
            )),
            masked
        );
        assert_eq!(decode_frame(&masked).unwrap().0.payload, b"Hello");
        // A fragmented unmasked text message.
        assert_eq!(
            enc(Frame::new(false, 1, b"Hel".to_vec(), None)),
            [0x01, 0x03, 0x48, 0x65, 0x6c]
        );
        assert_eq!(
            enc(Frame::new(true, 0, b"lo".to_vec(), None)),
            [0x80, 0x02, 0x6c, 0x6f]
        );
        // Unmasked Ping request and masked Ping response (a Pong).
        assert_eq!(
            enc(Frame::new(true, 9, b"Hello".to_vec(), None)),
            [0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]
        );
        assert_eq!(
            enc(Frame::new(
                true,
                0xa,
                b"Hello".to_vec(),
                Some([0x37, 0xfa, 0x21, 0x3d])
            )),
            [0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58]
        );
        // 256 bytes binary message in a single unmasked frame.
        let v = enc(Frame::new(true, 2, vec![0xab; 256], None));
        assert_eq!(v[..4], [0x82, 0x7e, 0x01, 0x00]);
        assert_eq!(v.len(), 4 + 256);
        // 64KiB binary message in a single unmasked frame.
        let v = enc(Frame::new(true, 2, vec![0; 65536], None));
        assert_eq!(v[..10], [0x82, 0x7f, 0, 0, 0, 0, 0, 1, 0, 0]);
        assert_eq!(v.len(), 10 + 65536);
    }

    #[test]
    fn truncated_frames_say_what_is_missing() {
        let missing = |b: &[u8]| match decode_frame(b) {
            Err(FrameDecodeError::Header { missing, .. }) => Some(missing),
            _ => None,
        };
        assert_eq!(missing(&[]), Some(HeaderPart::Byte0));
        assert_eq!(missing(&[0x81]), Some(HeaderPart::Byte1));
        assert_eq!(
            missing(&[0x82, 0x7e, 0x01]),
            Some(HeaderPart::ExtendedLength)
        );
        assert_eq!(missing(&[0x81, 0x85, 0x37]), Some(HeaderPart::MaskingKey));
        assert_eq!(
            decode_frame(&[0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f]),
            Err(FrameDecodeError::Payload { needed: 5, have: 1 })
        );
        // A hostile 64-bit length allocates nothing.
        assert!(matches!(
            decode_frame(&[0x82, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
            Err(FrameDecodeError::Payload { have: 0, .. })
        ));
    }
}
