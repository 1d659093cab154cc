//! The detail tree of the selected row: frame → link → IP → TCP → HTTP head
//! or WebSocket header fields → payload, like Wireshark's middle pane.
//!
//! The tree is a flat pre-order list of [`Node`]s with depths, rebuilt only
//! when the selection changes. Each node may point at the bytes it describes
//! ([`Hl`]); the bytes pane highlights them.

use std::collections::HashMap;

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::Frame;

use super::index::{Index, RowKind, RowRef};
use super::text::{bytes_human, escape, hex, preview, wrap_words};
use crate::model::{Dissection, HttpMessage, PacketInfo, Severity, WsFrame};
use crate::net::Direction;
use crate::ws::frame::FrameHeader;

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
struct B {
    nodes: Vec<Node>,
    depth: u8,
}

impl B {
    fn push(&mut self, key: NodeKey, label: String, style: NodeStyle, hl: Option<Hl>) {
        self.nodes.push(Node {
            depth: self.depth,
            key,
            label,
            style,
            hl,
            open_default: false,
        });
    }
    fn open(&mut self) {
        if let Some(n) = self.nodes.last_mut() {
            n.open_default = true;
        }
    }
    fn inside(&mut self, f: impl FnOnce(&mut B)) {
        self.depth += 1;
        f(self);
        self.depth -= 1;
    }
}

fn hl(src: Src, start: u64, end: u64) -> Option<Hl> {
    Some(Hl { src, start, end })
}

fn pk(start: usize, end: usize) -> Option<Hl> {
    hl(Src::Packet, start as u64, end as u64)
}

/// Builds the tree of a row.
pub fn build(d: &Dissection, ix: &Index, row: RowRef, no: u64) -> Vec<Node> {
    let mut b = B {
        nodes: Vec::new(),
        depth: 0,
    };
    let packet = d.packet(no).map(|(p, _)| p);
    if let Some(p) = packet {
        packet_layers(&mut b, ix, p, row.kind == RowKind::Packet);
    }
    match row.kind {
        RowKind::Http => {
            if let Some(h) = d.http.get(row.idx as usize) {
                reassembly(&mut b, &h.spans);
                http_nodes(&mut b, d, ix, h);
            }
        }
        RowKind::Frame => {
            if let Some(f) = d.frames.get(row.idx as usize) {
                reassembly(&mut b, &f.spans);
                frame_nodes(&mut b, d, ix, f);
            }
        }
        RowKind::Packet => {
            if let Some(p) = d.packets.get(row.idx as usize) {
                packet_payload(&mut b, d, ix, p);
            }
        }
    }
    if packet.is_none() && row.kind != RowKind::Packet {
        b.push(
            ("nopacket", 0),
            format!("[Packet {no} is not in the capture's packet records]"),
            NodeStyle::Warn,
            None,
        );
    }
    let stream = ix.row_stream(d, row).map(|s| s.0);
    notes_nodes(&mut b, d, ix, no, stream);
    b.nodes
}

fn packet_layers(b: &mut B, ix: &Index, p: &PacketInfo, open_tcp: bool) {
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

/// "client → server" for people.
pub fn dir_words(d: Direction) -> &'static str {
    match d {
        Direction::ClientToServer => "client → server",
        Direction::ServerToClient => "server → client",
    }
}

fn reassembly(b: &mut B, spans: &[crate::model::Span]) {
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

/// Whether a header matters to the WebSocket handshake.
pub fn is_ws_header(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n == "upgrade" || n == "connection" || n == "origin" || n.starts_with("sec-websocket-")
}

/// Where the start line ends (its CRLF included) in a raw head.
pub fn start_line_end(raw: &[u8]) -> usize {
    match raw.iter().position(|&c| c == b'\n') {
        Some(i) => i + 1,
        None => raw.len(),
    }
}

fn http_nodes(b: &mut B, d: &Dissection, ix: &Index, h: &HttpMessage) {
    let head = h.head_length;
    b.push(
        ("http", 0),
        format!(
            "Hypertext Transfer Protocol ({}, {} bytes of head)",
            if h.method.is_some() {
                "request"
            } else {
                "response"
            },
            head
        ),
        NodeStyle::Layer,
        hl(Src::Unit, 0, head),
    );
    b.open();
    b.inside(|b| {
        let sl = start_line_end(&h.raw) as u64;
        b.push(
            ("http.start", 0),
            format!("{}\\r\\n", escape(&h.start_line, 200)),
            NodeStyle::Normal,
            hl(Src::Unit, 0, sl),
        );
        b.inside(|b| {
            if let (Some(m), Some(t)) = (&h.method, &h.target) {
                b.push(
                    ("http.method", 0),
                    format!("Request method: {}", escape(m, 40)),
                    NodeStyle::Normal,
                    None,
                );
                b.push(
                    ("http.target", 0),
                    format!("Request target: {}", escape(t, 200)),
                    NodeStyle::Normal,
                    None,
                );
            }
            if let Some(s) = h.status {
                b.push(
                    ("http.status", 0),
                    format!(
                        "Status code: {s}{}",
                        if s == 101 {
                            " (Switching Protocols: the upgrade is accepted)"
                        } else {
                            ""
                        }
                    ),
                    NodeStyle::Normal,
                    None,
                );
            }
        });
        for (i, hd) in h.headers.iter().enumerate() {
            let ws = is_ws_header(&hd.name);
            b.push(
                ("http.header", i as u32),
                format!(
                    "{}{}: {}\\r\\n",
                    if ws { "★ " } else { "" },
                    escape(&hd.name, 80),
                    escape(&hd.value, 300)
                ),
                if ws { NodeStyle::Ws } else { NodeStyle::Normal },
                hl(Src::Unit, hd.range.start as u64, hd.range.end as u64),
            );
        }
        let end_len = if h.raw.ends_with(b"\r\n\r\n") { 2 } else { 1 };
        b.push(
            ("http.end", 0),
            "\\r\\n (blank line: end of the head)".to_string(),
            NodeStyle::Normal,
            hl(Src::Unit, head.saturating_sub(end_len), head),
        );
        if let Some(body) = h.body_length {
            b.push(
                ("http.body", 0),
                format!("[Body: {body} bytes, not shown]"),
                NodeStyle::Derived,
                None,
            );
        }
    });
    // The handshake this head belongs to.
    let Some(hs) = ix
        .hs_by_stream
        .get(&h.stream)
        .and_then(|&i| d.handshakes.get(i as usize))
    else {
        return;
    };
    let is_req = h.direction == Direction::ClientToServer && hs.request_frame == h.frame;
    let is_resp = h.direction == Direction::ServerToClient && hs.response_frame == Some(h.frame);
    if !is_req && !is_resp {
        return;
    }
    b.push(
        ("hs", 0),
        format!(
            "WebSocket opening handshake ({}) — press 1 for the step-by-step view",
            if is_req { "request" } else { "response" }
        ),
        NodeStyle::Layer,
        None,
    );
    b.open();
    b.inside(|b| {
        if is_req {
            match &hs.key {
                Some(k) => b.push(
                    ("hs.key", 0),
                    format!(
                        "Sec-WebSocket-Key: {} {}",
                        escape(k, 80),
                        if hs.key_valid {
                            "✓ base64 of 16 random bytes"
                        } else {
                            "✗ not base64 of 16 bytes (§4.1)"
                        }
                    ),
                    if hs.key_valid {
                        NodeStyle::Good
                    } else {
                        NodeStyle::Bad
                    },
                    None,
                ),
                None => b.push(
                    ("hs.key", 0),
                    "✗ No Sec-WebSocket-Key header (§4.1)".into(),
                    NodeStyle::Bad,
                    None,
                ),
            }
            let v = hs.version.as_deref().unwrap_or("(missing)");
            b.push(
                ("hs.version", 0),
                format!(
                    "Sec-WebSocket-Version: {} {}",
                    escape(v, 20),
                    if v == "13" {
                        "✓"
                    } else {
                        "✗ must be 13 (§4.1)"
                    }
                ),
                if v == "13" {
                    NodeStyle::Good
                } else {
                    NodeStyle::Bad
                },
                None,
            );
            if !hs.subprotocols_offered.is_empty() {
                b.push(
                    ("hs.protos", 0),
                    format!(
                        "Subprotocols offered: {}",
                        escape(&hs.subprotocols_offered.join(", "), 200)
                    ),
                    NodeStyle::Normal,
                    None,
                );
            }
            if !hs.extensions_offered.is_empty() {
                let names: Vec<&str> = hs
                    .extensions_offered
                    .iter()
                    .map(|e| e.name.as_str())
                    .collect();
                b.push(
                    ("hs.exts", 0),
                    format!("Extensions offered: {}", escape(&names.join(", "), 200)),
                    NodeStyle::Normal,
                    None,
                );
            }
        } else {
            match hs.accept_valid {
                Some(true) => b.push(
                    ("hs.accept", 0),
                    format!(
                        "Sec-WebSocket-Accept: {} ✓ = base64(SHA-1(key + GUID))",
                        escape(hs.accept.as_deref().unwrap_or(""), 80)
                    ),
                    NodeStyle::Good,
                    None,
                ),
                Some(false) => b.push(
                    ("hs.accept", 0),
                    format!(
                        "Sec-WebSocket-Accept: {} ✗ expected {}",
                        escape(hs.accept.as_deref().unwrap_or("(missing)"), 80),
                        escape(hs.expected_accept.as_deref().unwrap_or("?"), 80)
                    ),
                    NodeStyle::Bad,
                    None,
                ),
                None => b.push(
                    ("hs.accept", 0),
                    if hs.accept.is_none() {
                        "No Sec-WebSocket-Accept header".to_string()
                    } else {
                        "Sec-WebSocket-Accept not checked (no usable key)".to_string()
                    },
                    NodeStyle::Warn,
                    None,
                ),
            }
            b.push(
                ("hs.upgraded", 0),
                if hs.upgraded {
                    "The connection switched to WebSocket".to_string()
                } else {
                    format!(
                        "The connection did not switch to WebSocket (status {})",
                        hs.status
                            .map(|s| s.to_string())
                            .unwrap_or_else(|| "?".into())
                    )
                },
                if hs.upgraded {
                    NodeStyle::Good
                } else {
                    NodeStyle::Bad
                },
                None,
            );
            if let Some(p) = &hs.subprotocol {
                b.push(
                    ("hs.proto", 0),
                    format!("Subprotocol chosen: {}", escape(p, 80)),
                    NodeStyle::Normal,
                    None,
                );
            }
            if let Some(df) = &hs.deflate {
                let mut parts = Vec::new();
                if df.client_no_context_takeover {
                    parts.push("client_no_context_takeover".to_string());
                }
                if df.server_no_context_takeover {
                    parts.push("server_no_context_takeover".to_string());
                }
                if let Some(bits) = df.client_max_window_bits {
                    parts.push(format!("client_max_window_bits={bits}"));
                }
                if let Some(bits) = df.server_max_window_bits {
                    parts.push(format!("server_max_window_bits={bits}"));
                }
                b.push(
                    ("hs.deflate", 0),
                    format!(
                        "permessage-deflate in effect (RFC 7692){}{}",
                        if parts.is_empty() { "" } else { ": " },
                        parts.join(", ")
                    ),
                    NodeStyle::Ws,
                    None,
                );
            }
        }
    });
}

fn bits(byte: u8, mask: u8) -> String {
    let mut s = String::with_capacity(9);
    for i in (0..8).rev() {
        if i == 3 {
            s.push(' ');
        }
        if mask & (1 << i) != 0 {
            s.push(if byte & (1 << i) != 0 { '1' } else { '0' });
        } else {
            s.push('.');
        }
    }
    s
}

/// The frame's header as a [`FrameHeader`], from the model's fields.
pub fn header_of(f: &WsFrame) -> FrameHeader {
    FrameHeader {
        fin: f.header.fin,
        rsv1: f.header.rsv1,
        rsv2: f.header.rsv2,
        rsv3: f.header.rsv3,
        opcode: f.header.opcode & 0x0f,
        masked: f.header.masked,
        len7: f.header.len7 & 0x7f,
        payload_len: f.header.payload_len,
        mask_key: f.header.mask_key,
        header_len: f.header.header_len,
    }
}

/// Bytes 0 and 1 of a frame header, from the model's fields.
pub fn first_bytes(f: &WsFrame) -> (u8, u8) {
    let b0 = (u8::from(f.header.fin) << 7)
        | (u8::from(f.header.rsv1) << 6)
        | (u8::from(f.header.rsv2) << 5)
        | (u8::from(f.header.rsv3) << 4)
        | (f.header.opcode & 0x0f);
    let b1 = (u8::from(f.header.masked) << 7) | (f.header.len7 & 0x7f);
    (b0, b1)
}

/// Opcode in words, Wireshark style ("Text (1)").
pub fn opcode_label(op: u8, name: &str) -> String {
    let mut cap = name.chars();
    let first = cap.next().map(|c| c.to_ascii_uppercase()).unwrap_or('?');
    format!("{first}{} ({op})", cap.as_str())
}

/// The message a frame belongs to.
pub fn message_of<'a>(
    d: &'a Dissection,
    ix: &Index,
    f: &WsFrame,
) -> Option<&'a crate::model::WsMessage> {
    let m = f.message?;
    ix.msg_by_key
        .get(&(f.stream, m))
        .and_then(|&i| d.messages.get(i as usize))
}

/// Where a payload range is highlighted: the unmasked copy for masked
/// frames, else the frame's own bytes.
fn payload_hl(f: &WsFrame, start: u64, end: u64) -> Option<Hl> {
    if f.header.masked {
        hl(Src::Unmasked, start, end)
    } else {
        let h = u64::from(f.header.header_len);
        hl(Src::Unit, h.saturating_add(start), h.saturating_add(end))
    }
}

fn frame_nodes(b: &mut B, d: &Dissection, ix: &Index, f: &WsFrame) {
    let hdr = header_of(f);
    let ranges = hdr.field_ranges();
    let (b0, b1) = first_bytes(f);
    let hlen = u64::from(f.header.header_len);
    let total = hlen.saturating_add(f.header.payload_len);
    b.push(
        ("ws", 0),
        format!(
            "WebSocket, {} frame #{} ({}), {} bytes of header + {} bytes of payload",
            opcode_label(f.header.opcode, f.opcode().name()),
            f.index,
            dir_words(f.direction),
            f.header.header_len,
            f.header.payload_len
        ),
        NodeStyle::Layer,
        hl(Src::Unit, 0, total),
    );
    b.open();
    let u = |r: std::ops::Range<usize>| hl(Src::Unit, r.start as u64, r.end as u64);
    b.inside(|b| {
        let r0 = ranges.fin_rsv_opcode.clone();
        b.push(
            ("ws.header.fin", 0),
            format!(
                "{} = Fin: {} ({})",
                bits(b0, 0x80),
                f.header.fin,
                if f.header.fin {
                    "last frame of the message"
                } else {
                    "more frames follow"
                }
            ),
            NodeStyle::Normal,
            u(r0.clone()),
        );
        for (i, (on, name, mask)) in [
            (f.header.rsv1, "RSV1", 0x40u8),
            (f.header.rsv2, "RSV2", 0x20),
            (f.header.rsv3, "RSV3", 0x10),
        ]
        .into_iter()
        .enumerate()
        {
            let meaning = if i == 0 && on {
                " (permessage-deflate: compressed)"
            } else if on {
                " (no extension defines it!)"
            } else {
                ""
            };
            b.push(
                ("ws.rsv", i as u32),
                format!("{} = Reserved ({name}): {on}{meaning}", bits(b0, mask)),
                if on && i > 0 {
                    NodeStyle::Bad
                } else {
                    NodeStyle::Normal
                },
                u(r0.clone()),
            );
        }
        b.push(
            ("ws.opcode", 0),
            format!(
                "{} = Opcode: {}",
                bits(b0, 0x0f),
                opcode_label(f.header.opcode, f.opcode().name())
            ),
            NodeStyle::Normal,
            u(r0.clone()),
        );
        let r1 = ranges.mask_len7.clone();
        b.push(
            ("ws.mask", 0),
            format!(
                "{} = Mask: {} ({})",
                bits(b1, 0x80),
                f.header.masked,
                if f.header.masked {
                    "payload XORed with the key"
                } else {
                    "payload sent as is"
                }
            ),
            NodeStyle::Normal,
            u(r1.clone()),
        );
        let len_note = match f.header.len7 & 0x7f {
            126 => " (a 16-bit length follows)".to_string(),
            127 => " (a 64-bit length follows)".to_string(),
            _ => " (the length itself)".to_string(),
        };
        b.push(
            ("ws.header.len7", 0),
            format!(
                "{} = Payload length: {}{len_note}",
                bits(b1, 0x7f),
                f.header.len7 & 0x7f
            ),
            NodeStyle::Normal,
            u(r1),
        );
        if let Some(r) = ranges.ext_len.clone() {
            b.push(
                ("ws.extlen", 0),
                format!(
                    "Extended payload length ({} bits): {}",
                    (r.end - r.start) * 8,
                    f.header.payload_len
                ),
                if hdr.length_top_bit_set() {
                    NodeStyle::Bad
                } else {
                    NodeStyle::Normal
                },
                u(r),
            );
        }
        if let (Some(r), Some(k)) = (ranges.mask_key.clone(), f.header.mask_key) {
            b.push(
                ("ws.key", 0),
                format!("Masking-Key: {}", hex(&k, 4).replace(' ', "")),
                NodeStyle::Normal,
                u(r),
            );
        }
        payload_nodes(b, d, ix, f);
        if let Some(m) = message_of(d, ix, f) {
            let frames_words = if m.ws_frames.len() == 1 {
                "1 frame".to_string()
            } else {
                format!("{} frames", m.ws_frames.len())
            };
            b.push(
                ("ws.message", 0),
                format!(
                    "[Message #{}: {}, {} bytes, {frames_words}{} — press 4 for the message]",
                    m.index,
                    m.opcode.name(),
                    m.decompressed_length.unwrap_or(m.length),
                    if m.compressed { ", compressed" } else { "" }
                ),
                NodeStyle::Derived,
                None,
            );
        }
        if let (Some(ping), Some(rtt)) = (f.pong_for, f.rtt) {
            b.push(
                ("ws.pong", 0),
                format!(
                    "[Answers the ping in frame {ping}: round trip {:.3} ms]",
                    rtt * 1e3
                ),
                NodeStyle::Derived,
                None,
            );
        }
        if f.payload_omitted > 0 {
            b.push(
                ("ws.omitted", 0),
                format!(
                    "[{} payload bytes not kept (over the payload cap) or not captured]",
                    f.payload_omitted
                ),
                NodeStyle::Warn,
                None,
            );
        }
        if !f.complete {
            b.push(
                ("ws.incomplete", 0),
                "[Incomplete: the capture does not hold all of this frame]".into(),
                NodeStyle::Warn,
                None,
            );
        }
        if f.guessed {
            b.push(
                ("ws.guessed", 0),
                "[No handshake in the capture: decoded as WebSocket by guess]".into(),
                NodeStyle::Warn,
                None,
            );
        }
        b.push(
            ("ws.where", 0),
            format!(
                "[Stream {}, byte {} of the {} stream]",
                f.stream,
                f.stream_offset,
                dir_words(f.direction)
            ),
            NodeStyle::Derived,
            None,
        );
    });
}

fn payload_nodes(b: &mut B, d: &Dissection, ix: &Index, f: &WsFrame) {
    let hlen = u64::from(f.header.header_len);
    let plen = f.header.payload_len;
    let kept = f.payload.len() as u64;
    let msg = message_of(d, ix, f);
    let compressed = msg.is_some_and(|m| m.compressed) || (f.header.rsv1 && f.header.opcode < 8);
    if f.header.masked {
        b.push(
            ("ws.header.masked", 0),
            format!("Masked payload: {plen} bytes (as on the wire)"),
            NodeStyle::Normal,
            hl(Src::Unit, hlen, hlen.saturating_add(plen)),
        );
    }
    b.push(
        ("ws.payload", 0),
        if f.header.masked {
            format!("Unmasked payload: {kept} bytes — press 3 to see the unmasking")
        } else {
            format!("Payload: {plen} bytes")
        },
        NodeStyle::Normal,
        payload_hl(f, 0, kept),
    );
    b.open();
    b.inside(|b| {
        if plen == 0 {
            b.push(
                ("ws.empty", 0),
                "[Empty payload]".into(),
                NodeStyle::Derived,
                None,
            );
            return;
        }
        match f.header.opcode {
            0x8 => {
                if let Some(code) = f.close_code {
                    b.push(
                        ("ws.close.code", 0),
                        format!(
                            "Status code: {code} ({})",
                            f.close_code_name.unwrap_or("unknown")
                        ),
                        NodeStyle::Normal,
                        payload_hl(f, 0, 2.min(kept)),
                    );
                    b.push(
                        ("ws.close.reason", 0),
                        format!(
                            "Reason: \"{}\"",
                            escape(f.close_reason.as_deref().unwrap_or(""), 200)
                        ),
                        NodeStyle::Normal,
                        payload_hl(f, 2.min(kept), kept),
                    );
                } else {
                    b.push(
                        ("ws.close.data", 0),
                        format!("Close payload: {}", hex(&f.payload, 16)),
                        NodeStyle::Bad,
                        payload_hl(f, 0, kept),
                    );
                }
            }
            0x9 | 0xa => {
                b.push(
                    ("ws.appdata", 0),
                    format!(
                        "Application data: {} ({})",
                        hex(&f.payload, 16),
                        preview(&f.payload, 40)
                    ),
                    NodeStyle::Normal,
                    payload_hl(f, 0, kept),
                );
            }
            _ if compressed => {
                b.push(
                    ("ws.deflate", 0),
                    format!("DEFLATE data (permessage-deflate, RFC 7692): {kept} bytes"),
                    NodeStyle::Normal,
                    payload_hl(f, 0, kept),
                );
                if let Some(m) = msg {
                    let bytes = m.bytes();
                    let n = bytes.len() as u64;
                    b.push(
                        ("ws.decompressed", 0),
                        format!(
                            "Decompressed message #{}: {} bytes{}",
                            m.index,
                            n,
                            if m.ws_frames.len() > 1 {
                                " (all its frames)"
                            } else {
                                ""
                            }
                        ),
                        NodeStyle::Normal,
                        hl(Src::Decompressed, 0, n),
                    );
                    b.open();
                    b.inside(|b| {
                        b.push(
                            ("ws.decompressed.text", 0),
                            format!(
                                "{}: {}",
                                if m.opcode == crate::ws::Opcode::Text {
                                    "Text"
                                } else {
                                    "Data"
                                },
                                preview(bytes, 120)
                            ),
                            NodeStyle::Normal,
                            hl(Src::Decompressed, 0, n),
                        );
                    });
                }
            }
            _ => {
                let is_text = f.header.opcode == 1
                    || (f.header.opcode == 0
                        && msg.is_some_and(|m| m.opcode == crate::ws::Opcode::Text));
                let what = match (f.header.opcode, is_text) {
                    (0, true) => "Text (continued)",
                    (0, false) => "Data (continued)",
                    (_, true) => "Text",
                    _ => "Data",
                };
                let shown = if is_text {
                    preview(&f.payload, 120)
                } else {
                    hex(&f.payload, 24)
                };
                b.push(
                    ("ws.text", 0),
                    format!("{what}: {shown}"),
                    NodeStyle::Normal,
                    payload_hl(f, 0, kept),
                );
            }
        }
    });
}

fn packet_payload(b: &mut B, d: &Dissection, ix: &Index, p: &PacketInfo) {
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
                format!("[This segment carries part of {w}]"),
                NodeStyle::Derived,
                None,
            );
        }
    }
}

/// Note severity as a one-character marker and its colour.
pub fn severity_mark(s: Severity) -> (&'static str, Color) {
    match s {
        Severity::Error => ("✗", Color::Red),
        Severity::Warning => ("!", Color::Yellow),
        Severity::Info => ("i", Color::Cyan),
    }
}

fn notes_nodes(b: &mut B, d: &Dissection, ix: &Index, no: u64, stream: Option<u32>) {
    let Some(list) = ix.notes_by_frame.get(&no) else {
        return;
    };
    let notes: Vec<u32> = list
        .iter()
        .copied()
        .filter(|&i| {
            d.notes
                .get(i as usize)
                .is_some_and(|n| n.stream.is_none() || n.stream == stream)
        })
        .collect();
    if notes.is_empty() {
        return;
    }
    b.push(
        ("notes", 0),
        format!("Notes ({}) — press 6 for all notes", notes.len()),
        NodeStyle::Layer,
        None,
    );
    b.open();
    b.inside(|b| {
        for (k, i) in notes.iter().enumerate() {
            let n = &d.notes[*i as usize];
            let (mark, _) = severity_mark(n.severity);
            b.push(
                ("note", k as u32),
                format!(
                    "{mark} {:?}: {}{}",
                    n.severity,
                    n.rule,
                    n.section.map(|s| format!(" ({s})")).unwrap_or_default()
                ),
                match n.severity {
                    Severity::Error => NodeStyle::Bad,
                    Severity::Warning => NodeStyle::Warn,
                    Severity::Info => NodeStyle::Derived,
                },
                None,
            );
            b.open();
            b.inside(|b| {
                for (j, line) in wrap_words(&escape(&n.message, 2000), 70)
                    .into_iter()
                    .enumerate()
                {
                    b.push(
                        ("note.text", (k as u32) << 16 | j as u32),
                        line,
                        NodeStyle::Normal,
                        None,
                    );
                }
            });
        }
    });
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

/// Draws the visible part of the tree into `area` (no title).
pub fn draw(f: &mut Frame, area: Rect, t: &mut TreeState, focused: bool) {
    let h = area.height as usize;
    if h == 0 {
        return;
    }
    if t.nodes.is_empty() {
        f.buffer_mut().set_stringn(
            area.x + 1,
            area.y,
            "Nothing selected yet.",
            area.width.saturating_sub(1) as usize,
            Style::default().fg(Color::DarkGray),
        );
        return;
    }
    if t.sel < t.offset {
        t.offset = t.sel;
    } else if t.sel >= t.offset + h {
        t.offset = t.sel + 1 - h;
    }
    if t.offset + h > t.vis.len() {
        t.offset = t.vis.len().saturating_sub(h);
    }
    for (row, pos) in (t.offset..t.vis.len()).take(h).enumerate() {
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
