//! The generated `EhloKeyword` and `ServerLimit` tables equal the MAIL
//! Parameters CSV rows, read here with an independent CSV reader: every row
//! is a variant with the same fields, and every variant is a row.

use smtp_codes::{EhloKeyword, MAIL_PARAMETERS_UPDATED, ServerLimit};

fn rows(file: &str) -> Vec<csv::StringRecord> {
    let path = format!("{}/registry/{file}", env!("CARGO_MANIFEST_DIR"));
    let mut reader = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    reader.records().map(|r| r.unwrap()).collect()
}

#[test]
fn mail_parameters_date() {
    let path = format!(
        "{}/registry/mail-parameters-updated.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    assert_eq!(
        MAIL_PARAMETERS_UPDATED,
        std::fs::read_to_string(path).unwrap().trim()
    );
    assert_eq!(MAIL_PARAMETERS_UPDATED, "2025-08-25");
}

#[test]
fn keywords_equal_csv() {
    let rows = rows("mail-parameters-2.csv");
    assert_eq!(rows.len(), 34);
    assert_eq!(rows.len(), EhloKeyword::ALL.len());
    for (row, keyword) in rows.iter().zip(EhloKeyword::ALL) {
        assert_eq!(row[0], *keyword.as_str());
        assert_eq!(keyword.to_string(), row[0]);
        assert_eq!(EhloKeyword::from_keyword(row[0].as_bytes()), Some(keyword));
        assert_eq!(row[1], *keyword.description());
        assert_eq!(row[2], *keyword.reference());
        let refs: String = keyword
            .references()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(row[2], refs, "{keyword}: references");
        assert_eq!(row[3], *keyword.note().unwrap_or(""));
        for word in keyword.deprecation_marks() {
            assert!(
                row[1].contains(word) || row[3].contains(word),
                "{keyword}: {word}"
            );
        }
    }
}

#[test]
fn keyword_parameters_equal_csv() {
    let rows = rows("mail-parameters-3.csv");
    assert_eq!(rows.len(), 5);
    for row in &rows {
        let keyword = EhloKeyword::from_keyword(row[0].as_bytes())
            .unwrap_or_else(|| panic!("{} is not a registered keyword", &row[0]));
        assert_eq!(keyword.parameters(), Some(&row[1]));
        // On 2025-08-25 each keyword cites the same document in both registries.
        assert_eq!(row[2], *keyword.reference());
    }
    let with: usize = EhloKeyword::ALL
        .iter()
        .filter(|k| k.parameters().is_some())
        .count();
    assert_eq!(with, rows.len());
}

#[test]
fn limits_equal_csv() {
    let rows = rows("smtp-service-extensions.csv");
    assert_eq!(rows.len(), 3);
    assert_eq!(rows.len(), ServerLimit::ALL.len());
    for (row, limit) in rows.iter().zip(ServerLimit::ALL) {
        assert_eq!(row[0], *limit.as_str());
        assert_eq!(limit.to_string(), row[0]);
        assert_eq!(ServerLimit::from_name(row[0].as_bytes()), Some(limit));
        assert_eq!(row[1], *limit.syntax());
        assert_eq!(row[2], *limit.description());
        assert_eq!(row[3], *limit.restrictions());
        assert_eq!(row[4], *limit.security_considerations());
        assert_eq!(row[5], *limit.reference());
        // "%x31-39 0*5DIGIT": 1 to 999999.
        assert_eq!(limit.parse_value(b"999999"), Some(999_999));
        assert_eq!(limit.parse_value(b"1000000"), None);
    }
}

#[test]
fn every_keyword_and_limit_round_trips() {
    for (i, k) in EhloKeyword::ALL.iter().enumerate() {
        assert_eq!(EhloKeyword::from_keyword(k.as_str().as_bytes()), Some(*k));
        let mixed: String = k
            .as_str()
            .chars()
            .enumerate()
            .map(|(j, c)| {
                if j % 2 == 0 {
                    c.to_ascii_lowercase()
                } else {
                    c
                }
            })
            .collect();
        assert_eq!(EhloKeyword::from_keyword(mixed.as_bytes()), Some(*k));
        assert!(!EhloKeyword::ALL[..i].contains(k));
        // Never a prefix or an extension of a keyword.
        let longer = format!("{}X", k.as_str());
        assert_eq!(EhloKeyword::from_keyword(longer.as_bytes()), None);
        let shorter = &k.as_str()[..k.as_str().len() - 1];
        assert_ne!(EhloKeyword::from_keyword(shorter.as_bytes()), Some(*k));
    }
    for l in ServerLimit::ALL {
        assert_eq!(
            ServerLimit::from_name(l.as_str().to_ascii_lowercase().as_bytes()),
            Some(l)
        );
    }
    assert_eq!(EhloKeyword::from_keyword(b""), None);
    assert_eq!(EhloKeyword::from_keyword(&[b'A'; 100]), None);
    assert_eq!(EhloKeyword::from_keyword(b"\xff\xfe"), None);
}
