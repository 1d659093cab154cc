//! The packet's own layers: frame, link, IP, TCP; the TCP segments a unit
//! was reassembled from; the payload of a packet without HTTP or WebSocket.

use super::labels::dir_words;
use super::{hl, pk, NodeStyle, Src, B};
use crate::model::{Dissection, PacketInfo, Span};
use crate::tui::index::{Index, RowKind};
use crate::tui::text::{bytes_human, escape};

/// Frame, link, IP and TCP.
pub(super) fn layers(b: &mut B, ix: &Index, p: &PacketInfo, open_tcp: bool) {
    let caplen = p.caplen as usize;
    b.push(
        ("frame", 0),
        format!(
            "Frame {}: {} bytes on wire ({} bits), {} bytes captured",
            p.frame,
            p.orig_len,
            u64::from(p.orig_len) * 8,
            p.caplen
        ),
        NodeStyle::Layer,
        pk(0, caplen),
    );
    b.inside(|b| {
        b.push(
            ("frame.time", 0),
            format!("Arrival time: {} s since the epoch", p.ts),
            NodeStyle::Normal,
            None,
        );
        if let Some(t0) = ix.t0 {
            b.push(
                ("frame.rel", 0),
                format!(
                    "Time since the first packet: {:.6} s",
                    p.ts.seconds_since(t0)
                ),
                NodeStyle::Normal,
                None,
            );
        }
        b.push(
            ("frame.no", 0),
            format!("Frame number: {}", p.frame),
            NodeStyle::Normal,
            None,
        );
        if p.orig_len > p.caplen {
            b.push(
                ("frame.cut", 0),
                format!(
                    "[The snaplen cut {} bytes off this packet]",
                    p.orig_len - p.caplen
                ),
                NodeStyle::Warn,
                None,
            );
        }
    });
    let lh = &p.link_header;
    b.push(
        ("link", 0),
        format!("Link layer: {}, {} bytes of header", p.link_type, lh.len()),
        NodeStyle::Layer,
        pk(lh.start, lh.end),
    );
    if let Some(ip) = &p.ip {
        let h = ip.header.start;
        b.push(
            ("ip", 0),
            format!(
                "Internet Protocol Version {}, Src: {}, Dst: {}",
                ip.version, ip.src, ip.dst
            ),
            NodeStyle::Layer,
            pk(ip.header.start, ip.header.end),
        );
        b.inside(|b| {
            b.push(
                ("ip.version", 0),
                format!("Version: {}", ip.version),
                NodeStyle::Normal,
                pk(h, h + 1),
            );
            b.push(
                ("ip.hlen", 0),
                format!("Header length: {} bytes", ip.header.len()),
                NodeStyle::Normal,
                pk(ip.header.start, ip.header.end),
            );
            let (ttl, src, dst, ttl_name) = if ip.version == 4 {
                (h + 8, h + 12..h + 16, h + 16..h + 20, "Time to live")
            } else {
                (h + 7, h + 8..h + 24, h + 24..h + 40, "Hop limit")
            };
            b.push(
                ("ip.ttl", 0),
                format!("{ttl_name}: {}", ip.ttl),
                NodeStyle::Normal,
                pk(ttl, ttl + 1),
            );
            b.push(
                ("ip.src", 0),
                format!("Source address: {}", ip.src),
                NodeStyle::Normal,
                pk(src.start, src.end),
            );
            b.push(
                ("ip.dst", 0),
                format!("Destination address: {}", ip.dst),
                NodeStyle::Normal,
                pk(dst.start, dst.end),
            );
        });
    }
    if let Some(t) = &p.tcp {
        let h = t.header.start;
        let rel_seq = ix.rel_seq(t.stream, t.direction, t.seq);
        let rel_ack = ix.rel_seq(t.stream, t.direction.reverse(), t.ack);
        b.push(
            ("tcp", 0),
            format!(
                "Transmission Control Protocol, Src Port: {}, Dst Port: {}, Seq: {}, Ack: {}, Len: {}",
                t.src.port(),
                t.dst.port(),
                rel_seq,
                if t.flags.ack { rel_ack } else { 0 },
                t.payload.len()
            ),
            NodeStyle::Layer,
            pk(t.header.start, t.header.end),
        );
        if open_tcp {
            b.open();
        }
        b.inside(|b| {
            b.push(
                ("tcp.srcport", 0),
                format!("Source port: {}", t.src.port()),
                NodeStyle::Normal,
                pk(h, h + 2),
            );
            b.push(
                ("tcp.dstport", 0),
                format!("Destination port: {}", t.dst.port()),
                NodeStyle::Normal,
                pk(h + 2, h + 4),
            );
            b.push(
                ("tcp.stream", 0),
                format!("[Stream index: {}, {}]", t.stream, dir_words(t.direction)),
                NodeStyle::Derived,
                None,
            );
            b.push(
                ("tcp.seq", 0),
                format!("Sequence number: {rel_seq} (relative; raw {})", t.seq),
                NodeStyle::Normal,
                pk(h + 4, h + 8),
            );
            b.push(
                ("tcp.ack", 0),
                format!("Acknowledgment number: {rel_ack} (relative; raw {})", t.ack),
                NodeStyle::Normal,
                pk(h + 8, h + 12),
            );
            b.push(
                ("tcp.flags", 0),
                format!("Flags: {}", t.flags),
                NodeStyle::Normal,
                pk(h + 12, h + 14),
            );
            b.push(
                ("tcp.window", 0),
                format!("Window: {}", t.window),
                NodeStyle::Normal,
                pk(h + 14, h + 16),
            );
            b.push(
                ("tcp.hlen", 0),
                format!("Header length: {} bytes", t.header.len()),
                NodeStyle::Normal,
                pk(t.header.start, t.header.end),
            );
            b.push(
                ("tcp.payload", 0),
                format!("TCP payload: {} bytes", t.payload.len()),
                NodeStyle::Normal,
                pk(t.payload.start, t.payload.end),
            );
        });
    }
}

/// The packets a unit spans, when more than one.
pub(super) fn reassembly(b: &mut B, spans: &[Span]) {
    let mut per_frame: Vec<(u64, u64, u64)> = Vec::new(); // frame, first unit offset, len
    for s in spans {
        match per_frame.last_mut() {
            Some(last) if last.0 == s.frame => last.2 = last.2.saturating_add(s.len),
            _ => per_frame.push((s.frame, s.unit_offset, s.len)),
        }
    }
    if per_frame.len() < 2 {
        return;
    }
    let total: u64 = per_frame.iter().fold(0u64, |a, p| a.saturating_add(p.2));
    let mut label = format!(
        "[{} Reassembled TCP Segments ({} bytes): ",
        per_frame.len(),
        total
    );
    for (i, (f, _, len)) in per_frame.iter().enumerate() {
        if i == 6 {
            label.push_str(&format!("… {} more", per_frame.len() - 6));
            break;
        }
        if i > 0 {
            label.push_str(", ");
        }
        label.push_str(&format!("#{f}({len})"));
    }
    label.push(']');
    b.push(
        ("reasm", 0),
        label,
        NodeStyle::Derived,
        hl(Src::Unit, 0, total),
    );
    b.inside(|b| {
        for (i, (f, off, len)) in per_frame.iter().enumerate() {
            if i == 64 {
                b.push(
                    ("reasm.more", 0),
                    format!("… {} more segments", per_frame.len() - 64),
                    NodeStyle::Derived,
                    None,
                );
                break;
            }
            b.push(
                ("reasm.seg", i as u32),
                format!(
                    "Frame {f}: bytes {}–{} ({len} bytes)",
                    off,
                    off.saturating_add(len.saturating_sub(1))
                ),
                NodeStyle::Normal,
                hl(Src::Unit, *off, off.saturating_add(*len)),
            );
        }
    });
}

/// A packet row's TCP payload, and which unit it carries part of.
pub(super) fn payload(b: &mut B, d: &Dissection, ix: &Index, p: &PacketInfo) {
    if let Some(reason) = &p.not_tcp {
        b.push(
            ("nottcp", 0),
            format!("Not decoded: {}", escape(reason, 200)),
            NodeStyle::Warn,
            None,
        );
        return;
    }
    let Some(t) = &p.tcp else { return };
    if t.payload.is_empty() {
        return;
    }
    b.push(
        ("payload", 0),
        format!("TCP payload: {}", bytes_human(t.payload.len() as u64)),
        NodeStyle::Normal,
        pk(t.payload.start, t.payload.end),
    );
    if let Some(owner) = ix.segment_of.get(&p.frame) {
        let decrypted = match owner.kind {
            RowKind::Http => d
                .http
                .get(owner.idx as usize)
                .is_some_and(|h| h.decrypted()),
            RowKind::Frame => d
                .frames
                .get(owner.idx as usize)
                .is_some_and(|f| f.decrypted()),
            RowKind::Packet => false,
        };
        let what = match owner.kind {
            RowKind::Http => d
                .http
                .get(owner.idx as usize)
                .map(|h| format!("the HTTP head that ends in frame {}", h.frame)),
            RowKind::Frame => d.frames.get(owner.idx as usize).map(|f| {
                format!(
                    "WebSocket frame #{} ({}), which ends in frame {} — select that row to see it whole",
                    f.index, f.opcode().name(), f.frame
                )
            }),
            RowKind::Packet => None,
        };
        if let Some(w) = what {
            b.push(
                ("segment", 0),
                if decrypted {
                    format!("[This packet completes a TLS record that carries part of {w}]")
                } else {
                    format!("[This segment carries part of {w}]")
                },
                NodeStyle::Derived,
                None,
            );
        }
    }
}
