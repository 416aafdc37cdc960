//! Tests: measurements — JSON files, validation, prediction and the ANSUR II model. Shared
//! example bodies live here; each submodule tests one concern.

// Paths spelled out: Cargo also builds this file as a crate of its own (auto-discovered tests),
// and `#[path]` resolves the same way from a crate root and from a module file.
#[path = "measurements/calipers.rs"]
mod calipers;
#[path = "measurements/json.rs"]
mod json;
#[path = "measurements/model.rs"]
pub mod model;
#[path = "measurements/predict.rs"]
mod predict;
#[path = "measurements/validate.rs"]
mod validate;

use anprobe::measurements::{Form, Key, Measurements};

/// A typed set with the form and the given values (cm, kg).
pub fn body(form: Form, values: &[(Key, f64)]) -> Measurements {
    let mut m = Measurements {
        form: Some(form),
        ..Default::default()
    };
    for &(k, v) in values {
        m.set(k, v);
    }
    m
}

/// Every key of an average ANSUR II woman (cm, kg).
pub fn average_female() -> Measurements {
    use Key::*;
    body(
        Form::Female,
        &[
            (Stature, 163.0),
            (NeckGirth, 33.0),
            (ChestGirth, 95.0),
            (UnderbustGirth, 83.0),
            (WaistGirth, 79.0),
            (OmphalionGirth, 86.0),
            (HipGirth, 102.0),
            (ShoulderWidth, 36.6),
            (ArmLength, 55.3),
            (UpperArmGirth, 30.6),
            (WristGirth, 15.5),
            (InsideLeg, 78.3),
            (ThighGirth, 61.7),
            (KneeGirth, 40.1),
            (CalfGirth, 37.4),
            (AnkleGirth, 21.6),
            (HeadGirth, 56.2),
            (WeightKg, 68.0),
        ],
    )
}

/// A petite woman, 150 cm.
pub fn petite() -> Measurements {
    use Key::*;
    body(
        Form::Female,
        &[
            (Stature, 150.0),
            (NeckGirth, 30.0),
            (ChestGirth, 80.0),
            (UnderbustGirth, 68.0),
            (WaistGirth, 57.0),
            (OmphalionGirth, 62.0),
            (HipGirth, 86.0),
            (ShoulderWidth, 34.0),
            (ArmLength, 48.0),
            (UpperArmGirth, 24.0),
            (WristGirth, 14.0),
            (InsideLeg, 68.0),
            (ThighGirth, 50.0),
            (KneeGirth, 34.0),
            (CalfGirth, 32.0),
            (AnkleGirth, 20.0),
            (HeadGirth, 53.0),
            (WeightKg, 45.0),
        ],
    )
}

/// A plus-size woman, 165 cm, 125 kg.
pub fn plus_size() -> Measurements {
    use Key::*;
    body(
        Form::Female,
        &[
            (Stature, 165.0),
            (NeckGirth, 40.0),
            (ChestGirth, 130.0),
            (UnderbustGirth, 112.0),
            (WaistGirth, 110.0),
            (OmphalionGirth, 120.0),
            (HipGirth, 145.0),
            (ShoulderWidth, 42.0),
            (ArmLength, 56.0),
            (UpperArmGirth, 45.0),
            (WristGirth, 19.0),
            (InsideLeg, 74.0),
            (ThighGirth, 80.0),
            (KneeGirth, 55.0),
            (CalfGirth, 50.0),
            (AnkleGirth, 27.0),
            (HeadGirth, 57.0),
            (WeightKg, 125.0),
        ],
    )
}

/// A tall man, 205 cm.
pub fn tall() -> Measurements {
    use Key::*;
    body(
        Form::Male,
        &[
            (Stature, 205.0),
            (NeckGirth, 42.0),
            (ChestGirth, 115.0),
            (UnderbustGirth, 107.0),
            (WaistGirth, 92.0),
            (OmphalionGirth, 95.0),
            (HipGirth, 110.0),
            (ShoulderWidth, 48.0),
            (ArmLength, 72.0),
            (UpperArmGirth, 37.0),
            (WristGirth, 19.0),
            (InsideLeg, 98.0),
            (ThighGirth, 63.0),
            (KneeGirth, 45.0),
            (CalfGirth, 42.0),
            (AnkleGirth, 25.0),
            (HeadGirth, 60.0),
            (WeightKg, 105.0),
        ],
    )
}

/// The normal bodies every check must accept without a word.
pub fn normal_bodies() -> Vec<(&'static str, Measurements)> {
    vec![
        ("average female", average_female()),
        ("petite", petite()),
        ("plus-size", plus_size()),
        ("tall male", tall()),
    ]
}
