//! A plane in space: a point on it and its unit normal (a tape's plane, a contact plane).

use glam::Vec3;

/// A plane through `origin` with unit `normal`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plane {
    /// A point of the plane (for a tape: a point inside the body part's cross-section).
    pub origin: Vec3,
    /// Unit normal.
    pub normal: Vec3,
}

impl Plane {
    /// The same plane mirrored in x = 0 (the body's other side).
    pub fn mirrored(self) -> Plane {
        let flip = Vec3::new(-1.0, 1.0, 1.0);
        Plane {
            origin: self.origin * flip,
            normal: self.normal * flip,
        }
    }

    /// Signed distance of `p` from the plane along its normal.
    pub fn distance(&self, p: Vec3) -> f32 {
        (p - self.origin).dot(self.normal)
    }
}

/// Two unit vectors spanning the plane with the given normal.
pub fn plane_basis(normal: Vec3) -> (Vec3, Vec3) {
    let n = normal.normalize_or(Vec3::Y);
    let helper = if n.x.abs() < 0.9 { Vec3::X } else { Vec3::Z };
    let u = n.cross(helper).normalize_or(Vec3::Z);
    (u, n.cross(u))
}
