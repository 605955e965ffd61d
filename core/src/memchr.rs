//! Finding a byte in safe, portable Rust, for the line-end searches of the
//! parsers: sixteen bytes at a time with a compare the compiler turns into
//! vector instructions (`pcmpeqb` and `pmovmskb` with x86-64's baseline
//! SSE2), then the "has a zero byte" word trick for the position within
//! those sixteen bytes and for the tail.

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// The offset of the first `needle` in `haystack`.
#[inline(always)]
pub(crate) fn find_byte(needle: u8, haystack: &[u8]) -> Option<usize> {
    let (blocks, tail) = haystack.as_chunks::<16>();
    for (i, block) in blocks.iter().enumerate() {
        // Without a short circuit, so that it compiles to one vector compare.
        if block.iter().fold(false, |any, &b| any | (b == needle)) {
            let (lo, hi) = block.split_at(8);
            let lo = zero_marks(
                u64::from_le_bytes(lo.try_into().unwrap_or_default()),
                needle,
            );
            let hi = zero_marks(
                u64::from_le_bytes(hi.try_into().unwrap_or_default()),
                needle,
            );
            let marks = (u128::from(hi) << 64) | u128::from(lo);
            return Some(16 * i + (marks.trailing_zeros() / 8) as usize);
        }
    }
    let offset = haystack.len() - tail.len();
    find_swar(needle, tail).map(|i| offset + i)
}

/// The high bit of every byte of `word` equal to `needle`, and possibly of
/// bytes above the first one: borrows only propagate upwards, so false
/// marks lie above a true one and the lowest mark is always right.
#[inline(always)]
fn zero_marks(word: u64, needle: u8) -> u64 {
    let word = word ^ LO.wrapping_mul(u64::from(needle));
    word.wrapping_sub(LO) & !word & HI
}

/// Eight bytes at a time, then one at a time.
#[inline(always)]
fn find_swar(needle: u8, haystack: &[u8]) -> Option<usize> {
    let (words, tail) = haystack.as_chunks::<8>();
    for (i, word) in words.iter().enumerate() {
        let found = zero_marks(u64::from_le_bytes(*word), needle);
        if found != 0 {
            return Some(8 * i + (found.trailing_zeros() / 8) as usize);
        }
    }
    let offset = haystack.len() - tail.len();
    tail.iter().position(|&b| b == needle).map(|i| offset + i)
}

#[cfg(test)]
mod tests {
    use super::find_byte;

    #[test]
    fn agrees_with_position_everywhere() {
        let mut buf = [b'x'; 72];
        assert_eq!(find_byte(b'\n', &buf), None);
        for len in 0..buf.len() {
            for at in 0..len {
                buf[at] = b'\n';
                assert_eq!(find_byte(b'\n', &buf[..len]), Some(at), "{len} {at}");
                // A second one after it does not matter; bytes 0x80+ neither.
                if at + 1 < len {
                    buf[at + 1] = b'\n';
                    assert_eq!(find_byte(b'\n', &buf[..len]), Some(at));
                    buf[at + 1] = 0x8a;
                    assert_eq!(find_byte(b'\n', &buf[..len]), Some(at));
                    buf[at + 1] = b'x';
                }
                buf[at] = 0x0b; // one more than '\n': no false match
                assert_eq!(find_byte(b'\n', &buf[..len]), None);
                buf[at] = b'x';
            }
        }
        for needle in [0u8, 1, 0x7f, 0x80, 0xff] {
            let hay: [u8; 256] = core::array::from_fn(|i| i as u8);
            assert_eq!(find_byte(needle, &hay), Some(needle as usize));
        }
    }
}
