//! Side by side: smtp-codes' reply parser, smtp-proto's `ResponseReceiver`,
//! lettre's response parser, and a memchr pass over the same bytes.
//!
//! cargo bench --manifest-path bench/Cargo.toml -- --warm-up-time 1 --measurement-time 5

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use smtp_codes::{EnhancedCode, ParseOptions, ReplyCode};
use smtp_codes_bench::{
    CORPUS_TARGET_BYTES, Corpus, ENHANCED, REPLY_CODES, SHAPES, check_agreement, check_codes,
    lettre_client, lettre_presplit, lines_floor, memchr_find_floor, memchr_floor, naive_enhanced,
    naive_reply_code, ours_parse_prefix, ours_replies, ours_stream, shuffled, smtp_proto,
};

fn reply_parse(c: &mut Criterion) {
    let corpus = Corpus::build(CORPUS_TARGET_BYTES);
    // Once, outside the timed loops: every parser finds the same replies.
    let replies = match check_agreement(&corpus) {
        Ok(n) => n,
        Err(e) => panic!("the parsers disagree: {e}"),
    };
    eprintln!(
        "corpus: {} bytes, {} replies, {} lines, {} shapes; every parser agrees",
        corpus.bytes.len(),
        replies,
        corpus.line_count(),
        SHAPES.len()
    );
    for (shape, count) in SHAPES.iter().zip(&corpus.shape_counts) {
        eprintln!(
            "  {:>5} x {:<20} ({} bytes)",
            count,
            shape.name,
            shape.text.len()
        );
    }

    let buf = &corpus.bytes[..];
    let opts = ParseOptions::new();
    let mut group = c.benchmark_group("reply_parse");
    group.throughput(Throughput::Bytes(buf.len() as u64));

    group.bench_function("smtp-codes/parse_prefix", |b| {
        b.iter(|| {
            ours_parse_prefix(black_box(buf), &opts, |r| {
                black_box(*r);
            })
        })
    });
    group.bench_function("smtp-codes/Replies", |b| {
        b.iter(|| {
            ours_replies(black_box(buf), opts, |r| {
                black_box(*r);
            })
        })
    });
    group.bench_function("smtp-codes/ReplyStream", |b| {
        b.iter(|| {
            ours_stream(black_box(buf), opts, |r| {
                black_box(*r);
            })
        })
    });
    group.bench_function("smtp-proto/ResponseReceiver", |b| {
        b.iter(|| {
            smtp_proto(black_box(buf), |r| {
                black_box(r);
            })
        })
    });
    group.bench_function("lettre/client-style", |b| {
        b.iter(|| {
            lettre_client(black_box(buf), |r| {
                black_box(r);
            })
        })
    });
    group.bench_function("lettre/pre-split", |b| {
        b.iter(|| {
            lettre_presplit(black_box(buf), &corpus.spans, |r| {
                black_box(r);
            })
        })
    });
    group.bench_function("memchr/count-lf", |b| {
        b.iter(|| black_box(memchr_floor(black_box(buf))))
    });
    group.bench_function("memchr/find-lf", |b| {
        b.iter(|| black_box(memchr_find_floor(black_box(buf))))
    });
    group.bench_function("floor/lines+code", |b| {
        b.iter(|| black_box(lines_floor(black_box(buf))))
    });
    group.finish();
}

fn code_parse(c: &mut Criterion) {
    const N: usize = 4096;
    let enhanced = shuffled(ENHANCED, N);
    let replies = shuffled(REPLY_CODES, N);
    if let Err(e) = check_codes(&enhanced, &replies) {
        panic!("ours and the naive baseline disagree: {e}");
    }

    let mut group = c.benchmark_group("code_parse");
    group.throughput(Throughput::Elements(N as u64));
    group.bench_function("EnhancedCode::parse", |b| {
        b.iter(|| {
            for s in black_box(&enhanced) {
                black_box(EnhancedCode::parse(s.as_bytes()).ok());
            }
        })
    });
    group.bench_function("naive-enhanced/split+parse_u16", |b| {
        b.iter(|| {
            for s in black_box(&enhanced) {
                black_box(naive_enhanced(s));
            }
        })
    });
    group.bench_function("ReplyCode::parse", |b| {
        b.iter(|| {
            for s in black_box(&replies) {
                black_box(ReplyCode::parse(s.as_bytes()).ok());
            }
        })
    });
    group.bench_function("naive-reply/parse_u16", |b| {
        b.iter(|| {
            for s in black_box(&replies) {
                black_box(naive_reply_code(s));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, reply_parse, code_parse);
criterion_main!(benches);
