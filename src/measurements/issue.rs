//! What is wrong with typed measurements, as values: the key, how bad, which rule and the
//! numbers the rule found (cm, kg). Words are made by whoever shows them — the app in English
//! or German (`app::i18n`), the command line and the reports in English, through [`Display`]
//! (`key: sentence`) and [`Issue::sentence`], which live here because the domain's own errors
//! and reports are in English too.

use super::{Key, Unit};
use std::fmt;

/// How bad an issue is: errors stop the avatar from being built, warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IssueLevel {
    /// The set cannot be resolved: no avatar is built until it is fixed.
    Error,
    /// Unusual but possible: the avatar is still built.
    Warning,
}

/// One problem with a measurement set.
#[derive(Clone, Debug, PartialEq)]
pub struct Issue {
    /// The key it is about (`None` for the set as a whole).
    pub key: Option<Key>,
    /// Whether it stops the avatar (error) or only asks the shopper to check (warning).
    pub level: IssueLevel,
    /// The unit the shopper types in: the numbers are shown in it.
    pub unit: Unit,
    /// Which rule found it, with its numbers.
    pub kind: IssueKind,
}

/// The rule an issue broke and the numbers it found. Lengths are in cm and weights in kg,
/// whatever the shopper's unit; shares and the body-mass index are plain numbers. Rules that
/// share their numbers share one payload (a warning and an error of the same rule differ only
/// in the bounds they carry).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum IssueKind {
    /// The stature is missing: no body can be built without it.
    Missing,
    /// Not a finite number.
    NotFinite,
    /// Zero or negative.
    NotPositive {
        /// The typed value (cm, or kg for the weight).
        value: f64,
    },
    /// Outside the plausible adult range.
    OutOfRange(OutOfRange),
    /// A girth no body has that large next to another ([`BodyRule`]).
    NotBelow(NotBelow),
    /// The waist is more than twice the hip girth (an error).
    WaistOverTwiceHip(WaistHip),
    /// The waist is more than 1.5 times the hip girth (a warning).
    WaistLargeForHip(WaistHip),
    /// A length's share of the stature is outside the usual shares (a warning).
    UnusualShareOfStature(ShareOfStature),
    /// A length's share of the stature is outside what any adult has (an error).
    ImpossibleShareOfStature(ShareOfStature),
    /// A very unusual body-mass index (a warning).
    UnusualBmi(Bmi),
    /// A body-mass index which no body has (an error).
    ImpossibleBmi(Bmi),
    /// A typed breadth or depth of the trunk outside what this body can have (an error; the
    /// issue has no key: `CaliperRange::var` names it).
    Caliper(CaliperRange),
    /// The weight is far from what the typed girths and the stature predict (a warning).
    WeightForGirths {
        /// The typed weight in kg.
        weight: f64,
        /// The weight in kg the survey model expects from the typed girths and stature.
        expected: f64,
    },
}

/// A typed breadth or depth (cm) outside `low..=high`: the plausible adult range, narrowed to
/// 18–42 % of its girth where that girth is typed (what a trunk section can have, and what the
/// avatar can shape).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CaliperRange {
    /// Which figure.
    pub var: super::ShapeVar,
    /// The typed value, cm.
    pub value: f64,
    /// The lowest plausible value, cm.
    pub low: f64,
    /// The highest plausible value, cm.
    pub high: f64,
}

/// A value outside the plausible adult range `low..=high`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OutOfRange {
    /// The typed value (cm, or kg for the weight).
    pub value: f64,
    /// The lowest plausible value, same unit (see [`plausible_range`](super::plausible_range)).
    pub low: f64,
    /// The highest plausible value, same unit.
    pub high: f64,
    /// The unit in which the value would be plausible; `None` when none fits.
    pub slip: Option<UnitSlip>,
}

/// A girth that is not below `factor` × `other_value` (or above it, when equal is allowed).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NotBelow {
    /// The rule that is broken.
    pub rule: BodyRule,
    /// The typed value of the issue's key in cm (the girth that is too large).
    pub value: f64,
    /// The key it is compared with.
    pub other: Key,
    /// The typed value of `other` in cm.
    pub other_value: f64,
    /// The share of `other_value` that `value` must stay below: 1 or 0.5.
    pub factor: f64,
    /// Whether `value` may equal `factor` × `other_value` (only more is then wrong).
    pub equal_ok: bool,
}

/// The typed waist and hip girths, cm.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WaistHip {
    /// The typed waist girth in cm.
    pub waist: f64,
    /// The typed hip girth in cm.
    pub hip: f64,
}

/// A length's share of the stature and the shares it lies outside, `low..=high` (the usual
/// ones for a warning, the possible ones for an error).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ShareOfStature {
    /// The typed length in cm.
    pub value: f64,
    /// The typed stature in cm.
    pub stature: f64,
    /// `value` / `stature`, a fraction (e.g. 0.45).
    pub share: f64,
    /// The lowest share of the range, a fraction.
    pub low: f64,
    /// The highest share of the range, a fraction.
    pub high: f64,
    /// Whether the share would lie within the possible range had the length been typed in
    /// inches (only ever set for an impossible share in a cm file).
    pub inches: bool,
}

/// A body-mass index and the range it lies outside, `low..=high` (the usual one for a
/// warning, the possible one for an error).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bmi {
    /// The typed weight in kg.
    pub weight: f64,
    /// The typed stature in cm.
    pub stature: f64,
    /// The body-mass index, kg / m².
    pub bmi: f64,
    /// The lowest body-mass index of the range.
    pub low: f64,
    /// The highest body-mass index of the range.
    pub high: f64,
}

/// The unit a value out of range looks typed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitSlip {
    /// Inches where cm are expected.
    Inches,
    /// Centimetres where the shopper's unit is inches.
    Centimetres,
    /// Metres where cm are expected (the value × 100 is plausible).
    Metres,
    /// Millimetres where cm are expected (the value ÷ 10 is plausible).
    Millimetres,
    /// Pounds where kg are expected.
    Pounds,
}

/// The pairs of girths no body breaks (the table is `ranges::BELOW`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyRule {
    /// The underbust girth is at most the chest girth.
    UnderbustBelowChest,
    /// The shoulder width is at most half the chest girth.
    ShouldersBelowHalfChest,
    /// The neck girth is less than half the chest girth.
    NeckBelowHalfChest,
    /// The wrist girth is less than the upper-arm girth.
    WristBelowUpperArm,
    /// The ankle girth is less than the calf girth.
    AnkleBelowCalf,
    /// The knee girth is less than the thigh girth.
    KneeBelowThigh,
    /// The calf girth is less than the thigh girth.
    CalfBelowThigh,
    /// The girth of one thigh is less than the hip girth around both.
    ThighBelowHip,
    /// The ankle girth is less than the thigh girth.
    AnkleBelowThigh,
    /// The calf girth is less than the hip girth.
    CalfBelowHip,
    /// The knee girth is less than the hip girth.
    KneeBelowHip,
}

impl Issue {
    /// Whether the issue is an error, which stops the avatar from being built.
    pub fn is_error(&self) -> bool {
        self.level == IssueLevel::Error
    }

    /// The sentence for the shopper in English, e.g. "38 cm is below the plausible 60–200 cm;
    /// was it typed in inches?".
    pub fn sentence(&self) -> String {
        english(self)
    }
}

impl fmt::Display for Issue {
    /// `key: sentence` (only the sentence for the set as a whole).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.key {
            Some(key) => write!(f, "{}: {}", key.as_str(), self.sentence()),
            None => f.write_str(&self.sentence()),
        }
    }
}

/// `value` (cm, or kg for the weight) in the shopper's unit.
pub fn in_unit(value: f64, key: Key, unit: Unit) -> f64 {
    match (key.is_length(), unit) {
        (true, Unit::In) => value / 2.54,
        _ => value,
    }
}

/// A number for the shopper: at most one decimal, with a decimal point.
pub fn one_decimal(value: f64) -> String {
    let r = (value * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// A share as a whole percentage, e.g. `0.314` → `31`.
pub fn percent(share: f64) -> String {
    format!("{:.0}", share * 100.0)
}

/// `v` in the shopper's unit with the unit's name, e.g. "38 cm" or "15 in".
fn show(v: f64, key: Key, unit: Unit) -> String {
    let name = match (key.is_length(), unit) {
        (false, _) => "kg",
        (true, Unit::Cm) => "cm",
        (true, Unit::In) => "in",
    };
    format!("{} {name}", one_decimal(in_unit(v, key, unit)))
}

/// The English clause of a [`BodyRule`].
fn rule_sentence(rule: BodyRule) -> &'static str {
    match rule {
        BodyRule::UnderbustBelowChest => "the underbust lies below the bust and is smaller",
        BodyRule::ShouldersBelowHalfChest => "the shoulders are narrower than half the chest girth",
        BodyRule::NeckBelowHalfChest => "the neck is smaller than half the chest girth",
        BodyRule::WristBelowUpperArm => "the wrist is smaller than the upper arm",
        BodyRule::AnkleBelowCalf => "the ankle is smaller than the calf",
        BodyRule::KneeBelowThigh => "the knee is smaller than the thigh",
        BodyRule::CalfBelowThigh => "the calf is smaller than the thigh",
        BodyRule::ThighBelowHip => "one thigh is smaller than the hip around both",
        BodyRule::AnkleBelowThigh => "the ankle is smaller than the thigh",
        BodyRule::CalfBelowHip => "the calf is smaller than the hip",
        BodyRule::KneeBelowHip => "the knee is smaller than the hip",
    }
}

fn slip_hint(slip: Option<UnitSlip>) -> &'static str {
    match slip {
        None => "",
        Some(UnitSlip::Inches) => "; was it typed in inches?",
        Some(UnitSlip::Centimetres) => "; was it typed in cm? The unit is inches",
        Some(UnitSlip::Metres) => "; was it typed in metres?",
        Some(UnitSlip::Millimetres) => "; was it typed in mm?",
        Some(UnitSlip::Pounds) => "; was it typed in pounds?",
    }
}

/// The English sentence of an issue.
fn english(issue: &Issue) -> String {
    let unit = issue.unit;
    let key = issue.key.unwrap_or(Key::Stature);
    let say = |v: f64, k: Key| show(v, k, unit);
    let what = key.as_str().replace('_', " ");
    let share_of = |s: &ShareOfStature| {
        format!(
            "{} is {} % of the stature ({})",
            say(s.value, key),
            percent(s.share),
            say(s.stature, Key::Stature)
        )
    };
    let bmi_of = |b: &Bmi| {
        format!(
            "{} at {} tall is a body-mass index of {}",
            say(b.weight, Key::WeightKg),
            say(b.stature, Key::Stature),
            one_decimal(b.bmi)
        )
    };
    match issue.kind {
        IssueKind::Missing => "missing; the stature is needed to build a body".into(),
        IssueKind::NotFinite => "is not a finite number".into(),
        IssueKind::NotPositive { value } => {
            let sign = if value < 0.0 {
                "is negative"
            } else {
                "is zero"
            };
            format!("{} {sign}; it must be more than 0", say(value, key))
        }
        IssueKind::OutOfRange(r) => {
            let side = if r.value < r.low { "below" } else { "above" };
            let range = format!(
                "{}–{}",
                one_decimal(in_unit(r.low, key, unit)),
                say(r.high, key)
            );
            let hint = slip_hint(r.slip);
            format!(
                "{} is {side} the plausible {range}{hint}",
                say(r.value, key)
            )
        }
        IssueKind::NotBelow(b) => {
            let cmp = if b.equal_ok {
                "more than"
            } else {
                "not smaller than"
            };
            let half = if b.factor == 0.5 { "half " } else { "" };
            let other_name = b.other.as_str().replace('_', " ");
            format!(
                "{} is {cmp} {half}the {other_name} ({}); {}",
                say(b.value, key),
                say(b.other_value, b.other),
                rule_sentence(b.rule)
            )
        }
        IssueKind::WaistOverTwiceHip(w) => format!(
            "{} is more than twice the hip girth ({}); no body has that",
            say(w.waist, Key::WaistGirth),
            say(w.hip, Key::HipGirth)
        ),
        IssueKind::WaistLargeForHip(w) => format!(
            "{} is unusually large for the hip girth ({}); please check both",
            say(w.waist, Key::WaistGirth),
            say(w.hip, Key::HipGirth)
        ),
        IssueKind::UnusualShareOfStature(s) => format!(
            "{}; a {what} is usually {}–{} % of it. Please check",
            share_of(&s),
            percent(s.low),
            percent(s.high)
        ),
        IssueKind::ImpossibleShareOfStature(s) => format!(
            "{}; no adult's {what} is outside {}–{} % of it{}",
            share_of(&s),
            percent(s.low),
            percent(s.high),
            slip_hint(s.inches.then_some(UnitSlip::Inches))
        ),
        IssueKind::UnusualBmi(b) => format!("{}, which is very unusual. Please check", bmi_of(&b)),
        IssueKind::ImpossibleBmi(b) => format!(
            "{}, outside the possible {}–{}",
            bmi_of(&b),
            one_decimal(b.low),
            one_decimal(b.high)
        ),
        IssueKind::Caliper(c) => format!(
            "{} {} is outside the plausible {}–{} for this body; please check",
            c.var.as_str().replace('_', " "),
            say(c.value, Key::ChestGirth),
            one_decimal(in_unit(c.low, Key::ChestGirth, unit)),
            say(c.high, Key::ChestGirth)
        ),
        IssueKind::WeightForGirths { weight, expected } => {
            let side = if weight < expected { "low" } else { "high" };
            format!(
                "{} kg is unusually {side} for the typed girths and stature (about {} kg expected); please check the weight or the girths",
                one_decimal(weight),
                one_decimal(expected)
            )
        }
    }
}
