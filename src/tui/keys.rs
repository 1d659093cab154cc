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
    /// The help text.
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
    b(C::Main, &[k('q')], Action::Quit, "quit"),
    b(C::Main, &[ctrl('c')], Action::ForceQuit, "quit at once"),
    b(
        C::Main,
        &[k('?'), code(KeyCode::F(1))],
        Action::Help,
        "this help",
    ),
    b(
        C::Main,
        &[code(KeyCode::Tab)],
        Action::NextPane,
        "next pane: list → details → bytes",
    ),
    b(
        C::Main,
        &[code(KeyCode::BackTab)],
        Action::PrevPane,
        "previous pane",
    ),
    b(
        C::Main,
        &[code(KeyCode::Up), k('k')],
        Action::Up,
        "up (row, tree item, bytes line)",
    ),
    b(
        C::Main,
        &[code(KeyCode::Down), k('j')],
        Action::Down,
        "down",
    ),
    b(
        C::Main,
        &[code(KeyCode::PageUp), ctrl('b')],
        Action::PageUp,
        "page up",
    ),
    b(
        C::Main,
        &[code(KeyCode::PageDown), ctrl('f'), k(' ')],
        Action::PageDown,
        "page down",
    ),
    b(
        C::Main,
        &[k('g'), code(KeyCode::Home)],
        Action::Top,
        "first",
    ),
    b(
        C::Main,
        &[k('G'), code(KeyCode::End)],
        Action::Bottom,
        "last",
    ),
    b(
        C::Main,
        &[k('n')],
        Action::NextFrame,
        "next WebSocket frame",
    ),
    b(
        C::Main,
        &[k('p')],
        Action::PrevFrame,
        "previous WebSocket frame",
    ),
    b(
        C::Main,
        &[k(']')],
        Action::NextMessage,
        "next message (its first frame)",
    ),
    b(C::Main, &[k('[')], Action::PrevMessage, "previous message"),
    b(
        C::Main,
        &[k('/')],
        Action::Search,
        "search payload text (/ then Enter again: next match)",
    ),
    b(
        C::Main,
        &[k('f')],
        Action::Filter,
        "filter by stream, direction, opcode, display filter",
    ),
    b(C::Main, &[k('s')], Action::Connections, "pick a connection"),
    b(
        C::Main,
        &[k('a')],
        Action::TogglePackets,
        "show/hide the other TCP packets",
    ),
    b(
        C::Main,
        &[k('t')],
        Action::NextTab,
        "next bytes tab (Frame, Reassembled, Unmasked…)",
    ),
    b(
        C::Main,
        &[k('T')],
        Action::CycleTime,
        "time format: since start / previous row / UTC clock",
    ),
    b(
        C::Main,
        &[k('e')],
        Action::ExpandAll,
        "expand the whole tree",
    ),
    b(
        C::Main,
        &[k('E')],
        Action::CollapseAll,
        "collapse the whole tree",
    ),
    b(
        C::Main,
        &[k('1')],
        Action::View(ViewKind::Handshake),
        "view: handshake and the Accept, step by step",
    ),
    b(
        C::Main,
        &[k('2')],
        Action::View(ViewKind::Header),
        "view: frame header, bit by bit",
    ),
    b(
        C::Main,
        &[k('3')],
        Action::View(ViewKind::Unmask),
        "view: unmasking, byte by byte",
    ),
    b(
        C::Main,
        &[k('4')],
        Action::View(ViewKind::Message),
        "view: the whole message (JSON pretty-printed)",
    ),
    b(
        C::Main,
        &[k('5')],
        Action::View(ViewKind::Summary),
        "view: connection summary, bytes per layer",
    ),
    b(
        C::Main,
        &[k('6')],
        Action::View(ViewKind::Notes),
        "view: notes (RFC violations, capture problems)",
    ),
    b(
        C::Main,
        &[k('7')],
        Action::View(ViewKind::Exercise),
        "view: the course exercise's checklist",
    ),
    b(
        C::Main,
        &[k('8')],
        Action::View(ViewKind::Flow),
        "view: flow graph of the connection",
    ),
    b(
        C::Main,
        &[k('9')],
        Action::View(ViewKind::Follow),
        "view: follow the connection (TCP, TLS, chat)",
    ),
    // Per pane.
    b(
        C::List,
        &[code(KeyCode::Enter), code(KeyCode::Right)],
        Action::NextPane,
        "go to the details of the row",
    ),
    b(
        C::Tree,
        &[code(KeyCode::Enter)],
        Action::Enter,
        "open/close the tree item",
    ),
    b(
        C::Tree,
        &[code(KeyCode::Right), k('l')],
        Action::Expand,
        "open the tree item",
    ),
    b(
        C::Tree,
        &[code(KeyCode::Left), k('h')],
        Action::Collapse,
        "close the tree item (or go to its parent)",
    ),
    b(
        C::Hex,
        &[code(KeyCode::Right), k('l')],
        Action::NextTab,
        "next bytes tab",
    ),
    b(
        C::Hex,
        &[code(KeyCode::Left), k('h')],
        Action::PrevTab,
        "previous bytes tab",
    ),
    // Teaching views.
    b(
        C::View,
        &[k('q'), code(KeyCode::Esc)],
        Action::Close,
        "close the view",
    ),
    b(C::View, &[ctrl('c')], Action::ForceQuit, "quit at once"),
    b(
        C::View,
        &[k('?'), code(KeyCode::F(1))],
        Action::Help,
        "help",
    ),
    b(
        C::Notes,
        &[code(KeyCode::Enter)],
        Action::Enter,
        "go to the row of the selected note",
    ),
    b(
        C::Flow,
        &[code(KeyCode::Enter)],
        Action::Enter,
        "select the arrow's row (closing does too)",
    ),
    b(
        C::Flow,
        &[k('m')],
        Action::Mode,
        "arrows per packet / per HTTP head or frame",
    ),
    b(
        C::Follow,
        &[k('m')],
        Action::Mode,
        "next mode: TCP, decrypted TLS, chat",
    ),
    b(
        C::View,
        &[code(KeyCode::Up), k('k')],
        Action::Up,
        "scroll up (notes: previous note)",
    ),
    b(
        C::View,
        &[code(KeyCode::Down), k('j')],
        Action::Down,
        "scroll down (notes: next note)",
    ),
    b(
        C::View,
        &[code(KeyCode::PageUp), ctrl('b')],
        Action::PageUp,
        "page up",
    ),
    b(
        C::View,
        &[code(KeyCode::PageDown), ctrl('f'), k(' ')],
        Action::PageDown,
        "page down",
    ),
    b(C::View, &[k('g'), code(KeyCode::Home)], Action::Top, "top"),
    b(
        C::View,
        &[k('G'), code(KeyCode::End)],
        Action::Bottom,
        "bottom",
    ),
    b(
        C::View,
        &[k('n')],
        Action::NextFrame,
        "next frame (the view follows)",
    ),
    b(C::View, &[k('p')], Action::PrevFrame, "previous frame"),
    b(C::View, &[k(']')], Action::NextMessage, "next message"),
    b(C::View, &[k('[')], Action::PrevMessage, "previous message"),
    b(
        C::View,
        &[k('1')],
        Action::View(ViewKind::Handshake),
        "handshake view",
    ),
    b(
        C::View,
        &[k('2')],
        Action::View(ViewKind::Header),
        "frame header view",
    ),
    b(
        C::View,
        &[k('3')],
        Action::View(ViewKind::Unmask),
        "unmasking view",
    ),
    b(
        C::View,
        &[k('4')],
        Action::View(ViewKind::Message),
        "message view",
    ),
    b(
        C::View,
        &[k('5')],
        Action::View(ViewKind::Summary),
        "connection summary view",
    ),
    b(
        C::View,
        &[k('6')],
        Action::View(ViewKind::Notes),
        "notes view",
    ),
    b(
        C::View,
        &[k('7')],
        Action::View(ViewKind::Exercise),
        "exercise checklist view",
    ),
    b(
        C::View,
        &[k('8')],
        Action::View(ViewKind::Flow),
        "flow view",
    ),
    b(
        C::View,
        &[k('9')],
        Action::View(ViewKind::Follow),
        "follow view",
    ),
    // Overlays.
    b(
        C::Help,
        &[k('q'), k('?'), code(KeyCode::Esc), code(KeyCode::F(1))],
        Action::Close,
        "close the help",
    ),
    b(
        C::Help,
        &[code(KeyCode::Up), k('k')],
        Action::Up,
        "scroll up",
    ),
    b(
        C::Help,
        &[code(KeyCode::Down), k('j')],
        Action::Down,
        "scroll down",
    ),
    b(C::Help, &[code(KeyCode::PageUp)], Action::PageUp, "page up"),
    b(
        C::Help,
        &[code(KeyCode::PageDown), k(' ')],
        Action::PageDown,
        "page down",
    ),
    b(
        C::Help,
        &[k('g'), code(KeyCode::Home)],
        Action::Top,
        "to the top",
    ),
    b(
        C::Help,
        &[k('G'), code(KeyCode::End)],
        Action::Bottom,
        "to the end",
    ),
    b(
        C::Filter,
        &[code(KeyCode::Esc), k('q')],
        Action::Close,
        "cancel",
    ),
    b(
        C::Filter,
        &[code(KeyCode::Enter)],
        Action::Enter,
        "apply the filter",
    ),
    b(
        C::Filter,
        &[code(KeyCode::Up), k('k'), code(KeyCode::BackTab)],
        Action::FieldUp,
        "previous field",
    ),
    b(
        C::Filter,
        &[code(KeyCode::Down), k('j'), code(KeyCode::Tab)],
        Action::FieldDown,
        "next field",
    ),
    b(
        C::Filter,
        &[code(KeyCode::Left), k('h')],
        Action::ValuePrev,
        "previous value",
    ),
    b(
        C::Filter,
        &[code(KeyCode::Right), k('l'), k(' ')],
        Action::ValueNext,
        "next value",
    ),
    b(
        C::Filter,
        &[k('x'), code(KeyCode::Backspace), code(KeyCode::Delete)],
        Action::Reset,
        "clear the whole filter (at once)",
    ),
    b(
        C::Filter,
        &[k('?'), code(KeyCode::F(1))],
        Action::Help,
        "help",
    ),
    b(
        C::FilterExpr,
        &[code(KeyCode::Esc)],
        Action::Close,
        "cancel",
    ),
    b(
        C::FilterExpr,
        &[code(KeyCode::Enter)],
        Action::Enter,
        "apply (only a valid, green expression)",
    ),
    b(
        C::FilterExpr,
        &[code(KeyCode::BackTab)],
        Action::FieldUp,
        "previous field",
    ),
    b(
        C::FilterExpr,
        &[code(KeyCode::Tab)],
        Action::FieldDown,
        "next field",
    ),
    b(
        C::FilterExpr,
        &[code(KeyCode::Up)],
        Action::Up,
        "earlier expression (none yet: previous field)",
    ),
    b(
        C::FilterExpr,
        &[code(KeyCode::Down)],
        Action::Down,
        "later expression (none yet: next field)",
    ),
    b(C::FilterExpr, &[code(KeyCode::F(1))], Action::Help, "help"),
    b(
        C::Connections,
        &[code(KeyCode::Esc), k('q')],
        Action::Close,
        "cancel",
    ),
    b(
        C::Connections,
        &[code(KeyCode::Enter)],
        Action::Enter,
        "show only this connection",
    ),
    b(
        C::Connections,
        &[code(KeyCode::Up), k('k')],
        Action::Up,
        "previous connection",
    ),
    b(
        C::Connections,
        &[code(KeyCode::Down), k('j')],
        Action::Down,
        "next connection",
    ),
    b(
        C::Connections,
        &[k('g'), code(KeyCode::Home)],
        Action::Top,
        "first",
    ),
    b(
        C::Connections,
        &[k('G'), code(KeyCode::End)],
        Action::Bottom,
        "last",
    ),
    b(
        C::Search,
        &[code(KeyCode::Enter)],
        Action::Enter,
        "search from the selected row on (wraps around)",
    ),
    b(C::Search, &[code(KeyCode::Esc)], Action::Close, "cancel"),
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

/// Title of each context in the help.
fn context_title(ctx: Context) -> &'static str {
    match ctx {
        Context::Main => "Main screen (any pane)",
        Context::List => "Packet list",
        Context::Tree => "Details tree",
        Context::Hex => "Bytes pane",
        Context::View => "Teaching views (1-9)",
        Context::Notes => "Notes view",
        Context::Flow => "Flow view (8; ↑↓ select an arrow)",
        Context::Follow => "Follow view (9)",
        Context::Help => "This help",
        Context::Filter => "Filter form (f)",
        Context::FilterExpr => "Filter form: display filter field (type; Ctrl-u clears)",
        Context::Connections => "Connection picker (s)",
        Context::Search => "Search prompt (/)",
    }
}

/// Lines the help overlay's text has: each section's title and keys, a
/// blank line between sections (as the help draws them), so that `G` and
/// `PgDn` in the help stop at its last page.
pub fn help_len() -> usize {
    let sections = help_sections();
    let keys: usize = sections.iter().map(|(_, k)| 1 + k.len()).sum();
    keys + sections.len().saturating_sub(1)
}

/// The help, grouped by context: (title, [(keys, text)]).
pub fn help_sections() -> Vec<(&'static str, Vec<(String, &'static str)>)> {
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
        let lines: Vec<(String, &'static str)> = BINDINGS
            .iter()
            .filter(|b| b.ctx == ctx)
            .map(|b| {
                let keys: Vec<String> = b.keys.iter().map(key_label).collect();
                (keys.join(" "), b.help)
            })
            .collect();
        if !lines.is_empty() {
            out.push((context_title(ctx), lines));
        }
    }
    out.push((
        "Mouse",
        vec![
            (
                "click".to_string(),
                "select a row, a tree item or a bytes tab",
            ),
            ("click ▸/▾".to_string(), "open/close a tree item"),
            ("wheel".to_string(), "scroll the pane under the pointer"),
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
