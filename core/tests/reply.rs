//! Whole replies: streaming, limits, transcripts, rendering, and the
//! render-then-parse property.

use proptest::prelude::*;
use smtp_codes::{
    Class, Defect, EnhancedCode, Mode, ParseOptions, ParseStatus, RenderError, Replies, Reply,
    ReplyCode, ReplyErrorKind, ReplyStream, ReplyWriter,
};

const EHLO: &[u8] =
    b"250-mail.example.com\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250 CHUNKING\r\n";

#[test]
fn stream_byte_by_byte_equals_whole_parse() {
    let input = [EHLO, b"550-5.1.1 a\r\n550 5.1.1 b\r\n", b"354 go\r\n"].concat();
    let mut stream = ReplyStream::new(ParseOptions::new());
    let mut buf = Vec::new();
    let mut got = Vec::new();
    for &b in &input {
        buf.push(b);
        if let ParseStatus::Complete(reply, used) = stream.feed(&buf).unwrap() {
            got.push((
                reply.code().as_u16(),
                reply.line_count(),
                reply.text().to_string(),
            ));
            buf.drain(..used);
        }
    }
    assert!(buf.is_empty());
    let whole: Vec<_> = Replies::new(&input, ParseOptions::new())
        .map(|r| r.unwrap())
        .map(|r| (r.code().as_u16(), r.line_count(), r.text().to_string()))
        .collect();
    assert_eq!(got, whole);
    assert_eq!(got.len(), 3);
    assert_eq!(got[1], (550, 2, "a\nb".to_owned()));
}

#[test]
fn parse_prefix_with_pipelined_replies() {
    let input = b"250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 End data\r\n";
    let mut rest = &input[..];
    let mut codes = Vec::new();
    while let ParseStatus::Complete(reply, used) =
        Reply::parse_prefix(rest, &ParseOptions::new()).unwrap()
    {
        codes.push(reply.enhanced().map(|e| e.to_string()));
        rest = &rest[used..];
    }
    assert!(rest.is_empty());
    assert_eq!(codes, [Some("2.1.0".into()), Some("2.1.5".into()), None]);
}

#[test]
fn limits_hold_on_hostile_input() {
    let opts = ParseOptions::new().max_line_length(100).max_lines(5);
    // A line that never ends is refused as soon as it exceeds the limit.
    let endless = vec![b'2'; 1000];
    let e = Reply::parse_prefix(&endless, &opts).unwrap_err();
    assert_eq!(e.kind(), ReplyErrorKind::LineTooLong);
    let mut stream = ReplyStream::new(opts);
    let mut buf = b"250-".to_vec();
    buf.extend(std::iter::repeat_n(b'x', 97));
    assert_eq!(stream.feed(&buf).unwrap(), ParseStatus::Incomplete); // 101 bytes: may still be 100 + CR
    buf.push(b'x');
    assert_eq!(
        stream.feed(&buf).unwrap_err().kind(),
        ReplyErrorKind::LineTooLong
    );
    // Exactly at the limit, with CRLF, is fine.
    let mut line = b"250 ".to_vec();
    line.extend(std::iter::repeat_n(b'y', 96));
    line.extend_from_slice(b"\r\n");
    assert!(Reply::parse_with(&line, &opts).is_ok());
    // Too many lines.
    let many = b"250-a\r\n".repeat(10);
    let e = Reply::parse_prefix(&many, &opts).unwrap_err();
    assert_eq!((e.kind(), e.line()), (ReplyErrorKind::TooManyLines, 5));
    // Defaults: a 1 MB line without LF is refused without reading it all.
    let e = Reply::parse_prefix(&vec![b'5'; 1 << 20], &ParseOptions::new()).unwrap_err();
    assert_eq!(e.kind(), ReplyErrorKind::LineTooLong);
}

#[test]
fn line_over_512_is_reported() {
    let mut line = b"550 ".to_vec();
    line.extend(std::iter::repeat_n(b'z', 600));
    let reply = Reply::parse(&line).unwrap();
    assert!(reply.defects().contains(Defect::LineOver512));
}

#[test]
fn transcript_skips_what_is_not_a_reply() {
    let t = b"220 mx ESMTP\r\nEHLO client\r\n250-mx\r\n250 8BITMIME\r\nMAIL FROM:<a@b>\r\n250 2.1.0 Ok\r\nRCPT TO:<c@d>\r\n550-5.1.1 no\r\nQUIT\r\n";
    let results: Vec<_> = Replies::new(t, ParseOptions::new()).collect();
    let codes: Vec<u16> = results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|r| r.code().as_u16())
        .collect();
    assert_eq!(codes, [220, 250, 250]);
    let errors = results.iter().filter(|r| r.is_err()).count();
    // EHLO, MAIL, RCPT lines, the unterminated 550 (its QUIT line breaks it), QUIT.
    assert_eq!(errors, 5);
}

/// Found by `cargo fuzz run reply` (fuzz target's lines() == line_count()
/// check): a line ending in two CRs was read as a bare code while the
/// reply was scanned, and refused when its lines were read back.
#[test]
fn crash_two_crs_before_lf() {
    let input = b"422--\x00\n422\r\r\n";
    match Reply::parse(input) {
        Ok(reply) => assert_eq!(reply.lines().count(), reply.line_count()),
        Err(e) => assert_eq!((e.line(), e.offset()), (1, 10)),
    }
    let e = Reply::parse(b"250 a\r\n422\r\r\n").unwrap_err();
    assert_eq!(e.kind(), ReplyErrorKind::TrailingInput);
    // A CR just before the line end is the line ending; one more is text
    // where a separator belongs.
    let e = Reply::parse(b"422\r\r\n").unwrap_err();
    assert_eq!((e.kind().as_str(), e.offset()), ("expected_separator", 3));
    for r in Replies::new(input, ParseOptions::new()).flatten() {
        assert_eq!(r.lines().count(), r.line_count());
    }
}

#[test]
fn strict_mode_refuses_mismatch() {
    let strict = ParseOptions::new().mode(Mode::Strict);
    let e = Reply::parse_with(b"550-a\r\n551 b\r\n", &strict).unwrap_err();
    match e.kind() {
        ReplyErrorKind::CodeMismatch { expected, found } => {
            assert_eq!((expected.as_u16(), found.as_u16()), (550, 551));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn render_rules() {
    let e5 = EnhancedCode::new(Class::PermanentFailure, 1, 1);
    let e2 = EnhancedCode::new(Class::Success, 0, 0);
    let code = ReplyCode::MAILBOX_UNAVAILABLE;
    assert_eq!(
        ReplyWriter::new(code, e2, &["x"]).unwrap_err(),
        RenderError::EnhancedClassMismatch
    );
    assert_eq!(
        ReplyWriter::new(ReplyCode::START_MAIL_INPUT, e2, &["x"]).unwrap_err(),
        RenderError::EnhancedOnIntermediate
    );
    assert_eq!(
        ReplyWriter::new(code, e5, &["a", "b\r\nc"]).unwrap_err(),
        RenderError::LineBreak { line: 1 }
    );
    // 512 octets with code, enhanced code and CRLF is the most allowed.
    let fits = "x".repeat(500);
    assert!(ReplyWriter::new(code, e5, &[&fits]).is_ok());
    let long = "x".repeat(501);
    assert_eq!(
        ReplyWriter::new(code, e5, &[&long]).unwrap_err(),
        RenderError::LineTooLong { line: 0 }
    );
    assert!(ReplyWriter::new(code, None, &[&long]).is_ok());
    assert_eq!(
        ReplyWriter::new(code, None, &["5.1.1 looks like a code"]).unwrap_err(),
        RenderError::AmbiguousText { line: 0 }
    );
    assert_eq!(
        ReplyWriter::new(code, e5, &[" leading space"]).unwrap_err(),
        RenderError::AmbiguousText { line: 0 }
    );
    // 3yz text may start with anything.
    assert!(ReplyWriter::new(ReplyCode::START_MAIL_INPUT, None, &["2.0.0 go"]).is_ok());
    assert_eq!(
        ReplyWriter::new(code, e5, &[]).unwrap().to_string(),
        "550 5.1.1\r\n"
    );
    assert_eq!(
        ReplyWriter::new(ReplyCode::OK, None, &["a", "", "c"])
            .unwrap()
            .to_string(),
        "250-a\r\n250-\r\n250 c\r\n"
    );
}

fn reply_code() -> impl Strategy<Value = ReplyCode> {
    (2u16..=5, 0u16..=5, 0u16..=9)
        .prop_map(|(a, b, c)| ReplyCode::from_u16(a * 100 + b * 10 + c).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Render then parse gives back the same reply, for every reply the
    /// writer accepts.
    #[test]
    fn render_then_parse(
        code in reply_code(),
        with_enhanced in any::<bool>(),
        subject in 0u16..1000,
        detail in 0u16..1000,
        lines in proptest::collection::vec("[ -~\t]{0,80}", 0..6),
    ) {
        let class = Class::from_number((code.as_u16() / 100) as u8);
        let enhanced = match class {
            Some(class) if with_enhanced => EnhancedCode::new(class, subject, detail),
            _ => None,
        };
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let Ok(writer) = ReplyWriter::new(code, enhanced, &refs) else {
            return Ok(());
        };
        let text = writer.to_string();
        let reply = Reply::parse_with(text.as_bytes(), &ParseOptions::new().mode(Mode::Strict)).unwrap();
        prop_assert_eq!(reply.code(), code);
        prop_assert_eq!(reply.enhanced(), enhanced);
        let back: Vec<String> = reply.lines().map(|l| String::from_utf8(l.text().to_vec()).unwrap()).collect();
        let expected: Vec<String> = if lines.is_empty() { vec![String::new()] } else { lines.clone() };
        prop_assert_eq!(back, expected);
        prop_assert!(reply.defects().is_empty(), "{:?}", reply.defects());
    }

    /// Arbitrary bytes: no panic; an accepted reply's lines are within it
    /// and carry one code.
    #[test]
    fn arbitrary_bytes(input in proptest::collection::vec(any::<u8>(), 0..300)) {
        for mode in [Mode::Strict, Mode::Lenient] {
            let opts = ParseOptions::new().mode(mode);
            if let Ok(reply) = Reply::parse_with(&input, &opts) {
                prop_assert_eq!(reply.lines().count(), reply.line_count());
                if mode == Mode::Strict {
                    prop_assert!(reply.lines().all(|l| l.code() == reply.code()));
                }
            }
            let _ = Reply::parse_prefix(&input, &opts);
            let total: usize = Replies::new(&input, opts).count();
            prop_assert!(total <= input.len());
        }
    }

    /// Streaming in arbitrary chunks gives what the transcript reader gives.
    #[test]
    fn chunked_stream(cut in proptest::collection::vec(1usize..20, 1..30)) {
        let input = [EHLO, b"550-5.7.1 a\r\n550 5.7.1 b\r\n", b"221 bye\r\n"].concat();
        let mut stream = ReplyStream::new(ParseOptions::new());
        let mut buf = Vec::new();
        let mut got = Vec::new();
        let mut pos = 0;
        let mut cuts = cut.into_iter().cycle();
        while pos < input.len() {
            let n = cuts.next().unwrap().min(input.len() - pos);
            buf.extend_from_slice(&input[pos..pos + n]);
            pos += n;
            while let ParseStatus::Complete(reply, used) = stream.feed(&buf).unwrap() {
                got.push(reply.code().as_u16());
                buf.drain(..used);
            }
        }
        prop_assert_eq!(got, vec![250, 550, 221]);
    }
}
