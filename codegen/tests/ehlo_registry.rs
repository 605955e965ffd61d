//! The MAIL Parameters files (EHLO keywords, their parameters, server limits,
//! and `ehlo-identifiers.csv`): the real files parse as expected, and every
//! kind of malformed input is refused with the right file, the line of the
//! offending record and a message that says what is wrong.
//!
//! Each refusal test starts from the real registry files, breaks one thing
//! in one file (in memory) and checks the error of `Registry::parse`.

use smtp_codes_codegen::{Error, Registry, Sources, files, generate};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

const REGISTRY_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../registry");

fn real() -> Sources {
    Sources::read_dir(Path::new(REGISTRY_DIR)).unwrap_or_else(|e| panic!("{e}"))
}

/// The 1-based line of the only line starting with `prefix`.
fn line_of(text: &str, prefix: &str) -> u64 {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&i| text[i..].starts_with(prefix))
        .collect();
    assert_eq!(starts.len(), 1, "lines starting with {prefix:?}");
    text[..starts[0]].matches('\n').count() as u64 + 1
}

/// `text` with its only `from` replaced by `to`.
fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "occurrences of {from:?}");
    text.replacen(from, to, 1)
}

/// `text` without the (one-line) line that starts with `prefix`.
fn remove_line(text: &str, prefix: &str) -> String {
    let line = line_of(text, prefix) as usize;
    text.split_inclusive('\n')
        .enumerate()
        .filter(|(i, _)| i + 1 != line)
        .map(|(_, l)| l)
        .collect()
}

fn refused(src: &Sources) -> Error {
    match Registry::parse(src) {
        Ok(_) => panic!("malformed registry was accepted"),
        Err(e) => e,
    }
}

#[track_caller]
fn check(err: &Error, file: &str, line: Option<u64>, words: &[&str]) {
    assert_eq!(err.file, file, "wrong file in {err}");
    assert_eq!(err.line, line, "wrong line in {err}");
    for word in words {
        assert!(err.message.contains(word), "{word:?} missing from {err}");
    }
    assert!(files::ALL.contains(&err.file.as_str()));
}

/// Replaces `from` (which must start a line) and checks the refusal on that line.
#[track_caller]
fn refuse_edit(
    field: fn(&mut Sources) -> &mut String,
    file: &str,
    from: &str,
    to: &str,
    words: &[&str],
) {
    let mut src = real();
    let text = field(&mut src);
    let line = line_of(text, from);
    *text = replace_once(text, from, to);
    check(&refused(&src), file, Some(line), words);
}

// ---------------------------------------------------------------------------
// The real files

#[test]
fn real_keywords() {
    let registry = Registry::read_dir(Path::new(REGISTRY_DIR)).unwrap_or_else(|e| panic!("{e}"));
    let m = &registry.mail_parameters;
    assert_eq!(m.updated, "2025-08-25");
    assert_eq!(m.keywords.len(), 34);
    assert_eq!(m.keywords[0].keyword, "SEND");
    assert_eq!(m.keywords[33].keyword, "LIMITS");
    let with_parameters: Vec<(&str, &str)> = m
        .keywords
        .iter()
        .filter_map(|k| Some((k.keyword.as_str(), k.parameters.as_deref()?)))
        .collect();
    assert_eq!(
        with_parameters,
        [
            ("SIZE", "number"),
            ("NO-SOLICITING", "Soliciting-keywords"),
            ("AUTH", "SASL mechanism names"),
            ("BURL", "Permitted URL prefixes"),
            (
                "MT-PRIORITY",
                "Name of the Priority Assignment Policy (optional)"
            ),
        ]
    );
    let verb = m.keywords.iter().find(|k| k.keyword == "VERB").unwrap();
    assert_eq!(verb.references[0].document, "Eric Allman");
    let limits: Vec<(&str, &str, u8)> = m
        .limits
        .iter()
        .map(|l| (l.name.as_str(), l.identifier.as_str(), l.max_digits))
        .collect();
    assert_eq!(
        limits,
        [
            ("MAILMAX", "MailMax", 6),
            ("RCPTMAX", "RcptMax", 6),
            ("RCPTDOMAINMAX", "RcptDomainMax", 6),
        ]
    );
}

/// Exactly these keywords are deprecated, by exactly these words of the
/// registry (its notes; no description says so).
#[test]
fn real_deprecations() {
    let registry = Registry::parse(&real()).unwrap();
    let deprecated: Vec<(&str, Vec<&str>)> = registry
        .mail_parameters
        .keywords
        .iter()
        .filter(|k| !k.deprecation.is_empty())
        .map(|k| {
            (
                k.keyword.as_str(),
                k.deprecation.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        deprecated,
        [
            ("SEND", vec!["deprecated"]),
            ("SOML", vec!["deprecated"]),
            ("SAML", vec!["deprecated"]),
            ("TURN", vec!["deprecated"]),
            ("SUBMITTER", vec!["Deprecated", "Historic"]),
            ("UTF8SMTP", vec!["deprecated"]),
        ]
    );
    for k in &registry.mail_parameters.keywords {
        for word in &k.deprecation {
            assert!(
                k.note.contains(word.as_str()),
                "{}: {word} not in its note",
                k.keyword
            );
        }
    }
}

#[test]
fn a_new_deprecation_is_found_in_the_description_too() {
    let mut src = real();
    src.ehlo_keywords = replace_once(
        &src.ehlo_keywords,
        "VERB,Verbose,",
        "VERB,Verbose (obsolete),",
    );
    let registry = Registry::parse(&src).unwrap();
    let verb = registry
        .mail_parameters
        .keywords
        .iter()
        .find(|k| k.keyword == "VERB")
        .unwrap();
    assert_eq!(verb.deprecation, ["obsolete"]);
}

#[test]
fn generation_has_the_enums_and_is_deterministic() {
    let registry = Registry::parse(&real()).unwrap();
    let first = generate(&registry);
    assert_eq!(first, generate(&Registry::parse(&real()).unwrap()));
    for item in [
        "pub enum EhloKeyword",
        "pub enum ServerLimit",
        "MAIL_PARAMETERS_UPDATED",
        "KEYWORD_ENTRIES",
        "LIMIT_ENTRIES",
        "b\"ENHANCEDSTATUSCODES\"",
    ] {
        assert!(first.contains(item), "{item} not generated");
    }
    // A new description shows in the output, and only it changes.
    let mut src = real();
    src.ehlo_keywords = replace_once(
        &src.ehlo_keywords,
        "CHUNKING,Chunking,",
        "CHUNKING,Chunking in BDAT,",
    );
    let edited = generate(&Registry::parse(&src).unwrap());
    assert_eq!(
        first.replace("Chunking.", "Chunking in BDAT.").replace(
            "description : \"Chunking\"",
            "description : \"Chunking in BDAT\""
        ),
        edited
    );
}

// ---------------------------------------------------------------------------
// mail-parameters-2.csv

fn keywords(s: &mut Sources) -> &mut String {
    &mut s.ehlo_keywords
}

#[test]
fn keyword_header() {
    refuse_edit(
        keywords,
        files::EHLO_KEYWORDS,
        "EHLO Keyword,Description,Reference,Note",
        "Keyword,Description,Reference,Note",
        &["header", "EHLO Keyword"],
    );
}

#[test]
fn keyword_grammar() {
    for bad in ["AUTH=LOGIN", "-SIZE", "SMTP_UTF8", "SÏZE", "SI ZE"] {
        refuse_edit(
            keywords,
            files::EHLO_KEYWORDS,
            "SIZE,Message size declaration",
            &format!("{bad},Message size declaration"),
            &["is not an ehlo-keyword", "RFC 5321"],
        );
    }
}

#[test]
fn keyword_starting_with_x() {
    refuse_edit(
        keywords,
        files::EHLO_KEYWORDS,
        "ONEX,One message",
        "XONEX,One message",
        &["XONEX", "starts with X", "§2.2.2"],
    );
}

#[test]
fn keyword_twice_ignoring_case() {
    refuse_edit(
        keywords,
        files::EHLO_KEYWORDS,
        "ONEX,One message",
        "verb,One message",
        &["verb listed twice", "VERB"],
    );
}

#[test]
fn keyword_without_description() {
    refuse_edit(
        keywords,
        files::EHLO_KEYWORDS,
        "DSN,Delivery Status Notification,",
        "DSN,,",
        &["Description is empty"],
    );
}

#[test]
fn keyword_reference_malformed() {
    for bad in [
        "RFC3461",
        "[RFC3461] (Standards Track)",
        "[RFC3461",
        "[]",
        "\"\"",
    ] {
        refuse_edit(
            keywords,
            files::EHLO_KEYWORDS,
            "DSN,Delivery Status Notification,[RFC3461]",
            &format!("DSN,Delivery Status Notification,{bad}"),
            &["reference", "not understood"],
        );
    }
    refuse_edit(
        keywords,
        files::EHLO_KEYWORDS,
        "DSN,Delivery Status Notification,[RFC3461]",
        "DSN,Delivery Status Notification,\"[RFC3461]\n[RFC1]\"",
        &["Reference", "spans several lines"],
    );
}

#[test]
fn keyword_field_count() {
    refuse_edit(
        keywords,
        files::EHLO_KEYWORDS,
        "DSN,Delivery Status Notification,[RFC3461],",
        "DSN,Delivery Status Notification,[RFC3461]",
        &["3 fields, expected 4"],
    );
}

#[test]
fn keyword_without_identifier() {
    let mut src = real();
    src.ehlo_identifiers = remove_line(&src.ehlo_identifiers, "mail-parameters-2,LIMITS,");
    let line = line_of(&src.ehlo_keywords, "LIMITS,");
    check(
        &refused(&src),
        files::EHLO_KEYWORDS,
        Some(line),
        &[
            "LIMITS has no identifier",
            "`mail-parameters-2,LIMITS,<UpperCamelCaseName>`",
            "registry/ehlo-identifiers.csv",
        ],
    );
}

#[test]
fn keyword_no_records() {
    let mut src = real();
    src.ehlo_keywords = "EHLO Keyword,Description,Reference,Note\r\n".into();
    check(&refused(&src), files::EHLO_KEYWORDS, None, &["no records"]);
}

// ---------------------------------------------------------------------------
// mail-parameters-3.csv

fn parameters(s: &mut Sources) -> &mut String {
    &mut s.ehlo_parameters
}

#[test]
fn parameters_header() {
    refuse_edit(
        parameters,
        files::EHLO_PARAMETERS,
        "EHLO Keyword,Parameters,Reference",
        "EHLO Keyword,Description,Reference",
        &["header"],
    );
}

#[test]
fn parameters_of_an_unregistered_keyword() {
    refuse_edit(
        parameters,
        files::EHLO_PARAMETERS,
        "BURL,",
        "BURLS,",
        &["BURLS", "is not in mail-parameters-2.csv"],
    );
}

#[test]
fn parameters_twice() {
    refuse_edit(
        parameters,
        files::EHLO_PARAMETERS,
        "BURL,",
        "AUTH,",
        &["AUTH listed twice"],
    );
}

#[test]
fn parameters_empty() {
    refuse_edit(
        parameters,
        files::EHLO_PARAMETERS,
        "SIZE,number,",
        "SIZE,,",
        &["Parameters is empty"],
    );
}

#[test]
fn parameters_reference_malformed() {
    refuse_edit(
        parameters,
        files::EHLO_PARAMETERS,
        "SIZE,number,[RFC1870]",
        "SIZE,number,RFC1870",
        &["reference", "not understood"],
    );
}

// ---------------------------------------------------------------------------
// smtp-service-extensions.csv

fn limits(s: &mut Sources) -> &mut String {
    &mut s.server_limits
}

#[test]
fn limits_header() {
    refuse_edit(
        limits,
        files::SERVER_LIMITS,
        "Name,Value syntax,",
        "Limit,Value syntax,",
        &["header"],
    );
}

#[test]
fn limit_name_grammar() {
    refuse_edit(
        limits,
        files::SERVER_LIMITS,
        "RCPTMAX,",
        "RCPT MAX,",
        &["limit-name of RFC 9422"],
    );
}

#[test]
fn limit_twice_ignoring_case() {
    refuse_edit(
        limits,
        files::SERVER_LIMITS,
        "RCPTMAX,",
        "mailmax,",
        &["mailmax listed twice"],
    );
}

#[test]
fn limit_value_syntax_not_understood() {
    for bad in ["1*DIGIT", "%x31-39 0*9DIGIT", "%x30-39 0*5DIGIT"] {
        let mut src = real();
        let line = line_of(&src.server_limits, "RCPTMAX,");
        src.server_limits = replace_once(
            &src.server_limits,
            "RCPTMAX,\"%x31-39 0*5DIGIT ; \"\"0\"\" not allowed, six-digit maximum\"",
            &format!("RCPTMAX,{bad}"),
        );
        check(
            &refused(&src),
            files::SERVER_LIMITS,
            Some(line),
            &["value syntax", "RCPTMAX", "not understood"],
        );
    }
}

#[test]
fn limit_without_identifier() {
    let mut src = real();
    src.ehlo_identifiers = remove_line(&src.ehlo_identifiers, "smtp-service-extensions,RCPTMAX,");
    let line = line_of(&src.server_limits, "RCPTMAX,");
    check(
        &refused(&src),
        files::SERVER_LIMITS,
        Some(line),
        &[
            "RCPTMAX has no identifier",
            "smtp-service-extensions,RCPTMAX,",
        ],
    );
}

// ---------------------------------------------------------------------------
// ehlo-identifiers.csv and mail-parameters-updated.txt

fn identifiers(s: &mut Sources) -> &mut String {
    &mut s.ehlo_identifiers
}

#[test]
fn identifiers_header() {
    refuse_edit(
        identifiers,
        files::EHLO_IDENTIFIERS,
        "Registry,Name,Identifier",
        "Name,Identifier,Registry",
        &["header"],
    );
}

#[test]
fn identifier_not_upper_camel_case() {
    for bad in ["startTls", "Start_Tls", "8BitMime", "Self", ""] {
        refuse_edit(
            identifiers,
            files::EHLO_IDENTIFIERS,
            "mail-parameters-2,STARTTLS,StartTls",
            &format!("mail-parameters-2,STARTTLS,{bad}"),
            &["UpperCamelCase"],
        );
    }
}

#[test]
fn identifier_used_twice() {
    refuse_edit(
        identifiers,
        files::EHLO_IDENTIFIERS,
        "mail-parameters-2,ONEX,Onex",
        "mail-parameters-2,ONEX,Verb",
        &["identifier Verb used twice", "VERB"],
    );
}

#[test]
fn identifier_name_twice() {
    refuse_edit(
        identifiers,
        files::EHLO_IDENTIFIERS,
        "mail-parameters-2,ONEX,Onex",
        "mail-parameters-2,VERB,Onex",
        &["mail-parameters-2 VERB listed twice"],
    );
}

#[test]
fn identifier_of_an_unknown_registry() {
    refuse_edit(
        identifiers,
        files::EHLO_IDENTIFIERS,
        "mail-parameters-2,ONEX,Onex",
        "mail-parameters-9,ONEX,Onex",
        &[
            "registry \"mail-parameters-9\"",
            "mail-parameters-2, smtp-service-extensions",
        ],
    );
}

#[test]
fn identifier_of_nothing() {
    let mut src = real();
    src.ehlo_identifiers
        .push_str("mail-parameters-2,XCLIENT,Xclient\n");
    let line = line_of(&src.ehlo_identifiers, "mail-parameters-2,XCLIENT,");
    check(
        &refused(&src),
        files::EHLO_IDENTIFIERS,
        Some(line),
        &[
            "XCLIENT has an identifier (Xclient)",
            "not in mail-parameters-2.csv",
        ],
    );
}

#[test]
fn mail_parameters_date() {
    for bad in ["", "2025-8-25", "25-08-2025", "2025-08-25x"] {
        let mut src = real();
        src.mail_parameters_updated = format!("{bad}\n");
        check(
            &refused(&src),
            files::MAIL_PARAMETERS_UPDATED,
            Some(1),
            &["expected a date YYYY-MM-DD"],
        );
    }
}

// ---------------------------------------------------------------------------
// Garbage never panics

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

type Field = fn(&mut Sources) -> &mut String;

const FIELDS: [(&str, Field); 5] = [
    ("ehlo_keywords", |s| &mut s.ehlo_keywords),
    ("ehlo_parameters", |s| &mut s.ehlo_parameters),
    ("server_limits", |s| &mut s.server_limits),
    ("mail_parameters_updated", |s| {
        &mut s.mail_parameters_updated
    }),
    ("ehlo_identifiers", |s| &mut s.ehlo_identifiers),
];

/// The original text with a few bytes changed to CSV-significant ones.
fn mutate(rng: &mut XorShift, original: &str) -> String {
    const ALPHABET: &[u8] = b",\"\r\n[]=-_ xX0aZ;";
    let mut bytes = original.as_bytes().to_vec();
    for _ in 0..1 + rng.next() % 4 {
        if bytes.is_empty() {
            break;
        }
        let at = (rng.next() % bytes.len() as u64) as usize;
        match rng.next() % 3 {
            0 => bytes[at] = ALPHABET[(rng.next() % ALPHABET.len() as u64) as usize],
            1 => {
                bytes.remove(at);
            }
            _ => bytes.insert(at, ALPHABET[(rng.next() % ALPHABET.len() as u64) as usize]),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn garbage_never_panics() {
    let base = real();
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    let (mut inputs, mut refusals) = (0, 0);
    for (name, field) in FIELDS {
        let original = field(&mut base.clone()).clone();
        // Generation is the slow part: done for the first accepted inputs.
        let mut generated = 0;
        for i in 0..120 {
            let text = if i % 4 == 0 {
                // A truncation.
                let mut end = (rng.next() % (original.len() as u64 + 1)) as usize;
                while !original.is_char_boundary(end) {
                    end -= 1;
                }
                original[..end].to_owned()
            } else {
                mutate(&mut rng, &original)
            };
            let mut src = base.clone();
            *field(&mut src) = text.clone();
            inputs += 1;
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                Registry::parse(&src).map(|r| {
                    generated += 1;
                    if generated <= 2 {
                        let rust = generate(&r);
                        assert!(rust.contains("pub enum EhloKeyword"));
                    }
                })
            }));
            match outcome {
                Ok(Ok(())) => {}
                Ok(Err(e)) => {
                    refusals += 1;
                    assert!(!e.message.is_empty());
                    assert!(files::ALL.contains(&e.file.as_str()), "{e}");
                }
                Err(_) => panic!("panicked on {name} = {text:?}"),
            }
        }
    }
    assert!(refusals > inputs / 4, "only {refusals} of {inputs} refused");
}
