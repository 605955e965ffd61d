//! One line of a server reply (RFC 5321 §4.2, RFC 2034 §4).

use crate::error::{ParseError, ParseErrorKind};
use crate::{Class, EnhancedCode, ReplyCode};

/// One line of an SMTP reply: `550-5.1.1 text`, `250 OK`, a bare `250`.
///
/// Parsing borrows from the input and allocates nothing. The enhanced status
/// code that RFC 2034 §4 puts after the reply code is recognised (also with
/// 3-digit details such as `5.7.606`, and in Exchange's `#5.1.0` form) and
/// removed from the text, but only when its class matches the reply's first
/// digit, as Postfix does; otherwise it stays in the text and
/// [`mismatched_enhanced`](Self::mismatched_enhanced) reports it. `3yz`
/// replies carry no enhanced code.
///
/// ```
/// use smtp_codes::{ReplyCode, ReplyLine};
/// let line = ReplyLine::parse(b"550-5.1.1 The email account that you tried to reach does not exist.\r\n")?;
/// assert_eq!(line.code(), ReplyCode::MAILBOX_UNAVAILABLE);
/// assert!(!line.is_last());
/// assert_eq!(line.enhanced().map(|e| e.to_string()).as_deref(), Some("5.1.1"));
/// assert_eq!(line.text(), b"The email account that you tried to reach does not exist.");
///
/// // A class that contradicts the reply code is not taken as the enhanced code.
/// let odd = ReplyLine::parse(b"250 5.1.1 ok")?;
/// assert_eq!(odd.enhanced(), None);
/// assert_eq!(odd.mismatched_enhanced().map(|e| e.to_string()).as_deref(), Some("5.1.1"));
/// assert_eq!(odd.text(), b"5.1.1 ok");
/// # Ok::<(), smtp_codes::ParseError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ReplyLine<'a> {
    code: ReplyCode,
    last: bool,
    enhanced: Option<EnhancedCode>,
    mismatched: Option<EnhancedCode>,
    text: &'a [u8],
}

const WHAT: crate::error::Target = crate::error::Target::ReplyLine;

/// One to three digits without a leading zero at `text[i..]`: the value
/// and the offset after them. A `0` is one part on its own: a digit after it
/// is then refused by the caller, which wants a dot or the end.
#[inline(always)]
fn part(text: &[u8], i: usize) -> Option<(u16, usize)> {
    let first = text.get(i)?.wrapping_sub(b'0');
    if first > 9 {
        return None;
    }
    let mut value = u16::from(first);
    let mut j = i + 1;
    if first != 0 {
        while j < i + 3 {
            match text.get(j).map(|b| b.wrapping_sub(b'0')) {
                Some(d @ 0..=9) => value = value * 10 + u16::from(d),
                _ => break,
            }
            j += 1;
        }
    }
    Some((value, j))
}

/// The enhanced code at the start of `text` and the length it takes (with
/// Exchange's optional `#`), when it is followed by a space, a tab or the
/// end: `class.subject.detail` as [`EnhancedCode::parse`] reads it.
#[inline(always)]
fn leading_enhanced(text: &[u8]) -> Option<(EnhancedCode, usize)> {
    // The common shape, `c.s.d` with one-digit parts and a space, read
    // from one word: bytes 1 and 3 dots and byte 5 a space (`DOTS`); bytes
    // 0, 2 and 4 digits: no high nibble left after subtracting '0' (`HIGH`)
    // and a low nibble of at most 9, which adding 6 does not carry out of
    // (`CARRY`). The class digit is checked after.
    const DOTS_MASK: u64 = 0x0000_FF00_FF00_FF00;
    const DOTS: u64 = 0x0000_2000_2E00_2E00;
    const ZEROS: u64 = 0x0000_0030_0030_0030;
    const HIGH: u64 = 0x0000_00F0_00F0_00F0;
    const LOW: u64 = 0x0000_000F_000F_000F;
    const SIX: u64 = 0x0000_0006_0006_0006;
    const CARRY: u64 = 0x0000_0010_0010_0010;
    if let Some(word) = text.first_chunk::<8>() {
        let w = u64::from_le_bytes(*word);
        // With the dots in place, no borrow crosses from a digit's byte.
        let d = w.wrapping_sub(ZEROS);
        if w & DOTS_MASK == DOTS && d & HIGH == 0 && ((d & LOW) + SIX) & CARRY == 0 {
            let class = match word[0] {
                b'2' => Class::Success,
                b'4' => Class::PersistentTransientFailure,
                b'5' => Class::PermanentFailure,
                _ => return None,
            };
            let (subject, detail) = (u16::from(word[2] - b'0'), u16::from(word[4] - b'0'));
            return Some((EnhancedCode::new(class, subject, detail)?, 5));
        }
    }
    let start = usize::from(text.first() == Some(&b'#'));
    // Most lines start with a letter: only a class digit can start a code.
    let class = match text.get(start) {
        Some(b'2') => Class::Success,
        Some(b'4') => Class::PersistentTransientFailure,
        Some(b'5') => Class::PermanentFailure,
        _ => return None,
    };
    if text.get(start + 1) != Some(&b'.') {
        return None;
    }
    let (subject, i) = part(text, start + 2)?;
    if text.get(i) != Some(&b'.') {
        return None;
    }
    let (detail, end) = part(text, i + 1)?;
    match text.get(end) {
        None | Some(b' ' | b'\t') => Some((EnhancedCode::new(class, subject, detail)?, end)),
        _ => None,
    }
}

/// Whether a line's text would be read as starting with an enhanced code.
pub(crate) fn starts_with_enhanced(text: &[u8]) -> bool {
    leading_enhanced(text).is_some()
}

/// What the start of a line says, read in one pass with the values kept in
/// registers: the reply parser's hot path and [`ReplyLine::parse`] share it.
#[derive(Clone, Copy)]
pub(crate) struct Head {
    pub(crate) code: ReplyCode,
    pub(crate) last: bool,
    /// A leading enhanced code, taken or not.
    pub(crate) enhanced: Option<EnhancedCode>,
    /// Whether its class matches the reply code's (it is then taken).
    pub(crate) matched: bool,
    /// Where the text starts, after the separator.
    pub(crate) rest: usize,
    /// Where a taken enhanced code ends.
    pub(crate) after: usize,
}

/// Reads the code, the separator and a leading enhanced code of `line`
/// (without its line ending).
#[inline(always)]
pub(crate) fn head(line: &[u8]) -> Result<Head, ParseError> {
    let code = match *line {
        [a, b, c, ..] => match ReplyCode::from_ascii(a, b, c) {
            Some(code) => code,
            None => return Err(code_error(line)),
        },
        _ => return Err(code_error(line)),
    };
    let (last, rest) = match line.get(3) {
        None => (true, 3),
        Some(b' ') => (true, 4),
        Some(b'-') => (false, 4),
        Some(_) => return Err(separator_error(line)),
    };
    let class = line[0] - b'0';
    let (mut enhanced, mut matched, mut after) = (None, false, rest);
    // 3yz replies carry no enhanced code.
    if class != 3
        && let Some((found, len)) = leading_enhanced(&line[rest..])
    {
        enhanced = Some(found);
        matched = found.class().digit() == class;
        if matched {
            after = rest + len;
        }
    }
    Ok(Head {
        code,
        last,
        enhanced,
        matched,
        rest,
        after,
    })
}

/// Why the first three bytes of `line` are not a reply code.
#[cold]
#[inline(never)]
fn code_error(line: &[u8]) -> ParseError {
    if line.is_empty() {
        return ParseError::new(WHAT, ParseErrorKind::Empty, line, 0);
    }
    let digits = &line[..line.len().min(3)];
    match ReplyCode::parse(digits) {
        Err(e) => ParseError::new(WHAT, e.kind(), line, e.offset()),
        // `head` refuses exactly what `ReplyCode::parse` refuses (tested).
        Ok(_) => ParseError::new(WHAT, ParseErrorKind::ExpectedDigit, line, 0),
    }
}

/// Why the byte after the code is not a separator.
#[cold]
#[inline(never)]
fn separator_error(line: &[u8]) -> ParseError {
    let kind = if line[3].is_ascii_digit() {
        ParseErrorKind::TooManyDigits
    } else {
        ParseErrorKind::ExpectedSeparator
    };
    ParseError::new(WHAT, kind, line, 3)
}

impl<'a> ReplyLine<'a> {
    /// Parses one line; a trailing CRLF or bare LF is allowed and not part of
    /// the text.
    ///
    /// ```
    /// use smtp_codes::{ParseErrorKind, ReplyLine};
    /// let bare = ReplyLine::parse(b"250")?;
    /// assert!(bare.is_last());
    /// assert_eq!(bare.text(), b"");
    ///
    /// let ms = ReplyLine::parse(b"550 #5.7.606 Access denied, banned sending IP\n")?;
    /// assert_eq!(ms.enhanced().unwrap().detail(), 606);
    /// assert_eq!(ms.text(), b"Access denied, banned sending IP");
    ///
    /// let err = ReplyLine::parse(b"550x").unwrap_err();
    /// assert_eq!(err.kind(), ParseErrorKind::ExpectedSeparator);
    /// assert_eq!(err.offset(), 3);
    /// # Ok::<(), smtp_codes::ParseError>(())
    /// ```
    #[inline]
    pub fn parse(line: &'a [u8]) -> Result<ReplyLine<'a>, ParseError> {
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let head = head(line)?;
        let (enhanced, mismatched, text) = if head.matched {
            let after = &line[head.after..];
            let skip = after
                .iter()
                .position(|&b| b != b' ' && b != b'\t')
                .unwrap_or(after.len());
            (head.enhanced, None, &after[skip..])
        } else {
            (None, head.enhanced, &line[head.rest..])
        };
        Ok(ReplyLine {
            code: head.code,
            last: head.last,
            enhanced,
            mismatched,
            text,
        })
    }

    /// The reply code.
    ///
    /// ```
    /// assert_eq!(smtp_codes::ReplyLine::parse(b"421 bye")?.code(), 421);
    /// # Ok::<(), smtp_codes::ParseError>(())
    /// ```
    pub fn code(&self) -> ReplyCode {
        self.code
    }

    /// Whether this is the last line of its reply (`NNN text` or a bare
    /// `NNN`) rather than a continuation (`NNN-text`).
    ///
    /// ```
    /// assert!(!smtp_codes::ReplyLine::parse(b"250-PIPELINING")?.is_last());
    /// # Ok::<(), smtp_codes::ParseError>(())
    /// ```
    pub fn is_last(&self) -> bool {
        self.last
    }

    /// The enhanced status code of the line, when present and consistent with
    /// the reply code.
    ///
    /// ```
    /// let line = smtp_codes::ReplyLine::parse(b"452 4.2.2 Mailbox full")?;
    /// assert_eq!(line.enhanced().unwrap().to_string(), "4.2.2");
    /// # Ok::<(), smtp_codes::ParseError>(())
    /// ```
    pub fn enhanced(&self) -> Option<EnhancedCode> {
        self.enhanced
    }

    /// An enhanced status code at the start of the text whose class
    /// contradicts the reply code (`250 5.1.1 ...`), left in the text.
    ///
    /// ```
    /// let line = smtp_codes::ReplyLine::parse(b"451 5.7.1 try later")?;
    /// assert!(line.enhanced().is_none());
    /// assert!(line.mismatched_enhanced().is_some());
    /// # Ok::<(), smtp_codes::ParseError>(())
    /// ```
    pub fn mismatched_enhanced(&self) -> Option<EnhancedCode> {
        self.mismatched
    }

    /// The text, without the reply code, the separator, the enhanced code
    /// and the line ending. Servers may send any bytes: see
    /// [`text_utf8`](Self::text_utf8).
    ///
    /// ```
    /// assert_eq!(smtp_codes::ReplyLine::parse(b"220 mx.example.com ESMTP")?.text(), b"mx.example.com ESMTP");
    /// # Ok::<(), smtp_codes::ParseError>(())
    /// ```
    pub fn text(&self) -> &'a [u8] {
        self.text
    }

    /// The text, when it is valid UTF-8.
    ///
    /// ```
    /// use smtp_codes::ReplyLine;
    /// assert_eq!(ReplyLine::parse(b"250 OK")?.text_utf8(), Some("OK"));
    /// assert_eq!(ReplyLine::parse(b"250 \xff")?.text_utf8(), None);
    /// # Ok::<(), smtp_codes::ParseError>(())
    /// ```
    pub fn text_utf8(&self) -> Option<&'a str> {
        core::str::from_utf8(self.text).ok()
    }
}

#[cfg(all(test, feature = "std"))]
mod tests {
    use super::{head, leading_enhanced};
    use crate::{EnhancedCode, ReplyCode};
    use std::string::ToString;
    use std::vec::Vec;

    /// The definition the fast reader replaced: the first space or tab in
    /// the first ten bytes ends the candidate, which `EnhancedCode::parse`
    /// must take whole.
    fn reference(text: &[u8]) -> Option<(EnhancedCode, usize)> {
        let start = usize::from(text.first() == Some(&b'#'));
        let rest = &text[start..];
        if !matches!(rest.first(), Some(b'2' | b'4' | b'5')) {
            return None;
        }
        let head = &rest[..rest.len().min(10)];
        let end = match head.iter().position(|&b| b == b' ' || b == b'\t') {
            Some(end) => end,
            None if head.len() == rest.len() => rest.len(),
            None => return None,
        };
        let code = EnhancedCode::parse(&rest[..end]).ok()?;
        Some((code, start + end))
    }

    /// Every string of up to 6 bytes over the bytes that matter, alone and
    /// followed by text (so that the one-word reading of `c.s.d ` and the
    /// byte-wise reading are both exercised on every shape).
    #[test]
    fn leading_enhanced_agrees_with_its_definition() {
        const ALPHABET: &[u8] = b"#245019. \tx";
        const SUFFIXES: [&[u8]; 5] = [b"", b"99 text", b" x", b"\tx", b"5 Ok"];
        let mut buf = Vec::new();
        let mut checked = 0;
        for len in 0..=6u32 {
            for n in 0..ALPHABET.len().pow(len) {
                for suffix in SUFFIXES {
                    buf.clear();
                    let mut n = n;
                    for _ in 0..len {
                        buf.push(ALPHABET[n % ALPHABET.len()]);
                        n /= ALPHABET.len();
                    }
                    buf.extend_from_slice(suffix);
                    assert_eq!(
                        leading_enhanced(&buf),
                        reference(&buf),
                        "{:?}",
                        buf.escape_ascii().to_string()
                    );
                }
                checked += 1;
            }
        }
        assert_eq!(checked, (0..=6).map(|l| 11usize.pow(l)).sum::<usize>());
        for long in [
            &b"5.999.999 x"[..],
            b"#5.999.999",
            b"5.999.9999",
            b"4.100.100\tx",
            b"2.0.0",
        ] {
            assert_eq!(leading_enhanced(long), reference(long));
        }
        assert_eq!(leading_enhanced(b"#5.999.999").map(|(_, n)| n), Some(10));
    }

    /// Every byte value at every position of the word the fast path reads.
    #[test]
    fn one_word_reading_at_its_edges() {
        for base in [
            b"5.1.1 Ok",
            b"2.0.0 Ok",
            b"4.7.9\tOk",
            b"5.7.26 x",
            b"#5.1.1 x",
        ] {
            for pos in 0..base.len() {
                for value in 0..=255 {
                    let mut buf = *base;
                    buf[pos] = value;
                    assert_eq!(leading_enhanced(&buf), reference(&buf), "{buf:?}");
                }
            }
        }
    }

    /// `head` refuses exactly the codes `ReplyCode::parse` refuses.
    #[test]
    fn head_reads_codes_as_reply_code_parse() {
        let bytes: Vec<u8> = (b'/'..=b':')
            .chain([0, b' ', b'-', b'a', 0x80, 0xff])
            .collect();
        for &a in &bytes {
            for &b in &bytes {
                for &c in &bytes {
                    let digits = [a, b, c];
                    let fast = ReplyCode::from_ascii(a, b, c);
                    assert_eq!(fast, ReplyCode::parse(&digits).ok(), "{digits:?}");
                    let line = [a, b, c, b' ', b'x'];
                    assert_eq!(head(&line).ok().map(|h| h.code), fast);
                }
            }
        }
    }
}
