//! The parametric body: a closed, manifold triangle mesh of a whole person in A-pose (metres,
//! +Y up, facing +Z, feet on y = 0) whose tape measurements equal the resolved measurements.
//! Every body has the same topology, so garments can bind to vertex indices.

use crate::measurements::{Key, Resolved};
use glam::{Vec2, Vec3};

/// Triangle mesh of the avatar.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BodyMesh {
    pub positions: Vec<Vec3>,
    pub normals: Vec<Vec3>,
    pub uvs: Vec<Vec2>,
    /// Counter-clockwise triangles (outward normals).
    pub indices: Vec<u32>,
}

/// Where a tailor lays the tape for one measurement.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TapePlacement {
    /// Around the body part in the plane through `origin` (a point inside that part's
    /// cross-section) with unit `normal`.
    Girth { origin: Vec3, normal: Vec3 },
    /// A straight distance between two surface points (vertex indices).
    Length { from: u32, to: u32 },
    /// From the top of the head down to the floor below it.
    Height { top: u32 },
}

/// A built avatar: its mesh and where each measurement is taken on it.
#[derive(Clone, Debug)]
pub struct Avatar {
    pub mesh: BodyMesh,
    /// One placement per length key (every key but `weight_kg`), in [`Key::ALL`] order.
    pub tapes: Vec<(Key, TapePlacement)>,
}

/// Builds the avatar for a resolved measurement set.
pub fn build(_m: &Resolved) -> Avatar {
    todo!()
}
