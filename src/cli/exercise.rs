//! `wsdissect exercise CAPTURE`: the course exercise's checklist
//! (`course::exercise`) on a capture, as text or JSON.
//!
//! Exit codes: 0 every item found; 1 an item is missing, or the capture is
//! unreadable or damaged; 2 usage (e.g. `--stream` names no WebSocket connection).

use std::fmt::Write as _;

use crate::analyze::{analyze, Options};
use crate::capture::CaptureReader;
use crate::course::exercise::{Exercise, ExerciseBuilder, Facts, Item, ItemId};
use crate::i18n::L10n;
use crate::model::Record;
use crate::net::{Direction, StreamId};
use crate::tr;
use crate::ws::frame::close_code_name;

use super::{EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE};

/// `exercise --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExerciseFormat {
    /// Sentences, in the chosen language.
    Text,
    /// The checklist as JSON (keys and ids in English).
    Json,
}

/// Runs the analysis and evaluates the checklist.
pub fn evaluate(
    reader: &mut CaptureReader,
    opts: &Options,
    stream: Option<StreamId>,
) -> (Exercise, Result<(), crate::capture::CaptureError>) {
    let mut b = ExerciseBuilder::default();
    let mut sink = |rec: Record| b.record(&rec);
    let res = analyze(reader, opts, &mut sink);
    (b.finish(stream), res)
}

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

/// The checklist as text.
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

/// `wsdissect exercise`.
pub fn run(
    reader: &mut CaptureReader,
    opts: &Options,
    stream: Option<StreamId>,
    format: ExerciseFormat,
    l: &L10n,
) -> i32 {
    let file = reader.name().to_string();
    let (e, res) = evaluate(reader, opts, stream);
    if let (Some(s), None) = (stream, e.stream) {
        eprintln!(
            "wsdissect: {}",
            tr!(l, "exercise-bad-stream", stream = s.to_string())
        );
        return EXIT_USAGE;
    }
    match format {
        ExerciseFormat::Text => print!("{}", render_text(&file, &e, l)),
        ExerciseFormat::Json => match serde_json::to_string_pretty(&e) {
            Ok(j) => println!("{j}"),
            Err(err) => {
                eprintln!("wsdissect: {err}");
                return EXIT_BAD_INPUT;
            }
        },
    }
    if let Err(err) = res {
        eprintln!("wsdissect: {err}");
        return EXIT_BAD_INPUT;
    }
    if e.complete {
        EXIT_OK
    } else {
        EXIT_BAD_INPUT
    }
}
