//! Each RFC 6455 rule wsdissect checks fires on a connection that breaks it
//! and stays quiet on one that does not. Crafted connections (the rule under
//! test is the only thing wrong with each), run through the whole pipeline.

use crate::common;

use crate::common::{build_pcap, records, rfc_handshake, rules, ws_frame};

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

/// The notes about one rule, as (frame, message) pairs.
fn notes_of<'a>(recs: &'a [serde_json::Value], rule: &str) -> Vec<&'a serde_json::Value> {
    recs.iter()
        .filter(|r| r["type"] == "note" && r["rule"] == rule)
        .collect()
}

/// The RFC 6455 example handshake with `edit` applied to the request's and
/// the response's text, then a masked "hi" and the server's "hi".
fn handshake_edited(
    req: &dyn Fn(String) -> String,
    resp: &dyn Fn(String) -> String,
) -> Vec<serde_json::Value> {
    let mut segs = rfc_handshake("");
    segs[0].1 = req(String::from_utf8(segs[0].1.clone()).unwrap()).into_bytes();
    segs[1].1 = resp(String::from_utf8(segs[1].1.clone()).unwrap()).into_bytes();
    segs.push(c(true, 1, b"hi"));
    segs.push(s(true, 1, b"hi"));
    records(build_pcap(&segs))
}

#[test]
fn docs_notes_md_is_the_rule_declaration() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/notes.md")).unwrap();
    let rows: Vec<&str> = doc.lines().filter(|l| l.starts_with("| `")).collect();
    let want: Vec<String> = wsdissect::model::Rule::ALL
        .iter()
        .map(|r| r.doc_row())
        .collect();
    assert_eq!(
        rows,
        want,
        "docs/notes.md's table must be exactly this:\n{}",
        want.join("\n")
    );
}

#[test]
fn every_rule_id_is_declared_once() {
    let all = wsdissect::model::Rule::ALL;
    let mut ids: Vec<&str> = all.iter().map(|r| r.id()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all.len());
    for r in all {
        assert_eq!(wsdissect::model::Rule::from_id(r.id()), Some(*r));
    }
}

/// A case: what is edited, how, and the rule it must break.
type Edit<'a> = (&'a str, &'a dyn Fn(String) -> String, &'a str);

#[test]
fn request_rules_and_the_connection_is_still_decoded() {
    let cases: [Edit; 6] = [
        (
            "POST upgrade",
            &|r| r.replace("GET /chat", "POST /chat"),
            "handshake-not-get",
        ),
        (
            "HTTP/1.0",
            &|r| r.replace("HTTP/1.1", "HTTP/1.0"),
            "handshake-http-version",
        ),
        (
            "no Host",
            &|r| r.replace("Host: server.example.com\r\n", ""),
            "handshake-header-missing",
        ),
        (
            "two keys",
            &|r| {
                r.replace(
                    "Origin:",
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin:",
                )
            },
            "handshake-header-repeated",
        ),
        (
            "no key",
            &|r| r.replace("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n", ""),
            "handshake-header-missing",
        ),
        (
            "no Connection: Upgrade",
            &|r| r.replace("keep-alive, Upgrade", "keep-alive"),
            "handshake-header-missing",
        ),
    ];
    for (what, edit, rule) in cases {
        let recs = handshake_edited(edit, &|r| r);
        let n = notes_of(&recs, rule);
        assert_eq!(n.len(), 1, "{what}: {:?}", rules(&recs));
        assert_eq!(n[0]["direction"], "client_to_server", "{what}");
        assert_eq!(n[0]["frame"], 3, "{what}: on the request's packet");
        let texts: Vec<_> = recs
            .iter()
            .filter(|r| r["type"] == "message")
            .map(|m| m["text"].as_str().unwrap())
            .collect();
        assert_eq!(texts, ["hi", "hi"], "{what}: still decoded");
    }
}

#[test]
fn response_rules_say_what_a_browser_does() {
    let cases: [Edit; 3] = [
        (
            "101 without Upgrade",
            &|r| r.replace("Upgrade: websocket\r\n", ""),
            "handshake-header-missing",
        ),
        (
            "101 Connection without upgrade",
            &|r| r.replace("Connection: Upgrade", "Connection: keep-alive"),
            "handshake-header-missing",
        ),
        (
            "two Accept",
            &|r| {
                r.replace(
                    "Sec-WebSocket-Protocol",
                    "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol",
                )
            },
            "handshake-header-repeated",
        ),
    ];
    for (what, edit, rule) in cases {
        let recs = handshake_edited(&|r| r, edit);
        let n = notes_of(&recs, rule);
        assert_eq!(n.len(), 1, "{what}: {:?}", rules(&recs));
        assert_eq!(n[0]["direction"], "server_to_client", "{what}");
        assert_eq!(n[0]["frame"], 4, "{what}: on the response's packet");
        let m = n[0]["message"].as_str().unwrap();
        assert!(m.contains("a browser fails the connection"), "{what}: {m}");
        assert_eq!(
            recs.iter().filter(|r| r["type"] == "message").count(),
            2,
            "{what}: the frames after it are decoded"
        );
    }
}

#[test]
fn accept_on_a_refusal() {
    let recs = handshake_edited(&|r| r, &|r| {
        r.replace("101 Switching Protocols", "403 Forbidden")
            .replace(
                "Upgrade: websocket\r\nConnection: Upgrade\r\n",
                "Content-Length: 0\r\n",
            )
    });
    let r = rules(&recs);
    assert!(r.contains(&"upgrade-refused".into()), "{r:?}");
    assert_eq!(notes_of(&recs, "accept-without-101").len(), 1, "{r:?}");
    let hs = recs.iter().find(|r| r["type"] == "handshake").unwrap();
    assert_eq!(hs["upgraded"], false);
    assert_eq!(hs["accept_valid"], serde_json::Value::Null);
}

#[test]
fn version_validity_is_in_the_model() {
    let recs = handshake_edited(&|r| r.replace("Version: 13", "Version: 8"), &|r| r);
    let hs = recs.iter().find(|r| r["type"] == "handshake").unwrap();
    assert_eq!(hs["version_valid"], false);
    let recs = handshake_edited(&|r| r, &|r| r);
    let hs = recs.iter().find(|r| r["type"] == "handshake").unwrap();
    assert_eq!(hs["version_valid"], true);
}

#[test]
fn a_ping_after_close_is_milder_than_data_after_close() {
    let recs = run(vec![
        c(true, 8, &[3, 232]),
        c(true, 9, b"p"),
        c(true, 8, &[3, 232]),
    ]);
    let r = rules(&recs);
    assert!(!r.contains(&"data-after-close".into()), "{r:?}");
    let n = notes_of(&recs, "control-after-close");
    assert_eq!(n.len(), 1, "{r:?}");
    assert_eq!(n[0]["severity"], "info");
    let recs = run(vec![c(true, 8, &[3, 232]), c(true, 2, b"late")]);
    let n = notes_of(&recs, "data-after-close");
    assert_eq!(n.len(), 1);
    assert_eq!(n[0]["severity"], "error");
}

#[test]
fn invalid_utf8_is_noted_on_the_fragment_that_breaks_it() {
    // Fragment 1 valid, fragment 2 breaks the text, fragment 3 ends it.
    let recs = run(vec![
        c(false, 1, b"ok "),
        c(false, 0, &[0xff]),
        c(true, 0, b" end"),
    ]);
    let n = notes_of(&recs, "invalid-utf8");
    assert_eq!(n.len(), 1, "{:?}", rules(&recs));
    assert_eq!(
        n[0]["frame"], 6,
        "the second fragment's packet, not the last"
    );
    let m = recs.iter().find(|r| r["type"] == "message").unwrap();
    assert_eq!(m["utf8_valid"], false);
    // A sequence cut at a fragment's end, finished in the next, is valid.
    let recs = run(vec![c(false, 1, &[0xe2, 0x82]), c(true, 0, &[0xac])]);
    assert!(rules(&recs).is_empty(), "{:?}", rules(&recs));
    // One that the message never finishes breaks on the final fragment.
    let recs = run(vec![c(false, 1, b"a"), c(true, 0, &[0xe2, 0x82])]);
    let n = notes_of(&recs, "invalid-utf8");
    assert_eq!(n.len(), 1);
    assert_eq!(n[0]["frame"], 6);
}

#[test]
fn a_frame_cut_off_by_the_peer_closing_keeps_the_rules_of_its_first_bytes() {
    // As in the Autobahn TestSuite's cases 4.1.5 and 4.2.5: a frame with a
    // reserved opcode whose sender's connection ends after its first bytes.
    use common::mean::{Conn, Pcap};
    let mut pcap = Pcap::new();
    let mut conn = Conn::default_open(&mut pcap);
    for (from_client, data) in rfc_handshake("") {
        conn.send(&mut pcap, from_client, &data);
    }
    conn.send(&mut pcap, true, &[0x83, 0x85, 0x37]);
    conn.close(&mut pcap);
    let recs = records(pcap.bytes);
    let r = rules(&recs);
    assert!(r.contains(&"reserved-opcode".into()), "{r:?}");
    let inc = notes_of(&recs, "incomplete");
    assert_eq!(inc.len(), 1, "{r:?}");
    let m = inc[0]["message"].as_str().unwrap();
    assert!(m.contains("closed (FIN)"), "{m}");
    assert!(!m.contains("capture ends"), "{m}");
    // Without the FIN, it is the capture that ended.
    let mut segs = rfc_handshake("");
    segs.push((true, vec![0x83]));
    let recs = records(build_pcap(&segs));
    let m = notes_of(&recs, "incomplete")[0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(m.contains("the capture ends"), "{m}");
    assert!(rules(&recs).contains(&"reserved-opcode".into()));
}
