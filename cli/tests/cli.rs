//! The command line as a user runs it.

use serde_json::Value;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_smtp-codes"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_smtp-codes"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
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

#[test]
fn parse_transcript_json() {
    let transcript = b"220 mx.example.com ESMTP\r\nEHLO client.example\r\n250-mx.example.com\r\n250-SIZE 1000\r\n250 8BITMIME\r\nRCPT TO:<x@example.com>\r\n550-5.1.1 No such\r\n550 5.1.1 user\r\n250-a\n251 b\n";
    let out = run_with_stdin(&["parse", "--json"], transcript);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["code"], "220");
    assert_eq!(rows[0]["enhanced"], Value::Null);
    assert_eq!(
        rows[1]["lines"],
        serde_json::json!(["mx.example.com", "SIZE 1000", "8BITMIME"])
    );
    assert_eq!(rows[2]["enhanced"], "5.1.1");
    assert_eq!(rows[2]["lines"], serde_json::json!(["No such", "user"]));
    assert_eq!(rows[2]["defects"], serde_json::json!([]));
    assert_eq!(
        rows[3]["defects"],
        serde_json::json!(["code_mismatch", "bare_lf"])
    );
    // Strict mode refuses the mismatched reply: its first line is dropped and
    // the line after it read as a reply of its own.
    let out = run_with_stdin(&["parse", "--json", "--strict"], transcript);
    let rows: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[3]["code"], "251");
    assert_eq!(rows[3]["lines"], serde_json::json!(["b"]));
    // Text output and a file argument.
    let path = std::env::temp_dir().join(format!("smtp-codes-cli-{}.txt", std::process::id()));
    std::fs::write(&path, transcript).unwrap();
    let text = stdout(&["parse", path.to_str().unwrap()]);
    std::fs::remove_file(&path).unwrap();
    assert!(text.contains("550 5.1.1 No such user"), "{text}");
    assert!(text.contains("[code_mismatch, bare_lf]"), "{text}");
}

#[test]
fn parse_without_replies_fails_clearly() {
    let out = run_with_stdin(&["parse"], b"hello world\n");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "smtp-codes: no SMTP reply found in the input\n"
    );
    let out = run(&["parse", "/nonexistent/file"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn dsn_json_per_recipient_with_verdict() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../core/tests/data/dsn/exim-recipient-rejected.eml"
    );
    let rows: Vec<Value> = stdout(&["dsn", "--json", path])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(r["final_recipient"], "x@example.com");
    assert_eq!(r["action"], "failed");
    assert_eq!(r["status"], "5.0.0");
    assert_eq!(r["effective_status"], "5.1.1");
    assert!(r["diagnostic_code"].as_str().unwrap().contains("550 5.1.1"));
    assert_eq!(r["verdict"]["reason"], "userunknown");
    assert_eq!(r["verdict"]["bounce"], "hard");
    // A bare delivery-status body on stdin works too.
    let body = b"Reporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; a@example.com\nAction: delayed\nStatus: 4.2.2\nRemote-MTA: dns; mx.example.com\n";
    let out = run_with_stdin(&["dsn", "--json"], body);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["remote_mta"].as_str(), v["verdict"]["action"].as_str()),
        (Some("mx.example.com"), Some("retry"))
    );
    let out = run_with_stdin(&["dsn"], b"hello\n");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn classify_text_jsonl_and_summary() {
    let lines = b"550 5.1.1 User unknown\nstatus=bounced (host mx.example.com[192.0.2.1] said: 552 5.2.2 Mailbox full (in reply to RCPT TO command))\n\n421 4.7.0 try again later\n";
    let out = run_with_stdin(&["classify", "--json", "--summary"], lines);
    assert!(out.status.success());
    let rows: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 4, "three verdicts and the summary");
    assert_eq!(
        (rows[0]["reason"].as_str(), rows[0]["action"].as_str()),
        (Some("userunknown"), Some("remove"))
    );
    assert_eq!(
        (rows[1]["reason"].as_str(), rows[1]["line"].as_u64()),
        (Some("mailboxfull"), Some(2))
    );
    assert_eq!(rows[2]["class"], "transient");
    assert_eq!(rows[3]["type"], "summary");
    assert_eq!(rows[3]["lines"], 3);
    let jsonl = br#"{"diagnostic": "smtp; 550 5.1.1 unknown", "status": "5.0.0", "command": "RCPT"}
{"reply_code": 550, "command": "MAIL"}
"#;
    let out = run_with_stdin(&["classify", "--input", "jsonl", "--json"], jsonl);
    let rows: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows[0]["enhanced"], "5.1.1");
    assert_eq!(rows[1]["reason"], "rejected");
    assert_eq!(rows[1]["decided_by"], "command");
    let text = String::from_utf8(run_with_stdin(&["classify", "--summary"], lines).stdout).unwrap();
    assert!(
        text.contains("userunknown") && text.contains("3 lines"),
        "{text}"
    );
    // Bad JSON input: one line, status 2.
    let out = run_with_stdin(
        &["classify", "--input", "jsonl"],
        b"{\"reply_code\": 650}\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8(out.stderr).unwrap().lines().count(), 1);
}
