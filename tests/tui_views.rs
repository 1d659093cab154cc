//! Snapshots of every screen of the TUI on real captures, at the two sizes
//! the course uses (80×24 and 120×40). Review changes with `cargo insta
//! review` (or INSTA_UPDATE=always and git diff).
#![cfg(feature = "tui")]

#[path = "tui_support.rs"]
mod support;

use support::{load, load_wss, press, render, sample, shared};

fn echo() -> wsdissect::tui::App {
    load(&sample("fastapi-echo.pcap"))
}

#[test]
fn main_screen_opens_on_the_upgrade_request() {
    let mut app = echo();
    insta::assert_snapshot!("main_80x24", render(&mut app, 80, 24));
}

#[test]
fn main_screen_on_the_first_frame_120x40() {
    let mut app = echo();
    press(&mut app, "n");
    insta::assert_snapshot!("main_first_frame_120x40", render(&mut app, 120, 40));
}

#[test]
fn frame_spanning_three_packets_shows_reassembled_tab() {
    let mut app = echo();
    // Frame 19 is the 65600-byte text frame carried by packets 16, 17, 19.
    press(&mut app, "nnnnnnnnn");
    assert_eq!(app.selected().unwrap().no, 19);
    insta::assert_snapshot!("main_multi_packet_120x40", render(&mut app, 120, 40));
    press(&mut app, "t");
    insta::assert_snapshot!(
        "main_multi_packet_reassembled_120x40",
        render(&mut app, 120, 40)
    );
}

#[test]
fn other_packets_shown_with_a() {
    let mut app = echo();
    press(&mut app, "a");
    insta::assert_snapshot!("main_all_packets_120x40", render(&mut app, 120, 40));
}

#[test]
fn handshake_view() {
    let mut app = echo();
    press(&mut app, "1");
    insta::assert_snapshot!("handshake_80x24", render(&mut app, 80, 24));
    press(&mut app, "G");
    render(&mut app, 80, 24);
    insta::assert_snapshot!("handshake_accept_steps_80x24", render(&mut app, 80, 24));
    let mut app = echo();
    press(&mut app, "1");
    insta::assert_snapshot!("handshake_120x40", render(&mut app, 120, 40));
    press(&mut app, "<PgDn>");
    insta::assert_snapshot!("handshake_120x40_page2", render(&mut app, 120, 40));
}

#[test]
fn handshake_view_with_a_wrong_accept() {
    let Some(p) = shared("zeek/wrong-accept-header.pcap") else {
        return;
    };
    let mut app = load(&p);
    insta::assert_snapshot!("wrong_accept_main_80x24", render(&mut app, 80, 24));
    press(&mut app, "1G");
    render(&mut app, 120, 40);
    insta::assert_snapshot!("wrong_accept_steps_120x40", render(&mut app, 120, 40));
    press(&mut app, "6");
    insta::assert_snapshot!("wrong_accept_notes_80x24", render(&mut app, 80, 24));
}

#[test]
fn frame_header_view() {
    let mut app = echo();
    press(&mut app, "n2");
    insta::assert_snapshot!("header_80x24", render(&mut app, 80, 24));
    press(&mut app, "<PgDn>");
    insta::assert_snapshot!("header_80x24_page2", render(&mut app, 80, 24));
    // 300 bytes: 126 and a 16-bit length.
    press(&mut app, "nnnnnn");
    insta::assert_snapshot!("header_len16_120x40", render(&mut app, 120, 40));
    // 65600 bytes: 127 and a 64-bit length.
    press(&mut app, "nn");
    insta::assert_snapshot!("header_len64_120x40", render(&mut app, 120, 40));
}

#[test]
fn unmasking_view() {
    let mut app = echo();
    press(&mut app, "n3");
    insta::assert_snapshot!("unmask_80x24", render(&mut app, 80, 24));
    press(&mut app, "G");
    render(&mut app, 80, 24);
    insta::assert_snapshot!("unmask_80x24_end", render(&mut app, 80, 24));
    // A server frame is not masked.
    press(&mut app, "n");
    insta::assert_snapshot!("unmask_server_frame_80x24", render(&mut app, 80, 24));
}

#[test]
fn message_view_json_and_binary() {
    let mut app = echo();
    press(&mut app, "nnn4");
    insta::assert_snapshot!("message_json_80x24", render(&mut app, 80, 24));
    press(&mut app, "nn");
    assert_eq!(app.selected().unwrap().no, 12);
    insta::assert_snapshot!("message_binary_120x40", render(&mut app, 120, 40));
}

#[test]
fn message_view_compressed() {
    let mut app = load(&sample("websockets-deflate.pcap"));
    press(&mut app, "nnn4");
    insta::assert_snapshot!("message_compressed_120x40", render(&mut app, 120, 40));
    press(&mut app, "<Esc>");
    insta::assert_snapshot!("main_compressed_120x40", render(&mut app, 120, 40));
    press(&mut app, "t");
    insta::assert_snapshot!("main_compressed_tab2_120x40", render(&mut app, 120, 40));
}

#[test]
fn message_view_fragmented_and_compressed() {
    let mut app = load(&sample("websockets-deflate-fragmented.pcap"));
    press(&mut app, "n4");
    insta::assert_snapshot!(
        "message_fragmented_deflate_120x40",
        render(&mut app, 120, 40)
    );
}

#[test]
fn message_view_fragmented() {
    let mut app = load(&sample("node-ws.pcap"));
    press(&mut app, "nnnnn4");
    insta::assert_snapshot!("message_fragmented_80x24", render(&mut app, 80, 24));
}

#[test]
fn message_view_on_a_control_frame() {
    let mut app = load(&sample("node-ws.pcap"));
    press(&mut app, "G4");
    insta::assert_snapshot!("message_close_frame_80x24", render(&mut app, 80, 24));
}

#[test]
fn connection_summary_view() {
    let mut app = echo();
    press(&mut app, "5");
    insta::assert_snapshot!("summary_80x24", render(&mut app, 80, 24));
    insta::assert_snapshot!("summary_120x40", render(&mut app, 120, 40));
    let mut app = load(&sample("websockets-deflate.pcap"));
    press(&mut app, "5");
    insta::assert_snapshot!("summary_deflate_120x40", render(&mut app, 120, 40));
}

#[test]
fn notes_view_and_markers() {
    let mut app = load(&sample("node-ws.pcap"));
    press(&mut app, "G");
    insta::assert_snapshot!("notes_marker_main_80x24", render(&mut app, 80, 24));
    press(&mut app, "6");
    insta::assert_snapshot!("notes_80x24", render(&mut app, 80, 24));
    let mut app = echo();
    press(&mut app, "6");
    insta::assert_snapshot!("notes_none_80x24", render(&mut app, 80, 24));
}

#[test]
fn help_overlay() {
    let mut app = echo();
    press(&mut app, "?");
    insta::assert_snapshot!("help_80x24", render(&mut app, 80, 24));
    insta::assert_snapshot!("help_120x40", render(&mut app, 120, 40));
}

#[test]
fn filter_form() {
    let mut app = echo();
    press(&mut app, "f<Down><Right><Down><Right><Right><Right><Right>");
    insta::assert_snapshot!("filter_form_80x24", render(&mut app, 80, 24));
    press(&mut app, "<Enter>");
    insta::assert_snapshot!("filtered_80x24", render(&mut app, 80, 24));
}

#[test]
fn connection_picker() {
    let mut app = load(&sample("browser-fastapi.pcap"));
    press(&mut app, "s");
    insta::assert_snapshot!("connections_80x24", render(&mut app, 80, 24));
    insta::assert_snapshot!("connections_120x40", render(&mut app, 120, 40));
}

#[test]
fn search_prompt() {
    let mut app = echo();
    press(&mut app, "/lazy dog");
    insta::assert_snapshot!("search_prompt_80x24", render(&mut app, 80, 24));
    press(&mut app, "<Enter>");
    insta::assert_snapshot!("search_found_80x24", render(&mut app, 80, 24));
}

// ----- wss:// (TLS), decrypted with the sample's key log -----------------

fn wss() -> wsdissect::tui::App {
    load_wss("wss-websockets-tls13-aes128")
}

/// Moves the tree selection to the first item whose label starts with
/// `prefix` (focus on the tree).
fn select_tree(app: &mut wsdissect::tui::App, prefix: &str) {
    for _ in 0..200 {
        if app.tree_selected().unwrap_or("").starts_with(prefix) {
            return;
        }
        press(app, "j");
    }
    panic!("no tree item starts with {prefix:?}");
}

#[test]
fn wss_list_of_decrypted_rows() {
    let mut app = wss();
    insta::assert_snapshot!("wss_main_120x40", render(&mut app, 120, 40));
}

#[test]
fn wss_masked_client_frame_in_the_decrypted_tls_tab() {
    let mut app = wss();
    // Frame 16: the client's masked "hello over TLS".
    press(&mut app, "nnn");
    assert_eq!(app.selected().unwrap().no, 16);
    press(&mut app, "<Tab>");
    select_tree(&mut app, "Masking-Key");
    insta::assert_snapshot!("wss_masked_frame_key_120x40", render(&mut app, 120, 40));
    // The TLS layer, opened.
    press(&mut app, "g");
    select_tree(&mut app, "Transport Layer Security");
    press(&mut app, "<Right>");
    insta::assert_snapshot!("wss_masked_frame_tls_120x40", render(&mut app, 120, 40));
    press(&mut app, "3");
    let screen = render(&mut app, 120, 40);
    assert!(
        screen.contains("This frame travelled inside TLS"),
        "{screen}"
    );
}

#[test]
fn wss_packet_row_shows_the_connections_tls() {
    let mut app = wss();
    // Packet 4: the ClientHello, sent in clear.
    press(&mut app, "ag<Down><Down><Down><Tab>g");
    assert_eq!(app.selected().unwrap().no, 4);
    // TCP starts open on a packet row: close it to make room.
    select_tree(&mut app, "Transmission Control Protocol");
    press(&mut app, "<Left>");
    select_tree(&mut app, "Transport Layer Security");
    insta::assert_snapshot!("wss_packet_tls_120x40", render(&mut app, 120, 40));
}

#[test]
fn wss_connection_summary_teaches_the_key_log() {
    let mut app = wss();
    press(&mut app, "5");
    insta::assert_snapshot!("wss_summary_120x40", render(&mut app, 120, 40));
    insta::assert_snapshot!("wss_summary_80x24", render(&mut app, 80, 24));
}

#[test]
fn wss_without_keys_says_why_and_what_to_do() {
    let mut app = load(&sample("wss-websockets-tls13-aes128.pcap"));
    insta::assert_snapshot!("wss_nokeys_main_80x24", render(&mut app, 80, 24));
    press(&mut app, "5");
    insta::assert_snapshot!("wss_nokeys_summary_120x40", render(&mut app, 120, 40));
    press(&mut app, "<Esc>ag<Down><Down><Down>");
    assert_eq!(app.selected().unwrap().no, 4);
    insta::assert_snapshot!("wss_nokeys_packet_120x40", render(&mut app, 120, 40));
}

#[test]
fn wss_connection_picker_shows_tls_and_sni() {
    let mut app = load(&sample("wss-browser-fastapi-secrets.pcapng"));
    press(&mut app, "s");
    insta::assert_snapshot!("wss_connections_120x40", render(&mut app, 120, 40));
    insta::assert_snapshot!("wss_connections_80x24", render(&mut app, 80, 24));
}

/// The exercise checklist (key 7): the items, frames, keys and hints of
/// `wsdissect exercise`, in the same words, from the records the TUI holds.
#[test]
fn exercise_view() {
    let mut app = load(&sample("browser-fastapi.pcap"));
    press(&mut app, "7");
    insta::assert_snapshot!("exercise_100x30", render(&mut app, 100, 30));
    insta::assert_snapshot!("exercise_80x24", render(&mut app, 80, 24));
    press(&mut app, "G");
    render(&mut app, 80, 24);
    insta::assert_snapshot!("exercise_end_80x24", render(&mut app, 80, 24));
    // Finnish with --lang fi: the CLI's messages (src/i18n), not a copy.
    let mut app = load(&sample("browser-fastapi.pcap"));
    app.set_lang(wsdissect::i18n::Lang::Fi);
    press(&mut app, "7");
    insta::assert_snapshot!("exercise_fi_100x30", render(&mut app, 100, 30));
    // A capture where items are missing (wss:// opened without its key
    // log): ✗ and how to capture them.
    let mut app = load(&sample("wss-browser-fastapi.pcap"));
    press(&mut app, "7");
    insta::assert_snapshot!("exercise_missing_100x30", render(&mut app, 100, 30));
}
