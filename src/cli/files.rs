//! Several captures in one command (`dump a.pcap b.pcap …`, `streams`), for
//! a teacher grading a class: each file is analysed on its own, one that
//! cannot be read or is damaged is reported (stderr names it) and the
//! others are still processed, and the exit code says whether any failed.
//!
//! Any command that takes several captures runs its per-file work through
//! [`for_each_capture`]: it opens each file (with a progress bar on stderr
//! when the file is big and stderr a terminal, `style::progress_file`) and
//! hands the reader to the command, with the file's name as a label when
//! there is more than one file (NDJSON records then carry `file`).

use crate::capture::CaptureReader;
use crate::i18n::L10n;

use super::{style, EXIT_OK};

/// Runs `each(reader, label)` on every capture of `paths`, in order, and
/// combines the exit codes: 0 when every file succeeded, otherwise the
/// largest code any file had (1: a file could not be read or is damaged).
/// `label` is the path as given when there are several files, else `None`.
/// With `progress`, big files show a progress bar on a terminal's stderr.
pub fn for_each_capture(
    paths: &[String],
    progress: bool,
    l: &L10n,
    mut each: impl FnMut(&mut CaptureReader, Option<&str>) -> i32,
) -> i32 {
    let many = paths.len() > 1;
    let mut code = EXIT_OK;
    for path in paths {
        let opened = match progress.then(|| style::progress_file(path)).flatten() {
            Some(r) => CaptureReader::from_reader(path, r),
            None => CaptureReader::open(path),
        };
        let c = match opened {
            Ok(mut reader) => each(&mut reader, many.then_some(path.as_str())),
            Err(e) => {
                eprintln!("wsdissect: {}", e.words(l));
                super::EXIT_BAD_INPUT
            }
        };
        code = code.max(c);
    }
    code
}
