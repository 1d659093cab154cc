//! HTTP/1.1 as the WebSocket opening handshake uses it (RFC 9112, RFC 6455 §4).
//!
//! - [`sniff`]: is a stream HTTP, and where does a head end (partial input);
//! - [`head`]: request and response heads with every field's byte range;
//! - [`chunked`]: walking over chunked bodies to the next head;
//! - [`list`]: comma-separated header lists;
//! - [`handshake`]: the opening handshake's rules, checked on a request and
//!   its answer.

pub mod body;
pub mod chunked;
pub mod handshake;
pub mod head;
pub mod list;
pub mod sniff;

pub use chunked::{ChunkProgress, ChunkedSkipper};
pub use head::{
    parse_request, parse_response, BodyKind, HeaderField, HttpError, HttpHead, StartLine,
};
pub use list::parse_token_list;
pub use sniff::{find_head_end, looks_like_request, looks_like_response};

/// Shared fixtures for this module's tests: the RFC 6455 example handshake,
/// and cut points for feeding input in pieces.
#[cfg(test)]
pub(crate) mod test_support {
    use proptest::prelude::*;

    /// The RFC 6455 §1.2 / §4.1 example request; [`RESP`] answers it.
    pub(crate) const REQ: &[u8] = b"GET /chat HTTP/1.1\r\n\
Host: server.example.com\r\n\
Upgrade: websocket\r\n\
Connection: Upgrade\r\n\
Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\
Origin: http://example.com\r\n\
Sec-WebSocket-Protocol: chat, superchat\r\n\
Sec-WebSocket-Version: 13\r\n\r\n";

    /// The RFC 6455 §1.2 example response.
    pub(crate) const RESP: &[u8] = b"HTTP/1.1 101 Switching Protocols\r\n\
Upgrade: websocket\r\n\
Connection: Upgrade\r\n\
Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\
Sec-WebSocket-Protocol: chat\r\n\r\n";

    /// Sorted cut points in `0..=len`, to feed input in arbitrary pieces.
    pub(crate) fn split_points(len: usize) -> impl Strategy<Value = Vec<usize>> {
        proptest::collection::vec(0..=len, 0..8).prop_map(|mut v| {
            v.sort_unstable();
            v
        })
    }
}
