//! Every note of the capture: RFC violations and capture problems, with the
//! section they come from. Enter jumps to the row a note is about.

use ratatui::style::{Modifier, Style};
use ratatui::text::Span;

use super::{dim, Ctx, Doc};
use crate::tui::text::{escape, wrap_words};
use crate::tui::tree::severity_mark;

/// Builds the view.
pub fn build(doc: &mut Doc, ctx: &Ctx) {
    let notes = &ctx.d.notes;
    let count = |s| notes.iter().filter(|n| n.severity == s).count();
    use crate::model::Severity::*;
    doc.title = format!(
        "{} notes: {} error, {} warning, {} info",
        notes.len(),
        count(Error),
        count(Warning),
        count(Info)
    );
    if notes.is_empty() {
        doc.p(
            0,
            "No notes: wsdissect found no RFC 6455 violation and no capture problem (gap, \
             retransmission that differs, capture started mid-connection) in this capture.",
        );
        doc.blank();
        doc.p(
            0,
            "Rows with notes get a marker in the first column of the list: ✗ error, ! warning, \
             i info.",
        );
        return;
    }
    doc.p_styled(
        0,
        "↑/↓ select a note, Enter goes to its row. Rows with notes are marked in the list: ✗ \
         error, ! warning, i info.",
        dim(),
    );
    let w = doc.width.saturating_sub(6).max(20);
    for (i, n) in notes.iter().enumerate() {
        let start = doc.lines.len();
        let (mark, color) = severity_mark(n.severity);
        let place = match (n.frame, n.stream) {
            (Some(f), Some(s)) => format!("frame {f}, stream {s}"),
            (Some(f), None) => format!("frame {f}"),
            (None, Some(s)) => format!("stream {s}"),
            (None, None) => "capture".to_string(),
        };
        doc.blank();
        doc.line(vec![
            Span::styled(
                format!(" {mark} {:<7} ", format!("{:?}", n.severity)),
                Style::default().fg(color).add_modifier(Modifier::BOLD),
            ),
            Span::styled(
                n.rule.to_string(),
                Style::default().add_modifier(Modifier::BOLD),
            ),
            Span::styled(
                n.section.map(|s| format!("  {s}")).unwrap_or_default(),
                Style::default().fg(ratatui::style::Color::Cyan),
            ),
            Span::styled(format!("  {place}"), dim()),
        ]);
        for l in wrap_words(&escape(&n.message, 4000), w) {
            doc.text(format!("      {l}"));
        }
        doc.items.push((start, doc.lines.len(), i as u32));
    }
}
