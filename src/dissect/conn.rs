//! Per-connection state: each direction ([`Side`]) with the bytes waiting in
//! it, the protocol it speaks ([`Mode`], which owns that protocol's parser
//! state) and its counters; and what both directions share ([`Shared`]).

use std::collections::VecDeque;

use crate::capture::Timestamp;
use crate::http::{looks_like_request, looks_like_response, ChunkedSkipper, HttpHead};
use crate::model::{
    CloseSummary, FrameList, HttpMessage, Protocol, Record, Rule, Span, SpanList, StreamSummary,
    TlsRecord,
};
use crate::net::{Chunk, ConnInfo, ConnSummary, Direction, TcpEvent};
use crate::tls::{
    looks_like_tls, ContentType, Epoch, Protection, TlsConn, TlsError, TlsEvent, TlsSummary,
};

use super::frames::WsSide;
use super::notes::{dir_words, gap_reason};
use super::{DissectConfig, Out};
use crate::tr;

#[derive(Debug, Clone, Copy)]
struct Prov {
    offset: u64,
    len: u64,
    frame: u64,
    packet_offset: u32,
    ts: Timestamp,
    /// The TLS record the bytes were decrypted from.
    record: Option<u64>,
}

/// In-order bytes of one direction not yet consumed by a parser, with the
/// packets they came from.
#[derive(Debug, Default)]
pub(crate) struct Pending {
    buf: Vec<u8>,
    pos: usize,
    start: u64,
    prov: VecDeque<Prov>,
}

/// What `Pending::consume` reports about the consumed bytes.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Consumed {
    /// Frame that carried the last consumed byte.
    pub last_frame: u64,
    /// Its capture time.
    pub ts: Timestamp,
}

impl Pending {
    pub(crate) fn push(&mut self, c: &Chunk<'_>) {
        self.push_from(c, None);
    }

    /// Takes bytes decrypted from TLS record `record` (numbered per
    /// direction); `c.packet_offset` is their offset in its plaintext.
    pub(crate) fn push_decrypted(&mut self, c: &Chunk<'_>, record: u64) {
        self.push_from(c, Some(record));
    }

    fn push_from(&mut self, c: &Chunk<'_>, record: Option<u64>) {
        if self.pos == self.buf.len() {
            self.buf.clear();
            self.pos = 0;
            self.start = c.offset;
        } else if self.pos > 0 && self.pos >= self.buf.len() / 2 {
            self.buf.drain(..self.pos);
            self.start += self.pos as u64;
            self.pos = 0;
        }
        self.buf.extend_from_slice(c.data);
        self.prov.push_back(Prov {
            offset: c.offset,
            len: c.data.len() as u64,
            frame: c.frame,
            packet_offset: c.packet_offset,
            ts: c.ts,
            record,
        });
    }

    /// Unconsumed bytes.
    pub(crate) fn data(&self) -> &[u8] {
        &self.buf[self.pos..]
    }

    /// Stream offset of `data()[0]`.
    pub(crate) fn offset(&self) -> u64 {
        self.start + self.pos as u64
    }

    /// The packet that carried the newest bytes.
    pub(crate) fn last_frame(&self) -> u64 {
        self.prov.back().map(|p| p.frame).unwrap_or_default()
    }

    /// Time of the newest bytes.
    pub(crate) fn last_ts(&self) -> Timestamp {
        self.prov.back().map(|p| p.ts).unwrap_or_default()
    }

    /// Consumes `n` bytes of a unit that started at stream offset
    /// `unit_start`, recording where they came from.
    pub(crate) fn consume(
        &mut self,
        n: usize,
        unit_start: u64,
        spans: &mut SpanList,
        frames: &mut FrameList,
    ) -> Consumed {
        let n = n.min(self.buf.len() - self.pos);
        let mut at = self.offset();
        let end = at + n as u64;
        let mut last = Consumed::default();
        while at < end {
            let Some(p) = self.prov.front().copied() else {
                break;
            };
            let p_end = p.offset + p.len;
            if p_end <= at {
                self.prov.pop_front();
                continue;
            }
            let lo = at.max(p.offset);
            let hi = end.min(p_end);
            let len = hi - lo;
            let packet_offset = p.packet_offset.saturating_add((lo - p.offset) as u32);
            match spans.last_mut() {
                Some(s)
                    if s.frame == p.frame
                        && s.tls_record == p.record
                        && u64::from(s.packet_offset) + s.len == u64::from(packet_offset)
                        && s.unit_offset + s.len == lo - unit_start =>
                {
                    s.len += len
                }
                _ => spans.push(Span {
                    tls_record: p.record,
                    frame: p.frame,
                    packet_offset,
                    unit_offset: lo - unit_start,
                    len,
                }),
            }
            if frames.last() != Some(&p.frame) {
                frames.push(p.frame);
            }
            last = Consumed {
                last_frame: p.frame,
                ts: p.ts,
            };
            at = hi;
            if hi == p_end {
                self.prov.pop_front();
            }
        }
        self.pos += n;
        last
    }

    /// Consumes `n` bytes without recording anything (skipped bodies,
    /// bytes given up on).
    pub(crate) fn skip(&mut self, n: usize) -> Consumed {
        let mut spans = SpanList::new();
        let mut frames = FrameList::new();
        let at = self.offset();
        self.consume(n, at, &mut spans, &mut frames)
    }

    /// Moves the (empty) buffer to a new stream offset, after bytes were
    /// consumed directly from a segment.
    pub(crate) fn advance_empty(&mut self, new_offset: u64) {
        debug_assert!(self.data().is_empty());
        self.buf.clear();
        self.pos = 0;
        self.start = new_offset;
        self.prov.clear();
    }

    /// Forgets everything: bytes before a gap can no longer be joined with
    /// bytes after it.
    pub(crate) fn reset(&mut self, new_offset: u64) {
        self.buf.clear();
        self.pos = 0;
        self.start = new_offset;
        self.prov.clear();
    }
}

/// How much of an HTTP body is still to be skipped.
#[derive(Debug, Default)]
pub(crate) enum Body {
    #[default]
    None,
    Length(u64),
    Chunked(ChunkedSkipper),
    UntilClose,
}

/// The HTTP parser state of one direction.
#[derive(Debug, Default)]
pub(crate) struct HttpSide {
    /// The body being skipped, if any.
    pub body: Body,
    /// Where to resume looking for the end of a head.
    pub head_search: usize,
    /// The message whose body is being received: its record is emitted
    /// when the body is complete (Wireshark lists it at that packet).
    pub msg: Option<Box<PendingBody>>,
}

/// A message waiting for the end of its body, and the body so far.
#[derive(Debug)]
pub(crate) struct PendingBody {
    pub msg: HttpMessage,
    /// The body's wire bytes, up to `max_payload`.
    pub raw: Vec<u8>,
    /// Wire bytes not kept.
    pub raw_omitted: u64,
    /// Stream offset of the body's first byte.
    pub start: u64,
    pub chunked: bool,
    pub spans: SpanList,
}

/// What a direction is speaking, with the parser state of that protocol:
/// undecided → HTTP (→ awaiting the upgrade answer) → WebSocket (⇄
/// resynchronising after a gap), or opaque. On a TLS connection these are
/// the modes of the decrypted bytes ([`TlsLayer`] sits under both sides).
pub(crate) enum Mode {
    /// No bytes yet, or too few to tell.
    Undecided,
    /// HTTP/1.x heads and bodies.
    Http(HttpSide),
    /// The client sent an upgrade request: its next bytes are frames only if
    /// the server answers 101, so they wait.
    AwaitUpgrade(HttpSide),
    /// WebSocket frames.
    Ws(Box<WsSide>),
    /// Frame boundaries lost after a gap: looking for them again.
    Resync(Box<WsSide>),
    /// Nothing wsdissect decodes: neither HTTP, TLS nor WebSocket, or HTTP
    /// or WebSocket whose sync was lost for good (a gap in HTTP, a malformed
    /// head, an upgrade request never answered).
    Opaque,
}

impl Mode {
    /// The WebSocket state, mutably.
    pub(crate) fn ws_mut(&mut self) -> Option<&mut WsSide> {
        match self {
            Mode::Ws(w) | Mode::Resync(w) => Some(w),
            _ => None,
        }
    }

    /// Moves a WebSocket direction into resynchronisation (or back with
    /// `resync = false`), keeping its state.
    pub(crate) fn set_resync(&mut self, resync: bool) {
        let old = std::mem::replace(self, Mode::Undecided);
        *self = match (old, resync) {
            (Mode::Ws(w), true) => Mode::Resync(w),
            (Mode::Resync(w), false) => Mode::Ws(w),
            (other, _) => other,
        };
    }
}

/// What one direction carried, counted as it is parsed; kept across modes
/// (the handshake's HTTP bytes, then the frames).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct SideCounts {
    /// Bytes of HTTP heads.
    pub http_head_bytes: u64,
    /// WebSocket frames.
    pub ws_frames: u64,
    /// WebSocket messages.
    pub ws_messages: u64,
    /// Bytes of WebSocket frame headers.
    pub ws_header_bytes: u64,
    /// Bytes of WebSocket payload, as on the wire.
    pub ws_payload_bytes: u64,
    /// Pings sent.
    pub ws_pings: u64,
    /// Pongs sent.
    pub ws_pongs: u64,
    /// Compressed messages (RFC 7692).
    pub compressed_messages: u64,
    /// Their bytes on the wire.
    pub compressed_wire_bytes: u64,
    /// Their bytes after decompression.
    pub decompressed_bytes: u64,
}

/// One direction of a connection.
pub(crate) struct Side {
    /// Which one.
    pub dir: Direction,
    /// Bytes received and not yet parsed.
    pub pend: Pending,
    /// What it speaks, with that protocol's state.
    pub mode: Mode,
    /// What it carried.
    pub counts: SideCounts,
}

impl Side {
    fn new(dir: Direction) -> Side {
        Side {
            dir,
            pend: Pending::default(),
            mode: Mode::Undecided,
            counts: SideCounts::default(),
        }
    }
}

/// A request waiting for its response.
pub(crate) struct PendingRequest {
    pub method: String,
    pub upgrade: bool,
    /// The request's record and parsed head, which a handshake record is
    /// built from. Kept for upgrade requests and for the newest request only,
    /// so that a client pipelining requests that are never answered (or
    /// whose answers are not in the capture) does not hoard every head.
    pub full: Option<Box<(HttpMessage, HttpHead)>>,
}

/// Most requests waiting for a response on one connection; later ones (bar
/// an upgrade request) are not queued, and the responses that answer them
/// are not paired with a request.
pub(crate) const MAX_PENDING_REQUESTS: usize = 1024;

/// What both directions of a connection share.
pub(crate) struct Shared {
    pub info: ConnInfo,
    pub protocol: Protocol,
    pub first_payload: Option<crate::model::FirstPayload>,
    pub requests: VecDeque<PendingRequest>,
    /// permessage-deflate was agreed: RSV1 on a message's first frame means
    /// "compressed" (RFC 7692 §6).
    pub deflate: bool,
    pub guessed: bool,
    pub guess_noted: bool,
    pub force_ws: bool,
    pub next_ws_index: u64,
    pub next_msg_index: u64,
    pub close: Option<CloseSummary>,
    /// The TLS layer, once the connection turned out to be TLS.
    pub tls: Option<Box<TlsLayer>>,
}

/// Everything known about one connection.
pub(crate) struct ConnState {
    pub shared: Shared,
    /// Client→server, then server→client.
    pub sides: [Side; 2],
}

impl ConnState {
    pub(crate) fn new(info: ConnInfo, cfg: &DissectConfig) -> ConnState {
        let force_ws = cfg
            .ws_ports
            .iter()
            .any(|p| *p == info.server.port() || *p == info.client.port());
        ConnState {
            shared: Shared {
                info,
                protocol: Protocol::Empty,
                first_payload: None,
                requests: VecDeque::new(),
                deflate: false,
                guessed: false,
                guess_noted: false,
                force_ws,
                next_ws_index: 0,
                next_msg_index: 0,
                close: None,
                tls: None,
            },
            sides: [
                Side::new(Direction::ClientToServer),
                Side::new(Direction::ServerToClient),
            ],
        }
    }

    /// The shared state, direction `d` and its peer, borrowed together.
    pub(crate) fn split(&mut self, d: Direction) -> (&mut Shared, &mut Side, &mut Side) {
        let [c2s, s2c] = &mut self.sides;
        match d {
            Direction::ClientToServer => (&mut self.shared, c2s, s2c),
            Direction::ServerToClient => (&mut self.shared, s2c, c2s),
        }
    }

    pub(crate) fn event(&mut self, ev: TcpEvent<'_>, cfg: &DissectConfig, out: &mut Out<'_>) {
        let stream = self.shared.info.stream;
        match ev {
            TcpEvent::Data { dir, chunk, .. } => {
                if self.shared.first_payload.is_none() {
                    self.shared.first_payload = Some(crate::model::FirstPayload::of(chunk.data));
                }
                if let Some(tls) = self.shared.tls.as_mut() {
                    tls.prov[dir.index()].push_back(Carried {
                        start: chunk.offset,
                        end: chunk.offset + chunk.data.len() as u64,
                        frame: chunk.frame,
                        packet_offset: chunk.packet_offset,
                        ts: chunk.ts,
                    });
                    self.tls_feed(dir, chunk.offset, chunk.data, cfg, out);
                    self.pump(cfg, out, false);
                    return;
                }
                let mut chunk = chunk;
                // Fast path: payload of the frame being received is taken
                // straight from the segment, without a stop in `pend`; a
                // frame header whole in the segment goes through `pend`
                // alone, so its payload can follow the same way.
                while !chunk.data.is_empty() {
                    let (sh, me, peer) = self.split(dir);
                    let Mode::Ws(w) = &me.mode else {
                        break;
                    };
                    if !me.pend.data().is_empty() {
                        break;
                    }
                    let n = if w.receiving() {
                        super::frames::payload_direct(sh, me, peer, &chunk, cfg, out)
                    } else {
                        // The peer waits on nothing here, so stepping this
                        // direction alone is what `pump` would do.
                        let header = crate::ws::FrameHeader::parse(chunk.data)
                            .map(|h| usize::from(h.header_len));
                        match header {
                            Ok(hl) if peer.pend.data().is_empty() && hl <= chunk.data.len() => {
                                me.pend.push(&Chunk {
                                    data: &chunk.data[..hl],
                                    ..chunk
                                });
                                // Whatever `step` left in `pend` stays
                                // ahead of the rest of the segment.
                                super::frames::step(sh, me, peer, cfg, out);
                                hl
                            }
                            _ => break,
                        }
                    };
                    if n == 0 {
                        break;
                    }
                    chunk = Chunk {
                        offset: chunk.offset + n as u64,
                        data: &chunk.data[n..],
                        packet_offset: chunk.packet_offset.saturating_add(n as u32),
                        ..chunk
                    };
                }
                if !chunk.data.is_empty() {
                    self.split(dir).1.pend.push(&chunk);
                }
                self.pump(cfg, out, false);
            }
            TcpEvent::Gap {
                dir,
                offset,
                len,
                frame,
                reason,
                ..
            } => {
                let l = out.l;
                out.note(
                    Rule::TcpGap,
                    Some(stream),
                    Some(frame),
                    Some(dir),
                    tr!(
                        l,
                        "note-tcp-gap",
                        len = len.to_string(),
                        dir = dir_words(dir, l),
                        offset = offset.to_string(),
                        reason = gap_reason(reason, l)
                    ),
                );
                if let Some(tls) = self.shared.tls.as_mut() {
                    let mut events = std::mem::take(&mut tls.events);
                    tls.conn.gap(dir, offset, len, &mut events);
                    self.tls_events(&mut events, cfg, out);
                } else {
                    self.gap(dir, offset, len, frame, cfg, out);
                }
                self.pump(cfg, out, false);
            }
            TcpEvent::MidStream { dir, frame, .. } => {
                let l = out.l;
                out.note(
                    Rule::MidStream,
                    Some(stream),
                    Some(frame),
                    Some(dir),
                    tr!(l, "note-mid-stream", dir = dir_words(dir, l)),
                )
            }
            TcpEvent::Conflict {
                dir, offset, frame, ..
            } => {
                let l = out.l;
                out.note(
                    Rule::TcpConflict,
                    Some(stream),
                    Some(frame),
                    Some(dir),
                    tr!(l, "note-tcp-conflict", offset = offset.to_string()),
                )
            }
            TcpEvent::BudgetHit { dir, frame, .. } => out.note(
                Rule::TcpBudget,
                Some(stream),
                Some(frame),
                Some(dir),
                out.l.t("note-tcp-budget"),
            ),
            TcpEvent::Fin { .. } | TcpEvent::Reset { .. } => {}
            TcpEvent::Open(_) | TcpEvent::Closed(_) | TcpEvent::Over(_) => {}
        }
    }

    /// Runs the parsers of both directions until neither makes progress
    /// (a 101 in one direction releases bytes waiting in the other).
    ///
    /// Not capped at a number of rounds: one segment can carry hundreds of
    /// frames, and every step that reports progress consumes bytes or moves
    /// a direction to a later mode, so this ends.
    pub(crate) fn pump(&mut self, cfg: &DissectConfig, out: &mut Out<'_>, at_end: bool) {
        loop {
            let mut progress = false;
            for dir in [Direction::ClientToServer, Direction::ServerToClient] {
                progress |= self.step(dir, cfg, out, at_end);
            }
            if !progress {
                break;
            }
        }
    }

    /// One parsing step for direction `dir`; true if anything changed.
    fn step(
        &mut self,
        dir: Direction,
        cfg: &DissectConfig,
        out: &mut Out<'_>,
        at_end: bool,
    ) -> bool {
        // TLS is recognised by a direction's first bytes: a ClientHello, or
        // any handshake record (a capture that missed the client's first).
        let tls_start = self.shared.tls.is_none() && !self.shared.force_ws && {
            let me = self.split(dir).1;
            let data = me.pend.data();
            matches!(me.mode, Mode::Undecided)
                && (looks_like_tls(data) || data.len() >= 3 && data[0] == 0x16 && data[1] == 0x03)
        };
        if tls_start {
            self.start_tls(cfg, out);
            return true;
        }
        let (sh, me, peer) = self.split(dir);
        match &me.mode {
            Mode::Undecided => decide(sh, me, cfg, out, at_end),
            Mode::Http(_) => super::http::step(sh, me, peer, cfg, out),
            Mode::AwaitUpgrade(_) => {
                if me.pend.data().len() > cfg.max_payload {
                    me.mode = Mode::Opaque;
                    out.note(
                        Rule::UpgradeUnanswered,
                        Some(sh.info.stream),
                        None,
                        Some(me.dir),
                        out.l.t("note-upgrade-client-kept-sending"),
                    );
                    return true;
                }
                false
            }
            Mode::Ws(_) => super::frames::step(sh, me, peer, cfg, out),
            Mode::Resync(_) => super::frames::resync(sh, me, out, at_end),
            Mode::Opaque => {
                let n = me.pend.data().len();
                if n > 0 {
                    me.pend.skip(n);
                }
                false
            }
        }
    }

    fn gap(
        &mut self,
        dir: Direction,
        offset: u64,
        len: u64,
        frame: u64,
        cfg: &DissectConfig,
        out: &mut Out<'_>,
    ) {
        let (sh, me, peer) = self.split(dir);
        match &me.mode {
            Mode::Ws(_) | Mode::Resync(_) => {
                super::frames::gap(sh, me, peer, offset, len, frame, cfg, out)
            }
            Mode::Undecided | Mode::Opaque => me.pend.reset(offset + len),
            Mode::Http(_) | Mode::AwaitUpgrade(_) => {
                super::http::flush_body(me, false, cfg, out);
                me.pend.reset(offset + len);
                me.mode = Mode::Opaque;
                out.note(
                    Rule::SyncLost,
                    Some(sh.info.stream),
                    Some(frame),
                    Some(dir),
                    out.l.t("note-http-bytes-missing"),
                );
            }
        }
    }

    /// The connection's data ended: decide, flush, close what is open, and
    /// return what its `stream` record needs besides the TCP totals (which
    /// come when the connection is over).
    pub(crate) fn finish(
        &mut self,
        summary: &ConnSummary,
        cfg: &DissectConfig,
        out: &mut Out<'_>,
    ) -> Ended {
        if let Some(tls) = self.shared.tls.as_mut() {
            let mut events = std::mem::take(&mut tls.events);
            tls.conn.finish(&cfg.keylog, &mut events);
            self.tls_events(&mut events, cfg, out);
        }
        self.pump(cfg, out, true);
        for dir in [Direction::ClientToServer, Direction::ServerToClient] {
            super::http::flush_body(self.split(dir).1, true, cfg, out);
        }
        super::http::finish(&mut self.shared, out);
        let ending = Ending::of(summary);
        for dir in [Direction::ClientToServer, Direction::ServerToClient] {
            let (sh, me, peer) = self.split(dir);
            super::frames::finish(sh, me, peer, ending, cfg, out);
        }
        let counts = [self.sides[0].counts, self.sides[1].counts];
        let http_head_bytes = counts.map(|c| c.http_head_bytes);
        // Most connections carry only HTTP: their counts fit inline.
        let http_only = counts.map(|c| SideCounts {
            http_head_bytes: c.http_head_bytes,
            ..SideCounts::default()
        }) == counts;
        Ended {
            protocol: self.shared.protocol,
            first_payload: self.shared.first_payload.take(),
            tls: self
                .shared
                .tls
                .as_ref()
                .map(|t| Box::new(t.summary().clone())),
            http_head_bytes,
            counts: (!http_only).then(|| Box::new(counts)),
            close: self.shared.close.take().map(Box::new),
        }
    }
}

/// A connection's `stream` record between `Closed` and `Over`, without the
/// TCP totals (`Over` brings them): a few dozen bytes, plus the first
/// payload's description and the counts of connections that carried
/// something, so that the many connections closed within TIME_WAIT of each
/// other stay cheap (docs/hostile.md).
pub(crate) struct Ended {
    protocol: Protocol,
    first_payload: Option<crate::model::FirstPayload>,
    tls: Option<Box<TlsSummary>>,
    http_head_bytes: [u64; 2],
    /// Every count, when there is more than HTTP heads to count.
    counts: Option<Box<[SideCounts; 2]>>,
    close: Option<Box<CloseSummary>>,
}

impl Ended {
    /// The `stream` record, with the final TCP totals: the one place a
    /// connection's summary is put together.
    pub(crate) fn into_summary(self, tcp: ConnSummary) -> StreamSummary {
        let c = self.counts.map_or(
            self.http_head_bytes.map(|h| SideCounts {
                http_head_bytes: h,
                ..SideCounts::default()
            }),
            |c| *c,
        );
        let per = |f: fn(&SideCounts) -> u64| [f(&c[0]), f(&c[1])];
        StreamSummary {
            tcp,
            protocol: self.protocol,
            first_payload: self.first_payload,
            tls: self.tls.map(|t| *t),
            ws_frames: per(|c| c.ws_frames),
            ws_messages: per(|c| c.ws_messages),
            http_head_bytes: per(|c| c.http_head_bytes),
            ws_header_bytes: per(|c| c.ws_header_bytes),
            ws_payload_bytes: per(|c| c.ws_payload_bytes),
            ws_pings: per(|c| c.ws_pings),
            ws_pongs: per(|c| c.ws_pongs),
            compressed_messages: per(|c| c.compressed_messages),
            compressed_wire_bytes: per(|c| c.compressed_wire_bytes),
            decompressed_bytes: per(|c| c.decompressed_bytes),
            close: self.close.map(|c| *c),
        }
    }

    /// The record of a connection that never carried anything.
    pub(crate) fn empty() -> Ended {
        Ended {
            protocol: Protocol::Empty,
            first_payload: None,
            tls: None,
            http_head_bytes: [0; 2],
            counts: None,
            close: None,
        }
    }
}

/// A piece of TCP stream a packet carried, for TLS provenance.
#[derive(Debug, Clone, Copy)]
struct Carried {
    start: u64,
    end: u64,
    frame: u64,
    packet_offset: u32,
    ts: Timestamp,
}

/// The size the layers above TLS are told a gap has when TLS records were
/// lost: unknown, and larger than any frame a capture can hold (1 TiB), so
/// no boundary is trusted. Not larger: every lost record moves the plaintext
/// offsets on by this much, and 2^23 of them in one direction still stay
/// below 2^63.
const UNKNOWN_PLAINTEXT_GAP: u64 = 1 << 40;

/// TLS under the application layer: the connection's TCP bytes are records,
/// and what they decrypt to feeds each direction's [`Side`] as if it were the
/// TCP stream (RFC 8446 §5, RFC 5246 §6.2). Both directions of a connection
/// are TLS together, so this sits beside the sides, not in their modes.
pub(crate) struct TlsLayer {
    conn: TlsConn,
    /// Per direction: the packets that carried the ciphertext not yet
    /// completed into records.
    prov: [VecDeque<Carried>; 2],
    /// Per direction: the next plaintext offset.
    plain: [u64; 2],
    /// Events of the current feed.
    events: Vec<TlsEvent>,
    /// The connection's HTTP/2 note was written.
    h2_noted: bool,
    /// Per direction: the record just reported held application data whose
    /// tag did not verify, so its plaintext is lost (its `Error` follows).
    lost_app: [bool; 2],
}

impl TlsLayer {
    fn new() -> TlsLayer {
        TlsLayer {
            conn: TlsConn::new(),
            prov: Default::default(),
            plain: [0; 2],
            events: Vec::new(),
            h2_noted: false,
            lost_app: [false; 2],
        }
    }

    /// The packet that holds stream byte `at` of direction `d`, and its time.
    fn packet_of(&self, d: usize, at: u64) -> (u64, Timestamp) {
        self.prov[d]
            .iter()
            .find(|c| c.end > at)
            .or(self.prov[d].back())
            .map_or((0, Timestamp::default()), |c| (c.frame, c.ts))
    }

    /// Where stream bytes `range` of direction `d` were carried.
    fn spans(&self, d: usize, range: &std::ops::Range<u64>) -> (SpanList, FrameList) {
        let mut spans = SpanList::new();
        let mut frames = FrameList::new();
        for c in &self.prov[d] {
            let lo = range.start.max(c.start);
            let hi = range.end.min(c.end);
            if lo >= hi {
                continue;
            }
            spans.push(Span {
                frame: c.frame,
                packet_offset: c
                    .packet_offset
                    .saturating_add(u32::try_from(lo - c.start).unwrap_or(u32::MAX)),
                unit_offset: lo - range.start,
                len: hi - lo,
                tls_record: None,
            });
            if frames.last() != Some(&c.frame) {
                frames.push(c.frame);
            }
        }
        (spans, frames)
    }

    /// What the TLS layer knows of the connection, for its `stream` record.
    pub(crate) fn summary(&self) -> &TlsSummary {
        self.conn.summary()
    }
}

impl ConnState {
    /// Switches the connection to TLS: the bytes each direction holds are
    /// records, fed to the TLS layer with the packets that carried them.
    fn start_tls(&mut self, cfg: &DissectConfig, out: &mut Out<'_>) {
        let mut tls = Box::new(TlsLayer::new());
        self.shared.protocol = Protocol::Tls;
        let mut held = Vec::new();
        for side in &mut self.sides {
            let d = side.dir.index();
            let start = side.pend.offset();
            let data = side.pend.data().to_vec();
            for p in &side.pend.prov {
                tls.prov[d].push_back(Carried {
                    start: p.offset,
                    end: p.offset + p.len,
                    frame: p.frame,
                    packet_offset: p.packet_offset,
                    ts: p.ts,
                });
            }
            side.pend.reset(0);
            side.mode = Mode::Undecided;
            held.push((side.dir, start, data));
        }
        self.shared.tls = Some(tls);
        for (dir, start, data) in held {
            if !data.is_empty() {
                self.tls_feed(dir, start, &data, cfg, out);
            }
        }
    }

    /// Feeds TCP bytes to the TLS layer and hands on what they decrypt to.
    fn tls_feed(
        &mut self,
        dir: Direction,
        offset: u64,
        data: &[u8],
        cfg: &DissectConfig,
        out: &mut Out<'_>,
    ) {
        let Some(tls) = self.shared.tls.as_mut() else {
            return;
        };
        let mut events = std::mem::take(&mut tls.events);
        tls.conn.feed(dir, offset, data, &cfg.keylog, &mut events);
        self.tls_events(&mut events, cfg, out);
        if let Some(tls) = self.shared.tls.as_mut() {
            tls.events = events;
        }
    }

    /// Turns TLS events into plaintext for the sides, and notes.
    fn tls_events(&mut self, events: &mut Vec<TlsEvent>, cfg: &DissectConfig, out: &mut Out<'_>) {
        let stream = self.shared.info.stream;
        for ev in events.drain(..) {
            let Some(tls) = self.shared.tls.as_mut() else {
                return;
            };
            match ev {
                TlsEvent::Record(r) => {
                    let d = r.dir.index();
                    // Bytes before a finished record are no longer needed.
                    let q = &mut tls.prov[d];
                    while q.len() > 1 && q.front().is_some_and(|c| c.end <= r.stream.start) {
                        q.pop_front();
                    }
                    let (spans, frames) = tls.spans(d, &r.stream);
                    let (frame, _) = tls.packet_of(d, r.stream.end.saturating_sub(1));
                    // Under traffic keys an outer application_data type is
                    // application data (TLS 1.2) or may be (TLS 1.3, whose
                    // inner type went with the plaintext).
                    tls.lost_app[d] = r.protection == Protection::BadTag
                        && matches!(r.epoch, Epoch::Traffic(_))
                        && r.content_type == ContentType::ApplicationData;
                    out.emit(Record::TlsRecord(Box::new(TlsRecord {
                        stream,
                        frame,
                        frames,
                        direction: r.dir,
                        record_number: r.record_number,
                        stream_offset: r.stream.start,
                        content_type: r.content_type,
                        inner_type: r.inner_type,
                        version: r.version,
                        length: r.length,
                        epoch: r.epoch,
                        protection: r.protection,
                        spans,
                    })));
                }
                TlsEvent::Plaintext(p) => {
                    let d = p.dir.index();
                    let (frame, ts) = tls.packet_of(d, p.stream.end.saturating_sub(1));
                    let chunk = Chunk {
                        offset: tls.plain[d],
                        data: &p.data,
                        frame,
                        packet_offset: 0,
                        ts,
                    };
                    tls.plain[d] = tls.plain[d].saturating_add(p.data.len() as u64);
                    self.sides[d].pend.push_decrypted(&chunk, p.record_number);
                }
                TlsEvent::Handshake(_) => {
                    if !tls.h2_noted && tls.conn.summary().alpn.as_deref() == Some("h2") {
                        tls.h2_noted = true;
                        let text = out.l.t("note-http2-alpn");
                        out.note(Rule::Http2, Some(stream), None, None, text);
                    }
                }
                TlsEvent::Alert(a) => {
                    if a.description_name != "close_notify" {
                        let (frame, _) =
                            tls.packet_of(a.dir.index(), a.stream.end.saturating_sub(1));
                        let l = out.l;
                        let level = if a.level == 2 {
                            "tls-level-fatal"
                        } else {
                            "tls-level-warning"
                        };
                        out.note(
                            Rule::TlsAlert,
                            Some(stream),
                            Some(frame),
                            Some(a.dir),
                            tr!(
                                l,
                                "note-tls-alert",
                                name = a.description_name,
                                code = a.description.to_string(),
                                level = l.t(level)
                            ),
                        );
                    }
                }
                TlsEvent::Undecryptable { dir, reason } => {
                    let l = out.l;
                    let (reason, advice) = super::notes::undecryptable(&reason, l);
                    out.note(
                        Rule::TlsUndecryptable,
                        Some(stream),
                        None,
                        dir,
                        tr!(
                            l,
                            "note-tls-undecryptable",
                            reason = reason,
                            advice = advice
                        ),
                    );
                }
                TlsEvent::Error(e) => {
                    let d = e.dir.index();
                    let (frame, _) = tls.packet_of(d, e.stream.end.saturating_sub(1));
                    // A gap has its tcp-gap note already; finding records
                    // again is the TLS twin of `resync`.
                    let rule = match e.error {
                        TlsError::Gap { .. } => None,
                        TlsError::Resynced { .. } => Some(Rule::Resync),
                        _ => Some(Rule::TlsRecordError),
                    };
                    if let Some(rule) = rule {
                        let text = super::notes::tls_error(&e.error, out.l);
                        out.note(rule, Some(stream), Some(frame), Some(e.dir), text);
                    }
                    let lost_app = std::mem::take(&mut tls.lost_app[d]);
                    if matches!(e.error, TlsError::Gap { .. })
                        || (lost_app && matches!(e.error, TlsError::Decrypt { .. }))
                    {
                        // How much plaintext the lost records held is
                        // unknown (TLS 1.3 pads, and a record that does not
                        // decrypt may have been corrupted anywhere, even in
                        // its length): the layers above see a gap that hides
                        // every boundary, and resynchronise, rather than
                        // reading the next record's bytes as if they
                        // followed on.
                        let at = tls.plain[d];
                        tls.plain[d] = at.saturating_add(UNKNOWN_PLAINTEXT_GAP);
                        self.gap(e.dir, at, UNKNOWN_PLAINTEXT_GAP, frame, cfg, out);
                    }
                }
            }
        }
    }
}

/// How a connection ended, for notes about what it cut off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ending {
    /// A RST.
    Reset,
    /// A FIN from this side or both.
    Fin,
    /// Neither: the capture ended while it was open.
    CaptureEnd,
}

impl Ending {
    fn of(s: &ConnSummary) -> Ending {
        if s.reset {
            Ending::Reset
        } else if s.dirs.iter().any(|d| d.fin) {
            Ending::Fin
        } else {
            Ending::CaptureEnd
        }
    }

    /// "the connection was reset", in `l`'s words for a note.
    pub(crate) fn words(self, l: &crate::i18n::L10n) -> String {
        l.t(match self {
            Ending::Reset => "ended-reset",
            Ending::Fin => "ended-fin",
            Ending::CaptureEnd => "ended-capture",
        })
    }
}

/// The client's first bytes on an HTTP/2 connection (RFC 9113 §3.4).
const HTTP2_PREFACE: &[u8] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

/// Decides what an undecided direction speaks from its first bytes.
fn decide(
    sh: &mut Shared,
    me: &mut Side,
    cfg: &DissectConfig,
    out: &mut Out<'_>,
    at_end: bool,
) -> bool {
    let data = me.pend.data();
    if data.is_empty() {
        return false;
    }
    let client = me.dir == Direction::ClientToServer;
    if sh.protocol == Protocol::Http2 {
        // The other side of an HTTP/2 connection: binary frames, not WebSocket.
        me.mode = Mode::Opaque;
        return true;
    }
    let mode = if sh.force_ws {
        Some(Mode::Ws(Box::default()))
    } else if data.len() < 8 && !at_end {
        None
    } else if HTTP2_PREFACE.starts_with(&data[..data.len().min(HTTP2_PREFACE.len())]) && client {
        if data.len() < HTTP2_PREFACE.len() && !at_end {
            return false;
        }
        sh.protocol = Protocol::Http2;
        if let Some(tls) = sh.tls.as_mut() {
            tls.h2_noted = true;
        }
        let text = out.l.t("note-http2-preface");
        out.note(
            Rule::Http2,
            Some(sh.info.stream),
            Some(me.pend.last_frame()),
            Some(me.dir),
            text,
        );
        Some(Mode::Opaque)
    } else if looks_like_request(data) || !client && looks_like_response(data) {
        // A server that sends a request: roles are probably swapped.
        Some(Mode::Http(HttpSide::default()))
    } else if cfg.guess {
        match super::frames::plausible_run(data, at_end) {
            Some(true) => Some(Mode::Ws(Box::default())),
            Some(false) => Some(Mode::Opaque),
            None if data.len() > 65536 => Some(Mode::Opaque),
            None => None,
        }
    } else {
        Some(Mode::Opaque)
    };
    let Some(mode) = mode else { return false };
    let protocol = match &mode {
        Mode::Http(_) => Protocol::Http,
        Mode::Ws(_) => Protocol::WebsocketGuessed,
        _ => Protocol::Other,
    };
    if let Mode::Ws(_) = mode {
        sh.guessed = true;
        sh.protocol = protocol;
        if !sh.guess_noted {
            sh.guess_noted = true;
            let l = out.l;
            let why = l.t(if sh.force_ws {
                "guess-why-port"
            } else {
                "guess-why-frames"
            });
            out.note(
                Rule::Guessed,
                Some(sh.info.stream),
                None,
                Some(me.dir),
                tr!(l, "note-guessed", why = why),
            );
        }
    } else if sh.protocol == Protocol::Empty || sh.tls.is_some() && sh.protocol == Protocol::Tls {
        // On a TLS connection, what the decrypted bytes speak.
        sh.protocol = protocol;
    }
    me.mode = mode;
    true
}
