//! The TUI's state and everything that changes it.
//!
//! [`App`] owns the [`Dissection`] and its [`Index`], the selection, the
//! open view or popup, and composes the parts with state of their own: the
//! [`Filter`] (with its form and the connection picker, in
//! [`filter`]), the [`Search`] and the detail [`TreeState`].
//! Keys ([`keys`]) and mouse events ([`mouse`])
//! are turned into actions by pure functions and carried out here, with no
//! terminal involved, so tests can drive the whole UI by pressing keys and
//! then render it with ratatui's `TestBackend`.
//!
//! Drawing only reads the App. What depends on the terminal's size goes
//! through [`App::fit`], called before each frame: it remembers the size
//! (PgUp/PgDn and mouse clicks use its [`Areas`]) and scrolls each pane so
//! its selection is on screen.

use crate::ws::Opcode;
use crossterm::event::{KeyEvent, KeyEventKind, MouseEvent};
use ratatui::layout::Rect;

use super::filter::{self, Closed, Filter, FilterForm};
use super::hex::{self, HexView};
use super::index::{Index, Row, RowKind, RowRef};
use super::keys::{self, lookup, Action, Context};
use super::layout::{self, Areas};
use super::list::TimeFormat;
use super::mouse::{self, MouseAction};
use super::search::{self, Progress, Search};
use super::tree::{self, TreeState};
use super::views::{self, Ctx, ViewKind, ViewState};
use crate::model::{Dissection, Record};
use crate::net::StreamId;

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
    /// How long one pass over the rows (applying a filter) may take before
    /// it yields to the keys; `None` (tests): the whole list at once.
    slice: Option<std::time::Duration>,
    /// The last pass stopped at its time limit: rows wait for [`App::tick`].
    filtering: bool,
    /// The status line shows the pass's progress (cleared when it ends).
    filter_status: bool,
    sel: Option<usize>,
    sel_ref: Option<RowRef>,
    sel_no: u64,
    /// First list position on screen.
    pub(crate) list_offset: usize,
    pub(crate) focus: Pane,
    pub(crate) filter: Filter,
    pub(crate) show_packets: bool,
    pub(crate) tree: TreeState,
    tree_for: Option<(RowRef, u64)>,
    pub(crate) hex_choice: Option<usize>,
    pub(crate) hex_scroll: u64,
    /// The next frame scrolls the bytes pane to the highlight.
    pub(crate) hex_follow: bool,
    pub(crate) view: Option<ViewState>,
    pub(crate) popup: Option<Popup>,
    search: Search,
    /// Display filter expressions applied in this session, oldest first
    /// (↑/↓ in the form's expression field recall them).
    filter_history: Vec<String>,
    /// The filter form, while the help opened from it is shown.
    help_return: Option<FilterForm>,
    pub(crate) status: Option<String>,
    /// The terminal the last frame was fitted to.
    screen: Rect,
    /// How the list's Time column shows time (`T` cycles it).
    pub(crate) time_format: TimeFormat,
    /// The user has moved the selection: loading no longer moves it to the
    /// upgrade request.
    touched: bool,
    /// Handshake records already looked at for the upgrade request.
    hs_seen: usize,
    /// The first upgrade request (its frame and stream), once known.
    upgrade: Option<(u64, StreamId)>,
    /// The list scrolls to keep the selection on screen; off after the
    /// mouse wheel scrolled it (as in Wireshark, the wheel does not move the
    /// selection), on again when the selection moves.
    list_follow: bool,
    /// `--lang`: the language of every text the TUI shows (locales/*-tui*.ftl).
    pub(crate) lang: crate::i18n::Lang,
}

/// The terminal size assumed until the first frame is fitted.
const DEFAULT_SCREEN: Rect = Rect {
    x: 0,
    y: 0,
    width: 80,
    height: 24,
};

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
            slice: None,
            filtering: false,
            filter_status: false,
            sel: None,
            sel_ref: None,
            sel_no: 0,
            list_offset: 0,
            focus: Pane::List,
            filter: Filter::default(),
            show_packets: false,
            tree: TreeState::default(),
            tree_for: None,
            hex_choice: None,
            hex_scroll: 0,
            hex_follow: true,
            view: None,
            popup: None,
            search: Search::default(),
            filter_history: Vec::new(),
            help_return: None,
            status: None,
            screen: DEFAULT_SCREEN,
            time_format: TimeFormat::default(),
            touched: false,
            hs_seen: 0,
            upgrade: None,
            list_follow: true,
            lang: crate::i18n::Lang::En,
        }
    }

    /// Loads a whole capture synchronously (tests, and small captures).
    pub fn load(path: &str, opts: &crate::analyze::Options) -> Result<App, String> {
        super::loader::load_sync(path, opts)
    }

    /// Sets the language of the TUI's texts (`--lang`; English until set).
    pub fn set_lang(&mut self, lang: crate::i18n::Lang) {
        self.lang = lang;
        self.generation += 1;
    }

    /// The messages of the TUI's language (`locales/*-tui*.ftl`).
    pub(crate) fn l(&self) -> &'static crate::i18n::L10n {
        crate::i18n::L10n::get(self.lang)
    }

    // ----- Loading -------------------------------------------------------

    /// Files one record.
    pub fn push_record(&mut self, rec: Record) {
        self.ix.push(&mut self.d, rec);
    }

    /// Files one record whose long payload the loading thread spilled to
    /// `loc`.
    pub fn push_spilled(&mut self, rec: Record, loc: Option<super::store::Loc>) {
        self.ix.push_spilled(&mut self.d, rec, loc);
    }

    /// Files where one piece of a connection's reassembled stream is.
    pub fn push_piece(&mut self, p: crate::model::StreamPiece) {
        self.ix.push_piece(p);
    }

    /// Reads the loading thread's spill.
    pub fn set_spill(&mut self, s: std::sync::Arc<std::sync::Mutex<super::store::Spill>>) {
        self.ix.store.set_shared(s);
    }

    /// Files one packet's raw bytes (they come just before its record),
    /// handed over in memory: they go to the spill file, not the heap.
    pub fn push_bytes(&mut self, bytes: Vec<u8>) {
        self.ix.store.push_packet_bytes(&bytes);
    }

    /// Notes where the next packet's bytes are in the capture file (they
    /// come just before its record); they are read back when shown.
    pub fn push_packet_at(&mut self, offset: u64, len: u32) {
        self.ix.store.push_packet_at(offset, len);
    }

    /// The file to read packets back from: the capture, or standard
    /// input's spool.
    pub fn set_capture_file(&mut self, f: std::fs::File) {
        self.ix.store.set_capture(f);
    }

    /// Makes the records pushed since the last call visible.
    pub fn end_batch(&mut self) {
        if self.ix.take_unsorted() {
            self.rebuild_visible();
        } else {
            self.consider_new_rows();
            if self.sel.is_none() && self.sel_ref.is_none() && !self.visible.is_empty() {
                self.select_pos(0);
            } else if self.sel.is_none() {
                self.settle_selection();
            }
        }
        self.open_on_upgrade();
        self.generation += 1;
        self.refresh_tree();
    }

    /// Selects the first WebSocket upgrade request (the list opens on it,
    /// as docs/tui.md says), unless the user has moved the selection. Runs
    /// after each batch, so it happens as soon as the handshake is known
    /// while the capture is still loading.
    fn open_on_upgrade(&mut self) {
        for h in self.d.handshakes.get(self.hs_seen..).unwrap_or_default() {
            if self.upgrade.is_none_or(|(f, _)| h.request_frame < f) {
                self.upgrade = Some((h.request_frame, h.stream));
            }
        }
        self.hs_seen = self.d.handshakes.len();
        if self.touched {
            return;
        }
        let Some((frame, stream)) = self.upgrade else {
            return;
        };
        let rows = &self.ix.rows;
        let start = self
            .visible
            .partition_point(|&i| rows.at(i as usize).no < frame);
        let pos = (start..self.visible.len())
            .take_while(|&p| rows.at(self.visible[p] as usize).no == frame)
            .find(|&p| {
                let r = rows.at(self.visible[p] as usize).r;
                r.kind == RowKind::Http
                    && self.d.http.get(r.idx as usize).is_some_and(|h| {
                        h.stream == stream && h.direction == crate::net::Direction::ClientToServer
                    })
            });
        if let Some(p) = pos {
            if self.sel != Some(p) {
                self.select_pos(p);
            }
        }
    }

    /// Records loading progress.
    pub fn set_progress(&mut self, read: u64, total: Option<u64>) {
        if let LoadState::Loading { .. } = self.load {
            self.load = LoadState::Loading { read, total };
        }
    }

    /// Marks loading finished, with the error that stopped it, if any.
    pub fn finish(&mut self, error: Option<String>) {
        self.load = match error {
            Some(e) => LoadState::Failed(e),
            None => LoadState::Done,
        };
        self.end_batch();
        self.ix.shrink(&mut self.d);
        // Rows arriving after their packet may have changed what is covered
        // (and notes made at a connection's end what a display filter sees).
        self.rebuild_visible();
        self.open_on_upgrade();
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

    /// The model's look-up tables (the rows among them).
    pub fn index(&self) -> &Index {
        &self.ix
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

    /// The `No.` of every row shown, in order (what the list shows; the
    /// display filter tests compare it with `dump -Y`).
    pub fn visible_frames(&self) -> Vec<u64> {
        self.visible
            .iter()
            .filter_map(|&i| self.ix.rows.get(i as usize).map(|r| r.no))
            .collect()
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
        self.filter.clone()
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
        match self.sel_ref.filter(|_| self.sel.is_some()) {
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

    /// The list position the list scrolls to keep on screen: the
    /// selection, unless the mouse wheel scrolled the list away from it.
    pub(crate) fn list_keep(&self) -> Option<usize> {
        self.sel.filter(|_| self.list_follow)
    }

    /// How the Time column shows time.
    pub fn time_format(&self) -> TimeFormat {
        self.time_format
    }

    /// The first list position on screen (after [`App::fit`]).
    pub fn list_offset(&self) -> usize {
        self.list_offset
    }

    pub(crate) fn row_of(&self) -> Option<(RowRef, u64)> {
        // Nothing on the list is selected (the filter hides every row):
        // no row's bytes or views.
        self.sel?;
        self.sel_ref.map(|r| (r, self.sel_no))
    }

    /// Where things are on the terminal the last frame was fitted to.
    pub fn areas(&self) -> Areas {
        layout::compute(self.screen)
    }

    /// What a view in `area` is built from.
    pub(crate) fn view_ctx(&self, area: Rect) -> Ctx<'_> {
        Ctx::new(&self.d, &self.ix, self.row_of(), area, self.lang)
    }

    // ----- The screen ----------------------------------------------------

    /// Fits the state to a terminal of size `screen`, before a frame is
    /// drawn on it: remembers the size (what PgUp/PgDn move by and what a
    /// mouse click hits depend on it), scrolls each pane so its selection
    /// is on screen, and builds the open view's document for its width.
    /// Drawing computes the same scroll positions; it changes nothing.
    pub fn fit(&mut self, screen: Rect) {
        self.screen = screen;
        let a = layout::compute(screen);
        if a.too_small {
            return;
        }
        if let Some(mut vs) = self.view.take() {
            views::fit(a.main, &mut vs, &self.view_ctx(a.main), self.generation);
            self.view = Some(vs);
            return;
        }
        let n = self.visible.len();
        if n > 0 {
            let h = a.list.body.height as usize;
            self.list_offset = layout::scroll_to_show(self.list_offset, self.list_keep(), h, n);
        }
        self.tree.scroll_to_show(a.tree.body.height as usize);
        let hv = self.hex_view();
        self.hex_scroll = hex::scroll_for(&hv, a.hex.body, self.hex_scroll, self.hex_follow);
        self.hex_follow = false;
    }

    // ----- Rows and selection ------------------------------------------

    fn passes(&self, row: &Row) -> bool {
        filter::shows(&self.filter, self.show_packets, &self.d, &self.ix, row)
    }

    fn rebuild_visible(&mut self) {
        self.visible = Vec::with_capacity(self.visible.len());
        self.considered = 0;
        self.consider_new_rows();
        self.settle_selection();
    }

    /// Lets a pass over the rows (a new filter on a capture of millions of
    /// rows reads every record back from the records file) take at most
    /// `d` before the keys are read again; [`App::tick`] goes on with it.
    pub fn set_time_slice(&mut self, d: std::time::Duration) {
        self.slice = Some(d);
    }

    /// Puts the selection back on the row it was on, once the rows up to
    /// it have been considered: while a pass is cut short and that row is
    /// not reached yet, nothing is selected (the selected row is kept in
    /// `sel_ref` and `sel_no`).
    fn settle_selection(&mut self) {
        if !self.filtering {
            self.restore_selection();
            return;
        }
        let Some(r) = self.sel_ref else {
            if self.sel.is_none() && !self.visible.is_empty() {
                self.select_pos(0);
            }
            return;
        };
        match self.position_of(self.sel_no, r) {
            Ok(p) => self.select_pos(p),
            Err(_) => self.sel = None,
        }
    }

    /// Where row `r` of packet `no` is in the list (`Err`: not shown, and
    /// where that packet's rows would start).
    fn position_of(&self, no: u64, r: RowRef) -> Result<usize, usize> {
        let rows = &self.ix.rows;
        let start = self
            .visible
            .partition_point(|&i| rows.at(i as usize).no < no);
        (start..self.visible.len())
            .take_while(|&p| rows.at(self.visible[p] as usize).no == no)
            .find(|&p| rows.at(self.visible[p] as usize).r == r)
            .ok_or(start)
    }

    /// Adds the rows not yet considered that pass the filter. A display
    /// filter judges a packet with all its records, the last of which to
    /// arrive is its `packet` record: while loading, rows of packets not
    /// yet read wait for a later batch.
    fn consider_new_rows(&mut self) {
        let ready = match (&self.filter.expr, self.ix.packets.last()) {
            (None, _) => u64::MAX,
            _ if self.loaded() => u64::MAX,
            (Some(_), Some(p)) => p.frame,
            (Some(_), None) => 0,
        };
        let deadline = self.slice.map(|d| std::time::Instant::now() + d);
        let mut i = self.considered;
        self.filtering = false;
        while i < self.ix.rows.len() && self.ix.rows.at(i).no <= ready {
            if self.passes(&self.ix.rows.at(i)) {
                self.visible.push(i as u32);
            }
            i += 1;
            if i.is_multiple_of(256) && deadline.is_some_and(|t| std::time::Instant::now() >= t) {
                self.filtering = i < self.ix.rows.len();
                break;
            }
        }
        self.considered = i;
    }

    /// Whether a pass over the rows was cut short and goes on in
    /// [`App::tick`].
    pub fn filtering(&self) -> bool {
        self.filtering
    }

    /// How far the pass over the rows is, in percent.
    fn filter_percent(&self) -> u64 {
        let n = self.ix.rows.len().max(1) as u64;
        self.considered as u64 * 100 / n
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
        match self.position_of(self.sel_no, r) {
            Ok(pos) => self.sel = Some(pos),
            Err(start) => self.select_pos(start.min(self.visible.len() - 1)),
        }
    }

    /// Selects list position `pos` (clamped).
    pub fn select_pos(&mut self, pos: usize) {
        if self.visible.is_empty() {
            return;
        }
        let pos = pos.min(self.visible.len() - 1);
        let row = self.ix.rows.at(self.visible[pos] as usize);
        let changed = self.sel_ref != Some(row.r);
        self.list_follow = true;
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
        let nodes = tree::build(&self.d, &self.ix, r, self.sel_no, self.lang);
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
    /// `what` is the message id of the status saying there is none.
    fn jump(&mut self, forward: bool, what: &str, pred: impl Fn(&App, &Row) -> bool) {
        let n = self.visible.len();
        let Some(cur) = self.sel else { return };
        let found = if forward {
            (cur + 1..n).find(|&p| pred(self, &self.ix.rows.at(self.visible[p] as usize)))
        } else {
            (0..cur)
                .rev()
                .find(|&p| pred(self, &self.ix.rows.at(self.visible[p] as usize)))
        };
        match found {
            Some(p) => self.select_pos(p),
            None => {
                self.status = Some(crate::tr!(
                    self.l(),
                    what,
                    forward = if forward { "next" } else { "previous" }
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
                .ix
                .frames
                .get(row.r.idx as usize)
                .is_some_and(|f| matches!(f.opcode(), Opcode::Text | Opcode::Binary))
    }

    // ----- Keys -----------------------------------------------------------

    /// Handles one key press.
    pub fn handle_key(&mut self, ev: KeyEvent) -> Flow {
        let before = self.sel_ref;
        let flow = self.key(ev);
        self.touched |= self.sel_ref != before;
        flow
    }

    fn key(&mut self, ev: KeyEvent) -> Flow {
        if ev.kind == KeyEventKind::Release {
            return Flow::Continue;
        }
        if let Some([esc, key]) = keys::split_alt(&ev) {
            if self.key(esc) == Flow::Quit {
                return Flow::Quit;
            }
            return self.key(key);
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
            let ctxs: &[Context] = match v.kind {
                ViewKind::Notes => &[Context::Notes, Context::View],
                ViewKind::Flow => &[Context::Flow, Context::View],
                ViewKind::Follow => &[Context::Follow, Context::View],
                _ => &[Context::View],
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
            Action::Up => self.pane_move(self.focus, -1),
            Action::Down => self.pane_move(self.focus, 1),
            Action::PageUp => self.pane_move(self.focus, -(self.page() as isize)),
            Action::PageDown => self.pane_move(self.focus, self.page() as isize),
            Action::Top => self.pane_move(self.focus, isize::MIN / 2),
            Action::Bottom => self.pane_move(self.focus, isize::MAX / 2),
            Action::NextFrame => self.jump(true, "tui-status-no-frame", App::is_frame),
            Action::PrevFrame => self.jump(false, "tui-status-no-frame", App::is_frame),
            Action::NextMessage => self.jump(true, "tui-status-no-message", App::starts_message),
            Action::PrevMessage => self.jump(false, "tui-status-no-message", App::starts_message),
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
                self.popup = Some(Popup::Filter(FilterForm::new(self.filter.clone())))
            }
            Action::Connections => {
                let streams = self.ix.streams.iter().copied();
                let sel = filter::picker_entry(self.filter.stream, streams);
                self.popup = Some(Popup::Connections { sel });
            }
            Action::TogglePackets => {
                self.show_packets = !self.show_packets;
                self.rebuild_visible();
                self.status = Some(self.l().t(if self.show_packets {
                    "tui-status-all-packets"
                } else {
                    "tui-status-ws-rows"
                }));
            }
            Action::NextTab => self.cycle_tab(1),
            Action::PrevTab => self.cycle_tab(-1),
            Action::CycleTime => {
                self.time_format = self.time_format.next();
                self.status = Some(crate::tr!(
                    self.l(),
                    "tui-status-time",
                    format = self.time_format.name(self.l())
                ));
            }
            Action::View(k) => self.open_view(k),
            Action::Close
            | Action::FieldUp
            | Action::FieldDown
            | Action::ValuePrev
            | Action::ValueNext
            | Action::Reset
            | Action::Mode => {}
        }
        Flow::Continue
    }

    /// Lines PgUp/PgDn move in the focused pane.
    fn page(&self) -> usize {
        let a = self.areas();
        let body = match self.focus {
            Pane::List => a.list.body,
            Pane::Tree => a.tree.body,
            Pane::Hex => a.hex.body,
        };
        (body.height as usize).max(1)
    }

    /// Moves the selection of `pane` (the bytes pane: its scroll) by `delta`.
    fn pane_move(&mut self, pane: Pane, delta: isize) {
        match pane {
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
                let body = self.areas().hex.body;
                let lines = hex::line_count(&self.hex_view(), body.width);
                let max = lines.saturating_sub(u64::from(body.height));
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
            self.status = Some(self.l().t("tui-status-one-tab"));
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
        match self.view.as_ref().map(|v| v.kind) {
            Some(ViewKind::Flow) => {
                if let Some(f) = self.flow_action(a) {
                    return f;
                }
            }
            Some(ViewKind::Follow) => {
                if let Some(f) = self.follow_action(a) {
                    return f;
                }
            }
            _ => {}
        }
        let notes = self
            .view
            .as_ref()
            .is_some_and(|v| v.kind == ViewKind::Notes);
        let page = self.areas().view_lines().max(1);
        match a {
            Action::ForceQuit => return Flow::Quit,
            Action::Close | Action::Quit => self.view = None,
            Action::Help => self.popup = Some(Popup::Help { scroll: 0 }),
            Action::View(k) => self.open_view(k),
            Action::NextFrame => self.jump(true, "tui-status-no-frame", App::is_frame),
            Action::PrevFrame => self.jump(false, "tui-status-no-frame", App::is_frame),
            Action::NextMessage => self.jump(true, "tui-status-no-message", App::starts_message),
            Action::PrevMessage => self.jump(false, "tui-status-no-message", App::starts_message),
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

    /// The flow view's own keys: arrows, mode, and selecting the arrow's
    /// row (Enter, or closing the view). `None`: a key all views share.
    fn flow_action(&mut self, a: Action) -> Option<Flow> {
        let main = self.areas().main;
        let height = views::window_lines(main, ViewKind::Flow);
        let row = self.row_of();
        // Built from the fields, not `view_ctx`, so that the view can be
        // borrowed mutably beside it.
        let ctx = Ctx::new(&self.d, &self.ix, row, main, self.lang);
        let generation = self.generation;
        let v = self.view.as_mut()?;
        // The arrows of the selection's connection, as they are on screen.
        v.flow.prepare(&ctx, generation);
        let delta: isize = match a {
            Action::Up => -1,
            Action::Down => 1,
            Action::PageUp => -(height as isize),
            Action::PageDown => height as isize,
            Action::Top => isize::MIN / 2,
            Action::Bottom => isize::MAX / 2,
            Action::Mode => {
                v.flow.toggle(&self.ix);
                return Some(Flow::Continue);
            }
            Action::Enter | Action::Close | Action::Quit => {
                let row = v.flow.selected_row(&self.ix);
                self.view = None;
                if let Some(row) = row {
                    self.select_row(row);
                }
                return Some(Flow::Continue);
            }
            _ => return None,
        };
        v.flow.step(delta);
        v.flow.scroll(height);
        Some(Flow::Continue)
    }

    /// The follow view's own keys: scrolling by lines and the mode.
    fn follow_action(&mut self, a: Action) -> Option<Flow> {
        let main = self.areas().main;
        let height = views::window_lines(main, ViewKind::Follow);
        let row = self.row_of();
        // Built from the fields, not `view_ctx`, so that the view can be
        // borrowed mutably beside it.
        let ctx = Ctx::new(&self.d, &self.ix, row, main, self.lang);
        let generation = self.generation;
        let v = self.view.as_mut()?;
        // A chat entry takes two lines or more: a page is half as many entries.
        let page = if v.follow.mode == views::follow::FollowMode::Chat {
            (height / 2).max(1)
        } else {
            height
        } as isize;
        let delta = match a {
            Action::Up => Some(-1),
            Action::Down => Some(1),
            Action::PageUp => Some(-page),
            Action::PageDown => Some(page),
            Action::Top => {
                v.follow.top = views::follow::Pos::default();
                return Some(Flow::Continue);
            }
            Action::Bottom => None,
            Action::Mode => {
                v.follow.next_mode();
                return Some(Flow::Continue);
            }
            _ => return None,
        };
        if let Some(s) = views::flow::stream_of(&ctx) {
            v.follow.prepare(&ctx, s, generation);
        }
        views::follow::scroll(&ctx, &mut v.follow, delta, height);
        Some(Flow::Continue)
    }

    /// Selects `row` in the list. A packet row the list hides is shown by
    /// the row of what the packet completes (same packet, same
    /// connection), or else every packet is shown, as `a` does; a row the
    /// filter hides clears the filter, saying so.
    fn select_row(&mut self, row: Row) {
        let find = |app: &App, r: RowRef| app.position_of(row.no, r).ok();
        if let Some(p) = find(self, row.r) {
            self.select_pos(p);
            return;
        }
        if row.r.kind == RowKind::Packet && !self.show_packets {
            let stream = self.ix.row_stream(&self.d, row.r).map(|s| s.0);
            // The list's selection already is a row of that packet.
            if self.sel_no == row.no
                && self
                    .sel_ref
                    .is_some_and(|r| self.ix.row_stream(&self.d, r).map(|s| s.0) == stream)
            {
                return;
            }
            let rows = &self.ix.rows;
            let start = self
                .visible
                .partition_point(|&i| rows.at(i as usize).no < row.no);
            let unit = (start..self.visible.len())
                .take_while(|&p| rows.at(self.visible[p] as usize).no == row.no)
                .find(|&p| {
                    let r = rows.at(self.visible[p] as usize).r;
                    self.ix.row_stream(&self.d, r).map(|s| s.0) == stream
                });
            if let Some(p) = unit {
                self.select_pos(p);
                return;
            }
            self.show_packets = true;
            self.rebuild_visible();
            self.status = Some(crate::tr!(
                self.l(),
                "tui-status-packets-for",
                frame = row.no.to_string()
            ));
            if let Some(p) = find(self, row.r) {
                self.select_pos(p);
                return;
            }
        }
        self.filter = Filter::default();
        self.rebuild_visible();
        match find(self, row.r) {
            Some(p) => {
                self.select_pos(p);
                self.status = Some(crate::tr!(
                    self.l(),
                    "tui-status-filter-cleared-for",
                    frame = row.no.to_string()
                ));
            }
            None => {
                self.status = Some(crate::tr!(
                    self.l(),
                    "tui-status-no-row",
                    frame = row.no.to_string()
                ))
            }
        }
    }

    fn jump_to_note(&mut self) {
        let Some(v) = &self.view else { return };
        let Some(n) = self.d.notes.get(v.note_sel) else {
            return;
        };
        let Some(frame) = n.frame else {
            self.status = Some(self.l().t("tui-status-note-whole-capture"));
            return;
        };
        let stream = n.stream;
        let find = |app: &App| {
            let rows = &app.ix.rows;
            let start = app
                .visible
                .partition_point(|&i| rows.at(i as usize).no < frame);
            let mut best = None;
            for p in start..app.visible.len() {
                let row = &rows.at(app.visible[p] as usize);
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
            None => {
                self.status = Some(crate::tr!(
                    self.l(),
                    "tui-status-no-row",
                    frame = frame.to_string()
                ))
            }
        }
    }

    fn help_key(&mut self, ev: KeyEvent) {
        let Some(a) = lookup(&[Context::Help], &ev) else {
            return;
        };
        let Some(Popup::Help { scroll }) = &mut self.popup else {
            return;
        };
        // A page is what the help box shows on this terminal; the last
        // page ends with the last line (as the help draws it).
        let page = layout::help_page(self.screen).max(1);
        let last = keys::help_len().saturating_sub(page);
        match a {
            Action::Close => self.popup = self.help_return.take().map(Popup::Filter),
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::Down => *scroll = (*scroll + 1).min(last),
            Action::PageUp => *scroll = scroll.saturating_sub(page),
            Action::PageDown => *scroll = (*scroll + page).min(last),
            Action::Top => *scroll = 0,
            Action::Bottom => *scroll = last,
            _ => {}
        }
    }

    fn filter_key(&mut self, ev: KeyEvent) {
        let Some(Popup::Filter(form)) = &mut self.popup else {
            return;
        };
        let in_expr = form.field == filter::EXPR_FIELD;
        let ctx = if in_expr {
            Context::FilterExpr
        } else {
            Context::Filter
        };
        let action = lookup(&[ctx], &ev);
        if action == Some(Action::Help) {
            // The help covers the form; closing it brings the form back.
            if let Some(Popup::Filter(form)) = self.popup.take() {
                self.help_return = Some(form);
            }
            self.popup = Some(Popup::Help { scroll: 0 });
            return;
        }
        let streams: Vec<StreamId> = self.ix.streams.iter().copied().collect();
        let done = match action {
            Some(a) => form.act(a, &streams, &self.filter_history),
            None if in_expr => keys::prompt_edit(&ev).and_then(|e| form.edit(e)),
            None => None,
        };
        match done {
            None => {}
            Some(Closed::Cancel) => self.popup = None,
            Some(Closed::Chose(f)) => {
                self.popup = None;
                if let Some(e) = &f.expr {
                    let text = e.text().to_string();
                    self.filter_history.retain(|h| *h != text);
                    self.filter_history.push(text);
                }
                let cleared = f.is_empty() && !self.filter.is_empty();
                self.apply_filter(f);
                if cleared {
                    self.status = Some(self.l().t("tui-status-filter-cleared"));
                }
            }
        }
    }

    /// Sets the filter and rebuilds the list.
    pub fn apply_filter(&mut self, f: Filter) {
        self.filter = f;
        self.rebuild_visible();
        self.say_if_no_match();
    }

    /// Says so in the status line when a filter, fully applied, lets no
    /// row through.
    fn say_if_no_match(&mut self) {
        if self.visible.is_empty() && self.loaded() && !self.filtering {
            self.status = Some(self.l().t("tui-status-no-match"));
        }
    }

    fn conn_key(&mut self, ev: KeyEvent) {
        let Some(a) = lookup(&[Context::Connections], &ev) else {
            return;
        };
        let entries = self.ix.streams.len() + 1;
        let Some(Popup::Connections { sel }) = &mut self.popup else {
            return;
        };
        match filter::picker_act(sel, a, entries) {
            None => {}
            Some(Closed::Cancel) => self.popup = None,
            Some(Closed::Chose(entry)) => {
                let pick = match entry {
                    0 => None,
                    e => self.ix.streams.iter().nth(e - 1).copied(),
                };
                self.popup = None;
                let mut f = self.filter.clone();
                f.stream = pick;
                self.apply_filter(f);
                if pick.is_some() {
                    self.select_pos(0);
                }
                if let (Some(s), true) = (pick, self.visible.is_empty() && !self.show_packets) {
                    self.status = Some(crate::tr!(
                        self.l(),
                        "tui-status-connection-empty",
                        stream = s.to_string()
                    ));
                }
            }
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
                let q = self.search.query(input);
                self.popup = None;
                if !q.is_empty() {
                    self.start_search(&q);
                }
                return;
            }
            _ => {}
        }
        if let Some(e) = keys::prompt_edit(&ev) {
            if !search::type_into(input, e) {
                self.popup = None;
            }
        }
    }

    /// Starts searching payload text from the row after the selection.
    pub fn start_search(&mut self, q: &str) {
        let from = self.sel.map_or(0, |s| s + 1);
        if !self.search.start(q, from, self.visible.len()) {
            self.status = Some(self.l().t("tui-search-nothing"));
            return;
        }
        self.tick();
    }

    /// Whether a search is running.
    pub fn searching(&self) -> bool {
        self.search.running()
    }

    /// Whether background work is pending: a pass over the rows or a search.
    pub fn busy(&self) -> bool {
        self.filtering || self.searching()
    }

    /// Does a slice of background work (the rest of a pass over the rows,
    /// then the search); returns whether more is pending.
    pub fn tick(&mut self) -> bool {
        if self.filtering {
            self.consider_new_rows();
            self.settle_selection();
            if self.filtering {
                let percent = self.filter_percent();
                self.status = Some(crate::tr!(self.l(), "tui-filtering", percent = percent));
                self.filter_status = true;
                return true;
            }
            if std::mem::take(&mut self.filter_status) {
                self.status = None;
            }
            self.say_if_no_match();
            self.generation += 1;
            return self.searching();
        }
        match self.search.step(&self.d, &self.ix, &self.visible, self.l()) {
            Progress::Idle => false,
            Progress::Found(pos, msg) => {
                self.select_pos(pos);
                self.status = Some(msg);
                false
            }
            Progress::NotFound(msg) => {
                self.status = Some(msg);
                false
            }
            Progress::Searching(msg) => {
                self.status = Some(msg);
                true
            }
        }
    }

    // ----- Mouse ----------------------------------------------------------

    /// Handles a mouse event, on the screen as the last frame was fitted.
    pub fn handle_mouse(&mut self, ev: MouseEvent) {
        let before = self.sel_ref;
        self.mouse(ev);
        self.touched |= self.sel_ref != before;
    }

    fn mouse(&mut self, ev: MouseEvent) {
        let Some(a) = mouse::action(self, &ev) else {
            return;
        };
        match a {
            MouseAction::Tab(t) => {
                self.focus = Pane::Hex;
                self.hex_choice = Some(t);
                self.hex_follow = true;
            }
            MouseAction::List(pos) => {
                self.focus = Pane::List;
                if let Some(p) = pos {
                    self.select_pos(p);
                }
            }
            MouseAction::Tree(item) => {
                self.focus = Pane::Tree;
                if let Some((pos, toggle)) = item {
                    self.tree_select(pos);
                    if toggle {
                        let open = self
                            .tree
                            .vis
                            .get(pos)
                            .is_some_and(|&i| self.tree.is_open(i));
                        self.tree.set_open(!open);
                    }
                }
            }
            MouseAction::Hex => self.focus = Pane::Hex,
            MouseAction::ScrollView(d) => {
                let lines = self.areas().view_lines();
                let n_notes = self.d.notes.len();
                let Some(v) = &mut self.view else { return };
                if v.kind == ViewKind::Notes {
                    let max = n_notes.saturating_sub(1) as isize;
                    v.note_sel = (v.note_sel as isize + d.signum()).clamp(0, max.max(0)) as usize;
                } else {
                    let max = views::doc_len(v).saturating_sub(lines);
                    v.scroll = (v.scroll as isize + d).clamp(0, max as isize) as usize;
                }
            }
            MouseAction::ScrollPane(Pane::List, d) => {
                // Scroll the list, not the selection (Wireshark's wheel).
                let h = self.areas().list.body.height as usize;
                let max = self.visible.len().saturating_sub(h);
                self.list_offset = self.list_offset.saturating_add_signed(d).min(max);
                self.list_follow = false;
            }
            MouseAction::ScrollPane(pane, d) => self.pane_move(pane, d),
        }
    }
}
