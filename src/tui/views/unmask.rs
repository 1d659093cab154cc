//! Unmasking byte by byte: masked byte ⊕ key[i mod 4] = payload byte.

use ratatui::style::Style;
use ratatui::text::Span;

use super::n;
use super::{bad, dim, selected_frame, val, Ctx, Doc};
use crate::i18n::L10n;
use crate::model::WsFrame;
use crate::net::Direction;
use crate::tr;
use crate::tui::text::{hex, preview};
use crate::tui::tree::message_of;

/// Builds the view.
pub fn build(doc: &mut Doc, ctx: &Ctx) {
    let l = L10n::get(ctx.lang);
    let Some(f) = selected_frame(doc, ctx) else {
        doc.title = l.t("view-select-frame");
        return;
    };
    let f = &*f;
    doc.title = super::frame_title(l, f);
    match f.header.mask_key {
        Some(key) if f.header.masked => {
            // As many payload bytes as the masked sample has (a long
            // payload's are read back from the spill).
            let payload = ctx.ix.payload(ctx.d, f, f.masked_sample.len());
            masked(doc, l, f, &payload, key)
        }
        _ => unmasked(doc, l, f),
    }
    inflate_steps(doc, ctx, l, f);
}

fn unmasked(doc: &mut Doc, l: &L10n, f: &WsFrame) {
    if f.direction == Direction::ServerToClient {
        doc.p(0, &l.t("view-unmask-server"));
    } else {
        doc.p_styled(0, &l.t("view-unmask-client-unmasked"), bad());
    }
    doc.p(0, &l.t("view-unmask-why"));
    if !f.payload.is_empty() {
        doc.h(l.t("view-unmask-as-sent"));
        doc.line(vec![
            Span::raw("    "),
            Span::styled(hex(&f.payload, 24), val()),
        ]);
    }
}

fn masked(doc: &mut Doc, l: &L10n, f: &WsFrame, payload: &[u8], key: [u8; 4]) {
    doc.p(0, &l.t("view-unmask-intro"));
    if f.decrypted() {
        doc.p(0, &l.t("view-unmask-tls"));
    }
    doc.h(l.t("view-unmask-key"));
    doc.line(vec![
        Span::raw("    "),
        Span::styled(hex(&key, 4), val()),
        Span::styled("    key[0] key[1] key[2] key[3]".to_string(), dim()),
    ]);
    let sample = &f.masked_sample;
    if sample.is_empty() || payload.is_empty() {
        doc.blank();
        doc.p(
            0,
            &l.t(if f.header.payload_len == 0 {
                "view-unmask-empty"
            } else {
                "view-unmask-not-captured"
            }),
        );
        return;
    }
    // First byte, bit by bit.
    let (m0, k0, p0) = (sample[0], key[0], payload[0]);
    doc.h(l.t("view-unmask-byte0"));
    doc.line(vec![
        Span::raw(format!(
            "      {:04b} {:04b}   0x{m0:02x}",
            m0 >> 4,
            m0 & 0xf
        )),
        Span::styled(format!("   {}", l.t("view-unmask-byte0-wire")), dim()),
    ]);
    doc.line(vec![
        Span::raw(format!(
            "    ⊕ {:04b} {:04b}   0x{k0:02x}",
            k0 >> 4,
            k0 & 0xf
        )),
        Span::styled("   key[0]".to_string(), dim()),
    ]);
    doc.text("      ─────────");
    doc.line(vec![
        Span::styled(
            format!("    = {:04b} {:04b}   0x{p0:02x}", p0 >> 4, p0 & 0xf),
            val(),
        ),
        Span::styled(
            format!("   {}  {}", char_cell(p0), l.t("view-unmask-xor-rule")),
            dim(),
        ),
    ]);
    // The table.
    let shown = sample.len().min(payload.len());
    doc.h(tr!(
        l,
        "view-unmask-table",
        shown = n(shown as u64),
        len = n(f.header.payload_len)
    ));
    doc.line(vec![Span::styled(
        format!(
            "      i   {:<10}key[i mod 4]      {:<9}{}",
            l.t("view-unmask-col-wire"),
            l.t("view-unmask-col-payload"),
            l.t("view-unmask-col-char")
        ),
        dim(),
    )]);
    for i in 0..shown {
        let m = sample[i];
        let k = key[i % 4];
        let p = payload[i];
        let ok = m ^ k == p;
        doc.line(vec![
            Span::raw(format!(
                "  {i:>5}   0x{m:02x}  ⊕  0x{k:02x} (key[{}])  =  ",
                i % 4
            )),
            Span::styled(format!("0x{p:02x}"), if ok { val() } else { bad() }),
            Span::styled(format!("     {}", char_cell(p)), Style::default()),
        ]);
    }
    if (shown as u64) < f.header.payload_len {
        doc.blank();
        doc.p(
            2,
            &tr!(
                l,
                "view-unmask-rest",
                rest = n(f.header.payload_len.saturating_sub(shown as u64))
            ),
        );
    }
}

/// A byte as a quoted character or its escape.
fn char_cell(b: u8) -> String {
    match b {
        b'\n' => "'\\n'".into(),
        b'\r' => "'\\r'".into(),
        b'\t' => "'\\t'".into(),
        0x20..=0x7e => format!("'{}'", b as char),
        _ => "·".into(),
    }
}

/// For a frame of a permessage-deflate message, the walk-through goes on
/// past unmasking: the payload is DEFLATE data; the message's payloads
/// joined, plus the `00 00 ff ff` the sender removed, inflate to its
/// content (RFC 7692 §7.2.2). Every value is the model's: the frames'
/// lengths and the message's decompressed content, read back through the
/// index; nothing is inflated here.
fn inflate_steps(doc: &mut Doc, ctx: &Ctx, l: &L10n, f: &WsFrame) {
    let held = message_of(ctx.d, ctx.ix, f);
    let msg = held.as_deref();
    if !f.compressed && !msg.is_some_and(|m| m.compressed) {
        return;
    }
    let masked = if f.header.masked { "yes" } else { "no" };
    doc.h(l.t("view-inflate-title"));
    let id = if f.compressed {
        "view-inflate-first"
    } else {
        "view-inflate-continuation"
    };
    doc.p(2, &tr!(l, id, masked = masked));
    let Some(m) = msg else {
        doc.p(2, &l.t("view-inflate-incomplete"));
        return;
    };
    let len = ctx.ix.payload_len(ctx.d, f);
    let first = ctx.ix.payload(ctx.d, f, 12);
    let more = if (first.len() as u64) < len {
        " …"
    } else {
        ""
    };
    if m.ws_frames.len() == 1 {
        doc.text(format!(
            "  {}",
            tr!(l, "view-inflate-step-one", len = n(len))
        ));
        doc.kv(7, "", 0, &format!("{}{more}", hex(&first, 12)), val());
    } else {
        let parts: Vec<String> = m
            .ws_frames
            .iter()
            .take(12)
            .filter_map(|wi| ctx.ix.frame_by_key.get(m.stream, *wi))
            .filter_map(|j| ctx.ix.frames.get(j as usize))
            .map(|fr| {
                let me = if fr.index == f.index {
                    l.t("view-inflate-this-one")
                } else {
                    String::new()
                };
                format!(
                    "#{} {}{me}",
                    fr.index,
                    tr!(l, "view-bytes", n = n(fr.header.payload_len))
                )
            })
            .collect();
        let cut = if m.ws_frames.len() > 12 { ", …" } else { "" };
        doc.text(format!(
            "  {}",
            tr!(
                l,
                "view-inflate-step-join",
                frames = n(m.ws_frames.len() as u64),
                len = n(m.length)
            )
        ));
        doc.p_styled(7, &format!("{}{cut}", parts.join(" + ")), val());
        doc.p_styled(
            7,
            &tr!(
                l,
                "view-inflate-this-frames",
                hex = format!("{}{more}", hex(&first, 12))
            ),
            dim(),
        );
    }
    doc.text(format!("  {}", l.t("view-inflate-step-tail")));
    let whole = m.ws_frames.len() == 1 && more.is_empty();
    let joined = if whole {
        format!("{} 00 00 ff ff", hex(&first, 12))
    } else {
        format!(
            "… 00 00 ff ff   ({} + 4 = {})",
            m.length,
            tr!(l, "view-bytes", n = n(m.length + 4))
        )
    };
    doc.kv(7, "", 0, &joined, val());
    doc.p_styled(7, &l.t("view-inflate-tail-why"), dim());
    doc.text(format!("  {}", l.t("view-inflate-step-inflate")));
    doc.text(format!("     {}", l.t("view-inflate-step-inflate-2")));
    match m.decompressed_length {
        Some(plain) if m.complete => {
            let content = ctx.ix.message_bytes(ctx.d, m, 160);
            doc.kv(7, "", 0, &tr!(l, "view-bytes", n = n(plain)), val());
            doc.text(format!("  {}", l.t("view-inflate-step-message")));
            let shown = if m.text.is_some() {
                preview(&content, 120)
            } else {
                hex(&content, 16)
            };
            doc.p_styled(7, &shown, val());
            doc.p_styled(7, &l.t("view-inflate-press-4"), dim());
        }
        _ => doc.p_styled(7, &l.t("view-inflate-failed"), bad()),
    }
}
