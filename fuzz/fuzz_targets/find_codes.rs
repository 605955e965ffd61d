//! Codes in free text: on any input, no panic; spans in bounds, in order, and
//! their bytes parse back to the code; the best codes are among those found;
//! a code right after a reply code of its class is the best.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtp_codes::{
    EnhancedCode, FoundCode, FoundContext, ReplyCode, best_enhanced, best_reply, find_codes,
};

fuzz_target!(|data: &[u8]| {
    let mut prev_end = 0;
    let (mut any_reply, mut any_enhanced) = (false, false);
    for found in find_codes(data) {
        assert!(found.span.start >= prev_end);
        assert!(found.span.start < found.span.end && found.span.end <= data.len());
        prev_end = found.span.end;
        let digits = &data[found.span.clone()];
        match found.code {
            FoundCode::Reply(r) => {
                any_reply = true;
                assert_eq!(ReplyCode::parse(digits), Ok(r));
                assert!(!matches!(found.context, FoundContext::AfterReply(_)));
            }
            FoundCode::Enhanced(e) => {
                any_enhanced = true;
                assert_eq!(EnhancedCode::parse(digits), Ok(e));
                if !matches!(found.context, FoundContext::AfterReply(_)) {
                    assert!(e.known_subject().is_some());
                }
            }
        }
    }
    let best_e = best_enhanced(data);
    let best_r = best_reply(data);
    assert_eq!(best_e.is_some(), any_enhanced);
    assert_eq!(best_r.is_some(), any_reply);
    if let Some(b) = best_e {
        assert!(find_codes(data).any(|f| f.code == FoundCode::Enhanced(b)));
    }
    if let Some(b) = best_r {
        assert!(find_codes(data).any(|f| f.code == FoundCode::Reply(b)));
    }

    // When the input is an enhanced code, it is the best one after a reply
    // code of its class.
    if let Ok(code) = EnhancedCode::parse(data) {
        let reply = ReplyCode::from_u16(u16::from(code.class().digit()) * 100 + 50).unwrap();
        let text = format!("said: {reply} {code} text");
        assert_eq!(best_enhanced(text.as_bytes()), Some(code));
        assert_eq!(best_reply(text.as_bytes()), Some(reply));
    }
});
