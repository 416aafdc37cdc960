//! The fit report of `anprobe fit` (the JSON types only; [`super::pipeline`] fits): every size
//! of the chart against the shopper's body, the recommended size with its confidence and
//! reasons, and for each size draped (graded, draped and mapped on the shopper's avatar) and
//! region the body value, the garment value, the ease, the strain and the verdict. Sentences are rendered in English ([`super::english`]).
//!
//! The shape is product (retailers parse it) and versioned by `"version"`: fields are only ever
//! added within a version. Documented in `docs/fitting.md`.

use super::drape::DrapeStats;
use super::fitmap::RegionFit;
use super::pipeline::SizeFit;
use super::prepare::{PreparedBody, PreparedGarment};
use super::recommend::{ChartCheck, Recommendation};
use crate::garment::{Category, Stretch};
use crate::measurements::Form;
use serde::{Deserialize, Serialize};

/// The value of `"report"`.
pub const REPORT_KIND: &str = "anprobe.fit";
/// The value of `"version"`.
pub const REPORT_VERSION: u32 = 1;

/// The report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FitReport {
    /// Always [`REPORT_KIND`].
    pub report: String,
    /// Always [`REPORT_VERSION`].
    pub version: u32,
    /// What was fitted.
    pub garment: GarmentSummary,
    /// Whom it was fitted on.
    pub body: BodySummary,
    /// The recommended size's label; `null` when no size fits.
    pub recommended_size: Option<String>,
    /// The size probability of `recommended_size` (of "no size fits" when it is `null`), 0 … 1:
    /// the same number as `probability` (kept for reports read before 2026-12-06).
    pub confidence: f64,
    /// The size probability of `recommended_size` (of "no size fits" when it is `null`), 0 … 1,
    /// as `anprobe size` gives it (docs/sizing.md).
    #[serde(default)]
    pub probability: f64,
    /// The share of likely bodies no size fits, 0 … 1.
    #[serde(default)]
    pub no_size: f64,
    /// The likeliest size after the recommended one, with its probability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runner_up: Option<crate::sizing::SizeChance>,
    /// The predicted measurement whose taking would remove the most doubt about the size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure_next: Option<crate::sizing::MeasureNext>,
    /// What the shopper's kept and returned garments changed in the probabilities, with the
    /// causes (as `anprobe size`'s `history`); omitted when nothing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<crate::sizing::Adjustment>,
    /// Why the size is recommended (or why none is), as English sentences ([`super::english`]).
    pub reasons: Vec<String>,
    /// The size whose drape was kept (exported with `--out`).
    pub selected_size: String,
    /// Every size of the chart, in chart order.
    pub sizes: Vec<SizeReport>,
}

/// What was fitted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GarmentSummary {
    /// The garment's SKU, as in its metadata.
    pub sku: String,
    /// The garment's name, as in its metadata.
    pub name: String,
    /// The garment's brand, as in its metadata.
    pub brand: String,
    /// The garment's category, snake_case (`"top"`, `"bottom"`, `"dress"`, …).
    pub category: Category,
    /// The garment's layer: 0 next to skin, 1 base, 2 mid, 3 outer.
    pub layer: u8,
    /// Label of the size the garment was modelled in (on its reference body).
    pub reference_size: String,
    /// The fabric's stretch before it is tight, % (`horizontal_pct` around the body, `vertical_pct`
    /// along it).
    pub stretch: Stretch,
    /// Particles of the cloth, after welding the parts.
    pub particles: usize,
    /// Triangles of the cloth (degenerate ones left out).
    pub triangles: usize,
}

/// Whom it was fitted on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BodySummary {
    /// The shopper's body form, `"female"` or `"male"`.
    pub form: Form,
    /// The shopper's stature (body height), cm.
    pub stature_cm: f64,
}

/// One size.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SizeReport {
    /// The size's label as the size chart spells it.
    pub label: String,
    /// The size probability: the share of likely bodies this size is recommended for, 0 … 1.
    #[serde(default)]
    pub probability: f64,
    /// 0 … 1 (chart distance and draped verdicts; the chart distance alone for a size not
    /// draped).
    pub score: f64,
    /// Whether the body is inside every range of this size.
    pub inside_chart: bool,
    /// The body against each of the size's body ranges.
    pub chart: Vec<ChartCheck>,
    /// How each measured region of the draped size fits, in report order (none for a size not
    /// draped).
    pub regions: Vec<RegionReport>,
    /// Deepest garment vertex inside the body after draping, mm.
    pub max_penetration_mm: f64,
    /// What the cloth solver did for this size.
    pub solver: SolverReport,
    /// Whether this size was draped. `anprobe fit` drapes the sizes the recommendation needs
    /// (every size with `--all-sizes`); a size not draped has no `regions`, a zero
    /// `max_penetration_mm` and `solver`, and a `score` from the chart alone. Reports written
    /// before this field draped every size: read as `true` when missing.
    #[serde(default = "draped_when_missing")]
    pub draped: bool,
}

/// `SizeReport::draped` of a report written before the field: every size was draped then.
fn draped_when_missing() -> bool {
    true
}

/// One region of one size (values rounded to 0.1 cm / 0.1 %).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegionReport {
    /// The region, snake_case (`"chest"`, `"upper_arm"`, `"inside_leg"`, …).
    pub region: super::Region,
    /// The shopper's measurement, or for lengths the standard length on this body, cm.
    pub body_cm: f64,
    /// Measured on the draped garment, cm.
    pub garment_cm: f64,
    /// The size chart's finished measurement, cm, as the chart gives it (not rounded); omitted when
    /// the chart has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chart_cm: Option<f64>,
    /// `garment_cm − body_cm`, cm (negative when the garment is smaller).
    pub ease_cm: f64,
    /// Mean stretch of the region's draped edges against their rest lengths, % (0 or more).
    pub strain_pct: f64,
    /// The fabric's stretch in that direction, % (as the metadata gives it, not rounded).
    pub stretch_pct: f64,
    /// The verdict, snake_case (`"tight"`, `"snug"`, `"good"`, `"relaxed"`, `"loose"`, `"short"`,
    /// `"standard"`, `"long"`).
    pub verdict: super::Verdict,
    /// The verdict as an English sentence, e.g. `"chest: snug, +1 cm ease"`.
    pub text: String,
    /// For a girth, the ease the garment is cut with for a body of this size, cm (what the
    /// verdict weighs `ease_cm` against); omitted for the shoulders and lengths, and in reports
    /// written before 2026-12-05.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub design_ease_cm: Option<f64>,
}

/// What the solver did for one size.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SolverReport {
    /// Frames run.
    pub frames: u32,
    /// Substeps run, over all frames.
    pub substeps: u32,
    /// Constraint passes (one per substep).
    pub iterations: u32,
    /// Whether the cloth settled before the frame cap.
    pub settled: bool,
    /// Wall-clock time of the drape, ms (rounded to 0.1).
    pub time_ms: f64,
}

/// A probability to three decimals (the draws' own resolution).
pub fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

fn round1(v: f64) -> f64 {
    if v.is_finite() {
        (v * 10.0).round() / 10.0
    } else {
        0.0
    }
}

impl RegionReport {
    fn new(r: &RegionFit) -> RegionReport {
        RegionReport {
            region: r.region,
            body_cm: round1(r.body_cm),
            garment_cm: round1(r.garment_cm),
            chart_cm: r.chart_cm,
            ease_cm: round1(r.ease_cm),
            strain_pct: round1(r.strain_pct),
            stretch_pct: r.stretch_pct,
            verdict: r.verdict,
            text: super::english::region_sentence(r),
            design_ease_cm: r.design_ease_cm.map(round1),
        }
    }
}

impl SolverReport {
    /// The solver's figures of a size that was not draped: all zero, not settled.
    const NOT_RUN: SolverReport = SolverReport {
        frames: 0,
        substeps: 0,
        iterations: 0,
        settled: false,
        time_ms: 0.0,
    };

    fn new(s: &DrapeStats) -> SolverReport {
        SolverReport {
            frames: s.frames,
            substeps: s.substeps,
            iterations: s.iterations,
            settled: s.settled,
            time_ms: round1(s.time_ms),
        }
    }
}

impl FitReport {
    /// The report of a fitted garment: `sizes` every size's fit in chart order (`None` for a
    /// size not draped), `checks` and `scores` their chart checks and scores, `selected` the
    /// index of the size kept.
    pub fn new(
        prepared: &PreparedGarment,
        body: &PreparedBody,
        recommendation: &Recommendation,
        odds: &crate::sizing::SizeOdds,
        sizes: &[Option<SizeFit>],
        (checks, scores): (&[Vec<ChartCheck>], &[f64]),
        selected: usize,
    ) -> FitReport {
        let meta = prepared.meta();
        let probability = round3(
            recommendation
                .size
                .as_deref()
                .map_or(odds.no_size, |label| odds.of(label)),
        );
        FitReport {
            report: REPORT_KIND.into(),
            version: REPORT_VERSION,
            garment: GarmentSummary {
                sku: meta.sku.clone(),
                name: meta.name.clone(),
                brand: meta.brand.clone(),
                category: meta.category,
                layer: meta.layer,
                reference_size: meta.reference_size.clone(),
                stretch: meta.stretch,
                particles: prepared.cloth.len(),
                triangles: prepared.cloth.triangles.len(),
            },
            body: BodySummary {
                form: body.resolved.form,
                stature_cm: body.value(crate::measurements::Key::Stature),
            },
            recommended_size: recommendation.size.clone(),
            confidence: probability,
            probability,
            no_size: round3(odds.no_size),
            runner_up: odds.runner_up_to(recommendation.size.as_deref()),
            measure_next: odds.measure_next.clone(),
            history: odds.history.clone(),
            reasons: super::english::reasons(&recommendation.reasons),
            selected_size: meta.sizes[selected].label.clone(),
            sizes: meta
                .sizes
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let fit = sizes.get(i).and_then(Option::as_ref);
                    SizeReport {
                        label: s.label.clone(),
                        probability: round3(odds.of(&s.label)),
                        score: (scores[i] * 1000.0).round() / 1000.0,
                        inside_chart: !checks[i].is_empty() && checks[i].iter().all(|c| c.inside),
                        chart: checks[i].clone(),
                        regions: fit.map_or_else(Vec::new, |f| {
                            f.map.regions.iter().map(RegionReport::new).collect()
                        }),
                        max_penetration_mm: fit
                            .map_or(0.0, |f| round1(f.draped.stats.max_penetration_mm as f64)),
                        solver: fit.map_or(SolverReport::NOT_RUN, |f| {
                            SolverReport::new(&f.draped.stats)
                        }),
                        draped: fit.is_some(),
                    }
                })
                .collect(),
        }
    }

    /// The report as pretty JSON with a final newline.
    pub fn to_json_pretty(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// The value of `"report"` for an outfit (`anprobe fit` with several garments).
pub const OUTFIT_REPORT_KIND: &str = "anprobe.outfit";

/// The report of an outfit: every garment's own fit report, in the order they are put on, each
/// with how its worn size lies in the outfit (over the layers below).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutfitReport {
    /// Always [`OUTFIT_REPORT_KIND`].
    pub report: String,
    /// Always [`REPORT_VERSION`].
    pub version: u32,
    /// Whom the outfit was fitted on.
    pub body: BodySummary,
    /// Lowest layer first.
    pub garments: Vec<OutfitGarmentReport>,
}

/// One garment of an outfit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutfitGarmentReport {
    /// Every size of it fitted alone, as `anprobe fit` reports one garment.
    pub fit: FitReport,
    /// How the worn size lies in the outfit.
    pub worn: WornReport,
}

/// How the worn size lies in the outfit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WornReport {
    /// Label of the size worn in the outfit.
    pub size: String,
    /// `on_body` (nothing of a lower layer is worn), `over_lower_layers`, or `failed` (the drape
    /// over the lower layers failed: the garment is shown on the body, drawn a little outward).
    pub layering: String,
    /// The SKUs of the garments it lies over.
    pub over: Vec<String>,
    /// The worn size's regions as it lies in the outfit.
    pub regions: Vec<RegionReport>,
    /// Deepest garment vertex inside the body, mm.
    pub max_penetration_mm: f64,
}

impl WornReport {
    /// The worn size of `fit` lying over the garments `over` (SKUs).
    pub fn new(fit: &super::outfit::WornFit, over: Vec<String>) -> WornReport {
        let worn = &fit.worn;
        use super::outfit::Layering;
        WornReport {
            size: fit.selected_label().to_string(),
            layering: match worn.layering {
                Layering::OnBody => "on_body",
                Layering::OverLowerLayers => "over_lower_layers",
                Layering::Failed { .. } => "failed",
            }
            .into(),
            over,
            regions: worn
                .shown
                .map
                .regions
                .iter()
                .map(RegionReport::new)
                .collect(),
            max_penetration_mm: round1(worn.shown.draped.stats.max_penetration_mm as f64),
        }
    }
}

impl OutfitReport {
    /// The report as pretty JSON with a final newline.
    pub fn to_json_pretty(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}
