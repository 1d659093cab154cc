//! End-to-end tests of [`TlsConn`]: the RFC 8448 trace, synthetic TLS 1.2
//! and TLS 1.3 sessions built with the same crates' encrypt side, and
//! hostile input.

use super::crypto::{cipher_suite, tls12_keys, tls13_next_secret, RecordCipher};
use super::keylog::{decode_hex, encode_hex};
use super::*;
use proptest::prelude::*;

// ---------------------------------------------------------------------------
// RFC 8448 §3 "Simple 1-RTT Handshake", verbatim from the RFC (the wire
// records are authenticated by their GCM tags, so a transcription error
// cannot pass the decryption tests).
// ---------------------------------------------------------------------------

pub(crate) const RFC8448_CLIENT_RANDOM: &str =
    "cb 34 ec b1 e7 81 63 ba 1c 38 c6 da cb 19 6a 6d ff a2 1a 8d 99 12 ec 18 a2 ef 62 83 02 4d ec e7";
pub(crate) const RFC8448_SERVER_HS_SECRET: &str =
    "b6 7b 7d 69 0c c1 6c 4e 75 e5 42 13 cb 2d 37 b4 e9 c9 12 bc de d9 10 5d 42 be fd 59 d3 91 ad 38";
pub(crate) const RFC8448_CLIENT_HS_SECRET: &str =
    "b3 ed db 12 6e 06 7f 35 a7 80 b3 ab f4 5e 2d 8f 3b 1a 95 07 38 f5 2e 96 00 74 6a 0e 27 a5 5a 21";
pub(crate) const RFC8448_SERVER_AP_SECRET: &str =
    "a1 1a f9 f0 55 31 f8 56 ad 47 11 6b 45 a9 50 32 82 04 b4 f4 4b fb 6b 3a 4b 4f 1f 3f cb 63 16 43";
pub(crate) const RFC8448_CLIENT_AP_SECRET: &str =
    "9e 40 64 6c e7 9a 7f 9d c0 5a f8 88 9b ce 65 52 87 5a fa 0b 06 df 00 87 f7 92 eb b7 c1 75 04 a5";

/// "{client} send handshake record: complete record (201 octets)".
pub(crate) const RFC8448_CLIENT_HELLO: &str = "
    16 03 01 00 c4 01 00 00 c0 03 03 cb 34 ec b1 e7 81 63 ba 1c 38 c6 da cb 19 6a 6d ff a2 1a 8d 99 12
    ec 18 a2 ef 62 83 02 4d ec e7 00 00 06 13 01 13 03 13 02 01 00 00 91 00 00 00 0b 00 09 00 00 06 73
    65 72 76 65 72 ff 01 00 01 00 00 0a 00 14 00 12 00 1d 00 17 00 18 00 19 01 00 01 01 01 02 01 03 01
    04 00 23 00 00 00 33 00 26 00 24 00 1d 00 20 99 38 1d e5 60 e4 bd 43 d2 3d 8e 43 5a 7d ba fe b3 c0
    6e 51 c1 3c ae 4d 54 13 69 1e 52 9a af 2c 00 2b 00 03 02 03 04 00 0d 00 20 00 1e 04 03 05 03 06 03
    02 03 08 04 08 05 08 06 04 01 05 01 06 01 02 01 04 02 05 02 06 02 02 02 00 2d 00 02 01 01 00 1c 00
    02 40 01";

/// "{server} send handshake record: complete record (95 octets)".
pub(crate) const RFC8448_SERVER_HELLO: &str = "
    16 03 03 00 5a 02 00 00 56 03 03 a6 af 06 a4 12 18 60 dc 5e 6e 60 24 9c d3 4c 95 93 0c 8a c5 cb 14
    34 da c1 55 77 2e d3 e2 69 28 00 13 01 00 00 2e 00 33 00 24 00 1d 00 20 c9 82 88 76 11 20 95 fe 66
    76 2b db f7 c6 72 e1 56 d6 cc 25 3b 83 3d f1 dd 69 b1 b0 4e 75 1f 0f 00 2b 00 02 03 04";

/// "{server} send handshake record: complete record (679 octets)":
/// EncryptedExtensions, Certificate, CertificateVerify, Finished.
pub(crate) const RFC8448_SERVER_FLIGHT: &str = "
    17 03 03 02 a2 d1 ff 33 4a 56 f5 bf f6 59 4a 07 cc 87 b5 80 23 3f 50 0f 45 e4 89 e7 f3 3a f3 5e
    df 78 69 fc f4 0a a4 0a a2 b8 ea 73 f8 48 a7 ca 07 61 2e f9 f9 45 cb 96 0b 40 68 90 51 23 ea 78
    b1 11 b4 29 ba 91 91 cd 05 d2 a3 89 28 0f 52 61 34 aa dc 7f c7 8c 4b 72 9d f8 28 b5 ec f7 b1 3b
    d9 ae fb 0e 57 f2 71 58 5b 8e a9 bb 35 5c 7c 79 02 07 16 cf b9 b1 18 3e f3 ab 20 e3 7d 57 a6 b9
    d7 47 76 09 ae e6 e1 22 a4 cf 51 42 73 25 25 0c 7d 0e 50 92 89 44 4c 9b 3a 64 8f 1d 71 03 5d 2e
    d6 5b 0e 3c dd 0c ba e8 bf 2d 0b 22 78 12 cb b3 60 98 72 55 cc 74 41 10 c4 53 ba a4 fc d6 10 92
    8d 80 98 10 e4 b7 ed 1a 8f d9 91 f0 6a a6 24 82 04 79 7e 36 a6 a7 3b 70 a2 55 9c 09 ea d6 86 94
    5b a2 46 ab 66 e5 ed d8 04 4b 4c 6d e3 fc f2 a8 94 41 ac 66 27 2f d8 fb 33 0e f8 19 05 79 b3 68
    45 96 c9 60 bd 59 6e ea 52 0a 56 a8 d6 50 f5 63 aa d2 74 09 96 0d ca 63 d3 e6 88 61 1e a5 e2 2f
    44 15 cf 95 38 d5 1a 20 0c 27 03 42 72 96 8a 26 4e d6 54 0c 84 83 8d 89 f7 2c 24 46 1a ad 6d 26
    f5 9e ca ba 9a cb bb 31 7b 66 d9 02 f4 f2 92 a3 6a c1 b6 39 c6 37 ce 34 31 17 b6 59 62 22 45 31
    7b 49 ee da 0c 62 58 f1 00 d7 d9 61 ff b1 38 64 7e 92 ea 33 0f ae ea 6d fa 31 c7 a8 4d c3 bd 7e
    1b 7a 6c 71 78 af 36 87 90 18 e3 f2 52 10 7f 24 3d 24 3d c7 33 9d 56 84 c8 b0 37 8b f3 02 44 da
    8c 87 c8 43 f5 e5 6e b4 c5 e8 28 0a 2b 48 05 2c f9 3b 16 49 9a 66 db 7c ca 71 e4 59 94 26 f7 d4
    61 e6 6f 99 88 2b d8 9f c5 08 00 be cc a6 2d 6c 74 11 6d bd 29 72 fd a1 fa 80 f8 5d f8 81 ed be
    5a 37 66 89 36 b3 35 58 3b 59 91 86 dc 5c 69 18 a3 96 fa 48 a1 81 d6 b6 fa 4f 9d 62 d5 13 af bb
    99 2f 2b 99 2f 67 f8 af e6 7f 76 91 3f a3 88 cb 56 30 c8 ca 01 e0 c6 5d 11 c6 6a 1e 2a c4 c8 59
    77 b7 c7 a6 99 9b bf 10 dc 35 ae 69 f5 51 56 14 63 6c 0b 9b 68 c1 9e d2 e3 1c 0b 3b 66 76 30 38
    eb ba 42 f3 b3 8e dc 03 99 f3 a9 f2 3f aa 63 97 8c 31 7f c9 fa 66 a7 3f 60 f0 50 4d e9 3b 5b 84
    5e 27 55 92 c1 23 35 ee 34 0b bc 4f dd d5 02 78 40 16 e4 b3 be 7e f0 4d da 49 f4 b4 40 a3 0c b5
    d2 af 93 98 28 fd 4a e3 79 4e 44 f9 4d f5 a6 31 ed e4 2c 17 19 bf da bf 02 53 fe 51 75 be 89 8e
    75 0e dc 53 37 0d 2b";

/// "{server} construct an EncryptedExtensions handshake message (40 octets)".
pub(crate) const RFC8448_EE: &str = "
    08 00 00 24 00 22 00 0a 00 14 00 12 00 1d 00 17 00 18 00 19 01 00 01 01 01 02 01 03 01 04 00 1c
    00 02 40 01 00 00 00 00";

/// "{server} construct a Certificate handshake message (445 octets)".
pub(crate) const RFC8448_CERT: &str = "
    0b 00 01 b9 00 00 01 b5 00 01 b0 30 82 01 ac 30 82 01 15 a0 03 02 01 02 02 01 02 30 0d 06 09 2a
    86 48 86 f7 0d 01 01 0b 05 00 30 0e 31 0c 30 0a 06 03 55 04 03 13 03 72 73 61 30 1e 17 0d 31 36
    30 37 33 30 30 31 32 33 35 39 5a 17 0d 32 36 30 37 33 30 30 31 32 33 35 39 5a 30 0e 31 0c 30 0a
    06 03 55 04 03 13 03 72 73 61 30 81 9f 30 0d 06 09 2a 86 48 86 f7 0d 01 01 01 05 00 03 81 8d 00
    30 81 89 02 81 81 00 b4 bb 49 8f 82 79 30 3d 98 08 36 39 9b 36 c6 98 8c 0c 68 de 55 e1 bd b8 26
    d3 90 1a 24 61 ea fd 2d e4 9a 91 d0 15 ab bc 9a 95 13 7a ce 6c 1a f1 9e aa 6a f9 8c 7c ed 43 12
    09 98 e1 87 a8 0e e0 cc b0 52 4b 1b 01 8c 3e 0b 63 26 4d 44 9a 6d 38 e2 2a 5f da 43 08 46 74 80
    30 53 0e f0 46 1c 8c a9 d9 ef bf ae 8e a6 d1 d0 3e 2b d1 93 ef f0 ab 9a 80 02 c4 74 28 a6 d3 5a
    8d 88 d7 9f 7f 1e 3f 02 03 01 00 01 a3 1a 30 18 30 09 06 03 55 1d 13 04 02 30 00 30 0b 06 03 55
    1d 0f 04 04 03 02 05 a0 30 0d 06 09 2a 86 48 86 f7 0d 01 01 0b 05 00 03 81 81 00 85 aa d2 a0 e5
    b9 27 6b 90 8c 65 f7 3a 72 67 17 06 18 a5 4c 5f 8a 7b 33 7d 2d f7 a5 94 36 54 17 f2 ea e8 f8 a5
    8c 8f 81 72 f9 31 9c f3 6b 7f d6 c5 5b 80 f2 1a 03 01 51 56 72 60 96 fd 33 5e 5e 67 f2 db f1 02
    70 2e 60 8c ca e6 be c1 fc 63 a4 2a 99 be 5c 3e b7 10 7c 3c 54 e9 b9 eb 2b d5 20 3b 1c 3b 84 e0
    a8 b2 f7 59 40 9b a3 ea c9 d9 1d 40 2d cc 0c c8 f8 96 12 29 ac 91 87 b4 2b 4d e1 00 00";

/// "{server} construct a CertificateVerify handshake message (136 octets)".
pub(crate) const RFC8448_CV: &str = "
    0f 00 00 84 08 04 00 80 5a 74 7c 5d 88 fa 9b d2 e5 5a b0 85 a6 10 15 b7 21 1f 82 4c d4 84 14 5a
    b3 ff 52 f1 fd a8 47 7b 0b 7a bc 90 db 78 e2 d3 3a 5c 14 1a 07 86 53 fa 6b ef 78 0c 5e a2 48 ee
    aa a7 85 c4 f3 94 ca b6 d3 0b be 8d 48 59 ee 51 1f 60 29 57 b1 54 11 ac 02 76 71 45 9e 46 44 5c
    9e a5 8c 18 1e 81 8e 95 b8 c3 fb 0b f3 27 84 09 d3 be 15 2a 3d a5 04 3e 06 3d da 65 cd f5 ae a2
    0d 53 df ac d4 2f 74 f3";

/// "{server} construct a Finished handshake message (36 octets)".
pub(crate) const RFC8448_SERVER_FINISHED: &str = "
    14 00 00 20 9b 9b 14 1d 90 63 37 fb d2 cb dc e7 1d f4 de da 4a b4 2c 30 95 72 cb 7f ff ee 54 54
    b7 8f 07 18";

/// "{client} send handshake record: complete record (58 octets)": Finished.
const RFC8448_CLIENT_FINISHED_RECORD: &str = "
    17 03 03 00 35 75 ec 4d c2 38 cc e6 0b 29 80 44 a7 1e 21 9c 56 cc 77 b0 51 7f e9 b9 3c 7a 4b fc
    44 d8 7f 38 f8 03 38 ac 98 fc 46 de b3 84 bd 1c ae ac ab 68 67 d7 26 c4 05 46";

/// "{server} send handshake record: complete record (227 octets)": NewSessionTicket.
const RFC8448_NST_RECORD: &str = "
    17 03 03 00 de 3a 6b 8f 90 41 4a 97 d6 95 9c 34 87 68 0d e5 13 4a 2b 24 0e 6c ff ac 11 6e 95 d4
    1d 6a f8 f6 b5 80 dc f3 d1 1d 63 c7 58 db 28 9a 01 59 40 25 2f 55 71 3e 06 1d c1 3e 07 88 91 a3
    8e fb cf 57 53 ad 8e f1 70 ad 3c 73 53 d1 6d 9d a7 73 b9 ca 7f 2b 9f a1 b6 c0 d4 a3 d0 3f 75 e0
    9c 30 ba 1e 62 97 2a c4 6f 75 f7 b9 81 be 63 43 9b 29 99 ce 13 06 46 15 13 98 91 d5 e4 c5 b4 06
    f1 6e 3f c1 81 a7 7c a4 75 84 00 25 db 2f 0a 77 f8 1b 5a b0 5b 94 c0 13 46 75 5f 69 23 2c 86 51
    9d 86 cb ee ac 87 aa c3 47 d1 43 f9 60 5d 64 f6 50 db 4d 02 3e 70 e9 52 ca 49 fe 51 37 12 1c 74
    bc 26 97 68 7e 24 87 46 d6 df 35 30 05 f3 bc e1 86 96 12 9c 81 53 55 6b 3b 6c 67 79 b3 7b f1 59
    85 68 4f";

/// "{client} send application_data record: complete record (72 octets)".
const RFC8448_CLIENT_APP_RECORD: &str = "
    17 03 03 00 43 a2 3f 70 54 b6 2c 94 d0 af fa fe 82 28 ba 55 cb ef ac ea 42 f9 14 aa 66 bc ab 3f
    2b 98 19 a8 a5 b4 6b 39 5b d5 4a 9a 20 44 1e 2b 62 97 4e 1f 5a 62 92 a2 97 70 14 bd 1e 3d ea e6
    3a ee bb 21 69 49 15 e4";

/// "{server} send application_data record: complete record (72 octets)".
const RFC8448_SERVER_APP_RECORD: &str = "
    17 03 03 00 43 2e 93 7e 11 ef 4a c7 40 e5 38 ad 36 00 5f c4 a4 69 32 fc 32 25 d0 5f 82 aa 1b 36
    e3 0e fa f9 7d 90 e6 df fc 60 2d cb 50 1a 59 a8 fc c4 9c 4b f2 e5 f0 a2 1c 00 47 c2 ab f3 32 54
    0d d0 32 e1 67 c2 95 5d";

pub(crate) fn h(s: &str) -> Vec<u8> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    decode_hex(&s).unwrap()
}

fn hx(s: &str) -> String {
    encode_hex(&h(s))
}

const C2S: Direction = Direction::ClientToServer;
const S2C: Direction = Direction::ServerToClient;

fn rfc8448_keylog() -> KeyLog {
    let cr = hx(RFC8448_CLIENT_RANDOM);
    KeyLog::parse_str(
        &format!(
            "# RFC 8448 section 3\n\
             CLIENT_HANDSHAKE_TRAFFIC_SECRET {cr} {}\n\
             SERVER_HANDSHAKE_TRAFFIC_SECRET {cr} {}\n\
             CLIENT_TRAFFIC_SECRET_0 {cr} {}\n\
             SERVER_TRAFFIC_SECRET_0 {cr} {}\n",
            hx(RFC8448_CLIENT_HS_SECRET),
            hx(RFC8448_SERVER_HS_SECRET),
            hx(RFC8448_CLIENT_AP_SECRET),
            hx(RFC8448_SERVER_AP_SECRET),
        ),
        "rfc8448.keys",
    )
}

/// The RFC 8448 §3 conversation, as (direction, bytes) in a plausible
/// capture order.
fn rfc8448_transcript() -> Vec<(Direction, Vec<u8>)> {
    vec![
        (C2S, h(RFC8448_CLIENT_HELLO)),
        (
            S2C,
            [h(RFC8448_SERVER_HELLO), h(RFC8448_SERVER_FLIGHT)].concat(),
        ),
        (
            C2S,
            [
                h(RFC8448_CLIENT_FINISHED_RECORD),
                h(RFC8448_CLIENT_APP_RECORD),
            ]
            .concat(),
        ),
        (
            S2C,
            [h(RFC8448_NST_RECORD), h(RFC8448_SERVER_APP_RECORD)].concat(),
        ),
    ]
}

/// Feeds a transcript in chunks of `chunk` bytes; returns the events.
fn run(
    conn: &mut TlsConn,
    transcript: &[(Direction, Vec<u8>)],
    keys: &KeyLog,
    chunk: usize,
) -> Vec<TlsEvent> {
    let mut off = [0u64; 2];
    let mut out = Vec::new();
    for (dir, bytes) in transcript {
        for c in bytes.chunks(chunk.max(1)) {
            conn.feed(*dir, off[dir.index()], c, keys, &mut out);
            off[dir.index()] += c.len() as u64;
        }
    }
    conn.finish(keys, &mut out);
    out
}

fn plaintexts(ev: &[TlsEvent], dir: Direction) -> Vec<Vec<u8>> {
    ev.iter()
        .filter_map(|e| match e {
            TlsEvent::Plaintext(p) if p.dir == dir => Some(p.data.clone()),
            _ => None,
        })
        .collect()
}

fn handshakes(ev: &[TlsEvent]) -> Vec<(Direction, &'static str, bool)> {
    ev.iter()
        .filter_map(|e| match e {
            TlsEvent::Handshake(m) => Some((m.dir, m.name, m.encrypted)),
            _ => None,
        })
        .collect()
}

fn records(ev: &[TlsEvent]) -> Vec<&RecordEvent> {
    ev.iter()
        .filter_map(|e| match e {
            TlsEvent::Record(r) => Some(r),
            _ => None,
        })
        .collect()
}

fn problems(ev: &[TlsEvent]) -> Vec<&TlsEvent> {
    ev.iter()
        .filter(|e| matches!(e, TlsEvent::Error(_) | TlsEvent::Undecryptable { .. }))
        .collect()
}

#[test]
fn rfc8448_whole_session_decrypts() {
    let keys = rfc8448_keylog();
    let payload: Vec<u8> = (0u8..=0x31).collect();
    for chunk in [1usize, 2, 5, 100, 1460, 100_000] {
        let mut conn = TlsConn::new();
        let ev = run(&mut conn, &rfc8448_transcript(), &keys, chunk);
        assert!(
            problems(&ev).is_empty(),
            "chunk {chunk}: {:?}",
            problems(&ev)
        );
        assert_eq!(plaintexts(&ev, C2S), vec![payload.clone()]);
        assert_eq!(plaintexts(&ev, S2C), vec![payload.clone()]);
        assert_eq!(
            handshakes(&ev),
            vec![
                (C2S, "client_hello", false),
                (S2C, "server_hello", false),
                (S2C, "encrypted_extensions", true),
                (S2C, "certificate", true),
                (S2C, "certificate_verify", true),
                (S2C, "finished", true),
                (C2S, "finished", true),
                (S2C, "new_session_ticket", true),
            ]
        );
        let recs = records(&ev);
        let summary: Vec<_> = recs
            .iter()
            .map(|r| (r.dir, r.record_number, r.inner_type, r.epoch, r.protection))
            .collect();
        use ContentType::*;
        use Protection::*;
        assert_eq!(
            summary,
            vec![
                (C2S, 0, Some(Handshake), Epoch::Plaintext, Plaintext),
                (S2C, 0, Some(Handshake), Epoch::Plaintext, Plaintext),
                (S2C, 1, Some(Handshake), Epoch::Handshake, Decrypted),
                (C2S, 1, Some(Handshake), Epoch::Handshake, Decrypted),
                (C2S, 2, Some(ApplicationData), Epoch::Traffic(0), Decrypted),
                (S2C, 2, Some(Handshake), Epoch::Traffic(0), Decrypted),
                (S2C, 3, Some(ApplicationData), Epoch::Traffic(0), Decrypted),
            ]
        );
        // Stream offsets: the server flight is bytes 95..774 of its stream.
        assert_eq!(recs[2].stream, 95..774);
        assert_eq!(recs[2].content_type, ApplicationData);
        assert_eq!(recs[2].length, 0x2a2);
        let s = conn.summary();
        assert_eq!(s.version, Some(0x0304));
        assert_eq!(s.version_name, Some("TLS 1.3"));
        assert_eq!(s.cipher_suite_name, Some("TLS_AES_128_GCM_SHA256"));
        assert_eq!(s.sni.as_deref(), Some("server"));
        assert!(s.decrypted);
        assert!(!s.resumed);
        assert_eq!(
            s.key_log_lines.iter().map(|l| l.line).collect::<Vec<_>>(),
            vec![3, 2, 5, 4]
        );
        assert_eq!(s.records, [3, 4]);
        assert_eq!(s.decrypted_records, [2, 3]);
    }
}

#[test]
fn rfc8448_plaintext_event_carries_the_ciphertext_record_offsets() {
    let keys = rfc8448_keylog();
    let mut conn = TlsConn::new();
    let mut out = Vec::new();
    // The client stream starts at offset 1000 (say, after a proxy CONNECT).
    let t = rfc8448_transcript();
    conn.feed(C2S, 1000, &t[0].1, &keys, &mut out);
    conn.feed(S2C, 0, &t[1].1, &keys, &mut out);
    conn.feed(C2S, 1000 + t[0].1.len() as u64, &t[2].1, &keys, &mut out);
    let p = out
        .iter()
        .find_map(|e| match e {
            TlsEvent::Plaintext(p) => Some(p.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(p.record_number, 2);
    assert_eq!(p.stream, 1000 + 201 + 58..1000 + 201 + 58 + 72);
}

#[test]
fn rfc8448_without_keys_says_why_once() {
    let mut conn = TlsConn::new();
    let ev = run(&mut conn, &rfc8448_transcript(), &KeyLog::new(), 1460);
    assert!(plaintexts(&ev, C2S).is_empty() && plaintexts(&ev, S2C).is_empty());
    let und: Vec<_> = ev
        .iter()
        .filter_map(|e| match e {
            TlsEvent::Undecryptable { reason, .. } => Some(reason.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(und, vec![Undecryptable::NoKeyLog]);
    assert!(problems(&ev).len() == 1);
    // The hellos are still summarised.
    assert_eq!(conn.summary().sni.as_deref(), Some("server"));
    assert!(!conn.summary().decrypted);
    assert!(records(&ev)[2..]
        .iter()
        .all(|r| r.protection == Protection::NotDecrypted && r.epoch == Epoch::Unknown));

    // A key log for other sessions only.
    let other = KeyLog::parse_str(
        &format!("CLIENT_RANDOM {} {}", "00".repeat(32), "11".repeat(48)),
        "o",
    );
    let mut conn = TlsConn::new();
    let ev = run(&mut conn, &rfc8448_transcript(), &other, 1460);
    assert!(matches!(
        conn.summary().undecryptable,
        Some(Undecryptable::NoKeysForSession { ref client_random }) if client_random.starts_with("cb34ecb1")
    ));
    assert_eq!(problems(&ev).len(), 1);
}

#[test]
fn rfc8448_with_a_wrong_secret_is_a_key_mismatch() {
    let cr = hx(RFC8448_CLIENT_RANDOM);
    let text = format!(
        "CLIENT_HANDSHAKE_TRAFFIC_SECRET {cr} {}\n\
         SERVER_HANDSHAKE_TRAFFIC_SECRET {cr} {}\n",
        hx(RFC8448_CLIENT_HS_SECRET),
        "ab".repeat(32),
    );
    let keys = KeyLog::parse_str(&text, "bad.keys");
    let mut conn = TlsConn::new();
    let ev = run(&mut conn, &rfc8448_transcript(), &keys, 1460);
    assert!(plaintexts(&ev, S2C).is_empty());
    let Some(TlsEvent::Undecryptable { dir, reason }) = ev
        .iter()
        .find(|e| matches!(e, TlsEvent::Undecryptable { .. }))
    else {
        panic!("{ev:?}")
    };
    assert_eq!(*dir, Some(S2C));
    assert_eq!(
        *reason,
        Undecryptable::KeyMismatch {
            dir: S2C,
            label: Label::ServerHandshakeTrafficSecret,
            source: Source {
                name: "bad.keys".into(),
                line: 2
            }
        }
    );
    // The client's handshake record still decrypts, and then its
    // application secret is missing: a second reason, as an error.
    assert!(ev.iter().any(|e| matches!(
        e,
        TlsEvent::Error(ErrorEvent {
            error: TlsError::AlsoUndecryptable {
                reason: Undecryptable::MissingSecret {
                    label: Label::ClientTrafficSecret0
                }
            },
            ..
        })
    )));
    assert!(handshakes(&ev).contains(&(C2S, "finished", true)));
}

#[test]
fn rfc8448_corrupted_application_record_is_an_error_not_data() {
    let keys = rfc8448_keylog();
    let mut t = rfc8448_transcript();
    // Flip a ciphertext bit of the server's application data record.
    let last = t[3].1.len() - 20;
    t[3].1[last] ^= 0x80;
    let mut conn = TlsConn::new();
    let ev = run(&mut conn, &t, &keys, 7);
    assert!(plaintexts(&ev, S2C).is_empty());
    assert_eq!(plaintexts(&ev, C2S).len(), 1);
    let bad: Vec<_> = ev
        .iter()
        .filter_map(|e| match e {
            TlsEvent::Error(e) => Some((e.dir, e.record_number, e.error.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        bad,
        vec![(
            S2C,
            Some(3),
            TlsError::Decrypt {
                error: DecryptError::BadTag
            }
        )]
    );
    assert_eq!(conn.summary().bad_records, [0, 1]);
    assert!(conn.summary().undecryptable.is_none());
}

// ---------------------------------------------------------------------------
// Synthetic sessions: handshake messages built by hand, records sealed with
// RecordCipher (the same AEAD crates' encrypt side).
// ---------------------------------------------------------------------------

fn hs(t: u8, body: &[u8]) -> Vec<u8> {
    let mut v = vec![t];
    v.extend_from_slice(&(body.len() as u32).to_be_bytes()[1..]);
    v.extend_from_slice(body);
    v
}

fn rec(t: u8, version: u16, body: &[u8]) -> Vec<u8> {
    let mut v = vec![t];
    v.extend_from_slice(&version.to_be_bytes());
    v.extend_from_slice(&(body.len() as u16).to_be_bytes());
    v.extend_from_slice(body);
    v
}

fn ext(t: u16, data: &[u8]) -> Vec<u8> {
    let mut v = t.to_be_bytes().to_vec();
    v.extend_from_slice(&(data.len() as u16).to_be_bytes());
    v.extend_from_slice(data);
    v
}

fn vec16(data: &[u8]) -> Vec<u8> {
    let mut v = (data.len() as u16).to_be_bytes().to_vec();
    v.extend_from_slice(data);
    v
}

fn alpn_ext(protos: &[&str]) -> Vec<u8> {
    let mut list = Vec::new();
    for p in protos {
        list.push(p.len() as u8);
        list.extend_from_slice(p.as_bytes());
    }
    ext(16, &vec16(&list))
}

struct Hello<'a> {
    random: [u8; 32],
    session_id: &'a [u8],
    suites: &'a [u16],
    extensions: Vec<u8>,
}

fn client_hello(h: &Hello<'_>) -> Vec<u8> {
    let mut b = vec![3, 3];
    b.extend_from_slice(&h.random);
    b.push(h.session_id.len() as u8);
    b.extend_from_slice(h.session_id);
    let suites: Vec<u8> = h.suites.iter().flat_map(|s| s.to_be_bytes()).collect();
    b.extend_from_slice(&vec16(&suites));
    b.extend_from_slice(&[1, 0]);
    b.extend_from_slice(&vec16(&h.extensions));
    hs(1, &b)
}

fn server_hello(h: &Hello<'_>) -> Vec<u8> {
    let mut b = vec![3, 3];
    b.extend_from_slice(&h.random);
    b.push(h.session_id.len() as u8);
    b.extend_from_slice(h.session_id);
    b.extend_from_slice(&h.suites[0].to_be_bytes());
    b.push(0);
    b.extend_from_slice(&vec16(&h.extensions));
    hs(2, &b)
}

fn sni_ext(host: &str) -> Vec<u8> {
    let mut name = vec![0];
    name.extend_from_slice(&vec16(host.as_bytes()));
    ext(0, &vec16(&name))
}

const CR: [u8; 32] = [0x11; 32];
const SR: [u8; 32] = [0x22; 32];
const MASTER: [u8; 48] = [0x33; 48];

fn tls12_keylog(cr: &[u8; 32]) -> KeyLog {
    KeyLog::parse_str(
        &format!("CLIENT_RANDOM {} {}\n", encode_hex(cr), encode_hex(&MASTER)),
        "sslkeys.log",
    )
}

/// A full TLS 1.2 handshake with `suite`, then a WebSocket upgrade and a
/// frame each way, then close_notify.
fn tls12_session(suite_id: u16, resumed: bool) -> Vec<(Direction, Vec<u8>)> {
    let suite = cipher_suite(suite_id, false).unwrap();
    let keys = tls12_keys(&suite, &MASTER, &CR, &SR);
    let mut c = RecordCipher::tls12(&suite, &keys.client).unwrap();
    let mut s = RecordCipher::tls12(&suite, &keys.server).unwrap();
    let sid = [0x5a; 32];
    let ch = client_hello(&Hello {
        random: CR,
        session_id: if resumed { &sid } else { &[] },
        suites: &[0xc02b, suite_id, 0x002f],
        extensions: [
            sni_ext("chat.example"),
            alpn_ext(&["http/1.1"]),
            ext(35, &[]),
        ]
        .concat(),
    });
    let sh = server_hello(&Hello {
        random: SR,
        session_id: &sid,
        suites: &[suite_id],
        extensions: [alpn_ext(&["http/1.1"]), ext(35, &[])].concat(),
    });
    let seal = |cipher: &mut RecordCipher, t: ContentType, data: &[u8]| {
        let mut v = Vec::new();
        cipher.seal(t, 0x0303, data, &mut v);
        v
    };
    let fin = hs(20, &[0x77; 12]);
    let mut t = vec![(C2S, rec(22, 0x0301, &ch))];
    if resumed {
        // Abbreviated handshake (RFC 5246 §7.3): the server finishes first.
        t.push((
            S2C,
            [
                rec(22, 0x0303, &sh),
                rec(20, 0x0303, &[1]),
                seal(&mut s, ContentType::Handshake, &fin),
            ]
            .concat(),
        ));
        t.push((
            C2S,
            [
                rec(20, 0x0303, &[1]),
                seal(&mut c, ContentType::Handshake, &fin),
            ]
            .concat(),
        ));
    } else {
        let cert = hs(11, &[&[0, 0, 7][..], &[0, 0, 4], b"cert"].concat());
        let ske = hs(12, &[3, 0, 0x1d, 1, 9]);
        let done = hs(14, &[]);
        t.push((S2C, rec(22, 0x0303, &[sh, cert, ske, done].concat())));
        t.push((
            C2S,
            [
                rec(22, 0x0303, &hs(16, &[1, 4])),
                rec(20, 0x0303, &[1]),
                seal(&mut c, ContentType::Handshake, &fin),
            ]
            .concat(),
        ));
        // A session ticket, then the server's switch.
        t.push((
            S2C,
            [
                rec(22, 0x0303, &hs(4, &[0, 0, 0x1c, 0x20, 0, 3, 1, 2, 3])),
                rec(20, 0x0303, &[1]),
                seal(&mut s, ContentType::Handshake, &fin),
            ]
            .concat(),
        ));
    }
    t.push((
        C2S,
        seal(
            &mut c,
            ContentType::ApplicationData,
            b"GET /chat HTTP/1.1\r\n\r\n",
        ),
    ));
    t.push((
        S2C,
        [
            seal(
                &mut s,
                ContentType::ApplicationData,
                b"HTTP/1.1 101 Switching Protocols\r\n\r\n",
            ),
            seal(
                &mut s,
                ContentType::ApplicationData,
                &[0x81, 0x02, b'h', b'i'],
            ),
        ]
        .concat(),
    ));
    t.push((C2S, seal(&mut c, ContentType::Alert, &[1, 0])));
    t
}

#[test]
fn tls12_full_handshake_decrypts_for_every_aead_suite() {
    for suite in [
        0xc02fu16, 0xc030, 0xc02b, 0xc02c, 0xcca8, 0xcca9, 0x009c, 0x009f,
    ] {
        let keys = tls12_keylog(&CR);
        for chunk in [1usize, 3, 1460] {
            let mut conn = TlsConn::new();
            let ev = run(&mut conn, &tls12_session(suite, false), &keys, chunk);
            assert!(
                problems(&ev).is_empty(),
                "{suite:#06x}: {:?}",
                problems(&ev)
            );
            assert_eq!(
                plaintexts(&ev, C2S),
                vec![b"GET /chat HTTP/1.1\r\n\r\n".to_vec()]
            );
            assert_eq!(
                plaintexts(&ev, S2C),
                vec![
                    b"HTTP/1.1 101 Switching Protocols\r\n\r\n".to_vec(),
                    vec![0x81, 0x02, b'h', b'i']
                ]
            );
            let names: Vec<_> = handshakes(&ev).iter().map(|h| h.1).collect();
            assert_eq!(
                names,
                vec![
                    "client_hello",
                    "server_hello",
                    "certificate",
                    "server_key_exchange",
                    "server_hello_done",
                    "client_key_exchange",
                    "finished",
                    "new_session_ticket",
                    "finished"
                ]
            );
            let alerts: Vec<_> = ev
                .iter()
                .filter_map(|e| match e {
                    TlsEvent::Alert(a) => Some((a.dir, a.level, a.description_name, a.encrypted)),
                    _ => None,
                })
                .collect();
            assert_eq!(alerts, vec![(C2S, 1, "close_notify", true)]);
            let s = conn.summary();
            assert_eq!(s.version_name, Some("TLS 1.2"));
            assert_eq!(s.cipher_suite, Some(suite));
            assert_eq!(s.sni.as_deref(), Some("chat.example"));
            assert_eq!(s.alpn.as_deref(), Some("http/1.1"));
            assert_eq!(s.alpn_offered, vec!["http/1.1".to_string()]);
            assert!(!s.resumed);
            assert_eq!(s.key_log_lines.len(), 1);
            assert_eq!(s.key_log_lines[0].to_string(), "sslkeys.log:1");
            let epochs: Vec<_> = records(&ev)
                .iter()
                .filter(|r| r.protection == Protection::Decrypted)
                .map(|r| r.epoch)
                .collect();
            assert!(epochs.iter().all(|e| *e == Epoch::Traffic(0)));
        }
    }
}

#[test]
fn tls12_abbreviated_handshake_decrypts() {
    let keys = tls12_keylog(&CR);
    let mut conn = TlsConn::new();
    let ev = run(&mut conn, &tls12_session(0xc02f, true), &keys, 1460);
    assert!(problems(&ev).is_empty(), "{:?}", problems(&ev));
    assert_eq!(plaintexts(&ev, C2S).len(), 1);
    assert_eq!(plaintexts(&ev, S2C).len(), 2);
    assert!(conn.summary().resumed);
    assert_eq!(
        handshakes(&ev),
        vec![
            (C2S, "client_hello", false),
            (S2C, "server_hello", false),
            (S2C, "finished", true),
            (C2S, "finished", true)
        ]
    );
}

#[test]
fn tls12_cbc_and_old_versions_say_unsupported() {
    // Same session bytes, but the ServerHello picks a CBC suite.
    let mut t = tls12_session(0xc02f, false);
    let sh = &mut t[1].1;
    let pos = 5 + 4 + 2 + 32 + 1 + 32;
    sh[pos..pos + 2].copy_from_slice(&0xc027u16.to_be_bytes());
    let mut conn = TlsConn::new();
    let ev = run(&mut conn, &t, &tls12_keylog(&CR), 1460);
    assert!(plaintexts(&ev, C2S).is_empty());
    assert_eq!(
        conn.summary().undecryptable,
        Some(Undecryptable::UnsupportedSuite {
            id: 0xc027,
            name: Some("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"),
            problem: crypto::SuiteProblem::NotAead
        })
    );
    assert_eq!(problems(&ev).len(), 1);

    let mut t = tls12_session(0xc02f, false);
    t[1].1[5 + 4 + 1] = 2; // ServerHello.version 3.2 = TLS 1.1
    let mut conn = TlsConn::new();
    let ev = run(&mut conn, &t, &tls12_keylog(&CR), 1460);
    assert_eq!(
        conn.summary().undecryptable,
        Some(Undecryptable::UnsupportedVersion { version: 0x0302 })
    );
    assert_eq!(problems(&ev).len(), 1);
    let reason = conn.summary().undecryptable.clone().unwrap();
    assert_eq!(reason.to_string(), "TLS 1.1 is not decrypted");
    assert!(reason.advice().contains("TLS 1.2"));
}

#[test]
fn tls12_wrong_master_secret_is_one_key_mismatch() {
    let keys = KeyLog::parse_str(
        &format!("CLIENT_RANDOM {} {}\n", encode_hex(&CR), "44".repeat(48)),
        "wrong.log",
    );
    let mut conn = TlsConn::new();
    let ev = run(&mut conn, &tls12_session(0xcca8, false), &keys, 1460);
    assert!(plaintexts(&ev, C2S).is_empty() && plaintexts(&ev, S2C).is_empty());
    let und: Vec<_> = ev
        .iter()
        .filter(|e| matches!(e, TlsEvent::Undecryptable { .. }))
        .collect();
    assert_eq!(und.len(), 1, "{ev:?}");
    assert!(matches!(
        conn.summary().undecryptable,
        Some(Undecryptable::KeyMismatch {
            dir: Direction::ClientToServer,
            label: Label::ClientRandom,
            ref source
        }) if source.to_string() == "wrong.log:1"
    ));
}

/// A TLS 1.3 session with `suite`, ALPN in EncryptedExtensions, a
/// KeyUpdate each way, and the secrets it used.
fn tls13_session(suite_id: u16) -> (Vec<(Direction, Vec<u8>)>, KeyLog) {
    let suite = cipher_suite(suite_id, true).unwrap();
    let n = suite.hash.output_len();
    let secret = |b: u8| vec![b; n];
    let (chs, shs, cap, sap) = (secret(1), secret(2), secret(3), secret(4));
    let keylog = KeyLog::parse_str(
        &format!(
            "SERVER_HANDSHAKE_TRAFFIC_SECRET {cr} {}\nCLIENT_HANDSHAKE_TRAFFIC_SECRET {cr} {}\n\
             SERVER_TRAFFIC_SECRET_0 {cr} {}\nCLIENT_TRAFFIC_SECRET_0 {cr} {}\n\
             EXPORTER_SECRET {cr} {}\n",
            encode_hex(&shs),
            encode_hex(&chs),
            encode_hex(&sap),
            encode_hex(&cap),
            encode_hex(&secret(5)),
            cr = encode_hex(&CR),
        ),
        "k13",
    );
    let sid = [0x99; 32];
    let ch = client_hello(&Hello {
        random: CR,
        session_id: &sid,
        suites: &[0x1301, 0x1302, 0x1303],
        extensions: [
            sni_ext("ws.example"),
            alpn_ext(&["h2", "http/1.1"]),
            ext(43, &[4, 0x03, 0x04, 0x03, 0x03]),
        ]
        .concat(),
    });
    let sh = server_hello(&Hello {
        random: SR,
        session_id: &sid,
        suites: &[suite_id],
        extensions: [ext(43, &[3, 4]), ext(51, &[0, 0x1d, 0, 1, 7])].concat(),
    });
    let ee = hs(8, &vec16(&alpn_ext(&["http/1.1"])));
    let cert = hs(
        11,
        &[&[0, 0, 0, 9][..], &[0, 0, 4], b"cert", &[0, 0]].concat(),
    );
    let cv = hs(15, &[8, 4, 0, 1, 0]);
    let fin = hs(20, &vec![0xee; n]);
    let seal = |c: &mut RecordCipher, t: ContentType, data: &[u8]| {
        let mut v = Vec::new();
        c.seal(t, 0x0303, data, &mut v);
        v
    };
    let mut shc = RecordCipher::tls13(&suite, &shs).unwrap();
    let mut chc = RecordCipher::tls13(&suite, &chs).unwrap();
    let mut sac = RecordCipher::tls13(&suite, &sap).unwrap();
    let mut cac = RecordCipher::tls13(&suite, &cap).unwrap();
    let cap1 = tls13_next_secret(suite.hash, &cap).unwrap();
    let sap1 = tls13_next_secret(suite.hash, &sap).unwrap();
    let mut cac1 = RecordCipher::tls13(&suite, &cap1).unwrap();
    let mut sac1 = RecordCipher::tls13(&suite, &sap1).unwrap();
    // The flight split over two records, the certificate across both.
    let flight = [ee, cert, cv, fin.clone()].concat();
    let t = vec![
        (C2S, rec(22, 0x0301, &ch)),
        (
            S2C,
            [
                rec(22, 0x0303, &sh),
                rec(20, 0x0303, &[1]),
                seal(&mut shc, ContentType::Handshake, &flight[..30]),
                seal(&mut shc, ContentType::Handshake, &flight[30..]),
            ]
            .concat(),
        ),
        (
            C2S,
            [
                rec(20, 0x0303, &[1]),
                seal(&mut chc, ContentType::Handshake, &fin),
                seal(
                    &mut cac,
                    ContentType::ApplicationData,
                    b"GET / HTTP/1.1\r\n\r\n",
                ),
                seal(&mut cac, ContentType::Handshake, &hs(24, &[1])),
                seal(&mut cac1, ContentType::ApplicationData, b"after update"),
            ]
            .concat(),
        ),
        (
            S2C,
            [
                seal(
                    &mut sac,
                    ContentType::Handshake,
                    &hs(4, &[0, 0, 1, 0, 0, 0, 0, 7, 1, 0xab, 0, 2, 1, 2, 0, 0]),
                ),
                seal(
                    &mut sac,
                    ContentType::ApplicationData,
                    b"HTTP/1.1 101\r\n\r\n",
                ),
                seal(&mut sac, ContentType::Handshake, &hs(24, &[0])),
                seal(
                    &mut sac1,
                    ContentType::ApplicationData,
                    b"server after update",
                ),
                seal(&mut sac1, ContentType::Alert, &[1, 0]),
            ]
            .concat(),
        ),
    ];
    (t, keylog)
}

#[test]
fn tls13_every_suite_key_update_and_alpn_in_encrypted_extensions() {
    for suite in [0x1301u16, 0x1302, 0x1303] {
        let (t, keys) = tls13_session(suite);
        for chunk in [1usize, 13, 1460] {
            let mut conn = TlsConn::new();
            let ev = run(&mut conn, &t, &keys, chunk);
            assert!(
                problems(&ev).is_empty(),
                "{suite:#06x}: {:?}",
                problems(&ev)
            );
            assert_eq!(
                plaintexts(&ev, C2S),
                vec![b"GET / HTTP/1.1\r\n\r\n".to_vec(), b"after update".to_vec()]
            );
            assert_eq!(
                plaintexts(&ev, S2C),
                vec![
                    b"HTTP/1.1 101\r\n\r\n".to_vec(),
                    b"server after update".to_vec()
                ]
            );
            let s = conn.summary();
            assert_eq!(s.alpn.as_deref(), Some("http/1.1"));
            assert_eq!(
                s.alpn_offered,
                vec!["h2".to_string(), "http/1.1".to_string()]
            );
            assert_eq!(s.version, Some(0x0304));
            let recs = records(&ev);
            let ccs: Vec<_> = recs
                .iter()
                .filter(|r| r.content_type == ContentType::ChangeCipherSpec)
                .map(|r| r.protection)
                .collect();
            assert_eq!(ccs, vec![Protection::CompatibilityCcs; 2]);
            let last = recs.iter().rev().find(|r| r.dir == S2C).unwrap();
            assert_eq!(last.epoch, Epoch::Traffic(1));
            assert_eq!(last.inner_type, Some(ContentType::Alert));
            let cert = ev.iter().find_map(|e| match e {
                TlsEvent::Handshake(h) if h.name == "certificate" => Some(h.clone()),
                _ => None,
            });
            let cert = cert.unwrap();
            // The certificate spans the server's records 2 and 3.
            assert_eq!((cert.first_record, cert.last_record), (2, 3));
            assert_eq!(
                cert.message,
                HandshakeMessage::Certificate {
                    certificates: vec![4]
                }
            );
            let ku: Vec<_> = ev
                .iter()
                .filter_map(|e| match e {
                    TlsEvent::Handshake(HandshakeEvent {
                        message: HandshakeMessage::KeyUpdate { update_requested },
                        dir,
                        ..
                    }) => Some((*dir, *update_requested)),
                    _ => None,
                })
                .collect();
            assert_eq!(ku, vec![(C2S, true), (S2C, false)]);
        }
    }
}

#[test]
fn tls13_missing_traffic_secret_decrypts_the_handshake_only() {
    let (t, keys) = tls13_session(0x1301);
    let text: String = format!(
        "SERVER_HANDSHAKE_TRAFFIC_SECRET {cr} {s}\nCLIENT_HANDSHAKE_TRAFFIC_SECRET {cr} {c}\n",
        cr = encode_hex(&CR),
        s = encode_hex(
            &keys
                .lookup(&CR)
                .unwrap()
                .get(Label::ServerHandshakeTrafficSecret)
                .unwrap()
                .bytes
        ),
        c = encode_hex(
            &keys
                .lookup(&CR)
                .unwrap()
                .get(Label::ClientHandshakeTrafficSecret)
                .unwrap()
                .bytes
        ),
    );
    let partial = KeyLog::parse_str(&text, "partial");
    let mut conn = TlsConn::new();
    let ev = run(&mut conn, &t, &partial, 1460);
    assert!(plaintexts(&ev, C2S).is_empty());
    assert!(handshakes(&ev).contains(&(S2C, "encrypted_extensions", true)));
    assert_eq!(conn.summary().alpn.as_deref(), Some("http/1.1"));
    assert!(matches!(
        conn.summary().undecryptable,
        Some(Undecryptable::MissingSecret { .. })
    ));
}

#[test]
fn tls13_early_data_is_skipped_not_a_key_mismatch() {
    let (mut t, keys) = tls13_session(0x1301);
    // The client offered early_data and sent a 0-RTT record right after its
    // ClientHello (before the ServerHello) and one after (EndOfEarlyData
    // under the early key), both under a key we do not have.
    let ch_rec = &t[0].1;
    let mut ch = ch_rec[5..].to_vec();
    let e = ext(42, &[]);
    ch.extend_from_slice(&e);
    // Fix the lengths: handshake length, extensions block length.
    let body_len = ch.len() - 4;
    ch[1..4].copy_from_slice(&(body_len as u32).to_be_bytes()[1..]);
    let ext_len_pos = 4 + 2 + 32 + 1 + 32 + 2 + 6 + 2;
    let old = u16::from_be_bytes([ch[ext_len_pos], ch[ext_len_pos + 1]]);
    ch[ext_len_pos..ext_len_pos + 2].copy_from_slice(&(old + e.len() as u16).to_be_bytes());
    let early_key = vec![9u8; 32];
    let suite = cipher_suite(0x1301, true).unwrap();
    let mut early = RecordCipher::tls13(&suite, &early_key).unwrap();
    let mut zero_rtt = Vec::new();
    early.seal(
        ContentType::ApplicationData,
        0x0303,
        b"0-RTT GET",
        &mut zero_rtt,
    );
    let mut eoed = Vec::new();
    early.seal(ContentType::Handshake, 0x0303, &hs(5, &[]), &mut eoed);
    t[0].1 = [rec(22, 0x0301, &ch), zero_rtt].concat();
    t[2].1 = [eoed, t[2].1.clone()].concat();
    let mut conn = TlsConn::new();
    let ev = run(&mut conn, &t, &keys, 1460);
    assert!(problems(&ev).is_empty(), "{:?}", problems(&ev));
    let early: Vec<_> = records(&ev)
        .iter()
        .filter(|r| r.protection == Protection::EarlyData)
        .map(|r| (r.dir, r.record_number, r.epoch))
        .collect();
    assert_eq!(
        early,
        vec![(C2S, 1, Epoch::EarlyData), (C2S, 2, Epoch::EarlyData)]
    );
    assert_eq!(plaintexts(&ev, C2S).len(), 2);
}

#[test]
fn hello_retry_request_then_the_real_server_hello() {
    let (t, keys) = tls13_session(0x1301);
    let hrr = server_hello(&Hello {
        random: handshake::HELLO_RETRY_REQUEST_RANDOM,
        session_id: &[0x99; 32],
        suites: &[0x1301],
        extensions: [ext(43, &[3, 4]), ext(51, &[0, 0x1d])].concat(),
    });
    let mut t2 = vec![
        t[0].clone(),
        (S2C, [rec(22, 0x0303, &hrr), rec(20, 0x0303, &[1])].concat()),
    ];
    t2.push((C2S, [rec(20, 0x0303, &[1]), t[0].1.clone()].concat()));
    t2.extend_from_slice(&t[1..]);
    let mut conn = TlsConn::new();
    let ev = run(&mut conn, &t2, &keys, 1460);
    assert!(problems(&ev).is_empty(), "{:?}", problems(&ev));
    assert!(conn.summary().hello_retry_request);
    assert_eq!(plaintexts(&ev, S2C).len(), 2);
}

#[test]
fn gaps_truncation_and_non_tls_are_errors() {
    let keys = rfc8448_keylog();
    let t = rfc8448_transcript();
    let mut conn = TlsConn::new();
    let mut out = Vec::new();
    conn.feed(C2S, 0, &t[0].1, &keys, &mut out);
    conn.feed(S2C, 0, &t[1].1[..100], &keys, &mut out);
    // 50 server bytes are lost.
    conn.feed(S2C, 150, &t[1].1[150..], &keys, &mut out);
    conn.feed(S2C, 774, &t[3].1, &keys, &mut out);
    conn.feed(C2S, 201, &t[2].1[..30], &keys, &mut out);
    conn.finish(&keys, &mut out);
    let errs: Vec<_> = out
        .iter()
        .filter_map(|e| match e {
            TlsEvent::Error(e) => Some((e.dir, e.stream.clone(), e.error.clone())),
            _ => None,
        })
        .collect();
    // The gap hid the server's Finished: the reader finds the records again
    // at the NewSessionTicket, which authenticates under
    // SERVER_TRAFFIC_SECRET_0 at sequence 0, and decryption goes on.
    assert_eq!(
        errs,
        vec![
            (S2C, 100..150, TlsError::Gap { len: 50 }),
            (S2C, 150..774, TlsError::Resynced { skipped: 624 }),
            (C2S, 201..231, TlsError::Truncated { pending: 30 }),
        ]
    );
    assert_eq!(
        plaintexts(&out, S2C),
        vec![(0u8..=0x31).collect::<Vec<u8>>()]
    );
    assert!(handshakes(&out).contains(&(S2C, "new_session_ticket", true)));
    assert!(conn.summary().key_log_lines.iter().any(|l| l.line == 5));

    let mut conn = TlsConn::new();
    let mut out = Vec::new();
    conn.feed(C2S, 0, b"GET / HTTP/1.1\r\n\r\n", &keys, &mut out);
    conn.feed(C2S, 18, b"more", &keys, &mut out);
    assert_eq!(out.len(), 1);
    assert!(matches!(
        &out[0],
        TlsEvent::Error(ErrorEvent {
            error: TlsError::Record {
                error: RecordError::BadContentType { value: b'G' }
            },
            ..
        })
    ));

    let mut conn = TlsConn::new();
    let mut out = Vec::new();
    conn.feed(S2C, 0, &[23, 3, 3, 0xff, 0xff, 0, 0], &keys, &mut out);
    assert!(matches!(
        &out[..],
        [TlsEvent::Error(ErrorEvent {
            error: TlsError::Record {
                error: RecordError::TooLong { len: 0xffff }
            },
            ..
        })]
    ));
}

#[test]
fn capture_started_after_the_handshake() {
    let keys = rfc8448_keylog();
    let mut conn = TlsConn::new();
    let mut out = Vec::new();
    conn.feed(C2S, 5000, &h(RFC8448_CLIENT_APP_RECORD), &keys, &mut out);
    conn.feed(C2S, 5072, &h(RFC8448_CLIENT_APP_RECORD), &keys, &mut out);
    let und: Vec<_> = out
        .iter()
        .filter(|e| matches!(e, TlsEvent::Undecryptable { .. }))
        .collect();
    assert_eq!(und.len(), 1);
    assert_eq!(
        conn.summary().undecryptable,
        Some(Undecryptable::NoHandshake)
    );
    assert_eq!(records(&out)[1].stream, 5072..5144);
}

#[test]
fn events_and_summary_serialize() {
    let keys = rfc8448_keylog();
    let mut conn = TlsConn::new();
    let ev = run(&mut conn, &rfc8448_transcript(), &keys, 1460);
    let json = serde_json::to_string(&ev).unwrap();
    assert!(json.contains(r#""event":"handshake""#), "{json}");
    assert!(json.contains(r#""sni":"server""#), "{json}");
    let s = serde_json::to_value(conn.summary()).unwrap();
    assert_eq!(s["cipher_suite_name"], "TLS_AES_128_GCM_SHA256");
    assert_eq!(s["key_log_lines"][0]["name"], "rfc8448.keys");
    assert_eq!(s["decrypted"], true);
    let u = serde_json::to_value(Undecryptable::MissingSecret {
        label: Label::ServerTrafficSecret0,
    })
    .unwrap();
    assert_eq!(u["reason"], "missing_secret");
    assert_eq!(u["label"], "SERVER_TRAFFIC_SECRET_0");
}

// ---------------------------------------------------------------------------
// Hostile input: never panic.
// ---------------------------------------------------------------------------

fn feed_all(splits: &[(bool, Vec<u8>)], keys: &KeyLog) -> Vec<TlsEvent> {
    let mut conn = TlsConn::new();
    let mut off = [0u64; 2];
    let mut out = Vec::new();
    for (server, data) in splits {
        let dir = if *server { S2C } else { C2S };
        conn.feed(dir, off[dir.index()], data, keys, &mut out);
        off[dir.index()] += data.len() as u64;
    }
    conn.finish(keys, &mut out);
    serde_json::to_string(conn.summary()).unwrap();
    serde_json::to_string(&out).unwrap();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(
        splits in proptest::collection::vec((any::<bool>(), proptest::collection::vec(any::<u8>(), 0..300)), 0..12)
    ) {
        feed_all(&splits, &rfc8448_keylog());
    }

    #[test]
    fn records_with_tls_headers_and_random_bodies_never_panic(
        recs in proptest::collection::vec(
            (any::<bool>(), 20u8..=24, 0usize..400, any::<u8>()), 0..20)
    ) {
        let splits: Vec<(bool, Vec<u8>)> = recs
            .iter()
            .map(|(server, t, len, fill)| {
                let body: Vec<u8> = (0..*len).map(|i| fill.wrapping_add(i as u8)).collect();
                (*server, rec(*t, 0x0303, &body))
            })
            .collect();
        feed_all(&splits, &rfc8448_keylog());
    }

    #[test]
    fn mutated_rfc8448_sessions_never_panic_nor_leak_unauthenticated_data(
        flips in proptest::collection::vec((0usize..4, any::<usize>(), 1u8..=255), 1..6),
        chunk in 1usize..700,
    ) {
        let mut t = rfc8448_transcript();
        for (which, pos, x) in &flips {
            let v = &mut t[*which].1;
            let p = pos % v.len();
            v[p] ^= x;
        }
        let keys = rfc8448_keylog();
        let mut conn = TlsConn::new();
        let ev = run(&mut conn, &t, &keys, chunk);
        // Whatever decrypted authenticated: it is the RFC's payload.
        let payload: Vec<u8> = (0u8..=0x31).collect();
        for p in plaintexts(&ev, C2S).into_iter().chain(plaintexts(&ev, S2C)) {
            prop_assert_eq!(p, payload.clone());
        }
    }

    #[test]
    fn garbage_key_logs_never_panic(text in "\\PC{0,400}", bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = KeyLog::parse_str(&text, "t");
        let _ = KeyLog::parse_bytes(&bytes, "b");
    }
}

// ---------------------------------------------------------------------------
// Interop: real OpenSSL 3.0 sessions (testdata/make_openssl_fixtures.py runs
// Python's ssl client and server over memory BIOs and keeps the client's
// SSLKEYLOGFILE). Nothing here was produced by this module's code.
// ---------------------------------------------------------------------------

const OPENSSL_REQUEST: &[u8] =
    b"GET /chat HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n\r\n";
const OPENSSL_RESPONSE: &[u8] = b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n";

macro_rules! fixture {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!("testdata/", $name, ".transcript")),
            include_str!(concat!("testdata/", $name, ".keys")),
        )
    };
}

fn parse_transcript(text: &str) -> Vec<(Direction, Vec<u8>)> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let (d, hex) = l.split_once(' ').unwrap();
            (if d == "C" { C2S } else { S2C }, decode_hex(hex).unwrap())
        })
        .collect()
}

#[test]
fn openssl_sessions_decrypt() {
    let cases = [
        (fixture!("openssl-tls12-aes128gcm"), 0xc02fu16, false),
        (fixture!("openssl-tls12-aes256gcm"), 0xc030, false),
        (fixture!("openssl-tls12-chacha20"), 0xcca8, false),
        (fixture!("openssl-tls12-resumed"), 0xc02f, true),
        (fixture!("openssl-tls13-aes128gcm"), 0x1301, false),
        (fixture!("openssl-tls13-aes256gcm"), 0x1302, false),
        (fixture!("openssl-tls13-chacha20"), 0x1303, false),
        (fixture!("openssl-tls13-aes128gcm-resumed"), 0x1301, true),
        (fixture!("openssl-tls13-aes256gcm-resumed"), 0x1302, true),
        (fixture!("openssl-tls13-chacha20-resumed"), 0x1303, true),
    ];
    for ((name, transcript, keys), suite, resumed) in cases {
        let keys = KeyLog::parse_str(keys, name);
        assert!(keys.warnings().is_empty(), "{name}: {:?}", keys.warnings());
        let t = parse_transcript(transcript);
        for chunk in [1usize, 1448] {
            let mut conn = TlsConn::new();
            let ev = run(&mut conn, &t, &keys, chunk);
            assert!(problems(&ev).is_empty(), "{name}: {:?}", problems(&ev));
            assert_eq!(
                plaintexts(&ev, C2S),
                vec![OPENSSL_REQUEST.to_vec()],
                "{name}"
            );
            assert_eq!(
                plaintexts(&ev, S2C),
                vec![OPENSSL_RESPONSE.to_vec()],
                "{name}"
            );
            let s = conn.summary();
            assert_eq!(s.cipher_suite, Some(suite), "{name}");
            assert_eq!(s.resumed, resumed, "{name}");
            assert_eq!(s.sni.as_deref(), Some("localhost"), "{name}");
            let alerts: Vec<_> = ev
                .iter()
                .filter_map(|e| match e {
                    TlsEvent::Alert(a) => Some((a.dir, a.description_name, a.encrypted)),
                    _ => None,
                })
                .collect();
            assert_eq!(alerts, vec![(C2S, "close_notify", true)], "{name}");
            // Every record of the session was either plaintext, decrypted
            // or TLS 1.3 compatibility noise.
            for r in records(&ev) {
                assert!(
                    matches!(
                        r.protection,
                        Protection::Plaintext
                            | Protection::Decrypted
                            | Protection::CompatibilityCcs
                    ),
                    "{name}: {r:?}"
                );
            }
        }
    }
}

#[test]
fn openssl_cbc_session_is_one_clear_reason() {
    let (name, transcript, keys) = fixture!("openssl-tls12-cbc");
    let keys = KeyLog::parse_str(keys, name);
    let mut conn = TlsConn::new();
    let ev = run(&mut conn, &parse_transcript(transcript), &keys, 1448);
    assert_eq!(problems(&ev).len(), 1, "{:?}", problems(&ev));
    assert_eq!(
        conn.summary().undecryptable,
        Some(Undecryptable::UnsupportedSuite {
            id: 0xc027,
            name: Some("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"),
            problem: crypto::SuiteProblem::NotAead
        })
    );
    assert!(plaintexts(&ev, C2S).is_empty());
}

// ---------------------------------------------------------------------------
// Gaps: resynchronisation and the sequence-number search.
// ---------------------------------------------------------------------------

/// Record boundaries of a stream of whole records.
fn record_bounds(bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut v = Vec::new();
    let mut p = 0;
    while let Ok(Some(h)) = RecordHeader::parse(&bytes[p..]) {
        v.push(p..p + h.record_len());
        p += h.record_len();
    }
    assert_eq!(p, bytes.len());
    v
}

/// Feeds `t`, but entry `which` loses its bytes `lost` (a TCP gap).
fn run_with_gap(
    t: &[(Direction, Vec<u8>)],
    which: usize,
    lost: std::ops::Range<usize>,
    keys: &KeyLog,
) -> (TlsConn, Vec<TlsEvent>) {
    let mut conn = TlsConn::new();
    let mut off = [0u64; 2];
    let mut out = Vec::new();
    for (n, (dir, bytes)) in t.iter().enumerate() {
        let base = off[dir.index()];
        if n == which {
            for seg in bytes[..lost.start].chunks(100) {
                conn.feed(*dir, off[dir.index()], seg, keys, &mut out);
                off[dir.index()] += seg.len() as u64;
            }
            off[dir.index()] = base + lost.end as u64;
            for seg in bytes[lost.end..].chunks(100) {
                conn.feed(*dir, off[dir.index()], seg, keys, &mut out);
                off[dir.index()] += seg.len() as u64;
            }
        } else {
            conn.feed(*dir, base, bytes, keys, &mut out);
            off[dir.index()] += bytes.len() as u64;
        }
    }
    conn.finish(keys, &mut out);
    (conn, out)
}

#[test]
fn tls12_decryption_resumes_after_a_gap() {
    for suite_id in [0xc02fu16, 0xcca8] {
        let suite = cipher_suite(suite_id, false).unwrap();
        let keys = tls12_keys(&suite, &MASTER, &CR, &SR);
        let mut s = RecordCipher::tls12(&suite, &keys.server).unwrap();
        s.set_seq(3); // after the session's Finished and two records
        let mut t = tls12_session(suite_id, false);
        let mut more = Vec::new();
        let msgs: Vec<Vec<u8>> = (0..20u8)
            .map(|n| vec![n; 40 + 37 * usize::from(n)])
            .collect();
        for m in &msgs {
            s.seal(ContentType::ApplicationData, 0x0303, m, &mut more);
        }
        let b = record_bounds(&more);
        t.push((S2C, more));
        let which = t.len() - 1;
        // Lose the middle of record 5 to the middle of record 8.
        let lost = b[5].start + 10..b[8].start + 7;
        let (conn, ev) = run_with_gap(&t, which, lost.clone(), &tls12_keylog(&CR));
        let got = plaintexts(&ev, S2C);
        let want: Vec<Vec<u8>> = [
            vec![
                b"HTTP/1.1 101 Switching Protocols\r\n\r\n".to_vec(),
                vec![0x81, 0x02, b'h', b'i'],
            ],
            msgs[..5].to_vec(),
            msgs[9..].to_vec(),
        ]
        .concat();
        assert_eq!(got, want, "{suite_id:#06x}");
        let errs: Vec<_> = ev
            .iter()
            .filter_map(|e| match e {
                TlsEvent::Error(e) => Some(e.error.clone()),
                _ => None,
            })
            .collect();
        let skipped = (b[9].start - lost.end) as u64;
        assert_eq!(
            errs,
            vec![
                TlsError::Gap {
                    len: (lost.end - lost.start) as u64
                },
                TlsError::Resynced { skipped }
            ],
            "{suite_id:#06x}"
        );
        assert!(conn.summary().undecryptable.is_none());
    }
}

#[test]
fn tls13_a_gap_hiding_a_key_update_stops_decryption_with_a_reason() {
    let (t, keys) = tls13_session(0x1301);
    // Server stream (entry 1 then 3): lose entry 3's records 1 (app data)
    // and 2 (KeyUpdate) entirely.
    let b = record_bounds(&t[3].1);
    let lost = b[1].start..b[3].start;
    let (_, ev) = run_with_gap(&t, 3, lost.clone(), &keys);
    let json = serde_json::to_string(&ev).unwrap();
    assert!(
        json.contains(r#""problem":"resync_failed","tried":"#),
        "{json}"
    );
    assert_eq!(plaintexts(&ev, S2C), Vec::<Vec<u8>>::new());
    let errs: Vec<_> = ev
        .iter()
        .filter_map(|e| match e {
            TlsEvent::Error(e) if e.dir == S2C => Some(e.error.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(errs.len(), 3, "{errs:?}");
    assert_eq!(
        errs[0],
        TlsError::Gap {
            len: (lost.end - lost.start) as u64
        }
    );
    assert_eq!(errs[1], TlsError::Resynced { skipped: 0 });
    assert!(matches!(errs[2], TlsError::ResyncFailed { tried } if tried > 0));
    // The client direction is unaffected.
    assert_eq!(plaintexts(&ev, C2S).len(), 2);
}

#[test]
fn every_error_kind_serializes() {
    let errors = [
        TlsError::Record {
            error: RecordError::TooLong { len: 20000 },
        },
        TlsError::Decrypt {
            error: DecryptError::BadTag,
        },
        TlsError::Handshake {
            error: handshake::HandshakeError {
                msg_type: 24,
                name: "key_update",
                why: "x",
            },
        },
        TlsError::Reassembly {
            error: handshake::ReassemblyError::Interleaved { content: "alert" },
        },
        TlsError::EmptyInnerPlaintext,
        TlsError::PlaintextTooLong { len: 20000 },
        TlsError::BadAlert,
        TlsError::Gap { len: 3 },
        TlsError::Resynced { skipped: 3 },
        TlsError::ResyncFailed { tried: 3 },
        TlsError::Truncated { pending: 3 },
        TlsError::AlsoUndecryptable {
            reason: Undecryptable::NoKeyLog,
        },
    ];
    for error in errors {
        let e = TlsEvent::Error(ErrorEvent {
            dir: C2S,
            record_number: Some(1),
            stream: 0..5,
            error,
        });
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["event"], "error");
        assert!(v["problem"].is_string(), "{v}");
    }
    let v = serde_json::to_value(TlsEvent::Error(ErrorEvent {
        dir: S2C,
        record_number: None,
        stream: 7..12,
        error: TlsError::Record {
            error: RecordError::TooLong { len: 20000 },
        },
    }))
    .unwrap();
    assert_eq!(
        v,
        serde_json::json!({"event": "error", "dir": "server_to_client", "record_number": null,
            "stream": {"start": 7, "end": 12}, "problem": "record", "kind": "too_long", "len": 20000})
    );
}
