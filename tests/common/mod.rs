//! Shared helpers for integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

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
