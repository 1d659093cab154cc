//! The whole pipeline in one call: capture → TCP → HTTP/WebSocket → records.

use crate::capture::{CaptureError, CaptureReader, Packet};
use crate::dissect::{DissectConfig, Dissector, RecordSink};
use crate::model::Rule;
use crate::model::{
    CaptureInfo, Note, PacketInfo, PacketTcp, Record, StreamPiece, Summary, SCHEMA_VERSION,
};
use crate::net::{ReassemblyConfig, TcpEvent, TcpSink};
use crate::pipeline::run_tcp;

/// What to analyze and how.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// TCP reassembly limits.
    pub tcp: ReassemblyConfig,
    /// WebSocket layer limits and choices.
    pub dissect: DissectConfig,
    /// Emit a record per packet (the TUI and `dump --packets`).
    pub packets: bool,
}

/// Runs the analysis, handing every record to `sink` as soon as it is
/// complete. The last record is always a `summary`. Returns the capture
/// error, if reading stopped early (everything before it was emitted).
pub fn analyze(
    reader: &mut CaptureReader,
    opts: &Options,
    sink: &mut dyn RecordSink,
) -> Result<(), CaptureError> {
    analyze_with_bytes(reader, opts, sink, &mut |_, _| {})
}

/// Like [`analyze`], also handing each packet's raw bytes to `on_bytes`
/// (the TUI keeps them for its hex pane).
pub fn analyze_with_bytes(
    reader: &mut CaptureReader,
    opts: &Options,
    sink: &mut dyn RecordSink,
    on_bytes: &mut dyn FnMut(u64, &[u8]),
) -> Result<(), CaptureError> {
    analyze_with_packets(reader, opts, sink, &mut |p| on_bytes(p.number, p.data))
}

/// Like [`analyze`], also handing each captured packet (with where its
/// bytes lie in the file, [`Packet::data_offset`]) to `on_packet` just
/// before its `packet` record: the TUI notes the place and reads the bytes
/// back from the file when a packet is shown, instead of keeping them.
pub fn analyze_with_packets(
    reader: &mut CaptureReader,
    opts: &Options,
    sink: &mut dyn RecordSink,
    on_packet: &mut dyn FnMut(&Packet<'_>),
) -> Result<(), CaptureError> {
    analyze_with_stream(reader, opts, sink, on_packet, &mut |_| {})
}

/// The dissector, with every piece of reassembled stream (and every gap)
/// also told to `on_piece` as the reassembler delivers it.
struct Tap<'d, 's> {
    d: Dissector<'s>,
    on_piece: &'d mut dyn FnMut(StreamPiece),
}

impl TcpSink for Tap<'_, '_> {
    fn event(&mut self, ev: TcpEvent<'_>) {
        match &ev {
            TcpEvent::Data { stream, dir, chunk } => (self.on_piece)(StreamPiece {
                stream: *stream,
                direction: *dir,
                offset: chunk.offset,
                len: chunk.data.len() as u64,
                frame: chunk.frame,
                packet_offset: Some(chunk.packet_offset),
            }),
            TcpEvent::Gap {
                stream,
                dir,
                offset,
                len,
                frame,
                ..
            } => (self.on_piece)(StreamPiece {
                stream: *stream,
                direction: *dir,
                offset: *offset,
                len: *len,
                frame: *frame,
                packet_offset: None,
            }),
            _ => {}
        }
        self.d.event(ev);
    }

    fn secrets(&mut self, kind: u32, data: &[u8]) {
        self.d.secrets(kind, data);
    }
}

/// Like [`analyze_with_packets`], also telling `on_piece` where each piece
/// of every connection's reassembled stream is, and each gap, in the order
/// the reassembler delivers them: the TUI's Follow view shows the stream
/// `wsdissect follow` writes from these same events, reading the bytes
/// back from the packets. A piece comes before the `packet` record of the
/// packet that completed it.
pub fn analyze_with_stream(
    reader: &mut CaptureReader,
    opts: &Options,
    sink: &mut dyn RecordSink,
    on_packet: &mut dyn FnMut(&Packet<'_>),
    on_piece: &mut dyn FnMut(StreamPiece),
) -> Result<(), CaptureError> {
    sink.record(Record::Capture(CaptureInfo {
        schema_version: SCHEMA_VERSION,
        file: reader.name().to_string(),
        format: reader.format(),
        wsdissect_version: env!("CARGO_PKG_VERSION"),
    }));
    let mut d = Tap {
        d: Dissector::new(opts.dissect.clone(), sink),
        on_piece,
    };
    let want_packets = opts.packets;
    let mut tcp_cfg = opts.tcp;
    tcp_cfg.analyze |= want_packets;
    let (counts, res) = run_tcp(reader, tcp_cfg, &mut d, |ev, d| {
        if !want_packets {
            return;
        }
        let d = &mut d.d;
        let p = ev.packet;
        on_packet(p);
        let (link_header, ip, tcp, not_tcp) = match ev.decoded {
            Ok(dec) => {
                let (stream, direction) = ev
                    .stream
                    .unwrap_or((0, crate::net::Direction::ClientToServer));
                let a = ev.analysis.as_ref();
                let syn = dec.tcp.flags.syn;
                (
                    dec.link_header.clone(),
                    Some(dec.ip.clone()),
                    Some(PacketTcp {
                        stream,
                        direction,
                        src: dec.tcp.src,
                        dst: dec.tcp.dst,
                        seq: dec.tcp.seq,
                        ack: dec.tcp.ack,
                        flags: dec.tcp.flags,
                        window: dec.tcp.window,
                        window_size: a.map_or(u32::from(dec.tcp.window), |a| a.window_size),
                        window_size_scalefactor: match a {
                            Some(a) => a.scale,
                            None if syn => None,
                            None => Some(crate::net::WindowScale::Unknown),
                        },
                        len: dec.tcp.wire_payload_len,
                        seq_rel: a.map(|a| a.seq_rel),
                        ack_rel: a.and_then(|a| a.ack_rel),
                        next_seq_rel: a.map(|a| a.next_seq_rel),
                        tcp_analysis: a.map(|a| a.flags).unwrap_or_default(),
                        dup_ack: a.and_then(|a| a.dup_ack),
                        retransmitted_after: a.and_then(|a| a.retransmitted_after),
                        options: ev.options.clone(),
                        header: dec.tcp.header.clone(),
                        payload: dec.tcp.payload.clone(),
                    }),
                    None,
                )
            }
            Err(e) => (0..0, None, None, Some(e.to_string())),
        };
        d.emit(Record::Packet(PacketInfo {
            frame: p.number,
            ts: p.ts,
            caplen: p.data.len() as u32,
            orig_len: p.orig_len,
            link_type: p.link,
            link_header,
            ip,
            tcp,
            not_tcp,
        }));
    });
    if counts.unsupported_link > 0 {
        d.d.emit(Record::Note(Note {
            severity: Rule::BadPacket.severity(),
            stream: None,
            frame: None,
            direction: None,
            rule: Rule::BadPacket.id(),
            section: None,
            message: crate::tr!(
                crate::i18n::L10n::get(opts.dissect.lang),
                "note-unsupported-link",
                count = counts.unsupported_link.to_string()
            ),
        }));
    }
    if let Err(e) = &res {
        d.d.emit(Record::Note(Note {
            severity: Rule::CaptureDamaged.severity(),
            stream: None,
            frame: Some(e.frame),
            direction: None,
            rule: Rule::CaptureDamaged.id(),
            section: None,
            message: e.words(crate::i18n::L10n::get(opts.dissect.lang)),
        }));
    }
    let t = d.d.totals.clone();
    d.d.emit(Record::Summary(Summary {
        packets: counts,
        streams: t.streams,
        handshakes: t.handshakes,
        ws_frames: t.ws_frames,
        ws_messages: t.ws_messages,
        notes: t.notes,
        error: res.as_ref().err().map(|e| e.to_string()),
    }));
    res
}
