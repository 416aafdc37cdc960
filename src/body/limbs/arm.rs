//! One arm and its hand: grown from the armscye, hanging in the A-pose, with the wrist placed
//! so that acromion → wrist landmark is exactly the arm length.

use super::{
    Frame, LimbBones, LimbTape, Opening, blend_rings, directions, hand, interpolate,
    opening_angles, ring_points,
};
use crate::body::mesh::MeshBuilder;
use crate::body::proportions::Proportions;
use crate::body::section::{LimbSection, angle_terms};
use crate::body::torso::Torso;
use glam::Vec3;

/// How far the arms are raised from the body in the A-pose.
const ARM_ANGLE: f32 = 0.7;
const ARM_BLEND_RINGS: usize = 5;

pub(in crate::body) struct Arm {
    pub upper_arm: LimbTape,
    pub wrist: LimbTape,
    /// The wrist landmark (thumb side), end of the arm length.
    pub stylion: u32,
    /// The joints it turns about (shoulder, elbow) and its vertices.
    pub bones: LimbBones,
}

/// Builds one arm and hand on `side` (+1 left, −1 right).
pub(in crate::body) fn arm(
    mesh: &mut MeshBuilder,
    torso: &Torso,
    p: &Proportions,
    side: f32,
) -> Arm {
    let k = p.stature / 1.7;
    let (sin, cos) = ARM_ANGLE.sin_cos();
    let d = Vec3::new(side * sin, -cos, 0.0);
    let e1 = Vec3::new(side * cos, sin, 0.0);
    let e2 = Vec3::Z;
    let acromion = mesh.positions[torso.acromion(side) as usize];
    let joint = acromion + Vec3::new(-side * 0.008 * k, -0.035 * k, 0.0);
    let at = |s: f32| Frame {
        centre: joint + d * s,
        e1,
        e2,
    };

    let opening = torso.armscye_loop(side);
    let first_vertex = mesh.positions.len() as u32;
    let angles = opening_angles(mesh, &opening, &at(0.0));
    let even = angle_terms(&angles.1);

    // The wrist ring first: its position along the arm is solved so that the straight distance
    // acromion → wrist landmark is exactly the arm length.
    let wrist = LimbSection {
        r1: 1.0,
        r2: 1.3,
        back: 0.0,
    }
    .with_girth(p.wrist, &even);
    let stylion_k = (0..even.len())
        .max_by(|&a, &b| even[a].sin.total_cmp(&even[b].sin))
        .unwrap_or(0);
    let q = wrist.point(&even[stylion_k]);
    let offset = (joint - acromion) + e1 * q.x + e2 * q.y;
    let b = d.dot(offset);
    let c = offset.length_squared() - p.arm_length * p.arm_length;
    let t_wrist = (-b + (b * b - c).max(0.0).sqrt()).max(0.3 * p.arm_length);

    let s_elbow = 0.565 * t_wrist;
    let s_deltoid = 0.3 * s_elbow;
    let s_upper = 0.55 * s_elbow;
    let s_forearm = s_elbow + 0.25 * (t_wrist - s_elbow);
    let upper = LimbSection {
        r1: 1.0,
        r2: 0.95,
        back: 0.0,
    }
    .with_girth(p.upper_arm, &even);
    let elbow_girth = (0.8 * p.upper_arm)
        .max(1.45 * p.wrist)
        .min(0.95 * p.upper_arm);
    let forearm_girth = (0.85 * p.upper_arm)
        .max(1.6 * p.wrist)
        .min(0.98 * p.upper_arm);
    let knots = [s_deltoid, s_upper, s_elbow, s_forearm, t_wrist];
    let sections = [
        LimbSection {
            r1: 1.0,
            r2: 1.0,
            back: 0.0,
        }
        .with_girth(1.12 * p.upper_arm, &even),
        upper,
        LimbSection {
            r1: 1.0,
            r2: 1.1,
            back: 0.0,
        }
        .with_girth(elbow_girth, &even),
        LimbSection {
            r1: 1.0,
            r2: 1.15,
            back: 0.0,
        }
        .with_girth(forearm_girth, &even),
        wrist,
    ];
    let section_at = |s: f32| interpolate(&knots, &sections, s);
    let arm_v = |s: f32| 0.3 + 0.6 * s / (t_wrist + p.hand_length);

    let blend_s = |i: usize| s_deltoid * i as f32 / (ARM_BLEND_RINGS + 1) as f32;
    let leave = torso.armscye_leaving(mesh, side);
    let arrive = directions(
        &ring_points(&sections[0], &at(s_deltoid), &even),
        &ring_points(&section_at(s_deltoid + 0.01), &at(s_deltoid + 0.01), &even),
    );
    let mut previous = blend_rings(
        mesh,
        &Opening::new(&opening, &leave, &angles),
        ARM_BLEND_RINGS,
        |angles| ring_points(&sections[0], &at(s_deltoid), angles),
        &arrive,
        |i| arm_v(blend_s(i)),
    );
    let mut upper_tape = None;
    let mut wrist_ring = Vec::new();
    for (segment, n) in [4usize, 6, 3, 6].into_iter().enumerate() {
        for i in 0..n + usize::from(segment == 3) {
            let s = knots[segment] + (knots[segment + 1] - knots[segment]) * i as f32 / n as f32;
            let section = if i == 0 {
                sections[segment]
            } else if i == n {
                sections[4]
            } else {
                section_at(s)
            };
            let ring = mesh.ring(&ring_points(&section, &at(s), &even), arm_v(s));
            mesh.stitch(&previous, &ring);
            if segment == 1 && i == 0 {
                upper_tape = Some(LimbTape {
                    centre: at(s).centre,
                    normal: d,
                });
            }
            if segment == 3 && i == n {
                wrist_ring = ring.clone();
            }
            previous = ring;
        }
    }
    let stylion = wrist_ring.get(stylion_k).copied().unwrap_or(0);

    hand::hand(
        mesh,
        &previous,
        &wrist,
        &angles.1,
        &hand::HandFrame {
            wrist: at(t_wrist).centre,
            d,
            e1,
            e2,
            length: p.hand_length,
            half_breadth: p.hand_breadth / 2.0,
            k,
        },
        |s| arm_v(t_wrist + s),
    );

    Arm {
        upper_arm: upper_tape.unwrap_or(LimbTape {
            centre: at(s_upper).centre,
            normal: d,
        }),
        wrist: LimbTape {
            centre: at(t_wrist).centre,
            normal: d,
        },
        stylion,
        bones: LimbBones {
            vertices: first_vertex..mesh.positions.len() as u32,
            blend: first_vertex..first_vertex + (ARM_BLEND_RINGS * opening.len()) as u32,
            blend_rings: ARM_BLEND_RINGS as u32,
            root: joint,
            middle: joint + d * s_elbow,
            axis: d,
        },
    }
}
