//! What core itself spends on the inputs of `bench/bench.py`, without
//! Python: `cargo run --release -p smtp-codes-python --example core_cost`
//! (bench.py runs it with `--with-core`, the corpus diagnostics on standard
//! input, NUL-separated). Prints `name<TAB>ns per call`.

use smtp_codes::{Reply, Signals, classify};
use std::hint::black_box;
use std::io::Read;
use std::time::Instant;

/// Nanoseconds per call of `f`, best of 30 short rounds of `n` calls.
fn best(n: u32, mut f: impl FnMut()) -> f64 {
    (0..30)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..n {
                f();
            }
            t.elapsed().as_secs_f64() * 1e9 / f64::from(n)
        })
        .fold(f64::MAX, f64::min)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let single: Vec<u8> = args.next().unwrap_or_default().into_bytes();
    let multi: Vec<u8> = args.next().unwrap_or_default().into_bytes();
    let diagnostic: Vec<u8> = args.next().unwrap_or_default().into_bytes();
    println!(
        "parse_single\t{:.0}",
        best(20_000, || {
            black_box(Reply::parse(black_box(&single)).is_ok());
        })
    );
    println!(
        "parse_multi\t{:.0}",
        best(20_000, || {
            black_box(Reply::parse(black_box(&multi)).is_ok());
        })
    );
    println!(
        "classify\t{:.0}",
        best(5_000, || {
            black_box(classify(&Signals::new().diagnostic(black_box(&diagnostic))));
        })
    );
    let mut corpus = Vec::new();
    if std::io::stdin().read_to_end(&mut corpus).is_ok() && !corpus.is_empty() {
        let texts: Vec<&[u8]> = corpus.split(|&b| b == 0).collect();
        // One pass over the corpus is a call; per diagnostic, on one thread.
        let per_pass = best(20, || {
            for t in &texts {
                black_box(classify(&Signals::new().diagnostic(black_box(t))));
            }
        });
        println!("classify_corpus\t{:.0}", per_pass / texts.len() as f64);
    }
}
