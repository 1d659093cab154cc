//! The flow (`8`) and follow (`9`) views on real captures: snapshots at
//! 100×30 and 80×24, their keys, and the follow view's bytes against
//! `wsdissect follow --format raw` (one source of truth: the reassembler's
//! deliveries, which `tests/follow_agreement.rs` checks against tshark).
#![cfg(feature = "tui")]

use crate::common;

use crate::support::{load, load_wss, press, render, sample};
use wsdissect::tui::index::RowKind;
use wsdissect::tui::views::follow::{stream_bytes, FollowMode};
use wsdissect::tui::views::ViewKind;

/// `browser-fastapi.pcap` with the first WebSocket frame selected (stream
/// 2: the page's WebSocket, permessage-deflate).
fn browser_ws() -> wsdissect::tui::App {
    let mut app = load(&sample("browser-fastapi.pcap"));
    press(&mut app, "n");
    let s = app.selected().unwrap();
    assert_eq!(s.kind, RowKind::Frame);
    app
}

const TLS: &str = "wss-websockets-tls13-aes128";

#[test]
fn flow_view_snapshots() {
    let mut app = browser_ws();
    press(&mut app, "8");
    assert_eq!(app.view_kind(), Some(ViewKind::Flow));
    insta::assert_snapshot!("flow_packets_100x30", render(&mut app, 100, 30));
    insta::assert_snapshot!("flow_packets_80x24", render(&mut app, 80, 24));
    press(&mut app, "m");
    insta::assert_snapshot!("flow_frames_100x30", render(&mut app, 100, 30));
    insta::assert_snapshot!("flow_frames_80x24", render(&mut app, 80, 24));
    let mut app = load_wss(TLS);
    press(&mut app, "8");
    insta::assert_snapshot!("flow_tls_packets_100x30", render(&mut app, 100, 30));
    press(&mut app, "G");
    insta::assert_snapshot!("flow_tls_packets_end_80x24", render(&mut app, 80, 24));
}

#[test]
fn follow_view_snapshots() {
    let mut app = browser_ws();
    press(&mut app, "9");
    assert_eq!(app.view_kind(), Some(ViewKind::Follow));
    insta::assert_snapshot!("follow_tcp_100x30", render(&mut app, 100, 30));
    insta::assert_snapshot!("follow_tcp_80x24", render(&mut app, 80, 24));
    press(&mut app, "mm");
    insta::assert_snapshot!("follow_chat_100x30", render(&mut app, 100, 30));
    insta::assert_snapshot!("follow_chat_80x24", render(&mut app, 80, 24));
    let mut app = load_wss(TLS);
    press(&mut app, "9");
    insta::assert_snapshot!("follow_tls_tcp_80x24", render(&mut app, 80, 24));
    press(&mut app, "m");
    insta::assert_snapshot!("follow_tls_decrypted_100x30", render(&mut app, 100, 30));
    insta::assert_snapshot!("follow_tls_decrypted_80x24", render(&mut app, 80, 24));
    press(&mut app, "m");
    insta::assert_snapshot!("follow_tls_chat_100x30", render(&mut app, 100, 30));
}

/// The flow opens on the selected row's packet; `m` keeps the packet;
/// Up/Down move; Enter (and Esc) select the arrow's row in the list.
#[test]
fn flow_keys_move_switch_and_select_the_row() {
    let mut app = browser_ws();
    let first = app.selected().unwrap();
    press(&mut app, "8");
    render(&mut app, 100, 30);
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("one arrow per packet"), "{screen}");
    // Per frame: the selection stays on the same packet's frame.
    press(&mut app, "m");
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("one arrow per HTTP head / WebSocket frame"));
    // Enter without moving selects the row the flow opened on.
    press(&mut app, "<Enter>");
    assert_eq!(app.view_kind(), None);
    assert_eq!(app.selected(), Some(first));
    // Two arrows down (per frame, as the mode is kept per view open: fresh
    // view, so per packet again) then m: the next frames.
    press(&mut app, "8m<Down><Down><Enter>");
    let s = app.selected().unwrap();
    assert_eq!(s.kind, RowKind::Frame);
    assert!(s.no > first.no, "{s:?} after {first:?}");
    let frames = &app.index().frames;
    let ws_stream = frames.get(first.idx).unwrap().stream;
    assert_eq!(frames.get(s.idx).unwrap().stream, ws_stream);
    // Per packet, the handshake's packets are above: g goes to the SYN,
    // and Esc selects it — the list hides TCP-only packets, so it shows
    // them (as `a` does) to select the SYN.
    press(&mut app, "8g<Esc>");
    let s = app.selected().unwrap();
    assert_eq!(s.kind, RowKind::Packet);
    let p = app.index().packets.get(s.idx).unwrap();
    assert!(p.tcp.as_ref().unwrap().flags.syn);
    assert!(app.status().unwrap().contains("Showing every packet"));
    assert_eq!(p.tcp.as_ref().unwrap().stream, ws_stream);
}

/// A packet arrow whose packet completes a frame selects that frame's row
/// when the list hides packets: the list keeps its filter.
#[test]
fn flow_packet_arrow_selects_the_frame_of_that_packet() {
    let mut app = browser_ws();
    let first = app.selected().unwrap();
    press(&mut app, "8<Down><Up><Enter>");
    assert_eq!(app.selected(), Some(first));
    assert!(app.status().is_none());
}

#[test]
fn follow_keys_scroll_and_switch_modes() {
    let mut app = browser_ws();
    press(&mut app, "9");
    let top = render(&mut app, 80, 24);
    assert!(top.contains("TCP stream"));
    assert!(top.contains("GET /ws HTTP/1.1"), "{top}");
    press(&mut app, "<Down><Down>");
    let moved = render(&mut app, 80, 24);
    assert_ne!(top, moved);
    press(&mut app, "<Up><Up>");
    assert_eq!(render(&mut app, 80, 24), top);
    press(&mut app, "G");
    let end = render(&mut app, 80, 24);
    assert_ne!(end, top);
    press(&mut app, "g");
    assert_eq!(render(&mut app, 80, 24), top);
    press(&mut app, "m");
    let tls = render(&mut app, 80, 24);
    assert!(tls.contains("decrypted TLS stream"));
    assert!(tls.contains("no bytes decrypted from TLS"), "{tls}");
    press(&mut app, "m");
    let chat = render(&mut app, 80, 24);
    assert!(chat.contains("chat transcript"));
    assert!(
        chat.contains("client →") && chat.contains("← server"),
        "{chat}"
    );
    press(&mut app, "m");
    assert_eq!(render(&mut app, 80, 24), top);
}

/// Paging down to the end and back up line by line lands on the first
/// line again: the line before any position is found the same way the
/// lines after it are laid out.
#[test]
fn follow_scrolls_back_to_where_it_started() {
    let mut app = load(&sample("fastapi-echo.pcap"));
    press(&mut app, "9");
    let top = render(&mut app, 81, 24);
    let mut downs = 0;
    loop {
        let before = render(&mut app, 81, 24);
        press(&mut app, "<Down>");
        if render(&mut app, 81, 24) == before {
            break;
        }
        downs += 1;
    }
    // 65600 bytes of the alphabet each way, 79 per line (not a multiple of
    // 26, so that consecutive lines differ): well over 1600 lines.
    assert!(downs > 1600, "{downs} lines");
    for _ in 0..downs {
        press(&mut app, "<Up>");
    }
    assert_eq!(render(&mut app, 81, 24), top);
}

fn follow_raw(cap: &str, stream: u32, tls: bool) -> Vec<u8> {
    let mut args = vec![
        "follow".to_string(),
        cap.to_string(),
        stream.to_string(),
        "--format".into(),
        "raw".into(),
    ];
    if tls {
        let keys = cap.replace(".pcap", ".keys");
        args.extend(["--tls".into(), "--keylog".into(), keys]);
    }
    common::wsdissect_bytes(&args)
}

/// The follow view shows each connection's bytes exactly as `wsdissect
/// follow N --format raw` writes them (same order, same bytes).
#[test]
fn follow_view_bytes_equal_the_follow_command() {
    let (mut checked, mut bytes) = (0, 0);
    for name in [
        "browser-fastapi.pcap",
        "fastapi-echo.pcap",
        "websockets-deflate.pcap",
        "node-ws.pcap",
        "wss-websockets-tls13-aes128.pcap",
    ] {
        let cap = sample(name);
        let app = load(&cap);
        let (d, ix) = (app.dissection(), app.index());
        for &s in &ix.streams {
            let view = stream_bytes(d, ix, s, FollowMode::Tcp);
            let cli = follow_raw(&cap, s, false);
            bytes += cli.len();
            assert_eq!(view.len(), cli.len(), "{name} stream {s}");
            assert!(view == cli, "{name} stream {s}: bytes differ");
            checked += 1;
        }
    }
    assert!(checked >= 7, "{checked} streams");
    assert!(bytes > 150_000, "{bytes} bytes");
}

/// For wss:// with keys, the decrypted mode shows what `follow --tls`
/// writes: the HTTP heads and frames as their sender wrote them in TLS.
#[test]
fn follow_tls_bytes_equal_follow_tls() {
    for name in [
        "wss-websockets-tls13-aes128",
        "wss-websockets-tls12-chacha20",
        "wss-node-ws-tls13-chacha20",
    ] {
        let app = load_wss(name);
        let (d, ix) = (app.dissection(), app.index());
        let cap = sample(&format!("{name}.pcap"));
        for &s in &ix.streams {
            let view = stream_bytes(d, ix, s, FollowMode::Tls);
            let cli = follow_raw(&cap, s, true);
            assert!(!cli.is_empty(), "{name} stream {s}");
            assert!(
                view == cli,
                "{name} stream {s}: {} vs {} bytes",
                view.len(),
                cli.len()
            );
        }
    }
}

/// Bytes the snaplen cut off are gaps: the TCP stream shows them as
/// "[n bytes missing …]" where they were, and the bytes around them are
/// still exactly what `follow --format raw` writes (which leaves gaps out).
#[test]
fn follow_shows_gaps_where_the_bytes_are_missing() {
    let (mut pcap, mut c) = common::mean::ws_connection("", "");
    // A binary frame of 1000 bytes in a packet cut at 64 bytes (24 of
    // its bytes captured), between two whole text frames.
    let hello = common::ws_frame(true, false, 1, b"before the gap", false);
    c.send(&mut pcap, false, &hello);
    let f = common::ws_frame(true, false, 2, &[7; 1000], false);
    c.send_at(&mut pcap, false, 0, &f, Some(64));
    c.sseq = c.sseq.wrapping_add(f.len() as u32);
    let bye = common::ws_frame(true, false, 1, b"after the gap", false);
    c.send(&mut pcap, false, &bye);
    c.close(&mut pcap);
    let dir = std::env::temp_dir().join(format!("wsdissect-follow-gap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("gap.pcap");
    std::fs::write(&path, &pcap.bytes).unwrap();
    let cap = path.to_string_lossy().into_owned();

    let mut app = load(&cap);
    press(&mut app, "9");
    let mut screen = render(&mut app, 100, 30);
    for _ in 0..40 {
        if screen.contains("after the gap") {
            break;
        }
        press(&mut app, "<Down>");
        screen = render(&mut app, 100, 30);
    }
    assert!(
        screen.contains("[980 bytes missing from server → client at offset"),
        "{screen}"
    );
    assert!(screen.contains("after the gap"), "{screen}");
    let (d, ix) = (app.dissection(), app.index());
    let view = stream_bytes(d, ix, 0, FollowMode::Tcp);
    let cli = follow_raw(&cap, 0, false);
    assert!(view == cli, "{} vs {} bytes", view.len(), cli.len());
    let _ = std::fs::remove_dir_all(&dir);
}
