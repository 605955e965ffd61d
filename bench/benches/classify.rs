//! Classification throughput on one thread: verdicts per second from code
//! pairs alone, and from diagnostic texts (`src/verdicts.rs`).
//!
//! cargo bench --manifest-path bench/Cargo.toml --bench classify -- --warm-up-time 1 --measurement-time 5

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use smtp_codes_bench::text::{TEXT_TARGET_BYTES, TextCorpus};
use smtp_codes_bench::verdicts::{
    PAIRS_PER_PASS, case_diagnostics, check_verdicts, classify_cases, classify_codes,
    classify_diagnostics, decided_by_tally, load_cases, real_pairs, shuffled_n,
};

fn classify(c: &mut Criterion) {
    let cases = load_cases();
    // Once, outside the timed loops: the cases are read as core reads them.
    if let Err(e) = check_verdicts(&cases) {
        panic!("verdicts differ from core's verdicts.json: {e}");
    }
    let real = real_pairs(&cases);
    let pairs = shuffled_n(&real, PAIRS_PER_PASS);
    let log = TextCorpus::build(TEXT_TARGET_BYTES);
    let diags = case_diagnostics(&cases);
    eprintln!(
        "{} code pairs ({} real ones, cycled and shuffled), {} log/bounce texts, {} bounces.json diagnostics, {} cases",
        pairs.len(),
        real.len(),
        log.texts.len(),
        diags.len(),
        cases.len()
    );
    eprintln!(
        "  decided by, log corpus: {:?}",
        decided_by_tally(|s| classify_diagnostics(&log.texts, s))
    );
    eprintln!(
        "  decided by, bounces.json diagnostics: {:?}",
        decided_by_tally(|s| classify_diagnostics(&diags, s))
    );

    let mut group = c.benchmark_group("classify");
    group.throughput(Throughput::Elements(pairs.len() as u64));
    group.bench_function("codes-only/status+reply", |b| {
        b.iter(|| {
            classify_codes(black_box(&pairs), |v| {
                black_box(v);
            })
        })
    });
    group.throughput(Throughput::Elements(log.texts.len() as u64));
    group.bench_function("diagnostic/log-corpus", |b| {
        b.iter(|| {
            classify_diagnostics(black_box(&log.texts), |v| {
                black_box(v);
            })
        })
    });
    group.throughput(Throughput::Elements(diags.len() as u64));
    group.bench_function("diagnostic/bounces.json", |b| {
        b.iter(|| {
            classify_diagnostics(black_box(&diags), |v| {
                black_box(v);
            })
        })
    });
    group.throughput(Throughput::Elements(cases.len() as u64));
    group.bench_function("all-signals/bounces.json", |b| {
        b.iter(|| {
            classify_cases(black_box(&cases), |v| {
                black_box(v);
            })
        })
    });
    group.finish();
}

criterion_group!(benches, classify);
criterion_main!(benches);
