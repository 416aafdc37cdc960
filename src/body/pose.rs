//! Another pose for the same body: the arms raised or lowered at the shoulder, the elbows bent
//! forward, the legs set wider apart at the hip. Retailers model garments on avatars that do not
//! stand as ours does (`reference_body.pose` of a garment's metadata); a garment is bound to its
//! reference body posed as declared, so its sleeves and legs follow the limbs back into our pose
//! instead of being stretched there.
//!
//! Posing is linear blend skinning on the built mesh: each limb vertex is turned about the elbow
//! (arms) and about the shoulder or hip, with weights that ramp over the limb's blend rings from
//! the trunk and over a short stretch either side of the elbow. The topology does not change.

use super::section::smoothstep;
use super::{Avatar, LimbBones};
use crate::geometry::{TriangleMesh, vertex_normals};
use glam::{Quat, Vec3};
use serde::{Deserialize, Serialize};

/// The least and the most of each angle a pose may declare, degrees.
pub const ARM_ANGLE_RANGE: (f64, f64) = (20.0, 80.0);
/// See [`ARM_ANGLE_RANGE`].
pub const ELBOW_BEND_RANGE: (f64, f64) = (0.0, 90.0);
/// See [`ARM_ANGLE_RANGE`].
pub const LEG_ANGLE_RANGE: (f64, f64) = (0.0, 20.0);

/// A body's pose, each angle in degrees; an angle not given is the avatar's own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pose {
    /// How far the upper arms hang below the horizontal, seen from the front (0 = a T-pose,
    /// 90 = arms at the sides; Anprobe's avatar: 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arm_angle_deg: Option<f64>,
    /// How far the forearms are bent forward at the elbow from the straight arm (0 = straight,
    /// Anprobe's avatar).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elbow_bend_deg: Option<f64>,
    /// How far each leg stands out from the vertical, seen from the front (hip joint to ankle;
    /// Anprobe's avatar: about 1.5, see [`leg_angle_deg`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leg_angle_deg: Option<f64>,
}

impl Pose {
    /// Whether every angle is the avatar's own (none given).
    pub fn is_own(&self) -> bool {
        self.arm_angle_deg.is_none()
            && self.elbow_bend_deg.is_none()
            && self.leg_angle_deg.is_none()
    }

    /// Each angle given with its name and its allowed range, for checking.
    pub fn angles(&self) -> [(&'static str, Option<f64>, (f64, f64)); 3] {
        [
            ("arm_angle_deg", self.arm_angle_deg, ARM_ANGLE_RANGE),
            ("elbow_bend_deg", self.elbow_bend_deg, ELBOW_BEND_RANGE),
            ("leg_angle_deg", self.leg_angle_deg, LEG_ANGLE_RANGE),
        ]
    }
}

/// How far an arm hangs below the horizontal, degrees.
pub fn arm_angle_deg(arm: &LimbBones) -> f64 {
    f64::from((-arm.axis.y).atan2(arm.axis.x.abs()).to_degrees())
}

/// How far a leg stands out from the vertical, degrees (hip joint to ankle, seen from the front).
pub fn leg_angle_deg(leg: &LimbBones) -> f64 {
    f64::from(leg.axis.x.abs().atan2(-leg.axis.y).to_degrees())
}

/// The avatar's mesh in `pose` (normals recomputed); the avatar's own mesh where the pose
/// declares nothing. Angles outside their ranges are clamped into them.
pub fn posed_mesh(avatar: &Avatar, pose: &Pose) -> TriangleMesh {
    let mut mesh = avatar.mesh.clone();
    if pose.is_own() {
        return mesh;
    }
    let clamp = |v: Option<f64>, (lo, hi): (f64, f64)| v.map(|v| v.clamp(lo, hi) as f32);
    let arm = clamp(pose.arm_angle_deg, ARM_ANGLE_RANGE);
    let elbow = clamp(pose.elbow_bend_deg, ELBOW_BEND_RANGE).unwrap_or(0.0);
    let leg = clamp(pose.leg_angle_deg, LEG_ANGLE_RANGE);
    for (bones, side) in avatar.skeleton.arms.iter().zip([1.0f32, -1.0]) {
        // Raising the arm turns it about the forward axis, outwards for a positive angle.
        let raise = arm.map_or(0.0, |a| (arm_angle_deg(bones) as f32 - a).to_radians());
        let shoulder = Quat::from_rotation_z(side * raise);
        let bend_axis = bones.axis.cross(Vec3::Z).normalize_or_zero();
        let bend = Quat::from_axis_angle(bend_axis, elbow.to_radians());
        // The bend is spread over a few centimetres either side of the elbow.
        let s_elbow = (bones.middle - bones.root).dot(bones.axis);
        let reach = 0.12 * s_elbow;
        turn(&mut mesh.positions, bones, |p, w_root| {
            let s = (p - bones.root).dot(bones.axis);
            let w_elbow = smoothstep((s - (s_elbow - reach)) / (2.0 * reach));
            let bent = p.lerp(bones.middle + bend * (p - bones.middle), w_elbow);
            bent.lerp(bones.root + shoulder * (bent - bones.root), w_root)
        });
    }
    if let Some(target) = leg {
        for (bones, side) in avatar.skeleton.legs.iter().zip([1.0f32, -1.0]) {
            let out = (target - leg_angle_deg(bones) as f32).to_radians();
            let hip = Quat::from_rotation_z(side * out);
            turn(&mut mesh.positions, bones, |p, w_root| {
                p.lerp(bones.root + hip * (p - bones.root), w_root)
            });
        }
    }
    mesh.normals = vertex_normals(&mesh.positions, mesh.indices.as_chunks().0, Vec3::Y);
    mesh
}

/// Moves each vertex of a limb by `at(position, weight of the root joint)`; the root's weight
/// ramps from 0 at the trunk's opening over the blend rings to 1 on the limb itself.
fn turn(positions: &mut [Vec3], bones: &LimbBones, at: impl Fn(Vec3, f32) -> Vec3) {
    let ring = (bones.blend.len() as u32 / bones.blend_rings.max(1)).max(1);
    for v in bones.vertices.clone() {
        let w = if bones.blend.contains(&v) {
            let i = (v - bones.blend.start) / ring + 1;
            smoothstep(i as f32 / (bones.blend_rings + 1) as f32)
        } else {
            1.0
        };
        if let Some(p) = positions.get_mut(v as usize) {
            *p = at(*p, w);
        }
    }
}
