//! Every key binding, in one table.
//!
//! The same table drives key handling ([`lookup`]) and the help overlay
//! ([`help_sections`]), so the help can never disagree with what keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::views::ViewKind;

/// Where a key is pressed: each overlay and pane has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The three panes, whichever has the focus.
    Main,
    /// Only when the packet list has the focus.
    List,
    /// Only when the detail tree has the focus.
    Tree,
    /// Only when the bytes pane has the focus.
    Hex,
    /// A teaching view is open.
    View,
    /// The notes view is open (adds note selection to [`Context::View`]).
    Notes,
    /// The flow view is open (adds arrow selection to [`Context::View`]).
    Flow,
    /// The follow view is open (adds its modes to [`Context::View`]).
    Follow,
    /// The help overlay.
    Help,
    /// The filter form.
    Filter,
    /// The filter form's display-filter field: other keys type into it.
    FilterExpr,
    /// The connection picker.
    Connections,
    /// Typing a search.
    Search,
}

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Quit wsdissect (or close the open overlay or view).
    Quit,
    /// Quit at once, wherever the focus is.
    ForceQuit,
    /// Show or hide the help.
    Help,
    /// Focus the next pane.
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// One line up.
    Up,
    /// One line down.
    Down,
    /// One page up.
    PageUp,
    /// One page down.
    PageDown,
    /// First line.
    Top,
    /// Last line.
    Bottom,
    /// Next WebSocket frame.
    NextFrame,
    /// Previous WebSocket frame.
    PrevFrame,
    /// Next WebSocket message (its first frame).
    NextMessage,
    /// Previous WebSocket message.
    PrevMessage,
    /// Open a tree node (or step into it).
    Expand,
    /// Close a tree node (or step to its parent).
    Collapse,
    /// Open or close a tree node; confirm in forms and lists.
    Enter,
    /// Open every node of the tree.
    ExpandAll,
    /// Close every node of the tree.
    CollapseAll,
    /// Start typing a search.
    Search,
    /// Open the filter form.
    Filter,
    /// Open the connection picker.
    Connections,
    /// Show or hide the TCP packets that carry no HTTP head or WebSocket frame end.
    TogglePackets,
    /// Next data-source tab of the bytes pane.
    NextTab,
    /// Previous data-source tab of the bytes pane.
    PrevTab,
    /// Next format of the list's Time column (since start, since the
    /// previous row shown, wall-clock).
    CycleTime,
    /// Open a teaching view.
    View(ViewKind),
    /// Close the overlay or view.
    Close,
    /// Filter form: previous field.
    FieldUp,
    /// Filter form: next field.
    FieldDown,
    /// Filter form: previous value.
    ValuePrev,
    /// Filter form: next value.
    ValueNext,
    /// Filter form: clear every field.
    Reset,
    /// Flow and follow views: next mode (per packet / per frame; TCP,
    /// decrypted TLS, chat).
    Mode,
}

/// A key as written in the help ("j", "↓", "Ctrl-c").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key code.
    pub code: KeyCode,
    /// Whether Ctrl must be held.
    pub ctrl: bool,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

/// One line of the key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// Where it applies.
    pub ctx: Context,
    /// The keys, any of which triggers it.
    pub keys: &'static [Key],
    /// What it does.
    pub action: Action,
    /// The help text's message id (`tui-key-…` in `locales/*-tui.ftl`), so
    /// the help speaks the TUI's language.
    pub help: &'static str,
}

const fn b(ctx: Context, keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding {
        ctx,
        keys,
        action,
        help,
    }
}

use Context as C;

/// The key table. Order matters twice: earlier lines win, and the help lists
/// them in this order.
pub const BINDINGS: &[Binding] = &[
    // Main screen.
    b(C::Main, &[k('q')], Action::Quit, "tui-key-main-quit"),
    b(
        C::Main,
        &[ctrl('c')],
        Action::ForceQuit,
        "tui-key-main-force-quit",
    ),
    b(
        C::Main,
        &[k('?'), code(KeyCode::F(1))],
        Action::Help,
        "tui-key-main-help",
    ),
    b(
        C::Main,
        &[code(KeyCode::Tab)],
        Action::NextPane,
        "tui-key-main-next-pane",
    ),
    b(
        C::Main,
        &[code(KeyCode::BackTab)],
        Action::PrevPane,
        "tui-key-main-prev-pane",
    ),
    b(
        C::Main,
        &[code(KeyCode::Up), k('k')],
        Action::Up,
        "tui-key-main-up",
    ),
    b(
        C::Main,
        &[code(KeyCode::Down), k('j')],
        Action::Down,
        "tui-key-main-down",
    ),
    b(
        C::Main,
        &[code(KeyCode::PageUp), ctrl('b')],
        Action::PageUp,
        "tui-key-main-page-up",
    ),
    b(
        C::Main,
        &[code(KeyCode::PageDown), ctrl('f'), k(' ')],
        Action::PageDown,
        "tui-key-main-page-down",
    ),
    b(
        C::Main,
        &[k('g'), code(KeyCode::Home)],
        Action::Top,
        "tui-key-main-top",
    ),
    b(
        C::Main,
        &[k('G'), code(KeyCode::End)],
        Action::Bottom,
        "tui-key-main-bottom",
    ),
    b(
        C::Main,
        &[k('n')],
        Action::NextFrame,
        "tui-key-main-next-frame",
    ),
    b(
        C::Main,
        &[k('p')],
        Action::PrevFrame,
        "tui-key-main-prev-frame",
    ),
    b(
        C::Main,
        &[k(']')],
        Action::NextMessage,
        "tui-key-main-next-message",
    ),
    b(
        C::Main,
        &[k('[')],
        Action::PrevMessage,
        "tui-key-main-prev-message",
    ),
    b(C::Main, &[k('/')], Action::Search, "tui-key-main-search"),
    b(C::Main, &[k('f')], Action::Filter, "tui-key-main-filter"),
    b(
        C::Main,
        &[k('s')],
        Action::Connections,
        "tui-key-main-connections",
    ),
    b(
        C::Main,
        &[k('a')],
        Action::TogglePackets,
        "tui-key-main-toggle-packets",
    ),
    b(C::Main, &[k('t')], Action::NextTab, "tui-key-main-next-tab"),
    b(
        C::Main,
        &[k('T')],
        Action::CycleTime,
        "tui-key-main-cycle-time",
    ),
    b(
        C::Main,
        &[k('e')],
        Action::ExpandAll,
        "tui-key-main-expand-all",
    ),
    b(
        C::Main,
        &[k('E')],
        Action::CollapseAll,
        "tui-key-main-collapse-all",
    ),
    b(
        C::Main,
        &[k('1')],
        Action::View(ViewKind::Handshake),
        "tui-key-main-view-handshake",
    ),
    b(
        C::Main,
        &[k('2')],
        Action::View(ViewKind::Header),
        "tui-key-main-view-header",
    ),
    b(
        C::Main,
        &[k('3')],
        Action::View(ViewKind::Unmask),
        "tui-key-main-view-unmask",
    ),
    b(
        C::Main,
        &[k('4')],
        Action::View(ViewKind::Message),
        "tui-key-main-view-message",
    ),
    b(
        C::Main,
        &[k('5')],
        Action::View(ViewKind::Summary),
        "tui-key-main-view-summary",
    ),
    b(
        C::Main,
        &[k('6')],
        Action::View(ViewKind::Notes),
        "tui-key-main-view-notes",
    ),
    b(
        C::Main,
        &[k('7')],
        Action::View(ViewKind::Exercise),
        "tui-key-main-view-exercise",
    ),
    b(
        C::Main,
        &[k('8')],
        Action::View(ViewKind::Flow),
        "tui-key-main-view-flow",
    ),
    b(
        C::Main,
        &[k('9')],
        Action::View(ViewKind::Follow),
        "tui-key-main-view-follow",
    ),
    // Per pane.
    b(
        C::List,
        &[code(KeyCode::Enter), code(KeyCode::Right)],
        Action::NextPane,
        "tui-key-list-next-pane",
    ),
    b(
        C::Tree,
        &[code(KeyCode::Enter)],
        Action::Enter,
        "tui-key-tree-enter",
    ),
    b(
        C::Tree,
        &[code(KeyCode::Right), k('l')],
        Action::Expand,
        "tui-key-tree-expand",
    ),
    b(
        C::Tree,
        &[code(KeyCode::Left), k('h')],
        Action::Collapse,
        "tui-key-tree-collapse",
    ),
    b(
        C::Hex,
        &[code(KeyCode::Right), k('l')],
        Action::NextTab,
        "tui-key-hex-next-tab",
    ),
    b(
        C::Hex,
        &[code(KeyCode::Left), k('h')],
        Action::PrevTab,
        "tui-key-hex-prev-tab",
    ),
    // Teaching views.
    b(
        C::View,
        &[k('q'), code(KeyCode::Esc)],
        Action::Close,
        "tui-key-view-close",
    ),
    b(
        C::View,
        &[ctrl('c')],
        Action::ForceQuit,
        "tui-key-view-force-quit",
    ),
    b(
        C::View,
        &[k('?'), code(KeyCode::F(1))],
        Action::Help,
        "tui-key-view-help",
    ),
    b(
        C::Notes,
        &[code(KeyCode::Enter)],
        Action::Enter,
        "tui-key-notes-enter",
    ),
    b(
        C::Flow,
        &[code(KeyCode::Enter)],
        Action::Enter,
        "tui-key-flow-enter",
    ),
    b(C::Flow, &[k('m')], Action::Mode, "tui-key-flow-mode"),
    b(C::Follow, &[k('m')], Action::Mode, "tui-key-follow-mode"),
    b(
        C::View,
        &[code(KeyCode::Up), k('k')],
        Action::Up,
        "tui-key-view-up",
    ),
    b(
        C::View,
        &[code(KeyCode::Down), k('j')],
        Action::Down,
        "tui-key-view-down",
    ),
    b(
        C::View,
        &[code(KeyCode::PageUp), ctrl('b')],
        Action::PageUp,
        "tui-key-view-page-up",
    ),
    b(
        C::View,
        &[code(KeyCode::PageDown), ctrl('f'), k(' ')],
        Action::PageDown,
        "tui-key-view-page-down",
    ),
    b(
        C::View,
        &[k('g'), code(KeyCode::Home)],
        Action::Top,
        "tui-key-view-top",
    ),
    b(
        C::View,
        &[k('G'), code(KeyCode::End)],
        Action::Bottom,
        "tui-key-view-bottom",
    ),
    b(
        C::View,
        &[k('n')],
        Action::NextFrame,
        "tui-key-view-next-frame",
    ),
    b(
        C::View,
        &[k('p')],
        Action::PrevFrame,
        "tui-key-view-prev-frame",
    ),
    b(
        C::View,
        &[k(']')],
        Action::NextMessage,
        "tui-key-view-next-message",
    ),
    b(
        C::View,
        &[k('[')],
        Action::PrevMessage,
        "tui-key-view-prev-message",
    ),
    b(
        C::View,
        &[k('1')],
        Action::View(ViewKind::Handshake),
        "tui-key-view-view-handshake",
    ),
    b(
        C::View,
        &[k('2')],
        Action::View(ViewKind::Header),
        "tui-key-view-view-header",
    ),
    b(
        C::View,
        &[k('3')],
        Action::View(ViewKind::Unmask),
        "tui-key-view-view-unmask",
    ),
    b(
        C::View,
        &[k('4')],
        Action::View(ViewKind::Message),
        "tui-key-view-view-message",
    ),
    b(
        C::View,
        &[k('5')],
        Action::View(ViewKind::Summary),
        "tui-key-view-view-summary",
    ),
    b(
        C::View,
        &[k('6')],
        Action::View(ViewKind::Notes),
        "tui-key-view-view-notes",
    ),
    b(
        C::View,
        &[k('7')],
        Action::View(ViewKind::Exercise),
        "tui-key-view-view-exercise",
    ),
    b(
        C::View,
        &[k('8')],
        Action::View(ViewKind::Flow),
        "tui-key-view-view-flow",
    ),
    b(
        C::View,
        &[k('9')],
        Action::View(ViewKind::Follow),
        "tui-key-view-view-follow",
    ),
    // Overlays.
    b(
        C::Help,
        &[k('q'), k('?'), code(KeyCode::Esc), code(KeyCode::F(1))],
        Action::Close,
        "tui-key-help-close",
    ),
    b(
        C::Help,
        &[code(KeyCode::Up), k('k')],
        Action::Up,
        "tui-key-help-up",
    ),
    b(
        C::Help,
        &[code(KeyCode::Down), k('j')],
        Action::Down,
        "tui-key-help-down",
    ),
    b(
        C::Help,
        &[code(KeyCode::PageUp)],
        Action::PageUp,
        "tui-key-help-page-up",
    ),
    b(
        C::Help,
        &[code(KeyCode::PageDown), k(' ')],
        Action::PageDown,
        "tui-key-help-page-down",
    ),
    b(
        C::Help,
        &[k('g'), code(KeyCode::Home)],
        Action::Top,
        "tui-key-help-top",
    ),
    b(
        C::Help,
        &[k('G'), code(KeyCode::End)],
        Action::Bottom,
        "tui-key-help-bottom",
    ),
    b(
        C::Filter,
        &[code(KeyCode::Esc), k('q')],
        Action::Close,
        "tui-key-filter-close",
    ),
    b(
        C::Filter,
        &[code(KeyCode::Enter)],
        Action::Enter,
        "tui-key-filter-enter",
    ),
    b(
        C::Filter,
        &[code(KeyCode::Up), k('k'), code(KeyCode::BackTab)],
        Action::FieldUp,
        "tui-key-filter-field-up",
    ),
    b(
        C::Filter,
        &[code(KeyCode::Down), k('j'), code(KeyCode::Tab)],
        Action::FieldDown,
        "tui-key-filter-field-down",
    ),
    b(
        C::Filter,
        &[code(KeyCode::Left), k('h')],
        Action::ValuePrev,
        "tui-key-filter-value-prev",
    ),
    b(
        C::Filter,
        &[code(KeyCode::Right), k('l'), k(' ')],
        Action::ValueNext,
        "tui-key-filter-value-next",
    ),
    b(
        C::Filter,
        &[k('x'), code(KeyCode::Backspace), code(KeyCode::Delete)],
        Action::Reset,
        "tui-key-filter-reset",
    ),
    b(
        C::Filter,
        &[k('?'), code(KeyCode::F(1))],
        Action::Help,
        "tui-key-filter-help",
    ),
    b(
        C::FilterExpr,
        &[code(KeyCode::Esc)],
        Action::Close,
        "tui-key-filter-expr-close",
    ),
    b(
        C::FilterExpr,
        &[code(KeyCode::Enter)],
        Action::Enter,
        "tui-key-filter-expr-enter",
    ),
    b(
        C::FilterExpr,
        &[code(KeyCode::BackTab)],
        Action::FieldUp,
        "tui-key-filter-expr-field-up",
    ),
    b(
        C::FilterExpr,
        &[code(KeyCode::Tab)],
        Action::FieldDown,
        "tui-key-filter-expr-field-down",
    ),
    b(
        C::FilterExpr,
        &[code(KeyCode::Up)],
        Action::Up,
        "tui-key-filter-expr-up",
    ),
    b(
        C::FilterExpr,
        &[code(KeyCode::Down)],
        Action::Down,
        "tui-key-filter-expr-down",
    ),
    b(
        C::FilterExpr,
        &[code(KeyCode::F(1))],
        Action::Help,
        "tui-key-filter-expr-help",
    ),
    b(
        C::Connections,
        &[code(KeyCode::Esc), k('q')],
        Action::Close,
        "tui-key-connections-close",
    ),
    b(
        C::Connections,
        &[code(KeyCode::Enter)],
        Action::Enter,
        "tui-key-connections-enter",
    ),
    b(
        C::Connections,
        &[code(KeyCode::Up), k('k')],
        Action::Up,
        "tui-key-connections-up",
    ),
    b(
        C::Connections,
        &[code(KeyCode::Down), k('j')],
        Action::Down,
        "tui-key-connections-down",
    ),
    b(
        C::Connections,
        &[k('g'), code(KeyCode::Home)],
        Action::Top,
        "tui-key-connections-top",
    ),
    b(
        C::Connections,
        &[k('G'), code(KeyCode::End)],
        Action::Bottom,
        "tui-key-connections-bottom",
    ),
    b(
        C::Search,
        &[code(KeyCode::Enter)],
        Action::Enter,
        "tui-key-search-enter",
    ),
    b(
        C::Search,
        &[code(KeyCode::Esc)],
        Action::Close,
        "tui-key-search-close",
    ),
];

/// Whether `key` is the event `ev`.
fn matches(key: &Key, ev: &KeyEvent) -> bool {
    let ctrl_held = ev.modifiers.contains(KeyModifiers::CONTROL);
    if key.ctrl != ctrl_held {
        return false;
    }
    match (key.code, ev.code) {
        // Shifted letters arrive as uppercase chars, with or without SHIFT.
        (KeyCode::Char(a), KeyCode::Char(b)) => a == b,
        (a, b) => a == b,
    }
}

/// The action bound to `ev` in the first context of `ctxs` that binds it.
pub fn lookup(ctxs: &[Context], ev: &KeyEvent) -> Option<Action> {
    for ctx in ctxs {
        for bind in BINDINGS.iter().filter(|b| b.ctx == *ctx) {
            if bind.keys.iter().any(|key| matches(key, ev)) {
                return Some(bind.action);
            }
        }
    }
    None
}

/// Esc typed quickly before a key reaches us as Alt+key (the terminal sends
/// ESC then the key): the two keys it was, to be handled one after the other.
pub fn split_alt(ev: &KeyEvent) -> Option<[KeyEvent; 2]> {
    match ev.code {
        KeyCode::Char(c) if ev.modifiers.contains(KeyModifiers::ALT) => Some([
            KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
            KeyEvent::new(KeyCode::Char(c), ev.modifiers - KeyModifiers::ALT),
        ]),
        _ => None,
    }
}

/// Typing in the search prompt and the filter form's display filter
/// field, besides their bindings (Enter, Esc).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Backspace: delete the last character.
    DeleteBack,
    /// Ctrl-u: delete everything typed.
    Clear,
    /// Ctrl-c: close the prompt.
    Cancel,
    /// A character typed.
    Insert(char),
}

/// What a key typed into a prompt (search, display filter) does, if anything.
pub fn prompt_edit(ev: &KeyEvent) -> Option<Edit> {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    match ev.code {
        KeyCode::Backspace => Some(Edit::DeleteBack),
        KeyCode::Char('u') if ctrl => Some(Edit::Clear),
        KeyCode::Char('c') if ctrl => Some(Edit::Cancel),
        KeyCode::Char(c) if !ctrl => Some(Edit::Insert(c)),
        _ => None,
    }
}

/// How a key is written in the help.
pub fn key_label(key: &Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if key.ctrl {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

/// Message id of each context's title in the help.
fn context_title(ctx: Context) -> &'static str {
    match ctx {
        Context::Main => "tui-help-main",
        Context::List => "tui-help-list",
        Context::Tree => "tui-help-tree",
        Context::Hex => "tui-help-hex",
        Context::View => "tui-help-view",
        Context::Notes => "tui-help-notes",
        Context::Flow => "tui-help-flow",
        Context::Follow => "tui-help-follow",
        Context::Help => "tui-help-help",
        Context::Filter => "tui-help-filter",
        Context::FilterExpr => "tui-help-filter-expression",
        Context::Connections => "tui-help-connections",
        Context::Search => "tui-help-search",
    }
}

/// Lines the help overlay's text has: each section's title and keys, a
/// blank line between sections (as the help draws them), so that `G` and
/// `PgDn` in the help stop at its last page. The same in every language.
pub fn help_len() -> usize {
    let sections = help_sections(crate::i18n::L10n::get(crate::i18n::Lang::En));
    let keys: usize = sections.iter().map(|(_, k)| 1 + k.len()).sum();
    keys + sections.len().saturating_sub(1)
}

/// The help in `l`'s language, grouped by context: (title, [(keys, text)]).
pub fn help_sections(l: &crate::i18n::L10n) -> Vec<(String, Vec<(String, String)>)> {
    let order = [
        Context::Main,
        Context::List,
        Context::Tree,
        Context::Hex,
        Context::View,
        Context::Notes,
        Context::Flow,
        Context::Follow,
        Context::Filter,
        Context::FilterExpr,
        Context::Connections,
        Context::Search,
        Context::Help,
    ];
    let mut out = Vec::new();
    for ctx in order {
        let lines: Vec<(String, String)> = BINDINGS
            .iter()
            .filter(|b| b.ctx == ctx)
            .map(|b| {
                let keys: Vec<String> = b.keys.iter().map(key_label).collect();
                (keys.join(" "), l.t(b.help))
            })
            .collect();
        if !lines.is_empty() {
            out.push((l.t(context_title(ctx)), lines));
        }
    }
    out.push((
        l.t("tui-help-mouse"),
        vec![
            (l.t("tui-mouse-click"), l.t("tui-mouse-click-help")),
            (
                l.t("tui-mouse-click-arrow"),
                l.t("tui-mouse-click-arrow-help"),
            ),
            (l.t("tui-mouse-wheel"), l.t("tui-mouse-wheel-help")),
        ],
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for bnd in &BINDINGS[i + 1..] {
                if a.ctx != bnd.ctx {
                    continue;
                }
                for ka in a.keys {
                    assert!(
                        !bnd.keys.contains(ka),
                        "{:?} bound twice in {:?}",
                        ka,
                        a.ctx
                    );
                }
            }
        }
    }

    #[test]
    fn uppercase_g_is_bottom() {
        let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(&[Context::Main], &ev), Some(Action::Bottom));
        let ev = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(&[Context::Main], &ev), Some(Action::ForceQuit));
    }
}
