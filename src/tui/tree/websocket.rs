//! The WebSocket layer: the frame header field by field, the payload
//! (unmasked, decoded or decompressed), and the message the frame is part of.

use super::labels::{dir_words, opcode_label, press};
use super::{hl, Hl, NodeStyle, Src, B};
use crate::model::{Dissection, WsFrame, WsMessage};
use crate::tui::index::Index;
use crate::tui::text::{escape, hex, preview};
use crate::tui::views::ViewKind;
use crate::ws::Opcode;

/// The bits of `byte` under `mask`, Wireshark style (`1... ....`).
fn bits(byte: u8, mask: u8) -> String {
    let mut s = String::with_capacity(9);
    for i in (0..8).rev() {
        if i == 3 {
            s.push(' ');
        }
        if mask & (1 << i) != 0 {
            s.push(if byte & (1 << i) != 0 { '1' } else { '0' });
        } else {
            s.push('.');
        }
    }
    s
}

/// The message a frame belongs to.
pub fn message_of<'a>(d: &'a Dissection, ix: &Index, f: &WsFrame) -> Option<&'a WsMessage> {
    let m = f.message?;
    ix.msg_by_key
        .get(f.stream, m)
        .and_then(|i| d.messages.get(i as usize))
}

/// Whether `f` carries part of a permessage-deflate message: the message's
/// first frame has RSV1 (the model's `compressed`), and its continuations
/// belong to a message the model marks compressed (RFC 7692 §6.1: RSV1 is
/// set on the first frame only).
pub fn in_compressed_message(d: &Dissection, ix: &Index, f: &WsFrame) -> bool {
    f.compressed || message_of(d, ix, f).is_some_and(|m| m.compressed)
}

/// Where a payload range is highlighted: the unmasked copy for masked
/// frames, else the frame's own bytes.
fn payload_hl(f: &WsFrame, start: u64, end: u64) -> Option<Hl> {
    if f.header.masked {
        hl(Src::Unmasked, start, end)
    } else {
        let h = u64::from(f.header.header_len);
        hl(Src::Unit, h.saturating_add(start), h.saturating_add(end))
    }
}

/// A WebSocket frame: header fields, payload, and what it belongs to.
pub(super) fn nodes(b: &mut B, d: &Dissection, ix: &Index, f: &WsFrame) {
    let ranges = f.header.field_ranges();
    let (b0, b1) = (f.header.byte0(), f.header.byte1());
    let hlen = u64::from(f.header.header_len);
    let total = hlen.saturating_add(f.header.payload_len);
    b.push(
        ("ws", 0),
        format!(
            "WebSocket, {} frame #{} ({}), {} bytes of header + {} bytes of payload",
            opcode_label(f.opcode()),
            f.index,
            dir_words(f.direction),
            f.header.header_len,
            f.header.payload_len
        ),
        NodeStyle::Layer,
        hl(Src::Unit, 0, total),
    );
    b.open();
    let u = |r: std::ops::Range<usize>| hl(Src::Unit, r.start as u64, r.end as u64);
    b.inside(|b| {
        let r0 = ranges.fin_rsv_opcode.clone();
        b.push(
            ("ws.header.fin", 0),
            format!(
                "{} = Fin: {} ({})",
                bits(b0, 0x80),
                f.header.fin,
                if f.header.fin {
                    "last frame of the message"
                } else {
                    "more frames follow"
                }
            ),
            NodeStyle::Normal,
            u(r0.clone()),
        );
        for (i, (on, name, mask)) in [
            (f.header.rsv1, "RSV1", 0x40u8),
            (f.header.rsv2, "RSV2", 0x20),
            (f.header.rsv3, "RSV3", 0x10),
        ]
        .into_iter()
        .enumerate()
        {
            // What the bit means here is the model's: RSV1 is "compressed"
            // only where permessage-deflate gives it that meaning; anywhere
            // else a set bit is a violation with its note.
            let allowed = i == 0 && f.compressed;
            let continues = i == 0
                && f.opcode() == crate::ws::Opcode::Continuation
                && in_compressed_message(d, ix, f);
            let meaning = match (on, allowed) {
                (false, _) if continues => {
                    " (set only on the first frame of a compressed message: this continues one)"
                }
                (false, _) => "",
                (true, true) => " (permessage-deflate: compressed)",
                (true, false) if i == 0 => " (not allowed on this frame: see the note)",
                (true, false) => " (no extension defines it!)",
            };
            b.push(
                ("ws.rsv", i as u32),
                format!("{} = Reserved ({name}): {on}{meaning}", bits(b0, mask)),
                if on && !allowed {
                    NodeStyle::Bad
                } else {
                    NodeStyle::Normal
                },
                u(r0.clone()),
            );
        }
        b.push(
            ("ws.opcode", 0),
            format!("{} = Opcode: {}", bits(b0, 0x0f), opcode_label(f.opcode())),
            NodeStyle::Normal,
            u(r0.clone()),
        );
        let r1 = ranges.mask_len7.clone();
        b.push(
            ("ws.mask", 0),
            format!(
                "{} = Mask: {} ({})",
                bits(b1, 0x80),
                f.header.masked,
                if f.header.masked {
                    "payload XORed with the key"
                } else {
                    "payload sent as is"
                }
            ),
            NodeStyle::Normal,
            u(r1.clone()),
        );
        let len_note = match f.header.len7 & 0x7f {
            126 => " (a 16-bit length follows)".to_string(),
            127 => " (a 64-bit length follows)".to_string(),
            _ => " (the length itself)".to_string(),
        };
        b.push(
            ("ws.header.len7", 0),
            format!(
                "{} = Payload length: {}{len_note}",
                bits(b1, 0x7f),
                f.header.len7 & 0x7f
            ),
            NodeStyle::Normal,
            u(r1),
        );
        if let Some(r) = ranges.ext_len.clone() {
            b.push(
                ("ws.extlen", 0),
                format!(
                    "Extended payload length ({} bits): {}",
                    (r.end - r.start) * 8,
                    f.header.payload_len
                ),
                if f.header.length_top_bit_set() {
                    NodeStyle::Bad
                } else {
                    NodeStyle::Normal
                },
                u(r),
            );
        }
        if let (Some(r), Some(k)) = (ranges.mask_key.clone(), f.header.mask_key) {
            b.push(
                ("ws.key", 0),
                format!("Masking-Key: {}", hex(&k, 4).replace(' ', "")),
                NodeStyle::Normal,
                u(r),
            );
        }
        payload_nodes(b, d, ix, f);
        if let Some(m) = message_of(d, ix, f) {
            let frames_words = if m.ws_frames.len() == 1 {
                "1 frame".to_string()
            } else {
                format!("{} frames", m.ws_frames.len())
            };
            b.push(
                ("ws.message", 0),
                format!(
                    "[Message #{}: {}, {} bytes, {frames_words}{} — {}]",
                    m.index,
                    m.opcode.name(),
                    m.decompressed_length.unwrap_or(m.length),
                    if m.compressed { ", compressed" } else { "" },
                    press(ViewKind::Message, "for the message")
                ),
                NodeStyle::Derived,
                None,
            );
        }
        if let (Some(ping), Some(rtt)) = (f.pong_for, f.rtt) {
            b.push(
                ("ws.pong", 0),
                format!(
                    "[Answers the ping in frame {ping}: round trip {:.3} ms]",
                    rtt * 1e3
                ),
                NodeStyle::Derived,
                None,
            );
        }
        if f.payload_omitted > 0 {
            b.push(
                ("ws.omitted", 0),
                format!(
                    "[{} payload bytes not kept (over the payload cap) or not captured]",
                    f.payload_omitted
                ),
                NodeStyle::Warn,
                None,
            );
        }
        if !f.complete {
            b.push(
                ("ws.incomplete", 0),
                "[Incomplete: the capture does not hold all of this frame]".into(),
                NodeStyle::Warn,
                None,
            );
        }
        if f.guessed {
            b.push(
                ("ws.guessed", 0),
                "[No handshake in the capture: decoded as WebSocket by guess]".into(),
                NodeStyle::Warn,
                None,
            );
        }
        b.push(
            ("ws.where", 0),
            format!(
                "[Stream {}, byte {} of the {} stream]",
                f.stream,
                f.stream_offset,
                dir_words(f.direction)
            ),
            NodeStyle::Derived,
            None,
        );
    });
}

fn payload_nodes(b: &mut B, d: &Dissection, ix: &Index, f: &WsFrame) {
    let hlen = u64::from(f.header.header_len);
    let plen = f.header.payload_len;
    let kept = ix.payload_len(d, f);
    let msg = message_of(d, ix, f);
    let compressed = f.compressed || msg.is_some_and(|m| m.compressed);
    if f.header.masked {
        b.push(
            ("ws.header.masked", 0),
            format!("Masked payload: {plen} bytes (as on the wire)"),
            NodeStyle::Normal,
            hl(Src::Unit, hlen, hlen.saturating_add(plen)),
        );
    }
    b.push(
        ("ws.payload", 0),
        if f.header.masked {
            format!(
                "Unmasked payload: {kept} bytes — {}",
                press(ViewKind::Unmask, "to see the unmasking")
            )
        } else {
            format!("Payload: {plen} bytes")
        },
        NodeStyle::Normal,
        payload_hl(f, 0, kept),
    );
    b.open();
    b.inside(|b| {
        if plen == 0 {
            b.push(
                ("ws.empty", 0),
                "[Empty payload]".into(),
                NodeStyle::Derived,
                None,
            );
            return;
        }
        match f.opcode() {
            Opcode::Close => {
                if let Some(code) = f.close_code {
                    b.push(
                        ("ws.close.code", 0),
                        format!(
                            "Status code: {code} ({})",
                            f.close_code_name.unwrap_or("unknown")
                        ),
                        NodeStyle::Normal,
                        payload_hl(f, 0, 2.min(kept)),
                    );
                    b.push(
                        ("ws.close.reason", 0),
                        format!(
                            "Reason: \"{}\"",
                            escape(f.close_reason.as_deref().unwrap_or(""), 200)
                        ),
                        NodeStyle::Normal,
                        payload_hl(f, 2.min(kept), kept),
                    );
                } else {
                    b.push(
                        ("ws.close.data", 0),
                        format!("Close payload: {}", hex(&f.payload, 16)),
                        NodeStyle::Bad,
                        payload_hl(f, 0, kept),
                    );
                }
            }
            Opcode::Ping | Opcode::Pong => {
                b.push(
                    ("ws.appdata", 0),
                    format!(
                        "Application data: {} ({})",
                        hex(&f.payload, 16),
                        preview(&ix.payload(d, f, 4 * 40 + 1), 40)
                    ),
                    NodeStyle::Normal,
                    payload_hl(f, 0, kept),
                );
            }
            _ if compressed => {
                b.push(
                    ("ws.deflate", 0),
                    format!("DEFLATE data (permessage-deflate, RFC 7692): {kept} bytes"),
                    NodeStyle::Normal,
                    payload_hl(f, 0, kept),
                );
                if let Some(m) = msg {
                    // Enough of a spilled message for the preview.
                    let bytes = ix.message_bytes(d, m, 4 * 120 + 1);
                    let n = ix.message_len(d, m);
                    b.push(
                        ("ws.decompressed", 0),
                        format!(
                            "Decompressed message #{}: {} bytes{}",
                            m.index,
                            n,
                            if m.ws_frames.len() > 1 {
                                " (all its frames)"
                            } else {
                                ""
                            }
                        ),
                        NodeStyle::Normal,
                        hl(Src::Decompressed, 0, n),
                    );
                    b.open();
                    b.inside(|b| {
                        b.push(
                            ("ws.decompressed.text", 0),
                            format!(
                                "{}: {}",
                                if m.opcode == Opcode::Text {
                                    "Text"
                                } else {
                                    "Data"
                                },
                                preview(&bytes, 120)
                            ),
                            NodeStyle::Normal,
                            hl(Src::Decompressed, 0, n),
                        );
                    });
                }
            }
            _ => {
                let op = f.opcode();
                let is_text = op == Opcode::Text
                    || (op == Opcode::Continuation
                        && msg.is_some_and(|m| m.opcode == Opcode::Text));
                let what = match (op, is_text) {
                    (Opcode::Continuation, true) => "Text (continued)",
                    (Opcode::Continuation, false) => "Data (continued)",
                    (_, true) => "Text",
                    _ => "Data",
                };
                let shown = if is_text {
                    preview(&ix.payload(d, f, 4 * 120 + 1), 120)
                } else {
                    hex(&f.payload, 24)
                };
                b.push(
                    ("ws.text", 0),
                    format!("{what}: {shown}"),
                    NodeStyle::Normal,
                    payload_hl(f, 0, kept),
                );
            }
        }
    });
}
