//! The HTTP layer: the head's start line and headers, and the WebSocket
//! opening handshake a head belongs to.

use super::labels::press;
use super::{hl, NodeStyle, Src, B};
use crate::model::{Dissection, HttpBody, HttpMessage};
use crate::net::Direction;
use crate::tr;
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
    let l = b.l;
    b.push(
        ("http", 0),
        tr!(
            l,
            if h.method.is_some() {
                "tree-http-request"
            } else {
                "tree-http-response"
            },
            n = head
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
                    tr!(l, "tree-http-method", method = escape(m, 40)),
                    NodeStyle::Normal,
                    None,
                );
                b.push(
                    ("http.target", 0),
                    tr!(l, "tree-http-target", target = escape(t, 200)),
                    NodeStyle::Normal,
                    None,
                );
            }
            if let Some(s) = h.status {
                b.push(
                    ("http.status", 0),
                    tr!(
                        l,
                        if s == 101 {
                            "tree-http-status-101"
                        } else {
                            "tree-http-status"
                        },
                        status = s
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
            l.t("tree-http-end"),
            NodeStyle::Normal,
            hl(Src::Unit, head.saturating_sub(end_len), head),
        );
        if let Some(body) = &h.body {
            body_node(b, body);
        } else if let Some(body) = h.body_length {
            b.push(
                ("http.body", 0),
                tr!(l, "tree-http-body-announced", n = body),
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
    let l = b.l;
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
        tr!(l, "tree-http-body-coded", codings = codings.join(" + "))
    };
    b.push(
        ("http.body", 0),
        tr!(
            l,
            "tree-http-body",
            n = body.length,
            how = how,
            ctype = body
                .content_type
                .as_deref()
                .map_or(String::new(), |t| format!(", {}", escape(t, 60))),
            press = press(l, ViewKind::Message, "tree-press-read")
        ),
        NodeStyle::Layer,
        None,
    );
    b.inside(|b| {
        b.push(
            ("http.body.wire", 0),
            tr!(l, "tree-http-body-wire", n = body.wire_length),
            NodeStyle::Normal,
            None,
        );
        if body.chunked {
            b.push(
                ("http.body.chunked", 0),
                l.t("tree-http-body-chunked"),
                NodeStyle::Normal,
                None,
            );
        }
        if let Some(e) = &body.content_encoding {
            b.push(
                ("http.body.encoding", 0),
                tr!(l, "tree-http-body-encoding", encoding = escape(e, 40)),
                NodeStyle::Normal,
                None,
            );
        }
        b.push(
            ("http.body.length", 0),
            if body.omitted > 0 {
                tr!(
                    l,
                    "tree-http-body-decoded-omitted",
                    n = body.length,
                    omitted = body.omitted
                )
            } else {
                tr!(l, "tree-http-body-decoded", n = body.length)
            },
            NodeStyle::Normal,
            None,
        );
        match (&body.problem, body.complete) {
            (_, true) => b.push(
                ("http.body.complete", 0),
                l.t("tree-http-body-complete"),
                NodeStyle::Good,
                None,
            ),
            (p, false) => b.push(
                ("http.body.complete", 0),
                tr!(
                    l,
                    "tree-http-body-incomplete",
                    why = match p {
                        Some(p) => escape(p, 200),
                        None => l.t("tree-http-body-missing"),
                    }
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
    let l = b.l;
    b.push(
        ("hs", 0),
        tr!(
            l,
            if is_req {
                "tree-hs-request"
            } else {
                "tree-hs-response"
            },
            press = press(l, ViewKind::Handshake, "tree-press-handshake")
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
                    tr!(
                        l,
                        if hs.key_valid {
                            "tree-hs-key-ok"
                        } else {
                            "tree-hs-key-bad"
                        },
                        key = escape(k, 80)
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
                    l.t("tree-hs-key-missing"),
                    NodeStyle::Bad,
                    None,
                ),
            }
            let v = hs
                .version
                .as_deref()
                .map_or_else(|| l.t("tree-missing"), |v| escape(v, 20));
            b.push(
                ("hs.version", 0),
                tr!(
                    l,
                    if hs.version_valid {
                        "tree-hs-version-ok"
                    } else {
                        "tree-hs-version-bad"
                    },
                    version = v
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
                    tr!(
                        l,
                        "tree-hs-protocols",
                        list = escape(&hs.subprotocols_offered.join(", "), 200)
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
                    tr!(
                        l,
                        "tree-hs-extensions",
                        list = escape(&names.join(", "), 200)
                    ),
                    NodeStyle::Normal,
                    None,
                );
            }
        } else {
            match hs.accept_valid {
                Some(true) => b.push(
                    ("hs.accept", 0),
                    tr!(
                        l,
                        "tree-hs-accept-ok",
                        accept = escape(hs.accept.as_deref().unwrap_or(""), 80)
                    ),
                    NodeStyle::Good,
                    None,
                ),
                Some(false) => b.push(
                    ("hs.accept", 0),
                    tr!(
                        l,
                        "tree-hs-accept-bad",
                        accept = hs
                            .accept
                            .as_deref()
                            .map_or_else(|| l.t("tree-missing"), |a| escape(a, 80)),
                        expected = escape(hs.expected_accept.as_deref().unwrap_or("?"), 80)
                    ),
                    NodeStyle::Bad,
                    None,
                ),
                None => b.push(
                    ("hs.accept", 0),
                    if hs.accept.is_none() {
                        l.t("tree-hs-accept-missing")
                    } else {
                        l.t("tree-hs-accept-unchecked")
                    },
                    NodeStyle::Warn,
                    None,
                ),
            }
            b.push(
                ("hs.upgraded", 0),
                if hs.upgraded {
                    l.t("tree-hs-upgraded")
                } else {
                    tr!(
                        l,
                        "tree-hs-not-upgraded",
                        status = hs
                            .status
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
                    tr!(l, "tree-hs-protocol", protocol = escape(p, 80)),
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
                    if parts.is_empty() {
                        l.t("tree-hs-deflate")
                    } else {
                        tr!(l, "tree-hs-deflate-params", params = parts.join(", "))
                    },
                    NodeStyle::Ws,
                    None,
                );
            }
        }
    });
}
