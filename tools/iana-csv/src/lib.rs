//! Converts an IANA registry XML file into the CSV files IANA exports for its
//! sub-registries, byte for byte in IANA's format: RFC 4180 minimal quoting,
//! CRLF after every record, LF kept inside multi-line fields, references
//! written as `[RFC3463] (Standards Track)`.
//!
//! The format was checked against a real IANA export
//! (`shared/registry-sources/iana/csv-format-example/`): converting the
//! registry XML of the same date reproduces that file exactly (see the tests).
//!
//! Known sub-registries (the table `KNOWN` below, one row each, with the
//! column titles of IANA's own rendering):
//!
//! - `smtp-enhanced-status-codes-1`, `-2`, `-3` (SMTP Enhanced Status Codes);
//! - `mail-parameters-2` "SMTP Service Extensions", `mail-parameters-3`
//!   "SMTP Service Extension Parameters" and `smtp-service-extensions`
//!   "SMTP Server Limits" (RFC 9422), all in IANA's "MAIL Parameters" file.
//!
//! Cross-references (`<xref>`) are written the way IANA's stylesheet
//! (`_support/iana-registry.xsl`) renders them, inside `[` `]`: the xref's own
//! text when it has some (`[RFC9422, Section 6]`), else, by type, `rfc` as
//! its upper-cased data (`[RFC1869]`), `draft` and `uri` as their data,
//! `person` as its data, `text` as its text (`[Eric Allman]`). A column named
//! after the element `xref` holds all the record's own `<xref>` children, one
//! after the other (`[RFC4954][RFC6531]`), as IANA's "Reference" columns do.

use std::fmt;

/// One sub-registry converted to CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvFile {
    /// The sub-registry id, which is also IANA's CSV file name without `.csv`
    /// (`smtp-enhanced-status-codes-3`).
    pub id: String,
    /// The whole CSV text.
    pub text: String,
    /// Number of records (header excluded).
    pub records: usize,
}

/// Why a registry XML file could not be converted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvertError(String);

impl fmt::Display for ConvertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConvertError {}

/// Columns of one sub-registry: (XML element name, CSV column title).
type Columns = &'static [(&'static str, &'static str)];

const SUB_CODES: Columns = &[
    ("code", "Code"),
    ("summary", "Summary"),
    ("description", "Description"),
    ("reference", "Reference"),
    ("submitter", "Submitter"),
    ("change_controller", "Change Controller"),
];

const ENUMERATED: Columns = &[
    ("code", "Code"),
    ("sample", "Sample Text"),
    ("basic_code", "Associated basic status code"),
    ("description", "Description"),
    ("reference", "Reference"),
    ("submitter", "Submitter"),
    ("change_controller", "Change Controller"),
];

/// "SMTP Service Extensions" (`mail-parameters-2`): the EHLO keywords.
const SERVICE_EXTENSIONS: Columns = &[
    ("value", "EHLO Keyword"),
    ("description", "Description"),
    (XREFS, "Reference"),
    ("note", "Note"),
];

/// "SMTP Service Extension Parameters" (`mail-parameters-3`).
const SERVICE_EXTENSION_PARAMETERS: Columns = &[
    ("value", "EHLO Keyword"),
    ("description", "Parameters"),
    (XREFS, "Reference"),
];

/// "SMTP Server Limits" (`smtp-service-extensions`, RFC 9422).
const SERVER_LIMITS: Columns = &[
    ("value", "Name"),
    ("syntax", "Value syntax"),
    ("description", "Description"),
    ("restriction", "Restrictions"),
    ("security", "Security Considerations"),
    (XREFS, "Reference"),
];

/// The column "element" that stands for all the `<xref>` children of a record
/// (IANA's "Reference" column when the record has no `<reference>` element).
const XREFS: &str = "xref";

/// The sub-registries this tool knows how to export, with their columns.
const KNOWN: &[(&str, Columns)] = &[
    ("smtp-enhanced-status-codes-1", SUB_CODES),
    ("smtp-enhanced-status-codes-2", SUB_CODES),
    ("smtp-enhanced-status-codes-3", ENUMERATED),
    ("mail-parameters-2", SERVICE_EXTENSIONS),
    ("mail-parameters-3", SERVICE_EXTENSION_PARAMETERS),
    ("smtp-service-extensions", SERVER_LIMITS),
];

/// The ids of the sub-registries this tool knows how to export.
pub fn known_ids() -> impl Iterator<Item = &'static str> {
    KNOWN.iter().map(|(id, _)| *id)
}

/// The id of the registry file itself (its root `<registry id=...>`):
/// `smtp-enhanced-status-codes`, `mail-parameters`. The tool names the file
/// that holds the `<updated>` date after it (`mail-parameters-updated.txt`).
pub fn registry_id(xml: &str) -> Result<Option<String>, ConvertError> {
    let doc = parse(xml)?;
    Ok(doc.root_element().attribute("id").map(str::to_owned))
}

/// The date a registry file says it was last updated (`<updated>`), if any.
pub fn updated(xml: &str) -> Result<Option<String>, ConvertError> {
    let doc = parse(xml)?;
    Ok(doc
        .root_element()
        .children()
        .find(|n| n.has_tag_name((NS, "updated")))
        .and_then(|n| n.text())
        .map(str::to_owned))
}

const NS: &str = "http://www.iana.org/assignments";

fn parse(xml: &str) -> Result<roxmltree::Document<'_>, ConvertError> {
    roxmltree::Document::parse(xml).map_err(|e| ConvertError(format!("not well-formed XML: {e}")))
}

/// Converts every known sub-registry found in `xml`.
///
/// Fails on an element or cross-reference type this tool does not know, so
/// that a change in IANA's format is noticed instead of silently dropped.
pub fn convert(xml: &str) -> Result<Vec<CsvFile>, ConvertError> {
    let doc = parse(xml)?;
    let mut out = Vec::new();
    for registry in doc
        .descendants()
        .filter(|n| n.has_tag_name((NS, "registry")))
    {
        let Some(id) = registry.attribute("id") else {
            continue;
        };
        let Some((_, columns)) = KNOWN.iter().find(|(known, _)| *known == id) else {
            continue;
        };
        let mut text = String::new();
        let header: Vec<String> = columns.iter().map(|(_, t)| (*t).to_owned()).collect();
        write_record(&mut text, &header);
        let mut records = 0;
        for record in registry
            .children()
            .filter(|n| n.has_tag_name((NS, "record")))
        {
            let line = record.range();
            let line = doc.text_pos_at(line.start).row;
            for child in record.children().filter(|n| n.is_element()) {
                let name = child.tag_name().name();
                if !columns.iter().any(|(el, _)| *el == name) {
                    return Err(ConvertError(format!(
                        "line {line}: record in {id} has element <{name}> that no CSV column holds"
                    )));
                }
            }
            let mut fields = Vec::with_capacity(columns.len());
            for (element, _) in columns.iter() {
                let mut nodes = record.children().filter(|n| n.has_tag_name((NS, *element)));
                let field = if *element == XREFS {
                    let mut all = String::new();
                    for xref in nodes {
                        push_xref(&mut all, xref, line)?;
                    }
                    all
                } else {
                    match (nodes.next(), nodes.next()) {
                        (Some(node), None) => field_text(node, line)?,
                        (None, _) => String::new(),
                        (Some(_), Some(_)) => {
                            return Err(ConvertError(format!(
                                "line {line}: record in {id} has several <{element}> elements; \
                                 its CSV column holds one"
                            )));
                        }
                    }
                };
                fields.push(field);
            }
            write_record(&mut text, &fields);
            records += 1;
        }
        out.push(CsvFile {
            id: id.to_owned(),
            text,
            records,
        });
    }
    if out.is_empty() {
        let known: Vec<&str> = known_ids().collect();
        return Err(ConvertError(format!(
            "no known sub-registry ({}) in this file",
            known.join(", ")
        )));
    }
    Ok(out)
}

/// The text of one field: character data as is, `<xref>` written the way
/// IANA's CSV export writes it.
fn field_text(node: roxmltree::Node<'_, '_>, line: u32) -> Result<String, ConvertError> {
    let mut s = String::new();
    for child in node.children() {
        if child.is_text() {
            s.push_str(child.text().unwrap_or(""));
        } else if child.has_tag_name((NS, "xref")) {
            push_xref(&mut s, child, line)?;
        } else if child.is_element() {
            return Err(ConvertError(format!(
                "line {line}: unexpected element <{}> inside <{}>",
                child.tag_name().name(),
                node.tag_name().name()
            )));
        }
    }
    Ok(s)
}

/// Appends one `<xref>` as IANA's stylesheet renders it: `[` the xref's own
/// text when it has some non-blank text, else by type `]`.
fn push_xref(s: &mut String, xref: roxmltree::Node<'_, '_>, line: u32) -> Result<(), ConvertError> {
    let data = xref.attribute("data").unwrap_or("");
    let own: String = xref
        .children()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    if let Some(element) = xref.children().find(|n| n.is_element()) {
        return Err(ConvertError(format!(
            "line {line}: unexpected element <{}> inside <xref>",
            element.tag_name().name()
        )));
    }
    let has_text = !own.trim().is_empty();
    let shown = match xref.attribute("type") {
        Some("rfc") if has_text => own,
        Some("rfc") => data.to_ascii_uppercase(),
        Some("draft") | Some("uri") if has_text => own,
        Some("draft") | Some("uri") | Some("person") => data.to_owned(),
        Some("text") if has_text => own,
        Some("text") => {
            return Err(ConvertError(format!(
                "line {line}: <xref type=\"text\"> without text"
            )));
        }
        other => {
            return Err(ConvertError(format!(
                "line {line}: <xref type={other:?}> is not a reference type this tool knows"
            )));
        }
    };
    if let Some(date) = xref.attribute("lastupdated") {
        return Err(ConvertError(format!(
            "line {line}: <xref lastupdated={date:?}> is not a form this tool knows"
        )));
    }
    s.push('[');
    s.push_str(&shown);
    s.push(']');
    Ok(())
}

fn write_record(out: &mut String, fields: &[String]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}
