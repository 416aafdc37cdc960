//! The tape measure: girths as the convex-hull perimeter of one body part's cross-section in the
//! tape's plane (a tape bridges hollows), lengths as straight distances between landmarks.

mod hull;
mod slice;

pub use hull::{convex_hull, hull_perimeter};
pub use slice::{CrossSection, cross_sections};

use crate::body::{Avatar, BodyMesh, TapePlacement};
use crate::measurements::Key;
use glam::Vec3;

/// Where the tape lay, for reports and for drawing it on the avatar.
#[derive(Clone, Debug, PartialEq)]
pub enum TapeGeometry {
    /// The tape around a body part: its plane and the closed hull polygon (the tape's path).
    Girth {
        origin: Vec3,
        normal: Vec3,
        path: Vec<Vec3>,
    },
    /// A straight tape between two points.
    Length { from: Vec3, to: Vec3 },
}

/// One measurement taken on a mesh.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub key: Key,
    /// The measured value in cm (NaN when the tape found no cross-section there).
    pub cm: f64,
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
pub fn measure_one(mesh: &BodyMesh, key: Key, placement: TapePlacement) -> Reading {
    let vertex = |i: u32| mesh.positions.get(i as usize).copied().unwrap_or(Vec3::NAN);
    match placement {
        TapePlacement::Girth { origin, normal } => match girth(mesh, origin, normal) {
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
        },
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

/// The tape around the body part whose cross-section in the plane (`origin`, `normal`) lies
/// nearest to `origin`: its perimeter in metres and its path (the convex hull, closed loop).
pub fn girth(mesh: &BodyMesh, origin: Vec3, normal: Vec3) -> Option<(f64, Vec<Vec3>)> {
    let sections = cross_sections(mesh, origin, normal);
    let nearest = sections
        .iter()
        .filter(|s| s.points.len() >= 3)
        .min_by(|a, b| {
            a.centroid()
                .distance_squared(origin)
                .total_cmp(&b.centroid().distance_squared(origin))
        })?;
    let (u, v) = plane_basis(normal);
    let flat: Vec<[f64; 2]> = nearest
        .points
        .iter()
        .map(|p| {
            let d = (*p - origin).as_dvec3();
            [d.dot(u.as_dvec3()), d.dot(v.as_dvec3())]
        })
        .collect();
    let hull = convex_hull(&flat);
    let perimeter = hull_perimeter(&hull);
    let path = hull
        .iter()
        .map(|q| origin + u * q[0] as f32 + v * q[1] as f32)
        .collect();
    Some((perimeter, path))
}

/// Two unit vectors spanning the plane with the given normal.
pub fn plane_basis(normal: Vec3) -> (Vec3, Vec3) {
    let n = normal.normalize_or(Vec3::Y);
    let helper = if n.x.abs() < 0.9 { Vec3::X } else { Vec3::Z };
    let u = n.cross(helper).normalize_or(Vec3::Z);
    (u, n.cross(u))
}

/// Enclosed volume of a closed mesh in m³ (for a weight estimate).
pub fn volume_m3(mesh: &BodyMesh) -> f64 {
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
