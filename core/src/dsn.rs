//! Delivery status notifications: what an MTA reports about a message it
//! could not deliver, delayed, delivered or relayed (RFC 3464).
//!
//! A DSN is a `multipart/report` message (RFC 6522) whose second part, a
//! `message/delivery-status` body (or `message/global-delivery-status`,
//! RFC 6533), holds fields in the syntax of header fields: one group of
//! per-message fields, then one group per recipient, each preceded by a
//! blank line. [`DeliveryStatus::parse`] reads such a body; with the `mime`
//! feature (on by default), `DeliveryStatus::parse_message` and
//! `ReportPart::find` first find that part in a whole bounce message, with
//! the `mail-parser` crate.
//!
//! ```
//! use smtp_codes::dsn::{Action, DeliveryStatus};
//!
//! // Exim writes a generic Status and the real code in the diagnostic.
//! let body = b"Reporting-MTA: dns; mail.example.org\n\
//!              \n\
//!              Action: failed\n\
//!              Final-Recipient: rfc822;x@example.com\n\
//!              Status: 5.0.0\n\
//!              Remote-MTA: dns; mx.example.com\n\
//!              Diagnostic-Code: smtp; 550 5.1.1 <x@example.com>: Recipient address rejected\n";
//! let dsn = DeliveryStatus::parse(body)?;
//! assert_eq!(dsn.per_message().reporting_mta().unwrap().value(), "mail.example.org");
//!
//! let rcpt = &dsn.recipients()[0];
//! assert_eq!(rcpt.final_recipient().unwrap().value(), "x@example.com");
//! assert_eq!(rcpt.action(), Some(Action::Failed));
//! assert_eq!(rcpt.status().unwrap().code().unwrap().to_string(), "5.0.0");
//! assert_eq!(rcpt.effective_status().unwrap().to_string(), "5.1.1");
//! assert_eq!(rcpt.reply_code().unwrap(), 550);
//! assert!(dsn.defects().is_empty());
//! # Ok::<(), smtp_codes::dsn::DsnError>(())
//! ```
//!
//! # Leniency
//!
//! Reports come from many MTAs and gateways. The parser never panics and
//! reads past what it can't use, recording each departure from RFC 3464 as
//! a [`Defect`] with its byte offset: a line that is not a field, a missing
//! blank line between groups, a missing required field, a `Status` that is
//! not a code, an unknown action. It fails ([`DsnError`]) only when there is
//! no per-recipient group at all. Field names are case-insensitive, lines end
//! in CRLF or LF, folded lines are unfolded, a line of spaces and tabs counts
//! as blank, and fields this crate does not know are kept, in order.
//!
//! This module needs the `alloc` feature.

mod parse;
mod value;

#[cfg(feature = "mime")]
mod message;

#[cfg(feature = "mime")]
pub use message::{MessageError, ReportMediaType, ReportPart};
pub use value::{Field, FieldValue, TypedValue};

use crate::{EnhancedCode, ReplyCode, ReplyLine};
use alloc::vec::Vec;
use core::fmt;

/// A parsed `message/delivery-status` (RFC 3464 §2.1) or
/// `message/global-delivery-status` (RFC 6533 §4.1) body.
///
/// ```
/// use smtp_codes::dsn::DeliveryStatus;
/// // RFC 3464, Appendix E, "Delayed DSN".
/// let dsn = DeliveryStatus::parse(
///     b"Reporting-MTA: dns; sun2.nsfnet-relay.ac.uk\r\n\
///       \r\n\
///       Final-Recipient: rfc822;thomas@de-montfort.ac.uk\r\n\
///       Status: 4.0.0 (unknown temporary failure)\r\n\
///       Action: delayed\r\n",
/// )?;
/// assert_eq!(dsn.recipients().len(), 1);
/// let status = dsn.recipients()[0].status().unwrap();
/// assert!(status.code().unwrap().is_persistent_transient_failure());
/// assert_eq!(status.comment(), Some(&b"unknown temporary failure"[..]));
/// # Ok::<(), smtp_codes::dsn::DsnError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeliveryStatus<'a> {
    per_message: PerMessage<'a>,
    recipients: Vec<Recipient<'a>>,
    defects: Vec<Defect>,
}

impl<'a> DeliveryStatus<'a> {
    /// Parses a delivery-status body (the part's content, after its MIME
    /// headers and any transfer decoding). Values borrow from `body` unless
    /// a field is folded.
    ///
    /// Fails only when no per-recipient group can be found; every other
    /// problem is skipped and reported in [`defects`](Self::defects).
    ///
    /// ```
    /// use smtp_codes::dsn::{DeliveryStatus, DefectKind, DsnErrorKind};
    /// let dsn = DeliveryStatus::parse(
    ///     b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nthis is no field\nAction: failed\nStatus: 5.0.0\n",
    /// )?;
    /// assert_eq!(dsn.defects()[0].kind(), DefectKind::NotAField);
    /// assert_eq!(dsn.defects()[0].offset(), 52);
    ///
    /// let err = DeliveryStatus::parse(b"Reporting-MTA: dns; x\n").unwrap_err();
    /// assert_eq!(err.kind(), DsnErrorKind::NoRecipients);
    /// assert_eq!(err.offset(), 22);
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn parse(body: &'a [u8]) -> Result<DeliveryStatus<'a>, DsnError> {
        parse::parse(body)
    }

    /// The per-message fields (RFC 3464 §2.2).
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\nArrival-Date: Thu, 7 Jul 1994 17:15:49 -0400\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// assert_eq!(dsn.per_message().arrival_date().unwrap(), "Thu, 7 Jul 1994 17:15:49 -0400");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn per_message(&self) -> &PerMessage<'a> {
        &self.per_message
    }

    /// The per-recipient groups (RFC 3464 §2.3), in order; never empty.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n\nFinal-Recipient: rfc822; c@d\nAction: delivered\nStatus: 2.0.0\n")?;
    /// let who: Vec<_> = dsn.recipients().iter().map(|r| r.final_recipient().unwrap().value().to_string()).collect();
    /// assert_eq!(who, ["a@b", "c@d"]);
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn recipients(&self) -> &[Recipient<'a>] {
        &self.recipients
    }

    /// What the parser skipped or found missing, by byte offset.
    ///
    /// ```
    /// use smtp_codes::dsn::{DeliveryStatus, DefectKind};
    /// let dsn = DeliveryStatus::parse(b"Final-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// assert_eq!(dsn.defects()[0].kind(), DefectKind::MissingReportingMta);
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn defects(&self) -> &[Defect] {
        &self.defects
    }

    /// The report, owning all its values (for keeping it after the input
    /// is gone).
    ///
    /// ```
    /// use smtp_codes::dsn::DeliveryStatus;
    /// let body = String::from("Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n");
    /// let owned: DeliveryStatus<'static> = DeliveryStatus::parse(body.as_bytes())?.into_owned();
    /// drop(body);
    /// assert_eq!(owned.recipients().len(), 1);
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn into_owned(self) -> DeliveryStatus<'static> {
        DeliveryStatus {
            per_message: self.per_message.into_owned(),
            recipients: self
                .recipients
                .into_iter()
                .map(Recipient::into_owned)
                .collect(),
            defects: self.defects,
        }
    }
}

fn owned_field(f: Option<FieldValue<'_>>) -> Option<FieldValue<'static>> {
    f.map(FieldValue::into_owned)
}

fn owned_typed(t: Option<TypedValue<'_>>) -> Option<TypedValue<'static>> {
    t.map(TypedValue::into_owned)
}

fn owned_fields(fields: Vec<Field<'_>>) -> Vec<Field<'static>> {
    fields.into_iter().map(Field::into_owned).collect()
}

fn first<'s, 'a>(fields: &'s [Field<'a>], name: &str) -> Option<&'s FieldValue<'a>> {
    fields.iter().find(|f| f.is_named(name)).map(Field::value)
}

/// The per-message fields of a DSN (RFC 3464 §2.2): the typed ones, and all
/// of them in order.
///
/// ```
/// use smtp_codes::dsn::DeliveryStatus;
/// let dsn = DeliveryStatus::parse(
///     b"Original-Envelope-Id: 0123-abc\n\
///       Reporting-MTA: dns; mx.example.net\n\
///       Received-From-MTA: dns; client.example.org (192.0.2.7)\n\
///       X-Postfix-Queue-ID: 3F2A1\n\
///       \n\
///       Final-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.1.1\n",
/// )?;
/// let pm = dsn.per_message();
/// assert_eq!(pm.original_envelope_id().unwrap(), "0123-abc");
/// assert_eq!(pm.received_from_mta().unwrap().value(), "client.example.org (192.0.2.7)");
/// assert_eq!(pm.extension_fields().map(|f| f.name()).collect::<Vec<_>>(), ["X-Postfix-Queue-ID"]);
/// # Ok::<(), smtp_codes::dsn::DsnError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PerMessage<'a> {
    offset: usize,
    fields: Vec<Field<'a>>,
    original_envelope_id: Option<FieldValue<'a>>,
    reporting_mta: Option<TypedValue<'a>>,
    dsn_gateway: Option<TypedValue<'a>>,
    received_from_mta: Option<TypedValue<'a>>,
    arrival_date: Option<FieldValue<'a>>,
}

impl<'a> PerMessage<'a> {
    /// `Original-Envelope-Id` (§2.2.1): the envelope identifier the sender
    /// gave (the `ENVID` of RFC 3461), case-sensitive.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Original-Envelope-Id: QQ314159\nReporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// assert_eq!(dsn.per_message().original_envelope_id().unwrap(), "QQ314159");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn original_envelope_id(&self) -> Option<&FieldValue<'a>> {
        self.original_envelope_id.as_ref()
    }

    /// `Reporting-MTA` (§2.2.2): the MTA that attempted the delivery, relay
    /// or gateway operation; required.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; cs.utk.edu\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// let mta = dsn.per_message().reporting_mta().unwrap();
    /// assert!(mta.has_type("dns"));
    /// assert_eq!(mta.value(), "cs.utk.edu");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn reporting_mta(&self) -> Option<&TypedValue<'a>> {
        self.reporting_mta.as_ref()
    }

    /// `DSN-Gateway` (§2.2.3): the gateway that translated a foreign
    /// delivery report into this DSN.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: mailbus; SYS30\nDSN-Gateway: dns; mr.timeplex.com\n\nFinal-Recipient: unknown; nair_s\nAction: failed\nStatus: 5.0.0\n")?;
    /// assert_eq!(dsn.per_message().dsn_gateway().unwrap().value(), "mr.timeplex.com");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn dsn_gateway(&self) -> Option<&TypedValue<'a>> {
        self.dsn_gateway.as_ref()
    }

    /// `Received-From-MTA` (§2.2.4): the MTA the message came from.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\nReceived-From-MTA: dns; client.example (192.0.2.1)\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// assert_eq!(dsn.per_message().received_from_mta().unwrap().value(), "client.example (192.0.2.1)");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn received_from_mta(&self) -> Option<&TypedValue<'a>> {
        self.received_from_mta.as_ref()
    }

    /// `Arrival-Date` (§2.2.5): when the message reached the Reporting MTA,
    /// as written (an RFC 5322 date-time).
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\nArrival-Date: Sat, 2 Jul 1994 17:10:28 -0400\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// assert_eq!(dsn.per_message().arrival_date().unwrap(), "Sat, 2 Jul 1994 17:10:28 -0400");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn arrival_date(&self) -> Option<&FieldValue<'a>> {
        self.arrival_date.as_ref()
    }

    /// Every field of the group, in order, known or not.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\nX-A: 1\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// assert_eq!(dsn.per_message().fields().len(), 2);
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn fields(&self) -> &[Field<'a>] {
        &self.fields
    }

    /// The value of the first field with this name, ignoring ASCII case.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\nX-Postfix-Sender: rfc822; me@example.org\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// assert_eq!(dsn.per_message().get("x-postfix-sender").unwrap(), "rfc822; me@example.org");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn get(&self, name: &str) -> Option<&FieldValue<'a>> {
        first(&self.fields, name)
    }

    /// The fields RFC 3464 does not define as per-message fields: extension
    /// fields such as `X-Postfix-Queue-ID`, in order.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\nX-A: 1\nX-B: 2\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// assert_eq!(dsn.per_message().extension_fields().count(), 2);
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn extension_fields(&self) -> impl Iterator<Item = &Field<'a>> {
        self.fields
            .iter()
            .filter(|f| !parse::Name::of(f.name()).is_per_message())
    }

    /// The byte offset of the group's first field (0 when there is none).
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"\r\nReporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// assert_eq!(dsn.per_message().offset(), 2);
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn offset(&self) -> usize {
        self.offset
    }

    fn into_owned(self) -> PerMessage<'static> {
        PerMessage {
            offset: self.offset,
            fields: owned_fields(self.fields),
            original_envelope_id: owned_field(self.original_envelope_id),
            reporting_mta: owned_typed(self.reporting_mta),
            dsn_gateway: owned_typed(self.dsn_gateway),
            received_from_mta: owned_typed(self.received_from_mta),
            arrival_date: owned_field(self.arrival_date),
        }
    }
}

/// The action the Reporting MTA took for a recipient (RFC 3464 §2.3.3),
/// compared without regard to case.
///
/// ```
/// use smtp_codes::dsn::Action;
/// assert_eq!(Action::from_bytes(b"Failed"), Some(Action::Failed));
/// assert_eq!(Action::from_bytes(b"bounced"), None);
/// assert_eq!(Action::Delayed.as_str(), "delayed");
/// assert!(Action::Delivered.is_final());
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// `failed`: the message could not be delivered to the recipient; no
    /// further attempts will be made.
    Failed,
    /// `delayed`: not yet delivered or relayed; attempts continue.
    Delayed,
    /// `delivered`: delivered to the recipient address (not necessarily read).
    Delivered,
    /// `relayed`: relayed or gatewayed into an environment that does not
    /// report successful delivery.
    Relayed,
    /// `expanded`: delivered to an alias and forwarded to several addresses
    /// beyond it.
    Expanded,
}

impl Action {
    /// Every action, in RFC 3464's order.
    ///
    /// ```
    /// assert_eq!(smtp_codes::dsn::Action::ALL.len(), 5);
    /// ```
    pub const ALL: [Action; 5] = [
        Action::Failed,
        Action::Delayed,
        Action::Delivered,
        Action::Relayed,
        Action::Expanded,
    ];

    /// The action named by `value`, ignoring ASCII case.
    ///
    /// ```
    /// use smtp_codes::dsn::Action;
    /// assert_eq!(Action::from_bytes(b"EXPANDED"), Some(Action::Expanded));
    /// ```
    pub fn from_bytes(value: &[u8]) -> Option<Action> {
        Action::ALL
            .into_iter()
            .find(|a| a.as_str().as_bytes().eq_ignore_ascii_case(value))
    }

    /// The action value as RFC 3464 writes it.
    ///
    /// ```
    /// assert_eq!(smtp_codes::dsn::Action::Relayed.as_str(), "relayed");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Action::Failed => "failed",
            Action::Delayed => "delayed",
            Action::Delivered => "delivered",
            Action::Relayed => "relayed",
            Action::Expanded => "expanded",
        }
    }

    /// Whether no further DSN for this recipient should be expected:
    /// `failed`, `delivered` and `relayed` are terminal, `delayed` and
    /// `expanded` are not (§2.3.3).
    ///
    /// ```
    /// use smtp_codes::dsn::Action;
    /// assert!(Action::Failed.is_final());
    /// assert!(!Action::Expanded.is_final());
    /// ```
    pub const fn is_final(self) -> bool {
        matches!(self, Action::Failed | Action::Delivered | Action::Relayed)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// The first token of a value: up to a space, a tab or a comment's `(`.
fn first_token(value: &[u8]) -> (&[u8], &[u8]) {
    let end = value
        .iter()
        .position(|&b| value::is_wsp(b) || b == b'(')
        .unwrap_or(value.len());
    value.split_at(end)
}

/// A `Status` field (RFC 3464 §2.3.4): the enhanced status code and the
/// text as written, which may carry a comment after the code.
///
/// ```
/// use smtp_codes::EnhancedStatus;
/// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.1.1 (bad destination mailbox)\n")?;
/// let status = dsn.recipients()[0].status().unwrap();
/// assert_eq!(status.code().unwrap().known(), Some(EnhancedStatus::BadDestinationMailboxAddress));
/// assert_eq!(status.text(), "5.1.1 (bad destination mailbox)");
/// assert_eq!(status.comment(), Some(&b"bad destination mailbox"[..]));
/// # Ok::<(), smtp_codes::dsn::DsnError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StatusField<'a> {
    code: Option<EnhancedCode>,
    text: FieldValue<'a>,
}

impl<'a> StatusField<'a> {
    pub(crate) fn new(text: FieldValue<'a>) -> StatusField<'a> {
        let (token, _) = first_token(text.as_bytes());
        StatusField {
            code: EnhancedCode::parse(token).ok(),
            text,
        }
    }

    /// The code, when the field starts with `class.subject.detail`.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.7.606\n\nFinal-Recipient: rfc822; c@d\nAction: failed\nStatus: 550\n")?;
    /// assert_eq!(dsn.recipients()[0].status().unwrap().code().unwrap().to_string(), "5.7.606");
    /// assert_eq!(dsn.recipients()[1].status().unwrap().code(), None);
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn code(&self) -> Option<EnhancedCode> {
        self.code
    }

    /// The whole value as written, comment included.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0 (permanent failure)\n")?;
    /// assert_eq!(dsn.recipients()[0].status().unwrap().text(), "5.0.0 (permanent failure)");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn text(&self) -> &FieldValue<'a> {
        &self.text
    }

    /// The text of the comment after the code, without its parentheses,
    /// when there is one.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: delayed\nStatus: 4.0.0 (hpnjld.njd.jp.com: host name lookup failure)\n")?;
    /// let status = dsn.recipients()[0].status().unwrap();
    /// assert_eq!(status.comment(), Some(&b"hpnjld.njd.jp.com: host name lookup failure"[..]));
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn comment(&self) -> Option<&[u8]> {
        let (_, rest) = first_token(self.text.as_bytes());
        let inner = value::trim_start(rest).strip_prefix(b"(")?;
        Some(value::trim(inner.strip_suffix(b")").unwrap_or(inner)))
    }

    fn into_owned(self) -> StatusField<'static> {
        StatusField {
            code: self.code,
            text: self.text.into_owned(),
        }
    }
}

/// The enhanced code a diagnostic text carries: the one that counts among
/// the codes found in it ([`crate::best_enhanced`]: the code right after the
/// reply code first, generic codes such as `X.0.0` last).
fn diagnostic_enhanced_code(text: &[u8]) -> Option<EnhancedCode> {
    crate::find::best_enhanced(text)
}

/// A `Diagnostic-Code` field (RFC 3464 §2.3.6): the diagnostic type (`smtp`
/// for an SMTP reply) and the diagnostic as the mail transport gave it.
///
/// ```
/// use smtp_codes::ReplyCode;
/// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.7.606\nDiagnostic-code: smtp;550 5.7.606 Access denied, banned sending IP [203.0.113.7]\n")?;
/// let diag = dsn.recipients()[0].diagnostic_code().unwrap();
/// assert!(diag.is_smtp());
/// assert_eq!(diag.text(), "550 5.7.606 Access denied, banned sending IP [203.0.113.7]");
/// assert_eq!(diag.reply_code(), Some(ReplyCode::MAILBOX_UNAVAILABLE));
/// assert_eq!(diag.enhanced().unwrap().to_string(), "5.7.606");
/// assert_eq!(diag.reply_line().unwrap().text(), b"Access denied, banned sending IP [203.0.113.7]");
/// # Ok::<(), smtp_codes::dsn::DsnError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic<'a> {
    typed: TypedValue<'a>,
}

impl<'a> Diagnostic<'a> {
    /// The diagnostic type as written (`smtp`, `X-Postfix`, `X-Notes`), or
    /// `None` when the field has no `;`.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: delayed\nStatus: 4.4.1\nDiagnostic-Code: X-Postfix; connect to mx.example.com[192.0.2.1]:25: Connection timed out\n")?;
    /// assert_eq!(dsn.recipients()[0].diagnostic_code().unwrap().type_name().unwrap(), "X-Postfix");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn type_name(&self) -> Option<&FieldValue<'a>> {
        self.typed.type_name()
    }

    /// Whether the diagnostic type is `name`, ignoring ASCII case.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: X-Postfix; unknown user\n")?;
    /// assert!(dsn.recipients()[0].diagnostic_code().unwrap().has_type("x-postfix"));
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn has_type(&self, name: &str) -> bool {
        self.typed.has_type(name)
    }

    /// Whether the diagnostic is an SMTP reply (type `smtp`).
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: SMTP; 550 user unknown\n")?;
    /// assert!(dsn.recipients()[0].diagnostic_code().unwrap().is_smtp());
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn is_smtp(&self) -> bool {
        self.has_type("smtp")
    }

    /// The diagnostic after the `;`, unfolded and trimmed.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 4.0.0\nDiagnostic-Code: smtp; 426 connection timed out\n")?;
    /// assert_eq!(dsn.recipients()[0].diagnostic_code().unwrap().text(), "426 connection timed out");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn text(&self) -> &FieldValue<'a> {
        self.typed.value()
    }

    /// The type and text as one typed value.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 4.0.0\nDiagnostic-Code: smtp; 426 connection timed out\n")?;
    /// assert!(dsn.recipients()[0].diagnostic_code().unwrap().as_typed().has_type("smtp"));
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn as_typed(&self) -> &TypedValue<'a> {
        &self.typed
    }

    /// The text read as an SMTP reply line, for an `smtp` diagnostic that
    /// starts with a reply code. Replies that spanned several lines arrive
    /// joined on one (`550-5.1.1 ... 550 5.1.1 ...`): this is their first.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does\n    not exist. 550 5.1.1 https://support.google.com/mail/?p=NoSuchUser - gsmtp\n")?;
    /// let line = dsn.recipients()[0].diagnostic_code().unwrap().reply_line().unwrap();
    /// assert_eq!(line.code(), 550);
    /// assert!(!line.is_last());
    /// assert_eq!(line.enhanced().unwrap().to_string(), "5.1.1");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn reply_line(&self) -> Option<ReplyLine<'_>> {
        if !self.is_smtp() {
            return None;
        }
        ReplyLine::parse(self.text().as_bytes()).ok()
    }

    /// The SMTP reply code of an `smtp` diagnostic.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: smtp;  550 'arathib@vnet.IBM.COM' is not a\n registered gateway user\n")?;
    /// assert_eq!(dsn.recipients()[0].diagnostic_code().unwrap().reply_code().unwrap(), 550);
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn reply_code(&self) -> Option<ReplyCode> {
        self.reply_line().map(|l| l.code())
    }

    /// The enhanced status code the diagnostic carries: for an `smtp`
    /// diagnostic, the one after its reply code (RFC 2034 §4), when its
    /// class agrees with the reply code.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: smtp; 550 5.1.1 <x@example.com>: Recipient address rejected\n")?;
    /// assert_eq!(dsn.recipients()[0].diagnostic_code().unwrap().enhanced().unwrap().to_string(), "5.1.1");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn enhanced(&self) -> Option<EnhancedCode> {
        if !self.is_smtp() {
            return None;
        }
        diagnostic_enhanced_code(self.text().as_bytes())
    }

    fn into_owned(self) -> Diagnostic<'static> {
        Diagnostic {
            typed: self.typed.into_owned(),
        }
    }
}

/// One per-recipient group (RFC 3464 §2.3): the typed fields, and all of
/// them in order.
///
/// ```
/// use smtp_codes::dsn::{Action, DeliveryStatus};
/// // RFC 3464, Appendix E, "Simple DSN".
/// let dsn = DeliveryStatus::parse(
///     b"Reporting-MTA: dns; cs.utk.edu\n\
///       \n\
///       Original-Recipient: rfc822;louisl@larry.slip.umd.edu\n\
///       Final-Recipient: rfc822;louisl@larry.slip.umd.edu\n\
///       Action: failed\n\
///       Status: 4.0.0\n\
///       Diagnostic-Code: smtp; 426 connection timed out\n\
///       Last-Attempt-Date: Thu, 7 Jul 1994 17:15:49 -0400\n",
/// )?;
/// let r = &dsn.recipients()[0];
/// assert_eq!(r.original_recipient().unwrap().value(), "louisl@larry.slip.umd.edu");
/// assert_eq!(r.action(), Some(Action::Failed));
/// assert_eq!(r.effective_status().unwrap().to_string(), "4.0.0");
/// assert_eq!(r.reply_code().unwrap(), 426);
/// assert_eq!(r.last_attempt_date().unwrap(), "Thu, 7 Jul 1994 17:15:49 -0400");
/// # Ok::<(), smtp_codes::dsn::DsnError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recipient<'a> {
    offset: usize,
    fields: Vec<Field<'a>>,
    original_recipient: Option<TypedValue<'a>>,
    final_recipient: Option<TypedValue<'a>>,
    action_text: Option<FieldValue<'a>>,
    action: Option<Action>,
    status: Option<StatusField<'a>>,
    remote_mta: Option<TypedValue<'a>>,
    diagnostic_code: Option<Diagnostic<'a>>,
    localized_diagnostics: Vec<TypedValue<'a>>,
    last_attempt_date: Option<FieldValue<'a>>,
    final_log_id: Option<FieldValue<'a>>,
    will_retry_until: Option<FieldValue<'a>>,
}

impl<'a> Recipient<'a> {
    /// `Original-Recipient` (§2.3.1): the address as the sender gave it
    /// (the `ORCPT` of RFC 3461), with its address type.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nOriginal-Recipient: rfc822;A@B\nAction: failed\nStatus: 5.0.0\n")?;
    /// assert_eq!(dsn.recipients()[0].original_recipient().unwrap().value(), "A@B");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn original_recipient(&self) -> Option<&TypedValue<'a>> {
        self.original_recipient.as_ref()
    }

    /// `Final-Recipient` (§2.3.2): the recipient this group is about, as the
    /// Reporting MTA had it, with its address type (`rfc822`, `utf-8`,
    /// `unknown`, ...); required.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// let fr = dsn.recipients()[0].final_recipient().unwrap();
    /// assert!(fr.has_type("rfc822"));
    /// assert_eq!(fr.value(), "a@b");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn final_recipient(&self) -> Option<&TypedValue<'a>> {
        self.final_recipient.as_ref()
    }

    /// `Action` (§2.3.3), when it is one RFC 3464 defines; an unknown value
    /// stays in [`action_text`](Self::action_text).
    ///
    /// ```
    /// use smtp_codes::dsn::Action;
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: Delivered\nStatus: 2.0.0\n\nFinal-Recipient: rfc822; c@d\nAction: bounced\nStatus: 5.0.0\n")?;
    /// assert_eq!(dsn.recipients()[0].action(), Some(Action::Delivered));
    /// assert_eq!(dsn.recipients()[1].action(), None);
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn action(&self) -> Option<Action> {
        self.action
    }

    /// The `Action` value as written.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; c@d\nAction: bounced\nStatus: 5.0.0\n")?;
    /// assert_eq!(dsn.recipients()[0].action_text().unwrap(), "bounced");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn action_text(&self) -> Option<&FieldValue<'a>> {
        self.action_text.as_ref()
    }

    /// `Status` (§2.3.4): the transport-independent status code; required.
    /// See [`effective_status`](Self::effective_status) for the code that counts.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.2.2\n")?;
    /// assert_eq!(dsn.recipients()[0].status().unwrap().code().unwrap().to_string(), "5.2.2");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn status(&self) -> Option<&StatusField<'a>> {
        self.status.as_ref()
    }

    /// `Remote-MTA` (§2.3.5): the MTA that reported the status to the
    /// Reporting MTA; when present, the diagnostic came from it.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\nRemote-MTA: dns; vnet.ibm.com\n")?;
    /// assert_eq!(dsn.recipients()[0].remote_mta().unwrap().value(), "vnet.ibm.com");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn remote_mta(&self) -> Option<&TypedValue<'a>> {
        self.remote_mta.as_ref()
    }

    /// `Diagnostic-Code` (§2.3.6): the transport's own diagnostic.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: smtp; 550 user unknown\n")?;
    /// assert_eq!(dsn.recipients()[0].diagnostic_code().unwrap().text(), "550 user unknown");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn diagnostic_code(&self) -> Option<&Diagnostic<'a>> {
        self.diagnostic_code.as_ref()
    }

    /// `Localized-Diagnostic` fields (RFC 6533 §4.1): a language tag as the
    /// type and the diagnostic's text in that language, in order.
    ///
    /// ```
    /// let body = "Reporting-MTA: dns; x\n\nFinal-Recipient: utf-8; a@b\nAction: failed\nStatus: 5.1.1\n\
    ///             Diagnostic-Code: smtp; 550 5.1.1 unknown\nLocalized-Diagnostic: de; Empfänger unbekannt\n";
    /// let dsn = smtp_codes::dsn::DeliveryStatus::parse(body.as_bytes())?;
    /// let loc = &dsn.recipients()[0].localized_diagnostics()[0];
    /// assert_eq!(loc.type_name().unwrap(), "de");
    /// assert_eq!(loc.value().to_str(), Some("Empfänger unbekannt"));
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn localized_diagnostics(&self) -> &[TypedValue<'a>] {
        &self.localized_diagnostics
    }

    /// `Last-Attempt-Date` (§2.3.7), as written.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\nLast-Attempt-Date: Thu, 7 Jul 1994 17:15:49 -0400\n")?;
    /// assert_eq!(dsn.recipients()[0].last_attempt_date().unwrap(), "Thu, 7 Jul 1994 17:15:49 -0400");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn last_attempt_date(&self) -> Option<&FieldValue<'a>> {
        self.last_attempt_date.as_ref()
    }

    /// `Final-Log-ID` (§2.3.8): the final MTA's log identifier.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: delivered\nStatus: 2.0.0\nfinal-log-id: 4XyZ12\n")?;
    /// assert_eq!(dsn.recipients()[0].final_log_id().unwrap(), "4XyZ12");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn final_log_id(&self) -> Option<&FieldValue<'a>> {
        self.final_log_id.as_ref()
    }

    /// `Will-Retry-Until` (§2.3.9): for a delayed recipient, when the
    /// Reporting MTA expects to give up.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: delayed\nStatus: 4.4.1\nWill-Retry-Until: Sat, 14 Sep 2024 10:12:51 +0200 (CEST)\n")?;
    /// assert_eq!(dsn.recipients()[0].will_retry_until().unwrap(), "Sat, 14 Sep 2024 10:12:51 +0200 (CEST)");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn will_retry_until(&self) -> Option<&FieldValue<'a>> {
        self.will_retry_until.as_ref()
    }

    /// Every field of the group, in order, known or not.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\nX-Display-Name: A B\n")?;
    /// let names: Vec<_> = dsn.recipients()[0].fields().iter().map(|f| f.name()).collect();
    /// assert_eq!(names, ["Final-Recipient", "Action", "Status", "X-Display-Name"]);
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn fields(&self) -> &[Field<'a>] {
        &self.fields
    }

    /// The value of the first field with this name, ignoring ASCII case.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\nX-Display-Name: A B\n")?;
    /// assert_eq!(dsn.recipients()[0].get("x-display-name").unwrap(), "A B");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn get(&self, name: &str) -> Option<&FieldValue<'a>> {
        first(&self.fields, name)
    }

    /// The fields RFC 3464 and RFC 6533 do not define as per-recipient
    /// fields (extension fields such as `X-Display-Name`), in order.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\nX-Display-Name: A B\n")?;
    /// assert_eq!(dsn.recipients()[0].extension_fields().next().unwrap().name(), "X-Display-Name");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn extension_fields(&self) -> impl Iterator<Item = &Field<'a>> {
        self.fields
            .iter()
            .filter(|f| !parse::Name::of(f.name()).is_per_recipient())
    }

    /// The enhanced status code that counts for this recipient.
    ///
    /// The `Status` code, unless it is generic and the `smtp` diagnostic
    /// carries a more specific code of the same class: a `X.0.0` status
    /// yields to any other code of class X, a `X.Y.0` status to a `X.Y.Z`
    /// code. Exim always writes `Status: 5.0.0` and the real code only in
    /// the diagnostic. Without a `Status` that is a code, the diagnostic's
    /// code counts.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\n\
    /// #   Final-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: smtp; 550 5.1.1 <a@b>: Recipient address rejected\n\n\
    /// #   Final-Recipient: rfc822; c@d\nAction: failed\nStatus: 5.7.1\nDiagnostic-Code: smtp; 550 5.1.1 unknown\n\n\
    /// #   Final-Recipient: rfc822; e@f\nAction: failed\nDiagnostic-Code: smtp; 552 5.2.2 Mailbox full\n")?;
    /// let effective: Vec<_> = dsn.recipients().iter().map(|r| r.effective_status().unwrap().to_string()).collect();
    /// // Status 5.0.0 + "550 5.1.1": the specific code. Status 5.7.1: kept. No Status: the diagnostic's.
    /// assert_eq!(effective, ["5.1.1", "5.7.1", "5.2.2"]);
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn effective_status(&self) -> Option<EnhancedCode> {
        crate::enhanced::resolve_status(
            self.status.as_ref().and_then(StatusField::code),
            self.diagnostic_code.as_ref().and_then(Diagnostic::enhanced),
        )
    }

    /// The SMTP reply code of the `smtp` diagnostic, if any.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: smtp; 554 5.7.1 rejected\n")?;
    /// assert_eq!(dsn.recipients()[0].reply_code().unwrap(), 554);
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn reply_code(&self) -> Option<ReplyCode> {
        self.diagnostic_code
            .as_ref()
            .and_then(Diagnostic::reply_code)
    }

    /// The byte offset of the group's first field.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// assert_eq!(dsn.recipients()[0].offset(), 23);
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn offset(&self) -> usize {
        self.offset
    }

    fn into_owned(self) -> Recipient<'static> {
        Recipient {
            offset: self.offset,
            fields: owned_fields(self.fields),
            original_recipient: owned_typed(self.original_recipient),
            final_recipient: owned_typed(self.final_recipient),
            action_text: owned_field(self.action_text),
            action: self.action,
            status: self.status.map(StatusField::into_owned),
            remote_mta: owned_typed(self.remote_mta),
            diagnostic_code: self.diagnostic_code.map(Diagnostic::into_owned),
            localized_diagnostics: self
                .localized_diagnostics
                .into_iter()
                .map(TypedValue::into_owned)
                .collect(),
            last_attempt_date: owned_field(self.last_attempt_date),
            final_log_id: owned_field(self.final_log_id),
            will_retry_until: owned_field(self.will_retry_until),
        }
    }
}

/// What a [`Defect`] is: a departure from RFC 3464 that the parser read past.
///
/// ```
/// use smtp_codes::dsn::DefectKind;
/// assert_eq!(DefectKind::MissingStatus.description(), "a per-recipient group has no Status field");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DefectKind {
    /// A line that is neither a field (`name: value`), a continuation line
    /// nor blank; it was skipped with its continuation lines.
    NotAField,
    /// A continuation line (starting with a space or tab) with no field
    /// before it in its group; skipped.
    ContinuationWithoutField,
    /// A per-recipient group began without the blank line that must precede
    /// it: a per-recipient field among the per-message fields, or a second
    /// `Final-Recipient`/`Original-Recipient` in a group.
    MissingBlankLine,
    /// The per-message fields have no `Reporting-MTA`.
    MissingReportingMta,
    /// A per-recipient group has no `Final-Recipient`.
    MissingFinalRecipient,
    /// A per-recipient group has no `Action`.
    MissingAction,
    /// A per-recipient group has no `Status`.
    MissingStatus,
    /// An `Action` value RFC 3464 does not define; kept as text.
    UnknownAction,
    /// A `Status` value that does not start with `class.subject.detail`;
    /// kept as text.
    BadStatus,
    /// A field that needs a `type;` prefix (address, MTA name, diagnostic)
    /// has no `;`; its whole text is the value.
    MissingType,
    /// A field that may appear once in its group appears again; the first
    /// is used, both are in the group's fields.
    DuplicateField,
}

impl DefectKind {
    /// A stable lowercase name, as the CLI's JSON and the bindings spell it.
    ///
    /// ```
    /// use smtp_codes::dsn::DefectKind;
    /// assert_eq!(DefectKind::NotAField.as_str(), "not_a_field");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            DefectKind::NotAField => "not_a_field",
            DefectKind::ContinuationWithoutField => "continuation_without_field",
            DefectKind::MissingBlankLine => "missing_blank_line",
            DefectKind::MissingReportingMta => "missing_reporting_mta",
            DefectKind::MissingFinalRecipient => "missing_final_recipient",
            DefectKind::MissingAction => "missing_action",
            DefectKind::MissingStatus => "missing_status",
            DefectKind::UnknownAction => "unknown_action",
            DefectKind::BadStatus => "bad_status",
            DefectKind::MissingType => "missing_type",
            DefectKind::DuplicateField => "duplicate_field",
        }
    }

    /// What is wrong, in words.
    ///
    /// ```
    /// assert_eq!(smtp_codes::dsn::DefectKind::BadStatus.description(), "a Status field is not a status code");
    /// ```
    pub const fn description(self) -> &'static str {
        match self {
            DefectKind::NotAField => "a line is not a field",
            DefectKind::ContinuationWithoutField => "a continuation line follows no field",
            DefectKind::MissingBlankLine => "a per-recipient group is not preceded by a blank line",
            DefectKind::MissingReportingMta => "the per-message fields have no Reporting-MTA",
            DefectKind::MissingFinalRecipient => {
                "a per-recipient group has no Final-Recipient field"
            }
            DefectKind::MissingAction => "a per-recipient group has no Action field",
            DefectKind::MissingStatus => "a per-recipient group has no Status field",
            DefectKind::UnknownAction => "an Action value is not one RFC 3464 defines",
            DefectKind::BadStatus => "a Status field is not a status code",
            DefectKind::MissingType => "a typed field has no 'type;' prefix",
            DefectKind::DuplicateField => "a field that may appear once appears again",
        }
    }
}

/// A departure from RFC 3464 that the parser read past, and where.
///
/// ```
/// use smtp_codes::dsn::{DeliveryStatus, DefectKind};
/// let dsn = DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\nFinal-Recipient: rfc822; c@d\nAction: failed\nStatus: 5.0.0\n")?;
/// assert_eq!(dsn.recipients().len(), 2);
/// let d = dsn.defects()[0];
/// assert_eq!(d.kind(), DefectKind::MissingBlankLine);
/// assert_eq!(d.offset(), dsn.recipients()[1].offset());
/// assert_eq!(d.to_string(), "a per-recipient group is not preceded by a blank line at byte 81");
/// # Ok::<(), smtp_codes::dsn::DsnError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Defect {
    kind: DefectKind,
    offset: usize,
}

impl Defect {
    pub(crate) const fn new(kind: DefectKind, offset: usize) -> Defect {
        Defect { kind, offset }
    }

    /// What is wrong.
    ///
    /// ```
    /// use smtp_codes::dsn::{DeliveryStatus, DefectKind};
    /// let dsn = DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nStatus: 5.0.0\n")?;
    /// assert_eq!(dsn.defects()[0].kind(), DefectKind::MissingAction);
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub const fn kind(&self) -> DefectKind {
        self.kind
    }

    /// The byte offset in the body: of the line or field at fault, or of
    /// the group a required field is missing from.
    ///
    /// ```
    /// use smtp_codes::dsn::DeliveryStatus;
    /// let dsn = DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nStatus: 5.0.0\n")?;
    /// assert_eq!(dsn.defects()[0].offset(), 23);
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub const fn offset(&self) -> usize {
        self.offset
    }
}

impl fmt::Display for Defect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.kind.description(), self.offset)
    }
}

/// Why a body is not a delivery-status body at all.
///
/// ```
/// use smtp_codes::dsn::{DeliveryStatus, DsnErrorKind};
/// assert_eq!(DeliveryStatus::parse(b"").unwrap_err().kind(), DsnErrorKind::Empty);
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DsnErrorKind {
    /// Nothing but blank lines.
    Empty,
    /// Not one line is a field.
    NoFields,
    /// Fields, but no per-recipient group: a DSN reports on at least one
    /// recipient (RFC 3464 §2.1). A report cut short after its per-message
    /// fields ends here.
    NoRecipients,
}

impl DsnErrorKind {
    /// A stable lowercase name, as the CLI's JSON and the bindings spell it.
    ///
    /// ```
    /// use smtp_codes::dsn::DsnErrorKind;
    /// assert_eq!(DsnErrorKind::Empty.as_str(), "empty");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            DsnErrorKind::Empty => "empty",
            DsnErrorKind::NoFields => "no_fields",
            DsnErrorKind::NoRecipients => "no_recipients",
        }
    }

    /// What is wrong, in words.
    ///
    /// ```
    /// use smtp_codes::dsn::DsnErrorKind;
    /// assert_eq!(DsnErrorKind::NoFields.description(), "no line is a field");
    /// ```
    pub const fn description(self) -> &'static str {
        match self {
            DsnErrorKind::Empty => "empty body",
            DsnErrorKind::NoFields => "no line is a field",
            DsnErrorKind::NoRecipients => {
                "no per-recipient group (a blank line, then Final-Recipient, Action, Status)"
            }
        }
    }
}

/// The body is not a delivery-status body: what is wrong and at which byte.
///
/// ```
/// use smtp_codes::dsn::DeliveryStatus;
/// let err = DeliveryStatus::parse(b"Hello,\nyour message could not be delivered.\n").unwrap_err();
/// assert_eq!(err.to_string(), "invalid delivery-status body: no line is a field at byte 0");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DsnError {
    kind: DsnErrorKind,
    offset: usize,
}

impl DsnError {
    pub(crate) const fn new(kind: DsnErrorKind, offset: usize) -> DsnError {
        DsnError { kind, offset }
    }

    /// What is wrong.
    ///
    /// ```
    /// use smtp_codes::dsn::{DeliveryStatus, DsnErrorKind};
    /// assert_eq!(DeliveryStatus::parse(b"\r\n\r\n").unwrap_err().kind(), DsnErrorKind::Empty);
    /// ```
    pub const fn kind(&self) -> DsnErrorKind {
        self.kind
    }

    /// The byte offset where the problem is: the first line that is not a
    /// field, or the end of the input where a group was expected.
    ///
    /// ```
    /// use smtp_codes::dsn::DeliveryStatus;
    /// assert_eq!(DeliveryStatus::parse(b"\n\nnot a field\n").unwrap_err().offset(), 2);
    /// ```
    pub const fn offset(&self) -> usize {
        self.offset
    }
}

impl fmt::Display for DsnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid delivery-status body: {} at byte {}",
            self.kind.description(),
            self.offset
        )
    }
}

impl core::error::Error for DsnError {}
