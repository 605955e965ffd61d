//! Field values as they come out of a delivery-status body: bytes, borrowed
//! from the input unless unfolding had to join lines.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

pub(crate) const fn is_wsp(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

pub(crate) fn trim_start(b: &[u8]) -> &[u8] {
    let start = b.iter().position(|&c| !is_wsp(c)).unwrap_or(b.len());
    b.get(start..).unwrap_or_default()
}

pub(crate) fn trim_end(b: &[u8]) -> &[u8] {
    let end = b.iter().rposition(|&c| !is_wsp(c)).map_or(0, |i| i + 1);
    b.get(..end).unwrap_or_default()
}

pub(crate) fn trim(b: &[u8]) -> &[u8] {
    trim_start(trim_end(b))
}

/// `cow` without leading and trailing spaces and tabs, still borrowed when it was.
pub(crate) fn trim_cow(cow: Cow<'_, [u8]>) -> Cow<'_, [u8]> {
    match cow {
        Cow::Borrowed(b) => Cow::Borrowed(trim(b)),
        Cow::Owned(v) => {
            let t = trim(&v);
            if t.len() == v.len() {
                Cow::Owned(v)
            } else {
                Cow::Owned(t.to_vec())
            }
        }
    }
}

/// The value of a field: the bytes after the colon, unfolded (RFC 5322
/// §2.2.3: each line break before a space or tab removed, the space or tab
/// kept), without leading and trailing spaces and tabs.
///
/// It borrows from the parsed input unless the field was folded over
/// several lines. A `message/delivery-status` body is 7-bit text and a
/// `message/global-delivery-status` body UTF-8 (RFC 6533), but servers send
/// what they like, so the value is bytes: [`to_str`](Self::to_str) gives
/// text when it is valid UTF-8. It compares equal to a `str` or byte string
/// with the same bytes.
///
/// ```
/// use smtp_codes::dsn::DeliveryStatus;
/// let body = b"Reporting-MTA: dns; mx.example.net\r\n\
///              X-Note: one line\r\n\
///              X-Folded: two\r\n  lines\r\n\
///              \r\n\
///              Final-Recipient: rfc822; a@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n";
/// let dsn = DeliveryStatus::parse(body)?;
/// let note = dsn.per_message().get("x-note").unwrap();
/// assert_eq!(note, "one line");
/// assert!(note.is_borrowed());
/// let folded = dsn.per_message().get("X-Folded").unwrap();
/// assert_eq!(folded, "two  lines");
/// assert!(!folded.is_borrowed());
/// # Ok::<(), smtp_codes::dsn::DsnError>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FieldValue<'a>(Cow<'a, [u8]>);

impl<'a> FieldValue<'a> {
    pub(crate) fn new(bytes: Cow<'a, [u8]>) -> FieldValue<'a> {
        FieldValue(bytes)
    }

    /// The bytes.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// let action = dsn.recipients()[0].action_text().unwrap();
    /// assert_eq!(action.as_bytes(), b"failed");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The value as text, when it is valid UTF-8.
    ///
    /// ```
    /// let body = "Reporting-MTA: dns; x\n\nFinal-Recipient: utf-8; θσ@example.gr\nAction: failed\nStatus: 5.1.1\n";
    /// let dsn = smtp_codes::dsn::DeliveryStatus::parse(body.as_bytes())?;
    /// let rcpt = dsn.recipients()[0].final_recipient().unwrap();
    /// assert_eq!(rcpt.value().to_str(), Some("θσ@example.gr"));
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn to_str(&self) -> Option<&str> {
        core::str::from_utf8(&self.0).ok()
    }

    /// The value as text, with invalid UTF-8 replaced by U+FFFD.
    ///
    /// ```
    /// let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\xff\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// let mta = dsn.per_message().reporting_mta().unwrap();
    /// assert_eq!(mta.value().to_string_lossy(), "x\u{fffd}");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn to_string_lossy(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.0)
    }

    /// Whether the value borrows from the parsed input (it was not folded,
    /// or was decoded by nothing).
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// assert!(dsn.recipients()[0].action_text().unwrap().is_borrowed());
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn is_borrowed(&self) -> bool {
        matches!(self.0, Cow::Borrowed(_))
    }

    /// The length in bytes.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// assert_eq!(dsn.recipients()[0].action_text().unwrap().len(), 6);
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the value is empty (`Original-Envelope-Id:` with nothing after it).
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\nOriginal-Envelope-Id:\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// assert!(dsn.per_message().original_envelope_id().unwrap().is_empty());
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether the value equals `other`, ignoring ASCII case (how RFC 3464
    /// compares action values and `*-type` names).
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: DNS; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// let mta = dsn.per_message().reporting_mta().unwrap();
    /// assert!(mta.type_name().unwrap().eq_ignore_ascii_case("dns"));
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn eq_ignore_ascii_case(&self, other: &str) -> bool {
        self.0.eq_ignore_ascii_case(other.as_bytes())
    }

    /// The bytes, borrowed or owned.
    ///
    /// ```
    /// use std::borrow::Cow;
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// let action = dsn.recipients()[0].action_text().unwrap().clone();
    /// assert!(matches!(action.into_bytes(), Cow::Borrowed(b"failed")));
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn into_bytes(self) -> Cow<'a, [u8]> {
        self.0
    }

    /// The value, owning its bytes.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// let owned: smtp_codes::dsn::FieldValue<'static> =
    ///     dsn.recipients()[0].action_text().unwrap().clone().into_owned();
    /// assert_eq!(owned, "failed");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn into_owned(self) -> FieldValue<'static> {
        FieldValue(Cow::Owned(self.0.into_owned()))
    }

    /// Splits `type ; value` (RFC 3464 §2.1.2): the type trimmed, or `None`
    /// when there is no `;`.
    pub(crate) fn split_typed(self) -> (Option<FieldValue<'a>>, FieldValue<'a>) {
        fn halves(b: &[u8]) -> Option<(&[u8], &[u8])> {
            let i = b.iter().position(|&c| c == b';')?;
            Some((trim(b.get(..i)?), trim(b.get(i + 1..)?)))
        }
        match self.0 {
            Cow::Borrowed(b) => match halves(b) {
                Some((t, v)) => (
                    Some(FieldValue(Cow::Borrowed(t))),
                    FieldValue(Cow::Borrowed(v)),
                ),
                None => (None, FieldValue(Cow::Borrowed(b))),
            },
            Cow::Owned(v) => match halves(&v) {
                Some((t, rest)) => (
                    Some(FieldValue(Cow::Owned(t.to_vec()))),
                    FieldValue(Cow::Owned(rest.to_vec())),
                ),
                None => (None, FieldValue(Cow::Owned(v))),
            },
        }
    }
}

impl AsRef<[u8]> for FieldValue<'_> {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Display for FieldValue<'_> {
    /// The value, with invalid UTF-8 shown as U+FFFD.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.to_string_lossy())
    }
}

impl fmt::Debug for FieldValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.to_string_lossy(), f)
    }
}

impl PartialEq<str> for FieldValue<'_> {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other.as_bytes()
    }
}

impl PartialEq<&str> for FieldValue<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == *other.as_bytes()
    }
}

impl PartialEq<[u8]> for FieldValue<'_> {
    fn eq(&self, other: &[u8]) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&[u8]> for FieldValue<'_> {
    fn eq(&self, other: &&[u8]) -> bool {
        *self.0 == **other
    }
}

impl<const N: usize> PartialEq<&[u8; N]> for FieldValue<'_> {
    fn eq(&self, other: &&[u8; N]) -> bool {
        *self.0 == other[..]
    }
}

impl From<FieldValue<'_>> for Vec<u8> {
    fn from(v: FieldValue<'_>) -> Vec<u8> {
        v.0.into_owned()
    }
}

/// One field of a per-message or per-recipient group, as it appeared: name,
/// unfolded value and byte offset.
///
/// ```
/// use smtp_codes::dsn::DeliveryStatus;
/// let dsn = DeliveryStatus::parse(
///     b"Reporting-MTA: dns; mx.example.net\nX-Postfix-Queue-ID: 3F2A1\n\n\
///       Final-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.1.1\n",
/// )?;
/// let fields = dsn.per_message().fields();
/// assert_eq!(fields[1].name(), "X-Postfix-Queue-ID");
/// assert_eq!(fields[1].value(), "3F2A1");
/// assert_eq!(fields[1].offset(), 35);
/// assert!(fields[1].is_experimental());
/// # Ok::<(), smtp_codes::dsn::DsnError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Field<'a> {
    name: Cow<'a, str>,
    value: FieldValue<'a>,
    offset: usize,
}

impl<'a> Field<'a> {
    pub(crate) fn new(name: &'a str, value: FieldValue<'a>, offset: usize) -> Field<'a> {
        Field {
            name: Cow::Borrowed(name),
            value,
            offset,
        }
    }

    /// The name as written (field names are case-insensitive: compare with
    /// [`is_named`](Self::is_named)).
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"reporting-mta: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// assert_eq!(dsn.per_message().fields()[0].name(), "reporting-mta");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the field has this name, ignoring ASCII case.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"reporting-mta: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// assert!(dsn.per_message().fields()[0].is_named("Reporting-MTA"));
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn is_named(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// The value, unfolded and trimmed.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction:   failed  \nStatus: 5.0.0\n")?;
    /// assert_eq!(dsn.recipients()[0].fields()[1].value(), "failed");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn value(&self) -> &FieldValue<'a> {
        &self.value
    }

    /// The byte offset of the field's name in the parsed body.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// assert_eq!(dsn.recipients()[0].fields()[0].offset(), 23);
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Whether the name starts with `X-`: reserved for experimental fields,
    /// never defined as standard ones (RFC 3464 §2.4).
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\nx-queue: 1\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// let fields = dsn.per_message().fields();
    /// assert!(!fields[0].is_experimental());
    /// assert!(fields[1].is_experimental());
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn is_experimental(&self) -> bool {
        self.name
            .as_bytes()
            .get(..2)
            .is_some_and(|p| p.eq_ignore_ascii_case(b"x-"))
    }

    /// The field, owning its name and value.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// let f: smtp_codes::dsn::Field<'static> = dsn.per_message().fields()[0].clone().into_owned();
    /// assert_eq!(f.value(), "dns; x");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn into_owned(self) -> Field<'static> {
        Field {
            name: Cow::Owned(self.name.into_owned()),
            value: self.value.into_owned(),
            offset: self.offset,
        }
    }
}

/// A field value made of a `*-type` sub-field, a `;` and the value in that
/// type's format (RFC 3464 §2.1.2): `rfc822; user@example.com`,
/// `dns; mx.example.net`, `utf-8; θσ@example.gr` (RFC 6533).
///
/// The type is trimmed and compared without regard to ASCII case
/// ([`has_type`](Self::has_type)); the value is kept as written, comments
/// included. A field without `;` has no type, and its whole text is the value.
///
/// ```
/// use smtp_codes::dsn::DeliveryStatus;
/// let dsn = DeliveryStatus::parse(
///     b"Reporting-MTA: dns; mx.example.net\n\n\
///       Final-Recipient: RFC822;  user@example.com\nAction: failed\nStatus: 5.1.1\n",
/// )?;
/// let rcpt = dsn.recipients()[0].final_recipient().unwrap();
/// assert_eq!(rcpt.type_name().unwrap(), "RFC822");
/// assert!(rcpt.has_type("rfc822"));
/// assert_eq!(rcpt.value(), "user@example.com");
/// # Ok::<(), smtp_codes::dsn::DsnError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TypedValue<'a> {
    type_name: Option<FieldValue<'a>>,
    value: FieldValue<'a>,
}

impl<'a> TypedValue<'a> {
    /// Splits `value`; the flag is false when it has no `;`.
    pub(crate) fn parse(value: FieldValue<'a>) -> (TypedValue<'a>, bool) {
        let (type_name, value) = value.split_typed();
        let typed = type_name.is_some();
        (TypedValue { type_name, value }, typed)
    }

    /// The `*-type` sub-field as written (`rfc822`, `dns`, `smtp`), or
    /// `None` when the field has no `;`.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: mailbus; SYS30\n\nFinal-Recipient: nair_s\nAction: failed\nStatus: 5.0.0\n")?;
    /// assert_eq!(dsn.per_message().reporting_mta().unwrap().type_name().unwrap(), "mailbus");
    /// assert_eq!(dsn.recipients()[0].final_recipient().unwrap().type_name(), None);
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn type_name(&self) -> Option<&FieldValue<'a>> {
        self.type_name.as_ref()
    }

    /// Whether the type is `name`, ignoring ASCII case (RFC 3464 §2.1.2).
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: DNS; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// assert!(dsn.per_message().reporting_mta().unwrap().has_type("dns"));
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn has_type(&self, name: &str) -> bool {
        self.type_name
            .as_ref()
            .is_some_and(|t| t.eq_ignore_ascii_case(name))
    }

    /// The value after the `;`, trimmed: an address, an MTA name, a
    /// diagnostic.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns;mx.example.net\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// assert_eq!(dsn.per_message().reporting_mta().unwrap().value(), "mx.example.net");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn value(&self) -> &FieldValue<'a> {
        &self.value
    }

    /// The value, owning its bytes.
    ///
    /// ```
    /// # let dsn = smtp_codes::dsn::DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n")?;
    /// let t: smtp_codes::dsn::TypedValue<'static> = dsn.per_message().reporting_mta().unwrap().clone().into_owned();
    /// assert_eq!(t.value(), "x");
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn into_owned(self) -> TypedValue<'static> {
        TypedValue {
            type_name: self.type_name.map(FieldValue::into_owned),
            value: self.value.into_owned(),
        }
    }
}
