//! Single reply lines: the building block of reply parsing.

use smtp_codes::{ParseErrorKind, ReplyLine};

fn enhanced(line: &ReplyLine<'_>) -> Option<String> {
    line.enhanced().map(|e| e.to_string())
}

#[test]
fn real_lines() {
    // Gmail, RFC 2034 style on a continuation line.
    let l = ReplyLine::parse(
        b"550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n",
    )
    .unwrap();
    assert_eq!((l.code().as_u16(), l.is_last()), (550, false));
    assert_eq!(enhanced(&l).as_deref(), Some("5.1.1"));
    assert!(l.text().starts_with(b"The email account"));
    // Microsoft, a 3-digit detail.
    let l =
        ReplyLine::parse(b"550 5.7.606 Access denied, banned sending IP [203.0.113.7]").unwrap();
    assert_eq!(enhanced(&l).as_deref(), Some("5.7.606"));
    assert_eq!(l.text(), b"Access denied, banned sending IP [203.0.113.7]");
    // Exchange's #-form.
    let l = ReplyLine::parse(b"550 #5.1.0 Address rejected").unwrap();
    assert_eq!(enhanced(&l).as_deref(), Some("5.1.0"));
    assert_eq!(l.text(), b"Address rejected");
    // Bare code, LF only.
    let l = ReplyLine::parse(b"250\n").unwrap();
    assert!(l.is_last() && l.text().is_empty() && l.enhanced().is_none());
    // 3yz replies carry no enhanced code.
    let l = ReplyLine::parse(b"354 2.0.0 go ahead").unwrap();
    assert_eq!((l.enhanced(), l.mismatched_enhanced()), (None, None));
    assert_eq!(l.text(), b"2.0.0 go ahead");
    // An IPv4 address is not an enhanced code.
    let l = ReplyLine::parse(b"554 5.1.1.2 is listed").unwrap();
    assert_eq!((l.enhanced(), l.mismatched_enhanced()), (None, None));
    assert_eq!(l.text(), b"5.1.1.2 is listed");
    // The code alone at the end of the line.
    let l = ReplyLine::parse(b"421 4.3.2").unwrap();
    assert_eq!(enhanced(&l).as_deref(), Some("4.3.2"));
    assert!(l.text().is_empty());
    // Mismatch: reported, kept in the text.
    let l = ReplyLine::parse(b"451 5.7.1 greylisted").unwrap();
    assert_eq!(l.enhanced(), None);
    assert_eq!(l.mismatched_enhanced().unwrap().to_string(), "5.7.1");
    assert_eq!(l.text(), b"5.7.1 greylisted");
}

#[test]
fn refused_lines() {
    for (input, kind, offset) in [
        (&b""[..], ParseErrorKind::Empty, 0),
        (b"\r\n", ParseErrorKind::Empty, 0),
        (b"25", ParseErrorKind::ExpectedDigit, 2),
        (b"2500 x", ParseErrorKind::TooManyDigits, 3),
        (b"250_x", ParseErrorKind::ExpectedSeparator, 3),
        (b"650 x", ParseErrorKind::ReplyClass, 0),
        (b"290 x", ParseErrorKind::ReplyCategory, 1),
        (b"x", ParseErrorKind::ExpectedDigit, 0),
    ] {
        let e = ReplyLine::parse(input).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (kind, offset), "{input:?}");
    }
}

#[test]
fn never_panics_on_arbitrary_bytes() {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let alphabet = b"0123456789.-# \r\n\t5x\xff";
    for _ in 0..200_000 {
        let len = (next() % 16) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        if let Ok(line) = ReplyLine::parse(&bytes) {
            // The text is a suffix of the input, borrowed.
            let trimmed = bytes.strip_suffix(b"\n").unwrap_or(&bytes);
            let trimmed = trimmed.strip_suffix(b"\r").unwrap_or(trimmed);
            assert!(trimmed.ends_with(line.text()), "{bytes:?}");
            if let Some(e) = line.enhanced() {
                assert_eq!(e.class().digit() as u16, line.code().as_u16() / 100);
            }
        }
        let _ = smtp_codes::EnhancedCode::parse(&bytes);
        let _ = smtp_codes::ReplyCode::parse(&bytes);
    }
}
