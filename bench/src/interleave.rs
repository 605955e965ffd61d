//! The interleaved timing used by `src/bin/interleaved.rs`: every round
//! times each contender once, in a shuffled order, back to back, so a build
//! that starts next door slows all of them in the same round; ratios are
//! taken within each round and their quartiles reported.

use std::time::{Duration, Instant};

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use rand::seq::SliceRandom;

use crate::SEED;

/// One timed thing: a name, how many units (bytes, verdicts) one pass
/// handles, and the pass.
pub struct Contender<'a> {
    /// The name in the tables.
    pub name: &'static str,
    /// Units per pass.
    pub units: usize,
    /// One pass.
    pub pass: Box<dyn Fn() + 'a>,
}

impl<'a> Contender<'a> {
    /// A contender.
    pub fn new(name: &'static str, units: usize, pass: impl Fn() + 'a) -> Self {
        Contender {
            name,
            units,
            pass: Box::new(pass),
        }
    }
}

/// Units per second of each contender in each round: `speed[round][contender]`.
pub struct Rounds {
    /// The contenders' names.
    pub names: Vec<&'static str>,
    /// Units per second, per round and contender.
    pub speed: Vec<Vec<f64>>,
}

/// Times `contenders` for `rounds` rounds of `slice` each.
pub fn run(contenders: &[Contender<'_>], rounds: usize, slice: Duration) -> Rounds {
    // Passes per slice, from one warm-up slice each.
    let passes: Vec<usize> = contenders
        .iter()
        .map(|c| {
            let start = Instant::now();
            let mut n = 0;
            while start.elapsed() < slice {
                (c.pass)();
                n += 1;
            }
            n.max(1)
        })
        .collect();
    let mut speed = vec![vec![0.0f64; contenders.len()]; rounds];
    let mut order: Vec<usize> = (0..contenders.len()).collect();
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    for row in speed.iter_mut() {
        order.shuffle(&mut rng);
        for &p in &order {
            let start = Instant::now();
            for _ in 0..passes[p] {
                (contenders[p].pass)();
            }
            let secs = start.elapsed().as_secs_f64();
            row[p] = (contenders[p].units * passes[p]) as f64 / secs;
        }
    }
    Rounds {
        names: contenders.iter().map(|c| c.name).collect(),
        speed,
    }
}

impl Rounds {
    fn index(&self, name: &str) -> usize {
        self.names
            .iter()
            .position(|n| *n == name)
            .unwrap_or_else(|| panic!("no contender {name}"))
    }

    /// (p25, median, p75, max) of one contender's speed over the rounds.
    pub fn speed_quartiles(&self, name: &str) -> (f64, f64, f64, f64) {
        let i = self.index(name);
        quartiles(self.speed.iter().map(|row| row[i]).collect())
    }

    /// (p25, median, p75) over the rounds of `a`'s speed over `b`'s.
    pub fn ratio(&self, a: &str, b: &str) -> (f64, f64, f64) {
        let (ia, ib) = (self.index(a), self.index(b));
        let (q25, med, q75, _) =
            quartiles(self.speed.iter().map(|row| row[ia] / row[ib]).collect());
        (q25, med, q75)
    }

    /// Prints each contender's speed: median, p25 and best round, in
    /// `unit` (speed divided by `scale`), plus `extra` of the median and of
    /// the best round (for instance ns per verdict).
    pub fn print_speeds(&self, unit: &str, scale: f64, extra: Option<Extra<'_>>) {
        print!(
            "{:<34} {:>16} {:>16} {:>16}",
            "contender",
            format!("median {unit}"),
            format!("p25 {unit}"),
            format!("best {unit}")
        );
        if let Some((name, _)) = extra {
            print!(
                " {:>18} {:>18}",
                format!("median {name}"),
                format!("best {name}")
            );
        }
        println!();
        for name in &self.names {
            let (q25, med, _, best) = self.speed_quartiles(name);
            print!(
                "{name:<34} {:>16.2} {:>16.2} {:>16.2}",
                med / scale,
                q25 / scale,
                best / scale
            );
            if let Some((_, f)) = extra {
                print!(" {:>18.1} {:>18.1}", f(med), f(best));
            }
            println!();
        }
    }

    /// Prints the per-round ratios `a / b` for each pair.
    pub fn print_ratios(&self, pairs: &[(&str, &str)]) {
        println!(
            "per-round ratios of throughput (median, p25..p75 over {} rounds)",
            self.speed.len()
        );
        for (a, b) in pairs {
            let (q25, med, q75) = self.ratio(a, b);
            println!("{a:>34} / {b:<34} {med:>7.2}  ({q25:.2}..{q75:.2})");
        }
    }
}

/// An extra column of the speed table: its name, and what it shows of the
/// median speed (for instance `|s| 1e9 / s`, ns per unit).
pub type Extra<'a> = (&'a str, fn(f64) -> f64);

/// (p25, median, p75, max) of the values.
pub fn quartiles(mut v: Vec<f64>) -> (f64, f64, f64, f64) {
    v.sort_by(f64::total_cmp);
    let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    (at(0.25), at(0.5), at(0.75), at(1.0))
}
