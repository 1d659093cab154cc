//! Frame headers and close payloads on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wsdissect::ws::frame::{
    close_code_name, close_code_validity, parse_close_payload, FrameHeader, HeaderError,
};
use wsdissect::ws::frame::{first_byte_violations, FrameContext};

fuzz_target!(|data: &[u8]| {
    match FrameHeader::parse(data) {
        Ok(h) => {
            let hl = usize::from(h.header_len);
            assert!((2..=14).contains(&hl) && hl <= data.len());
            // The header re-encodes to exactly the bytes it was parsed from.
            let mut enc = Vec::new();
            h.encode(&mut enc);
            assert_eq!(&enc[..], &data[..hl]);
            let r = h.field_ranges();
            assert_eq!(r.header.end, hl);
            for (from_client, deflate) in [(Some(true), false), (Some(false), true), (None, true)] {
                let ctx = FrameContext {
                    from_client,
                    deflate,
                };
                let _ = h.violations(ctx).count();
            }
            let _ = first_byte_violations(data[0], true).count();
            let _ = h.frame_len();
            let _ = h.is_minimal_length();
            let _ = h.length_top_bit_set();
            let _ = h.opcode_kind().name();
            // Every proper prefix asks for more bytes.
            for cut in 0..hl {
                assert!(matches!(
                    FrameHeader::parse(&data[..cut]),
                    Err(HeaderError::Incomplete { needed }) if needed > cut
                ));
            }
        }
        Err(HeaderError::Incomplete { needed }) => assert!(needed > data.len()),
    }
    if let Ok(c) = parse_close_payload(data) {
        assert_eq!(&data[c.reason_range()], c.reason);
        if let Some(code) = c.code {
            let _ = close_code_name(code);
            let _ = close_code_validity(code);
        }
        let _ = c.reason_str();
    }
});
