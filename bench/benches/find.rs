//! Codes in free text: smtp-codes' `find_codes` and `best_enhanced` beside
//! the `regex` crate doing the closest equivalent job (`src/text.rs`), on the
//! same log lines and bounce diagnostics.
//!
//! cargo bench --manifest-path bench/Cargo.toml --bench find -- --warm-up-time 1 --measurement-time 5

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use smtp_codes_bench::text::{
    RegexFinder, TEXT_TARGET_BYTES, TEXTS, TextCorpus, accuracy, check_text_agreement, ours_best,
    ours_find, regex_find, regex_first_enhanced,
};

fn find(c: &mut Criterion) {
    let corpus = TextCorpus::build(TEXT_TARGET_BYTES);
    let re = RegexFinder::new();
    // Once, outside the timed loops.
    let codes = match check_text_agreement(&corpus, &re) {
        Ok(n) => n,
        Err(e) => panic!("the text drivers disagree: {e}"),
    };
    let acc = accuracy(&corpus, TEXTS, &re);
    eprintln!(
        "text corpus: {} texts from {} templates, {} bytes; find_codes reports {codes} codes",
        corpus.texts.len(),
        TEXTS.len(),
        corpus.bytes
    );
    eprintln!("  find_codes    {:?}", acc.ours);
    eprintln!("  regex         {:?}", acc.regex);
    eprintln!("  best_enhanced {:?}", acc.ours_best);
    eprintln!("  regex first   {:?}", acc.regex_best);

    let texts = &corpus.texts[..];
    let mut group = c.benchmark_group("find");
    group.throughput(Throughput::Bytes(corpus.bytes as u64));
    group.bench_function("smtp-codes/find_codes", |b| {
        b.iter(|| {
            ours_find(black_box(texts), |f| {
                black_box(f);
            })
        })
    });
    group.bench_function("regex/codes", |b| {
        b.iter(|| {
            regex_find(&re.any, black_box(texts), |c| {
                black_box(c);
            })
        })
    });
    group.bench_function("smtp-codes/best_enhanced", |b| {
        b.iter(|| {
            ours_best(black_box(texts), |e| {
                black_box(e);
            })
        })
    });
    group.bench_function("regex/first-enhanced", |b| {
        b.iter(|| {
            regex_first_enhanced(&re.enhanced, black_box(texts), |c| {
                black_box(c);
            })
        })
    });
    group.finish();
}

criterion_group!(benches, find);
criterion_main!(benches);
