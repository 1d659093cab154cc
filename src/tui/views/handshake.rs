//! The opening handshake: request and response with the WebSocket headers
//! marked, and the Sec-WebSocket-Accept worked out step by step.

use base64::Engine as _;
use ratatui::style::Style;
use ratatui::text::Span;

use super::{bad, dim, good, val, Ctx, Doc};
use crate::http::list::parse_token_list;
use crate::model::{Handshake, HttpMessage};
use crate::net::Direction;
use crate::tui::text::{escape, hex};
use crate::tui::tree::is_ws_header;
use crate::ws::accept::WS_GUID;

/// What a WebSocket header says, in one sentence, following its actual
/// value (`Connection: close` is no upgrade), and whether the model found
/// it wrong (a version other than 13, an Accept that does not match): then
/// the view draws the header as an error.
fn explain(name: &str, value: &str, request: bool, hs: &Handshake) -> (String, bool) {
    let tokens: Vec<String> = parse_token_list(value)
        .into_iter()
        .map(|t| t.to_ascii_lowercase())
        .collect();
    let has = |t: &str| tokens.iter().any(|x| x == t);
    let ok = |s: &str| (s.to_string(), false);
    match name.to_ascii_lowercase().as_str() {
        "upgrade" if has("websocket") && request => {
            ok("asks to switch this TCP connection to WebSocket (§4.1)")
        }
        "upgrade" if has("websocket") => ok("confirms the switch to WebSocket (§4.2.2)"),
        "upgrade" => ok("names another protocol than \"websocket\": no WebSocket upgrade (§4.1)"),
        "connection" if has("upgrade") => {
            ok("\"Upgrade\" says the Upgrade header is meant for this hop (§4.1)")
        }
        "connection" if has("close") => ok(
            "\"close\": the sender closes the TCP connection after this message (RFC 9112 \
             §9.6); no switch of protocol",
        ),
        "connection" if has("keep-alive") => ok(
            "\"keep-alive\": the TCP connection stays open for more HTTP requests; no switch \
             of protocol",
        ),
        "connection" => {
            ok("hop-by-hop options; without \"Upgrade\" there is no switch of protocol (§4.1)")
        }
        "sec-websocket-key" => {
            ok("16 random bytes in base64: the server must prove it read them (§4.1)")
        }
        "sec-websocket-version" if !request => {
            ok("the versions the server speaks, sent when it refuses another one (§4.2.2, §4.4)")
        }
        "sec-websocket-version" if hs.version_valid => {
            ok("the protocol version: 13, the only one RFC 6455 defines (§4.1)")
        }
        "sec-websocket-version" => (
            format!(
                "✗ version \"{}\": RFC 6455 requires 13; a server MUST refuse and name the \
                 versions it speaks (§4.1, §4.2.2)",
                escape(value, 40)
            ),
            true,
        ),
        "sec-websocket-accept" if !request && hs.accept_valid == Some(false) => (
            "✗ not base64(SHA-1(key + GUID)) of this key: worked out below (§4.2.2)".into(),
            true,
        ),
        "sec-websocket-accept" => {
            ok("the proof: base64(SHA-1(key + GUID)), worked out below (§4.2.2)")
        }
        "sec-websocket-protocol" if request => {
            ok("application subprotocols the client speaks (§1.9)")
        }
        "sec-websocket-protocol" => ok("the one subprotocol the server picked (§4.2.2)"),
        "sec-websocket-extensions" if request => {
            ok("extensions offered, e.g. permessage-deflate compression (§9, RFC 7692)")
        }
        "sec-websocket-extensions" => ok("the extensions in effect from now on (§9.1)"),
        "origin" => ok("the web page's origin: servers check it against cross-site use (§10.2)"),
        _ => ok(""),
    }
}

fn head(doc: &mut Doc, h: &HttpMessage, request: bool, hs: &Handshake) {
    doc.line(vec![
        Span::raw("    "),
        Span::styled(escape(&h.start_line, 200), val()),
    ]);
    for hd in &h.headers {
        let ws = is_ws_header(&hd.name);
        let (e, wrong) = if ws {
            explain(&hd.name, &hd.value, request, hs)
        } else {
            (String::new(), false)
        };
        let style = match (ws, wrong) {
            (_, true) => bad(),
            (true, false) => val(),
            (false, false) => Style::default(),
        };
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
                Span::styled(piece, style),
            ]);
        }
        if !e.is_empty() {
            doc.p_styled(8, &e, if wrong { bad() } else { dim() });
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
        _ if hs.refused() => "refused",
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
        "The client asks, in plain HTTP/1.1, to turn this TCP connection into a WebSocket \
         (RFC 6455 §4). A server that accepts answers 101 Switching Protocols and proves it \
         understood by answering the client's key; any other answer refuses. ★ marks the \
         headers WebSocket uses.",
    );
    if hs.refused() {
        let line = resp.map_or_else(
            || format!("status {}", hs.status.unwrap_or(0)),
            |r| escape(&r.start_line, 80),
        );
        doc.blank();
        doc.p_styled(
            0,
            &format!(
                "This server refused: it answered {line}, not 101 Switching Protocols. The \
                 connection stays plain HTTP and no WebSocket frame follows; the client handles \
                 the answer as HTTP (§4.1, §4.2.2)."
            ),
            refused_style(),
        );
    }
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
            head(doc, r, true, hs);
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
            head(doc, r, false, hs);
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
    if hs.refused() {
        if let Some(r) = resp {
            refusal_body(doc, ctx, r);
        }
    }
    accept_steps(doc, hs, resp);
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

/// A refusal's body usually says why (websockets: "Failed to open a
/// WebSocket connection: …"): its first lines, as the model decoded it.
fn refusal_body(doc: &mut Doc, ctx: &Ctx, r: &HttpMessage) {
    let Some(b) = &r.body else {
        return;
    };
    if b.text.is_none() || b.length == 0 {
        return;
    }
    let text = ctx.ix.body_bytes(ctx.d, r, 2048);
    doc.h(format!(
        "Why, in the server's words (its {}-byte body; 4 shows it all)",
        b.length
    ));
    let w = doc.width.saturating_sub(4).max(10);
    for line in String::from_utf8_lossy(&text).lines().take(6) {
        for piece in crate::tui::text::wrap(&crate::tui::text::clean_line(line, 400), w) {
            doc.line(vec![Span::raw("    "), Span::styled(piece, val())]);
        }
    }
}

/// How the refusal of an upgrade is drawn: not an error of the capture
/// (a server may refuse), but the point of the handshake view.
fn refused_style() -> Style {
    Style::default()
        .fg(ratatui::style::Color::Yellow)
        .add_modifier(ratatui::style::Modifier::BOLD)
}

fn accept_steps(doc: &mut Doc, hs: &Handshake, resp: Option<&HttpMessage>) {
    let answer = resp.map_or_else(
        || format!("status {}", hs.status.unwrap_or(0)),
        |r| escape(&r.start_line, 80),
    );
    if hs.refused() {
        doc.h("The Accept the server would have sent (RFC 6455 §4.2.2)");
    } else {
        doc.h("The Accept, step by step (RFC 6455 §4.2.2)");
    }
    let Some(st) = &hs.accept_steps else {
        doc.p(
            2,
            "The request has no usable Sec-WebSocket-Key, so there is nothing to compute: a \
             server MUST refuse such a request (§4.2.1).",
        );
        if hs.refused() {
            doc.p_styled(2, &format!("This one did: {answer}."), refused_style());
        }
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
    if hs.refused() {
        doc.text("  5. Compare with the server's Sec-WebSocket-Accept:");
        doc.p_styled(
            ind,
            &format!(
                "Nothing to compare: the server refused with {answer} instead of 101, and a \
                 refusal carries no Accept. No WebSocket connection was opened (§4.2.2)."
            ),
            refused_style(),
        );
        if let Some(sent) = &hs.accept {
            doc.p_styled(
                ind,
                &format!(
                    "! Yet it sent Sec-WebSocket-Accept: {} — an Accept belongs only in a 101 \
                     (see the note).",
                    escape(sent, 100)
                ),
                bad(),
            );
        }
        return;
    }
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
