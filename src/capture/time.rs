//! Timestamps at full resolution.

use std::fmt;

/// A packet timestamp: seconds since the Unix epoch and nanoseconds.
///
/// pcapng can carry resolutions down to 2^-63 s; nanoseconds are the finest
/// any capture tool writes in practice and what Wireshark shows, so that is
/// what is kept. Serialized as the decimal string Wireshark shows in
/// `frame.time_epoch` (a JSON float would lose the nanoseconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp {
    /// Whole seconds since 1970-01-01T00:00:00Z (may be negative with `if_tsoffset`).
    pub secs: i64,
    /// Nanoseconds within the second, `0..1_000_000_000`.
    pub nanos: u32,
}

impl Timestamp {
    /// Builds a timestamp from a count of `units_per_sec` ticks since `offset_secs`.
    ///
    /// Used for pcapng, whose `if_tsresol` gives units of 10^-n or 2^-n seconds
    /// (RFC 9828 / pcapng draft §4.2); wrong or absurd resolutions fall back to
    /// microseconds, the format's default, instead of failing the packet.
    pub fn from_units(ticks: u64, units_per_sec: u64, offset_secs: i64) -> Timestamp {
        let units = if units_per_sec == 0 {
            1_000_000
        } else {
            units_per_sec
        };
        let secs = ticks / units;
        let frac = ticks % units;
        let nanos = ((frac as u128) * 1_000_000_000u128 / (units as u128)) as u32;
        Timestamp {
            secs: (secs as i64).saturating_add(offset_secs),
            nanos: nanos.min(999_999_999),
        }
    }

    /// Seconds as a float, for arithmetic such as round-trip times.
    pub fn as_f64(self) -> f64 {
        self.secs as f64 + self.nanos as f64 / 1e9
    }

    /// `self - earlier` in seconds (negative if `earlier` is later). Any two
    /// timestamps a capture can hold, even 2^63 s apart, subtract safely.
    pub fn seconds_since(self, earlier: Timestamp) -> f64 {
        (i128::from(self.secs) - i128::from(earlier.secs)) as f64
            + (self.nanos as f64 - earlier.nanos as f64) / 1e9
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.secs < 0 && self.nanos > 0 {
            // -1.5 s is secs = -2, nanos = 5e8.
            let total = (self.secs as i128) * 1_000_000_000 + self.nanos as i128;
            let neg = -total;
            write!(f, "-{}.{:09}", neg / 1_000_000_000, neg % 1_000_000_000)
        } else {
            write!(f, "{}.{:09}", self.secs, self.nanos)
        }
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The JSON form of [`Timestamp`] as its `Serialize` writes it: decimal
/// seconds with exactly nine fraction digits, a string (a JSON number would
/// lose the nanoseconds).
impl schemars::JsonSchema for Timestamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Timestamp".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^-?[0-9]+\\.[0-9]{9}$",
            "description": "Capture time: seconds since the Unix epoch with nine fraction digits (nanoseconds), as a string."
        })
    }
}

/// Units per second for a pcapng `if_tsresol` byte, without pcap-parser 0.17's
/// bug (it refuses every binary resolution 2^-n because it compares the byte
/// with the mode bit still set).
///
/// Returns `None` for resolutions that do not fit in 64 bits.
pub fn tsresol_units(tsresol: u8) -> Option<u64> {
    let n = u32::from(tsresol & 0x7f);
    if tsresol & 0x80 == 0 {
        10u64.checked_pow(n)
    } else {
        1u64.checked_shl(n).filter(|_| n < 64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_resolution_is_understood() {
        assert_eq!(tsresol_units(6), Some(1_000_000));
        assert_eq!(tsresol_units(9), Some(1_000_000_000));
        assert_eq!(tsresol_units(0x80 | 20), Some(1 << 20));
        assert_eq!(tsresol_units(0x80 | 63), Some(1 << 63));
        assert_eq!(tsresol_units(0x80 | 64), None);
        assert_eq!(tsresol_units(20), None);
    }

    #[test]
    fn units_convert_to_nanoseconds() {
        // 1.5 s at 2^-20 s resolution.
        let t = Timestamp::from_units(3 << 19, 1 << 20, 0);
        assert_eq!((t.secs, t.nanos), (1, 500_000_000));
        let t = Timestamp::from_units(1_700_000_000_123_456_789, 1_000_000_000, 0);
        assert_eq!(t.to_string(), "1700000000.123456789");
        let t = Timestamp::from_units(5, 1_000_000, -10);
        assert_eq!(t.to_string(), "-9.999995000");
    }
}
