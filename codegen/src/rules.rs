//! The classification rules: which reason a code, a provider's code or a
//! phrase stands for (`registry/code-reasons.csv`, `provider-rules.csv`,
//! `text-rules.csv`), validated and emitted as static tables.

use crate::Error;
use crate::parse::{number, read_csv, reply_code};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use std::collections::BTreeSet;
use std::path::Path;

/// File names of the rule tables inside the registry folder.
pub mod files {
    /// What the registry's codes and the RFCs' reply codes say of the reason.
    pub const CODE_REASONS: &str = "code-reasons.csv";
    /// Providers that give codes and texts their own meanings.
    pub const PROVIDER_RULES: &str = "provider-rules.csv";
    /// Phrases that tell the reason when the codes do not.
    pub const TEXT_RULES: &str = "text-rules.csv";
    /// Every rule file, for `cargo:rerun-if-changed`.
    pub const ALL: [&str; 3] = [CODE_REASONS, PROVIDER_RULES, TEXT_RULES];
}

/// The reason vocabulary (Sisimai's names) and the Rust variant of each.
pub const REASONS: [(&str, &str); 34] = [
    ("authfailure", "AuthFailure"),
    ("badreputation", "BadReputation"),
    ("blocked", "Blocked"),
    ("contenterror", "ContentError"),
    ("delivered", "Delivered"),
    ("emailtoolarge", "EmailTooLarge"),
    ("expired", "Expired"),
    ("failedstarttls", "FailedStartTls"),
    ("feedback", "Feedback"),
    ("filtered", "Filtered"),
    ("hasmoved", "HasMoved"),
    ("hostunknown", "HostUnknown"),
    ("mailboxfull", "MailboxFull"),
    ("mailererror", "MailerError"),
    ("networkerror", "NetworkError"),
    ("norelaying", "NoRelaying"),
    ("notaccept", "NotAccept"),
    ("notcompliantrfc", "NotCompliantRfc"),
    ("onhold", "OnHold"),
    ("policyviolation", "PolicyViolation"),
    ("ratelimited", "RateLimited"),
    ("rejected", "Rejected"),
    ("requireptr", "RequirePtr"),
    ("securityerror", "SecurityError"),
    ("spamdetected", "SpamDetected"),
    ("suppressed", "Suppressed"),
    ("suspend", "Suspend"),
    ("syntaxerror", "SyntaxError"),
    ("systemerror", "SystemError"),
    ("systemfull", "SystemFull"),
    ("undefined", "Undefined"),
    ("userunknown", "UserUnknown"),
    ("vacation", "Vacation"),
    ("virusdetected", "VirusDetected"),
];

/// The action vocabulary and the Rust variant of each.
pub const ACTIONS: [(&str, &str); 8] = [
    ("remove", "Remove"),
    ("retry", "Retry"),
    ("retry_then_suppress", "RetryThenSuppress"),
    ("fix_authentication", "FixAuthentication"),
    ("fix_dns", "FixDns"),
    ("change_message", "ChangeMessage"),
    ("investigate", "Investigate"),
    ("none", "None"),
];

/// What a row of `code-reasons.csv` applies to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum CodeKey {
    /// A registered status `X.subject.detail`.
    Status(u16, u16),
    /// Every status of a subject, `X.subject.YYY`.
    Subject(u16),
    /// A basic reply code.
    Reply(u16),
}

/// A row of `code-reasons.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeReason {
    /// What it applies to.
    pub key: CodeKey,
    /// The reason's name.
    pub reason: String,
    /// `definite`: the code decides; `hint`: a phrase of the text may say more.
    pub definite: bool,
    /// The action's name when the code asks for another action than the
    /// reason's usual one (`X.7.27`, null MX of the sender: `fix_dns`).
    pub action: Option<String>,
    /// Why, in the registry's or the RFC's words.
    pub why: String,
}

/// The code part of a provider rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeMatch {
    /// No code condition.
    Any,
    /// One enhanced code: class, subject, detail.
    Enhanced(u8, u16, u16),
    /// Enhanced codes of one class and subject with a detail in a range.
    Range(u8, u16, u16, u16),
    /// A basic reply code.
    Reply(u16),
}

/// A row of `provider-rules.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderRule {
    /// Short lowercase provider id.
    pub provider: String,
    /// Domain suffixes of the remote host or recipient domain.
    pub domains: Vec<String>,
    /// The code condition.
    pub code: CodeMatch,
    /// A case-insensitive substring of the diagnostic, or empty.
    pub text: String,
    /// The reason's name.
    pub reason: String,
    /// The action's name.
    pub action: String,
    /// The public page that documents it.
    pub source: String,
}

/// A row of `text-rules.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextRule {
    /// A case-insensitive literal substring.
    pub phrase: String,
    /// The reason's name.
    pub reason: String,
    /// `permanent`, `transient` or `any`.
    pub class: String,
    /// Where servers send it.
    pub source: String,
}

/// The three rule tables, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    /// `code-reasons.csv`, in file order.
    pub code_reasons: Vec<CodeReason>,
    /// `provider-rules.csv`, in file order (most specific first).
    pub providers: Vec<ProviderRule>,
    /// `text-rules.csv`, in file order.
    pub texts: Vec<TextRule>,
}

impl Rules {
    /// Reads and validates the rule tables in `dir`.
    pub fn read_dir(dir: &Path) -> Result<Rules, Error> {
        let read = |name: &str| {
            std::fs::read_to_string(dir.join(name)).map_err(|e| {
                Error::new(
                    name,
                    None,
                    format!("cannot read {}: {e}", dir.join(name).display()),
                )
            })
        };
        Rules::parse(
            &read(files::CODE_REASONS)?,
            &read(files::PROVIDER_RULES)?,
            &read(files::TEXT_RULES)?,
        )
    }

    /// Validates the rule tables from their texts.
    pub fn parse(code_reasons: &str, providers: &str, texts: &str) -> Result<Rules, Error> {
        Ok(Rules {
            code_reasons: parse_code_reasons(code_reasons)?,
            providers: parse_providers(providers)?,
            texts: parse_texts(texts)?,
        })
    }
}

fn vocabulary(
    file: &str,
    line: u64,
    what: &str,
    value: &str,
    names: &[(&str, &str)],
) -> Result<String, Error> {
    if names.iter().any(|(n, _)| *n == value) {
        Ok(value.to_owned())
    } else {
        let list: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
        Err(Error::new(
            file,
            Some(line),
            format!("{what} {value:?} is not one of {}", list.join(", ")),
        ))
    }
}

/// `5.7.26` as (class, subject, detail).
fn enhanced(s: &str) -> Option<(u8, u16, u16)> {
    let mut parts = s.split('.');
    let class = match parts.next()? {
        "2" => 2,
        "4" => 4,
        "5" => 5,
        _ => return None,
    };
    let subject = number(parts.next()?)?;
    let detail = number(parts.next()?)?;
    parts.next().is_none().then_some((class, subject, detail))
}

fn parse_code_reasons(text: &str) -> Result<Vec<CodeReason>, Error> {
    let file = files::CODE_REASONS;
    let mut rows: Vec<CodeReason> = Vec::new();
    for (line, rec) in read_csv(file, text, &["Code", "Reason", "Strength", "Action", "Why"])? {
        let code = &rec[0];
        let key = if let Some(rest) = code.strip_prefix("X.") {
            match rest.split_once('.') {
                Some((s, "YYY")) => number(s).map(CodeKey::Subject),
                Some((s, d)) => number(s).zip(number(d)).map(|(s, d)| CodeKey::Status(s, d)),
                None => None,
            }
        } else {
            reply_code(code).map(CodeKey::Reply)
        };
        let Some(key) = key else {
            return Err(Error::new(
                file,
                Some(line),
                format!(
                    "code {code:?} is not X.<subject>.<detail>, X.<subject>.YYY or a reply code"
                ),
            ));
        };
        if rows.iter().any(|r| r.key == key) {
            return Err(Error::new(
                file,
                Some(line),
                format!("code {code} listed twice"),
            ));
        }
        let definite = match &rec[2] {
            "definite" => true,
            "hint" => false,
            other => {
                return Err(Error::new(
                    file,
                    Some(line),
                    format!("strength {other:?} is not `definite` or `hint`"),
                ));
            }
        };
        if rec[4].trim().is_empty() {
            return Err(Error::new(file, Some(line), "Why is empty"));
        }
        let action = match &rec[3] {
            "" => None,
            a => Some(vocabulary(file, line, "action", a, &ACTIONS)?),
        };
        rows.push(CodeReason {
            key,
            reason: vocabulary(file, line, "reason", &rec[1], &REASONS)?,
            definite,
            action,
            why: rec[4].to_owned(),
        });
    }
    Ok(rows)
}

fn parse_providers(text: &str) -> Result<Vec<ProviderRule>, Error> {
    let file = files::PROVIDER_RULES;
    let header = [
        "Provider", "Domains", "Code", "Text", "Reason", "Action", "Source",
    ];
    let mut rows: Vec<ProviderRule> = Vec::new();
    for (line, rec) in read_csv(file, text, &header)? {
        let err = |m: String| Error::new(file, Some(line), m);
        let provider = &rec[0];
        if provider.is_empty()
            || !provider
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(err(format!("provider {provider:?} is not a lowercase id")));
        }
        let mut domains = Vec::new();
        for d in rec[1].split(';').map(str::trim).filter(|d| !d.is_empty()) {
            let ok = d
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
                && !d.starts_with('.')
                && !d.ends_with('.')
                && d.contains('.');
            if !ok {
                return Err(err(format!("domain {d:?} is not a lowercase domain name")));
            }
            domains.push(d.to_owned());
        }
        let code_text = rec[2].trim();
        let code = if code_text.is_empty() {
            CodeMatch::Any
        } else if let Some((lo, hi)) = code_text.split_once('-') {
            match (enhanced(lo), enhanced(hi)) {
                (Some((c1, s1, d1)), Some((c2, s2, d2))) if c1 == c2 && s1 == s2 && d1 < d2 => {
                    CodeMatch::Range(c1, s1, d1, d2)
                }
                _ => {
                    return Err(err(format!(
                        "code range {code_text:?} must be two enhanced codes of one class and subject, low-high"
                    )));
                }
            }
        } else if let Some((c, s, d)) = enhanced(code_text) {
            CodeMatch::Enhanced(c, s, d)
        } else if let Some(r) = reply_code(code_text) {
            CodeMatch::Reply(r)
        } else {
            return Err(err(format!(
                "code {code_text:?} is not an enhanced code, a range of them or a reply code"
            )));
        };
        let text = rec[3].to_owned();
        if code == CodeMatch::Any && text.trim().is_empty() {
            return Err(err("a rule needs a Code or a Text".into()));
        }
        if domains.is_empty() && text.trim().is_empty() {
            return Err(err(
                "a rule without Domains needs a Text unique to the provider".into(),
            ));
        }
        let source = &rec[6];
        if !(source.starts_with("https://") || source.starts_with("http://")) {
            return Err(err(format!(
                "source {source:?} is not the URL of a public page"
            )));
        }
        rows.push(ProviderRule {
            provider: provider.to_owned(),
            domains,
            code,
            text,
            reason: vocabulary(file, line, "reason", &rec[4], &REASONS)?,
            action: vocabulary(file, line, "action", &rec[5], &ACTIONS)?,
            source: source.to_owned(),
        });
    }
    Ok(rows)
}

fn parse_texts(text: &str) -> Result<Vec<TextRule>, Error> {
    let file = files::TEXT_RULES;
    let mut rows: Vec<TextRule> = Vec::new();
    let mut seen = BTreeSet::new();
    for (line, rec) in read_csv(file, text, &["Phrase", "Reason", "Class", "Source"])? {
        let err = |m: String| Error::new(file, Some(line), m);
        let phrase = &rec[0];
        if phrase.trim().len() < 3 || phrase.trim() != phrase {
            return Err(err(format!(
                "phrase {phrase:?} must have 3 characters or more and no surrounding spaces"
            )));
        }
        if !seen.insert(phrase.to_ascii_lowercase()) {
            return Err(err(format!("phrase {phrase:?} listed twice")));
        }
        let class = &rec[2];
        if !matches!(class, "permanent" | "transient" | "any") {
            return Err(err(format!(
                "class {class:?} is not `permanent`, `transient` or `any`"
            )));
        }
        if rec[3].trim().is_empty() {
            return Err(err("Source is empty".into()));
        }
        rows.push(TextRule {
            phrase: phrase.to_owned(),
            reason: vocabulary(file, line, "reason", &rec[1], &REASONS)?,
            class: class.to_owned(),
            source: rec[3].to_owned(),
        });
    }
    Ok(rows)
}

fn variant(names: &[(&str, &str)], name: &str) -> Ident {
    let v = names
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("Undefined", |(_, v)| *v);
    Ident::new(v, Span::call_site())
}

fn code_rule(r: &CodeReason) -> TokenStream {
    let reason = variant(&REASONS, &r.reason);
    let (definite, why) = (r.definite, &r.why);
    let action = match &r.action {
        Some(a) => {
            let a = variant(&ACTIONS, a);
            quote!(Some(Action::#a))
        }
        None => quote!(None),
    };
    quote!(CodeRule { reason: Reason::#reason, definite: #definite, action: #action, why: #why })
}

/// Emits the rule tables that `smtp-codes` includes from `OUT_DIR`. They
/// reference the hand-written types `Reason`, `Action`, `CodeRule`,
/// `ProviderRule`, `ProviderCode`, `TextRule` and `TextClass`.
pub fn generate_rules(rules: &Rules) -> String {
    let mut status_arms = Vec::new();
    let mut subject_arms = Vec::new();
    let mut reply_arms = Vec::new();
    for r in &rules.code_reasons {
        let rule = code_rule(r);
        match r.key {
            CodeKey::Status(s, d) => status_arms.push(quote!((#s, #d) => Some(#rule))),
            CodeKey::Subject(s) => subject_arms.push(quote!(#s => Some(#rule))),
            CodeKey::Reply(c) => reply_arms.push(quote!(#c => Some(#rule))),
        }
    }
    let providers = rules.providers.iter().map(|p| {
        let (provider, text, source) = (&p.provider, &p.text, &p.source);
        let domains = &p.domains;
        let code = match p.code {
            CodeMatch::Any => quote!(ProviderCode::Any),
            CodeMatch::Enhanced(c, s, d) => quote!(ProviderCode::Enhanced(#c, #s, #d)),
            CodeMatch::Range(c, s, lo, hi) => quote!(ProviderCode::Range(#c, #s, #lo, #hi)),
            CodeMatch::Reply(r) => quote!(ProviderCode::Reply(#r)),
        };
        let reason = variant(&REASONS, &p.reason);
        let action = variant(&ACTIONS, &p.action);
        quote!(ProviderRule {
            provider: #provider, domains: &[#(#domains),*], code: #code, text: #text,
            reason: Reason::#reason, action: Action::#action, source: #source,
        })
    });
    let texts = rules.texts.iter().map(|t| {
        let (phrase, source) = (&t.phrase, &t.source);
        let reason = variant(&REASONS, &t.reason);
        let class = match t.class.as_str() {
            "permanent" => quote!(TextClass::Permanent),
            "transient" => quote!(TextClass::Transient),
            _ => quote!(TextClass::Any),
        };
        quote!(TextRule { phrase: #phrase, reason: Reason::#reason, class: #class, source: #source })
    });
    let (np, nt) = (rules.providers.len(), rules.texts.len());
    let tokens = quote! {
        pub(crate) const fn status_rule(subject: u16, detail: u16) -> Option<CodeRule> {
            match (subject, detail) { #(#status_arms,)* _ => None }
        }
        pub(crate) const fn subject_rule(subject: u16) -> Option<CodeRule> {
            match subject { #(#subject_arms,)* _ => None }
        }
        pub(crate) const fn reply_rule(code: u16) -> Option<CodeRule> {
            match code { #(#reply_arms,)* _ => None }
        }
        pub(crate) static PROVIDER_RULES: [ProviderRule; #np] = [#(#providers),*];
        pub(crate) static TEXT_RULES: [TextRule; #nt] = [#(#texts),*];
    };
    format!(
        "// @generated by smtp-codes-codegen from registry/{{{}}}. Do not edit:\n\
         // edit the registry files; `cargo build -p smtp-codes` regenerates this file.\n{tokens}\n",
        files::ALL.join(",")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODES: &str = "Code,Reason,Strength,Action,Why\r\nX.1.1,userunknown,definite,,Bad destination mailbox address\r\nX.7.YYY,policyviolation,hint,,Security or Policy Status\r\n550,undefined,hint,,mailbox unavailable\r\n";
    const PROVIDERS: &str = "Provider,Domains,Code,Text,Reason,Action,Source\r\ngmail,google.com;gmail.com,5.7.26,,authfailure,fix_authentication,https://support.google.com/a/answer/3726730\r\nmicrosoft,outlook.com,5.7.606-5.7.649,,blocked,investigate,https://learn.microsoft.com/x\r\n";
    const TEXTS: &str = "Phrase,Reason,Class,Source\r\nuser unknown,userunknown,any,Postfix src/smtpd/smtpd_check.c\r\n";

    #[test]
    fn parses_and_generates() {
        let rules = Rules::parse(CODES, PROVIDERS, TEXTS).unwrap();
        assert_eq!(rules.code_reasons[0].key, CodeKey::Status(1, 1));
        assert_eq!(rules.code_reasons[1].key, CodeKey::Subject(7));
        assert_eq!(rules.code_reasons[2].key, CodeKey::Reply(550));
        assert_eq!(rules.providers[1].code, CodeMatch::Range(5, 7, 606, 649));
        let out = generate_rules(&rules);
        assert!(out.contains("Reason :: UserUnknown"));
        assert!(out.contains("Action :: FixAuthentication"));
        assert_eq!(out, generate_rules(&rules), "deterministic");
    }

    #[test]
    fn refusals_name_file_line_and_reason() {
        let bad_codes = [
            ("X.1.01,userunknown,definite,,w", "is not X."),
            ("X.2.2,nosuchreason,definite,,w", "is not one of"),
            ("X.2.2,userunknown,maybe,,w", "strength"),
            ("650,undefined,hint,,w", "is not X."),
            ("X.2.2,userunknown,definite,,", "Why is empty"),
            ("X.2.2,userunknown,definite,later,w", "action"),
        ];
        for (row, words) in bad_codes {
            let text = format!("{CODES}{row}\r\n");
            let e = Rules::parse(&text, PROVIDERS, TEXTS).unwrap_err();
            assert_eq!(
                (e.file.as_str(), e.line),
                (files::CODE_REASONS, Some(5)),
                "{row}"
            );
            assert!(e.message.contains(words), "{row}: {e}");
        }
        let dup = format!("{CODES}X.1.1,userunknown,definite,,w\r\n");
        assert!(
            Rules::parse(&dup, PROVIDERS, TEXTS)
                .unwrap_err()
                .message
                .contains("twice")
        );
        let bad_providers = [
            (
                "Gmail,gmail.com,5.7.26,,authfailure,none,https://x",
                "lowercase id",
            ),
            (
                "gmail,Gmail.com,5.7.26,,authfailure,none,https://x",
                "domain",
            ),
            (
                "gmail,gmail.com,5.7.649-5.7.606,,blocked,none,https://x",
                "range",
            ),
            (
                "gmail,gmail.com,5.7.1-5.6.9,,blocked,none,https://x",
                "range",
            ),
            (
                "gmail,gmail.com,5.7,,blocked,none,https://x",
                "is not an enhanced code",
            ),
            (
                "gmail,gmail.com,,,blocked,none,https://x",
                "needs a Code or a Text",
            ),
            (",x.com,,t,blocked,none,https://x", "lowercase id"),
            ("gmail,,5.7.26,,blocked,none,https://x", "without Domains"),
            ("gmail,gmail.com,5.7.26,,blocked,delete,https://x", "action"),
            ("gmail,gmail.com,5.7.26,,blocked,none,my notes", "URL"),
        ];
        for (row, words) in bad_providers {
            let text = format!("{PROVIDERS}{row}\r\n");
            let e = Rules::parse(CODES, &text, TEXTS).unwrap_err();
            assert_eq!(
                (e.file.as_str(), e.line),
                (files::PROVIDER_RULES, Some(4)),
                "{row}"
            );
            assert!(e.message.contains(words), "{row}: {e}");
        }
        let bad_texts = [
            ("ab,userunknown,any,src", "3 characters"),
            (" user,userunknown,any,src", "surrounding"),
            ("User Unknown,userunknown,any,src", "twice"),
            ("no such user,userunknown,sometimes,src", "class"),
            ("no such user,userunknown,any,", "Source"),
            ("no such user,unknownuser,any,src", "is not one of"),
        ];
        for (row, words) in bad_texts {
            let text = format!("{TEXTS}{row}\r\n");
            let e = Rules::parse(CODES, PROVIDERS, &text).unwrap_err();
            assert_eq!(
                (e.file.as_str(), e.line),
                (files::TEXT_RULES, Some(3)),
                "{row}"
            );
            assert!(e.message.contains(words), "{row}: {e}");
        }
    }
}
