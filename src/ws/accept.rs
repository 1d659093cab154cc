//! The opening-handshake key proof (RFC 6455 §1.3, §4.1, §4.2.2).
//!
//! The server proves it understood the WebSocket handshake by returning
//! `base64(SHA-1(Sec-WebSocket-Key ++ GUID))` in `Sec-WebSocket-Accept`.
//! [`accept_steps`] exposes every intermediate value so each step can be taught.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde::Serialize;
use sha1::{Digest, Sha1};

/// The fixed GUID appended to the client's key (RFC 6455 §1.3, §4.2.2 item 5.4).
pub const WS_GUID: &str = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/// Each intermediate value of the `Sec-WebSocket-Accept` computation (RFC 6455 §4.2.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct AcceptSteps {
    /// The client's `Sec-WebSocket-Key`, trimmed of optional whitespace (RFC 9110 §5.5).
    pub key: String,
    /// `key` followed by [`WS_GUID`] (RFC 6455 §4.2.2 item 5.4).
    pub concatenated: String,
    /// SHA-1 of `concatenated` (RFC 6455 §4.2.2).
    pub sha1: [u8; 20],
    /// `sha1` in lower-case hex, for display.
    pub sha1_hex: String,
    /// base64 of `sha1`: the value the server MUST send as `Sec-WebSocket-Accept` (RFC 6455 §4.2.2).
    pub accept: String,
}

/// Trim header optional whitespace (SP / HTAB) around a value (RFC 9110 §5.5).
fn trim_ows(s: &str) -> &str {
    s.trim_matches(|c| c == ' ' || c == '\t')
}

/// Compute `Sec-WebSocket-Accept` step by step from a `Sec-WebSocket-Key` (RFC 6455 §4.2.2).
///
/// The key is used as sent (after trimming OWS); it is *not* base64-decoded, as
/// the RFC hashes the key's text.
pub fn accept_steps(key: &str) -> AcceptSteps {
    let key = trim_ows(key);
    let mut concatenated = String::with_capacity(key.len() + WS_GUID.len());
    concatenated.push_str(key);
    concatenated.push_str(WS_GUID);
    let sha1: [u8; 20] = Sha1::digest(concatenated.as_bytes()).into();
    let sha1_hex = sha1.iter().fold(String::with_capacity(40), |mut s, b| {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 0x0f)]));
        s
    });
    let accept = STANDARD.encode(sha1);
    AcceptSteps {
        key: key.to_owned(),
        concatenated,
        sha1,
        sha1_hex,
        accept,
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// The `Sec-WebSocket-Accept` value a server must answer `key` with (RFC 6455 §4.2.2).
pub fn expected_accept(key: &str) -> String {
    accept_steps(key).accept
}

/// Whether a received `Sec-WebSocket-Accept` matches the key; the client MUST
/// fail the connection otherwise (RFC 6455 §4.1, client requirement 4).
pub fn accept_matches(key: &str, accept: &str) -> bool {
    expected_accept(key) == trim_ows(accept)
}

/// Why a `Sec-WebSocket-Key` is not valid base64 (RFC 6455 §4.1).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The key is not canonical padded base64 (RFC 4648 §4 as required by RFC 6455 §4.1).
    #[error("Sec-WebSocket-Key is not valid base64: {0}")]
    Base64(#[from] base64::DecodeError),
}

/// Decode the key and return its length in bytes. A valid key is the base64 of a
/// random 16-byte nonce (RFC 6455 §4.1 item 7), so callers check for `16`.
pub fn key_decoded_len(key: &str) -> Result<usize, KeyError> {
    Ok(key_bytes(key)?.len())
}

/// The bytes a `Sec-WebSocket-Key` encodes: the client's 16-byte nonce when
/// the key is valid (RFC 6455 §4.1 item 7).
pub fn key_bytes(key: &str) -> Result<Vec<u8>, KeyError> {
    Ok(STANDARD.decode(trim_ows(key))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6455_1_3_example() {
        let s = accept_steps("dGhlIHNhbXBsZSBub25jZQ==");
        assert_eq!(
            s.concatenated,
            "dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
        );
        // RFC 6455 §1.3 gives the SHA-1 as 0xb3 0x7a 0x4f 0x2c 0xc0 0x62 0x4f 0x16 0x90 0xf6
        // 0x46 0x06 0xcf 0x38 0x59 0x45 0xb2 0xbe 0xc4 0xea.
        assert_eq!(s.sha1_hex, "b37a4f2cc0624f1690f64606cf385945b2bec4ea");
        assert_eq!(s.sha1[0], 0xb3);
        assert_eq!(s.accept, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assert_eq!(
            expected_accept("dGhlIHNhbXBsZSBub25jZQ=="),
            "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
        );
    }

    #[test]
    fn rfc6455_4_2_1_key_and_trimming() {
        // §4.1 example key "dGhlIHNhbXBsZSBub25jZQ==" decodes to the 16-byte "the sample nonce".
        assert_eq!(key_decoded_len("dGhlIHNhbXBsZSBub25jZQ=="), Ok(16));
        assert_eq!(key_decoded_len(" \tdGhlIHNhbXBsZSBub25jZQ== "), Ok(16));
        assert_eq!(
            expected_accept("  dGhlIHNhbXBsZSBub25jZQ==\t"),
            "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
        );
        assert!(accept_matches(
            "dGhlIHNhbXBsZSBub25jZQ==",
            " s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
        ));
        assert!(!accept_matches(
            "dGhlIHNhbXBsZSBub25jZQ==",
            "S3pPLMBiTxaQ9kYGzzhZRbK+xOo="
        ));
        assert_eq!(key_decoded_len("aGVsbG8="), Ok(5));
        assert!(key_decoded_len("not base64!").is_err());
        assert_eq!(key_decoded_len(""), Ok(0));
    }

    #[test]
    fn rfc6455_4_2_2_accept_of_odd_keys_never_panics() {
        // A hostile key (non-ASCII, huge) still yields an accept value.
        let s = accept_steps("ключ\u{0}");
        assert_eq!(s.sha1_hex.len(), 40);
        assert_eq!(s.accept.len(), 28);
    }
}
