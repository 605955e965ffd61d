//! IANA's "MAIL Parameters" registry: the EHLO keywords of SMTP service
//! extensions (`mail-parameters-2`), their parameters (`mail-parameters-3`)
//! and the server limits of the LIMITS extension (`smtp-service-extensions`,
//! RFC 9422). Reading, validating, and emitting the `EhloKeyword` and
//! `ServerLimit` enums.

use crate::emit::{ident, md, references};
use crate::parse::{check_identifier, nonempty, parse_updated, read_csv};
use crate::{Error, Reference, files};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use std::collections::BTreeMap;

/// The words that, found in a keyword's description or note, mark it as
/// deprecated (compared whole-word, ignoring case). They are the registry's
/// own vocabulary: on 2025-08-25 its notes say "deprecated" (SEND, SOML,
/// SAML, TURN, UTF8SMTP, SUBMITTER) and "Historic" (SUBMITTER).
pub const DEPRECATION_WORDS: [&str; 4] = ["deprecated", "obsolete", "obsoleted", "historic"];

/// One row of `mail-parameters-2.csv`, with its parameters from
/// `mail-parameters-3.csv` when it has some.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeywordRow {
    /// `EHLO Keyword`, as registered: `SIZE`, `8BITMIME`, `MT-PRIORITY`.
    pub keyword: String,
    /// The Rust identifier from `ehlo-identifiers.csv`.
    pub identifier: String,
    /// `Description`.
    pub description: String,
    /// `Reference`, verbatim: `[RFC1870]`, `[Eric Allman]`.
    pub reference: String,
    /// `Reference`, parsed.
    pub references: Vec<Reference>,
    /// `Note` (empty when the registry gives none).
    pub note: String,
    /// The words of [`DEPRECATION_WORDS`] that the description or the note
    /// contains, as written there, in order, each once: empty when the
    /// registry does not say the keyword is deprecated.
    pub deprecation: Vec<String>,
    /// `Parameters` of `mail-parameters-3.csv`: `number` for SIZE, `SASL
    /// mechanism names` for AUTH; `None` when that registry does not list
    /// the keyword (it then has no parameters).
    pub parameters: Option<String>,
}

/// One row of `smtp-service-extensions.csv` (SMTP Server Limits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitRow {
    /// `Name`: `RCPTMAX`.
    pub name: String,
    /// The Rust identifier from `ehlo-identifiers.csv`.
    pub identifier: String,
    /// `Value syntax`, verbatim: `%x31-39 0*5DIGIT ; "0" not allowed, six-digit maximum`.
    pub syntax: String,
    /// The value syntax understood: a decimal number without a leading zero
    /// of at most this many digits (`%x31-39 0*5DIGIT` gives 6).
    pub max_digits: u8,
    /// `Description`.
    pub description: String,
    /// `Restrictions`.
    pub restrictions: String,
    /// `Security Considerations`.
    pub security: String,
    /// `Reference`, verbatim.
    pub reference: String,
    /// `Reference`, parsed.
    pub references: Vec<Reference>,
}

/// The MAIL Parameters part of the registry, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailParameters {
    /// The date IANA last updated the MAIL Parameters registry.
    pub updated: String,
    /// The EHLO keywords, in the registry's order.
    pub keywords: Vec<KeywordRow>,
    /// The server limits, in the registry's order.
    pub limits: Vec<LimitRow>,
}

const KEYWORDS_HEADER: [&str; 4] = ["EHLO Keyword", "Description", "Reference", "Note"];
const PARAMETERS_HEADER: [&str; 3] = ["EHLO Keyword", "Parameters", "Reference"];
const LIMITS_HEADER: [&str; 6] = [
    "Name",
    "Value syntax",
    "Description",
    "Restrictions",
    "Security Considerations",
    "Reference",
];
const IDENTIFIERS_HEADER: [&str; 3] = ["Registry", "Name", "Identifier"];

/// The registries `ehlo-identifiers.csv` names, with the file of each.
const NAMED: [(&str, &str); 2] = [
    ("mail-parameters-2", files::EHLO_KEYWORDS),
    ("smtp-service-extensions", files::SERVER_LIMITS),
];

/// One line of `ehlo-identifiers.csv`.
struct IdentifierLine {
    identifier: String,
    line: u64,
    used: bool,
}

/// Identifiers by (registry, name).
type Identifiers = BTreeMap<(String, String), IdentifierLine>;

impl MailParameters {
    /// Validates the MAIL Parameters files from their texts.
    pub(crate) fn parse(
        updated: &str,
        keywords: &str,
        parameters: &str,
        limits: &str,
        identifiers: &str,
    ) -> Result<MailParameters, Error> {
        let updated = parse_updated(files::MAIL_PARAMETERS_UPDATED, updated)?;
        let mut ids = parse_identifiers(identifiers)?;
        let mut keywords = parse_keywords(keywords, &mut ids)?;
        parse_parameters(parameters, &mut keywords)?;
        let limits = parse_limits(limits, &mut ids)?;
        if let Some(((registry, name), unused)) = ids.iter().find(|(_, l)| !l.used) {
            let file = NAMED
                .iter()
                .find(|(r, _)| r == registry)
                .map_or("", |(_, f)| *f);
            return Err(Error::new(
                files::EHLO_IDENTIFIERS,
                Some(unused.line),
                format!(
                    "{name} has an identifier ({}) but is not in {file}: remove the line",
                    unused.identifier
                ),
            ));
        }
        Ok(MailParameters {
            updated,
            keywords,
            limits,
        })
    }
}

fn parse_identifiers(text: &str) -> Result<Identifiers, Error> {
    let file = files::EHLO_IDENTIFIERS;
    let mut map = Identifiers::new();
    for (line, rec) in read_csv(file, text, &IDENTIFIERS_HEADER)? {
        let (registry, name, ident) = (&rec[0], &rec[1], &rec[2]);
        if !NAMED.iter().any(|(r, _)| *r == registry) {
            let known: Vec<&str> = NAMED.iter().map(|(r, _)| *r).collect();
            return Err(Error::new(
                file,
                Some(line),
                format!("registry {registry:?} is not one of {}", known.join(", ")),
            ));
        }
        check_identifier(file, line, ident)?;
        if let Some(((_, other), _)) = map
            .iter()
            .find(|((r, _), l)| r == registry && l.identifier == ident)
        {
            return Err(Error::new(
                file,
                Some(line),
                format!("identifier {ident} used twice in {registry} (also for {other})"),
            ));
        }
        let entry = IdentifierLine {
            identifier: ident.to_owned(),
            line,
            used: false,
        };
        if map
            .insert((registry.to_owned(), name.to_owned()), entry)
            .is_some()
        {
            return Err(Error::new(
                file,
                Some(line),
                format!("{registry} {name} listed twice"),
            ));
        }
    }
    Ok(map)
}

/// The identifier of `name` in `registry`, marked used; a clear error when
/// there is none.
fn identifier_for(
    ids: &mut Identifiers,
    registry: &str,
    file: &str,
    line: u64,
    name: &str,
) -> Result<String, Error> {
    match ids.get_mut(&(registry.to_owned(), name.to_owned())) {
        Some(entry) => {
            entry.used = true;
            Ok(entry.identifier.clone())
        }
        None => Err(Error::new(
            file,
            Some(line),
            format!(
                "{name} has no identifier: add a line `{registry},{name},<UpperCamelCaseName>` to registry/{}",
                files::EHLO_IDENTIFIERS
            ),
        )),
    }
}

/// RFC 5321 §4.1.1.1: `ehlo-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")`.
pub(crate) fn is_ehlo_keyword(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_alphanumeric()
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
}

/// RFC 9422 §3: `limit-name = 1*(ALPHA / DIGIT / "-" / "_")`.
fn is_limit_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
}

/// The words of [`DEPRECATION_WORDS`] in `texts`, as written, each once.
pub(crate) fn deprecation_words(texts: &[&str]) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for text in texts {
        for word in text.split(|c: char| !c.is_ascii_alphabetic()) {
            let marks = DEPRECATION_WORDS
                .iter()
                .any(|w| w.eq_ignore_ascii_case(word));
            if marks && !found.iter().any(|f| f.eq_ignore_ascii_case(word)) {
                found.push(word.to_owned());
            }
        }
    }
    found
}

/// A Reference column of the MAIL Parameters registry: one or more
/// `[document]` one after the other (`[RFC4954][RFC6531]`), a document
/// possibly with `, Section n` (`[RFC9422, Section 6]`).
pub(crate) fn parse_bracketed(file: &str, line: u64, text: &str) -> Result<Vec<Reference>, Error> {
    let bad = |why: &str| {
        Err(Error::new(
            file,
            Some(line),
            format!("reference {text:?} not understood: {why}"),
        ))
    };
    if text.is_empty() {
        return bad("it is empty");
    }
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let Some(after) = rest.strip_prefix('[') else {
            return bad("each reference must be `[...]`, one right after the other");
        };
        let Some((inner, tail)) = after.split_once(']') else {
            return bad("missing `]`");
        };
        if inner.trim().is_empty() || inner.contains(['[', '\n', '\r']) {
            return bad("empty or malformed document name");
        }
        let (document, section) = match inner.split_once(", Section ") {
            Some((d, s))
                if !s.is_empty()
                    && s.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                    && !d.is_empty() =>
            {
                (d, Some(s.to_owned()))
            }
            _ => (inner, None),
        };
        out.push(Reference {
            document: document.to_owned(),
            section,
            status: None,
        });
        rest = tail;
    }
    Ok(out)
}

fn one_line(file: &str, line: u64, column: &str, value: &str) -> Result<(), Error> {
    if value.contains(['\n', '\r']) {
        Err(Error::new(
            file,
            Some(line),
            format!("{column} {value:?} spans several lines"),
        ))
    } else {
        Ok(())
    }
}

fn parse_keywords(text: &str, ids: &mut Identifiers) -> Result<Vec<KeywordRow>, Error> {
    let file = files::EHLO_KEYWORDS;
    let mut rows: Vec<KeywordRow> = Vec::new();
    for (line, rec) in read_csv(file, text, &KEYWORDS_HEADER)? {
        let keyword = &rec[0];
        if !is_ehlo_keyword(keyword) {
            return Err(Error::new(
                file,
                Some(line),
                format!(
                    "keyword {keyword:?} is not an ehlo-keyword of RFC 5321 §4.1.1.1: \
                     (ALPHA / DIGIT) *(ALPHA / DIGIT / \"-\")"
                ),
            ));
        }
        if keyword.starts_with(['X', 'x']) {
            return Err(Error::new(
                file,
                Some(line),
                format!(
                    "keyword {keyword:?} starts with X, which RFC 5321 §2.2.2 reserves for \
                     local extensions (the registry's own note says no entry may)"
                ),
            ));
        }
        if let Some(first) = rows
            .iter()
            .find(|r| r.keyword.eq_ignore_ascii_case(keyword))
        {
            return Err(Error::new(
                file,
                Some(line),
                format!(
                    "keyword {keyword} listed twice (EHLO keywords ignore case; also {})",
                    first.keyword
                ),
            ));
        }
        let description = nonempty(file, line, "Description", &rec[1])?;
        let reference = rec[2].to_owned();
        one_line(file, line, "Reference", &reference)?;
        let references = parse_bracketed(file, line, &reference)?;
        let note = rec[3].to_owned();
        let deprecation = deprecation_words(&[&description, &note]);
        rows.push(KeywordRow {
            keyword: keyword.to_owned(),
            identifier: identifier_for(ids, "mail-parameters-2", file, line, keyword)?,
            description,
            reference,
            references,
            note,
            deprecation,
            parameters: None,
        });
    }
    Ok(rows)
}

fn parse_parameters(text: &str, keywords: &mut [KeywordRow]) -> Result<(), Error> {
    let file = files::EHLO_PARAMETERS;
    for (line, rec) in read_csv(file, text, &PARAMETERS_HEADER)? {
        let keyword = &rec[0];
        let Some(row) = keywords.iter_mut().find(|r| r.keyword == *keyword) else {
            return Err(Error::new(
                file,
                Some(line),
                format!(
                    "keyword {keyword:?} is not in {} (parameters of a keyword that is not registered)",
                    files::EHLO_KEYWORDS
                ),
            ));
        };
        if row.parameters.is_some() {
            return Err(Error::new(
                file,
                Some(line),
                format!("keyword {keyword} listed twice"),
            ));
        }
        let parameters = nonempty(file, line, "Parameters", &rec[1])?;
        one_line(file, line, "Parameters", &parameters)?;
        one_line(file, line, "Reference", &rec[2])?;
        parse_bracketed(file, line, &rec[2])?;
        row.parameters = Some(parameters);
    }
    Ok(())
}

/// `%x31-39 0*5DIGIT ; comment`: a number without leading zero of at most
/// 6 digits. The only form of value syntax the generator knows.
fn max_digits(syntax: &str) -> Option<u8> {
    let rule = syntax.split(';').next()?.trim();
    let rest = rule.strip_prefix("%x31-39 0*")?;
    let n = rest.strip_suffix("DIGIT")?;
    if n.is_empty() || n.len() > 2 || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // u32 holds every number of up to 9 digits.
    let n: u8 = n.parse().ok()?;
    (n < 9).then_some(n + 1)
}

fn parse_limits(text: &str, ids: &mut Identifiers) -> Result<Vec<LimitRow>, Error> {
    let file = files::SERVER_LIMITS;
    let mut rows: Vec<LimitRow> = Vec::new();
    for (line, rec) in read_csv(file, text, &LIMITS_HEADER)? {
        let name = &rec[0];
        if !is_limit_name(name) {
            return Err(Error::new(
                file,
                Some(line),
                format!(
                    "limit name {name:?} is not a limit-name of RFC 9422 §3: \
                     1*(ALPHA / DIGIT / \"-\" / \"_\")"
                ),
            ));
        }
        if rows.iter().any(|r| r.name.eq_ignore_ascii_case(name)) {
            return Err(Error::new(
                file,
                Some(line),
                format!("limit {name} listed twice (ignoring case)"),
            ));
        }
        let syntax = rec[1].to_owned();
        let Some(max_digits) = max_digits(&syntax) else {
            return Err(Error::new(
                file,
                Some(line),
                format!(
                    "value syntax {syntax:?} of {name} not understood: the generator knows \
                     `%x31-39 0*<n>DIGIT` (a number without leading zero, n < 9); \
                     teach codegen/src/ehlo.rs the new form"
                ),
            ));
        };
        let description = nonempty(file, line, "Description", &rec[2])?;
        let reference = rec[5].to_owned();
        one_line(file, line, "Reference", &reference)?;
        let references = parse_bracketed(file, line, &reference)?;
        rows.push(LimitRow {
            name: name.to_owned(),
            identifier: identifier_for(ids, "smtp-service-extensions", file, line, name)?,
            syntax,
            max_digits,
            description,
            restrictions: rec[3].to_owned(),
            security: rec[4].to_owned(),
            reference,
            references,
        });
    }
    Ok(rows)
}

/// Whitespace folded: registry text for a one-line doc.
fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `match` arms on the upper-cased bytes of a name, and the longest name.
fn upper_arms<'a>(
    enum_name: &str,
    rows: impl Iterator<Item = (&'a str, &'a str)>,
) -> (Vec<TokenStream>, usize) {
    let name = ident(enum_name);
    let mut longest = 0;
    let arms = rows
        .map(|(text, identifier)| {
            longest = longest.max(text.len());
            let bytes = Literal::byte_string(text.to_ascii_uppercase().as_bytes());
            let v = ident(identifier);
            quote!(#bytes => Some(#name::#v))
        })
        .collect();
    (arms, longest)
}

/// The body of a `const fn` that finds `input` among names ignoring ASCII case.
fn case_insensitive_lookup(arms: &[TokenStream], longest: usize) -> TokenStream {
    quote! {
        if input.len() > #longest {
            return None;
        }
        let mut upper = [0u8; #longest];
        let mut i = 0;
        while i < input.len() {
            upper[i] = input[i].to_ascii_uppercase();
            i += 1;
        }
        let (upper, _) = upper.split_at(input.len());
        match upper { #(#arms,)* _ => None }
    }
}

fn keyword_doc(r: &KeywordRow) -> String {
    let mut doc = format!("`{}` {}.", r.keyword, md(&fold(&r.description)));
    if !r.note.is_empty() {
        doc.push_str(&format!("\n\nNote: {}", md(&fold(&r.note))));
    }
    if !r.deprecation.is_empty() {
        let words: Vec<String> = r.deprecation.iter().map(|w| format!("“{w}”")).collect();
        doc.push_str(&format!(
            "\n\n**Deprecated**: the registry says {}.",
            words.join(" and ")
        ));
    }
    if let Some(p) = &r.parameters {
        doc.push_str(&format!("\n\nParameters: {}.", md(&fold(p))));
    }
    doc.push_str(&format!("\n\nReference: {}.", md(&r.reference)));
    doc
}

pub(crate) fn emit(m: &MailParameters) -> TokenStream {
    let updated = &m.updated;
    let updated_doc = format!(
        "The date IANA last updated the MAIL Parameters registry (SMTP Service \
         Extensions, SMTP Server Limits) that this build was generated from.\n\n\
         ```\n\
         assert_eq!(smtp_codes::MAIL_PARAMETERS_UPDATED, {updated:?});\n\
         ```"
    );
    let keywords = keywords(&m.keywords);
    let limits = limits(&m.limits);
    quote! {
        #[doc = #updated_doc]
        pub const MAIL_PARAMETERS_UPDATED: &str = #updated;
        #keywords
        #limits
    }
}

fn keywords(rows: &[KeywordRow]) -> TokenStream {
    let variants = rows.iter().map(|r| {
        let v = ident(&r.identifier);
        let doc = keyword_doc(r);
        quote!(#[doc = #doc] #v)
    });
    let all = rows.iter().map(|r| {
        let v = ident(&r.identifier);
        quote!(EhloKeyword::#v)
    });
    let str_arms = rows.iter().map(|r| {
        let v = ident(&r.identifier);
        let k = &r.keyword;
        quote!(EhloKeyword::#v => #k)
    });
    let (arms, longest) = upper_arms(
        "EhloKeyword",
        rows.iter()
            .map(|r| (r.keyword.as_str(), r.identifier.as_str())),
    );
    let lookup = case_insensitive_lookup(&arms, longest);
    let entries = rows.iter().map(|r| {
        let (description, reference, note) = (&r.description, &r.reference, &r.note);
        let refs = references(&r.references);
        let deprecation = &r.deprecation;
        let parameters = match &r.parameters {
            Some(p) => quote!(Some(#p)),
            None => quote!(None),
        };
        quote!(KeywordEntry {
            description: #description, reference: #reference, references: #refs,
            note: #note, deprecation: &[#(#deprecation),*], parameters: #parameters,
        })
    });
    let count = rows.len();
    let first = &rows[0];
    let (first_v, first_k) = (ident(&first.identifier), &first.keyword);
    let first_lower = first.keyword.to_ascii_lowercase();
    let doc = format!(
        "An EHLO keyword of the IANA registry \"SMTP Service Extensions\" \
         (RFC 5321 §2.2, RFC 1869): all {count} registered keywords, generated from \
         `registry/{}` (with their parameters from `registry/{}`).\n\n\
         An EHLO reply advertises each extension the server supports by its keyword \
         (see [`Ehlo`](crate::Ehlo)); keywords ignore case. `#[non_exhaustive]` \
         because IANA registers more; a keyword it never registered stays readable \
         from the reply as text.\n\n\
         ```\n\
         use smtp_codes::EhloKeyword;\n\
         assert_eq!(EhloKeyword::from_keyword(b\"{first_lower}\"), Some(EhloKeyword::{first_v}));\n\
         assert_eq!(EhloKeyword::{first_v}.as_str(), {first_k:?});\n\
         assert_eq!(EhloKeyword::ALL.len(), {count});\n\
         ```",
        files::EHLO_KEYWORDS,
        files::EHLO_PARAMETERS,
    );
    let from_doc = format!(
        "The registered keyword spelled `keyword`, ignoring ASCII case (RFC 5321 §2.4), \
         or `None`.\n\n\
         ```\n\
         use smtp_codes::EhloKeyword;\n\
         assert_eq!(EhloKeyword::from_keyword(b\"{first_k}\"), Some(EhloKeyword::{first_v}));\n\
         assert_eq!(EhloKeyword::from_keyword(b\"{first_lower}\"), Some(EhloKeyword::{first_v}));\n\
         assert_eq!(EhloKeyword::from_keyword(b\"X-UNREGISTERED\"), None);\n\
         ```"
    );
    let str_doc = format!(
        "The keyword as the registry spells it.\n\n\
         ```\n\
         assert_eq!(smtp_codes::EhloKeyword::{first_v}.as_str(), {first_k:?});\n\
         ```"
    );
    quote! {
        #[doc = #doc]
        #[non_exhaustive]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum EhloKeyword { #(#variants),* }

        impl EhloKeyword {
            /// Every registered keyword, in the registry's order.
            pub const ALL: [EhloKeyword; #count] = [#(#all),*];

            #[doc = #from_doc]
            pub const fn from_keyword(keyword: &[u8]) -> Option<EhloKeyword> {
                let input = keyword;
                #lookup
            }

            #[doc = #str_doc]
            pub const fn as_str(self) -> &'static str {
                match self { #(#str_arms),* }
            }
        }

        pub(crate) static KEYWORD_ENTRIES: [KeywordEntry; #count] = [#(#entries),*];
    }
}

fn limits(rows: &[LimitRow]) -> TokenStream {
    let variants = rows.iter().map(|r| {
        let v = ident(&r.identifier);
        let doc = format!(
            "`{}` {}\n\nValue syntax: `{}`.\n\nReference: {}.",
            r.name,
            md(&fold(&r.description)),
            fold(&r.syntax).replace('`', "'"),
            md(&r.reference)
        );
        quote!(#[doc = #doc] #v)
    });
    let all = rows.iter().map(|r| {
        let v = ident(&r.identifier);
        quote!(ServerLimit::#v)
    });
    let str_arms = rows.iter().map(|r| {
        let v = ident(&r.identifier);
        let n = &r.name;
        quote!(ServerLimit::#v => #n)
    });
    let (arms, longest) = upper_arms(
        "ServerLimit",
        rows.iter()
            .map(|r| (r.name.as_str(), r.identifier.as_str())),
    );
    let lookup = case_insensitive_lookup(&arms, longest);
    let entries = rows.iter().map(|r| {
        let (syntax, description) = (&r.syntax, &r.description);
        let (restrictions, security, reference) = (&r.restrictions, &r.security, &r.reference);
        let refs = references(&r.references);
        let max_digits = r.max_digits;
        quote!(LimitEntry {
            syntax: #syntax, max_digits: #max_digits, description: #description,
            restrictions: #restrictions, security: #security,
            reference: #reference, references: #refs,
        })
    });
    let count = rows.len();
    let first = &rows[0];
    let (first_v, first_n) = (ident(&first.identifier), &first.name);
    let first_lower = first.name.to_ascii_lowercase();
    let doc = format!(
        "A limit of the IANA registry \"SMTP Server Limits\" (RFC 9422), which a \
         server announces in the parameters of its `LIMITS` EHLO keyword: all \
         {count} registered limits, generated from `registry/{}`.\n\n\
         `#[non_exhaustive]` because IANA registers more.\n\n\
         ```\n\
         use smtp_codes::ServerLimit;\n\
         assert_eq!(ServerLimit::from_name(b\"{first_lower}\"), Some(ServerLimit::{first_v}));\n\
         assert_eq!(ServerLimit::{first_v}.as_str(), {first_n:?});\n\
         assert_eq!(ServerLimit::ALL.len(), {count});\n\
         ```",
        files::SERVER_LIMITS,
    );
    let from_doc = format!(
        "The registered limit named `name`, ignoring ASCII case, or `None`.\n\n\
         ```\n\
         use smtp_codes::ServerLimit;\n\
         assert_eq!(ServerLimit::from_name(b\"{first_n}\"), Some(ServerLimit::{first_v}));\n\
         assert_eq!(ServerLimit::from_name(b\"NOSUCHMAX\"), None);\n\
         ```"
    );
    let str_doc = format!(
        "The limit's name as the registry spells it.\n\n\
         ```\n\
         assert_eq!(smtp_codes::ServerLimit::{first_v}.as_str(), {first_n:?});\n\
         ```"
    );
    quote! {
        #[doc = #doc]
        #[non_exhaustive]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ServerLimit { #(#variants),* }

        impl ServerLimit {
            /// Every registered limit, in the registry's order.
            pub const ALL: [ServerLimit; #count] = [#(#all),*];

            #[doc = #from_doc]
            pub const fn from_name(name: &[u8]) -> Option<ServerLimit> {
                let input = name;
                #lookup
            }

            #[doc = #str_doc]
            pub const fn as_str(self) -> &'static str {
                match self { #(#str_arms),* }
            }
        }

        pub(crate) static LIMIT_ENTRIES: [LimitEntry; #count] = [#(#entries),*];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_grammar() {
        for ok in ["SIZE", "8BITMIME", "MT-PRIORITY", "A", "0", "X-"] {
            assert!(is_ehlo_keyword(ok), "{ok}");
        }
        for bad in ["", "-A", "AUTH=LOGIN", "A B", "ÄUTH", "A_B"] {
            assert!(!is_ehlo_keyword(bad), "{bad}");
        }
    }

    #[test]
    fn deprecation_marks() {
        assert_eq!(
            deprecation_words(&["x", "its actual use was\ndeprecated in [RFC2821]"]),
            ["deprecated"]
        );
        assert_eq!(
            deprecation_words(&["Deprecated by [Moving ... to Historic]. deprecated"]),
            ["Deprecated", "Historic"]
        );
        assert!(deprecation_words(&["Command description updated by [RFC5321]"]).is_empty());
        // Whole words only.
        assert!(deprecation_words(&["undeprecatedness", "prehistoric"]).is_empty());
    }

    #[test]
    fn value_syntax() {
        assert_eq!(
            max_digits("%x31-39 0*5DIGIT ; \"0\" not allowed, six-digit maximum"),
            Some(6)
        );
        assert_eq!(max_digits("%x31-39 0*2DIGIT"), Some(3));
        for bad in [
            "1*DIGIT",
            "%x31-39 0*DIGIT",
            "%x31-39 0*9DIGIT",
            "",
            "%x30-39 0*5DIGIT",
        ] {
            assert_eq!(max_digits(bad), None, "{bad}");
        }
    }

    #[test]
    fn bracketed_references() {
        let r = parse_bracketed("f", 1, "[RFC4954][RFC6531]").unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].document, "RFC6531");
        let r = parse_bracketed("f", 1, "[Eric Allman]").unwrap();
        assert_eq!(r[0].document, "Eric Allman");
        let r = parse_bracketed("f", 1, "[RFC9422, Section 6]").unwrap();
        assert_eq!(r[0].document, "RFC9422");
        assert_eq!(r[0].section.as_deref(), Some("6"));
        for bad in [
            "",
            "RFC1",
            "[RFC1",
            "[RFC1] x",
            "[]",
            "[RFC1]; [RFC2]",
            "[a[b]",
        ] {
            assert!(parse_bracketed("f", 1, bad).is_err(), "{bad:?}");
        }
    }
}
