//! Binding a garment to the reference avatar and transferring it to any other avatar.
//!
//! Every avatar has the same vertices and triangles, so a particle bound to a triangle of the
//! reference body (barycentric coordinates of its closest point, a signed offset along the
//! interpolated vertex normal there, and the small tangential remainder in the triangle's own
//! frame) lands at the corresponding place on any other body. On the reference body itself the
//! transfer gives back the garment exactly.

use super::anatomy::{Anatomy, BodyPart};
use crate::geometry::{TriangleBvh, TriangleMesh};
use glam::{Vec2, Vec3};

/// Where one particle sits relative to the body.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bound {
    /// Index of the closest body triangle (the same on every avatar: they share one topology).
    pub triangle: u32,
    /// Barycentric coordinates of the closest body point.
    pub bary: Vec3,
    /// Signed distance along the interpolated vertex normal (metres, negative inside).
    pub offset: f32,
    /// The remainder in the triangle's frame (along its first edge, and across it).
    pub tangent: Vec2,
    /// The body part of the triangle.
    pub part: BodyPart,
}

/// The binding of every particle of a garment.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Binding {
    /// One entry per cloth particle, in particle order.
    pub bound: Vec<Bound>,
}

/// A particle's place on a body: the surface point, the unit interpolated normal and the world
/// tangential remainder.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Anchor {
    /// The bound surface point on this body (world space, metres).
    pub base: Vec3,
    /// Unit interpolated vertex normal at `base`, pointing out of the body.
    pub normal: Vec3,
    /// The particle's tangential remainder, turned into this body's triangle frame (metres).
    pub tangent: Vec3,
}

impl Anchor {
    /// The particle's position with `offset` along the normal.
    pub fn at(&self, offset: f32) -> Vec3 {
        self.base + self.normal * offset + self.tangent
    }
}

/// The interpolated point and normal of a bound point, and a tangent frame across that normal.
fn frame(mesh: &TriangleMesh, triangle: u32, bary: Vec3) -> (Vec3, Vec3, Vec3, Vec3) {
    let t = triangle as usize * 3;
    let corner = |k: usize| {
        let i = mesh.indices.get(t + k).copied().unwrap_or(0) as usize;
        (
            mesh.positions.get(i).copied().unwrap_or(Vec3::ZERO),
            mesh.normals.get(i).copied().unwrap_or(Vec3::ZERO),
        )
    };
    let (a, na) = corner(0);
    let (b, nb) = corner(1);
    let (c, nc) = corner(2);
    let base = a * bary.x + b * bary.y + c * bary.z;
    let face = (b - a).cross(c - a).normalize_or_zero();
    let normal = (na * bary.x + nb * bary.y + nc * bary.z).normalize_or(face);
    // A frame of the plane across the interpolated normal, turned with the triangle's first edge.
    let edge = b - a;
    let e1 = (edge - normal * edge.dot(normal)).normalize_or_zero();
    let e2 = normal.cross(e1).normalize_or_zero();
    (base, normal, e1, e2)
}

/// Binds points (the garment's particles, reference space) to the closest triangles of the
/// reference avatar's mesh; `bvh` is built over that mesh, `anatomy` read from that avatar.
pub fn bind(points: &[Vec3], mesh: &TriangleMesh, bvh: &TriangleBvh, anatomy: &Anatomy) -> Binding {
    let mut hint = None;
    let bound = points
        .iter()
        .map(|&p| {
            let Some(hit) = bvh.closest_from(p, f32::INFINITY, hint) else {
                return Bound {
                    triangle: 0,
                    bary: Vec3::new(1.0, 0.0, 0.0),
                    offset: 0.0,
                    tangent: Vec2::ZERO,
                    part: BodyPart::Torso,
                };
            };
            hint = Some(hit.triangle);
            let (base, normal, e1, e2) = frame(mesh, hit.triangle, hit.bary);
            let d = p - base;
            let offset = d.dot(normal);
            let rest = d - normal * offset;
            Bound {
                triangle: hit.triangle,
                bary: hit.bary,
                offset,
                tangent: Vec2::new(rest.dot(e1), rest.dot(e2)),
                part: anatomy.part_of_triangle(hit.triangle),
            }
        })
        .collect();
    Binding { bound }
}

/// The anchors of a binding on another avatar's mesh (same topology).
pub fn anchors(binding: &Binding, mesh: &TriangleMesh) -> Vec<Anchor> {
    binding
        .bound
        .iter()
        .map(|b| {
            let (base, normal, e1, e2) = frame(mesh, b.triangle, b.bary);
            Anchor {
                base,
                normal,
                tangent: e1 * b.tangent.x + e2 * b.tangent.y,
            }
        })
        .collect()
}

/// Transfers a binding to a mesh without grading: each particle at its bound offset.
pub fn transfer(binding: &Binding, mesh: &TriangleMesh) -> Vec<Vec3> {
    anchors(binding, mesh)
        .iter()
        .zip(&binding.bound)
        .map(|(a, b)| a.at(b.offset))
        .collect()
}
