//! HTTP messages where Wireshark lists them, on every capture.
//!
//! An `http` record's `frame` is the packet that completes the message, body
//! included: the packet tshark marks `http.request` or `http.response`. The
//! oracles (`NAME.http.tsv`, `samples/tools/write_oracles.py --only http`,
//! beside the samples and under `tests/oracles/tcp/` for the public corpus)
//! list those packets; this checks that the set of `frame`s of the `http`
//! records of each capture is exactly theirs, and how many messages each
//! packet completes.

use crate::common;

use std::collections::BTreeMap;

#[test]
fn http_records_are_at_the_packets_tshark_lists_as_http() {
    let mut bad = Vec::new();
    let mut checked = 0;
    for (cap, oracle) in common::corpus_with(".http.tsv", "tests/oracles/tcp") {
        let mut want = BTreeMap::<u64, usize>::new();
        for row in common::read_tsv(&oracle) {
            let n = row["method_or_code"].split(',').count();
            *want.entry(row["frame"].parse().unwrap()).or_default() += n;
        }
        let mut reader = wsdissect::capture::CaptureReader::open(&cap.to_string_lossy()).unwrap();
        let opts = common::options_for(&cap);
        let mut got = BTreeMap::<u64, usize>::new();
        let mut sink = |r: wsdissect::model::Record| {
            if let wsdissect::model::Record::Http(h) = &r {
                *got.entry(h.frame).or_default() += 1;
            }
        };
        let _ = wsdissect::analyze::analyze(&mut reader, &opts, &mut sink);
        checked += want.len();
        if want != got {
            bad.push(format!(
                "{}:\n  tshark    {want:?}\n  wsdissect {got:?}",
                cap.display()
            ));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    assert!(checked > 50, "only {checked} HTTP packets checked");
}

/// The HTTP records of a capture, as JSON.
fn http_records(recs: &[serde_json::Value]) -> Vec<&serde_json::Value> {
    recs.iter().filter(|r| r["type"] == "http").collect()
}

#[test]
fn the_course_page_and_its_javascript_are_readable_from_the_model() {
    let recs = common::records_of(&common::samples_dir().join("browser-fastapi.pcap"));
    let page = http_records(&recs)
        .into_iter()
        .find(|r| r["status"] == 200)
        .expect("the page's 200 OK");
    // tshark lists the response at the packet that completes its body
    assert_eq!(page["frame"], 11);
    assert_eq!(page["head_frame"], 9);
    let body = &page["body"];
    assert_eq!(body["content_type"], "text/html; charset=utf-8");
    assert_eq!(body["complete"], true);
    let html = body["text"].as_str().unwrap();
    assert!(html.starts_with("<!doctype html>"), "{html:.80}");
    assert!(html.contains("<script>") && html.contains("new WebSocket("));
    assert_eq!(body["length"].as_u64().unwrap() as usize, html.len());
    assert_eq!(body["wire_length"], body["length"]);
}

fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

#[test]
fn a_chunked_gzip_body_is_decoded_and_the_message_is_at_its_last_packet() {
    let json = br#"{"messages": ["hei", "maailma"], "count": 2}"#;
    let z = gzip(json);
    let (a, b) = z.split_at(z.len() / 2);
    let mut head_and_first = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
        Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
        .to_vec();
    head_and_first.extend_from_slice(format!("{:x}\r\n", a.len()).as_bytes());
    head_and_first.extend_from_slice(a);
    head_and_first.extend_from_slice(b"\r\n");
    let mut second = format!("{:x}\r\n", b.len()).into_bytes();
    second.extend_from_slice(b);
    second.extend_from_slice(b"\r\n");
    let pcap = common::build_pcap(&[
        (true, b"GET /api HTTP/1.1\r\nHost: x\r\n\r\n".to_vec()),
        (false, head_and_first),
        (false, second),
        (false, b"0\r\n\r\n".to_vec()),
    ]);
    let recs = common::records(pcap);
    let http = http_records(&recs);
    assert_eq!(http.len(), 2);
    let resp = http[1];
    // frames 1-2 are SYN and SYN-ACK, 3 the request; the response head is
    // in 4, its body ends in 6
    assert_eq!(resp["frame"], 6);
    assert_eq!(resp["head_frame"], 4);
    assert_eq!(resp["frames"], serde_json::json!([4]));
    let body = &resp["body"];
    assert_eq!(body["text"].as_str().unwrap().as_bytes(), json);
    assert_eq!(body["chunked"], true);
    assert_eq!(body["content_encoding"], "gzip");
    assert_eq!(body["complete"], true);
    assert!(body.get("problem").is_none());
}

#[test]
fn a_body_with_bytes_missing_says_so_and_keeps_what_came() {
    let pcap = common::build_pcap_lossy(
        &[
            (
                true,
                b"POST /form HTTP/1.1\r\nContent-Length: 10\r\n\r\nabcde".to_vec(),
            ),
            (true, b"fghij".to_vec()),
            (false, b"HTTP/1.1 204 No Content\r\n\r\n".to_vec()),
        ],
        &[1],
    );
    let recs = common::records(pcap);
    let http = http_records(&recs);
    let req = http.iter().find(|r| r["method"] == "POST").unwrap();
    let body = &req["body"];
    assert_eq!(body["text"], "abcde");
    assert_eq!(body["complete"], false);
    assert!(
        body["problem"]
            .as_str()
            .unwrap()
            .contains("not all of the body"),
        "{body}"
    );
    // the 204 has no body and is listed at once
    let resp = http.iter().find(|r| r["status"] == 204).unwrap();
    assert!(resp.get("body").is_none());
    assert_eq!(resp["frame"], resp["head_frame"]);
}

/// The crafted capture's HTTP connection (tcp.stream 4), where tshark lists
/// each message at the packet completing it (its oracle): the bodies decode.
#[test]
fn bodies_of_the_crafted_http_connection_decode() {
    let cap = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/oracles/tcp/crafted/tcp-analysis.pcap");
    let recs = common::records_of(&cap);
    let http = http_records(&recs);
    let body = |frame: u64| &http.iter().find(|r| r["frame"] == frame).unwrap()["body"];
    assert_eq!(body(51)["text"], "name=Ada+Lovelace&course=networks");
    let json = body(56);
    assert_eq!(
        json["text"],
        r#"{"messages": ["hei", "maailma"], "count": 2}"#.repeat(20)
    );
    assert_eq!(
        (json["chunked"].clone(), json["complete"].clone()),
        (true.into(), true.into())
    );
    let page = body(59);
    assert_eq!(page["content_encoding"], "gzip");
    assert!(page["text"]
        .as_str()
        .unwrap()
        .starts_with("<!doctype html>"));
    assert!(page["wire_length"].as_u64() < page["length"].as_u64());
}
