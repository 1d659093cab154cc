//! The frame header bit by bit: the two fixed bytes drawn as boxes, then the
//! extended length and the masking key, each explained.

use ratatui::style::{Modifier, Style};
use ratatui::text::Span;

use super::{bad, dim, good, selected_frame, val, Ctx, Doc};
use crate::course::diagram::{self, Tone};
use crate::model::WsFrame;
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

fn opcode_meaning(op: Opcode) -> &'static str {
    match op {
        Opcode::Continuation => "continuation: more of the message the previous frame started",
        Opcode::Text => "text: a UTF-8 text message (or its first fragment)",
        Opcode::Binary => "binary: a binary message (or its first fragment)",
        Opcode::Close => "close: starts or answers the closing handshake (§5.5.1)",
        Opcode::Ping => "ping: the other side must answer with a pong (§5.5.2)",
        Opcode::Pong => "pong: answers a ping (§5.5.3)",
        Opcode::Reserved(_) if !op.is_control() => {
            "reserved for future data frames: a receiver MUST fail the connection"
        }
        Opcode::Reserved(_) => {
            "reserved for future control frames: a receiver MUST fail the connection"
        }
    }
}

/// Builds the view.
pub fn build(doc: &mut Doc, ctx: &Ctx) {
    let Some(f) = selected_frame(doc, ctx) else {
        doc.title = "select a WebSocket frame".into();
        return;
    };
    frame(doc, ctx, f);
}

fn frame(doc: &mut Doc, ctx: &Ctx, f: &WsFrame) {
    let (b0, b1) = (f.header.byte0(), f.header.byte1());
    let hdr = &f.header;
    let ranges = hdr.field_ranges();
    doc.title = super::frame_title(f);
    doc.p(
        0,
        "Every WebSocket frame starts with 2 fixed bytes, then 0, 2 or 8 bytes of extended \
         length, then a 4-byte masking key if MASK is set: 2 to 14 bytes in all (RFC 6455 §5.2).",
    );
    doc.h(format!(
        "Byte 0 = 0x{b0:02x} = {:04b} {:04b}",
        b0 >> 4,
        b0 & 0xf
    ));
    drawing(doc, diagram::byte0(b0));
    let fin_text = if f.header.fin {
        "FIN = 1: this is the last frame of its message (a whole message if it is also the first)."
    } else {
        "FIN = 0: more frames of this message follow (fragmentation, §5.4)."
    };
    doc.p(2, fin_text);
    let rsv = [(f.header.rsv1, 1), (f.header.rsv2, 2), (f.header.rsv3, 3)];
    for (on, n) in rsv {
        if on {
            let t = if n == 1 {
                "RSV1 = 1: with permessage-deflate this means \"this message is compressed\" \
                 (RFC 7692 §6); without an extension that defines it, a receiver MUST fail the \
                 connection."
                    .to_string()
            } else {
                format!("RSV{n} = 1: no negotiated extension defines it: a protocol error (§5.2).")
            };
            doc.p_styled(2, &t, if n == 1 { Style::default() } else { bad() });
        }
    }
    let continues = f.opcode() == Opcode::Continuation
        && crate::tui::tree::in_compressed_message(ctx.d, ctx.ix, f);
    if !f.header.rsv1 && continues {
        doc.p(
            2,
            "RSV1 = 0, yet this frame is compressed: permessage-deflate sets RSV1 only on the \
             first frame of a compressed message (RFC 7692 §6.1). This continuation carries \
             more DEFLATE data of that message; the payloads of all its frames are joined, then \
             inflated (press 3 for the steps).",
        );
    } else if !f.header.rsv1 && !f.header.rsv2 && !f.header.rsv3 {
        doc.p(
            2,
            "RSV1–3 = 0: reserved for extensions; permessage-deflate sets RSV1 on compressed \
             messages.",
        );
    }
    doc.p(
        2,
        &format!(
            "opcode = {} = 0x{:x}: {}.",
            opcode_label(f.opcode()),
            f.header.opcode,
            opcode_meaning(f.opcode())
        ),
    );
    // Byte 1.
    doc.h(format!(
        "Byte 1 = 0x{b1:02x} = {:04b} {:04b}",
        b1 >> 4,
        b1 & 0xf
    ));
    drawing(doc, diagram::byte1(b1));
    doc.p(
        2,
        if f.header.masked {
            "MASK = 1: the payload is XORed with the 4-byte masking key below. Every frame from a \
             client MUST be masked, so that a browser cannot be made to send chosen bytes to a \
             proxy (§5.3, §10.3). Press 3 to see the unmasking."
        } else {
            "MASK = 0: the payload is sent as it is. A server MUST NOT mask its frames; a client \
             MUST mask every frame (§5.1)."
        },
    );
    let enc = LengthEncoding::from_len7(f.header.len7);
    let len_text = match enc {
        LengthEncoding::Len7 => format!(
            "payload len = {}: values 0–125 are the length itself, so the payload is {} bytes and \
             no extended length follows. 126 would mean \"a 16-bit length follows\", 127 \"a \
             64-bit length follows\".",
            f.header.len7 & 0x7f,
            f.header.payload_len
        ),
        LengthEncoding::Len16 => "payload len = 126: the real length did not fit in 0–125, so it \
             follows in the next 2 bytes as a 16-bit unsigned number (network byte order)."
            .to_string(),
        LengthEncoding::Len64 => "payload len = 127: the real length follows in the next 8 bytes \
             as a 64-bit unsigned number whose most significant bit MUST be 0."
            .to_string(),
    };
    doc.p(2, &len_text);
    // Extended length.
    if let Some(r) = ranges.ext_len.clone() {
        let bytes = f.header_bytes.get(r.clone()).unwrap_or(&[]);
        doc.h(format!(
            "Bytes {}–{}: extended payload length ({} bits)",
            r.start,
            r.end - 1,
            (r.end - r.start) * 8
        ));
        doc.line(vec![
            Span::raw("    "),
            Span::styled(hex(bytes, 8), val()),
            Span::raw(format!("  =  {} bytes", f.header.payload_len)),
        ]);
        if !hdr.is_minimal_length() {
            doc.p_styled(
                2,
                "✗ This length would have fit in a shorter encoding: the RFC requires the \
                 minimal number of bytes (§5.2).",
                bad(),
            );
        } else if hdr.length_top_bit_set() {
            doc.p_styled(
                2,
                "✗ The most significant bit of a 64-bit length MUST be 0 (§5.2).",
                bad(),
            );
        } else {
            doc.p_styled(
                2,
                "✓ The shortest encoding for this length, as required.",
                good(),
            );
        }
    }
    // Masking key.
    if let (Some(r), Some(k)) = (ranges.mask_key.clone(), f.header.mask_key) {
        doc.h(format!("Bytes {}–{}: masking key", r.start, r.end - 1));
        doc.line(vec![
            Span::raw("    "),
            Span::styled(hex(&k, 4), val()),
            Span::styled("   key[0] key[1] key[2] key[3]".to_string(), dim()),
        ]);
        doc.p(
            2,
            "Payload byte i is XORed with key[i mod 4]. A fresh, unpredictable key for every \
             frame (§5.3); it is in the clear: masking is not encryption.",
        );
    }
    // Totals.
    doc.h("In all");
    let all = hex(&f.header_bytes, 14);
    doc.line(vec![
        Span::raw("    header: "),
        Span::styled(all, val()),
        Span::raw(format!("  ({} bytes)", f.header.header_len)),
    ]);
    let wire = u64::from(f.header.header_len).saturating_add(f.header.payload_len);
    doc.p(
        4,
        &format!(
            "payload: {} bytes — {} bytes on the wire, of which the header is {}.",
            f.header.payload_len,
            wire,
            crate::tui::text::percent(u64::from(f.header.header_len), wire)
        ),
    );
}
