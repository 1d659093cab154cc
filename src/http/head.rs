//! HTTP/1.1 message heads (RFC 9112) as used by the WebSocket opening handshake
//! (RFC 6455 §4).
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

use super::sniff::find_head_end;

/// The first line of a message (RFC 9112 §3 request-line, §4 status-line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
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

/// How the message body is delimited (RFC 9112 §6.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::chunked::ChunkedSkipper;
    use crate::http::sniff::{find_head_end, looks_like_request, looks_like_response};
    use crate::http::test_support::{split_points, REQ, RESP};
    use proptest::prelude::*;

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
            crate::http::list::parse_token_list(&h.header("sec-websocket-protocol").unwrap().value),
            vec!["chat", "superchat"]
        );
        assert_eq!(h.body_kind(false), BodyKind::None);
        assert_eq!(h.method(), Some("GET"));
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
    }

    #[test]
    fn content_length_zero() {
        let resp =
            parse_response(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n").unwrap();
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
                let _ = crate::http::handshake::check_request(&h);
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
