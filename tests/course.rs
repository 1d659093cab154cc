//! The course commands (`accept`, `handshake`, `frame`, `exercise`) as a
//! student runs them: exit codes, the course's own example values, both
//! languages, and the exercise checklist against tshark's oracles.

use crate::common;

use std::path::Path;
use std::process::Command;

use crate::common::{options_for, read_tsv, samples_dir};
use wsdissect::capture::CaptureReader;
use wsdissect::course::exercise::{ExerciseBuilder, Facts, ItemId};
use wsdissect::model::Record;

/// Runs wsdissect with `args`, the environment's locale variables cleared
/// and `lang` as LANG; returns (exit code, stdout, stderr).
fn run(args: &[&str], lang: &str) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_wsdissect"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn accept_with_the_course_values() {
    // The course's request key and its real Accept.
    let (code, out, _) = run(&["accept", "PsBiRKg9c1uZIx/SjDELUg=="], "C");
    assert_eq!(code, 0);
    assert!(
        out.contains("Sec-WebSocket-Accept: yCWgeIetsoM76gpvBTURvCXQwZs="),
        "{out}"
    );
    // The Accept the course prints does not belong to that key…
    let (code, out, _) = run(
        &[
            "accept",
            "PsBiRKg9c1uZIx/SjDELUg==",
            "--accept",
            "HSmrc0sMlYUkAGmm5OPpG2HaGWk=",
        ],
        "fi_FI.UTF-8",
    );
    assert_eq!(code, 1);
    assert!(out.contains("eroaa merkistä 1 alkaen"), "{out}");
    assert!(
        out.contains("odotettu: yCWgeIetsoM76gpvBTURvCXQwZs="),
        "{out}"
    );
    // … but to the key of the course's Python snippet.
    let (code, _, _) = run(
        &[
            "accept",
            "x3JJHMbDL1EzLkh9GBhXDw==",
            "--accept",
            "HSmrc0sMlYUkAGmm5OPpG2HaGWk=",
        ],
        "C",
    );
    assert_eq!(code, 0);
    // --lang wins over LANG.
    let (_, out, _) = run(
        &["--lang", "en", "accept", "x3JJHMbDL1EzLkh9GBhXDw=="],
        "fi_FI.UTF-8",
    );
    assert!(
        out.starts_with("Sec-WebSocket-Accept step by step"),
        "{out}"
    );
}

#[test]
fn handshake_pasted_from_the_course() {
    let dir = std::env::temp_dir().join(format!("wsdissect-course-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("course.txt");
    std::fs::write(
        &file,
        "GET /chat HTTP/1.1\nHost: example.com\nUpgrade: websocket\nConnection: Upgrade\n\
         Sec-WebSocket-Key: PsBiRKg9c1uZIx/SjDELUg==\nSec-WebSocket-Version: 13\n\n\
         HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\nConnection: Upgrade\n\
         Sec-WebSocket-Accept: HSmrc0sMlYUkAGmm5OPpG2HaGWk=\n",
    )
    .unwrap();
    let f = file.to_str().unwrap();
    let (code, out, _) = run(&["handshake", f], "fi_FI.UTF-8");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("Kättely"), "{out}");
    assert!(out.contains("accept-mismatch"), "{out}");
    let fixed = std::fs::read_to_string(&file).unwrap().replace(
        "HSmrc0sMlYUkAGmm5OPpG2HaGWk=",
        "yCWgeIetsoM76gpvBTURvCXQwZs=",
    );
    std::fs::write(&file, fixed).unwrap();
    let (code, out, _) = run(&["handshake", f], "C");
    assert_eq!(code, 0, "{out}");
    let (code, _, err) = run(&["handshake", "/nonexistent/x.txt"], "C");
    assert_eq!(code, 1);
    assert!(err.contains("/nonexistent/x.txt"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn frame_build_and_decode() {
    let (code, out, _) = run(
        &["frame", "build", "--text", "Hello", "--mask", "37fa213d"],
        "C",
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("    81 85 37 fa 21 3d 7f 9f 4d 51 58\n"),
        "{out}"
    );
    let (code, out, _) = run(
        &["frame", "decode", "81 85 37 fa 21 3d 7f 9f 4d 51 58"],
        "fi",
    );
    assert_eq!(code, 0);
    assert!(out.contains("teksti (UTF-8): \"Hello\""), "{out}");
    let (code, _, err) = run(&["frame", "decode", "81", "85", "37"], "C");
    assert_eq!(code, 1);
    assert!(err.contains("missing: the masking key"), "{err}");
    let (code, _, _) = run(&["frame", "build", "--mask", "xyz"], "C");
    assert_eq!(code, 2);
}

/// Header length of a frame from the tshark row: 2, plus 2 or 8 bytes of
/// extended length, plus 4 of masking key.
fn header_len(row: &std::collections::HashMap<String, String>) -> u64 {
    let ext = if !row["websocket.payload_length_ext_64"].is_empty() {
        8
    } else if !row["websocket.payload_length_ext_16"].is_empty() {
        2
    } else {
        0
    };
    2 + ext + if row["websocket.mask"] == "1" { 4 } else { 0 }
}

/// On every sample with a WebSocket handshake, the checklist's masking,
/// close and framing facts equal what tshark's frame table says.
#[test]
fn exercise_agrees_with_tshark_on_every_sample() {
    let mut checked = 0;
    for cap in common::sample_captures() {
        let tsv = cap.with_extension("frames.tsv");
        if !tsv.exists() {
            continue;
        }
        let mut b = ExerciseBuilder::default();
        let mut reader = CaptureReader::open(cap.to_str().unwrap()).unwrap();
        let mut sink = |r: Record| b.record(&r);
        wsdissect::analyze::analyze(&mut reader, &options_for(&cap), &mut sink).unwrap();
        let e = b.finish(None);
        let Some(stream) = e.stream else { continue };
        let rows: Vec<_> = read_tsv(&tsv)
            .into_iter()
            .filter(|r| r["tcp.stream"] == stream.to_string())
            .collect();
        // Several frames in one packet are joined with ';' in the oracle.
        if rows.is_empty() || rows.iter().any(|r| r["websocket.opcode"].contains(';')) {
            continue;
        }
        let item = |id: ItemId| e.items.iter().find(|i| i.id == id).unwrap();
        let masked = rows.iter().filter(|r| r["websocket.mask"] == "1").count() as u64;
        let name = cap.file_name().unwrap().to_string_lossy();
        match (
            &item(ItemId::ClientMasked).facts,
            &item(ItemId::ServerUnmasked).facts,
        ) {
            (
                Facts::Masking {
                    frames: cf,
                    masked: cm,
                },
                Facts::Masking { masked: sm, .. },
            ) => {
                assert_eq!(cm + sm, masked, "{name}: masked frames");
                assert_eq!(*cf, *cm, "{name}: every client frame masked");
            }
            _ => unreachable!(),
        }
        let close_rows: Vec<u64> = rows
            .iter()
            .filter(|r| r["websocket.opcode"] == "8")
            .map(|r| r["frame.number"].parse().unwrap())
            .collect();
        assert_eq!(
            item(ItemId::Close).frames,
            close_rows,
            "{name}: close frames"
        );
        if let Facts::Size { argument: Some(a) } = &item(ItemId::Size).facts {
            let data: u64 = rows
                .iter()
                .filter(|r| ["0", "1", "2"].contains(&r["websocket.opcode"].as_str()))
                .map(header_len)
                .sum();
            assert_eq!(
                a.framing_bytes, data,
                "{name}: framing bytes of data frames"
            );
            assert_eq!(
                a.polling_bytes,
                a.messages * (a.request_head + a.response_head)
            );
        }
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} samples checked");
}

#[test]
fn exercise_on_the_course_sample() {
    let cap = samples_dir().join("browser-fastapi.pcap");
    let c = cap.to_str().unwrap();
    let (code, out, _) = run(&["exercise", c], "fi_FI.UTF-8");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Yhteys: TCP-virta 2"), "{out}");
    assert!(
        out.contains("pyyntö kehyksessä 16, vastaus 101 kehyksessä 18"),
        "{out}"
    );
    assert!(
        out.contains(
            "asiakas sulki koodilla 1000 (Normal Closure), syy \"page done\"; palvelin vastasi"
        ),
        "{out}"
    );
    assert!(out.contains("Kaikki 8 kohtaa löytyivät."), "{out}");
    let (code, json, _) = run(&["exercise", "--format", "json", c], "C");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["stream"], 2);
    assert_eq!(v["complete"], true);
    assert_eq!(v["items"][0]["frames"], serde_json::json!([16, 18]));
    assert_eq!(v["items"][7]["facts"]["argument"]["messages"], 12);
}

#[test]
fn exercise_over_tls_needs_the_keys() {
    let cap = samples_dir().join("wss-browser-fastapi.pcap");
    let c = cap.to_str().unwrap();
    let (code, out, _) = run(&["exercise", c], "C");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("--keylog FILE"), "{out}");
    assert!(out.contains("docs/tls.md"), "{out}");
    let keys = cap.with_extension("keys");
    let (code, out, _) = run(&["exercise", "--keylog", keys.to_str().unwrap(), c], "C");
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("--keylog FILE"), "{out}");
    // A stream that is not WebSocket: a usage error.
    let http_only = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/linktype-raw.pcap");
    let (_, out, _) = run(
        &["exercise", "--stream", "7", http_only.to_str().unwrap()],
        "C",
    );
    assert!(out.is_empty());
}

/// The whole output of each course command in both languages, pinned: a
/// change of wording shows up in review as a snapshot diff.
#[test]
fn outputs_in_both_languages() {
    let cap = samples_dir().join("browser-fastapi.pcap");
    let cap = cap.to_str().unwrap();
    for lang in ["en", "fi"] {
        let cases: [(&str, Vec<&str>); 3] = [
            (
                "accept",
                vec![
                    "accept",
                    "PsBiRKg9c1uZIx/SjDELUg==",
                    "--accept",
                    "HSmrc0sMlYUkAGmm5OPpG2HaGWk=",
                ],
            ),
            (
                "frame_decode",
                vec![
                    "frame",
                    "decode",
                    "81 85 37 fa 21 3d 7f 9f 4d 51 58",
                    "88 02 03 e8",
                ],
            ),
            ("exercise", vec!["exercise", cap]),
        ];
        for (name, mut args) in cases {
            args.extend(["--lang", lang]);
            let (_, out, _) = run(&args, "C");
            // The capture's path depends on the checkout.
            let out = out.replace(cap, "samples/browser-fastapi.pcap");
            insta::assert_snapshot!(format!("{name}_{lang}"), out);
        }
    }
}

/// Follow TCP Stream's text, frames and all, through standard input: only
/// the two heads are read, the binary after them does not matter.
#[test]
fn handshake_from_stdin_with_frames_after_it() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_wsdissect"))
        .args(["--lang", "en", "handshake", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            b"GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
              Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n\
              HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
              Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n\x81\x05Hello\xff\xfe",
        )
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("Every check of RFC 6455"), "{text}");
}

/// `exercise A B C` (a teacher grading a class): each capture checked on
/// its own, each checklist after a header naming it, a missing file named
/// on stderr while the others are still checked, JSON as one array whose
/// entries carry `file`, exit 0 only when every capture passes every item.
#[test]
fn exercise_on_several_captures() {
    let pass = samples_dir().join("browser-fastapi.pcap");
    // Without its key log (wss.md): nothing past the TLS handshake is seen.
    let fail = samples_dir().join("wss-browser-fastapi.pcap");
    let gone = samples_dir().join("no-such-capture.pcap");
    let (p, f, g) = (
        pass.to_str().unwrap(),
        fail.to_str().unwrap(),
        gone.to_str().unwrap(),
    );
    // The one that fails on its own, to know what to expect of it.
    let (code, alone, _) = run(&["exercise", f], "C");
    assert_eq!(code, 1, "{alone}");
    let (code, alone_pass, _) = run(&["exercise", p], "C");
    assert_eq!(code, 0, "{alone_pass}");

    let (code, out, err) = run(&["exercise", p, g, f], "C");
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(err.contains("no-such-capture.pcap"), "{err}");
    // Each checklist as it is alone, after its header, in the order given.
    let want = format!("==> {p} <==\n{alone_pass}\n==> {f} <==\n{alone}");
    assert_eq!(out, want);

    // Every capture passing: 0; the same with the passing one twice.
    let (code, out, _) = run(&["exercise", p, p], "C");
    assert_eq!(code, 0, "{out}");
    // The missing file alone among passing ones still fails the run.
    let (code, _, err) = run(&["exercise", p, g], "C");
    assert_eq!(code, 1);
    assert!(err.contains("no-such-capture.pcap"), "{err}");

    // JSON: one array, `file` first in each entry, the checklist as alone.
    let (code, json, _) = run(&["exercise", "--format", "json", p, g, f], "C");
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let entries = v.as_array().unwrap();
    assert_eq!(entries.len(), 2);
    for (e, (path, complete)) in entries.iter().zip([(p, true), (f, false)]) {
        assert_eq!(e["file"], path);
        assert_eq!(e["complete"], complete);
        let (_, alone, _) = run(&["exercise", "--format", "json", path], "C");
        let mut alone: serde_json::Value = serde_json::from_str(&alone).unwrap();
        alone["file"] = serde_json::json!(path);
        assert_eq!(e, &alone);
    }
    assert!(
        json.trim_start().starts_with("[\n  {\n    \"file\""),
        "{json:.200}"
    );
}
