//! Fuzzes `DeliveryStatus::parse` on arbitrary `message/delivery-status`
//! bodies: it must never panic, and what it returns must hold together
//! (offsets inside the input, defects in order, values without line breaks,
//! `into_owned` equal to the borrowed report).
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtp_codes::dsn::DeliveryStatus;

fuzz_target!(|data: &[u8]| {
    let Ok(dsn) = DeliveryStatus::parse(data) else {
        return;
    };
    assert!(!dsn.recipients().is_empty());
    let mut last = 0;
    for d in dsn.defects() {
        assert!(d.offset() <= data.len());
        assert!(d.offset() >= last);
        last = d.offset();
    }
    let pm = dsn.per_message();
    let _ = (
        pm.original_envelope_id(),
        pm.reporting_mta().map(|t| (t.type_name(), t.value())),
        pm.dsn_gateway(),
        pm.received_from_mta(),
        pm.arrival_date(),
        pm.extension_fields().count(),
    );
    for f in pm.fields() {
        assert!(data[f.offset()..].starts_with(f.name().as_bytes()));
        assert!(!f.value().as_bytes().contains(&b'\n'));
    }
    for r in dsn.recipients() {
        assert!(r.offset() < data.len());
        for f in r.fields() {
            assert!(data[f.offset()..].starts_with(f.name().as_bytes()));
            assert!(!f.value().as_bytes().contains(&b'\n'));
        }
        let _ = (
            r.original_recipient(),
            r.final_recipient().map(|t| t.value().to_str()),
            r.action(),
            r.action_text(),
            r.status().map(|s| (s.code(), s.comment())),
            r.remote_mta(),
            r.diagnostic_code()
                .map(|d| (d.is_smtp(), d.reply_line(), d.enhanced())),
            r.localized_diagnostics().len(),
            r.last_attempt_date(),
            r.final_log_id(),
            r.will_retry_until(),
            r.effective_status(),
            r.reply_code(),
            r.extension_fields().count(),
        );
    }
    let owned = dsn.clone().into_owned();
    assert_eq!(owned, dsn);
});
