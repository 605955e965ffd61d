//! Delivery status notifications (RFC 3464): real-shaped reports from
//! `tests/data/dsn/` (each file's origin is in that folder's README.md),
//! the rules of the parser, and robustness: no input makes it panic.
#![cfg(feature = "alloc")]

use proptest::prelude::*;
use smtp_codes::EnhancedCode;
use smtp_codes::dsn::{Action, DefectKind, DeliveryStatus, DsnErrorKind, Recipient};
use std::path::{Path, PathBuf};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/dsn")
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(data_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn body(name: &str) -> Vec<u8> {
    assert!(name.ends_with(".txt"));
    read(name)
}

fn code(s: &str) -> EnhancedCode {
    s.parse().unwrap()
}

fn kinds(dsn: &DeliveryStatus<'_>) -> Vec<DefectKind> {
    dsn.defects().iter().map(|d| d.kind()).collect()
}

fn final_rcpt(r: &Recipient<'_>) -> String {
    r.final_recipient().unwrap().value().to_string()
}

/// What every parsed report must satisfy, whatever the input.
fn check_invariants(dsn: &DeliveryStatus<'_>, input: &[u8]) {
    assert!(!dsn.recipients().is_empty());
    let mut last = 0;
    for d in dsn.defects() {
        assert!(d.offset() <= input.len(), "{d} beyond {}", input.len());
        assert!(d.offset() >= last, "defects are in order");
        last = d.offset();
        assert!(!d.to_string().is_empty());
    }
    let pm = dsn.per_message();
    for f in pm.fields() {
        assert!(f.offset() < input.len());
        assert!(input[f.offset()..].starts_with(f.name().as_bytes()));
    }
    let _ = (pm.reporting_mta(), pm.extension_fields().count());
    for r in dsn.recipients() {
        assert!(r.offset() < input.len());
        for f in r.fields() {
            assert!(f.offset() < input.len());
            assert!(input[f.offset()..].starts_with(f.name().as_bytes()));
            assert!(!f.value().as_bytes().contains(&b'\n'));
        }
        let _ = (r.effective_status(), r.reply_code(), r.action());
        let _ = r.status().map(|s| (s.code(), s.comment()));
        let _ = r.diagnostic_code().map(|d| (d.reply_line(), d.enhanced()));
        let _ = r.extension_fields().count();
    }
    let owned = dsn.clone().into_owned();
    assert_eq!(&owned, dsn);
}

// ---------------------------------------------------------------------------
// The shared vectors and their expectation tables.

#[cfg(feature = "mime")]
fn tsv(name: &str) -> Vec<Vec<String>> {
    let text = String::from_utf8(read(name)).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

#[cfg(feature = "mime")]
fn opt(s: &str) -> Option<&str> {
    (s != "-").then_some(s)
}

#[cfg(feature = "mime")]
fn parse_vector(name: &str, input: &[u8]) -> Result<DeliveryStatus<'static>, String> {
    if name.ends_with(".txt") {
        DeliveryStatus::parse(input)
            .map(DeliveryStatus::into_owned)
            .map_err(|e| format!("{:?}", e.kind()))
    } else {
        DeliveryStatus::parse_message(input)
            .map(DeliveryStatus::into_owned)
            .map_err(|e| {
                let debug = format!("{e:?}");
                debug.split([' ', '{', '(']).next().unwrap().to_string()
            })
    }
}

#[cfg(feature = "mime")]
#[test]
fn vectors_match_expected_tables() {
    let rows = tsv("expected-recipients.tsv");
    let errors = tsv("expected-errors.tsv");
    let mut listed: Vec<String> = rows.iter().chain(&errors).map(|r| r[0].clone()).collect();
    listed.sort();
    listed.dedup();
    let mut files: Vec<String> = std::fs::read_dir(data_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".eml") || n.ends_with(".txt"))
        .collect();
    files.sort();
    assert_eq!(
        files, listed,
        "every vector has expectations, and only vectors do"
    );

    for file in &listed {
        let input = read(file);
        let result = parse_vector(file, &input);
        if let Some(err) = errors.iter().find(|r| &r[0] == file) {
            // `A|B`: either, depending on the build (see README.md).
            let got = result
                .as_ref()
                .err()
                .unwrap_or_else(|| panic!("{file} parsed"));
            assert!(err[1].split('|').any(|e| e == got), "{file}: {got}");
            continue;
        }
        let dsn = result.unwrap_or_else(|e| panic!("{file}: {e}"));
        let mine: Vec<_> = rows.iter().filter(|r| &r[0] == file).collect();
        assert_eq!(dsn.recipients().len(), mine.len(), "{file}");
        for row in mine {
            let i: usize = row[1].parse().unwrap();
            let r = &dsn.recipients()[i];
            let at = format!("{file} recipient {i}");
            assert_eq!(final_rcpt(r), row[2], "{at}");
            assert_eq!(r.action().map(Action::as_str), opt(&row[3]), "{at}");
            let status = r.status().and_then(|s| s.code()).map(|c| c.to_string());
            assert_eq!(status.as_deref(), opt(&row[4]), "{at}");
            let effective = r.effective_status().map(|c| c.to_string());
            assert_eq!(effective.as_deref(), opt(&row[5]), "{at}");
            let reply = r.reply_code().map(|c| c.to_string());
            assert_eq!(reply.as_deref(), opt(&row[6]), "{at}");
        }
        if file.ends_with(".txt") {
            check_invariants(&dsn, &input);
        } else {
            let part = smtp_codes::dsn::ReportPart::find(&input).unwrap();
            check_invariants(&dsn, part.body());
        }
    }
}

// ---------------------------------------------------------------------------
// RFC 3464, Appendix E.

#[test]
fn rfc3464_simple_dsn() {
    // RFC 3464 Appendix E, "Simple DSN".
    let input = body("rfc3464-simple.txt");
    let dsn = DeliveryStatus::parse(&input).unwrap();
    assert!(dsn.defects().is_empty(), "{:?}", dsn.defects());
    let mta = dsn.per_message().reporting_mta().unwrap();
    assert_eq!(mta.type_name().unwrap(), "dns");
    assert_eq!(mta.value(), "cs.utk.edu");
    assert_eq!(dsn.recipients().len(), 1);
    let r = &dsn.recipients()[0];
    let orig = r.original_recipient().unwrap();
    assert!(orig.has_type("RFC822"));
    assert_eq!(orig.value(), "louisl@larry.slip.umd.edu");
    assert_eq!(r.action(), Some(Action::Failed));
    assert_eq!(r.status().unwrap().code(), Some(code("4.0.0")));
    let diag = r.diagnostic_code().unwrap();
    assert!(diag.is_smtp());
    assert_eq!(diag.text(), "426 connection timed out");
    assert_eq!(diag.reply_code().unwrap(), 426);
    assert_eq!(diag.enhanced(), None);
    assert_eq!(r.effective_status(), Some(code("4.0.0")));
    assert_eq!(
        r.last_attempt_date().unwrap(),
        "Thu, 7 Jul 1994 17:15:49 -0400"
    );
    assert_eq!(r.offset(), 32);
    // Everything borrowed: nothing was folded.
    assert!(r.fields().iter().all(|f| f.value().is_borrowed()));
    check_invariants(&dsn, &input);
}

#[test]
fn rfc3464_multi_recipient_dsn() {
    // RFC 3464 Appendix E, "Multi-Recipient DSN".
    let input = body("rfc3464-multi-recipient.txt");
    let dsn = DeliveryStatus::parse(&input).unwrap();
    assert!(dsn.defects().is_empty(), "{:?}", dsn.defects());
    let rs = dsn.recipients();
    assert_eq!(rs.len(), 3);

    let status = rs[0].status().unwrap();
    assert_eq!(status.code(), Some(code("5.0.0")));
    assert_eq!(status.text(), "5.0.0 (permanent failure)");
    assert_eq!(status.comment(), Some(&b"permanent failure"[..]));
    // Folded onto a line that starts with one space; unfolding keeps it.
    let diag = rs[0].diagnostic_code().unwrap();
    assert_eq!(
        diag.text(),
        "550 'arathib@vnet.IBM.COM' is not a registered gateway user"
    );
    assert!(!diag.text().is_borrowed());
    assert_eq!(diag.reply_code().unwrap(), 550);
    assert_eq!(rs[0].remote_mta().unwrap().value(), "vnet.ibm.com");

    assert_eq!(rs[1].action(), Some(Action::Delayed));
    assert_eq!(
        rs[1].status().unwrap().comment(),
        Some(&b"hpnjld.njd.jp.com: host name lookup failure"[..])
    );
    assert!(rs[1].diagnostic_code().is_none());
    assert_eq!(rs[1].reply_code(), None);

    assert_eq!(final_rcpt(&rs[2]), "wsnell@sdcc13.ucsd.edu");
    assert_eq!(rs[2].diagnostic_code().unwrap().text(), "550 user unknown");
    check_invariants(&dsn, &input);
}

#[cfg(feature = "mime")]
#[test]
fn rfc3464_examples_as_messages() {
    use smtp_codes::dsn::{MessageError, ReportMediaType, ReportPart};

    // RFC 3464 Appendix E, "Simple DSN", as a whole message: the part is
    // found, borrowed from the message, and equals the body vector.
    let message = read("rfc3464-simple.eml");
    let part = ReportPart::find(&message).unwrap();
    assert_eq!(part.media_type(), ReportMediaType::DeliveryStatus);
    assert_eq!(part.report_type(), Some("delivery-status"));
    assert!(part.is_borrowed());
    assert!(message[part.offset()..].starts_with(b"Reporting-MTA: dns; cs.utk.edu"));
    let from_message = part.parse().unwrap();
    let input = body("rfc3464-simple.txt");
    let from_body = DeliveryStatus::parse(&input).unwrap();
    assert_eq!(from_message.recipients().len(), 1);
    assert_eq!(
        from_message.recipients()[0].fields().len(),
        from_body.recipients()[0].fields().len()
    );

    // "Multi-Recipient DSN": the RFC prints the second boundary with a
    // leading space; mail-parser takes it as a boundary all the same, and
    // the part is the body vector.
    let message = read("rfc3464-multi-recipient.eml");
    let part = ReportPart::find(&message).unwrap();
    assert_eq!(part.body(), body("rfc3464-multi-recipient.txt"));
    // Cut before the report, the report part is missing.
    let needle = b"content-type: message/delivery-status";
    let cut = message
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap();
    assert_eq!(
        ReportPart::find(&message[..cut]).unwrap_err(),
        MessageError::NoDeliveryStatusPart
    );

    // "DSN from gateway to foreign system": no Original-Recipient, address
    // type "unknown", Status before Action.
    let message = read("rfc3464-gateway.eml");
    let dsn = DeliveryStatus::parse_message(&message).unwrap();
    assert!(dsn.defects().is_empty(), "{:?}", dsn.defects());
    assert!(
        dsn.per_message()
            .reporting_mta()
            .unwrap()
            .has_type("mailbus")
    );
    let r = &dsn.recipients()[0];
    assert!(r.original_recipient().is_none());
    assert!(r.final_recipient().unwrap().has_type("unknown"));
    assert_eq!(r.final_recipient().unwrap().value(), "nair_s");
    let names: Vec<_> = r.fields().iter().map(|f| f.name()).collect();
    assert_eq!(names, ["Final-Recipient", "Status", "Action"]);

    // "Delayed DSN".
    let message = read("rfc3464-delayed.eml");
    let dsn = DeliveryStatus::parse_message(&message).unwrap();
    let r = &dsn.recipients()[0];
    assert_eq!(r.action(), Some(Action::Delayed));
    assert!(!r.action().unwrap().is_final());
    assert!(
        r.effective_status()
            .unwrap()
            .is_persistent_transient_failure()
    );
}

// ---------------------------------------------------------------------------
// MTAs in the wild.

#[cfg(feature = "mime")]
#[test]
fn postfix_bounce_two_recipients_folded_diagnostic() {
    use smtp_codes::dsn::ReportPart;
    // Postfix 3.x bounce: text/plain, message/delivery-status,
    // text/rfc822-headers; see tests/data/dsn/README.md.
    let message = read("postfix-user-unknown.eml");
    let part = ReportPart::find(&message).unwrap();
    assert!(part.is_borrowed());
    let dsn = part.into_delivery_status().unwrap();
    assert!(dsn.defects().is_empty(), "{:?}", dsn.defects());

    let pm = dsn.per_message();
    assert_eq!(pm.reporting_mta().unwrap().value(), "mail.example.org");
    assert_eq!(
        pm.arrival_date().unwrap(),
        "Tue,  5 Mar 2024 10:12:49 +0100 (CET)"
    );
    let ext: Vec<_> = pm
        .extension_fields()
        .map(|f| (f.name(), f.value().to_string()))
        .collect();
    assert_eq!(
        ext,
        [
            ("X-Postfix-Queue-ID", "3F2A1C0123".to_string()),
            ("X-Postfix-Sender", "rfc822; alice@example.org".to_string()),
        ]
    );
    assert_eq!(pm.get("x-postfix-queue-id").unwrap(), "3F2A1C0123");

    let rs = dsn.recipients();
    assert_eq!(rs.len(), 2);
    // Final-Recipient first, Original-Recipient second: one group.
    assert_eq!(final_rcpt(&rs[0]), "nobody.here@gmail.com");
    assert_eq!(
        rs[0].original_recipient().unwrap().value(),
        "nobody.here@gmail.com"
    );
    // Gmail's multi-line reply, folded by Postfix over 5 lines: unfolded
    // as RFC 5322 §2.2.3 says (line breaks removed, indentation kept).
    let diag = rs[0].diagnostic_code().unwrap();
    assert_eq!(
        diag.text(),
        "550-5.1.1 The email account that you tried to reach does    not exist. \
         Please try 550-5.1.1 double-checking the recipient's email    address for \
         typos or 550-5.1.1 unnecessary spaces. For more information, go    to 550 \
         5.1.1  https://support.google.com/mail/?p=NoSuchUser    \
         2adb3069b0e04-513a7a1a1a2si1234567e87.123 - gsmtp"
    );
    let line = diag.reply_line().unwrap();
    assert_eq!(line.code(), 550);
    assert!(!line.is_last());
    assert_eq!(line.enhanced(), Some(code("5.1.1")));

    // The local recipient: a Postfix diagnostic, no reply code.
    let diag = rs[1].diagnostic_code().unwrap();
    assert!(diag.has_type("x-postfix"));
    assert!(!diag.is_smtp());
    assert_eq!(diag.text(), "unknown user: \"bob\"");
    assert_eq!(diag.reply_code(), None);
    assert_eq!(rs[1].effective_status(), Some(code("5.1.1")));
}

#[cfg(feature = "mime")]
#[test]
fn postfix_delayed_4_4_1() {
    // Postfix "Delayed Mail (still being retried)".
    let message = read("postfix-delayed-4.4.1.eml");
    let dsn = DeliveryStatus::parse_message(&message).unwrap();
    let r = &dsn.recipients()[0];
    assert_eq!(r.action(), Some(Action::Delayed));
    assert_eq!(r.effective_status(), Some(code("4.4.1")));
    assert_eq!(
        r.effective_status().unwrap().known(),
        Some(smtp_codes::EnhancedStatus::NoAnswerFromHost)
    );
    assert_eq!(
        r.diagnostic_code().unwrap().text(),
        "connect to mx.slow.example.net[198.51.100.9]:25:    Connection timed out"
    );
    assert_eq!(
        r.will_retry_until().unwrap(),
        "Sun, 10 Mar 2024 06:02:11 +0100 (CET)"
    );
}

#[cfg(feature = "mime")]
#[test]
fn exim_generic_status_yields_to_diagnostic() {
    // Exim 4.9x: Action first, Status always 5.0.0, the code in the diagnostic.
    let message = read("exim-recipient-rejected.eml");
    let dsn = DeliveryStatus::parse_message(&message).unwrap();
    assert!(dsn.defects().is_empty(), "{:?}", dsn.defects());
    let r = &dsn.recipients()[0];
    assert_eq!(r.fields()[0].name(), "Action");
    assert_eq!(r.status().unwrap().code(), Some(code("5.0.0")));
    let diag = r.diagnostic_code().unwrap();
    assert_eq!(
        diag.text(),
        "550 5.1.1 <x@example.com>: Recipient address rejected"
    );
    assert_eq!(diag.enhanced(), Some(code("5.1.1")));
    assert_eq!(r.effective_status(), Some(code("5.1.1")));
    assert_eq!(r.reply_code().unwrap(), 550);
    assert_eq!(
        diag.reply_line().unwrap().text(),
        b"<x@example.com>: Recipient address rejected"
    );
}

#[cfg(feature = "mime")]
#[test]
fn exim_truncated_inside_the_report() {
    // The Exim bounce cut after "Remote-MT": the report up to there, and
    // the cut line as a defect.
    let message = read("exim-truncated.eml");
    let dsn = DeliveryStatus::parse_message(&message).unwrap();
    assert_eq!(kinds(&dsn), [DefectKind::NotAField]);
    let r = &dsn.recipients()[0];
    assert_eq!(r.status().unwrap().code(), Some(code("5.0.0")));
    assert!(r.remote_mta().is_none() && r.diagnostic_code().is_none());
}

#[cfg(feature = "mime")]
#[test]
fn gmail_bounce_nested_parts() {
    use smtp_codes::dsn::ReportPart;
    // Gmail: notification in multipart/related > multipart/alternative.
    let message = read("gmail-address-not-found.eml");
    let part = ReportPart::find(&message).unwrap();
    assert_eq!(part.report_type(), Some("delivery-status"));
    let dsn = part.parse().unwrap();
    assert!(dsn.defects().is_empty(), "{:?}", dsn.defects());
    let pm = dsn.per_message();
    assert_eq!(pm.reporting_mta().unwrap().value(), "googlemail.com");
    assert_eq!(
        pm.received_from_mta().unwrap().value(),
        "sender.person@gmail.com"
    );
    assert_eq!(
        pm.get("X-Original-Message-ID").unwrap(),
        "<CAB7xQz1k2hJd9w=Xq0P5sV3pY@mail.gmail.com>"
    );
    let r = &dsn.recipients()[0];
    assert_eq!(
        r.remote_mta().unwrap().value(),
        "mx.example.com. (192.0.2.25, the server for the domain example.com.)"
    );
    assert_eq!(r.effective_status(), Some(code("5.1.1")));
    assert_eq!(
        r.last_attempt_date().unwrap(),
        "Wed, 06 Mar 2024 08:42:10 -0800 (PST)"
    );
}

#[cfg(feature = "mime")]
#[test]
fn exchange_online_5_7_606() {
    // Microsoft Exchange Online NDR, "Diagnostic-code" in its own case.
    let message = read("exchange-online-5.7.606.eml");
    let dsn = DeliveryStatus::parse_message(&message).unwrap();
    assert!(dsn.defects().is_empty(), "{:?}", dsn.defects());
    let r = &dsn.recipients()[0];
    let status = r.status().unwrap().code().unwrap();
    assert_eq!(status.to_string(), "5.7.606");
    assert_eq!(status.known(), None);
    assert_eq!(
        status.known_subject(),
        Some(smtp_codes::Subject::SecurityOrPolicy)
    );
    let diag = r.diagnostic_code().unwrap();
    assert_eq!(diag.type_name().unwrap(), "smtp");
    assert!(
        diag.text()
            .as_bytes()
            .starts_with(b"550 5.7.606 Access denied, banned sending IP [203.0.113.7].")
    );
    assert_eq!(diag.enhanced(), Some(code("5.7.606")));
    assert_eq!(r.effective_status(), Some(code("5.7.606")));
    assert_eq!(r.get("x-display-name").unwrap(), "Someone");
    assert_eq!(
        r.extension_fields().map(|f| f.name()).collect::<Vec<_>>(),
        ["X-Display-Name"]
    );
}

#[test]
fn lowercase_names_and_a_three_line_fold() {
    // Constructed: lower-case names, "FAILED", a 3-line tab-folded diagnostic.
    let input = body("lowercase-folded.txt");
    let dsn = DeliveryStatus::parse(&input).unwrap();
    assert!(dsn.defects().is_empty(), "{:?}", dsn.defects());
    let pm = dsn.per_message();
    assert_eq!(pm.reporting_mta().unwrap().value(), "relay.example.net");
    assert_eq!(pm.arrival_date().unwrap(), "Fri, 8 Mar 2024 11:00:00 +0000");
    let r = &dsn.recipients()[0];
    assert_eq!(r.action(), Some(Action::Failed));
    assert_eq!(r.action_text().unwrap(), "FAILED");
    let diag = r.diagnostic_code().unwrap();
    assert_eq!(
        diag.text(),
        "554 5.7.1 <dora@example.com>: Relay access denied;\tthe message was rejected \
         by the remote server\tafter the RCPT TO command"
    );
    // Status 5.0.0 and a 5.7.1 diagnostic: the specific one counts.
    assert_eq!(r.effective_status(), Some(code("5.7.1")));
    assert_eq!(r.reply_code().unwrap(), 554);
    assert_eq!(r.get("X-RELAY-QUEUE").unwrap(), "7F00A1");
    assert_eq!(r.fields().last().unwrap().name(), "x-relay-queue");
}

#[test]
fn missing_blank_lines_are_defects() {
    // Constructed: groups run together, and a stray line.
    let input = body("missing-blank-lines.txt");
    let dsn = DeliveryStatus::parse(&input).unwrap();
    assert_eq!(
        kinds(&dsn),
        [
            DefectKind::MissingBlankLine,
            DefectKind::MissingBlankLine,
            DefectKind::NotAField
        ]
    );
    let offsets: Vec<_> = dsn.defects().iter().map(|d| d.offset()).collect();
    assert_eq!(offsets[0], dsn.recipients()[0].offset());
    assert_eq!(offsets[1], dsn.recipients()[1].offset());
    assert!(input[offsets[2]..].starts_with(b"this line is not a field"));
    assert_eq!(dsn.per_message().fields().len(), 1);
    let rs = dsn.recipients();
    assert_eq!(rs.len(), 2);
    assert_eq!(final_rcpt(&rs[0]), "one@example.com");
    assert_eq!(final_rcpt(&rs[1]), "two@example.com");
    assert_eq!(rs[1].reply_code().unwrap(), 552);
}

#[cfg(feature = "mime")]
#[test]
fn global_delivery_status_8bit_and_base64() {
    use smtp_codes::dsn::{ReportMediaType, ReportPart};
    // RFC 6533 reports: UTF-8 addresses, Localized-Diagnostic; once in 8bit
    // (borrowed from the message), once in base64 (decoded, owned).
    for (file, borrowed, report_type) in [
        ("postfix-global-smtputf8.eml", true, "delivery-status"),
        ("global-base64.eml", false, "global-delivery-status"),
    ] {
        let message = read(file);
        let part = ReportPart::find(&message).unwrap();
        assert_eq!(part.media_type(), ReportMediaType::GlobalDeliveryStatus);
        assert_eq!(part.is_borrowed(), borrowed, "{file}");
        assert_eq!(part.report_type(), Some(report_type));
        let dsn = part.into_delivery_status().unwrap();
        assert!(dsn.defects().is_empty(), "{file}: {:?}", dsn.defects());
        let r = &dsn.recipients()[0];
        let fr = r.final_recipient().unwrap();
        assert!(fr.has_type("utf-8"));
        assert_eq!(fr.value().to_str(), Some("δοκιμή@παράδειγμα.δοκιμή"));
        assert_eq!(fr.value().is_borrowed(), borrowed);
        let diag = r.diagnostic_code().unwrap();
        assert_eq!(
            diag.text().to_str(),
            Some(
                "550 5.1.1 <δοκιμή@παράδειγμα.δοκιμή>: Recipient address    rejected: User unknown"
            )
        );
        let loc = r.localized_diagnostics();
        assert_eq!(loc.len(), 1);
        assert_eq!(loc[0].type_name().unwrap(), "el");
        assert_eq!(loc[0].value().to_str(), Some("Ο παραλήπτης δεν υπάρχει"));
        assert_eq!(r.effective_status(), Some(code("5.1.1")));
    }
}

#[cfg(feature = "mime")]
#[test]
fn messages_that_are_no_dsn() {
    use smtp_codes::dsn::{MessageError, ReportPart};
    // qmail's plain-text failure notice.
    let err = ReportPart::find(&read("qmail-failure-notice.eml")).unwrap_err();
    assert_eq!(
        err,
        MessageError::NotAReport {
            content_type: "text/plain".into()
        }
    );
    // A read receipt (MDN): a report, not a DSN.
    let err = ReportPart::find(&read("mdn-read-receipt.eml")).unwrap_err();
    assert_eq!(
        err,
        MessageError::OtherReportType {
            report_type: "disposition-notification".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "not a delivery status notification: a report of type \"disposition-notification\", not delivery-status"
    );
    // A multipart message that is no report.
    let mixed = b"Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nhi\r\n--x--\r\n";
    assert_eq!(
        ReportPart::find(mixed).unwrap_err(),
        MessageError::NotAReport {
            content_type: "multipart/mixed".into()
        }
    );
    // Nothing at all.
    assert_eq!(
        ReportPart::find(b"").unwrap_err(),
        MessageError::NotAMessage
    );
    // A delivery-status part that holds no report: the body's error, with
    // where the part starts.
    let bad = b"Content-Type: multipart/report; report-type=delivery-status; boundary=x\r\n\r\n\
        --x\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; x\r\n--x--\r\n";
    match DeliveryStatus::parse_message(bad).unwrap_err() {
        MessageError::Body { error, part_offset } => {
            assert_eq!(error.kind(), DsnErrorKind::NoRecipients);
            assert!(bad[part_offset..].starts_with(b"Reporting-MTA"));
        }
        other => panic!("{other:?}"),
    }
}

#[cfg(feature = "mime")]
#[test]
fn mail_parser_debug_assertion_is_contained() {
    use smtp_codes::dsn::{MessageError, ReportPart};
    // Found by fuzzing dsn_message: this input reaches a `debug_assert!` in
    // mail-parser 0.11.9 (a panic only in builds with debug assertions).
    let message = read("mail-parser-debug-assert.eml");
    let err = ReportPart::find(&message).unwrap_err();
    if cfg!(debug_assertions) {
        assert_eq!(err, MessageError::MimeParserFailed);
    } else {
        let content_type = "multipart".to_string();
        assert_eq!(err, MessageError::NotAReport { content_type });
    }
    assert_eq!(DeliveryStatus::parse_message(&message).unwrap_err(), err);
}

// ---------------------------------------------------------------------------
// Rules.

#[test]
fn effective_status_rules() {
    // (Status, Diagnostic-Code, expected effective status)
    let cases = [
        // Exim: generic status, specific diagnostic of the same class.
        (Some("5.0.0"), Some("smtp; 550 5.1.1 no"), Some("5.1.1")),
        (Some("4.0.0"), Some("smtp; 452 4.2.2 full"), Some("4.2.2")),
        // X.Y.0 yields to X.Y.Z only.
        (Some("5.1.0"), Some("smtp; 550 5.1.1 no"), Some("5.1.1")),
        (Some("5.1.0"), Some("smtp; 550 5.7.1 no"), Some("5.1.0")),
        // A specific Status stays.
        (Some("5.7.1"), Some("smtp; 550 5.1.1 no"), Some("5.7.1")),
        // Another class does not override.
        (Some("5.0.0"), Some("smtp; 450 4.2.1 later"), Some("5.0.0")),
        // A diagnostic code whose class contradicts its reply code is not read.
        (Some("5.0.0"), Some("smtp; 550 4.2.1 odd"), Some("5.0.0")),
        // No enhanced code in the diagnostic.
        (Some("5.0.0"), Some("smtp; 550 user unknown"), Some("5.0.0")),
        // Not an smtp diagnostic: not read.
        (Some("5.0.0"), Some("x-local; 550 5.1.1 no"), Some("5.0.0")),
        // No Status, or a Status that is no code: the diagnostic's.
        (None, Some("smtp; 552 5.2.2 full"), Some("5.2.2")),
        (Some("550"), Some("smtp; 550 5.1.1 no"), Some("5.1.1")),
        (None, Some("smtp; 550 no code"), None),
        (None, None, None),
        // Exchange's #-form.
        (
            Some("5.0.0"),
            Some("smtp;550 #5.1.0 Address rejected"),
            Some("5.1.0"),
        ),
    ];
    for (status, diag, expected) in cases {
        let mut text =
            String::from("Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\n");
        if let Some(s) = status {
            text += &format!("Status: {s}\n");
        }
        if let Some(d) = diag {
            text += &format!("Diagnostic-Code: {d}\n");
        }
        let dsn = DeliveryStatus::parse(text.as_bytes()).unwrap();
        let got = dsn.recipients()[0]
            .effective_status()
            .map(|c| c.to_string());
        assert_eq!(got.as_deref(), expected, "{status:?} {diag:?}");
    }
}

#[test]
fn defects_of_each_kind() {
    let cases: &[(&[u8], &[DefectKind])] = &[
        (
            b"Final-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n",
            &[DefectKind::MissingReportingMta],
        ),
        (
            b"Reporting-MTA: dns; x\n\nAction: failed\nStatus: 5.0.0\n",
            &[DefectKind::MissingFinalRecipient],
        ),
        (
            b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: bounced\nStatus: 5.0.0\n",
            &[DefectKind::UnknownAction],
        ),
        (
            b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: permanent\n",
            &[DefectKind::BadStatus],
        ),
        (
            b"Reporting-MTA: x\n\nFinal-Recipient: a@b\nAction: failed\nStatus: 5.0.0\n",
            &[DefectKind::MissingType, DefectKind::MissingType],
        ),
        (
            b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\nStatus: 5.1.1\n",
            &[DefectKind::DuplicateField],
        ),
        (
            b"Reporting-MTA: dns; x\n\n  continued\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n",
            &[DefectKind::ContinuationWithoutField],
        ),
        (
            b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nno field here\n  nor here\nAction: failed\nStatus: 5.0.0\n",
            &[DefectKind::NotAField],
        ),
        (
            b"Reporting-MTA: dns; x\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n",
            &[DefectKind::MissingBlankLine],
        ),
        (
            b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\n",
            &[DefectKind::MissingAction, DefectKind::MissingStatus],
        ),
        (
            b"Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nbad name: x\nAction: failed\nStatus: 5.0.0\n",
            &[DefectKind::NotAField],
        ),
    ];
    for (input, expected) in cases {
        let dsn = DeliveryStatus::parse(input).unwrap();
        assert_eq!(kinds(&dsn), *expected, "{}", String::from_utf8_lossy(input));
        check_invariants(&dsn, input);
    }
    // The first of two Status fields counts; both are kept.
    let dsn = DeliveryStatus::parse(cases[5].0).unwrap();
    assert_eq!(
        dsn.recipients()[0].status().unwrap().code(),
        Some(code("5.0.0"))
    );
    assert_eq!(dsn.recipients()[0].fields().len(), 4);
}

#[test]
fn errors_with_offsets() {
    let cases: &[(&[u8], DsnErrorKind, usize)] = &[
        (b"", DsnErrorKind::Empty, 0),
        (b"\r\n \r\n\t\n", DsnErrorKind::Empty, 7),
        (b"\n\nnot a field\n", DsnErrorKind::NoFields, 2),
        (b"\x00\xff\xfe", DsnErrorKind::NoFields, 0),
        (b"Reporting-MTA: dns; x\r\n", DsnErrorKind::NoRecipients, 23),
        (
            b"Reporting-MTA: dns; x\r\nArrival-Date: Thu, 7 Jul 1994 17:15:49 -0400\r\n\r\n",
            DsnErrorKind::NoRecipients,
            71,
        ),
    ];
    for &(input, kind, offset) in cases {
        let err = DeliveryStatus::parse(input).unwrap_err();
        assert_eq!((err.kind(), err.offset()), (kind, offset), "{input:?}");
        assert!(err.to_string().contains(&format!("at byte {offset}")));
    }
}

#[test]
fn crlf_and_lf_read_the_same() {
    for file in [
        "rfc3464-simple.txt",
        "rfc3464-multi-recipient.txt",
        "lowercase-folded.txt",
        "missing-blank-lines.txt",
    ] {
        let input = body(file);
        let lf: Vec<u8> = String::from_utf8(input.clone())
            .unwrap()
            .replace("\r\n", "\n")
            .into_bytes();
        let crlf: Vec<u8> = String::from_utf8(lf.clone())
            .unwrap()
            .replace('\n', "\r\n")
            .into_bytes();
        let a = DeliveryStatus::parse(&lf).unwrap();
        let b = DeliveryStatus::parse(&crlf).unwrap();
        assert_eq!(a.recipients().len(), b.recipients().len(), "{file}");
        assert_eq!(kinds(&a), kinds(&b), "{file}");
        for (x, y) in a.recipients().iter().zip(b.recipients()) {
            let values = |r: &Recipient<'_>| -> Vec<(String, String)> {
                r.fields()
                    .iter()
                    .map(|f| (f.name().to_string(), f.value().to_string()))
                    .collect()
            };
            assert_eq!(values(x), values(y), "{file}");
        }
    }
}

// ---------------------------------------------------------------------------
// Robustness: nothing panics.

/// A small deterministic generator, so the garbage is the same on every run.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn all_vectors() -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(data_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml" || e == "txt"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    v.sort();
    v
}

/// Parses `input` both ways; checks the invariants of what parses.
fn exercise(input: &[u8]) {
    if let Ok(dsn) = DeliveryStatus::parse(input) {
        check_invariants(&dsn, input);
    }
    #[cfg(feature = "mime")]
    if let Ok(part) = smtp_codes::dsn::ReportPart::find(input) {
        let _ = (part.media_type(), part.report_type(), part.offset());
        if let Ok(dsn) = part.parse() {
            check_invariants(&dsn, part.body());
        }
        let _ = part.into_delivery_status();
    }
}

#[test]
fn every_truncation_of_every_vector() {
    for (_, input) in all_vectors() {
        for end in 0..=input.len() {
            exercise(&input[..end]);
        }
    }
}

#[test]
fn random_bytes_and_mutated_vectors() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for _ in 0..2000 {
        let len = (rng.next() % 600) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        exercise(&bytes);
    }
    // Vectors with bytes overwritten by the characters that matter most.
    const SPECIAL: &[u8] = b"\r\n \t:;()-.5\x00\xff";
    for (_, input) in all_vectors() {
        for _ in 0..150 {
            let mut m = input.clone();
            for _ in 0..1 + rng.next() % 4 {
                let i = (rng.next() as usize) % m.len();
                m[i] = SPECIAL[(rng.next() as usize) % SPECIAL.len()];
            }
            exercise(&m);
        }
    }
}

// ---------------------------------------------------------------------------
// Properties.

/// A report made of random field values, and how to render it.
#[derive(Debug, Clone)]
struct Model {
    crlf: bool,
    envelope_id: Option<String>,
    mta: (String, String),
    arrival: Option<String>,
    extensions: Vec<(String, String)>,
    recipients: Vec<ModelRecipient>,
}

#[derive(Debug, Clone)]
struct ModelRecipient {
    original: Option<(String, String)>,
    final_rcpt: (String, String),
    action: (Action, bool),
    status: (EnhancedCode, Option<String>),
    remote_mta: Option<(String, String)>,
    diagnostic: Option<(String, String)>,
    extensions: Vec<(String, String)>,
}

/// Text without leading or trailing white space, line breaks or controls.
fn text() -> impl Strategy<Value = String> {
    "[!-~]([ -~]{0,40}[!-~])?"
}

fn atom() -> impl Strategy<Value = String> {
    "[A-Za-z0-9][A-Za-z0-9-]{0,9}"
}

fn typed() -> impl Strategy<Value = (String, String)> {
    (atom(), text())
}

fn extension() -> impl Strategy<Value = (String, String)> {
    ("X-[A-Za-z0-9-]{1,12}", text())
}

fn enhanced() -> impl Strategy<Value = EnhancedCode> {
    (
        prop::sample::select(vec![2u8, 4, 5]),
        0u16..1000,
        0u16..1000,
    )
        .prop_map(|(c, s, d)| format!("{c}.{s}.{d}").parse().unwrap())
}

fn diagnostic() -> impl Strategy<Value = (String, String)> {
    prop_oneof![
        (200u16..560, enhanced(), text()).prop_map(|(reply, code, t)| {
            let reply = if reply / 10 % 10 > 5 { 550 } else { reply };
            ("smtp".to_string(), format!("{reply} {code} {t}"))
        }),
        // Never `smtp`: other types are not read for codes.
        ("X-[A-Za-z]{1,8}", text()),
    ]
}

fn recipient() -> impl Strategy<Value = ModelRecipient> {
    (
        prop::option::of(typed()),
        typed(),
        (prop::sample::select(Action::ALL.to_vec()), any::<bool>()),
        (
            enhanced(),
            prop::option::of("[!-'*-~]([ -'*-~]{0,20}[!-'*-~])?"),
        ),
        prop::option::of(typed()),
        prop::option::of(diagnostic()),
        prop::collection::vec(extension(), 0..3),
    )
        .prop_map(
            |(original, final_rcpt, action, status, remote_mta, diagnostic, extensions)| {
                ModelRecipient {
                    original,
                    final_rcpt,
                    action,
                    status,
                    remote_mta,
                    diagnostic,
                    extensions,
                }
            },
        )
}

fn model() -> impl Strategy<Value = Model> {
    (
        any::<bool>(),
        prop::option::of(text()),
        typed(),
        prop::option::of(text()),
        prop::collection::vec(extension(), 0..3),
        prop::collection::vec(recipient(), 1..5),
    )
        .prop_map(
            |(crlf, envelope_id, mta, arrival, extensions, recipients)| Model {
                crlf,
                envelope_id,
                mta,
                arrival,
                extensions,
                recipients,
            },
        )
}

/// Renders a field, folding at the spaces that `folds` picks and spelling
/// the name in the case that `case` picks.
fn field(out: &mut String, eol: &str, name: &str, value: &str, seed: &mut u64) {
    let mut next = || {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *seed >> 33
    };
    for c in name.chars() {
        out.push(if next() % 3 == 0 {
            c.to_ascii_lowercase()
        } else {
            c
        });
    }
    out.push_str(if next() % 2 == 0 { ": " } else { ":" });
    // Never fold at a space right after another: the line between would
    // be all white space, which reads as blank.
    let mut previous = ' ';
    for c in value.chars() {
        if c == ' ' && previous != ' ' && next() % 4 == 0 {
            out.push_str(eol);
        }
        out.push(c);
        previous = c;
    }
    out.push_str(eol);
}

fn render(m: &Model, seed: u64) -> String {
    let eol = if m.crlf { "\r\n" } else { "\n" };
    let mut seed = seed;
    let mut out = String::new();
    let typed = |(t, v): &(String, String)| format!("{t}; {v}");
    if let Some(id) = &m.envelope_id {
        field(&mut out, eol, "Original-Envelope-Id", id, &mut seed);
    }
    field(&mut out, eol, "Reporting-MTA", &typed(&m.mta), &mut seed);
    if let Some(a) = &m.arrival {
        field(&mut out, eol, "Arrival-Date", a, &mut seed);
    }
    for (n, v) in &m.extensions {
        field(&mut out, eol, n, v, &mut seed);
    }
    for r in &m.recipients {
        out.push_str(eol);
        if let Some(o) = &r.original {
            field(&mut out, eol, "Original-Recipient", &typed(o), &mut seed);
        }
        field(
            &mut out,
            eol,
            "Final-Recipient",
            &typed(&r.final_rcpt),
            &mut seed,
        );
        let (action, upper) = r.action;
        let a = if upper {
            action.as_str().to_uppercase()
        } else {
            action.as_str().to_string()
        };
        field(&mut out, eol, "Action", &a, &mut seed);
        let status = match &r.status.1 {
            Some(c) => format!("{} ({c})", r.status.0),
            None => r.status.0.to_string(),
        };
        field(&mut out, eol, "Status", &status, &mut seed);
        if let Some(x) = &r.remote_mta {
            field(&mut out, eol, "Remote-MTA", &typed(x), &mut seed);
        }
        if let Some(d) = &r.diagnostic {
            field(&mut out, eol, "Diagnostic-Code", &typed(d), &mut seed);
        }
        for (n, v) in &r.extensions {
            field(&mut out, eol, n, v, &mut seed);
        }
    }
    out
}

fn same_typed(
    got: Option<&smtp_codes::dsn::TypedValue<'_>>,
    want: Option<&(String, String)>,
) -> bool {
    match (got, want) {
        (None, None) => true,
        (Some(g), Some((t, v))) => {
            g.type_name().is_some_and(|n| n == t.as_str()) && g.value() == v.as_str()
        }
        _ => false,
    }
}

/// The rule `effective_status` documents, written again independently.
fn model_effective(status: EnhancedCode, diagnostic: Option<&(String, String)>) -> EnhancedCode {
    let Some((t, text)) = diagnostic else {
        return status;
    };
    if !t.eq_ignore_ascii_case("smtp") {
        return status;
    }
    let mut words = text.split(' ');
    let reply: u16 = words.next().unwrap().parse().unwrap();
    let code: EnhancedCode = words.next().unwrap().parse().unwrap();
    let generic =
        status.detail() == 0 && (status.subject() == 0 || status.subject() == code.subject());
    if u16::from(code.class().digit()) == reply / 100
        && code.class() == status.class()
        && generic
        && code != status
    {
        code
    } else {
        status
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..1500)) {
        exercise(&bytes);
    }

    #[test]
    fn dsn_like_lines_never_panic(
        lines in prop::collection::vec(
            prop_oneof![
                Just("Reporting-MTA: dns; x".to_string()),
                Just("Final-Recipient: rfc822; a@b".to_string()),
                Just("Original-Recipient: rfc822;a@b".to_string()),
                Just("Action: failed".to_string()),
                Just("Status: 5.0.0 (x)".to_string()),
                Just("Diagnostic-Code: smtp; 550-5.1.1 no".to_string()),
                Just("Localized-Diagnostic: de;".to_string()),
                Just("".to_string()),
                Just(" \t".to_string()),
                "[ \t]?[ -~\u{80}-\u{3ff}]{0,30}",
                "[A-Za-z-]{0,12}[ ]?:[ -~]{0,20}",
            ],
            0..40,
        ),
        crlf in any::<bool>(),
    ) {
        let joined = lines.join(if crlf { "\r\n" } else { "\n" });
        exercise(joined.as_bytes());
    }

    #[test]
    fn rendered_reports_parse_back(m in model(), seed in any::<u64>()) {
        let text = render(&m, seed);
        let dsn = DeliveryStatus::parse(text.as_bytes()).unwrap();
        prop_assert!(dsn.defects().is_empty(), "{:?}\n{}", dsn.defects(), text);
        let pm = dsn.per_message();
        prop_assert_eq!(pm.original_envelope_id().map(|v| v.to_string()), m.envelope_id.clone());
        prop_assert!(same_typed(pm.reporting_mta(), Some(&m.mta)));
        prop_assert_eq!(pm.arrival_date().map(|v| v.to_string()), m.arrival.clone());
        let ext: Vec<(String, String)> = pm
            .extension_fields()
            .map(|f| (f.name().to_ascii_lowercase(), f.value().to_string()))
            .collect();
        let want: Vec<(String, String)> = m
            .extensions
            .iter()
            .map(|(n, v)| (n.to_ascii_lowercase(), v.clone()))
            .collect();
        prop_assert_eq!(ext, want);
        prop_assert_eq!(dsn.recipients().len(), m.recipients.len());
        for (r, w) in dsn.recipients().iter().zip(&m.recipients) {
            prop_assert!(same_typed(r.original_recipient(), w.original.as_ref()));
            prop_assert!(same_typed(r.final_recipient(), Some(&w.final_rcpt)));
            prop_assert_eq!(r.action(), Some(w.action.0));
            let status = r.status().unwrap();
            prop_assert_eq!(status.code(), Some(w.status.0));
            prop_assert_eq!(status.comment(), w.status.1.as_deref().map(str::as_bytes));
            prop_assert!(same_typed(r.remote_mta(), w.remote_mta.as_ref()));
            prop_assert!(same_typed(r.diagnostic_code().map(|d| d.as_typed()), w.diagnostic.as_ref()));
            prop_assert_eq!(
                r.effective_status(),
                Some(model_effective(w.status.0, w.diagnostic.as_ref()))
            );
            let ext: Vec<(String, String)> = r
                .extension_fields()
                .map(|f| (f.name().to_ascii_lowercase(), f.value().to_string()))
                .collect();
            let want: Vec<(String, String)> = w
                .extensions
                .iter()
                .map(|(n, v)| (n.to_ascii_lowercase(), v.clone()))
                .collect();
            prop_assert_eq!(ext, want);
        }
        check_invariants(&dsn, text.as_bytes());
    }
}
