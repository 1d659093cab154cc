//! The TUI's frame in Finnish (`--lang fi`): title line, tab bar, list
//! headers, footer, help, filter form, search, connection picker, loading
//! and errors, at 80x24 and 120x40. Each test also asserts the words a
//! student would look for, so a lost translation fails even when the
//! snapshots are re-blessed.
#![cfg(feature = "tui")]

use crate::support;

use crate::support::{goto, press, render, sample};
use wsdissect::analyze::Options;
use wsdissect::i18n::Lang;
use wsdissect::tui::App;

/// fastapi-echo.pcap loaded, the TUI speaking Finnish.
fn echo_fi() -> App {
    App::load(&sample("fastapi-echo.pcap"), &fi_options()).expect("capture loads")
}

/// Options as `wsdissect --lang fi tui` passes them (notes in Finnish too).
fn fi_options() -> Options {
    let mut o = Options::default();
    o.dissect.lang = Lang::Fi;
    o
}

/// The screen's last line (the footer).
fn footer(screen: &str) -> &str {
    screen.lines().last().unwrap_or("")
}

#[test]
fn main_screen_fi() {
    let mut app = echo_fi();
    let s = render(&mut app, 80, 24);
    insta::assert_snapshot!("main_80x24_fi", s);
    // Title: counts in Finnish, the list's headers, the panes' titles.
    assert!(s.contains("kehystä") && s.contains("viestiä"), "{s}");
    assert!(
        s.contains("Nro") && s.contains("Virta") && s.contains("Pituus"),
        "{s}"
    );
    assert!(s.contains(" Tiedot ") && s.contains(" Tavut "), "{s}");
    assert!(s.contains("Kehys 4"), "the bytes tab: {s}");
    assert!(
        footer(&s).contains("q lopeta") && footer(&s).contains("? ohje"),
        "{s}"
    );
    assert!(
        !s.contains(" pkts") && !s.contains(" quit"),
        "English left: {s}"
    );
    let s = render(&mut app, 120, 40);
    insta::assert_snapshot!("main_120x40_fi", s);
    assert!(s.contains("Kehys 4 ("), "the tab with its size: {s}");
    assert!(s.contains("tavua)"), "{s}");
    // The Info column: Wireshark's words as they are, wsdissect's own
    // additions in Finnish.
    assert!(
        s.contains("GET /ws HTTP/1.1  (WebSocket-päivitys)  [headerosa 196 B]"),
        "{s}"
    );
    assert!(s.contains("Text [FIN] [MASKED] len=17 [kehys 23 B]"), "{s}");
    assert!(!s.contains("[frame ") && !s.contains("[head "), "{s}");
    // Each pane's footer, and the unmasked tab of a client frame.
    press(&mut app, "n");
    press(&mut app, "<Tab>");
    let s = render(&mut app, 120, 40);
    assert!(footer(&s).contains("sulje/avaa"), "{s}");
    press(&mut app, "<Tab>");
    let s = render(&mut app, 120, 40);
    insta::assert_snapshot!("bytes_pane_120x40_fi", s);
    assert!(footer(&s).contains("tavuvälilehti"), "{s}");
    assert!(
        s.contains("Maskaus purettu") || s.contains("maskaus purettuna"),
        "{s}"
    );
    // Status messages: the time format, only one tab, nothing further.
    press(&mut app, "<Tab>T");
    let s = render(&mut app, 80, 24);
    assert!(footer(&s).contains("Aika: sekunteja edellisestä"), "{s}");
    assert!(s.contains("Δ edell."), "the Time column's header: {s}");
    press(&mut app, "G]");
    let s = render(&mut app, 80, 24);
    assert!(
        footer(&s).contains("Listassa ei ole seuraavaa viestiä"),
        "{s}"
    );
    press(&mut app, "2n");
    let s = render(&mut app, 80, 24);
    assert!(
        footer(&s).contains("Listassa ei ole seuraavaa WebSocket-kehystä"),
        "in a view: {s}"
    );
}

#[test]
fn help_overlay_fi_every_page() {
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let mut app = echo_fi();
        press(&mut app, "?");
        let mut pages = Vec::new();
        loop {
            let s = render(&mut app, w, h);
            if pages.last() == Some(&s) {
                break;
            }
            pages.push(s);
            press(&mut app, "<PgDn>");
            assert!(pages.len() < 40, "the help never ends");
        }
        let all = pages.join("\n----- PgDn -----\n");
        insta::assert_snapshot!(format!("help_{w}x{h}_fi"), all);
        for word in [
            "Näppäimet (1–",
            "Päänäkymä",
            "Pakettilista",
            "lopeta",
            "seuraava WebSocket-kehys",
            "näkymä: kättely ja Accept",
            "Suodatinlomake",
            "Hiiri",
            "Hakukenttä",
        ] {
            assert!(all.contains(word), "{w}x{h}: no {word:?}\n{all}");
        }
        assert!(!all.contains("quit") && !all.contains("Mouse"), "{all}");
    }
}

#[test]
fn filter_form_fi_valid_and_invalid() {
    let mut app = echo_fi();
    press(&mut app, "f");
    let s = render(&mut app, 80, 24);
    insta::assert_snapshot!("filter_form_80x24_fi", s);
    for word in [
        "Suodatin (",
        "Virta",
        "Suunta",
        "Näytä",
        "kaikki virrat",
        "Näyttösuodatin",
    ] {
        assert!(s.contains(word), "no {word:?}\n{s}");
    }
    // A valid display filter: green, and Enter applies it.
    press(&mut app, "<Up>websocket.opcode == 9");
    let s = render(&mut app, 120, 40);
    insta::assert_snapshot!("filter_valid_120x40_fi", s);
    assert!(s.contains("✓ kelvollinen: Enter ottaa sen käyttöön"), "{s}");
    press(&mut app, "<Enter>");
    let s = render(&mut app, 80, 24);
    assert!(
        s.contains("suodatin: websocket.opcode == 9"),
        "the title: {s}"
    );
    // An invalid one: the parser's words in Finnish, with its column, and a
    // refused Enter says why.
    press(&mut app, "f<Up><C-u>tcp.port == \"80\"<Enter>");
    let s = render(&mut app, 80, 24);
    insta::assert_snapshot!("filter_invalid_80x24_fi", s);
    assert!(s.contains("sarake 13:"), "{s}");
    assert!(s.contains("korjaa se"), "{s}");
    assert!(!s.contains("column"), "{s}");
    // The direction in words, and clearing.
    press(&mut app, "<Esc>f<Down><Right><Enter>");
    let s = render(&mut app, 120, 40);
    assert!(s.contains("suodatin: asiakas → palvelin"), "{s}");
    press(&mut app, "fx");
    let s = render(&mut app, 80, 24);
    assert!(
        footer(&s).contains("Suodatin tyhjennetty: kaikki rivit näytetään"),
        "{s}"
    );
}

#[test]
fn search_fi_found_and_not_found() {
    let mut app = echo_fi();
    press(&mut app, "/Hello");
    let s = render(&mut app, 80, 24);
    insta::assert_snapshot!("search_prompt_80x24_fi", s);
    assert!(footer(&s).contains("hae payloadin tekstiä: Hello"), "{s}");
    assert!(footer(&s).contains("Enter etsi · Esc peru"), "{s}");
    press(&mut app, "<Enter>");
    while app.searching() {
        app.tick();
    }
    let s = render(&mut app, 80, 24);
    assert!(footer(&s).contains("\"Hello\" löytyi kehyksestä"), "{s}");
    press(&mut app, "/zzzz-ei-ole<Enter>");
    while app.searching() {
        app.tick();
    }
    let s = render(&mut app, 80, 24);
    insta::assert_snapshot!("search_not_found_80x24_fi", s);
    assert!(
        footer(&s).contains("\"zzzz-ei-ole\" ei ole näytettyjen rivien"),
        "{s}"
    );
}

#[test]
fn connection_picker_fi() {
    let mut app = echo_fi();
    press(&mut app, "s");
    let s = render(&mut app, 120, 40);
    insta::assert_snapshot!("connections_120x40_fi", s);
    for word in [
        "Yhteydet",
        "Asiakas → palvelin",
        "Kehyksiä",
        "kaikki yhteydet",
    ] {
        assert!(s.contains(word), "no {word:?}\n{s}");
    }
    let s = render(&mut app, 80, 24);
    assert!(s.contains("Asiakas → palvelin"), "fits at 80 columns: {s}");
}

#[test]
fn loading_and_errors_fi() {
    // While reading: the title's progress and the empty list.
    let mut app = App::new("fastapi-echo.pcap");
    app.set_lang(Lang::Fi);
    app.set_progress(50, Some(100));
    let s = render(&mut app, 80, 24);
    insta::assert_snapshot!("loading_80x24_fi", s);
    assert!(s.contains("⟳ luetaan 50%"), "{s}");
    assert!(s.contains("Luetaan kaappausta…"), "{s}");
    // A capture that cannot be opened: the error in Finnish, naming the file.
    let err = App::load("/nonexistent/capture.pcap", &fi_options()).unwrap_err();
    assert!(
        err.starts_with("/nonexistent/capture.pcap: ei voi lukea"),
        "{err}"
    );
    // A capture cut in the middle of a record: what was read is shown, the
    // title says it is damaged and the footer says where, in Finnish.
    let whole = std::fs::read(sample("fastapi-echo.pcap")).unwrap();
    let path = std::env::temp_dir().join(format!("wsdissect-fi-cut-{}.pcap", std::process::id()));
    std::fs::write(&path, &whole[..whole.len() - 10]).unwrap();
    let app = App::load(path.to_str().unwrap(), &fi_options());
    std::fs::remove_file(&path).ok();
    let mut app = app.expect("what was readable loads");
    let s = render(&mut app, 120, 40);
    assert!(s.contains("✗ kaappaus on vioittunut"), "{s}");
    assert!(
        footer(&s).contains("tiedosto päättyy kesken tietueen"),
        "{s}"
    );
    // Too small a terminal.
    let s = render(&mut app, 20, 5);
    assert!(s.contains("Liian pieni"), "{s}");
}

#[test]
fn undecrypted_tls_list_fi() {
    // wss:// opened without its key log: the empty list says why, in Finnish
    // (the reason is the model's, worded by `tls-why-*`).
    let mut app =
        App::load(&sample("wss-browser-fastapi.pcap"), &fi_options()).expect("capture loads");
    let s = render(&mut app, 120, 40);
    assert!(s.contains("Ei HTTP- eikä WebSocket-rivejä"), "{s}");
    assert!(s.contains("avainlokia"), "{s}");
    assert!(!s.contains("key log"), "{s}");
}

#[test]
fn english_stays_the_default() {
    let mut app = support::load(&sample("fastapi-echo.pcap"));
    goto(&mut app, 4);
    let s = render(&mut app, 80, 24);
    assert!(s.contains(" Details ") && s.contains("q quit"), "{s}");
    // In a teaching view too, a status message is worded, not an id.
    press(&mut app, "G2n");
    let s = render(&mut app, 80, 24);
    assert!(
        footer(&s).contains("No next WebSocket frame in the list."),
        "{s}"
    );
}
