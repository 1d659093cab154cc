//! TLS record decryption throughput (`wsdissect::tls`), 16 KiB records:
//! the AEAD alone (`RecordCipher::open`) and the whole per-connection path
//! (`TlsConn::feed` in 1448-byte TCP segments: record reassembly, decrypt,
//! inner-plaintext stripping, events).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

use wsdissect::tls::crypto::{cipher_suite, CipherSuite, RecordCipher};
use wsdissect::tls::{ContentType, Direction, KeyLog, RecordHeader, TlsConn, TlsEvent};

const RECORD: usize = 16 * 1024;
const RECORDS: usize = 64; // 1 MiB of plaintext per iteration
const CR: [u8; 32] = [0x11; 32];

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

/// ClientHello, ServerHello (TLS 1.3, `suite`), the server's encrypted
/// Finished, then `RECORDS` application-data records from the server.
fn session(suite: &CipherSuite) -> (Vec<u8>, Vec<u8>, Vec<u8>, KeyLog) {
    let n = suite.hash.output_len();
    let id = suite.id.to_be_bytes();
    let mut ch = vec![3, 3];
    ch.extend_from_slice(&CR);
    ch.extend_from_slice(&[0, 0, 2, id[0], id[1], 1, 0, 0, 7, 0, 43, 0, 3, 2, 3, 4]);
    let mut sh = vec![3, 3];
    sh.extend_from_slice(&[0x22; 32]);
    sh.extend_from_slice(&[0, id[0], id[1], 0, 0, 6, 0, 43, 0, 2, 3, 4]);
    let client = rec(22, &hs(1, &ch));
    let mut server = rec(22, &hs(2, &sh));
    let mut hs_cipher = RecordCipher::tls13(suite, &vec![2; n]).unwrap();
    hs_cipher.seal(
        ContentType::Handshake,
        0x0303,
        &hs(20, &vec![0; n]),
        &mut server,
    );
    let mut app = RecordCipher::tls13(suite, &vec![4; n]).unwrap();
    let mut records = Vec::new();
    let payload = vec![0x5au8; RECORD];
    for _ in 0..RECORDS {
        app.seal(ContentType::ApplicationData, 0x0303, &payload, &mut records);
    }
    let cr: String = CR.iter().map(|b| format!("{b:02x}")).collect();
    let hex = |b: u8| format!("{b:02x}").repeat(n);
    let keys = KeyLog::parse_str(
        &format!(
            "SERVER_HANDSHAKE_TRAFFIC_SECRET {cr} {}\nCLIENT_HANDSHAKE_TRAFFIC_SECRET {cr} {}\n\
             SERVER_TRAFFIC_SECRET_0 {cr} {}\n",
            hex(2),
            hex(1),
            hex(4)
        ),
        "bench",
    );
    (client, server, records, keys)
}

fn decrypt(c: &mut Criterion) {
    let mut g = c.benchmark_group("tls_decrypt_16k");
    g.throughput(Throughput::Bytes((RECORD * RECORDS) as u64));
    g.sample_size(20);
    for (name, id) in [("aes128gcm", 0x1301u16), ("chacha20poly1305", 0x1303)] {
        let suite = cipher_suite(id, true).unwrap();
        let n = suite.hash.output_len();
        let (client, server, records, keys) = session(&suite);

        g.bench_with_input(
            BenchmarkId::new("RecordCipher::open", name),
            &records,
            |b, recs| {
                let mut out = Vec::with_capacity(RECORD + 64);
                b.iter(|| {
                    let mut cipher = RecordCipher::tls13(&suite, &vec![4; n]).unwrap();
                    let mut rest = &recs[..];
                    while let Ok(Some(h)) = RecordHeader::parse(rest) {
                        let (r, tail) = rest.split_at(h.record_len());
                        cipher.open(&h, &r[5..], &mut out).unwrap();
                        black_box(&out);
                        rest = tail;
                    }
                })
            },
        );

        g.bench_with_input(
            BenchmarkId::new("TlsConn::feed", name),
            &records,
            |b, recs| {
                let mut events = Vec::new();
                b.iter(|| {
                    let mut conn = TlsConn::new();
                    conn.feed(Direction::ClientToServer, 0, &client, &keys, &mut events);
                    conn.feed(Direction::ServerToClient, 0, &server, &keys, &mut events);
                    let mut off = server.len() as u64;
                    let mut bytes = 0;
                    for seg in recs.chunks(1448) {
                        conn.feed(Direction::ServerToClient, off, seg, &keys, &mut events);
                        off += seg.len() as u64;
                        for e in events.drain(..) {
                            if let TlsEvent::Plaintext(p) = e {
                                bytes += p.data.len();
                            }
                        }
                    }
                    assert_eq!(bytes, RECORD * RECORDS);
                })
            },
        );
    }
    g.finish();
}

criterion_group!(benches, decrypt);
criterion_main!(benches);
