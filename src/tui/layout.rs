//! Where everything is on screen, as pure functions of the terminal size.
//!
//! Drawing places the title line, the panes, the open view and the footer
//! with [`compute`]; the state uses the same areas for what depends on the
//! screen: how far PgUp/PgDn move, and which row, tree item or bytes tab a
//! mouse click hits. [`scroll_to_show`] is the scroll rule of the list and
//! the tree.

use ratatui::layout::{Constraint, Layout, Rect};

use super::hex::HexView;

/// Narrowest terminal the UI is drawn on; below it, only a message.
pub const MIN_WIDTH: u16 = 30;
/// Lowest terminal the UI is drawn on.
pub const MIN_HEIGHT: u16 = 8;

/// A pane: its title line and the lines below it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PaneArea {
    /// The title line.
    pub head: Rect,
    /// The rows, items or bytes lines.
    pub body: Rect,
}

/// Where everything goes on a terminal of a given size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    /// The terminal is too small: only a message is drawn, every other
    /// area is empty.
    pub too_small: bool,
    /// The title line.
    pub title: Rect,
    /// Between the title and the footer: the open view, or the three panes.
    pub main: Rect,
    /// The footer line (hints, status, the search prompt).
    pub footer: Rect,
    /// The packet list.
    pub list: PaneArea,
    /// The detail tree.
    pub tree: PaneArea,
    /// The bytes pane (its title line holds the tabs).
    pub hex: PaneArea,
}

impl Areas {
    /// Lines of text an open view shows (its first line is its title).
    pub fn view_lines(&self) -> usize {
        self.main.height.saturating_sub(1) as usize
    }
}

/// The areas on a terminal of size `screen`.
pub fn compute(screen: Rect) -> Areas {
    if screen.width < MIN_WIDTH || screen.height < MIN_HEIGHT {
        return Areas {
            too_small: true,
            ..Areas::default()
        };
    }
    let [title, main, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(screen);
    let h = main.height;
    let list_h = (h * 2 / 5).max(3);
    let hex_h = (h * 3 / 10).max(3);
    let tree_h = h.saturating_sub(list_h + hex_h).max(2);
    let [list, tree, hex] = Layout::vertical([
        Constraint::Length(list_h),
        Constraint::Length(tree_h),
        Constraint::Min(2),
    ])
    .areas(main);
    Areas {
        too_small: false,
        title,
        main,
        footer,
        list: pane(list),
        tree: pane(tree),
        hex: pane(hex),
    }
}

/// A pane's title line and the area below it.
fn pane(area: Rect) -> PaneArea {
    PaneArea {
        head: Rect { height: 1, ..area },
        body: Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        },
    }
}

/// The columns `s` takes on a terminal (display width, not characters).
fn width_of(s: &str) -> usize {
    ratatui::text::Line::raw(s).width()
}

/// The bytes pane's title, before its tabs, in `l`'s language.
pub fn bytes_title(l: &crate::i18n::L10n) -> String {
    format!(" {} ", l.t("tui-bytes-title"))
}

/// A tab title on the bytes pane's title line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabTitle {
    /// First column.
    pub x: u16,
    /// One past the last column (the title may be cut at the edge).
    pub end: u16,
    /// Which tab of the [`HexView`].
    pub tab: usize,
    /// The text, with a space either side.
    pub label: String,
}

/// Where the tab titles of `hv` go on the bytes pane's title line `head`:
/// after [`bytes_title`], one column apart. When the full titles do not fit, the
/// byte counts are left out; when even the short titles do not fit, the
/// titles start at a later tab (a `‹` says some are to the left) so that the
/// active one is always whole on screen.
pub fn hex_tabs(head: Rect, hv: &HexView, l: &crate::i18n::L10n) -> Vec<TabTitle> {
    let right = head.x.saturating_add(head.width);
    let start_x = head.x + width_of(&bytes_title(l)) as u16;
    let room = right.saturating_sub(start_x) as usize;
    let width =
        |labels: &[String]| -> usize { labels.iter().map(|s| width_of(s) + 1).sum::<usize>() };
    let mut labels: Vec<String> = hv
        .tabs
        .iter()
        .map(|t| format!(" {} ", t.title(l)))
        .collect();
    if width(&labels) > room + 1 {
        labels = hv
            .tabs
            .iter()
            .map(|t| format!(" {} ", t.short_title(l)))
            .collect();
    }
    // The first tab shown: the earliest from which the active tab still fits.
    let active = hv.active.min(labels.len().saturating_sub(1));
    let mut first = 0;
    while first < active && width(&labels[first..=active]) + 2 > room + 1 {
        first += 1;
    }
    let mut out = Vec::new();
    let mut x = start_x;
    if first > 0 {
        x += 2; // "‹ "
    }
    for (i, label) in labels.into_iter().enumerate().skip(first) {
        let w = width_of(&label) as u16;
        if x >= right {
            break;
        }
        out.push(TabTitle {
            x,
            end: x + w,
            tab: i,
            label,
        });
        x += w + 1;
    }
    out
}

/// The first line to show of `len` lines in `height`, so that line `sel` is
/// on screen, moving as little as possible from `offset`, and leaving no
/// empty lines at the bottom that lines above could fill.
pub fn scroll_to_show(offset: usize, sel: Option<usize>, height: usize, len: usize) -> usize {
    let mut offset = offset;
    if let Some(sel) = sel {
        if sel < offset {
            offset = sel;
        } else if height > 0 && sel >= offset + height {
            offset = sel + 1 - height;
        }
    }
    if offset + height > len {
        offset = len.saturating_sub(height);
    }
    offset
}

/// Where the help overlay goes on `screen`: centred, 78 columns wide (the
/// whole width on a terminal barely wider than that), two lines shorter
/// than the screen. Drawing places it there and `PgDn` in the help moves
/// by its inner height, so a page is what one screen shows.
pub fn help_box(screen: Rect) -> Rect {
    let w = if screen.width <= 86 { screen.width } else { 78 };
    let h = screen.height.saturating_sub(2);
    Rect {
        x: screen.x + (screen.width - w) / 2,
        y: screen.y + (screen.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Lines of the help text the help overlay shows at once (inside its border).
pub fn help_page(screen: Rect) -> usize {
    help_box(screen).height.saturating_sub(2) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_panes_share_the_main_area_and_each_has_a_title_line() {
        let a = compute(Rect::new(0, 0, 80, 24));
        assert!(!a.too_small);
        assert_eq!(a.title, Rect::new(0, 0, 80, 1));
        assert_eq!(a.footer, Rect::new(0, 23, 80, 1));
        assert_eq!(a.main, Rect::new(0, 1, 80, 22));
        assert_eq!(a.list.head, Rect::new(0, 1, 80, 1));
        assert_eq!(a.list.body.y, 2);
        let bottom = a.hex.body.y + a.hex.body.height;
        assert_eq!(bottom, 23, "the panes fill the main area");
        assert_eq!(a.view_lines(), 21);
        assert!(compute(Rect::new(0, 0, 29, 24)).too_small);
        assert!(compute(Rect::new(0, 0, 80, 7)).too_small);
    }

    #[test]
    fn scrolling_moves_as_little_as_possible() {
        assert_eq!(scroll_to_show(0, Some(3), 5, 100), 0);
        assert_eq!(scroll_to_show(0, Some(7), 5, 100), 3);
        assert_eq!(scroll_to_show(10, Some(7), 5, 100), 7);
        assert_eq!(scroll_to_show(10, Some(12), 5, 13), 8, "no empty tail");
        assert_eq!(scroll_to_show(4, None, 5, 3), 0);
        for off in 0..20 {
            for sel in 0..15 {
                let once = scroll_to_show(off, Some(sel), 4, 15);
                assert_eq!(scroll_to_show(once, Some(sel), 4, 15), once);
                assert!(sel >= once && sel < once + 4);
            }
        }
    }
}
