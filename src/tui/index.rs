//! Look-up tables over the [`Dissection`], built once as records arrive.
//!
//! Drawing must stay cheap on a capture of millions of packets, so nothing
//! that needs a scan of the model is computed per frame drawn: the list rows,
//! which packet a segment belongs to, the notes of each frame and the
//! per-connection totals are all kept here and updated per record.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

use super::records::{Rec, Records, SharedSpill};
use super::store::{Loc, Store};
use crate::capture::Timestamp;
use crate::model::{
    Dissection, HttpMessage, PacketInfo, Payload, Record, Severity, SmallVec, Span, Text, WsFrame,
    WsMessage,
};
use crate::net::{Direction, StreamId};

/// What a list row stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowKind {
    /// An HTTP request or response head (`Dissection::http`).
    Http,
    /// A WebSocket frame (`Index::frames`).
    Frame,
    /// A packet that is not the end of an HTTP head or frame (`Index::packets`).
    Packet,
}

/// A row's identity: its kind and index in the matching model vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RowRef {
    /// Kind.
    pub kind: RowKind,
    /// Index in `Dissection::http`, `Index::frames` or `Index::packets`.
    pub idx: u32,
}

/// One list row, with its sort key (the frame number, Wireshark's `No.`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// What it stands for.
    pub r: RowRef,
    /// Frame number shown in the `No.` column.
    pub no: u64,
}

/// The list's rows, 8 bytes each: the frame number (Wireshark's, a 32-bit
/// number there too), the kind and the index in 30 bits. A row that does
/// not fit (a frame number past 2^32, an index past 2^30: a capture of
/// over a billion packets) turns the whole list into 16-byte [`Row`]s, so
/// nothing is ever cut. On a capture of tiny frames there are two rows per
/// packet (issue 16: 16 bytes of every packet's memory, not 32).
#[derive(Debug, Clone)]
pub enum Rows {
    /// Packed rows.
    Packed(Vec<u64>),
    /// Rows as they are.
    Wide(Vec<Row>),
}

impl Default for Rows {
    fn default() -> Self {
        Rows::Packed(Vec::new())
    }
}

const IDX_BITS: u32 = 30;

fn pack(row: Row) -> Option<u64> {
    let no = u32::try_from(row.no).ok()?;
    if row.r.idx >= 1 << IDX_BITS {
        return None;
    }
    let kind = match row.r.kind {
        RowKind::Http => 0,
        RowKind::Frame => 1,
        RowKind::Packet => 2,
    };
    Some(u64::from(no) << 32 | kind << IDX_BITS | u64::from(row.r.idx))
}

fn unpack(v: u64) -> Row {
    let kind = match (v >> IDX_BITS) & 3 {
        0 => RowKind::Http,
        1 => RowKind::Frame,
        _ => RowKind::Packet,
    };
    Row {
        r: RowRef {
            kind,
            idx: (v & ((1 << IDX_BITS) - 1)) as u32,
        },
        no: v >> 32,
    }
}

impl Rows {
    /// How many.
    pub fn len(&self) -> usize {
        match self {
            Rows::Packed(v) => v.len(),
            Rows::Wide(v) => v.len(),
        }
    }
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Row `i`.
    pub fn get(&self, i: usize) -> Option<Row> {
        match self {
            Rows::Packed(v) => v.get(i).map(|&x| unpack(x)),
            Rows::Wide(v) => v.get(i).copied(),
        }
    }
    /// Row `i`, which must exist (as `slice[i]`).
    pub fn at(&self, i: usize) -> Row {
        match self {
            Rows::Packed(v) => unpack(v[i]),
            Rows::Wide(v) => v[i],
        }
    }
    /// The last row.
    pub fn last(&self) -> Option<Row> {
        self.len().checked_sub(1).map(|i| self.at(i))
    }
    /// Every row from `start` on.
    pub fn iter_from(
        &self,
        start: usize,
    ) -> impl DoubleEndedIterator<Item = Row> + ExactSizeIterator + '_ {
        (start.min(self.len())..self.len()).map(|i| self.at(i))
    }
    /// Every row.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Row> + ExactSizeIterator + '_ {
        self.iter_from(0)
    }
    /// As `slice::partition_point`.
    pub fn partition_point(&self, mut pred: impl FnMut(&Row) -> bool) -> usize {
        match self {
            Rows::Packed(v) => v.partition_point(|&x| pred(&unpack(x))),
            Rows::Wide(v) => v.partition_point(pred),
        }
    }
    /// Adds a row.
    pub fn push(&mut self, row: Row) {
        match (&mut *self, pack(row)) {
            (Rows::Packed(v), Some(x)) => v.push(x),
            (Rows::Packed(v), None) => {
                let mut wide: Vec<Row> = v.iter().map(|&x| unpack(x)).collect();
                wide.push(row);
                *self = Rows::Wide(wide);
            }
            (Rows::Wide(v), _) => v.push(row),
        }
    }
    /// Sorts by frame number, keeping the order of rows of one packet.
    pub fn sort_by_no(&mut self) {
        match self {
            Rows::Packed(v) => v.sort_by_key(|&x| x >> 32),
            Rows::Wide(v) => v.sort_by_key(|r| r.no),
        }
    }
    /// Gives back growth room.
    pub fn shrink_to_fit(&mut self) {
        match self {
            Rows::Packed(v) => v.shrink_to_fit(),
            Rows::Wide(v) => v.shrink_to_fit(),
        }
    }
}

/// A set of frame numbers, one bit each (frame numbers are dense from 1).
#[derive(Debug, Default, Clone)]
pub struct FrameSet(Vec<u64>);

impl FrameSet {
    /// Adds a frame number (absurd ones, beyond 2^32, are ignored).
    pub fn insert(&mut self, n: u64) {
        if n >= 1 << 32 {
            return;
        }
        let (w, b) = ((n / 64) as usize, n % 64);
        if w >= self.0.len() {
            self.0.resize(w + 1, 0);
        }
        self.0[w] |= 1 << b;
    }

    /// Whether a frame number is in.
    pub fn contains(&self, n: u64) -> bool {
        let w = n / 64;
        usize::try_from(w)
            .ok()
            .and_then(|w| self.0.get(w))
            .is_some_and(|x| x & (1 << (n % 64)) != 0)
    }
}

/// One piece of a connection's reassembled stream (see
/// [`crate::model::StreamPiece`]), kept without its bytes: 40 bytes per
/// delivered segment, read back from the packet when shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Offset of the first byte in the direction's stream.
    pub offset: u64,
    /// Bytes (for a gap: bytes missing).
    pub len: u64,
    /// The packet that carried them (for a gap: that revealed it).
    pub frame: u64,
    /// Where they start in the packet's captured bytes.
    pub packet_offset: u32,
    /// Direction.
    pub dir: Direction,
    /// Bytes the capture does not have.
    pub gap: bool,
    /// Index (in the connection's pieces) of the first piece of the run
    /// this one belongs to: consecutive pieces of one direction, without a
    /// gap between them, read as one text. Never decreases along the pieces.
    pub run: u32,
}

crate::model::codec::codec_struct! {
    Piece { offset, len, frame, packet_offset, dir, gap, run }
}

/// Record indexes by (stream, a per-connection counter from 0): the
/// WebSocket frame and message indexes (`WsFrame::index`,
/// `WsMessage::index`: the dissector numbers a connection's frames and
/// messages from 0 as they come).
///
/// The counters are dense, so each stream keeps a vector with one `u32` per
/// counter value, 4 bytes per frame instead of about 30 in a hash map (a
/// key of 16 bytes, a value, the control byte and the load factor); a
/// counter far past the vector's end (a hole of more than [`MAX_HOLE`])
/// goes to a hash map instead, so no input makes a huge vector.
#[derive(Debug, Default)]
pub struct ByIndex {
    dense: HashMap<StreamId, Vec<u32>>,
    sparse: HashMap<(StreamId, u64), u32>,
}

/// An empty slot of [`ByIndex`]'s vectors.
const NO_ENTRY: u32 = u32::MAX;
/// The largest run of empty slots [`ByIndex`] makes for one counter.
pub const MAX_HOLE: u64 = 1 << 16;

impl ByIndex {
    /// Files `value` under `(stream, i)`, replacing what was there.
    pub fn insert(&mut self, stream: StreamId, i: u64, value: u32) {
        let v = self.dense.entry(stream).or_default();
        match usize::try_from(i) {
            Ok(k) if value != NO_ENTRY && i < (v.len() as u64).saturating_add(MAX_HOLE) => {
                if k >= v.len() {
                    v.resize(k + 1, NO_ENTRY);
                }
                v[k] = value;
                self.sparse.remove(&(stream, i));
            }
            _ => {
                self.sparse.insert((stream, i), value);
            }
        }
    }

    /// What was filed under `(stream, i)`.
    pub fn get(&self, stream: StreamId, i: u64) -> Option<u32> {
        let dense = self
            .dense
            .get(&stream)
            .and_then(|v| v.get(usize::try_from(i).ok()?))
            .copied()
            .filter(|&x| x != NO_ENTRY);
        dense.or_else(|| self.sparse.get(&(stream, i)).copied())
    }

    /// Gives back the vectors' growth room.
    pub fn shrink(&mut self) {
        for v in self.dense.values_mut() {
            v.shrink_to_fit();
        }
    }
}

/// Look-up tables, see the module doc.
#[derive(Debug, Default)]
pub struct Index {
    /// Every row, sorted by frame number once [`Index::take_unsorted`] was handled.
    pub rows: Rows,
    /// Set when a row arrived with a smaller frame number than the last one.
    unsorted: bool,
    /// Frame index by (stream, WebSocket frame index).
    pub frame_by_key: ByIndex,
    /// Message index by (stream, message index).
    pub msg_by_key: ByIndex,
    /// HTTP head by (stream, direction index, frame of its last byte).
    pub http_by_key: HashMap<(StreamId, usize, u64), u32>,
    /// Handshake by stream.
    pub hs_by_stream: HashMap<StreamId, u32>,
    /// Stream summary by stream.
    pub summary_by_stream: HashMap<StreamId, u32>,
    /// Connection by stream.
    pub conn_by_stream: HashMap<StreamId, u32>,
    /// Notes by the frame they are attached to.
    pub notes_by_frame: HashMap<u64, Vec<u32>>,
    /// Worst note severity per (stream, frame), for the marker column.
    pub worst_note: HashMap<(Option<StreamId>, u64), Severity>,
    /// Frame numbers that end an HTTP head or a WebSocket frame.
    pub covered: FrameSet,
    /// Packets that carry part of an HTTP head or frame ending elsewhere.
    pub segment_of: HashMap<u64, RowRef>,
    /// First sequence number seen per (stream, direction), for relative numbers.
    pub isn: HashMap<(StreamId, usize), u32>,
    /// TLS records by each packet that carried part of them.
    pub tls_by_frame: HashMap<u64, Vec<u32>>,
    /// TLS record by (stream, direction index, record number).
    pub tls_by_key: HashMap<(StreamId, usize, u64), u32>,
    /// The course exercise's checklist, fed every record as it is filed
    /// (a few numbers per connection, no payload): the exercise view (7).
    pub exercise: crate::course::exercise::ExerciseBuilder,
    /// Round trips of answered pings per stream: (pong's frame, seconds),
    /// from the frames' `rtt`.
    pub rtts: HashMap<StreamId, Vec<(u64, f64)>>,
    /// Every stream seen, for the filter and the picker.
    pub streams: BTreeSet<StreamId>,
    /// Time of the first packet.
    pub t0: Option<Timestamp>,
    /// Largest frame number seen (sizes the `No.` column).
    pub max_no: u64,
    /// Packets seen.
    pub packets_total: u64,
    /// Notes by severity: info, warning, error.
    pub notes_count: [u64; 3],
    /// Where the bytes are: packets in the capture file, the rest spilled.
    pub store: Store,
    /// Frames (by index in `Index::frames`) whose payload was longer
    /// than [`KEEP`]: where the whole payload is in the spill.
    pub spilled_frames: HashMap<u32, Loc>,
    /// The same for messages' contents (`Index::messages`).
    pub spilled_messages: HashMap<u32, Loc>,
    /// The same for HTTP bodies (`Dissection::http`), decoded.
    pub spilled_bodies: HashMap<u32, Loc>,
    /// Each connection's reassembled stream, piece by piece in the order
    /// the reassembler delivered them (the Follow view).
    pub pieces: HashMap<StreamId, Records<Piece>>,
    /// Every packet's record, in the file ([`Records`]), where `dump`'s
    /// `Dissection` has a vector.
    pub packets: Records<PacketInfo>,
    /// Every WebSocket frame's record.
    pub frames: Records<WsFrame>,
    /// Every WebSocket message's record.
    pub messages: Records<WsMessage>,
    /// The packets' frame numbers, for finding a packet by its number
    /// without reading records back.
    packet_nos: PacketNos,
    /// The one file behind all the [`Records`] above.
    records_spill: SharedSpill,
}

/// The frame numbers of `Index::packets` in order. A capture's packets are
/// numbered 1, 2, 3…, so the list is a start and nothing per packet; only
/// numbers that skip (records fed by hand, tests) make a list.
#[derive(Debug, Clone)]
enum PacketNos {
    /// `first`, `first + 1`, … for every packet.
    Dense(u64),
    /// Each packet's number.
    Listed(Vec<u64>),
}

impl Default for PacketNos {
    fn default() -> Self {
        PacketNos::Dense(1)
    }
}

impl PacketNos {
    fn push(&mut self, len: usize, no: u64) {
        match self {
            PacketNos::Dense(first) if len == 0 => *first = no,
            PacketNos::Dense(first) if first.checked_add(len as u64) == Some(no) => {}
            PacketNos::Dense(first) => {
                let first = *first;
                let mut v: Vec<u64> = (0..len as u64).map(|i| first + i).collect();
                v.push(no);
                *self = PacketNos::Listed(v);
            }
            PacketNos::Listed(v) => v.push(no),
        }
    }
    /// Index of the packet numbered `no` among `len` packets.
    fn find(&self, len: usize, no: u64) -> Option<usize> {
        match self {
            PacketNos::Dense(first) => {
                let i = usize::try_from(no.checked_sub(*first)?).ok()?;
                (i < len).then_some(i)
            }
            PacketNos::Listed(v) => v.binary_search(&no).ok(),
        }
    }
}

/// Payload bytes of a frame or a message kept in the model in memory
/// (enough for the short hex previews and to know whether it is empty);
/// the whole payload of a longer one goes to the spill file, and the views
/// read it through [`Index::payload`] and [`Index::message_bytes`].
pub const KEEP: usize = 32;

/// Gives back the unused capacity of a record's vectors and strings
/// (issue 16: the TUI's memory per row).
///
/// The dissector builds a record's lists by pushing, so a vector of one
/// element has room for four. Packet, frame and message records are not
/// kept on the heap at all (they go to the records file, [`Records`], in
/// their exact encoded size); the records that stay in memory — HTTP heads,
/// TLS records, notes — are compacted. Only capacity changes, never a value.
pub fn compact_record(rec: &mut Record) {
    match rec {
        Record::Http(h) => {
            exact_inline(&mut h.frames);
            exact_inline(&mut h.spans);
            exact(&mut h.headers);
            exact(&mut h.raw);
        }
        Record::TlsRecord(t) => {
            exact_inline(&mut t.frames);
            exact_inline(&mut t.spans);
        }
        Record::Note(n) => exact_str(&mut n.message),
        _ => {}
    }
}

/// Replaces `v` by an exact-size copy when it has spare room: a fresh
/// allocation, not the old block shrunk in place, so that the old block is
/// freed whole and the next record's vector of that size reuses it (a
/// block shrunk in place leaves a hole too small for it).
fn exact<T: Clone>(v: &mut Vec<T>) {
    if v.capacity() > v.len() {
        *v = v.as_slice().to_vec();
    }
}

/// [`exact`] for a list held inline up to `N`: one on the heap with room to
/// spare is replaced by an exact copy (held inline again if it fits).
fn exact_inline<T: Copy, const N: usize>(v: &mut SmallVec<[T; N]>) {
    if v.spilled() && v.capacity() > v.len() {
        *v = SmallVec::from_slice(v);
    }
}

/// [`exact`] for a string.
fn exact_str(s: &mut String) {
    if s.capacity() > s.len() {
        *s = s.as_str().to_owned();
    }
}

/// Moves a long frame payload, message content or HTTP body out of `rec` with
/// `keep` (which stores the bytes and says where), leaving the first
/// [`KEEP`] bytes in the record; returns where the whole is. The record's
/// vectors are compacted too ([`compact_record`]): this runs on every
/// record before the UI files it.
pub fn spill_record(rec: &mut Record, mut keep: impl FnMut(&[u8]) -> Loc) -> Option<Loc> {
    let loc = spill_long(rec, &mut keep);
    compact_record(rec);
    loc
}

fn spill_long(rec: &mut Record, mut keep: impl FnMut(&[u8]) -> Loc) -> Option<Loc> {
    match rec {
        Record::Frame(f) if f.payload.len() > KEEP => {
            let loc = keep(&f.payload);
            // A fresh small allocation, not the big one shrunk in place:
            // the freed block is whole and can be reused or returned.
            f.payload = Payload::from(&f.payload[..KEEP]);
            Some(loc)
        }
        Record::Http(h) => {
            let b = h.body.as_mut()?;
            if let Some(t) = b.text.as_mut().filter(|t| t.len() > KEEP) {
                let loc = keep(t.as_bytes());
                let mut cut = KEEP;
                while !t.is_char_boundary(cut) {
                    cut -= 1;
                }
                *t = t[..cut].to_owned();
                Some(loc)
            } else if let Some(d) = b.data_base64.as_mut().filter(|d| d.len() > KEEP) {
                let loc = keep(d);
                *d = d[..KEEP].to_vec();
                Some(loc)
            } else {
                None
            }
        }
        Record::Message(m) => {
            if let Some(t) = m.text.as_mut().filter(|t| t.len() > KEEP) {
                let loc = keep(t.as_bytes());
                let mut cut = KEEP;
                while !t.is_char_boundary(cut) {
                    cut -= 1;
                }
                *t = Text::from(&t[..cut]);
                Some(loc)
            } else if let Some(b) = m.data_base64.as_mut().filter(|b| b.len() > KEEP) {
                let loc = keep(b);
                *b = Payload::from(&b[..KEEP]);
                Some(loc)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// The position of `x` in `v`, when `x` is one of its elements.
fn position_in<T>(v: &[T], x: &T) -> Option<u32> {
    let size = std::mem::size_of::<T>().max(1);
    let base = v.as_ptr() as usize;
    let at = std::ptr::from_ref(x) as usize;
    let i = at.checked_sub(base)? / size;
    (i < v.len() && std::ptr::eq(&v[i], x)).then_some(i as u32)
}

/// The first `max` bytes of `b`.
fn head(b: &[u8], max: usize) -> Cow<'_, [u8]> {
    Cow::Borrowed(&b[..b.len().min(max)])
}

impl Index {
    fn frame_loc(&self, _d: &Dissection, f: &WsFrame) -> Option<Loc> {
        let i = self.frame_by_key.get(f.stream, f.index)?;
        self.spilled_frames.get(&i).copied()
    }

    fn message_loc(&self, _d: &Dissection, m: &WsMessage) -> Option<Loc> {
        let i = self.msg_by_key.get(m.stream, m.index)?;
        self.spilled_messages.get(&i).copied()
    }

    /// Index in [`Index::packets`] of the packet with this frame number.
    pub fn packet_index(&self, frame: u64) -> Option<usize> {
        self.packet_nos.find(self.packets.len(), frame)
    }

    /// The record of the packet with this frame number.
    pub fn packet_info(&self, frame: u64) -> Option<Rec<'_, PacketInfo>> {
        self.packets.get(self.packet_index(frame)?)
    }

    /// Length of a frame's kept payload (`WsFrame::payload` as the analysis
    /// made it, before the spill).
    pub fn payload_len(&self, d: &Dissection, f: &WsFrame) -> u64 {
        self.frame_loc(d, f)
            .map_or(f.payload.len() as u64, |l| u64::from(l.len()))
    }

    /// The first `max` bytes of a frame's kept payload (`usize::MAX`: all).
    pub fn payload<'f>(&self, d: &Dissection, f: &'f WsFrame, max: usize) -> Cow<'f, [u8]> {
        match self.frame_loc(d, f) {
            None => head(&f.payload, max),
            Some(l) => {
                let mut v = vec![0; (l.len() as usize).min(max)];
                let n = self.store.read(l, 0, &mut v);
                v.truncate(n);
                Cow::Owned(v)
            }
        }
    }

    /// Reads a frame's kept payload from `offset`; returns how many bytes.
    pub fn read_payload(&self, d: &Dissection, f: &WsFrame, offset: u64, out: &mut [u8]) -> usize {
        match self.frame_loc(d, f) {
            None => slice(&f.payload, offset, out),
            Some(l) => self.store.read(l, offset, out),
        }
    }

    /// [`WsFrame::read_sent`] for a frame whose payload may be spilled: the
    /// header as sent, then the kept payload masked again with its key.
    pub fn read_sent(&self, d: &Dissection, f: &WsFrame, offset: u64, out: &mut [u8]) -> usize {
        let Some(l) = self.frame_loc(d, f) else {
            return f.read_sent(offset, out);
        };
        let hlen = f.header_bytes.len() as u64;
        let mut n = 0;
        if offset < hlen {
            let k = out.len().min((hlen - offset) as usize);
            n = f.read_sent(offset, &mut out[..k]);
        }
        let at = offset.saturating_add(n as u64);
        if at >= hlen && n < out.len() {
            let i = at - hlen;
            let k = self.store.read(l, i, &mut out[n..]);
            if let Some(key) = f.header.mask_key {
                crate::ws::mask::unmask(&mut out[n..n + k], key, i);
            }
            n += k;
        }
        n
    }

    /// Length of a message's content (decompressed when it was compressed).
    pub fn message_len(&self, d: &Dissection, m: &WsMessage) -> u64 {
        self.message_loc(d, m)
            .map_or(m.bytes().len() as u64, |l| u64::from(l.len()))
    }

    /// The first `max` bytes of a message's content (`usize::MAX`: all).
    pub fn message_bytes<'m>(&self, d: &Dissection, m: &'m WsMessage, max: usize) -> Cow<'m, [u8]> {
        match self.message_loc(d, m) {
            None => head(m.bytes(), max),
            Some(l) => {
                let mut v = vec![0; (l.len() as usize).min(max)];
                let n = self.store.read(l, 0, &mut v);
                v.truncate(n);
                Cow::Owned(v)
            }
        }
    }

    /// Reads a message's content from `offset`; returns how many bytes.
    pub fn read_message(
        &self,
        d: &Dissection,
        m: &WsMessage,
        offset: u64,
        out: &mut [u8],
    ) -> usize {
        match self.message_loc(d, m) {
            None => slice(m.bytes(), offset, out),
            Some(l) => self.store.read(l, offset, out),
        }
    }

    fn body_loc(&self, d: &Dissection, h: &HttpMessage) -> Option<Loc> {
        let i = position_in(&d.http, h)?;
        self.spilled_bodies.get(&i).copied()
    }

    /// Length of an HTTP message's decoded body as kept (`HttpBody::length`
    /// before the spill; 0 without a body).
    pub fn body_len(&self, d: &Dissection, h: &HttpMessage) -> u64 {
        match self.body_loc(d, h) {
            Some(l) => u64::from(l.len()),
            None => h.body.as_ref().map_or(0, |b| b.bytes().len() as u64),
        }
    }

    /// The first `max` bytes of an HTTP message's decoded body (chunked
    /// removed, gzip/deflate undone: `HttpBody`), read back from the spill
    /// when it is long; empty without a body.
    pub fn body_bytes<'h>(&self, d: &Dissection, h: &'h HttpMessage, max: usize) -> Cow<'h, [u8]> {
        match self.body_loc(d, h) {
            None => head(h.body.as_ref().map_or(&[][..], |b| b.bytes()), max),
            Some(l) => {
                let mut v = vec![0; (l.len() as usize).min(max)];
                let n = self.store.read(l, 0, &mut v);
                v.truncate(n);
                Cow::Owned(v)
            }
        }
    }

    /// Files `rec` into `d` and updates the tables; a long payload or
    /// message content goes to the spill.
    pub fn push(&mut self, d: &mut Dissection, mut rec: Record) {
        let store = &mut self.store;
        let loc = spill_record(&mut rec, |b| store.spill(b));
        self.push_spilled(d, rec, loc);
    }

    /// Files `rec`, whose long payload or content was already spilled to
    /// `loc` ([`spill_record`], by the loading thread).
    pub fn push_spilled(&mut self, d: &mut Dissection, rec: Record, loc: Option<Loc>) {
        self.exercise.record(&rec);
        if let Some(loc) = loc {
            match &rec {
                Record::Frame(_) => {
                    self.spilled_frames.insert(self.frames.len() as u32, loc);
                }
                Record::Message(_) => {
                    self.spilled_messages
                        .insert(self.messages.len() as u32, loc);
                }
                Record::Http(_) => {
                    self.spilled_bodies.insert(d.http.len() as u32, loc);
                }
                _ => {}
            }
        }
        match &rec {
            Record::Packet(p) => {
                let idx = self.packets.len() as u32;
                self.packet_nos.push(self.packets.len(), p.frame);
                self.t0.get_or_insert(p.ts);
                if let Some(t) = &p.tcp {
                    self.streams.insert(t.stream);
                    let first = if t.flags.syn {
                        t.seq
                    } else {
                        t.seq.wrapping_sub(1)
                    };
                    self.isn
                        .entry((t.stream, t.direction.index()))
                        .or_insert(first);
                }
                self.packets_total += 1;
                self.add_row(
                    RowRef {
                        kind: RowKind::Packet,
                        idx,
                    },
                    p.frame,
                );
            }
            Record::Connection(c) => {
                self.conn_by_stream
                    .insert(c.stream, d.connections.len() as u32);
                self.streams.insert(c.stream);
            }
            Record::Http(h) => {
                let idx = d.http.len() as u32;
                let r = RowRef {
                    kind: RowKind::Http,
                    idx,
                };
                self.covered.insert(h.frame);
                self.http_by_key
                    .entry((h.stream, h.direction.index(), h.frame))
                    .or_insert(idx);
                self.segments(r, &h.frames, h.frame);
                self.streams.insert(h.stream);
                self.add_row(r, h.frame);
            }
            Record::Handshake(h) => {
                self.hs_by_stream
                    .entry(h.stream)
                    .or_insert(d.handshakes.len() as u32);
            }
            Record::Frame(f) => {
                let idx = self.frames.len() as u32;
                let r = RowRef {
                    kind: RowKind::Frame,
                    idx,
                };
                self.frame_by_key.insert(f.stream, f.index, idx);
                self.covered.insert(f.frame);
                self.segments(r, &f.frames, f.frame);
                if let Some(rtt) = f.rtt {
                    self.rtts.entry(f.stream).or_default().push((f.frame, rtt));
                }
                self.streams.insert(f.stream);
                self.add_row(r, f.frame);
            }
            Record::Message(m) => {
                self.msg_by_key
                    .insert(m.stream, m.index, self.messages.len() as u32);
            }
            Record::Note(n) => {
                let si = match n.severity {
                    Severity::Info => 0,
                    Severity::Warning => 1,
                    Severity::Error => 2,
                };
                self.notes_count[si] += 1;
                if let Some(f) = n.frame {
                    self.notes_by_frame
                        .entry(f)
                        .or_default()
                        .push(d.notes.len() as u32);
                    let w = self.worst_note.entry((n.stream, f)).or_insert(n.severity);
                    if n.severity > *w {
                        *w = n.severity;
                    }
                }
            }
            Record::Stream(s) => {
                self.summary_by_stream
                    .insert(s.tcp.info.stream, d.streams.len() as u32);
                self.streams.insert(s.tcp.info.stream);
            }
            Record::TlsRecord(t) => {
                let idx = d.tls_records.len() as u32;
                for f in &t.frames {
                    self.tls_by_frame.entry(*f).or_default().push(idx);
                }
                self.tls_by_key
                    .insert((t.stream, t.direction.index(), t.record_number), idx);
            }
            Record::Capture(_) | Record::Summary(_) => {}
        }
        let spill = &self.records_spill;
        match rec {
            Record::Packet(p) => self.packets.push(p, spill),
            Record::Frame(f) => self.frames.push(*f, spill),
            Record::Message(m) => self.messages.push(*m, spill),
            rec => d.push(rec),
        }
    }

    /// Files one piece of a connection's reassembled stream.
    pub fn push_piece(&mut self, p: crate::model::StreamPiece) {
        let v = self.pieces.entry(p.stream).or_default();
        let i = v.len() as u32;
        let gap = p.packet_offset.is_none();
        let last = v.last().map(|l| *l);
        let run = match last {
            Some(l)
                if !gap
                    && !l.gap
                    && l.dir == p.direction
                    && l.offset.saturating_add(l.len) == p.offset =>
            {
                l.run
            }
            _ => i,
        };
        v.push(
            Piece {
                offset: p.offset,
                len: p.len,
                frame: p.frame,
                packet_offset: p.packet_offset.unwrap_or(0),
                dir: p.direction,
                gap,
                run,
            },
            &self.records_spill,
        );
    }

    /// Reads a piece's bytes from `offset` within it, back from its
    /// packet; returns how many bytes (none for a gap).
    pub fn read_piece(&self, _d: &Dissection, p: &Piece, offset: u64, out: &mut [u8]) -> usize {
        if p.gap || offset >= p.len {
            return 0;
        }
        let Some(pi) = self.packet_index(p.frame) else {
            return 0;
        };
        let Some(loc) = self.store.packets.get(pi) else {
            return 0;
        };
        let n = out.len().min((p.len - offset) as usize);
        self.store.read(
            *loc,
            u64::from(p.packet_offset).saturating_add(offset),
            &mut out[..n],
        )
    }

    fn add_row(&mut self, r: RowRef, no: u64) {
        if let Some(last) = self.rows.last() {
            if no < last.no {
                self.unsorted = true;
            }
        }
        self.max_no = self.max_no.max(no);
        self.rows.push(Row { r, no });
    }

    fn segments(&mut self, r: RowRef, frames: &[u64], last: u64) {
        for &f in frames {
            if f != last {
                self.segment_of.entry(f).or_insert(r);
            }
        }
    }

    /// Gives back the unused room of the tables that grow with the capture
    /// (the model's record vectors, the rows, the packets' places, the
    /// stream pieces), once loading has ended: up to half of each vector's
    /// capacity was growth room that will not be used.
    pub fn shrink(&mut self, d: &mut Dissection) {
        d.http.shrink_to_fit();
        d.notes.shrink_to_fit();
        d.tls_records.shrink_to_fit();
        self.rows.shrink_to_fit();
        self.store.packets.shrink_to_fit();
        self.frame_by_key.shrink();
        self.msg_by_key.shrink();
        for v in self.pieces.values_mut() {
            v.shrink();
        }
        self.packets.shrink();
        self.frames.shrink();
        self.messages.shrink();
    }

    /// Whether rows arrived out of order since the last call (and sorts them).
    pub fn take_unsorted(&mut self) -> bool {
        if !self.unsorted {
            return false;
        }
        self.unsorted = false;
        // Stable: rows of one packet keep their arrival order.
        self.rows.sort_by_no();
        true
    }

    /// Stream and direction of a row.
    pub fn row_stream(&self, d: &Dissection, r: RowRef) -> Option<(StreamId, Direction)> {
        match r.kind {
            RowKind::Http => d.http.get(r.idx as usize).map(|h| (h.stream, h.direction)),
            RowKind::Frame => self
                .frames
                .get(r.idx as usize)
                .map(|f| (f.stream, f.direction)),
            RowKind::Packet => self
                .packets
                .get(r.idx as usize)
                .and_then(|p| p.tcp.as_ref().map(|t| (t.stream, t.direction))),
        }
    }

    /// Worst note on a row, if any.
    pub fn row_note(&self, d: &Dissection, row: &Row) -> Option<Severity> {
        let stream = self.row_stream(d, row.r).map(|s| s.0);
        let a = self.worst_note.get(&(stream, row.no)).copied();
        let b = if stream.is_some() {
            self.worst_note.get(&(None, row.no)).copied()
        } else {
            None
        };
        a.max(b)
    }

    /// The packet with this frame number and its captured bytes, read back
    /// from the file.
    pub fn packet(&self, _d: &Dissection, frame: u64) -> Option<(Rec<'_, PacketInfo>, Vec<u8>)> {
        let i = self.packet_index(frame)?;
        Some((self.packets.get(i)?, self.store.packet(i)?))
    }

    /// Captured length of the packet with this frame number.
    pub fn packet_len(&self, _d: &Dissection, frame: u64) -> Option<u64> {
        let i = self.packet_index(frame)?;
        self.store.packets.get(i).map(|l| u64::from(l.len()))
    }

    /// Relative sequence number, as Wireshark shows it.
    pub fn rel_seq(&self, stream: StreamId, dir: Direction, seq: u32) -> u32 {
        match self.isn.get(&(stream, dir.index())) {
            Some(isn) => seq.wrapping_sub(*isn),
            None => seq,
        }
    }
}

/// The packet carrying unit bytes `[start, end)` first, and where in that
/// packet they are: every piece of the range that packet holds.
///
/// For decrypted bytes (spans with a `tls_record`) the packet is the one
/// that completed their TLS record, and there are no ranges: the packet
/// holds them encrypted, somewhere the model does not record.
pub fn unit_in_packet(spans: &[Span], start: u64, end: u64) -> Option<(u64, Vec<(u64, u64)>)> {
    let first = spans.iter().find(|s| {
        s.unit_offset.saturating_add(s.len) > start
            && s.unit_offset < end.max(start.saturating_add(1))
    })?;
    let frame = first.frame;
    Some((frame, unit_ranges_in(spans, frame, start, end)))
}

/// Packet-relative ranges of unit bytes `[start, end)` held by packet `frame`
/// as they are (decrypted bytes are not in the packet: none for them).
pub fn unit_ranges_in(spans: &[Span], frame: u64, start: u64, end: u64) -> Vec<(u64, u64)> {
    let mut out = Vec::new();
    for s in spans
        .iter()
        .filter(|s| s.frame == frame && !s.is_decrypted())
    {
        let s_end = s.unit_offset.saturating_add(s.len);
        let a = start.max(s.unit_offset);
        let b = end.min(s_end);
        if a < b {
            let pa = u64::from(s.packet_offset).saturating_add(a - s.unit_offset);
            out.push((pa, pa.saturating_add(b - a)));
        }
    }
    out
}

/// Reads unit bytes from `offset` into `out` through the spans; returns how
/// many were available (stops at the first byte no packet holds as it is:
/// a gap, or decrypted bytes, whose packet holds them encrypted).
pub fn read_unit(
    _d: &Dissection,
    ix: &Index,
    spans: &[Span],
    offset: u64,
    out: &mut [u8],
) -> usize {
    let mut n = 0;
    while n < out.len() {
        let at = offset + n as u64;
        // Spans are in unit order.
        let i = spans.partition_point(|s| s.unit_offset.saturating_add(s.len) <= at);
        let Some(s) = spans.get(i) else { break };
        if s.unit_offset > at || s.is_decrypted() {
            break;
        }
        let Some(pi) = ix.packet_index(s.frame) else {
            break;
        };
        let Some(loc) = ix.store.packets.get(pi) else {
            break;
        };
        let from = u64::from(s.packet_offset).saturating_add(at - s.unit_offset);
        let avail = (s.unit_offset.saturating_add(s.len) - at).min((out.len() - n) as u64);
        let k = ix.store.read(*loc, from, &mut out[n..n + avail as usize]);
        if k == 0 {
            break;
        }
        n += k;
    }
    n
}

/// Copies `src` from `offset` into `out`; returns how many bytes.
pub fn slice(src: &[u8], offset: u64, out: &mut [u8]) -> usize {
    let Ok(off) = usize::try_from(offset) else {
        return 0;
    };
    if off >= src.len() {
        return 0;
    }
    let n = out.len().min(src.len() - off);
    out[..n].copy_from_slice(&src[off..off + n]);
    n
}

/// Total length of the unit bytes the spans cover.
pub fn spans_len(spans: &[Span]) -> u64 {
    spans
        .iter()
        .map(|s| s.unit_offset.saturating_add(s.len))
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(frame: u64, packet_offset: u32, unit_offset: u64, len: u64) -> Span {
        Span {
            tls_record: None,
            frame,
            packet_offset,
            unit_offset,
            len,
        }
    }

    /// Rows are 8 bytes until one does not fit; then every row is kept
    /// whole, and nothing read back changes.
    #[test]
    fn rows_pack_to_eight_bytes_and_widen_for_what_does_not_fit() {
        let row = |kind, idx, no| Row {
            r: RowRef { kind, idx },
            no,
        };
        let mut rows = Rows::default();
        let mut want = Vec::new();
        for (i, kind) in [RowKind::Http, RowKind::Frame, RowKind::Packet]
            .into_iter()
            .cycle()
            .take(3000)
            .enumerate()
        {
            let r = row(kind, (i as u32 * 7919) % (1 << 30), (3000 - i) as u64);
            rows.push(r);
            want.push(r);
        }
        assert!(matches!(rows, Rows::Packed(_)));
        assert_eq!(rows.iter().collect::<Vec<_>>(), want);
        rows.sort_by_no();
        want.sort_by_key(|r| r.no);
        assert_eq!(rows.iter().collect::<Vec<_>>(), want);
        assert_eq!(rows.partition_point(|r| r.no < 1500), 1499);
        for big in [
            row(RowKind::Frame, 1 << 30, 5),
            row(RowKind::Packet, 3, 1 << 32),
        ] {
            let mut r2 = rows.clone();
            r2.push(big);
            assert!(matches!(r2, Rows::Wide(_)));
            let mut w = want.clone();
            w.push(big);
            assert_eq!(r2.iter().collect::<Vec<_>>(), w);
            assert_eq!(r2.last(), Some(big));
        }
    }

    /// The follow view keeps one `Piece` per delivered segment of every
    /// connection: it must stay small (docs/tui.md says 40 bytes).
    #[test]
    fn a_stream_piece_costs_40_bytes() {
        assert!(std::mem::size_of::<Piece>() <= 40);
    }

    /// Frame and message look-ups by counter: dense counters in a vector,
    /// a counter far ahead in the hash map, the last value filed wins, and
    /// streams do not mix.
    #[test]
    fn by_index_finds_what_was_filed_under_each_counter() {
        let (a, b): (StreamId, StreamId) = (0, 1);
        let mut t = ByIndex::default();
        t.insert(a, 0, 10);
        t.insert(a, 2, 12);
        t.insert(b, 0, 20);
        t.insert(a, 1 << 40, 7);
        t.insert(a, MAX_HOLE + 5, 8);
        assert_eq!(t.get(a, 0), Some(10));
        assert_eq!(t.get(a, 1), None);
        assert_eq!(t.get(a, 2), Some(12));
        assert_eq!(t.get(b, 0), Some(20));
        assert_eq!(t.get(b, 2), None);
        assert_eq!(t.get(a, 1 << 40), Some(7));
        assert_eq!(t.get(a, MAX_HOLE + 5), Some(8));
        assert_eq!(t.get(9, 0), None);
        t.insert(a, 2, 13);
        assert_eq!(t.get(a, 2), Some(13));
        assert!(
            t.dense[&a].len() < 10,
            "no vector is made for a far counter"
        );
        // Once the vector reaches a counter filed in the map, the vector's
        // newer value is the one found.
        for i in 3..=MAX_HOLE + 5 {
            t.insert(a, i, 100);
        }
        assert_eq!(t.get(a, MAX_HOLE + 5), Some(100));
        t.shrink();
        assert_eq!(t.get(a, 0), Some(10));
    }

    #[test]
    fn maps_a_range_across_packets() {
        let spans = [span(16, 66, 0, 100), span(17, 66, 100, 100)];
        assert_eq!(unit_in_packet(&spans, 2, 6), Some((16, vec![(68, 72)])));
        assert_eq!(
            unit_in_packet(&spans, 150, 400),
            Some((17, vec![(116, 166)]))
        );
        assert_eq!(
            unit_in_packet(&spans, 90, 110),
            Some((16, vec![(156, 166)]))
        );
        assert_eq!(unit_ranges_in(&spans, 17, 90, 110), vec![(66, 76)]);
        assert_eq!(unit_in_packet(&spans, 500, 600), None);
        assert_eq!(spans_len(&spans), 200);
    }

    #[test]
    fn decrypted_bytes_name_their_packet_but_no_range_in_it() {
        // Two TLS records completed by frames 16 and 18; packet_offset is
        // in each record's plaintext.
        let rec = |frame, unit_offset, len, r| Span {
            tls_record: Some(r),
            ..span(frame, 0, unit_offset, len)
        };
        let spans = [rec(16, 0, 20, 4), rec(18, 20, 10, 5)];
        assert_eq!(unit_in_packet(&spans, 2, 6), Some((16, vec![])));
        assert_eq!(unit_in_packet(&spans, 22, 24), Some((18, vec![])));
        assert_eq!(unit_ranges_in(&spans, 16, 0, 30), vec![]);
        assert_eq!(spans_len(&spans), 30);
        let d = Dissection::default();
        let mut out = [0u8; 4];
        assert_eq!(read_unit(&d, &Index::default(), &spans, 0, &mut out), 0);
    }
}
