//! Client-to-server masking (RFC 6455 §5.3).
//!
//! Every byte of a masked payload is XORed with `key[i % 4]`, where `i` is the
//! byte's index within the payload. Masking and unmasking are the same
//! operation, so [`unmask`] also masks.

/// The 8-byte key pattern for a chunk that starts at payload position `offset`
/// (the 4-byte key rotated by `offset % 4` and repeated), RFC 6455 §5.3.
fn key_pattern(key: [u8; 4], offset: u64) -> [u8; 8] {
    let shift = (offset % 4) as usize;
    let mut pattern = [0u8; 8];
    for (dst, src) in pattern.iter_mut().zip(key.iter().cycle().skip(shift)) {
        *dst = *src;
    }
    pattern
}

/// XOR `data` in place with the masking key (RFC 6455 §5.3: `j = i MOD 4`).
///
/// `offset` is the position of `data[0]` within the frame payload, so a payload
/// can be unmasked in pieces as TCP segments arrive. Works a 64-bit word at a
/// time; any length and any offset (up to `u64::MAX`) is accepted.
pub fn unmask(data: &mut [u8], key: [u8; 4], offset: u64) {
    let pattern = key_pattern(key, offset);
    let word = u64::from_ne_bytes(pattern);
    let mut chunks = data.chunks_exact_mut(8);
    for chunk in &mut chunks {
        if let Ok(bytes) = <[u8; 8]>::try_from(&*chunk) {
            chunk.copy_from_slice(&(u64::from_ne_bytes(bytes) ^ word).to_ne_bytes());
        }
    }
    // 8 is a multiple of 4, so the tail starts at the same key phase as `data[0]`.
    for (b, k) in chunks.into_remainder().iter_mut().zip(pattern.iter()) {
        *b ^= *k;
    }
}

/// Appends `src` to `dst` unmasked, as [`unmask`] would leave it (`offset`
/// is `src[0]`'s position in the payload), in one pass over the bytes: a
/// payload arriving in a segment is copied into its frame and unmasked at
/// once, instead of copied and then read and written again.
pub fn extend_unmasked(dst: &mut Vec<u8>, src: &[u8], key: [u8; 4], offset: u64) {
    let pattern = key_pattern(key, offset);
    let word = u64::from_ne_bytes(pattern);
    dst.reserve(src.len());
    let start = dst.len();
    let spare = &mut dst.spare_capacity_mut()[..src.len()];
    let mut out = spare.chunks_exact_mut(8);
    let mut inp = src.chunks_exact(8);
    for (d, s) in (&mut out).zip(&mut inp) {
        let v = u64::from_ne_bytes(<[u8; 8]>::try_from(s).unwrap_or([0; 8])) ^ word;
        for (x, b) in d.iter_mut().zip(v.to_ne_bytes()) {
            x.write(b);
        }
    }
    // 8 is a multiple of 4, so the tail starts at the same key phase as `src[0]`.
    for ((x, &b), &k) in out
        .into_remainder()
        .iter_mut()
        .zip(inp.remainder())
        .zip(&pattern)
    {
        x.write(b ^ k);
    }
    // SAFETY: the loops above wrote all `src.len()` bytes after `start`
    // (the 8-byte chunks, then the tail of fewer than 8, which `pattern`
    // covers), within the room reserved for them.
    unsafe { dst.set_len(start + src.len()) }
}

/// Return an unmasked copy of `data` (see [`unmask`]), for payloads borrowed from
/// a capture buffer (RFC 6455 §5.3).
pub fn unmasked(data: &[u8], key: [u8; 4], offset: u64) -> Vec<u8> {
    let mut v = data.to_vec();
    unmask(&mut v, key, offset);
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Byte-wise reference straight from RFC 6455 §5.3.
    fn unmask_ref(data: &mut [u8], key: [u8; 4], offset: u64) {
        for (i, b) in data.iter_mut().enumerate() {
            let j = (offset.wrapping_add(i as u64) % 4) as usize;
            *b ^= key[j];
        }
    }

    #[test]
    fn rfc6455_5_7_masked_hello() {
        let key = [0x37, 0xfa, 0x21, 0x3d];
        let mut p = [0x7f, 0x9f, 0x4d, 0x51, 0x58];
        unmask(&mut p, key, 0);
        assert_eq!(&p, b"Hello");
    }

    #[test]
    fn chunked_unmask_matches_whole() {
        let key = [0x37, 0xfa, 0x21, 0x3d];
        let masked = [0x7f, 0x9f, 0x4d, 0x51, 0x58];
        let mut a = masked[..3].to_vec();
        let mut b = masked[3..].to_vec();
        unmask(&mut a, key, 0);
        unmask(&mut b, key, 3);
        a.extend(b);
        assert_eq!(a, b"Hello");
        assert_eq!(unmasked(&masked[1..], key, 1), b"ello");
    }

    #[test]
    fn huge_offset_no_overflow() {
        let mut d = [0u8; 19];
        unmask(&mut d, [1, 2, 3, 4], u64::MAX);
        // u64::MAX % 4 == 3, so the first byte uses key[3].
        assert_eq!(&d[..5], &[4, 1, 2, 3, 4]);
    }

    proptest! {
        #[test]
        fn prop_word_equals_bytewise(data in proptest::collection::vec(any::<u8>(), 0..200), key in any::<[u8;4]>(), offset in any::<u64>()) {
            let mut fast = data.clone();
            let mut slow = data.clone();
            unmask(&mut fast, key, offset);
            unmask_ref(&mut slow, key, offset);
            prop_assert_eq!(&fast, &slow);
            unmask(&mut fast, key, offset);
            prop_assert_eq!(fast, data);
        }

        #[test]
        fn prop_extend_unmasked_equals_copy_then_unmask(head in proptest::collection::vec(any::<u8>(), 0..20), data in proptest::collection::vec(any::<u8>(), 0..200), key in any::<[u8;4]>(), offset in any::<u64>()) {
            let mut fused = head.clone();
            extend_unmasked(&mut fused, &data, key, offset);
            let mut want = head.clone();
            want.extend_from_slice(&data);
            unmask_ref(&mut want[head.len()..], key, offset);
            prop_assert_eq!(fused, want);
        }

        #[test]
        fn prop_split_anywhere(data in proptest::collection::vec(any::<u8>(), 0..100), key in any::<[u8;4]>(), split in any::<prop::sample::Index>()) {
            let mut whole = data.clone();
            unmask(&mut whole, key, 0);
            let at = split.index(data.len() + 1);
            let mut parts = data.clone();
            let (a, b) = parts.split_at_mut(at);
            unmask(a, key, 0);
            unmask(b, key, at as u64);
            prop_assert_eq!(parts, whole);
        }
    }
}
