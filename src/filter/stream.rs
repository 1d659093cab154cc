//! A filter over the record stream of `dump -Y`.
//!
//! The analysis hands out a packet's `packet` record after everything its
//! bytes completed (the HTTP heads, WebSocket frames, messages and notes
//! that end in it; `pipeline::run_tcp`), so the records since the last
//! `packet` record are the packet's layers: they are held until then,
//! the packet is judged once with all of them (so `!websocket` or
//! `websocket.opcode == 1 && websocket.opcode == 9` mean what they mean in
//! Wireshark), and they are written or dropped in their original order.
//! The memory held is one packet's records.
//!
//! Which records are kept (docs/filters.md): `capture` and `summary`
//! always; `stream` when some packet of its connection matched; every
//! other record (`connection`, `http`, `handshake`, `frame`, `message`,
//! `tls_record`, `note`, and `packet` when asked for) when the packet it is
//! credited to ([`Layer::frame`]) matched. A record that arrives after its
//! packet (a note written when the connection closes) is judged alone, with
//! its connection's addresses. A note about no packet is never kept.

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;

use super::{Endpoints, Filter, Layer, PacketView};
use crate::model::Record;
use crate::net::StreamId;

/// The packet a record is credited to: its layer's, and a connection's
/// first packet; `None` for a `stream` record (it is about them all).
fn credited(r: &Record) -> Option<u64> {
    match r {
        Record::Connection(c) => Some(c.first_frame),
        Record::Stream(_) => None,
        _ => Layer::of(r).frame(),
    }
}

/// Applies a [`Filter`] to a record stream that includes `packet` records
/// (run the analysis with `Options::packets`).
#[derive(Debug)]
pub struct PacketFilter {
    filter: Filter,
    keep_packets: bool,
    pending: Vec<Record>,
    conns: HashMap<StreamId, (SocketAddr, SocketAddr)>,
    matched_streams: HashSet<StreamId>,
}

impl PacketFilter {
    /// A filter for a record stream; `keep_packets`: whether the matching
    /// `packet` records are written too (`dump --packets`).
    pub fn new(filter: Filter, keep_packets: bool) -> Self {
        PacketFilter {
            filter,
            keep_packets,
            pending: Vec::new(),
            conns: HashMap::new(),
            matched_streams: HashSet::new(),
        }
    }

    /// Takes the next record; hands the kept ones, in order, to `out`.
    pub fn push(&mut self, rec: Record, out: &mut dyn FnMut(Record)) {
        match rec {
            Record::Capture(_) => out(rec),
            Record::Packet(p) => {
                let n = p.frame;
                let pending = std::mem::take(&mut self.pending);
                let view = PacketView::of_packet(n, Some(&p), pending.iter().map(Layer::of), |s| {
                    self.conns.get(&s).copied()
                });
                let matched = self.filter.matches(&view);
                if matched {
                    if let Some(s) = view.stream {
                        self.matched_streams.insert(s);
                    }
                }
                drop(view);
                for r in pending {
                    if credited(&r) == Some(n) {
                        if matched {
                            out(r);
                        }
                    } else {
                        self.alone(r, out);
                    }
                }
                if matched && self.keep_packets {
                    out(Record::Packet(p));
                }
            }
            Record::Summary(_) => {
                self.finish(out);
                out(rec);
            }
            Record::Connection(ref c) => {
                self.conns.insert(c.stream, (c.client, c.server));
                self.pending.push(rec);
            }
            _ => self.pending.push(rec),
        }
    }

    /// Judges the records still held (the end of the input).
    pub fn finish(&mut self, out: &mut dyn FnMut(Record)) {
        for r in std::mem::take(&mut self.pending) {
            self.alone(r, out);
        }
    }

    /// Judges a record on its own: it arrived after its packet was judged.
    fn alone(&mut self, r: Record, out: &mut dyn FnMut(Record)) {
        let keep = match &r {
            Record::Capture(_) | Record::Summary(_) => true,
            Record::Stream(s) => self.matched_streams.contains(&s.tcp.info.stream),
            Record::Connection(c) => {
                // Its packet was the SYN (or the first one seen); judged
                // with the connection's addresses.
                let ends = Endpoints::of_connection(c.client, c.server, None);
                self.filter.matches(&PacketView {
                    frame: c.first_frame,
                    stream: Some(c.stream),
                    endpoints: Some(ends),
                    layers: Vec::new(),
                    contents: None,
                })
            }
            _ => {
                let layer = Layer::of(&r);
                let conn = layer.stream().and_then(|s| self.conns.get(&s).copied());
                PacketView::single(layer, conn).is_some_and(|v| self.filter.matches(&v))
            }
        };
        if keep {
            out(r);
        }
    }
}
