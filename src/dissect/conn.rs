//! Per-connection state: the bytes waiting in each direction, which
//! protocol each direction speaks, and what the connection has seen.

use std::collections::VecDeque;

use crate::capture::Timestamp;
use crate::model::{CloseSummary, HttpMessage, Protocol, Span, StreamSummary};
use crate::net::{Chunk, ConnInfo, ConnSummary, Direction, TcpEvent};
use crate::ws::deflate::{DeflateParams, Inflater};

use super::frames::{FrameBuild, MsgBuild};
use super::notes::Rule;
use super::{DissectConfig, Out};

#[derive(Debug, Clone, Copy)]
struct Prov {
    offset: u64,
    len: u64,
    frame: u64,
    packet_offset: u32,
    ts: Timestamp,
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
        spans: &mut Vec<Span>,
        frames: &mut Vec<u64>,
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
                        && u64::from(s.packet_offset) + s.len == u64::from(packet_offset)
                        && s.unit_offset + s.len == lo - unit_start =>
                {
                    s.len += len
                }
                _ => spans.push(Span {
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
        let mut spans = Vec::new();
        let mut frames = Vec::new();
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

/// What a direction is speaking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// No bytes yet, or too few to tell.
    Undecided,
    /// HTTP/1.x heads and bodies.
    Http,
    /// The client sent an upgrade request: its next bytes are frames only if
    /// the server answers 101, so they wait.
    AwaitUpgrade,
    /// WebSocket frames.
    Ws,
    /// Frame boundaries lost after a gap: looking for them again.
    Resync,
    /// Nothing wsdissect decodes (TLS, other protocols, lost HTTP).
    Opaque,
}

/// How much of an HTTP body is still to be skipped.
#[derive(Debug)]
pub(crate) enum Body {
    None,
    Length(u64),
    Chunked(crate::http::handshake::ChunkedSkipper),
    UntilClose,
}

/// One direction of a connection.
pub(crate) struct DirState {
    pub dir: Direction,
    pub mode: Mode,
    pub pend: Pending,
    pub body: Body,
    pub head_search: usize,
    pub frame: Option<FrameBuild>,
    pub msg: Option<MsgBuild>,
    /// Boxed: only permessage-deflate connections have one, and inline it
    /// would make every connection's state larger.
    pub inflater: Option<Box<Inflater>>,
    /// Set by a gap: a compressed message cannot be trusted until the
    /// context is reset (RFC 7692 §7.2.2 context takeover).
    pub inflate_lost: bool,
    pub sent_close: bool,
    pub after_close_noted: bool,
    pub resync_skipped: u64,
    pub await_noted: bool,
}

impl DirState {
    fn new(dir: Direction) -> DirState {
        DirState {
            dir,
            mode: Mode::Undecided,
            pend: Pending::default(),
            body: Body::None,
            head_search: 0,
            frame: None,
            msg: None,
            inflater: None,
            inflate_lost: false,
            sent_close: false,
            after_close_noted: false,
            resync_skipped: 0,
            await_noted: false,
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
    pub full: Option<Box<(HttpMessage, crate::http::handshake::HttpHead)>>,
}

/// Most requests waiting for a response on one connection; later ones (bar
/// an upgrade request) are not queued, and the responses that answer them
/// are not paired with a request.
pub(crate) const MAX_PENDING_REQUESTS: usize = 1024;

/// Everything known about one connection.
pub(crate) struct ConnState {
    pub info: ConnInfo,
    pub dirs: [DirState; 2],
    pub protocol: Protocol,
    pub first_payload: Option<String>,
    pub requests: VecDeque<PendingRequest>,
    pub deflate: Option<DeflateParams>,
    pub guessed: bool,
    pub guess_noted: bool,
    pub next_ws_index: u64,
    pub next_msg_index: u64,
    pub pings: [VecDeque<(Vec<u8>, u64, Timestamp)>; 2],
    pub close: Option<CloseSummary>,
    pub ws_frames: [u64; 2],
    pub ws_messages: [u64; 2],
    pub http_head_bytes: [u64; 2],
    pub ws_header_bytes: [u64; 2],
    pub ws_payload_bytes: [u64; 2],
    pub force_ws: bool,
}

impl ConnState {
    pub(crate) fn new(info: ConnInfo, cfg: &DissectConfig) -> ConnState {
        let force_ws = cfg
            .ws_ports
            .iter()
            .any(|p| *p == info.server.port() || *p == info.client.port());
        ConnState {
            info,
            dirs: [
                DirState::new(Direction::ClientToServer),
                DirState::new(Direction::ServerToClient),
            ],
            protocol: Protocol::Empty,
            first_payload: None,
            requests: VecDeque::new(),
            deflate: None,
            guessed: false,
            guess_noted: false,
            next_ws_index: 0,
            next_msg_index: 0,
            pings: Default::default(),
            close: None,
            ws_frames: [0; 2],
            ws_messages: [0; 2],
            http_head_bytes: [0; 2],
            ws_header_bytes: [0; 2],
            ws_payload_bytes: [0; 2],
            force_ws,
        }
    }

    pub(crate) fn stream(&self) -> u32 {
        self.info.stream
    }

    pub(crate) fn event(&mut self, ev: TcpEvent<'_>, cfg: &DissectConfig, out: &mut Out<'_>) {
        let stream = self.stream();
        match ev {
            TcpEvent::Data { dir, chunk, .. } => {
                if self.first_payload.is_none() {
                    self.first_payload = Some(describe_first(chunk.data));
                }
                let d = dir.index();
                let mut chunk = chunk;
                // Fast path: payload of the frame being received is taken
                // straight from the segment, without a stop in `pend`.
                while !chunk.data.is_empty()
                    && self.dirs[d].mode == Mode::Ws
                    && self.dirs[d].pend.data().is_empty()
                    && self.dirs[d].frame.is_some()
                {
                    let n = super::frames::payload_direct(self, d, &chunk, cfg, out);
                    if n == 0 {
                        break;
                    }
                    chunk = Chunk {
                        offset: chunk.offset + n as u64,
                        data: &chunk.data[n..],
                        packet_offset: chunk.packet_offset.saturating_add(n as u32),
                        ..chunk
                    };
                    if !chunk.data.is_empty() && self.dirs[d].frame.is_none() {
                        // The frame ended inside this segment: parse the
                        // rest (next headers) through `pend`.
                        break;
                    }
                }
                if !chunk.data.is_empty() {
                    self.dirs[d].pend.push(&chunk);
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
                out.note(
                    Rule::TcpGap,
                    Some(stream),
                    Some(frame),
                    Some(dir),
                    format!(
                        "{len} bytes missing from the {} stream at offset {offset}: {}",
                        dir_words(dir),
                        crate::model::gap_reason_text(reason)
                    ),
                );
                self.gap(dir, offset, len, frame, cfg, out);
                self.pump(cfg, out, false);
            }
            TcpEvent::MidStream { dir, frame, .. } => out.note(
                Rule::MidStream,
                Some(stream),
                Some(frame),
                Some(dir),
                format!(
                    "the capture starts in the middle of the {} stream: its first bytes were not captured",
                    dir_words(dir)
                ),
            ),
            TcpEvent::Conflict {
                dir, offset, frame, ..
            } => out.note(
                Rule::TcpConflict,
                Some(stream),
                Some(frame),
                Some(dir),
                format!("a retransmission carries different bytes at offset {offset} than the first copy; the first copy is used"),
            ),
            TcpEvent::BudgetHit { dir, frame, .. } => out.note(
                Rule::TcpBudget,
                Some(stream),
                Some(frame),
                Some(dir),
                "too many out-of-order bytes waited for a missing segment; the hole is declared a gap".into(),
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
            for d in 0..2 {
                progress |= self.step(d, cfg, out, at_end);
            }
            if !progress {
                break;
            }
        }
    }

    /// One parsing step for direction `d`; true if anything changed.
    fn step(&mut self, d: usize, cfg: &DissectConfig, out: &mut Out<'_>, at_end: bool) -> bool {
        match self.dirs[d].mode {
            Mode::Undecided => self.decide(d, cfg, out, at_end),
            Mode::Http => super::http::step(self, d, cfg, out),
            Mode::AwaitUpgrade => {
                let ds = &mut self.dirs[d];
                if ds.pend.data().len() > cfg.max_payload && !ds.await_noted {
                    ds.await_noted = true;
                    ds.mode = Mode::Opaque;
                    out.note(
                        Rule::UpgradeUnanswered,
                        Some(self.info.stream),
                        None,
                        Some(ds.dir),
                        "the client kept sending after its upgrade request but no answer came; its bytes are not decoded".into(),
                    );
                    return true;
                }
                false
            }
            Mode::Ws => super::frames::step(self, d, cfg, out),
            Mode::Resync => super::frames::resync(self, d, cfg, out, at_end),
            Mode::Opaque => {
                let ds = &mut self.dirs[d];
                let n = ds.pend.data().len();
                if n > 0 {
                    ds.pend.skip(n);
                }
                false
            }
        }
    }

    fn decide(&mut self, d: usize, cfg: &DissectConfig, out: &mut Out<'_>, at_end: bool) -> bool {
        let data = self.dirs[d].pend.data();
        if data.is_empty() {
            return false;
        }
        use crate::http::handshake::{looks_like_request, looks_like_response};
        let mode = if self.force_ws {
            Some(Mode::Ws)
        } else if data.len() < 8 && !at_end {
            None
        } else if d == 0 && looks_like_request(data) || d == 1 && looks_like_response(data) {
            Some(Mode::Http)
        } else if d == 1 && looks_like_request(data) {
            // A server that sends a request: roles are probably swapped.
            Some(Mode::Http)
        } else if data.len() >= 3 && data[0] == 0x16 && data[1] == 0x03 {
            if self.protocol == Protocol::Empty {
                self.protocol = Protocol::Tls;
            }
            Some(Mode::Opaque)
        } else if cfg.guess {
            match super::frames::plausible_run(data, at_end) {
                Some(true) => Some(Mode::Ws),
                Some(false) => Some(Mode::Opaque),
                None if data.len() > 65536 => Some(Mode::Opaque),
                None => None,
            }
        } else {
            Some(Mode::Opaque)
        };
        let Some(mode) = mode else { return false };
        if mode == Mode::Http && self.protocol == Protocol::Empty {
            self.protocol = Protocol::Http;
        }
        if mode == Mode::Ws {
            self.guessed = true;
            self.protocol = Protocol::WebsocketGuessed;
            if !self.guess_noted {
                self.guess_noted = true;
                let why = if self.force_ws {
                    "its port was given with --ws-port"
                } else {
                    "its bytes parse as a run of valid frames"
                };
                out.note(
                    Rule::Guessed,
                    Some(self.info.stream),
                    None,
                    Some(self.dirs[d].dir),
                    format!(
                        "no WebSocket handshake in the capture; decoded as WebSocket because {why}"
                    ),
                );
            }
        }
        if mode == Mode::Opaque && self.protocol == Protocol::Empty {
            self.protocol = Protocol::Other;
        }
        self.dirs[d].mode = mode;
        true
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
        let d = dir.index();
        match self.dirs[d].mode {
            Mode::Ws | Mode::Resync => super::frames::gap(self, d, offset, len, frame, cfg, out),
            Mode::Undecided | Mode::Opaque => {
                self.dirs[d].pend.reset(offset + len);
            }
            Mode::Http | Mode::AwaitUpgrade => {
                let ds = &mut self.dirs[d];
                ds.pend.reset(offset + len);
                ds.mode = Mode::Opaque;
                out.note(
                    Rule::SyncLost,
                    Some(self.info.stream),
                    Some(frame),
                    Some(dir),
                    "HTTP bytes are missing, so the rest of this direction cannot be parsed".into(),
                );
            }
        }
    }

    /// The connection's data ended: decide, flush, close what is open, and
    /// return its summary so far (emitted once the connection is over).
    pub(crate) fn finish(
        &mut self,
        summary: &ConnSummary,
        cfg: &DissectConfig,
        out: &mut Out<'_>,
    ) -> StreamSummary {
        self.pump(cfg, out, true);
        super::http::finish(self, out);
        for d in 0..2 {
            super::frames::finish(self, d, cfg, out);
        }
        let tcp = summary.clone();
        StreamSummary {
            tcp,
            protocol: self.protocol,
            first_payload: self.first_payload.take(),
            ws_frames: self.ws_frames,
            ws_messages: self.ws_messages,
            http_head_bytes: self.http_head_bytes,
            ws_header_bytes: self.ws_header_bytes,
            ws_payload_bytes: self.ws_payload_bytes,
            close: self.close.take(),
        }
    }
}

/// "client→server" in words.
pub(crate) fn dir_words(d: Direction) -> &'static str {
    match d {
        Direction::ClientToServer => "client→server",
        Direction::ServerToClient => "server→client",
    }
}

/// A short description of a connection's first payload for `streams`.
pub(crate) fn describe_first(data: &[u8]) -> String {
    use crate::http::handshake::{looks_like_request, looks_like_response};
    if looks_like_request(data) || looks_like_response(data) {
        let line_end = data
            .iter()
            .position(|&b| b == b'\r' || b == b'\n')
            .unwrap_or(data.len())
            .min(120);
        return String::from_utf8_lossy(&data[..line_end]).into_owned();
    }
    if data.len() >= 6 && data[0] == 0x16 && data[1] == 0x03 {
        return if data[5] == 1 {
            "TLS ClientHello".into()
        } else {
            "TLS handshake".into()
        };
    }
    if data.len() >= 4 && &data[..4] == b"SSH-" {
        return "SSH banner".into();
    }
    let n = data.len().min(16);
    let hex: Vec<String> = data[..n].iter().map(|b| format!("{b:02x}")).collect();
    format!("other ({} …)", hex.join(" "))
}
