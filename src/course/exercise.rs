//! The course exercise (run a local WebSocket server, connect a browser,
//! study the traffic) evaluated on a capture: a checklist computed from the
//! dissection's records, never from bytes. `wsdissect exercise` prints it
//! (text or JSON); it is a plain value so that a TUI view can render it too.
//!
//! The items, in order (each with the frames where it is seen and the TUI key
//! whose view shows it):
//! 1. `upgrade` — a WebSocket upgrade request and its `101` answer (RFC 6455 §4.1, §4.2.2);
//! 2. `accept` — `Sec-WebSocket-Accept` equals base64(SHA-1(key + GUID)) (§4.2.2);
//! 3. `client-masked` — every client→server frame masked (§5.1, §5.3);
//! 4. `server-unmasked` — no server→client frame masked (§5.1);
//! 5. `text-client-to-server`, 6. `text-server-to-client` — at least one
//!    text message each way (§5.6);
//! 7. `close` — the closing handshake: who closed, code, reason, answered (§5.5.1, §7);
//! 8. `size` — the course's size argument on this capture ([`SizeArgument`]).
//!
//! Which connection: the WebSocket connection (upgraded, or with frames)
//! where the most items are found, the first such one on a tie; or the one
//! asked for.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::model::{CloseSummary, Protocol, Record};
use crate::net::{Direction, StreamId};
use crate::ws::Opcode;
use std::fmt::Write as _;

use crate::i18n::L10n;
use crate::tr;
use crate::ws::frame::close_code_name;

/// Frame numbers kept per item (the first ones seen).
const MAX_FRAMES: usize = 8;

/// One item of the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemId {
    /// An upgrade request answered with 101.
    Upgrade,
    /// The Accept proves the key.
    Accept,
    /// Client frames masked.
    ClientMasked,
    /// Server frames not masked.
    ServerUnmasked,
    /// A text message client→server.
    TextClientToServer,
    /// A text message server→client.
    TextServerToClient,
    /// The closing handshake.
    Close,
    /// The size argument could be computed.
    Size,
}

impl ItemId {
    /// Every item, in the checklist's order.
    pub const ALL: [ItemId; 8] = [
        ItemId::Upgrade,
        ItemId::Accept,
        ItemId::ClientMasked,
        ItemId::ServerUnmasked,
        ItemId::TextClientToServer,
        ItemId::TextServerToClient,
        ItemId::Close,
        ItemId::Size,
    ];

    /// The stable id (JSON, message ids).
    pub fn id(self) -> &'static str {
        match self {
            ItemId::Upgrade => "upgrade",
            ItemId::Accept => "accept",
            ItemId::ClientMasked => "client-masked",
            ItemId::ServerUnmasked => "server-unmasked",
            ItemId::TextClientToServer => "text-client-to-server",
            ItemId::TextServerToClient => "text-server-to-client",
            ItemId::Close => "close",
            ItemId::Size => "size",
        }
    }

    /// The TUI key whose view shows it (docs/tui.md): 1 handshake, 2 frame
    /// header, 4 message, 5 connection.
    pub fn tui_key(self) -> char {
        match self {
            ItemId::Upgrade | ItemId::Accept => '1',
            ItemId::ClientMasked | ItemId::ServerUnmasked => '2',
            ItemId::TextClientToServer | ItemId::TextServerToClient => '4',
            ItemId::Close | ItemId::Size => '5',
        }
    }
}

/// What was seen for an item (the facts its sentence is made of).
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Facts {
    /// The upgrade request and its answer.
    Upgrade {
        /// Frame of the request.
        request_frame: Option<u64>,
        /// Frame of the answer.
        response_frame: Option<u64>,
        /// Its status.
        status: Option<u16>,
    },
    /// The key proof.
    Accept {
        /// What the server sent.
        accept: Option<String>,
        /// What it should be.
        expected: Option<String>,
    },
    /// Masking in one direction.
    Masking {
        /// Frames in that direction.
        frames: u64,
        /// Of which masked.
        masked: u64,
    },
    /// Text messages in one direction.
    Text {
        /// How many.
        messages: u64,
    },
    /// The closing handshake, when a close frame was seen.
    Close {
        /// As the connection summary records it.
        close: Option<CloseSummary>,
    },
    /// The size argument.
    Size {
        /// Its numbers, when there were messages and a handshake to price them with.
        argument: Option<SizeArgument>,
    },
}

/// One checklist item as evaluated.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// Which item.
    pub id: ItemId,
    /// Whether the capture shows it.
    pub found: bool,
    /// Frame numbers where it is seen (the first few).
    pub frames: Vec<u64>,
    /// The TUI key whose view shows it.
    pub tui_key: char,
    /// What was seen.
    pub facts: Facts,
}

/// The course's size argument on this capture: what the messages cost in
/// WebSocket framing against what they would have cost as HTTP polling with
/// the captured handshake's heads (docs/exercise.md defines it).
///
/// - `framing_bytes`: the frame headers (2–14 bytes each) of every frame of
///   the connection's data messages (text and binary, both directions);
///   control frames (ping, pong, close) are not messages and not counted.
/// - `polling_bytes`: `messages × (request_head + response_head)`: each
///   message carried by one HTTP exchange whose request head is the captured
///   upgrade request's head (the same headers, cookies included, as the
///   browser sends with every request) and whose response head is the
///   captured response's head. A lower bound: polls that find nothing new are
///   not counted.
/// - `handshake_bytes`: the two heads, which WebSocket pays once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SizeArgument {
    /// Data messages (both directions).
    pub messages: u64,
    /// Their frames.
    pub frames: u64,
    /// Their payload bytes as on the wire.
    pub payload_bytes: u64,
    /// Their frame headers.
    pub framing_bytes: u64,
    /// The captured upgrade request's head length.
    pub request_head: u64,
    /// The captured response's head length.
    pub response_head: u64,
    /// `request_head + response_head`, paid once by WebSocket.
    pub handshake_bytes: u64,
    /// `messages × handshake_bytes`.
    pub polling_bytes: u64,
}

/// The checklist for one capture.
#[derive(Debug, Clone, Serialize)]
pub struct Exercise {
    /// The connection evaluated, if any carried WebSocket.
    pub stream: Option<StreamId>,
    /// Its client and server ("127.0.0.1:52000").
    pub client: Option<String>,
    /// Its server.
    pub server: Option<String>,
    /// Every item, in order.
    pub items: Vec<Item>,
    /// Whether every item was found.
    pub complete: bool,
    /// TLS connections that were not decrypted (no key log, or keys that do
    /// not fit): a `wss://` exercise needs `--keylog` (docs/tls.md).
    pub tls_undecrypted: Vec<StreamId>,
    /// Other WebSocket connections in the capture.
    pub other_websocket_streams: Vec<StreamId>,
}

#[derive(Debug, Default)]
struct Dir {
    frames: u64,
    masked: u64,
    masked_frames: Vec<u64>,
    unmasked_frames: Vec<u64>,
    text: u64,
    text_frames: Vec<u64>,
}

#[derive(Debug, Default)]
struct Conn {
    request_frame: Option<u64>,
    response_frame: Option<u64>,
    status: Option<u16>,
    upgraded: bool,
    accept: Option<String>,
    expected: Option<String>,
    accept_valid: Option<bool>,
    request_head: Option<u64>,
    response_head: Option<u64>,
    dirs: [Dir; 2],
    messages: u64,
    message_frames: u64,
    payload_bytes: u64,
    framing_bytes: u64,
    close: Option<CloseSummary>,
    close_frames: Vec<u64>,
    protocol: Option<Protocol>,
    client: Option<String>,
    server: Option<String>,
}

fn keep(v: &mut Vec<u64>, f: u64) {
    if v.len() < MAX_FRAMES && v.last() != Some(&f) {
        v.push(f);
    }
}

/// Collects the facts from the records as they come ([`ExerciseBuilder::record`]),
/// then evaluates ([`ExerciseBuilder::finish`]). Keeps a few numbers per
/// connection, not the records.
#[derive(Debug, Default)]
pub struct ExerciseBuilder {
    conns: BTreeMap<StreamId, Conn>,
    /// HTTP head lengths by (stream, direction index, frame), to price the
    /// handshake's heads when its record comes.
    heads: HashMap<(StreamId, usize, u64), u64>,
    /// Frame-header bytes and frame counts of data messages still being received.
    open: HashMap<(StreamId, u64), (u64, u64)>,
    tls_undecrypted: Vec<StreamId>,
}

impl ExerciseBuilder {
    /// Takes one record of the analysis.
    pub fn record(&mut self, rec: &Record) {
        match rec {
            Record::Http(h) => {
                self.heads
                    .insert((h.stream, h.direction.index(), h.frame), h.head_length);
            }
            Record::Handshake(h) => {
                let c = self.conns.entry(h.stream).or_default();
                c.request_frame = Some(h.request_frame);
                c.response_frame = h.response_frame;
                c.status = h.status;
                c.upgraded = h.upgraded;
                c.accept = h.accept.clone();
                c.expected = h.expected_accept.clone();
                c.accept_valid = h.accept_valid;
                c.request_head = self.heads.get(&(h.stream, 0, h.request_frame)).copied();
                c.response_head = h
                    .response_frame
                    .and_then(|f| self.heads.get(&(h.stream, 1, f)).copied());
            }
            Record::Frame(f) => {
                let c = self.conns.entry(f.stream).or_default();
                let d = &mut c.dirs[f.direction.index()];
                d.frames += 1;
                if f.header.masked {
                    d.masked += 1;
                    keep(&mut d.masked_frames, f.frame);
                } else {
                    keep(&mut d.unmasked_frames, f.frame);
                }
                if f.opcode() == Opcode::Close {
                    keep(&mut c.close_frames, f.frame);
                }
                if let Some(m) = f.message {
                    let e = self.open.entry((f.stream, m)).or_default();
                    e.0 += u64::from(f.header.header_len);
                    e.1 += 1;
                }
            }
            Record::Message(m) => {
                let (framing, frames) = self.open.remove(&(m.stream, m.index)).unwrap_or_default();
                let c = self.conns.entry(m.stream).or_default();
                c.messages += 1;
                c.message_frames += frames;
                c.framing_bytes += framing;
                c.payload_bytes = c.payload_bytes.saturating_add(m.length);
                if m.opcode == Opcode::Text {
                    let d = &mut c.dirs[m.direction.index()];
                    d.text += 1;
                    keep(&mut d.text_frames, m.first_frame);
                }
            }
            Record::Stream(s) => {
                let undecrypted =
                    s.protocol == Protocol::Tls || s.tls.as_ref().is_some_and(|t| !t.decrypted);
                if undecrypted {
                    self.tls_undecrypted.push(s.tcp.info.stream);
                }
                if matches!(s.protocol, Protocol::Websocket | Protocol::WebsocketGuessed)
                    || self.conns.contains_key(&s.tcp.info.stream)
                {
                    let c = self.conns.entry(s.tcp.info.stream).or_default();
                    c.protocol = Some(s.protocol);
                    c.close = s.close.clone();
                    c.client = Some(s.tcp.info.client.to_string());
                    c.server = Some(s.tcp.info.server.to_string());
                }
            }
            _ => {}
        }
    }

    /// Evaluates the checklist on the connection `only` (or the best one).
    pub fn finish(&self, only: Option<StreamId>) -> Exercise {
        let mut tls_undecrypted = self.tls_undecrypted.clone();
        tls_undecrypted.sort_unstable();
        let ws: Vec<StreamId> = self
            .conns
            .iter()
            .filter(|(_, c)| c.upgraded || c.dirs[0].frames + c.dirs[1].frames > 0)
            .map(|(s, _)| *s)
            .collect();
        let chosen = match only {
            Some(s) => self.conns.contains_key(&s).then_some(s),
            None => ws.iter().copied().max_by_key(|s| {
                let found = items(&self.conns[s]).iter().filter(|i| i.found).count();
                // max_by_key keeps the last maximum: prefer the earlier stream.
                (found, std::cmp::Reverse(*s))
            }),
        };
        let empty = Conn::default();
        let c = chosen.map_or(&empty, |s| &self.conns[&s]);
        let items = items(c);
        Exercise {
            stream: chosen,
            client: c.client.clone(),
            server: c.server.clone(),
            complete: items.iter().all(|i| i.found),
            items,
            tls_undecrypted,
            other_websocket_streams: ws.into_iter().filter(|s| Some(*s) != chosen).collect(),
        }
    }
}

fn items(c: &Conn) -> Vec<Item> {
    ItemId::ALL.iter().map(|&id| item(c, id)).collect()
}

fn item(c: &Conn, id: ItemId) -> Item {
    let hs_frames = || {
        c.request_frame
            .into_iter()
            .chain(c.response_frame)
            .collect::<Vec<_>>()
    };
    let (found, frames, facts) = match id {
        ItemId::Upgrade => (
            c.request_frame.is_some() && c.status == Some(101) && c.upgraded,
            hs_frames(),
            Facts::Upgrade {
                request_frame: c.request_frame,
                response_frame: c.response_frame,
                status: c.status,
            },
        ),
        ItemId::Accept => (
            c.accept_valid == Some(true),
            c.response_frame.into_iter().collect(),
            Facts::Accept {
                accept: c.accept.clone(),
                expected: c.expected.clone(),
            },
        ),
        ItemId::ClientMasked => {
            let d = &c.dirs[Direction::ClientToServer.index()];
            let ok = d.frames > 0 && d.masked == d.frames;
            (
                ok,
                if ok {
                    d.masked_frames.clone()
                } else {
                    d.unmasked_frames.clone()
                },
                Facts::Masking {
                    frames: d.frames,
                    masked: d.masked,
                },
            )
        }
        ItemId::ServerUnmasked => {
            let d = &c.dirs[Direction::ServerToClient.index()];
            let ok = d.frames > 0 && d.masked == 0;
            (
                ok,
                if ok {
                    d.unmasked_frames.clone()
                } else {
                    d.masked_frames.clone()
                },
                Facts::Masking {
                    frames: d.frames,
                    masked: d.masked,
                },
            )
        }
        ItemId::TextClientToServer | ItemId::TextServerToClient => {
            let d = &c.dirs[if id == ItemId::TextClientToServer {
                0
            } else {
                1
            }];
            (
                d.text > 0,
                d.text_frames.clone(),
                Facts::Text { messages: d.text },
            )
        }
        ItemId::Close => (
            c.close.as_ref().is_some_and(|cl| cl.answered),
            c.close
                .as_ref()
                .map(|cl| std::iter::once(cl.frame).chain(cl.answer_frame).collect())
                .unwrap_or_else(|| c.close_frames.clone()),
            Facts::Close {
                close: c.close.clone(),
            },
        ),
        ItemId::Size => {
            let argument = match (c.request_head, c.response_head) {
                (Some(q), Some(r)) if c.messages > 0 => {
                    let hs = q.saturating_add(r);
                    Some(SizeArgument {
                        messages: c.messages,
                        frames: c.message_frames,
                        payload_bytes: c.payload_bytes,
                        framing_bytes: c.framing_bytes,
                        request_head: q,
                        response_head: r,
                        handshake_bytes: hs,
                        polling_bytes: c.messages.saturating_mul(hs),
                    })
                }
                _ => None,
            };
            (argument.is_some(), hs_frames(), Facts::Size { argument })
        }
    };
    Item {
        id,
        found,
        frames,
        tui_key: id.tui_key(),
        facts,
    }
}

// The checklist's wording (src/i18n's `exercise-*` messages), shared by
// `wsdissect exercise` and the TUI.

fn list(frames: &[u64]) -> String {
    frames
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn who(d: Direction, l: &L10n) -> (String, String) {
    match d {
        Direction::ClientToServer => (l.t("exercise-who-client"), l.t("exercise-who-server")),
        Direction::ServerToClient => (l.t("exercise-who-server"), l.t("exercise-who-client")),
    }
}

/// The sentence for what an item saw.
fn detail(i: &Item, l: &L10n) -> Option<String> {
    Some(match &i.facts {
        Facts::Upgrade {
            request_frame: Some(q),
            response_frame: Some(r),
            status,
        } => tr!(
            l,
            "exercise-upgrade-seen",
            request = q.to_string(),
            status = status.map_or("?".into(), |s| s.to_string()),
            response = r.to_string()
        ),
        Facts::Upgrade {
            request_frame: Some(q),
            ..
        } => tr!(l, "exercise-upgrade-request-only", request = q.to_string()),
        Facts::Upgrade { .. } => return None,
        Facts::Accept {
            accept: Some(a),
            expected: Some(e),
        } if a == e => tr!(l, "exercise-accept-ok", accept = a.as_str()),
        Facts::Accept {
            accept: Some(a),
            expected,
        } => tr!(
            l,
            "exercise-accept-wrong",
            accept = a.as_str(),
            expected = expected.clone().unwrap_or_else(|| "?".into())
        ),
        Facts::Accept { .. } => return None,
        Facts::Masking { frames: 0, .. } => return None,
        Facts::Masking { frames, masked } => tr!(
            l,
            "exercise-masking",
            masked = masked.to_string(),
            frames = frames.to_string()
        ),
        Facts::Text { messages: 0 } => return None,
        Facts::Text { messages } => tr!(l, "exercise-text", count = *messages as f64),
        Facts::Close { close: Some(c) } => {
            let (w, other) = who(c.initiator, l);
            let reason = format!("{:?}", c.reason);
            match c.code {
                Some(code) => tr!(
                    l,
                    if c.answered {
                        "exercise-close-answered"
                    } else {
                        "exercise-close-unanswered"
                    },
                    who = w,
                    code = code.to_string(),
                    name = close_code_name(code),
                    reason = reason,
                    other = other
                ),
                None => tr!(
                    l,
                    "exercise-close-no-code",
                    who = w,
                    other = other,
                    answered = if c.answered { "yes" } else { "no" }
                ),
            }
        }
        Facts::Close { close: None } => return None,
        Facts::Size { argument: Some(_) } => l.t("exercise-size-seen"),
        Facts::Size { argument: None } => return None,
    })
}

/// The checklist as text, in `l`'s language: the one wording of the
/// checklist, which `wsdissect exercise` prints and the TUI's exercise view
/// (key 7) shows.
pub fn render_text(file: &str, e: &Exercise, l: &L10n) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{}", l.t("exercise-title"));
    let _ = writeln!(o, "{}", tr!(l, "exercise-capture", file = file));
    match (e.stream, &e.client, &e.server) {
        (Some(s), Some(c), Some(v)) => {
            let _ = writeln!(
                o,
                "{}",
                tr!(
                    l,
                    "exercise-stream",
                    stream = s.to_string(),
                    client = c.as_str(),
                    server = v.as_str()
                )
            );
        }
        (Some(s), _, _) => {
            let _ = writeln!(
                o,
                "{}",
                tr!(
                    l,
                    "exercise-stream",
                    stream = s.to_string(),
                    client = "?",
                    server = "?"
                )
            );
        }
        (None, _, _) => {
            let _ = writeln!(o, "{}", l.t("exercise-no-stream"));
        }
    }
    if !e.other_websocket_streams.is_empty() {
        let others = e
            .other_websocket_streams
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(o, "{}", tr!(l, "exercise-other-streams", list = others));
    }
    let _ = writeln!(o);
    for (n, i) in e.items.iter().enumerate() {
        let mark = if i.found { "✓" } else { "✗" };
        let title = l.t(&format!("exercise-item-{}", i.id.id()));
        let what = match (i.found, detail(i, l)) {
            (true, Some(d)) => d,
            (false, Some(d)) => format!("{}: {d}", l.t("exercise-missing")),
            (_, None) => l.t("exercise-missing"),
        };
        let _ = writeln!(o, "{mark} {}. {title}: {what}", n + 1);
        let mut where_ = Vec::new();
        if !i.frames.is_empty() {
            where_.push(tr!(l, "exercise-frames", list = list(&i.frames)));
        }
        where_.push(tr!(l, "exercise-key", key = i.tui_key.to_string()));
        let _ = writeln!(o, "     [{}]", where_.join(" · "));
        if !i.found {
            let _ = writeln!(o, "     → {}", l.t(&format!("exercise-hint-{}", i.id.id())));
        }
    }
    if let Some(Facts::Size { argument: Some(a) }) = e
        .items
        .iter()
        .find(|i| i.id == ItemId::Size)
        .map(|i| &i.facts)
    {
        let _ = writeln!(o);
        let _ = writeln!(o, "{}", l.t("exercise-size-title"));
        let per = if a.messages > 0 {
            format!("{:.1}", a.framing_bytes as f64 / a.messages as f64)
        } else {
            "0".into()
        };
        let _ = writeln!(
            o,
            "  {}",
            tr!(
                l,
                "exercise-size-framing",
                messages = a.messages.to_string(),
                payload = a.payload_bytes.to_string(),
                frames = a.frames.to_string(),
                framing = a.framing_bytes.to_string(),
                per = per
            )
        );
        let ratio = if a.framing_bytes > 0 {
            format!("{:.0}", a.polling_bytes as f64 / a.framing_bytes as f64)
        } else {
            "∞".into()
        };
        let _ = writeln!(
            o,
            "  {}",
            tr!(
                l,
                "exercise-size-polling",
                request = a.request_head.to_string(),
                response = a.response_head.to_string(),
                each = a.handshake_bytes.to_string(),
                messages = a.messages.to_string(),
                polling = a.polling_bytes.to_string(),
                ratio = ratio
            )
        );
        let _ = writeln!(
            o,
            "  {}",
            tr!(
                l,
                "exercise-size-once",
                each = a.handshake_bytes.to_string()
            )
        );
    }
    if !e.tls_undecrypted.is_empty() {
        let streams = e
            .tls_undecrypted
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(o);
        let _ = writeln!(o, "{}", tr!(l, "exercise-tls", streams = streams));
    }
    let _ = writeln!(o);
    let count = e.items.len().to_string();
    let missing = e.items.iter().filter(|i| !i.found).count();
    let _ = writeln!(
        o,
        "{}",
        if missing == 0 {
            tr!(l, "exercise-complete", count = count)
        } else {
            tr!(
                l,
                "exercise-incomplete",
                missing = missing.to_string(),
                count = count
            )
        }
    );
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_an_incomplete_exercise() {
        let e = ExerciseBuilder::default().finish(None);
        assert_eq!(e.stream, None);
        assert!(!e.complete);
        assert_eq!(e.items.len(), 8);
        assert!(e.items.iter().all(|i| !i.found));
    }
}
