//! The notes (RFC violations, capture problems) on the row's packet.

use super::labels::{press, severity_mark};
use super::{NodeStyle, B};
use crate::model::{Dissection, Severity};
use crate::tr;
use crate::tui::index::Index;
use crate::tui::text::{escape, wrap_words};
use crate::tui::views::ViewKind;

/// The notes on packet `no` that concern its stream (or the whole capture).
pub(super) fn nodes(b: &mut B, d: &Dissection, ix: &Index, no: u64, stream: Option<u32>) {
    let Some(list) = ix.notes_by_frame.get(&no) else {
        return;
    };
    let notes: Vec<u32> = list
        .iter()
        .copied()
        .filter(|&i| {
            d.notes
                .get(i as usize)
                .is_some_and(|n| n.stream.is_none() || n.stream == stream)
        })
        .collect();
    if notes.is_empty() {
        return;
    }
    let l = b.l;
    b.push(
        ("notes", 0),
        tr!(
            l,
            "tree-notes",
            n = notes.len(),
            press = press(l, ViewKind::Notes, "tree-press-notes")
        ),
        NodeStyle::Layer,
        None,
    );
    b.open();
    b.inside(|b| {
        for (k, i) in notes.iter().enumerate() {
            let n = &d.notes[*i as usize];
            let (mark, _) = severity_mark(n.severity);
            b.push(
                ("note", k as u32),
                format!(
                    "{mark} {}: {}{}",
                    l.t(match n.severity {
                        Severity::Error => "tree-severity-error",
                        Severity::Warning => "tree-severity-warning",
                        Severity::Info => "tree-severity-info",
                    }),
                    n.rule,
                    n.section.map(|s| format!(" ({s})")).unwrap_or_default()
                ),
                match n.severity {
                    Severity::Error => NodeStyle::Bad,
                    Severity::Warning => NodeStyle::Warn,
                    Severity::Info => NodeStyle::Derived,
                },
                None,
            );
            b.open();
            b.inside(|b| {
                for (j, line) in wrap_words(&escape(&n.message, 2000), 70)
                    .into_iter()
                    .enumerate()
                {
                    b.push(
                        ("note.text", (k as u32) << 16 | j as u32),
                        line,
                        NodeStyle::Normal,
                        None,
                    );
                }
            });
        }
    });
}
