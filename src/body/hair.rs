//! Simple hair: a shell over the avatar's head, a separate mesh drawn over the avatar (the
//! avatar's own mesh and topology are untouched, and the fit never sees it). Its vertices are
//! the head's, moved out along their normals by the hair's thickness; where there is no hair the
//! thickness turns negative, so the shell dips under the skin and the line where hair meets skin
//! runs smoothly whatever the mesh's rows are.
//!
//! Two styles ([`Style`]):
//! - **short**, a cap: the hairline is placed from the head-girth ring and the crown (`H` = the
//!   crown's height above that ring, about 9 cm): at the forehead 0.6 `H` below the crown, above
//!   the ears 1.05 `H`, at the nape 1.9 `H`, blended round the head by the direction from its
//!   axis;
//! - **bob**, chin length: the cap's forehead, and at the sides and back hair down to the chin's
//!   height that hangs straight from the head's widest point (a smooth curtain over the ears
//!   and the nape, tucked in a little at its ends) instead of following the skin in to the
//!   neck. Its edge beside the face runs down in front of the ears.

use super::Avatar;
use super::section::smoothstep;
use crate::geometry::{TriangleMesh, vertex_normals};
use crate::measurements::Key;
use glam::{Vec2, Vec3};
use std::f32::consts::{PI, TAU};

/// A hair style.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Style {
    /// A cap over the top and back of the head, above the ears.
    #[default]
    Short,
    /// Chin length, hanging straight at the sides and back.
    Bob,
}

impl Style {
    /// Every style, in the picker's order.
    pub const ALL: [Style; 2] = [Style::Short, Style::Bob];

    /// The name kept in the store (`bob`).
    pub fn code(self) -> &'static str {
        match self {
            Style::Short => "short",
            Style::Bob => "bob",
        }
    }

    /// The style of a stored name; an unknown one (a newer version's) is `None`.
    pub fn from_code(code: &str) -> Option<Style> {
        Style::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The hair's thickness on top of the head and at the hairline, metres.
const THICK_TOP: f32 = 0.012;
const THICK_EDGE: f32 = 0.004;
/// How deep under the skin the shell lies where there is no hair, metres.
const UNDER: f32 = 0.003;
/// Over how much height the shell comes out of the skin at the hairline, metres: over a few of
/// the head's rows, so that its thickness changes nearly linearly from one row to the next and
/// the line where it crosses the skin runs straight through the triangles (over one row,
/// 12 mm until 2026-12-07, that line stepped from row to row at the temples).
const RISE: f32 = 0.03;
/// Where along the rise (0 … 1) the shell comes out of the skin at the hairline's thickness:
/// `smoothstep(MEET) = UNDER / (THICK_EDGE + UNDER)`, so hair meets skin on the hairline itself.
const MEET: f32 = 0.452;
/// The bob's edge beside the face: the direction from the head's axis (1 at the front centre,
/// 0 at the sides) where hair meets skin, and over how much of that measure the shell comes out
/// (about 3 cm of the head's round at the temples).
const BOB_EDGE: f32 = 0.42;
const BOB_RISE: f32 = 0.3;
/// How much the bob's curtain narrows from the head's widest point to its ends.
const BOB_TUCK: f32 = 0.05;
/// Over how much height below the head's widest point the curtain leaves the skin, metres.
const BOB_EASE: f32 = 0.03;
/// Directions round the head the curtain's table holds.
const BINS: usize = 48;

/// The hair over `avatar`'s head in `style` (an empty mesh for an avatar without a head-girth
/// tape).
pub fn mesh(avatar: &Avatar, style: Style) -> TriangleMesh {
    let mesh = &avatar.mesh;
    let Some(ring) = avatar.girth(Key::HeadGirth).map(|plane| plane.origin) else {
        return TriangleMesh::default();
    };
    let crown = mesh.positions.iter().map(|p| p.y).fold(f32::MIN, f32::max);
    let h = (crown - ring.y).max(0.04);
    let axis = Vec2::new(ring.x, ring.z);
    // The head's vertices: above the nape's line less the rise (the cap) or the chin (the bob),
    // near the head's axis (a hand is never up there, but an arm raised high could be).
    let lowest = match style {
        Style::Short => crown - 1.9 * h - RISE,
        Style::Bob => avatar.skeleton.head.to_y.min(crown - 1.9 * h),
    };
    let reach = 2.2 * h;
    let computed;
    let normals: &[Vec3] = if mesh.normals.len() == mesh.positions.len() {
        &mesh.normals
    } else {
        computed = vertex_normals(&mesh.positions, mesh.triangles(), Vec3::Y);
        &computed
    };
    let curtain = (style == Style::Bob).then(|| Curtain::of(mesh, axis, ring.y, reach, lowest));
    let mut index = vec![u32::MAX; mesh.positions.len()];
    let mut positions = Vec::new();
    for (i, &p) in mesh.positions.iter().enumerate() {
        let across = Vec2::new(p.x, p.z) - axis;
        let skin = across.length();
        if p.y < lowest || skin > reach {
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
        let mut thickness = THICK_EDGE + (THICK_TOP - THICK_EDGE) * on_top * on_top;
        let mut hair = smoothstep(over);
        // The bob's sides and back: hair wherever the direction is off the face.
        let side = match style {
            Style::Short => 0.0,
            Style::Bob => smoothstep((BOB_EDGE - front) / BOB_RISE + MEET),
        };
        thickness += (THICK_TOP - thickness) * side;
        hair = hair.max(side);
        let out = -UNDER + (thickness + UNDER) * hair;
        let mut q = p + normals[i] * out;
        if let Some(curtain) = &curtain {
            q = curtain.hang(q, skin, axis, side);
        }
        index[i] = positions.len() as u32;
        positions.push(q);
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

/// Where the bob hangs: for each direction round the head, the head's widest reach from its axis
/// (from a little below the head-girth ring up) and that point's height. Below that height the
/// hair falls straight (narrowing by [`BOB_TUCK`] down to its ends) unless the skin stands
/// further out.
struct Curtain {
    /// Per direction bin: (radius, height), metres.
    widest: [(f32, f32); BINS],
    /// The curtain's ends.
    bottom: f32,
}

impl Curtain {
    fn of(mesh: &TriangleMesh, axis: Vec2, ring_y: f32, reach: f32, bottom: f32) -> Curtain {
        let mut widest = [(0.0f32, ring_y); BINS];
        for p in &mesh.positions {
            let across = Vec2::new(p.x, p.z) - axis;
            let r = across.length();
            if p.y < ring_y - 0.02 || r > reach {
                continue;
            }
            let bin = &mut widest[bin_of(across)];
            if r > bin.0 {
                *bin = (r, p.y);
            }
        }
        // Smoothed round the head (a bin the mesh's columns missed takes its neighbours').
        let raw = widest;
        for (k, bin) in widest.iter_mut().enumerate() {
            let (mut r, mut y, mut sum) = (0.0, 0.0, 0.0);
            for (j, weight) in [(k + BINS - 1, 1.0), (k, 2.0), (k + 1, 1.0)] {
                let (rj, yj) = raw[j % BINS];
                if rj > 0.0 {
                    (r, y, sum) = (r + weight * rj, y + weight * yj, sum + weight);
                }
            }
            if sum > 0.0 {
                *bin = (r / sum, y / sum);
            }
        }
        Curtain { widest, bottom }
    }

    /// The hair point `q` hung from the head's widest point, as far as `weight` (0 … 1) says;
    /// `skin` is the distance from the head's axis of the skin under it. Over an ear (or
    /// anything else standing out under the curtain) the hair passes at the hairline's
    /// thickness, not the crown's: the curtain stays smooth.
    fn hang(&self, q: Vec3, skin: f32, axis: Vec2, weight: f32) -> Vec3 {
        let across = Vec2::new(q.x, q.z) - axis;
        let (r_wide, y_wide) = self.widest[bin_of(across)];
        if weight <= 0.0 || q.y >= y_wide || r_wide <= 0.0 {
            return q;
        }
        let down = ((y_wide - q.y) / (y_wide - self.bottom).max(0.01)).clamp(0.0, 1.0);
        let target = ((r_wide + THICK_TOP) * (1.0 - BOB_TUCK * down * down)).max(skin + THICK_EDGE);
        let r = across.length();
        let ease = smoothstep((y_wide - q.y) / BOB_EASE);
        let r_new = r + (target - r) * weight * ease;
        let dir = across.normalize_or_zero();
        let out = axis + dir * r_new;
        Vec3::new(out.x, q.y, out.y)
    }
}

/// The direction bin of a point `across` from the head's axis (0 at the front, counting round).
fn bin_of(across: Vec2) -> usize {
    let turn = (across.x.atan2(across.y) + PI) / TAU;
    ((turn * BINS as f32) as usize).min(BINS - 1)
}
