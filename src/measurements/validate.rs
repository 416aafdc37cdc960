//! Plausibility checks on typed measurements, each naming the key and the reason.
use super::ansur::{Model, key_var};
use super::gaussian::condition;
use super::*;
use std::fmt;

/// How bad an issue is: errors stop the avatar from being built, warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem with a measurement set.
#[derive(Clone, Debug, PartialEq)]
pub struct Issue {
    /// The key it is about (`None` for the file as a whole).
    pub key: Option<Key>,
    pub severity: Severity,
    /// A sentence for the shopper, e.g. "38 cm is below 60 cm; was it typed in inches?".
    pub message: String,
    /// The same sentence in German (the app shows it in its German UI; the command line and the
    /// reports use [`Issue::message`]).
    pub message_de: String,
}

impl Issue {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.key {
            Some(key) => write!(f, "{}: {}", key.as_str(), self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// The plausible adult range of a key, cm (kg for the weight): ANSUR II's extremes with a wide
/// margin, so petite to plus-size bodies pass. Outside it a value is an error.
pub fn plausible_range(key: Key) -> (f64, f64) {
    match key {
        Key::Stature => (100.0, 230.0),
        Key::NeckGirth => (25.0, 60.0),
        Key::ChestGirth => (60.0, 200.0),
        Key::UnderbustGirth => (55.0, 180.0),
        Key::WaistGirth => (50.0, 200.0),
        Key::HipGirth => (70.0, 200.0),
        Key::ShoulderWidth => (25.0, 60.0),
        Key::ArmLength => (35.0, 90.0),
        Key::UpperArmGirth => (15.0, 70.0),
        Key::WristGirth => (10.0, 30.0),
        Key::InsideLeg => (35.0, 120.0),
        Key::ThighGirth => (30.0, 110.0),
        Key::KneeGirth => (25.0, 80.0),
        Key::CalfGirth => (20.0, 70.0),
        Key::AnkleGirth => (14.0, 40.0),
        Key::HeadGirth => (45.0, 70.0),
        Key::WeightKg => (30.0, 300.0),
    }
}

/// Ratios to the stature: (error low, warning low, warning high, error high).
pub(crate) fn stature_ratio_bounds(key: Key) -> Option<[f64; 4]> {
    match key {
        Key::InsideLeg => Some([0.35, 0.40, 0.57, 0.60]),
        Key::ArmLength => Some([0.25, 0.27, 0.41, 0.45]),
        Key::HeadGirth => Some([0.20, 0.26, 0.45, 0.60]),
        _ => None,
    }
}

/// Body-mass index bounds: (error low, warning low, warning high, error high).
pub(crate) const BMI_BOUNDS: [f64; 4] = [12.0, 15.0, 60.0, 70.0];

/// A pair no body breaks: girth `a` is at most (`equal_ok`) or below `factor` × `b`.
pub(crate) struct Below {
    pub a: Key,
    pub b: Key,
    pub factor: f64,
    pub equal_ok: bool,
    pub rule: &'static str,
    pub rule_de: &'static str,
}

/// Every [`Below`] rule; an issue is reported on `a`.
pub(crate) const BELOW: [Below; 11] = [
    Below {
        a: Key::UnderbustGirth,
        b: Key::ChestGirth,
        factor: 1.0,
        equal_ok: true,
        rule: "the underbust lies below the bust and is smaller",
        rule_de: "der Unterbrustumfang liegt unter der Brust und ist kleiner",
    },
    Below {
        a: Key::ShoulderWidth,
        b: Key::ChestGirth,
        factor: 0.5,
        equal_ok: true,
        rule: "the shoulders are narrower than half the chest girth",
        rule_de: "die Schultern sind schmaler als der halbe Brustumfang",
    },
    Below {
        a: Key::NeckGirth,
        b: Key::ChestGirth,
        factor: 0.5,
        equal_ok: false,
        rule: "the neck is smaller than half the chest girth",
        rule_de: "der Hals ist dünner als der halbe Brustumfang",
    },
    Below {
        a: Key::WristGirth,
        b: Key::UpperArmGirth,
        factor: 1.0,
        equal_ok: false,
        rule: "the wrist is smaller than the upper arm",
        rule_de: "das Handgelenk ist dünner als der Oberarm",
    },
    Below {
        a: Key::AnkleGirth,
        b: Key::CalfGirth,
        factor: 1.0,
        equal_ok: false,
        rule: "the ankle is smaller than the calf",
        rule_de: "der Knöchel ist dünner als die Wade",
    },
    Below {
        a: Key::KneeGirth,
        b: Key::ThighGirth,
        factor: 1.0,
        equal_ok: false,
        rule: "the knee is smaller than the thigh",
        rule_de: "das Knie ist dünner als der Oberschenkel",
    },
    Below {
        a: Key::CalfGirth,
        b: Key::ThighGirth,
        factor: 1.0,
        equal_ok: false,
        rule: "the calf is smaller than the thigh",
        rule_de: "die Wade ist dünner als der Oberschenkel",
    },
    Below {
        a: Key::ThighGirth,
        b: Key::HipGirth,
        factor: 1.0,
        equal_ok: false,
        rule: "one thigh is smaller than the hip around both",
        rule_de: "ein Oberschenkel ist dünner als die Hüfte um beide",
    },
    Below {
        a: Key::AnkleGirth,
        b: Key::ThighGirth,
        factor: 1.0,
        equal_ok: false,
        rule: "the ankle is smaller than the thigh",
        rule_de: "der Knöchel ist dünner als der Oberschenkel",
    },
    Below {
        a: Key::CalfGirth,
        b: Key::HipGirth,
        factor: 1.0,
        equal_ok: false,
        rule: "the calf is smaller than the hip",
        rule_de: "die Wade ist dünner als die Hüfte",
    },
    Below {
        a: Key::KneeGirth,
        b: Key::HipGirth,
        factor: 1.0,
        equal_ok: false,
        rule: "the knee is smaller than the hip",
        rule_de: "das Knie ist dünner als die Hüfte",
    },
];

/// Checks every typed value and their combinations.
pub fn validate(m: &Measurements) -> Vec<Issue> {
    let mut issues = Vec::new();
    let say = |v: f64, key: Key| show(v, key, m.unit);
    let say_de = |v: f64, key: Key| show_de(v, key, m.unit);
    if m.get(Key::Stature).is_none() {
        issues.push(error(
            Key::Stature,
            Text::new(
                "missing; the stature is needed to build a body",
                "fehlt; ohne Körperhöhe lässt sich kein Körper bauen",
            ),
        ));
    }
    // Values that pass on their own; only these are compared with each other.
    let mut ok: BTreeMap<Key, f64> = BTreeMap::new();
    for (&key, &v) in &m.values {
        match single(key, v, m.unit) {
            Some(text) => issues.push(error(key, text)),
            None => {
                ok.insert(key, v);
            }
        }
    }
    let get = |k: Key| ok.get(&k).copied();
    for r in &BELOW {
        if let (Some(x), Some(y)) = (get(r.a), get(r.b)) {
            let limit = y * r.factor;
            if x > limit || (x == limit && !r.equal_ok) {
                let cmp = if r.equal_ok {
                    "more than"
                } else {
                    "not smaller than"
                };
                let half = if r.factor == 0.5 { "half " } else { "" };
                let other = r.b.as_str().replace('_', " ");
                let en = format!(
                    "{} is {cmp} {half}the {other} ({}); {}",
                    say(x, r.a),
                    say(y, r.b),
                    r.rule
                );
                let half_de = if r.factor == 0.5 {
                    "die Hälfte von "
                } else {
                    ""
                };
                let cmp_de = if r.equal_ok {
                    "mehr als"
                } else {
                    "nicht kleiner als"
                };
                let de = format!(
                    "{} ist {cmp_de} {half_de}{} ({}); {}",
                    say_de(x, r.a),
                    say_de(y, r.b),
                    noun_de(r.b),
                    r.rule_de
                );
                issues.push(error(r.a, Text { en, de }));
            }
        }
    }
    if let (Some(waist), Some(hip)) = (get(Key::WaistGirth), get(Key::HipGirth)) {
        if waist > 2.0 * hip {
            let en = format!(
                "{} is more than twice the hip girth ({}); no body has that",
                say(waist, Key::WaistGirth),
                say(hip, Key::HipGirth)
            );
            let de = format!(
                "{} ist mehr als der doppelte Hüftumfang ({}); das hat kein Körper",
                say_de(waist, Key::WaistGirth),
                say_de(hip, Key::HipGirth)
            );
            issues.push(error(Key::WaistGirth, Text { en, de }));
        } else if waist > 1.5 * hip {
            let en = format!(
                "{} is unusually large for the hip girth ({}); please check both",
                say(waist, Key::WaistGirth),
                say(hip, Key::HipGirth)
            );
            let de = format!(
                "{} ist ungewöhnlich groß für den Hüftumfang ({}); bitte beide prüfen",
                say_de(waist, Key::WaistGirth),
                say_de(hip, Key::HipGirth)
            );
            issues.push(warning(Key::WaistGirth, Text { en, de }));
        }
    }
    if let Some(stature) = get(Key::Stature) {
        for key in [Key::InsideLeg, Key::ArmLength, Key::HeadGirth] {
            if let (Some(v), Some(bounds)) = (get(key), stature_ratio_bounds(key)) {
                issues.extend(ratio_issue(key, v, stature, bounds, m.unit));
            }
        }
        if let Some(weight) = get(Key::WeightKg) {
            issues.extend(bmi_issue(weight, stature, m.unit));
            if !issues.iter().any(|i| i.key == Some(Key::WeightKg)) {
                issues.extend(weight_for_girths(m.form.unwrap_or_default(), weight, &ok));
            }
        }
    }
    issues
}

fn error(key: Key, text: Text) -> Issue {
    Issue {
        key: Some(key),
        severity: Severity::Error,
        message: text.en,
        message_de: text.de,
    }
}

fn warning(key: Key, text: Text) -> Issue {
    Issue {
        key: Some(key),
        severity: Severity::Warning,
        message: text.en,
        message_de: text.de,
    }
}

/// A message in English and German.
struct Text {
    en: String,
    de: String,
}

impl Text {
    fn new(en: impl Into<String>, de: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            de: de.into(),
        }
    }
}

/// A number for the shopper: at most one decimal.
fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// [`num`] with a decimal comma.
fn num_de(v: f64) -> String {
    num(v).replace('.', ",")
}

/// `v` (cm or kg) as the number shown in the shopper's unit, with the unit's English and German
/// names.
fn in_unit(v: f64, key: Key, unit: Unit) -> (f64, &'static str, &'static str) {
    match (key.is_length(), unit) {
        (false, _) => (v, "kg", "kg"),
        (true, Unit::Cm) => (v, "cm", "cm"),
        (true, Unit::In) => (v / 2.54, "in", "Zoll"),
    }
}

/// `v` (cm or kg) in the shopper's unit, e.g. "38 cm" or "15 in".
fn show(v: f64, key: Key, unit: Unit) -> String {
    let (x, name, _) = in_unit(v, key, unit);
    format!("{} {name}", num(x))
}

/// [`show`] with a decimal comma (and "Zoll" for inches).
fn show_de(v: f64, key: Key, unit: Unit) -> String {
    let (x, _, name) = in_unit(v, key, unit);
    format!("{} {name}", num_de(x))
}

/// A measurement's German name, as a tailor says it ("Hüftumfang"); the app's German labels.
pub fn noun_de(key: Key) -> &'static str {
    match key {
        Key::Stature => "Körperhöhe",
        Key::NeckGirth => "Halsumfang",
        Key::ChestGirth => "Brustumfang",
        Key::UnderbustGirth => "Unterbrustumfang",
        Key::WaistGirth => "Taillenumfang",
        Key::HipGirth => "Hüftumfang",
        Key::ShoulderWidth => "Schulterbreite",
        Key::ArmLength => "Armlänge",
        Key::UpperArmGirth => "Oberarmumfang",
        Key::WristGirth => "Handgelenkumfang",
        Key::InsideLeg => "Schrittlänge",
        Key::ThighGirth => "Oberschenkelumfang",
        Key::KneeGirth => "Knieumfang",
        Key::CalfGirth => "Wadenumfang",
        Key::AnkleGirth => "Knöchelumfang",
        Key::HeadGirth => "Kopfumfang",
        Key::WeightKg => "Gewicht",
    }
}

/// The problem with one value on its own, if any.
fn single(key: Key, v: f64, unit: Unit) -> Option<Text> {
    if !v.is_finite() {
        return Some(Text::new(
            "is not a finite number",
            "ist keine endliche Zahl",
        ));
    }
    if v <= 0.0 {
        let (en, de) = if v < 0.0 {
            ("is negative", "ist negativ")
        } else {
            ("is zero", "ist null")
        };
        return Some(Text {
            en: format!("{} {en}; it must be more than 0", show(v, key, unit)),
            de: format!(
                "{} {de}; der Wert muss größer als 0 sein",
                show_de(v, key, unit)
            ),
        });
    }
    let (lo, hi) = plausible_range(key);
    if (lo..=hi).contains(&v) {
        return None;
    }
    let inside = |x: f64| (lo..=hi).contains(&x);
    let (hint, hint_de) = if !key.is_length() {
        if inside(v / 2.204_622_6) {
            (
                "; was it typed in pounds?",
                "; wurde es in Pfund eingegeben?",
            )
        } else {
            ("", "")
        }
    } else if unit == Unit::Cm && inside(v * 2.54) {
        (
            "; was it typed in inches?",
            "; wurde es in Zoll eingegeben?",
        )
    } else if unit == Unit::In && inside(v / 2.54) {
        (
            "; was it typed in cm? The unit is inches",
            "; wurde es in cm eingegeben? Die Einheit ist Zoll",
        )
    } else if inside(v * 100.0) {
        (
            "; was it typed in metres?",
            "; wurde es in Metern eingegeben?",
        )
    } else if inside(v / 10.0) {
        ("; was it typed in mm?", "; wurde es in mm eingegeben?")
    } else {
        ("", "")
    };
    let (side, side_de) = if v < lo {
        ("below", "liegt unter")
    } else {
        ("above", "liegt über")
    };
    let ((lo, name, name_de), (hi, _, _)) = (in_unit(lo, key, unit), in_unit(hi, key, unit));
    let range = format!("{}–{} {name}", num(lo), num(hi));
    let range_de = format!("{}–{} {name_de}", num_de(lo), num_de(hi));
    Some(Text {
        en: format!(
            "{} is {side} the plausible {range}{hint}",
            show(v, key, unit)
        ),
        de: format!(
            "{} {side_de} dem plausiblen Bereich {range_de}{hint_de}",
            show_de(v, key, unit)
        ),
    })
}

/// A length that must be a share of the stature.
fn ratio_issue(key: Key, v: f64, stature: f64, b: [f64; 4], unit: Unit) -> Option<Issue> {
    let r = v / stature;
    if (b[1]..=b[2]).contains(&r) {
        return None;
    }
    let what = key.as_str().replace('_', " ");
    let pct = |x: f64| format!("{:.0}", x * 100.0);
    let base = format!(
        "{} is {} % of the stature ({})",
        show(v, key, unit),
        pct(r),
        show(stature, Key::Stature, unit)
    );
    let base_de = format!(
        "{} sind {} % der Körperhöhe ({})",
        show_de(v, key, unit),
        pct(r),
        show_de(stature, Key::Stature, unit)
    );
    let (lo, hi) = if (b[0]..=b[3]).contains(&r) {
        (b[1], b[2])
    } else {
        (b[0], b[3])
    };
    if (b[0]..=b[3]).contains(&r) {
        let en = format!(
            "{base}; a {what} is usually {}–{} % of it. Please check",
            pct(lo),
            pct(hi)
        );
        let de = format!(
            "{base_de}; üblich sind {}–{} %. Bitte prüfen",
            pct(lo),
            pct(hi)
        );
        return Some(warning(key, Text { en, de }));
    }
    let inches = unit == Unit::Cm && (b[0]..=b[3]).contains(&(r * 2.54));
    let (hint, hint_de) = if inches {
        (
            "; was it typed in inches?",
            "; wurde es in Zoll eingegeben?",
        )
    } else {
        ("", "")
    };
    let en = format!(
        "{base}; no adult's {what} is outside {}–{} % of it{hint}",
        pct(lo),
        pct(hi)
    );
    let de = format!(
        "{base_de}; bei Erwachsenen liegt der Wert immer bei {}–{} %{hint_de}",
        pct(lo),
        pct(hi)
    );
    Some(error(key, Text { en, de }))
}

fn bmi_issue(weight: f64, stature: f64, unit: Unit) -> Option<Issue> {
    let bmi = weight / (stature / 100.0).powi(2);
    let [lo, soft_lo, soft_hi, hi] = BMI_BOUNDS;
    if (soft_lo..=soft_hi).contains(&bmi) {
        return None;
    }
    let base = format!(
        "{} at {} tall is a body-mass index of {}",
        show(weight, Key::WeightKg, unit),
        show(stature, Key::Stature, unit),
        num(bmi)
    );
    let base_de = format!(
        "{} bei {} Körperhöhe ergibt einen Body-Mass-Index von {}",
        show_de(weight, Key::WeightKg, unit),
        show_de(stature, Key::Stature, unit),
        num_de(bmi)
    );
    Some(if (lo..=hi).contains(&bmi) {
        warning(
            Key::WeightKg,
            Text {
                en: format!("{base}, which is very unusual. Please check"),
                de: format!("{base_de}, das ist sehr ungewöhnlich. Bitte prüfen"),
            },
        )
    } else {
        error(
            Key::WeightKg,
            Text {
                en: format!("{base}, outside the possible {}–{}", num(lo), num(hi)),
                de: format!(
                    "{base_de}, außerhalb des Möglichen ({}–{})",
                    num_de(lo),
                    num_de(hi)
                ),
            },
        )
    })
}

/// Girths that, with the stature, predict the weight well.
const WEIGHT_GIRTHS: [Key; 6] = [
    Key::ChestGirth,
    Key::WaistGirth,
    Key::HipGirth,
    Key::ThighGirth,
    Key::UpperArmGirth,
    Key::NeckGirth,
];

/// A warning when the weight is far from what the typed girths and stature predict with the
/// survey model: off by more than 4 conditional standard deviations and by more than a quarter
/// (the model is linear, so far from the survey's bodies its own spread is too confident).
/// Needs at least two of [`WEIGHT_GIRTHS`].
fn weight_for_girths(form: Form, weight: f64, ok: &BTreeMap<Key, f64>) -> Option<Issue> {
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
    let (side, side_de) = if weight < mean {
        ("low", "niedrig")
    } else {
        ("high", "hoch")
    };
    let en = format!(
        "{} kg is unusually {side} for the typed girths and stature (about {} kg expected); please check the weight or the girths",
        num(weight),
        num(mean)
    );
    let de = format!(
        "{} kg ist ungewöhnlich {side_de} für die eingegebenen Umfänge und die Körperhöhe (erwartet etwa {} kg); bitte Gewicht oder Umfänge prüfen",
        num_de(weight),
        num_de(mean)
    );
    Some(warning(Key::WeightKg, Text { en, de }))
}
