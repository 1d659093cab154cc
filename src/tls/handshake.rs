//! Handshake messages (RFC 8446 §4, RFC 5246 §7.4): reassembly across
//! records and typed summaries of the messages a student wants to see.
//!
//! Handshake messages are a stream of their own on top of records: one
//! message may span several records (a certificate chain), and one record
//! may carry several messages (ServerHello + Certificate + ServerHelloDone
//! in TLS 1.2; the whole encrypted flight in TLS 1.3). [`HandshakeReader`]
//! reassembles them per direction and reports, for each message, which
//! records carried it.
//!
//! ClientHello, ServerHello and their extensions are parsed with rusticata's
//! `tls-parser`; the TLS 1.3 messages it does not know (EncryptedExtensions,
//! the 1.3 forms of Certificate and NewSessionTicket) are read here with the
//! same extension parser where there are extensions.

use serde::Serialize;

/// Largest handshake message reassembled. The protocol allows 2^24 − 1
/// bytes, but real messages (certificate chains included) stay far below;
/// the bound keeps a hostile length from buffering 16 MiB.
pub const MAX_HANDSHAKE_LEN: usize = 256 * 1024;

/// Length of the handshake message header (`msg_type` + `uint24 length`).
pub const HANDSHAKE_HEADER_LEN: usize = 4;

/// The `random` value a ServerHello carries when it is really a
/// HelloRetryRequest: SHA-256("HelloRetryRequest") (RFC 8446 §4.1.3).
pub const HELLO_RETRY_REQUEST_RANDOM: [u8; 32] = [
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
];

/// The name of a handshake type (RFC 8446 §4, RFC 5246 §7.4, IANA).
pub fn handshake_type_name(t: u8) -> &'static str {
    match t {
        0 => "hello_request",
        1 => "client_hello",
        2 => "server_hello",
        3 => "hello_verify_request",
        4 => "new_session_ticket",
        5 => "end_of_early_data",
        6 => "hello_retry_request",
        8 => "encrypted_extensions",
        11 => "certificate",
        12 => "server_key_exchange",
        13 => "certificate_request",
        14 => "server_hello_done",
        15 => "certificate_verify",
        16 => "client_key_exchange",
        20 => "finished",
        21 => "certificate_url",
        22 => "certificate_status",
        24 => "key_update",
        25 => "compressed_certificate",
        254 => "message_hash",
        _ => "unknown",
    }
}

/// The name of a protocol version (`TLS 1.3` …).
pub fn version_name(v: u16) -> &'static str {
    match v {
        0x0300 => "SSL 3.0",
        0x0301 => "TLS 1.0",
        0x0302 => "TLS 1.1",
        0x0303 => "TLS 1.2",
        0x0304 => "TLS 1.3",
        v if v & 0x0f0f == 0x0a0a => "GREASE",
        _ => "unknown",
    }
}

pub(crate) fn ser_hex<S: serde::Serializer>(b: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&super::keylog::encode_hex(b))
}

/// The ClientHello summary (RFC 8446 §4.1.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ClientHello {
    /// `legacy_version` (0x0303 even for TLS 1.3).
    pub legacy_version: u16,
    /// `random`: the key-log join key.
    #[serde(serialize_with = "ser_hex")]
    #[schemars(with = "String")]
    pub random: [u8; 32],
    /// `legacy_session_id` (a TLS 1.2 resumption attempt when non-empty;
    /// random filler in TLS 1.3 compatibility mode).
    #[serde(serialize_with = "ser_hex")]
    #[schemars(with = "String")]
    pub session_id: Vec<u8>,
    /// Offered suites, in preference order.
    pub cipher_suites: Vec<u16>,
    /// `server_name` (RFC 6066 §3) host name.
    pub sni: Option<String>,
    /// ALPN protocols offered (RFC 7301), e.g. `h2`, `http/1.1`.
    pub alpn: Vec<String>,
    /// `supported_versions` (RFC 8446 §4.2.1): offering 0x0304 is offering TLS 1.3.
    pub supported_versions: Vec<u16>,
    /// `session_ticket` (RFC 5077): `Some(0)` asks for a ticket, `Some(n)`
    /// offers an n-byte ticket to resume with.
    pub session_ticket: Option<usize>,
    /// `pre_shared_key` offered (TLS 1.3 resumption).
    pub psk: bool,
    /// `early_data` offered (TLS 1.3 0-RTT).
    pub early_data: bool,
    /// `extended_master_secret` (RFC 7627) offered.
    pub extended_master_secret: bool,
    /// Extension types in order, GREASE included.
    pub extensions: Vec<u16>,
}

/// The ServerHello summary (RFC 8446 §4.1.3, RFC 5246 §7.4.1.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ServerHello {
    /// `legacy_version`.
    pub legacy_version: u16,
    /// The negotiated version: `supported_versions` if present, else
    /// `legacy_version`.
    pub version: u16,
    /// `random`.
    #[serde(serialize_with = "ser_hex")]
    #[schemars(with = "String")]
    pub random: [u8; 32],
    /// `legacy_session_id_echo` / `session_id`: in TLS 1.2, equal to the
    /// ClientHello's non-empty one means the session is resumed.
    #[serde(serialize_with = "ser_hex")]
    #[schemars(with = "String")]
    pub session_id: Vec<u8>,
    /// The chosen suite.
    pub cipher_suite: u16,
    /// Its IANA name.
    pub cipher_suite_name: Option<&'static str>,
    /// ALPN chosen (TLS ≤ 1.2 only: TLS 1.3 moves it to EncryptedExtensions).
    pub alpn: Option<String>,
    /// `session_ticket` extension (the server will send a NewSessionTicket).
    pub session_ticket: bool,
    /// `pre_shared_key` accepted (TLS 1.3 resumption).
    pub psk: bool,
    /// `extended_master_secret` (RFC 7627).
    pub extended_master_secret: bool,
    /// This ServerHello is a HelloRetryRequest (RFC 8446 §4.1.4).
    pub hello_retry_request: bool,
    /// Extension types in order.
    pub extensions: Vec<u16>,
}

/// A handshake message, summarised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum HandshakeMessage {
    /// ClientHello.
    ClientHello(Box<ClientHello>),
    /// ServerHello (or HelloRetryRequest: see its flag).
    ServerHello(Box<ServerHello>),
    /// TLS 1.3 EncryptedExtensions (§4.3.1): where TLS 1.3 puts ALPN.
    EncryptedExtensions {
        /// ALPN chosen.
        alpn: Option<String>,
        /// `early_data` accepted.
        early_data: bool,
        /// Extension types.
        extensions: Vec<u16>,
    },
    /// Certificate: the chain's DER lengths, leaf first.
    Certificate {
        /// Length of each certificate.
        certificates: Vec<u32>,
    },
    /// CertificateRequest.
    CertificateRequest,
    /// CertificateVerify.
    CertificateVerify,
    /// TLS ≤ 1.2 ServerKeyExchange.
    ServerKeyExchange,
    /// TLS ≤ 1.2 ServerHelloDone.
    ServerHelloDone,
    /// TLS ≤ 1.2 ClientKeyExchange.
    ClientKeyExchange,
    /// Finished (its `verify_data` length: 12 in TLS 1.2, `Hash.length` in 1.3).
    Finished {
        /// `verify_data` length.
        verify_data_len: usize,
    },
    /// NewSessionTicket (RFC 5077 §3.3; RFC 8446 §4.6.1).
    NewSessionTicket {
        /// `ticket_lifetime(_hint)` in seconds.
        lifetime: u32,
        /// Ticket length.
        ticket_len: usize,
    },
    /// TLS 1.3 EndOfEarlyData.
    EndOfEarlyData,
    /// TLS 1.3 KeyUpdate (§4.6.3): the sender's keys change after this.
    KeyUpdate {
        /// The peer is asked to update its keys too.
        update_requested: bool,
    },
    /// Anything else (named by [`handshake_type_name`]).
    Other {
        /// `msg_type`.
        msg_type: u8,
    },
}

/// A malformed handshake message (kept as a value for a note).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema, thiserror::Error)]
#[error("malformed {name}: {why}")]
pub struct HandshakeError {
    /// `msg_type`.
    pub msg_type: u8,
    /// Its name.
    pub name: &'static str,
    /// What is wrong.
    pub why: &'static str,
}

/// Big-endian reader with bounds checks that return `None`.
struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Some(a)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u16(&mut self) -> Option<u16> {
        self.take(2).map(|b| u16::from_be_bytes([b[0], b[1]]))
    }
    fn u24(&mut self) -> Option<u32> {
        self.take(3)
            .map(|b| u32::from_be_bytes([0, b[0], b[1], b[2]]))
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn vec8(&mut self) -> Option<&'a [u8]> {
        let n = self.u8()?;
        self.take(n.into())
    }
    fn vec16(&mut self) -> Option<&'a [u8]> {
        let n = self.u16()?;
        self.take(n.into())
    }
    fn vec24(&mut self) -> Option<&'a [u8]> {
        let n = self.u24()?;
        self.take(n as usize)
    }
}

/// Splits an extensions block into whole extensions (type, raw bytes
/// including the 4-byte header), stopping at the first truncated one.
fn split_extensions(mut block: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        if block.len() < 4 {
            return None;
        }
        let t = u16::from_be_bytes([block[0], block[1]]);
        let n = 4 + usize::from(u16::from_be_bytes([block[2], block[3]]));
        if block.len() < n {
            block = &[];
            return None;
        }
        let (e, rest) = block.split_at(n);
        block = rest;
        Some((t, e))
    })
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn parse_client_hello(body: &[u8]) -> Option<ClientHello> {
    use tls_parser::TlsExtension as E;
    let (_, ch) = tls_parser::parse_tls_handshake_client_hello(body).ok()?;
    let random: [u8; 32] = ch.random.try_into().ok()?;
    let mut out = ClientHello {
        legacy_version: ch.version.0,
        random,
        session_id: ch.session_id.unwrap_or_default().to_vec(),
        cipher_suites: ch.ciphers.iter().map(|c| c.0).collect(),
        sni: None,
        alpn: Vec::new(),
        supported_versions: Vec::new(),
        session_ticket: None,
        psk: false,
        early_data: false,
        extended_master_secret: false,
        extensions: Vec::new(),
    };
    for (t, raw) in split_extensions(ch.ext.unwrap_or_default()) {
        out.extensions.push(t);
        match t {
            35 => out.session_ticket = Some(raw.len() - 4),
            41 => out.psk = true,
            42 => out.early_data = true,
            23 => out.extended_master_secret = true,
            _ => {}
        }
        match tls_parser::parse_tls_client_hello_extension(raw) {
            Ok((_, E::SNI(names))) => {
                out.sni = names.iter().find(|(t, _)| t.0 == 0).map(|(_, n)| lossy(n));
            }
            Ok((_, E::ALPN(protos))) => out.alpn = protos.iter().map(|p| lossy(p)).collect(),
            Ok((_, E::SupportedVersions(v))) => {
                out.supported_versions = v.iter().map(|v| v.0).collect();
            }
            _ => {}
        }
    }
    Some(out)
}

fn parse_server_hello(body: &[u8]) -> Option<ServerHello> {
    use tls_parser::TlsExtension as E;
    let (_, sh) = tls_parser::parse_tls_handshake_server_hello(body).ok()?;
    let random: [u8; 32] = sh.random.try_into().ok()?;
    let mut out = ServerHello {
        legacy_version: sh.version.0,
        version: sh.version.0,
        random,
        session_id: sh.session_id.unwrap_or_default().to_vec(),
        cipher_suite: sh.cipher.0,
        cipher_suite_name: super::crypto::suite_name(sh.cipher.0),
        alpn: None,
        session_ticket: false,
        psk: false,
        extended_master_secret: false,
        hello_retry_request: random == HELLO_RETRY_REQUEST_RANDOM,
        extensions: Vec::new(),
    };
    for (t, raw) in split_extensions(sh.ext.unwrap_or_default()) {
        out.extensions.push(t);
        match t {
            35 => out.session_ticket = true,
            41 => out.psk = true,
            23 => out.extended_master_secret = true,
            _ => {}
        }
        match tls_parser::parse_tls_server_hello_extension(raw) {
            Ok((_, E::ALPN(protos))) => out.alpn = protos.first().map(|p| lossy(p)),
            Ok((_, E::SupportedVersions(v))) if v.len() == 1 => out.version = v[0].0,
            _ => {}
        }
    }
    Some(out)
}

fn parse_encrypted_extensions(body: &[u8]) -> Option<HandshakeMessage> {
    let mut c = Cursor(body);
    let block = c.vec16()?;
    let mut alpn = None;
    let mut early_data = false;
    let mut extensions = Vec::new();
    for (t, raw) in split_extensions(block) {
        extensions.push(t);
        if t == 42 {
            early_data = true;
        }
        if let Ok((_, tls_parser::TlsExtension::ALPN(p))) =
            tls_parser::parse_tls_server_hello_extension(raw)
        {
            alpn = p.first().map(|p| lossy(p));
        }
    }
    Some(HandshakeMessage::EncryptedExtensions {
        alpn,
        early_data,
        extensions,
    })
}

fn parse_certificate(body: &[u8], tls13: bool) -> Option<HandshakeMessage> {
    let mut c = Cursor(body);
    if tls13 {
        c.vec8()?; // certificate_request_context
    }
    let mut list = Cursor(c.vec24()?);
    let mut certificates = Vec::new();
    while !list.0.is_empty() {
        certificates.push(list.vec24()?.len() as u32);
        if tls13 {
            list.vec16()?; // CertificateEntry.extensions
        }
    }
    Some(HandshakeMessage::Certificate { certificates })
}

fn parse_new_session_ticket(body: &[u8], tls13: bool) -> Option<HandshakeMessage> {
    let mut c = Cursor(body);
    let lifetime = c.u32()?;
    if tls13 {
        c.u32()?; // ticket_age_add
        c.vec8()?; // ticket_nonce
    }
    let ticket_len = c.vec16()?.len();
    Some(HandshakeMessage::NewSessionTicket {
        lifetime,
        ticket_len,
    })
}

/// Parses one handshake message body. `tls13` selects the TLS 1.3 forms of
/// Certificate and NewSessionTicket (RFC 8446 §4.4.2, §4.6.1).
pub fn parse_message(
    msg_type: u8,
    body: &[u8],
    tls13: bool,
) -> Result<HandshakeMessage, HandshakeError> {
    let bad = |why| HandshakeError {
        msg_type,
        name: handshake_type_name(msg_type),
        why,
    };
    Ok(match msg_type {
        1 => HandshakeMessage::ClientHello(Box::new(
            parse_client_hello(body).ok_or(bad("ClientHello fields do not fit"))?,
        )),
        2 => HandshakeMessage::ServerHello(Box::new(
            parse_server_hello(body).ok_or(bad("ServerHello fields do not fit"))?,
        )),
        4 => parse_new_session_ticket(body, tls13).ok_or(bad("ticket fields do not fit"))?,
        5 => HandshakeMessage::EndOfEarlyData,
        8 => parse_encrypted_extensions(body).ok_or(bad("extension block does not fit"))?,
        11 => parse_certificate(body, tls13).ok_or(bad("certificate list does not fit"))?,
        12 => HandshakeMessage::ServerKeyExchange,
        13 => HandshakeMessage::CertificateRequest,
        14 => HandshakeMessage::ServerHelloDone,
        15 => HandshakeMessage::CertificateVerify,
        16 => HandshakeMessage::ClientKeyExchange,
        20 => HandshakeMessage::Finished {
            verify_data_len: body.len(),
        },
        24 => match body {
            [r @ (0 | 1)] => HandshakeMessage::KeyUpdate {
                update_requested: *r == 1,
            },
            _ => return Err(bad("KeyUpdate must be one byte, 0 or 1")),
        },
        t => HandshakeMessage::Other { msg_type: t },
    })
}

/// A complete handshake message and the records that carried it.
#[derive(Debug, Clone, Copy)]
pub struct RawMessage<'a> {
    /// `msg_type`.
    pub msg_type: u8,
    /// The body (after the 4-byte header).
    pub body: &'a [u8],
    /// Record number (per direction) of the record holding its first byte.
    pub first_record: u64,
    /// Record number of the record that completed it.
    pub last_record: u64,
    /// Stream offset of the first record's start (header included).
    pub stream_start: u64,
}

/// Why reassembly gave up on a direction's handshake stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReassemblyError {
    /// A message longer than [`MAX_HANDSHAKE_LEN`].
    #[error(
        "handshake message of {len} bytes exceeds the {} byte limit",
        MAX_HANDSHAKE_LEN
    )]
    TooLong {
        /// Its declared length.
        len: u32,
    },
    /// A record of another type arrived while a message was incomplete
    /// (RFC 8446 §5.1: handshake messages must not be interleaved).
    #[error("a {content} record interrupted a handshake message")]
    Interleaved {
        /// The interrupting record's content type.
        content: &'static str,
    },
}

/// Reassembles one direction's handshake messages across records.
#[derive(Debug, Default, Clone)]
pub struct HandshakeReader {
    buf: Vec<u8>,
    /// (record number, stream start) of the record holding `buf[0]`.
    first: (u64, u64),
    broken: bool,
}

impl HandshakeReader {
    /// Bytes of an incomplete message held.
    pub fn pending(&self) -> usize {
        self.buf.len()
    }

    /// Whether an error stopped reassembly (later handshake bytes of this
    /// direction are ignored).
    pub fn is_broken(&self) -> bool {
        self.broken
    }

    /// A non-handshake record arrived: an incomplete message now is an
    /// interleaving error (reported once; the partial message is dropped).
    pub fn interrupt(&mut self, content: &'static str) -> Result<(), ReassemblyError> {
        if self.buf.is_empty() || self.broken {
            return Ok(());
        }
        self.buf.clear();
        Err(ReassemblyError::Interleaved { content })
    }

    /// Drops a partial message (keys changed, a gap).
    pub fn reset(&mut self) {
        self.buf.clear();
    }

    /// Adds the handshake content of one record; calls `on_message` for each
    /// message it completes.
    pub fn push(
        &mut self,
        data: &[u8],
        record_number: u64,
        record_start: u64,
        mut on_message: impl FnMut(RawMessage<'_>),
    ) -> Result<(), ReassemblyError> {
        if self.broken {
            return Ok(());
        }
        if self.buf.is_empty() {
            self.first = (record_number, record_start);
        }
        self.buf.extend_from_slice(data);
        let mut pos = 0;
        while let Some(h) = self.buf.get(pos..pos + HANDSHAKE_HEADER_LEN) {
            let len = u32::from_be_bytes([0, h[1], h[2], h[3]]);
            if len as usize > MAX_HANDSHAKE_LEN {
                self.buf.clear();
                self.broken = true;
                return Err(ReassemblyError::TooLong { len });
            }
            let end = pos + HANDSHAKE_HEADER_LEN + len as usize;
            if end > self.buf.len() {
                break;
            }
            on_message(RawMessage {
                msg_type: h[0],
                body: &self.buf[pos + HANDSHAKE_HEADER_LEN..end],
                first_record: self.first.0,
                last_record: record_number,
                stream_start: self.first.1,
            });
            // The next message starts in this record.
            self.first = (record_number, record_start);
            pos = end;
        }
        self.buf.drain(..pos);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tls::keylog::decode_hex;

    fn h(s: &str) -> Vec<u8> {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        decode_hex(&s).unwrap()
    }

    #[test]
    fn rfc8448_client_hello() {
        let rec = h(crate::tls::tests::RFC8448_CLIENT_HELLO);
        let body = &rec[5 + 4..];
        let HandshakeMessage::ClientHello(ch) = parse_message(1, body, false).unwrap() else {
            panic!()
        };
        assert_eq!(ch.legacy_version, 0x0303);
        assert_eq!(ch.random[..4], [0xcb, 0x34, 0xec, 0xb1]);
        assert_eq!(ch.cipher_suites, vec![0x1301, 0x1303, 0x1302]);
        assert_eq!(ch.sni.as_deref(), Some("server"));
        assert_eq!(ch.supported_versions, vec![0x0304]);
        assert_eq!(ch.session_ticket, Some(0));
        assert!(ch.alpn.is_empty());
        assert!(!ch.psk);
        assert_eq!(ch.extensions, vec![0, 0xff01, 10, 35, 51, 43, 13, 45, 28]);
    }

    #[test]
    fn rfc8448_server_hello_is_tls13() {
        let rec = h(crate::tls::tests::RFC8448_SERVER_HELLO);
        let HandshakeMessage::ServerHello(sh) = parse_message(2, &rec[9..], false).unwrap() else {
            panic!()
        };
        assert_eq!(sh.legacy_version, 0x0303);
        assert_eq!(sh.version, 0x0304);
        assert_eq!(sh.cipher_suite, 0x1301);
        assert_eq!(sh.cipher_suite_name, Some("TLS_AES_128_GCM_SHA256"));
        assert!(!sh.hello_retry_request);
    }

    #[test]
    fn rfc8448_encrypted_extensions_and_certificate() {
        let ee = h(crate::tls::tests::RFC8448_EE);
        assert_eq!(
            parse_message(8, &ee[4..], true).unwrap(),
            HandshakeMessage::EncryptedExtensions {
                alpn: None,
                early_data: false,
                extensions: vec![10, 28, 0]
            }
        );
        let cert = h(crate::tls::tests::RFC8448_CERT);
        assert_eq!(
            parse_message(11, &cert[4..], true).unwrap(),
            HandshakeMessage::Certificate {
                certificates: vec![432]
            }
        );
    }

    #[test]
    fn messages_spanning_records_and_records_holding_many_messages() {
        let m1 = [2u8, 0, 0, 3, 0xa, 0xb, 0xc];
        let m2 = [11u8, 0, 0, 5, 1, 2, 3, 4, 5];
        let m3 = [14u8, 0, 0, 0];
        let all = [&m1[..], &m2, &m3].concat();
        // Record 0 holds m1 and half of m2; record 1 the rest of m2 and m3.
        let mut r = HandshakeReader::default();
        let mut got = Vec::new();
        let mut cb = |m: RawMessage<'_>| {
            got.push((
                m.msg_type,
                m.body.to_vec(),
                m.first_record,
                m.last_record,
                m.stream_start,
            ))
        };
        r.push(&all[..10], 0, 100, &mut cb).unwrap();
        r.push(&all[10..], 1, 200, &mut cb).unwrap();
        assert_eq!(
            got,
            vec![
                (2, vec![0xa, 0xb, 0xc], 0, 0, 100),
                (11, vec![1, 2, 3, 4, 5], 0, 1, 100),
                (14, vec![], 1, 1, 200),
            ]
        );
        assert_eq!(r.pending(), 0);
    }

    #[test]
    fn hostile_lengths_and_interleaving() {
        let mut r = HandshakeReader::default();
        assert_eq!(
            r.push(&[11, 0xff, 0xff, 0xff], 0, 0, |_| {}),
            Err(ReassemblyError::TooLong { len: 0xffffff })
        );
        assert!(r.is_broken());
        assert_eq!(r.push(&[14, 0, 0, 0], 1, 0, |_| panic!()), Ok(()));

        let mut r = HandshakeReader::default();
        r.push(&[11, 0, 0, 9, 1], 0, 0, |_| {}).unwrap();
        assert_eq!(
            r.interrupt("alert"),
            Err(ReassemblyError::Interleaved { content: "alert" })
        );
        assert_eq!(r.interrupt("alert"), Ok(()));
    }

    #[test]
    fn malformed_messages_are_errors_not_panics() {
        for t in 0..=255u8 {
            for body in [&[][..], &[0xff; 3], &[0; 40], &[1]] {
                let _ = parse_message(t, body, true);
                let _ = parse_message(t, body, false);
            }
        }
        assert_eq!(
            parse_message(24, &[7], true).unwrap_err().why,
            "KeyUpdate must be one byte, 0 or 1"
        );
        assert_eq!(
            parse_message(24, &[1], true).unwrap(),
            HandshakeMessage::KeyUpdate {
                update_requested: true
            }
        );
        assert_eq!(
            parse_message(4, &[0, 0, 0, 60, 0, 2, 9, 9], false).unwrap(),
            HandshakeMessage::NewSessionTicket {
                lifetime: 60,
                ticket_len: 2
            }
        );
    }
}
