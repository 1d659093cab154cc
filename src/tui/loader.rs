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
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::app::App;
use crate::analyze::{analyze_with_bytes, Options};
use crate::capture::{CaptureError, CaptureReader};
use crate::model::Record;

/// One thing the analysis produced.
// Records are moved once, from the loader to the model; boxing them would
// cost an allocation each for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Item {
    /// A record.
    Rec(Record),
    /// A packet's raw bytes (just before its `Packet` record).
    Bytes(Vec<u8>),
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
    counter: Arc<AtomicU64>,
    /// The file size, when known (not for standard input).
    pub total: Option<u64>,
}

/// Opens the capture (reading its header), so that an unreadable file is
/// reported before the terminal is taken over.
pub fn open(path: &str) -> Result<Opened, CaptureError> {
    let counter = Arc::new(AtomicU64::new(0));
    let (reader, total) = if path == "-" {
        let r = Counting {
            inner: std::io::stdin(),
            n: counter.clone(),
        };
        (CaptureReader::from_reader(path, r)?, None)
    } else {
        let file = std::fs::File::open(path).map_err(|e| CaptureError {
            file: path.to_string(),
            frame: 1,
            offset: 0,
            kind: e.into(),
        })?;
        let total = file.metadata().ok().map(|m| m.len());
        let r = Counting {
            inner: file,
            n: counter.clone(),
        };
        (CaptureReader::from_reader(path, r)?, total)
    };
    Ok(Opened {
        reader,
        counter,
        total,
    })
}

/// Items per batch before it is sent.
const BATCH_ITEMS: usize = 4096;
/// Longest a batch waits before it is sent.
const BATCH_TIME: Duration = Duration::from_millis(50);

struct Batcher {
    items: Vec<Item>,
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
    let (tx, rx) = sync_channel(16);
    let mut opts = opts.clone();
    opts.packets = true;
    let Opened {
        mut reader,
        counter,
        ..
    } = opened;
    std::thread::Builder::new()
        .name("wsdissect-loader".into())
        .spawn(move || {
            let b = RefCell::new(Batcher {
                items: Vec::with_capacity(BATCH_ITEMS),
                since: Instant::now(),
                tx: tx.clone(),
                counter: counter.clone(),
            });
            let mut sink = |rec: Record| b.borrow_mut().add(Item::Rec(rec));
            let mut on_bytes =
                |_: u64, bytes: &[u8]| b.borrow_mut().add(Item::Bytes(bytes.to_vec()));
            let res = analyze_with_bytes(&mut reader, &opts, &mut sink, &mut on_bytes);
            b.borrow_mut().flush();
            let _ = tx.send(LoadMsg::Done(
                counter.load(Ordering::Relaxed),
                res.err().map(|e| e.to_string()),
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

/// Loads a whole capture on this thread (tests; deterministic).
pub fn load_sync(path: &str, opts: &Options) -> Result<App, String> {
    let mut reader = CaptureReader::open(path).map_err(|e| e.to_string())?;
    let mut opts = opts.clone();
    opts.packets = true;
    let app = RefCell::new(App::new(path));
    let mut sink = |rec: Record| app.borrow_mut().push_record(rec);
    let mut on_bytes = |_: u64, bytes: &[u8]| app.borrow_mut().push_bytes(bytes.to_vec());
    let res = analyze_with_bytes(&mut reader, &opts, &mut sink, &mut on_bytes);
    let mut app = app.into_inner();
    app.finish(res.err().map(|e| e.to_string()));
    Ok(app)
}
