//! The TUI's per-packet records, kept in a temporary file.
//!
//! A capture of a million tiny frames makes a million packet, frame and
//! message records; on the heap they cost about 900 bytes a packet, ten
//! times the capture (issue 16). [`Records`] keeps them as their compact
//! binary form ([`crate::model::codec`]) in an anonymous temporary file, in
//! chunks of [`CHUNK`], and decodes a chunk when one of its records is
//! looked at, keeping the last few decoded chunks. The screen shows a few
//! dozen neighbouring rows, so a redraw decodes a chunk or two at most, and
//! a scan of every record (a filter, a search) decodes each chunk once.
//!
//! Memory per record is nothing but its share of a chunk's place (16 bytes
//! per [`CHUNK`] records); the last, unfinished chunk stays decoded.

use std::cell::RefCell;
use std::ops::Deref;
use std::rc::Rc;

use super::store::Spill;
use crate::model::codec::{Codec, Reader};

/// Records per chunk: a chunk decodes in some tens of microseconds, and the
/// unfinished one holds at most this many on the heap.
pub const CHUNK: usize = 256;
/// Decoded chunks kept per [`Records`].
const CACHED: usize = 8;

/// The spill file the [`Records`] of one index share (one file and one
/// write buffer for all of them: thousands of connections must not make
/// thousands of files).
pub type SharedSpill = Rc<RefCell<Spill>>;

/// A chunk's place in the spill: offset and length.
#[derive(Debug, Clone, Copy)]
struct Place {
    at: u64,
    len: u32,
}

/// A list of records that lives in a temporary file; see the module doc.
pub struct Records<T> {
    /// Where the chunks are, given by the first push that sends one.
    spill: Option<SharedSpill>,
    chunks: Vec<Place>,
    /// The records after the last full chunk, decoded.
    tail: Vec<T>,
    /// Recently decoded chunks, the most recent first.
    cache: RefCell<Vec<(usize, Rc<Vec<T>>)>>,
}

impl<T> std::fmt::Debug for Records<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Records")
            .field("len", &self.len())
            .field("chunks", &self.chunks.len())
            .finish()
    }
}

impl<T> Default for Records<T> {
    fn default() -> Self {
        Records {
            spill: None,
            chunks: Vec::new(),
            tail: Vec::new(),
            cache: RefCell::new(Vec::new()),
        }
    }
}

/// One record, borrowed from the unfinished chunk or shared with a decoded
/// one: reads like a `&T`.
pub enum Rec<'a, T> {
    /// In the unfinished chunk.
    Tail(&'a T),
    /// In a decoded chunk, at this position.
    Kept(Rc<Vec<T>>, usize),
}

impl<T> Deref for Rec<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        match self {
            Rec::Tail(t) => t,
            Rec::Kept(c, i) => &c[*i],
        }
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Rec<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

impl<T> Records<T> {
    /// How many records.
    pub fn len(&self) -> usize {
        self.chunks.len() * CHUNK + self.tail.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Gives back growth room (once loading has ended).
    pub fn shrink(&mut self) {
        self.chunks.shrink_to_fit();
    }

    /// Heap bytes held, the decoded chunks in the cache aside.
    pub fn heap_bytes(&self) -> usize {
        self.chunks.capacity() * std::mem::size_of::<Place>()
            + self.tail.capacity() * std::mem::size_of::<T>()
    }
}

impl<T: Codec> Records<T> {
    /// Appends a record; every [`CHUNK`]th one sends a chunk to `spill`
    /// (always the same one for a list).
    pub fn push(&mut self, v: T, spill: &SharedSpill) {
        self.tail.push(v);
        if self.tail.len() == CHUNK {
            let mut buf = Vec::with_capacity(CHUNK * 64);
            for r in &self.tail {
                r.put(&mut buf);
            }
            // A chunk past 4 GiB cannot be (records are small: long
            // payloads are spilled on their own); it would stay decoded.
            if let Ok(len) = u32::try_from(buf.len()) {
                let spill = self.spill.get_or_insert_with(|| spill.clone());
                let at = spill.borrow_mut().append(&buf);
                self.chunks.push(Place { at, len });
                self.tail.clear();
            }
        }
    }

    /// The `i`th record.
    pub fn get(&self, i: usize) -> Option<Rec<'_, T>> {
        let c = i / CHUNK;
        if c >= self.chunks.len() {
            return self.tail.get(i - self.chunks.len() * CHUNK).map(Rec::Tail);
        }
        let chunk = self.chunk(c)?;
        let k = i % CHUNK;
        (k < chunk.len()).then(|| Rec::Kept(chunk, k))
    }

    /// The last record.
    pub fn last(&self) -> Option<Rec<'_, T>> {
        self.len().checked_sub(1).and_then(|i| self.get(i))
    }

    /// Every record in order, a chunk decoded at a time.
    pub fn iter(&self) -> impl Iterator<Item = Rec<'_, T>> + '_ {
        (0..self.len()).map_while(|i| self.get(i))
    }

    /// The first index whose record is not `pred` (the records being
    /// partitioned by it), as `slice::partition_point`.
    pub fn partition_point(&self, mut pred: impl FnMut(&T) -> bool) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.get(mid) {
                Some(r) if pred(&r) => lo = mid + 1,
                _ => hi = mid,
            }
        }
        lo
    }

    fn chunk(&self, c: usize) -> Option<Rc<Vec<T>>> {
        let mut cache = self.cache.borrow_mut();
        if let Some(p) = cache.iter().position(|(k, _)| *k == c) {
            let hit = cache.remove(p);
            let v = hit.1.clone();
            cache.insert(0, hit);
            return Some(v);
        }
        let place = *self.chunks.get(c)?;
        let mut buf = vec![0; place.len as usize];
        if self.spill.as_ref()?.borrow().read(place.at, &mut buf) != buf.len() {
            return None;
        }
        let mut r = Reader::new(&buf);
        let mut v = Vec::with_capacity(CHUNK);
        for _ in 0..CHUNK {
            v.push(T::get(&mut r)?);
        }
        let v = Rc::new(v);
        cache.insert(0, (c, v.clone()));
        cache.truncate(CACHED);
        Some(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_read_back_in_order_across_chunks_and_the_tail() {
        let mut r: Records<u64> = Records::default();
        let spill = SharedSpill::default();
        let n = CHUNK * 20 + 7;
        for i in 0..n as u64 {
            r.push(i * 1_000_003, &spill);
        }
        assert_eq!(r.len(), n);
        // Random access far apart, more chunks than the cache holds.
        for i in (0..n).rev().step_by(97) {
            assert_eq!(*r.get(i).unwrap(), i as u64 * 1_000_003);
        }
        assert!(r.get(n).is_none());
        assert_eq!(*r.last().unwrap(), (n as u64 - 1) * 1_000_003);
        assert!(r
            .iter()
            .map(|x| *x)
            .eq((0..n as u64).map(|i| i * 1_000_003)));
        assert_eq!(r.partition_point(|&x| x < 5000 * 1_000_003), 5000);
        assert!(
            r.heap_bytes() <= CHUNK * 8 + 32 * 16,
            "only the unfinished chunk is on the heap: {}",
            r.heap_bytes()
        );
    }

    #[test]
    fn many_lists_share_one_spill() {
        let spill = SharedSpill::default();
        let mut a: Records<u32> = Records::default();
        let mut b: Records<u32> = Records::default();
        for i in 0..(CHUNK * 3) as u32 {
            a.push(i, &spill);
            b.push(i + 1, &spill);
        }
        assert_eq!(Rc::strong_count(&spill), 3, "one file for both");
        assert!((0..CHUNK * 3).all(|i| *a.get(i).unwrap() + 1 == *b.get(i).unwrap()));
    }
}
