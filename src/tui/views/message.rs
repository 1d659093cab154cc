//! A whole message: reassembled from its frames, decompressed, and
//! pretty-printed when it is JSON.

use crate::ws::Opcode;
use ratatui::style::Style;
use ratatui::text::Span;

use super::n;
use super::{bad, dim, good, selected_frame, val, Ctx, Doc};
use crate::i18n::L10n;
use crate::model::{HttpMessage, WsFrame, WsMessage};
use crate::tr;
use crate::tui::index::RowKind;
use crate::tui::list::frame_info;
use crate::tui::text::{ascii, clean_line, escape, percent, wrap};
use crate::tui::tree::message_of;

/// Most lines of content shown.
const MAX_LINES: usize = 2000;
/// Largest text tried as JSON.
const MAX_JSON: usize = 1 << 20;
/// Most bytes of binary content dumped.
const MAX_HEX: usize = 4096;

/// Builds the view.
pub fn build(doc: &mut Doc, ctx: &Ctx) {
    let l = L10n::get(ctx.lang);
    if let Some((r, _)) = ctx.row {
        if r.kind == RowKind::Http {
            if let Some(h) = ctx.d.http.get(r.idx as usize) {
                http_message(doc, ctx, l, h);
                return;
            }
        }
    }
    let Some(f) = selected_frame(doc, ctx) else {
        doc.title = l.t("view-select-frame");
        return;
    };
    let f = &*f;
    match message_of(ctx.d, ctx.ix, f) {
        Some(m) => message(doc, ctx, l, &m),
        None => no_message(doc, ctx, l, f),
    }
}

/// The width of a column of labels: the widest label, at least `min`
/// (Finnish labels are longer than the English ones).
fn label_w(min: usize, labels: &[&str]) -> usize {
    labels
        .iter()
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(0)
        .max(min)
}

fn no_message(doc: &mut Doc, ctx: &Ctx, l: &L10n, f: &WsFrame) {
    doc.title = tr!(
        l,
        "view-msg-frame-title",
        index = n(f.index),
        opcode = f.opcode().name(),
        stream = n(f.stream)
    );
    if f.opcode().is_control() {
        doc.p(0, &l.t("view-msg-control"));
        doc.h(l.t("view-msg-its-payload"));
        match f.opcode() {
            Opcode::Close => match f.close_code {
                Some(c) => {
                    let (code, reason) = (l.t("view-msg-close-code"), l.t("view-msg-close-reason"));
                    let w = label_w(12, &[&code, &reason]);
                    doc.kv(
                        2,
                        &code,
                        w,
                        &format!("{c} ({})", f.close_code_name.unwrap_or("?")),
                        val(),
                    );
                    doc.kv(
                        2,
                        &reason,
                        w,
                        &format!(
                            "\"{}\"",
                            escape(f.close_reason.as_deref().unwrap_or(""), 200)
                        ),
                        val(),
                    );
                }
                None => doc.p(2, &l.t("view-msg-close-empty")),
            },
            _ => {
                if f.payload.is_empty() {
                    doc.p(2, &l.t("view-msg-empty"));
                } else {
                    // Enough of a spilled payload for both previews.
                    let p = ctx.ix.payload(ctx.d, f, 4 * 125 + 1);
                    let (bytes, text) = (l.t("view-msg-bytes"), l.t("view-msg-text"));
                    let w = label_w(8, &[&bytes, &text]);
                    doc.kv(2, &bytes, w, &crate::tui::text::hex(&p, 125), val());
                    doc.kv(2, &text, w, &crate::tui::text::preview(&p, 125), val());
                }
                if f.opcode() == Opcode::Ping {
                    doc.p(2, &l.t("view-msg-ping"));
                } else if let (Some(p), Some(rtt)) = (f.pong_for, f.rtt) {
                    doc.p(
                        2,
                        &tr!(
                            l,
                            "view-msg-pong",
                            frame = n(p),
                            ms = format!("{:.3}", rtt * 1e3)
                        ),
                    );
                }
            }
        }
    } else {
        doc.p(0, &l.t("view-msg-no-message"));
    }
}

fn message(doc: &mut Doc, ctx: &Ctx, l: &L10n, m: &WsMessage) {
    doc.title = tr!(
        l,
        "view-msg-title",
        index = n(m.index),
        opcode = m.opcode.name(),
        dir = super::dir(l, m.direction),
        stream = n(m.stream)
    );
    // Frames.
    doc.h(tr!(
        l,
        "view-msg-made-of",
        frames = n(m.ws_frames.len() as u64)
    ));
    for (i, wi) in m.ws_frames.iter().enumerate() {
        if i == 50 {
            doc.p(
                4,
                &tr!(
                    l,
                    "view-msg-more-frames",
                    more = n((m.ws_frames.len() - 50) as u64)
                ),
            );
            break;
        }
        let fr = ctx
            .ix
            .frame_by_key
            .get(m.stream, *wi)
            .and_then(|j| ctx.ix.frames.get(j as usize));
        match fr {
            Some(fr) => doc.line(vec![
                Span::raw(format!(
                    "    #{:<4} {} {:<6} ",
                    fr.index,
                    l.t("view-msg-packet"),
                    fr.frame
                )),
                Span::styled(clean_line(&frame_info(ctx.d, ctx.ix, &fr, l), 300), val()),
            ]),
            None => doc.text(format!("    #{wi}")),
        }
    }
    if m.ws_frames.len() > 1 {
        doc.p(4, &l.t("view-msg-fragments"));
    }
    // Sizes.
    doc.h(l.t("view-msg-size"));
    let kw = 20;
    // The whole content, read back from the spill when it is long.
    let content = ctx.ix.message_bytes(ctx.d, m, usize::MAX);
    if m.compressed {
        let plain = m.decompressed_length.unwrap_or(content.len() as u64);
        doc.kv(
            2,
            &l.t("view-msg-on-the-wire"),
            kw,
            &tr!(l, "view-msg-wire-deflate", len = n(m.length)),
            val(),
        );
        doc.kv(
            2,
            &l.t("view-msg-decompressed"),
            kw,
            &tr!(l, "view-bytes", n = n(plain)),
            val(),
        );
        doc.kv(
            2,
            &l.t("view-msg-ratio"),
            kw,
            &tr!(
                l,
                "view-msg-ratio-value",
                ratio = crate::model::compression_ratio(plain, m.length),
                share = percent(m.length, plain)
            ),
            val(),
        );
        doc.p(2, &l.t("view-msg-deflate"));
        if plain > 0 && m.length.saturating_mul(5) < plain {
            doc.p(2, &l.t("view-msg-context-takeover"));
        }
    } else {
        doc.kv(
            2,
            &l.t("view-msg-payload"),
            kw,
            &tr!(l, "view-bytes", n = n(m.length)),
            val(),
        );
    }
    match m.utf8_valid {
        Some(true) => doc.line(vec![
            Span::raw(format!("  {:<20} ", "UTF-8")),
            Span::styled(l.t("view-msg-utf8-valid"), good()),
        ]),
        Some(false) => doc.line(vec![
            Span::raw(format!("  {:<20} ", "UTF-8")),
            Span::styled(l.t("view-msg-utf8-invalid"), bad()),
        ]),
        None => {}
    }
    if !m.complete {
        doc.p_styled(
            2,
            &l.t("view-msg-incomplete"),
            Style::default().fg(ratatui::style::Color::Yellow),
        );
    }
    content_lines(doc, l, m.text.is_some(), &content, None);
}

/// An HTTP message on view 4: its head in short, then its body as the
/// model decoded it (chunked removed, gzip/deflate undone: `HttpBody`),
/// read back through the index: JSON pretty-printed, text wrapped, binary
/// as hex.
fn http_message(doc: &mut Doc, ctx: &Ctx, l: &L10n, h: &HttpMessage) {
    doc.title = tr!(
        l,
        "view-http-title",
        line = escape(&h.start_line, 60),
        dir = super::dir(l, h.direction),
        stream = n(h.stream)
    );
    let kw = 20;
    doc.h(l.t("view-http-head"));
    doc.kv(
        2,
        &l.t("view-http-start-line"),
        kw,
        &escape(&h.start_line, 200),
        val(),
    );
    let frames: Vec<String> = h.frames.iter().map(u64::to_string).collect();
    doc.kv(
        2,
        &l.t("view-http-head"),
        kw,
        &tr!(
            l,
            "view-http-head-value",
            len = n(h.head_length),
            headers = n(h.headers.len() as u64),
            packets = n(frames.len() as u64),
            frames = frames.join(", ")
        ),
        val(),
    );
    let Some(b) = &h.body else {
        doc.h(l.t("view-http-body"));
        doc.p(
            2,
            &l.t(if h.method.is_some() {
                "view-http-no-body-request"
            } else {
                "view-http-no-body-response"
            }),
        );
        return;
    };
    doc.h(l.t("view-http-body"));
    let not_given = l.t("view-http-not-given");
    doc.kv(
        2,
        "Content-Type",
        kw,
        b.content_type.as_deref().unwrap_or(&not_given),
        val(),
    );
    let mut steps = Vec::new();
    if b.chunked {
        steps.push(l.t("view-http-unchunked"));
    }
    if let Some(e) = &b.content_encoding {
        steps.push(tr!(
            l,
            "view-http-decoded-encoding",
            encoding = escape(e, 40)
        ));
    }
    doc.kv(
        2,
        &l.t("view-msg-on-the-wire"),
        kw,
        &tr!(l, "view-bytes", n = n(b.wire_length)),
        val(),
    );
    doc.kv(
        2,
        &l.t("view-http-decoded"),
        kw,
        &if steps.is_empty() {
            tr!(l, "view-http-sent-as-is", len = n(b.length))
        } else {
            tr!(
                l,
                "view-http-decoded-steps",
                len = n(b.length),
                steps = steps.join("; ")
            )
        },
        val(),
    );
    if b.omitted > 0 {
        doc.kv(
            2,
            &l.t("view-http-not-kept"),
            kw,
            &tr!(l, "view-http-not-kept-value", len = n(b.omitted)),
            dim(),
        );
    }
    if b.complete {
        doc.line(vec![
            Span::raw(format!("  {:<20} ", l.t("view-http-complete"))),
            Span::styled(l.t("view-http-whole-body"), good()),
        ]);
    } else {
        let problem = match b.problem.as_deref() {
            Some(p) => escape(p, 200),
            None => l.t("view-http-bytes-missing"),
        };
        doc.p_styled(
            2,
            &tr!(l, "view-http-incomplete", problem = problem),
            Style::default().fg(ratatui::style::Color::Yellow),
        );
    }
    let content = ctx.ix.body_bytes(ctx.d, h, usize::MAX);
    let kind = b
        .content_type
        .as_deref()
        .map(|t| t.split(';').next().unwrap_or(t).trim().to_string());
    content_lines(doc, l, b.text.is_some(), &content, kind.as_deref());
}

/// The content of a message or a body: JSON pretty-printed, other text
/// wrapped line by line, binary as a hex dump. `kind` names the text's
/// type (an HTTP body's Content-Type) in the heading.
fn content_lines(doc: &mut Doc, l: &L10n, is_text: bool, content: &[u8], kind: Option<&str>) {
    // A text message's content is its (valid UTF-8) text.
    let text = if is_text {
        std::str::from_utf8(content).ok()
    } else {
        None
    };
    if let Some(t) = text {
        if t.len() <= MAX_JSON && looks_like_json(t) {
            if let Some(lines) = pretty_json(t, MAX_LINES) {
                doc.h(l.t("view-content-json"));
                let w = doc.width.saturating_sub(2);
                let mut n = 0;
                for line in &lines {
                    for piece in wrap(&clean_line(line, 4000), w) {
                        doc.line(vec![Span::raw("  "), Span::styled(piece, val())]);
                        n += 1;
                    }
                    if n >= MAX_LINES {
                        break;
                    }
                }
                if n >= MAX_LINES {
                    doc.p_styled(2, &l.t("view-content-cut-lines"), dim());
                }
                return;
            }
        }
        match kind {
            Some(k) => doc.h(tr!(l, "view-content-typed-text", kind = escape(k, 60))),
            None => doc.h(l.t("view-content-text")),
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
            doc.p_styled(
                2,
                &tr!(l, "view-content-cut-bytes", len = super::n(t.len() as u64)),
                dim(),
            );
        }
        return;
    }
    if content.is_empty() {
        doc.h(l.t("view-content"));
        doc.p(2, &l.t("view-content-empty"));
        return;
    }
    doc.h(tr!(l, "view-content-binary", len = n(content.len() as u64)));
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
            &tr!(
                l,
                "view-content-more-bytes",
                more = n((content.len() - MAX_HEX) as u64)
            ),
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
