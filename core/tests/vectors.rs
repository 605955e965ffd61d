//! The shared reply vectors (`tests/vectors/replies.json`), which the Python
//! and C tests run too.

use serde_json::Value;
use smtp_codes::{Mode, ParseOptions, Reply};

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn reply_vectors() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/replies.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 25);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        assert!(
            case["source"].as_str().is_some_and(|s| !s.is_empty()),
            "{name}: no source"
        );
        let input = match case["input_hex"].as_str() {
            Some(h) => hex(h),
            None => case["input"].as_str().unwrap().as_bytes().to_vec(),
        };
        let mode = match case["mode"].as_str().unwrap() {
            "strict" => Mode::Strict,
            "lenient" => Mode::Lenient,
            other => panic!("{name}: mode {other}"),
        };
        let result = Reply::parse_with(&input, &ParseOptions::new().mode(mode));
        if let Some(expect) = case.get("expect") {
            let reply = result.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                reply.code(),
                expect["code"].as_u64().unwrap() as u16,
                "{name}"
            );
            assert_eq!(
                reply.enhanced().map(|e| e.to_string()),
                expect["enhanced"].as_str().map(str::to_owned),
                "{name}"
            );
            let lines: Vec<String> = reply
                .lines()
                .map(|l| String::from_utf8_lossy(l.text()).into_owned())
                .collect();
            let expected: Vec<&str> = expect["lines"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l.as_str().unwrap())
                .collect();
            assert_eq!(lines, expected, "{name}");
            assert_eq!(reply.text().to_string(), expected.join("\n"), "{name}");
            let defects: Vec<&str> = reply.defects().iter().map(|d| d.as_str()).collect();
            let mut defects_sorted = defects.clone();
            defects_sorted.sort();
            let expected_defects: Vec<&str> = expect["defects"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d.as_str().unwrap())
                .collect();
            assert_eq!(defects_sorted, expected_defects, "{name}");
            assert_eq!(reply.raw(), &input[..], "{name}");
        } else {
            let expect = &case["expect_error"];
            let e = match result {
                Ok(r) => panic!("{name}: parsed as {r:?}"),
                Err(e) => e,
            };
            assert_eq!(
                e.kind().as_str(),
                expect["kind"].as_str().unwrap(),
                "{name}: {e}"
            );
            assert_eq!(
                e.offset() as u64,
                expect["offset"].as_u64().unwrap(),
                "{name}: {e}"
            );
            assert_eq!(
                e.line() as u64,
                expect["line"].as_u64().unwrap(),
                "{name}: {e}"
            );
        }
    }
}
