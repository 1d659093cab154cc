//! One line per record, like Wireshark's packet list Info column.
//!
//! The words follow `--lang` (messages `text-*` in locales/*.ftl); what
//! Wireshark's Info column shows (opcode names, `[FIN]`, `len=`, TCP flags,
//! close code names) stays as Wireshark writes it, like the RFC's field names.

use std::io::{self, Write};

use crate::capture::Timestamp;
use crate::i18n::{L10n, Lang};
use crate::model::Record;
use crate::tr;
use crate::ws::Opcode;

/// Info text for a frame, as Wireshark words it ("Text \[FIN\] \[MASKED\]").
pub fn frame_info(f: &crate::model::WsFrame) -> String {
    frame_info_in(f, L10n::get(Lang::En))
}

/// [`frame_info`] with wsdissect's own additions in `l`'s language.
pub fn frame_info_in(f: &crate::model::WsFrame, l: &L10n) -> String {
    let mut s = f.info_head();
    if f.close_code.is_some() {
        if let Some(r) = &f.close_reason {
            if !r.is_empty() {
                s.push_str(&tr!(l, "dumptext-close-reason", reason = format!("{r:?}")));
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
        s.push_str(&tr!(
            l,
            "dumptext-pong",
            frame = f.pong_for.unwrap_or(0).to_string(),
            rtt = format!("{:.3}", rtt * 1e3)
        ));
    }
    if !f.complete {
        s.push_str(&l.t("dumptext-incomplete"));
    }
    s
}

fn rel(ts: Timestamp, t0: &mut Option<Timestamp>) -> f64 {
    let base = *t0.get_or_insert(ts);
    ts.seconds_since(base)
}

/// Writes the line for one record (some records have none), in English.
pub fn write_line<W: Write>(
    out: &mut W,
    rec: &Record,
    t0: &mut Option<Timestamp>,
) -> io::Result<()> {
    write_line_in(out, rec, t0, L10n::get(Lang::En))
}

/// Writes the line for one record in `l`'s language (`dump --format text`).
pub fn write_line_in<W: Write>(
    out: &mut W,
    rec: &Record,
    t0: &mut Option<Timestamp>,
    l: &L10n,
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
                _ if h.refused() => tr!(
                    l,
                    "dumptext-refused",
                    status = h.status.map(|s| s.to_string()).unwrap_or_default()
                ),
                Some(true) => l.t("dumptext-accept-ok"),
                Some(false) => tr!(
                    l,
                    "dumptext-accept-bad",
                    got = format!("{:?}", h.accept.as_deref().unwrap_or("")),
                    expected = format!("{:?}", h.expected_accept.as_deref().unwrap_or(""))
                ),
                None => l.t("dumptext-no-response"),
            };
            writeln!(
                out,
                "{:>6} {:>12} {:>4}   {} {} {}{}{}",
                h.response_frame.unwrap_or(h.request_frame),
                "",
                h.stream,
                l.t("dumptext-handshake"),
                h.path,
                accept,
                h.subprotocol
                    .as_ref()
                    .map(|p| tr!(l, "dumptext-subprotocol", name = p.as_str()))
                    .unwrap_or_default(),
                if h.deflate.is_some() {
                    " permessage-deflate"
                } else {
                    ""
                }
            )
        }
        Record::Frame(f) => writeln!(
            out,
            "{:>6} {:>12.6} {:>4} {} WebSocket {}",
            f.frame,
            rel(f.ts, t0),
            f.stream,
            f.direction.arrow(),
            frame_info_in(f, l)
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
                (None, Some(d)) => tr!(l, "dumptext-bytes", n = d.len().to_string()),
                _ => l.t("dumptext-content-unknown"),
            };
            writeln!(
                out,
                "{:>6} {:>12} {:>4} {}   {}{}: {}",
                m.last_frame,
                "",
                m.stream,
                m.direction.arrow(),
                tr!(
                    l,
                    "dumptext-message",
                    index = m.index.to_string(),
                    op = m.opcode.name(),
                    len = m.decompressed_length.unwrap_or(m.length).to_string()
                ),
                match m.compression_in(l) {
                    Some(r) => tr!(
                        l,
                        "dumptext-compressed-ratio",
                        wire = m.length.to_string(),
                        ratio = r
                    ),
                    None if m.compressed => {
                        tr!(l, "dumptext-compressed", wire = m.length.to_string())
                    }
                    None => String::new(),
                },
                body
            )
        }
        Record::Note(n) => writeln!(
            out,
            "{:>6} {:>12} {:>4}   ! {} {}{}: {}",
            n.frame.map(|f| f.to_string()).unwrap_or_default(),
            "",
            n.stream.map(|s| s.to_string()).unwrap_or_default(),
            l.t(match n.severity {
                crate::model::Severity::Error => "dumptext-severity-error",
                crate::model::Severity::Warning => "dumptext-severity-warning",
                crate::model::Severity::Info => "dumptext-severity-info",
            }),
            n.rule,
            n.section.map(|s| format!(" ({s})")).unwrap_or_default(),
            n.message
        ),
        Record::Summary(s) => writeln!(
            out,
            "# {}",
            tr!(
                l,
                "dumptext-summary",
                packets = crate::i18n::num(s.packets.packets as f64),
                streams = crate::i18n::num(s.streams as f64),
                handshakes = crate::i18n::num(s.handshakes as f64),
                frames = crate::i18n::num(s.ws_frames as f64),
                messages = crate::i18n::num(s.ws_messages as f64),
                info = crate::i18n::num(s.notes[0] as f64),
                warning = crate::i18n::num(s.notes[1] as f64),
                error = crate::i18n::num(s.notes[2] as f64)
            )
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
