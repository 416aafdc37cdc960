//! Prediction of missing measurements and body proportions from the typed ones: a multivariate
//! normal model per form fitted on the ANSUR II survey, conditioned on what is known.
// (implementation in progress)
use super::*;

/// Body proportions that the avatar needs but the shopper does not type, in cm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ShapeVar {
    AcromialHeight,
    AxillaHeight,
    ChestHeight,
    WaistHeight,
    ButtockHeight,
    KneeHeight,
    AnkleHeight,
    CervicaleHeight,
    ChestBreadth,
    ChestDepth,
    WaistBreadth,
    WaistDepth,
    HipBreadth,
    ButtockDepth,
    FootLength,
    FootBreadth,
    HandLength,
    HandBreadth,
    HeadBreadth,
    HeadLength,
    TragionTopOfHead,
}

/// Predicted proportions, cm, indexed by `ShapeVar as usize`.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    pub values: [f64; 21],
}

impl Shape {
    pub fn get(&self, var: ShapeVar) -> f64 {
        self.values[var as usize]
    }
}

pub(super) fn resolve(_typed: &Measurements) -> Result<Resolved, Vec<Issue>> {
    todo!()
}
