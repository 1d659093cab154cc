//! One connection in numbers: bytes per layer and direction, messages, ping
//! round trips, how it closed, and the course's overhead argument worked out
//! with this capture's numbers. On a wss:// connection it starts with its
//! TLS: what the key log is, which of its lines decrypted the connection,
//! or why it could not be decrypted and what to do.

use ratatui::text::Span;

use super::{bad, dim, good, val, Ctx, Doc};
use crate::model::{Protocol, StreamSummary};
use crate::net::Direction;
use crate::tls::TlsSummary;
use crate::tui::text::{escape, ratio};
use crate::tui::tree::key_log_lines;

/// Builds the view.
pub fn build(doc: &mut Doc, ctx: &Ctx) {
    let stream = ctx
        .row
        .and_then(|(r, _)| ctx.ix.row_stream(ctx.d, r))
        .map(|s| s.0)
        .or_else(|| ctx.ix.streams.iter().next().copied());
    let Some(stream) = stream else {
        doc.title = "no connection".into();
        doc.p(
            0,
            "This capture holds no TCP connection (or none has been read yet), so there is \
             nothing to sum up.",
        );
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
        Some(Protocol::WebsocketGuessed) => "WebSocket (guessed, no handshake)",
        Some(Protocol::Tls)
            if sum
                .and_then(|s| s.tls.as_ref())
                .is_some_and(|t| t.decrypted) =>
        {
            "TLS (decrypted)"
        }
        Some(Protocol::Http2) => "HTTP/2 (not decoded)",
        Some(p) => p.description(),
        None if hs.is_some() => "WebSocket",
        None => "(still loading)",
    };
    let over_tls = match sum.and_then(|s| s.tls.as_ref()) {
        Some(_) if sum.is_some_and(|s| s.protocol != Protocol::Tls) => " over TLS (decrypted)",
        _ => "",
    };
    doc.title = match conn {
        Some(c) => format!(
            "stream {stream}: {} → {}, {proto}{over_tls}",
            c.client, c.server
        ),
        None => format!("stream {stream}, {proto}{over_tls}"),
    };
    // Every count is the model's connection summary: it arrives when the
    // connection is over (or the capture read to its end).
    let Some(s) = sum else {
        doc.p_styled(
            0,
            "(The capture is still being read: the connection's totals appear when it is over.)",
            dim(),
        );
        return;
    };
    let http = s.http_head_bytes;
    let hdr = s.ws_header_bytes;
    let pay = s.ws_payload_bytes;
    let frames = s.ws_frames;
    let msgs = s.ws_messages;
    if let Some(t) = &s.tls {
        tls(doc, t);
    }
    doc.h("Bytes by layer");
    let head = format!(
        "  {:<26}{:>15}{:>15}{:>12}",
        "", "client→server", "server→client", "total"
    );
    doc.line(vec![Span::styled(head, dim())]);
    let row = |doc: &mut Doc, label: &str, v: [u64; 2]| {
        doc.line(vec![
            Span::raw(format!("  {label:<26}")),
            Span::styled(
                format!("{:>15}{:>15}{:>12}", v[0], v[1], v[0].saturating_add(v[1])),
                val(),
            ),
        ]);
    };
    row(doc, "HTTP heads (handshake)", http);
    row(doc, "WebSocket frame headers", hdr);
    row(doc, "WebSocket payload (wire)", pay);
    row(
        doc,
        "TCP payload (reassembled)",
        [s.tcp.dirs[0].bytes, s.tcp.dirs[1].bytes],
    );
    if let Some(t) = &s.tls {
        row(doc, "TLS records", t.records);
        row(doc, "  decrypted", t.decrypted_records);
    }
    row(
        doc,
        "TCP packets",
        [s.tcp.dirs[0].packets, s.tcp.dirs[1].packets],
    );
    row(doc, "WebSocket frames", frames);
    row(doc, "Data messages", msgs);
    if s.compressed_messages[0] + s.compressed_messages[1] > 0 {
        row(doc, "  compressed messages", s.compressed_messages);
        row(doc, "  their bytes on the wire", s.compressed_wire_bytes);
        row(doc, "  their bytes decompressed", s.decompressed_bytes);
    }
    let gaps = [s.tcp.dirs[0].gap_bytes, s.tcp.dirs[1].gap_bytes];
    if gaps[0] + gaps[1] > 0 {
        row(doc, "Bytes missing (gaps)", gaps);
    }
    let re = [s.tcp.dirs[0].retransmissions, s.tcp.dirs[1].retransmissions];
    if re[0] + re[1] > 0 {
        row(doc, "Retransmissions", re);
    }
    argument(doc, ctx, stream, http, hdr, pay, frames, msgs);
    let rtts = ctx.ix.rtts.get(&stream).map_or(&[][..], Vec::as_slice);
    pings(doc, s, rtts);
    closing(doc, s);
}

/// The connection's TLS, and the key log explained.
fn tls(doc: &mut Doc, t: &TlsSummary) {
    doc.h(if t.decrypted {
        "TLS: decrypted with the key log"
    } else {
        "TLS: encrypted, not decrypted"
    });
    let w = 14;
    let version = match (t.version_name, t.version) {
        (Some(n), _) => n.to_string(),
        (None, Some(v)) => format!("0x{v:04x}"),
        (None, None) => "unknown (no ServerHello in the capture)".into(),
    };
    doc.kv(2, "Version", w, &version, val());
    doc.kv(
        2,
        "Cipher suite",
        w,
        t.cipher_suite_name.unwrap_or("unknown"),
        val(),
    );
    doc.kv(
        2,
        "Server name",
        w,
        &match &t.sni {
            Some(s) => format!("{} (SNI: sent in clear in the ClientHello)", escape(s, 120)),
            None => "none sent (no SNI)".into(),
        },
        val(),
    );
    let alpn = match (&t.alpn_offered[..], &t.alpn) {
        ([], None) => "none offered".to_string(),
        ([], Some(a)) => format!("none offered, {} chosen", escape(a, 40)),
        (o, a) => format!(
            "offered {}; chosen: {}",
            escape(&o.join(", "), 80),
            a.as_deref().map_or("none".to_string(), |a| escape(a, 40))
        ),
    };
    doc.kv(2, "ALPN", w, &alpn, val());
    doc.kv(
        2,
        "Handshake",
        w,
        if t.resumed {
            "resumed: the keys come from an earlier session"
        } else {
            "full"
        },
        val(),
    );
    doc.kv(
        2,
        "Records",
        w,
        &format!(
            "client {} ({} decrypted), server {} ({} decrypted)",
            t.records[0], t.decrypted_records[0], t.records[1], t.decrypted_records[1]
        ),
        val(),
    );
    if t.bad_records.iter().any(|&n| n > 0) {
        doc.p_styled(
            2,
            &format!(
                "✗ {} record(s) client→server and {} server→client failed to authenticate: \
                 their bytes are missing from what follows (see the notes, 6).",
                t.bad_records[0], t.bad_records[1]
            ),
            bad(),
        );
    }
    doc.blank();
    if t.decrypted {
        doc.p(
            2,
            "The key log is a text file of secrets: with SSLKEYLOGFILE set, the browser (or any \
             program using the same TLS library) writes one line per secret it agrees on, each \
             tagged with the random number its ClientHello sent. wsdissect found this \
             connection's random in the file and, as Wireshark does, derived the keys of both \
             directions from these lines:",
        );
        for l in key_log_lines(t, crate::i18n::Lang::En) {
            doc.line(vec![
                Span::raw("    "),
                Span::styled(format!("✓ {l}"), good()),
            ]);
        }
        doc.p(
            2,
            "Without them you would see only encrypted TLS records: their sizes and their timing, \
             but no HTTP head and no WebSocket frame. Everything this connection's rows show, and \
             every number below, is the decrypted content. Anyone who holds the key log can read \
             the traffic: keep it as secret as a password.",
        );
    } else {
        match &t.undecryptable {
            Some(u) => {
                doc.p_styled(
                    2,
                    &format!("✗ Not decrypted: {}.", escape(&u.to_string(), 300)),
                    bad(),
                );
                doc.p(2, &format!("What to do: {}.", u.advice()));
            }
            None => doc.p(2, "No record of this connection needed decrypting."),
        }
        doc.p(
            2,
            "All there is to see, then, are encrypted TLS records: their sizes and their timing. \
             What they carry (for wss://, the HTTP upgrade and the WebSocket frames) is inside \
             them, which is why this connection has no HTTP or WebSocket row. A key log is the \
             file of secrets a browser writes when SSLKEYLOGFILE names one; given with --keylog \
             (or inside a pcapng), it lets wsdissect, like Wireshark, decrypt the records.",
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn argument(
    doc: &mut Doc,
    ctx: &Ctx,
    stream: u32,
    http: [u64; 2],
    hdr: [u64; 2],
    pay: [u64; 2],
    frames: [u64; 2],
    msgs: [u64; 2],
) {
    doc.h("HTTP headers can be kilobytes, frame headers are 2–14 bytes");
    let hdr_total = hdr[0] + hdr[1];
    let frames_total = frames[0] + frames[1];
    let msgs_total = msgs[0] + msgs[1];
    let pay_total = pay[0].saturating_add(pay[1]);
    if frames_total == 0 {
        doc.p(
            2,
            "No WebSocket frame on this connection, so there is nothing to compare: pick a \
             WebSocket connection with s.",
        );
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
        &format!(
            "Frame headers: {hdr_total} bytes for {frames_total} frames, {avg:.1} bytes per frame \
             on average, {} of everything WebSocket sent ({} bytes of payload).",
            crate::tui::text::percent(hdr_total, hdr_total.saturating_add(pay_total)),
            pay_total
        ),
    );
    match (req_len, resp_len) {
        (Some(q), r) => {
            let both = q.saturating_add(r.unwrap_or(0));
            doc.p(
                2,
                &format!(
                    "The handshake's HTTP heads: request {q} bytes{}. They are sent once; every \
                     message after them costs only a frame header.",
                    r.map(|r| format!(", response {r} bytes"))
                        .unwrap_or_default()
                ),
            );
            if msgs_total > 0 {
                let as_req = msgs_total.saturating_mul(q);
                let as_both = msgs_total.saturating_mul(both);
                doc.p(
                    2,
                    &format!(
                        "Had each of the {msgs_total} messages been its own HTTP request with a head \
                         like this one, the heads alone would cost {msgs_total} × {q} = {as_req} \
                         bytes ({} the {hdr_total} bytes of frame headers){}.",
                        ratio(as_req, hdr_total),
                        if r.is_some() {
                            format!(
                                "; with a response head each, {msgs_total} × {both} = {as_both} \
                                 bytes ({})",
                                ratio(as_both, hdr_total)
                            )
                        } else {
                            String::new()
                        }
                    ),
                );
            }
        }
        (None, _) => {
            let total_http = http[0] + http[1];
            doc.p(
                2,
                &format!(
                    "No handshake in the capture for this connection{}; a typical browser \
                     request head is 400–2000 bytes, cookies included.",
                    if total_http > 0 {
                        format!(" ({total_http} bytes of other HTTP heads)")
                    } else {
                        String::new()
                    }
                ),
            );
        }
    }
}

fn pings(doc: &mut Doc, s: &StreamSummary, rtts: &[(u64, f64)]) {
    let pings = s.ws_pings[0] + s.ws_pings[1];
    let pongs = s.ws_pongs[0] + s.ws_pongs[1];
    if pings + pongs == 0 {
        return;
    }
    doc.h("Ping and pong");
    doc.p(
        2,
        &format!(
            "{} ping(s) (client {}, server {}), {} pong(s). A pong echoes its ping's data; the \
             time between them is a round trip (§5.5.2).",
            pings, s.ws_pings[0], s.ws_pings[1], pongs
        ),
    );
    if rtts.is_empty() {
        doc.p(2, "No pong in the capture answers a ping.");
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
    let n = rtts.len();
    doc.kv(
        2,
        "Round trips",
        12,
        &format!(
            "{n}: min {:.3} ms, average {:.3} ms, max {:.3} ms",
            min * 1e3,
            sum / n as f64 * 1e3,
            max * 1e3
        ),
        val(),
    );
    for (frame, r) in rtts.iter().take(10) {
        doc.text(format!("      pong in frame {frame}: {:.3} ms", r * 1e3));
    }
    if n > 10 {
        doc.text(format!("      … {} more", n - 10));
    }
}

fn closing(doc: &mut Doc, s: &StreamSummary) {
    doc.h("How it closed");
    let who = |d: Direction| match d {
        Direction::ClientToServer => "the client",
        Direction::ServerToClient => "the server",
    };
    if let Some(c) = &s.close {
        doc.p(
            2,
            &format!(
                "{} sent the first close frame (frame {}): {} \"{}\".",
                capital(who(c.initiator)),
                c.frame,
                c.code.map_or("no status code".to_string(), |code| format!(
                    "{code} ({})",
                    crate::ws::frame::close_code_name(code)
                )),
                escape(&c.reason, 120)
            ),
        );
        match c.answer_frame {
            Some(f) => doc.p_styled(
                2,
                &format!(
                    "✓ {} answered with its own close frame (frame {f}): a clean closing handshake (§7.1.2).",
                    capital(who(c.initiator.reverse()))
                ),
                good(),
            ),
            None => doc.p_styled(
                2,
                &format!(
                    "✗ {} never answered with a close frame in the capture.",
                    capital(who(c.initiator.reverse()))
                ),
                bad(),
            ),
        }
    } else {
        doc.p(
            2,
            "No close frame: the connection ended without a WebSocket closing handshake (or the \
             capture stopped before it).",
        );
    }
    let fins = [s.tcp.dirs[0].fin, s.tcp.dirs[1].fin];
    let tcp = if s.tcp.reset {
        "TCP: the connection was reset (RST).".to_string()
    } else {
        match fins {
            [true, true] => "TCP: both sides sent FIN: an orderly close.".to_string(),
            [true, false] => "TCP: only the client sent FIN in the capture.".to_string(),
            [false, true] => "TCP: only the server sent FIN in the capture.".to_string(),
            [false, false] => {
                "TCP: no FIN in the capture: the connection was still open.".to_string()
            }
        }
    };
    doc.p(2, &tcp);
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
