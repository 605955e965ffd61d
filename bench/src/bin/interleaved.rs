//! Ratios that survive a shared, busy machine: every round times each
//! contender once, in a shuffled order, back to back, so a build that starts
//! next door slows all of them in the same round; the ratios are taken
//! within each round and their median reported (`src/interleave.rs`).
//! Complements the criterion numbers, which time one benchmark after the
//! other, minutes apart.
//!
//! cargo run --release --manifest-path bench/Cargo.toml --bin interleaved [ROUNDS] [SUITE...]
//!
//! SUITE: `reply` (reply parsers), `find` (codes in free text), `classify`
//! (verdicts per second); none given: all three, one after the other.

use std::hint::black_box;
use std::time::Duration;

use smtp_codes::ParseOptions;
use smtp_codes_bench::interleave::{Contender, run};
use smtp_codes_bench::text::{
    RegexFinder, TEXT_TARGET_BYTES, TextCorpus, accuracy, check_text_agreement, ours_best,
    ours_find, regex_find, regex_first_enhanced,
};
use smtp_codes_bench::verdicts::{
    PAIRS_PER_PASS, case_diagnostics, check_verdicts, classify_cases, classify_codes,
    classify_diagnostics, load_cases, real_pairs, shuffled_n,
};
use smtp_codes_bench::{
    CORPUS_TARGET_BYTES, Corpus, check_agreement, lettre_client, lettre_presplit, lines_floor,
    memchr_find_floor, memchr_floor, ours_parse_prefix, ours_replies, ours_stream, smtp_proto,
};

/// Time per contender per round.
const SLICE: Duration = Duration::from_millis(25);

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let rounds: usize = match args.peek().map(|a| a.parse::<usize>()) {
        Some(Ok(n)) => {
            args.next();
            n
        }
        _ => 60,
    };
    let mut suites: Vec<String> = args.collect();
    if suites.is_empty() {
        suites = vec!["reply".into(), "find".into(), "classify".into()];
    }
    for (i, suite) in suites.iter().enumerate() {
        if i > 0 {
            println!();
        }
        match suite.as_str() {
            "reply" => reply(rounds),
            "find" => find(rounds),
            "classify" => classify(rounds),
            other => panic!("unknown suite {other:?}: reply, find or classify"),
        }
    }
}

fn reply(rounds: usize) {
    let corpus = Corpus::build(CORPUS_TARGET_BYTES);
    let replies = check_agreement(&corpus).unwrap_or_else(|e| panic!("parsers disagree: {e}"));
    let buf = &corpus.bytes[..];
    let spans = &corpus.spans[..];
    let opts = ParseOptions::new();
    println!(
        "== reply: {} bytes, {replies} replies; {rounds} rounds of {} ms per parser",
        buf.len(),
        SLICE.as_millis()
    );
    let n = buf.len();
    let contenders = vec![
        Contender::new("smtp-codes/parse_prefix", n, || {
            ours_parse_prefix(black_box(buf), &opts, |r| {
                black_box(*r);
            })
        }),
        Contender::new("smtp-codes/Replies", n, || {
            ours_replies(black_box(buf), opts, |r| {
                black_box(*r);
            })
        }),
        Contender::new("smtp-codes/ReplyStream", n, || {
            ours_stream(black_box(buf), opts, |r| {
                black_box(*r);
            })
        }),
        Contender::new("smtp-proto/ResponseReceiver", n, || {
            smtp_proto(black_box(buf), |r| {
                black_box(r);
            })
        }),
        Contender::new("lettre/client-style", n, || {
            lettre_client(black_box(buf), |r| {
                black_box(r);
            })
        }),
        Contender::new("lettre/pre-split", n, || {
            lettre_presplit(black_box(buf), spans, |r| {
                black_box(r);
            })
        }),
        Contender::new("memchr/count-lf", n, || {
            black_box(memchr_floor(black_box(buf)));
        }),
        Contender::new("memchr/find-lf", n, || {
            black_box(memchr_find_floor(black_box(buf)));
        }),
        Contender::new("floor/lines+code", n, || {
            black_box(lines_floor(black_box(buf)));
        }),
    ];
    let r = run(&contenders, rounds, SLICE);
    r.print_speeds("MB/s", 1e6, None);
    println!();
    let mut pairs = Vec::new();
    for ours in [
        "smtp-codes/parse_prefix",
        "smtp-codes/Replies",
        "smtp-codes/ReplyStream",
    ] {
        pairs.extend([
            (ours, "smtp-proto/ResponseReceiver"),
            (ours, "lettre/client-style"),
            (ours, "lettre/pre-split"),
            ("memchr/count-lf", ours),
            ("memchr/find-lf", ours),
            ("floor/lines+code", ours),
        ]);
    }
    r.print_ratios(&pairs);
}

fn find(rounds: usize) {
    let corpus = TextCorpus::build(TEXT_TARGET_BYTES);
    let re = RegexFinder::new();
    let codes = check_text_agreement(&corpus, &re).unwrap_or_else(|e| panic!("{e}"));
    let acc = accuracy(&corpus, smtp_codes_bench::text::TEXTS, &re);
    println!(
        "== find: {} texts, {} bytes; find_codes reports {codes} codes; {rounds} rounds of {} ms",
        corpus.texts.len(),
        corpus.bytes,
        SLICE.as_millis()
    );
    println!("accuracy against the labels: find_codes {:?}", acc.ours);
    println!("                             regex      {:?}", acc.regex);
    println!("best enhanced: best_enhanced {:?}", acc.ours_best);
    println!("               regex first   {:?}", acc.regex_best);
    let texts = &corpus.texts[..];
    let n = corpus.bytes;
    let contenders = vec![
        Contender::new("smtp-codes/find_codes", n, || {
            ours_find(black_box(texts), |f| {
                black_box(f);
            })
        }),
        Contender::new("regex/codes", n, || {
            regex_find(&re.any, black_box(texts), |c| {
                black_box(c);
            })
        }),
        Contender::new("smtp-codes/best_enhanced", n, || {
            ours_best(black_box(texts), |e| {
                black_box(e);
            })
        }),
        Contender::new("regex/first-enhanced", n, || {
            regex_first_enhanced(&re.enhanced, black_box(texts), |c| {
                black_box(c);
            })
        }),
    ];
    let r = run(&contenders, rounds, SLICE);
    r.print_speeds("MB/s", 1e6, None);
    println!();
    r.print_ratios(&[
        ("smtp-codes/find_codes", "regex/codes"),
        ("smtp-codes/best_enhanced", "regex/first-enhanced"),
    ]);
}

fn classify(rounds: usize) {
    let cases = load_cases();
    check_verdicts(&cases).unwrap_or_else(|e| panic!("verdicts differ from core's: {e}"));
    let pairs = shuffled_n(&real_pairs(&cases), PAIRS_PER_PASS);
    let log = TextCorpus::build(TEXT_TARGET_BYTES);
    let diags = case_diagnostics(&cases);
    // The phrase automaton is built on first use: not in any timed pass.
    classify_codes(&pairs[..1], |v| {
        black_box(v);
    });
    println!(
        "== classify: {} code pairs, {} log/bounce texts, {} bounces.json diagnostics, {} cases; {rounds} rounds of {} ms",
        pairs.len(),
        log.texts.len(),
        diags.len(),
        cases.len(),
        SLICE.as_millis()
    );
    let (pairs, log_texts, diags, cases) = (&pairs[..], &log.texts[..], &diags[..], &cases[..]);
    let contenders = vec![
        Contender::new("codes-only/status+reply", pairs.len(), || {
            classify_codes(black_box(pairs), |v| {
                black_box(v);
            })
        }),
        Contender::new("diagnostic/log-corpus", log_texts.len(), || {
            classify_diagnostics(black_box(log_texts), |v| {
                black_box(v);
            })
        }),
        Contender::new("diagnostic/bounces.json", diags.len(), || {
            classify_diagnostics(black_box(diags), |v| {
                black_box(v);
            })
        }),
        Contender::new("all-signals/bounces.json", cases.len(), || {
            classify_cases(black_box(cases), |v| {
                black_box(v);
            })
        }),
    ];
    let r = run(&contenders, rounds, SLICE);
    r.print_speeds("M verdicts/s", 1e6, Some(("ns/verdict", |s| 1e9 / s)));
    println!();
    r.print_ratios(&[
        ("codes-only/status+reply", "diagnostic/log-corpus"),
        ("codes-only/status+reply", "diagnostic/bounces.json"),
    ]);
}
