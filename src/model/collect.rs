//! The whole model in memory, for the TUI.

use super::{
    CaptureInfo, ConnectionInfo, Handshake, HttpMessage, Note, PacketInfo, Record, StreamSummary,
    Summary, TlsRecord, WsFrame, WsMessage,
};

/// Every record of a capture, grouped by kind, in arrival order.
///
/// Built by pushing the records `dump` would print; the TUI renders it. The
/// packets' raw bytes are not in it: the TUI reads them back from the
/// capture file (docs/tui.md, "Where the bytes are").
#[derive(Debug, Default, Clone)]
pub struct Dissection {
    /// What was opened.
    pub capture: Option<CaptureInfo>,
    /// Packets (when collected).
    pub packets: Vec<PacketInfo>,
    /// Connections.
    pub connections: Vec<ConnectionInfo>,
    /// HTTP heads.
    pub http: Vec<HttpMessage>,
    /// Handshakes.
    pub handshakes: Vec<Handshake>,
    /// WebSocket frames.
    pub frames: Vec<WsFrame>,
    /// WebSocket messages.
    pub messages: Vec<WsMessage>,
    /// Notes.
    pub notes: Vec<Note>,
    /// Connection totals.
    pub streams: Vec<StreamSummary>,
    /// TLS records, in the order they completed.
    pub tls_records: Vec<TlsRecord>,
    /// Capture totals.
    pub summary: Option<Summary>,
}

impl Dissection {
    /// Files one record.
    pub fn push(&mut self, rec: Record) {
        match rec {
            Record::Capture(c) => self.capture = Some(c),
            Record::Packet(p) => self.packets.push(p),
            Record::Connection(c) => self.connections.push(c),
            Record::Http(h) => self.http.push(h),
            Record::Handshake(h) => self.handshakes.push(*h),
            Record::Frame(f) => self.frames.push(*f),
            Record::Message(m) => self.messages.push(*m),
            Record::Note(n) => self.notes.push(n),
            Record::Stream(s) => self.streams.push(*s),
            Record::TlsRecord(r) => self.tls_records.push(*r),
            Record::Summary(s) => self.summary = Some(s),
        }
    }
}
