//! The opening handshake: request and response with the WebSocket headers
//! marked, and the Sec-WebSocket-Accept worked out step by step.

use base64::Engine as _;
use ratatui::style::Style;
use ratatui::text::Span;

use super::n;
use super::{bad, dim, good, val, Ctx, Doc};
use crate::http::list::parse_token_list;
use crate::i18n::L10n;
use crate::model::{Handshake, HttpMessage};
use crate::net::Direction;
use crate::tr;
use crate::tui::text::{escape, hex};
use crate::tui::tree::is_ws_header;
use crate::ws::accept::WS_GUID;

/// What a WebSocket header says, in one sentence, following its actual
/// value (`Connection: close` is no upgrade), and whether the model found
/// it wrong (a version other than 13, an Accept that does not match): then
/// the view draws the header as an error.
fn explain(l: &L10n, name: &str, value: &str, request: bool, hs: &Handshake) -> (String, bool) {
    let tokens: Vec<String> = parse_token_list(value)
        .into_iter()
        .map(|t| t.to_ascii_lowercase())
        .collect();
    let has = |t: &str| tokens.iter().any(|x| x == t);
    let ok = |id: &str| (l.t(id), false);
    match name.to_ascii_lowercase().as_str() {
        "upgrade" if has("websocket") && request => ok("view-hs-upgrade-request"),
        "upgrade" if has("websocket") => ok("view-hs-upgrade-response"),
        "upgrade" => ok("view-hs-upgrade-other"),
        "connection" if has("upgrade") => ok("view-hs-connection-upgrade"),
        "connection" if has("close") => ok("view-hs-connection-close"),
        "connection" if has("keep-alive") => ok("view-hs-connection-keep-alive"),
        "connection" => ok("view-hs-connection-other"),
        "sec-websocket-key" => ok("view-hs-key"),
        "sec-websocket-version" if !request => ok("view-hs-version-response"),
        "sec-websocket-version" if hs.version_valid => ok("view-hs-version"),
        "sec-websocket-version" => (
            tr!(l, "view-hs-version-wrong", value = escape(value, 40)),
            true,
        ),
        "sec-websocket-accept" if !request && hs.accept_valid == Some(false) => {
            (l.t("view-hs-accept-wrong"), true)
        }
        "sec-websocket-accept" => ok("view-hs-accept"),
        "sec-websocket-protocol" if request => ok("view-hs-protocol-request"),
        "sec-websocket-protocol" => ok("view-hs-protocol-response"),
        "sec-websocket-extensions" if request => ok("view-hs-extensions-request"),
        "sec-websocket-extensions" => ok("view-hs-extensions-response"),
        "origin" => ok("view-hs-origin"),
        _ => (String::new(), false),
    }
}

fn head(doc: &mut Doc, l: &L10n, h: &HttpMessage, request: bool, hs: &Handshake) {
    doc.line(vec![
        Span::raw("    "),
        Span::styled(escape(&h.start_line, 200), val()),
    ]);
    for hd in &h.headers {
        let ws = is_ws_header(&hd.name);
        let (e, wrong) = if ws {
            explain(l, &hd.name, &hd.value, request, hs)
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
    let l = L10n::get(ctx.lang);
    let stream = ctx
        .row
        .and_then(|(r, _)| ctx.ix.row_stream(ctx.d, r))
        .map(|s| s.0);
    let hs = stream
        .and_then(|s| ctx.ix.hs_by_stream.get(&s))
        .and_then(|&i| ctx.d.handshakes.get(i as usize));
    let Some(hs) = hs else {
        doc.title = l.t("view-hs-none-title");
        let with: Vec<String> = ctx
            .d
            .handshakes
            .iter()
            .map(|h| h.stream.to_string())
            .collect();
        match stream {
            Some(s) if with.is_empty() => doc.p(0, &tr!(l, "view-hs-none-anywhere", stream = n(s))),
            Some(s) => doc.p(
                0,
                &tr!(
                    l,
                    "view-hs-none-here",
                    stream = n(s),
                    count = n(with.len() as u64),
                    streams = with.join(", ")
                ),
            ),
            None => doc.p(0, &l.t("view-hs-select-row")),
        }
        return;
    };
    handshake(doc, ctx, l, hs);
}

fn handshake(doc: &mut Doc, ctx: &Ctx, l: &L10n, hs: &Handshake) {
    let req = find_http(ctx, hs.stream, Direction::ClientToServer, hs.request_frame);
    let resp = hs
        .response_frame
        .and_then(|f| find_http(ctx, hs.stream, Direction::ServerToClient, f));
    let verdict = l.t(match hs.accept_valid {
        _ if hs.refused() => "view-hs-verdict-refused",
        Some(true) => "view-hs-verdict-ok",
        Some(false) => "view-hs-verdict-wrong",
        None => "view-hs-verdict-unchecked",
    });
    doc.title = tr!(
        l,
        "view-hs-title",
        stream = n(hs.stream),
        path = escape(&hs.path, 40),
        status = hs
            .status
            .map_or(l.t("view-hs-no-answer"), |s| s.to_string()),
        verdict = verdict
    );
    doc.p(0, &l.t("view-hs-intro"));
    if hs.refused() {
        let line = resp.map_or_else(
            || tr!(l, "view-hs-status", status = n(hs.status.unwrap_or(0))),
            |r| escape(&r.start_line, 80),
        );
        doc.blank();
        doc.p_styled(0, &tr!(l, "view-hs-refused", line = line), refused_style());
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
            doc.h(tr!(
                l,
                "view-hs-request",
                frame = n(r.frame),
                ends = ends,
                len = n(r.head_length)
            ));
            head(doc, l, r, true, hs);
        }
        None => {
            doc.h(tr!(l, "view-hs-request-at", frame = n(hs.request_frame)));
            doc.p(4, &l.t("view-hs-request-missing"));
        }
    }
    match (resp, hs.response_frame) {
        (Some(r), _) => {
            let later = req
                .map(|q| {
                    tr!(
                        l,
                        "view-hs-later",
                        ms = format!("{:.3}", r.ts.seconds_since(q.ts) * 1e3)
                    )
                })
                .unwrap_or_default();
            doc.h(tr!(
                l,
                "view-hs-response",
                frame = n(r.frame),
                len = n(r.head_length),
                later = later
            ));
            head(doc, l, r, false, hs);
        }
        (None, Some(f)) => {
            doc.h(tr!(l, "view-hs-response-at", frame = n(f)));
            doc.p(4, &l.t("view-hs-response-missing"));
        }
        (None, None) => {
            doc.h(l.t("view-hs-response-none-title"));
            doc.p(4, &l.t("view-hs-response-none"));
        }
    }
    if hs.refused() {
        if let Some(r) = resp {
            refusal_body(doc, ctx, l, r);
        }
    }
    accept_steps(doc, l, hs, resp);
    if hs.deflate.is_some() || !hs.extensions.is_empty() || hs.subprotocol.is_some() {
        doc.h(l.t("view-hs-negotiated"));
        let (sub, ext) = (l.t("view-hs-subprotocol"), l.t("view-hs-extension"));
        // A column as wide as the longer label and a space (13 in English).
        let kw = sub.chars().count().max(ext.chars().count()).max(12) + 1;
        if let Some(p) = &hs.subprotocol {
            doc.kv(2, &sub, kw, &escape(p, 100), val());
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
            doc.kv(2, &ext, kw, &escape(&text, 200), val());
        }
        if hs.deflate.is_some() {
            doc.p(4, &l.t("view-hs-deflate"));
        }
    }
}

/// A refusal's body usually says why (websockets: "Failed to open a
/// WebSocket connection: …"): its first lines, as the model decoded it.
fn refusal_body(doc: &mut Doc, ctx: &Ctx, l: &L10n, r: &HttpMessage) {
    let Some(b) = &r.body else {
        return;
    };
    if b.text.is_none() || b.length == 0 {
        return;
    }
    let text = ctx.ix.body_bytes(ctx.d, r, 2048);
    doc.h(tr!(l, "view-hs-refusal-body", len = n(b.length)));
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

fn accept_steps(doc: &mut Doc, l: &L10n, hs: &Handshake, resp: Option<&HttpMessage>) {
    let answer = resp.map_or_else(
        || tr!(l, "view-hs-status", status = n(hs.status.unwrap_or(0))),
        |r| escape(&r.start_line, 80),
    );
    if hs.refused() {
        doc.h(l.t("view-accept-title-refused"));
    } else {
        doc.h(l.t("view-accept-title"));
    }
    let Some(st) = &hs.accept_steps else {
        doc.p(2, &l.t("view-accept-no-key"));
        if hs.refused() {
            doc.p_styled(
                2,
                &tr!(l, "view-accept-no-key-refused", answer = answer),
                refused_style(),
            );
        }
        return;
    };
    let ind = 7;
    let step = |doc: &mut Doc, id: &str| doc.text(format!("  {}", l.t(id)));
    step(doc, "view-accept-step-key");
    doc.kv(ind, "", 0, &escape(&st.key, 200), val());
    if let Ok(raw) = base64::engine::general_purpose::STANDARD.decode(st.key.as_bytes()) {
        doc.p_styled(
            ind,
            &tr!(
                l,
                "view-accept-key-bytes",
                len = n(raw.len() as u64),
                hex = hex(&raw, 16)
            ),
            dim(),
        );
    }
    step(doc, "view-accept-step-glue");
    doc.kv(ind, "", 0, WS_GUID, dim());
    doc.kv(ind, "", 0, &escape(&st.concatenated, 400), val());
    step(doc, "view-accept-step-sha1");
    doc.kv(ind, "", 0, &st.sha1_hex, val());
    step(doc, "view-accept-step-base64");
    doc.kv(ind, "", 0, &st.accept, val());
    step(doc, "view-accept-step-compare");
    if hs.refused() {
        doc.p_styled(
            ind,
            &tr!(l, "view-accept-refused", answer = answer),
            refused_style(),
        );
        if let Some(sent) = &hs.accept {
            doc.p_styled(
                ind,
                &tr!(l, "view-accept-on-refusal", accept = escape(sent, 100)),
                bad(),
            );
        }
        return;
    }
    match &hs.accept {
        None => {
            doc.p_styled(ind, &l.t("view-accept-missing"), bad());
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
                Some(true) => doc.p_styled(ind, &l.t("view-accept-match"), good()),
                _ => {
                    doc.p_styled(
                        ind,
                        &tr!(
                            l,
                            "view-accept-differ",
                            pos = n((common + 1) as u64),
                            expected = st.accept.clone()
                        ),
                        bad(),
                    );
                }
            }
        }
    }
}
