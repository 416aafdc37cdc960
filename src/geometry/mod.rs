//! Geometry shared by the body, the tape measure, the fitting and the sample catalog (glam only,
//! nothing else of the crate): the triangle mesh in metres, planes, convex hulls, cross-sections
//! of a mesh by a plane, closest points on triangles, the spatial indexes and union–find.
//!
//! Two spatial indexes stay, because they answer different questions:
//! - [`TriangleBvh`] over a finished mesh's triangles: the closest point (the body's surface, the
//!   sample catalog's skin), every crossing of a segment (a lower garment's sheets) and whether
//!   a point is inside a closed mesh (a ray's crossing parity).
//! - [`PointGrid`] over points inserted one by one: the points near a point so far (welding a
//!   garment's vertices into particles as they are read, finding a loose piece's sewing point).
//!   A hierarchy is built once over a finished set; a weld asks before every insertion.

mod bvh;
mod closest;
mod crossing;
mod disjoint;
mod hull;
mod inside;
mod mesh;
mod plane;
mod point_grid;
mod section;

pub use bvh::{Hit, TriangleBvh};
pub use closest::{Feature, closest_on_triangle};
pub use crossing::Crossing;
pub use disjoint::{find, union};
pub use hull::{convex_hull, convex_hull_into, hull_perimeter, ring_hull_into};
pub use mesh::{
    RingStrip, TriangleMesh, quad_vertex_normals_into, vertex_normals, vertex_normals_into,
};
pub use plane::{Plane, plane_basis};
pub use point_grid::PointGrid;
pub use section::{CrossSection, cross_sections, nearest_section};
