//! A streaming walker over chunked bodies (RFC 9112 §7.1): finds where a body
//! ends without buffering it, so the head that follows can be parsed.

use serde::Serialize;

use super::head::HttpError;

/// Progress report of [`ChunkedSkipper::feed`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ChunkProgress {
    /// Bytes of the input that belong to the chunked body.
    pub consumed: usize,
    /// The last chunk and trailer section have been seen; later bytes are not part of the body.
    pub done: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ChunkState {
    /// Reading hex digits of chunk-size; `any` tells whether one was seen.
    Size {
        size: u64,
        any: bool,
    },
    /// In chunk-ext / BWS after the size, until LF.
    Ext {
        size: u64,
    },
    /// Saw CR ending the size line, expecting LF.
    SizeLf {
        size: u64,
    },
    /// Inside chunk-data.
    Data {
        remaining: u64,
    },
    /// Expecting CRLF (or lone LF) after chunk-data.
    DataCr,
    /// Saw CR after chunk-data, expecting LF.
    DataLf,
    /// At the start of a trailer line (or the final empty line).
    TrailerStart,
    /// Inside a trailer field line, until LF.
    Trailer,
    /// Saw CR at a trailer line start, expecting LF.
    TrailerEndLf,
    Done,
    Failed {
        offset: usize,
        reason: &'static str,
    },
}

/// Walks a chunked body (RFC 9112 §7.1) as bytes arrive, without buffering, to
/// find where it ends. Works across arbitrary splits; sizes are checked for
/// `u64` overflow.
#[derive(Debug, Clone)]
pub struct ChunkedSkipper {
    state: ChunkState,
    pos: u64,
    data_bytes: u64,
    chunks: u64,
}

impl Default for ChunkedSkipper {
    fn default() -> Self {
        Self::new()
    }
}

impl ChunkedSkipper {
    /// Start at the first chunk-size line.
    pub fn new() -> Self {
        ChunkedSkipper {
            state: ChunkState::Size {
                size: 0,
                any: false,
            },
            pos: 0,
            data_bytes: 0,
            chunks: 0,
        }
    }

    /// Whether the last-chunk and trailers have been consumed.
    pub fn is_done(&self) -> bool {
        self.state == ChunkState::Done
    }

    /// Total chunk-data bytes seen (the decoded body length so far).
    pub fn data_len(&self) -> u64 {
        self.data_bytes
    }

    /// Number of non-empty chunks seen so far.
    pub fn chunk_count(&self) -> u64 {
        self.chunks
    }

    fn fail(&mut self, at: u64, reason: &'static str) -> HttpError {
        let offset = usize::try_from(at).unwrap_or(usize::MAX);
        self.state = ChunkState::Failed { offset, reason };
        HttpError::Invalid { offset, reason }
    }

    /// Feed the next bytes; returns how many belong to the body and whether it
    /// ended. Error offsets count from the body start. After an error every call
    /// returns the same error.
    pub fn feed(&mut self, data: &[u8]) -> Result<ChunkProgress, HttpError> {
        let mut i = 0usize;
        while i < data.len() {
            let at = self.pos.saturating_add(i as u64);
            match self.state {
                ChunkState::Done => break,
                ChunkState::Failed { offset, reason } => {
                    return Err(HttpError::Invalid { offset, reason })
                }
                ChunkState::Data { remaining } => {
                    let avail = data.len().saturating_sub(i);
                    let take = usize::try_from(remaining).map_or(avail, |r| r.min(avail));
                    i = i.saturating_add(take);
                    let left = remaining.saturating_sub(take as u64);
                    self.data_bytes = self.data_bytes.saturating_add(take as u64);
                    self.state = if left == 0 {
                        ChunkState::DataCr
                    } else {
                        ChunkState::Data { remaining: left }
                    };
                    continue;
                }
                _ => {}
            }
            let Some(&b) = data.get(i) else { break };
            i = i.saturating_add(1);
            self.state = match self.state {
                ChunkState::Size { size, any } => match (b as char).to_digit(16) {
                    Some(d) => match size
                        .checked_mul(16)
                        .and_then(|s| s.checked_add(u64::from(d)))
                    {
                        Some(size) => ChunkState::Size { size, any: true },
                        None => {
                            return Err(
                                self.fail(at, "chunk-size overflows 64 bits (RFC 9112 §7.1)")
                            )
                        }
                    },
                    None if !any => {
                        return Err(
                            self.fail(at, "expected a hexadecimal chunk-size (RFC 9112 §7.1)")
                        )
                    }
                    None => match b {
                        b';' | b' ' | b'\t' => ChunkState::Ext { size },
                        b'\r' => ChunkState::SizeLf { size },
                        b'\n' => self.after_size_line(size),
                        _ => {
                            return Err(
                                self.fail(at, "invalid byte after chunk-size (RFC 9112 §7.1)")
                            )
                        }
                    },
                },
                ChunkState::Ext { size } => match b {
                    b'\r' => ChunkState::SizeLf { size },
                    b'\n' => self.after_size_line(size),
                    b'\t' => ChunkState::Ext { size },
                    0..=0x1f | 0x7f => {
                        return Err(
                            self.fail(at, "control character in chunk-ext (RFC 9112 §7.1.1)")
                        )
                    }
                    _ => ChunkState::Ext { size },
                },
                ChunkState::SizeLf { size } => match b {
                    b'\n' => self.after_size_line(size),
                    _ => return Err(self.fail(at, "bare CR in chunk-size line (RFC 9112 §7.1)")),
                },
                ChunkState::DataCr => match b {
                    b'\r' => ChunkState::DataLf,
                    b'\n' => ChunkState::Size {
                        size: 0,
                        any: false,
                    },
                    _ => {
                        return Err(self.fail(at, "chunk-data not followed by CRLF (RFC 9112 §7.1)"))
                    }
                },
                ChunkState::DataLf => match b {
                    b'\n' => ChunkState::Size {
                        size: 0,
                        any: false,
                    },
                    _ => {
                        return Err(self.fail(at, "chunk-data not followed by CRLF (RFC 9112 §7.1)"))
                    }
                },
                ChunkState::TrailerStart => match b {
                    b'\r' => ChunkState::TrailerEndLf,
                    b'\n' => ChunkState::Done,
                    _ => ChunkState::Trailer,
                },
                ChunkState::Trailer => match b {
                    b'\n' => ChunkState::TrailerStart,
                    0 => return Err(self.fail(at, "NUL byte in trailer field (RFC 9110 §5.5)")),
                    _ => ChunkState::Trailer,
                },
                ChunkState::TrailerEndLf => match b {
                    b'\n' => ChunkState::Done,
                    _ => {
                        return Err(
                            self.fail(at, "bare CR at the end of a chunked body (RFC 9112 §7.1)")
                        )
                    }
                },
                s @ (ChunkState::Data { .. } | ChunkState::Done | ChunkState::Failed { .. }) => s,
            };
        }
        self.pos = self.pos.saturating_add(i as u64);
        Ok(ChunkProgress {
            consumed: i,
            done: self.state == ChunkState::Done,
        })
    }

    fn after_size_line(&mut self, size: u64) -> ChunkState {
        if size == 0 {
            ChunkState::TrailerStart
        } else {
            self.chunks = self.chunks.saturating_add(1);
            ChunkState::Data { remaining: size }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::test_support::split_points;
    use proptest::prelude::*;

    #[test]
    fn chunked_basic() {
        let body = b"4\r\nWiki\r\n5;ext=1\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nExpires: never\r\n\r\nNEXT";
        let mut s = ChunkedSkipper::new();
        let p = s.feed(body).unwrap();
        assert_eq!(
            p,
            ChunkProgress {
                consumed: body.len() - 4,
                done: true
            }
        );
        assert_eq!(s.data_len(), 4 + 5 + 14);
        assert_eq!(s.chunk_count(), 3);
        assert_eq!(
            s.feed(b"more").unwrap(),
            ChunkProgress {
                consumed: 0,
                done: true
            }
        );
    }

    #[test]
    fn chunked_errors() {
        let mut s = ChunkedSkipper::new();
        assert_eq!(
            s.feed(b"zz\r\n"),
            Err(HttpError::Invalid {
                offset: 0,
                reason: "expected a hexadecimal chunk-size (RFC 9112 §7.1)"
            })
        );
        // Sticky error.
        assert!(s.feed(b"0\r\n\r\n").is_err());
        let mut s = ChunkedSkipper::new();
        assert_eq!(
            s.feed(b"3\r\nabc").unwrap(),
            ChunkProgress {
                consumed: 6,
                done: false
            }
        );
        assert!(matches!(
            s.feed(b"X"),
            Err(HttpError::Invalid { offset: 6, .. })
        ));
        let mut s = ChunkedSkipper::new();
        assert!(matches!(
            s.feed(b"10000000000000000\r\n"),
            Err(HttpError::Invalid { offset: 16, .. })
        ));
        // u64::MAX size is accepted and skipping it never overflows.
        let mut s = ChunkedSkipper::new();
        assert_eq!(s.feed(b"ffffffffffffffff\r\nabc").unwrap().consumed, 21);
        assert!(!s.is_done());
    }

    proptest! {
        #[test]
        fn prop_chunked_any_split(chunks in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 1..40), 0..6), upper in any::<bool>(), lf_only in any::<bool>(), trailers in any::<bool>(), cuts in split_points(400)) {
            let nl: &[u8] = if lf_only { b"\n" } else { b"\r\n" };
            let mut body = Vec::new();
            for c in &chunks {
                let size = if upper { format!("{:X}", c.len()) } else { format!("{:x};name=\"v\"", c.len()) };
                body.extend_from_slice(size.as_bytes());
                body.extend_from_slice(nl);
                body.extend_from_slice(c);
                body.extend_from_slice(nl);
            }
            body.extend_from_slice(b"0");
            body.extend_from_slice(nl);
            if trailers {
                body.extend_from_slice(b"X-Checksum: abc");
                body.extend_from_slice(nl);
            }
            body.extend_from_slice(nl);
            let end = body.len();
            body.extend_from_slice(b"GET / HTTP/1.1\r\n");
            let mut s = ChunkedSkipper::new();
            let mut prev = 0usize;
            let mut total = 0usize;
            let mut done = false;
            for cut in cuts.iter().map(|&c| c.min(body.len())).chain([body.len()]) {
                if cut < prev { continue; }
                let p = s.feed(&body[prev..cut]).unwrap();
                total += p.consumed;
                if p.done { done = true; break; }
                // Until the end, every byte fed belongs to the body.
                prop_assert_eq!(p.consumed, cut - prev);
                prev = cut;
            }
            prop_assert!(done);
            prop_assert_eq!(total, end);
            prop_assert_eq!(s.data_len(), chunks.iter().map(|c| c.len() as u64).sum::<u64>());
        }

    }
}
