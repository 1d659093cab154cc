//! Unmasking byte by byte: masked byte ⊕ key[i mod 4] = payload byte.

use ratatui::style::Style;
use ratatui::text::Span;

use super::{bad, dim, selected_frame, val, Ctx, Doc};
use crate::model::WsFrame;
use crate::net::Direction;
use crate::tui::text::{ascii, hex};

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
            format!("   '{}'  (1 where the bits differ)", ascii(p0)),
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
    if f.header.rsv1 {
        doc.blank();
        doc.p(
            2,
            "RSV1 is set: the unmasked bytes are DEFLATE-compressed data, not text yet. Press 4 \
             to see the message decompressed.",
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
