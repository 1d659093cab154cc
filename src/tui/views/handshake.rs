//! The opening handshake: request and response with the WebSocket headers
//! marked, and the Sec-WebSocket-Accept worked out step by step.

use base64::Engine as _;
use ratatui::style::Style;
use ratatui::text::Span;

use super::{bad, dim, good, val, Ctx, Doc};
use crate::model::{Handshake, HttpMessage};
use crate::net::Direction;
use crate::tui::text::{escape, hex};
use crate::tui::tree::is_ws_header;
use crate::ws::accept::WS_GUID;

/// What a WebSocket header is for, in one sentence.
fn explain(name: &str, request: bool) -> &'static str {
    match name.to_ascii_lowercase().as_str() {
        "upgrade" if request => "asks to switch this TCP connection to another protocol (§4.1)",
        "upgrade" => "confirms the switch to WebSocket (§4.2.2)",
        "connection" => "\"Upgrade\" says the Upgrade header is meant for this hop (§4.1)",
        "sec-websocket-key" => {
            "16 random bytes in base64: the server must prove it read them (§4.1)"
        }
        "sec-websocket-version" => "the protocol version: must be 13 (§4.1)",
        "sec-websocket-accept" => "the proof: base64(SHA-1(key + GUID)), worked out below (§4.2.2)",
        "sec-websocket-protocol" if request => "application subprotocols the client speaks (§1.9)",
        "sec-websocket-protocol" => "the one subprotocol the server picked (§4.2.2)",
        "sec-websocket-extensions" if request => {
            "extensions offered, e.g. permessage-deflate compression (§9, RFC 7692)"
        }
        "sec-websocket-extensions" => "the extensions in effect from now on (§9.1)",
        "origin" => "the web page's origin: servers check it against cross-site use (§10.2)",
        _ => "",
    }
}

fn head(doc: &mut Doc, h: &HttpMessage, request: bool) {
    doc.line(vec![
        Span::raw("    "),
        Span::styled(escape(&h.start_line, 200), val()),
    ]);
    for hd in &h.headers {
        let ws = is_ws_header(&hd.name);
        let text = format!("{}: {}", escape(&hd.name, 80), escape(&hd.value, 400));
        let w = doc.width.saturating_sub(4).max(10);
        for (i, piece) in crate::tui::text::wrap(&text, w)
            .into_iter()
            .enumerate()
            .take(4)
        {
            let lead = if i == 0 && ws { "  ★ " } else { "    " };
            doc.line(vec![
                Span::styled(lead, super::h_style()),
                Span::styled(piece, if ws { val() } else { Style::default() }),
            ]);
        }
        if ws {
            let e = explain(&hd.name, request);
            if !e.is_empty() {
                doc.p_styled(8, e, dim());
            }
        }
    }
}

fn find_http<'a>(
    ctx: &Ctx<'a>,
    stream: u32,
    dir: Direction,
    frame: u64,
) -> Option<&'a HttpMessage> {
    ctx.ix
        .http_by_key
        .get(&(stream, dir.index(), frame))
        .and_then(|&i| ctx.d.http.get(i as usize))
}

/// Builds the view.
pub fn build(doc: &mut Doc, ctx: &Ctx) {
    let stream = ctx
        .row
        .and_then(|(r, _)| ctx.ix.row_stream(ctx.d, r))
        .map(|s| s.0);
    let hs = stream
        .and_then(|s| ctx.ix.hs_by_stream.get(&s))
        .and_then(|&i| ctx.d.handshakes.get(i as usize));
    let Some(hs) = hs else {
        doc.title = "no handshake for this row".into();
        let with: Vec<String> = ctx
            .d
            .handshakes
            .iter()
            .map(|h| h.stream.to_string())
            .collect();
        match stream {
            Some(s) if with.is_empty() => doc.p(
                0,
                &format!(
                    "Stream {s} has no WebSocket opening handshake in this capture, and no other \
                     stream has one either. When a capture starts after the connection opened, \
                     the handshake is missing: wsdissect then decodes the frames by guess."
                ),
            ),
            Some(s) => doc.p(
                0,
                &format!(
                    "Stream {s} has no WebSocket opening handshake in this capture. Handshakes \
                     are in stream(s) {}: press Esc, then s to pick one.",
                    with.join(", ")
                ),
            ),
            None => doc.p(
                0,
                "Select a row of a WebSocket connection first (HTTP upgrade or frame): the \
                 handshake shown is the one of the selected row's connection.",
            ),
        }
        return;
    };
    handshake(doc, ctx, hs);
}

fn handshake(doc: &mut Doc, ctx: &Ctx, hs: &Handshake) {
    let req = find_http(ctx, hs.stream, Direction::ClientToServer, hs.request_frame);
    let resp = hs
        .response_frame
        .and_then(|f| find_http(ctx, hs.stream, Direction::ServerToClient, f));
    let verdict = match hs.accept_valid {
        Some(true) => "Accept ✓",
        Some(false) => "Accept ✗",
        None => "Accept not checked",
    };
    doc.title = format!(
        "stream {}: GET {} → {}, {}",
        hs.stream,
        escape(&hs.path, 40),
        hs.status.map_or("no answer".to_string(), |s| s.to_string()),
        verdict
    );
    doc.p(
        0,
        "The client asks, in plain HTTP/1.1, to turn this TCP connection into a WebSocket; \
         the server agrees with 101 Switching Protocols and proves it understood by answering \
         the client's key (RFC 6455 §4). ★ marks the headers WebSocket uses.",
    );
    let conn = ctx
        .ix
        .conn_by_stream
        .get(&hs.stream)
        .and_then(|&i| ctx.d.connections.get(i as usize));
    match req {
        Some(r) => {
            let ends = conn
                .map(|c| format!(", {} → {}", c.client, c.server))
                .unwrap_or_default();
            doc.h(format!(
                "Request — frame {}{ends}, {} bytes",
                r.frame, r.head_length
            ));
            head(doc, r, true);
        }
        None => {
            doc.h(format!("Request — frame {}", hs.request_frame));
            doc.p(4, "(the request's head is not in the model)");
        }
    }
    match (resp, hs.response_frame) {
        (Some(r), _) => {
            let later = req
                .map(|q| format!(", {:.3} ms later", r.ts.seconds_since(q.ts) * 1e3))
                .unwrap_or_default();
            doc.h(format!(
                "Response — frame {}, {} bytes{later}",
                r.frame, r.head_length
            ));
            head(doc, r, false);
        }
        (None, Some(f)) => {
            doc.h(format!("Response — frame {f}"));
            doc.p(4, "(the response's head is not in the model)");
        }
        (None, None) => {
            doc.h("Response");
            doc.p(
                4,
                "The capture holds no answer to this request: the server did not answer, or \
                 the capture stopped too early.",
            );
        }
    }
    accept_steps(doc, hs);
    if hs.deflate.is_some() || !hs.extensions.is_empty() || hs.subprotocol.is_some() {
        doc.h("Negotiated");
        if let Some(p) = &hs.subprotocol {
            doc.kv(2, "Subprotocol", 13, &escape(p, 100), val());
        }
        for e in &hs.extensions {
            let params: Vec<String> = e
                .params
                .iter()
                .map(|p| match &p.value {
                    Some(v) => format!("{}={}", p.name, v),
                    None => p.name.clone(),
                })
                .collect();
            let text = if params.is_empty() {
                e.name.clone()
            } else {
                format!("{}; {}", e.name, params.join("; "))
            };
            doc.kv(2, "Extension", 13, &escape(&text, 200), val());
        }
        if hs.deflate.is_some() {
            doc.p(
                4,
                "permessage-deflate: data frames whose RSV1 bit is set carry DEFLATE-compressed \
                 messages (RFC 7692). Press 4 on such a frame to see a message decompressed.",
            );
        }
    }
}

fn accept_steps(doc: &mut Doc, hs: &Handshake) {
    doc.h("The Accept, step by step (RFC 6455 §4.2.2)");
    let Some(st) = &hs.accept_steps else {
        doc.p(
            2,
            "The request has no usable Sec-WebSocket-Key, so there is nothing to compute: a \
             server MUST refuse such a request (§4.2.1).",
        );
        return;
    };
    let ind = 7;
    doc.text("  1. The key the client sent:");
    doc.kv(ind, "", 0, &escape(&st.key, 200), val());
    if let Ok(raw) = base64::engine::general_purpose::STANDARD.decode(st.key.as_bytes()) {
        doc.p_styled(
            ind,
            &format!(
                "(base64 of {} random bytes: {}; the server does not decode it, it hashes the text)",
                raw.len(),
                hex(&raw, 16)
            ),
            dim(),
        );
    }
    doc.text("  2. Append the fixed GUID every server knows:");
    doc.kv(ind, "", 0, WS_GUID, dim());
    doc.kv(ind, "", 0, &escape(&st.concatenated, 400), val());
    doc.text("  3. SHA-1 of that text gives 20 bytes, here in hex:");
    doc.kv(ind, "", 0, &st.sha1_hex, val());
    doc.text("  4. base64 of those 20 bytes (of the bytes, not of the hex text):");
    doc.kv(ind, "", 0, &st.accept, val());
    doc.text("  5. Compare with the server's Sec-WebSocket-Accept:");
    match &hs.accept {
        None => {
            doc.p_styled(
                ind,
                "✗ The response has no Sec-WebSocket-Accept header: the client MUST fail the \
                 connection (§4.1).",
                bad(),
            );
        }
        Some(sent) => {
            let sent = escape(sent, 200);
            let common = sent
                .chars()
                .zip(st.accept.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let same: String = sent.chars().take(common).collect();
            let diff: String = sent.chars().skip(common).collect();
            doc.line(vec![
                Span::raw(" ".repeat(ind)),
                Span::styled(same, val()),
                Span::styled(diff, bad()),
            ]);
            match hs.accept_valid {
                Some(true) => doc.p_styled(
                    ind,
                    "✓ They match: the server read the key, so it really speaks WebSocket.",
                    good(),
                ),
                _ => {
                    doc.p_styled(
                        ind,
                        &format!(
                            "✗ They differ (from character {}): a client MUST fail the \
                             connection (§4.1). Expected {}.",
                            common + 1,
                            st.accept
                        ),
                        bad(),
                    );
                }
            }
        }
    }
}
