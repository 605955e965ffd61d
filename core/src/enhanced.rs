//! Enhanced status codes (RFC 3463): the open value type, and the behaviour of
//! the generated registry enums [`Class`], [`Subject`] and [`EnhancedStatus`].

use crate::error::{ParseError, ParseErrorKind};
use crate::registry::{
    AssociatedCodes, CLASS_ENTRIES, Reference, STATUS_ENTRIES, SUBJECT_ENTRIES, StatusEntry,
    SubCodeEntry,
};
use crate::{Class, EnhancedStatus, Subject};
use core::fmt;
use core::str::FromStr;

/// An enhanced mail system status code as it comes off the wire:
/// `class.subject.detail` (RFC 3463 §2), registered or not.
///
/// The class is 2, 4 or 5; subject and detail have 1 to 3 digits, so codes
/// that IANA never registered but servers send (Microsoft's `5.7.606`,
/// `4.4.316`) are valid values and print back unchanged. [`known`](Self::known)
/// finds the registry entry, [`class`](Self::class) and
/// [`known_subject`](Self::known_subject) what the registry says of the parts.
///
/// ```
/// use smtp_codes::{Class, EnhancedCode, EnhancedStatus, Subject};
/// let code: EnhancedCode = "5.1.1".parse()?;
/// assert_eq!(code.class(), Class::PermanentFailure);
/// assert_eq!(code.known_subject(), Some(Subject::Addressing));
/// assert_eq!(code.known(), Some(EnhancedStatus::BadDestinationMailboxAddress));
///
/// let ms: EnhancedCode = "5.7.606".parse()?;
/// assert_eq!(ms.to_string(), "5.7.606");
/// assert_eq!(ms.known(), None);
/// assert_eq!(ms.known_subject(), Some(Subject::SecurityOrPolicy));
/// assert!(ms.is_permanent_failure());
/// # Ok::<(), smtp_codes::ParseError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EnhancedCode {
    class: Class,
    subject: u16,
    detail: u16,
}

const WHAT: crate::error::Target = crate::error::Target::EnhancedCode;

/// Parses 1 to 3 digits without a leading zero, starting at `start`; returns
/// the value and the offset after it.
#[inline]
const fn part(input: &[u8], start: usize) -> Result<(u16, usize), ParseError> {
    let mut i = start;
    let mut value: u16 = 0;
    while i < input.len() && input[i].is_ascii_digit() {
        if i - start == 3 {
            return Err(ParseError::new(
                WHAT,
                ParseErrorKind::TooManyDigits,
                input,
                i,
            ));
        }
        if i - start == 1 && value == 0 {
            return Err(ParseError::new(
                WHAT,
                ParseErrorKind::LeadingZero,
                input,
                start,
            ));
        }
        value = value * 10 + (input[i] - b'0') as u16;
        i += 1;
    }
    if i == start {
        return Err(ParseError::new(
            WHAT,
            ParseErrorKind::ExpectedDigit,
            input,
            i,
        ));
    }
    Ok((value, i))
}

impl EnhancedCode {
    /// The code `class.subject.detail`, if subject and detail are at most 999.
    ///
    /// ```
    /// use smtp_codes::{Class, EnhancedCode};
    /// let c = EnhancedCode::new(Class::PersistentTransientFailure, 4, 316).unwrap();
    /// assert_eq!(c.to_string(), "4.4.316");
    /// assert!(EnhancedCode::new(Class::PermanentFailure, 1000, 0).is_none());
    /// ```
    pub const fn new(class: Class, subject: u16, detail: u16) -> Option<EnhancedCode> {
        if subject <= 999 && detail <= 999 {
            Some(EnhancedCode {
                class,
                subject,
                detail,
            })
        } else {
            None
        }
    }

    /// The registered status with this class.
    ///
    /// ```
    /// use smtp_codes::{Class, EnhancedCode, EnhancedStatus};
    /// let c = EnhancedCode::from_status(Class::PersistentTransientFailure, EnhancedStatus::MailboxFull);
    /// assert_eq!(c.to_string(), "4.2.2");
    /// ```
    pub fn from_status(class: Class, status: EnhancedStatus) -> EnhancedCode {
        EnhancedCode {
            class,
            subject: status.subject(),
            detail: status.detail(),
        }
    }

    /// Parses `class.subject.detail` (RFC 3463 §2) and nothing else.
    ///
    /// ```
    /// use smtp_codes::{EnhancedCode, ParseErrorKind};
    /// assert_eq!(EnhancedCode::parse(b"4.4.316")?.to_string(), "4.4.316");
    /// let kind = |s: &[u8]| EnhancedCode::parse(s).unwrap_err().kind();
    /// assert_eq!(kind(b"3.1.1"), ParseErrorKind::EnhancedClass);
    /// assert_eq!(kind(b"5.1"), ParseErrorKind::ExpectedDot);
    /// assert_eq!(kind(b"5.1.1000"), ParseErrorKind::TooManyDigits);
    /// assert_eq!(kind(b"5.1.1.2"), ParseErrorKind::TrailingInput);
    /// # Ok::<(), smtp_codes::ParseError>(())
    /// ```
    #[inline]
    pub const fn parse(input: &[u8]) -> Result<EnhancedCode, ParseError> {
        if input.is_empty() {
            return Err(ParseError::new(WHAT, ParseErrorKind::Empty, input, 0));
        }
        let class = match input[0] {
            b'2' => Class::Success,
            b'4' => Class::PersistentTransientFailure,
            b'5' => Class::PermanentFailure,
            b'0'..=b'9' => {
                return Err(ParseError::new(
                    WHAT,
                    ParseErrorKind::EnhancedClass,
                    input,
                    0,
                ));
            }
            _ => {
                return Err(ParseError::new(
                    WHAT,
                    ParseErrorKind::ExpectedDigit,
                    input,
                    0,
                ));
            }
        };
        if input.len() < 2 || input[1] != b'.' {
            let kind = if input.len() >= 2 && input[1].is_ascii_digit() {
                ParseErrorKind::TooManyDigits
            } else {
                ParseErrorKind::ExpectedDot
            };
            return Err(ParseError::new(WHAT, kind, input, 1));
        }
        let (subject, i) = match part(input, 2) {
            Ok(p) => p,
            Err(e) => return Err(e),
        };
        if i >= input.len() || input[i] != b'.' {
            return Err(ParseError::new(WHAT, ParseErrorKind::ExpectedDot, input, i));
        }
        let (detail, end) = match part(input, i + 1) {
            Ok(p) => p,
            Err(e) => return Err(e),
        };
        if end != input.len() {
            return Err(ParseError::new(
                WHAT,
                ParseErrorKind::TrailingInput,
                input,
                end,
            ));
        }
        Ok(EnhancedCode {
            class,
            subject,
            detail,
        })
    }

    /// The length of the code as [`Display`](fmt::Display) writes it.
    pub(crate) const fn display_len(self) -> usize {
        const fn digits(n: u16) -> usize {
            if n >= 100 {
                3
            } else if n >= 10 {
                2
            } else {
                1
            }
        }
        3 + digits(self.subject) + digits(self.detail)
    }

    /// The class: success, persistent transient failure or permanent failure.
    ///
    /// ```
    /// use smtp_codes::{Class, EnhancedCode};
    /// assert_eq!("4.2.2".parse::<EnhancedCode>()?.class(), Class::PersistentTransientFailure);
    /// # Ok::<(), smtp_codes::ParseError>(())
    /// ```
    pub const fn class(self) -> Class {
        self.class
    }

    /// The subject number (0 to 999).
    ///
    /// ```
    /// assert_eq!("5.7.606".parse::<smtp_codes::EnhancedCode>()?.subject(), 7);
    /// # Ok::<(), smtp_codes::ParseError>(())
    /// ```
    pub const fn subject(self) -> u16 {
        self.subject
    }

    /// The detail number (0 to 999).
    ///
    /// ```
    /// assert_eq!("5.7.606".parse::<smtp_codes::EnhancedCode>()?.detail(), 606);
    /// # Ok::<(), smtp_codes::ParseError>(())
    /// ```
    pub const fn detail(self) -> u16 {
        self.detail
    }

    /// The registered subject, or `None` for a subject IANA has not registered.
    ///
    /// ```
    /// use smtp_codes::{EnhancedCode, Subject};
    /// assert_eq!("4.4.316".parse::<EnhancedCode>()?.known_subject(), Some(Subject::NetworkAndRouting));
    /// assert_eq!("5.9.1".parse::<EnhancedCode>()?.known_subject(), None);
    /// # Ok::<(), smtp_codes::ParseError>(())
    /// ```
    pub const fn known_subject(self) -> Option<Subject> {
        Subject::from_number(self.subject)
    }

    /// The registered status `X.subject.detail`, or `None`.
    ///
    /// ```
    /// use smtp_codes::{EnhancedCode, EnhancedStatus};
    /// assert_eq!("5.7.26".parse::<EnhancedCode>()?.known(), Some(EnhancedStatus::MultipleAuthenticationChecksFailed));
    /// # Ok::<(), smtp_codes::ParseError>(())
    /// ```
    pub const fn known(self) -> Option<EnhancedStatus> {
        EnhancedStatus::from_parts(self.subject, self.detail)
    }

    /// Class 2: the DSN reports a positive delivery action.
    ///
    /// ```
    /// assert!("2.1.5".parse::<smtp_codes::EnhancedCode>()?.is_success());
    /// # Ok::<(), smtp_codes::ParseError>(())
    /// ```
    pub const fn is_success(self) -> bool {
        matches!(self.class, Class::Success)
    }

    /// Class 4: the message is valid but a temporary condition caused
    /// abandonment or delay; sending in the future may succeed.
    ///
    /// ```
    /// assert!("4.4.1".parse::<smtp_codes::EnhancedCode>()?.is_persistent_transient_failure());
    /// # Ok::<(), smtp_codes::ParseError>(())
    /// ```
    pub const fn is_persistent_transient_failure(self) -> bool {
        matches!(self.class, Class::PersistentTransientFailure)
    }

    /// Class 5: not likely to be resolved by resending the message in its
    /// current form.
    ///
    /// ```
    /// assert!("5.1.1".parse::<smtp_codes::EnhancedCode>()?.is_permanent_failure());
    /// # Ok::<(), smtp_codes::ParseError>(())
    /// ```
    pub const fn is_permanent_failure(self) -> bool {
        matches!(self.class, Class::PermanentFailure)
    }
}

impl fmt::Display for EnhancedCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Up to 11 bytes: "5.999.999".
        let mut buf = [0u8; 11];
        let mut n = 0;
        let mut push = |b: u8| {
            buf[n] = b;
            n += 1;
        };
        push(b'0' + self.class as u8);
        for (i, v) in [self.subject, self.detail].into_iter().enumerate() {
            let _ = i;
            push(b'.');
            if v >= 100 {
                push(b'0' + (v / 100) as u8);
            }
            if v >= 10 {
                push(b'0' + (v / 10 % 10) as u8);
            }
            push(b'0' + (v % 10) as u8);
        }
        f.pad(core::str::from_utf8(&buf[..n]).map_err(|_| fmt::Error)?)
    }
}

impl fmt::Debug for EnhancedCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.known() {
            Some(k) => write!(f, "EnhancedCode({self} {k:?})"),
            None => write!(f, "EnhancedCode({self})"),
        }
    }
}

impl FromStr for EnhancedCode {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EnhancedCode::parse(s.as_bytes())
    }
}

impl TryFrom<&str> for EnhancedCode {
    type Error = ParseError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        EnhancedCode::parse(s.as_bytes())
    }
}

impl TryFrom<&[u8]> for EnhancedCode {
    type Error = ParseError;
    fn try_from(b: &[u8]) -> Result<Self, Self::Error> {
        EnhancedCode::parse(b)
    }
}

impl TryFrom<EnhancedCode> for EnhancedStatus {
    type Error = EnhancedCode;
    /// Fails with the code itself when IANA has not registered it.
    fn try_from(c: EnhancedCode) -> Result<Self, EnhancedCode> {
        c.known().ok_or(c)
    }
}

/// Which code counts, from a `Status` code and the code a diagnostic text
/// carries.
///
/// `status` wins, except that a generic status yields to a more specific code
/// of the same class: `X.0.0` to any other code of class X, and `X.Y.0` to a
/// code `X.Y.Z` with Z ≠ 0 (Exim always writes `Status: 5.0.0` and the real
/// code only in the diagnostic). Without a `status`, the other code counts.
#[cfg_attr(not(feature = "alloc"), allow(dead_code))]
pub(crate) fn resolve_status(
    status: Option<EnhancedCode>,
    from_text: Option<EnhancedCode>,
) -> Option<EnhancedCode> {
    match (status, from_text) {
        (Some(s), Some(d))
            if s.class() == d.class()
                && s.detail() == 0
                && s != d
                && (s.subject() == 0 || s.subject() == d.subject()) =>
        {
            Some(d)
        }
        (Some(s), _) => Some(s),
        (None, d) => d,
    }
}

macro_rules! sub_code_accessors {
    ($ty:ident, $table:ident, $code_example:literal, $summary_example:literal) => {
        impl $ty {
            fn entry(self) -> &'static SubCodeEntry {
                &$table[self.index()]
            }

            /// The code as the registry writes it.
            ///
            /// ```
            #[doc = $code_example]
            /// ```
            pub fn code(self) -> &'static str {
                self.entry().code
            }

            /// The registry's summary.
            ///
            /// ```
            #[doc = $summary_example]
            /// ```
            pub fn summary(self) -> &'static str {
                self.entry().summary
            }

            /// The registry's description (may span several lines).
            ///
            /// ```
            #[doc = concat!("assert!(!smtp_codes::", stringify!($ty), "::ALL[0].description().is_empty());")]
            /// ```
            pub fn description(self) -> &'static str {
                self.entry().description
            }

            /// The registry's references, parsed.
            ///
            /// ```
            #[doc = concat!("assert_eq!(smtp_codes::", stringify!($ty), "::ALL[0].references()[0].document, \"RFC3463\");")]
            /// ```
            pub fn references(self) -> &'static [Reference] {
                self.entry().references
            }

            /// The registry's reference column, verbatim.
            ///
            /// ```
            #[doc = concat!("assert!(smtp_codes::", stringify!($ty), "::ALL[0].reference().starts_with(\"[RFC3463]\"));")]
            /// ```
            pub fn reference(self) -> &'static str {
                self.entry().reference
            }

            /// Who submitted the registration.
            ///
            /// ```
            #[doc = concat!("assert_eq!(smtp_codes::", stringify!($ty), "::ALL[0].submitter(), \"G. Vaudreuil\");")]
            /// ```
            pub fn submitter(self) -> &'static str {
                self.entry().submitter
            }

            /// Who controls changes to the registration.
            ///
            /// ```
            #[doc = concat!("assert_eq!(smtp_codes::", stringify!($ty), "::ALL[0].change_controller(), \"IESG\");")]
            /// ```
            pub fn change_controller(self) -> &'static str {
                self.entry().change_controller
            }
        }

        impl fmt::Display for $ty {
            /// The code as the registry writes it.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(self.code())
            }
        }
    };
}

sub_code_accessors!(
    Class,
    CLASS_ENTRIES,
    "assert_eq!(smtp_codes::Class::PermanentFailure.code(), \"5.XXX.YYY\");",
    "assert_eq!(smtp_codes::Class::PermanentFailure.summary(), \"Permanent Failure\");"
);
sub_code_accessors!(
    Subject,
    SUBJECT_ENTRIES,
    "assert_eq!(smtp_codes::Subject::Mailbox.code(), \"X.2.YYY\");",
    "assert_eq!(smtp_codes::Subject::Mailbox.summary(), \"Mailbox Status\");"
);

impl Class {
    /// The class digit.
    ///
    /// ```
    /// assert_eq!(smtp_codes::Class::Success.digit(), 2);
    /// ```
    pub const fn digit(self) -> u8 {
        self as u8
    }
}

impl Subject {
    /// The subject number.
    ///
    /// ```
    /// assert_eq!(smtp_codes::Subject::SecurityOrPolicy.number(), 7);
    /// ```
    pub const fn number(self) -> u16 {
        self as u16
    }
}

impl EnhancedStatus {
    fn entry(self) -> &'static StatusEntry {
        &STATUS_ENTRIES[self as usize]
    }

    /// The code as the registry writes it, class-free.
    ///
    /// ```
    /// assert_eq!(smtp_codes::EnhancedStatus::MailboxFull.code(), "X.2.2");
    /// ```
    pub fn code(self) -> &'static str {
        self.entry().code
    }

    /// The subject number.
    ///
    /// ```
    /// assert_eq!(smtp_codes::EnhancedStatus::MailboxFull.subject(), 2);
    /// ```
    pub fn subject(self) -> u16 {
        self.entry().subject
    }

    /// The registered subject.
    ///
    /// ```
    /// use smtp_codes::{EnhancedStatus, Subject};
    /// assert_eq!(EnhancedStatus::MailboxFull.known_subject(), Subject::Mailbox);
    /// ```
    pub fn known_subject(self) -> Subject {
        match Subject::from_number(self.subject()) {
            Some(s) => s,
            // codegen refuses a status whose subject is not registered
            None => unreachable!(),
        }
    }

    /// The detail number.
    ///
    /// ```
    /// assert_eq!(smtp_codes::EnhancedStatus::MailboxFull.detail(), 2);
    /// ```
    pub fn detail(self) -> u16 {
        self.entry().detail
    }

    /// The registry's sample text (empty for the deprecated `X.6.10`).
    ///
    /// ```
    /// assert_eq!(smtp_codes::EnhancedStatus::MailboxFull.sample_text(), "Mailbox full");
    /// ```
    pub fn sample_text(self) -> &'static str {
        self.entry().sample_text
    }

    /// The reply codes the registry associates with this status.
    ///
    /// ```
    /// use smtp_codes::{EnhancedStatus, ReplyCode};
    /// let a = EnhancedStatus::BadDestinationMailboxAddress.associated_codes();
    /// assert_eq!(a.raw(), "451, 550");
    /// assert!(a.allows(ReplyCode::MAILBOX_UNAVAILABLE));
    /// ```
    pub fn associated_codes(self) -> &'static AssociatedCodes {
        &self.entry().associated
    }

    /// The registry's description (may span several lines).
    ///
    /// ```
    /// assert!(smtp_codes::EnhancedStatus::MailboxFull.description().contains("full"));
    /// ```
    pub fn description(self) -> &'static str {
        self.entry().description
    }

    /// The registry's references, parsed.
    ///
    /// ```
    /// let r = smtp_codes::EnhancedStatus::ArcValidationFailure.references();
    /// assert_eq!(r[0].rfc(), Some(8617));
    /// ```
    pub fn references(self) -> &'static [Reference] {
        self.entry().references
    }

    /// The registry's reference column, verbatim.
    ///
    /// ```
    /// assert_eq!(smtp_codes::EnhancedStatus::ArcValidationFailure.reference(), "[RFC8617]");
    /// ```
    pub fn reference(self) -> &'static str {
        self.entry().reference
    }

    /// Who submitted the registration (empty for `X.6.10`).
    ///
    /// ```
    /// assert_eq!(smtp_codes::EnhancedStatus::ArcValidationFailure.submitter(), "K. Andersen");
    /// ```
    pub fn submitter(self) -> &'static str {
        self.entry().submitter
    }

    /// Who controls changes to the registration (empty for `X.6.10`).
    ///
    /// ```
    /// assert_eq!(smtp_codes::EnhancedStatus::ArcValidationFailure.change_controller(), "IESG");
    /// ```
    pub fn change_controller(self) -> &'static str {
        self.entry().change_controller
    }

    /// This status with a class.
    ///
    /// ```
    /// use smtp_codes::{Class, EnhancedStatus};
    /// assert_eq!(EnhancedStatus::MailboxFull.with_class(Class::PermanentFailure).to_string(), "5.2.2");
    /// ```
    pub fn with_class(self, class: Class) -> EnhancedCode {
        EnhancedCode::from_status(class, self)
    }
}

impl fmt::Display for EnhancedStatus {
    /// The code as the registry writes it: `X.2.2`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.code())
    }
}
