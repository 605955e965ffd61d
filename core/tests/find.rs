//! Codes in free text: real bounces and logs, things that look like codes and
//! are not, the ranking, megabyte adversarial inputs, and properties.

use proptest::prelude::*;
use smtp_codes::{
    EnhancedCode, Found, FoundCode, FoundContext, ReplyCode, best_enhanced, best_reply, find_codes,
};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// The codes found, as written.
fn codes(text: &str) -> Vec<String> {
    find_codes(text.as_bytes())
        .map(|f| f.code.to_string())
        .collect()
}

fn best_e(text: &str) -> Option<String> {
    best_enhanced(text.as_bytes()).map(|e| e.to_string())
}

fn best_r(text: &str) -> Option<u16> {
    best_reply(text.as_bytes()).map(ReplyCode::as_u16)
}

fn reply(n: u16) -> ReplyCode {
    ReplyCode::from_u16(n).unwrap()
}

/// Every invariant that holds for any input.
fn check_invariants(text: &[u8]) -> Vec<Found> {
    let found: Vec<Found> = find_codes(text).collect();
    let mut prev_end = 0;
    for f in &found {
        assert!(
            f.span.start >= prev_end,
            "spans overlap or go back: {found:?}"
        );
        assert!(f.span.start < f.span.end && f.span.end <= text.len());
        prev_end = f.span.end;
        let digits = &text[f.span.clone()];
        match f.code {
            FoundCode::Reply(r) => {
                assert_eq!(ReplyCode::parse(digits), Ok(r));
                assert!(!matches!(f.context, FoundContext::AfterReply(_)));
            }
            FoundCode::Enhanced(e) => {
                assert_eq!(EnhancedCode::parse(digits), Ok(e));
                if !matches!(f.context, FoundContext::AfterReply(_)) {
                    assert!(e.known_subject().is_some(), "{e} in running text");
                }
            }
        }
    }
    let enhanced: Vec<EnhancedCode> = found.iter().filter_map(|f| f.code.enhanced()).collect();
    let replies: Vec<ReplyCode> = found.iter().filter_map(|f| f.code.reply()).collect();
    match best_enhanced(text) {
        Some(b) => assert!(enhanced.contains(&b)),
        None => assert!(enhanced.is_empty()),
    }
    match best_reply(text) {
        Some(b) => assert!(replies.contains(&b)),
        None => assert!(replies.is_empty()),
    }
    // The iterator is fused and its clone replays it.
    let mut it = find_codes(text);
    let replay: Vec<Found> = it.clone().collect();
    assert_eq!(replay, found);
    it.by_ref().for_each(drop);
    assert!(it.next().is_none());
    found
}

#[test]
fn postfix_log_line() {
    // Postfix smtp(8) log line for a bounce (pid 421 on purpose: a process id
    // in brackets is not a reply code).
    let line = "Jun  5 10:15:32 mail postfix/smtp[421]: 4A1B2C3D4E: to=<x@example.com>, \
        relay=mx.example.com[203.0.113.5]:25, delay=0.52, delays=0.05/0.01/0.3/0.16, dsn=5.1.1, \
        status=bounced (host mx.example.com[203.0.113.5] said: 550 5.1.1 <x@example.com>: \
        Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))";
    assert_eq!(codes(line), ["5.1.1", "550", "5.1.1"]);
    let found: Vec<Found> = find_codes(line.as_bytes()).collect();
    assert_eq!(found[0].context, FoundContext::Anchored); // dsn=
    assert_eq!(found[1].context, FoundContext::Anchored); // said:
    assert_eq!(found[2].context, FoundContext::AfterReply(reply(550)));
    assert_eq!(&line[found[2].span.clone()], "5.1.1");
    assert_eq!(best_e(line).as_deref(), Some("5.1.1"));
    assert_eq!(best_r(line), Some(550));
    check_invariants(line.as_bytes());
}

#[test]
fn postfix_deferred_and_qmgr() {
    // Postfix: a deferral, then qmgr's size and recipient count.
    let log = "Jun  5 10:15:32 mail postfix/qmgr[1234]: 4A1B2C3D4E: from=<s@example.org>, size=552, nrcpt=250 (queue active)\n\
        Jun  5 10:15:33 mail postfix/smtp[1235]: 4A1B2C3D4E: to=<x@example.com>, relay=mx.example.com[203.0.113.5]:25, \
        delay=1.2, delays=0.1/0/0.5/0.6, dsn=4.2.2, status=deferred (host mx.example.com[203.0.113.5] said: \
        452 4.2.2 Mailbox full (in reply to RCPT TO command))\n";
    assert_eq!(codes(log), ["4.2.2", "452", "4.2.2"]);
    assert_eq!(best_e(log).as_deref(), Some("4.2.2"));
    assert_eq!(best_r(log), Some(452));
}

#[test]
fn exim_log_and_bounce() {
    // Exim main log, a failed delivery.
    let log = "2024-05-06 10:15:32 1s4XYZ-000ABC-12 ** x@example.com R=dnslookup T=remote_smtp \
        H=mx.example.com [203.0.113.5]: SMTP error from remote mail server after RCPT TO:<x@example.com>: \
        550 5.1.1 <x@example.com>: Recipient address rejected: User unknown";
    assert_eq!(codes(log), ["550", "5.1.1"]);
    assert_eq!(best_e(log).as_deref(), Some("5.1.1"));
    assert_eq!(best_r(log), Some(550));
    // Exim's "Mail delivery failed" message body.
    let body = "This message was created automatically by mail delivery software.\n\n\
        A message that you sent could not be delivered to one or more of its\n\
        recipients. This is a permanent error. The following address(es) failed:\n\n  \
        x@example.com\n    host mx.example.com [203.0.113.5]\n    \
        SMTP error from remote mail server after RCPT TO:<x@example.com>:\n    \
        550 5.1.1 <x@example.com>: Recipient address rejected: User unknown in virtual mailbox table\n";
    let found: Vec<Found> = find_codes(body.as_bytes()).collect();
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].context, FoundContext::Anchored); // start of a line
    assert_eq!(best_r(body), Some(550));
}

#[test]
fn gmail_multiline_reply() {
    // Gmail's RCPT TO reply for an unknown user, as relayed in a bounce.
    let reply = "550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n\
        550-5.1.1 double-checking the recipient's email address for typos or\r\n\
        550-5.1.1 unnecessary spaces. For more information, go to\r\n\
        550 5.1.1  https://support.google.com/mail/?p=NoSuchUser 41be03b00d2f7-5dc3ec0bd5bsi1234567a12.123 - gsmtp";
    assert_eq!(codes(reply), ["550", "5.1.1"].repeat(4));
    assert!(
        find_codes(reply.as_bytes())
            .filter(|f| f.code.enhanced().is_some())
            .all(|f| f.agrees_with_reply())
    );
    assert_eq!(best_e(reply).as_deref(), Some("5.1.1"));
    assert_eq!(best_r(reply), Some(550));
}

#[test]
fn microsoft() {
    // Outlook.com / Office 365, banned sending IP.
    let t = "550 5.7.606 Access denied, banned sending IP [203.0.113.7]. To request removal from this \
        list please visit https://sender.office.com/ and follow the directions. For more information \
        please go to  http://go.microsoft.com/fwlink/?LinkID=526655 AS(1430)";
    assert_eq!(codes(t), ["550", "5.7.606"]);
    assert_eq!(best_e(t).as_deref(), Some("5.7.606"));
    // Exchange NDR, "Diagnostic information for administrators".
    let t = "Remote Server returned '550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized'";
    assert_eq!(codes(t), ["550", "5.7.1"]);
    assert_eq!(
        find_codes(t.as_bytes()).next().unwrap().context,
        FoundContext::Anchored
    );
    assert_eq!(best_e(t).as_deref(), Some("5.7.1"));
    // Exchange's # form: its own generic code, then the remote server's.
    let t = "#5.1.0 smtp;550 5.1.1 <x@example.com>... User unknown";
    assert_eq!(codes(t), ["5.1.0", "550", "5.1.1"]);
    assert_eq!(best_e(t).as_deref(), Some("5.1.1"));
    assert_eq!(best_r(t), Some(550));
    // Exchange 2003 style, the remote reply quoted after a `-`.
    let t = "#< #5.0.0 smtp; 5.1.0 - Unknown address error 550-'5.1.1 User unknown' (delivery attempts: 0)> #SMTP#";
    assert_eq!(codes(t), ["5.0.0", "5.1.0", "550", "5.1.1"]);
    assert_eq!(best_e(t).as_deref(), Some("5.1.1"));
    assert_eq!(best_r(t), Some(550));
    // Exchange, a message that expired in the queue: the last error counts.
    let t = "#550 4.4.7 QUEUE.Expired; message expired [Last Error: 451 4.4.0 DNS query failed] ##";
    assert_eq!(codes(t), ["550", "4.4.7", "451", "4.4.0"]);
    assert_eq!(best_e(t).as_deref(), Some("4.4.0"));
    assert_eq!(best_r(t), Some(451));
}

#[test]
fn yahoo_deferral() {
    // Yahoo's deferral, with its own dotted reference that is not a code.
    let t = "421 4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred due to unexpected volume \
        or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes";
    assert_eq!(codes(t), ["421", "4.7.0"]);
    assert_eq!(best_e(t).as_deref(), Some("4.7.0"));
    assert_eq!(best_r(t), Some(421));
}

#[test]
fn timeout_wraps_the_cause() {
    // The generic timeout first, the underlying reply after it.
    let t = "4.4.7 Delivery time expired; last attempt: 451 4.4.1 no answer from host";
    assert_eq!(codes(t), ["4.4.7", "451", "4.4.1"]);
    assert_eq!(best_e(t).as_deref(), Some("4.4.1"));
    assert_eq!(best_r(t), Some(451));
    // An RFC 3464 DSN of the same.
    let dsn =
        "Action: failed\nStatus: 4.4.7\nDiagnostic-Code: smtp; 451 4.4.1 no answer from host\n";
    assert_eq!(best_e(dsn).as_deref(), Some("4.4.1"));
    // Also with class 5: X.4.7 is generic whatever its class.
    assert_eq!(
        best_e("Status: 5.4.7\nsaid: 450 4.2.1 try later").as_deref(),
        Some("4.2.1")
    );
    // Alone, a generic code is still the answer.
    assert_eq!(best_e("Status: 4.4.7").as_deref(), Some("4.4.7"));
}

#[test]
fn dsn_with_headers() {
    // A Postfix DSN (RFC 3464), headers included: versions, dates, IPs, ciphers.
    let dsn = "Received: from mail.example.org (mail.example.org [198.51.100.25])\n\
        \tby mx.example.com (Postfix 3.5.1) with ESMTPS id 4A1B2C3D4E\n\
        \t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\n\
        \tfor <x@example.com>; Mon,  6 May 2024 10:15:32 +0200 (CEST)\n\
        X-Mailer: PHP/5.4.45\n\
        User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Thunderbird/115.10.1\n\
        X-Spam-Status: No, score=-2.1 required=5.0 tests=BAYES_00 autolearn=ham version=4.0.0\n\
        X-Mailer: Dovecot 2.3.21 with MySQL 5.7.33 on Linux 5.4.0-42-generic\n\
        \n\
        Reporting-MTA: dns; mail.example.org\n\
        X-Postfix-Queue-ID: 4A1B2C3D4E\n\
        Arrival-Date: Mon,  6 May 2024 10:15:32 +0200 (CEST)\n\
        \n\
        Final-Recipient: rfc822; x@example.com\n\
        Action: failed\n\
        Status: 5.1.1\n\
        Remote-MTA: dns; mx.example.com\n\
        Diagnostic-Code: smtp; 550 5.1.1 <x@example.com>: Recipient address rejected:\n    \
        User unknown in virtual mailbox table\n";
    assert_eq!(codes(dsn), ["5.1.1", "550", "5.1.1"]);
    assert_eq!(best_e(dsn).as_deref(), Some("5.1.1"));
    assert_eq!(best_r(dsn), Some(550));
}

#[test]
fn success_replies() {
    // Postfix, a delivered message; and an EHLO reply.
    let t = "status=sent (250 2.0.0 Ok: queued as 4A1B2C3D4E)";
    assert_eq!(codes(t), ["250", "2.0.0"]);
    assert_eq!(best_r(t), Some(250));
    let ehlo = "250-mx.example.com\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250 8BITMIME\r\n";
    assert_eq!(codes(ehlo), ["250"; 4]);
}

#[test]
fn ip_addresses_are_not_codes() {
    for t in [
        "5.1.1.2",
        "[192.168.5.1]",
        "10.4.4.7",
        "client 203.0.113.5 rejected",
        "::ffff:5.1.1.2",
        "2001:db8::4.4.7.1",
        "relay=mx.example.com[203.0.113.5]:465",
        "1.1.5.4.in-addr.arpa",
        "5.2.1.in-addr.arpa",
    ] {
        assert!(codes(t).is_empty(), "{t}: {:?}", codes(t));
    }
}

#[test]
fn versions_are_not_codes() {
    for t in [
        "v5.1.0",
        "version 4.4.7",
        "Version: 5.1.1",
        "version=4.0.0",
        "Postfix 3.5.1",
        "OpenSSL 5.1.0",
        "openssl 5.1.0",
        "PHP/5.4.45",
        "MySQL 5.7.33",
        "Dovecot 2.3.21",
        "Exim 4.97.1",
        "Linux 5.4.0-42-generic",
        "kernel 5.15.0",
        "5.1.1-beta",
        "rev 2.1.5",
        "release 4.2.1",
    ] {
        assert!(codes(t).is_empty(), "{t}: {:?}", codes(t));
    }
}

#[test]
fn dates_times_and_decimals_are_not_codes() {
    for t in [
        "2024.05.06",
        "06.05.2024",
        "5.12.2024",
        "5.30.00",
        "at 5.30.15",
        "10:15:32.550",
        "10:15:32,250",
        "4.5.3.1.9",
        "5.5",
        "score 2.5",
        "5.01.1",
        "5.1.0001",
        "5.5.5.5",
    ] {
        assert!(codes(t).is_empty(), "{t}: {:?}", codes(t));
    }
}

#[test]
fn section_numbers_are_not_codes() {
    for t in [
        "§4.2.2",
        "§ 4.2.2",
        "RFC 5321 section 4.5.3.1",
        "see section 4.2.2",
        "RFC 3463, Section 3.5",
        "RFC 821",
        "chapter 2.1.5",
    ] {
        assert!(codes(t).is_empty(), "{t}: {:?}", codes(t));
    }
}

#[test]
fn numbers_glued_to_others_are_not_codes() {
    for t in [
        "x5.1.1",
        "5.1.1x",
        "5.1.1_2",
        "5.1.1/x",
        "a.5.1.1",
        "-5.1.1",
        "5.1.1.. done",
        "550x",
        "x550",
        "a550b",
        "5501",
        "0550",
        "550@example.com",
        "https://example.com/550",
        "250ms",
        "AS(201806281)",
        "TSS04",
        "call 555-250-1234",
        "550-550-550",
    ] {
        assert!(codes(t).is_empty(), "{t}: {:?}", codes(t));
    }
}

#[test]
fn sizes_ports_and_counts_are_not_reply_codes() {
    for t in [
        "552 bytes",
        "size 250 KB",
        "size=552",
        "Size: 552",
        "message of 250 kB",
        "port 465",
        "mx.example.com:465",
        "[203.0.113.5]:465",
        "12:550",
        "postfix/smtp[421]:",
        "1,250 messages",
        "250,000",
        "retry in 450 seconds",
        "limit 500 per hour",
        "took 250 ms",
        "max 452",
    ] {
        assert!(codes(t).is_empty(), "{t}: {:?}", codes(t));
    }
}

#[test]
fn punctuation_around_codes() {
    assert_eq!(codes("User unknown (5.1.1)."), ["5.1.1"]);
    assert_eq!(codes("mailbox unavailable: 5.2.1."), ["5.2.1"]);
    assert_eq!(codes("error 550."), ["550"]);
    assert_eq!(
        codes("'550 5.7.1', \"5.2.2\"; <5.1.1>, [5.7.1], |4.2.2|"),
        ["550", "5.7.1", "5.2.2", "5.1.1", "5.7.1", "4.2.2"]
    );
    assert_eq!(
        codes("codes 5.1.1, 5.1.2; 5.1.3: done!"),
        ["5.1.1", "5.1.2", "5.1.3"]
    );
    assert_eq!(
        codes("550-Mailbox unavailable\n550 #5.1.1 gone"),
        ["550", "550", "5.1.1"]
    );
    assert_eq!(codes("5.1.1\t550\r\n"), ["5.1.1", "550"]);
    // A subject the registry does not know counts only right after a reply code.
    assert_eq!(codes("at 5.30.15; 554 5.30.15"), ["554", "5.30.15"]);
    let found: Vec<Found> = find_codes(b"550 #5.1.1").collect();
    assert_eq!(found[1].span, 5..10);
    assert_eq!(found[1].context, FoundContext::AfterReply(reply(550)));
}

#[test]
fn contexts() {
    let text = b"  550 first\n\tx 551 text\nsaid: 552 5.2.2; 553-5.1.3 4.7.1 error 5.7.1 (5.7.2) dsn=5.7.3";
    let got: Vec<(String, FoundContext)> = find_codes(text)
        .map(|f| (f.code.to_string(), f.context))
        .collect();
    let want = [
        ("550", FoundContext::Anchored),
        ("551", FoundContext::Text),
        ("552", FoundContext::Anchored),
        ("5.2.2", FoundContext::AfterReply(reply(552))),
        ("553", FoundContext::Anchored),
        ("5.1.3", FoundContext::AfterReply(reply(553))),
        ("4.7.1", FoundContext::Text),
        ("5.7.1", FoundContext::Text),
        ("5.7.2", FoundContext::Anchored),
        ("5.7.3", FoundContext::Anchored),
    ];
    let want: Vec<(String, FoundContext)> = want.iter().map(|(c, x)| (c.to_string(), *x)).collect();
    assert_eq!(got, want);
}

#[test]
fn ranking() {
    // More specific wins.
    assert_eq!(
        best_e("Status: 5.0.0\nDiagnostic-Code: smtp; 550 5.1.1 gone").as_deref(),
        Some("5.1.1")
    );
    assert_eq!(best_e("#5.1.0 smtp;550 5.1.1").as_deref(), Some("5.1.1"));
    assert_eq!(
        best_e("Status: 5.1.0\nStatus: 5.0.0").as_deref(),
        Some("5.1.0")
    );
    // Among equals, one right after a reply code of its class...
    assert_eq!(
        best_e("250 5.1.1 odd; 550 5.1.2 gone").as_deref(),
        Some("5.1.2")
    );
    assert_eq!(best_r("250 5.1.1 odd; 550 5.1.2 gone"), Some(550));
    // ... then the first.
    assert_eq!(
        best_e("550 5.1.1 gone; 550 5.1.2 gone").as_deref(),
        Some("5.1.1")
    );
    assert_eq!(
        best_e("Status: 5.1.2, Status: 5.1.1").as_deref(),
        Some("5.1.2")
    );
    // Codes where codes stand beat codes in running text.
    assert_eq!(
        best_e("error 5.7.1 and then said: 550 5.0.0").as_deref(),
        Some("5.0.0")
    );
    // Running text is all there is.
    assert_eq!(
        best_e("the mailbox 5.2.2 is full").as_deref(),
        Some("5.2.2")
    );
    // Reply codes: the one paired with the best enhanced code, else the first
    // anchored or paired, else the first.
    assert_eq!(
        best_r("found 250 entries; host said: 421 too busy"),
        Some(421)
    );
    assert_eq!(best_r("found 250 entries, 451 4.3.0 later"), Some(451));
    assert_eq!(best_r("found 250 entries"), Some(250));
    assert_eq!(best_r("said: 421 busy; said: 550 5.1.1 gone"), Some(550));
    assert_eq!(best_r("said: 421 busy; Status: 5.1.1"), Some(421));
    assert_eq!((best_e(""), best_r("")), (None, None));
}

/// A deterministic stream of bytes from `alphabet` (xorshift).
fn pseudo_random(alphabet: &[u8], len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            alphabet[(seed % alphabet.len() as u64) as usize]
        })
        .collect()
}

#[test]
fn megabyte_adversarial_inputs() {
    const MB: usize = 1 << 20;
    let nothing: [Vec<u8>; 8] = [
        b"5.".repeat(MB / 2),                           // 5.5.5.5...5.
        [b"5.".repeat(MB / 2), b"5".to_vec()].concat(), // 5.5.5...5
        vec![b'5'; MB],                                 // 555555...
        b"550-".repeat(MB / 4),                         // a continuation that never ends
        b"5.1.1.".repeat(MB / 6),                       // one long dotted number
        pseudo_random(b"0123456789.", MB, 1),           // digits with dots: one run
        [vec![b' '; MB], b"552 bytes".to_vec()].concat(),
        [b"550".to_vec(), vec![b' '; MB], b"bytes".to_vec()].concat(),
    ];
    for text in &nothing {
        assert_eq!(find_codes(text).count(), 0);
        assert_eq!((best_enhanced(text), best_reply(text)), (None, None));
    }

    let many = b"550 5.1.1 ".repeat(MB / 10);
    assert_eq!(find_codes(&many).count(), 2 * (MB / 10));
    assert_eq!(best_enhanced(&many).unwrap().to_string(), "5.1.1");
    assert_eq!(best_reply(&many).unwrap(), 550);

    let spaced = b"5.1.1 ".repeat(MB / 6);
    assert_eq!(find_codes(&spaced).count(), MB / 6);

    // A reply code followed by a megabyte of blanks, then an enhanced code:
    // still a pair.
    let gap = [b"550".to_vec(), vec![b' '; MB], b"5.1.1".to_vec()].concat();
    assert_eq!(codes(std::str::from_utf8(&gap).unwrap()), ["550", "5.1.1"]);
    assert!(find_codes(&gap).nth(1).unwrap().agrees_with_reply());

    // Mixed noise over the characters that matter: only the invariants.
    for seed in 1..4 {
        let noise = pseudo_random(b"0123455.5.5 -#:;=[]()'\",x\n", MB, seed);
        check_invariants(&noise);
    }
}

/// What `find_codes` must say of text made of digits, dots and spaces only,
/// computed another way: split at spaces and judge each word.
fn oracle(text: &str) -> Vec<(usize, String, FoundContext)> {
    let mut out = Vec::new();
    let mut last_reply: Option<ReplyCode> = None;
    let mut offset = 0;
    for word in text.split(' ') {
        let start = offset;
        offset += word.len() + 1;
        if word.is_empty() {
            continue;
        }
        let previous = last_reply.take();
        let digits = word.strip_suffix('.').unwrap_or(word);
        let context = if text[..start].bytes().all(|b| b == b' ') {
            FoundContext::Anchored
        } else {
            FoundContext::Text
        };
        if let Ok(r) = ReplyCode::parse(digits.as_bytes()) {
            out.push((start, digits.to_string(), context));
            if digits.len() == word.len() {
                last_reply = Some(r);
            }
        } else if let Ok(e) = EnhancedCode::parse(digits.as_bytes()) {
            match previous {
                Some(r) => out.push((start, digits.to_string(), FoundContext::AfterReply(r))),
                None if e.known_subject().is_some() => {
                    out.push((start, digits.to_string(), context))
                }
                None => {}
            }
        }
    }
    out
}

// A counting allocator: finding allocates nothing.
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|c| c.set(c.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn finding_allocates_nothing() {
    let text: &[u8] = b"#< #5.0.0 smtp; 5.1.0 - Unknown address error 550-'5.1.1 User unknown'\n\
        Status: 4.4.7 said: 451 4.4.1 no answer; size 250 KB; version 4.4.7; 203.0.113.5";
    let before = ALLOCATIONS.with(Cell::get);
    let mut n = 0;
    for f in find_codes(text) {
        n += f.span.len() + usize::from(f.agrees_with_reply());
    }
    let best = (best_enhanced(text), best_reply(text));
    let after = ALLOCATIONS.with(Cell::get);
    std::hint::black_box((n, best));
    assert_eq!(after - before, 0);
    // The counter works: a Vec allocates.
    let before = ALLOCATIONS.with(Cell::get);
    drop(std::hint::black_box(vec![1u8; 10]));
    assert!(ALLOCATIONS.with(Cell::get) > before);
}

/// Any enhanced code whose subject is at most `max_subject`.
fn enhanced_code(max_subject: u16) -> impl Strategy<Value = EnhancedCode> {
    (
        prop::sample::select(vec![2u8, 4, 5]),
        0..=max_subject,
        0u16..=999,
    )
        .prop_map(|(c, s, d)| EnhancedCode::parse(format!("{c}.{s}.{d}").as_bytes()).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_bytes(text in prop::collection::vec(any::<u8>(), 0..300)) {
        check_invariants(&text);
    }

    #[test]
    fn bytes_that_matter(text in prop::collection::vec(
        prop::sample::select(b"0123455.5.5 \t\n-#:;=[]()'\",x|<>/v".to_vec()), 0..300)
    ) {
        check_invariants(&text);
    }

    #[test]
    fn digits_dots_spaces_match_the_oracle(text in "[0-9. ]{0,80}") {
        let got: Vec<(usize, String, FoundContext)> = find_codes(text.as_bytes())
            .map(|f| (f.span.start, f.code.to_string(), f.context))
            .collect();
        prop_assert_eq!(got, oracle(&text));
    }

    #[test]
    fn near_codes_match_the_oracle(words in prop::collection::vec(
        prop_oneof![
            "[2-5][0-5][0-9][.]?",
            "[0-9]{1,4}",
            "[245][.][0-9]{1,3}[.][0-9]{1,3}[.]{0,2}",
            "[0-9.]{1,8}",
        ],
        0..12,
    ), gaps in prop::collection::vec(" {1,2}", 12)) {
        let mut text = String::new();
        for (word, gap) in words.iter().zip(&gaps) {
            text.push_str(word);
            text.push_str(gap);
        }
        let got: Vec<(usize, String, FoundContext)> = find_codes(text.as_bytes())
            .map(|f| (f.span.start, f.code.to_string(), f.context))
            .collect();
        prop_assert_eq!(got, oracle(&text));
    }

    /// The brief's property: `said: 550 {c} text` with a class that matches.
    #[test]
    fn code_after_a_matching_reply_is_the_best(
        c in enhanced_code(999),
        second in 0u16..=5,
        third in 0u16..=9,
        tail in "[a-zA-Z ,.:;()<>@]{0,40}",
        hash in any::<bool>(),
    ) {
        let r = reply(u16::from(c.class().digit()) * 100 + second * 10 + third);
        let hash = if hash { "#" } else { "" };
        let text = format!("said: {r} {hash}{c} {tail}");
        prop_assert_eq!(best_enhanced(text.as_bytes()), Some(c));
        prop_assert_eq!(best_reply(text.as_bytes()), Some(r));
        let found = check_invariants(text.as_bytes());
        prop_assert!(found[1].agrees_with_reply());
    }

    /// A registered-subject code between any allowed neighbours is found,
    /// with its exact span.
    #[test]
    fn code_between_allowed_neighbours_is_found(
        c in enhanced_code(7),
        before in prop::sample::select(vec!["", " ", "\n", "#", ";", ":", "=", "'", "\"", "(", "[", "{", "<", ">", "|", ",", "text "]),
        after in prop::sample::select(vec!["", " ", "\n", ".", ". x", ")", "]", "}", ">", "<", "(", "'", "\"", ";", "!", "?", "|", ",", ":", " text"]),
    ) {
        let text = format!("{before}{c}{after}");
        let found: Vec<Found> = find_codes(text.as_bytes()).collect();
        prop_assert_eq!(found.len(), 1, "{}", text);
        prop_assert_eq!(found[0].code, FoundCode::Enhanced(c));
        prop_assert_eq!(found[0].span.clone(), before.len()..before.len() + c.to_string().len());
    }
}

/// Microsoft's IPv6 reverse-DNS rejection (Exchange Online NDR 5.7.25): the
/// last group of the IPv6 address, `::240`, is not a reply code.
#[test]
fn ipv6_groups_are_not_reply_codes() {
    let text = b"5.7.25 Access denied, the sending IPv6 address [2a01:111:f200:2004::240] must have a reverse DNS record";
    assert_eq!(smtp_codes::best_reply(text), None);
    assert_eq!(
        smtp_codes::best_enhanced(text).unwrap().to_string(),
        "5.7.25"
    );
    assert_eq!(smtp_codes::best_reply(b"from 2001:db8::250 refused"), None);
}

/// Postfix deferred lines carry `delay=301`: seconds, not a reply code
/// (found by the free-text benchmark's labelled corpus).
#[test]
fn postfix_delay_is_not_a_reply_code() {
    let line = b"postfix/smtp[4321]: 3F2A1: to=<a@example.com>, relay=none, delay=301, delays=0.1/0/300/0, dsn=4.4.1, status=deferred (connect to mx.example.com[192.0.2.9]:25: Connection timed out)";
    assert_eq!(smtp_codes::best_reply(line), None);
    assert_eq!(
        smtp_codes::best_enhanced(line).unwrap().to_string(),
        "4.4.1"
    );
}
