//! The bytes pane: hex + ASCII of one data source with the selected field's
//! bytes highlighted.
//!
//! Like Wireshark's data-source tabs, a row offers the packet itself and the
//! buffers derived from it: the reassembled unit when it spans packets, the
//! unmasked payload, the decompressed message. A field that lives in several
//! of them is highlighted in whichever is shown. Only the lines on screen are
//! ever read, so a 16 MiB payload costs no more than a 60-byte one.
//!
//! A unit decrypted from TLS (wss://) is not in its packets as such: they
//! hold it encrypted, at places the model does not record. Its bytes come
//! from the model instead (an HTTP head's `raw`, a frame's header and
//! re-masked payload) in the "Decrypted TLS" tab, Wireshark's name for it,
//! shown first; the packet's tab then highlights nothing of the unit.

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::Frame;

use super::index::{
    read_unit, slice, spans_len, unit_in_packet, unit_ranges_in, Index, RowKind, RowRef,
};
use super::records::Rec;
use super::text::ascii;
use super::tree::{message_of, Hl, Src};
use crate::model::{spans_decrypted, Dissection, Span as UnitSpan, WsFrame};

/// A data source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TabKind {
    /// A packet's captured bytes (frame number).
    Packet(u64),
    /// The HTTP head or WebSocket frame, put together from its packets.
    Reassembled,
    /// The HTTP head or WebSocket frame as decrypted from its TLS records
    /// (same offsets as `Reassembled`).
    Decrypted,
    /// The unmasked payload.
    Unmasked,
    /// The decompressed message.
    Decompressed,
}

/// A tab of the bytes pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tab {
    /// Which buffer.
    pub kind: TabKind,
    /// Its length.
    pub len: u64,
}

impl Tab {
    /// The tab's title, as in Wireshark, in `l`'s language.
    pub fn title(&self, l: &crate::i18n::L10n) -> String {
        crate::tr!(
            l,
            "tui-tab-with-size",
            tab = self.short_title(l),
            kind = self.kind_key(),
            bytes = crate::i18n::num(self.len as f64)
        )
    }

    /// The title without its byte count, for a narrow bytes pane.
    pub fn short_title(&self, l: &crate::i18n::L10n) -> String {
        match self.kind {
            TabKind::Packet(n) => crate::tr!(l, "tui-tab-frame", frame = n.to_string()),
            TabKind::Reassembled => l.t("tui-tab-reassembled"),
            TabKind::Decrypted => l.t("tui-tab-decrypted"),
            TabKind::Unmasked => l.t("tui-tab-unmasked"),
            TabKind::Decompressed => l.t("tui-tab-decompressed"),
        }
    }

    /// Which kind of tab, for the messages that word them differently.
    fn kind_key(&self) -> &'static str {
        match self.kind {
            TabKind::Packet(_) => "frame",
            TabKind::Reassembled => "reassembled",
            TabKind::Decrypted => "decrypted",
            TabKind::Unmasked => "unmasked",
            TabKind::Decompressed => "decompressed",
        }
    }
}

/// What the bytes pane shows for the current selection.
#[derive(Debug, Clone, Default)]
pub struct HexView {
    /// Available tabs.
    pub tabs: Vec<Tab>,
    /// The tab shown.
    pub active: usize,
    /// Highlighted ranges in the active tab.
    pub ranges: Vec<(u64, u64)>,
}

impl HexView {
    /// The tab shown.
    pub fn tab(&self) -> Option<Tab> {
        self.tabs.get(self.active).copied()
    }

    /// First highlighted byte.
    pub fn first_hl(&self) -> Option<u64> {
        self.ranges.iter().map(|r| r.0).min()
    }

    /// Whether byte `i` is highlighted.
    fn is_hl(&self, i: u64) -> bool {
        self.ranges.iter().any(|&(a, b)| i >= a && i < b)
    }
}

enum Unit<'a> {
    Http(&'a crate::model::HttpMessage),
    Frame(Rec<'a, WsFrame>),
    None,
}

impl Unit<'_> {
    fn spans(&self) -> &[UnitSpan] {
        match self {
            Unit::Http(h) => &h.spans,
            Unit::Frame(f) => &f.spans,
            Unit::None => &[],
        }
    }
}

fn unit_of<'a>(d: &'a Dissection, ix: &'a Index, row: RowRef) -> Unit<'a> {
    match row.kind {
        RowKind::Http => d.http.get(row.idx as usize).map_or(Unit::None, Unit::Http),
        RowKind::Frame => ix
            .frames
            .get(row.idx as usize)
            .map_or(Unit::None, Unit::Frame),
        RowKind::Packet => Unit::None,
    }
}

/// Works out the tabs, the active tab and the highlight.
///
/// `choice` is the tab the user picked with `t` (reset whenever the
/// selected field changes); without it the tab holding the field is shown.
pub fn compute(
    d: &Dissection,
    ix: &Index,
    row: RowRef,
    no: u64,
    hl: Option<Hl>,
    choice: Option<usize>,
) -> HexView {
    let unit = unit_of(d, ix, row);
    let spans = unit.spans();
    let hlen = match &unit {
        Unit::Frame(f) => u64::from(f.header.header_len),
        _ => 0,
    };
    // The highlight as unit offsets, when it can be expressed so.
    let unit_range = match hl {
        Some(Hl {
            src: Src::Unit,
            start,
            end,
        }) => Some((start, end)),
        Some(Hl {
            src: Src::Unmasked,
            start,
            end,
        }) if matches!(unit, Unit::Frame(_)) => {
            Some((hlen.saturating_add(start), hlen.saturating_add(end)))
        }
        _ => None,
    };
    // The packet shown: the one holding the selected bytes (for decrypted
    // bytes, the one that completed their TLS record).
    let packet_no = match unit_range {
        Some((s, e)) => unit_in_packet(spans, s, e).map(|p| p.0).unwrap_or(no),
        None => no,
    };
    let mut tabs = Vec::new();
    let plen = ix.packet_len(d, packet_no).unwrap_or(0);
    tabs.push(Tab {
        kind: TabKind::Packet(packet_no),
        len: plen,
    });
    let mut distinct = spans.iter().map(|s| s.frame).collect::<Vec<_>>();
    distinct.dedup();
    let decrypted = spans_decrypted(spans);
    if decrypted {
        let len = match &unit {
            Unit::Http(h) => h.raw.len() as u64,
            Unit::Frame(f) => spans_len(spans).max(f.header_bytes.len() as u64),
            Unit::None => 0,
        };
        tabs.push(Tab {
            kind: TabKind::Decrypted,
            len,
        });
    } else if distinct.len() > 1 {
        let len = match &unit {
            Unit::Http(h) => h.raw.len() as u64,
            _ => spans_len(spans),
        };
        tabs.push(Tab {
            kind: TabKind::Reassembled,
            len,
        });
    }
    if let Unit::Frame(f) = &unit {
        if f.header.masked && !f.payload.is_empty() {
            tabs.push(Tab {
                kind: TabKind::Unmasked,
                len: ix.payload_len(d, f),
            });
        }
        if let Some(m) = message_of(d, ix, f) {
            if m.compressed && !m.bytes().is_empty() {
                tabs.push(Tab {
                    kind: TabKind::Decompressed,
                    len: ix.message_len(d, &m),
                });
            }
        }
    }
    let tab_of = |k: TabKind| tabs.iter().position(|t| t.kind == k);
    let wanted = match hl.map(|h| h.src) {
        Some(Src::Unmasked) => tab_of(TabKind::Unmasked),
        Some(Src::Decompressed) => tab_of(TabKind::Decompressed),
        Some(Src::Packet) => None,
        // A decrypted unit opens on its decrypted bytes.
        Some(Src::Unit) | None => tab_of(TabKind::Decrypted),
    }
    .unwrap_or(0);
    let active = match choice {
        Some(c) if c < tabs.len() => c,
        _ => wanted,
    };
    let kind = tabs[active].kind;
    let ranges = match (kind, hl) {
        (_, None) => Vec::new(),
        (TabKind::Packet(p), Some(h)) if h.src == Src::Packet => {
            if p == no {
                vec![(h.start, h.end)]
            } else {
                Vec::new()
            }
        }
        (TabKind::Packet(p), _) => match unit_range {
            Some((s, e)) => unit_ranges_in(spans, p, s, e),
            None => Vec::new(),
        },
        (TabKind::Reassembled | TabKind::Decrypted, _) => unit_range.into_iter().collect(),
        (TabKind::Unmasked, Some(h)) if h.src == Src::Unmasked => vec![(h.start, h.end)],
        (TabKind::Unmasked, _) => match unit_range {
            Some((s, e)) if e > hlen => vec![(s.max(hlen) - hlen, e - hlen)],
            _ => Vec::new(),
        },
        (TabKind::Decompressed, Some(h)) if h.src == Src::Decompressed => vec![(h.start, h.end)],
        (TabKind::Decompressed, _) => Vec::new(),
    };
    HexView {
        tabs,
        active,
        ranges,
    }
}

/// Reads bytes of the active tab at `offset` into `out`; returns how many.
pub fn read(
    d: &Dissection,
    ix: &Index,
    row: RowRef,
    tab: Tab,
    offset: u64,
    out: &mut [u8],
) -> usize {
    let unit = unit_of(d, ix, row);
    match tab.kind {
        TabKind::Packet(p) => ix
            .packet_index(p)
            .and_then(|i| ix.store.packets.get(i))
            .map_or(0, |loc| ix.store.read(*loc, offset, out)),
        TabKind::Reassembled => match unit {
            Unit::Http(h) => slice(&h.raw, offset, out),
            Unit::Frame(f) => read_unit(d, ix, &f.spans, offset, out),
            Unit::None => 0,
        },
        TabKind::Decrypted => match unit {
            Unit::Http(h) => slice(&h.raw, offset, out),
            Unit::Frame(f) => ix.read_sent(d, &f, offset, out),
            Unit::None => 0,
        },
        TabKind::Unmasked => match unit {
            Unit::Frame(f) => ix.read_payload(d, &f, offset, out),
            _ => 0,
        },
        TabKind::Decompressed => match unit {
            Unit::Frame(f) => {
                message_of(d, ix, &f).map_or(0, |m| ix.read_message(d, &m, offset, out))
            }
            _ => 0,
        },
    }
}

/// Bytes per line for a pane width: 16 when it fits, else 8.
pub fn per_line(width: u16, offset_digits: usize) -> usize {
    let need16 = offset_digits + 2 + 16 * 3 + 1 + 1 + 16;
    if width as usize >= need16 {
        16
    } else {
        8
    }
}

/// Hex digits of the offset column for a buffer length.
pub fn offset_digits(len: u64) -> usize {
    if len <= 0x1_0000 {
        4
    } else if len <= 0x1_0000_0000 {
        8
    } else {
        16
    }
}

/// Draws `lines` lines of the active tab from line `scroll`.
// Byte i of a line indexes the read buffer and the highlight at once.
#[allow(clippy::too_many_arguments, clippy::needless_range_loop)]
pub fn draw(
    f: &mut Frame,
    area: Rect,
    d: &Dissection,
    ix: &Index,
    row: RowRef,
    view: &HexView,
    scroll: u64,
    l: &crate::i18n::L10n,
) {
    let Some(tab) = view.tab() else { return };
    let digits = offset_digits(tab.len);
    let per = per_line(area.width, digits);
    let hl_style = Style::default()
        .bg(Color::Yellow)
        .fg(Color::Black)
        .add_modifier(Modifier::BOLD);
    if tab.len == 0 {
        f.buffer_mut().set_stringn(
            area.x + 1,
            area.y,
            format!("({})", l.t("tui-bytes-none")),
            area.width as usize,
            Style::default().fg(Color::DarkGray),
        );
        return;
    }
    let mut buf = [0u8; 16];
    for row_i in 0..area.height as u64 {
        let line_no = scroll + row_i;
        let Some(off) = line_no.checked_mul(per as u64) else {
            break;
        };
        if off >= tab.len {
            break;
        }
        let want = (per as u64).min(tab.len - off) as usize;
        let n = read(d, ix, row, tab, off, &mut buf[..want]);
        let mut spans: Vec<Span> = Vec::with_capacity(per * 2 + 4);
        spans.push(Span::styled(
            format!("{:0width$x}  ", off, width = digits),
            Style::default().fg(Color::DarkGray),
        ));
        for i in 0..per {
            if i == 8 {
                spans.push(Span::raw(" "));
            }
            let at = off + i as u64;
            let text = if i < n {
                format!("{:02x}", buf[i])
            } else if i < want {
                "??".to_string()
            } else {
                "  ".to_string()
            };
            let st = if i < want && view.is_hl(at) {
                hl_style
            } else {
                Style::default()
            };
            spans.push(Span::styled(text, st));
            // The space after a byte is highlighted when the next one is too.
            let next_hl = i + 1 < want && view.is_hl(at) && view.is_hl(at + 1) && i != 7;
            spans.push(Span::styled(
                " ",
                if next_hl { hl_style } else { Style::default() },
            ));
        }
        spans.push(Span::raw(" "));
        for i in 0..want {
            let at = off + i as u64;
            let c = if i < n { ascii(buf[i]) } else { ' ' };
            let st = if view.is_hl(at) {
                hl_style
            } else {
                Style::default()
            };
            spans.push(Span::styled(c.to_string(), st));
        }
        f.buffer_mut().set_line(
            area.x,
            area.y + row_i as u16,
            &Line::from(spans),
            area.width,
        );
    }
}

/// The scroll line that shows the highlight, given the current scroll.
pub fn follow(view: &HexView, width: u16, height: u16, scroll: u64) -> u64 {
    let Some(tab) = view.tab() else { return 0 };
    let per = per_line(width, offset_digits(tab.len)) as u64;
    let lines = tab.len.div_ceil(per);
    let h = u64::from(height.max(1));
    let max_scroll = lines.saturating_sub(h);
    let Some(first) = view.first_hl() else {
        return scroll.min(max_scroll);
    };
    let last = view
        .ranges
        .iter()
        .map(|r| r.1.saturating_sub(1).max(r.0))
        .max()
        .unwrap_or(first);
    let (l0, l1) = (first / per, last / per);
    if l0 >= scroll && l1 < scroll + h {
        scroll.min(max_scroll)
    } else {
        // One line of context above, unless that pushes the end off screen.
        let ctx = if l1 - l0 + 2 <= h { 1 } else { 0 };
        l0.saturating_sub(ctx).min(max_scroll)
    }
}

/// The first line shown in `body`: the one that shows the highlight when
/// `follow_hl` (a new row, field or tab), else `scroll`, not past the end.
pub fn scroll_for(view: &HexView, body: Rect, scroll: u64, follow_hl: bool) -> u64 {
    if follow_hl {
        follow(view, body.width, body.height, scroll)
    } else {
        let lines = line_count(view, body.width);
        scroll.min(lines.saturating_sub(u64::from(body.height)))
    }
}

/// Number of lines of the active tab at this width.
pub fn line_count(view: &HexView, width: u16) -> u64 {
    view.tab().map_or(0, |t| {
        let per = per_line(width, offset_digits(t.len)) as u64;
        t.len.div_ceil(per)
    })
}
