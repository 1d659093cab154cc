//! Command line: `dump`, `streams`, `follow`, `tui`, and the course
//! commands `accept`, `handshake`, `frame`, `exercise` (`course`).
//!
//! Exit codes (docs/cli.md): 0 success; 1 the capture is unreadable or
//! damaged (everything decodable before the damage was still printed);
//! 2 usage error (bad arguments, unknown stream, a malformed filter).
//! With several captures, 1 when any of them failed (the others were still
//! processed).

mod accept;
mod course;
mod dump;
mod exercise;
pub mod files;
mod follow;
mod frame;
mod handshake;
pub mod help;
mod payloads;
pub mod schema;
mod streams;
pub mod style;
pub mod text;

use clap::{Parser, Subcommand, ValueEnum};

use crate::analyze::Options;
use crate::capture::{CaptureError, CaptureReader};
use crate::tls::KeyLog;

/// Exit code: success.
pub const EXIT_OK: i32 = 0;
/// Exit code: the capture could not be read, or is damaged.
pub const EXIT_BAD_INPUT: i32 = 1;
/// Exit code: the command line is wrong.
pub const EXIT_USAGE: i32 = 2;

/// Open packet captures and learn WebSocket (RFC 6455) byte by byte.
#[derive(Debug, Parser)]
#[command(name = "wsdissect", version, about, long_about = None)]
pub struct Cli {
    /// Language: fi or en (default: from LC_ALL, LC_MESSAGES, LANG; fi* is Finnish).
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    lang: Option<crate::i18n::Lang>,
    /// Colour the output of `dump --format text`, `streams` and `follow
    /// --format text`: auto (when stdout is a terminal and NO_COLOR is not
    /// set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = style::ColorChoice::Auto)]
    color: style::ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Step through the handshake and every frame in a terminal UI.
    #[cfg_attr(
        not(feature = "tui"),
        command(about = "Not in this build: it was built without the terminal UI")
    )]
    Tui {
        /// pcap or pcapng file, or - for standard input.
        capture: String,
        #[command(flatten)]
        ws: WsArgs,
        #[command(flatten)]
        keys: KeyArgs,
    },
    /// Print every handshake, frame, message and note as JSON, NDJSON or text.
    Dump {
        /// pcap or pcapng files, or - for standard input. With several,
        /// NDJSON records carry `file`.
        #[arg(required = true, value_name = "CAPTURE")]
        captures: Vec<String>,
        /// Only the records of packets this Wireshark display filter
        /// selects, e.g. 'websocket.opcode == 1 && tcp.stream == 0'
        /// (docs/filters.md).
        #[arg(short = 'Y', long = "filter", value_name = "EXPR")]
        filter: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DumpFormat::Ndjson)]
        format: DumpFormat,
        /// Only this TCP stream (Wireshark's tcp.stream).
        #[arg(long)]
        stream: Option<u32>,
        /// Also emit one record per packet.
        #[arg(long)]
        packets: bool,
        /// Which payload bytes the JSON carries: frames' payloads
        /// (payload_base64), messages' contents (text, data_base64), both,
        /// or none. Every record and every other field is still written.
        #[arg(long, value_enum, default_value_t = payloads::Payloads::All)]
        payloads: payloads::Payloads,
        #[command(flatten)]
        keys: KeyArgs,
        #[command(flatten)]
        ws: WsArgs,
    },
    /// List TCP connections: endpoints, frames, bytes, gaps, what they carry.
    Streams {
        /// pcap or pcapng files, or - for standard input.
        #[arg(required = true, value_name = "CAPTURE")]
        captures: Vec<String>,
        /// JSON instead of a table.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        keys: KeyArgs,
    },
    /// Wireshark's "Follow TCP Stream": one connection's reassembled bytes.
    Follow {
        /// pcap or pcapng file, or - for standard input.
        capture: String,
        /// TCP stream number (Wireshark's tcp.stream).
        stream: u32,
        /// Which side's bytes.
        #[arg(long, value_enum, default_value_t = FollowDirection::Both)]
        direction: FollowDirection,
        /// raw: the bytes themselves; hex: a hex dump; text: printable text.
        #[arg(long, value_enum, default_value_t = FollowFormat::Text)]
        format: FollowFormat,
        /// The decrypted TLS stream (Wireshark's "Follow TLS Stream") instead
        /// of the TCP bytes; needs the keys (--keylog, or a pcapng with them).
        #[arg(long)]
        tls: bool,
        #[command(flatten)]
        keys: KeyArgs,
    },
    #[command(flatten)]
    Course(course::CourseCommand),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. into ~/.local/share/man/man1/wsdissect.1.
    Man,
    /// Print the JSON Schema of dump's output (docs/schema/, docs/json.md).
    Schema {
        /// ndjson: one line, any record (`dump`'s default); json: the
        /// `dump --format json` document.
        #[arg(long, value_enum, default_value_t = schema::SchemaFormat::Ndjson)]
        format: schema::SchemaFormat,
    },
}

/// TLS keys, for `wss://` (docs/tls.md).
#[derive(Debug, Default, clap::Args)]
struct KeyArgs {
    /// An NSS key log (SSLKEYLOGFILE) to decrypt TLS with (repeatable); keys
    /// in a pcapng's Decryption Secrets Blocks are used without it.
    #[arg(long = "keylog", value_name = "FILE")]
    keylog: Vec<std::path::PathBuf>,
}

impl KeyArgs {
    /// Loads the key logs; a malformed line is a warning naming it, a file
    /// that cannot be read is an error (exit 1).
    fn load(&self, l: &crate::i18n::L10n) -> Result<std::sync::Arc<KeyLog>, i32> {
        let mut all = KeyLog::default();
        for path in &self.keylog {
            match KeyLog::load(path) {
                Ok(k) => all.merge(k),
                Err(e) => {
                    eprintln!(
                        "wsdissect: {}",
                        crate::tr!(
                            l,
                            "cli-cannot-read-keylog",
                            file = path.display().to_string(),
                            error = crate::capture::io_words(&e, l)
                        )
                    );
                    return Err(EXIT_BAD_INPUT);
                }
            }
        }
        for w in all.warnings() {
            eprintln!(
                "wsdissect: {}",
                crate::tr!(l, "cli-keylog-warning", warning = w.words(l))
            );
        }
        Ok(std::sync::Arc::new(all))
    }
}

/// WebSocket-layer options shared by `dump` and `tui`.
#[derive(Debug, clap::Args)]
struct WsArgs {
    /// Decode connections on this port as WebSocket even without a handshake
    /// in the capture (repeatable).
    #[arg(long = "ws-port", value_name = "PORT")]
    ws_port: Vec<u16>,
    /// Do not guess WebSocket on connections without a handshake.
    #[arg(long)]
    no_guess: bool,
    /// Payload bytes kept per frame and per message.
    #[arg(long, value_name = "BYTES", default_value_t = 16 << 20)]
    max_payload: usize,
    /// Out-of-order bytes held per TCP direction while waiting for a missing
    /// segment; past this the hole is declared a gap.
    #[arg(long, value_name = "BYTES", default_value_t = 4 << 20)]
    max_out_of_order: usize,
}

impl WsArgs {
    fn options(&self) -> Options {
        let mut o = Options::default();
        o.dissect.ws_ports = self.ws_port.clone();
        o.dissect.guess = !self.no_guess;
        o.dissect.max_payload = self.max_payload;
        o.dissect.max_message = self.max_payload;
        o.tcp.max_out_of_order = self.max_out_of_order;
        o
    }
}

/// `dump` output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DumpFormat {
    /// One JSON document.
    Json,
    /// One JSON record per line, written as soon as it is complete.
    Ndjson,
    /// One line per frame, like Wireshark's Info column.
    Text,
}

/// `follow --direction`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FollowDirection {
    /// Client to server.
    Client,
    /// Server to client.
    Server,
    /// Both, in capture order.
    Both,
}

/// `follow --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FollowFormat {
    /// The bytes as they are.
    Raw,
    /// Offset, hex and ASCII.
    Hex,
    /// Printable text, other bytes as '.'.
    Text,
}

fn open(path: &str, l: &crate::i18n::L10n) -> Result<CaptureReader, i32> {
    CaptureReader::open(path).map_err(|e| {
        eprintln!("wsdissect: {}", e.words(l));
        EXIT_BAD_INPUT
    })
}

/// Reports a capture error on stderr and maps it to the exit code.
fn finish(res: Result<(), CaptureError>, l: &crate::i18n::L10n) -> i32 {
    match res {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("wsdissect: {}", e.words(l));
            EXIT_BAD_INPUT
        }
    }
}

/// Sets glibc's allocator up for a batch command's traffic (`dump`,
/// `streams`): payloads and messages of up to megabytes, each freed soon
/// after it is written or counted.
///
/// By default glibc gives such a block back to the kernel when it is freed
/// (from the heap's top once 128 KiB are free there, or by `munmap` for a
/// block it mapped), and the next one's pages are faulted in afresh: up to
/// 72 000 page faults a run on the compressed benchmark capture, against
/// 4 400 with these settings (docs/performance.md); `streams` on
/// `ws-100MB.pcap` 6 300 against 930, and 17 % less CPU time. Blocks up
/// to 4 MiB now come from the heap, and up to 64 MiB of free heap is kept
/// for reuse; memory stays flat whatever the capture's size. The TUI, with
/// its memory budget and no gain from it (measured), keeps glibc's defaults.
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only changes two allocator parameters; it runs
    // before the command starts any other thread.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 4 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 64 << 20);
    }
}

/// Parses the command line and runs it; returns the exit code.
pub fn main() -> i32 {
    use clap::FromArgMatches;
    use std::io::{IsTerminal, Write};
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The language is known before clap parses, so that `--help` and
    // clap's errors are already in it (src/cli/help.rs).
    let l10n = crate::i18n::L10n::get(help::lang_of_args(&args));
    let parsed = help::command(l10n)
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind as K;
            if let Some(text) = help::render_error(&e, l10n) {
                eprint!("{text}");
                return EXIT_USAGE;
            }
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            match e.kind() {
                K::DisplayHelp | K::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let text = help::render_display(&e, l10n, std::io::stdout().is_terminal());
                    if e.use_stderr() {
                        eprint!("{text}");
                    } else {
                        let _ = std::io::stdout().write_all(text.as_bytes());
                    }
                }
                _ => {
                    let _ = e.print();
                }
            }
            return code;
        }
    };
    let l10n = match cli.lang {
        Some(lang) => crate::i18n::L10n::get(lang),
        None => l10n,
    };
    let paint = cli.color.paint();
    match cli.command {
        Command::Course(c) => course::run(c, l10n),
        Command::Dump {
            captures,
            filter,
            format,
            stream,
            packets,
            payloads,
            keys,
            ws,
        } => {
            let filter = match filter.as_deref().map(crate::filter::Filter::parse) {
                None => None,
                Some(Ok(f)) => Some(f),
                Some(Err(e)) => {
                    let text = filter.as_deref().unwrap_or("");
                    eprintln!(
                        "wsdissect: {}\n{}",
                        crate::tr!(l10n, "cli-bad-filter", error = e.words(l10n)),
                        e.caret(text)
                    );
                    return EXIT_USAGE;
                }
            };
            let mut opts = ws.options();
            opts.dissect.lang = l10n.lang();
            opts.dissect.keylog = match keys.load(l10n) {
                Ok(k) => k,
                Err(c) => return c,
            };
            opts.packets = packets;
            dump::run(
                &captures,
                &dump::DumpArgs {
                    opts: &opts,
                    format,
                    stream,
                    filter: filter.as_ref(),
                    packets,
                    payloads,
                    paint,
                },
            )
        }
        Command::Streams {
            captures,
            json,
            keys,
        } => {
            let mut opts = Options::default();
            opts.dissect.lang = l10n.lang();
            opts.dissect.keylog = match keys.load(l10n) {
                Ok(k) => k,
                Err(c) => return c,
            };
            streams::run(&captures, &opts, json, paint)
        }
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "wsdissect", &mut std::io::stdout());
            EXIT_OK
        }
        Command::Schema { format } => schema::run(format),
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            match clap_mangen::Man::new(cmd).render(&mut std::io::stdout()) {
                Ok(()) => EXIT_OK,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
                Err(e) => {
                    eprintln!(
                        "wsdissect: {}",
                        crate::tr!(l10n, "cli-cannot-write", error = e.to_string())
                    );
                    EXIT_BAD_INPUT
                }
            }
        }
        Command::Follow {
            capture,
            stream,
            direction,
            format,
            tls,
            keys,
        } => {
            let keylog = match keys.load(l10n) {
                Ok(k) => k,
                Err(c) => return c,
            };
            let mut reader = match open(&capture, l10n) {
                Ok(r) => r,
                Err(c) => return c,
            };
            let tls = tls.then(|| (*keylog).clone());
            follow::run(&mut reader, stream, direction, format, tls, paint, l10n)
        }
        Command::Tui { capture, ws, keys } => {
            let mut opts = ws.options();
            opts.dissect.keylog = match keys.load(l10n) {
                Ok(k) => k,
                Err(c) => return c,
            };
            // The TUI's texts and the notes' sentences (worded by the
            // dissector) in one language.
            opts.dissect.lang = l10n.lang();
            tui(&capture, opts)
        }
    }
}

/// `tui`: runs the terminal UI and maps how it ended to the exit code.
#[cfg(feature = "tui")]
fn tui(capture: &str, options: Options) -> i32 {
    use crate::tui::Outcome;
    match crate::tui::run(capture, options) {
        Outcome::Quit => EXIT_OK,
        Outcome::BadInput(e) => {
            eprintln!("wsdissect: {e}");
            EXIT_BAD_INPUT
        }
        Outcome::NoTerminal(e) => {
            eprintln!("wsdissect: {e}");
            EXIT_USAGE
        }
    }
}

/// `tui` in a build without the terminal UI: says so.
#[cfg(not(feature = "tui"))]
fn tui(_capture: &str, options: Options) -> i32 {
    eprintln!(
        "wsdissect: {}",
        crate::i18n::L10n::get(options.dissect.lang).t("cli-no-tui")
    );
    EXIT_USAGE
}
