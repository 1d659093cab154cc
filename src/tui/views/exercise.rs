//! The course exercise's checklist (key 7): the same items, facts and
//! sentences as `wsdissect exercise` (one wording, `course::exercise::
//! render_text`, in the `--lang` language), evaluated by the
//! [`ExerciseBuilder`](crate::course::exercise::ExerciseBuilder) the index
//! feeds every record as it arrives: no bytes are read again. Each item shows
//! its ✓/✗, the frames where it is seen, the key of the view that shows it,
//! and for a missing one what to capture.

use ratatui::style::Style;
use ratatui::text::Span;

use super::{bad, dim, good, Ctx, Doc};
use crate::course::exercise::render_text;
use crate::i18n::L10n;
use crate::tui::text::{escape, wrap_words};

/// Builds the view.
pub fn build(doc: &mut Doc, ctx: &Ctx) {
    let l = L10n::get(ctx.lang);
    let e = ctx.ix.exercise.finish(None);
    let found = e.items.iter().filter(|i| i.found).count();
    doc.title = match e.stream {
        Some(s) => crate::tr!(
            l,
            "view-exercise-title",
            found = super::n(found as u64),
            items = super::n(e.items.len() as u64),
            stream = super::n(s)
        ),
        None => format!("{found}/{}", e.items.len()),
    };
    // The file's name, as the title bar shows it.
    let path = ctx.d.capture.as_ref().map_or("", |c| c.file.as_str());
    let file = std::path::Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(path);
    for line in render_text(file, &e, l).lines() {
        let line = escape(line, 4000);
        let trimmed = line.trim_start();
        let style = if trimmed.starts_with('✓') {
            good()
        } else if trimmed.starts_with('✗') {
            bad()
        } else if trimmed.starts_with('[') || trimmed.starts_with('→') {
            dim()
        } else {
            Style::default()
        };
        if line.is_empty() {
            doc.blank();
            continue;
        }
        // Wrapped lines keep the indent of the line (and under an item's
        // "✓ 1. " its text), so the checklist stays readable when narrow.
        let indent = line.len() - trimmed.len();
        let hang = if trimmed.starts_with('✓') || trimmed.starts_with('✗') {
            indent + 5
        } else if trimmed.starts_with('→') {
            indent + 2
        } else {
            indent
        };
        let w = doc.width.saturating_sub(hang).max(10);
        let first_w = doc.width.saturating_sub(indent).max(10);
        let pieces = wrap_words(trimmed, first_w);
        let (head, rest) = match pieces.split_first() {
            Some((h, r)) => (h.clone(), r.join(" ")),
            None => continue,
        };
        doc.line(vec![Span::styled(
            format!("{}{head}", " ".repeat(indent)),
            style,
        )]);
        if !rest.is_empty() {
            for piece in wrap_words(&rest, w) {
                doc.line(vec![Span::styled(
                    format!("{}{piece}", " ".repeat(hang)),
                    style,
                )]);
            }
        }
    }
}
