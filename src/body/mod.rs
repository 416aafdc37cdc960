//! The parametric body: a closed, manifold triangle mesh of a whole person in A-pose (metres,
//! +Y up, facing +Z, feet on y = 0) whose tape measurements equal the resolved measurements.
//! Every body has the same topology, so garments can bind to vertex indices.

mod face;
pub mod hair;
mod limbs;
mod mesh;
pub mod pose;
mod proportions;
mod section;
mod torso;

use crate::geometry::{Plane, TriangleMesh};
use crate::measurements::{Key, Resolved};
use glam::Vec3;
pub use limbs::LimbBones;
use mesh::MeshBuilder;
use proportions::Proportions;

/// Where a tailor lays the tape for one measurement.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TapePlacement {
    /// Around the body part in the plane (its origin a point inside that part's cross-section,
    /// its normal unit).
    Girth(Plane),
    /// A straight distance between two surface points (vertex indices).
    Length {
        /// Index into the mesh positions of the tape's first end.
        from: u32,
        /// Index into the mesh positions of the tape's other end.
        to: u32,
    },
    /// From the top of the head down to the floor below it.
    Height {
        /// Index into the mesh positions of the top end: the crown for the stature, the crotch
        /// point for the inside leg.
        top: u32,
    },
}

/// A built avatar: its mesh and where each measurement is taken on it.
#[derive(Clone, Debug)]
pub struct Avatar {
    /// Closed and manifold, counter-clockwise triangles (outward normals).
    pub mesh: TriangleMesh,
    /// One placement per length key (every key but `weight_kg`), in [`Key::ALL`] order.
    pub tapes: Vec<(Key, TapePlacement)>,
    /// The joints the limbs turn about, for posing the body as another pose ([`pose`]).
    pub skeleton: Skeleton,
}

impl Avatar {
    /// Where the tape for `key` is laid (`None` for `weight_kg`, which no tape takes).
    pub fn tape(&self, key: Key) -> Option<TapePlacement> {
        self.tapes.iter().find(|(k, _)| *k == key).map(|&(_, t)| t)
    }

    /// The plane of `key`'s tape where it goes round the body (`None` unless it is a girth).
    pub fn girth(&self, key: Key) -> Option<Plane> {
        match self.tape(key)? {
            TapePlacement::Girth(plane) => Some(plane),
            _ => None,
        }
    }
}

/// The limbs' joints and vertices: left arm, right arm; left leg, right leg; and the head.
#[derive(Clone, Debug, PartialEq)]
pub struct Skeleton {
    /// Left, then right arm: the shoulder, the elbow and the arm's vertices (hand included).
    pub arms: [LimbBones; 2],
    /// Left, then right leg: the hip, the knee and the leg's vertices (foot included).
    pub legs: [LimbBones; 2],
    /// The neck and the head, which turn about the neck.
    pub head: HeadBones,
}

/// The neck's and the head's vertices and where they turn: about the vertical through the neck
/// tape's centre, not at all at the neck tape (which stays exact), wholly from the chin up.
#[derive(Clone, Debug, PartialEq)]
pub struct HeadBones {
    /// From the neck tape's ring to the crown.
    pub vertices: std::ops::Range<u32>,
    /// The centre of the neck tape's ring (metres).
    pub pivot: Vec3,
    /// The neck tape's height and the chin's (metres): the turn eases in between them.
    pub from_y: f32,
    /// See `from_y`.
    pub to_y: f32,
}

/// How many vertices every avatar has (one topology for every body: garments bind to indices).
pub const VERTICES: usize = 17_970;
/// How many triangles every avatar has.
pub const TRIANGLES: usize = 35_936;

/// Builds the avatar for a resolved measurement set. Never panics: out-of-range values are
/// clamped into a buildable body (validation reports them before this point).
pub fn build(m: &Resolved) -> Avatar {
    build_with(m, MeshBuilder::with_capacity(VERTICES, TRIANGLES))
}

/// Builds `avatar` anew for `m` in the memory it holds (what a slider drag does: the mesh's
/// buffers are refilled, not allocated again). The same avatar as [`build`] makes.
pub fn rebuild(avatar: &mut Avatar, m: &Resolved) {
    let old = std::mem::take(&mut avatar.mesh);
    *avatar = build_with(m, MeshBuilder::reusing(old));
}

fn build_with(m: &Resolved, mut mesh: MeshBuilder) -> Avatar {
    let p = Proportions::new(m);
    let torso = torso::build(&mut mesh, &p);
    face::relief(&mut mesh, &torso, &p);
    let left_arm = limbs::arm(&mut mesh, &torso, &p, 1.0);
    let right_arm = limbs::arm(&mut mesh, &torso, &p, -1.0);
    let seam = limbs::crotch_seam(&mut mesh, &torso, &p);
    let left_leg = limbs::leg(&mut mesh, &torso, &seam, &p, 1.0);
    let right_leg = limbs::leg(&mut mesh, &torso, &seam, &p, -1.0);
    // The soles: everything below the floor is pressed flat onto it.
    for position in &mut mesh.positions {
        position.y = position.y.max(0.0);
    }
    let horizontal = |row: usize| {
        TapePlacement::Girth(Plane {
            origin: torso.centre(row),
            normal: Vec3::Y,
        })
    };
    let limb = |t: limbs::LimbTape| {
        TapePlacement::Girth(Plane {
            origin: t.centre,
            normal: t.normal,
        })
    };
    let tapes = Key::ALL
        .iter()
        .filter_map(|&key| {
            let placement = match key {
                Key::Stature => TapePlacement::Height { top: torso.crown },
                Key::NeckGirth => horizontal(torso.neck_row()),
                Key::ChestGirth => horizontal(torso.chest_row()),
                Key::UnderbustGirth => horizontal(torso.underbust_row()),
                Key::WaistGirth => horizontal(torso.waist_row()),
                Key::OmphalionGirth => horizontal(torso.navel_row()),
                Key::HipGirth => horizontal(torso.hip_row()),
                Key::ShoulderWidth => TapePlacement::Length {
                    from: torso.acromion(1.0),
                    to: torso.acromion(-1.0),
                },
                Key::ArmLength => TapePlacement::Length {
                    from: torso.acromion(1.0),
                    to: left_arm.stylion,
                },
                Key::UpperArmGirth => limb(left_arm.upper_arm),
                Key::WristGirth => limb(left_arm.wrist),
                Key::InsideLeg => TapePlacement::Height {
                    top: limbs::crotch_point(&seam),
                },
                Key::ThighGirth => limb(left_leg.thigh),
                Key::KneeGirth => limb(left_leg.knee),
                Key::CalfGirth => limb(left_leg.calf),
                Key::AnkleGirth => limb(left_leg.ankle),
                Key::HeadGirth => horizontal(torso.head_row()),
                Key::WeightKg => return None,
            };
            Some((key, placement))
        })
        .collect();
    Avatar {
        mesh: mesh.finish(),
        tapes,
        skeleton: Skeleton {
            arms: [left_arm.bones, right_arm.bones],
            legs: [left_leg.bones, right_leg.bones],
            head: HeadBones {
                vertices: torso.rows[torso.neck_row()][0].unwrap_or(torso.crown)..torso.crown + 1,
                pivot: torso.centre(torso.neck_row()),
                from_y: torso.heights[torso.neck_row()],
                to_y: torso.heights[torso.chin_row()],
            },
        },
    }
}
