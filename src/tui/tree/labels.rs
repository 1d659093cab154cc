//! Label pieces that several layers of the tree (and the list and views)
//! use, so each is written once.

use ratatui::style::Color;

use crate::model::Severity;
use crate::net::Direction;
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
