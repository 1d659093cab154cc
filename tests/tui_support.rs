//! Helpers shared by the TUI tests (included with `#[path]`).
#![cfg(feature = "tui")]
#![allow(dead_code)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;
use wsdissect::analyze::Options;
use wsdissect::tui::{ui, App, Flow};

/// A capture from `samples/`.
pub fn sample(name: &str) -> String {
    format!("{}/samples/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A capture from `../shared/captures`, or `None` (with a loud message) when
/// the corpus is absent and `WSDISSECT_ALLOW_MISSING_SHARED=1`; panics when
/// it is absent otherwise, so a test cannot pass by testing nothing.
pub fn shared(rel: &str) -> Option<String> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/captures")
        .join(rel);
    if p.is_file() {
        return Some(p.to_string_lossy().into_owned());
    }
    if std::env::var("WSDISSECT_ALLOW_MISSING_SHARED").as_deref() == Ok("1") {
        eprintln!(
            "WARNING: {} is absent: this TUI test is SKIPPED (WSDISSECT_ALLOW_MISSING_SHARED=1)",
            p.display()
        );
        return None;
    }
    panic!(
        "{} is absent. Clone with ../shared beside the repo, or set \
         WSDISSECT_ALLOW_MISSING_SHARED=1 to skip loudly.",
        p.display()
    );
}

/// The whole capture loaded, as the TUI would show it once reading ends.
pub fn load(path: &str) -> App {
    App::load(path, &Options::default()).expect("capture loads")
}

/// Draws the app on a `w`×`h` test terminal and returns the screen text.
pub fn render(app: &mut App, w: u16, h: u16) -> String {
    terminal(app, w, h).backend().to_string()
}

/// Draws and returns the test terminal (to look at styles). Like the event
/// loop: fits the app to the terminal, then draws it (read-only).
pub fn terminal(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    app.fit(Rect::new(0, 0, w, h));
    let app: &App = app;
    t.draw(|f| ui::draw(f, app)).unwrap();
    t
}

/// Presses keys: plain characters, and `<Name>` for special keys
/// (`<Down>`, `<Up>`, `<Left>`, `<Right>`, `<Enter>`, `<Esc>`, `<Tab>`,
/// `<BackTab>`, `<PgDn>`, `<PgUp>`, `<Home>`, `<End>`, `<Bs>`, `<F1>`, `<C-c>`, `<C-u>`).
/// Returns the flow after the last key.
pub fn press(app: &mut App, keys: &str) -> Flow {
    let mut flow = Flow::Continue;
    let mut chars = keys.chars().peekable();
    while let Some(c) = chars.next() {
        let ev = if c == '<' && chars.peek().is_some_and(|n| n.is_ascii_alphabetic()) {
            let mut name = String::new();
            for n in chars.by_ref() {
                if n == '>' {
                    break;
                }
                name.push(n);
            }
            let code = match name.as_str() {
                "Down" => KeyCode::Down,
                "Up" => KeyCode::Up,
                "Left" => KeyCode::Left,
                "Right" => KeyCode::Right,
                "Enter" => KeyCode::Enter,
                "Esc" => KeyCode::Esc,
                "Tab" => KeyCode::Tab,
                "BackTab" => KeyCode::BackTab,
                "PgDn" => KeyCode::PageDown,
                "PgUp" => KeyCode::PageUp,
                "Home" => KeyCode::Home,
                "End" => KeyCode::End,
                "Bs" => KeyCode::Backspace,
                "F1" => KeyCode::F(1),
                "C-u" => {
                    flow = app.handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
                    continue;
                }
                "C-c" => {
                    flow = app.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
                    continue;
                }
                other => panic!("unknown key <{other}>"),
            };
            KeyEvent::new(code, KeyModifiers::NONE)
        } else {
            let m = if c.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            KeyEvent::new(KeyCode::Char(c), m)
        };
        flow = app.handle_key(ev);
    }
    flow
}

/// A wss:// sample decrypted with its key log: `samples/NAME.pcap` with
/// `samples/NAME.keys`.
pub fn load_wss(name: &str) -> App {
    let mut opts = Options::default();
    let keys = wsdissect::tls::KeyLog::load(std::path::Path::new(&sample(&format!("{name}.keys"))))
        .expect("key log loads");
    opts.dissect.keylog = std::sync::Arc::new(keys);
    App::load(&sample(&format!("{name}.pcap")), &opts).expect("capture loads")
}

/// Moves the selection down to the row of frame `no` (Wireshark's `No.`).
pub fn goto(app: &mut App, no: u64) {
    press(app, "g");
    for _ in 0..10_000 {
        if app.selected().is_some_and(|s| s.no == no) {
            return;
        }
        press(app, "j");
    }
    panic!("no row for frame {no}");
}
