//! Which rows the list shows: the [`Filter`] (stream, direction, kind of
//! row), the [`FilterForm`] that edits it, and the connection picker that
//! sets its stream. Pure: the [`App`](super::App) keeps the filter and
//! rebuilds the list when one of these hands it a new one.

use super::index::{Index, Row, RowKind};
use super::keys::Action;
use super::tree::dir_words;
use crate::model::Dissection;
use crate::net::{Direction, StreamId};
use crate::ws::Opcode;

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
            parts.push(dir_words(d).to_string());
        }
        if self.op != OpFilter::Any {
            parts.push(self.op.name().to_string());
        }
        parts.join(", ")
    }
}

/// Whether the list shows `row`: packets without HTTP or WebSocket only
/// when `show_packets` (and never one a shown row already covers), and
/// only rows the filter lets through.
pub fn shows(f: &Filter, show_packets: bool, d: &Dissection, ix: &Index, row: &Row) -> bool {
    if row.r.kind == RowKind::Packet && (!show_packets || ix.covered.contains(row.no)) {
        return false;
    }
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
    if f.op == OpFilter::Any {
        return true;
    }
    let op = match row.r.kind {
        RowKind::Frame => d.frames.get(row.r.idx as usize).map(|x| x.opcode()),
        _ => None,
    };
    let note = f.op == OpFilter::Notes && ix.row_note(d, row).is_some();
    f.op.passes(row.r.kind, op, note)
}

/// The filter form being edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FilterForm {
    /// 0 stream, 1 direction, 2 kind.
    pub field: usize,
    /// The values being edited.
    pub draft: Filter,
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
        FilterForm {
            field: 0,
            draft: current,
        }
    }

    /// Carries out a key of the form; `Some` when the form closes.
    /// `streams` are the values the stream field cycles through.
    pub fn act(&mut self, a: Action, streams: &[StreamId]) -> Option<Closed<Filter>> {
        match a {
            Action::Close => return Some(Closed::Cancel),
            Action::Enter => return Some(Closed::Chose(self.draft)),
            Action::FieldUp => self.field = (self.field + 2) % 3,
            Action::FieldDown => self.field = (self.field + 1) % 3,
            Action::Reset => self.draft = Filter::default(),
            Action::ValueNext | Action::ValuePrev => {
                let fwd = a == Action::ValueNext;
                match self.field {
                    0 => self.draft.stream = cycle(streams, self.draft.stream, fwd),
                    1 => {
                        let dirs = [Direction::ClientToServer, Direction::ServerToClient];
                        self.draft.dir = cycle(&dirs, self.draft.dir, fwd);
                    }
                    _ => {
                        let all = OpFilter::ALL;
                        let i = all.iter().position(|&o| o == self.draft.op).unwrap_or(0);
                        let n = all.len();
                        self.draft.op = all[if fwd { (i + 1) % n } else { (i + n - 1) % n }];
                    }
                }
            }
            _ => {}
        }
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
        assert_eq!(form.act(Action::ValueNext, &[3, 7]), None);
        assert_eq!(form.draft.stream, Some(3));
        form.act(Action::FieldUp, &[]);
        assert_eq!(form.field, 2, "up from the first field wraps");
        form.act(Action::ValuePrev, &[]);
        assert_eq!(form.draft.op, OpFilter::Notes);
        let done = form.act(Action::Enter, &[]);
        assert_eq!(
            done,
            Some(Closed::Chose(Filter {
                stream: Some(3),
                dir: None,
                op: OpFilter::Notes
            }))
        );
        assert_eq!(form.act(Action::Close, &[]), Some(Closed::Cancel));
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
