//! Reading the capture off the UI thread.
//!
//! The analysis runs in a background thread and sends its records in
//! batches over a bounded channel, with how far into the file it got, so the
//! first rows appear at once and the UI keeps answering keys on a capture of
//! any size. Tests use [`load_sync`], which feeds the very same records to
//! the [`App`] on the calling thread.

use std::cell::RefCell;
use std::io::Read;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::app::App;
use super::index::spill_record;
use super::store::{Loc, Spill, Spool};
use crate::analyze::{analyze_with_stream, Options};
use crate::capture::{CaptureError, CaptureErrorKind, CaptureReader, Packet};
use crate::model::Record;

/// One thing the analysis produced.
// Records are moved once, from the loader to the model; boxing them would
// cost an allocation each for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Item {
    /// A record.
    Rec(Record),
    /// A packet's raw bytes (just before its `Packet` record), handed over
    /// in memory (tests and synthetic captures).
    Bytes(Vec<u8>),
    /// Where a packet's bytes are in the capture file (just before its
    /// `Packet` record): offset and captured length.
    At(u64, u32),
    /// A record whose long payload or message content the loading thread
    /// already moved to the spill file, and where it is there: the big
    /// bytes never cross the channel nor wait in it.
    Spilled(Record, Loc),
    /// Where a piece of a connection's reassembled stream is (the Follow
    /// view reads it back from the packet).
    Piece(crate::model::StreamPiece),
}

/// A message from the loading thread.
#[derive(Debug)]
pub enum LoadMsg {
    /// Items, and bytes of the file read so far.
    Batch(Vec<Item>, u64),
    /// The end, with the error that stopped reading, if any.
    Done(u64, Option<String>),
}

/// Counts the bytes pulled from the file, for the progress indicator.
struct Counting<R> {
    inner: R,
    n: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let k = self.inner.read(buf)?;
        self.n.fetch_add(k as u64, Ordering::Relaxed);
        Ok(k)
    }
}

/// An opened capture, ready to be read in the background.
pub struct Opened {
    reader: CaptureReader,
    /// A second handle on the capture (or stdin's spool) for reading
    /// packets back.
    file: std::fs::File,
    /// The spill the loading thread writes long payloads to, shared with
    /// the app that reads them (none: the app spills them itself).
    spill: Option<Arc<Mutex<Spill>>>,
    counter: Arc<AtomicU64>,
    /// The file size, when known (not for standard input).
    pub total: Option<u64>,
}

/// Opens the capture (reading its header), so that an unreadable file is
/// reported before the terminal is taken over.
pub fn open(path: &str) -> Result<Opened, CaptureError> {
    let counter = Arc::new(AtomicU64::new(0));
    let io_err = |e: std::io::Error| CaptureError {
        file: path.to_string(),
        frame: 1,
        offset: 0,
        kind: CaptureErrorKind::from(e),
    };
    let (reader, file, total) = if path == "-" {
        // Standard input is read once: spool it to a temporary file as it
        // comes, and read packets back from there.
        let (spool, back) = Spool::new(std::io::stdin()).map_err(io_err)?;
        let r = Counting {
            inner: spool,
            n: counter.clone(),
        };
        (CaptureReader::from_reader(path, r)?, back, None)
    } else {
        let file = std::fs::File::open(path).map_err(io_err)?;
        let back = file.try_clone().map_err(io_err)?;
        let total = file.metadata().ok().map(|m| m.len());
        let r = Counting {
            inner: file,
            n: counter.clone(),
        };
        (CaptureReader::from_reader(path, r)?, back, total)
    };
    Ok(Opened {
        reader,
        file,
        spill: None,
        counter,
        total,
    })
}

/// Opens the capture the way [`open`] does, for an [`App`] about to be fed
/// from it: the app gets the handle to read packets back from.
pub fn open_for(app: &mut App, path: &str) -> Result<Opened, CaptureError> {
    let mut o = open(path)?;
    let spill = Arc::new(Mutex::new(Spill::default()));
    app.set_spill(spill.clone());
    o.spill = Some(spill);
    app.set_capture_file(o.file.try_clone().map_err(|e| CaptureError {
        file: path.to_string(),
        frame: 1,
        offset: 0,
        kind: e.into(),
    })?);
    Ok(o)
}

fn at(p: &Packet<'_>) -> Item {
    Item::At(
        p.data_offset,
        u32::try_from(p.data.len()).unwrap_or(u32::MAX),
    )
}

/// Items per batch before it is sent.
const BATCH_ITEMS: usize = 4096;
/// Longest a batch waits before it is sent.
const BATCH_TIME: Duration = Duration::from_millis(50);

struct Batcher {
    items: Vec<Item>,
    spill: Option<Arc<Mutex<Spill>>>,
    since: Instant,
    tx: SyncSender<LoadMsg>,
    counter: Arc<AtomicU64>,
}

impl Batcher {
    fn add(&mut self, it: Item) {
        self.items.push(it);
        if self.items.len() >= BATCH_ITEMS
            || (self.items.len().is_multiple_of(64) && self.since.elapsed() >= BATCH_TIME)
        {
            self.flush();
        }
    }
    /// Spills a record's long payload, if there is a spill file.
    fn rec(&mut self, mut rec: Record) {
        let item = match &self.spill {
            Some(sp) => {
                let mut sp = sp.lock().unwrap_or_else(|e| e.into_inner());
                match spill_record(&mut rec, |b| sp.keep_shared(b)) {
                    Some(loc) => Item::Spilled(rec, loc),
                    None => Item::Rec(rec),
                }
            }
            None => Item::Rec(rec),
        };
        self.add(item);
    }
    fn flush(&mut self) {
        let items = std::mem::take(&mut self.items);
        // The UI may have quit: nothing to do then.
        let _ = self
            .tx
            .send(LoadMsg::Batch(items, self.counter.load(Ordering::Relaxed)));
        self.since = Instant::now();
    }
}

/// Starts the analysis thread; its batches arrive on the returned channel.
pub fn spawn(opened: Opened, opts: &Options) -> Receiver<LoadMsg> {
    // Two batches in flight at most: each holds up to BATCH_ITEMS records,
    // and a deeper queue only held more of them in memory at once.
    let (tx, rx) = sync_channel(2);
    let mut opts = opts.clone();
    opts.packets = true;
    let Opened {
        mut reader,
        counter,
        spill,
        ..
    } = opened;
    std::thread::Builder::new()
        .name("wsdissect-loader".into())
        .spawn(move || {
            let b = RefCell::new(Batcher {
                items: Vec::with_capacity(BATCH_ITEMS),
                spill,
                since: Instant::now(),
                tx: tx.clone(),
                counter: counter.clone(),
            });
            let mut sink = |rec: Record| b.borrow_mut().rec(rec);
            let mut on_packet = |p: &Packet<'_>| b.borrow_mut().add(at(p));
            let mut on_piece = |p| b.borrow_mut().add(Item::Piece(p));
            let res =
                analyze_with_stream(&mut reader, &opts, &mut sink, &mut on_packet, &mut on_piece);
            b.borrow_mut().flush();
            // Worded in the language the notes are worded in (`--lang`).
            let l = crate::i18n::L10n::get(opts.dissect.lang);
            let _ = tx.send(LoadMsg::Done(
                counter.load(Ordering::Relaxed),
                res.err().map(|e| e.words(l)),
            ));
        })
        .expect("spawning the loader thread");
    rx
}

/// Hands one message to the app; returns true at the end.
pub fn apply(app: &mut App, msg: LoadMsg, total: Option<u64>) -> bool {
    match msg {
        LoadMsg::Batch(items, read) => {
            for it in items {
                match it {
                    Item::Rec(r) => app.push_record(r),
                    Item::Bytes(b) => app.push_bytes(b),
                    Item::At(off, len) => app.push_packet_at(off, len),
                    Item::Spilled(r, loc) => app.push_spilled(r, Some(loc)),
                    Item::Piece(p) => app.push_piece(p),
                }
            }
            app.end_batch();
            app.set_progress(read, total);
            false
        }
        LoadMsg::Done(_, err) => {
            app.finish(err);
            true
        }
    }
}

/// Loads a whole capture on this thread (tests; deterministic). The app
/// speaks the language of the notes (`opts.dissect.lang`), errors included.
pub fn load_sync(path: &str, opts: &Options) -> Result<App, String> {
    let mut app = App::new(path);
    app.set_lang(opts.dissect.lang);
    let l = app.l();
    let Opened { mut reader, .. } = open_for(&mut app, path).map_err(|e| e.words(l))?;
    let mut opts = opts.clone();
    opts.packets = true;
    let app = RefCell::new(app);
    let mut sink = |rec: Record| app.borrow_mut().push_record(rec);
    let mut on_packet = |p: &Packet<'_>| {
        let Item::At(off, len) = at(p) else { return };
        app.borrow_mut().push_packet_at(off, len);
    };
    let mut on_piece = |p| app.borrow_mut().push_piece(p);
    let res = analyze_with_stream(&mut reader, &opts, &mut sink, &mut on_packet, &mut on_piece);
    let mut app = app.into_inner();
    app.finish(res.err().map(|e| e.words(l)));
    Ok(app)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::index::KEEP;

    /// The background loader spills long payloads itself (in its thread,
    /// into the spill it shares with the app); every payload, message and
    /// rebuilt frame must read back exactly as with the loader on the
    /// calling thread.
    #[test]
    fn the_background_loader_spills_and_reads_back_what_load_sync_reads() {
        let mut spilled = 0;
        for path in [
            "samples/fastapi-echo.pcap",
            "samples/websockets-deflate.pcap",
            "samples/wss-browser-fastapi-secrets.pcapng",
        ] {
            let opts = Options::default();
            let sync = load_sync(path, &opts).unwrap();
            let mut app = App::new(path);
            let opened = open_for(&mut app, path).unwrap();
            let rx = spawn(opened, &opts);
            while let Ok(m) = rx.recv() {
                if apply(&mut app, m, None) {
                    break;
                }
            }
            let (ds, da) = (sync.dissection(), app.dissection());
            let (is, ia) = (sync.index(), app.index());
            assert_eq!(is.frames.len(), ia.frames.len(), "{path}");
            assert_eq!(is.messages.len(), ia.messages.len(), "{path}");
            assert!(!ia.frames.is_empty(), "{path}");
            for (s, a) in is.frames.iter().zip(ia.frames.iter()) {
                let (s, a) = (&*s, &*a);
                let want = is.payload(ds, s, usize::MAX);
                assert_eq!(want, ia.payload(da, a, usize::MAX), "{path} #{}", s.index);
                let len = (u64::from(s.header.header_len) + want.len() as u64) as usize;
                let (mut x, mut y) = (vec![0; len], vec![0; len]);
                assert_eq!(
                    is.read_sent(ds, s, 0, &mut x),
                    ia.read_sent(da, a, 0, &mut y)
                );
                assert_eq!(x, y, "{path} #{}", s.index);
                spilled += usize::from(want.len() > KEEP);
            }
            for (s, a) in is.messages.iter().zip(ia.messages.iter()) {
                let (s, a) = (&*s, &*a);
                assert_eq!(
                    is.message_bytes(ds, s, usize::MAX),
                    ia.message_bytes(da, a, usize::MAX),
                    "{path} message #{}",
                    s.index
                );
            }
            assert_eq!(ia.spilled_frames.len(), is.spilled_frames.len(), "{path}");
        }
        assert!(spilled > 10, "{spilled} long payloads");
    }
}
