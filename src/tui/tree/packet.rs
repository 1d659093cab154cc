//! The packet's own layers: frame, link, IP, TCP; the TCP segments a unit
//! was reassembled from; the payload of a packet without HTTP or WebSocket.

use super::labels::dir_words;
use super::{hl, pk, NodeStyle, Src, B};
use crate::model::{Dissection, PacketInfo, PacketTcp, Span};
use crate::net::analysis::TcpOptionValue;
use crate::net::WindowScale;
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
            if let Some(n) = t.next_seq_rel {
                b.push(
                    ("tcp.nxtseq", 0),
                    format!("[Next sequence number: {n} (relative)]"),
                    NodeStyle::Derived,
                    None,
                );
            }
            b.push(
                ("tcp.ack", 0),
                if t.flags.ack {
                    format!("Acknowledgment number: {rel_ack} (relative; raw {})", t.ack)
                } else {
                    // RFC 9293 §3.1: the field counts only when ACK is set.
                    format!(
                        "Acknowledgment number: (ACK not set, unused; raw {})",
                        t.ack
                    )
                },
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
            window_scaling(b, t);
            b.push(
                ("tcp.hlen", 0),
                format!("Header length: {} bytes", t.header.len()),
                NodeStyle::Normal,
                pk(t.header.start, t.header.end),
            );
            options(b, ix, t);
            analysis(b, t);
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

/// The window in bytes and the scale behind it (RFC 7323 §2.2), as the
/// model computed them: Wireshark's `[Calculated window size]` and
/// `[Window size scaling factor]`.
fn window_scaling(b: &mut B, t: &PacketTcp) {
    b.push(
        ("tcp.window_size", 0),
        format!("[Calculated window size: {}]", t.window_size),
        NodeStyle::Derived,
        None,
    );
    if let Some(scale) = t.window_size_scalefactor {
        let what = match scale {
            WindowScale::Unknown => " (unknown: the handshake was not captured)",
            WindowScale::NotUsed => " (no window scaling used)",
            WindowScale::Shift(_) => "",
        };
        b.push(
            ("tcp.window_scale", 0),
            format!("[Window size scaling factor: {}{what}]", scale.factor()),
            NodeStyle::Derived,
            None,
        );
    }
}

/// An option's name as Wireshark's tree says it.
fn option_name(v: &TcpOptionValue) -> &'static str {
    match v {
        TcpOptionValue::Eol => "End of Option List (EOL)",
        TcpOptionValue::Nop => "No-Operation (NOP)",
        TcpOptionValue::Mss { .. } => "Maximum segment size",
        TcpOptionValue::WindowScale { .. } => "Window scale",
        TcpOptionValue::SackPermitted => "SACK permitted",
        TcpOptionValue::Sack { .. } => "SACK",
        TcpOptionValue::Timestamps { .. } => "Timestamps",
        TcpOptionValue::Unknown { .. } => "Unknown",
        TcpOptionValue::Malformed { .. } => "Malformed",
    }
}

/// The TCP options (RFC 9293 §3.1), one node per option highlighting its
/// bytes, with its kind, length and value fields.
fn options(b: &mut B, ix: &Index, t: &PacketTcp) {
    let (Some(first), Some(last)) = (t.options.first(), t.options.last()) else {
        return;
    };
    let (start, end) = (first.range.start, t.header.end.max(last.range.end));
    let names: Vec<&str> = t.options.iter().map(|o| option_name(&o.value)).collect();
    b.push(
        ("tcp.options", 0),
        format!("Options: ({} bytes), {}", end - start, names.join(", ")),
        NodeStyle::Normal,
        pk(start, end),
    );
    b.inside(|b| {
        for (i, o) in t.options.iter().enumerate() {
            let i = i as u32;
            let r = o.range.clone();
            let label = match &o.value {
                TcpOptionValue::Mss { mss } => {
                    format!("TCP Option - Maximum segment size: {mss} bytes")
                }
                TcpOptionValue::WindowScale { shift, multiplier } => {
                    format!("TCP Option - Window scale: {shift} (multiply by {multiplier})")
                }
                TcpOptionValue::Sack { blocks } => {
                    let mut l = String::from("TCP Option - SACK");
                    for blk in blocks {
                        let left = ix.rel_seq(t.stream, t.direction.reverse(), blk.left);
                        let right = ix.rel_seq(t.stream, t.direction.reverse(), blk.right);
                        l.push_str(&format!(" {left}-{right}"));
                    }
                    l
                }
                TcpOptionValue::Timestamps { tsval, tsecr } => {
                    format!("TCP Option - Timestamps: TSval {tsval}, TSecr {tsecr}")
                }
                TcpOptionValue::Unknown { data_len } => {
                    format!(
                        "TCP Option - Unknown kind {} ({data_len} bytes of data)",
                        o.kind
                    )
                }
                TcpOptionValue::Malformed { length } => match length {
                    Some(l) => format!(
                        "TCP Option - kind {}: bad length {l}, the options cannot be read further",
                        o.kind
                    ),
                    None => format!(
                        "TCP Option - kind {}: no length byte, the options cannot be read further",
                        o.kind
                    ),
                },
                v => format!("TCP Option - {}", option_name(v)),
            };
            let style = if matches!(o.value, TcpOptionValue::Malformed { .. }) {
                NodeStyle::Warn
            } else {
                NodeStyle::Normal
            };
            b.push(("tcp.option", i), label, style, pk(r.start, r.end));
            if r.len() < 2 {
                // EOL and NOP are their kind byte alone.
                continue;
            }
            b.inside(|b| {
                b.push(
                    ("tcp.option.kind", i),
                    format!("Kind: {} ({})", option_name(&o.value), o.kind),
                    NodeStyle::Normal,
                    pk(r.start, r.start + 1),
                );
                b.push(
                    ("tcp.option.len", i),
                    format!("Length: {}", r.len()),
                    NodeStyle::Normal,
                    pk(r.start + 1, r.start + 2),
                );
                let v = r.start + 2;
                match &o.value {
                    TcpOptionValue::Mss { mss } => b.push(
                        ("tcp.option.mss", i),
                        format!("MSS Value: {mss}"),
                        NodeStyle::Normal,
                        pk(v, r.end),
                    ),
                    TcpOptionValue::WindowScale { shift, multiplier } => b.push(
                        ("tcp.option.wscale", i),
                        format!("Shift count: {shift} (multiplier {multiplier})"),
                        NodeStyle::Normal,
                        pk(v, r.end),
                    ),
                    TcpOptionValue::Sack { blocks } => {
                        for (j, blk) in blocks.iter().enumerate() {
                            let at = v + 8 * j;
                            let key = i * 64 + j as u32;
                            let left = ix.rel_seq(t.stream, t.direction.reverse(), blk.left);
                            let right = ix.rel_seq(t.stream, t.direction.reverse(), blk.right);
                            b.push(
                                ("tcp.option.sack_le", key),
                                format!("left edge = {left} (relative)"),
                                NodeStyle::Normal,
                                pk(at, (at + 4).min(r.end)),
                            );
                            b.push(
                                ("tcp.option.sack_re", key),
                                format!("right edge = {right} (relative)"),
                                NodeStyle::Normal,
                                pk((at + 4).min(r.end), (at + 8).min(r.end)),
                            );
                        }
                    }
                    TcpOptionValue::Timestamps { tsval, tsecr } => {
                        b.push(
                            ("tcp.option.tsval", i),
                            format!("Timestamp value: {tsval}"),
                            NodeStyle::Normal,
                            pk(v, (v + 4).min(r.end)),
                        );
                        b.push(
                            ("tcp.option.tsecr", i),
                            format!("Timestamp echo reply: {tsecr}"),
                            NodeStyle::Normal,
                            pk((v + 4).min(r.end), r.end),
                        );
                    }
                    _ => {}
                }
            });
        }
    });
}

/// What each analysis flag means, in Wireshark's expert-info words.
fn flag_text(name: &str) -> &'static str {
    match name {
        "retransmission" => "This frame is a (suspected) retransmission",
        "fast_retransmission" => "This frame is a (suspected) fast retransmission",
        "spurious_retransmission" => "This frame is a (suspected) spurious retransmission",
        "out_of_order" => "This frame is a (suspected) out-of-order segment",
        "lost_segment" => "Previous segment(s) not captured (common at capture start)",
        "ack_lost_segment" => "ACKed segment that wasn't captured (common at capture start)",
        "duplicate_ack" => "Duplicate ACK",
        "zero_window" => "TCP Zero Window segment",
        "zero_window_probe" => "TCP Zero Window Probe",
        "window_full" => "TCP window specified by the receiver is now completely full",
        "window_update" => "TCP window update",
        "keep_alive" => "TCP keep-alive segment",
        "keep_alive_ack" => "ACK to a TCP keep-alive segment",
        "zero_window_probe_ack" => "TCP Zero Window Probe Ack",
        _ => "TCP analysis flag",
    }
}

/// Wireshark's `[SEQ/ACK analysis]`: the flags the model's sequence
/// analysis set on this packet, open when they are "Bad TCP".
fn analysis(b: &mut B, t: &PacketTcp) {
    let flags = t.tcp_analysis;
    if flags.is_empty() {
        return;
    }
    let bad = flags.is_bad();
    let style = if bad {
        NodeStyle::Warn
    } else {
        NodeStyle::Derived
    };
    // The list's labels, without their brackets: "TCP Dup ACK 8#2".
    let labels = flags.info_labels(t.dup_ack);
    let labels = labels
        .trim_end()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .replace("] [", ", ");
    b.push(
        ("tcp.analysis", 0),
        format!("[SEQ/ACK analysis: {labels}]"),
        style,
        None,
    );
    if bad {
        b.open();
    }
    b.inside(|b| {
        if let Some(d) = t.dup_ack {
            b.push(
                ("tcp.analysis.dup_num", 0),
                format!("[Duplicate ACK #: {}]", d.number),
                NodeStyle::Derived,
                None,
            );
            b.push(
                ("tcp.analysis.dup_of", 0),
                format!("[Duplicate to the ACK in frame: {}]", d.frame),
                NodeStyle::Derived,
                None,
            );
        }
        if let Some(f) = t.retransmitted_after {
            b.push(
                ("tcp.analysis.rto_frame", 0),
                format!("[RTO based on delta from frame: {f}]"),
                NodeStyle::Derived,
                None,
            );
        }
        b.push(
            ("tcp.analysis.flags", 0),
            "[TCP Analysis Flags]".to_string(),
            style,
            None,
        );
        b.open();
        b.inside(|b| {
            for (i, name) in flags.names().enumerate() {
                b.push(
                    ("tcp.analysis.flag", i as u32),
                    format!("[{} (tcp.analysis.{name})]", flag_text(name)),
                    style,
                    None,
                );
            }
        });
    });
}
