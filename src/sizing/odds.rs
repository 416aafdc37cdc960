//! The size probability: bodies drawn from the shopper's measurements and their doubt
//! ([`Spread`]), each given a size by the table's rules ([`SizeTable::decide`]); the share of
//! draws per size (and for which none fits), the runner-up, and the predicted measurement whose
//! taking would remove the most doubt (the mutual information between it and the size, read
//! from the same draws).

use super::history::{Adjustment, Offsets};
use super::table::{Miss, SizeTable};
use crate::fit::recommend::Choice;
use crate::measurements::{Key, Normal, Resolved, Source, Spread, Values};
use serde::{Deserialize, Serialize};

/// Bodies drawn per garment: the probability's sampling error is at most 1.6 points (one
/// standard deviation at 50 %).
pub const DRAWS: usize = 1000;
/// The seed of the draws: the same shopper gets the same numbers every time.
pub const SEED: u64 = 0x0061_6E70_726F_6265;
/// A measurement is worth asking for when knowing it would remove at least this much doubt
/// (bits of the size's entropy).
pub const WORTH_MEASURING_BITS: f64 = 0.1;
/// Quantile bins a predicted key's draws are split into to read how much it decides.
const BINS: usize = 10;

/// Bodies drawn for one shopper, shared by every garment.
#[derive(Clone, Debug, PartialEq)]
pub struct Draws {
    /// The drawn bodies.
    pub bodies: Vec<Values>,
    /// The resolved body they are drawn round (its values decide the point answer).
    pub centre: Values,
    /// Per key, whether the shopper typed it (only predicted keys are worth measuring next).
    pub typed: [bool; Key::COUNT],
}

impl Draws {
    /// [`DRAWS`] bodies round a resolved body (the centre alone if the model's covariance
    /// cannot be factored, which the committed model always can).
    pub fn of(resolved: &Resolved) -> Draws {
        Spread::of(resolved).map_or_else(
            || Draws {
                bodies: vec![resolved.values],
                centre: resolved.values,
                typed: std::array::from_fn(|i| resolved.sources[i] == Source::Typed),
            },
            |s| Draws::from_spread(&s, DRAWS),
        )
    }

    /// `count` bodies from a spread.
    pub fn from_spread(spread: &Spread, count: usize) -> Draws {
        Draws {
            bodies: spread.draw(count, SEED),
            centre: spread.centre,
            typed: spread.typed,
        }
    }
}

/// One size's probability.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SizeChance {
    /// The size's label.
    pub label: String,
    /// Share of the drawn bodies this size is recommended for, 0 … 1.
    pub probability: f64,
}

/// The measurement to take next.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeasureNext {
    /// The key (`"hip_girth"`): predicted, never typed.
    pub key: Key,
    /// The doubt about the size it would remove, bits (expected drop in entropy).
    pub bits: f64,
    /// The two likeliest answers it decides between, in chart order (size labels; `null`, last:
    /// no size fits).
    pub between: [Option<String>; 2],
}

/// When no size fits: the nearest and what is off in it (for the point body).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Nearest {
    /// The nearest size's label.
    pub label: String,
    /// What is off, largest first.
    pub misses: Vec<Miss>,
}

/// The size advice of one garment for one shopper.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SizeOdds {
    /// The likeliest size; `None` when no size fits in more than half the draws.
    pub recommended: Option<String>,
    /// Its probability (of "no size fits" when `recommended` is `None`).
    pub probability: f64,
    /// Every size in chart order.
    pub sizes: Vec<SizeChance>,
    /// Share of the draws no size fits.
    pub no_size: f64,
    /// The second likeliest size, if any draw got it.
    pub runner_up: Option<SizeChance>,
    /// The predicted measurement that would remove the most doubt, if one removes enough.
    pub measure_next: Option<MeasureNext>,
    /// When the likeliest answer is that no size fits: the nearest size and what is off.
    pub nearest: Option<Nearest>,
    /// What the shopper's history changed, with its causes (none without history).
    pub history: Vec<Adjustment>,
}

impl SizeOdds {
    /// The likeliest size other than `label` (the runner-up to a size recommended otherwise,
    /// e.g. by the drape), if any draw got one.
    pub fn runner_up_to(&self, label: Option<&str>) -> Option<SizeChance> {
        self.sizes
            .iter()
            .filter(|s| Some(s.label.as_str()) != label && s.probability > 0.0)
            .fold(None, |best: Option<&SizeChance>, s| match best {
                Some(b) if b.probability >= s.probability => Some(b),
                _ => Some(s),
            })
            .cloned()
    }

    /// The probability of a size by label (0 for a label not in the chart).
    pub fn of(&self, label: &str) -> f64 {
        self.sizes
            .iter()
            .find(|s| s.label == label)
            .map_or(0.0, |s| s.probability)
    }
}

/// An answer's index: a size, or `sizes` for "no size fits".
fn answer(choice: Choice, sizes: usize) -> usize {
    choice.size().unwrap_or(sizes)
}

/// Entropy of counts, bits.
fn entropy(counts: &[usize]) -> f64 {
    let total: usize = counts.iter().sum();
    if total == 0 {
        return 0.0;
    }
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / total as f64;
            -p * p.log2()
        })
        .sum()
}

/// The size advice of a garment (its table) for a shopper (their draws), the chart's alone.
pub fn odds(table: &SizeTable, draws: &Draws) -> SizeOdds {
    odds_with(table, draws, &Offsets::default())
}

/// The size advice with the shopper's history: each drawn body moved by the offsets learned for
/// this garment's brand and the shopper's own, each drawn from its doubt ([`Offsets::apply`]).
pub fn odds_with(table: &SizeTable, draws: &Draws, offsets: &Offsets) -> SizeOdds {
    let n = table.sizes.len();
    let mut normal = Normal::new(SEED.wrapping_add(1));
    let answers: Vec<usize> = draws
        .bodies
        .iter()
        .map(|b| {
            if offsets.is_empty() {
                return answer(table.decide(b), n);
            }
            let z: Vec<f64> = offsets.shifts.iter().map(|_| normal.sample()).collect();
            answer(table.decide(&offsets.apply(b, z)), n)
        })
        .collect();
    let mut counts = vec![0usize; n + 1];
    answers.iter().for_each(|&a| counts[a] += 1);
    let total = answers.len().max(1) as f64;
    let p = |a: usize| counts[a] as f64 / total;
    // Likeliest first; ties to the chart's order, "no size" last.
    let mut ranked: Vec<usize> = (0..=n).collect();
    ranked.sort_by(|&a, &b| counts[b].cmp(&counts[a]).then(a.cmp(&b)));
    let label = |a: usize| (a < n).then(|| table.sizes[a].label.clone());
    // The likeliest size is shown unless no size fits more often than not: a shopper spread over
    // several sizes is shown the best of them, with its (low) probability.
    let best = match ranked.iter().copied().find(|&a| a < n && counts[a] > 0) {
        Some(size) if 2 * counts[n] <= answers.len() => size,
        _ => n,
    };
    let centre = offsets.apply(&draws.centre, std::iter::repeat(0.0));
    let point_choice = table.decide(&centre);
    // "None fits" likeliest: the size nearest the measurements as they are, and what is off.
    let nearest = match point_choice {
        Choice::NoSizes => None,
        Choice::InsideAll(i)
        | Choice::InsidePrimary(i)
        | Choice::Nearest(i)
        | Choice::NoneFits(i) => (best == n).then(|| Nearest {
            label: table.sizes[i].label.clone(),
            misses: table.misses(i, &centre),
        }),
    };
    let mut odds = SizeOdds {
        recommended: label(best),
        probability: p(best),
        sizes: (0..n)
            .map(|a| SizeChance {
                label: table.sizes[a].label.clone(),
                probability: p(a),
            })
            .collect(),
        no_size: p(n),
        runner_up: None,
        measure_next: measure_next(draws, &answers, &counts, n).map(|(key, bits)| {
            // In chart order (no size fits last): "between 38 and 42" reads as the range the
            // two likeliest answers span, the sizes between them included.
            let (low, high) = (ranked[0].min(ranked[1]), ranked[0].max(ranked[1]));
            MeasureNext {
                key,
                bits,
                between: [label(low), label(high)],
            }
        }),
        nearest,
        history: offsets.adjustments.clone(),
    };
    odds.runner_up = odds.runner_up_to(odds.recommended.as_deref());
    odds
}

/// The predicted key whose value tells the most about the answer: the draws sorted by it into
/// [`BINS`] equal bins, the entropy of the answer less its mean entropy within a bin. `None`
/// when no key removes [`WORTH_MEASURING_BITS`].
fn measure_next(
    draws: &Draws,
    answers: &[usize],
    counts: &[usize],
    n: usize,
) -> Option<(Key, f64)> {
    let h = entropy(counts);
    if h < WORTH_MEASURING_BITS || answers.len() < BINS * 10 {
        return None;
    }
    let mut order: Vec<usize> = (0..answers.len()).collect();
    Key::ALL
        .into_iter()
        .filter(|k| !draws.typed[k.index()] && *k != Key::WeightKg)
        .map(|key| {
            let i = key.index();
            order.sort_by(|&a, &b| draws.bodies[a][i].total_cmp(&draws.bodies[b][i]));
            let per_bin = order.len().div_ceil(BINS);
            let within: f64 = order
                .chunks(per_bin)
                .map(|chunk| {
                    let mut c = vec![0usize; n + 1];
                    chunk.iter().for_each(|&j| c[answers[j]] += 1);
                    entropy(&c) * chunk.len() as f64
                })
                .sum::<f64>()
                / order.len() as f64;
            (key, h - within)
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .filter(|(_, bits)| *bits >= WORTH_MEASURING_BITS)
}

/// A key as words (`"hip girth"`).
fn words(key: &str) -> String {
    key.replace('_', " ")
}

/// A probability as whole percent (`"87 %"`).
pub fn percent(p: f64) -> String {
    format!("{} %", crate::measurements::percent(p))
}

impl MeasureNext {
    /// Why, in English: `"it decides between 38 and 40"`.
    pub fn why(&self) -> String {
        let name = |l: &Option<String>| l.clone().unwrap_or_else(|| "no size".into());
        match &self.between {
            [a, b] if a != b => format!("it decides between {} and {}", name(a), name(b)),
            [a, _] => format!("it decides whether {} fits", name(a)),
        }
    }

    /// The advice in English: `"measure your hip girth: it decides between 38 and 40"`.
    pub fn sentence(&self) -> String {
        format!("measure your {}: {}", words(self.key.as_str()), self.why())
    }
}

impl Nearest {
    /// In English: `"none fits: the nearest, 32, is 3 cm tight at the hip girth"`.
    pub fn sentence(&self) -> String {
        let what: Vec<String> = self
            .misses
            .iter()
            .map(|m| {
                let how = if m.verdict == crate::fit::Verdict::Loose {
                    "loose"
                } else {
                    "tight"
                };
                format!("{:.0} cm {how} at the {}", m.cm.max(1.0), words(&m.key))
            })
            .collect();
        if what.is_empty() {
            format!("none fits: the nearest is {}", self.label)
        } else {
            format!(
                "none fits: the nearest, {}, is {}",
                self.label,
                what.join(" and ")
            )
        }
    }
}

impl SizeOdds {
    /// The advice in English, one line each: the size with its probability (or that none fits
    /// and what is off in the nearest), the runner-up, the measurement to take.
    pub fn sentences(&self) -> Vec<String> {
        let mut out = Vec::new();
        match (&self.recommended, &self.nearest) {
            (Some(size), _) => out.push(format!(
                "size {size} \u{2014} {}",
                percent(self.probability)
            )),
            (None, Some(nearest)) => out.push(format!(
                "{} ({})",
                nearest.sentence(),
                percent(self.no_size)
            )),
            (None, None) => out.push("the size chart has no sizes".into()),
        }
        if let Some(r) = &self.runner_up {
            out.push(format!(
                "runner-up: {} \u{2014} {}",
                r.label,
                percent(r.probability)
            ));
        }
        if let Some(m) = &self.measure_next {
            out.push(m.sentence());
        }
        out.extend(self.history.iter().map(|a| a.text.clone()));
        out
    }
}

/// [`odds`] for many garments and one shopper, in parallel (a catalog's "fits me").
pub fn odds_all(tables: &[&SizeTable], draws: &Draws) -> Vec<SizeOdds> {
    use rayon::prelude::*;
    tables.par_iter().map(|t| odds(t, draws)).collect()
}
