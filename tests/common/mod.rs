//! Shared helpers for integration tests.
#![allow(dead_code)]

pub mod mean;

use std::path::{Path, PathBuf};

use wsdissect::capture::write::PcapFile;

/// The public capture corpus (`../shared/captures`), present in CI.
///
/// When it is absent this panics with a loud message unless
/// `WSDISSECT_ALLOW_MISSING_SHARED=1` is set, so that a test over it can
/// never pass quietly by testing nothing.
pub fn shared_dir() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/captures");
    if p.is_dir() {
        return Some(p);
    }
    if std::env::var("WSDISSECT_ALLOW_MISSING_SHARED").as_deref() == Ok("1") {
        eprintln!(
            "WARNING: {} is absent: the public-capture agreement tests are SKIPPED",
            p.display()
        );
        return None;
    }
    panic!(
        "{} is absent: these tests compare wsdissect with tshark on the public corpus. \
         Clone with ../shared beside the repo, or set WSDISSECT_ALLOW_MISSING_SHARED=1 to skip loudly.",
        p.display()
    );
}

/// Every capture (`.pcap`/`.pcapng`) under `dir`, sorted, that has an
/// oracle file with the given suffix beside it.
pub fn captures_with(dir: &Path, oracle_suffix: &str) -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let stem = if let Some(s) = name.strip_suffix(".pcapng") {
                s.to_string()
            } else if let Some(s) = name.strip_suffix(".pcap") {
                s.to_string()
            } else {
                continue;
            };
            let oracle = p.with_file_name(format!("{stem}{oracle_suffix}"));
            if oracle.is_file() {
                out.push((p, oracle));
            }
        }
    }
    out.sort();
    out
}

/// The options a capture needs to be read as tshark read it for its
/// oracles: its key log (`NAME.keys` beside it, as tshark got with
/// `-o tls.keylog_file:NAME.keys`; a pcapng may carry its own), and the
/// decode-as one public capture needs (`-d tcp.port==12345,websocket`).
pub fn options_for(cap: &Path) -> wsdissect::analyze::Options {
    let mut o = wsdissect::analyze::Options::default();
    if cap.ends_with("ndpi/websocket.pcap") {
        o.dissect.ws_ports = vec![12345];
    }
    let keys = cap.with_extension("keys");
    if keys.is_file() {
        o.dissect.keylog = std::sync::Arc::new(wsdissect::tls::KeyLog::load(&keys).unwrap());
    }
    o
}

/// Every bundled sample capture (`samples/*.pcap`, `*.pcapng`), sorted.
pub fn sample_captures() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(samples_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let n = p.to_string_lossy();
            n.ends_with(".pcap") || n.ends_with(".pcapng")
        })
        .collect();
    v.sort();
    assert!(v.len() >= 20, "samples/ is missing captures");
    v
}

/// Runs the `wsdissect` binary with `args` then `cap`; its stdout, after
/// asserting that it succeeded.
pub fn wsdissect(args: &[&str], cap: &Path) -> String {
    let mut all: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    all.push(cap.as_os_str());
    String::from_utf8(wsdissect_bytes(&all)).unwrap()
}

/// Runs the `wsdissect` binary with `args`; its stdout as bytes (`follow
/// --format raw` writes any), after asserting that it succeeded.
pub fn wsdissect_bytes<S: AsRef<std::ffi::OsStr> + std::fmt::Debug>(args: &[S]) -> Vec<u8> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_wsdissect"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The bundled samples directory.
pub fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// Parses a TSV oracle with a header line into rows of named columns.
pub fn read_tsv(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap_or("")
        .split('\t')
        .map(str::to_string)
        .collect();
    lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            header
                .iter()
                .cloned()
                .zip(
                    l.split('\t')
                        .map(str::to_string)
                        .chain(std::iter::repeat(String::new())),
                )
                .collect()
        })
        .collect()
}

/// Builds a pcap (LINKTYPE_RAW, IPv4) of one TCP connection 10.0.0.1:40000 →
/// 10.0.0.2:8080: handshake, then each `(from_client, bytes)` as one segment.
pub fn build_pcap(segments: &[(bool, Vec<u8>)]) -> Vec<u8> {
    build_pcap_lossy(segments, &[])
}

/// Like [`build_pcap`], but the segments whose indexes are in `lost` are
/// left out of the capture (their sequence space still advances): a capture
/// that missed them.
pub fn build_pcap_lossy(segments: &[(bool, Vec<u8>)], lost: &[usize]) -> Vec<u8> {
    use etherparse::PacketBuilder;
    let file = PcapFile::default();
    let mut out = file.header_bytes();
    let (cip, sip) = ([10, 0, 0, 1], [10, 0, 0, 2]);
    let (mut cseq, mut sseq) = (1000u32, 5000u32);
    let mut t = 0u32;
    let mut rec = |out: &mut Vec<u8>, pkt: Vec<u8>| {
        t += 1;
        file.record(out, 1_700_000_000, t * 1000, &pkt, pkt.len() as u32);
    };
    let mut p = Vec::new();
    PacketBuilder::ipv4(cip, sip, 64)
        .tcp(40000, 8080, cseq, 65535)
        .syn()
        .write(&mut p, &[])
        .unwrap();
    rec(&mut out, p);
    cseq += 1;
    let mut p = Vec::new();
    PacketBuilder::ipv4(sip, cip, 64)
        .tcp(8080, 40000, sseq, 65535)
        .syn()
        .ack(cseq)
        .write(&mut p, &[])
        .unwrap();
    rec(&mut out, p);
    sseq += 1;
    for (n, (from_client, data)) in segments.iter().enumerate() {
        if lost.contains(&n) {
            if *from_client {
                cseq = cseq.wrapping_add(data.len() as u32);
            } else {
                sseq = sseq.wrapping_add(data.len() as u32);
            }
            continue;
        }
        let mut p = Vec::new();
        if *from_client {
            PacketBuilder::ipv4(cip, sip, 64)
                .tcp(40000, 8080, cseq, 65535)
                .ack(sseq)
                .write(&mut p, data)
                .unwrap();
            cseq = cseq.wrapping_add(data.len() as u32);
        } else {
            PacketBuilder::ipv4(sip, cip, 64)
                .tcp(8080, 40000, sseq, 65535)
                .ack(cseq)
                .write(&mut p, data)
                .unwrap();
            sseq = sseq.wrapping_add(data.len() as u32);
        }
        rec(&mut out, p);
    }
    out
}

/// Runs the whole analysis over pcap bytes and returns the NDJSON records.
pub fn records(pcap: Vec<u8>) -> Vec<serde_json::Value> {
    let mut reader =
        wsdissect::capture::CaptureReader::from_reader("test.pcap", std::io::Cursor::new(pcap))
            .unwrap();
    let mut out = Vec::new();
    let mut sink = |r: wsdissect::model::Record| out.push(serde_json::to_value(&r).unwrap());
    let _ = wsdissect::analyze::analyze(&mut reader, &Default::default(), &mut sink);
    out
}

/// Records from a capture file.
pub fn records_of(path: &Path) -> Vec<serde_json::Value> {
    records(std::fs::read(path).unwrap())
}

/// The rules of all notes among `recs`.
pub fn rules(recs: &[serde_json::Value]) -> Vec<String> {
    recs.iter()
        .filter(|r| r["type"] == "note")
        .map(|r| r["rule"].as_str().unwrap().to_string())
        .collect()
}

/// A client frame (masked with a fixed key) or server frame, minimally encoded.
pub fn ws_frame(fin: bool, rsv1: bool, opcode: u8, payload: &[u8], masked: bool) -> Vec<u8> {
    let mut out = vec![(fin as u8) << 7 | (rsv1 as u8) << 6 | opcode];
    let m = (masked as u8) << 7;
    let n = payload.len();
    if n < 126 {
        out.push(m | n as u8);
    } else if n < 65536 {
        out.push(m | 126);
        out.extend_from_slice(&(n as u16).to_be_bytes());
    } else {
        out.push(m | 127);
        out.extend_from_slice(&(n as u64).to_be_bytes());
    }
    if masked {
        let key = [0x37, 0xfa, 0x21, 0x3d];
        out.extend_from_slice(&key);
        out.extend(payload.iter().enumerate().map(|(i, b)| b ^ key[i % 4]));
    } else {
        out.extend_from_slice(payload);
    }
    out
}

/// The RFC 6455 §1.2 example handshake (key `dGhlIHNhbXBsZSBub25jZQ==`).
pub fn rfc_handshake(extra_response_headers: &str) -> Vec<(bool, Vec<u8>)> {
    vec![
        (
            true,
            b"GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: http://example.com\r\nSec-WebSocket-Protocol: chat, superchat\r\nSec-WebSocket-Version: 13\r\n\r\n".to_vec(),
        ),
        (
            false,
            format!("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: chat\r\n{extra_response_headers}\r\n").into_bytes(),
        ),
    ]
}

/// tshark's stream number → ours, where they differ on purpose.
///
/// `ndpi/vmess-websocket.pcapng`: frames 12–13 are a SOCKS5 CONNECT, and
/// Wireshark's SOCKS dissector creates a conversation for the proxied target,
/// which takes `tcp.stream` 2 although no TCP packet ever belongs to it.
/// wsdissect numbers real TCP connections only, so tshark's 3 is our 2
/// (docs/architecture.md).
pub fn our_stream(cap: &Path, tshark: u32) -> u32 {
    if cap.ends_with("ndpi/vmess-websocket.pcapng") && tshark >= 3 {
        return tshark - 1;
    }
    tshark
}

/// Every capture of the public corpus (`shared`: ../shared/captures), in
/// a fixed order; there must be at least 20.
pub fn public_captures(shared: &Path) -> Vec<PathBuf> {
    let mut caps = Vec::new();
    let mut stack = vec![shared.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            let name = p.to_string_lossy().to_string();
            if p.is_dir() {
                stack.push(p);
            } else if name.ends_with(".pcap") || name.ends_with(".pcapng") {
                caps.push(p);
            }
        }
    }
    caps.sort();
    assert!(caps.len() >= 20, "the public corpus is missing captures");
    caps
}

/// Every capture with its `SUFFIX` oracle: the samples' beside them, the
/// crafted ones' in `DIR/crafted`, the public corpus's under `DIR` (every
/// public capture must have one).
pub fn corpus_with(suffix: &str, dir: &str) -> Vec<(PathBuf, PathBuf)> {
    let mut v = captures_with(&samples_dir(), suffix);
    assert!(v.len() >= 20, "samples/ is missing its {suffix} oracles");
    // crafted (tests/oracles/tcp/crafted: samples/tools/tcp_analysis_capture.py)
    let crafted = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(dir)
        .join("crafted");
    let c = captures_with(&crafted, suffix);
    assert!(
        !c.is_empty(),
        "tests/oracles/tcp/crafted has no {suffix} oracle"
    );
    v.extend(c);
    if let Some(shared) = shared_dir() {
        let oracles = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for cap in public_captures(&shared) {
            let rel = cap.strip_prefix(&shared).unwrap().to_string_lossy();
            let stem = rel
                .strip_suffix(".pcapng")
                .or_else(|| rel.strip_suffix(".pcap"))
                .unwrap();
            let oracle = oracles.join(format!("{stem}{suffix}"));
            assert!(
                oracle.is_file(),
                "{}: no oracle; run {dir}/regenerate.sh",
                oracle.display()
            );
            v.push((cap, oracle));
        }
    }
    v
}
