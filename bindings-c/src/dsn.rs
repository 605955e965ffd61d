//! Delivery status notifications (RFC 3464): the core crate's
//! `DeliveryStatus`, owned by an opaque handle, read through views.

use crate::classify::smtp_codes_verdict;
use crate::reply::smtp_codes_enhanced;
use crate::smtp_codes_result::*;
use crate::{
    Ffi, Out, borrow, guard, guard_str, input, mapping, smtp_codes_bytes, smtp_codes_result,
};
use smtp_codes_core::dsn::{
    Action as DsnAction, DefectKind, DeliveryStatus, DsnError, DsnErrorKind, FieldValue,
    MessageError, Recipient, TypedValue,
};
use std::ffi::c_char;

/// A parsed delivery-status report, owned by the library: made by
/// `smtp_codes_dsn_parse` or `smtp_codes_dsn_parse_message`, freed by
/// `smtp_codes_dsn_free`. Every view into it lives until then.
pub struct smtp_codes_dsn {
    inner: DeliveryStatus<'static>,
}

/// Why a report could not be read (`smtp_codes_dsn_error`).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum smtp_codes_dsn_error_kind {
    /// The delivery-status body is empty.
    SMTP_CODES_DSN_ERROR_EMPTY = 1,
    /// No line of the body is a field.
    SMTP_CODES_DSN_ERROR_NO_FIELDS = 2,
    /// No per-recipient group (a blank line, then Final-Recipient, Action,
    /// Status).
    SMTP_CODES_DSN_ERROR_NO_RECIPIENTS = 3,
    /// The message has no header section.
    SMTP_CODES_DSN_ERROR_NOT_A_MESSAGE = 4,
    /// The message is not `multipart/report`.
    SMTP_CODES_DSN_ERROR_NOT_A_REPORT = 5,
    /// A report of another type than delivery-status.
    SMTP_CODES_DSN_ERROR_OTHER_REPORT_TYPE = 6,
    /// The MIME parser failed.
    SMTP_CODES_DSN_ERROR_MIME_PARSER_FAILED = 7,
    /// The report has no `message/delivery-status` part.
    SMTP_CODES_DSN_ERROR_NO_DELIVERY_STATUS_PART = 8,
    /// A kind this version of the binding does not know.
    SMTP_CODES_DSN_ERROR_OTHER = 9,
}

use smtp_codes_dsn_error_kind::*;

/// Where and why a report could not be read, written to `error_out` (when
/// not NULL) if and only if a function returns `SMTP_CODES_ERR_PARSE`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct smtp_codes_dsn_error {
    /// A `SMTP_CODES_DSN_ERROR_*` value.
    pub kind: smtp_codes_dsn_error_kind,
    /// For the body kinds (`EMPTY`, `NO_FIELDS`, `NO_RECIPIENTS`): the byte
    /// offset in the delivery-status body; 0 otherwise.
    pub offset: usize,
    /// For `smtp_codes_dsn_parse_message` and a body kind: where the
    /// delivery-status part starts in the message; 0 otherwise.
    pub part_offset: usize,
}

fn body_error(e: DsnError, part_offset: usize) -> smtp_codes_dsn_error {
    smtp_codes_dsn_error {
        kind: match e.kind() {
            DsnErrorKind::Empty => SMTP_CODES_DSN_ERROR_EMPTY,
            DsnErrorKind::NoFields => SMTP_CODES_DSN_ERROR_NO_FIELDS,
            DsnErrorKind::NoRecipients => SMTP_CODES_DSN_ERROR_NO_RECIPIENTS,
            _ => SMTP_CODES_DSN_ERROR_OTHER,
        },
        offset: e.offset(),
        part_offset,
    }
}

fn message_error(e: &MessageError) -> smtp_codes_dsn_error {
    let kind = match e {
        MessageError::Body { error, part_offset } => return body_error(*error, *part_offset),
        MessageError::NotAMessage => SMTP_CODES_DSN_ERROR_NOT_A_MESSAGE,
        MessageError::NotAReport { .. } => SMTP_CODES_DSN_ERROR_NOT_A_REPORT,
        MessageError::OtherReportType { .. } => SMTP_CODES_DSN_ERROR_OTHER_REPORT_TYPE,
        MessageError::MimeParserFailed => SMTP_CODES_DSN_ERROR_MIME_PARSER_FAILED,
        MessageError::NoDeliveryStatusPart => SMTP_CODES_DSN_ERROR_NO_DELIVERY_STATUS_PART,
        _ => SMTP_CODES_DSN_ERROR_OTHER,
    };
    smtp_codes_dsn_error {
        kind,
        offset: 0,
        part_offset: 0,
    }
}

/// # Safety
/// README conventions for every pointer.
unsafe fn parse_with(
    data: *const u8,
    len: usize,
    dsn_out: *mut *mut smtp_codes_dsn,
    error_out: *mut smtp_codes_dsn_error,
    parse: impl FnOnce(&[u8]) -> Result<DeliveryStatus<'_>, smtp_codes_dsn_error>,
) -> Ffi {
    // SAFETY: the caller's promises, passed on.
    let (data, out, error) = unsafe {
        (
            input(data, len)?,
            Out::new(dsn_out)?,
            Out::optional(error_out)?,
        )
    };
    match parse(data) {
        Ok(dsn) => {
            let handle = Box::new(smtp_codes_dsn {
                inner: dsn.into_owned(),
            });
            out.write(Box::into_raw(handle));
            Ok(())
        }
        Err(e) => {
            if let Some(error) = error {
                error.write(e);
            }
            Err(SMTP_CODES_ERR_PARSE)
        }
    }
}

/// Parses the body of a `message/delivery-status` part (RFC 3464; also
/// RFC 6533's global form): the per-message fields, a blank line, a group of
/// fields per recipient. Lenient: departures from the RFC are recorded as
/// defects (`smtp_codes_dsn_defect`). On success `*dsn_out` is a new report
/// the caller frees with `smtp_codes_dsn_free`; it copies what it keeps, so
/// `data` may be freed at once. `SMTP_CODES_ERR_PARSE` when there is no
/// recipient group at all (`error_out` may be NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_dsn_parse(
    data: *const u8,
    len: usize,
    dsn_out: *mut *mut smtp_codes_dsn,
    error_out: *mut smtp_codes_dsn_error,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions for every pointer.
        unsafe {
            parse_with(data, len, dsn_out, error_out, |d| {
                DeliveryStatus::parse(d).map_err(|e| body_error(e, 0))
            })
        }
    })
}

/// Finds the delivery-status part of a whole bounce message (RFC 6522
/// `multipart/report`, MIME decoding included) and parses it, as
/// `smtp_codes_dsn_parse`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_dsn_parse_message(
    data: *const u8,
    len: usize,
    dsn_out: *mut *mut smtp_codes_dsn,
    error_out: *mut smtp_codes_dsn_error,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions for every pointer.
        unsafe {
            parse_with(data, len, dsn_out, error_out, |d| {
                DeliveryStatus::parse_message(d).map_err(|e| message_error(&e))
            })
        }
    })
}

/// Frees a report and every view into it. NULL does nothing. Each report is
/// freed once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_dsn_free(dsn: *mut smtp_codes_dsn) {
    if dsn.is_null() {
        return;
    }
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // SAFETY: README conventions: a pointer that `smtp_codes_dsn_parse*`
        // made with `Box::into_raw`, freed once.
        drop(unsafe { Box::from_raw(dsn) });
    }));
}

/// # Safety
/// `dsn` is NULL or a live report.
unsafe fn report<'a>(
    dsn: *const smtp_codes_dsn,
) -> Result<&'a DeliveryStatus<'static>, smtp_codes_result> {
    // SAFETY: the caller's promise, passed on.
    unsafe { borrow(dsn) }.map(|d| &d.inner)
}

/// # Safety
/// `dsn` is NULL or a live report.
unsafe fn recipient<'a>(
    dsn: *const smtp_codes_dsn,
    index: usize,
) -> Result<&'a Recipient<'static>, smtp_codes_result> {
    // SAFETY: the caller's promise, passed on.
    unsafe { report(dsn) }?
        .recipients()
        .get(index)
        .ok_or(SMTP_CODES_ERR_INVALID_ARGUMENT)
}

/// How many per-recipient groups the report has (at least 1).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_dsn_recipient_count(
    dsn: *const smtp_codes_dsn,
    count_out: *mut usize,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions for every pointer.
        let (dsn, out) = unsafe { (report(dsn)?, Out::new(count_out)?) };
        out.write(dsn.recipients().len());
        Ok(())
    })
}

/// A field of a report (`smtp_codes_dsn_field_get`).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum smtp_codes_dsn_field_id {
    /// Per-message `Original-Envelope-Id`.
    SMTP_CODES_DSN_ORIGINAL_ENVELOPE_ID = 1,
    /// Per-message `Reporting-MTA` (typed: `dns; mail.example.org`).
    SMTP_CODES_DSN_REPORTING_MTA = 2,
    /// Per-message `DSN-Gateway` (typed).
    SMTP_CODES_DSN_DSN_GATEWAY = 3,
    /// Per-message `Received-From-MTA` (typed).
    SMTP_CODES_DSN_RECEIVED_FROM_MTA = 4,
    /// Per-message `Arrival-Date`.
    SMTP_CODES_DSN_ARRIVAL_DATE = 5,
    /// Per-recipient `Original-Recipient` (typed: `rfc822; a@example.com`).
    SMTP_CODES_DSN_ORIGINAL_RECIPIENT = 10,
    /// Per-recipient `Final-Recipient` (typed).
    SMTP_CODES_DSN_FINAL_RECIPIENT = 11,
    /// Per-recipient `Action`, as written (`smtp_codes_dsn_recipient_action`
    /// reads it).
    SMTP_CODES_DSN_ACTION = 12,
    /// Per-recipient `Status`, as written (`smtp_codes_dsn_recipient_status`
    /// reads its code).
    SMTP_CODES_DSN_STATUS = 13,
    /// Per-recipient `Remote-MTA` (typed).
    SMTP_CODES_DSN_REMOTE_MTA = 14,
    /// Per-recipient `Diagnostic-Code` (typed: `smtp; 550 5.1.1 ...`).
    SMTP_CODES_DSN_DIAGNOSTIC_CODE = 15,
    /// Per-recipient `Last-Attempt-Date`.
    SMTP_CODES_DSN_LAST_ATTEMPT_DATE = 16,
    /// Per-recipient `Final-Log-ID`.
    SMTP_CODES_DSN_FINAL_LOG_ID = 17,
    /// Per-recipient `Will-Retry-Until`.
    SMTP_CODES_DSN_WILL_RETRY_UNTIL = 18,
}

/// A field's value, unfolded and trimmed, as views into the report. For a
/// typed field (`type; value`) `type_name` is the type (`rfc822`) and
/// `value` what follows the `;`; for other fields `type_name` is empty.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct smtp_codes_dsn_field {
    /// The type of a typed field; empty otherwise or when missing.
    pub type_name: smtp_codes_bytes,
    /// The value.
    pub value: smtp_codes_bytes,
}

impl smtp_codes_dsn_field {
    fn plain(v: &FieldValue<'_>) -> smtp_codes_dsn_field {
        smtp_codes_dsn_field {
            type_name: smtp_codes_bytes::of(b""),
            value: smtp_codes_bytes::of(v.as_bytes()),
        }
    }

    fn typed(t: &TypedValue<'_>) -> smtp_codes_dsn_field {
        smtp_codes_dsn_field {
            type_name: smtp_codes_bytes::of(t.type_name().map_or(&b""[..], |n| n.as_bytes())),
            value: smtp_codes_bytes::of(t.value().as_bytes()),
        }
    }
}

/// A field of the report: a per-message field (`recipient` is then ignored)
/// or a field of recipient `recipient` (from 0).
/// `SMTP_CODES_ERR_NOT_FOUND` when the report does not have it,
/// `SMTP_CODES_ERR_INVALID_ARGUMENT` for another `field` or a recipient
/// index not below `smtp_codes_dsn_recipient_count`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_dsn_field_get(
    dsn: *const smtp_codes_dsn,
    recipient: usize,
    field: u32,
    field_out: *mut smtp_codes_dsn_field,
) -> smtp_codes_result {
    use smtp_codes_dsn_field_id::*;
    guard(|| {
        // SAFETY: README conventions for every pointer.
        let (dsn_ref, out) = unsafe { (report(dsn)?, Out::new(field_out)?) };
        let id = smtp_codes_dsn_field_id::from_u32(field).ok_or(SMTP_CODES_ERR_INVALID_ARGUMENT)?;
        let m = dsn_ref.per_message();
        let plain = |v: Option<&FieldValue<'_>>| v.map(smtp_codes_dsn_field::plain);
        let typed = |v: Option<&TypedValue<'_>>| v.map(smtp_codes_dsn_field::typed);
        let found = match id {
            SMTP_CODES_DSN_ORIGINAL_ENVELOPE_ID => plain(m.original_envelope_id()),
            SMTP_CODES_DSN_REPORTING_MTA => typed(m.reporting_mta()),
            SMTP_CODES_DSN_DSN_GATEWAY => typed(m.dsn_gateway()),
            SMTP_CODES_DSN_RECEIVED_FROM_MTA => typed(m.received_from_mta()),
            SMTP_CODES_DSN_ARRIVAL_DATE => plain(m.arrival_date()),
            per_recipient => {
                // SAFETY: README conventions: `dsn` is a live report.
                let r = unsafe { self::recipient(dsn, recipient) }?;
                match per_recipient {
                    SMTP_CODES_DSN_ORIGINAL_RECIPIENT => typed(r.original_recipient()),
                    SMTP_CODES_DSN_FINAL_RECIPIENT => typed(r.final_recipient()),
                    SMTP_CODES_DSN_ACTION => plain(r.action_text()),
                    SMTP_CODES_DSN_STATUS => plain(r.status().map(|s| s.text())),
                    SMTP_CODES_DSN_REMOTE_MTA => typed(r.remote_mta()),
                    SMTP_CODES_DSN_DIAGNOSTIC_CODE => {
                        typed(r.diagnostic_code().map(|d| d.as_typed()))
                    }
                    SMTP_CODES_DSN_LAST_ATTEMPT_DATE => plain(r.last_attempt_date()),
                    SMTP_CODES_DSN_FINAL_LOG_ID => plain(r.final_log_id()),
                    SMTP_CODES_DSN_WILL_RETRY_UNTIL => plain(r.will_retry_until()),
                    _ => None,
                }
            }
        };
        out.write(found.ok_or(SMTP_CODES_ERR_NOT_FOUND)?);
        Ok(())
    })
}

impl smtp_codes_dsn_field_id {
    /// The field C named, validated.
    fn from_u32(n: u32) -> Option<smtp_codes_dsn_field_id> {
        use smtp_codes_dsn_field_id::*;
        [
            SMTP_CODES_DSN_ORIGINAL_ENVELOPE_ID,
            SMTP_CODES_DSN_REPORTING_MTA,
            SMTP_CODES_DSN_DSN_GATEWAY,
            SMTP_CODES_DSN_RECEIVED_FROM_MTA,
            SMTP_CODES_DSN_ARRIVAL_DATE,
            SMTP_CODES_DSN_ORIGINAL_RECIPIENT,
            SMTP_CODES_DSN_FINAL_RECIPIENT,
            SMTP_CODES_DSN_ACTION,
            SMTP_CODES_DSN_STATUS,
            SMTP_CODES_DSN_REMOTE_MTA,
            SMTP_CODES_DSN_DIAGNOSTIC_CODE,
            SMTP_CODES_DSN_LAST_ATTEMPT_DATE,
            SMTP_CODES_DSN_FINAL_LOG_ID,
            SMTP_CODES_DSN_WILL_RETRY_UNTIL,
        ]
        .into_iter()
        .find(|f| *f as u32 == n)
    }
}

/// Any field by name, case-insensitive (`"X-Postfix-Sender"`, an extension
/// field): the first per-message field of that name when `recipient` is
/// `SIZE_MAX`, else the first of recipient `recipient`. The value is as
/// written (unfolded, trimmed; a typed field's type included).
/// `SMTP_CODES_ERR_NOT_FOUND` when there is none,
/// `SMTP_CODES_ERR_INVALID_ARGUMENT` when `name` is not UTF-8 or the index
/// is out of range.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_dsn_field_by_name(
    dsn: *const smtp_codes_dsn,
    recipient: usize,
    name: *const u8,
    name_len: usize,
    value_out: *mut smtp_codes_bytes,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions for every pointer.
        let (dsn_ref, name, out) =
            unsafe { (report(dsn)?, input(name, name_len)?, Out::new(value_out)?) };
        let name = std::str::from_utf8(name).map_err(|_| SMTP_CODES_ERR_INVALID_ARGUMENT)?;
        let value = if recipient == usize::MAX {
            dsn_ref.per_message().get(name)
        } else {
            // SAFETY: README conventions: `dsn` is a live report.
            unsafe { self::recipient(dsn, recipient) }?.get(name)
        };
        out.write(smtp_codes_bytes::of(
            value.ok_or(SMTP_CODES_ERR_NOT_FOUND)?.as_bytes(),
        ));
        Ok(())
    })
}

/// A per-recipient `Action` (RFC 3464 §2.3.3), `smtp_codes_dsn_action_name`.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum smtp_codes_dsn_action {
    /// `"failed"`.
    SMTP_CODES_DSN_ACTION_FAILED = 1,
    /// `"delayed"`.
    SMTP_CODES_DSN_ACTION_DELAYED = 2,
    /// `"delivered"`.
    SMTP_CODES_DSN_ACTION_DELIVERED = 3,
    /// `"relayed"`.
    SMTP_CODES_DSN_ACTION_RELAYED = 4,
    /// `"expanded"`.
    SMTP_CODES_DSN_ACTION_EXPANDED = 5,
}

mapping!(
    smtp_codes_dsn_action,
    DsnAction,
    as_str,
    fallback = SMTP_CODES_DSN_ACTION_FAILED,
    [
        SMTP_CODES_DSN_ACTION_FAILED = Failed,
        SMTP_CODES_DSN_ACTION_DELAYED = Delayed,
        SMTP_CODES_DSN_ACTION_DELIVERED = Delivered,
        SMTP_CODES_DSN_ACTION_RELAYED = Relayed,
        SMTP_CODES_DSN_ACTION_EXPANDED = Expanded,
    ]
);

/// The name of a `SMTP_CODES_DSN_ACTION_*` value (`"failed"`); NULL for
/// another integer.
#[unsafe(no_mangle)]
pub extern "C" fn smtp_codes_dsn_action_name(action: u32) -> *const c_char {
    guard_str(|| smtp_codes_dsn_action::name(action))
}

/// The `Action` of recipient `index`, a `SMTP_CODES_DSN_ACTION_*` value.
/// `SMTP_CODES_ERR_NOT_FOUND` when the field is missing or holds no action
/// RFC 3464 defines (its text: `smtp_codes_dsn_field_get`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_dsn_recipient_action(
    dsn: *const smtp_codes_dsn,
    index: usize,
    action_out: *mut u32,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions for every pointer.
        let (r, out) = unsafe { (recipient(dsn, index)?, Out::new(action_out)?) };
        let action = r.action().ok_or(SMTP_CODES_ERR_NOT_FOUND)?;
        out.write(smtp_codes_dsn_action::from_core(action) as u32);
        Ok(())
    })
}

/// The status code of recipient `index`'s `Status` field.
/// `SMTP_CODES_ERR_NOT_FOUND` when the field is missing or does not start
/// with a code.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_dsn_recipient_status(
    dsn: *const smtp_codes_dsn,
    index: usize,
    status_out: *mut smtp_codes_enhanced,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions for every pointer.
        let (r, out) = unsafe { (recipient(dsn, index)?, Out::new(status_out)?) };
        let code = r
            .status()
            .and_then(|s| s.code())
            .ok_or(SMTP_CODES_ERR_NOT_FOUND)?;
        out.write(smtp_codes_enhanced::of(Some(code)));
        Ok(())
    })
}

/// The status that best describes what happened to recipient `index`: the
/// `Status` field, unless it is a generic `X.0.0` (or `X.Y.0`) and the
/// SMTP diagnostic carries a more precise code of the same class (Exim
/// writes `5.0.0` and puts `5.1.1` in the diagnostic).
/// `SMTP_CODES_ERR_NOT_FOUND` when neither has one.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_dsn_recipient_effective_status(
    dsn: *const smtp_codes_dsn,
    index: usize,
    status_out: *mut smtp_codes_enhanced,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions for every pointer.
        let (r, out) = unsafe { (recipient(dsn, index)?, Out::new(status_out)?) };
        let code = r.effective_status().ok_or(SMTP_CODES_ERR_NOT_FOUND)?;
        out.write(smtp_codes_enhanced::of(Some(code)));
        Ok(())
    })
}

/// The reply code of recipient `index`'s SMTP `Diagnostic-Code`
/// (`smtp; 550 ...` gives 550). `SMTP_CODES_ERR_NOT_FOUND` when there is
/// none.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_dsn_recipient_reply_code(
    dsn: *const smtp_codes_dsn,
    index: usize,
    code_out: *mut u16,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions for every pointer.
        let (r, out) = unsafe { (recipient(dsn, index)?, Out::new(code_out)?) };
        let code = r.reply_code().ok_or(SMTP_CODES_ERR_NOT_FOUND)?;
        out.write(code.as_u16());
        Ok(())
    })
}

/// The classifier's verdict on recipient `index`, from its fields as the
/// core crate's `Recipient::verdict` reads them: the `Diagnostic-Code` text,
/// the `Status` code, the reply code of an `smtp` diagnostic and the
/// `Remote-MTA` host. `matched_offset` is an offset into the
/// `Diagnostic-Code` value (the `value` of `smtp_codes_dsn_field_get` with
/// `SMTP_CODES_DSN_DIAGNOSTIC_CODE`). A recipient with none of these gets
/// the verdict on nothing (outcome unknown), not an error. Allocates nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_dsn_recipient_verdict(
    dsn: *const smtp_codes_dsn,
    index: usize,
    verdict_out: *mut smtp_codes_verdict,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions for every pointer.
        let (r, out) = unsafe { (recipient(dsn, index)?, Out::new(verdict_out)?) };
        out.write(smtp_codes_verdict::of(&r.verdict()));
        Ok(())
    })
}

/// A departure from RFC 3464 that the parser read past
/// (`smtp_codes_dsn_defect_description`).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum smtp_codes_dsn_defect_kind {
    /// A line is not a field.
    SMTP_CODES_DSN_DEFECT_NOT_A_FIELD = 1,
    /// A continuation line follows no field.
    SMTP_CODES_DSN_DEFECT_CONTINUATION_WITHOUT_FIELD = 2,
    /// A per-recipient group is not preceded by a blank line.
    SMTP_CODES_DSN_DEFECT_MISSING_BLANK_LINE = 3,
    /// The per-message fields have no Reporting-MTA.
    SMTP_CODES_DSN_DEFECT_MISSING_REPORTING_MTA = 4,
    /// A per-recipient group has no Final-Recipient.
    SMTP_CODES_DSN_DEFECT_MISSING_FINAL_RECIPIENT = 5,
    /// A per-recipient group has no Action.
    SMTP_CODES_DSN_DEFECT_MISSING_ACTION = 6,
    /// A per-recipient group has no Status.
    SMTP_CODES_DSN_DEFECT_MISSING_STATUS = 7,
    /// An Action value is not one RFC 3464 defines.
    SMTP_CODES_DSN_DEFECT_UNKNOWN_ACTION = 8,
    /// A Status field is not a status code.
    SMTP_CODES_DSN_DEFECT_BAD_STATUS = 9,
    /// A typed field has no `type;` prefix.
    SMTP_CODES_DSN_DEFECT_MISSING_TYPE = 10,
    /// A field that may appear once appears again.
    SMTP_CODES_DSN_DEFECT_DUPLICATE_FIELD = 11,
}

mapping!(
    smtp_codes_dsn_defect_kind,
    DefectKind,
    description,
    fallback = SMTP_CODES_DSN_DEFECT_NOT_A_FIELD,
    [
        SMTP_CODES_DSN_DEFECT_NOT_A_FIELD = NotAField,
        SMTP_CODES_DSN_DEFECT_CONTINUATION_WITHOUT_FIELD = ContinuationWithoutField,
        SMTP_CODES_DSN_DEFECT_MISSING_BLANK_LINE = MissingBlankLine,
        SMTP_CODES_DSN_DEFECT_MISSING_REPORTING_MTA = MissingReportingMta,
        SMTP_CODES_DSN_DEFECT_MISSING_FINAL_RECIPIENT = MissingFinalRecipient,
        SMTP_CODES_DSN_DEFECT_MISSING_ACTION = MissingAction,
        SMTP_CODES_DSN_DEFECT_MISSING_STATUS = MissingStatus,
        SMTP_CODES_DSN_DEFECT_UNKNOWN_ACTION = UnknownAction,
        SMTP_CODES_DSN_DEFECT_BAD_STATUS = BadStatus,
        SMTP_CODES_DSN_DEFECT_MISSING_TYPE = MissingType,
        SMTP_CODES_DSN_DEFECT_DUPLICATE_FIELD = DuplicateField,
    ]
);

/// The core crate's description of a `SMTP_CODES_DSN_DEFECT_*` kind
/// (`"a line is not a field"`); NULL for another integer.
#[unsafe(no_mangle)]
pub extern "C" fn smtp_codes_dsn_defect_description(kind: u32) -> *const c_char {
    guard_str(|| smtp_codes_dsn_defect_kind::name(kind))
}

/// A defect of a report.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct smtp_codes_dsn_defect {
    /// A `SMTP_CODES_DSN_DEFECT_*` value.
    pub kind: smtp_codes_dsn_defect_kind,
    /// The byte offset in the delivery-status body.
    pub offset: usize,
}

/// How many defects the report has (0 for one that follows RFC 3464).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_dsn_defect_count(
    dsn: *const smtp_codes_dsn,
    count_out: *mut usize,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions for every pointer.
        let (dsn, out) = unsafe { (report(dsn)?, Out::new(count_out)?) };
        out.write(dsn.defects().len());
        Ok(())
    })
}

/// Defect `index` (from 0, in the order found).
/// `SMTP_CODES_ERR_INVALID_ARGUMENT` when `index` is not below
/// `smtp_codes_dsn_defect_count`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_dsn_defect_get(
    dsn: *const smtp_codes_dsn,
    index: usize,
    defect_out: *mut smtp_codes_dsn_defect,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions for every pointer.
        let (dsn, out) = unsafe { (report(dsn)?, Out::new(defect_out)?) };
        let d = dsn
            .defects()
            .get(index)
            .ok_or(SMTP_CODES_ERR_INVALID_ARGUMENT)?;
        out.write(smtp_codes_dsn_defect {
            kind: smtp_codes_dsn_defect_kind::from_core(d.kind()),
            offset: d.offset(),
        });
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::counting::allocations_in;
    use std::ffi::CStr;
    use std::mem::MaybeUninit;

    /// Every recipient of every report in `core/tests/data/dsn/`: the C
    /// verdict is the core's `Recipient::verdict`, its match within the
    /// `Diagnostic-Code` view.
    #[test]
    fn recipient_verdicts_are_cores() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/data/dsn");
        let mut recipients = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if ext != "eml" && ext != "txt" {
                continue;
            }
            let data = std::fs::read(&path).unwrap();
            let (want, parse): (_, unsafe extern "C" fn(_, _, _, _) -> _) = if ext == "eml" {
                (
                    DeliveryStatus::parse_message(&data).ok(),
                    smtp_codes_dsn_parse_message,
                )
            } else {
                (DeliveryStatus::parse(&data).ok(), smtp_codes_dsn_parse)
            };
            let Some(want) = want else { continue };
            let mut dsn = std::ptr::null_mut();
            // SAFETY: valid input and out-pointer.
            let r = unsafe { parse(data.as_ptr(), data.len(), &mut dsn, std::ptr::null_mut()) };
            assert_eq!(r, SMTP_CODES_OK, "{path:?}");
            for (i, rcpt) in want.recipients().iter().enumerate() {
                let v = rcpt.verdict();
                let mut got = MaybeUninit::<smtp_codes_verdict>::uninit();
                // SAFETY: a live report and a valid out-pointer.
                let r = unsafe { smtp_codes_dsn_recipient_verdict(dsn, i, got.as_mut_ptr()) };
                assert_eq!(r, SMTP_CODES_OK);
                // SAFETY: written on SMTP_CODES_OK.
                let got = unsafe { got.assume_init() };
                let want = smtp_codes_verdict::of(&v);
                assert_eq!(
                    (
                        got.outcome,
                        got.reason,
                        got.bounce,
                        got.action,
                        got.decided_by
                    ),
                    (
                        want.outcome,
                        want.reason,
                        want.bounce,
                        want.action,
                        want.decided_by
                    ),
                    "{path:?} {i}"
                );
                assert_eq!(
                    (got.enhanced, got.reply_code),
                    (want.enhanced, want.reply_code)
                );
                assert_eq!((got.why.data, got.why.len), (want.why.data, want.why.len));
                assert_eq!(
                    (got.matched_offset, got.matched_len),
                    (want.matched_offset, want.matched_len)
                );
                let mut diag = MaybeUninit::<smtp_codes_dsn_field>::uninit();
                // SAFETY: a live report and a valid out-pointer.
                let r = unsafe {
                    smtp_codes_dsn_field_get(
                        dsn,
                        i,
                        smtp_codes_dsn_field_id::SMTP_CODES_DSN_DIAGNOSTIC_CODE as u32,
                        diag.as_mut_ptr(),
                    )
                };
                let diag_len = if r == SMTP_CODES_OK {
                    // SAFETY: written on SMTP_CODES_OK.
                    unsafe { diag.assume_init() }.value.len
                } else {
                    0
                };
                assert!(got.matched_offset + got.matched_len <= diag_len);
                recipients += 1;
            }
            let mut v = MaybeUninit::<smtp_codes_verdict>::uninit();
            let n = want.recipients().len();
            // SAFETY: a live report; an index past the end; NULL pointers.
            unsafe {
                assert_eq!(
                    smtp_codes_dsn_recipient_verdict(dsn, n, v.as_mut_ptr()),
                    SMTP_CODES_ERR_INVALID_ARGUMENT
                );
                assert_eq!(
                    smtp_codes_dsn_recipient_verdict(dsn, 0, std::ptr::null_mut()),
                    SMTP_CODES_ERR_NULL
                );
                assert_eq!(
                    smtp_codes_dsn_recipient_verdict(std::ptr::null(), 0, v.as_mut_ptr()),
                    SMTP_CODES_ERR_NULL
                );
            }
            // The classifier built, a verdict allocates nothing.
            let allocated = allocations_in(|| {
                // SAFETY: a live report and a valid out-pointer.
                unsafe { smtp_codes_dsn_recipient_verdict(dsn, 0, v.as_mut_ptr()) };
            });
            assert_eq!(allocated, 0);
            // SAFETY: made by the parse above, freed once.
            unsafe { smtp_codes_dsn_free(dsn) };
        }
        assert!(recipients >= 20, "{recipients}");
    }

    #[test]
    fn dsn_enums_round_trip() {
        for a in DsnAction::ALL {
            let n = smtp_codes_dsn_action::from_core(a) as u32;
            assert_eq!(smtp_codes_dsn_action::to_core(n), Some(a));
            // SAFETY: a static NUL-terminated name.
            let name = unsafe { CStr::from_ptr(smtp_codes_dsn_action_name(n)) };
            assert_eq!(name.to_str().unwrap(), a.as_str());
        }
        assert!(smtp_codes_dsn_action_name(0).is_null());
        assert!(smtp_codes_dsn_defect_description(0).is_null());
        assert!(smtp_codes_dsn_defect_description(12).is_null());
        for k in 1..=11 {
            let kind = smtp_codes_dsn_defect_kind::to_core(k).unwrap();
            assert_eq!(smtp_codes_dsn_defect_kind::from_core(kind) as u32, k);
            // SAFETY: a static NUL-terminated description.
            let d = unsafe { CStr::from_ptr(smtp_codes_dsn_defect_description(k)) };
            assert_eq!(d.to_str().unwrap(), kind.description());
        }
    }
}
