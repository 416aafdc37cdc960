//! Arms with hands, and legs with feet: tubes of elliptical rings that grow out of the torso's
//! armscyes and crotch. A limb's first rings blend from the opening's shape into its own rings.
//! This file holds what both kinds of limb share: ring frames, opening angles and the blend.

mod arm;
mod hand;
mod leg;

pub(super) use arm::arm;
pub(super) use leg::{crotch_point, crotch_seam, leg};

use super::mesh::MeshBuilder;
use super::section::{AngleTerms, LimbSection, angle_terms, pchip_rows, wrap_turn};
use glam::{Vec2, Vec3};
use std::f32::consts::{PI, TAU};
use std::ops::Range;

/// A tape laid around a limb: its plane's anchor and normal.
#[derive(Clone, Copy, Debug)]
pub(in crate::body) struct LimbTape {
    pub centre: Vec3,
    pub normal: Vec3,
}

/// A limb's joints and vertices: what a pose turns (see [`crate::body::pose`]).
#[derive(Clone, Debug, PartialEq)]
pub struct LimbBones {
    /// The limb's vertices in the mesh (its blend rings from the trunk first, the hand or foot
    /// last).
    pub vertices: Range<u32>,
    /// The first of them: the rings that blend from the trunk's opening into the limb, `blend_rings`
    /// rings of equal length. A pose turns them part-way, so the joint bends smoothly.
    pub blend: Range<u32>,
    /// How many rings `blend` holds.
    pub blend_rings: u32,
    /// The joint where the limb turns on the trunk: the shoulder's or the hip's (metres).
    pub root: Vec3,
    /// The middle joint: the elbow's or the knee's (metres).
    pub middle: Vec3,
    /// Unit direction down the limb from `root` (towards the wrist or the ankle).
    pub axis: Vec3,
}

/// The frame a limb's rings are laid out in: `e1`, `e2` span the ring's plane.
#[derive(Clone, Copy)]
pub(super) struct Frame {
    pub centre: Vec3,
    pub e1: Vec3,
    pub e2: Vec3,
}

impl Frame {
    pub fn place(&self, q: Vec2) -> Vec3 {
        self.centre + self.e1 * q.x + self.e2 * q.y
    }

    /// A point's coordinates in the frame's plane (along `e1`, along `e2`): `place`'s inverse
    /// for points in the plane.
    pub fn local(&self, p: Vec3) -> Vec2 {
        let d = p - self.centre;
        Vec2::new(d.dot(self.e1), d.dot(self.e2))
    }
}

/// Angles of an opening's vertices around `frame`, unwrapped, and the evenly spaced angles the
/// limb's own rings use (starting at the same vertex, running the same way round).
pub(super) fn opening_angles(
    mesh: &MeshBuilder,
    opening: &[u32],
    frame: &Frame,
) -> (Vec<f32>, Vec<f32>) {
    let flat: Vec<Vec2> = opening
        .iter()
        .map(|&i| frame.local(mesh.positions[i as usize]))
        .collect();
    let centre = flat.iter().copied().sum::<Vec2>() / flat.len() as f32;
    let actual = unwrap(flat.iter().map(|&q| q - centre));
    let dir = direction(&actual);
    let m = flat.len() as f32;
    let even = (0..flat.len())
        .map(|k| actual[0] + dir * TAU * k as f32 / m)
        .collect();
    (actual, even)
}

/// The angles of points round the origin, unwrapped so that they run on without jumps.
pub(super) fn unwrap(points: impl Iterator<Item = Vec2>) -> Vec<f32> {
    let mut out: Vec<f32> = Vec::new();
    for q in points {
        let raw = q.y.atan2(q.x);
        out.push(match out.last() {
            None => raw,
            Some(&prev) => prev + (wrap_turn(raw - prev + PI) - PI),
        });
    }
    out
}

/// +1 where unwrapped angles run up from first to last, −1 where they run down.
pub(super) fn direction(angles: &[f32]) -> f32 {
    if angles.last() >= angles.first() {
        1.0
    } else {
        -1.0
    }
}

/// A ring of points of `section` in `frame` at the given angles.
pub(super) fn ring_points(
    section: &LimbSection,
    frame: &Frame,
    angles: &[AngleTerms],
) -> Vec<Vec3> {
    angles
        .iter()
        .map(|t| frame.place(section.point(t)))
        .collect()
}

/// Where a limb starts: the torso's opening (a loop of vertices), the unit directions in which the
/// torso's surface leaves each of them, their actual angles around the limb and the even angles
/// the limb's own rings use.
pub(super) struct Opening<'a> {
    pub vertices: &'a [u32],
    pub leave: &'a [Vec3],
    pub actual: &'a [f32],
    pub even: &'a [f32],
}

impl<'a> Opening<'a> {
    /// The opening's vertices, their leaving directions and their (actual, even) angles as
    /// [`opening_angles`] gives them.
    pub fn new(vertices: &'a [u32], leave: &'a [Vec3], angles: &'a (Vec<f32>, Vec<f32>)) -> Self {
        Opening {
            vertices,
            leave,
            actual: &angles.0,
            even: &angles.1,
        }
    }
}

/// Rings blending from the opening into the limb's first ring `target` (sampled at angles
/// part-way to even spacing). Each vertex follows a cubic Hermite curve that leaves the opening
/// along the surface it continues (`leave`, unit) and arrives along the limb (`arrive`, unit, per
/// vertex of the first limb ring), so
/// the join is smooth (C1) at both ends.
pub(super) fn blend_rings(
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

/// Unit directions from each point of one ring to the same point of the next.
pub(super) fn directions(from: &[Vec3], to: &[Vec3]) -> Vec<Vec3> {
    from.iter()
        .zip(to)
        .map(|(a, b)| (*b - *a).normalize_or_zero())
        .collect()
}

/// Interpolates limb sections between knots (increasing `xs`, at most 8).
pub(super) fn interpolate(xs: &[f32], sections: &[LimbSection], x: f32) -> LimbSection {
    let mut fields = [[0.0f32; 8]; 3];
    for (k, s) in sections.iter().take(8).enumerate() {
        [fields[0][k], fields[1][k], fields[2][k]] = [s.r1, s.r2, s.back];
    }
    let len = sections.len().min(8);
    let [r1, r2, back] = pchip_rows(xs, fields.each_ref().map(|f| &f[..len]), x);
    LimbSection { r1, r2, back }
}
