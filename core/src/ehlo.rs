//! EHLO replies (RFC 5321 §4.1.1.1, RFC 1869): the greeting and the service
//! extensions a server advertises.
//!
//! ```text
//! ehlo-ok-rsp  = ( "250" SP Domain [ SP ehlo-greet ] CRLF )
//!              / ( "250-" Domain [ SP ehlo-greet ] CRLF
//!                  *( "250-" ehlo-line CRLF )
//!                  "250" SP ehlo-line CRLF )
//! ehlo-line    = ehlo-keyword *( SP ehlo-param )
//! ehlo-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
//! ehlo-param   = 1*(%d33-126)
//! ```
//!
//! Nothing here allocates: an [`Ehlo`] keeps the iterator of its lines and
//! reads them again on every question, so every answer borrows from the
//! reply.

use crate::registry::{KEYWORD_ENTRIES, KeywordEntry, LIMIT_ENTRIES, LimitEntry};
use crate::{EhloKeyword, ParseErrorKind, Reference, ReplyLine, ServerLimit};
use core::fmt;

/// What is wrong with an EHLO reply or one of its lines.
///
/// ```
/// use smtp_codes::{EhloErrorKind, Extension};
/// let err = Extension::parse(b"SIZE lots").unwrap_err();
/// assert_eq!(err.kind(), EhloErrorKind::InvalidSize);
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EhloErrorKind {
    /// The reply has no line, so no greeting.
    NoGreeting,
    /// The greeting line does not start with a domain (`Domain [SP ehlo-greet]`).
    ExpectedDomain,
    /// An extension line does not start with an ehlo-keyword, or the
    /// keyword is followed by something other than a space.
    ExpectedKeyword,
    /// A parameter holds a byte that no ehlo-param may hold (a control
    /// character, DEL, or a byte above 127).
    InvalidParameter,
    /// The SIZE parameter is not one decimal number that fits in 64 bits
    /// (RFC 1870: `size-param ::= [1*DIGIT]`).
    InvalidSize,
    /// An AUTH mechanism is not a SASL mechanism name (RFC 4422: 1 to 20
    /// letters, digits, `-` or `_`).
    InvalidMechanism,
    /// A LIMITS parameter is not `limit-name ["=" limit-value]` (RFC 9422 §3),
    /// or a registered limit has no value or one outside its registered syntax.
    InvalidLimit,
    /// A LIMITS parameter names the same registered limit twice (ignoring
    /// case); unregistered limits are kept as sent, repeated or not.
    DuplicateLimit,
    /// A line of the raw reply given to [`Ehlo::parse`] is not a reply line.
    ReplyLine(ParseErrorKind),
    /// A line of the raw reply given to [`Ehlo::parse`] has a code other
    /// than 250.
    UnexpectedCode,
    /// The raw reply given to [`Ehlo::parse`] ends before its last line
    /// (`250 ...`), or goes on after it.
    Continuation,
}

impl EhloErrorKind {
    /// A stable lowercase name, as the CLI's JSON and the bindings spell it.
    ///
    /// ```
    /// use smtp_codes::EhloErrorKind;
    /// assert_eq!(EhloErrorKind::NoGreeting.as_str(), "no_greeting");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            EhloErrorKind::NoGreeting => "no_greeting",
            EhloErrorKind::ExpectedDomain => "expected_domain",
            EhloErrorKind::ExpectedKeyword => "expected_keyword",
            EhloErrorKind::InvalidParameter => "invalid_parameter",
            EhloErrorKind::InvalidSize => "invalid_size",
            EhloErrorKind::InvalidMechanism => "invalid_mechanism",
            EhloErrorKind::InvalidLimit => "invalid_limit",
            EhloErrorKind::DuplicateLimit => "duplicate_limit",
            EhloErrorKind::UnexpectedCode => "unexpected_code",
            EhloErrorKind::Continuation => "continuation",
            EhloErrorKind::ReplyLine(kind) => kind.as_str(),
        }
    }

    /// What is wrong, in words.
    ///
    /// ```
    /// use smtp_codes::EhloErrorKind;
    /// assert_eq!(EhloErrorKind::NoGreeting.description(), "the reply has no greeting line");
    /// ```
    pub const fn description(self) -> &'static str {
        match self {
            EhloErrorKind::NoGreeting => "the reply has no greeting line",
            EhloErrorKind::ExpectedDomain => "expected a domain at the start of the greeting",
            EhloErrorKind::ExpectedKeyword => {
                "expected an EHLO keyword (letters, digits, '-') followed by a space or the end"
            }
            EhloErrorKind::InvalidParameter => "a parameter holds a control or non-ASCII byte",
            EhloErrorKind::InvalidSize => "SIZE takes one decimal number that fits in 64 bits",
            EhloErrorKind::InvalidMechanism => {
                "an AUTH mechanism must be 1 to 20 letters, digits, '-' or '_'"
            }
            EhloErrorKind::InvalidLimit => {
                "a LIMITS parameter must be NAME or NAME=VALUE, with registered limits valued as registered"
            }
            EhloErrorKind::DuplicateLimit => "a limit is given twice",
            EhloErrorKind::ReplyLine(kind) => kind.description(),
            EhloErrorKind::UnexpectedCode => "an EHLO reply line must have the code 250",
            EhloErrorKind::Continuation => {
                "only the last line of a reply may be `250 `, and it must be there"
            }
        }
    }
}

/// A malformed EHLO reply or line: what is wrong, on which line, at which byte.
///
/// ```
/// use smtp_codes::{Ehlo, EhloErrorKind};
/// let lines: [&[u8]; 3] = [b"mx.example.com", b"SIZE 10x", b"PIPELINING"];
/// let ehlo = Ehlo::from_lines(lines)?;
/// let err = ehlo.errors().next().unwrap();
/// assert_eq!(err.kind(), EhloErrorKind::InvalidSize);
/// assert_eq!((err.line(), err.offset()), (1, 7));
/// assert_eq!(err.to_string(), "invalid EHLO reply: line 2: SIZE takes one decimal number that fits in 64 bits (at byte 7)");
/// # Ok::<(), smtp_codes::EhloError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EhloError {
    kind: EhloErrorKind,
    line: usize,
    offset: usize,
}

impl EhloError {
    const fn new(kind: EhloErrorKind, offset: usize) -> Self {
        EhloError {
            kind,
            line: 0,
            offset,
        }
    }

    const fn on_line(mut self, line: usize) -> Self {
        self.line = line;
        self
    }

    /// What is wrong.
    ///
    /// ```
    /// use smtp_codes::{EhloErrorKind, Extension};
    /// assert_eq!(Extension::parse(b"-X").unwrap_err().kind(), EhloErrorKind::ExpectedKeyword);
    /// ```
    pub const fn kind(&self) -> EhloErrorKind {
        self.kind
    }

    /// The index of the line in the reply: 0 is the greeting, 1 the first
    /// extension. 0 also for a line parsed alone ([`Extension::parse`]).
    ///
    /// ```
    /// use smtp_codes::Ehlo;
    /// let lines: [&[u8]; 3] = [b"mx.example.com", b"8BITMIME", b"AUTH PLAIN L\x00GIN"];
    /// assert_eq!(Ehlo::from_lines(lines)?.errors().next().unwrap().line(), 2);
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub const fn line(&self) -> usize {
        self.line
    }

    /// The byte offset in the line: in the text of the line as
    /// [`Ehlo::from_lines`] was given it (for a reply read with
    /// [`Ehlo::parse`], the text after `250-`), or in the raw line for the
    /// reply-line errors that [`Ehlo::parse`] itself returns.
    ///
    /// ```
    /// use smtp_codes::Extension;
    /// assert_eq!(Extension::parse(b"SIZE 1 2").unwrap_err().offset(), 7);
    /// ```
    pub const fn offset(&self) -> usize {
        self.offset
    }
}

impl fmt::Display for EhloError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid EHLO reply: line {}: {} (at byte {})",
            self.line + 1,
            self.kind.description(),
            self.offset
        )
    }
}

impl core::error::Error for EhloError {}

/// A line without its line ending and trailing blanks.
fn trim_end(line: &[u8]) -> &[u8] {
    let mut end = line.len();
    while end > 0 && matches!(line[end - 1], b'\r' | b'\n' | b' ' | b'\t') {
        end -= 1;
    }
    &line[..end]
}

const fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// The first line of an EHLO reply: `Domain [SP ehlo-greet]`.
///
/// ```
/// use smtp_codes::Greeting;
/// let g = Greeting::parse(b"smtp.gmail.com at your service, [203.0.113.7]")?;
/// assert_eq!(g.domain(), b"smtp.gmail.com");
/// assert_eq!(g.text(), Some(&b"at your service, [203.0.113.7]"[..]));
/// # Ok::<(), smtp_codes::EhloError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Greeting<'a> {
    domain: &'a [u8],
    text: Option<&'a [u8]>,
}

impl<'a> Greeting<'a> {
    /// Parses the greeting line. The domain is taken as sent (a name or an
    /// address literal such as `[192.0.2.1]`); it must be printable ASCII.
    ///
    /// ```
    /// use smtp_codes::{EhloErrorKind, Greeting};
    /// let g = Greeting::parse(b"mail.example.com\r\n")?;
    /// assert_eq!((g.domain(), g.text()), (&b"mail.example.com"[..], None));
    /// assert_eq!(Greeting::parse(b" Hello").unwrap_err().kind(), EhloErrorKind::ExpectedDomain);
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn parse(line: &'a [u8]) -> Result<Greeting<'a>, EhloError> {
        let line = trim_end(line);
        let end = line.iter().position(|&b| is_blank(b)).unwrap_or(line.len());
        if end == 0 {
            return Err(EhloError::new(EhloErrorKind::ExpectedDomain, 0));
        }
        let domain = &line[..end];
        if let Some(bad) = domain.iter().position(|b| !(33..=126).contains(b)) {
            return Err(EhloError::new(EhloErrorKind::ExpectedDomain, bad));
        }
        let rest = &line[end..];
        let skip = rest.iter().take_while(|&&b| is_blank(b)).count();
        let text = &rest[skip..];
        Ok(Greeting {
            domain,
            text: if text.is_empty() { None } else { Some(text) },
        })
    }

    /// The domain the server names itself by.
    ///
    /// ```
    /// let g = smtp_codes::Greeting::parse(b"[192.0.2.1] hi")?;
    /// assert_eq!(g.domain(), b"[192.0.2.1]");
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn domain(&self) -> &'a [u8] {
        self.domain
    }

    /// The domain as text (it is ASCII, so always `Some` for a parsed greeting).
    ///
    /// ```
    /// let g = smtp_codes::Greeting::parse(b"mx.example.com")?;
    /// assert_eq!(g.domain_str(), Some("mx.example.com"));
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn domain_str(&self) -> Option<&'a str> {
        core::str::from_utf8(self.domain).ok()
    }

    /// The free text after the domain (`ehlo-greet`), if any.
    ///
    /// ```
    /// let g = smtp_codes::Greeting::parse(b"mx.example.com Hello client [192.0.2.1]")?;
    /// assert_eq!(g.text(), Some(&b"Hello client [192.0.2.1]"[..]));
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn text(&self) -> Option<&'a [u8]> {
        self.text
    }

    /// The free text, when present and valid UTF-8.
    ///
    /// ```
    /// let g = smtp_codes::Greeting::parse(b"mx.example.com Hi")?;
    /// assert_eq!(g.text_utf8(), Some("Hi"));
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn text_utf8(&self) -> Option<&'a str> {
        self.text.and_then(|t| core::str::from_utf8(t).ok())
    }
}

/// The space-separated parameters of an extension line, as sent: an
/// iterator over each parameter.
///
/// ```
/// use smtp_codes::Extension;
/// let ext = Extension::parse(b"X-EXPS GSSAPI NTLM")?;
/// let params: Vec<&[u8]> = ext.raw_params().collect();
/// assert_eq!(params, [&b"GSSAPI"[..], b"NTLM"]);
/// assert_eq!(ext.raw_params().as_bytes(), b"GSSAPI NTLM");
/// # Ok::<(), smtp_codes::EhloError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RawParams<'a> {
    all: &'a [u8],
    rest: &'a [u8],
}

impl<'a> RawParams<'a> {
    fn new(all: &'a [u8]) -> Self {
        RawParams { all, rest: all }
    }

    /// All the parameters as sent, spaces between them included.
    ///
    /// ```
    /// let ext = smtp_codes::Extension::parse(b"DSN")?;
    /// assert_eq!(ext.raw_params().as_bytes(), b"");
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn as_bytes(&self) -> &'a [u8] {
        self.all
    }

    /// Whether the keyword came without parameters.
    ///
    /// ```
    /// assert!(smtp_codes::Extension::parse(b"PIPELINING")?.raw_params().is_empty());
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }
}

impl<'a> Iterator for RawParams<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let start = self.rest.iter().position(|&b| !is_blank(b))?;
        let rest = &self.rest[start..];
        let end = rest.iter().position(|&b| is_blank(b)).unwrap_or(rest.len());
        self.rest = &rest[end..];
        Some(&rest[..end])
    }
}

/// The parameters, each with its offset from the start of the line.
fn tokens(params: &[u8], base: usize) -> impl Iterator<Item = (usize, &[u8])> {
    let mut pos = 0;
    core::iter::from_fn(move || {
        let start = pos + params[pos..].iter().position(|&b| !is_blank(b))?;
        let end = params[start..]
            .iter()
            .position(|&b| is_blank(b))
            .map_or(params.len(), |e| start + e);
        pos = end;
        Some((base + start, &params[start..end]))
    })
}

/// The message size a server declares with SIZE (RFC 1870).
///
/// ```
/// use smtp_codes::{Extension, Parameters, SizeLimit};
/// let ext = Extension::parse(b"SIZE 35882577")?;
/// assert_eq!(ext.parameters(), Parameters::Size(SizeLimit::Maximum(35882577)));
/// assert_eq!(SizeLimit::Maximum(35882577).maximum(), Some(35882577));
/// assert!(SizeLimit::Maximum(35882577).allows(1_000_000));
/// assert!(!SizeLimit::Maximum(35882577).allows(40_000_000));
/// # Ok::<(), smtp_codes::EhloError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SizeLimit {
    /// `SIZE` without a number: "no information is conveyed about the
    /// server's fixed maximum message size" (RFC 1870).
    NotDeclared,
    /// `SIZE 0`: "no fixed maximum message size is in force" (RFC 1870).
    NoFixedMaximum,
    /// `SIZE n`, n > 0: the largest message, in octets, the server accepts.
    Maximum(u64),
}

impl SizeLimit {
    /// The fixed maximum in octets, when one is declared.
    ///
    /// ```
    /// use smtp_codes::SizeLimit;
    /// assert_eq!(SizeLimit::NoFixedMaximum.maximum(), None);
    /// assert_eq!(SizeLimit::Maximum(10).maximum(), Some(10));
    /// ```
    pub const fn maximum(self) -> Option<u64> {
        match self {
            SizeLimit::Maximum(n) => Some(n),
            _ => None,
        }
    }

    /// Whether a message of `size` octets is within the declared maximum
    /// (always, when none is declared).
    ///
    /// ```
    /// use smtp_codes::SizeLimit;
    /// assert!(SizeLimit::NotDeclared.allows(u64::MAX));
    /// assert!(SizeLimit::Maximum(10).allows(10));
    /// assert!(!SizeLimit::Maximum(10).allows(11));
    /// ```
    pub const fn allows(self, size: u64) -> bool {
        match self {
            SizeLimit::Maximum(n) => size <= n,
            _ => true,
        }
    }

    fn parse(params: &[u8], base: usize) -> Result<SizeLimit, EhloError> {
        let mut tokens = tokens(params, base);
        let Some((at, number)) = tokens.next() else {
            return Ok(SizeLimit::NotDeclared);
        };
        if let Some((extra, _)) = tokens.next() {
            return Err(EhloError::new(EhloErrorKind::InvalidSize, extra));
        }
        let mut n: u64 = 0;
        for (i, &b) in number.iter().enumerate() {
            let digit = b.wrapping_sub(b'0');
            if digit > 9 {
                return Err(EhloError::new(EhloErrorKind::InvalidSize, at + i));
            }
            n = match n
                .checked_mul(10)
                .and_then(|n| n.checked_add(u64::from(digit)))
            {
                Some(n) => n,
                None => return Err(EhloError::new(EhloErrorKind::InvalidSize, at + i)),
            };
        }
        Ok(if n == 0 {
            SizeLimit::NoFixedMaximum
        } else {
            SizeLimit::Maximum(n)
        })
    }
}

/// The SASL mechanisms a server offers with AUTH (RFC 4954), in either form:
/// `AUTH PLAIN LOGIN` or the pre-standard `AUTH=LOGIN PLAIN` that older
/// Microsoft and Netscape clients looked for.
///
/// ```
/// use smtp_codes::{Extension, Parameters};
/// let Parameters::Auth(auth) = Extension::parse(b"AUTH=LOGIN PLAIN")?.parameters() else { panic!() };
/// assert!(auth.is_legacy_form());
/// assert!(auth.contains("plain"));
/// assert_eq!(auth.iter().collect::<Vec<_>>(), ["LOGIN", "PLAIN"]);
/// # Ok::<(), smtp_codes::EhloError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AuthMechanisms<'a> {
    params: &'a [u8],
    legacy: bool,
}

/// RFC 4422 §3.1: `sasl-mech = 1*20mech-char`, read ignoring case.
fn is_mechanism(m: &[u8]) -> bool {
    (1..=20).contains(&m.len())
        && m.iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl<'a> AuthMechanisms<'a> {
    fn parse(params: &'a [u8], base: usize, legacy: bool) -> Result<Self, EhloError> {
        for (at, m) in tokens(params, base) {
            if !is_mechanism(m) {
                return Err(EhloError::new(EhloErrorKind::InvalidMechanism, at));
            }
        }
        Ok(AuthMechanisms { params, legacy })
    }

    /// The mechanisms, in the server's order and spelling.
    ///
    /// ```
    /// use smtp_codes::{Extension, Parameters};
    /// let Parameters::Auth(auth) = Extension::parse(b"AUTH LOGIN PLAIN XOAUTH2")?.parameters() else { panic!() };
    /// assert_eq!(auth.iter().count(), 3);
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + Clone + use<'a> {
        // Checked in `parse`: every mechanism is ASCII.
        RawParams::new(self.params).filter_map(|m| core::str::from_utf8(m).ok())
    }

    /// Whether the server offers `mechanism`, ignoring ASCII case.
    ///
    /// ```
    /// use smtp_codes::{Extension, Parameters};
    /// let Parameters::Auth(auth) = Extension::parse(b"AUTH PLAIN")?.parameters() else { panic!() };
    /// assert!(auth.contains("PLAIN"));
    /// assert!(!auth.contains("CRAM-MD5"));
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn contains(&self, mechanism: &str) -> bool {
        self.iter().any(|m| m.eq_ignore_ascii_case(mechanism))
    }

    /// Whether no mechanism is listed (`AUTH` alone).
    ///
    /// ```
    /// use smtp_codes::{Extension, Parameters};
    /// let Parameters::Auth(auth) = Extension::parse(b"AUTH")?.parameters() else { panic!() };
    /// assert!(auth.is_empty());
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    /// Whether the line used the pre-standard form `AUTH=mechanism ...`.
    ///
    /// ```
    /// use smtp_codes::{Extension, Parameters};
    /// let Parameters::Auth(auth) = Extension::parse(b"AUTH PLAIN")?.parameters() else { panic!() };
    /// assert!(!auth.is_legacy_form());
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn is_legacy_form(&self) -> bool {
        self.legacy
    }
}

/// One limit of a LIMITS line (RFC 9422): `RCPTMAX=100`.
///
/// ```
/// use smtp_codes::{Extension, Parameters, ServerLimit};
/// let Parameters::Limits(limits) = Extension::parse(b"LIMITS RCPTMAX=100 X-FOO")?.parameters() else { panic!() };
/// let all: Vec<_> = limits.iter().collect();
/// assert_eq!(all[0].name(), "RCPTMAX");
/// assert_eq!(all[0].value(), Some("100"));
/// assert_eq!(all[0].known(), Some(ServerLimit::RcptMax));
/// assert_eq!((all[1].name(), all[1].value(), all[1].known()), ("X-FOO", None, None));
/// # Ok::<(), smtp_codes::EhloError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Limit<'a> {
    name: &'a str,
    value: Option<&'a str>,
    known: Option<ServerLimit>,
}

impl<'a> Limit<'a> {
    /// The limit's name as sent.
    ///
    /// ```
    /// # use smtp_codes::{Extension, Parameters};
    /// # let Parameters::Limits(l) = Extension::parse(b"LIMITS mailmax=5")?.parameters() else { panic!() };
    /// assert_eq!(l.iter().next().unwrap().name(), "mailmax");
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn name(&self) -> &'a str {
        self.name
    }

    /// The value after `=`, if any, as sent.
    ///
    /// ```
    /// # use smtp_codes::{Extension, Parameters};
    /// # let Parameters::Limits(l) = Extension::parse(b"LIMITS MAILMAX=5")?.parameters() else { panic!() };
    /// assert_eq!(l.iter().next().unwrap().value(), Some("5"));
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn value(&self) -> Option<&'a str> {
        self.value
    }

    /// The registered limit of that name, if it is one.
    ///
    /// ```
    /// # use smtp_codes::{Extension, Parameters, ServerLimit};
    /// # let Parameters::Limits(l) = Extension::parse(b"LIMITS MAILMAX=5")?.parameters() else { panic!() };
    /// assert_eq!(l.iter().next().unwrap().known(), Some(ServerLimit::MailMax));
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn known(&self) -> Option<ServerLimit> {
        self.known
    }

    /// The number a registered limit carries (validated when the line was parsed).
    ///
    /// ```
    /// # use smtp_codes::{Extension, Parameters};
    /// # let Parameters::Limits(l) = Extension::parse(b"LIMITS MAILMAX=5 X=y")?.parameters() else { panic!() };
    /// let all: Vec<_> = l.iter().collect();
    /// assert_eq!(all[0].number(), Some(5));
    /// assert_eq!(all[1].number(), None);
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn number(&self) -> Option<u32> {
        self.known?.parse_value(self.value?.as_bytes())
    }
}

/// RFC 9422 §3: `limit-name = 1*(ALPHA / DIGIT / "-" / "_")`.
fn is_limit_name(name: &[u8]) -> bool {
    !name.is_empty()
        && name
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `limit-name ["=" limit-value]`, checked; offsets relative to the token.
fn split_limit(token: &[u8]) -> Result<(&str, Option<&str>), usize> {
    let (name, value) = match token.iter().position(|&b| b == b'=') {
        Some(eq) => (&token[..eq], Some(&token[eq + 1..])),
        None => (token, None),
    };
    if !is_limit_name(name) {
        return Err(0);
    }
    let name = core::str::from_utf8(name).map_err(|_| 0usize)?;
    let value = match value {
        // limit-value = 1*(%x21-3A / %x3C-7E): any VCHAR except ";"
        Some(v) if v.is_empty() || v.contains(&b';') => return Err(name.len() + 1),
        Some(v) => Some(core::str::from_utf8(v).map_err(|_| name.len() + 1)?),
        None => None,
    };
    Ok((name, value))
}

/// The limits a server announces with LIMITS (RFC 9422), checked when the
/// line was parsed: each is `NAME` or `NAME=VALUE`, and the registered ones
/// ([`ServerLimit`]) come once each with a value of their registered syntax.
/// Unregistered limits are kept as sent.
///
/// ```
/// use smtp_codes::{Extension, Parameters, ServerLimit};
/// let Parameters::Limits(limits) = Extension::parse(b"LIMITS RCPTMAX=50 MAILMAX=1000")?.parameters() else { panic!() };
/// assert_eq!(limits.rcpt_max(), Some(50));
/// assert_eq!(limits.get(ServerLimit::MailMax), Some(1000));
/// assert_eq!(limits.rcpt_domain_max(), None);
/// # Ok::<(), smtp_codes::EhloError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Limits<'a> {
    params: &'a [u8],
}

impl<'a> Limits<'a> {
    fn parse(params: &'a [u8], base: usize) -> Result<Self, EhloError> {
        let mut seen = [false; ServerLimit::ALL.len()];
        for (at, token) in tokens(params, base) {
            let (name, value) = split_limit(token)
                .map_err(|off| EhloError::new(EhloErrorKind::InvalidLimit, at + off))?;
            if let Some(known) = ServerLimit::from_name(name.as_bytes()) {
                let ok = value.is_some_and(|v| known.parse_value(v.as_bytes()).is_some());
                if !ok {
                    let off = value.map_or(0, |_| name.len() + 1);
                    return Err(EhloError::new(EhloErrorKind::InvalidLimit, at + off));
                }
                // Linear in the number of limits, whatever a server sends.
                if let Some(seen) = seen.get_mut(known as usize) {
                    if *seen {
                        return Err(EhloError::new(EhloErrorKind::DuplicateLimit, at));
                    }
                    *seen = true;
                }
            }
        }
        Ok(Limits { params })
    }

    /// Every limit, in the server's order.
    ///
    /// ```
    /// use smtp_codes::{Extension, Parameters};
    /// let Parameters::Limits(l) = Extension::parse(b"LIMITS RCPTMAX=50 MAILMAX=1000")?.parameters() else { panic!() };
    /// assert_eq!(l.iter().count(), 2);
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = Limit<'a>> + Clone + use<'a> {
        RawParams::new(self.params).filter_map(|token| {
            let (name, value) = split_limit(token).ok()?;
            Some(Limit {
                name,
                value,
                known: ServerLimit::from_name(name.as_bytes()),
            })
        })
    }

    /// The value of a registered limit, if the server announces it.
    ///
    /// ```
    /// use smtp_codes::{Extension, Parameters, ServerLimit};
    /// let Parameters::Limits(l) = Extension::parse(b"LIMITS rcptdomainmax=1")?.parameters() else { panic!() };
    /// assert_eq!(l.get(ServerLimit::RcptDomainMax), Some(1));
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn get(&self, limit: ServerLimit) -> Option<u32> {
        self.iter()
            .find(|l| l.known == Some(limit))
            .and_then(|l| l.number())
    }

    /// `RCPTMAX`: the most RCPT TO commands accepted in one transaction.
    ///
    /// ```
    /// use smtp_codes::{Extension, Parameters};
    /// let Parameters::Limits(l) = Extension::parse(b"LIMITS RCPTMAX=100")?.parameters() else { panic!() };
    /// assert_eq!(l.rcpt_max(), Some(100));
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn rcpt_max(&self) -> Option<u32> {
        self.get(ServerLimit::RcptMax)
    }

    /// `MAILMAX`: the most transactions (MAIL FROM commands) accepted in one session.
    ///
    /// ```
    /// use smtp_codes::{Extension, Parameters};
    /// let Parameters::Limits(l) = Extension::parse(b"LIMITS MAILMAX=10")?.parameters() else { panic!() };
    /// assert_eq!(l.mail_max(), Some(10));
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn mail_max(&self) -> Option<u32> {
        self.get(ServerLimit::MailMax)
    }

    /// `RCPTDOMAINMAX`: the most recipient domains accepted in one session.
    ///
    /// ```
    /// use smtp_codes::{Extension, Parameters};
    /// let Parameters::Limits(l) = Extension::parse(b"LIMITS RCPTDOMAINMAX=1")?.parameters() else { panic!() };
    /// assert_eq!(l.rcpt_domain_max(), Some(1));
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn rcpt_domain_max(&self) -> Option<u32> {
        self.get(ServerLimit::RcptDomainMax)
    }
}

/// The parameters of an extension line, read according to its keyword.
///
/// ```
/// use smtp_codes::{Extension, Parameters};
/// match Extension::parse(b"SIZE 0")?.parameters() {
///     Parameters::Size(size) => assert_eq!(size.maximum(), None),
///     other => panic!("{other:?}"),
/// }
/// # Ok::<(), smtp_codes::EhloError>(())
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Parameters<'a> {
    /// SIZE (RFC 1870): the declared maximum message size.
    Size(SizeLimit),
    /// AUTH (RFC 4954): the SASL mechanisms offered.
    Auth(AuthMechanisms<'a>),
    /// LIMITS (RFC 9422): the limits announced.
    Limits(Limits<'a>),
    /// Any other keyword, registered or not: its parameters as sent.
    Raw(RawParams<'a>),
}

/// One extension line of an EHLO reply: a keyword and its parameters.
///
/// ```
/// use smtp_codes::{EhloKeyword, Extension, Parameters, SizeLimit};
/// let ext = Extension::parse(b"size 10240000")?;
/// assert_eq!(ext.keyword(), "size");
/// assert_eq!(ext.known(), Some(EhloKeyword::Size));
/// assert_eq!(ext.parameters(), Parameters::Size(SizeLimit::Maximum(10240000)));
///
/// let unknown = Extension::parse(b"X-EXPS GSSAPI NTLM")?;
/// assert_eq!((unknown.keyword(), unknown.known()), ("X-EXPS", None));
/// # Ok::<(), smtp_codes::EhloError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Extension<'a> {
    keyword: &'a str,
    known: Option<EhloKeyword>,
    params: &'a [u8],
    parameters: Parameters<'a>,
}

/// The keyword, whether it is the legacy `AUTH=` form, the parameters and
/// their offset in the line; errors only on the keyword and bytes.
fn split_line(line: &[u8]) -> Result<(&str, bool, &[u8], usize), EhloError> {
    let line = trim_end(line);
    let end = line
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-'))
        .unwrap_or(line.len());
    if end == 0 || line[0] == b'-' {
        return Err(EhloError::new(EhloErrorKind::ExpectedKeyword, 0));
    }
    let keyword = &line[..end];
    let legacy = match line.get(end) {
        None => false,
        Some(&b) if is_blank(b) => false,
        Some(b'=') if keyword.eq_ignore_ascii_case(b"AUTH") => true,
        Some(_) => return Err(EhloError::new(EhloErrorKind::ExpectedKeyword, end)),
    };
    let start = end + line[end..].iter().take_while(|&&b| is_blank(b)).count();
    let start = if legacy { end + 1 } else { start };
    let params = &line[start..];
    if let Some(bad) = params
        .iter()
        .position(|&b| !(is_blank(b) || (33..=126).contains(&b)))
    {
        return Err(EhloError::new(EhloErrorKind::InvalidParameter, start + bad));
    }
    // An ehlo-keyword is ASCII.
    let keyword = core::str::from_utf8(keyword)
        .map_err(|_| EhloError::new(EhloErrorKind::ExpectedKeyword, 0))?;
    Ok((keyword, legacy, params, start))
}

impl<'a> Extension<'a> {
    /// Parses one extension line (`ehlo-line`): the text after `250-` or
    /// `250 `. A trailing line ending and trailing blanks are ignored; runs of
    /// blanks between parameters are taken as one separator. The parameters
    /// of SIZE, AUTH (also `AUTH=...`) and LIMITS are checked here.
    ///
    /// ```
    /// use smtp_codes::{EhloErrorKind, Extension};
    /// assert!(Extension::parse(b"STARTTLS\r\n").is_ok());
    /// assert_eq!(Extension::parse(b"").unwrap_err().kind(), EhloErrorKind::ExpectedKeyword);
    /// assert_eq!(Extension::parse(b"SIZE=10").unwrap_err().kind(), EhloErrorKind::ExpectedKeyword);
    /// assert_eq!(Extension::parse(b"LIMITS RCPTMAX=0").unwrap_err().kind(), EhloErrorKind::InvalidLimit);
    /// ```
    pub fn parse(line: &'a [u8]) -> Result<Extension<'a>, EhloError> {
        let (keyword, legacy, params, start) = split_line(line)?;
        let known = EhloKeyword::from_keyword(keyword.as_bytes());
        let parameters = match known {
            Some(EhloKeyword::Size) => Parameters::Size(SizeLimit::parse(params, start)?),
            Some(EhloKeyword::Auth) => {
                Parameters::Auth(AuthMechanisms::parse(params, start, legacy)?)
            }
            Some(EhloKeyword::Limits) => Parameters::Limits(Limits::parse(params, start)?),
            _ => Parameters::Raw(RawParams::new(params)),
        };
        Ok(Extension {
            keyword,
            known,
            params,
            parameters,
        })
    }

    /// The keyword as the server spelled it (`AUTH` for `AUTH=LOGIN`).
    ///
    /// ```
    /// assert_eq!(smtp_codes::Extension::parse(b"8bitmime")?.keyword(), "8bitmime");
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn keyword(&self) -> &'a str {
        self.keyword
    }

    /// The registered keyword, ignoring case; `None` for one IANA never
    /// registered (`XCLIENT`, `X-EXPS`, ...).
    ///
    /// ```
    /// use smtp_codes::{EhloKeyword, Extension};
    /// assert_eq!(Extension::parse(b"StartTLS")?.known(), Some(EhloKeyword::StartTls));
    /// assert_eq!(Extension::parse(b"XCLIENT NAME ADDR")?.known(), None);
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn known(&self) -> Option<EhloKeyword> {
        self.known
    }

    /// Whether the keyword is this one, ignoring ASCII case.
    ///
    /// ```
    /// assert!(smtp_codes::Extension::parse(b"xclient NAME")?.is(b"XCLIENT"));
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn is(&self, keyword: &[u8]) -> bool {
        self.keyword.as_bytes().eq_ignore_ascii_case(keyword)
    }

    /// The parameters, read according to the keyword.
    ///
    /// ```
    /// use smtp_codes::{Extension, Parameters};
    /// let ext = Extension::parse(b"AUTH PLAIN LOGIN")?;
    /// assert!(matches!(ext.parameters(), Parameters::Auth(a) if a.contains("LOGIN")));
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn parameters(&self) -> Parameters<'a> {
        self.parameters
    }

    /// The parameters as sent, whatever the keyword.
    ///
    /// ```
    /// let ext = smtp_codes::Extension::parse(b"SIZE 10")?;
    /// assert_eq!(ext.raw_params().next(), Some(&b"10"[..]));
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn raw_params(&self) -> RawParams<'a> {
        RawParams::new(self.params)
    }
}

/// An EHLO reply: the greeting and the extensions, read from the lines of a
/// `250` reply (RFC 5321 §4.1.1.1).
///
/// [`from_lines`](Self::from_lines) takes the text of each line with the reply
/// code and separator already removed; [`parse`](Self::parse) takes the
/// raw reply. Nothing is allocated: the lines are kept as the iterator that
/// yields them (it must be `Clone`) and read again for every question. A
/// malformed extension line never hides the others: the questions skip it,
/// and [`errors`](Self::errors) reports it.
///
/// ```
/// use smtp_codes::{EhloKeyword, Ehlo, SizeLimit};
/// let reply = b"250-mx.example.com Hello client [192.0.2.1]\r\n\
///               250-SIZE 52428800\r\n\
///               250-8BITMIME\r\n\
///               250-AUTH PLAIN LOGIN\r\n\
///               250 STARTTLS\r\n";
/// let ehlo = Ehlo::parse(reply)?;
/// assert_eq!(ehlo.greeting().domain(), b"mx.example.com");
/// assert_eq!(ehlo.size(), Some(SizeLimit::Maximum(52428800)));
/// assert!(ehlo.auth().unwrap().contains("PLAIN"));
/// assert!(ehlo.supports(EhloKeyword::StartTls));
/// assert!(!ehlo.supports(EhloKeyword::Pipelining));
/// assert_eq!(ehlo.errors().count(), 0);
/// # Ok::<(), smtp_codes::EhloError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Ehlo<'a, I> {
    greeting: Greeting<'a>,
    lines: I,
}

impl<'a, I> Ehlo<'a, I>
where
    I: Iterator<Item = &'a [u8]> + Clone,
{
    /// Reads an EHLO reply from the text of its lines, reply code and
    /// separator removed (`mx.example.com Hello`, `SIZE 35882577`, ...). A
    /// line may keep its line ending. Fails only when there is no first line
    /// or it does not start with a domain; extension lines are checked when
    /// read.
    ///
    /// ```
    /// use smtp_codes::{Ehlo, EhloErrorKind, EhloKeyword};
    /// let text = "smtp.example.com\nPIPELINING\nCHUNKING";
    /// let ehlo = Ehlo::from_lines(text.lines().map(str::as_bytes))?;
    /// assert!(ehlo.supports(EhloKeyword::Chunking));
    ///
    /// let none: [&[u8]; 0] = [];
    /// assert_eq!(Ehlo::from_lines(none).unwrap_err().kind(), EhloErrorKind::NoGreeting);
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn from_lines<L>(lines: L) -> Result<Self, EhloError>
    where
        L: IntoIterator<Item = &'a [u8], IntoIter = I>,
    {
        let mut lines = lines.into_iter();
        let Some(first) = lines.next() else {
            return Err(EhloError::new(EhloErrorKind::NoGreeting, 0));
        };
        let greeting = Greeting::parse(first)?;
        Ok(Ehlo { greeting, lines })
    }

    /// The first line: the server's domain and greeting text.
    ///
    /// ```
    /// let lines: [&[u8]; 2] = [b"mx.example.com at your service", b"DSN"];
    /// let ehlo = smtp_codes::Ehlo::from_lines(lines)?;
    /// assert_eq!(ehlo.greeting().text_utf8(), Some("at your service"));
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn greeting(&self) -> Greeting<'a> {
        self.greeting
    }

    /// Every extension line, in order, parsed or with what is wrong with it.
    ///
    /// ```
    /// let lines: [&[u8]; 4] = [b"mx.example.com", b"PIPELINING", b"SIZE x", b"XFOO bar"];
    /// let ehlo = smtp_codes::Ehlo::from_lines(lines)?;
    /// let keywords: Vec<_> = ehlo.extensions().flatten().map(|e| e.keyword()).collect();
    /// assert_eq!(keywords, ["PIPELINING", "XFOO"]);
    /// assert_eq!(ehlo.extensions().count(), 3);
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn extensions(&self) -> Extensions<I> {
        Extensions {
            lines: self.lines.clone(),
            index: 0,
        }
    }

    /// The malformed extension lines, each with where and why.
    ///
    /// ```
    /// use smtp_codes::EhloErrorKind;
    /// let lines: [&[u8]; 3] = [b"mx.example.com", b"-BAD", b"OK"];
    /// let ehlo = smtp_codes::Ehlo::from_lines(lines)?;
    /// let errors: Vec<_> = ehlo.errors().collect();
    /// assert_eq!(errors.len(), 1);
    /// assert_eq!((errors[0].line(), errors[0].kind()), (1, EhloErrorKind::ExpectedKeyword));
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn errors(&self) -> impl Iterator<Item = EhloError> + use<'a, I> {
        self.extensions().filter_map(Result::err)
    }

    /// The first well-formed line that advertises `keyword`.
    ///
    /// ```
    /// use smtp_codes::{EhloKeyword, Parameters};
    /// let lines: [&[u8]; 2] = [b"mx.example.com", b"BURL imap"];
    /// let ehlo = smtp_codes::Ehlo::from_lines(lines)?;
    /// let burl = ehlo.get(EhloKeyword::Burl).unwrap();
    /// assert!(matches!(burl.parameters(), Parameters::Raw(p) if p.as_bytes() == b"imap"));
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn get(&self, keyword: EhloKeyword) -> Option<Extension<'a>> {
        self.extensions()
            .flatten()
            .find(|e| e.known == Some(keyword))
    }

    /// The first well-formed line whose keyword is `keyword`, ignoring ASCII
    /// case: for keywords IANA never registered.
    ///
    /// ```
    /// let lines: [&[u8]; 2] = [b"mx.example.com", b"XCLIENT NAME ADDR PROTO"];
    /// let ehlo = smtp_codes::Ehlo::from_lines(lines)?;
    /// assert_eq!(ehlo.find(b"xclient").unwrap().raw_params().count(), 3);
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn find(&self, keyword: &[u8]) -> Option<Extension<'a>> {
        self.extensions().flatten().find(|e| e.is(keyword))
    }

    /// Whether the server advertises `keyword`, even on a line whose
    /// parameters are malformed (a malformed keyword is not counted).
    ///
    /// ```
    /// use smtp_codes::EhloKeyword;
    /// let lines: [&[u8]; 2] = [b"mx.example.com", b"SIZE unlimited"];
    /// let ehlo = smtp_codes::Ehlo::from_lines(lines)?;
    /// assert!(ehlo.supports(EhloKeyword::Size));
    /// assert_eq!(ehlo.size(), None);
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn supports(&self, keyword: EhloKeyword) -> bool {
        self.lines.clone().any(|line| {
            split_line(line)
                .is_ok_and(|(k, _, _, _)| EhloKeyword::from_keyword(k.as_bytes()) == Some(keyword))
        })
    }

    /// The maximum message size from the first well-formed SIZE line.
    ///
    /// ```
    /// use smtp_codes::SizeLimit;
    /// let lines: [&[u8]; 2] = [b"mx.example.com", b"SIZE"];
    /// assert_eq!(smtp_codes::Ehlo::from_lines(lines)?.size(), Some(SizeLimit::NotDeclared));
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn size(&self) -> Option<SizeLimit> {
        match self.get(EhloKeyword::Size)?.parameters {
            Parameters::Size(size) => Some(size),
            _ => None,
        }
    }

    /// The SASL mechanisms of the first well-formed `AUTH mech ...` line, or
    /// else of the first `AUTH=mech ...` line (many servers send both).
    ///
    /// ```
    /// let lines: [&[u8]; 3] = [b"mx.example.com", b"AUTH=LOGIN", b"AUTH LOGIN PLAIN"];
    /// let auth = smtp_codes::Ehlo::from_lines(lines)?.auth().unwrap();
    /// assert!(!auth.is_legacy_form());
    /// assert_eq!(auth.iter().count(), 2);
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn auth(&self) -> Option<AuthMechanisms<'a>> {
        let mut legacy = None;
        for ext in self.extensions().flatten() {
            if let Parameters::Auth(auth) = ext.parameters {
                if !auth.legacy {
                    return Some(auth);
                }
                legacy = legacy.or(Some(auth));
            }
        }
        legacy
    }

    /// The limits of the first well-formed LIMITS line (RFC 9422).
    ///
    /// ```
    /// let lines: [&[u8]; 2] = [b"mx.example.com", b"LIMITS RCPTMAX=20"];
    /// assert_eq!(smtp_codes::Ehlo::from_lines(lines)?.limits().unwrap().rcpt_max(), Some(20));
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn limits(&self) -> Option<Limits<'a>> {
        match self.get(EhloKeyword::Limits)?.parameters {
            Parameters::Limits(limits) => Some(limits),
            _ => None,
        }
    }
}

impl<'a> Ehlo<'a, ReplyTexts<'a>> {
    /// Reads an EHLO reply from its raw bytes, `250-...` lines ended by CRLF
    /// (or LF) and a last `250 ...` line. Each line is read with
    /// [`ReplyLine::parse`]; the reply must be all 250 and end exactly at its
    /// last line (a final line ending is optional).
    ///
    /// ```
    /// use smtp_codes::{Ehlo, EhloErrorKind};
    /// let ehlo = Ehlo::parse(b"250 mx.example.com\r\n")?;
    /// assert_eq!(ehlo.extensions().count(), 0);
    ///
    /// let err = Ehlo::parse(b"502 5.5.1 EHLO not supported\r\n").unwrap_err();
    /// assert_eq!(err.kind(), EhloErrorKind::UnexpectedCode);
    /// let err = Ehlo::parse(b"250-mx.example.com\r\n250-SIZE 10\r\n").unwrap_err();
    /// assert_eq!((err.kind(), err.line()), (EhloErrorKind::Continuation, 1));
    /// # Ok::<(), smtp_codes::EhloError>(())
    /// ```
    pub fn parse(reply: &'a [u8]) -> Result<Self, EhloError> {
        let mut ended = false;
        let mut count = 0;
        for (index, line) in (ReplyTexts {
            rest: reply,
            raw: true,
        })
        .enumerate()
        {
            count += 1;
            if ended {
                return Err(EhloError::new(EhloErrorKind::Continuation, 0).on_line(index));
            }
            let parsed = ReplyLine::parse(line).map_err(|e| {
                EhloError::new(EhloErrorKind::ReplyLine(e.kind()), e.offset()).on_line(index)
            })?;
            if parsed.code().as_u16() != 250 {
                return Err(EhloError::new(EhloErrorKind::UnexpectedCode, 0).on_line(index));
            }
            ended = parsed.is_last();
        }
        if count == 0 {
            return Err(EhloError::new(EhloErrorKind::NoGreeting, 0));
        }
        if !ended {
            return Err(EhloError::new(EhloErrorKind::Continuation, 0).on_line(count - 1));
        }
        Ehlo::from_lines(ReplyTexts {
            rest: reply,
            raw: false,
        })
    }
}

/// The lines of a raw reply given to [`Ehlo::parse`], each without its line
/// ending and without the reply code and separator (`250-`).
///
/// ```
/// let ehlo = smtp_codes::Ehlo::parse(b"250-mx.example.com\r\n250 DSN\r\n")?;
/// assert_eq!(ehlo.extensions().next().unwrap()?.keyword(), "DSN");
/// # Ok::<(), smtp_codes::EhloError>(())
/// ```
#[derive(Clone, Debug)]
pub struct ReplyTexts<'a> {
    rest: &'a [u8],
    /// Yield whole lines (code included) rather than their text.
    raw: bool,
}

impl<'a> Iterator for ReplyTexts<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        if self.rest.is_empty() {
            return None;
        }
        let (line, rest) = match crate::memchr::find_byte(b'\n', self.rest) {
            Some(nl) => (&self.rest[..nl], &self.rest[nl + 1..]),
            None => (self.rest, &self.rest[self.rest.len()..]),
        };
        self.rest = rest;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if self.raw {
            Some(line)
        } else {
            Some(line.get(4..).unwrap_or(&[]))
        }
    }
}

/// The extension lines of an [`Ehlo`], each parsed: see [`Ehlo::extensions`].
///
/// ```
/// let lines: [&[u8]; 2] = [b"mx.example.com", b"ETRN"];
/// let mut it = smtp_codes::Ehlo::from_lines(lines)?.extensions();
/// assert_eq!(it.next().unwrap()?.keyword(), "ETRN");
/// assert!(it.next().is_none());
/// # Ok::<(), smtp_codes::EhloError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Extensions<I> {
    lines: I,
    index: usize,
}

impl<'a, I> Iterator for Extensions<I>
where
    I: Iterator<Item = &'a [u8]>,
{
    type Item = Result<Extension<'a>, EhloError>;

    fn next(&mut self) -> Option<Self::Item> {
        let line = self.lines.next()?;
        self.index += 1;
        let index = self.index;
        Some(Extension::parse(line).map_err(|e| e.on_line(index)))
    }
}

impl EhloKeyword {
    fn entry(self) -> &'static KeywordEntry {
        &KEYWORD_ENTRIES[self as usize]
    }

    /// The registry's description.
    ///
    /// ```
    /// assert_eq!(smtp_codes::EhloKeyword::Size.description(), "Message size declaration");
    /// ```
    pub fn description(self) -> &'static str {
        self.entry().description
    }

    /// The registry's reference column, verbatim: `[RFC1870]`, `[Eric Allman]`.
    ///
    /// ```
    /// assert_eq!(smtp_codes::EhloKeyword::Size.reference(), "[RFC1870]");
    /// ```
    pub fn reference(self) -> &'static str {
        self.entry().reference
    }

    /// The registry's references, parsed.
    ///
    /// ```
    /// assert_eq!(smtp_codes::EhloKeyword::Auth.references()[0].rfc(), Some(4954));
    /// ```
    pub fn references(self) -> &'static [Reference] {
        self.entry().references
    }

    /// The registry's note, when it has one.
    ///
    /// ```
    /// use smtp_codes::EhloKeyword;
    /// assert!(EhloKeyword::Etrn.note().unwrap().contains("Not for use on Submit port 587"));
    /// assert_eq!(EhloKeyword::Pipelining.note(), None);
    /// ```
    pub fn note(self) -> Option<&'static str> {
        let note = self.entry().note;
        if note.is_empty() { None } else { Some(note) }
    }

    /// Whether the registry says this keyword is deprecated: its description
    /// or note holds one of the words "deprecated", "obsolete", "obsoleted"
    /// or "historic" (see [`deprecation_marks`](Self::deprecation_marks)).
    ///
    /// ```
    /// use smtp_codes::EhloKeyword;
    /// assert!(EhloKeyword::Turn.is_deprecated());
    /// assert!(EhloKeyword::Utf8Smtp.is_deprecated());
    /// assert!(!EhloKeyword::SmtpUtf8.is_deprecated());
    /// ```
    pub fn is_deprecated(self) -> bool {
        !self.entry().deprecation.is_empty()
    }

    /// The registry's own words that mark the keyword deprecated, as written
    /// there (empty when it is not).
    ///
    /// ```
    /// use smtp_codes::EhloKeyword;
    /// assert_eq!(EhloKeyword::Submitter.deprecation_marks(), ["Deprecated", "Historic"]);
    /// assert!(EhloKeyword::Expn.deprecation_marks().is_empty());
    /// ```
    pub fn deprecation_marks(self) -> &'static [&'static str] {
        self.entry().deprecation
    }

    /// What the keyword's parameters are, per the SMTP Service Extension
    /// Parameters registry; `None` when it lists none for this keyword.
    ///
    /// ```
    /// use smtp_codes::EhloKeyword;
    /// assert_eq!(EhloKeyword::Auth.parameters(), Some("SASL mechanism names"));
    /// assert_eq!(EhloKeyword::StartTls.parameters(), None);
    /// ```
    pub fn parameters(self) -> Option<&'static str> {
        self.entry().parameters
    }
}

impl fmt::Display for EhloKeyword {
    /// The keyword as registered.
    ///
    /// ```
    /// assert_eq!(smtp_codes::EhloKeyword::EightBitMime.to_string(), "8BITMIME");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ServerLimit {
    fn entry(self) -> &'static LimitEntry {
        &LIMIT_ENTRIES[self as usize]
    }

    /// The registry's value syntax, verbatim (ABNF).
    ///
    /// ```
    /// assert!(smtp_codes::ServerLimit::RcptMax.syntax().starts_with("%x31-39 0*5DIGIT"));
    /// ```
    pub fn syntax(self) -> &'static str {
        self.entry().syntax
    }

    /// Reads a value of this limit as its registered syntax allows: a decimal
    /// number without leading zero (so never 0), of at most the registered
    /// number of digits.
    ///
    /// ```
    /// use smtp_codes::ServerLimit;
    /// assert_eq!(ServerLimit::RcptMax.parse_value(b"100"), Some(100));
    /// assert_eq!(ServerLimit::RcptMax.parse_value(b"999999"), Some(999999));
    /// assert_eq!(ServerLimit::RcptMax.parse_value(b"1000000"), None);
    /// assert_eq!(ServerLimit::RcptMax.parse_value(b"0"), None);
    /// assert_eq!(ServerLimit::RcptMax.parse_value(b"010"), None);
    /// ```
    pub fn parse_value(self, value: &[u8]) -> Option<u32> {
        let max = usize::from(self.entry().max_digits);
        let first = *value.first()?;
        if value.len() > max || !(b'1'..=b'9').contains(&first) {
            return None;
        }
        let mut n: u32 = 0;
        for &b in value {
            if !b.is_ascii_digit() {
                return None;
            }
            n = n.checked_mul(10)?.checked_add(u32::from(b - b'0'))?;
        }
        Some(n)
    }

    /// The registry's description (may span several lines).
    ///
    /// ```
    /// assert!(smtp_codes::ServerLimit::MailMax.description().starts_with("MAILMAX specifies"));
    /// ```
    pub fn description(self) -> &'static str {
        self.entry().description
    }

    /// The registry's "Restrictions" column.
    ///
    /// ```
    /// assert_eq!(smtp_codes::ServerLimit::MailMax.restrictions(), "None");
    /// ```
    pub fn restrictions(self) -> &'static str {
        self.entry().restrictions
    }

    /// The registry's "Security Considerations" column.
    ///
    /// ```
    /// assert_eq!(smtp_codes::ServerLimit::MailMax.security_considerations(), "See [RFC9422, Section 6]");
    /// ```
    pub fn security_considerations(self) -> &'static str {
        self.entry().security
    }

    /// The registry's reference column, verbatim.
    ///
    /// ```
    /// assert_eq!(smtp_codes::ServerLimit::RcptDomainMax.reference(), "[RFC9422]");
    /// ```
    pub fn reference(self) -> &'static str {
        self.entry().reference
    }

    /// The registry's references, parsed.
    ///
    /// ```
    /// assert_eq!(smtp_codes::ServerLimit::RcptMax.references()[0].rfc(), Some(9422));
    /// ```
    pub fn references(self) -> &'static [Reference] {
        self.entry().references
    }
}

impl fmt::Display for ServerLimit {
    /// The limit's name as registered.
    ///
    /// ```
    /// assert_eq!(smtp_codes::ServerLimit::RcptMax.to_string(), "RCPTMAX");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
