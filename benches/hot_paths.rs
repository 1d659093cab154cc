//! Hot paths of the pipeline (docs/performance.md): frame header parsing,
//! unmasking, TCP reassembly, decompression, JSON output of a payload.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

use wsdissect::capture::Timestamp;
use wsdissect::net::{Reassembler, ReassemblyConfig, TcpEvent, TcpFlags, TcpInfo};
use wsdissect::ws::deflate::{Deflater, Inflater};
use wsdissect::ws::frame::FrameHeader;
use wsdissect::ws::mask::unmask;

fn frame_header(c: &mut Criterion) {
    let headers: [(&str, Vec<u8>); 3] = [
        ("7-bit masked", vec![0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d]),
        ("16-bit", vec![0x82, 0x7e, 0x01, 0x00]),
        (
            "64-bit masked",
            vec![0x82, 0xff, 0, 0, 0, 0, 0, 1, 0, 0, 1, 2, 3, 4],
        ),
    ];
    let mut g = c.benchmark_group("frame_header_parse");
    for (name, h) in &headers {
        g.bench_function(*name, |b| b.iter(|| FrameHeader::parse(black_box(h))));
    }
    g.finish();
}

fn unmasking(c: &mut Criterion) {
    let mut g = c.benchmark_group("unmask");
    for size in [125usize, 4096, 65536] {
        let mut data = vec![0xa5u8; size];
        g.throughput(Throughput::Bytes(size as u64));
        g.bench_with_input(BenchmarkId::new("word-at-a-time", size), &size, |b, _| {
            b.iter(|| unmask(black_box(&mut data), [1, 2, 3, 4], 1))
        });
        g.bench_with_input(
            BenchmarkId::new("byte-by-byte reference", size),
            &size,
            |b, _| {
                b.iter(|| {
                    let k = [1u8, 2, 3, 4];
                    for (i, x) in black_box(&mut data).iter_mut().enumerate() {
                        *x ^= k[(i + 1) % 4];
                    }
                })
            },
        );
    }
    g.finish();
}

fn reassembly(c: &mut Criterion) {
    // 1 MiB in 1448-byte segments, every 8th pair swapped (out of order).
    let data = vec![0x42u8; 1 << 20];
    let seg = 1448;
    let mut order: Vec<usize> = (0..data.len().div_ceil(seg)).collect();
    for i in (0..order.len() - 1).step_by(8) {
        order.swap(i, i + 1);
    }
    let info = |seq: u32, len: usize, syn: bool| TcpInfo {
        src: "10.0.0.1:40000".parse().unwrap(),
        dst: "10.0.0.2:80".parse().unwrap(),
        seq,
        ack: 1,
        flags: TcpFlags {
            syn,
            ack: !syn,
            ..TcpFlags::default()
        },
        window: 1000,
        header: 0..20,
        payload: 40..40 + len,
        wire_payload_len: len as u32,
    };
    let mut g = c.benchmark_group("reassembly");
    g.throughput(Throughput::Bytes(data.len() as u64));
    g.bench_function("1 MiB, 1/8 out of order", |b| {
        b.iter(|| {
            let mut r = Reassembler::new(ReassemblyConfig::default());
            let mut bytes = 0usize;
            let mut sink = |ev: TcpEvent<'_>| {
                if let TcpEvent::Data { chunk, .. } = ev {
                    bytes += chunk.data.len();
                }
            };
            r.segment(1, Timestamp::default(), &info(0, 0, true), &[], &mut sink);
            for (n, &k) in order.iter().enumerate() {
                let lo = k * seg;
                let hi = (lo + seg).min(data.len());
                r.segment(
                    n as u64 + 2,
                    Timestamp::default(),
                    &info(1 + lo as u32, hi - lo, false),
                    &data[lo..hi],
                    &mut sink,
                );
            }
            r.finish(&mut sink);
            assert_eq!(bytes, data.len());
        })
    });
    g.finish();
}

fn decompression(c: &mut Criterion) {
    let text: String = (0..2000)
        .map(|i| format!("{{\"seq\":{i},\"v\":\"hello world\"}}"))
        .collect();
    let mut d = Deflater::new(6, false);
    let wire = d.compress_message(text.as_bytes());
    let mut g = c.benchmark_group("inflate");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("permessage-deflate JSON message", |b| {
        b.iter(|| {
            let mut inf = Inflater::new(true);
            inf.decompress_message(black_box(&wire), 16 << 20).unwrap()
        })
    });
    g.finish();
}

fn json_output(c: &mut Criterion) {
    let text: String = (0..2000)
        .map(|i| format!("{{\"seq\":{i},\"v\":\"hello world\"}}"))
        .collect();
    let bytes = vec![0x5au8; 65536];
    let mut g = c.benchmark_group("json_output");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("escape JSON text (fast path)", |b| {
        b.iter(|| {
            let mut s = String::new();
            wsdissect::model::json_string_into(&mut s, black_box(&text));
            s
        })
    });
    g.bench_function("escape JSON text (serde_json)", |b| {
        b.iter(|| serde_json::to_string(black_box(&text)).unwrap())
    });
    // Text with an escape every 90 bytes or so, as in the benchmark
    // capture's long messages (docs/performance.md): mostly whole blocks.
    let prose: String = (0..600)
        .map(|i| format!("line {i}: the quick brown fox jumps over the lazy dog, again, and again, and again.\n"))
        .collect();
    g.throughput(Throughput::Bytes(prose.len() as u64));
    g.bench_function("escape prose (sparse escapes)", |b| {
        b.iter(|| {
            let mut s = String::new();
            wsdissect::model::json_string_into(&mut s, black_box(&prose));
            s
        })
    });
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("base64 64 KiB (fast path)", |b| {
        b.iter(|| {
            let mut v = Vec::new();
            wsdissect::model::base64_into(&mut v, black_box(&bytes));
            v
        })
    });
    g.finish();
}

criterion_group!(
    benches,
    frame_header,
    unmasking,
    reassembly,
    decompression,
    json_output
);
criterion_main!(benches);
