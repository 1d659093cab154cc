//! Teaching views: each explains one thing about the selected row, one key
//! away. A view is a scrollable document built once per selection.

mod exercise;
pub mod flow;
pub mod follow;
mod handshake;
mod header;
mod message;
mod notes;
mod summary;
mod unmask;

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use super::index::{Index, RowRef};
use super::records::Rec;
use super::text::wrap_words;
use crate::i18n::L10n;
use crate::model::Dissection;
use crate::net::Direction;
use crate::tr;

/// The teaching views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ViewKind {
    /// Request, response and the Accept step by step.
    Handshake,
    /// The frame header bit by bit.
    Header,
    /// Masked ⊕ key = unmasked, byte by byte.
    Unmask,
    /// The whole message.
    Message,
    /// Bytes per layer for the connection.
    Summary,
    /// RFC violations and capture problems.
    Notes,
    /// The course exercise's checklist (`wsdissect exercise`).
    Exercise,
    /// The connection as a sequence diagram (Wireshark's Flow Graph).
    Flow,
    /// The connection's bytes per direction, and its chat transcript.
    Follow,
}

impl ViewKind {
    /// Every view, in key order.
    pub const ALL: [ViewKind; 9] = [
        ViewKind::Handshake,
        ViewKind::Header,
        ViewKind::Unmask,
        ViewKind::Message,
        ViewKind::Summary,
        ViewKind::Notes,
        ViewKind::Exercise,
        ViewKind::Flow,
        ViewKind::Follow,
    ];

    /// The key that opens it.
    pub fn key(self) -> char {
        match self {
            ViewKind::Handshake => '1',
            ViewKind::Header => '2',
            ViewKind::Unmask => '3',
            ViewKind::Message => '4',
            ViewKind::Summary => '5',
            ViewKind::Notes => '6',
            ViewKind::Exercise => '7',
            ViewKind::Flow => '8',
            ViewKind::Follow => '9',
        }
    }

    /// Its name in `l`'s language, as the view's title bar shows it.
    pub fn name(self, l: &L10n) -> String {
        l.t(match self {
            ViewKind::Handshake => "view-name-handshake",
            ViewKind::Header => "view-name-header",
            ViewKind::Unmask => "view-name-unmask",
            ViewKind::Message => "view-name-message",
            ViewKind::Summary => "view-name-summary",
            ViewKind::Notes => "view-name-notes",
            ViewKind::Exercise => "view-name-exercise",
            ViewKind::Flow => "view-name-flow",
            ViewKind::Follow => "view-name-follow",
        })
    }
}

/// What a view is built from.
pub struct Ctx<'a> {
    /// The model.
    pub d: &'a Dissection,
    /// Its tables.
    pub ix: &'a Index,
    /// The selected row.
    pub row: Option<(RowRef, u64)>,
    /// Text width available.
    pub width: usize,
    /// Selected note (notes view).
    pub note_sel: usize,
    /// The language of the view's texts (`--lang`).
    pub lang: crate::i18n::Lang,
}

impl<'a> Ctx<'a> {
    /// The context of a view drawn in `area`: its text is as wide as the
    /// area inside the borders.
    pub fn new(
        d: &'a Dissection,
        ix: &'a Index,
        row: Option<(RowRef, u64)>,
        area: Rect,
        lang: crate::i18n::Lang,
    ) -> Self {
        Ctx {
            d,
            ix,
            row,
            width: area.width.saturating_sub(2) as usize,
            note_sel: 0,
            lang,
        }
    }
}

/// A built view.
#[derive(Debug, Default, Clone)]
pub struct Doc {
    /// Title (after the view name).
    pub title: String,
    /// The lines.
    pub lines: Vec<Line<'static>>,
    /// Notes view: (first line, last line + 1, note index) of each entry.
    pub items: Vec<(usize, usize, u32)>,
    width: usize,
}

/// Heading style.
pub fn h_style() -> Style {
    Style::default()
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD)
}

/// Style for a check that passed.
pub fn good() -> Style {
    Style::default()
        .fg(Color::Green)
        .add_modifier(Modifier::BOLD)
}

/// Style for a check that failed.
pub fn bad() -> Style {
    Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
}

/// Style for secondary text.
pub fn dim() -> Style {
    Style::default().fg(Color::DarkGray)
}

/// Style for values.
pub fn val() -> Style {
    Style::default().fg(Color::Cyan)
}

impl Doc {
    fn new(width: usize) -> Doc {
        Doc {
            width: width.max(20),
            ..Doc::default()
        }
    }

    /// A section heading, after a blank line (unless first).
    fn h(&mut self, title: impl Into<String>) {
        if !self.lines.is_empty() {
            self.lines.push(Line::default());
        }
        self.lines
            .push(Line::from(Span::styled(title.into(), h_style())));
    }

    /// A paragraph, word-wrapped, with an indent.
    fn p(&mut self, indent: usize, text: &str) {
        self.p_styled(indent, text, Style::default());
    }

    fn p_styled(&mut self, indent: usize, text: &str, style: Style) {
        let w = self.width.saturating_sub(indent).max(10);
        for l in wrap_words(text, w) {
            self.lines.push(Line::from(Span::styled(
                format!("{}{}", " ".repeat(indent), l),
                style,
            )));
        }
    }

    /// A line of spans.
    fn line(&mut self, spans: Vec<Span<'static>>) {
        self.lines.push(Line::from(spans));
    }

    /// A plain line.
    fn text(&mut self, s: impl Into<String>) {
        self.lines.push(Line::from(s.into()));
    }

    fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    /// "  label  value" with the value in colour, wrapped under itself.
    fn kv(&mut self, indent: usize, label: &str, label_w: usize, value: &str, style: Style) {
        let pad = " ".repeat(indent);
        let vw = self.width.saturating_sub(indent + label_w + 1).max(10);
        let pieces = super::text::wrap(value, vw);
        for (i, piece) in pieces.into_iter().enumerate() {
            let l = if i == 0 {
                format!("{label:<label_w$} ")
            } else {
                " ".repeat(label_w + 1)
            };
            self.lines.push(Line::from(vec![
                Span::raw(format!("{pad}{l}")),
                Span::styled(piece, style),
            ]));
        }
    }
}

/// Builds a view for the selection.
pub fn build(kind: ViewKind, ctx: &Ctx) -> Doc {
    let mut doc = Doc::new(ctx.width);
    match kind {
        ViewKind::Handshake => handshake::build(&mut doc, ctx),
        ViewKind::Header => header::build(&mut doc, ctx),
        ViewKind::Unmask => unmask::build(&mut doc, ctx),
        ViewKind::Message => message::build(&mut doc, ctx),
        ViewKind::Summary => summary::build(&mut doc, ctx),
        ViewKind::Notes => notes::build(&mut doc, ctx),
        ViewKind::Exercise => exercise::build(&mut doc, ctx),
        // Built for the lines on screen only, by `window_doc`.
        ViewKind::Flow | ViewKind::Follow => {}
    }
    doc
}

/// A direction in the TUI's words ("client → server"), the tree's one wording.
fn dir(l: &L10n, d: Direction) -> String {
    crate::tui::tree::dir_words(d, l.lang())
}

/// A count or length as a Fluent argument: a number (for plural selection)
/// while `f64` holds it exactly, text beyond 2^53.
fn n(v: impl Into<u64>) -> fluent_bundle::FluentValue<'static> {
    crate::i18n::count(v.into())
}

/// A frame view's title: which frame, where.
fn frame_title(l: &L10n, f: &crate::model::WsFrame) -> String {
    tr!(
        l,
        "view-frame-title",
        index = n(f.index),
        stream = n(f.stream),
        dir = dir(l, f.direction),
        frame = n(f.frame)
    )
}

/// The selected frame, or an explanation of why there is none.
fn selected_frame<'a>(doc: &mut Doc, ctx: &Ctx<'a>) -> Option<Rec<'a, crate::model::WsFrame>> {
    use super::index::RowKind;
    let l = L10n::get(ctx.lang);
    match ctx.row {
        Some((r, _)) if r.kind == RowKind::Frame => ctx.ix.frames.get(r.idx as usize),
        Some((r, no)) => {
            let id = match r.kind {
                RowKind::Http => "view-not-a-frame-http",
                _ => "view-not-a-frame-packet",
            };
            doc.p(0, &tr!(l, id, no = n(no)));
            None
        }
        None => {
            doc.p(
                0,
                &l.t(if ctx.ix.frames.is_empty() {
                    "view-no-frames"
                } else {
                    "view-nothing-selected"
                }),
            );
            None
        }
    }
}

/// Scroll state of an open view.
#[derive(Debug, Clone)]
pub struct ViewState {
    /// Which view.
    pub kind: ViewKind,
    /// First line shown.
    pub scroll: usize,
    /// Selected note (notes view).
    pub note_sel: usize,
    /// The built document and what it was built for.
    pub cache: Option<(ViewKey, Doc)>,
    /// The flow view's arrows and selection.
    pub flow: flow::FlowState,
    /// The follow view's mode and position.
    pub follow: follow::FollowState,
}

/// What a cached document depends on.
pub type ViewKey = (Option<RowRef>, usize, u64, usize);

impl ViewState {
    /// A view at the top.
    pub fn new(kind: ViewKind) -> ViewState {
        ViewState {
            kind,
            scroll: 0,
            note_sel: 0,
            cache: None,
            flow: flow::FlowState::default(),
            follow: follow::FollowState::default(),
        }
    }
}

/// What the document of `vs` drawn in `area` depends on.
fn cache_key(area: Rect, vs: &ViewState, ctx: &Ctx, generation: u64) -> ViewKey {
    let inner_w = area.width.saturating_sub(2) as usize;
    (ctx.row.map(|r| r.0), inner_w, generation, vs.note_sel)
}

/// Builds the document of `vs` for `area`.
fn build_for(area: Rect, vs: &ViewState, ctx: &Ctx) -> Doc {
    let ctx2 = Ctx {
        note_sel: vs.note_sel,
        ..Ctx::new(ctx.d, ctx.ix, ctx.row, area, ctx.lang)
    };
    build(vs.kind, &ctx2)
}

/// The first line shown of `doc` in `height` lines: the notes view keeps
/// the selected entry on screen; no view scrolls past its end.
fn scroll_for(vs: &ViewState, doc: &Doc, height: usize) -> usize {
    let mut scroll = vs.scroll;
    if vs.kind == ViewKind::Notes {
        if let Some(&(a, b, _)) = doc.items.get(vs.note_sel) {
            if a < scroll {
                scroll = a;
            } else if b > scroll + height {
                scroll = b.saturating_sub(height).min(a);
            }
        }
    }
    scroll.min(doc.lines.len().saturating_sub(height))
}

/// Fits an open view to `area` before a frame: builds its document when
/// the cached one was built for another row, width, note or model, and
/// scrolls it as [`draw`] will show it.
pub fn fit(area: Rect, vs: &mut ViewState, ctx: &Ctx, generation: u64) {
    if matches!(vs.kind, ViewKind::Flow | ViewKind::Follow) {
        fit_window(area, vs, ctx, generation);
        return;
    }
    let key = cache_key(area, vs, ctx, generation);
    if vs.cache.as_ref().map(|c| &c.0) != Some(&key) {
        vs.cache = Some((key, build_for(area, vs, ctx)));
    }
    if let Some((_, doc)) = &vs.cache {
        let height = area.height.saturating_sub(1) as usize;
        vs.scroll = scroll_for(vs, doc, height);
    }
}

/// Draws an open view into `area`, from the document [`fit`] built (or,
/// if it was not called, one built for this frame only).
pub fn draw(f: &mut Frame, area: Rect, vs: &ViewState, ctx: &Ctx, generation: u64) {
    let key = cache_key(area, vs, ctx, generation);
    let fresh;
    let doc = match &vs.cache {
        _ if matches!(vs.kind, ViewKind::Flow | ViewKind::Follow) => {
            fresh = window_doc(area, vs, ctx);
            &fresh
        }
        Some((k, doc)) if *k == key => doc,
        _ => {
            fresh = build_for(area, vs, ctx);
            &fresh
        }
    };
    let height = area.height.saturating_sub(1) as usize;
    let scroll = scroll_for(vs, doc, height);
    let shown_to = (scroll + height).min(doc.lines.len());
    let pos = if doc.lines.len() > height {
        format!(" {}–{}/{} ", scroll + 1, shown_to, doc.lines.len())
    } else {
        String::new()
    };
    let title = Line::from(vec![
        Span::styled(
            format!(" {} {} ", vs.kind.key(), vs.kind.name(L10n::get(ctx.lang))),
            Style::default()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
        ),
        Span::styled(
            format!(" {} ", doc.title),
            Style::default().add_modifier(Modifier::BOLD),
        ),
    ]);
    let block = Block::default()
        .borders(Borders::TOP)
        .title(title)
        .title(Line::from(pos).right_aligned())
        .border_style(Style::default().fg(Color::Yellow));
    let lines: Vec<Line> = doc.lines[scroll..shown_to].to_vec();
    let inner = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(1),
        ..area
    };
    f.render_widget(Paragraph::new(lines).block(block), inner);
    // Highlight the selected note.
    if vs.kind == ViewKind::Notes {
        if let Some(&(a, b, _)) = doc.items.get(vs.note_sel) {
            for l in a.max(scroll)..b.min(shown_to) {
                let y = area.y + 1 + (l - scroll) as u16;
                f.buffer_mut().set_style(
                    Rect::new(area.x, y, area.width, 1),
                    Style::default().bg(Color::DarkGray),
                );
            }
        }
    }
}

/// Lines of a flow or follow view's text on screen in `area`.
pub fn window_lines(area: Rect, kind: ViewKind) -> usize {
    let head = match kind {
        ViewKind::Flow => flow::HEAD_LINES,
        _ => 1,
    };
    (area.height as usize).saturating_sub(1 + head).max(1)
}

/// Prepares a flow or follow view for `area`: its arrows or rows for the
/// selection's connection, the selection kept on screen.
fn fit_window(area: Rect, vs: &mut ViewState, ctx: &Ctx, generation: u64) {
    let ctx = Ctx {
        width: area.width.saturating_sub(2) as usize,
        ..*ctx
    };
    let height = window_lines(area, vs.kind);
    match vs.kind {
        ViewKind::Flow => {
            vs.flow.prepare(&ctx, generation);
            vs.flow.scroll(height);
        }
        _ => {
            if let Some(s) = flow::stream_of(&ctx) {
                vs.follow.prepare(&ctx, s, generation);
            }
        }
    }
    vs.scroll = 0;
}

/// The lines on screen of a flow or follow view: these views lay out only
/// what is shown, whatever the connection's size.
fn window_doc(area: Rect, vs: &ViewState, ctx: &Ctx) -> Doc {
    let width = area.width.saturating_sub(2) as usize;
    let ctx = Ctx { width, ..*ctx };
    let mut doc = Doc::new(width);
    let height = window_lines(area, vs.kind);
    match vs.kind {
        ViewKind::Flow => flow::build(&mut doc, &ctx, &vs.flow, height),
        _ => follow::build(&mut doc, &ctx, &vs.follow, height),
    }
    doc
}

/// Number of lines of the cached document (for paging).
pub fn doc_len(vs: &ViewState) -> usize {
    vs.cache.as_ref().map_or(0, |c| c.1.lines.len())
}
