//! `wsdissect dump`: records as NDJSON, one JSON document, or text lines.

use std::io::{self, BufWriter, Write};

use crate::analyze::{analyze, Options};
use crate::capture::{CaptureReader, Timestamp};
use crate::filter::{Filter, PacketFilter};
use crate::model::Record;

use super::style::Paint;
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
    /// `"file":"NAME",` for NDJSON/JSON records when several captures are
    /// dumped (the `capture` record has its own `file`).
    file_field: Option<Vec<u8>>,
    /// Scratch for a record serialized before `file` is put in front.
    scratch: Vec<u8>,
    paint: Paint,
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
                self.write_json(rec)?;
                self.out.write_all(b"\n")?;
            }
            DumpFormat::Json => {
                if self.first {
                    self.open_document()?;
                } else {
                    self.out.write_all(b",\n")?;
                }
                self.write_json(rec)?;
            }
            DumpFormat::Text if self.paint.on => {
                self.scratch.clear();
                super::text::write_line(&mut self.scratch, rec, &mut self.t0)?;
                if let Some(body) = self.scratch.strip_suffix(b"\n") {
                    let start = match rec {
                        Record::Note(n) => self.paint.severity_start(n.severity),
                        Record::Http(h) => self.paint.dir_start(h.direction),
                        Record::Frame(f) => self.paint.dir_start(f.direction),
                        Record::Message(m) => self.paint.dir_start(m.direction),
                        _ => "",
                    };
                    let end = if start.is_empty() {
                        ""
                    } else {
                        self.paint.end()
                    };
                    self.out.write_all(start.as_bytes())?;
                    self.out.write_all(body)?;
                    self.out.write_all(end.as_bytes())?;
                    self.out.write_all(b"\n")?;
                }
            }
            DumpFormat::Text => super::text::write_line(&mut self.out, rec, &mut self.t0)?,
        }
        self.first = false;
        if self.flush_each {
            self.out.flush()?;
        }
        Ok(())
    }

    /// One record as JSON; with several captures, `file` first.
    fn write_json(&mut self, rec: &Record) -> io::Result<()> {
        match &self.file_field {
            Some(field) if !matches!(rec, Record::Capture(_)) => {
                self.scratch.clear();
                serde_json::to_writer(&mut self.scratch, rec)?;
                self.out.write_all(b"{")?;
                self.out.write_all(field)?;
                self.out
                    .write_all(self.scratch.get(1..).unwrap_or_default())?;
                Ok(())
            }
            _ => Ok(serde_json::to_writer(&mut self.out, rec)?),
        }
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

/// `dump`'s choices, the same for every capture.
pub struct DumpArgs<'a> {
    /// Analysis options.
    pub opts: &'a Options,
    /// Output format.
    pub format: DumpFormat,
    /// `--stream`.
    pub stream: Option<u32>,
    /// `-Y`: only the records of matching packets (docs/filters.md).
    pub filter: Option<&'a Filter>,
    /// `--packets` (with a filter, `opts.packets` is on in any case).
    pub packets: bool,
    /// Colours for `--format text`.
    pub paint: Paint,
}

/// Runs `dump` on every capture in turn, as one output (one JSON document
/// for `--format json`); returns the exit code (docs/cli.md).
pub fn run(paths: &[String], args: &DumpArgs<'_>) -> i32 {
    let stdout = io::stdout();
    let mut w = Writer {
        out: BufWriter::with_capacity(256 << 10, stdout.lock()),
        format: args.format,
        stream: args.stream,
        first: true,
        broken: false,
        // A live pipe (`tcpdump -U -w - | wsdissect dump -`): show each
        // record as soon as it is complete.
        flush_each: paths.iter().any(|p| p == "-"),
        t0: None,
        file_field: None,
        scratch: Vec::new(),
        paint: args.paint,
    };
    let code = super::files::for_each_capture(paths, true, |reader, label| {
        w.file_field = label.map(|f| {
            let mut v = b"\"file\":".to_vec();
            let _ = serde_json::to_writer(&mut v, f);
            v.push(b',');
            v
        });
        w.t0 = None;
        one(reader, args, &mut w)
    });
    if !w.broken {
        if let Err(e) = w.end() {
            if e.kind() != io::ErrorKind::BrokenPipe {
                eprintln!("wsdissect: cannot write output: {e}");
            }
        }
    }
    code
}

/// Dumps one capture through `w`; returns its exit code.
fn one<W: Write>(reader: &mut CaptureReader, args: &DumpArgs<'_>, w: &mut Writer<W>) -> i32 {
    let mut write = |rec: Record| {
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
    let res = match args.filter {
        None => analyze(reader, args.opts, &mut write),
        Some(f) => {
            // The filter judges whole packets, told apart by their
            // `packet` records (src/filter/stream.rs).
            let mut opts = args.opts.clone();
            opts.packets = true;
            let mut pf = PacketFilter::new(f.clone(), args.packets);
            let mut sink = |rec: Record| pf.push(rec, &mut write);
            let res = analyze(reader, &opts, &mut sink);
            pf.finish(&mut write);
            res
        }
    };
    finish(res)
}
