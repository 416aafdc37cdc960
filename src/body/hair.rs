//! A simple hair cap: a shell over the top and back of the avatar's head, a separate mesh drawn
//! over the avatar (the avatar's own mesh and topology are untouched, and the fit never sees
//! it). Its vertices are the head's, moved out along their normals by the hair's thickness;
//! below the hairline the thickness turns negative, so the shell dips under the skin and the
//! line where hair meets skin follows the hairline smoothly whatever the mesh's rows are.
//!
//! The hairline is placed from the head-girth ring and the crown (`H` = the crown's height above
//! that ring, about 9 cm): at the forehead 0.6 `H` below the crown, above the ears 1.05 `H`, at
//! the nape 1.9 `H`, blended round the head by the direction from its axis.

use super::section::smoothstep;
use super::{Avatar, TapePlacement};
use crate::geometry::{TriangleMesh, vertex_normals};
use crate::measurements::Key;
use glam::{Vec2, Vec3};

/// The hair's thickness on top of the head and at the hairline, metres.
const THICK_TOP: f32 = 0.012;
const THICK_EDGE: f32 = 0.004;
/// How deep under the skin the shell lies below the hairline, metres.
const UNDER: f32 = 0.003;
/// Over how much height the shell comes out of the skin at the hairline, metres: over a few of
/// the head's rows, so that its thickness changes nearly linearly from one row to the next and
/// the line where it crosses the skin runs straight through the triangles (over one row,
/// 12 mm until 2026-12-07, that line stepped from row to row at the temples).
const RISE: f32 = 0.03;
/// Where along the rise (0 … 1) the shell comes out of the skin at the hairline's thickness:
/// `smoothstep(MEET) = UNDER / (THICK_EDGE + UNDER)`, so hair meets skin on the hairline itself.
const MEET: f32 = 0.452;

/// The hair cap over `avatar`'s head (an empty mesh for an avatar without a head-girth tape).
pub fn cap(avatar: &Avatar) -> TriangleMesh {
    let mesh = &avatar.mesh;
    let Some(ring) = avatar.tapes.iter().find_map(|&(k, t)| match t {
        TapePlacement::Girth(plane) if k == Key::HeadGirth => Some(plane.origin),
        _ => None,
    }) else {
        return TriangleMesh::default();
    };
    let crown = mesh.positions.iter().map(|p| p.y).fold(f32::MIN, f32::max);
    let h = (crown - ring.y).max(0.04);
    let axis = Vec2::new(ring.x, ring.z);
    // The head's vertices: above the nape's line less the rise, near the head's axis (a hand
    // is never up there, but an arm raised high could be).
    let lowest = crown - 1.9 * h - RISE;
    let reach = 2.2 * h;
    let computed;
    let normals: &[Vec3] = if mesh.normals.len() == mesh.positions.len() {
        &mesh.normals
    } else {
        computed = vertex_normals(&mesh.positions, mesh.triangles(), Vec3::Y);
        &computed
    };
    let mut index = vec![u32::MAX; mesh.positions.len()];
    let mut positions = Vec::new();
    for (i, &p) in mesh.positions.iter().enumerate() {
        let across = Vec2::new(p.x, p.z) - axis;
        if p.y < lowest || across.length() > reach {
            continue;
        }
        // 1 at the forehead, 0 at the sides, −1 at the nape.
        let front = across.normalize_or_zero().y;
        let line = if front >= 0.0 {
            crown - h * (1.05 - 0.45 * front)
        } else {
            crown - h * (1.05 + 0.85 * -front)
        };
        let over = (p.y - line) / RISE + MEET;
        let on_top = ((p.y - line) / (crown - line).max(1e-3)).clamp(0.0, 1.0);
        let thickness = THICK_EDGE + (THICK_TOP - THICK_EDGE) * on_top * on_top;
        let out = -UNDER + (thickness + UNDER) * smoothstep(over);
        index[i] = positions.len() as u32;
        positions.push(p + normals[i] * out);
    }
    let indices: Vec<u32> = mesh
        .triangles()
        .iter()
        .filter_map(|t| {
            let mapped = t.map(|i| index[i as usize]);
            mapped.iter().all(|&i| i != u32::MAX).then_some(mapped)
        })
        .flatten()
        .collect();
    let normals = vertex_normals(&positions, indices.as_chunks().0, Vec3::Y);
    TriangleMesh {
        positions,
        normals,
        uvs: Vec::new(),
        indices,
    }
}
