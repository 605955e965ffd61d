//! Finding a byte eight bytes at a time, in safe, portable Rust (the
//! "has a zero byte" word trick), for the line-end searches of the parsers.

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// The offset of the first `needle` in `haystack`.
#[inline]
pub(crate) fn find_byte(needle: u8, haystack: &[u8]) -> Option<usize> {
    let pattern = LO.wrapping_mul(u64::from(needle));
    let mut chunks = haystack.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        if let Ok(bytes) = <[u8; 8]>::try_from(chunk) {
            let word = u64::from_le_bytes(bytes) ^ pattern;
            // The lowest set bit marks the first zero byte: borrows only
            // propagate upwards, so false marks lie above a true one.
            let found = word.wrapping_sub(LO) & !word & HI;
            if found != 0 {
                return Some(offset + (found.trailing_zeros() / 8) as usize);
            }
        }
        offset += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b == needle)
        .map(|i| offset + i)
}

#[cfg(test)]
mod tests {
    use super::find_byte;

    #[test]
    fn agrees_with_position_everywhere() {
        let mut buf = [b'x'; 40];
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
