//! Classification throughput: the inputs (code pairs, diagnostics from the
//! text corpus and from `tests/vectors/bounces.json`) and the drivers.

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use rand::seq::SliceRandom;
use serde_json::Value;
use smtp_codes::{
    Command, EnhancedCode, ParseOptions, ReplyCode, Signals, Verdict, best_enhanced, best_reply,
    classify,
};

use crate::text::TEXTS;
use crate::{SEED, SHAPES};

/// Where the labelled corpus is, from this crate.
pub const BOUNCES_JSON: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/bounces.json");
/// Where core's golden verdicts on it are.
pub const VERDICTS_JSON: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/vectors/verdicts.json"
);

/// Number of code pairs per pass of the code-only benchmark.
pub const PAIRS_PER_PASS: usize = 4096;

/// One case of `bounces.json`: its inputs, read as core's
/// `tests/verdicts.rs` reads them (the bindings do the same).
#[derive(Clone, Debug)]
pub struct Case {
    /// The case's id.
    pub id: String,
    /// `input.diagnostic`.
    pub diagnostic: Option<String>,
    /// The first word of `input.status`, as an enhanced code.
    pub status: Option<EnhancedCode>,
    /// `input.reply_code`.
    pub reply_code: Option<ReplyCode>,
    /// `input.remote_host`.
    pub remote_host: Option<String>,
    /// `input.command`.
    pub command: Option<Command>,
}

impl Case {
    /// Every signal the case gives.
    pub fn signals(&self) -> Signals<'_> {
        let mut s = Signals::new();
        if let Some(d) = &self.diagnostic {
            s = s.diagnostic(d.as_bytes());
        }
        if let Some(st) = self.status {
            s = s.status(st);
        }
        if let Some(r) = self.reply_code {
            s = s.reply_code(r);
        }
        if let Some(h) = &self.remote_host {
            s = s.remote_host(h);
        }
        if let Some(c) = self.command {
            s = s.command(c);
        }
        s
    }
}

fn read_json(path: &str) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The cases of `bounces.json`, in file order.
pub fn load_cases() -> Vec<Case> {
    let doc = read_json(BOUNCES_JSON);
    doc["cases"]
        .as_array()
        .expect("bounces.json has cases")
        .iter()
        .map(|c| {
            let input = &c["input"];
            Case {
                id: c["id"].as_str().unwrap_or_default().to_owned(),
                diagnostic: input["diagnostic"].as_str().map(str::to_owned),
                status: input["status"]
                    .as_str()
                    .and_then(|t| t.split_whitespace().next())
                    .and_then(|w| w.parse::<EnhancedCode>().ok()),
                reply_code: input["reply_code"]
                    .as_u64()
                    .and_then(|n| ReplyCode::from_u16(n as u16)),
                remote_host: input["remote_host"].as_str().map(str::to_owned),
                command: input["command"].as_str().and_then(Command::parse),
            }
        })
        .collect()
}

/// Real (status, reply code) pairs: each case of `bounces.json` (its `Status`
/// or else the enhanced code its diagnostic holds, with its reply code or
/// else the diagnostic's), each template of the text corpus, each reply
/// shape of the reply corpus, wherever both codes are there. Found with
/// `best_enhanced` / `best_reply` and the reply parser, before any timing.
pub fn real_pairs(cases: &[Case]) -> Vec<(EnhancedCode, ReplyCode)> {
    let mut pairs = Vec::new();
    for c in cases {
        let diag = c.diagnostic.as_deref().unwrap_or("").as_bytes();
        let status = c.status.or_else(|| best_enhanced(diag));
        let reply = c.reply_code.or_else(|| best_reply(diag));
        if let (Some(s), Some(r)) = (status, reply) {
            pairs.push((s, r));
        }
    }
    for t in TEXTS {
        if let (Some(s), Some(r)) = (
            best_enhanced(t.text.as_bytes()),
            best_reply(t.text.as_bytes()),
        ) {
            pairs.push((s, r));
        }
    }
    for shape in SHAPES {
        if let Ok(smtp_codes::ParseStatus::Complete(reply, _)) =
            smtp_codes::Reply::parse_prefix(shape.text.as_bytes(), &ParseOptions::new())
            && let Some(e) = reply.enhanced()
        {
            pairs.push((e, reply.code()));
        }
    }
    pairs
}

/// `n` items drawn round-robin from `from`, shuffled with the fixed seed.
pub fn shuffled_n<T: Clone>(from: &[T], n: usize) -> Vec<T> {
    let mut v: Vec<T> = from.iter().cloned().cycle().take(n).collect();
    v.shuffle(&mut ChaCha8Rng::seed_from_u64(SEED));
    v
}

/// The diagnostics of `bounces.json` (cases that have one), shuffled.
pub fn case_diagnostics(cases: &[Case]) -> Vec<&[u8]> {
    let mut v: Vec<&[u8]> = cases
        .iter()
        .filter_map(|c| c.diagnostic.as_deref().map(str::as_bytes))
        .collect();
    v.shuffle(&mut ChaCha8Rng::seed_from_u64(SEED));
    v
}

// -------------------------------------------------------------- drivers --

/// `classify(Signals::new().status(s).reply_code(r))` for each pair.
#[inline]
pub fn classify_codes(pairs: &[(EnhancedCode, ReplyCode)], mut sink: impl FnMut(&Verdict)) {
    for &(s, r) in pairs {
        sink(&classify(&Signals::new().status(s).reply_code(r)));
    }
}

/// `classify(Signals::new().diagnostic(text))` for each text.
#[inline]
pub fn classify_diagnostics(texts: &[&[u8]], mut sink: impl FnMut(&Verdict)) {
    for text in texts {
        sink(&classify(&Signals::new().diagnostic(text)));
    }
}

/// `classify` of every signal each case gives.
#[inline]
pub fn classify_cases(cases: &[Case], mut sink: impl FnMut(&Verdict)) {
    for c in cases {
        sink(&classify(&c.signals()));
    }
}

// ------------------------------------------------------------ agreement --

fn verdict_json(v: &Verdict) -> Value {
    let e = v.evidence();
    serde_json::json!({
        "class": v.class().as_str(),
        "reason": v.reason().as_str(),
        "bounce": v.bounce().as_str(),
        "action": v.action().as_str(),
        "decided_by": e.decided_by().as_str(),
        "enhanced": e.enhanced().map(|c| c.to_string()),
        "reply_code": e.reply_code().map(|c| c.as_u16()),
    })
}

/// Checks that the all-signals driver, on the cases as this crate reads
/// them, answers what core's golden `verdicts.json` says: the benchmark
/// classifies the inputs the bindings are tested on, read the same way.
/// Returns the number of cases.
pub fn check_verdicts(cases: &[Case]) -> Result<usize, String> {
    let golden = read_json(VERDICTS_JSON);
    let golden = golden["cases"]
        .as_array()
        .ok_or("verdicts.json has no cases")?;
    if golden.len() != cases.len() {
        return Err(format!(
            "{} cases, verdicts.json {}",
            cases.len(),
            golden.len()
        ));
    }
    let mut got = Vec::new();
    classify_cases(cases, |v| got.push(verdict_json(v)));
    for ((c, g), v) in cases.iter().zip(golden).zip(&got) {
        if g["id"].as_str() != Some(c.id.as_str()) {
            return Err(format!("case {} is {} in verdicts.json", c.id, g["id"]));
        }
        if &g["verdict"] != v {
            return Err(format!("{}: {v}, verdicts.json {}", c.id, g["verdict"]));
        }
    }
    Ok(cases.len())
}

/// How a set of verdicts was decided: (`DecidedBy` name, count), for the
/// report (a verdict decided by nothing did less work).
pub fn decided_by_tally(run: impl FnOnce(&mut dyn FnMut(&Verdict))) -> Vec<(&'static str, usize)> {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    run(&mut |v: &Verdict| {
        let name = v.evidence().decided_by().as_str();
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, c)) => *c += 1,
            None => counts.push((name, 1)),
        }
    });
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_benchmark_reads_the_cases_as_core_and_the_bindings_do() {
        let cases = load_cases();
        assert_eq!(check_verdicts(&cases), Ok(cases.len()));
    }

    #[test]
    fn the_inputs_are_there_and_the_same_every_time() {
        let cases = load_cases();
        let pairs = real_pairs(&cases);
        assert!(pairs.len() > 150, "{} pairs", pairs.len());
        assert_eq!(
            shuffled_n(&pairs, PAIRS_PER_PASS),
            shuffled_n(&pairs, PAIRS_PER_PASS)
        );
        assert!(case_diagnostics(&cases).len() > 250);
    }

    #[test]
    fn code_only_verdicts_follow_the_status() {
        let pairs = shuffled_n(&real_pairs(&load_cases()), 512);
        let mut n = 0;
        classify_codes(&pairs, |v| {
            assert_eq!(v.evidence().enhanced(), Some(pairs[n].0));
            n += 1;
        });
        assert_eq!(n, pairs.len());
    }
}
