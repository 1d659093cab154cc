//! The packet's own layers: frame, link, IP, TCP; the TCP segments a unit
//! was reassembled from; the payload of a packet without HTTP or WebSocket.

use super::labels::dir_words;
use super::{hl, pk, NodeStyle, Src, B};
use crate::i18n::L10n;
use crate::model::{Dissection, PacketInfo, PacketTcp, Span};
use crate::net::analysis::TcpOptionValue;
use crate::net::WindowScale;
use crate::tr;
use crate::tui::index::{Index, RowKind};
use crate::tui::text::escape;

/// Frame, link, IP and TCP.
pub(super) fn layers(b: &mut B, ix: &Index, p: &PacketInfo, open_tcp: bool) {
    let caplen = p.caplen as usize;
    let l = b.l;
    b.push(
        ("frame", 0),
        tr!(
            l,
            "tree-frame",
            no = p.frame,
            wire = p.orig_len,
            bits = u64::from(p.orig_len) * 8,
            captured = p.caplen
        ),
        NodeStyle::Layer,
        pk(0, caplen),
    );
    b.inside(|b| {
        b.push(
            ("frame.time", 0),
            tr!(l, "tree-frame-time", ts = p.ts.to_string()),
            NodeStyle::Normal,
            None,
        );
        if let Some(t0) = ix.t0 {
            b.push(
                ("frame.rel", 0),
                tr!(
                    l,
                    "tree-frame-rel",
                    secs = format!("{:.6}", p.ts.seconds_since(t0))
                ),
                NodeStyle::Normal,
                None,
            );
        }
        b.push(
            ("frame.no", 0),
            tr!(l, "tree-frame-no", no = p.frame),
            NodeStyle::Normal,
            None,
        );
        if p.orig_len > p.caplen {
            b.push(
                ("frame.cut", 0),
                tr!(l, "tree-frame-cut", n = p.orig_len - p.caplen),
                NodeStyle::Warn,
                None,
            );
        }
    });
    let lh = &p.link_header;
    b.push(
        ("link", 0),
        tr!(l, "tree-link", link = p.link_type.to_string(), n = lh.len()),
        NodeStyle::Layer,
        pk(lh.start, lh.end),
    );
    if let Some(ip) = &p.ip {
        let h = ip.header.start;
        b.push(
            ("ip", 0),
            tr!(
                l,
                "tree-ip",
                version = ip.version,
                src = ip.src.to_string(),
                dst = ip.dst.to_string()
            ),
            NodeStyle::Layer,
            pk(ip.header.start, ip.header.end),
        );
        b.inside(|b| {
            b.push(
                ("ip.version", 0),
                tr!(l, "tree-ip-version", version = ip.version),
                NodeStyle::Normal,
                pk(h, h + 1),
            );
            b.push(
                ("ip.hlen", 0),
                tr!(l, "tree-header-length", n = ip.header.len()),
                NodeStyle::Normal,
                pk(ip.header.start, ip.header.end),
            );
            let (ttl, src, dst, ttl_name) = if ip.version == 4 {
                (h + 8, h + 12..h + 16, h + 16..h + 20, "tree-ip-ttl")
            } else {
                (h + 7, h + 8..h + 24, h + 24..h + 40, "tree-ip-hop-limit")
            };
            b.push(
                ("ip.ttl", 0),
                tr!(l, ttl_name, n = ip.ttl),
                NodeStyle::Normal,
                pk(ttl, ttl + 1),
            );
            b.push(
                ("ip.src", 0),
                tr!(l, "tree-ip-src", addr = ip.src.to_string()),
                NodeStyle::Normal,
                pk(src.start, src.end),
            );
            b.push(
                ("ip.dst", 0),
                tr!(l, "tree-ip-dst", addr = ip.dst.to_string()),
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
            tr!(
                l,
                "tree-tcp",
                sport = t.src.port(),
                dport = t.dst.port(),
                seq = rel_seq.to_string(),
                ack = if t.flags.ack { rel_ack } else { 0 }.to_string(),
                len = t.payload.len()
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
                tr!(l, "tree-tcp-srcport", port = t.src.port()),
                NodeStyle::Normal,
                pk(h, h + 2),
            );
            b.push(
                ("tcp.dstport", 0),
                tr!(l, "tree-tcp-dstport", port = t.dst.port()),
                NodeStyle::Normal,
                pk(h + 2, h + 4),
            );
            b.push(
                ("tcp.stream", 0),
                tr!(
                    l,
                    "tree-tcp-stream",
                    stream = t.stream,
                    dir = dir_words(t.direction, l.lang())
                ),
                NodeStyle::Derived,
                None,
            );
            b.push(
                ("tcp.seq", 0),
                tr!(
                    l,
                    "tree-tcp-seq",
                    rel = rel_seq.to_string(),
                    raw = t.seq.to_string()
                ),
                NodeStyle::Normal,
                pk(h + 4, h + 8),
            );
            if let Some(n) = t.next_seq_rel {
                b.push(
                    ("tcp.nxtseq", 0),
                    tr!(l, "tree-tcp-nxtseq", n = n.to_string()),
                    NodeStyle::Derived,
                    None,
                );
            }
            b.push(
                ("tcp.ack", 0),
                if t.flags.ack {
                    tr!(
                        l,
                        "tree-tcp-ack",
                        rel = rel_ack.to_string(),
                        raw = t.ack.to_string()
                    )
                } else {
                    // RFC 9293 §3.1: the field counts only when ACK is set.
                    tr!(l, "tree-tcp-ack-unused", raw = t.ack.to_string())
                },
                NodeStyle::Normal,
                pk(h + 8, h + 12),
            );
            b.push(
                ("tcp.flags", 0),
                tr!(l, "tree-tcp-flags", flags = t.flags.to_string()),
                NodeStyle::Normal,
                pk(h + 12, h + 14),
            );
            b.push(
                ("tcp.window", 0),
                tr!(l, "tree-tcp-window", n = t.window),
                NodeStyle::Normal,
                pk(h + 14, h + 16),
            );
            window_scaling(b, t);
            b.push(
                ("tcp.hlen", 0),
                tr!(l, "tree-header-length", n = t.header.len()),
                NodeStyle::Normal,
                pk(t.header.start, t.header.end),
            );
            options(b, ix, t);
            analysis(b, t);
            b.push(
                ("tcp.payload", 0),
                tr!(l, "tree-tcp-payload-len", n = t.payload.len()),
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
    let l = b.l;
    let total: u64 = per_frame.iter().fold(0u64, |a, p| a.saturating_add(p.2));
    let mut list = String::new();
    for (i, (f, _, len)) in per_frame.iter().enumerate() {
        if i == 6 {
            list.push_str(&tr!(l, "tree-reasm-more-inline", n = per_frame.len() - 6));
            break;
        }
        if i > 0 {
            list.push_str(", ");
        }
        list.push_str(&format!("#{f}({len})"));
    }
    b.push(
        ("reasm", 0),
        tr!(
            l,
            "tree-reasm",
            count = per_frame.len(),
            bytes = total,
            list = list
        ),
        NodeStyle::Derived,
        hl(Src::Unit, 0, total),
    );
    b.inside(|b| {
        for (i, (f, off, len)) in per_frame.iter().enumerate() {
            if i == 64 {
                b.push(
                    ("reasm.more", 0),
                    tr!(l, "tree-reasm-more", n = per_frame.len() - 64),
                    NodeStyle::Derived,
                    None,
                );
                break;
            }
            b.push(
                ("reasm.seg", i as u32),
                tr!(
                    l,
                    "tree-reasm-segment",
                    frame = *f,
                    first = *off,
                    last = off.saturating_add(len.saturating_sub(1)),
                    len = *len
                ),
                NodeStyle::Normal,
                hl(Src::Unit, *off, off.saturating_add(*len)),
            );
        }
    });
}

/// A packet row's TCP payload, and which unit it carries part of.
pub(super) fn payload(b: &mut B, d: &Dissection, ix: &Index, p: &PacketInfo) {
    let l = b.l;
    if let Some(reason) = &p.not_tcp {
        b.push(
            ("nottcp", 0),
            tr!(l, "tree-not-decoded", reason = escape(reason, 200)),
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
        tr!(
            l,
            "tree-payload",
            size = bytes_human(l, t.payload.len() as u64)
        ),
        NodeStyle::Normal,
        pk(t.payload.start, t.payload.end),
    );
    if let Some(owner) = ix.segment_of.get(&p.frame) {
        let decrypted = match owner.kind {
            RowKind::Http => d
                .http
                .get(owner.idx as usize)
                .is_some_and(|h| h.decrypted()),
            RowKind::Frame => ix
                .frames
                .get(owner.idx as usize)
                .is_some_and(|f| f.decrypted()),
            RowKind::Packet => false,
        };
        let what = match owner.kind {
            RowKind::Http => d
                .http
                .get(owner.idx as usize)
                .map(|h| tr!(l, "tree-part-of-http", frame = h.frame)),
            RowKind::Frame => ix.frames.get(owner.idx as usize).map(|f| {
                tr!(
                    l,
                    "tree-part-of-frame",
                    index = f.index,
                    op = f.opcode().name(),
                    frame = f.frame
                )
            }),
            RowKind::Packet => None,
        };
        if let Some(w) = what {
            b.push(
                ("segment", 0),
                if decrypted {
                    tr!(l, "tree-segment-tls", what = w)
                } else {
                    tr!(l, "tree-segment", what = w)
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
    let l = b.l;
    b.push(
        ("tcp.window_size", 0),
        tr!(l, "tree-tcp-window-size", n = t.window_size),
        NodeStyle::Derived,
        None,
    );
    if let Some(scale) = t.window_size_scalefactor {
        let id = match scale {
            WindowScale::Unknown => "tree-tcp-window-scale-unknown",
            WindowScale::NotUsed => "tree-tcp-window-scale-none",
            WindowScale::Shift(_) => "tree-tcp-window-scale",
        };
        b.push(
            ("tcp.window_scale", 0),
            tr!(l, id, factor = scale.factor().to_string()),
            NodeStyle::Derived,
            None,
        );
    }
}

/// An option's name as Wireshark's tree says it.
fn option_name(l: &L10n, v: &TcpOptionValue) -> String {
    l.t(match v {
        TcpOptionValue::Eol => "tree-opt-eol",
        TcpOptionValue::Nop => "tree-opt-nop",
        TcpOptionValue::Mss { .. } => "tree-opt-mss",
        TcpOptionValue::WindowScale { .. } => "tree-opt-wscale",
        TcpOptionValue::SackPermitted => "tree-opt-sack-perm",
        TcpOptionValue::Sack { .. } => "tree-opt-sack",
        TcpOptionValue::Timestamps { .. } => "tree-opt-timestamps",
        TcpOptionValue::Unknown { .. } => "tree-opt-unknown",
        TcpOptionValue::Malformed { .. } => "tree-opt-malformed",
    })
}

/// A byte count for people ("1 byte", "12.3 KiB (12595 bytes)"), in `l`'s
/// language.
fn bytes_human(l: &L10n, n: u64) -> String {
    if n < 10 * 1024 {
        tr!(l, "tree-bytes-human", n = n)
    } else if n < 10 * 1024 * 1024 {
        tr!(
            l,
            "tree-bytes-kib",
            kib = format!("{:.1}", n as f64 / 1024.0),
            n = n.to_string()
        )
    } else {
        tr!(
            l,
            "tree-bytes-mib",
            mib = format!("{:.1}", n as f64 / (1024.0 * 1024.0)),
            n = n.to_string()
        )
    }
}

/// The TCP options (RFC 9293 §3.1), one node per option highlighting its
/// bytes, with its kind, length and value fields.
fn options(b: &mut B, ix: &Index, t: &PacketTcp) {
    let (Some(first), Some(last)) = (t.options.first(), t.options.last()) else {
        return;
    };
    let l = b.l;
    let (start, end) = (first.range.start, t.header.end.max(last.range.end));
    let names: Vec<String> = t.options.iter().map(|o| option_name(l, &o.value)).collect();
    b.push(
        ("tcp.options", 0),
        tr!(
            l,
            "tree-tcp-options",
            n = end - start,
            names = names.join(", ")
        ),
        NodeStyle::Normal,
        pk(start, end),
    );
    b.inside(|b| {
        for (i, o) in t.options.iter().enumerate() {
            let i = i as u32;
            let r = o.range.clone();
            let label = match &o.value {
                TcpOptionValue::Mss { mss } => {
                    tr!(l, "tree-tcp-option-mss", mss = *mss)
                }
                TcpOptionValue::WindowScale { shift, multiplier } => {
                    tr!(
                        l,
                        "tree-tcp-option-wscale",
                        shift = *shift,
                        mult = multiplier.to_string()
                    )
                }
                TcpOptionValue::Sack { blocks } => {
                    let mut edges = String::new();
                    for blk in blocks {
                        let left = ix.rel_seq(t.stream, t.direction.reverse(), blk.left);
                        let right = ix.rel_seq(t.stream, t.direction.reverse(), blk.right);
                        edges.push_str(&format!(" {left}-{right}"));
                    }
                    tr!(l, "tree-tcp-option-sack", blocks = edges)
                }
                TcpOptionValue::Timestamps { tsval, tsecr } => {
                    tr!(
                        l,
                        "tree-tcp-option-ts",
                        tsval = tsval.to_string(),
                        tsecr = tsecr.to_string()
                    )
                }
                TcpOptionValue::Unknown { data_len } => {
                    tr!(l, "tree-tcp-option-unknown", kind = o.kind, n = *data_len)
                }
                TcpOptionValue::Malformed { length } => match length {
                    Some(len) => tr!(l, "tree-tcp-option-bad-len", kind = o.kind, len = *len),
                    None => tr!(l, "tree-tcp-option-no-len", kind = o.kind),
                },
                v => tr!(l, "tree-tcp-option", name = option_name(l, v)),
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
                    tr!(
                        l,
                        "tree-tcp-option-kind",
                        name = option_name(l, &o.value),
                        kind = o.kind
                    ),
                    NodeStyle::Normal,
                    pk(r.start, r.start + 1),
                );
                b.push(
                    ("tcp.option.len", i),
                    tr!(l, "tree-tcp-option-len", n = r.len()),
                    NodeStyle::Normal,
                    pk(r.start + 1, r.start + 2),
                );
                let v = r.start + 2;
                match &o.value {
                    TcpOptionValue::Mss { mss } => b.push(
                        ("tcp.option.mss", i),
                        tr!(l, "tree-tcp-option-mss-value", n = *mss),
                        NodeStyle::Normal,
                        pk(v, r.end),
                    ),
                    TcpOptionValue::WindowScale { shift, multiplier } => b.push(
                        ("tcp.option.wscale", i),
                        tr!(
                            l,
                            "tree-tcp-option-shift",
                            shift = *shift,
                            mult = multiplier.to_string()
                        ),
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
                                tr!(l, "tree-tcp-option-sack-le", n = left.to_string()),
                                NodeStyle::Normal,
                                pk(at, (at + 4).min(r.end)),
                            );
                            b.push(
                                ("tcp.option.sack_re", key),
                                tr!(l, "tree-tcp-option-sack-re", n = right.to_string()),
                                NodeStyle::Normal,
                                pk((at + 4).min(r.end), (at + 8).min(r.end)),
                            );
                        }
                    }
                    TcpOptionValue::Timestamps { tsval, tsecr } => {
                        b.push(
                            ("tcp.option.tsval", i),
                            tr!(l, "tree-tcp-option-tsval", n = tsval.to_string()),
                            NodeStyle::Normal,
                            pk(v, (v + 4).min(r.end)),
                        );
                        b.push(
                            ("tcp.option.tsecr", i),
                            tr!(l, "tree-tcp-option-tsecr", n = tsecr.to_string()),
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

/// What each analysis flag means, in Wireshark's expert-info words (the
/// message id; the flag's own name, `tcp.analysis.NAME`, stays as it is).
fn flag_text(name: &str) -> &'static str {
    match name {
        "retransmission" => "tree-flag-retransmission",
        "fast_retransmission" => "tree-flag-fast-retransmission",
        "spurious_retransmission" => "tree-flag-spurious-retransmission",
        "out_of_order" => "tree-flag-out-of-order",
        "lost_segment" => "tree-flag-lost-segment",
        "ack_lost_segment" => "tree-flag-ack-lost-segment",
        "duplicate_ack" => "tree-flag-duplicate-ack",
        "zero_window" => "tree-flag-zero-window",
        "zero_window_probe" => "tree-flag-zero-window-probe",
        "window_full" => "tree-flag-window-full",
        "window_update" => "tree-flag-window-update",
        "keep_alive" => "tree-flag-keep-alive",
        "keep_alive_ack" => "tree-flag-keep-alive-ack",
        "zero_window_probe_ack" => "tree-flag-zero-window-probe-ack",
        _ => "tree-flag-other",
    }
}

/// Wireshark's `[SEQ/ACK analysis]`: the flags the model's sequence
/// analysis set on this packet, open when they are "Bad TCP".
fn analysis(b: &mut B, t: &PacketTcp) {
    let l = b.l;
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
        tr!(l, "tree-tcp-analysis", labels = labels),
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
                tr!(l, "tree-tcp-dup-num", n = d.number),
                NodeStyle::Derived,
                None,
            );
            b.push(
                ("tcp.analysis.dup_of", 0),
                tr!(l, "tree-tcp-dup-of", frame = d.frame),
                NodeStyle::Derived,
                None,
            );
        }
        if let Some(f) = t.retransmitted_after {
            b.push(
                ("tcp.analysis.rto_frame", 0),
                tr!(l, "tree-tcp-rto", frame = f),
                NodeStyle::Derived,
                None,
            );
        }
        b.push(
            ("tcp.analysis.flags", 0),
            l.t("tree-tcp-analysis-flags"),
            style,
            None,
        );
        b.open();
        b.inside(|b| {
            for (i, name) in flags.names().enumerate() {
                b.push(
                    ("tcp.analysis.flag", i as u32),
                    tr!(l, "tree-tcp-flag", text = l.t(flag_text(name)), name = name),
                    style,
                    None,
                );
            }
        });
    });
}
