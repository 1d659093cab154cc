//! The whole pipeline on arbitrary bytes behind a valid pcapng section
//! header and interface description.
//!
//! Byte 0 picks the link type, byte 1 the interface's `if_tsresol` (0 = no
//! option), byte 2 the analysis options; the rest are blocks.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wsdissect_fuzz::{options, pcapng_header, run_pipeline, LINK_TYPES};

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let link = LINK_TYPES[usize::from(data[0]) % LINK_TYPES.len()];
    let tsresol = (data[1] != 0).then_some(data[1]);
    let mut bytes = pcapng_header(link, tsresol);
    bytes.extend_from_slice(&data[3..]);
    run_pipeline(bytes, &options(data[2]), data[2] & 16 != 0);
});
