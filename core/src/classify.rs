//! Classifying failures: what happened, whose problem it is, and what a
//! sender should do, with the evidence that decided.
//!
//! | field | values (stable lowercase names) |
//! |---|---|
//! | [`Verdict::class`] ([`Outcome`]) | `success`, `transient`, `permanent`, `unknown` |
//! | [`Verdict::reason`] ([`Reason`]) | Sisimai's vocabulary: `authfailure`, `badreputation`, `blocked`, `contenterror`, `delivered`, `emailtoolarge`, `expired`, `failedstarttls`, `feedback`, `filtered`, `hasmoved`, `hostunknown`, `mailboxfull`, `mailererror`, `networkerror`, `norelaying`, `notaccept`, `notcompliantrfc`, `onhold`, `policyviolation`, `ratelimited`, `rejected`, `requireptr`, `securityerror`, `spamdetected`, `suppressed`, `suspend`, `syntaxerror`, `systemerror`, `systemfull`, `undefined`, `userunknown`, `vacation`, `virusdetected` |
//! | [`Verdict::bounce`] ([`Bounce`]) | `hard` (the address itself is bad), `soft`, `none` |
//! | [`Verdict::action`] ([`Action`]) | `remove`, `retry`, `retry_then_suppress`, `fix_authentication`, `fix_dns`, `change_message`, `investigate`, `none` |
//! | [`Evidence::decided_by`] ([`DecidedBy`]) | `provider_rule`, `status_code`, `reply_code`, `text_rule`, `subject`, `command`, `class`, `nothing` |
//!
//! How a verdict is reached, first match wins:
//!
//! 1. the **class** comes from the DSN `Status` when given (the reporting
//!    MTA's final word), else the reply code, else the enhanced code found in
//!    the diagnostic, else a phrase of the text (`try again later`);
//! 2. the **reason** comes from a provider rule (`registry/provider-rules.csv`:
//!    Gmail's 5.7.26 is DMARC, Microsoft's 5.7.606-649 a banned IP; a rule
//!    applies when the remote host is under one of its domains, or, with no
//!    host known, when the provider's own wording is in the text), else a
//!    registered status whose meaning is definite (`X.1.1`, `X.2.2`;
//!    `registry/code-reasons.csv`), else a reply code whose meaning is definite
//!    (`551`, `556`), else a phrase of the diagnostic
//!    (`registry/text-rules.csv`, matched in linear time), else the reply
//!    code's hint when the status is an "other or undefined" `X.Y.0`, else what a
//!    generic status hints (`X.7.1`: policy), else the subject of an
//!    unregistered code (`5.7.606`: security or policy), else the reply code's
//!    hint, else the SMTP command (a refused `MAIL` is a rejected sender);
//! 3. **bounce** is hard only for a permanent failure of the address itself
//!    (`userunknown`, `hostunknown`, `hasmoved`, `notaccept`);
//! 4. the **action** is the provider rule's or the code's when they name one,
//!    else follows from reason and class: a full mailbox is retried when
//!    transient and suppressed after repeated failures when permanent.
//!
//! ```
//! use smtp_codes::{classify, Action, Bounce, Outcome, Reason, Signals};
//! let v = classify(&Signals::new().diagnostic(b"550 5.1.1 <x@example.com>: Recipient address rejected: User unknown"));
//! assert_eq!((v.class(), v.reason(), v.bounce(), v.action()),
//!            (Outcome::Permanent, Reason::UserUnknown, Bounce::Hard, Action::Remove));
//!
//! // 5.7.1 is a policy block, not a bad address.
//! let v = classify(&Signals::new().diagnostic(b"554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org"));
//! assert_eq!(v.bounce(), Bounce::Soft);
//! assert_ne!(v.action(), Action::Remove);
//! ```

use crate::enhanced::resolve_status;
use crate::find::best_codes;
use crate::{EnhancedCode, ReplyCode};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use core::fmt;
use core::ops::Range;
use std::sync::OnceLock;

macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)? }
        example: $example:literal
    ) => {
        $(#[$meta])*
        #[non_exhaustive]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in the order of the table in the docs.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable lowercase name.
            ///
            /// ```
            #[doc = $example]
            /// ```
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The value with this lowercase name.
            ///
            /// ```
            #[doc = concat!("for v in smtp_codes::", stringify!($name), "::ALL {")]
            #[doc = concat!("    assert_eq!(smtp_codes::", stringify!($name), "::from_name(v.as_str()), Some(*v));")]
            /// }
            /// ```
            pub fn from_name(name: &str) -> Option<$name> {
                match name { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

named_enum! {
    /// Whether the delivery succeeded, failed for now, or failed for good.
    Outcome {
        /// A positive reply or a success status (`2yz`, `2.X.X`).
        Success = "success",
        /// A transient failure: `4yz`, `4.X.X`, or words like "try again later".
        Transient = "transient",
        /// A permanent failure: `5yz`, `5.X.X`.
        Permanent = "permanent",
        /// Nothing tells.
        Unknown = "unknown",
    }
    example: "assert_eq!(smtp_codes::Outcome::Transient.as_str(), \"transient\");"
}

named_enum! {
    /// Why the delivery failed, in the vocabulary bounce processors share
    /// (Sisimai's reason names).
    Reason {
        /// SPF, DKIM, DMARC or ARC failed.
        AuthFailure = "authfailure",
        /// The sender's IP or domain has a bad reputation.
        BadReputation = "badreputation",
        /// The sending host or IP is refused (block lists, ...).
        Blocked = "blocked",
        /// The message's content or format is wrong.
        ContentError = "contenterror",
        /// Delivered.
        Delivered = "delivered",
        /// The message is too big.
        EmailTooLarge = "emailtoolarge",
        /// Delivery time expired: the message stayed queued too long.
        Expired = "expired",
        /// STARTTLS failed or TLS is required.
        FailedStartTls = "failedstarttls",
        /// A feedback (complaint) report.
        Feedback = "feedback",
        /// Refused by a filter or access rule of the recipient's side.
        Filtered = "filtered",
        /// The mailbox has moved (551).
        HasMoved = "hasmoved",
        /// The recipient's domain or host does not exist.
        HostUnknown = "hostunknown",
        /// The mailbox is full.
        MailboxFull = "mailboxfull",
        /// A local delivery program failed.
        MailerError = "mailererror",
        /// DNS, network or routing trouble.
        NetworkError = "networkerror",
        /// Relaying is denied.
        NoRelaying = "norelaying",
        /// The host accepts no mail (null MX, 521, 556).
        NotAccept = "notaccept",
        /// The message violates RFC 5322.
        NotCompliantRfc = "notcompliantrfc",
        /// Held; the reason is not known yet.
        OnHold = "onhold",
        /// A local policy refused the message.
        PolicyViolation = "policyviolation",
        /// Too many connections, messages or recipients.
        RateLimited = "ratelimited",
        /// The envelope sender is refused.
        Rejected = "rejected",
        /// The sending host has no reverse DNS (PTR).
        RequirePtr = "requireptr",
        /// Authentication (SMTP AUTH) or another security problem.
        SecurityError = "securityerror",
        /// Refused as spam.
        SpamDetected = "spamdetected",
        /// The address is on a suppression list.
        Suppressed = "suppressed",
        /// The mailbox is disabled or suspended.
        Suspend = "suspend",
        /// An SMTP syntax error.
        SyntaxError = "syntaxerror",
        /// The remote system failed.
        SystemError = "systemerror",
        /// The remote system is out of storage.
        SystemFull = "systemfull",
        /// Nothing tells why.
        Undefined = "undefined",
        /// The mailbox does not exist.
        UserUnknown = "userunknown",
        /// An automatic vacation reply.
        Vacation = "vacation",
        /// A virus was found.
        VirusDetected = "virusdetected",
    }
    example: "assert_eq!(smtp_codes::Reason::UserUnknown.as_str(), \"userunknown\");"
}

named_enum! {
    /// Whether the address itself is bad.
    Bounce {
        /// A permanent failure of the address itself: remove it.
        Hard = "hard",
        /// Any other failure.
        Soft = "soft",
        /// No failure.
        None = "none",
    }
    example: "assert_eq!(smtp_codes::Bounce::Hard.as_str(), \"hard\");"
}

named_enum! {
    /// What a sender should do: advice, not a verdict.
    Action {
        /// Remove the address: it is bad.
        Remove = "remove",
        /// Retry later.
        Retry = "retry",
        /// Retry, and suppress the address after repeated failures.
        RetryThenSuppress = "retry_then_suppress",
        /// Fix the sender's authentication: SPF, DKIM, DMARC alignment.
        FixAuthentication = "fix_authentication",
        /// Fix the sender's DNS: reverse DNS (PTR), null MX, MX.
        FixDns = "fix_dns",
        /// Change the message: its size or content.
        ChangeMessage = "change_message",
        /// A person should look: reputation, block lists, policy.
        Investigate = "investigate",
        /// Nothing to do.
        None = "none",
    }
    example: "assert_eq!(smtp_codes::Action::RetryThenSuppress.as_str(), \"retry_then_suppress\");"
}

named_enum! {
    /// Which signal decided the reason.
    DecidedBy {
        /// A provider's documented meaning (`registry/provider-rules.csv`).
        ProviderRule = "provider_rule",
        /// A registered enhanced status code (`registry/code-reasons.csv`).
        StatusCode = "status_code",
        /// A basic reply code (`registry/code-reasons.csv`).
        ReplyCode = "reply_code",
        /// A phrase of the diagnostic text (`registry/text-rules.csv`).
        TextRule = "text_rule",
        /// The subject of the enhanced code (`X.7.YYY`).
        Subject = "subject",
        /// The SMTP command that failed.
        Command = "command",
        /// The class alone (a success).
        Class = "class",
        /// Nothing: the reason is undefined.
        Nothing = "nothing",
    }
    example: "assert_eq!(smtp_codes::DecidedBy::TextRule.as_str(), \"text_rule\");"
}

named_enum! {
    /// The SMTP command a reply answered.
    Command {
        /// The greeting on connection.
        Connect = "CONNECT",
        /// `EHLO` or `HELO`.
        Ehlo = "EHLO",
        /// `STARTTLS`.
        StartTls = "STARTTLS",
        /// `AUTH`.
        Auth = "AUTH",
        /// `MAIL FROM`.
        Mail = "MAIL",
        /// `RCPT TO`.
        Rcpt = "RCPT",
        /// `DATA` (before the message).
        Data = "DATA",
        /// After the final dot of the message (or the last `BDAT`).
        DataEnd = "DATA-END",
        /// `BDAT`.
        Bdat = "BDAT",
    }
    example: "assert_eq!(smtp_codes::Command::Rcpt.as_str(), \"RCPT\");"
}

impl Command {
    /// The command named as MTAs log it, case-insensitive: `RCPT`, `rcpt to`,
    /// `MAIL FROM`, `HELO`, `end of data`, `.` ...
    ///
    /// ```
    /// use smtp_codes::Command;
    /// assert_eq!(Command::parse("rcpt to"), Some(Command::Rcpt));
    /// assert_eq!(Command::parse("end of data"), Some(Command::DataEnd));
    /// assert_eq!(Command::parse("HELO"), Some(Command::Ehlo));
    /// assert_eq!(Command::parse("NOOP"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Command> {
        let t = text.trim();
        let word = t.split([' ', ':']).next().unwrap_or("");
        let is = |w: &str| word.eq_ignore_ascii_case(w);
        Some(if is("CONNECT") || is("GREETING") || is("BANNER") {
            Command::Connect
        } else if is("EHLO") || is("HELO") || is("LHLO") {
            Command::Ehlo
        } else if is("STARTTLS") {
            Command::StartTls
        } else if is("AUTH") {
            Command::Auth
        } else if is("MAIL") {
            Command::Mail
        } else if is("RCPT") {
            Command::Rcpt
        } else if is("BDAT") {
            Command::Bdat
        } else if is("DATA-END") || t == "." || t.eq_ignore_ascii_case("end of data") {
            Command::DataEnd
        } else if is("DATA") {
            Command::Data
        } else {
            return None;
        })
    }
}

/// A meaning the registry's codes or the RFCs give a reason (a row of
/// `registry/code-reasons.csv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct CodeRule {
    pub(crate) reason: Reason,
    pub(crate) definite: bool,
    pub(crate) action: Option<Action>,
    pub(crate) why: &'static str,
}

/// The code condition of a [`ProviderRule`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum ProviderCode {
    Any,
    Enhanced(u8, u16, u16),
    Range(u8, u16, u16, u16),
    Reply(u16),
}

/// The code a [`ProviderRule`] looks for; [`Display`](fmt::Display) spells
/// it as `registry/provider-rules.csv` does.
///
/// ```
/// use smtp_codes::{ProviderRule, RuleCode};
/// let codes: Vec<String> = ProviderRule::all().iter().filter_map(|r| r.code()).map(|c| c.to_string()).collect();
/// assert!(codes.iter().any(|c| c == "5.7.26"));
/// assert!(codes.iter().any(|c| c == "5.7.606-5.7.649"));
/// assert!(codes.iter().any(|c| c == "550"));
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RuleCode {
    /// This enhanced code.
    Enhanced(EnhancedCode),
    /// The enhanced codes of one class and subject whose detail lies
    /// between these two codes' details, both included.
    EnhancedRange(EnhancedCode, EnhancedCode),
    /// This basic reply code.
    Reply(ReplyCode),
}

impl fmt::Display for RuleCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleCode::Enhanced(e) => write!(f, "{e}"),
            RuleCode::EnhancedRange(first, last) => write!(f, "{first}-{last}"),
            RuleCode::Reply(r) => write!(f, "{r}"),
        }
    }
}

/// A provider's documented meaning of a code or text (a row of
/// `registry/provider-rules.csv`).
///
/// ```
/// use smtp_codes::{classify, DecidedBy, Signals};
/// let v = classify(&Signals::new()
///     .diagnostic(b"550 5.7.606 Access denied, banned sending IP [203.0.113.7]")
///     .remote_host("example-com.mail.protection.outlook.com"));
/// let rule = v.evidence().provider_rule().unwrap();
/// assert_eq!(rule.provider(), "microsoft");
/// assert!(rule.source().starts_with("https://"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ProviderRule {
    pub(crate) provider: &'static str,
    pub(crate) domains: &'static [&'static str],
    pub(crate) code: ProviderCode,
    pub(crate) text: &'static str,
    pub(crate) reason: Reason,
    pub(crate) action: Action,
    pub(crate) source: &'static str,
}

impl ProviderRule {
    /// The provider's short id: `gmail`, `microsoft`, `yahoo` ...
    ///
    /// ```
    /// assert!(smtp_codes::ProviderRule::all().iter().any(|r| r.provider() == "gmail"));
    /// ```
    pub fn provider(&self) -> &'static str {
        self.provider
    }

    /// The public page that documents the rule.
    ///
    /// ```
    /// assert!(smtp_codes::ProviderRule::all().iter().all(|r| r.source().starts_with("http")));
    /// ```
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// The domains of the remote hosts the rule applies to (a host equal to
    /// one of them or under it); empty for every host.
    ///
    /// ```
    /// let gmail = smtp_codes::ProviderRule::all().iter().find(|r| r.provider() == "gmail").unwrap();
    /// assert!(gmail.domains().contains(&"gmail.com"));
    /// ```
    pub fn domains(&self) -> &'static [&'static str] {
        self.domains
    }

    /// The code the rule looks for, or `None` when it looks for its text
    /// alone.
    ///
    /// ```
    /// use smtp_codes::{ProviderRule, RuleCode};
    /// assert!(ProviderRule::all().iter().any(|r| matches!(r.code(), Some(RuleCode::EnhancedRange(..)))));
    /// ```
    pub fn code(&self) -> Option<RuleCode> {
        // The numbers were checked against the grammar by codegen.
        let enhanced = |c, s, d| EnhancedCode::new(crate::Class::from_number(c)?, s, d);
        match self.code {
            ProviderCode::Any => None,
            ProviderCode::Enhanced(c, s, d) => enhanced(c, s, d).map(RuleCode::Enhanced),
            ProviderCode::Range(c, s, lo, hi) => Some(RuleCode::EnhancedRange(
                enhanced(c, s, lo)?,
                enhanced(c, s, hi)?,
            )),
            ProviderCode::Reply(r) => ReplyCode::from_u16(r).map(RuleCode::Reply),
        }
    }

    /// The text the rule looks for in the diagnostic (may be empty).
    ///
    /// ```
    /// assert!(smtp_codes::ProviderRule::all().iter().any(|r| !r.text().is_empty()));
    /// ```
    pub fn text(&self) -> &'static str {
        self.text
    }

    /// The reason the rule gives.
    ///
    /// ```
    /// assert!(smtp_codes::ProviderRule::all().iter().any(|r| r.reason() == smtp_codes::Reason::AuthFailure));
    /// ```
    pub fn reason(&self) -> Reason {
        self.reason
    }

    /// The action the rule gives.
    ///
    /// ```
    /// assert!(smtp_codes::ProviderRule::all().iter().any(|r| r.action() == smtp_codes::Action::FixAuthentication));
    /// ```
    pub fn action(&self) -> Action {
        self.action
    }

    /// Every provider rule, most specific first.
    ///
    /// ```
    /// assert!(!smtp_codes::ProviderRule::all().is_empty());
    /// ```
    pub fn all() -> &'static [ProviderRule] {
        &PROVIDER_RULES
    }

    /// A rule applies to a remote host under one of its domains. When the
    /// host is not known, a rule applies only if it also looks for a text:
    /// the provider's own wording, with its code, identifies the provider.
    fn host_matches(&self, host: Option<&str>) -> bool {
        let Some(host) = host else {
            return !self.text.is_empty();
        };
        if self.domains.is_empty() {
            return true;
        }
        let host = host.trim_end_matches('.');
        self.domains.iter().any(|d| {
            host.len() >= d.len()
                && host[host.len() - d.len()..].eq_ignore_ascii_case(d)
                && (host.len() == d.len() || host.as_bytes()[host.len() - d.len() - 1] == b'.')
        })
    }

    fn code_matches(&self, enhanced: &[Option<EnhancedCode>; 2], reply: Option<ReplyCode>) -> bool {
        let any = |f: &dyn Fn(EnhancedCode) -> bool| enhanced.iter().flatten().any(|e| f(*e));
        match self.code {
            ProviderCode::Any => true,
            ProviderCode::Enhanced(c, s, d) => {
                any(&|e| e.class().digit() == c && e.subject() == s && e.detail() == d)
            }
            ProviderCode::Range(c, s, lo, hi) => any(&|e| {
                e.class().digit() == c && e.subject() == s && (lo..=hi).contains(&e.detail())
            }),
            ProviderCode::Reply(r) => reply.is_some_and(|x| x.as_u16() == r),
        }
    }
}

/// Whether a phrase implies a class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum TextClass {
    // Constructed only when registry/text-rules.csv has a permanent phrase.
    #[allow(dead_code)]
    Permanent,
    Transient,
    Any,
}

/// A phrase that tells the reason (a row of `registry/text-rules.csv`).
///
/// ```
/// use smtp_codes::{classify, DecidedBy, Signals};
/// let v = classify(&Signals::new().diagnostic(b"550 Relay access denied"));
/// assert_eq!(v.evidence().decided_by(), DecidedBy::TextRule);
/// let rule = v.evidence().text_rule().unwrap();
/// assert!(!rule.phrase().is_empty() && !rule.source().is_empty());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TextRule {
    pub(crate) phrase: &'static str,
    pub(crate) reason: Reason,
    pub(crate) class: TextClass,
    pub(crate) source: &'static str,
}

impl TextRule {
    /// The phrase, matched case-insensitively.
    ///
    /// ```
    /// assert!(smtp_codes::TextRule::all().iter().all(|r| r.phrase().len() >= 3));
    /// ```
    pub fn phrase(&self) -> &'static str {
        self.phrase
    }

    /// The reason it tells.
    ///
    /// ```
    /// assert!(smtp_codes::TextRule::all().iter().any(|r| r.reason() == smtp_codes::Reason::MailboxFull));
    /// ```
    pub fn reason(&self) -> Reason {
        self.reason
    }

    /// Where servers send this phrase.
    ///
    /// ```
    /// assert!(smtp_codes::TextRule::all().iter().all(|r| !r.source().is_empty()));
    /// ```
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Every text rule, in order of precedence.
    ///
    /// ```
    /// assert!(smtp_codes::TextRule::all().len() > 50);
    /// ```
    pub fn all() -> &'static [TextRule] {
        &TEXT_RULES
    }
}

include!(concat!(env!("OUT_DIR"), "/rules.rs"));

/// What is known about a delivery attempt: any of the diagnostic text, the
/// DSN `Status`, the reply code, the remote host (or recipient domain) and
/// the command.
///
/// ```
/// use smtp_codes::{Command, EnhancedCode, Signals};
/// let status: EnhancedCode = "5.0.0".parse()?;
/// let s = Signals::new()
///     .diagnostic(b"smtp; 550 5.1.1 <x@example.com>: Recipient address rejected")
///     .status(status)
///     .remote_host("mx.example.com")
///     .command(Command::Rcpt);
/// assert_eq!(smtp_codes::classify(&s).reason(), smtp_codes::Reason::UserUnknown);
/// # Ok::<(), smtp_codes::ParseError>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Signals<'a> {
    diagnostic: Option<&'a [u8]>,
    status: Option<EnhancedCode>,
    reply_code: Option<ReplyCode>,
    remote_host: Option<&'a str>,
    command: Option<Command>,
}

impl<'a> Signals<'a> {
    /// Nothing known yet.
    ///
    /// ```
    /// let v = smtp_codes::classify(&smtp_codes::Signals::new());
    /// assert_eq!(v.class(), smtp_codes::Outcome::Unknown);
    /// ```
    pub const fn new() -> Self {
        Signals {
            diagnostic: None,
            status: None,
            reply_code: None,
            remote_host: None,
            command: None,
        }
    }

    /// The text a server or MTA gave: a reply, a DSN `Diagnostic-Code`, a log line.
    ///
    /// ```
    /// let s = smtp_codes::Signals::new().diagnostic(b"452 4.2.2 Mailbox full");
    /// assert_eq!(smtp_codes::classify(&s).reason(), smtp_codes::Reason::MailboxFull);
    /// ```
    pub const fn diagnostic(mut self, text: &'a [u8]) -> Self {
        self.diagnostic = Some(text);
        self
    }

    /// The enhanced status code of a DSN's `Status` field.
    ///
    /// ```
    /// let s = smtp_codes::Signals::new().status("4.2.2".parse()?);
    /// assert_eq!(smtp_codes::classify(&s).class(), smtp_codes::Outcome::Transient);
    /// # Ok::<(), smtp_codes::ParseError>(())
    /// ```
    pub const fn status(mut self, status: EnhancedCode) -> Self {
        self.status = Some(status);
        self
    }

    /// The basic reply code.
    ///
    /// ```
    /// let s = smtp_codes::Signals::new().reply_code(smtp_codes::ReplyCode::MAILBOX_UNAVAILABLE);
    /// assert_eq!(smtp_codes::classify(&s).class(), smtp_codes::Outcome::Permanent);
    /// ```
    pub const fn reply_code(mut self, code: ReplyCode) -> Self {
        self.reply_code = Some(code);
        self
    }

    /// The remote MX host, or the recipient's domain.
    ///
    /// ```
    /// let s = smtp_codes::Signals::new().remote_host("gmail-smtp-in.l.google.com");
    /// assert_eq!(smtp_codes::classify(&s).reason(), smtp_codes::Reason::Undefined);
    /// ```
    pub const fn remote_host(mut self, host: &'a str) -> Self {
        self.remote_host = Some(host);
        self
    }

    /// The command the reply answered.
    ///
    /// ```
    /// use smtp_codes::{classify, Command, ReplyCode, Reason, Signals};
    /// let s = Signals::new().reply_code(ReplyCode::MAILBOX_UNAVAILABLE).command(Command::Mail);
    /// assert_eq!(classify(&s).reason(), Reason::Rejected);
    /// ```
    pub const fn command(mut self, command: Command) -> Self {
        self.command = Some(command);
        self
    }
}

/// Which signals decided, and how: enough to explain and to audit a verdict.
///
/// ```
/// use smtp_codes::{classify, DecidedBy, Signals};
/// let v = classify(&Signals::new().diagnostic(b"550 5.2.2 Mailbox full"));
/// let e = v.evidence();
/// assert_eq!(e.decided_by(), DecidedBy::StatusCode);
/// assert_eq!(e.enhanced().unwrap().to_string(), "5.2.2");
/// assert_eq!(e.reply_code().unwrap().as_u16(), 550);
/// assert_eq!(e.why(), "Mailbox full");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    decided_by: DecidedBy,
    enhanced: Option<EnhancedCode>,
    reply_code: Option<ReplyCode>,
    provider_rule: Option<&'static ProviderRule>,
    text_rule: Option<&'static TextRule>,
    matched: Option<Range<usize>>,
    why: &'static str,
}

impl Evidence {
    /// Which signal decided the reason.
    ///
    /// ```
    /// let v = smtp_codes::classify(&smtp_codes::Signals::new());
    /// assert_eq!(v.evidence().decided_by(), smtp_codes::DecidedBy::Nothing);
    /// ```
    pub fn decided_by(&self) -> DecidedBy {
        self.decided_by
    }

    /// The enhanced code that counted (the `Status`, or a more specific code
    /// of the same class found in the diagnostic).
    ///
    /// ```
    /// let s = smtp_codes::Signals::new().status("5.0.0".parse()?).diagnostic(b"smtp; 550 5.1.1 unknown");
    /// assert_eq!(smtp_codes::classify(&s).evidence().enhanced().unwrap().to_string(), "5.1.1");
    /// # Ok::<(), smtp_codes::ParseError>(())
    /// ```
    pub fn enhanced(&self) -> Option<EnhancedCode> {
        self.enhanced
    }

    /// The reply code that counted.
    ///
    /// ```
    /// let v = smtp_codes::classify(&smtp_codes::Signals::new().diagnostic(b"host said: 421 try later"));
    /// assert_eq!(v.evidence().reply_code().map(|c| c.as_u16()), Some(421));
    /// ```
    pub fn reply_code(&self) -> Option<ReplyCode> {
        self.reply_code
    }

    /// The provider rule that decided, if one did.
    ///
    /// ```
    /// assert!(smtp_codes::classify(&smtp_codes::Signals::new()).evidence().provider_rule().is_none());
    /// ```
    pub fn provider_rule(&self) -> Option<&'static ProviderRule> {
        self.provider_rule
    }

    /// The text rule that decided, if one did.
    ///
    /// ```
    /// assert!(smtp_codes::classify(&smtp_codes::Signals::new()).evidence().text_rule().is_none());
    /// ```
    pub fn text_rule(&self) -> Option<&'static TextRule> {
        self.text_rule
    }

    /// Where in the diagnostic the deciding phrase stands, if a phrase decided.
    ///
    /// ```
    /// let text = b"550 sorry, no mailbox here by that name";
    /// let v = smtp_codes::classify(&smtp_codes::Signals::new().diagnostic(text));
    /// if let Some(span) = v.evidence().matched() {
    ///     assert!(span.end <= text.len());
    /// }
    /// ```
    pub fn matched(&self) -> Option<Range<usize>> {
        self.matched.clone()
    }

    /// Why, in words: the registry's or RFC's wording for a code, the phrase
    /// for a text rule, the source for a provider rule.
    ///
    /// ```
    /// let v = smtp_codes::classify(&smtp_codes::Signals::new().diagnostic(b"550 5.1.1 x"));
    /// assert_eq!(v.evidence().why(), "Bad destination mailbox address: the mailbox does not exist");
    /// ```
    pub fn why(&self) -> &'static str {
        self.why
    }
}

/// The answer: class, reason, bounce, action and the evidence.
///
/// ```
/// use smtp_codes::{classify, Action, Signals};
/// let transient = classify(&Signals::new().diagnostic(b"452 4.2.2 Mailbox full"));
/// let permanent = classify(&Signals::new().diagnostic(b"552 5.2.2 Mailbox full"));
/// assert_eq!(transient.action(), Action::Retry);
/// assert_eq!(permanent.action(), Action::RetryThenSuppress);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    class: Outcome,
    reason: Reason,
    bounce: Bounce,
    action: Action,
    evidence: Evidence,
}

impl Verdict {
    /// Success, transient, permanent or unknown.
    ///
    /// ```
    /// assert_eq!(smtp_codes::classify(&smtp_codes::Signals::new().diagnostic(b"250 OK")).class(), smtp_codes::Outcome::Success);
    /// ```
    pub fn class(&self) -> Outcome {
        self.class
    }

    /// Why.
    ///
    /// ```
    /// assert_eq!(smtp_codes::classify(&smtp_codes::Signals::new().diagnostic(b"250 OK")).reason(), smtp_codes::Reason::Delivered);
    /// ```
    pub fn reason(&self) -> Reason {
        self.reason
    }

    /// Hard, soft or none.
    ///
    /// ```
    /// assert_eq!(smtp_codes::classify(&smtp_codes::Signals::new().diagnostic(b"250 OK")).bounce(), smtp_codes::Bounce::None);
    /// ```
    pub fn bounce(&self) -> Bounce {
        self.bounce
    }

    /// What to do.
    ///
    /// ```
    /// assert_eq!(smtp_codes::classify(&smtp_codes::Signals::new().diagnostic(b"250 OK")).action(), smtp_codes::Action::None);
    /// ```
    pub fn action(&self) -> Action {
        self.action
    }

    /// What decided.
    ///
    /// ```
    /// assert_eq!(smtp_codes::classify(&smtp_codes::Signals::new().diagnostic(b"250 OK")).evidence().decided_by(), smtp_codes::DecidedBy::Class);
    /// ```
    pub fn evidence(&self) -> &Evidence {
        &self.evidence
    }
}

const TEXT_BITS: usize = (TEXT_RULES.len() + PROVIDER_RULES.len()).div_ceil(64);

/// Patterns 0..TEXT_RULES.len() are the text rules' phrases, then the
/// provider rules' texts (empty texts are replaced by a pattern that
/// cannot occur in text, so that indices stay aligned).
fn automaton() -> &'static AhoCorasick {
    static AUTOMATON: OnceLock<AhoCorasick> = OnceLock::new();
    AUTOMATON.get_or_init(|| {
        let patterns = TEXT_RULES
            .iter()
            .map(|r| r.phrase)
            .chain(PROVIDER_RULES.iter().map(|r| {
                if r.text.is_empty() {
                    "\u{0}\u{0}never\u{0}\u{0}"
                } else {
                    r.text
                }
            }));
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(patterns)
            .unwrap_or_else(|_| {
                AhoCorasick::new(["\u{0}"]).expect("a one-pattern automaton builds")
            })
    })
}

/// Whether a diagnostic may hold an SMTP reply: it has no RFC 3464
/// diagnostic type (`X-Unix;`, `X-Postfix;`), or the type is `smtp`.
fn smtp_type(text: &[u8]) -> bool {
    let word = text
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-'))
        .map_or(text, |end| &text[..end]);
    let after = text.get(word.len());
    word.is_empty() || after != Some(&b';') || word.eq_ignore_ascii_case(b"smtp")
}

/// What one pass of the automaton over the diagnostic found.
struct TextScan {
    /// Which patterns occur.
    seen: [u64; TEXT_BITS],
    /// The text rule of highest precedence (lowest index) found, with its span.
    best: Option<(usize, Range<usize>)>,
}

impl TextScan {
    fn run(text: &[u8]) -> TextScan {
        let mut scan = TextScan {
            seen: [0; TEXT_BITS],
            best: None,
        };
        if text.is_empty() {
            return scan;
        }
        for m in automaton().find_overlapping_iter(text) {
            let i = m.pattern().as_usize();
            if let Some(word) = scan.seen.get_mut(i / 64) {
                *word |= 1 << (i % 64);
            }
            if i < TEXT_RULES.len() && scan.best.as_ref().is_none_or(|(b, _)| i < *b) {
                scan.best = Some((i, m.start()..m.end()));
            }
        }
        scan
    }

    /// The provider rules whose text occurs, in the table's order.
    fn provider_texts_seen(&self) -> impl Iterator<Item = usize> + '_ {
        let first = TEXT_RULES.len();
        self.seen
            .iter()
            .enumerate()
            .filter(|(_, word)| **word != 0)
            .flat_map(|(w, &word)| {
                let mut bits = word;
                core::iter::from_fn(move || {
                    (bits != 0).then(|| {
                        let bit = bits.trailing_zeros() as usize;
                        bits &= bits - 1;
                        w * 64 + bit
                    })
                })
            })
            .filter(move |&i| i >= first)
            .map(move |i| i - first)
    }

    fn provider_text_seen(&self, rule: usize) -> bool {
        let i = TEXT_RULES.len() + rule;
        self.seen
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
}

fn outcome_of_reply(code: ReplyCode) -> Outcome {
    match code.as_u16() / 100 {
        2 => Outcome::Success,
        4 => Outcome::Transient,
        5 => Outcome::Permanent,
        _ => Outcome::Unknown,
    }
}

fn outcome_of_enhanced(code: EnhancedCode) -> Outcome {
    match code.class().digit() {
        2 => Outcome::Success,
        4 => Outcome::Transient,
        _ => Outcome::Permanent,
    }
}

/// The usual action for a reason and class.
fn default_action(reason: Reason, class: Outcome) -> Action {
    use Reason as R;
    if class == Outcome::Success {
        return Action::None;
    }
    match reason {
        R::Delivered | R::Vacation | R::Feedback => Action::None,
        R::AuthFailure => Action::FixAuthentication,
        R::RequirePtr => Action::FixDns,
        R::MailboxFull if class == Outcome::Transient => Action::Retry,
        R::MailboxFull | R::Suspend => Action::RetryThenSuppress,
        _ if class == Outcome::Transient => Action::Retry,
        R::UserUnknown | R::HostUnknown | R::HasMoved | R::NotAccept | R::Suppressed => {
            if class == Outcome::Permanent {
                Action::Remove
            } else {
                Action::RetryThenSuppress
            }
        }
        R::EmailTooLarge | R::ContentError | R::NotCompliantRfc | R::VirusDetected => {
            Action::ChangeMessage
        }
        R::Blocked
        | R::BadReputation
        | R::PolicyViolation
        | R::Filtered
        | R::NoRelaying
        | R::SecurityError
        | R::FailedStartTls
        | R::SyntaxError
        | R::SpamDetected
        | R::RateLimited
        | R::Rejected
        | R::MailerError => Action::Investigate,
        _ => Action::RetryThenSuppress,
    }
}

/// Classifies a delivery attempt. Allocates nothing (the phrase automaton is
/// built once, on first use); linear in the length of the diagnostic.
///
/// ```
/// use smtp_codes::{classify, Action, Bounce, DecidedBy, Outcome, Reason, Signals};
/// let v = classify(&Signals::new()
///     .diagnostic(b"550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy")
///     .remote_host("gmail-smtp-in.l.google.com"));
/// assert_eq!(v.reason(), Reason::AuthFailure);
/// assert_eq!(v.action(), Action::FixAuthentication);
/// assert_eq!(v.bounce(), Bounce::Soft);
///
/// // An unregistered code still gets a sound answer from its class and subject.
/// let v = classify(&Signals::new().diagnostic(b"550 5.7.999 no"));
/// assert_eq!((v.class(), v.evidence().decided_by()), (Outcome::Permanent, DecidedBy::Subject));
/// ```
pub fn classify(signals: &Signals<'_>) -> Verdict {
    let text = signals.diagnostic.unwrap_or(b"");
    let (text_enhanced, text_reply) = if text.is_empty() {
        (None, None)
    } else {
        best_codes(text)
    };
    // RFC 3464 §2.3.6: a diagnostic of another type than `smtp` (`X-Unix; 255`
    // is an exit status) holds no SMTP reply code.
    let text_reply = text_reply.filter(|_| smtp_type(text));
    let reply = signals.reply_code.or(text_reply);
    let enhanced = resolve_status(signals.status, text_enhanced);
    let scan = TextScan::run(text);
    let text_rule = scan
        .best
        .as_ref()
        .map(|(i, span)| (&TEXT_RULES[*i], span.clone()));

    let class = if let Some(s) = signals.status {
        outcome_of_enhanced(s)
    } else if let Some(r) = reply {
        outcome_of_reply(r)
    } else if let Some(e) = enhanced {
        outcome_of_enhanced(e)
    } else {
        match text_rule.as_ref().map(|(r, _)| r.class) {
            Some(TextClass::Transient) => Outcome::Transient,
            Some(TextClass::Permanent) => Outcome::Permanent,
            _ => Outcome::Unknown,
        }
    };

    let mut evidence = Evidence {
        decided_by: DecidedBy::Nothing,
        enhanced,
        reply_code: reply,
        provider_rule: None,
        text_rule: None,
        matched: None,
        why: "",
    };
    let mut code_action = None;
    let codes = [enhanced, text_enhanced];

    let provider = match signals.remote_host {
        // Without a host only rules that look for a text can apply: try the
        // ones whose text was seen, in the table's order.
        None => scan
            .provider_texts_seen()
            .map(|i| &PROVIDER_RULES[i])
            .find(|r| r.code_matches(&codes, reply)),
        Some(host) => {
            // Consecutive rules share their domain list: match the host once.
            let mut last: Option<(*const &str, bool)> = None;
            PROVIDER_RULES.iter().enumerate().find_map(|(i, r)| {
                let key = r.domains.as_ptr();
                let host_ok = match last {
                    Some((k, ok)) if k == key && !r.domains.is_empty() => ok,
                    _ => {
                        let ok = r.host_matches(Some(host));
                        last = Some((key, ok));
                        ok
                    }
                };
                (host_ok
                    && (r.text.is_empty() || scan.provider_text_seen(i))
                    && r.code_matches(&codes, reply))
                .then_some(r)
            })
        }
    };
    let status_rule = enhanced.and_then(|e| status_rule(e.subject(), e.detail()));
    let reply_rule = reply.and_then(|r| reply_rule(r.as_u16()));

    let reason = if let Some(rule) = provider {
        evidence.decided_by = DecidedBy::ProviderRule;
        evidence.provider_rule = Some(rule);
        evidence.why = rule.source;
        code_action = Some(rule.action);
        rule.reason
    } else if let Some(rule) = status_rule.filter(|r| r.definite) {
        evidence.decided_by = DecidedBy::StatusCode;
        evidence.why = rule.why;
        code_action = rule.action;
        rule.reason
    } else if let Some(rule) = reply_rule.filter(|r| r.definite) {
        evidence.decided_by = DecidedBy::ReplyCode;
        evidence.why = rule.why;
        code_action = rule.action;
        rule.reason
    } else if let Some((rule, span)) = text_rule {
        evidence.decided_by = DecidedBy::TextRule;
        evidence.text_rule = Some(rule);
        evidence.matched = Some(span);
        evidence.why = rule.phrase;
        rule.reason
    } else if let Some(rule) = reply_rule.filter(|_| enhanced.is_some_and(|e| e.detail() == 0)) {
        // An "other or undefined" status (`4.7.0`) says less than the reply
        // code's own meaning (`454`: temporary authentication failure).
        evidence.decided_by = DecidedBy::ReplyCode;
        evidence.why = rule.why;
        code_action = rule.action;
        rule.reason
    } else if let Some(rule) = status_rule {
        evidence.decided_by = DecidedBy::StatusCode;
        evidence.why = rule.why;
        code_action = rule.action;
        rule.reason
    } else if let Some(rule) = enhanced.and_then(|e| subject_rule(e.subject())) {
        evidence.decided_by = DecidedBy::Subject;
        evidence.why = rule.why;
        rule.reason
    } else if let Some(rule) = reply_rule {
        evidence.decided_by = DecidedBy::ReplyCode;
        evidence.why = rule.why;
        code_action = rule.action;
        rule.reason
    } else if class == Outcome::Success {
        evidence.decided_by = DecidedBy::Class;
        evidence.why = "a success reply or status";
        Reason::Delivered
    } else if let Some(reason) = match (class, signals.command) {
        (Outcome::Transient | Outcome::Permanent, Some(Command::Mail)) => Some(Reason::Rejected),
        (Outcome::Transient | Outcome::Permanent, Some(Command::Connect | Command::Ehlo)) => {
            Some(Reason::Blocked)
        }
        _ => None,
    } {
        evidence.decided_by = DecidedBy::Command;
        evidence.why = "the command that was refused";
        reason
    } else {
        Reason::Undefined
    };

    // A success reply that some rule named otherwise is still a success.
    let reason = if class == Outcome::Success
        && !matches!(
            reason,
            Reason::Delivered | Reason::Vacation | Reason::Feedback
        ) {
        Reason::Delivered
    } else {
        reason
    };
    let bounce = match (class, reason) {
        (Outcome::Success, _) | (_, Reason::Delivered | Reason::Vacation | Reason::Feedback) => {
            Bounce::None
        }
        (
            Outcome::Permanent,
            Reason::UserUnknown | Reason::HostUnknown | Reason::HasMoved | Reason::NotAccept,
        ) => Bounce::Hard,
        _ => Bounce::Soft,
    };
    let action = match code_action {
        Some(a) if class != Outcome::Success => a,
        _ => default_action(reason, class),
    };
    Verdict {
        class,
        reason,
        bounce,
        action,
        evidence,
    }
}

impl<'a> crate::dsn::Recipient<'a> {
    /// What this recipient's fields tell the classifier: the diagnostic
    /// text, the `Status` code, the reply code of an `smtp` diagnostic, and
    /// the `Remote-MTA` host.
    ///
    /// ```
    /// use smtp_codes::{classify, dsn::DeliveryStatus, Reason};
    /// let dsn = DeliveryStatus::parse(b"Reporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.0.0\nRemote-MTA: dns; mx.example.com\nDiagnostic-Code: smtp; 550 5.1.1 <a@example.com>: Recipient address rejected: User unknown\n")?;
    /// let r = &dsn.recipients()[0];
    /// assert_eq!(classify(&r.signals()).reason(), Reason::UserUnknown);
    /// assert_eq!(r.verdict().reason(), Reason::UserUnknown);
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn signals(&self) -> Signals<'_> {
        let mut s = Signals::new();
        if let Some(d) = self.diagnostic_code() {
            s = s.diagnostic(d.text().as_bytes());
        }
        if let Some(code) = self.status().and_then(|st| st.code()) {
            s = s.status(code);
        }
        if let Some(code) = self.reply_code() {
            s = s.reply_code(code);
        }
        if let Some(host) = self
            .remote_mta()
            .and_then(|m| m.value().to_str())
            .map(str::trim)
            .filter(|h| !h.is_empty())
        {
            s = s.remote_host(host.trim_start_matches('[').trim_end_matches(']'));
        }
        s
    }

    /// The verdict on this recipient: [`classify`] of its
    /// [`signals`](Self::signals).
    ///
    /// ```
    /// use smtp_codes::{dsn::DeliveryStatus, Action};
    /// let dsn = DeliveryStatus::parse(b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b.example\nAction: delayed\nStatus: 4.2.2\n")?;
    /// assert_eq!(dsn.recipients()[0].verdict().action(), Action::Retry);
    /// # Ok::<(), smtp_codes::dsn::DsnError>(())
    /// ```
    pub fn verdict(&self) -> Verdict {
        classify(&self.signals())
    }
}
