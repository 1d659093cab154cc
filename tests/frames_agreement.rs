//! Every WebSocket frame tshark lists (the `*.frames.tsv` oracles beside the
//! public captures and the bundled samples) appears in `dump` with the same
//! frame number, stream, FIN, RSV, opcode, MASK, length fields, masking key
//! and close code.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

use wsdissect::analyze::{analyze, Options};
use wsdissect::capture::CaptureReader;
use wsdissect::model::{Record, WsFrame};

fn our_frames(path: &Path, opts: &Options) -> BTreeMap<u64, Vec<WsFrame>> {
    let mut reader = CaptureReader::open(path.to_str().unwrap()).unwrap();
    let mut by_packet: BTreeMap<u64, Vec<WsFrame>> = BTreeMap::new();
    let mut sink = |r: Record| {
        if let Record::Frame(f) = r {
            by_packet.entry(f.frame).or_default().push(*f);
        }
    };
    analyze(&mut reader, opts, &mut sink).unwrap();
    by_packet
}

fn list(v: &str) -> Vec<String> {
    if v.is_empty() {
        Vec::new()
    } else {
        v.split(';').map(str::to_string).collect()
    }
}

fn check_dir(dir: &Path) -> (usize, Vec<String>) {
    let mut checked = 0;
    let mut failures = Vec::new();
    for (cap, oracle) in common::captures_with(dir, ".frames.tsv") {
        let ours = our_frames(&cap, &common::options_for(&cap));
        for row in common::read_tsv(&oracle) {
            let f: u64 = row["frame.number"].parse().unwrap();
            let stream = common::our_stream(&cap, row["tcp.stream"].parse().unwrap());
            let empty = Vec::new();
            let got = ours.get(&f).unwrap_or(&empty);
            let want_fin = list(&row["websocket.fin"]);
            let n = want_fin.len();
            let ctx = format!("{} frame {f}", cap.display());
            if got.len() != n {
                failures.push(format!(
                    "{ctx}: tshark lists {n} WebSocket frames, wsdissect {}",
                    got.len()
                ));
                continue;
            }
            let fin: Vec<String> = got
                .iter()
                .map(|g| (g.header.fin as u8).to_string())
                .collect();
            let rsv: Vec<String> = got
                .iter()
                .map(|g| {
                    format!(
                        "0x{:02x}",
                        (g.header.rsv1 as u8) << 2
                            | (g.header.rsv2 as u8) << 1
                            | g.header.rsv3 as u8
                    )
                })
                .collect();
            let op: Vec<String> = got.iter().map(|g| g.header.opcode.to_string()).collect();
            let mask: Vec<String> = got
                .iter()
                .map(|g| (g.header.masked as u8).to_string())
                .collect();
            let len7: Vec<String> = got.iter().map(|g| g.header.len7.to_string()).collect();
            let e16: Vec<String> = got
                .iter()
                .filter(|g| g.header.len7 == 126)
                .map(|g| g.header.payload_len.to_string())
                .collect();
            let e64: Vec<String> = got
                .iter()
                .filter(|g| g.header.len7 == 127)
                .map(|g| g.header.payload_len.to_string())
                .collect();
            let key: Vec<String> = got
                .iter()
                .filter_map(|g| {
                    g.header
                        .mask_key
                        .map(|k| k.iter().map(|b| format!("{b:02x}")).collect())
                })
                .collect();
            let close: Vec<String> = got
                .iter()
                .filter_map(|g| g.close_code.map(|c| c.to_string()))
                .collect();
            let streams_ok = got.iter().all(|g| g.stream == stream);
            let pairs = [
                ("fin", fin, want_fin),
                ("rsv", rsv, list(&row["websocket.rsv"])),
                ("opcode", op, list(&row["websocket.opcode"])),
                ("mask", mask, list(&row["websocket.mask"])),
                (
                    "payload_length",
                    len7,
                    list(&row["websocket.payload_length"]),
                ),
                ("ext_16", e16, list(&row["websocket.payload_length_ext_16"])),
                ("ext_64", e64, list(&row["websocket.payload_length_ext_64"])),
                ("masking_key", key, list(&row["websocket.masking_key"])),
                (
                    "close",
                    close,
                    list(&row["websocket.payload.close.status_code"]),
                ),
            ];
            if !streams_ok {
                failures.push(format!("{ctx}: stream differs (tshark {stream})"));
            }
            for (name, ours, theirs) in pairs {
                if ours != theirs {
                    failures.push(format!("{ctx}: {name} {ours:?} vs tshark {theirs:?}"));
                }
            }
            checked += n;
        }
    }
    (checked, failures)
}

#[test]
fn frames_match_tshark_on_public_captures() {
    let Some(dir) = common::shared_dir() else {
        return;
    };
    let (n, failures) = check_dir(&dir);
    eprintln!("{n} frames compared with tshark");
    assert!(
        failures.is_empty(),
        "disagreements with tshark:\n{}",
        failures.join("\n")
    );
    assert!(n > 200, "only {n} frames compared");
}

#[test]
fn frames_match_tshark_on_samples() {
    let (n, failures) = check_dir(&common::samples_dir());
    eprintln!("{n} frames compared with tshark");
    assert!(
        failures.is_empty(),
        "disagreements with tshark:\n{}",
        failures.join("\n")
    );
    assert!(n > 50, "only {n} frames compared");
}
