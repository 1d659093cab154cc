//! Key-driven tests: press keys on the App (no terminal), then check the
//! selection, the state and what is on screen.
#![cfg(feature = "tui")]

use crate::support::{goto, load, load_wss, press, render, sample, terminal};
use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::style::Color;
use wsdissect::tui::app::{Pane, Popup};
use wsdissect::tui::filter::OpFilter;
use wsdissect::tui::hex::TabKind;
use wsdissect::tui::index::RowKind;
use wsdissect::tui::views::ViewKind;
use wsdissect::tui::Flow;

fn echo() -> wsdissect::tui::App {
    load(&sample("fastapi-echo.pcap"))
}

/// Moves the tree selection (focus on the tree) to the first item whose
/// label starts with `prefix`, opening every item first.
fn select_tree(app: &mut wsdissect::tui::App, prefix: &str) {
    press(app, "eg");
    for _ in 0..500 {
        if app.tree_selected().unwrap_or("").starts_with(prefix) {
            return;
        }
        press(app, "j");
    }
    panic!("no tree item starts with {prefix:?}");
}

fn no(app: &wsdissect::tui::App) -> u64 {
    app.selected().expect("a row is selected").no
}

#[test]
fn rows_move_with_arrows_and_vi_keys() {
    let mut app = echo();
    assert_eq!(app.visible_len(), 16, "2 HTTP heads + 14 frames");
    assert_eq!(no(&app), 4);
    assert_eq!(app.selected().unwrap().kind, RowKind::Http);
    press(&mut app, "j");
    assert_eq!(no(&app), 6);
    press(&mut app, "<Down><Down>");
    assert_eq!(no(&app), 9);
    press(&mut app, "k<Up>");
    assert_eq!(no(&app), 6);
    press(&mut app, "G");
    assert_eq!(no(&app), 27);
    press(&mut app, "j");
    assert_eq!(no(&app), 27, "stays on the last row");
    press(&mut app, "g");
    assert_eq!(no(&app), 4);
    press(&mut app, "<End>");
    assert_eq!(no(&app), 27);
    press(&mut app, "<Home>");
    assert_eq!(no(&app), 4);
}

#[test]
fn page_keys_move_by_the_list_height() {
    let mut app = echo();
    render(&mut app, 80, 24);
    press(&mut app, "<PgDn>");
    let page = app.selected_pos().unwrap();
    assert!(page >= 5, "a page at 80×24 is several rows, got {page}");
    press(&mut app, "<PgDn>");
    assert_eq!(app.selected_pos().unwrap(), (2 * page).min(15));
    press(&mut app, "<PgUp><PgUp><PgUp>");
    assert_eq!(app.selected_pos().unwrap(), 0);
}

#[test]
fn n_and_p_step_through_websocket_frames_only() {
    let mut app = echo();
    press(&mut app, "n");
    assert_eq!(no(&app), 8);
    assert_eq!(app.selected().unwrap().kind, RowKind::Frame);
    press(&mut app, "nn");
    assert_eq!(no(&app), 10);
    press(&mut app, "p");
    assert_eq!(no(&app), 9);
    press(&mut app, "ppp");
    assert_eq!(no(&app), 8, "no frame before the first one");
    assert!(app
        .status()
        .unwrap()
        .contains("No previous WebSocket frame"));
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("No previous WebSocket frame"), "{screen}");
}

#[test]
fn brackets_jump_between_messages_over_continuations() {
    let mut app = load(&sample("node-ws.pcap"));
    let mut seen = Vec::new();
    for _ in 0..7 {
        press(&mut app, "]");
        seen.push(no(&app));
    }
    // 12 starts a fragmented message; 13 and 14 are its continuations.
    assert_eq!(seen, vec![8, 9, 10, 11, 12, 16, 16]);
    press(&mut app, "[");
    assert_eq!(no(&app), 12);
}

#[test]
fn tab_moves_the_focus_and_the_tree_opens_and_closes() {
    let mut app = echo();
    press(&mut app, "n");
    assert_eq!(app.focus(), Pane::List);
    press(&mut app, "<Tab>");
    assert_eq!(app.focus(), Pane::Tree);
    assert!(app
        .tree_selected()
        .unwrap()
        .starts_with("WebSocket, Text (1) frame #0"));
    let open = render(&mut app, 120, 40);
    assert!(open.contains("= Fin: true"));
    press(&mut app, "<Left>");
    let closed = render(&mut app, 120, 40);
    assert!(!closed.contains("= Fin: true"), "{closed}");
    press(&mut app, "<Enter>");
    assert!(render(&mut app, 120, 40).contains("= Fin: true"));
    // → on an open item steps into it, h goes back to the parent.
    press(&mut app, "<Right>");
    assert!(app.tree_selected().unwrap().contains("Fin: true"));
    press(&mut app, "h");
    assert!(app.tree_selected().unwrap().starts_with("WebSocket"));
    press(&mut app, "E");
    assert!(!render(&mut app, 120, 40).contains("= Fin: true"));
    press(&mut app, "e");
    let all = render(&mut app, 120, 150);
    assert!(all.contains("Source port: 54330"), "e opens TCP too: {all}");
    press(&mut app, "<Tab>");
    assert_eq!(app.focus(), Pane::Hex);
    press(&mut app, "<Tab>");
    assert_eq!(app.focus(), Pane::List);
    press(&mut app, "<BackTab>");
    assert_eq!(app.focus(), Pane::Hex);
}

#[test]
fn the_selected_field_stays_selected_on_the_next_frame() {
    let mut app = echo();
    press(&mut app, "n<Tab>");
    select_tree(&mut app, "Masking-Key");
    press(&mut app, "<BackTab>");
    assert_eq!(app.focus(), Pane::List);
    press(&mut app, "jj");
    assert_eq!(no(&app), 10);
    // Frame 10's own key, from the model.
    let k = app
        .index()
        .frames
        .iter()
        .find(|f| f.frame == 10)
        .unwrap()
        .header
        .mask_key
        .unwrap();
    let want = format!(
        "Masking-Key: {:02x}{:02x}{:02x}{:02x}",
        k[0], k[1], k[2], k[3]
    );
    assert_eq!(app.tree_selected().unwrap(), want);
    assert_ne!(want, "Masking-Key: 38d9bae1");
}

/// Cells of `text` on the screen line starting with `prefix`.
fn cells_of(
    t: &ratatui::Terminal<ratatui::backend::TestBackend>,
    prefix: &str,
    text: &str,
) -> Vec<ratatui::buffer::Cell> {
    let buf = t.backend().buffer();
    let w = buf.area.width;
    for y in 0..buf.area.height {
        let line: String = (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect();
        if line.starts_with(prefix) {
            let at = line
                .find(text)
                .unwrap_or_else(|| panic!("{text} not in {line}"));
            let x0 = line[..at].chars().count() as u16;
            return (x0..x0 + text.chars().count() as u16)
                .map(|x| buf[(x, y)].clone())
                .collect();
        }
    }
    panic!("no line starts with {prefix:?}");
}

#[test]
fn selecting_the_masking_key_highlights_its_bytes_in_the_packet() {
    let mut app = echo();
    press(&mut app, "n<Tab>");
    select_tree(&mut app, "Masking-Key");
    let t = terminal(&mut app, 80, 24);
    // Packet 8: 66 bytes of Ethernet/IP/TCP, then 81 91 38 d9 ba e1.
    let key = cells_of(&t, "0040", "38 d9 ba e1");
    assert!(key
        .iter()
        .filter(|c| c.symbol() != " ")
        .all(|c| c.bg == Color::Yellow));
    let before = cells_of(&t, "0040", "81 91");
    assert!(before.iter().all(|c| c.bg != Color::Yellow));
    let hv = app.hex_view();
    assert_eq!(hv.tab().unwrap().kind, TabKind::Packet(8));
    assert_eq!(hv.ranges, vec![(68, 72)]);
}

#[test]
fn payload_text_is_highlighted_in_the_unmasked_tab() {
    let mut app = echo();
    press(&mut app, "n<Tab>");
    select_tree(&mut app, "Text: ");
    let hv = app.hex_view();
    assert_eq!(hv.tab().unwrap().kind, TabKind::Unmasked);
    assert_eq!(hv.ranges, vec![(0, 17)]);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("48 65 6c 6c 6f 2c 20 57"), "{screen}");
    // The same bytes, masked, in the packet.
    press(&mut app, "t");
    let hv = app.hex_view();
    assert_eq!(hv.tab().unwrap().kind, TabKind::Packet(8));
    assert_eq!(hv.ranges, vec![(72, 89)]);
}

#[test]
fn a_frame_over_three_packets_has_a_reassembled_tab() {
    let mut app = echo();
    press(&mut app, "nnnnnnnnn");
    assert_eq!(no(&app), 19);
    let hv = app.hex_view();
    let kinds: Vec<TabKind> = hv.tabs.iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        vec![TabKind::Packet(16), TabKind::Reassembled, TabKind::Unmasked]
    );
    press(&mut app, "<Tab><Tab>");
    assert_eq!(app.focus(), Pane::Hex);
    press(&mut app, "<Right>");
    assert_eq!(app.hex_view().tab().unwrap().kind, TabKind::Reassembled);
    press(&mut app, "<Right>");
    assert_eq!(app.hex_view().tab().unwrap().kind, TabKind::Unmasked);
    press(&mut app, "l");
    assert_eq!(app.hex_view().tab().unwrap().kind, TabKind::Packet(16));
    press(&mut app, "<Left>");
    assert_eq!(app.hex_view().tab().unwrap().kind, TabKind::Unmasked);
    // The last payload bytes live in packet 19.
    press(&mut app, "<BackTab>");
    select_tree(&mut app, "Frame 19: bytes");
    assert_eq!(app.hex_view().tab().unwrap().kind, TabKind::Packet(19));
    assert_eq!(app.hex_view().ranges, vec![(66, 144)]);
}

#[test]
fn search_finds_payload_text_and_repeats() {
    let mut app = echo();
    press(&mut app, "/lazy<Enter>");
    assert_eq!(no(&app), 14);
    press(&mut app, "/<Enter>");
    assert_eq!(no(&app), 15, "empty search repeats the last one");
    press(&mut app, "/<Enter>");
    assert_eq!(no(&app), 14, "wraps around");
    press(&mut app, "/LAZY DOG<Enter>");
    assert_eq!(no(&app), 15, "case-insensitive");
    press(&mut app, "/no such text<Enter>");
    assert_eq!(no(&app), 15);
    assert!(app.status().unwrap().contains("in no payload"));
    press(&mut app, "/abc<Esc>");
    assert!(app.popup().is_none());
    assert_eq!(no(&app), 15, "Esc cancels");
    press(&mut app, "/xyz<Bs><Bs><Bs>Sec-WebSocket-Accept<Enter>");
    assert_eq!(no(&app), 6, "HTTP heads are searched too");
}

#[test]
fn search_finds_text_inside_compressed_messages() {
    let mut app = load(&sample("websockets-deflate.pcap"));
    press(&mut app, "/something different<Enter>");
    assert_eq!(no(&app), 14);
}

#[test]
fn filter_form_cycles_and_applies() {
    let mut app = echo();
    press(&mut app, "f");
    assert!(matches!(app.popup(), Some(Popup::Filter(_))));
    press(&mut app, "<Down><Right><Enter>");
    assert!(app.popup().is_none());
    let f = app.filter();
    assert_eq!(f.dir, Some(wsdissect::net::Direction::ClientToServer));
    assert_eq!(app.visible_len(), 8, "1 request + 7 client frames");
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("filter: client → server"));
    assert!(!screen.contains(" ← "), "{screen}");
    press(&mut app, "f<Down><Down>");
    for _ in 0..8 {
        press(&mut app, "<Right>");
    }
    press(&mut app, "<Enter>");
    assert_eq!(app.filter().op, OpFilter::PingPong);
    assert_eq!(app.visible_len(), 1);
    assert_eq!(no(&app), 24);
    press(&mut app, "fx<Enter>");
    assert!(app.filter().is_empty());
    assert_eq!(app.visible_len(), 16);
    assert_eq!(no(&app), 24, "the selection survives filter changes");
    press(&mut app, "f<Right><Esc>");
    assert!(app.filter().is_empty(), "Esc cancels");
}

#[test]
fn connection_picker_filters_to_one_stream() {
    let mut app = load(&sample("browser-fastapi.pcap"));
    press(&mut app, "s");
    assert!(matches!(app.popup(), Some(Popup::Connections { sel: 0 })));
    press(&mut app, "jjj<Enter>");
    assert_eq!(app.filter().stream, Some(2));
    assert_eq!(no(&app), 16);
    assert_eq!(app.visible_len(), 16);
    press(&mut app, "sg<Enter>");
    assert_eq!(app.filter().stream, None);
    assert_eq!(app.visible_len(), 18);
}

#[test]
fn a_shows_the_other_tcp_packets() {
    let mut app = echo();
    press(&mut app, "a");
    assert_eq!(app.visible_len(), 30);
    assert_eq!(no(&app), 4, "the selection stays put");
    press(&mut app, "g");
    assert_eq!(no(&app), 1);
    assert_eq!(app.selected().unwrap().kind, RowKind::Packet);
    let screen = render(&mut app, 120, 40);
    assert!(
        screen.contains("54330 → 8080 [SYN] Seq=0 Win=65495 Len=0"),
        "{screen}"
    );
    // Packet 16 carries the start of frame 19.
    for _ in 0..30 {
        if no(&app) == 16 {
            break;
        }
        press(&mut app, "j");
    }
    assert_eq!(no(&app), 16);
    // Wireshark puts the mark at the end of the Info text: a wide screen.
    let screen = render(&mut app, 200, 150);
    assert!(screen.contains("[TCP segment of a reassembled PDU]"));
    assert!(screen.contains("[This segment carries part of WebSocket frame #8"));
    press(&mut app, "n");
    assert_eq!(no(&app), 19);
    press(&mut app, "a");
    assert_eq!(app.visible_len(), 16);
    assert_eq!(no(&app), 19);
}

#[test]
fn views_open_close_and_follow_the_selection() {
    let mut app = echo();
    for (key, kind) in [
        ("1", ViewKind::Handshake),
        ("2", ViewKind::Header),
        ("3", ViewKind::Unmask),
        ("4", ViewKind::Message),
        ("5", ViewKind::Summary),
        ("6", ViewKind::Notes),
    ] {
        press(&mut app, key);
        assert_eq!(app.view_kind(), Some(kind));
        let screen = render(&mut app, 80, 24);
        assert!(
            screen.contains(&format!(
                " {key} {}",
                kind.name(wsdissect::i18n::L10n::get(wsdissect::i18n::Lang::En))
            )),
            "{screen}"
        );
    }
    assert_eq!(press(&mut app, "<Esc>"), Flow::Continue);
    assert_eq!(app.view_kind(), None);
    press(&mut app, "2");
    let screen = render(&mut app, 80, 24);
    assert!(
        screen.contains("is an HTTP head, not a WebSocket frame"),
        "{screen}"
    );
    press(&mut app, "n");
    assert!(render(&mut app, 80, 24).contains("frame #0 in stream 0"));
    press(&mut app, "n");
    assert!(render(&mut app, 80, 24).contains("frame #1 in stream 0"));
    press(&mut app, "]");
    assert_eq!(no(&app), 10);
    assert_eq!(press(&mut app, "q"), Flow::Continue, "q closes the view");
    assert_eq!(app.view_kind(), None);
    assert_eq!(
        press(&mut app, "q"),
        Flow::Quit,
        "q on the main screen quits"
    );
}

#[test]
fn ctrl_c_quits_from_anywhere() {
    let mut app = echo();
    assert_eq!(press(&mut app, "3<C-c>"), Flow::Quit);
    let mut app = echo();
    assert_eq!(press(&mut app, "<C-c>"), Flow::Quit);
}

#[test]
fn view_scrolls_and_clamps() {
    let mut app = echo();
    press(&mut app, "1");
    render(&mut app, 80, 24);
    press(&mut app, "G");
    let bottom = render(&mut app, 80, 24);
    assert!(
        bottom.contains("they match") || bottom.contains("They match"),
        "{bottom}"
    );
    press(&mut app, "jjjjjj");
    assert_eq!(
        render(&mut app, 80, 24),
        bottom,
        "cannot scroll past the end"
    );
    press(&mut app, "g");
    assert!(render(&mut app, 80, 24).contains("The client asks"));
}

#[test]
fn enter_on_a_note_goes_to_its_row() {
    let mut app = load(&sample("node-ws.pcap"));
    press(&mut app, "6");
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("unsolicited-pong"), "{screen}");
    press(&mut app, "<Enter>");
    assert_eq!(app.view_kind(), None);
    assert_eq!(no(&app), 19);
    // Even when a filter hides the row.
    press(&mut app, "f<Down><Right><Right><Enter>g6<Enter>");
    assert_eq!(no(&app), 19);
    assert!(app.filter().is_empty());
}

#[test]
fn help_lists_every_binding() {
    let mut app = echo();
    press(&mut app, "?");
    assert!(matches!(app.popup(), Some(Popup::Help { .. })));
    let screen = render(&mut app, 80, 200);
    let en = wsdissect::i18n::L10n::get(wsdissect::i18n::Lang::En);
    for b in wsdissect::tui::keys::BINDINGS {
        let help = en.t(b.help);
        assert!(screen.contains(&help), "help lacks {help:?}\n{screen}");
    }
    press(&mut app, "j<Esc>");
    assert!(app.popup().is_none());
    press(&mut app, "3?");
    assert!(matches!(app.popup(), Some(Popup::Help { .. })));
    press(&mut app, "q");
    assert_eq!(
        app.view_kind(),
        Some(ViewKind::Unmask),
        "closing help keeps the view"
    );
}

#[test]
fn mouse_selects_rows_tree_items_and_tabs_and_scrolls() {
    let mut app = echo();
    render(&mut app, 80, 24);
    let click = |x, y| MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    };
    let wheel = |kind, x, y| MouseEvent {
        kind,
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    };
    // Row 0 of the screen is the title, row 1 the column headers.
    app.handle_mouse(click(10, 4));
    assert_eq!(no(&app), 8);
    // The wheel scrolls the list, not the selection (as in Wireshark).
    app.handle_mouse(wheel(MouseEventKind::ScrollDown, 10, 4));
    assert_eq!(no(&app), 8);
    app.handle_mouse(wheel(MouseEventKind::ScrollUp, 10, 4));
    assert_eq!(no(&app), 8);
    let screen = render(&mut app, 80, 24);
    let lines: Vec<&str> = screen.lines().collect();
    let tcp_y = lines
        .iter()
        .position(|l| l.contains("▸ Transmission Control Protocol"))
        .unwrap() as u16;
    app.handle_mouse(click(20, tcp_y));
    assert_eq!(app.focus(), Pane::Tree);
    assert!(app
        .tree_selected()
        .unwrap()
        .starts_with("Transmission Control"));
    app.handle_mouse(click(0, tcp_y));
    let screen = render(&mut app, 80, 24);
    assert!(
        screen.contains("▾ Transmission Control Protocol"),
        "a click on ▸ opens: {screen}"
    );
    let lines: Vec<&str> = screen.lines().collect();
    let tabs_y = lines.iter().position(|l| l.contains(" Bytes ")).unwrap() as u16;
    let x = lines[tabs_y as usize].find("Unmasked").unwrap() as u16;
    // The line starts with a quote in the snapshot text.
    app.handle_mouse(click(x - 1 + 2, tabs_y));
    assert_eq!(app.focus(), Pane::Hex);
    assert_eq!(app.hex_view().tab().unwrap().kind, TabKind::Unmasked);
}

#[test]
fn resizing_keeps_the_selection_on_screen() {
    let mut app = echo();
    render(&mut app, 120, 40);
    press(&mut app, "G");
    for (w, h) in [(120, 40), (80, 24), (60, 12), (30, 8), (200, 60), (80, 24)] {
        let screen = render(&mut app, w, h);
        assert!(screen.contains("   27 "), "{w}×{h}:\n{screen}");
    }
    let tiny = render(&mut app, 20, 5);
    assert!(tiny.contains("Too small"), "{tiny}");
}

#[test]
fn empty_filter_result_says_so() {
    let mut app = load(&sample("node-ws.pcap"));
    // Server → client binary-only: there is one; then text + control...
    press(&mut app, "f<Down><Right><Right><Down>");
    for _ in 0..6 {
        press(&mut app, "<Right>");
    }
    press(&mut app, "<Enter>");
    assert_eq!(app.filter().op, OpFilter::Continuation);
    assert_eq!(app.visible_len(), 0);
    assert!(app.selected().is_none() || app.selected_pos().is_none());
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("No row matches the filter"), "{screen}");
    for k in [
        "j",
        "n",
        "]",
        "G",
        "1",
        "<Esc>",
        "2",
        "<Esc>",
        "3",
        "<Esc>",
        "4",
        "<Esc>",
        "5",
        "<Esc>",
        "6",
        "<Enter>",
        "<Esc>",
        "t",
        "/x<Enter>",
    ] {
        press(&mut app, k);
        render(&mut app, 80, 24);
    }
}

/// Draws `app` as it is, without fitting it to the terminal first.
fn draw_only(app: &wsdissect::tui::App, w: u16, h: u16) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| wsdissect::tui::ui::draw(f, app)).unwrap();
    t.backend().to_string()
}

#[test]
fn drawing_reads_the_state_and_fit_only_remembers_what_it_shows() {
    // Drawing takes &App; fitting before it (as the event loop does) must
    // not change what the frame shows, only remember it for the next key.
    let mut app = load(&sample("node-ws.pcap"));
    render(&mut app, 120, 40);
    for keys in [
        "G",
        "g<PgDn>",
        "<Tab>ej<PgDn>",
        "<Tab>t<PgDn>",
        "<Tab>",
        "1",
        "G",
        "<Esc>2<PgDn>",
        "<Esc>6jj",
        "<Esc>f<Down><Right><Enter>",
        "/ping<Enter>",
        "G",
    ] {
        press(&mut app, keys);
        for (w, h) in [(80, 24), (120, 40), (60, 12)] {
            let shown = draw_only(&app, w, h);
            assert_eq!(shown, render(&mut app, w, h), "after {keys:?} at {w}×{h}");
        }
    }
}

// ----- wss:// (TLS) ---------------------------------------------------------

fn wss() -> wsdissect::tui::App {
    load_wss("wss-websockets-tls13-aes128")
}

#[test]
fn a_decrypted_frame_opens_on_its_decrypted_tls_bytes() {
    let mut app = wss();
    press(&mut app, "nnn");
    assert_eq!(no(&app), 16);
    let hv = app.hex_view();
    let kinds: Vec<TabKind> = hv.tabs.iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        vec![TabKind::Packet(16), TabKind::Decrypted, TabKind::Unmasked]
    );
    assert_eq!(hv.tab().unwrap().kind, TabKind::Decrypted);
    let en = wsdissect::i18n::L10n::get(wsdissect::i18n::Lang::En);
    assert_eq!(hv.tab().unwrap().title(en), "Decrypted TLS (20 bytes)");
    // The whole frame as the client sent it inside TLS: 81 8e, the key,
    // then "hello over TLS" masked with it.
    let screen = render(&mut app, 120, 40);
    assert!(
        screen.contains("0000  81 8e 7d 7a b2 f0 15 1f  de 9c 12 5a dd 86 18 08"),
        "{screen}"
    );
    press(&mut app, "<Tab>");
    select_tree(&mut app, "Masking-Key");
    let hv = app.hex_view();
    assert_eq!(hv.tab().unwrap().kind, TabKind::Decrypted);
    assert_eq!(hv.ranges, vec![(2, 6)]);
    let t = terminal(&mut app, 120, 40);
    let key = cells_of(&t, "0000", "7d 7a b2 f0");
    assert!(key
        .iter()
        .filter(|c| c.symbol() != " ")
        .all(|c| c.bg == Color::Yellow));
    assert!(cells_of(&t, "0000", "81 8e")
        .iter()
        .all(|c| c.bg != Color::Yellow));
    // The packet holds the frame encrypted: shown, nothing highlighted.
    press(&mut app, "tt");
    let hv = app.hex_view();
    assert_eq!(hv.tab().unwrap().kind, TabKind::Packet(16));
    assert_eq!(hv.ranges, vec![]);
    // The payload text: the unmasked tab first, the masked bytes in the
    // decrypted tab.
    select_tree(&mut app, "Text: ");
    let hv = app.hex_view();
    assert_eq!(hv.tab().unwrap().kind, TabKind::Unmasked);
    assert_eq!(hv.ranges, vec![(0, 14)]);
    press(&mut app, "tt");
    let hv = app.hex_view();
    assert_eq!(hv.tab().unwrap().kind, TabKind::Decrypted);
    assert_eq!(hv.ranges, vec![(6, 20)]);
    // Fields of the packet itself stay in the packet.
    press(&mut app, "g");
    select_tree(&mut app, "Transmission Control Protocol");
    let hv = app.hex_view();
    assert_eq!(hv.tab().unwrap().kind, TabKind::Packet(16));
    assert_eq!(hv.ranges, vec![(34, 66)]);
}

#[test]
fn a_decrypted_http_head_highlights_its_headers_in_the_decrypted_tab() {
    let mut app = wss();
    assert_eq!(no(&app), 9);
    press(&mut app, "<Tab>");
    select_tree(&mut app, "★ Upgrade: websocket");
    let hv = app.hex_view();
    let kinds: Vec<TabKind> = hv.tabs.iter().map(|t| t.kind).collect();
    assert_eq!(kinds, vec![TabKind::Packet(9), TabKind::Decrypted]);
    assert_eq!(hv.tab().unwrap().kind, TabKind::Decrypted);
    let h = &app.dissection().http[0];
    let (a, b) = (hv.ranges[0].0 as usize, hv.ranges[0].1 as usize);
    assert_eq!(&h.raw[a..b], b"Upgrade: websocket\r\n");
}

#[test]
fn a_record_over_a_large_frame_names_each_record_and_its_packet() {
    let mut app = wss();
    // The 17000-byte binary frame: records #8 and #9, both completed in
    // packet 24.
    let frames = &app.index().frames;
    let i = frames.iter().position(|f| f.frame == 24).unwrap();
    assert!(frames.get(i).unwrap().decrypted());
    while no(&app) != 24 {
        press(&mut app, "n");
    }
    press(&mut app, "<Tab>");
    select_tree(&mut app, "Transport Layer Security");
    assert_eq!(
        app.tree_selected(),
        Some(
            "Transport Layer Security (TLS 1.3): decrypted from 2 records, #8–#9, completed in \
             frame 24"
        )
    );
    press(&mut app, "<Down>");
    assert_eq!(
        app.tree_selected(),
        Some(
            "[Decrypted from TLS record #8 (client → server), completed in frame 24: bytes 0–16383 \
             (16384 bytes)]"
        )
    );
    assert_eq!(app.hex_view().ranges, vec![(0, 16384)]);
    press(&mut app, "<Down>");
    assert_eq!(app.hex_view().ranges, vec![(16384, 17008)]);
    // The record layer: record #9's header and ciphertext, highlighted in
    // the packet that carried it.
    select_tree(&mut app, "TLS Record Layer #9");
    let sel = app.tree_selected().unwrap().to_string();
    assert!(sel.contains("application_data"), "{sel}");
    assert!(sel.contains("decrypted, tag verified"), "{sel}");
    let r = app.hex_view().ranges;
    assert_eq!(r.len(), 1, "{r:?}");
    let plen = d_packet_len(&app, 24);
    assert!(
        r[0].0 < r[0].1 && r[0].1 <= plen,
        "{r:?} in a {plen}-byte packet"
    );
    // No "Reassembled TCP Segments": these bytes came from TLS records.
    let screen = render(&mut app, 120, 40);
    assert!(!screen.contains("Reassembled"), "{screen}");
}

/// The captured length of packet `no`.
fn d_packet_len(app: &wsdissect::tui::App, no: u64) -> u64 {
    // Read back from the capture file: the index keeps only where it is.
    app.index()
        .packet(app.dissection(), no)
        .map_or(0, |(_, b)| b.len() as u64)
}

/// The decrypted TLS tab of every row, put end to end in stream order, is
/// the decrypted stream tshark's "Follow TLS Stream" prints (its SHA-256 in
/// the samples' `follow-tls.tsv`).
#[test]
fn the_decrypted_tls_tabs_add_up_to_tsharks_follow_tls_stream() {
    use sha2::{Digest, Sha256};
    use wsdissect::tui::hex;
    let mut checked = 0;
    for name in [
        "wss-websockets-tls13-aes128",
        "wss-websockets-tls12-chacha20",
        "wss-websockets-tls13-aes256-deflate",
        "wss-node-ws-tls13-chacha20",
    ] {
        let app = load_wss(name);
        let (d, ix) = (app.dissection(), app.index());
        let mut dirs: [Vec<(u64, Vec<u8>)>; 2] = [Vec::new(), Vec::new()];
        for row in ix.rows.iter() {
            let (offset, dir) = match row.r.kind {
                RowKind::Http => {
                    let h = &d.http[row.r.idx as usize];
                    (h.stream_offset, h.direction)
                }
                RowKind::Frame => {
                    let f = ix.frames.get(row.r.idx as usize).unwrap();
                    (f.stream_offset, f.direction)
                }
                RowKind::Packet => continue,
            };
            let hv = hex::compute(d, ix, row.r, row.no, None, None);
            let tab = hv.tab().unwrap();
            assert_eq!(tab.kind, TabKind::Decrypted, "{name} row {}", row.no);
            let mut buf = vec![0u8; tab.len as usize];
            assert_eq!(
                hex::read(d, ix, row.r, tab, 0, &mut buf),
                buf.len(),
                "{name} row {}",
                row.no
            );
            dirs[dir.index()].push((offset, buf));
        }
        let mut digests = Vec::new();
        for units in &mut dirs {
            units.sort_by_key(|u| u.0);
            let mut stream = Vec::new();
            for (offset, bytes) in units.iter() {
                assert_eq!(*offset, stream.len() as u64, "{name}: units are contiguous");
                stream.extend_from_slice(bytes);
            }
            digests.push(
                Sha256::digest(&stream)
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect::<String>(),
            );
        }
        let tsv = std::fs::read_to_string(sample(&format!("{name}.follow-tls.tsv"))).unwrap();
        let head: Vec<&str> = tsv.lines().next().unwrap().split('\t').collect();
        let row: Vec<&str> = tsv.lines().nth(1).unwrap().split('\t').collect();
        let col = |n: &str| row[head.iter().position(|h| *h == n).unwrap()].to_string();
        let mut want = vec![col("node0_sha256"), col("node1_sha256")];
        want.sort();
        digests.sort();
        assert_eq!(digests, want, "{name}");
        checked += 1;
    }
    assert_eq!(checked, 4);
}

#[test]
fn a_plain_frame_rebuilt_from_the_model_equals_its_packet_bytes() {
    // WsFrame::read_sent (header + re-masked payload) against the packets.
    let app = echo();
    let d = app.dissection();
    let mut n = 0;
    for f in app.index().frames.iter().filter(|f| f.payload_omitted == 0) {
        let f = &*f;
        let len = u64::from(f.header.header_len) + f.header.payload_len;
        let mut from_packets = vec![0u8; len as usize];
        let mut rebuilt = vec![0u8; len as usize];
        assert_eq!(
            wsdissect::tui::index::read_unit(d, app.index(), &f.spans, 0, &mut from_packets),
            len as usize
        );
        assert_eq!(app.index().read_sent(d, f, 0, &mut rebuilt), len as usize);
        assert_eq!(rebuilt, from_packets, "frame #{}", f.index);
        // From any offset, in any piece.
        let mut piece = [0u8; 7];
        let k = app.index().read_sent(d, f, len / 3, &mut piece);
        assert_eq!(&piece[..k], &from_packets[(len / 3) as usize..][..k]);
        n += 1;
    }
    assert!(n > 5);
}

#[test]
fn the_connection_picker_and_summary_show_tls() {
    let mut app = wss();
    press(&mut app, "s");
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains("TLS 1.3 ✓ localhost"), "{screen}");
    press(&mut app, "<Esc>5");
    let screen = render(&mut app, 120, 40);
    assert!(
        screen.contains("✓ wss-websockets-tls13-aes128.keys line 2"),
        "{screen}"
    );
    let mut app = load(&sample("wss-websockets-tls13-aes128.pcap"));
    press(&mut app, "s");
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains("TLS 1.3 ✗ localhost"), "{screen}");
    press(&mut app, "<Esc>5");
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains("✗ Not decrypted: no key log."), "{screen}");
    assert!(screen.contains("SSLKEYLOGFILE"), "{screen}");
}

/// The help overlay's scroll position.
fn help_scroll(app: &wsdissect::tui::App) -> usize {
    match app.popup() {
        Some(Popup::Help { scroll }) => *scroll,
        other => panic!("no help open: {other:?}"),
    }
}

// Issue 14, item 13: the help honours G/End and g/Home, and PgDn moves by
// the page the help box shows, stopping at the last page.
#[test]
fn help_keys_move_by_pages_and_to_the_end() {
    use wsdissect::tui::{keys::help_len, layout::help_page};
    let mut app = echo();
    press(&mut app, "?");
    render(&mut app, 80, 24);
    let page = help_page(ratatui::layout::Rect::new(0, 0, 80, 24));
    let last = help_len() - page;
    assert!(page > 5 && last > page, "page {page}, last {last}");
    press(&mut app, "<PgDn>");
    assert_eq!(help_scroll(&app), page);
    press(&mut app, "<PgUp>");
    assert_eq!(help_scroll(&app), 0);
    press(&mut app, "G");
    assert_eq!(help_scroll(&app), last);
    let s = render(&mut app, 80, 24);
    assert!(
        s.contains(&format!("{}–{} of {}", last + 1, help_len(), help_len())),
        "{s}"
    );
    // Past the end nothing moves: one ↑ shows the line before.
    press(&mut app, "j<PgDn><PgDn>");
    assert_eq!(help_scroll(&app), last);
    press(&mut app, "k");
    assert_eq!(help_scroll(&app), last - 1);
    press(&mut app, "g");
    assert_eq!(help_scroll(&app), 0);
    press(&mut app, "<End>");
    assert_eq!(help_scroll(&app), last);
    press(&mut app, "<Home>");
    assert_eq!(help_scroll(&app), 0);
    // On a taller terminal a page is longer.
    render(&mut app, 100, 30);
    press(&mut app, "<PgDn>");
    assert_eq!(
        help_scroll(&app),
        help_page(ratatui::layout::Rect::new(0, 0, 100, 30))
    );
}

// ----- issue 14: the TUI beside Wireshark ------------------------------

/// The screen line that holds `needle`.
fn line_with(screen: &str, needle: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?}:\n{screen}"))
        .to_string()
}

#[test]
fn bad_tcp_rows_are_red_on_black_and_carry_wiresharks_labels() {
    let mut app = load(&format!(
        "{}/tests/oracles/tcp/crafted/tcp-analysis.pcap",
        env!("CARGO_MANIFEST_DIR")
    ));
    press(&mut app, "a");
    // tshark's Info column for each packet (tcp-analysis.tcp.tsv), as the
    // list shows it: the labels, the scaled window, the reassembly mark.
    let oracle = std::fs::read_to_string(format!(
        "{}/tests/oracles/tcp/crafted/tcp-analysis.tcp.tsv",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let mut checked = 0;
    for line in oracle.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let frame: u64 = cols[0].parse().unwrap();
        // The reassembly mark depends on what wsdissect reassembles (its
        // HTTP and WebSocket, not all of tshark's dissectors): the
        // analysis labels, window and options are what is compared here.
        let (flags, info) = (
            cols[2],
            cols[5].trim_end_matches(" [TCP segment of a reassembled PDU]"),
        );
        if !info.contains(" → ") {
            continue; // tshark shows an HTTP line for it
        }
        goto(&mut app, frame);
        let Some(sel) = app.selected() else { continue };
        if sel.kind != RowKind::Packet {
            continue; // an HTTP or WebSocket row
        }
        // Another row than the selected one shows the colouring: move off
        // (after a frame scrolled the list to the row).
        terminal(&mut app, 250, 40);
        press(&mut app, if frame == 1 { "j" } else { "k" });
        let t = terminal(&mut app, 250, 40);
        let screen = t.backend().to_string();
        let y = screen
            .lines()
            .position(|l| {
                let rest: String = l.chars().skip(2).collect();
                rest.trim_start().starts_with(&format!("{frame} "))
                    && l.contains(&format!(" {info}"))
            })
            .unwrap_or_else(|| panic!("frame {frame}: no row with {info:?}:\n{screen}"))
            as u16;
        let bad =
            !flags.is_empty() && !flags.contains("window_update") && !flags.contains("keep_alive");
        let cell = &t.backend().buffer()[(12u16, y)];
        if bad {
            assert_eq!(
                (cell.fg, cell.bg),
                (Color::Red, Color::Black),
                "frame {frame} ({flags}) is Bad TCP"
            );
        } else {
            assert_ne!(
                cell.bg,
                Color::Black,
                "frame {frame} ({flags}) is not Bad TCP"
            );
        }
        checked += 1;
    }
    assert!(checked > 30, "{checked} packet rows checked");
}

#[test]
fn seq_ack_analysis_lists_the_flags_with_their_frames() {
    let mut app = load(&format!(
        "{}/tests/oracles/tcp/crafted/tcp-analysis.pcap",
        env!("CARGO_MANIFEST_DIR")
    ));
    press(&mut app, "a");
    goto(&mut app, 12);
    let s = render(&mut app, 120, 150);
    assert!(s.contains("▾ [SEQ/ACK analysis: TCP Dup ACK 8#2]"), "{s}");
    assert!(s.contains("[Duplicate ACK #: 2]"), "{s}");
    assert!(s.contains("[Duplicate to the ACK in frame: 8]"), "{s}");
    assert!(
        s.contains("[Duplicate ACK (tcp.analysis.duplicate_ack)]"),
        "{s}"
    );
    goto(&mut app, 31);
    let s = render(&mut app, 120, 150);
    // Window update is not Bad TCP: the node is there, closed.
    assert!(s.contains("▸ [SEQ/ACK analysis: TCP Window Update]"), "{s}");
}

#[test]
fn each_tcp_option_highlights_its_own_bytes() {
    let mut app = echo();
    press(&mut app, "a");
    goto(&mut app, 1);
    let p = app.index().packet_info(1).unwrap();
    let opts = p.tcp.as_ref().unwrap().options.clone();
    // MSS, SACK permitted, timestamps, NOP, window scale (Linux's SYN).
    assert!(opts.len() >= 5, "{opts:?}");
    press(&mut app, "<Tab>e");
    for o in &opts {
        let want = match &o.value {
            wsdissect::net::analysis::TcpOptionValue::Mss { mss } => {
                format!("TCP Option - Maximum segment size: {mss} bytes")
            }
            wsdissect::net::analysis::TcpOptionValue::WindowScale { shift, multiplier } => {
                format!("TCP Option - Window scale: {shift} (multiply by {multiplier})")
            }
            wsdissect::net::analysis::TcpOptionValue::SackPermitted => {
                "TCP Option - SACK permitted".to_string()
            }
            wsdissect::net::analysis::TcpOptionValue::Timestamps { tsval, tsecr } => {
                format!("TCP Option - Timestamps: TSval {tsval}, TSecr {tsecr}")
            }
            wsdissect::net::analysis::TcpOptionValue::Nop => {
                "TCP Option - No-Operation (NOP)".to_string()
            }
            other => panic!("unexpected option {other:?}"),
        };
        press(&mut app, "g");
        let mut found = false;
        for _ in 0..200 {
            if app.tree_selected() == Some(want.as_str()) {
                let hv = app.hex_view();
                if hv.ranges == vec![(o.range.start as u64, o.range.end as u64)] {
                    found = true;
                    break;
                }
            }
            press(&mut app, "j");
        }
        assert!(found, "{want} highlights bytes {:?}", o.range);
    }
    // The window scale's shift count is the option's last byte.
    select_tree(&mut app, "Shift count: ");
    let ws = opts
        .iter()
        .find(|o| o.kind == 3)
        .expect("the SYN has a window scale");
    assert_eq!(
        app.hex_view().ranges,
        vec![(ws.range.end as u64 - 1, ws.range.end as u64)]
    );
}

#[test]
fn length_column_is_the_packets_wire_length() {
    let mut app = echo();
    let s = render(&mut app, 120, 40);
    // Frame 4 is 262 bytes on the wire; its HTTP head is 196 bytes.
    let row = line_with(&s, "GET /ws HTTP/1.1");
    assert!(row.contains(" 262 GET /ws"), "{row}");
    assert!(row.contains("[head 196 B]"), "{row}");
    // Frame 8: 89 bytes on the wire, a 23-byte frame (6 + 17).
    let row = line_with(&s, "Hello, WebSocket!\"");
    assert!(
        row.contains("  89 Text [FIN] [MASKED] len=17 [frame 23 B]"),
        "{row}"
    );
    let packets = &app.index().packets;
    assert!(!packets.is_empty());
    for p in packets.iter() {
        assert!(p.orig_len > 0);
    }
}

#[test]
fn capital_t_cycles_the_time_format_and_the_header_names_it() {
    let mut app = echo();
    let ts = |no: u64| app.index().packet_info(no).unwrap().ts;
    let (t1, t4, t6, t8) = (ts(1), ts(4), ts(6), ts(8));
    let s = render(&mut app, 120, 40);
    assert!(line_with(&s, "No.").contains("Δ start"), "{s}");
    assert!(
        line_with(&s, "Hello, WebSocket!\"").contains(&format!("{:.6}", t8.seconds_since(t1))),
        "since the first packet"
    );
    press(&mut app, "T");
    assert!(app
        .status()
        .unwrap()
        .contains("since the previous row shown"));
    let s = render(&mut app, 120, 40);
    assert!(line_with(&s, "No.").contains("Δ prev"), "{s}");
    let row = line_with(&s, "101 Switching");
    assert!(
        row.contains(&format!("{:.6}", t6.seconds_since(t4))),
        "{row}"
    );
    press(&mut app, "T");
    let s = render(&mut app, 120, 40);
    assert!(line_with(&s, "No.").contains("UTC time"), "{s}");
    let day = t4.secs.rem_euclid(86_400);
    let wall = format!(
        "{:02}:{:02}:{:02}.{:06}",
        day / 3600,
        day / 60 % 60,
        day % 60,
        t4.nanos / 1000
    );
    assert!(line_with(&s, "GET /ws").contains(&wall), "{s}");
    press(&mut app, "T");
    assert!(line_with(&render(&mut app, 120, 40), "No.").contains("Δ start"));
    // The help lists the key.
    press(&mut app, "?");
    assert!(render(&mut app, 100, 60).contains("time format: since start"));
}

#[test]
fn the_active_bytes_tab_is_whole_at_every_width() {
    let mut app = echo();
    press(&mut app, "nnnnnnnnn");
    assert_eq!(no(&app), 19);
    for tabs in 0..3 {
        for w in [60u16, 70, 80, 100, 120] {
            let s = render(&mut app, w, 24);
            let hv = app.hex_view();
            let en = wsdissect::i18n::L10n::get(wsdissect::i18n::Lang::En);
            let short = hv.tab().unwrap().short_title(en);
            let head = line_with(&s, " Bytes ");
            assert!(head.contains(&short), "tab {tabs} at {w}: {head}");
        }
        press(&mut app, "t");
    }
}

#[test]
fn the_footer_keeps_the_help_key_at_80_columns() {
    let mut app = echo();
    let footer =
        |app: &mut wsdissect::tui::App| render(app, 80, 24).lines().last().unwrap().to_string();
    for keys in ["", "<Tab>", "<Tab>", "<Tab>1", "<Esc>n", "k"] {
        press(&mut app, keys);
        let f = footer(&mut app);
        assert!(f.contains("? help"), "after {keys:?}: {f}");
        assert!(!f.trim_end().ends_with('·'), "not cut: {f}");
    }
    // With a message in the footer.
    press(&mut app, "g");
    press(&mut app, "p");
    assert!(app.status().is_some());
    assert!(footer(&mut app).contains("? help"));
}

#[test]
fn the_list_opens_on_the_upgrade_request_while_loading_unless_moved() {
    let mut app = load(&sample("browser-fastapi.pcap"));
    let sel = app.selected().unwrap();
    assert_eq!((sel.kind, sel.no), (RowKind::Http, 16));
    // Moved by the user: loading more leaves the selection alone (the
    // batches themselves are in tests/tui_robust.rs).
    press(&mut app, "g");
    assert_ne!(no(&app), 16);
}

#[test]
fn picking_an_empty_connection_points_to_a() {
    let mut app = load(&sample("browser-fastapi.pcap"));
    press(&mut app, "sjj<Enter>");
    assert_eq!(app.visible_len(), 0);
    let st = app.status().unwrap();
    assert!(
        st.contains("Connection 1") && st.contains("press a"),
        "{st}"
    );
    let s = render(&mut app, 80, 24);
    assert!(s.contains("press a to see its TCP"), "{s}");
    // Nothing is selected: the bytes pane shows no stale packet.
    assert!(!s.contains("Frame 16"), "{s}");
    press(&mut app, "a");
    assert!(app.visible_len() > 0);
    assert_eq!(app.selected().unwrap().kind, RowKind::Packet);
}

#[test]
fn the_wheel_scrolls_the_list_and_keeps_the_selection() {
    let mut app = echo();
    render(&mut app, 80, 24);
    let wheel = |kind, x, y| MouseEvent {
        kind,
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    };
    let first = no(&app);
    app.handle_mouse(wheel(MouseEventKind::ScrollDown, 10, 4));
    render(&mut app, 80, 24);
    assert_eq!(no(&app), first, "the selection stays");
    assert_eq!(app.list_offset(), 3, "the list scrolled");
    app.handle_mouse(wheel(MouseEventKind::ScrollDown, 10, 4));
    app.handle_mouse(wheel(MouseEventKind::ScrollDown, 10, 4));
    let s = render(&mut app, 80, 24);
    assert!(
        !s.contains("    4 0.000816"),
        "the selected row scrolled off: {s}"
    );
    app.handle_mouse(wheel(MouseEventKind::ScrollUp, 10, 4));
    render(&mut app, 80, 24);
    assert_eq!(app.list_offset(), 6);
    // A key moves the selection and brings it back on screen.
    press(&mut app, "j");
    let s = render(&mut app, 80, 24);
    assert!(s.contains("101 Switching"), "{s}");
    assert_eq!(no(&app), 6);
}
