//! The generated tables equal the registry's CSV rows, read here with an
//! independent CSV reader: every row is an enum variant with the same fields,
//! and every variant is a row.

use smtp_codes::{Class, EnhancedStatus, KnownReplyCode, REGISTRY_UPDATED, Subject};

fn rows(file: &str) -> Vec<csv::StringRecord> {
    let path = format!("{}/registry/{file}", env!("CARGO_MANIFEST_DIR"));
    let mut reader = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    reader.records().map(|r| r.unwrap()).collect()
}

#[test]
fn registry_date() {
    let path = format!(
        "{}/registry/smtp-enhanced-status-codes-updated.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    assert_eq!(
        REGISTRY_UPDATED,
        std::fs::read_to_string(path).unwrap().trim()
    );
    assert_eq!(REGISTRY_UPDATED, "2024-12-06");
}

#[test]
fn classes_equal_csv() {
    let rows = rows("smtp-enhanced-status-codes-1.csv");
    assert_eq!(rows.len(), Class::ALL.len());
    assert_eq!(rows.len(), 3);
    for (row, class) in rows.iter().zip(Class::ALL) {
        assert_eq!(row[0], *class.code());
        assert_eq!(row[0][..1], class.digit().to_string());
        assert_eq!(row[1], *class.summary());
        assert_eq!(row[2], *class.description());
        assert_eq!(row[3], *class.reference());
        assert_eq!(row[4], *class.submitter());
        assert_eq!(row[5], *class.change_controller());
        assert_eq!(class.to_string(), row[0]);
    }
}

#[test]
fn subjects_equal_csv() {
    let rows = rows("smtp-enhanced-status-codes-2.csv");
    assert_eq!(rows.len(), Subject::ALL.len());
    assert_eq!(rows.len(), 8);
    for (row, subject) in rows.iter().zip(Subject::ALL) {
        assert_eq!(row[0], *subject.code());
        assert_eq!(row[0], format!("X.{}.YYY", subject.number()));
        assert_eq!(row[1], *subject.summary());
        assert_eq!(row[2], *subject.description());
        assert_eq!(row[3], *subject.reference());
        assert_eq!(row[4], *subject.submitter());
        assert_eq!(row[5], *subject.change_controller());
    }
}

#[test]
fn statuses_equal_csv() {
    let rows = rows("smtp-enhanced-status-codes-3.csv");
    assert_eq!(rows.len(), 81);
    assert_eq!(rows.len(), EnhancedStatus::ALL.len());
    for row in &rows {
        let mut parts = row[0].split('.').skip(1).map(|p| p.parse::<u16>().unwrap());
        let (subject, detail) = (parts.next().unwrap(), parts.next().unwrap());
        let status = EnhancedStatus::from_parts(subject, detail)
            .unwrap_or_else(|| panic!("{} has no variant", &row[0]));
        assert_eq!(row[0], *status.code());
        assert_eq!((status.subject(), status.detail()), (subject, detail));
        assert_eq!(row[1], *status.sample_text());
        assert_eq!(row[2], *status.associated_codes().raw());
        assert_eq!(row[3], *status.description());
        assert_eq!(row[4], *status.reference());
        assert_eq!(row[5], *status.submitter());
        assert_eq!(row[6], *status.change_controller());
        let refs: Vec<String> = status
            .references()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(refs.join("; "), row[4], "references parsed without loss");
        // The structured associated codes lose nothing of the listed numbers.
        let assoc = status.associated_codes();
        for code in assoc.codes() {
            assert!(row[2].contains(code.as_str()), "{}: {code}", &row[0]);
        }
        let numbers = row[2]
            .split(|c: char| !c.is_ascii_digit())
            .filter(|t| t.len() == 3)
            .count();
        assert_eq!(numbers, assoc.codes().len(), "{}", &row[0]);
    }
    // Ordered by subject then detail, every variant once.
    let mut sorted = EnhancedStatus::ALL;
    sorted.sort_by_key(|s| (s.subject(), s.detail()));
    assert_eq!(sorted, EnhancedStatus::ALL);
}

#[test]
fn replies_equal_csv() {
    let rows = rows("smtp-reply-codes.csv");
    let mut seen = Vec::new();
    let mut index = 0;
    for k in KnownReplyCode::ALL {
        seen.push(k as u16);
        for meaning in k.meanings() {
            let row = &rows[index];
            index += 1;
            assert_eq!(row[0].parse::<u16>().unwrap(), k as u16);
            assert_eq!(row[1], format!("{k:?}"), "identifier");
            assert_eq!(row[2], *meaning.text);
            assert_eq!(row[3], *meaning.meaning);
            assert_eq!(row[4], *meaning.context);
            let refs: Vec<String> = meaning.references.iter().map(ToString::to_string).collect();
            assert_eq!(row[5], refs.join("; "));
        }
        assert_eq!(k.text(), k.meanings()[0].text);
        assert_eq!(k.code().canonical_text(), Some(k.text()));
    }
    assert_eq!(index, rows.len(), "every row is a meaning");
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, seen);
}

#[test]
fn reply_table_covers_rfc_5321_and_the_named_extensions() {
    // RFC 5321 §4.2.3, RFC 7504, RFC 4954, RFC 1870, RFC 1985.
    for code in [
        211, 214, 220, 221, 250, 251, 252, 354, 421, 450, 451, 452, 455, 500, 501, 502, 503, 504,
        550, 551, 552, 553, 554, 555, 521, 556, 235, 334, 432, 454, 530, 534, 535, 538, 253, 458,
        459,
    ] {
        assert!(KnownReplyCode::from_u16(code).is_some(), "{code} missing");
    }
    // Codes with several meanings say so.
    for code in [454, 530, 552] {
        assert!(
            KnownReplyCode::from_u16(code).unwrap().meanings().len() >= 2,
            "{code}"
        );
    }
    // Codes that only IANA's associated-code column mentions are left out on
    // purpose (registry/REPLY-CODES.md says why) but stay valid values.
    for code in [422, 430, 453, 523, 524, 525, 533] {
        assert!(KnownReplyCode::from_u16(code).is_none(), "{code}");
        let value = smtp_codes::ReplyCode::from_u16(code).unwrap();
        assert!(value.associated_statuses().next().is_some(), "{code}");
    }
}

/// Every provider rule as `registry/provider-rules.csv` writes it: provider,
/// domains, code, text, source, in the file's order.
#[cfg(feature = "classify")]
#[test]
fn provider_rules_equal_csv() {
    let rules = smtp_codes::ProviderRule::all();
    let rows = rows("provider-rules.csv");
    assert_eq!(rules.len(), rows.len());
    for (rule, row) in rules.iter().zip(&rows) {
        let code = rule.code().map(|c| c.to_string()).unwrap_or_default();
        let got = [
            rule.provider(),
            &rule.domains().join(";"),
            &code,
            rule.text(),
            rule.source(),
        ];
        let want = [&row[0], &row[1], &row[2], &row[3], &row[6]];
        assert_eq!(got, want, "{row:?}");
    }
}
