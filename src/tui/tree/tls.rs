//! The TLS layer of a wss:// connection, between TCP and HTTP/WebSocket as
//! in Wireshark: what the model knows about the connection's TLS (version,
//! cipher suite, SNI, ALPN, resumption; decrypted, with which key-log lines,
//! or why not and what to do) and, for a decrypted HTTP head or WebSocket
//! frame, which TLS record each of its bytes came from and which packet
//! completed that record.
//!
//! It all comes from the connection's `tls` summary and the units' spans
//! (`Span::tls_record`); nothing is read from the packets, which hold the
//! records encrypted.

use super::labels::{dir_words, key_log_lines, press};
use super::{hl, pk, NodeStyle, Src, B};
use crate::model::{Dissection, PacketInfo, Span};
use crate::net::{Direction, StreamId};
use crate::tls::TlsSummary;
use crate::tr;
use crate::tui::index::Index;
use crate::tui::text::{escape, wrap_words};
use crate::tui::views::ViewKind;

/// Bytes of a unit that came from one TLS record, completed in one packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    record: u64,
    frame: u64,
    start: u64,
    len: u64,
}

/// The decrypted spans of a unit, merged per record.
fn pieces(spans: &[Span]) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for s in spans {
        let Some(record) = s.tls_record else { continue };
        match out.last_mut() {
            Some(p)
                if p.record == record
                    && p.frame == s.frame
                    && p.start.saturating_add(p.len) == s.unit_offset =>
            {
                p.len = p.len.saturating_add(s.len);
            }
            _ => out.push(Piece {
                record,
                frame: s.frame,
                start: s.unit_offset,
                len: s.len,
            }),
        }
    }
    out
}

/// The connection's TLS summary, once the connection is over.
pub(crate) fn summary<'a>(
    d: &'a Dissection,
    ix: &Index,
    stream: StreamId,
) -> Option<&'a TlsSummary> {
    ix.summary_by_stream
        .get(&stream)
        .and_then(|&i| d.streams.get(i as usize))
        .and_then(|s| s.tls.as_ref())
}

/// Where the row is: its stream and direction, and for an HTTP head or a
/// WebSocket frame, its spans (empty for a packet row).
pub(super) struct At<'a> {
    pub stream: StreamId,
    pub dir: Direction,
    pub spans: &'a [Span],
}

/// The "Transport Layer Security" node of a row on a TLS connection;
/// nothing on other connections.
pub(super) fn nodes(b: &mut B, d: &Dissection, ix: &Index, at: &At, packet: Option<&PacketInfo>) {
    let t = summary(d, ix, at.stream);
    let recs = pieces(at.spans);
    if t.is_none() && recs.is_empty() {
        return;
    }
    let unit = !at.spans.is_empty();
    let l = b.l;
    let version = t.and_then(|t| t.version_name).unwrap_or("TLS");
    let label = if !recs.is_empty() {
        let first = recs[0];
        let same_frame = recs.iter().all(|p| p.frame == first.frame);
        let mut numbers: Vec<u64> = recs.iter().map(|p| p.record).collect();
        numbers.dedup();
        let what = if numbers.len() == 1 {
            tr!(l, "tree-tls-from-record", record = first.record)
        } else {
            tr!(
                l,
                "tree-tls-from-records",
                n = numbers.len(),
                first = numbers[0],
                last = numbers[numbers.len() - 1]
            )
        };
        let where_ = if same_frame {
            tr!(l, "tree-tls-completed-in", frame = first.frame)
        } else {
            l.t("tree-tls-completed-in-several")
        };
        tr!(
            l,
            "tree-tls-from",
            version = version,
            what = what,
            where = where_
        )
    } else {
        match t {
            Some(t) if t.decrypted => tr!(l, "tree-tls-conn-decrypted", version = version),
            Some(t) => match &t.undecryptable {
                Some(u) => tr!(
                    l,
                    "tree-tls-conn-not-decrypted-why",
                    version = version,
                    why = escape(&u.words(l).0, 80)
                ),
                None => tr!(l, "tree-tls-conn-not-decrypted", version = version),
            },
            None => tr!(l, "tree-tls", version = version),
        }
    };
    // The node stands for the decrypted unit, or for the records the
    // packet's TCP payload is made of.
    let whole = if unit {
        let total = at
            .spans
            .iter()
            .map(|s| s.unit_offset.saturating_add(s.len))
            .max()
            .unwrap_or(0);
        hl(Src::Unit, 0, total)
    } else {
        packet
            .and_then(|p| p.tcp.as_ref())
            .filter(|tcp| !tcp.payload.is_empty())
            .and_then(|tcp| pk(tcp.payload.start, tcp.payload.end))
    };
    b.push(("tls", 0), label, NodeStyle::Layer, whole);
    if !unit {
        b.open();
    }
    b.inside(|b| {
        records(b, at.dir, &recs);
        if let Some(p) = packet {
            record_layer(b, d, ix, p.frame, at, &recs);
        }
        match t {
            Some(t) => connection(b, t),
            None => b.push(
                ("tls.pending", 0),
                l.t("tree-tls-pending"),
                NodeStyle::Derived,
                None,
            ),
        }
        if !unit && t.is_some_and(|t| t.decrypted) {
            b.push(
                ("tls.where", 0),
                l.t("tree-tls-rows"),
                NodeStyle::Derived,
                None,
            );
        }
        b.push(
            ("tls.view", 0),
            tr!(
                l,
                "tree-tls-view",
                press = press(l, ViewKind::Summary, "tree-press-summary")
            ),
            NodeStyle::Derived,
            None,
        );
    });
}

/// The TLS records this packet carried bytes of, each with its header's
/// fields and its bytes highlighted in the packet (RFC 8446 §5.1): for a
/// decrypted unit, the records it came from; for a packet row, all of them.
fn record_layer(b: &mut B, d: &Dissection, ix: &Index, no: u64, at: &At, recs: &[Piece]) {
    let l = b.l;
    let wanted: Vec<u32> = if recs.is_empty() {
        ix.tls_by_frame.get(&no).cloned().unwrap_or_default()
    } else {
        let mut v: Vec<u32> = recs
            .iter()
            .filter_map(|p| {
                ix.tls_by_key
                    .get(&(at.stream, at.dir.index(), p.record))
                    .copied()
            })
            .collect();
        v.dedup();
        v
    };
    for (i, &r) in wanted.iter().enumerate().take(64) {
        let Some(t) = d.tls_records.get(r as usize) else {
            continue;
        };
        // The record's bytes in this packet, when it carried some.
        let here: Vec<(u64, u64)> = t
            .spans
            .iter()
            .filter(|s| s.frame == no)
            .map(|s| {
                let a = u64::from(s.packet_offset);
                (a, a.saturating_add(s.len))
            })
            .collect();
        let highlight = match (here.first(), here.last()) {
            (Some(a), Some(z)) => hl(Src::Packet, a.0, z.1),
            _ => None,
        };
        let kind = match t.inner_type {
            Some(inner) if inner != t.content_type => {
                tr!(
                    l,
                    "tree-tls-sent-as",
                    inner = inner.to_string(),
                    outer = t.content_type.to_string()
                )
            }
            _ => t.content_type.to_string(),
        };
        let state = l.t(match t.protection {
            crate::tls::Protection::Plaintext => "tree-tls-state-plaintext",
            crate::tls::Protection::Decrypted => "tree-tls-state-decrypted",
            crate::tls::Protection::NotDecrypted => "tree-tls-state-not-decrypted",
            crate::tls::Protection::BadTag => "tree-tls-state-bad-tag",
            crate::tls::Protection::EarlyData => "tree-tls-state-early-data",
            crate::tls::Protection::CompatibilityCcs => "tree-tls-state-ccs",
        });
        // Which secret of the key log protects it (RFC 8446 §7.1, RFC 5246 §8.1).
        let tls12 = summary(d, ix, t.stream).and_then(|s| s.version) == Some(0x0303);
        let keys = match t.epoch {
            crate::tls::Epoch::Plaintext => String::new(),
            crate::tls::Epoch::Handshake => l.t("tree-tls-secret-handshake"),
            crate::tls::Epoch::Traffic(n) if tls12 => l.t(if n > 0 {
                "tree-tls-secret-master-renegotiated"
            } else {
                "tree-tls-secret-master"
            }),
            crate::tls::Epoch::Traffic(n) => tr!(l, "tree-tls-secret-traffic", n = n),
            crate::tls::Epoch::EarlyData => l.t("tree-tls-secret-early"),
            _ => String::new(),
        };
        let where_ = if t.frames.len() > 1 {
            tr!(l, "tree-tls-in-frames", first = t.frames[0], last = t.frame)
        } else {
            String::new()
        };
        b.push(
            ("tls.layer", i as u32),
            tr!(
                l,
                "tree-tls-layer",
                record = t.record_number,
                dir = dir_words(t.direction, l.lang()),
                kind = kind,
                version = format!("{:04x}", t.version),
                len = t.length,
                where = where_,
                state = state,
                secret = keys
            ),
            NodeStyle::Normal,
            highlight,
        );
    }
}

/// Which record each piece of the unit was decrypted from.
fn records(b: &mut B, dir: Direction, recs: &[Piece]) {
    if recs.is_empty() {
        return;
    }
    let l = b.l;
    for (i, p) in recs.iter().enumerate() {
        if i == 64 {
            b.push(
                ("tls.record.more", 0),
                tr!(l, "tree-tls-record-more", n = recs.len() - 64),
                NodeStyle::Derived,
                None,
            );
            break;
        }
        b.push(
            ("tls.record", i as u32),
            tr!(
                l,
                "tree-tls-record",
                record = p.record,
                dir = dir_words(dir, l.lang()),
                frame = p.frame,
                first = p.start,
                last = p.start.saturating_add(p.len.saturating_sub(1)),
                len = p.len
            ),
            NodeStyle::Derived,
            hl(Src::Unit, p.start, p.start.saturating_add(p.len)),
        );
    }
    b.push(
        ("tls.plain", 0),
        tr!(l, "tree-tls-plain", n = recs.len()),
        NodeStyle::Derived,
        None,
    );
}

/// What the model knows about the connection's TLS.
fn connection(b: &mut B, t: &TlsSummary) {
    let l = b.l;
    b.push(
        ("tls.version", 0),
        match (t.version_name, t.version) {
            (Some(n), Some(v)) => tr!(l, "tree-tls-version", name = n, hex = format!("{v:04x}")),
            (None, Some(v)) => tr!(l, "tree-tls-version-hex", hex = format!("{v:04x}")),
            _ => l.t("tree-tls-version-unknown"),
        },
        NodeStyle::Normal,
        None,
    );
    b.push(
        ("tls.suite", 0),
        match (t.cipher_suite_name, t.cipher_suite) {
            (Some(n), Some(v)) => tr!(l, "tree-tls-suite", name = n, hex = format!("{v:04x}")),
            (None, Some(v)) => tr!(l, "tree-tls-suite-hex", hex = format!("{v:04x}")),
            _ => l.t("tree-tls-suite-unknown"),
        },
        NodeStyle::Normal,
        None,
    );
    b.push(
        ("tls.sni", 0),
        match &t.sni {
            Some(s) => tr!(l, "tree-tls-sni", sni = escape(s, 120)),
            None => l.t("tree-tls-sni-none"),
        },
        NodeStyle::Normal,
        None,
    );
    b.push(("tls.alpn", 0), alpn(l, t), NodeStyle::Normal, None);
    b.push(
        ("tls.resumed", 0),
        if t.resumed {
            l.t("tree-tls-resumed")
        } else {
            l.t("tree-tls-full")
        },
        NodeStyle::Normal,
        None,
    );
    if t.hello_retry_request {
        b.push(
            ("tls.hrr", 0),
            l.t("tree-tls-hrr"),
            NodeStyle::Derived,
            None,
        );
    }
    if t.decrypted {
        let lines = key_log_lines(t, l.lang());
        b.push(
            ("tls.keys", 0),
            tr!(l, "tree-tls-keys", n = lines.len()),
            NodeStyle::Good,
            None,
        );
        b.open();
        b.inside(|b| {
            for (i, line) in lines.iter().enumerate() {
                b.push(
                    ("tls.keyline", i as u32),
                    line.clone(),
                    NodeStyle::Normal,
                    None,
                );
            }
        });
    } else {
        match &t.undecryptable {
            Some(u) => {
                let (why, advice) = u.words(l);
                b.push(
                    ("tls.why", 0),
                    tr!(l, "tree-tls-why", why = escape(&why, 200)),
                    NodeStyle::Bad,
                    None,
                );
                b.open();
                b.inside(|b| {
                    let text = tr!(l, "tree-tls-advice", advice = advice);
                    for (j, line) in wrap_words(&text, 70).into_iter().enumerate() {
                        b.push(("tls.advice", j as u32), line, NodeStyle::Normal, None);
                    }
                });
            }
            None => b.push(
                ("tls.why", 0),
                l.t("tree-tls-why-none"),
                NodeStyle::Warn,
                None,
            ),
        }
    }
    b.push(
        ("tls.records", 0),
        tr!(
            l,
            "tree-tls-records",
            c2s = t.records[0],
            c2s_decrypted = t.decrypted_records[0],
            s2c = t.records[1],
            s2c_decrypted = t.decrypted_records[1]
        ),
        NodeStyle::Normal,
        None,
    );
    if t.bad_records.iter().any(|&n| n > 0) {
        b.push(
            ("tls.bad", 0),
            tr!(
                l,
                "tree-tls-bad",
                c2s = t.bad_records[0],
                s2c = t.bad_records[1]
            ),
            NodeStyle::Bad,
            None,
        );
    }
}

/// ALPN offered and chosen, in one line.
fn alpn(l: &crate::i18n::L10n, t: &TlsSummary) -> String {
    let chosen = t.alpn.as_deref().map(|a| escape(a, 40));
    if t.alpn_offered.is_empty() {
        return match chosen {
            Some(c) => tr!(l, "tree-tls-alpn-none-chosen", chosen = c),
            None => l.t("tree-tls-alpn-none"),
        };
    }
    let offered = escape(&t.alpn_offered.join(", "), 80);
    match chosen {
        Some(c) => tr!(l, "tree-tls-alpn", offered = offered, chosen = c),
        None => tr!(l, "tree-tls-alpn-unchosen", offered = offered),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(frame: u64, unit_offset: u64, len: u64, r: u64) -> Span {
        Span {
            frame,
            packet_offset: 0,
            unit_offset,
            len,
            tls_record: Some(r),
        }
    }

    #[test]
    fn pieces_merge_per_record_and_packet() {
        let spans = [
            rec(24, 0, 100, 8),
            rec(24, 100, 16284, 8),
            rec(24, 16384, 624, 9),
        ];
        assert_eq!(
            pieces(&spans),
            vec![
                Piece {
                    record: 8,
                    frame: 24,
                    start: 0,
                    len: 16384
                },
                Piece {
                    record: 9,
                    frame: 24,
                    start: 16384,
                    len: 624
                }
            ]
        );
        let plain = Span {
            tls_record: None,
            ..rec(3, 0, 10, 0)
        };
        assert!(pieces(&[plain]).is_empty());
    }
}
