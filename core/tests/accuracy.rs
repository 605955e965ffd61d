//! Accuracy on the labelled corpus (`tests/vectors/bounces.json`), beside two
//! baselines measured on the same cases: the class digit only, and a lookup
//! of the registry's meaning of the code only. Prints the table with
//! `cargo test -p smtp-codes --test accuracy -- --nocapture`.
#![cfg(feature = "classify")]

use serde_json::Value;
use smtp_codes::{Bounce, Command, EnhancedCode, Outcome, Reason, ReplyCode, Signals, classify};
use std::collections::BTreeMap;

struct Case {
    id: String,
    diagnostic: Option<String>,
    status: Option<EnhancedCode>,
    reply: Option<ReplyCode>,
    host: Option<String>,
    command: Option<Command>,
    reason: Reason,
    class: Outcome,
    bounce: Bounce,
}

fn corpus() -> Vec<Case> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/bounces.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let input = &c["input"];
            let s = |k: &str| input[k].as_str().map(str::to_owned);
            let e = &c["expect"];
            Case {
                id: c["id"].as_str().unwrap().to_owned(),
                diagnostic: s("diagnostic"),
                status: s("status")
                    .and_then(|t| t.split_whitespace().next().and_then(|w| w.parse().ok())),
                reply: input["reply_code"]
                    .as_u64()
                    .and_then(|n| ReplyCode::from_u16(n as u16)),
                host: s("remote_host"),
                command: s("command").and_then(|t| Command::parse(&t)),
                reason: Reason::from_name(e["reason"].as_str().unwrap())
                    .unwrap_or_else(|| panic!("{}: reason", c["id"])),
                class: Outcome::from_name(e["class"].as_str().unwrap()).unwrap(),
                bounce: Bounce::from_name(e["bounce"].as_str().unwrap()).unwrap(),
            }
        })
        .collect()
}

/// Baseline 1: the class digit only (2 is a delivery, anything else says no reason).
fn class_only(c: &Case) -> (Outcome, Reason, Bounce) {
    let text = c.diagnostic.as_deref().unwrap_or("").as_bytes();
    let digit = c
        .status
        .map(|s| s.class().digit())
        .or(c.reply.map(|r| (r.as_u16() / 100) as u8))
        .or(smtp_codes::best_reply(text).map(|r| (r.as_u16() / 100) as u8))
        .or(smtp_codes::best_enhanced(text).map(|e| e.class().digit()));
    match digit {
        Some(2) => (Outcome::Success, Reason::Delivered, Bounce::None),
        Some(4) => (Outcome::Transient, Reason::Undefined, Bounce::Soft),
        Some(5) => (Outcome::Permanent, Reason::Undefined, Bounce::Hard),
        _ => (Outcome::Unknown, Reason::Undefined, Bounce::Soft),
    }
}

/// Baseline 2: the registry's meaning of the code only (what
/// `registry/code-reasons.csv` says of the status or reply code, no text,
/// no provider): the classifier given codes and nothing else.
fn registry_only(c: &Case) -> (Outcome, Reason, Bounce) {
    let text = c.diagnostic.as_deref().unwrap_or("").as_bytes();
    let mut s = Signals::new();
    let status = c.status.or(smtp_codes::best_enhanced(text));
    if let Some(st) = status {
        s = s.status(st);
    }
    if let Some(r) = c.reply.or(smtp_codes::best_reply(text)) {
        s = s.reply_code(r);
    }
    let v = classify(&s);
    (v.class(), v.reason(), v.bounce())
}

fn ours(c: &Case) -> (Outcome, Reason, Bounce) {
    let mut s = Signals::new();
    if let Some(d) = &c.diagnostic {
        s = s.diagnostic(d.as_bytes());
    }
    if let Some(st) = c.status {
        s = s.status(st);
    }
    if let Some(r) = c.reply {
        s = s.reply_code(r);
    }
    if let Some(h) = &c.host {
        s = s.remote_host(h);
    }
    if let Some(cmd) = c.command {
        s = s.command(cmd);
    }
    let v = classify(&s);
    (v.class(), v.reason(), v.bounce())
}

#[test]
fn accuracy_per_reason_beside_baselines() {
    let cases = corpus();
    assert!(cases.len() >= 100, "corpus too small: {}", cases.len());
    type Counts = BTreeMap<&'static str, [usize; 4]>; // total, ours, class-only, registry-only
    let mut per_reason: Counts = BTreeMap::new();
    let mut totals = [[0usize; 3]; 3]; // [class, reason, bounce] x [ours, class-only, registry-only]
    let mut misses = Vec::new();
    for c in &cases {
        let results = [ours(c), class_only(c), registry_only(c)];
        let row = per_reason.entry(c.reason.as_str()).or_default();
        row[0] += 1;
        for (i, (class, reason, bounce)) in results.iter().enumerate() {
            row[i + 1] += usize::from(*reason == c.reason);
            totals[0][i] += usize::from(*class == c.class);
            totals[1][i] += usize::from(*reason == c.reason);
            totals[2][i] += usize::from(*bounce == c.bounce);
        }
        if results[0].1 != c.reason {
            misses.push(format!(
                "{}: expected {}, got {}",
                c.id, c.reason, results[0].1
            ));
        }
    }
    let n = cases.len();
    let pct = |k: usize, of: usize| 100.0 * k as f64 / of.max(1) as f64;
    println!("\n| reason | cases | smtp-codes | class digit only | registry lookup only |");
    println!("|---|---:|---:|---:|---:|");
    for (reason, [t, o, c, r]) in &per_reason {
        println!(
            "| {reason} | {t} | {:.0}% | {:.0}% | {:.0}% |",
            pct(*o, *t),
            pct(*c, *t),
            pct(*r, *t)
        );
    }
    for (name, row) in ["class", "reason", "bounce"].iter().zip(totals) {
        println!(
            "| **{name} (all {n})** | {n} | {:.1}% | {:.1}% | {:.1}% |",
            pct(row[0], n),
            pct(row[1], n),
            pct(row[2], n)
        );
    }
    println!("\nmisses ({}):\n{}", misses.len(), misses.join("\n"));
    // The classifier must beat both baselines on reasons and bounces, and
    // not lose on classes.
    assert!(
        totals[1][0] > totals[1][1] && totals[1][0] > totals[1][2],
        "reason: {totals:?}"
    );
    assert!(
        totals[2][0] >= totals[2][1] && totals[2][0] >= totals[2][2],
        "bounce: {totals:?}"
    );
    assert!(totals[0][0] >= totals[0][1], "class: {totals:?}");
}
