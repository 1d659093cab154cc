//! permessage-deflate (RFC 7692): for every compressed single-frame text
//! message where tshark shows the decompressed text, wsdissect shows the
//! same text — on the public captures and the bundled samples.

use crate::common;

use std::path::Path;

use wsdissect::analyze::analyze;
use wsdissect::capture::CaptureReader;
use wsdissect::model::{Record, WsMessage};

fn messages(path: &Path) -> Vec<WsMessage> {
    let mut reader = CaptureReader::open(path.to_str().unwrap()).unwrap();
    let mut out = Vec::new();
    let mut sink = |r: Record| {
        if let Record::Message(m) = r {
            out.push(*m);
        }
    };
    analyze(&mut reader, &common::options_for(path), &mut sink).unwrap();
    out
}

/// (frame number, text) for each compressed, unfragmented text frame tshark decoded.
fn tshark_texts(json: &Path) -> Vec<(u64, String)> {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    let mut out = Vec::new();
    for pkt in v.as_array().unwrap() {
        let layers = &pkt["_source"]["layers"];
        let frame: u64 = layers["frame"]["frame.number"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        let ws = &layers["websocket"];
        let list: Vec<&serde_json::Value> = match ws {
            serde_json::Value::Array(a) => a.iter().collect(),
            serde_json::Value::Object(_) => vec![ws],
            _ => continue,
        };
        for w in list {
            let compressed = w["websocket.pmc"] == "1";
            let single = w["websocket.fin"] == "1" && w["websocket.opcode"] == "1";
            if let (true, true, Some(t)) = (
                compressed,
                single,
                w["websocket.payload"]["websocket.payload.text"].as_str(),
            ) {
                out.push((frame, t.to_string()));
            }
        }
    }
    out
}

fn check(dir: &Path) -> usize {
    let mut n = 0;
    let mut failures = Vec::new();
    for (cap, json) in common::captures_with(dir, ".tshark.json") {
        let texts = tshark_texts(&json);
        if texts.is_empty() {
            continue;
        }
        let ours = messages(&cap);
        for (frame, text) in texts {
            let m = ours.iter().find(|m| {
                m.last_frame == frame
                    && m.compressed
                    && m.ws_frames.len() == 1
                    && m.text.as_deref() == Some(text.as_str())
            });
            if m.is_none() {
                failures.push(format!(
                    "{} frame {frame}: tshark shows {text:?}",
                    cap.display()
                ));
            }
            n += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "decompressed text differs:\n{}",
        failures.join("\n")
    );
    n
}

#[test]
fn decompressed_text_matches_tshark_on_public_captures() {
    let Some(dir) = common::shared_dir() else {
        return;
    };
    let n = check(&dir);
    eprintln!("{n} compressed messages compared with tshark");
    assert!(n >= 20, "only {n} compressed messages compared");
}

#[test]
fn decompressed_text_matches_tshark_on_samples() {
    let n = check(&common::samples_dir());
    eprintln!("{n} compressed messages compared with tshark");
    assert!(n >= 10, "only {n} compressed messages compared");
}

/// tshark 4.0 cannot decompress a fragmented compressed message (its README
/// says so); RFC 7692 §6.1 puts RSV1 on the first frame only, and the
/// message is the concatenation of all fragments. wsdissect decodes it.
#[test]
fn fragmented_compressed_message_is_decompressed() {
    let cap = common::samples_dir().join("websockets-deflate-fragmented.pcap");
    let ms = messages(&cap);
    let frag: Vec<&WsMessage> = ms
        .iter()
        .filter(|m| m.compressed && m.ws_frames.len() > 1)
        .collect();
    assert!(
        !frag.is_empty(),
        "the sample has no fragmented compressed message"
    );
    for m in frag {
        assert!(m.complete);
        assert!(m.text.as_ref().is_some_and(|t| !t.is_empty()));
        assert_eq!(
            m.decompressed_length,
            Some(m.text.as_ref().unwrap().len() as u64)
        );
    }
}

/// RFC 7692 §7.2.2 context takeover: after a TCP gap, a fresh decoder would
/// silently produce wrong text, so later compressed messages of that
/// direction are marked undecodable with a note; the other direction and the
/// rest of the capture still decode.
#[test]
fn a_gap_with_context_takeover_makes_later_messages_undecodable_not_garbage() {
    use common::{build_pcap_lossy, records, rfc_handshake, rules, ws_frame};
    use wsdissect::ws::deflate::Deflater;
    let mut segs = rfc_handshake("Sec-WebSocket-Extensions: permessage-deflate\r\n");
    segs[0].1 = String::from_utf8(segs[0].1.clone())
        .unwrap()
        .replace(
            "Sec-WebSocket-Version: 13\r\n",
            "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: permessage-deflate\r\n",
        )
        .into_bytes();
    let mut server = Deflater::new(6, false);
    let msg = "the same sentence, again and again, so that context matters";
    for _ in 0..4 {
        segs.push((
            false,
            ws_frame(
                true,
                true,
                1,
                &server.compress_message(msg.as_bytes()),
                false,
            ),
        ));
    }
    let mut client = Deflater::new(6, true);
    segs.push((
        true,
        ws_frame(
            true,
            true,
            1,
            &client.compress_message(b"client still fine"),
            true,
        ),
    ));
    // The capture misses the second server message.
    let recs = records(build_pcap_lossy(&segs, &[3]));
    let msgs: Vec<_> = recs.iter().filter(|r| r["type"] == "message").collect();
    let server_msgs: Vec<_> = msgs
        .iter()
        .filter(|m| m["direction"] == "server_to_client")
        .collect();
    assert_eq!(server_msgs.len(), 3);
    assert_eq!(server_msgs[0]["text"], msg, "before the gap: decoded");
    for m in &server_msgs[1..] {
        assert_eq!(m["complete"], false);
        assert!(m["text"].is_null(), "after the gap: no garbage text");
    }
    let client_msg = msgs
        .iter()
        .find(|m| m["direction"] == "client_to_server")
        .unwrap();
    assert_eq!(client_msg["text"], "client still fine");
    let r = rules(&recs);
    assert!(r.contains(&"tcp-gap".into()), "{r:?}");
    assert!(r.contains(&"decompress-context-lost".into()), "{r:?}");
}
