//! WebSocket wire format (RFC 6455 §5), masking (§5.3), the opening-handshake
//! key proof (§4.2.2), the extension grammar (§9.1) and permessage-deflate
//! (RFC 7692).

pub mod accept;
pub mod deflate;
pub mod extensions;
pub mod frame;
pub mod mask;

pub use frame::{FrameHeader, HeaderError, Opcode};
