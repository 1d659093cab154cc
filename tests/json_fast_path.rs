//! `dump` writes payloads and text through its own escaping and base64
//! (src/model/serde_helpers.rs). Every line of every sample's NDJSON must
//! still be valid JSON, and the text and payloads must survive the round
//! trip exactly.

use crate::common;

use std::process::Command;

use base64::Engine;

#[test]
fn ndjson_is_valid_and_payloads_round_trip_on_every_sample() {
    let mut texts = 0;
    for (cap, _) in common::captures_with(&common::samples_dir(), ".frames.tsv") {
        let out = Command::new(env!("CARGO_BIN_EXE_wsdissect"))
            .args(["dump", cap.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(out.status.success());
        let recs: Vec<serde_json::Value> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                serde_json::from_str(l)
                    .unwrap_or_else(|e| panic!("{}: invalid JSON line: {e}\n{l}", cap.display()))
            })
            .collect();
        let frames: Vec<&serde_json::Value> =
            recs.iter().filter(|r| r["type"] == "frame").collect();
        for m in recs
            .iter()
            .filter(|r| r["type"] == "message" && r["compressed"] == false)
        {
            // The message content equals its frames' payloads joined.
            let mut joined = Vec::new();
            for idx in m["ws_frames"].as_array().unwrap() {
                let f = frames
                    .iter()
                    .find(|f| f["index"] == *idx && f["stream"] == m["stream"])
                    .unwrap();
                joined.extend(
                    base64::engine::general_purpose::STANDARD
                        .decode(f["payload_base64"].as_str().unwrap())
                        .unwrap(),
                );
            }
            match m["text"].as_str() {
                Some(t) => {
                    assert_eq!(t.as_bytes(), &joined[..], "{}", cap.display());
                    texts += 1;
                }
                None => {
                    let d = base64::engine::general_purpose::STANDARD
                        .decode(m["data_base64"].as_str().unwrap())
                        .unwrap();
                    assert_eq!(d, joined);
                }
            }
        }
    }
    assert!(texts > 50, "only {texts} text messages checked");
}
