//! Registry metadata types and the tables generated from `registry/`.
//!
//! The enums ([`Class`], [`Subject`], [`EnhancedStatus`], [`KnownReplyCode`],
//! [`EhloKeyword`], [`ServerLimit`]) and their tables are generated at build time by `smtp-codes-codegen` from
//! the CSV files in `registry/`; this module holds the hand-written types the
//! tables are made of.

use crate::{ReplyClass, ReplyCode};
use core::fmt;

/// A reference as the IANA registry writes it: `[RFC3463] (Standards Track)`.
///
/// ```
/// use smtp_codes::EnhancedStatus;
/// let r = &EnhancedStatus::BadDestinationMailboxAddress.references()[0];
/// assert_eq!(r.document, "RFC3463");
/// assert_eq!(r.status, Some("Standards Track"));
/// assert_eq!(r.rfc(), Some(3463));
/// assert_eq!(r.to_string(), "[RFC3463] (Standards Track)");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Reference {
    /// The document: `RFC3463`, `draft-levine-mailbomb-header-00`.
    pub document: &'static str,
    /// The section, when the registry names one (`3.3` in `[RFC7372], Section 3.3`).
    pub section: Option<&'static str>,
    /// Its status as the registry gives it (`Standards Track`), if any.
    pub status: Option<&'static str>,
}

impl Reference {
    /// The RFC number, when the document is an RFC.
    ///
    /// ```
    /// use smtp_codes::EnhancedStatus;
    /// assert_eq!(EnhancedStatus::MailFloodDetected.references()[0].rfc(), None);
    /// ```
    pub fn rfc(&self) -> Option<u16> {
        self.document.strip_prefix("RFC")?.parse().ok()
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}]", self.document)?;
        if let Some(section) = self.section {
            write!(f, ", Section {section}")?;
        }
        if let Some(status) = self.status {
            write!(f, " ({status})")?;
        }
        Ok(())
    }
}

/// What kind of value the registry's "Associated basic status code" holds.
///
/// ```
/// use smtp_codes::{AssociatedKind, EnhancedStatus};
/// assert_eq!(EnhancedStatus::OtherUndefinedStatus.associated_codes().kind(), AssociatedKind::Any);
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AssociatedKind {
    /// `Any`: any reply code may carry the status.
    Any,
    /// `Not given`: the registration names no reply code.
    NotGiven,
    /// Empty, or IANA's placeholder `.`: nothing registered.
    Blank,
    /// A list of codes and/or class patterns: `451, 550`, `250 or 251`,
    /// `5XX`, `450, 550 (other 4XX or 5XX codes are allowed)`.
    Listed,
}

impl AssociatedKind {
    /// A stable lowercase name: `any`, `not_given`, `blank` or `listed`.
    ///
    /// ```
    /// assert_eq!(smtp_codes::AssociatedKind::NotGiven.as_str(), "not_given");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            AssociatedKind::Any => "any",
            AssociatedKind::NotGiven => "not_given",
            AssociatedKind::Blank => "blank",
            AssociatedKind::Listed => "listed",
        }
    }
}

/// The "Associated basic status code" column of a registered status,
/// structured, with the registry's text kept verbatim.
///
/// ```
/// use smtp_codes::{EnhancedStatus, ReplyClass, ReplyCode};
/// let a = EnhancedStatus::DeliveryNotAuthorizedMessageRefused.associated_codes();
/// assert_eq!(a.raw(), "451, 454, 502, 503, 533, 550, 551");
/// assert_eq!(a.codes().len(), 7);
/// assert!(a.allows(ReplyCode::from_u16(533).unwrap()));
///
/// let b = EnhancedStatus::MailboxOwnerHasChanged.associated_codes();
/// assert_eq!(b.raw(), "5XX");
/// assert_eq!(b.classes(), &[ReplyClass::PermanentNegative]);
/// assert!(b.allows(ReplyCode::from_u16(550).unwrap()));
/// assert!(!b.allows(ReplyCode::from_u16(450).unwrap()));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AssociatedCodes {
    pub(crate) raw: &'static str,
    pub(crate) kind: AssociatedKind,
    pub(crate) codes: &'static [ReplyCode],
    pub(crate) classes: &'static [ReplyClass],
}

impl AssociatedCodes {
    /// The registry's text, verbatim (it may span lines).
    ///
    /// ```
    /// use smtp_codes::EnhancedStatus;
    /// assert_eq!(EnhancedStatus::MailboxFull.associated_codes().raw(), "552");
    /// ```
    pub fn raw(&self) -> &'static str {
        self.raw
    }

    /// What kind of value it is.
    ///
    /// ```
    /// use smtp_codes::{AssociatedKind, EnhancedStatus};
    /// assert_eq!(EnhancedStatus::MailFloodDetected.associated_codes().kind(), AssociatedKind::Blank);
    /// ```
    pub fn kind(&self) -> AssociatedKind {
        self.kind
    }

    /// The reply codes named explicitly, in the registry's order.
    ///
    /// ```
    /// use smtp_codes::EnhancedStatus;
    /// let codes = EnhancedStatus::DestinationAddressValid.associated_codes().codes();
    /// assert_eq!(codes, &[250]);
    /// ```
    pub fn codes(&self) -> &'static [ReplyCode] {
        self.codes
    }

    /// Classes of which every code is allowed (`5XX`, or "other 4XX or 5XX
    /// codes are allowed").
    ///
    /// ```
    /// use smtp_codes::{EnhancedStatus, ReplyClass};
    /// let a = EnhancedStatus::MailboxFull.associated_codes();
    /// assert!(a.classes().is_empty());
    /// ```
    pub fn classes(&self) -> &'static [ReplyClass] {
        self.classes
    }

    /// Whether the registration allows this reply code with the status:
    /// `Any`, a code listed, or a code of a class allowed as a whole.
    ///
    /// ```
    /// use smtp_codes::{EnhancedStatus, ReplyCode};
    /// assert!(EnhancedStatus::OtherUndefinedStatus.associated_codes().allows(ReplyCode::OK));
    /// assert!(!EnhancedStatus::OtherAddressStatus.associated_codes().allows(ReplyCode::OK));
    /// ```
    pub fn allows(&self, code: ReplyCode) -> bool {
        match self.kind {
            AssociatedKind::Any => true,
            AssociatedKind::NotGiven | AssociatedKind::Blank => false,
            AssociatedKind::Listed => {
                self.codes.contains(&code) || self.classes.contains(&code.class())
            }
        }
    }
}

/// An RFC section: `RFC 5321 §4.2.3`.
///
/// ```
/// use smtp_codes::KnownReplyCode;
/// let r = KnownReplyCode::Ok.meanings()[0].references[0];
/// assert_eq!(r.rfc, 5321);
/// assert!(r.to_string().starts_with("RFC 5321 §4.2"));
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RfcSection {
    /// The RFC number.
    pub rfc: u16,
    /// The section: `4.2.3`.
    pub section: &'static str,
}

impl fmt::Display for RfcSection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RFC {} §{}", self.rfc, self.section)
    }
}

/// One meaning an RFC gives a basic reply code.
///
/// ```
/// use smtp_codes::KnownReplyCode;
/// let m = &KnownReplyCode::MailboxUnavailable.meanings()[0];
/// assert_eq!(m.text, "Requested action not taken: mailbox unavailable");
/// assert_eq!(m.context, "any");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ReplyMeaning {
    /// The reply text as the RFC writes it.
    pub text: &'static str,
    /// What the reply means, paraphrased from the RFC.
    pub meaning: &'static str,
    /// Where the meaning applies: `any` for RFC 5321's general meaning, else
    /// the command or extension (`AUTH`, `STARTTLS`, `SIZE`, `ETRN`, ...).
    pub context: &'static str,
    /// The RFC sections that define it.
    pub references: &'static [RfcSection],
}

/// A row of sub-registry 1 or 2.
pub(crate) struct SubCodeEntry {
    pub(crate) code: &'static str,
    pub(crate) summary: &'static str,
    pub(crate) description: &'static str,
    pub(crate) reference: &'static str,
    pub(crate) references: &'static [Reference],
    pub(crate) submitter: &'static str,
    pub(crate) change_controller: &'static str,
}

/// A row of sub-registry 3.
pub(crate) struct StatusEntry {
    pub(crate) code: &'static str,
    pub(crate) subject: u16,
    pub(crate) detail: u16,
    pub(crate) sample_text: &'static str,
    pub(crate) associated: AssociatedCodes,
    pub(crate) description: &'static str,
    pub(crate) reference: &'static str,
    pub(crate) references: &'static [Reference],
    pub(crate) submitter: &'static str,
    pub(crate) change_controller: &'static str,
}

/// A code of the reply-code table with its meanings.
pub(crate) struct ReplyEntry {
    pub(crate) meanings: &'static [ReplyMeaning],
}

/// A row of the SMTP Service Extensions registry (`mail-parameters-2`), with
/// the keyword's parameters from `mail-parameters-3`.
pub(crate) struct KeywordEntry {
    pub(crate) description: &'static str,
    pub(crate) reference: &'static str,
    pub(crate) references: &'static [Reference],
    pub(crate) note: &'static str,
    /// The registry's words that mark the keyword deprecated, as written.
    pub(crate) deprecation: &'static [&'static str],
    pub(crate) parameters: Option<&'static str>,
}

/// A row of the SMTP Server Limits registry (`smtp-service-extensions`).
pub(crate) struct LimitEntry {
    pub(crate) syntax: &'static str,
    /// The value is a number without leading zero of at most this many digits.
    pub(crate) max_digits: u8,
    pub(crate) description: &'static str,
    pub(crate) restrictions: &'static str,
    pub(crate) security: &'static str,
    pub(crate) reference: &'static str,
    pub(crate) references: &'static [Reference],
}

include!(concat!(env!("OUT_DIR"), "/registry.rs"));
