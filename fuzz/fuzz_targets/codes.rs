//! Code parsers: whatever parses prints back unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtp_codes::{EnhancedCode, ReplyCode, ReplyLine};

fuzz_target!(|data: &[u8]| {
    if let Ok(code) = EnhancedCode::parse(data) {
        assert_eq!(code.to_string().as_bytes(), data);
        assert_eq!(code.known(), smtp_codes::EnhancedStatus::from_parts(code.subject(), code.detail()));
    }
    if let Ok(code) = ReplyCode::parse(data) {
        assert_eq!(code.as_str().as_bytes(), data);
    }
    if let Ok(line) = ReplyLine::parse(data) {
        if let Some(e) = line.enhanced() {
            assert_eq!(u16::from(e.class().digit()), line.code().as_u16() / 100);
        }
        assert!(data.len() >= line.text().len());
    }
});
