//! The JSON Schema of `dump`'s output (`wsdissect schema`, docs/schema/,
//! docs/json.md "Validating").
//!
//! - The checked-in files are what the code generates (regenerate with
//!   `WSDISSECT_BLESS_SCHEMA=1 cargo nextest run --test json_schema`, then
//!   review `git diff docs/schema`).
//! - Every NDJSON line `dump --packets` writes for every sample and public
//!   capture validates, also with `--payloads none` and with two captures at
//!   once (`file` on every record but `capture`); the `--format json`
//!   document validates against its schema.
//! - The schema is strict enough to fail: a wrong type, an unknown `type`
//!   tag, a missing required field and an undeclared field are rejected.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};
use wsdissect::cli::schema::{schema_text, SchemaFormat};

fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema")
}

const FILES: [(&str, SchemaFormat); 2] = [
    ("record.schema.json", SchemaFormat::Ndjson),
    ("dump.schema.json", SchemaFormat::Json),
];

#[test]
fn the_checked_in_schemas_are_what_the_code_generates() {
    for (name, format) in FILES {
        let path = schema_dir().join(name);
        let want = schema_text(format);
        if std::env::var("WSDISSECT_BLESS_SCHEMA").as_deref() == Ok("1") {
            std::fs::create_dir_all(schema_dir()).unwrap();
            std::fs::write(&path, &want).unwrap();
            continue;
        }
        let got = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            got == want,
            "{} is not what `wsdissect schema` generates: run WSDISSECT_BLESS_SCHEMA=1 cargo nextest run --test json_schema and review the diff",
            path.display()
        );
    }
}

#[test]
fn the_subcommand_prints_the_checked_in_schemas() {
    for (name, format) in FILES {
        let arg = match format {
            SchemaFormat::Ndjson => "ndjson",
            SchemaFormat::Json => "json",
        };
        let out = Command::new(env!("CARGO_BIN_EXE_wsdissect"))
            .args(["schema", "--format", arg])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            schema_text(format),
            "{name}"
        );
    }
}

fn validator(format: SchemaFormat) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&schema_text(format)).unwrap();
    jsonschema::draft202012::new(&schema).expect("the schema is a valid 2020-12 schema")
}

/// Runs `wsdissect dump ARGS` with what `cap` needs (its key log, the
/// decode-as of ndpi/websocket.pcap) and returns stdout.
fn dump(args: &[&str], caps: &[&Path]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wsdissect"));
    cmd.arg("dump").args(args);
    for cap in caps {
        let keys = cap.with_extension("keys");
        if keys.is_file() {
            cmd.arg("--keylog").arg(&keys);
        }
        if cap.ends_with("ndpi/websocket.pcap") {
            cmd.args(["--ws-port", "12345"]);
        }
    }
    let out = cmd.args(caps).output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{caps:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn captures() -> Vec<PathBuf> {
    let mut v = common::sample_captures();
    if let Some(shared) = common::shared_dir() {
        v.extend(
            common::captures_with(&shared, ".frames.tsv")
                .into_iter()
                .map(|(c, _)| c),
        );
    }
    v
}

/// Validates every line; returns how many, by record type.
fn check_lines(
    v: &jsonschema::Validator,
    what: &str,
    text: &str,
    seen: &mut std::collections::BTreeMap<String, u64>,
) {
    for (n, line) in text.lines().enumerate() {
        let rec: Value = serde_json::from_str(line).unwrap();
        let errors: Vec<String> = v
            .iter_errors(&rec)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{what}, line {}: {errors:#?}\n{line:.2000}",
            n + 1
        );
        *seen
            .entry(rec["type"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
}

#[test]
fn every_line_dump_writes_validates() {
    let v = validator(SchemaFormat::Ndjson);
    let mut seen = std::collections::BTreeMap::new();
    let caps = captures();
    for cap in &caps {
        for args in [&["--packets"][..], &["--packets", "--payloads", "none"][..]] {
            let out = dump(args, &[cap]);
            check_lines(&v, &format!("{} {args:?}", cap.display()), &out, &mut seen);
        }
    }
    // Several captures: `file` on every record but `capture`.
    let first = common::samples_dir().join("fastapi-echo.pcap");
    for cap in common::sample_captures().iter().take(6) {
        let out = dump(&["--packets"], &[&first, cap]);
        assert!(out.lines().any(|l| l.starts_with("{\"file\":")));
        check_lines(
            &v,
            &format!("{} with another", cap.display()),
            &out,
            &mut seen,
        );
    }
    // Every record type was met, so none of them went unchecked.
    for ty in [
        "capture",
        "packet",
        "connection",
        "http",
        "handshake",
        "frame",
        "message",
        "tls_record",
        "note",
        "stream",
        "summary",
    ] {
        assert!(
            seen.get(ty).copied().unwrap_or(0) > 0,
            "no {ty} record was validated"
        );
    }
}

#[test]
fn the_json_document_validates() {
    let v = validator(SchemaFormat::Json);
    for cap in common::sample_captures() {
        let out = dump(&["--format", "json", "--packets"], &[&cap]);
        let doc: Value = serde_json::from_str(&out).unwrap();
        let errors: Vec<String> = v
            .iter_errors(&doc)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", cap.display());
    }
}

#[test]
fn the_schema_rejects_what_dump_never_writes() {
    let v = validator(SchemaFormat::Ndjson);
    let cap = common::samples_dir().join("fastapi-echo.pcap");
    let out = dump(&["--packets"], &[&cap]);
    let recs: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let of = |ty: &str| recs.iter().find(|r| r["type"] == ty).unwrap().clone();
    let frame = of("frame");
    assert!(v.is_valid(&frame));
    let note = json!({
        "type": "note", "severity": "error", "stream": 0, "frame": 5,
        "direction": "client_to_server", "rule": "client-frame-not-masked",
        "section": "RFC 6455 §5.1", "message": "A client frame is not masked."
    });
    assert!(v.is_valid(&note), "{note}");
    let bad = |mut r: Value, f: &dyn Fn(&mut Value)| {
        f(&mut r);
        r
    };
    let cases: Vec<(&str, Value)> = vec![
        (
            "unknown type tag",
            bad(frame.clone(), &|r| r["type"] = json!("frames")),
        ),
        (
            "no type",
            bad(frame.clone(), &|r| {
                r.as_object_mut().unwrap().remove("type");
            }),
        ),
        (
            "fin as a string",
            bad(frame.clone(), &|r| r["fin"] = json!("true")),
        ),
        (
            "negative stream",
            bad(frame.clone(), &|r| r["stream"] = json!(-1)),
        ),
        (
            "opcode_name not an opcode",
            bad(frame.clone(), &|r| r["opcode_name"] = json!("txt")),
        ),
        (
            "mask_key not 8 hex digits",
            bad(frame.clone(), &|r| r["mask_key"] = json!("XYZ")),
        ),
        (
            "payload not base64",
            bad(frame.clone(), &|r| {
                r["payload_base64"] = json!("not base64!")
            }),
        ),
        ("ts a number", bad(frame.clone(), &|r| r["ts"] = json!(1.5))),
        (
            "required field missing",
            bad(frame.clone(), &|r| {
                r.as_object_mut().unwrap().remove("complete");
            }),
        ),
        (
            "undeclared field",
            bad(frame.clone(), &|r| r["payload"] = json!("aGk=")),
        ),
        (
            "direction misspelt",
            bad(frame.clone(), &|r| {
                r["direction"] = json!("client-to-server")
            }),
        ),
        (
            "schema_version not this one",
            bad(of("capture"), &|r| r["schema_version"] = json!(2)),
        ),
        (
            "capture with a file field of a number",
            bad(of("capture"), &|r| r["file"] = json!(1)),
        ),
        (
            "packet flags not booleans",
            bad(of("packet"), &|r| r["tcp"]["flags"]["syn"] = json!(1)),
        ),
        (
            "unknown tcp analysis flag",
            bad(of("packet"), &|r| {
                r["tcp"]["tcp_analysis"] = json!(["retransmited"])
            }),
        ),
        (
            "summary notes not three",
            bad(of("summary"), &|r| r["notes"] = json!([0, 0])),
        ),
        (
            "stream without protocol",
            bad(of("stream"), &|r| {
                r.as_object_mut().unwrap().remove("protocol");
            }),
        ),
        (
            "note citing no rule of the table",
            bad(note.clone(), &|r| r["rule"] = json!("made-up-rule")),
        ),
    ];
    for (what, rec) in cases {
        assert!(
            !v.is_valid(&rec),
            "the schema accepted a record with {what}: {rec}"
        );
    }
}
