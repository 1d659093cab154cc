//! Snapshots of every screen of the TUI on real captures, at the two sizes
//! the course uses (80×24 and 120×40). Review changes with `cargo insta
//! review` (or INSTA_UPDATE=always and git diff).
#![cfg(feature = "tui")]

use crate::support;

use crate::support::{goto, load, load_wss, press, render, sample, shared};

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

/// Presses `key` until `text` is on a `w`×`h` screen (at most 300 times).
fn scroll_until(app: &mut wsdissect::tui::App, key: &str, text: &str, w: u16, h: u16) -> String {
    for _ in 0..300 {
        let s = render(app, w, h);
        if s.contains(text) {
            return s;
        }
        press(app, key);
    }
    panic!("{text:?} never came on screen:\n{}", render(app, w, h));
}

/// The foreground colour of the first cell of the first screen line that
/// contains `text`.
fn fg_of_line(app: &mut wsdissect::tui::App, text: &str, w: u16, h: u16) -> ratatui::style::Color {
    let t = support::terminal(app, w, h);
    let buf = t.backend().buffer();
    for y in 0..h {
        let line: String = (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect();
        if let Some(at) = line.find(text) {
            let col = line[..at].chars().count() as u16;
            return buf[(col, y)].fg;
        }
    }
    panic!("{text:?} not on screen:\n{}", render(app, w, h));
}

// Issue 14, item 3: the course page itself, the HTML with its JavaScript,
// is readable in view 4 on the 200 OK row.
#[test]
fn http_body_of_the_course_page() {
    let mut app = load(&sample("browser-fastapi.pcap"));
    // The body is not kept on the heap: the record keeps its first bytes,
    // the index reads the whole back from the spill.
    let d = app.dissection();
    let ok = d.http.iter().find(|h| h.status == Some(200)).unwrap();
    let body = ok.body.as_ref().unwrap();
    assert_eq!(body.length, 1687);
    assert!(body.text.as_ref().unwrap().len() <= wsdissect::tui::index::KEEP);
    assert_eq!(app.index().body_bytes(d, ok, usize::MAX).len(), 1687);
    // The list opens on the upgrade request; the page is above it.
    press(&mut app, "gj");
    assert_eq!(app.selected().unwrap().no, 11, "the 200 OK of GET /");
    // The tree has the body node, with its length and type.
    let tall = render(&mut app, 120, 80);
    assert!(
        tall.contains("Body: 1687 bytes, text/html; charset=utf-8 — press 4 to read it"),
        "{tall}"
    );
    press(&mut app, "4");
    insta::assert_snapshot!("http_body_100x30", render(&mut app, 100, 30));
    let s = scroll_until(&mut app, "j", "new WebSocket(", 100, 30);
    insta::assert_snapshot!("http_body_javascript_100x30", s);
    let mut app = load(&sample("browser-fastapi.pcap"));
    press(&mut app, "gj4");
    let s = scroll_until(&mut app, "j", "new WebSocket(", 80, 24);
    insta::assert_snapshot!("http_body_javascript_80x24", s);
    // A request without a body says so.
    press(&mut app, "<Esc>k4");
    assert!(render(&mut app, 80, 24).contains("This request has no body"));
}

// Issue 14, item 9: a refused upgrade (403, a real websockets server that
// refuses a foreign Origin) is shown as refused, not as a wrong Accept.
#[test]
fn handshake_view_of_a_refused_upgrade() {
    let mut app = load(&sample("websockets-refused.pcap"));
    insta::assert_snapshot!("refused_main_80x24", render(&mut app, 80, 24));
    // The refusing answer's row is not drawn green, the 101's colour.
    assert_eq!(
        fg_of_line(&mut app, "403 Forbidden", 80, 24),
        ratatui::style::Color::Yellow
    );
    press(&mut app, "1");
    let s = render(&mut app, 100, 30);
    insta::assert_snapshot!("refused_handshake_100x30", s);
    assert!(!s.contains("agrees with 101"), "{s}");
    assert!(s.contains("This server refused: it answered HTTP/1.1 403 Forbidden"));
    press(&mut app, "G");
    render(&mut app, 100, 30);
    let s = render(&mut app, 100, 30);
    insta::assert_snapshot!("refused_handshake_end_100x30", s);
    assert!(!s.contains("MUST fail"), "{s}");
    assert!(s.contains("Nothing to compare: the server refused"), "{s}");
    render(&mut app, 80, 24);
    press(&mut app, "G");
    insta::assert_snapshot!("refused_handshake_end_80x24", render(&mut app, 80, 24));
}

// Issue 14, item 10: explanations follow the header's value, and a wrong
// version is an error in the view.
#[test]
fn handshake_explanations_follow_the_values() {
    let mut app = load(&sample("websockets-refused.pcap"));
    // Stream 1: a client speaking version 8, refused with 400.
    press(&mut app, "jj1");
    let s = scroll_until(&mut app, "j", "\"close\": the sender", 100, 30);
    insta::assert_snapshot!("refused_version_100x30", s.clone());
    assert!(
        s.contains("\"close\": the sender closes the TCP connection"),
        "{s}"
    );
    let mut app = load(&sample("websockets-refused.pcap"));
    press(&mut app, "jj1");
    let s = scroll_until(&mut app, "j", "✗ version \"8\"", 80, 24);
    insta::assert_snapshot!("refused_version_80x24", s.clone());
    assert!(s.contains("✗ version \"8\""), "{s}");
    assert_eq!(
        fg_of_line(&mut app, "Sec-WebSocket-Version: 8", 80, 24),
        ratatui::style::Color::Red
    );
}

// Issue 14, item 10: the `101 … Accept ✗` row is not green.
#[test]
fn wrong_accept_row_is_drawn_as_an_error() {
    let Some(p) = shared("zeek/wrong-accept-header.pcap") else {
        return;
    };
    let mut app = load(&p);
    assert_eq!(
        fg_of_line(&mut app, "101 Switching Protocols  Accept ✗", 80, 24),
        ratatui::style::Color::Red
    );
    // and in the view, the Accept header itself is the error.
    press(&mut app, "1");
    let s = scroll_until(&mut app, "j", "sec-websocket-accept:", 120, 40);
    assert!(
        s.contains("✗ not base64(SHA-1(key + GUID)) of this key"),
        "{s}"
    );
    assert_eq!(
        fg_of_line(&mut app, "sec-websocket-accept:", 120, 40),
        ratatui::style::Color::Red
    );
}

// Issue 14, item 12: a non-printable byte in view 3's bit box is `·`.
#[test]
fn unmasking_view_binary_byte_uses_a_middle_dot() {
    let mut app = echo();
    press(&mut app, "nnnnn");
    assert_eq!(app.selected().unwrap().no, 12, "the 16-byte binary frame");
    press(&mut app, "3");
    let s = render(&mut app, 80, 24);
    insta::assert_snapshot!("unmask_binary_80x24", s.clone());
    assert!(s.contains("·  (1 where the bits differ)"), "{s}");
    assert!(!s.contains("'.'"), "{s}");
    insta::assert_snapshot!("unmask_binary_100x30", render(&mut app, 100, 30));
}

// Issue 14, item 16: RSV1 on a continuation of a compressed message, and
// view 3 going on from unmasking to inflating.
#[test]
fn compressed_continuation_and_inflate_steps() {
    let mut app = load(&sample("websockets-deflate-fragmented.pcap"));
    press(&mut app, "nn");
    let tall = render(&mut app, 120, 60);
    assert!(
        tall.contains("set only on the first frame of a compressed message: this continues one"),
        "{tall}"
    );
    press(&mut app, "2");
    let s = scroll_until(
        &mut app,
        "j",
        "RSV1 = 0, yet this frame is compressed",
        100,
        30,
    );
    insta::assert_snapshot!("header_compressed_continuation_100x30", s);
    press(&mut app, "3G");
    render(&mut app, 100, 30);
    let s = render(&mut app, 100, 30);
    insta::assert_snapshot!("unmask_compressed_continuation_100x30", s.clone());
    assert!(s.contains("are DEFLATE data"), "{s}");
    assert!(s.contains("00 00 ff ff"), "{s}");
    render(&mut app, 80, 24);
    press(&mut app, "G");
    insta::assert_snapshot!(
        "unmask_compressed_continuation_80x24",
        render(&mut app, 80, 24)
    );
    // One compressed frame: unmasked bytes + 00 00 ff ff → inflate → text.
    let mut app = load(&sample("websockets-deflate.pcap"));
    press(&mut app, "nnn3G");
    render(&mut app, 100, 30);
    let s = render(&mut app, 100, 30);
    insta::assert_snapshot!("unmask_compressed_100x30", s.clone());
    assert!(s.contains("138 bytes"), "{s}");
    assert!(s.contains("\"{\"type\": \"tick\""), "{s}");
    render(&mut app, 80, 24);
    press(&mut app, "G");
    insta::assert_snapshot!("unmask_compressed_80x24", render(&mut app, 80, 24));
}

// Issue 14, item 13: the help's last page, reached with G.
#[test]
fn help_overlay_end() {
    let mut app = echo();
    press(&mut app, "?");
    render(&mut app, 80, 24);
    press(&mut app, "G");
    insta::assert_snapshot!("help_end_80x24", render(&mut app, 80, 24));
    render(&mut app, 100, 30);
    press(&mut app, "G");
    insta::assert_snapshot!("help_end_100x30", render(&mut app, 100, 30));
}

// ----- issue 14: the TUI beside Wireshark ------------------------------

fn tcp_analysis() -> wsdissect::tui::App {
    load(&format!(
        "{}/tests/oracles/tcp/crafted/tcp-analysis.pcap",
        env!("CARGO_MANIFEST_DIR")
    ))
}

#[test]
fn tcp_analysis_labels_in_the_list_and_seq_ack_analysis_in_the_tree() {
    // Crafted with every flag tshark sets (its Info column is in
    // tests/oracles/tcp/crafted/tcp-analysis.tcp.tsv).
    let mut app = tcp_analysis();
    press(&mut app, "a");
    goto(&mut app, 7);
    insta::assert_snapshot!(
        "tcp_analysis_retransmission_100x30",
        render(&mut app, 100, 30)
    );
    goto(&mut app, 11);
    insta::assert_snapshot!("tcp_analysis_dup_ack_80x24", render(&mut app, 80, 24));
}

#[test]
fn tcp_analysis_on_a_real_capture_with_retransmissions() {
    // A Linux `any` capture of an OCPP charger: retransmitted SYNs and
    // duplicate ACKs (the packets were captured twice).
    let Some(p) = shared("evsetool/ocpp16-cap.pcapng") else {
        return;
    };
    let mut app = load(&p);
    press(&mut app, "a");
    goto(&mut app, 13);
    insta::assert_snapshot!("ocpp_retransmission_100x30", render(&mut app, 100, 30));
    insta::assert_snapshot!("ocpp_retransmission_80x24", render(&mut app, 80, 24));
}

#[test]
fn tcp_options_and_the_scaled_window_in_the_tree() {
    let mut app = echo();
    press(&mut app, "a");
    goto(&mut app, 1);
    // To the tree, on the options node, opened.
    press(&mut app, "<Tab>");
    for _ in 0..300 {
        if app.tree_selected().unwrap().starts_with("Options:") {
            break;
        }
        press(&mut app, "j");
    }
    assert!(app.tree_selected().unwrap().starts_with("Options:"));
    press(&mut app, "l");
    insta::assert_snapshot!("tcp_options_syn_100x30", render(&mut app, 100, 30));
    press(&mut app, "j");
    insta::assert_snapshot!("tcp_options_syn_80x24", render(&mut app, 80, 24));
    // A data packet: the window scaled by the agreed factor.
    press(&mut app, "<Tab><Tab>");
    goto(&mut app, 8);
    press(&mut app, "<Tab>eg");
    for _ in 0..300 {
        if app
            .tree_selected()
            .unwrap()
            .starts_with("[Window size scaling factor")
        {
            break;
        }
        press(&mut app, "j");
    }
    assert!(app
        .tree_selected()
        .unwrap()
        .starts_with("[Window size scaling factor: 1024]"));
    insta::assert_snapshot!("tcp_window_scaled_100x30", render(&mut app, 100, 30));
}

#[test]
fn length_is_the_packet_length_and_the_unit_size_is_in_info() {
    let mut app = echo();
    press(&mut app, "n");
    insta::assert_snapshot!("length_is_the_packet_100x30", render(&mut app, 100, 30));
}

#[test]
fn time_display_formats() {
    let mut app = echo();
    press(&mut app, "T");
    insta::assert_snapshot!("time_since_previous_100x30", render(&mut app, 100, 30));
    press(&mut app, "T");
    insta::assert_snapshot!("time_utc_80x24", render(&mut app, 80, 24));
}

#[test]
fn the_active_bytes_tab_stays_visible_when_narrow() {
    let mut app = echo();
    // Frame 19: Frame, Reassembled and Unmasked payload tabs.
    press(&mut app, "nnnnnnnnn");
    press(&mut app, "tt");
    insta::assert_snapshot!("bytes_tabs_narrow_80x24", render(&mut app, 80, 24));
}

#[test]
fn the_list_opens_on_the_upgrade_request_after_other_http() {
    // The browser fetched the page (frame 7) before it opened the
    // WebSocket (frame 16).
    let mut app = load(&sample("browser-fastapi.pcap"));
    insta::assert_snapshot!("opens_on_upgrade_100x30", render(&mut app, 100, 30));
    insta::assert_snapshot!("opens_on_upgrade_80x24", render(&mut app, 80, 24));
}

#[test]
fn an_empty_connection_says_how_to_see_its_packets() {
    let mut app = load(&sample("browser-fastapi.pcap"));
    // Entry 0 is "all", 1 stream 0, 2 stream 1 (no HTTP, no WebSocket).
    press(&mut app, "sjj<Enter>");
    insta::assert_snapshot!("empty_connection_80x24", render(&mut app, 80, 24));
    press(&mut app, "a");
    insta::assert_snapshot!("empty_connection_packets_100x30", render(&mut app, 100, 30));
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

// Issue 14, item 3: bodies sent chunked and gzip-compressed (the crafted
// HTTP connection of tcp-analysis.pcap, checked against tshark's oracle by
// tests/http_agreement.rs) are read decoded in view 4, with the steps that
// decoded them.
#[test]
fn http_bodies_sent_chunked_and_gzipped_are_read_decoded() {
    let mut app = tcp_analysis();
    goto(&mut app, 56);
    press(&mut app, "4");
    let s = render(&mut app, 100, 40);
    assert!(s.contains("chunked transfer coding removed"), "{s}");
    assert!(s.contains(r#""messages""#) && s.contains("maailma"), "{s}");
    press(&mut app, "<Esc>");
    goto(&mut app, 59);
    press(&mut app, "4");
    let s = render(&mut app, 100, 40);
    assert!(s.contains("Content-Encoding: gzip undone"), "{s}");
    assert!(s.contains("<!doctype html>"), "{s}");
    insta::assert_snapshot!("http_body_gzip_100x40", s);
}
