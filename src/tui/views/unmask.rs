//! Unmasking byte by byte: masked byte ⊕ key[i mod 4] = payload byte.

use ratatui::style::Style;
use ratatui::text::Span;

use super::{bad, dim, selected_frame, val, Ctx, Doc};
use crate::model::WsFrame;
use crate::net::Direction;
use crate::tui::text::{hex, preview};
use crate::tui::tree::message_of;

/// Builds the view.
pub fn build(doc: &mut Doc, ctx: &Ctx) {
    let Some(f) = selected_frame(doc, ctx) else {
        doc.title = "select a WebSocket frame".into();
        return;
    };
    doc.title = super::frame_title(f);
    match f.header.mask_key {
        Some(key) if f.header.masked => {
            // As many payload bytes as the masked sample has (a long
            // payload's are read back from the spill).
            let payload = ctx.ix.payload(ctx.d, f, f.masked_sample.len());
            masked(doc, f, &payload, key)
        }
        _ => unmasked(doc, f),
    }
    inflate_steps(doc, ctx, f);
}

fn unmasked(doc: &mut Doc, f: &WsFrame) {
    if f.direction == Direction::ServerToClient {
        doc.p(
            0,
            "This frame goes from the server to the client, and servers never mask: MASK is 0 and \
             the payload bytes on the wire are the data itself (RFC 6455 §5.1).",
        );
    } else {
        doc.p_styled(
            0,
            "✗ This client frame is not masked. A client MUST mask every frame it sends, and a \
             server MUST close the connection when it receives an unmasked frame (§5.1).",
            bad(),
        );
    }
    doc.p(
        0,
        "Masking exists so that a script in a browser cannot make the bytes on the wire predictable \
         and trick a proxy that does not understand WebSocket (§10.3). Select a client → server \
         frame (arrow →) to see a masked payload.",
    );
    if !f.payload.is_empty() {
        doc.h("Payload bytes as sent");
        doc.line(vec![
            Span::raw("    "),
            Span::styled(hex(&f.payload, 24), val()),
        ]);
    }
}

fn masked(doc: &mut Doc, f: &WsFrame, payload: &[u8], key: [u8; 4]) {
    doc.p(
        0,
        "A client masks every frame: each payload byte i is XORed with byte i mod 4 of the \
         masking key from the header (RFC 6455 §5.3). XOR twice with the same key gives back the \
         original, so the receiver runs the very same operation to unmask.",
    );
    if f.decrypted() {
        doc.p(
            0,
            "This frame travelled inside TLS (wss://): \"on the wire\" below means inside the \
             decrypted TLS records. Masking is required over TLS too, although no proxy can read \
             the bytes there (§5.1, §10.3).",
        );
    }
    doc.h("Masking key");
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
            if f.header.payload_len == 0 {
                "This frame has no payload: there is nothing to unmask (the key is still sent)."
            } else {
                "The payload bytes of this frame are not in the capture, so they cannot be shown."
            },
        );
        return;
    }
    // First byte, bit by bit.
    let (m0, k0, p0) = (sample[0], key[0], payload[0]);
    doc.h("Byte 0, bit by bit");
    doc.line(vec![
        Span::raw(format!(
            "      {:04b} {:04b}   0x{m0:02x}",
            m0 >> 4,
            m0 & 0xf
        )),
        Span::styled("   byte 0 as on the wire".to_string(), dim()),
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
            format!("   {}  (1 where the bits differ)", char_cell(p0)),
            dim(),
        ),
    ]);
    // The table.
    let shown = sample.len().min(payload.len());
    doc.h(format!(
        "Byte by byte ({} of {} payload bytes)",
        shown, f.header.payload_len
    ));
    doc.line(vec![Span::styled(
        "      i   wire      key[i mod 4]      payload  char".to_string(),
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
            &format!(
                "… and the remaining {} bytes the same way, the key repeating every 4 bytes.",
                f.header.payload_len.saturating_sub(shown as u64)
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
fn inflate_steps(doc: &mut Doc, ctx: &Ctx, f: &WsFrame) {
    let msg = message_of(ctx.d, ctx.ix, f);
    if !f.compressed && !msg.is_some_and(|m| m.compressed) {
        return;
    }
    let unmasked = if f.header.masked {
        "The unmasked bytes"
    } else {
        "The payload bytes"
    };
    doc.h("Then: inflate (permessage-deflate, RFC 7692 §7.2.2)");
    if f.compressed {
        doc.p(
            2,
            &format!(
                "{unmasked} are DEFLATE data, not text yet: RSV1 is set on the first frame of a \
                 compressed message (RFC 7692 §6.1)."
            ),
        );
    } else {
        doc.p(
            2,
            &format!(
                "{unmasked} are DEFLATE data, not text yet: this continuation belongs to a \
                 compressed message, and RSV1 is set only on the message's first frame (RFC 7692 \
                 §6.1)."
            ),
        );
    }
    let Some(m) = msg else {
        doc.p(
            2,
            "The message this frame starts is not complete in the capture, so it is not \
             inflated.",
        );
        return;
    };
    let n = ctx.ix.payload_len(ctx.d, f);
    let first = ctx.ix.payload(ctx.d, f, 12);
    let more = if (first.len() as u64) < n { " …" } else { "" };
    if m.ws_frames.len() == 1 {
        doc.text(format!("  1. This frame's payload, {n} bytes:"));
        doc.kv(7, "", 0, &format!("{}{more}", hex(&first, 12)), val());
    } else {
        let parts: Vec<String> = m
            .ws_frames
            .iter()
            .take(12)
            .filter_map(|wi| ctx.ix.frame_by_key.get(m.stream, *wi))
            .filter_map(|j| ctx.d.frames.get(j as usize))
            .map(|fr| {
                let me = if fr.index == f.index {
                    " (this one)"
                } else {
                    ""
                };
                format!("#{} {} bytes{me}", fr.index, fr.header.payload_len)
            })
            .collect();
        let cut = if m.ws_frames.len() > 12 { ", …" } else { "" };
        doc.text(format!(
            "  1. Join the payloads of the message's {} frames, {} bytes in all:",
            m.ws_frames.len(),
            m.length
        ));
        doc.p_styled(7, &format!("{}{cut}", parts.join(" + ")), val());
        doc.p_styled(
            7,
            &format!("this frame's: {}{more}", hex(&first, 12)),
            dim(),
        );
    }
    doc.text("  2. Append 00 00 ff ff, which the sender removed (§7.2.1):");
    let whole = m.ws_frames.len() == 1 && more.is_empty();
    let joined = if whole {
        format!("{} 00 00 ff ff", hex(&first, 12))
    } else {
        format!(
            "… 00 00 ff ff   ({} + 4 = {} bytes)",
            m.length,
            m.length + 4
        )
    };
    doc.kv(7, "", 0, &joined, val());
    doc.p_styled(
        7,
        "(the end of an empty stored DEFLATE block: it ends the message on a byte boundary)",
        dim(),
    );
    doc.text("  3. Inflate, with the window of this direction's earlier messages unless");
    doc.text("     no_context_takeover was agreed:");
    match m.decompressed_length {
        Some(plain) if m.complete => {
            let content = ctx.ix.message_bytes(ctx.d, m, 160);
            doc.kv(7, "", 0, &format!("{plain} bytes"), val());
            doc.text("  4. The message:");
            let shown = if m.text.is_some() {
                preview(&content, 120)
            } else {
                hex(&content, 16)
            };
            doc.p_styled(7, &shown, val());
            doc.p_styled(7, "(press 4 for the whole message)", dim());
        }
        _ => doc.p_styled(
            7,
            "✗ It did not inflate: the notes (6) say why (a gap, or a context that was lost).",
            bad(),
        ),
    }
}
