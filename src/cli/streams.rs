//! `wsdissect streams`: one row per TCP connection.

use std::io::{self, Write};

use crate::analyze::{analyze, Options};
use crate::capture::CaptureReader;
use crate::model::{Record, StreamSummary};
use crate::tls::TlsSummary;

use super::finish;

/// Runs `streams`; returns the exit code.
pub fn run(reader: &mut CaptureReader, opts: &Options, json: bool) -> i32 {
    // One row per `stream` record: each counts every packet of its
    // connection, as Wireshark's conversation table does.
    let mut rows: Vec<StreamSummary> = Vec::new();
    let mut sink = |rec: Record| {
        if let Record::Stream(s) = rec {
            rows.push(*s)
        }
    };
    let res = analyze(reader, opts, &mut sink);
    rows.sort_by_key(|r| r.tcp.info.stream);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let r = if json {
        write_json(&mut out, &rows)
    } else {
        write_table(&mut out, &rows)
    };
    if let Err(e) = r {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("wsdissect: cannot write output: {e}");
        }
    }
    finish(res)
}

fn write_json<W: Write>(out: &mut W, rows: &[StreamSummary]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, rows)?;
    writeln!(out)
}

/// "1.3 ✓ localhost h2": version, decrypted or not, SNI, ALPN.
fn tls_words(t: &TlsSummary) -> String {
    let mut s = t
        .version_name
        .map_or("TLS ?".to_string(), |v| v.to_string());
    s.push_str(if t.decrypted { " ✓" } else { " ✗" });
    if let Some(sni) = &t.sni {
        s.push(' ');
        s.push_str(sni);
    }
    if let Some(alpn) = &t.alpn {
        s.push(' ');
        s.push_str(alpn);
    }
    s
}

fn write_table<W: Write>(out: &mut W, rows: &[StreamSummary]) -> io::Result<()> {
    writeln!(
        out,
        "{:>6}  {:<24} {:<24} {:>7} {:>7} {:>6} {:>6} {:>9} {:>9} {:>5}  {:<10} {:<24} first payload",
        "stream",
        "client",
        "server",
        "first",
        "last",
        "pkts→",
        "pkts←",
        "bytes→",
        "bytes←",
        "gaps",
        "protocol",
        "tls"
    )?;
    for r in rows {
        let t = &r.tcp;
        let client = format!(
            "{}{}",
            t.info.client,
            if t.info.roles_guessed { "?" } else { "" }
        );
        writeln!(
            out,
            "{:>6}  {:<24} {:<24} {:>7} {:>7} {:>6} {:>6} {:>9} {:>9} {:>5}  {:<10} {:<24} {}",
            t.info.stream,
            client,
            t.info.server.to_string(),
            t.info.first_frame,
            t.last_frame,
            t.dirs[0].packets,
            t.dirs[1].packets,
            t.dirs[0].bytes,
            t.dirs[1].bytes,
            t.dirs[0].gaps + t.dirs[1].gaps,
            r.protocol.name(),
            r.tls.as_ref().map(tls_words).unwrap_or_else(|| "-".into()),
            r.first_payload.as_deref().unwrap_or("")
        )?;
    }
    Ok(())
}
