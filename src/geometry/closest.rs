//! The closest point on a triangle to a point (Ericson, *Real-Time Collision Detection* 5.1.5),
//! with its barycentric coordinates and the feature (face, edge, corner) it lies on.

use glam::Vec3A;

/// Which part of a triangle the closest point lies on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feature {
    /// Inside the face.
    Face,
    /// On edge `k` (corner `k` to corner `k + 1 mod 3`).
    Edge(u8),
    /// At corner `k`.
    Vertex(u8),
}

/// The closest point to `p` on triangle `t`: the point, its barycentric coordinates and the
/// feature it lies on.
pub fn closest_on_triangle(p: Vec3A, t: &[Vec3A; 3]) -> (Vec3A, Vec3A, Feature) {
    let [a, b, c] = *t;
    let ab = b - a;
    let ac = c - a;
    let ap = p - a;
    let d1 = ab.dot(ap);
    let d2 = ac.dot(ap);
    if d1 <= 0.0 && d2 <= 0.0 {
        return (a, Vec3A::X, Feature::Vertex(0));
    }
    let bp = p - b;
    let d3 = ab.dot(bp);
    let d4 = ac.dot(bp);
    if d3 >= 0.0 && d4 <= d3 {
        return (b, Vec3A::Y, Feature::Vertex(1));
    }
    let vc = d1 * d4 - d3 * d2;
    if vc <= 0.0 && d1 >= 0.0 && d3 <= 0.0 {
        let v = d1 / (d1 - d3);
        return (a + ab * v, Vec3A::new(1.0 - v, v, 0.0), Feature::Edge(0));
    }
    let cp = p - c;
    let d5 = ab.dot(cp);
    let d6 = ac.dot(cp);
    if d6 >= 0.0 && d5 <= d6 {
        return (c, Vec3A::Z, Feature::Vertex(2));
    }
    let vb = d5 * d2 - d1 * d6;
    if vb <= 0.0 && d2 >= 0.0 && d6 <= 0.0 {
        let w = d2 / (d2 - d6);
        return (a + ac * w, Vec3A::new(1.0 - w, 0.0, w), Feature::Edge(2));
    }
    let va = d3 * d6 - d5 * d4;
    if va <= 0.0 && (d4 - d3) >= 0.0 && (d5 - d6) >= 0.0 {
        let w = (d4 - d3) / ((d4 - d3) + (d5 - d6));
        return (
            b + (c - b) * w,
            Vec3A::new(0.0, 1.0 - w, w),
            Feature::Edge(1),
        );
    }
    let sum = va + vb + vc;
    if sum.abs() <= f32::MIN_POSITIVE || !sum.is_finite() {
        // A degenerate (zero-area) triangle: the nearest corner.
        let da = ap.length_squared();
        let db = bp.length_squared();
        let dc = cp.length_squared();
        return if da <= db && da <= dc {
            (a, Vec3A::X, Feature::Vertex(0))
        } else if db <= dc {
            (b, Vec3A::Y, Feature::Vertex(1))
        } else {
            (c, Vec3A::Z, Feature::Vertex(2))
        };
    }
    let denom = 1.0 / sum;
    let v = vb * denom;
    let w = vc * denom;
    (
        a + ab * v + ac * w,
        Vec3A::new(1.0 - v - w, v, w),
        Feature::Face,
    )
}
