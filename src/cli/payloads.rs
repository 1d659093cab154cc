//! `dump --payloads`: which payload bytes the JSON output carries.
//!
//! The payload fields are most of `dump`'s output (a compression-heavy
//! capture makes 20 times its size in NDJSON: every frame's payload and
//! every decompressed message), while a count, a timing or a rule check
//! needs none of them. The writer leaves these keys out of the frame and
//! message records; every record is still written, and every other field
//! is the same (docs/json.md, "Payloads").

use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

use crate::model::Record;

/// `dump --payloads`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Payloads {
    /// No payload bytes: frames without `payload_base64`, messages without
    /// `text` and `data_base64`.
    None,
    /// Frames' payloads (`payload_base64`), as on the wire; messages
    /// without `text` and `data_base64`.
    Frames,
    /// Messages' contents (`text`, `data_base64`), decompressed; frames
    /// without `payload_base64`.
    Messages,
    /// Both (the default: the output as it always was).
    #[default]
    All,
}

/// The frame record's payload key.
pub(super) const FRAME_KEYS: &[&str] = &["\"payload_base64\""];
/// The message record's content keys.
pub(super) const MESSAGE_KEYS: &[&str] = &["\"text\"", "\"data_base64\""];

impl Payloads {
    /// The keys (as JSON strings, quotes included) to leave out of `rec`.
    fn dropped(self, rec: &Record) -> &'static [&'static str] {
        match (self, rec) {
            (Payloads::None | Payloads::Messages, Record::Frame(_)) => FRAME_KEYS,
            (Payloads::None | Payloads::Frames, Record::Message(_)) => MESSAGE_KEYS,
            _ => &[],
        }
    }

    /// Appends `rec` to `out` as compact JSON without the payload keys
    /// this choice drops; exactly what `serde_json::to_writer` writes when it
    /// drops none.
    pub fn write_json(self, out: &mut Vec<u8>, rec: &Record) -> serde_json::Result<()> {
        let drop = self.dropped(rec);
        crate::model::serialize_direct(out, |ser| {
            if drop.is_empty() {
                return rec.serialize(ser);
            }
            rec.serialize(DropKeys { inner: ser, drop })
        })
    }
}

/// A serializer that writes like `inner` but leaves the entries whose keys
/// are in `drop` out of the record's top-level object. serde's derive
/// writes a record with flattened fields (frames and messages have them)
/// as a map, and others as a struct; both are filtered. Nested values are
/// written by `inner` unchanged.
struct DropKeys<'d, S> {
    inner: S,
    drop: &'d [&'d str],
}

/// Whether `key` serializes to one of `drop` (the derive's keys are string
/// literals; anything else is kept).
fn is_dropped<K: Serialize + ?Sized>(key: &K, drop: &[&str]) -> bool {
    let mut buf = [0u8; 32];
    let mut w = &mut buf[..];
    let room = w.len();
    if serde_json::to_writer(&mut w, key).is_err() {
        return false;
    }
    let n = room - w.len();
    drop.iter().any(|d| d.as_bytes() == &buf[..n])
}

/// The filtered top-level map.
struct DropMap<'d, M> {
    inner: M,
    drop: &'d [&'d str],
}

impl<M: SerializeMap> SerializeMap for DropMap<'_, M> {
    type Ok = M::Ok;
    type Error = M::Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), M::Error> {
        self.inner.serialize_key(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), M::Error> {
        self.inner.serialize_value(value)
    }
    fn serialize_entry<K: Serialize + ?Sized, V: Serialize + ?Sized>(
        &mut self,
        key: &K,
        value: &V,
    ) -> Result<(), M::Error> {
        if is_dropped(key, self.drop) {
            return Ok(());
        }
        self.inner.serialize_entry(key, value)
    }
    fn end(self) -> Result<M::Ok, M::Error> {
        self.inner.end()
    }
}

/// The filtered top-level struct.
struct DropStruct<'d, T> {
    inner: T,
    drop: &'d [&'d str],
}

impl<T: SerializeStruct> SerializeStruct for DropStruct<'_, T> {
    type Ok = T::Ok;
    type Error = T::Error;
    fn serialize_field<V: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &V,
    ) -> Result<(), T::Error> {
        if is_dropped(key, self.drop) {
            return self.inner.skip_field(key);
        }
        self.inner.serialize_field(key, value)
    }
    fn end(self) -> Result<T::Ok, T::Error> {
        self.inner.end()
    }
}

/// Forwards a method to `inner` unchanged.
macro_rules! forward {
    ($($name:ident($($arg:ident: $ty:ty),*) -> $ret:ty;)*) => {$(
        fn $name(self, $($arg: $ty),*) -> Result<$ret, S::Error> {
            self.inner.$name($($arg),*)
        }
    )*};
}

impl<'d, S: Serializer> Serializer for DropKeys<'d, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = S::SerializeSeq;
    type SerializeTuple = S::SerializeTuple;
    type SerializeTupleStruct = S::SerializeTupleStruct;
    type SerializeTupleVariant = S::SerializeTupleVariant;
    type SerializeMap = DropMap<'d, S::SerializeMap>;
    type SerializeStruct = DropStruct<'d, S::SerializeStruct>;
    type SerializeStructVariant = S::SerializeStructVariant;

    forward! {
        serialize_bool(v: bool) -> S::Ok;
        serialize_i8(v: i8) -> S::Ok;
        serialize_i16(v: i16) -> S::Ok;
        serialize_i32(v: i32) -> S::Ok;
        serialize_i64(v: i64) -> S::Ok;
        serialize_u8(v: u8) -> S::Ok;
        serialize_u16(v: u16) -> S::Ok;
        serialize_u32(v: u32) -> S::Ok;
        serialize_u64(v: u64) -> S::Ok;
        serialize_f32(v: f32) -> S::Ok;
        serialize_f64(v: f64) -> S::Ok;
        serialize_char(v: char) -> S::Ok;
        serialize_str(v: &str) -> S::Ok;
        serialize_bytes(v: &[u8]) -> S::Ok;
        serialize_none() -> S::Ok;
        serialize_unit() -> S::Ok;
        serialize_unit_struct(name: &'static str) -> S::Ok;
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str) -> S::Ok;
        serialize_seq(len: Option<usize>) -> S::SerializeSeq;
        serialize_tuple(len: usize) -> S::SerializeTuple;
        serialize_tuple_struct(name: &'static str, len: usize) -> S::SerializeTupleStruct;
        serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> S::SerializeTupleVariant;
        serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> S::SerializeStructVariant;
    }

    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<S::Ok, S::Error> {
        self.inner.serialize_some(v)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        v: &T,
    ) -> Result<S::Ok, S::Error> {
        self.inner.serialize_newtype_struct(name, v)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<S::Ok, S::Error> {
        self.inner
            .serialize_newtype_variant(name, index, variant, v)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        Ok(DropMap {
            inner: self.inner.serialize_map(len)?,
            drop: self.drop,
        })
    }
    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        Ok(DropStruct {
            inner: self.inner.serialize_struct(name, len)?,
            drop: self.drop,
        })
    }
    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}
