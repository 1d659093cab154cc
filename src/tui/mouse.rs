//! The mouse: what a click or a wheel turn asks for, worked out from where
//! things are on screen ([`layout`], for the terminal size
//! the last frame was drawn at) and how far each pane is scrolled. Pure: the
//! [`App`] carries the answer out in [`App::handle_mouse`].

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use super::app::{App, Pane};
use super::layout;

/// Lines one wheel notch scrolls.
const WHEEL_LINES: isize = 3;

/// What a mouse event asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseAction {
    /// Show this tab of the bytes pane (a click on its title).
    Tab(usize),
    /// Focus the list, and select the row at this position if there is one.
    List(Option<usize>),
    /// Focus the tree, and select the item at this position if there is
    /// one; `true` when the click hit its ▸/▾, which opens or closes it.
    Tree(Option<(usize, bool)>),
    /// Focus the bytes pane.
    Hex,
    /// Scroll the open view by this many lines (the notes view: by one
    /// note, in this direction).
    ScrollView(isize),
    /// Scroll this pane (the one under the pointer) by this many lines.
    ScrollPane(Pane, isize),
}

/// What `ev` asks of `app`; `None` when it asks nothing (a popup is open,
/// the click is outside every pane, another button).
pub fn action(app: &App, ev: &MouseEvent) -> Option<MouseAction> {
    let (x, y) = (ev.column, ev.row);
    let inside = |r: Rect| x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
    if app.popup.is_some() {
        return None;
    }
    let a = app.areas();
    match ev.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            if app.view.is_some() {
                return None;
            }
            if y == a.hex.head.y {
                let tabs = layout::hex_tabs(a.hex.head, &app.hex_view(), app.l());
                if let Some(t) = tabs.iter().find(|t| x >= t.x && x < t.end) {
                    return Some(MouseAction::Tab(t.tab));
                }
            }
            if inside(a.list.body) {
                let pos = app.list_offset + (y - a.list.body.y) as usize;
                Some(MouseAction::List((pos < app.visible_len()).then_some(pos)))
            } else if inside(a.tree.body) {
                let t = &app.tree;
                let pos = t.offset + (y - a.tree.body.y) as usize;
                Some(MouseAction::Tree(t.vis.get(pos).map(|&i| {
                    let arrow_x = a.tree.body.x + 2 * u16::from(t.nodes[i].depth);
                    let on_arrow = x == arrow_x || x == arrow_x + 1;
                    (pos, t.has_children(i) && on_arrow)
                })))
            } else if inside(a.hex.body) {
                Some(MouseAction::Hex)
            } else {
                None
            }
        }
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let d = if ev.kind == MouseEventKind::ScrollDown {
                WHEEL_LINES
            } else {
                -WHEEL_LINES
            };
            if app.view.is_some() {
                return Some(MouseAction::ScrollView(d));
            }
            let pane = if inside(a.list.body) {
                Pane::List
            } else if inside(a.tree.body) {
                Pane::Tree
            } else if inside(a.hex.body) {
                Pane::Hex
            } else {
                return None;
            };
            Some(MouseAction::ScrollPane(pane, d))
        }
        _ => None,
    }
}
