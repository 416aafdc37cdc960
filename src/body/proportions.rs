//! The avatar's dimensions in metres: the measurements plus predicted landmark heights and
//! depths, clamped into an order every body has (ankle below knee below crotch …), so that the
//! mesh builder never sees a body that cannot be built.

use crate::measurements::{Form, Key, Resolved, ShapeVar};

/// Everything the mesh builder needs, in metres.
#[derive(Clone, Debug)]
pub(super) struct Proportions {
    pub form: Form,
    pub stature: f32,
    pub neck: f32,
    pub chest: f32,
    pub underbust: f32,
    /// The natural waist girth (the narrowest above the hip bone).
    pub waist: f32,
    /// The girth at the navel.
    pub navel: f32,
    pub hip: f32,
    pub shoulder_width: f32,
    pub arm_length: f32,
    pub upper_arm: f32,
    pub wrist: f32,
    pub inside_leg: f32,
    pub thigh: f32,
    pub knee: f32,
    pub calf: f32,
    pub ankle: f32,
    pub head: f32,
    // Landmark heights (y) from the floor.
    pub y_ankle_bone: f32,
    pub y_knee: f32,
    pub y_hip: f32,
    pub y_navel: f32,
    /// The natural waist's height (above the navel).
    pub y_waist: f32,
    pub y_chest: f32,
    pub y_axilla: f32,
    pub y_acromion: f32,
    pub y_cervicale: f32,
    // Caliper breadths and depths of the trunk (the survey's, predicted from the girths); the
    // waist's are taken at the navel.
    pub chest_breadth: f32,
    pub chest_depth: f32,
    pub waist_breadth: f32,
    pub waist_depth: f32,
    pub hip_breadth: f32,
    pub buttock_depth: f32,
    pub foot_length: f32,
    pub foot_breadth: f32,
    pub hand_length: f32,
    pub hand_breadth: f32,
    pub head_breadth: f32,
    pub head_length: f32,
    pub tragion_to_top: f32,
}

impl Proportions {
    pub fn new(m: &Resolved) -> Self {
        let cm = |k: Key| finite(m.get(k) as f32) / 100.0;
        let sh = |v: ShapeVar| finite(m.shape.get(v) as f32) / 100.0;
        let s = cm(Key::Stature).clamp(0.8, 2.5);
        let frac = |v: f32, lo: f32, hi: f32| v.clamp(lo * s, hi * s);
        let girth = |k: Key, lo: f32, hi: f32| frac(cm(k), lo, hi);

        let chest = girth(Key::ChestGirth, 0.2, 1.5);
        let hip = girth(Key::HipGirth, 0.25, 1.5);
        let waist = girth(Key::WaistGirth, 0.18, 1.5).min(hip * 2.0);
        let navel = girth(Key::OmphalionGirth, 0.18, 1.5).min(hip * 2.0);
        let inside_leg = girth(Key::InsideLeg, 0.33, 0.6);
        let thigh = girth(Key::ThighGirth, 0.12, 0.8).min(hip * 0.75);
        let knee = girth(Key::KneeGirth, 0.1, 0.5).min(thigh * 0.98);
        let calf = girth(Key::CalfGirth, 0.1, 0.5).min(thigh * 0.98);
        let ankle = girth(Key::AnkleGirth, 0.06, 0.3).min(calf * 0.95);
        let upper_arm = girth(Key::UpperArmGirth, 0.07, 0.5);
        let wrist = girth(Key::WristGirth, 0.04, 0.25).min(upper_arm * 0.95);

        // Landmark heights, each kept inside a band of stature and above the one below it.
        let gap = 0.015 * s;
        let y_ankle_bone = frac(sh(ShapeVar::AnkleHeight), 0.035, 0.06);
        let y_knee = frac(sh(ShapeVar::KneeHeight), 0.24, 0.33).min(inside_leg - 0.12 * s);
        let y_hip = frac(sh(ShapeVar::ButtockHeight), 0.0, 0.62).max(inside_leg + 0.015 * s);
        let y_navel = frac(sh(ShapeVar::NavelHeight), 0.52, 0.7).max(y_hip + 0.06 * s);
        let y_waist = frac(sh(ShapeVar::NaturalWaistHeight), 0.54, 0.72).max(y_navel + 0.01 * s);
        let y_acromion = frac(sh(ShapeVar::AcromialHeight), 0.76, 0.86).max(y_waist + 0.11 * s);
        let y_axilla = frac(sh(ShapeVar::AxillaHeight), 0.68, 0.8)
            .clamp(y_waist + 0.08 * s, y_acromion - 0.035 * s);
        let y_chest =
            frac(sh(ShapeVar::ChestHeight), 0.64, 0.78).clamp(y_waist + 0.06 * s, y_axilla - gap);
        let y_cervicale =
            frac(sh(ShapeVar::CervicaleHeight), 0.82, 0.89).max(y_acromion + 0.02 * s);

        // A breadth or depth as a share of its girth, kept to what a trunk section can have
        // (a girth is at least π/2 and at most 2 times breadth + depth).
        let across =
            |v: ShapeVar, girth: f32| frac(sh(v), 0.0, 1.0).clamp(0.18 * girth, 0.42 * girth);
        Proportions {
            form: m.form,
            stature: s,
            neck: girth(Key::NeckGirth, 0.1, 0.45),
            chest,
            underbust: girth(Key::UnderbustGirth, 0.18, 1.5).min(chest),
            waist,
            navel,
            hip,
            shoulder_width: girth(Key::ShoulderWidth, 0.15, 0.32),
            arm_length: girth(Key::ArmLength, 0.25, 0.45),
            upper_arm,
            wrist,
            inside_leg,
            thigh,
            knee,
            calf,
            ankle,
            head: girth(Key::HeadGirth, 0.15, 0.6),
            y_ankle_bone,
            y_knee,
            y_hip,
            y_navel,
            y_waist,
            y_chest,
            y_axilla,
            y_acromion,
            y_cervicale,
            chest_breadth: across(ShapeVar::ChestBreadth, chest),
            chest_depth: across(ShapeVar::ChestDepth, chest),
            waist_breadth: across(ShapeVar::WaistBreadth, navel),
            waist_depth: across(ShapeVar::WaistDepth, navel),
            hip_breadth: across(ShapeVar::HipBreadth, hip),
            buttock_depth: across(ShapeVar::ButtockDepth, hip),
            foot_length: frac(sh(ShapeVar::FootLength), 0.12, 0.18),
            foot_breadth: frac(sh(ShapeVar::FootBreadth), 0.045, 0.07),
            hand_length: frac(sh(ShapeVar::HandLength), 0.09, 0.13),
            hand_breadth: frac(sh(ShapeVar::HandBreadth), 0.04, 0.06),
            head_breadth: frac(sh(ShapeVar::HeadBreadth), 0.07, 0.11),
            head_length: frac(sh(ShapeVar::HeadLength), 0.09, 0.13),
            tragion_to_top: frac(sh(ShapeVar::TragionTopOfHead), 0.06, 0.09),
        }
    }
}

fn finite(v: f32) -> f32 {
    if v.is_finite() { v } else { 0.0 }
}
