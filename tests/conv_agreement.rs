//! Every connection of every capture against tshark's TCP conversation table.
//!
//! tshark's `Statistics › Conversations › TCP` (`-z conv,tcp`) counts every
//! packet of a `tcp.stream`, from its first to its very last (the final ACK
//! after the second FIN, a late RST). The oracles (`NAME.conv.tsv`, made by
//! `samples/tools/write_oracles.py`, docs/samples.md) hold that table per
//! stream: endpoints A and B, frames and frame bytes each way, first and last
//! frame. They lie beside every sample, and under `tests/oracles/conv/` for
//! the read-only public corpus (`tests/oracles/conv/regenerate.sh`).
//!
//! For each capture and each stream this checks, with A→B / B→A mapped to
//! client→server / server→client by address:
//! - `dump --packets`: the `stream` record's packets per direction, first and
//!   last frame; and the packet records attributed to the stream: how many
//!   each way, their frame bytes (`orig_len`, what tshark adds up), first and
//!   last — so every packet is counted once, in the stream tshark puts it in;
//! - `streams --json`: the same packets and frames per row;
//! - the same set of streams, one `stream` record each.
//!
//! The one known difference in numbering (Wireshark's SOCKS dissector burns
//! a `tcp.stream` in ndpi/vmess-websocket.pcapng) is mapped by
//! `common::our_stream`.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// One row of a `NAME.conv.tsv`.
#[derive(Debug)]
struct Conv {
    stream: u32,
    a: String,
    b: String,
    frames_ab: u64,
    bytes_ab: u64,
    frames_ba: u64,
    bytes_ba: u64,
    first_frame: u64,
    last_frame: u64,
}

fn read_conv(path: &Path) -> Vec<Conv> {
    let num = |r: &std::collections::HashMap<String, String>, k: &str| -> u64 {
        r[k].parse()
            .unwrap_or_else(|_| panic!("{}: bad {k}", path.display()))
    };
    common::read_tsv(path)
        .iter()
        .map(|r| Conv {
            stream: num(r, "tcp.stream") as u32,
            a: r["a"].clone(),
            b: r["b"].clone(),
            frames_ab: num(r, "frames_a_to_b"),
            bytes_ab: num(r, "bytes_a_to_b"),
            frames_ba: num(r, "frames_b_to_a"),
            bytes_ba: num(r, "bytes_b_to_a"),
            first_frame: num(r, "first_frame"),
            last_frame: num(r, "last_frame"),
        })
        .collect()
}

/// Every capture with its conversation table: the samples', beside them;
/// the public corpus's, under tests/oracles/conv/ (every capture must have
/// one).
fn cases() -> Vec<(PathBuf, PathBuf)> {
    let mut v = common::captures_with(&common::samples_dir(), ".conv.tsv");
    assert!(v.len() >= 20, "samples/ is missing its conv.tsv oracles");
    if let Some(shared) = common::shared_dir() {
        let oracles = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracles/conv");
        for cap in common::public_captures(&shared) {
            let rel = cap
                .strip_prefix(&shared)
                .unwrap()
                .with_extension("conv.tsv");
            let oracle = oracles.join(rel);
            assert!(
                oracle.is_file(),
                "{}: no conversation table; run tests/oracles/conv/regenerate.sh",
                oracle.display()
            );
            v.push((cap, oracle));
        }
    }
    v
}

/// What the packet records attribute to one stream.
#[derive(Debug, Default)]
struct Attributed {
    packets: [u64; 2],
    bytes: [u64; 2],
    first: Option<u64>,
    last: u64,
}

/// Packets, first and last frame of a `stream` record (or `streams --json` row).
fn counts(s: &Value) -> ([u64; 2], u64, u64) {
    let n = |d: usize| s["dirs"][d]["packets"].as_u64().unwrap();
    (
        [n(0), n(1)],
        s["first_frame"].as_u64().unwrap(),
        s["last_frame"].as_u64().unwrap(),
    )
}

/// tshark's A→B and B→A, as client→server and server→client of `s`.
fn oriented(c: &Conv, s: &Value) -> Option<([u64; 2], [u64; 2])> {
    let (client, server) = (s["client"].as_str()?, s["server"].as_str()?);
    if (c.a.as_str(), c.b.as_str()) == (client, server) {
        Some(([c.frames_ab, c.frames_ba], [c.bytes_ab, c.bytes_ba]))
    } else if (c.a.as_str(), c.b.as_str()) == (server, client) {
        Some(([c.frames_ba, c.frames_ab], [c.bytes_ba, c.bytes_ab]))
    } else {
        None
    }
}

/// Compares one capture; returns the disagreements and how many
/// connections were compared.
fn compare(cap: &Path, oracle: &Path) -> (Vec<String>, usize) {
    let name = cap.display().to_string();
    let conv = read_conv(oracle);
    let mut bad = Vec::new();

    let mut records: BTreeMap<u32, Vec<Value>> = BTreeMap::new();
    let mut attributed: BTreeMap<u32, Attributed> = BTreeMap::new();
    for line in common::wsdissect(&["dump", "--packets"], cap).lines() {
        let r: Value = serde_json::from_str(line).unwrap();
        match r["type"].as_str().unwrap() {
            "stream" => records
                .entry(r["stream"].as_u64().unwrap() as u32)
                .or_default()
                .push(r),
            "packet" if !r["tcp"].is_null() => {
                let t = &r["tcp"];
                let a = attributed
                    .entry(t["stream"].as_u64().unwrap() as u32)
                    .or_default();
                let d = usize::from(t["direction"] == "server_to_client");
                let frame = r["frame"].as_u64().unwrap();
                a.packets[d] += 1;
                a.bytes[d] += r["orig_len"].as_u64().unwrap();
                a.first.get_or_insert(frame);
                a.last = frame;
            }
            _ => {}
        }
    }
    let rows: Vec<Value> =
        serde_json::from_str(&common::wsdissect(&["streams", "--json"], cap)).unwrap();
    let mut by_stream: BTreeMap<u32, &Value> = BTreeMap::new();
    for r in &rows {
        if by_stream
            .insert(r["stream"].as_u64().unwrap() as u32, r)
            .is_some()
        {
            bad.push(format!(
                "{name}: streams --json lists stream {} twice",
                r["stream"]
            ));
        }
    }
    let sorted: Vec<u64> = rows.iter().map(|r| r["stream"].as_u64().unwrap()).collect();
    if !sorted.windows(2).all(|w| w[0] < w[1]) {
        bad.push(format!(
            "{name}: streams --json rows not sorted by stream: {sorted:?}"
        ));
    }

    let want: Vec<u32> = conv
        .iter()
        .map(|c| common::our_stream(cap, c.stream))
        .collect();
    let got: Vec<u32> = records.keys().copied().collect();
    if want != got {
        bad.push(format!(
            "{name}: streams with a stream record {got:?}, tshark's (mapped) {want:?}"
        ));
    }
    let got_rows: Vec<u32> = by_stream.keys().copied().collect();
    if want != got_rows {
        bad.push(format!(
            "{name}: streams --json rows {got_rows:?}, tshark's (mapped) {want:?}"
        ));
    }

    let mut compared = 0;
    for c in &conv {
        let ours = common::our_stream(cap, c.stream);
        let what = format!("{name}: tcp.stream {} (ours {ours})", c.stream);
        let Some(recs) = records.get(&ours) else {
            continue;
        };
        compared += 1;
        if recs.len() != 1 {
            bad.push(format!("{what}: {} stream records", recs.len()));
        }
        let s = &recs[0];
        let Some((frames, bytes)) = oriented(c, s) else {
            bad.push(format!(
                "{what}: tshark's endpoints {} / {}, ours {} → {}",
                c.a, c.b, s["client"], s["server"]
            ));
            continue;
        };
        let want = (frames, c.first_frame, c.last_frame);
        let (packets, first, last) = counts(s);
        if (packets, first, last) != want {
            bad.push(format!(
                "{what}: dump's stream record has packets {packets:?}, frames {first}..{last}; \
                 tshark {frames:?}, frames {}..{}",
                c.first_frame, c.last_frame
            ));
        }
        match attributed.get(&ours) {
            Some(a)
                if (a.packets, a.bytes, a.first, a.last)
                    == (frames, bytes, Some(c.first_frame), c.last_frame) => {}
            a => bad.push(format!(
                "{what}: packet records {a:?}; tshark packets {frames:?}, frame bytes {bytes:?}, \
                 frames {}..{}",
                c.first_frame, c.last_frame
            )),
        }
        match by_stream.get(&ours) {
            Some(r) if oriented(c, r).map(|o| o.0) == Some(frames) && counts(r) == want => {}
            r => bad.push(format!(
                "{what}: streams --json row {:?}; tshark packets {frames:?}, frames {}..{}",
                r.map(|r| counts(r)),
                c.first_frame,
                c.last_frame
            )),
        }
    }
    for s in attributed.keys() {
        if !records.contains_key(s) {
            bad.push(format!(
                "{name}: packets attributed to stream {s}, which has no stream record"
            ));
        }
    }
    (bad, compared)
}

#[test]
fn every_connection_agrees_with_tsharks_conversation_table() {
    let cases = cases();
    let mut bad = Vec::new();
    let mut connections = 0;
    for (cap, oracle) in &cases {
        let (b, n) = compare(cap, oracle);
        bad.extend(b);
        connections += n;
    }
    eprintln!(
        "{connections} connections in {} captures compared with tshark's conversation table",
        cases.len()
    );
    assert!(
        bad.is_empty(),
        "{} disagreements:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// One source of truth: `streams --json` is exactly the `stream` records of
/// `dump`, sorted by stream, and `dump` writes each stream record after the
/// stream's last packet record.
#[test]
fn streams_json_is_dumps_stream_records_written_after_the_last_packet() {
    for (cap, _) in common::captures_with(&common::samples_dir(), ".conv.tsv") {
        let name = cap.display();
        let mut from_dump = Vec::new();
        let mut last_packet: BTreeMap<u64, usize> = BTreeMap::new();
        for (i, line) in common::wsdissect(&["dump", "--packets"], &cap)
            .lines()
            .enumerate()
        {
            let mut r: Value = serde_json::from_str(line).unwrap();
            if r["type"] == "packet" {
                if let Some(s) = r["tcp"]["stream"].as_u64() {
                    last_packet.insert(s, i);
                }
            } else if r["type"] == "stream" {
                let s = r["stream"].as_u64().unwrap();
                assert!(
                    last_packet.get(&s).is_some_and(|&p| p < i),
                    "{name}: stream {s}'s record comes before its last packet"
                );
                r.as_object_mut().unwrap().remove("type");
                from_dump.push(r);
            }
        }
        from_dump.sort_by_key(|r| r["stream"].as_u64());
        let rows: Vec<Value> =
            serde_json::from_str(&common::wsdissect(&["streams", "--json"], &cap)).unwrap();
        assert_eq!(rows, from_dump, "{name}");
    }
}
