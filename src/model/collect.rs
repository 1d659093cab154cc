//! The whole model in memory, for the TUI.

use super::{
    CaptureInfo, ConnectionInfo, Handshake, HttpMessage, Note, PacketInfo, Record, StreamSummary,
    Summary, TlsRecord, WsFrame, WsMessage,
};

/// Every record of a capture, grouped by kind, in arrival order.
///
/// Built by pushing the records `dump` would print; the TUI renders it. The
/// raw packet bytes are kept beside the packet records so the hex pane can
/// show them.
#[derive(Debug, Default, Clone)]
pub struct Dissection {
    /// What was opened.
    pub capture: Option<CaptureInfo>,
    /// Packets (when collected).
    pub packets: Vec<PacketInfo>,
    /// Raw bytes of each packet, same order as `packets`.
    pub packet_bytes: Vec<Vec<u8>>,
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

    /// The packet with this frame number, if collected.
    pub fn packet(&self, frame: u64) -> Option<(&PacketInfo, &[u8])> {
        let i = self
            .packets
            .binary_search_by_key(&frame, |p| p.frame)
            .ok()?;
        Some((&self.packets[i], self.packet_bytes.get(i)?.as_slice()))
    }
}
