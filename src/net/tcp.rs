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

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::net::SocketAddr;

use crate::capture::Timestamp;

use super::link::TcpInfo;

/// Wireshark-compatible TCP stream number.
pub type StreamId = u32;

/// Direction of a byte stream within a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// From the side that opened the connection (sent the SYN).
    ClientToServer,
    /// From the side that accepted it.
    ServerToClient,
}

impl Direction {
    /// 0 for client→server, 1 for server→client (array index).
    pub fn index(self) -> usize {
        match self {
            Direction::ClientToServer => 0,
            Direction::ServerToClient => 1,
        }
    }
    /// The other direction.
    pub fn reverse(self) -> Direction {
        match self {
            Direction::ClientToServer => Direction::ServerToClient,
            Direction::ServerToClient => Direction::ClientToServer,
        }
    }
    /// An arrow for list views: `→` client to server, `←` back.
    pub fn arrow(self) -> &'static str {
        match self {
            Direction::ClientToServer => "→",
            Direction::ServerToClient => "←",
        }
    }
    fn from_index(i: usize) -> Direction {
        if i == 0 {
            Direction::ClientToServer
        } else {
            Direction::ServerToClient
        }
    }
}

/// Tunables for reassembly.
#[derive(Debug, Clone, Copy)]
pub struct ReassemblyConfig {
    /// Most out-of-order bytes held per direction before the hole in front
    /// of them is declared a gap. Bounds memory on a flood of segments that
    /// never become contiguous.
    pub max_out_of_order: usize,
    /// How many recently delivered bytes per direction are kept to check that
    /// a retransmission carries the same bytes.
    pub retransmit_window: usize,
}

impl Default for ReassemblyConfig {
    fn default() -> Self {
        ReassemblyConfig {
            max_out_of_order: 4 << 20,
            retransmit_window: 64 << 10,
        }
    }
}

/// A new connection, as first seen.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
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
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
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

/// A connection's totals, delivered once when the analysis ends.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
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
    /// number was reused, or the capture ended).
    Closed(&'a ConnSummary),
}

/// Receives reassembly events.
pub trait TcpSink {
    /// Handles one event.
    fn event(&mut self, ev: TcpEvent<'_>);
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
    finished: bool,
}

/// Tracks every TCP connection of a capture and reassembles its streams.
#[derive(Debug, Default)]
pub struct Reassembler {
    cfg: ReassemblyConfig,
    conns: Vec<Conn>,
    by_key: HashMap<(SocketAddr, SocketAddr), usize>,
}

fn key(a: SocketAddr, b: SocketAddr) -> (SocketAddr, SocketAddr) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
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
            conns: Vec::new(),
            by_key: HashMap::new(),
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
        let k = key(tcp.src, tcp.dst);
        let pure_syn = tcp.flags.syn && !tcp.flags.ack;
        let idx = match self.by_key.get(&k).copied() {
            Some(i) => {
                let c = &self.conns[i];
                let dir = if tcp.src == c.summary.info.client {
                    0
                } else {
                    1
                };
                let h = &c.halves[dir];
                // Wireshark (packet-tcp.c) starts a new conversation on a SYN
                // whose sequence number differs from the one first seen, or
                // after the old connection saw a FIN or RST.
                let reused = pure_syn
                    && h.first_seq.is_some()
                    && (h.first_seq != Some(tcp.seq)
                        || c.summary.reset
                        || c.summary.dirs.iter().any(|d| d.fin));
                if reused {
                    self.close(i, sink);
                    self.open(k, frame, tcp, sink)
                } else {
                    i
                }
            }
            None => self.open(k, frame, tcp, sink),
        };
        let cfg = self.cfg;
        let conn = &mut self.conns[idx];
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
        if conn.finished {
            // Late packets (final ACKs, retransmitted FINs) still belong to
            // this stream but carry nothing new.
            return (stream, dir);
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

    fn open(
        &mut self,
        k: (SocketAddr, SocketAddr),
        frame: u64,
        tcp: &TcpInfo,
        sink: &mut dyn TcpSink,
    ) -> usize {
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
        self.conns.push(Conn {
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
            finished: false,
        });
        let idx = self.conns.len() - 1;
        self.by_key.insert(k, idx);
        idx
    }

    /// Flushes a connection: held segments become gaps plus data, then
    /// `Closed`. Buffers are freed; the small summary stays for late packets.
    fn close(&mut self, idx: usize, sink: &mut dyn TcpSink) {
        let conn = &mut self.conns[idx];
        if conn.finished {
            return;
        }
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
            half.recent = VecDeque::new();
            half.ooo = BTreeMap::new();
            conn.summary.dirs[d] = half.stats.clone();
        }
        conn.finished = true;
        sink.event(TcpEvent::Closed(&conn.summary));
    }

    /// Ends the capture: every open connection is flushed and closed, in
    /// stream order.
    pub fn finish(&mut self, sink: &mut dyn TcpSink) {
        for i in 0..self.conns.len() {
            self.close(i, sink);
        }
    }

    /// Summaries of all connections (complete after [`Reassembler::finish`]).
    pub fn summaries(&self) -> impl Iterator<Item = &ConnSummary> {
        self.conns.iter().map(|c| &c.summary)
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
        check_conflict(
            half,
            stream,
            dir,
            lo,
            &payload[(lo as i64 - start) as usize..],
            seg.frame,
            sink,
        );
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
    if half.ooo_bytes + payload.len() > cfg.max_out_of_order {
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
                half.ooo_bytes -= old.data.len();
            }
            seg.data = payload.to_vec();
            half.ooo_bytes += seg.data.len();
            half.ooo.insert(start, seg);
        }
    }
}

/// Delivers held segments that have become contiguous.
fn drain(half: &mut Half, stream: StreamId, dir: Direction, sink: &mut dyn TcpSink) {
    while let Some(entry) = half.ooo.first_entry() {
        let start = *entry.key();
        if start > half.next {
            break;
        }
        let seg = entry.remove();
        half.ooo_bytes -= seg.data.len();
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
