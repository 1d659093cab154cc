//! permessage-deflate: decompression of arbitrary messages under a small cap,
//! and parameter negotiation on arbitrary extension lists.
//!
//! Byte 0: bit 0 no context takeover, bit 1 negotiate instead of inflate;
//! bytes 1-2: the cap (0..=65535). The rest is split into messages at each
//! `0xff 0x00 0xff` marker and inflated in turn with one inflater, so
//! context takeover across messages is exercised.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wsdissect::ws::deflate::{check_response, negotiate, parse_offer, InflateError, Inflater};
use wsdissect::ws::extensions::parse_extensions;

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let mode = data[0];
    let cap = usize::from(u16::from_be_bytes([data[1], data[2]]));
    let rest = &data[3..];
    if mode & 2 != 0 {
        let text = String::from_utf8_lossy(rest);
        if let Ok(exts) = parse_extensions(&text) {
            let offers: Vec<_> = exts.iter().filter_map(|e| parse_offer(e).ok()).collect();
            if let Ok(Some(p)) = negotiate(&exts) {
                let _ = check_response(&offers, &p);
            }
        }
        return;
    }
    let mut inf = Inflater::new(mode & 1 != 0);
    let mut start = 0;
    let mut i = 0;
    let mut msgs = Vec::new();
    while i + 3 <= rest.len() {
        if rest[i..i + 3] == [0xff, 0x00, 0xff] {
            msgs.push(&rest[start..i]);
            start = i + 3;
            i += 3;
        } else {
            i += 1;
        }
    }
    msgs.push(&rest[start..]);
    for m in msgs {
        match inf.decompress_message(m, cap) {
            Ok(out) => {
                assert!(out.len() <= cap);
                // Memory stays within the cap (plus the one byte that detects
                // overflow).
                assert!(out.capacity() <= cap.saturating_add(1));
            }
            Err(InflateError::CapExceeded { cap: c }) => assert_eq!(c, cap),
            Err(_) => {}
        }
    }
});
