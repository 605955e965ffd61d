//! The Rust side of the boundary benchmark (`bench/reply_parse.c`): the same
//! loop over the same corpus (`tests/vectors/replies.json`), calling
//! `Reply::parse` directly and reading the same fields. Prints the median of
//! 7 runs in nanoseconds per call. See `BENCHMARKS-c.md`.
//!
//! ```sh
//! cargo bench -p smtp-codes-c --bench reply_parse
//! ```

use serde_json::Value;
use smtp_codes_core::Reply;
use std::hint::black_box;
use std::time::Instant;

const ROUNDS: usize = 20_000;
const RUNS: usize = 7;

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/replies.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let inputs: Vec<Vec<u8>> = doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| match c["input_hex"].as_str() {
            Some(h) => hex(h),
            None => c["input"].as_str().unwrap().as_bytes().to_vec(),
        })
        .collect();
    let bytes: usize = inputs.iter().map(Vec::len).sum();
    let mut sink: u64 = 0;
    let mut runs = [0f64; RUNS];
    for run in &mut runs {
        let start = Instant::now();
        for _ in 0..ROUNDS {
            for input in &inputs {
                sink += match Reply::parse(black_box(input)) {
                    Ok(r) => {
                        let defects = r.defects().iter().count() as u64;
                        u64::from(r.code().as_u16())
                            + r.line_count() as u64
                            + defects
                            + u64::from(r.enhanced().map_or(0, |e| e.detail()))
                    }
                    Err(_) => 1,
                };
            }
        }
        *run = start.elapsed().as_nanos() as f64 / (ROUNDS * inputs.len()) as f64;
    }
    runs.sort_by(f64::total_cmp);
    println!(
        "Rust Reply::parse:          {:6.1} ns/call (median of {RUNS}; min {:.1}, max {:.1}), {} inputs, {bytes} bytes, checksum {}",
        runs[RUNS / 2],
        runs[0],
        runs[RUNS - 1],
        inputs.len(),
        black_box(sink) / (RUNS * ROUNDS) as u64
    );
}
