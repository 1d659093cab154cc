//! wss:// decrypted: on every TLS sample made by real programs (Python
//! websockets, Node ws, headless Chromium; TLS 1.2 and 1.3, AES-GCM and
//! ChaCha20, resumed sessions, keys in a pcapng), every message the programs
//! sent comes out, `follow --tls` gives tshark's decrypted Follow TLS Stream
//! bytes, and a capture without its keys says why it cannot be read. (Frame
//! by frame agreement with tshark run with the same key log is in
//! `frames_agreement.rs`, which reads these samples' keys too.)

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine as _;
use sha2::{Digest, Sha256};
use wsdissect::analyze::{analyze, Options};
use wsdissect::capture::CaptureReader;
use wsdissect::model::{Direction, Record};

fn tls_samples() -> Vec<PathBuf> {
    let v: Vec<PathBuf> = common::sample_captures()
        .into_iter()
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("wss-"))
        .collect();
    assert!(v.len() >= 10, "samples/ is missing its wss-* captures");
    v
}

fn records(cap: &Path, opts: &Options) -> Vec<Record> {
    let mut reader = CaptureReader::open(cap.to_str().unwrap()).unwrap();
    let mut out = Vec::new();
    let mut sink = |r: Record| out.push(r);
    analyze(&mut reader, opts, &mut sink).unwrap();
    out
}

fn stem(cap: &Path) -> PathBuf {
    cap.with_extension("")
}

#[test]
fn every_message_the_programs_sent_comes_out_decrypted() {
    for cap in tls_samples() {
        let expect: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(stem(&cap).with_extension("expect.json")).unwrap(),
        )
        .unwrap();
        let recs = records(&cap, &common::options_for(&cap));
        // The upgraded connections, in stream order, are the programs' connections.
        let mut ws_streams: Vec<u32> = recs
            .iter()
            .filter_map(|r| match r {
                Record::Handshake(h) if h.upgraded => Some(h.stream),
                _ => None,
            })
            .collect();
        ws_streams.sort_unstable();
        let conns = expect["connections"].as_array().unwrap();
        assert_eq!(ws_streams.len(), conns.len(), "{}", cap.display());
        for (conn, &stream) in conns.iter().zip(&ws_streams) {
            for (from, dir) in [
                ("client", Direction::ClientToServer),
                ("server", Direction::ServerToClient),
            ] {
                let want: Vec<&serde_json::Value> = conn["messages"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|m| m["from"] == from && matches!(m["opcode"].as_u64(), Some(1 | 2)))
                    .collect();
                let got: Vec<_> = recs
                    .iter()
                    .filter_map(|r| match r {
                        Record::Message(m) if m.stream == stream && m.direction == dir => Some(m),
                        _ => None,
                    })
                    .collect();
                let ctx = format!("{} stream {stream} from {from}", cap.display());
                assert_eq!(got.len(), want.len(), "{ctx}");
                for (w, g) in want.iter().zip(&got) {
                    assert!(g.complete, "{ctx}: message {} incomplete", g.index);
                    assert_eq!(u64::from(u8::from(g.opcode)), w["opcode"], "{ctx}");
                    let bytes: Vec<u8> = match (&g.text, &g.data_base64) {
                        (Some(t), _) => t.as_bytes().to_vec(),
                        (None, Some(b)) => b.to_vec(),
                        (None, None) => Vec::new(),
                    };
                    if let Some(t) = w["text"].as_str() {
                        assert_eq!(g.text.as_deref(), Some(t), "{ctx}");
                    } else if let Some(b) = w["base64"].as_str() {
                        let b = base64::engine::general_purpose::STANDARD.decode(b).unwrap();
                        assert_eq!(bytes, b, "{ctx}");
                    } else {
                        assert_eq!(bytes.len() as u64, w["length"], "{ctx}");
                        let sha = hex(&Sha256::digest(&bytes));
                        assert_eq!(sha, w["sha256"].as_str().unwrap(), "{ctx}");
                    }
                }
                // The close frames, with their codes and reasons.
                let closes: Vec<_> = conn["messages"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|m| m["from"] == from && m["opcode"] == 8)
                    .collect();
                let got_closes: Vec<_> = recs
                    .iter()
                    .filter_map(|r| match r {
                        Record::Frame(f)
                            if f.stream == stream
                                && f.direction == dir
                                && f.opcode() == wsdissect::ws::Opcode::Close =>
                        {
                            Some(f)
                        }
                        _ => None,
                    })
                    .collect();
                assert_eq!(got_closes.len(), closes.len(), "{ctx}: close frames");
                for (w, g) in closes.iter().zip(&got_closes) {
                    if let Some(code) = w["close_code"].as_u64() {
                        assert_eq!(g.close_code.map(u64::from), Some(code), "{ctx}");
                    }
                    if let Some(reason) = w["close_reason"].as_str() {
                        assert_eq!(g.close_reason.as_deref().unwrap_or(""), reason, "{ctx}");
                    }
                }
            }
        }
        // Decrypted, and no record failed to authenticate.
        for r in &recs {
            if let Record::Stream(s) = r {
                if let Some(t) = &s.tls {
                    assert!(
                        t.decrypted,
                        "{} stream {}",
                        cap.display(),
                        s.tcp.info.stream
                    );
                    assert_eq!(t.bad_records, [0, 0], "{}", cap.display());
                }
            }
            if let Record::Note(n) = r {
                assert!(
                    !n.rule.starts_with("tls-"),
                    "{}: {} {}",
                    cap.display(),
                    n.rule,
                    n.message
                );
            }
        }
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn follow_tls(cap: &Path, stream: &str, direction: &str) -> Vec<u8> {
    let mut args: Vec<&std::ffi::OsStr> = [
        "follow",
        "--tls",
        "--format",
        "raw",
        "--direction",
        direction,
    ]
    .map(std::ffi::OsStr::new)
    .to_vec();
    let keys = cap.with_extension("keys");
    if keys.is_file() {
        args.extend([std::ffi::OsStr::new("--keylog"), keys.as_os_str()]);
    }
    args.extend([cap.as_os_str(), std::ffi::OsStr::new(stream)]);
    common::wsdissect_bytes(&args)
}

#[test]
fn follow_tls_equals_tsharks_follow_tls_stream() {
    let mut compared = 0;
    for cap in tls_samples() {
        let oracle = stem(&cap).with_extension("follow-tls.tsv");
        let conv = common::read_tsv(&stem(&cap).with_extension("conv.tsv"));
        for row in common::read_tsv(&oracle) {
            let stream = &row["tcp.stream"];
            // tshark 4.0 names node 0 (whoever sent the first encrypted
            // record) and prints node 1 as ":0": node 0 is the server when
            // its address is the conversation's server side.
            let c = conv.iter().find(|c| &c["tcp.stream"] == stream).unwrap();
            let server = c.values().any(|v| v == &row["node0"]) && row["node0"].ends_with(":443");
            let (node0_dir, node1_dir) = if server {
                ("server", "client")
            } else {
                ("client", "server")
            };
            for (dir, n) in [(node0_dir, "node0"), (node1_dir, "node1")] {
                let got = follow_tls(&cap, stream, dir);
                let ctx = format!("{} stream {stream} {dir}", cap.display());
                assert_eq!(got.len().to_string(), row[&format!("{n}_bytes")], "{ctx}");
                assert_eq!(
                    hex(&Sha256::digest(&got)),
                    row[&format!("{n}_sha256")],
                    "{ctx}"
                );
            }
            compared += 1;
        }
    }
    assert!(compared >= 12, "only {compared} TLS streams compared");
}

#[test]
fn without_its_keys_a_capture_says_why_and_what_to_do() {
    let cap = common::samples_dir().join("wss-websockets-tls13-aes128.pcap");
    let recs = records(&cap, &Options::default());
    let notes: Vec<_> = recs
        .iter()
        .filter_map(|r| match r {
            Record::Note(n) if n.rule == "tls-undecryptable" => Some(n),
            _ => None,
        })
        .collect();
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0].message.contains("--keylog"),
        "{}",
        notes[0].message
    );
    assert!(!recs.iter().any(|r| matches!(r, Record::Frame(_))));
    let s = recs
        .iter()
        .find_map(|r| match r {
            Record::Stream(s) => Some(s),
            _ => None,
        })
        .unwrap();
    assert_eq!(s.protocol, wsdissect::model::Protocol::Tls);
    let t = s.tls.as_ref().unwrap();
    assert!(!t.decrypted);
    assert_eq!(t.version_name, Some("TLS 1.3"));
    assert_eq!(t.cipher_suite_name, Some("TLS_AES_128_GCM_SHA256"));
    assert_eq!(t.sni.as_deref(), Some("localhost"));

    // Another session's keys: the key log has no line for this one.
    let mut opts = Options::default();
    let other = common::samples_dir().join("wss-websockets-tls13-aes256.keys");
    opts.dissect.keylog = std::sync::Arc::new(wsdissect::tls::KeyLog::load(&other).unwrap());
    let recs = records(&cap, &opts);
    let n = recs
        .iter()
        .find_map(|r| match r {
            Record::Note(n) if n.rule == "tls-undecryptable" => Some(n),
            _ => None,
        })
        .unwrap();
    assert!(n.message.contains("client random"), "{}", n.message);
}

#[test]
fn a_key_log_of_garbage_warns_and_reads_nothing() {
    let dir = std::env::temp_dir().join(format!("wsdissect-keys-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let keys = dir.join("garbage.keys");
    std::fs::write(
        &keys,
        "# comment\r\n\r\nCLIENT_RANDOM zz 00\nUNKNOWN_LABEL 00 00\nCLIENT_RANDOM 00\n\x00\x01\x02",
    )
    .unwrap();
    let cap = common::samples_dir().join("wss-websockets-tls12-aes128.pcap");
    let out = Command::new(env!("CARGO_BIN_EXE_wsdissect"))
        .args(["dump", "--keylog"])
        .arg(&keys)
        .arg(&cap)
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("garbage.keys"), "{err}");
    assert!(err.contains(":3") || err.contains("line 3"), "{err}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("tls-undecryptable"));
    // A key log that is not there is an error.
    let out = Command::new(env!("CARGO_BIN_EXE_wsdissect"))
        .args(["dump", "--keylog", "/nonexistent/keys.log"])
        .arg(&cap)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn streams_shows_tls_version_sni_and_whether_it_was_decrypted() {
    let cap = common::samples_dir().join("wss-browser-fastapi.pcap");
    let run = |keys: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_wsdissect"));
        cmd.arg("streams");
        if keys {
            cmd.arg("--keylog").arg(cap.with_extension("keys"));
        }
        let out = cmd.arg(&cap).output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let with = run(true);
    let rows: Vec<&str> = with.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{with}");
    assert!(
        rows[0].contains("HTTP") && rows[0].contains("TLS 1.3 ✓ localhost"),
        "{with}"
    );
    assert!(
        rows[1].contains("WebSocket") && rows[1].contains("TLS 1.3 ✓ localhost"),
        "{with}"
    );
    let without = run(false);
    assert!(
        without
            .lines()
            .skip(1)
            .all(|l| l.contains(" TLS ") && l.contains("TLS 1.3 ✗")),
        "{without}"
    );
}

/// The capture without its `n`-th packet (1-based), as if the capture had
/// missed it (classic pcap only).
fn without_packet(pcap: &[u8], n: usize) -> Vec<u8> {
    let mut out = pcap[..24].to_vec();
    for (i, r) in pcap_records(pcap).into_iter().enumerate() {
        if i + 1 != n {
            out.extend_from_slice(&pcap[r]);
        }
    }
    out
}

/// Each packet's record (its 16-byte header and captured bytes) in a
/// little-endian classic pcap, in file order.
fn pcap_records(pcap: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut at = 24;
    while at + 16 <= pcap.len() {
        let incl = u32::from_le_bytes(pcap[at + 8..at + 12].try_into().unwrap()) as usize;
        out.push(at..at + 16 + incl);
        at += 16 + incl;
    }
    out
}

#[test]
fn a_lost_tls_packet_is_a_gap_and_decryption_finds_its_way_again() {
    let cap = common::samples_dir().join("wss-websockets-tls13-aes128.pcap");
    let bytes = std::fs::read(&cap).unwrap();
    assert_eq!(
        &bytes[..4],
        &0xa1b2c3d4u32.to_le_bytes(),
        "a little-endian pcap"
    );
    // Frame 16 carries the client's "hello over TLS".
    let lossy = without_packet(&bytes, 16);
    let mut reader = CaptureReader::from_reader("lossy.pcap", std::io::Cursor::new(lossy)).unwrap();
    let mut recs = Vec::new();
    let mut sink = |r: Record| recs.push(r);
    analyze(&mut reader, &common::options_for(&cap), &mut sink).unwrap();
    let rules: Vec<&str> = recs
        .iter()
        .filter_map(|r| match r {
            Record::Note(n) => Some(n.rule),
            _ => None,
        })
        .collect();
    assert!(rules.contains(&"tcp-gap"), "{rules:?}");
    let texts = |dir: Direction| -> Vec<String> {
        recs.iter()
            .filter_map(|r| match r {
                Record::Message(m) if m.direction == dir => m.text.as_deref().map(str::to_owned),
                _ => None,
            })
            .collect()
    };
    // The server's direction lost nothing.
    assert!(texts(Direction::ServerToClient).contains(&"hello over TLS".to_string()));
    // The client's lost message is gone, never made up; later ones decrypt
    // again once TLS finds the record sequence number.
    let client = texts(Direction::ClientToServer);
    assert!(
        !client.contains(&"hello over TLS".to_string()),
        "{client:?}"
    );
    assert!(
        client.iter().any(|t| t.contains("greeting")),
        "later client messages come back: {client:?} {rules:?}"
    );
}

#[test]
fn every_tls_byte_is_in_one_record_and_its_spans_say_where() {
    for cap in tls_samples() {
        let recs = records(&cap, &common::options_for(&cap));
        let follow = common::read_tsv(&stem(&cap).with_extension("follow.tsv"));
        for s in recs.iter().filter_map(|r| match r {
            Record::Stream(s) if s.tls.is_some() => Some(s),
            _ => None,
        }) {
            let stream = s.tcp.info.stream;
            for (d, dir) in [Direction::ClientToServer, Direction::ServerToClient]
                .into_iter()
                .enumerate()
            {
                let tls: Vec<_> = recs
                    .iter()
                    .filter_map(|r| match r {
                        Record::TlsRecord(t) if t.stream == stream && t.direction == dir => Some(t),
                        _ => None,
                    })
                    .collect();
                let ctx = format!("{} stream {stream} {dir:?}", cap.display());
                // Records tile the direction's bytes, numbered from 0.
                let mut at = 0;
                for (i, t) in tls.iter().enumerate() {
                    assert_eq!(t.record_number, i as u64, "{ctx}");
                    assert_eq!(t.stream_offset, at, "{ctx}");
                    let len = 5 + u64::from(t.length);
                    assert_eq!(t.spans.iter().map(|s| s.len).sum::<u64>(), len, "{ctx}");
                    assert_eq!(t.frames.last(), Some(&t.frame), "{ctx}");
                    at += len;
                }
                assert_eq!(at, s.tcp.dirs[d].bytes, "{ctx}: every byte is in a record");
                // The first record of each side is its hello, in clear.
                assert_eq!(
                    tls[0].content_type,
                    wsdissect::tls::ContentType::Handshake,
                    "{ctx}"
                );
            }
            assert!(follow.iter().any(|r| r["tcp.stream"] == stream.to_string()));
        }
    }
}

#[test]
fn a_record_that_does_not_decrypt_loses_its_data_not_the_frames_after_it() {
    let cap = common::samples_dir().join("wss-websockets-tls13-aes128.pcap");
    let bytes = std::fs::read(&cap).unwrap();
    let opts = common::options_for(&cap);
    let good = records(&cap, &opts);
    let rules = |recs: &[Record]| -> Vec<&'static str> {
        recs.iter()
            .filter_map(|r| match r {
                Record::Note(n) => Some(n.rule),
                _ => None,
            })
            .collect()
    };
    let texts = |recs: &[Record], dir: Direction| -> Vec<String> {
        recs.iter()
            .filter_map(|r| match r {
                Record::Message(m) if m.direction == dir => m.text.as_deref().map(str::to_owned),
                _ => None,
            })
            .collect()
    };
    // The client's 17 000-byte binary message fills one full 16 KiB record
    // and part of the next: flip a bit in the middle of the full one's
    // ciphertext, so the frame it belongs to is cut.
    let big = good
        .iter()
        .find_map(|r| match r {
            Record::TlsRecord(t)
                if t.direction == Direction::ClientToServer
                    && t.length > 16_000
                    && t.spans.len() == 1 =>
            {
                Some(t.clone())
            }
            _ => None,
        })
        .expect("a full 16 KiB client record in one packet");
    let s = &big.spans[0];
    // Frame numbers count from 1; a packet's bytes follow its 16-byte header.
    let packet = &pcap_records(&bytes)[s.frame as usize - 1];
    let at = packet.start + 16 + s.packet_offset as usize + 5 + 8000;
    let mut damaged = bytes.clone();
    damaged[at] ^= 0x10;
    let mut reader =
        CaptureReader::from_reader("flipped.pcap", std::io::Cursor::new(damaged)).unwrap();
    let mut bad = Vec::new();
    let mut sink = |r: Record| bad.push(r);
    analyze(&mut reader, &opts, &mut sink).unwrap();

    let (good_rules, bad_rules) = (rules(&good), rules(&bad));
    assert!(bad_rules.contains(&"tls-record-error"), "{bad_rules:?}");
    assert!(bad_rules.contains(&"sync-lost"), "{bad_rules:?}");
    // The next record's bytes are not read as if they followed on: no frame
    // header made of the middle of a payload, so no WebSocket error the
    // undamaged capture does not have.
    for rule in &bad_rules {
        let expected = good_rules.contains(rule)
            || ["tls-record-error", "sync-lost", "resync", "incomplete"].contains(rule);
        assert!(expected, "{rule} after one bad record: {bad_rules:?}");
    }
    // Every client message after the cut one still comes out, the same.
    let (good_c, bad_c) = (
        texts(&good, Direction::ClientToServer),
        texts(&bad, Direction::ClientToServer),
    );
    let last = good_c.last().unwrap();
    assert!(bad_c.contains(last), "{bad_c:?}");
    assert!(bad_c.iter().all(|t| good_c.contains(t)), "{bad_c:?}");
    // The server lost nothing.
    assert_eq!(
        texts(&good, Direction::ServerToClient),
        texts(&bad, Direction::ServerToClient)
    );
}
