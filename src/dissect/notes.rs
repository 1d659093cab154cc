//! The rules wsdissect checks, each with its severity and where it comes from.

use crate::model::Severity;

/// A rule a note can cite. The id is stable: scripts and graders match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A client frame without the MASK bit.
    ClientFrameNotMasked,
    /// A server frame with the MASK bit.
    ServerFrameMasked,
    /// RSV1 set although no extension was negotiated.
    RsvWithoutExtension,
    /// An opcode the RFC reserves.
    ReservedOpcode,
    /// A length encoded in more bytes than needed.
    NonMinimalLength,
    /// A 64-bit length with its most significant bit set.
    LengthTopBitSet,
    /// A continuation frame with no message to continue.
    ContinuationWithoutStart,
    /// A new text/binary frame while a fragmented message is unfinished.
    DataFrameInsideFragmentedMessage,
    /// A control frame with more than 125 bytes of payload.
    ControlFrameTooLong,
    /// A control frame without FIN.
    ControlFrameFragmented,
    /// A frame sent after the same side sent a close frame.
    DataAfterClose,
    /// A text message that is not valid UTF-8.
    InvalidUtf8,
    /// A close frame with a one-byte payload.
    CloseOneByte,
    /// A close code that must not be sent or is reserved.
    CloseCodeInvalid,
    /// A close reason that is not valid UTF-8.
    CloseReasonInvalidUtf8,
    /// Sec-WebSocket-Accept does not match the key.
    AcceptMismatch,
    /// Sec-WebSocket-Version is not 13.
    WrongVersion,
    /// Sec-WebSocket-Key is not base64 of 16 bytes.
    BadKey,
    /// A required handshake header is missing.
    HandshakeHeaderMissing,
    /// The server chose a subprotocol the client did not offer.
    SubprotocolNotOffered,
    /// The server accepted an extension the client did not offer.
    ExtensionNotOffered,
    /// permessage-deflate parameters are invalid.
    DeflateParams,
    /// The upgrade was refused (non-101 answer).
    UpgradeRefused,
    /// The upgrade request got no answer in the capture.
    UpgradeUnanswered,
    /// An HTTP message could not be parsed.
    HttpMalformed,
    /// RSV1 on a control frame.
    CompressedControlFrame,
    /// RSV1 on a continuation frame.
    Rsv1OnContinuation,
    /// A compressed message failed to decompress.
    DecompressFailed,
    /// A message decompressed beyond the cap.
    DecompressCap,
    /// A compressed message after a gap with context takeover.
    DecompressContextLost,
    /// A pong that answers no ping.
    UnsolicitedPong,
    /// Bytes are missing from the TCP stream.
    TcpGap,
    /// The capture started after the connection.
    MidStream,
    /// A retransmission carried different bytes.
    TcpConflict,
    /// The out-of-order budget was hit.
    TcpBudget,
    /// Frame boundaries were lost and found again.
    Resync,
    /// Frame boundaries were lost and not found.
    SyncLost,
    /// A frame or message was cut off by the end of the capture.
    Incomplete,
    /// A payload was larger than the cap and only partly kept.
    PayloadCap,
    /// WebSocket decoded without a handshake.
    Guessed,
    /// The capture file is damaged.
    CaptureDamaged,
    /// A packet could not be decoded.
    BadPacket,
}

impl Rule {
    /// Stable identifier.
    pub fn id(self) -> &'static str {
        use Rule::*;
        match self {
            ClientFrameNotMasked => "client-frame-not-masked",
            ServerFrameMasked => "server-frame-masked",
            RsvWithoutExtension => "rsv-without-extension",
            ReservedOpcode => "reserved-opcode",
            NonMinimalLength => "non-minimal-length",
            LengthTopBitSet => "length-top-bit-set",
            ContinuationWithoutStart => "continuation-without-start",
            DataFrameInsideFragmentedMessage => "data-frame-inside-fragmented-message",
            ControlFrameTooLong => "control-frame-too-long",
            ControlFrameFragmented => "control-frame-fragmented",
            DataAfterClose => "data-after-close",
            InvalidUtf8 => "invalid-utf8",
            CloseOneByte => "close-one-byte",
            CloseCodeInvalid => "close-code-invalid",
            CloseReasonInvalidUtf8 => "close-reason-invalid-utf8",
            AcceptMismatch => "accept-mismatch",
            WrongVersion => "wrong-version",
            BadKey => "bad-key",
            HandshakeHeaderMissing => "handshake-header-missing",
            SubprotocolNotOffered => "subprotocol-not-offered",
            ExtensionNotOffered => "extension-not-offered",
            DeflateParams => "deflate-params",
            UpgradeRefused => "upgrade-refused",
            UpgradeUnanswered => "upgrade-unanswered",
            HttpMalformed => "http-malformed",
            CompressedControlFrame => "compressed-control-frame",
            Rsv1OnContinuation => "rsv1-on-continuation",
            DecompressFailed => "decompress-failed",
            DecompressCap => "decompress-cap",
            DecompressContextLost => "decompress-context-lost",
            UnsolicitedPong => "unsolicited-pong",
            TcpGap => "tcp-gap",
            MidStream => "mid-stream",
            TcpConflict => "tcp-conflict",
            TcpBudget => "tcp-budget",
            Resync => "resync",
            SyncLost => "sync-lost",
            Incomplete => "incomplete",
            PayloadCap => "payload-cap",
            Guessed => "guessed",
            CaptureDamaged => "capture-damaged",
            BadPacket => "bad-packet",
        }
    }

    /// How serious: violations are errors, losses warnings, context info.
    pub fn severity(self) -> Severity {
        use Rule::*;
        match self {
            MidStream | Guessed | PayloadCap | UnsolicitedPong | Resync | UpgradeRefused => {
                Severity::Info
            }
            TcpGap
            | TcpConflict
            | TcpBudget
            | SyncLost
            | Incomplete
            | DecompressCap
            | DecompressContextLost
            | UpgradeUnanswered
            | BadPacket => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// The RFC section the rule comes from.
    pub fn section(self) -> Option<&'static str> {
        use Rule::*;
        Some(match self {
            ClientFrameNotMasked | ServerFrameMasked => "RFC 6455 §5.1",
            RsvWithoutExtension | ReservedOpcode | NonMinimalLength | LengthTopBitSet => {
                "RFC 6455 §5.2"
            }
            ContinuationWithoutStart | DataFrameInsideFragmentedMessage => "RFC 6455 §5.4",
            ControlFrameTooLong | ControlFrameFragmented => "RFC 6455 §5.5",
            DataAfterClose => "RFC 6455 §5.5.1",
            InvalidUtf8 => "RFC 6455 §8.1",
            CloseOneByte => "RFC 6455 §5.5.1",
            CloseCodeInvalid => "RFC 6455 §7.4",
            CloseReasonInvalidUtf8 => "RFC 6455 §5.5.1",
            AcceptMismatch => "RFC 6455 §4.2.2",
            WrongVersion | BadKey | HandshakeHeaderMissing => "RFC 6455 §4.1",
            SubprotocolNotOffered | ExtensionNotOffered => "RFC 6455 §4.1",
            UpgradeRefused | UpgradeUnanswered => "RFC 6455 §4.1",
            DeflateParams => "RFC 7692 §7.1",
            CompressedControlFrame | Rsv1OnContinuation => "RFC 7692 §6.1",
            DecompressFailed | DecompressCap | DecompressContextLost => "RFC 7692 §7.2.2",
            UnsolicitedPong => "RFC 6455 §5.5.3",
            HttpMalformed => "RFC 9112 §2",
            TcpGap | MidStream | TcpConflict | TcpBudget | Resync | SyncLost | Incomplete
            | PayloadCap | Guessed | CaptureDamaged | BadPacket => return None,
        })
    }
}
