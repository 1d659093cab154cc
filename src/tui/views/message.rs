//! A whole message: reassembled from its frames, decompressed, and
//! pretty-printed when it is JSON.

use crate::ws::Opcode;
use ratatui::style::Style;
use ratatui::text::Span;

use super::{bad, dim, good, selected_frame, val, Ctx, Doc};
use crate::model::{HttpMessage, WsFrame, WsMessage};
use crate::tui::index::RowKind;
use crate::tui::list::frame_info;
use crate::tui::text::{ascii, clean_line, escape, percent, wrap};
use crate::tui::tree::{dir_words, message_of};

/// Most lines of content shown.
const MAX_LINES: usize = 2000;
/// Largest text tried as JSON.
const MAX_JSON: usize = 1 << 20;
/// Most bytes of binary content dumped.
const MAX_HEX: usize = 4096;

/// Builds the view.
pub fn build(doc: &mut Doc, ctx: &Ctx) {
    if let Some((r, _)) = ctx.row {
        if r.kind == RowKind::Http {
            if let Some(h) = ctx.d.http.get(r.idx as usize) {
                http_message(doc, ctx, h);
                return;
            }
        }
    }
    let Some(f) = selected_frame(doc, ctx) else {
        doc.title = "select a WebSocket frame".into();
        return;
    };
    match message_of(ctx.d, ctx.ix, f) {
        Some(m) => message(doc, ctx, m),
        None => no_message(doc, ctx, f),
    }
}

fn no_message(doc: &mut Doc, ctx: &Ctx, f: &WsFrame) {
    doc.title = format!(
        "frame #{} ({}) in stream {}",
        f.index,
        f.opcode().name(),
        f.stream
    );
    if f.opcode().is_control() {
        doc.p(
            0,
            "This is a control frame: control frames are never part of a message. They may \
             arrive between the fragments of a message, carry at most 125 bytes and are never \
             fragmented (RFC 6455 §5.5).",
        );
        doc.h("Its payload");
        match f.opcode() {
            Opcode::Close => match f.close_code {
                Some(c) => {
                    doc.kv(
                        2,
                        "Status code",
                        12,
                        &format!("{c} ({})", f.close_code_name.unwrap_or("?")),
                        val(),
                    );
                    doc.kv(
                        2,
                        "Reason",
                        12,
                        &format!(
                            "\"{}\"",
                            escape(f.close_reason.as_deref().unwrap_or(""), 200)
                        ),
                        val(),
                    );
                }
                None => doc.p(2, "No status code: the close frame is empty (allowed)."),
            },
            _ => {
                if f.payload.is_empty() {
                    doc.p(2, "Empty.");
                } else {
                    // Enough of a spilled payload for both previews.
                    let p = ctx.ix.payload(ctx.d, f, 4 * 125 + 1);
                    doc.kv(2, "Bytes", 8, &crate::tui::text::hex(&p, 125), val());
                    doc.kv(2, "Text", 8, &crate::tui::text::preview(&p, 125), val());
                }
                if f.opcode() == Opcode::Ping {
                    doc.p(
                        2,
                        "The other side must answer with a pong carrying the same bytes (§5.5.2).",
                    );
                } else if let (Some(p), Some(rtt)) = (f.pong_for, f.rtt) {
                    doc.p(
                        2,
                        &format!("Answers the ping in frame {p}, {:.3} ms later.", rtt * 1e3),
                    );
                }
            }
        }
    } else {
        doc.p(
            0,
            "This data frame is not part of a complete message in the capture (a fragment whose \
             start or end is missing, or data after a gap).",
        );
    }
}

fn message(doc: &mut Doc, ctx: &Ctx, m: &WsMessage) {
    doc.title = format!(
        "#{} {}, {}, stream {}",
        m.index,
        m.opcode.name(),
        dir_words(m.direction, ctx.lang),
        m.stream
    );
    // Frames.
    doc.h(format!(
        "Made of {} frame{}",
        m.ws_frames.len(),
        if m.ws_frames.len() == 1 { "" } else { "s" }
    ));
    for (i, wi) in m.ws_frames.iter().enumerate() {
        if i == 50 {
            doc.p(4, &format!("… {} more frames", m.ws_frames.len() - 50));
            break;
        }
        let fr = ctx
            .ix
            .frame_by_key
            .get(m.stream, *wi)
            .and_then(|j| ctx.d.frames.get(j as usize));
        match fr {
            Some(fr) => doc.line(vec![
                Span::raw(format!("    #{:<4} packet {:<6} ", fr.index, fr.frame)),
                Span::styled(clean_line(&frame_info(ctx.d, ctx.ix, fr), 300), val()),
            ]),
            None => doc.text(format!("    #{wi}")),
        }
    }
    if m.ws_frames.len() > 1 {
        doc.p(
            4,
            "The first frame has the opcode (text or binary) and FIN = 0; continuation frames \
             (opcode 0) follow; the last one has FIN = 1 (§5.4). The payloads are joined in order.",
        );
    }
    // Sizes.
    doc.h("Size");
    // The whole content, read back from the spill when it is long.
    let content = ctx.ix.message_bytes(ctx.d, m, usize::MAX);
    if m.compressed {
        let plain = m.decompressed_length.unwrap_or(content.len() as u64);
        doc.kv(
            2,
            "On the wire",
            20,
            &format!("{} bytes (DEFLATE data, RSV1 set)", m.length),
            val(),
        );
        doc.kv(2, "Decompressed", 20, &format!("{plain} bytes"), val());
        doc.kv(
            2,
            "Ratio",
            20,
            &format!(
                "{} — the wire carries {} of the content",
                crate::model::compression_ratio(plain, m.length),
                percent(m.length, plain)
            ),
            val(),
        );
        doc.p(
            2,
            "permessage-deflate (RFC 7692) compresses each message; the sender drops the final \
             00 00 ff ff of the DEFLATE block and the receiver adds it back before inflating.",
        );
        if plain > 0 && m.length.saturating_mul(5) < plain {
            doc.p(
                2,
                "So few bytes for so much text: the compressor refers back to earlier messages it \
                 sent on this connection (\"context takeover\"), so a repeated message costs only \
                 a few bytes.",
            );
        }
    } else {
        doc.kv(2, "Payload", 20, &format!("{} bytes", m.length), val());
    }
    match m.utf8_valid {
        Some(true) => doc.line(vec![
            Span::raw(format!("  {:<20} ", "UTF-8")),
            Span::styled("✓ valid".to_string(), good()),
        ]),
        Some(false) => doc.line(vec![
            Span::raw(format!("  {:<20} ", "UTF-8")),
            Span::styled(
                "✗ not valid UTF-8: a receiver MUST fail the connection (§8.1)".to_string(),
                bad(),
            ),
        ]),
        None => {}
    }
    if !m.complete {
        doc.p_styled(
            2,
            "! Incomplete: bytes are missing (a gap in the capture, a cap on stored payload, or a \
             decompression error); what is shown is what could be recovered.",
            Style::default().fg(ratatui::style::Color::Yellow),
        );
    }
    content_lines(doc, m.text.is_some(), &content, None);
}

/// An HTTP message on view 4: its head in short, then its body as the
/// model decoded it (chunked removed, gzip/deflate undone: `HttpBody`),
/// read back through the index: JSON pretty-printed, text wrapped, binary
/// as hex.
fn http_message(doc: &mut Doc, ctx: &Ctx, h: &HttpMessage) {
    doc.title = format!(
        "{}, {}, stream {}",
        escape(&h.start_line, 60),
        dir_words(h.direction, ctx.lang),
        h.stream
    );
    doc.h("Head");
    doc.kv(2, "Start line", 20, &escape(&h.start_line, 200), val());
    let frames: Vec<String> = h.frames.iter().map(u64::to_string).collect();
    doc.kv(
        2,
        "Head",
        20,
        &format!(
            "{} bytes, {} header{}, in packet{} {}",
            h.head_length,
            h.headers.len(),
            if h.headers.len() == 1 { "" } else { "s" },
            if frames.len() == 1 { "" } else { "s" },
            frames.join(", ")
        ),
        val(),
    );
    let Some(b) = &h.body else {
        doc.h("Body");
        doc.p(
            2,
            if h.method.is_some() {
                "This request has no body (a GET carries none): the head is the whole message."
            } else {
                "This response has no body: the head is the whole message."
            },
        );
        return;
    };
    doc.h("Body");
    doc.kv(
        2,
        "Content-Type",
        20,
        b.content_type.as_deref().map_or("(not given)", |t| t),
        val(),
    );
    let mut steps = Vec::new();
    if b.chunked {
        steps.push("chunked transfer coding removed (RFC 9112 §7.1)".to_string());
    }
    if let Some(e) = &b.content_encoding {
        steps.push(format!(
            "Content-Encoding: {} undone (RFC 9110 §8.4.1)",
            escape(e, 40)
        ));
    }
    doc.kv(
        2,
        "On the wire",
        20,
        &format!("{} bytes", b.wire_length),
        val(),
    );
    doc.kv(
        2,
        "Decoded",
        20,
        &if steps.is_empty() {
            format!("{} bytes (sent as is)", b.length)
        } else {
            format!("{} bytes: {}", b.length, steps.join("; "))
        },
        val(),
    );
    if b.omitted > 0 {
        doc.kv(
            2,
            "Not kept",
            20,
            &format!("{} more bytes (over --max-payload)", b.omitted),
            dim(),
        );
    }
    if b.complete {
        doc.line(vec![
            Span::raw(format!("  {:<20} ", "Complete")),
            Span::styled("✓ the whole body".to_string(), good()),
        ]);
    } else {
        doc.p_styled(
            2,
            &format!(
                "! Incomplete: {}; what is shown is what could be recovered.",
                escape(b.problem.as_deref().unwrap_or("bytes are missing"), 200)
            ),
            Style::default().fg(ratatui::style::Color::Yellow),
        );
    }
    let content = ctx.ix.body_bytes(ctx.d, h, usize::MAX);
    let kind = b
        .content_type
        .as_deref()
        .map(|t| t.split(';').next().unwrap_or(t).trim().to_string());
    content_lines(doc, b.text.is_some(), &content, kind.as_deref());
}

/// The content of a message or a body: JSON pretty-printed, other text
/// wrapped line by line, binary as a hex dump. `kind` names the text's
/// type (an HTTP body's Content-Type) in the heading.
fn content_lines(doc: &mut Doc, is_text: bool, content: &[u8], kind: Option<&str>) {
    // A text message's content is its (valid UTF-8) text.
    let text = if is_text {
        std::str::from_utf8(content).ok()
    } else {
        None
    };
    if let Some(t) = text {
        if t.len() <= MAX_JSON && looks_like_json(t) {
            if let Some(lines) = pretty_json(t, MAX_LINES) {
                doc.h("Content (JSON, pretty-printed; key order as sent)");
                let w = doc.width.saturating_sub(2);
                let mut n = 0;
                for l in &lines {
                    for piece in wrap(&clean_line(l, 4000), w) {
                        doc.line(vec![Span::raw("  "), Span::styled(piece, val())]);
                        n += 1;
                    }
                    if n >= MAX_LINES {
                        break;
                    }
                }
                if n >= MAX_LINES {
                    doc.p_styled(2, "… (cut: the view shows the first lines)", dim());
                }
                return;
            }
        }
        match kind {
            Some(k) => doc.h(format!("Content ({}, as text)", escape(k, 60))),
            None => doc.h("Content (text)"),
        }
        let w = doc.width.saturating_sub(2);
        let mut n = 0;
        let shown = &t[..floor_char(t, 256 * 1024)];
        'outer: for line in shown.split('\n') {
            for piece in wrap(&clean_line(line, 100_000), w) {
                if n >= MAX_LINES {
                    break 'outer;
                }
                doc.line(vec![Span::raw("  "), Span::styled(piece, val())]);
                n += 1;
            }
        }
        if n >= MAX_LINES || shown.len() < t.len() {
            doc.p_styled(2, &format!("… (cut: {} bytes in all)", t.len()), dim());
        }
        return;
    }
    if content.is_empty() {
        doc.h("Content");
        doc.p(2, "(empty, or not recovered)");
        return;
    }
    doc.h(format!(
        "Content ({} bytes of binary data, hex and ASCII)",
        content.len()
    ));
    for (i, chunk) in content.chunks(16).take(MAX_HEX / 16).enumerate() {
        let hexs: Vec<String> = chunk.iter().map(|b| format!("{b:02x}")).collect();
        let asc: String = chunk.iter().map(|&b| ascii(b)).collect();
        doc.line(vec![
            Span::styled(format!("  {:04x}  ", i * 16), dim()),
            Span::styled(format!("{:<48}", hexs.join(" ")), val()),
            Span::raw(format!(" {asc}")),
        ]);
    }
    if content.len() > MAX_HEX {
        doc.p_styled(
            2,
            &format!("… {} more bytes", content.len() - MAX_HEX),
            dim(),
        );
    }
}

fn floor_char(s: &str, max: usize) -> usize {
    if s.len() <= max {
        return s.len();
    }
    let mut i = max;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn looks_like_json(t: &str) -> bool {
    let t = t.trim_start();
    (t.starts_with('{') || t.starts_with('['))
        && serde_json::from_str::<serde::de::IgnoredAny>(t).is_ok()
}

/// Re-indents valid JSON without reordering keys or rewriting numbers
/// (serde_json's `Value` would sort keys and normalise numbers).
pub fn pretty_json(t: &str, max_lines: usize) -> Option<Vec<String>> {
    let chars: Vec<char> = t.chars().collect();
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut indent = 0usize;
    let mut i = 0;
    let mut in_str = false;
    let mut esc = false;
    let next_non_ws = |mut j: usize| {
        while j < chars.len() && chars[j].is_whitespace() {
            j += 1;
        }
        j
    };
    while i < chars.len() {
        let c = chars[i];
        if lines.len() >= max_lines {
            break;
        }
        if in_str {
            cur.push(c);
            if esc {
                esc = false;
            } else if c == '\\' {
                esc = true;
            } else if c == '"' {
                in_str = false;
            }
            i += 1;
            continue;
        }
        match c {
            '"' => {
                in_str = true;
                cur.push(c);
            }
            '{' | '[' => {
                let close = if c == '{' { '}' } else { ']' };
                let j = next_non_ws(i + 1);
                if chars.get(j) == Some(&close) {
                    cur.push(c);
                    cur.push(close);
                    i = j;
                } else {
                    cur.push(c);
                    indent += 1;
                    lines.push(std::mem::take(&mut cur));
                    cur = "  ".repeat(indent);
                }
            }
            '}' | ']' => {
                indent = indent.saturating_sub(1);
                if !cur.trim().is_empty() {
                    lines.push(std::mem::take(&mut cur));
                }
                cur = "  ".repeat(indent);
                cur.push(c);
            }
            ',' => {
                cur.push(',');
                lines.push(std::mem::take(&mut cur));
                cur = "  ".repeat(indent);
            }
            ':' => cur.push_str(": "),
            c if c.is_whitespace() => {}
            c => cur.push(c),
        }
        i += 1;
    }
    if !cur.trim().is_empty() {
        lines.push(cur);
    }
    Some(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_keeps_order_and_numbers() {
        let l = pretty_json(r#"{"b": 1.50, "a": [1, {}], "s": "x,{y}"}"#, 100).unwrap();
        assert_eq!(
            l,
            vec![
                "{",
                "  \"b\": 1.50,",
                "  \"a\": [",
                "    1,",
                "    {}",
                "  ],",
                "  \"s\": \"x,{y}\"",
                "}"
            ]
        );
    }
}
