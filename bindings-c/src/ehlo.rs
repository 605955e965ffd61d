//! EHLO replies (RFC 5321 §4.1.1.1): the core crate's `Ehlo`, read without
//! allocating. Like the core's `Ehlo`, which keeps no copy of its lines and
//! reads them again for every question, every function here takes the raw
//! reply and parses it again; answers are integers and offsets into it.

use crate::reply::smtp_codes_parse_error_kind;
use crate::smtp_codes_result::*;
use crate::text::ehlo_keyword_text;
use crate::{Ffi, Out, guard, guard_str, input, offset_in, smtp_codes_result};
use smtp_codes_core::{
    Ehlo, EhloError, EhloErrorKind, EhloKeyword, Parameters, ReplyTexts, SizeLimit,
};
use std::ffi::c_char;

/// A registered keyword from its C id (`SMTP_CODES_EHLO_*`: its index in
/// the registry's order, from 1), validated.
pub(crate) fn keyword(id: u32) -> Option<EhloKeyword> {
    let index = usize::try_from(id).ok()?.checked_sub(1)?;
    EhloKeyword::ALL.get(index).copied()
}

/// The C id of a registered keyword: 0 for none (or one a newer core knows
/// and this build's constants do not).
pub(crate) fn keyword_id(k: Option<EhloKeyword>) -> u32 {
    k.and_then(|k| EhloKeyword::ALL.iter().position(|&x| x == k))
        .and_then(|i| u32::try_from(i + 1).ok())
        .unwrap_or(0)
}

/// What is wrong with an EHLO reply or one of its lines: the core crate's
/// `EhloErrorKind`.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum smtp_codes_ehlo_error_kind {
    /// The reply has no line, so no greeting.
    SMTP_CODES_EHLO_ERROR_NO_GREETING = 1,
    /// The greeting line does not start with a domain.
    SMTP_CODES_EHLO_ERROR_EXPECTED_DOMAIN = 2,
    /// An extension line does not start with a keyword (letters, digits,
    /// `-`), or the keyword is followed by something else than a space.
    SMTP_CODES_EHLO_ERROR_EXPECTED_KEYWORD = 3,
    /// A parameter holds a control character, DEL or a byte above 127.
    SMTP_CODES_EHLO_ERROR_INVALID_PARAMETER = 4,
    /// SIZE's parameter is not one decimal number that fits in 64 bits.
    SMTP_CODES_EHLO_ERROR_INVALID_SIZE = 5,
    /// An AUTH mechanism is not a SASL mechanism name.
    SMTP_CODES_EHLO_ERROR_INVALID_MECHANISM = 6,
    /// A LIMITS parameter is not `NAME[=VALUE]`, or a registered limit has
    /// no value or one outside its registered syntax.
    SMTP_CODES_EHLO_ERROR_INVALID_LIMIT = 7,
    /// A LIMITS parameter names the same registered limit twice.
    SMTP_CODES_EHLO_ERROR_DUPLICATE_LIMIT = 8,
    /// A line of the reply is not a reply line (`reply_line_error` says why).
    SMTP_CODES_EHLO_ERROR_REPLY_LINE = 9,
    /// A line of the reply has another code than 250.
    SMTP_CODES_EHLO_ERROR_UNEXPECTED_CODE = 10,
    /// The reply ends before its last line (`250 ...`), or goes on after it.
    SMTP_CODES_EHLO_ERROR_CONTINUATION = 11,
    /// A kind this version of the binding does not know.
    SMTP_CODES_EHLO_ERROR_OTHER = 12,
}

/// What is wrong with an EHLO reply or one of its lines, written to
/// `error_out` (when not NULL) if and only if a function returns
/// `SMTP_CODES_ERR_PARSE`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct smtp_codes_ehlo_error {
    /// A `SMTP_CODES_EHLO_ERROR_*` value.
    pub kind: smtp_codes_ehlo_error_kind,
    /// The line: 0 is the greeting, 1 the first extension line.
    pub line: usize,
    /// The byte offset in that line: in its text after `250-` (or `250 `),
    /// except for `SMTP_CODES_EHLO_ERROR_REPLY_LINE`, where it is in the
    /// whole line.
    pub offset: usize,
    /// For `SMTP_CODES_EHLO_ERROR_REPLY_LINE`: why the line is not a reply
    /// line, a `SMTP_CODES_PARSE_ERROR_*` value; 0 otherwise.
    pub reply_line_error: u32,
}

impl smtp_codes_ehlo_error {
    fn of(e: EhloError) -> smtp_codes_ehlo_error {
        use smtp_codes_ehlo_error_kind::*;
        let mut reply_line_error = 0;
        let kind = match e.kind() {
            EhloErrorKind::NoGreeting => SMTP_CODES_EHLO_ERROR_NO_GREETING,
            EhloErrorKind::ExpectedDomain => SMTP_CODES_EHLO_ERROR_EXPECTED_DOMAIN,
            EhloErrorKind::ExpectedKeyword => SMTP_CODES_EHLO_ERROR_EXPECTED_KEYWORD,
            EhloErrorKind::InvalidParameter => SMTP_CODES_EHLO_ERROR_INVALID_PARAMETER,
            EhloErrorKind::InvalidSize => SMTP_CODES_EHLO_ERROR_INVALID_SIZE,
            EhloErrorKind::InvalidMechanism => SMTP_CODES_EHLO_ERROR_INVALID_MECHANISM,
            EhloErrorKind::InvalidLimit => SMTP_CODES_EHLO_ERROR_INVALID_LIMIT,
            EhloErrorKind::DuplicateLimit => SMTP_CODES_EHLO_ERROR_DUPLICATE_LIMIT,
            EhloErrorKind::ReplyLine(k) => {
                reply_line_error = smtp_codes_parse_error_kind::of_line(k) as u32;
                SMTP_CODES_EHLO_ERROR_REPLY_LINE
            }
            EhloErrorKind::UnexpectedCode => SMTP_CODES_EHLO_ERROR_UNEXPECTED_CODE,
            EhloErrorKind::Continuation => SMTP_CODES_EHLO_ERROR_CONTINUATION,
            _ => SMTP_CODES_EHLO_ERROR_OTHER,
        };
        smtp_codes_ehlo_error {
            kind,
            line: e.line(),
            offset: e.offset(),
            reply_line_error,
        }
    }
}

/// The maximum message size a server declares with SIZE (RFC 1870).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum smtp_codes_size_limit {
    /// No well-formed SIZE line.
    SMTP_CODES_SIZE_LIMIT_NONE = 0,
    /// `SIZE` without a number: nothing is said about a maximum.
    SMTP_CODES_SIZE_LIMIT_NOT_DECLARED = 1,
    /// `SIZE 0`: no fixed maximum is in force.
    SMTP_CODES_SIZE_LIMIT_NO_FIXED_MAXIMUM = 2,
    /// `SIZE n`, n > 0: the largest message accepted, in octets
    /// (`size_maximum`).
    SMTP_CODES_SIZE_LIMIT_MAXIMUM = 3,
}

/// An EHLO reply, read by `smtp_codes_ehlo_parse`: what fits in a fixed
/// size. Offsets are into the reply as given. The extension lines are read
/// with `smtp_codes_ehlo_extension_get`, the AUTH mechanisms with
/// `smtp_codes_ehlo_auth_mechanism`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct smtp_codes_ehlo {
    /// Where the greeting's domain starts (`mx.example.com` in
    /// `250-mx.example.com Hello`).
    pub domain_offset: usize,
    /// The domain's length.
    pub domain_length: usize,
    /// Where the greeting's text after the domain starts (`Hello`).
    pub text_offset: usize,
    /// The text's length; 0 when there is none.
    pub text_length: usize,
    /// How many extension lines follow the greeting, well-formed or not.
    pub extension_count: usize,
    /// How many of them are malformed (`smtp_codes_ehlo_extension_get` returns
    /// `SMTP_CODES_ERR_PARSE` for each, saying why). They are skipped by
    /// every question, as the core crate does.
    pub error_count: usize,
    /// The first well-formed SIZE line: a `SMTP_CODES_SIZE_LIMIT_*` value.
    pub size_limit: smtp_codes_size_limit,
    /// For `SMTP_CODES_SIZE_LIMIT_MAXIMUM`, the maximum in octets; 0
    /// otherwise.
    pub size_maximum: u64,
    /// Whether a well-formed AUTH line offers SASL mechanisms (the first
    /// `AUTH mech ...` line, else the first `AUTH=mech ...` line).
    pub auth: bool,
    /// Whether that line has the pre-standard form `AUTH=mech ...`.
    pub auth_legacy: bool,
    /// How many mechanisms it lists (0 for `AUTH` alone, or no AUTH).
    pub auth_count: usize,
    /// Whether a well-formed LIMITS line is there (RFC 9422).
    pub limits: bool,
    /// Its `RCPTMAX`: the most RCPT TO commands in one transaction; 0 when
    /// not announced (a limit is never 0).
    pub rcpt_max: u32,
    /// Its `MAILMAX`: the most transactions in one session; 0 when not
    /// announced.
    pub mail_max: u32,
    /// Its `RCPTDOMAINMAX`: the most recipient domains in one session; 0
    /// when not announced.
    pub rcpt_domain_max: u32,
}

/// One extension line of an EHLO reply (`smtp_codes_ehlo_extension_get`).
/// Offsets are into the reply as given.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct smtp_codes_ehlo_extension {
    /// The registered keyword, a `SMTP_CODES_EHLO_*` value (case is
    /// ignored: `size` is `SMTP_CODES_EHLO_SIZE`); 0 for a keyword IANA never
    /// registered (`XCLIENT`, `X-EXPS`, ...).
    pub keyword: u32,
    /// Where the keyword starts, as the server spelled it.
    pub keyword_offset: usize,
    /// The keyword's length.
    pub keyword_length: usize,
    /// Where the parameters start, as sent (`LOGIN PLAIN` of
    /// `AUTH LOGIN PLAIN`), blanks between them included.
    pub params_offset: usize,
    /// The parameters' length; 0 when there are none.
    pub params_length: usize,
    /// How many parameters there are.
    pub param_count: usize,
    /// Whether this is the pre-standard `AUTH=mech ...` form.
    pub auth_legacy: bool,
}

/// `SMTP_CODES_ERR_PARSE`, with `error` written when given.
fn refuse(error: Option<Out<smtp_codes_ehlo_error>>, e: EhloError) -> Ffi {
    if let Some(error) = error {
        error.write(smtp_codes_ehlo_error::of(e));
    }
    Err(SMTP_CODES_ERR_PARSE)
}

/// The reply, or `SMTP_CODES_ERR_PARSE`.
fn parse(data: &[u8]) -> Result<Ehlo<'_, ReplyTexts<'_>>, smtp_codes_result> {
    Ehlo::parse(data).map_err(|_| SMTP_CODES_ERR_PARSE)
}

/// Reads an EHLO reply (RFC 5321 §4.1.1.1), the raw bytes of a whole `250`
/// reply (`250-mx.example.com Hello\r\n250-SIZE 35882577\r\n250 STARTTLS\r\n`;
/// CRLF or LF, a final line ending optional), as the core crate's
/// `Ehlo::parse`. `SMTP_CODES_ERR_PARSE` when it is not one (no line,
/// another code than 250, a line that is not a reply line, a greeting
/// without a domain, lines after the last; `error_out` may be NULL).
/// Malformed extension lines are not an error: `error_count` counts them.
/// Allocates nothing; each of the `smtp_codes_ehlo_*` functions that take
/// the reply reads it again (linear in its length).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_ehlo_parse(
    data: *const u8,
    len: usize,
    ehlo_out: *mut smtp_codes_ehlo,
    error_out: *mut smtp_codes_ehlo_error,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions for every pointer.
        let (data, out, error) = unsafe {
            (
                input(data, len)?,
                Out::new(ehlo_out)?,
                Out::optional(error_out)?,
            )
        };
        let ehlo = match Ehlo::parse(data) {
            Ok(ehlo) => ehlo,
            Err(e) => return refuse(error, e),
        };
        let greeting = ehlo.greeting();
        let domain = greeting.domain();
        let domain_offset = offset_in(data, domain)?;
        let (text_offset, text_length) = match greeting.text() {
            Some(text) => (offset_in(data, text)?, text.len()),
            None => (domain_offset + domain.len(), 0),
        };
        let (size_limit, size_maximum) = match ehlo.size() {
            None => (smtp_codes_size_limit::SMTP_CODES_SIZE_LIMIT_NONE, 0),
            Some(SizeLimit::NotDeclared) => {
                (smtp_codes_size_limit::SMTP_CODES_SIZE_LIMIT_NOT_DECLARED, 0)
            }
            Some(SizeLimit::NoFixedMaximum) => (
                smtp_codes_size_limit::SMTP_CODES_SIZE_LIMIT_NO_FIXED_MAXIMUM,
                0,
            ),
            Some(SizeLimit::Maximum(n)) => {
                (smtp_codes_size_limit::SMTP_CODES_SIZE_LIMIT_MAXIMUM, n)
            }
        };
        let auth = ehlo.auth();
        let limits = ehlo.limits();
        out.write(smtp_codes_ehlo {
            domain_offset,
            domain_length: domain.len(),
            text_offset,
            text_length,
            extension_count: ehlo.extensions().count(),
            error_count: ehlo.errors().count(),
            size_limit,
            size_maximum,
            auth: auth.is_some(),
            auth_legacy: auth.is_some_and(|a| a.is_legacy_form()),
            auth_count: auth.map_or(0, |a| a.iter().count()),
            limits: limits.is_some(),
            rcpt_max: limits.and_then(|l| l.rcpt_max()).unwrap_or(0),
            mail_max: limits.and_then(|l| l.mail_max()).unwrap_or(0),
            rcpt_domain_max: limits.and_then(|l| l.rcpt_domain_max()).unwrap_or(0),
        });
        Ok(())
    })
}

/// Extension line `index` of an EHLO reply (from 0: the line after the
/// greeting), read as the core crate's `Extension::parse` reads it.
/// `SMTP_CODES_ERR_PARSE` when the reply is not an EHLO reply or this line
/// is malformed (`error_out`, which may be NULL, says why: its `line` is
/// `index + 1` for a malformed line); `SMTP_CODES_ERR_INVALID_ARGUMENT`
/// when `index` is not below `extension_count`. Reading every line this way
/// costs time quadratic in the number of lines (EHLO replies have a few
/// dozen at most).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_ehlo_extension_get(
    data: *const u8,
    len: usize,
    index: usize,
    extension_out: *mut smtp_codes_ehlo_extension,
    error_out: *mut smtp_codes_ehlo_error,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions for every pointer.
        let (data, out, error) = unsafe {
            (
                input(data, len)?,
                Out::new(extension_out)?,
                Out::optional(error_out)?,
            )
        };
        let ehlo = match Ehlo::parse(data) {
            Ok(ehlo) => ehlo,
            Err(e) => return refuse(error, e),
        };
        let ext = match ehlo.extensions().nth(index) {
            None => return Err(SMTP_CODES_ERR_INVALID_ARGUMENT),
            Some(Err(e)) => return refuse(error, e),
            Some(Ok(ext)) => ext,
        };
        let keyword = ext.keyword().as_bytes();
        let params = ext.raw_params();
        out.write(smtp_codes_ehlo_extension {
            keyword: keyword_id(ext.known()),
            keyword_offset: offset_in(data, keyword)?,
            keyword_length: keyword.len(),
            params_offset: offset_in(data, params.as_bytes())?,
            params_length: params.as_bytes().len(),
            param_count: params.count(),
            auth_legacy: matches!(ext.parameters(), Parameters::Auth(a) if a.is_legacy_form()),
        });
        Ok(())
    })
}

/// Whether an EHLO reply advertises registered keyword `keyword`
/// (`SMTP_CODES_EHLO_*`), even on a line whose parameters are malformed (the
/// core crate's `Ehlo::supports`). `SMTP_CODES_ERR_INVALID_ARGUMENT` for an
/// integer that is no `SMTP_CODES_EHLO_*` value, `SMTP_CODES_ERR_PARSE`
/// when the reply is not an EHLO reply.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_ehlo_supports(
    data: *const u8,
    len: usize,
    keyword: u32,
    supported_out: *mut bool,
) -> smtp_codes_result {
    guard(|| {
        // SAFETY: README conventions for every pointer.
        let (data, out) = unsafe { (input(data, len)?, Out::new(supported_out)?) };
        let keyword = self::keyword(keyword).ok_or(SMTP_CODES_ERR_INVALID_ARGUMENT)?;
        out.write(parse(data)?.supports(keyword));
        Ok(())
    })
}

/// SASL mechanism `index` (from 0, in the server's order and spelling) of
/// the AUTH line that counts (`auth` of `smtp_codes_ehlo`), as
/// `*offset_out` and `*length_out` into the reply.
/// `SMTP_CODES_ERR_NOT_FOUND` when the reply has no well-formed AUTH line,
/// `SMTP_CODES_ERR_INVALID_ARGUMENT` when `index` is not below
/// `auth_count`, `SMTP_CODES_ERR_PARSE` when the reply is not an EHLO reply.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_ehlo_auth_mechanism(
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
        let auth = parse(data)?.auth().ok_or(SMTP_CODES_ERR_NOT_FOUND)?;
        let mechanism = auth
            .iter()
            .nth(index)
            .ok_or(SMTP_CODES_ERR_INVALID_ARGUMENT)?
            .as_bytes();
        offset.write(offset_in(data, mechanism)?);
        length.write(mechanism.len());
        Ok(())
    })
}

/// A registered EHLO keyword as the registry spells it
/// (`SMTP_CODES_EHLO_EIGHT_BIT_MIME` gives `"8BITMIME"`); NULL for an integer
/// that is no `SMTP_CODES_EHLO_*` value.
#[unsafe(no_mangle)]
pub extern "C" fn smtp_codes_ehlo_keyword_name(keyword: u32) -> *const c_char {
    guard_str(|| ehlo_keyword_text(self::keyword(keyword)?).map(|t| t.summary))
}

/// The registry's description of a registered EHLO keyword
/// (`SMTP_CODES_EHLO_SIZE` gives `"Message size declaration"`); NULL for an
/// integer that is no `SMTP_CODES_EHLO_*` value.
#[unsafe(no_mangle)]
pub extern "C" fn smtp_codes_ehlo_keyword_description(keyword: u32) -> *const c_char {
    guard_str(|| ehlo_keyword_text(self::keyword(keyword)?).map(|t| t.description))
}

/// Whether the registry says a registered EHLO keyword is deprecated (its
/// description or note says deprecated, obsolete or historic: TURN, SEND,
/// UTF8SMTP, ...). `SMTP_CODES_ERR_INVALID_ARGUMENT` for an integer that is
/// no `SMTP_CODES_EHLO_*` value.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn smtp_codes_ehlo_keyword_deprecated(
    keyword: u32,
    deprecated_out: *mut bool,
) -> smtp_codes_result {
    guard(|| -> Ffi {
        // SAFETY: README conventions: `deprecated_out` is NULL or writable.
        let out = unsafe { Out::new(deprecated_out) }?;
        let keyword = self::keyword(keyword).ok_or(SMTP_CODES_ERR_INVALID_ARGUMENT)?;
        out.write(keyword.is_deprecated());
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::counting::allocations_in;
    use std::ffi::CStr;
    use std::mem::MaybeUninit;

    /// EHLO replies: the real servers and the edge cases of
    /// `core/tests/ehlo.rs`, as raw replies, and replies that are not EHLO
    /// replies.
    pub(crate) const CASES: &[&[u8]] = &[
        b"250-smtp.gmail.com at your service, [198.51.100.7]\r\n250-SIZE 35882577\r\n250-8BITMIME\r\n250-STARTTLS\r\n250-ENHANCEDSTATUSCODES\r\n250-PIPELINING\r\n250-CHUNKING\r\n250 SMTPUTF8\r\n",
        b"250-smtp.gmail.com at your service, [198.51.100.7]\r\n250-SIZE 35882577\r\n250-8BITMIME\r\n250-AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH\r\n250-ENHANCEDSTATUSCODES\r\n250-PIPELINING\r\n250-CHUNKING\r\n250 SMTPUTF8\r\n",
        b"250-AM0PR01MB1234.eurprd01.prod.exchangelabs.com Hello [198.51.100.7]\r\n250-SIZE 157286400\r\n250-PIPELINING\r\n250-DSN\r\n250-ENHANCEDSTATUSCODES\r\n250-STARTTLS\r\n250-8BITMIME\r\n250-BINARYMIME\r\n250-CHUNKING\r\n250 SMTPUTF8\r\n",
        b"250-mail.example.com Hello [192.0.2.15]\r\n250-SIZE 37748736\r\n250-PIPELINING\r\n250-DSN\r\n250-ENHANCEDSTATUSCODES\r\n250-STARTTLS\r\n250-X-ANONYMOUSTLS\r\n250-AUTH NTLM\r\n250-X-EXPS GSSAPI NTLM\r\n250-8BITMIME\r\n250-BINARYMIME\r\n250-CHUNKING\r\n250-XEXCH50\r\n250-XRDST\r\n250 XSHADOWREQUEST\r\n",
        b"250-mail.example.com\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-VRFY\r\n250-ETRN\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-DSN\r\n250-SMTPUTF8\r\n250 CHUNKING\r\n",
        b"250-mail.example.com\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-ETRN\r\n250-STARTTLS\r\n250-AUTH PLAIN LOGIN\r\n250-AUTH=PLAIN LOGIN\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250 DSN\r\n",
        b"250-mx.example.net Hello client.example.org [198.51.100.7]\r\n250-SIZE 52428800\r\n250-8BITMIME\r\n250-PIPELINING\r\n250-CHUNKING\r\n250-STARTTLS\r\n250-PRDR\r\n250 HELP\r\n",
        b"250-mta1001.mail.gq1.yahoo.com\r\n250-PIPELINING\r\n250-SIZE 41697280\r\n250-8BITMIME\r\n250 STARTTLS\r\n",
        b"250 mx.example.com greets you\r\n",
        b"250 [192.0.2.1]",
        b"250-mx.example.com\r\n250-size 1000\r\n250-StartTls\r\n250-auth plain\r\n250 8bitmime\r\n",
        b"250-mx.example.com\r\n250-SIZE\r\n250 SIZE 5\r\n",
        b"250-mx.example.com\r\n250 SIZE 0\r\n",
        b"250-mx.example.com\r\n250 SIZE 18446744073709551615\r\n",
        b"250-mx.example.com\r\n250 SIZE 18446744073709551616\r\n",
        b"250-mx.example.com\r\n250-SIZE 10M\r\n250 SIZE=100\r\n",
        b"250-mx.example.com\r\n250-AUTH\r\n250 AUTH   SCRAM-SHA-256-PLUS  SCRAM_X\r\n",
        b"250-mx.example.com\r\n250-AUTH PLAIN LOG/IN\r\n250 AUTH ABCDEFGHIJKLMNOPQRSTU\r\n",
        b"250-mx.example.com\r\n250 AUTH=LOGIN\r\n",
        b"250-mx.example.com\r\n250-LIMITS RCPTMAX=100 MAILMAX=1000 RCPTDOMAINMAX=1\r\n250 PIPELINING\r\n",
        b"250-mx.example.com\r\n250 LIMITS rcptmax=20 X-FOO X_BAR=a:b,c\r\n",
        b"250-mx.example.com\r\n250-LIMITS RCPTMAX=0\r\n250-LIMITS RCPTMAX=5 rcptmax=6\r\n250 LIMITS MAILMAX=7\r\n",
        b"250-mx.example.com\r\n250 LIMITS\r\n",
        b"250-old.example.com\r\n250-TURN\r\n250-UTF8SMTP\r\n250-SMTPUTF8\r\n250 EXPN\r\n",
        b"250-mx.example.com\r\n250-XCLIENT NAME ADDR PROTO HELO\r\n250-X-LINK2STATE\r\n250 XFORWARD NAME ADDR PROTO HELO SOURCE\r\n",
        b"250-mx.example.com\r\n250-SIZE lots\r\n250--DASH\r\n250-PIPELINING\r\n250-\r\n250-AUTH PLAIN \xff\r\n250-BAD_KEYWORD\r\n250 STARTTLS\r\n",
        b"250 mx.example.com   Hi \xc3\xa9t\xc3\xa9  \r\n",
        b"250-mx.example.com\n250 DSN",
        b"250-mx.example.com\r\n250 PIPELINING   \t\r\n",
        // Not EHLO replies.
        b"",
        b"500 5.5.1 Command unrecognized: \"EHLO x\"\r\n",
        b"250-mx.example.com\r\n421 4.3.2 bye\r\n",
        b"250-mx.example.com\r\n250-DSN\r\n",
        b"250 mx.example.com\r\n250 DSN\r\n",
        b"250-mx.example.com\r\n25O DSN\r\n",
        b"250-mx.example.com\r\n\r\n250 DSN\r\n",
        b"250  mx.example.com\r\n",
        b"250 mx\x01.example.com hi\r\n",
        b"\xff\xfe\xfd",
    ];

    fn view(data: &[u8], offset: usize, length: usize) -> &[u8] {
        &data[offset..offset + length]
    }

    fn same_error(got: &smtp_codes_ehlo_error, want: EhloError) {
        let want = smtp_codes_ehlo_error::of(want);
        assert_eq!(
            (got.kind, got.line, got.offset, got.reply_line_error),
            (want.kind, want.line, want.offset, want.reply_line_error)
        );
    }

    /// Every function on one reply, compared with the core crate's `Ehlo`.
    fn compare(reply: &[u8]) {
        let (data, len) = (reply.as_ptr(), reply.len());
        let mut out = MaybeUninit::<smtp_codes_ehlo>::uninit();
        let mut error = MaybeUninit::<smtp_codes_ehlo_error>::uninit();
        // SAFETY: valid input and out-pointers.
        let r = unsafe { smtp_codes_ehlo_parse(data, len, out.as_mut_ptr(), error.as_mut_ptr()) };
        let ehlo = match Ehlo::parse(reply) {
            Err(e) => {
                assert_eq!(r, SMTP_CODES_ERR_PARSE, "{reply:?}");
                // SAFETY: written on SMTP_CODES_ERR_PARSE.
                same_error(unsafe { error.assume_init_ref() }, e);
                return;
            }
            Ok(ehlo) => ehlo,
        };
        assert_eq!(r, SMTP_CODES_OK, "{reply:?}");
        // SAFETY: written on SMTP_CODES_OK.
        let got = unsafe { out.assume_init() };
        let g = ehlo.greeting();
        assert_eq!(
            view(reply, got.domain_offset, got.domain_length),
            g.domain()
        );
        let text = view(reply, got.text_offset, got.text_length);
        assert_eq!(g.text().unwrap_or(b""), text);
        assert_eq!(got.extension_count, ehlo.extensions().count());
        assert_eq!(got.error_count, ehlo.errors().count());
        let size = match ehlo.size() {
            None => (smtp_codes_size_limit::SMTP_CODES_SIZE_LIMIT_NONE, 0),
            Some(SizeLimit::NotDeclared) => {
                (smtp_codes_size_limit::SMTP_CODES_SIZE_LIMIT_NOT_DECLARED, 0)
            }
            Some(SizeLimit::NoFixedMaximum) => (
                smtp_codes_size_limit::SMTP_CODES_SIZE_LIMIT_NO_FIXED_MAXIMUM,
                0,
            ),
            Some(SizeLimit::Maximum(n)) => {
                (smtp_codes_size_limit::SMTP_CODES_SIZE_LIMIT_MAXIMUM, n)
            }
        };
        assert_eq!((got.size_limit, got.size_maximum), size);
        let auth = ehlo.auth();
        assert_eq!(got.auth, auth.is_some());
        assert_eq!(got.auth_legacy, auth.is_some_and(|a| a.is_legacy_form()));
        assert_eq!(got.auth_count, auth.map_or(0, |a| a.iter().count()));
        let limits = ehlo.limits();
        assert_eq!(got.limits, limits.is_some());
        assert_eq!(
            (got.rcpt_max, got.mail_max, got.rcpt_domain_max),
            (
                limits.and_then(|l| l.rcpt_max()).unwrap_or(0),
                limits.and_then(|l| l.mail_max()).unwrap_or(0),
                limits.and_then(|l| l.rcpt_domain_max()).unwrap_or(0)
            )
        );

        for (i, line) in ehlo.extensions().enumerate() {
            let mut ext = MaybeUninit::<smtp_codes_ehlo_extension>::uninit();
            // SAFETY: valid input and out-pointers.
            let r = unsafe {
                smtp_codes_ehlo_extension_get(data, len, i, ext.as_mut_ptr(), error.as_mut_ptr())
            };
            match line {
                Err(e) => {
                    assert_eq!(r, SMTP_CODES_ERR_PARSE);
                    // SAFETY: written on SMTP_CODES_ERR_PARSE.
                    same_error(unsafe { error.assume_init_ref() }, e);
                    assert_eq!(e.line(), i + 1);
                }
                Ok(want) => {
                    assert_eq!(r, SMTP_CODES_OK);
                    // SAFETY: written on SMTP_CODES_OK.
                    let got = unsafe { ext.assume_init() };
                    let kw = view(reply, got.keyword_offset, got.keyword_length);
                    assert_eq!(kw, want.keyword().as_bytes());
                    assert_eq!(keyword(got.keyword), want.known());
                    assert_eq!(got.keyword == 0, want.known().is_none());
                    let params = view(reply, got.params_offset, got.params_length);
                    assert_eq!(params, want.raw_params().as_bytes());
                    assert_eq!(got.param_count, want.raw_params().count());
                    assert_eq!(
                        got.auth_legacy,
                        matches!(want.parameters(), Parameters::Auth(a) if a.is_legacy_form())
                    );
                }
            }
        }
        let mut ext = MaybeUninit::<smtp_codes_ehlo_extension>::uninit();
        // SAFETY: valid input and out-pointers.
        let r = unsafe {
            smtp_codes_ehlo_extension_get(
                data,
                len,
                got.extension_count,
                ext.as_mut_ptr(),
                std::ptr::null_mut(),
            )
        };
        assert_eq!(r, SMTP_CODES_ERR_INVALID_ARGUMENT);

        for (i, k) in EhloKeyword::ALL.iter().enumerate() {
            let mut supported = false;
            let id = u32::try_from(i + 1).unwrap();
            // SAFETY: valid input and out-pointer.
            let r = unsafe { smtp_codes_ehlo_supports(data, len, id, &mut supported) };
            assert_eq!((r, supported), (SMTP_CODES_OK, ehlo.supports(*k)), "{k}");
        }

        let (mut off, mut n) = (0, 0);
        match auth {
            None => {
                // SAFETY: valid input and out-pointers.
                let r = unsafe { smtp_codes_ehlo_auth_mechanism(data, len, 0, &mut off, &mut n) };
                assert_eq!(r, SMTP_CODES_ERR_NOT_FOUND);
            }
            Some(a) => {
                for (i, m) in a.iter().enumerate() {
                    // SAFETY: valid input and out-pointers.
                    let r =
                        unsafe { smtp_codes_ehlo_auth_mechanism(data, len, i, &mut off, &mut n) };
                    assert_eq!((r, view(reply, off, n)), (SMTP_CODES_OK, m.as_bytes()));
                }
                // SAFETY: valid input and out-pointers.
                let r = unsafe {
                    smtp_codes_ehlo_auth_mechanism(data, len, got.auth_count, &mut off, &mut n)
                };
                assert_eq!(r, SMTP_CODES_ERR_INVALID_ARGUMENT);
            }
        }
    }

    #[test]
    fn every_answer_is_cores() {
        for reply in CASES {
            compare(reply);
        }
        // Each case with LF line endings, and without its last line ending.
        for reply in CASES {
            let lf: Vec<u8> = reply.iter().copied().filter(|&b| b != b'\r').collect();
            compare(&lf);
            compare(reply.strip_suffix(b"\r\n").unwrap_or(reply));
        }
    }

    #[test]
    fn reading_allocates_nothing() {
        let reply = CASES[1];
        let (data, len) = (reply.as_ptr(), reply.len());
        let n = allocations_in(|| {
            let mut ehlo = MaybeUninit::<smtp_codes_ehlo>::uninit();
            let mut ext = MaybeUninit::<smtp_codes_ehlo_extension>::uninit();
            let (mut supported, mut off, mut n) = (false, 0, 0);
            // SAFETY: valid input and out-pointers.
            unsafe {
                assert_eq!(
                    smtp_codes_ehlo_parse(data, len, ehlo.as_mut_ptr(), std::ptr::null_mut()),
                    SMTP_CODES_OK
                );
                assert_eq!(
                    smtp_codes_ehlo_extension_get(
                        data,
                        len,
                        2,
                        ext.as_mut_ptr(),
                        std::ptr::null_mut()
                    ),
                    SMTP_CODES_OK
                );
                assert_eq!(
                    smtp_codes_ehlo_supports(data, len, 24, &mut supported),
                    SMTP_CODES_OK
                );
                assert_eq!(
                    smtp_codes_ehlo_auth_mechanism(data, len, 3, &mut off, &mut n),
                    SMTP_CODES_OK
                );
            }
            assert!(!smtp_codes_ehlo_keyword_name(24).is_null());
        });
        assert_eq!(n, 0);
    }

    /// The C ids are the registry's order, the order of `EhloKeyword::ALL`
    /// and of the header's `SMTP_CODES_EHLO_*`; names, descriptions and
    /// flags are the core's.
    #[test]
    fn keyword_ids_names_and_flags() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("registry");
        let registry = smtp_codes_codegen::Registry::read_dir(&dir).unwrap();
        let rows = &registry.mail_parameters.keywords;
        assert_eq!(rows.len(), EhloKeyword::ALL.len());
        for (i, (k, row)) in EhloKeyword::ALL.iter().zip(rows).enumerate() {
            let id = u32::try_from(i + 1).unwrap();
            assert_eq!(k.as_str(), row.keyword);
            assert_eq!(keyword(id), Some(*k));
            assert_eq!(keyword_id(Some(*k)), id);
            // SAFETY: static NUL-terminated strings.
            let name = unsafe { CStr::from_ptr(smtp_codes_ehlo_keyword_name(id)) };
            assert_eq!(name.to_str().unwrap(), k.as_str());
            // SAFETY: as above.
            let d = unsafe { CStr::from_ptr(smtp_codes_ehlo_keyword_description(id)) };
            assert_eq!(d.to_str().unwrap(), k.description());
            let mut deprecated = !k.is_deprecated();
            // SAFETY: a valid out-pointer.
            let r = unsafe { smtp_codes_ehlo_keyword_deprecated(id, &mut deprecated) };
            assert_eq!((r, deprecated), (SMTP_CODES_OK, k.is_deprecated()));
        }
        let past = u32::try_from(rows.len() + 1).unwrap();
        assert_eq!(keyword_id(None), 0);
        for bad in [0, past, u32::MAX] {
            assert_eq!(keyword(bad), None);
            assert!(smtp_codes_ehlo_keyword_name(bad).is_null());
            assert!(smtp_codes_ehlo_keyword_description(bad).is_null());
            let mut deprecated = true;
            // SAFETY: a valid out-pointer.
            let r = unsafe { smtp_codes_ehlo_keyword_deprecated(bad, &mut deprecated) };
            assert_eq!((r, deprecated), (SMTP_CODES_ERR_INVALID_ARGUMENT, true));
        }
    }
}
