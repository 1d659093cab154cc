//! `wsdissect follow`: Wireshark's "Follow TCP Stream".

use std::io::{self, BufWriter, Write};

use crate::capture::CaptureReader;
use crate::net::{Direction, ReassemblyConfig, TcpEvent};
use crate::pipeline::run_tcp;

use super::{finish, FollowDirection, FollowFormat, EXIT_BAD_INPUT, EXIT_USAGE};

/// Runs `follow`; returns the exit code. Bytes are written as they are
/// reassembled, so memory stays flat even for a huge stream.
pub fn run(
    reader: &mut CaptureReader,
    stream: u32,
    which: FollowDirection,
    format: FollowFormat,
) -> i32 {
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(256 << 10, stdout.lock());
    let mut seen = 0u32;
    let mut found = false;
    let mut io_err: Option<io::Error> = None;
    let mut last_dir: Option<Direction> = None;
    let mut hex_offset = [0u64; 2];
    let mut sink = |ev: TcpEvent<'_>| {
        if io_err.is_some() {
            return;
        }
        let r = match ev {
            TcpEvent::Open(info) => {
                seen = seen.max(info.stream + 1);
                if info.stream == stream {
                    found = true;
                    if format != FollowFormat::Raw {
                        writeln!(
                            out,
                            "Follow TCP stream {}: client {} → server {}{}",
                            stream,
                            info.client,
                            info.server,
                            if info.roles_guessed {
                                " (roles guessed: no SYN seen)"
                            } else {
                                ""
                            }
                        )
                    } else {
                        Ok(())
                    }
                } else {
                    Ok(())
                }
            }
            TcpEvent::Data {
                stream: s,
                dir,
                chunk,
            } if s == stream => {
                let wanted = match which {
                    FollowDirection::Client => dir == Direction::ClientToServer,
                    FollowDirection::Server => dir == Direction::ServerToClient,
                    FollowDirection::Both => true,
                };
                if !wanted {
                    Ok(())
                } else {
                    match format {
                        FollowFormat::Raw => out.write_all(chunk.data),
                        FollowFormat::Text => {
                            let mut r = Ok(());
                            if which == FollowDirection::Both && last_dir != Some(dir) {
                                r = writeln!(
                                    out,
                                    "\n=== {} (frame {}) ===",
                                    dir_label(dir),
                                    chunk.frame
                                );
                            }
                            last_dir = Some(dir);
                            r.and_then(|_| {
                                let text: Vec<u8> = chunk
                                    .data
                                    .iter()
                                    .map(|&b| {
                                        if b == b'\n'
                                            || b == b'\r'
                                            || b == b'\t'
                                            || (0x20..0x7f).contains(&b)
                                        {
                                            b
                                        } else {
                                            b'.'
                                        }
                                    })
                                    .collect();
                                out.write_all(&text)
                            })
                        }
                        FollowFormat::Hex => {
                            let i = dir.index();
                            let r = hexdump(&mut out, chunk.data, hex_offset[i], dir, chunk.frame);
                            hex_offset[i] += chunk.data.len() as u64;
                            r
                        }
                    }
                }
            }
            TcpEvent::Gap {
                stream: s,
                dir,
                offset,
                len,
                ..
            } if s == stream && format != FollowFormat::Raw => {
                writeln!(
                    out,
                    "\n[{len} bytes missing from {} at offset {offset}]",
                    dir_label(dir)
                )
            }
            _ => Ok(()),
        };
        if let Err(e) = r {
            io_err = Some(e);
        }
    };
    let (_, res) = run_tcp(reader, ReassemblyConfig::default(), &mut sink, |_, _| {});
    if let Some(e) = io_err {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("wsdissect: cannot write output: {e}");
            return EXIT_BAD_INPUT;
        }
        return 0;
    }
    let _ = out.flush();
    let code = finish(res);
    if !found {
        eprintln!(
            "wsdissect: no TCP stream {stream} in {} (it has {seen}, numbered from 0)",
            reader.name()
        );
        return if code == 0 { EXIT_USAGE } else { code };
    }
    code
}

fn dir_label(d: Direction) -> &'static str {
    match d {
        Direction::ClientToServer => "client → server",
        Direction::ServerToClient => "server → client",
    }
}

fn hexdump<W: Write>(
    out: &mut W,
    data: &[u8],
    base: u64,
    dir: Direction,
    frame: u64,
) -> io::Result<()> {
    let indent = if dir == Direction::ServerToClient {
        "    "
    } else {
        ""
    };
    writeln!(out, "{indent}# {} frame {frame}", dir_label(dir))?;
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
        writeln!(out, "{indent}{off:08x}  {:<47}  {ascii}", hex.join(" "))?;
    }
    Ok(())
}
