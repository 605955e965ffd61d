//! EHLO replies: real server shapes, the parameter forms of SIZE, AUTH and
//! LIMITS, deprecated and unknown keywords, malformed lines, and arbitrary
//! input that must never panic.
//!
//! About the real replies below: they are written from the shapes these
//! servers are widely documented and seen to send (keyword order, SIZE values,
//! AUTH lists), not captured here; host names and client addresses are
//! placeholders (documentation ranges), and values a server's operator can
//! configure may differ on any given server.

use proptest::prelude::*;
use smtp_codes::{Ehlo, EhloErrorKind, EhloKeyword, Extension, Parameters, ServerLimit, SizeLimit};

/// `Ehlo::parse` on a raw reply, checked to agree with `Ehlo::from_lines`
/// on the same lines without their `250-`.
fn ehlo(reply: &'static str) -> Ehlo<'static, smtp_codes::ReplyTexts<'static>> {
    let parsed = Ehlo::parse(reply.as_bytes()).unwrap_or_else(|e| panic!("{e}: {reply:?}"));
    let texts: Vec<&[u8]> = reply
        .lines()
        .map(|l| l.as_bytes().get(4..).unwrap_or(&[]))
        .collect();
    let from_lines = Ehlo::from_lines(texts.iter().copied()).unwrap();
    assert_eq!(parsed.greeting(), from_lines.greeting());
    assert!(parsed.extensions().eq(from_lines.extensions()));
    parsed
}

/// The keywords of the well-formed extension lines, as sent.
fn keywords<'a, I>(e: &Ehlo<'a, I>) -> Vec<&'a str>
where
    I: Iterator<Item = &'a [u8]> + Clone,
{
    e.extensions().flatten().map(|x| x.keyword()).collect()
}

// ---------------------------------------------------------------------------
// Real servers

/// Gmail's submission server `smtp.gmail.com` (port 587) before STARTTLS:
/// "at your service" with the client's address in brackets, SIZE 35882577,
/// no AUTH until TLS is up.
#[test]
fn gmail_submission_before_starttls() {
    let e = ehlo(
        "250-smtp.gmail.com at your service, [198.51.100.7]\r\n\
                  250-SIZE 35882577\r\n\
                  250-8BITMIME\r\n\
                  250-STARTTLS\r\n\
                  250-ENHANCEDSTATUSCODES\r\n\
                  250-PIPELINING\r\n\
                  250-CHUNKING\r\n\
                  250 SMTPUTF8\r\n",
    );
    assert_eq!(e.greeting().domain(), b"smtp.gmail.com");
    assert_eq!(
        e.greeting().text_utf8(),
        Some("at your service, [198.51.100.7]")
    );
    assert_eq!(e.size(), Some(SizeLimit::Maximum(35_882_577)));
    for k in [
        EhloKeyword::EightBitMime,
        EhloKeyword::StartTls,
        EhloKeyword::EnhancedStatusCodes,
        EhloKeyword::Pipelining,
        EhloKeyword::Chunking,
        EhloKeyword::SmtpUtf8,
    ] {
        assert!(e.supports(k), "{k}");
    }
    assert!(!e.supports(EhloKeyword::Auth));
    assert_eq!(e.auth(), None);
    assert_eq!(e.errors().count(), 0);
    assert!(e.extensions().flatten().all(|x| x.known().is_some()));
}

/// The same server after STARTTLS: AUTH with Google's mechanisms.
#[test]
fn gmail_submission_after_starttls() {
    let e = ehlo(
        "250-smtp.gmail.com at your service, [198.51.100.7]\r\n\
                  250-SIZE 35882577\r\n\
                  250-8BITMIME\r\n\
                  250-AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH\r\n\
                  250-ENHANCEDSTATUSCODES\r\n\
                  250-PIPELINING\r\n\
                  250-CHUNKING\r\n\
                  250 SMTPUTF8\r\n",
    );
    let auth = e.auth().unwrap();
    assert!(!auth.is_legacy_form());
    assert_eq!(
        auth.iter().collect::<Vec<_>>(),
        [
            "LOGIN",
            "PLAIN",
            "XOAUTH2",
            "PLAIN-CLIENTTOKEN",
            "OAUTHBEARER",
            "XOAUTH"
        ]
    );
    assert!(auth.contains("xoauth2"));
    assert!(!auth.contains("CRAM-MD5"));
    assert!(!e.supports(EhloKeyword::StartTls));
}

/// Exchange Online (Microsoft 365) receiving on port 25: the front-end
/// server's name and "Hello [client address]", SIZE 157286400 (150 MiB),
/// BINARYMIME and CHUNKING.
#[test]
fn exchange_online() {
    let e = ehlo(
        "250-AM0PR01MB1234.eurprd01.prod.exchangelabs.com Hello [198.51.100.7]\r\n\
                  250-SIZE 157286400\r\n\
                  250-PIPELINING\r\n\
                  250-DSN\r\n\
                  250-ENHANCEDSTATUSCODES\r\n\
                  250-STARTTLS\r\n\
                  250-8BITMIME\r\n\
                  250-BINARYMIME\r\n\
                  250-CHUNKING\r\n\
                  250 SMTPUTF8\r\n",
    );
    assert_eq!(
        e.greeting().domain_str(),
        Some("AM0PR01MB1234.eurprd01.prod.exchangelabs.com")
    );
    assert_eq!(e.greeting().text(), Some(&b"Hello [198.51.100.7]"[..]));
    assert_eq!(e.size().unwrap().maximum(), Some(157_286_400));
    assert!(e.supports(EhloKeyword::BinaryMime));
    assert!(e.supports(EhloKeyword::Dsn));
    assert_eq!(e.extensions().count(), 9);
}

/// On-premises Exchange Server, default receive connector: Microsoft's own
/// keywords (X-ANONYMOUSTLS, X-EXPS, XEXCH50, XRDST, XSHADOWREQUEST) that
/// IANA never registered, kept as sent; SIZE 37748736 (36 MiB, the default).
#[test]
fn exchange_on_premises() {
    let e = ehlo(
        "250-mail.example.com Hello [192.0.2.15]\r\n\
                  250-SIZE 37748736\r\n\
                  250-PIPELINING\r\n\
                  250-DSN\r\n\
                  250-ENHANCEDSTATUSCODES\r\n\
                  250-STARTTLS\r\n\
                  250-X-ANONYMOUSTLS\r\n\
                  250-AUTH NTLM\r\n\
                  250-X-EXPS GSSAPI NTLM\r\n\
                  250-8BITMIME\r\n\
                  250-BINARYMIME\r\n\
                  250-CHUNKING\r\n\
                  250-XEXCH50\r\n\
                  250-XRDST\r\n\
                  250 XSHADOWREQUEST\r\n",
    );
    let unknown: Vec<&str> = e
        .extensions()
        .flatten()
        .filter(|x| x.known().is_none())
        .map(|x| x.keyword())
        .collect();
    assert_eq!(
        unknown,
        [
            "X-ANONYMOUSTLS",
            "X-EXPS",
            "XEXCH50",
            "XRDST",
            "XSHADOWREQUEST"
        ]
    );
    let exps = e.find(b"x-exps").unwrap();
    assert_eq!(
        exps.raw_params().collect::<Vec<_>>(),
        [&b"GSSAPI"[..], b"NTLM"]
    );
    assert!(matches!(exps.parameters(), Parameters::Raw(_)));
    assert_eq!(e.auth().unwrap().iter().collect::<Vec<_>>(), ["NTLM"]);
    assert_eq!(e.size(), Some(SizeLimit::Maximum(37_748_736)));
}

/// Postfix with its defaults: the bare host name as greeting,
/// message_size_limit 10240000, VRFY (a command of RFC 821 that Postfix
/// advertises, not in the IANA registry) and ETRN.
#[test]
fn postfix_default() {
    let e = ehlo(
        "250-mail.example.com\r\n\
                  250-PIPELINING\r\n\
                  250-SIZE 10240000\r\n\
                  250-VRFY\r\n\
                  250-ETRN\r\n\
                  250-ENHANCEDSTATUSCODES\r\n\
                  250-8BITMIME\r\n\
                  250-DSN\r\n\
                  250-SMTPUTF8\r\n\
                  250 CHUNKING\r\n",
    );
    assert_eq!(e.greeting().domain(), b"mail.example.com");
    assert_eq!(e.greeting().text(), None);
    assert_eq!(e.size(), Some(SizeLimit::Maximum(10_240_000)));
    let vrfy = e.find(b"VRFY").unwrap();
    assert_eq!(vrfy.known(), None);
    assert!(vrfy.raw_params().is_empty());
    assert!(e.supports(EhloKeyword::Etrn));
    assert_eq!(
        keywords(&e),
        [
            "PIPELINING",
            "SIZE",
            "VRFY",
            "ETRN",
            "ENHANCEDSTATUSCODES",
            "8BITMIME",
            "DSN",
            "SMTPUTF8",
            "CHUNKING"
        ]
    );
}

/// Postfix with SASL and `broken_sasl_auth_clients = yes`: AUTH is
/// advertised twice, the second time in the pre-standard `AUTH=` form that
/// Outlook Express 4 and Exchange 5.0 looked for.
#[test]
fn postfix_broken_sasl_auth_clients() {
    let e = ehlo(
        "250-mail.example.com\r\n\
                  250-PIPELINING\r\n\
                  250-SIZE 10240000\r\n\
                  250-ETRN\r\n\
                  250-STARTTLS\r\n\
                  250-AUTH PLAIN LOGIN\r\n\
                  250-AUTH=PLAIN LOGIN\r\n\
                  250-ENHANCEDSTATUSCODES\r\n\
                  250-8BITMIME\r\n\
                  250 DSN\r\n",
    );
    let auths: Vec<_> = e
        .extensions()
        .flatten()
        .filter(|x| x.known() == Some(EhloKeyword::Auth))
        .collect();
    assert_eq!(auths.len(), 2);
    assert_eq!(auths[1].keyword(), "AUTH");
    let Parameters::Auth(legacy) = auths[1].parameters() else {
        panic!()
    };
    assert!(legacy.is_legacy_form());
    assert_eq!(legacy.iter().collect::<Vec<_>>(), ["PLAIN", "LOGIN"]);
    // The standard form wins.
    assert!(!e.auth().unwrap().is_legacy_form());
}

/// Exim with its defaults: "Hello name [address]", message_size_limit 50M
/// (52428800), PRDR (a draft extension, not registered) and HELP last.
#[test]
fn exim_default() {
    let e = ehlo(
        "250-mx.example.net Hello client.example.org [198.51.100.7]\r\n\
                  250-SIZE 52428800\r\n\
                  250-8BITMIME\r\n\
                  250-PIPELINING\r\n\
                  250-CHUNKING\r\n\
                  250-STARTTLS\r\n\
                  250-PRDR\r\n\
                  250 HELP\r\n",
    );
    assert_eq!(
        e.greeting().text_utf8(),
        Some("Hello client.example.org [198.51.100.7]")
    );
    assert_eq!(e.size(), Some(SizeLimit::Maximum(52_428_800)));
    assert!(e.find(b"PRDR").unwrap().known().is_none());
    assert_eq!(e.get(EhloKeyword::Help).unwrap().keyword(), "HELP");
}

/// Yahoo's inbound MX: a short list with SIZE 41697280.
#[test]
fn yahoo_mx() {
    let e = ehlo(
        "250-mta1001.mail.gq1.yahoo.com\r\n\
                  250-PIPELINING\r\n\
                  250-SIZE 41697280\r\n\
                  250-8BITMIME\r\n\
                  250 STARTTLS\r\n",
    );
    assert_eq!(e.size(), Some(SizeLimit::Maximum(41_697_280)));
    assert_eq!(keywords(&e), ["PIPELINING", "SIZE", "8BITMIME", "STARTTLS"]);
}

/// The one-line reply of RFC 5321's grammar: a domain and no extensions.
#[test]
fn one_line_reply() {
    let e = ehlo("250 mx.example.com greets you\r\n");
    assert_eq!(e.greeting().domain(), b"mx.example.com");
    assert_eq!(e.extensions().count(), 0);
    assert_eq!(e.size(), None);
    let e = Ehlo::parse(b"250 [192.0.2.1]").unwrap();
    assert_eq!(e.greeting().domain(), b"[192.0.2.1]");
}

// ---------------------------------------------------------------------------
// Keywords and parameters

#[test]
fn keywords_ignore_case() {
    let lines: [&[u8]; 5] = [
        b"mx.example.com",
        b"size 1000",
        b"StartTls",
        b"auth plain",
        b"8bitmime",
    ];
    let e = Ehlo::from_lines(lines).unwrap();
    assert_eq!(e.size(), Some(SizeLimit::Maximum(1000)));
    assert!(e.supports(EhloKeyword::StartTls));
    assert!(e.auth().unwrap().contains("PLAIN"));
    assert_eq!(
        e.get(EhloKeyword::EightBitMime).unwrap().keyword(),
        "8bitmime"
    );
    for k in EhloKeyword::ALL {
        let lower = k.as_str().to_ascii_lowercase();
        assert_eq!(EhloKeyword::from_keyword(lower.as_bytes()), Some(k));
        assert_eq!(
            Extension::parse(lower.as_bytes())
                .ok()
                .and_then(|x| x.known()),
            Some(k)
        );
    }
}

#[test]
fn size_forms() {
    let size = |line: &[u8]| match Extension::parse(line).map(|x| x.parameters()) {
        Ok(Parameters::Size(s)) => Ok(s),
        Ok(other) => panic!("{other:?}"),
        Err(e) => Err((e.kind(), e.offset())),
    };
    assert_eq!(size(b"SIZE"), Ok(SizeLimit::NotDeclared));
    assert_eq!(size(b"SIZE "), Ok(SizeLimit::NotDeclared));
    assert_eq!(size(b"SIZE 0"), Ok(SizeLimit::NoFixedMaximum));
    assert_eq!(size(b"SIZE 000"), Ok(SizeLimit::NoFixedMaximum));
    assert_eq!(size(b"SIZE 1"), Ok(SizeLimit::Maximum(1)));
    assert_eq!(
        size(b"SIZE 35882577\r\n"),
        Ok(SizeLimit::Maximum(35_882_577))
    );
    assert_eq!(
        size(b"SIZE 18446744073709551615"),
        Ok(SizeLimit::Maximum(u64::MAX))
    );
    assert_eq!(
        size(b"SIZE 18446744073709551616"),
        Err((EhloErrorKind::InvalidSize, 24))
    );
    assert_eq!(size(b"SIZE 10M"), Err((EhloErrorKind::InvalidSize, 7)));
    assert_eq!(size(b"SIZE -1"), Err((EhloErrorKind::InvalidSize, 5)));
    assert_eq!(size(b"SIZE 1 2"), Err((EhloErrorKind::InvalidSize, 7)));
    assert_eq!(size(b"SIZE=100"), Err((EhloErrorKind::ExpectedKeyword, 4)));
    assert!(SizeLimit::NoFixedMaximum.allows(u64::MAX));
    assert!(!SizeLimit::Maximum(10).allows(11));
}

#[test]
fn auth_forms() {
    let auth = |line: &'static [u8]| match Extension::parse(line).map(|x| x.parameters()) {
        Ok(Parameters::Auth(a)) => Ok((a.is_legacy_form(), a.iter().collect::<Vec<_>>())),
        Ok(other) => panic!("{other:?}"),
        Err(e) => Err((e.kind(), e.offset())),
    };
    assert_eq!(
        auth(b"AUTH PLAIN LOGIN"),
        Ok((false, vec!["PLAIN", "LOGIN"]))
    );
    assert_eq!(
        auth(b"AUTH=LOGIN PLAIN"),
        Ok((true, vec!["LOGIN", "PLAIN"]))
    );
    assert_eq!(auth(b"auth=login"), Ok((true, vec!["login"])));
    assert_eq!(auth(b"AUTH=LOGIN"), Ok((true, vec!["LOGIN"])));
    assert_eq!(auth(b"AUTH"), Ok((false, vec![])));
    assert_eq!(
        auth(b"AUTH   SCRAM-SHA-256-PLUS  SCRAM_X"),
        Ok((false, vec!["SCRAM-SHA-256-PLUS", "SCRAM_X"]))
    );
    assert_eq!(
        auth(b"AUTH PLAIN LOG/IN"),
        Err((EhloErrorKind::InvalidMechanism, 11))
    );
    assert_eq!(
        auth(b"AUTH ABCDEFGHIJKLMNOPQRSTU"),
        Err((EhloErrorKind::InvalidMechanism, 5))
    );
    // Only AUTH has the `=` form.
    assert_eq!(
        Extension::parse(b"SMTPUTF8=yes").unwrap_err().kind(),
        EhloErrorKind::ExpectedKeyword
    );
    // Only the legacy form present: it is the answer.
    let lines: [&[u8]; 2] = [b"mx.example.com", b"AUTH=LOGIN"];
    let e = Ehlo::from_lines(lines).unwrap();
    assert!(e.auth().unwrap().is_legacy_form());
    assert!(e.supports(EhloKeyword::Auth));
}

/// LIMITS (RFC 9422 §3): `limit-name ["=" limit-value]`, registered limits
/// valued `%x31-39 0*5DIGIT` as their registry entries say.
#[test]
fn limits() {
    let lines: [&[u8]; 3] = [
        b"mx.example.com",
        b"LIMITS RCPTMAX=100 MAILMAX=1000 RCPTDOMAINMAX=1",
        b"PIPELINING",
    ];
    let e = Ehlo::from_lines(lines).unwrap();
    let limits = e.limits().unwrap();
    assert_eq!(limits.rcpt_max(), Some(100));
    assert_eq!(limits.mail_max(), Some(1000));
    assert_eq!(limits.rcpt_domain_max(), Some(1));
    assert_eq!(limits.iter().count(), 3);

    let parse = |line: &'static [u8]| match Extension::parse(line).map(|x| x.parameters()) {
        Ok(Parameters::Limits(l)) => Ok(l),
        Ok(other) => panic!("{other:?}"),
        Err(e) => Err((e.kind(), e.offset())),
    };
    // Names ignore case; unknown limits are kept, with or without a value.
    let l = parse(b"LIMITS rcptmax=20 X-FOO X_BAR=a:b,c").unwrap();
    assert_eq!(l.get(ServerLimit::RcptMax), Some(20));
    let all: Vec<_> = l.iter().map(|x| (x.name(), x.value(), x.known())).collect();
    assert_eq!(
        all,
        [
            ("rcptmax", Some("20"), Some(ServerLimit::RcptMax)),
            ("X-FOO", None, None),
            ("X_BAR", Some("a:b,c"), None),
        ]
    );
    assert_eq!(parse(b"LIMITS").unwrap().iter().count(), 0);
    assert_eq!(
        parse(b"LIMITS RCPTMAX=999999").unwrap().rcpt_max(),
        Some(999_999)
    );
    // Registered limits: a number 1-999999 without leading zero, and a value.
    for (bad, at) in [
        (&b"LIMITS RCPTMAX=0"[..], 15),
        (b"LIMITS RCPTMAX=1000000", 15),
        (b"LIMITS RCPTMAX=010", 15),
        (b"LIMITS RCPTMAX=ten", 15),
        (b"LIMITS MAILMAX", 7),
        (b"LIMITS MAILMAX=1 RCPTMAX=", 25),
        (b"LIMITS X=a;b", 9),
        (b"LIMITS =5", 7),
        (b"LIMITS X.Y=1", 7),
    ] {
        assert_eq!(
            parse(bad).map(|_| ()),
            Err((EhloErrorKind::InvalidLimit, at)),
            "{}",
            String::from_utf8_lossy(bad)
        );
    }
    assert_eq!(
        parse(b"LIMITS RCPTMAX=5 rcptmax=6").map(|_| ()),
        Err((EhloErrorKind::DuplicateLimit, 17))
    );
    // Unregistered limits are kept as sent, even twice.
    assert_eq!(parse(b"LIMITS X-FOO X-FOO=1").unwrap().iter().count(), 2);
    for limit in ServerLimit::ALL {
        assert_eq!(limit.parse_value(b"1"), Some(1));
        assert_eq!(limit.parse_value(b"999999"), Some(999_999));
        assert_eq!(limit.parse_value(b""), None);
    }
}

#[test]
fn deprecated_keyword_flagged() {
    // An old server still offering TURN and the experimental UTF8SMTP.
    let lines: [&[u8]; 5] = [
        b"old.example.com",
        b"TURN",
        b"UTF8SMTP",
        b"SMTPUTF8",
        b"EXPN",
    ];
    let e = Ehlo::from_lines(lines).unwrap();
    let flagged: Vec<(&str, bool)> = e
        .extensions()
        .flatten()
        .map(|x| (x.keyword(), x.known().unwrap().is_deprecated()))
        .collect();
    assert_eq!(
        flagged,
        [
            ("TURN", true),
            ("UTF8SMTP", true),
            ("SMTPUTF8", false),
            ("EXPN", false)
        ]
    );
    assert_eq!(EhloKeyword::Turn.deprecation_marks(), ["deprecated"]);
    let deprecated: Vec<&str> = EhloKeyword::ALL
        .iter()
        .filter(|k| k.is_deprecated())
        .map(|k| k.as_str())
        .collect();
    assert_eq!(
        deprecated,
        ["SEND", "SOML", "SAML", "TURN", "SUBMITTER", "UTF8SMTP"]
    );
}

#[test]
fn unknown_keyword_kept() {
    let lines: [&[u8]; 4] = [
        b"mx.example.com",
        b"XCLIENT NAME ADDR PROTO HELO",
        b"X-LINK2STATE",
        b"XFORWARD NAME ADDR PROTO HELO SOURCE",
    ];
    let e = Ehlo::from_lines(lines).unwrap();
    assert_eq!(e.errors().count(), 0);
    let x = e.find(b"xclient").unwrap();
    assert_eq!(x.keyword(), "XCLIENT");
    assert_eq!(x.known(), None);
    assert_eq!(x.raw_params().as_bytes(), b"NAME ADDR PROTO HELO");
    assert_eq!(x.raw_params().count(), 4);
    assert!(e.find(b"X-LINK2STATE").is_some());
    assert!(e.find(b"XNOPE").is_none());
}

#[test]
fn malformed_lines_reported_others_kept() {
    let lines: [&[u8]; 8] = [
        b"mx.example.com",
        b"SIZE lots",
        b"-DASH",
        b"PIPELINING",
        b"",
        b"AUTH PLAIN \xff",
        b"BAD_KEYWORD",
        b"STARTTLS",
    ];
    let e = Ehlo::from_lines(lines).unwrap();
    let errors: Vec<_> = e
        .errors()
        .map(|x| (x.line(), x.kind(), x.offset()))
        .collect();
    assert_eq!(
        errors,
        [
            (1, EhloErrorKind::InvalidSize, 5),
            (2, EhloErrorKind::ExpectedKeyword, 0),
            (4, EhloErrorKind::ExpectedKeyword, 0),
            (5, EhloErrorKind::InvalidParameter, 11),
            (6, EhloErrorKind::ExpectedKeyword, 3),
        ]
    );
    assert_eq!(keywords(&e), ["PIPELINING", "STARTTLS"]);
    // SIZE was advertised, but says nothing readable.
    assert!(e.supports(EhloKeyword::Size));
    assert_eq!(e.size(), None);
    assert_eq!(e.auth(), None);
    let shown = e.errors().next().unwrap().to_string();
    assert!(
        shown.contains("line 2") && shown.contains("SIZE"),
        "{shown}"
    );
}

#[test]
fn greeting_forms() {
    let none: [&[u8]; 0] = [];
    assert_eq!(
        Ehlo::from_lines(none).unwrap_err().kind(),
        EhloErrorKind::NoGreeting
    );
    for bad in [
        &b""[..],
        b" mx.example.com",
        b"\r\n",
        b"mx\x01.example.com hi",
    ] {
        let lines = [bad];
        assert_eq!(
            Ehlo::from_lines(lines).unwrap_err().kind(),
            EhloErrorKind::ExpectedDomain,
            "{bad:?}"
        );
    }
    let lines: [&[u8]; 1] = [b"mx.example.com   Hi \xc3\xa9t\xc3\xa9  \r\n"];
    let g = Ehlo::from_lines(lines).unwrap().greeting();
    assert_eq!(g.domain(), b"mx.example.com");
    assert_eq!(g.text_utf8(), Some("Hi été"));
}

#[test]
fn raw_reply_errors() {
    let err = |reply: &[u8]| {
        let e = Ehlo::parse(reply).unwrap_err();
        (e.kind(), e.line())
    };
    assert_eq!(err(b""), (EhloErrorKind::NoGreeting, 0));
    assert_eq!(
        err(b"500 5.5.1 Command unrecognized: \"EHLO x\"\r\n"),
        (EhloErrorKind::UnexpectedCode, 0)
    );
    assert_eq!(
        err(b"250-mx.example.com\r\n421 4.3.2 bye\r\n"),
        (EhloErrorKind::UnexpectedCode, 1)
    );
    assert_eq!(
        err(b"250-mx.example.com\r\n250-DSN\r\n"),
        (EhloErrorKind::Continuation, 1)
    );
    assert_eq!(
        err(b"250 mx.example.com\r\n250 DSN\r\n"),
        (EhloErrorKind::Continuation, 1)
    );
    assert!(matches!(
        err(b"250-mx.example.com\r\n25O DSN\r\n"),
        (EhloErrorKind::ReplyLine(_), 1)
    ));
    assert!(matches!(
        err(b"250-mx.example.com\r\n\r\n250 DSN\r\n"),
        (EhloErrorKind::ReplyLine(_), 1)
    ));
    // LF alone and no final line ending are fine.
    let e = Ehlo::parse(b"250-mx.example.com\n250 DSN").unwrap();
    assert_eq!(keywords(&e), ["DSN"]);
}

/// A hostile server's huge lines cost time linear in their length.
#[test]
fn huge_lines_are_read_in_linear_time() {
    let mut limits = b"LIMITS".to_vec();
    let mut auth = b"AUTH".to_vec();
    for i in 0..100_000 {
        limits.extend_from_slice(format!(" L{i}={i}").as_bytes());
        auth.extend_from_slice(format!(" M{i}").as_bytes());
    }
    limits.extend_from_slice(b" RCPTMAX=7");
    let lines: [&[u8]; 3] = [b"mx.example.com", &limits, &auth];
    let start = std::time::Instant::now();
    let e = Ehlo::from_lines(lines).unwrap();
    assert_eq!(e.limits().unwrap().rcpt_max(), Some(7));
    assert_eq!(e.limits().unwrap().iter().count(), 100_001);
    assert!(e.auth().unwrap().contains("M99999"));
    assert!(start.elapsed() < std::time::Duration::from_secs(20));
}

// ---------------------------------------------------------------------------
// Arbitrary input never panics

fn exercise<'a, I>(e: &Ehlo<'a, I>)
where
    I: Iterator<Item = &'a [u8]> + Clone,
{
    let g = e.greeting();
    let _ = (g.domain(), g.domain_str(), g.text(), g.text_utf8());
    for x in e.extensions() {
        match x {
            Ok(x) => {
                let _ = (x.keyword(), x.known(), x.raw_params().count());
                match x.parameters() {
                    Parameters::Size(s) => {
                        let _ = (s.maximum(), s.allows(1));
                    }
                    Parameters::Auth(a) => {
                        let _ = (a.iter().count(), a.contains("PLAIN"), a.is_empty());
                    }
                    Parameters::Limits(l) => {
                        for limit in l.iter() {
                            let _ = (limit.name(), limit.value(), limit.known(), limit.number());
                        }
                        let _ = (l.rcpt_max(), l.mail_max(), l.rcpt_domain_max());
                    }
                    _ => {}
                }
            }
            Err(err) => {
                let _ = err.to_string();
            }
        }
    }
    let _ = (e.size(), e.auth(), e.limits(), e.errors().count());
    for k in EhloKeyword::ALL {
        let _ = (e.supports(k), e.get(k));
    }
    let _ = e.find(b"XCLIENT");
}

/// Bytes that make EHLO lines interesting.
fn ehloish() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop::sample::select(vec![
        &b"SIZE"[..],
        b"AUTH",
        b"AUTH=",
        b"LIMITS",
        b"RCPTMAX=",
        b"MAILMAX",
        b"=",
        b" ",
        b"\t",
        b"0",
        b"9",
        b"99999999999999999999",
        b"PLAIN",
        b"-",
        b"_",
        b";",
        b"\r",
        b"\n",
        b"\xff",
        b"\x00",
        b"x",
    ]);
    prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn arbitrary_lines_never_panic(lines in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..40), 0..8)) {
        if let Ok(e) = Ehlo::from_lines(lines.iter().map(Vec::as_slice)) {
            exercise(&e);
        }
        for line in &lines {
            let _ = Extension::parse(line);
        }
    }

    #[test]
    fn ehloish_lines_never_panic(lines in prop::collection::vec(ehloish(), 1..8)) {
        if let Ok(e) = Ehlo::from_lines(lines.iter().map(Vec::as_slice)) {
            exercise(&e);
        }
    }

    #[test]
    fn arbitrary_replies_never_panic(reply in prop::collection::vec(any::<u8>(), 0..200)) {
        if let Ok(e) = Ehlo::parse(&reply) {
            exercise(&e);
        }
    }

    #[test]
    fn arbitrary_replies_with_250_never_panic(lines in prop::collection::vec(ehloish(), 1..6)) {
        let mut reply = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            reply.extend_from_slice(if i + 1 == lines.len() { b"250 " } else { b"250-" });
            reply.extend_from_slice(line);
            reply.extend_from_slice(b"\r\n");
        }
        if let Ok(e) = Ehlo::parse(&reply) {
            exercise(&e);
        }
    }

    /// A well-formed line reads back as written.
    #[test]
    fn wellformed_lines_read_back(
        keyword in "[A-Za-z0-9][A-Za-z0-9-]{0,15}",
        params in prop::collection::vec("[!-~]{1,10}", 0..4),
    ) {
        let line = std::iter::once(keyword.clone()).chain(params.iter().cloned()).collect::<Vec<_>>().join(" ");
        match Extension::parse(line.as_bytes()) {
            Ok(x) => {
                prop_assert_eq!(x.keyword(), keyword.as_str());
                prop_assert_eq!(x.known(), EhloKeyword::from_keyword(keyword.as_bytes()));
                let read: Vec<&[u8]> = x.raw_params().collect();
                let written: Vec<&[u8]> = params.iter().map(|p| p.as_bytes()).collect();
                prop_assert_eq!(read, written);
            }
            // Only the keywords whose parameters are typed may refuse them.
            Err(_) => prop_assert!(matches!(
                EhloKeyword::from_keyword(keyword.as_bytes()),
                Some(EhloKeyword::Size | EhloKeyword::Auth | EhloKeyword::Limits)
            )),
        }
    }
}
