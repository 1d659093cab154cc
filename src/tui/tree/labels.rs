//! Label pieces that several layers of the tree (and the list and views)
//! use, so each is written once.

use ratatui::style::Color;

use crate::i18n::{L10n, Lang};
use crate::model::Severity;
use crate::net::Direction;
use crate::tr;
use crate::tui::text::escape;
use crate::tui::views::ViewKind;
use crate::ws::Opcode;

/// "client → server" for people, in `lang` ("asiakas → palvelin").
pub fn dir_words(d: Direction, lang: Lang) -> String {
    L10n::get(lang).t(match d {
        Direction::ClientToServer => "tree-dir-client-to-server",
        Direction::ServerToClient => "tree-dir-server-to-client",
    })
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

/// A hint naming the key of a teaching view: "press 4 for the message";
/// `id` is the message (`tree-press-*`) that says what the view shows.
pub fn press(l: &L10n, v: ViewKind, id: &str) -> String {
    tr!(l, id, key = v.key().to_string())
}

/// A key-log line for people: the file's name without its directories and
/// the line number ("keys.log line 4"; for keys inside a pcapng, "the
/// capture's Decryption Secrets Block line 2"), in `lang`.
pub fn key_log_line(s: &crate::tls::Source, lang: Lang) -> String {
    let name = std::path::Path::new(&*s.name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| s.name.to_string());
    tr!(
        L10n::get(lang),
        "tree-key-log-line",
        file = escape(&name, 60),
        line = s.line.to_string()
    )
}

/// The key-log lines a connection used, each once, by file then line.
pub fn key_log_lines(t: &crate::tls::TlsSummary, lang: Lang) -> Vec<String> {
    let mut v: Vec<&crate::tls::Source> = t.key_log_lines.iter().collect();
    v.sort_by(|a, b| a.name.cmp(&b.name).then(a.line.cmp(&b.line)));
    v.dedup();
    v.into_iter().map(|s| key_log_line(s, lang)).collect()
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
