//! Link layer, IP and TCP: from captured bytes to TCP segments, then to
//! reassembled byte streams per connection and direction.

pub mod link;
pub mod tcp;

pub use link::{decode_packet, DecodeError, Decoded, IpInfo, TcpFlags, TcpInfo};
pub use tcp::{
    Chunk, ConnInfo, ConnSummary, Direction, GapReason, Reassembler, ReassemblyConfig, StreamId,
    TcpEvent, TcpSink,
};
