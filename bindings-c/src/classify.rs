//! Classification of delivery failures: the core crate's `classify`, its
//! verdict as integer enums with the core's stable names.

use crate::reply::smtp_codes_enhanced;
use crate::smtp_codes_result::*;
use crate::{Out, borrow, guard, guard_str, input, mapping, smtp_codes_bytes, smtp_codes_result};
use smtp_codes_core::{
    Action, Bounce, Command, DecidedBy, Outcome, Reason, ReplyCode, Signals, Verdict, classify,
};
use std::ffi::c_char;

/// The outcome class of a verdict (`smtp_codes_outcome_name`).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum smtp_codes_outcome {
    /// `"success"`: delivered.
    SMTP_CODES_OUTCOME_SUCCESS = 1,
    /// `"transient"`: a temporary failure; retry.
    SMTP_CODES_OUTCOME_TRANSIENT = 2,
    /// `"permanent"`: a permanent failure; do not retry as is.
    SMTP_CODES_OUTCOME_PERMANENT = 3,
    /// `"unknown"`: nothing tells.
    SMTP_CODES_OUTCOME_UNKNOWN = 4,
}

mapping!(
    smtp_codes_outcome,
    Outcome,
    as_str,
    fallback = SMTP_CODES_OUTCOME_UNKNOWN,
    [
        SMTP_CODES_OUTCOME_SUCCESS = Success,
        SMTP_CODES_OUTCOME_TRANSIENT = Transient,
        SMTP_CODES_OUTCOME_PERMANENT = Permanent,
        SMTP_CODES_OUTCOME_UNKNOWN = Unknown,
    ]
);

/// Why a message was or was not delivered (`smtp_codes_reason_name` gives
/// the core crate's name, as in the comments).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum smtp_codes_reason {
    /// `"authfailure"`: SPF, DKIM or DMARC failed.
    SMTP_CODES_REASON_AUTH_FAILURE = 1,
    /// `"badreputation"`: the sender's IP or domain has a bad reputation.
    SMTP_CODES_REASON_BAD_REPUTATION = 2,
    /// `"blocked"`: the sender is blocked (a blocklist, a policy).
    SMTP_CODES_REASON_BLOCKED = 3,
    /// `"contenterror"`: the message's content or format is wrong.
    SMTP_CODES_REASON_CONTENT_ERROR = 4,
    /// `"delivered"`: delivered.
    SMTP_CODES_REASON_DELIVERED = 5,
    /// `"emailtoolarge"`: the message is too large.
    SMTP_CODES_REASON_EMAIL_TOO_LARGE = 6,
    /// `"expired"`: delivery gave up after retrying too long.
    SMTP_CODES_REASON_EXPIRED = 7,
    /// `"failedstarttls"`: TLS could not be established.
    SMTP_CODES_REASON_FAILED_STARTTLS = 8,
    /// `"feedback"`: a feedback report (complaint).
    SMTP_CODES_REASON_FEEDBACK = 9,
    /// `"filtered"`: a filter refused the message.
    SMTP_CODES_REASON_FILTERED = 10,
    /// `"hasmoved"`: the recipient's address has moved.
    SMTP_CODES_REASON_HAS_MOVED = 11,
    /// `"hostunknown"`: the recipient's domain does not exist or has no MX.
    SMTP_CODES_REASON_HOST_UNKNOWN = 12,
    /// `"mailboxfull"`: the recipient's mailbox is full.
    SMTP_CODES_REASON_MAILBOX_FULL = 13,
    /// `"mailererror"`: the mailer program failed.
    SMTP_CODES_REASON_MAILER_ERROR = 14,
    /// `"networkerror"`: a network or DNS failure.
    SMTP_CODES_REASON_NETWORK_ERROR = 15,
    /// `"norelaying"`: relaying denied.
    SMTP_CODES_REASON_NO_RELAYING = 16,
    /// `"notaccept"`: the domain accepts no mail (null MX).
    SMTP_CODES_REASON_NOT_ACCEPT = 17,
    /// `"notcompliantrfc"`: the message does not follow the RFCs.
    SMTP_CODES_REASON_NOT_COMPLIANT_RFC = 18,
    /// `"onhold"`: the outcome is not decided yet.
    SMTP_CODES_REASON_ON_HOLD = 19,
    /// `"policyviolation"`: the message breaks a policy.
    SMTP_CODES_REASON_POLICY_VIOLATION = 20,
    /// `"ratelimited"`: too many messages or connections.
    SMTP_CODES_REASON_RATE_LIMITED = 21,
    /// `"rejected"`: the sender address was refused.
    SMTP_CODES_REASON_REJECTED = 22,
    /// `"requireptr"`: the sending IP has no (matching) PTR record.
    SMTP_CODES_REASON_REQUIRE_PTR = 23,
    /// `"securityerror"`: a security problem (authentication, TLS, ...).
    SMTP_CODES_REASON_SECURITY_ERROR = 24,
    /// `"spamdetected"`: the message was taken for spam.
    SMTP_CODES_REASON_SPAM_DETECTED = 25,
    /// `"suppressed"`: the address is on a suppression list.
    SMTP_CODES_REASON_SUPPRESSED = 26,
    /// `"suspend"`: the recipient's account is disabled or suspended.
    SMTP_CODES_REASON_SUSPEND = 27,
    /// `"syntaxerror"`: an SMTP syntax error.
    SMTP_CODES_REASON_SYNTAX_ERROR = 28,
    /// `"systemerror"`: the remote system failed.
    SMTP_CODES_REASON_SYSTEM_ERROR = 29,
    /// `"systemfull"`: the remote system is out of storage.
    SMTP_CODES_REASON_SYSTEM_FULL = 30,
    /// `"undefined"`: nothing tells why.
    SMTP_CODES_REASON_UNDEFINED = 31,
    /// `"userunknown"`: the recipient does not exist.
    SMTP_CODES_REASON_USER_UNKNOWN = 32,
    /// `"vacation"`: an auto-reply.
    SMTP_CODES_REASON_VACATION = 33,
    /// `"virusdetected"`: the message carries a virus.
    SMTP_CODES_REASON_VIRUS_DETECTED = 34,
}

mapping!(
    smtp_codes_reason,
    Reason,
    as_str,
    fallback = SMTP_CODES_REASON_UNDEFINED,
    [
        SMTP_CODES_REASON_AUTH_FAILURE = AuthFailure,
        SMTP_CODES_REASON_BAD_REPUTATION = BadReputation,
        SMTP_CODES_REASON_BLOCKED = Blocked,
        SMTP_CODES_REASON_CONTENT_ERROR = ContentError,
        SMTP_CODES_REASON_DELIVERED = Delivered,
        SMTP_CODES_REASON_EMAIL_TOO_LARGE = EmailTooLarge,
        SMTP_CODES_REASON_EXPIRED = Expired,
        SMTP_CODES_REASON_FAILED_STARTTLS = FailedStartTls,
        SMTP_CODES_REASON_FEEDBACK = Feedback,
        SMTP_CODES_REASON_FILTERED = Filtered,
        SMTP_CODES_REASON_HAS_MOVED = HasMoved,
        SMTP_CODES_REASON_HOST_UNKNOWN = HostUnknown,
        SMTP_CODES_REASON_MAILBOX_FULL = MailboxFull,
        SMTP_CODES_REASON_MAILER_ERROR = MailerError,
        SMTP_CODES_REASON_NETWORK_ERROR = NetworkError,
        SMTP_CODES_REASON_NO_RELAYING = NoRelaying,
        SMTP_CODES_REASON_NOT_ACCEPT = NotAccept,
        SMTP_CODES_REASON_NOT_COMPLIANT_RFC = NotCompliantRfc,
        SMTP_CODES_REASON_ON_HOLD = OnHold,
        SMTP_CODES_REASON_POLICY_VIOLATION = PolicyViolation,
        SMTP_CODES_REASON_RATE_LIMITED = RateLimited,
        SMTP_CODES_REASON_REJECTED = Rejected,
        SMTP_CODES_REASON_REQUIRE_PTR = RequirePtr,
        SMTP_CODES_REASON_SECURITY_ERROR = SecurityError,
        SMTP_CODES_REASON_SPAM_DETECTED = SpamDetected,
        SMTP_CODES_REASON_SUPPRESSED = Suppressed,
        SMTP_CODES_REASON_SUSPEND = Suspend,
        SMTP_CODES_REASON_SYNTAX_ERROR = SyntaxError,
        SMTP_CODES_REASON_SYSTEM_ERROR = SystemError,
        SMTP_CODES_REASON_SYSTEM_FULL = SystemFull,
        SMTP_CODES_REASON_UNDEFINED = Undefined,
        SMTP_CODES_REASON_USER_UNKNOWN = UserUnknown,
        SMTP_CODES_REASON_VACATION = Vacation,
        SMTP_CODES_REASON_VIRUS_DETECTED = VirusDetected,
    ]
);

/// The bounce kind of a verdict (`smtp_codes_bounce_name`).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum smtp_codes_bounce {
    /// `"hard"`: the address will not work.
    SMTP_CODES_BOUNCE_HARD = 1,
    /// `"soft"`: it may work later or with another message.
    SMTP_CODES_BOUNCE_SOFT = 2,
    /// `"none"`: not a bounce.
    SMTP_CODES_BOUNCE_NONE = 3,
}

mapping!(
    smtp_codes_bounce,
    Bounce,
    as_str,
    fallback = SMTP_CODES_BOUNCE_SOFT,
    [
        SMTP_CODES_BOUNCE_HARD = Hard,
        SMTP_CODES_BOUNCE_SOFT = Soft,
        SMTP_CODES_BOUNCE_NONE = None,
    ]
);

/// What the sender should do (`smtp_codes_action_name`).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum smtp_codes_action {
    /// `"remove"`: remove the address from the list.
    SMTP_CODES_ACTION_REMOVE = 1,
    /// `"retry"`: retry later.
    SMTP_CODES_ACTION_RETRY = 2,
    /// `"retry_then_suppress"`: retry, and suppress the address if it keeps failing.
    SMTP_CODES_ACTION_RETRY_THEN_SUPPRESS = 3,
    /// `"fix_authentication"`: fix SPF, DKIM or DMARC.
    SMTP_CODES_ACTION_FIX_AUTHENTICATION = 4,
    /// `"fix_dns"`: fix the sender's DNS (PTR).
    SMTP_CODES_ACTION_FIX_DNS = 5,
    /// `"change_message"`: change the message (size, content).
    SMTP_CODES_ACTION_CHANGE_MESSAGE = 6,
    /// `"investigate"`: a person should look.
    SMTP_CODES_ACTION_INVESTIGATE = 7,
    /// `"none"`: nothing to do.
    SMTP_CODES_ACTION_NONE = 8,
}

mapping!(
    smtp_codes_action,
    Action,
    as_str,
    fallback = SMTP_CODES_ACTION_INVESTIGATE,
    [
        SMTP_CODES_ACTION_REMOVE = Remove,
        SMTP_CODES_ACTION_RETRY = Retry,
        SMTP_CODES_ACTION_RETRY_THEN_SUPPRESS = RetryThenSuppress,
        SMTP_CODES_ACTION_FIX_AUTHENTICATION = FixAuthentication,
        SMTP_CODES_ACTION_FIX_DNS = FixDns,
        SMTP_CODES_ACTION_CHANGE_MESSAGE = ChangeMessage,
        SMTP_CODES_ACTION_INVESTIGATE = Investigate,
        SMTP_CODES_ACTION_NONE = None,
    ]
);

/// Which signal decided the reason (`smtp_codes_decided_by_name`).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum smtp_codes_decided_by {
    /// `"provider_rule"`: a provider's documented wording or code.
    SMTP_CODES_DECIDED_BY_PROVIDER_RULE = 1,
    /// `"status_code"`: the enhanced status code.
    SMTP_CODES_DECIDED_BY_STATUS_CODE = 2,
    /// `"reply_code"`: the basic reply code.
    SMTP_CODES_DECIDED_BY_REPLY_CODE = 3,
    /// `"text_rule"`: a phrase in the diagnostic text.
    SMTP_CODES_DECIDED_BY_TEXT_RULE = 4,
    /// `"subject"`: the enhanced code's subject.
    SMTP_CODES_DECIDED_BY_SUBJECT = 5,
    /// `"command"`: the command that was refused.
    SMTP_CODES_DECIDED_BY_COMMAND = 6,
    /// `"class"`: only the class (success, failure).
    SMTP_CODES_DECIDED_BY_CLASS = 7,
    /// `"nothing"`: nothing decided.
    SMTP_CODES_DECIDED_BY_NOTHING = 8,
}

mapping!(
    smtp_codes_decided_by,
    DecidedBy,
    as_str,
    fallback = SMTP_CODES_DECIDED_BY_NOTHING,
    [
        SMTP_CODES_DECIDED_BY_PROVIDER_RULE = ProviderRule,
        SMTP_CODES_DECIDED_BY_STATUS_CODE = StatusCode,
        SMTP_CODES_DECIDED_BY_REPLY_CODE = ReplyCode,
        SMTP_CODES_DECIDED_BY_TEXT_RULE = TextRule,
        SMTP_CODES_DECIDED_BY_SUBJECT = Subject,
        SMTP_CODES_DECIDED_BY_COMMAND = Command,
        SMTP_CODES_DECIDED_BY_CLASS = Class,
        SMTP_CODES_DECIDED_BY_NOTHING = Nothing,
    ]
);

/// The SMTP command a reply answered (`smtp_codes_command_name`,
/// `smtp_codes_command_parse`); `SMTP_CODES_COMMAND_NONE` when not known.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum smtp_codes_command {
    /// Not known.
    SMTP_CODES_COMMAND_NONE = 0,
    /// `"CONNECT"`: the greeting.
    SMTP_CODES_COMMAND_CONNECT = 1,
    /// `"EHLO"` (and HELO, LHLO).
    SMTP_CODES_COMMAND_EHLO = 2,
    /// `"STARTTLS"`.
    SMTP_CODES_COMMAND_STARTTLS = 3,
    /// `"AUTH"`.
    SMTP_CODES_COMMAND_AUTH = 4,
    /// `"MAIL"`.
    SMTP_CODES_COMMAND_MAIL = 5,
    /// `"RCPT"`.
    SMTP_CODES_COMMAND_RCPT = 6,
    /// `"DATA"`.
    SMTP_CODES_COMMAND_DATA = 7,
    /// `"DATA-END"`: the reply after the message's final dot.
    SMTP_CODES_COMMAND_DATA_END = 8,
    /// `"BDAT"`.
    SMTP_CODES_COMMAND_BDAT = 9,
}

mapping!(
    smtp_codes_command,
    Command,
    as_str,
    fallback = SMTP_CODES_COMMAND_NONE,
    [
        SMTP_CODES_COMMAND_CONNECT = Connect,
        SMTP_CODES_COMMAND_EHLO = Ehlo,
        SMTP_CODES_COMMAND_STARTTLS = StartTls,
        SMTP_CODES_COMMAND_AUTH = Auth,
        SMTP_CODES_COMMAND_MAIL = Mail,
        SMTP_CODES_COMMAND_RCPT = Rcpt,
        SMTP_CODES_COMMAND_DATA = Data,
        SMTP_CODES_COMMAND_DATA_END = DataEnd,
        SMTP_CODES_COMMAND_BDAT = Bdat,
    ]
);

/// The name of a `SMTP_CODES_OUTCOME_*` value (`"transient"`); NULL for
/// another integer.
#[unsafe(no_mangle)]
pub extern "C" fn smtp_codes_outcome_name(outcome: u32) -> *const c_char {
    guard_str(|| smtp_codes_outcome::name(outcome))
}

/// The name of a `SMTP_CODES_REASON_*` value (`"userunknown"`); NULL for
/// another integer.
#[unsafe(no_mangle)]
pub extern "C" fn smtp_codes_reason_name(reason: u32) -> *const c_char {
    guard_str(|| smtp_codes_reason::name(reason))
}

/// The name of a `SMTP_CODES_BOUNCE_*` value (`"hard"`); NULL for another
/// integer.
#[unsafe(no_mangle)]
pub extern "C" fn smtp_codes_bounce_name(bounce: u32) -> *const c_char {
    guard_str(|| smtp_codes_bounce::name(bounce))
}

/// The name of a `SMTP_CODES_ACTION_*` value (`"retry_then_suppress"`); NULL
/// for another integer.
#[unsafe(no_mangle)]
pub extern "C" fn smtp_codes_action_name(action: u32) -> *const c_char {
    guard_str(|| smtp_codes_action::name(action))
}

/// The name of a `SMTP_CODES_DECIDED_BY_*` value (`"status_code"`); NULL for
/// another integer.
#[unsafe(no_mangle)]
pub extern "C" fn smtp_codes_decided_by_name(decided_by: u32) -> *const c_char {
    guard_str(|| smtp_codes_decided_by::name(decided_by))
}

/// The name of a `SMTP_CODES_COMMAND_*` value (`"RCPT"`); NULL for
/// `SMTP_CODES_COMMAND_NONE` and any other integer.
#[unsafe(no_mangle)]
pub extern "C" fn smtp_codes_command_name(command: u32) -> *const c_char {
    guard_str(|| smtp_codes_command::name(command))
}

/// Reads a command name as a log or a DSN writes it (`"RCPT TO:<a@b>"`,
/// `"end of data"`, `"HELO"`; case-insensitive). `SMTP_CODES_ERR_PARSE` when
/// it names no command the classifier knows.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_command_parse(
    data: *const u8,
    len: usize,
    command_out: *mut u32,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions for every pointer.
        let (data, out) = unsafe { (input(data, len)?, Out::new(command_out)?) };
        // Command words are ASCII: bytes that are not UTF-8 further on (an
        // address in Latin-1) do not hide the command.
        let text = String::from_utf8_lossy(data);
        let command = Command::parse(&text).ok_or(SMTP_CODES_ERR_PARSE)?;
        out.write(smtp_codes_command::from_core(command) as u32);
        Ok(())
    })
}

/// What is known about a delivery attempt. Zero-initialise it
/// (`smtp_codes_signals s = {0};`) and set what is known: every field at
/// zero means "not known".
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct smtp_codes_signals {
    /// The diagnostic text (a reply, a DSN Diagnostic-Code, a log line);
    /// any bytes. NULL with `diagnostic_len` 0 when none.
    pub diagnostic: *const u8,
    /// Its length in bytes.
    pub diagnostic_len: usize,
    /// The enhanced status code, from a DSN's Status field; `class_` 0 when
    /// none.
    pub status: smtp_codes_enhanced,
    /// The reply code; 0 when none.
    pub reply_code: u32,
    /// The remote host's name (`"gmail-smtp-in.l.google.com"`), UTF-8;
    /// NULL with `remote_host_len` 0 when none.
    pub remote_host: *const u8,
    /// Its length in bytes.
    pub remote_host_len: usize,
    /// The command the reply answered: a `SMTP_CODES_COMMAND_*` value.
    pub command: u32,
}

/// The classifier's answer. Its strings are static; its match is an offset
/// into the diagnostic it was given.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct smtp_codes_verdict {
    /// Success, transient, permanent, unknown.
    pub outcome: smtp_codes_outcome,
    /// Why.
    pub reason: smtp_codes_reason,
    /// Hard, soft, none.
    pub bounce: smtp_codes_bounce,
    /// What to do.
    pub action: smtp_codes_action,
    /// Which signal decided the reason.
    pub decided_by: smtp_codes_decided_by,
    /// The enhanced status code the verdict rests on (given or found in the
    /// diagnostic); `class_` 0 when none.
    pub enhanced: smtp_codes_enhanced,
    /// The reply code the verdict rests on; 0 when none.
    pub reply_code: u16,
    /// The explanation: the rule's source, the phrase or the code's meaning
    /// (static, not NUL-terminated; empty when nothing decided).
    pub why: smtp_codes_bytes,
    /// The provider whose rule decided (`"Gmail"`), static; empty otherwise.
    pub provider: smtp_codes_bytes,
    /// Where the phrase that decided is in the diagnostic (a text rule):
    /// offset and length in bytes; length 0 otherwise. The diagnostic is the
    /// signals' (`smtp_codes_classify`) or the recipient's `Diagnostic-Code`
    /// value (`smtp_codes_dsn_recipient_verdict`).
    pub matched_offset: usize,
    /// See `matched_offset`.
    pub matched_len: usize,
}

impl smtp_codes_verdict {
    /// The core's verdict, as C reads it.
    pub(crate) fn of(v: &Verdict) -> smtp_codes_verdict {
        let e = v.evidence();
        let matched = e.matched().unwrap_or(0..0);
        smtp_codes_verdict {
            outcome: smtp_codes_outcome::from_core(v.class()),
            reason: smtp_codes_reason::from_core(v.reason()),
            bounce: smtp_codes_bounce::from_core(v.bounce()),
            action: smtp_codes_action::from_core(v.action()),
            decided_by: smtp_codes_decided_by::from_core(e.decided_by()),
            enhanced: smtp_codes_enhanced::of(e.enhanced()),
            reply_code: e.reply_code().map_or(0, |c| c.as_u16()),
            why: smtp_codes_bytes::of(e.why().as_bytes()),
            provider: smtp_codes_bytes::of(
                e.provider_rule().map_or("", |r| r.provider()).as_bytes(),
            ),
            matched_offset: matched.start,
            matched_len: matched.len(),
        }
    }
}

/// Classifies a delivery attempt from what is known of it: the core crate's
/// `classify`. Allocates nothing. `SMTP_CODES_ERR_INVALID_ARGUMENT` for a
/// signal out of its range (reply code, status, command) or a remote host
/// that is not UTF-8; `SMTP_CODES_ERR_NULL` for a NULL pointer with a
/// non-zero length.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_classify(
    signals: *const smtp_codes_signals,
    verdict_out: *mut smtp_codes_verdict,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions: `signals` readable, `verdict_out` writable.
        let (s, out) = unsafe { (borrow(signals)?, Out::new(verdict_out)?) };
        let mut signals = Signals::new();
        if !(s.diagnostic.is_null() && s.diagnostic_len == 0) {
            // SAFETY: README conventions: `diagnostic` holds `diagnostic_len` bytes.
            signals = signals.diagnostic(unsafe { input(s.diagnostic, s.diagnostic_len) }?);
        }
        if let Some(status) = s.status.to_core()? {
            signals = signals.status(status);
        }
        if s.reply_code != 0 {
            let code = u16::try_from(s.reply_code)
                .ok()
                .and_then(ReplyCode::from_u16)
                .ok_or(SMTP_CODES_ERR_INVALID_ARGUMENT)?;
            signals = signals.reply_code(code);
        }
        if !(s.remote_host.is_null() && s.remote_host_len == 0) {
            // SAFETY: README conventions: `remote_host` holds `remote_host_len` bytes.
            let host = unsafe { input(s.remote_host, s.remote_host_len) }?;
            let host = std::str::from_utf8(host).map_err(|_| SMTP_CODES_ERR_INVALID_ARGUMENT)?;
            signals = signals.remote_host(host);
        }
        if s.command != smtp_codes_command::SMTP_CODES_COMMAND_NONE as u32 {
            let command =
                smtp_codes_command::to_core(s.command).ok_or(SMTP_CODES_ERR_INVALID_ARGUMENT)?;
            signals = signals.command(command);
        }
        out.write(smtp_codes_verdict::of(&classify(&signals)));
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    fn name(f: extern "C" fn(u32) -> *const c_char, n: u32) -> Option<&'static str> {
        let p = f(n);
        // SAFETY: NULL or a static NUL-terminated name.
        (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_str().unwrap())
    }

    /// Every variant of every core enum has its own C value, which maps
    /// back to it and is named as the core names it.
    #[test]
    fn enums_round_trip() {
        macro_rules! check {
            ($c:ident, $core:ident, $f:ident) => {{
                let mut seen = Vec::new();
                for v in $core::ALL.iter().copied() {
                    let n = $c::from_core(v) as u32;
                    assert!(!seen.contains(&n), "{v:?} shares {n}");
                    seen.push(n);
                    assert_eq!($c::to_core(n), Some(v));
                    assert_eq!(name($f, n), Some(v.as_str()));
                }
                assert_eq!(name($f, 0), None);
                assert_eq!(name($f, seen.len() as u32 + 1), None);
                assert_eq!(name($f, u32::MAX), None);
            }};
        }
        check!(smtp_codes_outcome, Outcome, smtp_codes_outcome_name);
        check!(smtp_codes_reason, Reason, smtp_codes_reason_name);
        check!(smtp_codes_bounce, Bounce, smtp_codes_bounce_name);
        check!(smtp_codes_action, Action, smtp_codes_action_name);
        check!(smtp_codes_decided_by, DecidedBy, smtp_codes_decided_by_name);
        check!(smtp_codes_command, Command, smtp_codes_command_name);
    }
}
