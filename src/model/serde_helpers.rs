//! Serialization helpers for the bulky fields (payloads and message text).
//!
//! `dump` spends most of its time writing payloads. serde_json escapes a
//! string one byte at a time through a lookup table; base64 text never needs
//! escaping and message text rarely does, so these helpers format the JSON
//! string themselves (word-at-a-time scan for bytes that need escaping) and
//! hand serde_json the finished text as a [`RawValue`], which it writes as
//! it is. Under `dump`'s own serializer ([`super::json`]) they hand it the
//! bytes and the text instead, and it encodes them straight into its
//! output. The output is identical JSON (`tests/json_fast_path.rs` checks
//! that against plain serde on every sample).

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

/// Hands `json` to the serializer to write as it is, through serde_json's
/// public [`RawValue`].
///
/// Not [`RawValue::from_string`]: that parses the text again to validate
/// it, which made `dump` execute 40 % more instructions
/// (docs/performance.md), for text that is valid by construction.
///
/// # Safety
///
/// `json` must be one well-formed JSON value with no whitespace around it
/// (the contract of [`RawValue::from_string_unchecked`]: serde_json and
/// whoever reads its output rely on it). serde_json checks it in debug
/// builds, so every test run checks it again.
unsafe fn raw<S: Serializer>(s: S, json: String) -> Result<S::Ok, S::Error> {
    // SAFETY: the caller's promise is this function's contract.
    let v = unsafe { RawValue::from_string_unchecked(json) };
    v.serialize(s)
}

/// Appends `v` as standard base64 (RFC 4648 §4, with padding), SIMD-encoded.
pub fn base64_into(out: &mut Vec<u8>, v: &[u8]) {
    base64_simd::STANDARD.encode_append(v, out);
}

/// Appends `v` as a JSON string of standard base64 (quotes included).
pub(super) fn base64_json_into(out: &mut Vec<u8>, v: &[u8]) {
    out.push(b'"');
    base64_into(out, v);
    out.push(b'"');
}

/// Bytes as standard base64.
pub fn b64<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
    if super::json::direct_on() {
        // `JsonOut` encodes the bytes straight into its output.
        return s.serialize_bytes(v);
    }
    let mut out = Vec::with_capacity(v.len().div_ceil(3) * 4 + 2);
    base64_json_into(&mut out, v);
    // SAFETY: only base64 alphabet characters and quotes were written, all
    // ASCII, so `out` is UTF-8 (checking it again cost 2 % of `dump`).
    let json = unsafe { String::from_utf8_unchecked(out) };
    // SAFETY: a JSON string: base64 alphabet characters (none needs
    // escaping) between quotes.
    unsafe { raw(s, json) }
}

/// Text as a JSON string, escaped exactly as serde_json would.
pub fn text<S: Serializer>(v: &str, s: S) -> Result<S::Ok, S::Error> {
    if super::json::direct_on() {
        // `JsonOut` escapes every string with `escape_into`, in place.
        return s.serialize_str(v);
    }
    let mut out = String::with_capacity(v.len() + 2);
    json_string_into(&mut out, v);
    // SAFETY: a JSON string literal, escaped as serde_json escapes (the
    // tests below check `json_string_into` against it).
    unsafe { raw(s, out) }
}

/// Optional text (`null` when absent).
pub fn opt_text<S: Serializer, T: std::ops::Deref<Target = str>>(
    v: &Option<T>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match v {
        Some(t) => text(t, s),
        None => s.serialize_none(),
    }
}

/// Optional bytes as base64 (`null` when absent).
pub fn opt_b64<S: Serializer, T: AsRef<[u8]>>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(b) => b64(b.as_ref(), s),
        None => s.serialize_none(),
    }
}

/// A 4-byte masking key as 8 lowercase hex digits (as Wireshark shows it), or null.
pub fn hex4<S: Serializer>(v: &Option<[u8; 4]>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(k) => s.collect_str(&format_args!(
            "{:02x}{:02x}{:02x}{:02x}",
            k[0], k[1], k[2], k[3]
        )),
        None => s.serialize_none(),
    }
}

/// A bit per byte of `chunk` (bit `k` for `chunk[k]`) that a JSON string
/// must escape: a control character, `"` or `\\`.
#[inline]
fn escape_mask16(chunk: &[u8; 16]) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::*;
        // SSE2 is part of the x86_64 baseline: the 16 bytes in one step.
        // SAFETY: the load reads exactly the 16 bytes of `chunk`; the
        // intrinsics need only SSE2.
        unsafe {
            let v = _mm_loadu_si128(chunk.as_ptr() as *const __m128i);
            let limit = _mm_set1_epi8(0x1f);
            // Unsigned v <= 0x1f exactly when max(v, 0x1f) == 0x1f.
            let ctl = _mm_cmpeq_epi8(_mm_max_epu8(v, limit), limit);
            let hit = _mm_or_si128(
                ctl,
                _mm_or_si128(
                    _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8)),
                    _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8)),
                ),
            );
            _mm_movemask_epi8(hit) as u32
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let mut m = 0;
        for (k, &c) in chunk.iter().enumerate() {
            m |= u32::from(ESCAPE[c as usize] != 0) << k;
        }
        m
    }
}

/// How serde_json escapes each byte in a JSON string: the letter after the
/// backslash (`\"`, `\\`, `\b \f \n \r \t`), `u` for the other control
/// bytes (`\u00XX`), 0 for a byte written as it is (RFC 8259 §7 requires
/// escaping only these).
pub(super) const ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = b'u';
        i += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// Appends `s` as a JSON string literal (quotes included), with serde_json's
/// escapes: `\"`, `\\`, `\b \f \n \r \t`, other control bytes as `\u00XX`.
pub fn json_string_into(out: &mut String, s: &str) {
    // The bytes leave the `String` while they are written (a block may end
    // inside a character), so a panic would leave `out` empty, not invalid.
    let mut v = std::mem::take(out).into_bytes();
    escape_into(&mut v, s.as_bytes());
    // SAFETY: `escape_into` appended a quote, then `s` with some ASCII bytes
    // replaced by ASCII escapes (a byte of a multi-byte character is never
    // below 0x80, so characters are copied whole), then a quote: UTF-8
    // after UTF-8.
    *out = unsafe { String::from_utf8_unchecked(v) };
}

/// Input bytes escaped per reservation of worst-case room.
const ESCAPE_BLOCK: usize = 4096;

/// The escaping loop of [`json_string_into`], on bytes.
///
/// Each step stores 16 input bytes to the output as they are, then tests
/// them (SSE2); without an escape among them the step is done, else the
/// output keeps the bytes before the first escape, the escape is written
/// over the rest, and the next step starts after it. Dense JSON text (a
/// quote every few bytes) costs a load, a store and a table look-up per
/// escape, without the bounds checks of `String::push_str` (before: 0.38
/// GB/s on `benches/hot_paths.rs`'s JSON text, slower than serde_json).
pub(super) fn escape_into(out: &mut Vec<u8>, b: &[u8]) {
    out.reserve(b.len() + b.len() / 4 + 2);
    out.push(b'"');
    escape_body(out, b);
    out.push(b'"');
}

/// [`escape_into`] without the quotes: the bytes of a string written in
/// pieces (`JsonOut::collect_str`).
///
/// A long string on a CPU with AVX2 goes 32 bytes a step
/// ([`escape_body_avx2`]); the rest, and every string elsewhere, 16
/// ([`escape_body_sse2`]). Message text, most of `dump`'s output, has an
/// escape every hundred bytes or so, so whole steps are most of the work.
pub(super) fn escape_body(out: &mut Vec<u8>, b: &[u8]) {
    #[cfg(target_arch = "x86_64")]
    if b.len() >= 64 && std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2, checked just above.
        unsafe { escape_body_avx2(out, b) };
        return;
    }
    escape_body_sse2(out, b);
}

/// [`escape_body_sse2`]'s loop in 32-byte steps while 32 bytes are left;
/// the last bytes go to [`escape_body_sse2`]. A step with escapes writes
/// them all from its one test, rather than testing again after each (dense
/// JSON text: 0.63 → 1.0–1.2 GB/s, `benches/hot_paths.rs`).
///
/// # Safety
///
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn escape_body_avx2(out: &mut Vec<u8>, b: &[u8]) {
    use std::arch::x86_64::*;
    let limit = _mm256_set1_epi8(0x1f);
    let quote = _mm256_set1_epi8(b'"' as i8);
    let backslash = _mm256_set1_epi8(b'\\' as i8);
    let mut i = 0;
    while i + 32 <= b.len() {
        let block_end = b.len().min(i + ESCAPE_BLOCK);
        // Worst case for this block: every byte becomes 6 (`\u00XX`), and a
        // store writes 32 bytes ahead.
        out.reserve((block_end - i) * 6 + 32);
        let room = out.spare_capacity_mut();
        let mut o = 0;
        while i + 32 <= block_end {
            // Bounds-checked, though `o` stays below 6 bytes per byte
            // consumed in this block and `room` has 6 per byte plus 32.
            let dst = &mut room[o..o + 32];
            // SAFETY: `i + 32 <= block_end <= b.len()`: the load reads
            // inside `b`; the store writes the 32 bytes of `dst`.
            let mask = unsafe {
                let v = _mm256_loadu_si256(b.as_ptr().add(i).cast());
                _mm256_storeu_si256(dst.as_mut_ptr().cast(), v);
                // Unsigned v <= 0x1f exactly when max(v, 0x1f) == 0x1f.
                let ctl = _mm256_cmpeq_epi8(_mm256_max_epu8(v, limit), limit);
                let hit = _mm256_or_si256(
                    ctl,
                    _mm256_or_si256(_mm256_cmpeq_epi8(v, quote), _mm256_cmpeq_epi8(v, backslash)),
                );
                _mm256_movemask_epi8(hit) as u32
            };
            if mask == 0 {
                (i, o) = (i + 32, o + 32);
                continue;
            }
            // Every escape of the step from this one mask: after each, the
            // bytes that follow it are stored again, 32 at a time, behind
            // it (dense JSON text has several escapes a step; testing each
            // 32 bytes afresh cost a dependent load and test per escape).
            let end = i + 32;
            let mut m = mask;
            // `b[src..]` is in place from `room[dst..]`, up to the next escape.
            let (mut src, mut dst) = (i, o);
            while m != 0 {
                let k = i + m.trailing_zeros() as usize;
                m &= m - 1;
                dst = put_escaped(room, dst + (k - src), b[k]);
                src = k + 1;
                if src == end {
                    break;
                }
                let d = &mut room[dst..dst + 32];
                if let Some(next) = b.get(src..src + 32) {
                    // SAFETY: `next` and `d` are 32 bytes each.
                    unsafe {
                        let v = _mm256_loadu_si256(next.as_ptr().cast());
                        _mm256_storeu_si256(d.as_mut_ptr().cast(), v);
                    }
                } else {
                    for (d, &c) in d.iter_mut().zip(&b[src..end]) {
                        d.write(c);
                    }
                }
            }
            (i, o) = (end, dst + (end - src));
        }
        let len = out.len() + o;
        // SAFETY: `room[..o]` was written: each step wrote its 32 bytes, or
        // the bytes before its first escape, each escape whole, and the
        // bytes after each escape (stored 32 at a time, or copied when
        // fewer than 32 are left in `b`).
        unsafe { out.set_len(len) };
    }
    escape_body_sse2(out, &b[i..]);
}

/// [`escape_body`] 16 bytes a step (SSE2, the x86_64 baseline).
fn escape_body_sse2(out: &mut Vec<u8>, b: &[u8]) {
    let mut i = 0;
    while i < b.len() {
        let block_end = b.len().min(i + ESCAPE_BLOCK);
        // Worst case for this block: it may run 15 bytes past `block_end`,
        // every byte may become 6 (`\u00XX`), and a store writes 16 bytes
        // ahead.
        out.reserve((block_end - i + 16) * 6 + 16);
        let room = out.spare_capacity_mut();
        let mut o = 0;
        while i < block_end {
            // Each step stores 16 bytes to the output as they are; `o` then
            // keeps as many of them as come before the first escape.
            (i, o) =
                if let Some(chunk) = b.get(i..i + 16).and_then(|c| <&[u8; 16]>::try_from(c).ok()) {
                    let mask = store16(room, o, chunk);
                    advance(b, room, mask, 16, i, o)
                } else {
                    // The last bytes (fewer than 16: the end of a text, or all
                    // of a short string such as a key or a header value), from
                    // a copy padded with spaces: a short string takes one step,
                    // not one per byte.
                    let n = b.len() - i;
                    let mut pad = [b' '; 16];
                    pad[..n].copy_from_slice(&b[i..]);
                    let mask = store16(room, o, &pad);
                    advance(b, room, mask, n, i, o)
                };
        }
        let len = out.len() + o;
        // SAFETY: `room[..o]` was written: each step wrote the 16 bytes it
        // keeps a prefix of, or the byte or escape it keeps whole.
        unsafe { out.set_len(len) };
    }
}

/// After a step that stored `width` bytes of `b` from `i` at `room[o..]`
/// as they are, `mask` holding those to escape: keeps them all, or those
/// before the first escape and then the escape itself. Returns the new `i`
/// and `o`.
#[inline(always)]
fn advance(
    b: &[u8],
    room: &mut [std::mem::MaybeUninit<u8>],
    mask: u32,
    width: usize,
    i: usize,
    o: usize,
) -> (usize, usize) {
    if mask == 0 {
        return (i + width, o + width);
    }
    let k = mask.trailing_zeros() as usize;
    (i + k + 1, put_escaped(room, o + k, b[i + k]))
}

/// Writes `chunk` at `room[o..o + 16]`; returns its bytes that must be
/// escaped, a bit each ([`escape_mask16`]).
#[inline(always)]
fn store16(room: &mut [std::mem::MaybeUninit<u8>], o: usize, chunk: &[u8; 16]) -> u32 {
    for (d, &c) in room[o..o + 16].iter_mut().zip(chunk) {
        d.write(c);
    }
    escape_mask16(chunk)
}

/// Writes `c` at `room[o..]` as a JSON string has it (itself, or its
/// escape); returns the position after it.
#[inline(always)]
fn put_escaped(room: &mut [std::mem::MaybeUninit<u8>], o: usize, c: u8) -> usize {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match ESCAPE[c as usize] {
        0 => {
            room[o].write(c);
            o + 1
        }
        b'u' => {
            for (d, &v) in room[o..o + 6].iter_mut().zip(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(c >> 4) as usize],
                HEX[(c & 0xf) as usize],
            ]) {
                d.write(v);
            }
            o + 6
        }
        e => {
            room[o].write(b'\\');
            room[o + 1].write(e);
            o + 2
        }
    }
}

/// A frame header's fields as the frame record shows them (flattened into
/// it): the JSON of schema 1, from the typed header. One struct for the
/// serializer and the JSON Schema (`wsdissect schema`), so they agree.
#[derive(serde::Serialize, schemars::JsonSchema)]
pub(crate) struct HeaderFields {
    /// FIN: the last frame of a message (RFC 6455 §5.2).
    fin: bool,
    /// RSV1: "compressed" with permessage-deflate (RFC 7692 §6), else must be 0.
    rsv1: bool,
    /// RSV2: must be 0 without an extension defining it (RFC 6455 §5.2).
    rsv2: bool,
    /// RSV3: must be 0 without an extension defining it (RFC 6455 §5.2).
    rsv3: bool,
    /// The 4-bit opcode (RFC 6455 §5.2).
    #[schemars(range(max = 15))]
    opcode: u8,
    /// The opcode's name ("text", "close", "reserved-0x3", ...).
    #[schemars(with = "OpcodeName")]
    opcode_name: &'static str,
    /// MASK bit: client frames must be masked, server frames must not (§5.1).
    masked: bool,
    /// The masking key as 8 lowercase hex digits, or null when unmasked.
    #[serde(serialize_with = "hex4")]
    #[schemars(with = "MaskKey")]
    mask_key: Option<[u8; 4]>,
    /// The 7-bit length field: the length, or 126/127 for the extended forms.
    #[schemars(range(max = 127))]
    len7: u8,
    /// The payload length the header announces.
    payload_length: u64,
    /// Header bytes (2 to 14).
    header_length: u8,
}

/// Writes a frame header as [`HeaderFields`].
pub(crate) fn header_fields<S: Serializer>(
    h: &crate::ws::frame::FrameHeader,
    s: S,
) -> Result<S::Ok, S::Error> {
    HeaderFields {
        fin: h.fin,
        rsv1: h.rsv1,
        rsv2: h.rsv2,
        rsv3: h.rsv3,
        opcode: h.opcode,
        opcode_name: h.opcode_kind().name(),
        masked: h.masked,
        mask_key: h.mask_key,
        len7: h.len7,
        payload_length: h.payload_len,
        header_length: h.header_len,
    }
    .serialize(s)
}

/// An opcode as records show it (flattened): its number and its name.
#[derive(serde::Serialize, schemars::JsonSchema)]
pub(crate) struct OpcodeFields {
    /// The opcode (1 text, 2 binary for a message).
    #[schemars(range(max = 15))]
    opcode: u8,
    /// Its name ("text", "binary").
    #[schemars(with = "OpcodeName")]
    opcode_name: &'static str,
}

/// Writes an opcode as [`OpcodeFields`].
pub(crate) fn opcode_fields<S: Serializer>(
    op: &crate::ws::frame::Opcode,
    s: S,
) -> Result<S::Ok, S::Error> {
    OpcodeFields {
        opcode: u8::from(*op),
        opcode_name: op.name(),
    }
    .serialize(s)
}

/// The schema of `opcode_name`: the names [`crate::ws::frame::Opcode::name`]
/// gives the 16 opcodes.
pub(crate) struct OpcodeName;

impl schemars::JsonSchema for OpcodeName {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "OpcodeName".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let names: Vec<&str> = (0u8..16)
            .map(|b| crate::ws::frame::Opcode::from(b).name())
            .collect();
        schemars::json_schema!({ "type": "string", "enum": names })
    }
}

/// The schema of [`hex4`]'s output: 8 lowercase hex digits or null.
pub(crate) struct MaskKey;

impl schemars::JsonSchema for MaskKey {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "MaskKey".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": ["string", "null"],
            "pattern": "^[0-9a-f]{8}$"
        })
    }
}

/// The schema of [`b64`]'s and [`opt_b64`]'s output: standard base64
/// (RFC 4648 §4, padded).
pub(crate) struct Base64;

impl schemars::JsonSchema for Base64 {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Base64".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "contentEncoding": "base64",
            "pattern": "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn escaping_matches_serde_json(s in ".*", ctl in proptest::collection::vec(0u8..0x80, 0..40)) {
            let mut t = s.clone();
            t.push_str(&String::from_utf8(ctl).unwrap());
            let mut ours = String::new();
            json_string_into(&mut ours, &t);
            prop_assert_eq!(ours, serde_json::to_string(&t).unwrap());
        }
    }

    proptest! {
        // Long runs without an escape, as message text has: whole 32- and
        // 16-byte steps, escapes at any distance from a step's start, and
        // strings across the 4 KiB blocks the output is reserved in.
        #[test]
        fn sparse_escaping_matches_serde_json(
            runs in proptest::collection::vec(("[a-zé]{0,150}", "[\"\\\\\n\x00\x1f]?"), 0..60),
        ) {
            let s: String = runs.iter().map(|(a, e)| format!("{a}{e}")).collect();
            let mut ours = String::new();
            json_string_into(&mut ours, &s);
            prop_assert_eq!(ours, serde_json::to_string(&s).unwrap());
        }
    }

    proptest! {
        // Long text with escapes anywhere: in one 16-byte chunk, several in
        // one, at chunk edges, next to multi-byte characters, in the tail.
        #[test]
        fn dense_escaping_matches_serde_json(s in "([a-z\"\\\\\n\t\x00-\x1féあ😀]){0,200}") {
            let mut ours = String::new();
            json_string_into(&mut ours, &s);
            prop_assert_eq!(ours, serde_json::to_string(&s).unwrap());
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        // Dense escapes across the 4 KiB blocks the output is reserved in:
        // a 32-byte step with many escapes, each of up to 6 bytes, near a
        // block's end, where the room reserved is tightest.
        #[test]
        fn dense_escaping_across_blocks_matches_serde_json(
            s in "([a-z\"\\\\\x00-\x1fé]){4000,9000}",
        ) {
            let mut ours = String::new();
            json_string_into(&mut ours, &s);
            prop_assert_eq!(ours, serde_json::to_string(&s).unwrap());
        }
    }

    /// The worst case for the room reserved: every byte escaped, every
    /// escape the longest (`\u00XX`, 6 bytes), over several blocks.
    #[test]
    fn text_of_only_escapes_matches_serde_json() {
        for c in ['\u{1}', '"', '\\', '\n'] {
            for len in [31, 32, 63, 64, 65, 4095, 4096, 4097, 10_000] {
                let s: String = std::iter::repeat_n(c, len).collect();
                let mut ours = String::new();
                json_string_into(&mut ours, &s);
                assert_eq!(ours, serde_json::to_string(&s).unwrap(), "{c:?} × {len}");
            }
        }
    }

    proptest! {
        #[test]
        fn base64_matches_the_base64_crate(v in proptest::collection::vec(any::<u8>(), 0..300)) {
            let mut ours = Vec::new();
            base64_into(&mut ours, &v);
            use base64::Engine;
            prop_assert_eq!(String::from_utf8(ours).unwrap(), base64::engine::general_purpose::STANDARD.encode(&v));
        }
    }

    #[derive(serde::Serialize)]
    struct Fast {
        #[serde(serialize_with = "b64")]
        bytes: Vec<u8>,
        #[serde(serialize_with = "text")]
        text: String,
    }

    #[derive(serde::Serialize)]
    struct Plain {
        bytes: String,
        text: String,
    }

    proptest! {
        #[test]
        fn raw_values_serialize_like_plain_strings(
            bytes in proptest::collection::vec(any::<u8>(), 0..100),
            text in "(.|[\\x00-\\x1f\\\\\"])*",
        ) {
            use base64::Engine;
            let fast = serde_json::to_string(&Fast { bytes: bytes.clone(), text: text.clone() }).unwrap();
            let plain = serde_json::to_string(&Plain {
                bytes: base64::engine::general_purpose::STANDARD.encode(&bytes),
                text: text.clone(),
            })
            .unwrap();
            prop_assert_eq!(fast, plain);
        }
    }

    /// `dump`'s direct path writes every record of every bundled capture
    /// (plain, decrypted, deflated, damaged) byte for byte as plain
    /// `serde_json::to_vec` does, and leaves the helpers on their own path
    /// afterwards.
    #[test]
    fn the_direct_path_writes_what_serde_json_writes() {
        let (mut records, mut payloads) = (0, 0);
        let mut out = Vec::new();
        crate::model::each_sample_record(|path, rec| {
            out.clear();
            crate::model::serialize_direct(&mut out, |ser| rec.serialize(ser)).unwrap();
            let plain = serde_json::to_vec(&rec).unwrap();
            assert_eq!(
                String::from_utf8_lossy(&out),
                String::from_utf8_lossy(&plain),
                "{path}"
            );
            records += 1;
            payloads += usize::from(
                plain.windows(17).any(|w| w == b"\"payload_base64\":")
                    || plain.windows(7).any(|w| w == b"\"text\":"),
            );
        });
        assert!(records > 1000 && payloads > 500, "{records} {payloads}");
        // Outside the direct path a payload is its own JSON string again.
        #[derive(serde::Serialize)]
        struct T {
            #[serde(serialize_with = "b64")]
            b: Vec<u8>,
        }
        assert_eq!(
            serde_json::to_string(&T { b: vec![1, 2, 3] }).unwrap(),
            r#"{"b":"AQID"}"#
        );
    }

    #[test]
    fn every_ascii_byte_escapes_like_serde_json() {
        for c in 0u8..0x80 {
            let t = format!("abcdefgh{}ijklmnop", c as char);
            let mut ours = String::new();
            json_string_into(&mut ours, &t);
            assert_eq!(ours, serde_json::to_string(&t).unwrap(), "byte {c:#x}");
        }
    }
}
