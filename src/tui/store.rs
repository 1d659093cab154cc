//! Where the TUI keeps bytes: not on the heap.
//!
//! A capture of an afternoon is gigabytes, and a compressed one decompresses
//! to many times that. The TUI keeps, per packet, only where its captured
//! bytes lie in the capture file (12 bytes, [`Loc`]) and reads them back with
//! a positioned read when a packet is shown, as Wireshark does. Standard
//! input cannot be read twice, so it is spooled to a temporary file as it is
//! read ([`Spool`]) and read back from there. Bytes that are in no file —
//! the large WebSocket payloads and decompressed messages of the model, and
//! packets handed over in memory (tests) — go to an anonymous temporary
//! file, the [`Spill`], appended once and read back by offset.
//!
//! Reads are positioned (`pread`), so drawing never moves a file cursor and
//! needs no `&mut`; the loader keeps appending while the UI reads.

use std::fs::File;
use std::io::{self, Read, Write};
use std::sync::{Arc, Mutex};

/// Where a piece of bytes lies: in the capture file or in the spill.
///
/// Packed into 12 bytes (offset and a flag in one `u64`, length in a
/// `u32`): one per packet, the only per-packet cost of the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C, packed(4))]
pub struct Loc {
    /// Offset; the top bit says "in the spill".
    at: u64,
    /// Length.
    len: u32,
}

const IN_SPILL: u64 = 1 << 63;
/// In the loader's spill (written by the loading thread, see
/// [`Store::set_shared`]).
const IN_SHARED: u64 = 1 << 62;
const FLAGS: u64 = IN_SPILL | IN_SHARED;

impl Loc {
    /// Bytes at `offset` in the capture file.
    pub fn in_capture(offset: u64, len: u32) -> Loc {
        Loc {
            at: offset & !FLAGS,
            len,
        }
    }
    fn in_spill(offset: u64, len: u32) -> Loc {
        Loc {
            at: (offset & !FLAGS) | IN_SPILL,
            len,
        }
    }
    /// Length of the bytes.
    pub fn len(&self) -> u32 {
        self.len
    }
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    fn parts(&self) -> (u64, u64) {
        let at = self.at;
        (at & FLAGS, at & !FLAGS)
    }
}

#[cfg(unix)]
fn read_at(f: &File, buf: &mut [u8], off: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(f, buf, off)
}
#[cfg(windows)]
fn read_at(f: &File, buf: &mut [u8], off: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(f, buf, off)
}
#[cfg(unix)]
fn write_at(f: &File, buf: &[u8], off: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::write_at(f, buf, off)
}
#[cfg(windows)]
fn write_at(f: &File, buf: &[u8], off: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_write(f, buf, off)
}

/// Reads as much of `[off, off + out.len())` as the file has.
fn read_full_at(f: &File, out: &mut [u8], off: u64) -> usize {
    let mut n = 0;
    while n < out.len() {
        match read_at(f, &mut out[n..], off + n as u64) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
    n
}

/// An append-only anonymous temporary file (deleted by the system when the
/// TUI exits, even on a crash), with a small write buffer.
///
/// If no temporary file can be made, the bytes stay in memory: the TUI still
/// works, only without the memory bound.
#[derive(Debug, Default)]
pub struct Spill {
    file: Option<File>,
    /// Tried to make the file (and failed, if `file` is `None`).
    tried: bool,
    /// Writing failed (a full disk): what was written stays readable, the
    /// rest stays in `buf`.
    full: bool,
    /// Bytes appended but not yet written (all of them without a file).
    buf: Vec<u8>,
    /// Bytes written to the file; `buf` follows them.
    written: u64,
}

/// Bytes gathered before they are written out.
const SPILL_BUF: usize = 1 << 20;

impl Spill {
    /// Keeps bytes in a shared spill; returns where.
    pub fn keep_shared(&mut self, bytes: &[u8]) -> Loc {
        let len = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
        let at = self.append(&bytes[..len as usize]);
        Loc {
            at: (at & !FLAGS) | IN_SHARED,
            len,
        }
    }

    /// Appends bytes; returns their offset.
    pub fn append(&mut self, bytes: &[u8]) -> u64 {
        let at = self.written + self.buf.len() as u64;
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= SPILL_BUF {
            self.flush();
        }
        at
    }

    fn flush(&mut self) {
        if !self.tried {
            self.tried = true;
            self.file = tempfile::tempfile().ok();
        }
        let Some(f) = self.file.as_ref().filter(|_| !self.full) else {
            return;
        };
        let mut done = 0;
        while done < self.buf.len() {
            match write_at(f, &self.buf[done..], self.written + done as u64) {
                Ok(0) => break,
                Ok(k) => done += k,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        if done < self.buf.len() {
            // The disk is full: keep the rest in memory from here on.
            self.buf.drain(..done);
            self.written += done as u64;
            self.full = true;
            return;
        }
        self.written += done as u64;
        self.buf.clear();
    }

    /// Reads from `off`; returns how many bytes were there.
    pub fn read(&self, off: u64, out: &mut [u8]) -> usize {
        let mut n = 0;
        if off < self.written {
            if let Some(f) = &self.file {
                let want = out.len().min((self.written - off) as usize);
                n = read_full_at(f, &mut out[..want], off);
                if n < want || n == out.len() {
                    return n;
                }
            } else {
                return 0;
            }
        }
        let at = off + n as u64 - self.written;
        let Ok(at) = usize::try_from(at) else {
            return n;
        };
        if at < self.buf.len() {
            let k = (out.len() - n).min(self.buf.len() - at);
            out[n..n + k].copy_from_slice(&self.buf[at..at + k]);
            n += k;
        }
        n
    }

    /// Bytes of memory it holds (its write buffer).
    pub fn heap_bytes(&self) -> usize {
        self.buf.capacity()
    }
}

/// The bytes behind the TUI's rows: the capture file to read packets back
/// from, and the spill.
#[derive(Debug, Default)]
pub struct Store {
    capture: Option<File>,
    /// The loading thread's spill, read here.
    shared: Option<Arc<Mutex<Spill>>>,
    /// Where each packet's captured bytes are, in the order of
    /// `Index::packets`.
    pub packets: Vec<Loc>,
    /// Everything kept that is in no file.
    pub spill: Spill,
}

impl Store {
    /// Reads packets back from this file (the capture, or stdin's spool).
    pub fn set_capture(&mut self, f: File) {
        self.capture = Some(f);
    }

    /// Reads the loading thread's spill. It is shared (the loader holds
    /// the lock only to append), so bytes it could not write out (a full
    /// disk) are still read from its memory.
    pub fn set_shared(&mut self, s: Arc<Mutex<Spill>>) {
        self.shared = Some(s);
    }

    /// Notes the next packet's bytes, at `offset` in the capture file.
    pub fn push_packet_at(&mut self, offset: u64, len: u32) {
        self.packets.push(Loc::in_capture(offset, len));
    }

    /// Keeps the next packet's bytes, handed over in memory, in the spill.
    pub fn push_packet_bytes(&mut self, bytes: &[u8]) {
        let len = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
        let at = self.spill.append(&bytes[..len as usize]);
        self.packets.push(Loc::in_spill(at, len));
    }

    /// Keeps bytes in the spill; returns where.
    pub fn spill(&mut self, bytes: &[u8]) -> Loc {
        let len = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
        Loc::in_spill(self.spill.append(&bytes[..len as usize]), len)
    }

    /// Reads from `from` within the bytes at `loc` into `out`; returns how
    /// many there were.
    pub fn read(&self, loc: Loc, from: u64, out: &mut [u8]) -> usize {
        let len = u64::from(loc.len);
        if from >= len {
            return 0;
        }
        let want = out.len().min((len - from) as usize);
        let (flags, at) = loc.parts();
        match flags {
            IN_SPILL => self.spill.read(at + from, &mut out[..want]),
            IN_SHARED => self.shared.as_ref().map_or(0, |s| {
                s.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .read(at + from, &mut out[..want])
            }),
            _ => match &self.capture {
                Some(f) => read_full_at(f, &mut out[..want], at + from),
                None => 0,
            },
        }
    }

    /// All the bytes at `loc` (as many as can be read).
    pub fn get(&self, loc: Loc) -> Vec<u8> {
        let mut v = vec![0; loc.len as usize];
        let n = self.read(loc, 0, &mut v);
        v.truncate(n);
        v
    }

    /// The captured bytes of the `i`-th packet.
    pub fn packet(&self, i: usize) -> Option<Vec<u8>> {
        self.packets.get(i).map(|l| self.get(*l))
    }
}

/// Standard input, copied to a temporary file as it is read, so that its
/// packets can be read back later like a file's.
pub struct Spool<R> {
    inner: R,
    file: File,
}

impl<R: Read> Spool<R> {
    /// Spools `inner`; returns the reader and a handle to read the file.
    pub fn new(inner: R) -> io::Result<(Spool<R>, File)> {
        let file = tempfile::tempfile()?;
        let back = file.try_clone()?;
        Ok((Spool { inner, file }, back))
    }
}

impl<R: Read> Read for Spool<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let k = self.inner.read(buf)?;
        // Written before the parser sees the bytes, so any packet it
        // reports is already in the file.
        self.file.write_all(&buf[..k])?;
        Ok(k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loc_is_twelve_bytes() {
        assert_eq!(std::mem::size_of::<Loc>(), 12);
    }

    #[test]
    fn the_spill_reads_back_what_was_appended_across_the_buffer() {
        let mut s = Spill::default();
        let mut offs = Vec::new();
        for i in 0..40u32 {
            let chunk: Vec<u8> = (0..(100_000 + i)).map(|k| (k ^ i) as u8).collect();
            offs.push((s.append(&chunk), chunk));
        }
        assert!(
            s.heap_bytes() <= 2 * SPILL_BUF,
            "the spill stays off the heap"
        );
        for (off, chunk) in &offs {
            let mut out = vec![0; chunk.len()];
            assert_eq!(s.read(*off, &mut out), chunk.len());
            assert_eq!(&out, chunk);
        }
        let mut out = [0u8; 8];
        assert_eq!(s.read(s.written + s.buf.len() as u64, &mut out), 0);
    }

    #[test]
    fn packets_read_back_from_the_file_equal_what_the_reader_saw() {
        for path in [
            "samples/fastapi-echo.pcap",
            "samples/fastapi-echo.pcapng",
            "samples/linktype-loop.pcap",
        ] {
            let mut st = Store::default();
            st.set_capture(File::open(path).unwrap());
            let mut seen = Vec::new();
            crate::capture::CaptureReader::open(path)
                .unwrap()
                .for_each_packet(|p| {
                    st.push_packet_at(p.data_offset, p.data.len() as u32);
                    seen.push(p.data.to_vec());
                    std::ops::ControlFlow::Continue(())
                })
                .unwrap();
            assert!(!seen.is_empty());
            for (i, want) in seen.iter().enumerate() {
                assert_eq!(st.packet(i).as_ref(), Some(want), "{path} packet {i}");
            }
        }
    }
}
