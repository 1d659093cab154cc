//! The whole pipeline on arbitrary bytes behind a valid pcap file header.
//!
//! Byte 0 picks the link type, byte 1 the header variant (byte order,
//! nanoseconds), byte 2 the analysis options; the rest are the records.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wsdissect_fuzz::{options, pcap_header, run_pipeline, LINK_TYPES};

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let link = LINK_TYPES[usize::from(data[0]) % LINK_TYPES.len()];
    let mut bytes = pcap_header(link, data[1]);
    bytes.extend_from_slice(&data[3..]);
    run_pipeline(bytes, &options(data[2]), data[2] & 16 != 0);
});
