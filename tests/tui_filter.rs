//! The TUI's display filter (the expression field of the filter form, `f`):
//! typed and validated live by the parser of `dump -Y`, and selecting
//! exactly the packets `dump -Y` selects — the one-source-of-truth check —
//! also while the capture is still loading.
#![cfg(feature = "tui")]

use crate::common;

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::Path;

use crate::support::{press, render, sample, terminal};
use ratatui::style::Color;
use wsdissect::analyze::{analyze, analyze_with_bytes, Options};
use wsdissect::capture::CaptureReader;
use wsdissect::filter::PacketFilter;
use wsdissect::model::Record;
use wsdissect::tui::app::Popup;
use wsdissect::tui::filter::{Expression, Filter, EXPR_FIELD};
use wsdissect::tui::App;

fn load(cap: &Path) -> App {
    App::load(&cap.to_string_lossy(), &common::options_for(cap)).expect("capture loads")
}

fn echo() -> App {
    load(Path::new(&sample("fastapi-echo.pcap")))
}

/// The frames of the rows the list shows.
fn shown(app: &App) -> BTreeSet<u64> {
    app.visible_frames().into_iter().collect()
}

/// The TUI's rows under `expr` with every packet listed (`a`).
fn tui_packets(app: &mut App, expr: &str) -> BTreeSet<u64> {
    let e = Expression::parse(expr).unwrap_or_else(|e| panic!("{expr}: {e}"));
    app.apply_filter(Filter {
        expr: Some(e),
        ..Filter::default()
    });
    shown(app)
}

/// The frames whose `packet` records `dump --packets -Y expr` keeps, by
/// the library code `dump` runs (`PacketFilter` over the analysis).
fn dump_packets(cap: &Path, expr: &str) -> BTreeSet<u64> {
    let f = wsdissect::filter::Filter::parse(expr).unwrap();
    let mut opts = common::options_for(cap);
    opts.packets = true;
    let mut reader = CaptureReader::open(&cap.to_string_lossy()).unwrap();
    let mut pf = PacketFilter::new(f, true);
    let out = RefCell::new(BTreeSet::new());
    let mut keep = |r: Record| {
        if let Record::Packet(p) = r {
            out.borrow_mut().insert(p.frame);
        }
    };
    let mut sink = |r: Record| pf.push(r, &mut keep);
    let _ = analyze(&mut reader, &opts, &mut sink);
    pf.finish(&mut keep);
    out.into_inner()
}

fn filters() -> Vec<String> {
    let table = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracles/filters/filters.txt"),
    )
    .unwrap();
    let mut v: Vec<String> = table
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    // Payload fields past the 32 bytes the TUI keeps in memory: these
    // only match when the spill is read back.
    v.push(r#"ws.message.text matches "over$" || websocket.payload.text matches "xyzab$""#.into());
    v.push(r#"ws.message.text contains "lazy dog. The quick""#.into());
    assert!(v.len() >= 40);
    v
}

#[test]
fn tui_rows_are_the_packets_dump_y_keeps_for_every_filter_on_every_sample() {
    let mut checked = 0;
    let mut nonempty = 0;
    let mut failures = Vec::new();
    for cap in common::sample_captures() {
        let mut app = load(&cap);
        press(&mut app, "a");
        for expr in filters() {
            let tui = tui_packets(&mut app, &expr);
            let dump = dump_packets(&cap, &expr);
            if tui != dump {
                failures.push(format!(
                    "{} `{expr}`: TUI {tui:?} dump {dump:?}",
                    cap.display()
                ));
            }
            checked += 1;
            nonempty += usize::from(!dump.is_empty());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 500 && nonempty > 150, "{checked} {nonempty}");
}

#[test]
fn spilled_payloads_are_read_back_for_the_filter() {
    let mut app = echo();
    let e = r#"ws.message.text matches "over$" || websocket.payload.text matches "xyzab$""#;
    assert_eq!(
        tui_packets(&mut app, e),
        [14, 15, 19, 23].into(),
        "the 300- and 65600-byte texts end past what the records keep"
    );
}

/// The binary itself, for a handful of expressions on several samples:
/// `dump -Y EXPR --packets` keeps the packet records of the frames the
/// TUI's list shows (with `a`).
#[test]
fn tui_rows_equal_the_dump_binarys_packets() {
    let exprs = [
        "websocket.opcode == 1 && tcp.stream == 0",
        "http || websocket.opcode == 8",
        "!websocket && tcp.port == 8080",
        r#"ws.note.severity == "error""#,
        "websocket.payload.text contains \"e\"",
        "tcp.stream in {1..3} and websocket.mask == 0",
    ];
    let caps = [
        "fastapi-echo.pcap",
        "browser-fastapi.pcap",
        "websockets-deflate.pcap",
        "node-ws.pcap",
        "wss-websockets-tls13-aes128.pcap",
    ];
    for name in caps {
        let cap = Path::new(&sample(name)).to_path_buf();
        let mut app = load(&cap);
        press(&mut app, "a");
        for expr in exprs {
            let mut args = vec!["dump", "--packets", "-Y", expr];
            let keys = cap.with_extension("keys");
            let keys_s = keys.to_string_lossy().to_string();
            if keys.is_file() {
                args.extend(["--keylog", &keys_s]);
            }
            let out = common::wsdissect(&args, &cap);
            let dump: BTreeSet<u64> = out
                .lines()
                .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
                .filter(|v| v["type"] == "packet")
                .map(|v| v["frame"].as_u64().unwrap())
                .collect();
            assert_eq!(tui_packets(&mut app, expr), dump, "{name} `{expr}`");
        }
    }
}

#[test]
fn a_valid_expression_turns_green_and_enter_shows_its_rows() {
    let mut app = echo();
    press(&mut app, "f<Up>");
    let Some(Popup::Filter(form)) = app.popup() else {
        panic!("the form is open")
    };
    assert_eq!(
        form.field, EXPR_FIELD,
        "↑ from the first field: the expression"
    );
    press(&mut app, "websocket.opcode == 1 && tcp.stream == 0");
    let t = terminal(&mut app, 100, 30);
    let screen = t.backend().to_string();
    assert!(screen.contains("✓ valid"), "{screen}");
    assert_eq!(field_colour(&t, "websocket.opcode == 1"), Color::Green);
    press(&mut app, "<Enter>");
    assert!(app.popup().is_none());
    assert_eq!(
        app.visible_frames(),
        vec![8, 9, 10, 11, 14, 15, 19, 23],
        "the text frames"
    );
    let title = render(&mut app, 100, 30);
    let title = title.lines().next().unwrap();
    assert!(
        title.contains("filter: websocket.opcode == 1 && tcp.stream == 0"),
        "{title}"
    );
    assert!(title.contains("no notes"), "the notes count stays: {title}");
}

#[test]
fn an_invalid_expression_turns_red_points_at_its_column_and_cannot_be_applied() {
    let mut app = echo();
    press(&mut app, "f<Up>tcp.port == \"8080\"");
    let t = terminal(&mut app, 100, 30);
    let screen = t.backend().to_string();
    assert_eq!(field_colour(&t, "tcp.port =="), Color::Red);
    assert!(
        screen.contains("column 13: tcp.port is a number"),
        "{screen}"
    );
    // The caret sits under column 13 of the field.
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("tcp.port == \"8080\""))
        .unwrap();
    let chars: Vec<char> = lines[at].chars().collect();
    let field_x = chars
        .windows(8)
        .position(|w| w.iter().collect::<String>() == "tcp.port")
        .unwrap();
    let caret_x = lines[at + 1].chars().position(|c| c == '^').unwrap();
    assert_eq!(caret_x - field_x, 12, "{}\n{}", lines[at], lines[at + 1]);
    press(&mut app, "<Enter>");
    assert!(
        matches!(app.popup(), Some(Popup::Filter(_))),
        "Enter does nothing"
    );
    assert!(app.filter().is_empty());
    assert!(render(&mut app, 100, 30).contains("fix it to apply"));
    // Fixed: green, and it applies.
    press(&mut app, "<Bs><Bs><Bs><Bs><Bs><Bs>8080<Enter>");
    assert!(app.popup().is_none());
    assert!(app.filter().expr.is_some());
    assert_eq!(app.visible_len(), 16);
}

#[test]
fn menus_and_expression_combine_and_x_clears_everything() {
    let mut app = echo();
    // Direction client → server, then the expression.
    press(
        &mut app,
        "f<Down><Right><Down><Down>websocket.opcode in {1, 2}<Enter>",
    );
    assert_eq!(app.visible_frames(), vec![8, 10, 12, 14, 19]);
    let screen = render(&mut app, 100, 30);
    assert!(
        screen.contains("filter: client → server, websocket.opcode in {1, 2}"),
        "{screen}"
    );
    // The form shows both.
    press(&mut app, "f");
    let screen = render(&mut app, 100, 30);
    assert!(
        screen.contains("client → server") && screen.contains("websocket.opcode in {1, 2}"),
        "{screen}"
    );
    press(&mut app, "x");
    assert!(app.popup().is_none(), "x clears and applies at once");
    assert!(app.filter().is_empty());
    assert_eq!(app.visible_len(), 16);
}

#[test]
fn question_mark_opens_the_help_from_the_form_and_comes_back() {
    let mut app = echo();
    press(&mut app, "f<Right>?");
    assert!(matches!(app.popup(), Some(Popup::Help { .. })));
    press(&mut app, "<Esc>");
    let Some(Popup::Filter(form)) = app.popup() else {
        panic!("closing the help brings the form back")
    };
    assert_eq!(form.draft.stream, Some(0), "with what was being edited");
    // In the expression field `?` is typed (a filter may contain it); F1
    // is the help there.
    press(&mut app, "<Up>ws.message.text contains \"?\"");
    let Some(Popup::Filter(form)) = app.popup() else {
        panic!()
    };
    assert_eq!(form.input, "ws.message.text contains \"?\"");
    assert!(form.valid());
}

#[test]
fn up_recalls_expressions_applied_earlier() {
    let mut app = echo();
    press(
        &mut app,
        "f<Up>http<Enter>f<Up><C-u>websocket.opcode == 9<Enter>",
    );
    assert_eq!(app.visible_frames(), vec![24]);
    press(&mut app, "f<Up><Up>");
    let Some(Popup::Filter(form)) = app.popup() else {
        panic!()
    };
    assert_eq!(form.input, "websocket.opcode == 9");
    press(&mut app, "<Up><Enter>");
    assert_eq!(app.visible_frames(), vec![4, 6]);
}

#[test]
fn rows_are_judged_as_they_arrive_while_loading() {
    let cap = sample("fastapi-echo.pcap");
    let mut reader = CaptureReader::open(&cap).unwrap();
    let opts = Options {
        packets: true,
        ..Options::default()
    };
    // Each packet's bytes, then its records, as the loader hands them over.
    let items: RefCell<Vec<Result<Record, Vec<u8>>>> = RefCell::new(Vec::new());
    let mut sink = |r: Record| items.borrow_mut().push(Ok(r));
    let mut bytes = |_: u64, b: &[u8]| items.borrow_mut().push(Err(b.to_vec()));
    analyze_with_bytes(&mut reader, &opts, &mut sink, &mut bytes).unwrap();
    let items = items.into_inner();
    let mut app = App::new("fastapi-echo.pcap");
    let expr = "websocket.opcode == 1 && ws.payload_length > 20";
    app.apply_filter(Filter {
        expr: Expression::parse(expr).ok(),
        ..Filter::default()
    });
    // Batches of 7 records: a batch often ends between a frame and its
    // packet record, whose row then waits for the next batch.
    let mut seen = Vec::new();
    for chunk in items.chunks(7) {
        for it in chunk {
            match it {
                Ok(r) => app.push_record(r.clone()),
                Err(b) => app.push_bytes(b.clone()),
            }
        }
        app.end_batch();
        let now = app.visible_frames();
        assert!(
            now.starts_with(&seen),
            "rows only get added: {seen:?} → {now:?}"
        );
        seen = now;
    }
    assert_eq!(seen, vec![10, 11, 14, 15, 19, 23], "before the end");
    assert!(render(&mut app, 80, 24).contains("reading"));
    app.finish(None);
    assert_eq!(app.visible_frames(), seen);
}

#[test]
fn snapshots_of_the_form() {
    let mut app = echo();
    press(
        &mut app,
        "f<Down><Right><Up><Up>websocket.opcode == 1 && tcp.stream == 0",
    );
    insta::assert_snapshot!("form_valid_100x30", render(&mut app, 100, 30));
    insta::assert_snapshot!("form_valid_80x24", render(&mut app, 80, 24));
    press(&mut app, "<C-u>tcp.port == \"8080\"");
    insta::assert_snapshot!("form_invalid_100x30", render(&mut app, 100, 30));
    insta::assert_snapshot!("form_invalid_80x24", render(&mut app, 80, 24));
    press(&mut app, "<C-u>websocket.payload_length > 100<Enter>");
    insta::assert_snapshot!("filtered_80x24", render(&mut app, 80, 24));
}

/// The background colour of the form's field holding `text`.
fn field_colour(t: &ratatui::Terminal<ratatui::backend::TestBackend>, text: &str) -> Color {
    let screen = t.backend().to_string();
    let (y, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(text))
        .unwrap_or_else(|| panic!("{text:?} not on screen:\n{screen}"));
    let x = line
        .chars()
        .collect::<Vec<_>>()
        .windows(text.chars().count())
        .position(|w| w.iter().collect::<String>() == text)
        .unwrap();
    // The backend's text quotes each line: column x in the line is x - 1.
    t.backend().buffer()[(x as u16 - 1, y as u16)].bg
}

/// A new filter on a capture of many rows is applied a time slice at a
/// time (issue 16: the keys are answered while a filter reads every record
/// back from the records file): cut into the shortest slices, it shows the
/// same rows as in one pass, the status says how far it is meanwhile, and
/// the selected row is selected again once it is reached.
#[test]
fn a_filter_applied_in_slices_shows_the_same_rows_and_keeps_the_selection() {
    use common::mean::{frame_header, ws_connection};
    let (mut pcap, mut c) = ws_connection("", "");
    for i in 0..3000 {
        let text = format!("tick {i}");
        let mut f = frame_header(true, false, 1, text.len() as u64, false);
        f.extend(text.bytes());
        c.send(&mut pcap, i % 2 == 1, &f);
    }
    c.close(&mut pcap);
    let path = std::env::temp_dir().join(format!("wsdissect-slices-{}.pcap", std::process::id()));
    std::fs::write(&path, &pcap.bytes).unwrap();
    let expr = r#"websocket.payload.text matches "7$""#;
    let mut whole = load(&path);
    let want = tui_packets(&mut whole, expr);
    assert_eq!(want.len(), 300, "tick 7, 17, …");
    let mut app = load(&path);
    std::fs::remove_file(&path).unwrap();
    // Select a row far down: the 2 000th frame's.
    let target = app.visible_frames()[2000];
    let pos = app
        .visible_frames()
        .iter()
        .position(|&f| f == target)
        .unwrap();
    app.select_pos(pos);
    app.set_time_slice(std::time::Duration::ZERO);
    let with_it = format!("{expr} || frame.number == {target}");
    app.apply_filter(Filter {
        expr: Some(Expression::parse(&with_it).unwrap()),
        ..Filter::default()
    });
    assert!(app.filtering(), "cut short at once");
    assert_eq!(app.selected_pos(), None, "its row is not reached yet");
    assert_eq!(app.selected().map(|s| s.no), Some(target), "but kept");
    let mut ticks = 0;
    let mut said = false;
    while app.busy() {
        said |= app.status().is_some_and(|s| s.starts_with("Filtering: "));
        app.tick();
        ticks += 1;
        assert!(ticks < 10_000);
    }
    assert!(ticks > 10, "{ticks} slices");
    assert!(said, "the status showed the progress");
    assert!(app.status().is_none(), "and is cleared at the end");
    let mut with_target = want.clone();
    with_target.insert(target);
    assert_eq!(shown(&app), with_target);
    assert_eq!(app.selected().map(|s| s.no), Some(target), "selected again");
    let at = app.visible_frames().iter().position(|&f| f == target);
    assert_eq!(app.selected_pos(), at);
}
