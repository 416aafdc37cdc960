//! A garment's sizes as the size decision reads them without a drape: per size the chart's body
//! ranges and, per girth region, the garment's own girth (as modelled on its reference body,
//! graded to the size by the chart), the ease it is cut with and the tolerance round that. A
//! body's values against them give the same [`Standing`] the fit's recommendation weighs — the
//! same range penalties, the same girth verdicts ([`verdict::girth`]) — in microseconds.

use crate::fit::fitmap::{body_strain_pct, design_ease};
use crate::fit::grade::{GIRTH_REGIONS, garment_change_cm};
use crate::fit::recommend::{
    ChartCheck, Choice, RangeSide, Standing, choose, primary_keys, primary_regions, range_penalty,
    reading, region_penalty, score_of,
};
use crate::fit::{PreparedGarment, Region, Verdict, verdict};
use crate::garment::Category;
use crate::measurements::{Key, Values};

/// One body range of one size.
#[derive(Clone, Debug, PartialEq)]
pub struct RangeRow {
    /// The chart's key as written (`"chest_girth"`).
    pub name: String,
    /// The measurement it reads (`None`: a key Anprobe does not know; never inside).
    pub key: Option<Key>,
    /// Lower end, cm.
    pub min: f64,
    /// Upper end, cm.
    pub max: f64,
    /// A primary dimension of the category.
    pub primary: bool,
}

/// One girth region of one size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GirthRow {
    /// The region.
    pub region: Region,
    /// The body measurement it goes round.
    pub key: Key,
    /// The garment's own girth there in this size, unstretched, cm.
    pub own_cm: f64,
    /// The ease it is cut with for a body of this size, cm.
    pub design_cm: f64,
    /// The tolerance round the design ease, cm.
    pub tolerance_cm: f64,
}

impl GirthRow {
    /// The strain the body forces (%) and the verdict, by the fit map's rules.
    pub fn verdict(&self, body_cm: f64, stretch_pct: f64) -> (f64, Verdict) {
        let strain = body_strain_pct(body_cm, self.own_cm);
        let v = verdict::girth(
            self.own_cm - body_cm,
            self.design_cm,
            self.tolerance_cm,
            strain / stretch_pct,
        );
        (strain, v)
    }
}

/// One size.
#[derive(Clone, Debug, PartialEq)]
pub struct SizeRow {
    /// The size's label.
    pub label: String,
    /// Its body ranges, in chart order.
    pub ranges: Vec<RangeRow>,
    /// Its girth regions, in [`GIRTH_REGIONS`] order.
    pub girths: Vec<GirthRow>,
}

/// What is off in a size for a body: a range it is outside of, or a girth that is tight.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Miss {
    /// The measurement (`"hip_girth"`).
    pub key: String,
    /// `tight` (the body is bigger than the size) or `loose` (smaller).
    pub verdict: Verdict,
    /// By how much, cm (the body outside the chart's range, or the ease short of what the cut
    /// needs).
    pub cm: f64,
}

/// A garment's size table.
#[derive(Clone, Debug, PartialEq)]
pub struct SizeTable {
    /// The garment's category.
    pub category: Category,
    /// Its brand, as in its metadata.
    pub brand: String,
    /// The fabric's stretch round the body, %.
    pub stretch_pct: f64,
    /// Every size, in chart order.
    pub sizes: Vec<SizeRow>,
}

impl SizeTable {
    /// The table of a prepared garment: its chart ([`SizeTable::from_chart`]) and, per size, the
    /// girth regions its own shape gives.
    pub fn new(prepared: &PreparedGarment) -> SizeTable {
        let meta = prepared.meta();
        let mut table = SizeTable::from_chart(meta.category, &meta.brand, &meta.sizes);
        table.stretch_pct = meta.stretch.horizontal_pct.max(0.1);
        for (i, row) in table.sizes.iter_mut().enumerate() {
            row.girths = GIRTH_REGIONS
                .iter()
                .filter(|r| prepared.regions.contains(r))
                .filter_map(|&region| {
                    let key = prepared.body_key(region)?;
                    let reference = prepared.reference_girth_cm.get(&region)?;
                    let (design_cm, tolerance_cm) = design_ease(prepared, i, region)?;
                    Some(GirthRow {
                        region,
                        key,
                        own_cm: reference + garment_change_cm(prepared, i, region),
                        design_cm,
                        tolerance_cm,
                    })
                })
                .collect();
        }
        table
    }

    /// The table of a size chart alone (a catalog product without a garment file, or one whose
    /// garment is not prepared): the ranges, no girth regions.
    pub fn from_chart(
        category: Category,
        brand: &str,
        sizes: &[crate::garment::Size],
    ) -> SizeTable {
        let primary = primary_keys(category);
        SizeTable {
            category,
            brand: brand.to_string(),
            stretch_pct: 1.0,
            sizes: sizes
                .iter()
                .map(|size| {
                    let chart_has_primary = size.body.keys().any(|k| primary.contains(&k.as_str()));
                    SizeRow {
                        label: size.label.clone(),
                        ranges: size
                            .body
                            .iter()
                            .map(|(name, r)| RangeRow {
                                name: name.clone(),
                                key: Key::parse(name),
                                min: r.min,
                                max: r.max,
                                primary: !chart_has_primary || primary.contains(&name.as_str()),
                            })
                            .collect(),
                        girths: Vec::new(),
                    }
                })
                .collect(),
        }
    }

    /// Where size `i` stands for a body.
    pub fn standing(&self, i: usize, body: &Values) -> Standing {
        let size = &self.sizes[i];
        let primary_regions = primary_regions(self.category);
        let mut s = Standing {
            inside_all: !size.ranges.is_empty(),
            inside_primary: false,
            outside: 0.0,
            tight_primary: false,
            score: 0.0,
        };
        let (mut any_primary, mut primary_inside, mut penalty) = (false, true, 0.0);
        for r in &size.ranges {
            let value = r.key.map(|k| body[k.index()]);
            let (inside, widths) = reading(r.min, r.max, value);
            s.inside_all &= inside;
            if r.primary {
                any_primary = true;
                primary_inside &= inside;
                s.outside = s.outside.max(widths);
            }
            penalty += range_penalty(r.primary, r.min, r.max, value);
        }
        s.inside_primary = any_primary && primary_inside;
        for g in &size.girths {
            let body_cm = body[g.key.index()];
            let (_, v) = g.verdict(body_cm, self.stretch_pct);
            let primary = primary_regions.contains(&g.region);
            s.tight_primary |= primary && v == Verdict::Tight;
            penalty += region_penalty(primary, v, g.own_cm - body_cm);
        }
        s.score = score_of(penalty);
        s
    }

    /// The size the rules pick for a body.
    pub fn decide(&self, body: &Values) -> Choice {
        let standings: Vec<Standing> = (0..self.sizes.len())
            .map(|i| self.standing(i, body))
            .collect();
        choose(&standings)
    }

    /// What is off in size `i` for a body: its ranges the body is outside of (tight above,
    /// loose below), then its tight girths not already named, largest first.
    pub fn misses(&self, i: usize, body: &Values) -> Vec<Miss> {
        let size = &self.sizes[i];
        let mut out: Vec<Miss> = Vec::new();
        for r in &size.ranges {
            let check = ChartCheck {
                key: r.name.clone(),
                body_cm: r.key.map(|k| body[k.index()]),
                min: r.min,
                max: r.max,
                inside: false,
                primary: r.primary,
                outside_widths: 0.0,
            };
            let (side, cm) = check.outside_by();
            if cm > 0.0 {
                out.push(Miss {
                    key: r.name.clone(),
                    verdict: match side {
                        RangeSide::Above => Verdict::Tight,
                        RangeSide::Below => Verdict::Loose,
                    },
                    cm,
                });
            }
        }
        for g in &size.girths {
            let body_cm = body[g.key.index()];
            let (_, v) = g.verdict(body_cm, self.stretch_pct);
            let name = g.key.as_str();
            if v == Verdict::Tight && !out.iter().any(|m| m.key == name) {
                let needed = g.design_cm - g.tolerance_cm - verdict::MEASURE_ALLOWANCE_CM;
                out.push(Miss {
                    key: name.to_string(),
                    verdict: Verdict::Tight,
                    cm: (needed - (g.own_cm - body_cm))
                        .max(body_cm - g.own_cm)
                        .max(0.0),
                });
            }
        }
        out.sort_by(|a, b| b.cm.total_cmp(&a.cm));
        out
    }
}
