//! Codes in free text: log lines, bounce bodies, DSN `Diagnostic-Code`
//! strings.
//!
//! The rules are documented on [`find_codes`], where users of the crate read
//! them (this module is private and its items are re-exported at the root);
//! [`best_enhanced`] and [`best_reply`] document the ranking.
//!
//! How it stays linear: the scanner walks the text once, forward. A number is
//! read whole, as the maximal run of digits and dots, and judged once; nothing
//! inside a run is tried again. Around a run it looks at a bounded
//! neighbourhood: one word of at most [`MAX_WORD`] letters before and after,
//! and the blanks that separate it from that word or from the code before it.
//! Those blanks lie between two runs and are looked at by no other run, so
//! every byte is read a bounded number of times whatever the input. Nothing
//! is allocated and nothing indexes out of bounds.
//!
//! ```
//! use smtp_codes::{best_enhanced, best_reply};
//! let log = b"status=bounced (host mx.example.com[203.0.113.5] said: 550 5.1.1 <x@example.com>: \
//!             Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))";
//! assert_eq!(best_reply(log).unwrap(), 550);
//! assert_eq!(best_enhanced(log).unwrap().to_string(), "5.1.1");
//! ```

use crate::{EnhancedCode, ReplyCode};
use core::fmt;
use core::iter::FusedIterator;
use core::ops::Range;

/// A code found in text: a basic reply code or an enhanced status code.
///
/// ```
/// use smtp_codes::{find_codes, FoundCode};
/// let mut found = find_codes(b"550 5.1.1 User unknown").map(|f| f.code);
/// assert!(matches!(found.next(), Some(FoundCode::Reply(r)) if r == 550));
/// assert_eq!(found.next().unwrap().to_string(), "5.1.1");
/// assert_eq!(found.next(), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FoundCode {
    /// A basic reply code (RFC 5321 §4.2): `550`.
    Reply(ReplyCode),
    /// An enhanced status code (RFC 3463 §2): `5.1.1`.
    Enhanced(EnhancedCode),
}

impl FoundCode {
    /// The reply code, if this is one.
    ///
    /// ```
    /// let f = smtp_codes::find_codes(b"421 try later").next().unwrap();
    /// assert_eq!(f.code.reply().unwrap(), 421);
    /// assert_eq!(f.code.enhanced(), None);
    /// ```
    pub const fn reply(self) -> Option<ReplyCode> {
        match self {
            FoundCode::Reply(r) => Some(r),
            FoundCode::Enhanced(_) => None,
        }
    }

    /// The enhanced status code, if this is one.
    ///
    /// ```
    /// let f = smtp_codes::find_codes(b"Status: 4.2.2").next().unwrap();
    /// assert_eq!(f.code.enhanced().unwrap().to_string(), "4.2.2");
    /// assert_eq!(f.code.reply(), None);
    /// ```
    pub const fn enhanced(self) -> Option<EnhancedCode> {
        match self {
            FoundCode::Reply(_) => None,
            FoundCode::Enhanced(e) => Some(e),
        }
    }
}

impl fmt::Display for FoundCode {
    /// The code as it is written: `550`, `5.1.1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FoundCode::Reply(r) => fmt::Display::fmt(r, f),
            FoundCode::Enhanced(e) => fmt::Display::fmt(e, f),
        }
    }
}

/// Where a found code stands in the text, which tells how far to trust it.
///
/// ```
/// use smtp_codes::{find_codes, FoundContext};
/// let contexts: Vec<FoundContext> = find_codes(b"said: 550 5.1.1 (error 5.7.1)")
///     .map(|f| f.context)
///     .collect();
/// let reply = smtp_codes::ReplyCode::from_u16(550).unwrap();
/// assert_eq!(contexts, [FoundContext::Anchored, FoundContext::AfterReply(reply), FoundContext::Text]);
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FoundContext {
    /// An enhanced code right after a reply code, where RFC 2034 §4 puts it:
    /// `550 5.1.1`, `550-5.1.1`, `550 #5.1.1`. Holds that reply code, whose
    /// class may or may not agree (Exchange writes `550 4.4.7`).
    AfterReply(ReplyCode),
    /// At the start of the text or of a line, or after a mark that introduces
    /// a code: `:` (`said: 550`, `Status: 5.1.1`), `;` (`smtp;550`), `#`
    /// (`#5.1.0`), `'`, `"` and `(`; for enhanced codes also `=` (`dsn=5.1.1`).
    Anchored,
    /// Anywhere else in running text.
    Text,
}

impl FoundContext {
    /// A stable lowercase name: `after_reply`, `anchored` or `text`.
    ///
    /// ```
    /// assert_eq!(smtp_codes::FoundContext::Anchored.as_str(), "anchored");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            FoundContext::AfterReply(_) => "after_reply",
            FoundContext::Anchored => "anchored",
            FoundContext::Text => "text",
        }
    }
}

/// One code found in text, with where it is and where it stands.
///
/// ```
/// let text = b"Remote server returned '550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized'";
/// let found: Vec<_> = smtp_codes::find_codes(text).collect();
/// assert_eq!(found.len(), 2);
/// assert_eq!(&text[found[1].span.clone()], b"5.7.1");
/// assert!(found[1].agrees_with_reply());
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Found {
    /// The code.
    pub code: FoundCode,
    /// Where its digits are: `text[span]` parses back to [`code`](Self::code)
    /// with [`ReplyCode::parse`] or [`EnhancedCode::parse`]. Exchange's `#`
    /// and a sentence's final `.` are not part of it.
    pub span: Range<usize>,
    /// Where it stands.
    pub context: FoundContext,
}

impl Found {
    /// Whether this is an enhanced code right after a reply code of the same
    /// class: `550 5.1.1` agrees, `550 4.4.7` does not.
    ///
    /// ```
    /// let found: Vec<_> = smtp_codes::find_codes(b"550 4.4.7 QUEUE.Expired; 451 4.4.0 DNS query failed").collect();
    /// assert!(!found[1].agrees_with_reply());
    /// assert!(found[3].agrees_with_reply());
    /// ```
    pub const fn agrees_with_reply(&self) -> bool {
        match (self.code, self.context) {
            (FoundCode::Enhanced(e), FoundContext::AfterReply(r)) => {
                e.class().digit() as u16 == r.as_u16() / 100
            }
            _ => false,
        }
    }
}

/// Finds the reply codes and enhanced status codes in arbitrary text, in
/// order of appearance, borrowing it, in one forward pass (linear time on any
/// input, no allocation).
///
/// Text from the wild is full of numbers that look like codes. These are the
/// rules that tell them apart.
///
/// **1. Numbers are read whole.** A maximal run of digits and dots is one
/// number. It is a reply code when it is exactly three digits of RFC 5321's
/// grammar (first digit 2 to 5, second 0 to 5: [`ReplyCode::parse`]), an
/// enhanced code when it is `class.subject.detail` as
/// [`EnhancedCode::parse`] reads it (class 2, 4 or 5; subject and detail 1 to
/// 3 digits, no leading zero), and nothing otherwise: no code is ever taken
/// from inside a longer number. So IPv4 addresses (`5.1.1.2`, `10.4.4.7`),
/// decimals (`5.5`, `4.5.3.1.9`), dates (`2024.05.06`, `06.05.2024`,
/// `5.12.2024`), times (`5.30.00`), long numbers (`5500`) and reply codes of
/// another grammar (`650`, `580`) are not codes.
///
/// ```
/// use smtp_codes::find_codes;
/// let codes = |t: &str| find_codes(t.as_bytes()).map(|f| f.code.to_string()).collect::<Vec<_>>();
/// assert!(codes("relay [192.168.5.1] 5.1.1.2 10.4.4.7 4.5.3.1.9 5.5 5500 650").is_empty());
/// assert!(codes("on 2024.05.06 or 06.05.2024 or 5.12.2024 at 5.30.00").is_empty());
/// assert_eq!(codes("550 5.1.1 and 5.7.606"), ["550", "5.1.1", "5.7.606"]);
/// ```
///
/// **2. One dot may end a sentence.** `User unknown: 5.1.1.` holds `5.1.1`
/// when the dot is followed by the end, whitespace or a closing mark
/// (`)`, `]`, `}`, `>`, `'`, `"`, `|`). Two dots, or a dot followed by
/// anything else, make a longer name: `5.2.1.in-addr.arpa`.
///
/// ```
/// # use smtp_codes::find_codes;
/// # let codes = |t: &str| find_codes(t.as_bytes()).map(|f| f.code.to_string()).collect::<Vec<_>>();
/// assert_eq!(codes("mailbox unavailable 5.2.1. Error 550."), ["5.2.1", "550"]);
/// assert!(codes("5.2.1.in-addr.arpa 5.1.1.. 550.x").is_empty());
/// ```
///
/// **3. A code stands apart.** Before it: the start, whitespace, or one of
/// `# ; : = ' " ( [ { < > | ,`. After it: the end, whitespace, or one of
/// `) ] } > < ( ' " ; ! ? | , :`. Anything else glued on either side (a
/// letter, a digit, `.`, `-`, `/`, `_`, `@`, `%`, `+`, any non-ASCII byte such
/// as `§`) makes it part of something else: `v5.1.0`, `x5.1.1`, `5.1.1x`,
/// `PHP/5.4.45`, `5.4.0-42`, `§4.2.2`, `550@example.com`, `250ms`. Further:
/// - `,` or `:` followed by a digit, or `,` preceded by one, make a longer
///   number: `250,000`, `1,250`, `4.2.1:30`.
/// - A reply code glued after a `:` that follows a letter, digit, `]` or `.`
///   is a port or a time: `[203.0.113.5]:465`, `mx.example.com:465`,
///   `12:550`. (`said:550`, which no common MTA writes, is lost too; `said: 550`
///   is found.)
/// - A reply code alone in brackets is a process id: `postfix/smtp[421]:`.
/// - After a reply code, `-` is RFC 5321's continuation mark (`550-5.1.1`,
///   `250-PIPELINING`), but a `-` and a digit make a phone number or an
///   identifier (`555-250-1234`) unless an enhanced code follows. An enhanced
///   code never has `-` after it, and before it only right after a reply code.
///
/// ```
/// # use smtp_codes::find_codes;
/// # let codes = |t: &str| find_codes(t.as_bytes()).map(|f| f.code.to_string()).collect::<Vec<_>>();
/// assert!(codes("v5.1.0 x5.1.1 5.1.1x PHP/5.4.45 5.4.0-42 §4.2.2 250ms 550@example.com").is_empty());
/// assert!(codes("250,000 1,250 [203.0.113.5]:465 mx.example.com:465 12:550 smtp[421]:").is_empty());
/// assert!(codes("call 555-250-1234").is_empty());
/// assert_eq!(codes("550-5.1.1 (5.2.2) [5.7.1] 250-PIPELINING"), ["550", "5.1.1", "5.2.2", "5.7.1", "250"]);
/// ```
///
/// **4. Some words deny a number.** The word before it (possibly across
/// blanks and one `:` or `=`), compared without regard to case, tells a
/// version or a section: `v`, `ver`, `version`, `rev`, `revision`, `release`,
/// `build`, `patch`, `section`, `sec`, `sect`, `chapter`, `clause`,
/// `paragraph`, `para`, `appendix`, `figure`, `table`, `page`, `step`, `rfc`,
/// and names of software that print versions in headers and logs (`OpenSSL`,
/// `PHP`, `Python`, `MySQL`, `Postfix`, `Exim`, `Sendmail`, `Dovecot`,
/// `Linux`, ...: the list `VERSION_WORDS` in the source). A `§` before it
/// does the same. Before a reply code, words of counting deny it too (`port`,
/// `size`, `length`, `limit`, `max`, `pid`, `line`, `nrcpt`, `delay`, `than`, ...:
/// `COUNT_WORDS`), and so does a unit after it (`bytes`, `KB`, `MB`,
/// `seconds`, `ms`, `minutes`, ...: `UNIT_WORDS`).
///
/// ```
/// # use smtp_codes::find_codes;
/// # let codes = |t: &str| find_codes(t.as_bytes()).map(|f| f.code.to_string()).collect::<Vec<_>>();
/// assert!(codes("version 4.4.7, OpenSSL 5.1.0, Dovecot 2.3.21, section 4.2.2, § 4.2.2").is_empty());
/// assert!(codes("size 250 KB; size=552; 552 bytes; port 465; retry in 450 seconds").is_empty());
/// assert_eq!(codes("Version: 5.1.1; error 550 and 5.1.1"), ["550", "5.1.1"]);
/// ```
///
/// **5. Subjects in running text are registered ones.** An enhanced code
/// right after a reply code may have any subject, but anywhere else its
/// subject must be one the registry knows (0 to 7): in running text `5.30.15`
/// is a time or a version far more often than a code. Details are open
/// everywhere (`5.7.606`).
///
/// ```
/// # use smtp_codes::find_codes;
/// # let codes = |t: &str| find_codes(t.as_bytes()).map(|f| f.code.to_string()).collect::<Vec<_>>();
/// assert!(codes("at 5.30.15 or 4.10.2").is_empty());
/// assert_eq!(codes("550 5.30.15"), ["550", "5.30.15"]);
/// ```
///
/// **6. Where a code stands** is reported as its [`FoundContext`]: right after a
/// reply code ([`FoundContext::AfterReply`]: `550 5.1.1`, `550-5.1.1`,
/// `550 #5.1.1`, blanks or one `-` between, then an optional `#`), after a
/// mark or at the start of a line ([`FoundContext::Anchored`]), or in running
/// text ([`FoundContext::Text`]). [`best_enhanced`] and [`best_reply`] use it.
///
/// ```
/// use smtp_codes::{find_codes, FoundContext, FoundCode};
/// let text = b"#5.1.0 smtp;550 5.1.1 <x@example.com>... User unknown";
/// let found: Vec<_> = find_codes(text).collect();
/// assert_eq!(found.len(), 3);
/// assert_eq!((found[0].span.clone(), found[0].context), (1..6, FoundContext::Anchored));
/// assert_eq!((found[1].span.clone(), found[1].context), (12..15, FoundContext::Anchored));
/// let FoundCode::Reply(r) = found[1].code else { panic!() };
/// assert_eq!((found[2].span.clone(), found[2].context), (16..21, FoundContext::AfterReply(r)));
/// ```
pub fn find_codes(text: &[u8]) -> FoundCodes<'_> {
    FoundCodes {
        text,
        pos: 0,
        last_reply: None,
    }
}

/// The iterator of [`find_codes`]: every [`Found`] code, in order of
/// appearance.
///
/// ```
/// let mut it = smtp_codes::find_codes(b"421 4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred");
/// assert_eq!(it.next().unwrap().span, 0..3);
/// assert_eq!(it.next().unwrap().span, 4..9);
/// assert!(it.next().is_none());
/// assert!(it.next().is_none());
/// ```
#[derive(Clone, Debug)]
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct FoundCodes<'a> {
    text: &'a [u8],
    /// Where the scan goes on: after the last run of digits and dots.
    pos: usize,
    /// The last reply code yielded and the offset just after its digits.
    last_reply: Option<(ReplyCode, usize)>,
}

impl Iterator for FoundCodes<'_> {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        let text = self.text;
        while let Some(offset) = text.get(self.pos..)?.iter().position(u8::is_ascii_digit) {
            let start = self.pos + offset;
            let mut end = start;
            let mut dots = 0usize;
            while let Some(&b) = text.get(end) {
                if b == b'.' {
                    dots += 1;
                } else if !b.is_ascii_digit() {
                    break;
                }
                end += 1;
            }
            self.pos = end;
            if let Some(found) = self.judge(start, end, dots) {
                if let FoundCode::Reply(r) = found.code {
                    self.last_reply = Some((r, found.span.end));
                }
                return Some(found);
            }
        }
        self.pos = text.len();
        None
    }
}

impl FusedIterator for FoundCodes<'_> {}

/// Words longer than this are compared with no list.
const MAX_WORD: usize = 16;

/// Words before a number that make it a version or a section number.
const VERSION_WORDS: &[&str] = &[
    "v",
    "ver",
    "vers",
    "version",
    "rev",
    "revision",
    "release",
    "build",
    "patch",
    "section",
    "sec",
    "sect",
    "chapter",
    "clause",
    "paragraph",
    "para",
    "appendix",
    "figure",
    "fig",
    "table",
    "page",
    "step",
    "rfc",
    // Software that prints its version in headers, banners and logs.
    "openssl",
    "libressl",
    "gnutls",
    "php",
    "python",
    "perl",
    "ruby",
    "java",
    "node",
    "mysql",
    "mariadb",
    "postgresql",
    "apache",
    "nginx",
    "postfix",
    "exim",
    "sendmail",
    "dovecot",
    "cyrus",
    "courier",
    "qmail",
    "haraka",
    "zimbra",
    "rspamd",
    "spamassassin",
    "clamav",
    "amavis",
    "amavisd",
    "linux",
    "kernel",
    "ubuntu",
    "debian",
    "freebsd",
    "windows",
    "thunderbird",
    "outlook",
];

/// Words before a three-digit number that make it a count, a size or a port.
const COUNT_WORDS: &[&str] = &[
    "port", "size", "length", "len", "limit", "max", "maximum", "min", "minimum", "pid", "uid",
    "gid", "id", "line", "lines", "count", "nrcpt", "total", "than", "exceeds", "over", "under",
    // Postfix's `delay=301` and `delays=...` fields, seconds, not a reply.
    "delay", "delays",
];

/// Words after a three-digit number that make it a quantity.
const UNIT_WORDS: &[&str] = &[
    "b",
    "byte",
    "bytes",
    "octet",
    "octets",
    "k",
    "kb",
    "kib",
    "kbyte",
    "kbytes",
    "mb",
    "mib",
    "mbyte",
    "mbytes",
    "gb",
    "gib",
    "char",
    "chars",
    "characters",
    "s",
    "sec",
    "secs",
    "second",
    "seconds",
    "ms",
    "msec",
    "min",
    "mins",
    "minute",
    "minutes",
    "h",
    "hr",
    "hrs",
    "hour",
    "hours",
    "day",
    "days",
    "times",
    "percent",
];

/// Space or tab (or the rarer vertical tab and form feed): not a line break.
const fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | 0x0b | 0x0c)
}

const fn is_line_break(b: u8) -> bool {
    matches!(b, b'\n' | b'\r')
}

/// What may follow a sentence's final `.` after a code.
const fn ends_sentence(b: Option<&u8>) -> bool {
    match b {
        None => true,
        Some(&b) => {
            is_blank(b)
                || is_line_break(b)
                || matches!(b, b')' | b']' | b'}' | b'>' | b'\'' | b'"' | b'|')
        }
    }
}

fn in_list(word: &[u8], list: &[&str]) -> bool {
    !word.is_empty() && list.iter().any(|w| w.as_bytes().eq_ignore_ascii_case(word))
}

/// The word of ASCII letters that ends at `end` (up to `MAX_WORD + 1` of its
/// last letters, so that a longer word matches no list).
fn word_before(text: &[u8], end: usize) -> &[u8] {
    let mut k = end;
    while k > 0 && end - k <= MAX_WORD && text.get(k - 1).is_some_and(u8::is_ascii_alphabetic) {
        k -= 1;
    }
    text.get(k..end).unwrap_or_default()
}

/// The word of ASCII letters that starts at `start` (at most `MAX_WORD + 1`
/// letters), if nothing alphanumeric is glued to its end.
fn word_after(text: &[u8], start: usize) -> &[u8] {
    let mut k = start;
    while k - start <= MAX_WORD && text.get(k).is_some_and(u8::is_ascii_alphabetic) {
        k += 1;
    }
    if text.get(k).is_some_and(u8::is_ascii_alphanumeric) {
        return &[];
    }
    text.get(start..k).unwrap_or_default()
}

/// Offset of the first byte of the blanks that end at `end`.
fn skip_blanks_back(text: &[u8], mut end: usize) -> usize {
    while end > 0 && text.get(end - 1).copied().is_some_and(is_blank) {
        end -= 1;
    }
    end
}

impl FoundCodes<'_> {
    /// Judges the run of digits and dots `text[start..run_end]`, which holds
    /// `dots` dots and starts with a digit.
    fn judge(&self, start: usize, run_end: usize, dots: usize) -> Option<Found> {
        let text = self.text;
        let sentence_dot = run_end > start && text.get(run_end - 1) == Some(&b'.');
        let end = run_end - usize::from(sentence_dot);
        let digits = text.get(start..end)?;
        let code = match dots - usize::from(sentence_dot) {
            0 => FoundCode::Reply(ReplyCode::parse(digits).ok()?),
            2 => FoundCode::Enhanced(EnhancedCode::parse(digits).ok()?),
            _ => return None,
        };
        let is_reply = matches!(code, FoundCode::Reply(_));
        if sentence_dot {
            if !ends_sentence(text.get(run_end)) {
                return None;
            }
        } else if !self.follows_well(is_reply, end) {
            return None;
        }
        let context = self.context(is_reply, start, end)?;
        if let FoundCode::Enhanced(e) = code
            && !matches!(context, FoundContext::AfterReply(_))
            && e.known_subject().is_none()
        {
            return None;
        }
        Some(Found {
            code,
            span: start..end,
            context,
        })
    }

    /// Whether what follows the digits ending at `end` (with no sentence dot)
    /// leaves them a code.
    fn follows_well(&self, is_reply: bool, end: usize) -> bool {
        let text = self.text;
        let next = text.get(end + 1);
        match text.get(end) {
            None => true,
            Some(&b) if is_line_break(b) => true,
            Some(&b) if is_blank(b) => {
                if !is_reply {
                    return true;
                }
                let word = word_after(text, skip_blanks_forward(text, end));
                !in_list(word, UNIT_WORDS)
            }
            Some(
                b')' | b']' | b'}' | b'>' | b'<' | b'(' | b'\'' | b'"' | b';' | b'!' | b'?' | b'|',
            ) => true,
            Some(b',' | b':') => !next.is_some_and(u8::is_ascii_digit),
            // RFC 5321's continuation mark; a digit after it must start an
            // enhanced code (`550-5.1.1`), not another number (`555-250-1234`).
            Some(b'-') if is_reply => {
                !next.is_some_and(u8::is_ascii_digit) || text.get(end + 2) == Some(&b'.')
            }
            Some(_) => false,
        }
    }

    /// Where the code `text[start..end]` stands, or `None` when what comes
    /// before makes it something else.
    fn context(&self, is_reply: bool, start: usize, end: usize) -> Option<FoundContext> {
        let text = self.text;
        if !is_reply
            && let Some((reply, reply_end)) = self.last_reply
            && follows_reply(text, reply_end, start)
        {
            return Some(FoundContext::AfterReply(reply));
        }
        let Some(glued) = start.checked_sub(1).and_then(|i| text.get(i)).copied() else {
            return Some(FoundContext::Anchored);
        };
        let before_glued = start.checked_sub(2).and_then(|i| text.get(i)).copied();
        match glued {
            b if is_blank(b) || is_line_break(b) => {}
            b'#' | b';' | b'\'' | b'"' | b'(' | b'=' | b'{' | b'<' | b'>' | b'|' => {}
            b':' => {
                // A port or time (`host:465`, `12:550`), or the last group
                // of an IPv6 address (`2001:db8::250`).
                let port = before_glued
                    .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b']' | b'.' | b':'));
                if is_reply && port {
                    return None;
                }
            }
            b',' => {
                if before_glued.is_some_and(|b| b.is_ascii_digit()) {
                    return None;
                }
            }
            b'[' => {
                if is_reply && text.get(end) == Some(&b']') {
                    return None;
                }
            }
            _ => return None,
        }
        // Blanks, then a mark or the start of a line, then a word.
        let mut i = skip_blanks_back(text, start);
        let Some(mark) = i.checked_sub(1).and_then(|k| text.get(k)).copied() else {
            return Some(FoundContext::Anchored);
        };
        let anchored = match mark {
            b if is_line_break(b) => return Some(FoundContext::Anchored),
            // `§` in Latin-1, and the last byte of `§` in UTF-8.
            0xa7 => return None,
            b'#' | b';' | b'\'' | b'"' | b'(' => true,
            b':' | b'=' => {
                i = skip_blanks_back(text, i - 1);
                mark == b':' || !is_reply
            }
            _ => false,
        };
        let word = word_before(text, i);
        if in_list(word, VERSION_WORDS) || (is_reply && in_list(word, COUNT_WORDS)) {
            return None;
        }
        Some(if anchored {
            FoundContext::Anchored
        } else {
            FoundContext::Text
        })
    }
}

fn skip_blanks_forward(text: &[u8], mut start: usize) -> usize {
    while text.get(start).copied().is_some_and(is_blank) {
        start += 1;
    }
    start
}

/// Whether the enhanced code starting at `start` follows the reply code
/// ending at `reply_end` as RFC 2034 §4 puts it: blanks or one `-` between,
/// then an optional `#`.
fn follows_reply(text: &[u8], reply_end: usize, start: usize) -> bool {
    let mut i = start;
    if i > 0 && text.get(i - 1) == Some(&b'#') {
        i -= 1;
    }
    let separator_end = i;
    if i > 0 && text.get(i - 1) == Some(&b'-') {
        i -= 1;
    } else {
        i = skip_blanks_back(text, i);
    }
    i == reply_end && i < separator_end
}

/// How specific an enhanced code is: 0 for `X.0.0` and `X.4.7` (delivery time
/// expired, which wraps the real cause), 1 for another `X.Y.0`, 2 otherwise.
const fn specificity(e: EnhancedCode) -> u8 {
    match (e.subject(), e.detail()) {
        (0, 0) | (4, 7) => 0,
        (_, 0) => 1,
        _ => 2,
    }
}

/// The rank of an enhanced code for [`best_enhanced`]: higher is better.
fn rank(found: &Found, e: EnhancedCode) -> u8 {
    let standing = u8::from(!matches!(found.context, FoundContext::Text));
    standing * 8 + specificity(e) * 2 + u8::from(found.agrees_with_reply())
}

/// The best enhanced code, the reply code it follows if any, and the reply
/// code that [`best_reply`] picks when no enhanced code decides.
fn best(text: &[u8]) -> (Option<(EnhancedCode, Option<ReplyCode>)>, Option<ReplyCode>) {
    let mut best: Option<(u8, EnhancedCode, Option<ReplyCode>)> = None;
    let mut first_reply = None;
    let mut first_anchored_reply = None;
    for found in find_codes(text) {
        match found.code {
            FoundCode::Reply(r) => {
                first_reply = first_reply.or(Some(r));
                if found.context == FoundContext::Anchored {
                    first_anchored_reply = first_anchored_reply.or(Some(r));
                }
            }
            FoundCode::Enhanced(e) => {
                let paired = match found.context {
                    FoundContext::AfterReply(r) => {
                        first_anchored_reply = first_anchored_reply.or(Some(r));
                        Some(r)
                    }
                    _ => None,
                };
                let rank = rank(&found, e);
                if best.is_none_or(|(b, _, _)| rank > b) {
                    best = Some((rank, e, paired));
                }
            }
        }
    }
    (
        best.map(|(_, e, paired)| (e, paired)),
        first_anchored_reply.or(first_reply),
    )
}

/// The enhanced status code that counts in the text, or `None`.
///
/// Among the codes [`find_codes`] finds, in this order of preference:
/// 1. one that stands where codes stand ([`FoundContext::AfterReply`] or
///    [`FoundContext::Anchored`]) over one in running text ([`FoundContext::Text`]);
/// 2. the more specific: `X.0.0` and `X.4.7` (delivery time expired, a timeout
///    that wraps the real cause) rank below every other code, another `X.Y.0`
///    below any `X.Y.Z`;
/// 3. one right after a reply code of its class (`550 5.1.1`);
/// 4. the first.
///
/// ```
/// use smtp_codes::best_enhanced;
/// let best = |t: &str| best_enhanced(t.as_bytes()).map(|e| e.to_string());
/// // Exchange: the generic code first, the server's own after it.
/// assert_eq!(best("#5.1.0 smtp;550 5.1.1 <x@example.com>... User unknown").as_deref(), Some("5.1.1"));
/// // A timeout that wraps the real cause.
/// assert_eq!(best("4.4.7 Delivery time expired: 451 4.4.1 no answer from host").as_deref(), Some("4.4.1"));
/// // A code in running text yields to one where codes stand.
/// assert_eq!(best("error 5.7.1 then said: 550 5.0.0 rejected").as_deref(), Some("5.0.0"));
/// assert_eq!(best("no code here, 203.0.113.5"), None);
/// ```
pub fn best_enhanced(text: &[u8]) -> Option<EnhancedCode> {
    best(text).0.map(|(e, _)| e)
}

/// The reply code that counts in the text, or `None`.
///
/// The reply code that the chosen [`best_enhanced`] code follows, if it
/// follows one (`550` in `550 5.1.1`); otherwise the first reply code that is
/// [`FoundContext::Anchored`] or followed by an enhanced code; otherwise the first
/// reply code. Numbers in running text (`message of 250 lines`) thus yield to
/// codes at the start of a line or after `said:`, `: `, `smtp;`.
///
/// ```
/// use smtp_codes::best_reply;
/// let best = |t: &str| best_reply(t.as_bytes()).map(|r| r.as_u16());
/// assert_eq!(best("** x@example.com R=dnslookup T=remote_smtp: SMTP error from remote mail server \
///                  after RCPT TO:<x@example.com>: 550 5.1.1 <x@example.com>: User unknown"), Some(550));
/// // The timeout wraps a transient failure: that is what counts.
/// assert_eq!(best("550 4.4.7 QUEUE.Expired; message expired [Last Error: 451 4.4.0 DNS query failed]"), Some(451));
/// assert_eq!(best("found 250 entries; host said: 421 too busy"), Some(421));
/// assert_eq!(best("nothing"), None);
/// ```
pub fn best_reply(text: &[u8]) -> Option<ReplyCode> {
    best_codes(text).1
}

/// [`best_enhanced`] and [`best_reply`] in one pass over the text.
#[cfg_attr(not(feature = "classify"), allow(dead_code))]
pub(crate) fn best_codes(text: &[u8]) -> (Option<EnhancedCode>, Option<ReplyCode>) {
    let (enhanced, reply) = best(text);
    (
        enhanced.map(|(e, _)| e),
        enhanced.and_then(|(_, paired)| paired).or(reply),
    )
}
