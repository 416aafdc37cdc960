//! Arms with hands, and legs with feet: tubes of elliptical rings that grow out of the torso's
//! armscyes and crotch. A limb's first rings blend from the opening's shape into its own rings.

use super::mesh::MeshBuilder;
use super::proportions::Proportions;
use super::section::{AngleTerms, LimbSection, angle_terms, pchip};
use super::torso::{COLUMNS, Torso};
use glam::{Vec2, Vec3};
use std::f32::consts::{FRAC_PI_2, TAU};

/// How far the arms are raised from the body in the A-pose.
const ARM_ANGLE: f32 = 0.7;
const ARM_BLEND_RINGS: usize = 5;
const LEG_BLEND_RINGS: usize = 3;
const SEAM_VERTICES: usize = 11;

/// A tape laid around a limb: its plane's anchor and normal.
#[derive(Clone, Copy, Debug)]
pub(super) struct LimbTape {
    pub centre: Vec3,
    pub normal: Vec3,
}

pub(super) struct Arm {
    pub upper_arm: LimbTape,
    pub wrist: LimbTape,
    /// The wrist landmark (thumb side), end of the arm length.
    pub stylion: u32,
}

pub(super) struct Leg {
    pub thigh: LimbTape,
    pub knee: LimbTape,
    pub calf: LimbTape,
    pub ankle: LimbTape,
}

/// The frame a limb's rings are laid out in: `e1`, `e2` span the ring's plane.
#[derive(Clone, Copy)]
struct Frame {
    centre: Vec3,
    e1: Vec3,
    e2: Vec3,
}

impl Frame {
    fn place(&self, q: Vec2) -> Vec3 {
        self.centre + self.e1 * q.x + self.e2 * q.y
    }
}

/// Angles of an opening's vertices around `frame`, unwrapped, and the evenly spaced angles the
/// limb's own rings use (starting at the same vertex, running the same way round).
fn opening_angles(mesh: &MeshBuilder, opening: &[u32], frame: &Frame) -> (Vec<f32>, Vec<f32>) {
    let flat: Vec<Vec2> = opening
        .iter()
        .map(|&i| {
            let d = mesh.positions[i as usize] - frame.centre;
            Vec2::new(d.dot(frame.e1), d.dot(frame.e2))
        })
        .collect();
    let centre = flat.iter().copied().sum::<Vec2>() / flat.len() as f32;
    let mut actual: Vec<f32> = Vec::with_capacity(flat.len());
    for q in &flat {
        let raw = (q.y - centre.y).atan2(q.x - centre.x);
        actual.push(match actual.last() {
            None => raw,
            Some(&prev) => {
                prev + ((raw - prev + std::f32::consts::PI).rem_euclid(TAU) - std::f32::consts::PI)
            }
        });
    }
    let dir = if actual[actual.len() - 1] >= actual[0] {
        1.0
    } else {
        -1.0
    };
    let m = flat.len() as f32;
    let even = (0..flat.len())
        .map(|k| actual[0] + dir * TAU * k as f32 / m)
        .collect();
    (actual, even)
}

/// A ring of points of `section` in `frame` at the given angles.
fn ring_points(section: &LimbSection, frame: &Frame, angles: &[AngleTerms]) -> Vec<Vec3> {
    angles
        .iter()
        .map(|t| frame.place(section.point(t)))
        .collect()
}

/// Where a limb starts: the torso's opening (a loop of vertices), the unit directions in which the
/// torso's surface leaves each of them, their actual angles around the limb and the even angles
/// the limb's own rings use.
struct Opening<'a> {
    vertices: &'a [u32],
    leave: &'a [Vec3],
    actual: &'a [f32],
    even: &'a [f32],
}

/// Rings blending from the opening into the limb's first ring `target` (sampled at angles
/// part-way to even spacing). Each vertex follows a cubic Hermite curve that leaves the opening
/// along the surface it continues (`leave`, unit) and arrives along the limb (`arrive`, unit, per
/// vertex of the first limb ring), so
/// the join is smooth (C1) at both ends.
fn blend_rings(
    mesh: &mut MeshBuilder,
    opening: &Opening,
    count: usize,
    target: impl Fn(&[AngleTerms]) -> Vec<Vec3>,
    arrive: &[Vec3],
    v: impl Fn(usize) -> f32,
) -> Vec<u32> {
    let angles = (opening.actual, opening.even);
    let (leave, opening) = (opening.leave, opening.vertices);
    let mut previous = opening.to_vec();
    let end = target(&angle_terms(angles.1));
    for i in 1..=count {
        let t = i as f32 / (count + 1) as f32;
        let mixed: Vec<f32> = angles
            .0
            .iter()
            .zip(angles.1)
            .map(|(a, e)| a + (e - a) * t)
            .collect();
        let goal = target(&angle_terms(&mixed));
        let (t2, t3) = (t * t, t * t * t);
        let (h00, h10, h01, h11) = (
            2.0 * t3 - 3.0 * t2 + 1.0,
            t3 - 2.0 * t2 + t,
            3.0 * t2 - 2.0 * t3,
            t3 - t2,
        );
        let points: Vec<Vec3> = opening
            .iter()
            .zip(&goal)
            .zip(leave)
            .zip(&end)
            .zip(arrive)
            .map(|((((&o, &g), &l), &e), &a)| {
                let p0 = mesh.positions[o as usize];
                // Tangents a little shorter than the chord keep the curves from looping.
                let span = 0.6 * p0.distance(e);
                // Aim at this ring's own sample `g` (angles in between) with the end's spacing.
                h00 * p0 + h10 * span * l + h01 * g + h11 * span * a
            })
            .collect();
        let ring = mesh.ring(&points, v(i));
        mesh.stitch(&previous, &ring);
        previous = ring;
    }
    previous
}

/// Builds one arm and hand on `side` (+1 left, −1 right).
pub(super) fn arm(mesh: &mut MeshBuilder, torso: &Torso, p: &Proportions, side: f32) -> Arm {
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
    let (actual, even_angles) = opening_angles(mesh, &opening, &at(0.0));
    let even = angle_terms(&even_angles);

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
        &Opening {
            vertices: &opening,
            leave: &leave,
            actual: &actual,
            even: &even_angles,
        },
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

    // The hand: a mitten, flat in the plane of the arm and the forward axis (palm to the thigh).
    let hl = p.hand_length;
    let hb = p.hand_breadth / 2.0;
    let u_knots = [0.0, 0.35, 0.55, 0.85, 1.0];
    let r1 = [wrist.r1, 0.016 * k, 0.014 * k, 0.011 * k, 0.006 * k];
    let r2 = [wrist.r2, hb, hb * 0.95, hb * 0.8, hb * 0.4];
    for j in 1..=10 {
        let u = j as f32 / 11.0;
        let section = LimbSection {
            r1: pchip(&u_knots, &r1, u),
            r2: pchip(&u_knots, &r2, u),
            back: 0.0,
        };
        let s = t_wrist + hl * u;
        let ring = mesh.ring(&ring_points(&section, &at(s), &even), arm_v(s));
        mesh.stitch(&previous, &ring);
        previous = ring;
    }
    let tip = mesh.vertex(at(t_wrist + hl).centre, Vec2::new(0.5, 0.9));
    mesh.fan(&previous, tip);

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
    }
}

/// The crotch seam: vertices from the front centre to the back centre of the torso's lowest ring,
/// dipping to the inside-leg height. Both legs' openings share it. Returns them front to back.
pub(super) fn crotch_seam(mesh: &mut MeshBuilder, torso: &Torso, p: &Proportions) -> Vec<u32> {
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
pub(super) fn crotch_point(seam: &[u32]) -> u32 {
    seam[SEAM_VERTICES / 2]
}

/// Builds one leg and foot on `side` (+1 left, −1 right).
pub(super) fn leg(
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
    // Thighs sit inside the hip line; plump inner thighs may press together (a few mm overlap
    // inside the body, as real thighs do).
    let thigh_r = p.thigh / TAU * 0.9;
    let x_thigh = (hip.a * 0.96 - thigh_r).max(thigh_r - 0.006 * k);
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
    let (actual, even_angles) = opening_angles(mesh, &opening, &frame_at(y_thigh, x_thigh, zc));
    let even = angle_terms(&even_angles);

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
        &Opening {
            vertices: &opening,
            leave: &leave,
            actual: &actual,
            even: &even_angles,
        },
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

    // The foot: the tube bends forward around the heel, then runs to the toes on the floor.
    let centre0 = frame_y(y_bend).centre;
    let radius = (y_bend - foot_height / 2.0).max(0.01);
    let heel_w = p.foot_breadth / 2.0 * 0.75;
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
        let ring = mesh.ring(&ring_points(&section, &frame, &even), 0.97 + 0.01 * f);
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
    for j in 1..=10 {
        let u = j as f32 / 11.0;
        let section = LimbSection {
            r1: pchip(&u_knots, &half_width, u),
            r2: pchip(&u_knots, &half_height, u),
            back: 0.0,
        };
        let frame = Frame {
            centre: Vec3::new(
                centre0.x + side * 0.012 * k * u,
                section.r2 * 0.92,
                z_start + (z_toe - z_start) * u,
            ),
            e1: Vec3::X,
            e2: Vec3::Y,
        };
        let ring = mesh.ring(&ring_points(&section, &frame, &even), 0.98 + 0.02 * u);
        mesh.stitch(&previous, &ring);
        previous = ring;
    }
    let toe = Vec3::new(centre0.x + side * 0.012 * k, half_height[3] * 0.92, z_toe);
    let toe = mesh.vertex(toe, Vec2::new(0.5, 1.0));
    mesh.fan(&previous, toe);

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
    }
}

/// Unit directions from each point of one ring to the same point of the next.
fn directions(from: &[Vec3], to: &[Vec3]) -> Vec<Vec3> {
    from.iter()
        .zip(to)
        .map(|(a, b)| (*b - *a).normalize_or_zero())
        .collect()
}

/// Interpolates limb sections between knots (increasing `xs`, at most 8).
fn interpolate(xs: &[f32], sections: &[LimbSection], x: f32) -> LimbSection {
    let field = |f: fn(&LimbSection) -> f32| {
        let mut ys = [0.0f32; 8];
        for (y, s) in ys.iter_mut().zip(sections) {
            *y = f(s);
        }
        pchip(xs, &ys[..sections.len().min(8)], x)
    };
    LimbSection {
        r1: field(|s| s.r1),
        r2: field(|s| s.r2),
        back: field(|s| s.back),
    }
}
