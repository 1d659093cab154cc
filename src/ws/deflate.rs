//! The permessage-deflate extension (RFC 7692): parameter negotiation and
//! bounded, context-aware decompression of messages.
//!
//! A compressed message has RSV1 set on its first frame; its concatenated
//! payload is raw DEFLATE (RFC 1951) with the trailing `00 00 ff ff` of a sync
//! flush removed (RFC 7692 §7.2.1). Unless `*_no_context_takeover` was agreed,
//! the LZ77 window carries over from one message to the next (§7.2.3.2), so a
//! receiver that misses a message can no longer decode the following ones.

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};
use serde::Serialize;

use crate::ws::extensions::ExtensionOffer;

/// Extension token of permessage-deflate (RFC 7692 §7).
pub const PERMESSAGE_DEFLATE: &str = "permessage-deflate";

/// Bytes removed by the sender and re-appended by the receiver (RFC 7692 §7.2.1, §7.2.2).
pub const SYNC_TAIL: [u8; 4] = [0x00, 0x00, 0xff, 0xff];

/// The agreed permessage-deflate parameters, from the server's response (RFC 7692 §7.1).
#[derive(Serialize, schemars::JsonSchema, Default, Clone, Debug, PartialEq, Eq)]
pub struct DeflateParams {
    /// The server resets its compression context for every message (RFC 7692 §7.1.1.1).
    pub server_no_context_takeover: bool,
    /// The client resets its compression context for every message (RFC 7692 §7.1.1.2).
    pub client_no_context_takeover: bool,
    /// Server's LZ77 window is at most 2^n bytes, n in 8..=15 (RFC 7692 §7.1.2.1).
    pub server_max_window_bits: Option<u8>,
    /// Client's LZ77 window is at most 2^n bytes, n in 8..=15 (RFC 7692 §7.1.2.2).
    pub client_max_window_bits: Option<u8>,
}

/// `client_max_window_bits` in a client's offer may be bare, meaning "I support
/// this parameter", or carry a limit (RFC 7692 §7.1.2.2).
#[derive(Serialize, schemars::JsonSchema, Default, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientWindowBits {
    /// Not offered: the server MUST NOT send `client_max_window_bits`.
    #[default]
    Absent,
    /// Offered without a value: the server may choose a limit.
    Bare,
    /// Offered with a value 8..=15.
    Value(u8),
}

/// One permessage-deflate offer from a client's request (RFC 7692 §5, §7.1).
#[derive(Serialize, schemars::JsonSchema, Default, Clone, Debug, PartialEq, Eq)]
pub struct DeflateOffer {
    /// The client asks the server not to keep context between messages (RFC 7692 §7.1.1.1).
    pub server_no_context_takeover: bool,
    /// The client announces it won't keep context between messages (RFC 7692 §7.1.1.2).
    pub client_no_context_takeover: bool,
    /// The client asks the server to use at most 2^n window bytes (RFC 7692 §7.1.2.1).
    pub server_max_window_bits: Option<u8>,
    /// See [`ClientWindowBits`] (RFC 7692 §7.1.2.2).
    pub client_max_window_bits: ClientWindowBits,
}

/// Why permessage-deflate parameters are unacceptable; each message says which
/// RFC 7692 rule is broken, so the endpoint would _Fail the WebSocket Connection_.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeflateParamError {
    /// Two permessage-deflate elements in a response would both claim RSV1 (RFC 7692 §5, §6).
    #[error("permessage-deflate accepted more than once in the response; a server accepts at most one offer (RFC 7692 §5)")]
    DuplicateExtension,
    /// Each parameter may appear at most once (RFC 7692 §7.1).
    #[error("parameter {name} appears more than once; an element must not repeat a parameter (RFC 7692 §7.1)")]
    DuplicateParam {
        /// The repeated parameter.
        name: String,
    },
    /// Only the four parameters of RFC 7692 §7.1 are defined.
    #[error("unknown permessage-deflate parameter {name}; only server/client_no_context_takeover and server/client_max_window_bits exist (RFC 7692 §7.1)")]
    UnknownParam {
        /// The unknown parameter.
        name: String,
    },
    /// `*_no_context_takeover` has no value (RFC 7692 §7.1.1.1, §7.1.1.2).
    #[error("parameter {name} must not have a value but has {value:?} (RFC 7692 §7.1.1)")]
    UnexpectedValue {
        /// The parameter.
        name: String,
        /// The value found.
        value: String,
    },
    /// `server_max_window_bits` always, and `client_max_window_bits` in a response,
    /// need a value (RFC 7692 §7.1.2.1, §7.1.2.2).
    #[error("parameter {name} needs a value here (RFC 7692 §7.1.2)")]
    MissingValue {
        /// The parameter.
        name: String,
    },
    /// Window bits are a decimal 8..=15 without leading zeros (RFC 7692 §7.1.2).
    #[error("{name}={value:?} is invalid: the value must be a decimal integer from 8 to 15 without leading zeros (RFC 7692 §7.1.2)")]
    InvalidWindowBits {
        /// The parameter.
        name: String,
        /// The value found.
        value: String,
    },
    /// The response contains a parameter the offer made impossible, e.g.
    /// `client_max_window_bits` when the client did not offer it (RFC 7692 §7.1.2.2).
    #[error("response has {name} but the client's offer did not allow it (RFC 7692 §7.1.2)")]
    NotOffered {
        /// The parameter (or extension) that was not offered.
        name: String,
    },
    /// The response omits a parameter that accepting the offer requires, e.g.
    /// `server_no_context_takeover` (RFC 7692 §7.1.1.1) or `server_max_window_bits` (§7.1.2.1).
    #[error("response lacks {name}, which the client's offer requires (RFC 7692 §7.1)")]
    MissingInResponse {
        /// The missing parameter.
        name: String,
    },
    /// `server_max_window_bits` in the response exceeds the offered value (RFC 7692 §7.1.2.1).
    #[error("server_max_window_bits={accepted} exceeds the offered {offered} (RFC 7692 §7.1.2.1)")]
    WindowLargerThanOffered {
        /// The client's requested limit.
        offered: u8,
        /// The server's value.
        accepted: u8,
    },
}

/// Parse window bits: decimal 8..=15 with no leading zero (RFC 7692 §7.1.2.1).
fn window_bits(name: &str, value: &str) -> Result<u8, DeflateParamError> {
    let ok = !value.is_empty()
        && value.len() <= 2
        && value.bytes().all(|b| b.is_ascii_digit())
        && !value.starts_with('0');
    match value.parse::<u8>() {
        Ok(n) if ok && (8..=15).contains(&n) => Ok(n),
        _ => Err(DeflateParamError::InvalidWindowBits {
            name: name.to_owned(),
            value: value.to_owned(),
        }),
    }
}

/// Parameters of one element with duplicate/unknown/valueless checks shared by
/// offers and responses (RFC 7692 §7.1).
fn parse_params(ext: &ExtensionOffer, response: bool) -> Result<DeflateOffer, DeflateParamError> {
    let mut out = DeflateOffer::default();
    let mut seen = [false; 4];
    for p in &ext.params {
        let name = p.name.to_ascii_lowercase();
        let idx = match name.as_str() {
            "server_no_context_takeover" => 0,
            "client_no_context_takeover" => 1,
            "server_max_window_bits" => 2,
            "client_max_window_bits" => 3,
            _ => {
                return Err(DeflateParamError::UnknownParam {
                    name: p.name.clone(),
                })
            }
        };
        if let Some(s) = seen.get_mut(idx) {
            if *s {
                return Err(DeflateParamError::DuplicateParam {
                    name: p.name.clone(),
                });
            }
            *s = true;
        }
        match (idx, p.value.as_deref()) {
            (0 | 1, Some(v)) => {
                return Err(DeflateParamError::UnexpectedValue {
                    name: p.name.clone(),
                    value: v.to_owned(),
                })
            }
            (0, None) => out.server_no_context_takeover = true,
            (1, None) => out.client_no_context_takeover = true,
            (2, Some(v)) => out.server_max_window_bits = Some(window_bits(&p.name, v)?),
            (3, Some(v)) => {
                out.client_max_window_bits = ClientWindowBits::Value(window_bits(&p.name, v)?)
            }
            (3, None) if !response => out.client_max_window_bits = ClientWindowBits::Bare,
            _ => {
                return Err(DeflateParamError::MissingValue {
                    name: p.name.clone(),
                })
            }
        }
    }
    Ok(out)
}

/// Validate one client offer of permessage-deflate (RFC 7692 §5, §7.1).
/// `client_max_window_bits` may be bare here (§7.1.2.2).
pub fn parse_offer(ext: &ExtensionOffer) -> Result<DeflateOffer, DeflateParamError> {
    parse_params(ext, false)
}

/// Find and validate permessage-deflate in the server's `Sec-WebSocket-Extensions`
/// response (RFC 7692 §7, §7.1). `Ok(None)` means it was not accepted, so RSV1
/// has no meaning on this connection.
pub fn negotiate(accepted: &[ExtensionOffer]) -> Result<Option<DeflateParams>, DeflateParamError> {
    let mut found = None;
    for ext in accepted
        .iter()
        .filter(|e| e.name.eq_ignore_ascii_case(PERMESSAGE_DEFLATE))
    {
        if found.is_some() {
            return Err(DeflateParamError::DuplicateExtension);
        }
        let o = parse_params(ext, true)?;
        found = Some(DeflateParams {
            server_no_context_takeover: o.server_no_context_takeover,
            client_no_context_takeover: o.client_no_context_takeover,
            server_max_window_bits: o.server_max_window_bits,
            client_max_window_bits: match o.client_max_window_bits {
                ClientWindowBits::Value(v) => Some(v),
                _ => None,
            },
        });
    }
    Ok(found)
}

/// Check that an accepted response fits one specific offer (RFC 7692 §7.1.1.1, §7.1.2.1, §7.1.2.2).
pub fn response_fits_offer(
    offer: &DeflateOffer,
    resp: &DeflateParams,
) -> Result<(), DeflateParamError> {
    if offer.server_no_context_takeover && !resp.server_no_context_takeover {
        return Err(DeflateParamError::MissingInResponse {
            name: "server_no_context_takeover".into(),
        });
    }
    if let Some(offered) = offer.server_max_window_bits {
        match resp.server_max_window_bits {
            None => {
                return Err(DeflateParamError::MissingInResponse {
                    name: "server_max_window_bits".into(),
                })
            }
            Some(accepted) if accepted > offered => {
                return Err(DeflateParamError::WindowLargerThanOffered { offered, accepted })
            }
            Some(_) => {}
        }
    }
    if offer.client_max_window_bits == ClientWindowBits::Absent
        && resp.client_max_window_bits.is_some()
    {
        return Err(DeflateParamError::NotOffered {
            name: "client_max_window_bits".into(),
        });
    }
    Ok(())
}

/// Check a response against all offers: it must fit at least one (RFC 7692 §5).
/// Returns the index of the first matching offer, or the error for the first offer.
pub fn check_response(
    offers: &[DeflateOffer],
    resp: &DeflateParams,
) -> Result<usize, DeflateParamError> {
    let mut first_err = None;
    for (i, o) in offers.iter().enumerate() {
        match response_fits_offer(o, resp) {
            Ok(()) => return Ok(i),
            Err(e) => {
                first_err.get_or_insert(e);
            }
        }
    }
    Err(first_err.unwrap_or(DeflateParamError::NotOffered {
        name: PERMESSAGE_DEFLATE.into(),
    }))
}

/// Why a message could not be inflated (RFC 7692 §7.2.2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InflateError {
    /// Output would exceed the caller's cap; inflation stopped there (decompression-bomb guard).
    #[error("decompressed message exceeds the {cap}-byte limit")]
    CapExceeded {
        /// The cap that was passed.
        cap: usize,
    },
    /// The payload is not valid DEFLATE data (RFC 1951, RFC 7692 §7.2.2).
    #[error("corrupt DEFLATE data: {0}")]
    Corrupt(String),
    /// An earlier error or a capture gap lost the shared LZ77 window, so with
    /// context takeover later messages cannot be decoded correctly (RFC 7692 §7.2.3.2).
    #[error("compression context lost after an earlier error or capture gap (RFC 7692 §7.2.3.2)")]
    ContextLost,
}

/// Decompresses the messages of one direction of a connection (RFC 7692 §7.2.2).
pub struct Inflater {
    decomp: Decompress,
    no_context_takeover: bool,
    poisoned: bool,
    /// The highest ratio (inflated per compressed byte) of this sender's
    /// recent messages of [`LEARN_FROM`] bytes or more, and the largest
    /// inflated size of its recent messages, each decaying by an eighth per
    /// message; 0 before the first. A message's output is sized from them
    /// up front.
    peak_ratio: u64,
    peak_out: u64,
}

impl core::fmt::Debug for Inflater {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Inflater")
            .field("no_context_takeover", &self.no_context_takeover)
            .field("poisoned", &self.poisoned)
            .field("total_in", &self.decomp.total_in())
            .field("total_out", &self.decomp.total_out())
            .finish()
    }
}

/// Smallest output growth step, so small messages don't reallocate byte by byte.
const GROW_STEP: usize = 4096;
/// Output room reserved per byte of compressed payload before a sender's
/// first message: text and JSON messages deflate about 3-8 to 1.
const EXPECTED_RATIO: usize = 8;
/// Compressed bytes a message needs for its ratio to count towards the
/// next guesses (a few bytes that point into the window say little).
const LEARN_FROM: usize = 256;
/// DEFLATE's largest possible ratio is about 1032 to 1 (RFC 1951: a
/// 258-byte match costs at least two bits).
const MAX_RATIO: u64 = 1032;
/// Expected output up to which a message is inflated straight into a
/// buffer of its own; a larger one goes through [`SCRATCH`]. Below glibc's
/// default `mmap` threshold (128 KiB), so that such a buffer comes from the
/// heap (a mapped one costs page faults each time, docs/performance.md),
/// and small enough to stay in the CPU's cache.
const DIRECT_MAX: usize = 64 << 10;
/// The inflate buffer kept for the next message, at most: a larger one (a
/// message of more than this) is given back, so memory does not stay at
/// the largest message seen.
const SCRATCH_KEEP: usize = 4 << 20;

std::thread_local! {
    /// Where a large message is inflated before it is copied into a buffer
    /// of its exact size: one buffer per thread, reused, so it stays in the
    /// CPU's cache while zlib writes it piece by piece (into fresh memory
    /// inflating took half as long again on the compression-heavy
    /// benchmark capture), and a message that inflates to more than the
    /// first guess is not copied again by each `realloc` as it grows
    /// (docs/performance.md).
    static SCRATCH: core::cell::Cell<Vec<u8>> = const { core::cell::Cell::new(Vec::new()) };
}

impl Inflater {
    /// A raw-DEFLATE decoder with a 32 KiB window, which decodes streams made with
    /// any smaller `*_max_window_bits` too (RFC 7692 §7.1.2). `no_context_takeover`
    /// is the *sender's* `*_no_context_takeover` (RFC 7692 §7.1.1).
    pub fn new(no_context_takeover: bool) -> Self {
        Inflater {
            decomp: Decompress::new(false),
            no_context_takeover,
            poisoned: false,
            peak_ratio: 0,
            peak_out: 0,
        }
    }

    /// Whether the window is reset before every message (RFC 7692 §7.1.1).
    pub fn no_context_takeover(&self) -> bool {
        self.no_context_takeover
    }

    /// Whether later messages will fail with [`InflateError::ContextLost`].
    pub fn is_poisoned(&self) -> bool {
        self.poisoned && !self.no_context_takeover
    }

    /// Inflate one message's concatenated payload (RFC 7692 §7.2.2: append
    /// `00 00 ff ff`, then inflate).
    ///
    /// Output is limited to `cap` bytes: inflation stops as soon as more would be
    /// produced and at most `cap + 1` bytes are ever allocated. After any error the
    /// context is poisoned (later calls fail with [`InflateError::ContextLost`]
    /// until [`Inflater::reset`]) unless no context takeover is in use, in which
    /// case every message is independent and decoding simply continues.
    ///
    /// A payload cut short mid-block cannot be told apart from a complete one with
    /// this API; it yields the bytes decodable so far.
    pub fn decompress_message(
        &mut self,
        payload: &[u8],
        cap: usize,
    ) -> Result<Vec<u8>, InflateError> {
        if self.no_context_takeover {
            self.decomp.reset(false);
            self.poisoned = false;
        } else if self.poisoned {
            return Err(InflateError::ContextLost);
        }
        let result = self.inflate(payload, cap);
        if result.is_err() {
            self.poisoned = true;
        }
        result
    }

    fn inflate(&mut self, payload: &[u8], cap: usize) -> Result<Vec<u8>, InflateError> {
        let limit = cap.saturating_add(1);
        let first = self.expected_len(payload.len()).max(GROW_STEP).min(limit);
        let result = if first <= DIRECT_MAX {
            // Small enough to stay in the cache: straight into its own
            // buffer, and the room left over goes back where it lies
            // (glibc shrinks a block in place), so nothing is copied. The
            // buffer is given all of `DIRECT_MAX`, not the guess: after a
            // few small messages the guess shrinks, and a message that
            // repeats earlier text (a few dozen bytes, 50 KB inflated) grew
            // from it by doubling, 58 MB copied on the benchmark capture.
            let mut out = Vec::with_capacity(DIRECT_MAX.min(limit));
            self.inflate_into(&mut out, payload, cap).map(|()| {
                out.shrink_to_fit();
                out
            })
        } else {
            let mut out = SCRATCH.take();
            if out.capacity() > limit {
                // zlib is never given room past the cap (with more, a message
                // both too long and corrupt could stop at the corruption instead).
                out = Vec::new();
            }
            out.clear();
            if out.capacity() < first {
                out.reserve_exact(first);
            }
            // The message's own buffer: a clone is allocated at exactly its length.
            let result = self
                .inflate_into(&mut out, payload, cap)
                .map(|()| out.clone());
            if out.capacity() <= SCRATCH_KEEP {
                SCRATCH.set(out);
            }
            result
        };
        if let Ok(out) = &result {
            if payload.len() >= LEARN_FROM {
                let ratio = (out.len().div_ceil(payload.len()) as u64).min(MAX_RATIO);
                self.peak_ratio = ratio.max(self.peak_ratio - self.peak_ratio / 8);
            }
            self.peak_out = (out.len() as u64).max(self.peak_out - self.peak_out / 8);
        }
        result
    }

    /// How large a message of `len` compressed bytes is expected to
    /// inflate: the most that this sender's recent messages suggest, a
    /// quarter more, bounded by what `len` bytes can possibly inflate to.
    /// It decides whether the message goes into a buffer of its own (given
    /// all of [`DIRECT_MAX`]) or through [`SCRATCH`], which is given this
    /// much room up front.
    ///
    /// Senders mix messages of very different ratios: in the benchmark
    /// capture JSON rows inflate 3 to 1, and text that repeats what came
    /// before (a few dozen bytes pointing into the shared window) a
    /// thousand to one. Sized from one ratio (8), the second kind grew from
    /// 4 KiB by doubling, every byte copied again by each `realloc`.
    fn expected_len(&self, len: usize) -> usize {
        let len = len as u64;
        let by_ratio = if self.peak_ratio == 0 {
            len.saturating_mul(EXPECTED_RATIO as u64)
        } else {
            len.saturating_mul(self.peak_ratio)
        };
        let by_size = self.peak_out.min(len.saturating_mul(MAX_RATIO));
        let guess = by_ratio.max(by_size);
        usize::try_from(guess.saturating_add(guess / 4)).unwrap_or(usize::MAX)
    }

    /// Inflates `payload` and the sync tail onto the empty `out` (room for
    /// the expected output given), growing it as needed but never past
    /// `cap` + 1.
    fn inflate_into(
        &mut self,
        out: &mut Vec<u8>,
        payload: &[u8],
        cap: usize,
    ) -> Result<(), InflateError> {
        let limit = cap.saturating_add(1);
        let mut stream_ended = false;
        'parts: for part in [payload, &SYNC_TAIL[..]] {
            let mut input = part;
            loop {
                if out.len() == out.capacity() {
                    let room = limit.saturating_sub(out.len());
                    if room == 0 {
                        return Err(InflateError::CapExceeded { cap });
                    }
                    out.reserve_exact(out.len().max(GROW_STEP).min(room));
                }
                let in_before = self.decomp.total_in();
                let out_before = out.len();
                let status = self
                    .decomp
                    .decompress_vec(input, out, FlushDecompress::Sync)
                    .map_err(|e| InflateError::Corrupt(e.to_string()))?;
                let consumed = usize::try_from(self.decomp.total_in().saturating_sub(in_before))
                    .unwrap_or(usize::MAX);
                input = input.get(consumed..).unwrap_or(&[]);
                if out.len() > cap {
                    return Err(InflateError::CapExceeded { cap });
                }
                if status == Status::StreamEnd {
                    // BFINAL block (RFC 7692 §7.2.3.4): the DEFLATE stream is over; the
                    // remaining padding byte and the appended tail carry no data.
                    stream_ended = true;
                    break 'parts;
                }
                let room_left = out.len() < out.capacity();
                let progress = consumed > 0 || out.len() > out_before;
                if room_left && (input.is_empty() || !progress) {
                    break;
                }
            }
        }
        if stream_ended {
            // A new DEFLATE stream starts with the next message.
            self.decomp.reset(false);
        }
        Ok(())
    }

    /// Start over with an empty window, e.g. at a known message boundary after a
    /// gap when the stream uses no context takeover (RFC 7692 §7.1.1).
    pub fn reset(&mut self) {
        self.decomp.reset(false);
        self.poisoned = false;
    }

    /// Mark the shared window as lost, e.g. after a TCP gap (RFC 7692 §7.2.3.2).
    /// Has no effect on decoding with no context takeover, where messages are independent.
    pub fn poison(&mut self) {
        self.poisoned = true;
    }
}

/// Compresses messages the way RFC 7692 §7.2.1 describes (sync flush, strip the
/// trailing `00 00 ff ff`); used to build fixtures and in tests.
pub struct Deflater {
    comp: Compress,
    no_context_takeover: bool,
}

impl core::fmt::Debug for Deflater {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Deflater")
            .field("no_context_takeover", &self.no_context_takeover)
            .finish()
    }
}

impl Deflater {
    /// A raw-DEFLATE compressor (32 KiB window) at the given zlib level 0..=9.
    pub fn new(level: u32, no_context_takeover: bool) -> Self {
        Deflater {
            comp: Compress::new(Compression::new(level.min(9)), false),
            no_context_takeover,
        }
    }

    /// Compress one message payload (RFC 7692 §7.2.1).
    pub fn compress_message(&mut self, data: &[u8]) -> Vec<u8> {
        if self.no_context_takeover {
            self.comp.reset();
        }
        let mut out = Vec::with_capacity(data.len() / 2 + 64);
        let mut input = data;
        loop {
            if out.len() == out.capacity() {
                out.reserve(out.len().max(64));
            }
            let before = self.comp.total_in();
            if self
                .comp
                .compress_vec(input, &mut out, FlushCompress::Sync)
                .is_err()
            {
                break;
            }
            let consumed =
                usize::try_from(self.comp.total_in().saturating_sub(before)).unwrap_or(usize::MAX);
            input = input.get(consumed..).unwrap_or(&[]);
            if input.is_empty() && out.len() < out.capacity() {
                break;
            }
        }
        if out.ends_with(&SYNC_TAIL) {
            out.truncate(out.len().saturating_sub(SYNC_TAIL.len()));
        }
        if out.is_empty() {
            // A flush with nothing new emits nothing at all (miniz skips the
            // empty stored block); an empty message is the single byte 0x00
            // (RFC 7692 §7.2.3.6), which keeps the stream byte-aligned.
            out.push(0x00);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ws::extensions::{parse_extensions, ExtParam};
    use proptest::prelude::*;
    use std::time::{Duration, Instant};

    fn ext(s: &str) -> Vec<ExtensionOffer> {
        parse_extensions(s).unwrap()
    }

    #[test]
    fn rfc7692_7_2_3_1_hello() {
        let mut inf = Inflater::new(false);
        let out = inf
            .decompress_message(&[0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00], 100)
            .unwrap();
        assert_eq!(out, b"Hello");
    }

    /// Messages of very different ratios, one after another, each come
    /// back exactly, in a buffer holding no more than the message (the
    /// TUI and `dump` keep or queue them), while the guess of their size
    /// follows what the sender sent last.
    #[test]
    fn each_message_comes_back_exactly_in_a_buffer_of_its_size() {
        let repetitive = b"{\"seq\": 1, \"ok\": true} ".repeat(4000);
        let mut x = 0x2545_f491_u32;
        let noise: Vec<u8> = (0..20_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect();
        let mut def = Deflater::new(6, false);
        let mut inf = Inflater::new(false);
        let before = inf.expected_len(100);
        let big = b"0123456789abcdef".repeat(40_000);
        for msg in [
            &repetitive[..],
            &noise,
            &big,
            &repetitive,
            b"short",
            &repetitive,
        ] {
            let wire = def.compress_message(msg);
            let out = inf.decompress_message(&wire, 1 << 20).unwrap();
            assert_eq!(out, msg);
            assert_eq!(out.capacity(), out.len());
        }
        assert_eq!(before, 1000);
        // The last message inflated from a few bytes to 96 KB: the next
        // few bytes get room for as much.
        assert!(
            inf.expected_len(20) >= 20 * 1000,
            "{}",
            inf.expected_len(20)
        );
    }

    #[test]
    fn rfc7692_7_2_3_2_sharing_window() {
        let mut inf = Inflater::new(false);
        let a = inf
            .decompress_message(&[0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00], 100)
            .unwrap();
        let b = inf
            .decompress_message(&[0xf2, 0x00, 0x11, 0x00, 0x00], 100)
            .unwrap();
        assert_eq!(a, b"Hello");
        assert_eq!(b, b"Hello");
        // The second message alone references data it doesn't have.
        let mut fresh = Inflater::new(false);
        let r = fresh.decompress_message(&[0xf2, 0x00, 0x11, 0x00, 0x00], 100);
        assert_ne!(r, Ok(b"Hello".to_vec()));
    }

    #[test]
    fn rfc7692_7_2_3_3_stored_block() {
        let mut inf = Inflater::new(false);
        let out = inf
            .decompress_message(
                &[
                    0x00, 0x05, 0x00, 0xfa, 0xff, 0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x00,
                ],
                100,
            )
            .unwrap();
        assert_eq!(out, b"Hello");
    }

    #[test]
    fn rfc7692_7_2_3_4_bfinal() {
        let mut inf = Inflater::new(false);
        let msg = [0xf3, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00, 0x00];
        assert_eq!(inf.decompress_message(&msg, 100).unwrap(), b"Hello");
        // The stream ended; the next message starts a new one and still decodes.
        assert_eq!(inf.decompress_message(&msg, 100).unwrap(), b"Hello");
        assert_eq!(
            inf.decompress_message(&[0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00], 100)
                .unwrap(),
            b"Hello"
        );
    }

    #[test]
    fn rfc7692_7_2_3_5_two_blocks() {
        let mut inf = Inflater::new(false);
        let msg = [
            0xf2, 0x48, 0x05, 0x00, 0x00, 0x00, 0xff, 0xff, 0xca, 0xc9, 0xc9, 0x07, 0x00,
        ];
        assert_eq!(inf.decompress_message(&msg, 100).unwrap(), b"Hello");
    }

    #[test]
    fn cap_is_inclusive() {
        let mut inf = Inflater::new(true);
        let msg = [0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00];
        assert_eq!(inf.decompress_message(&msg, 5).unwrap(), b"Hello");
        assert_eq!(
            inf.decompress_message(&msg, 4),
            Err(InflateError::CapExceeded { cap: 4 })
        );
        assert_eq!(
            inf.decompress_message(&msg, 0),
            Err(InflateError::CapExceeded { cap: 0 })
        );
        // no_context_takeover: each message is independent, so errors don't poison.
        assert_eq!(inf.decompress_message(&msg, 5).unwrap(), b"Hello");
    }

    #[test]
    fn empty_message() {
        // An empty message compresses to a single 0x00 byte (RFC 7692 §7.2.3.6).
        let mut inf = Inflater::new(false);
        assert_eq!(inf.decompress_message(&[0x00], 10).unwrap(), b"");
        assert_eq!(inf.decompress_message(&[], 10).unwrap(), b"");
    }

    #[test]
    fn bomb_is_stopped_at_cap() {
        let zeros = vec![0u8; 10 * 1024 * 1024];
        let mut d = Deflater::new(9, false);
        let bomb = d.compress_message(&zeros);
        assert!(bomb.len() < 64 * 1024, "bomb is {} bytes", bomb.len());
        let start = Instant::now();
        let mut inf = Inflater::new(false);
        let cap = 1024 * 1024;
        assert_eq!(
            inf.decompress_message(&bomb, cap),
            Err(InflateError::CapExceeded { cap })
        );
        assert!(start.elapsed() < Duration::from_secs(5));
        // The context is now poisoned.
        assert_eq!(
            inf.decompress_message(&[0x00], cap),
            Err(InflateError::ContextLost)
        );
        inf.reset();
        assert_eq!(
            inf.decompress_message(&bomb, usize::MAX).unwrap().len(),
            zeros.len()
        );
    }

    #[test]
    fn corrupt_then_context_lost() {
        let mut inf = Inflater::new(false);
        // BTYPE=11 is reserved (RFC 1951 §3.2.3).
        let r = inf.decompress_message(&[0xff, 0xff, 0xff], 100);
        assert!(matches!(r, Err(InflateError::Corrupt(_))), "{r:?}");
        assert_eq!(
            inf.decompress_message(&[0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00], 100),
            Err(InflateError::ContextLost)
        );
        inf.reset();
        assert_eq!(
            inf.decompress_message(&[0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00], 100)
                .unwrap(),
            b"Hello"
        );
        inf.poison();
        assert!(inf.is_poisoned());
        assert_eq!(
            inf.decompress_message(&[0x00], 100),
            Err(InflateError::ContextLost)
        );
    }

    #[test]
    fn context_takeover_with_real_compressor() {
        let msgs: Vec<Vec<u8>> = (0..20)
            .map(|i| format!("{{\"type\":\"tick\",\"seq\":{i},\"payload\":\"the quick brown fox jumps over the lazy dog\"}}").into_bytes())
            .collect();
        let mut d = Deflater::new(6, false);
        let compressed: Vec<Vec<u8>> = msgs.iter().map(|m| d.compress_message(m)).collect();
        // Sync flush output with the tail stripped must not end with 00 00 ff ff.
        assert!(compressed.iter().all(|c| !c.ends_with(&SYNC_TAIL)));
        // Later messages shrink thanks to the shared window.
        assert!(compressed[5].len() < compressed[0].len());
        let mut inf = Inflater::new(false);
        for (m, c) in msgs.iter().zip(&compressed) {
            assert_eq!(&inf.decompress_message(c, 1 << 20).unwrap(), m);
        }
        // Skipping a message (a capture gap) silently breaks later ones that refer
        // back into it, which is why the caller must poison() after a gap.
        let gap_msgs: [&[u8]; 3] = [
            b"hello",
            b"a sentence that only the second message contains",
            b"a sentence that only the second message contains!",
        ];
        let mut d = Deflater::new(6, false);
        let c: Vec<Vec<u8>> = gap_msgs.iter().map(|m| d.compress_message(m)).collect();
        assert!(
            c[2].len() * 2 < c[1].len(),
            "third message is mostly a back-reference"
        );
        let mut gap = Inflater::new(false);
        assert_eq!(gap.decompress_message(&c[0], 1 << 20).unwrap(), gap_msgs[0]);
        let wrong = gap.decompress_message(&c[2], 1 << 20);
        assert_ne!(wrong, Ok(gap_msgs[2].to_vec()));
        gap.poison();
        assert_eq!(
            gap.decompress_message(&c[2], 1 << 20),
            Err(InflateError::ContextLost)
        );

        // With no context takeover each message decodes alone.
        let mut d = Deflater::new(6, true);
        let mut inf = Inflater::new(true);
        let c: Vec<Vec<u8>> = msgs.iter().map(|m| d.compress_message(m)).collect();
        inf.poison();
        assert_eq!(inf.decompress_message(&c[7], 1 << 20).unwrap(), msgs[7]);
        assert_eq!(inf.decompress_message(&c[3], 1 << 20).unwrap(), msgs[3]);
    }

    #[test]
    fn negotiate_responses() {
        assert_eq!(negotiate(&ext("x-foo")), Ok(None));
        assert_eq!(
            negotiate(&ext("permessage-deflate")),
            Ok(Some(DeflateParams::default()))
        );
        assert_eq!(
            negotiate(&ext(
                "permessage-deflate; server_no_context_takeover; client_max_window_bits=10; server_max_window_bits=8"
            )),
            Ok(Some(DeflateParams {
                server_no_context_takeover: true,
                client_no_context_takeover: false,
                server_max_window_bits: Some(8),
                client_max_window_bits: Some(10),
            }))
        );
        assert_eq!(
            negotiate(&ext("permessage-deflate; client_max_window_bits")),
            Err(DeflateParamError::MissingValue {
                name: "client_max_window_bits".into()
            })
        );
        assert_eq!(
            negotiate(&ext("permessage-deflate; server_max_window_bits=16")),
            Err(DeflateParamError::InvalidWindowBits {
                name: "server_max_window_bits".into(),
                value: "16".into()
            })
        );
        for bad in ["7", "08", "", "1a", "+9", "255", "99999999999"] {
            let e = [ExtensionOffer {
                name: "permessage-deflate".into(),
                params: vec![ExtParam {
                    name: "server_max_window_bits".into(),
                    value: Some(bad.into()),
                }],
            }];
            assert!(
                matches!(
                    negotiate(&e),
                    Err(DeflateParamError::InvalidWindowBits { .. })
                ),
                "{bad}"
            );
        }
        assert_eq!(
            negotiate(&ext(
                "permessage-deflate; server_no_context_takeover; server_no_context_takeover"
            )),
            Err(DeflateParamError::DuplicateParam {
                name: "server_no_context_takeover".into()
            })
        );
        assert_eq!(
            negotiate(&ext("permessage-deflate; foo")),
            Err(DeflateParamError::UnknownParam { name: "foo".into() })
        );
        assert_eq!(
            negotiate(&ext("permessage-deflate; client_no_context_takeover=1")),
            Err(DeflateParamError::UnexpectedValue {
                name: "client_no_context_takeover".into(),
                value: "1".into()
            })
        );
        assert_eq!(
            negotiate(&ext("permessage-deflate, permessage-deflate")),
            Err(DeflateParamError::DuplicateExtension)
        );
        // Quoted values are accepted once unquoted (RFC 6455 §9.1).
        assert_eq!(
            negotiate(&ext("permessage-deflate; server_max_window_bits=\"12\""))
                .unwrap()
                .unwrap()
                .server_max_window_bits,
            Some(12)
        );
        // Every error message cites its rule.
        let e = negotiate(&ext("permessage-deflate; client_max_window_bits")).unwrap_err();
        assert!(e.to_string().contains("RFC 7692 §7.1.2"));
    }

    #[test]
    fn offers_and_matching() {
        let offers: Vec<DeflateOffer> = ext(
            "permessage-deflate; client_max_window_bits; server_max_window_bits=10, permessage-deflate",
        )
        .iter()
        .map(|e| parse_offer(e).unwrap())
        .collect();
        assert_eq!(offers[0].client_max_window_bits, ClientWindowBits::Bare);
        assert_eq!(offers[0].server_max_window_bits, Some(10));
        assert_eq!(offers[1], DeflateOffer::default());

        let resp = DeflateParams {
            server_max_window_bits: Some(9),
            client_max_window_bits: Some(12),
            ..Default::default()
        };
        assert_eq!(check_response(&offers, &resp), Ok(0));
        let resp = DeflateParams::default();
        assert_eq!(check_response(&offers, &resp), Ok(1));
        let resp = DeflateParams {
            client_max_window_bits: Some(12),
            ..Default::default()
        };
        assert_eq!(
            response_fits_offer(&offers[1], &resp),
            Err(DeflateParamError::NotOffered {
                name: "client_max_window_bits".into()
            })
        );
        let resp = DeflateParams {
            server_max_window_bits: Some(11),
            ..Default::default()
        };
        assert_eq!(
            response_fits_offer(&offers[0], &resp),
            Err(DeflateParamError::WindowLargerThanOffered {
                offered: 10,
                accepted: 11
            })
        );
        let snct = parse_offer(&ext("permessage-deflate; server_no_context_takeover")[0]).unwrap();
        assert!(matches!(
            response_fits_offer(&snct, &DeflateParams::default()),
            Err(DeflateParamError::MissingInResponse { .. })
        ));
        assert!(check_response(&[], &DeflateParams::default()).is_err());
    }

    proptest! {
        #[test]
        fn prop_roundtrip_with_context(msgs in proptest::collection::vec(proptest::collection::vec(0u8..4, 0..300), 1..6), nct in any::<bool>(), level in 0u32..=9) {
            let mut d = Deflater::new(level, nct);
            let mut inf = Inflater::new(nct);
            for m in &msgs {
                let c = d.compress_message(m);
                let out = inf.decompress_message(&c, m.len()).unwrap();
                // Never allocates beyond cap + 1.
                prop_assert!(out.capacity() <= m.len() + 1);
                prop_assert_eq!(&out, m);
            }
        }

        #[test]
        fn prop_cap_exact(m in proptest::collection::vec(any::<u8>(), 1..2000), cut in any::<prop::sample::Index>()) {
            let c = Deflater::new(6, true).compress_message(&m);
            let cap = cut.index(m.len());
            let mut inf = Inflater::new(true);
            prop_assert_eq!(inf.decompress_message(&c, cap), Err(InflateError::CapExceeded { cap }));
            prop_assert_eq!(inf.decompress_message(&c, m.len()).unwrap(), m);
        }

        #[test]
        fn prop_garbage_never_panics(data in proptest::collection::vec(any::<u8>(), 0..200), cap in 0usize..5000) {
            let mut inf = Inflater::new(false);
            if let Ok(out) = inf.decompress_message(&data, cap) {
                prop_assert!(out.len() <= cap);
            }
        }

        #[test]
        fn prop_negotiate_never_panics(s in "[a-z_=;, \"0-9-]{0,60}") {
            if let Ok(exts) = parse_extensions(&s) {
                let _ = negotiate(&exts);
                for e in &exts {
                    let _ = parse_offer(e);
                }
            }
        }
    }
}
