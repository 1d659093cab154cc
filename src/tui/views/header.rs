//! The frame header bit by bit: the two fixed bytes drawn as boxes, then the
//! extended length and the masking key, each explained.

use ratatui::style::{Modifier, Style};
use ratatui::text::Span;

use super::n;
use super::{bad, dim, good, selected_frame, val, Ctx, Doc};
use crate::course::diagram::{self, Tone};
use crate::i18n::L10n;
use crate::model::WsFrame;
use crate::tr;
use crate::tui::text::hex;
use crate::tui::tree::opcode_label;
use crate::ws::frame::LengthEncoding;
use crate::ws::Opcode;

/// The shared bit drawing (`course::diagram`), styled.
fn drawing(doc: &mut Doc, lines: Vec<diagram::Line>) {
    for line in lines {
        doc.line(
            line.into_iter()
                .map(|p| match p.tone {
                    Tone::Plain => Span::raw(p.text),
                    Tone::Strong => {
                        Span::styled(p.text, Style::default().add_modifier(Modifier::BOLD))
                    }
                    Tone::Dim => Span::styled(p.text, dim()),
                    Tone::Value => Span::styled(p.text, val()),
                })
                .collect(),
        );
    }
}

/// Builds the view.
pub fn build(doc: &mut Doc, ctx: &Ctx) {
    let Some(f) = selected_frame(doc, ctx) else {
        doc.title = L10n::get(ctx.lang).t("view-select-frame");
        return;
    };
    let f = &*f;
    frame(doc, ctx, f);
}

fn frame(doc: &mut Doc, ctx: &Ctx, f: &WsFrame) {
    let (b0, b1) = (f.header.byte0(), f.header.byte1());
    let hdr = &f.header;
    let ranges = hdr.field_ranges();
    let l = L10n::get(ctx.lang);
    doc.title = super::frame_title(l, f);
    // The same words as `wsdissect frame` where the text is the same (`frame-*`).
    doc.p(0, &l.t("frame-intro"));
    doc.h(tr!(
        l,
        "frame-byte0",
        hex = format!("0x{b0:02x}"),
        bits = format!("{:04b} {:04b}", b0 >> 4, b0 & 0xf)
    ));
    drawing(doc, diagram::byte0(b0));
    doc.p(
        2,
        &l.t(if f.header.fin {
            "frame-fin-1"
        } else {
            "frame-fin-0"
        }),
    );
    let rsv = [(f.header.rsv1, 1), (f.header.rsv2, 2), (f.header.rsv3, 3)];
    for (on, n) in rsv {
        if on {
            let t = if n == 1 {
                l.t("frame-rsv1-set")
            } else {
                tr!(l, "view-header-rsv-other-set", bit = format!("RSV{n}"))
            };
            doc.p_styled(2, &t, if n == 1 { Style::default() } else { bad() });
        }
    }
    let continues = f.opcode() == Opcode::Continuation
        && crate::tui::tree::in_compressed_message(ctx.d, ctx.ix, f);
    if !f.header.rsv1 && continues {
        doc.p(2, &l.t("view-header-rsv1-continuation"));
    } else if !f.header.rsv1 && !f.header.rsv2 && !f.header.rsv3 {
        doc.p(2, &l.t("frame-rsv-clear"));
    }
    doc.p(
        2,
        &tr!(
            l,
            "view-header-opcode",
            label = opcode_label(f.opcode()),
            hex = format!("0x{:x}", f.header.opcode),
            meaning = crate::course::diagram::opcode_meaning(f.opcode(), l)
        ),
    );
    // Byte 1.
    doc.h(tr!(
        l,
        "frame-byte1",
        hex = format!("0x{b1:02x}"),
        bits = format!("{:04b} {:04b}", b1 >> 4, b1 & 0xf)
    ));
    drawing(doc, diagram::byte1(b1));
    doc.p(
        2,
        &l.t(if f.header.masked {
            "view-header-mask-1"
        } else {
            "frame-mask-0"
        }),
    );
    let enc = LengthEncoding::from_len7(f.header.len7);
    let len_text = match enc {
        LengthEncoding::Len7 => tr!(
            l,
            "view-header-len7",
            len7 = n(f.header.len7 & 0x7f),
            len = n(f.header.payload_len)
        ),
        LengthEncoding::Len16 => l.t("frame-len16"),
        LengthEncoding::Len64 => l.t("frame-len64"),
    };
    doc.p(2, &len_text);
    // Extended length.
    if let Some(r) = ranges.ext_len.clone() {
        let bytes = f.header_bytes.get(r.clone()).unwrap_or(&[]);
        doc.h(tr!(
            l,
            "frame-ext-len",
            from = n(r.start as u64),
            to = n((r.end - 1) as u64),
            bits = n(((r.end - r.start) * 8) as u64)
        ));
        doc.line(vec![
            Span::raw("    "),
            Span::styled(hex(bytes, 8), val()),
            Span::raw(format!(
                "  =  {}",
                tr!(l, "view-bytes", n = n(f.header.payload_len))
            )),
        ]);
        if !hdr.is_minimal_length() {
            doc.p_styled(2, &l.t("frame-ext-not-minimal"), bad());
        } else if hdr.length_top_bit_set() {
            doc.p_styled(2, &l.t("frame-ext-top-bit"), bad());
        } else {
            doc.p_styled(2, &l.t("frame-ext-minimal"), good());
        }
    }
    // Masking key.
    if let (Some(r), Some(k)) = (ranges.mask_key.clone(), f.header.mask_key) {
        doc.h(tr!(
            l,
            "frame-mask-key",
            from = n(r.start as u64),
            to = n((r.end - 1) as u64)
        ));
        doc.line(vec![
            Span::raw("    "),
            Span::styled(hex(&k, 4), val()),
            Span::styled("   key[0] key[1] key[2] key[3]".to_string(), dim()),
        ]);
        doc.p(2, &l.t("frame-mask-key-text"));
    }
    // Totals.
    doc.h(l.t("view-header-in-all"));
    let all = hex(&f.header_bytes, 14);
    doc.line(vec![
        Span::raw(format!("    {} ", l.t("view-header-header"))),
        Span::styled(all, val()),
        Span::raw(format!(
            "  ({})",
            tr!(l, "view-bytes", n = n(f.header.header_len))
        )),
    ]);
    let wire = u64::from(f.header.header_len).saturating_add(f.header.payload_len);
    doc.p(
        4,
        &tr!(
            l,
            "view-header-totals",
            payload = n(f.header.payload_len),
            wire = n(wire),
            share = crate::tui::text::percent(u64::from(f.header.header_len), wire)
        ),
    );
}
