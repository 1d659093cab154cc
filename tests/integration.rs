//! The integration suites that can share one test binary, each a module of
//! it: one build and link instead of one per file (docs/testing.md, "CI's
//! time"). The suites that install a counting global allocator (`hostile`,
//! `dissect_allocs`, `tui_memory`) or change the process's environment
//! (`cli_help`) keep binaries of their own (`[[test]]` in Cargo.toml).

mod common;
#[cfg(feature = "tui")]
#[path = "tui_support.rs"]
mod support;

mod cli;
mod conv_agreement;
mod course;
mod deflate_agreement;
mod dump_digest;
mod expectations;
mod filter_agreement;
mod follow_agreement;
mod frames_agreement;
mod http_agreement;
mod i18n;
mod json_fast_path;
mod json_schema;
mod l10n_outputs;
mod payloads;
mod rfc_notes;
mod schema;
mod tcp_agreement;
mod tls_agreement;
mod tui_e2e;
mod tui_fi_chrome;
mod tui_fi_tree;
mod tui_fi_views;
mod tui_filter;
mod tui_flow_follow;
mod tui_keys;
mod tui_robust;
mod tui_views;

/// With `autotests = false` cargo no longer finds a new file in tests/ by
/// itself: a suite added there and listed nowhere would never be built, and
/// its tests could never fail. Each file must be a module here or a
/// `[[test]]` of Cargo.toml.
#[test]
fn every_file_in_tests_is_built() {
    let root = env!("CARGO_MANIFEST_DIR");
    let here = std::fs::read_to_string(format!("{root}/tests/integration.rs")).unwrap();
    let manifest = std::fs::read_to_string(format!("{root}/Cargo.toml")).unwrap();
    let mut files = Vec::new();
    for entry in std::fs::read_dir(format!("{root}/tests")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if let Some(stem) = name.strip_suffix(".rs") {
            files.push(stem.to_string());
        }
    }
    files.sort();
    assert!(files.len() > 20, "tests/ read wrongly: {files:?}");
    let unbuilt: Vec<&String> = files
        .iter()
        .filter(|stem| {
            let module = here.lines().any(|l| l == format!("mod {stem};"))
                || here.contains(&format!("#[path = \"{stem}.rs\"]"));
            let target = manifest.contains(&format!("path = \"tests/{stem}.rs\""));
            !(module || target)
        })
        .collect();
    assert!(
        unbuilt.is_empty(),
        "files in tests/ that no test binary builds (add `mod NAME;` to tests/integration.rs, \
         or a [[test]] to Cargo.toml): {unbuilt:?}"
    );
}
