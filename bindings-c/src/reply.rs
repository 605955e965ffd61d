//! Enhanced status codes and whole replies: parsed by the core crate,
//! results as integers and as offsets into the caller's buffer.

use crate::smtp_codes_result::*;
use crate::{
    Ffi, Out, array, borrow, guard, guard_str, input, offset_in, smtp_codes_bytes,
    smtp_codes_result,
};
use smtp_codes_core::{
    Class, Defect, EnhancedCode, Mode, ParseErrorKind, ParseOptions, ParseStatus, RenderError,
    Replies, Reply, ReplyCode, ReplyErrorKind, ReplyWriter,
};
use std::ffi::{CStr, c_char};
use std::fmt;

/// An enhanced status code `class.subject.detail` (RFC 3463): `5.1.1` is
/// `{5, 1, 1}`. Where a code may be absent, `class_` 0 means none.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct smtp_codes_enhanced {
    /// The class: 2 (success), 4 (persistent transient failure) or
    /// 5 (permanent failure); 0 for none.
    pub class_: u8,
    /// The subject, 0 to 999.
    pub subject: u16,
    /// The detail, 0 to 999.
    pub detail: u16,
}

impl smtp_codes_enhanced {
    pub(crate) fn of(code: Option<EnhancedCode>) -> smtp_codes_enhanced {
        code.map_or_else(smtp_codes_enhanced::default, |c| smtp_codes_enhanced {
            class_: c.class().digit(),
            subject: c.subject(),
            detail: c.detail(),
        })
    }

    /// The code C passed, validated as the core crate does; `Ok(None)` when
    /// `class_` is 0.
    pub(crate) fn to_core(self) -> Result<Option<EnhancedCode>, smtp_codes_result> {
        if self.class_ == 0 {
            return Ok(None);
        }
        Class::from_number(self.class_)
            .and_then(|class| EnhancedCode::new(class, self.subject, self.detail))
            .map(Some)
            .ok_or(SMTP_CODES_ERR_INVALID_ARGUMENT)
    }
}

/// What went wrong, for `SMTP_CODES_ERR_PARSE`: the kinds of the core
/// crate's `ParseErrorKind` and `ReplyErrorKind`, with their stable names
/// (`smtp_codes_parse_error_name`).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum smtp_codes_parse_error_kind {
    /// `"empty"`: no input.
    SMTP_CODES_PARSE_ERROR_EMPTY = 1,
    /// `"expected_digit"`.
    SMTP_CODES_PARSE_ERROR_EXPECTED_DIGIT = 2,
    /// `"expected_dot"`.
    SMTP_CODES_PARSE_ERROR_EXPECTED_DOT = 3,
    /// `"reply_class"`: a reply code's first digit is not 2 to 5.
    SMTP_CODES_PARSE_ERROR_REPLY_CLASS = 4,
    /// `"reply_category"`: a reply code's second digit is not 0 to 5.
    SMTP_CODES_PARSE_ERROR_REPLY_CATEGORY = 5,
    /// `"enhanced_class"`: an enhanced code's class is not 2, 4 or 5.
    SMTP_CODES_PARSE_ERROR_ENHANCED_CLASS = 6,
    /// `"too_many_digits"`.
    SMTP_CODES_PARSE_ERROR_TOO_MANY_DIGITS = 7,
    /// `"leading_zero"`: in a subject or detail.
    SMTP_CODES_PARSE_ERROR_LEADING_ZERO = 8,
    /// `"trailing_input"`: more input after the code, or after the reply.
    SMTP_CODES_PARSE_ERROR_TRAILING_INPUT = 9,
    /// `"expected_separator"`: not `' '`, `'-'` or the end after a reply code.
    SMTP_CODES_PARSE_ERROR_EXPECTED_SEPARATOR = 10,
    /// `"code_mismatch"`: a line carries another code (strict mode).
    SMTP_CODES_PARSE_ERROR_CODE_MISMATCH = 11,
    /// `"line_too_long"`: over `max_line_length`.
    SMTP_CODES_PARSE_ERROR_LINE_TOO_LONG = 12,
    /// `"too_many_lines"`: over `max_lines`.
    SMTP_CODES_PARSE_ERROR_TOO_MANY_LINES = 13,
    /// `"incomplete"`: the input ends inside a multi-line reply.
    SMTP_CODES_PARSE_ERROR_INCOMPLETE = 14,
    /// `"other"`: a kind this version of the binding does not know.
    SMTP_CODES_PARSE_ERROR_OTHER = 15,
}

use smtp_codes_parse_error_kind::*;

impl smtp_codes_parse_error_kind {
    pub(crate) fn of_line(kind: ParseErrorKind) -> smtp_codes_parse_error_kind {
        match kind {
            ParseErrorKind::Empty => SMTP_CODES_PARSE_ERROR_EMPTY,
            ParseErrorKind::ExpectedDigit => SMTP_CODES_PARSE_ERROR_EXPECTED_DIGIT,
            ParseErrorKind::ExpectedDot => SMTP_CODES_PARSE_ERROR_EXPECTED_DOT,
            ParseErrorKind::ReplyClass => SMTP_CODES_PARSE_ERROR_REPLY_CLASS,
            ParseErrorKind::ReplyCategory => SMTP_CODES_PARSE_ERROR_REPLY_CATEGORY,
            ParseErrorKind::EnhancedClass => SMTP_CODES_PARSE_ERROR_ENHANCED_CLASS,
            ParseErrorKind::TooManyDigits => SMTP_CODES_PARSE_ERROR_TOO_MANY_DIGITS,
            ParseErrorKind::LeadingZero => SMTP_CODES_PARSE_ERROR_LEADING_ZERO,
            ParseErrorKind::TrailingInput => SMTP_CODES_PARSE_ERROR_TRAILING_INPUT,
            ParseErrorKind::ExpectedSeparator => SMTP_CODES_PARSE_ERROR_EXPECTED_SEPARATOR,
            _ => SMTP_CODES_PARSE_ERROR_OTHER,
        }
    }

    fn of_reply(kind: ReplyErrorKind) -> smtp_codes_parse_error_kind {
        match kind {
            ReplyErrorKind::Line(k) => Self::of_line(k),
            ReplyErrorKind::CodeMismatch { .. } => SMTP_CODES_PARSE_ERROR_CODE_MISMATCH,
            ReplyErrorKind::LineTooLong => SMTP_CODES_PARSE_ERROR_LINE_TOO_LONG,
            ReplyErrorKind::TooManyLines => SMTP_CODES_PARSE_ERROR_TOO_MANY_LINES,
            ReplyErrorKind::Incomplete => SMTP_CODES_PARSE_ERROR_INCOMPLETE,
            ReplyErrorKind::TrailingInput => SMTP_CODES_PARSE_ERROR_TRAILING_INPUT,
            _ => SMTP_CODES_PARSE_ERROR_OTHER,
        }
    }

    /// The core crate's stable name of each kind.
    fn name(kind: u32) -> Option<&'static CStr> {
        use crate::cstr;
        const MISMATCH: ReplyErrorKind = ReplyErrorKind::CodeMismatch {
            expected: ReplyCode::OK,
            found: ReplyCode::OK,
        };
        Some(match kind {
            1 => cstr!(ParseErrorKind::Empty.as_str()),
            2 => cstr!(ParseErrorKind::ExpectedDigit.as_str()),
            3 => cstr!(ParseErrorKind::ExpectedDot.as_str()),
            4 => cstr!(ParseErrorKind::ReplyClass.as_str()),
            5 => cstr!(ParseErrorKind::ReplyCategory.as_str()),
            6 => cstr!(ParseErrorKind::EnhancedClass.as_str()),
            7 => cstr!(ParseErrorKind::TooManyDigits.as_str()),
            8 => cstr!(ParseErrorKind::LeadingZero.as_str()),
            9 => cstr!(ReplyErrorKind::TrailingInput.as_str()),
            10 => cstr!(ParseErrorKind::ExpectedSeparator.as_str()),
            11 => cstr!(MISMATCH.as_str()),
            12 => cstr!(ReplyErrorKind::LineTooLong.as_str()),
            13 => cstr!(ReplyErrorKind::TooManyLines.as_str()),
            14 => cstr!(ReplyErrorKind::Incomplete.as_str()),
            15 => c"other",
            _ => return None,
        })
    }
}

/// Where and why parsing failed, written to `error_out` (when not NULL) if
/// and only if a function returns `SMTP_CODES_ERR_PARSE`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct smtp_codes_parse_error {
    /// A `SMTP_CODES_PARSE_ERROR_*` value.
    pub kind: smtp_codes_parse_error_kind,
    /// The byte offset in the input.
    pub offset: usize,
    /// The line of the reply, counting from 0 (0 for an enhanced code).
    pub line: usize,
}

/// The stable name of a `SMTP_CODES_PARSE_ERROR_*` kind, as the core crate
/// spells it (`"code_mismatch"`); NULL for another integer.
#[unsafe(no_mangle)]
pub extern "C" fn smtp_codes_parse_error_name(kind: u32) -> *const c_char {
    guard_str(|| smtp_codes_parse_error_kind::name(kind))
}

/// Parses an enhanced status code, `class.subject.detail` and nothing else
/// (`"5.1.1"`; not `"#5.1.1"` nor `" 5.1.1"`).
/// `SMTP_CODES_ERR_PARSE` when it is not one; `error_out` may be NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_enhanced_parse(
    data: *const u8,
    len: usize,
    code_out: *mut smtp_codes_enhanced,
    error_out: *mut smtp_codes_parse_error,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions: `data` holds `len` readable bytes,
        // out-pointers are NULL or writable.
        let (data, out, error) = unsafe {
            (
                input(data, len)?,
                Out::new(code_out)?,
                Out::optional(error_out)?,
            )
        };
        match EnhancedCode::parse(data) {
            Ok(code) => {
                out.write(smtp_codes_enhanced::of(Some(code)));
                Ok(())
            }
            Err(e) => {
                if let Some(error) = error {
                    error.write(smtp_codes_parse_error {
                        kind: smtp_codes_parse_error_kind::of_line(e.kind()),
                        offset: e.offset(),
                        line: 0,
                    });
                }
                Err(SMTP_CODES_ERR_PARSE)
            }
        }
    })
}

/// The registered status of an enhanced code, packed as
/// `subject * 1000 + detail` like the `SMTP_CODES_STATUS_*` constants:
/// `{5, 1, 1}` gives `SMTP_CODES_STATUS_BAD_DESTINATION_MAILBOX_ADDRESS`.
/// `SMTP_CODES_ERR_NOT_FOUND` when IANA never registered it (`5.7.606`),
/// `SMTP_CODES_ERR_INVALID_ARGUMENT` when `code` is not a code (class not
/// 2, 4, 5; subject or detail over 999).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_enhanced_status(
    code: *const smtp_codes_enhanced,
    status_out: *mut u32,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions: `code` is readable, `status_out` writable.
        let (code, out) = unsafe { (borrow(code)?, Out::new(status_out)?) };
        let code = code.to_core()?.ok_or(SMTP_CODES_ERR_INVALID_ARGUMENT)?;
        let status = code.known().ok_or(SMTP_CODES_ERR_NOT_FOUND)?;
        out.write(u32::from(status.subject()) * 1000 + u32::from(status.detail()));
        Ok(())
    })
}

/// How replies are read: `smtp_codes_parse_options_default` gives lenient
/// mode, at most 256 lines of at most 4096 bytes (safe on hostile input).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct smtp_codes_parse_options {
    /// `SMTP_CODES_MODE_LENIENT` or `SMTP_CODES_MODE_STRICT`.
    pub mode: u32,
    /// The longest line accepted, in bytes, without its line ending.
    pub max_line_length: usize,
    /// The most lines one reply may have.
    pub max_lines: usize,
}

/// Lines whose code differs from the first line's are accepted and reported
/// as `SMTP_CODES_DEFECT_CODE_MISMATCH`; the first line's code counts.
pub const SMTP_CODES_MODE_LENIENT: u32 = 1;
/// Lines whose code differs from the first line's are an error.
pub const SMTP_CODES_MODE_STRICT: u32 = 2;

impl smtp_codes_parse_options {
    fn to_core(self) -> Result<ParseOptions, smtp_codes_result> {
        let mode = match self.mode {
            SMTP_CODES_MODE_LENIENT => Mode::Lenient,
            SMTP_CODES_MODE_STRICT => Mode::Strict,
            _ => return Err(SMTP_CODES_ERR_INVALID_ARGUMENT),
        };
        Ok(ParseOptions::new()
            .mode(mode)
            .max_line_length(self.max_line_length)
            .max_lines(self.max_lines))
    }
}

/// Writes the default options (the core crate's): lenient, 256 lines of 4096
/// bytes at most.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_parse_options_default(
    options_out: *mut smtp_codes_parse_options,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions: `options_out` is NULL or writable.
        let out = unsafe { Out::new(options_out) }?;
        let d = ParseOptions::new();
        out.write(smtp_codes_parse_options {
            mode: match d.get_mode() {
                Mode::Strict => SMTP_CODES_MODE_STRICT,
                Mode::Lenient => SMTP_CODES_MODE_LENIENT,
            },
            max_line_length: d.get_max_line_length(),
            max_lines: d.get_max_lines(),
        });
        Ok(())
    })
}

/// A line carries another reply code than the first (lenient mode).
pub const SMTP_CODES_DEFECT_CODE_MISMATCH: u32 = 1;
/// A line starts with an enhanced code whose class contradicts the reply
/// code (`250 5.1.1`); it was left in the text.
pub const SMTP_CODES_DEFECT_ENHANCED_CLASS_MISMATCH: u32 = 2;
/// Lines carry different enhanced codes; the first counts.
pub const SMTP_CODES_DEFECT_ENHANCED_INCONSISTENT: u32 = 4;
/// Some lines carry the enhanced code and others do not.
pub const SMTP_CODES_DEFECT_ENHANCED_NOT_ON_EVERY_LINE: u32 = 8;
/// A line ends with a bare LF instead of CRLF.
pub const SMTP_CODES_DEFECT_BARE_LF: u32 = 16;
/// A line is longer than the 512 octets RFC 5321 allows.
pub const SMTP_CODES_DEFECT_LINE_OVER_512: u32 = 32;

const DEFECTS: [(Defect, u32); 6] = [
    (Defect::CodeMismatch, SMTP_CODES_DEFECT_CODE_MISMATCH),
    (
        Defect::EnhancedClassMismatch,
        SMTP_CODES_DEFECT_ENHANCED_CLASS_MISMATCH,
    ),
    (
        Defect::EnhancedInconsistent,
        SMTP_CODES_DEFECT_ENHANCED_INCONSISTENT,
    ),
    (
        Defect::EnhancedNotOnEveryLine,
        SMTP_CODES_DEFECT_ENHANCED_NOT_ON_EVERY_LINE,
    ),
    (Defect::BareLf, SMTP_CODES_DEFECT_BARE_LF),
    (Defect::LineOver512, SMTP_CODES_DEFECT_LINE_OVER_512),
];

/// The stable name of one `SMTP_CODES_DEFECT_*` bit, as the core crate
/// spells it (`"bare_lf"`); NULL for anything but a single known bit.
#[unsafe(no_mangle)]
pub extern "C" fn smtp_codes_defect_name(defect: u32) -> *const c_char {
    use crate::cstr;
    guard_str(|| {
        Some(match defect {
            SMTP_CODES_DEFECT_CODE_MISMATCH => cstr!(Defect::CodeMismatch.as_str()),
            SMTP_CODES_DEFECT_ENHANCED_CLASS_MISMATCH => {
                cstr!(Defect::EnhancedClassMismatch.as_str())
            }
            SMTP_CODES_DEFECT_ENHANCED_INCONSISTENT => cstr!(Defect::EnhancedInconsistent.as_str()),
            SMTP_CODES_DEFECT_ENHANCED_NOT_ON_EVERY_LINE => {
                cstr!(Defect::EnhancedNotOnEveryLine.as_str())
            }
            SMTP_CODES_DEFECT_BARE_LF => cstr!(Defect::BareLf.as_str()),
            SMTP_CODES_DEFECT_LINE_OVER_512 => cstr!(Defect::LineOver512.as_str()),
            _ => return None,
        })
    })
}

/// A parsed reply. Its lines are read with `smtp_codes_reply_line`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct smtp_codes_reply {
    /// The reply code (the first line's).
    pub code: u16,
    /// The enhanced status code (the first one found); `class_` 0 for none.
    pub enhanced: smtp_codes_enhanced,
    /// How many lines.
    pub line_count: usize,
    /// `SMTP_CODES_DEFECT_*` bits: what the RFCs would not allow, accepted.
    pub defects: u32,
    /// How many bytes of the input the reply takes, line endings included.
    pub length: usize,
}

impl smtp_codes_reply {
    fn of(reply: &Reply<'_>) -> smtp_codes_reply {
        let defects = reply.defects();
        smtp_codes_reply {
            code: reply.code().as_u16(),
            enhanced: smtp_codes_enhanced::of(reply.enhanced()),
            line_count: reply.line_count(),
            defects: DEFECTS
                .iter()
                .filter(|(d, _)| defects.contains(*d))
                .fold(0, |bits, (_, bit)| bits | bit),
            length: reply.raw().len(),
        }
    }
}

fn reply_error(e: smtp_codes_core::ReplyError) -> smtp_codes_parse_error {
    smtp_codes_parse_error {
        kind: smtp_codes_parse_error_kind::of_reply(e.kind()),
        offset: e.offset(),
        line: e.line(),
    }
}

/// The body of the two `reply_parse` functions.
///
/// # Safety
/// README conventions for every pointer.
unsafe fn parse(
    data: *const u8,
    len: usize,
    opts: Result<ParseOptions, smtp_codes_result>,
    reply_out: *mut smtp_codes_reply,
    error_out: *mut smtp_codes_parse_error,
) -> Ffi {
    // SAFETY: the caller's promises, passed on.
    let (data, out, error) = unsafe {
        (
            input(data, len)?,
            Out::new(reply_out)?,
            Out::optional(error_out)?,
        )
    };
    match Reply::parse_with(data, &opts?) {
        Ok(reply) => {
            out.write(smtp_codes_reply::of(&reply));
            Ok(())
        }
        Err(e) => {
            if let Some(error) = error {
                error.write(reply_error(e));
            }
            Err(SMTP_CODES_ERR_PARSE)
        }
    }
}

/// Parses exactly one complete reply (RFC 5321 §4.2), single- or
/// multi-line, with the default options. Allocates nothing.
/// `SMTP_CODES_ERR_PARSE` when the bytes are not exactly one reply
/// (`error_out`, which may be NULL, says why and where).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_reply_parse(
    data: *const u8,
    len: usize,
    reply_out: *mut smtp_codes_reply,
    error_out: *mut smtp_codes_parse_error,
) -> smtp_codes_result {
    // SAFETY: README conventions for every pointer.
    guard(|| unsafe { parse(data, len, Ok(ParseOptions::new()), reply_out, error_out) })
}

/// `smtp_codes_reply_parse` with options. `SMTP_CODES_ERR_INVALID_ARGUMENT`
/// for a mode that is neither `SMTP_CODES_MODE_LENIENT` nor
/// `SMTP_CODES_MODE_STRICT`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_reply_parse_with(
    data: *const u8,
    len: usize,
    options: *const smtp_codes_parse_options,
    reply_out: *mut smtp_codes_reply,
    error_out: *mut smtp_codes_parse_error,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions: `options` is readable.
        let opts = unsafe { borrow(options) }?.to_core();
        // SAFETY: README conventions for every pointer.
        unsafe { parse(data, len, opts, reply_out, error_out) }
    })
}

/// Reads the first reply of a buffer that grows as bytes arrive (a socket):
/// `SMTP_CODES_OK` when a whole reply is there (`reply_out->length` bytes:
/// drop them from the buffer's front before reading the next reply),
/// `SMTP_CODES_INCOMPLETE` when more bytes are needed (nothing written),
/// `SMTP_CODES_ERR_PARSE` when the bytes cannot start a reply. The options'
/// limits bound what a hostile server can make the buffer hold.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_reply_parse_prefix(
    data: *const u8,
    len: usize,
    options: *const smtp_codes_parse_options,
    reply_out: *mut smtp_codes_reply,
    error_out: *mut smtp_codes_parse_error,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions for every pointer.
        let (data, opts, out, error) = unsafe {
            (
                input(data, len)?,
                borrow(options)?,
                Out::new(reply_out)?,
                Out::optional(error_out)?,
            )
        };
        match Reply::parse_prefix(data, &opts.to_core()?) {
            Ok(ParseStatus::Complete(reply, _used)) => {
                out.write(smtp_codes_reply::of(&reply));
                Ok(())
            }
            Ok(ParseStatus::Incomplete) => Err(SMTP_CODES_INCOMPLETE),
            Err(e) => {
                if let Some(error) = error {
                    error.write(reply_error(e));
                }
                Err(SMTP_CODES_ERR_PARSE)
            }
        }
    })
}

/// The text of line `index` (from 0) of a reply, without its code, enhanced
/// code and line ending, as `*offset_out` and `*length_out` into `data`.
/// `data` and `len` are the bytes of one reply that a parse function
/// accepted (for `smtp_codes_reply_parse_prefix`, its first
/// `reply_out->length` bytes). Allocates nothing; reads the reply again.
/// `SMTP_CODES_ERR_INVALID_ARGUMENT` when `index` is not below the line
/// count, `SMTP_CODES_ERR_PARSE` when the bytes are not one reply.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_reply_line(
    data: *const u8,
    len: usize,
    index: usize,
    offset_out: *mut usize,
    length_out: *mut usize,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions for every pointer.
        let (data, offset, length) = unsafe {
            (
                input(data, len)?,
                Out::new(offset_out)?,
                Out::new(length_out)?,
            )
        };
        // Whatever options accepted the reply, these accept it too and read
        // the same lines.
        let opts = ParseOptions::new()
            .mode(Mode::Lenient)
            .max_line_length(usize::MAX)
            .max_lines(usize::MAX);
        let reply = Reply::parse_with(data, &opts).map_err(|_| SMTP_CODES_ERR_PARSE)?;
        let line = reply
            .lines()
            .nth(index)
            .ok_or(SMTP_CODES_ERR_INVALID_ARGUMENT)?;
        let text = line.text();
        offset.write(offset_in(data, text)?);
        length.write(text.len());
        Ok(())
    })
}

/// Reads the next reply of a buffer that holds several, such as a session
/// transcript (commands, replies, anything), as the core crate's `Replies`:
/// from byte `*offset_inout`, lines that do not start a reply are skipped,
/// and the first complete reply is written to `*reply_out`, where it starts
/// to `*start_out` (its lines: `smtp_codes_reply_line(data + *start_out,
/// reply_out->length, ...)`), and `*offset_inout` moves past it. Start with
/// `*offset_inout` at 0 and call until the result is not `SMTP_CODES_OK`:
/// `SMTP_CODES_ERR_NOT_FOUND` when no complete reply is left (trailing
/// lines that are not one, or a reply cut short at the end; nothing is
/// written, `*offset_inout` included). `SMTP_CODES_ERR_INVALID_ARGUMENT`
/// when `*offset_inout` is past `len` or `options` holds an unknown mode.
/// Allocates nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_replies_next(
    data: *const u8,
    len: usize,
    offset_inout: *mut usize,
    options: *const smtp_codes_parse_options,
    reply_out: *mut smtp_codes_reply,
    start_out: *mut usize,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions for every pointer.
        let (data, offset, opts, out, start) = unsafe {
            (
                input(data, len)?,
                Out::new(offset_inout)?,
                borrow(options)?,
                Out::new(reply_out)?,
                Out::new(start_out)?,
            )
        };
        // SAFETY: README conventions: an in-out parameter is readable too.
        let from = unsafe { offset.read() };
        let rest = data.get(from..).ok_or(SMTP_CODES_ERR_INVALID_ARGUMENT)?;
        let mut replies = Replies::new(rest, opts.to_core()?);
        loop {
            let at = replies.offset();
            match replies.next() {
                Some(Ok(reply)) => {
                    out.write(smtp_codes_reply::of(&reply));
                    start.write(from + at);
                    offset.write(from + replies.offset());
                    return Ok(());
                }
                Some(Err(_)) => continue,
                None => return Err(SMTP_CODES_ERR_NOT_FOUND),
            }
        }
    })
}

/// Why `smtp_codes_reply_render` refused a reply: the core crate's
/// `RenderError`.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum smtp_codes_render_error_kind {
    /// The enhanced code's class is not the reply code's first digit
    /// (`550` with `4.2.2`; RFC 3463 §3).
    SMTP_CODES_RENDER_ERROR_ENHANCED_CLASS_MISMATCH = 1,
    /// A `3yz` reply with an enhanced code (RFC 2034 §4).
    SMTP_CODES_RENDER_ERROR_ENHANCED_ON_INTERMEDIATE = 2,
    /// A line holds CR or LF.
    SMTP_CODES_RENDER_ERROR_LINE_BREAK = 3,
    /// A line would be over 512 octets with its code and CRLF
    /// (RFC 5321 §4.5.3.1.5).
    SMTP_CODES_RENDER_ERROR_LINE_TOO_LONG = 4,
    /// A line's text starts with what a reader takes for an enhanced code
    /// (`5.1.1 ...`), or, after an enhanced code, with white space: it would
    /// read back as different text.
    SMTP_CODES_RENDER_ERROR_AMBIGUOUS_TEXT = 5,
    /// A kind this version of the binding does not know.
    SMTP_CODES_RENDER_ERROR_OTHER = 6,
}

/// Why a reply was refused, written to `error_out` (when not NULL) if and
/// only if `smtp_codes_reply_render` returns `SMTP_CODES_ERR_PARSE`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct smtp_codes_render_error {
    /// A `SMTP_CODES_RENDER_ERROR_*` value.
    pub kind: smtp_codes_render_error_kind,
    /// For the kinds about one line: the line, from 0; 0 otherwise.
    pub line: usize,
}

impl smtp_codes_render_error {
    /// The core's error; `line` is added to its line (a line checked alone
    /// is line 0 for the core).
    fn of(e: RenderError, line: usize) -> smtp_codes_render_error {
        use smtp_codes_render_error_kind::*;
        let kind = match e {
            RenderError::EnhancedClassMismatch => SMTP_CODES_RENDER_ERROR_ENHANCED_CLASS_MISMATCH,
            RenderError::EnhancedOnIntermediate => SMTP_CODES_RENDER_ERROR_ENHANCED_ON_INTERMEDIATE,
            RenderError::LineBreak { .. } => SMTP_CODES_RENDER_ERROR_LINE_BREAK,
            RenderError::LineTooLong { .. } => SMTP_CODES_RENDER_ERROR_LINE_TOO_LONG,
            RenderError::AmbiguousText { .. } => SMTP_CODES_RENDER_ERROR_AMBIGUOUS_TEXT,
            _ => SMTP_CODES_RENDER_ERROR_OTHER,
        };
        smtp_codes_render_error {
            kind,
            line: e.line().map_or(0, |l| l + line),
        }
    }
}

/// A `fmt::Write` that counts bytes, or copies them into the caller's
/// buffer once the count is known to fit.
struct Sink {
    buf: *mut u8,
    cap: usize,
    len: usize,
}

impl fmt::Write for Sink {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len.checked_add(s.len()).ok_or(fmt::Error)?;
        if !self.buf.is_null() {
            if end > self.cap {
                return Err(fmt::Error);
            }
            // SAFETY: `buf` holds `cap` writable bytes (README conventions,
            // checked in `smtp_codes_reply_render`), `len..end` lies within
            // them, and the caller's lines do not overlap the buffer.
            unsafe {
                std::ptr::copy_nonoverlapping(s.as_ptr(), self.buf.add(self.len), s.len());
            }
        }
        self.len = end;
        Ok(())
    }
}

/// Passes the first line (up to and including its `\n`) on to `inner`, and
/// nothing after it.
struct FirstLine<'s> {
    inner: &'s mut Sink,
    done: bool,
}

impl fmt::Write for FirstLine<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.done {
            return Ok(());
        }
        match s.find('\n') {
            Some(nl) => {
                self.done = true;
                self.inner.write_str(&s[..=nl])
            }
            None => self.inner.write_str(s),
        }
    }
}

/// A line passed in: text (README conventions: UTF-8, else an invalid
/// argument).
///
/// # Safety
/// `view.data` is NULL or points to `view.len` readable bytes.
unsafe fn line_text(view: &smtp_codes_bytes) -> Result<&str, smtp_codes_result> {
    // SAFETY: the caller's promise, passed on.
    let bytes = unsafe { input(view.data, view.len) }?;
    std::str::from_utf8(bytes).map_err(|_| SMTP_CODES_ERR_INVALID_ARGUMENT)
}

/// Checks a reply as `ReplyWriter::new` checks it: the code and the
/// enhanced code, then each line in order, the first refusal winning.
///
/// `ReplyWriter` takes a `&[&str]`, which C's array of views is not, and
/// making one would allocate. So each line is checked, and written
/// ([`write_reply`]), by a `ReplyWriter` of its own: what `ReplyWriter`
/// checks and writes for a line depends only on the code, the enhanced code,
/// the line's text and whether it is the last line. The unit tests compare
/// both with one `ReplyWriter` over all the lines.
///
/// # Safety
/// Every line's view is readable (README conventions).
unsafe fn check_reply(
    code: ReplyCode,
    enhanced: Option<EnhancedCode>,
    lines: &[smtp_codes_bytes],
) -> Result<Result<(), smtp_codes_render_error>, smtp_codes_result> {
    if let Err(e) = ReplyWriter::new(code, enhanced, &[]) {
        return Ok(Err(smtp_codes_render_error::of(e, 0)));
    }
    for (i, view) in lines.iter().enumerate() {
        // SAFETY: the caller's promise, passed on.
        let one = [unsafe { line_text(view) }?];
        if let Err(e) = ReplyWriter::new(code, enhanced, &one) {
            return Ok(Err(smtp_codes_render_error::of(e, i)));
        }
    }
    Ok(Ok(()))
}

/// Writes a reply that [`check_reply`] accepted: a line that is not the
/// last is the first line of a two-line reply (its separator `-`), the last
/// line a one-line reply (separator `' '`).
///
/// # Safety
/// Every line's view is readable (README conventions).
unsafe fn write_reply(
    code: ReplyCode,
    enhanced: Option<EnhancedCode>,
    lines: &[smtp_codes_bytes],
    sink: &mut Sink,
) -> Ffi {
    use fmt::Write as _;
    // Checked by `check_reply`: a refusal now is a bug.
    fn writer<'a>(
        code: ReplyCode,
        enhanced: Option<EnhancedCode>,
        lines: &'a [&'a str],
    ) -> Result<ReplyWriter<'a>, smtp_codes_result> {
        ReplyWriter::new(code, enhanced, lines).map_err(|_| SMTP_CODES_ERR_PANIC)
    }
    let wrote = |r: fmt::Result| r.map_err(|_| SMTP_CODES_ERR_PANIC);
    if lines.is_empty() {
        return wrote(write!(sink, "{}", writer(code, enhanced, &[])?));
    }
    for (i, view) in lines.iter().enumerate() {
        // SAFETY: the caller's promise, passed on.
        let text = unsafe { line_text(view) }?;
        if i + 1 == lines.len() {
            let one = [text];
            wrote(write!(sink, "{}", writer(code, enhanced, &one)?))?;
        } else {
            let two = [text, ""];
            let mut first = FirstLine {
                inner: sink,
                done: false,
            };
            wrote(write!(first, "{}", writer(code, enhanced, &two)?))?;
        }
    }
    Ok(())
}

/// Writes a reply to send, as the core crate's `ReplyWriter` checks and
/// writes it: `code` (of RFC 5321's grammar: first digit 2 to 5, second 0
/// to 5), the enhanced code on every line when `enhanced_or_null` is not
/// NULL (`class_` 0 counts as none too), and the `line_count` lines of text
/// (UTF-8, without line endings; `lines` must not be NULL, even for no
/// lines, which gives a bare code line `250\r\n`), each line ended by CRLF:
/// `550-5.1.1 No such user\r\n550 5.1.1 Try again\r\n`.
///
/// On `SMTP_CODES_OK` the reply is in `buf` (not NUL-terminated) and its
/// length in `*written_out`. `SMTP_CODES_ERR_BUFFER_TOO_SMALL` when it does
/// not fit in `cap` bytes: nothing is written to `buf`, and `*written_out`
/// holds the size needed (so `cap` 0 asks for the size; `buf` must still not
/// be NULL). `SMTP_CODES_ERR_PARSE` when the RFCs do not allow the reply
/// (`error_out`, which may be NULL, says why and on which line),
/// `SMTP_CODES_ERR_INVALID_ARGUMENT` for a code or enhanced code out of its
/// range, a line that is not UTF-8, or `cap` over `PTRDIFF_MAX`. `buf` must
/// not overlap the lines. Allocates nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_reply_render(
    code: u32,
    enhanced_or_null: *const smtp_codes_enhanced,
    lines: *const smtp_codes_bytes,
    line_count: usize,
    buf: *mut c_char,
    cap: usize,
    written_out: *mut usize,
    error_out: *mut smtp_codes_render_error,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions for every pointer.
        let (lines, written, error) = unsafe {
            (
                array(lines, line_count)?,
                Out::new(written_out)?,
                Out::optional(error_out)?,
            )
        };
        if buf.is_null() {
            return Err(SMTP_CODES_ERR_NULL);
        }
        if cap > isize::MAX as usize {
            return Err(SMTP_CODES_ERR_INVALID_ARGUMENT);
        }
        let code = u16::try_from(code)
            .ok()
            .and_then(ReplyCode::from_u16)
            .ok_or(SMTP_CODES_ERR_INVALID_ARGUMENT)?;
        let enhanced = if enhanced_or_null.is_null() {
            None
        } else {
            // SAFETY: README conventions: a readable code.
            unsafe { borrow(enhanced_or_null) }?.to_core()?
        };
        // Every line is text before any is judged.
        for view in lines {
            // SAFETY: README conventions: each view is readable.
            unsafe { line_text(view) }?;
        }
        // SAFETY: README conventions: each view is readable.
        if let Err(e) = unsafe { check_reply(code, enhanced, lines) }? {
            if let Some(error) = error {
                error.write(e);
            }
            return Err(SMTP_CODES_ERR_PARSE);
        }
        let mut count = Sink {
            buf: std::ptr::null_mut(),
            cap: 0,
            len: 0,
        };
        // SAFETY: README conventions: each view is readable.
        unsafe { write_reply(code, enhanced, lines, &mut count) }?;
        if count.len > cap {
            written.write(count.len);
            return Err(SMTP_CODES_ERR_BUFFER_TOO_SMALL);
        }
        let mut sink = Sink {
            buf: buf.cast::<u8>(),
            cap,
            len: 0,
        };
        // SAFETY: README conventions: each view is readable.
        unsafe { write_reply(code, enhanced, lines, &mut sink) }?;
        written.write(sink.len);
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::counting::allocations_in;
    use std::mem::MaybeUninit;

    /// The inputs of `tests/vectors/replies.json`.
    fn vector_inputs() -> Vec<Vec<u8>> {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/replies.json");
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        json["cases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| match c["input_hex"].as_str() {
                Some(h) => (0..h.len())
                    .step_by(2)
                    .map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap())
                    .collect(),
                None => c["input"].as_str().unwrap().as_bytes().to_vec(),
            })
            .collect()
    }

    fn options(mode: u32) -> smtp_codes_parse_options {
        let mut o = MaybeUninit::uninit();
        // SAFETY: a valid out-pointer.
        assert_eq!(
            unsafe { smtp_codes_parse_options_default(o.as_mut_ptr()) },
            SMTP_CODES_OK
        );
        // SAFETY: written on SMTP_CODES_OK.
        let mut o = unsafe { o.assume_init() };
        o.mode = mode;
        o
    }

    /// Every reply `smtp_codes_replies_next` reads: (start, code, length).
    fn replies_of(input: &[u8], opts: &smtp_codes_parse_options) -> Vec<(usize, u16, usize)> {
        let mut offset = 0;
        let mut got = Vec::new();
        loop {
            let mut reply = MaybeUninit::<smtp_codes_reply>::uninit();
            let mut start = usize::MAX;
            let before = offset;
            // SAFETY: valid input and pointers.
            let r = unsafe {
                smtp_codes_replies_next(
                    input.as_ptr(),
                    input.len(),
                    &mut offset,
                    opts,
                    reply.as_mut_ptr(),
                    &mut start,
                )
            };
            if r != SMTP_CODES_OK {
                assert_eq!(
                    (r, offset, start),
                    (SMTP_CODES_ERR_NOT_FOUND, before, usize::MAX)
                );
                return got;
            }
            // SAFETY: written on SMTP_CODES_OK.
            let reply = unsafe { reply.assume_init() };
            assert!(before <= start && start + reply.length == offset && offset <= input.len());
            got.push((start, reply.code, reply.length));
        }
    }

    /// As `replies_of`, by the core crate's `Replies`.
    fn core_replies(input: &[u8], opts: ParseOptions) -> Vec<(usize, u16, usize)> {
        let mut replies = Replies::new(input, opts);
        let mut want = Vec::new();
        loop {
            let start = replies.offset();
            match replies.next() {
                Some(Ok(r)) => want.push((start, r.code().as_u16(), r.raw().len())),
                Some(Err(_)) => {}
                None => return want,
            }
        }
    }

    #[test]
    fn replies_are_cores() {
        let inputs = vector_inputs();
        let mut transcript = Vec::new();
        for (i, input) in inputs.iter().enumerate() {
            transcript.extend_from_slice(input);
            transcript.extend_from_slice(if i % 3 == 0 { b"\r\n" } else { b"" });
            transcript.extend_from_slice(b"MAIL FROM:<a@example.org>\r\n");
        }
        let session =
            b"220 mx.example.com ESMTP\r\nEHLO me\r\n250-mx\r\n250 SIZE 10\r\nRCPT TO:<x>\r\n\
                        550-5.1.1 no\r\n550 5.1.1 such\r\n\xff\xfe\r\n250-cut";
        let mut all: Vec<&[u8]> = inputs.iter().map(Vec::as_slice).collect();
        all.extend([&transcript[..], &session[..], b"", b"\r\n\r\n", b"garbage"]);
        for mode in [SMTP_CODES_MODE_LENIENT, SMTP_CODES_MODE_STRICT] {
            let opts = options(mode);
            for input in &all {
                let want = core_replies(input, opts.to_core().unwrap());
                assert_eq!(replies_of(input, &opts), want, "{input:?}");
            }
        }
        let codes: Vec<u16> = replies_of(session, &options(SMTP_CODES_MODE_LENIENT))
            .iter()
            .map(|r| r.1)
            .collect();
        assert_eq!(codes, [220, 250, 550]);
    }

    #[test]
    fn replies_next_refuses_what_it_cannot_read() {
        let input = b"250 OK\r\n";
        let opts = options(SMTP_CODES_MODE_LENIENT);
        let mut reply = MaybeUninit::<smtp_codes_reply>::uninit();
        let (mut start, p) = (0, input.as_ptr());
        for (mut offset, want) in [
            (9, SMTP_CODES_ERR_INVALID_ARGUMENT),
            (usize::MAX, SMTP_CODES_ERR_INVALID_ARGUMENT),
            (8, SMTP_CODES_ERR_NOT_FOUND),
        ] {
            let before = offset;
            // SAFETY: valid pointers.
            let r = unsafe {
                smtp_codes_replies_next(p, 8, &mut offset, &opts, reply.as_mut_ptr(), &mut start)
            };
            assert_eq!((r, offset), (want, before));
        }
        let bad = options(0);
        let mut offset = 0;
        // SAFETY: valid pointers.
        let r = unsafe {
            smtp_codes_replies_next(p, 8, &mut offset, &bad, reply.as_mut_ptr(), &mut start)
        };
        assert_eq!(r, SMTP_CODES_ERR_INVALID_ARGUMENT);
        // SAFETY: NULL pointers: errors, not reads.
        unsafe {
            assert_eq!(
                smtp_codes_replies_next(
                    p,
                    8,
                    std::ptr::null_mut(),
                    &opts,
                    reply.as_mut_ptr(),
                    &mut start
                ),
                SMTP_CODES_ERR_NULL
            );
            assert_eq!(
                smtp_codes_replies_next(
                    p,
                    8,
                    &mut offset,
                    std::ptr::null(),
                    reply.as_mut_ptr(),
                    &mut start
                ),
                SMTP_CODES_ERR_NULL
            );
            assert_eq!(
                smtp_codes_replies_next(p, 8, &mut offset, &opts, std::ptr::null_mut(), &mut start),
                SMTP_CODES_ERR_NULL
            );
            assert_eq!(
                smtp_codes_replies_next(
                    p,
                    8,
                    &mut offset,
                    &opts,
                    reply.as_mut_ptr(),
                    std::ptr::null_mut()
                ),
                SMTP_CODES_ERR_NULL
            );
        }
    }

    /// A result other than `SMTP_CODES_OK`, with the error's kind and line
    /// for `SMTP_CODES_ERR_PARSE`.
    type Refused = (
        smtp_codes_result,
        Option<(smtp_codes_render_error_kind, usize)>,
    );

    /// `smtp_codes_reply_render` of `lines`: the bytes, or the result and
    /// the error.
    fn render_c(
        code: u32,
        enhanced: Option<smtp_codes_enhanced>,
        lines: &[&[u8]],
    ) -> Result<Vec<u8>, Refused> {
        let views: Vec<smtp_codes_bytes> = lines.iter().map(|l| smtp_codes_bytes::of(l)).collect();
        let e = enhanced
            .as_ref()
            .map_or(std::ptr::null(), |e| e as *const _);
        let mut buf = vec![0xA5u8; 4096];
        let (mut written, mut error) =
            (usize::MAX, MaybeUninit::<smtp_codes_render_error>::uninit());
        // SAFETY: valid pointers; `buf` holds its length.
        let r = unsafe {
            smtp_codes_reply_render(
                code,
                e,
                views.as_ptr(),
                views.len(),
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut written,
                error.as_mut_ptr(),
            )
        };
        match r {
            SMTP_CODES_OK => {
                assert!(buf[written..].iter().all(|&b| b == 0xA5));
                buf.truncate(written);
                Ok(buf)
            }
            SMTP_CODES_ERR_PARSE => {
                assert_eq!(written, usize::MAX);
                // SAFETY: written on SMTP_CODES_ERR_PARSE.
                let error = unsafe { error.assume_init() };
                Err((r, Some((error.kind, error.line))))
            }
            r => {
                assert_eq!(written, usize::MAX);
                Err((r, None))
            }
        }
    }

    #[test]
    fn rendering_is_cores() {
        use smtp_codes_render_error_kind::*;
        let long = "x".repeat(600);
        let texts: [&str; 10] = [
            "",
            "No such user",
            "Try again",
            "5.1.1 x",
            " lead",
            "\tlead",
            "a\r\nb",
            "a\nb",
            &long,
            "M\u{fc}ller",
        ];
        let mut sets: Vec<Vec<&str>> = vec![vec![]];
        for a in texts {
            sets.push(vec![a]);
            for b in texts {
                sets.push(vec![a, b]);
                sets.push(vec![a, "ok", b]);
            }
        }
        let enhanced = [
            None,
            Some("2.0.0"),
            Some("5.1.1"),
            Some("4.2.2"),
            Some("5.7.606"),
        ];
        let mut rendered = 0;
        for code in [220u16, 250, 354, 421, 452, 550, 554] {
            for e in enhanced {
                let e = e.map(|e| e.parse::<EnhancedCode>().unwrap());
                for lines in &sets {
                    let core = ReplyWriter::new(ReplyCode::from_u16(code).unwrap(), e, lines);
                    let bytes: Vec<&[u8]> = lines.iter().map(|l| l.as_bytes()).collect();
                    let got = render_c(
                        u32::from(code),
                        e.map(|e| smtp_codes_enhanced::of(Some(e))),
                        &bytes,
                    );
                    match core {
                        Ok(w) => {
                            assert_eq!(
                                got,
                                Ok(w.to_string().into_bytes()),
                                "{code} {e:?} {lines:?}"
                            );
                            rendered += 1;
                            // Read back as core's reply.
                            let text = w.to_string();
                            assert!(Reply::parse(text.as_bytes()).is_ok());
                        }
                        Err(err) => {
                            let want = smtp_codes_render_error::of(err, 0);
                            assert_eq!(
                                got,
                                Err((SMTP_CODES_ERR_PARSE, Some((want.kind, want.line)))),
                                "{code} {e:?} {lines:?}"
                            );
                        }
                    }
                }
            }
        }
        assert!(rendered > 1000, "{rendered}");
        // A class-free code (`class_` 0) is none, as is NULL.
        let none = smtp_codes_enhanced::default();
        assert_eq!(
            render_c(250, Some(none), &[b"ok"]),
            Ok(b"250 ok\r\n".to_vec())
        );
        assert_eq!(
            render_c(
                550,
                Some(smtp_codes_enhanced::of(Some("5.1.1".parse().unwrap()))),
                &[b"a", b"b"]
            ),
            Ok(b"550-5.1.1 a\r\n550 5.1.1 b\r\n".to_vec())
        );
        assert_eq!(
            render_c(250, None, &[b"a", b"", b"c"]),
            Ok(b"250-a\r\n250-\r\n250 c\r\n".to_vec())
        );
        // What C gets wrong: invalid arguments, not RFC refusals.
        assert_eq!(
            render_c(650, None, &[]),
            Err((SMTP_CODES_ERR_INVALID_ARGUMENT, None))
        );
        assert_eq!(
            render_c(65536 + 250, None, &[]),
            Err((SMTP_CODES_ERR_INVALID_ARGUMENT, None))
        );
        let bad = smtp_codes_enhanced {
            class_: 3,
            subject: 1,
            detail: 1,
        };
        assert_eq!(
            render_c(550, Some(bad), &[]),
            Err((SMTP_CODES_ERR_INVALID_ARGUMENT, None))
        );
        assert_eq!(
            render_c(550, None, &[b"ok", b"M\xfcller"]),
            Err((SMTP_CODES_ERR_INVALID_ARGUMENT, None))
        );
        // Non-UTF-8 is judged before the RFCs: line 1 is not text, line 0
        // breaks a rule.
        assert_eq!(
            render_c(550, None, &[b"a\nb", b"\xff"]),
            Err((SMTP_CODES_ERR_INVALID_ARGUMENT, None))
        );
        assert_eq!(
            render_c(550, None, &[b"ok", b"a\nb"]),
            Err((
                SMTP_CODES_ERR_PARSE,
                Some((SMTP_CODES_RENDER_ERROR_LINE_BREAK, 1))
            ))
        );
    }

    #[test]
    fn render_buffer_sizes() {
        let lines = [
            smtp_codes_bytes::of(b"No such user"),
            smtp_codes_bytes::of(b"Bye"),
        ];
        let e = smtp_codes_enhanced::of(Some("5.1.1".parse().unwrap()));
        let want = b"550-5.1.1 No such user\r\n550 5.1.1 Bye\r\n";
        let mut buf = [0x5Au8; 64];
        for cap in [0, 1, want.len() - 1, want.len(), buf.len()] {
            let mut written = usize::MAX;
            buf.fill(0x5A);
            // SAFETY: valid pointers; `buf` holds at least `cap` bytes.
            let r = unsafe {
                smtp_codes_reply_render(
                    550,
                    &e,
                    lines.as_ptr(),
                    2,
                    buf.as_mut_ptr().cast(),
                    cap,
                    &mut written,
                    std::ptr::null_mut(),
                )
            };
            assert_eq!(written, want.len());
            if cap < want.len() {
                assert_eq!(r, SMTP_CODES_ERR_BUFFER_TOO_SMALL);
                assert!(buf.iter().all(|&b| b == 0x5A), "nothing written");
            } else {
                assert_eq!((r, &buf[..written]), (SMTP_CODES_OK, &want[..]));
                assert!(buf[written..].iter().all(|&b| b == 0x5A));
            }
        }
        let mut written = usize::MAX;
        let p = buf.as_mut_ptr().cast();
        // SAFETY: NULL pointers and impossible sizes: errors, not accesses.
        unsafe {
            assert_eq!(
                smtp_codes_reply_render(
                    550,
                    &e,
                    std::ptr::null(),
                    0,
                    p,
                    64,
                    &mut written,
                    std::ptr::null_mut()
                ),
                SMTP_CODES_ERR_NULL
            );
            assert_eq!(
                smtp_codes_reply_render(
                    550,
                    &e,
                    lines.as_ptr(),
                    2,
                    std::ptr::null_mut(),
                    64,
                    &mut written,
                    std::ptr::null_mut()
                ),
                SMTP_CODES_ERR_NULL
            );
            assert_eq!(
                smtp_codes_reply_render(
                    550,
                    &e,
                    lines.as_ptr(),
                    2,
                    p,
                    64,
                    std::ptr::null_mut(),
                    std::ptr::null_mut()
                ),
                SMTP_CODES_ERR_NULL
            );
            assert_eq!(
                smtp_codes_reply_render(
                    550,
                    &e,
                    lines.as_ptr(),
                    2,
                    p,
                    usize::MAX,
                    &mut written,
                    std::ptr::null_mut()
                ),
                SMTP_CODES_ERR_INVALID_ARGUMENT
            );
            assert_eq!(
                smtp_codes_reply_render(
                    550,
                    &e,
                    lines.as_ptr(),
                    usize::MAX,
                    p,
                    64,
                    &mut written,
                    std::ptr::null_mut()
                ),
                SMTP_CODES_ERR_INVALID_ARGUMENT
            );
            let null_line = [smtp_codes_bytes {
                data: std::ptr::null(),
                len: 0,
            }];
            assert_eq!(
                smtp_codes_reply_render(
                    550,
                    &e,
                    null_line.as_ptr(),
                    1,
                    p,
                    64,
                    &mut written,
                    std::ptr::null_mut()
                ),
                SMTP_CODES_ERR_NULL
            );
        }
        assert_eq!(written, usize::MAX);
    }

    #[test]
    fn transcripts_and_rendering_allocate_nothing() {
        let input = b"220 mx ESMTP\r\nEHLO x\r\n250-mx.example.com\r\n250 SIZE 1000\r\n";
        let opts = options(SMTP_CODES_MODE_LENIENT);
        let lines = [
            smtp_codes_bytes::of(b"No such user"),
            smtp_codes_bytes::of(b"Bye"),
        ];
        let mut buf = [0u8; 128];
        let n = allocations_in(|| {
            let (mut offset, mut start, mut count) = (0, 0, 0);
            let mut reply = MaybeUninit::<smtp_codes_reply>::uninit();
            // SAFETY: valid pointers.
            while unsafe {
                smtp_codes_replies_next(
                    input.as_ptr(),
                    input.len(),
                    &mut offset,
                    &opts,
                    reply.as_mut_ptr(),
                    &mut start,
                )
            } == SMTP_CODES_OK
            {
                count += 1;
            }
            assert_eq!(count, 2);
            let mut written = 0;
            // SAFETY: valid pointers; `buf` holds 128 bytes.
            let r = unsafe {
                smtp_codes_reply_render(
                    550,
                    std::ptr::null(),
                    lines.as_ptr(),
                    2,
                    buf.as_mut_ptr().cast(),
                    128,
                    &mut written,
                    std::ptr::null_mut(),
                )
            };
            assert_eq!(
                (r, &buf[..written]),
                (SMTP_CODES_OK, &b"550-No such user\r\n550 Bye\r\n"[..])
            );
        });
        assert_eq!(n, 0);
    }

    #[test]
    fn every_defect_has_its_own_bit_and_name() {
        assert_eq!(DEFECTS.len(), Defect::ALL.len());
        let mut all = 0;
        for (d, bit) in DEFECTS {
            assert_eq!(bit.count_ones(), 1);
            assert_eq!(all & bit, 0);
            all |= bit;
            // SAFETY: a static NUL-terminated name.
            let name = unsafe { CStr::from_ptr(smtp_codes_defect_name(bit)) };
            assert_eq!(name.to_str().unwrap(), d.as_str());
        }
        assert!(smtp_codes_defect_name(3).is_null());
        assert!(smtp_codes_defect_name(0).is_null());
    }

    #[test]
    fn parse_error_names_are_cores() {
        for k in 1..=15 {
            assert!(!smtp_codes_parse_error_name(k).is_null(), "{k}");
        }
        assert!(smtp_codes_parse_error_name(0).is_null());
        assert!(smtp_codes_parse_error_name(16).is_null());
        let name = |k: smtp_codes_parse_error_kind| {
            // SAFETY: a static NUL-terminated name.
            unsafe { CStr::from_ptr(smtp_codes_parse_error_name(k as u32)) }
                .to_str()
                .unwrap()
        };
        assert_eq!(name(SMTP_CODES_PARSE_ERROR_CODE_MISMATCH), "code_mismatch");
        assert_eq!(
            name(SMTP_CODES_PARSE_ERROR_EXPECTED_SEPARATOR),
            "expected_separator"
        );
    }
}
