//! The NSS key log format (`SSLKEYLOGFILE`), as written by Firefox, Chrome,
//! curl, OpenSSL's `SSL_CTX_set_keylog_callback` and read by Wireshark.
//!
//! Each useful line is `LABEL <client_random hex> <secret hex>`:
//!
//! | label | protocol | what the secret is |
//! |---|---|---|
//! | `CLIENT_RANDOM` | TLS 1.2 and older | the 48-byte master secret (RFC 5246 §8.1) |
//! | `CLIENT_HANDSHAKE_TRAFFIC_SECRET` | TLS 1.3 | `client_handshake_traffic_secret` (RFC 8446 §7.1) |
//! | `SERVER_HANDSHAKE_TRAFFIC_SECRET` | TLS 1.3 | `server_handshake_traffic_secret` |
//! | `CLIENT_TRAFFIC_SECRET_0` | TLS 1.3 | `client_application_traffic_secret_0` |
//! | `SERVER_TRAFFIC_SECRET_0` | TLS 1.3 | `server_application_traffic_secret_0` |
//! | `EXPORTER_SECRET`, `CLIENT_EARLY_TRAFFIC_SECRET`, `EARLY_EXPORTER_SECRET` | TLS 1.3 | known, kept, not used for decryption |
//!
//! The client random (the 32 bytes of `ClientHello.random`) is the join key:
//! it is in the capture in clear, so a connection finds its secrets by it,
//! and a resumed session (which has a fresh client random and its own
//! `CLIENT_RANDOM` line) needs nothing special.
//!
//! Parsing never fails: comments (`#`), blank lines, CRLF line ends and
//! labels this module does not know are skipped silently, and a malformed line
//! becomes a [`KeyLogWarning`] naming its line and what is wrong with it. A
//! student's hand-edited or truncated file still yields every good line.
//!
//! Every secret remembers where it came from ([`Source`]: file name and line
//! number) so a view can say which key-log line decrypted a connection.
//!
//! A pcapng Decryption Secrets Block (block type `0x0000000A`) with secrets
//! type [`DSB_SECRETS_TYPE_TLS_KEYLOG`] carries the same text: hand its
//! secrets data to [`KeyLog::parse_bytes`] (trailing NUL padding is ignored).

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

/// pcapng Decryption Secrets Block secrets type for a TLS key log
/// (`"TLSK"`, pcapng spec §4.7): its secrets data is NSS key log text.
pub const DSB_SECRETS_TYPE_TLS_KEYLOG: u32 = 0x544c_534b;

/// Length of `ClientHello.random` (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2).
pub const CLIENT_RANDOM_LEN: usize = 32;

/// Length of a TLS 1.2 master secret (RFC 5246 §8.1).
pub const MASTER_SECRET_LEN: usize = 48;

/// The labels of the NSS key log format this module keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    /// TLS ≤ 1.2 master secret (RFC 5246 §8.1).
    ClientRandom,
    /// TLS 1.3 client handshake traffic secret (RFC 8446 §7.1).
    ClientHandshakeTrafficSecret,
    /// TLS 1.3 server handshake traffic secret (RFC 8446 §7.1).
    ServerHandshakeTrafficSecret,
    /// TLS 1.3 first client application traffic secret (RFC 8446 §7.1).
    ClientTrafficSecret0,
    /// TLS 1.3 first server application traffic secret (RFC 8446 §7.1).
    ServerTrafficSecret0,
    /// TLS 1.3 exporter master secret (RFC 8446 §7.5): kept, unused.
    ExporterSecret,
    /// TLS 1.3 0-RTT client early traffic secret: kept, unused (0-RTT data
    /// is not decrypted).
    ClientEarlyTrafficSecret,
    /// TLS 1.3 early exporter master secret: kept, unused.
    EarlyExporterSecret,
}

impl Label {
    /// All labels, in the order [`SessionSecrets`] stores them.
    pub const ALL: [Label; 8] = [
        Label::ClientRandom,
        Label::ClientHandshakeTrafficSecret,
        Label::ServerHandshakeTrafficSecret,
        Label::ClientTrafficSecret0,
        Label::ServerTrafficSecret0,
        Label::ExporterSecret,
        Label::ClientEarlyTrafficSecret,
        Label::EarlyExporterSecret,
    ];

    /// The label as it is spelled in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::ClientRandom => "CLIENT_RANDOM",
            Label::ClientHandshakeTrafficSecret => "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
            Label::ServerHandshakeTrafficSecret => "SERVER_HANDSHAKE_TRAFFIC_SECRET",
            Label::ClientTrafficSecret0 => "CLIENT_TRAFFIC_SECRET_0",
            Label::ServerTrafficSecret0 => "SERVER_TRAFFIC_SECRET_0",
            Label::ExporterSecret => "EXPORTER_SECRET",
            Label::ClientEarlyTrafficSecret => "CLIENT_EARLY_TRAFFIC_SECRET",
            Label::EarlyExporterSecret => "EARLY_EXPORTER_SECRET",
        }
    }

    /// Parses a label as spelled in the file; `None` for labels this module
    /// does not keep (`RSA`, `*_TRAFFIC_SECRET_1`, vendor extensions …).
    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == s)
    }

    fn index(self) -> usize {
        self as usize
    }

    /// Which secret lengths are plausible: 48 for the TLS 1.2 master secret;
    /// a TLS 1.3 secret is one hash long (32 for SHA-256, 48 for SHA-384).
    fn length_ok(self, len: usize) -> bool {
        match self {
            Label::ClientRandom => len == MASTER_SECRET_LEN,
            _ => len == 32 || len == 48,
        }
    }
}

impl serde::Serialize for Label {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The JSON form of [`Label`]: the label as spelled in the key log.
impl schemars::JsonSchema for Label {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "KeyLogLabel".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let names: Vec<&str> = Label::ALL.iter().map(|l| l.as_str()).collect();
        schemars::json_schema!({ "type": "string", "enum": names })
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a key-log line came from: a file (or DSB) name and a 1-based line
/// number, so a view can point at the exact line that decrypted a connection.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Source {
    /// File name, or a name the caller chose for a DSB ("capture.pcapng DSB #1").
    pub name: Arc<str>,
    /// 1-based line number.
    pub line: u32,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.name, self.line)
    }
}

impl serde::Serialize for Source {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Source", 2)?;
        st.serialize_field("name", &*self.name)?;
        st.serialize_field("line", &self.line)?;
        st.end()
    }
}

/// The JSON form of [`Source`], as its `Serialize` writes it.
impl schemars::JsonSchema for Source {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "KeyLogSource".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "object",
            "properties": {
                "name": { "type": "string", "description": "File name, or the name given to a pcapng DSB." },
                "line": { "type": "integer", "minimum": 1, "description": "1-based line number." }
            },
            "required": ["name", "line"],
            "additionalProperties": false
        })
    }
}

/// One secret and the line it came from.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret {
    /// The secret bytes (32 or 48).
    pub bytes: Vec<u8>,
    /// Where it was read.
    pub source: Source,
}

impl fmt::Debug for Secret {
    // Secrets are not printed by `{:?}`: a debug dump or a panic message
    // should not leak key material into a bug report.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({} bytes from {})", self.bytes.len(), self.source)
    }
}

/// Everything the key log knows about one client random.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionSecrets {
    secrets: [Option<Secret>; 8],
}

impl SessionSecrets {
    /// The secret logged under `label`, if any.
    pub fn get(&self, label: Label) -> Option<&Secret> {
        self.secrets[label.index()].as_ref()
    }

    /// Whether any TLS 1.3 traffic secret is present (tells a TLS 1.3 key
    /// log from a TLS 1.2 one when explaining why decryption failed).
    pub fn has_tls13(&self) -> bool {
        self.secrets[1..5].iter().any(Option::is_some)
    }

    /// Every secret present, with its label.
    pub fn iter(&self) -> impl Iterator<Item = (Label, &Secret)> {
        Label::ALL
            .into_iter()
            .zip(self.secrets.iter())
            .filter_map(|(l, s)| s.as_ref().map(|s| (l, s)))
    }
}

/// What is wrong with a key-log line. The line is skipped; the rest of the
/// file is still used.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WarningKind {
    /// A known label without both the client random and the secret.
    MissingFields {
        /// The label.
        label: Label,
    },
    /// More than three fields.
    ExtraFields {
        /// The label.
        label: Label,
    },
    /// A field that is not an even number of hex digits.
    BadHex {
        /// The label.
        label: Label,
        /// `client_random` or `secret`.
        field: &'static str,
    },
    /// The client random is not 32 bytes.
    WrongRandomLength {
        /// The label.
        label: Label,
        /// Bytes found.
        len: usize,
    },
    /// The secret has a length no cipher suite uses (48 for
    /// `CLIENT_RANDOM`; 32 or 48 for TLS 1.3 secrets).
    WrongSecretLength {
        /// The label.
        label: Label,
        /// Bytes found.
        len: usize,
    },
    /// The line is not UTF-8 (the format is ASCII).
    NotUtf8,
    /// The same client random and label appeared before with a different
    /// secret; the first one is kept.
    Conflict {
        /// The label.
        label: Label,
        /// The line whose secret is kept.
        kept: Source,
    },
}

/// A malformed key-log line: where and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct KeyLogWarning {
    /// The line.
    pub source: Source,
    /// What is wrong with it.
    #[serde(flatten)]
    pub kind: WarningKind,
}

impl fmt::Display for KeyLogWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.words(crate::i18n::L10n::get(crate::i18n::Lang::En)))
    }
}

impl KeyLogWarning {
    /// The warning in `l`'s language (messages `keylog-*`), naming the line.
    pub fn words(&self, l: &crate::i18n::L10n) -> String {
        use crate::tr;
        let what = match &self.kind {
            WarningKind::MissingFields { label } => {
                tr!(l, "keylog-missing-fields", label = label.to_string())
            }
            WarningKind::ExtraFields { label } => {
                tr!(l, "keylog-extra-fields", label = label.to_string())
            }
            WarningKind::BadHex { label, field } => tr!(
                l,
                "keylog-bad-hex",
                label = label.to_string(),
                field = match *field {
                    "secret" => l.t("keylog-field-secret"),
                    other => other.to_string(),
                }
            ),
            WarningKind::WrongRandomLength { label, len } => tr!(
                l,
                "keylog-random-length",
                label = label.to_string(),
                len = len.to_string(),
                want = CLIENT_RANDOM_LEN.to_string()
            ),
            WarningKind::WrongSecretLength { label, len } => {
                // A TLS 1.2 master secret is 48 bytes; TLS 1.3 secrets are
                // as long as the suite's hash (SHA-256 or SHA-384).
                let want = if *label == Label::ClientRandom {
                    "keylog-want-48"
                } else {
                    "keylog-want-32-or-48"
                };
                tr!(
                    l,
                    "keylog-secret-length",
                    label = label.to_string(),
                    len = len.to_string(),
                    want = l.t(want)
                )
            }
            WarningKind::NotUtf8 => l.t("keylog-not-text"),
            WarningKind::Conflict { label, kept } => tr!(
                l,
                "keylog-conflict",
                label = label.to_string(),
                kept = kept.to_string()
            ),
        };
        format!("{}: {what}", self.source)
    }
}

/// Key-log statistics, for a "loaded N lines from …" status line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct KeyLogStats {
    /// Lines that gave a secret (duplicates included).
    pub secrets: usize,
    /// Comment and blank lines.
    pub comments: usize,
    /// Lines with a label this module does not keep.
    pub unknown_labels: usize,
    /// Malformed lines (each has a warning).
    pub malformed: usize,
}

/// Secrets from one or more NSS key log files, looked up by client random.
///
/// Build it with [`KeyLog::parse_str`] / [`KeyLog::parse_bytes`] /
/// [`KeyLog::load`], combine several with [`KeyLog::merge`], then hand a
/// shared reference to every [`super::TlsConn::feed`].
#[derive(Debug, Clone, Default)]
pub struct KeyLog {
    sessions: HashMap<[u8; CLIENT_RANDOM_LEN], SessionSecrets>,
    warnings: Vec<KeyLogWarning>,
    stats: KeyLogStats,
    sources: Vec<Arc<str>>,
}

impl KeyLog {
    /// An empty key log (nothing decrypts; connections say why).
    pub fn new() -> KeyLog {
        KeyLog::default()
    }

    /// Parses key-log text. `source` names it in warnings and provenance.
    pub fn parse_str(text: &str, source: &str) -> KeyLog {
        KeyLog::parse_bytes(text.as_bytes(), source)
    }

    /// Parses key-log bytes: a file's contents or the secrets data of a
    /// pcapng Decryption Secrets Block of type [`DSB_SECRETS_TYPE_TLS_KEYLOG`]
    /// (trailing NUL padding ignored). Lines that are not UTF-8 are warned
    /// about and skipped.
    pub fn parse_bytes(bytes: &[u8], source: &str) -> KeyLog {
        let mut log = KeyLog::new();
        log.add_bytes(bytes, source);
        log
    }

    /// Reads and parses a key log file. Only reading can fail; content
    /// problems are warnings.
    pub fn load(path: &Path) -> std::io::Result<KeyLog> {
        let bytes = std::fs::read(path)?;
        Ok(KeyLog::parse_bytes(&bytes, &path.display().to_string()))
    }

    /// Parses more key-log bytes into this log (several files merge; on a
    /// conflicting duplicate the first secret is kept and a warning says so).
    pub fn add_bytes(&mut self, bytes: &[u8], source: &str) {
        let name: Arc<str> = Arc::from(source);
        self.sources.push(name.clone());
        let mut end = bytes.len();
        while end > 0 && bytes[end - 1] == 0 {
            end -= 1;
        }
        let text = &bytes[..end];
        // A final newline ends the last line; it does not start another.
        let text = text.strip_suffix(b"\n").unwrap_or(text);
        if text.is_empty() {
            return;
        }
        for (i, raw) in text.split(|&b| b == b'\n').enumerate() {
            let src = Source {
                name: name.clone(),
                line: u32::try_from(i + 1).unwrap_or(u32::MAX),
            };
            self.add_line(raw, src);
        }
    }

    /// Merges another key log into this one (as if its lines came after).
    pub fn merge(&mut self, other: KeyLog) {
        self.sources.extend(other.sources);
        self.warnings.extend(other.warnings);
        self.stats.comments += other.stats.comments;
        self.stats.unknown_labels += other.stats.unknown_labels;
        self.stats.malformed += other.stats.malformed;
        for (random, secrets) in other.sessions {
            for (label, secret) in secrets.iter() {
                self.insert(random, label, secret.clone());
            }
        }
    }

    /// The secrets logged for a client random.
    pub fn lookup(&self, client_random: &[u8]) -> Option<&SessionSecrets> {
        let key: [u8; CLIENT_RANDOM_LEN] = client_random.try_into().ok()?;
        self.sessions.get(&key)
    }

    /// Malformed lines, in file order.
    pub fn warnings(&self) -> &[KeyLogWarning] {
        &self.warnings
    }

    /// Line counts.
    pub fn stats(&self) -> KeyLogStats {
        self.stats
    }

    /// Names of the files (or DSBs) parsed into this log.
    pub fn sources(&self) -> impl Iterator<Item = &str> {
        self.sources.iter().map(|s| &**s)
    }

    /// Number of distinct client randoms.
    pub fn len(&self) -> usize {
        self.sessions.len()
    }

    /// True when no line gave a secret.
    pub fn is_empty(&self) -> bool {
        self.sessions.is_empty()
    }

    fn warn(&mut self, source: Source, kind: WarningKind) {
        self.stats.malformed += 1;
        self.warnings.push(KeyLogWarning { source, kind });
    }

    fn add_line(&mut self, raw: &[u8], src: Source) {
        let Ok(line) = std::str::from_utf8(raw) else {
            self.warn(src, WarningKind::NotUtf8);
            return;
        };
        let line = line.trim_matches(|c: char| c.is_ascii_whitespace() || c == '\0');
        if line.is_empty() || line.starts_with('#') {
            self.stats.comments += 1;
            return;
        }
        let mut fields = line.split_ascii_whitespace();
        let Some(label) = fields.next().and_then(Label::parse) else {
            self.stats.unknown_labels += 1;
            return;
        };
        let (Some(random_hex), Some(secret_hex)) = (fields.next(), fields.next()) else {
            self.warn(src, WarningKind::MissingFields { label });
            return;
        };
        if fields.next().is_some() {
            self.warn(src, WarningKind::ExtraFields { label });
            return;
        }
        let Some(random) = decode_hex(random_hex) else {
            let field = "client_random";
            self.warn(src, WarningKind::BadHex { label, field });
            return;
        };
        let Some(secret) = decode_hex(secret_hex) else {
            let field = "secret";
            self.warn(src, WarningKind::BadHex { label, field });
            return;
        };
        let Ok(random) = <[u8; CLIENT_RANDOM_LEN]>::try_from(random.as_slice()) else {
            let len = random.len();
            self.warn(src, WarningKind::WrongRandomLength { label, len });
            return;
        };
        if !label.length_ok(secret.len()) {
            let len = secret.len();
            self.warn(src, WarningKind::WrongSecretLength { label, len });
            return;
        }
        self.stats.secrets += 1;
        let secret = Secret {
            bytes: secret,
            source: src,
        };
        self.insert(random, label, secret);
    }

    fn insert(&mut self, random: [u8; CLIENT_RANDOM_LEN], label: Label, secret: Secret) {
        let slot = &mut self.sessions.entry(random).or_default().secrets[label.index()];
        match slot {
            None => *slot = Some(secret),
            Some(kept) if kept.bytes == secret.bytes => {}
            Some(kept) => {
                let kept = kept.source.clone();
                self.warn(secret.source, WarningKind::Conflict { label, kept });
            }
        }
    }
}

/// Decodes an even-length hex string (either case).
pub(crate) fn decode_hex(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    if !b.len().is_multiple_of(2) {
        return None;
    }
    let nibble = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    };
    b.chunks_exact(2)
        .map(|p| Some(nibble(p[0])? << 4 | nibble(p[1])?))
        .collect()
}

/// Lower-case hex, for client randoms in messages.
pub(crate) fn encode_hex(b: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(b.len() * 2);
    for x in b {
        let _ = write!(s, "{x:02x}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const CR: &str = "cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7";

    fn ms(fill: char) -> String {
        fill.to_string().repeat(96)
    }

    #[test]
    fn parses_tls12_and_tls13_lines_with_comments_crlf_and_unknown_labels() {
        let text = format!(
            "# SSL/TLS secrets log file, generated by NSS\r\n\
             \r\n\
             CLIENT_RANDOM {CR} {}\r\n\
             CLIENT_HANDSHAKE_TRAFFIC_SECRET {CR} {}\n\
             SERVER_TRAFFIC_SECRET_0 {CR} {}\n\
             EXPORTER_SECRET {CR} {}\n\
             RSA 0011 2233\n\
             CLIENT_TRAFFIC_SECRET_1 {CR} {}\n",
            ms('a'),
            "11".repeat(32),
            "22".repeat(48),
            "33".repeat(32),
            "44".repeat(32),
        );
        let log = KeyLog::parse_str(&text, "keys.log");
        assert!(log.warnings().is_empty(), "{:?}", log.warnings());
        assert_eq!(log.len(), 1);
        let s = log.lookup(&decode_hex(CR).unwrap()).unwrap();
        let m = s.get(Label::ClientRandom).unwrap();
        assert_eq!(m.bytes, vec![0xaa; 48]);
        assert_eq!(m.source.to_string(), "keys.log:3");
        assert_eq!(
            s.get(Label::ServerTrafficSecret0).unwrap().bytes,
            vec![0x22; 48]
        );
        assert!(s.get(Label::ExporterSecret).is_some());
        assert!(s.get(Label::ServerHandshakeTrafficSecret).is_none());
        assert!(s.has_tls13());
        let st = log.stats();
        assert_eq!(st.secrets, 4);
        assert_eq!(st.comments, 2);
        assert_eq!(st.unknown_labels, 2);
        assert_eq!(st.malformed, 0);
    }

    #[test]
    fn malformed_lines_are_warnings_with_line_numbers_and_reasons() {
        let text = format!(
            "CLIENT_RANDOM {CR}\n\
             CLIENT_RANDOM zz{} {}\n\
             CLIENT_RANDOM {} {}\n\
             CLIENT_RANDOM {CR} {}\n\
             CLIENT_TRAFFIC_SECRET_0 {CR} {}\n\
             CLIENT_RANDOM {CR} {} extra\n\
             CLIENT_RANDOM {CR} abc\n\
             CLIENT_RANDOM {CR} {}\n",
            &CR[2..],
            ms('a'),
            &CR[..62],
            ms('a'),
            "ab".repeat(47),
            "ab".repeat(20),
            ms('a'),
            ms('b'),
        );
        let log = KeyLog::parse_str(&text, "k");
        let w: Vec<(u32, WarningKind)> = log
            .warnings()
            .iter()
            .map(|w| (w.source.line, w.kind.clone()))
            .collect();
        let l = Label::ClientRandom;
        assert_eq!(
            w,
            vec![
                (1, WarningKind::MissingFields { label: l }),
                (
                    2,
                    WarningKind::BadHex {
                        label: l,
                        field: "client_random"
                    }
                ),
                (3, WarningKind::WrongRandomLength { label: l, len: 31 }),
                (4, WarningKind::WrongSecretLength { label: l, len: 47 }),
                (
                    5,
                    WarningKind::WrongSecretLength {
                        label: Label::ClientTrafficSecret0,
                        len: 20
                    }
                ),
                (6, WarningKind::ExtraFields { label: l }),
                (
                    7,
                    WarningKind::BadHex {
                        label: l,
                        field: "secret"
                    }
                ),
            ]
        );
        // Line 8 is the only good one.
        let s = log.lookup(&decode_hex(CR).unwrap()).unwrap();
        assert_eq!(s.get(l).unwrap().source.line, 8);
        let shown = log.warnings()[2].to_string();
        assert_eq!(
            shown,
            "k:3: CLIENT_RANDOM: client random is 31 bytes, expected 32"
        );
    }

    #[test]
    fn several_files_merge_and_conflicts_keep_the_first() {
        let a = KeyLog::parse_str(&format!("CLIENT_RANDOM {CR} {}\n", ms('a')), "a.log");
        let b = KeyLog::parse_str(
            &format!(
                "CLIENT_RANDOM {CR} {}\nCLIENT_RANDOM {CR} {}\nCLIENT_RANDOM {} {}",
                ms('a'),
                ms('b'),
                "00".repeat(32),
                ms('c')
            ),
            "b.log",
        );
        let mut log = a;
        log.merge(b);
        assert_eq!(log.len(), 2);
        let s = log.lookup(&decode_hex(CR).unwrap()).unwrap();
        assert_eq!(
            s.get(Label::ClientRandom).unwrap().source.to_string(),
            "a.log:1"
        );
        // b.log:1 is an identical duplicate (silent), b.log:2 a conflict.
        assert_eq!(log.warnings().len(), 1);
        assert_eq!(log.warnings()[0].source.to_string(), "b.log:2");
        assert!(log.lookup(&[0u8; 32]).is_some());
        assert_eq!(log.sources().collect::<Vec<_>>(), vec!["a.log", "b.log"]);
        assert!(log.lookup(&[0u8; 31]).is_none());
    }

    #[test]
    fn dsb_payload_with_nul_padding_and_garbage_never_fails() {
        let mut dsb = format!("CLIENT_RANDOM {CR} {}\n", ms('d')).into_bytes();
        dsb.extend_from_slice(&[0, 0, 0]);
        let log = KeyLog::parse_bytes(&dsb, "capture.pcapng DSB #1");
        assert!(log.warnings().is_empty());
        assert_eq!(log.len(), 1);

        let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
        let log = KeyLog::parse_bytes(&garbage, "garbage");
        assert!(log.is_empty());
        let log = KeyLog::parse_bytes(b"\xff\xfe\nCLIENT_RANDOM\n\n", "x");
        assert_eq!(log.warnings()[0].kind, WarningKind::NotUtf8);
        assert_eq!(log.warnings().len(), 2);
    }

    #[test]
    fn secrets_do_not_leak_into_debug_output() {
        let log = KeyLog::parse_str(&format!("CLIENT_RANDOM {CR} {}", ms('f')), "k");
        let s = format!("{log:?}");
        assert!(!s.contains("255, 255"), "{s}");
        assert!(s.contains("48 bytes from k:1"), "{s}");
    }
}
