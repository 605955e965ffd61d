//! Fuzzes finding and parsing the delivery-status part of a whole message
//! (`ReportPart::find`, `DeliveryStatus::parse_message`; needs the `mime`
//! feature of smtp-codes, on by default): it must never panic, and a part
//! that is found must parse the same whichever way it is reached.
//!
//! Build it without debug assertions (`cargo fuzz run` without `-a`/`--dev`):
//! mail-parser 0.11.9 has a `debug_assert!` that some inputs reach
//! (`core/tests/data/dsn/mail-parser-debug-assert.eml`). smtp-codes catches
//! that panic (`MessageError::MimeParserFailed`), but libFuzzer's panic hook
//! aborts on every panic, caught or not.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtp_codes::dsn::{DeliveryStatus, MessageError, ReportPart};

fuzz_target!(|data: &[u8]| {
    let found = ReportPart::find(data);
    let parsed = DeliveryStatus::parse_message(data);
    match found {
        Ok(part) => {
            let _ = (part.media_type(), part.report_type(), part.is_borrowed());
            if part.is_borrowed() {
                assert!(part.offset() <= data.len());
            }
            let direct = part.parse().map(DeliveryStatus::into_owned);
            match (&direct, &parsed) {
                (Ok(a), Ok(b)) => assert_eq!(a, b),
                (Err(e), Err(MessageError::Body { error, .. })) => assert_eq!(e, error),
                _ => panic!("find+parse and parse_message disagree"),
            }
            let owned = part.into_delivery_status().map(DeliveryStatus::into_owned);
            assert_eq!(owned, direct);
        }
        Err(e) => {
            assert_eq!(parsed.unwrap_err(), e);
            assert_ne!(e, MessageError::MimeParserFailed);
            assert!(!e.to_string().is_empty());
        }
    }
});
