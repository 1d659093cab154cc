//! The TUI's state and everything that changes it.
//!
//! [`App`] owns the [`Dissection`] and its [`Index`], the selection, the
//! open view or popup, and the filter. Key and mouse handling are plain
//! methods on it, with no terminal involved, so tests can drive the whole UI
//! by pressing keys and then render it with ratatui's `TestBackend`.

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

use super::hex::{self, HexView};
use super::index::{Index, Row, RowKind, RowRef};
use super::keys::{lookup, Action, Context};
use super::tree::{self, TreeState};
use super::views::{self, ViewKind, ViewState};
use crate::model::{Dissection, Record};
use crate::net::{Direction, StreamId};

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// The packet list.
    List,
    /// The detail tree.
    Tree,
    /// The bytes pane.
    Hex,
}

/// What the caller should do after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Keep running.
    Continue,
    /// Restore the terminal and exit.
    Quit,
}

/// The "kind" part of the filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OpFilter {
    /// Everything.
    #[default]
    Any,
    /// HTTP heads only.
    Http,
    /// Every WebSocket frame.
    Ws,
    /// Data frames (text, binary, continuation).
    Data,
    /// Text frames.
    Text,
    /// Binary frames.
    Binary,
    /// Continuation frames.
    Continuation,
    /// Control frames (close, ping, pong).
    Control,
    /// Ping and pong.
    PingPong,
    /// Close frames.
    Close,
    /// Rows with notes.
    Notes,
}

impl OpFilter {
    /// Every value, in cycling order.
    pub const ALL: [OpFilter; 11] = [
        OpFilter::Any,
        OpFilter::Http,
        OpFilter::Ws,
        OpFilter::Data,
        OpFilter::Text,
        OpFilter::Binary,
        OpFilter::Continuation,
        OpFilter::Control,
        OpFilter::PingPong,
        OpFilter::Close,
        OpFilter::Notes,
    ];

    /// How the form shows it.
    pub fn name(self) -> &'static str {
        match self {
            OpFilter::Any => "everything",
            OpFilter::Http => "HTTP heads",
            OpFilter::Ws => "WebSocket frames",
            OpFilter::Data => "data frames (text, binary, continuation)",
            OpFilter::Text => "text frames (opcode 1)",
            OpFilter::Binary => "binary frames (opcode 2)",
            OpFilter::Continuation => "continuation frames (opcode 0)",
            OpFilter::Control => "control frames (close, ping, pong)",
            OpFilter::PingPong => "ping and pong",
            OpFilter::Close => "close frames",
            OpFilter::Notes => "rows with notes",
        }
    }

    /// Whether a row of this kind and opcode passes (opcode `None` for HTTP).
    fn passes(self, kind: RowKind, op: Option<u8>, has_note: bool) -> bool {
        match self {
            OpFilter::Any => true,
            OpFilter::Notes => has_note,
            OpFilter::Http => kind == RowKind::Http,
            _ if kind != RowKind::Frame => false,
            OpFilter::Ws => true,
            OpFilter::Data => matches!(op, Some(0..=2)),
            OpFilter::Text => op == Some(1),
            OpFilter::Binary => op == Some(2),
            OpFilter::Continuation => op == Some(0),
            OpFilter::Control => matches!(op, Some(8..=15)),
            OpFilter::PingPong => matches!(op, Some(9 | 10)),
            OpFilter::Close => op == Some(8),
        }
    }
}

/// Which rows the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Filter {
    /// Only this stream.
    pub stream: Option<StreamId>,
    /// Only this direction.
    pub dir: Option<Direction>,
    /// Only these rows.
    pub op: OpFilter,
}

impl Filter {
    /// Whether it lets everything through.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// A short description for the status line.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = self.stream {
            parts.push(format!("stream {s}"));
        }
        if let Some(d) = self.dir {
            parts.push(tree::dir_words(d).to_string());
        }
        if self.op != OpFilter::Any {
            parts.push(self.op.name().to_string());
        }
        parts.join(", ")
    }
}

/// The filter form being edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FilterForm {
    /// 0 stream, 1 direction, 2 kind.
    pub field: usize,
    /// The values being edited.
    pub draft: Filter,
}

/// An overlay on top of the panes or view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Popup {
    /// Key help.
    Help {
        /// First line shown.
        scroll: usize,
    },
    /// The filter form.
    Filter(FilterForm),
    /// The connection picker; entry 0 is "all connections".
    Connections {
        /// Selected entry.
        sel: usize,
    },
    /// The search prompt.
    Search {
        /// What was typed.
        input: String,
    },
}

/// Loading progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadState {
    /// Still reading: bytes read and the file size, when known.
    Loading {
        /// Bytes read.
        read: u64,
        /// File size.
        total: Option<u64>,
    },
    /// Finished.
    Done,
    /// Stopped on a damaged capture (everything before was loaded).
    Failed(String),
}

/// Where the panes were drawn last, for mouse clicks.
#[derive(Debug, Clone, Default)]
pub struct Areas {
    /// Rows of the packet list.
    pub list: Rect,
    /// Items of the tree.
    pub tree: Rect,
    /// Lines of the bytes pane.
    pub hex: Rect,
    /// The bytes pane's tab titles: (x start, x end, tab).
    pub tabs: Vec<(u16, u16, usize)>,
    /// The line the tab titles are on.
    pub tabs_y: u16,
    /// The open view.
    pub view: Rect,
}

/// A search moving through the rows a few megabytes at a time.
#[derive(Debug, Clone)]
struct SearchJob {
    needle: Vec<u8>,
    shown: String,
    pos: usize,
    left: usize,
}

/// A row as tests see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selected {
    /// What the row stands for.
    pub kind: RowKind,
    /// Its `No.` (frame number).
    pub no: u64,
    /// Index in the model vector of its kind.
    pub idx: usize,
}

/// The whole UI state. See the module doc.
#[derive(Debug)]
pub struct App {
    pub(crate) d: Dissection,
    pub(crate) ix: Index,
    pub(crate) name: String,
    pub(crate) load: LoadState,
    /// Bumped whenever the model grows (invalidates cached trees and views).
    pub(crate) generation: u64,
    visible: Vec<u32>,
    considered: usize,
    sel: Option<usize>,
    sel_ref: Option<RowRef>,
    sel_no: u64,
    pub(crate) list_offset: usize,
    pub(crate) list_height: usize,
    pub(crate) focus: Pane,
    pub(crate) filter: Filter,
    pub(crate) show_packets: bool,
    pub(crate) tree: TreeState,
    tree_for: Option<(RowRef, u64)>,
    pub(crate) hex_choice: Option<usize>,
    pub(crate) hex_scroll: u64,
    pub(crate) hex_follow: bool,
    pub(crate) hex_size: (u16, u16),
    pub(crate) view: Option<ViewState>,
    pub(crate) view_height: usize,
    pub(crate) popup: Option<Popup>,
    last_search: Option<String>,
    search: Option<SearchJob>,
    pub(crate) status: Option<String>,
    pub(crate) areas: Areas,
}

/// Bytes of payload searched per [`App::tick`].
const SEARCH_BUDGET: usize = 8 << 20;

impl App {
    /// An empty UI for a capture being loaded.
    pub fn new(name: &str) -> App {
        App {
            d: Dissection::default(),
            ix: Index::default(),
            name: name.to_string(),
            load: LoadState::Loading {
                read: 0,
                total: None,
            },
            generation: 0,
            visible: Vec::new(),
            considered: 0,
            sel: None,
            sel_ref: None,
            sel_no: 0,
            list_offset: 0,
            list_height: 10,
            focus: Pane::List,
            filter: Filter::default(),
            show_packets: false,
            tree: TreeState::default(),
            tree_for: None,
            hex_choice: None,
            hex_scroll: 0,
            hex_follow: true,
            hex_size: (80, 6),
            view: None,
            view_height: 20,
            popup: None,
            last_search: None,
            search: None,
            status: None,
            areas: Areas::default(),
        }
    }

    /// Loads a whole capture synchronously (tests, and small captures).
    pub fn load(path: &str, opts: &crate::analyze::Options) -> Result<App, String> {
        super::loader::load_sync(path, opts)
    }

    // ----- Loading -------------------------------------------------------

    /// Files one record.
    pub fn push_record(&mut self, rec: Record) {
        self.ix.push(&mut self.d, rec);
    }

    /// Files one packet's raw bytes (they come just before its record).
    pub fn push_bytes(&mut self, bytes: Vec<u8>) {
        self.d.packet_bytes.push(bytes);
    }

    /// Makes the records pushed since the last call visible.
    pub fn end_batch(&mut self) {
        if self.ix.take_unsorted() {
            self.rebuild_visible();
        } else {
            for i in self.considered..self.ix.rows.len() {
                if self.passes(&self.ix.rows[i]) {
                    self.visible.push(i as u32);
                }
            }
            self.considered = self.ix.rows.len();
            if self.sel.is_none() && !self.visible.is_empty() {
                self.select_pos(0);
            }
        }
        self.generation += 1;
        self.refresh_tree();
    }

    /// Records loading progress.
    pub fn set_progress(&mut self, read: u64, total: Option<u64>) {
        if let LoadState::Loading { .. } = self.load {
            self.load = LoadState::Loading { read, total };
        }
    }

    /// Marks loading finished, with the error that stopped it, if any.
    pub fn finish(&mut self, error: Option<String>) {
        self.end_batch();
        // Rows arriving after their packet may have changed what is covered.
        self.rebuild_visible();
        self.load = match error {
            Some(e) => LoadState::Failed(e),
            None => LoadState::Done,
        };
        self.generation += 1;
        self.refresh_tree();
    }

    /// Whether loading has ended.
    pub fn loaded(&self) -> bool {
        !matches!(self.load, LoadState::Loading { .. })
    }

    /// The model.
    pub fn dissection(&self) -> &Dissection {
        &self.d
    }

    // ----- Queries for tests and drawing --------------------------------

    /// The selected row.
    pub fn selected(&self) -> Option<Selected> {
        let r = self.sel_ref?;
        Some(Selected {
            kind: r.kind,
            no: self.sel_no,
            idx: r.idx as usize,
        })
    }

    /// Number of rows the list shows.
    pub fn visible_len(&self) -> usize {
        self.visible.len()
    }

    /// Position of the selection in the list.
    pub fn selected_pos(&self) -> Option<usize> {
        self.sel
    }

    /// The pane with the keyboard.
    pub fn focus(&self) -> Pane {
        self.focus
    }

    /// The open teaching view.
    pub fn view_kind(&self) -> Option<ViewKind> {
        self.view.as_ref().map(|v| v.kind)
    }

    /// The open popup.
    pub fn popup(&self) -> Option<&Popup> {
        self.popup.as_ref()
    }

    /// The current filter.
    pub fn filter(&self) -> Filter {
        self.filter
    }

    /// The label of the selected tree item.
    pub fn tree_selected(&self) -> Option<&str> {
        self.tree.selected().map(|n| n.label.as_str())
    }

    /// The one-line message shown in the footer, if any.
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// The bytes pane's tabs and highlight for the current selection.
    pub fn hex_view(&self) -> HexView {
        match self.sel_ref {
            Some(r) => hex::compute(
                &self.d,
                &self.ix,
                r,
                self.sel_no,
                self.tree.selected().and_then(|n| n.hl),
                self.hex_choice,
            ),
            None => HexView::default(),
        }
    }

    pub(crate) fn visible_rows(&self) -> &[u32] {
        &self.visible
    }

    pub(crate) fn row_of(&self) -> Option<(RowRef, u64)> {
        self.sel_ref.map(|r| (r, self.sel_no))
    }

    // ----- Rows and selection ------------------------------------------

    fn passes(&self, row: &Row) -> bool {
        let f = &self.filter;
        if row.r.kind == RowKind::Packet && (!self.show_packets || self.ix.covered.contains(row.no))
        {
            return false;
        }
        let sd = self.ix.row_stream(&self.d, row.r);
        if let Some(s) = f.stream {
            if sd.map(|x| x.0) != Some(s) {
                return false;
            }
        }
        if let Some(dir) = f.dir {
            if sd.map(|x| x.1) != Some(dir) {
                return false;
            }
        }
        if f.op == OpFilter::Any {
            return true;
        }
        let op = match row.r.kind {
            RowKind::Frame => self
                .d
                .frames
                .get(row.r.idx as usize)
                .map(|x| x.header.opcode),
            _ => None,
        };
        let note = f.op == OpFilter::Notes && self.ix.row_note(&self.d, row).is_some();
        f.op.passes(row.r.kind, op, note)
    }

    fn rebuild_visible(&mut self) {
        let mut v = Vec::with_capacity(self.visible.len());
        for (i, row) in self.ix.rows.iter().enumerate() {
            if self.passes(row) {
                v.push(i as u32);
            }
        }
        self.visible = v;
        self.considered = self.ix.rows.len();
        self.restore_selection();
    }

    fn restore_selection(&mut self) {
        if self.visible.is_empty() {
            self.sel = None;
            self.tree.set_nodes(Vec::new());
            self.tree_for = None;
            return;
        }
        let Some(r) = self.sel_ref else {
            self.select_pos(0);
            return;
        };
        let rows = &self.ix.rows;
        let start = self
            .visible
            .partition_point(|&i| rows[i as usize].no < self.sel_no);
        let mut pos = start;
        while pos < self.visible.len() && rows[self.visible[pos] as usize].no == self.sel_no {
            if rows[self.visible[pos] as usize].r == r {
                self.sel = Some(pos);
                return;
            }
            pos += 1;
        }
        self.select_pos(start.min(self.visible.len() - 1));
    }

    /// Selects list position `pos` (clamped).
    pub fn select_pos(&mut self, pos: usize) {
        if self.visible.is_empty() {
            return;
        }
        let pos = pos.min(self.visible.len() - 1);
        let row = self.ix.rows[self.visible[pos] as usize];
        let changed = self.sel_ref != Some(row.r);
        self.sel = Some(pos);
        self.sel_ref = Some(row.r);
        self.sel_no = row.no;
        if changed {
            self.hex_choice = None;
            self.hex_follow = true;
            if let Some(v) = &mut self.view {
                v.scroll = 0;
            }
        }
        self.refresh_tree();
    }

    fn refresh_tree(&mut self) {
        let Some(r) = self.sel_ref else { return };
        if self.tree_for == Some((r, self.generation)) {
            return;
        }
        let row_changed = self.tree_for.map(|t| t.0) != Some(r);
        let nodes = tree::build(&self.d, &self.ix, r, self.sel_no);
        self.tree.set_nodes(nodes);
        self.tree_for = Some((r, self.generation));
        if row_changed {
            self.hex_follow = true;
        }
    }

    fn move_rows(&mut self, delta: isize) {
        if self.visible.is_empty() {
            return;
        }
        let cur = self.sel.unwrap_or(0) as isize;
        let max = self.visible.len() as isize - 1;
        self.select_pos((cur + delta).clamp(0, max) as usize);
    }

    /// Moves to the next (or previous) row for which `pred` holds.
    fn jump(&mut self, forward: bool, what: &str, pred: impl Fn(&App, &Row) -> bool) {
        let n = self.visible.len();
        let Some(cur) = self.sel else { return };
        let found = if forward {
            (cur + 1..n).find(|&p| pred(self, &self.ix.rows[self.visible[p] as usize]))
        } else {
            (0..cur)
                .rev()
                .find(|&p| pred(self, &self.ix.rows[self.visible[p] as usize]))
        };
        match found {
            Some(p) => self.select_pos(p),
            None => {
                self.status = Some(format!(
                    "No {} {what} in the list.",
                    if forward { "next" } else { "previous" }
                ))
            }
        }
    }

    fn is_frame(&self, row: &Row) -> bool {
        row.r.kind == RowKind::Frame
    }

    fn starts_message(&self, row: &Row) -> bool {
        row.r.kind == RowKind::Frame
            && self
                .d
                .frames
                .get(row.r.idx as usize)
                .is_some_and(|f| matches!(f.header.opcode, 1 | 2))
    }

    // ----- Keys -----------------------------------------------------------

    /// Handles one key press.
    pub fn handle_key(&mut self, ev: KeyEvent) -> Flow {
        if ev.kind == KeyEventKind::Release {
            return Flow::Continue;
        }
        // Esc typed quickly before a key reaches us as Alt+key (the terminal
        // sends ESC then the key): replay it as the two keys it was.
        if let KeyCode::Char(c) = ev.code {
            if ev.modifiers.contains(KeyModifiers::ALT) {
                let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
                if self.handle_key(esc) == Flow::Quit {
                    return Flow::Quit;
                }
                let plain = ev.modifiers - KeyModifiers::ALT;
                return self.handle_key(KeyEvent::new(KeyCode::Char(c), plain));
            }
        }
        self.status = None;
        if let Some(p) = &self.popup {
            return match p {
                Popup::Search { .. } => {
                    self.search_key(ev);
                    Flow::Continue
                }
                Popup::Help { .. } => {
                    self.help_key(ev);
                    Flow::Continue
                }
                Popup::Filter(_) => {
                    self.filter_key(ev);
                    Flow::Continue
                }
                Popup::Connections { .. } => {
                    self.conn_key(ev);
                    Flow::Continue
                }
            };
        }
        if let Some(v) = &self.view {
            let ctxs: &[Context] = if v.kind == ViewKind::Notes {
                &[Context::Notes, Context::View]
            } else {
                &[Context::View]
            };
            let Some(a) = lookup(ctxs, &ev) else {
                return Flow::Continue;
            };
            return self.view_action(a);
        }
        let pane_ctx = match self.focus {
            Pane::List => Context::List,
            Pane::Tree => Context::Tree,
            Pane::Hex => Context::Hex,
        };
        let Some(a) = lookup(&[pane_ctx, Context::Main], &ev) else {
            return Flow::Continue;
        };
        self.main_action(a)
    }

    fn main_action(&mut self, a: Action) -> Flow {
        match a {
            Action::Quit | Action::ForceQuit => return Flow::Quit,
            Action::Help => self.popup = Some(Popup::Help { scroll: 0 }),
            Action::NextPane => {
                self.focus = match self.focus {
                    Pane::List => Pane::Tree,
                    Pane::Tree => Pane::Hex,
                    Pane::Hex => Pane::List,
                }
            }
            Action::PrevPane => {
                self.focus = match self.focus {
                    Pane::List => Pane::Hex,
                    Pane::Tree => Pane::List,
                    Pane::Hex => Pane::Tree,
                }
            }
            Action::Up => self.pane_move(-1),
            Action::Down => self.pane_move(1),
            Action::PageUp => self.pane_move(-(self.page() as isize)),
            Action::PageDown => self.pane_move(self.page() as isize),
            Action::Top => self.pane_move(isize::MIN / 2),
            Action::Bottom => self.pane_move(isize::MAX / 2),
            Action::NextFrame => self.jump(true, "WebSocket frame", App::is_frame),
            Action::PrevFrame => self.jump(false, "WebSocket frame", App::is_frame),
            Action::NextMessage => self.jump(true, "message", App::starts_message),
            Action::PrevMessage => self.jump(false, "message", App::starts_message),
            Action::Expand => self.tree_expand(),
            Action::Collapse => self.tree_collapse(),
            Action::Enter => {
                if let Some(&i) = self.tree.vis.get(self.tree.sel) {
                    let open = self.tree.is_open(i);
                    self.tree.set_open(!open);
                }
            }
            Action::ExpandAll => self.tree.set_all(true),
            Action::CollapseAll => self.tree.set_all(false),
            Action::Search => {
                self.popup = Some(Popup::Search {
                    input: String::new(),
                })
            }
            Action::Filter => {
                self.popup = Some(Popup::Filter(FilterForm {
                    field: 0,
                    draft: self.filter,
                }))
            }
            Action::Connections => {
                let sel = match self.filter.stream {
                    Some(s) => self
                        .ix
                        .streams
                        .iter()
                        .position(|&x| x == s)
                        .map_or(0, |p| p + 1),
                    None => 0,
                };
                self.popup = Some(Popup::Connections { sel });
            }
            Action::TogglePackets => {
                self.show_packets = !self.show_packets;
                self.rebuild_visible();
                self.status = Some(if self.show_packets {
                    "Showing every packet (a to hide the ones without HTTP or WebSocket).".into()
                } else {
                    "Showing HTTP heads and WebSocket frames only.".into()
                });
            }
            Action::NextTab => self.cycle_tab(1),
            Action::PrevTab => self.cycle_tab(-1),
            Action::View(k) => self.open_view(k),
            Action::Close
            | Action::FieldUp
            | Action::FieldDown
            | Action::ValuePrev
            | Action::ValueNext
            | Action::Reset => {}
        }
        Flow::Continue
    }

    fn page(&self) -> usize {
        match self.focus {
            Pane::List => self.list_height.max(1),
            Pane::Tree => (self.areas.tree.height as usize).max(1),
            Pane::Hex => (self.hex_size.1 as usize).max(1),
        }
    }

    fn pane_move(&mut self, delta: isize) {
        match self.focus {
            Pane::List => self.move_rows(delta),
            Pane::Tree => {
                if self.tree.vis.is_empty() {
                    return;
                }
                let max = self.tree.vis.len() as isize - 1;
                let p = (self.tree.sel as isize).saturating_add(delta).clamp(0, max) as usize;
                self.tree_select(p);
            }
            Pane::Hex => {
                let lines = hex::line_count(&self.hex_view(), self.hex_size.0);
                let max = lines.saturating_sub(u64::from(self.hex_size.1));
                let cur = self.hex_scroll as i128 + delta as i128;
                self.hex_scroll = cur.clamp(0, max as i128) as u64;
                self.hex_follow = false;
            }
        }
    }

    fn tree_select(&mut self, pos: usize) {
        let before = self.tree.sel;
        self.tree.select(pos);
        if self.tree.sel != before {
            self.hex_choice = None;
            self.hex_follow = true;
        }
    }

    fn tree_expand(&mut self) {
        let Some(&i) = self.tree.vis.get(self.tree.sel) else {
            return;
        };
        if !self.tree.has_children(i) {
            return;
        }
        if self.tree.is_open(i) {
            self.tree_select(self.tree.sel + 1);
        } else {
            self.tree.set_open(true);
        }
    }

    fn tree_collapse(&mut self) {
        let Some(&i) = self.tree.vis.get(self.tree.sel) else {
            return;
        };
        if self.tree.has_children(i) && self.tree.is_open(i) {
            self.tree.set_open(false);
        } else if let Some(p) = self.tree.parent(i) {
            if let Some(pos) = self.tree.vis.iter().position(|&x| x == p) {
                self.tree_select(pos);
            }
        }
    }

    fn cycle_tab(&mut self, delta: isize) {
        let hv = self.hex_view();
        let n = hv.tabs.len();
        if n <= 1 {
            self.status = Some("This row has only one bytes tab.".into());
            return;
        }
        let next = (hv.active as isize + delta).rem_euclid(n as isize) as usize;
        self.hex_choice = Some(next);
        self.hex_follow = true;
    }

    fn open_view(&mut self, k: ViewKind) {
        let mut vs = ViewState::new(k);
        if k == ViewKind::Notes {
            // Start at the first note of the selected row.
            if self.sel_ref.is_some() {
                let no = self.sel_no;
                if let Some(i) = self.d.notes.iter().position(|n| n.frame == Some(no)) {
                    vs.note_sel = i;
                }
            }
        }
        self.view = Some(vs);
    }

    fn view_action(&mut self, a: Action) -> Flow {
        let notes = self
            .view
            .as_ref()
            .is_some_and(|v| v.kind == ViewKind::Notes);
        let page = self.view_height.max(1);
        match a {
            Action::ForceQuit => return Flow::Quit,
            Action::Close | Action::Quit => self.view = None,
            Action::Help => self.popup = Some(Popup::Help { scroll: 0 }),
            Action::View(k) => self.open_view(k),
            Action::NextFrame => self.jump(true, "WebSocket frame", App::is_frame),
            Action::PrevFrame => self.jump(false, "WebSocket frame", App::is_frame),
            Action::NextMessage => self.jump(true, "message", App::starts_message),
            Action::PrevMessage => self.jump(false, "message", App::starts_message),
            Action::Enter if notes => self.jump_to_note(),
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => {
                let n_notes = self.d.notes.len();
                if let Some(v) = &mut self.view {
                    if notes {
                        let max = n_notes.saturating_sub(1) as isize;
                        let d: isize = match a {
                            Action::Up => -1,
                            Action::Down => 1,
                            Action::PageUp => -5,
                            Action::PageDown => 5,
                            Action::Top => isize::MIN / 2,
                            _ => isize::MAX / 2,
                        };
                        v.note_sel =
                            (v.note_sel as isize).saturating_add(d).clamp(0, max.max(0)) as usize;
                    } else {
                        // Drawing clamps to the document's length (it may
                        // not be built yet).
                        v.scroll = match a {
                            Action::Up => v.scroll.saturating_sub(1),
                            Action::Down => v.scroll.saturating_add(1),
                            Action::PageUp => v.scroll.saturating_sub(page),
                            Action::PageDown => v.scroll.saturating_add(page),
                            Action::Top => 0,
                            _ => usize::MAX / 2,
                        };
                    }
                }
            }
            _ => {}
        }
        Flow::Continue
    }

    fn jump_to_note(&mut self) {
        let Some(v) = &self.view else { return };
        let Some(n) = self.d.notes.get(v.note_sel) else {
            return;
        };
        let Some(frame) = n.frame else {
            self.status = Some("This note is about the whole capture, not one row.".into());
            return;
        };
        let stream = n.stream;
        let find = |app: &App| {
            let rows = &app.ix.rows;
            let start = app
                .visible
                .partition_point(|&i| rows[i as usize].no < frame);
            let mut best = None;
            for p in start..app.visible.len() {
                let row = &rows[app.visible[p] as usize];
                if row.no != frame {
                    break;
                }
                let s = app.ix.row_stream(&app.d, row.r).map(|x| x.0);
                if stream.is_none() || s == stream {
                    best = Some(p);
                    break;
                }
                best.get_or_insert(p);
            }
            best
        };
        let mut pos = find(self);
        if pos.is_none() {
            // Filtered out, or a packet without its own row: show everything.
            self.filter = Filter::default();
            if !self
                .ix
                .rows
                .iter()
                .any(|r| r.no == frame && r.r.kind != RowKind::Packet)
            {
                self.show_packets = true;
            }
            self.rebuild_visible();
            pos = find(self);
        }
        match pos {
            Some(p) => {
                self.select_pos(p);
                self.view = None;
            }
            None => self.status = Some(format!("Frame {frame} has no row in the list.")),
        }
    }

    fn help_key(&mut self, ev: KeyEvent) {
        let Some(a) = lookup(&[Context::Help], &ev) else {
            return;
        };
        let Some(Popup::Help { scroll }) = &mut self.popup else {
            return;
        };
        match a {
            Action::Close => self.popup = None,
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::Down => *scroll += 1,
            Action::PageUp => *scroll = scroll.saturating_sub(10),
            Action::PageDown => *scroll += 10,
            _ => {}
        }
    }

    fn filter_key(&mut self, ev: KeyEvent) {
        let Some(a) = lookup(&[Context::Filter], &ev) else {
            return;
        };
        let streams: Vec<StreamId> = self.ix.streams.iter().copied().collect();
        let Some(Popup::Filter(form)) = &mut self.popup else {
            return;
        };
        match a {
            Action::Close => self.popup = None,
            Action::Enter => {
                let f = form.draft;
                self.popup = None;
                self.apply_filter(f);
            }
            Action::FieldUp => form.field = (form.field + 2) % 3,
            Action::FieldDown => form.field = (form.field + 1) % 3,
            Action::Reset => form.draft = Filter::default(),
            Action::ValueNext | Action::ValuePrev => {
                let fwd = a == Action::ValueNext;
                match form.field {
                    0 => form.draft.stream = cycle(&streams, form.draft.stream, fwd),
                    1 => {
                        let dirs = [Direction::ClientToServer, Direction::ServerToClient];
                        form.draft.dir = cycle(&dirs, form.draft.dir, fwd);
                    }
                    _ => {
                        let all = OpFilter::ALL;
                        let i = all.iter().position(|&o| o == form.draft.op).unwrap_or(0);
                        let n = all.len();
                        form.draft.op = all[if fwd { (i + 1) % n } else { (i + n - 1) % n }];
                    }
                }
            }
            _ => {}
        }
    }

    /// Sets the filter and rebuilds the list.
    pub fn apply_filter(&mut self, f: Filter) {
        self.filter = f;
        self.rebuild_visible();
        if self.visible.is_empty() {
            self.status =
                Some("No row matches the filter (f to change it, x in the form clears it).".into());
        }
    }

    fn conn_key(&mut self, ev: KeyEvent) {
        let Some(a) = lookup(&[Context::Connections], &ev) else {
            return;
        };
        let n = self.ix.streams.len() + 1;
        let Some(Popup::Connections { sel }) = &mut self.popup else {
            return;
        };
        match a {
            Action::Close => self.popup = None,
            Action::Up => *sel = sel.saturating_sub(1),
            Action::Down => *sel = (*sel + 1).min(n - 1),
            Action::Top => *sel = 0,
            Action::Bottom => *sel = n - 1,
            Action::Enter => {
                let pick = if *sel == 0 {
                    None
                } else {
                    self.ix.streams.iter().nth(*sel - 1).copied()
                };
                self.popup = None;
                let mut f = self.filter;
                f.stream = pick;
                self.apply_filter(f);
                if pick.is_some() {
                    self.select_pos(0);
                }
            }
            _ => {}
        }
    }

    // ----- Search ---------------------------------------------------------

    fn search_key(&mut self, ev: KeyEvent) {
        let Some(Popup::Search { input }) = &mut self.popup else {
            return;
        };
        match lookup(&[Context::Search], &ev) {
            Some(Action::Close) => {
                self.popup = None;
                return;
            }
            Some(Action::Enter) => {
                let q = if input.is_empty() {
                    self.last_search.clone().unwrap_or_default()
                } else {
                    input.clone()
                };
                self.popup = None;
                if q.is_empty() {
                    return;
                }
                self.start_search(&q);
                return;
            }
            _ => {}
        }
        match ev.code {
            KeyCode::Backspace => {
                input.pop();
            }
            KeyCode::Char('u') if ev.modifiers.contains(KeyModifiers::CONTROL) => input.clear(),
            KeyCode::Char('c') if ev.modifiers.contains(KeyModifiers::CONTROL) => {
                self.popup = None;
            }
            KeyCode::Char(c)
                if !ev.modifiers.contains(KeyModifiers::CONTROL) && input.chars().count() < 200 =>
            {
                input.push(c)
            }
            _ => {}
        }
    }

    /// Starts searching payload text from the row after the selection.
    pub fn start_search(&mut self, q: &str) {
        self.last_search = Some(q.to_string());
        if self.visible.is_empty() {
            self.status = Some("Nothing to search yet.".into());
            return;
        }
        let start = self.sel.map_or(0, |s| s + 1) % self.visible.len();
        self.search = Some(SearchJob {
            needle: q.as_bytes().to_ascii_lowercase(),
            shown: q.to_string(),
            pos: start,
            left: self.visible.len(),
        });
        self.tick();
    }

    /// Whether a search is running.
    pub fn searching(&self) -> bool {
        self.search.is_some()
    }

    /// Does a slice of background work (the search); returns whether more is pending.
    pub fn tick(&mut self) -> bool {
        let Some(mut job) = self.search.take() else {
            return false;
        };
        let mut spent = 0usize;
        while job.left > 0 && spent < SEARCH_BUDGET {
            if job.pos >= self.visible.len() {
                job.pos = 0;
            }
            let row = self.ix.rows[self.visible[job.pos] as usize];
            let (hit, cost) = self.row_matches(&row, &job.needle);
            spent += cost + 64;
            if hit {
                let p = job.pos;
                self.select_pos(p);
                self.status = Some(format!(
                    "Found \"{}\" in frame {} (/ then Enter: next match).",
                    super::text::escape(&job.shown, 40),
                    row.no
                ));
                return false;
            }
            job.pos += 1;
            job.left -= 1;
        }
        if job.left == 0 {
            self.status = Some(format!(
                "\"{}\" is in no payload of the rows shown.",
                super::text::escape(&job.shown, 40)
            ));
            return false;
        }
        self.status = Some(format!(
            "Searching for \"{}\"…",
            super::text::escape(&job.shown, 40)
        ));
        self.search = Some(job);
        true
    }

    fn row_matches(&self, row: &Row, needle: &[u8]) -> (bool, usize) {
        match row.r.kind {
            RowKind::Http => {
                let raw = self
                    .d
                    .http
                    .get(row.r.idx as usize)
                    .map_or(&[][..], |h| &h.raw[..]);
                (contains_ci(raw, needle), raw.len())
            }
            RowKind::Frame => {
                let Some(f) = self.d.frames.get(row.r.idx as usize) else {
                    return (false, 0);
                };
                let mut cost = 0;
                let msg = tree::message_of(&self.d, &self.ix, f);
                let compressed = msg.is_some_and(|m| m.compressed);
                if !compressed {
                    cost += f.payload.len();
                    if contains_ci(&f.payload, needle) {
                        return (true, cost);
                    }
                }
                if let Some(m) = msg {
                    let first = m.ws_frames.first() == Some(&f.index);
                    if first && (compressed || m.ws_frames.len() > 1) {
                        cost += m.bytes().len();
                        if contains_ci(m.bytes(), needle) {
                            return (true, cost);
                        }
                    }
                }
                (false, cost)
            }
            RowKind::Packet => (false, 0),
        }
    }

    // ----- Mouse ----------------------------------------------------------

    /// Handles a mouse event, using where the panes were last drawn.
    pub fn handle_mouse(&mut self, ev: MouseEvent) {
        let (x, y) = (ev.column, ev.row);
        let inside = |r: Rect| x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
        match ev.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                if self.popup.is_some() {
                    return;
                }
                if self.view.is_some() {
                    return;
                }
                if y == self.areas.tabs_y {
                    if let Some(&(_, _, t)) =
                        self.areas.tabs.iter().find(|(a, b, _)| x >= *a && x < *b)
                    {
                        self.focus = Pane::Hex;
                        self.hex_choice = Some(t);
                        self.hex_follow = true;
                        return;
                    }
                }
                if inside(self.areas.list) {
                    self.focus = Pane::List;
                    let pos = self.list_offset + (y - self.areas.list.y) as usize;
                    if pos < self.visible.len() {
                        self.select_pos(pos);
                    }
                } else if inside(self.areas.tree) {
                    self.focus = Pane::Tree;
                    let pos = self.tree.offset + (y - self.areas.tree.y) as usize;
                    if let Some(&i) = self.tree.vis.get(pos) {
                        self.tree_select(pos);
                        // A click on the ▸/▾ opens or closes.
                        let arrow_x = self.areas.tree.x + 2 * u16::from(self.tree.nodes[i].depth);
                        if self.tree.has_children(i) && (x == arrow_x || x == arrow_x + 1) {
                            let open = self.tree.is_open(i);
                            self.tree.set_open(!open);
                        }
                    }
                } else if inside(self.areas.hex) {
                    self.focus = Pane::Hex;
                }
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let d: isize = if ev.kind == MouseEventKind::ScrollDown {
                    3
                } else {
                    -3
                };
                if self.popup.is_some() {
                    return;
                }
                if let Some(v) = &mut self.view {
                    if v.kind == ViewKind::Notes {
                        let max = self.d.notes.len().saturating_sub(1) as isize;
                        v.note_sel =
                            (v.note_sel as isize + d.signum()).clamp(0, max.max(0)) as usize;
                    } else {
                        let max = views::doc_len(v).saturating_sub(self.view_height);
                        v.scroll = (v.scroll as isize + d).clamp(0, max as isize) as usize;
                    }
                    return;
                }
                let saved = self.focus;
                if inside(self.areas.list) {
                    self.focus = Pane::List;
                } else if inside(self.areas.tree) {
                    self.focus = Pane::Tree;
                } else if inside(self.areas.hex) {
                    self.focus = Pane::Hex;
                } else {
                    return;
                }
                self.pane_move(d);
                self.focus = saved;
            }
            _ => {}
        }
    }
}

fn cycle<T: Copy + PartialEq>(all: &[T], cur: Option<T>, fwd: bool) -> Option<T> {
    if all.is_empty() {
        return None;
    }
    let i = cur.and_then(|c| all.iter().position(|&x| x == c));
    match (i, fwd) {
        (None, true) => Some(all[0]),
        (None, false) => all.last().copied(),
        (Some(i), true) if i + 1 < all.len() => Some(all[i + 1]),
        (Some(i), false) if i > 0 => Some(all[i - 1]),
        _ => None,
    }
}

/// Case-insensitive (ASCII) substring test; `needle` is lowercase.
pub fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    if needle.is_empty() {
        return true;
    }
    if hay.len() < needle.len() {
        return false;
    }
    let first = needle[0];
    let first_up = first.to_ascii_uppercase();
    let last = hay.len() - needle.len();
    let mut i = 0;
    while i <= last {
        let c = hay[i];
        if (c == first || c == first_up)
            && hay[i..i + needle.len()]
                .iter()
                .zip(needle)
                .all(|(a, b)| a.to_ascii_lowercase() == *b)
        {
            return true;
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_case_insensitively() {
        assert!(contains_ci(b"Hello, WebSocket!", b"websocket"));
        assert!(!contains_ci(b"Hello", b"hello!"));
        assert!(contains_ci(b"", b""));
    }

    #[test]
    fn cycles_through_values_and_none() {
        let v = [1, 2];
        assert_eq!(cycle(&v, None, true), Some(1));
        assert_eq!(cycle(&v, Some(2), true), None);
        assert_eq!(cycle(&v, None, false), Some(2));
        assert_eq!(cycle(&v, Some(1), false), None);
    }
}
