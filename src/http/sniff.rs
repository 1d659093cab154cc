//! Is this TCP stream HTTP, and where does a head end? Cheap checks that work
//! on partial input, so a direction can be classified as its first bytes arrive
//! (RFC 9112 §2, §3, §4).

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
