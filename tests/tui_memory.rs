//! The TUI's memory does not grow with the bytes of the capture (issue 16):
//! packet bytes are read back from the file, long payloads and messages
//! live in the spill file. Measured with the counting allocator: the heap
//! the TUI holds per list row is bounded whatever the payload sizes, and
//! every payload still reads back exactly. Figures on big captures:
//! docs/performance.md (bench/tui_timing.sh).
#![cfg(feature = "tui")]

mod common;

use common::mean::*;
use wsdissect::analyze::Options;
use wsdissect::tui::App;

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

/// The capture reader's fixed buffer, allocated by every analysis.
const READER_BUFFER: usize = 16 * MIB;
/// Heap allowed per list row (packet, HTTP head or WebSocket frame): its
/// records and look-up entries, never its bytes.
const BYTES_PER_ROW: usize = 1024;
/// Fixed costs besides the reader buffer: the spill's write buffer, the
/// dissector's working buffers, the tables' initial sizes.
const FIXED: usize = 8 * MIB;

/// A WebSocket connection whose server sends `frames` text frames of
/// `payload` bytes each, in 1448-byte segments.
fn capture(frames: usize, payload: usize) -> Vec<u8> {
    let (mut pcap, mut c) = ws_connection("", "");
    let mut rng = Rng::new(7);
    for _ in 0..frames {
        let mut f = frame_header(true, false, 1, payload as u64, false);
        f.extend((0..payload).map(|_| b'a' + (rng.next_u64() % 26) as u8));
        c.send_segmented(&mut pcap, false, &f, 1448);
    }
    c.close(&mut pcap);
    pcap.bytes
}

fn load(name: &str, bytes: &[u8]) -> (App, usize) {
    let path = std::env::temp_dir().join(format!("wsdissect-{}-{name}.pcap", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    let (app, peak) =
        peak_during(|| App::load(path.to_str().unwrap(), &Options::default()).unwrap());
    std::fs::remove_file(&path).unwrap();
    (app, peak)
}

#[test]
fn the_tui_holds_a_bounded_number_of_bytes_per_row_whatever_the_payloads() {
    let _g = serial();
    // 12 MiB of payload in 400 frames of 32 KiB, 9 000 packets.
    let big = capture(400, 32 << 10);
    let (app, peak) = load("big", &big);
    let rows = app.index().rows.len();
    assert!(rows > 8_000, "{rows} rows");
    let per_row = peak.saturating_sub(READER_BUFFER + FIXED) / rows;
    assert!(
        per_row <= BYTES_PER_ROW,
        "{per_row} bytes per row ({peak} bytes at the peak for {rows} rows and a {}-byte capture)",
        big.len()
    );
    assert!(
        peak < READER_BUFFER + FIXED + big.len() / 2,
        "the TUI held {peak} bytes for a {}-byte capture",
        big.len()
    );
    // And every payload still reads back whole, from the spill.
    let d = app.dissection();
    let frames = &app.index().frames;
    assert_eq!(frames.len(), 400);
    for f in frames.iter() {
        let f = &*f;
        assert_eq!(app.index().payload_len(d, f), 32 << 10);
        let p = app.index().payload(d, f, usize::MAX);
        assert_eq!(p.len(), 32 << 10);
        assert!(p.iter().all(|b| b.is_ascii_lowercase()));
    }
}

/// The TUI's worst case per byte (bench/tiny_frames.py): one short text
/// frame per packet, client frames masked, answered by the server.
fn tiny_frames(frames: usize) -> Vec<u8> {
    alternating_text_frames(frames, |i| format!("tick {i}"))
}

/// Heap the TUI holds per list row once a capture of tiny frames is loaded
/// (issue 16): each packet of one short frame is two rows (the packet and
/// the frame) and three records (packet, frame, message). The records live
/// in the records file (`tui::records`), so what stays is the row (16
/// bytes), the packet's place in the capture (12), the frame and message
/// look-ups (4 + 4): 26 bytes per row, plus the decoded chunks and write
/// buffers, fixed. It was 762 bytes per row with the records on the heap,
/// 499 with their vectors compacted, 45 now (docs/performance.md).
const TINY_BYTES_PER_ROW: usize = 64;

#[test]
fn tiny_frames_cost_a_bounded_number_of_bytes_per_row() {
    let _g = serial();
    let cap = tiny_frames(100_000);
    let base = current();
    let (app, peak) = load("tiny", &cap);
    let held = current().saturating_sub(base);
    let d = app.dissection();
    let ix = app.index();
    assert_eq!(
        (ix.packets.len(), ix.frames.len(), ix.messages.len()),
        (100_006, 100_000, 100_000)
    );
    let rows = ix.rows.len();
    assert_eq!(rows, 200_008);
    let per_row = held / rows;
    assert!(
        per_row <= TINY_BYTES_PER_ROW,
        "{per_row} bytes per row held ({held} bytes for {rows} rows, peak {peak})"
    );
    assert!(
        peak.saturating_sub(READER_BUFFER + FIXED) / rows <= BYTES_PER_ROW,
        "peak {peak} bytes for {rows} rows"
    );
    // Compacting changed no value: the last frame and its message read back.
    let f = ix.frames.last().unwrap();
    assert_eq!(&*ix.payload(d, &f, usize::MAX), b"tick 99999");
    let m = ix.messages.last().unwrap();
    assert_eq!(&*ix.message_bytes(d, &m, usize::MAX), b"tick 99999");
    assert_eq!(f.spans.len(), 1);
}
