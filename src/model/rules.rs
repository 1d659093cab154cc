//! Every rule a note can cite, declared once: id, severity, RFC section and
//! what the rule is about (for docs/notes.md). docs/notes.md is this table
//! (`tests/rfc_notes.rs` fails when they differ); the dissector picks a rule,
//! the views show the note. A note's own sentence, with its numbers, is a
//! Fluent message (`note-*`, `tls-*` in locales/*.ftl) in the language of
//! `--lang`; the id and section here are the same in every language.

use super::Severity;

macro_rules! rules {
    ($( $(#[$doc:meta])* $name:ident = $id:literal, $sev:ident, $section:expr, $meaning:literal; )*) => {
        /// A rule a note can cite. The id is stable: scripts and graders match on it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Rule {
            $( $(#[$doc])* $name, )*
        }

        impl Rule {
            /// Every rule, in the order docs/notes.md lists them.
            pub const ALL: &'static [Rule] = &[$(Rule::$name),*];

            /// Stable identifier.
            pub fn id(self) -> &'static str {
                match self { $(Rule::$name => $id,)* }
            }

            /// How serious: violations are errors, losses warnings, context info.
            pub fn severity(self) -> Severity {
                match self { $(Rule::$name => Severity::$sev,)* }
            }

            /// The RFC section the rule comes from (none for capture problems).
            pub fn section(self) -> Option<&'static str> {
                match self { $(Rule::$name => $section,)* }
            }

            /// One sentence on what the rule is about, for docs and help.
            pub fn meaning(self) -> &'static str {
                match self { $(Rule::$name => $meaning,)* }
            }
        }
    };
}

const S51: Option<&str> = Some("RFC 6455 §5.1");
const S52: Option<&str> = Some("RFC 6455 §5.2");
const S54: Option<&str> = Some("RFC 6455 §5.4");
const S55: Option<&str> = Some("RFC 6455 §5.5");
const S551: Option<&str> = Some("RFC 6455 §5.5.1");
const S41: Option<&str> = Some("RFC 6455 §4.1");
const S422: Option<&str> = Some("RFC 6455 §4.2.2");
const DEFLATE_FRAMES: Option<&str> = Some("RFC 7692 §6.1");
const DEFLATE_DATA: Option<&str> = Some("RFC 7692 §7.2.2");
const CAPTURE: Option<&str> = None;

rules! {
    /// A client frame without the MASK bit.
    ClientFrameNotMasked = "client-frame-not-masked", Error, S51,
        "A client frame without the MASK bit.";
    /// A server frame with the MASK bit.
    ServerFrameMasked = "server-frame-masked", Error, S51,
        "A server frame with the MASK bit.";
    /// RSV1, RSV2 or RSV3 set although no negotiated extension defines it.
    RsvWithoutExtension = "rsv-without-extension", Error, S52,
        "RSV1, RSV2 or RSV3 set although no negotiated extension defines it.";
    /// An opcode the RFC reserves.
    ReservedOpcode = "reserved-opcode", Error, S52,
        "An opcode the RFC reserves.";
    /// A length encoded in more bytes than needed.
    NonMinimalLength = "non-minimal-length", Error, S52,
        "A length encoded in more bytes than needed.";
    /// A 64-bit length with its most significant bit set.
    LengthTopBitSet = "length-top-bit-set", Error, S52,
        "A 64-bit length with its most significant bit set.";
    /// A continuation frame with no message to continue.
    ContinuationWithoutStart = "continuation-without-start", Error, S54,
        "A continuation frame with no message to continue.";
    /// A new text/binary frame while a fragmented message is unfinished.
    DataFrameInsideFragmentedMessage = "data-frame-inside-fragmented-message", Error, S54,
        "A new text/binary frame while a fragmented message is unfinished.";
    /// A control frame with more than 125 bytes of payload.
    ControlFrameTooLong = "control-frame-too-long", Error, S55,
        "A control frame with more than 125 bytes of payload.";
    /// A control frame without FIN.
    ControlFrameFragmented = "control-frame-fragmented", Error, S55,
        "A control frame without FIN.";
    /// A data frame sent after the same side sent a close frame.
    DataAfterClose = "data-after-close", Error, S551,
        "A data frame sent after the same side sent a close frame.";
    /// A ping, pong or second close after the same side's close frame:
    /// allowed, but nothing will answer it.
    ControlAfterClose = "control-after-close", Info, S551,
        "A ping, pong or second close sent after the same side's close frame.";
    /// A text message that is not valid UTF-8.
    InvalidUtf8 = "invalid-utf8", Error, Some("RFC 6455 §8.1"),
        "A text message that is not valid UTF-8 (on the fragment where it first becomes invalid).";
    /// A close frame with a one-byte payload.
    CloseOneByte = "close-one-byte", Error, S551,
        "A close frame with a one-byte payload.";
    /// A close code that must not be sent or is reserved.
    CloseCodeInvalid = "close-code-invalid", Error, Some("RFC 6455 §7.4"),
        "A close code that must not be sent or is reserved.";
    /// A close reason that is not valid UTF-8.
    CloseReasonInvalidUtf8 = "close-reason-invalid-utf8", Error, S551,
        "A close reason that is not valid UTF-8.";
    /// The upgrade request is not a GET.
    HandshakeNotGet = "handshake-not-get", Error, S41,
        "The upgrade request is not a GET.";
    /// The upgrade request uses an HTTP version below 1.1.
    HandshakeHttpVersion = "handshake-http-version", Error, S41,
        "The upgrade request uses an HTTP version below 1.1.";
    /// A header or token the handshake requires is missing.
    HandshakeHeaderMissing = "handshake-header-missing", Error, S41,
        "A header or token the handshake requires is missing (Host, Upgrade: websocket, Connection: Upgrade, Sec-WebSocket-Key, -Version, -Accept).";
    /// A handshake header that must appear once appears several times.
    HandshakeHeaderRepeated = "handshake-header-repeated", Error, Some("RFC 6455 §11.3"),
        "Sec-WebSocket-Key, -Version (request) or -Accept (response) appears more than once.";
    /// Sec-WebSocket-Key is not base64 of 16 bytes.
    BadKey = "bad-key", Error, S41,
        "Sec-WebSocket-Key is not base64 of 16 bytes.";
    /// Sec-WebSocket-Version is not 13.
    WrongVersion = "wrong-version", Error, S41,
        "Sec-WebSocket-Version is not 13.";
    /// Sec-WebSocket-Accept does not match the key.
    AcceptMismatch = "accept-mismatch", Error, S422,
        "Sec-WebSocket-Accept does not match the key.";
    /// Sec-WebSocket-Accept on an answer that is not 101.
    AcceptWithout101 = "accept-without-101", Warning, S422,
        "Sec-WebSocket-Accept on an answer that is not 101 Switching Protocols.";
    /// A refused version without the versions the server understands.
    VersionRefusalWithoutVersions = "version-refusal-without-versions", Warning, Some("RFC 6455 §4.2.2, §4.4"),
        "A server refused a Sec-WebSocket-Version it does not understand without sending Sec-WebSocket-Version with the versions it does.";
    /// The server chose a subprotocol the client did not offer.
    SubprotocolNotOffered = "subprotocol-not-offered", Error, S41,
        "The server chose a subprotocol the client did not offer.";
    /// The server accepted an extension the client did not offer.
    ExtensionNotOffered = "extension-not-offered", Error, S41,
        "The server accepted an extension the client did not offer.";
    /// permessage-deflate parameters are invalid.
    DeflateParams = "deflate-params", Error, Some("RFC 7692 §7.1"),
        "permessage-deflate parameters are invalid.";
    /// The upgrade was refused (non-101 answer).
    UpgradeRefused = "upgrade-refused", Info, S41,
        "The upgrade was refused (non-101 answer).";
    /// The upgrade request got no answer in the capture.
    UpgradeUnanswered = "upgrade-unanswered", Warning, S41,
        "The upgrade request got no answer in the capture.";
    /// An HTTP message could not be parsed.
    HttpMalformed = "http-malformed", Error, Some("RFC 9112 §2"),
        "An HTTP message (or a handshake header's list) could not be parsed.";
    /// RSV1 on a control frame.
    CompressedControlFrame = "compressed-control-frame", Error, DEFLATE_FRAMES,
        "RSV1 on a control frame.";
    /// RSV1 on a continuation frame.
    Rsv1OnContinuation = "rsv1-on-continuation", Error, DEFLATE_FRAMES,
        "RSV1 on a continuation frame.";
    /// A compressed message failed to decompress.
    DecompressFailed = "decompress-failed", Error, DEFLATE_DATA,
        "A compressed message failed to decompress.";
    /// A message decompressed beyond the cap.
    DecompressCap = "decompress-cap", Warning, DEFLATE_DATA,
        "A message decompressed beyond the cap.";
    /// A compressed message after a gap with context takeover.
    DecompressContextLost = "decompress-context-lost", Warning, DEFLATE_DATA,
        "A compressed message after a gap with context takeover.";
    /// A pong that answers no ping.
    UnsolicitedPong = "unsolicited-pong", Info, Some("RFC 6455 §5.5.3"),
        "A pong that answers no ping.";
    /// Bytes are missing from the TCP stream.
    TcpGap = "tcp-gap", Warning, CAPTURE,
        "Bytes are missing from the TCP stream.";
    /// The capture started after the connection.
    MidStream = "mid-stream", Info, CAPTURE,
        "The capture started after the connection.";
    /// A retransmission carried different bytes.
    TcpConflict = "tcp-conflict", Warning, CAPTURE,
        "A retransmission carried different bytes.";
    /// The out-of-order budget was hit.
    TcpBudget = "tcp-budget", Warning, CAPTURE,
        "The out-of-order budget was hit.";
    /// Frame boundaries were lost and found again.
    Resync = "resync", Info, CAPTURE,
        "Frame boundaries were lost and found again.";
    /// Frame boundaries were lost and not found.
    SyncLost = "sync-lost", Warning, CAPTURE,
        "Frame boundaries were lost and not found.";
    /// A frame or message was cut off.
    Incomplete = "incomplete", Warning, CAPTURE,
        "A frame or message was cut off: the connection ended (FIN or RST) or the capture did.";
    /// A payload was larger than the cap and only partly kept.
    PayloadCap = "payload-cap", Info, CAPTURE,
        "A payload was larger than the cap and only partly kept.";
    /// WebSocket decoded without a handshake.
    Guessed = "guessed", Info, CAPTURE,
        "WebSocket decoded without a handshake.";
    /// The capture file is damaged.
    CaptureDamaged = "capture-damaged", Error, CAPTURE,
        "The capture file is damaged.";
    /// A packet could not be decoded.
    BadPacket = "bad-packet", Warning, CAPTURE,
        "A packet could not be decoded.";
    /// TLS that cannot be decrypted, with why and what to do.
    TlsUndecryptable = "tls-undecryptable", Warning, CAPTURE,
        "TLS traffic that cannot be decrypted (no key log, no line for this session, an unsupported suite, a key that does not fit); the note says what to do.";
    /// A TLS record that does not authenticate or parse.
    TlsRecordError = "tls-record-error", Error, Some("RFC 8446 §5.2"),
        "A TLS record that does not authenticate (its AEAD tag fails) or does not parse; it is never shown as data.";
    /// A TLS alert other than close_notify.
    TlsAlert = "tls-alert", Warning, Some("RFC 8446 §6"),
        "A TLS alert other than close_notify.";
    /// HTTP/2 (ALPN h2, or its connection preface): WebSocket over HTTP/2 is not decoded.
    Http2 = "http2", Info, Some("RFC 8441"),
        "The connection speaks HTTP/2 (ALPN h2, or the client's HTTP/2 preface): a WebSocket over HTTP/2 (RFC 8441) is not decoded.";
}

impl Rule {
    /// The rule with this id.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.id() == id)
    }

    /// The docs/notes.md table row for this rule.
    pub fn doc_row(self) -> String {
        format!(
            "| `{}` | {} | {} | {} |",
            self.id(),
            self.severity().word(),
            self.section().unwrap_or("—"),
            self.meaning()
        )
    }
}
