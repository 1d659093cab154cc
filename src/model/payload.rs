//! Payload bytes that records share instead of copying.
//!
//! A message sent in one frame (FIN set on its first frame, RFC 6455 §5.4)
//! has its frame's unmasked payload as its content, when it was not
//! compressed. The frame record and the message record then hold one
//! buffer: `dump` used to copy every such message (half the bytes of a
//! typical capture) and free both copies (docs/performance.md).

use std::fmt;
use std::ops::Deref;

use bytes::Bytes;

/// Bytes of a payload or a message, cheap to share between records; reads
/// as `&[u8]`.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Payload(Bytes);

impl Payload {
    /// The bytes as a new `Vec`.
    pub fn to_vec(&self) -> Vec<u8> {
        self.0.to_vec()
    }
}

impl Deref for Payload {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl AsRef<[u8]> for Payload {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Payload {
    /// Takes the buffer as it is: no copy.
    fn from(v: Vec<u8>) -> Self {
        Self(Bytes::from(v))
    }
}

impl From<&[u8]> for Payload {
    fn from(v: &[u8]) -> Self {
        Self(Bytes::copy_from_slice(v))
    }
}

impl<const N: usize> From<&[u8; N]> for Payload {
    fn from(v: &[u8; N]) -> Self {
        Self(Bytes::copy_from_slice(v))
    }
}

impl PartialEq<[u8]> for Payload {
    fn eq(&self, other: &[u8]) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<Vec<u8>> for Payload {
    fn eq(&self, other: &Vec<u8>) -> bool {
        *self.0 == **other
    }
}

impl fmt::Debug for Payload {
    /// As a `Vec<u8>` prints (the codec's round-trip test compares `Debug`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

/// A text message's content: a [`Payload`] known to be UTF-8 (RFC 6455
/// §8.1); reads as `&str`.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Text(Payload);

impl Text {
    /// The bytes as text when they are UTF-8 (checked with SIMD: text is
    /// most of what `dump` handles), else the bytes back.
    pub fn from_utf8(p: Payload) -> Result<Self, Payload> {
        if simdutf8::basic::from_utf8(&p).is_ok() {
            Ok(Self(p))
        } else {
            Err(p)
        }
    }

    /// The bytes as text, already checked.
    ///
    /// # Safety
    /// `p` must be valid UTF-8.
    pub unsafe fn from_utf8_unchecked(p: Payload) -> Self {
        Self(p)
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        // SAFETY: every constructor checks (or is told) that the bytes are UTF-8.
        unsafe { std::str::from_utf8_unchecked(&self.0) }
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for Text {
    /// Takes the string's buffer: no copy.
    fn from(s: String) -> Self {
        Self(Payload::from(s.into_bytes()))
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Self(Payload::from(s.as_bytes()))
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Debug for Text {
    /// As a `String` prints.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A frame's payload handed to its message is the same buffer, not a
    /// copy: what the sharing is for.
    #[test]
    fn a_clone_shares_the_buffer() {
        let p = Payload::from(b"hello, world".to_vec());
        let q = p.clone();
        assert_eq!(p.as_ptr(), q.as_ptr());
        let t = Text::from_utf8(q).expect("UTF-8");
        assert_eq!(t.as_ptr(), p.as_ptr());
        assert_eq!(t, "hello, world");
    }

    #[test]
    fn bytes_that_are_not_utf8_come_back() {
        let p = Payload::from(vec![b'a', 0xff, b'b']);
        let back = Text::from_utf8(p.clone()).expect_err("not UTF-8");
        assert_eq!(back, p);
    }

    /// In every sample, a message sent as is in one frame holds that
    /// frame's very buffer: the copy this type exists to avoid stays gone.
    #[test]
    fn a_one_frame_message_holds_its_frames_buffer() {
        use crate::model::Record;
        let mut last = std::collections::HashMap::new();
        let mut shared = 0;
        crate::model::each_sample_record(|path, rec| match rec {
            Record::Frame(f) => {
                last.insert(
                    (path.to_owned(), f.stream, f.direction),
                    (f.index, f.payload.as_ptr(), f.payload.len()),
                );
            }
            Record::Message(m) if m.ws_frames.len() == 1 && !m.compressed && m.complete => {
                let bytes = m.bytes();
                let Some(&(index, ptr, len)) = last.get(&(path.to_owned(), m.stream, m.direction))
                else {
                    panic!("{path}: message {} before its frame", m.index);
                };
                assert_eq!(index, m.ws_frames[0], "{path}");
                assert_eq!(len, bytes.len(), "{path}: message {}", m.index);
                if len > 0 {
                    assert_eq!(ptr, bytes.as_ptr(), "{path}: message {} copied", m.index);
                    shared += 1;
                }
            }
            _ => {}
        });
        assert!(shared > 100, "{shared}");
    }

    /// `Debug` prints as the types the records held before (the codec's
    /// round-trip test and snapshots compare it).
    #[test]
    fn debug_prints_as_vec_and_string() {
        assert_eq!(format!("{:?}", Payload::from(vec![1, 2])), "[1, 2]");
        assert_eq!(format!("{:?}", Text::from("a\"b")), format!("{:?}", "a\"b"));
    }
}
