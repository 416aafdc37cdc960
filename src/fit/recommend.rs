//! The size recommendation. The size chart decides: a body inside a size's ranges gets that size
//! (inside all ranges first, then inside the primary ones — chest for tops, waist and hip for
//! bottoms, all three for dresses); the draped fit breaks ties, scores the sizes and gives the
//! reasons. Outside every size, the nearest size is
//! recommended if the body is less than one range width beyond it and the drape does not find it
//! tight; otherwise no size fits, and the report says so. Which sizes the drape can decide
//! between is known from the chart alone ([`shortlist`]): only those (and the sizes next to the
//! recommended one, for its reasons) need draping.

use super::Region;
use super::Verdict;
use super::fitmap::RegionFit;
use crate::garment::{Category, GarmentMeta, Size};
use crate::measurements::{Key, Resolved, Source};
use serde::{Deserialize, Serialize};

/// One body measurement against one size's range.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChartCheck {
    /// The measurement key, e.g. `"chest_girth"`.
    pub key: String,
    /// The shopper's value, cm (`null` for a key the measurements do not know).
    pub body_cm: Option<f64>,
    /// Lower end of the size's body range, cm.
    pub min: f64,
    /// Upper end of the size's body range, cm.
    pub max: f64,
    /// Whether the shopper's value lies within `min` … `max` (ends included; `false` when unknown).
    pub inside: bool,
    /// Whether the key is a primary dimension for this category.
    pub primary: bool,
    /// How far outside the range the body is, in range widths (0 inside).
    pub outside_widths: f64,
}

/// On which side of its range a measurement lies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangeSide {
    /// Above the range's upper end (the body is bigger than the size).
    Above,
    /// Below the range's lower end (the body is smaller than the size).
    Below,
}

impl ChartCheck {
    /// The range as `"90–94"` (whole cm).
    pub fn range_text(&self) -> String {
        format!("{:.0}\u{2013}{:.0}", self.min, self.max)
    }

    /// The shopper's value as whole cm, `"?"` when the measurements do not know it.
    pub fn body_text(&self) -> String {
        self.body_cm.map_or("?".to_string(), |v| format!("{v:.0}"))
    }

    /// The decimals to show how far outside a range the body is: whole cm from 1 cm on, a tenth
    /// below (never "0 cm below the range").
    pub fn outside_decimals(by: f64) -> usize {
        if by.abs() >= 0.95 { 0 } else { 1 }
    }

    /// Which side of the range the body lies on and by how many cm (a body inside, or unknown,
    /// reads as below by a non-positive or NaN amount).
    pub fn outside_by(&self) -> (RangeSide, f64) {
        let v = self.body_cm.unwrap_or(f64::NAN);
        if v > self.max {
            (RangeSide::Above, v - self.max)
        } else {
            (RangeSide::Below, self.min - v)
        }
    }
}

/// The primary dimensions of a category (EN 13402-3 / ISO 8559-2).
pub fn primary_keys(category: Category) -> &'static [&'static str] {
    match category {
        Category::Top | Category::Shirt | Category::Knitwear | Category::Outerwear => {
            &["chest_girth"]
        }
        Category::Dress => &["chest_girth", "waist_girth", "hip_girth"],
        // A low-rise bottom's chart may give its waist at the navel.
        Category::Bottom => &["waist_girth", "omphalion_girth", "hip_girth"],
        Category::Skirt => &["waist_girth", "hip_girth"],
    }
}

/// The primary fit regions of a category (a tight verdict there rules a size out).
pub fn primary_regions(category: Category) -> &'static [Region] {
    match category {
        Category::Top | Category::Shirt | Category::Knitwear | Category::Outerwear => {
            &[Region::Chest]
        }
        Category::Dress => &[Region::Chest, Region::Waist, Region::Hip],
        Category::Bottom | Category::Skirt => &[Region::Waist, Region::Hip],
    }
}

/// Checks the body against every range of a size.
pub fn chart_checks(meta: &GarmentMeta, size: &Size, body: &Resolved) -> Vec<ChartCheck> {
    let primary = primary_keys(meta.category);
    let chart_has_primary = size.body.keys().any(|k| primary.contains(&k.as_str()));
    size.body
        .iter()
        .map(|(key, range)| {
            let value = Key::parse(key).map(|k| body.get(k));
            let (inside, outside_widths) = reading(range.min, range.max, value);
            ChartCheck {
                key: key.clone(),
                body_cm: value,
                min: range.min,
                max: range.max,
                inside,
                primary: !chart_has_primary || primary.contains(&key.as_str()),
                outside_widths,
            }
        })
        .collect()
}

/// A body value against a range `min` … `max`: whether it is inside (ends included; `false`
/// when unknown) and how far outside, in range widths (a width of at least 1 cm; 0 inside).
pub fn reading(min: f64, max: f64, value: Option<f64>) -> (bool, f64) {
    let width = (max - min).abs().max(1.0);
    match value {
        Some(v) if v < min => (false, (min - v) / width),
        Some(v) if v > max => (false, (v - max) / width),
        Some(_) => (true, 0.0),
        None => (false, 0.0),
    }
}

/// What one chart range adds to a size's penalty: the distance outside it, and inside a small
/// pull towards its middle; four times as much for a primary range.
pub fn range_penalty(primary: bool, min: f64, max: f64, value: Option<f64>) -> f64 {
    let (inside, outside_widths) = reading(min, max, value);
    let w = if primary { 4.0 } else { 1.0 };
    let centrality = match value {
        Some(v) if inside => {
            let half = 0.5 * (max - min).abs().max(1.0);
            ((v - 0.5 * (min + max)).abs() / half) * 0.1
        }
        _ => 0.0,
    };
    w * (outside_widths * 2.0 + centrality)
}

/// What one region's verdict adds to a size's penalty (twice as much at a primary region).
pub fn region_penalty(primary: bool, verdict: Verdict, ease_cm: f64) -> f64 {
    let weight = if primary { 2.0 } else { 1.0 };
    weight
        * match verdict {
            Verdict::Tight => 1.5,
            Verdict::Loose => 0.8,
            Verdict::Snug | Verdict::Relaxed => 0.15,
            Verdict::Short | Verdict::Long => (ease_cm.abs() / 10.0).min(0.8),
            Verdict::Good | Verdict::Standard => 0.0,
        }
}

/// A size's score, 0 … 1, from its summed penalty.
pub fn score_of(penalty: f64) -> f64 {
    (-penalty / 4.0).exp()
}

/// The score of a size, 0 … 1: distance outside the chart's ranges and the draped verdicts.
pub fn score(category: Category, checks: &[ChartCheck], regions: &[RegionFit]) -> f64 {
    let primary = primary_regions(category);
    let ranges: f64 = checks
        .iter()
        .map(|c| range_penalty(c.primary, c.min, c.max, c.body_cm))
        .sum();
    let verdicts: f64 = regions
        .iter()
        .map(|r| region_penalty(primary.contains(&r.region), r.verdict, r.ease_cm))
        .sum();
    score_of(ranges + verdicts)
}

/// Where one size stands for a body: all [`choose`] decides on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Standing {
    /// The body is inside every range of the size (and it has one).
    pub inside_all: bool,
    /// The body is inside every primary range of the size (and it has one).
    pub inside_primary: bool,
    /// How far outside its primary ranges the body is, in range widths (the largest).
    pub outside: f64,
    /// A primary region of the size is tight.
    pub tight_primary: bool,
    /// The size's [`score`].
    pub score: f64,
}

impl Standing {
    /// The standing of a size with these chart checks, region fits and score.
    pub fn of(
        category: Category,
        checks: &[ChartCheck],
        regions: &[RegionFit],
        score: f64,
    ) -> Self {
        let primary = primary_regions(category);
        Standing {
            inside_all: inside_all_ranges(checks),
            inside_primary: inside_primary_ranges(checks),
            outside: primary_outside(checks),
            tight_primary: regions
                .iter()
                .any(|r| r.verdict == Verdict::Tight && primary.contains(&r.region)),
            score,
        }
    }
}

/// Which size the rules pick, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// The chart has no sizes.
    NoSizes,
    /// The best-scoring size whose ranges all hold the body.
    InsideAll(usize),
    /// The best-scoring size whose primary ranges hold the body.
    InsidePrimary(usize),
    /// No size's ranges hold the body; this, the nearest, is less than one range width away and
    /// not tight at a primary region.
    Nearest(usize),
    /// No size fits; this is the nearest.
    NoneFits(usize),
}

impl Choice {
    /// The chosen size, if one fits.
    pub fn size(self) -> Option<usize> {
        match self {
            Choice::InsideAll(i) | Choice::InsidePrimary(i) | Choice::Nearest(i) => Some(i),
            Choice::NoSizes | Choice::NoneFits(_) => None,
        }
    }
}

/// The size rules: inside all ranges first, then inside the primary ones (the best score among
/// them), else the nearest size if it is less than one range width away and not tight.
pub fn choose(sizes: &[Standing]) -> Choice {
    let best_of = |pick: &dyn Fn(&Standing) -> bool| {
        sizes
            .iter()
            .enumerate()
            .filter(|(_, s)| pick(s))
            .max_by(|a, b| a.1.score.total_cmp(&b.1.score))
            .map(|(i, _)| i)
    };
    if sizes.is_empty() {
        return Choice::NoSizes;
    }
    if let Some(i) = best_of(&|s| s.inside_all) {
        return Choice::InsideAll(i);
    }
    if let Some(i) = best_of(&|s| s.inside_primary) {
        return Choice::InsidePrimary(i);
    }
    let nearest = sizes
        .iter()
        .enumerate()
        .min_by(|a, b| {
            a.1.outside
                .total_cmp(&b.1.outside)
                .then(b.1.score.total_cmp(&a.1.score))
        })
        .map_or(0, |(i, _)| i);
    let s = &sizes[nearest];
    if s.outside > 1.0 || s.tight_primary {
        Choice::NoneFits(nearest)
    } else {
        Choice::Nearest(nearest)
    }
}

/// The recommendation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    /// The recommended size's label; `null` when no size fits.
    pub size: Option<String>,
    /// Why, as statements with their numbers (rendered by [`super::english`] for the report
    /// and the command line, by the app in the shopper's language).
    pub reasons: Vec<Reason>,
}

impl Recommendation {
    /// The size to show: the recommended one, or where none fits the nearest one its reasons
    /// name (`None` only without sizes).
    pub fn shown_size(&self) -> Option<&str> {
        self.size.as_deref().or_else(|| {
            self.reasons.iter().find_map(|r| match r {
                Reason::NearestIsTight { size, .. } | Reason::NearestSize { size, .. } => {
                    Some(size.as_str())
                }
                _ => None,
            })
        })
    }
}

/// One statement of why a size is recommended, or why none is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// The size chart has no sizes.
    NoSizes,
    /// The body is inside every range of `size` (`checks`).
    InsideAllRanges {
        /// Label of the size.
        size: String,
        /// Every range of the size, all with the body inside.
        checks: Vec<ChartCheck>,
    },
    /// The body's primary measurements are inside `size`'s ranges (`inside`, the primary
    /// checks); `outside` are the ranges it is not inside.
    InsidePrimaryRanges {
        /// Label of the size.
        size: String,
        /// The primary checks, all with the body inside.
        inside: Vec<ChartCheck>,
        /// The size's ranges (non-primary ones) the body is not inside.
        outside: Vec<ChartCheck>,
    },
    /// No size fits: the nearest size's ranges the body is outside of.
    NoSizeFits {
        /// The nearest size's ranges the body is not inside.
        outside: Vec<ChartCheck>,
    },
    /// The nearest size, `size`, is tight at these primary regions (so it is not recommended).
    NearestIsTight {
        /// Label of the nearest size.
        size: String,
        /// The primary regions where its drape is tight.
        regions: Vec<Region>,
    },
    /// No size's ranges hold the body; `size` is the nearest (`outside`: the ranges it misses).
    NearestSize {
        /// Label of the nearest size.
        size: String,
        /// The nearest size's ranges the body is not inside.
        outside: Vec<ChartCheck>,
    },
    /// The drape's verdict on one region of the recommended size.
    Region(RegionFit),
    /// The drape finds the recommended size `verdict` at `regions`: one such reason per problem
    /// verdict the drape finds (tight at the chest, loose at the hem).
    DrapeFinds {
        /// `tight` or `loose`.
        verdict: Verdict,
        /// The regions with that verdict, in report order.
        regions: Vec<Region>,
    },
    /// A neighbouring size would be `verdict` at `region`.
    Neighbour {
        /// Label of the neighbouring size (one smaller or one larger in the chart).
        size: String,
        /// Its drape's verdict at `region`.
        verdict: Verdict,
        /// Its first primary region whose verdict is not `good`.
        region: Region,
    },
    /// Some of the measurements that decide the size were predicted, not typed.
    PredictedMeasurements,
}

/// What the recommendation needs of each size.
#[derive(Clone, Debug)]
pub struct SizeEvidence<'a> {
    /// The size's label.
    pub label: &'a str,
    /// The body against each of the size's ranges ([`chart_checks`]).
    pub checks: &'a [ChartCheck],
    /// The size's draped fit per region.
    pub regions: &'a [RegionFit],
    /// The size's [`score`], 0 … 1 (higher is better).
    pub score: f64,
}

/// Recommends a size for the body: the size [`choose`] picks, with the reasons (how sure it is
/// is the size probability's to say: [`crate::sizing`]).
pub fn recommend(meta: &GarmentMeta, body: &Resolved, sizes: &[SizeEvidence]) -> Recommendation {
    let standings: Vec<Standing> = sizes
        .iter()
        .map(|s| Standing::of(meta.category, s.checks, s.regions, s.score))
        .collect();
    let primary_regions = primary_regions(meta.category);
    let tight_primary = |s: &SizeEvidence| {
        s.regions
            .iter()
            .filter(|r| r.verdict == Verdict::Tight && primary_regions.contains(&r.region))
            .map(|r| r.region)
            .collect::<Vec<_>>()
    };
    let mut reasons = Vec::new();
    let i = match choose(&standings) {
        Choice::NoSizes => {
            return Recommendation {
                size: None,
                reasons: vec![Reason::NoSizes],
            };
        }
        Choice::InsideAll(i) => {
            reasons.push(Reason::InsideAllRanges {
                size: sizes[i].label.to_string(),
                checks: sizes[i].checks.to_vec(),
            });
            i
        }
        Choice::InsidePrimary(i) => {
            let s = &sizes[i];
            reasons.push(Reason::InsidePrimaryRanges {
                size: s.label.to_string(),
                inside: s.checks.iter().filter(|c| c.primary).cloned().collect(),
                outside: ranges_missed(s.checks),
            });
            i
        }
        Choice::Nearest(i) => {
            reasons.push(Reason::NearestSize {
                size: sizes[i].label.to_string(),
                outside: ranges_missed(sizes[i].checks),
            });
            i
        }
        Choice::NoneFits(nearest) => {
            let s = &sizes[nearest];
            reasons.push(Reason::NoSizeFits {
                outside: ranges_missed(s.checks),
            });
            let tight = tight_primary(s);
            if !tight.is_empty() {
                reasons.push(Reason::NearestIsTight {
                    size: s.label.to_string(),
                    regions: tight,
                });
            }
            return Recommendation {
                size: None,
                reasons,
            };
        }
    };
    let s = &sizes[i];
    // The drape's word on the chosen size.
    for r in s.regions {
        reasons.push(Reason::Region(r.clone()));
    }
    let problems: Vec<&RegionFit> = s
        .regions
        .iter()
        .filter(|r| r.verdict.is_problem())
        .collect();
    // Grouped by verdict, in the order the verdicts first appear: each region under its own.
    let mut verdicts: Vec<Verdict> = Vec::new();
    for r in &problems {
        if !verdicts.contains(&r.verdict) {
            verdicts.push(r.verdict);
        }
    }
    for verdict in verdicts {
        reasons.push(Reason::DrapeFinds {
            verdict,
            regions: problems
                .iter()
                .filter(|r| r.verdict == verdict)
                .map(|r| r.region)
                .collect(),
        });
    }
    // Neighbours for comparison.
    for (j, other) in sizes.iter().enumerate() {
        if (j + 1 == i || j == i + 1)
            && let Some(r) = other
                .regions
                .iter()
                .filter(|r| primary_regions.contains(&r.region))
                .find(|r| r.verdict != Verdict::Good)
        {
            reasons.push(Reason::Neighbour {
                size: other.label.to_string(),
                verdict: r.verdict,
                region: r.region,
            });
        }
    }
    let predicted = primary_keys(meta.category).iter().any(|k| {
        Key::parse(k).is_some_and(|key| body.source(key) == Source::Predicted)
            && s.checks.iter().any(|c| c.key == *k)
    });
    if predicted {
        reasons.push(Reason::PredictedMeasurements);
    }
    Recommendation {
        size: Some(s.label.to_string()),
        reasons,
    }
}

/// Whether the body is inside every range of a size (its [`chart_checks`]).
fn inside_all_ranges(checks: &[ChartCheck]) -> bool {
    !checks.is_empty() && checks.iter().all(|c| c.inside)
}

/// Whether the body is inside every primary range of a size (and it has one).
fn inside_primary_ranges(checks: &[ChartCheck]) -> bool {
    checks.iter().any(|c| c.primary) && checks.iter().filter(|c| c.primary).all(|c| c.inside)
}

/// What the size chart alone says before any size is draped: the sizes whose drapes
/// [`recommend`] weighs against each other, and the one of them the chart prefers.
#[derive(Clone, Debug, PartialEq)]
pub struct Shortlist {
    /// Indices of the sizes among which the drape decides, in chart order: those whose ranges
    /// all hold the body; else those whose primary ranges hold it; else those nearest to it by
    /// the primary ranges (the recommendation's three cases). The drape picks among them by
    /// score (and finds the nearest tight or not); it cannot pick any other size.
    pub contenders: Vec<usize>,
    /// The contender with the best score from the chart alone; `None` for an empty chart.
    pub candidate: Option<usize>,
}

impl Shortlist {
    /// The sizes to drape before the recommendation can be made as if every size were draped:
    /// every contender and the candidate's neighbours in the chart (the sizes below and above),
    /// in chart order. (The recommended size's own neighbours must be draped too, for the
    /// reasons that compare them; when the drape picks another contender than the candidate,
    /// they are draped after.)
    pub fn to_drape(&self, sizes: usize) -> Vec<usize> {
        let mut list = self.contenders.clone();
        if let Some(c) = self.candidate {
            list.extend(neighbours(c, sizes));
            list.push(c);
        }
        list.retain(|&i| i < sizes);
        list.sort_unstable();
        list.dedup();
        list
    }
}

/// The sizes next to size `i` in a chart of `sizes` sizes: the one below and the one above,
/// where the chart has them.
pub fn neighbours(i: usize, sizes: usize) -> impl Iterator<Item = usize> {
    [i.checked_sub(1), i.checked_add(1).filter(|&j| j < sizes)]
        .into_iter()
        .flatten()
}

/// The [`Shortlist`] of a chart: `checks` per size ([`chart_checks`]), in chart order.
pub fn shortlist(category: Category, checks: &[Vec<ChartCheck>]) -> Shortlist {
    let all: Vec<usize> = (0..checks.len())
        .filter(|&i| inside_all_ranges(&checks[i]))
        .collect();
    let contenders = if !all.is_empty() {
        all
    } else {
        let primary: Vec<usize> = (0..checks.len())
            .filter(|&i| inside_primary_ranges(&checks[i]))
            .collect();
        if !primary.is_empty() {
            primary
        } else {
            let outside: Vec<f64> = checks.iter().map(|c| primary_outside(c)).collect();
            let nearest = outside.iter().copied().min_by(f64::total_cmp);
            (0..checks.len())
                .filter(|&i| nearest.is_some_and(|n| outside[i].total_cmp(&n).is_eq()))
                .collect()
        }
    };
    // The best score from the chart alone (no region verdicts yet).
    let candidate = contenders.iter().copied().max_by(|&a, &b| {
        score(category, &checks[a], &[]).total_cmp(&score(category, &checks[b], &[]))
    });
    Shortlist {
        contenders,
        candidate,
    }
}

fn primary_outside(checks: &[ChartCheck]) -> f64 {
    checks
        .iter()
        .filter(|c| c.primary)
        .map(|c| c.outside_widths)
        .fold(0.0, f64::max)
}

/// The checks whose range the body is not inside.
fn ranges_missed(checks: &[ChartCheck]) -> Vec<ChartCheck> {
    checks.iter().filter(|c| !c.inside).cloned().collect()
}
