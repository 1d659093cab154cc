//! The TUI must not panic or freeze on any model content: empty captures,
//! captures without WebSocket, absurd lengths, huge payloads, hostile text.
//! Also: loading in batches, and redraw cost on a big capture.
#![cfg(feature = "tui")]

use std::cell::RefCell;
use std::time::{Duration, Instant};

use crate::support::{load, press, render, sample};
use proptest::prelude::*;
use wsdissect::analyze::{analyze_with_bytes, Options};
use wsdissect::capture::CaptureReader;
use wsdissect::model::{smallvec, Record, SmallVec, Span, WsFrame, WsMessage};
use wsdissect::tui::loader::Item;
use wsdissect::tui::App;

/// Every record and packet's bytes of a sample, in arrival order.
fn items(path: &str) -> Vec<Item> {
    let mut reader = CaptureReader::open(path).unwrap();
    let opts = Options {
        packets: true,
        ..Options::default()
    };
    let out = RefCell::new(Vec::new());
    let mut sink = |r: Record| out.borrow_mut().push(Item::Rec(r));
    let mut bytes = |_: u64, b: &[u8]| out.borrow_mut().push(Item::Bytes(b.to_vec()));
    analyze_with_bytes(&mut reader, &opts, &mut sink, &mut bytes).unwrap();
    out.into_inner()
}

fn feed(app: &mut App, items: Vec<Item>) {
    for it in items {
        match it {
            Item::Rec(r) => app.push_record(r),
            Item::Bytes(b) => app.push_bytes(b),
            Item::At(off, len) => app.push_packet_at(off, len),
            Item::Spilled(r, loc) => app.push_spilled(r, Some(loc)),
            Item::Piece(p) => app.push_piece(p),
        }
    }
}

/// Renders at several sizes and checks no control character from the
/// capture reaches the terminal.
fn render_all_sizes(app: &mut App) {
    for (w, h) in [(80, 24), (120, 40), (30, 8), (20, 5)] {
        let s = render(app, w, h);
        assert!(
            !s.contains('\x1b') && !s.contains('\x07'),
            "raw control character on screen:\n{s}"
        );
    }
}

/// Visits every row, every view, every tree item and every bytes tab.
fn visit_everything(app: &mut App) {
    press(app, "g");
    let rows = app.visible_len();
    for _ in 0..rows.max(1) {
        render_all_sizes(app);
        for v in ["1", "2", "3", "4", "5", "6"] {
            press(app, v);
            render_all_sizes(app);
            press(app, "G");
            render(app, 80, 24);
            press(app, "<PgUp><Esc>");
        }
        press(app, "<Tab>eg");
        for _ in 0..200 {
            render(app, 80, 24);
            press(app, "t");
            render(app, 80, 24);
            let before = app.tree_selected().map(str::to_string);
            press(app, "j");
            if app.tree_selected().map(str::to_string) == before {
                break;
            }
        }
        press(app, "<Tab>G");
        render(app, 80, 24);
        press(app, "g<Tab>");
        press(app, "j");
    }
    press(app, "/zzzz-not-there<Enter>");
    while app.searching() {
        app.tick();
    }
    render_all_sizes(app);
}

fn first_frame(items: &[Item]) -> WsFrame {
    items
        .iter()
        .find_map(|i| match i {
            Item::Rec(Record::Frame(f)) => Some((**f).clone()),
            _ => None,
        })
        .unwrap()
}

fn first_message(items: &[Item]) -> WsMessage {
    items
        .iter()
        .find_map(|i| match i {
            Item::Rec(Record::Message(m)) => Some((**m).clone()),
            _ => None,
        })
        .unwrap()
}

#[test]
fn absurd_model_content_never_panics() {
    let base = items(&sample("fastapi-echo.pcap"));
    let f0 = first_frame(&base);
    let m0 = first_message(&base);
    let mut app = App::new("synthetic.pcap");
    feed(&mut app, base.clone());
    let mut extra = Vec::new();
    let frame = |no: u64, idx: u64, edit: &dyn Fn(&mut WsFrame)| {
        let mut f = f0.clone();
        f.frame = no;
        f.frames = smallvec![no];
        f.index = idx;
        f.message = None;
        edit(&mut f);
        Item::Rec(Record::Frame(Box::new(f)))
    };
    // A 64-bit length of u64::MAX, nothing captured, spans pointing nowhere.
    extra.push(frame(28, 100, &|f| {
        f.header.len7 = 127;
        f.header.payload_len = u64::MAX;
        f.header.header_len = 14;
        f.header_bytes =
            smallvec![0x81, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4,];
        f.payload = Default::default();
        f.masked_sample.clear();
        f.payload_omitted = u64::MAX;
        f.complete = false;
        f.spans = smallvec![Span {
            tls_record: None,
            frame: 999_999,
            packet_offset: u32::MAX,
            unit_offset: 0,
            len: u64::MAX,
        }];
    }));
    // 2^63 exactly: the top bit the RFC forbids.
    extra.push(frame(28, 101, &|f| {
        f.header.len7 = 127;
        f.header.payload_len = 1 << 63;
        f.header.header_len = 14;
        f.payload = Default::default();
        f.masked_sample.clear();
    }));
    // 20 MiB of hostile text, masked, in a message.
    let big: String = "evil\x1b[2J\x1b]0;title\x07\n\ttext ".repeat(20 << 20 >> 5);
    {
        let big = big.clone();
        extra.push(frame(29, 102, &move |f| {
            f.payload = big.as_bytes().into();
            f.header.payload_len = f.payload.len() as u64;
            f.masked_sample = SmallVec::from_slice(&f.payload[..64]);
            f.message = Some(500);
        }));
    }
    let mut m = m0.clone();
    m.index = 500;
    m.ws_frames = smallvec![102];
    m.text = Some(big.into());
    m.length = 20 << 20;
    extra.push(Item::Rec(Record::Message(Box::new(m))));
    // Empty masked payload; reserved opcode with RSV2/RSV3; 1-byte close.
    extra.push(frame(29, 103, &|f| {
        f.payload = Default::default();
        f.header.payload_len = 0;
        f.masked_sample.clear();
    }));
    extra.push(frame(29, 104, &|f| {
        f.header.opcode = 3;
        f.header.rsv2 = true;
        f.header.rsv3 = true;
        f.header.masked = false;
        f.header.mask_key = None;
    }));
    extra.push(frame(30, 105, &|f| {
        f.header.opcode = 8;
        f.payload = (&[3]).into();
        f.header.payload_len = 1;
        f.close_code = None;
    }));
    // Invalid UTF-8 text, and a compressed message claiming u64::MAX bytes.
    extra.push(frame(30, 106, &|f| f.message = Some(501)));
    let mut m = m0.clone();
    m.index = 501;
    m.ws_frames = smallvec![106];
    m.text = None;
    m.data_base64 = Some((&[0xff, 0xfe, 0x1b, b'[', b'2', b'J', 0xc3]).into());
    m.utf8_valid = Some(false);
    extra.push(Item::Rec(Record::Message(Box::new(m))));
    extra.push(frame(30, 107, &|f| {
        f.header.rsv1 = true;
        f.message = Some(502);
    }));
    let mut m = m0;
    m.index = 502;
    m.ws_frames = smallvec![107];
    m.compressed = true;
    m.decompressed_length = Some(u64::MAX);
    m.text = Some(Default::default());
    extra.push(Item::Rec(Record::Message(Box::new(m))));
    // An HTTP head whose ranges point outside it, with escapes in it.
    let http = base
        .iter()
        .find_map(|i| match i {
            Item::Rec(Record::Http(h)) => Some(h.clone()),
            _ => None,
        })
        .unwrap();
    let mut h = http.clone();
    h.frame = 30;
    h.raw.clear();
    h.spans.clear();
    h.head_length = u64::MAX;
    h.start_line = "GET /\x1b[31mred HTTP/1.1".into();
    for hd in &mut h.headers {
        hd.range = 1000..2000;
        hd.value.push_str("\x1b]0;x\x07");
    }
    extra.push(Item::Rec(Record::Http(h)));
    // Decrypted from TLS: a record number and length of u64::MAX, and a
    // connection summary full of hostile text.
    extra.push(frame(31, 108, &|f| {
        f.spans = smallvec![Span {
            tls_record: Some(u64::MAX),
            frame: 31,
            packet_offset: u32::MAX,
            unit_offset: 0,
            len: u64::MAX,
        }];
    }));
    let mut h = http.clone();
    h.frame = 31;
    h.spans = smallvec![Span {
        tls_record: Some(0),
        frame: 999_999,
        packet_offset: 0,
        unit_offset: 0,
        len: h.raw.len() as u64,
    }];
    extra.push(Item::Rec(Record::Http(h)));
    let mut sum = base
        .iter()
        .find_map(|i| match i {
            Item::Rec(Record::Stream(s)) => Some(s.clone()),
            _ => None,
        })
        .unwrap();
    let evil = "\x1b[2J\x07evil";
    sum.tls = Some(wsdissect::tls::TlsSummary {
        version: Some(0xffff),
        sni: Some(evil.repeat(100)),
        alpn_offered: vec![evil.into(); 50],
        alpn: Some(evil.into()),
        key_log_lines: vec![
            wsdissect::tls::Source {
                name: evil.into(),
                line: u32::MAX,
            };
            100
        ],
        undecryptable: Some(wsdissect::tls::Undecryptable::NoKeysForSession {
            client_random: evil.repeat(10),
        }),
        records: [u64::MAX; 2],
        bad_records: [u64::MAX; 2],
        ..Default::default()
    });
    extra.push(Item::Rec(Record::Stream(sum)));
    // Notes without a frame, on a frame without a row, and hostile text.
    let note = wsdissect::model::Note {
        severity: wsdissect::model::Severity::Error,
        stream: Some(0),
        frame: Some(1_000_000),
        direction: None,
        rule: "synthetic",
        section: None,
        message: "bad \x1b[2J\x07".repeat(100),
    };
    let mut n2 = note.clone();
    n2.frame = None;
    n2.stream = None;
    let mut n3 = note.clone();
    n3.frame = Some(28);
    extra.push(Item::Rec(Record::Note(note)));
    extra.push(Item::Rec(Record::Note(n2)));
    extra.push(Item::Rec(Record::Note(n3)));
    feed(&mut app, extra);
    app.finish(Some("synthetic damage \x1b[2J".into()));
    press(&mut app, "a");
    visit_everything(&mut app);
    // The notes view can jump to each note, or say why not.
    press(&mut app, "6");
    for _ in 0..5 {
        press(&mut app, "<Enter>");
        render_all_sizes(&mut app);
        press(&mut app, "6j");
    }
}

#[test]
fn empty_capture() {
    // A pcap with its global header and no packet.
    let path =
        std::env::temp_dir().join(format!("wsdissect-tui-empty-{}.pcap", std::process::id()));
    let mut hdr = vec![0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0];
    hdr.extend_from_slice(&[0; 8]);
    hdr.extend_from_slice(&65535u32.to_le_bytes());
    hdr.extend_from_slice(&1u32.to_le_bytes());
    std::fs::write(&path, &hdr).unwrap();
    let mut app = load(path.to_str().unwrap());
    std::fs::remove_file(&path).ok();
    assert_eq!(app.visible_len(), 0);
    assert!(app.selected().is_none());
    let s = render(&mut app, 80, 24);
    assert!(s.contains("This capture holds no packet."), "{s}");
    for k in [
        "j",
        "k",
        "n",
        "p",
        "]",
        "[",
        "g",
        "G",
        "<PgDn>",
        "<Tab>",
        "<Enter>",
        "<Left>",
        "<Tab>",
        "t",
        "<Tab>",
        "a",
        "f<Right><Enter>",
        "s<Enter>",
    ] {
        press(&mut app, k);
        render_all_sizes(&mut app);
    }
    visit_everything(&mut app);
    press(&mut app, "2");
    assert!(render(&mut app, 80, 24).contains("no WebSocket frame"));
    press(&mut app, "<Esc>5");
    assert!(render(&mut app, 80, 24).contains("holds no TCP connection"));
}

#[test]
fn unreadable_capture_is_an_error() {
    assert!(App::load("/nonexistent/capture.pcap", &Options::default()).is_err());
    let path = std::env::temp_dir().join(format!("wsdissect-tui-junk-{}.pcap", std::process::id()));
    std::fs::write(&path, b"this is not a capture file at all").unwrap();
    let r = App::load(path.to_str().unwrap(), &Options::default());
    std::fs::remove_file(&path).ok();
    assert!(r.is_err());
}

#[test]
fn capture_without_websocket() {
    let only_packets: Vec<Item> = items(&sample("fastapi-echo.pcap"))
        .into_iter()
        .filter(|i| {
            matches!(
                i,
                Item::Bytes(_) | Item::Rec(Record::Packet(_) | Record::Connection(_))
            )
        })
        .collect();
    let mut app = App::new("tcp-only.pcap");
    feed(&mut app, only_packets);
    app.finish(None);
    assert_eq!(app.visible_len(), 0);
    let s = render(&mut app, 80, 24);
    assert!(s.contains("press a to list every packet"), "{s}");
    press(&mut app, "a");
    assert_eq!(app.visible_len(), 30);
    visit_everything(&mut app);
    press(&mut app, "g1");
    assert!(render(&mut app, 80, 24).contains("no WebSocket opening handshake"));
}

#[test]
fn loading_in_batches_shows_rows_before_the_end() {
    let all = items(&sample("fastapi-echo.pcap"));
    let half = all.len() / 2;
    let mut app = App::new("fastapi-echo.pcap");
    let s = render(&mut app, 80, 24);
    assert!(
        s.contains("reading 0 KiB") && s.contains("Reading the capture"),
        "{s}"
    );
    feed(&mut app, all[..half].to_vec());
    app.end_batch();
    app.set_progress(50, Some(100));
    assert!(!app.loaded());
    let s = render(&mut app, 80, 24);
    assert!(s.contains("⟳ reading 50%"), "{s}");
    assert_eq!(
        app.selected().unwrap().no,
        4,
        "the first row is selected at once"
    );
    let shown = app.visible_len();
    assert!(shown > 0);
    press(&mut app, "n5");
    let s = render(&mut app, 80, 24);
    assert!(s.contains("still being read"), "{s}");
    press(&mut app, "<Esc>");
    feed(&mut app, all[half..].to_vec());
    app.finish(None);
    assert!(app.loaded());
    assert_eq!(app.visible_len(), 16);
    assert_eq!(
        app.selected().unwrap().no,
        8,
        "the selection survives loading"
    );
    assert!(!render(&mut app, 80, 24).contains("reading"));
}

#[test]
fn key_and_redraw_stay_cheap_on_a_big_capture() {
    // 200k frames (about what a 100 MB capture of small messages holds).
    let base = items(&sample("fastapi-echo.pcap"));
    let f0 = first_frame(&base);
    let mut app = App::new("big.pcap");
    feed(&mut app, base);
    let n = 200_000u64;
    for i in 0..n {
        let mut f = f0.clone();
        f.frame = 100 + i;
        f.frames = smallvec![f.frame];
        f.index = 100 + i;
        f.message = None;
        app.push_record(Record::Frame(Box::new(f)));
        if i % 4096 == 0 {
            app.end_batch();
        }
    }
    app.finish(None);
    assert_eq!(app.visible_len() as u64, n + 16);
    render(&mut app, 120, 40);
    let keys = [
        "j", "n", "G", "g", "<PgDn>", "]", "k", "p", "<End>", "<Tab>", "j", "<Tab>", "t", "<Tab>",
    ];
    let start = Instant::now();
    let mut count = 0;
    for _ in 0..20 {
        for k in keys {
            press(&mut app, k);
            render(&mut app, 120, 40);
            count += 1;
        }
    }
    let per_key = start.elapsed() / count;
    eprintln!(
        "{per_key:?} per key press + redraw at 120×40 over {} rows",
        app.visible_len()
    );
    // Debug build; a release build is several times faster. What matters is
    // that nothing scales with the capture (that would be hundreds of ms).
    assert!(
        per_key < Duration::from_millis(40),
        "{per_key:?} per key press + redraw"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn random_keys_never_panic(
        keys in proptest::collection::vec(
            proptest::sample::select(vec![
                "j", "k", "n", "p", "]", "[", "g", "G", "<PgDn>", "<PgUp>", "<Tab>", "<BackTab>",
                "<Enter>", "<Left>", "<Right>", "<Esc>", "e", "E", "t", "a", "f", "s", "?", "/", "x",
                "1", "2", "3", "4", "5", "6", "q", "h", "l", " ",
            ]),
            1..80,
        ),
        w in 20u16..140,
        h in 5u16..50,
    ) {
        let mut app = load(&sample("node-ws.pcap"));
        for k in keys {
            press(&mut app, k);
            let s = render(&mut app, w, h);
            prop_assert!(!s.contains('\x1b'));
            while app.searching() {
                app.tick();
            }
        }
    }
}

#[test]
fn while_loading_the_list_moves_to_the_upgrade_request_once_it_is_known() {
    // browser-fastapi.pcap: the page (frame 7) comes before the WebSocket
    // upgrade request (frame 16).
    let all = items(&sample("browser-fastapi.pcap"));
    let mut app = App::new("browser-fastapi.pcap");
    let mut seen_first = false;
    for it in all.clone() {
        feed(&mut app, vec![it]);
        app.end_batch();
        let hs = !app.dissection().handshakes.is_empty();
        if let Some(s) = app.selected() {
            if hs {
                assert_eq!(s.no, 16, "on the upgrade request as soon as it is known");
            } else {
                seen_first |= s.no == 7;
            }
        }
    }
    assert!(
        seen_first,
        "the first row was selected before the handshake came"
    );
    app.finish(None);
    assert_eq!(app.selected().unwrap().no, 16);

    // A user who moved keeps the selection.
    let mut app = App::new("browser-fastapi.pcap");
    let mut moved = false;
    for it in all {
        feed(&mut app, vec![it]);
        app.end_batch();
        if !moved && app.visible_len() >= 2 && app.dissection().handshakes.is_empty() {
            press(&mut app, "j");
            moved = true;
        }
    }
    app.finish(None);
    assert!(moved);
    assert_ne!(app.selected().unwrap().no, 16, "the user's choice stays");
}
