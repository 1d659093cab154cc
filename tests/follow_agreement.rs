//! Reassembly agrees with tshark's Follow TCP Stream on every public capture
//! and every bundled sample: same stream numbers, same node 0, and each
//! side's reassembled bytes equal (count and SHA-256).

use crate::common;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::Path;

use sha2::{Digest, Sha256};
use wsdissect::capture::CaptureReader;
use wsdissect::net::{ReassemblyConfig, TcpEvent};
use wsdissect::pipeline::run_tcp;

#[derive(Default)]
struct Side {
    bytes: Vec<u8>,
}

fn reassemble(path: &Path) -> BTreeMap<u32, (SocketAddr, [Side; 2], SocketAddr)> {
    let mut reader = CaptureReader::open(path.to_str().unwrap()).unwrap();
    let mut streams: BTreeMap<u32, (SocketAddr, [Side; 2], SocketAddr)> = BTreeMap::new();
    let mut sink = |ev: TcpEvent<'_>| match ev {
        TcpEvent::Open(info) => {
            streams.insert(
                info.stream,
                (info.client, Default::default(), info.first_sender),
            );
        }
        TcpEvent::Data { stream, dir, chunk } => {
            streams.get_mut(&stream).unwrap().1[dir.index()]
                .bytes
                .extend_from_slice(chunk.data);
        }
        _ => {}
    };
    let (_, res) = run_tcp(
        &mut reader,
        ReassemblyConfig::default(),
        &mut sink,
        |_, _| {},
    );
    res.unwrap();
    streams
}

fn hex(d: &[u8]) -> String {
    d.iter().map(|b| format!("{b:02x}")).collect()
}

fn check_dir(dir: &Path) -> usize {
    let mut checked = 0;
    let mut failures = Vec::new();
    for (cap, oracle) in common::captures_with(dir, ".follow.tsv") {
        let ours = reassemble(&cap);
        let rows = common::read_tsv(&oracle);
        for row in &rows {
            let n = common::our_stream(&cap, row["tcp.stream"].parse().unwrap());
            let Some((client, sides, first)) = ours.get(&n) else {
                failures.push(format!("{}: stream {n} missing", cap.display()));
                continue;
            };
            if first.to_string() != row["node0"] {
                failures.push(format!(
                    "{}: stream {n}: node0 {} vs tshark {}",
                    cap.display(),
                    first,
                    row["node0"]
                ));
            }
            for node in ["node0", "node1"] {
                let addr = &row[node];
                let idx = if *addr == client.to_string() { 0 } else { 1 };
                let b = &sides[idx].bytes;
                let got = (b.len().to_string(), hex(&Sha256::digest(b)));
                let want = (
                    row[&format!("{node}_bytes")].clone(),
                    row[&format!("{node}_sha256")].clone(),
                );
                if got != want {
                    failures.push(format!(
                        "{}: stream {n} {node} {addr}: {} bytes vs tshark {}",
                        cap.display(),
                        got.0,
                        want.0
                    ));
                }
            }
            checked += 1;
        }
        // Streams tshark does not list must carry no payload.
        for (n, (_, sides, _)) in &ours {
            if !rows
                .iter()
                .any(|r| common::our_stream(&cap, r["tcp.stream"].parse().unwrap()) == *n)
                && sides.iter().any(|s| !s.bytes.is_empty())
            {
                failures.push(format!(
                    "{}: stream {n} has bytes tshark does not list",
                    cap.display()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "disagreements with tshark:\n{}",
        failures.join("\n")
    );
    checked
}

#[test]
fn follow_matches_tshark_on_public_captures() {
    let Some(dir) = common::shared_dir() else {
        return;
    };
    let n = check_dir(&dir);
    assert!(n >= 29, "only {n} streams compared");
}

#[test]
fn follow_matches_tshark_on_samples() {
    let n = check_dir(&common::samples_dir());
    assert!(n >= 1, "no sample oracles found");
}
