//! The reference avatar's skin for draping the generated cloth: garment points that come closer
//! than the clearance, or lie inside the body, are pushed out along the shortest way. Closest
//! points and inside tests are the triangle hierarchy's ([`TriangleBvh`]).

use crate::geometry::{TriangleBvh, TriangleMesh};
use glam::Vec3;

/// How far inside the body a point's way out is still looked for (m).
const INSIDE_REACH: f32 = 0.6;

/// The avatar's triangles (those with an area), indexed.
pub(super) struct Skin {
    bvh: TriangleBvh,
}

impl Skin {
    pub fn new(mesh: &TriangleMesh) -> Self {
        let at = |i: u32| mesh.positions[i as usize];
        let indices: Vec<u32> = mesh
            .triangles()
            .iter()
            .filter(|t| t.iter().all(|&i| (i as usize) < mesh.positions.len()))
            .filter(|t| {
                let [a, b, c] = t.map(at);
                (b - a).cross(c - a).length_squared() > 0.0
            })
            .flatten()
            .copied()
            .collect();
        Skin {
            bvh: TriangleBvh::new(&mesh.positions, &indices),
        }
    }

    /// The closest surface point within `radius` of `p`, if any.
    fn closest(&self, p: Vec3, radius: f32) -> Option<Vec3> {
        self.bvh.closest(p, radius).map(|hit| hit.point)
    }

    /// Moves `p` to at least `clearance` outside the surface (unchanged when it already is).
    pub fn push_out(&self, p: Vec3, clearance: f32) -> Vec3 {
        let mut p = p;
        // In a crease narrower than twice the clearance each push lands near the other side:
        // enough rounds walk the point out along the crease.
        for _ in 0..16 {
            if self.bvh.encloses(p) {
                let Some(q) = self.closest(p, INSIDE_REACH) else {
                    return p;
                };
                p = q + (q - p).normalize_or(Vec3::Y) * clearance;
            } else {
                match self.closest(p, clearance) {
                    Some(q) => {
                        let d = p - q;
                        if d.length() >= clearance * 0.999 {
                            return p;
                        }
                        p = q + d.normalize_or(Vec3::Y) * clearance;
                    }
                    None => return p,
                }
            }
        }
        p
    }
}
