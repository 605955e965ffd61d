//! The converter against the real registry data in `shared/registry-sources/`.
//!
//! - the current registry XML converts byte for byte into `registry/`;
//! - field for field, every CSV field is the text of its XML element (read
//!   here independently, with the `csv` crate and `roxmltree`);
//! - a real IANA CSV export equals the conversion of the XML of its date;
//! - every historical version converts, and the generator accepts or refuses
//!   it as expected, never panicking;
//! - malformed XML is refused with a clear error.

use smtp_codes_codegen::{Registry, Sources, files};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

const IANA_DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/registry-sources/iana"
);
const REGISTRY_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../registry");
const NS: &str = "http://www.iana.org/assignments";
const IDS: [&str; 3] = [
    "smtp-enhanced-status-codes-1",
    "smtp-enhanced-status-codes-2",
    "smtp-enhanced-status-codes-3",
];

/// `shared/registry-sources/iana`, which sits next to the repository.
fn iana_dir() -> PathBuf {
    let dir = Path::new(IANA_DIR);
    assert!(
        dir.is_dir(),
        "the IANA registry sources were expected in {} (the folder \
         `shared/registry-sources/iana` in the directory that holds the \
         repository), but that folder is missing",
        dir.display()
    );
    dir.to_path_buf()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Fails with the first differing line when `a` and `b` differ.
#[track_caller]
fn assert_same_text(found: &str, expected: &str, what: &str) {
    if found == expected {
        return;
    }
    let line = found
        .split('\n')
        .zip(expected.split('\n'))
        .position(|(f, e)| f != e)
        .map_or_else(|| "the end".to_owned(), |i| format!("line {}", i + 1));
    let (f, e) = (found.split('\n'), expected.split('\n'));
    let diff: Vec<String> = f
        .zip(e)
        .filter(|(f, e)| f != e)
        .take(3)
        .map(|(f, e)| format!("  found:    {f:?}\n  expected: {e:?}"))
        .collect();
    panic!(
        "{what}: differs from {line} ({} vs {} bytes)\n{}",
        found.len(),
        expected.len(),
        diff.join("\n")
    );
}

fn converted(xml: &str) -> Vec<iana_csv::CsvFile> {
    iana_csv::convert(xml).unwrap_or_else(|e| panic!("conversion failed: {e}"))
}

fn by_id<'a>(files: &'a [iana_csv::CsvFile], id: &str) -> &'a iana_csv::CsvFile {
    files
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no {id} in the conversion"))
}

// ---------------------------------------------------------------------------
// a. The current registry

#[test]
fn current_xml_gives_the_registry_csv_byte_for_byte() {
    let xml = read(&iana_dir().join("smtp-enhanced-status-codes.xml"));
    let files = converted(&xml);
    let ids: Vec<&str> = files.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, IDS);
    let records: Vec<usize> = files.iter().map(|f| f.records).collect();
    assert_eq!(records, [3, 8, 81]);
    for file in &files {
        let path = Path::new(REGISTRY_DIR).join(format!("{}.csv", file.id));
        let on_disk =
            std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let on_disk = String::from_utf8(on_disk).expect("registry CSV is UTF-8");
        assert_same_text(&file.text, &on_disk, &path.display().to_string());
        assert_eq!(file.text.as_bytes(), on_disk.as_bytes());
    }

    let updated = read(&Path::new(REGISTRY_DIR).join(files::UPDATED));
    assert_eq!(
        iana_csv::updated(&xml).unwrap().as_deref(),
        Some(updated.trim())
    );
    assert_eq!(updated.trim(), "2024-12-06");
}

// ---------------------------------------------------------------------------
// b. Field for field, read independently

/// Column titles of IANA's CSV and the XML element each comes from.
fn columns(id: &str) -> &'static [(&'static str, &'static str)] {
    const SUB: &[(&str, &str)] = &[
        ("Code", "code"),
        ("Summary", "summary"),
        ("Description", "description"),
        ("Reference", "reference"),
        ("Submitter", "submitter"),
        ("Change Controller", "change_controller"),
    ];
    const STATUS: &[(&str, &str)] = &[
        ("Code", "code"),
        ("Sample Text", "sample"),
        ("Associated basic status code", "basic_code"),
        ("Description", "description"),
        ("Reference", "reference"),
        ("Submitter", "submitter"),
        ("Change Controller", "change_controller"),
    ];
    if id.ends_with("-3") { STATUS } else { SUB }
}

/// The text of an XML field element as IANA's CSV shows it: character data
/// verbatim; `<xref type="rfc" data="rfc3463"/>` as `[RFC3463]`, a draft as
/// `[draft-...]` (its data verbatim), an xref with text as `[text]`.
fn render(node: roxmltree::Node<'_, '_>) -> String {
    let mut out = String::new();
    for child in node.children() {
        if let Some(text) = child.text().filter(|_| child.is_text()) {
            out.push_str(text);
        } else if child.is_element() {
            assert_eq!(child.tag_name().name(), "xref", "element in a field");
            let data = child.attribute("data").expect("xref without data");
            let text: String = child.children().filter_map(|n| n.text()).collect();
            let shown = match (child.attribute("type"), text.trim()) {
                (_, t) if !t.is_empty() => t.to_owned(),
                (Some("rfc"), _) => {
                    assert!(data.starts_with("rfc"), "{data}");
                    format!("RFC{}", &data[3..])
                }
                (Some("draft"), _) => data.to_owned(),
                (other, _) => panic!("xref type {other:?} in the data"),
            };
            out.push('[');
            out.push_str(&shown);
            out.push(']');
        }
    }
    out
}

/// Checks that each CSV (by sub-registry id) holds, field for field, the
/// records of `xml`; returns the number of records of each.
fn check_field_for_field(xml: &str, csv_text: impl Fn(&str) -> String, what: &str) -> Vec<usize> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let mut counts = Vec::new();
    for id in IDS {
        let registry = doc
            .descendants()
            .find(|n| n.has_tag_name((NS, "registry")) && n.attribute("id") == Some(id))
            .unwrap_or_else(|| panic!("{what}: no <registry id={id:?}>"));
        let xml_records: Vec<_> = registry
            .children()
            .filter(|n| n.has_tag_name((NS, "record")))
            .collect();

        let text = csv_text(id);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(text.as_bytes());
        let titles: Vec<&str> = columns(id).iter().map(|(t, _)| *t).collect();
        let header = reader.headers().expect("CSV header").clone();
        assert_eq!(header.iter().collect::<Vec<_>>(), titles, "{what} {id}");
        let csv_records: Vec<csv::StringRecord> = reader
            .records()
            .map(|r| r.unwrap_or_else(|e| panic!("{what} {id}: {e}")))
            .collect();

        assert_eq!(
            csv_records.len(),
            xml_records.len(),
            "{what} {id}: record count"
        );
        let field = |record: roxmltree::Node<'_, '_>, element: &str| {
            record
                .children()
                .find(|n| n.has_tag_name((NS, element)))
                .map(render)
                .unwrap_or_default()
        };
        let csv_codes: Vec<&str> = csv_records.iter().map(|r| &r[0]).collect();
        let xml_codes: Vec<String> = xml_records.iter().map(|r| field(*r, "code")).collect();
        assert_eq!(csv_codes, xml_codes, "{what} {id}: codes and their order");

        for (row, xml_record) in csv_records.iter().zip(&xml_records) {
            assert_eq!(row.len(), titles.len(), "{what} {id} {}", &row[0]);
            for (i, (title, element)) in columns(id).iter().enumerate() {
                assert_eq!(
                    &row[i],
                    field(*xml_record, element),
                    "{what} {id}, {}: column {title:?}",
                    &row[0]
                );
            }
        }
        counts.push(csv_records.len());
    }
    counts
}

#[test]
fn registry_csv_equals_the_xml_field_for_field() {
    let xml = read(&iana_dir().join("smtp-enhanced-status-codes.xml"));
    let counts = check_field_for_field(
        &xml,
        |id| read(&Path::new(REGISTRY_DIR).join(format!("{id}.csv"))),
        "registry/",
    );
    assert_eq!(counts, [3, 8, 81]);

    // The rendering rules above are used by the data (and checked there).
    let statuses = read(&Path::new(REGISTRY_DIR).join(files::STATUSES));
    assert!(statuses.contains(",[RFC3463] (Standards Track),"));
    assert!(statuses.contains(",[draft-levine-mailbomb-header-00],"));
}

#[test]
fn every_historical_conversion_equals_its_xml_field_for_field() {
    for (name, xml) in history() {
        let files = converted(&xml);
        check_field_for_field(&xml, |id| by_id(&files, id).text.clone(), &name);
    }
}

// ---------------------------------------------------------------------------
// c. A real IANA CSV export

/// Records of IANA's CSV format: CRLF ends a record, LF only occurs inside
/// multi-line fields.
fn raw_records(text: &str) -> Vec<&str> {
    assert!(text.ends_with("\r\n"));
    text.split_terminator("\r\n").collect()
}

fn normalize_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn parse_record(raw: &str) -> csv::StringRecord {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(raw.as_bytes());
    let record = reader.records().next().expect("one record").expect("CSV");
    assert!(reader.records().next().is_none(), "{raw:?} is one record");
    record
}

/// IANA's own export of sub-registry 3 (2019-11-27) equals the conversion of
/// the registry XML of that date, record for record and byte for byte, with
/// one exception: in X.7.17 and X.7.18 the XML description is wrapped over
/// several lines, each continuation indented by 8 spaces (and lines ending in
/// a space); IANA's export shows these two descriptions on one line, every
/// line break and its indentation collapsed into a single space. The
/// converter keeps the XML text as is (as IANA's export does for the 78
/// other multi-line descriptions, whose lines are not indented), so these two
/// records are equal after whitespace normalisation and are the only
/// differences.
#[test]
fn iana_export_equals_the_conversion_of_its_xml() {
    let dir = iana_dir();
    let export = read(&dir.join("csv-format-example/smtp-enhanced-status-codes-3.2019-11-27.csv"));
    let xml = read(
        &dir.join("history/smtp-enhanced-status-codes.updated-2019-11-27.commit-d3b0aa35c646.xml"),
    );
    assert_eq!(
        iana_csv::updated(&xml).unwrap().as_deref(),
        Some("2019-11-27")
    );
    let files = converted(&xml);
    let ours = by_id(&files, IDS[2]);
    assert_eq!(ours.records, 81);

    let (theirs_raw, ours_raw) = (raw_records(&export), raw_records(&ours.text));
    assert_eq!(theirs_raw.len(), 82, "header and 81 records");
    assert_eq!(ours_raw.len(), theirs_raw.len());

    let mut differing = Vec::new();
    for (theirs, ours) in theirs_raw.iter().zip(&ours_raw) {
        if theirs == ours {
            continue;
        }
        let (t, o) = (parse_record(theirs), parse_record(ours));
        assert_eq!(t.len(), 7);
        assert_eq!(o.len(), 7);
        assert_eq!(&t[0], &o[0], "records in the same order");
        differing.push(t[0].to_owned());
        for i in 0..7 {
            if i == 3 {
                assert_ne!(&t[i], &o[i]);
                assert!(!t[i].contains('\n'), "IANA's export has it on one line");
                assert!(o[i].contains("\n        "), "the XML indents it");
                assert_eq!(
                    normalize_whitespace(&t[i]),
                    normalize_whitespace(&o[i]),
                    "{}: descriptions differ beyond whitespace",
                    &t[0]
                );
            } else {
                assert_eq!(&t[i], &o[i], "{}: field {i}", &t[0]);
            }
        }
    }
    assert_eq!(differing, ["X.7.17", "X.7.18"]);

    // Put IANA's two collapsed records in: the rest of the file is identical.
    let patched: String = theirs_raw
        .iter()
        .zip(&ours_raw)
        .map(|(t, o)| {
            let code = t.split(',').next().unwrap();
            let record = if differing.iter().any(|d| d == code) {
                t
            } else {
                o
            };
            format!("{record}\r\n")
        })
        .collect();
    assert_eq!(patched.as_bytes(), export.as_bytes());
}

// ---------------------------------------------------------------------------
// d. Every historical version

/// `(file name, XML text)` of every file in `history/`, sorted by name.
fn history() -> Vec<(String, String)> {
    let dir = iana_dir().join("history");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let xml = read(&dir.join(&name));
            (name, xml)
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Accepted, with this many statuses.
    Accepted(usize),
    /// Refused: the file named, the code on the refused record and a phrase
    /// of the message.
    Refused(&'static str, &'static str, &'static str),
}

use Outcome::{Accepted, Refused};

/// Why the X.7.28 versions of 2017-06-22 to 2019-02-07 are refused: IANA
/// registered X.7.28 with its description ("The message appears to be part
/// of a mail flood of similar abusive message.") in the basic-code column,
/// until 2019-02-25 moved it to the description.
const X728: Outcome = Refused(
    files::STATUSES,
    "X.7.28",
    "associated basic status code \"The message appears to be part of a mail flood",
);

/// The outcome of every file in `history/`: accepted ones with their number
/// of statuses (78 in 2015; X.7.28 was added in 2017, X.7.29 in 2018, X.7.30
/// in 2019), refused ones with the reason.
const HISTORY: &[(&str, Outcome)] = &[
    ("2015-02-04.commit-5b352228c5f5", Accepted(78)),
    ("2015-05-14.commit-f16de88acf85", Accepted(78)),
    ("2015-05-18.commit-21890bb61f8a", Accepted(78)),
    ("2015-05-30.commit-7574b9c06230", Accepted(78)),
    ("2015-06-04.commit-5d92fa5663cd", Accepted(78)),
    ("2015-06-05.commit-c54370dbdcba", Accepted(78)),
    ("2015-07-02.commit-05a713572a42", Accepted(78)),
    ("2015-08-24.commit-ca7340224851", Accepted(78)),
    ("2017-06-22.commit-581ee0255b7c", X728),
    ("2018-12-21.commit-8184c51cfb1f", X728),
    ("2019-02-07.commit-bdb01d986a1d", X728),
    ("2019-02-25.commit-178adfaa5d94", Accepted(80)),
    ("2019-07-03.commit-ca23141f2cc0", Accepted(80)),
    ("2019-07-11.commit-ea27a5e5f24e", Accepted(80)),
    ("2019-08-05.commit-3239abe3f235", Accepted(81)),
    ("2019-11-27.commit-b382457a8924", Accepted(81)),
    ("2019-11-27.commit-d3b0aa35c646", Accepted(81)),
    ("2024-12-06.commit-401c01fc9df4", Accepted(81)),
];

/// The fixed date given to the generator for every historical version.
const FIXED_UPDATED: &str = "2024-12-06\n";

#[test]
fn every_historical_version_converts_and_parses_as_expected() {
    let identifiers = read(&Path::new(REGISTRY_DIR).join(files::IDENTIFIERS));
    let replies = read(&Path::new(REGISTRY_DIR).join(files::REPLIES));
    let history = history();
    assert_eq!(history.len(), 18, "SOURCES.md lists 18 historical versions");

    let mut table = Vec::new();
    for (name, xml) in &history {
        let key = name
            .strip_prefix("smtp-enhanced-status-codes.updated-")
            .and_then(|n| n.strip_suffix(".xml"))
            .unwrap_or_else(|| panic!("unexpected file name {name}"));
        let date = &key[..10];
        assert_eq!(
            iana_csv::updated(xml).unwrap().as_deref(),
            Some(date),
            "{name}"
        );

        let files = iana_csv::convert(xml).unwrap_or_else(|e| panic!("{name}: {e}"));
        let ids: Vec<&str> = files.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, IDS, "{name}");
        let src = Sources {
            classes: by_id(&files, IDS[0]).text.clone(),
            subjects: by_id(&files, IDS[1]).text.clone(),
            statuses: by_id(&files, IDS[2]).text.clone(),
            updated: FIXED_UPDATED.to_owned(),
            identifiers: identifiers.clone(),
            replies: replies.clone(),
            ..Sources::read_dir(std::path::Path::new(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../registry"
            )))
            .expect("the repository's registry reads")
        };
        let parsed = catch_unwind(AssertUnwindSafe(|| Registry::parse(&src)))
            .unwrap_or_else(|_| panic!("Registry::parse panicked on {name}"));
        let outcome = match &parsed {
            Ok(registry) => {
                assert_eq!(registry.classes.len(), 3, "{name}");
                assert_eq!(registry.subjects.len(), 8, "{name}");
                assert_eq!(
                    registry.statuses.len(),
                    by_id(&files, IDS[2]).records,
                    "{name}"
                );
                assert_eq!(registry.updated, FIXED_UPDATED.trim());
                format!("accepted, {} statuses", registry.statuses.len())
            }
            Err(e) => {
                assert!(!e.message.is_empty(), "{name}: empty message");
                assert!(files::ALL.contains(&e.file.as_str()), "{name}: {e}");
                assert!(e.to_string().starts_with(&e.file), "{name}: {e}");
                format!("refused: {e}")
            }
        };
        table.push((key.to_owned(), outcome, parsed, files));
    }

    println!("{:<32} outcome", "history/…updated-");
    for (key, outcome, _, _) in &table {
        println!("{key:<32} {outcome}");
    }

    let keys: Vec<&str> = table.iter().map(|(k, ..)| k.as_str()).collect();
    let expected_keys: Vec<&str> = HISTORY.iter().map(|(k, _)| *k).collect();
    assert_eq!(keys, expected_keys, "the files of history/");

    for ((key, _, parsed, files), (_, expected)) in table.iter().zip(HISTORY) {
        match (*expected, parsed) {
            (Accepted(n), Ok(registry)) => {
                assert_eq!(registry.statuses.len(), n, "{key}");
                // The registry grew only by appending to subject 7.
                let codes: Vec<String> = registry.statuses.iter().map(|s| s.code.clone()).collect();
                assert!(codes.contains(&"X.7.27".to_owned()), "{key}");
                assert_eq!(codes.contains(&"X.7.28".to_owned()), n >= 79, "{key}");
                assert_eq!(codes.contains(&"X.7.30".to_owned()), n >= 81, "{key}");
            }
            (Refused(file, code, phrase), Err(e)) => {
                assert_eq!(e.file, file, "{key}: {e}");
                assert!(e.message.contains(code), "{key}: {e}");
                assert!(e.message.contains(phrase), "{key}: {e}");
                // The line is the refused record's, in the converted CSV.
                let text = &by_id(files, IDS[2]).text;
                let line = e.line.expect("refused record has a line");
                let at = text
                    .split('\n')
                    .nth(line as usize - 1)
                    .unwrap_or_else(|| panic!("{key}: no line {line}"));
                assert!(
                    at.starts_with(&format!("{code},")),
                    "{key}: line {line} is {at:?}"
                );
            }
            (expected, Ok(_)) => panic!("{key}: accepted, expected {expected:?}"),
            (expected, Err(e)) => panic!("{key}: refused ({e}), expected {expected:?}"),
        }
    }

    // The 2015 reference to "Section 3 of RFC7001" (an xref with text) is kept.
    let (_, _, first, _) = &table[0];
    let first = first.as_ref().unwrap();
    assert!(
        first.statuses.iter().any(|s| s.reference
            == "[RFC7372] (Standards Track); [Section 3 of RFC7001] (Standards Track)"),
        "the xref text of 2015 was lost"
    );
}

// ---------------------------------------------------------------------------
// e. Malformed XML

fn refused(xml: &str) -> String {
    match catch_unwind(AssertUnwindSafe(|| iana_csv::convert(xml))) {
        Ok(Ok(files)) => panic!("accepted: {} files", files.len()),
        Ok(Err(e)) => {
            let message = e.to_string();
            assert!(!message.is_empty());
            message
        }
        Err(_) => panic!("convert panicked"),
    }
}

/// The 1-based line of the first occurrence of `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).expect("needle in text");
    text[..at].matches('\n').count() + 1
}

fn current_xml() -> String {
    read(&iana_dir().join("smtp-enhanced-status-codes.xml"))
}

#[test]
fn not_well_formed_xml() {
    let xml = current_xml();
    let truncated = &xml[..xml.len() / 2];
    let unclosed = xml.replacen("</description>", "", 1);
    let bad_entity = xml.replacen("Success specifies", "Success &bogus; specifies", 1);
    for bad in [
        "",
        "not xml",
        "<registry",
        truncated,
        &unclosed,
        &bad_entity,
    ] {
        let message = refused(bad);
        assert!(message.contains("not well-formed XML"), "{message}");
        assert!(iana_csv::updated(bad).is_err());
    }
}

#[test]
fn unknown_xref_type() {
    let xml = current_xml();
    let target = r#"<reference><xref type="rfc" data="rfc3463"/> (Standards track)</reference>"#;
    let line = line_of(&xml, "<code>2.XXX.YYY</code>") - 1;
    for (replacement, shown) in [
        (
            r#"<xref type="ftp" data="ftp://example.com/"/>"#,
            r#"type=Some("ftp")"#,
        ),
        (r#"<xref data="rfc3463"/>"#, "type=None"),
    ] {
        let bad = xml.replacen(
            target,
            &format!("<reference>{replacement} (Standards track)</reference>"),
            1,
        );
        assert_ne!(bad, xml);
        let message = refused(&bad);
        assert!(message.contains(shown), "{message}");
        assert!(
            message.contains("not a reference type this tool knows"),
            "{message}"
        );
        assert!(message.contains(&format!("line {line}:")), "{message}");
    }
}

#[test]
fn unknown_element_inside_a_record() {
    let xml = current_xml();
    // An element that no CSV column holds, in X.2.2's record.
    let bad = xml.replacen(
        "<code>X.2.2</code>",
        "<code>X.2.2</code>\n      <note>new column</note>",
        1,
    );
    let line = line_of(&bad, "<code>X.2.2</code>") - 1;
    let message = refused(&bad);
    assert!(message.contains("<note>"), "{message}");
    assert!(
        message.contains("smtp-enhanced-status-codes-3"),
        "{message}"
    );
    assert!(message.contains("no CSV column holds"), "{message}");
    assert!(message.contains(&format!("line {line}:")), "{message}");

    // A column of sub-registry 3 in sub-registry 1.
    let bad = xml.replacen(
        "<code>2.XXX.YYY</code>",
        "<code>2.XXX.YYY</code><sample>x</sample>",
        1,
    );
    let message = refused(&bad);
    assert!(message.contains("<sample>"), "{message}");
    assert!(
        message.contains("smtp-enhanced-status-codes-1"),
        "{message}"
    );

    // Markup inside a field.
    let bad = xml.replacen(
        "<sample>Mailbox full</sample>",
        "<sample>Mailbox <b>full</b></sample>",
        1,
    );
    let message = refused(&bad);
    assert!(
        message.contains("unexpected element <b> inside <sample>"),
        "{message}"
    );
    assert!(message.contains(&format!("line {line}:")), "{message}");
}

#[test]
fn no_known_sub_registry() {
    let xml = current_xml();
    for bad in [
        r#"<registry xmlns="http://www.iana.org/assignments" id="smtp-enhanced-status-codes"/>"#.to_owned(),
        r#"<registry id="smtp-enhanced-status-codes-3"><record><code>X.0.0</code></record></registry>"#.to_owned(),
        xml.replace(r#"id="smtp-enhanced-status-codes-"#, r#"id="other-"#),
        xml.replace("http://www.iana.org/assignments", "http://example.com/elsewhere"),
    ] {
        let message = refused(&bad);
        assert!(message.contains("no known sub-registry"), "{message}");
        assert!(message.contains("smtp-enhanced-status-codes-1"), "{message}");
    }
}

/// xorshift64*: deterministic pseudo-random numbers.
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
}

#[test]
fn garbage_xml_never_panics() {
    let xml = current_xml();
    let mut inputs: Vec<String> = Vec::new();
    // Truncations at every 97th byte.
    for mut end in (0..xml.len()).step_by(97) {
        while !xml.is_char_boundary(end) {
            end -= 1;
        }
        inputs.push(xml[..end].to_owned());
    }
    // Random bytes, and the real file with random edits.
    let mut rng = XorShift(0x0123_4567_89ab_cdef);
    for i in 0..300 {
        if i % 2 == 0 {
            let len = (rng.next() % 400) as usize;
            let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            inputs.push(String::from_utf8_lossy(&bytes).into_owned());
        } else {
            let mut bytes = xml.clone().into_bytes();
            for _ in 0..1 + rng.next() % 4 {
                let at = (rng.next() % bytes.len() as u64) as usize;
                bytes[at] = b"<>/\"'=&x \n"[(rng.next() % 10) as usize];
            }
            inputs.push(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    let mut converted = 0;
    for (i, input) in inputs.iter().enumerate() {
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let _ = iana_csv::updated(input);
            iana_csv::convert(input)
        }));
        match outcome {
            Ok(Ok(files)) => {
                converted += 1;
                for f in files {
                    assert!(f.text.ends_with("\r\n"), "input #{i}");
                }
            }
            Ok(Err(e)) => assert!(!e.to_string().is_empty(), "input #{i}"),
            Err(_) => panic!("convert panicked on input #{i}: {input:?}"),
        }
    }
    // Some random edits land in text and still convert.
    assert!(converted > 0);
}
