//! Another pose for the same body: the arms raised or lowered at the shoulder and swung forward,
//! the elbows bent forward, the legs set wider apart and swung forward at the hip, the knees
//! bent, the head turned. Retailers model garments on
//! avatars that do not stand as ours does (`reference_body.pose` of a garment's metadata); a
//! garment is bound to its reference body posed as declared, so its sleeves and legs follow the
//! limbs back into our pose instead of being stretched there.
//!
//! Posing is linear blend skinning on the built mesh: each limb vertex is turned about the elbow
//! or the knee and about the shoulder or hip, with weights that ramp over the limb's blend rings
//! from the trunk and over a short stretch either side of the middle joint. The topology does not change.

use super::section::smoothstep;
use super::{Avatar, HeadBones, LimbBones};
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
/// See [`ARM_ANGLE_RANGE`].
pub const LEG_FORWARD_RANGE: (f64, f64) = (-10.0, 20.0);
/// See [`ARM_ANGLE_RANGE`].
pub const KNEE_BEND_RANGE: (f64, f64) = (0.0, 30.0);
/// See [`ARM_ANGLE_RANGE`].
pub const HEAD_TURN_RANGE: (f64, f64) = (-45.0, 45.0);

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
    /// How far the thighs are swung forward out of the body's side plane, seen from the side (hip
    /// joint to knee; 0 = in that plane, Anprobe's avatar, see [`leg_forward_deg`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leg_forward_deg: Option<f64>,
    /// How far the lower legs are bent back at the knee from the straight leg (0 = straight,
    /// Anprobe's avatar). A body standing on bent knees has its thighs swung forward by about
    /// half as much.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub knee_bend_deg: Option<f64>,
    /// How far the head is turned about the vertical, seen from above: positive to the body's
    /// left, negative to its right (0 = facing forward, Anprobe's avatar). The neck turns with
    /// it from the neck tape up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head_turn_deg: Option<f64>,
}

impl Pose {
    /// Whether every angle is the avatar's own (none given).
    pub fn is_own(&self) -> bool {
        self.arm_angle_deg.is_none()
            && self.arm_forward_deg.is_none()
            && self.elbow_bend_deg.is_none()
            && self.leg_angle_deg.is_none()
            && self.leg_forward_deg.is_none()
            && self.knee_bend_deg.is_none()
            && self.head_turn_deg.is_none()
    }

    /// Each angle given with its name and its allowed range, for checking.
    pub fn angles(&self) -> [(&'static str, Option<f64>, (f64, f64)); 7] {
        [
            ("arm_angle_deg", self.arm_angle_deg, ARM_ANGLE_RANGE),
            ("arm_forward_deg", self.arm_forward_deg, ARM_FORWARD_RANGE),
            ("elbow_bend_deg", self.elbow_bend_deg, ELBOW_BEND_RANGE),
            ("leg_angle_deg", self.leg_angle_deg, LEG_ANGLE_RANGE),
            ("leg_forward_deg", self.leg_forward_deg, LEG_FORWARD_RANGE),
            ("knee_bend_deg", self.knee_bend_deg, KNEE_BEND_RANGE),
            ("head_turn_deg", self.head_turn_deg, HEAD_TURN_RANGE),
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

/// How far a thigh is swung forward out of the side plane, degrees (hip joint to knee).
pub fn leg_forward_deg(leg: &LimbBones) -> f64 {
    let thigh = (leg.middle - leg.root).normalize_or(Vec3::NEG_Y);
    f64::from(thigh.z.clamp(-1.0, 1.0).asin().to_degrees())
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
    // Where the pose declares nothing for the arms (or the legs), they stay as they are.
    if arm.is_some() || forward.is_some() || elbow != 0.0 {
        for (bones, side) in avatar.skeleton.arms.iter().zip([1.0f32, -1.0]) {
            // Raising the arm turns it about the forward axis, outwards for a positive angle.
            let raise = arm.map_or(0.0, |a| (arm_angle_deg(bones) as f32 - a).to_radians());
            let swing = forward.map(|f| (f - arm_forward_deg(bones) as f32).to_radians());
            let shoulder = root_turn(bones, side * raise, swing);
            // The elbow bends the forearm forward.
            turn_limb(positions, bones, elbow.to_radians(), shoulder);
        }
    }
    let (leg, leg_forward) = (
        clamp(pose.leg_angle_deg, LEG_ANGLE_RANGE),
        clamp(pose.leg_forward_deg, LEG_FORWARD_RANGE),
    );
    let knee = clamp(pose.knee_bend_deg, KNEE_BEND_RANGE).unwrap_or(0.0);
    if leg.is_some() || leg_forward.is_some() || knee != 0.0 {
        for (bones, side) in avatar.skeleton.legs.iter().zip([1.0f32, -1.0]) {
            // Standing wider turns the leg outwards about the forward axis.
            let out = leg.map_or(0.0, |l| (l - leg_angle_deg(bones) as f32).to_radians());
            let swing = leg_forward.map(|f| (f - leg_forward_deg(bones) as f32).to_radians());
            let hip = root_turn(bones, side * out, swing);
            // The knee bends the lower leg back.
            turn_limb(positions, bones, -knee.to_radians(), hip);
        }
    }
    if let Some(turn) = clamp(pose.head_turn_deg, HEAD_TURN_RANGE).filter(|&t| t != 0.0) {
        turn_head(positions, &avatar.skeleton.head, turn.to_radians());
    }
}

/// Turns the head by `turn` radians about the vertical through the neck's pivot (positive to
/// the body's left), the neck by a share that eases in from the neck tape to the chin.
fn turn_head(positions: &mut [Vec3], head: &HeadBones, turn: f32) {
    let span = (head.to_y - head.from_y).max(1e-4);
    for v in head.vertices.clone() {
        if let Some(p) = positions.get_mut(v as usize) {
            let share = smoothstep((p.y - head.from_y) / span);
            if share > 0.0 {
                *p = head.pivot + Quat::from_rotation_y(turn * share) * (*p - head.pivot);
            }
        }
    }
}

/// The turn of a limb at its root joint: about the forward axis by `across` (radians, positive
/// turning an arm on the left up), then forward by `swing` in the vertical plane through the
/// turned limb, which keeps its angle seen from the front.
fn root_turn(bones: &LimbBones, across: f32, swing: Option<f32>) -> Quat {
    let turned = Quat::from_rotation_z(across);
    swing.map_or(turned, |swing| {
        let plane = (turned * bones.axis).cross(Vec3::Z).normalize_or_zero();
        Quat::from_axis_angle(plane, swing) * turned
    })
}

/// Bends a limb by `bend` radians at its middle joint (forwards for a positive angle: the
/// forearm's way), spread over a few centimetres either side of it, then turns it all by `root`
/// about its root joint.
fn turn_limb(positions: &mut [Vec3], bones: &LimbBones, bend: f32, root: Quat) {
    let bend_axis = bones.axis.cross(Vec3::Z).normalize_or_zero();
    let bend = Quat::from_axis_angle(bend_axis, bend);
    let s_middle = (bones.middle - bones.root).dot(bones.axis);
    let reach = 0.12 * s_middle;
    turn(positions, bones, |p, w_root| {
        let s = (p - bones.root).dot(bones.axis);
        let w_middle = smoothstep((s - (s_middle - reach)) / (2.0 * reach));
        let bent = p.lerp(bones.middle + bend * (p - bones.middle), w_middle);
        bent.lerp(bones.root + root * (bent - bones.root), w_root)
    });
}

/// The pose a body's mesh stands in — a retailer's avatar travelling in a garment file, in the
/// garment's coordinates — read as the pose of `avatar` (the garment's reference body, built
/// from its measurements) whose limbs lie nearest to that mesh's surface: the arm angle, the
/// arms' swing forward and the elbow bend together, then the legs' angle, then the thighs' swing
/// forward and the knee bend together, then the head's turn, each on a coarse grid over its
/// allowed range and refined by degrees. Distances are capped at 5 cm, so a body of other proportions pulls the
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
    // Every third vertex of the neck and head (the second list empty: there is one head).
    let head = [
        avatar
            .skeleton
            .head
            .vertices
            .clone()
            .step_by(3)
            .map(|v| v as usize)
            .collect(),
        Vec::new(),
    ];
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
        if points.is_empty() {
            return 0.0;
        }
        sum / points.len() as f32
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
        ..Pose::default()
    };
    let [arm, forward, elbow] = search(
        [ARM_ANGLE_RANGE, ARM_FORWARD_RANGE, ELBOW_BEND_RANGE],
        [10.0, 10.0, 10.0],
        |angles| cost(&arm_pose(angles), &arms),
    );
    let leg_pose = |[leg, forward, knee]: [f64; 3]| Pose {
        leg_angle_deg: Some(leg),
        leg_forward_deg: Some(forward),
        knee_bend_deg: Some(knee),
        ..Pose::default()
    };
    // Legs: the angle seen from the front with the thighs and knees as the avatar's, then the
    // swing and the bend seen from the side (which hardly move the front view) on that angle.
    let own_forward = leg_forward_deg(&avatar.skeleton.legs[0]);
    let [leg, _, _] = search(
        [LEG_ANGLE_RANGE, (own_forward, own_forward), (0.0, 0.0)],
        [2.0, 1.0, 1.0],
        |angles| cost(&leg_pose(angles), &legs),
    );
    let [_, leg_forward, knee] = search(
        [(leg, leg), LEG_FORWARD_RANGE, KNEE_BEND_RANGE],
        [1.0, 5.0, 5.0],
        |angles| cost(&leg_pose(angles), &legs),
    );
    // The head: its turn on a grid of 5°, then by degrees.
    let head_pose = |[turn, _, _]: [f64; 3]| Pose {
        head_turn_deg: Some(turn),
        ..Pose::default()
    };
    let [head_turn, _, _] = search(
        [HEAD_TURN_RANGE, (0.0, 0.0), (0.0, 0.0)],
        [5.0, 1.0, 1.0],
        |angles| cost(&head_pose(angles), &head),
    );
    Pose {
        arm_angle_deg: Some(arm),
        arm_forward_deg: Some(forward),
        elbow_bend_deg: Some(elbow),
        leg_angle_deg: Some(leg),
        leg_forward_deg: Some(leg_forward),
        knee_bend_deg: Some(knee),
        head_turn_deg: Some(head_turn),
    }
}

/// The three angles (each in its range; a range of one value holds that angle) where `cost` is
/// least: a grid of `steps` over the ranges, then each angle by degrees within a step of the
/// best, twice round.
fn search(
    ranges: [(f64, f64); 3],
    steps: [f64; 3],
    mut cost: impl FnMut([f64; 3]) -> f32,
) -> [f64; 3] {
    let (mut angles, mut best) = ([ranges[0].0, ranges[1].0, ranges[2].0], f32::INFINITY);
    for a in grid(ranges[0], steps[0]) {
        for b in grid(ranges[1], steps[1]) {
            for c in grid(ranges[2], steps[2]) {
                let here = cost([a, b, c]);
                if here < best {
                    (angles, best) = ([a, b, c], here);
                }
            }
        }
    }
    for _ in 0..2 {
        for k in 0..3 {
            angles[k] = refine(angles[k], steps[k], ranges[k], |v| {
                let mut tried = angles;
                tried[k] = v;
                cost(tried)
            });
        }
    }
    angles
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
