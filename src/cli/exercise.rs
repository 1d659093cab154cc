//! `wsdissect exercise CAPTURE`: the course exercise's checklist
//! (`course::exercise`) on a capture, as text or JSON.
//!
//! Exit codes: 0 every item found; 1 an item is missing, or the capture is
//! unreadable or damaged; 2 usage (e.g. `--stream` names no WebSocket connection).

use crate::analyze::{analyze, Options};
use crate::capture::CaptureReader;
use crate::course::exercise::{render_text, Exercise, ExerciseBuilder};
use crate::i18n::L10n;
use crate::model::Record;
use crate::net::StreamId;
use crate::tr;

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

/// One capture's checklist in the JSON of several captures: `file` (the
/// path as given) first, then the checklist's own fields.
#[derive(serde::Serialize)]
struct Entry<'a> {
    file: &'a str,
    #[serde(flatten)]
    exercise: &'a Exercise,
}

/// `wsdissect exercise CAPTURE…`: each capture evaluated on its own, for a
/// teacher grading a class (docs/exercise.md, "Several captures").
///
/// With one capture: its checklist (text, or one JSON object). With
/// several: as text, each checklist after a `==> FILE <==` line; as JSON,
/// one array of the checklists, each with `file`. A file that cannot be
/// opened or is damaged is reported on stderr, naming it, and the others are
/// still evaluated. Exit code: 0 when every capture was read whole and
/// shows every item; 2 when `--stream` names no WebSocket connection in a
/// capture; otherwise 1 (an item missing, or a file unreadable or damaged).
pub fn run(
    paths: &[String],
    opts: &Options,
    stream: Option<StreamId>,
    format: ExerciseFormat,
    l: &L10n,
) -> i32 {
    let many = paths.len() > 1;
    let mut done: Vec<(String, Exercise)> = Vec::new();
    let mut printed = false;
    let code = super::files::for_each_capture(paths, false, l, |reader, label| {
        let file = reader.name().to_string();
        let (e, res) = evaluate(reader, opts, stream);
        if let (Some(s), None) = (stream, e.stream) {
            let msg = tr!(l, "exercise-bad-stream", stream = s.to_string());
            match label {
                Some(f) => eprintln!("wsdissect: {f}: {msg}"),
                None => eprintln!("wsdissect: {msg}"),
            }
            return EXIT_USAGE;
        }
        let complete = e.complete;
        match format {
            ExerciseFormat::Text => {
                if let Some(f) = label {
                    if printed {
                        println!();
                    }
                    println!("==> {f} <==");
                }
                print!("{}", render_text(&file, &e, l));
                printed = true;
            }
            ExerciseFormat::Json => done.push((label.unwrap_or(&file).to_string(), e)),
        }
        if let Err(err) = res {
            eprintln!("wsdissect: {}", err.words(l));
            return EXIT_BAD_INPUT;
        }
        if complete {
            EXIT_OK
        } else {
            EXIT_BAD_INPUT
        }
    });
    if format == ExerciseFormat::Json {
        let json = if many {
            let entries: Vec<Entry> = done
                .iter()
                .map(|(file, exercise)| Entry { file, exercise })
                .collect();
            serde_json::to_string_pretty(&entries)
        } else {
            match done.first() {
                Some((_, e)) => serde_json::to_string_pretty(e),
                None => return code,
            }
        };
        match json {
            Ok(j) => println!("{j}"),
            Err(err) => {
                eprintln!("wsdissect: {err}");
                return EXIT_BAD_INPUT;
            }
        }
    }
    code
}
