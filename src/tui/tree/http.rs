//! The HTTP layer: the head's start line and headers, and the WebSocket
//! opening handshake a head belongs to.

use super::labels::press;
use super::{hl, NodeStyle, Src, B};
use crate::model::{Dissection, HttpBody, HttpMessage};
use crate::net::Direction;
use crate::tui::index::Index;
use crate::tui::text::escape;
use crate::tui::views::ViewKind;

/// Whether a header matters to the WebSocket handshake.
pub fn is_ws_header(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n == "upgrade" || n == "connection" || n == "origin" || n.starts_with("sec-websocket-")
}

/// Where the start line ends (its CRLF included) in a raw head.
pub fn start_line_end(raw: &[u8]) -> usize {
    match raw.iter().position(|&c| c == b'\n') {
        Some(i) => i + 1,
        None => raw.len(),
    }
}

/// The HTTP head, and the opening handshake it is part of.
pub(super) fn nodes(b: &mut B, d: &Dissection, ix: &Index, h: &HttpMessage) {
    let head = h.head_length;
    b.push(
        ("http", 0),
        format!(
            "Hypertext Transfer Protocol ({}, {} bytes of head)",
            if h.method.is_some() {
                "request"
            } else {
                "response"
            },
            head
        ),
        NodeStyle::Layer,
        hl(Src::Unit, 0, head),
    );
    b.open();
    b.inside(|b| {
        let sl = start_line_end(&h.raw) as u64;
        b.push(
            ("http.start", 0),
            format!("{}\\r\\n", escape(&h.start_line, 200)),
            NodeStyle::Normal,
            hl(Src::Unit, 0, sl),
        );
        b.inside(|b| {
            if let (Some(m), Some(t)) = (&h.method, &h.target) {
                b.push(
                    ("http.method", 0),
                    format!("Request method: {}", escape(m, 40)),
                    NodeStyle::Normal,
                    None,
                );
                b.push(
                    ("http.target", 0),
                    format!("Request target: {}", escape(t, 200)),
                    NodeStyle::Normal,
                    None,
                );
            }
            if let Some(s) = h.status {
                b.push(
                    ("http.status", 0),
                    format!(
                        "Status code: {s}{}",
                        if s == 101 {
                            " (Switching Protocols: the upgrade is accepted)"
                        } else {
                            ""
                        }
                    ),
                    NodeStyle::Normal,
                    None,
                );
            }
        });
        for (i, hd) in h.headers.iter().enumerate() {
            let ws = is_ws_header(&hd.name);
            b.push(
                ("http.header", i as u32),
                format!(
                    "{}{}: {}\\r\\n",
                    if ws { "★ " } else { "" },
                    escape(&hd.name, 80),
                    escape(&hd.value, 300)
                ),
                if ws { NodeStyle::Ws } else { NodeStyle::Normal },
                hl(Src::Unit, hd.range.start as u64, hd.range.end as u64),
            );
        }
        let end_len = if h.raw.ends_with(b"\r\n\r\n") { 2 } else { 1 };
        b.push(
            ("http.end", 0),
            "\\r\\n (blank line: end of the head)".to_string(),
            NodeStyle::Normal,
            hl(Src::Unit, head.saturating_sub(end_len), head),
        );
        if let Some(body) = &h.body {
            body_node(b, body);
        } else if let Some(body) = h.body_length {
            b.push(
                ("http.body", 0),
                format!("[Body: {body} bytes announced, none captured]"),
                NodeStyle::Derived,
                None,
            );
        }
    });
    handshake(b, d, ix, h);
}

/// The body as the model decoded it (`HttpBody`): its length, type and
/// codings, and where to read it (view 4).
fn body_node(b: &mut B, body: &HttpBody) {
    let mut codings = Vec::new();
    if body.chunked {
        codings.push("chunked".to_string());
    }
    if let Some(e) = &body.content_encoding {
        codings.push(escape(e, 40));
    }
    let how = if codings.is_empty() {
        String::new()
    } else {
        format!(", {} on the wire", codings.join(" + "))
    };
    b.push(
        ("http.body", 0),
        format!(
            "Body: {} bytes{how}{} — {}",
            body.length,
            body.content_type
                .as_deref()
                .map_or(String::new(), |t| format!(", {}", escape(t, 60))),
            press(ViewKind::Message, "to read it")
        ),
        NodeStyle::Layer,
        None,
    );
    b.inside(|b| {
        b.push(
            ("http.body.wire", 0),
            format!("On the wire: {} bytes", body.wire_length),
            NodeStyle::Normal,
            None,
        );
        if body.chunked {
            b.push(
                ("http.body.chunked", 0),
                "Transfer-Encoding: chunked (chunk sizes removed, RFC 9112 §7.1)".to_string(),
                NodeStyle::Normal,
                None,
            );
        }
        if let Some(e) = &body.content_encoding {
            b.push(
                ("http.body.encoding", 0),
                format!(
                    "Content-Encoding: {} (undone, RFC 9110 §8.4.1)",
                    escape(e, 40)
                ),
                NodeStyle::Normal,
                None,
            );
        }
        b.push(
            ("http.body.length", 0),
            format!(
                "Decoded: {} bytes{}",
                body.length,
                if body.omitted > 0 {
                    format!(" (+{} not kept)", body.omitted)
                } else {
                    String::new()
                }
            ),
            NodeStyle::Normal,
            None,
        );
        match (&body.problem, body.complete) {
            (_, true) => b.push(
                ("http.body.complete", 0),
                "Complete: ✓".to_string(),
                NodeStyle::Good,
                None,
            ),
            (p, false) => b.push(
                ("http.body.complete", 0),
                format!(
                    "Incomplete: {}",
                    escape(p.as_deref().unwrap_or("bytes are missing"), 200)
                ),
                NodeStyle::Bad,
                None,
            ),
        }
    });
}

/// The opening handshake this head is the request or response of.
fn handshake(b: &mut B, d: &Dissection, ix: &Index, h: &HttpMessage) {
    let Some(hs) = ix
        .hs_by_stream
        .get(&h.stream)
        .and_then(|&i| d.handshakes.get(i as usize))
    else {
        return;
    };
    let is_req = h.direction == Direction::ClientToServer && hs.request_frame == h.frame;
    let is_resp = h.direction == Direction::ServerToClient && hs.response_frame == Some(h.frame);
    if !is_req && !is_resp {
        return;
    }
    b.push(
        ("hs", 0),
        format!(
            "WebSocket opening handshake ({}) — {}",
            if is_req { "request" } else { "response" },
            press(ViewKind::Handshake, "for the step-by-step view")
        ),
        NodeStyle::Layer,
        None,
    );
    b.open();
    b.inside(|b| {
        if is_req {
            match &hs.key {
                Some(k) => b.push(
                    ("hs.key", 0),
                    format!(
                        "Sec-WebSocket-Key: {} {}",
                        escape(k, 80),
                        if hs.key_valid {
                            "✓ base64 of 16 random bytes"
                        } else {
                            "✗ not base64 of 16 bytes (§4.1)"
                        }
                    ),
                    if hs.key_valid {
                        NodeStyle::Good
                    } else {
                        NodeStyle::Bad
                    },
                    None,
                ),
                None => b.push(
                    ("hs.key", 0),
                    "✗ No Sec-WebSocket-Key header (§4.1)".into(),
                    NodeStyle::Bad,
                    None,
                ),
            }
            let v = hs.version.as_deref().unwrap_or("(missing)");
            b.push(
                ("hs.version", 0),
                format!(
                    "Sec-WebSocket-Version: {} {}",
                    escape(v, 20),
                    if hs.version_valid {
                        "✓"
                    } else {
                        "✗ must be 13 (§4.1)"
                    }
                ),
                if hs.version_valid {
                    NodeStyle::Good
                } else {
                    NodeStyle::Bad
                },
                None,
            );
            if !hs.subprotocols_offered.is_empty() {
                b.push(
                    ("hs.protos", 0),
                    format!(
                        "Subprotocols offered: {}",
                        escape(&hs.subprotocols_offered.join(", "), 200)
                    ),
                    NodeStyle::Normal,
                    None,
                );
            }
            if !hs.extensions_offered.is_empty() {
                let names: Vec<&str> = hs
                    .extensions_offered
                    .iter()
                    .map(|e| e.name.as_str())
                    .collect();
                b.push(
                    ("hs.exts", 0),
                    format!("Extensions offered: {}", escape(&names.join(", "), 200)),
                    NodeStyle::Normal,
                    None,
                );
            }
        } else {
            match hs.accept_valid {
                Some(true) => b.push(
                    ("hs.accept", 0),
                    format!(
                        "Sec-WebSocket-Accept: {} ✓ = base64(SHA-1(key + GUID))",
                        escape(hs.accept.as_deref().unwrap_or(""), 80)
                    ),
                    NodeStyle::Good,
                    None,
                ),
                Some(false) => b.push(
                    ("hs.accept", 0),
                    format!(
                        "Sec-WebSocket-Accept: {} ✗ expected {}",
                        escape(hs.accept.as_deref().unwrap_or("(missing)"), 80),
                        escape(hs.expected_accept.as_deref().unwrap_or("?"), 80)
                    ),
                    NodeStyle::Bad,
                    None,
                ),
                None => b.push(
                    ("hs.accept", 0),
                    if hs.accept.is_none() {
                        "No Sec-WebSocket-Accept header".to_string()
                    } else {
                        "Sec-WebSocket-Accept not checked (no usable key)".to_string()
                    },
                    NodeStyle::Warn,
                    None,
                ),
            }
            b.push(
                ("hs.upgraded", 0),
                if hs.upgraded {
                    "The connection switched to WebSocket".to_string()
                } else {
                    format!(
                        "The connection did not switch to WebSocket (status {})",
                        hs.status
                            .map(|s| s.to_string())
                            .unwrap_or_else(|| "?".into())
                    )
                },
                if hs.upgraded {
                    NodeStyle::Good
                } else {
                    NodeStyle::Bad
                },
                None,
            );
            if let Some(p) = &hs.subprotocol {
                b.push(
                    ("hs.proto", 0),
                    format!("Subprotocol chosen: {}", escape(p, 80)),
                    NodeStyle::Normal,
                    None,
                );
            }
            if let Some(df) = &hs.deflate {
                let mut parts = Vec::new();
                if df.client_no_context_takeover {
                    parts.push("client_no_context_takeover".to_string());
                }
                if df.server_no_context_takeover {
                    parts.push("server_no_context_takeover".to_string());
                }
                if let Some(bits) = df.client_max_window_bits {
                    parts.push(format!("client_max_window_bits={bits}"));
                }
                if let Some(bits) = df.server_max_window_bits {
                    parts.push(format!("server_max_window_bits={bits}"));
                }
                b.push(
                    ("hs.deflate", 0),
                    format!(
                        "permessage-deflate in effect (RFC 7692){}{}",
                        if parts.is_empty() { "" } else { ": " },
                        parts.join(", ")
                    ),
                    NodeStyle::Ws,
                    None,
                );
            }
        }
    });
}
