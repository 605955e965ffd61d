//! Reading and validating the registry files.

use crate::{Error, MailParameters, files};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The text of every registry file, as read from disk (or built by a test).
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// `smtp-enhanced-status-codes-1.csv`
    pub classes: String,
    /// `smtp-enhanced-status-codes-2.csv`
    pub subjects: String,
    /// `smtp-enhanced-status-codes-3.csv`
    pub statuses: String,
    /// `smtp-enhanced-status-codes-updated.txt`
    pub updated: String,
    /// `identifiers.csv`
    pub identifiers: String,
    /// `smtp-reply-codes.csv`
    pub replies: String,
    /// `mail-parameters-2.csv`
    pub ehlo_keywords: String,
    /// `mail-parameters-3.csv`
    pub ehlo_parameters: String,
    /// `smtp-service-extensions.csv`
    pub server_limits: String,
    /// `mail-parameters-updated.txt`
    pub mail_parameters_updated: String,
    /// `ehlo-identifiers.csv`
    pub ehlo_identifiers: String,
}

impl Sources {
    /// Reads every file named in [`files`] from `dir`.
    pub fn read_dir(dir: &Path) -> Result<Sources, Error> {
        let read = |name: &str| {
            std::fs::read_to_string(dir.join(name)).map_err(|e| {
                Error::new(
                    name,
                    None,
                    format!("cannot read {}: {e}", dir.join(name).display()),
                )
            })
        };
        Ok(Sources {
            classes: read(files::CLASSES)?,
            subjects: read(files::SUBJECTS)?,
            statuses: read(files::STATUSES)?,
            updated: read(files::UPDATED)?,
            identifiers: read(files::IDENTIFIERS)?,
            replies: read(files::REPLIES)?,
            ehlo_keywords: read(files::EHLO_KEYWORDS)?,
            ehlo_parameters: read(files::EHLO_PARAMETERS)?,
            server_limits: read(files::SERVER_LIMITS)?,
            mail_parameters_updated: read(files::MAIL_PARAMETERS_UPDATED)?,
            ehlo_identifiers: read(files::EHLO_IDENTIFIERS)?,
        })
    }
}

/// A reference as IANA writes it: `[RFC3463] (Standards Track)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The document inside the brackets: `RFC3463`, `draft-levine-mailbomb-header-00`.
    pub document: String,
    /// The section when one is named: `3.3` in `[RFC7372], Section 3.3`.
    pub section: Option<String>,
    /// The status in parentheses after it, when given: `Standards Track`.
    pub status: Option<String>,
}

/// The "Associated basic status code" column, structured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Associated {
    /// `Any`: any reply code may carry this status.
    Any,
    /// `Not given`: the registration names no reply code.
    NotGiven,
    /// An empty field or IANA's placeholder `.`: nothing registered.
    Blank,
    /// A list such as `451, 550`, `451/550`, `250 or 251`, `5XX`,
    /// `450, 550 (other 4XX or 5XX codes are allowed)`.
    Listed {
        /// The reply codes named, in the order written.
        codes: Vec<u16>,
        /// First digits of which every code is allowed (`5XX`, or the
        /// parenthesised "other 4XX or 5XX codes are allowed").
        classes: Vec<u8>,
    },
}

/// One row of sub-registry 1 or 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubCodeRow {
    /// The number: the class digit, or the subject.
    pub number: u16,
    /// The code as IANA writes it: `2.XXX.YYY`, `X.1.YYY`.
    pub code: String,
    /// The Rust identifier from `identifiers.csv`.
    pub identifier: String,
    /// `Summary`.
    pub summary: String,
    /// `Description`.
    pub description: String,
    /// `Reference`, verbatim.
    pub reference: String,
    /// `Reference`, parsed.
    pub references: Vec<Reference>,
    /// `Submitter`.
    pub submitter: String,
    /// `Change Controller`.
    pub change_controller: String,
}

/// One row of sub-registry 3, the enumerated status codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusRow {
    /// The subject number.
    pub subject: u16,
    /// The detail number.
    pub detail: u16,
    /// The code as IANA writes it: `X.1.1`.
    pub code: String,
    /// The Rust identifier from `identifiers.csv`.
    pub identifier: String,
    /// `Sample Text`.
    pub sample_text: String,
    /// `Associated basic status code`, verbatim.
    pub associated_raw: String,
    /// `Associated basic status code`, structured.
    pub associated: Associated,
    /// `Description`.
    pub description: String,
    /// `Reference`, verbatim.
    pub reference: String,
    /// `Reference`, parsed.
    pub references: Vec<Reference>,
    /// `Submitter`.
    pub submitter: String,
    /// `Change Controller`.
    pub change_controller: String,
}

/// One meaning of a basic reply code (a row of `smtp-reply-codes.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyMeaningRow {
    /// The reply text as the RFC writes it.
    pub text: String,
    /// What it means, paraphrased from the RFC.
    pub meaning: String,
    /// Where the meaning applies: `any`, `AUTH`, `STARTTLS`, ...
    pub context: String,
    /// `(rfc, section)` pairs: `(5321, "4.2.3")`.
    pub references: Vec<(u16, String)>,
}

/// A basic reply code with all its meanings, primary first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyRow {
    /// The three-digit code.
    pub code: u16,
    /// The Rust identifier.
    pub identifier: String,
    /// The meanings, primary first.
    pub meanings: Vec<ReplyMeaningRow>,
}

/// The whole registry, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registry {
    /// The date IANA last updated the enhanced status code registry.
    pub updated: String,
    /// Class sub-codes, sorted by number.
    pub classes: Vec<SubCodeRow>,
    /// Subject sub-codes, sorted by number.
    pub subjects: Vec<SubCodeRow>,
    /// Enumerated status codes, sorted by subject then detail.
    pub statuses: Vec<StatusRow>,
    /// Basic reply codes, sorted by code.
    pub replies: Vec<ReplyRow>,
    /// The EHLO keywords, their parameters and the server limits (IANA's
    /// MAIL Parameters registry).
    pub mail_parameters: MailParameters,
}

impl Registry {
    /// Reads and validates the registry folder.
    pub fn read_dir(dir: &Path) -> Result<Registry, Error> {
        Registry::parse(&Sources::read_dir(dir)?)
    }

    /// Validates the registry from the texts of its files.
    pub fn parse(src: &Sources) -> Result<Registry, Error> {
        let updated = parse_updated(files::UPDATED, &src.updated)?;
        let identifiers = parse_identifiers(&src.identifiers)?;
        let classes = parse_sub_codes(files::CLASSES, &src.classes, &identifiers, SubKind::Class)?;
        let subjects = parse_sub_codes(
            files::SUBJECTS,
            &src.subjects,
            &identifiers,
            SubKind::Subject,
        )?;
        let statuses = parse_statuses(&src.statuses, &identifiers, &subjects)?;
        let replies = parse_replies(&src.replies)?;
        let mail_parameters = MailParameters::parse(
            &src.mail_parameters_updated,
            &src.ehlo_keywords,
            &src.ehlo_parameters,
            &src.server_limits,
            &src.ehlo_identifiers,
        )?;
        Ok(Registry {
            updated,
            classes,
            subjects,
            statuses,
            replies,
            mail_parameters,
        })
    }
}

pub(crate) type Record = (u64, csv::StringRecord);

/// Reads a CSV file, checks its header, returns the records with their lines.
pub(crate) fn read_csv(file: &str, text: &str, header: &[&str]) -> Result<Vec<Record>, Error> {
    if let Some(start) = unclosed_quote(text) {
        return Err(Error::new(
            file,
            Some(Lines::new(text).of(start as u64)),
            "not valid CSV: a quoted field is opened and never closed (unterminated quote)",
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut lines = Lines::new(text);
    let mut records = Vec::new();
    for (i, result) in reader.records().enumerate() {
        let record = result.map_err(|e| {
            let line = e.position().map(|p| Lines::new(text).of(p.byte()));
            Error::new(file, line, format!("not valid CSV: {e}"))
        })?;
        let line = record.position().map_or(0, |p| lines.of(p.byte()));
        if i == 0 {
            let found: Vec<&str> = record.iter().collect();
            if found != header {
                return Err(Error::new(
                    file,
                    Some(line),
                    format!("header is {found:?}, expected {header:?}"),
                ));
            }
            continue;
        }
        if record.len() != header.len() {
            return Err(Error::new(
                file,
                Some(line),
                format!("{} fields, expected {}", record.len(), header.len()),
            ));
        }
        records.push((line, record));
    }
    if records.is_empty() {
        return Err(Error::new(file, None, "no records"));
    }
    Ok(records)
}

/// 1-based line numbers of record positions, counted forward.
///
/// `csv::Position::line` is not used: with CRLF line ends (IANA's) it gives
/// the line before the record (rust-csv issue #395; also after blank lines,
/// #208), because a record's position is taken before the `\n` of the
/// previous CRLF is read.
struct Lines<'a> {
    text: &'a [u8],
    at: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            text: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    /// The line of the first byte at or after `byte` that is not a line
    /// break: where a record at position `byte` starts.
    fn of(&mut self, byte: u64) -> u64 {
        let mut end = usize::try_from(byte).map_or(self.text.len(), |b| b.min(self.text.len()));
        while matches!(self.text.get(end), Some(b'\r' | b'\n')) {
            end += 1;
        }
        if end < self.at {
            (self.at, self.line) = (0, 1);
        }
        self.line += self.text[self.at..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        self.at = end;
        self.line
    }
}

/// Where the record starts in which a quoted field is never closed, if any.
///
/// The `csv` crate reads such a field to the end of the input without an
/// error, so a lost quote would silently swallow the rest of the file.
fn unclosed_quote(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let (mut i, mut record, mut field_start) = (0, 0, true);
    while i < b.len() {
        match b[i] {
            b'"' if field_start => {
                i += 1;
                loop {
                    match b.get(i) {
                        None => return Some(record),
                        Some(b'"') if b.get(i + 1) == Some(&b'"') => i += 2,
                        Some(b'"') => break,
                        Some(_) => i += 1,
                    }
                }
                field_start = false;
            }
            b',' => field_start = true,
            b'\r' | b'\n' => {
                field_start = true;
                record = i + 1;
            }
            _ => field_start = false,
        }
        i += 1;
    }
    None
}

/// A registry's `<updated>` date file: one line, `YYYY-MM-DD`.
pub(crate) fn parse_updated(file: &str, text: &str) -> Result<String, Error> {
    let date = text.trim();
    let b = date.as_bytes();
    let ok = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !ok {
        return Err(Error::new(
            file,
            Some(1),
            format!("expected a date YYYY-MM-DD, found {date:?}"),
        ));
    }
    Ok(date.to_owned())
}

/// Identifier by registry code, with the line it was given on.
type Identifiers = BTreeMap<String, String>;

fn parse_identifiers(text: &str) -> Result<Identifiers, Error> {
    let file = files::IDENTIFIERS;
    let mut map = Identifiers::new();
    let mut seen = BTreeSet::new();
    for (line, rec) in read_csv(file, text, &["Code", "Identifier"])? {
        let (code, ident) = (&rec[0], &rec[1]);
        check_identifier(file, line, ident)?;
        if map.insert(code.to_owned(), ident.to_owned()).is_some() {
            return Err(Error::new(
                file,
                Some(line),
                format!("code {code} listed twice"),
            ));
        }
        if !seen.insert(ident.to_owned()) {
            return Err(Error::new(
                file,
                Some(line),
                format!("identifier {ident} used twice"),
            ));
        }
    }
    Ok(map)
}

/// An UpperCamelCase ASCII identifier that is not a Rust keyword.
pub(crate) fn check_identifier(file: &str, line: u64, ident: &str) -> Result<(), Error> {
    let mut chars = ident.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_alphanumeric())
        && !matches!(ident, "Self");
    if ok {
        Ok(())
    } else {
        Err(Error::new(
            file,
            Some(line),
            format!("{ident:?} is not an UpperCamelCase identifier (A-Z first, then A-Z a-z 0-9)"),
        ))
    }
}

/// A decimal number of 1 to 3 digits without a leading zero (RFC 3463).
pub(crate) fn number(s: &str) -> Option<u16> {
    let ok = !s.is_empty()
        && s.len() <= 3
        && s.bytes().all(|b| b.is_ascii_digit())
        && !(s.len() > 1 && s.starts_with('0'));
    if ok { s.parse().ok() } else { None }
}

#[derive(Clone, Copy, PartialEq)]
enum SubKind {
    Class,
    Subject,
}

const SUB_HEADER: [&str; 6] = [
    "Code",
    "Summary",
    "Description",
    "Reference",
    "Submitter",
    "Change Controller",
];

fn parse_sub_codes(
    file: &str,
    text: &str,
    identifiers: &Identifiers,
    kind: SubKind,
) -> Result<Vec<SubCodeRow>, Error> {
    let mut rows: Vec<SubCodeRow> = Vec::new();
    for (line, rec) in read_csv(file, text, &SUB_HEADER)? {
        let code = &rec[0];
        let number = match kind {
            SubKind::Class => code
                .strip_suffix(".XXX.YYY")
                .filter(|d| matches!(*d, "2" | "4" | "5"))
                .and_then(number),
            SubKind::Subject => code
                .strip_prefix("X.")
                .and_then(|s| s.strip_suffix(".YYY"))
                .and_then(number),
        };
        let Some(number) = number else {
            let expected = match kind {
                SubKind::Class => "2.XXX.YYY, 4.XXX.YYY or 5.XXX.YYY",
                SubKind::Subject => "X.<subject>.YYY with a subject of 1 to 3 digits",
            };
            return Err(Error::new(
                file,
                Some(line),
                format!("code {code:?} is not of the form {expected}"),
            ));
        };
        if rows.iter().any(|r| r.number == number) {
            return Err(Error::new(
                file,
                Some(line),
                format!("code {code} listed twice"),
            ));
        }
        let summary = nonempty(file, line, "Summary", &rec[1])?;
        rows.push(SubCodeRow {
            number,
            code: code.to_owned(),
            identifier: identifier_for(identifiers, file, line, code)?,
            summary,
            description: rec[2].to_owned(),
            reference: rec[3].to_owned(),
            references: parse_references(file, line, &rec[3])?,
            submitter: rec[4].to_owned(),
            change_controller: rec[5].to_owned(),
        });
    }
    if kind == SubKind::Class {
        // The grammar of RFC 3463 admits exactly these classes; the value type
        // of smtp-codes relies on every one of them being registered.
        for class in [2, 4, 5] {
            if !rows.iter().any(|r| r.number == class) {
                return Err(Error::new(
                    file,
                    None,
                    format!("class {class}.XXX.YYY is missing (RFC 3463 defines classes 2, 4, 5)"),
                ));
            }
        }
    }
    rows.sort_by_key(|r| r.number);
    Ok(rows)
}

pub(crate) fn nonempty(file: &str, line: u64, column: &str, value: &str) -> Result<String, Error> {
    if value.trim().is_empty() {
        Err(Error::new(file, Some(line), format!("{column} is empty")))
    } else {
        Ok(value.to_owned())
    }
}

fn identifier_for(ids: &Identifiers, file: &str, line: u64, code: &str) -> Result<String, Error> {
    ids.get(code).cloned().ok_or_else(|| {
        Error::new(
            file,
            Some(line),
            format!(
                "{code} has no identifier: add a line `{code},<UpperCamelCaseName>` to registry/{}",
                files::IDENTIFIERS
            ),
        )
    })
}

/// `[RFC3463] (Standards Track); [RFC7504] (Standards Track)`, `[RFC8617]`,
/// `[draft-levine-mailbomb-header-00]`.
fn parse_references(file: &str, line: u64, text: &str) -> Result<Vec<Reference>, Error> {
    let bad = |why: &str| {
        Err(Error::new(
            file,
            Some(line),
            format!("reference {text:?} not understood: {why}"),
        ))
    };
    let mut out = Vec::new();
    for part in text.split(';') {
        let part = part.trim();
        let Some(rest) = part.strip_prefix('[') else {
            return bad("each reference must start with `[`");
        };
        let Some((document, rest)) = rest.split_once(']') else {
            return bad("missing `]`");
        };
        if document.is_empty() || document.contains(['[', '(', ')']) {
            return bad("empty or malformed document name");
        }
        let mut rest = rest.trim();
        let mut section = None;
        if let Some(after) = rest.strip_prefix(", Section ") {
            let end = after.find(' ').unwrap_or(after.len());
            let number = &after[..end];
            if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
                return bad("expected a section number after `, Section `");
            }
            section = Some(number.to_owned());
            rest = after[end..].trim();
        }
        let status = if rest.is_empty() {
            None
        } else if let Some(s) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
            Some(s.to_owned())
        } else {
            return bad("expected `(status)` after the document");
        };
        out.push(Reference {
            document: document.to_owned(),
            section,
            status,
        });
    }
    Ok(out)
}

const STATUS_HEADER: [&str; 7] = [
    "Code",
    "Sample Text",
    "Associated basic status code",
    "Description",
    "Reference",
    "Submitter",
    "Change Controller",
];

fn parse_statuses(
    text: &str,
    identifiers: &Identifiers,
    subjects: &[SubCodeRow],
) -> Result<Vec<StatusRow>, Error> {
    let file = files::STATUSES;
    let mut rows: Vec<StatusRow> = Vec::new();
    for (line, rec) in read_csv(file, text, &STATUS_HEADER)? {
        let code = &rec[0];
        let parts: Option<(u16, u16)> = code.strip_prefix("X.").and_then(|rest| {
            let (s, d) = rest.split_once('.')?;
            Some((number(s)?, number(d)?))
        });
        let Some((subject, detail)) = parts else {
            return Err(Error::new(
                file,
                Some(line),
                format!(
                    "code {code:?} is not of the form X.<subject>.<detail> (1 to 3 digits each, no leading zero)"
                ),
            ));
        };
        if rows
            .iter()
            .any(|r| r.subject == subject && r.detail == detail)
        {
            return Err(Error::new(
                file,
                Some(line),
                format!("code {code} listed twice"),
            ));
        }
        if !subjects.iter().any(|s| s.number == subject) {
            return Err(Error::new(
                file,
                Some(line),
                format!(
                    "code {code}: subject {subject} is not in {} (X.{subject}.YYY)",
                    files::SUBJECTS
                ),
            ));
        }
        let associated = parse_associated(&rec[2]).map_err(|why| {
            Error::new(
                file,
                Some(line),
                format!(
                    "code {code}: associated basic status code {:?} not understood: {why}",
                    &rec[2]
                ),
            )
        })?;
        rows.push(StatusRow {
            subject,
            detail,
            code: code.to_owned(),
            identifier: identifier_for(identifiers, file, line, code)?,
            sample_text: rec[1].to_owned(),
            associated_raw: rec[2].to_owned(),
            associated,
            description: rec[3].to_owned(),
            reference: rec[4].to_owned(),
            references: parse_references(file, line, &rec[4])?,
            submitter: rec[5].to_owned(),
            change_controller: rec[6].to_owned(),
        });
    }
    rows.sort_by_key(|r| (r.subject, r.detail));
    Ok(rows)
}

/// A reply code of RFC 5321's grammar: `%x32-35 %x30-35 %x30-39`.
pub(crate) fn reply_code(s: &str) -> Option<u16> {
    let b = s.as_bytes();
    let ok = b.len() == 3
        && (b'2'..=b'5').contains(&b[0])
        && (b'0'..=b'5').contains(&b[1])
        && b[2].is_ascii_digit();
    if ok { s.parse().ok() } else { None }
}

/// Parses the free-text "Associated basic status code" column.
pub(crate) fn parse_associated(text: &str) -> Result<Associated, String> {
    let t = text.trim();
    match t {
        "Any" => return Ok(Associated::Any),
        "Not given" => return Ok(Associated::NotGiven),
        "" | "." => return Ok(Associated::Blank),
        _ => {}
    }
    let mut codes = Vec::new();
    let mut classes = Vec::new();
    let (list, note) = match t.split_once('(') {
        Some((list, note)) => {
            let note = note
                .strip_suffix(')')
                .ok_or("a `(` without its closing `)`")?;
            (list, Some(note))
        }
        None => (t, None),
    };
    if let Some(note) = note {
        // "other 4XX or 5XX codes are allowed"
        let inner = note
            .strip_prefix("other ")
            .and_then(|n| n.strip_suffix(" codes are allowed"))
            .ok_or_else(|| format!("unknown note ({note})"))?;
        for token in inner.split(" or ") {
            classes.push(class_pattern(token.trim()).ok_or_else(|| {
                format!("{token:?} in the note is not a class pattern such as 4XX")
            })?);
        }
    }
    let normalized = list.replace(" or ", ",").replace('/', ",");
    for token in normalized.split(',').map(str::trim) {
        if token.is_empty() {
            return Err("an empty item in the list".into());
        }
        if let Some(code) = reply_code(token) {
            if codes.contains(&code) {
                return Err(format!("{code} listed twice"));
            }
            codes.push(code);
        } else if let Some(class) = class_pattern(token) {
            if classes.contains(&class) {
                return Err(format!("{token} listed twice"));
            }
            classes.push(class);
        } else {
            return Err(format!(
                "{token:?} is neither a reply code (RFC 5321 grammar) nor a pattern such as 5XX"
            ));
        }
    }
    Ok(Associated::Listed { codes, classes })
}

fn class_pattern(s: &str) -> Option<u8> {
    match s.as_bytes() {
        [d @ b'2'..=b'5', b'X', b'X'] => Some(d - b'0'),
        _ => None,
    }
}

const REPLY_HEADER: [&str; 6] = [
    "Code",
    "Identifier",
    "Text",
    "Meaning",
    "Context",
    "Reference",
];

fn parse_replies(text: &str) -> Result<Vec<ReplyRow>, Error> {
    let file = files::REPLIES;
    let mut rows: Vec<ReplyRow> = Vec::new();
    let mut identifiers = BTreeSet::new();
    for (line, rec) in read_csv(file, text, &REPLY_HEADER)? {
        let err = |msg: String| Error::new(file, Some(line), msg);
        let code = reply_code(&rec[0]).ok_or_else(|| {
            err(format!(
                "code {:?} is not a reply code of RFC 5321's grammar (2-5, 0-5, 0-9)",
                &rec[0]
            ))
        })?;
        let ident = &rec[1];
        check_identifier(file, line, ident)?;
        for (column, value) in [
            ("Text", &rec[2]),
            ("Meaning", &rec[3]),
            ("Context", &rec[4]),
        ] {
            if value.trim().is_empty() {
                return Err(err(format!("{column} is empty")));
            }
            if value.contains(['\n', '\r']) {
                return Err(err(format!("{column} spans several lines")));
            }
        }
        let references = parse_rfc_sections(&rec[5]).ok_or_else(|| {
            err(format!(
                "reference {:?} is not `RFC <n> §<section>[; ...]`",
                &rec[5]
            ))
        })?;
        let meaning = ReplyMeaningRow {
            text: rec[2].to_owned(),
            meaning: rec[3].to_owned(),
            context: rec[4].to_owned(),
            references,
        };
        match rows.last_mut() {
            Some(last) if last.code == code => {
                if last.identifier != *ident {
                    return Err(err(format!(
                        "code {code} is named {} on an earlier row and {ident} here",
                        last.identifier
                    )));
                }
                last.meanings.push(meaning);
            }
            Some(last) if last.code > code => {
                return Err(err(format!(
                    "code {code} after {}: rows must be sorted by code, the rows of a code together",
                    last.code
                )));
            }
            _ => {
                if !identifiers.insert(ident.to_owned()) {
                    return Err(err(format!("identifier {ident} used for two codes")));
                }
                rows.push(ReplyRow {
                    code,
                    identifier: ident.to_owned(),
                    meanings: vec![meaning],
                });
            }
        }
    }
    Ok(rows)
}

/// `RFC 5321 §4.2.2; RFC 5321 §4.2.3`
fn parse_rfc_sections(text: &str) -> Option<Vec<(u16, String)>> {
    text.split("; ")
        .map(|part| {
            let rest = part.strip_prefix("RFC ")?;
            let (num, section) = rest.split_once(" §")?;
            let num: u16 = num.parse().ok().filter(|n| *n > 0)?;
            let ok = !section.is_empty()
                && section.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && !section.starts_with('.')
                && !section.ends_with('.');
            ok.then(|| (num, section.to_owned()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn associated_forms() {
        assert_eq!(parse_associated("Any"), Ok(Associated::Any));
        assert_eq!(parse_associated("Not given"), Ok(Associated::NotGiven));
        assert_eq!(parse_associated(""), Ok(Associated::Blank));
        assert_eq!(parse_associated("."), Ok(Associated::Blank));
        let listed = |codes: &[u16], classes: &[u8]| {
            Ok(Associated::Listed {
                codes: codes.to_vec(),
                classes: classes.to_vec(),
            })
        };
        assert_eq!(parse_associated("451, 550"), listed(&[451, 550], &[]));
        assert_eq!(parse_associated("451/550"), listed(&[451, 550], &[]));
        assert_eq!(parse_associated("250 or 251"), listed(&[250, 251], &[]));
        assert_eq!(parse_associated("5XX"), listed(&[], &[5]));
        assert_eq!(
            parse_associated("450, 550 (other 4XX or 5XX codes are allowed)"),
            listed(&[450, 550], &[4, 5])
        );
        assert_eq!(
            parse_associated("220, 250, 501,\n502, 554"),
            listed(&[220, 250, 501, 502, 554], &[])
        );
    }

    #[test]
    fn associated_refusals() {
        for bad in [
            "The message appears to be part of a mail flood of similar abusive message.",
            "451,,550",
            "651",
            "5X",
            "550 (maybe)",
            "550 (other 4XX codes are allowed",
            "550, 550",
        ] {
            assert!(parse_associated(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn references() {
        let r = parse_references(
            "f",
            1,
            "[RFC7505] (Standards Track); [RFC7504] (Standards Track)",
        )
        .unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].document, "RFC7504");
        assert_eq!(r[1].status.as_deref(), Some("Standards Track"));
        let r = parse_references("f", 1, "[RFC7372], Section 3.3 (Standards Track)").unwrap();
        assert_eq!(r[0].section.as_deref(), Some("3.3"));
        assert_eq!(r[0].status.as_deref(), Some("Standards Track"));
        let r = parse_references("f", 1, "[draft-levine-mailbomb-header-00]").unwrap();
        assert_eq!(r[0].status, None);
        for bad in [
            "RFC3463",
            "[RFC3463",
            "[] (x)",
            "[RFC1] junk",
            "",
            "[RFC1], Section x",
        ] {
            assert!(parse_references("f", 1, bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn rfc_sections() {
        assert_eq!(
            parse_rfc_sections("RFC 5321 §4.2.2; RFC 4954 §6"),
            Some(vec![(5321, "4.2.2".into()), (4954, "6".into())])
        );
        for bad in [
            "RFC5321 §4",
            "RFC 5321 4.2",
            "RFC 5321 §",
            "RFC 0 §1",
            "RFC 5321 §4.",
            "RFC 1 §1;RFC 2 §2",
        ] {
            assert_eq!(parse_rfc_sections(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(number("0"), Some(0));
        assert_eq!(number("999"), Some(999));
        assert_eq!(number("01"), None);
        assert_eq!(number("1000"), None);
        assert_eq!(number(""), None);
        assert_eq!(reply_code("559"), Some(559));
        assert_eq!(reply_code("560"), None);
        assert_eq!(reply_code("199"), None);
    }
}
