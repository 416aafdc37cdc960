//! The size probability is calibrated: on survey bodies the model never saw (every fifth
//! subject of each form held out; the model fitted on the rest), with only stature, chest, waist
//! (the survey's, at the navel) and hip typed — each as a shopper's tape reads it, the survey's
//! value plus a tape's error ([`tape_sd`]) — the probability of the size shown matches how
//! often it is the size the same rules give the body as surveyed, every measurement typed. Over every
//! held-out body × every catalog garment: expected calibration error (10 bins) ≤ 0.05, and a
//! Brier score below the old heuristic `confidence`'s (re-computed here as it was, 8b0c1fc).
//! `cargo test --test main sizing::calibration -- --nocapture` prints the figures and writes the
//! reliability bins to `target/sizing-reliability.csv` (docs/sizing.md plots them).

use super::tables;
use crate::measurements::model::held_out;
use anprobe::fit::recommend::Choice;
use anprobe::measurements::ansur::{self, Subject};
use anprobe::measurements::{
    Key, Measurements, Normal, Resolved, Source, Spread, resolve_with, tape_sd,
};
use anprobe::sizing::{Draws, SizeTable, odds};
use rayon::prelude::*;

/// The keys a shopper types in this test: stature, chest, the navel's waist (the survey's
/// waist), hip.
const TYPED: [Key; 4] = [
    Key::Stature,
    Key::ChestGirth,
    Key::OmphalionGirth,
    Key::HipGirth,
];

/// A subject's measurements with `keys` typed: the survey's values, each plus its error in
/// `errors` (standard normal, scaled by the key's [`tape_sd`]; none when `None`).
fn typed(s: &Subject, keys: &[Key], errors: Option<&[f64; Key::COUNT]>) -> Measurements {
    let mut m = Measurements::new(s.form, s.values[Key::Stature.index()]);
    for &k in keys {
        let v = s.values[k.index()];
        let error = errors.map_or(0.0, |e| e[k.index()] * tape_sd(k));
        if v.is_finite() {
            m.set(k, v + error);
        }
    }
    m
}

/// Subject `n`'s tape errors, one standard normal number per key: the same reading of a key
/// whichever other keys are typed.
fn tape_errors(n: usize) -> [f64; Key::COUNT] {
    let mut normal = Normal::new(n as u64 + 1);
    std::array::from_fn(|_| normal.sample())
}

/// Every surveyed key (the underbust and the natural waist were not surveyed).
fn surveyed() -> Vec<Key> {
    Key::ALL
        .into_iter()
        .filter(|k| ansur::key_columns(*k).is_some())
        .collect()
}

/// The heuristic `confidence` of 8b0c1fc for the size the rules give the centre body, without
/// a drape (the table's girth verdicts stand in for the drape's): 0.6 + 0.35 × centrality inside
/// all ranges, 0.5 + 0.3 × centrality inside the primary ones, 0.45 e^(−outside) for the
/// nearest, 0 when none fits; × 0.8 with a problem verdict, × 0.9 when several sizes hold the
/// body, × 0.85 with a predicted primary measurement; clamped to 0.05 … 0.98.
fn old_confidence(table: &SizeTable, body: &Resolved) -> (Option<usize>, f64) {
    let v = &body.values;
    let choice = table.decide(v);
    let centrality = |i: usize| {
        table.sizes[i]
            .ranges
            .iter()
            .filter(|r| r.primary)
            .filter_map(|r| {
                let x = v[r.key?.index()];
                let half = 0.5 * (r.max - r.min).abs().max(1e-6);
                Some((1.0 - (x - 0.5 * (r.min + r.max)).abs() / half).clamp(0.0, 1.0))
            })
            .fold(1.0, f64::min)
    };
    let (i, mut c) = match choice {
        Choice::InsideAll(i) => (i, 0.6 + 0.35 * centrality(i)),
        Choice::InsidePrimary(i) => (i, 0.5 + 0.3 * centrality(i)),
        Choice::Nearest(i) => (i, 0.45 * (-table.standing(i, v).outside).exp()),
        Choice::NoneFits(_) | Choice::NoSizes => return (None, 0.0),
    };
    let problem = table.sizes[i].girths.iter().any(|g| {
        let (_, verdict) = g.verdict(v[g.key.index()], table.stretch_pct);
        verdict.is_problem()
    });
    if problem {
        c *= 0.8;
    }
    let inside_all = (0..table.sizes.len())
        .filter(|&j| table.standing(j, v).inside_all)
        .count();
    if inside_all > 1 {
        c *= 0.9;
    }
    let predicted = table.sizes[i]
        .ranges
        .iter()
        .filter(|r| r.primary)
        .filter_map(|r| r.key)
        .any(|k| body.source(k) == Source::Predicted);
    if predicted {
        c *= 0.85;
    }
    (Some(i), c.clamp(0.05, 0.98))
}

/// One body × garment: the shown answer's probability, whether it is the truth, the old
/// confidence and whether the old size is the truth, and Σ (p_k − [k = truth])² over answers.
struct Case {
    p: f64,
    right: bool,
    old_p: f64,
    old_right: bool,
    brier_all: f64,
}

#[test]
fn the_size_probability_is_calibrated_on_held_out_survey_bodies() {
    let Some(dir) = crate::prerequisite::survey_dir(
        "sizing::calibration::the_size_probability_is_calibrated_on_held_out_survey_bodies",
    ) else {
        return;
    };
    let subjects = ansur::read_csv_dir(&dir).expect("the survey files read");
    let (train, held) = held_out(&subjects, 1);
    let model = ansur::fit(&train).expect("the model fits on four fifths");
    assert!(held.len() >= 500, "{} held-out bodies", held.len());
    let all_keys = surveyed();
    let tables = tables();
    let cases: Vec<Case> = held
        .par_iter()
        .enumerate()
        .flat_map_iter(|(n, s)| {
            // The truth: every surveyed value as measured. The shopper: four of them, each
            // taken with a tape's error.
            let full =
                resolve_with(&model, &typed(s, &all_keys, None)).expect("a survey body resolves");
            let four = resolve_with(&model, &typed(s, &TYPED, Some(&tape_errors(n))))
                .expect("four keys resolve");
            let spread = Spread::with(&model, &four).expect("the spread factors");
            let draws = Draws::from_spread(&spread, anprobe::sizing::odds::DRAWS);
            tables
                .iter()
                .map(|(_, _, table)| {
                    let truth = table.decide(&full.values).size();
                    let o = odds(table, &draws);
                    let shown = o
                        .recommended
                        .as_deref()
                        .and_then(|l| table.sizes.iter().position(|s| s.label == l));
                    let (old_size, old_p) = old_confidence(table, &four);
                    let mut brier_all = (o.no_size - f64::from(truth.is_none())).powi(2);
                    for (i, c) in o.sizes.iter().enumerate() {
                        brier_all += (c.probability - f64::from(truth == Some(i))).powi(2);
                    }
                    Case {
                        p: o.probability,
                        right: shown == truth,
                        old_p,
                        old_right: old_size.is_some() && old_size == truth,
                        brier_all,
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let n = cases.len() as f64;
    // Reliability: 10 equal-width bins of the shown probability.
    let mut bins = [(0usize, 0.0f64, 0usize); 10];
    for c in &cases {
        let b = ((c.p * 10.0) as usize).min(9);
        bins[b].0 += 1;
        bins[b].1 += c.p;
        bins[b].2 += usize::from(c.right);
    }
    let ece: f64 = bins
        .iter()
        .filter(|b| b.0 > 0)
        .map(|&(count, sum_p, right)| {
            (count as f64 / n) * (sum_p / count as f64 - right as f64 / count as f64).abs()
        })
        .sum();
    let brier = cases
        .iter()
        .map(|c| (c.p - f64::from(c.right)).powi(2))
        .sum::<f64>()
        / n;
    let old_brier = cases
        .iter()
        .map(|c| (c.old_p - f64::from(c.old_right)).powi(2))
        .sum::<f64>()
        / n;
    let brier_all = cases.iter().map(|c| c.brier_all).sum::<f64>() / n;
    let accuracy = cases.iter().filter(|c| c.right).count() as f64 / n;
    let old_accuracy = cases.iter().filter(|c| c.old_right).count() as f64 / n;
    let mut csv = String::from("bin_low,bin_high,count,mean_probability,share_right\n");
    println!(
        "\n{} held-out bodies x {} garments = {} cases; typed: stature, chest, waist (navel), hip",
        held.len(),
        tables.len(),
        cases.len()
    );
    println!("bin        count  mean p  share right");
    for (b, &(count, sum_p, right)) in bins.iter().enumerate() {
        let (lo, hi) = (b as f64 / 10.0, (b + 1) as f64 / 10.0);
        if count > 0 {
            let (mp, sr) = (sum_p / count as f64, right as f64 / count as f64);
            println!("{lo:.1}-{hi:.1}  {count:>6}  {mp:.3}   {sr:.3}");
            csv.push_str(&format!("{lo:.1},{hi:.1},{count},{mp:.4},{sr:.4}\n"));
        }
    }
    println!(
        "ECE (10 bins) {ece:.4}; Brier (shown size) {brier:.4} vs old confidence {old_brier:.4}; \
         multi-class Brier {brier_all:.4}; shown size right {:.1} % (old rule {:.1} %)",
        accuracy * 100.0,
        old_accuracy * 100.0
    );
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let _ = std::fs::create_dir_all(&out);
    let _ = std::fs::write(out.join("sizing-reliability.csv"), csv);
    assert!(cases.len() >= 500 * tables.len());
    assert!(ece <= 0.05, "expected calibration error {ece:.4} > 0.05");
    assert!(
        brier < old_brier,
        "Brier {brier:.4} does not beat the old confidence's {old_brier:.4}"
    );
}

/// Fewer typed measurements (the rest predicted) never make the size surer: over held-out
/// bodies × every garment, the shown size's probability with only stature, chest, waist and hip
/// typed is lower on average than with every surveyed measurement typed, and in no case higher
/// by more than the draws' sampling noise (three standard errors of the difference).
#[test]
fn fewer_typed_measurements_never_make_the_size_surer() {
    let Some(dir) = crate::prerequisite::survey_dir(
        "sizing::calibration::fewer_typed_measurements_never_make_the_size_surer",
    ) else {
        return;
    };
    let subjects = ansur::read_csv_dir(&dir).expect("the survey files read");
    let (train, held) = held_out(&subjects, 3);
    let model = ansur::fit(&train).expect("the model fits on four fifths");
    let all_keys = surveyed();
    let draws = anprobe::sizing::odds::DRAWS as f64;
    let pairs: Vec<(String, f64, f64)> = held
        .par_iter()
        .enumerate()
        .flat_map_iter(|(n, s)| {
            let with = |keys: &[Key]| {
                let r =
                    resolve_with(&model, &typed(s, keys, Some(&tape_errors(n)))).expect("resolves");
                Draws::from_spread(&Spread::with(&model, &r).expect("factors"), draws as usize)
            };
            let (all, four) = (with(&all_keys), with(&TYPED));
            tables().iter().map(move |(name, _, t)| {
                (
                    name.clone(),
                    odds(t, &all).probability,
                    odds(t, &four).probability,
                )
            })
        })
        .collect();
    let n = pairs.len() as f64;
    let mean_all = pairs.iter().map(|p| p.1).sum::<f64>() / n;
    let mean_four = pairs.iter().map(|p| p.2).sum::<f64>() / n;
    let noise = |a: f64, b: f64| 3.0 * ((a * (1.0 - a) + b * (1.0 - b)) / draws).sqrt();
    let raised: Vec<&(String, f64, f64)> = pairs
        .iter()
        .filter(|(_, a, b)| b - a > noise(*a, *b) + 1e-9)
        .collect();
    println!(
        "\n{} cases: mean probability {mean_all:.3} with every measurement typed, {mean_four:.3} \
         with four; raised beyond noise in {} cases",
        pairs.len(),
        raised.len()
    );
    for (name, a, b) in raised.iter().take(10) {
        println!("  {name}: {a:.3} -> {b:.3}");
    }
    assert!(mean_four < mean_all, "{mean_four:.3} !< {mean_all:.3}");
    assert!(
        raised.is_empty(),
        "{} cases raised beyond noise",
        raised.len()
    );
}
