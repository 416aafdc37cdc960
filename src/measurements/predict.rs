//! Prediction of missing measurements and body proportions from the typed ones: a multivariate
//! normal model per form fitted on the ANSUR II survey, conditioned on what is known.
use super::ansur::{Model, key_var, shape_var};
use super::consistency::sanitise;
use super::gaussian::condition;
use super::*;

/// Body proportions that the avatar needs, in cm: predicted, except the trunk's breadths and
/// depth a shopper (or a retailer's reference body) may type ([`ShapeVar::TYPABLE`]).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ShapeVar {
    /// Height of the shoulder point (acromion) above the floor.
    AcromialHeight,
    /// Height of the armpit above the floor.
    AxillaHeight,
    /// Height of the chest girth level (the bust point) above the floor.
    ChestHeight,
    /// Height of the navel (omphalion) above the floor: where `omphalion_girth` is taken.
    NavelHeight,
    /// Height of the natural waist above the floor: half-way between the lowest rib (the tenth
    /// rib's height) and the top of the hip bone (iliocristale), as WHO and ISO place it.
    NaturalWaistHeight,
    /// Height of the fullest part of the buttocks (the hip girth level) above the floor.
    ButtockHeight,
    /// Height of the middle of the kneecap above the floor.
    KneeHeight,
    /// Height of the outer ankle bone above the floor.
    AnkleHeight,
    /// Height of the cervicale (the bony bump at the back of the neck's base) above the floor.
    CervicaleHeight,
    /// Side-to-side width of the chest at chest height.
    ChestBreadth,
    /// Front-to-back depth of the chest at chest height.
    ChestDepth,
    /// Side-to-side width of the waist at the navel.
    WaistBreadth,
    /// Front-to-back depth of the waist at the navel.
    WaistDepth,
    /// Side-to-side width of the hips at their widest.
    HipBreadth,
    /// Front-to-back depth of the body at buttock height.
    ButtockDepth,
    /// From the back of the heel to the tip of the longest toe.
    FootLength,
    /// Width of the foot at its widest.
    FootBreadth,
    /// From the wrist crease to the tip of the middle finger.
    HandLength,
    /// Width of the hand across the knuckles.
    HandBreadth,
    /// Side-to-side width of the head at its widest.
    HeadBreadth,
    /// From the brow ridge to the back of the head at its longest.
    HeadLength,
    /// Height of the top of the head above the ear's tragion (the notch in front of the ear).
    TragionTopOfHead,
}

/// Predicted proportions, cm, indexed by `ShapeVar as usize`.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    /// Each variable's value in cm, in [`ShapeVar::ALL`] order.
    pub values: [f64; ShapeVar::COUNT],
}

impl ShapeVar {
    /// How many shape variables there are.
    pub const COUNT: usize = 22;

    /// Every shape variable, in index order.
    pub const ALL: [ShapeVar; ShapeVar::COUNT] = [
        ShapeVar::AcromialHeight,
        ShapeVar::AxillaHeight,
        ShapeVar::ChestHeight,
        ShapeVar::NavelHeight,
        ShapeVar::NaturalWaistHeight,
        ShapeVar::ButtockHeight,
        ShapeVar::KneeHeight,
        ShapeVar::AnkleHeight,
        ShapeVar::CervicaleHeight,
        ShapeVar::ChestBreadth,
        ShapeVar::ChestDepth,
        ShapeVar::WaistBreadth,
        ShapeVar::WaistDepth,
        ShapeVar::HipBreadth,
        ShapeVar::ButtockDepth,
        ShapeVar::FootLength,
        ShapeVar::FootBreadth,
        ShapeVar::HandLength,
        ShapeVar::HandBreadth,
        ShapeVar::HeadBreadth,
        ShapeVar::HeadLength,
        ShapeVar::TragionTopOfHead,
    ];

    /// The trunk's caliper figures that may be typed: they shape the avatar's chest and hip rings
    /// (the survey's own definitions: docs/avatar.md).
    pub const TYPABLE: [ShapeVar; 3] = [
        ShapeVar::ChestBreadth,
        ShapeVar::ChestDepth,
        ShapeVar::HipBreadth,
    ];

    /// A typable variable's name (`"chest_breadth"`), as in measurements files.
    pub fn parse_typable(name: &str) -> Option<ShapeVar> {
        ShapeVar::TYPABLE.into_iter().find(|v| v.as_str() == name)
    }

    /// The girth a typable breadth or depth belongs to (the chest's, the hip's).
    pub fn girth(self) -> Option<Key> {
        match self {
            ShapeVar::ChestBreadth | ShapeVar::ChestDepth => Some(Key::ChestGirth),
            ShapeVar::HipBreadth | ShapeVar::ButtockDepth => Some(Key::HipGirth),
            ShapeVar::WaistBreadth | ShapeVar::WaistDepth => Some(Key::OmphalionGirth),
            _ => None,
        }
    }

    /// Snake-case name, as in the model file (e.g. `"acromial_height"`).
    pub fn as_str(self) -> &'static str {
        match self {
            ShapeVar::AcromialHeight => "acromial_height",
            ShapeVar::AxillaHeight => "axilla_height",
            ShapeVar::ChestHeight => "chest_height",
            ShapeVar::NavelHeight => "navel_height",
            ShapeVar::NaturalWaistHeight => "natural_waist_height",
            ShapeVar::ButtockHeight => "buttock_height",
            ShapeVar::KneeHeight => "knee_height",
            ShapeVar::AnkleHeight => "ankle_height",
            ShapeVar::CervicaleHeight => "cervicale_height",
            ShapeVar::ChestBreadth => "chest_breadth",
            ShapeVar::ChestDepth => "chest_depth",
            ShapeVar::WaistBreadth => "waist_breadth",
            ShapeVar::WaistDepth => "waist_depth",
            ShapeVar::HipBreadth => "hip_breadth",
            ShapeVar::ButtockDepth => "buttock_depth",
            ShapeVar::FootLength => "foot_length",
            ShapeVar::FootBreadth => "foot_breadth",
            ShapeVar::HandLength => "hand_length",
            ShapeVar::HandBreadth => "hand_breadth",
            ShapeVar::HeadBreadth => "head_breadth",
            ShapeVar::HeadLength => "head_length",
            ShapeVar::TragionTopOfHead => "tragion_top_of_head",
        }
    }
}

impl Shape {
    /// The value of `var` in cm.
    pub fn get(&self, var: ShapeVar) -> f64 {
        self.values[var as usize]
    }
}

pub(super) fn resolve(typed: &Measurements) -> Result<Resolved, Vec<Issue>> {
    resolve_with(Model::committed(), typed)
}

/// [`resolve`] with another model (e.g. one fitted on part of the survey, to measure its error).
///
/// Validates, then predicts every missing key and every shape variable as the conditional mean
/// of the form's normal given the typed keys, then makes the predictions consistent with each
/// other and with the typed values (which are never changed).
pub fn resolve_with(model: &Model, typed: &Measurements) -> Result<Resolved, Vec<Issue>> {
    let issues = validate(typed);
    if issues.iter().any(Issue::is_error) {
        return Err(issues);
    }
    let Some(stature) = typed.get(Key::Stature) else {
        return Err(issues); // unreachable: validate reports a missing stature as an error
    };
    let (form, form_source) = match typed.form {
        Some(form) => (form, Source::Typed),
        None => (Form::Female, Source::Predicted),
    };
    let fm = model.form(form);
    let known: Vec<(usize, f64)> = typed
        .values
        .iter()
        .map(|(&k, &v)| (key_var(k), v))
        .chain(typed.shape.iter().map(|(&s, &v)| (shape_var(s), v)))
        .collect();
    // Without a usable conditional (never with the committed model), the survey means scaled to
    // the stature stand in; sanitising then fits them to the typed values.
    let scale = stature / fm.mean[key_var(Key::Stature)];
    let mean = condition(&fm.mean, &fm.cov, &known)
        .map(|c| c.mean)
        .unwrap_or_else(|| fm.mean.iter().map(|m| m * scale).collect());
    let mut values = [0.0; Key::COUNT];
    let mut sources = [Source::Predicted; Key::COUNT];
    for key in Key::ALL {
        (values[key.index()], sources[key.index()]) = match typed.get(key) {
            Some(v) => (v, Source::Typed),
            None => (mean[key_var(key)], Source::Predicted),
        };
    }
    let mut shape = Shape {
        values: [0.0; ShapeVar::COUNT],
    };
    for var in ShapeVar::ALL {
        shape.values[var as usize] = mean[shape_var(var)];
    }
    sanitise(fm, &mut values, &sources, &mut shape);
    // Typed breadths and depths are used as typed (validation kept them inside what the avatar
    // can honour).
    for (&var, &v) in &typed.shape {
        shape.values[var as usize] = v;
    }
    Ok(Resolved {
        form,
        form_source,
        values,
        sources,
        shape,
    })
}
