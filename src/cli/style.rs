//! Colour on the terminal (`--color`, `NO_COLOR`) and the progress bar.
//!
//! Colour follows Wireshark's Follow Stream: what the client sent in red,
//! what the server sent in blue; notes in the TUI's severity colours
//! (error red, warning yellow, info cyan). `auto` colours only when stdout
//! is a terminal and `NO_COLOR` (<https://no-color.org>) is unset or empty;
//! `always` and `never` are what they say (`always` wins over `NO_COLOR`:
//! an explicit option is the user's later word).

use std::io::IsTerminal;

use clap::ValueEnum;

use crate::model::{Direction, Severity};

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorChoice {
    /// When stdout is a terminal and NO_COLOR is not set.
    #[default]
    Auto,
    /// Always (also into a pipe: `| less -R`).
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Whether to colour, given whether stdout is a terminal and the value
    /// of `NO_COLOR`.
    pub fn decide(self, stdout_terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => stdout_terminal && no_color.is_none_or(|v| v.is_empty()),
        }
    }

    /// [`ColorChoice::decide`] for this process.
    pub fn paint(self) -> Paint {
        Paint {
            on: self.decide(
                std::io::stdout().is_terminal(),
                std::env::var_os("NO_COLOR").as_deref(),
            ),
        }
    }
}

/// ANSI colours, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Paint {
    /// Whether colours are written.
    pub on: bool,
}

const RESET: &str = "\x1b[0m";

impl Paint {
    /// The escape that starts a direction's colour ("" when off).
    pub fn dir_start(self, d: Direction) -> &'static str {
        match (self.on, d) {
            (false, _) => "",
            (true, Direction::ClientToServer) => "\x1b[31m",
            (true, Direction::ServerToClient) => "\x1b[34m",
        }
    }

    /// The escape that starts a severity's colour ("" when off).
    pub fn severity_start(self, s: Severity) -> &'static str {
        match (self.on, s) {
            (false, _) => "",
            (true, Severity::Error) => "\x1b[1;31m",
            (true, Severity::Warning) => "\x1b[33m",
            (true, Severity::Info) => "\x1b[36m",
        }
    }

    /// The escape that ends a colour ("" when off).
    pub fn end(self) -> &'static str {
        if self.on {
            RESET
        } else {
            ""
        }
    }

    /// `s` in the direction's colour.
    pub fn dir(self, d: Direction, s: &str) -> String {
        format!("{}{s}{}", self.dir_start(d), self.end())
    }
}

/// Files smaller than this get no progress bar: they are read in a blink.
pub const PROGRESS_MIN_BYTES: u64 = 8 << 20;

/// A byte source that moves a progress bar on stderr as it is read.
pub struct ProgressRead<R> {
    inner: R,
    bar: indicatif::ProgressBar,
}

impl<R: std::io::Read> std::io::Read for ProgressRead<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        // At most 1 MiB a call, so the bar moves smoothly even though the
        // capture reader asks for its whole 16 MiB buffer.
        let cap = buf.len().min(1 << 20);
        let n = self.inner.read(&mut buf[..cap])?;
        self.bar.inc(n as u64);
        Ok(n)
    }
}

impl<R> Drop for ProgressRead<R> {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

/// Opens `path` for reading with a progress bar when it is worth one: a
/// regular file of at least [`PROGRESS_MIN_BYTES`] and stderr a terminal
/// (never in pipes or CI logs). `None`: open it the plain way.
pub fn progress_file(path: &str) -> Option<ProgressRead<std::fs::File>> {
    if path == "-" || !std::io::stderr().is_terminal() {
        return None;
    }
    let f = std::fs::File::open(path).ok()?;
    let len = f.metadata().ok().filter(|m| m.is_file())?.len();
    if len < PROGRESS_MIN_BYTES {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(len),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {bytes}/{total_bytes} ({eta})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(path.to_string());
    Some(ProgressRead { inner: f, bar })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn auto_colours_a_terminal_unless_no_color_is_set_and_not_empty() {
        let a = ColorChoice::Auto;
        assert!(a.decide(true, None));
        assert!(!a.decide(false, None), "a pipe gets no colour");
        assert!(!a.decide(true, Some(OsStr::new("1"))));
        assert!(
            a.decide(true, Some(OsStr::new(""))),
            "an empty NO_COLOR is unset"
        );
        assert!(ColorChoice::Always.decide(false, Some(OsStr::new("1"))));
        assert!(!ColorChoice::Never.decide(true, None));
    }
}
