//! permessage-deflate (RFC 7692): for every compressed single-frame text
//! message where tshark shows the decompressed text, wsdissect shows the
//! same text — on the public captures and the bundled samples.

mod common;

use std::path::Path;

use wsdissect::analyze::{analyze, Options};
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
    analyze(&mut reader, &Options::default(), &mut sink).unwrap();
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
