//! Basic reply codes (RFC 5321 §4.2): the open value type and its digits.

use crate::error::{ParseError, ParseErrorKind};
use crate::registry::{REPLY_ENTRIES, ReplyMeaning};
use crate::{EnhancedStatus, KnownReplyCode};
use core::fmt;
use core::num::NonZeroU16;
use core::str::FromStr;

/// A basic SMTP reply code as it comes off the wire: any code of RFC 5321's
/// grammar (`Reply-code = %x32-35 %x30-35 %x30-39`, so 200 to 559 with a
/// second digit of 0 to 5), registered or not.
///
/// Codes that an RFC defines have a constant each ([`ReplyCode::MAILBOX_UNAVAILABLE`])
/// and an entry in [`KnownReplyCode`], reached with [`known`](Self::known).
/// An unlisted code such as `259` stays a valid value and prints back unchanged.
///
/// ```
/// use smtp_codes::{ReplyClass, ReplyCategory, ReplyCode};
/// let code: ReplyCode = "550".parse()?;
/// assert_eq!(code, 550);
/// assert_eq!(code, ReplyCode::MAILBOX_UNAVAILABLE);
/// assert!(code.is_permanent_negative());
/// assert_eq!(code.class(), ReplyClass::PermanentNegative);
/// assert_eq!(code.category(), ReplyCategory::MailSystem);
/// assert_eq!(code.canonical_text(), Some("Requested action not taken: mailbox unavailable"));
///
/// let odd = ReplyCode::from_u16(259).unwrap();
/// assert_eq!(odd.to_string(), "259");
/// assert_eq!(odd.known(), None);
/// # Ok::<(), smtp_codes::ParseError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReplyCode(NonZeroU16);

const WHAT: crate::error::Target = crate::error::Target::ReplyCode;

impl ReplyCode {
    /// The code with this number, if it fits RFC 5321's grammar.
    ///
    /// ```
    /// use smtp_codes::ReplyCode;
    /// assert!(ReplyCode::from_u16(250).is_some());
    /// assert!(ReplyCode::from_u16(199).is_none()); // first digit 1
    /// assert!(ReplyCode::from_u16(260).is_none()); // second digit 6
    /// ```
    pub const fn from_u16(code: u16) -> Option<ReplyCode> {
        let (first, second) = (code / 100, code / 10 % 10);
        if first >= 2 && first <= 5 && second <= 5 {
            match NonZeroU16::new(code) {
                Some(n) => Some(ReplyCode(n)),
                None => None,
            }
        } else {
            None
        }
    }

    /// The code spelt by three ASCII bytes, as [`ReplyCode::parse`] reads
    /// them: the reply parser's fast path.
    #[inline(always)]
    pub(crate) const fn from_ascii(a: u8, b: u8, c: u8) -> Option<ReplyCode> {
        let (a, b, c) = (
            a.wrapping_sub(b'2'),
            b.wrapping_sub(b'0'),
            c.wrapping_sub(b'0'),
        );
        if a > 3 || b > 5 || c > 9 {
            return None;
        }
        match NonZeroU16::new((a as u16 + 2) * 100 + b as u16 * 10 + c as u16) {
            Some(n) => Some(ReplyCode(n)),
            None => None,
        }
    }

    /// Used by the generated tables, whose codes codegen has validated.
    pub(crate) const fn from_table(code: u16) -> ReplyCode {
        match ReplyCode::from_u16(code) {
            Some(c) => c,
            None => panic!("codegen emitted a reply code outside RFC 5321's grammar"),
        }
    }

    /// The value of a table entry.
    ///
    /// ```
    /// use smtp_codes::{KnownReplyCode, ReplyCode};
    /// assert_eq!(ReplyCode::from_known(KnownReplyCode::Ok), 250);
    /// ```
    pub const fn from_known(known: KnownReplyCode) -> ReplyCode {
        ReplyCode::from_table(known as u16)
    }

    /// Parses exactly three digits of RFC 5321's grammar.
    ///
    /// ```
    /// use smtp_codes::{ParseErrorKind, ReplyCode};
    /// assert_eq!(ReplyCode::parse(b"421")?, 421);
    /// assert_eq!(ReplyCode::parse(b"42").unwrap_err().kind(), ParseErrorKind::ExpectedDigit);
    /// assert_eq!(ReplyCode::parse(b"4210").unwrap_err().kind(), ParseErrorKind::TooManyDigits);
    /// assert_eq!(ReplyCode::parse(b"421 ").unwrap_err().kind(), ParseErrorKind::TrailingInput);
    /// # Ok::<(), smtp_codes::ParseError>(())
    /// ```
    #[inline]
    pub const fn parse(input: &[u8]) -> Result<ReplyCode, ParseError> {
        if input.is_empty() {
            return Err(ParseError::new(WHAT, ParseErrorKind::Empty, input, 0));
        }
        let mut value: u16 = 0;
        let mut i = 0;
        while i < 3 {
            if i >= input.len() || !input[i].is_ascii_digit() {
                return Err(ParseError::new(
                    WHAT,
                    ParseErrorKind::ExpectedDigit,
                    input,
                    i,
                ));
            }
            let d = (input[i] - b'0') as u16;
            if i == 0 && !(d >= 2 && d <= 5) {
                return Err(ParseError::new(WHAT, ParseErrorKind::ReplyClass, input, 0));
            }
            if i == 1 && d > 5 {
                return Err(ParseError::new(
                    WHAT,
                    ParseErrorKind::ReplyCategory,
                    input,
                    1,
                ));
            }
            value = value * 10 + d;
            i += 1;
        }
        if input.len() > 3 {
            let kind = if input[3].is_ascii_digit() {
                ParseErrorKind::TooManyDigits
            } else {
                ParseErrorKind::TrailingInput
            };
            return Err(ParseError::new(WHAT, kind, input, 3));
        }
        // The first digit is 2 to 5: the value is never 0.
        match NonZeroU16::new(value) {
            Some(n) => Ok(ReplyCode(n)),
            None => Err(ParseError::new(WHAT, ParseErrorKind::ReplyClass, input, 0)),
        }
    }

    /// The number.
    ///
    /// ```
    /// assert_eq!(smtp_codes::ReplyCode::OK.as_u16(), 250);
    /// ```
    pub const fn as_u16(self) -> u16 {
        self.0.get()
    }

    /// The three digits as a static string.
    ///
    /// ```
    /// assert_eq!(smtp_codes::ReplyCode::SERVICE_NOT_AVAILABLE.as_str(), "421");
    /// ```
    pub const fn as_str(self) -> &'static str {
        let i = self.as_u16() as usize * 3;
        let (_, tail) = DIGITS.split_at(i);
        let (digits, _) = tail.split_at(3);
        digits
    }

    /// The first digit, typed.
    ///
    /// ```
    /// use smtp_codes::{ReplyClass, ReplyCode};
    /// assert_eq!(ReplyCode::START_MAIL_INPUT.class(), ReplyClass::PositiveIntermediate);
    /// ```
    pub const fn class(self) -> ReplyClass {
        match self.as_u16() / 100 {
            2 => ReplyClass::PositiveCompletion,
            3 => ReplyClass::PositiveIntermediate,
            4 => ReplyClass::TransientNegative,
            _ => ReplyClass::PermanentNegative,
        }
    }

    /// The second digit, typed.
    ///
    /// ```
    /// use smtp_codes::{ReplyCategory, ReplyCode};
    /// assert_eq!(ReplyCode::SERVICE_READY.category(), ReplyCategory::Connections);
    /// ```
    pub const fn category(self) -> ReplyCategory {
        match self.as_u16() / 10 % 10 {
            0 => ReplyCategory::Syntax,
            1 => ReplyCategory::Information,
            2 => ReplyCategory::Connections,
            3 => ReplyCategory::Unspecified3,
            4 => ReplyCategory::Unspecified4,
            _ => ReplyCategory::MailSystem,
        }
    }

    /// `2yz`: the requested action has been successfully completed.
    ///
    /// ```
    /// assert!(smtp_codes::ReplyCode::OK.is_positive_completion());
    /// ```
    pub const fn is_positive_completion(self) -> bool {
        self.as_u16() / 100 == 2
    }

    /// `3yz`: the command has been accepted, more information is awaited.
    ///
    /// ```
    /// assert!(smtp_codes::ReplyCode::START_MAIL_INPUT.is_positive_intermediate());
    /// ```
    pub const fn is_positive_intermediate(self) -> bool {
        self.as_u16() / 100 == 3
    }

    /// `4yz`: the command was not accepted; the error condition is temporary.
    ///
    /// ```
    /// assert!(smtp_codes::ReplyCode::SERVICE_NOT_AVAILABLE.is_transient_negative());
    /// ```
    pub const fn is_transient_negative(self) -> bool {
        self.as_u16() / 100 == 4
    }

    /// `5yz`: the command was not accepted and the action did not occur; do
    /// not repeat the same request.
    ///
    /// ```
    /// assert!(smtp_codes::ReplyCode::MAILBOX_UNAVAILABLE.is_permanent_negative());
    /// ```
    pub const fn is_permanent_negative(self) -> bool {
        self.as_u16() / 100 == 5
    }

    /// `2yz` or `3yz`.
    ///
    /// ```
    /// assert!(smtp_codes::ReplyCode::START_MAIL_INPUT.is_positive());
    /// ```
    pub const fn is_positive(self) -> bool {
        self.as_u16() < 400
    }

    /// `4yz` or `5yz`.
    ///
    /// ```
    /// assert!(smtp_codes::ReplyCode::SERVICE_NOT_AVAILABLE.is_negative());
    /// ```
    pub const fn is_negative(self) -> bool {
        self.as_u16() >= 400
    }

    /// The entry of the reply-code table, when an RFC defines this code.
    ///
    /// ```
    /// use smtp_codes::{KnownReplyCode, ReplyCode};
    /// assert_eq!(ReplyCode::from_u16(554).unwrap().known(), Some(KnownReplyCode::TransactionFailed));
    /// ```
    pub const fn known(self) -> Option<KnownReplyCode> {
        KnownReplyCode::from_u16(self.as_u16())
    }

    /// The reply text of the code's primary definition, as its RFC writes it.
    ///
    /// ```
    /// assert_eq!(smtp_codes::ReplyCode::OK.canonical_text(), Some("Requested mail action okay, completed"));
    /// ```
    pub fn canonical_text(self) -> Option<&'static str> {
        self.known().map(KnownReplyCode::text)
    }

    /// The enhanced statuses whose IANA registration lists this code among
    /// its "associated basic status codes" (explicitly, not through `Any`
    /// or a `5XX` pattern). Tells something even of codes that no RFC
    /// defines, such as `525`.
    ///
    /// ```
    /// use smtp_codes::{EnhancedStatus, ReplyCode};
    /// let code = ReplyCode::from_u16(525).unwrap();
    /// assert_eq!(code.known(), None);
    /// assert!(code.associated_statuses().any(|s| s == EnhancedStatus::UserAccountDisabled));
    /// ```
    pub fn associated_statuses(self) -> impl Iterator<Item = EnhancedStatus> {
        EnhancedStatus::ALL
            .into_iter()
            .filter(move |s| s.associated_codes().codes().contains(&self))
    }
}

/// "000001002...999": every three-digit string, for [`ReplyCode::as_str`].
const DIGITS: &str = {
    const BYTES: [u8; 3000] = {
        let mut b = [0u8; 3000];
        let mut n = 0;
        while n < 1000 {
            b[n * 3] = b'0' + (n / 100) as u8;
            b[n * 3 + 1] = b'0' + (n / 10 % 10) as u8;
            b[n * 3 + 2] = b'0' + (n % 10) as u8;
            n += 1;
        }
        b
    };
    match core::str::from_utf8(&BYTES) {
        Ok(s) => s,
        Err(_) => panic!("digits are ASCII"),
    }
};

impl fmt::Display for ReplyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl fmt::Debug for ReplyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.known() {
            Some(k) => write!(f, "ReplyCode({} {:?})", self.as_str(), k),
            None => write!(f, "ReplyCode({})", self.as_str()),
        }
    }
}

impl FromStr for ReplyCode {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ReplyCode::parse(s.as_bytes())
    }
}

impl TryFrom<&str> for ReplyCode {
    type Error = ParseError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        ReplyCode::parse(s.as_bytes())
    }
}

impl TryFrom<&[u8]> for ReplyCode {
    type Error = ParseError;
    fn try_from(b: &[u8]) -> Result<Self, Self::Error> {
        ReplyCode::parse(b)
    }
}

/// The error of `ReplyCode::try_from(u16)`: the number is outside RFC 5321's grammar.
///
/// ```
/// use smtp_codes::ReplyCode;
/// let err = ReplyCode::try_from(600u16).unwrap_err();
/// assert_eq!(err.to_string(), "600 is not a reply code (RFC 5321 §4.2: first digit 2-5, second 0-5)");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct InvalidReplyCode(pub u16);

impl fmt::Display for InvalidReplyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is not a reply code (RFC 5321 §4.2: first digit 2-5, second 0-5)",
            self.0
        )
    }
}

impl core::error::Error for InvalidReplyCode {}

impl TryFrom<u16> for ReplyCode {
    type Error = InvalidReplyCode;
    fn try_from(n: u16) -> Result<Self, Self::Error> {
        ReplyCode::from_u16(n).ok_or(InvalidReplyCode(n))
    }
}

impl From<ReplyCode> for u16 {
    fn from(c: ReplyCode) -> u16 {
        c.as_u16()
    }
}

impl From<KnownReplyCode> for ReplyCode {
    fn from(k: KnownReplyCode) -> ReplyCode {
        ReplyCode::from_known(k)
    }
}

impl TryFrom<ReplyCode> for KnownReplyCode {
    type Error = ReplyCode;
    /// Fails with the code itself when no RFC of the table defines it.
    fn try_from(c: ReplyCode) -> Result<Self, ReplyCode> {
        c.known().ok_or(c)
    }
}

impl PartialEq<u16> for ReplyCode {
    fn eq(&self, other: &u16) -> bool {
        self.as_u16() == *other
    }
}

impl PartialEq<ReplyCode> for u16 {
    fn eq(&self, other: &ReplyCode) -> bool {
        *self == other.as_u16()
    }
}

impl PartialEq<KnownReplyCode> for ReplyCode {
    fn eq(&self, other: &KnownReplyCode) -> bool {
        self.as_u16() == *other as u16
    }
}

impl PartialEq<ReplyCode> for KnownReplyCode {
    fn eq(&self, other: &ReplyCode) -> bool {
        *self as u16 == other.as_u16()
    }
}

/// The first digit of a reply code (RFC 5321 §4.2.1).
///
/// ```
/// use smtp_codes::{ReplyClass, ReplyCode};
/// assert_eq!(ReplyCode::OK.class(), ReplyClass::PositiveCompletion);
/// assert_eq!(ReplyClass::TransientNegative as u8, 4);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum ReplyClass {
    /// `2yz` Positive Completion reply: the requested action has been
    /// successfully completed; a new request may be initiated.
    PositiveCompletion = 2,
    /// `3yz` Positive Intermediate reply: the command has been accepted, but
    /// the requested action is being held in abeyance, pending receipt of
    /// further information.
    PositiveIntermediate = 3,
    /// `4yz` Transient Negative Completion reply: the command was not
    /// accepted, and the requested action did not occur; the error condition
    /// is temporary and the action may be requested again.
    TransientNegative = 4,
    /// `5yz` Permanent Negative Completion reply: the command was not accepted
    /// and the requested action did not occur; the client is discouraged from
    /// repeating the exact request.
    PermanentNegative = 5,
}

impl ReplyClass {
    /// Every class, in numeric order.
    pub const ALL: [ReplyClass; 4] = [
        ReplyClass::PositiveCompletion,
        ReplyClass::PositiveIntermediate,
        ReplyClass::TransientNegative,
        ReplyClass::PermanentNegative,
    ];

    /// The class of this first digit.
    ///
    /// ```
    /// use smtp_codes::ReplyClass;
    /// assert_eq!(ReplyClass::from_digit(5), Some(ReplyClass::PermanentNegative));
    /// assert_eq!(ReplyClass::from_digit(1), None);
    /// ```
    pub const fn from_digit(digit: u8) -> Option<ReplyClass> {
        match digit {
            2 => Some(ReplyClass::PositiveCompletion),
            3 => Some(ReplyClass::PositiveIntermediate),
            4 => Some(ReplyClass::TransientNegative),
            5 => Some(ReplyClass::PermanentNegative),
            _ => None,
        }
    }

    /// The name RFC 5321 §4.2.1 gives it.
    ///
    /// ```
    /// use smtp_codes::ReplyClass;
    /// assert_eq!(ReplyClass::TransientNegative.name(), "Transient Negative Completion reply");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            ReplyClass::PositiveCompletion => "Positive Completion reply",
            ReplyClass::PositiveIntermediate => "Positive Intermediate reply",
            ReplyClass::TransientNegative => "Transient Negative Completion reply",
            ReplyClass::PermanentNegative => "Permanent Negative Completion reply",
        }
    }
}

/// The second digit of a reply code (RFC 5321 §4.2.1).
///
/// ```
/// use smtp_codes::{ReplyCategory, ReplyCode};
/// assert_eq!(ReplyCode::COMMAND_UNRECOGNIZED.category(), ReplyCategory::Syntax);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum ReplyCategory {
    /// `x0z` Syntax: syntax errors, syntactically correct commands that do not
    /// fit any functional category, unimplemented or superfluous commands.
    Syntax = 0,
    /// `x1z` Information: replies to requests for information, such as status or help.
    Information = 1,
    /// `x2z` Connections: replies referring to the transmission channel.
    Connections = 2,
    /// `x3z` Unspecified as yet.
    Unspecified3 = 3,
    /// `x4z` Unspecified as yet.
    Unspecified4 = 4,
    /// `x5z` Mail system: the status of the receiver mail system with respect
    /// to the requested transfer or other mail system action.
    MailSystem = 5,
}

impl ReplyCategory {
    /// Every category, in numeric order.
    pub const ALL: [ReplyCategory; 6] = [
        ReplyCategory::Syntax,
        ReplyCategory::Information,
        ReplyCategory::Connections,
        ReplyCategory::Unspecified3,
        ReplyCategory::Unspecified4,
        ReplyCategory::MailSystem,
    ];

    /// The category of this second digit.
    ///
    /// ```
    /// use smtp_codes::ReplyCategory;
    /// assert_eq!(ReplyCategory::from_digit(5), Some(ReplyCategory::MailSystem));
    /// assert_eq!(ReplyCategory::from_digit(6), None);
    /// ```
    pub const fn from_digit(digit: u8) -> Option<ReplyCategory> {
        match digit {
            0 => Some(ReplyCategory::Syntax),
            1 => Some(ReplyCategory::Information),
            2 => Some(ReplyCategory::Connections),
            3 => Some(ReplyCategory::Unspecified3),
            4 => Some(ReplyCategory::Unspecified4),
            5 => Some(ReplyCategory::MailSystem),
            _ => None,
        }
    }

    /// The name RFC 5321 §4.2.1 gives it.
    ///
    /// ```
    /// use smtp_codes::ReplyCategory;
    /// assert_eq!(ReplyCategory::MailSystem.name(), "Mail system");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            ReplyCategory::Syntax => "Syntax",
            ReplyCategory::Information => "Information",
            ReplyCategory::Connections => "Connections",
            ReplyCategory::Unspecified3 | ReplyCategory::Unspecified4 => "Unspecified as yet",
            ReplyCategory::MailSystem => "Mail system",
        }
    }
}

impl KnownReplyCode {
    /// The reply text of the primary definition, as its RFC writes it.
    ///
    /// ```
    /// use smtp_codes::KnownReplyCode;
    /// assert_eq!(KnownReplyCode::StartMailInput.text(), "Start mail input; end with <CRLF>.<CRLF>");
    /// ```
    pub fn text(self) -> &'static str {
        self.meanings()[0].text
    }

    /// Every meaning the RFCs give this code, the primary (RFC 5321 where it
    /// defines the code) first; codes such as 454 or 530 have several.
    ///
    /// ```
    /// use smtp_codes::KnownReplyCode;
    /// let m = KnownReplyCode::from_u16(530).unwrap().meanings();
    /// assert!(m.len() >= 2);
    /// assert!(m.iter().any(|m| m.context == "STARTTLS"));
    /// ```
    pub fn meanings(self) -> &'static [ReplyMeaning] {
        REPLY_ENTRIES[self.index()].meanings
    }

    /// The code as a value.
    ///
    /// ```
    /// use smtp_codes::KnownReplyCode;
    /// assert_eq!(KnownReplyCode::Ok.code().as_str(), "250");
    /// ```
    pub const fn code(self) -> ReplyCode {
        ReplyCode::from_known(self)
    }
}

impl fmt::Display for KnownReplyCode {
    /// `550 Requested action not taken: mailbox unavailable`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code(), self.text())
    }
}
