//! Whole server replies (RFC 5321 §4.2, RFC 2034 §4): single- and multi-line,
//! from a complete buffer or streamed as bytes arrive, and rendering them.
//!
//! Parsing borrows from the input and allocates nothing: a [`Reply`] is a
//! span of the input plus what was learnt while scanning it.

use crate::error::ParseErrorKind;
use crate::{EnhancedCode, ReplyCode, ReplyLine};
use core::fmt;

/// How to treat replies that break the RFCs in ways real servers do.
///
/// ```
/// use smtp_codes::{Mode, ParseOptions, Reply};
/// let odd = b"250-first\r\n251 second\r\n";
/// assert!(Reply::parse_with(odd, &ParseOptions::new().mode(Mode::Strict)).is_err());
/// assert!(Reply::parse_with(odd, &ParseOptions::new().mode(Mode::Lenient)).is_ok());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// Lines whose code differs from the first line's are an error.
    Strict,
    /// Such lines are accepted and reported as a [`Defect`]; the first
    /// line's code counts. The default, since bounce processing must read
    /// what servers actually send.
    #[default]
    Lenient,
}

/// Limits and mode for reply parsing. The defaults are safe on hostile input:
/// at most 256 lines of at most 4096 bytes each (RFC 5321 §4.5.3.1.5 allows
/// 512, servers exceed it).
///
/// ```
/// use smtp_codes::{ParseOptions, Reply, ReplyErrorKind};
/// let opts = ParseOptions::new().max_lines(2);
/// let err = Reply::parse_with(b"250-a\r\n250-b\r\n250 c\r\n", &opts).unwrap_err();
/// assert_eq!(err.kind(), ReplyErrorKind::TooManyLines);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ParseOptions {
    mode: Mode,
    max_line_length: usize,
    max_lines: usize,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions::new()
    }
}

impl ParseOptions {
    /// Lenient, 256 lines of 4096 bytes at most.
    ///
    /// ```
    /// let opts = smtp_codes::ParseOptions::new();
    /// assert_eq!(opts.get_max_lines(), 256);
    /// assert_eq!(opts.get_max_line_length(), 4096);
    /// ```
    pub const fn new() -> Self {
        ParseOptions {
            mode: Mode::Lenient,
            max_line_length: 4096,
            max_lines: 256,
        }
    }

    /// Sets the mode.
    ///
    /// ```
    /// use smtp_codes::{Mode, ParseOptions};
    /// assert_eq!(ParseOptions::new().mode(Mode::Strict).get_mode(), Mode::Strict);
    /// ```
    pub const fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// Sets the longest line accepted, in bytes, without its line ending.
    ///
    /// ```
    /// assert_eq!(smtp_codes::ParseOptions::new().max_line_length(510).get_max_line_length(), 510);
    /// ```
    pub const fn max_line_length(mut self, bytes: usize) -> Self {
        self.max_line_length = bytes;
        self
    }

    /// Sets the most lines one reply may have.
    ///
    /// ```
    /// assert_eq!(smtp_codes::ParseOptions::new().max_lines(10).get_max_lines(), 10);
    /// ```
    pub const fn max_lines(mut self, lines: usize) -> Self {
        self.max_lines = lines;
        self
    }

    /// The mode.
    ///
    /// ```
    /// assert_eq!(smtp_codes::ParseOptions::new().get_mode(), smtp_codes::Mode::Lenient);
    /// ```
    pub const fn get_mode(&self) -> Mode {
        self.mode
    }

    /// The longest line accepted.
    ///
    /// ```
    /// assert_eq!(smtp_codes::ParseOptions::new().get_max_line_length(), 4096);
    /// ```
    pub const fn get_max_line_length(&self) -> usize {
        self.max_line_length
    }

    /// The most lines per reply.
    ///
    /// ```
    /// assert_eq!(smtp_codes::ParseOptions::new().get_max_lines(), 256);
    /// ```
    pub const fn get_max_lines(&self) -> usize {
        self.max_lines
    }
}

/// Something a reply does that the RFCs do not allow or advise against,
/// accepted and reported.
///
/// ```
/// use smtp_codes::{Defect, Reply};
/// let reply = Reply::parse(b"250-a\n250 b\n")?;
/// assert!(reply.defects().contains(Defect::BareLf));
/// assert_eq!(Defect::BareLf.as_str(), "bare_lf");
/// # Ok::<(), smtp_codes::ReplyError>(())
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Defect {
    /// A line carries another reply code than the first line (lenient mode only).
    CodeMismatch,
    /// A line starts with an enhanced code whose class contradicts the reply
    /// code (`250 5.1.1`); it was left in the text.
    EnhancedClassMismatch,
    /// Lines carry different enhanced codes; the first counts.
    EnhancedInconsistent,
    /// Some lines carry the enhanced code and others do not (RFC 2034 §4
    /// puts it on every line).
    EnhancedNotOnEveryLine,
    /// A line ends with a bare LF instead of CRLF.
    BareLf,
    /// A line is longer than the 512 octets RFC 5321 §4.5.3.1.5 allows
    /// (code and CRLF included).
    LineOver512,
}

impl Defect {
    /// Every defect, in the order of [`Defects::iter`].
    pub const ALL: [Defect; 6] = [
        Defect::CodeMismatch,
        Defect::EnhancedClassMismatch,
        Defect::EnhancedInconsistent,
        Defect::EnhancedNotOnEveryLine,
        Defect::BareLf,
        Defect::LineOver512,
    ];

    /// A stable lowercase name, as the CLI's JSON and the bindings spell it.
    ///
    /// ```
    /// assert_eq!(smtp_codes::Defect::CodeMismatch.as_str(), "code_mismatch");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Defect::CodeMismatch => "code_mismatch",
            Defect::EnhancedClassMismatch => "enhanced_class_mismatch",
            Defect::EnhancedInconsistent => "enhanced_inconsistent",
            Defect::EnhancedNotOnEveryLine => "enhanced_not_on_every_line",
            Defect::BareLf => "bare_lf",
            Defect::LineOver512 => "line_over_512",
        }
    }

    const fn bit(self) -> u8 {
        1 << self as u8
    }
}

impl fmt::Display for Defect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The set of [`Defect`]s found in a reply.
///
/// ```
/// use smtp_codes::{Defect, Reply};
/// let reply = Reply::parse(b"550-5.1.1 a\r\n550 b\r\n")?;
/// let found: Vec<Defect> = reply.defects().iter().collect();
/// assert_eq!(found, [Defect::EnhancedNotOnEveryLine]);
/// # Ok::<(), smtp_codes::ReplyError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Defects(u8);

impl Defects {
    /// No defect.
    ///
    /// ```
    /// assert!(smtp_codes::Reply::parse(b"250 OK\r\n")?.defects().is_empty());
    /// # Ok::<(), smtp_codes::ReplyError>(())
    /// ```
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether `defect` was found.
    ///
    /// ```
    /// use smtp_codes::{Defect, Reply};
    /// assert!(Reply::parse(b"250 OK\n")?.defects().contains(Defect::BareLf));
    /// # Ok::<(), smtp_codes::ReplyError>(())
    /// ```
    pub const fn contains(self, defect: Defect) -> bool {
        self.0 & defect.bit() != 0
    }

    /// The defects found, in the order of [`Defect::ALL`].
    ///
    /// ```
    /// assert_eq!(smtp_codes::Reply::parse(b"250 OK\r\n")?.defects().iter().count(), 0);
    /// # Ok::<(), smtp_codes::ReplyError>(())
    /// ```
    pub fn iter(self) -> impl Iterator<Item = Defect> {
        Defect::ALL.into_iter().filter(move |d| self.contains(*d))
    }

    fn insert(&mut self, defect: Defect) {
        self.0 |= defect.bit();
    }
}

/// Why bytes are not a reply.
///
/// ```
/// use smtp_codes::{ParseErrorKind, Reply, ReplyErrorKind};
/// let err = Reply::parse(b"250-a\r\nxyz\r\n").unwrap_err();
/// assert_eq!(err.kind(), ReplyErrorKind::Line(ParseErrorKind::ExpectedDigit));
/// assert_eq!((err.line(), err.offset()), (1, 7));
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReplyErrorKind {
    /// A line is not a reply line; the inner kind says why.
    Line(ParseErrorKind),
    /// A line carries another code than the first (strict mode).
    CodeMismatch {
        /// The first line's code.
        expected: ReplyCode,
        /// This line's code.
        found: ReplyCode,
    },
    /// A line is longer than [`ParseOptions::max_line_length`].
    LineTooLong,
    /// The reply has more lines than [`ParseOptions::max_lines`].
    TooManyLines,
    /// The input ends inside the reply (after a `NNN-` continuation line).
    Incomplete,
    /// The reply is complete but more input follows ([`Reply::parse`] takes
    /// exactly one reply; see [`Replies`] for several).
    TrailingInput,
}

impl ReplyErrorKind {
    /// A stable lowercase name: the line error's own name
    /// ([`ParseErrorKind::as_str`]) for [`Line`](Self::Line), else
    /// `code_mismatch`, `line_too_long`, `too_many_lines`, `incomplete`,
    /// `trailing_input`.
    ///
    /// ```
    /// use smtp_codes::{ParseErrorKind, ReplyErrorKind};
    /// assert_eq!(ReplyErrorKind::Line(ParseErrorKind::Empty).as_str(), "empty");
    /// assert_eq!(ReplyErrorKind::TooManyLines.as_str(), "too_many_lines");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            ReplyErrorKind::Line(kind) => kind.as_str(),
            ReplyErrorKind::CodeMismatch { .. } => "code_mismatch",
            ReplyErrorKind::LineTooLong => "line_too_long",
            ReplyErrorKind::TooManyLines => "too_many_lines",
            ReplyErrorKind::Incomplete => "incomplete",
            ReplyErrorKind::TrailingInput => "trailing_input",
        }
    }
}

/// The error of reply parsing: what, at which byte of the input, on which
/// line of the reply (0-based).
///
/// ```
/// use smtp_codes::Reply;
/// let err = Reply::parse(b"250-a\r\n").unwrap_err();
/// assert_eq!(err.to_string(), "invalid reply at byte 7 (line 2): the input ends inside a multi-line reply");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ReplyError {
    kind: ReplyErrorKind,
    offset: usize,
    line: usize,
}

impl ReplyError {
    /// What went wrong.
    ///
    /// ```
    /// use smtp_codes::{Reply, ReplyErrorKind};
    /// assert_eq!(Reply::parse(b"250 a\r\n250 b\r\n").unwrap_err().kind(), ReplyErrorKind::TrailingInput);
    /// ```
    pub const fn kind(&self) -> ReplyErrorKind {
        self.kind
    }

    /// The byte offset in the input.
    ///
    /// ```
    /// assert_eq!(smtp_codes::Reply::parse(b"250 a\r\n250 b\r\n").unwrap_err().offset(), 7);
    /// ```
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// The line of the reply, counting from 0.
    ///
    /// ```
    /// assert_eq!(smtp_codes::Reply::parse(b"250-a\r\n25").unwrap_err().line(), 1);
    /// ```
    pub const fn line(&self) -> usize {
        self.line
    }
}

impl fmt::Display for ReplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid reply at byte {} (line {}): ",
            self.offset,
            self.line + 1
        )?;
        match self.kind {
            ReplyErrorKind::Line(kind) => f.write_str(kind.description()),
            ReplyErrorKind::CodeMismatch { expected, found } => {
                write!(f, "code {found} in a reply that started with {expected}")
            }
            ReplyErrorKind::LineTooLong => f.write_str("line too long"),
            ReplyErrorKind::TooManyLines => f.write_str("too many lines"),
            ReplyErrorKind::Incomplete => f.write_str("the input ends inside a multi-line reply"),
            ReplyErrorKind::TrailingInput => f.write_str("more input after the reply"),
        }
    }
}

impl core::error::Error for ReplyError {}

/// A complete SMTP reply: its code, its enhanced status code, its lines.
///
/// ```
/// use smtp_codes::Reply;
/// let gmail = b"550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n\
///               550-5.1.1 double-checking the recipient's email address for typos or\r\n\
///               550 5.1.1 unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser\r\n";
/// let reply = Reply::parse(gmail)?;
/// assert_eq!(reply.code(), 550);
/// assert_eq!(reply.enhanced().unwrap().to_string(), "5.1.1");
/// assert_eq!(reply.line_count(), 3);
/// assert!(reply.text().to_string().starts_with("The email account that you tried to reach does not exist. Please try\ndouble-checking"));
/// assert!(reply.defects().is_empty());
/// # Ok::<(), smtp_codes::ReplyError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Reply<'a> {
    raw: &'a [u8],
    code: ReplyCode,
    enhanced: Option<EnhancedCode>,
    lines: usize,
    defects: Defects,
}

/// What [`Reply::parse_prefix`] and [`ReplyStream::feed`] learnt.
///
/// ```
/// use smtp_codes::{ParseOptions, ParseStatus, Reply};
/// let opts = ParseOptions::new();
/// assert!(matches!(Reply::parse_prefix(b"250-PIPELINING\r\n250-SIZE", &opts)?, ParseStatus::Incomplete));
/// match Reply::parse_prefix(b"250 OK\r\n354 go\r\n", &opts)? {
///     ParseStatus::Complete(reply, used) => assert_eq!((reply.code().as_u16(), used), (250, 8)),
///     ParseStatus::Incomplete => unreachable!(),
/// }
/// # Ok::<(), smtp_codes::ReplyError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseStatus<'a> {
    /// A whole reply, and the number of input bytes it took.
    Complete(Reply<'a>, usize),
    /// More bytes are needed.
    Incomplete,
}

/// Where a scan is inside a reply: lets [`ReplyStream`] resume without
/// reading the same bytes twice.
#[derive(Clone, Copy, Debug, Default)]
struct Scan {
    /// Offset of the next line to read.
    pos: usize,
    lines: usize,
    code: Option<ReplyCode>,
    enhanced: Option<EnhancedCode>,
    lines_with_enhanced: usize,
    defects: Defects,
}

/// RFC 5321 §4.5.3.1.5: 512 octets with the code and CRLF.
const RFC_LINE_LIMIT: usize = 510;

impl Scan {
    fn error(&self, kind: ReplyErrorKind, offset: usize) -> ReplyError {
        ReplyError {
            kind,
            offset,
            line: self.lines,
        }
    }

    /// Reads lines from `self.pos`. `Ok(Some(end))`: the reply ends at `end`.
    /// `Ok(None)`: more input is needed (only when `eof` is false).
    fn run(
        &mut self,
        input: &[u8],
        opts: &ParseOptions,
        eof: bool,
    ) -> Result<Option<usize>, ReplyError> {
        loop {
            let start = self.pos;
            if start >= input.len() {
                if !eof {
                    return Ok(None);
                }
                let kind = if self.lines == 0 {
                    ReplyErrorKind::Line(ParseErrorKind::Empty)
                } else {
                    ReplyErrorKind::Incomplete
                };
                return Err(self.error(kind, start));
            }
            if self.lines >= opts.max_lines {
                return Err(self.error(ReplyErrorKind::TooManyLines, start));
            }
            // Look no further than the longest line allowed plus its CRLF.
            let window_end = input
                .len()
                .min(start.saturating_add(opts.max_line_length.saturating_add(2)));
            let window = &input[start..window_end];
            let (line, end, bare_lf) = match crate::memchr::find_byte(b'\n', window) {
                Some(i) => {
                    let with_cr = &window[..i];
                    match with_cr.strip_suffix(b"\r") {
                        Some(line) => (line, start + i + 1, false),
                        None => (with_cr, start + i + 1, true),
                    }
                }
                None if window_end < input.len()
                    || window.len() > opts.max_line_length.saturating_add(1) =>
                {
                    return Err(self.error(ReplyErrorKind::LineTooLong, start));
                }
                None if !eof => return Ok(None),
                None => {
                    let line = window.strip_suffix(b"\r").unwrap_or(window);
                    (line, input.len(), false)
                }
            };
            if line.len() > opts.max_line_length {
                return Err(self.error(ReplyErrorKind::LineTooLong, start));
            }
            // `line` is stripped of its ending once, as the lines of the
            // finished reply will be read (`422\r\r\n` is a line `422\r`,
            // not a bare `422`).
            let head = crate::reply_line::head(line)
                .map_err(|e| self.error(ReplyErrorKind::Line(e.kind()), start + e.offset()))?;
            if bare_lf {
                self.defects.insert(Defect::BareLf);
            }
            if line.len() > RFC_LINE_LIMIT {
                self.defects.insert(Defect::LineOver512);
            }
            match self.code {
                None => self.code = Some(head.code),
                Some(expected) if expected != head.code => match opts.mode {
                    Mode::Strict => {
                        let found = head.code;
                        return Err(
                            self.error(ReplyErrorKind::CodeMismatch { expected, found }, start)
                        );
                    }
                    Mode::Lenient => self.defects.insert(Defect::CodeMismatch),
                },
                Some(_) => {}
            }
            if let Some(e) = head.enhanced {
                if head.matched {
                    self.lines_with_enhanced += 1;
                    match self.enhanced {
                        None => self.enhanced = Some(e),
                        Some(first) if first != e => {
                            self.defects.insert(Defect::EnhancedInconsistent)
                        }
                        Some(_) => {}
                    }
                } else {
                    self.defects.insert(Defect::EnhancedClassMismatch);
                }
            }
            self.lines += 1;
            self.pos = end;
            if head.last {
                if self.lines_with_enhanced > 0 && self.lines_with_enhanced < self.lines {
                    self.defects.insert(Defect::EnhancedNotOnEveryLine);
                }
                return Ok(Some(end));
            }
        }
    }

    fn reply<'a>(&self, raw: &'a [u8]) -> Option<Reply<'a>> {
        Some(Reply {
            raw,
            code: self.code?,
            enhanced: self.enhanced,
            lines: self.lines,
            defects: self.defects,
        })
    }
}

impl<'a> Reply<'a> {
    /// Parses exactly one reply with the default [`ParseOptions`] (lenient).
    /// The last line's line ending may be missing.
    ///
    /// ```
    /// use smtp_codes::Reply;
    /// let reply = Reply::parse(b"250")?;
    /// assert_eq!(reply.code(), 250);
    /// assert_eq!(reply.text().to_string(), "");
    /// # Ok::<(), smtp_codes::ReplyError>(())
    /// ```
    pub fn parse(input: &'a [u8]) -> Result<Reply<'a>, ReplyError> {
        Reply::parse_with(input, &ParseOptions::new())
    }

    /// Parses exactly one reply with these options.
    ///
    /// ```
    /// use smtp_codes::{Mode, ParseOptions, Reply, ReplyErrorKind};
    /// let strict = ParseOptions::new().mode(Mode::Strict);
    /// let err = Reply::parse_with(b"250-a\r\n550 b\r\n", &strict).unwrap_err();
    /// assert!(matches!(err.kind(), ReplyErrorKind::CodeMismatch { .. }));
    /// ```
    pub fn parse_with(input: &'a [u8], opts: &ParseOptions) -> Result<Reply<'a>, ReplyError> {
        let mut scan = Scan::default();
        let end = match scan.run(input, opts, true)? {
            Some(end) => end,
            None => return Err(scan.error(ReplyErrorKind::Incomplete, input.len())),
        };
        if end != input.len() {
            return Err(ReplyError {
                kind: ReplyErrorKind::TrailingInput,
                offset: end,
                line: scan.lines,
            });
        }
        scan.reply(input)
            .ok_or_else(|| scan.error(ReplyErrorKind::Line(ParseErrorKind::Empty), 0))
    }

    /// Parses the reply at the start of `input`, which may hold only part of
    /// it (bytes read so far from a socket) or more than it (the next reply,
    /// pipelining). Every line, the last included, must end with a line
    /// ending. Rescans from the start on every call; [`ReplyStream`] does not.
    ///
    /// ```
    /// use smtp_codes::{ParseOptions, ParseStatus, Reply};
    /// let status = Reply::parse_prefix(b"250 OK", &ParseOptions::new())?;
    /// assert_eq!(status, ParseStatus::Incomplete); // no CRLF yet
    /// # Ok::<(), smtp_codes::ReplyError>(())
    /// ```
    pub fn parse_prefix(
        input: &'a [u8],
        opts: &ParseOptions,
    ) -> Result<ParseStatus<'a>, ReplyError> {
        let mut scan = Scan::default();
        Ok(match scan.run(input, opts, false)? {
            Some(end) => match scan.reply(&input[..end]) {
                Some(reply) => ParseStatus::Complete(reply, end),
                None => ParseStatus::Incomplete,
            },
            None => ParseStatus::Incomplete,
        })
    }

    /// The reply code (of the first line, when lines disagree in lenient mode).
    ///
    /// ```
    /// assert_eq!(smtp_codes::Reply::parse(b"421 4.7.0 Try again later\r\n")?.code(), 421);
    /// # Ok::<(), smtp_codes::ReplyError>(())
    /// ```
    pub fn code(&self) -> ReplyCode {
        self.code
    }

    /// The enhanced status code (RFC 2034): the first one found on a line,
    /// when its class agrees with the reply code.
    ///
    /// ```
    /// let reply = smtp_codes::Reply::parse(b"550 5.7.26 Unauthenticated email is not accepted\r\n")?;
    /// assert_eq!(reply.enhanced().unwrap().to_string(), "5.7.26");
    /// # Ok::<(), smtp_codes::ReplyError>(())
    /// ```
    pub fn enhanced(&self) -> Option<EnhancedCode> {
        self.enhanced
    }

    /// The number of lines.
    ///
    /// ```
    /// assert_eq!(smtp_codes::Reply::parse(b"250-a\r\n250 b\r\n")?.line_count(), 2);
    /// # Ok::<(), smtp_codes::ReplyError>(())
    /// ```
    pub fn line_count(&self) -> usize {
        self.lines
    }

    /// Whether the reply has more than one line.
    ///
    /// ```
    /// assert!(!smtp_codes::Reply::parse(b"250 OK\r\n")?.is_multiline());
    /// # Ok::<(), smtp_codes::ReplyError>(())
    /// ```
    pub fn is_multiline(&self) -> bool {
        self.lines > 1
    }

    /// The lines, each with its code, enhanced code and text.
    ///
    /// ```
    /// let reply = smtp_codes::Reply::parse(b"250-mx.example.com\r\n250-PIPELINING\r\n250 SIZE 1000\r\n")?;
    /// let texts: Vec<&[u8]> = reply.lines().map(|l| l.text()).collect();
    /// assert_eq!(texts, [&b"mx.example.com"[..], b"PIPELINING", b"SIZE 1000"]);
    /// # Ok::<(), smtp_codes::ReplyError>(())
    /// ```
    pub fn lines(&self) -> Lines<'a> {
        Lines { rest: self.raw }
    }

    /// The text of all lines, without codes, joined with `\n` (as Python's
    /// smtplib joins them); not valid UTF-8 shows as U+FFFD.
    ///
    /// ```
    /// let reply = smtp_codes::Reply::parse(b"550-5.7.1 a\r\n550 5.7.1 b\r\n")?;
    /// assert_eq!(reply.text().to_string(), "a\nb");
    /// assert_eq!(reply.text().separator(" ").to_string(), "a b");
    /// # Ok::<(), smtp_codes::ReplyError>(())
    /// ```
    pub fn text(&self) -> ReplyText<'a> {
        ReplyText {
            reply: *self,
            separator: "\n",
        }
    }

    /// What the RFCs would not have allowed, accepted in lenient mode.
    ///
    /// ```
    /// use smtp_codes::{Defect, Reply};
    /// let reply = Reply::parse(b"550-5.1.1 a\r\n550 5.1.2 b\r\n")?;
    /// assert!(reply.defects().contains(Defect::EnhancedInconsistent));
    /// # Ok::<(), smtp_codes::ReplyError>(())
    /// ```
    pub fn defects(&self) -> Defects {
        self.defects
    }

    /// The bytes of the reply as received, line endings included.
    ///
    /// ```
    /// assert_eq!(smtp_codes::Reply::parse(b"250 OK\r\n")?.raw(), b"250 OK\r\n");
    /// # Ok::<(), smtp_codes::ReplyError>(())
    /// ```
    pub fn raw(&self) -> &'a [u8] {
        self.raw
    }
}

/// The lines of a [`Reply`].
///
/// ```
/// let reply = smtp_codes::Reply::parse(b"250-a\r\n250 b\r\n")?;
/// assert_eq!(reply.lines().count(), 2);
/// # Ok::<(), smtp_codes::ReplyError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Lines<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Lines<'a> {
    type Item = ReplyLine<'a>;
    fn next(&mut self) -> Option<ReplyLine<'a>> {
        while !self.rest.is_empty() {
            let (line, rest) = match crate::memchr::find_byte(b'\n', self.rest) {
                Some(i) => (&self.rest[..=i], &self.rest[i + 1..]),
                None => (self.rest, &b""[..]),
            };
            self.rest = rest;
            // Every line was parsed when the reply was; this cannot fail.
            if let Ok(parsed) = ReplyLine::parse(line) {
                return Some(parsed);
            }
        }
        None
    }
}

/// The text of a reply's lines joined by a separator; see [`Reply::text`].
///
/// ```
/// let reply = smtp_codes::Reply::parse(b"452-4.2.2 Mailbox\r\n452 4.2.2 full\r\n")?;
/// assert_eq!(format!("{}", reply.text().separator(" ")), "Mailbox full");
/// # Ok::<(), smtp_codes::ReplyError>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ReplyText<'a> {
    reply: Reply<'a>,
    separator: &'a str,
}

impl<'a> ReplyText<'a> {
    /// The same text joined with another separator.
    ///
    /// ```
    /// let reply = smtp_codes::Reply::parse(b"250-a\r\n250 b\r\n")?;
    /// assert_eq!(reply.text().separator(" | ").to_string(), "a | b");
    /// # Ok::<(), smtp_codes::ReplyError>(())
    /// ```
    pub fn separator(self, separator: &'a str) -> ReplyText<'a> {
        ReplyText { separator, ..self }
    }
}

impl fmt::Display for ReplyText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, line) in self.reply.lines().enumerate() {
            if i > 0 {
                f.write_str(self.separator)?;
            }
            for chunk in line.text().utf8_chunks() {
                f.write_str(chunk.valid())?;
                if !chunk.invalid().is_empty() {
                    f.write_str("\u{FFFD}")?;
                }
            }
        }
        Ok(())
    }
}

/// Reads replies from a socket without reading any byte twice.
///
/// Keep appending what arrives to one buffer and hand the whole buffer to
/// [`feed`](Self::feed); on [`ParseStatus::Complete`], drop the bytes it
/// used from the front of the buffer. The limits of the [`ParseOptions`]
/// bound the work and the buffer a hostile server can cause.
///
/// ```
/// use smtp_codes::{ParseOptions, ParseStatus, ReplyStream};
/// let mut stream = ReplyStream::new(ParseOptions::new());
/// let mut buf = Vec::new();
/// let mut got = Vec::new();
/// for chunk in [&b"250-mx.exa"[..], b"mple.com\r\n250-PIPE", b"LINING\r\n250 OK\r\n"] {
///     buf.extend_from_slice(chunk);
///     if let ParseStatus::Complete(reply, used) = stream.feed(&buf)? {
///         got.push((reply.code().as_u16(), reply.line_count()));
///         buf.drain(..used);
///     }
/// }
/// assert_eq!(got, [(250, 3)]);
/// assert!(buf.is_empty());
/// # Ok::<(), smtp_codes::ReplyError>(())
/// ```
#[derive(Clone, Debug)]
pub struct ReplyStream {
    opts: ParseOptions,
    scan: Scan,
}

impl ReplyStream {
    /// A stream reader with these options.
    ///
    /// ```
    /// let _ = smtp_codes::ReplyStream::new(smtp_codes::ParseOptions::new());
    /// ```
    pub fn new(opts: ParseOptions) -> Self {
        ReplyStream {
            opts,
            scan: Scan::default(),
        }
    }

    /// Looks at the buffer (everything received and not yet used, the same
    /// bytes as before plus any new ones) and tells whether a reply is
    /// complete. After `Complete` or an error, the stream starts afresh.
    ///
    /// ```
    /// use smtp_codes::{ParseOptions, ParseStatus, ReplyStream};
    /// let mut s = ReplyStream::new(ParseOptions::new());
    /// assert_eq!(s.feed(b"220 mx")?, ParseStatus::Incomplete);
    /// assert!(matches!(s.feed(b"220 mx\r\n")?, ParseStatus::Complete(_, 8)));
    /// # Ok::<(), smtp_codes::ReplyError>(())
    /// ```
    pub fn feed<'a>(&mut self, buffer: &'a [u8]) -> Result<ParseStatus<'a>, ReplyError> {
        if self.scan.pos > buffer.len() {
            // The caller dropped bytes without a Complete: start again.
            self.scan = Scan::default();
        }
        match self.scan.run(buffer, &self.opts, false) {
            Ok(Some(end)) => {
                let reply = self.scan.reply(&buffer[..end]);
                self.scan = Scan::default();
                Ok(match reply {
                    Some(reply) => ParseStatus::Complete(reply, end),
                    None => ParseStatus::Incomplete,
                })
            }
            Ok(None) => Ok(ParseStatus::Incomplete),
            Err(e) => {
                self.scan = Scan::default();
                Err(e)
            }
        }
    }
}

/// Every reply in a buffer, such as a session transcript: yields each
/// complete reply, or an error for a line that does not belong to one, then
/// goes on at the next line.
///
/// ```
/// use smtp_codes::{ParseOptions, Replies};
/// let transcript = b"220 mx.example.com ESMTP\r\nEHLO me\r\n250-mx\r\n250 SIZE 10\r\n";
/// let codes: Vec<_> = Replies::new(transcript, ParseOptions::new())
///     .filter_map(Result::ok)
///     .map(|r| r.code().as_u16())
///     .collect();
/// assert_eq!(codes, [220, 250]);
/// ```
#[derive(Clone, Debug)]
pub struct Replies<'a> {
    input: &'a [u8],
    pos: usize,
    opts: ParseOptions,
}

impl<'a> Replies<'a> {
    /// Replies in `input`, read with `opts`.
    ///
    /// ```
    /// assert_eq!(smtp_codes::Replies::new(b"", smtp_codes::ParseOptions::new()).count(), 0);
    /// ```
    pub fn new(input: &'a [u8], opts: ParseOptions) -> Self {
        Replies {
            input,
            pos: 0,
            opts,
        }
    }

    /// The offset of the next byte to read.
    ///
    /// ```
    /// let mut r = smtp_codes::Replies::new(b"250 OK\r\n", smtp_codes::ParseOptions::new());
    /// r.next();
    /// assert_eq!(r.offset(), 8);
    /// ```
    pub fn offset(&self) -> usize {
        self.pos
    }
}

impl<'a> Iterator for Replies<'a> {
    type Item = Result<Reply<'a>, ReplyError>;

    fn next(&mut self) -> Option<Self::Item> {
        let rest = &self.input[self.pos..];
        if rest.is_empty() {
            return None;
        }
        let mut scan = Scan::default();
        match scan.run(rest, &self.opts, true) {
            Ok(Some(end)) => {
                self.pos += end;
                scan.reply(&rest[..end]).map(Ok)
            }
            Ok(None) => {
                self.pos = self.input.len();
                None
            }
            Err(mut e) => {
                // Go on at the line after the first line of the attempted
                // reply: a good reply may start on any later line.
                let skip = rest
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(rest.len(), |i| i + 1);
                e.offset += self.pos;
                self.pos += skip;
                Some(Err(e))
            }
        }
    }
}

/// Why a reply cannot be rendered as asked.
///
/// ```
/// use smtp_codes::{EnhancedCode, RenderError, ReplyCode, ReplyWriter};
/// let e: EnhancedCode = "4.2.2".parse().unwrap();
/// let err = ReplyWriter::new(ReplyCode::MAILBOX_UNAVAILABLE, Some(e), &["full"]).unwrap_err();
/// assert_eq!(err, RenderError::EnhancedClassMismatch);
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RenderError {
    /// The enhanced code's class differs from the reply code's first digit
    /// (RFC 3463 §3: 2, 4, 5 go with 2yz, 4yz, 5yz).
    EnhancedClassMismatch,
    /// `3yz` replies carry no enhanced code (RFC 2034 §4).
    EnhancedOnIntermediate,
    /// This line contains CR or LF.
    LineBreak {
        /// The line, from 0.
        line: usize,
    },
    /// This line would be longer than 512 octets with code and CRLF
    /// (RFC 5321 §4.5.3.1.5).
    LineTooLong {
        /// The line, from 0.
        line: usize,
    },
    /// This line's text starts with what a reader takes for an enhanced
    /// code (`5.1.1 ...`), or, after an enhanced code, with white space;
    /// either would read back as different text.
    AmbiguousText {
        /// The line, from 0.
        line: usize,
    },
}

impl RenderError {
    /// A stable lowercase name for the kind of refusal, the same in every
    /// binding (`enhanced_class_mismatch`, `enhanced_on_intermediate`,
    /// `line_break`, `line_too_long`, `ambiguous_text`).
    ///
    /// ```
    /// use smtp_codes::{ReplyCode, ReplyWriter};
    /// let err = ReplyWriter::new(ReplyCode::OK, None, &["ok", "a\r\nb"]).unwrap_err();
    /// assert_eq!((err.as_str(), err.line()), ("line_break", Some(1)));
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            RenderError::EnhancedClassMismatch => "enhanced_class_mismatch",
            RenderError::EnhancedOnIntermediate => "enhanced_on_intermediate",
            RenderError::LineBreak { .. } => "line_break",
            RenderError::LineTooLong { .. } => "line_too_long",
            RenderError::AmbiguousText { .. } => "ambiguous_text",
        }
    }

    /// The line refused, from 0, when the refusal is about one line.
    ///
    /// ```
    /// use smtp_codes::{EnhancedCode, ReplyCode, ReplyWriter};
    /// let e: EnhancedCode = "2.0.0".parse().unwrap();
    /// let err = ReplyWriter::new(ReplyCode::START_MAIL_INPUT, Some(e), &["go"]).unwrap_err();
    /// assert_eq!((err.as_str(), err.line()), ("enhanced_on_intermediate", None));
    /// ```
    pub const fn line(self) -> Option<usize> {
        match self {
            RenderError::EnhancedClassMismatch | RenderError::EnhancedOnIntermediate => None,
            RenderError::LineBreak { line }
            | RenderError::LineTooLong { line }
            | RenderError::AmbiguousText { line } => Some(line),
        }
    }
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::EnhancedClassMismatch => {
                f.write_str("the enhanced code's class differs from the reply code's first digit")
            }
            RenderError::EnhancedOnIntermediate => {
                f.write_str("3yz replies carry no enhanced status code")
            }
            RenderError::LineBreak { line } => write!(f, "line {line} contains CR or LF"),
            RenderError::LineTooLong { line } => write!(f, "line {line} exceeds 512 octets"),
            RenderError::AmbiguousText { line } => write!(
                f,
                "line {line} starts with an enhanced code or white space and would read back differently"
            ),
        }
    }
}

impl core::error::Error for RenderError {}

/// A reply to send, checked against the RFCs: code and enhanced code on
/// every line, none on `3yz`, classes consistent, no line over 512 octets.
/// [`Display`](fmt::Display) writes it, CRLF after every line.
///
/// ```
/// use smtp_codes::{EnhancedCode, Reply, ReplyCode, ReplyWriter};
/// let e: EnhancedCode = "5.1.1".parse()?;
/// let w = ReplyWriter::new(ReplyCode::MAILBOX_UNAVAILABLE, Some(e), &["No such user", "Try again"]).unwrap();
/// let text = w.to_string();
/// assert_eq!(text, "550-5.1.1 No such user\r\n550 5.1.1 Try again\r\n");
/// let back = Reply::parse(text.as_bytes()).unwrap();
/// assert_eq!((back.code(), back.enhanced()), (ReplyCode::MAILBOX_UNAVAILABLE, Some(e)));
/// # Ok::<(), smtp_codes::ParseError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReplyWriter<'a> {
    code: ReplyCode,
    enhanced: Option<EnhancedCode>,
    lines: &'a [&'a str],
}

impl<'a> ReplyWriter<'a> {
    /// Checks the reply. No lines gives a bare code line (`250`, or
    /// `250 2.0.0` with an enhanced code).
    ///
    /// ```
    /// use smtp_codes::{ReplyCode, ReplyWriter};
    /// assert_eq!(ReplyWriter::new(ReplyCode::OK, None, &[]).unwrap().to_string(), "250\r\n");
    /// ```
    pub fn new(
        code: ReplyCode,
        enhanced: Option<EnhancedCode>,
        lines: &'a [&'a str],
    ) -> Result<Self, RenderError> {
        if let Some(e) = enhanced {
            if code.is_positive_intermediate() {
                return Err(RenderError::EnhancedOnIntermediate);
            }
            if e.class().digit() as u16 != code.as_u16() / 100 {
                return Err(RenderError::EnhancedClassMismatch);
            }
        }
        let prefix = 4 + enhanced.map_or(0, |e| e.display_len() + 1);
        for (line, text) in lines.iter().enumerate() {
            if text.contains(['\r', '\n']) {
                return Err(RenderError::LineBreak { line });
            }
            if prefix + text.len() + 2 > 512 {
                return Err(RenderError::LineTooLong { line });
            }
            let ambiguous = match enhanced {
                Some(_) => text.starts_with([' ', '\t']),
                None => {
                    !code.is_positive_intermediate()
                        && crate::reply_line::starts_with_enhanced(text.as_bytes())
                }
            };
            if ambiguous {
                return Err(RenderError::AmbiguousText { line });
            }
        }
        Ok(ReplyWriter {
            code,
            enhanced,
            lines,
        })
    }
}

impl fmt::Display for ReplyWriter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.lines.len().max(1);
        for i in 0..count {
            let sep = if i + 1 == count { ' ' } else { '-' };
            let text = self.lines.get(i).copied().unwrap_or("");
            f.write_str(self.code.as_str())?;
            match (self.enhanced, text.is_empty() && sep == ' ') {
                (Some(e), _) => write!(f, "{sep}{e}")?,
                (None, true) => {}
                (None, false) => write!(f, "{sep}")?,
            }
            if !text.is_empty() {
                if self.enhanced.is_some() {
                    f.write_str(" ")?;
                }
                f.write_str(text)?;
            }
            f.write_str("\r\n")?;
        }
        Ok(())
    }
}
