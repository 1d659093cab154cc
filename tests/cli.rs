//! The binary as a user runs it: follow output byte for byte, exit codes,
//! damaged and piped captures.

use crate::common;

use std::io::Write;
use std::process::{Command, Stdio};

use sha2::{Digest, Sha256};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wsdissect"))
}

fn hex(d: &[u8]) -> String {
    d.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn follow_raw_is_byte_for_byte_tsharks_follow() {
    let cap = common::samples_dir().join("fastapi-echo.pcap");
    let rows = common::read_tsv(&common::samples_dir().join("fastapi-echo.follow.tsv"));
    let row = &rows[0];
    for (dir, node) in [("client", "node0"), ("server", "node1")] {
        let out = bin()
            .args([
                "follow",
                cap.to_str().unwrap(),
                "0",
                "--direction",
                dir,
                "--format",
                "raw",
            ])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert_eq!(out.stdout.len().to_string(), row[&format!("{node}_bytes")]);
        assert_eq!(
            hex(&Sha256::digest(&out.stdout)),
            row[&format!("{node}_sha256")]
        );
    }
}

#[test]
fn follow_unknown_stream_is_a_usage_error() {
    let cap = common::samples_dir().join("fastapi-echo.pcap");
    let out = bin()
        .args(["follow", cap.to_str().unwrap(), "7"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no TCP stream 7"));
}

#[test]
fn bad_arguments_exit_2() {
    let out = bin()
        .args(["dump", "--format", "xml", "x.pcap"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn missing_file_exits_1_naming_it() {
    let out = bin()
        .args(["dump", "/nonexistent/cap.pcap"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/cap.pcap"));
}

#[test]
fn a_missing_file_or_a_directory_is_named_without_a_frame_and_offset() {
    // Nothing was read: "frame 1, byte offset 0" would point into a file
    // that has no byte (or is not a file at all).
    let dir = env!("CARGO_MANIFEST_DIR").to_string() + "/samples";
    let mut cases = vec![
        (vec!["dump", "/nonexistent/cap.pcap"], "No such file"),
        (vec!["dump", dir.as_str()], "directory"),
    ];
    if cfg!(feature = "tui") {
        cases.push((vec!["tui", "/nonexistent/cap.pcap"], "No such file"));
        cases.push((vec!["tui", dir.as_str()], "directory"));
    }
    for (args, what) in cases {
        let out = bin().args(&args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        let name = args[1];
        assert!(
            err.starts_with(&format!("wsdissect: {name}: cannot read: ")),
            "{args:?}: {err}"
        );
        assert!(err.contains(what), "{args:?}: {err}");
        assert!(!err.contains("byte offset"), "{args:?}: {err}");
    }
}

#[cfg(feature = "tui")]
#[test]
fn tui_without_a_terminal_suggests_dump() {
    let cap = env!("CARGO_MANIFEST_DIR").to_string() + "/samples/fastapi-echo.pcap";
    // setsid: no controlling terminal either, so /dev/tty cannot be opened
    // even when the tests run in a terminal.
    let out = Command::new("setsid")
        .arg("-w")
        .arg(env!("CARGO_BIN_EXE_wsdissect"))
        .args(["tui", &cap])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("cannot use the terminal"), "{err}");
    assert!(
        err.contains(&format!("wsdissect dump --format text {cap}")),
        "{err}"
    );
}

fn frames_of(ndjson: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(ndjson)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["type"] == "frame")
        .collect()
}

#[test]
fn truncated_capture_keeps_everything_before_and_names_the_place() {
    let cap = common::samples_dir().join("fastapi-echo.pcap");
    let bytes = std::fs::read(&cap).unwrap();
    let full = bin()
        .args(["dump", cap.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(full.status.success());
    let all = frames_of(&full.stdout);
    let dir = std::env::temp_dir().join(format!("wsdissect-trunc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cut_at = bytes.len() * 2 / 3;
    let path = dir.join("cut.pcap");
    std::fs::write(&path, &bytes[..cut_at]).unwrap();
    let out = bin()
        .args(["dump", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cut.pcap"), "{err}");
    assert!(err.contains("frame "), "{err}");
    assert!(err.contains("byte offset "), "{err}");
    let got = frames_of(&out.stdout);
    assert!(!got.is_empty());
    // Every frame completed before the damage is identical to the undamaged run.
    for f in &got {
        if f["complete"] == true {
            assert!(
                all.contains(f),
                "frame {} differs from the undamaged capture",
                f["frame"]
            );
        }
    }
    let last_line = String::from_utf8_lossy(&out.stdout)
        .lines()
        .last()
        .unwrap()
        .to_string();
    assert!(last_line.contains("\"type\":\"summary\"") && last_line.contains("\"error\""));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn stdin_and_a_slow_pipe_give_the_same_dump_as_the_file() {
    let cap = common::samples_dir().join("fastapi-echo.pcapng");
    let bytes = std::fs::read(&cap).unwrap();
    let file = bin()
        .args(["dump", cap.to_str().unwrap()])
        .output()
        .unwrap();
    let mut child = bin()
        .args(["dump", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        // Dribble the capture a few bytes at a time, like `tcpdump -U -w -`.
        for chunk in bytes.chunks(7) {
            stdin.write_all(chunk).unwrap();
            stdin.flush().unwrap();
            std::thread::sleep(std::time::Duration::from_micros(50));
        }
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success());
    let strip = |b: &[u8]| -> Vec<String> {
        String::from_utf8_lossy(b)
            .lines()
            .filter(|l| !l.contains("\"type\":\"capture\""))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(strip(&out.stdout), strip(&file.stdout));
    assert!(frames_of(&out.stdout).len() >= 10);
}

#[test]
fn pcapng_variants_decode_like_their_source() {
    let src = bin()
        .args([
            "dump",
            "--format",
            "text",
            common::samples_dir()
                .join("fastapi-echo.pcapng")
                .to_str()
                .unwrap(),
        ])
        .output()
        .unwrap();
    assert!(src.status.success());
    for name in [
        "pcapng-bigendian.pcapng",
        "pcapng-multi-interface.pcapng",
        "pcapng-simple-packet.pcapng",
        "pcapng-multisection.pcapng",
    ] {
        let out = bin()
            .args(["dump", common::samples_dir().join(name).to_str().unwrap()])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            frames_of(&out.stdout).len() >= 10,
            "{name} decodes no frames"
        );
    }
}

#[test]
fn streams_lists_the_websocket_connection() {
    let cap = common::samples_dir().join("fastapi-echo.pcap");
    let out = bin()
        .args(["streams", cap.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let row = text.lines().nth(1).unwrap();
    assert!(
        row.contains("WebSocket") && row.contains("GET /ws HTTP/1.1"),
        "{row}"
    );
    let out = bin()
        .args(["streams", cap.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["stream"], 0);
    assert_eq!(v[0]["protocol"], "websocket");
}

/// `dump --format text` words frames as Wireshark's Info column does, with
/// the close code's name and reason, and a pong's round trip.
#[test]
fn text_format_reads_like_the_info_column() {
    let out = bin()
        .args(["dump", "--format", "text"])
        .arg(common::samples_dir().join("fastapi-echo.pcap"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let line = |no: u64| -> &str {
        text.lines()
            .find(|l| l.split_whitespace().next() == Some(&no.to_string()))
            .unwrap_or_else(|| panic!("no line for frame {no}:\n{text}"))
    };
    assert!(
        line(8).ends_with("0 → WebSocket Text [FIN] [MASKED] len=17 \"Hello, WebSocket!\""),
        "{}",
        line(8)
    );
    assert!(
        line(13).ends_with("0 ← WebSocket Binary [FIN] len=16"),
        "{}",
        line(13)
    );
    assert!(
        line(25).contains("Pong [FIN] len=14 (answers ping in frame 24, rtt "),
        "{}",
        line(25)
    );
    assert!(
        line(26).ends_with(
            "Close [FIN] [MASKED] len=19 code=1000 (Normal Closure) reason=\"exercise finished\""
        ),
        "{}",
        line(26)
    );
}

/// `wsdissect completions SHELL` prints a script for each shell that knows
/// the subcommands; `wsdissect man` prints a roff page listing them.
#[test]
fn completions_and_man_page_name_the_subcommands() {
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_wsdissect"))
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let s = run(&["completions", shell]);
        for sub in ["dump", "streams", "follow", "tui"] {
            assert!(s.contains(sub), "{shell} completion lacks {sub}");
        }
        assert!(
            s.contains("filter"),
            "{shell} completion lacks dump's --filter"
        );
    }
    let man = run(&["man"]);
    assert!(
        man.starts_with(".ie") || man.contains(".TH wsdissect"),
        "not roff: {}",
        &man[..80.min(man.len())]
    );
    assert!(man.contains(".SH SUBCOMMANDS"));
    for sub in ["dump", "streams", "follow"] {
        assert!(
            man.contains(&format!("wsdissect\\-{sub}")),
            "man page lacks {sub}"
        );
    }
}

/// `--color always` colours directions; `never`, `NO_COLOR` (with `auto`)
/// and a pipe do not.
#[test]
fn colour_is_on_with_always_and_off_with_never_no_color_or_a_pipe() {
    let cap = common::samples_dir().join("websockets-deflate.pcap");
    let run = |args: &[&str], no_color: Option<&str>| {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_wsdissect"));
        c.args(args).arg(&cap).env_remove("NO_COLOR");
        if let Some(v) = no_color {
            c.env("NO_COLOR", v);
        }
        String::from_utf8(c.output().unwrap().stdout).unwrap()
    };
    let client = "\x1b[31m";
    let server = "\x1b[34m";
    for args in [&["dump", "--format", "text"][..], &["streams"][..]] {
        let always = run(&[&["--color", "always"], args].concat(), Some("1"));
        assert!(
            always.contains(client) && always.contains(server),
            "{args:?}: {always}"
        );
        for (extra, nc) in [
            (&["--color", "never"][..], None),
            (&[][..], Some("1")),
            (&[][..], None),
        ] {
            let s = run(&[extra, args].concat(), nc);
            assert!(
                !s.contains('\x1b'),
                "{args:?} {extra:?} NO_COLOR={nc:?}: colour in {s}"
            );
        }
    }
    let follow = std::process::Command::new(env!("CARGO_BIN_EXE_wsdissect"))
        .args(["--color", "always", "follow"])
        .arg(&cap)
        .arg("0")
        .output()
        .unwrap();
    let f = String::from_utf8_lossy(&follow.stdout);
    assert!(f.contains(&format!("{client}=== client → server")), "{f}");
    assert!(f.contains(&format!("{server}=== server → client")), "{f}");
}

/// Several captures: records carry `file`, a missing or damaged one is
/// reported while the others are still dumped, and the exit code is 1.
#[test]
fn several_captures_are_dumped_with_file_and_a_bad_one_does_not_stop_the_others() {
    let a = common::samples_dir().join("websockets-deflate.pcap");
    let b = common::samples_dir().join("node-ws.pcap");
    let dir = std::env::temp_dir().join(format!("wsdissect-multi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cut = dir.join("cut.pcap");
    let bytes = std::fs::read(&b).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() - 7]).unwrap();
    let missing = dir.join("missing.pcap");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_wsdissect"))
        .arg("dump")
        .args([&a, &missing, &cut, &b])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("missing.pcap") && err.contains("cut.pcap"),
        "{err}"
    );
    let mut summaries = Vec::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        // Every record names its capture (the `capture` record always did).
        let file = &v["file"];
        assert!(file.is_string(), "no file in {line}");
        if v["type"] == "summary" {
            summaries.push(file.as_str().unwrap().to_string());
        }
    }
    assert_eq!(summaries.len(), 3, "{summaries:?}");
    assert!(summaries[0].ends_with("websockets-deflate.pcap"));
    assert!(summaries[1].ends_with("cut.pcap"));
    assert!(summaries[2].ends_with("node-ws.pcap"));
    // All good: exit 0; one file: no `file` on the records.
    let ok = std::process::Command::new(env!("CARGO_BIN_EXE_wsdissect"))
        .args(["streams", "--json"])
        .args([&a, &b])
        .output()
        .unwrap();
    assert_eq!(ok.status.code(), Some(0));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&ok.stdout).unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows[1]["file"].as_str().unwrap().ends_with("node-ws.pcap"));
    let one = common::wsdissect(&["dump"], &a);
    assert!(one.lines().skip(1).all(|l| !l.contains("\"file\"")));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A refused upgrade (403/400, RFC 6455 §4.2.2) is said as such in the text
/// dump, with its status, not as a handshake without a response.
#[test]
fn text_dump_says_a_refused_upgrade_was_refused() {
    let out = bin()
        .args([
            "dump",
            "--format",
            "text",
            "samples/websockets-refused.pcap",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| l.contains("Handshake")).collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].ends_with("Handshake /ws refused (403)"), "{text}");
    assert!(lines[1].ends_with("Handshake /ws refused (400)"), "{text}");
    assert!(!text.contains("no response"), "{text}");
}
