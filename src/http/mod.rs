//! HTTP/1.1 pieces of the WebSocket opening handshake (RFC 9112, RFC 6455 §4, §9.1).

pub mod ext;
pub mod handshake;

pub use ext::{parse_extensions, parse_token_list, ExtError, ExtParam, ExtensionOffer};
pub use handshake::{
    find_head_end, looks_like_request, looks_like_response, parse_request, parse_response,
    BodyKind, ChunkProgress, ChunkedSkipper, HeaderField, HttpError, HttpHead, StartLine,
};
