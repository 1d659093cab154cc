//! `--lang fi` (or a Finnish locale) on the capture commands, as a student
//! runs them on the bundled samples: notes' sentences in `dump`, `dump
//! --format text`, `streams`, `follow` and the CLI's errors come out in the
//! course's Finnish terms; rule ids, sections and JSON keys stay English.
//! (English output staying byte-identical is pinned by tests/dump_digest.rs
//! and the agreement tests.)

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{build_pcap, build_pcap_lossy, samples_dir, ws_frame};
use wsdissect::analyze::{analyze, Options};
use wsdissect::capture::CaptureReader;
use wsdissect::i18n::Lang;
use wsdissect::model::{Note, Record};

/// How the language is chosen for one run.
#[derive(Clone, Copy, Debug)]
enum How {
    /// `--lang fi`, with an English locale in the environment.
    Flag,
    /// `LANG=fi_FI.UTF-8` and no `--lang`.
    Env,
}

/// Runs wsdissect in Finnish (chosen `how`); (exit code, stdout, stderr).
fn run_fi(how: How, args: &[&str]) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wsdissect"));
    cmd.env_remove("LC_ALL").env_remove("LC_MESSAGES");
    match how {
        How::Flag => {
            cmd.env("LANG", "en_US.UTF-8").arg("--lang").arg("fi");
        }
        How::Env => {
            cmd.env("LANG", "fi_FI.UTF-8");
        }
    }
    let out = cmd.args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn sample(name: &str) -> String {
    samples_dir().join(name).to_string_lossy().into_owned()
}

fn assert_has(text: &str, words: &[&str], what: &str) {
    for w in words {
        assert!(text.contains(w), "{what}: {w:?} missing in:\n{text}");
    }
}

fn assert_lacks(text: &str, words: &[&str], what: &str) {
    for w in words {
        assert!(!text.contains(w), "{what}: English {w:?} left in:\n{text}");
    }
}

#[test]
fn notes_in_dump_json_follow_the_language() {
    let cap = sample("websockets-refused.pcap");
    for how in [How::Flag, How::Env] {
        let (code, out, err) = run_fi(how, &["dump", "--format", "ndjson", &cap]);
        assert_eq!(code, 0, "{how:?}: {err}");
        let notes: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|r| r["type"] == "note")
            .collect();
        // upgrade-refused ×3, wrong-version, handshake-header-missing,
        // version-refusal-without-versions
        assert_eq!(notes.len(), 6, "{how:?}: {out}");
        let msgs: Vec<&str> = notes
            .iter()
            .map(|n| n["message"].as_str().unwrap())
            .collect();
        let all = msgs.join("\n");
        // What a student checks: the refusal is worded with the course's
        // palvelin / päivityspyyntö, the missing key named.
        assert_has(
            &all,
            &[
                "palvelin vastasi päivityspyyntöön statuskoodilla 403 eikä 101",
                "päivityspyynnöstä puuttuu Sec-WebSocket-Key",
                "Sec-WebSocket-Version on \"8\"; RFC 6455 vaatii arvon 13",
                "vastaus 400 hylkää version \"8\" ilman Sec-WebSocket-Version-otsaketta",
            ],
            "notes",
        );
        assert_lacks(&all, &["the server answered", "has no"], "notes");
        // Keys and rule ids stay English.
        let rules: Vec<&str> = notes.iter().map(|n| n["rule"].as_str().unwrap()).collect();
        assert!(rules.contains(&"upgrade-refused"), "{rules:?}");
        assert!(rules.contains(&"handshake-header-missing"), "{rules:?}");
        assert_eq!(notes[0]["section"], "RFC 6455 §4.1");
    }
}

#[test]
fn tls_note_says_in_finnish_how_to_get_the_keys() {
    let cap = sample("wss-websockets-tls13-aes128.pcap");
    for how in [How::Flag, How::Env] {
        let (code, out, _) = run_fi(how, &["dump", "--format", "ndjson", &cap]);
        assert_eq!(code, 0);
        let note = out
            .lines()
            .find(|l| l.contains("\"tls-undecryptable\""))
            .unwrap_or_else(|| panic!("no tls note: {out}"));
        assert_has(
            note,
            &[
                "TLS-liikennettä, jota ei voi purkaa",
                "avainlokia ei ole",
                "--keylog",
            ],
            "tls note",
        );
    }
}

/// Notes of one capture, analysed in `lang`, with its key log (`keys`) or
/// without (then TLS says why it cannot decrypt).
fn notes_in(path: &Path, pcap: Option<Vec<u8>>, lang: Lang, keys: bool) -> Vec<Note> {
    let mut reader = match pcap {
        Some(bytes) => CaptureReader::from_reader("test.pcap", std::io::Cursor::new(bytes)),
        None => CaptureReader::open(&path.to_string_lossy()),
    }
    .unwrap();
    let mut opts: Options = common::options_for(path);
    if !keys {
        opts.dissect.keylog = Default::default();
    }
    opts.dissect.lang = lang;
    let mut notes = Vec::new();
    let mut sink = |r: Record| {
        if let Record::Note(n) = r {
            notes.push(n)
        }
    };
    let _ = analyze(&mut reader, &opts, &mut sink);
    notes
}

/// Captures that make many kinds of notes: the samples, the public corpus,
/// a truncated file and hand-made streams with gaps and rule breaks.
fn note_corpus() -> Vec<(PathBuf, Option<Vec<u8>>)> {
    let mut v: Vec<(PathBuf, Option<Vec<u8>>)> = common::sample_captures()
        .into_iter()
        .map(|p| (p, None))
        .collect();
    if let Some(dir) = common::shared_dir() {
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                let n = p.to_string_lossy().into_owned();
                if p.is_dir() {
                    stack.push(p);
                } else if n.ends_with(".pcap") || n.ends_with(".pcapng") {
                    v.push((p, None));
                }
            }
        }
    }
    let sample = std::fs::read(samples_dir().join("fastapi-echo.pcap")).unwrap();
    v.push((
        PathBuf::from("truncated.pcap"),
        Some(sample[..sample.len() / 2].to_vec()),
    ));
    let hs = common::rfc_handshake("");
    let mut segs = hs.clone();
    segs.push((true, ws_frame(true, false, 1, b"Hello", false))); // unmasked client frame
    segs.push((false, ws_frame(true, false, 3, b"x", false))); // reserved opcode
    segs.push((false, ws_frame(true, false, 8, &[0x03, 0xed], false))); // close 1005
    segs.push((false, ws_frame(true, false, 1, b"late", false))); // data after close
    segs.push((true, ws_frame(false, false, 9, b"p", true))); // fragmented ping
    segs.push((true, ws_frame(true, false, 0, b"c", true))); // continuation without start
    segs.push((false, ws_frame(true, false, 10, b"q", false))); // unsolicited pong
    segs.push((true, vec![0x81, 0xfe, 0x00])); // cut inside a header
    v.push((PathBuf::from("rules.pcap"), Some(build_pcap(&segs))));
    let mut segs = hs;
    for i in 0..6u8 {
        segs.push((false, ws_frame(true, false, 2, &[i; 40], false)));
    }
    v.push((
        PathBuf::from("gaps.pcap"),
        Some(build_pcap_lossy(&segs, &[3])),
    ));
    v
}

/// Every note a capture makes, in every capture of the corpus, is worded
/// in Finnish under `--lang fi`: the same notes (rule, section, frame,
/// stream) as in English, each with a different sentence. An English
/// sentence left anywhere in a note-making path fails here.
#[test]
fn every_note_of_every_capture_is_worded_in_finnish() {
    let mut rules = std::collections::BTreeSet::new();
    for ((path, bytes), keys) in note_corpus()
        .into_iter()
        .flat_map(|c| [(c.clone(), true), (c, false)])
    {
        let en = notes_in(&path, bytes.clone(), Lang::En, keys);
        let fi = notes_in(&path, bytes, Lang::Fi, keys);
        assert_eq!(en.len(), fi.len(), "{}", path.display());
        for (e, f) in en.iter().zip(&fi) {
            assert_eq!(
                (e.rule, e.section, e.frame, e.stream, e.severity),
                (f.rule, f.section, f.frame, f.stream, f.severity),
                "{}",
                path.display()
            );
            assert_ne!(e.message, f.message, "{}: {}", path.display(), e.rule);
            rules.insert(e.rule);
        }
    }
    // The corpus must reach far into the rule table, or this proves little.
    for r in [
        "client-frame-not-masked",
        "reserved-opcode",
        "data-after-close",
        "control-frame-fragmented",
        "continuation-without-start",
        "unsolicited-pong",
        "incomplete",
        "tcp-gap",
        "capture-damaged",
        "upgrade-refused",
        "tls-undecryptable",
        "mid-stream",
        "accept-mismatch",
    ] {
        assert!(rules.contains(r), "no {r} note in the corpus: {rules:?}");
    }
}

#[test]
fn dump_text_in_finnish() {
    let cap = sample("fastapi-echo.pcap");
    for how in [How::Flag, How::Env] {
        let (code, out, err) = run_fi(how, &["dump", "--format", "text", &cap]);
        assert_eq!(code, 0, "{err}");
        assert_has(
            &out,
            &[
                "Kättely /ws Accept ✓",
                "viesti #0 text 17 tavua: \"Hello, WebSocket!\"",
                "(vastaa kehyksen 24 pingiin, rtt",
                "syy=\"exercise finished\"",
                "# 30 pakettia, 1 TCP-virta, 1 kättely, 14 WebSocket-kehystä, 10 viestiä",
            ],
            "dump text",
        );
        assert_lacks(
            &out,
            &["Handshake", "message #", " bytes", "packets,"],
            "dump text",
        );
    }
    // Notes in the text format: severity and sentence in Finnish.
    let (_, out, _) = run_fi(
        How::Flag,
        &[
            "dump",
            "--format",
            "text",
            &sample("websockets-refused.pcap"),
        ],
    );
    assert_has(
        &out,
        &[
            "! Tieto upgrade-refused (RFC 6455 §4.1): palvelin vastasi",
            "hylätty (403)",
        ],
        "dump text notes",
    );
}

#[test]
fn streams_table_in_finnish() {
    let cap = sample("fastapi-echo.pcap");
    for how in [How::Flag, How::Env] {
        let (code, out, _) = run_fi(how, &["streams", &cap]);
        assert_eq!(code, 0);
        let header = out.lines().next().unwrap();
        assert_has(
            header,
            &[
                "virta",
                "asiakas",
                "palvelin",
                "tavut→",
                "aukot",
                "protokolla",
            ],
            "streams header",
        );
        assert_lacks(
            header,
            &["client", "server", "bytes", "gaps"],
            "streams header",
        );
        assert!(out.contains("127.0.0.1:8080"), "{out}");
    }
}

#[test]
fn follow_headers_in_finnish() {
    let cap = sample("fastapi-echo.pcap");
    for how in [How::Flag, How::Env] {
        let (code, out, _) = run_fi(how, &["follow", &cap, "0"]);
        assert_eq!(code, 0);
        assert_has(
            &out,
            &[
                "Seuraa TCP-virtaa 0: asiakas 127.0.0.1:54330 → palvelin 127.0.0.1:8080",
                "=== asiakas → palvelin (kehys 4) ===",
                "=== palvelin → asiakas (kehys 6) ===",
                "GET /ws HTTP/1.1",
            ],
            "follow text",
        );
        let (_, hex, _) = run_fi(how, &["follow", "--format", "hex", &cap, "0"]);
        assert_has(&hex, &["# asiakas → palvelin kehys 4"], "follow hex");
        assert_lacks(&hex, &["client → server", "frame 4"], "follow hex");
    }
}

#[test]
fn cli_errors_in_finnish() {
    for how in [How::Flag, How::Env] {
        // A missing file: exit 1, named, in Finnish.
        let (code, _, err) = run_fi(how, &["dump", "no-such-capture.pcap"]);
        assert_eq!(code, 1);
        assert_has(
            &err,
            &["no-such-capture.pcap: ei voi lukea: tiedostoa tai hakemistoa ei ole"],
            "missing file",
        );
        // A stream that is not there.
        let (code, _, err) = run_fi(how, &["follow", &sample("fastapi-echo.pcap"), "9"]);
        assert_eq!(code, 2);
        assert_has(
            &err,
            &["ei ole TCP-virtaa 9 (siinä on 1, numeroitu nollasta)"],
            "follow",
        );
        // A damaged capture: the file, frame and byte offset, in Finnish.
        let dir = tempdir();
        let cut = dir.join("cut.pcap");
        let bytes = std::fs::read(samples_dir().join("fastapi-echo.pcap")).unwrap();
        std::fs::write(&cut, &bytes[..100]).unwrap();
        let (code, _, err) = run_fi(how, &["streams", &cut.to_string_lossy()]);
        assert_eq!(code, 1);
        assert_has(
            &err,
            &["kehys 1, tavun kohta 24: tiedosto päättyy kesken tietueen"],
            "damaged",
        );
        // A display filter that does not parse: what and where, the caret.
        let (code, _, err) = run_fi(
            how,
            &[
                "dump",
                "-Y",
                "tcp.port == \"8080\"",
                &sample("fastapi-echo.pcap"),
            ],
        );
        assert_eq!(code, 2);
        assert_has(
            &err,
            &[
                "virheellinen suodatin: sarake 13: tcp.port on luku, ei `\"8080\"`",
                "            ^",
            ],
            "filter",
        );
        // A key log that cannot be read.
        let (code, _, err) = run_fi(
            how,
            &[
                "dump",
                "--keylog",
                "no-such-keys.log",
                &sample("fastapi-echo.pcap"),
            ],
        );
        assert_eq!(code, 1);
        assert_has(
            &err,
            &["avainlokia no-such-keys.log ei voi lukea"],
            "keylog",
        );
    }
}

/// A fresh directory under the target dir for files a test writes.
fn tempdir() -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "l10n-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}
