//! [`TlsConn`]: one TCP connection's TLS, both directions, fed in capture
//! order; it yields [`TlsEvent`]s and keeps a [`TlsSummary`].

use std::fmt;
use std::ops::Range;

use serde::Serialize;

use super::crypto::{
    cipher_suite, strip_inner_plaintext, tls12_keys, tls13_next_secret, CipherSuite, DecryptError,
    RecordCipher, SuiteProblem, Tls12Keys,
};
use super::handshake::{
    handshake_type_name, parse_message, version_name, ClientHello, HandshakeError,
    HandshakeMessage, HandshakeReader, ReassemblyError, ServerHello,
};
use super::keylog::{encode_hex, KeyLog, Label, Source};
use super::record::{
    ContentType, RawRecord, ReaderEvent, RecordError, RecordHeader, RecordReader, HEADER_LEN,
    MAX_CIPHERTEXT_LEN, MAX_PLAINTEXT_LEN,
};
use crate::model::Direction;

/// TLS version numbers.
const TLS12: u16 = 0x0303;
const TLS13: u16 = 0x0304;

/// Which keys protect a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "epoch", content = "generation", rename_all = "snake_case")]
pub enum Epoch {
    /// Not protected (ClientHello, ServerHello, TLS 1.2 handshake before
    /// ChangeCipherSpec).
    Plaintext,
    /// TLS 1.3 0-RTT data under the client early traffic secret (not
    /// decrypted).
    EarlyData,
    /// TLS 1.3 handshake traffic secrets (EncryptedExtensions … Finished).
    Handshake,
    /// Application traffic keys: TLS 1.3 `*_TRAFFIC_SECRET_N` (N counts
    /// KeyUpdates); TLS 1.2 keys after the Nth ChangeCipherSpec (N > 0 only
    /// after a renegotiation).
    Traffic(u32),
    /// Protected with keys wsdissect does not have, so which epoch it
    /// belongs to cannot be told.
    Unknown,
}

/// What happened to a record's protection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Protection {
    /// Sent in clear.
    Plaintext,
    /// Decrypted; its tag verified.
    Decrypted,
    /// Encrypted, and not decrypted (no keys: see the `Undecryptable` event).
    NotDecrypted,
    /// Encrypted; the tag did not verify (an `Error` event follows).
    BadTag,
    /// TLS 1.3 0-RTT early data: not decrypted (early secrets are not used).
    EarlyData,
    /// TLS 1.3 middlebox-compatibility `change_cipher_spec` (RFC 8446 §D.4):
    /// meaningless, skipped.
    CompatibilityCcs,
}

/// One record, as soon as it is complete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RecordEvent {
    /// Sender.
    pub dir: Direction,
    /// Per-direction record number, from 0, counting every record.
    pub record_number: u64,
    /// Stream offsets of the whole record (header included): map them to
    /// the TCP segments that carried it.
    pub stream: Range<u64>,
    /// Content type on the wire (TLS 1.3 ciphertext always says
    /// `application_data`).
    pub content_type: ContentType,
    /// The real content type: the outer one for plaintext and TLS 1.2, the
    /// decrypted `TLSInnerPlaintext.type` for TLS 1.3 (§5.2); `None` when not
    /// decrypted.
    pub inner_type: Option<ContentType>,
    /// `legacy_record_version`.
    pub version: u16,
    /// Fragment length on the wire.
    pub length: u16,
    /// Keys in force.
    pub epoch: Epoch,
    /// Decrypted or why not.
    pub protection: Protection,
}

/// Decrypted `application_data`: the bytes the next layer (HTTP,
/// WebSocket) reads. Emitted only for records whose tag verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct PlaintextEvent {
    /// Sender.
    pub dir: Direction,
    /// The record it came from.
    pub record_number: u64,
    /// Stream offsets of that (ciphertext) record: credit the bytes to the
    /// packet holding `stream.end - 1`, which completed the record.
    pub stream: Range<u64>,
    /// The plaintext.
    #[serde(skip)]
    pub data: Vec<u8>,
}

/// A handshake message, when its last byte arrives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct HandshakeEvent {
    /// Sender.
    pub dir: Direction,
    /// `msg_type`.
    pub msg_type: u8,
    /// Its RFC name (`client_hello` …).
    pub name: &'static str,
    /// Body length.
    pub length: u32,
    /// Carried in protected records.
    pub encrypted: bool,
    /// Record number (per direction) of the first record carrying it.
    pub first_record: u64,
    /// Record number of the record that completed it (equal to
    /// `first_record` unless the message spans records).
    pub last_record: u64,
    /// Stream offsets from the first record's start to the last record's end.
    pub stream: Range<u64>,
    /// The summary.
    pub message: HandshakeMessage,
}

/// An alert (RFC 8446 §6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct AlertEvent {
    /// Sender.
    pub dir: Direction,
    /// Record it was in.
    pub record_number: u64,
    /// Stream offsets of that record.
    pub stream: Range<u64>,
    /// 1 warning, 2 fatal.
    pub level: u8,
    /// `AlertDescription`.
    pub description: u8,
    /// `close_notify` …
    pub description_name: &'static str,
    /// Arrived encrypted (and was decrypted).
    pub encrypted: bool,
}

/// Why a connection's traffic cannot be decrypted, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Undecryptable {
    /// Encrypted records, but the capture has no ClientHello (it started
    /// after the handshake), so there is no client random to look up.
    NoHandshake,
    /// No key log was given.
    NoKeyLog,
    /// The key log has no line for this connection's client random.
    NoKeysForSession {
        /// The ClientHello random, hex.
        client_random: String,
    },
    /// The key log has this session but not a secret it needs (TLS 1.3:
    /// e.g. `SERVER_TRAFFIC_SECRET_0`; TLS 1.2: `CLIENT_RANDOM`).
    MissingSecret {
        /// The missing label.
        label: Label,
    },
    /// SSL 3.0, TLS 1.0 and 1.1 are not decrypted (no AEAD suites).
    UnsupportedVersion {
        /// The negotiated version.
        version: u16,
    },
    /// The negotiated suite is not AES-GCM or ChaCha20-Poly1305.
    UnsupportedSuite {
        /// IANA value.
        id: u16,
        /// IANA name.
        name: Option<&'static str>,
        /// Why.
        problem: SuiteProblem,
    },
    /// The first record under a key failed to authenticate: the key-log
    /// line does not belong to this session.
    KeyMismatch {
        /// The direction whose record failed.
        dir: Direction,
        /// The label used.
        label: Label,
        /// The line used.
        source: Source,
    },
    /// A secret's length does not match the suite's hash (a SHA-256 secret
    /// for a SHA-384 suite).
    SecretLength {
        /// The label.
        label: Label,
        /// The line.
        source: Source,
        /// Its length.
        got: usize,
        /// The hash length.
        want: usize,
    },
}

impl Undecryptable {
    /// Why, and what the student can do about it, in `l`'s language:
    /// `(reason, advice)` (messages `tls-why-*`, `tls-advice-*`). The note
    /// and `follow --tls` say both.
    pub fn words(&self, l: &crate::i18n::L10n) -> (String, String) {
        use crate::tr;
        use Undecryptable as U;
        let side = |d: &Direction| match d {
            Direction::ClientToServer => l.t("side-client"),
            Direction::ServerToClient => l.t("side-server"),
        };
        let (reason, advice) = match self {
            U::NoHandshake => (l.t("tls-why-no-handshake"), "tls-advice-no-handshake"),
            U::NoKeyLog => (l.t("tls-why-no-keylog"), "tls-advice-no-keylog"),
            U::NoKeysForSession { client_random } => (
                tr!(l, "tls-why-no-keys", random = client_random.as_str()),
                "tls-advice-no-keys",
            ),
            U::MissingSecret { label } => (
                tr!(l, "tls-why-missing-secret", label = label.to_string()),
                "tls-advice-missing-secret",
            ),
            U::UnsupportedVersion { version } => (
                tr!(l, "tls-why-version", version = version_name(*version)),
                "tls-advice-version",
            ),
            U::UnsupportedSuite { id, name, problem } => {
                let why = l.t(match problem {
                    SuiteProblem::NotAead => "tls-suite-not-aead",
                    SuiteProblem::OtherAead => "tls-suite-other-aead",
                    SuiteProblem::WrongVersion => "tls-suite-wrong-version",
                    SuiteProblem::Unknown => "tls-suite-unknown",
                });
                let name = match name {
                    Some(n) => (*n).to_string(),
                    None => l.t("tls-why-suite-unknown"),
                };
                (
                    tr!(
                        l,
                        "tls-why-suite",
                        name = name,
                        id = format!("{id:#06x}"),
                        why = why
                    ),
                    "tls-advice-suite",
                )
            }
            U::KeyMismatch { dir, label, source } => (
                tr!(
                    l,
                    "tls-why-key-mismatch",
                    label = label.to_string(),
                    source = source.to_string(),
                    side = side(dir)
                ),
                "tls-advice-key-mismatch",
            ),
            U::SecretLength {
                label,
                source,
                got,
                want,
            } => (
                tr!(
                    l,
                    "tls-why-secret-length",
                    label = label.to_string(),
                    source = source.to_string(),
                    got = got.to_string(),
                    want = want.to_string()
                ),
                "tls-advice-secret-length",
            ),
        };
        (reason, l.t(advice))
    }

    /// What the student can do about it (English).
    pub fn advice(&self) -> String {
        self.words(crate::i18n::L10n::get(crate::i18n::Lang::En)).1
    }
}

impl fmt::Display for Undecryptable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.words(crate::i18n::L10n::get(crate::i18n::Lang::En)).0)
    }
}

/// Something wrong with one record or message (the caller makes it a note).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum TlsError {
    /// The record header is not TLS: this direction's boundaries are lost.
    Record {
        /// Why.
        #[serde(flatten)]
        error: RecordError,
    },
    /// A record did not decrypt (after earlier ones did).
    Decrypt {
        /// Why.
        #[serde(flatten)]
        error: DecryptError,
    },
    /// A malformed handshake message.
    Handshake {
        /// Why.
        #[serde(flatten)]
        error: HandshakeError,
    },
    /// Handshake reassembly stopped.
    Reassembly {
        /// Why.
        #[serde(flatten)]
        error: ReassemblyError,
    },
    /// A TLS 1.3 record decrypted to all zeros: no content type (§5.4).
    EmptyInnerPlaintext,
    /// A decrypted fragment longer than 2^14 (RFC 8446 §5.4 `record_overflow`).
    PlaintextTooLong {
        /// Its length.
        len: usize,
    },
    /// An alert record whose length is not a multiple of 2.
    BadAlert,
    /// Bytes missing from the stream: record boundaries and the sequence
    /// number must be found again (see [`TlsConn::gap`]).
    Gap {
        /// How many bytes.
        len: u64,
    },
    /// Record boundaries found again after a gap or a bad header; the
    /// skipped bytes were not decoded.
    Resynced {
        /// Bytes skipped.
        skipped: u64,
    },
    /// After a gap, no sequence number the missing bytes allow
    /// authenticates the next record (too many records lost, or a
    /// KeyUpdate among them): this direction is no longer decrypted.
    ResyncFailed {
        /// Sequence numbers (and keys) tried.
        tried: u64,
    },
    /// The stream ended inside a record.
    Truncated {
        /// Bytes of the incomplete record.
        pending: usize,
    },
    /// A second reason a connection or direction does not decrypt (the first
    /// was the `Undecryptable` event).
    AlsoUndecryptable {
        /// Why.
        reason: Undecryptable,
    },
}

/// A problem, located.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ErrorEvent {
    /// Direction.
    pub dir: Direction,
    /// The record concerned, if any.
    pub record_number: Option<u64>,
    /// Stream offsets concerned.
    pub stream: Range<u64>,
    /// What.
    #[serde(flatten)]
    pub error: TlsError,
}

/// What [`TlsConn::feed`] reports, in stream order per direction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum TlsEvent {
    /// A complete record (always before what it carries).
    Record(RecordEvent),
    /// A complete handshake message (ClientHello/ServerHello summaries
    /// included).
    Handshake(HandshakeEvent),
    /// Decrypted application data.
    Plaintext(PlaintextEvent),
    /// An alert.
    Alert(AlertEvent),
    /// The connection (or one direction) cannot be decrypted: at most once
    /// per connection.
    Undecryptable {
        /// The direction concerned, when only one is.
        dir: Option<Direction>,
        /// Why, with [`Undecryptable::advice`].
        reason: Undecryptable,
    },
    /// A problem with a record or message.
    Error(ErrorEvent),
}

/// The per-connection summary for JSON and list views.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct TlsSummary {
    /// Negotiated version (from ServerHello).
    pub version: Option<u16>,
    /// `TLS 1.3` …
    pub version_name: Option<&'static str>,
    /// Negotiated suite.
    pub cipher_suite: Option<u16>,
    /// Its IANA name.
    pub cipher_suite_name: Option<&'static str>,
    /// SNI host name.
    pub sni: Option<String>,
    /// ALPN protocols the client offered.
    pub alpn_offered: Vec<String>,
    /// ALPN protocol chosen (ServerHello in TLS 1.2, EncryptedExtensions in 1.3).
    pub alpn: Option<String>,
    /// An abbreviated (resumed) handshake: TLS 1.2 whose server switched to
    /// encryption without a ServerHelloDone, TLS 1.3 with an accepted
    /// `pre_shared_key`.
    pub resumed: bool,
    /// The server asked for a second ClientHello (TLS 1.3 §4.1.4).
    pub hello_retry_request: bool,
    /// At least one record decrypted.
    pub decrypted: bool,
    /// The key-log lines whose secrets were used.
    pub key_log_lines: Vec<Source>,
    /// Why not, if it could not be decrypted.
    pub undecryptable: Option<Undecryptable>,
    /// Records seen, client→server and server→client.
    pub records: [u64; 2],
    /// Records decrypted, per direction.
    pub decrypted_records: [u64; 2],
    /// Records that failed to authenticate, per direction.
    pub bad_records: [u64; 2],
}

/// What to do to a direction's keys once the current record is processed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Switch {
    /// TLS 1.3 Finished: handshake → application traffic secret 0.
    TrafficSecret0,
    /// TLS 1.3 KeyUpdate: secret N → N+1.
    KeyUpdate,
}

#[derive(Debug, Default)]
struct DirState {
    hs: HandshakeReader,
    cipher: Option<RecordCipher>,
    epoch: Option<Epoch>,
    /// Records from now on are protected.
    protected: bool,
    /// Decryption stopped here for good.
    failed: bool,
    /// A record authenticated under the current cipher.
    proven: bool,
    /// The current TLS 1.3 traffic secret, its label and line.
    secret: Option<(Vec<u8>, Label, Source)>,
    /// The TLS 1.3 application traffic secret 0, waiting for Finished.
    next_secret: Option<(Vec<u8>, Label, Source)>,
    switch: Option<Switch>,
    record_number: u64,
    ccs_count: u32,
    /// Bytes in which an unknown number of records went missing (a gap,
    /// bytes skipped to resynchronise): the sequence number is uncertain.
    uncertain: Option<u64>,
    saw_hello_done: bool,
}

/// One TCP connection's TLS: feed both directions' reassembled bytes in
/// capture order, get events.
#[derive(Debug)]
pub struct TlsConn {
    readers: [Option<RecordReader>; 2],
    core: Core,
}

#[derive(Debug)]
struct Core {
    dirs: [DirState; 2],
    client_dir: Direction,
    client_hello: Option<Box<ClientHello>>,
    server_hello: Option<Box<ServerHello>>,
    /// The randoms the next TLS 1.2 key derivation uses (the latest hellos:
    /// a renegotiation brings new ones).
    randoms: ([u8; 32], Option<[u8; 32]>),
    suite: Option<CipherSuite>,
    tls12: Option<Tls12Keys>,
    /// The `CLIENT_RANDOM` line the TLS 1.2 keys came from.
    master_source: Option<Source>,
    summary: TlsSummary,
}

impl Default for TlsConn {
    fn default() -> Self {
        TlsConn::new()
    }
}

fn idx(d: Direction) -> usize {
    d.index()
}

impl TlsConn {
    /// A connection with no bytes yet.
    pub fn new() -> TlsConn {
        TlsConn {
            readers: [None, None],
            core: Core {
                dirs: Default::default(),
                client_dir: Direction::ClientToServer,
                client_hello: None,
                server_hello: None,
                randoms: ([0; 32], None),
                suite: None,
                tls12: None,
                master_source: None,
                summary: TlsSummary::default(),
            },
        }
    }

    /// Feeds the next in-order bytes of one direction. `stream_offset` is
    /// the offset of `data[0]` in that direction's stream (the TCP
    /// reassembler's chunk offset): every event's `stream` range is in the
    /// same coordinates. A jump forward is treated as a gap; bytes already
    /// fed are skipped. `keys` is consulted when a ServerHello or
    /// ChangeCipherSpec needs secrets. Events are appended to `out`.
    pub fn feed(
        &mut self,
        dir: Direction,
        stream_offset: u64,
        data: &[u8],
        keys: &KeyLog,
        out: &mut Vec<TlsEvent>,
    ) {
        let i = idx(dir);
        let reader = self.readers[i].get_or_insert_with(|| RecordReader::new(stream_offset));
        let expected = reader.next_offset();
        let mut data = data;
        if stream_offset > expected {
            let len = stream_offset - expected;
            reader.resync(stream_offset);
            self.core.gap(dir, expected, len, out);
        } else if stream_offset < expected {
            let skip = usize::try_from(expected - stream_offset).unwrap_or(usize::MAX);
            data = data.get(skip..).unwrap_or_default();
        }
        let core = &mut self.core;
        reader.push(data, |ev| core.on_reader_event(dir, ev, keys, out));
    }

    /// Bytes of `dir` that will never be seen (a TCP gap at `stream_offset`,
    /// `len` bytes). Record boundaries and sequence numbers are lost: the
    /// reader looks for two consecutive record headers to start again (a
    /// `Resynced` note), and the first protected record after it is tried
    /// with every sequence number the missing bytes allow (and, if the gap
    /// may have hidden a TLS 1.3 Finished, with the next traffic secret).
    /// If none authenticates, decryption of that direction stops with a
    /// `ResyncFailed` error.
    pub fn gap(&mut self, dir: Direction, stream_offset: u64, len: u64, out: &mut Vec<TlsEvent>) {
        let i = idx(dir);
        let reader = self.readers[i].get_or_insert_with(|| RecordReader::new(stream_offset));
        reader.resync(stream_offset + len);
        self.core.gap(dir, stream_offset, len, out);
    }

    /// The connection ended: decodes a lone last record found while
    /// resynchronising, and reports a record cut short in either direction.
    /// `keys` as for [`TlsConn::feed`].
    pub fn finish(&mut self, keys: &KeyLog, out: &mut Vec<TlsEvent>) {
        for dir in [Direction::ClientToServer, Direction::ServerToClient] {
            let Some(r) = &mut self.readers[idx(dir)] else {
                continue;
            };
            let core = &mut self.core;
            r.finish(|ev| core.on_reader_event(dir, ev, keys, out));
            if r.pending() > 0 {
                let end = r.next_offset();
                out.push(TlsEvent::Error(ErrorEvent {
                    dir,
                    record_number: Some(self.core.dirs[idx(dir)].record_number),
                    stream: end - r.pending() as u64..end,
                    error: TlsError::Truncated {
                        pending: r.pending(),
                    },
                }));
            }
        }
    }

    /// The summary so far.
    pub fn summary(&self) -> &TlsSummary {
        &self.core.summary
    }

    /// The ClientHello, once seen.
    pub fn client_hello(&self) -> Option<&ClientHello> {
        self.core.client_hello.as_deref()
    }

    /// The ServerHello, once seen.
    pub fn server_hello(&self) -> Option<&ServerHello> {
        self.core.server_hello.as_deref()
    }
}

/// An owned handshake message waiting to be processed.
struct PendingMessage {
    msg_type: u8,
    body: Vec<u8>,
    first_record: u64,
    last_record: u64,
    stream_start: u64,
}

impl Core {
    fn tls13(&self) -> bool {
        self.summary.version == Some(TLS13)
    }

    /// A version before TLS 1.3 was negotiated: ChangeCipherSpec is real.
    fn pre13(&self) -> bool {
        self.summary.version.is_some_and(|v| v != TLS13)
    }

    fn gap(&mut self, dir: Direction, at: u64, len: u64, out: &mut Vec<TlsEvent>) {
        let d = &mut self.dirs[idx(dir)];
        d.hs.reset();
        d.uncertain = Some(d.uncertain.unwrap_or(0).saturating_add(len));
        out.push(TlsEvent::Error(ErrorEvent {
            dir,
            record_number: None,
            stream: at..at + len,
            error: TlsError::Gap { len },
        }));
    }

    fn on_reader_event(
        &mut self,
        dir: Direction,
        ev: ReaderEvent<'_>,
        keys: &KeyLog,
        out: &mut Vec<TlsEvent>,
    ) {
        match ev {
            ReaderEvent::Record(rec) => self.on_record(dir, rec, keys, out),
            ReaderEvent::BadHeader { at, error } => {
                let d = &mut self.dirs[idx(dir)];
                d.hs.reset();
                d.uncertain = Some(d.uncertain.unwrap_or(0));
                out.push(TlsEvent::Error(ErrorEvent {
                    dir,
                    record_number: None,
                    stream: at..at + 5,
                    error: TlsError::Record { error },
                }));
            }
            ReaderEvent::Resynced { at, skipped } => {
                let d = &mut self.dirs[idx(dir)];
                d.uncertain = Some(d.uncertain.unwrap_or(0).saturating_add(skipped));
                out.push(TlsEvent::Error(ErrorEvent {
                    dir,
                    record_number: None,
                    stream: at - skipped..at,
                    error: TlsError::Resynced { skipped },
                }));
            }
        }
    }

    /// Reports a reason not to decrypt: the first as the connection's
    /// `Undecryptable` event, later ones as errors.
    fn undecryptable(
        &mut self,
        dir: Option<Direction>,
        reason: Undecryptable,
        stream: Range<u64>,
        out: &mut Vec<TlsEvent>,
    ) {
        if self.summary.undecryptable.is_none() {
            self.summary.undecryptable = Some(reason.clone());
            out.push(TlsEvent::Undecryptable { dir, reason });
        } else if self.summary.undecryptable.as_ref() != Some(&reason) {
            out.push(TlsEvent::Error(ErrorEvent {
                dir: dir.unwrap_or(self.client_dir),
                record_number: None,
                stream,
                error: TlsError::AlsoUndecryptable { reason },
            }));
        }
    }

    fn on_record(
        &mut self,
        dir: Direction,
        rec: RawRecord<'_>,
        keys: &KeyLog,
        out: &mut Vec<TlsEvent>,
    ) {
        let i = idx(dir);
        let rn = self.dirs[i].record_number;
        self.dirs[i].record_number += 1;
        self.summary.records[i] += 1;
        let hdr = rec.header;
        let stream = rec.stream();
        let record = |inner_type, epoch, protection| {
            TlsEvent::Record(RecordEvent {
                dir,
                record_number: rn,
                stream: stream.clone(),
                content_type: hdr.content_type,
                inner_type,
                version: hdr.version,
                length: hdr.length,
                epoch,
                protection,
            })
        };

        if hdr.content_type == ContentType::ChangeCipherSpec && !self.pre13() {
            // TLS 1.3 (or not yet known): the middlebox-compatibility
            // change_cipher_spec, never protected, never meaningful.
            let epoch = self.dirs[i].epoch.unwrap_or(Epoch::Plaintext);
            out.push(record(None, epoch, Protection::CompatibilityCcs));
            return;
        }

        let d = &self.dirs[i];
        let protected = d.protected
            // TLS 1.3 peers may still send a plaintext alert (e.g. when they
            // cannot process the ServerHello); only application_data-typed
            // records are ciphertext there.
            && !(self.tls13() && hdr.content_type != ContentType::ApplicationData);
        if !protected {
            if hdr.content_type == ContentType::ApplicationData {
                // application_data before this direction has keys: 0-RTT
                // data, or a capture that missed the handshake.
                let early = dir == self.client_dir
                    && self.client_hello.as_ref().is_some_and(|c| c.early_data);
                let epoch = if early {
                    Epoch::EarlyData
                } else {
                    Epoch::Unknown
                };
                let prot = if early {
                    Protection::EarlyData
                } else {
                    Protection::NotDecrypted
                };
                out.push(record(None, epoch, prot));
                if !early && self.client_hello.is_none() {
                    self.undecryptable(Some(dir), Undecryptable::NoHandshake, stream.clone(), out);
                }
                return;
            }
            out.push(record(
                Some(hdr.content_type),
                Epoch::Plaintext,
                Protection::Plaintext,
            ));
            self.dispatch(
                dir,
                rn,
                &stream,
                hdr.content_type,
                rec.fragment(),
                false,
                keys,
                out,
            );
            return;
        }

        let tls13 = self.tls13();
        let suite = self.suite;
        let d = &mut self.dirs[i];
        if d.cipher.is_none() || d.failed {
            let epoch = match d.epoch {
                Some(e) if !tls13 => e,
                _ => Epoch::Unknown,
            };
            out.push(record(None, epoch, Protection::NotDecrypted));
            return;
        }
        let mut buf = Vec::with_capacity(rec.fragment().len());
        let after_gap = d.uncertain.is_some();
        let result = match d.uncertain.take() {
            None => match d.cipher.as_mut() {
                Some(c) => c.open(&hdr, rec.fragment(), &mut buf),
                None => Err(DecryptError::BadTag),
            },
            Some(lost) => match open_after_gap(d, suite, lost, &hdr, rec.fragment(), &mut buf) {
                Ok(()) => Ok(()),
                Err(tried) => {
                    d.failed = true;
                    d.cipher = None;
                    out.push(record(None, Epoch::Unknown, Protection::NotDecrypted));
                    out.push(TlsEvent::Error(ErrorEvent {
                        dir,
                        record_number: Some(rn),
                        stream,
                        error: TlsError::ResyncFailed { tried },
                    }));
                    return;
                }
            },
        };
        let epoch = d.epoch.unwrap_or(Epoch::Unknown);
        if let (true, Ok(()), Some((_, _, source))) = (after_gap, &result, &d.secret) {
            // The gap may have hidden the switch to a new secret.
            if !self.summary.key_log_lines.contains(source) {
                self.summary.key_log_lines.push(source.clone());
            }
        }
        let d = &mut self.dirs[i];
        match result {
            Ok(()) => {
                d.proven = true;
                self.summary.decrypted_records[i] += 1;
                self.summary.decrypted = true;
                let inner = if tls13 {
                    strip_inner_plaintext(&mut buf)
                } else {
                    Some(hdr.content_type.to_u8())
                };
                let Some(inner) = inner.and_then(ContentType::from_u8) else {
                    out.push(record(None, epoch, Protection::Decrypted));
                    out.push(TlsEvent::Error(ErrorEvent {
                        dir,
                        record_number: Some(rn),
                        stream: stream.clone(),
                        error: TlsError::EmptyInnerPlaintext,
                    }));
                    return;
                };
                out.push(record(Some(inner), epoch, Protection::Decrypted));
                if buf.len() > MAX_PLAINTEXT_LEN {
                    out.push(TlsEvent::Error(ErrorEvent {
                        dir,
                        record_number: Some(rn),
                        stream: stream.clone(),
                        error: TlsError::PlaintextTooLong { len: buf.len() },
                    }));
                }
                if inner == ContentType::ApplicationData {
                    if let Err(e) = self.dirs[i].hs.interrupt("application_data") {
                        out.push(reassembly_error(dir, rn, &stream, e));
                    }
                    out.push(TlsEvent::Plaintext(PlaintextEvent {
                        dir,
                        record_number: rn,
                        stream: stream.clone(),
                        data: buf,
                    }));
                } else {
                    self.dispatch(dir, rn, &stream, inner, &buf, true, keys, out);
                }
                self.apply_switch(dir, &stream, out);
            }
            Err(error) => {
                let early_data_offered = self.client_hello.as_ref().is_some_and(|c| c.early_data);
                if tls13
                    && dir == self.client_dir
                    && epoch == Epoch::Handshake
                    && !d.proven
                    && early_data_offered
                {
                    // 0-RTT records (early data, EndOfEarlyData) come before
                    // the client's handshake records and use the early
                    // secret: skip them without consuming a sequence number.
                    if let Some(c) = d.cipher.as_mut() {
                        c.set_seq(c.seq().wrapping_sub(1));
                    }
                    out.push(record(None, Epoch::EarlyData, Protection::EarlyData));
                    return;
                }
                if !d.proven {
                    d.failed = true;
                    d.cipher = None;
                    let (label, source) = match &d.secret {
                        Some((_, l, s)) => (*l, s.clone()),
                        None => (
                            Label::ClientRandom,
                            self.master_source.clone().unwrap_or_else(unknown_source),
                        ),
                    };
                    out.push(record(None, epoch, Protection::NotDecrypted));
                    let reason = Undecryptable::KeyMismatch { dir, label, source };
                    self.undecryptable(Some(dir), reason, stream, out);
                    return;
                }
                self.summary.bad_records[i] += 1;
                out.push(record(None, epoch, Protection::BadTag));
                out.push(TlsEvent::Error(ErrorEvent {
                    dir,
                    record_number: Some(rn),
                    stream,
                    error: TlsError::Decrypt { error },
                }));
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn dispatch(
        &mut self,
        dir: Direction,
        rn: u64,
        stream: &Range<u64>,
        content: ContentType,
        data: &[u8],
        encrypted: bool,
        keys: &KeyLog,
        out: &mut Vec<TlsEvent>,
    ) {
        let i = idx(dir);
        match content {
            ContentType::Handshake => {
                let mut msgs = Vec::new();
                let res = self.dirs[i].hs.push(data, rn, stream.start, |m| {
                    msgs.push(PendingMessage {
                        msg_type: m.msg_type,
                        body: m.body.to_vec(),
                        first_record: m.first_record,
                        last_record: m.last_record,
                        stream_start: m.stream_start,
                    })
                });
                for m in msgs {
                    self.on_message(dir, m, stream.end, encrypted, keys, out);
                }
                if let Err(e) = res {
                    out.push(reassembly_error(dir, rn, stream, e));
                }
            }
            ContentType::Alert => {
                if let Err(e) = self.dirs[i].hs.interrupt("alert") {
                    out.push(reassembly_error(dir, rn, stream, e));
                }
                if data.is_empty() || !data.len().is_multiple_of(2) {
                    out.push(TlsEvent::Error(ErrorEvent {
                        dir,
                        record_number: Some(rn),
                        stream: stream.clone(),
                        error: TlsError::BadAlert,
                    }));
                }
                for a in data.chunks_exact(2) {
                    out.push(TlsEvent::Alert(AlertEvent {
                        dir,
                        record_number: rn,
                        stream: stream.clone(),
                        level: a[0],
                        description: a[1],
                        description_name: alert_name(a[1]),
                        encrypted,
                    }));
                }
            }
            // TLS 1.2 only (the caller skips TLS 1.3's); in clear, or
            // encrypted during a renegotiation.
            ContentType::ChangeCipherSpec if self.pre13() => {
                self.change_cipher_spec(dir, stream, out)
            }
            // Plaintext application data never reaches here (it is treated
            // as undecrypted ciphertext); heartbeats carry nothing to show;
            // a change_cipher_spec inside TLS 1.3 encryption is meaningless
            // (RFC 8446 §5: a peer would abort with unexpected_message).
            ContentType::ApplicationData
            | ContentType::Heartbeat
            | ContentType::ChangeCipherSpec => {}
        }
    }

    fn on_message(
        &mut self,
        dir: Direction,
        m: PendingMessage,
        last_record_end: u64,
        encrypted: bool,
        keys: &KeyLog,
        out: &mut Vec<TlsEvent>,
    ) {
        let i = idx(dir);
        let stream = m.stream_start..last_record_end;
        let message = match parse_message(m.msg_type, &m.body, self.tls13()) {
            Ok(msg) => msg,
            Err(error) => {
                out.push(TlsEvent::Error(ErrorEvent {
                    dir,
                    record_number: Some(m.last_record),
                    stream,
                    error: TlsError::Handshake { error },
                }));
                return;
            }
        };
        out.push(TlsEvent::Handshake(HandshakeEvent {
            dir,
            msg_type: m.msg_type,
            name: handshake_type_name(m.msg_type),
            length: m.body.len() as u32,
            encrypted,
            first_record: m.first_record,
            last_record: m.last_record,
            stream: stream.clone(),
            message: message.clone(),
        }));
        match message {
            HandshakeMessage::ClientHello(ch) => {
                self.randoms.0 = ch.random;
                if self.client_hello.is_none() {
                    self.client_dir = dir;
                    self.summary.sni.clone_from(&ch.sni);
                    self.summary.alpn_offered.clone_from(&ch.alpn);
                    self.client_hello = Some(ch);
                }
            }
            HandshakeMessage::ServerHello(sh) => {
                if sh.hello_retry_request {
                    self.summary.hello_retry_request = true;
                    return;
                }
                self.randoms.1 = Some(sh.random);
                let first = self.server_hello.is_none();
                if first {
                    self.server_hello = Some(sh.clone());
                    self.summary.version = Some(sh.version);
                    self.summary.version_name = Some(version_name(sh.version));
                    self.summary.cipher_suite = Some(sh.cipher_suite);
                    self.summary.cipher_suite_name = sh.cipher_suite_name;
                    if sh.alpn.is_some() {
                        self.summary.alpn.clone_from(&sh.alpn);
                    }
                    if sh.version == TLS13 && sh.psk {
                        self.summary.resumed = true;
                    }
                }
                self.on_server_hello(&sh, &stream, keys, out);
            }
            HandshakeMessage::EncryptedExtensions { alpn, .. } if alpn.is_some() => {
                self.summary.alpn = alpn;
            }
            HandshakeMessage::ServerHelloDone => self.dirs[i].saw_hello_done = true,
            // TLS 1.3: the sender's next records use its application
            // traffic secret 0 (Finished) or the next one (KeyUpdate).
            HandshakeMessage::Finished { .. }
                if self.tls13() && encrypted && self.dirs[i].epoch == Some(Epoch::Handshake) =>
            {
                self.dirs[i].switch = Some(Switch::TrafficSecret0);
            }
            HandshakeMessage::KeyUpdate { .. }
                if self.tls13() && matches!(self.dirs[i].epoch, Some(Epoch::Traffic(_))) =>
            {
                self.dirs[i].switch = Some(Switch::KeyUpdate);
            }
            _ => {}
        }
    }

    /// ServerHello: the version and suite are known; look up the keys.
    fn on_server_hello(
        &mut self,
        sh: &ServerHello,
        stream: &Range<u64>,
        keys: &KeyLog,
        out: &mut Vec<TlsEvent>,
    ) {
        let tls13 = sh.version == TLS13;
        if !tls13 && sh.version != TLS12 {
            let reason = Undecryptable::UnsupportedVersion {
                version: sh.version,
            };
            return self.undecryptable(None, reason, stream.clone(), out);
        }
        if tls13 {
            // Every later record of both directions is protected (§5.2);
            // the ServerHello's own record was not.
            for d in &mut self.dirs {
                d.protected = true;
                d.epoch = Some(Epoch::Handshake);
            }
        }
        let suite = match cipher_suite(sh.cipher_suite, tls13) {
            Ok(s) => s,
            Err(problem) => {
                let reason = Undecryptable::UnsupportedSuite {
                    id: sh.cipher_suite,
                    name: sh.cipher_suite_name,
                    problem,
                };
                return self.undecryptable(None, reason, stream.clone(), out);
            }
        };
        self.suite = Some(suite);
        if self.client_hello.is_none() {
            return self.undecryptable(None, Undecryptable::NoHandshake, stream.clone(), out);
        }
        if keys.is_empty() {
            return self.undecryptable(None, Undecryptable::NoKeyLog, stream.clone(), out);
        }
        let Some(secrets) = keys.lookup(&self.randoms.0) else {
            let reason = Undecryptable::NoKeysForSession {
                client_random: encode_hex(&self.randoms.0),
            };
            return self.undecryptable(None, reason, stream.clone(), out);
        };
        let cd = idx(self.client_dir);
        let sd = 1 - cd;
        if tls13 {
            let plan = [
                (
                    sd,
                    Label::ServerHandshakeTrafficSecret,
                    Label::ServerTrafficSecret0,
                ),
                (
                    cd,
                    Label::ClientHandshakeTrafficSecret,
                    Label::ClientTrafficSecret0,
                ),
            ];
            for (di, hs_label, ap_label) in plan {
                let dir = dir_of(di);
                let Some(hs) = secrets.get(hs_label) else {
                    let reason = Undecryptable::MissingSecret { label: hs_label };
                    self.undecryptable(Some(dir), reason, stream.clone(), out);
                    continue;
                };
                match RecordCipher::tls13(&suite, &hs.bytes) {
                    Ok(c) => {
                        self.summary.key_log_lines.push(hs.source.clone());
                        let d = &mut self.dirs[di];
                        d.cipher = Some(c);
                        d.proven = false;
                        d.uncertain = None;
                        d.secret = Some((hs.bytes.clone(), hs_label, hs.source.clone()));
                        d.next_secret = secrets
                            .get(ap_label)
                            .map(|s| (s.bytes.clone(), ap_label, s.source.clone()));
                    }
                    Err(e) => {
                        let reason = Undecryptable::SecretLength {
                            label: hs_label,
                            source: hs.source.clone(),
                            got: e.got,
                            want: e.want,
                        };
                        self.undecryptable(Some(dir), reason, stream.clone(), out);
                    }
                }
            }
        } else {
            let Some(ms) = secrets.get(Label::ClientRandom) else {
                let reason = Undecryptable::MissingSecret {
                    label: Label::ClientRandom,
                };
                return self.undecryptable(None, reason, stream.clone(), out);
            };
            let Some(server_random) = self.randoms.1 else {
                return;
            };
            self.tls12 = Some(tls12_keys(
                &suite,
                &ms.bytes,
                &self.randoms.0,
                &server_random,
            ));
            self.master_source = Some(ms.source.clone());
            if !self.summary.key_log_lines.contains(&ms.source) {
                self.summary.key_log_lines.push(ms.source.clone());
            }
        }
    }

    /// TLS 1.2 ChangeCipherSpec (RFC 5246 §7.1): this direction's next
    /// records use the pending keys, sequence number 0.
    fn change_cipher_spec(&mut self, dir: Direction, stream: &Range<u64>, out: &mut Vec<TlsEvent>) {
        let i = idx(dir);
        let client = dir == self.client_dir;
        if let Err(e) = self.dirs[i].hs.interrupt("change_cipher_spec") {
            out.push(reassembly_error(
                dir,
                self.dirs[i].record_number.saturating_sub(1),
                stream,
                e,
            ));
        }
        let d = &mut self.dirs[i];
        d.protected = true;
        d.epoch = Some(Epoch::Traffic(d.ccs_count));
        d.ccs_count += 1;
        d.proven = false;
        d.uncertain = None;
        d.cipher = match (&self.suite, &self.tls12) {
            (Some(suite), Some(k)) if !d.failed => {
                RecordCipher::tls12(suite, if client { &k.client } else { &k.server }).ok()
            }
            _ => None,
        };
        if !client && !d.saw_hello_done && self.server_hello.is_some() {
            // ServerHello then ChangeCipherSpec, no ServerHelloDone: the
            // abbreviated handshake (RFC 5246 §7.3, session ID or ticket
            // resumption).
            self.summary.resumed = true;
        }
        if self.server_hello.is_none() {
            self.undecryptable(Some(dir), Undecryptable::NoHandshake, stream.clone(), out);
        }
    }

    /// Applies a key change decided by the record just processed.
    fn apply_switch(&mut self, dir: Direction, stream: &Range<u64>, out: &mut Vec<TlsEvent>) {
        let i = idx(dir);
        let Some(switch) = self.dirs[i].switch.take() else {
            return;
        };
        let Some(suite) = self.suite else { return };
        let d = &mut self.dirs[i];
        // A handshake message must not span a key change (RFC 8446 §5.1).
        d.hs.reset();
        let (secret, generation) = match switch {
            Switch::TrafficSecret0 => {
                let Some(next) = d.next_secret.take() else {
                    d.cipher = None;
                    d.epoch = Some(Epoch::Traffic(0));
                    let label = if dir == self.client_dir {
                        Label::ClientTrafficSecret0
                    } else {
                        Label::ServerTrafficSecret0
                    };
                    let reason = Undecryptable::MissingSecret { label };
                    return self.undecryptable(Some(dir), reason, stream.clone(), out);
                };
                if !self.summary.key_log_lines.contains(&next.2) {
                    self.summary.key_log_lines.push(next.2.clone());
                }
                (next, 0)
            }
            Switch::KeyUpdate => {
                let Some((cur, label, source)) = d.secret.take() else {
                    return;
                };
                let Ok(next) = tls13_next_secret(suite.hash, &cur) else {
                    return;
                };
                let generation = match d.epoch {
                    Some(Epoch::Traffic(n)) => n.saturating_add(1),
                    _ => 0,
                };
                ((next, label, source), generation)
            }
        };
        d.cipher = RecordCipher::tls13(&suite, &secret.0).ok();
        d.secret = Some(secret);
        d.epoch = Some(Epoch::Traffic(generation));
        d.proven = false;
        d.uncertain = None;
    }
}

/// Most sequence numbers tried on the first record after a gap.
const MAX_RESYNC_TRIALS: u64 = 4096;
/// Most ciphertext bytes decrypted while trying them (≈ 25 ms of AES-GCM).
const MAX_RESYNC_BYTES: u64 = 64 << 20;

/// Decrypts the first protected record after `lost` uncertain bytes: an
/// unknown number of records went by, each at least a header and a tag
/// long and at most `HEADER_LEN + MAX_CIPHERTEXT_LEN`, so the sequence
/// number lies in a known window. TLS 1.2 AES-GCM senders put the sequence
/// number in the explicit nonce: that guess goes first. If the gap may have
/// hidden the TLS 1.3 Finished, the application traffic secret 0 is tried
/// too. `Err(tried)` when nothing authenticates.
fn open_after_gap(
    d: &mut DirState,
    suite: Option<CipherSuite>,
    lost: u64,
    hdr: &RecordHeader,
    fragment: &[u8],
    buf: &mut Vec<u8>,
) -> Result<(), u64> {
    let Some(cipher) = d.cipher.as_mut() else {
        return Err(0);
    };
    let smallest = (HEADER_LEN + crate::tls::crypto::TAG_LEN) as u64;
    let largest = (HEADER_LEN + MAX_CIPHERTEXT_LEN) as u64;
    let count = (lost / smallest + 2)
        .min(MAX_RESYNC_TRIALS)
        .min(MAX_RESYNC_BYTES / (fragment.len() as u64).max(1))
        .max(1);
    let seq = cipher.seq();
    let lo = seq.saturating_add(lost / largest);
    let hint = cipher
        .explicit_nonce(fragment)
        .filter(|n| (seq..seq.saturating_add(lost / smallest + 2)).contains(n));
    let mut tried = 0;
    for s in hint.into_iter().chain(lo..lo.saturating_add(count)) {
        cipher.set_seq(s);
        tried += 1;
        if cipher.open(hdr, fragment, buf).is_ok() {
            return Ok(());
        }
    }
    if d.epoch == Some(Epoch::Handshake) {
        if let (Some(suite), Some(next)) = (suite, d.next_secret.as_ref()) {
            if let Ok(mut c) = RecordCipher::tls13(&suite, &next.0) {
                for s in 0..count {
                    c.set_seq(s);
                    tried += 1;
                    if c.open(hdr, fragment, buf).is_ok() {
                        d.cipher = Some(c);
                        d.secret = d.next_secret.take();
                        d.epoch = Some(Epoch::Traffic(0));
                        return Ok(());
                    }
                }
            }
        }
    }
    Err(tried)
}

fn dir_of(i: usize) -> Direction {
    if i == 0 {
        Direction::ClientToServer
    } else {
        Direction::ServerToClient
    }
}

fn unknown_source() -> Source {
    Source {
        name: "".into(),
        line: 0,
    }
}

fn reassembly_error(
    dir: Direction,
    rn: u64,
    stream: &Range<u64>,
    error: ReassemblyError,
) -> TlsEvent {
    TlsEvent::Error(ErrorEvent {
        dir,
        record_number: Some(rn),
        stream: stream.clone(),
        error: TlsError::Reassembly { error },
    })
}

/// The RFC name of an alert description (RFC 8446 §6, RFC 5246 §7.2).
pub fn alert_name(d: u8) -> &'static str {
    match d {
        0 => "close_notify",
        10 => "unexpected_message",
        20 => "bad_record_mac",
        21 => "decryption_failed",
        22 => "record_overflow",
        30 => "decompression_failure",
        40 => "handshake_failure",
        41 => "no_certificate",
        42 => "bad_certificate",
        43 => "unsupported_certificate",
        44 => "certificate_revoked",
        45 => "certificate_expired",
        46 => "certificate_unknown",
        47 => "illegal_parameter",
        48 => "unknown_ca",
        49 => "access_denied",
        50 => "decode_error",
        51 => "decrypt_error",
        60 => "export_restriction",
        70 => "protocol_version",
        71 => "insufficient_security",
        80 => "internal_error",
        86 => "inappropriate_fallback",
        90 => "user_canceled",
        100 => "no_renegotiation",
        109 => "missing_extension",
        110 => "unsupported_extension",
        111 => "certificate_unobtainable",
        112 => "unrecognized_name",
        113 => "bad_certificate_status_response",
        114 => "bad_certificate_hash_value",
        115 => "unknown_psk_identity",
        116 => "certificate_required",
        120 => "no_application_protocol",
        _ => "unknown",
    }
}
