//! Serialization helpers for the bulky fields (payloads and message text).
//!
//! `dump` spends most of its time writing payloads. serde_json escapes a
//! string one byte at a time through a lookup table; base64 text never needs
//! escaping and message text rarely does, so these helpers format the JSON
//! string themselves (word-at-a-time scan for bytes that need escaping) and
//! hand serde_json the finished text as a [`RawValue`], which it writes as
//! it is. The output is identical JSON (`tests/json_fast_path.rs` checks
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

/// Bytes as standard base64.
pub fn b64<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
    let mut out = Vec::with_capacity(v.len().div_ceil(3) * 4 + 2);
    out.push(b'"');
    base64_into(&mut out, v);
    out.push(b'"');
    // SAFETY: only base64 alphabet characters and quotes were written, all
    // ASCII, so `out` is UTF-8 (checking it again cost 2 % of `dump`).
    let json = unsafe { String::from_utf8_unchecked(out) };
    // SAFETY: a JSON string: base64 alphabet characters (none needs
    // escaping) between quotes.
    unsafe { raw(s, json) }
}

/// Text as a JSON string, escaped exactly as serde_json would.
pub fn text<S: Serializer>(v: &str, s: S) -> Result<S::Ok, S::Error> {
    let mut out = String::with_capacity(v.len() + 2);
    json_string_into(&mut out, v);
    // SAFETY: a JSON string literal, escaped as serde_json escapes (the
    // tests below check `json_string_into` against it).
    unsafe { raw(s, out) }
}

/// Optional text (`null` when absent).
pub fn opt_text<S: Serializer>(v: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(t) => text(t, s),
        None => s.serialize_none(),
    }
}

/// Optional bytes as base64 (`null` when absent).
pub fn opt_b64<S: Serializer>(v: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(b) => b64(b, s),
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
            m |= u32::from(ESCAPE[c as usize]) << k;
        }
        m
    }
}

/// 1 for the bytes a JSON string must escape: controls, `"` and `\`.
const ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = 1;
        i += 1;
    }
    t[b'"' as usize] = 1;
    t[b'\\' as usize] = 1;
    t
};

/// Appends `s` as a JSON string literal (quotes included), with serde_json's
/// escapes: `\"`, `\\`, `\b \f \n \r \t`, other control bytes as `\u00XX`.
pub fn json_string_into(out: &mut String, s: &str) {
    // Room for a quote or newline in every 4 bytes (JSON text) without
    // growing: growing a message-sized string copies it again.
    out.reserve(s.len() + s.len() / 4 + 2);
    out.push('"');
    let b = s.as_bytes();
    // `b[start..]` is not written yet; every escape before `i` is.
    let mut start = 0;
    let mut i = 0;
    // Each 16 bytes are tested once; text without escapes is then copied in
    // long runs, and dense JSON text (a quote every few bytes) is not
    // scanned again after each escape.
    while let Some(chunk) = b.get(i..i + 16).and_then(|c| <&[u8; 16]>::try_from(c).ok()) {
        let mut mask = escape_mask16(chunk);
        while mask != 0 {
            let j = i + mask.trailing_zeros() as usize;
            push_escaped(out, &s[start..j], b[j]);
            start = j + 1;
            mask &= mask - 1;
        }
        i += 16;
    }
    for (j, &c) in b.iter().enumerate().skip(i) {
        if ESCAPE[c as usize] != 0 {
            push_escaped(out, &s[start..j], c);
            start = j + 1;
        }
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// Appends `run` (text that needs no escaping, ending before an ASCII byte,
/// so at a char boundary) and then the escape of `c`, as serde_json writes
/// it: `\"`, `\\`, `\b \f \n \r \t`, other control bytes as `\u00XX`.
#[inline]
fn push_escaped(out: &mut String, run: &str, c: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push_str(run);
    match c {
        b'"' => out.push_str("\\\""),
        b'\\' => out.push_str("\\\\"),
        b'\n' => out.push_str("\\n"),
        b'\r' => out.push_str("\\r"),
        b'\t' => out.push_str("\\t"),
        0x08 => out.push_str("\\b"),
        0x0c => out.push_str("\\f"),
        _ => {
            out.push_str("\\u00");
            out.push(HEX[(c >> 4) as usize] as char);
            out.push(HEX[(c & 0xf) as usize] as char);
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
