//! Plausibility checks on typed measurements: the rules that apply the tables of `ranges.rs`,
//! each finding an [`Issue`] that names the key, the rule and its numbers.

use super::ansur::{Model, key_var};
use super::gaussian::condition;
use super::issue::{
    Bmi, CaliperRange, Issue, IssueKind, IssueLevel, NotBelow, OutOfRange, ShareOfStature,
    UnitSlip, WaistHip,
};
use super::ranges::{BELOW, BMI_BOUNDS, WEIGHT_GIRTHS, plausible_range, stature_ratio_bounds};
use super::{Form, Key, Measurements, ShapeVar, Unit};
use std::collections::BTreeMap;

/// The plausible adult range of a typable breadth or depth, cm (ANSUR II's range, widened).
fn caliper_range(var: ShapeVar) -> (f64, f64) {
    match var {
        ShapeVar::ChestBreadth => (18.0, 60.0),
        ShapeVar::ChestDepth => (12.0, 55.0),
        _ => (20.0, 70.0),
    }
}

/// A typed breadth or depth outside its range, narrowed to 18–42 % of its girth where that is
/// typed (a trunk section's breadth is under half its girth; the avatar shapes rings within
/// these shares).
pub fn caliper(var: ShapeVar, value: f64, girth: Option<f64>) -> Option<IssueKind> {
    let (mut low, mut high) = caliper_range(var);
    if let Some(g) = girth {
        low = low.max(0.18 * g);
        high = high.min(0.42 * g);
    }
    let inside = value.is_finite() && value >= low && value <= high;
    (!inside).then_some(IssueKind::Caliper(CaliperRange {
        var,
        value,
        low,
        high,
    }))
}

/// Checks every typed value and their combinations.
pub fn validate(m: &Measurements) -> Vec<Issue> {
    let unit = m.unit;
    let error = |key, kind| issue(key, IssueLevel::Error, unit, kind);
    let warning = |key, kind| issue(key, IssueLevel::Warning, unit, kind);
    let mut issues = Vec::new();
    if m.get(Key::Stature).is_none() {
        issues.push(error(Key::Stature, IssueKind::Missing));
    }
    // Values that pass on their own; only these are compared with each other.
    let mut ok: BTreeMap<Key, f64> = BTreeMap::new();
    for (&key, &v) in &m.values {
        match single(key, v, unit) {
            Some(kind) => issues.push(error(key, kind)),
            None => {
                ok.insert(key, v);
            }
        }
    }
    let get = |k: Key| ok.get(&k).copied();
    for (&var, &v) in &m.shape {
        if let Some(kind) = caliper(var, v, var.girth().and_then(get)) {
            issues.push(Issue {
                key: None,
                level: IssueLevel::Error,
                unit,
                kind,
            });
        }
    }
    for r in &BELOW {
        if let (Some(x), Some(y)) = (get(r.a), get(r.b)) {
            let limit = y * r.factor;
            if x > limit || (x == limit && !r.equal_ok) {
                let kind = IssueKind::NotBelow(NotBelow {
                    rule: r.rule,
                    value: x,
                    other: r.b,
                    other_value: y,
                    factor: r.factor,
                    equal_ok: r.equal_ok,
                });
                issues.push(error(r.a, kind));
            }
        }
    }
    if let (Some(waist), Some(hip)) = (get(Key::WaistGirth), get(Key::HipGirth)) {
        if waist > 2.0 * hip {
            issues.push(error(
                Key::WaistGirth,
                IssueKind::WaistOverTwiceHip(WaistHip { waist, hip }),
            ));
        } else if waist > 1.5 * hip {
            issues.push(warning(
                Key::WaistGirth,
                IssueKind::WaistLargeForHip(WaistHip { waist, hip }),
            ));
        }
    }
    if let Some(stature) = get(Key::Stature) {
        for key in [Key::InsideLeg, Key::ArmLength, Key::HeadGirth] {
            if let (Some(v), Some(bounds)) = (get(key), stature_ratio_bounds(key)) {
                issues.extend(share_issue(key, v, stature, bounds, unit));
            }
        }
        if let Some(weight) = get(Key::WeightKg) {
            issues.extend(bmi_issue(weight, stature, unit));
            if !issues.iter().any(|i| i.key == Some(Key::WeightKg)) {
                issues.extend(weight_for_girths(
                    m.form.unwrap_or_default(),
                    weight,
                    &ok,
                    unit,
                ));
            }
        }
    }
    issues
}

fn issue(key: Key, level: IssueLevel, unit: Unit, kind: IssueKind) -> Issue {
    Issue {
        key: Some(key),
        level,
        unit,
        kind,
    }
}

/// The problem with one value on its own, if any.
fn single(key: Key, v: f64, unit: Unit) -> Option<IssueKind> {
    if !v.is_finite() {
        return Some(IssueKind::NotFinite);
    }
    if v <= 0.0 {
        return Some(IssueKind::NotPositive { value: v });
    }
    let (low, high) = plausible_range(key);
    if (low..=high).contains(&v) {
        return None;
    }
    let inside = |x: f64| (low..=high).contains(&x);
    let slip = if !key.is_length() {
        inside(v / 2.204_622_6).then_some(UnitSlip::Pounds)
    } else if unit == Unit::Cm && inside(v * 2.54) {
        Some(UnitSlip::Inches)
    } else if unit == Unit::In && inside(v / 2.54) {
        Some(UnitSlip::Centimetres)
    } else if inside(v * 100.0) {
        Some(UnitSlip::Metres)
    } else if inside(v / 10.0) {
        Some(UnitSlip::Millimetres)
    } else {
        None
    };
    Some(IssueKind::OutOfRange(OutOfRange {
        value: v,
        low,
        high,
        slip,
    }))
}

/// A length that must be a share of the stature: a warning outside the usual shares, an error
/// outside the possible ones.
fn share_issue(key: Key, v: f64, stature: f64, b: [f64; 4], unit: Unit) -> Option<Issue> {
    let share = v / stature;
    if (b[1]..=b[2]).contains(&share) {
        return None;
    }
    let possible = (b[0]..=b[3]).contains(&share);
    let (low, high) = if possible { (b[1], b[2]) } else { (b[0], b[3]) };
    let of = ShareOfStature {
        value: v,
        stature,
        share,
        low,
        high,
        inches: !possible && unit == Unit::Cm && (b[0]..=b[3]).contains(&(share * 2.54)),
    };
    Some(if possible {
        issue(
            key,
            IssueLevel::Warning,
            unit,
            IssueKind::UnusualShareOfStature(of),
        )
    } else {
        issue(
            key,
            IssueLevel::Error,
            unit,
            IssueKind::ImpossibleShareOfStature(of),
        )
    })
}

fn bmi_issue(weight: f64, stature: f64, unit: Unit) -> Option<Issue> {
    let bmi = weight / (stature / 100.0).powi(2);
    let [low, soft_low, soft_high, high] = BMI_BOUNDS;
    if (soft_low..=soft_high).contains(&bmi) {
        return None;
    }
    let possible = (low..=high).contains(&bmi);
    let (low, high) = if possible {
        (soft_low, soft_high)
    } else {
        (low, high)
    };
    let of = Bmi {
        weight,
        stature,
        bmi,
        low,
        high,
    };
    Some(if possible {
        issue(
            Key::WeightKg,
            IssueLevel::Warning,
            unit,
            IssueKind::UnusualBmi(of),
        )
    } else {
        issue(
            Key::WeightKg,
            IssueLevel::Error,
            unit,
            IssueKind::ImpossibleBmi(of),
        )
    })
}

/// A warning when the weight is far from what the typed girths and stature predict with the
/// survey model: off by more than 4 conditional standard deviations and by more than a quarter
/// (the model is linear, so far from the survey's bodies its own spread is too confident).
/// Needs at least two of [`WEIGHT_GIRTHS`].
fn weight_for_girths(
    form: Form,
    weight: f64,
    ok: &BTreeMap<Key, f64>,
    unit: Unit,
) -> Option<Issue> {
    let mut known: Vec<(usize, f64)> = WEIGHT_GIRTHS
        .iter()
        .filter_map(|&k| ok.get(&k).map(|&v| (key_var(k), v)))
        .collect();
    if known.len() < 2 {
        return None;
    }
    known.push((key_var(Key::Stature), *ok.get(&Key::Stature)?));
    let model = Model::committed().form(form);
    let c = condition(&model.mean, &model.cov, &known)?;
    let (mean, sd) = (
        c.mean[key_var(Key::WeightKg)],
        c.var[key_var(Key::WeightKg)].sqrt(),
    );
    let off = (weight - mean).abs();
    if off <= 4.0 * sd || off <= 0.25 * mean.abs() {
        return None;
    }
    let kind = IssueKind::WeightForGirths {
        weight,
        expected: mean,
    };
    Some(issue(Key::WeightKg, IssueLevel::Warning, unit, kind))
}
