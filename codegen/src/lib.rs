//! The build-time generator of the `smtp-codes` crate.
//!
//! It reads the registry files in `registry/` (IANA's CSV exports of the SMTP
//! Enhanced Status Codes registry and of the SMTP Service Extensions, their
//! parameters and the SMTP Server Limits of the MAIL Parameters registry, the
//! project's own table of basic reply codes, and the identifiers chosen for
//! every entry), validates them, and
//! emits the Rust source that `smtp-codes` includes: exhaustive enums, their
//! metadata tables and lookup functions. Data only; behaviour is written by
//! hand in `smtp-codes`.
//!
//! ```no_run
//! // core/build.rs
//! let dir = std::path::Path::new("registry");
//! let registry = smtp_codes_codegen::Registry::read_dir(dir).unwrap_or_else(|e| panic!("{e}"));
//! let rust = smtp_codes_codegen::generate(&registry);
//! std::fs::write("registry.rs", rust).unwrap();
//! ```
//!
//! Malformed input is refused with the file, the line and what is wrong
//! ([`Error`]); the generator never panics on any input.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod c;
mod ehlo;
mod emit;
mod parse;
pub mod rules;

pub use ehlo::{DEPRECATION_WORDS, KeywordRow, LimitRow, MailParameters};
pub use emit::generate;
pub use parse::{Associated, Reference, Registry, ReplyRow, Sources, StatusRow, SubCodeRow};

use std::fmt;

/// File names inside the registry folder.
pub mod files {
    /// IANA sub-registry 1: class sub-codes.
    pub const CLASSES: &str = "smtp-enhanced-status-codes-1.csv";
    /// IANA sub-registry 2: subject sub-codes.
    pub const SUBJECTS: &str = "smtp-enhanced-status-codes-2.csv";
    /// IANA sub-registry 3: enumerated status codes.
    pub const STATUSES: &str = "smtp-enhanced-status-codes-3.csv";
    /// The date IANA last updated the registry (one line, `YYYY-MM-DD`).
    pub const UPDATED: &str = "smtp-enhanced-status-codes-updated.txt";
    /// The Rust identifier chosen for every class, subject and status.
    pub const IDENTIFIERS: &str = "identifiers.csv";
    /// The project's own table of basic reply codes.
    pub const REPLIES: &str = "smtp-reply-codes.csv";
    /// IANA MAIL Parameters, sub-registry `mail-parameters-2`: SMTP Service
    /// Extensions, the EHLO keywords.
    pub const EHLO_KEYWORDS: &str = "mail-parameters-2.csv";
    /// IANA MAIL Parameters, sub-registry `mail-parameters-3`: SMTP Service
    /// Extension Parameters.
    pub const EHLO_PARAMETERS: &str = "mail-parameters-3.csv";
    /// IANA MAIL Parameters, sub-registry `smtp-service-extensions`: SMTP
    /// Server Limits (RFC 9422).
    pub const SERVER_LIMITS: &str = "smtp-service-extensions.csv";
    /// The date IANA last updated the MAIL Parameters registry.
    pub const MAIL_PARAMETERS_UPDATED: &str = "mail-parameters-updated.txt";
    /// The Rust identifier chosen for every EHLO keyword and server limit.
    pub const EHLO_IDENTIFIERS: &str = "ehlo-identifiers.csv";
    /// Every file the generator reads, for `cargo:rerun-if-changed`.
    pub const ALL: [&str; 11] = [
        CLASSES,
        SUBJECTS,
        STATUSES,
        UPDATED,
        IDENTIFIERS,
        REPLIES,
        EHLO_KEYWORDS,
        EHLO_PARAMETERS,
        SERVER_LIMITS,
        MAIL_PARAMETERS_UPDATED,
        EHLO_IDENTIFIERS,
    ];
}

/// Why the registry was refused: which file, which line, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The file, as named in [`files`].
    pub file: String,
    /// The 1-based line where the offending record starts, when there is one.
    pub line: Option<u64>,
    /// What is wrong, in words.
    pub message: String,
}

impl Error {
    pub(crate) fn new(file: &str, line: Option<u64>, message: impl Into<String>) -> Self {
        Error {
            file: file.to_owned(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for Error {}
