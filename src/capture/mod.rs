//! Capture files: pcap and pcapng, read as a stream so memory does not grow
//! with the file.
//!
//! Frame numbers count every packet record from 1 in file order, across
//! pcapng sections, exactly like Wireshark's `No.` column, so a student can
//! hold wsdissect and Wireshark side by side.
//!
//! [`write`](mod@write) writes both formats, for the tests and the fuzz targets.

mod reader;
mod time;
pub mod write;

pub use reader::{CaptureFormat, CaptureReader, Item, Packet};
pub use time::Timestamp;

use std::fmt;
use std::io;
use std::sync::Arc;

use pcap_parser::PcapError;

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
///
/// Where the trouble comes from another error (the operating system's, or
/// pcap-parser's), the variant keeps that error, and it is the
/// [`source`](std::error::Error::source) (an [`io::Error`] or a
/// [`ParserError`], to downcast to); the message says what it means for the
/// capture. The errors are shared ([`Arc`]) so that the kind stays `Clone`.
#[derive(Debug, Clone)]
pub enum CaptureErrorKind {
    /// The file could not be opened or read.
    Io(Arc<io::Error>),
    /// The file is empty.
    Empty,
    /// Neither a pcap nor a pcapng magic number.
    NotACapture([u8; 4]),
    /// The file ends in the middle of a record.
    Truncated,
    /// A record's length field is larger than any sane record.
    RecordTooLarge(u64),
    /// A record is damaged in a way wsdissect itself found (no other error
    /// behind it).
    Corrupt(String),
    /// A packet refers to a pcapng interface that was never described.
    UnknownInterface(u32),
    /// pcap-parser refused the file header (after its magic number was
    /// recognized).
    HeaderUnparsable(Arc<ParserError>),
    /// pcap-parser could not parse a block.
    BlockUnparsable(Arc<ParserError>),
    /// pcap-parser could not read further. (That is all it says: it does not
    /// pass on the operating system's error.)
    ReadFailed(Arc<ParserError>),
}

/// An error from pcap-parser, owned. (pcap-parser's own error while reading
/// blocks borrows the reader's buffer; [`CaptureReader`] keeps a copy of the
/// first 64 bytes of the input it points at, the start of the bad block.)
pub type ParserError = PcapError<&'static [u8]>;

impl fmt::Display for CaptureErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.words(crate::i18n::L10n::get(crate::i18n::Lang::En)))
    }
}

impl CaptureErrorKind {
    /// What went wrong, in `l`'s language (messages `capture-*`; the
    /// parser's and the operating system's own detail stay as they word it).
    pub fn words(&self, l: &crate::i18n::L10n) -> String {
        use crate::tr;
        use CaptureErrorKind as K;
        match self {
            K::Io(e) => tr!(l, "capture-cannot-read", error = io_words(e, l)),
            K::Empty => l.t("capture-empty"),
            K::NotACapture(magic) => {
                tr!(l, "capture-not-a-capture", magic = format!("{magic:02x?}"))
            }
            K::Truncated => l.t("capture-truncated"),
            K::RecordTooLarge(n) => tr!(l, "capture-record-too-large", n = n.to_string()),
            K::Corrupt(what) => tr!(l, "capture-corrupt", what = what.as_str()),
            K::UnknownInterface(i) => {
                tr!(l, "capture-unknown-interface", interface = i.to_string())
            }
            K::HeaderUnparsable(e) => tr!(l, "capture-corrupt", what = format!("{e:?}")),
            K::BlockUnparsable(e) => match &**e {
                PcapError::NomError(_, k) | PcapError::OwnedNomError(_, k) => {
                    tr!(l, "capture-block-unparsable", kind = format!("{k:?}"))
                }
                PcapError::HeaderNotRecognized => l.t("capture-header-not-recognized"),
                _ => l.t("capture-unreadable-block"),
            },
            K::ReadFailed(e) => tr!(l, "capture-cannot-read", error = format!("{e:?}")),
        }
    }
}

/// An operating-system error in `l`'s language: the common kinds a student
/// meets (no such file, no permission, a directory) are worded, the
/// system's own text follows.
pub fn io_words(e: &io::Error, l: &crate::i18n::L10n) -> String {
    let id = match e.kind() {
        io::ErrorKind::NotFound => "io-not-found",
        io::ErrorKind::PermissionDenied => "io-permission-denied",
        io::ErrorKind::IsADirectory => "io-is-a-directory",
        _ => "io-other",
    };
    crate::tr!(l, id, os = e.to_string())
}

impl std::error::Error for CaptureErrorKind {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        use CaptureErrorKind as K;
        match self {
            K::Io(e) => Some(&**e),
            K::HeaderUnparsable(e) | K::BlockUnparsable(e) | K::ReadFailed(e) => Some(&**e),
            K::Empty
            | K::NotACapture(_)
            | K::Truncated
            | K::RecordTooLarge(_)
            | K::Corrupt(_)
            | K::UnknownInterface(_) => None,
        }
    }
}

impl PartialEq for CaptureErrorKind {
    /// Variant by variant; two I/O errors are equal when their kind and
    /// message are (`io::Error` has no equality of its own).
    fn eq(&self, other: &Self) -> bool {
        use CaptureErrorKind as K;
        match (self, other) {
            (K::Io(a), K::Io(b)) => a.kind() == b.kind() && a.to_string() == b.to_string(),
            (K::Empty, K::Empty) | (K::Truncated, K::Truncated) => true,
            (K::NotACapture(a), K::NotACapture(b)) => a == b,
            (K::RecordTooLarge(a), K::RecordTooLarge(b)) => a == b,
            (K::Corrupt(a), K::Corrupt(b)) => a == b,
            (K::UnknownInterface(a), K::UnknownInterface(b)) => a == b,
            (K::HeaderUnparsable(a), K::HeaderUnparsable(b))
            | (K::BlockUnparsable(a), K::BlockUnparsable(b))
            | (K::ReadFailed(a), K::ReadFailed(b)) => a == b,
            _ => false,
        }
    }
}

// pcap-parser's error compares its parts with `==` (no floats inside).
impl Eq for CaptureErrorKind {}

impl From<io::Error> for CaptureErrorKind {
    fn from(e: io::Error) -> Self {
        CaptureErrorKind::Io(Arc::new(e))
    }
}

impl CaptureError {
    /// Whether the file could not be read at all (missing, a directory, no
    /// permission): then no frame or offset means anything, and the message
    /// names only the file and the system's reason. (An empty or short file
    /// was read: its message keeps the place.)
    pub fn before_any_byte(&self) -> bool {
        self.frame == 1 && self.offset == 0 && matches!(self.kind, CaptureErrorKind::Io(_))
    }
}

impl fmt::Display for CaptureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.words(crate::i18n::L10n::get(crate::i18n::Lang::En)))
    }
}

impl CaptureError {
    /// The error in `l`'s language, naming the file, frame and byte offset
    /// (the CLI's errors and the `capture-damaged` note follow `--lang`).
    pub fn words(&self, l: &crate::i18n::L10n) -> String {
        let kind = self.kind.words(l);
        if self.before_any_byte() {
            return crate::tr!(
                l,
                "capture-error-file",
                file = self.file.as_str(),
                error = kind
            );
        }
        crate::tr!(
            l,
            "capture-error-at",
            file = self.file.as_str(),
            frame = self.frame.to_string(),
            offset = self.offset.to_string(),
            error = kind
        )
    }
}

impl std::error::Error for CaptureError {
    /// The error behind [`CaptureError::kind`], if any. (The kind itself is
    /// already part of this error's message.)
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.kind)
    }
}

/// A link-layer header type (LINKTYPE_* from tcpdump.org's registry).
///
/// Kept as the raw number: an unknown type is still reported by name/number
/// rather than refused at open time, since a pcapng file may mix interfaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, schemars::JsonSchema)]
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

#[cfg(test)]
mod tests {
    use super::write::{PcapngSection, DEFAULT_SNAPLEN};
    use super::*;
    use std::error::Error as _;

    fn read_all(bytes: Vec<u8>) -> CaptureError {
        let mut r = CaptureReader::from_reader("t.pcapng", io::Cursor::new(bytes)).unwrap();
        r.for_each_packet(|_| std::ops::ControlFlow::Continue(()))
            .unwrap_err()
    }

    #[test]
    fn an_io_error_is_the_source_and_the_message_names_only_the_file() {
        let dir = std::env::temp_dir();
        let e = CaptureReader::open(dir.to_str().unwrap()).unwrap_err();
        let io = e.source().unwrap().downcast_ref::<io::Error>().unwrap();
        assert_eq!(io.kind(), io::ErrorKind::IsADirectory);
        assert_eq!(
            e.to_string(),
            format!("{}: cannot read: {io}", dir.display())
        );
    }

    #[test]
    fn a_block_pcap_parser_refuses_keeps_its_error() {
        let s = PcapngSection::default();
        let mut b = Vec::new();
        s.section_header(&mut b);
        s.interface(&mut b, 101, DEFAULT_SNAPLEN, None);
        let at = b.len();
        s.packet(&mut b, 0, 0, &[0xab; 200], 200);
        // The trailing length disagrees with the leading one.
        let end = b.len();
        b[end - 4..].copy_from_slice(&36u32.to_le_bytes());
        let e = read_all(b);
        assert_eq!((e.frame, e.offset), (1, at as u64));
        assert!(
            matches!(e.kind, CaptureErrorKind::BlockUnparsable(_)),
            "{e:?}"
        );
        let src = e.source().unwrap().downcast_ref::<ParserError>().unwrap();
        let PcapError::OwnedNomError(input, kind) = src else {
            panic!("{src:?}")
        };
        assert!(input.len() <= 64, "only the start of the block is kept");
        assert_eq!(
            e.to_string(),
            format!("t.pcapng: frame 1, byte offset {at}: corrupt record: block does not parse ({kind:?})")
        );
    }

    #[test]
    fn kinds_compare_by_value() {
        let io = |k| CaptureErrorKind::from(io::Error::from(k));
        assert_eq!(io(io::ErrorKind::NotFound), io(io::ErrorKind::NotFound));
        assert_ne!(
            io(io::ErrorKind::NotFound),
            io(io::ErrorKind::PermissionDenied)
        );
        assert_eq!(
            CaptureErrorKind::Truncated,
            CaptureErrorKind::Truncated.clone()
        );
        assert_ne!(CaptureErrorKind::Truncated, CaptureErrorKind::Empty);
    }
}
