//! `wsdissect dump`: records as NDJSON, one JSON document, or text lines.

use std::io::{self, Write};
use std::sync::mpsc;

use crate::analyze::{analyze, Options};
use crate::capture::{CaptureReader, Timestamp};
use crate::filter::{Filter, PacketFilter};
use crate::model::Record;

use super::payloads::Payloads;
use super::style::Paint;
use super::{finish, DumpFormat};

/// Bytes of output gathered before they are written to stdout.
const OUT_CHUNK: usize = 256 << 10;
/// The largest output buffer kept after a write (a larger record's is
/// given back, so memory does not stay at the largest message).
const OUT_KEEP: usize = 4 << 20;

/// stdout's buffer, which records are serialized straight into.
///
/// Not a `BufWriter`: the JSON writer ([`crate::model::JsonOut`]) appends
/// to a `Vec<u8>`, so that a payload's base64 or escaped text is made in
/// the output buffer itself rather than made elsewhere and copied in
/// (docs/performance.md, "sixth pass"). The buffer goes out once it holds
/// [`OUT_CHUNK`] bytes, after a whole record.
struct Out<W: Write> {
    buf: Vec<u8>,
    sink: W,
}

impl<W: Write> Out<W> {
    fn new(sink: W) -> Self {
        Out {
            buf: Vec::with_capacity(2 * OUT_CHUNK),
            sink,
        }
    }

    /// Writes the buffer out if it is full enough.
    fn record_done(&mut self) -> io::Result<()> {
        if self.buf.len() >= OUT_CHUNK {
            self.write_out()?;
        }
        Ok(())
    }

    /// Writes the buffer out, whatever it holds.
    fn write_out(&mut self) -> io::Result<()> {
        self.sink.write_all(&self.buf)?;
        self.buf.clear();
        if self.buf.capacity() > OUT_KEEP {
            self.buf = Vec::with_capacity(2 * OUT_CHUNK);
        }
        Ok(())
    }
}

impl<W: Write> Write for Out<W> {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(b);
        Ok(b.len())
    }

    fn write_all(&mut self, b: &[u8]) -> io::Result<()> {
        self.buf.extend_from_slice(b);
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.write_out()?;
        self.sink.flush()
    }
}

/// Writes records in the chosen format; the writer thread owns it.
struct Writer<W: Write> {
    out: Out<W>,
    format: DumpFormat,
    payloads: Payloads,
    stream: Option<u32>,
    first: bool,
    flush_each: bool,
    t0: Option<Timestamp>,
    /// `"file":"NAME",` for NDJSON/JSON records when several captures are
    /// dumped (the `capture` record has its own `file`).
    file_field: Option<Vec<u8>>,
    /// Scratch for a record serialized before `file` is put in front, and
    /// for a coloured text line.
    scratch: Vec<u8>,
    paint: Paint,
    /// The language of `--format text` (`--lang`, the same as the notes').
    l: &'static crate::i18n::L10n,
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
                super::text::write_line_in(&mut self.scratch, rec, &mut self.t0, self.l)?;
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
            DumpFormat::Text => {
                super::text::write_line_in(&mut self.out, rec, &mut self.t0, self.l)?
            }
        }
        self.first = false;
        if self.flush_each {
            self.out.flush()
        } else {
            self.out.record_done()
        }
    }

    /// One record as JSON, without the payload keys `--payloads` drops;
    /// with several captures, `file` first.
    fn write_json(&mut self, rec: &Record) -> io::Result<()> {
        match &self.file_field {
            Some(field) if !matches!(rec, Record::Capture(_)) => {
                self.scratch.clear();
                self.payloads.write_json(&mut self.scratch, rec)?;
                self.out.write_all(b"{")?;
                self.out.write_all(field)?;
                self.out
                    .write_all(self.scratch.get(1..).unwrap_or_default())?;
                Ok(())
            }
            _ => Ok(self.payloads.write_json(&mut self.out.buf, rec)?),
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
            m.text.as_ref().map_or(0, |t| t.len()) + m.data_base64.as_ref().map_or(0, |d| d.len())
        }
        _ => 0,
    }
}

/// What crosses from the dissecting thread to the writing one.
enum ToWriter {
    /// The next capture starts: its `file` field (several captures) or none.
    File(Option<Vec<u8>>),
    /// Records, in the order they were made.
    Records(Vec<Record>),
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
    /// `--payloads`: which payload bytes the JSON carries.
    pub payloads: Payloads,
    /// Colours for `--format text`.
    pub paint: Paint,
}

/// Runs `dump` on every capture in turn, as one output (one JSON document
/// for `--format json`); returns the exit code (docs/cli.md).
///
/// Two threads (docs/performance.md): this one reads each capture and
/// dissects it, a second one serializes the records and writes them, in
/// the order they were made, so the output is the same bytes a single
/// thread would write. Records go across in batches through a bounded
/// channel. A live pipe (`-`) sends each record at once, so each is shown as
/// soon as it is complete.
pub fn run(paths: &[String], args: &DumpArgs<'_>) -> i32 {
    super::tune_allocator();
    let live = paths.iter().any(|p| p == "-");
    let (tx, rx) = mpsc::sync_channel::<ToWriter>(BATCHES_IN_FLIGHT);
    std::thread::scope(|scope| {
        let (format, payloads, stream, paint, lang) = (
            args.format,
            args.payloads,
            args.stream,
            args.paint,
            args.opts.dissect.lang,
        );
        scope.spawn(move || {
            let stdout = io::stdout();
            let mut w = Writer {
                out: Out::new(stdout.lock()),
                format,
                payloads,
                stream,
                first: true,
                flush_each: live,
                t0: None,
                file_field: None,
                scratch: Vec::new(),
                paint,
                l: crate::i18n::L10n::get(lang),
            };
            let report = |e: io::Error| {
                if e.kind() != io::ErrorKind::BrokenPipe {
                    eprintln!(
                        "wsdissect: {}",
                        crate::tr!(
                            crate::i18n::L10n::get(lang),
                            "cli-cannot-write",
                            error = e.to_string()
                        )
                    );
                }
            };
            // When the reader of stdout goes away (`| head`) this thread
            // ends; the dissector's sends then fail and it stops sending.
            for msg in rx {
                match msg {
                    ToWriter::File(field) => {
                        w.file_field = field;
                        w.t0 = None;
                    }
                    ToWriter::Records(batch) => {
                        for rec in &batch {
                            if let Err(e) = w.write(rec) {
                                return report(e);
                            }
                        }
                    }
                }
            }
            if let Err(e) = w.end() {
                report(e);
            }
        });
        let mut open = true;
        let code = super::files::for_each_capture(
            paths,
            true,
            crate::i18n::L10n::get(args.opts.dissect.lang),
            |reader, label| {
                if !open {
                    return super::EXIT_OK;
                }
                let field = label.map(|f| {
                    let mut v = b"\"file\":".to_vec();
                    let _ = serde_json::to_writer(&mut v, f);
                    v.push(b',');
                    v
                });
                open = tx.send(ToWriter::File(field)).is_ok();
                one(reader, args, live, &tx, &mut open)
            },
        );
        // Closing the channel lets the writer finish; the scope waits for it
        // before returning the exit code.
        drop(tx);
        code
    })
}

/// Dissects one capture, sending its records to the writer in batches;
/// returns its exit code. `open` turns false when the writer is gone.
fn one(
    reader: &mut CaptureReader,
    args: &DumpArgs<'_>,
    live: bool,
    tx: &mpsc::SyncSender<ToWriter>,
    open: &mut bool,
) -> i32 {
    let mut batch = Vec::with_capacity(BATCH_RECORDS);
    let mut bytes = 0;
    let mut send = |rec: Record| {
        if !*open {
            return;
        }
        bytes += payload_weight(&rec);
        batch.push(rec);
        if live || batch.len() >= BATCH_RECORDS || bytes >= BATCH_BYTES {
            bytes = 0;
            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH_RECORDS));
            *open = tx.send(ToWriter::Records(full)).is_ok();
        }
    };
    let res = match args.filter {
        None => analyze(reader, args.opts, &mut send),
        Some(f) => {
            // The filter judges whole packets, told apart by their
            // `packet` records (src/filter/stream.rs).
            let mut opts = args.opts.clone();
            opts.packets = true;
            let mut pf = PacketFilter::new(f.clone(), args.packets);
            let mut sink = |rec: Record| pf.push(rec, &mut send);
            let res = analyze(reader, &opts, &mut sink);
            pf.finish(&mut send);
            res
        }
    };
    if *open && !batch.is_empty() {
        *open = tx.send(ToWriter::Records(batch)).is_ok();
    }
    finish(res, crate::i18n::L10n::get(args.opts.dissect.lang))
}
