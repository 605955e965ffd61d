//! One line of a server reply (RFC 5321 §4.2, RFC 2034 §4).

use crate::error::{ParseError, ParseErrorKind};
use crate::{EnhancedCode, ReplyCode};

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

/// The enhanced code at the start of `text` and the length it takes (with
/// Exchange's optional `#`), when it is followed by a space, a tab or the end.
#[inline]
fn leading_enhanced(text: &[u8]) -> Option<(EnhancedCode, usize)> {
    let start = usize::from(text.first() == Some(&b'#'));
    let rest = &text[start..];
    // Most lines start with a letter: only a class digit can start a code.
    if !matches!(rest.first(), Some(b'2' | b'4' | b'5')) {
        return None;
    }
    // "5.999.999" is the longest code: look no further for its end.
    let head = &rest[..rest.len().min(10)];
    let end = match head.iter().position(|&b| b == b' ' || b == b'\t') {
        Some(end) => end,
        None if head.len() == rest.len() => rest.len(),
        None => return None,
    };
    let code = EnhancedCode::parse(&rest[..end]).ok()?;
    Some((code, start + end))
}

/// Whether a line's text would be read as starting with an enhanced code.
pub(crate) fn starts_with_enhanced(text: &[u8]) -> bool {
    leading_enhanced(text).is_some()
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
        if line.is_empty() {
            return Err(ParseError::new(WHAT, ParseErrorKind::Empty, line, 0));
        }
        let digits = &line[..line.len().min(3)];
        let code = match ReplyCode::parse(digits) {
            Ok(code) => code,
            Err(e) => return Err(ParseError::new(WHAT, e.kind(), line, e.offset())),
        };
        let (last, rest) = match line.get(3) {
            None => (true, &line[3..]),
            Some(b' ') => (true, &line[4..]),
            Some(b'-') => (false, &line[4..]),
            Some(b) if b.is_ascii_digit() => {
                return Err(ParseError::new(
                    WHAT,
                    ParseErrorKind::TooManyDigits,
                    line,
                    3,
                ));
            }
            Some(_) => {
                return Err(ParseError::new(
                    WHAT,
                    ParseErrorKind::ExpectedSeparator,
                    line,
                    3,
                ));
            }
        };
        let mut enhanced = None;
        let mut mismatched = None;
        let mut text = rest;
        let leading = if code.is_positive_intermediate() {
            None
        } else {
            leading_enhanced(rest)
        };
        if let Some((found, len)) = leading {
            if found.class().digit() as u16 == code.as_u16() / 100 {
                enhanced = Some(found);
                let after = &rest[len..];
                let skip = after
                    .iter()
                    .position(|&b| b != b' ' && b != b'\t')
                    .unwrap_or(after.len());
                text = &after[skip..];
            } else {
                mismatched = Some(found);
            }
        }
        Ok(ReplyLine {
            code,
            last,
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
