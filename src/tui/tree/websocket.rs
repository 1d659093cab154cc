//! The WebSocket layer: the frame header field by field, the payload
//! (unmasked, decoded or decompressed), and the message the frame is part of.

use super::labels::{dir_words, opcode_label, press};
use super::{hl, Hl, NodeStyle, Src, B};
use crate::model::{Dissection, WsFrame, WsMessage};
use crate::tui::index::Index;
use crate::tui::text::{escape, hex, preview};
use crate::tui::views::ViewKind;
use crate::ws::frame::FrameHeader;

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

/// The frame's header as a [`FrameHeader`], from the model's fields.
pub fn header_of(f: &WsFrame) -> FrameHeader {
    FrameHeader {
        fin: f.fin,
        rsv1: f.rsv1,
        rsv2: f.rsv2,
        rsv3: f.rsv3,
        opcode: f.opcode & 0x0f,
        masked: f.masked,
        len7: f.len7 & 0x7f,
        payload_len: f.payload_length,
        mask_key: f.mask_key,
        header_len: f.header_length,
    }
}

/// Bytes 0 and 1 of a frame header, from the model's fields.
pub fn first_bytes(f: &WsFrame) -> (u8, u8) {
    let b0 = (u8::from(f.fin) << 7)
        | (u8::from(f.rsv1) << 6)
        | (u8::from(f.rsv2) << 5)
        | (u8::from(f.rsv3) << 4)
        | (f.opcode & 0x0f);
    let b1 = (u8::from(f.masked) << 7) | (f.len7 & 0x7f);
    (b0, b1)
}

/// The message a frame belongs to.
pub fn message_of<'a>(d: &'a Dissection, ix: &Index, f: &WsFrame) -> Option<&'a WsMessage> {
    let m = f.message?;
    ix.msg_by_key
        .get(&(f.stream, m))
        .and_then(|&i| d.messages.get(i as usize))
}

/// Where a payload range is highlighted: the unmasked copy for masked
/// frames, else the frame's own bytes.
fn payload_hl(f: &WsFrame, start: u64, end: u64) -> Option<Hl> {
    if f.masked {
        hl(Src::Unmasked, start, end)
    } else {
        let h = u64::from(f.header_length);
        hl(Src::Unit, h.saturating_add(start), h.saturating_add(end))
    }
}

/// A WebSocket frame: header fields, payload, and what it belongs to.
pub(super) fn nodes(b: &mut B, d: &Dissection, ix: &Index, f: &WsFrame) {
    let hdr = header_of(f);
    let ranges = hdr.field_ranges();
    let (b0, b1) = first_bytes(f);
    let hlen = u64::from(f.header_length);
    let total = hlen.saturating_add(f.payload_length);
    b.push(
        ("ws", 0),
        format!(
            "WebSocket, {} frame #{} ({}), {} bytes of header + {} bytes of payload",
            opcode_label(f.opcode, f.opcode_name),
            f.index,
            dir_words(f.direction),
            f.header_length,
            f.payload_length
        ),
        NodeStyle::Layer,
        hl(Src::Unit, 0, total),
    );
    b.open();
    let u = |r: std::ops::Range<usize>| hl(Src::Unit, r.start as u64, r.end as u64);
    b.inside(|b| {
        let r0 = ranges.fin_rsv_opcode.clone();
        b.push(
            ("ws.fin", 0),
            format!(
                "{} = Fin: {} ({})",
                bits(b0, 0x80),
                f.fin,
                if f.fin {
                    "last frame of the message"
                } else {
                    "more frames follow"
                }
            ),
            NodeStyle::Normal,
            u(r0.clone()),
        );
        for (i, (on, name, mask)) in [
            (f.rsv1, "RSV1", 0x40u8),
            (f.rsv2, "RSV2", 0x20),
            (f.rsv3, "RSV3", 0x10),
        ]
        .into_iter()
        .enumerate()
        {
            let meaning = if i == 0 && on {
                " (permessage-deflate: compressed)"
            } else if on {
                " (no extension defines it!)"
            } else {
                ""
            };
            b.push(
                ("ws.rsv", i as u32),
                format!("{} = Reserved ({name}): {on}{meaning}", bits(b0, mask)),
                if on && i > 0 {
                    NodeStyle::Bad
                } else {
                    NodeStyle::Normal
                },
                u(r0.clone()),
            );
        }
        b.push(
            ("ws.opcode", 0),
            format!(
                "{} = Opcode: {}",
                bits(b0, 0x0f),
                opcode_label(f.opcode, f.opcode_name)
            ),
            NodeStyle::Normal,
            u(r0.clone()),
        );
        let r1 = ranges.mask_len7.clone();
        b.push(
            ("ws.mask", 0),
            format!(
                "{} = Mask: {} ({})",
                bits(b1, 0x80),
                f.masked,
                if f.masked {
                    "payload XORed with the key"
                } else {
                    "payload sent as is"
                }
            ),
            NodeStyle::Normal,
            u(r1.clone()),
        );
        let len_note = match f.len7 & 0x7f {
            126 => " (a 16-bit length follows)".to_string(),
            127 => " (a 64-bit length follows)".to_string(),
            _ => " (the length itself)".to_string(),
        };
        b.push(
            ("ws.len7", 0),
            format!(
                "{} = Payload length: {}{len_note}",
                bits(b1, 0x7f),
                f.len7 & 0x7f
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
                    f.payload_length
                ),
                if hdr.length_top_bit_set() {
                    NodeStyle::Bad
                } else {
                    NodeStyle::Normal
                },
                u(r),
            );
        }
        if let (Some(r), Some(k)) = (ranges.mask_key.clone(), f.mask_key) {
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
                    m.opcode_name,
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
    let hlen = u64::from(f.header_length);
    let plen = f.payload_length;
    let kept = f.payload.len() as u64;
    let msg = message_of(d, ix, f);
    let compressed = msg.is_some_and(|m| m.compressed) || (f.rsv1 && f.opcode < 8);
    if f.masked {
        b.push(
            ("ws.masked", 0),
            format!("Masked payload: {plen} bytes (as on the wire)"),
            NodeStyle::Normal,
            hl(Src::Unit, hlen, hlen.saturating_add(plen)),
        );
    }
    b.push(
        ("ws.payload", 0),
        if f.masked {
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
        match f.opcode {
            0x8 => {
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
            0x9 | 0xa => {
                b.push(
                    ("ws.appdata", 0),
                    format!(
                        "Application data: {} ({})",
                        hex(&f.payload, 16),
                        preview(&f.payload, 40)
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
                    let bytes = m.bytes();
                    let n = bytes.len() as u64;
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
                                if m.opcode == 1 { "Text" } else { "Data" },
                                preview(bytes, 120)
                            ),
                            NodeStyle::Normal,
                            hl(Src::Decompressed, 0, n),
                        );
                    });
                }
            }
            _ => {
                let is_text =
                    f.opcode == 1 || (f.opcode == 0 && msg.is_some_and(|m| m.opcode == 1));
                let what = match (f.opcode, is_text) {
                    (0, true) => "Text (continued)",
                    (0, false) => "Data (continued)",
                    (_, true) => "Text",
                    _ => "Data",
                };
                let shown = if is_text {
                    preview(&f.payload, 120)
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
