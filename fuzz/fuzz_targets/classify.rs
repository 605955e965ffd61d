//! Classification of arbitrary diagnostics with and without codes and hosts:
//! never a panic, and the verdict's fields agree with each other.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtp_codes::{Bounce, Outcome, Signals, classify};

fuzz_target!(|data: &[u8]| {
    let (head, text) = data.split_at(data.len().min(2));
    let mut s = Signals::new().diagnostic(text);
    if let Some(&b) = head.first() {
        if let Ok(code) = smtp_codes::EnhancedCode::parse(format!("{}.{}.{}", [2, 4, 5][(b % 3) as usize], b % 8, b).as_bytes()) {
            s = s.status(code);
        }
    }
    if head.get(1).is_some_and(|b| b % 2 == 0) {
        s = s.remote_host("gmail-smtp-in.l.google.com");
    }
    let v = classify(&s);
    if v.bounce() == Bounce::Hard {
        assert_eq!(v.class(), Outcome::Permanent);
    }
    if v.class() == Outcome::Success {
        assert_eq!(v.bounce(), Bounce::None);
    }
    if let Some(span) = v.evidence().matched() {
        assert!(span.end <= text.len());
    }
});
