//! TCP connection tracking and stream reassembly with provenance.
//!
//! Connections are numbered from 0 in order of their first packet, exactly
//! like Wireshark's `tcp.stream`, so numbers can be compared side by side.
//! Each direction is reassembled into an ordered byte stream: out-of-order
//! segments are held until the hole before them fills, retransmissions and
//! overlaps are trimmed (first copy wins), and a hole that never fills
//! becomes an explicit [`TcpEvent::Gap`] — never silently skipped.
//! Every delivered byte range says which frame carried it and where in that
//! packet, so later layers can say "this WebSocket frame arrived in frames
//! 41, 42 and 45" and the TUI can highlight the exact bytes.
//!
//! A connection ends twice. [`TcpEvent::Closed`] says its data is over (both
//! FINs delivered, a RST, or the capture ended): everything held is flushed.
//! Packets still come after that — the ACK of the last FIN, retransmitted
//! FINs, late RSTs — and belong to the same `tcp.stream`, so they are still
//! counted, until [`TcpEvent::Over`] delivers the final [`ConnSummary`]: when a
//! new SYN reuses the addresses, when [`TIME_WAIT`] has passed in capture
//! time, or at the end of the capture. Every packet of a stream up to then is
//! in its summary, as in Wireshark's conversation table.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use crate::capture::Timestamp;
use crate::model::Direction;

use super::analysis::{ConnAnalysis, PacketAnalysis, TcpOption};
use super::link::TcpInfo;

/// Wireshark-compatible TCP stream number.
pub type StreamId = u32;

/// Tunables for reassembly.
#[derive(Debug, Clone, Copy)]
pub struct ReassemblyConfig {
    /// Most out-of-order bytes held per direction before the hole in front
    /// of them is declared a gap. Bounds memory on a flood of segments that
    /// never become contiguous. Each held segment counts its bytes plus
    /// [`HELD_OVERHEAD`], so a flood of tiny (or snaplen-emptied) segments is
    /// bounded too.
    pub max_out_of_order: usize,
    /// How many recently delivered bytes per direction are kept to check that
    /// a retransmission carries the same bytes.
    pub retransmit_window: usize,
    /// Run Wireshark's TCP sequence analysis and window scaling on every
    /// packet (`crate::net::analysis`): wanted only where packets are shown
    /// (the TUI, `dump --packets`), so `dump` without them pays nothing.
    pub analyze: bool,
}

impl Default for ReassemblyConfig {
    fn default() -> Self {
        ReassemblyConfig {
            max_out_of_order: 4 << 20,
            retransmit_window: 64 << 10,
            analyze: false,
        }
    }
}

/// A new connection, as first seen.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct ConnInfo {
    /// Wireshark's `tcp.stream`.
    pub stream: StreamId,
    /// The side that sent the SYN (or the guess, see `roles_guessed`).
    pub client: SocketAddr,
    /// The other side.
    pub server: SocketAddr,
    /// True when no SYN was seen and the roles come from a guess: the side
    /// with the higher port is taken as the client (ephemeral ports are high).
    pub roles_guessed: bool,
    /// Frame number of the connection's first packet.
    pub first_frame: u64,
    /// Endpoint that sent the first packet (Wireshark's "node 0").
    pub first_sender: SocketAddr,
}

/// Per-direction counters for a finished connection.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct DirStats {
    /// Packets sent in this direction.
    pub packets: u64,
    /// Reassembled payload bytes delivered (excluding gaps).
    pub bytes: u64,
    /// Number of holes that never filled.
    pub gaps: u64,
    /// Bytes missing in those holes.
    pub gap_bytes: u64,
    /// Segments that only repeated bytes already seen.
    pub retransmissions: u64,
    /// Bytes carried again by retransmissions and overlaps.
    pub retransmitted_bytes: u64,
    /// Whether a FIN was seen.
    pub fin: bool,
    /// Whether the capture started after this direction's first byte.
    pub midstream: bool,
}

/// A connection's totals: so far with [`TcpEvent::Closed`], final with
/// [`TcpEvent::Over`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct ConnSummary {
    /// The connection as first seen.
    #[serde(flatten)]
    pub info: ConnInfo,
    /// Frame number of the last packet.
    pub last_frame: u64,
    /// Client→server, then server→client.
    pub dirs: [DirStats; 2],
    /// Whether a RST was seen.
    pub reset: bool,
}

/// How long after a connection closed, in capture time, packets on its
/// addresses are still counted as its own: twice the maximum segment
/// lifetime (RFC 9293 §3.3.2, TIME-WAIT lasts 2×MSL), 60 s as Linux's
/// `TCP_TIMEWAIT_LEN`. Past it a host has forgotten the connection, so its
/// summary is final ([`TcpEvent::Over`]).
pub const TIME_WAIT: Duration = Duration::from_secs(60);

/// In-order bytes of one direction, with where they came from.
#[derive(Debug, Clone, Copy)]
pub struct Chunk<'a> {
    /// Offset of `data[0]` in this direction's reassembled stream.
    pub offset: u64,
    /// The bytes.
    pub data: &'a [u8],
    /// Frame number of the packet that carried them.
    pub frame: u64,
    /// Offset of `data[0]` within that packet's captured bytes.
    pub packet_offset: u32,
    /// Capture time of that packet.
    pub ts: Timestamp,
}

/// Why bytes are missing from a stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GapReason {
    /// Later bytes were seen but these never were (lost by the capture).
    NotCaptured,
    /// The snaplen cut the packet short.
    Truncated,
    /// The out-of-order budget ran out before the hole filled.
    BudgetExceeded,
}

/// What reassembly reports, in capture order.
#[derive(Debug)]
pub enum TcpEvent<'a> {
    /// A connection was seen for the first time.
    Open(&'a ConnInfo),
    /// In-order bytes.
    Data {
        /// Stream number.
        stream: StreamId,
        /// Direction.
        dir: Direction,
        /// The bytes and their provenance.
        chunk: Chunk<'a>,
    },
    /// Bytes that will never be seen.
    Gap {
        /// Stream number.
        stream: StreamId,
        /// Direction.
        dir: Direction,
        /// Stream offset where the hole starts.
        offset: u64,
        /// How many bytes are missing.
        len: u64,
        /// Frame whose arrival revealed the hole.
        frame: u64,
        /// Why.
        reason: GapReason,
    },
    /// This direction started before the capture did: its first bytes are
    /// unknown, and the stream starts at `frame`.
    MidStream {
        /// Stream number.
        stream: StreamId,
        /// Direction.
        dir: Direction,
        /// First frame seen in this direction.
        frame: u64,
    },
    /// A retransmission or overlap carried different bytes than the first
    /// copy (which wins).
    Conflict {
        /// Stream number.
        stream: StreamId,
        /// Direction.
        dir: Direction,
        /// Stream offset of the first differing byte.
        offset: u64,
        /// Frame carrying the differing copy.
        frame: u64,
    },
    /// The out-of-order budget was hit (once per direction).
    BudgetHit {
        /// Stream number.
        stream: StreamId,
        /// Direction.
        dir: Direction,
        /// Frame at which it happened.
        frame: u64,
    },
    /// The sender's FIN: no more bytes in this direction.
    Fin {
        /// Stream number.
        stream: StreamId,
        /// Direction.
        dir: Direction,
        /// Frame carrying the FIN.
        frame: u64,
    },
    /// A RST ended the connection.
    Reset {
        /// Stream number.
        stream: StreamId,
        /// Direction of the RST sender.
        dir: Direction,
        /// Frame carrying the RST.
        frame: u64,
    },
    /// End of the connection's data (both FINs delivered, a RST, the stream
    /// number was reused, or the capture ended): everything held has been
    /// delivered. The summary counts the packets so far; later packets of the
    /// connection (the last ACK, a late RST) are still counted.
    Closed(&'a ConnSummary),
    /// The connection is over: its addresses were reused by a new SYN,
    /// [`TIME_WAIT`] passed in capture time since `Closed`, or the capture
    /// ended. The final summary, with every packet of the stream. Always
    /// after the connection's `Closed`, once per connection.
    Over(&'a ConnSummary),
}

/// Receives reassembly events.
pub trait TcpSink {
    /// Handles one event.
    fn event(&mut self, ev: TcpEvent<'_>);

    /// Decryption secrets the capture carries (a pcapng Decryption Secrets
    /// Block, pcapng §4.7), in file order with the packets: for the layers
    /// above TCP that decrypt. Ignored unless a sink wants them.
    fn secrets(&mut self, _kind: u32, _data: &[u8]) {}
}

impl<F: FnMut(TcpEvent<'_>)> TcpSink for F {
    fn event(&mut self, ev: TcpEvent<'_>) {
        self(ev)
    }
}

#[derive(Debug)]
struct Held {
    data: Vec<u8>,
    /// Bytes the snaplen cut off after `data`.
    missing_tail: u64,
    frame: u64,
    packet_offset: u32,
    ts: Timestamp,
}

#[derive(Debug, Default)]
struct Half {
    /// Sequence number of stream offset 0.
    base: Option<u32>,
    /// First sequence number seen from this side (Wireshark's base_seq), to
    /// recognise a new connection on a reused 4-tuple.
    first_seq: Option<u32>,
    /// Next expected stream offset.
    next: u64,
    ooo: BTreeMap<u64, Held>,
    ooo_bytes: usize,
    fin_at: Option<u64>,
    fin_reported: bool,
    budget_reported: bool,
    recent: VecDeque<u8>,
    recent_cap: usize,
    stats: DirStats,
}

#[derive(Debug)]
struct Conn {
    summary: ConnSummary,
    halves: [Half; 2],
}

/// An endpoint in 20 bytes where a `SocketAddr` takes 32: decoded addresses
/// carry no IPv6 flow label or scope id. Keys of the connection table, so
/// every connection ever seen costs less.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Ep {
    ip: IpAddr,
    port: u16,
}

impl From<SocketAddr> for Ep {
    fn from(a: SocketAddr) -> Ep {
        Ep {
            ip: a.ip(),
            port: a.port(),
        }
    }
}

impl From<Ep> for SocketAddr {
    fn from(e: Ep) -> SocketAddr {
        SocketAddr::new(e.ip, e.port)
    }
}

/// What is kept of a closed connection to attribute late packets to its
/// stream and to recognise a reused 4-tuple. Small, so that 100 000
/// connections do not add up; the stream number is the slot's index and the
/// addresses are the table's key.
#[derive(Debug, Clone, Copy)]
struct Tomb {
    first_seq: [Option<u32>; 2],
    /// Whether the client is the key's first (lower) endpoint.
    client_is_low: bool,
    /// A FIN or RST was seen.
    ended: bool,
}

/// A closed connection until it is over: its summary, compact (the stream
/// number is the slot's index), still counting late packets.
#[derive(Debug)]
struct Closed {
    client: Ep,
    server: Ep,
    first_frame: u64,
    last_frame: u64,
    /// The capture clock when it closed (see `Reassembler::clock`).
    closed_at: Timestamp,
    dirs: [DirStats; 2],
    roles_guessed: bool,
    first_sender_is_client: bool,
    reset: bool,
}

impl Closed {
    fn new(s: ConnSummary, closed_at: Timestamp) -> Closed {
        Closed {
            client: s.info.client.into(),
            server: s.info.server.into(),
            first_frame: s.info.first_frame,
            last_frame: s.last_frame,
            closed_at,
            first_sender_is_client: s.info.first_sender == s.info.client,
            roles_guessed: s.info.roles_guessed,
            dirs: s.dirs,
            reset: s.reset,
        }
    }

    fn summary(&self, stream: StreamId) -> ConnSummary {
        let (client, server) = (self.client.into(), self.server.into());
        ConnSummary {
            info: ConnInfo {
                stream,
                client,
                server,
                roles_guessed: self.roles_guessed,
                first_frame: self.first_frame,
                first_sender: if self.first_sender_is_client {
                    client
                } else {
                    server
                },
            },
            last_frame: self.last_frame,
            dirs: self.dirs.clone(),
            reset: self.reset,
        }
    }
}

#[derive(Debug)]
enum Slot {
    Open(Box<Conn>),
    /// Data over (`Closed` sent), packets still counted.
    Closed(Tomb, Box<Closed>),
    /// `Over` sent: late packets keep their stream number, nothing more.
    Over(Tomb),
}

/// Tracks every TCP connection of a capture and reassembles its streams.
#[derive(Debug, Default)]
pub struct Reassembler {
    cfg: ReassemblyConfig,
    /// Every connection, by stream number.
    conns: Vec<Slot>,
    by_key: HashMap<(Ep, Ep), StreamId>,
    /// The latest capture time seen: time never goes back for the TIME_WAIT
    /// horizon, even when timestamps do.
    clock: Timestamp,
    /// Closed connections waiting for their horizon, in order of closing,
    /// hence of `closed_at`: each segment ends the ones at the front whose
    /// horizon passed (O(1) amortized).
    waiting: VecDeque<StreamId>,
    /// Sequence analysis state of the connections not over yet (only with
    /// `ReassemblyConfig::analyze`); a connection's entry goes at `Over`.
    analysis: HashMap<StreamId, ConnAnalysis>,
}

fn key(a: Ep, b: Ep) -> (Ep, Ep) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

/// When a connection closed at `t` is over.
fn horizon(t: Timestamp) -> Timestamp {
    Timestamp {
        secs: t.secs.saturating_add(TIME_WAIT.as_secs() as i64),
        nanos: t.nanos,
    }
}

/// Maps a 32-bit relative sequence number to the 64-bit stream offset nearest
/// to `reference` (wrap-safe across 2^32, RFC 9293 §3.4).
fn unwrap_seq(rel: u32, reference: u64) -> i64 {
    let diff = rel.wrapping_sub(reference as u32) as i32;
    reference as i64 + i64::from(diff)
}

impl Reassembler {
    /// A reassembler with the given limits.
    pub fn new(cfg: ReassemblyConfig) -> Reassembler {
        Reassembler {
            cfg,
            ..Reassembler::default()
        }
    }

    /// Number of connections seen so far.
    pub fn connections(&self) -> usize {
        self.conns.len()
    }

    /// Feeds one TCP segment; returns its stream number and direction.
    ///
    /// `packet_payload_offset` is where the TCP payload starts in the
    /// packet's captured bytes, for provenance.
    pub fn segment(
        &mut self,
        frame: u64,
        ts: Timestamp,
        tcp: &TcpInfo,
        payload: &[u8],
        sink: &mut dyn TcpSink,
    ) -> (StreamId, Direction) {
        if ts > self.clock {
            self.clock = ts;
        }
        self.sweep(sink);
        let (src, dst) = (Ep::from(tcp.src), Ep::from(tcp.dst));
        let k = key(src, dst);
        let pure_syn = tcp.flags.syn && !tcp.flags.ack;
        let idx = match self.by_key.get(&k).copied() {
            Some(i) => {
                let i = i as usize;
                let (client, first_seqs, ended) = match &self.conns[i] {
                    Slot::Open(c) => (
                        Ep::from(c.summary.info.client),
                        [c.halves[0].first_seq, c.halves[1].first_seq],
                        c.summary.reset
                            || c.summary.dirs.iter().any(|d| d.fin)
                            || c.halves.iter().any(|h| h.stats.fin),
                    ),
                    Slot::Closed(t, _) | Slot::Over(t) => (
                        if t.client_is_low { k.0 } else { k.1 },
                        t.first_seq,
                        t.ended,
                    ),
                };
                let first_seq = first_seqs[if src == client { 0 } else { 1 }];
                // Wireshark (packet-tcp.c) starts a new conversation on a SYN
                // whose sequence number differs from the one first seen, or
                // after the old connection saw a FIN or RST.
                let reused =
                    pure_syn && first_seq.is_some() && (first_seq != Some(tcp.seq) || ended);
                if reused {
                    self.close(i, sink);
                    self.over(i, sink);
                    self.open(k, frame, tcp, sink)
                } else {
                    i
                }
            }
            None => self.open(k, frame, tcp, sink),
        };
        let cfg = self.cfg;
        let conn = match &mut self.conns[idx] {
            Slot::Open(c) => c,
            Slot::Closed(t, c) => {
                // Late packets (final ACKs, retransmitted FINs, late RSTs)
                // still belong to this stream and are counted, but carry
                // nothing new.
                let d = if src == c.client { 0 } else { 1 };
                c.last_frame = frame;
                c.dirs[d].packets += 1;
                c.dirs[d].fin |= tcp.flags.fin;
                c.reset |= tcp.flags.rst;
                t.ended |= tcp.flags.fin || tcp.flags.rst;
                return (idx as StreamId, Direction::from_index(d));
            }
            Slot::Over(t) => {
                // Past the horizon without a new SYN: Wireshark keeps the
                // stream number, so does this; the summary is already out.
                let client = if t.client_is_low { k.0 } else { k.1 };
                let d = if src == client { 0 } else { 1 };
                return (idx as StreamId, Direction::from_index(d));
            }
        };
        let stream = conn.summary.info.stream;
        let d = if tcp.src == conn.summary.info.client {
            0
        } else {
            1
        };
        let dir = Direction::from_index(d);
        conn.summary.last_frame = frame;
        let half = &mut conn.halves[d];
        half.stats.packets += 1;
        if half.first_seq.is_none() {
            half.first_seq = Some(tcp.seq);
        }
        if half.base.is_none() {
            if tcp.flags.syn {
                half.base = Some(tcp.seq.wrapping_add(1));
            } else {
                half.base = Some(tcp.seq);
                if !payload.is_empty() || tcp.wire_payload_len > 0 || tcp.flags.fin {
                    half.stats.midstream = true;
                    sink.event(TcpEvent::MidStream { stream, dir, frame });
                } else {
                    // A bare ACK: nothing lost yet, but the next data decides.
                    half.base = None;
                    half.first_seq = None;
                }
            }
        }
        if tcp.flags.rst {
            conn.summary.reset = true;
            sink.event(TcpEvent::Reset { stream, dir, frame });
            self.close(idx, sink);
            return (stream, dir);
        }
        let Some(base) = half.base else {
            return (stream, dir);
        };
        let data_seq = if tcp.flags.syn {
            tcp.seq.wrapping_add(1)
        } else {
            tcp.seq
        };
        let start = unwrap_seq(data_seq.wrapping_sub(base), half.next);
        let wire = u64::from(tcp.wire_payload_len).max(payload.len() as u64);
        if tcp.flags.fin && half.fin_at.is_none() && start >= 0 {
            half.fin_at = Some(start as u64 + wire);
            half.stats.fin = true;
        }
        if !payload.is_empty() || wire > 0 {
            let seg = Held {
                data: Vec::new(),
                missing_tail: wire - payload.len() as u64,
                frame,
                packet_offset: tcp.payload.start as u32,
                ts,
            };
            insert(half, stream, dir, start, payload, seg, &cfg, sink);
        }
        if let Some(f) = half.fin_at {
            if half.next >= f && !half.fin_reported {
                half.fin_reported = true;
                sink.event(TcpEvent::Fin { stream, dir, frame });
            }
        }
        if conn.halves.iter().all(|h| h.fin_reported) {
            self.close(idx, sink);
        }
        (stream, dir)
    }

    fn open(&mut self, k: (Ep, Ep), frame: u64, tcp: &TcpInfo, sink: &mut dyn TcpSink) -> usize {
        let (client, server, guessed) = if tcp.flags.syn && !tcp.flags.ack {
            (tcp.src, tcp.dst, false)
        } else if tcp.flags.syn && tcp.flags.ack {
            (tcp.dst, tcp.src, false)
        } else if tcp.src.port() > tcp.dst.port() {
            (tcp.src, tcp.dst, true)
        } else if tcp.src.port() < tcp.dst.port() {
            (tcp.dst, tcp.src, true)
        } else {
            (tcp.src, tcp.dst, true)
        };
        let info = ConnInfo {
            stream: self.conns.len() as StreamId,
            client,
            server,
            roles_guessed: guessed,
            first_frame: frame,
            first_sender: tcp.src,
        };
        sink.event(TcpEvent::Open(&info));
        self.conns.push(Slot::Open(Box::new(Conn {
            summary: ConnSummary {
                info,
                last_frame: frame,
                dirs: Default::default(),
                reset: false,
            },
            halves: [0, 1].map(|_| Half {
                recent_cap: self.cfg.retransmit_window,
                ..Half::default()
            }),
        })));
        let idx = self.conns.len() - 1;
        self.by_key.insert(k, idx as StreamId);
        idx
    }

    /// Flushes an open connection: held segments become gaps plus data, then
    /// `Closed`. Buffers are freed; a compact summary stays and counts late
    /// packets until the connection is over.
    fn close(&mut self, idx: usize, sink: &mut dyn TcpSink) {
        let Slot::Open(conn) = &mut self.conns[idx] else {
            return;
        };
        let stream = conn.summary.info.stream;
        for d in 0..2 {
            let dir = Direction::from_index(d);
            let half = &mut conn.halves[d];
            flush(
                half,
                stream,
                dir,
                conn.summary.last_frame,
                GapReason::NotCaptured,
                sink,
            );
            if let Some(f) = half.fin_at {
                if half.next >= f && !half.fin_reported {
                    half.fin_reported = true;
                    sink.event(TcpEvent::Fin {
                        stream,
                        dir,
                        frame: conn.summary.last_frame,
                    });
                }
            }
            conn.summary.dirs[d] = std::mem::take(&mut half.stats);
        }
        sink.event(TcpEvent::Closed(&conn.summary));
        let s = &conn.summary;
        let (client, server) = (Ep::from(s.info.client), Ep::from(s.info.server));
        let tomb = Tomb {
            first_seq: [conn.halves[0].first_seq, conn.halves[1].first_seq],
            client_is_low: client <= server,
            ended: s.reset || s.dirs.iter().any(|d| d.fin),
        };
        let Slot::Open(conn) = std::mem::replace(&mut self.conns[idx], Slot::Over(tomb)) else {
            unreachable!()
        };
        let closed = Closed::new(conn.summary, self.clock);
        self.conns[idx] = Slot::Closed(tomb, Box::new(closed));
        self.waiting.push_back(idx as StreamId);
    }

    /// Wireshark's sequence analysis of a packet `segment` just took (its
    /// stream and direction are what `segment` returned), with the packet's
    /// TCP options. `None` when analysis is off, or for a late packet of a
    /// connection already over (its state is gone; Wireshark keeps it for
    /// the whole capture, wsdissect keeps memory bounded).
    pub fn analyze(
        &mut self,
        stream: StreamId,
        dir: Direction,
        frame: u64,
        ts: Timestamp,
        tcp: &TcpInfo,
        options: &[TcpOption],
    ) -> Option<PacketAnalysis> {
        if !self.cfg.analyze {
            return None;
        }
        match self.conns.get(stream as usize) {
            Some(Slot::Open(_) | Slot::Closed(..)) => {}
            _ => return None,
        }
        let a = self.analysis.entry(stream).or_default();
        Some(a.packet(dir.index(), frame, ts, tcp, options))
    }

    /// Sends the final summary of a closed connection (`Over`) and keeps
    /// only its tomb.
    fn over(&mut self, idx: usize, sink: &mut dyn TcpSink) {
        self.analysis.remove(&(idx as StreamId));
        let Slot::Closed(tomb, _) = &self.conns[idx] else {
            return;
        };
        let tomb = *tomb;
        let Slot::Closed(_, c) = std::mem::replace(&mut self.conns[idx], Slot::Over(tomb)) else {
            unreachable!()
        };
        sink.event(TcpEvent::Over(&c.summary(idx as StreamId)));
    }

    /// Ends the connections whose TIME_WAIT horizon has passed.
    fn sweep(&mut self, sink: &mut dyn TcpSink) {
        while let Some(&i) = self.waiting.front() {
            if let Slot::Closed(_, c) = &self.conns[i as usize] {
                if horizon(c.closed_at) > self.clock {
                    break;
                }
                self.over(i as usize, sink);
            }
            // (a connection over already, by a reused 4-tuple, is skipped)
            self.waiting.pop_front();
        }
    }

    /// Ends the capture: every open connection is flushed and closed, and
    /// every connection is over, in stream order.
    pub fn finish(&mut self, sink: &mut dyn TcpSink) {
        for i in 0..self.conns.len() {
            self.close(i, sink);
            self.over(i, sink);
        }
        self.waiting.clear();
    }
}

/// Delivers held segments in front of the hole by declaring the hole a gap,
/// until nothing is held.
fn flush(
    half: &mut Half,
    stream: StreamId,
    dir: Direction,
    frame: u64,
    reason: GapReason,
    sink: &mut dyn TcpSink,
) {
    while let Some((&first, _)) = half.ooo.iter().next() {
        if first > half.next {
            let len = first - half.next;
            sink.event(TcpEvent::Gap {
                stream,
                dir,
                offset: half.next,
                len,
                frame,
                reason,
            });
            half.stats.gaps += 1;
            half.stats.gap_bytes += len;
            half.next = first;
        }
        drain(half, stream, dir, sink);
    }
}

#[allow(clippy::too_many_arguments)]
fn insert(
    half: &mut Half,
    stream: StreamId,
    dir: Direction,
    start: i64,
    payload: &[u8],
    mut seg: Held,
    cfg: &ReassemblyConfig,
    sink: &mut dyn TcpSink,
) {
    let next = half.next as i64;
    let end = start + payload.len() as i64 + seg.missing_tail as i64;
    if end <= next {
        // Entirely old: a retransmission.
        half.stats.retransmissions += 1;
        half.stats.retransmitted_bytes += payload.len() as u64;
        let lo = start.max(0) as u64;
        // A segment from before the stream's first byte may end before
        // offset 0 too: then nothing of it is left to compare.
        let skip = ((lo as i64 - start) as usize).min(payload.len());
        check_conflict(half, stream, dir, lo, &payload[skip..], seg.frame, sink);
        return;
    }
    let mut payload = payload;
    let mut start = start;
    if start < next {
        let trim = (next - start) as usize;
        let t = trim.min(payload.len());
        half.stats.retransmitted_bytes += t as u64;
        let lo = start.max(0) as u64;
        let old = &payload[(lo as i64 - start).min(t as i64) as usize..t];
        check_conflict(half, stream, dir, lo, old, seg.frame, sink);
        payload = &payload[t..];
        seg.packet_offset = seg.packet_offset.saturating_add(t as u32);
        if trim > t {
            seg.missing_tail -= (trim - t) as u64;
        }
        start = next;
    }
    let start = start as u64;
    if start == half.next {
        deliver(half, stream, dir, payload, &seg, sink);
        drain(half, stream, dir, sink);
        return;
    }
    // Out of order: hold it, within the budget.
    if half.ooo_bytes + held_cost(payload.len()) > cfg.max_out_of_order {
        if !half.budget_reported {
            half.budget_reported = true;
            sink.event(TcpEvent::BudgetHit {
                stream,
                dir,
                frame: seg.frame,
            });
        }
        flush(
            half,
            stream,
            dir,
            seg.frame,
            GapReason::BudgetExceeded,
            sink,
        );
        if start > half.next {
            let len = start - half.next;
            sink.event(TcpEvent::Gap {
                stream,
                dir,
                offset: half.next,
                len,
                frame: seg.frame,
                reason: GapReason::BudgetExceeded,
            });
            half.stats.gaps += 1;
            half.stats.gap_bytes += len;
            half.next = start;
        }
        if start < half.next {
            // Flushed data overlapped this segment: go through the normal path.
            return insert(half, stream, dir, start as i64, payload, seg, cfg, sink);
        }
        deliver(half, stream, dir, payload, &seg, sink);
        drain(half, stream, dir, sink);
        return;
    }
    match half.ooo.get(&start) {
        Some(existing)
            if existing.data.len() as u64 + existing.missing_tail
                >= payload.len() as u64 + seg.missing_tail =>
        {
            // First copy wins; compare what overlaps.
            let n = existing.data.len().min(payload.len());
            if existing.data[..n] != payload[..n] {
                sink.event(TcpEvent::Conflict {
                    stream,
                    dir,
                    offset: start,
                    frame: seg.frame,
                });
            }
            half.stats.retransmissions += 1;
            half.stats.retransmitted_bytes += payload.len() as u64;
        }
        _ => {
            if let Some(old) = half.ooo.remove(&start) {
                half.ooo_bytes -= held_cost(old.data.len());
            }
            seg.data = payload.to_vec();
            half.ooo_bytes += held_cost(seg.data.len());
            half.ooo.insert(start, seg);
        }
    }
}

/// What holding one out-of-order segment costs besides its bytes (its entry,
/// its share of a tree node, its allocation), counted against the budget.
pub const HELD_OVERHEAD: usize = 128;

fn held_cost(len: usize) -> usize {
    len + HELD_OVERHEAD
}

/// Delivers held segments that have become contiguous.
fn drain(half: &mut Half, stream: StreamId, dir: Direction, sink: &mut dyn TcpSink) {
    while let Some(entry) = half.ooo.first_entry() {
        let start = *entry.key();
        if start > half.next {
            break;
        }
        let seg = entry.remove();
        half.ooo_bytes -= held_cost(seg.data.len());
        let end = start + seg.data.len() as u64 + seg.missing_tail;
        if end <= half.next {
            half.stats.retransmissions += 1;
            half.stats.retransmitted_bytes += seg.data.len() as u64;
            check_conflict(half, stream, dir, start, &seg.data, seg.frame, sink);
            continue;
        }
        let trim = (half.next - start) as usize;
        let t = trim.min(seg.data.len());
        check_conflict(half, stream, dir, start, &seg.data[..t], seg.frame, sink);
        half.stats.retransmitted_bytes += t as u64;
        let s = Held {
            data: Vec::new(),
            missing_tail: seg.missing_tail - (trim - t) as u64,
            frame: seg.frame,
            packet_offset: seg.packet_offset.saturating_add(t as u32),
            ts: seg.ts,
        };
        deliver(half, stream, dir, &seg.data[t..], &s, sink);
    }
}

fn deliver(
    half: &mut Half,
    stream: StreamId,
    dir: Direction,
    data: &[u8],
    seg: &Held,
    sink: &mut dyn TcpSink,
) {
    if !data.is_empty() {
        sink.event(TcpEvent::Data {
            stream,
            dir,
            chunk: Chunk {
                offset: half.next,
                data,
                frame: seg.frame,
                packet_offset: seg.packet_offset,
                ts: seg.ts,
            },
        });
        half.next += data.len() as u64;
        half.stats.bytes += data.len() as u64;
        let cap = half.recent_cap;
        remember(half, data, cap);
    }
    if seg.missing_tail > 0 {
        sink.event(TcpEvent::Gap {
            stream,
            dir,
            offset: half.next,
            len: seg.missing_tail,
            frame: seg.frame,
            reason: GapReason::Truncated,
        });
        half.stats.gaps += 1;
        half.stats.gap_bytes += seg.missing_tail;
        half.next += seg.missing_tail;
        // The bytes are unknown, so nothing can be compared against them.
        half.recent.clear();
    }
}

fn remember(half: &mut Half, data: &[u8], cap: usize) {
    if data.len() >= cap {
        half.recent.clear();
        half.recent.extend(&data[data.len() - cap..]);
    } else {
        let excess = (half.recent.len() + data.len()).saturating_sub(cap);
        half.recent.drain(..excess);
        half.recent.extend(data);
    }
}

/// Compares a retransmitted copy of `[offset, offset+data.len())` with the
/// bytes delivered first, as far as they are still remembered.
fn check_conflict(
    half: &Half,
    stream: StreamId,
    dir: Direction,
    offset: u64,
    data: &[u8],
    frame: u64,
    sink: &mut dyn TcpSink,
) {
    let recent_start = half.next - half.recent.len() as u64;
    for (i, &b) in data.iter().enumerate() {
        let o = offset + i as u64;
        if o < recent_start || o >= half.next {
            continue;
        }
        if half.recent[(o - recent_start) as usize] != b {
            sink.event(TcpEvent::Conflict {
                stream,
                dir,
                offset: o,
                frame,
            });
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::link::TcpFlags;
    use proptest::prelude::*;

    const C: &str = "10.0.0.1:40000";
    const S: &str = "10.0.0.2:80";

    /// Everything reassembly reported, flattened for assertions.
    #[derive(Default, Debug)]
    struct Log {
        bytes: [Vec<u8>; 2],
        /// (offset, frame, packet_offset, len) per delivered chunk.
        chunks: Vec<(usize, u64, u64, u32, usize)>,
        gaps: Vec<(usize, u64, u64, GapReason)>,
        conflicts: usize,
        streams: Vec<StreamId>,
        midstream: usize,
        closed: usize,
        budget: usize,
        /// Open, Closed and Over events in order: ('o' | 'c' | 'x', stream).
        life: Vec<(char, StreamId)>,
        /// Final summaries, from `Over`.
        over: Vec<ConnSummary>,
    }

    impl TcpSink for Log {
        fn event(&mut self, ev: TcpEvent<'_>) {
            match ev {
                TcpEvent::Open(i) => {
                    self.streams.push(i.stream);
                    self.life.push(('o', i.stream));
                }
                TcpEvent::Data { dir, chunk, .. } => {
                    assert_eq!(
                        chunk.offset as usize,
                        self.bytes[dir.index()].len() + self.gap_len(dir.index())
                    );
                    self.chunks.push((
                        dir.index(),
                        chunk.offset,
                        chunk.frame,
                        chunk.packet_offset,
                        chunk.data.len(),
                    ));
                    self.bytes[dir.index()].extend_from_slice(chunk.data);
                }
                TcpEvent::Gap {
                    dir,
                    offset,
                    len,
                    reason,
                    ..
                } => self.gaps.push((dir.index(), offset, len, reason)),
                TcpEvent::Conflict { .. } => self.conflicts += 1,
                TcpEvent::MidStream { .. } => self.midstream += 1,
                TcpEvent::Closed(c) => {
                    self.closed += 1;
                    self.life.push(('c', c.info.stream));
                }
                TcpEvent::Over(c) => {
                    self.life.push(('x', c.info.stream));
                    self.over.push(c.clone());
                }
                TcpEvent::BudgetHit { .. } => self.budget += 1,
                _ => {}
            }
        }
    }

    impl Log {
        fn gap_len(&self, d: usize) -> usize {
            self.gaps
                .iter()
                .filter(|g| g.0 == d)
                .map(|g| g.2 as usize)
                .sum()
        }
    }

    fn seg(
        src: &str,
        dst: &str,
        seq: u32,
        flags: TcpFlags,
        payload_len: usize,
        wire: u32,
    ) -> TcpInfo {
        TcpInfo {
            src: src.parse().unwrap(),
            dst: dst.parse().unwrap(),
            seq,
            ack: 0,
            flags,
            window: 1000,
            header: 0..20,
            payload: 40..40 + payload_len,
            wire_payload_len: wire,
        }
    }

    const SYN: TcpFlags = TcpFlags {
        syn: true,
        ack: false,
        fin: false,
        rst: false,
        psh: false,
        urg: false,
    };
    const SYNACK: TcpFlags = TcpFlags {
        syn: true,
        ack: true,
        fin: false,
        rst: false,
        psh: false,
        urg: false,
    };
    const ACK: TcpFlags = TcpFlags {
        syn: false,
        ack: true,
        fin: false,
        rst: false,
        psh: false,
        urg: false,
    };
    const FIN: TcpFlags = TcpFlags {
        syn: false,
        ack: true,
        fin: true,
        rst: false,
        psh: false,
        urg: false,
    };
    const RST: TcpFlags = TcpFlags {
        syn: false,
        ack: false,
        fin: false,
        rst: true,
        psh: false,
        urg: false,
    };

    struct Conv {
        r: Reassembler,
        log: Log,
        frame: u64,
    }

    impl Conv {
        fn new(isn_c: u32, isn_s: u32) -> Conv {
            let mut c = Conv {
                r: Reassembler::new(ReassemblyConfig::default()),
                log: Log::default(),
                frame: 0,
            };
            c.send(C, S, isn_c, SYN, b"");
            c.send(S, C, isn_s, SYNACK, b"");
            c
        }
        fn send(
            &mut self,
            src: &str,
            dst: &str,
            seq: u32,
            flags: TcpFlags,
            data: &[u8],
        ) -> (StreamId, Direction) {
            self.send_at(0, src, dst, seq, flags, data)
        }
        /// Sends at `secs` seconds of capture time.
        fn send_at(
            &mut self,
            secs: i64,
            src: &str,
            dst: &str,
            seq: u32,
            flags: TcpFlags,
            data: &[u8],
        ) -> (StreamId, Direction) {
            self.frame += 1;
            let t = seg(src, dst, seq, flags, data.len(), data.len() as u32);
            let ts = Timestamp { secs, nanos: 0 };
            self.r.segment(self.frame, ts, &t, data, &mut self.log)
        }
        fn finish(mut self) -> Log {
            self.r.finish(&mut self.log);
            self.log
        }
    }

    #[test]
    fn in_order_with_provenance() {
        let mut c = Conv::new(100, 5000);
        c.send(C, S, 101, ACK, b"hello ");
        c.send(C, S, 107, ACK, b"world");
        c.send(S, C, 5001, ACK, b"ok");
        let log = c.finish();
        assert_eq!(log.bytes[0], b"hello world");
        assert_eq!(log.bytes[1], b"ok");
        // frame 3 carried offsets 0..6 starting at byte 40 of the packet.
        assert_eq!(log.chunks[0], (0, 0, 3, 40, 6));
        assert_eq!(log.chunks[1], (0, 6, 4, 40, 5));
        assert!(log.gaps.is_empty());
    }

    #[test]
    fn out_of_order_is_held_then_delivered() {
        let mut c = Conv::new(100, 5000);
        c.send(C, S, 107, ACK, b"world");
        assert!(c.log.bytes[0].is_empty(), "must wait for the hole");
        c.send(C, S, 101, ACK, b"hello ");
        let log = c.finish();
        assert_eq!(log.bytes[0], b"hello world");
        assert_eq!(
            log.chunks[1].2, 3,
            "second chunk came from the first-captured packet"
        );
    }

    #[test]
    fn retransmission_same_bytes_is_not_data_twice() {
        let mut c = Conv::new(100, 5000);
        c.send(C, S, 101, ACK, b"hello");
        c.send(C, S, 101, ACK, b"hello");
        c.send(C, S, 106, ACK, b"!");
        let log = c.finish();
        assert_eq!(log.bytes[0], b"hello!");
        assert_eq!(log.conflicts, 0);
    }

    #[test]
    fn retransmission_with_different_bytes_keeps_first_and_notes() {
        let mut c = Conv::new(100, 5000);
        c.send(C, S, 101, ACK, b"hello");
        c.send(C, S, 101, ACK, b"jello");
        let log = c.finish();
        assert_eq!(log.bytes[0], b"hello");
        assert_eq!(log.conflicts, 1);
    }

    #[test]
    fn overlap_is_trimmed() {
        let mut c = Conv::new(100, 5000);
        c.send(C, S, 101, ACK, b"abcdef");
        c.send(C, S, 104, ACK, b"defghi");
        let log = c.finish();
        assert_eq!(log.bytes[0], b"abcdefghi");
        assert_eq!(
            log.chunks[1],
            (0, 6, 4, 43, 3),
            "trimmed chunk starts 3 bytes into the payload"
        );
    }

    #[test]
    fn sequence_numbers_wrap_across_2_pow_32() {
        let isn = u32::MAX - 3;
        let mut c = Conv::new(isn, 7);
        c.send(C, S, isn.wrapping_add(1), ACK, b"0123");
        c.send(C, S, isn.wrapping_add(5), ACK, b"4567");
        let log = c.finish();
        assert_eq!(log.bytes[0], b"01234567");
    }

    #[test]
    fn a_hole_that_never_fills_becomes_a_gap() {
        let mut c = Conv::new(100, 5000);
        c.send(C, S, 101, ACK, b"abc");
        c.send(C, S, 110, ACK, b"xyz");
        let log = c.finish();
        assert_eq!(log.bytes[0], b"abcxyz");
        assert_eq!(log.gaps, vec![(0, 3, 6, GapReason::NotCaptured)]);
    }

    #[test]
    fn midstream_start_is_reported_not_a_gap() {
        let mut r = Reassembler::new(ReassemblyConfig::default());
        let mut log = Log::default();
        let t = seg(C, S, 9999, ACK, 3, 3);
        r.segment(1, Timestamp::default(), &t, b"abc", &mut log);
        r.finish(&mut log);
        assert_eq!(log.bytes[0], b"abc");
        assert_eq!(log.midstream, 1);
        assert!(log.gaps.is_empty());
    }

    #[test]
    fn duplicated_packets_are_not_data_twice() {
        let mut c = Conv::new(100, 5000);
        for _ in 0..2 {
            c.send(C, S, 101, ACK, b"one");
        }
        for _ in 0..2 {
            c.send(C, S, 104, ACK, b"two");
        }
        let log = c.finish();
        assert_eq!(log.bytes[0], b"onetwo");
    }

    #[test]
    fn snaplen_truncation_is_a_gap_of_the_missing_bytes() {
        let mut c = Conv::new(100, 5000);
        c.frame += 1;
        let t = seg(C, S, 101, ACK, 4, 10);
        c.r.segment(c.frame, Timestamp::default(), &t, b"abcd", &mut c.log);
        c.send(C, S, 111, ACK, b"next");
        let log = c.finish();
        assert_eq!(log.bytes[0], b"abcdnext");
        assert_eq!(log.gaps, vec![(0, 4, 6, GapReason::Truncated)]);
    }

    #[test]
    fn new_syn_after_fin_starts_a_new_stream_like_wireshark() {
        let mut c = Conv::new(100, 5000);
        c.send(C, S, 101, FIN, b"");
        c.send(S, C, 5001, FIN, b"");
        let (s, _) = c.send(C, S, 100, SYN, b"");
        assert_eq!(s, 1);
        // A retransmitted SYN with the same ISN on an open connection does not.
        let (s2, _) = c.send(C, S, 100, SYN, b"");
        assert_eq!(s2, 1);
        let log = c.finish();
        assert_eq!(log.streams, vec![0, 1]);
        assert_eq!(log.closed, 2);
        assert_eq!(log.over.len(), 2);
    }

    #[test]
    fn packets_after_the_close_are_counted_until_the_connection_is_over() {
        let mut c = Conv::new(100, 5000);
        c.send(C, S, 101, ACK, b"hi");
        c.send(C, S, 103, FIN, b"");
        c.send(S, C, 5001, FIN, b"");
        assert_eq!(
            c.log.life,
            vec![('o', 0), ('c', 0)],
            "closed at the second FIN"
        );
        // The ACK of the last FIN, a retransmitted FIN, a late RST.
        assert_eq!(c.send(C, S, 104, ACK, b""), (0, Direction::ClientToServer));
        assert_eq!(c.send(S, C, 5001, FIN, b""), (0, Direction::ServerToClient));
        c.send(C, S, 104, RST, b"");
        assert!(
            c.log.over.is_empty(),
            "not over before TIME_WAIT or the end"
        );
        let log = c.finish();
        assert_eq!(log.life, vec![('o', 0), ('c', 0), ('x', 0)]);
        let s = &log.over[0];
        assert_eq!(
            (s.dirs[0].packets, s.dirs[1].packets, s.last_frame),
            (5, 3, 8)
        );
        assert!(s.reset && s.dirs[0].fin && s.dirs[1].fin);
        assert_eq!(s.dirs[0].bytes, 2, "late packets deliver nothing");
        assert_eq!(log.bytes[0], b"hi");
    }

    #[test]
    fn a_new_syn_on_the_addresses_ends_the_old_connection_first() {
        let mut c = Conv::new(100, 5000);
        c.send(C, S, 101, RST, b"");
        c.send(S, C, 5001, RST, b"");
        c.send(C, S, 900, SYN, b"");
        let log = c.finish();
        assert_eq!(
            log.life,
            vec![('o', 0), ('c', 0), ('x', 0), ('o', 1), ('c', 1), ('x', 1)]
        );
        assert_eq!(
            log.over[0].dirs[1].packets, 2,
            "the SYN-ACK and the late RST"
        );
        assert_eq!(log.over[1].dirs[0].packets, 1);
        assert_eq!(log.over[1].info.first_frame, 5);
    }

    #[test]
    fn a_closed_connection_is_over_once_time_wait_has_passed_in_capture_time() {
        const D: &str = "10.0.0.3:40001";
        let mut c = Conv::new(100, 5000);
        c.send_at(1, C, S, 101, FIN, b"");
        c.send_at(1, S, C, 5001, FIN, b"");
        let w = TIME_WAIT.as_secs() as i64;
        // Another connection's packets move the clock.
        c.send_at(w, D, S, 7, SYN, b"");
        c.send_at(1 + w - 1, C, S, 102, ACK, b"");
        assert!(c.log.over.is_empty(), "{:?}", c.log.life);
        // Time going back does not move the horizon either way.
        c.send_at(0, D, S, 7, SYN, b"");
        assert!(c.log.over.is_empty());
        c.send_at(1 + w, D, S, 7, SYN, b"");
        assert_eq!(c.log.life.last(), Some(&('x', 0)));
        assert_eq!(c.log.over[0].dirs[0].packets, 3);
        assert_eq!(c.log.over[0].last_frame, 6);
        // Later packets on its addresses keep its number (as in Wireshark)
        // but are in no summary: it is out.
        assert_eq!(
            c.send_at(2 * w, S, C, 5002, ACK, b""),
            (0, Direction::ServerToClient)
        );
        let log = c.finish();
        assert_eq!(log.over.len(), 2);
        assert_eq!(log.over[0].dirs[1].packets, 2);
        assert_eq!(log.over[1].info.stream, 1);
        assert_eq!(log.over[1].dirs[0].packets, 3);
    }

    #[test]
    fn at_the_end_every_connection_is_over_in_stream_order() {
        let mut c = Conv::new(100, 5000);
        c.send(C, S, 101, FIN, b"");
        c.send(S, C, 5001, FIN, b"");
        c.send("10.0.0.9:1234", S, 1, SYN, b"");
        c.send(C, S, 102, ACK, b"");
        let log = c.finish();
        assert_eq!(
            log.life,
            vec![('o', 0), ('c', 0), ('o', 1), ('x', 0), ('c', 1), ('x', 1)]
        );
        assert_eq!(log.over[0].dirs[0].packets, 3);
    }

    /// The sequence analysis keeps a fixed-size state per connection, and
    /// only until the connection is over: memory stays bounded by the
    /// connections alive, not by all those ever seen.
    #[test]
    fn analysis_state_goes_when_the_connection_is_over() {
        let mut r = Reassembler::new(ReassemblyConfig {
            analyze: true,
            ..ReassemblyConfig::default()
        });
        let mut log = Log::default();
        let mut frame = 0;
        let mut send = |r: &mut Reassembler,
                        log: &mut Log,
                        secs: i64,
                        src: &str,
                        dst: &str,
                        seq: u32,
                        flags: TcpFlags| {
            frame += 1;
            let t = seg(src, dst, seq, flags, 0, 0);
            let ts = Timestamp { secs, nanos: 0 };
            let (s, d) = r.segment(frame, ts, &t, &[], log);
            r.analyze(s, d, frame, ts, &t, &[])
        };
        for i in 0..100u32 {
            let c = format!("10.0.0.1:{}", 1000 + i);
            let secs = i64::from(i);
            assert!(send(&mut r, &mut log, secs, &c, S, 7, SYN).is_some());
            send(&mut r, &mut log, secs, S, &c, 9, SYNACK);
            send(&mut r, &mut log, secs, &c, S, 8, FIN);
            send(&mut r, &mut log, secs, S, &c, 10, FIN);
            // closed, not over: late packets are still analysed
            let a = send(&mut r, &mut log, secs, &c, S, 8, FIN).unwrap();
            assert!(a.flags.contains(crate::net::AnalysisFlags::RETRANSMISSION));
            // at most the connections of the last 60 s are remembered
            assert!(r.analysis.len() <= 62, "{}", r.analysis.len());
        }
        r.finish(&mut log);
        assert!(r.analysis.is_empty());
    }

    /// What docs/architecture.md and tests/hostile.rs count on: a closed
    /// connection waiting for its horizon, and one that is over, stay small.
    #[test]
    fn a_closed_connection_keeps_little() {
        use std::mem::size_of;
        assert!(size_of::<Closed>() <= 192, "{}", size_of::<Closed>());
        assert!(size_of::<Tomb>() <= 20, "{}", size_of::<Tomb>());
        assert!(size_of::<Slot>() <= 32, "{}", size_of::<Slot>());
        assert!(size_of::<(Ep, Ep)>() <= 40);
    }

    #[test]
    fn budget_bounds_held_bytes() {
        let mut r = Reassembler::new(ReassemblyConfig {
            max_out_of_order: 100,
            retransmit_window: 64,
            analyze: false,
        });
        let mut log = Log::default();
        let mut f = 0;
        let mut send = |r: &mut Reassembler, log: &mut Log, src, dst, seq, flags, data: &[u8]| {
            f += 1;
            let t = seg(src, dst, seq, flags, data.len(), data.len() as u32);
            r.segment(f, Timestamp::default(), &t, data, log);
        };
        send(&mut r, &mut log, C, S, 0, SYN, b"");
        // Every other 50-byte segment is missing.
        for i in 0..10u32 {
            send(
                &mut r,
                &mut log,
                C,
                S,
                1 + 100 * i + 50,
                ACK,
                &[i as u8; 50],
            );
        }
        assert_eq!(log.budget, 1);
        assert!(
            log.bytes[0].len() >= 400,
            "held data was flushed as the budget ran out"
        );
        r.finish(&mut log);
        assert_eq!(log.bytes[0].len(), 500);
        assert_eq!(log.gap_len(0), 500);
    }

    proptest! {
        /// Random segmentation, reordering and duplication of a byte stream
        /// reassemble to the original.
        #[test]
        fn any_segmentation_reassembles(
            data in proptest::collection::vec(any::<u8>(), 1..3000),
            cuts in proptest::collection::vec(1usize..200, 1..60),
            isn in any::<u32>(),
            order in proptest::collection::vec(any::<u16>(), 60),
            dups in proptest::collection::vec(any::<bool>(), 60),
        ) {
            let mut segs = Vec::new();
            let mut at = 0usize;
            let mut i = 0;
            while at < data.len() {
                let n = cuts[i % cuts.len()].min(data.len() - at);
                segs.push((at, n));
                at += n;
                i += 1;
            }
            let mut idx: Vec<usize> = (0..segs.len()).collect();
            idx.sort_by_key(|&k| order[k % order.len()]);
            let mut c = Conv::new(isn, 1);
            for (j, &k) in idx.iter().enumerate() {
                let (off, n) = segs[k];
                let seq = isn.wrapping_add(1).wrapping_add(off as u32);
                c.send(C, S, seq, ACK, &data[off..off + n]);
                if dups[j % dups.len()] {
                    c.send(C, S, seq, ACK, &data[off..off + n]);
                }
            }
            let log = c.finish();
            prop_assert_eq!(&log.bytes[0], &data);
            prop_assert!(log.gaps.is_empty());
            prop_assert_eq!(log.conflicts, 0);
        }
    }
}
