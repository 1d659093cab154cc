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
        Finding::VersionRefusalWithoutVersions { status, asked } => (
            Rule::VersionRefusalWithoutVersions,
            tr!(
                l,
                "note-hs-version-refusal",
                status = status.to_string(),
                asked = q(asked)
            ),
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

/// "client→server" in `l`'s words.
pub(crate) fn dir_words(d: Direction, l: &L10n) -> String {
    l.t(match d {
        Direction::ClientToServer => "dir-client-to-server",
        Direction::ServerToClient => "dir-server-to-client",
    })
}

/// "client" or "server": who sends in direction `d`, in `l`'s words.
pub(crate) fn sender(d: Direction, l: &L10n) -> String {
    l.t(match d {
        Direction::ClientToServer => "side-client",
        Direction::ServerToClient => "side-server",
    })
}

/// Why a TCP stream has a hole, in `l`'s words.
pub(crate) fn gap_reason(r: crate::net::GapReason, l: &L10n) -> String {
    use crate::net::GapReason as G;
    l.t(match r {
        G::NotCaptured => "gap-not-captured",
        G::Truncated => "gap-truncated",
        G::BudgetExceeded => "gap-budget",
    })
}

/// Why TLS cannot be decrypted and what the student can do about it, in
/// `l`'s words: `(reason, advice)` ([`crate::tls::Undecryptable::words`]).
pub fn undecryptable(u: &crate::tls::Undecryptable, l: &L10n) -> (String, String) {
    u.words(l)
}

/// The sentence for a problem with one TLS record or message, in `l`'s
/// words (the inner parser's detail stays as the parser words it).
pub(crate) fn tls_error(e: &crate::tls::TlsError, l: &L10n) -> String {
    use crate::tls::TlsError as E;
    let s = |v: &dyn ToString| v.to_string();
    match e {
        E::Record { error } => tr!(l, "note-tls-not-record", error = s(error)),
        E::Decrypt { error } => tr!(l, "note-tls-decrypt", error = s(error)),
        E::Handshake { error } => tr!(l, "note-tls-handshake", error = s(error)),
        E::Reassembly { error } => tr!(l, "note-tls-reassembly", error = s(error)),
        E::EmptyInnerPlaintext => l.t("note-tls-empty-inner"),
        E::PlaintextTooLong { len } => tr!(l, "note-tls-too-long", len = s(len)),
        E::BadAlert => l.t("note-tls-bad-alert"),
        E::Gap { len } => tr!(l, "note-tls-gap", len = s(len)),
        E::Resynced { skipped } => tr!(l, "note-tls-resynced", skipped = s(skipped)),
        E::ResyncFailed { tried } => tr!(l, "note-tls-resync-failed", tried = s(tried)),
        E::Truncated { pending } => tr!(l, "note-tls-truncated", pending = s(pending)),
        E::AlsoUndecryptable { reason } => {
            let (reason, advice) = undecryptable(reason, l);
            tr!(
                l,
                "note-tls-also-undecryptable",
                reason = reason,
                advice = advice
            )
        }
    }
}
