//! A compact binary form of the per-packet records, so that the TUI can
//! keep them in a temporary file instead of on the heap (issue 16: a
//! capture of a million tiny frames held about 900 bytes of records per
//! packet in memory).
//!
//! The JSON form cannot serve: it leaves out what only the TUI shows (the
//! header bytes, the masked sample), flattens and renames fields, and has no
//! way back. This form is every field, in declaration order, with integers
//! as LEB128 varints (most are small: lengths, offsets, flags), so a tiny
//! frame's records take well under 200 bytes. The struct impls destructure
//! without `..` and rebuild with every field named, so a field added to a
//! record that is not added here fails to compile instead of being lost.
//!
//! Decoding never panics: the bytes come back from our own file, but a
//! short read (a full disk, a file cut) gives `None`, never garbage.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV6};
use std::ops::Range;

use super::{Direction, PacketInfo, PacketTcp, Payload, SmallVec, Span, Text, WsFrame, WsMessage};
use crate::capture::{LinkType, Timestamp};
use crate::net::analysis::{
    AnalysisFlags, DupAck, SackBlock, TcpOption, TcpOptionValue, WindowScale,
};
use crate::net::{IpInfo, TcpFlags};
use crate::ws::{FrameHeader, Opcode};

/// Reading position in encoded bytes.
#[derive(Debug)]
pub struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    /// Reads from the start of `buf`.
    pub fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader { buf }
    }
    /// Bytes not read yet.
    pub fn remaining(&self) -> usize {
        self.buf.len()
    }
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.buf.split_first()?;
        self.buf = rest;
        Some(b)
    }
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.buf.len() {
            return None;
        }
        let (a, b) = self.buf.split_at(n);
        self.buf = b;
        Some(a)
    }
    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
}

fn put_varint(w: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        w.push((v as u8) | 0x80);
        v >>= 7;
    }
    w.push(v as u8);
}

/// A value with a binary form that reads back equal.
pub trait Codec: Sized {
    /// Appends the value's bytes.
    fn put(&self, w: &mut Vec<u8>);
    /// Reads a value back; `None` when the bytes end early or are not a value.
    fn get(r: &mut Reader<'_>) -> Option<Self>;
}

macro_rules! varint_int {
    ($($t:ty),*) => {$(
        impl Codec for $t {
            #[allow(trivial_numeric_casts)]
            fn put(&self, w: &mut Vec<u8>) {
                put_varint(w, *self as u64);
            }
            fn get(r: &mut Reader<'_>) -> Option<Self> {
                <$t>::try_from(r.varint()?).ok()
            }
        }
    )*};
}
varint_int!(u16, u32, u64, usize);

impl Codec for u8 {
    fn put(&self, w: &mut Vec<u8>) {
        w.push(*self);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        r.byte()
    }
}

impl Codec for i64 {
    fn put(&self, w: &mut Vec<u8>) {
        // Zigzag: small negative numbers stay short.
        put_varint(w, ((*self << 1) ^ (*self >> 63)) as u64);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let v = r.varint()?;
        Some(((v >> 1) as i64) ^ -((v & 1) as i64))
    }
}

impl Codec for bool {
    fn put(&self, w: &mut Vec<u8>) {
        w.push(u8::from(*self));
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Codec for f64 {
    fn put(&self, w: &mut Vec<u8>) {
        w.extend_from_slice(&self.to_bits().to_le_bytes());
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(f64::from_bits(u64::from_le_bytes(
            r.take(8)?.try_into().ok()?,
        )))
    }
}

impl<const N: usize> Codec for [u8; N] {
    fn put(&self, w: &mut Vec<u8>) {
        w.extend_from_slice(self);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        r.take(N)?.try_into().ok()
    }
}

impl<T: Codec> Codec for Option<T> {
    fn put(&self, w: &mut Vec<u8>) {
        match self {
            None => w.push(0),
            Some(v) => {
                w.push(1);
                v.put(w);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(None),
            1 => Some(Some(T::get(r)?)),
            _ => None,
        }
    }
}

impl<T: Codec> Codec for Vec<T> {
    fn put(&self, w: &mut Vec<u8>) {
        put_seq(self, w);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let n = seq_len(r)?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(T::get(r)?);
        }
        Some(v)
    }
}

/// Written as a `Vec` is: the inline storage is the reader's business.
impl<T: Codec, const N: usize> Codec for SmallVec<[T; N]> {
    fn put(&self, w: &mut Vec<u8>) {
        put_seq(self, w);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let n = seq_len(r)?;
        let mut v = SmallVec::with_capacity(n);
        for _ in 0..n {
            v.push(T::get(r)?);
        }
        Some(v)
    }
}

/// A count, then the elements: the form of every sequence.
fn put_seq<T: Codec>(s: &[T], w: &mut Vec<u8>) {
    s.len().put(w);
    for v in s {
        v.put(w);
    }
}

/// The count [`put_seq`] wrote.
fn seq_len(r: &mut Reader<'_>) -> Option<usize> {
    let n = usize::get(r)?;
    // Every element takes a byte at least: a length past what is left
    // is damage, not a reason to reserve gigabytes.
    (n <= r.remaining()).then_some(n)
}

/// A length, then the bytes: the form of strings and payloads alike.
fn put_bytes(w: &mut Vec<u8>, b: &[u8]) {
    b.len().put(w);
    w.extend_from_slice(b);
}

/// The bytes [`put_bytes`] wrote.
fn get_bytes<'a>(r: &mut Reader<'a>) -> Option<&'a [u8]> {
    let n = usize::get(r)?;
    r.take(n)
}

impl Codec for String {
    fn put(&self, w: &mut Vec<u8>) {
        put_bytes(w, self.as_bytes());
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        String::from_utf8(get_bytes(r)?.to_vec()).ok()
    }
}

impl Codec for Payload {
    fn put(&self, w: &mut Vec<u8>) {
        put_bytes(w, self);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(get_bytes(r)?.into())
    }
}

impl Codec for Text {
    fn put(&self, w: &mut Vec<u8>) {
        put_bytes(w, self.as_bytes());
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Text::from_utf8(get_bytes(r)?.into()).ok()
    }
}

impl Codec for Range<usize> {
    fn put(&self, w: &mut Vec<u8>) {
        self.start.put(w);
        self.end.put(w);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(usize::get(r)?..usize::get(r)?)
    }
}

impl Codec for IpAddr {
    fn put(&self, w: &mut Vec<u8>) {
        match self {
            IpAddr::V4(a) => {
                w.push(4);
                w.extend_from_slice(&a.octets());
            }
            IpAddr::V6(a) => {
                w.push(6);
                w.extend_from_slice(&a.octets());
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            4 => Some(IpAddr::V4(Ipv4Addr::from(<[u8; 4]>::get(r)?))),
            6 => Some(IpAddr::V6(Ipv6Addr::from(<[u8; 16]>::get(r)?))),
            _ => None,
        }
    }
}

impl Codec for SocketAddr {
    fn put(&self, w: &mut Vec<u8>) {
        self.ip().put(w);
        self.port().put(w);
        if let SocketAddr::V6(a) = self {
            a.flowinfo().put(w);
            a.scope_id().put(w);
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let ip = IpAddr::get(r)?;
        let port = u16::get(r)?;
        Some(match ip {
            IpAddr::V4(_) => SocketAddr::new(ip, port),
            IpAddr::V6(a) => SocketAddr::V6(SocketAddrV6::new(a, port, u32::get(r)?, u32::get(r)?)),
        })
    }
}

impl Codec for Direction {
    fn put(&self, w: &mut Vec<u8>) {
        w.push(self.index() as u8);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(Direction::ClientToServer),
            1 => Some(Direction::ServerToClient),
            _ => None,
        }
    }
}

impl Codec for LinkType {
    fn put(&self, w: &mut Vec<u8>) {
        self.0.put(w);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(LinkType(u32::get(r)?))
    }
}

impl Codec for AnalysisFlags {
    fn put(&self, w: &mut Vec<u8>) {
        self.bits().put(w);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(AnalysisFlags::from_bits(u16::get(r)?))
    }
}

impl Codec for WindowScale {
    fn put(&self, w: &mut Vec<u8>) {
        match self {
            WindowScale::Unknown => w.push(0),
            WindowScale::NotUsed => w.push(1),
            WindowScale::Shift(s) => w.extend_from_slice(&[2, *s]),
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(WindowScale::Unknown),
            1 => Some(WindowScale::NotUsed),
            2 => Some(WindowScale::Shift(r.byte()?)),
            _ => None,
        }
    }
}

impl Codec for Opcode {
    fn put(&self, w: &mut Vec<u8>) {
        w.push(u8::from(*self));
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(Opcode::from(r.byte()?))
    }
}

impl Codec for TcpOptionValue {
    fn put(&self, w: &mut Vec<u8>) {
        match self {
            TcpOptionValue::Eol => w.push(0),
            TcpOptionValue::Nop => w.push(1),
            TcpOptionValue::Mss { mss } => {
                w.push(2);
                mss.put(w);
            }
            TcpOptionValue::WindowScale { shift, multiplier } => {
                w.push(3);
                shift.put(w);
                multiplier.put(w);
            }
            TcpOptionValue::SackPermitted => w.push(4),
            TcpOptionValue::Sack { blocks } => {
                w.push(5);
                blocks.put(w);
            }
            TcpOptionValue::Timestamps { tsval, tsecr } => {
                w.push(6);
                tsval.put(w);
                tsecr.put(w);
            }
            TcpOptionValue::Unknown { data_len } => {
                w.push(7);
                data_len.put(w);
            }
            TcpOptionValue::Malformed { length } => {
                w.push(8);
                length.put(w);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(match r.byte()? {
            0 => TcpOptionValue::Eol,
            1 => TcpOptionValue::Nop,
            2 => TcpOptionValue::Mss { mss: u16::get(r)? },
            3 => TcpOptionValue::WindowScale {
                shift: u8::get(r)?,
                multiplier: u32::get(r)?,
            },
            4 => TcpOptionValue::SackPermitted,
            5 => TcpOptionValue::Sack {
                blocks: Vec::get(r)?,
            },
            6 => TcpOptionValue::Timestamps {
                tsval: u32::get(r)?,
                tsecr: u32::get(r)?,
            },
            7 => TcpOptionValue::Unknown {
                data_len: u8::get(r)?,
            },
            8 => TcpOptionValue::Malformed {
                length: Option::get(r)?,
            },
            _ => return None,
        })
    }
}

/// A struct as its fields in order: destructured without `..` and rebuilt
/// with every field named, so a field missing here does not compile.
macro_rules! codec_struct {
    ($($t:ident { $($f:ident),* $(,)? })*) => {$(
        impl $crate::model::codec::Codec for $t {
            fn put(&self, w: &mut Vec<u8>) {
                let $t { $($f),* } = self;
                $( $crate::model::codec::Codec::put($f, w); )*
            }
            fn get(r: &mut $crate::model::codec::Reader<'_>) -> Option<Self> {
                Some($t { $($f: $crate::model::codec::Codec::get(r)?),* })
            }
        }
    )*};
}
/// For the TUI's own records (its stream pieces).
#[cfg(feature = "tui")]
pub(crate) use codec_struct;

codec_struct! {
    Timestamp { secs, nanos }
    TcpFlags { syn, ack, fin, rst, psh, urg }
    DupAck { frame, number }
    SackBlock { left, right }
    TcpOption { kind, range, value }
    IpInfo { version, src, dst, ttl, header }
    PacketTcp {
        stream, direction, src, dst, seq, ack, flags, window, window_size,
        window_size_scalefactor, len, seq_rel, ack_rel, next_seq_rel,
        tcp_analysis, dup_ack, retransmitted_after, options, header, payload,
    }
    PacketInfo { frame, ts, caplen, orig_len, link_type, link_header, ip, tcp, not_tcp }
    FrameHeader { fin, rsv1, rsv2, rsv3, opcode, masked, len7, payload_len, mask_key, header_len }
    Span { frame, packet_offset, unit_offset, len, tls_record }
    WsMessage {
        stream, direction, index, opcode, first_frame, last_frame, ws_frames, ts,
        length, compressed, decompressed_length, text, data_base64, utf8_valid, complete,
    }
}

impl Codec for WsFrame {
    fn put(&self, w: &mut Vec<u8>) {
        let WsFrame {
            stream,
            frame,
            frames,
            direction,
            ts,
            index,
            stream_offset,
            header,
            compressed,
            payload,
            payload_omitted,
            complete,
            header_bytes,
            masked_sample,
            spans,
            close_code,
            // Derived from the code (`close_code_name`), so not stored.
            close_code_name: _,
            close_reason,
            pong_for,
            rtt,
            message,
            guessed,
        } = self;
        stream.put(w);
        frame.put(w);
        frames.put(w);
        direction.put(w);
        ts.put(w);
        index.put(w);
        stream_offset.put(w);
        header.put(w);
        compressed.put(w);
        payload.put(w);
        payload_omitted.put(w);
        complete.put(w);
        header_bytes.put(w);
        masked_sample.put(w);
        spans.put(w);
        close_code.put(w);
        self.close_code_name.is_some().put(w);
        close_reason.put(w);
        pong_for.put(w);
        rtt.put(w);
        message.put(w);
        guessed.put(w);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let stream = Codec::get(r)?;
        let frame = Codec::get(r)?;
        let frames = Codec::get(r)?;
        let direction = Codec::get(r)?;
        let ts = Codec::get(r)?;
        let index = Codec::get(r)?;
        let stream_offset = Codec::get(r)?;
        let header = Codec::get(r)?;
        let compressed = Codec::get(r)?;
        let payload = Codec::get(r)?;
        let payload_omitted = Codec::get(r)?;
        let complete = Codec::get(r)?;
        let header_bytes = Codec::get(r)?;
        let masked_sample = Codec::get(r)?;
        let spans = Codec::get(r)?;
        let close_code: Option<u16> = Codec::get(r)?;
        let named = bool::get(r)?;
        Some(WsFrame {
            stream,
            frame,
            frames,
            direction,
            ts,
            index,
            stream_offset,
            header,
            compressed,
            payload,
            payload_omitted,
            complete,
            header_bytes,
            masked_sample,
            spans,
            close_code,
            close_code_name: close_code
                .filter(|_| named)
                .map(crate::ws::frame::close_code_name),
            close_reason: Codec::get(r)?,
            pong_for: Codec::get(r)?,
            rtt: Codec::get(r)?,
            message: Codec::get(r)?,
            guessed: Codec::get(r)?,
        })
    }
}

/// Encodes a value on its own (tests, and callers with one record).
pub fn encode<T: Codec>(v: &T) -> Vec<u8> {
    let mut w = Vec::new();
    v.put(&mut w);
    w
}

/// Decodes a value that fills `b` exactly.
pub fn decode<T: Codec>(b: &[u8]) -> Option<T> {
    let mut r = Reader::new(b);
    let v = T::get(&mut r)?;
    (r.remaining() == 0).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{smallvec, Record};

    /// Every packet, frame and message of every bundled capture (plain,
    /// TLS-decrypted, deflated, damaged) reads back with every field equal,
    /// the fields JSON leaves out included (`Debug` prints them all).
    #[test]
    fn every_record_of_the_samples_reads_back_equal() {
        let mut counts = [0usize; 3];
        crate::model::each_sample_record(|path, rec| {
            fn same<T: Codec + std::fmt::Debug>(v: &T, path: &str) {
                let back: T = decode(&encode(v)).expect(path);
                assert_eq!(format!("{back:?}"), format!("{v:?}"), "{path}");
            }
            match &rec {
                Record::Packet(p) => {
                    same(p, path);
                    counts[0] += 1;
                }
                Record::Frame(f) => {
                    same(&**f, path);
                    counts[1] += 1;
                }
                Record::Message(m) => {
                    same(&**m, path);
                    counts[2] += 1;
                }
                _ => {}
            }
        });
        assert!(counts.iter().all(|&n| n > 100), "{counts:?}");
    }

    #[test]
    fn a_cut_or_damaged_record_reads_back_as_none_not_a_panic() {
        let f = WsMessage {
            stream: 3,
            direction: Direction::ServerToClient,
            index: 7,
            opcode: Opcode::Text,
            first_frame: 10,
            last_frame: 12,
            ws_frames: smallvec![1, 2, 3],
            ts: Timestamp {
                secs: -5,
                nanos: 999_999_999,
            },
            length: u64::MAX,
            compressed: true,
            decompressed_length: Some(1 << 40),
            text: Some("hyvää päivää".into()),
            data_base64: None,
            utf8_valid: Some(true),
            complete: false,
        };
        let b = encode(&f);
        let back: WsMessage = decode(&b).unwrap();
        assert_eq!(format!("{back:?}"), format!("{f:?}"));
        for cut in 0..b.len() {
            assert!(decode::<WsMessage>(&b[..cut]).is_none(), "cut at {cut}");
        }
        // A length of 2^63 where the frame list's length is.
        let mut bad = b.clone();
        let at = b.len() - 1;
        bad.truncate(at);
        bad.extend_from_slice(&[0xff; 12]);
        assert!(decode::<WsMessage>(&bad).is_none());
    }
}
