//! The TLS record layer (RFC 8446 §5.1–5.2, RFC 5246 §6.2): typed views over
//! byte slices and an incremental per-direction record reader.
//!
//! Every record starts with the same 5-byte header in every TLS version:
//!
//! ```text
//! offset  0        1  2            3  4
//!         +--------+---------------+--------------+----------------------+
//!         | type   | legacy_version| length (u16) | fragment (length B)  |
//!         +--------+---------------+--------------+----------------------+
//! ```
//!
//! [`RecordHeader::parse`] reads it (the field ranges are the
//! `*_RANGE` constants, for hex views) and rejects what cannot be TLS:
//! an unknown content type, a major version other than 3, or a length over
//! 2^14 + 256 (RFC 8446 §5.2, the largest `TLSCiphertext`; RFC 5246 §6.2.3
//! allows 2^14 + 2048 for TLS 1.2 but no AEAD suite gets near it).
//! The error is a value ([`RecordError`]), never a panic, because the
//! bytes are whatever the capture holds.
//!
//! [`RecordReader`] takes a direction's bytes as TCP delivers them — a record
//! may span many segments, a segment may hold many records — and hands out
//! complete records ([`RawRecord`]) with their offsets in the stream, which is
//! what lets the caller name the packets that carried each record. It
//! buffers at most one incomplete record; complete records inside the input
//! are handed out without copying.

use std::fmt;
use std::ops::Range;

/// Length of the record header.
pub const HEADER_LEN: usize = 5;

/// Largest `TLSCiphertext.length`: 2^14 + 256 (RFC 8446 §5.2).
pub const MAX_CIPHERTEXT_LEN: usize = (1 << 14) + 256;

/// Largest plaintext fragment: 2^14 (RFC 8446 §5.1, RFC 5246 §6.2.1).
pub const MAX_PLAINTEXT_LEN: usize = 1 << 14;

/// Byte range of the content type in the header.
pub const CONTENT_TYPE_RANGE: Range<usize> = 0..1;
/// Byte range of the legacy version in the header.
pub const VERSION_RANGE: Range<usize> = 1..3;
/// Byte range of the length in the header.
pub const LENGTH_RANGE: Range<usize> = 3..5;

/// `ContentType` (RFC 8446 §5.1, RFC 6520 for heartbeat).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContentType {
    /// 20: `change_cipher_spec` (TLS 1.2 key switch; TLS 1.3 compatibility
    /// noise, RFC 8446 §D.4).
    ChangeCipherSpec,
    /// 21: `alert`.
    Alert,
    /// 22: `handshake`.
    Handshake,
    /// 23: `application_data` (and every TLS 1.3 encrypted record).
    ApplicationData,
    /// 24: `heartbeat` (RFC 6520).
    Heartbeat,
}

impl ContentType {
    /// Maps the wire value; `None` for values no TLS version defines.
    pub fn from_u8(v: u8) -> Option<ContentType> {
        Some(match v {
            20 => ContentType::ChangeCipherSpec,
            21 => ContentType::Alert,
            22 => ContentType::Handshake,
            23 => ContentType::ApplicationData,
            24 => ContentType::Heartbeat,
            _ => return None,
        })
    }

    /// The wire value.
    pub fn to_u8(self) -> u8 {
        match self {
            ContentType::ChangeCipherSpec => 20,
            ContentType::Alert => 21,
            ContentType::Handshake => 22,
            ContentType::ApplicationData => 23,
            ContentType::Heartbeat => 24,
        }
    }

    /// The RFC's name (`application_data` …).
    pub fn name(self) -> &'static str {
        match self {
            ContentType::ChangeCipherSpec => "change_cipher_spec",
            ContentType::Alert => "alert",
            ContentType::Handshake => "handshake",
            ContentType::ApplicationData => "application_data",
            ContentType::Heartbeat => "heartbeat",
        }
    }
}

impl fmt::Display for ContentType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why bytes cannot be a TLS record. Once a direction hits one of these its
/// record boundaries are lost: the reader stops.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema, thiserror::Error,
)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RecordError {
    /// Content type not 20–24.
    #[error("content type {value} is not a TLS record type")]
    BadContentType {
        /// The byte.
        value: u8,
    },
    /// Major version not 3 (SSL 3.0 … TLS 1.3 all use 3.x on the wire).
    #[error("record version {value:#06x} is not 3.x")]
    BadVersion {
        /// The two bytes.
        value: u16,
    },
    /// Length over 2^14 + 256 (RFC 8446 §5.2: `record_overflow`).
    #[error("record length {len} exceeds 2^14 + 256 = {}", MAX_CIPHERTEXT_LEN)]
    TooLong {
        /// The length field.
        len: u16,
    },
}

/// A parsed record header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct RecordHeader {
    /// Outer content type (always `application_data` for TLS 1.3 ciphertext).
    pub content_type: ContentType,
    /// `legacy_record_version` (0x0301 in a first ClientHello, 0x0303 after).
    pub version: u16,
    /// Fragment length.
    pub length: u16,
}

impl RecordHeader {
    /// Parses and validates the first 5 bytes. `Ok(None)`: fewer than 5
    /// bytes yet.
    pub fn parse(b: &[u8]) -> Result<Option<RecordHeader>, RecordError> {
        // Check the bytes we have, so a stream that is plainly not TLS is
        // refused at its first byte rather than after five.
        if let Some(&t) = b.first() {
            if ContentType::from_u8(t).is_none() {
                return Err(RecordError::BadContentType { value: t });
            }
        }
        if let Some(&major) = b.get(1) {
            if major != 3 {
                let minor = b.get(2).copied().unwrap_or(0);
                return Err(RecordError::BadVersion {
                    value: u16::from_be_bytes([major, minor]),
                });
            }
        }
        let Some(h) = b.get(..HEADER_LEN) else {
            return Ok(None);
        };
        let length = u16::from_be_bytes([h[3], h[4]]);
        if usize::from(length) > MAX_CIPHERTEXT_LEN {
            return Err(RecordError::TooLong { len: length });
        }
        Ok(Some(RecordHeader {
            content_type: ContentType::from_u8(h[0]).unwrap_or(ContentType::Handshake),
            version: u16::from_be_bytes([h[1], h[2]]),
            length,
        }))
    }

    /// The header as it is on the wire (the TLS 1.3 AEAD's additional data,
    /// RFC 8446 §5.2).
    pub fn to_bytes(self) -> [u8; HEADER_LEN] {
        let v = self.version.to_be_bytes();
        let l = self.length.to_be_bytes();
        [self.content_type.to_u8(), v[0], v[1], l[0], l[1]]
    }

    /// Header plus fragment length.
    pub fn record_len(self) -> usize {
        HEADER_LEN + usize::from(self.length)
    }
}

/// A complete record, borrowed from the input or the reader's buffer.
#[derive(Debug, Clone, Copy)]
pub struct RawRecord<'a> {
    /// The header.
    pub header: RecordHeader,
    /// Stream offset of the first header byte.
    pub stream_start: u64,
    /// The whole record: header and fragment.
    pub bytes: &'a [u8],
}

impl<'a> RawRecord<'a> {
    /// The fragment (everything after the header).
    pub fn fragment(&self) -> &'a [u8] {
        &self.bytes[HEADER_LEN..]
    }

    /// Stream offsets of the whole record (header included).
    pub fn stream(&self) -> Range<u64> {
        self.stream_start..self.stream_start + self.bytes.len() as u64
    }
}

/// The state of a [`RecordReader`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReaderState {
    /// In sync with record boundaries.
    InSync,
    /// Boundaries lost (a gap, or a header that cannot be TLS): looking for
    /// two consecutive plausible headers to start again.
    Resync,
}

/// What [`RecordReader::push`] reports, in stream order.
#[derive(Debug, Clone, Copy)]
pub enum ReaderEvent<'a> {
    /// A complete record.
    Record(RawRecord<'a>),
    /// A header that cannot be TLS: record boundaries are lost from `at`
    /// on, and the reader resynchronises.
    BadHeader {
        /// Stream offset of the bad header.
        at: u64,
        /// Why it is not TLS.
        error: RecordError,
    },
    /// Boundaries found again at `at` after skipping the `skipped` bytes
    /// before it (received but not decoded; a gap's missing bytes and a
    /// partial record cut by the gap are not counted).
    Resynced {
        /// Stream offset of the first record after the skipped bytes.
        at: u64,
        /// Bytes skipped.
        skipped: u64,
    },
}

/// A header believable enough to resynchronise on: a content type other
/// than heartbeat, version 3.1–3.3 (every record after the ClientHello),
/// a non-empty fragment within the limit.
fn plausible(b: &[u8]) -> Option<RecordHeader> {
    match RecordHeader::parse(b) {
        Ok(Some(h))
            if (0x0301..=0x0303).contains(&h.version)
                && h.length > 0
                && h.content_type != ContentType::Heartbeat =>
        {
            Some(h)
        }
        _ => None,
    }
}

/// Turns one direction's byte stream into records, incrementally.
///
/// In sync it buffers at most one incomplete record. After a gap
/// ([`RecordReader::resync`]) or a bad header it scans for a position where
/// two plausible headers follow each other (a record and the next), as
/// Wireshark does not but a student's lossy Wi-Fi capture needs; it then
/// reports [`ReaderEvent::Resynced`] and goes on.
#[derive(Debug, Clone)]
pub struct RecordReader {
    /// In sync: the incomplete record. Resynchronising: the bytes not yet
    /// ruled out (less than two records).
    buf: Vec<u8>,
    /// Stream offset of `buf[0]` (or of the next byte when `buf` is empty).
    buf_start: u64,
    state: ReaderState,
    /// Resynchronising: `buf[..scan_from]` is already ruled out (dropped
    /// lazily, so a long scan does not move the buffer at every byte).
    scan_from: usize,
    /// Bytes skipped in the current resynchronisation.
    skipping: u64,
    /// Bytes skipped in all.
    skipped: u64,
}

impl Default for RecordReader {
    fn default() -> Self {
        RecordReader::new(0)
    }
}

impl RecordReader {
    /// A reader whose first byte is at stream offset `start`.
    pub fn new(start: u64) -> RecordReader {
        RecordReader {
            buf: Vec::new(),
            buf_start: start,
            state: ReaderState::InSync,
            scan_from: 0,
            skipping: 0,
            skipped: 0,
        }
    }

    /// Stream offset of the next byte [`RecordReader::push`] expects.
    pub fn next_offset(&self) -> u64 {
        self.buf_start + self.buf.len() as u64
    }

    /// In sync or resynchronising.
    pub fn state(&self) -> ReaderState {
        self.state
    }

    /// Bytes buffered towards the next (incomplete) record (0 while
    /// resynchronising: those bytes are not a record yet).
    pub fn pending(&self) -> usize {
        match self.state {
            ReaderState::InSync => self.buf.len(),
            ReaderState::Resync => 0,
        }
    }

    /// Bytes received but skipped while resynchronising (so far, in all).
    pub fn skipped(&self) -> u64 {
        self.skipped
            + self.skipping
            + self.buf.len() as u64 * u64::from(self.state == ReaderState::Resync)
    }

    /// Bytes are missing before `next_offset` (a TCP gap): the pending
    /// partial record is dropped (it belongs to the gap, not to the skipped
    /// bytes) and the reader resynchronises.
    pub fn resync(&mut self, next_offset: u64) {
        self.buf.clear();
        self.scan_from = 0;
        self.buf_start = next_offset;
        self.state = ReaderState::Resync;
    }

    /// Feeds the next bytes of the stream; reports complete records, bad
    /// headers and resynchronisations in stream order.
    pub fn push(&mut self, data: &[u8], mut on_event: impl FnMut(ReaderEvent<'_>)) {
        match self.state {
            ReaderState::InSync => {
                if self.in_sync(data, &mut on_event).is_ok() {
                    return;
                }
            }
            ReaderState::Resync => self.buf.extend_from_slice(data),
        }
        // Resynchronising: `buf` holds the bytes to scan. A loop, not
        // recursion: hostile input may fail again right after each resync.
        while let Some(skipped) = self.scan() {
            on_event(ReaderEvent::Resynced {
                at: self.buf_start,
                skipped,
            });
            self.state = ReaderState::InSync;
            let bytes = std::mem::take(&mut self.buf);
            if self.in_sync(&bytes, &mut on_event).is_ok() {
                return;
            }
        }
    }

    /// The stream ended. While resynchronising, a last lone record that
    /// ends exactly at the end of the stream is accepted (there is no next
    /// header to confirm it).
    pub fn finish(&mut self, mut on_event: impl FnMut(ReaderEvent<'_>)) {
        if self.state != ReaderState::Resync {
            return;
        }
        self.buf.drain(..self.scan_from);
        self.buf_start += self.scan_from as u64;
        self.scan_from = 0;
        if let Some(h) = plausible(&self.buf).filter(|h| h.record_len() == self.buf.len()) {
            on_event(ReaderEvent::Resynced {
                at: self.buf_start,
                skipped: self.skipping,
            });
            self.skipped += self.skipping;
            self.skipping = 0;
            self.state = ReaderState::InSync;
            self.emit_buffered(h, &mut on_event);
        }
    }

    /// Finds the first position in `buf` where a plausible header is
    /// followed, one record later, by another. Drops the bytes before it
    /// (or before a candidate that needs more bytes to be confirmed).
    /// `Some(skipped)` when found.
    fn scan(&mut self) -> Option<u64> {
        let mut p = self.scan_from;
        let found = loop {
            if p + HEADER_LEN > self.buf.len() {
                break false;
            }
            match plausible(&self.buf[p..]) {
                None => p += 1,
                Some(h) => {
                    let next = p + h.record_len();
                    if next + HEADER_LEN > self.buf.len() {
                        break false;
                    }
                    if plausible(&self.buf[next..]).is_some() {
                        break true;
                    }
                    p += 1;
                }
            }
        };
        self.skipping += (p - self.scan_from) as u64;
        self.scan_from = p;
        // Drop what is ruled out when found, or when it is most of the
        // buffer (amortised: each byte moves a bounded number of times).
        if found || 2 * p >= self.buf.len() {
            self.buf.drain(..p);
            self.buf_start += p as u64;
            self.scan_from = 0;
        }
        if !found {
            return None;
        }
        let skipped = self.skipping;
        self.skipped += skipped;
        self.skipping = 0;
        Some(skipped)
    }

    /// The in-sync path. `Err` when a bad header sent the reader into
    /// resynchronisation (the unread bytes are then in `buf`).
    fn in_sync(
        &mut self,
        data: &[u8],
        on_event: &mut impl FnMut(ReaderEvent<'_>),
    ) -> Result<(), ()> {
        let mut data = data;
        // Complete the buffered partial record first.
        if !self.buf.is_empty() {
            let need = match RecordHeader::parse(&self.buf) {
                Ok(Some(h)) => h.record_len() - self.buf.len(),
                Ok(None) => HEADER_LEN - self.buf.len(),
                Err(e) => return self.fail(e, data, on_event),
            };
            let take = need.min(data.len());
            self.buf.extend_from_slice(&data[..take]);
            data = &data[take..];
            // Re-check: the header may have just become complete.
            match RecordHeader::parse(&self.buf) {
                Ok(Some(h)) if self.buf.len() < h.record_len() => {
                    let more = (h.record_len() - self.buf.len()).min(data.len());
                    self.buf.extend_from_slice(&data[..more]);
                    data = &data[more..];
                    if self.buf.len() < h.record_len() {
                        return Ok(());
                    }
                    self.emit_buffered(h, on_event);
                }
                Ok(Some(h)) => self.emit_buffered(h, on_event),
                Ok(None) => return Ok(()),
                Err(e) => return self.fail(e, data, on_event),
            }
        }
        // Records wholly inside `data`: no copy.
        let mut pos = 0;
        loop {
            let rest = &data[pos..];
            match RecordHeader::parse(rest) {
                Ok(Some(h)) if rest.len() >= h.record_len() => {
                    on_event(ReaderEvent::Record(RawRecord {
                        header: h,
                        stream_start: self.buf_start,
                        bytes: &rest[..h.record_len()],
                    }));
                    self.buf_start += h.record_len() as u64;
                    pos += h.record_len();
                }
                Ok(_) => {
                    self.buf.extend_from_slice(rest);
                    return Ok(());
                }
                Err(e) => return self.fail(e, rest, on_event),
            }
        }
    }

    fn emit_buffered(&mut self, h: RecordHeader, on_event: &mut impl FnMut(ReaderEvent<'_>)) {
        on_event(ReaderEvent::Record(RawRecord {
            header: h,
            stream_start: self.buf_start,
            bytes: &self.buf,
        }));
        self.buf_start += self.buf.len() as u64;
        self.buf.clear();
    }

    /// A bad header at `buf_start` (in `buf`, or at `unread[0]` when `buf`
    /// is empty): report it and resynchronise over `buf + unread`.
    fn fail(
        &mut self,
        error: RecordError,
        unread: &[u8],
        on_event: &mut impl FnMut(ReaderEvent<'_>),
    ) -> Result<(), ()> {
        on_event(ReaderEvent::BadHeader {
            at: self.buf_start,
            error,
        });
        self.buf.extend_from_slice(unread);
        self.state = ReaderState::Resync;
        self.scan_from = 0;
        Err(())
    }
}

/// The verdict of [`sniff`] on a direction's first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniff {
    /// A handshake record starting a ClientHello.
    ClientHello,
    /// A plausible TLS record that is not a ClientHello (a ServerHello,
    /// or the middle of a connection).
    OtherRecord,
    /// Not TLS.
    NotTls,
    /// Too few bytes to tell (fewer than 6).
    NeedMore,
}

/// Classifies a direction's first bytes, on any port: a ClientHello is a
/// handshake record (22), major version 3, a length of at most 2^14 + 256
/// and a handshake type of 1 (RFC 8446 §4, §5.1).
pub fn sniff(first: &[u8]) -> Sniff {
    match RecordHeader::parse(first) {
        Err(_) => Sniff::NotTls,
        Ok(None) => Sniff::NeedMore,
        Ok(Some(h)) if h.length == 0 => Sniff::NotTls,
        Ok(Some(h)) => match first.get(HEADER_LEN) {
            None => Sniff::NeedMore,
            Some(1) if h.content_type == ContentType::Handshake => {
                // The ClientHello body's version is also 3.x when present.
                match first.get(HEADER_LEN + 4) {
                    Some(3) | None => Sniff::ClientHello,
                    Some(_) => Sniff::NotTls,
                }
            }
            Some(_) => Sniff::OtherRecord,
        },
    }
}

/// True when `first` (a direction's first bytes) starts a TLS ClientHello.
/// Six bytes suffice; fewer give `false` (see [`sniff`] for "need more").
pub fn looks_like_tls(first: &[u8]) -> bool {
    sniff(first) == Sniff::ClientHello
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(t: u8, body: &[u8]) -> Vec<u8> {
        let mut v = vec![t, 3, 3];
        v.extend_from_slice(&(body.len() as u16).to_be_bytes());
        v.extend_from_slice(body);
        v
    }

    fn collect(r: &mut RecordReader, data: &[u8], out: &mut Vec<(Range<u64>, Vec<u8>)>) {
        r.push(data, |ev| match ev {
            ReaderEvent::Record(rec) => out.push((rec.stream(), rec.fragment().to_vec())),
            other => panic!("{other:?}"),
        });
    }

    #[test]
    fn header_fields_and_ranges() {
        let b = [0x17, 0x03, 0x03, 0x02, 0xa2];
        let h = RecordHeader::parse(&b).unwrap().unwrap();
        assert_eq!(h.content_type, ContentType::ApplicationData);
        assert_eq!(h.version, 0x0303);
        assert_eq!(h.length, 0x2a2);
        assert_eq!(h.to_bytes(), b);
        assert_eq!(&b[LENGTH_RANGE], &[0x02, 0xa2]);
        assert_eq!(b[CONTENT_TYPE_RANGE][0], 23);
        assert_eq!(b[VERSION_RANGE], [3, 3]);
        assert_eq!(RecordHeader::parse(&b[..3]), Ok(None));
    }

    #[test]
    fn header_errors_are_values() {
        assert_eq!(
            RecordHeader::parse(b"GET / HTTP/1.1"),
            Err(RecordError::BadContentType { value: b'G' })
        );
        assert_eq!(
            RecordHeader::parse(&[22, 2, 0]),
            Err(RecordError::BadVersion { value: 0x0200 })
        );
        let too_long = (MAX_CIPHERTEXT_LEN as u16 + 1).to_be_bytes();
        assert_eq!(
            RecordHeader::parse(&[23, 3, 3, too_long[0], too_long[1]]),
            Err(RecordError::TooLong {
                len: MAX_CIPHERTEXT_LEN as u16 + 1
            })
        );
        assert_eq!(
            RecordHeader::parse(&[23, 3, 3, 0xff, 0xff]),
            Err(RecordError::TooLong { len: 0xffff })
        );
        let max = (MAX_CIPHERTEXT_LEN as u16).to_be_bytes();
        assert!(RecordHeader::parse(&[23, 3, 3, max[0], max[1]]).is_ok());
    }

    #[test]
    fn many_records_per_segment_and_records_over_many_segments() {
        let a = rec(22, b"hello");
        let b = rec(23, &[7u8; 3000]);
        let c = rec(21, &[1, 0]);
        let stream: Vec<u8> = [a.clone(), b.clone(), c.clone()].concat();
        // Every split into 1..=7 byte segments gives the same records.
        for seg in [1usize, 2, 3, 5, 7, 1460, stream.len()] {
            let mut r = RecordReader::new(1000);
            let mut out = Vec::new();
            for chunk in stream.chunks(seg) {
                collect(&mut r, chunk, &mut out);
            }
            assert_eq!(out.len(), 3, "segment size {seg}");
            assert_eq!(out[0].0, 1000..1000 + a.len() as u64);
            assert_eq!(out[1].0.start, 1000 + a.len() as u64);
            assert_eq!(out[1].1, vec![7u8; 3000]);
            assert_eq!(out[2].0.end, 1000 + stream.len() as u64);
            assert_eq!(out[2].1, vec![1, 0]);
            assert_eq!(r.pending(), 0);
            assert_eq!(r.next_offset(), 1000 + stream.len() as u64);
        }
    }

    /// Events as text, for compact assertions.
    fn events(r: &mut RecordReader, chunks: &[&[u8]]) -> Vec<String> {
        let mut v = Vec::new();
        for c in chunks {
            r.push(c, |ev| {
                v.push(match ev {
                    ReaderEvent::Record(rec) => format!("rec {:?} {}", rec.stream(), rec.bytes[0]),
                    ReaderEvent::BadHeader { at, error } => format!("bad {at} {error:?}"),
                    ReaderEvent::Resynced { at, skipped } => format!("resync {at} {skipped}"),
                })
            });
        }
        v
    }

    #[test]
    fn a_bad_header_resynchronises_on_two_good_ones() {
        let mut r = RecordReader::new(0);
        let mut data = rec(22, b"ok"); // 0..7
        data.extend_from_slice(&[23, 3, 3, 0x50, 0x00, 1, 2, 3]); // 7..15: too long
        data.extend_from_slice(&rec(23, &[9; 20])); // 15..40
        data.extend_from_slice(&rec(21, &[1, 0])); // 40..47
        let ev = events(&mut r, &[&data]);
        assert_eq!(
            ev,
            vec![
                "rec 0..7 22",
                "bad 7 TooLong { len: 20480 }",
                "resync 15 8",
                "rec 15..40 23",
                "rec 40..47 21"
            ]
        );
        assert_eq!(r.state(), ReaderState::InSync);
        assert_eq!(r.skipped(), 8);
    }

    #[test]
    fn a_gap_resynchronises_byte_by_byte_too() {
        let tail: Vec<u8> = [&[0xde, 0xad][..], &rec(23, &[7; 30]), &rec(23, &[8; 3])].concat();
        for split in [1usize, 2, 7, tail.len()] {
            let mut r = RecordReader::new(0);
            assert!(events(&mut r, &[&[23, 3, 3, 0, 40, 1, 2]]).is_empty());
            r.resync(100);
            assert_eq!(r.pending(), 0);
            let chunks: Vec<&[u8]> = tail.chunks(split).collect();
            let ev = events(&mut r, &chunks);
            // The 2 junk bytes are skipped (the 7 buffered ones went with
            // the gap).
            assert_eq!(
                ev,
                vec!["resync 102 2", "rec 102..137 23", "rec 137..145 23"],
                "split {split}"
            );
        }
    }

    #[test]
    fn a_lone_last_record_after_a_gap_is_accepted_at_the_end() {
        let mut r = RecordReader::new(0);
        r.resync(50);
        let mut ev = events(&mut r, &[&[0xff], &rec(21, &[1, 0])]);
        assert!(ev.is_empty());
        r.finish(|e| {
            ev.push(match e {
                ReaderEvent::Record(rec) => format!("rec {:?}", rec.stream()),
                ReaderEvent::Resynced { at, skipped } => format!("resync {at} {skipped}"),
                ReaderEvent::BadHeader { .. } => "bad".into(),
            })
        });
        assert_eq!(ev, vec!["resync 51 1", "rec 51..58"]);
        assert_eq!(r.skipped(), 1);
    }

    #[test]
    fn garbage_never_resynchronises_by_accident_and_never_grows_the_buffer() {
        let mut r = RecordReader::new(0);
        let noise: Vec<u8> = (0..200_000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        let ev = events(&mut r, &[b"GET / HTTP/1.1\r\n", &noise]);
        assert_eq!(ev, vec!["bad 0 BadContentType { value: 71 }"]);
        assert!(r.buf.len() <= 2 * (MAX_CIPHERTEXT_LEN + 2 * HEADER_LEN));
    }

    #[test]
    fn many_unconfirmed_candidates_fed_byte_by_byte_stay_linear() {
        // A plausible 16 KiB header every 5 bytes, never followed by a
        // second header: every candidate waits, then is ruled out.
        let pattern = [23u8, 3, 3, 0x40, 0x00];
        let data: Vec<u8> = pattern.iter().copied().cycle().take(300_000).collect();
        let mut r = RecordReader::new(0);
        r.resync(0);
        let start = std::time::Instant::now();
        let mut n = 0;
        for b in data.chunks(1) {
            r.push(b, |_| n += 1);
        }
        assert_eq!(n, 0);
        assert!(r.buf.len() <= 2 * (MAX_CIPHERTEXT_LEN + 2 * HEADER_LEN));
        assert!(start.elapsed() < std::time::Duration::from_secs(20));
    }

    #[test]
    fn a_bad_header_split_across_pushes() {
        let mut r = RecordReader::new(0);
        let ev = events(&mut r, &[&[23, 3], &[3, 0xff, 0xff, 0]]);
        assert_eq!(ev, vec!["bad 0 TooLong { len: 65535 }"]);
    }

    #[test]
    fn sniffing_a_client_hello() {
        let ch = [
            0x16, 0x03, 0x01, 0x00, 0xc4, 0x01, 0x00, 0x00, 0xc0, 0x03, 0x03,
        ];
        assert_eq!(sniff(&ch), Sniff::ClientHello);
        assert!(looks_like_tls(&ch[..6]));
        assert_eq!(sniff(&ch[..5]), Sniff::NeedMore);
        assert_eq!(sniff(b"GET / HTTP/1.1\r\n"), Sniff::NotTls);
        assert_eq!(sniff(b"\x16\x03\x03\x00\x5a\x02"), Sniff::OtherRecord);
        assert_eq!(sniff(b"\x16\x03\x01\x00\x00\x01"), Sniff::NotTls);
        assert_eq!(
            sniff(b"\x16\x03\x01\x00\x10\x01\x00\x00\x0c\x09"),
            Sniff::NotTls
        );
        assert_eq!(sniff(b"SSH-2.0-OpenSSH"), Sniff::NotTls);
        assert!(!looks_like_tls(b""));
    }
}
