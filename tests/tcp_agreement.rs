//! TCP analysis and window scaling of every packet of every capture against
//! tshark.
//!
//! The oracles (`NAME.tcp.tsv`, written by `samples/tools/write_oracles.py
//! --only tcp`) hold, for every TCP packet, the `tcp.analysis.<flag>` flags
//! tshark 4.0 marks (one `-Y tcp.analysis.<flag>` run per flag),
//! `tcp.window_size` and `tcp.window_size_scalefactor`. They lie beside every
//! sample, and under `tests/oracles/tcp/` for the read-only public corpus
//! (`tests/oracles/tcp/regenerate.sh`). Real captures on loopback rarely lose
//! or stall segments, so `tests/oracles/tcp/crafted/tcp-analysis.pcap`
//! (written by `samples/tools/tcp_analysis_capture.py`) adds one connection
//! per kind of trouble, in which tshark marks every flag.
//!
//! For every packet this checks that the packet record's `tcp.tcp_analysis`
//! names are exactly tshark's flags, that `tcp.window_size` is tshark's, and
//! that `tcp.window_size_scalefactor` is tshark's (absent on SYNs, where
//! tshark prints none), and that the Info text wsdissect words for it
//! (`PacketTcp::info`: `dump --format text`, the TUI) is tshark's where
//! tshark's is TCP's own (not a higher layer's). Every mismatch is listed before the test fails.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

/// The packet records of a capture read as tshark read it, by frame, with
/// their Info text.
fn packets(cap: &Path) -> BTreeMap<u64, (serde_json::Value, String)> {
    let mut reader = wsdissect::capture::CaptureReader::open(&cap.to_string_lossy()).unwrap();
    let mut opts = common::options_for(cap);
    opts.packets = true;
    let mut out = BTreeMap::new();
    let mut sink = |r: wsdissect::model::Record| {
        if let wsdissect::model::Record::Packet(p) = &r {
            let info = p.tcp.as_ref().map(|t| t.info()).unwrap_or_default();
            out.insert(p.frame, (serde_json::to_value(&r).unwrap(), info));
        }
    };
    let _ = wsdissect::analyze::analyze(&mut reader, &opts, &mut sink);
    out
}

#[test]
fn tcp_analysis_and_window_agree_with_tshark_on_every_packet() {
    let mut bad = Vec::new();
    let mut checked = 0;
    let mut infos = 0;
    let mut flagged = BTreeMap::<String, usize>::new();
    for (cap, oracle) in common::corpus_with(".tcp.tsv", "tests/oracles/tcp") {
        let ours = packets(&cap);
        for row in common::read_tsv(&oracle) {
            let frame: u64 = row["frame"].parse().unwrap();
            let here = format!("{} frame {frame}", cap.display());
            let Some((tcp, mine)) = ours.get(&frame).map(|(p, i)| (&p["tcp"], i)) else {
                bad.push(format!("{here}: no packet record"));
                continue;
            };
            if tcp.is_null() {
                bad.push(format!("{here}: tshark decodes TCP, wsdissect does not"));
                continue;
            }
            checked += 1;
            let mut want: Vec<&str> = row["tcp.analysis"]
                .split(',')
                .filter(|s| !s.is_empty())
                .collect();
            want.sort_unstable();
            let mut got: Vec<&str> = tcp["tcp_analysis"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .filter(|n| !n.ends_with("_ack") || *n == "duplicate_ack")
                .collect();
            got.sort_unstable();
            for n in &want {
                *flagged.entry(n.to_string()).or_default() += 1;
            }
            if want != got {
                bad.push(format!(
                    "{here}: analysis tshark {want:?}, wsdissect {got:?}"
                ));
            }
            // The Info text (dump --format text, the TUI list) where tshark's
            // is TCP's own: the ports, flags, Seq/Ack, the scaled Win, Len
            // and options, after any analysis labels.
            let info = &row["info"];
            let ports = format!(
                "{} → {} [",
                tcp["src"].as_str().unwrap().rsplit(':').next().unwrap(),
                tcp["dst"].as_str().unwrap().rsplit(':').next().unwrap()
            );
            if info.contains(&ports) {
                let theirs = info.trim_end_matches(" [TCP segment of a reassembled PDU]");
                if mine != theirs {
                    bad.push(format!(
                        "{here}: Info tshark {theirs:?}\n  wsdissect {mine:?}"
                    ));
                }
                infos += 1;
            }
            let win = tcp["window_size"].as_u64().unwrap().to_string();
            if win != row["tcp.window_size"] {
                bad.push(format!(
                    "{here}: window_size tshark {}, wsdissect {win}",
                    row["tcp.window_size"]
                ));
            }
            let scale = match &tcp["window_size_scalefactor"] {
                serde_json::Value::Null => String::new(),
                v => v.to_string(),
            };
            if scale != row["tcp.window_size_scalefactor"] {
                bad.push(format!(
                    "{here}: scalefactor tshark {:?}, wsdissect {scale:?}",
                    row["tcp.window_size_scalefactor"]
                ));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} disagreements with tshark:\n{}",
        bad.len(),
        bad.join("\n")
    );
    assert!(checked > 2_000, "only {checked} packets checked");
    assert!(infos > 1_000, "only {infos} Info texts checked");
    // every flag the issue names is exercised (the crafted capture has each)
    for name in [
        "retransmission",
        "fast_retransmission",
        "spurious_retransmission",
        "out_of_order",
        "lost_segment",
        "ack_lost_segment",
        "duplicate_ack",
        "zero_window",
        "zero_window_probe",
        "window_full",
        "window_update",
        "keep_alive",
    ] {
        assert!(flagged.contains_key(name), "no packet tests {name}");
    }
    eprintln!("checked {checked} packets; flags tshark marks: {flagged:?}");
}

/// `dump --format text --packets` shows each TCP packet as Wireshark's list
/// does: the analysis label first, relative numbers, the scaled window.
#[test]
fn the_text_dump_words_tcp_packets_as_wireshark_with_the_scaled_window() {
    let cap =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracles/tcp/crafted/tcp-analysis.pcap");
    let text = common::wsdissect(&["dump", "--format", "text", "--packets"], &cap);
    for want in [
        "[TCP Window Full] 40002 → 8080 [PSH, ACK] Seq=11 Ack=1 Win=64256 Len=128",
        "[TCP Dup ACK 8#2] 8080 → 40001 [ACK] Seq=1 Ack=201 Win=502 Len=0",
        "[TCP Window Update] 8080 → 40002 [ACK] Seq=1 Ack=139 Win=12800 Len=0",
        "40002 → 8080 [SYN] Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM WS=128",
    ] {
        assert!(text.contains(want), "no {want:?} in\n{text}");
    }
}
