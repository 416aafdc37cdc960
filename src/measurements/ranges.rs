//! The tables the plausibility checks read: each key's plausible range, the shares of the
//! stature, the body-mass index bounds, the pairs of girths no body breaks, and the girths that
//! predict the weight. The rules that apply them are `validate.rs`; `consistency.rs` keeps the
//! predicted values inside the same bounds.

use super::Key;
use super::issue::BodyRule;

/// The plausible adult range of a key, cm (kg for the weight): ANSUR II's extremes with a wide
/// margin, so petite to plus-size bodies pass. Outside it a value is an error.
pub fn plausible_range(key: Key) -> (f64, f64) {
    match key {
        Key::Stature => (100.0, 230.0),
        Key::NeckGirth => (25.0, 60.0),
        Key::ChestGirth => (60.0, 200.0),
        Key::UnderbustGirth => (55.0, 180.0),
        Key::WaistGirth => (45.0, 200.0),
        Key::OmphalionGirth => (50.0, 210.0),
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
    pub rule: BodyRule,
    pub a: Key,
    pub b: Key,
    pub factor: f64,
    pub equal_ok: bool,
}

/// Every [`Below`] rule; an issue is reported on `a`.
pub(crate) const BELOW: [Below; 11] = [
    Below {
        rule: BodyRule::UnderbustBelowChest,
        a: Key::UnderbustGirth,
        b: Key::ChestGirth,
        factor: 1.0,
        equal_ok: true,
    },
    Below {
        rule: BodyRule::ShouldersBelowHalfChest,
        a: Key::ShoulderWidth,
        b: Key::ChestGirth,
        factor: 0.5,
        equal_ok: true,
    },
    Below {
        rule: BodyRule::NeckBelowHalfChest,
        a: Key::NeckGirth,
        b: Key::ChestGirth,
        factor: 0.5,
        equal_ok: false,
    },
    Below {
        rule: BodyRule::WristBelowUpperArm,
        a: Key::WristGirth,
        b: Key::UpperArmGirth,
        factor: 1.0,
        equal_ok: false,
    },
    Below {
        rule: BodyRule::AnkleBelowCalf,
        a: Key::AnkleGirth,
        b: Key::CalfGirth,
        factor: 1.0,
        equal_ok: false,
    },
    Below {
        rule: BodyRule::KneeBelowThigh,
        a: Key::KneeGirth,
        b: Key::ThighGirth,
        factor: 1.0,
        equal_ok: false,
    },
    Below {
        rule: BodyRule::CalfBelowThigh,
        a: Key::CalfGirth,
        b: Key::ThighGirth,
        factor: 1.0,
        equal_ok: false,
    },
    Below {
        rule: BodyRule::ThighBelowHip,
        a: Key::ThighGirth,
        b: Key::HipGirth,
        factor: 1.0,
        equal_ok: false,
    },
    Below {
        rule: BodyRule::AnkleBelowThigh,
        a: Key::AnkleGirth,
        b: Key::ThighGirth,
        factor: 1.0,
        equal_ok: false,
    },
    Below {
        rule: BodyRule::CalfBelowHip,
        a: Key::CalfGirth,
        b: Key::HipGirth,
        factor: 1.0,
        equal_ok: false,
    },
    Below {
        rule: BodyRule::KneeBelowHip,
        a: Key::KneeGirth,
        b: Key::HipGirth,
        factor: 1.0,
        equal_ok: false,
    },
];

/// Girths that, with the stature, predict the weight well.
pub(crate) const WEIGHT_GIRTHS: [Key; 6] = [
    Key::ChestGirth,
    Key::WaistGirth,
    Key::HipGirth,
    Key::ThighGirth,
    Key::UpperArmGirth,
    Key::NeckGirth,
];
