//! The error of every code parser.

use core::fmt;

/// What was wrong with the input of a code parser.
///
/// ```
/// use smtp_codes::{EnhancedCode, ParseErrorKind};
/// let err = "5.01.1".parse::<EnhancedCode>().unwrap_err();
/// assert_eq!(err.kind(), ParseErrorKind::LeadingZero);
/// assert_eq!(err.offset(), 2);
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParseErrorKind {
    /// The input is empty.
    Empty,
    /// A digit was expected.
    ExpectedDigit,
    /// The `.` between the parts of an enhanced status code was expected.
    ExpectedDot,
    /// The first digit of a reply code is not 2, 3, 4 or 5 (RFC 5321 §4.2).
    ReplyClass,
    /// The second digit of a reply code is not 0 to 5 (RFC 5321 §4.2).
    ReplyCategory,
    /// The class of an enhanced status code is not 2, 4 or 5 (RFC 3463 §2).
    EnhancedClass,
    /// A part has more digits than allowed (3 for a reply code, 1 to 3 for
    /// the subject and detail of an enhanced status code).
    TooManyDigits,
    /// A subject or detail starts with `0` and has more digits: RFC 3463's
    /// grammar would allow it, but then one code would have two spellings;
    /// no server sends it, so it is refused.
    LeadingZero,
    /// The code is complete but more input follows.
    TrailingInput,
    /// After the reply code of a reply line, a space, a `-` or the end of the
    /// line was expected (RFC 5321 §4.2).
    ExpectedSeparator,
}

impl ParseErrorKind {
    /// A stable lowercase name, as the CLI's JSON and the bindings spell it.
    ///
    /// ```
    /// use smtp_codes::ParseErrorKind;
    /// assert_eq!(ParseErrorKind::LeadingZero.as_str(), "leading_zero");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            ParseErrorKind::Empty => "empty",
            ParseErrorKind::ExpectedDigit => "expected_digit",
            ParseErrorKind::ExpectedDot => "expected_dot",
            ParseErrorKind::ReplyClass => "reply_class",
            ParseErrorKind::ReplyCategory => "reply_category",
            ParseErrorKind::EnhancedClass => "enhanced_class",
            ParseErrorKind::TooManyDigits => "too_many_digits",
            ParseErrorKind::LeadingZero => "leading_zero",
            ParseErrorKind::TrailingInput => "trailing_input",
            ParseErrorKind::ExpectedSeparator => "expected_separator",
        }
    }

    /// What is wrong, in words.
    ///
    /// ```
    /// use smtp_codes::ParseErrorKind;
    /// assert_eq!(ParseErrorKind::ExpectedDot.description(), "expected '.'");
    /// ```
    pub const fn description(self) -> &'static str {
        match self {
            ParseErrorKind::Empty => "empty input",
            ParseErrorKind::ExpectedDigit => "expected a digit",
            ParseErrorKind::ExpectedDot => "expected '.'",
            ParseErrorKind::ReplyClass => "the first digit of a reply code must be 2, 3, 4 or 5",
            ParseErrorKind::ReplyCategory => "the second digit of a reply code must be 0 to 5",
            ParseErrorKind::EnhancedClass => {
                "the class of an enhanced status code must be 2, 4 or 5"
            }
            ParseErrorKind::TooManyDigits => "too many digits",
            ParseErrorKind::LeadingZero => "leading zero in a subject or detail",
            ParseErrorKind::TrailingInput => "unexpected input after the code",
            ParseErrorKind::ExpectedSeparator => {
                "expected ' ', '-' or the end of the line after the reply code"
            }
        }
    }
}

/// The input is not a code: what is wrong and at which byte.
///
/// ```
/// use smtp_codes::ReplyCode;
/// let err = "650".parse::<ReplyCode>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid reply code: the first digit of a reply code must be 2, 3, 4 or 5 at byte 0 ('6')"
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ParseError {
    kind: ParseErrorKind,
    offset: usize,
    found: Option<u8>,
    what: Target,
}

/// What was being parsed, for the error message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Target {
    ReplyCode,
    EnhancedCode,
    ReplyLine,
}

impl Target {
    const fn as_str(self) -> &'static str {
        match self {
            Target::ReplyCode => "reply code",
            Target::EnhancedCode => "enhanced status code",
            Target::ReplyLine => "reply line",
        }
    }
}

impl ParseError {
    pub(crate) const fn new(
        what: Target,
        kind: ParseErrorKind,
        input: &[u8],
        offset: usize,
    ) -> Self {
        let found = if offset < input.len() {
            Some(input[offset])
        } else {
            None
        };
        ParseError {
            kind,
            offset,
            found,
            what,
        }
    }

    /// What was wrong.
    ///
    /// ```
    /// use smtp_codes::{ParseErrorKind, ReplyCode};
    /// assert_eq!("".parse::<ReplyCode>().unwrap_err().kind(), ParseErrorKind::Empty);
    /// ```
    pub const fn kind(&self) -> ParseErrorKind {
        self.kind
    }

    /// The byte offset in the input where the problem is.
    ///
    /// ```
    /// use smtp_codes::ReplyCode;
    /// assert_eq!("25x".parse::<ReplyCode>().unwrap_err().offset(), 2);
    /// ```
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// The byte found at [`offset`](Self::offset), or `None` at the end of the input.
    ///
    /// ```
    /// use smtp_codes::ReplyCode;
    /// assert_eq!("25x".parse::<ReplyCode>().unwrap_err().found(), Some(b'x'));
    /// assert_eq!("25".parse::<ReplyCode>().unwrap_err().found(), None);
    /// ```
    pub const fn found(&self) -> Option<u8> {
        self.found
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid {}: {} at byte {}",
            self.what.as_str(),
            self.kind.description(),
            self.offset
        )?;
        match self.found {
            Some(b) if b.is_ascii_graphic() || b == b' ' => write!(f, " ('{}')", b as char),
            Some(b) => write!(f, " (byte 0x{b:02x})"),
            None => f.write_str(" (end of input)"),
        }
    }
}

impl core::error::Error for ParseError {}
