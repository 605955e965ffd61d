//! The registry's texts: reply codes, classes, subjects, enhanced statuses.
//! Static NUL-terminated strings generated from the registry
//! (`smtp_codes_codegen::c::strings`), reached from the core crate's enums;
//! also the EHLO keywords' names and descriptions.

use crate::smtp_codes_result::*;
use crate::{Ffi, Out, guard, smtp_codes_result};
use smtp_codes_core::{Class, EhloKeyword, EnhancedStatus, KnownReplyCode, ReplyCode, Subject};
use std::ffi::{CStr, c_char};

/// One meaning of a reply code, NUL-terminated.
pub(crate) struct CMeaning {
    pub(crate) text: &'static CStr,
    pub(crate) meaning: &'static CStr,
    pub(crate) context: &'static CStr,
}

/// A summary (or sample text) and a description, NUL-terminated.
#[derive(Clone, Copy)]
pub(crate) struct CText {
    pub(crate) summary: &'static CStr,
    pub(crate) description: &'static CStr,
}

include!(concat!(env!("OUT_DIR"), "/strings.rs"));

/// One meaning the RFCs give a reply code. Every string is static and
/// NUL-terminated.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct smtp_codes_reply_meaning {
    /// The reply text as the RFC writes it:
    /// `"Requested action not taken: mailbox unavailable"`.
    pub text: *const c_char,
    /// What the reply means, paraphrased from the RFC.
    pub meaning: *const c_char,
    /// Where the meaning applies: `"any"` for RFC 5321's general meaning,
    /// else the command or extension (`"AUTH"`, `"STARTTLS"`, ...).
    pub context: *const c_char,
}

/// A reply code from C: 100..=999 of RFC 5321's grammar, else invalid;
/// then its entry in the table, else not found.
fn known_reply(code: u32) -> Result<KnownReplyCode, smtp_codes_result> {
    let code = u16::try_from(code)
        .ok()
        .and_then(ReplyCode::from_u16)
        .ok_or(SMTP_CODES_ERR_INVALID_ARGUMENT)?;
    code.known().ok_or(SMTP_CODES_ERR_NOT_FOUND)
}

fn meanings(code: u32) -> Result<&'static [CMeaning], smtp_codes_result> {
    let m = reply_meanings(known_reply(code)?);
    // Every code of the table has a meaning; a newer core's code that the
    // generated table lacks is not found rather than a panic.
    if m.is_empty() {
        return Err(SMTP_CODES_ERR_NOT_FOUND);
    }
    Ok(m)
}

/// A packed status from C (`subject * 1000 + detail`, as the
/// `SMTP_CODES_STATUS_*` constants).
fn status(packed: u32) -> Result<CText, smtp_codes_result> {
    if packed > 999_999 {
        return Err(SMTP_CODES_ERR_INVALID_ARGUMENT);
    }
    let (subject, detail) = ((packed / 1000) as u16, (packed % 1000) as u16);
    EnhancedStatus::from_parts(subject, detail)
        .and_then(status_text)
        .ok_or(SMTP_CODES_ERR_NOT_FOUND)
}

fn class(digit: u32) -> Result<CText, smtp_codes_result> {
    let class = u8::try_from(digit)
        .ok()
        .and_then(Class::from_number)
        .ok_or(SMTP_CODES_ERR_INVALID_ARGUMENT)?;
    class_text(class).ok_or(SMTP_CODES_ERR_NOT_FOUND)
}

fn subject(number: u32) -> Result<CText, smtp_codes_result> {
    let number = u16::try_from(number)
        .ok()
        .filter(|n| *n <= 999)
        .ok_or(SMTP_CODES_ERR_INVALID_ARGUMENT)?;
    Subject::from_number(number)
        .and_then(subject_text)
        .ok_or(SMTP_CODES_ERR_NOT_FOUND)
}

/// Writes a static string to `out` once `get` succeeded.
///
/// # Safety
/// `out` is NULL or valid for writing a pointer.
unsafe fn string(
    out: *mut *const c_char,
    get: impl FnOnce() -> Result<&'static CStr, smtp_codes_result>,
) -> Ffi {
    // SAFETY: the caller's promise, passed on.
    let out = unsafe { Out::new(out) }?;
    out.write(get()?.as_ptr());
    Ok(())
}

/// The reply text of a reply code's primary definition, as its RFC writes
/// it: 550 gives `"Requested action not taken: mailbox unavailable"`.
/// `SMTP_CODES_ERR_INVALID_ARGUMENT` for a number that is not a reply code
/// (`650`), `SMTP_CODES_ERR_NOT_FOUND` for one no RFC defines (`525`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_reply_code_text(
    code: u32,
    text_out: *mut *const c_char,
) -> smtp_codes_result {
    // SAFETY: README conventions: `text_out` is NULL or writable.
    guard(|| unsafe { string(text_out, || Ok(meanings(code)?[0].text)) })
}

/// What a reply code means, paraphrased from its RFC (the primary
/// definition's meaning). Errors as `smtp_codes_reply_code_text`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_reply_code_description(
    code: u32,
    description_out: *mut *const c_char,
) -> smtp_codes_result {
    // SAFETY: README conventions: `description_out` is NULL or writable.
    guard(|| unsafe { string(description_out, || Ok(meanings(code)?[0].meaning)) })
}

/// How many meanings the RFCs give a reply code (454 has one for AUTH and
/// one for STARTTLS): at least 1 for a code of the table. Errors as
/// `smtp_codes_reply_code_text`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_reply_code_meaning_count(
    code: u32,
    count_out: *mut usize,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions: `count_out` is NULL or writable.
        let out = unsafe { Out::new(count_out) }?;
        out.write(meanings(code)?.len());
        Ok(())
    })
}

/// Meaning `index` (from 0, the primary first) of a reply code.
/// `SMTP_CODES_ERR_INVALID_ARGUMENT` when `index` is not below
/// `smtp_codes_reply_code_meaning_count`; else errors as
/// `smtp_codes_reply_code_text`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_reply_code_meaning(
    code: u32,
    index: usize,
    meaning_out: *mut smtp_codes_reply_meaning,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions: `meaning_out` is NULL or writable.
        let out = unsafe { Out::new(meaning_out) }?;
        let m = meanings(code)?
            .get(index)
            .ok_or(SMTP_CODES_ERR_INVALID_ARGUMENT)?;
        out.write(smtp_codes_reply_meaning {
            text: m.text.as_ptr(),
            meaning: m.meaning.as_ptr(),
            context: m.context.as_ptr(),
        });
        Ok(())
    })
}

/// The registry's sample text of an enhanced status, given packed as
/// `subject * 1000 + detail` (`SMTP_CODES_STATUS_*`): 1001 (X.1.1) gives
/// `"Bad destination mailbox address"`; empty when IANA registered none.
/// `SMTP_CODES_ERR_INVALID_ARGUMENT` above 999999, `SMTP_CODES_ERR_NOT_FOUND`
/// for a status IANA never registered (7606 for X.7.606).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_status_text(
    status_code: u32,
    text_out: *mut *const c_char,
) -> smtp_codes_result {
    // SAFETY: README conventions: `text_out` is NULL or writable.
    guard(|| unsafe { string(text_out, || Ok(status(status_code)?.summary)) })
}

/// The registry's description of an enhanced status. Errors as
/// `smtp_codes_status_text`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_status_description(
    status_code: u32,
    description_out: *mut *const c_char,
) -> smtp_codes_result {
    // SAFETY: README conventions: `description_out` is NULL or writable.
    guard(|| unsafe { string(description_out, || Ok(status(status_code)?.description)) })
}

/// The registry's summary of a class (2, 4, 5): 5 gives
/// `"Permanent Failure"`. `SMTP_CODES_ERR_INVALID_ARGUMENT` for another
/// number.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_class_text(
    class_digit: u32,
    text_out: *mut *const c_char,
) -> smtp_codes_result {
    // SAFETY: README conventions: `text_out` is NULL or writable.
    guard(|| unsafe { string(text_out, || Ok(class(class_digit)?.summary)) })
}

/// The registry's description of a class. Errors as `smtp_codes_class_text`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_class_description(
    class_digit: u32,
    description_out: *mut *const c_char,
) -> smtp_codes_result {
    // SAFETY: README conventions: `description_out` is NULL or writable.
    guard(|| unsafe { string(description_out, || Ok(class(class_digit)?.description)) })
}

/// The registry's summary of a subject: 1 gives `"Addressing Status"`.
/// `SMTP_CODES_ERR_INVALID_ARGUMENT` above 999, `SMTP_CODES_ERR_NOT_FOUND`
/// for a subject IANA never registered (8 to 999).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_subject_text(
    subject_number: u32,
    text_out: *mut *const c_char,
) -> smtp_codes_result {
    // SAFETY: README conventions: `text_out` is NULL or writable.
    guard(|| unsafe { string(text_out, || Ok(subject(subject_number)?.summary)) })
}

/// The registry's description of a subject. Errors as
/// `smtp_codes_subject_text`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_subject_description(
    subject_number: u32,
    description_out: *mut *const c_char,
) -> smtp_codes_result {
    // SAFETY: README conventions: `description_out` is NULL or writable.
    guard(|| unsafe { string(description_out, || Ok(subject(subject_number)?.description)) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(
        f: unsafe extern "C" fn(u32, *mut *const c_char) -> smtp_codes_result,
        n: u32,
    ) -> Result<String, smtp_codes_result> {
        let mut p = std::ptr::null();
        // SAFETY: a valid out-pointer.
        match unsafe { f(n, &mut p) } {
            SMTP_CODES_OK => Ok(unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned()),
            e => Err(e),
        }
    }

    /// The generated NUL-terminated copies equal the core crate's texts,
    /// entry for entry.
    #[test]
    fn strings_equal_core() {
        for k in KnownReplyCode::ALL {
            let code = u32::from(k.code().as_u16());
            assert_eq!(text(smtp_codes_reply_code_text, code).unwrap(), k.text());
            assert_eq!(
                text(smtp_codes_reply_code_description, code).unwrap(),
                k.meanings()[0].meaning
            );
            let mut n = 0;
            // SAFETY: valid out-pointers.
            assert_eq!(
                unsafe { smtp_codes_reply_code_meaning_count(code, &mut n) },
                SMTP_CODES_OK
            );
            assert_eq!(n, k.meanings().len());
            for (i, m) in k.meanings().iter().enumerate() {
                let mut c = smtp_codes_reply_meaning {
                    text: std::ptr::null(),
                    meaning: std::ptr::null(),
                    context: std::ptr::null(),
                };
                assert_eq!(
                    // SAFETY: a valid out-pointer.
                    unsafe { smtp_codes_reply_code_meaning(code, i, &mut c) },
                    SMTP_CODES_OK
                );
                // SAFETY: static NUL-terminated strings the call wrote.
                let s = |p| unsafe { CStr::from_ptr(p) }.to_str().unwrap();
                assert_eq!(
                    (s(c.text), s(c.meaning), s(c.context)),
                    (m.text, m.meaning, m.context)
                );
            }
        }
        for s in EnhancedStatus::ALL {
            let packed = u32::from(s.subject()) * 1000 + u32::from(s.detail());
            assert_eq!(
                text(smtp_codes_status_text, packed).unwrap(),
                s.sample_text()
            );
            assert_eq!(
                text(smtp_codes_status_description, packed).unwrap(),
                s.description()
            );
        }
        for c in Class::ALL {
            assert_eq!(
                text(smtp_codes_class_text, u32::from(c.digit())).unwrap(),
                c.summary()
            );
            assert_eq!(
                text(smtp_codes_class_description, u32::from(c.digit())).unwrap(),
                c.description()
            );
        }
        for s in Subject::ALL {
            assert_eq!(
                text(smtp_codes_subject_text, u32::from(s.number())).unwrap(),
                s.summary()
            );
            assert_eq!(
                text(smtp_codes_subject_description, u32::from(s.number())).unwrap(),
                s.description()
            );
        }
    }

    /// Every integer a C caller may pass: valid and known, valid and
    /// unknown, invalid; as the core crate decides.
    #[test]
    fn whole_domain() {
        for n in 0..=1000u32 {
            let want = match u16::try_from(n).ok().and_then(ReplyCode::from_u16) {
                None => Err(SMTP_CODES_ERR_INVALID_ARGUMENT),
                Some(c) => c
                    .known()
                    .map(|k| k.text().to_owned())
                    .ok_or(SMTP_CODES_ERR_NOT_FOUND),
            };
            assert_eq!(text(smtp_codes_reply_code_text, n), want, "{n}");
        }
        for n in [0, 1, 3, 6, 9, 10, 256, u32::MAX] {
            assert_eq!(
                text(smtp_codes_class_text, n),
                Err(SMTP_CODES_ERR_INVALID_ARGUMENT)
            );
        }
        assert_eq!(
            text(smtp_codes_subject_text, 8),
            Err(SMTP_CODES_ERR_NOT_FOUND)
        );
        assert_eq!(
            text(smtp_codes_subject_text, 1000),
            Err(SMTP_CODES_ERR_INVALID_ARGUMENT)
        );
        assert_eq!(
            text(smtp_codes_status_text, 7606),
            Err(SMTP_CODES_ERR_NOT_FOUND)
        );
        assert_eq!(
            text(smtp_codes_status_text, 1_000_000),
            Err(SMTP_CODES_ERR_INVALID_ARGUMENT)
        );
        assert_eq!(
            text(smtp_codes_status_text, 1001).unwrap(),
            "Bad destination mailbox address"
        );
        // SAFETY: NULL out-pointer: an error, not a write.
        assert_eq!(
            unsafe { smtp_codes_reply_code_text(550, std::ptr::null_mut()) },
            SMTP_CODES_ERR_NULL
        );
    }
}
