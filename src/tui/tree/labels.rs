//! Label pieces that several layers of the tree (and the list and views)
//! use, so each is written once.

use ratatui::style::Color;

use crate::model::Severity;
use crate::net::Direction;
use crate::tui::text::escape;
use crate::tui::views::ViewKind;
use crate::ws::Opcode;

/// "client → server" for people.
pub fn dir_words(d: Direction) -> &'static str {
    match d {
        Direction::ClientToServer => "client → server",
        Direction::ServerToClient => "server → client",
    }
}

/// Opcode in words, Wireshark style ("Text (1)").
pub fn opcode_label(op: Opcode) -> String {
    let mut cap = op.name().chars();
    let first = cap.next().map(|c| c.to_ascii_uppercase()).unwrap_or('?');
    format!("{first}{} ({})", cap.as_str(), u8::from(op))
}

/// Note severity as a one-character marker and its colour.
pub fn severity_mark(s: Severity) -> (&'static str, Color) {
    match s {
        Severity::Error => ("✗", Color::Red),
        Severity::Warning => ("!", Color::Yellow),
        Severity::Info => ("i", Color::Cyan),
    }
}

/// A hint naming the key of a teaching view: "press 4 for the message".
pub fn press(v: ViewKind, what: &str) -> String {
    format!("press {} {what}", v.key())
}

/// A key-log line for people: the file's name without its directories and
/// the line number ("keys.log line 4"; for keys inside a pcapng, "the
/// capture's Decryption Secrets Block line 2").
pub fn key_log_line(s: &crate::tls::Source) -> String {
    let name = std::path::Path::new(&*s.name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| s.name.to_string());
    format!("{} line {}", escape(&name, 60), s.line)
}

/// The key-log lines a connection used, each once, by file then line.
pub fn key_log_lines(t: &crate::tls::TlsSummary) -> Vec<String> {
    let mut v: Vec<&crate::tls::Source> = t.key_log_lines.iter().collect();
    v.sort_by(|a, b| a.name.cmp(&b.name).then(a.line.cmp(&b.line)));
    v.dedup();
    v.into_iter().map(key_log_line).collect()
}

/// A TLS connection in a few characters: its version and whether it was
/// decrypted ("TLS 1.3 ✓", "TLS 1.2 ✗", "TLS ✗" before a ServerHello).
pub fn tls_badge(t: &crate::tls::TlsSummary) -> String {
    format!(
        "{} {}",
        t.version_name.unwrap_or("TLS"),
        if t.decrypted { "✓" } else { "✗" }
    )
}
