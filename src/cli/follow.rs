//! `wsdissect follow`: Wireshark's "Follow TCP Stream", and with `--tls`
//! its "Follow TLS Stream" (the decrypted bytes).

use std::io::{self, BufWriter, Write};

use crate::capture::CaptureReader;
use crate::net::{Direction, ReassemblyConfig, TcpEvent, TcpSink};
use crate::pipeline::run_tcp;
use crate::tls::keylog::DSB_SECRETS_TYPE_TLS_KEYLOG;
use crate::tls::{KeyLog, TlsConn, TlsEvent};

use super::style::Paint;
use super::{finish, FollowDirection, FollowFormat, EXIT_BAD_INPUT, EXIT_USAGE};
use crate::i18n::L10n;
use crate::tr;

/// Where `follow` writes, in the chosen format.
struct Writer<W: Write> {
    out: W,
    which: FollowDirection,
    format: FollowFormat,
    last_dir: Option<Direction>,
    hex_offset: [u64; 2],
    paint: Paint,
    /// The language of the headers (`--lang`).
    l: &'static L10n,
}

impl<W: Write> Writer<W> {
    /// One direction's next bytes, carried (or, decrypted, completed) by `frame`.
    fn data(&mut self, dir: Direction, data: &[u8], frame: u64) -> io::Result<()> {
        let wanted = match self.which {
            FollowDirection::Client => dir == Direction::ClientToServer,
            FollowDirection::Server => dir == Direction::ServerToClient,
            FollowDirection::Both => true,
        };
        if !wanted {
            return Ok(());
        }
        match self.format {
            FollowFormat::Raw => self.out.write_all(data),
            FollowFormat::Text => {
                let (start, end) = (self.paint.dir_start(dir), self.paint.end());
                if self.which == FollowDirection::Both && self.last_dir != Some(dir) {
                    let head = tr!(
                        self.l,
                        "follow-dir-header",
                        dir = dir_label(dir, self.l),
                        frame = frame.to_string()
                    );
                    writeln!(self.out, "\n{start}{head}{end}")?;
                }
                self.last_dir = Some(dir);
                let text: Vec<u8> = data
                    .iter()
                    .map(|&b| crate::model::follow_text_byte(b))
                    .collect();
                self.out.write_all(start.as_bytes())?;
                self.out.write_all(&text)?;
                self.out.write_all(end.as_bytes())
            }
            FollowFormat::Hex => {
                let i = dir.index();
                let r = hexdump(
                    &mut self.out,
                    data,
                    self.hex_offset[i],
                    dir,
                    frame,
                    self.paint,
                    self.l,
                );
                self.hex_offset[i] += data.len() as u64;
                r
            }
        }
    }

    /// Bytes that will never be seen.
    fn gap(&mut self, dir: Direction, offset: u64, len: u64) -> io::Result<()> {
        if self.format == FollowFormat::Raw {
            return Ok(());
        }
        let text = tr!(
            self.l,
            "follow-gap",
            len = len.to_string(),
            dir = dir_label(dir, self.l),
            offset = offset.to_string()
        );
        writeln!(self.out, "\n[{text}]")
    }
}

/// The decrypting half of `follow --tls`.
struct Tls {
    conn: TlsConn,
    keys: KeyLog,
    events: Vec<TlsEvent>,
    /// Why it could not be decrypted, said once at the end.
    undecryptable: Option<String>,
}

/// Follows one stream's TCP events (and, with `--tls`, decrypts them).
struct Follow<W: Write> {
    stream: u32,
    w: Writer<W>,
    seen: u32,
    found: bool,
    io_err: Option<io::Error>,
    tls: Option<Tls>,
}

impl<W: Write> Follow<W> {
    fn handle(&mut self, ev: TcpEvent<'_>) -> io::Result<()> {
        match ev {
            TcpEvent::Open(info) => {
                self.seen = self.seen.max(info.stream + 1);
                if info.stream != self.stream {
                    return Ok(());
                }
                self.found = true;
                if self.w.format == FollowFormat::Raw {
                    return Ok(());
                }
                let l = self.w.l;
                writeln!(
                    self.w.out,
                    "{}{}",
                    tr!(
                        l,
                        "follow-title",
                        proto = if self.tls.is_some() { "TLS" } else { "TCP" },
                        stream = self.stream.to_string(),
                        client = info.client.to_string(),
                        server = info.server.to_string()
                    ),
                    if info.roles_guessed {
                        l.t("follow-roles-guessed")
                    } else {
                        String::new()
                    }
                )
            }
            TcpEvent::Data { stream, dir, chunk } if stream == self.stream => {
                let Some(t) = self.tls.as_mut() else {
                    return self.w.data(dir, chunk.data, chunk.frame);
                };
                let mut events = std::mem::take(&mut t.events);
                t.conn
                    .feed(dir, chunk.offset, chunk.data, &t.keys, &mut events);
                // A record completed by this segment: its plaintext is
                // credited to this packet, as Wireshark does.
                let r = self.tls_events(&mut events, chunk.frame);
                if let Some(t) = self.tls.as_mut() {
                    t.events = events;
                }
                r
            }
            TcpEvent::Gap {
                stream,
                dir,
                offset,
                len,
                ..
            } if stream == self.stream => {
                if let Some(t) = self.tls.as_mut() {
                    let mut events = Vec::new();
                    t.conn.gap(dir, offset, len, &mut events);
                }
                self.w.gap(dir, offset, len)
            }
            _ => Ok(()),
        }
    }

    fn tls_events(&mut self, events: &mut Vec<TlsEvent>, frame: u64) -> io::Result<()> {
        for ev in events.drain(..) {
            match ev {
                TlsEvent::Plaintext(p) => self.w.data(p.dir, &p.data, frame)?,
                TlsEvent::Undecryptable { reason, .. } => {
                    let l = self.w.l;
                    if let Some(t) = self.tls.as_mut() {
                        t.undecryptable.get_or_insert_with(|| {
                            let (reason, advice) = crate::dissect::notes::undecryptable(&reason, l);
                            tr!(l, "follow-tls-why", reason = reason, advice = advice)
                        });
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}

impl<W: Write> TcpSink for Follow<W> {
    fn event(&mut self, ev: TcpEvent<'_>) {
        if self.io_err.is_none() {
            if let Err(e) = self.handle(ev) {
                self.io_err = Some(e);
            }
        }
    }

    fn secrets(&mut self, kind: u32, data: &[u8]) {
        if let Some(t) = self.tls.as_mut() {
            if kind == DSB_SECRETS_TYPE_TLS_KEYLOG {
                t.keys.merge(KeyLog::parse_bytes(
                    data,
                    "the capture's Decryption Secrets Block",
                ));
            }
        }
    }
}

/// Runs `follow`; returns the exit code. Bytes are written as they are
/// reassembled (or decrypted, with `tls`: the keys to use), so memory stays
/// flat even for a huge stream.
pub fn run(
    reader: &mut CaptureReader,
    stream: u32,
    which: FollowDirection,
    format: FollowFormat,
    tls: Option<KeyLog>,
    paint: Paint,
    l: &'static L10n,
) -> i32 {
    let stdout = io::stdout();
    let mut f = Follow {
        stream,
        w: Writer {
            out: BufWriter::with_capacity(256 << 10, stdout.lock()),
            which,
            format,
            last_dir: None,
            hex_offset: [0; 2],
            // Colour is for text to read; raw bytes stay as they are.
            paint: if format == FollowFormat::Raw {
                Paint::default()
            } else {
                paint
            },
            l,
        },
        seen: 0,
        found: false,
        io_err: None,
        tls: tls.map(|keys| Tls {
            conn: TlsConn::new(),
            keys,
            events: Vec::new(),
            undecryptable: None,
        }),
    };
    let (_, res) = run_tcp(reader, ReassemblyConfig::default(), &mut f, |_, _| {});
    if let Some(e) = f.io_err {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!(
                "wsdissect: {}",
                tr!(l, "cli-cannot-write", error = e.to_string())
            );
            return EXIT_BAD_INPUT;
        }
        return 0;
    }
    let _ = f.w.out.flush();
    let code = finish(res, l);
    if !f.found {
        eprintln!(
            "wsdissect: {}",
            tr!(
                l,
                "cli-no-stream",
                stream = stream.to_string(),
                file = reader.name().to_string(),
                count = f.seen.to_string()
            )
        );
        return if code == 0 { EXIT_USAGE } else { code };
    }
    if let Some(why) = f.tls.and_then(|t| t.undecryptable) {
        eprintln!(
            "wsdissect: {}",
            tr!(
                l,
                "follow-tls-undecryptable",
                stream = stream.to_string(),
                why = why
            )
        );
    }
    code
}

fn dir_label(d: Direction, l: &L10n) -> String {
    l.t(match d {
        Direction::ClientToServer => "follow-dir-client",
        Direction::ServerToClient => "follow-dir-server",
    })
}

fn hexdump<W: Write>(
    out: &mut W,
    data: &[u8],
    base: u64,
    dir: Direction,
    frame: u64,
    paint: Paint,
    l: &L10n,
) -> io::Result<()> {
    let (start, end) = (paint.dir_start(dir), paint.end());
    let indent = if dir == Direction::ServerToClient {
        "    "
    } else {
        ""
    };
    let head = tr!(
        l,
        "follow-hex-header",
        dir = dir_label(dir, l),
        frame = frame.to_string()
    );
    writeln!(out, "{start}{indent}# {head}{end}")?;
    for (i, row) in data.chunks(16).enumerate() {
        let off = base + (i * 16) as u64;
        let hex: Vec<String> = row.iter().map(|b| format!("{b:02x}")).collect();
        let ascii: String = row
            .iter()
            .map(|&b| {
                if (0x20..0x7f).contains(&b) {
                    b as char
                } else {
                    '.'
                }
            })
            .collect();
        writeln!(
            out,
            "{start}{indent}{off:08x}  {:<47}  {ascii}{end}",
            hex.join(" ")
        )?;
    }
    Ok(())
}
