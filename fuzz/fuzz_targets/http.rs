//! HTTP heads, chunked bodies and extension lists on arbitrary bytes.
//!
//! Byte 0 picks where the input is split for the incremental paths
//! (`find_head_end` resumed from a later position, `ChunkedSkipper` fed in
//! two pieces); the rest is the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wsdissect::http::handshake::{check_request, check_response};
use wsdissect::http::{
    find_head_end, looks_like_request, looks_like_response, parse_request, parse_response,
    parse_token_list, ChunkedSkipper, HttpError,
};
use wsdissect::ws::extensions::parse_extensions;

fuzz_target!(|input: &[u8]| {
    let Some((&split, data)) = input.split_first() else {
        return;
    };
    let cut = usize::from(split).min(data.len());

    // Incremental search finds the same end as a search from the start.
    let whole = find_head_end(data, 0);
    let first = find_head_end(&data[..cut], 0);
    let inc = first.or_else(|| find_head_end(data, cut.saturating_sub(3)));
    assert_eq!(whole, inc, "incremental find_head_end disagrees");
    if let Some(end) = whole {
        assert!(end <= data.len());
    }
    let _ = looks_like_request(data);
    let _ = looks_like_response(data);

    let head = &data[..whole.unwrap_or(data.len())];
    let req = parse_request(head);
    let resp = parse_response(head);
    for r in [&req, &resp] {
        match r {
            Ok(h) => {
                assert!(h.head_len <= head.len());
                for f in &h.headers {
                    assert!(f.range.end <= h.head_len);
                    assert!(f.name_range.end <= f.range.end);
                    let _ = h.header(&f.name);
                }
                let _ = h.body_kind(false);
                let _ = h.body_kind(true);
                let _ = h.content_length();
                let _ = h.has_token("connection", "upgrade");
            }
            Err(HttpError::Invalid { offset, .. }) => assert!(*offset <= head.len()),
            Err(HttpError::Incomplete) => {}
        }
    }
    if let (Ok(q), Ok(s)) = (&req, &resp) {
        let offer = check_request(q);
        let _ = check_response(&offer, s);
    }
    if let Ok(q) = &req {
        let offer = check_request(q);
        let _ = check_response(&offer, q);
    }

    // A chunked body fed in two pieces behaves like one piece.
    let mut one = ChunkedSkipper::new();
    let r1 = one.feed(data);
    let mut two = ChunkedSkipper::new();
    let a = two.feed(&data[..cut]);
    let r2 = match a {
        Ok(p) if p.done => Ok((p.consumed, true)),
        Ok(p) => {
            assert_eq!(p.consumed, cut);
            two.feed(&data[cut..])
                .map(|q| (p.consumed + q.consumed, q.done))
        }
        Err(e) => Err(e),
    };
    match (r1, r2) {
        (Ok(p), Ok((n, done))) => {
            assert!(p.consumed <= data.len());
            assert_eq!((p.consumed, p.done), (n, done), "chunked split disagrees");
        }
        (Err(e1), Err(e2)) => assert_eq!(e1, e2),
        (x, y) => panic!("chunked split disagrees: {x:?} vs {y:?}"),
    }

    let text = String::from_utf8_lossy(data);
    if let Ok(exts) = parse_extensions(&text) {
        for e in &exts {
            let _ = e.param("client_max_window_bits");
        }
    }
    let _ = parse_token_list(&text);
});
