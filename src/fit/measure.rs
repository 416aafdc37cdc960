//! The tape measure on a garment: its girth in a body's tape plane (the convex-hull perimeter of
//! the garment loop around that body part, as the body's own tape is taken) and its lengths
//! (the main length, the sleeve and the inside leg).

use super::Region;
use super::anatomy::{Anatomy, BodyPart};
use super::bind::Binding;
use crate::geometry::{Plane, convex_hull, find, hull_perimeter, plane_basis, union};
use glam::{DVec2, Vec3};
use std::collections::HashMap;

/// The garment loop that goes around a body part in a tape plane.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GarmentGirth {
    /// Convex-hull perimeter of the loop, metres.
    pub perimeter: f64,
    /// The hull (the tape's path), closed loop.
    pub path: Vec<Vec3>,
    /// Triangles the plane cuts in this loop.
    pub triangles: Vec<u32>,
}

/// The girth of a garment region in its tape plane, taken round the body part the region belongs
/// to and never through another: a trunk region (chest, waist, hip) leaves out every triangle
/// with a particle bound to an arm, so a sleeve joined to the trunk above a low armhole is not
/// read into the chest; an upper arm takes only the sleeve's particles, a thigh only its own
/// side of the body (a thigh plane, tilted along the leg, passes above the crotch on the other
/// side, where the trousers' seat would join both legs into one loop).
pub fn region_girth(
    positions: &[Vec3],
    triangles: &[[u32; 3]],
    binding: &Binding,
    region: Region,
    plane: Plane,
) -> Option<GarmentGirth> {
    let side = plane.origin.x.signum();
    let part = |i: u32| binding.bound.get(i as usize).map(|b| b.part);
    let on_side = |i: u32| positions.get(i as usize).is_some_and(|p| p.x * side > 0.0);
    match region {
        Region::UpperArm => girth(positions, triangles, plane, |i| {
            on_side(i) && part(i).is_some_and(BodyPart::is_arm)
        }),
        Region::Thigh => girth(positions, triangles, plane, |i| {
            on_side(i) && part(i).is_some_and(|p| !p.is_arm())
        }),
        _ => girth(positions, triangles, plane, |i| {
            part(i).is_some_and(|p| !p.is_arm())
        }),
    }
}

/// The girth of the garment (`positions` of its particles, `triangles` over them) in `plane`,
/// counting only triangles whose three particles `takes`: of the loops the plane cuts, the one
/// whose convex hull encloses the plane's origin, nearest to it; where no single loop does (a
/// trunk whose sleeves were left out is cut into a front and a back piece), the hull of all the
/// loops together, as a tape laid round the garment bridges the armholes. `None` when nothing
/// goes around the origin (the garment does not reach that far).
pub fn girth(
    positions: &[Vec3],
    triangles: &[[u32; 3]],
    plane: Plane,
    takes: impl Fn(u32) -> bool,
) -> Option<GarmentGirth> {
    let n = plane.normal.normalize_or(Vec3::Y);
    let distances: Vec<f32> = positions
        .iter()
        .map(|p| (*p - plane.origin).dot(n))
        .collect();
    let dist = |i: u32| distances.get(i as usize).copied().unwrap_or(f32::NAN);
    // Triangles the plane cuts, joined into loops through the edges they share across it.
    let mut cut: Vec<(u32, [Vec3; 2])> = Vec::new();
    let mut edge_owner: HashMap<(u32, u32), usize> = HashMap::new();
    let mut parent: Vec<usize> = Vec::new();
    for (t, tri) in triangles.iter().enumerate() {
        if !tri.iter().all(|&i| takes(i)) {
            continue;
        }
        let d = [dist(tri[0]), dist(tri[1]), dist(tri[2])];
        let above = d.iter().filter(|&&x| x >= 0.0).count();
        if above == 0 || above == 3 || d.iter().any(|x| !x.is_finite()) {
            continue;
        }
        let mut points = [Vec3::ZERO; 2];
        let mut count = 0;
        let id = cut.len();
        parent.push(id);
        for k in 0..3 {
            let (a, b) = (tri[k], tri[(k + 1) % 3]);
            let (da, db) = (d[k], d[(k + 1) % 3]);
            if (da >= 0.0) != (db >= 0.0) {
                let s = da / (da - db);
                let (pa, pb) = (positions[a as usize], positions[b as usize]);
                if count < 2 {
                    points[count] = pa.lerp(pb, s);
                }
                count += 1;
                let key = (a.min(b), a.max(b));
                match edge_owner.get(&key) {
                    Some(&other) => union(&mut parent, id, other),
                    None => {
                        edge_owner.insert(key, id);
                    }
                }
            }
        }
        cut.push((t as u32, points));
    }
    if cut.is_empty() {
        return None;
    }
    let mut loops: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..cut.len() {
        let root = find(&mut parent, i);
        loops.entry(root).or_default().push(i);
    }
    let (u, v) = plane_basis(n);
    let flat = |p: Vec3| {
        let d = (p - plane.origin).as_dvec3();
        DVec2::new(d.dot(u.as_dvec3()), d.dot(v.as_dvec3()))
    };
    let unflat = |hull: &[DVec2]| -> Vec<Vec3> {
        hull.iter()
            .map(|q| plane.origin + u * q.x as f32 + v * q.y as f32)
            .collect()
    };
    let mut best: Option<(f32, GarmentGirth)> = None;
    for members in loops.values() {
        let pts: Vec<DVec2> = members.iter().flat_map(|&i| cut[i].1).map(flat).collect();
        let hull = convex_hull(&pts);
        if hull.len() < 3 || !encloses(&hull, DVec2::ZERO) {
            continue;
        }
        let centroid = members
            .iter()
            .flat_map(|&i| cut[i].1)
            .fold(Vec3::ZERO, |s, p| s + p)
            / (2 * members.len()) as f32;
        let d = centroid.distance_squared(plane.origin);
        if best.as_ref().is_some_and(|(bd, _)| *bd <= d) {
            continue;
        }
        let path = unflat(&hull);
        best = Some((
            d,
            GarmentGirth {
                perimeter: hull_perimeter(&hull),
                path,
                triangles: members.iter().map(|&i| cut[i].0).collect(),
            },
        ));
    }
    if let Some((_, g)) = best {
        return Some(g);
    }
    // No loop goes round on its own: the hull of them all.
    let pts: Vec<DVec2> = cut.iter().flat_map(|c| c.1).map(flat).collect();
    let hull = convex_hull(&pts);
    (hull.len() >= 3 && encloses(&hull, DVec2::ZERO)).then(|| GarmentGirth {
        perimeter: hull_perimeter(&hull),
        path: unflat(&hull),
        triangles: cut.iter().map(|c| c.0).collect(),
    })
}

/// Whether a counter-clockwise convex polygon contains a point.
fn encloses(hull: &[DVec2], p: DVec2) -> bool {
    (0..hull.len()).all(|i| {
        let (a, b) = (hull[i], hull[(i + 1) % hull.len()]);
        (b - a).perp_dot(p - a) >= 0.0
    })
}

/// Lengths of a garment on a body, metres (`None` where the garment has no such part).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct GarmentLengths {
    /// Vertical extent of everything but the sleeves.
    pub main: Option<f32>,
    /// The farthest point of a sleeve down the arm from the acromion (mean of both sides).
    pub sleeve: Option<f32>,
    /// From the crotch down to the lowest point of a trouser leg.
    pub inside_leg: Option<f32>,
    /// Top and bottom of the main part (y).
    pub main_top: f32,
    /// Bottom of the main part (y). With no particle outside the sleeves, `main_top` is −∞ and
    /// `main_bottom` +∞.
    pub main_bottom: f32,
}

/// Measures the lengths; `legs_separate` for trousers (one tube per leg).
pub fn lengths(
    positions: &[Vec3],
    binding: &Binding,
    anatomy: &Anatomy,
    legs_separate: bool,
) -> GarmentLengths {
    let (mut top, mut bottom) = (f32::NEG_INFINITY, f32::INFINITY);
    let mut sleeve = [f32::NEG_INFINITY; 2];
    let mut leg_bottom = f32::INFINITY;
    for (p, b) in positions.iter().zip(&binding.bound) {
        if b.part.is_arm() {
            let side = b.part.side();
            sleeve[side] = sleeve[side].max(anatomy.along_arm(side, *p));
            continue;
        }
        top = top.max(p.y);
        bottom = bottom.min(p.y);
        if legs_separate && b.part.is_leg() {
            leg_bottom = leg_bottom.min(p.y);
        }
    }
    let sleeves: Vec<f32> = sleeve.iter().copied().filter(|s| s.is_finite()).collect();
    GarmentLengths {
        main: (top > bottom).then_some(top - bottom),
        sleeve: (!sleeves.is_empty())
            .then(|| sleeves.iter().sum::<f32>() / sleeves.len() as f32)
            .filter(|s| *s > 0.0),
        inside_leg: (leg_bottom.is_finite() && anatomy.crotch.y > leg_bottom)
            .then_some(anatomy.crotch.y - leg_bottom),
        main_top: top,
        main_bottom: bottom,
    }
}

/// The part a particle counts as for the fit: its bound body part.
pub fn part_of(binding: &Binding, particle: usize) -> BodyPart {
    binding
        .bound
        .get(particle)
        .map_or(BodyPart::Torso, |b| b.part)
}
