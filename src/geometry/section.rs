//! Cross-sections of a triangle mesh by a plane, split into the separate loops (one per body part
//! the plane cuts) by following the mesh's connectivity, not by distance.

use super::disjoint::{find, union};
use super::{Plane, TriangleMesh};
use glam::Vec3;
use std::collections::HashMap;

/// One connected cross-section: the points where the plane cuts the mesh.
#[derive(Clone, Debug, Default)]
pub struct CrossSection {
    /// Cut points: mesh vertices on the plane and edge crossings, in no particular order.
    pub points: Vec<Vec3>,
}

impl CrossSection {
    /// The mean of the cut points.
    pub fn centroid(&self) -> Vec3 {
        self.points.iter().copied().sum::<Vec3>() / self.points.len().max(1) as f32
    }
}

/// A point of the cut: a vertex lying on the plane, or an edge crossing it.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum CutPoint {
    Vertex(u32),
    Edge(u32, u32),
}

/// All cross-sections of `mesh` by `plane` (in no particular order).
pub fn cross_sections(mesh: &TriangleMesh, plane: Plane) -> Vec<CrossSection> {
    const ON_PLANE: f32 = 1e-6;
    let (origin, n) = (plane.origin, plane.normal.normalize_or(Vec3::Y));
    let dist: Vec<f32> = mesh
        .positions
        .iter()
        .map(|p| (*p - origin).dot(n))
        .collect();
    let sides: Vec<i8> = dist
        .iter()
        .map(|&d| {
            if d.abs() <= ON_PLANE {
                0
            } else if d > 0.0 {
                1
            } else if d < 0.0 {
                -1
            } else {
                2
            }
        })
        .collect();
    // Out-of-range indices count as "not cut" (2 never matches a crossing).
    let side = |i: u32| sides.get(i as usize).copied().unwrap_or(2);
    let mut ids: HashMap<CutPoint, usize> = HashMap::new();
    let mut points: Vec<Vec3> = Vec::new();
    let mut parent: Vec<usize> = Vec::new();
    let mut id_of = |cut: CutPoint, points: &mut Vec<Vec3>, parent: &mut Vec<usize>| -> usize {
        *ids.entry(cut).or_insert_with(|| {
            let p = match cut {
                CutPoint::Vertex(i) => mesh.positions[i as usize],
                CutPoint::Edge(a, b) => {
                    let (da, db) = (dist[a as usize], dist[b as usize]);
                    let t = da / (da - db);
                    mesh.positions[a as usize].lerp(mesh.positions[b as usize], t)
                }
            };
            points.push(p);
            parent.push(parent.len());
            parent.len() - 1
        })
    };
    for tri in mesh.triangles() {
        let s = [side(tri[0]), side(tri[1]), side(tri[2])];
        if s.contains(&2) || (s[0] == s[1] && s[1] == s[2] && s[0] != 0) {
            continue;
        }
        let mut cut = [0usize; 3];
        let mut count = 0;
        for k in 0..3 {
            let (a, b) = (tri[k], tri[(k + 1) % 3]);
            if s[k] == 0 {
                cut[count.min(2)] = id_of(CutPoint::Vertex(a), &mut points, &mut parent);
                count += 1;
            } else if s[(k + 1) % 3] != 0 && s[k] != s[(k + 1) % 3] {
                cut[count.min(2)] =
                    id_of(CutPoint::Edge(a.min(b), a.max(b)), &mut points, &mut parent);
                count += 1;
            }
        }
        for k in 1..count.min(3) {
            union(&mut parent, cut[0], cut[k]);
        }
    }
    let mut groups: HashMap<usize, CrossSection> = HashMap::new();
    for (i, &point) in points.iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().points.push(point);
    }
    groups.into_values().collect()
}

/// The cross-section of at least three points whose centroid lies nearest to the plane's origin:
/// the body part a tape laid in that plane goes round.
pub fn nearest_section(mesh: &TriangleMesh, plane: Plane) -> Option<CrossSection> {
    let centre = plane.origin;
    cross_sections(mesh, plane)
        .into_iter()
        .filter(|s| s.points.len() >= 3)
        .min_by(|a, b| {
            a.centroid()
                .distance_squared(centre)
                .total_cmp(&b.centroid().distance_squared(centre))
        })
}
