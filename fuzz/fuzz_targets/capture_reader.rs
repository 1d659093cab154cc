//! The capture reader on arbitrary bytes: open, then walk every packet.
#![no_main]

use std::io::Cursor;
use std::ops::ControlFlow;

use libfuzzer_sys::fuzz_target;
use wsdissect::capture::CaptureReader;

fuzz_target!(|data: &[u8]| {
    let Ok(mut r) = CaptureReader::from_reader("fuzz", Cursor::new(data.to_vec())) else {
        return;
    };
    let mut last = 0u64;
    let mut sum = 0u64;
    let _ = r.for_each_packet(|p| {
        // Frame numbers count up by one; every packet lies inside the file.
        assert_eq!(p.number, last + 1);
        last = p.number;
        assert!(p.file_offset < data.len() as u64);
        assert!(p.data.len() <= data.len());
        sum = sum.wrapping_add(p.data.iter().map(|&b| u64::from(b)).sum::<u64>());
        let _ = p.ts.to_string();
        ControlFlow::Continue(())
    });
    std::hint::black_box(sum);
});
