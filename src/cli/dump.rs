//! `wsdissect dump`: records as NDJSON, one JSON document, or text lines.

use std::io::{self, BufWriter, Write};
use std::sync::mpsc;

use crate::analyze::{analyze, Options};
use crate::capture::{CaptureReader, Timestamp};
use crate::model::Record;

use super::payloads::Payloads;
use super::{finish, DumpFormat};

/// Writes records in the chosen format; stops writing quietly when the
/// reader of stdout goes away (`| head`).
struct Writer<W: Write> {
    out: W,
    format: DumpFormat,
    payloads: Payloads,
    stream: Option<u32>,
    first: bool,
    flush_each: bool,
    t0: Option<Timestamp>,
}

impl<W: Write> Writer<W> {
    fn write(&mut self, rec: &Record) -> io::Result<()> {
        if let (Some(want), Some(s)) = (self.stream, rec.stream()) {
            if want != s {
                return Ok(());
            }
        }
        if self.stream.is_some()
            && rec.stream().is_none()
            && matches!(rec, Record::Note(_) | Record::Packet(_))
        {
            return Ok(());
        }
        match self.format {
            DumpFormat::Ndjson => {
                self.payloads.write_json(&mut self.out, rec)?;
                self.out.write_all(b"\n")?;
            }
            DumpFormat::Json => {
                if self.first {
                    self.open_document()?;
                } else {
                    self.out.write_all(b",\n")?;
                }
                self.payloads.write_json(&mut self.out, rec)?;
            }
            DumpFormat::Text => super::text::write_line(&mut self.out, rec, &mut self.t0)?,
        }
        self.first = false;
        if self.flush_each {
            self.out.flush()?;
        }
        Ok(())
    }

    /// The opening of the `--format json` document.
    fn open_document(&mut self) -> io::Result<()> {
        writeln!(
            self.out,
            "{{\"schema_version\":{},\"records\":[",
            crate::model::SCHEMA_VERSION
        )
    }

    fn end(&mut self) -> io::Result<()> {
        if self.format == DumpFormat::Json {
            if self.first {
                self.open_document()?;
            }
            self.out.write_all(b"\n]}\n")?;
        }
        self.out.flush()
    }
}

/// Records handed to the writer thread at a time, at most: a batch is sent
/// when it holds this many records or [`BATCH_BYTES`] of payload.
const BATCH_RECORDS: usize = 256;
/// Payload bytes (frame payloads, message contents) per batch, at most
/// (unless one record alone is larger).
const BATCH_BYTES: usize = 1 << 20;
/// Batches waiting for the writer thread, at most: the dissector blocks
/// beyond that, so memory stays flat (a few MiB in flight) however fast it
/// runs ahead.
const BATCHES_IN_FLIGHT: usize = 4;

/// The payload bytes a record carries, to size the batches.
fn payload_weight(rec: &Record) -> usize {
    match rec {
        Record::Frame(f) => f.payload.len(),
        Record::Message(m) => {
            m.text.as_ref().map_or(0, String::len) + m.data_base64.as_ref().map_or(0, Vec::len)
        }
        _ => 0,
    }
}

/// Runs `dump`; returns the exit code.
///
/// Two threads (docs/performance.md): this one reads the capture and
/// dissects it, a second one serializes the records and writes them, in
/// the order they were made, so the output is the same bytes a single
/// thread would write. Records go across in batches through a bounded
/// channel. A live pipe (`-`) sends each record at once, so each is shown as
/// soon as it is complete.
pub fn run(
    reader: &mut CaptureReader,
    opts: &Options,
    format: DumpFormat,
    payloads: Payloads,
    stream: Option<u32>,
) -> i32 {
    let live = reader.name() == "-";
    let (tx, rx) = mpsc::sync_channel::<Vec<Record>>(BATCHES_IN_FLIGHT);
    let res = std::thread::scope(|scope| {
        scope.spawn(move || {
            let stdout = io::stdout();
            let mut w = Writer {
                out: BufWriter::with_capacity(256 << 10, stdout.lock()),
                format,
                payloads,
                stream,
                first: true,
                flush_each: live,
                t0: None,
            };
            let report = |e: io::Error| {
                if e.kind() != io::ErrorKind::BrokenPipe {
                    eprintln!("wsdissect: cannot write output: {e}");
                }
            };
            // When the reader of stdout goes away (`| head`) this thread
            // ends; the dissector's sends then fail and it stops sending.
            for batch in rx {
                for rec in &batch {
                    if let Err(e) = w.write(rec) {
                        return report(e);
                    }
                }
            }
            if let Err(e) = w.end() {
                report(e);
            }
        });
        let mut batch = Vec::with_capacity(BATCH_RECORDS);
        let mut bytes = 0;
        let mut open = true;
        let mut sink = |rec: Record| {
            if !open {
                return;
            }
            bytes += payload_weight(&rec);
            batch.push(rec);
            if live || batch.len() >= BATCH_RECORDS || bytes >= BATCH_BYTES {
                bytes = 0;
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH_RECORDS));
                open = tx.send(full).is_ok();
            }
        };
        let res = analyze(reader, opts, &mut sink);
        if open && !batch.is_empty() {
            let _ = tx.send(batch);
        }
        // Closing the channel lets the writer finish; the scope waits for it
        // before the capture error (if any) is reported.
        drop(tx);
        res
    });
    finish(res)
}
