//! `9` Follow: the selected row's connection as Wireshark's Follow Stream
//! shows it, in three modes switched with `m`:
//!
//! - **TCP stream**: each direction's reassembled bytes, client in red,
//!   server in blue, anything not printable as `.` (Wireshark's ASCII
//!   view), gaps as `[n bytes missing …]`. The pieces are the
//!   reassembler's own deliveries (`Index::pieces`, the events `wsdissect
//!   follow` writes), read back from their packets.
//! - **Decrypted TLS**: for a wss:// connection with keys, what each side
//!   wrote inside TLS: its HTTP heads and WebSocket frames as sent
//!   (`Index::read_sent`).
//! - **Chat**: one entry per WebSocket message (decompressed text, binary
//!   as hex), control frames small.
//!
//! A stream may be a gigabyte: nothing is laid out beyond the screen. A
//! position is a run (a stretch of one direction) and a byte offset in it;
//! lines end after a line feed or when the width is full, and they restart
//! at every 64 KiB of a run, so the line before any position is found by
//! reading at most 64 KiB back.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use super::flow::dir_color;
use super::{dim, Ctx, Doc};
use crate::i18n::L10n;
use crate::model::{follow_text_byte, Dissection};
use crate::net::{Direction, StreamId};
use crate::tr;
use crate::tui::index::{slice, Index, Piece, RowKind};
use crate::tui::list;
use crate::tui::records::Records;
use crate::tui::text::{escape, hex, lossy_prefix};
use crate::ws::Opcode;

/// What the Follow view shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FollowMode {
    /// The reassembled TCP bytes.
    #[default]
    Tcp,
    /// The bytes decrypted from TLS.
    Tls,
    /// One entry per WebSocket message.
    Chat,
}

impl FollowMode {
    /// The next mode (`m`).
    pub fn next(self) -> FollowMode {
        match self {
            FollowMode::Tcp => FollowMode::Tls,
            FollowMode::Tls => FollowMode::Chat,
            FollowMode::Chat => FollowMode::Tcp,
        }
    }

    fn name(self, l: &L10n) -> String {
        l.t(match self {
            FollowMode::Tcp => "view-follow-mode-tcp",
            FollowMode::Tls => "view-follow-mode-tls",
            FollowMode::Chat => "view-follow-mode-chat",
        })
    }
}

/// A place in the followed stream: a run (TCP: the index of its first
/// piece; TLS: of its HTTP head or frame; chat: the entry) and the start
/// of a line in it (`None`: the run's heading line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// The run.
    pub item: usize,
    /// The line's first byte in the run, or the heading.
    pub line: Option<u64>,
}

/// The follow view's state.
#[derive(Debug, Clone, Default)]
pub struct FollowState {
    /// The mode.
    pub mode: FollowMode,
    /// The first line on screen.
    pub top: Pos,
    /// TLS and chat modes: the connection's rows shown (positions in
    /// `Index::rows`).
    units: Vec<u32>,
    /// What `units` was built for.
    built: Option<(StreamId, FollowMode, u64)>,
}

/// Lines restart at every this many bytes of a run, so that finding the
/// line before a position reads at most this much.
const BLOCK: u64 = 64 * 1024;

/// The followed stream in one mode: its runs and their bytes.
pub struct Src<'a> {
    d: &'a Dissection,
    ix: &'a Index,
    mode: FollowMode,
    /// The stream's pieces (read back from the records' file).
    pieces: Option<&'a Records<Piece>>,
    units: &'a [u32],
    width: u64,
    l: &'static L10n,
}

impl<'a> Src<'a> {
    /// The stream of the selection in the mode of `st`.
    pub fn new(ctx: &Ctx<'a>, st: &'a FollowState, stream: StreamId) -> Src<'a> {
        Src {
            d: ctx.d,
            ix: ctx.ix,
            mode: st.mode,
            pieces: ctx.ix.pieces.get(&stream),
            units: &st.units,
            width: ctx.width.max(10) as u64,
            l: L10n::get(ctx.lang),
        }
    }

    fn n(&self) -> usize {
        match self.mode {
            FollowMode::Tcp => self.pieces_len(),
            _ => self.units.len(),
        }
    }

    fn pieces_len(&self) -> usize {
        self.pieces.map_or(0, Records::len)
    }

    fn piece(&self, i: usize) -> Option<Piece> {
        self.pieces?.get(i).map(|p| *p)
    }

    /// The first index in `[lo, hi)` whose piece is not `pred` (the pieces
    /// there being partitioned by it), searched from `lo` outwards: a run
    /// is read from its start, and looking near it touches one chunk of
    /// the records, where a search over the whole stream would decode one
    /// per step.
    fn first_not(&self, lo: usize, hi: usize, pred: impl Fn(&Piece) -> bool) -> usize {
        let is = |j: usize| self.piece(j).is_some_and(|p| pred(&p));
        let (mut lo, mut step) = (lo, 1usize);
        let mut top = lo;
        while top < hi && is(top) {
            lo = top + 1;
            top = top.saturating_add(step);
            step = step.saturating_mul(2);
        }
        let mut hi = top.min(hi);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if is(mid) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// One past the last piece of the run starting at `i`.
    fn run_end(&self, i: usize) -> usize {
        let n = self.pieces_len();
        if i >= n {
            return n;
        }
        self.first_not(i, n, |p| (p.run as usize) <= i)
    }

    fn next_item(&self, i: usize) -> Option<usize> {
        let j = match self.mode {
            FollowMode::Tcp => self.run_end(i),
            _ => i + 1,
        };
        (j < self.n()).then_some(j)
    }

    fn prev_item(&self, i: usize) -> Option<usize> {
        if i == 0 {
            return None;
        }
        Some(match self.mode {
            FollowMode::Tcp => self.piece(i - 1).map_or(0, |p| p.run as usize),
            _ => i - 1,
        })
    }

    fn last_item(&self) -> Option<usize> {
        match self.mode {
            FollowMode::Tcp => self.pieces?.last().map(|p| p.run as usize),
            _ => self.n().checked_sub(1),
        }
    }

    /// Bytes of run `i` shown as text (0 for a gap and in chat mode).
    pub fn len(&self, i: usize) -> u64 {
        match self.mode {
            FollowMode::Tcp => {
                let Some(first) = self.piece(i) else {
                    return 0;
                };
                if first.gap {
                    return 0;
                }
                let Some(last) = self.piece(self.run_end(i) - 1) else {
                    return 0;
                };
                last.offset.saturating_add(last.len) - first.offset
            }
            FollowMode::Tls => self.unit(i).map_or(0, |u| u.len),
            FollowMode::Chat => 0,
        }
    }

    /// Reads run `i` from `off`; returns how many bytes.
    pub fn read(&self, i: usize, off: u64, out: &mut [u8]) -> usize {
        match self.mode {
            FollowMode::Tcp => {
                let Some(first) = self.piece(i) else {
                    return 0;
                };
                let end = self.run_end(i);
                let at = first.offset.saturating_add(off);
                let mut k = self.first_not(i, end, |p| p.offset.saturating_add(p.len) <= at);
                let mut n = 0;
                while n < out.len() {
                    let Some(p) = self.piece(k).filter(|_| k < end) else {
                        break;
                    };
                    let from = (first.offset + off + n as u64).saturating_sub(p.offset);
                    let got = self.ix.read_piece(self.d, &p, from, &mut out[n..]);
                    if got == 0 {
                        break;
                    }
                    n += got;
                    if from + got as u64 >= p.len {
                        k += 1;
                    }
                }
                n
            }
            FollowMode::Tls => {
                let Some(&ri) = self.units.get(i) else {
                    return 0;
                };
                let Some(row) = self.ix.rows.get(ri as usize) else {
                    return 0;
                };
                match row.r.kind {
                    RowKind::Http => self
                        .d
                        .http
                        .get(row.r.idx as usize)
                        .map_or(0, |h| slice(&h.raw, off, out)),
                    RowKind::Frame => self
                        .ix
                        .frames
                        .get(row.r.idx as usize)
                        .map_or(0, |f| self.ix.read_sent(self.d, &f, off, out)),
                    RowKind::Packet => 0,
                }
            }
            FollowMode::Chat => 0,
        }
    }

    /// A TLS-mode unit: direction, frame, length.
    fn unit(&self, i: usize) -> Option<Unit> {
        let &ri = self.units.get(i)?;
        let row = self.ix.rows.get(ri as usize)?;
        let (_, dir) = self.ix.row_stream(self.d, row.r)?;
        let len = match row.r.kind {
            RowKind::Http => self.d.http.get(row.r.idx as usize)?.raw.len() as u64,
            RowKind::Frame => {
                let f = self.ix.frames.get(row.r.idx as usize)?;
                f.header_bytes.len() as u64 + self.ix.payload_len(self.d, &f)
            }
            RowKind::Packet => 0,
        };
        Some(Unit {
            dir,
            frame: row.no,
            len,
        })
    }

    /// Where the line starting at `start` of run `i` ends.
    fn line_end(&self, i: usize, start: u64) -> u64 {
        let len = self.len(i);
        let block_end = (start / BLOCK + 1) * BLOCK;
        let max = (start + self.width).min(len).min(block_end);
        let mut buf = vec![0u8; (max - start) as usize];
        let n = self.read(i, start, &mut buf);
        match buf[..n].iter().position(|&b| b == b'\n') {
            Some(k) => start + k as u64 + 1,
            None if n == 0 => len,
            None => start + n as u64,
        }
    }

    /// The start of the line before the one starting at `p` (> 0) of run `i`.
    fn line_before(&self, i: usize, p: u64) -> u64 {
        let q = p - 1;
        let a = (q / BLOCK) * BLOCK;
        let mut buf = vec![0u8; (q - a) as usize];
        let n = self.read(i, a, &mut buf);
        let l = match buf[..n].iter().rposition(|&b| b == b'\n') {
            Some(k) => a + k as u64 + 1,
            None => a,
        };
        l + (q - l) / self.width * self.width
    }

    /// The next line's position.
    pub fn next(&self, p: Pos) -> Option<Pos> {
        if self.mode == FollowMode::Chat {
            return self.next_item(p.item).map(|item| Pos { item, line: None });
        }
        let len = self.len(p.item);
        let after = match p.line {
            None => 0,
            Some(s) => self.line_end(p.item, s),
        };
        if after < len {
            return Some(Pos {
                item: p.item,
                line: Some(after),
            });
        }
        self.next_item(p.item).map(|item| Pos { item, line: None })
    }

    /// The previous line's position.
    pub fn prev(&self, p: Pos) -> Option<Pos> {
        if self.mode == FollowMode::Chat {
            return self.prev_item(p.item).map(|item| Pos { item, line: None });
        }
        match p.line {
            Some(0) => Some(Pos {
                item: p.item,
                line: None,
            }),
            Some(s) => Some(Pos {
                item: p.item,
                line: Some(self.line_before(p.item, s)),
            }),
            None => {
                let item = self.prev_item(p.item)?;
                let len = self.len(item);
                Some(Pos {
                    item,
                    line: (len > 0).then(|| self.line_before(item, len)),
                })
            }
        }
    }

    /// The last screenful's first line.
    pub fn end(&self, height: usize) -> Pos {
        let Some(item) = self.last_item() else {
            return Pos::default();
        };
        let len = self.len(item);
        let mut p = Pos {
            item,
            line: (len > 0).then(|| self.line_before(item, len)),
        };
        for _ in 1..height {
            match self.prev(p) {
                Some(q) => p = q,
                None => break,
            }
        }
        p
    }

    /// The lines of the entry or run heading at `p` (and its text line).
    fn lines_at(&self, p: Pos, out: &mut Vec<Line<'static>>) {
        match self.mode {
            FollowMode::Chat => self.chat_entry(p.item, out),
            FollowMode::Tcp | FollowMode::Tls => match p.line {
                None => out.push(self.heading(p.item)),
                Some(s) => out.push(self.text_line(p.item, s)),
            },
        }
    }

    fn heading(&self, i: usize) -> Line<'static> {
        let l = self.l;
        let (dir, what) = match self.mode {
            FollowMode::Tcp => {
                let Some(first) = self.piece(i) else {
                    return Line::default();
                };
                if first.gap {
                    let s = tr!(
                        l,
                        "view-follow-gap",
                        len = super::n(first.len),
                        dir = super::dir(l, first.dir),
                        offset = super::n(first.offset)
                    );
                    return Line::from(Span::styled(
                        s,
                        Style::default()
                            .fg(Color::Yellow)
                            .add_modifier(Modifier::BOLD),
                    ));
                }
                let Some(last) = self.piece(self.run_end(i) - 1) else {
                    return Line::default();
                };
                let frames = if last.frame == first.frame {
                    tr!(l, "view-follow-frame", frame = super::n(first.frame))
                } else {
                    tr!(
                        l,
                        "view-follow-frames",
                        first = super::n(first.frame),
                        last = super::n(last.frame)
                    )
                };
                (
                    first.dir,
                    tr!(
                        l,
                        "view-follow-run",
                        frames = frames,
                        len = super::n(self.len(i)),
                        offset = super::n(first.offset)
                    ),
                )
            }
            _ => {
                let Some(u) = self.unit(i) else {
                    return Line::default();
                };
                (
                    u.dir,
                    tr!(
                        l,
                        "view-follow-unit",
                        frame = super::n(u.frame),
                        len = super::n(u.len)
                    ),
                )
            }
        };
        Line::from(Span::styled(
            format!("── {} · {what}", super::dir(l, dir)),
            Style::default()
                .fg(dir_color(dir))
                .add_modifier(Modifier::DIM),
        ))
    }

    fn text_line(&self, i: usize, s: u64) -> Line<'static> {
        let dir = match self.mode {
            FollowMode::Tcp => self.piece(i).map(|p| p.dir),
            _ => self.unit(i).map(|u| u.dir),
        }
        .unwrap_or(Direction::ClientToServer);
        let e = self.line_end(i, s);
        let mut buf = vec![0u8; (e - s) as usize];
        let n = self.read(i, s, &mut buf);
        let text: String = buf[..n]
            .iter()
            .filter(|&&b| b != b'\n' && b != b'\r')
            .map(|&b| match follow_text_byte(b) {
                b'\t' => ' ',
                c => c as char,
            })
            .collect();
        Line::from(Span::styled(text, Style::default().fg(dir_color(dir))))
    }

    fn chat_entry(&self, i: usize, out: &mut Vec<Line<'static>>) {
        let (d, ix) = (self.d, self.ix);
        let Some(row) = self.units.get(i).and_then(|&ri| ix.rows.get(ri as usize)) else {
            return;
        };
        let Some((_, dir)) = ix.row_stream(d, row.r) else {
            return;
        };
        let time = list::row_time(d, ix, &row);
        let l = self.l;
        let (client, server) = (
            l.t("view-follow-chat-client"),
            l.t("view-follow-chat-server"),
        );
        let who_w = client.chars().count().max(server.chars().count()).max(9);
        let who = match dir {
            Direction::ClientToServer => client,
            Direction::ServerToClient => server,
        };
        let color = dir_color(dir);
        let head = |what: String, small: bool| {
            let st = if small {
                dim()
            } else {
                Style::default().fg(color).add_modifier(Modifier::BOLD)
            };
            vec![
                Span::styled(format!("{time:>10} {:>7}  ", row.no), dim()),
                Span::styled(format!("{who:<who_w$} "), Style::default().fg(color)),
                Span::styled(what, st),
            ]
        };
        let w = (self.width as usize).saturating_sub(12).max(10);
        match row.r.kind {
            RowKind::Http => {
                let label = super::flow::unit_label(d, ix, l, row.r);
                out.push(Line::from(head(label, true)));
            }
            RowKind::Frame => {
                let Some(f) = ix.frames.get(row.r.idx as usize) else {
                    return;
                };
                let msg = f
                    .message
                    .and_then(|m| ix.msg_by_key.get(f.stream, m))
                    .and_then(|mi| ix.messages.get(mi as usize));
                match (f.opcode(), msg) {
                    (op, Some(m)) if !op.is_control() => {
                        let n = ix.message_len(d, &m);
                        let bytes = ix.message_bytes(d, &m, w * 3 + 8);
                        let text = m.opcode == Opcode::Text && m.utf8_valid != Some(false);
                        let mut what = format!("{} {} B", if text { "Text" } else { "Binary" }, n);
                        if m.compressed {
                            what.push(' ');
                            what.push_str(&tr!(
                                l,
                                "view-follow-compressed",
                                len = super::n(m.length)
                            ));
                        }
                        if !m.complete {
                            what.push(' ');
                            what.push_str(&l.t("view-follow-incomplete"));
                        }
                        out.push(Line::from(head(what, false)));
                        let body = if text {
                            escape(&lossy_prefix(&bytes, w * 3), w * 3)
                        } else {
                            hex(&bytes, w / 3)
                        };
                        let st = Style::default().fg(color);
                        let chars: Vec<char> = body.chars().collect();
                        for c in chars.chunks(w).take(3) {
                            out.push(Line::from(Span::styled(
                                format!("{}{}", " ".repeat(12), c.iter().collect::<String>()),
                                st,
                            )));
                        }
                    }
                    _ => {
                        let label = super::flow::unit_label(d, ix, l, row.r);
                        out.push(Line::from(head(format!("· {label}"), true)));
                    }
                }
            }
            RowKind::Packet => {}
        }
    }
}

struct Unit {
    dir: Direction,
    frame: u64,
    len: u64,
}

impl FollowState {
    /// Builds the rows of the TLS and chat modes for the selection's
    /// connection, when the stream, the mode or the model changed.
    pub fn prepare(&mut self, ctx: &Ctx, stream: StreamId, generation: u64) {
        let key = (stream, self.mode, generation);
        if self.built == Some(key) {
            return;
        }
        if self.built.map(|b| (b.0, b.1)) != Some((stream, self.mode)) {
            self.top = Pos::default();
        }
        self.units.clear();
        let (d, ix) = (ctx.d, ctx.ix);
        if self.mode != FollowMode::Tcp {
            for (i, row) in ix.rows.iter().enumerate() {
                if ix.row_stream(d, row.r).map(|s| s.0) != Some(stream) {
                    continue;
                }
                let keep = match row.r.kind {
                    RowKind::Http => true,
                    RowKind::Frame => ix.frames.get(row.r.idx as usize).is_some_and(|f| {
                        self.mode == FollowMode::Tls
                            || f.opcode().is_control()
                            || (f.header.fin && f.message.is_some())
                    }),
                    RowKind::Packet => false,
                };
                if keep {
                    self.units.push(i as u32);
                }
            }
            if self.mode == FollowMode::Tls
                && !self.units.iter().any(|&i| {
                    let r = ix.rows.at(i as usize).r;
                    match r.kind {
                        RowKind::Http => d
                            .http
                            .get(r.idx as usize)
                            .is_some_and(|h| crate::model::spans_decrypted(&h.spans)),
                        _ => ix
                            .frames
                            .get(r.idx as usize)
                            .is_some_and(|f| crate::model::spans_decrypted(&f.spans)),
                    }
                })
            {
                self.units.clear();
            }
        }
        self.built = Some(key);
        let n = match self.mode {
            FollowMode::Tcp => ix.pieces.get(&stream).map_or(0, Records::len),
            _ => self.units.len(),
        };
        if self.top.item >= n {
            self.top = Pos::default();
        }
    }

    /// Switches to the next mode, from the top.
    pub fn next_mode(&mut self) {
        self.mode = self.mode.next();
        self.top = Pos::default();
    }
}

/// Builds the lines on screen: `height` lines from the top position.
pub fn build(doc: &mut Doc, ctx: &Ctx, st: &FollowState, height: usize) {
    let l = L10n::get(ctx.lang);
    let Some(stream) = super::flow::stream_of(ctx) else {
        doc.title = l.t("view-no-connection-title");
        doc.p(0, &l.t("view-follow-no-connection"));
        return;
    };
    let src = Src::new(ctx, st, stream);
    doc.title = tr!(
        l,
        "view-follow-title",
        stream = super::n(stream),
        mode = st.mode.name(l)
    );
    doc.line(vec![
        Span::styled(
            super::dir(l, Direction::ClientToServer),
            Style::default().fg(dir_color(Direction::ClientToServer)),
        ),
        Span::raw("  "),
        Span::styled(
            super::dir(l, Direction::ServerToClient),
            Style::default().fg(dir_color(Direction::ServerToClient)),
        ),
        Span::styled(
            format!(
                "   {}",
                l.t(match st.mode {
                    FollowMode::Tcp => "view-follow-legend-tcp",
                    FollowMode::Tls => "view-follow-legend-tls",
                    FollowMode::Chat => "view-follow-legend-chat",
                })
            ),
            dim(),
        ),
    ]);
    if src.n() == 0 {
        let why = match st.mode {
            FollowMode::Tcp => l.t("view-follow-empty-tcp"),
            FollowMode::Tls => tr!(l, "view-follow-empty-tls", stream = super::n(stream)),
            FollowMode::Chat => tr!(l, "view-follow-empty-chat", stream = super::n(stream)),
        };
        doc.p(0, &why);
        return;
    }
    let mut p = Some(st.top);
    while doc.lines.len() < height + 1 {
        let Some(at) = p else { break };
        src.lines_at(at, &mut doc.lines);
        p = src.next(at);
    }
    doc.lines.truncate(height + 1);
}

/// Moves the view's top by `delta` lines (entries in chat mode); `None`:
/// to the end.
pub fn scroll(ctx: &Ctx, st: &mut FollowState, delta: Option<isize>, height: usize) {
    let Some(stream) = super::flow::stream_of(ctx) else {
        return;
    };
    let top = {
        let src = Src::new(ctx, st, stream);
        match delta {
            None => src.end(if st.mode == FollowMode::Chat {
                (height / 2).max(1)
            } else {
                height
            }),
            Some(d) => {
                let mut p = st.top;
                for _ in 0..d.unsigned_abs() {
                    let q = if d > 0 { src.next(p) } else { src.prev(p) };
                    match q {
                        Some(q) => p = q,
                        None => break,
                    }
                }
                p
            }
        }
    };
    st.top = top;
}

/// Every byte the view shows of `stream` in `mode` (TCP or decrypted TLS),
/// in its order, gaps left out: what `wsdissect follow STREAM --format raw`
/// (with `--tls`) writes, which the tests check. Reads the whole stream:
/// for tests and small captures only, the view itself reads what is on
/// screen.
pub fn stream_bytes(d: &Dissection, ix: &Index, stream: StreamId, mode: FollowMode) -> Vec<u8> {
    let ctx = Ctx {
        d,
        ix,
        row: None,
        width: 80,
        note_sel: 0,
        lang: crate::i18n::Lang::En,
    };
    let mut st = FollowState {
        mode,
        ..FollowState::default()
    };
    st.prepare(&ctx, stream, 0);
    let src = Src::new(&ctx, &st, stream);
    let mut out = Vec::new();
    let mut item = (src.n() > 0).then_some(0);
    while let Some(i) = item {
        let len = src.len(i) as usize;
        let at = out.len();
        out.resize(at + len, 0);
        let n = src.read(i, 0, &mut out[at..]);
        out.truncate(at + n);
        item = src.next_item(i);
    }
    out
}
