//! Every kind of malformed registry input is refused with the right file, the
//! exact line of the offending record and a message that says what is wrong.
//!
//! Each test starts from the real registry files, breaks one thing in one
//! file (in memory), and checks the [`Error`] that `Registry::parse` returns.
//! The last tests check that the real registry parses, that generation is
//! deterministic and follows the data, and that no input makes the generator
//! panic.

use smtp_codes_codegen::{Error, Registry, Sources, files, generate};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

const REGISTRY_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../registry");

/// The real registry files, as on disk.
fn real() -> Sources {
    Sources::read_dir(Path::new(REGISTRY_DIR))
        .unwrap_or_else(|e| panic!("cannot read the real registry in {REGISTRY_DIR}: {e}"))
}

/// The 1-based line on which the only line starting with `prefix` is.
fn line_of(text: &str, prefix: &str) -> u64 {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&i| text[i..].starts_with(prefix))
        .collect();
    assert_eq!(
        starts.len(),
        1,
        "expected exactly one line starting with {prefix:?}, found {}",
        starts.len()
    );
    text[..starts[0]].matches('\n').count() as u64 + 1
}

/// `text` with the only occurrence of `from` replaced by `to`.
fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "expected exactly one occurrence of {from:?}"
    );
    text.replacen(from, to, 1)
}

/// `text` without the whole line that starts with `prefix` (a one-line record).
fn remove_line(text: &str, prefix: &str) -> String {
    let line = line_of(text, prefix) as usize;
    text.split_inclusive('\n')
        .enumerate()
        .filter(|(i, _)| i + 1 != line)
        .map(|(_, l)| l)
        .collect()
}

/// A CSV field as RFC 4180 writes it: quoted when it needs to be.
fn q(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

/// Parses `src`, which must be refused.
fn refused(src: &Sources) -> Error {
    match Registry::parse(src) {
        Ok(_) => panic!("malformed registry was accepted"),
        Err(e) => e,
    }
}

/// Checks the error's file, line and that its message holds every word.
#[track_caller]
fn check(err: &Error, file: &str, line: Option<u64>, words: &[&str]) {
    assert_eq!(err.file, file, "wrong file in {err}");
    assert_eq!(err.line, line, "wrong line in {err}");
    for word in words {
        assert!(
            err.message.contains(word),
            "message of {err} does not contain {word:?}"
        );
    }
    // Display names the file (and the line when there is one).
    let shown = err.to_string();
    assert!(shown.starts_with(file), "{shown}");
    if let Some(line) = line {
        assert!(shown.starts_with(&format!("{file}:{line}: ")), "{shown}");
    }
}

// ---------------------------------------------------------------------------
// Sub-registry 3: enumerated status codes

#[test]
fn duplicate_status_code() {
    let mut src = real();
    // X.1.2 becomes a second X.1.1; the error is on the second one.
    let line = line_of(&src.statuses, "X.1.2,");
    src.statuses = replace_once(&src.statuses, "\nX.1.2,", "\nX.1.1,");
    let err = refused(&src);
    check(
        &err,
        files::STATUSES,
        Some(line),
        &["X.1.1", "listed twice"],
    );
}

#[test]
fn lines_are_right_with_any_line_end() {
    // IANA's files end records with CRLF; the same error must point at the
    // same record when the records end with LF.
    for end in ["\r\n", "\n"] {
        let mut src = real();
        let line = line_of(&src.statuses, "X.1.2,");
        src.statuses = src.statuses.replace("\r\n", end);
        src.statuses = replace_once(&src.statuses, "\nX.1.2,", "\nX.1.1,");
        let err = refused(&src);
        check(
            &err,
            files::STATUSES,
            Some(line),
            &["X.1.1", "listed twice"],
        );
    }

    // Blank lines between records are skipped, and counted.
    let mut src = real();
    src.replies = replace_once(&src.replies, "\n214,", "\n\r\n\n214,");
    src.replies = replace_once(&src.replies, "\n214,HelpMessage,", "\n214,help,");
    let line = first_reply_line(&src.replies, "214");
    assert_eq!(line, first_reply_line(&real().replies, "214") + 2);
    let err = refused(&src);
    check(&err, files::REPLIES, Some(line), &["\"help\""]);
}

#[test]
fn malformed_status_codes() {
    for bad in [
        "X.1", "X.01.1", "Y.1.1", "X.1.1000", "X.1.01", "X.1.1.1", "X..1", "X.1.", "X.1.-1",
        "X.1.1 ", " X.1.1", "5.1.1", "x.1.1", "X.1000.1", "X.1.a", "",
    ] {
        let mut src = real();
        let line = line_of(&src.statuses, "X.1.1,");
        src.statuses = replace_once(&src.statuses, "\nX.1.1,", &format!("\n{bad},"));
        let err = refused(&src);
        check(
            &err,
            files::STATUSES,
            Some(line),
            &[&format!("{bad:?}"), "not of the form X.<subject>.<detail>"],
        );
    }
}

#[test]
fn status_subject_not_registered() {
    let mut src = real();
    let line = line_of(&src.statuses, "X.7.30,");
    src.statuses = replace_once(&src.statuses, "\nX.7.30,", "\nX.8.30,");
    let err = refused(&src);
    check(
        &err,
        files::STATUSES,
        Some(line),
        &["X.8.30", "subject 8", files::SUBJECTS],
    );

    // Removing a subject from sub-registry 2 orphans its first status.
    let mut src = real();
    src.subjects = replace_once(&src.subjects, "\nX.0.YYY,", "\nX.9.YYY,");
    src.identifiers = replace_once(&src.identifiers, "\nX.0.YYY,", "\nX.9.YYY,");
    let line = line_of(&src.statuses, "X.0.0,");
    let err = refused(&src);
    check(
        &err,
        files::STATUSES,
        Some(line),
        &["X.0.0", "subject 0", files::SUBJECTS],
    );
}

#[test]
fn unparseable_associated_basic_code() {
    // The real historical text: until 2019-02-25 IANA listed X.7.28 with its
    // description in the basic-code column.
    let text = "The message appears to be part of a mail flood of similar abusive message.";
    let mut src = real();
    let line = line_of(&src.statuses, "X.7.28,");
    src.statuses = replace_once(
        &src.statuses,
        "X.7.28,Mail flood detected,.,",
        &format!("X.7.28,Mail flood detected,{text},"),
    );
    let err = refused(&src);
    check(
        &err,
        files::STATUSES,
        Some(line),
        &[
            "X.7.28",
            "associated basic status code",
            text,
            "not understood",
        ],
    );

    for bad in ["650", "5X", "451,,550", "550 (maybe)", "550, 550"] {
        let mut src = real();
        let line = line_of(&src.statuses, "X.2.2,");
        src.statuses = replace_once(
            &src.statuses,
            "X.2.2,Mailbox full,552,",
            &format!("X.2.2,Mailbox full,{},", q(bad)),
        );
        let err = refused(&src);
        check(
            &err,
            files::STATUSES,
            Some(line),
            &["X.2.2", "associated basic status code", "not understood"],
        );
    }
}

#[test]
fn bad_status_reference() {
    for bad in [
        "RFC3463 (Standards Track)",
        "[RFC3463 (Standards Track)",
        "[RFC3463] Standards Track",
        "[] (Standards Track)",
        "[RFC3463], Section x (Standards Track)",
        "",
    ] {
        let mut src = real();
        let line = line_of(&src.statuses, "X.7.29,");
        src.statuses = replace_once(
            &src.statuses,
            "fails ARC validation.,[RFC8617],",
            &format!("fails ARC validation.,{},", q(bad)),
        );
        let err = refused(&src);
        check(
            &err,
            files::STATUSES,
            Some(line),
            &["reference", &format!("{bad:?}"), "not understood"],
        );
    }
}

#[test]
fn status_wrong_header() {
    let mut src = real();
    src.statuses = replace_once(
        &src.statuses,
        "Code,Sample Text,Associated basic status code,",
        "Code,Sample,Associated basic status code,",
    );
    let err = refused(&src);
    check(&err, files::STATUSES, Some(1), &["header", "Sample Text"]);
}

#[test]
fn status_wrong_field_count() {
    // One field too few.
    let mut src = real();
    let line = line_of(&src.statuses, "X.7.29,");
    src.statuses = replace_once(
        &src.statuses,
        "[RFC8617],K. Andersen,IESG",
        "[RFC8617],IESG",
    );
    let err = refused(&src);
    check(
        &err,
        files::STATUSES,
        Some(line),
        &["6 fields", "expected 7"],
    );

    // One field too many.
    let mut src = real();
    src.statuses = replace_once(
        &src.statuses,
        "[RFC8617],K. Andersen,IESG",
        "[RFC8617],K. Andersen,IESG,extra",
    );
    let err = refused(&src);
    check(
        &err,
        files::STATUSES,
        Some(line),
        &["8 fields", "expected 7"],
    );
}

// ---------------------------------------------------------------------------
// Sub-registries 1 and 2: classes and subjects

#[test]
fn missing_class() {
    let mut src = real();
    // 4.XXX.YYY's description spans several lines: cut from its code to the
    // start of 5.XXX.YYY.
    let start = src.classes.find("4.XXX.YYY,").unwrap();
    let end = src.classes.find("5.XXX.YYY,").unwrap();
    src.classes.replace_range(start..end, "");
    let err = refused(&src);
    check(
        &err,
        files::CLASSES,
        None,
        &["class 4.XXX.YYY is missing", "2, 4, 5"],
    );
}

#[test]
fn bad_class_code() {
    for bad in [
        "3.XXX.YYY",
        "1.XXX.YYY",
        "6.XXX.YYY",
        "X.XXX.YYY",
        "5.XXX",
        "05.XXX.YYY",
    ] {
        let mut src = real();
        let line = line_of(&src.classes, "5.XXX.YYY,");
        src.classes = replace_once(&src.classes, "\n5.XXX.YYY,", &format!("\n{bad},"));
        let err = refused(&src);
        check(
            &err,
            files::CLASSES,
            Some(line),
            &[&format!("{bad:?}"), "2.XXX.YYY, 4.XXX.YYY or 5.XXX.YYY"],
        );
    }
}

#[test]
fn duplicate_class_and_subject() {
    let mut src = real();
    let line = line_of(&src.classes, "5.XXX.YYY,");
    src.classes = replace_once(&src.classes, "\n5.XXX.YYY,", "\n4.XXX.YYY,");
    let err = refused(&src);
    check(
        &err,
        files::CLASSES,
        Some(line),
        &["4.XXX.YYY", "listed twice"],
    );

    let mut src = real();
    let line = line_of(&src.subjects, "X.2.YYY,");
    src.subjects = replace_once(&src.subjects, "\nX.2.YYY,", "\nX.1.YYY,");
    let err = refused(&src);
    check(
        &err,
        files::SUBJECTS,
        Some(line),
        &["X.1.YYY", "listed twice"],
    );
}

#[test]
fn bad_subject_code() {
    for bad in [
        "X.01.YYY",
        "X.1000.YYY",
        "X.1",
        "Y.1.YYY",
        "X.1.YYYY",
        "2.1.YYY",
    ] {
        let mut src = real();
        let line = line_of(&src.subjects, "X.1.YYY,");
        src.subjects = replace_once(&src.subjects, "\nX.1.YYY,", &format!("\n{bad},"));
        let err = refused(&src);
        check(
            &err,
            files::SUBJECTS,
            Some(line),
            &[&format!("{bad:?}"), "X.<subject>.YYY"],
        );
    }
}

#[test]
fn sub_registry_wrong_header() {
    let mut src = real();
    src.classes = replace_once(&src.classes, "Code,Summary,", "Code,Title,");
    let err = refused(&src);
    check(&err, files::CLASSES, Some(1), &["header", "Summary"]);

    let mut src = real();
    src.subjects = replace_once(
        &src.subjects,
        ",Change Controller\r\n",
        ",Change controller\r\n",
    );
    let err = refused(&src);
    check(
        &err,
        files::SUBJECTS,
        Some(1),
        &["header", "Change Controller"],
    );
}

#[test]
fn sub_registry_wrong_field_count() {
    let mut src = real();
    let line = line_of(&src.subjects, "X.0.YYY,");
    src.subjects = replace_once(
        &src.subjects,
        "X.0.YYY,Other or Undefined Status,",
        "X.0.YYY,",
    );
    let err = refused(&src);
    check(
        &err,
        files::SUBJECTS,
        Some(line),
        &["5 fields", "expected 6"],
    );
}

#[test]
fn empty_summary() {
    for empty in ["", "   "] {
        let mut src = real();
        let line = line_of(&src.subjects, "X.3.YYY,");
        src.subjects = replace_once(
            &src.subjects,
            "X.3.YYY,Mail System Status,",
            &format!("X.3.YYY,{empty},"),
        );
        let err = refused(&src);
        check(&err, files::SUBJECTS, Some(line), &["Summary is empty"]);
    }

    let mut src = real();
    let line = line_of(&src.classes, "2.XXX.YYY,");
    src.classes = replace_once(&src.classes, "2.XXX.YYY,Success,", "2.XXX.YYY,,");
    let err = refused(&src);
    check(&err, files::CLASSES, Some(line), &["Summary is empty"]);
}

#[test]
fn bad_sub_registry_reference() {
    let mut src = real();
    let line = line_of(&src.subjects, "X.0.YYY,");
    src.subjects = replace_once(
        &src.subjects,
        "subject information available.,[RFC3463] (Standards track),",
        "subject information available.,RFC3463 (Standards track),",
    );
    let err = refused(&src);
    check(
        &err,
        files::SUBJECTS,
        Some(line),
        &[
            "reference",
            "\"RFC3463 (Standards track)\"",
            "not understood",
        ],
    );
}

// ---------------------------------------------------------------------------
// identifiers.csv

#[test]
fn missing_identifier() {
    let mut src = real();
    src.identifiers = remove_line(&src.identifiers, "X.7.30,");
    let line = line_of(&src.statuses, "X.7.30,");
    let err = refused(&src);
    check(
        &err,
        files::STATUSES,
        Some(line),
        &["X.7.30 has no identifier", files::IDENTIFIERS],
    );

    // The same for a subject and a class.
    let mut src = real();
    src.identifiers = remove_line(&src.identifiers, "X.5.YYY,");
    let line = line_of(&src.subjects, "X.5.YYY,");
    let err = refused(&src);
    check(
        &err,
        files::SUBJECTS,
        Some(line),
        &["X.5.YYY has no identifier"],
    );

    let mut src = real();
    src.identifiers = remove_line(&src.identifiers, "2.XXX.YYY,");
    let line = line_of(&src.classes, "2.XXX.YYY,");
    let err = refused(&src);
    check(
        &err,
        files::CLASSES,
        Some(line),
        &["2.XXX.YYY has no identifier"],
    );
}

#[test]
fn invalid_identifier() {
    for bad in [
        "bad name",
        "lower",
        "Bad name",
        "Bad_Name",
        "9Lives",
        "Self",
        "",
        "Ünicode",
        "Caf\u{e9}",
        "Tab\tName",
    ] {
        let mut src = real();
        let line = line_of(&src.identifiers, "X.7.30,");
        src.identifiers = replace_once(
            &src.identifiers,
            "X.7.30,RequireTlsSupportRequired",
            &format!("X.7.30,{bad}"),
        );
        let err = refused(&src);
        check(
            &err,
            files::IDENTIFIERS,
            Some(line),
            &[&format!("{bad:?}"), "not an UpperCamelCase identifier"],
        );
    }
}

#[test]
fn identifier_used_twice() {
    let mut src = real();
    let line = line_of(&src.identifiers, "X.7.30,");
    src.identifiers = replace_once(
        &src.identifiers,
        "X.7.30,RequireTlsSupportRequired",
        "X.7.30,MailFloodDetected",
    );
    let err = refused(&src);
    check(
        &err,
        files::IDENTIFIERS,
        Some(line),
        &["identifier MailFloodDetected used twice"],
    );
}

#[test]
fn identifier_code_listed_twice() {
    let mut src = real();
    let line = line_of(&src.identifiers, "X.7.30,");
    src.identifiers = replace_once(
        &src.identifiers,
        "X.7.30,RequireTlsSupportRequired",
        "X.7.29,RequireTlsSupportRequired",
    );
    let err = refused(&src);
    check(
        &err,
        files::IDENTIFIERS,
        Some(line),
        &["X.7.29", "listed twice"],
    );
}

#[test]
fn identifiers_wrong_header_and_field_count() {
    let mut src = real();
    src.identifiers = replace_once(&src.identifiers, "Code,Identifier", "Code,Name");
    let err = refused(&src);
    check(&err, files::IDENTIFIERS, Some(1), &["header", "Identifier"]);

    let mut src = real();
    let line = line_of(&src.identifiers, "X.7.30,");
    src.identifiers = replace_once(
        &src.identifiers,
        "X.7.30,RequireTlsSupportRequired",
        "X.7.30,RequireTlsSupportRequired,Extra",
    );
    let err = refused(&src);
    check(
        &err,
        files::IDENTIFIERS,
        Some(line),
        &["3 fields", "expected 2"],
    );
}

// ---------------------------------------------------------------------------
// smtp-enhanced-status-codes-updated.txt

#[test]
fn bad_updated_date() {
    for bad in [
        "",
        "\n",
        "2024-12-6",
        "2024/12/06",
        "06-12-2024",
        "yesterday",
        "2024-12-06x",
        "2024-12-06 2024-12-07",
        "２０２４-12-06",
    ] {
        let mut src = real();
        src.updated = format!("{bad}\n");
        let err = refused(&src);
        check(&err, files::UPDATED, Some(1), &["YYYY-MM-DD"]);
    }
}

// ---------------------------------------------------------------------------
// smtp-reply-codes.csv (the project's own table)

/// The first line of the reply table that starts with `code,`.
fn first_reply_line(text: &str, code: &str) -> u64 {
    let prefix = format!("\n{code},");
    let at = text
        .find(&prefix)
        .unwrap_or_else(|| panic!("no reply row for {code}"));
    text[..=at].matches('\n').count() as u64 + 1
}

#[test]
fn reply_code_outside_grammar() {
    for bad in ["650", "260", "199", "2500", "25", "x50", "", "060", " 250"] {
        let mut src = real();
        let line = first_reply_line(&src.replies, "211");
        src.replies = replace_once(
            &src.replies,
            "\n211,SystemStatus,",
            &format!("\n{bad},SystemStatus,"),
        );
        let err = refused(&src);
        check(
            &err,
            files::REPLIES,
            Some(line),
            &[
                &format!("{bad:?}"),
                "not a reply code of RFC 5321's grammar",
            ],
        );
    }
}

#[test]
fn reply_rows_unsorted() {
    let mut src = real();
    // Swap the rows of 211 and 214.
    let r211 = line_text(&src.replies, "211,");
    let r214 = line_text(&src.replies, "214,");
    let line = first_reply_line(&src.replies, "214");
    src.replies = replace_once(
        &src.replies,
        &format!("{r211}{r214}"),
        &format!("{r214}{r211}"),
    );
    let err = refused(&src);
    check(
        &err,
        files::REPLIES,
        Some(line),
        &["code 211 after 214", "sorted"],
    );

    // The rows of one code must be together: a second 220 after 221.
    let mut src = real();
    let second_220 = line_text_nth(&src.replies, "220,", 1);
    src.replies = replace_once(&src.replies, &second_220, "");
    let after_221 = line_text(&src.replies, "221,");
    src.replies = replace_once(
        &src.replies,
        &after_221,
        &format!("{after_221}{second_220}"),
    );
    let line = line_of(&src.replies, "221,") + 1;
    let err = refused(&src);
    check(
        &err,
        files::REPLIES,
        Some(line),
        &["code 220 after 221", "together"],
    );
}

/// The whole text (with its line end) of the only line starting with `prefix`.
fn line_text(text: &str, prefix: &str) -> String {
    line_of(text, prefix);
    line_text_nth(text, prefix, 0)
}

/// The whole text of the `n`th (0-based) line starting with `prefix`.
fn line_text_nth(text: &str, prefix: &str, n: usize) -> String {
    text.split_inclusive('\n')
        .filter(|l| l.starts_with(prefix))
        .nth(n)
        .unwrap_or_else(|| panic!("no line {n} starting with {prefix:?}"))
        .to_owned()
}

#[test]
fn reply_code_with_two_identifiers() {
    let mut src = real();
    let second_220 = line_text_nth(&src.replies, "220,", 1);
    let first = first_reply_line(&src.replies, "220");
    // The rows of 220 are one-line records, one after the other.
    assert!(line_text_nth(&src.replies, "220,", 0).ends_with("\r\n"));
    let renamed = second_220.replacen("220,ServiceReady,", "220,StartTlsReady,", 1);
    src.replies = replace_once(&src.replies, &second_220, &renamed);
    let err = refused(&src);
    check(
        &err,
        files::REPLIES,
        Some(first + 1),
        &["code 220", "ServiceReady", "StartTlsReady"],
    );
}

#[test]
fn reply_bad_reference() {
    for bad in [
        "RFC5321 4.2",
        "RFC 5321 4.2",
        "RFC5321 §4.2",
        "RFC 5321 §",
        "RFC 5321 §4.",
        "RFC 0 §1",
        "RFC 5321 §4.2;RFC 5321 §4.3",
        "",
    ] {
        let mut src = real();
        let row = line_text(&src.replies, "214,");
        let line = first_reply_line(&src.replies, "214");
        let reference = row.trim_end().rsplit(',').next().unwrap().to_owned();
        assert!(reference.starts_with("RFC 5321 §"), "{reference}");
        let broken = row.replacen(&reference, bad, 1);
        src.replies = replace_once(&src.replies, &row, &broken);
        let err = refused(&src);
        check(
            &err,
            files::REPLIES,
            Some(line),
            &["reference", &format!("{bad:?}"), "RFC <n> §<section>"],
        );
    }
}

#[test]
fn reply_empty_text() {
    let mut src = real();
    let line = first_reply_line(&src.replies, "214");
    src.replies = replace_once(
        &src.replies,
        "\n214,HelpMessage,Help message,",
        "\n214,HelpMessage,,",
    );
    let err = refused(&src);
    check(&err, files::REPLIES, Some(line), &["Text is empty"]);

    // Meaning and Context, and a field that spans lines.
    let mut src = real();
    src.replies = replace_once(
        &src.replies,
        "\n214,HelpMessage,Help message,",
        "\n214,HelpMessage,\"Help\nmessage\",",
    );
    let err = refused(&src);
    check(
        &err,
        files::REPLIES,
        Some(line),
        &["Text spans several lines"],
    );

    let mut src = real();
    let row = line_text(&src.replies, "214,");
    let fields: Vec<&str> = row.trim_end().split(',').collect();
    assert_eq!(fields.len(), 6, "214's row has no quoted commas: {row}");
    let context_empty = format!(
        "{},{},{},{},,{}\r\n",
        fields[0], fields[1], fields[2], fields[3], fields[5]
    );
    src.replies = replace_once(&src.replies, &row, &context_empty);
    let err = refused(&src);
    check(&err, files::REPLIES, Some(line), &["Context is empty"]);
}

#[test]
fn reply_identifier_for_two_codes() {
    let mut src = real();
    let line = first_reply_line(&src.replies, "221");
    src.replies = replace_once(&src.replies, "\n221,ServiceClosing,", "\n221,ServiceReady,");
    let err = refused(&src);
    check(
        &err,
        files::REPLIES,
        Some(line),
        &["identifier ServiceReady used for two codes"],
    );
}

#[test]
fn reply_invalid_identifier_header_and_field_count() {
    let mut src = real();
    let line = first_reply_line(&src.replies, "214");
    src.replies = replace_once(&src.replies, "\n214,HelpMessage,", "\n214,help message,");
    let err = refused(&src);
    check(
        &err,
        files::REPLIES,
        Some(line),
        &["\"help message\"", "not an UpperCamelCase identifier"],
    );

    let mut src = real();
    src.replies = replace_once(
        &src.replies,
        "Code,Identifier,Text,",
        "Code,Identifier,Reply,",
    );
    let err = refused(&src);
    check(&err, files::REPLIES, Some(1), &["header", "Text"]);

    let mut src = real();
    src.replies = replace_once(
        &src.replies,
        "\n214,HelpMessage,Help message,",
        "\n214,HelpMessage,Help, message,",
    );
    let err = refused(&src);
    check(
        &err,
        files::REPLIES,
        Some(line),
        &["7 fields", "expected 6"],
    );
}

// ---------------------------------------------------------------------------
// Not CSV at all

#[test]
fn invalid_csv_unterminated_quote() {
    // The closing quote of X.7.30's multi-line description lost: the field
    // runs to the end of the file.
    let mut src = real();
    let line = line_of(&src.statuses, "X.7.30,");
    src.statuses = replace_once(
        &src.statuses,
        "this support.\",[RFC8689]",
        "this support.,[RFC8689]",
    );
    let err = refused(&src);
    check(
        &err,
        files::STATUSES,
        Some(line),
        &["not valid CSV", "never closed", "unterminated quote"],
    );

    // A quote opened in the last field of the last record: without the check
    // the rest of the file would silently become part of the field.
    let mut src = real();
    let last = src
        .replies
        .trim_end()
        .rsplit('\n')
        .next()
        .unwrap()
        .to_owned();
    let line = line_of(&src.replies, &last);
    let (head, reference) = last.rsplit_once(',').unwrap();
    src.replies = replace_once(&src.replies, &last, &format!("{head},\"{reference}"));
    let err = refused(&src);
    check(
        &err,
        files::REPLIES,
        Some(line),
        &["not valid CSV", "unterminated quote"],
    );

    let mut src = real();
    let line = line_of(&src.identifiers, "X.7.30,");
    src.identifiers = replace_once(
        &src.identifiers,
        "X.7.30,RequireTlsSupportRequired",
        "X.7.30,\"RequireTlsSupportRequired",
    );
    let err = refused(&src);
    check(
        &err,
        files::IDENTIFIERS,
        Some(line),
        &["not valid CSV", "unterminated quote"],
    );

    // A quote that is closed, but in the wrong place (it opens in the sample
    // text of X.2.2 and is closed by the quote that opened the description):
    // the CSV is readable, and the record is refused for its field count.
    let mut src = real();
    let line = line_of(&src.statuses, "X.2.2,");
    src.statuses = replace_once(
        &src.statuses,
        "X.2.2,Mailbox full,552,",
        "X.2.2,\"Mailbox full,552,",
    );
    let err = refused(&src);
    check(
        &err,
        files::STATUSES,
        Some(line),
        &["2 fields", "expected 7"],
    );
}

#[test]
fn empty_files() {
    let mut src = real();
    src.subjects = String::new();
    let err = refused(&src);
    assert_eq!(err.file, files::SUBJECTS, "{err}");

    // A header and no records.
    let mut src = real();
    let header = src.classes.split_inclusive('\n').next().unwrap().to_owned();
    src.classes = header;
    let err = refused(&src);
    check(&err, files::CLASSES, None, &["no records"]);
}

// ---------------------------------------------------------------------------
// The real registry and generation

#[test]
fn real_registry_parses() {
    let registry = Registry::read_dir(Path::new(REGISTRY_DIR)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(registry, Registry::parse(&real()).unwrap());
    assert_eq!(registry.classes.len(), 3);
    assert_eq!(registry.subjects.len(), 8);
    assert_eq!(registry.statuses.len(), 81);
    assert!(
        registry.replies.len() > 30,
        "{} reply codes",
        registry.replies.len()
    );
    assert_eq!(registry.updated, real().updated.trim());

    let classes: Vec<u16> = registry.classes.iter().map(|c| c.number).collect();
    assert_eq!(classes, [2, 4, 5]);
    let subjects: Vec<u16> = registry.subjects.iter().map(|s| s.number).collect();
    assert_eq!(subjects, [0, 1, 2, 3, 4, 5, 6, 7]);
    // Sorted, and as SOURCES.md lists them: X.0.0, X.1.0-10, X.2.0-4,
    // X.3.0-6, X.4.0-7, X.5.0-6, X.6.0-10, X.7.0-30.
    let mut expected = vec![(0, 0)];
    for (subject, last) in [(1, 10), (2, 4), (3, 6), (4, 7), (5, 6), (6, 10), (7, 30)] {
        expected.extend((0..=last).map(|d| (subject, d)));
    }
    let found: Vec<(u16, u16)> = registry
        .statuses
        .iter()
        .map(|s| (s.subject, s.detail))
        .collect();
    assert_eq!(found, expected);
    for s in &registry.statuses {
        assert_eq!(s.code, format!("X.{}.{}", s.subject, s.detail));
    }
    let replies: Vec<u16> = registry.replies.iter().map(|r| r.code).collect();
    assert!(replies.windows(2).all(|w| w[0] < w[1]), "{replies:?}");
    assert!(registry.replies.iter().all(|r| !r.meanings.is_empty()));
}

#[test]
fn generate_is_deterministic_and_follows_the_data() {
    let registry = Registry::parse(&real()).unwrap();
    let first = generate(&registry);
    let second = generate(&Registry::parse(&real()).unwrap());
    assert_eq!(first, second, "two generations of the same registry differ");
    assert_eq!(first, generate(&registry));
    assert!(first.contains("REGISTRY_UPDATED"));

    // Editing one sample text in the CSV changes the output, and only there.
    let mut src = real();
    src.statuses = replace_once(
        &src.statuses,
        "X.2.2,Mailbox full,552,",
        "X.2.2,Mailbox quite full,552,",
    );
    let edited = generate(&Registry::parse(&src).unwrap());
    assert_ne!(
        first, edited,
        "editing a sample text did not change the output"
    );
    assert!(edited.contains("Mailbox quite full"));
    assert!(!first.contains("Mailbox quite full"));
    assert_eq!(
        first.replace("Mailbox full", "Mailbox quite full"),
        edited,
        "the edit changed more than the sample text"
    );
}

// ---------------------------------------------------------------------------
// Garbage never panics

/// A simple deterministic pseudo-random generator (xorshift64*).
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Random bytes, made a string by replacing invalid UTF-8.
fn random_bytes(rng: &mut XorShift) -> String {
    let len = rng.below(300);
    let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Random text from pieces that matter to the parsers (CSV syntax, codes,
/// headers, digits), to get past the first checks more often.
fn random_csvish(rng: &mut XorShift) -> String {
    const PIECES: &[&str] = &[
        ",",
        ",",
        "\"",
        "\"\"",
        "\n",
        "\r\n",
        "\r",
        "X.",
        ".",
        "XXX",
        "YYY",
        "1",
        "2",
        "4",
        "5",
        "0",
        "9",
        "999",
        "1000",
        "Code",
        "Identifier",
        "Summary",
        "Sample Text",
        "Any",
        "Not given",
        "5XX",
        "(",
        ")",
        "[RFC3463]",
        "]",
        "[",
        " ",
        "§",
        "RFC 5321 §4.2",
        "; ",
        "é",
        "\u{feff}",
        "\0",
        "Ok",
        "lower",
        "2.XXX.YYY",
        "X.1.YYY",
        "X.1.1",
        "250",
        "650",
        "-",
        "2024-12-06",
    ];
    let n = rng.below(80);
    (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect()
}

/// `text` with a few random edits: bytes replaced, CSV syntax inserted,
/// ranges deleted. The result stays valid UTF-8.
fn mutate(rng: &mut XorShift, text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(4) {
        if chars.is_empty() {
            break;
        }
        let at = rng.below(chars.len());
        match rng.below(4) {
            0 => chars[at] = [',', '"', '\n', '\r', 'X', '.', '0', '9', ' '][rng.below(9)],
            1 => chars.insert(at, [',', '"', '\n', '\u{e9}'][rng.below(4)]),
            2 => {
                let end = (at + rng.below(200)).min(chars.len());
                chars.drain(at..end);
            }
            _ => chars[at] = char::from_u32(rng.next() as u32 % 0x800).unwrap_or('?'),
        }
    }
    chars.into_iter().collect()
}

/// Truncations of `text` at every 97th byte (moved back to a char boundary).
fn truncations(text: &str) -> Vec<String> {
    (0..text.len())
        .step_by(97)
        .map(|mut end| {
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text[..end].to_owned()
        })
        .collect()
}

type Field = fn(&mut Sources) -> &mut String;

const FIELDS: [(&str, Field); 6] = [
    ("classes", |s| &mut s.classes),
    ("subjects", |s| &mut s.subjects),
    ("statuses", |s| &mut s.statuses),
    ("updated", |s| &mut s.updated),
    ("identifiers", |s| &mut s.identifiers),
    ("replies", |s| &mut s.replies),
];

/// Parses (and, when accepted, generates); fails the test on a panic.
/// Returns whether the input was accepted.
fn must_not_panic(src: &Sources, what: &str) -> bool {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let registry = Registry::parse(src)?;
        let rust = generate(&registry);
        assert!(rust.contains("REGISTRY_UPDATED"));
        Ok::<(), Error>(())
    }));
    match outcome {
        Ok(Ok(())) => true,
        Ok(Err(e)) => {
            assert!(!e.message.is_empty(), "empty message for {what}");
            assert!(files::ALL.contains(&e.file.as_str()), "{e} for {what}");
            false
        }
        Err(_) => panic!("Registry::parse or generate panicked on {what}"),
    }
}

#[test]
fn garbage_never_panics() {
    let base = real();
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let mut inputs = 0;
    let mut refused = 0;
    for (name, field) in FIELDS {
        let original = field(&mut base.clone()).clone();
        let mut candidates: Vec<(String, String)> = Vec::new();
        for i in 0..300 {
            let garbage = match i % 3 {
                0 => random_bytes(&mut rng),
                1 => random_csvish(&mut rng),
                _ => mutate(&mut rng, &original),
            };
            candidates.push((format!("{name} garbage #{i}: {garbage:?}"), garbage));
        }
        for (i, t) in truncations(&original).into_iter().enumerate() {
            candidates.push((format!("{name} truncated to {} bytes (#{i})", t.len()), t));
        }
        for (what, text) in candidates {
            let mut src = base.clone();
            *field(&mut src) = text;
            inputs += 1;
            if !must_not_panic(&src, &what) {
                refused += 1;
            }
        }
    }
    // Garbage everywhere at once.
    for i in 0..200 {
        let mut src = Sources::default();
        for (_, field) in FIELDS {
            *field(&mut src) = if i % 2 == 0 {
                random_bytes(&mut rng)
            } else {
                random_csvish(&mut rng)
            };
        }
        inputs += 1;
        if !must_not_panic(&src, &format!("all fields garbage #{i}: {src:?}")) {
            refused += 1;
        }
    }
    assert!(!must_not_panic(&Sources::default(), "all fields empty"));
    // Nearly everything above is malformed; make sure the parser was exercised.
    assert!(refused > inputs / 2, "only {refused} of {inputs} refused");
}
