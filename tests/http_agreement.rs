//! HTTP messages where Wireshark lists them, on every capture.
//!
//! An `http` record's `frame` is the packet that completes the message, body
//! included: the packet tshark marks `http.request` or `http.response`. The
//! oracles (`NAME.http.tsv`, `samples/tools/write_oracles.py --only http`,
//! beside the samples and under `tests/oracles/tcp/` for the public corpus)
//! list those packets; this checks that the set of `frame`s of the `http`
//! records of each capture is exactly theirs, and how many messages each
//! packet completes.

mod common;

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
