//! The first half of the pipeline: capture reader → link/IP/TCP → TCP
//! reassembly. Everything above (HTTP, WebSocket, views) consumes the
//! [`TcpEvent`](crate::net::TcpEvent)s it produces.

use std::ops::ControlFlow;

use crate::capture::{CaptureError, CaptureReader, Item, Packet};
use crate::model::Direction;
use crate::model::PacketCounts;
use crate::net::{
    analysis::parse_options, decode_packet, DecodeError, Decoded, PacketAnalysis, Reassembler,
    ReassemblyConfig, StreamId, TcpOption, TcpSink,
};

/// One packet as the reassembler saw it, for views that list packets.
#[derive(Debug)]
pub struct PacketEvent<'p, 'a> {
    /// The raw packet.
    pub packet: &'p Packet<'a>,
    /// Its decoding down to TCP, or why that failed.
    pub decoded: &'p Result<Decoded, DecodeError>,
    /// Its TCP stream and direction, when it is TCP.
    pub stream: Option<(StreamId, Direction)>,
    /// Its TCP options, decoded when `ReassemblyConfig::analyze` is on.
    pub options: Vec<TcpOption>,
    /// Wireshark's sequence analysis and window scaling of it, when
    /// `ReassemblyConfig::analyze` is on.
    pub analysis: Option<PacketAnalysis>,
}

/// Reads every packet, decodes it and feeds TCP segments to reassembly.
///
/// `on_packet` sees each packet after its segment went through reassembly
/// (so events about its bytes have already reached `sink`). Returns the
/// counts; on a damaged capture, everything before the damage has been
/// delivered and the error is returned after reassembly is flushed.
pub fn run_tcp<S: TcpSink>(
    reader: &mut CaptureReader,
    cfg: ReassemblyConfig,
    sink: &mut S,
    mut on_packet: impl FnMut(&PacketEvent<'_, '_>, &mut S),
) -> (PacketCounts, Result<(), CaptureError>) {
    let mut re = Reassembler::new(cfg);
    let mut counts = PacketCounts::default();
    let res = reader.for_each_item(|item| {
        let p = match item {
            Item::Packet(p) => p,
            Item::Secrets { kind, data } => {
                sink.secrets(kind, data);
                return ControlFlow::Continue(());
            }
        };
        counts.packets += 1;
        let decoded = decode_packet(p.link, p.data);
        let mut options = Vec::new();
        let mut analysis = None;
        let stream = match &decoded {
            Ok(d) => {
                counts.tcp += 1;
                let payload = p.data.get(d.tcp.payload.clone()).unwrap_or(&[]);
                let (stream, dir) = re.segment(p.number, p.ts, &d.tcp, payload, sink);
                if cfg.analyze {
                    let header = p.data.get(d.tcp.header.clone()).unwrap_or(&[]);
                    options = parse_options(header, d.tcp.header.start);
                    analysis = re.analyze(stream, dir, p.number, p.ts, &d.tcp, &options);
                }
                Some((stream, dir))
            }
            Err(DecodeError::UnknownLinkType(_)) => {
                counts.unsupported_link += 1;
                None
            }
            Err(_) => {
                counts.other += 1;
                None
            }
        };
        on_packet(
            &PacketEvent {
                packet: &p,
                decoded: &decoded,
                stream,
                options,
                analysis,
            },
            sink,
        );
        ControlFlow::Continue(())
    });
    re.finish(sink);
    (counts, res)
}
