//! Every note of the capture: RFC violations and capture problems, with the
//! section they come from. Enter jumps to the row a note is about.

use ratatui::style::{Modifier, Style};
use ratatui::text::Span;

use super::n;
use super::{dim, Ctx, Doc};
use crate::i18n::L10n;
use crate::tr;
use crate::tui::text::{escape, wrap_words};
use crate::tui::tree::severity_mark;

/// Builds the view.
pub fn build(doc: &mut Doc, ctx: &Ctx) {
    let l = L10n::get(ctx.lang);
    let notes = &ctx.d.notes;
    let count = |s| notes.iter().filter(|n| n.severity == s).count();
    use crate::model::Severity::*;
    doc.title = tr!(
        l,
        "view-notes-title",
        notes = n(notes.len() as u64),
        errors = n(count(Error) as u64),
        warnings = n(count(Warning) as u64),
        infos = n(count(Info) as u64)
    );
    if notes.is_empty() {
        doc.p(0, &l.t("view-notes-none"));
        doc.blank();
        doc.p(0, &l.t("view-notes-markers"));
        return;
    }
    doc.p_styled(0, &l.t("view-notes-keys"), dim());
    let w = doc.width.saturating_sub(6).max(20);
    for (i, note) in notes.iter().enumerate() {
        let start = doc.lines.len();
        let (mark, color) = severity_mark(note.severity);
        let place = match (note.frame, note.stream) {
            (Some(f), Some(s)) => tr!(l, "view-notes-at-frame-stream", frame = n(f), stream = n(s)),
            (Some(f), None) => tr!(l, "view-notes-at-frame", frame = n(f)),
            (None, Some(s)) => tr!(l, "view-notes-at-stream", stream = n(s)),
            (None, None) => l.t("view-notes-at-capture"),
        };
        let severity = l.t(match note.severity {
            Error => "view-notes-error",
            Warning => "view-notes-warning",
            Info => "view-notes-info",
        });
        doc.blank();
        doc.line(vec![
            Span::styled(
                format!(" {mark} {severity:<7} "),
                Style::default().fg(color).add_modifier(Modifier::BOLD),
            ),
            Span::styled(
                note.rule.to_string(),
                Style::default().add_modifier(Modifier::BOLD),
            ),
            Span::styled(
                note.section.map(|s| format!("  {s}")).unwrap_or_default(),
                Style::default().fg(ratatui::style::Color::Cyan),
            ),
            Span::styled(format!("  {place}"), dim()),
        ]);
        for line in wrap_words(&escape(&note.message, 4000), w) {
            doc.text(format!("      {line}"));
        }
        doc.items.push((start, doc.lines.len(), i as u32));
    }
}
