//! The crotch seam shared by both legs, and one leg with its foot: grown from the torso's lowest
//! ring, horizontal rings down to the ankle, then the foot bends forward onto the floor.

use super::hand::{Digit, Tip, digit, part, pick};
use super::{
    Frame, LimbBones, LimbTape, Opening, blend_rings, directions, interpolate, opening_angles,
    ring_points,
};
use crate::body::mesh::MeshBuilder;
use crate::body::proportions::Proportions;
use crate::body::section::{AngleTerms, LimbSection, angle_terms, disc_bump, pchip, smoothstep};
use crate::body::torso::{COLUMNS, Torso};
use glam::{Vec2, Vec3};
use std::f32::consts::{FRAC_PI_2, TAU};

const LEG_BLEND_RINGS: usize = 3;
const SEAM_VERTICES: usize = 11;

pub(in crate::body) struct Leg {
    pub thigh: LimbTape,
    pub knee: LimbTape,
    pub calf: LimbTape,
    pub ankle: LimbTape,
    /// The joints it turns about (hip, knee) and its vertices.
    pub bones: LimbBones,
}

/// The crotch seam: vertices from the front centre to the back centre of the torso's lowest ring,
/// dipping to the inside-leg height. Both legs' openings share it. Returns them front to back.
pub(in crate::body) fn crotch_seam(
    mesh: &mut MeshBuilder,
    torso: &Torso,
    p: &Proportions,
) -> Vec<u32> {
    let front = mesh.positions[torso.rows[0][0].unwrap_or(0) as usize];
    let back = mesh.positions[torso.rows[0][COLUMNS / 2].unwrap_or(0) as usize];
    let y0 = torso.heights[0];
    (1..=SEAM_VERTICES)
        .map(|j| {
            let t = j as f32 / (SEAM_VERTICES + 1) as f32;
            let y = p.inside_leg + (y0 - p.inside_leg) * (2.0 * t - 1.0).abs().powf(1.5);
            let z = front.z + (back.z - front.z) * t;
            mesh.vertex(Vec3::new(0.0, y, z), Vec2::new(0.5, 1.0 - y / p.stature))
        })
        .collect()
}

/// The lowest point of the crotch seam (the inside-leg landmark).
pub(in crate::body) fn crotch_point(seam: &[u32]) -> u32 {
    seam[SEAM_VERTICES / 2]
}

/// Builds one leg and foot on `side` (+1 left, −1 right).
pub(in crate::body) fn leg(
    mesh: &mut MeshBuilder,
    torso: &Torso,
    seam: &[u32],
    p: &Proportions,
    side: f32,
) -> Leg {
    let k = p.stature / 1.7;
    let row0 = &torso.rows[0];
    let v = |c: usize| row0[c % COLUMNS].unwrap_or(0);
    let mut opening: Vec<u32>;
    if side > 0.0 {
        opening = (0..=COLUMNS / 2).rev().map(v).collect();
        opening.extend(seam.iter().copied());
    } else {
        opening = (COLUMNS / 2..=COLUMNS).rev().map(v).collect();
        opening.extend(seam.iter().rev().copied());
    }

    let hip = torso.sections[torso.hip_row()];
    let zc = torso.sections[0].zc;
    // Thighs sit inside the hip line and never into each other: where plump thighs would press
    // together they stand just apart, so that cloth can pass between them (an overlap inside the
    // body leaves a crease no garment can keep out of).
    let thigh_r = p.thigh / TAU * 0.9;
    let x_thigh = (hip.a * 0.96 - thigh_r).max(thigh_r + 0.006 * k);
    let (x_knee, x_ankle) = (x_thigh - 0.005 * k, x_thigh + 0.015 * k);
    let y_thigh = p.inside_leg - 0.022 * p.stature;
    let y_knee_tape = (p.y_knee + 0.035 * p.stature).min(y_thigh - 0.05 * p.stature);
    let y_calf = p.y_knee - 0.38 * (p.y_knee - p.y_ankle_bone);
    let y_ankle_tape = p.y_ankle_bone + 0.15 * (p.y_knee - p.y_ankle_bone);
    let foot_height = 0.037 * p.stature;
    let y_bend = p
        .y_ankle_bone
        .max(foot_height + 0.004)
        .min(y_ankle_tape - 0.01 * k);

    let frame_at = |y: f32, x: f32, z: f32| Frame {
        centre: Vec3::new(side * x, y, z),
        e1: Vec3::X,
        e2: Vec3::Z,
    };
    let angles = opening_angles(mesh, &opening, &frame_at(y_thigh, x_thigh, zc));
    let first_vertex = mesh.positions.len() as u32;
    let even = angle_terms(&angles.1);

    let thigh = LimbSection {
        r1: 0.9,
        r2: 1.1,
        back: 0.0,
    }
    .with_girth(p.thigh, &even);
    let knee_tape = LimbSection {
        r1: 1.0,
        r2: 1.0,
        back: 0.0,
    }
    .with_girth(p.knee, &even);
    let knee = LimbSection {
        r1: 1.0,
        r2: 0.95,
        back: 0.0,
    }
    .with_girth(0.93 * p.knee, &even);
    let calf = LimbSection {
        r1: 1.0,
        r2: 1.0,
        back: 0.12,
    }
    .with_girth(p.calf, &even);
    let ankle = LimbSection {
        r1: 1.0,
        r2: 1.2,
        back: 0.0,
    }
    .with_girth(p.ankle, &even);
    let bend0 = LimbSection {
        r1: ankle.r1 * 1.25,
        r2: ankle.r2 * 1.1,
        back: 0.0,
    };
    // Knots from the foot up (increasing y) for interpolation.
    let ys = [y_bend, y_ankle_tape, y_calf, p.y_knee, y_knee_tape, y_thigh];
    let sections = [bend0, ankle, calf, knee, knee_tape, thigh];
    let xs = [
        x_ankle,
        x_ankle,
        x_knee - 0.002 * k,
        x_knee,
        x_knee,
        x_thigh,
    ];
    let zs = [
        zc - 0.012 * k,
        zc - 0.012 * k,
        zc - 0.006 * k,
        zc + 0.008 * k,
        zc + 0.006 * k,
        zc,
    ];
    let frame_y = |y: f32| frame_at(y, pchip(&ys, &xs, y), pchip(&ys, &zs, y));
    let leg_v = |y: f32| 1.0 - y / p.stature;

    let blend_y = |i: usize| {
        y_thigh + (torso.heights[0] - y_thigh) * (1.0 - i as f32 / (LEG_BLEND_RINGS + 1) as f32)
    };
    // Leaving the torso's lowest ring: down along the torso's side; along the seam: straight down.
    let leave: Vec<Vec3> = opening
        .iter()
        .map(|&i| {
            let column = row0.iter().position(|&v| v == Some(i));
            match column.and_then(|c| torso.rows[1][c]) {
                Some(above) => (mesh.positions[i as usize] - mesh.positions[above as usize])
                    .normalize_or(Vec3::NEG_Y),
                None => Vec3::NEG_Y,
            }
        })
        .collect();
    let below = y_thigh - 0.01;
    let arrive = directions(
        &ring_points(&thigh, &frame_y(y_thigh), &even),
        &ring_points(&interpolate(&ys, &sections, below), &frame_y(below), &even),
    );
    let mut previous = blend_rings(
        mesh,
        &Opening::new(&opening, &leave, &angles),
        LEG_BLEND_RINGS,
        |angles| ring_points(&thigh, &frame_y(y_thigh), angles),
        &arrive,
        |i| leg_v(blend_y(i)),
    );

    let mut tapes = [None; 4];
    // Downwards: thigh → knee tape → knee → calf → ankle tape → top of the foot.
    let path = [(5usize, 12usize), (4, 3), (3, 7), (2, 9), (1, 3)];
    for (step, &(from, n)) in path.iter().enumerate() {
        let to = from - 1;
        for i in 0..n + usize::from(step == path.len() - 1) {
            let y = ys[from] + (ys[to] - ys[from]) * i as f32 / n as f32;
            let section = if i == 0 {
                sections[from]
            } else if i == n {
                sections[to]
            } else {
                interpolate(&ys, &sections, y)
            };
            let frame = frame_y(y);
            let ring = mesh.ring(&ring_points(&section, &frame, &even), leg_v(y));
            mesh.stitch(&previous, &ring);
            if i == 0 && step < 4 {
                tapes[step] = Some(LimbTape {
                    centre: frame.centre,
                    normal: Vec3::Y,
                });
            }
            previous = ring;
        }
    }
    // Ankle tape is the start of the 4th step (calf → ankle ends there).
    let ankle_frame = frame_y(y_ankle_tape);
    // The hip joint (the femur's head, about 8 % of the stature above the thigh tape) and the
    // knee's, the points the leg turns about when a reference body stands wider.
    let hip_joint = frame_y(y_thigh).centre + Vec3::Y * (0.08 * p.stature);
    let knee_joint = frame_y(p.y_knee).centre;

    // The foot: the tube bends forward around the heel, then runs to the toes on the floor.
    let centre0 = frame_y(y_bend).centre;
    let radius = (y_bend - foot_height / 2.0).max(0.01);
    let heel_w = p.foot_breadth / 2.0 * 0.75;
    // The rings turn about an axis `radius` in front of their centres, but at the ankle's front
    // a ring reaches further forward than that, and it narrows as it turns: there its points
    // would rise again and draw back as the rings turn, the surface folding back under itself to
    // face the floor (a dark line across the ankle). So each point keeps at least `gap` ahead of
    // its column's point on the ring before, along that ring's way on, and on the front half
    // draws in from that point by no more than its way on: the front fills into a crease that
    // faces the floor by at most 45°.
    let gap = 0.001 * k;
    let (mut onward, mut front, mut centre) = (Vec3::NEG_Y, Vec3::Z, centre0);
    for i in 1..=8 {
        let beta = FRAC_PI_2 * i as f32 / 8.0;
        let f = i as f32 / 8.0;
        let (sb, cb) = beta.sin_cos();
        let frame = Frame {
            centre: centre0 + Vec3::new(0.0, -radius * sb, radius * (1.0 - cb)),
            e1: Vec3::X,
            e2: Vec3::new(0.0, sb, cb),
        };
        let section = LimbSection {
            r1: bend0.r1 + (heel_w - bend0.r1) * f,
            r2: bend0.r2 + (foot_height / 2.0 - bend0.r2) * f,
            back: 0.0,
        };
        let mut points = ring_points(&section, &frame, &even);
        for (point, &before) in points.iter_mut().zip(&previous) {
            let before = mesh.positions[before as usize];
            let ahead = onward.dot(*point - before);
            if ahead < gap {
                *point += (gap - ahead) * onward;
            }
            if front.dot(before - centre) > 0.0 {
                let out = (before - centre)
                    .reject_from_normalized(onward)
                    .normalize_or_zero();
                let least = -ahead.max(gap);
                *point += (least - out.dot(*point - before)).max(0.0) * out;
            }
        }
        centre = frame.centre;
        (onward, front) = (Vec3::new(0.0, -cb, sb), frame.e2);
        let ring = mesh.ring(&points, 0.97 + 0.01 * f);
        mesh.stitch(&previous, &ring);
        previous = ring;
    }
    let z_start = centre0.z + radius;
    let z_toe = centre0.z - bend0.r2 + p.foot_length;
    let u_knots = [0.0, 0.45, 0.8, 1.0];
    let half_width = [
        heel_w,
        p.foot_breadth / 2.0,
        p.foot_breadth / 2.0 * 0.9,
        p.foot_breadth / 2.0 * 0.55,
    ];
    let half_height = [
        foot_height / 2.0,
        foot_height / 2.0 * 0.7,
        foot_height / 2.0 * 0.45,
        foot_height / 2.0 * 0.3,
    ];
    // The foot's rings turn on to fixed angles on the way to the toes (by the few degrees the
    // opening's first vertex lies off them), so where they part is the same vertices on every
    // body: every vertex turns by the same angle, so the ring's terms are the leg's turned.
    let turn = foot_start(side) - angles.1.first().copied().unwrap_or(0.0);
    let mut terms = even.clone();
    let mut section = LimbSection::default();
    let mut frame = Frame {
        centre: Vec3::ZERO,
        e1: Vec3::X,
        e2: Vec3::Y,
    };
    for j in 1..=BALL_RING {
        let u = j as f32 / FOOT_RINGS as f32;
        section = LimbSection {
            r1: pchip(&u_knots, &half_width, u),
            r2: pchip(&u_knots, &half_height, u),
            back: 0.0,
        };
        frame.centre = Vec3::new(
            centre0.x + side * 0.012 * k * u,
            section.r2 * 0.92,
            z_start + (z_toe - z_start) * u,
        );
        let (sin, cos) = (turn * smoothstep(j as f32 / BALL_RING as f32)).sin_cos();
        for (t, e) in terms.iter_mut().zip(&even) {
            t.cos = e.cos * cos - e.sin * sin;
            t.sin = e.sin * cos + e.cos * sin;
        }
        let mut points = ring_points(&section, &frame, &terms);
        arch(&mut points, &terms, u, side, k);
        let ring = mesh.ring(&points, 0.98 + 0.02 * u);
        mesh.stitch(&previous, &ring);
        previous = ring;
    }
    toes(mesh, &previous, &terms, &section, &frame, z_toe, side);
    let fallback = LimbTape {
        centre: ankle_frame.centre,
        normal: Vec3::Y,
    };
    Leg {
        thigh: tapes[0].unwrap_or(fallback),
        knee: tapes[1].unwrap_or(fallback),
        calf: tapes[3].unwrap_or(fallback),
        ankle: LimbTape {
            centre: ankle_frame.centre,
            normal: Vec3::Y,
        },
        bones: LimbBones {
            vertices: first_vertex..mesh.positions.len() as u32,
            blend: first_vertex..first_vertex + (LEG_BLEND_RINGS * opening.len()) as u32,
            blend_rings: LEG_BLEND_RINGS as u32,
            root: hip_joint,
            middle: knee_joint,
            axis: (ankle_frame.centre - hip_joint).normalize_or(Vec3::NEG_Y),
        },
    }
}

/// The foot from the heel's end to the toes' tips in ring spacings; its rings stand at the
/// first `BALL_RING` of them, the last at the ball of the foot, where the toes part.
const FOOT_RINGS: usize = 10;
const BALL_RING: usize = 8;

/// The angle (in the foot's ring plane, from across towards up) of the foot's first vertex:
/// about where the leg's first vertex lies on every body (−2.41 … −2.17 on the left leg,
/// 0.85 … 0.98 on the right on the grid of extreme bodies: it comes from the crotch ring's
/// back centre).
fn foot_start(side: f32) -> f32 {
    if side > 0.0 { -2.29 } else { 0.91 }
}

/// The toes, from the little toe's across the ball to the big toe's: where each parts across
/// the ball's ring (−1 the outer edge, 1 the inner) and, for each toe, its share of the big
/// toe's length and how far it spreads outwards (degrees).
const TOE_CHORDS: [f32; 4] = [-0.6, -0.25, 0.1, 0.45];
const TOES: [(f32, f32); 5] = [
    (0.62, 7.0),
    (0.76, 4.5),
    (0.86, 2.5),
    (0.95, 1.0),
    (1.0, -1.0),
];
/// How far the toes point down from the foot's length, degrees (their tips rest on the floor).
const TOE_DOWN: f32 = 6.0;

/// Parts the ball's `ring` (vertices at the fixed angles `fixed` of `section` in `frame`) into
/// five toes that reach to `z_toe`, each a digit as a finger is (`hand::digit`).
fn toes(
    mesh: &mut MeshBuilder,
    ring: &[u32],
    fixed: &[AngleTerms],
    section: &LimbSection,
    frame: &Frame,
    z_toe: f32,
    side: f32,
) {
    // On the unit ring: thickness up, breadth towards the inner edge.
    let unit: Vec<Vec2> = fixed
        .iter()
        .map(|t| Vec2::new(t.sin, -side * t.cos))
        .collect();
    let loops = part(&unit, &TOE_CHORDS);
    let at = Frame {
        centre: frame.centre,
        e1: Vec3::Y,
        e2: Vec3::X,
    };
    let length = (z_toe - frame.centre.z).max(0.01);
    let edges: Vec<f32> = [-1.0]
        .iter()
        .chain(&TOE_CHORDS)
        .chain(&[1.0])
        .copied()
        .collect();
    let (down_sin, down_cos) = TOE_DOWN.to_radians().sin_cos();
    // The texture's rows go on from the ball's ring to 1 at the tips.
    let ball_v = 0.98 + 0.02 * BALL_RING as f32 / FOOT_RINGS as f32;
    for ((positions, (share, spread)), edge) in loops.iter().zip(TOES).zip(edges.windows(2)) {
        let half_breadth = 0.5 * (edge[1] - edge[0]) * section.r1 * 0.95;
        let (sin, cos) = spread.to_radians().sin_cos();
        let forward = Vec3::Z * cos + Vec3::X * (side * sin);
        let across = Vec3::X * cos - Vec3::Z * (side * sin);
        digit(
            mesh,
            &pick(ring, positions),
            &at,
            Digit {
                dir: (forward * down_cos - Vec3::Y * down_sin).normalize_or(Vec3::Z),
                hand: Vec3::Z,
                e1: Vec3::Y,
                e2: across,
                length: length * share,
                r1: (0.9 * half_breadth).min(0.85 * section.r2),
                r2: half_breadth,
                curl: [0.0; 3],
                tip: Tip::Toe,
            },
            |s| ball_v + (1.0 - ball_v) * (s / length).min(1.0),
        );
    }
}

/// Shapes one ring of the foot (at `u`, 0 at the heel's end … 1 at the toes; `angles` its
/// vertices' angles, cos across the foot, sin up): the inner sole rises into the arch through
/// the middle of the foot.
fn arch(points: &mut [Vec3], angles: &[AngleTerms], u: f32, side: f32, k: f32) {
    let arch = 0.01 * k * disc_bump((u - 0.45) / 0.3, 0.0);
    for (p, t) in points.iter_mut().zip(angles) {
        // 1 on the inner edge of the foot (towards the other foot), −1 on the outer.
        let inner = -side * t.cos;
        let sole = (-t.sin).max(0.0);
        p.y += arch * inner.max(0.0).powi(2) * sole;
    }
}
