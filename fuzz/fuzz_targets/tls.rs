//! The TLS record → handshake → decrypt path (`wsdissect::tls`) on
//! arbitrary input.
//!
//! Random bytes almost never carry a valid AEAD tag, so the target also
//! *encrypts*: after a fixed handshake prelude that installs known keys
//! (TLS 1.2 or 1.3, AES-128-GCM, AES-256-GCM or ChaCha20-Poly1305, chosen
//! by the first byte), each operation either feeds raw bytes, seals
//! fuzzer-chosen plaintext as a record with the right keys (so decrypted
//! handshake messages, alerts, inner-plaintext padding and key changes get
//! parsed), or reports a gap.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wsdissect::tls::crypto::{cipher_suite, tls12_keys, RecordCipher};
use wsdissect::tls::{ContentType, Direction, KeyLog, TlsConn, TlsEvent};

const CR: [u8; 32] = [0x11; 32];
const SR: [u8; 32] = [0x22; 32];

fn hs(t: u8, body: &[u8]) -> Vec<u8> {
    let mut v = vec![t];
    v.extend_from_slice(&(body.len() as u32).to_be_bytes()[1..]);
    v.extend_from_slice(body);
    v
}

fn rec(t: u8, body: &[u8]) -> Vec<u8> {
    let mut v = vec![t, 3, 3];
    v.extend_from_slice(&(body.len() as u16).to_be_bytes());
    v.extend_from_slice(body);
    v
}

fn hello(t: u8, suite: u16, tls13: bool) -> Vec<u8> {
    let mut b = vec![3, 3];
    b.extend_from_slice(if t == 1 { &CR } else { &SR });
    b.push(0);
    if t == 1 {
        b.extend_from_slice(&[0, 2]);
    }
    b.extend_from_slice(&suite.to_be_bytes());
    if t == 1 {
        b.extend_from_slice(&[1, 0]);
    } else {
        b.push(0);
    }
    let ext: &[u8] = match (tls13, t) {
        (true, 1) => &[0, 43, 0, 3, 2, 3, 4, 0, 42, 0, 0],
        (true, _) => &[0, 43, 0, 2, 3, 4],
        _ => &[0, 35, 0, 0],
    };
    b.extend_from_slice(&(ext.len() as u16).to_be_bytes());
    b.extend_from_slice(ext);
    hs(t, &b)
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, mut ops)) = data.split_first() else {
        return;
    };
    // Every suite wsdissect decrypts (docs/tls.md): the byte picks one.
    let (suite_id, tls13) = match mode % 6 {
        0 => (0xc02fu16, false), // ECDHE-RSA-AES128-GCM-SHA256
        1 => (0x1301, true),     // TLS_AES_128_GCM_SHA256
        2 => (0x1303, true),     // TLS_CHACHA20_POLY1305_SHA256
        3 => (0x1302, true),     // TLS_AES_256_GCM_SHA384
        4 => (0xc030, false),    // ECDHE-RSA-AES256-GCM-SHA384
        _ => (0xcca8, false),    // ECDHE-RSA-CHACHA20-POLY1305
    };
    let suite = cipher_suite(suite_id, tls13).unwrap();
    let n = suite.hash.output_len();
    let cr = CR.iter().map(|b| format!("{b:02x}")).collect::<String>();
    let hex = |b: u8| format!("{b:02x}").repeat(n);
    let keylog = KeyLog::parse_str(
        &format!(
            "CLIENT_RANDOM {cr} {}\nCLIENT_HANDSHAKE_TRAFFIC_SECRET {cr} {}\n\
             SERVER_HANDSHAKE_TRAFFIC_SECRET {cr} {}\nCLIENT_TRAFFIC_SECRET_0 {cr} {}\n\
             SERVER_TRAFFIC_SECRET_0 {cr} {}\n",
            "33".repeat(48),
            hex(1),
            hex(2),
            hex(3),
            hex(4)
        ),
        "fuzz",
    );
    let (mut c, mut s) = if tls13 {
        (
            RecordCipher::tls13(&suite, &vec![1; n]).unwrap(),
            RecordCipher::tls13(&suite, &vec![2; n]).unwrap(),
        )
    } else {
        let k = tls12_keys(&suite, &[0x33; 48], &CR, &SR);
        (
            RecordCipher::tls12(&suite, &k.client).unwrap(),
            RecordCipher::tls12(&suite, &k.server).unwrap(),
        )
    };

    let mut conn = TlsConn::new();
    let mut out = Vec::new();
    let mut off = [0u64; 2];
    let feed = |conn: &mut TlsConn,
                off: &mut [u64; 2],
                dir: Direction,
                bytes: &[u8],
                out: &mut Vec<TlsEvent>| {
        conn.feed(dir, off[dir.index()], bytes, &keylog, out);
        off[dir.index()] += bytes.len() as u64;
    };
    let (c2s, s2c) = (Direction::ClientToServer, Direction::ServerToClient);
    feed(
        &mut conn,
        &mut off,
        c2s,
        &rec(22, &hello(1, suite_id, tls13)),
        &mut out,
    );
    feed(
        &mut conn,
        &mut off,
        s2c,
        &rec(22, &hello(2, suite_id, tls13)),
        &mut out,
    );
    if !tls13 {
        feed(&mut conn, &mut off, c2s, &rec(20, &[1]), &mut out);
        feed(&mut conn, &mut off, s2c, &rec(20, &[1]), &mut out);
    }

    // Operations: [op][len][payload...]
    while let [op, len, rest @ ..] = ops {
        let len = usize::from(*len).min(rest.len());
        let (payload, tail) = rest.split_at(len);
        ops = tail;
        let dir = if op & 1 == 0 { c2s } else { s2c };
        match (op >> 1) % 4 {
            0 => feed(&mut conn, &mut off, dir, payload, &mut out),
            1 | 2 => {
                let Some((&t, body)) = payload.split_first() else {
                    continue;
                };
                let ct = ContentType::from_u8(20 + t % 5).unwrap_or(ContentType::Handshake);
                let mut wire = Vec::new();
                let cipher = if dir == c2s { &mut c } else { &mut s };
                cipher.seal(ct, 0x0303, body, &mut wire);
                // Optionally split the record across feeds.
                let cut = usize::from(t) % (wire.len() + 1);
                feed(&mut conn, &mut off, dir, &wire[..cut], &mut out);
                feed(&mut conn, &mut off, dir, &wire[cut..], &mut out);
            }
            _ => {
                let at = off[dir.index()];
                conn.gap(dir, at, len as u64 + 1, &mut out);
                off[dir.index()] += len as u64 + 1;
            }
        }
        for ev in out.drain(..) {
            if let TlsEvent::Record(r) = &ev {
                assert!(r.stream.end > r.stream.start);
                assert_eq!(r.stream.end - r.stream.start, 5 + u64::from(r.length));
            }
            let _ = serde_json::to_string(&ev).unwrap();
        }
    }
    conn.finish(&keylog, &mut out);
    let _ = serde_json::to_string(conn.summary()).unwrap();
});
