//! The packet list: one row per HTTP head, per WebSocket frame, and (when
//! shown) per other packet, with Wireshark's columns.
//!
//! Only the rows on screen are formatted, each from a bounded prefix of its
//! payload, so drawing costs the same on any capture size.

use crate::ws::Opcode;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::Frame;

use super::index::{Index, Row, RowKind};
use super::records::Rec;
use super::text::{escape, preview};
use super::tree::{message_of, severity_mark};
use crate::capture::Timestamp;
use crate::model::{Dissection, WsFrame};
use crate::net::Direction;

/// Column widths for the current capture.
#[derive(Debug, Clone, Copy)]
pub struct Cols {
    no: usize,
    time: usize,
    stream: usize,
    proto: usize,
    len: usize,
}

/// How the Time column shows a row's time: Wireshark's View → Time Display
/// Format, the three a student compares with Wireshark (`T` cycles them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimeFormat {
    /// Seconds since the first packet of the capture (Wireshark's default,
    /// "Seconds Since Beginning of Capture").
    #[default]
    SinceStart,
    /// Seconds since the previous row the list shows ("Seconds Since
    /// Previous Displayed Packet"): depends on the filter and on `a`.
    SincePrevious,
    /// The wall-clock time of day, in UTC ("UTC Time of Day"), as the
    /// capture's timestamps give it.
    WallClock,
}

impl TimeFormat {
    /// The next format (what `T` switches to).
    pub fn next(self) -> TimeFormat {
        match self {
            TimeFormat::SinceStart => TimeFormat::SincePrevious,
            TimeFormat::SincePrevious => TimeFormat::WallClock,
            TimeFormat::WallClock => TimeFormat::SinceStart,
        }
    }

    /// The format's key in message ids (`tui-time-…`).
    fn key(self) -> &'static str {
        match self {
            TimeFormat::SinceStart => "start",
            TimeFormat::SincePrevious => "previous",
            TimeFormat::WallClock => "clock",
        }
    }

    /// The column header, in `l`'s language: says which format is shown.
    pub fn header(self, l: &crate::i18n::L10n) -> String {
        l.t(&format!("tui-time-header-{}", self.key()))
    }

    /// The format's full name, as Wireshark's menu says it, in `l`'s language.
    pub fn name(self, l: &crate::i18n::L10n) -> String {
        l.t(&format!("tui-time-name-{}", self.key()))
    }

    /// The cell for a row at `ts`; `t0` is the first packet's time and
    /// `prev` the previous shown row's.
    pub fn cell(self, ts: Timestamp, t0: Option<Timestamp>, prev: Option<Timestamp>) -> String {
        match self {
            TimeFormat::SinceStart => match t0 {
                Some(t) => format!("{:.6}", ts.seconds_since(t)),
                None => "0.000000".into(),
            },
            TimeFormat::SincePrevious => match prev {
                Some(p) => format!("{:.6}", ts.seconds_since(p)),
                None => "0.000000".into(),
            },
            TimeFormat::WallClock => {
                let day = ts.secs.rem_euclid(86_400);
                format!(
                    "{:02}:{:02}:{:02}.{:06}",
                    day / 3600,
                    day / 60 % 60,
                    day % 60,
                    ts.nanos / 1000
                )
            }
        }
    }
}

/// The capture time of a row's record.
pub fn row_ts(d: &Dissection, ix: &Index, row: &Row) -> Option<Timestamp> {
    let i = row.r.idx as usize;
    match row.r.kind {
        RowKind::Http => d.http.get(i).map(|h| h.ts),
        RowKind::Frame => ix.frames.get(i).map(|f| f.ts),
        RowKind::Packet => ix.packets.get(i).map(|p| p.ts),
    }
}

/// A row's time since the first packet, as the list's default Time column
/// shows it (the flow and follow views label their rows with it).
pub fn row_time(d: &Dissection, ix: &Index, row: &Row) -> String {
    row_ts(d, ix, row)
        .map(|ts| TimeFormat::SinceStart.cell(ts, ix.t0, None))
        .unwrap_or_default()
}

/// Wireshark's colouring rules the list applies to a row whose packet
/// matches them. Only "Bad TCP" (`tcp.analysis.flags &&
/// !tcp.analysis.window_update && !tcp.analysis.keep_alive &&
/// !tcp.analysis.keep_alive_ack`): Wireshark paints it red (#ff5f5f) on
/// black (#121212); here the terminal's red on black.
pub fn bad_tcp_style() -> Style {
    Style::default().fg(Color::Red).bg(Color::Black)
}

/// The packet record of frame `no`, if the capture has it.
fn packet_of(ix: &Index, no: u64) -> Option<Rec<'_, crate::model::PacketInfo>> {
    ix.packet_info(no)
}

/// Short protocol or opcode name for the list.
pub fn proto_name(op: Opcode) -> String {
    match op {
        Opcode::Continuation => "Cont".into(),
        Opcode::Text => "Text".into(),
        Opcode::Binary => "Binary".into(),
        Opcode::Close => "Close".into(),
        Opcode::Ping => "Ping".into(),
        Opcode::Pong => "Pong".into(),
        Opcode::Reserved(n) => format!("Rsv{n:X}"),
    }
}

/// A length in at most 6 characters.
pub fn compact(n: u64) -> String {
    if n < 1_000_000 {
        n.to_string()
    } else if n < 10_000_000_000 {
        format!("{:.1}M", n as f64 / 1e6)
    } else {
        format!("{:.1e}", n as f64)
    }
}

/// Wireshark-like Info text for a frame, from a bounded payload prefix:
/// Wireshark's words (opcode, `[FIN]`, `len=`, `reason=`) as it writes
/// them, wsdissect's additions in `l`'s language.
pub fn frame_info(d: &Dissection, ix: &Index, f: &WsFrame, l: &crate::i18n::L10n) -> String {
    let mut s = f.info_head();
    if f.close_code.is_some() {
        if let Some(r) = &f.close_reason {
            if !r.is_empty() {
                s.push_str(&format!(" reason=\"{}\"", escape(r, 40)));
            }
        }
    } else if let (Some(p), Some(rtt)) = (f.pong_for, f.rtt) {
        s.push(' ');
        s.push_str(&crate::tr!(
            l,
            "tui-info-pong",
            frame = p.to_string(),
            rtt = format!("{:.3}", rtt * 1e3)
        ));
    } else {
        let msg = message_of(d, ix, f);
        match msg {
            // A compressed message is readable only once whole: on its last frame.
            Some(m) if m.compressed && m.ws_frames.last() == Some(&f.index) => {
                let n = ix.message_len(d, &m);
                s.push(' ');
                s.push_str(&crate::tr!(
                    l,
                    "tui-info-inflated",
                    bytes = crate::i18n::count(n)
                ));
                if m.opcode == Opcode::Text {
                    s.push_str(&format!(
                        " {}",
                        preview(&ix.message_bytes(d, &m, 4 * 40 + 1), 40)
                    ));
                }
            }
            Some(m) if m.compressed => {}
            Some(m) if m.opcode == Opcode::Text => {
                s.push_str(&format!(" {}", preview(&ix.payload(d, f, 4 * 40 + 1), 40)));
            }
            None if f.opcode() == Opcode::Text => {
                s.push_str(&format!(" {}", preview(&ix.payload(d, f, 4 * 40 + 1), 40)));
            }
            _ => {}
        }
    }
    if !f.complete {
        s.push(' ');
        s.push_str(&l.t("tui-info-incomplete"));
    }
    s
}

/// The cells of one row.
pub struct RowText {
    /// Note marker and its colour.
    pub mark: Option<(&'static str, Color)>,
    /// No.
    pub no: String,
    /// Seconds since the first packet.
    pub time: String,
    /// Stream.
    pub stream: String,
    /// Arrow.
    pub dir: &'static str,
    /// Protocol / opcode.
    pub proto: String,
    /// Length.
    pub len: String,
    /// Info.
    pub info: String,
    /// Row colour.
    pub style: Style,
}

/// Formats one row.
pub fn row_text(d: &Dissection, ix: &Index, row: &Row, l: &crate::i18n::L10n) -> RowText {
    let rel = |ts| TimeFormat::SinceStart.cell(ts, ix.t0, None);
    let mark = ix.row_note(d, row).map(severity_mark);
    let idx = row.r.idx as usize;
    // Wireshark's Length column: the packet's length on the wire, whatever
    // the row stands for.
    let packet = packet_of(ix, row.no);
    let packet = packet.as_deref();
    let wire_len = |fallback: u64| compact(packet.map_or(fallback, |p| u64::from(p.orig_len)));
    let bad_tcp = packet
        .and_then(|p| p.tcp.as_ref())
        .is_some_and(|t| t.tcp_analysis.is_bad());
    let colour = |normal: Style| if bad_tcp { bad_tcp_style() } else { normal };
    match row.r.kind {
        RowKind::Http => {
            let Some(h) = d.http.get(idx) else {
                return empty(row.no);
            };
            let mut info = escape(&h.start_line, 120);
            // Green is for HTTP that went well; a failed upgrade is not.
            let mut style = Style::default().fg(Color::Green);
            if let Some(hs) = ix
                .hs_by_stream
                .get(&h.stream)
                .and_then(|&i| d.handshakes.get(i as usize))
            {
                if h.direction == Direction::ServerToClient && hs.response_frame == Some(h.frame) {
                    match hs.accept_valid {
                        _ if hs.refused() => {
                            info.push_str("  ");
                            info.push_str(&l.t("tui-info-upgrade-refused"));
                            style = Style::default().fg(Color::Yellow);
                        }
                        Some(true) => info.push_str("  Accept ✓"),
                        Some(false) => {
                            info.push_str("  Accept ✗");
                            style = Style::default().fg(Color::Red);
                        }
                        None => {}
                    }
                } else if h.direction == Direction::ClientToServer && hs.request_frame == h.frame {
                    info.push_str("  ");
                    info.push_str(&l.t("tui-info-upgrade"));
                }
            }
            // The head's own size (the Length column is the packet's).
            info.push_str("  ");
            info.push_str(&crate::tr!(
                l,
                "tui-info-head-size",
                bytes = h.head_length.to_string()
            ));
            RowText {
                mark,
                no: row.no.to_string(),
                time: rel(h.ts),
                stream: h.stream.to_string(),
                dir: h.direction.arrow(),
                proto: "HTTP".into(),
                len: wire_len(h.head_length),
                info,
                style: colour(style),
            }
        }
        RowKind::Frame => {
            let Some(fr) = ix.frames.get(idx) else {
                return empty(row.no);
            };
            let style = match fr.opcode() {
                Opcode::Close => Style::default().fg(Color::Magenta),
                Opcode::Ping | Opcode::Pong => Style::default().fg(Color::Cyan),
                Opcode::Continuation | Opcode::Text | Opcode::Binary => Style::default(),
                Opcode::Reserved(_) => Style::default().fg(Color::Red),
            };
            // The frame's own size (header + payload) goes after its
            // header summary; the Length column is the packet's.
            let size = u64::from(fr.header.header_len).saturating_add(fr.header.payload_len);
            let mut info = frame_info(d, ix, &fr, l);
            let at = fr.info_head().len().min(info.len());
            if info.is_char_boundary(at) {
                let tag = crate::tr!(l, "tui-info-frame-size", bytes = size.to_string());
                info.insert_str(at, &format!(" {tag}"));
            }
            RowText {
                mark,
                no: row.no.to_string(),
                time: rel(fr.ts),
                stream: fr.stream.to_string(),
                dir: fr.direction.arrow(),
                proto: proto_name(fr.opcode()),
                len: wire_len(size),
                info,
                style: colour(style),
            }
        }
        RowKind::Packet => {
            let Some(p) = ix.packets.get(idx) else {
                return empty(row.no);
            };
            let dim = Style::default().fg(Color::DarkGray);
            match &p.tcp {
                Some(t) => {
                    // The model's wording (analysis labels first, scaled
                    // window, options), and the reassembly mark at the end,
                    // as in Wireshark.
                    let mut info = t.info();
                    if ix.segment_of.contains_key(&p.frame) {
                        info.push_str(" [TCP segment of a reassembled PDU]");
                    }
                    RowText {
                        mark,
                        no: row.no.to_string(),
                        time: rel(p.ts),
                        stream: t.stream.to_string(),
                        dir: t.direction.arrow(),
                        proto: "TCP".into(),
                        len: compact(u64::from(p.orig_len)),
                        info,
                        style: colour(dim),
                    }
                }
                None => RowText {
                    mark,
                    no: row.no.to_string(),
                    time: rel(p.ts),
                    stream: String::new(),
                    dir: " ",
                    proto: "—".into(),
                    len: compact(u64::from(p.orig_len)),
                    info: escape(p.not_tcp.as_deref().unwrap_or("not TCP"), 120),
                    style: dim,
                },
            }
        }
    }
}

fn empty(no: u64) -> RowText {
    RowText {
        mark: None,
        no: no.to_string(),
        time: String::new(),
        stream: String::new(),
        dir: " ",
        proto: String::new(),
        len: String::new(),
        info: String::new(),
        style: Style::default(),
    }
}

/// Column widths for this capture, with the time shown as `tf`; each column
/// is at least as wide as its header in `l`'s language.
pub fn cols(ix: &Index, tf: TimeFormat, l: &crate::i18n::L10n) -> Cols {
    let width = |id: &str| Line::raw(l.t(id)).width();
    let no = ix
        .max_no
        .max(100)
        .to_string()
        .len()
        .max(width("tui-list-no"));
    let last = ix.packets.last().map(|p| p.ts);
    let time = match (tf, ix.t0, last) {
        (TimeFormat::WallClock, _, _) => "00:00:00.000000".len(),
        (_, Some(a), Some(b)) => format!("{:.6}", b.seconds_since(a)).len().max(8),
        _ => 8,
    }
    .max(Line::raw(tf.header(l)).width());
    let stream = ix
        .streams
        .iter()
        .next_back()
        .map_or(3, |s| s.to_string().len().max(3))
        .max(width("tui-list-stream"));
    Cols {
        no,
        time,
        stream,
        proto: width("tui-list-protocol").max(6),
        len: width("tui-list-length").max(6),
    }
}

/// The column header line in `l`'s language; the Time column's header
/// names the format.
pub fn header(c: &Cols, tf: TimeFormat, l: &crate::i18n::L10n) -> String {
    format!(
        "  {:>nw$} {:>tw$} {:>sw$}   {:<pw$} {:>lw$} {}",
        l.t("tui-list-no"),
        tf.header(l),
        l.t("tui-list-stream"),
        l.t("tui-list-protocol"),
        l.t("tui-list-length"),
        l.t("tui-list-info"),
        nw = c.no,
        tw = c.time,
        sw = c.stream,
        pw = c.proto,
        lw = c.len
    )
}

/// Draws rows `visible[offset..]` into `area`; `sel` is highlighted.
#[allow(clippy::too_many_arguments)]
pub fn draw(
    f: &mut Frame,
    area: Rect,
    d: &Dissection,
    ix: &Index,
    visible: &[u32],
    offset: usize,
    sel: Option<usize>,
    focused: bool,
    tf: TimeFormat,
    l: &crate::i18n::L10n,
) {
    let c = cols(ix, tf, l);
    for (i, pos) in (offset..visible.len())
        .take(area.height as usize)
        .enumerate()
    {
        let Some(row) = ix.rows.get(visible[pos] as usize) else {
            continue;
        };
        let t = row_text(d, ix, &row, l);
        let prev = match (tf, pos.checked_sub(1)) {
            (TimeFormat::SincePrevious, Some(p)) => visible
                .get(p)
                .and_then(|&r| ix.rows.get(r as usize))
                .and_then(|r| row_ts(d, ix, &r)),
            _ => None,
        };
        let time = row_ts(d, ix, &row).map_or(t.time.clone(), |ts| tf.cell(ts, ix.t0, prev));
        let y = area.y + i as u16;
        let selected = sel == Some(pos);
        let mut base = t.style;
        if selected {
            base = if focused {
                Style::default()
                    .bg(Color::Blue)
                    .fg(Color::White)
                    .add_modifier(Modifier::BOLD)
            } else {
                Style::default().bg(Color::DarkGray).fg(Color::White)
            };
            f.buffer_mut()
                .set_style(Rect::new(area.x, y, area.width, 1), base);
        }
        let (mark, mark_color) = t.mark.unwrap_or((" ", Color::Reset));
        let mark_style = if t.mark.is_some() {
            Style::default().fg(mark_color).add_modifier(Modifier::BOLD)
        } else {
            Style::default()
        };
        let line = Line::from(vec![
            Span::styled(
                mark,
                if selected {
                    mark_style.bg(base.bg.unwrap_or(Color::Reset))
                } else {
                    mark_style
                },
            ),
            Span::styled(
                format!(
                    " {:>nw$} {:>tw$} {:>sw$} {} {:<pw$} {:>lw$} {}",
                    t.no,
                    time,
                    t.stream,
                    t.dir,
                    t.proto,
                    t.len,
                    t.info,
                    nw = c.no,
                    tw = c.time,
                    sw = c.stream,
                    pw = c.proto,
                    lw = c.len
                ),
                base,
            ),
        ]);
        f.buffer_mut().set_line(area.x, y, &line, area.width);
    }
}
