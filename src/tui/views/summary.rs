//! One connection in numbers: bytes per layer and direction, messages, ping
//! round trips, how it closed, and the course's overhead argument worked out
//! with this capture's numbers. On a wss:// connection it starts with its
//! TLS: what the key log is, which of its lines decrypted the connection,
//! or why it could not be decrypted and what to do.

use ratatui::text::Span;

use super::n;
use super::{bad, dim, good, val, Ctx, Doc};
use crate::i18n::L10n;
use crate::model::{Protocol, StreamSummary};
use crate::net::Direction;
use crate::tls::TlsSummary;
use crate::tr;
use crate::tui::text::{escape, ratio};
use crate::tui::tree::key_log_lines;

/// Builds the view.
pub fn build(doc: &mut Doc, ctx: &Ctx) {
    let l = L10n::get(ctx.lang);
    let stream = ctx
        .row
        .and_then(|(r, _)| ctx.ix.row_stream(ctx.d, r))
        .map(|s| s.0)
        .or_else(|| ctx.ix.streams.iter().next().copied());
    let Some(stream) = stream else {
        doc.title = l.t("view-no-connection-title");
        doc.p(0, &l.t("view-sum-no-connection"));
        return;
    };
    let sum = ctx
        .ix
        .summary_by_stream
        .get(&stream)
        .and_then(|&i| ctx.d.streams.get(i as usize));
    let conn = ctx
        .ix
        .conn_by_stream
        .get(&stream)
        .and_then(|&i| ctx.d.connections.get(i as usize));
    let hs = ctx
        .ix
        .hs_by_stream
        .get(&stream)
        .and_then(|&i| ctx.d.handshakes.get(i as usize));
    // The model's wording, with what a title has room to add.
    let proto = match sum.map(|s| s.protocol) {
        Some(Protocol::WebsocketGuessed) => l.t("view-sum-proto-guessed"),
        Some(Protocol::Tls)
            if sum
                .and_then(|s| s.tls.as_ref())
                .is_some_and(|t| t.decrypted) =>
        {
            l.t("view-sum-proto-tls-decrypted")
        }
        Some(Protocol::Http2) => l.t("view-sum-proto-http2"),
        Some(Protocol::Tls) => l.t("view-sum-proto-tls"),
        Some(Protocol::Other) => l.t("view-sum-proto-other"),
        Some(Protocol::Empty) => l.t("view-sum-proto-empty"),
        // Protocol names: the same in every language.
        Some(p) => p.description().to_string(),
        None if hs.is_some() => "WebSocket".to_string(),
        None => l.t("view-sum-proto-loading"),
    };
    let over_tls = match sum.and_then(|s| s.tls.as_ref()) {
        Some(_) if sum.is_some_and(|s| s.protocol != Protocol::Tls) => l.t("view-sum-over-tls"),
        _ => String::new(),
    };
    doc.title = match conn {
        Some(c) => tr!(
            l,
            "view-sum-title",
            stream = n(stream),
            client = c.client.to_string(),
            server = c.server.to_string(),
            proto = format!("{proto}{over_tls}")
        ),
        None => tr!(
            l,
            "view-sum-title-no-ends",
            stream = n(stream),
            proto = format!("{proto}{over_tls}")
        ),
    };
    // Every count is the model's connection summary: it arrives when the
    // connection is over (or the capture read to its end).
    let Some(s) = sum else {
        doc.p_styled(0, &l.t("view-sum-loading"), dim());
        return;
    };
    let http = s.http_head_bytes;
    let hdr = s.ws_header_bytes;
    let pay = s.ws_payload_bytes;
    let frames = s.ws_frames;
    let msgs = s.ws_messages;
    if let Some(t) = &s.tls {
        tls(doc, l, t);
    }
    doc.h(l.t("view-sum-by-layer"));
    // The table's rows: (message id, client→server, server→client).
    let mut rows: Vec<(&str, [u64; 2])> = vec![
        ("view-sum-row-http", http),
        ("view-sum-row-ws-headers", hdr),
        ("view-sum-row-ws-payload", pay),
        (
            "view-sum-row-tcp-payload",
            [s.tcp.dirs[0].bytes, s.tcp.dirs[1].bytes],
        ),
    ];
    if let Some(t) = &s.tls {
        rows.push(("view-sum-row-tls-records", t.records));
        rows.push(("view-sum-row-tls-decrypted", t.decrypted_records));
    }
    rows.push((
        "view-sum-row-tcp-packets",
        [s.tcp.dirs[0].packets, s.tcp.dirs[1].packets],
    ));
    rows.push(("view-sum-row-ws-frames", frames));
    rows.push(("view-sum-row-messages", msgs));
    if s.compressed_messages[0] + s.compressed_messages[1] > 0 {
        rows.push(("view-sum-row-compressed", s.compressed_messages));
        rows.push(("view-sum-row-compressed-wire", s.compressed_wire_bytes));
        rows.push(("view-sum-row-decompressed", s.decompressed_bytes));
    }
    let gaps = [s.tcp.dirs[0].gap_bytes, s.tcp.dirs[1].gap_bytes];
    if gaps[0] + gaps[1] > 0 {
        rows.push(("view-sum-row-gaps", gaps));
    }
    let re = [s.tcp.dirs[0].retransmissions, s.tcp.dirs[1].retransmissions];
    if re[0] + re[1] > 0 {
        rows.push(("view-sum-row-retransmissions", re));
    }
    // Rows indented under the one above start with two spaces (Fluent trims
    // them from a message, so the id says it: `…-sub`).
    let labels: Vec<String> = rows
        .iter()
        .map(|(id, _)| {
            let sub = matches!(
                *id,
                "view-sum-row-tls-decrypted"
                    | "view-sum-row-compressed"
                    | "view-sum-row-compressed-wire"
                    | "view-sum-row-decompressed"
            );
            format!("{}{}", if sub { "  " } else { "" }, l.t(id))
        })
        .collect();
    let cols = [
        l.t("view-sum-col-client-to-server"),
        l.t("view-sum-col-server-to-client"),
        l.t("view-sum-col-total"),
    ];
    let width = |s: &str| s.chars().count();
    let lw = labels.iter().map(|s| width(s)).max().unwrap_or(0).max(26);
    let cw = |i: usize, min: usize| (width(&cols[i]) + 1).max(min);
    let (w0, w1, w2) = (cw(0, 15), cw(1, 15), cw(2, 12));
    let pad = |s: &str, w: usize| " ".repeat(w.saturating_sub(width(s)));
    let head = format!(
        "  {}{}{}{}{}{}{}",
        " ".repeat(lw),
        pad(&cols[0], w0),
        cols[0],
        pad(&cols[1], w1),
        cols[1],
        pad(&cols[2], w2),
        cols[2]
    );
    doc.line(vec![Span::styled(head, dim())]);
    for (label, (_, v)) in labels.iter().zip(&rows) {
        doc.line(vec![
            Span::raw(format!("  {label}{}", pad(label, lw))),
            Span::styled(
                format!(
                    "{:>w0$}{:>w1$}{:>w2$}",
                    v[0],
                    v[1],
                    v[0].saturating_add(v[1])
                ),
                val(),
            ),
        ]);
    }
    argument(doc, ctx, l, stream, http, hdr, pay, frames, msgs);
    let rtts = ctx.ix.rtts.get(&stream).map_or(&[][..], Vec::as_slice);
    pings(doc, l, s, rtts);
    closing(doc, l, s);
}

/// The connection's TLS, and the key log explained.
fn tls(doc: &mut Doc, l: &L10n, t: &TlsSummary) {
    doc.h(l.t(if t.decrypted {
        "view-tls-decrypted-title"
    } else {
        "view-tls-encrypted-title"
    }));
    let labels = [
        l.t("view-tls-version"),
        l.t("view-tls-cipher-suite"),
        l.t("view-tls-server-name"),
        "ALPN".to_string(),
        l.t("view-tls-handshake"),
        l.t("view-tls-records"),
    ];
    let w = labels
        .iter()
        .map(|s| s.chars().count() + 1)
        .max()
        .unwrap_or(0)
        .max(14);
    let version = match (t.version_name, t.version) {
        (Some(n), _) => n.to_string(),
        (None, Some(v)) => format!("0x{v:04x}"),
        (None, None) => l.t("view-tls-version-unknown"),
    };
    doc.kv(2, &labels[0], w, &version, val());
    doc.kv(
        2,
        &labels[1],
        w,
        &t.cipher_suite_name
            .map_or_else(|| l.t("view-tls-unknown"), str::to_string),
        val(),
    );
    doc.kv(
        2,
        &labels[2],
        w,
        &match &t.sni {
            Some(s) => tr!(l, "view-tls-sni", name = escape(s, 120)),
            None => l.t("view-tls-no-sni"),
        },
        val(),
    );
    let alpn = match (&t.alpn_offered[..], &t.alpn) {
        ([], None) => l.t("view-tls-alpn-none"),
        ([], Some(a)) => tr!(l, "view-tls-alpn-chosen-only", chosen = escape(a, 40)),
        (o, a) => tr!(
            l,
            "view-tls-alpn",
            offered = escape(&o.join(", "), 80),
            chosen = a
                .as_deref()
                .map_or_else(|| l.t("view-tls-alpn-nothing"), |a| escape(a, 40))
        ),
    };
    doc.kv(2, &labels[3], w, &alpn, val());
    doc.kv(
        2,
        &labels[4],
        w,
        &l.t(if t.resumed {
            "view-tls-resumed"
        } else {
            "view-tls-full"
        }),
        val(),
    );
    doc.kv(
        2,
        &labels[5],
        w,
        &tr!(
            l,
            "view-tls-records-value",
            client = n(t.records[0]),
            client_decrypted = n(t.decrypted_records[0]),
            server = n(t.records[1]),
            server_decrypted = n(t.decrypted_records[1])
        ),
        val(),
    );
    if t.bad_records.iter().any(|&n| n > 0) {
        doc.p_styled(
            2,
            &tr!(
                l,
                "view-tls-bad-records",
                client = n(t.bad_records[0]),
                server = n(t.bad_records[1])
            ),
            bad(),
        );
    }
    doc.blank();
    if t.decrypted {
        doc.p(2, &l.t("view-tls-key-log"));
        for line in key_log_lines(t, l.lang()) {
            doc.line(vec![
                Span::raw("    "),
                Span::styled(format!("✓ {line}"), good()),
            ]);
        }
        doc.p(2, &l.t("view-tls-without-keys"));
    } else {
        match &t.undecryptable {
            Some(u) => {
                // The reason and the advice in the notes' words (`tls-why-*`,
                // `tls-advice-*`).
                let (reason, advice) = u.words(l);
                doc.p_styled(
                    2,
                    &tr!(l, "view-tls-not-decrypted", reason = escape(&reason, 300)),
                    bad(),
                );
                doc.p(2, &tr!(l, "view-tls-what-to-do", advice = advice));
            }
            None => doc.p(2, &l.t("view-tls-nothing-to-decrypt")),
        }
        doc.p(2, &l.t("view-tls-encrypted"));
    }
}

#[allow(clippy::too_many_arguments)]
fn argument(
    doc: &mut Doc,
    ctx: &Ctx,
    l: &L10n,
    stream: u32,
    http: [u64; 2],
    hdr: [u64; 2],
    pay: [u64; 2],
    frames: [u64; 2],
    msgs: [u64; 2],
) {
    doc.h(l.t("view-arg-title"));
    let hdr_total = hdr[0] + hdr[1];
    let frames_total = frames[0] + frames[1];
    let msgs_total = msgs[0] + msgs[1];
    let pay_total = pay[0].saturating_add(pay[1]);
    if frames_total == 0 {
        doc.p(2, &l.t("view-arg-no-frames"));
        return;
    }
    // The handshake's own heads, as the price of one HTTP exchange.
    let hs = ctx
        .ix
        .hs_by_stream
        .get(&stream)
        .and_then(|&i| ctx.d.handshakes.get(i as usize));
    let req_len = hs.and_then(|h| {
        ctx.ix
            .http_by_key
            .get(&(stream, Direction::ClientToServer.index(), h.request_frame))
            .and_then(|&i| ctx.d.http.get(i as usize))
            .map(|m| m.head_length)
    });
    let resp_len = hs.and_then(|h| {
        let f = h.response_frame?;
        ctx.ix
            .http_by_key
            .get(&(stream, Direction::ServerToClient.index(), f))
            .and_then(|&i| ctx.d.http.get(i as usize))
            .map(|m| m.head_length)
    });
    let avg = hdr_total as f64 / frames_total as f64;
    doc.p(
        2,
        &tr!(
            l,
            "view-arg-frame-headers",
            hdr = n(hdr_total),
            frames = n(frames_total),
            avg = format!("{avg:.1}"),
            share = crate::tui::text::percent(hdr_total, hdr_total.saturating_add(pay_total)),
            payload = n(pay_total)
        ),
    );
    match (req_len, resp_len) {
        (Some(q), r) => {
            let both = q.saturating_add(r.unwrap_or(0));
            let response = r
                .map(|r| tr!(l, "view-arg-response-head", len = n(r)))
                .unwrap_or_default();
            doc.p(
                2,
                &tr!(l, "view-arg-heads", request = n(q), response = response),
            );
            if msgs_total > 0 {
                let as_req = msgs_total.saturating_mul(q);
                let as_both = msgs_total.saturating_mul(both);
                let with_responses = if r.is_some() {
                    tr!(
                        l,
                        "view-arg-with-responses",
                        msgs = n(msgs_total),
                        both = n(both),
                        total = n(as_both),
                        ratio = ratio(as_both, hdr_total)
                    )
                } else {
                    String::new()
                };
                doc.p(
                    2,
                    &tr!(
                        l,
                        "view-arg-as-requests",
                        msgs = n(msgs_total),
                        request = n(q),
                        total = n(as_req),
                        ratio = ratio(as_req, hdr_total),
                        hdr = n(hdr_total),
                        with_responses = with_responses
                    ),
                );
            }
        }
        (None, _) => {
            let total_http = http[0] + http[1];
            let other = if total_http > 0 {
                tr!(l, "view-arg-other-heads", len = n(total_http))
            } else {
                String::new()
            };
            doc.p(2, &tr!(l, "view-arg-no-handshake", other = other));
        }
    }
}

fn pings(doc: &mut Doc, l: &L10n, s: &StreamSummary, rtts: &[(u64, f64)]) {
    let pings = s.ws_pings[0] + s.ws_pings[1];
    let pongs = s.ws_pongs[0] + s.ws_pongs[1];
    if pings + pongs == 0 {
        return;
    }
    doc.h(l.t("view-ping-title"));
    doc.p(
        2,
        &tr!(
            l,
            "view-ping-counts",
            pings = n(pings),
            client = n(s.ws_pings[0]),
            server = n(s.ws_pings[1]),
            pongs = n(pongs)
        ),
    );
    if rtts.is_empty() {
        doc.p(2, &l.t("view-ping-no-pong"));
        return;
    }
    let mut min = f64::MAX;
    let mut max = 0f64;
    let mut sum = 0f64;
    for (_, r) in rtts {
        min = min.min(*r);
        max = max.max(*r);
        sum += r;
    }
    let count = rtts.len();
    let label = l.t("view-ping-round-trips");
    doc.kv(
        2,
        &label,
        (label.chars().count() + 1).max(12),
        &tr!(
            l,
            "view-ping-rtt",
            count = n(count as u64),
            min = format!("{:.3}", min * 1e3),
            avg = format!("{:.3}", sum / count as f64 * 1e3),
            max = format!("{:.3}", max * 1e3)
        ),
        val(),
    );
    for (frame, r) in rtts.iter().take(10) {
        doc.text(format!(
            "      {}",
            tr!(
                l,
                "view-ping-pong-in",
                frame = n(*frame),
                ms = format!("{:.3}", r * 1e3)
            )
        ));
    }
    if count > 10 {
        doc.text(format!(
            "      {}",
            tr!(l, "view-ping-more", more = n((count - 10) as u64))
        ));
    }
}

fn closing(doc: &mut Doc, l: &L10n, s: &StreamSummary) {
    doc.h(l.t("view-close-title"));
    // The side, as a Fluent selector.
    let who = |d: Direction| match d {
        Direction::ClientToServer => "client",
        Direction::ServerToClient => "server",
    };
    if let Some(c) = &s.close {
        doc.p(
            2,
            &tr!(
                l,
                "view-close-first",
                who = who(c.initiator),
                frame = n(c.frame),
                code = c.code.map_or_else(
                    || l.t("view-close-no-code"),
                    |code| format!("{code} ({})", crate::ws::frame::close_code_name(code))
                ),
                reason = escape(&c.reason, 120)
            ),
        );
        match c.answer_frame {
            Some(f) => doc.p_styled(
                2,
                &tr!(
                    l,
                    "view-close-answered",
                    who = who(c.initiator.reverse()),
                    frame = n(f)
                ),
                good(),
            ),
            None => doc.p_styled(
                2,
                &tr!(l, "view-close-unanswered", who = who(c.initiator.reverse())),
                bad(),
            ),
        }
    } else {
        doc.p(2, &l.t("view-close-none"));
    }
    let fins = [s.tcp.dirs[0].fin, s.tcp.dirs[1].fin];
    let tcp = if s.tcp.reset {
        "view-close-tcp-reset"
    } else {
        match fins {
            [true, true] => "view-close-tcp-both-fin",
            [true, false] => "view-close-tcp-client-fin",
            [false, true] => "view-close-tcp-server-fin",
            [false, false] => "view-close-tcp-open",
        }
    };
    doc.p(2, &l.t(tcp));
}
