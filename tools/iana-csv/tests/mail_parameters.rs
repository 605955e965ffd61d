//! The MAIL Parameters sub-registries in `registry/` equal IANA's XML field
//! for field, and the converter still writes the enhanced status code
//! registry exactly as before.
//!
//! The XML is read here with its own small walk over the document (not with
//! the converter's code), the CSV with the `csv` crate, and the two are
//! compared record by record, column by column.

use std::path::{Path, PathBuf};

const NS: &str = "http://www.iana.org/assignments";

fn shared(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/registry-sources/iana")
        .join(file)
}

fn registry(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../registry")
        .join(file)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn mail_parameters_xml() -> String {
    read(&shared("mail-parameters.xml"))
}

/// The CSV file of `registry/`: header and records.
fn csv_rows(file: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let path = registry(file);
    let mut reader = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

/// One `<xref>` as IANA's stylesheet shows it (`_support/iana-registry.xsl`,
/// template `iana:xref`): its own text when not blank, else by type.
fn xref(node: roxmltree::Node<'_, '_>) -> String {
    let text = node.text().unwrap_or("");
    let data = node.attribute("data").unwrap_or("");
    let shown = if !text.trim().is_empty() {
        text.to_owned()
    } else {
        match node.attribute("type") {
            Some("rfc") => data.to_uppercase(),
            Some("draft" | "uri" | "person") => data.to_owned(),
            other => panic!("xref type {other:?} without text"),
        }
    };
    format!("[{shown}]")
}

/// The text of a field element, with its xrefs written as IANA does.
fn text(node: Option<roxmltree::Node<'_, '_>>) -> String {
    let Some(node) = node else {
        return String::new();
    };
    node.children()
        .map(|c| {
            if c.is_text() {
                c.text().unwrap().to_owned()
            } else {
                assert!(c.has_tag_name((NS, "xref")), "unexpected {c:?}");
                xref(c)
            }
        })
        .collect()
}

/// The records of sub-registry `id`, each as the list of the given columns:
/// an element name, or `xref` for all the record's own xrefs.
fn xml_records(xml: &str, id: &str, columns: &[&str]) -> Vec<Vec<String>> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let sub = doc
        .descendants()
        .find(|n| n.has_tag_name((NS, "registry")) && n.attribute("id") == Some(id))
        .unwrap_or_else(|| panic!("no sub-registry {id}"));
    sub.children()
        .filter(|n| n.has_tag_name((NS, "record")))
        .map(|record| {
            columns
                .iter()
                .map(|&column| {
                    let mut nodes = record.children().filter(|n| n.has_tag_name((NS, column)));
                    if column == "xref" {
                        nodes.map(xref).collect()
                    } else {
                        let first = nodes.next();
                        assert!(nodes.next().is_none(), "two <{column}> in a record");
                        text(first)
                    }
                })
                .collect()
        })
        .collect()
}

#[track_caller]
fn equal_field_for_field(file: &str, header: &[&str], xml: Vec<Vec<String>>, count: usize) {
    let (found_header, rows) = csv_rows(file);
    assert_eq!(found_header, header, "{file}: header");
    assert_eq!(rows.len(), count, "{file}: record count");
    assert_eq!(xml.len(), count, "XML record count for {file}");
    for (i, (row, record)) in rows.iter().zip(&xml).enumerate() {
        for (column, (csv, xml)) in header.iter().zip(row.iter().zip(record)) {
            assert_eq!(
                csv,
                xml,
                "{file}: record {} ({}), column {column:?}",
                i + 1,
                row[0]
            );
        }
    }
}

#[test]
fn service_extensions_equal_xml_field_for_field() {
    let xml = xml_records(
        &mail_parameters_xml(),
        "mail-parameters-2",
        &["value", "description", "xref", "note"],
    );
    equal_field_for_field(
        "mail-parameters-2.csv",
        &["EHLO Keyword", "Description", "Reference", "Note"],
        xml,
        34,
    );
    let (_, rows) = csv_rows("mail-parameters-2.csv");
    assert_eq!(rows[0][0], "SEND");
    assert_eq!(rows[33][0], "LIMITS");
    let verb = rows.iter().find(|r| r[0] == "VERB").unwrap();
    assert_eq!(verb[2], "[Eric Allman]");
    let submitter = rows.iter().find(|r| r[0] == "SUBMITTER").unwrap();
    assert_eq!(
        submitter[3],
        "Deprecated by [Moving RFC 4405, RFC 4406, RFC 4407 (Sender-ID) to Historic]."
    );
}

#[test]
fn service_extension_parameters_equal_xml_field_for_field() {
    let xml = xml_records(
        &mail_parameters_xml(),
        "mail-parameters-3",
        &["value", "description", "xref"],
    );
    equal_field_for_field(
        "mail-parameters-3.csv",
        &["EHLO Keyword", "Parameters", "Reference"],
        xml,
        5,
    );
    let (_, rows) = csv_rows("mail-parameters-3.csv");
    let keywords: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        keywords,
        ["SIZE", "NO-SOLICITING", "AUTH", "BURL", "MT-PRIORITY"]
    );
}

#[test]
fn server_limits_equal_xml_field_for_field() {
    let xml = xml_records(
        &mail_parameters_xml(),
        "smtp-service-extensions",
        &[
            "value",
            "syntax",
            "description",
            "restriction",
            "security",
            "xref",
        ],
    );
    equal_field_for_field(
        "smtp-service-extensions.csv",
        &[
            "Name",
            "Value syntax",
            "Description",
            "Restrictions",
            "Security Considerations",
            "Reference",
        ],
        xml,
        3,
    );
    let (_, rows) = csv_rows("smtp-service-extensions.csv");
    let names: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(names, ["MAILMAX", "RCPTMAX", "RCPTDOMAINMAX"]);
    // An rfc xref with its own text is written with that text.
    assert!(rows.iter().all(|r| r[4] == "See [RFC9422, Section 6]"));
}

#[test]
fn registry_files_are_the_converters_output() {
    let xml = mail_parameters_xml();
    let files = iana_csv::convert(&xml).unwrap();
    let ids: Vec<&str> = files.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "mail-parameters-2",
            "mail-parameters-3",
            "smtp-service-extensions"
        ]
    );
    for file in &files {
        let name = format!("{}.csv", file.id);
        assert_eq!(
            file.text,
            read(&registry(&name)),
            "registry/{name} differs from the converter's output: rerun the update command in registry/README.md"
        );
    }
    assert_eq!(
        iana_csv::registry_id(&xml).unwrap().as_deref(),
        Some("mail-parameters")
    );
    let updated = iana_csv::updated(&xml).unwrap().unwrap();
    assert_eq!(updated, "2025-08-25");
    assert_eq!(
        read(&registry("mail-parameters-updated.txt")),
        format!("{updated}\n")
    );
}

#[test]
fn enhanced_status_code_files_unchanged() {
    let xml = read(&shared("smtp-enhanced-status-codes.xml"));
    let files = iana_csv::convert(&xml).unwrap();
    assert_eq!(files.len(), 3);
    for file in &files {
        let name = format!("{}.csv", file.id);
        assert_eq!(file.text, read(&registry(&name)), "registry/{name}");
    }
    assert_eq!(
        iana_csv::registry_id(&xml).unwrap().as_deref(),
        Some("smtp-enhanced-status-codes")
    );
    assert_eq!(
        read(&registry("smtp-enhanced-status-codes-updated.txt")),
        format!("{}\n", iana_csv::updated(&xml).unwrap().unwrap())
    );
}

/// The real IANA export of 2019-11-27 is reproduced, except the two records
/// whose XML text IANA's export folded onto one line (registry/README.md).
#[test]
fn real_iana_export_still_reproduced() {
    let export = read(&shared(
        "csv-format-example/smtp-enhanced-status-codes-3.2019-11-27.csv",
    ));
    let xml = read(&shared(
        "history/smtp-enhanced-status-codes.updated-2019-11-27.commit-d3b0aa35c646.xml",
    ));
    let ours = iana_csv::convert(&xml)
        .unwrap()
        .into_iter()
        .find(|f| f.id == "smtp-enhanced-status-codes-3")
        .unwrap();
    let records = |text: &str| -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    };
    let (theirs, ours_rows) = (records(&export), records(&ours.text));
    assert_eq!(theirs.len(), ours_rows.len());
    let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for (t, o) in theirs.iter().zip(&ours_rows) {
        if matches!(t[0].as_str(), "X.7.17" | "X.7.18") {
            let folded: Vec<String> = o.iter().map(|f| fold(f)).collect();
            assert_eq!(*t, folded, "{}", t[0]);
        } else {
            assert_eq!(t, o, "{}", t[0]);
        }
    }
    // Byte for byte apart from those two records: same quoting, same CRLF.
    // Records end with CRLF; multi-line fields hold bare LFs.
    let without = |text: &str| -> String {
        text.split_inclusive("\r\n")
            .filter(|record| !record.starts_with("X.7.17,") && !record.starts_with("X.7.18,"))
            .collect()
    };
    assert_eq!(without(&export), without(&ours.text));
}

#[test]
fn every_historical_version_converts() {
    let dir = shared("history");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let xml = read(&path);
        let files = iana_csv::convert(&xml).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(files.len(), 3, "{}", path.display());
        // Until 2015-05-18 X.7.25 cited "Section 3 of RFC7001" as an xref
        // with its own text; IANA's stylesheet shows that text.
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let cites_section = files[2]
            .text
            .contains("[Section 3 of RFC7001] (Standards Track)");
        let early = ["2015-02-04", "2015-05-14", "2015-05-18"]
            .iter()
            .any(|d| name.contains(d));
        assert_eq!(cites_section, early, "{name}");
        seen += 1;
    }
    assert_eq!(seen, 18);
}

/// A one-record registry of the service-extensions kind around `record`.
fn synthetic(record: &str) -> String {
    format!(
        r#"<?xml version='1.0' encoding='UTF-8'?>
<registry xmlns="http://www.iana.org/assignments" id="mail-parameters">
  <updated>2025-01-01</updated>
  <registry id="mail-parameters-2">
    <record>
{record}
    </record>
  </registry>
</registry>"#
    )
}

fn converted(record: &str) -> Result<String, String> {
    iana_csv::convert(&synthetic(record))
        .map(|files| files[0].text.clone())
        .map_err(|e| e.to_string())
}

#[test]
fn xrefs_as_iana_writes_them() {
    let row = |record: &str| {
        let text = converted(record).unwrap();
        text.split_once("\r\n").unwrap().1.to_owned()
    };
    assert_eq!(
        row(r#"<value>A</value><xref type="rfc" data="rfc1869"/>"#),
        "A,,[RFC1869],\r\n"
    );
    assert_eq!(
        row(
            r#"<value>A</value><xref type="rfc" data="rfc4954"/><xref type="rfc" data="rfc6531"/>"#
        ),
        "A,,[RFC4954][RFC6531],\r\n"
    );
    assert_eq!(
        row(r#"<value>A</value><xref type="person" data="Eric_Allman"/>"#),
        "A,,[Eric_Allman],\r\n"
    );
    assert_eq!(
        row(r#"<value>A</value><xref type="text">Eric Allman</xref>"#),
        "A,,[Eric Allman],\r\n"
    );
    assert_eq!(
        row(r#"<value>A</value><xref type="draft" data="draft-x-00"/>"#),
        "A,,[draft-x-00],\r\n"
    );
    assert_eq!(
        row(
            r#"<value>A</value><note>By <xref type="uri" data="https://example.org/x">Title, here</xref>.</note>"#
        ),
        "A,,,\"By [Title, here].\"\r\n"
    );
    assert_eq!(
        row(r#"<value>A</value><note><xref type="uri" data="https://example.org/x"/></note>"#),
        "A,,,[https://example.org/x]\r\n"
    );
    assert_eq!(
        row(
            r#"<value>A</value><description>See <xref type="rfc" data="rfc9422">RFC9422, Section 6</xref></description>"#
        ),
        "A,\"See [RFC9422, Section 6]\",,\r\n"
    );
}

#[test]
fn unknown_forms_are_refused() {
    let refused = |record: &str, words: &[&str]| {
        let err = converted(record).unwrap_err();
        for word in words {
            assert!(err.contains(word), "{err:?} lacks {word:?}");
        }
    };
    refused(
        r#"<value>A</value><xref type="isbn" data="1"/>"#,
        &["line 5", "isbn", "not a reference type"],
    );
    refused(
        r#"<value>A</value><xref type="text"/>"#,
        &["line 5", "without text"],
    );
    refused(
        r#"<value>A</value><note>a</note><note>b</note>"#,
        &["line 5", "several <note>"],
    );
    refused(
        r#"<value>A</value><syntax>x</syntax>"#,
        &["line 5", "<syntax>", "no CSV column"],
    );
    refused(
        r#"<value>A</value><note><b>x</b></note>"#,
        &["line 5", "unexpected element <b>"],
    );
    refused(
        r#"<value>A</value><xref type="rfc" data="rfc1" lastupdated="2020-01-01"/>"#,
        &["line 5", "lastupdated"],
    );
    let err = iana_csv::convert(
        r#"<registry xmlns="http://www.iana.org/assignments" id="x"><registry id="y"/></registry>"#,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("no known sub-registry"), "{err}");
    assert!(err.contains("mail-parameters-2"), "{err}");
}
