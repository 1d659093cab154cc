//! Searching payload text (`/`): what the prompt's keys do to the query, the
//! last query (Enter on an empty prompt repeats it), and the search itself,
//! which moves through the rows shown a few megabytes of payload per
//! [`Search::step`], so the UI keeps answering keys on a capture of any size.
//! The [`App`](super::App) selects what is found and shows the messages.

use super::index::{Index, Row, RowKind};
use super::keys::Edit;
use super::text::escape;
use super::tree::message_of;
use crate::model::Dissection;

/// Bytes of payload searched per [`Search::step`].
const BUDGET: usize = 8 << 20;

/// Longest query the prompt takes, in characters.
const MAX_QUERY: usize = 200;

/// A search moving through the rows.
#[derive(Debug, Clone)]
struct Job {
    needle: Vec<u8>,
    shown: String,
    pos: usize,
    left: usize,
}

/// The last query and the search running, if any.
#[derive(Debug, Default)]
pub struct Search {
    last: Option<String>,
    job: Option<Job>,
}

/// What a slice of searching came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// No search is running.
    Idle,
    /// Found in the row at this list position; the message says where.
    Found(usize, String),
    /// Every row was looked at: the query is nowhere.
    NotFound(String),
    /// Not finished: more at the next step.
    Searching(String),
}

impl Search {
    /// Whether a search is running.
    pub fn running(&self) -> bool {
        self.job.is_some()
    }

    /// What Enter in the prompt searches for: what was typed, else the last
    /// query (empty when there is none).
    pub fn query(&self, typed: &str) -> String {
        if typed.is_empty() {
            self.last.clone().unwrap_or_default()
        } else {
            typed.to_string()
        }
    }

    /// Remembers `q` and, when there are rows (`rows` of them), starts
    /// searching for it at list position `from`; false when there are none.
    pub fn start(&mut self, q: &str, from: usize, rows: usize) -> bool {
        self.last = Some(q.to_string());
        if rows == 0 {
            return false;
        }
        self.job = Some(Job {
            needle: q.as_bytes().to_ascii_lowercase(),
            shown: q.to_string(),
            pos: from % rows,
            left: rows,
        });
        true
    }

    /// Searches the rows `visible` (indexes into `ix.rows`) for a while.
    /// Its messages are in `l`'s language.
    pub fn step(
        &mut self,
        d: &Dissection,
        ix: &Index,
        visible: &[u32],
        l: &crate::i18n::L10n,
    ) -> Progress {
        let Some(mut job) = self.job.take() else {
            return Progress::Idle;
        };
        let shown = escape(&job.shown, 40);
        let mut spent = 0usize;
        while job.left > 0 && spent < BUDGET && !visible.is_empty() {
            if job.pos >= visible.len() {
                job.pos = 0;
            }
            let row = ix.rows.at(visible[job.pos] as usize);
            let (hit, cost) = row_matches(d, ix, &row, &job.needle);
            spent += cost + 64;
            if hit {
                return Progress::Found(
                    job.pos,
                    crate::tr!(
                        l,
                        "tui-search-found",
                        text = shown.as_str(),
                        frame = row.no.to_string()
                    ),
                );
            }
            job.pos += 1;
            job.left -= 1;
        }
        if job.left == 0 || visible.is_empty() {
            return Progress::NotFound(crate::tr!(
                l,
                "tui-search-not-found",
                text = shown.as_str()
            ));
        }
        self.job = Some(job);
        Progress::Searching(crate::tr!(l, "tui-search-searching", text = shown.as_str()))
    }
}

/// Applies a key typed into the prompt to its text; false when the key
/// closes the prompt.
pub fn type_into(input: &mut String, e: Edit) -> bool {
    match e {
        Edit::DeleteBack => {
            input.pop();
        }
        Edit::Clear => input.clear(),
        Edit::Cancel => return false,
        Edit::Insert(c) => {
            if input.chars().count() < MAX_QUERY {
                input.push(c);
            }
        }
    }
    true
}

/// Whether the payload of `row` holds `needle` (lowercase), and how many
/// bytes were looked at. A frame is searched in its own payload (unless it
/// is compressed), and the first frame of a compressed or fragmented
/// message also in the whole message.
fn row_matches(d: &Dissection, ix: &Index, row: &Row, needle: &[u8]) -> (bool, usize) {
    match row.r.kind {
        RowKind::Http => {
            let raw = d
                .http
                .get(row.r.idx as usize)
                .map_or(&[][..], |h| &h.raw[..]);
            (contains_ci(raw, needle), raw.len())
        }
        RowKind::Frame => {
            let Some(f) = ix.frames.get(row.r.idx as usize) else {
                return (false, 0);
            };
            let mut cost = 0;
            let held = message_of(d, ix, &f);
            let msg = held.as_deref();
            let compressed = msg.is_some_and(|m| m.compressed);
            if !compressed {
                // Read back from the spill when long: one payload at a time.
                let p = ix.payload(d, &f, usize::MAX);
                cost += p.len();
                if contains_ci(&p, needle) {
                    return (true, cost);
                }
            }
            if let Some(m) = msg {
                let first = m.ws_frames.first() == Some(&f.index);
                if first && (compressed || m.ws_frames.len() > 1) {
                    let b = ix.message_bytes(d, m, usize::MAX);
                    cost += b.len();
                    if contains_ci(&b, needle) {
                        return (true, cost);
                    }
                }
            }
            (false, cost)
        }
        RowKind::Packet => (false, 0),
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
    fn the_prompt_edits_and_caps_the_query() {
        let mut q = String::new();
        for _ in 0..250 {
            assert!(type_into(&mut q, Edit::Insert('x')));
        }
        assert_eq!(q.chars().count(), MAX_QUERY);
        type_into(&mut q, Edit::DeleteBack);
        assert_eq!(q.len(), MAX_QUERY - 1);
        type_into(&mut q, Edit::Clear);
        assert!(q.is_empty());
        assert!(!type_into(&mut q, Edit::Cancel));
    }

    #[test]
    fn an_empty_prompt_repeats_the_last_query() {
        let mut s = Search::default();
        assert_eq!(s.query(""), "");
        assert!(!s.start("ping", 0, 0), "nothing to search");
        assert!(!s.running());
        assert_eq!(s.query(""), "ping");
        assert_eq!(s.query("pong"), "pong");
    }
}
