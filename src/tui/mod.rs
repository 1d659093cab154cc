//! Terminal UI: Wireshark's three panes for WebSocket, plus teaching views.
//! Built with the cargo feature `tui` (on by default).
//!
//! Layout of the module, gitui/trippy style: state apart from drawing.
//!
//! State and what changes it (no terminal involved; tests drive it):
//! - [`app`]: the [`App`]: the model, the selection, the open view or popup;
//!   carries out keys and mouse actions, composing the parts below;
//! - [`filter`]: which rows the list shows, the filter form and the
//!   connection picker;
//! - [`search`]: the search prompt's query and the search stepping through
//!   the rows;
//! - [`keys`]: every binding in one table (also feeding the help overlay),
//!   and what keys typed into the search prompt do;
//! - [`mouse`]: what a click or wheel turn asks for, from the layout;
//! - [`index`]: look-up tables built once as records arrive;
//! - [`loader`]: reads the capture in a background thread.
//!
//! The screen:
//! - [`layout`]: where everything goes, a pure function of the terminal size
//!   that drawing, paging and mouse hit-testing share;
//! - [`ui`]: draws the screen from `&App` (title, footer, popups);
//! - [`list`], [`tree`] (one file per protocol layer), [`hex`]: the three
//!   panes;
//! - [`views`]: the teaching views (handshake, header, unmasking, message,
//!   connection summary, notes);
//! - [`text`]: escaping, previews and wrapping of capture text.
//!
//! `run` (here): the terminal, the event loop and restoring the terminal,
//! also on panic; it returns an [`Outcome`] that `cli` maps to an exit code.

pub mod app;
pub mod filter;
pub mod hex;
pub mod index;
pub mod keys;
pub mod layout;
pub mod list;
pub mod loader;
pub mod mouse;
pub mod records;
pub mod search;
pub mod store;
pub mod text;
pub mod tree;
pub mod ui;
pub mod views;

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::TryRecvError;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;

pub use app::{App, Flow};

use crate::analyze::Options;

/// Whether the terminal is currently taken over (raw mode, alternate screen).
static TERMINAL_TAKEN: AtomicBool = AtomicBool::new(false);
/// A panic in the loader thread, reported after the terminal is restored.
static LOADER_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Puts the terminal back: raw mode off, mouse released, alternate screen
/// left, cursor shown. Safe to call twice.
pub fn restore_terminal() {
    if TERMINAL_TAKEN.swap(false, Ordering::SeqCst) {
        let _ = terminal::disable_raw_mode();
        let mut out = io::stdout();
        let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
        let _ = out.flush();
    }
}

fn take_terminal() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    TERMINAL_TAKEN.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, EnableMouseCapture, cursor::Hide)?;
    Ok(())
}

/// Restores the terminal before a panic message is printed, so the message
/// is readable and the shell usable. A panic in the loader thread must not
/// tear the screen down under the running UI: it is kept and shown at exit.
fn install_panic_hook() {
    let ui_thread = std::thread::current().id();
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() != ui_thread {
            if let Ok(mut p) = LOADER_PANIC.lock() {
                *p = Some(info.to_string());
            }
            return;
        }
        restore_terminal();
        prev(info);
    }));
}

/// How a TUI session ended; `cli` turns it into an exit code and prints
/// the message (the terminal is restored by then).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The capture was read whole and the user quit.
    Quit,
    /// The capture could not be opened, turned out damaged, or reading it
    /// stopped on an internal error (what was readable was still shown).
    BadInput(String),
    /// There is no terminal to draw on, or it failed while drawing.
    NoTerminal(String),
}

/// Runs the TUI on `capture` until the user quits, every text in the
/// options' language (`options.dissect.lang`, the one the notes are worded in).
pub fn run(capture: &str, options: Options) -> Outcome {
    let mut app = App::new(capture);
    app.set_lang(options.dissect.lang);
    let opened = match loader::open_for(&mut app, capture) {
        Ok(o) => o,
        Err(e) => return Outcome::BadInput(e.words(app.l())),
    };
    let total = opened.total;
    install_panic_hook();
    if let Err(e) = take_terminal() {
        restore_terminal();
        return Outcome::NoTerminal(crate::tr!(
            app.l(),
            "tui-no-terminal",
            error = e.to_string(),
            capture = capture
        ));
    }
    let started = Instant::now();
    let rx = loader::spawn(opened, &options);
    // A new filter on millions of rows yields to the keys every slice.
    app.set_time_slice(Duration::from_millis(12));
    let res = event_loop(&mut app, rx, total, started);
    restore_terminal();
    if let Ok(Some(p)) = LOADER_PANIC.lock().map(|p| p.clone()) {
        return Outcome::BadInput(crate::tr!(app.l(), "tui-internal-error", error = p));
    }
    if let Err(e) = res {
        return Outcome::NoTerminal(crate::tr!(
            app.l(),
            "tui-terminal-error",
            error = e.to_string()
        ));
    }
    match &app.load {
        app::LoadState::Failed(e) => Outcome::BadInput(e.clone()),
        _ => Outcome::Quit,
    }
}

/// Shortest wait for terminal events (see the comment where it is used).
const POLL_MIN: Duration = Duration::from_millis(1);

/// Shortest time between two redraws caused by loading (input redraws at once).
const FRAME_GAP: Duration = Duration::from_millis(40);

/// Optional timing log (`WSDISSECT_TUI_TIMING=FILE`): when the first screen
/// was drawn, when loading finished, and how long each input took from
/// being read to being on screen. `bench/tui_timing.sh` reads it; no test
/// asserts a time.
struct TimingLog {
    out: Option<std::fs::File>,
    started: Instant,
    first_drawn: bool,
}

impl TimingLog {
    fn new(started: Instant) -> TimingLog {
        let out =
            std::env::var_os("WSDISSECT_TUI_TIMING").and_then(|p| std::fs::File::create(p).ok());
        TimingLog {
            out,
            started,
            first_drawn: false,
        }
    }

    fn line(&mut self, what: &str, d: Duration) {
        if let Some(f) = self.out.as_mut() {
            use std::io::Write;
            let _ = writeln!(f, "{what}\t{:.3}", d.as_secs_f64() * 1e3);
        }
    }

    fn drawn(&mut self, input_at: Option<Instant>) {
        if !self.first_drawn {
            self.first_drawn = true;
            let d = self.started.elapsed();
            self.line("first_screen_ms", d);
        }
        if let Some(t) = input_at {
            let d = t.elapsed();
            self.line("input_to_screen_ms", d);
        }
    }
}

fn event_loop(
    app: &mut App,
    rx: std::sync::mpsc::Receiver<loader::LoadMsg>,
    total: Option<u64>,
    started: Instant,
) -> io::Result<()> {
    let mut timing = TimingLog::new(started);
    let mut input_at: Option<Instant> = None;
    let backend = CrosstermBackend::new(io::stdout());
    let mut terminal = Terminal::new(backend)?;
    terminal.clear()?;
    let mut loading = true;
    // A key or mouse event changed something: redraw now.
    let mut input_dirty = true;
    // Loading or searching changed something: redraw at most every FRAME_GAP,
    // so a fast loader does not flood the terminal (and starve it of CPU).
    let mut data_dirty = false;
    let mut last_draw = Instant::now();
    loop {
        if input_dirty || (data_dirty && last_draw.elapsed() >= FRAME_GAP) {
            let size = terminal.size()?;
            app.fit(Rect::new(0, 0, size.width, size.height));
            terminal.draw(|f| ui::draw(f, app))?;
            timing.drawn(input_at.take());
            last_draw = Instant::now();
            input_dirty = false;
            data_dirty = false;
        }
        // Take what the loader has, a bounded slice of time at most.
        let mut more_pending = false;
        if loading {
            let until = Instant::now() + Duration::from_millis(12);
            loop {
                match rx.try_recv() {
                    Ok(msg) => {
                        data_dirty = true;
                        if loader::apply(app, msg, total) {
                            timing.line("loaded_ms", started.elapsed());
                            loading = false;
                            input_dirty = true;
                            break;
                        }
                        if Instant::now() >= until {
                            more_pending = true;
                            break;
                        }
                    }
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        // The loader died (its panic is reported at exit).
                        app.finish(Some(app.l().t("tui-loader-died")));
                        loading = false;
                        input_dirty = true;
                        break;
                    }
                }
            }
        }
        if app.busy() {
            app.tick();
            data_dirty = true;
            more_pending = true;
        }
        let wait = if input_dirty || more_pending {
            Duration::ZERO
        } else if data_dirty {
            FRAME_GAP.saturating_sub(last_draw.elapsed())
        } else if loading {
            Duration::from_millis(20)
        } else {
            Duration::from_millis(500)
        };
        // crossterm's /dev/tty event source does not read the terminal at
        // all when polled with a zero timeout: never ask for less than 1 ms.
        if event::poll(wait.max(POLL_MIN))? {
            // Handle every pending event before drawing again.
            loop {
                let ev = event::read()?;
                input_at.get_or_insert_with(Instant::now);
                match ev {
                    Event::Key(k) => {
                        let flow = app.handle_key(k);
                        if flow == Flow::Quit {
                            return Ok(());
                        }
                    }
                    Event::Mouse(m) => app.handle_mouse(m),
                    Event::Resize(_, _) => terminal.autoresize()?,
                    _ => {}
                }
                input_dirty = true;
                if !event::poll(POLL_MIN)? {
                    break;
                }
            }
        }
    }
}
