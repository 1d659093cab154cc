//! The detail tree of the selected row: frame → link → IP → TCP → HTTP head
//! or WebSocket header fields → payload, like Wireshark's middle pane.
//!
//! The tree is a flat pre-order list of [`Node`]s with depths, rebuilt only
//! when the selection changes. Each node may point at the bytes it describes
//! ([`Hl`]); the bytes pane highlights them.
//!
//! One file per layer, all writing into the same node builder (`B`, here):
//! - `packet.rs`: the frame, link, IP and TCP layers, TCP reassembly, and the
//!   payload of a packet without HTTP or WebSocket;
//! - `tls.rs`: the TLS layer of a wss:// connection (version, suite, keys or
//!   why not) and the records a decrypted unit came from;
//! - `http.rs`: the HTTP head and the opening handshake it is part of;
//! - `websocket.rs`: the frame header fields, the payload, the message;
//! - `notes.rs`: the notes on the packet;
//! - `labels.rs`: the label pieces shared by several layers and views
//!   (directions, opcodes, severity marks, view-key hints).
//!
//! Here: the node types, [`TreeState`] (open, selected, scrolled), [`build`]
//! and [`draw`].

mod http;
mod labels;
mod notes;
mod packet;
mod tls;
mod websocket;

use std::collections::HashMap;

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::Frame;

use super::index::{Index, RowKind, RowRef};
use super::layout::scroll_to_show;
use crate::model::Dissection;

pub use http::{is_ws_header, start_line_end};
pub use labels::{dir_words, key_log_line, key_log_lines, opcode_label, severity_mark, tls_badge};
pub use websocket::{in_compressed_message, message_of};

/// Which buffer a node's bytes live in (the bytes pane's tabs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Src {
    /// The row's own packet, packet-relative offsets.
    Packet,
    /// The HTTP head or WebSocket frame, unit-relative (mapped to packets by spans).
    Unit,
    /// The unmasked payload of a masked frame.
    Unmasked,
    /// The decompressed message.
    Decompressed,
}

/// The bytes a node describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hl {
    /// Buffer.
    pub src: Src,
    /// First byte.
    pub start: u64,
    /// One past the last byte.
    pub end: u64,
}

/// How a node is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeStyle {
    /// Plain.
    Normal,
    /// A protocol layer (bold).
    Layer,
    /// A header that matters to WebSocket.
    Ws,
    /// A check that passed.
    Good,
    /// A check that failed, an error note.
    Bad,
    /// A warning.
    Warn,
    /// Derived information, in brackets like Wireshark's.
    Derived,
}

/// A stable name for a node, so open/closed state and the selected field
/// survive moving to another row.
pub type NodeKey = (&'static str, u32);

/// One tree item.
#[derive(Debug, Clone)]
pub struct Node {
    /// Nesting level, 0 for layers.
    pub depth: u8,
    /// Stable name.
    pub key: NodeKey,
    /// The text.
    pub label: String,
    /// How to draw it.
    pub style: NodeStyle,
    /// Its bytes, if it has any.
    pub hl: Option<Hl>,
    /// Whether it starts open.
    pub open_default: bool,
}

/// The tree of one row plus which items are open and selected.
#[derive(Debug, Default)]
pub struct TreeState {
    /// All nodes, pre-order.
    pub nodes: Vec<Node>,
    /// Indexes of the nodes currently visible (ancestors open).
    pub vis: Vec<usize>,
    /// Selected position in `vis`.
    pub sel: usize,
    /// First visible position drawn.
    pub offset: usize,
    /// Open/closed overrides by key, kept across rows.
    pub open: HashMap<NodeKey, bool>,
    /// Key of the selected node, kept across rows.
    pub sel_key: Option<NodeKey>,
}

impl TreeState {
    /// Whether node `i` has children.
    pub fn has_children(&self, i: usize) -> bool {
        self.nodes
            .get(i + 1)
            .is_some_and(|n| n.depth > self.nodes[i].depth)
    }

    /// Whether node `i` is open.
    pub fn is_open(&self, i: usize) -> bool {
        let n = &self.nodes[i];
        *self.open.get(&n.key).unwrap_or(&n.open_default)
    }

    /// Replaces the nodes (new row) and restores the selection by key.
    pub fn set_nodes(&mut self, nodes: Vec<Node>) {
        self.nodes = nodes;
        self.recompute();
        // The field selected on the previous row, else the top protocol
        // layer (what the row is about), like a student would pick.
        let find = |k: NodeKey| self.vis.iter().position(|&i| self.nodes[i].key == k);
        self.sel = self
            .sel_key
            .and_then(find)
            .or_else(|| find(("ws", 0)))
            .or_else(|| find(("http", 0)))
            .or_else(|| find(("payload", 0)))
            .unwrap_or(0);
        if self.sel >= self.vis.len() {
            self.sel = 0;
        }
    }

    /// Recomputes the visible list after opening or closing.
    pub fn recompute(&mut self) {
        let sel_node = self.vis.get(self.sel).copied();
        self.vis.clear();
        let mut hide_below: Option<u8> = None;
        for i in 0..self.nodes.len() {
            let d = self.nodes[i].depth;
            if let Some(h) = hide_below {
                if d > h {
                    continue;
                }
                hide_below = None;
            }
            self.vis.push(i);
            if self.has_children(i) && !self.is_open(i) {
                hide_below = Some(d);
            }
        }
        if let Some(n) = sel_node {
            // Keep the selected node, or its nearest visible ancestor.
            let mut target = n;
            loop {
                if let Some(p) = self.vis.iter().position(|&i| i == target) {
                    self.sel = p;
                    break;
                }
                match self.parent(target) {
                    Some(p) => target = p,
                    None => {
                        self.sel = 0;
                        break;
                    }
                }
            }
        }
    }

    /// Parent of node `i`.
    pub fn parent(&self, i: usize) -> Option<usize> {
        let d = self.nodes.get(i)?.depth;
        (0..i).rev().find(|&j| self.nodes[j].depth < d)
    }

    /// The selected node.
    pub fn selected(&self) -> Option<&Node> {
        self.vis.get(self.sel).map(|&i| &self.nodes[i])
    }

    /// Selects visible position `pos` (clamped).
    pub fn select(&mut self, pos: usize) {
        if self.vis.is_empty() {
            self.sel = 0;
            return;
        }
        self.sel = pos.min(self.vis.len() - 1);
        self.sel_key = Some(self.nodes[self.vis[self.sel]].key);
    }

    /// Opens or closes the selected node.
    pub fn set_open(&mut self, open: bool) {
        if let Some(&i) = self.vis.get(self.sel) {
            if self.has_children(i) {
                self.open.insert(self.nodes[i].key, open);
                self.recompute();
            }
        }
    }

    /// The first visible position on screen in `height` lines, so that the
    /// selection is on screen.
    pub fn scroll_for(&self, height: usize) -> usize {
        if height == 0 || self.nodes.is_empty() {
            return self.offset;
        }
        scroll_to_show(self.offset, Some(self.sel), height, self.vis.len())
    }

    /// Scrolls so that the selection is on screen in `height` lines.
    pub fn scroll_to_show(&mut self, height: usize) {
        self.offset = self.scroll_for(height);
    }

    /// Opens or closes every node.
    pub fn set_all(&mut self, open: bool) {
        for i in 0..self.nodes.len() {
            if self.has_children(i) {
                self.open.insert(self.nodes[i].key, open);
            }
        }
        self.recompute();
    }
}

/// Builds nodes with a current depth.
pub(crate) struct B {
    nodes: Vec<Node>,
    depth: u8,
    /// The language of the labels (`--lang`; locales/*-tui-tree.ftl).
    pub(crate) l: &'static crate::i18n::L10n,
}

impl B {
    pub(crate) fn push(&mut self, key: NodeKey, label: String, style: NodeStyle, hl: Option<Hl>) {
        self.nodes.push(Node {
            depth: self.depth,
            key,
            label,
            style,
            hl,
            open_default: false,
        });
    }
    pub(crate) fn open(&mut self) {
        if let Some(n) = self.nodes.last_mut() {
            n.open_default = true;
        }
    }
    pub(crate) fn inside(&mut self, f: impl FnOnce(&mut B)) {
        self.depth += 1;
        f(self);
        self.depth -= 1;
    }
}

/// The bytes `start..end` of `src`.
pub(crate) fn hl(src: Src, start: u64, end: u64) -> Option<Hl> {
    Some(Hl { src, start, end })
}

/// The bytes `start..end` of the row's own packet.
pub(crate) fn pk(start: usize, end: usize) -> Option<Hl> {
    hl(Src::Packet, start as u64, end as u64)
}

/// Builds the tree of a row, its labels in `lang`.
pub fn build(
    d: &Dissection,
    ix: &Index,
    row: RowRef,
    no: u64,
    lang: crate::i18n::Lang,
) -> Vec<Node> {
    let mut b = B {
        nodes: Vec::new(),
        depth: 0,
        l: crate::i18n::L10n::get(lang),
    };
    let packet = ix.packet_info(no);
    let packet = packet.as_deref();
    if let Some(p) = packet {
        packet::layers(&mut b, ix, p, row.kind == RowKind::Packet);
    }
    let frame = match row.kind {
        RowKind::Frame => ix.frames.get(row.idx as usize),
        _ => None,
    };
    let spans = match row.kind {
        RowKind::Http => d.http.get(row.idx as usize).map(|h| h.spans.as_slice()),
        RowKind::Frame => frame.as_ref().map(|f| f.spans.as_slice()),
        RowKind::Packet => None,
    }
    .unwrap_or(&[]);
    if let Some((stream, dir)) = ix.row_stream(d, row) {
        let at = tls::At { stream, dir, spans };
        tls::nodes(&mut b, d, ix, &at, packet);
    }
    // Decrypted bytes were put together from TLS records (the TLS node
    // lists them), not from TCP segments.
    if !crate::model::spans_decrypted(spans) {
        packet::reassembly(&mut b, spans);
    }
    match row.kind {
        RowKind::Http => {
            if let Some(h) = d.http.get(row.idx as usize) {
                http::nodes(&mut b, d, ix, h);
            }
        }
        RowKind::Frame => {
            if let Some(f) = &frame {
                websocket::nodes(&mut b, d, ix, f);
            }
        }
        RowKind::Packet => {
            if let Some(p) = ix.packets.get(row.idx as usize) {
                packet::payload(&mut b, d, ix, &p);
            }
        }
    }
    if packet.is_none() && row.kind != RowKind::Packet {
        b.push(
            ("nopacket", 0),
            crate::tr!(b.l, "tree-packet-missing", no = no.to_string()),
            NodeStyle::Warn,
            None,
        );
    }
    let stream = ix.row_stream(d, row).map(|s| s.0);
    notes::nodes(&mut b, d, ix, no, stream);
    b.nodes
}

/// Style of a node label.
pub fn node_style(s: NodeStyle) -> Style {
    match s {
        NodeStyle::Normal => Style::default(),
        NodeStyle::Layer => Style::default().add_modifier(Modifier::BOLD),
        NodeStyle::Ws => Style::default().fg(Color::Cyan),
        NodeStyle::Good => Style::default().fg(Color::Green),
        NodeStyle::Bad => Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
        NodeStyle::Warn => Style::default().fg(Color::Yellow),
        NodeStyle::Derived => Style::default().fg(Color::DarkGray),
    }
}

/// Draws the visible part of the tree into `area` (no title); `lang` words
/// the placeholder shown before anything is selected.
pub fn draw(f: &mut Frame, area: Rect, t: &TreeState, focused: bool, lang: crate::i18n::Lang) {
    let h = area.height as usize;
    if h == 0 {
        return;
    }
    if t.nodes.is_empty() {
        f.buffer_mut().set_stringn(
            area.x + 1,
            area.y,
            crate::i18n::L10n::get(lang).t("tree-nothing-selected"),
            area.width.saturating_sub(1) as usize,
            Style::default().fg(Color::DarkGray),
        );
        return;
    }
    let offset = t.scroll_for(h);
    for (row, pos) in (offset..t.vis.len()).take(h).enumerate() {
        let i = t.vis[pos];
        let n = &t.nodes[i];
        let arrow = if t.has_children(i) {
            if t.is_open(i) {
                "▾ "
            } else {
                "▸ "
            }
        } else {
            "  "
        };
        let indent = "  ".repeat(n.depth as usize);
        let mut style = node_style(n.style);
        let selected = pos == t.sel;
        if selected {
            style = if focused {
                style
                    .bg(Color::Blue)
                    .fg(Color::White)
                    .add_modifier(Modifier::BOLD)
            } else {
                style.bg(Color::DarkGray).fg(Color::White)
            };
        }
        let line = Line::from(vec![
            Span::raw(indent),
            Span::styled(arrow, Style::default().fg(Color::DarkGray)),
            Span::styled(n.label.as_str(), style),
        ]);
        let y = area.y + row as u16;
        if selected {
            f.buffer_mut()
                .set_style(Rect::new(area.x, y, area.width, 1), style);
        }
        f.buffer_mut().set_line(area.x, y, &line, area.width);
    }
}
