//! One line per record, like Wireshark's packet list Info column.

use std::io::{self, Write};

use crate::capture::Timestamp;
use crate::model::Record;
use crate::ws::Opcode;

/// Info text for a frame, as Wireshark words it ("Text [FIN] [MASKED]").
pub fn frame_info(f: &crate::model::WsFrame) -> String {
    let mut s = f.info_head();
    if f.close_code.is_some() {
        if let Some(r) = &f.close_reason {
            if !r.is_empty() {
                s.push_str(&format!(" reason={r:?}"));
            }
        }
    } else if f.opcode() == Opcode::Text && f.message.is_some() && !f.compressed {
        let t = String::from_utf8_lossy(&f.payload);
        let mut short: String = t.chars().take(40).collect();
        if t.chars().count() > 40 {
            short.push('…');
        }
        s.push_str(&format!(" {short:?}"));
    }
    if let Some(rtt) = f.rtt {
        s.push_str(&format!(
            " (answers ping in frame {}, rtt {:.3} ms)",
            f.pong_for.unwrap_or(0),
            rtt * 1e3
        ));
    }
    if !f.complete {
        s.push_str(" [INCOMPLETE]");
    }
    s
}

fn rel(ts: Timestamp, t0: &mut Option<Timestamp>) -> f64 {
    let base = *t0.get_or_insert(ts);
    ts.seconds_since(base)
}

/// Writes the line for one record (some records have none).
pub fn write_line<W: Write>(
    out: &mut W,
    rec: &Record,
    t0: &mut Option<Timestamp>,
) -> io::Result<()> {
    match rec {
        Record::Capture(c) => writeln!(out, "# {} ({:?})", c.file, c.format),
        Record::Http(h) => writeln!(
            out,
            "{:>6} {:>12.6} {:>4} {} HTTP {}",
            h.frame,
            rel(h.ts, t0),
            h.stream,
            h.direction.arrow(),
            h.start_line
        ),
        Record::Handshake(h) => {
            let accept = match h.accept_valid {
                _ if h.refused() => format!(
                    "refused ({})",
                    h.status.map(|s| s.to_string()).unwrap_or_default()
                ),
                Some(true) => "Accept ✓".to_string(),
                Some(false) => format!(
                    "Accept ✗ (got {:?}, expected {:?})",
                    h.accept.as_deref().unwrap_or(""),
                    h.expected_accept.as_deref().unwrap_or("")
                ),
                None => "no response".to_string(),
            };
            writeln!(
                out,
                "{:>6} {:>12} {:>4}   Handshake {} {}{}{}",
                h.response_frame.unwrap_or(h.request_frame),
                "",
                h.stream,
                h.path,
                accept,
                h.subprotocol
                    .as_ref()
                    .map(|p| format!(" subprotocol={p}"))
                    .unwrap_or_default(),
                if h.deflate.is_some() { " permessage-deflate" } else { "" }
            )
        }
        Record::Frame(f) => writeln!(
            out,
            "{:>6} {:>12.6} {:>4} {} WebSocket {}",
            f.frame,
            rel(f.ts, t0),
            f.stream,
            f.direction.arrow(),
            frame_info(f)
        ),
        Record::Message(m) => {
            let body = match (&m.text, &m.data_base64) {
                (Some(t), _) => {
                    let mut s: String = t.chars().take(60).collect();
                    if t.chars().count() > 60 {
                        s.push('…');
                    }
                    format!("{s:?}")
                }
                (None, Some(d)) => format!("{} bytes", d.len()),
                _ => "(content unknown)".into(),
            };
            writeln!(
                out,
                "{:>6} {:>12} {:>4} {}   message #{} {} {} bytes{}: {}",
                m.last_frame,
                "",
                m.stream,
                m.direction.arrow(),
                m.index,
                m.opcode.name(),
                m.decompressed_length.unwrap_or(m.length),
                match m.compression() {
                    Some(r) => format!(" (compressed {} on the wire, {r})", m.length),
                    None if m.compressed => format!(" (compressed {} on the wire)", m.length),
                    None => String::new(),
                },
                body
            )
        }
        Record::Note(n) => writeln!(
            out,
            "{:>6} {:>12} {:>4}   ! {:?} {}{}: {}",
            n.frame.map(|f| f.to_string()).unwrap_or_default(),
            "",
            n.stream.map(|s| s.to_string()).unwrap_or_default(),
            n.severity,
            n.rule,
            n.section.map(|s| format!(" ({s})")).unwrap_or_default(),
            n.message
        ),
        Record::Summary(s) => writeln!(
            out,
            "# {} packets, {} TCP streams, {} handshakes, {} WebSocket frames, {} messages, notes: {} info / {} warning / {} error",
            s.packets.packets, s.streams, s.handshakes, s.ws_frames, s.ws_messages, s.notes[0], s.notes[1], s.notes[2]
        ),
        Record::Packet(p) => match &p.tcp {
            Some(t) => writeln!(
                out,
                "{:>6} {:>12.6} {:>4} {} TCP {}",
                p.frame,
                rel(p.ts, t0),
                t.stream,
                t.direction.arrow(),
                t.info()
            ),
            None => Ok(()),
        },
        Record::Connection(_) | Record::Stream(_) | Record::TlsRecord(_) => Ok(()),
    }
}
