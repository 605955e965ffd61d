//! Enhanced status codes and whole replies: parsed by the core crate,
//! results as integers and as offsets into the caller's buffer.

use crate::smtp_codes_result::*;
use crate::{Ffi, Out, borrow, guard, guard_str, input, offset_in, smtp_codes_result};
use smtp_codes_core::{
    Class, Defect, EnhancedCode, Mode, ParseErrorKind, ParseOptions, ParseStatus, Reply, ReplyCode,
    ReplyErrorKind,
};
use std::ffi::{CStr, c_char};

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

#[cfg(test)]
mod tests {
    use super::*;

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
