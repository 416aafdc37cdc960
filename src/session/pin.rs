//! Where a stylist's note sits on the avatar. The stylist picks a spot by name (the chest at the
//! back, the left thigh at the front …) or clicks the avatar; [`point`] (or [`hit`], along the
//! click's ray) turns it into a point on the surface of the avatar the stylist sees, which
//! travels with the note ([`super::protocol::Message::Pin`]).
//! The shopper's avatar differs from it wherever a measurement was not shared, so the receiving
//! side puts the note on the nearest point of its own avatar ([`on_surface`]).

use crate::body::Avatar;
use crate::fit::anatomy::Anatomy;
use crate::geometry::{TriangleBvh, TriangleMesh};
use glam::Vec3;

/// A spot a note can be pinned at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Spot {
    /// The left shoulder point (acromion).
    Shoulder,
    /// The chest, at the chest tape's height.
    #[default]
    Chest,
    /// The natural waist.
    Waist,
    /// The hip, at the hip tape's height.
    Hip,
    /// The left thigh, at the thigh tape's height.
    Thigh,
}

impl Spot {
    /// Every spot, top to bottom.
    pub const ALL: [Spot; 5] = [
        Spot::Shoulder,
        Spot::Chest,
        Spot::Waist,
        Spot::Hip,
        Spot::Thigh,
    ];
}

/// Which side of the body a note is pinned on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Facing {
    /// The front (+z: the avatar looks along +z).
    #[default]
    Front,
    /// The back.
    Back,
}

/// How far above or below a spot's height a vertex may lie to stand for it, metres.
const BAND: f32 = 0.02;

/// The point on `avatar`'s surface at `spot`, on the side `facing`: the vertex within a band
/// about the spot's height that lies farthest forward (or back) near the spot's centre line.
pub fn point(avatar: &Avatar, spot: Spot, facing: Facing) -> Vec3 {
    let anatomy = Anatomy::new(avatar);
    let (centre, half_width) = match spot {
        Spot::Shoulder => return anatomy.acromion[0],
        Spot::Chest => (anatomy.chest.origin, 0.04),
        Spot::Waist => (anatomy.waist.origin, 0.04),
        Spot::Hip => (anatomy.hip.origin, 0.04),
        Spot::Thigh => (anatomy.thigh[0].origin, 0.03),
    };
    let sign = match facing {
        Facing::Front => 1.0,
        Facing::Back => -1.0,
    };
    avatar
        .mesh
        .positions
        .iter()
        .filter(|p| (p.y - centre.y).abs() < BAND && (p.x - centre.x).abs() < half_width)
        .max_by(|a, b| (sign * a.z).total_cmp(&(sign * b.z)))
        .copied()
        .unwrap_or(centre)
}

/// The vertex of `mesh` nearest to `at` and its outward normal (`at` itself, facing forward,
/// on an empty mesh).
pub fn on_surface(mesh: &TriangleMesh, at: Vec3) -> (Vec3, Vec3) {
    mesh.positions
        .iter()
        .enumerate()
        .min_by(|(_, a), (_, b)| a.distance_squared(at).total_cmp(&b.distance_squared(at)))
        .map(|(i, &p)| (p, mesh.normals.get(i).copied().unwrap_or(Vec3::Z)))
        .unwrap_or((at, Vec3::Z))
}

/// Where the ray from `origin` along `direction` (a click's, in the avatar's coordinates) first
/// meets `mesh` from outside: the nearest crossing ahead of the origin. `None` where it misses.
pub fn hit(mesh: &TriangleMesh, origin: Vec3, direction: Vec3) -> Option<Vec3> {
    let length = direction.length();
    if length <= 0.0 || !length.is_finite() || !origin.is_finite() {
        return None;
    }
    let bvh = TriangleBvh::new(&mesh.positions, &mesh.indices);
    let mut nearest: Option<f32> = None;
    // Far enough for any camera: 1 km.
    bvh.crossings(origin, direction / length, (0.0, 1000.0), |c| {
        if nearest.is_none_or(|t| c.t < t) {
            nearest = Some(c.t);
        }
    });
    nearest.map(|t| origin + direction / length * t)
}
