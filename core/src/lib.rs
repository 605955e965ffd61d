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
//! What servers send, parsed without allocating: [`Reply`] (single- and
//! multi-line, strict or lenient with [`Defect`]s reported, streamed with
//! [`ReplyStream`], written with [`ReplyWriter`]), [`Ehlo`] (the extensions
//! an EHLO reply advertises, keywords from IANA's registry as
//! [`EhloKeyword`]), codes in free text ([`find_codes`], [`best_enhanced`]),
//! and DSN reports ([`dsn`], RFC 3464, also inside a whole bounce message).
//!
//! What to do about it: [`classify`] turns a diagnostic, a DSN status, a reply
//! code, the remote host and the command into a [`Verdict`] (class, reason,
//! bounce, action) with the [`Evidence`] that decided.
//!
//! ```
//! use smtp_codes::{classify, Action, Reason, Reply, Signals};
//! let reply = Reply::parse(b"452-4.2.2 The recipient's inbox is out of storage space.\r\n452 4.2.2 Please direct the recipient to support.\r\n")?;
//! let verdict = classify(&Signals::new().diagnostic(reply.raw()));
//! assert_eq!((verdict.reason(), verdict.action()), (Reason::MailboxFull, Action::Retry));
//! # Ok::<(), smtp_codes::ReplyError>(())
//! ```
//!
//! Features: `alloc` (DSN reports), `std`, `classify` (needs `std` and the
//! `aho-corasick` crate) and `mime` (finds the report in a whole bounce message
//! with the `mail-parser` crate), all on by default. Without them the crate is
//! `no_std` with no dependencies: codes, replies, EHLO and the free-text
//! finder. No `unsafe` code.

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
mod memchr;
mod registry;
mod reply;
mod reply_code;
mod reply_line;

#[cfg(feature = "classify")]
pub use classify::{
    Action, Bounce, Command, DecidedBy, Evidence, Outcome, ProviderRule, Reason, RuleCode, Signals,
    TextRule, Verdict, classify,
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
