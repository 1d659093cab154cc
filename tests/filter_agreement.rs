//! Display filters select the packets tshark selects.
//!
//! For every capture in samples/ and every filter of
//! `tests/oracles/filters/filters.txt`, the frames whose `packet` records
//! `wsdissect dump --packets -Y FILTER` keeps equal the frames
//! `tshark -Y FILTER` lists (oracles `tests/oracles/filters/NAME.tsv`,
//! written by `samples/tools/write_filter_oracles.py`; keys from NAME.keys).

use crate::common;

use std::path::Path;

/// Where wsdissect and tshark knowingly differ (docs/filters.md): capture,
/// filters containing this text, and who is right. These must still differ
/// (a difference that went away is taken off the list).
const KNOWN: &[(&str, &str, &str)] = &[
    // A fragmented compressed message: RSV1 is on the first frame only
    // (RFC 7692 §6.1); tshark 4.0 shows the compressed bytes as text,
    // wsdissect the decompressed message (docs/architecture.md).
    (
        "websockets-deflate-fragmented.pcap",
        "websocket.payload.text",
        "RFC 7692 §6.1",
    ),
    (
        "wss-websockets-tls13-aes128-deflate.pcap",
        "websocket.payload.text",
        "RFC 7692 §6.1",
    ),
    (
        "wss-websockets-tls13-aes256-deflate.pcap",
        "websocket.payload.text",
        "RFC 7692 §6.1",
    ),
];

fn oracle_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracles/filters")
}

/// The frames whose packet records wsdissect keeps under `filter`.
fn selected(cap: &Path, filter: &str) -> String {
    let mut args = vec!["dump", "--packets", "-Y", filter];
    let keys = cap.with_extension("keys");
    let keys_s = keys.to_string_lossy().to_string();
    if keys.is_file() {
        args.extend(["--keylog", &keys_s]);
    }
    let out = common::wsdissect(&args, cap);
    let mut frames = Vec::new();
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if v["type"] == "packet" {
            frames.push(v["frame"].as_u64().unwrap().to_string());
        }
    }
    frames.join(" ")
}

#[test]
fn every_filter_selects_tsharks_packets_on_every_sample() {
    let table = std::fs::read_to_string(oracle_dir().join("filters.txt")).unwrap();
    let filters: Vec<&str> = table
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .collect();
    assert!(filters.len() >= 40);
    let mut checked = 0;
    let mut nonempty = 0;
    let mut failures = Vec::new();
    let mut known_seen = std::collections::BTreeSet::new();
    for cap in common::sample_captures() {
        let name = cap.file_name().unwrap().to_string_lossy().to_string();
        let oracle = oracle_dir().join(format!("{name}.tsv"));
        let text = std::fs::read_to_string(&oracle).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (run samples/tools/write_filter_oracles.py)",
                oracle.display()
            )
        });
        let rows: Vec<(&str, &str)> = text.lines().map(|l| l.split_once('\t').unwrap()).collect();
        assert_eq!(
            rows.iter().map(|r| r.0).collect::<Vec<_>>(),
            filters,
            "{}: stale oracle (rerun the writer)",
            oracle.display()
        );
        for (filter, want) in rows {
            let got = selected(&cap, filter);
            let known = KNOWN
                .iter()
                .any(|(c, f, _)| *c == name && filter.contains(f));
            if known {
                // Only the filters that select packets the difference is
                // about need differ; the others must agree as usual.
                if got != want {
                    known_seen.insert(name.clone());
                }
                continue;
            }
            if got != want {
                failures.push(format!(
                    "{name}: {filter}\n  tshark:    {want}\n  wsdissect: {got}"
                ));
            }
            checked += 1;
            nonempty += usize::from(!want.is_empty());
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // A known difference that went away is taken off the list.
    let gone: Vec<&str> = KNOWN
        .iter()
        .map(|k| k.0)
        .filter(|c| !known_seen.contains(*c))
        .collect();
    assert!(
        gone.is_empty(),
        "these captures now agree with tshark: take them off KNOWN (and docs/filters.md): {gone:?}"
    );
    // The table must test something: most answers select some packets.
    assert!(
        nonempty * 2 > checked,
        "only {nonempty} of {checked} answers select packets"
    );
}

#[test]
fn a_malformed_filter_exits_2_with_a_caret_under_the_column() {
    let cap = common::samples_dir().join("websockets-deflate.pcap");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_wsdissect"))
        .args(["dump", "-Y", "websocket.opcode == x", cap.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("column 21"), "{err}");
    assert!(
        err.contains("websocket.opcode == x\n                    ^"),
        "{err}"
    );
}

#[test]
fn filtered_dump_keeps_a_matching_packets_frames_messages_and_handshake() {
    let cap = common::samples_dir().join("websockets-deflate.pcap");
    let out = common::wsdissect(
        &["dump", "-Y", "frame.number == 6 || frame.number == 14"],
        &cap,
    );
    let types: Vec<(String, u64)> = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|v| {
            let f = ["frame", "last_frame", "response_frame"]
                .iter()
                .find_map(|k| v[*k].as_u64())
                .unwrap_or(0);
            (v["type"].as_str().unwrap().to_string(), f)
        })
        .collect();
    let kept: Vec<(&str, u64)> = types.iter().map(|(t, f)| (t.as_str(), *f)).collect();
    assert_eq!(kept.first().map(|x| x.0), Some("capture"));
    assert_eq!(kept.last().map(|x| x.0), Some("summary"));
    assert!(
        kept.contains(&("http", 6)) && kept.contains(&("handshake", 6)),
        "{kept:?}"
    );
    assert!(
        kept.contains(&("frame", 14)) && kept.contains(&("message", 14)),
        "{kept:?}"
    );
    assert!(kept.contains(&("stream", 0)) || kept.iter().any(|x| x.0 == "stream"));
    assert!(
        kept.iter()
            .all(|(t, f)| matches!(*t, "capture" | "summary" | "stream") || [6, 14].contains(f)),
        "{kept:?}"
    );
}
