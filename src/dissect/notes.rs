//! Typed findings of the parser layer turned into notes: which rule each one
//! breaks (declared in [`crate::model::rules`]) and the sentence a student
//! reads. The parsers decide the rules; this is the only place that words them.

use crate::http::handshake::{Finding, Side};
use crate::i18n::L10n;
use crate::model::Rule;
use crate::net::Direction;
use crate::tr;
use crate::ws::frame::{FrameHeader, Opcode, Violation};

/// The rule and sentence for a frame-header violation; `h` is the header
/// when it was complete. Worded in `l`'s language (captures: English;
/// `wsdissect frame` follows `--lang`); the sentences are `note-frame-*`.
pub fn violation(v: Violation, op: Opcode, h: Option<&FrameHeader>, l: &L10n) -> (Rule, String) {
    match v {
        Violation::ClientFrameUnmasked => (
            Rule::ClientFrameNotMasked,
            l.t("note-frame-client-unmasked"),
        ),
        Violation::ServerFrameMasked => (Rule::ServerFrameMasked, l.t("note-frame-server-masked")),
        Violation::Rsv1WithoutExtension => (Rule::RsvWithoutExtension, l.t("note-frame-rsv1")),
        Violation::Rsv2Set => (
            Rule::RsvWithoutExtension,
            tr!(l, "note-frame-rsv-other", bit = "RSV2"),
        ),
        Violation::Rsv3Set => (
            Rule::RsvWithoutExtension,
            tr!(l, "note-frame-rsv-other", bit = "RSV3"),
        ),
        Violation::Rsv1OnControl => (Rule::CompressedControlFrame, l.t("note-frame-rsv1-control")),
        Violation::Rsv1OnContinuation => (
            Rule::Rsv1OnContinuation,
            l.t("note-frame-rsv1-continuation"),
        ),
        Violation::ReservedOpcode(code) => (
            Rule::ReservedOpcode,
            tr!(
                l,
                "note-frame-reserved-opcode",
                code = format!("0x{code:x}")
            ),
        ),
        Violation::NonMinimalLength => (
            Rule::NonMinimalLength,
            match h {
                Some(h) => tr!(
                    l,
                    "note-frame-non-minimal",
                    len = h.payload_len.to_string(),
                    len7 = h.len7.to_string()
                ),
                None => l.t("note-frame-non-minimal-unknown"),
            },
        ),
        Violation::LengthTopBitSet => (Rule::LengthTopBitSet, l.t("note-frame-top-bit")),
        Violation::ControlTooLong(len) => (
            Rule::ControlFrameTooLong,
            tr!(
                l,
                "note-frame-control-too-long",
                op = op.name(),
                len = len.to_string()
            ),
        ),
        Violation::FragmentedControl => (
            Rule::ControlFrameFragmented,
            tr!(l, "note-frame-control-fragmented", op = op.name()),
        ),
    }
}

/// The rule, sentence and direction for a handshake finding, worded in
/// `l`'s language (the capture path uses English; `wsdissect handshake`
/// follows `--lang`). The sentences are Fluent messages `note-hs-*`.
pub fn handshake(f: &Finding, l: &L10n) -> (Rule, String, Direction) {
    let dir = |side: Side| match side {
        Side::Request => Direction::ClientToServer,
        Side::Response => Direction::ServerToClient,
    };
    let q = |s: &str| format!("{s:?}");
    let (rule, text, d) = match f {
        Finding::MethodNotGet { method } => (
            Rule::HandshakeNotGet,
            tr!(l, "note-hs-not-get", method = q(method)),
            Direction::ClientToServer,
        ),
        Finding::HttpVersionTooLow { version } => (
            Rule::HandshakeHttpVersion,
            tr!(l, "note-hs-http-version", version = version.as_str()),
            Direction::ClientToServer,
        ),
        Finding::HeaderMissing { side, header } => (
            Rule::HandshakeHeaderMissing,
            match side {
                Side::Request => tr!(l, "note-hs-request-missing", header = header.spelled()),
                Side::Response => tr!(l, "note-hs-response-missing", header = header.spelled()),
            },
            dir(*side),
        ),
        Finding::HeaderRepeated {
            side,
            header,
            count,
        } => (
            Rule::HandshakeHeaderRepeated,
            tr!(
                l,
                "note-hs-repeated",
                header = *header,
                count = count.to_string()
            ),
            dir(*side),
        ),
        Finding::KeyInvalid { key } => (
            Rule::BadKey,
            tr!(l, "note-hs-bad-key", key = q(key)),
            Direction::ClientToServer,
        ),
        Finding::VersionNot13 { value } => (
            Rule::WrongVersion,
            tr!(l, "note-hs-wrong-version", value = q(value)),
            Direction::ClientToServer,
        ),
        Finding::ExtensionsMalformed { side, error } => (
            Rule::HttpMalformed,
            match side {
                Side::Request => tr!(
                    l,
                    "note-hs-ext-malformed-request",
                    error = error.to_string()
                ),
                Side::Response => tr!(
                    l,
                    "note-hs-ext-malformed-response",
                    error = error.to_string()
                ),
            },
            dir(*side),
        ),
        Finding::Refused { status } => (
            Rule::UpgradeRefused,
            tr!(l, "note-hs-refused", status = status.to_string()),
            Direction::ServerToClient,
        ),
        Finding::AcceptOnRefusal { status } => (
            Rule::AcceptWithout101,
            tr!(l, "note-hs-accept-on-refusal", status = status.to_string()),
            Direction::ServerToClient,
        ),
        Finding::AcceptMismatch { got, expected } => (
            Rule::AcceptMismatch,
            match expected {
                Some(e) => tr!(l, "note-hs-accept-mismatch", got = q(got), expected = q(e)),
                None => tr!(l, "note-hs-accept-no-key", got = q(got)),
            },
            Direction::ServerToClient,
        ),
        Finding::SubprotocolNotOffered { chosen } => (
            Rule::SubprotocolNotOffered,
            tr!(l, "note-hs-subprotocol", chosen = q(chosen)),
            Direction::ServerToClient,
        ),
        Finding::ExtensionNotOffered { name } => (
            Rule::ExtensionNotOffered,
            tr!(l, "note-hs-extension", name = q(name)),
            Direction::ServerToClient,
        ),
        Finding::DeflateParams(e) => (
            Rule::DeflateParams,
            tr!(l, "note-hs-deflate", error = e.to_string()),
            Direction::ServerToClient,
        ),
    };
    let text = if f.client_must_fail() {
        format!("{text}: {}", l.t("note-browser-fails"))
    } else {
        text
    };
    (rule, text, d)
}

/// "client→server" in words.
pub(crate) fn dir_words(d: Direction) -> &'static str {
    match d {
        Direction::ClientToServer => "client→server",
        Direction::ServerToClient => "server→client",
    }
}

/// "client" or "server": who sends in direction `d`.
pub(crate) fn sender(d: Direction) -> &'static str {
    match d {
        Direction::ClientToServer => "client",
        Direction::ServerToClient => "server",
    }
}

/// The sentence for a problem with one TLS record or message.
pub(crate) fn tls_error(e: &crate::tls::TlsError) -> String {
    use crate::tls::TlsError as E;
    match e {
        E::Record { error } => format!("the bytes are not a TLS record ({error}): this direction's record boundaries are lost"),
        E::Decrypt { error } => format!("a TLS record does not decrypt ({error}); it is not shown as data"),
        E::Handshake { error } => format!("a TLS handshake message does not parse: {error}"),
        E::Reassembly { error } => format!("TLS handshake reassembly stopped: {error}"),
        E::EmptyInnerPlaintext => "a TLS 1.3 record decrypts to nothing but padding: it has no content type (RFC 8446 §5.4)".into(),
        E::PlaintextTooLong { len } => format!("a TLS record decrypts to {len} bytes, more than 2^14 (record_overflow, RFC 8446 §5.4)"),
        E::BadAlert => "a TLS alert record whose length is not a multiple of 2".into(),
        E::Gap { len } => format!("{len} bytes of TLS are missing: record boundaries and sequence numbers are lost, so the rest of this direction cannot be decrypted"),
        E::Resynced { skipped } => format!("TLS record boundaries found again after skipping {skipped} bytes"),
        E::ResyncFailed { tried } => format!("after a gap no sequence number the missing bytes allow ({tried} tried) authenticates the next TLS record: the rest of this direction cannot be decrypted"),
        E::Truncated { pending } => format!("the connection ends {pending} bytes into a TLS record"),
        E::AlsoUndecryptable { reason } => format!("this direction cannot be decrypted either: {reason}; {}", reason.advice()),
    }
}
