//! Converts an IANA registry XML file into the CSV files IANA exports for its
//! sub-registries, byte for byte in IANA's format: RFC 4180 minimal quoting,
//! CRLF after every record, LF kept inside multi-line fields, references
//! written as `[RFC3463] (Standards Track)`.
//!
//! The format was checked against a real IANA export
//! (`shared/registry-sources/iana/csv-format-example/`): converting the
//! registry XML of the same date reproduces that file exactly (see the tests).

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

/// The sub-registries this tool knows how to export, with their columns.
const KNOWN: &[(&str, Columns)] = &[
    ("smtp-enhanced-status-codes-1", SUB_CODES),
    ("smtp-enhanced-status-codes-2", SUB_CODES),
    ("smtp-enhanced-status-codes-3", ENUMERATED),
];

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
                let field = match record.children().find(|n| n.has_tag_name((NS, *element))) {
                    Some(node) => field_text(node, line)?,
                    None => String::new(),
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
        return Err(ConvertError(
            "no known sub-registry (smtp-enhanced-status-codes-1/2/3) in this file".into(),
        ));
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
            let data = child.attribute("data").unwrap_or("");
            // An xref with text shows that text, as IANA's own renderings do
            // (`<xref type="rfc" data="rfc5321">RFC5321, Section 2.2</xref>`
            // is `[RFC5321, Section 2.2]` in mail-parameters.txt); dropping
            // it would lose e.g. "Section 3 of RFC7001" (registry of 2015).
            let label: String = child
                .children()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
                .collect();
            let label = label.trim();
            match child.attribute("type") {
                Some("rfc") | Some("draft") | Some("person") if !label.is_empty() => {
                    s.push('[');
                    s.push_str(label);
                    s.push(']');
                }
                Some("rfc") => {
                    s.push('[');
                    s.push_str(&data.to_ascii_uppercase());
                    s.push(']');
                }
                Some("draft") | Some("person") => {
                    s.push('[');
                    s.push_str(data);
                    s.push(']');
                }
                other => {
                    return Err(ConvertError(format!(
                        "line {line}: <xref type={other:?}> is not a reference type this tool knows"
                    )));
                }
            }
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
