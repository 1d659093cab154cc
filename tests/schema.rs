//! The JSON schema, pinned (docs/json.md).
//!
//! For every record type of `dump --format ndjson` (with and without
//! `--packets`), the set of field paths and their JSON types, unioned over
//! every capture in samples/, is a snapshot: adding, removing, renaming or
//! retyping a field is a visible diff in
//! `tests/snapshots/integration__schema__record_fields.snap`, to be reviewed with the
//! docs (and `SCHEMA_VERSION` bumped when a field changes meaning or
//! disappears). And the `schema_version` in the output is the one
//! docs/json.md's title states.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Adds every path under `v` (`a.b`, `list[].c`) with its JSON type.
fn walk(v: &Value, path: &str, out: &mut BTreeMap<String, BTreeSet<&'static str>>) {
    out.entry(path.to_string())
        .or_default()
        .insert(json_type(v));
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                walk(x, &format!("{path}.{k}"), out);
            }
        }
        Value::Array(a) => {
            for x in a {
                walk(x, &format!("{path}[]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_record_types_fields_and_their_json_types_are_pinned() {
    // record type → field path → JSON types
    let mut schema: BTreeMap<String, BTreeMap<String, BTreeSet<&'static str>>> = BTreeMap::new();
    // Two captures at once: every record but `capture` carries `file`.
    let first = common::samples_dir().join("fastapi-echo.pcap");
    let first = first.to_str().unwrap();
    for cap in common::sample_captures() {
        for args in [
            &["dump", "--format", "ndjson"][..],
            &["dump", "--format", "ndjson", "--packets"][..],
            &["dump", "--format", "ndjson", first][..],
        ] {
            for line in common::wsdissect(args, &cap).lines() {
                let rec: Value = serde_json::from_str(line).unwrap();
                let ty = rec["type"].as_str().unwrap().to_string();
                let fields = schema.entry(ty).or_default();
                for (k, v) in rec.as_object().unwrap() {
                    if k != "type" {
                        walk(v, k, fields);
                    }
                }
            }
        }
    }
    let mut text = String::new();
    for (ty, fields) in &schema {
        text.push_str(ty);
        text.push('\n');
        for (path, types) in fields {
            let types: Vec<&str> = types.iter().copied().collect();
            text.push_str(&format!("  {path}: {}\n", types.join(" | ")));
        }
    }
    for ty in [
        "capture",
        "connection",
        "packet",
        "http",
        "handshake",
        "frame",
        "message",
        "note",
        "stream",
        "summary",
    ] {
        assert!(schema.contains_key(ty), "no {ty} record in any sample");
    }
    insta::assert_snapshot!("record_fields", text);
}

/// The version docs/json.md's title states: "… (schema_version N)".
fn documented_version() -> u64 {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/json.md"))
        .unwrap();
    let title = doc.lines().next().unwrap();
    let n = title
        .split("(schema_version ")
        .nth(1)
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or_else(|| panic!("docs/json.md's title does not state the version: {title}"));
    n.parse().unwrap()
}

#[test]
fn schema_version_is_the_one_docs_json_md_states() {
    let want = documented_version();
    assert_eq!(u64::from(wsdissect::model::SCHEMA_VERSION), want);
    let cap = common::samples_dir().join("browser-fastapi.pcap");
    let first: Value = serde_json::from_str(
        common::wsdissect(&["dump", "--format", "ndjson"], &cap)
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(first["type"], "capture");
    assert_eq!(first["schema_version"].as_u64(), Some(want));
    let doc: Value =
        serde_json::from_str(&common::wsdissect(&["dump", "--format", "json"], &cap)).unwrap();
    assert_eq!(doc["schema_version"].as_u64(), Some(want));
    assert_eq!(doc["records"][0]["schema_version"].as_u64(), Some(want));
}
