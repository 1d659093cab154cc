//! `dump`'s JSON writer: compact JSON straight into the output buffer,
//! byte for byte what `serde_json::to_writer` writes.
//!
//! Why not serde_json itself: `dump` writes hundreds of megabytes, nearly
//! all of it payloads (base64) and message text. serde_json has no way to
//! hand a field's serializer its output, so each payload's JSON was built in
//! a buffer of its own and copied out, and every key and punctuation mark
//! went through a buffered writer one small write at a time
//! (docs/performance.md, "sixth pass"). This serializer appends to a
//! `Vec<u8>`: [`super::b64`] and [`super::text`], under
//! [`serialize_direct`], hand it the payload bytes and the text, and it
//! encodes them in place.
//!
//! What it writes equals serde_json's compact output for every value the
//! model serializes: the same escapes (the SIMD escaper in
//! `serde_helpers`, checked against serde_json), integers by `itoa`, floats
//! by `zmij` (what serde_json 1.0.15x uses, `null` for NaN and infinities),
//! serde_json's `RawValue` written as it is. The tests serialize every
//! record of every bundled capture both ways and compare.

use std::cell::Cell;
use std::fmt;

use serde::ser::{self, Serialize};

use super::serde_helpers::{base64_json_into, escape_body, escape_into, ESCAPE};

/// The error type: serde_json's, so `dump` reports errors as before.
type Error = serde_json::Error;
type Result<T> = std::result::Result<T, Error>;

/// serde_json's name for the struct a `RawValue` serializes as.
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

std::thread_local! {
    /// On while [`serialize_direct`] runs on this thread: [`super::b64`]
    /// and [`super::text`] then hand over the bytes themselves.
    static DIRECT: Cell<bool> = const { Cell::new(false) };
}

/// Whether the payload helpers are serializing for [`JsonOut`] (so that a
/// payload may go to it as bytes, to be base64-encoded in place).
pub(super) fn direct_on() -> bool {
    DIRECT.with(Cell::get)
}

/// Runs `f` with a serializer that appends compact JSON to `out`, byte for
/// byte what `serde_json::to_writer` writes, with the payload fields
/// encoded straight into `out`. `dump`'s writer serializes every record
/// through it.
pub fn serialize_direct<R>(
    out: &mut Vec<u8>,
    f: impl FnOnce(&mut JsonOut<'_>) -> Result<R>,
) -> Result<R> {
    /// Turns the direct path off again, also when serializing fails.
    struct Off(bool);
    impl Drop for Off {
        fn drop(&mut self) {
            DIRECT.with(|d| d.set(self.0));
        }
    }
    let _off = Off(DIRECT.with(|d| d.replace(true)));
    f(&mut JsonOut { out })
}

/// A serializer writing compact JSON to the end of a byte vector.
pub struct JsonOut<'a> {
    out: &'a mut Vec<u8>,
}

impl JsonOut<'_> {
    /// Writes `"key":` for a field name (or a variant's), escaped if it
    /// must be (serde's derive names never need it).
    fn key(&mut self, key: &str) {
        if key.bytes().all(|c| ESCAPE[usize::from(c)] == 0) {
            self.out.reserve(key.len() + 3);
            self.out.push(b'"');
            self.out.extend_from_slice(key.as_bytes());
            self.out.extend_from_slice(b"\":");
        } else {
            escape_into(self.out, key.as_bytes());
            self.out.push(b':');
        }
    }
}

/// A unit variant as its name, a newtype struct as what it wraps: what
/// serde_json writes for them, as a value and as a map key alike.
macro_rules! names_and_newtypes {
    () => {
        fn serialize_unit_variant(
            self,
            _name: &'static str,
            _index: u32,
            variant: &'static str,
        ) -> Result<()> {
            self.serialize_str(variant)
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(
            self,
            _name: &'static str,
            v: &T,
        ) -> Result<()> {
            v.serialize(self)
        }
    };
}

/// Refuses a newtype variant and every compound value with `$msg`.
macro_rules! refuse_non_scalars {
    ($msg:expr) => {
        refuse! { $msg;
            serialize_seq(len: Option<usize>) -> Self::SerializeSeq;
            serialize_tuple(len: usize) -> Self::SerializeTuple;
            serialize_tuple_struct(name: &'static str, len: usize) -> Self::SerializeTupleStruct;
            serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeTupleVariant;
            serialize_map(len: Option<usize>) -> Self::SerializeMap;
            serialize_struct(name: &'static str, len: usize) -> Self::SerializeStruct;
            serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeStructVariant;
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _name: &'static str,
            _index: u32,
            _variant: &'static str,
            v: &T,
        ) -> Result<()> {
            let _ = v;
            Err(ser::Error::custom($msg))
        }
    };
}

/// Appends a float as serde_json writes it: `zmij`'s shortest form that
/// reads back the same, `null` for NaN and the infinities.
macro_rules! float {
    ($($name:ident($ty:ty)),*) => {$(
        fn $name(self, v: $ty) -> Result<()> {
            if v.is_finite() {
                self.out
                    .extend_from_slice(zmij::Buffer::new().format_finite(v).as_bytes());
            } else {
                self.out.extend_from_slice(b"null");
            }
            Ok(())
        }
    )*};
}

/// Writes a float map key in quotes; NaN and the infinities are refused.
macro_rules! float_key {
    ($($name:ident($ty:ty)),*) => {$(
        fn $name(self, v: $ty) -> Result<()> {
            if !v.is_finite() {
                return Err(ser::Error::custom(
                    "float key must be finite (got NaN or +/-inf)",
                ));
            }
            self.quoted(zmij::Buffer::new().format_finite(v))
        }
    )*};
}

impl<'a> JsonOut<'a> {
    /// Opens a tuple or struct variant: `{"variant":[` or `{"variant":{`.
    fn in_variant<'b>(&'b mut self, variant: &str, close: Close) -> Compound<'a, 'b> {
        self.out.push(b'{');
        self.key(variant);
        self.out.push(if let Close::ArrayInObject = close {
            b'['
        } else {
            b'{'
        });
        Compound::new(self, close)
    }
}

/// Appends an integer as `itoa` (and serde_json) writes it.
macro_rules! int {
    ($($name:ident($ty:ty),)*) => {$(
        fn $name(self, v: $ty) -> Result<()> {
            self.out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
            Ok(())
        }
    )*};
}

impl<'a, 'b> ser::Serializer for &'b mut JsonOut<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, 'b>;
    type SerializeTuple = Compound<'a, 'b>;
    type SerializeTupleStruct = Compound<'a, 'b>;
    type SerializeTupleVariant = Compound<'a, 'b>;
    type SerializeMap = Compound<'a, 'b>;
    type SerializeStruct = Compound<'a, 'b>;
    type SerializeStructVariant = Compound<'a, 'b>;

    fn serialize_bool(self, v: bool) -> Result<()> {
        let text: &[u8] = if v { b"true" } else { b"false" };
        self.out.extend_from_slice(text);
        Ok(())
    }

    int! {
        serialize_i8(i8), serialize_i16(i16), serialize_i32(i32), serialize_i64(i64),
        serialize_i128(i128), serialize_u8(u8), serialize_u16(u16), serialize_u32(u32),
        serialize_u64(u64), serialize_u128(u128),
    }

    float!(serialize_f32(f32), serialize_f64(f64));

    fn serialize_char(self, v: char) -> Result<()> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<()> {
        escape_into(self.out, v.as_bytes());
        Ok(())
    }

    /// Bytes reach this serializer only from [`super::b64`] under
    /// [`serialize_direct`]: the model's payloads, written as the base64
    /// string that helper writes elsewhere (never serde_json's array of
    /// numbers).
    fn serialize_bytes(self, v: &[u8]) -> Result<()> {
        base64_json_into(self.out, v);
        Ok(())
    }

    fn serialize_none(self) -> Result<()> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<()> {
        v.serialize(self)
    }

    fn serialize_unit(self) -> Result<()> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        self.serialize_unit()
    }

    names_and_newtypes!();

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<()> {
        self.out.push(b'{');
        self.key(variant);
        v.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a, 'b>> {
        self.out.push(b'[');
        Ok(Compound::new(self, Close::Array))
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, 'b>> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a, 'b>> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'b>> {
        Ok(self.in_variant(variant, Close::ArrayInObject))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a, 'b>> {
        self.out.push(b'{');
        Ok(Compound::new(self, Close::Object))
    }

    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<Compound<'a, 'b>> {
        if name == RAW_VALUE_TOKEN {
            return Ok(Compound::new(self, Close::Raw));
        }
        self.serialize_map(None)
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'b>> {
        Ok(self.in_variant(variant, Close::ObjectInObject))
    }

    fn collect_str<T: fmt::Display + ?Sized>(self, v: &T) -> Result<()> {
        /// Escapes what `Display` writes as it comes, without a `String`.
        struct Escaping<'v>(&'v mut Vec<u8>);
        impl fmt::Write for Escaping<'_> {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                escape_body(self.0, s.as_bytes());
                Ok(())
            }
        }
        self.out.push(b'"');
        fmt::write(&mut Escaping(self.out), format_args!("{v}"))
            .map_err(|_| ser::Error::custom("a Display implementation returned an error"))?;
        self.out.push(b'"');
        Ok(())
    }
}

/// What closes a [`Compound`].
#[derive(Clone, Copy)]
enum Close {
    /// `]`
    Array,
    /// `]}` (a tuple variant).
    ArrayInObject,
    /// `}`
    Object,
    /// `}}` (a struct variant).
    ObjectInObject,
    /// Nothing: serde_json's `RawValue`, whose one field is written as it is.
    Raw,
}

/// A sequence, map or struct being written.
pub struct Compound<'a, 'b> {
    ser: &'b mut JsonOut<'a>,
    first: bool,
    close: Close,
}

impl<'a, 'b> Compound<'a, 'b> {
    fn new(ser: &'b mut JsonOut<'a>, close: Close) -> Self {
        Compound {
            ser,
            first: true,
            close,
        }
    }

    /// The comma before every element but the first.
    fn comma(&mut self) {
        if !std::mem::replace(&mut self.first, false) {
            self.ser.out.push(b',');
        }
    }

    fn element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
        self.comma();
        v.serialize(&mut *self.ser)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<()> {
        if let Close::Raw = self.close {
            return v.serialize(RawFragment(self.ser.out));
        }
        self.comma();
        self.ser.key(key);
        v.serialize(&mut *self.ser)
    }

    fn close(self) -> Result<()> {
        let end: &[u8] = match self.close {
            Close::Array => b"]",
            Close::ArrayInObject => b"]}",
            Close::Object => b"}",
            Close::ObjectInObject => b"}}",
            Close::Raw => b"",
        };
        self.ser.out.extend_from_slice(end);
        Ok(())
    }
}

/// The serde traits of a sequence-like [`Compound`]: each element goes to
/// `element`, `end` closes it.
macro_rules! sequence_like {
    ($($tr:ident::$method:ident;)*) => {$(
        impl ser::$tr for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
                self.element(v)
            }
            fn end(self) -> Result<()> {
                self.close()
            }
        }
    )*};
}

sequence_like! {
    SerializeSeq::serialize_element;
    SerializeTuple::serialize_element;
    SerializeTupleStruct::serialize_field;
    SerializeTupleVariant::serialize_field;
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.comma();
        key.serialize(MapKey(&mut *self.ser))?;
        self.ser.out.push(b':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
        v.serialize(&mut *self.ser)
    }
    fn end(self) -> Result<()> {
        self.close()
    }
}

/// The serde traits of a struct-like [`Compound`]: each field goes to
/// `field`, `end` closes it.
macro_rules! struct_like {
    ($($tr:ident),*) => {$(
        impl ser::$tr for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                v: &T,
            ) -> Result<()> {
                self.field(key, v)
            }
            fn end(self) -> Result<()> {
                self.close()
            }
        }
    )*};
}

struct_like!(SerializeStruct, SerializeStructVariant);

/// The methods of a serializer that accepts only some kinds of value: the
/// rest are refused with `$msg`, as serde_json refuses them.
macro_rules! refuse {
    ($msg:expr; $($name:ident($($arg:ident: $ty:ty),*) -> $ret:ty;)*) => {$(
        fn $name(self, $($arg: $ty),*) -> Result<$ret> {
            $(let _ = $arg;)*
            Err(ser::Error::custom($msg))
        }
    )*};
}

/// The serializer types of a serializer that writes scalars only.
macro_rules! scalar_only {
    () => {
        type Ok = ();
        type Error = Error;
        type SerializeSeq = ser::Impossible<(), Error>;
        type SerializeTuple = ser::Impossible<(), Error>;
        type SerializeTupleStruct = ser::Impossible<(), Error>;
        type SerializeTupleVariant = ser::Impossible<(), Error>;
        type SerializeMap = ser::Impossible<(), Error>;
        type SerializeStruct = ser::Impossible<(), Error>;
        type SerializeStructVariant = ser::Impossible<(), Error>;
    };
}

/// A map key, as serde_json writes one: a string, or a number, bool or
/// unit variant in quotes.
struct MapKey<'s, 'a>(&'s mut JsonOut<'a>);

impl MapKey<'_, '_> {
    fn quoted(self, s: &str) -> Result<()> {
        self.0.out.push(b'"');
        self.0.out.extend_from_slice(s.as_bytes());
        self.0.out.push(b'"');
        Ok(())
    }
}

/// Writes an integer map key in quotes.
macro_rules! int_key {
    ($($name:ident($ty:ty),)*) => {$(
        fn $name(self, v: $ty) -> Result<()> {
            self.quoted(itoa::Buffer::new().format(v))
        }
    )*};
}

impl ser::Serializer for MapKey<'_, '_> {
    scalar_only!();

    fn serialize_str(self, v: &str) -> Result<()> {
        escape_into(self.0.out, v.as_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<()> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_bool(self, v: bool) -> Result<()> {
        self.quoted(if v { "true" } else { "false" })
    }
    int_key! {
        serialize_i8(i8), serialize_i16(i16), serialize_i32(i32), serialize_i64(i64),
        serialize_i128(i128), serialize_u8(u8), serialize_u16(u16), serialize_u32(u32),
        serialize_u64(u64), serialize_u128(u128),
    }
    float_key!(serialize_f32(f32), serialize_f64(f64));
    names_and_newtypes!();
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<()> {
        v.serialize(self)
    }
    refuse_non_scalars!("key must be a string");
    refuse! { "key must be a string";
        serialize_bytes(v: &[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(name: &'static str) -> ();
    }
}

/// The text of serde_json's `RawValue`, written as it is (it is JSON
/// already).
struct RawFragment<'s>(&'s mut Vec<u8>);

impl ser::Serializer for RawFragment<'_> {
    scalar_only!();

    fn serialize_str(self, v: &str) -> Result<()> {
        self.0.extend_from_slice(v.as_bytes());
        Ok(())
    }
    refuse_non_scalars!("a raw JSON value must be a string");
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<()> {
        let _ = v;
        Err(ser::Error::custom("a raw JSON value must be a string"))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        v: &T,
    ) -> Result<()> {
        let _ = v;
        Err(ser::Error::custom("a raw JSON value must be a string"))
    }
    refuse! { "a raw JSON value must be a string";
        serialize_bool(v: bool) -> ();
        serialize_i8(v: i8) -> ();
        serialize_i16(v: i16) -> ();
        serialize_i32(v: i32) -> ();
        serialize_i64(v: i64) -> ();
        serialize_u8(v: u8) -> ();
        serialize_u16(v: u16) -> ();
        serialize_u32(v: u32) -> ();
        serialize_u64(v: u64) -> ();
        serialize_f32(v: f32) -> ();
        serialize_f64(v: f64) -> ();
        serialize_char(v: char) -> ();
        serialize_bytes(v: &[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(name: &'static str) -> ();
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str) -> ();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::value::RawValue;
    use std::collections::BTreeMap;

    fn ours<T: Serialize + ?Sized>(v: &T) -> String {
        let mut out = Vec::new();
        serialize_direct(&mut out, |s| v.serialize(s)).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[derive(serde::Serialize)]
    enum E {
        Unit,
        New(u8),
        Tuple(u8, i64),
        Struct { a: f64, b: Option<String> },
    }

    /// Field names needing escapes (only a rename can make one).
    #[derive(serde::Serialize)]
    struct Renamed {
        #[serde(rename = "q\"k\n")]
        a: u8,
        #[serde(rename = "\u{1}")]
        b: E,
    }

    #[derive(serde::Serialize)]
    #[serde(tag = "type")]
    enum Tagged {
        Inner {
            x: u32,
            #[serde(flatten)]
            rest: BTreeMap<String, i32>,
        },
    }

    #[test]
    fn every_kind_of_value_is_written_as_serde_json_writes_it() {
        let raw = RawValue::from_string(r#"{"raw": [1, 2]}"#.into()).unwrap();
        let mut int_keys = BTreeMap::new();
        int_keys.insert(-3i64, "x\"y");
        int_keys.insert(7, "\u{1}");
        let mut bool_keys = BTreeMap::new();
        bool_keys.insert(true, ());
        let mut option_keys = BTreeMap::new();
        option_keys.insert(Some('k'), 1.5f32);
        let mut rest = BTreeMap::new();
        rest.insert("k\n".to_string(), 1);
        check(&(
            true,
            false,
            0u8,
            -1i8,
            u64::MAX,
            i64::MIN,
            u128::MAX,
            i128::MIN,
        ));
        check(&(
            0.1f64,
            -0.0f64,
            1e300f64,
            f64::NAN,
            f64::INFINITY,
            1.5f32,
            f32::NAN,
        ));
        check(&('a', '"', '\u{7f}', "t\u{0}\u{1f}é\\"));
        check(&(
            None::<u8>,
            Some(3u8),
            (),
            vec![E::Unit, E::New(1), E::Tuple(2, -3)],
        ));
        check(&E::Struct {
            a: 2.5,
            b: Some("s".into()),
        });
        check(&Vec::<u8>::new());
        check(&(
            int_keys,
            bool_keys,
            option_keys,
            BTreeMap::<String, u8>::new(),
        ));
        check(&Tagged::Inner { x: 1, rest });
        check(&Renamed {
            a: 1,
            b: E::Struct { a: 0.5, b: None },
        });
        check(&raw);
    }

    fn check<T: Serialize + ?Sized>(v: &T) {
        assert_eq!(ours(v), serde_json::to_string(v).unwrap());
    }

    #[test]
    fn a_display_value_is_escaped_as_it_is_collected() {
        struct D;
        impl fmt::Display for D {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a\"b")?;
                write!(f, "\\{}", f.alternate())
            }
        }
        struct C;
        impl Serialize for C {
            fn serialize<S: ser::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.collect_str(&D)
            }
        }
        assert_eq!(ours(&C), serde_json::to_string(&C).unwrap());
    }

    #[test]
    fn keys_that_are_not_strings_are_refused() {
        let mut m = BTreeMap::new();
        m.insert(vec![1u8], 1);
        let mut out = Vec::new();
        assert!(serialize_direct(&mut out, |s| m.serialize(s)).is_err());
        assert!(serde_json::to_string(&m).is_err());
    }

    proptest! {
        #[test]
        fn strings_and_floats_match_serde_json(
            s in "(.|[\\x00-\\x1f\\\\\"])*",
            f in any::<f64>(),
            g in any::<f32>(),
            n in any::<i64>(),
        ) {
            let v = (&s, f, g, n, vec![s.as_str(); 2]);
            prop_assert_eq!(ours(&v), serde_json::to_string(&v).unwrap());
        }
    }
}
