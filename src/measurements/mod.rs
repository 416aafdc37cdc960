//! The shopper's body measurements: keys named after ISO 8559-1 / EN 13402-1, units, the typed
//! (partial) set and the resolved (complete) set in which every missing value is predicted.

pub mod ansur;
mod consistency;
mod gaussian;
mod issue;
mod json;
mod predict;
mod ranges;
mod validate;

pub use issue::{BodyRule, Issue, IssueKind, IssueLevel, UnitSlip, in_unit, one_decimal, percent};
pub use json::JsonError;
pub use predict::{Shape, ShapeVar, resolve_with};
pub use ranges::plausible_range;
pub use validate::validate;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One body measurement. Girths and lengths are in cm, weight in kg.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Key {
    Stature,
    NeckGirth,
    ChestGirth,
    UnderbustGirth,
    WaistGirth,
    HipGirth,
    ShoulderWidth,
    ArmLength,
    UpperArmGirth,
    WristGirth,
    InsideLeg,
    ThighGirth,
    KneeGirth,
    CalfGirth,
    AnkleGirth,
    HeadGirth,
    WeightKg,
}

impl Key {
    /// Every key, in the order of the measurements panel and the report.
    pub const ALL: [Key; 17] = [
        Key::Stature,
        Key::NeckGirth,
        Key::ChestGirth,
        Key::UnderbustGirth,
        Key::WaistGirth,
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
    #[default]
    Female,
    Male,
}

/// The unit lengths are written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    #[default]
    Cm,
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
    Typed,
    Predicted,
}

/// A complete, validated measurement set: what the avatar is built from.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    pub form: Form,
    /// Whether the form was typed or assumed.
    pub form_source: Source,
    /// Values in cm (kg for the weight), indexed by [`Key::index`].
    pub values: [f64; 17],
    pub sources: [Source; 17],
    /// Body proportions that are not measurements (landmark heights, depths), predicted from them.
    pub shape: Shape,
}

impl Resolved {
    /// The value of `key` in cm (kg for the weight).
    pub fn get(&self, key: Key) -> f64 {
        self.values[key.index()]
    }

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
