//! The whole pipeline on one or two TCP connections described segment by
//! segment (see `wsdissect_fuzz::tcp_capture`): reassembly, HTTP, WebSocket
//! and permessage-deflate states, with valid capture and IP/TCP headers.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wsdissect_fuzz::{run_pipeline, tcp_capture};

fuzz_target!(|data: &[u8]| {
    if let Some((opts, render, pcap)) = tcp_capture(data) {
        run_pipeline(pcap, &opts, render);
    }
});
