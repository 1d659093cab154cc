//! Link layer, IP and TCP: from captured bytes to TCP segments, then to
//! reassembled byte streams per connection and direction.

pub mod analysis;
pub mod link;
pub mod tcp;

/// Directions are the model's; reassembly is where they are first told apart.
pub use crate::model::Direction;
pub use analysis::{AnalysisFlags, ConnAnalysis, PacketAnalysis, TcpOption, WindowScale};
pub use link::{decode_packet, DecodeError, Decoded, IpInfo, TcpFlags, TcpInfo};
pub use tcp::{
    Chunk, ConnInfo, ConnSummary, GapReason, Reassembler, ReassemblyConfig, StreamId, TcpEvent,
    TcpSink,
};
