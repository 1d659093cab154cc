//! Runs the real binary in tmux (scripts/tui-e2e.sh): first screen, keys, a
//! display filter typed into the filter form,
//! resize, `q` exiting 0 with the terminal restored, and a run under
//! `LANG=fi_FI.UTF-8` showing Finnish. Skipped, loudly,
//! when tmux is not installed; CI installs it.
#![cfg(feature = "tui")]

use std::process::Command;

#[test]
fn tui_in_tmux_starts_steps_and_restores_the_terminal() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("SKIPPED: tmux is not installed, so the TUI end-to-end test did not run (CI installs tmux).");
        return;
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/tui-e2e.sh");
    let out = Command::new("bash")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_wsdissect"))
        .output()
        .expect("running scripts/tui-e2e.sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("{stdout}{stderr}");
    assert!(
        out.status.success(),
        "scripts/tui-e2e.sh failed ({}):\n{stdout}{stderr}",
        out.status
    );
    assert!(stdout.contains("all checks passed"));
    // The run under LANG=fi_FI.UTF-8 found Finnish words on the real terminal.
    assert!(stdout.contains("tui-e2e: finnish ok"), "{stdout}");
}
