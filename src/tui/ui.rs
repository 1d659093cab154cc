//! Drawing: the title line, the three panes (or the open view), the footer
//! and popups, where [`layout::compute`] puts them. Drawing only reads the
//! [`App`]: scroll positions come from the same pure functions
//! [`App::fit`] stores them with, so a frame looks the same with or without
//! it.

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::app::{App, LoadState, Pane, Popup};
use super::filter::{FilterForm, EXPR_FIELD};
use super::hex;
use super::keys::help_sections;
use super::layout::{self, Areas, PaneArea, MIN_HEIGHT, MIN_WIDTH};
use super::list;
use super::text::escape;
use super::tree;
use super::views;
use crate::model::Protocol;
use crate::tr;

fn title_style(focused: bool) -> Style {
    if focused {
        Style::default()
            .fg(Color::Black)
            .bg(Color::Cyan)
            .add_modifier(Modifier::BOLD)
    } else {
        Style::default().fg(Color::White).bg(Color::DarkGray)
    }
}

/// Draws the whole screen.
pub fn draw(f: &mut Frame, app: &App) {
    let area = f.area();
    let a = layout::compute(area);
    let l = app.l();
    if a.too_small {
        f.render_widget(
            Paragraph::new(tr!(
                l,
                "tui-too-small",
                width = MIN_WIDTH.to_string(),
                height = MIN_HEIGHT.to_string()
            ))
            .wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        return;
    }
    title_bar(f, a.title, app);
    if app.view.is_some() {
        draw_view(f, a.main, app);
    } else {
        panes(f, &a, app);
    }
    footer(f, a.footer, app);
    match &app.popup {
        Some(Popup::Help { scroll }) => help(f, area, app, *scroll),
        Some(Popup::Filter(form)) => filter_form(f, area, app, form),
        Some(Popup::Connections { sel }) => connections(f, area, app, *sel),
        Some(Popup::Search { .. }) | None => {}
    }
}

fn title_bar(f: &mut Frame, area: Rect, app: &App) {
    let l = app.l();
    let file = std::path::Path::new(&app.name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| app.name.clone());
    let mut spans = vec![
        Span::styled(
            " wsdissect ",
            Style::default()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
        ),
        Span::styled(
            format!(" {} ", escape(&file, 40)),
            Style::default().add_modifier(Modifier::BOLD),
        ),
    ];
    // What changes what is shown comes first, so a narrow terminal keeps it.
    match &app.load {
        LoadState::Loading { read, total } => {
            let pct = match total {
                Some(t) if *t > 0 => format!("{}%", (read.saturating_mul(100) / t).min(100)),
                _ => format!("{} KiB", read / 1024),
            };
            spans.push(Span::styled(
                format!(" {} ", tr!(l, "tui-title-reading", progress = pct)),
                Style::default().fg(Color::Black).bg(Color::Cyan),
            ));
            spans.push(Span::raw(" "));
        }
        LoadState::Failed(_) => {
            spans.push(Span::styled(
                format!(" {} ", l.t("tui-title-damaged")),
                Style::default().fg(Color::White).bg(Color::Red),
            ));
            spans.push(Span::raw(" "));
        }
        LoadState::Done => {}
    }
    let notes = notes_count(app);
    if !app.filter.is_empty() {
        // The notes count comes right after the filter, which is shortened
        // to leave room for it: a narrow terminal keeps both.
        let used: usize = spans.iter().map(|s| s.width()).sum();
        let notes_w: usize = notes.iter().map(|s| s.width()).sum();
        let label = l.t("tui-title-filter");
        let room = (area.width as usize)
            .saturating_sub(used + notes_w + Span::raw(label.as_str()).width() + 3 + 3)
            .max(12);
        spans.push(Span::styled(
            format!(" {label} {} ", escape(&app.filter.describe(l), room)),
            Style::default().fg(Color::Black).bg(Color::Green),
        ));
        spans.push(Span::raw(" "));
        spans.extend(notes.clone());
        spans.push(Span::raw(" · "));
    }
    if app.show_packets {
        spans.push(Span::styled(
            format!("{} ", l.t("tui-title-packets")),
            Style::default().fg(Color::Green),
        ));
    }
    spans.push(Span::raw(tr!(
        l,
        "tui-title-counts",
        packets = crate::i18n::num(app.ix.packets.len() as f64),
        connections = crate::i18n::num(app.ix.streams.len() as f64),
        frames = crate::i18n::num(app.ix.frames.len() as f64),
        messages = crate::i18n::num(app.ix.messages.len() as f64)
    )));
    if app.filter.is_empty() {
        spans.push(Span::raw(" · "));
        spans.extend(notes);
    }
    f.buffer_mut()
        .set_line(area.x, area.y, &Line::from(spans), area.width);
}

/// The title's notes count: `no notes`, or errors, warnings and infos.
fn notes_count(app: &App) -> Vec<Span<'static>> {
    let [i, w, e] = app.ix.notes_count;
    if e + w + i == 0 {
        return vec![Span::raw(app.l().t("tui-title-no-notes"))];
    }
    vec![
        Span::styled(format!("{e}✗ "), Style::default().fg(Color::Red)),
        Span::styled(format!("{w}! "), Style::default().fg(Color::Yellow)),
        Span::styled(format!("{i}i"), Style::default().fg(Color::Cyan)),
    ]
}

fn panes(f: &mut Frame, a: &Areas, app: &App) {
    draw_list(f, a.list, app);
    draw_tree(f, a.tree, app);
    draw_hex(f, a.hex, app);
}

fn draw_list(f: &mut Frame, area: PaneArea, app: &App) {
    let focused = app.focus == Pane::List;
    let c = list::cols(&app.ix, app.time_format, app.l());
    let PaneArea { head, body } = area;
    f.buffer_mut().set_style(head, title_style(focused));
    f.buffer_mut().set_stringn(
        head.x,
        head.y,
        list::header(&c, app.time_format, app.l()),
        head.width as usize,
        title_style(focused),
    );
    let n = app.visible_len();
    let counter = match app.selected_pos() {
        Some(p) => format!(" {}/{} ", p + 1, n),
        None => format!(" 0/{n} "),
    };
    let cx = head.x + head.width.saturating_sub(counter.chars().count() as u16);
    f.buffer_mut()
        .set_string(cx, head.y, &counter, title_style(focused));
    if n == 0 {
        let id = if !app.loaded() {
            "tui-empty-reading"
        } else if app.filter.stream.is_some() && !app.show_packets {
            "tui-empty-connection"
        } else if !app.filter.is_empty() {
            "tui-empty-filtered"
        } else if app.ix.packets.is_empty() {
            "tui-empty-capture"
        } else if let Some(why) = undecrypted_tls(app) {
            // The rows are inside TLS records that could not be decrypted.
            return empty_tls(f, body, app, &why);
        } else {
            "tui-empty-no-websocket"
        };
        let msg = app.l().t(id);
        let w = body.width.saturating_sub(2).max(10) as usize;
        for (i, line) in super::text::wrap_words(&msg, w)
            .into_iter()
            .take(body.height as usize)
            .enumerate()
        {
            f.buffer_mut().set_stringn(
                body.x + 1,
                body.y + i as u16,
                line,
                body.width.saturating_sub(1) as usize,
                Style::default().fg(Color::DarkGray),
            );
        }
        return;
    }
    let offset = layout::scroll_to_show(app.list_offset, app.list_keep(), body.height as usize, n);
    list::draw(
        f,
        body,
        &app.d,
        &app.ix,
        app.visible_rows(),
        offset,
        app.selected_pos(),
        focused,
        app.time_format,
        app.l(),
    );
}

/// Why the first TLS connection that could not be decrypted was not, when
/// the capture has one (only looked for when the list is empty).
fn undecrypted_tls(app: &App) -> Option<String> {
    app.d.streams.iter().find_map(|s| {
        let t = s.tls.as_ref().filter(|t| !t.decrypted)?;
        Some(t.undecryptable.as_ref().map_or_else(
            || app.l().t("tui-tls-none-decrypted"),
            |u| u.words(app.l()).0,
        ))
    })
}

/// The empty list of a capture whose TLS could not be decrypted: why, and
/// where to read more.
fn empty_tls(f: &mut Frame, body: Rect, app: &App, why: &str) {
    let text = tr!(app.l(), "tui-empty-tls", reason = escape(why, 200));
    let w = body.width.saturating_sub(2).max(10) as usize;
    for (i, line) in super::text::wrap_words(&text, w)
        .into_iter()
        .take(body.height as usize)
        .enumerate()
    {
        f.buffer_mut().set_stringn(
            body.x + 1,
            body.y + i as u16,
            line,
            body.width.saturating_sub(1) as usize,
            Style::default().fg(Color::DarkGray),
        );
    }
}

fn draw_tree(f: &mut Frame, area: PaneArea, app: &App) {
    let focused = app.focus == Pane::Tree;
    let PaneArea { head, body } = area;
    f.buffer_mut().set_style(head, title_style(focused));
    let title = match app.tree.selected() {
        Some(_) if !app.tree.vis.is_empty() => format!(
            " {}  {}/{} ",
            app.l().t("tui-details"),
            app.tree.sel + 1,
            app.tree.vis.len()
        ),
        _ => format!(" {} ", app.l().t("tui-details")),
    };
    f.buffer_mut().set_stringn(
        head.x,
        head.y,
        title,
        head.width as usize,
        title_style(focused),
    );
    tree::draw(f, body, &app.tree, focused, app.lang);
}

fn draw_hex(f: &mut Frame, area: PaneArea, app: &App) {
    let focused = app.focus == Pane::Hex;
    let PaneArea { head, body } = area;
    let base = title_style(focused);
    f.buffer_mut().set_style(head, base);
    let hv = app.hex_view();
    let bytes_title = layout::bytes_title(app.l());
    f.buffer_mut()
        .set_string(head.x, head.y, &bytes_title, base);
    let tabs = layout::hex_tabs(head, &hv, app.l());
    if tabs.first().is_some_and(|t| t.tab > 0) {
        // Tabs scrolled off to the left.
        let x = head.x + Line::raw(bytes_title.as_str()).width() as u16;
        f.buffer_mut().set_stringn(x, head.y, "‹", 1, base);
    }
    for t in tabs {
        let st = if t.tab == hv.active {
            Style::default()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD)
        } else {
            base
        };
        let room = (head.x + head.width - t.x) as usize;
        f.buffer_mut().set_stringn(t.x, head.y, &t.label, room, st);
    }
    let scroll = hex::scroll_for(&hv, body, app.hex_scroll, app.hex_follow);
    if let Some((r, _)) = app.row_of() {
        hex::draw(f, body, &app.d, &app.ix, r, &hv, scroll, app.l());
    }
}

fn draw_view(f: &mut Frame, area: Rect, app: &App) {
    if let Some(vs) = &app.view {
        views::draw(f, area, vs, &app.view_ctx(area), app.generation);
    }
}

/// The footer's key hints for what has the focus: the full ones when they
/// fit in `width` columns, else the short ones (`?` help first).
fn hints(app: &App, width: usize) -> String {
    let which = match app.view.as_ref().map(|v| v.kind) {
        Some(views::ViewKind::Flow) => "flow",
        Some(views::ViewKind::Follow) => "follow",
        Some(_) => "view",
        None => match app.focus {
            Pane::List => "list",
            Pane::Tree => "tree",
            Pane::Hex => "hex",
        },
    };
    let l = app.l();
    let full = l.t(&format!("tui-hints-{which}"));
    if Line::raw(full.as_str()).width() < width {
        full
    } else {
        l.t(&format!("tui-hints-short-{which}"))
    }
}

fn footer(f: &mut Frame, area: Rect, app: &App) {
    let line = if let Some(Popup::Search { input }) = &app.popup {
        Line::from(vec![
            Span::styled(
                " / ",
                Style::default()
                    .fg(Color::Black)
                    .bg(Color::Yellow)
                    .add_modifier(Modifier::BOLD),
            ),
            Span::raw(format!(
                " {}",
                tr!(app.l(), "tui-search-prompt", text = escape(input, 200))
            )),
            Span::styled("█", Style::default().fg(Color::Yellow)),
            Span::styled(
                format!("   {}", app.l().t("tui-search-keys")),
                Style::default().fg(Color::DarkGray),
            ),
        ])
    } else if let Some(s) = &app.status {
        Line::from(Span::styled(
            format!(" {s}"),
            Style::default().fg(Color::Yellow),
        ))
    } else if let LoadState::Failed(e) = &app.load {
        Line::from(Span::styled(
            format!(" ✗ {}", escape(e, 300)),
            Style::default().fg(Color::Red),
        ))
    } else {
        let h = hints(app, area.width as usize);
        Line::from(Span::styled(
            format!(" {h}"),
            Style::default().fg(Color::DarkGray),
        ))
    };
    f.buffer_mut().set_line(area.x, area.y, &line, area.width);
    // A message in the footer hides the hints: keep the way to the help.
    let tag = format!(" {} ", app.l().t("tui-help-tag"));
    let keeps_help = line.spans.iter().any(|s| s.content.contains(tag.trim()));
    let used = line.width() as u16;
    // (Not while typing a search: `?` would be typed into it.)
    let typing = matches!(app.popup, Some(Popup::Search { .. }));
    if !keeps_help && !typing && area.width >= 20 {
        let x = area.x + area.width - Line::raw(tag.as_str()).width() as u16;
        if used < x.saturating_sub(area.x) {
            f.buffer_mut()
                .set_string(x, area.y, &tag, Style::default().fg(Color::DarkGray));
        } else {
            f.buffer_mut().set_string(
                x,
                area.y,
                &tag,
                Style::default().fg(Color::Black).bg(Color::DarkGray),
            );
        }
    }
}

/// A rectangle of at most `w`×`h` centred in `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn popup_block(title: &str) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(Style::default().fg(Color::Yellow))
        .title(Span::styled(
            format!(" {title} "),
            Style::default().add_modifier(Modifier::BOLD),
        ))
}

fn help(f: &mut Frame, area: Rect, app: &App, scroll: usize) {
    let r = layout::help_box(area);
    let l = app.l();
    let mut lines: Vec<Line> = Vec::new();
    for (title, keys) in help_sections(l) {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(title, views::h_style())));
        for (k, text) in keys {
            lines.push(Line::from(vec![
                Span::styled(format!("  {k:<18}"), Style::default().fg(Color::Cyan)),
                Span::raw(text),
            ]));
        }
    }
    let inner_h = layout::help_page(area);
    let max = lines.len().saturating_sub(inner_h);
    let scroll = scroll.min(max);
    let title = tr!(
        l,
        "tui-help-title",
        first = (scroll + 1).to_string(),
        last = (scroll + inner_h).min(lines.len()).to_string(),
        total = lines.len().to_string()
    );
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines)
            .block(popup_block(&title))
            .scroll((scroll as u16, 0)),
        r,
    );
}

fn filter_form(f: &mut Frame, area: Rect, app: &App, form: &FilterForm) {
    let l = app.l();
    let r = centered(area, 76, 14);
    let inner_w = r.width.saturating_sub(2) as usize;
    let fields = [
        (
            l.t("tui-filter-stream"),
            match form.draft.stream {
                Some(s) => tr!(l, "tui-filter-stream-n", stream = s.to_string()),
                None => l.t("tui-filter-all-streams"),
            },
        ),
        (
            l.t("tui-filter-direction"),
            match form.draft.dir {
                Some(d) => tree::dir_words(d, l.lang()),
                None => l.t("tui-filter-both-directions"),
            },
        ),
        (l.t("tui-filter-show"), form.draft.op.name(l)),
    ];
    // The names' column: as wide as the longest name, at least 10.
    let name_w = fields
        .iter()
        .map(|(n, _)| Line::raw(n.as_str()).width() + 1)
        .max()
        .unwrap_or(0)
        .max(10);
    let sel_style = Style::default()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(Modifier::BOLD);
    let mut lines = Vec::new();
    lines.push(Line::default());
    for (i, (name, value)) in fields.iter().enumerate() {
        let sel = i == form.field;
        let st = if sel {
            sel_style
        } else {
            Style::default().fg(Color::Cyan)
        };
        lines.push(Line::from(vec![
            Span::raw(if sel { " ▶ " } else { "   " }),
            Span::raw(format!(
                "{name}{}",
                " ".repeat(name_w.saturating_sub(Line::raw(name.as_str()).width()))
            )),
            Span::styled(format!("◂ {value} ▸"), st),
        ]));
    }
    lines.extend(expression_lines(form, l, inner_w));
    lines.push(Line::default());
    let hint = if form.field == EXPR_FIELD {
        l.t("tui-filter-hints-expression")
    } else {
        l.t("tui-filter-hints")
    };
    lines.push(Line::from(Span::styled(
        format!(" {hint}"),
        Style::default().fg(Color::DarkGray),
    )));
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).block(popup_block(&l.t("tui-filter-title"))),
        r,
    );
}

/// The display filter field of the form, coloured like Wireshark's filter
/// bar (green: valid, red: invalid, plain: empty), then what the parser
/// says: for an invalid one its message and a caret under the column.
fn expression_lines(
    form: &FilterForm,
    l: &crate::i18n::L10n,
    inner_w: usize,
) -> Vec<Line<'static>> {
    let sel = form.field == EXPR_FIELD;
    let mut lines = vec![Line::from(vec![
        Span::raw(if sel { " ▶ " } else { "   " }),
        Span::styled(
            l.t("tui-filter-expression"),
            if sel {
                Style::default()
                    .fg(Color::Cyan)
                    .add_modifier(Modifier::BOLD)
            } else {
                Style::default().fg(Color::Cyan)
            },
        ),
        Span::styled(
            format!(" {}", l.t("tui-filter-expression-syntax")),
            Style::default().fg(Color::DarkGray),
        ),
    ])];
    // The field: the end of a long expression stays in view.
    let box_w = inner_w.saturating_sub(4).max(8);
    let text: Vec<char> = form.input.chars().collect();
    let shown = box_w - 1;
    let skip = text.len().saturating_sub(shown);
    let mut field: String = escape(&text[skip..].iter().collect::<String>(), shown);
    let cursor = if sel { "█" } else { "" };
    let pad = box_w.saturating_sub(field.chars().count() + cursor.chars().count());
    let bg = match &form.parsed {
        None => Color::DarkGray,
        Some(Ok(_)) => Color::Green,
        Some(Err(_)) => Color::Red,
    };
    let fg = if bg == Color::DarkGray {
        Color::White
    } else {
        Color::Black
    };
    field.push_str(cursor);
    field.push_str(&" ".repeat(pad));
    lines.push(Line::from(vec![
        Span::raw("   "),
        Span::styled(field, Style::default().fg(fg).bg(bg)),
    ]));
    match &form.parsed {
        None => lines.push(Line::from(Span::styled(
            format!("   {}", l.t("tui-filter-empty")),
            Style::default().fg(Color::DarkGray),
        ))),
        Some(Ok(_)) => lines.push(Line::from(Span::styled(
            format!("   {}", l.t("tui-filter-valid")),
            Style::default().fg(Color::Green),
        ))),
        Some(Err(e)) => {
            let col = e.column.saturating_sub(1);
            let caret = if col >= skip {
                format!("   {}^", " ".repeat(col - skip))
            } else {
                format!("   {}", l.t("tui-filter-further-left"))
            };
            lines.push(Line::from(Span::styled(
                caret,
                Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
            )));
            let mut msg = format!("✗ {}", e.words(l));
            if form.refused {
                msg.push_str(&format!(" {}", l.t("tui-filter-fix-to-apply")));
            }
            for chunk in wrap_chars(&escape(&msg, 400), inner_w.saturating_sub(4).max(8)) {
                lines.push(Line::from(Span::styled(
                    format!("   {chunk}"),
                    Style::default().fg(Color::Red),
                )));
            }
        }
    }
    lines
}

/// `s` cut into pieces of at most `w` characters, at spaces where it can.
fn wrap_chars(s: &str, w: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    for word in s.split(' ') {
        let add = usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && line.chars().count() + add > w {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while line.chars().count() > w {
            let head: String = line.chars().take(w).collect();
            let rest: String = line.chars().skip(w).collect();
            out.push(head);
            line = rest;
        }
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

fn connections(f: &mut Frame, area: Rect, app: &App, sel: usize) {
    let l = app.l();
    let streams: Vec<u32> = app.ix.streams.iter().copied().collect();
    let n = streams.len() + 1;
    let r = centered(
        area,
        100,
        (n as u16)
            .saturating_add(4)
            .min(area.height.saturating_sub(2)),
    );
    let inner_h = r.height.saturating_sub(3) as usize;
    let offset = if sel >= inner_h { sel + 1 - inner_h } else { 0 };
    let summary = |s: u32| {
        app.ix
            .summary_by_stream
            .get(&s)
            .and_then(|&x| app.d.streams.get(x as usize))
    };
    let ends_of = |s: u32| {
        app.ix
            .conn_by_stream
            .get(&s)
            .and_then(|&c| app.d.connections.get(c as usize))
            .map(|c| format!("{} → {}", c.client, c.server))
            .unwrap_or_default()
    };
    let shown = offset.saturating_sub(1)..(offset + inner_h).min(n).saturating_sub(1);
    let shown = &streams[shown.start.min(streams.len())..shown.end.min(streams.len())];
    // A TLS column (version, decrypted or not, SNI) when a connection shown
    // is TLS; the addresses then take only the width they need.
    // The stream and frames columns are as wide as their headings.
    let [str_head, ends_head, what_head, frames_head] = [
        "tui-conn-stream",
        "tui-conn-ends",
        "tui-conn-what",
        "tui-conn-frames",
    ]
    .map(|id| l.t(id));
    let str_w = str_head.chars().count().max(4);
    let frames_w = frames_head.chars().count().max(6);
    let tls = shown
        .iter()
        .any(|&s| summary(s).is_some_and(|x| x.tls.is_some()));
    let ends_w = if tls {
        shown
            .iter()
            .map(|&s| ends_of(s).chars().count())
            .max()
            .unwrap_or(0)
            .clamp(ends_head.chars().count().max(15), 44)
    } else {
        44
    };
    let tls_w =
        (r.width as usize).saturating_sub(2 + str_w + 3 + ends_w + 1 + 16 + 1 + frames_w + 1);
    let mut lines = Vec::new();
    let mut head = format!(
        " {str_head:>str_w$}  {:<ends_w$} {what_head:<16} {frames_head:>frames_w$}",
        ends_head
    );
    if tls {
        head.push_str(" TLS · SNI");
    }
    lines.push(Line::from(Span::styled(
        head,
        Style::default().fg(Color::DarkGray),
    )));
    for i in offset..n.min(offset + inner_h) {
        let text = if i == 0 {
            format!(" {:>str_w$}  {}", "*", l.t("tui-conn-all"))
        } else {
            let s = streams[i - 1];
            let ends = ends_of(s);
            let what = match app
                .ix
                .hs_by_stream
                .get(&s)
                .and_then(|&h| app.d.handshakes.get(h as usize))
            {
                Some(h) => format!("WebSocket {}", escape(&h.path, 10)),
                None => match summary(s) {
                    // The TLS column says it is TLS: say what is inside.
                    Some(sum) if sum.tls.is_some() => match sum.protocol {
                        // Decrypted, but the plaintext never said what it
                        // speaks (a handshake and nothing after it).
                        Protocol::Tls if sum.tls.as_ref().is_some_and(|t| t.decrypted) => {
                            l.t("tui-conn-tls-decrypted")
                        }
                        p => protocol_words(p, l),
                    },
                    Some(sum) => sum
                        .first_payload
                        .as_ref()
                        .map(|p| escape(&p.words(l), 16))
                        .unwrap_or_else(|| protocol_words(sum.protocol, l)),
                    None => String::new(),
                },
            };
            // The model's count, once the connection is over; "…" until then.
            let frames = summary(s).map_or("…".to_string(), |sum| {
                (sum.ws_frames[0] + sum.ws_frames[1]).to_string()
            });
            let mut row = format!(
                " {s:>str_w$}  {:<ends_w$} {:<16} {frames:>frames_w$}",
                escape(&ends, ends_w),
                what
            );
            if let Some(t) = summary(s).and_then(|x| x.tls.as_ref()) {
                let sni = t
                    .sni
                    .as_deref()
                    .map(|n| format!(" {n}"))
                    .unwrap_or_default();
                row.push(' ');
                // `escape` adds its ellipsis after the characters kept.
                let kept = tls_w.saturating_sub(1);
                row.push_str(&escape(&format!("{}{sni}", tree::tls_badge(t)), kept));
            }
            row
        };
        let st = if i == sel {
            Style::default()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(text, st)));
    }
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).block(popup_block(&l.t("tui-conn-title"))),
        r,
    );
}

/// What a connection carries ([`Protocol::description`]) in `l`'s language.
fn protocol_words(p: Protocol, l: &crate::i18n::L10n) -> String {
    l.t(match p {
        Protocol::Websocket => "tui-proto-websocket",
        Protocol::WebsocketGuessed => "tui-proto-websocket-guessed",
        Protocol::Http => "tui-proto-http",
        Protocol::Tls => "tui-proto-tls",
        Protocol::Http2 => "tui-proto-http2",
        Protocol::Other => "tui-proto-other",
        Protocol::Empty => "tui-proto-empty",
    })
}
