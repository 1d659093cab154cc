//! Terminal UI.
use crate::analyze::Options;

/// Runs the TUI; returns the exit code.
pub fn run(_capture: &str, _opts: Options) -> i32 {
    eprintln!("wsdissect: the TUI is not built yet");
    2
}
