//! Finding the delivery-status part of a whole bounce message (RFC 6522
//! `multipart/report`), with the `mail-parser` crate.

use super::{DeliveryStatus, DsnError};
use mail_parser::{MessageParser, MessagePart, MimeHeaders, PartType};
use std::borrow::Cow;
use std::fmt;
use std::string::{String, ToString};
use std::vec::Vec;

/// The media type of a delivery-status part.
///
/// ```
/// use smtp_codes::dsn::ReportMediaType;
/// assert_eq!(ReportMediaType::GlobalDeliveryStatus.as_str(), "message/global-delivery-status");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReportMediaType {
    /// `message/delivery-status` (RFC 3464 §2.1): 7-bit text.
    DeliveryStatus,
    /// `message/global-delivery-status` (RFC 6533 §4.1): UTF-8 allowed, for
    /// messages sent with SMTPUTF8.
    GlobalDeliveryStatus,
}

impl ReportMediaType {
    /// The media type, `type/subtype`.
    ///
    /// ```
    /// assert_eq!(smtp_codes::dsn::ReportMediaType::DeliveryStatus.as_str(), "message/delivery-status");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            ReportMediaType::DeliveryStatus => "message/delivery-status",
            ReportMediaType::GlobalDeliveryStatus => "message/global-delivery-status",
        }
    }

    fn of(part: &MessagePart<'_>) -> Option<ReportMediaType> {
        let ct = part.content_type()?;
        if !ct.ctype().eq_ignore_ascii_case("message") {
            return None;
        }
        let sub = ct.subtype()?;
        if sub.eq_ignore_ascii_case("delivery-status") {
            Some(ReportMediaType::DeliveryStatus)
        } else if sub.eq_ignore_ascii_case("global-delivery-status") {
            Some(ReportMediaType::GlobalDeliveryStatus)
        } else {
            None
        }
    }
}

impl fmt::Display for ReportMediaType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Why no delivery-status part was found in a message, or why it did not parse.
///
/// ```
/// use smtp_codes::dsn::{MessageError, ReportPart};
/// let plain = b"From: MAILER-DAEMON@example.net\r\nSubject: failure notice\r\n\r\nHi. This is the qmail-send program.\r\n";
/// let err = ReportPart::find(plain).unwrap_err();
/// assert_eq!(err, MessageError::NotAReport { content_type: "text/plain".into() });
/// assert_eq!(err.to_string(), "not a delivery status notification: the message is text/plain, not multipart/report");
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MessageError {
    /// The input has no header section: it is not a message.
    NotAMessage,
    /// The message is no `multipart/report` and has no delivery-status part.
    NotAReport {
        /// The message's media type, lowercase (`text/plain` when it has
        /// no `Content-Type`).
        content_type: String,
    },
    /// A `multipart/report` of another report type (`disposition-notification`
    /// for read receipts, RFC 8098; `feedback-report` for abuse reports,
    /// RFC 5965) and no delivery-status part.
    OtherReportType {
        /// The `report-type` parameter, as written.
        report_type: String,
    },
    /// The MIME parser failed on the message. mail-parser 0.11.9 has a
    /// `debug_assert!` that some malformed nestings reach (a panic in builds
    /// with debug assertions only); [`ReportPart::find`] catches it and
    /// reports this instead. The default panic hook still prints it.
    MimeParserFailed,
    /// A `multipart/report` of report type `delivery-status` (or
    /// `global-delivery-status`, or none) without a delivery-status part:
    /// cut short, or a part boundary is broken.
    NoDeliveryStatusPart,
    /// The delivery-status part was found but is not a delivery-status body.
    Body {
        /// What is wrong; its offset counts in the part's body, after
        /// transfer decoding.
        error: DsnError,
        /// Where the part's body starts in the message.
        part_offset: usize,
    },
}

impl MessageError {
    /// A stable lowercase name of the kind of error, as the CLI's JSON and
    /// the bindings spell it.
    ///
    /// ```
    /// use smtp_codes::dsn::MessageError;
    /// assert_eq!(MessageError::NotAMessage.as_str(), "not_a_message");
    /// ```
    pub fn as_str(&self) -> &'static str {
        match self {
            MessageError::NotAMessage => "not_a_message",
            MessageError::NotAReport { .. } => "not_a_report",
            MessageError::OtherReportType { .. } => "other_report_type",
            MessageError::MimeParserFailed => "mime_parser_failed",
            MessageError::NoDeliveryStatusPart => "no_delivery_status_part",
            MessageError::Body { .. } => "body",
        }
    }
}

impl fmt::Display for MessageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a delivery status notification: ")?;
        match self {
            MessageError::NotAMessage => f.write_str("no header section"),
            MessageError::MimeParserFailed => f.write_str("the MIME parser failed"),
            MessageError::NotAReport { content_type } => {
                write!(f, "the message is {content_type}, not multipart/report")
            }
            MessageError::OtherReportType { report_type } => {
                write!(f, "a report of type {report_type:?}, not delivery-status")
            }
            MessageError::NoDeliveryStatusPart => {
                f.write_str("the report has no message/delivery-status part")
            }
            MessageError::Body { error, part_offset } => {
                write!(f, "in the part at byte {part_offset}: {error}")
            }
        }
    }
}

impl std::error::Error for MessageError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            MessageError::Body { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// The delivery-status part of a bounce message: its media type and body,
/// transfer-decoded, borrowed from the message when it needed no decoding.
///
/// [`find`](Self::find) reads the message with `mail-parser` and walks its
/// MIME tree in order (not into attached `message/rfc822` messages), taking
/// the first `message/delivery-status` or `message/global-delivery-status`
/// part. RFC 6522 puts it second in a `multipart/report; report-type=delivery-status`;
/// it is also found elsewhere in the tree (Google nests the
/// human-readable part in `multipart/related`).
///
/// ```
/// use smtp_codes::dsn::{ReportMediaType, ReportPart};
/// let message = b"From: MAILER-DAEMON@mail.example.org\r\n\
///     Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\
///     \r\n\
///     --b\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n\
///     --b\r\nContent-Type: message/delivery-status\r\n\r\n\
///     Reporting-MTA: dns; mail.example.org\r\n\r\n\
///     Final-Recipient: rfc822; nobody@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n\
///     --b--\r\n";
/// let part = ReportPart::find(message)?;
/// assert_eq!(part.media_type(), ReportMediaType::DeliveryStatus);
/// assert_eq!(part.report_type(), Some("delivery-status"));
/// let dsn = part.parse()?;
/// assert_eq!(dsn.recipients()[0].final_recipient().unwrap().value(), "nobody@example.com");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportPart<'a> {
    media_type: ReportMediaType,
    body: Cow<'a, [u8]>,
    offset: usize,
    report_type: Option<String>,
}

/// A part found while walking, and the `report-type` of the nearest
/// `multipart/report` around it.
struct Found {
    id: usize,
    media_type: ReportMediaType,
    report_type: Option<String>,
}

/// Walks the MIME tree of `parts` from the root, in document order, without
/// recursion. Returns the first delivery-status part, or the `report-type`
/// of the first `multipart/report` seen (`Some("")` when it has none).
fn walk(parts: &[MessagePart<'_>]) -> Result<Found, Option<String>> {
    let mut first_report_type = None;
    let mut stack: Vec<(usize, Option<String>)> = Vec::new();
    stack.push((0, None));
    // Each part is visited at most once, however the ids point.
    let mut seen = std::vec![false; parts.len()];
    while let Some((id, report_type)) = stack.pop() {
        let Some(part) = parts.get(id) else { continue };
        match seen.get_mut(id) {
            Some(s) if !*s => *s = true,
            _ => continue,
        }
        if let Some(media_type) = ReportMediaType::of(part) {
            return Ok(Found {
                id,
                media_type,
                report_type,
            });
        }
        if let PartType::Multipart(children) = &part.body {
            let mut inner = report_type;
            let report = part.content_type().filter(|ct| {
                ct.subtype()
                    .is_some_and(|s| s.eq_ignore_ascii_case("report"))
            });
            if let Some(ct) = report {
                let rt = ct.attribute("report-type").unwrap_or_default().to_string();
                first_report_type.get_or_insert_with(|| rt.clone());
                inner = Some(rt);
            }
            for &child in children.iter().rev() {
                if let Ok(child) = usize::try_from(child) {
                    stack.push((child, inner.clone()));
                }
            }
        }
    }
    Err(first_report_type)
}

fn is_delivery_status_report(report_type: &str) -> bool {
    report_type.is_empty()
        || report_type.eq_ignore_ascii_case("delivery-status")
        || report_type.eq_ignore_ascii_case("global-delivery-status")
}

impl<'a> ReportPart<'a> {
    /// Finds the delivery-status part of a whole message (headers and body,
    /// as received).
    ///
    /// ```
    /// use smtp_codes::dsn::{MessageError, ReportPart};
    /// let mdn = b"Content-Type: multipart/report; report-type=disposition-notification; boundary=x\r\n\r\n\
    ///     --x\r\nContent-Type: text/plain\r\n\r\nRead.\r\n--x--\r\n";
    /// assert_eq!(
    ///     ReportPart::find(mdn).unwrap_err(),
    ///     MessageError::OtherReportType { report_type: "disposition-notification".into() }
    /// );
    /// ```
    pub fn find(message: &'a [u8]) -> Result<ReportPart<'a>, MessageError> {
        // A panic boundary: see `MessageError::MimeParserFailed`.
        let parsed =
            std::panic::catch_unwind(|| MessageParser::new().with_mime_headers().parse(message))
                .map_err(|_| MessageError::MimeParserFailed)?
                .ok_or(MessageError::NotAMessage)?;
        let mut parts = parsed.parts;
        let found = match walk(&parts) {
            Ok(found) => found,
            Err(Some(rt)) if is_delivery_status_report(&rt) => {
                return Err(MessageError::NoDeliveryStatusPart);
            }
            Err(Some(report_type)) => return Err(MessageError::OtherReportType { report_type }),
            Err(None) => {
                let content_type = parts
                    .first()
                    .and_then(|root| root.content_type())
                    .map_or_else(
                        || "text/plain".to_string(),
                        |ct| match ct.subtype() {
                            Some(sub) => std::format!("{}/{}", ct.ctype(), sub),
                            None => ct.ctype().to_string(),
                        },
                    )
                    .to_ascii_lowercase();
                return Err(MessageError::NotAReport { content_type });
            }
        };
        let part = parts
            .get_mut(found.id)
            .map(std::mem::take)
            .unwrap_or_default();
        let offset = usize::try_from(part.offset_body).unwrap_or(usize::MAX);
        let body = match part.body {
            PartType::Binary(b) | PartType::InlineBinary(b) => b,
            PartType::Text(t) | PartType::Html(t) => match t {
                Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
                Cow::Owned(s) => Cow::Owned(s.into_bytes()),
            },
            PartType::Message(m) => m.raw_message,
            PartType::Multipart(_) => Cow::Borrowed(&b""[..]),
        };
        Ok(ReportPart {
            media_type: found.media_type,
            body,
            offset,
            report_type: found.report_type,
        })
    }

    /// `message/delivery-status` or `message/global-delivery-status`.
    ///
    /// ```
    /// # let message = b"Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\nContent-Type: message/global-delivery-status\r\n\r\nReporting-MTA: dns; x\r\n\r\nFinal-Recipient: utf-8; a@b\r\nAction: failed\r\nStatus: 5.1.1\r\n--b--\r\n";
    /// use smtp_codes::dsn::{ReportMediaType, ReportPart};
    /// assert_eq!(ReportPart::find(message)?.media_type(), ReportMediaType::GlobalDeliveryStatus);
    /// # Ok::<(), smtp_codes::dsn::MessageError>(())
    /// ```
    pub fn media_type(&self) -> ReportMediaType {
        self.media_type
    }

    /// The part's body, after transfer decoding (base64, quoted-printable).
    ///
    /// ```
    /// # let message = b"Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; x\r\n\r\nFinal-Recipient: rfc822; a@b\r\nAction: failed\r\nStatus: 5.1.1\r\n--b--\r\n";
    /// let part = smtp_codes::dsn::ReportPart::find(message)?;
    /// assert!(part.body().starts_with(b"Reporting-MTA: dns; x\r\n"));
    /// # Ok::<(), smtp_codes::dsn::MessageError>(())
    /// ```
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Whether the body borrows from the message (it needed no transfer decoding).
    ///
    /// ```
    /// # let message = b"Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; x\r\n\r\nFinal-Recipient: rfc822; a@b\r\nAction: failed\r\nStatus: 5.1.1\r\n--b--\r\n";
    /// assert!(smtp_codes::dsn::ReportPart::find(message)?.is_borrowed());
    /// # Ok::<(), smtp_codes::dsn::MessageError>(())
    /// ```
    pub fn is_borrowed(&self) -> bool {
        matches!(self.body, Cow::Borrowed(_))
    }

    /// Where the part's body starts in the message.
    ///
    /// ```
    /// # let message = b"Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; x\r\n\r\nFinal-Recipient: rfc822; a@b\r\nAction: failed\r\nStatus: 5.1.1\r\n--b--\r\n";
    /// let part = smtp_codes::dsn::ReportPart::find(message)?;
    /// assert!(message[part.offset()..].starts_with(b"Reporting-MTA"));
    /// # Ok::<(), smtp_codes::dsn::MessageError>(())
    /// ```
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The `report-type` parameter of the `multipart/report` around the
    /// part, as written; `None` when the part is not inside one.
    ///
    /// ```
    /// # let message = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; x\r\n\r\nFinal-Recipient: rfc822; a@b\r\nAction: failed\r\nStatus: 5.1.1\r\n--b--\r\n";
    /// assert_eq!(smtp_codes::dsn::ReportPart::find(message)?.report_type(), None);
    /// # Ok::<(), smtp_codes::dsn::MessageError>(())
    /// ```
    pub fn report_type(&self) -> Option<&str> {
        self.report_type.as_deref()
    }

    /// Parses the body; the report borrows from this part.
    ///
    /// ```
    /// # let message = b"Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; x\r\n\r\nFinal-Recipient: rfc822; a@b\r\nAction: failed\r\nStatus: 5.1.1\r\n--b--\r\n";
    /// let part = smtp_codes::dsn::ReportPart::find(message)?;
    /// assert_eq!(part.parse()?.recipients().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(&self) -> Result<DeliveryStatus<'_>, DsnError> {
        DeliveryStatus::parse(&self.body)
    }

    /// Parses the body into a report that borrows from the message when the
    /// part needed no transfer decoding, and owns its values otherwise.
    ///
    /// ```
    /// # let message = b"Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; x\r\n\r\nFinal-Recipient: rfc822; a@b\r\nAction: failed\r\nStatus: 5.1.1\r\n--b--\r\n";
    /// let dsn = smtp_codes::dsn::ReportPart::find(message)?.into_delivery_status()?;
    /// assert!(dsn.recipients()[0].action_text().unwrap().is_borrowed());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_delivery_status(self) -> Result<DeliveryStatus<'a>, DsnError> {
        match self.body {
            Cow::Borrowed(body) => DeliveryStatus::parse(body),
            Cow::Owned(body) => DeliveryStatus::parse(&body).map(DeliveryStatus::into_owned),
        }
    }
}

impl<'a> DeliveryStatus<'a> {
    /// Finds the delivery-status part of a whole bounce message
    /// ([`ReportPart::find`]) and parses it. Needs the `mime` feature.
    ///
    /// ```
    /// use smtp_codes::dsn::{Action, DeliveryStatus, MessageError};
    /// let message = b"Content-Type: multipart/report; report-type=delivery-status;\r\n\
    ///     \tboundary=\"=_b\"\r\n\
    ///     \r\n\
    ///     --=_b\r\nContent-Type: message/delivery-status\r\n\r\n\
    ///     Reporting-MTA: dns; mail.example.org\r\n\r\n\
    ///     Final-Recipient: rfc822; nobody@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n\
    ///     --=_b--\r\n";
    /// let dsn = DeliveryStatus::parse_message(message)?;
    /// assert_eq!(dsn.recipients()[0].action(), Some(Action::Failed));
    ///
    /// assert_eq!(DeliveryStatus::parse_message(b"").unwrap_err(), MessageError::NotAMessage);
    /// # Ok::<(), MessageError>(())
    /// ```
    pub fn parse_message(message: &'a [u8]) -> Result<DeliveryStatus<'a>, MessageError> {
        let part = ReportPart::find(message)?;
        let part_offset = part.offset();
        part.into_delivery_status()
            .map_err(|error| MessageError::Body { error, part_offset })
    }

    /// Reads either a whole bounce message or a bare `message/delivery-status`
    /// body: input that is no message ([`MessageError::NotAMessage`]) or no
    /// report ([`MessageError::NotAReport`]: a delivery-status body parses as
    /// a header section without a report type) is read as a body; any other
    /// message is read as a message, so a read receipt stays
    /// [`MessageError::OtherReportType`]. Errors of a body read this way are
    /// [`MessageError::Body`] with a part offset of 0: offsets always count
    /// from the start of `input`. Needs the `mime` feature.
    ///
    /// ```
    /// use smtp_codes::dsn::{DeliveryStatus, MessageError};
    /// let body = b"Reporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.1.1\n";
    /// assert_eq!(DeliveryStatus::parse_any(body)?.recipients().len(), 1);
    /// let receipt = b"Content-Type: multipart/report; report-type=disposition-notification; boundary=b\r\n\r\n--b\r\n\r\nread\r\n--b--\r\n";
    /// assert!(matches!(DeliveryStatus::parse_any(receipt), Err(MessageError::OtherReportType { .. })));
    /// # Ok::<(), MessageError>(())
    /// ```
    pub fn parse_any(input: &'a [u8]) -> Result<DeliveryStatus<'a>, MessageError> {
        match DeliveryStatus::parse_message(input) {
            Err(MessageError::NotAMessage | MessageError::NotAReport { .. }) => {
                DeliveryStatus::parse(input).map_err(|error| MessageError::Body {
                    error,
                    part_offset: 0,
                })
            }
            other => other,
        }
    }
}
