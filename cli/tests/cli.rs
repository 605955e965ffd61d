//! The command line as a user runs it.

use serde_json::Value;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_smtp-codes"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&stdout(args)).unwrap()
}

#[test]
fn list_json_is_the_whole_registry() {
    let text = stdout(&["list", "--json"]);
    let rows: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let count = |t: &str| rows.iter().filter(|r| r["type"] == t).count();
    assert_eq!(count("class"), 3);
    assert_eq!(count("subject"), 8);
    assert_eq!(count("enhanced"), 81);
    assert_eq!(count("reply"), smtp_codes::KnownReplyCode::ALL.len());
    assert_eq!(
        rows.len(),
        3 + 8 + 81 + smtp_codes::KnownReplyCode::ALL.len()
    );
    for r in &rows {
        assert!(r["code"].is_string() && r["text"].is_string(), "{r}");
    }
    let codes: Vec<&str> = rows.iter().map(|r| r["code"].as_str().unwrap()).collect();
    for code in ["4.XXX.YYY", "X.3.YYY", "X.1.1", "X.7.30", "550"] {
        assert!(codes.contains(&code), "{code}");
    }
    let x711 = rows.iter().find(|r| r["code"] == "X.1.1").unwrap();
    assert_eq!(x711["text"], "Bad destination mailbox address");
    assert_eq!(
        x711["associated_codes"]["codes"],
        serde_json::json!([451, 550])
    );
}

#[test]
fn list_text_names_every_entry() {
    let text = stdout(&["list"]);
    assert!(text.contains("2024-12-06"));
    assert!(text.contains("X.7.26"));
    assert!(text.contains("556"));
}

#[test]
fn explain_reply_code() {
    let v = json(&["explain", "--json", "550"]);
    assert_eq!(v["type"], "reply");
    assert_eq!(v["code"], "550");
    assert_eq!(v["class"]["digit"], 5);
    assert_eq!(v["text"], "Requested action not taken: mailbox unavailable");
    let text = stdout(&["explain", "550"]);
    assert!(text.contains("Permanent Negative Completion"), "{text}");
    assert!(text.contains("RFC 5321 §4.2"), "{text}");
}

#[test]
fn explain_unregistered_codes() {
    let v = json(&["explain", "--json", "5.7.606"]);
    assert_eq!(v["type"], "enhanced");
    assert_eq!(v["registered"], false);
    assert_eq!(v["status"], Value::Null);
    assert_eq!(v["subject"]["text"], "Security or Policy Status");
    assert_eq!(v["class"]["text"], "Permanent Failure");
    let text = stdout(&["explain", "4.4.316"]);
    assert!(text.contains("not registered"), "{text}");
    assert!(text.contains("Network and Routing"), "{text}");
    let v = json(&["explain", "--json", "525"]);
    assert_eq!(v["known"], false);
    assert_eq!(v["associated_statuses"], serde_json::json!(["X.7.13"]));
}

#[test]
fn explain_reply_line() {
    let v = json(&["explain", "--json", "550 5.1.1 User unknown"]);
    assert_eq!(v["type"], "reply_line");
    assert_eq!(v["reply"]["code"], "550");
    assert_eq!(v["enhanced"]["code"], "5.1.1");
    assert_eq!(
        v["enhanced"]["status"]["text"],
        "Bad destination mailbox address"
    );
    assert_eq!(v["text"], "User unknown");
    let v = json(&["explain", "--json", "250 5.1.1 odd"]);
    assert_eq!(v["enhanced"], Value::Null);
    assert_eq!(v["mismatched_enhanced"], "5.1.1");
}

#[test]
fn bad_input_is_one_line_and_status_2() {
    for input in ["650", "5.01.1", "hello", "", "3.1.1", "55", "\u{ff}\u{fe}"] {
        let out = run(&["explain", input]);
        assert_eq!(out.status.code(), Some(2), "{input:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{input:?}: {err}");
        assert!(err.starts_with("smtp-codes: "), "{err}");
        assert!(!err.contains("panicked"));
        assert!(out.stdout.is_empty());
    }
    let out = run(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}
