//! Which rows the list shows: the [`Filter`] (stream, direction, kind of
//! row, and a Wireshark display filter [`Expression`]), the [`FilterForm`]
//! that edits it, and the connection picker that sets its stream. Pure: the
//! [`App`](super::App) keeps the filter and rebuilds the list when one of
//! these hands it a new one.
//!
//! The expression is parsed and evaluated by [`crate::filter`], the code
//! behind `dump -Y`; [`packet_passes`] only gathers the records the TUI
//! holds for one packet into the same [`PacketView`] `dump` builds
//! ([`PacketView::of_packet`]), so a row is shown exactly when `dump -Y`
//! keeps the records of its packet (docs/filters.md).

use std::borrow::Cow;
use std::sync::Arc;

use super::index::{Index, Row, RowKind};
use super::keys::{Action, Edit};
use super::records::Rec;
use crate::filter::{Contents, Layer, PacketView, ParseError};
use crate::model::{Dissection, WsFrame, WsMessage};
use crate::net::{Direction, StreamId};
use crate::ws::Opcode;

/// A parsed display filter (`websocket.opcode == 1 && tcp.stream == 2`),
/// shared cheaply between the form and the filter in force; two are equal
/// when their text is.
#[derive(Debug, Clone)]
pub struct Expression(Arc<crate::filter::Filter>);

impl Expression {
    /// Parses `text` with the display-filter parser of `dump -Y`.
    pub fn parse(text: &str) -> Result<Expression, ParseError> {
        crate::filter::Filter::parse(text).map(|f| Expression(Arc::new(f)))
    }

    /// The text it was parsed from.
    pub fn text(&self) -> &str {
        self.0.text()
    }

    /// The parsed filter.
    pub fn filter(&self) -> &crate::filter::Filter {
        &self.0
    }
}

impl PartialEq for Expression {
    fn eq(&self, other: &Self) -> bool {
        self.text() == other.text()
    }
}

impl Eq for Expression {}

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

    /// How the form shows it, in `l`'s language.
    pub fn name(self, l: &crate::i18n::L10n) -> String {
        l.t(match self {
            OpFilter::Any => "tui-show-any",
            OpFilter::Http => "tui-show-http",
            OpFilter::Ws => "tui-show-ws",
            OpFilter::Data => "tui-show-data",
            OpFilter::Text => "tui-show-text",
            OpFilter::Binary => "tui-show-binary",
            OpFilter::Continuation => "tui-show-continuation",
            OpFilter::Control => "tui-show-control",
            OpFilter::PingPong => "tui-show-ping-pong",
            OpFilter::Close => "tui-show-close",
            OpFilter::Notes => "tui-show-notes",
        })
    }

    /// Whether a row of this kind and opcode passes (opcode `None` for HTTP).
    fn passes(self, kind: RowKind, op: Option<Opcode>, has_note: bool) -> bool {
        match self {
            OpFilter::Any => true,
            OpFilter::Notes => has_note,
            OpFilter::Http => kind == RowKind::Http,
            _ if kind != RowKind::Frame => false,
            OpFilter::Ws => true,
            OpFilter::Data => matches!(
                op,
                Some(Opcode::Continuation | Opcode::Text | Opcode::Binary)
            ),
            OpFilter::Text => op == Some(Opcode::Text),
            OpFilter::Binary => op == Some(Opcode::Binary),
            OpFilter::Continuation => op == Some(Opcode::Continuation),
            OpFilter::Control => op.is_some_and(|o| o.is_control()),
            OpFilter::PingPong => matches!(op, Some(Opcode::Ping | Opcode::Pong)),
            OpFilter::Close => op == Some(Opcode::Close),
        }
    }
}

/// Which rows the list shows: every part given must hold (AND).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    /// Only this stream.
    pub stream: Option<StreamId>,
    /// Only this direction.
    pub dir: Option<Direction>,
    /// Only these rows.
    pub op: OpFilter,
    /// Only rows of packets this display filter selects.
    pub expr: Option<Expression>,
}

impl Filter {
    /// Whether it lets everything through.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// A short description for the title line, in `l`'s language.
    pub fn describe(&self, l: &crate::i18n::L10n) -> String {
        let mut parts = Vec::new();
        if let Some(s) = self.stream {
            parts.push(crate::tr!(l, "tui-filter-stream-n", stream = s.to_string()));
        }
        if let Some(d) = self.dir {
            parts.push(super::tree::dir_words(d, l.lang()));
        }
        if self.op != OpFilter::Any {
            parts.push(self.op.name(l));
        }
        if let Some(e) = &self.expr {
            parts.push(e.text().to_string());
        }
        parts.join(", ")
    }
}

/// The TUI's [`Contents`]: long payloads and messages are read back from
/// the spill ([`Index::payload`], [`Index::message_bytes`]) for the packet
/// being judged only.
struct Spilled<'a> {
    d: &'a Dissection,
    ix: &'a Index,
}

impl Contents for Spilled<'_> {
    fn frame_payload<'f>(&self, f: &'f WsFrame) -> Cow<'f, [u8]> {
        self.ix.payload(self.d, f, usize::MAX)
    }

    fn message_bytes<'m>(&self, m: &'m WsMessage) -> Cow<'m, [u8]> {
        self.ix.message_bytes(self.d, m, usize::MAX)
    }
}

/// Whether packet `no` passes the display filter `expr`, judged as `dump
/// -Y` judges it: with every record credited to the packet (its `packet`
/// record, the HTTP heads and WebSocket frames that end in it, the
/// handshake and messages they complete, the TLS records it completed,
/// its notes), found through the index. Payload fields read the spill for
/// this packet only. Rows must be sorted ([`Index::take_unsorted`]).
pub fn packet_passes(expr: &Expression, d: &Dissection, ix: &Index, no: u64) -> bool {
    let packet = ix.packet_info(no);
    // The records read back for this packet, in the order of its rows;
    // the layers borrow them.
    enum Held<'a> {
        Http(&'a crate::model::HttpMessage),
        Frame(Rec<'a, WsFrame>),
        Message(Rec<'a, WsMessage>),
    }
    let mut held = Vec::new();
    let mut handshake = None;
    let start = ix.rows.partition_point(|r| r.no < no);
    for row in ix.rows.iter_from(start).take_while(|r| r.no == no) {
        let i = row.r.idx as usize;
        match row.r.kind {
            RowKind::Http => {
                let Some(h) = d.http.get(i) else { continue };
                held.push(Held::Http(h));
                let hs = ix
                    .hs_by_stream
                    .get(&h.stream)
                    .and_then(|&k| d.handshakes.get(k as usize));
                if handshake.is_none() {
                    handshake = hs;
                }
            }
            RowKind::Frame => {
                let Some(f) = ix.frames.get(i) else { continue };
                let m = f
                    .message
                    .and_then(|m| ix.msg_by_key.get(f.stream, m))
                    .and_then(|k| ix.messages.get(k as usize))
                    .filter(|m| m.ws_frames.last() == Some(&f.index));
                held.push(Held::Frame(f));
                if let Some(m) = m {
                    held.push(Held::Message(m));
                }
            }
            RowKind::Packet => {}
        }
    }
    let mut layers: Vec<Layer<'_>> = held
        .iter()
        .map(|h| match h {
            Held::Http(h) => Layer::Http(h),
            Held::Frame(f) => Layer::Frame(f),
            Held::Message(m) => Layer::Message(m),
        })
        .collect();
    // `of_packet` keeps only layers credited to `no`: the handshake when
    // its response (or unanswered request) ends here.
    layers.extend(handshake.map(Layer::Handshake));
    if let Some(recs) = ix.tls_by_frame.get(&no) {
        layers.extend(
            recs.iter()
                .filter_map(|&k| d.tls_records.get(k as usize))
                .map(Layer::TlsRecord),
        );
    }
    if let Some(notes) = ix.notes_by_frame.get(&no) {
        layers.extend(
            notes
                .iter()
                .filter_map(|&k| d.notes.get(k as usize))
                .map(Layer::Note),
        );
    }
    let conn = |s: StreamId| {
        ix.conn_by_stream
            .get(&s)
            .and_then(|&k| d.connections.get(k as usize))
            .map(|c| (c.client, c.server))
    };
    let spilled = Spilled { d, ix };
    let mut view = PacketView::of_packet(no, packet.as_deref(), layers, conn);
    view.contents = Some(&spilled);
    expr.filter().matches(&view)
}

/// Whether the list shows `row`: packets without HTTP or WebSocket only
/// when `show_packets` (and never one a shown row already covers), and
/// only rows the filter lets through.
pub fn shows(f: &Filter, show_packets: bool, d: &Dissection, ix: &Index, row: &Row) -> bool {
    if row.r.kind == RowKind::Packet && (!show_packets || ix.covered.contains(row.no)) {
        return false;
    }
    // The stream and direction are in the row's record, read back from
    // the records file: only when the filter asks.
    if f.stream.is_some() || f.dir.is_some() {
        let sd = ix.row_stream(d, row.r);
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
    }
    if f.op != OpFilter::Any {
        let op = match row.r.kind {
            RowKind::Frame => ix.frames.get(row.r.idx as usize).map(|x| x.opcode()),
            _ => None,
        };
        let note = f.op == OpFilter::Notes && ix.row_note(d, row).is_some();
        if !f.op.passes(row.r.kind, op, note) {
            return false;
        }
    }
    f.expr
        .as_ref()
        .is_none_or(|e| packet_passes(e, d, ix, row.no))
}

/// The form's field holding the display filter expression (after the
/// stream, direction and kind menus).
pub const EXPR_FIELD: usize = 3;

/// The filter form being edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterForm {
    /// 0 stream, 1 direction, 2 kind, 3 ([`EXPR_FIELD`]) the expression.
    pub field: usize,
    /// The menu values being edited (`expr` is the one in force when the
    /// form opened; the edited one is `input`).
    pub draft: Filter,
    /// The display filter as typed.
    pub input: String,
    /// `input` parsed as it is typed: `None` when empty, else the
    /// expression or the parser's error (with its column).
    pub parsed: Option<Result<Expression, ParseError>>,
    /// Enter was pressed on an invalid expression (the form says why
    /// nothing happened).
    pub refused: bool,
    /// Which earlier expression ↑/↓ recalled, if any.
    recalled: Option<usize>,
}

/// How a popup (the filter form, the connection picker) was closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closed<T> {
    /// Esc: nothing changes.
    Cancel,
    /// Enter: this was chosen.
    Chose(T),
}

impl FilterForm {
    /// A form on the filter in force.
    pub fn new(current: Filter) -> FilterForm {
        let input = current
            .expr
            .as_ref()
            .map(|e| e.text().to_string())
            .unwrap_or_default();
        let mut form = FilterForm {
            field: 0,
            draft: current,
            input,
            parsed: None,
            refused: false,
            recalled: None,
        };
        form.reparse();
        form
    }

    /// Parses `input` again (after every edit: live validation).
    fn reparse(&mut self) {
        self.refused = false;
        self.parsed = if self.input.trim().is_empty() {
            None
        } else {
            Some(Expression::parse(&self.input))
        };
    }

    /// Whether the expression typed is valid (or empty), so Enter applies.
    pub fn valid(&self) -> bool {
        !matches!(self.parsed, Some(Err(_)))
    }

    /// Carries out a key of the form; `Some` when the form closes.
    /// `streams` are the values the stream field cycles through,
    /// `history` the expressions applied earlier in the session (oldest
    /// first), which ↑/↓ recall in the expression field.
    pub fn act(
        &mut self,
        a: Action,
        streams: &[StreamId],
        history: &[String],
    ) -> Option<Closed<Filter>> {
        let fields = EXPR_FIELD + 1;
        match a {
            Action::Close => return Some(Closed::Cancel),
            Action::Enter => {
                return match &self.parsed {
                    Some(Err(_)) => {
                        self.refused = true;
                        None
                    }
                    Some(Ok(e)) => Some(Closed::Chose(Filter {
                        expr: Some(e.clone()),
                        ..self.draft.clone()
                    })),
                    None => Some(Closed::Chose(Filter {
                        expr: None,
                        ..self.draft.clone()
                    })),
                };
            }
            Action::Up if self.field == EXPR_FIELD && !history.is_empty() => {
                let i = self
                    .recalled
                    .map_or(history.len() - 1, |i| i.saturating_sub(1));
                self.recall(history, Some(i));
            }
            Action::Down if self.field == EXPR_FIELD && !history.is_empty() => {
                let next = self.recalled.map(|i| i + 1).filter(|&i| i < history.len());
                self.recall(history, next);
            }
            Action::FieldUp | Action::Up => self.field = (self.field + fields - 1) % fields,
            Action::FieldDown | Action::Down => self.field = (self.field + 1) % fields,
            Action::Reset => return Some(Closed::Chose(Filter::default())),
            Action::ValueNext | Action::ValuePrev => {
                let fwd = a == Action::ValueNext;
                match self.field {
                    0 => self.draft.stream = cycle(streams, self.draft.stream, fwd),
                    1 => {
                        let dirs = [Direction::ClientToServer, Direction::ServerToClient];
                        self.draft.dir = cycle(&dirs, self.draft.dir, fwd);
                    }
                    2 => {
                        let all = OpFilter::ALL;
                        let i = all.iter().position(|&o| o == self.draft.op).unwrap_or(0);
                        let n = all.len();
                        self.draft.op = all[if fwd { (i + 1) % n } else { (i + n - 1) % n }];
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        None
    }

    /// Puts earlier expression `i` of `history` in the field (`None`: past
    /// the newest, an empty field).
    fn recall(&mut self, history: &[String], i: Option<usize>) {
        self.recalled = i;
        self.input = i.and_then(|i| history.get(i)).cloned().unwrap_or_default();
        self.reparse();
    }

    /// Types into the expression field; `Some` when the form closes
    /// (Ctrl-c).
    pub fn edit(&mut self, e: Edit) -> Option<Closed<Filter>> {
        match e {
            Edit::Cancel => return Some(Closed::Cancel),
            Edit::DeleteBack => {
                self.input.pop();
            }
            Edit::Clear => self.input.clear(),
            Edit::Insert(c) => self.input.push(c),
        }
        self.recalled = None;
        self.reparse();
        None
    }
}

/// The connection picker's entry for the stream filtered on: entry 0 is
/// "all connections", entry `i` the `i`-th of `streams`.
pub fn picker_entry(
    stream: Option<StreamId>,
    mut streams: impl Iterator<Item = StreamId>,
) -> usize {
    match stream {
        Some(s) => streams.position(|x| x == s).map_or(0, |p| p + 1),
        None => 0,
    }
}

/// Carries out a key of the connection picker on its selected entry `sel`
/// of `entries`; `Some` when it closes, with the entry chosen.
pub fn picker_act(sel: &mut usize, a: Action, entries: usize) -> Option<Closed<usize>> {
    match a {
        Action::Close => return Some(Closed::Cancel),
        Action::Up => *sel = sel.saturating_sub(1),
        Action::Down => *sel = (*sel + 1).min(entries - 1),
        Action::Top => *sel = 0,
        Action::Bottom => *sel = entries - 1,
        Action::Enter => return Some(Closed::Chose(*sel)),
        _ => {}
    }
    None
}

/// The next (or previous) of `all` after `cur`; past either end, `None`
/// ("any"), and from `None` the first (or last).
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_through_values_and_none() {
        let v = [1, 2];
        assert_eq!(cycle(&v, None, true), Some(1));
        assert_eq!(cycle(&v, Some(2), true), None);
        assert_eq!(cycle(&v, None, false), Some(2));
        assert_eq!(cycle(&v, Some(1), false), None);
    }

    #[test]
    fn the_form_edits_a_draft_until_enter() {
        let mut form = FilterForm::new(Filter::default());
        assert_eq!(form.act(Action::ValueNext, &[3, 7], &[]), None);
        assert_eq!(form.draft.stream, Some(3));
        form.act(Action::FieldUp, &[], &[]);
        assert_eq!(form.field, EXPR_FIELD, "up from the first field wraps");
        form.act(Action::FieldUp, &[], &[]);
        form.act(Action::ValuePrev, &[], &[]);
        assert_eq!(form.draft.op, OpFilter::Notes);
        let done = form.act(Action::Enter, &[], &[]);
        assert_eq!(
            done,
            Some(Closed::Chose(Filter {
                stream: Some(3),
                dir: None,
                op: OpFilter::Notes,
                expr: None,
            }))
        );
        assert_eq!(form.act(Action::Close, &[], &[]), Some(Closed::Cancel));
    }

    #[test]
    fn the_expression_is_validated_as_typed_and_an_invalid_one_is_not_applied() {
        let mut form = FilterForm::new(Filter::default());
        form.field = EXPR_FIELD;
        for c in "tcp.port == \"80\"".chars() {
            form.edit(Edit::Insert(c));
        }
        let Some(Err(e)) = &form.parsed else {
            panic!(
                "a quoted number for a number field is an error: {:?}",
                form.parsed
            )
        };
        assert_eq!(e.column, 13);
        assert_eq!(form.act(Action::Enter, &[], &[]), None);
        assert!(form.refused);
        form.edit(Edit::Clear);
        for c in "tcp.port == 80".chars() {
            form.edit(Edit::Insert(c));
        }
        assert!(form.valid() && !form.refused);
        let Some(Closed::Chose(f)) = form.act(Action::Enter, &[], &[]) else {
            panic!("a valid expression applies")
        };
        assert_eq!(
            f.expr.map(|e| e.text().to_string()),
            Some("tcp.port == 80".into())
        );
    }

    #[test]
    fn up_and_down_recall_earlier_expressions() {
        let history = ["websocket".to_string(), "http".to_string()];
        let mut form = FilterForm::new(Filter::default());
        form.field = EXPR_FIELD;
        form.act(Action::Up, &[], &history);
        assert_eq!(form.input, "http");
        form.act(Action::Up, &[], &history);
        form.act(Action::Up, &[], &history);
        assert_eq!(form.input, "websocket", "stops at the oldest");
        form.act(Action::Down, &[], &history);
        assert_eq!(form.input, "http");
        form.act(Action::Down, &[], &history);
        assert_eq!(form.input, "", "past the newest: empty");
        assert_eq!(form.field, EXPR_FIELD);
        form.act(Action::Up, &[], &[]);
        assert_eq!(form.field, 2, "without history ↑ moves to the field above");
    }

    #[test]
    fn x_clears_and_applies() {
        let mut form = FilterForm::new(Filter {
            stream: Some(1),
            expr: Expression::parse("websocket").ok(),
            ..Filter::default()
        });
        assert_eq!(form.input, "websocket");
        assert_eq!(
            form.act(Action::Reset, &[], &[]),
            Some(Closed::Chose(Filter::default()))
        );
    }

    #[test]
    fn the_picker_stays_within_its_entries() {
        let mut sel = 0;
        picker_act(&mut sel, Action::Up, 3);
        assert_eq!(sel, 0);
        picker_act(&mut sel, Action::Bottom, 3);
        picker_act(&mut sel, Action::Down, 3);
        assert_eq!(sel, 2);
        assert_eq!(
            picker_act(&mut sel, Action::Enter, 3),
            Some(Closed::Chose(2))
        );
        assert_eq!(picker_entry(Some(7), [3, 7].into_iter()), 2);
        assert_eq!(picker_entry(Some(9), [3, 7].into_iter()), 0);
    }
}
