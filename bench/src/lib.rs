//! The shared corpus and the drivers of the side-by-side reply-parser
//! benchmarks (`benches/reply_parse.rs`); the free-text finder against
//! regex is in [`text`] (`benches/find.rs`), classification throughput in
//! [`verdicts`] (`benches/classify.rs`), the interleaved timing of
//! `src/bin/interleaved.rs` in [`interleave`]. See BENCHMARKS.md.
//!
//! Every driver walks the same buffer reply after reply and hands each parsed
//! reply to a sink: the benchmarks pass a sink that only `black_box`es it, the
//! agreement check ([`check_agreement`]) one that records what was parsed. So
//! the code that is timed is the code that is checked.

pub mod interleave;
pub mod text;
pub mod verdicts;

use std::ops::Range;

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use rand::seq::SliceRandom;
use smtp_codes::{ParseOptions, ParseStatus, Replies, Reply, ReplyStream};

/// Seed of the shuffles: the corpus is the same bytes on every run.
pub const SEED: u64 = 0x534d_5450_2025;

/// Size the corpus is grown to (it ends at the first reply boundary past it).
pub const CORPUS_TARGET_BYTES: usize = 256 * 1024;

/// One reply shape of the corpus: how often it occurs per round, and its bytes.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// A short name for the tables.
    pub name: &'static str,
    /// Copies per round: single-line replies dominate a real session.
    pub weight: usize,
    /// The reply, CRLF line endings.
    pub text: &'static str,
}

/// Realistic server replies. Left out on purpose, because a peer cannot parse
/// them (see BENCHMARKS.md): bare-LF line endings and a bare code line
/// without a space (`250\r\n`) (lettre needs CRLF and `NNN `), lines whose
/// codes disagree (lettre refuses the reply), bytes that are not UTF-8
/// (lettre takes `&str`), Exchange's `#5.1.0` form (only ours reads it).
pub const SHAPES: &[Shape] = &[
    Shape {
        name: "greeting",
        weight: 2,
        text: "220 mx.example.com ESMTP Postfix (Debian/GNU)\r\n",
    },
    Shape {
        name: "gmail-greeting",
        weight: 1,
        text: "220 mx.google.com ESMTP a640c23a62f3a-a9a0f2d2f8asi1234567b.123 - gsmtp\r\n",
    },
    Shape {
        name: "ehlo-postfix-11",
        weight: 2,
        text: "250-mail.example.com\r\n\
               250-PIPELINING\r\n\
               250-SIZE 52428800\r\n\
               250-VRFY\r\n\
               250-ETRN\r\n\
               250-STARTTLS\r\n\
               250-ENHANCEDSTATUSCODES\r\n\
               250-8BITMIME\r\n\
               250-DSN\r\n\
               250-SMTPUTF8\r\n\
               250 CHUNKING\r\n",
    },
    Shape {
        name: "ehlo-gmail-8",
        weight: 1,
        text: "250-mx.google.com at your service, [203.0.113.5]\r\n\
               250-SIZE 157286400\r\n\
               250-8BITMIME\r\n\
               250-STARTTLS\r\n\
               250-ENHANCEDSTATUSCODES\r\n\
               250-PIPELINING\r\n\
               250-CHUNKING\r\n\
               250 SMTPUTF8\r\n",
    },
    Shape {
        name: "ok-2.1.0",
        weight: 6,
        text: "250 2.1.0 Ok\r\n",
    },
    Shape {
        name: "ok-2.1.5",
        weight: 6,
        text: "250 2.1.5 Ok\r\n",
    },
    Shape {
        name: "354",
        weight: 3,
        text: "354 End data with <CR><LF>.<CR><LF>\r\n",
    },
    Shape {
        name: "queued",
        weight: 3,
        text: "250 2.0.0 Ok: queued as 4BQ2Zq3F1Fz9sPl\r\n",
    },
    Shape {
        name: "bye",
        weight: 2,
        text: "221 2.0.0 Bye\r\n",
    },
    Shape {
        name: "starttls",
        weight: 1,
        text: "220 2.0.0 Ready to start TLS\r\n",
    },
    Shape {
        name: "auth-334",
        weight: 1,
        text: "334 VXNlcm5hbWU6\r\n",
    },
    Shape {
        name: "auth-235",
        weight: 1,
        text: "235 2.7.0 Authentication successful\r\n",
    },
    Shape {
        name: "gmail-550-5.1.1-4",
        weight: 2,
        text: "550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n\
               550-5.1.1 double-checking the recipient's email address for typos or\r\n\
               550-5.1.1 unnecessary spaces. For more information, go to\r\n\
               550 5.1.1  https://support.google.com/mail/?p=NoSuchUser a640c23a62f3a-a9a0f2d2f8asi1234567b.123 - gsmtp\r\n",
    },
    Shape {
        name: "gmail-550-5.7.26-9",
        weight: 1,
        text: "550-5.7.26 This mail has been blocked because the sender is unauthenticated.\r\n\
               550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM.\r\n\
               550-5.7.26 \r\n\
               550-5.7.26  Authentication results:\r\n\
               550-5.7.26  DKIM = did not pass\r\n\
               550-5.7.26  SPF [example.com] with ip: [203.0.113.5] = did not pass\r\n\
               550-5.7.26 \r\n\
               550-5.7.26  For instructions on setting up authentication, go to\r\n\
               550 5.7.26  https://support.google.com/mail/answer/81126#authentication a640c23a62f3a-a9a0f2d2f8asi1234567b.123 - gsmtp\r\n",
    },
    Shape {
        name: "gmail-421-4.7.0-6",
        weight: 1,
        text: "421-4.7.0 [203.0.113.5      15] Our system has detected an unusual rate of\r\n\
               421-4.7.0 unsolicited mail originating from your IP address. To protect our\r\n\
               421-4.7.0 users from spam, mail sent from your IP address has been temporarily\r\n\
               421-4.7.0 rate limited. Please visit\r\n\
               421-4.7.0  https://support.google.com/mail/?p=UnsolicitedRateLimitError to\r\n\
               421 4.7.0  review our Bulk Email Senders Guidelines. a640c23a62f3a-a9a0f2d2f8asi1234567b.123 - gsmtp\r\n",
    },
    Shape {
        name: "ms-550-5.7.606",
        weight: 1,
        text: "550 5.7.606 Access denied, banned sending IP [203.0.113.5]. To request removal from this list please visit https://sender.office.com/ and follow the directions. For more information please go to  http://go.microsoft.com/fwlink/?LinkID=526655 AS(1430) [DB5EUR03FT021.eop-EUR03.prod.protection.outlook.com]\r\n",
    },
    Shape {
        name: "ms-550-5.4.1",
        weight: 1,
        text: "550 5.4.1 Recipient address rejected: Access denied. For more information see https://aka.ms/EXOSmtpErrors [AM4PEPF00027A5F.eurprd04.prod.outlook.com 2024-11-23T15:06:29.123Z 08DD0B1E2F3A4B5C]\r\n",
    },
    Shape {
        name: "ms-250-2.6.0-long",
        weight: 1,
        text: "250 2.6.0 <CAF+5X3kzHq1yvT0mZ7kq8Yb3q0Xc9d7Lr2nW4pS6tU8vA1bC3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5zA7bC9@mail.gmail.com> [InternalId=12610023947893, Hostname=DB5PR03MB1234.eurprd03.prod.outlook.com] 18734 bytes in 0.123, 148.612 KB/sec Queued mail for delivery -> 250 2.1.5\r\n",
    },
    Shape {
        name: "yahoo-421-TSS04",
        weight: 1,
        text: "421 4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes\r\n",
    },
    Shape {
        name: "greylist",
        weight: 2,
        text: "450 4.7.1 <user@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html\r\n",
    },
    Shape {
        name: "quota",
        weight: 1,
        text: "452 4.2.2 The email account that you tried to reach is over quota. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp a640c23a62f3a-a9a0f2d2f8asi1234567b.123 - gsmtp\r\n",
    },
    Shape {
        name: "spamhaus",
        weight: 1,
        text: "554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.5\r\n",
    },
    Shape {
        name: "utf8-text",
        weight: 1,
        text: "550 5.1.1 <jürgen@example.de>: Empfängeradresse abgelehnt: Benutzer unbekannt – bitte prüfen\r\n",
    },
];

/// The shared input: replies concatenated in a shuffled order.
#[derive(Clone, Debug)]
pub struct Corpus {
    /// The bytes every parser reads.
    pub bytes: Vec<u8>,
    /// Where each reply is (used only by the pre-split lettre variant and
    /// the checks; never by the drivers of the other parsers).
    pub spans: Vec<Range<usize>>,
    /// How many times each shape of [`SHAPES`] occurs.
    pub shape_counts: Vec<usize>,
}

impl Corpus {
    /// Rounds of every shape (`weight` copies each) until `target` bytes,
    /// shuffled with a fixed seed so the order has no pattern to learn.
    pub fn build(target: usize) -> Corpus {
        let round: Vec<usize> = SHAPES
            .iter()
            .enumerate()
            .flat_map(|(i, s)| std::iter::repeat_n(i, s.weight))
            .collect();
        let round_bytes: usize = round.iter().map(|&i| SHAPES[i].text.len()).sum();
        let rounds = target.div_ceil(round_bytes);
        let mut order: Vec<usize> = (0..rounds).flat_map(|_| round.iter().copied()).collect();
        order.shuffle(&mut ChaCha8Rng::seed_from_u64(SEED));
        let mut bytes = Vec::with_capacity(rounds * round_bytes);
        let mut spans = Vec::with_capacity(order.len());
        let mut shape_counts = vec![0; SHAPES.len()];
        for i in order {
            let start = bytes.len();
            bytes.extend_from_slice(SHAPES[i].text.as_bytes());
            spans.push(start..bytes.len());
            shape_counts[i] += 1;
        }
        Corpus {
            bytes,
            spans,
            shape_counts,
        }
    }

    /// Number of lines (`\n`) in the corpus.
    pub fn line_count(&self) -> usize {
        memchr::memchr_iter(b'\n', &self.bytes).count()
    }
}

// ---------------------------------------------------------------- drivers --

/// `Reply::parse_prefix` on the rest of the buffer, reply after reply.
#[inline]
pub fn ours_parse_prefix(buf: &[u8], opts: &ParseOptions, mut sink: impl FnMut(&Reply<'_>)) {
    let mut pos = 0;
    while pos < buf.len() {
        match Reply::parse_prefix(&buf[pos..], opts) {
            Ok(ParseStatus::Complete(reply, used)) => {
                sink(&reply);
                pos += used;
            }
            Ok(ParseStatus::Incomplete) => panic!("smtp-codes: incomplete reply at {pos}"),
            Err(e) => panic!("smtp-codes: {e}"),
        }
    }
}

/// The `Replies` iterator over the whole buffer.
#[inline]
pub fn ours_replies(buf: &[u8], opts: ParseOptions, mut sink: impl FnMut(&Reply<'_>)) {
    for reply in Replies::new(buf, opts) {
        match reply {
            Ok(reply) => sink(&reply),
            Err(e) => panic!("smtp-codes: {e}"),
        }
    }
}

/// `ReplyStream::feed` with everything not yet used, as a socket reader
/// whose buffer already holds the bytes would call it.
#[inline]
pub fn ours_stream(buf: &[u8], opts: ParseOptions, mut sink: impl FnMut(&Reply<'_>)) {
    let mut stream = ReplyStream::new(opts);
    let mut pos = 0;
    while pos < buf.len() {
        match stream.feed(&buf[pos..]) {
            Ok(ParseStatus::Complete(reply, used)) => {
                sink(&reply);
                pos += used;
            }
            Ok(ParseStatus::Incomplete) => panic!("smtp-codes stream: incomplete at {pos}"),
            Err(e) => panic!("smtp-codes stream: {e}"),
        }
    }
}

/// smtp-proto's `ResponseReceiver`, fed the rest of the buffer; after each
/// reply the receiver is `reset()` (Stalwart's clients make a new
/// `ResponseReceiver::default()` per reply, which is the same state).
#[inline]
pub fn smtp_proto(buf: &[u8], mut sink: impl FnMut(smtp_proto::Response<String>)) {
    use smtp_proto::response::parser::ResponseReceiver;
    let mut bytes = buf.iter();
    let mut receiver = ResponseReceiver::default();
    while !bytes.as_slice().is_empty() {
        match receiver.parse(&mut bytes) {
            Ok(response) => {
                sink(response);
                receiver.reset();
            }
            Err(e) => panic!("smtp-proto: {e}"),
        }
    }
}

/// Whether lettre's error is nom's `Incomplete`, as lettre's own
/// `read_response` distinguishes it (it calls the crate-private
/// `parse_response` and matches `nom::Err::Incomplete`; from outside, the same
/// nom error is the `source` of the `Error` that `Response::from_str` returns).
#[inline]
fn lettre_incomplete(e: &lettre::transport::smtp::Error) -> bool {
    use std::error::Error as _;
    matches!(
        e.source()
            .and_then(|s| s.downcast_ref::<nom::Err<nom::error::Error<String>>>()),
        Some(nom::Err::Incomplete(_))
    )
}

/// lettre driven as its `SmtpConnection::read_response` drives it: a new
/// `String::with_capacity(100)` per reply; per line, find `\n` (BufRead's
/// `read_line` uses memchr), check the line is UTF-8 and append it (what
/// `read_line` does), then parse the whole reply-so-far again; `Incomplete`
/// means read another line. `parse_response` is `pub(crate)` in lettre
/// 0.11, so this goes through `Response::from_str`, which calls it.
#[inline]
pub fn lettre_client(
    buf: &[u8],
    mut sink: impl FnMut(lettre::transport::smtp::response::Response),
) {
    use lettre::transport::smtp::response::Response;
    let mut pos = 0;
    while pos < buf.len() {
        let mut buffer = String::with_capacity(100);
        loop {
            let end = match memchr::memchr(b'\n', &buf[pos..]) {
                Some(i) => pos + i + 1,
                None => panic!("lettre: incomplete reply at {pos}"),
            };
            let line = std::str::from_utf8(&buf[pos..end]).expect("lettre: not UTF-8");
            buffer.push_str(line);
            pos = end;
            match buffer.parse::<Response>() {
                Ok(response) => {
                    sink(response);
                    break;
                }
                Err(e) if lettre_incomplete(&e) => {}
                Err(e) => panic!("lettre: {e}"),
            }
        }
    }
}

/// lettre's best case: `Response::from_str` on exactly one reply each time,
/// the reply boundaries computed beforehand (not timed) and only the UTF-8
/// check of each reply timed with it.
#[inline]
pub fn lettre_presplit(
    buf: &[u8],
    spans: &[Range<usize>],
    mut sink: impl FnMut(lettre::transport::smtp::response::Response),
) {
    use lettre::transport::smtp::response::Response;
    for span in spans {
        let text = std::str::from_utf8(&buf[span.clone()]).expect("lettre: not UTF-8");
        match text.parse::<Response>() {
            Ok(response) => sink(response),
            Err(e) => panic!("lettre: {e}"),
        }
    }
}

/// The floor: count the line ends of the same bytes. memchr counts with
/// SIMD compares and population counts, without locating any line end.
#[inline]
pub fn memchr_floor(buf: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', buf).count()
}

/// The floor as the issue words it, "a memchr pass that only finds the line
/// ends": every line end located by `memchr_iter`, as a line reader needs
/// them. Returns how many there are and the sum of their offsets (so that no
/// position can be skipped).
#[inline]
pub fn memchr_find_floor(buf: &[u8]) -> (usize, usize) {
    memchr::memchr_iter(b'\n', buf).fold((0, 0), |(n, sum), end| (n + 1, sum + end))
}

/// A second, stricter floor (not a parser; context for the goals): split
/// lines with memchr and read each line's code and separator, nothing else:
/// no validation beyond that, no enhanced code, no limits, no defects.
/// Returns the number of replies and the sum of their codes.
#[inline]
pub fn lines_floor(buf: &[u8]) -> (usize, usize) {
    let (mut replies, mut codes, mut start) = (0, 0, 0);
    for end in memchr::memchr_iter(b'\n', buf) {
        if let [a, b, c, sep, ..] = buf[start..end]
            && sep != b'-'
        {
            replies += 1;
            codes += (a as usize) * 100 + (b as usize) * 10 + c as usize - 5328;
        }
        start = end + 1;
    }
    (replies, codes)
}

// ------------------------------------------------------------ agreement --

/// What every parser must agree on for each reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Seen {
    /// The reply code.
    pub code: u16,
    /// The number of lines.
    pub lines: usize,
    /// The enhanced code, as (class, subject, detail); `None` where the
    /// parser does not expose it (lettre).
    pub enhanced: Option<(u16, u16, u16)>,
}

fn seen_ours(r: &Reply<'_>) -> Seen {
    Seen {
        code: r.code().as_u16(),
        lines: r.line_count(),
        enhanced: r
            .enhanced()
            .map(|e| (e.class().digit() as u16, e.subject(), e.detail())),
    }
}

/// Ours, with each part clamped as smtp-proto stores it: `esc: [u8; 3]`,
/// saturating (`5.7.606` becomes `[5, 7, 255]`).
fn seen_ours_as_smtp_proto(r: &Reply<'_>) -> Seen {
    let mut s = seen_ours(r);
    s.enhanced = s
        .enhanced
        .map(|(c, sub, det)| (c, sub.min(255), det.min(255)));
    s
}

/// Checks, outside any timed loop, that every driver finds the same number
/// of replies with the same codes and line counts as ours (and the same
/// enhanced codes, where the peer exposes them). Returns the number of
/// replies, or a description of the first disagreement.
pub fn check_agreement(corpus: &Corpus) -> Result<usize, String> {
    let buf = &corpus.bytes[..];
    let opts = ParseOptions::new();

    let mut ours = Vec::new();
    ours_parse_prefix(buf, &opts, |r| ours.push(seen_ours(r)));
    if ours.len() != corpus.spans.len() {
        return Err(format!(
            "parse_prefix found {} replies, the corpus has {}",
            ours.len(),
            corpus.spans.len()
        ));
    }
    let lines: usize = ours.iter().map(|s| s.lines).sum();
    if lines != corpus.line_count() {
        return Err(format!(
            "parse_prefix found {lines} lines, the corpus has {}",
            corpus.line_count()
        ));
    }

    let compare = |name: &str, theirs: &[Seen], ours: &[Seen]| -> Result<(), String> {
        if theirs.len() != ours.len() {
            return Err(format!(
                "{name} found {} replies, smtp-codes {}",
                theirs.len(),
                ours.len()
            ));
        }
        for (i, (t, o)) in theirs.iter().zip(ours).enumerate() {
            if t != o {
                return Err(format!(
                    "{name} reply #{i}: {t:?}, smtp-codes {o:?}; bytes {:?}",
                    String::from_utf8_lossy(&buf[corpus.spans[i].clone()])
                ));
            }
        }
        Ok(())
    };

    let mut v = Vec::new();
    ours_replies(buf, opts, |r| v.push(seen_ours(r)));
    compare("Replies", &v, &ours)?;

    let mut v = Vec::new();
    ours_stream(buf, opts, |r| v.push(seen_ours(r)));
    compare("ReplyStream", &v, &ours)?;

    let mut ours_sp = Vec::new();
    ours_parse_prefix(buf, &opts, |r| ours_sp.push(seen_ours_as_smtp_proto(r)));
    let mut v = Vec::new();
    smtp_proto(buf, |r| {
        v.push(Seen {
            code: r.code,
            lines: r.message.bytes().filter(|&b| b == b'\n').count() + 1,
            enhanced: (r.esc[0] != 0).then(|| (r.esc[0] as u16, r.esc[1] as u16, r.esc[2] as u16)),
        })
    });
    compare("smtp-proto", &v, &ours_sp)?;

    let ours_no_esc: Vec<Seen> = ours
        .iter()
        .map(|s| Seen {
            enhanced: None,
            ..*s
        })
        .collect();
    let lettre_seen = |r: lettre::transport::smtp::response::Response| Seen {
        code: u16::from(r.code()),
        lines: r.message().count(),
        enhanced: None,
    };
    let mut v = Vec::new();
    lettre_client(buf, |r| v.push(lettre_seen(r)));
    compare("lettre (client-style)", &v, &ours_no_esc)?;
    let mut v = Vec::new();
    lettre_presplit(buf, &corpus.spans, |r| v.push(lettre_seen(r)));
    compare("lettre (pre-split)", &v, &ours_no_esc)?;

    if memchr_floor(buf) != lines {
        return Err("memchr floor counts other lines".into());
    }
    let ends = corpus.spans.iter().fold((0, 0), |(n, sum), span| {
        let reply = &buf[span.clone()];
        let found = reply.iter().enumerate().filter(|&(_, &b)| b == b'\n');
        found.fold((n, sum), |(n, sum), (i, _)| (n + 1, sum + span.start + i))
    });
    if memchr_find_floor(buf) != ends || ends.0 != lines {
        return Err("memchr find floor locates other line ends".into());
    }
    let code_sum: usize = ours.iter().map(|s| s.code as usize).sum();
    if lines_floor(buf) != (ours.len(), code_sum) {
        return Err(format!(
            "lines floor found {:?}, smtp-codes ({}, {code_sum})",
            lines_floor(buf),
            ours.len()
        ));
    }
    Ok(ours.len())
}

// ------------------------------------------------------------ code lists --

/// Enhanced codes as seen in bounces: registered ones and the unregistered
/// ones big providers send (`5.7.606`, `4.4.316`, `5.7.26`, `4.7.650`).
pub const ENHANCED: &[&str] = &[
    "2.0.0", "2.1.0", "2.1.5", "2.6.0", "2.7.0", "4.2.2", "4.3.0", "4.4.1", "4.4.2", "4.4.7",
    "4.4.316", "4.7.0", "4.7.1", "4.7.26", "4.7.650", "5.0.0", "5.1.0", "5.1.1", "5.1.2", "5.1.10",
    "5.2.1", "5.2.2", "5.3.4", "5.4.1", "5.4.4", "5.5.0", "5.5.2", "5.7.0", "5.7.1", "5.7.26",
    "5.7.27", "5.7.509", "5.7.606", "5.7.708", "5.7.750",
];

/// Reply codes as seen in sessions.
pub const REPLY_CODES: &[&str] = &[
    "220", "221", "235", "250", "251", "252", "334", "354", "421", "450", "451", "452", "454",
    "500", "501", "502", "503", "504", "530", "535", "550", "551", "552", "553", "554", "555",
];

/// `n` codes drawn round-robin from `from`, shuffled with the fixed seed.
pub fn shuffled(from: &[&'static str], n: usize) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = from.iter().copied().cycle().take(n).collect();
    v.shuffle(&mut ChaCha8Rng::seed_from_u64(SEED));
    v
}

/// The naive baseline: `split('.')` and `parse::<u16>` per part, with the
/// same range checks (class 2/4/5, parts up to 999) but none of the grammar
/// (it accepts `+5`, leading zeros, ...).
#[inline]
pub fn naive_enhanced(s: &str) -> Option<(u16, u16, u16)> {
    let mut parts = s.split('.');
    let class = parts.next()?.parse::<u16>().ok()?;
    let subject = parts.next()?.parse::<u16>().ok()?;
    let detail = parts.next()?.parse::<u16>().ok()?;
    if parts.next().is_some() || !matches!(class, 2 | 4 | 5) || subject > 999 || detail > 999 {
        return None;
    }
    Some((class, subject, detail))
}

/// The naive baseline for reply codes: `parse::<u16>` and a range check.
#[inline]
pub fn naive_reply_code(s: &str) -> Option<u16> {
    let n = s.parse::<u16>().ok()?;
    (s.len() == 3 && (200..=559).contains(&n) && n / 10 % 10 <= 5).then_some(n)
}

/// Checks that ours and the naive baselines agree on the code lists.
pub fn check_codes(enhanced: &[&str], replies: &[&str]) -> Result<(), String> {
    for s in enhanced {
        let ours = smtp_codes::EnhancedCode::parse(s.as_bytes())
            .ok()
            .map(|e| (e.class().digit() as u16, e.subject(), e.detail()));
        if ours != naive_enhanced(s) {
            return Err(format!("{s}: ours {ours:?}, naive {:?}", naive_enhanced(s)));
        }
    }
    for s in replies {
        let ours = smtp_codes::ReplyCode::parse(s.as_bytes())
            .ok()
            .map(|c| c.as_u16());
        if ours != naive_reply_code(s) {
            return Err(format!(
                "{s}: ours {ours:?}, naive {:?}",
                naive_reply_code(s)
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parser_agrees_on_the_corpus() {
        let corpus = Corpus::build(CORPUS_TARGET_BYTES);
        let n = check_agreement(&corpus).unwrap();
        assert!(n > 1000);
        assert!(corpus.shape_counts.iter().all(|&c| c > 0));
    }

    #[test]
    fn every_shape_alone_agrees() {
        for shape in SHAPES {
            let bytes = shape.text.as_bytes().to_vec();
            let corpus = Corpus {
                spans: std::iter::once(0..bytes.len()).collect(),
                bytes,
                shape_counts: vec![],
            };
            assert_eq!(check_agreement(&corpus), Ok(1), "{}", shape.name);
        }
    }

    #[test]
    fn the_corpus_is_the_same_bytes_every_time() {
        assert_eq!(Corpus::build(4096).bytes, Corpus::build(4096).bytes);
    }

    #[test]
    fn naive_baselines_agree_with_ours() {
        check_codes(ENHANCED, REPLY_CODES).unwrap();
    }
}
