//! `dump --payloads none|frames|messages|all` (docs/json.md, "Payloads"):
//! on every sample and public capture, each choice writes every record of
//! the default output, in the same order, each with the same fields and
//! values, except exactly the payload keys that choice leaves out: a frame's
//! `payload_base64` (dropped by `none` and `messages`), a message's `text`
//! and `data_base64` (dropped by `none` and `frames`).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The dropped keys per record type for each choice.
const CHOICES: &[(&str, &[&str], &[&str])] = &[
    ("all", &[], &[]),
    ("frames", &[], &["text", "data_base64"]),
    ("messages", &["payload_base64"], &[]),
    ("none", &["payload_base64"], &["text", "data_base64"]),
];

fn dump(cap: &Path, extra: &[&str]) -> Vec<Value> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wsdissect"));
    cmd.arg("dump").args(extra);
    let keys = cap.with_extension("keys");
    if keys.is_file() {
        cmd.arg("--keylog").arg(&keys);
    }
    if cap.ends_with("ndpi/websocket.pcap") {
        cmd.args(["--ws-port", "12345"]);
    }
    let out = cmd.arg(cap).output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        cap.display()
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn captures() -> Vec<PathBuf> {
    let mut v = common::sample_captures();
    if let Some(shared) = common::shared_dir() {
        v.extend(
            common::captures_with(&shared, ".frames.tsv")
                .into_iter()
                .map(|(c, _)| c),
        );
    }
    v
}

#[test]
fn each_choice_drops_exactly_its_payload_fields_and_keeps_every_record() {
    let (mut frames, mut texts, mut datas) = (0, 0, 0);
    for cap in captures() {
        let all = dump(&cap, &["--packets"]);
        for (choice, frame_keys, message_keys) in CHOICES {
            let got = dump(&cap, &["--packets", "--payloads", choice]);
            assert_eq!(
                got.len(),
                all.len(),
                "{} --payloads {choice}",
                cap.display()
            );
            for (g, a) in got.iter().zip(&all) {
                let dropped: &[&str] = match a["type"].as_str() {
                    Some("frame") => frame_keys,
                    Some("message") => message_keys,
                    _ => &[],
                };
                let mut want = a.as_object().unwrap().clone();
                for k in dropped {
                    want.remove(*k);
                }
                assert_eq!(
                    g.as_object().unwrap(),
                    &want,
                    "{} --payloads {choice}",
                    cap.display()
                );
            }
        }
        frames += all
            .iter()
            .filter(|r| r.get("payload_base64").is_some())
            .count();
        texts += all.iter().filter(|r| r.get("text").is_some()).count();
        datas += all
            .iter()
            .filter(|r| r.get("data_base64").is_some())
            .count();
    }
    // The choices were tried on records that have each field.
    assert!(
        frames > 500 && texts > 100 && datas > 10,
        "{frames} frames, {texts} texts, {datas} binary messages"
    );
}

#[test]
fn the_default_is_all() {
    let cap = common::samples_dir().join("websockets-deflate.pcap");
    assert_eq!(dump(&cap, &[]), dump(&cap, &["--payloads", "all"]));
}

#[test]
fn the_json_document_drops_the_same_fields() {
    let cap = common::samples_dir().join("websockets-deflate.pcap");
    let out = Command::new(env!("CARGO_BIN_EXE_wsdissect"))
        .args(["dump", "--format", "json", "--payloads", "none"])
        .arg(&cap)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let recs = doc["records"].as_array().unwrap();
    let nd = dump(&cap, &["--payloads", "none"]);
    assert_eq!(recs, &nd);
    assert!(recs.iter().any(|r| r["type"] == "frame"));
    assert!(recs
        .iter()
        .all(|r| r.get("payload_base64").is_none() && r.get("text").is_none()));
}
