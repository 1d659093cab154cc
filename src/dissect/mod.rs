//! Where the layers meet: TCP events in, model [`Record`]s out.
//!
//! One [`Dissector`] follows every connection of a capture. Each direction
//! of a connection is a small state machine (`conn::Mode`): undecided → HTTP
//! (requests or responses, bodies skipped) → WebSocket after a `101 Switching
//! Protocols`; or TLS / other (passed over); or WebSocket guessed when a
//! capture starts after the handshake. The rules are decided by the parsers
//! (`ws::frame`, `http::handshake`) and worded as notes in `notes`. Records
//! are handed to a [`RecordSink`] as soon as they are complete, so `dump`
//! runs in constant memory.
//!
//! A connection's `stream` record is complete when TCP says the connection
//! is over ([`TcpEvent::Over`]), after the packets that follow its close;
//! from `Closed`, when its parsers flush, until then only a small `Ended`
//! is kept.

mod conn;
mod frames;
mod http;
pub mod notes;

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use crate::model::{ConnectionInfo, Note, Record, Rule, Severity};
use crate::net::{ConnInfo, ConnSummary, Direction, StreamId, TcpEvent, TcpSink};

use conn::{ConnState, Ended};

/// Receives records as the analysis completes them.
pub trait RecordSink {
    /// Takes one record.
    fn record(&mut self, rec: Record);
}

impl<F: FnMut(Record)> RecordSink for F {
    fn record(&mut self, rec: Record) {
        self(rec)
    }
}

/// Limits and choices of the WebSocket layer.
#[derive(Debug, Clone)]
pub struct DissectConfig {
    /// Payload bytes kept per frame; the rest is counted but not stored.
    pub max_payload: usize,
    /// Bytes kept per message (wire, and again after decompression).
    pub max_message: usize,
    /// Largest HTTP head accepted before the stream is given up as not HTTP.
    pub max_http_head: usize,
    /// Ports whose connections are decoded as WebSocket even without a
    /// handshake in the capture (`--ws-port`).
    pub ws_ports: Vec<u16>,
    /// Whether to guess WebSocket on streams without a handshake.
    pub guess: bool,
    /// TLS session secrets (`--keylog`, and a pcapng's Decryption Secrets
    /// Blocks as they are read).
    pub keylog: std::sync::Arc<crate::tls::KeyLog>,
    /// The language of the notes' sentences (`--lang`): a note's `message`
    /// follows it, its `rule` and `section` do not (docs/json.md).
    pub lang: crate::i18n::Lang,
}

impl Default for DissectConfig {
    fn default() -> Self {
        DissectConfig {
            max_payload: 16 << 20,
            max_message: 16 << 20,
            max_http_head: 1 << 20,
            ws_ports: Vec::new(),
            guess: true,
            keylog: Default::default(),
            lang: crate::i18n::Lang::En,
        }
    }
}

/// Turns TCP events into records.
pub struct Dissector<'s> {
    cfg: DissectConfig,
    /// Connections that carried something: their parser state (about
    /// 1.2 KiB), boxed so that a map that grows by doubling does not hold
    /// twice that inline per connection.
    conns: HashMap<StreamId, Box<ConnState>>,
    /// Connections that have not carried anything yet. Their parser state is
    /// made on their first event after the handshake, so that connections
    /// that never get further (a SYN flood, a port scan) cost only this
    /// (docs/hostile.md states the costs).
    idle: HashMap<StreamId, ConnInfo>,
    /// Connections whose data is over (`Closed`) but which are not over yet:
    /// their `stream` record waits for the final TCP counts (`Over`).
    ended: HashMap<StreamId, Box<Ended>>,
    out: &'s mut dyn RecordSink,
    /// Counts for the summary record.
    pub totals: Totals,
}

/// Running totals across the capture.
#[derive(Debug, Clone, Default)]
pub struct Totals {
    /// Connections.
    pub streams: u64,
    /// Handshakes.
    pub handshakes: u64,
    /// WebSocket frames.
    pub ws_frames: u64,
    /// WebSocket messages.
    pub ws_messages: u64,
    /// Notes by severity.
    pub notes: [u64; 3],
}

/// Where records go from inside a connection: counts notes on the way.
pub(crate) struct Out<'a> {
    sink: &'a mut dyn RecordSink,
    totals: &'a mut Totals,
    /// Notes about a frame or message are held until the record they are
    /// about has been emitted, so readers see the frame, then its notes.
    held: Option<Vec<Note>>,
    /// The notes' language ([`DissectConfig::lang`]).
    pub(crate) l: &'static crate::i18n::L10n,
}

impl Out<'_> {
    /// Starts holding notes back.
    pub(crate) fn hold_notes(&mut self) {
        if self.held.is_none() {
            self.held = Some(Vec::new());
        }
    }

    /// Emits `rec`, then the notes held back since [`Out::hold_notes`].
    pub(crate) fn emit_with_notes(&mut self, rec: Record) {
        let held = self.held.take();
        self.emit(rec);
        for n in held.into_iter().flatten() {
            self.emit(Record::Note(n));
        }
    }

    pub(crate) fn emit(&mut self, rec: Record) {
        match &rec {
            Record::Note(n) => {
                let i = match n.severity {
                    Severity::Info => 0,
                    Severity::Warning => 1,
                    Severity::Error => 2,
                };
                self.totals.notes[i] += 1;
            }
            Record::Frame(_) => self.totals.ws_frames += 1,
            Record::Message(_) => self.totals.ws_messages += 1,
            Record::Handshake(_) => self.totals.handshakes += 1,
            _ => {}
        }
        self.sink.record(rec);
    }

    pub(crate) fn note(
        &mut self,
        rule: Rule,
        stream: Option<StreamId>,
        frame: Option<u64>,
        direction: Option<Direction>,
        message: String,
    ) {
        let note = Note {
            severity: rule.severity(),
            stream,
            frame,
            direction,
            rule: rule.id(),
            section: rule.section(),
            message,
        };
        match self.held.as_mut() {
            Some(h) => h.push(note),
            None => self.emit(Record::Note(note)),
        }
    }
}

impl<'s> Dissector<'s> {
    /// A dissector writing to `out`.
    pub fn new(cfg: DissectConfig, out: &'s mut dyn RecordSink) -> Dissector<'s> {
        Dissector {
            cfg,
            conns: HashMap::new(),
            idle: HashMap::new(),
            ended: HashMap::new(),
            out,
            totals: Totals::default(),
        }
    }

    /// TLS secrets found in the capture itself (a pcapng Decryption Secrets
    /// Block, key log format): used for the connections that follow, as
    /// Wireshark does.
    pub fn add_secrets(&mut self, keylog: crate::tls::KeyLog) {
        std::sync::Arc::make_mut(&mut self.cfg.keylog).merge(keylog);
    }

    /// Emits a record that does not come from a connection (packets, capture info).
    pub fn emit(&mut self, rec: Record) {
        Out {
            sink: self.out,
            totals: &mut self.totals,
            held: None,
            l: crate::i18n::L10n::get(self.cfg.lang),
        }
        .emit(rec);
    }

    /// The connection's data is over: the parsers flush, and what its
    /// `stream` record says besides the TCP counts waits for `Over`.
    fn closed(&mut self, summary: &ConnSummary) {
        let stream = summary.info.stream;
        let Some(mut c) = self
            .conns
            .remove(&stream)
            .or_else(|| wake(&mut self.idle, stream, &self.cfg))
        else {
            return;
        };
        let mut out = Out {
            sink: self.out,
            totals: &mut self.totals,
            held: None,
            l: crate::i18n::L10n::get(self.cfg.lang),
        };
        let ended = c.finish(summary, &self.cfg, &mut out);
        self.ended.insert(stream, Box::new(ended));
    }

    /// The connection is over: its `stream` record, with the final counts.
    fn over(&mut self, summary: &ConnSummary) {
        // `Closed` always comes first; an empty record otherwise.
        let ended = self
            .ended
            .remove(&summary.info.stream)
            .map_or_else(Ended::empty, |e| *e);
        let rec = ended.into_summary(summary.clone());
        self.emit(Record::Stream(Box::new(rec)));
    }
}

/// The parser state of a connection that had not carried anything yet,
/// made now (see `Dissector::idle`).
fn wake(
    idle: &mut HashMap<StreamId, ConnInfo>,
    stream: StreamId,
    cfg: &DissectConfig,
) -> Option<Box<ConnState>> {
    idle.remove(&stream)
        .map(|info| Box::new(ConnState::new(info, cfg)))
}

impl TcpSink for Dissector<'_> {
    fn secrets(&mut self, kind: u32, data: &[u8]) {
        if kind == crate::tls::keylog::DSB_SECRETS_TYPE_TLS_KEYLOG {
            self.add_secrets(crate::tls::KeyLog::parse_bytes(
                data,
                "the capture's Decryption Secrets Block",
            ));
        }
    }

    fn event(&mut self, ev: TcpEvent<'_>) {
        let mut out = Out {
            sink: self.out,
            totals: &mut self.totals,
            held: None,
            l: crate::i18n::L10n::get(self.cfg.lang),
        };
        match ev {
            TcpEvent::Open(info) => {
                out.totals.streams += 1;
                out.emit(Record::Connection(ConnectionInfo {
                    stream: info.stream,
                    client: info.client,
                    server: info.server,
                    roles_guessed: info.roles_guessed,
                    first_frame: info.first_frame,
                }));
                self.idle.insert(info.stream, info.clone());
            }
            TcpEvent::Closed(summary) => self.closed(summary),
            TcpEvent::Over(summary) => self.over(summary),
            other => {
                let stream = match &other {
                    TcpEvent::Data { stream, .. }
                    | TcpEvent::Gap { stream, .. }
                    | TcpEvent::MidStream { stream, .. }
                    | TcpEvent::Conflict { stream, .. }
                    | TcpEvent::BudgetHit { stream, .. }
                    | TcpEvent::Fin { stream, .. }
                    | TcpEvent::Reset { stream, .. } => *stream,
                    TcpEvent::Open(_) | TcpEvent::Closed(_) | TcpEvent::Over(_) => return,
                };
                let c = match self.conns.entry(stream) {
                    Entry::Occupied(e) => e.into_mut(),
                    Entry::Vacant(v) => match wake(&mut self.idle, stream, &self.cfg) {
                        Some(c) => v.insert(c),
                        None => return,
                    },
                };
                c.event(other, &self.cfg, &mut out);
            }
        }
    }
}
