//! Serialization helpers for byte fields.

use base64::Engine;

/// Bytes as standard base64.
pub fn b64<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(v))
}

/// A 4-byte masking key as 8 lowercase hex digits (as Wireshark shows it), or null.
pub fn hex4<S: serde::Serializer>(v: &Option<[u8; 4]>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(k) => s.collect_str(&format_args!(
            "{:02x}{:02x}{:02x}{:02x}",
            k[0], k[1], k[2], k[3]
        )),
        None => s.serialize_none(),
    }
}
