//! HTTP/1.1 message heads (RFC 9112) as used by the WebSocket opening handshake
//! (RFC 6455 §4), plus a streaming chunked-body skipper (RFC 9112 §7.1).
//!
//! Results are owned (the handshake is parsed once per connection) and every
//! header field keeps the byte ranges it came from, relative to the head start,
//! so each byte of the handshake can be explained. Parsing is lenient where
//! RFC 9112 allows recipients to be (lone LF line endings §2.2, obs-fold §5.2,
//! leading empty lines §2.2) and strict where it demands rejection (whitespace
//! before the colon §5.1, control characters in values §5.5).

use core::ops::Range;

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1, take_while_m_n};
use nom::combinator::recognize;
use nom::IResult;
use nom::Parser as _;
use serde::Serialize;

/// Index just past the empty line that ends a message head (RFC 9112 §2.1),
/// searching from `search_from`.
///
/// Accepts `CRLF CRLF` and, leniently, lone-LF forms (`LF LF`, `LF CRLF`) (RFC 9112 §2.2).
/// Incremental: call it as bytes arrive with `search_from = previous_len.saturating_sub(3)`;
/// the longest terminator pattern (`LF CR LF`) is 3 bytes, so nothing is missed
/// and each byte is scanned O(1) times.
pub fn find_head_end(buf: &[u8], search_from: usize) -> Option<usize> {
    let hay = buf.get(search_from..)?;
    for (rel, &b) in hay.iter().enumerate() {
        if b != b'\n' {
            continue;
        }
        let i = search_from.saturating_add(rel);
        match buf.get(i.saturating_add(1)) {
            Some(b'\n') => return Some(i.saturating_add(2)),
            Some(b'\r') if buf.get(i.saturating_add(2)) == Some(&b'\n') => {
                return Some(i.saturating_add(3))
            }
            _ => {}
        }
    }
    None
}

/// The first line of a message (RFC 9112 §3 request-line, §4 status-line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum StartLine {
    /// `method SP request-target SP HTTP-version` (RFC 9112 §3).
    Request {
        /// Method token, e.g. `GET` (RFC 9110 §9); the handshake MUST use GET (RFC 6455 §4.1).
        method: String,
        /// Request target, e.g. `/chat` (RFC 9112 §3.2).
        target: String,
        /// e.g. `HTTP/1.1`; the handshake needs at least 1.1 (RFC 6455 §4.1).
        version: String,
    },
    /// `HTTP-version SP status-code SP [reason-phrase]` (RFC 9112 §4).
    Response {
        /// e.g. `HTTP/1.1`.
        version: String,
        /// Three-digit status; 101 accepts the upgrade (RFC 6455 §4.2.2).
        status: u16,
        /// Reason phrase, informational only (RFC 9112 §4).
        reason: String,
    },
}

/// One header field line (RFC 9112 §5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeaderField {
    /// Field name as sent (compare case-insensitively, RFC 9110 §5.1).
    pub name: String,
    /// Field value with surrounding OWS removed, obs-folds replaced by one SP
    /// (RFC 9112 §5.2), decoded as lossy UTF-8.
    pub value: String,
    /// The whole field line including its line terminator(s), so that start line,
    /// fields and the final empty line tile the head exactly.
    pub range: Range<usize>,
    /// The field name bytes.
    pub name_range: Range<usize>,
    /// The value bytes without surrounding OWS (may span obs-folds; empty range if no value).
    pub value_range: Range<usize>,
}

/// A parsed message head (RFC 9112 §2.1: start-line, field lines, empty line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HttpHead {
    /// Request-line or status-line.
    pub start: StartLine,
    /// Bytes of the start line including its line terminator.
    pub start_range: Range<usize>,
    /// Sub-ranges of the start line: request `[method, target, version]`,
    /// response `[version, status, reason]` (RFC 9112 §3, §4).
    pub start_parts: [Range<usize>; 3],
    /// Header fields in order of appearance.
    pub headers: Vec<HeaderField>,
    /// The terminating empty line (RFC 9112 §2.1).
    pub end_range: Range<usize>,
    /// Length of the whole head including the empty line; the body or the
    /// WebSocket frames start here.
    pub head_len: usize,
}

/// Why a message head is malformed (RFC 9112).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HttpError {
    /// A syntax error at byte `offset` of the parsed input.
    #[error("invalid HTTP at byte {offset}: {reason}")]
    Invalid {
        /// Byte offset relative to the head (or chunked body) start.
        offset: usize,
        /// What was wrong, citing the rule.
        reason: &'static str,
    },
    /// The input ended before the empty line that terminates the head (RFC 9112 §2.1).
    #[error("HTTP head is not terminated by an empty line (RFC 9112 §2.1)")]
    Incomplete,
}

type PResult<'a, O> = IResult<&'a [u8], O, nom::error::Error<&'a [u8]>>;

/// `tchar` (RFC 9110 §5.6.2).
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// Bytes allowed inside a field value or reason phrase: HTAB, SP, VCHAR, obs-text (RFC 9110 §5.5).
fn is_field_byte(b: u8) -> bool {
    b == b'\t' || (b >= 0x20 && b != 0x7f)
}

fn is_ows(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

fn line_end(i: &[u8]) -> PResult<'_, &[u8]> {
    alt((tag(&b"\r\n"[..]), tag(&b"\n"[..]))).parse_complete(i)
}

fn http_version(i: &[u8]) -> PResult<'_, &[u8]> {
    let digit = |i| take_while_m_n(1, 1, |b: u8| b.is_ascii_digit())(i);
    recognize((tag(&b"HTTP/"[..]), digit, tag(&b"."[..]), digit)).parse_complete(i)
}

/// Parsing position within a head, for error offsets and ranges.
struct Cursor<'a> {
    head: &'a [u8],
    rest: &'a [u8],
}

impl<'a> Cursor<'a> {
    fn pos(&self) -> usize {
        self.head.len().saturating_sub(self.rest.len())
    }

    fn err(&self, at: &[u8], reason: &'static str) -> HttpError {
        HttpError::Invalid {
            offset: self.head.len().saturating_sub(at.len()),
            reason,
        }
    }

    /// Run a nom parser; on failure report `reason` at the failure position.
    fn step<O>(
        &mut self,
        mut p: impl FnMut(&'a [u8]) -> PResult<'a, O>,
        reason: &'static str,
    ) -> Result<(O, Range<usize>), HttpError> {
        let start = self.pos();
        match p(self.rest) {
            Ok((rest, o)) => {
                self.rest = rest;
                Ok((o, start..self.pos()))
            }
            Err(nom::Err::Error(e) | nom::Err::Failure(e)) => {
                if e.input.is_empty() {
                    Err(HttpError::Incomplete)
                } else {
                    Err(self.err(e.input, reason))
                }
            }
            Err(nom::Err::Incomplete(_)) => Err(HttpError::Incomplete),
        }
    }

    fn line_end(&mut self, reason: &'static str) -> Result<Range<usize>, HttpError> {
        self.step(line_end, reason).map(|(_, r)| r)
    }

    fn sp(&mut self, reason: &'static str) -> Result<(), HttpError> {
        self.step(|i| tag(&b" "[..])(i), reason).map(|_| ())
    }
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Skip empty lines before the start line, which RFC 9112 §2.2 says a server SHOULD ignore.
fn skip_leading_empty_lines(c: &mut Cursor<'_>) {
    while let Ok((rest, _)) = line_end(c.rest) {
        c.rest = rest;
    }
}

fn parse_request_line(c: &mut Cursor<'_>) -> Result<(StartLine, [Range<usize>; 3]), HttpError> {
    let (method, mr) = c.step(
        |i| take_while1(is_tchar)(i),
        "expected a method token (RFC 9112 §3.1)",
    )?;
    c.sp("expected a single SP after the method (RFC 9112 §3)")?;
    let (target, tr) = c.step(
        |i| take_while1(|b: u8| b > 0x20 && b != 0x7f)(i),
        "expected a request-target (RFC 9112 §3.2)",
    )?;
    c.sp("expected a single SP after the request-target (RFC 9112 §3)")?;
    let (version, vr) = c.step(
        http_version,
        "expected HTTP-version like HTTP/1.1 (RFC 9112 §2.3)",
    )?;
    c.line_end("expected CRLF at the end of the request-line (RFC 9112 §3)")?;
    Ok((
        StartLine::Request {
            method: lossy(method),
            target: lossy(target),
            version: lossy(version),
        },
        [mr, tr, vr],
    ))
}

fn parse_status_line(c: &mut Cursor<'_>) -> Result<(StartLine, [Range<usize>; 3]), HttpError> {
    let (version, vr) = c.step(
        http_version,
        "expected HTTP-version like HTTP/1.1 (RFC 9112 §2.3)",
    )?;
    c.sp("expected a single SP after the HTTP-version (RFC 9112 §4)")?;
    let (code, sr) = c.step(
        |i| take_while_m_n(3, 3, |b: u8| b.is_ascii_digit())(i),
        "expected a 3-digit status-code (RFC 9112 §4)",
    )?;
    let status = code.iter().fold(0u16, |a, &d| {
        a.saturating_mul(10)
            .saturating_add(u16::from(d.saturating_sub(b'0')))
    });
    // The SP before an empty reason-phrase is required, but some servers omit it.
    let reason_range;
    let reason;
    if line_end(c.rest).is_ok() {
        let p = c.pos();
        reason_range = p..p;
        reason = String::new();
    } else {
        c.sp("expected SP after the status-code (RFC 9112 §4)")?;
        let (r, rr) = c.step(|i| take_while(is_field_byte)(i), "invalid reason-phrase")?;
        reason_range = rr;
        reason = lossy(r);
    }
    c.line_end("invalid byte in the status-line; expected CRLF (RFC 9112 §4)")?;
    Ok((
        StartLine::Response {
            version: lossy(version),
            status,
            reason,
        },
        [vr, sr, reason_range],
    ))
}

/// Parse one field line (the cursor is at its first byte) including obs-folds.
fn parse_field(c: &mut Cursor<'_>) -> Result<HeaderField, HttpError> {
    let line_start = c.pos();
    let (name, name_range) = c.step(
        |i| take_while1(is_tchar)(i),
        "expected a header field name token (RFC 9112 §5)",
    )?;
    if c.rest.first().copied().is_some_and(is_ows) {
        return Err(c.err(
            c.rest,
            "whitespace between field name and colon must be rejected (RFC 9112 §5.1)",
        ));
    }
    c.step(
        |i| tag(&b":"[..])(i),
        "expected ':' after the field name (RFC 9112 §5)",
    )?;
    let mut value = String::new();
    let mut value_range: Option<Range<usize>> = None;
    loop {
        c.step(|i| take_while(is_ows)(i), "")?;
        let (seg, seg_range) = c.step(|i| take_while(is_field_byte)(i), "")?;
        // Trim trailing OWS of this segment.
        let trimmed_len = seg
            .iter()
            .rposition(|&b| !is_ows(b))
            .map_or(0, |p| p.saturating_add(1));
        let seg = seg.get(..trimmed_len).unwrap_or_default();
        if !seg.is_empty() {
            let end = seg_range.start.saturating_add(trimmed_len);
            if !value.is_empty() {
                value.push(' ');
            }
            value.push_str(&String::from_utf8_lossy(seg));
            value_range = Some(match value_range {
                Some(r) => r.start..end,
                None => seg_range.start..end,
            });
        }
        let reason = match c.rest.first() {
            Some(0) => "NUL byte in field value (RFC 9110 §5.5)",
            Some(b'\r') if c.rest.get(1) != Some(&b'\n') => {
                "bare CR in field value (RFC 9112 §2.2)"
            }
            _ => "control character in field value (RFC 9110 §5.5)",
        };
        c.line_end(reason)?;
        // obs-fold: a line starting with SP/HTAB continues the value (RFC 9112 §5.2).
        if !c.rest.first().copied().is_some_and(is_ows) {
            break;
        }
    }
    let value_range = value_range.unwrap_or_else(|| {
        let p = name_range.end.saturating_add(1);
        p..p
    });
    Ok(HeaderField {
        name: lossy(name),
        value,
        range: line_start..c.pos(),
        name_range,
        value_range,
    })
}

type StartParser = fn(&mut Cursor<'_>) -> Result<(StartLine, [Range<usize>; 3]), HttpError>;

fn parse_head(head: &[u8], start_parser: StartParser) -> Result<HttpHead, HttpError> {
    match parse_head_inner(head, start_parser) {
        // A head cut short inside its last line (e.g. `GET / HTT`) is incomplete,
        // not invalid, as long as what is there is plausible text.
        Err(HttpError::Invalid { offset, .. })
            if find_head_end(head, 0).is_none()
                && head.get(offset..).is_some_and(|tail| {
                    tail.iter()
                        .all(|&b| b == b'\t' || b == b'\r' || (0x20..0x7f).contains(&b))
                }) =>
        {
            Err(HttpError::Incomplete)
        }
        other => other,
    }
}

fn parse_head_inner(head: &[u8], start_parser: StartParser) -> Result<HttpHead, HttpError> {
    let mut c = Cursor { head, rest: head };
    skip_leading_empty_lines(&mut c);
    let start_begin = c.pos();
    let (start, start_parts) = start_parser(&mut c)?;
    let start_range = start_begin..c.pos();
    if c.rest.first().copied().is_some_and(is_ows) {
        return Err(c.err(
            c.rest,
            "whitespace between the start-line and the first header field (RFC 9112 §2.2)",
        ));
    }
    let mut headers = Vec::new();
    loop {
        if c.rest.is_empty() {
            return Err(HttpError::Incomplete);
        }
        if let Ok((rest, _)) = line_end(c.rest) {
            let p = c.pos();
            c.rest = rest;
            let end_range = p..c.pos();
            return Ok(HttpHead {
                start,
                start_range,
                start_parts,
                headers,
                head_len: c.pos(),
                end_range,
            });
        }
        headers.push(parse_field(&mut c)?);
    }
}

/// Parse a request head (RFC 9112 §2.1, §3); `head` is the buffer up to
/// [`find_head_end`] (extra bytes after the empty line are ignored).
pub fn parse_request(head: &[u8]) -> Result<HttpHead, HttpError> {
    parse_head(head, parse_request_line)
}

/// Parse a response head (RFC 9112 §2.1, §4).
pub fn parse_response(head: &[u8]) -> Result<HttpHead, HttpError> {
    parse_head(head, parse_status_line)
}

/// Methods recognised by [`looks_like_request`] on partial input (RFC 9110 §9.1, RFC 5789).
const KNOWN_METHODS: [&[u8]; 9] = [
    b"GET ",
    b"POST ",
    b"PUT ",
    b"DELETE ",
    b"HEAD ",
    b"OPTIONS ",
    b"PATCH ",
    b"CONNECT ",
    b"TRACE ",
];

/// Whether a TCP stream starts like an HTTP request: a method followed by SP
/// (RFC 9112 §3). Works on partial input: a non-empty prefix of a known method
/// (`"GE"`) counts; a complete upper-case token of up to 16 letters followed by SP
/// (extension methods like `PROPFIND`) counts too.
pub fn looks_like_request(buf: &[u8]) -> bool {
    if buf.is_empty() {
        return false;
    }
    if KNOWN_METHODS
        .iter()
        .any(|m| buf.starts_with(m) || m.starts_with(buf))
    {
        return true;
    }
    match buf.iter().position(|&b| b == b' ') {
        Some(n) => {
            (1..=16).contains(&n)
                && buf.get(..n).is_some_and(|t| {
                    t.iter()
                        .all(|&b| b.is_ascii_uppercase() || b == b'-' || b == b'_')
                })
        }
        None => false,
    }
}

/// Whether a TCP stream starts like an HTTP/1.x response (`HTTP/1.`, RFC 9112 §4);
/// a non-empty prefix of `HTTP/1.` counts on partial input.
pub fn looks_like_response(buf: &[u8]) -> bool {
    const P: &[u8] = b"HTTP/1.";
    !buf.is_empty() && (buf.starts_with(P) || P.starts_with(buf))
}

/// How the message body is delimited (RFC 9112 §6.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BodyKind {
    /// No body: requests without Content-Length/Transfer-Encoding; 1xx (including
    /// 101 Switching Protocols), 204, 304 and HEAD responses.
    None,
    /// Exactly this many bytes (Content-Length).
    Length(u64),
    /// Chunked transfer coding (RFC 9112 §7.1).
    Chunked,
    /// The body runs until the connection closes (responses only).
    UntilClose,
    /// The framing is invalid (e.g. bad Content-Length); the message is unrecoverable (RFC 9112 §6.3).
    Invalid {
        /// What is wrong.
        reason: &'static str,
    },
}

impl HttpHead {
    /// First header with this name, case-insensitive (RFC 9110 §5.1).
    pub fn header(&self, name: &str) -> Option<&HeaderField> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
    }

    /// All headers with this name in order, case-insensitive (RFC 9110 §5.3).
    pub fn headers_named<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = &'a HeaderField> + 'a {
        self.headers
            .iter()
            .filter(move |h| h.name.eq_ignore_ascii_case(name))
    }

    /// Values of all same-named headers joined with `", "`, which is equivalent for
    /// list-based fields (RFC 9110 §5.3). `None` if absent.
    pub fn header_values_joined(&self, name: &str) -> Option<String> {
        let mut it = self.headers_named(name);
        let first = it.next()?;
        let mut s = first.value.clone();
        for h in it {
            s.push_str(", ");
            s.push_str(&h.value);
        }
        Some(s)
    }

    /// Whether any occurrence of the comma-separated list field `name` contains
    /// `token`, case-insensitively, e.g. `Connection: keep-alive, Upgrade`
    /// (RFC 9110 §5.6.1, §7.6.1; RFC 6455 §4.1 items 5-6).
    pub fn has_token(&self, name: &str, token: &str) -> bool {
        self.headers_named(name).any(|h| {
            h.value.split(',').any(|t| {
                t.trim_matches(|c| c == ' ' || c == '\t')
                    .eq_ignore_ascii_case(token)
            })
        })
    }

    /// `Some(status)` for responses.
    pub fn status(&self) -> Option<u16> {
        match &self.start {
            StartLine::Response { status, .. } => Some(*status),
            StartLine::Request { .. } => None,
        }
    }

    /// `Some(method)` for requests.
    pub fn method(&self) -> Option<&str> {
        match &self.start {
            StartLine::Request { method, .. } => Some(method),
            StartLine::Response { .. } => None,
        }
    }

    /// The Content-Length value (RFC 9110 §8.6): `Ok(None)` if absent; repeated
    /// headers or list values must all be the same decimal number.
    pub fn content_length(&self) -> Result<Option<u64>, &'static str> {
        let mut found: Option<u64> = None;
        for h in self.headers_named("content-length") {
            for part in h.value.split(',') {
                let part = part.trim_matches(|c| c == ' ' || c == '\t');
                if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                    return Err("Content-Length is not a decimal number (RFC 9110 §8.6)");
                }
                let n: u64 = part
                    .parse()
                    .map_err(|_| "Content-Length does not fit in 64 bits (RFC 9110 §8.6)")?;
                match found {
                    Some(prev) if prev != n => {
                        return Err("conflicting Content-Length values (RFC 9112 §6.3)")
                    }
                    _ => found = Some(n),
                }
            }
        }
        Ok(found)
    }

    /// How the body following this head is delimited (RFC 9112 §6.3).
    /// `is_response_to_head`: this response answers a HEAD request (no body).
    pub fn body_kind(&self, is_response_to_head: bool) -> BodyKind {
        let status = self.status();
        let is_response = status.is_some();
        if let Some(s) = status {
            if is_response_to_head || (100..200).contains(&s) || s == 204 || s == 304 {
                return BodyKind::None;
            }
        }
        if let Some(te) = self.header_values_joined("transfer-encoding") {
            // Transfer-Encoding overrides Content-Length (RFC 9112 §6.3 item 3).
            let last = te
                .rsplit(',')
                .map(|t| t.trim_matches(|c| c == ' ' || c == '\t'))
                .find(|t| !t.is_empty());
            return match last {
                Some(t) if t.eq_ignore_ascii_case("chunked") => BodyKind::Chunked,
                _ if is_response => BodyKind::UntilClose,
                _ => BodyKind::Invalid {
                    reason: "request Transfer-Encoding does not end with chunked (RFC 9112 §6.3)",
                },
            };
        }
        match self.content_length() {
            Ok(Some(n)) => BodyKind::Length(n),
            Ok(None) if is_response => BodyKind::UntilClose,
            Ok(None) => BodyKind::None,
            Err(reason) => BodyKind::Invalid { reason },
        }
    }
}

/// A problem with an opening handshake, by RFC 6455 §4 rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, thiserror::Error)]
pub enum HandshakeIssue {
    /// The request MUST be a GET (RFC 6455 §4.1 item 2).
    #[error("the opening handshake must be a GET request (RFC 6455 §4.1)")]
    NotGet,
    /// HTTP version MUST be at least 1.1 (RFC 6455 §4.1 item 2).
    #[error("the opening handshake requires HTTP/1.1 or later (RFC 6455 §4.1)")]
    HttpVersionTooLow,
    /// The request MUST contain a Host header (RFC 6455 §4.1 item 4).
    #[error("missing Host header (RFC 6455 §4.1)")]
    MissingHost,
    /// `Upgrade` MUST include the `websocket` keyword (RFC 6455 §4.1 item 5, §4.2.2).
    #[error("Upgrade header does not contain \"websocket\" (RFC 6455 §4.1, §4.2.2)")]
    MissingUpgradeWebsocket,
    /// `Connection` MUST include the `Upgrade` token (RFC 6455 §4.1 item 6, §4.2.2).
    #[error("Connection header does not contain the \"Upgrade\" token (RFC 6455 §4.1, §4.2.2)")]
    MissingConnectionUpgrade,
    /// `Sec-WebSocket-Key` MUST be present exactly once (RFC 6455 §4.1 item 7, §11.3.1).
    #[error("Sec-WebSocket-Key must appear exactly once (RFC 6455 §4.1, §11.3.1)")]
    KeyMissingOrRepeated,
    /// The key MUST be base64 of 16 bytes (RFC 6455 §4.1 item 7).
    #[error("Sec-WebSocket-Key is not the base64 of a 16-byte nonce (RFC 6455 §4.1)")]
    KeyNot16Bytes,
    /// `Sec-WebSocket-Version` MUST be 13 (RFC 6455 §4.1 item 9).
    #[error("Sec-WebSocket-Version must be 13 (RFC 6455 §4.1)")]
    VersionNot13,
    /// Anything but 101 means the handshake did not complete (RFC 6455 §4.1, §4.2.2).
    #[error("the server did not answer 101 Switching Protocols (RFC 6455 §4.1)")]
    StatusNot101,
    /// `Sec-WebSocket-Accept` is absent (RFC 6455 §4.1 client rule 4, §4.2.2).
    #[error("missing Sec-WebSocket-Accept (RFC 6455 §4.2.2)")]
    MissingAccept,
    /// `Sec-WebSocket-Accept` does not match the key (RFC 6455 §4.1 client rule 4).
    #[error("Sec-WebSocket-Accept does not match the request's key (RFC 6455 §4.1)")]
    AcceptMismatch,
    /// The server chose a subprotocol the client didn't offer (RFC 6455 §4.1 client rule 6).
    #[error("the server selected a subprotocol that the client did not offer (RFC 6455 §4.1)")]
    ProtocolNotOffered,
}

fn version_at_least_11(v: &str) -> bool {
    let digits = v.strip_prefix("HTTP/").unwrap_or("");
    let mut it = digits.split('.').map(|d| d.parse::<u8>().ok());
    matches!((it.next().flatten(), it.next().flatten()), (Some(maj), Some(min)) if (maj, min) >= (1, 1))
}

/// Check a client's opening handshake against RFC 6455 §4.1 / §4.2.1.
pub fn request_issues(req: &HttpHead) -> Vec<HandshakeIssue> {
    let mut out = Vec::new();
    if let StartLine::Request {
        method, version, ..
    } = &req.start
    {
        if method != "GET" {
            out.push(HandshakeIssue::NotGet);
        }
        if !version_at_least_11(version) {
            out.push(HandshakeIssue::HttpVersionTooLow);
        }
    }
    if req.header("host").is_none() {
        out.push(HandshakeIssue::MissingHost);
    }
    if !req.has_token("upgrade", "websocket") {
        out.push(HandshakeIssue::MissingUpgradeWebsocket);
    }
    if !req.has_token("connection", "upgrade") {
        out.push(HandshakeIssue::MissingConnectionUpgrade);
    }
    let mut keys = req.headers_named("sec-websocket-key");
    match (keys.next(), keys.next()) {
        (Some(k), None) => {
            if crate::ws::accept::key_decoded_len(&k.value) != Ok(16) {
                out.push(HandshakeIssue::KeyNot16Bytes);
            }
        }
        _ => out.push(HandshakeIssue::KeyMissingOrRepeated),
    }
    if req.header_values_joined("sec-websocket-version").as_deref() != Some("13") {
        out.push(HandshakeIssue::VersionNot13);
    }
    out
}

/// Check a server's response against RFC 6455 §4.1 (client-side rules) and §4.2.2,
/// given the request it answers.
pub fn response_issues(req: &HttpHead, resp: &HttpHead) -> Vec<HandshakeIssue> {
    let mut out = Vec::new();
    if resp.status() != Some(101) {
        out.push(HandshakeIssue::StatusNot101);
        return out;
    }
    if !resp.has_token("upgrade", "websocket") {
        out.push(HandshakeIssue::MissingUpgradeWebsocket);
    }
    if !resp.has_token("connection", "upgrade") {
        out.push(HandshakeIssue::MissingConnectionUpgrade);
    }
    match (
        resp.header("sec-websocket-accept"),
        req.header("sec-websocket-key"),
    ) {
        (None, _) => out.push(HandshakeIssue::MissingAccept),
        (Some(a), Some(k)) if !crate::ws::accept::accept_matches(&k.value, &a.value) => {
            out.push(HandshakeIssue::AcceptMismatch)
        }
        (Some(_), None) => out.push(HandshakeIssue::AcceptMismatch),
        _ => {}
    }
    if let Some(chosen) = resp.header_values_joined("sec-websocket-protocol") {
        let offered = req
            .header_values_joined("sec-websocket-protocol")
            .map(|v| crate::http::ext::parse_token_list(&v))
            .unwrap_or_default();
        let chosen = chosen.trim_matches(|c| c == ' ' || c == '\t');
        if !offered.iter().any(|o| o == chosen) {
            out.push(HandshakeIssue::ProtocolNotOffered);
        }
    }
    out
}

/// Progress report of [`ChunkedSkipper::feed`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ChunkProgress {
    /// Bytes of the input that belong to the chunked body.
    pub consumed: usize,
    /// The last chunk and trailer section have been seen; later bytes are not part of the body.
    pub done: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ChunkState {
    /// Reading hex digits of chunk-size; `any` tells whether one was seen.
    Size {
        size: u64,
        any: bool,
    },
    /// In chunk-ext / BWS after the size, until LF.
    Ext {
        size: u64,
    },
    /// Saw CR ending the size line, expecting LF.
    SizeLf {
        size: u64,
    },
    /// Inside chunk-data.
    Data {
        remaining: u64,
    },
    /// Expecting CRLF (or lone LF) after chunk-data.
    DataCr,
    /// Saw CR after chunk-data, expecting LF.
    DataLf,
    /// At the start of a trailer line (or the final empty line).
    TrailerStart,
    /// Inside a trailer field line, until LF.
    Trailer,
    /// Saw CR at a trailer line start, expecting LF.
    TrailerEndLf,
    Done,
    Failed {
        offset: usize,
        reason: &'static str,
    },
}

/// Walks a chunked body (RFC 9112 §7.1) as bytes arrive, without buffering, to
/// find where it ends. Works across arbitrary splits; sizes are checked for
/// `u64` overflow.
#[derive(Debug, Clone)]
pub struct ChunkedSkipper {
    state: ChunkState,
    pos: u64,
    data_bytes: u64,
    chunks: u64,
}

impl Default for ChunkedSkipper {
    fn default() -> Self {
        Self::new()
    }
}

impl ChunkedSkipper {
    /// Start at the first chunk-size line.
    pub fn new() -> Self {
        ChunkedSkipper {
            state: ChunkState::Size {
                size: 0,
                any: false,
            },
            pos: 0,
            data_bytes: 0,
            chunks: 0,
        }
    }

    /// Whether the last-chunk and trailers have been consumed.
    pub fn is_done(&self) -> bool {
        self.state == ChunkState::Done
    }

    /// Total chunk-data bytes seen (the decoded body length so far).
    pub fn data_len(&self) -> u64 {
        self.data_bytes
    }

    /// Number of non-empty chunks seen so far.
    pub fn chunk_count(&self) -> u64 {
        self.chunks
    }

    fn fail(&mut self, at: u64, reason: &'static str) -> HttpError {
        let offset = usize::try_from(at).unwrap_or(usize::MAX);
        self.state = ChunkState::Failed { offset, reason };
        HttpError::Invalid { offset, reason }
    }

    /// Feed the next bytes; returns how many belong to the body and whether it
    /// ended. Error offsets count from the body start. After an error every call
    /// returns the same error.
    pub fn feed(&mut self, data: &[u8]) -> Result<ChunkProgress, HttpError> {
        let mut i = 0usize;
        while i < data.len() {
            let at = self.pos.saturating_add(i as u64);
            match self.state {
                ChunkState::Done => break,
                ChunkState::Failed { offset, reason } => {
                    return Err(HttpError::Invalid { offset, reason })
                }
                ChunkState::Data { remaining } => {
                    let avail = data.len().saturating_sub(i);
                    let take = usize::try_from(remaining).map_or(avail, |r| r.min(avail));
                    i = i.saturating_add(take);
                    let left = remaining.saturating_sub(take as u64);
                    self.data_bytes = self.data_bytes.saturating_add(take as u64);
                    self.state = if left == 0 {
                        ChunkState::DataCr
                    } else {
                        ChunkState::Data { remaining: left }
                    };
                    continue;
                }
                _ => {}
            }
            let Some(&b) = data.get(i) else { break };
            i = i.saturating_add(1);
            self.state = match self.state {
                ChunkState::Size { size, any } => match (b as char).to_digit(16) {
                    Some(d) => match size
                        .checked_mul(16)
                        .and_then(|s| s.checked_add(u64::from(d)))
                    {
                        Some(size) => ChunkState::Size { size, any: true },
                        None => {
                            return Err(
                                self.fail(at, "chunk-size overflows 64 bits (RFC 9112 §7.1)")
                            )
                        }
                    },
                    None if !any => {
                        return Err(
                            self.fail(at, "expected a hexadecimal chunk-size (RFC 9112 §7.1)")
                        )
                    }
                    None => match b {
                        b';' | b' ' | b'\t' => ChunkState::Ext { size },
                        b'\r' => ChunkState::SizeLf { size },
                        b'\n' => self.after_size_line(size),
                        _ => {
                            return Err(
                                self.fail(at, "invalid byte after chunk-size (RFC 9112 §7.1)")
                            )
                        }
                    },
                },
                ChunkState::Ext { size } => match b {
                    b'\r' => ChunkState::SizeLf { size },
                    b'\n' => self.after_size_line(size),
                    b'\t' => ChunkState::Ext { size },
                    0..=0x1f | 0x7f => {
                        return Err(
                            self.fail(at, "control character in chunk-ext (RFC 9112 §7.1.1)")
                        )
                    }
                    _ => ChunkState::Ext { size },
                },
                ChunkState::SizeLf { size } => match b {
                    b'\n' => self.after_size_line(size),
                    _ => return Err(self.fail(at, "bare CR in chunk-size line (RFC 9112 §7.1)")),
                },
                ChunkState::DataCr => match b {
                    b'\r' => ChunkState::DataLf,
                    b'\n' => ChunkState::Size {
                        size: 0,
                        any: false,
                    },
                    _ => {
                        return Err(self.fail(at, "chunk-data not followed by CRLF (RFC 9112 §7.1)"))
                    }
                },
                ChunkState::DataLf => match b {
                    b'\n' => ChunkState::Size {
                        size: 0,
                        any: false,
                    },
                    _ => {
                        return Err(self.fail(at, "chunk-data not followed by CRLF (RFC 9112 §7.1)"))
                    }
                },
                ChunkState::TrailerStart => match b {
                    b'\r' => ChunkState::TrailerEndLf,
                    b'\n' => ChunkState::Done,
                    _ => ChunkState::Trailer,
                },
                ChunkState::Trailer => match b {
                    b'\n' => ChunkState::TrailerStart,
                    0 => return Err(self.fail(at, "NUL byte in trailer field (RFC 9110 §5.5)")),
                    _ => ChunkState::Trailer,
                },
                ChunkState::TrailerEndLf => match b {
                    b'\n' => ChunkState::Done,
                    _ => {
                        return Err(
                            self.fail(at, "bare CR at the end of a chunked body (RFC 9112 §7.1)")
                        )
                    }
                },
                s @ (ChunkState::Data { .. } | ChunkState::Done | ChunkState::Failed { .. }) => s,
            };
        }
        self.pos = self.pos.saturating_add(i as u64);
        Ok(ChunkProgress {
            consumed: i,
            done: self.state == ChunkState::Done,
        })
    }

    fn after_size_line(&mut self, size: u64) -> ChunkState {
        if size == 0 {
            ChunkState::TrailerStart
        } else {
            self.chunks = self.chunks.saturating_add(1);
            ChunkState::Data { remaining: size }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // RFC 6455 §1.2 / §4.1 example handshake.
    const REQ: &[u8] = b"GET /chat HTTP/1.1\r\n\
Host: server.example.com\r\n\
Upgrade: websocket\r\n\
Connection: Upgrade\r\n\
Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\
Origin: http://example.com\r\n\
Sec-WebSocket-Protocol: chat, superchat\r\n\
Sec-WebSocket-Version: 13\r\n\r\n";

    const RESP: &[u8] = b"HTTP/1.1 101 Switching Protocols\r\n\
Upgrade: websocket\r\n\
Connection: Upgrade\r\n\
Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\
Sec-WebSocket-Protocol: chat\r\n\r\n";

    #[test]
    fn rfc6455_example_request() {
        let mut buf = REQ.to_vec();
        buf.extend_from_slice(b"\x81\x85");
        let end = find_head_end(&buf, 0).unwrap();
        assert_eq!(end, REQ.len());
        let h = parse_request(&buf[..end]).unwrap();
        assert_eq!(
            h.start,
            StartLine::Request {
                method: "GET".into(),
                target: "/chat".into(),
                version: "HTTP/1.1".into()
            }
        );
        assert_eq!(h.start_range, 0..20);
        assert_eq!(h.start_parts, [0..3, 4..9, 10..18]);
        assert_eq!(h.headers.len(), 7);
        assert_eq!(h.head_len, REQ.len());
        assert_eq!(h.end_range, REQ.len() - 2..REQ.len());
        let host = h.header("HOST").unwrap();
        assert_eq!(host.value, "server.example.com");
        assert_eq!(&REQ[host.name_range.clone()], b"Host");
        assert_eq!(&REQ[host.value_range.clone()], b"server.example.com");
        assert_eq!(&REQ[host.range.clone()], b"Host: server.example.com\r\n");
        assert!(h.has_token("connection", "upgrade"));
        assert!(h.has_token("Upgrade", "WebSocket"));
        assert_eq!(
            crate::http::ext::parse_token_list(&h.header("sec-websocket-protocol").unwrap().value),
            vec!["chat", "superchat"]
        );
        assert_eq!(h.body_kind(false), BodyKind::None);
        assert_eq!(h.method(), Some("GET"));
        assert!(request_issues(&h).is_empty());
        // The fields tile the head.
        let mut at = h.start_range.end;
        for f in &h.headers {
            assert_eq!(f.range.start, at);
            at = f.range.end;
        }
        assert_eq!(at, h.end_range.start);
    }

    #[test]
    fn rfc6455_example_response() {
        let h = parse_response(RESP).unwrap();
        assert_eq!(
            h.start,
            StartLine::Response {
                version: "HTTP/1.1".into(),
                status: 101,
                reason: "Switching Protocols".into()
            }
        );
        assert_eq!(h.start_parts, [0..8, 9..12, 13..32]);
        assert_eq!(h.body_kind(false), BodyKind::None);
        assert_eq!(h.status(), Some(101));
        let req = parse_request(REQ).unwrap();
        assert!(response_issues(&req, &h).is_empty());
    }

    #[test]
    fn handshake_issues_detected() {
        let req = parse_request(
            b"POST / HTTP/1.0\r\nUpgrade: h2c\r\nSec-WebSocket-Key: aGVsbG8=\r\nSec-WebSocket-Version: 8\r\n\r\n",
        )
        .unwrap();
        assert_eq!(
            request_issues(&req),
            vec![
                HandshakeIssue::NotGet,
                HandshakeIssue::HttpVersionTooLow,
                HandshakeIssue::MissingHost,
                HandshakeIssue::MissingUpgradeWebsocket,
                HandshakeIssue::MissingConnectionUpgrade,
                HandshakeIssue::KeyNot16Bytes,
                HandshakeIssue::VersionNot13
            ]
        );
        let good_req = parse_request(REQ).unwrap();
        let resp = parse_response(
            b"HTTP/1.1 101 OK\r\nUpgrade: websocket\r\nConnection: upgrade\r\nSec-WebSocket-Accept: AAAA\r\nSec-WebSocket-Protocol: mqtt\r\n\r\n",
        )
        .unwrap();
        assert_eq!(
            response_issues(&good_req, &resp),
            vec![
                HandshakeIssue::AcceptMismatch,
                HandshakeIssue::ProtocolNotOffered
            ]
        );
        let resp =
            parse_response(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n").unwrap();
        assert_eq!(
            response_issues(&good_req, &resp),
            vec![HandshakeIssue::StatusNot101]
        );
        assert_eq!(resp.body_kind(false), BodyKind::Length(0));
    }

    #[test]
    fn lenient_forms() {
        // Lone LF, leading empty line, obs-fold, empty value, missing reason.
        let h = parse_request(
            b"\r\nGET / HTTP/1.1\nHost: a\nX-Fold: one\n  two\r\n\tthree\nX-Empty:\n\n",
        )
        .unwrap();
        assert_eq!(h.start_range, 2..17);
        let fold = h.header("x-fold").unwrap();
        assert_eq!(fold.value, "one two three");
        assert_eq!(fold.range, 25..51);
        assert_eq!(fold.value_range, 33..50);
        let empty = h.header("x-empty").unwrap();
        assert_eq!(empty.value, "");
        assert!(empty.value_range.is_empty());
        let r = parse_response(b"HTTP/1.1 204\r\n\r\n").unwrap();
        assert_eq!(r.status(), Some(204));
        assert_eq!(r.start_parts[2], 12..12);
        assert_eq!(r.body_kind(false), BodyKind::None);
        // obs-text survives as lossy UTF-8.
        let h = parse_request(b"GET / HTTP/1.1\r\nX: caf\xe9\r\n\r\n").unwrap();
        assert_eq!(h.headers[0].value, "caf\u{fffd}");
    }

    #[test]
    fn rejects_with_offsets() {
        let inv = |r: Result<HttpHead, HttpError>| match r {
            Err(HttpError::Invalid { offset, reason }) => (offset, reason),
            other => panic!("expected Invalid, got {other:?}"),
        };
        assert_eq!(
            inv(parse_request(b"GET / HTTP/1.1\r\nHost: a\0b\r\n\r\n")),
            (23, "NUL byte in field value (RFC 9110 §5.5)")
        );
        assert_eq!(
            inv(parse_request(b"GET / HTTP/1.1\r\nHost : a\r\n\r\n")).0,
            20
        );
        assert_eq!(inv(parse_request(b"GET  / HTTP/1.1\r\n\r\n")).0, 4);
        assert_eq!(inv(parse_request(b"\x16\x03\x01\x02\x00")).0, 0);
        assert_eq!(
            inv(parse_request(b"GET / HTTP/1.1\r\n folded-first: x\r\n\r\n")).0,
            16
        );
        assert_eq!(
            inv(parse_request(b"GET / HTTP/1.1\r\nA: b\rc\r\n\r\n")).0,
            20
        );
        assert_eq!(
            inv(parse_request(b"GET / HTTP/1.1\r\nA: b\r\n:x\r\n\r\n")).0,
            22
        );
        assert_eq!(inv(parse_response(b"HTTP/1.1 20 OK\r\n\r\n")).0, 9);
        assert_eq!(inv(parse_response(b"HTTP/1.1 2000 OK\r\n\r\n")).0, 12);
        assert_eq!(inv(parse_response(b"GET / HTTP/1.1\r\n\r\n")).0, 0);
        assert_eq!(
            parse_request(b"GET / HTTP/1.1\r\nHost: a\r\n"),
            Err(HttpError::Incomplete)
        );
        assert_eq!(parse_request(b"GET / HTT"), Err(HttpError::Incomplete));
        assert_eq!(parse_request(b""), Err(HttpError::Incomplete));
        assert_eq!(
            parse_request(b"GET / HTTP/1.1\r\nHost : a"),
            Err(HttpError::Incomplete)
        );
        assert_eq!(inv(parse_request(b"GET / HTTP/1.1\r\nHost: \x01")).0, 22);
    }

    #[test]
    fn body_kinds() {
        let k = |s: &[u8], head: bool| {
            let h = if s.starts_with(b"HTTP") {
                parse_response(s)
            } else {
                parse_request(s)
            };
            h.unwrap().body_kind(head)
        };
        assert_eq!(
            k(b"POST / HTTP/1.1\r\nContent-Length: 42\r\n\r\n", false),
            BodyKind::Length(42)
        );
        assert_eq!(
            k(
                b"POST / HTTP/1.1\r\nContent-Length: 42\r\nContent-Length: 42, 42\r\n\r\n",
                false
            ),
            BodyKind::Length(42)
        );
        assert!(matches!(
            k(
                b"POST / HTTP/1.1\r\nContent-Length: 42\r\nContent-Length: 43\r\n\r\n",
                false
            ),
            BodyKind::Invalid { .. }
        ));
        assert!(matches!(
            k(b"POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", false),
            BodyKind::Invalid { .. }
        ));
        assert!(matches!(
            k(
                b"POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
                false
            ),
            BodyKind::Invalid { .. }
        ));
        assert_eq!(
            k(
                b"POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\nContent-Length: 3\r\n\r\n",
                false
            ),
            BodyKind::Chunked
        );
        assert!(matches!(
            k(
                b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
                false
            ),
            BodyKind::Invalid { .. }
        ));
        assert_eq!(
            k(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", false),
            BodyKind::UntilClose
        );
        assert_eq!(k(b"HTTP/1.1 200 OK\r\n\r\n", false), BodyKind::UntilClose);
        assert_eq!(
            k(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", true),
            BodyKind::None
        );
        assert_eq!(
            k(
                b"HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n",
                false
            ),
            BodyKind::None
        );
        assert_eq!(k(b"HTTP/1.1 100 Continue\r\n\r\n", false), BodyKind::None);
        assert_eq!(k(b"GET / HTTP/1.1\r\n\r\n", false), BodyKind::None);
    }

    #[test]
    fn header_lookup_helpers() {
        let h = parse_request(
            b"GET / HTTP/1.1\r\nConnection: keep-alive\r\nconnection: Upgrade\r\nX-A: 1\r\n\r\n",
        )
        .unwrap();
        assert_eq!(h.header("CONNECTION").unwrap().value, "keep-alive");
        assert_eq!(h.headers_named("connection").count(), 2);
        assert_eq!(
            h.header_values_joined("Connection").as_deref(),
            Some("keep-alive, Upgrade")
        );
        assert_eq!(h.header_values_joined("missing"), None);
        assert!(h.has_token("connection", "UPGRADE"));
        assert!(!h.has_token("connection", "close"));
        assert!(!h.has_token("x-a", "2"));
    }

    #[test]
    fn sniffing() {
        assert!(looks_like_request(b"GET /chat HTTP/1.1"));
        assert!(looks_like_request(b"GE"));
        assert!(looks_like_request(b"PROPFIND / HTTP/1.1"));
        assert!(!looks_like_request(b""));
        assert!(!looks_like_request(b"\x81\x05Hello"));
        assert!(!looks_like_request(b"HTTP/1.1 101"));
        assert!(!looks_like_request(b"get / HTTP/1.1"));
        assert!(looks_like_response(b"HTTP/1.1 101 Switching"));
        assert!(looks_like_response(b"HTT"));
        assert!(!looks_like_response(b"HTTP/2"));
        assert!(!looks_like_response(b"GET "));
        assert!(!looks_like_response(b""));
    }

    #[test]
    fn find_head_end_forms() {
        assert_eq!(find_head_end(b"GET / HTTP/1.1\r\n\r\nrest", 0), Some(18));
        assert_eq!(find_head_end(b"GET / HTTP/1.1\n\nrest", 0), Some(16));
        assert_eq!(find_head_end(b"GET / HTTP/1.1\nA: b\n\r\n", 0), Some(22));
        assert_eq!(find_head_end(b"GET / HTTP/1.1\r\n", 0), None);
        assert_eq!(find_head_end(b"abc", 10), None);
        // Incremental: "\r\n\r" then "\n".
        let buf = b"GET / HTTP/1.1\r\n\r\n";
        assert_eq!(find_head_end(&buf[..17], 0), None);
        assert_eq!(find_head_end(buf, 17usize.saturating_sub(3)), Some(18));
    }

    #[test]
    fn chunked_basic() {
        let body = b"4\r\nWiki\r\n5;ext=1\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nExpires: never\r\n\r\nNEXT";
        let mut s = ChunkedSkipper::new();
        let p = s.feed(body).unwrap();
        assert_eq!(
            p,
            ChunkProgress {
                consumed: body.len() - 4,
                done: true
            }
        );
        assert_eq!(s.data_len(), 4 + 5 + 14);
        assert_eq!(s.chunk_count(), 3);
        assert_eq!(
            s.feed(b"more").unwrap(),
            ChunkProgress {
                consumed: 0,
                done: true
            }
        );
    }

    #[test]
    fn chunked_errors() {
        let mut s = ChunkedSkipper::new();
        assert_eq!(
            s.feed(b"zz\r\n"),
            Err(HttpError::Invalid {
                offset: 0,
                reason: "expected a hexadecimal chunk-size (RFC 9112 §7.1)"
            })
        );
        // Sticky error.
        assert!(s.feed(b"0\r\n\r\n").is_err());
        let mut s = ChunkedSkipper::new();
        assert_eq!(
            s.feed(b"3\r\nabc").unwrap(),
            ChunkProgress {
                consumed: 6,
                done: false
            }
        );
        assert!(matches!(
            s.feed(b"X"),
            Err(HttpError::Invalid { offset: 6, .. })
        ));
        let mut s = ChunkedSkipper::new();
        assert!(matches!(
            s.feed(b"10000000000000000\r\n"),
            Err(HttpError::Invalid { offset: 16, .. })
        ));
        // u64::MAX size is accepted and skipping it never overflows.
        let mut s = ChunkedSkipper::new();
        assert_eq!(s.feed(b"ffffffffffffffff\r\nabc").unwrap().consumed, 21);
        assert!(!s.is_done());
    }

    fn build_head(names_values: &[(String, String)]) -> Vec<u8> {
        let mut v = b"GET /x HTTP/1.1\r\n".to_vec();
        for (n, val) in names_values {
            v.extend_from_slice(n.as_bytes());
            v.extend_from_slice(b": ");
            v.extend_from_slice(val.as_bytes());
            v.extend_from_slice(b"\r\n");
        }
        v.extend_from_slice(b"\r\n");
        v
    }

    fn split_points(len: usize) -> impl Strategy<Value = Vec<usize>> {
        proptest::collection::vec(0..=len, 0..8).prop_map(|mut v| {
            v.sort_unstable();
            v
        })
    }

    proptest! {
        #[test]
        fn prop_headers_roundtrip(fields in proptest::collection::vec(("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,20}", "[!-~]([ -~]{0,30}[!-~])?|"), 0..12)) {
            let head = build_head(&fields);
            let h = parse_request(&head).unwrap();
            prop_assert_eq!(h.head_len, head.len());
            prop_assert_eq!(h.headers.len(), fields.len());
            for (f, (n, v)) in h.headers.iter().zip(&fields) {
                prop_assert_eq!(&f.name, n);
                prop_assert_eq!(&f.value, v);
                prop_assert_eq!(&head[f.name_range.clone()], n.as_bytes());
                prop_assert_eq!(&head[f.value_range.clone()], v.as_bytes());
            }
        }

        #[test]
        fn prop_incremental_head_end(fields in proptest::collection::vec(("[A-Za-z-]{1,10}", "[ -~]{0,20}"), 0..6), lf_only in any::<bool>(), tail in proptest::collection::vec(any::<u8>(), 0..10), cuts in split_points(200)) {
            let mut buf = build_head(&fields);
            if lf_only {
                buf.retain(|&b| b != b'\r');
            }
            let expected = buf.len();
            buf.extend_from_slice(&tail);
            prop_assert_eq!(find_head_end(&buf, 0), Some(expected));
            let mut prev = 0usize;
            let mut found = None;
            for cut in cuts.iter().map(|&c| c.min(buf.len())).chain([buf.len()]) {
                if cut < prev { continue; }
                if let Some(e) = find_head_end(&buf[..cut], prev.saturating_sub(3)) {
                    found = Some(e);
                    break;
                }
                prev = cut;
            }
            prop_assert_eq!(found, Some(expected));
            let h = parse_request(&buf[..expected]).unwrap();
            prop_assert_eq!(h.head_len, expected);
        }

        #[test]
        fn prop_chunked_any_split(chunks in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 1..40), 0..6), upper in any::<bool>(), lf_only in any::<bool>(), trailers in any::<bool>(), cuts in split_points(400)) {
            let nl: &[u8] = if lf_only { b"\n" } else { b"\r\n" };
            let mut body = Vec::new();
            for c in &chunks {
                let size = if upper { format!("{:X}", c.len()) } else { format!("{:x};name=\"v\"", c.len()) };
                body.extend_from_slice(size.as_bytes());
                body.extend_from_slice(nl);
                body.extend_from_slice(c);
                body.extend_from_slice(nl);
            }
            body.extend_from_slice(b"0");
            body.extend_from_slice(nl);
            if trailers {
                body.extend_from_slice(b"X-Checksum: abc");
                body.extend_from_slice(nl);
            }
            body.extend_from_slice(nl);
            let end = body.len();
            body.extend_from_slice(b"GET / HTTP/1.1\r\n");
            let mut s = ChunkedSkipper::new();
            let mut prev = 0usize;
            let mut total = 0usize;
            let mut done = false;
            for cut in cuts.iter().map(|&c| c.min(body.len())).chain([body.len()]) {
                if cut < prev { continue; }
                let p = s.feed(&body[prev..cut]).unwrap();
                total += p.consumed;
                if p.done { done = true; break; }
                // Until the end, every byte fed belongs to the body.
                prop_assert_eq!(p.consumed, cut - prev);
                prev = cut;
            }
            prop_assert!(done);
            prop_assert_eq!(total, end);
            prop_assert_eq!(s.data_len(), chunks.iter().map(|c| c.len() as u64).sum::<u64>());
        }

        #[test]
        fn prop_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = parse_request(&bytes);
            let _ = parse_response(&bytes);
            let _ = find_head_end(&bytes, 0);
            let _ = looks_like_request(&bytes);
            let _ = looks_like_response(&bytes);
            let mut s = ChunkedSkipper::new();
            if let Ok(p) = s.feed(&bytes) {
                prop_assert!(p.consumed <= bytes.len());
            }
            if let Ok(h) = parse_request(&bytes) {
                let _ = h.body_kind(false);
                let _ = request_issues(&h);
                prop_assert!(h.head_len <= bytes.len());
                for f in &h.headers {
                    prop_assert!(f.range.end <= h.head_len);
                }
            }
        }

        #[test]
        fn prop_http_like_never_panics(lines in proptest::collection::vec("[ -~\t\r\n\\x00\\x80-\\xff]{0,30}", 0..6), resp in any::<bool>()) {
            let mut s = if resp { "HTTP/1.1 101 Switching Protocols\r\n".to_string() } else { "GET / HTTP/1.1\r\n".to_string() };
            for l in &lines { s.push_str(l); s.push_str("\r\n"); }
            s.push_str("\r\n");
            let r = if resp { parse_response(s.as_bytes()) } else { parse_request(s.as_bytes()) };
            if let Err(HttpError::Invalid { offset, .. }) = r {
                prop_assert!(offset <= s.len());
            }
        }
    }
}
