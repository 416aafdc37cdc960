//! The tape measure: girths as the convex-hull perimeter of one body part's cross-section in the
//! tape's plane (a tape bridges hollows), lengths as straight distances between landmarks.

use crate::body::{Avatar, TapePlacement};
use crate::geometry::{
    Plane, TriangleMesh, convex_hull, hull_perimeter, nearest_section, plane_basis,
};
use crate::measurements::Key;
use glam::{DVec2, Vec3};

/// Where the tape lay, for reports and for drawing it on the avatar.
#[derive(Clone, Debug, PartialEq)]
pub enum TapeGeometry {
    /// The tape around a body part: its plane and the closed hull polygon (the tape's path).
    Girth {
        /// The plane's origin in metres: the point inside the cross-section it was placed at.
        origin: Vec3,
        /// The plane's unit normal.
        normal: Vec3,
        /// The hull's corners in metres, counter-clockwise in the plane, without repeating the
        /// first; empty when no cross-section was found.
        path: Vec<Vec3>,
    },
    /// A straight tape between two points.
    Length {
        /// The tape's first end in metres (for a height, the top point).
        from: Vec3,
        /// The tape's other end in metres (for a height, the floor point straight below it).
        to: Vec3,
    },
}

/// One measurement taken on a mesh.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// The measurement this reading is for.
    pub key: Key,
    /// The measured value in cm (NaN when the tape found no cross-section there).
    pub cm: f64,
    /// Where the tape lay on the mesh.
    pub geometry: TapeGeometry,
}

/// Measures every length key of the avatar on its mesh, in [`Key::ALL`] order.
pub fn measure(avatar: &Avatar) -> Vec<Reading> {
    avatar
        .tapes
        .iter()
        .map(|&(key, placement)| measure_one(&avatar.mesh, key, placement))
        .collect()
}

/// Takes one measurement on a mesh with the tape placed as given.
pub fn measure_one(mesh: &TriangleMesh, key: Key, placement: TapePlacement) -> Reading {
    let vertex = |i: u32| mesh.positions.get(i as usize).copied().unwrap_or(Vec3::NAN);
    match placement {
        TapePlacement::Girth(plane) => {
            let Plane { origin, normal } = plane;
            match girth(mesh, plane) {
                Some((perimeter, path)) => Reading {
                    key,
                    cm: perimeter * 100.0,
                    geometry: TapeGeometry::Girth {
                        origin,
                        normal,
                        path,
                    },
                },
                None => Reading {
                    key,
                    cm: f64::NAN,
                    geometry: TapeGeometry::Girth {
                        origin,
                        normal,
                        path: Vec::new(),
                    },
                },
            }
        }
        TapePlacement::Length { from, to } => {
            let (from, to) = (vertex(from), vertex(to));
            Reading {
                key,
                cm: from.as_dvec3().distance(to.as_dvec3()) * 100.0,
                geometry: TapeGeometry::Length { from, to },
            }
        }
        TapePlacement::Height { top } => {
            let from = vertex(top);
            let floor = mesh
                .positions
                .iter()
                .map(|p| p.y)
                .fold(f32::INFINITY, f32::min);
            let to = Vec3::new(from.x, floor, from.z);
            Reading {
                key,
                cm: (from.y as f64 - floor as f64) * 100.0,
                geometry: TapeGeometry::Length { from, to },
            }
        }
    }
}

/// The tape around the body part whose cross-section in `plane` lies nearest to the plane's
/// origin: its perimeter in metres and its path (the convex hull, closed loop).
pub fn girth(mesh: &TriangleMesh, plane: Plane) -> Option<(f64, Vec<Vec3>)> {
    let nearest = nearest_section(mesh, plane)?;
    let Plane { origin, normal } = plane;
    let (u, v) = plane_basis(normal);
    let flat: Vec<DVec2> = nearest
        .points
        .iter()
        .map(|p| {
            let d = (*p - origin).as_dvec3();
            DVec2::new(d.dot(u.as_dvec3()), d.dot(v.as_dvec3()))
        })
        .collect();
    let hull = convex_hull(&flat);
    let perimeter = hull_perimeter(&hull);
    let path = hull
        .iter()
        .map(|q| origin + u * q.x as f32 + v * q.y as f32)
        .collect();
    Some((perimeter, path))
}

/// A beam caliper laid horizontally at height `y` across the body part whose cross-section lies
/// nearest to `centre` (moved to that height): its breadth (side to side, along x) and depth
/// (front to back, along z) in metres, as the survey measures trunk breadths and depths.
pub fn caliper(mesh: &TriangleMesh, y: f32, centre: Vec3) -> Option<Breadths> {
    let plane = Plane {
        origin: Vec3::new(centre.x, y, centre.z),
        normal: Vec3::Y,
    };
    let section = nearest_section(mesh, plane)?;
    let (mut lo, mut hi) = (Vec3::INFINITY, Vec3::NEG_INFINITY);
    for p in &section.points {
        lo = lo.min(*p);
        hi = hi.max(*p);
    }
    Some(Breadths {
        breadth: hi.x - lo.x,
        depth: hi.z - lo.z,
    })
}

/// What a caliper reads across one cross-section, metres.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Breadths {
    /// Side to side (x).
    pub breadth: f32,
    /// Front to back (z).
    pub depth: f32,
}

/// Enclosed volume of a closed mesh in m³ (for a weight estimate).
pub fn volume_m3(mesh: &TriangleMesh) -> f64 {
    mesh.indices
        .chunks_exact(3)
        .map(|t| {
            let p = |i: u32| {
                mesh.positions
                    .get(i as usize)
                    .copied()
                    .unwrap_or(Vec3::ZERO)
                    .as_dvec3()
            };
            p(t[0]).dot(p(t[1]).cross(p(t[2])))
        })
        .sum::<f64>()
        / 6.0
}
