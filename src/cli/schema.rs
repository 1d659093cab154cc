//! `wsdissect schema`: the JSON Schema of `dump`'s records.
//!
//! Generated with schemars from the record types themselves (src/model and
//! the types it holds derive `JsonSchema` next to `Serialize`, under the same
//! serde attributes: tags, renames, flatten, and `skip_serializing_if`
//! making a field optional), so the schema cannot drift from the
//! serializer. What `dump`'s writer adds or leaves out around the
//! serializer is applied here, each from the constant the writer uses: the
//! `file` field of several captures, and the payload keys `--payloads`
//! drops. A field that is always written is `required`; every record
//! rejects a top-level field it does not declare (`unevaluatedProperties`),
//! so a field added to the output without its type shows at once.
//!
//! `docs/schema/` holds the output; `tests/json_schema.rs` checks that it is
//! current and that every line `dump` writes validates against it.

use schemars::generate::SchemaSettings;
use serde_json::{json, Map, Value};

use crate::model::{Record, Rule, SCHEMA_VERSION};

/// The schemars output for [`Record`] (serialize contract: a field is
/// optional exactly when serde may skip it), JSON Schema 2020-12, with the
/// writer's additions.
fn generated() -> Map<String, Value> {
    let generator = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let mut root = match generator.into_root_schema_for::<Record>().to_value() {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    let mut defs = match root.remove("$defs") {
        Some(Value::Object(d)) => d,
        _ => Map::new(),
    };
    // The record types by their `type` tag, and the definition each refers to.
    let mut by_tag: Vec<(String, Option<String>)> = Vec::new();
    if let Some(Value::Array(variants)) = root.get_mut("oneOf") {
        for v in variants.iter_mut() {
            let tag = v
                .pointer("/properties/type/const")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let def = v
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/$defs/"))
                .map(str::to_string);
            if let Some(obj) = v.as_object_mut() {
                // Several captures: every record but `capture` (which has
                // its own) carries `file` (src/cli/dump.rs, docs/json.md).
                if tag != "capture" {
                    if let Some(Value::Object(props)) = obj.get_mut("properties") {
                        props.insert(
                            "file".into(),
                            json!({
                                "type": "string",
                                "description": "With several captures (`dump a.pcap b.pcap`): the capture this record comes from, as given on the command line. Absent with one capture."
                            }),
                        );
                    }
                }
                obj.insert("unevaluatedProperties".into(), Value::Bool(false));
            }
            by_tag.push((tag, def));
        }
    }
    let def_of = |tag: &str| {
        by_tag
            .iter()
            .find(|(t, _)| t == tag)
            .and_then(|(_, d)| d.clone())
    };
    // `--payloads` leaves these keys out (src/cli/payloads.rs): optional.
    for (tag, keys) in [
        ("frame", super::payloads::FRAME_KEYS),
        ("message", super::payloads::MESSAGE_KEYS),
    ] {
        let Some(Value::Object(def)) = def_of(tag).and_then(|d| defs.get_mut(&d)) else {
            continue;
        };
        if let Some(Value::Array(req)) = def.get_mut("required") {
            req.retain(|k| !keys.iter().any(|q| Some(q.trim_matches('"')) == k.as_str()));
        }
    }
    // The capture record states this version; a note cites a rule of the
    // rules table (docs/notes.md).
    if let Some(v) = def_of("capture")
        .and_then(|d| defs.get_mut(&d))
        .and_then(|d| d.pointer_mut("/properties/schema_version"))
    {
        v["const"] = json!(SCHEMA_VERSION);
    }
    if let Some(v) = def_of("note")
        .and_then(|d| defs.get_mut(&d))
        .and_then(|d| d.pointer_mut("/properties/rule"))
    {
        let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
        v["enum"] = json!(ids);
    }
    root.insert("$defs".into(), Value::Object(defs));
    root
}

/// The schema of one NDJSON line of `wsdissect dump` (`--format ndjson`,
/// the default): any record.
pub fn record_schema() -> Value {
    let g = generated();
    let mut out = Map::new();
    out.insert(
        "$schema".into(),
        json!("https://json-schema.org/draft/2020-12/schema"),
    );
    out.insert(
        "title".into(),
        json!(format!(
            "wsdissect dump record (schema_version {SCHEMA_VERSION})"
        )),
    );
    out.insert(
        "description".into(),
        json!("One line of `wsdissect dump --format ndjson`: one record, told apart by `type` (docs/json.md). Generated by `wsdissect schema` from the record types."),
    );
    for (k, v) in g {
        if k != "$schema" && k != "title" && k != "description" {
            out.insert(k, v);
        }
    }
    Value::Object(out)
}

/// The schema of `wsdissect dump --format json`: one document,
/// `{"schema_version": N, "records": [record, …]}`.
pub fn document_schema() -> Value {
    let mut g = generated();
    let mut defs = match g.remove("$defs") {
        Some(Value::Object(d)) => d,
        _ => Map::new(),
    };
    let mut record = Map::new();
    for (k, v) in g {
        if k != "$schema" && k != "title" {
            record.insert(k, v);
        }
    }
    defs.insert("Record".into(), Value::Object(record));
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": format!("wsdissect dump document (schema_version {SCHEMA_VERSION})"),
        "description": "The output of `wsdissect dump --format json`: the records of `--format ndjson` in one document (docs/json.md). Generated by `wsdissect schema --format json`.",
        "type": "object",
        "properties": {
            "schema_version": { "const": SCHEMA_VERSION },
            "records": { "type": "array", "items": { "$ref": "#/$defs/Record" } }
        },
        "required": ["schema_version", "records"],
        "additionalProperties": false,
        "$defs": defs
    })
}

/// `wsdissect schema --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SchemaFormat {
    /// One NDJSON line: any record (`dump --format ndjson`).
    #[default]
    Ndjson,
    /// The one document of `dump --format json`.
    Json,
}

/// The schema for `format`, as the text `wsdissect schema` prints and
/// `docs/schema/` holds (pretty-printed, with a final newline).
pub fn schema_text(format: SchemaFormat) -> String {
    let v = match format {
        SchemaFormat::Ndjson => record_schema(),
        SchemaFormat::Json => document_schema(),
    };
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

/// `wsdissect schema`: prints the schema; exit code 0.
pub fn run(format: SchemaFormat) -> i32 {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(schema_text(format).as_bytes()) {
        Ok(()) => super::EXIT_OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => super::EXIT_OK,
        Err(e) => {
            eprintln!("wsdissect: {e}");
            super::EXIT_BAD_INPUT
        }
    }
}
