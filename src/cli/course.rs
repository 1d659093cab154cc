//! The course commands' command line: `accept`, `handshake`, `frame`,
//! `exercise` (docs/cli.md, docs/exercise.md). Flattened into the main
//! command list so that they live apart from `dump`, `streams`, `follow`.

use clap::Subcommand;

use crate::i18n::L10n;

/// The course commands.
#[derive(Debug, Subcommand)]
pub enum CourseCommand {
    /// Work out Sec-WebSocket-Accept from a Sec-WebSocket-Key step by step,
    /// and compare it with a given answer.
    Accept {
        /// The client's Sec-WebSocket-Key.
        key: String,
        /// The Sec-WebSocket-Accept to check against the key.
        #[arg(long, value_name = "VALUE")]
        accept: Option<String>,
    },
    /// Check an opening handshake pasted as text (request, then response),
    /// with every rule a capture is checked with.
    Handshake {
        /// A text file with the request and the response, or - for standard input.
        file: String,
    },
    /// Build a WebSocket frame, or decode frames from hex, and explain every
    /// header bit.
    #[command(subcommand)]
    Frame(FrameCommand),
    /// Check the course exercise on a capture: handshake, Accept, masking,
    /// text both ways, closing handshake, and the size argument.
    Exercise {
        /// pcap or pcapng files (several: each checked on its own), or - for
        /// standard input.
        #[arg(required = true)]
        capture: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = super::exercise::ExerciseFormat::Text)]
        format: super::exercise::ExerciseFormat,
        /// Evaluate this TCP stream (Wireshark's tcp.stream) instead of the best one.
        #[arg(long)]
        stream: Option<u32>,
        #[command(flatten)]
        keys: super::KeyArgs,
    },
}

/// `frame build` / `frame decode`.
#[derive(Debug, Subcommand)]
pub enum FrameCommand {
    /// Build a frame from options (e.g. --text Hello --mask 37fa213d).
    Build(super::frame::BuildArgs),
    /// Decode and explain one or more frames given in hex (spaces allowed).
    Decode {
        /// The bytes in hex, e.g. 81 85 37 fa 21 3d 7f 9f 4d 51 58.
        #[arg(required = true)]
        hex: Vec<String>,
    },
}

/// Runs a course command; returns the exit code.
pub fn run(cmd: CourseCommand, l: &L10n) -> i32 {
    match cmd {
        CourseCommand::Accept { key, accept } => super::accept::run(&key, accept.as_deref(), l),
        CourseCommand::Handshake { file } => super::handshake::run(&file, l),
        CourseCommand::Frame(FrameCommand::Build(a)) => super::frame::run_build(&a, l),
        CourseCommand::Frame(FrameCommand::Decode { hex }) => super::frame::run_decode(&hex, l),
        CourseCommand::Exercise {
            capture,
            format,
            stream,
            keys,
        } => {
            let mut opts = crate::analyze::Options::default();
            opts.dissect.lang = l.lang();
            opts.dissect.keylog = match keys.load(l) {
                Ok(k) => k,
                Err(c) => return c,
            };
            super::exercise::run(&capture, &opts, stream, format, l)
        }
    }
}
