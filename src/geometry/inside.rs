//! Whether a point lies inside a closed triangle mesh: a ray from it straight forward (+z)
//! crosses the surface an odd number of times. The ray's candidates come from the triangle
//! hierarchy (the boxes its line passes through); a ray through an edge shared by two
//! triangles counts for exactly one of them (a top-left rule), so the parity holds there too.

use super::TriangleBvh;
use glam::{DVec2, Vec3, Vec3A};

impl TriangleBvh {
    /// Whether `p` is inside the closed mesh the hierarchy was built over.
    pub fn encloses(&self, p: Vec3) -> bool {
        if self.nodes.is_empty() || !p.is_finite() {
            return false;
        }
        let q = DVec2::new(f64::from(p.x), f64::from(p.y));
        let mut crossings = 0usize;
        self.for_each_leaf(
            |node| p.x >= node.min.x && p.x <= node.max.x && p.y >= node.min.y && p.y <= node.max.y,
            |slots| {
                for corners in &self.corners[slots] {
                    if forward_hit(corners, q).is_some_and(|z| z > f64::from(p.z)) {
                        crossings += 1;
                    }
                }
            },
        );
        crossings % 2 == 1
    }
}

/// Where the line along z through `q` (x, y) meets the triangle: its z, if it does. Points on an
/// edge count for exactly one of the two triangles sharing it (a top-left rule).
fn forward_hit(t: &[Vec3A; 3], q: DVec2) -> Option<f64> {
    let v = t.map(|p| DVec2::new(f64::from(p.x), f64::from(p.y)));
    let area = (v[1] - v[0]).perp_dot(v[2] - v[0]);
    if area == 0.0 {
        return None;
    }
    let sign = area.signum();
    let mut w = [0.0; 3];
    for k in 0..3 {
        let (a, b) = (v[(k + 1) % 3], v[(k + 2) % 3]);
        let e = (b - a).perp_dot(q - a) * sign;
        let d = (b - a) * sign;
        let top_left = d.y < 0.0 || (d.y == 0.0 && d.x > 0.0);
        if e < 0.0 || (e == 0.0 && !top_left) {
            return None;
        }
        w[k] = e;
    }
    let sum = w[0] + w[1] + w[2];
    if sum <= 0.0 {
        return None;
    }
    Some((0..3).map(|k| w[k] * f64::from(t[k].z)).sum::<f64>() / sum)
}
