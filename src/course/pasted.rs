//! A handshake pasted as text: the course prints its request and response as
//! separate blocks; Wireshark's Follow TCP Stream gives them one after the
//! other (then the WebSocket frames, shown as dots). Either way the request
//! head starts at the first non-empty line and the response head at the first
//! later line starting with `HTTP/`; each head ends at its first empty line.
//! Lines may end in LF or CRLF; Markdown code fences (```` ``` ````) are skipped
//! so the course's blocks can be pasted with them.

/// One head found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastedHead {
    /// 1-based line number of its start line in the text.
    pub line: usize,
    /// The head as HTTP/1.1 puts it on the wire: lines ended by CRLF, then an
    /// empty line (RFC 9112 §2.1), ready for `http::parse_request`/`parse_response`.
    pub bytes: Vec<u8>,
}

/// The request and (when present) response of a pasted handshake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastedHandshake {
    /// The client's request head.
    pub request: PastedHead,
    /// The server's response head, if the text has one.
    pub response: Option<PastedHead>,
}

/// Splits pasted text into the request and response heads; `None` when the
/// text has no non-empty line at all.
pub fn split(text: &str) -> Option<PastedHandshake> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<(usize, &str)> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim_start().starts_with("```"))
        .collect();
    let start = lines.iter().position(|(_, l)| !l.trim().is_empty())?;
    let head_at = |from: usize| {
        let mut out = Vec::new();
        for (_, l) in lines[from..]
            .iter()
            .take_while(|(_, l)| !l.trim().is_empty())
        {
            out.extend_from_slice(l.as_bytes());
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"\r\n");
        PastedHead {
            line: lines[from].0,
            bytes: out,
        }
    };
    let request = head_at(start);
    let response = lines
        .iter()
        .enumerate()
        .skip(start + 1)
        .find(|(_, (_, l))| l.starts_with("HTTP/"))
        .map(|(i, _)| head_at(i));
    Some(PastedHandshake { request, response })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn course_blocks_with_fences_and_lf() {
        let t = "```http\nGET /chat HTTP/1.1\nHost: example.com\n```\n\n```http\nHTTP/1.1 101 Switching Protocols\nUpgrade: websocket\n```\n";
        let p = split(t).unwrap();
        assert_eq!(p.request.line, 2);
        assert_eq!(
            p.request.bytes,
            b"GET /chat HTTP/1.1\r\nHost: example.com\r\n\r\n"
        );
        let r = p.response.unwrap();
        assert_eq!(r.line, 7);
        assert_eq!(
            r.bytes,
            b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"
        );
    }

    #[test]
    fn follow_tcp_stream_with_frames_after() {
        let t = "GET / HTTP/1.1\r\nHost: a\r\n\r\nHTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n...Hello..\r\n";
        let p = split(t).unwrap();
        assert_eq!(p.request.bytes, b"GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        assert_eq!(p.response.unwrap().line, 4);
    }

    #[test]
    fn request_only_and_empty() {
        assert!(split("\n \n").is_none());
        assert!(split("").is_none());
        let p = split("GET / HTTP/1.1\nHost: a\n").unwrap();
        assert!(p.response.is_none());
    }
}
