//! Where a line segment crosses a triangle mesh: every crossing, found through the mesh's
//! bounding-volume hierarchy (slab test per node) and the Möller–Trumbore test per triangle
//! (either side of a face counts). The fitting's layer collider reads the outermost sheet of a
//! lower garment this way along the body's normal.

use super::TriangleBvh;
use glam::{Vec3, Vec3A};

/// A segment crossing a triangle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Crossing {
    /// Triangle index (into the mesh's `indices / 3`).
    pub triangle: u32,
    /// Where along the segment: `origin + direction * t`.
    pub t: f32,
    /// Barycentric coordinates of the crossing in the triangle (corner weights, summing to 1).
    pub bary: Vec3,
    /// The triangle's unit normal (by its winding).
    pub normal: Vec3,
}

impl TriangleBvh {
    /// Calls `found` for every triangle that the segment `origin + direction * t`,
    /// `t ∈ [t_min, t_max]`, crosses (in no particular order). `direction` need not be unit.
    pub fn crossings(
        &self,
        origin: Vec3,
        direction: Vec3,
        (t_min, t_max): (f32, f32),
        mut found: impl FnMut(Crossing),
    ) {
        if self.nodes.is_empty() || !origin.is_finite() || !direction.is_finite() {
            return;
        }
        let (o, d) = (Vec3A::from(origin), Vec3A::from(direction));
        // An axis the segment runs parallel to gets a huge finite reciprocal (never ∞, whose
        // product with a zero distance to a box face would be NaN).
        let inv = (d.signum() * d.abs().max(Vec3A::splat(1e-20))).recip();
        self.for_each_leaf(
            |node| slab(o, inv, node.min, node.max, t_min, t_max),
            |slots| {
                for slot in slots {
                    let corners = &self.corners[slot];
                    if let Some((t, bary)) = crosses(o, d, corners)
                        && (t_min..=t_max).contains(&t)
                    {
                        let normal = (corners[1] - corners[0]).cross(corners[2] - corners[0]);
                        found(Crossing {
                            triangle: self.order[slot],
                            t,
                            bary,
                            normal: normal.normalize_or_zero().into(),
                        });
                    }
                }
            },
        );
    }
}

/// Whether the segment's `[t_min, t_max]` part meets the box (`inv`: the direction's reciprocal).
fn slab(o: Vec3A, inv: Vec3A, min: Vec3A, max: Vec3A, t_min: f32, t_max: f32) -> bool {
    let a = (min - o) * inv;
    let b = (max - o) * inv;
    let enter = a.min(b).max_element().max(t_min);
    let exit = a.max(b).min_element().min(t_max);
    enter <= exit
}

/// Möller–Trumbore: where the line `o + d·t` crosses the triangle, if it does (`t` and the
/// barycentric coordinates).
fn crosses(o: Vec3A, d: Vec3A, tri: &[Vec3A; 3]) -> Option<(f32, Vec3)> {
    let e1 = tri[1] - tri[0];
    let e2 = tri[2] - tri[0];
    let p = d.cross(e2);
    let det = e1.dot(p);
    if det.abs() < 1e-12 {
        return None;
    }
    let inv = 1.0 / det;
    let s = o - tri[0];
    let u = s.dot(p) * inv;
    if !(0.0..=1.0).contains(&u) {
        return None;
    }
    let q = s.cross(e1);
    let v = d.dot(q) * inv;
    if v < 0.0 || u + v > 1.0 {
        return None;
    }
    let t = e2.dot(q) * inv;
    t.is_finite().then(|| (t, Vec3::new(1.0 - u - v, u, v)))
}
