//! Codes in free text (log lines, bounce bodies, DSN diagnostics): the core
//! crate's `find_codes`, `best_enhanced` and `best_reply`, with offsets into
//! the caller's text.

use crate::reply::smtp_codes_enhanced;
use crate::smtp_codes_result::*;
use crate::{Out, OutArray, guard, input, smtp_codes_result};
use smtp_codes_core::{Found, FoundCode, FoundContext, best_enhanced, best_reply, find_codes};

/// What a found code is (`smtp_codes_found`).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum smtp_codes_found_kind {
    /// A basic reply code (RFC 5321 §4.2): `550`.
    SMTP_CODES_FOUND_REPLY = 1,
    /// An enhanced status code (RFC 3463 §2): `5.1.1`.
    SMTP_CODES_FOUND_ENHANCED = 2,
}

/// Where a found code stands in the text, which tells how far to trust it.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum smtp_codes_found_context {
    /// An enhanced code right after a reply code, where RFC 2034 §4 puts it
    /// (`550 5.1.1`, `550-5.1.1`, `550 #5.1.1`); `after_reply` holds that
    /// reply code, whose class may or may not agree.
    SMTP_CODES_FOUND_AFTER_REPLY = 1,
    /// At the start of the text or of a line, or after a mark that
    /// introduces a code (`said: 550`, `Status: 5.1.1`, `smtp;550`, `#5.1.0`).
    SMTP_CODES_FOUND_ANCHORED = 2,
    /// Anywhere else in running text (also a context this version of the
    /// binding does not know).
    SMTP_CODES_FOUND_TEXT = 3,
}

/// One code found in text (`smtp_codes_find_codes`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct smtp_codes_found {
    /// A reply code or an enhanced code.
    pub kind: smtp_codes_found_kind,
    /// The reply code (`SMTP_CODES_FOUND_REPLY`); 0 for an enhanced code.
    pub reply_code: u16,
    /// The enhanced code (`SMTP_CODES_FOUND_ENHANCED`); `class_` 0 for a
    /// reply code.
    pub enhanced: smtp_codes_enhanced,
    /// Where its digits start in the text: `offset` and `length` bytes
    /// parse back to the code (Exchange's `#` and a sentence's final `.` are
    /// not part of it).
    pub offset: usize,
    /// How many bytes its digits take.
    pub length: usize,
    /// Where it stands.
    pub context: smtp_codes_found_context,
    /// For `SMTP_CODES_FOUND_AFTER_REPLY`: the reply code it follows; 0
    /// otherwise.
    pub after_reply: u16,
    /// Whether this is an enhanced code right after a reply code of its
    /// class: `550 5.1.1` agrees, `550 4.4.7` does not.
    pub agrees_with_reply: bool,
}

impl smtp_codes_found {
    fn of(f: &Found) -> smtp_codes_found {
        use smtp_codes_found_context::*;
        let (kind, reply_code, enhanced) = match f.code {
            FoundCode::Reply(r) => (
                smtp_codes_found_kind::SMTP_CODES_FOUND_REPLY,
                r.as_u16(),
                None,
            ),
            FoundCode::Enhanced(e) => {
                (smtp_codes_found_kind::SMTP_CODES_FOUND_ENHANCED, 0, Some(e))
            }
        };
        let (context, after_reply) = match f.context {
            FoundContext::AfterReply(r) => (SMTP_CODES_FOUND_AFTER_REPLY, r.as_u16()),
            FoundContext::Anchored => (SMTP_CODES_FOUND_ANCHORED, 0),
            _ => (SMTP_CODES_FOUND_TEXT, 0),
        };
        smtp_codes_found {
            kind,
            reply_code,
            enhanced: smtp_codes_enhanced::of(enhanced),
            offset: f.span.start,
            length: f.span.len(),
            context,
            after_reply,
            agrees_with_reply: f.agrees_with_reply(),
        }
    }
}

/// Finds the reply codes and enhanced status codes in free text, in order
/// of appearance, by the rules of the core crate's `find_codes` (numbers are
/// read whole, so IP addresses, versions, dates and sizes are not codes).
/// Writes the first `capacity` codes found to `found_out[0..]` and the
/// number of codes in the whole text to `*count_out`, which may be more
/// than `capacity` (call again with a larger array to get them all; a
/// capacity of 0 only counts, `found_out` must still not be NULL). Linear
/// time on any input; allocates nothing.
/// `SMTP_CODES_ERR_INVALID_ARGUMENT` when `capacity` values cannot fit in
/// memory (over `PTRDIFF_MAX` bytes) or `found_out` is misaligned.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_find_codes(
    text: *const u8,
    len: usize,
    found_out: *mut smtp_codes_found,
    capacity: usize,
    count_out: *mut usize,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions for every pointer: `found_out` holds
        // `capacity` writable values.
        let (text, mut found, count) = unsafe {
            (
                input(text, len)?,
                OutArray::new(found_out, capacity)?,
                Out::new(count_out)?,
            )
        };
        let mut total = 0;
        for f in find_codes(text) {
            if total < found.capacity() {
                found.write(total, smtp_codes_found::of(&f));
            }
            total += 1;
        }
        count.write(total);
        Ok(())
    })
}

/// The enhanced status code that counts in free text (the core crate's
/// `best_enhanced`): one where codes stand over one in running text, the
/// more specific over `X.0.0` and the timeouts `X.4.7` that wrap the real
/// cause, one after a reply code of its class, else the first.
/// `SMTP_CODES_ERR_NOT_FOUND` when the text holds none.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_best_enhanced(
    text: *const u8,
    len: usize,
    code_out: *mut smtp_codes_enhanced,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions for every pointer.
        let (text, out) = unsafe { (input(text, len)?, Out::new(code_out)?) };
        let code = best_enhanced(text).ok_or(SMTP_CODES_ERR_NOT_FOUND)?;
        out.write(smtp_codes_enhanced::of(Some(code)));
        Ok(())
    })
}

/// The reply code that counts in free text (the core crate's `best_reply`):
/// the one the best enhanced code follows, else the first reply code where
/// codes stand (start of a line, `said: `, `smtp;`) or followed by an
/// enhanced code, else the first. `SMTP_CODES_ERR_NOT_FOUND` when the text
/// holds none.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_best_reply(
    text: *const u8,
    len: usize,
    code_out: *mut u16,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions for every pointer.
        let (text, out) = unsafe { (input(text, len)?, Out::new(code_out)?) };
        let code = best_reply(text).ok_or(SMTP_CODES_ERR_NOT_FOUND)?;
        out.write(code.as_u16());
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::counting::allocations_in;
    use std::mem::MaybeUninit;

    /// Every diagnostic of the shared vectors (`tests/vectors/*.json`), and
    /// texts of `core/tests/find.rs`.
    fn texts() -> Vec<Vec<u8>> {
        let mut texts: Vec<Vec<u8>> = [
            &b""[..],
            b"550 5.1.1 User unknown",
            b"said: 550 5.1.1 (error 5.7.1)",
            b"#5.1.0 smtp;550 5.1.1 <x@example.com>... User unknown",
            b"#550 4.4.7 QUEUE.Expired; message expired [Last Error: 451 4.4.0 DNS query failed] ##",
            b"relay [192.168.5.1] 5.1.1.2 10.4.4.7 4.5.3.1.9 5.5 5500 650",
            b"version 4.4.7, OpenSSL 5.1.0, Dovecot 2.3.21, section 4.2.2, \xc2\xa7 4.2.2",
            b"550-5.1.1 (5.2.2) [5.7.1] 250-PIPELINING",
            b"mailbox unavailable 5.2.1. Error 550.",
            b"550 M\xfcller 5.1.1 \xff 421",
        ]
        .iter()
        .map(|t| t.to_vec())
        .collect();
        for file in ["verdicts.json", "bounces.json"] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../tests/vectors")
                .join(file);
            let json: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            for case in json["cases"].as_array().unwrap() {
                if let Some(d) = case["input"]["diagnostic"].as_str() {
                    texts.push(d.as_bytes().to_vec());
                }
            }
        }
        assert!(texts.len() > 400);
        texts
    }

    fn same(got: &smtp_codes_found, want: &Found, text: &[u8]) {
        assert_eq!(got.offset..got.offset + got.length, want.span);
        match want.code {
            FoundCode::Reply(r) => {
                assert_eq!(got.kind, smtp_codes_found_kind::SMTP_CODES_FOUND_REPLY);
                assert_eq!((got.reply_code, got.enhanced.class_), (r.as_u16(), 0));
            }
            FoundCode::Enhanced(e) => {
                assert_eq!(got.kind, smtp_codes_found_kind::SMTP_CODES_FOUND_ENHANCED);
                assert_eq!(got.reply_code, 0);
                assert_eq!(got.enhanced.to_core(), Ok(Some(e)));
            }
        }
        let context = match want.context {
            FoundContext::AfterReply(r) => (
                smtp_codes_found_context::SMTP_CODES_FOUND_AFTER_REPLY,
                r.as_u16(),
            ),
            FoundContext::Anchored => (smtp_codes_found_context::SMTP_CODES_FOUND_ANCHORED, 0),
            _ => (smtp_codes_found_context::SMTP_CODES_FOUND_TEXT, 0),
        };
        assert_eq!((got.context, got.after_reply), context, "{text:?}");
        assert_eq!(got.agrees_with_reply, want.agrees_with_reply());
    }

    #[test]
    fn every_answer_is_cores() {
        let mut found = vec![MaybeUninit::<smtp_codes_found>::uninit(); 64];
        for text in texts() {
            let want: Vec<Found> = find_codes(&text).collect();
            assert!(want.len() < found.len());
            for capacity in [0, 1, want.len(), found.len()] {
                let mut count = usize::MAX;
                // SAFETY: valid input, `capacity` writable values, a valid
                // out-pointer.
                let r = unsafe {
                    smtp_codes_find_codes(
                        text.as_ptr(),
                        text.len(),
                        found.as_mut_ptr().cast(),
                        capacity,
                        &mut count,
                    )
                };
                assert_eq!((r, count), (SMTP_CODES_OK, want.len()));
                for (got, want) in found.iter().zip(&want).take(capacity) {
                    // SAFETY: the first min(capacity, count) were written.
                    same(unsafe { got.assume_init_ref() }, want, &text);
                }
            }
            let mut e = smtp_codes_enhanced::default();
            // SAFETY: valid input and out-pointer.
            let r = unsafe { smtp_codes_best_enhanced(text.as_ptr(), text.len(), &mut e) };
            match best_enhanced(&text) {
                Some(want) => assert_eq!((r, e.to_core()), (SMTP_CODES_OK, Ok(Some(want)))),
                None => assert_eq!(r, SMTP_CODES_ERR_NOT_FOUND),
            }
            let mut code = 0;
            // SAFETY: valid input and out-pointer.
            let r = unsafe { smtp_codes_best_reply(text.as_ptr(), text.len(), &mut code) };
            match best_reply(&text) {
                Some(want) => assert_eq!((r, code), (SMTP_CODES_OK, want.as_u16())),
                None => assert_eq!((r, code), (SMTP_CODES_ERR_NOT_FOUND, 0)),
            }
        }
    }

    #[test]
    fn finding_allocates_nothing() {
        let text = b"#5.1.0 smtp;550 5.1.1 <x@example.com>... User unknown";
        let mut found = [MaybeUninit::<smtp_codes_found>::uninit(); 2];
        let (mut count, mut e, mut code) = (0, smtp_codes_enhanced::default(), 0);
        let n = allocations_in(|| {
            // SAFETY: valid input and out-pointers.
            unsafe {
                smtp_codes_find_codes(
                    text.as_ptr(),
                    text.len(),
                    found.as_mut_ptr().cast(),
                    2,
                    &mut count,
                );
                smtp_codes_best_enhanced(text.as_ptr(), text.len(), &mut e);
                smtp_codes_best_reply(text.as_ptr(), text.len(), &mut code);
            }
        });
        assert_eq!((n, count, code), (0, 3, 550));
    }
}
