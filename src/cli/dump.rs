//! `wsdissect dump`: records as NDJSON, one JSON document, or text lines.

use std::io::{self, BufWriter, Write};

use crate::analyze::{analyze, Options};
use crate::capture::{CaptureReader, Timestamp};
use crate::model::Record;

use super::{finish, DumpFormat};

/// Writes records in the chosen format; stops writing quietly when the
/// reader of stdout goes away (`| head`).
struct Writer<W: Write> {
    out: W,
    format: DumpFormat,
    stream: Option<u32>,
    first: bool,
    broken: bool,
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
                serde_json::to_writer(&mut self.out, rec)?;
                self.out.write_all(b"\n")?;
            }
            DumpFormat::Json => {
                if self.first {
                    self.open_document()?;
                } else {
                    self.out.write_all(b",\n")?;
                }
                serde_json::to_writer(&mut self.out, rec)?;
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

/// Runs `dump`; returns the exit code.
pub fn run(
    reader: &mut CaptureReader,
    opts: &Options,
    format: DumpFormat,
    stream: Option<u32>,
) -> i32 {
    let stdout = io::stdout();
    let mut w = Writer {
        out: BufWriter::with_capacity(256 << 10, stdout.lock()),
        format,
        stream,
        first: true,
        broken: false,
        // A live pipe (`tcpdump -U -w - | wsdissect dump -`): show each
        // record as soon as it is complete.
        flush_each: reader.name() == "-",
        t0: None,
    };
    let mut sink = |rec: crate::model::Record| {
        if w.broken {
            return;
        }
        if let Err(e) = w.write(&rec) {
            w.broken = true;
            if e.kind() != io::ErrorKind::BrokenPipe {
                eprintln!("wsdissect: cannot write output: {e}");
            }
        }
    };
    let res = analyze(reader, opts, &mut sink);
    if !w.broken {
        if let Err(e) = w.end() {
            if e.kind() != io::ErrorKind::BrokenPipe {
                eprintln!("wsdissect: cannot write output: {e}");
            }
        }
    }
    finish(res)
}
