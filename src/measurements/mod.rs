//! The shopper's body measurements: keys named after ISO 8559-1 / EN 13402-1, units, the typed
//! (partial) set and the resolved (complete) set in which every missing value is predicted.

pub mod ansur;
mod consistency;
mod gaussian;
mod issue;
mod json;
mod predict;
mod ranges;
mod spread;
mod validate;

pub use issue::{
    Bmi, BodyRule, CaliperRange, Issue, IssueKind, IssueLevel, NotBelow, OutOfRange,
    ShareOfStature, UnitSlip, WaistHip, in_unit, one_decimal, percent,
};
pub use json::JsonError;
pub use predict::{Shape, ShapeVar, resolve_with};
pub use ranges::plausible_range;
pub use spread::{Normal, Spread, Values, tape_sd};
pub use validate::{caliper, validate};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One body measurement. Girths and lengths are in cm, weight in kg.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Key {
    /// Body height, floor to the top of the head (the only key required to build a body).
    Stature,
    /// Around the neck, just below the larynx.
    NeckGirth,
    /// Around the chest at its fullest, over the bust points for women (JSON alias `bust_girth`).
    ChestGirth,
    /// Around the ribcage just below the bust. Not in the survey: modelled as a fixed share of
    /// the chest girth.
    UnderbustGirth,
    /// Around the natural waist: the narrowest girth between the lowest rib and the hip bone
    /// (ISO 8559-1), where a tape settles and where size charts mean the waist.
    WaistGirth,
    /// Around the waist at the navel (omphalion): the survey's waist, lower and for most women
    /// larger than the natural waist; low-rise trousers may be charted by it.
    OmphalionGirth,
    /// Around the hips over the fullest part of the buttocks.
    HipGirth,
    /// Straight distance between the two shoulder points (acromions).
    ShoulderWidth,
    /// From the shoulder point (acromion) over the elbow to the wrist bone (stylion).
    ArmLength,
    /// Around the upper arm over the biceps.
    UpperArmGirth,
    /// Around the wrist.
    WristGirth,
    /// Height of the crotch above the floor (the trouser inseam).
    InsideLeg,
    /// Around the thigh at its top, just below the buttock fold.
    ThighGirth,
    /// Around the leg just above the knee.
    KneeGirth,
    /// Around the calf at its fullest.
    CalfGirth,
    /// Around the leg at its narrowest, just above the ankle bones.
    AnkleGirth,
    /// Around the head at its largest, above the brow ridges.
    HeadGirth,
    /// Body weight in kg: the only key that is not a length.
    WeightKg,
}

impl Key {
    /// How many keys there are.
    pub const COUNT: usize = 18;

    /// Every key, in the order of the measurements panel and the report.
    pub const ALL: [Key; Key::COUNT] = [
        Key::Stature,
        Key::NeckGirth,
        Key::ChestGirth,
        Key::UnderbustGirth,
        Key::WaistGirth,
        Key::OmphalionGirth,
        Key::HipGirth,
        Key::ShoulderWidth,
        Key::ArmLength,
        Key::UpperArmGirth,
        Key::WristGirth,
        Key::InsideLeg,
        Key::ThighGirth,
        Key::KneeGirth,
        Key::CalfGirth,
        Key::AnkleGirth,
        Key::HeadGirth,
        Key::WeightKg,
    ];

    /// The JSON key, e.g. `"chest_girth"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Key::Stature => "stature",
            Key::NeckGirth => "neck_girth",
            Key::ChestGirth => "chest_girth",
            Key::UnderbustGirth => "underbust_girth",
            Key::WaistGirth => "waist_girth",
            Key::OmphalionGirth => "omphalion_girth",
            Key::HipGirth => "hip_girth",
            Key::ShoulderWidth => "shoulder_width",
            Key::ArmLength => "arm_length",
            Key::UpperArmGirth => "upper_arm_girth",
            Key::WristGirth => "wrist_girth",
            Key::InsideLeg => "inside_leg",
            Key::ThighGirth => "thigh_girth",
            Key::KneeGirth => "knee_girth",
            Key::CalfGirth => "calf_girth",
            Key::AnkleGirth => "ankle_girth",
            Key::HeadGirth => "head_girth",
            Key::WeightKg => "weight_kg",
        }
    }

    /// Parses a JSON key; `bust_girth` is accepted as an alias of `chest_girth`.
    pub fn parse(name: &str) -> Option<Key> {
        if name == "bust_girth" {
            return Some(Key::ChestGirth);
        }
        Key::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Index into [`Key::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Whether the tape goes around the body (a girth) rather than along it.
    pub fn is_girth(self) -> bool {
        !matches!(
            self,
            Key::Stature | Key::ShoulderWidth | Key::ArmLength | Key::InsideLeg | Key::WeightKg
        )
    }

    /// Whether the value is a length in cm (everything but the weight).
    pub fn is_length(self) -> bool {
        self != Key::WeightKg
    }
}

/// Bust (female) or chest (male) shape of the torso.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// Female torso with a bust; assumed when the form is not given.
    #[default]
    Female,
    /// Male torso with a flatter chest.
    Male,
}

/// The unit lengths are written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Centimetres (the default).
    #[default]
    Cm,
    /// Inches (2.54 cm).
    In,
}

impl Unit {
    /// Centimetres per one of this unit.
    pub fn cm_per_unit(self) -> f64 {
        match self {
            Unit::Cm => 1.0,
            Unit::In => 2.54,
        }
    }
}

/// What the shopper typed: any subset of the keys (only `stature` is required to build a body).
/// Lengths are stored in cm, whatever unit the file used.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Measurements {
    /// Bust or chest form; `None` means not given (female is then assumed and reported as such).
    pub form: Option<Form>,
    /// The unit the shopper prefers to see; values here are always cm.
    pub unit: Unit,
    /// Typed values, cm or kg.
    pub values: BTreeMap<Key, f64>,
    /// Typed caliper figures of the trunk (only [`ShapeVar::TYPABLE`]), cm; usually none.
    pub shape: BTreeMap<ShapeVar, f64>,
}

impl Measurements {
    /// A set with only the stature and the form.
    pub fn new(form: Form, stature_cm: f64) -> Self {
        let mut values = BTreeMap::new();
        values.insert(Key::Stature, stature_cm);
        Measurements {
            form: Some(form),
            unit: Unit::Cm,
            values,
            shape: BTreeMap::new(),
        }
    }

    /// The typed value of `key` in cm (kg for the weight).
    pub fn get(&self, key: Key) -> Option<f64> {
        self.values.get(&key).copied()
    }

    /// Sets a typed value in cm (kg for the weight).
    pub fn set(&mut self, key: Key, value: f64) {
        self.values.insert(key, value);
    }
}

/// Whether a resolved value was typed by the shopper or predicted from the typed ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Typed by the shopper; used exactly as typed.
    Typed,
    /// Predicted by the survey model from the typed values (for the form: assumed to be
    /// female).
    Predicted,
}

/// A complete, validated measurement set: what the avatar is built from.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    /// Bust or chest form the body is built with (female when none was typed).
    pub form: Form,
    /// Whether the form was typed or assumed.
    pub form_source: Source,
    /// Values in cm (kg for the weight), indexed by [`Key::index`].
    pub values: [f64; Key::COUNT],
    /// Whether each value was typed or predicted, indexed by [`Key::index`].
    pub sources: [Source; Key::COUNT],
    /// Body proportions that are not measurements (landmark heights, depths), predicted from them.
    pub shape: Shape,
}

impl Resolved {
    /// The value of `key` in cm (kg for the weight).
    pub fn get(&self, key: Key) -> f64 {
        self.values[key.index()]
    }

    /// Whether the value of `key` was typed or predicted.
    pub fn source(&self, key: Key) -> Source {
        self.sources[key.index()]
    }
}

/// Validates the typed values and predicts every missing one.
///
/// Errors name the key and the reason; warnings do not stop the resolution.
pub fn resolve(typed: &Measurements) -> Result<Resolved, Vec<Issue>> {
    predict::resolve(typed)
}
