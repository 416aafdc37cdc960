//! Another pose for the same body: the arms raised or lowered at the shoulder and swung forward,
//! the elbows bent forward, the legs set wider apart at the hip. Retailers model garments on
//! avatars that do not stand as ours does (`reference_body.pose` of a garment's metadata); a
//! garment is bound to its reference body posed as declared, so its sleeves and legs follow the
//! limbs back into our pose instead of being stretched there.
//!
//! Posing is linear blend skinning on the built mesh: each limb vertex is turned about the elbow
//! (arms) and about the shoulder or hip, with weights that ramp over the limb's blend rings from
//! the trunk and over a short stretch either side of the elbow. The topology does not change.

use super::section::smoothstep;
use super::{Avatar, LimbBones};
use crate::geometry::{TriangleBvh, TriangleMesh, vertex_normals};
use glam::{Quat, Vec3};
use serde::{Deserialize, Serialize};

/// The least and the most of each angle a pose may declare, degrees.
pub const ARM_ANGLE_RANGE: (f64, f64) = (20.0, 80.0);
/// See [`ARM_ANGLE_RANGE`].
pub const ARM_FORWARD_RANGE: (f64, f64) = (-10.0, 30.0);
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
    /// How far the upper arms are swung forward out of the body's side plane (the plane of the
    /// shoulders and hips), seen from the side: 0 = in that plane (Anprobe's avatar, see
    /// [`arm_forward_deg`]), positive in front of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arm_forward_deg: Option<f64>,
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
            && self.arm_forward_deg.is_none()
            && self.elbow_bend_deg.is_none()
            && self.leg_angle_deg.is_none()
    }

    /// Each angle given with its name and its allowed range, for checking.
    pub fn angles(&self) -> [(&'static str, Option<f64>, (f64, f64)); 4] {
        [
            ("arm_angle_deg", self.arm_angle_deg, ARM_ANGLE_RANGE),
            ("arm_forward_deg", self.arm_forward_deg, ARM_FORWARD_RANGE),
            ("elbow_bend_deg", self.elbow_bend_deg, ELBOW_BEND_RANGE),
            ("leg_angle_deg", self.leg_angle_deg, LEG_ANGLE_RANGE),
        ]
    }
}

/// How far an arm hangs below the horizontal, degrees.
pub fn arm_angle_deg(arm: &LimbBones) -> f64 {
    f64::from((-arm.axis.y).atan2(arm.axis.x.abs()).to_degrees())
}

/// How far an arm is swung forward out of the side plane, degrees.
pub fn arm_forward_deg(arm: &LimbBones) -> f64 {
    f64::from(arm.axis.z.clamp(-1.0, 1.0).asin().to_degrees())
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
    pose_positions(avatar, pose, &mut mesh.positions);
    mesh.normals = vertex_normals(&mesh.positions, mesh.indices.as_chunks().0, Vec3::Y);
    mesh
}

/// Moves `positions` (the avatar's own) into `pose`.
fn pose_positions(avatar: &Avatar, pose: &Pose, positions: &mut [Vec3]) {
    let clamp = |v: Option<f64>, (lo, hi): (f64, f64)| v.map(|v| v.clamp(lo, hi) as f32);
    let arm = clamp(pose.arm_angle_deg, ARM_ANGLE_RANGE);
    let forward = clamp(pose.arm_forward_deg, ARM_FORWARD_RANGE);
    let elbow = clamp(pose.elbow_bend_deg, ELBOW_BEND_RANGE).unwrap_or(0.0);
    let leg = clamp(pose.leg_angle_deg, LEG_ANGLE_RANGE);
    for (bones, side) in avatar.skeleton.arms.iter().zip([1.0f32, -1.0]) {
        // Raising the arm turns it about the forward axis, outwards for a positive angle.
        let raise = arm.map_or(0.0, |a| (arm_angle_deg(bones) as f32 - a).to_radians());
        let shoulder = Quat::from_rotation_z(side * raise);
        // Swinging it forward turns the raised arm towards +Z in the vertical plane through it,
        // which keeps its angle seen from the front.
        let shoulder = forward.map_or(shoulder, |f| {
            let swing = (f - arm_forward_deg(bones) as f32).to_radians();
            let across = (shoulder * bones.axis).cross(Vec3::Z).normalize_or_zero();
            Quat::from_axis_angle(across, swing) * shoulder
        });
        let bend_axis = bones.axis.cross(Vec3::Z).normalize_or_zero();
        let bend = Quat::from_axis_angle(bend_axis, elbow.to_radians());
        // The bend is spread over a few centimetres either side of the elbow.
        let s_elbow = (bones.middle - bones.root).dot(bones.axis);
        let reach = 0.12 * s_elbow;
        turn(positions, bones, |p, w_root| {
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
            turn(positions, bones, |p, w_root| {
                p.lerp(bones.root + hip * (p - bones.root), w_root)
            });
        }
    }
}

/// The pose a body's mesh stands in — a retailer's avatar travelling in a garment file, in the
/// garment's coordinates — read as the pose of `avatar` (the garment's reference body, built
/// from its measurements) whose limbs lie nearest to that mesh's surface: the arm angle, the
/// arms' swing forward and the elbow bend together, then the legs' angle, each on a coarse grid
/// over its allowed range and refined by degrees. Distances are capped at 5 cm, so a body of other proportions pulls the
/// limbs by their direction rather than by its outliers. An empty mesh gives the avatar's own
/// pose.
pub fn estimate(avatar: &Avatar, body: &TriangleMesh) -> Pose {
    const CAP: f32 = 0.05;
    let bvh = TriangleBvh::new(&body.positions, &body.indices);
    if bvh.is_empty() {
        return Pose::default();
    }
    // Every fifth vertex of each limb, per limb: the left and right one are compared apart.
    let sample = |limbs: &[LimbBones; 2]| -> [Vec<usize>; 2] {
        limbs
            .clone()
            .map(|b| b.vertices.step_by(5).map(|v| v as usize).collect())
    };
    let (arms, legs) = (sample(&avatar.skeleton.arms), sample(&avatar.skeleton.legs));
    let mut positions = avatar.mesh.positions.clone();
    // How far a limb's points lie from the body's surface, on average, once the limb is moved by
    // the mean of their offsets (the other body's joints lie elsewhere: wider shoulders, a
    // higher hip); each distance capped at `CAP`.
    let distance = |points: &[Vec3]| -> f32 {
        let offsets: Vec<Vec3> = points
            .iter()
            .filter_map(|&p| bvh.closest(p, CAP).map(|h| h.point - p))
            .collect();
        let shift = offsets.iter().sum::<Vec3>() / offsets.len().max(1) as f32;
        let sum: f32 = points
            .iter()
            .map(|&p| {
                bvh.closest(p + shift, CAP)
                    .map_or(CAP, |h| h.distance_squared.sqrt())
            })
            .sum();
        sum / points.len().max(1) as f32
    };
    let mut cost = |pose: &Pose, limbs: &[Vec<usize>; 2]| -> f32 {
        positions.copy_from_slice(&avatar.mesh.positions);
        pose_positions(avatar, pose, &mut positions);
        limbs
            .iter()
            .map(|which| {
                let points: Vec<Vec3> = which
                    .iter()
                    .filter_map(|&v| positions.get(v).copied())
                    .collect();
                distance(&points)
            })
            .sum::<f32>()
    };
    let arm_pose = |[arm, forward, elbow]: [f64; 3]| Pose {
        arm_angle_deg: Some(arm),
        arm_forward_deg: Some(forward),
        elbow_bend_deg: Some(elbow),
        leg_angle_deg: None,
    };
    // Arms: a grid of 10° on each angle (arm angle, swing forward, elbow), then each angle by
    // degrees about the best, twice.
    let ranges = [ARM_ANGLE_RANGE, ARM_FORWARD_RANGE, ELBOW_BEND_RANGE];
    let steps = [10.0, 10.0, 10.0];
    let (mut angles, mut best) = ([50.0, 0.0, 0.0], f32::INFINITY);
    for a in grid(ranges[0], steps[0]) {
        for f in grid(ranges[1], steps[1]) {
            for e in grid(ranges[2], steps[2]) {
                let c = cost(&arm_pose([a, f, e]), &arms);
                if c < best {
                    (angles, best) = ([a, f, e], c);
                }
            }
        }
    }
    for _ in 0..2 {
        for k in 0..3 {
            angles[k] = refine(angles[k], steps[k], ranges[k], |v| {
                let mut tried = angles;
                tried[k] = v;
                cost(&arm_pose(tried), &arms)
            });
        }
    }
    let leg_pose = |leg: f64| Pose {
        leg_angle_deg: Some(leg),
        ..Pose::default()
    };
    let mut leg = 0.0;
    let mut best = f32::INFINITY;
    for l in grid(LEG_ANGLE_RANGE, 2.0) {
        let c = cost(&leg_pose(l), &legs);
        if c < best {
            (leg, best) = (l, c);
        }
    }
    leg = refine(leg, 2.0, LEG_ANGLE_RANGE, |l| cost(&leg_pose(l), &legs));
    let [arm, forward, elbow] = angles;
    Pose {
        arm_angle_deg: Some(arm),
        arm_forward_deg: Some(forward),
        elbow_bend_deg: Some(elbow),
        leg_angle_deg: Some(leg),
    }
}

/// From the range's low end to its high end in steps of `step`.
fn grid((lo, hi): (f64, f64), step: f64) -> impl Iterator<Item = f64> {
    let n = ((hi - lo) / step).round() as usize;
    (0..=n).map(move |i| (lo + i as f64 * step).min(hi))
}

/// The value within `span` of `at` (and in `range`), by whole degrees, where `cost` is least.
fn refine(at: f64, span: f64, range: (f64, f64), mut cost: impl FnMut(f64) -> f32) -> f64 {
    let lo = (at - span).max(range.0);
    let hi = (at + span).min(range.1);
    let mut best = (at, cost(at));
    for v in grid((lo, hi), 1.0) {
        let c = cost(v);
        if c < best.1 {
            best = (v, c);
        }
    }
    best.0
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
