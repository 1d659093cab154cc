//! `8` Flow: the selected row's connection as a sequence diagram, like
//! Wireshark's Flow Graph: the client on the left, the server on the
//! right, one arrow per packet (SYN, SYN/ACK, ACK, FIN, RST, what its
//! payload completes) or, switched with `m`, one per HTTP head and
//! WebSocket frame.
//!
//! A connection may have a million packets: the arrows are the
//! connection's rows of the list (positions in `Index::rows`, 4 bytes
//! each), and only the arrows on screen are worded.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use super::{dim, Ctx, Doc};
use crate::i18n::L10n;
use crate::model::Dissection;
use crate::net::{Direction, StreamId};
use crate::tr;
use crate::tui::index::{Index, Row, RowKind, RowRef};
use crate::tui::list;
use crate::tui::text::{escape, preview};
use crate::ws::Opcode;

/// The flow view's state: which arrows, which one is selected.
#[derive(Debug, Clone, Default)]
pub struct FlowState {
    /// One arrow per HTTP head and WebSocket frame (else one per packet).
    pub per_frame: bool,
    /// The selected arrow.
    pub sel: usize,
    /// The first arrow on screen.
    pub top: usize,
    /// The connection's rows of the current kind: positions in `Index::rows`.
    arrows: Vec<u32>,
    /// What `arrows` was built for: stream, mode, model generation.
    built: Option<(StreamId, bool, u64)>,
    /// The row to select when the arrows are (re)built.
    want: Option<(RowRef, u64)>,
}

/// Whether `row` is an arrow of `stream` in this mode.
fn is_arrow(d: &Dissection, ix: &Index, row: &Row, stream: StreamId, per_frame: bool) -> bool {
    let kind_ok = match row.r.kind {
        RowKind::Packet => !per_frame,
        RowKind::Http | RowKind::Frame => per_frame,
    };
    kind_ok && ix.row_stream(d, row.r).is_some_and(|(s, _)| s == stream)
}

/// The stream of the selected row.
pub fn stream_of(ctx: &Ctx) -> Option<StreamId> {
    let (r, _) = ctx.row?;
    ctx.ix.row_stream(ctx.d, r).map(|s| s.0)
}

impl FlowState {
    /// The arrows' rows, once [`FlowState::prepare`] ran.
    pub fn len(&self) -> usize {
        self.arrows.len()
    }

    /// Whether there is no arrow.
    pub fn is_empty(&self) -> bool {
        self.arrows.is_empty()
    }

    /// The selected arrow's row.
    pub fn selected_row(&self, ix: &Index) -> Option<Row> {
        let &i = self.arrows.get(self.sel)?;
        ix.rows.get(i as usize)
    }

    /// Builds the arrows for the selection's connection, when the stream,
    /// the mode or the model changed; keeps the selected arrow's row (or
    /// selects the list's row on first use).
    pub fn prepare(&mut self, ctx: &Ctx, generation: u64) {
        let Some(stream) = stream_of(ctx) else {
            self.arrows.clear();
            self.built = None;
            return;
        };
        let key = (stream, self.per_frame, generation);
        if self.built == Some(key) {
            return;
        }
        let keep = match self.built {
            Some((s, _, _)) if s == stream => self.selected_row(ctx.ix).map(|r| (r.r, r.no)),
            _ => None,
        };
        let want = self.want.take().or(keep).or(ctx.row);
        self.arrows.clear();
        let (d, ix) = (ctx.d, ctx.ix);
        for (i, row) in ix.rows.iter().enumerate() {
            if is_arrow(d, ix, &row, stream, self.per_frame) {
                self.arrows.push(i as u32);
            }
        }
        self.built = Some(key);
        self.sel = 0;
        if let Some((r, no)) = want {
            // The same row, else the first arrow of the same packet or later.
            let rows = &ix.rows;
            let at = self
                .arrows
                .partition_point(|&i| rows.at(i as usize).no < no);
            let exact = self.arrows[at..]
                .iter()
                .take_while(|&&i| rows.at(i as usize).no == no)
                .position(|&i| rows.at(i as usize).r == r);
            self.sel = at + exact.unwrap_or(0);
        }
        self.sel = self.sel.min(self.arrows.len().saturating_sub(1));
    }

    /// Switches per packet / per frame, keeping the selected packet.
    pub fn toggle(&mut self, ix: &Index) {
        self.want = self.selected_row(ix).map(|r| (r.r, r.no));
        self.per_frame = !self.per_frame;
        self.built = None;
    }

    /// Moves the selection by `delta` arrows (clamped).
    pub fn step(&mut self, delta: isize) {
        let max = self.arrows.len().saturating_sub(1) as isize;
        self.sel = (self.sel as isize)
            .saturating_add(delta)
            .clamp(0, max.max(0)) as usize;
    }

    /// Scrolls so the selection is among the `height` arrows shown.
    pub fn scroll(&mut self, height: usize) {
        let h = height.max(1);
        if self.sel < self.top {
            self.top = self.sel;
        } else if self.sel >= self.top + h {
            self.top = self.sel + 1 - h;
        }
        self.top = self
            .top
            .min(self.arrows.len().saturating_sub(h))
            .min(self.sel);
    }
}

/// Lines above the arrows: the column heads.
pub const HEAD_LINES: usize = 2;

/// Direction colour, the Follow view's: client red, server blue.
pub fn dir_color(d: Direction) -> Color {
    match d {
        Direction::ClientToServer => Color::Red,
        Direction::ServerToClient => Color::Blue,
    }
}

/// What an HTTP head or WebSocket frame row is, in a few words.
pub fn unit_label(d: &Dissection, ix: &Index, l: &L10n, r: RowRef) -> String {
    match r.kind {
        RowKind::Http => {
            let Some(h) = d.http.get(r.idx as usize) else {
                return String::new();
            };
            match (&h.method, &h.target, h.status) {
                (Some(m), Some(t), _) => format!("HTTP {} {}", escape(m, 10), escape(t, 40)),
                _ => {
                    // "HTTP/1.1 101 Switching Protocols" → "101 Switching Protocols"
                    let line = h.start_line.split_once(' ').map_or("", |x| x.1);
                    escape(line, 40)
                }
            }
        }
        RowKind::Frame => {
            let Some(f) = ix.frames.get(r.idx as usize) else {
                return String::new();
            };
            let n = f.header.payload_len;
            let mut s = match f.opcode() {
                Opcode::Text => {
                    let msg = f
                        .message
                        .and_then(|m| ix.msg_by_key.get(f.stream, m))
                        .and_then(|i| ix.messages.get(i as usize))
                        .filter(|m| m.ws_frames.last() == Some(&f.index));
                    match msg {
                        Some(m) if m.compressed => {
                            format!("Text {}", preview(&ix.message_bytes(d, &m, 96), 20))
                        }
                        _ if f.compressed => tr!(l, "view-flow-text-compressed", len = n),
                        _ => format!("Text {}", preview(&ix.payload(d, &f, 96), 20)),
                    }
                }
                Opcode::Binary => format!("Binary {n} B"),
                Opcode::Continuation => format!("continuation {n} B"),
                Opcode::Ping => "Ping".into(),
                Opcode::Pong => "Pong".into(),
                Opcode::Close => match f.close_code {
                    Some(c) => match f.close_reason.as_deref().filter(|r| !r.is_empty()) {
                        Some(reason) => format!("Close {c} \"{}\"", escape(reason, 24)),
                        None => format!("Close {c}"),
                    },
                    None => "Close".into(),
                },
                Opcode::Reserved(o) => format!("opcode {o}"),
            };
            if !f.header.fin {
                s.push(' ');
                s.push_str(&l.t("view-flow-no-fin"));
            }
            s
        }
        RowKind::Packet => String::new(),
    }
}

/// What a packet is, as its arrow says: its TCP control flags, and what
/// its payload completes (HTTP heads, WebSocket frames, TLS records).
pub fn packet_label(d: &Dissection, ix: &Index, l: &L10n, idx: u32) -> String {
    let Some(p) = ix.packets.get(idx as usize) else {
        return String::new();
    };
    let Some(t) = &p.tcp else {
        return match p.not_tcp.as_deref() {
            Some(why) => escape(why, 40),
            None => l.t("view-flow-not-tcp"),
        };
    };
    let f = t.flags;
    let mut parts: Vec<String> = Vec::new();
    if f.syn {
        parts.push(if f.ack { "SYN/ACK" } else { "SYN" }.into());
    }
    if f.fin {
        parts.push("FIN".into());
    }
    if f.rst {
        parts.push("RST".into());
    }
    if t.len > 0 {
        // The rows this packet completes, in the list's order.
        let rows = &ix.rows;
        let at = rows.partition_point(|r| r.no < p.frame);
        let units: Vec<String> = rows
            .iter_from(at)
            .take_while(|r| r.no == p.frame)
            .filter(|r| r.r.kind != RowKind::Packet)
            .filter(|r| ix.row_stream(d, r.r).is_some_and(|s| s.0 == t.stream))
            .map(|r| unit_label(d, ix, l, r.r))
            .collect();
        let mut tls: Vec<&'static str> = Vec::new();
        for &i in ix.tls_by_frame.get(&p.frame).into_iter().flatten() {
            if let Some(rec) = d.tls_records.get(i as usize) {
                if rec.stream == t.stream && rec.frame == p.frame {
                    let name = rec.inner_type.unwrap_or(rec.content_type).name();
                    if !tls.contains(&name) {
                        tls.push(name);
                    }
                }
            }
        }
        if !tls.is_empty() {
            parts.push(format!("TLS {}", tls.join(", ")));
        }
        if !units.is_empty() {
            parts.push(units.join(", "));
        } else if let Some(r) = ix.segment_of.get(&p.frame) {
            parts.push(tr!(
                l,
                "view-flow-segment-of",
                unit = unit_label(d, ix, l, *r)
            ));
        } else if tls.is_empty() {
            parts.push(format!("Len={}", t.len));
        }
    }
    if parts.is_empty() {
        parts.push(if f.ack {
            "ACK".to_string()
        } else {
            l.t("view-flow-no-flags")
        });
    }
    parts.join(" · ")
}

/// An arrow `width` columns wide between the two lifelines, labelled.
pub fn arrow(dir: Direction, label: &str, width: usize) -> String {
    let inner = width.saturating_sub(2).max(8);
    let room = inner.saturating_sub(4);
    let mut label = escape(label, 400);
    if label.chars().count() > room {
        label = label.chars().take(room.saturating_sub(1)).collect();
        label.push('…');
    }
    let fill = "─".repeat(inner.saturating_sub(label.chars().count() + 4));
    match dir {
        Direction::ClientToServer => format!("│─ {label} {fill}▶│"),
        Direction::ServerToClient => format!("│◀{fill} {label} ─│"),
    }
}

/// Builds the lines on screen: the heads and `height` arrows from `top`.
pub fn build(doc: &mut Doc, ctx: &Ctx, st: &FlowState, height: usize) {
    let (d, ix) = (ctx.d, ctx.ix);
    let l = L10n::get(ctx.lang);
    let Some(stream) = stream_of(ctx) else {
        doc.title = l.t("view-no-connection-title");
        doc.p(0, &l.t("view-flow-no-connection"));
        return;
    };
    let conn = ix
        .conn_by_stream
        .get(&stream)
        .and_then(|&i| d.connections.get(i as usize));
    let mode = l.t(if st.per_frame {
        "view-flow-per-unit"
    } else {
        "view-flow-per-packet"
    });
    doc.title = tr!(
        l,
        "view-flow-title",
        stream = super::n(stream),
        mode = mode,
        arrow = super::n(if st.is_empty() { 0 } else { st.sel as u64 + 1 }),
        arrows = super::n(st.len() as u64)
    );
    let lw = 10 + 1 + 7 + 2;
    let aw = doc.width.saturating_sub(lw).max(20);
    let (client, server) = conn.map_or((l.t("view-flow-client"), l.t("view-flow-server")), |c| {
        (
            format!("{} {}", l.t("view-flow-client"), c.client),
            format!("{} {}", l.t("view-flow-server"), c.server),
        )
    });
    let pad = aw.saturating_sub(client.chars().count() + server.chars().count());
    doc.line(vec![
        Span::styled(
            format!("{:>10} {:>7}  ", l.t("view-flow-time"), "No."),
            dim(),
        ),
        Span::styled(
            client,
            Style::default().fg(dir_color(Direction::ClientToServer)),
        ),
        Span::raw(" ".repeat(pad)),
        Span::styled(
            server,
            Style::default().fg(dir_color(Direction::ServerToClient)),
        ),
    ]);
    doc.line(vec![Span::styled(
        format!(
            "{}│{}│",
            " ".repeat(lw),
            " ".repeat(aw.saturating_sub(2).max(8))
        ),
        dim(),
    )]);
    if st.is_empty() {
        doc.p(
            0,
            &l.t(if st.per_frame {
                "view-flow-no-units"
            } else {
                "view-flow-no-packets"
            }),
        );
        return;
    }
    for (k, &ri) in st.arrows.iter().enumerate().skip(st.top).take(height) {
        let Some(row) = ix.rows.get(ri as usize) else {
            continue;
        };
        let Some((_, dir)) = ix.row_stream(d, row.r) else {
            continue;
        };
        let label = match row.r.kind {
            RowKind::Packet => packet_label(d, ix, l, row.r.idx),
            _ => unit_label(d, ix, l, row.r),
        };
        let time = list::row_time(d, ix, &row);
        let mut style = Style::default().fg(dir_color(dir));
        let mut left = Style::default();
        if k == st.sel {
            style = style.add_modifier(Modifier::REVERSED | Modifier::BOLD);
            left = left.add_modifier(Modifier::REVERSED);
        }
        doc.lines.push(Line::from(vec![
            Span::styled(format!("{time:>10} {:>7}  ", row.no), left),
            Span::styled(arrow(dir, &label, aw), style),
        ]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_point_the_right_way_and_fit() {
        let a = arrow(Direction::ClientToServer, "SYN", 20);
        assert_eq!(a, "│─ SYN ───────────▶│");
        assert_eq!(a.chars().count(), 20);
        let b = arrow(Direction::ServerToClient, "SYN/ACK", 20);
        assert_eq!(b, "│◀─────── SYN/ACK ─│");
        assert_eq!(b.chars().count(), 20);
        let long = arrow(Direction::ClientToServer, &"x".repeat(100), 20);
        assert_eq!(long.chars().count(), 20);
    }
}
