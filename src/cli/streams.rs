//! `wsdissect streams`: one row per TCP connection.

use std::io::{self, Write};

use crate::analyze::{analyze, Options};
use crate::capture::CaptureReader;
use crate::model::{Record, StreamSummary};
use crate::tls::TlsSummary;

use super::finish;
use super::style::Paint;
use crate::i18n::L10n;
use crate::model::Direction;
use crate::tr;

/// Runs `streams` on every capture; returns the exit code. One capture:
/// its table (or JSON array). Several: a `# FILE` line before each table,
/// or one JSON array whose rows carry `file`.
pub fn run(paths: &[String], opts: &Options, json: bool, paint: Paint) -> i32 {
    super::tune_allocator();
    let l = L10n::get(opts.dissect.lang);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut all: Vec<serde_json::Value> = Vec::new();
    let mut broken = false;
    let code = super::files::for_each_capture(paths, true, l, |reader, label| {
        let (rows, code) = collect(reader, opts);
        if json {
            for r in &rows {
                let mut v = serde_json::to_value(r).unwrap_or_default();
                if let (Some(f), Some(m)) = (label, v.as_object_mut()) {
                    m.insert("file".into(), f.into());
                }
                all.push(v);
            }
        } else if !broken {
            let r = label
                .map_or(Ok(()), |f| writeln!(out, "# {f}"))
                .and_then(|()| write_table(&mut out, &rows, paint, l));
            broken = report(r, l);
        }
        code
    });
    if json && !broken {
        report(write_json(&mut out, &all), l);
    }
    code
}

/// Reports a write error (quietly for a closed pipe); true if there was one.
fn report(r: io::Result<()>, l: &L10n) -> bool {
    match r {
        Ok(()) => false,
        Err(e) => {
            if e.kind() != io::ErrorKind::BrokenPipe {
                eprintln!(
                    "wsdissect: {}",
                    tr!(l, "cli-cannot-write", error = e.to_string())
                );
            }
            true
        }
    }
}

/// One capture's connections, in stream order, and its exit code.
fn collect(reader: &mut CaptureReader, opts: &Options) -> (Vec<StreamSummary>, i32) {
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
    (rows, finish(res, L10n::get(opts.dissect.lang)))
}

fn write_json<W: Write>(out: &mut W, rows: &[serde_json::Value]) -> io::Result<()> {
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

/// The table, its header in `l`'s language (`streams-col-*`); the values
/// (protocol names, TLS versions, the first payload's start) are the model's.
fn write_table<W: Write>(
    out: &mut W,
    rows: &[StreamSummary],
    paint: Paint,
    l: &L10n,
) -> io::Result<()> {
    writeln!(
        out,
        "{:>6}  {:<24} {:<24} {:>7} {:>7} {:>6} {:>6} {:>9} {:>9} {:>5}  {:<10} {:<24} {}",
        l.t("streams-col-stream"),
        l.t("streams-col-client"),
        l.t("streams-col-server"),
        l.t("streams-col-first"),
        l.t("streams-col-last"),
        l.t("streams-col-packets-out"),
        l.t("streams-col-packets-in"),
        l.t("streams-col-bytes-out"),
        l.t("streams-col-bytes-in"),
        l.t("streams-col-gaps"),
        l.t("streams-col-protocol"),
        l.t("streams-col-tls"),
        l.t("streams-col-first-payload")
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
            "{:>6}  {} {} {:>7} {:>7} {:>6} {:>6} {:>9} {:>9} {:>5}  {:<10} {:<24} {}",
            t.info.stream,
            paint.dir(Direction::ClientToServer, &format!("{client:<24}")),
            paint.dir(
                Direction::ServerToClient,
                &format!("{:<24}", t.info.server.to_string())
            ),
            t.info.first_frame,
            t.last_frame,
            t.dirs[0].packets,
            t.dirs[1].packets,
            t.dirs[0].bytes,
            t.dirs[1].bytes,
            t.dirs[0].gaps + t.dirs[1].gaps,
            r.protocol.name(),
            r.tls.as_ref().map(tls_words).unwrap_or_else(|| "-".into()),
            r.first_payload
                .as_ref()
                .map(|p| p.words(l))
                .unwrap_or_default()
        )?;
    }
    Ok(())
}
