//! What dissecting a frame costs the allocator (issue 16 item 3: `dump`'s
//! dissecting thread sets its pace, and every block it allocates is freed
//! on the writer thread). A small frame in one packet and its one-frame
//! message take a few allocations: the two boxed records and the payload
//! (shared by the two); their packet lists, spans, header bytes, masked
//! sample and the message's frame list live inside the records
//! (docs/performance.md, seventh pass).

mod common;

use common::mean::*;
use wsdissect::analyze::Options;

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

/// Allocations of a whole analysis of `frames` frames, the capture's own
/// bytes made before counting.
fn allocations_for(frames: usize) -> usize {
    let bytes =
        alternating_text_frames(frames, |i| format!("tick {i:06}, and some words after it"));
    let before = allocations();
    let (t, _) = tally("allocs", bytes, &Options::default());
    let after = allocations();
    let t = t.unwrap();
    assert_eq!(t.frames, frames as u64, "every frame dissected");
    after - before
}

#[test]
fn a_small_frame_and_its_message_take_at_most_four_allocations() {
    let _g = serial();
    // The difference of two runs leaves out the fixed costs (buffers,
    // tables, the connection).
    let few = allocations_for(1_000);
    let many = allocations_for(5_000);
    let per_frame = (many - few) as f64 / 4_000.0;
    // Box<WsFrame>, the payload, the payload's shared handle (the message
    // holds the frame's bytes), Box<WsMessage>: 3.4 measured. Any one of
    // the lists on the heap again adds one per frame (all of them: 6.4).
    assert!(
        per_frame <= 4.0,
        "{per_frame:.2} allocations per frame and message"
    );
}
