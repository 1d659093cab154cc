//! TLS decryption with a browser's key log, as Wireshark does it: records
//! (RFC 8446 §5, RFC 5246 §6.2), handshake summaries (ClientHello,
//! ServerHello, the TLS 1.3 encrypted handshake) and AEAD decryption of
//! TLS 1.2 and TLS 1.3 with the secrets of an `SSLKEYLOGFILE`.
//!
//! This module knows nothing about packets, the dissector or the views: it
//! takes one TCP connection's reassembled byte streams and says what is in
//! them. The dissector wires it in (see *Driving it* below).
//!
//! # Layout
//!
//! | module | what it owns |
//! |---|---|
//! | [`keylog`] | the NSS key log format: [`KeyLog`] (parse, merge, look up by client random), [`Source`] provenance, warnings for bad lines; also the pcapng DSB payload |
//! | [`record`] | [`RecordHeader`] views with field ranges, [`RecordReader`] (bytes in as TCP delivers them, complete records out with stream offsets), [`looks_like_tls`] |
//! | [`handshake`] | handshake reassembly across records, ClientHello / ServerHello / EncryptedExtensions / Certificate / NewSessionTicket / KeyUpdate summaries (via `tls-parser`) |
//! | [`crypto`] | cipher suites, TLS 1.3 `HKDF-Expand-Label`, the TLS 1.2 PRF and key block, [`RecordCipher`] (AEAD open/seal with the RFC nonces and additional data) |
//! | `conn` | [`TlsConn`]: the per-connection state machine, its [`TlsEvent`]s and [`TlsSummary`] |
//!
//! # The API
//!
//! ```text
//! KeyLog::parse_bytes(&[u8], source_name) -> KeyLog      // never fails; .warnings()
//! KeyLog::load(&Path) -> io::Result<KeyLog>;  log.merge(other)
//! KeyLog::lookup(client_random) -> Option<&SessionSecrets>
//!
//! looks_like_tls(first_bytes) -> bool                     // a ClientHello, any port
//!
//! TlsConn::new()
//! conn.feed(dir, stream_offset, &bytes, &keylog, &mut events)
//! conn.gap(dir, stream_offset, len, &mut events)
//! conn.finish(&keylog, &mut events)
//! conn.summary() -> &TlsSummary                           // serde::Serialize
//! ```
//!
//! [`TlsConn::feed`] appends [`TlsEvent`]s, in stream order for that direction:
//!
//! * [`TlsEvent::Record`] for every record, as it completes: content type,
//!   version, length, per-direction `record_number`, [`Epoch`],
//!   [`Protection`] and `stream` — the record's stream offsets, header
//!   included.
//! * then what the record carried: [`TlsEvent::Handshake`] for each
//!   handshake message it completed (the ClientHello and ServerHello
//!   summaries among them), [`TlsEvent::Plaintext`] for decrypted
//!   application data, [`TlsEvent::Alert`].
//! * [`TlsEvent::Undecryptable`] at most once per connection, with an
//!   [`Undecryptable`] reason and [`Undecryptable::advice`]: no key log, no
//!   line for this client random, a missing TLS 1.3 secret, an unsupported
//!   version or suite (CBC …), a key that does not authenticate the first
//!   record.
//! * [`TlsEvent::Error`] for a problem with one record or message: a tag
//!   that does not verify after earlier records did, a malformed message, a
//!   header that is not TLS, a gap, a resynchronisation after one.
//!
//! After a gap (or a header that cannot be TLS) the record reader looks
//! for two consecutive plausible record headers and starts again there;
//! the first protected record after it is tried with every sequence number
//! the lost bytes allow (TLS 1.2 GCM's explicit nonce first; in the TLS 1.3
//! handshake epoch the application secret too, in case the gap hid the
//! Finished). What authenticates is certainly right; if nothing does (a
//! KeyUpdate was lost, say) that direction stops with `ResyncFailed`.
//!
//! A record whose tag does not verify never yields plaintext: it is a
//! `Record` with [`Protection::BadTag`] plus an `Error`.
//!
//! # What decrypts
//!
//! * TLS 1.3 with `TLS_AES_128_GCM_SHA256`, `TLS_AES_256_GCM_SHA384`,
//!   `TLS_CHACHA20_POLY1305_SHA256`: the handshake epoch with
//!   `{CLIENT,SERVER}_HANDSHAKE_TRAFFIC_SECRET`, then application data with
//!   `*_TRAFFIC_SECRET_0` from each side's Finished on, and every
//!   `KeyUpdate` after that. The compatibility `change_cipher_spec` records
//!   are skipped; 0-RTT early data is recognised and left encrypted.
//! * TLS 1.2 with any AES-128/256-GCM or ChaCha20-Poly1305 suite (ECDHE,
//!   DHE, RSA or PSK key exchange alike: the key log gives the master
//!   secret), from each side's ChangeCipherSpec on; resumed sessions (session
//!   ID or ticket, the abbreviated handshake) decrypt by their own
//!   `CLIENT_RANDOM` line.
//! * Not: SSL 3.0 – TLS 1.1, CBC and other non-AEAD suites, CCM, decryption
//!   with a server's RSA private key instead of a key log.
//!
//! # Driving it from the dissector
//!
//! ```text
//! on TcpEvent::Data { stream, dir, chunk }:
//!     if the direction is undecided and looks_like_tls(chunk.data) (or the
//!        other direction already is TLS): Mode::Tls(TlsConn::new())
//!     conn.feed(dir, chunk.offset, chunk.data, &keylog, &mut events)
//!     for ev in events.drain(..):
//!         Record(r)     → a TLS record row; its packets are the chunks whose
//!                         [offset, offset+len) overlap r.stream (the same
//!                         provenance lookup HTTP heads and WS frames use)
//!         Handshake(h)  → a handshake row / tree node; h.stream for packets
//!         Plaintext(p)  → feed p.data to this direction's HTTP/WebSocket
//!                         parser as a chunk "carried by" the packet holding
//!                         byte p.stream.end - 1 (the one that completed the
//!                         record); give it a plaintext stream offset of its
//!                         own (a running sum of p.data.len() per direction)
//!                         so WebSocket frame ranges stay meaningful
//!         Alert(a)      → a note (close_notify is normal)
//!         Undecryptable → one note on the connection, with reason.advice()
//!         Error(e)      → a note on e.dir at e.stream
//! on TcpEvent::Gap { dir, offset, len } → conn.gap(dir, offset, len, &mut events)
//! on connection end                     → conn.finish(&keylog, &mut events); conn.summary()
//! ```
//!
//! Keep one [`KeyLog`] for the whole run: load every `--keylog` file and
//! every pcapng Decryption Secrets Block (type `0x0000000A`, secrets type
//! [`keylog::DSB_SECRETS_TYPE_TLS_KEYLOG`]) with [`KeyLog::parse_bytes`] and
//! [`KeyLog::merge`] them before dissecting (a DSB normally precedes the
//! packets it decrypts). Show [`KeyLog::warnings`] once, at load.

#![warn(missing_docs)]

pub mod crypto;
pub mod handshake;
pub mod keylog;
pub mod record;

mod conn;

#[cfg(test)]
mod tests;

pub use conn::{
    alert_name, AlertEvent, Epoch, ErrorEvent, HandshakeEvent, PlaintextEvent, Protection,
    RecordEvent, TlsConn, TlsError, TlsEvent, TlsSummary, Undecryptable,
};
pub use crypto::{CipherSuite, DecryptError, RecordCipher};
pub use handshake::{ClientHello, HandshakeMessage, ServerHello};
pub use keylog::{KeyLog, KeyLogWarning, Label, SessionSecrets, Source};
pub use record::{looks_like_tls, ContentType, RecordError, RecordHeader, RecordReader};

/// The direction of a byte stream (the model's).
pub use crate::model::Direction;
