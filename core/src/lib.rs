//! SMTP reply codes and enhanced status codes, generated from the registry.
//!
//! An SMTP server answers with a basic reply code (RFC 5321: `550`) and often
//! an enhanced status code (RFC 3463: `5.1.1`, class.subject.detail, kept by
//! IANA per RFC 5248). This crate gives both a typed, open value
//! ([`ReplyCode`], [`EnhancedCode`]) that holds any code of the grammar, and
//! exhaustive enums generated at build time from the registry files in
//! `registry/` ([`Class`], [`Subject`], [`EnhancedStatus`], [`KnownReplyCode`])
//! that carry the registry's text, description, associated codes and references.
//!
//! ```
//! use smtp_codes::{Class, EnhancedCode, EnhancedStatus, ReplyCode, Subject};
//!
//! let reply: ReplyCode = "550".parse()?;
//! assert!(reply.is_permanent_negative());
//!
//! let status: EnhancedCode = "5.1.1".parse()?;
//! assert_eq!(status.class(), Class::PermanentFailure);
//! let entry = status.known().unwrap();
//! assert_eq!(entry, EnhancedStatus::BadDestinationMailboxAddress);
//! assert_eq!(entry.sample_text(), "Bad destination mailbox address");
//! assert!(entry.associated_codes().allows(reply));
//!
//! // Codes IANA never registered are still values, and their parts still speak.
//! let ms: EnhancedCode = "5.7.606".parse()?;
//! assert_eq!(ms.known(), None);
//! assert_eq!(ms.known_subject(), Some(Subject::SecurityOrPolicy));
//! # Ok::<(), smtp_codes::ParseError>(())
//! ```
//!
//! The crate is `no_std` (features `alloc` and `std`, on by default, add what
//! needs them), and contains no `unsafe` code.

#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

#[cfg(feature = "classify")]
mod classify;
#[cfg(feature = "alloc")]
pub mod dsn;
mod ehlo;
mod enhanced;
mod error;
mod find;
mod registry;
mod reply;
mod reply_code;
mod reply_line;

#[cfg(feature = "classify")]
pub use classify::{
    Action, Bounce, Command, DecidedBy, Evidence, Outcome, ProviderRule, Reason, Signals, TextRule,
    Verdict, classify,
};
pub use ehlo::{
    AuthMechanisms, Ehlo, EhloError, EhloErrorKind, Extension, Extensions, Greeting, Limit, Limits,
    Parameters, RawParams, ReplyTexts, SizeLimit,
};
pub use enhanced::EnhancedCode;
pub use error::{ParseError, ParseErrorKind};
pub use find::{Found, FoundCode, FoundCodes, FoundContext, best_enhanced, best_reply, find_codes};
pub use registry::{
    AssociatedCodes, AssociatedKind, Class, EnhancedStatus, KnownReplyCode, REGISTRY_UPDATED,
    Reference, ReplyMeaning, RfcSection, Subject,
};
pub use registry::{EhloKeyword, MAIL_PARAMETERS_UPDATED, ServerLimit};
pub use reply::{
    Defect, Defects, Lines, Mode, ParseOptions, ParseStatus, RenderError, Replies, Reply,
    ReplyError, ReplyErrorKind, ReplyStream, ReplyText, ReplyWriter,
};
pub use reply_code::{InvalidReplyCode, ReplyCategory, ReplyClass, ReplyCode};
pub use reply_line::ReplyLine;

/// The README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
