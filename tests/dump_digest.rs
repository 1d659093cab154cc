//! `dump` writes exactly the bytes it wrote before its pipeline was made
//! faster (two threads, its own output buffer, chunked reads): the SHA-256 of
//! every sample's output in every format, with and without `--packets`, is
//! pinned in `tests/oracles/dump_digests.tsv`, computed with the build before
//! that work (commit 71b7259).
//!
//! A change that is meant to change the output (a new field, docs/json.md)
//! updates the table: `WSDISSECT_BLESS_DUMP_DIGESTS=1 cargo nextest run
//! --test dump_digest`, then review `git diff tests/oracles/dump_digests.tsv`
//! together with the change that explains it.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use sha2::{Digest, Sha256};

/// The command lines each sample is dumped with.
const VARIANTS: &[&[&str]] = &[
    &["--format", "ndjson"],
    &["--format", "ndjson", "--packets"],
    &["--format", "json"],
    &["--format", "text"],
];

fn table_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracles/dump_digests.tsv")
}

/// `dump ARGS NAME` run inside samples/ (the `capture` record names the file
/// as given, so the digest does not depend on where the tree is), with the
/// sample's key log when it has one: the output's length and SHA-256.
fn digest(args: &[&str], cap: &Path) -> (usize, String) {
    let name = cap.file_name().unwrap().to_str().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wsdissect"));
    cmd.current_dir(common::samples_dir())
        .arg("dump")
        .args(args);
    let keys = cap.with_extension("keys");
    if keys.is_file() {
        cmd.arg("--keylog").arg(keys.file_name().unwrap());
    }
    let out = cmd.arg(name).output().unwrap();
    // Exit code 1 is a damaged sample, whose output up to the damage is
    // pinned as well.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hex: String = Sha256::digest(&out.stdout)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    (out.stdout.len(), hex)
}

#[test]
fn dump_output_is_byte_identical_on_every_sample() {
    let mut got = BTreeMap::new();
    for cap in common::sample_captures() {
        let name = cap.file_name().unwrap().to_str().unwrap().to_string();
        for args in VARIANTS {
            let (len, hex) = digest(args, &cap);
            got.insert((name.clone(), args.join(" ")), format!("{len}\t{hex}"));
        }
    }
    let render = |m: &BTreeMap<(String, String), String>| {
        let mut s = String::from("sample\targs\tbytes\tsha256\n");
        for ((name, args), v) in m {
            s.push_str(&format!("{name}\t{args}\t{v}\n"));
        }
        s
    };
    if std::env::var("WSDISSECT_BLESS_DUMP_DIGESTS").as_deref() == Ok("1") {
        std::fs::write(table_path(), render(&got)).unwrap();
        return;
    }
    let want: BTreeMap<(String, String), String> = common::read_tsv(&table_path())
        .into_iter()
        .map(|r| {
            (
                (r["sample"].clone(), r["args"].clone()),
                format!("{}\t{}", r["bytes"], r["sha256"]),
            )
        })
        .collect();
    let mut diffs = Vec::new();
    for (k, v) in &got {
        match want.get(k) {
            Some(w) if w == v => {}
            Some(w) => diffs.push(format!("{} {}: was {w}, now {v}", k.0, k.1)),
            None => diffs.push(format!("{} {}: not in the table (now {v})", k.0, k.1)),
        }
    }
    for k in want.keys().filter(|k| !got.contains_key(*k)) {
        diffs.push(format!(
            "{} {}: in the table but no longer a sample",
            k.0, k.1
        ));
    }
    assert!(
        diffs.is_empty(),
        "dump output changed on {} of {} runs (see this file's header to update the table):\n{}",
        diffs.len(),
        got.len(),
        diffs.join("\n")
    );
    assert!(got.len() >= 80, "only {} runs", got.len());
}
