//! The WebSocket layer: the frame header field by field, the payload
//! (unmasked, decoded or decompressed), and the message the frame is part of.

use super::labels::{dir_words, opcode_label, press};
use super::{hl, Hl, NodeStyle, Src, B};
use crate::model::{Dissection, WsFrame, WsMessage};
use crate::tr;
use crate::tui::index::Index;
use crate::tui::records::Rec;
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
pub fn message_of<'a>(_d: &Dissection, ix: &'a Index, f: &WsFrame) -> Option<Rec<'a, WsMessage>> {
    let m = f.message?;
    ix.msg_by_key
        .get(f.stream, m)
        .and_then(|i| ix.messages.get(i as usize))
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
    let l = b.l;
    b.push(
        ("ws", 0),
        tr!(
            l,
            "tree-ws",
            op = opcode_label(f.opcode()),
            index = f.index,
            dir = dir_words(f.direction, l.lang()),
            hlen = f.header.header_len,
            plen = f.header.payload_len
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
            tr!(
                l,
                if f.header.fin {
                    "tree-ws-fin-last"
                } else {
                    "tree-ws-fin-more"
                },
                bits = bits(b0, 0x80),
                on = f.header.fin.to_string()
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
            let id = match (on, allowed) {
                (false, _) if continues => "tree-ws-rsv-continues",
                (false, _) => "tree-ws-rsv",
                (true, true) => "tree-ws-rsv-compressed",
                (true, false) if i == 0 => "tree-ws-rsv-not-here",
                (true, false) => "tree-ws-rsv-undefined",
            };
            b.push(
                ("ws.rsv", i as u32),
                tr!(
                    l,
                    id,
                    bits = bits(b0, mask),
                    name = name,
                    on = on.to_string()
                ),
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
            tr!(
                l,
                "tree-ws-opcode",
                bits = bits(b0, 0x0f),
                op = opcode_label(f.opcode())
            ),
            NodeStyle::Normal,
            u(r0.clone()),
        );
        let r1 = ranges.mask_len7.clone();
        b.push(
            ("ws.mask", 0),
            tr!(
                l,
                if f.header.masked {
                    "tree-ws-mask-on"
                } else {
                    "tree-ws-mask-off"
                },
                bits = bits(b1, 0x80),
                on = f.header.masked.to_string()
            ),
            NodeStyle::Normal,
            u(r1.clone()),
        );
        let len_id = match f.header.len7 & 0x7f {
            126 => "tree-ws-len7-16",
            127 => "tree-ws-len7-64",
            _ => "tree-ws-len7",
        };
        b.push(
            ("ws.header.len7", 0),
            tr!(l, len_id, bits = bits(b1, 0x7f), n = f.header.len7 & 0x7f),
            NodeStyle::Normal,
            u(r1),
        );
        if let Some(r) = ranges.ext_len.clone() {
            b.push(
                ("ws.extlen", 0),
                tr!(
                    l,
                    "tree-ws-ext-len",
                    bits = (r.end - r.start) * 8,
                    n = f.header.payload_len.to_string()
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
                tr!(l, "tree-ws-key", key = hex(&k, 4).replace(' ', "")),
                NodeStyle::Normal,
                u(r),
            );
        }
        payload_nodes(b, d, ix, f);
        if let Some(m) = message_of(d, ix, f) {
            b.push(
                ("ws.message", 0),
                tr!(
                    l,
                    "tree-ws-message",
                    index = m.index,
                    op = m.opcode.name(),
                    bytes = m.decompressed_length.unwrap_or(m.length),
                    frames = m.ws_frames.len(),
                    compressed = if m.compressed { "yes" } else { "no" },
                    press = press(l, ViewKind::Message, "tree-press-message")
                ),
                NodeStyle::Derived,
                None,
            );
        }
        if let (Some(ping), Some(rtt)) = (f.pong_for, f.rtt) {
            b.push(
                ("ws.pong", 0),
                tr!(
                    l,
                    "tree-ws-pong",
                    ping = ping,
                    ms = format!("{:.3}", rtt * 1e3)
                ),
                NodeStyle::Derived,
                None,
            );
        }
        if f.payload_omitted > 0 {
            b.push(
                ("ws.omitted", 0),
                tr!(l, "tree-ws-omitted", n = f.payload_omitted),
                NodeStyle::Warn,
                None,
            );
        }
        if !f.complete {
            b.push(
                ("ws.incomplete", 0),
                l.t("tree-ws-incomplete"),
                NodeStyle::Warn,
                None,
            );
        }
        if f.guessed {
            b.push(
                ("ws.guessed", 0),
                l.t("tree-ws-guessed"),
                NodeStyle::Warn,
                None,
            );
        }
        b.push(
            ("ws.where", 0),
            tr!(
                l,
                "tree-ws-where",
                stream = f.stream,
                offset = f.stream_offset,
                dir = dir_words(f.direction, l.lang())
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
    let held = message_of(d, ix, f);
    let msg = held.as_deref();
    let compressed = f.compressed || msg.is_some_and(|m| m.compressed);
    let l = b.l;
    if f.header.masked {
        b.push(
            ("ws.header.masked", 0),
            tr!(l, "tree-ws-masked", n = plen),
            NodeStyle::Normal,
            hl(Src::Unit, hlen, hlen.saturating_add(plen)),
        );
    }
    b.push(
        ("ws.payload", 0),
        if f.header.masked {
            tr!(
                l,
                "tree-ws-unmasked",
                n = kept,
                press = press(l, ViewKind::Unmask, "tree-press-unmask")
            )
        } else {
            tr!(l, "tree-ws-payload", n = plen)
        },
        NodeStyle::Normal,
        payload_hl(f, 0, kept),
    );
    b.open();
    b.inside(|b| {
        if plen == 0 {
            b.push(
                ("ws.empty", 0),
                l.t("tree-ws-empty"),
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
                        tr!(
                            l,
                            "tree-ws-close-code",
                            code = code,
                            name = f
                                .close_code_name
                                .map_or_else(|| l.t("tree-ws-close-unknown"), str::to_string)
                        ),
                        NodeStyle::Normal,
                        payload_hl(f, 0, 2.min(kept)),
                    );
                    b.push(
                        ("ws.close.reason", 0),
                        tr!(
                            l,
                            "tree-ws-close-reason",
                            reason = escape(f.close_reason.as_deref().unwrap_or(""), 200)
                        ),
                        NodeStyle::Normal,
                        payload_hl(f, 2.min(kept), kept),
                    );
                } else {
                    b.push(
                        ("ws.close.data", 0),
                        tr!(l, "tree-ws-close-data", hex = hex(&f.payload, 16)),
                        NodeStyle::Bad,
                        payload_hl(f, 0, kept),
                    );
                }
            }
            Opcode::Ping | Opcode::Pong => {
                b.push(
                    ("ws.appdata", 0),
                    tr!(
                        l,
                        "tree-ws-app-data",
                        hex = hex(&f.payload, 16),
                        text = preview(&ix.payload(d, f, 4 * 40 + 1), 40)
                    ),
                    NodeStyle::Normal,
                    payload_hl(f, 0, kept),
                );
            }
            _ if compressed => {
                b.push(
                    ("ws.deflate", 0),
                    tr!(l, "tree-ws-deflate", n = kept),
                    NodeStyle::Normal,
                    payload_hl(f, 0, kept),
                );
                if let Some(m) = msg {
                    // Enough of a spilled message for the preview.
                    let bytes = ix.message_bytes(d, m, 4 * 120 + 1);
                    let n = ix.message_len(d, m);
                    b.push(
                        ("ws.decompressed", 0),
                        tr!(
                            l,
                            if m.ws_frames.len() > 1 {
                                "tree-ws-decompressed-all"
                            } else {
                                "tree-ws-decompressed"
                            },
                            index = m.index,
                            n = n
                        ),
                        NodeStyle::Normal,
                        hl(Src::Decompressed, 0, n),
                    );
                    b.open();
                    b.inside(|b| {
                        b.push(
                            ("ws.decompressed.text", 0),
                            tr!(
                                l,
                                if m.opcode == Opcode::Text {
                                    "tree-ws-text"
                                } else {
                                    "tree-ws-data"
                                },
                                shown = preview(&bytes, 120)
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
                    (Opcode::Continuation, true) => "tree-ws-text-continued",
                    (Opcode::Continuation, false) => "tree-ws-data-continued",
                    (_, true) => "tree-ws-text",
                    _ => "tree-ws-data",
                };
                let shown = if is_text {
                    preview(&ix.payload(d, f, 4 * 120 + 1), 120)
                } else {
                    hex(&f.payload, 24)
                };
                b.push(
                    ("ws.text", 0),
                    tr!(l, what, shown = shown),
                    NodeStyle::Normal,
                    payload_hl(f, 0, kept),
                );
            }
        }
    });
}
