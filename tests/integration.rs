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
