//! The whole domain of both code grammars: every value either round-trips or
//! is refused, consistently with the grammar.

use smtp_codes::{
    Class, EnhancedCode, EnhancedStatus, KnownReplyCode, ParseErrorKind, ReplyCategory, ReplyClass,
    ReplyCode, Subject,
};
use std::fmt::Write;

/// RFC 5321 §4.2: `Reply-code = %x32-35 %x30-35 %x30-39`.
fn reply_grammar(n: u16) -> bool {
    (2..=5).contains(&(n / 100)) && n / 10 % 10 <= 5 && n < 1000
}

#[test]
fn every_reply_code_000_to_999() {
    let mut valid = 0;
    for n in 0..1000u16 {
        let text = format!("{n:03}");
        let parsed = text.parse::<ReplyCode>();
        assert_eq!(parsed.is_ok(), reply_grammar(n), "{text}");
        assert_eq!(ReplyCode::from_u16(n).is_some(), reply_grammar(n), "{n}");
        assert_eq!(ReplyCode::try_from(n).is_ok(), reply_grammar(n), "{n}");
        assert_eq!(
            ReplyCode::try_from(text.as_bytes()).is_ok(),
            reply_grammar(n)
        );
        match parsed {
            Ok(code) => {
                valid += 1;
                assert_eq!(code.to_string(), text);
                assert_eq!(code.as_str(), text);
                assert_eq!(code, n);
                assert_eq!(n, code);
                assert_eq!(u16::from(code), n);
                assert_eq!(code.class() as u16, n / 100);
                assert_eq!(code.category() as u16, n / 10 % 10);
                assert_eq!(ReplyClass::from_digit((n / 100) as u8), Some(code.class()));
                assert_eq!(
                    ReplyCategory::from_digit((n / 10 % 10) as u8),
                    Some(code.category())
                );
                let preds = [
                    code.is_positive_completion(),
                    code.is_positive_intermediate(),
                    code.is_transient_negative(),
                    code.is_permanent_negative(),
                ];
                assert_eq!(preds.iter().filter(|p| **p).count(), 1);
                assert!(preds[(n / 100 - 2) as usize]);
                assert_eq!(code.is_positive(), n < 400);
                assert_eq!(code.is_negative(), n >= 400);
                assert_eq!(
                    code.known().map(|k| k as u16),
                    KnownReplyCode::from_u16(n).map(|k| k as u16)
                );
            }
            Err(e) => {
                let expected = if !(2..=5).contains(&(n / 100)) {
                    (ParseErrorKind::ReplyClass, 0)
                } else {
                    (ParseErrorKind::ReplyCategory, 1)
                };
                assert_eq!((e.kind(), e.offset()), expected, "{text}");
            }
        }
    }
    // 4 first digits x 6 second digits x 10 third digits.
    assert_eq!(valid, 240);
}

#[test]
fn reply_code_rejects_other_shapes() {
    for (input, kind, offset) in [
        ("", ParseErrorKind::Empty, 0),
        ("25", ParseErrorKind::ExpectedDigit, 2),
        ("2a0", ParseErrorKind::ExpectedDigit, 1),
        (" 250", ParseErrorKind::ExpectedDigit, 0),
        ("2500", ParseErrorKind::TooManyDigits, 3),
        ("250 ", ParseErrorKind::TrailingInput, 3),
        ("+250", ParseErrorKind::ExpectedDigit, 0),
        ("２５０", ParseErrorKind::ExpectedDigit, 0),
    ] {
        let e = input.parse::<ReplyCode>().unwrap_err();
        assert_eq!((e.kind(), e.offset()), (kind, offset), "{input:?}");
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn every_class_subject_detail_0_to_999() {
    let mut buf = String::new();
    let mut valid = 0u32;
    for class in 0..10u16 {
        let known_class = Class::from_number(class as u8);
        for subject in 0..1000u16 {
            for detail in 0..1000u16 {
                buf.clear();
                write!(buf, "{class}.{subject}.{detail}").unwrap();
                match EnhancedCode::parse(buf.as_bytes()) {
                    Ok(code) => {
                        valid += 1;
                        assert_eq!(Some(code.class()), known_class, "{buf}");
                        assert_eq!((code.subject(), code.detail()), (subject, detail));
                        let again = code.to_string();
                        assert_eq!(again, buf);
                        assert_eq!(
                            code.known(),
                            EnhancedStatus::from_parts(subject, detail),
                            "{buf}"
                        );
                        assert_eq!(code.known_subject(), Subject::from_number(subject));
                    }
                    Err(e) => {
                        assert!(known_class.is_none(), "{buf} refused: {e}");
                        assert_eq!(e.kind(), ParseErrorKind::EnhancedClass);
                        assert_eq!(e.offset(), 0);
                    }
                }
            }
        }
    }
    assert_eq!(valid, 3 * 1000 * 1000);
}

#[test]
fn enhanced_code_rejects_other_shapes() {
    for (input, kind, offset) in [
        ("", ParseErrorKind::Empty, 0),
        ("5", ParseErrorKind::ExpectedDot, 1),
        ("55.1.1", ParseErrorKind::TooManyDigits, 1),
        ("5.", ParseErrorKind::ExpectedDigit, 2),
        ("5.1", ParseErrorKind::ExpectedDot, 3),
        ("5.1.", ParseErrorKind::ExpectedDigit, 4),
        ("5.1000.1", ParseErrorKind::TooManyDigits, 5),
        ("5.1.1000", ParseErrorKind::TooManyDigits, 7),
        ("5.01.1", ParseErrorKind::LeadingZero, 2),
        ("5.1.01", ParseErrorKind::LeadingZero, 4),
        ("5.1.1.2", ParseErrorKind::TrailingInput, 5),
        ("5.1.1 ", ParseErrorKind::TrailingInput, 5),
        ("x.1.1", ParseErrorKind::ExpectedDigit, 0),
        ("3.1.1", ParseErrorKind::EnhancedClass, 0),
        ("5,1,1", ParseErrorKind::ExpectedDot, 1),
    ] {
        let e = input.parse::<EnhancedCode>().unwrap_err();
        assert_eq!((e.kind(), e.offset()), (kind, offset), "{input:?}");
    }
}

#[test]
fn enhanced_code_values() {
    let a: EnhancedCode = "5.7.606".parse().unwrap();
    let b = EnhancedCode::new(Class::PermanentFailure, 7, 606).unwrap();
    assert_eq!(a, b);
    assert_eq!(format!("{a:>9}"), "  5.7.606");
    assert_eq!(format!("{a:?}"), "EnhancedCode(5.7.606)");
    let c: EnhancedCode = "5.1.1".parse().unwrap();
    assert_eq!(
        format!("{c:?}"),
        "EnhancedCode(5.1.1 BadDestinationMailboxAddress)"
    );
    assert!(c < a, "ordered by class, subject, detail");
    assert_eq!(
        EnhancedStatus::try_from(c),
        Ok(EnhancedStatus::BadDestinationMailboxAddress)
    );
    assert_eq!(EnhancedStatus::try_from(a), Err(a));
    assert_eq!(std::mem::size_of::<Option<EnhancedCode>>(), 6);
    assert_eq!(std::mem::size_of::<Option<ReplyCode>>(), 2);
}

#[test]
fn every_status_round_trips_with_every_class() {
    for status in EnhancedStatus::ALL {
        for class in Class::ALL {
            let code = status.with_class(class);
            assert_eq!(code.known(), Some(status));
            let text = code.to_string();
            assert_eq!(text.parse::<EnhancedCode>(), Ok(code));
            assert_eq!(&text[1..], &status.code()[1..], "{status:?}");
        }
    }
}
