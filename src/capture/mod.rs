//! Capture files: pcap and pcapng, read as a stream so memory does not grow
//! with the file.
//!
//! Frame numbers count every packet record from 1 in file order, across
//! pcapng sections, exactly like Wireshark's `No.` column, so a student can
//! hold wsdissect and Wireshark side by side.
//!
//! [`write`] writes both formats, for the tests and the fuzz targets.

mod reader;
mod time;
pub mod write;

pub use reader::{CaptureFormat, CaptureReader, Packet};
pub use time::Timestamp;

use std::fmt;

/// Why a capture could not be read any further.
///
/// Every variant carries where it happened so the message can name the file,
/// the frame number that could not be read and the byte offset of its record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaptureError {
    /// The file as the user named it (`-` for standard input).
    pub file: String,
    /// The frame number the damaged record would have had.
    pub frame: u64,
    /// Byte offset of the damaged record (or header) in the file.
    pub offset: u64,
    /// What is wrong.
    pub kind: CaptureErrorKind,
}

/// What is wrong with a capture at a given place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaptureErrorKind {
    /// The file could not be opened or read.
    #[error("cannot read: {0}")]
    Io(String),
    /// The file is empty.
    #[error("the file is empty")]
    Empty,
    /// Neither a pcap nor a pcapng magic number.
    #[error("not a pcap or pcapng file (magic {0:02x?})")]
    NotACapture([u8; 4]),
    /// The file ends in the middle of a record.
    #[error("the file ends in the middle of a record (truncated capture?)")]
    Truncated,
    /// A record's length field is larger than any sane record.
    #[error("record too large to be a packet ({0} bytes declared)")]
    RecordTooLarge(u64),
    /// A record could not be parsed.
    #[error("corrupt record: {0}")]
    Corrupt(String),
    /// A packet refers to a pcapng interface that was never described.
    #[error("packet refers to interface {0}, which the section never described")]
    UnknownInterface(u32),
}

impl fmt::Display for CaptureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: frame {}, byte offset {}: {}",
            self.file, self.frame, self.offset, self.kind
        )
    }
}

impl std::error::Error for CaptureError {}

/// A link-layer header type (LINKTYPE_* from tcpdump.org's registry).
///
/// Kept as the raw number: an unknown type is still reported by name/number
/// rather than refused at open time, since a pcapng file may mix interfaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct LinkType(pub u32);

impl LinkType {
    /// Ethernet II, possibly with 802.1Q tags.
    pub const ETHERNET: LinkType = LinkType(1);
    /// BSD loopback: 4-byte address family in the capturing host's byte order.
    pub const NULL: LinkType = LinkType(0);
    /// OpenBSD loopback: 4-byte address family in network byte order.
    pub const LOOP: LinkType = LinkType(108);
    /// Raw IP (the value from LINKTYPE_RAW).
    pub const RAW: LinkType = LinkType(101);
    /// Linux "cooked" capture v1 (`tcpdump -i any`).
    pub const LINUX_SLL: LinkType = LinkType(113);
    /// Linux "cooked" capture v2 (`tcpdump -i any -y LINUX_SLL2`).
    pub const LINUX_SLL2: LinkType = LinkType(276);
    /// Raw IPv4 only.
    pub const IPV4: LinkType = LinkType(228);
    /// Raw IPv6 only.
    pub const IPV6: LinkType = LinkType(229);

    /// The name tcpdump uses for this link type, if wsdissect knows it.
    pub fn name(self) -> &'static str {
        match self.0 {
            0 => "NULL",
            1 => "EN10MB",
            12 | 14 | 101 => "RAW",
            108 => "LOOP",
            113 => "LINUX_SLL",
            228 => "IPV4",
            229 => "IPV6",
            276 => "LINUX_SLL2",
            _ => "unknown",
        }
    }
}

impl fmt::Display for LinkType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name(), self.0)
    }
}
