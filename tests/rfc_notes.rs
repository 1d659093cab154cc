//! Each RFC 6455 rule wsdissect checks fires on a connection that breaks it
//! and stays quiet on one that does not. Crafted connections (the rule under
//! test is the only thing wrong with each), run through the whole pipeline.

mod common;

use common::{build_pcap, records, rfc_handshake, rules, ws_frame};

fn run(frames: Vec<(bool, Vec<u8>)>) -> Vec<serde_json::Value> {
    let mut segs = rfc_handshake("");
    segs.extend(frames);
    records(build_pcap(&segs))
}

fn c(fin: bool, op: u8, p: &[u8]) -> (bool, Vec<u8>) {
    (true, ws_frame(fin, false, op, p, true))
}
fn s(fin: bool, op: u8, p: &[u8]) -> (bool, Vec<u8>) {
    (false, ws_frame(fin, false, op, p, false))
}

#[test]
fn clean_connection_has_no_notes_and_a_valid_accept() {
    let recs = run(vec![
        c(true, 1, b"hi"),
        s(true, 1, b"hi"),
        c(true, 8, &[3, 232]),
        s(true, 8, &[3, 232]),
    ]);
    assert_eq!(rules(&recs), Vec::<String>::new());
    let hs = recs.iter().find(|r| r["type"] == "handshake").unwrap();
    assert_eq!(hs["accept_valid"], true);
    assert_eq!(hs["expected_accept"], "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    assert_eq!(
        hs["accept_steps"]["sha1_hex"],
        "b37a4f2cc0624f1690f64606cf385945b2bec4ea"
    );
    assert_eq!(hs["subprotocol"], "chat");
    assert_eq!(
        hs["subprotocols_offered"],
        serde_json::json!(["chat", "superchat"])
    );
    let msgs: Vec<_> = recs.iter().filter(|r| r["type"] == "message").collect();
    assert_eq!(msgs.len(), 2);
    assert_eq!(msgs[0]["text"], "hi");
}

#[test]
fn masking_rules() {
    let r = rules(&run(vec![
        (true, ws_frame(true, false, 1, b"x", false)),
        (false, ws_frame(true, false, 1, b"x", true)),
    ]));
    assert!(r.contains(&"client-frame-not-masked".into()), "{r:?}");
    assert!(r.contains(&"server-frame-masked".into()), "{r:?}");
}

#[test]
fn header_field_rules() {
    // RSV1 without an extension, reserved opcode 0x3.
    let r = rules(&run(vec![
        (true, ws_frame(true, true, 1, b"x", true)),
        c(true, 3, b""),
    ]));
    assert!(r.contains(&"rsv-without-extension".into()), "{r:?}");
    assert!(r.contains(&"reserved-opcode".into()), "{r:?}");
    // Length 5 written in the 16-bit form; a 64-bit length with its top bit set.
    let mut nonmin = vec![0x81, 126, 0, 5];
    nonmin.extend_from_slice(b"hello");
    let mut top = vec![0x82, 127];
    top.extend_from_slice(&(1u64 << 63).to_be_bytes());
    let recs = run(vec![(false, nonmin), (false, top)]);
    let r = rules(&recs);
    assert!(r.contains(&"non-minimal-length".into()), "{r:?}");
    assert!(r.contains(&"length-top-bit-set".into()), "{r:?}");
    // The 2^63-byte frame never completes: reported, not dropped.
    assert!(r.contains(&"incomplete".into()), "{r:?}");
    let huge = recs
        .iter()
        .find(|f| f["type"] == "frame" && f["len7"] == 127)
        .unwrap();
    assert_eq!(huge["complete"], false);
    assert_eq!(huge["payload_length"], 1u64 << 63);
}

#[test]
fn fragmentation_rules() {
    let r = rules(&run(vec![c(true, 0, b"orphan")]));
    assert!(r.contains(&"continuation-without-start".into()), "{r:?}");
    let recs = run(vec![c(false, 1, b"part one"), c(true, 1, b"new message")]);
    assert!(rules(&recs).contains(&"data-frame-inside-fragmented-message".into()));
    // Control frame interleaved in a fragmented message is fine; an empty final
    // fragment completes the message (tshark 4.0 never completes it).
    let recs = run(vec![c(false, 1, b"Hel"), c(true, 9, b"p"), c(true, 0, b"")]);
    assert!(rules(&recs).is_empty(), "{:?}", rules(&recs));
    let m = recs.iter().find(|r| r["type"] == "message").unwrap();
    assert_eq!(m["text"], "Hel");
    assert_eq!(m["ws_frames"].as_array().unwrap().len(), 2);
}

#[test]
fn control_frame_rules() {
    let r = rules(&run(vec![c(true, 9, &[b'a'; 126]), c(false, 10, b"x")]));
    assert!(r.contains(&"control-frame-too-long".into()), "{r:?}");
    assert!(r.contains(&"control-frame-fragmented".into()), "{r:?}");
}

#[test]
fn close_rules() {
    let r = rules(&run(vec![c(true, 8, &[3])]));
    assert!(r.contains(&"close-one-byte".into()), "{r:?}");
    let r = rules(&run(vec![c(true, 8, &1005u16.to_be_bytes())]));
    assert!(r.contains(&"close-code-invalid".into()), "{r:?}");
    let r = rules(&run(vec![c(true, 8, &1004u16.to_be_bytes())]));
    assert!(r.contains(&"close-code-invalid".into()), "{r:?}");
    let r = rules(&run(vec![c(true, 8, &[3, 232]), c(true, 1, b"late")]));
    assert!(r.contains(&"data-after-close".into()), "{r:?}");
    let mut p = 4000u16.to_be_bytes().to_vec();
    p.extend_from_slice(b"bye");
    let recs = run(vec![c(true, 8, &p)]);
    let f = recs.iter().find(|r| r["type"] == "frame").unwrap();
    assert_eq!(f["close_code"], 4000);
    assert_eq!(f["close_reason"], "bye");
}

#[test]
fn invalid_utf8_is_checked_over_the_whole_message() {
    // "é" split across two fragments is valid as a message.
    let recs = run(vec![c(false, 1, &[0xc3]), c(true, 0, &[0xa9])]);
    assert!(rules(&recs).is_empty(), "{:?}", rules(&recs));
    assert_eq!(
        recs.iter().find(|r| r["type"] == "message").unwrap()["text"],
        "é"
    );
    let r = rules(&run(vec![c(true, 1, &[0xff, 0xfe])]));
    assert!(r.contains(&"invalid-utf8".into()), "{r:?}");
}

#[test]
fn handshake_rules() {
    let mut segs = rfc_handshake("");
    segs[1].1 = String::from_utf8(segs[1].1.clone())
        .unwrap()
        .replace(
            "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        )
        .into_bytes();
    segs[0].1 = String::from_utf8(segs[0].1.clone())
        .unwrap()
        .replace("Version: 13", "Version: 8")
        .replace("dGhlIHNhbXBsZSBub25jZQ==", "c2hvcnQ=")
        .into_bytes();
    let recs = records(build_pcap(&segs));
    let r = rules(&recs);
    for want in ["accept-mismatch", "wrong-version", "bad-key"] {
        assert!(r.contains(&want.to_string()), "{want} missing from {r:?}");
    }
    assert_eq!(
        recs.iter().find(|r| r["type"] == "handshake").unwrap()["accept_valid"],
        false
    );
}

#[test]
fn keep_alive_requests_before_the_upgrade_and_a_refused_upgrade() {
    let mut segs = vec![
        (true, b"GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n".to_vec()),
        (false, b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello".to_vec()),
        (true, b"GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n".to_vec()),
        (false, b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".to_vec()),
    ];
    segs.extend(rfc_handshake(""));
    segs.push(c(true, 1, b"finally"));
    let recs = records(build_pcap(&segs));
    let http: Vec<_> = recs.iter().filter(|r| r["type"] == "http").collect();
    assert_eq!(http.len(), 6, "three requests and three responses");
    let hs: Vec<_> = recs.iter().filter(|r| r["type"] == "handshake").collect();
    assert_eq!(hs.len(), 2);
    assert_eq!(hs[0]["upgraded"], false);
    assert_eq!(hs[0]["status"], 403);
    assert_eq!(hs[1]["upgraded"], true);
    assert!(rules(&recs).contains(&"upgrade-refused".into()));
    let m = recs.iter().find(|r| r["type"] == "message").unwrap();
    assert_eq!(m["text"], "finally");
}

#[test]
fn first_frame_in_the_same_segment_as_the_101() {
    let mut segs = rfc_handshake("");
    segs[1]
        .1
        .extend(ws_frame(true, false, 1, b"welcome", false));
    let recs = records(build_pcap(&segs));
    let f = recs.iter().find(|r| r["type"] == "frame").unwrap();
    assert_eq!(f["frame"], 4, "credited to the packet that carried the 101");
    assert_eq!(f["spans"][0]["packet_offset"], 40 + segs[1].1.len() - 9);
}

#[test]
fn ping_pong_round_trip() {
    let recs = run(vec![s(true, 9, b"abc"), c(true, 10, b"abc")]);
    let pong = recs
        .iter()
        .find(|r| r["type"] == "frame" && r["opcode"] == 10)
        .unwrap();
    assert_eq!(pong["pong_for"], 5);
    assert!((pong["rtt"].as_f64().unwrap() - 0.001).abs() < 1e-9);
}

#[test]
fn many_frames_in_one_segment_and_one_frame_over_many_segments() {
    let mut many = Vec::new();
    for i in 0..9u8 {
        many.extend(ws_frame(true, false, 1, &[b'a' + i], false));
    }
    let big = ws_frame(true, false, 2, &vec![7u8; 5000], true);
    let mut frames = vec![(false, many)];
    for chunk in big.chunks(1400) {
        frames.push((true, chunk.to_vec()));
    }
    let recs = run(frames);
    let fs: Vec<_> = recs.iter().filter(|r| r["type"] == "frame").collect();
    assert_eq!(fs.len(), 10);
    assert!(fs[..9].iter().all(|f| f["frame"] == 5));
    assert_eq!(fs[9]["frames"], serde_json::json!([6, 7, 8, 9]));
    assert_eq!(fs[9]["frame"], 9);
    assert_eq!(fs[9]["payload_length"], 5000);
}
