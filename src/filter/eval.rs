//! Evaluating a filter on one packet, as Wireshark does: a field may occur
//! several times in a packet (two WebSocket frames end in it, `ip.addr` is
//! both the source and the destination), `==` holds when some occurrence
//! equals, `!=` when the field occurs and none equals (Wireshark 4's "all
//! not equal"; `~=` is "some occurrence differs"), and a comparison on a
//! field that does not occur is false.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::net::{IpAddr, SocketAddr};

use super::{CmpOp, Expr, Field, FieldType, Value};
use crate::model::{
    Direction, Handshake, HttpMessage, Note, PacketInfo, Record, TlsRecord, WsFrame, WsMessage,
};
use crate::net::StreamId;
use crate::ws::Opcode;

/// One record of a packet, as the filter sees it (borrowed, so the TUI can
/// hand its own rows over without building [`Record`]s).
#[derive(Debug, Clone, Copy)]
pub enum Layer<'a> {
    /// The packet itself (its addresses).
    Packet(&'a PacketInfo),
    /// An HTTP head that ends in the packet.
    Http(&'a HttpMessage),
    /// A handshake whose response (or, without one, request) ends in it.
    Handshake(&'a Handshake),
    /// A WebSocket frame that ends in it.
    Frame(&'a WsFrame),
    /// A data message whose last frame ends in it.
    Message(&'a WsMessage),
    /// A TLS record that ends in it.
    TlsRecord(&'a TlsRecord),
    /// A note attached to it.
    Note(&'a Note),
    /// Anything else (no field of the filter comes from it).
    Other,
}

impl<'a> Layer<'a> {
    /// The layer a record describes.
    pub fn of(rec: &'a Record) -> Layer<'a> {
        match rec {
            Record::Packet(p) => Layer::Packet(p),
            Record::Http(h) => Layer::Http(h),
            Record::Handshake(h) => Layer::Handshake(h),
            Record::Frame(f) => Layer::Frame(f),
            Record::Message(m) => Layer::Message(m),
            Record::TlsRecord(r) => Layer::TlsRecord(r),
            Record::Note(n) => Layer::Note(n),
            _ => Layer::Other,
        }
    }

    /// The packet (frame number) the layer belongs to: where Wireshark
    /// shows it, the packet holding its last byte.
    pub fn frame(&self) -> Option<u64> {
        match self {
            Layer::Packet(p) => Some(p.frame),
            Layer::Http(h) => Some(h.frame),
            Layer::Handshake(h) => Some(h.response_frame.unwrap_or(h.request_frame)),
            Layer::Frame(f) => Some(f.frame),
            Layer::Message(m) => Some(m.last_frame),
            Layer::TlsRecord(r) => Some(r.frame),
            Layer::Note(n) => n.frame,
            Layer::Other => None,
        }
    }

    /// Its TCP stream.
    pub fn stream(&self) -> Option<StreamId> {
        match self {
            Layer::Packet(p) => p.tcp.as_ref().map(|t| t.stream),
            Layer::Http(h) => Some(h.stream),
            Layer::Handshake(h) => Some(h.stream),
            Layer::Frame(f) => Some(f.stream),
            Layer::Message(m) => Some(m.stream),
            Layer::TlsRecord(r) => Some(r.stream),
            Layer::Note(n) => n.stream,
            Layer::Other => None,
        }
    }

    /// The direction of the packet it belongs to, when the layer says.
    pub fn direction(&self) -> Option<Direction> {
        match self {
            Layer::Packet(p) => p.tcp.as_ref().map(|t| t.direction),
            Layer::Http(h) => Some(h.direction),
            Layer::Handshake(h) => Some(if h.response_frame.is_some() {
                Direction::ServerToClient
            } else {
                Direction::ClientToServer
            }),
            Layer::Frame(f) => Some(f.direction),
            Layer::Message(m) => Some(m.direction),
            Layer::TlsRecord(r) => Some(r.direction),
            Layer::Note(n) => n.direction,
            Layer::Other => None,
        }
    }
}

/// A packet's two TCP endpoints. With `src_known`, `ends[0]` is the source
/// and `ends[1]` the destination; without, they are only the two ends (a
/// note that names no direction), so `ip.addr` and `tcp.port` still work
/// but `ip.src` and `tcp.srcport` do not occur.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoints {
    /// Source and destination (or just the two ends).
    pub ends: [SocketAddr; 2],
    /// Whether `ends[0]` is the source.
    pub src_known: bool,
}

impl Endpoints {
    /// A connection's endpoints seen from a packet going `dir`; `None`
    /// when the direction is not known.
    pub fn of_connection(client: SocketAddr, server: SocketAddr, dir: Option<Direction>) -> Self {
        match dir {
            Some(Direction::ServerToClient) => Endpoints {
                ends: [server, client],
                src_known: true,
            },
            Some(Direction::ClientToServer) => Endpoints {
                ends: [client, server],
                src_known: true,
            },
            None => Endpoints {
                ends: [client, server],
                src_known: false,
            },
        }
    }
}

/// Where the whole content of a frame or message is when the record in
/// hand keeps only a prefix of it: the TUI moves long payloads to a spill
/// file (docs/tui.md, "Where the bytes are") and reads them back through
/// this, for the one packet being judged, only when the filter names a
/// payload field (`websocket.payload.text`, `ws.message.text`).
pub trait Contents {
    /// A frame's whole kept payload (unmasked; decompressed it is not).
    fn frame_payload<'f>(&self, f: &'f WsFrame) -> Cow<'f, [u8]>;
    /// A message's whole content (decompressed when it was compressed).
    fn message_bytes<'m>(&self, m: &'m WsMessage) -> Cow<'m, [u8]>;
}

/// One packet as a filter sees it: its number, stream, endpoints and the
/// layers (records) credited to it.
#[derive(Clone)]
pub struct PacketView<'a> {
    /// Frame number.
    pub frame: u64,
    /// TCP stream, if TCP.
    pub stream: Option<StreamId>,
    /// Its addresses, if known.
    pub endpoints: Option<Endpoints>,
    /// The records credited to it.
    pub layers: Vec<Layer<'a>>,
    /// Where long payloads are when the records keep only their start
    /// (`None`: the records hold them whole, as in `dump`).
    pub contents: Option<&'a dyn Contents>,
}

impl std::fmt::Debug for PacketView<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PacketView")
            .field("frame", &self.frame)
            .field("stream", &self.stream)
            .field("endpoints", &self.endpoints)
            .field("layers", &self.layers)
            .field("contents", &self.contents.is_some())
            .finish()
    }
}

impl<'a> PacketView<'a> {
    /// The view of a single layer (a TUI row, a record that arrived after
    /// its packet): its packet, stream and, from the connection's `client`
    /// and `server` when known, its endpoints.
    pub fn single(layer: Layer<'a>, conn: Option<(SocketAddr, SocketAddr)>) -> Option<Self> {
        let frame = layer.frame()?;
        let endpoints = match layer {
            Layer::Packet(p) => p.tcp.as_ref().map(|t| Endpoints {
                ends: [t.src, t.dst],
                src_known: true,
            }),
            _ => conn.map(|(c, s)| Endpoints::of_connection(c, s, layer.direction())),
        };
        Some(PacketView {
            frame,
            stream: layer.stream(),
            endpoints,
            layers: vec![layer],
            contents: None,
        })
    }

    /// The view of packet `frame` with every record credited to it
    /// (`layers`, those whose [`Layer::frame`] is `frame`; others are left
    /// out): its own `packet` record gives the stream and addresses, and
    /// without one (or without TCP in it) `conn`, the connection's client
    /// and server, gives the addresses with no direction. The one place
    /// both `dump -Y` ([`super::PacketFilter`]) and the TUI's filter build
    /// a packet's view, so both judge a packet alike.
    pub fn of_packet(
        frame: u64,
        packet: Option<&'a PacketInfo>,
        layers: impl IntoIterator<Item = Layer<'a>>,
        conn: impl FnOnce(StreamId) -> Option<(SocketAddr, SocketAddr)>,
    ) -> Self {
        let mut view = packet
            .and_then(|p| PacketView::single(Layer::Packet(p), None))
            .unwrap_or(PacketView {
                frame,
                stream: None,
                endpoints: None,
                layers: Vec::new(),
                contents: None,
            });
        if view.endpoints.is_none() {
            if let Some((c, s)) = view.stream.and_then(conn) {
                view.endpoints = Some(Endpoints::of_connection(c, s, None));
            }
        }
        view.layers
            .extend(layers.into_iter().filter(|l| l.frame() == Some(frame)));
        view
    }
}

/// One occurrence of a field.
#[derive(Debug, Clone, PartialEq)]
enum Val<'a> {
    U(u64),
    S(Cow<'a, str>),
    B(Cow<'a, [u8]>),
    Ip(IpAddr),
}

pub(super) fn eval(e: &Expr, v: &PacketView<'_>) -> bool {
    match e {
        Expr::And(a, b) => eval(a, v) && eval(b, v),
        Expr::Or(a, b) => eval(a, v) || eval(b, v),
        Expr::Not(a) => !eval(a, v),
        Expr::Exists(f) => !values(*f, v).is_empty(),
        Expr::Cmp(f, op, lit) => {
            let ty = field_type(*f);
            let vals = values(*f, v);
            match op {
                CmpOp::Eq => vals.iter().any(|x| equal(ty, x, lit)),
                CmpOp::Ne => !vals.is_empty() && vals.iter().all(|x| !equal(ty, x, lit)),
                CmpOp::AnyNe => vals.iter().any(|x| !equal(ty, x, lit)),
                CmpOp::Lt => vals.iter().any(|x| order(x, lit) == Some(Ordering::Less)),
                CmpOp::Le => vals
                    .iter()
                    .any(|x| matches!(order(x, lit), Some(Ordering::Less | Ordering::Equal))),
                CmpOp::Gt => vals
                    .iter()
                    .any(|x| order(x, lit) == Some(Ordering::Greater)),
                CmpOp::Ge => vals
                    .iter()
                    .any(|x| matches!(order(x, lit), Some(Ordering::Greater | Ordering::Equal))),
            }
        }
        Expr::Contains(f, lit) => values(*f, v).iter().any(|x| match (x, lit) {
            (Val::S(s), Value::Text(t)) => s.contains(t.as_str()),
            (Val::B(b), Value::Bytes(t)) => {
                t.is_empty() || b.windows(t.len()).any(|w| w == t.as_slice())
            }
            _ => false,
        }),
        Expr::Matches(f, re) => values(*f, v)
            .iter()
            .any(|x| matches!(x, Val::S(s) if re.is_match(s))),
        Expr::In(f, items) => {
            let ty = field_type(*f);
            values(*f, v).iter().any(|x| {
                items.iter().any(|(lo, hi)| match hi {
                    None => equal(ty, x, lo),
                    Some(hi) => {
                        matches!(order(x, lo), Some(Ordering::Greater | Ordering::Equal))
                            && matches!(order(x, hi), Some(Ordering::Less | Ordering::Equal))
                    }
                })
            })
        }
    }
}

fn field_type(f: Field) -> FieldType {
    Field::by_name(f.name()).map_or(FieldType::Protocol, |(_, t)| t)
}

fn equal(ty: FieldType, x: &Val<'_>, lit: &Value) -> bool {
    match (x, lit) {
        (Val::U(a), Value::Uint(b)) if ty == FieldType::Bool => (*a != 0) == (*b != 0),
        (Val::U(a), Value::Uint(b)) => a == b,
        (Val::S(a), Value::Text(b)) => a == b,
        (Val::B(a), Value::Bytes(b)) => a.as_ref() == b.as_slice(),
        (Val::Ip(a), Value::Net(net, prefix)) => in_net(*a, *net, *prefix),
        _ => false,
    }
}

fn order(x: &Val<'_>, lit: &Value) -> Option<Ordering> {
    match (x, lit) {
        (Val::U(a), Value::Uint(b)) => Some(a.cmp(b)),
        (Val::S(a), Value::Text(b)) => Some(a.as_ref().cmp(b.as_str())),
        (Val::B(a), Value::Bytes(b)) => Some(a.as_ref().cmp(b.as_slice())),
        (Val::Ip(a), Value::Net(b, _)) => a.partial_cmp(b),
        _ => None,
    }
}

/// Whether `a` lies in the network `net/prefix`.
fn in_net(a: IpAddr, net: IpAddr, prefix: u8) -> bool {
    match (a, net) {
        (IpAddr::V4(a), IpAddr::V4(n)) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
            u32::from(a) & mask == u32::from(n) & mask
        }
        (IpAddr::V6(a), IpAddr::V6(n)) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
            u128::from(a) & mask == u128::from(n) & mask
        }
        _ => false,
    }
}

/// Every occurrence of the field in the packet.
fn values<'a>(f: Field, v: &PacketView<'a>) -> Vec<Val<'a>> {
    let mut out = Vec::new();
    let ip = |want_v6: bool, which: &[usize], out: &mut Vec<Val<'a>>| {
        if let Some(e) = v.endpoints {
            if which.len() == 1 && !e.src_known {
                return;
            }
            for &k in which {
                let a = e.ends[k].ip();
                if a.is_ipv6() == want_v6 {
                    out.push(Val::Ip(a));
                }
            }
        }
    };
    let port = |which: &[usize], out: &mut Vec<Val<'a>>| {
        if let (Some(e), Some(_)) = (v.endpoints, v.stream) {
            if which.len() == 1 && !e.src_known {
                return;
            }
            for &k in which {
                out.push(Val::U(u64::from(e.ends[k].port())));
            }
        }
    };
    let frames = || {
        v.layers.iter().filter_map(|l| match l {
            Layer::Frame(f) => Some(*f),
            _ => None,
        })
    };
    let notes = || {
        v.layers.iter().filter_map(|l| match l {
            Layer::Note(n) => Some(*n),
            _ => None,
        })
    };
    let https = || {
        v.layers.iter().filter_map(|l| match l {
            Layer::Http(h) => Some(*h),
            _ => None,
        })
    };
    let bit = |b: bool| Val::U(u64::from(b));
    match f {
        Field::FrameNumber => out.push(Val::U(v.frame)),
        Field::TcpStream => out.extend(v.stream.map(|s| Val::U(u64::from(s)))),
        Field::TcpPort => port(&[0, 1], &mut out),
        Field::TcpSrcPort => port(&[0], &mut out),
        Field::TcpDstPort => port(&[1], &mut out),
        Field::IpAddr => ip(false, &[0, 1], &mut out),
        Field::IpSrc => ip(false, &[0], &mut out),
        Field::IpDst => ip(false, &[1], &mut out),
        Field::Ipv6Addr => ip(true, &[0, 1], &mut out),
        Field::Ipv6Src => ip(true, &[0], &mut out),
        Field::Ipv6Dst => ip(true, &[1], &mut out),
        Field::Http => out.extend(https().map(|_| Val::U(1))),
        Field::HttpMethod => {
            out.extend(https().filter_map(|h| h.method.as_deref().map(|m| Val::S(m.into()))))
        }
        Field::HttpCode => out.extend(https().filter_map(|h| h.status.map(|s| Val::U(s.into())))),
        Field::Websocket => out.extend(frames().map(|_| Val::U(1))),
        Field::WsFin => out.extend(frames().map(|f| bit(f.header.fin))),
        Field::WsRsv => out.extend(frames().map(|f| {
            let h = &f.header;
            Val::U(u64::from(h.rsv1) << 2 | u64::from(h.rsv2) << 1 | u64::from(h.rsv3))
        })),
        Field::WsOpcode => out.extend(frames().map(|f| Val::U(u64::from(f.header.opcode)))),
        Field::WsMask => out.extend(frames().map(|f| bit(f.header.masked))),
        Field::WsLen7 => out.extend(frames().map(|f| Val::U(u64::from(f.header.len7)))),
        Field::WsPayloadLength => out.extend(frames().map(|f| Val::U(f.header.payload_len))),
        Field::WsMaskingKey => out.extend(
            frames().filter_map(|f| f.header.mask_key.map(|k| Val::B(Cow::Owned(k.to_vec())))),
        ),
        Field::WsPayloadText => out.extend(frames().filter_map(|f| payload_text(f, v))),
        Field::WsCloseCode => {
            out.extend(frames().filter_map(|f| f.close_code.map(|c| Val::U(c.into()))))
        }
        Field::WsCloseReason => {
            out.extend(frames().filter_map(|f| f.close_reason.as_deref().map(|r| Val::S(r.into()))))
        }
        Field::Note => out.extend(notes().map(|n| Val::S(n.message.as_str().into()))),
        Field::NoteRule => out.extend(notes().map(|n| Val::S(n.rule.into()))),
        Field::NoteSeverity => out.extend(notes().map(|n| Val::S(n.severity.word().into()))),
        Field::MessageText => out.extend(v.layers.iter().filter_map(|l| match l {
            Layer::Message(m) if m.text.is_some() => Some(Val::S(match v.contents {
                Some(c) => cow_text(c.message_bytes(m)),
                None => m.text.as_deref().unwrap_or_default().into(),
            })),
            _ => None,
        })),
    }
    out
}

/// `websocket.payload.text` as tshark shows it: on the frame that ends a
/// text message (FIN set), the whole message's text, defragmented and
/// decompressed (RFC 6455 §5.4, RFC 7692 §6.2); nothing on the fragments
/// before it, on a last fragment without payload bytes, nor for an empty
/// message. Without the message record (a TUI
/// row seen alone), an uncompressed unfragmented text frame's payload.
fn payload_text<'a>(f: &'a WsFrame, v: &PacketView<'a>) -> Option<Val<'a>> {
    // tshark gives a frame without payload bytes no payload fields, even
    // when it ends a fragmented message.
    if !f.header.fin
        || f.header.payload_len == 0
        || !matches!(f.opcode(), Opcode::Text | Opcode::Continuation)
    {
        return None;
    }
    let whole = v.layers.iter().find_map(|l| match l {
        Layer::Message(m)
            if m.stream == f.stream
                && m.opcode == Opcode::Text
                && m.ws_frames.last() == Some(&f.index) =>
        {
            Some(match v.contents {
                Some(c) => cow_text(c.message_bytes(m)),
                None => String::from_utf8_lossy(m.bytes()),
            })
        }
        _ => None,
    });
    let text = match whole {
        Some(t) => t,
        None if f.opcode() == Opcode::Text && !f.compressed => match v.contents {
            Some(c) => cow_text(c.frame_payload(f)),
            None => String::from_utf8_lossy(&f.payload),
        },
        None => return None,
    };
    (!text.is_empty()).then_some(Val::S(text))
}

/// Bytes as text, as [`String::from_utf8_lossy`] makes it, keeping a
/// borrow when there is one.
fn cow_text(b: Cow<'_, [u8]>) -> Cow<'_, str> {
    match b {
        Cow::Borrowed(b) => String::from_utf8_lossy(b),
        Cow::Owned(b) => match String::from_utf8(b) {
            Ok(s) => Cow::Owned(s),
            Err(e) => Cow::Owned(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        },
    }
}
