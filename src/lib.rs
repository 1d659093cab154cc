//! wsdissect: open packet captures and learn WebSocket (RFC 6455) byte by byte.
pub mod capture;
pub mod net;
pub mod pipeline;
