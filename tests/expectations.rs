//! The public projects' own expectations, where they apply: Zeek's
//! websocket.log and close events, Zeek's and Suricata's "weird"/alert
//! cases, checked against wsdissect's records.

use crate::common;

use std::path::Path;

use crate::common::{records_of, rules};

fn zeek_rows(log: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let text = std::fs::read_to_string(log).unwrap();
    // Zeek's ASCII format has a `#fields` line; some baselines keep the
    // header as a plain `ts\tuid\t…` line instead.
    let mut lines = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .peekable();
    let fields: Vec<&str> = match text.lines().find(|l| l.starts_with("#fields")) {
        Some(f) => f.split('\t').skip(1).collect(),
        None => lines.next().unwrap().split('\t').collect(),
    };
    lines
        .map(|l| {
            fields
                .iter()
                .map(|f| f.to_string())
                .zip(l.split('\t').map(str::to_string))
                .collect()
        })
        .collect()
}

fn zeek_val(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "-".into(),
        serde_json::Value::String(s) if s.is_empty() => "-".into(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn ext_names(v: &serde_json::Value) -> String {
    let names: Vec<String> = v
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e["name"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default();
    if names.is_empty() {
        "-".into()
    } else {
        names.join(",")
    }
}

fn first_tokens(zeek: &str) -> String {
    if zeek == "-" {
        return zeek.into();
    }
    zeek.split(',')
        .map(|e| e.split(';').next().unwrap().trim().to_string())
        .collect::<Vec<_>>()
        .join(",")
}

#[test]
fn zeek_websocket_log_fields_match_our_handshakes() {
    let Some(dir) = common::shared_dir() else {
        return;
    };
    let mut checked = 0;
    for (cap, log) in common::captures_with(&dir, ".expected.websocket.log") {
        let recs = records_of(&cap);
        let hs: Vec<&serde_json::Value> = recs
            .iter()
            .filter(|r| r["type"] == "handshake" && r["upgraded"] == true)
            .collect();
        let rows = zeek_rows(&log);
        assert_eq!(hs.len(), rows.len(), "{}: handshakes", cap.display());
        for (h, row) in hs.iter().zip(&rows) {
            let ctx = cap.display();
            assert_eq!(zeek_val(&h["host"]), row["host"], "{ctx} host");
            assert_eq!(zeek_val(&h["path"]), row["uri"], "{ctx} uri");
            assert_eq!(
                zeek_val(&h["user_agent"]),
                row["user_agent"],
                "{ctx} user_agent"
            );
            assert_eq!(
                zeek_val(&h["subprotocol"]),
                row["subprotocol"],
                "{ctx} subprotocol"
            );
            let offered: Vec<String> = h["subprotocols_offered"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect();
            let offered = if offered.is_empty() {
                "-".to_string()
            } else {
                offered.join(",")
            };
            assert_eq!(offered, row["client_protocols"], "{ctx} client_protocols");
            assert_eq!(
                ext_names(&h["extensions_offered"]),
                first_tokens(&row["client_extensions"]),
                "{ctx} client_extensions"
            );
            assert_eq!(
                ext_names(&h["extensions"]),
                first_tokens(&row["server_extensions"]),
                "{ctx} server_extensions"
            );
            checked += 1;
        }
    }
    assert!(checked >= 6, "only {checked} websocket.log rows checked");
}

#[test]
fn zeek_close_events_match_our_close_frames() {
    let Some(dir) = common::shared_dir() else {
        return;
    };
    let mut checked = 0;
    for (cap, ev) in common::captures_with(&dir, ".expected.events.out") {
        let want: Vec<(bool, String, String)> = std::fs::read_to_string(&ev)
            .unwrap()
            .lines()
            .filter(|l| l.starts_with("websocket_close,"))
            .map(|l| {
                let p: Vec<&str> = l.splitn(7, ", ").collect();
                (
                    p[2] == "T",
                    p[4].to_string(),
                    p.get(6).unwrap_or(&"").to_string(),
                )
            })
            .collect();
        if want.is_empty() {
            continue;
        }
        let recs = records_of(&cap);
        let got: Vec<(bool, String, String)> = recs
            .iter()
            .filter(|r| r["type"] == "frame" && r["opcode"] == 8)
            .map(|r| {
                (
                    r["direction"] == "client_to_server",
                    // Zeek reports an empty close body as status 0.
                    r["close_code"].as_u64().unwrap_or(0).to_string(),
                    r["close_reason"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        assert_eq!(got, want, "{}", cap.display());
        checked += want.len();
    }
    assert!(checked >= 2, "only {checked} close events checked");
}

#[test]
fn zeek_weird_cases() {
    let Some(dir) = common::shared_dir() else {
        return;
    };
    // websocket_wrong_accept_header: expected=N8ntNYkX6Qerw4tK3s/CYzpSZNc=, found=…-wrong
    let recs = records_of(&dir.join("zeek/wrong-accept-header.pcap"));
    let h = recs.iter().find(|r| r["type"] == "handshake").unwrap();
    assert_eq!(h["expected_accept"], "N8ntNYkX6Qerw4tK3s/CYzpSZNc=");
    assert_eq!(h["accept"], "N8ntNYkX6Qerw4tK3s/CYzpSZNc=-wrong");
    assert_eq!(h["accept_valid"], false);
    assert!(rules(&recs).contains(&"accept-mismatch".into()));
    // websocket_control_frame_size_exceeded: 258 > 125; "Close length: 256" (the reason).
    let recs = records_of(&dir.join("zeek/oversized-close-frame.pcapng"));
    let close = recs
        .iter()
        .find(|r| r["type"] == "frame" && r["opcode"] == 8)
        .unwrap();
    assert_eq!(close["payload_length"], 258);
    assert_eq!(close["close_reason"].as_str().unwrap().len(), 256);
    assert!(rules(&recs).contains(&"control-frame-too-long".into()));
}

#[test]
fn suricata_cases() {
    let Some(dir) = common::shared_dir() else {
        return;
    };
    // websocket-ping: the client's ping is sent unmasked (a violation of §5.1).
    let recs = records_of(&dir.join("suricata-verify/websocket-ping.pcap"));
    let ping = recs
        .iter()
        .find(|r| r["type"] == "frame" && r["opcode"] == 9)
        .unwrap();
    assert_eq!(ping["direction"], "client_to_server");
    assert_eq!(ping["masked"], false);
    assert!(rules(&recs).contains(&"client-frame-not-masked".into()));
    // websocket-control-frag: a ping inside a fragmented text message; the
    // message is reassembled across it.
    let recs = records_of(&dir.join("suricata-verify/websocket-control-frag.pcap"));
    let m = recs.iter().find(|r| r["type"] == "message").unwrap();
    assert_eq!(
        m["text"],
        "MALWARE_DOWNLOAD cmd.exe /c powershell -enc AAAA"
    );
    assert_eq!(m["ws_frames"].as_array().unwrap().len(), 2);
    // websocket-basic: client offers permessage-deflate, server declines.
    let recs = records_of(&dir.join("suricata-verify/websocket-basic.pcap"));
    let h = recs.iter().find(|r| r["type"] == "handshake").unwrap();
    assert_eq!(ext_names(&h["extensions_offered"]), "permessage-deflate");
    assert_eq!(h["extensions"], serde_json::json!([]));
    assert!(h["deflate"].is_null());
}
