//! Details on top of a garment's cloth: a collar's fall folded over its stand, patches (pockets,
//! plackets, a fly) and bands lying on the cloth, buttons and drawstrings as small closed solids.

use super::pattern::{RadialTable, Trunk};
use super::sheet::Sheet;
use crate::export::{GlbMaterial, GlbMesh};
use crate::geometry::TriangleMesh;
use glam::{Vec2, Vec3};
use std::f32::consts::{PI, TAU};

/// A collar's fall: folded over the top of the stand (the trunk's top rows) and lying outside it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Fall {
    /// Half-angle of the opening in front (rad).
    pub gap: f32,
    /// Radius of the fold (m).
    pub roll: f32,
    /// How far the fall reaches below the stand's top (m).
    pub width: f32,
    /// How far its lower edge stands off the stand (m), more at the back.
    pub spread: f32,
    /// Extra length of the collar points in front (m).
    pub point: f32,
    /// Least distance kept off the cloth below (m).
    pub over: f32,
}

/// Builds the fall onto the trunk's top row.
pub(super) fn collar_fall(
    sheet: &mut Sheet,
    table: &RadialTable,
    trunk: &Trunk,
    fall: &Fall,
    part: usize,
) {
    let top = &trunk.ids[trunk.ids.len() - 1];
    let n = top.len();
    let phi = |j: usize| -PI + TAU * j as f32 / n as f32;
    // Columns from the left of the front gap round the back to its right.
    let columns: Vec<usize> = (0..n)
        .map(|k| (n / 2 + k) % n)
        .filter(|&j| phi(j).abs() >= fall.gap)
        .collect();
    // Keep the columns in one run: start just after the gap on the left side.
    let start = columns.iter().position(|&j| phi(j) > 0.0).unwrap_or(0);
    let columns: Vec<usize> = columns[start..]
        .iter()
        .chain(&columns[..start])
        .copied()
        .collect();
    let profile = [
        (0.6, 0.7, 0.0),
        (1.6, 0.5, 0.0),
        (2.0, -0.2, 0.25),
        (2.0, -0.5, 0.55),
        (2.0, -0.8, 0.8),
        (2.0, -1.0, 1.0),
    ];
    let mut rows: Vec<Vec<u32>> = vec![columns.iter().map(|&j| top[j].unwrap_or(0)).collect()];
    for &(out, down, spread) in &profile {
        let ring: Vec<Vec3> = columns
            .iter()
            .map(|&j| {
                let t = sheet.pos[top[j].unwrap_or(0) as usize];
                let c = table.centre(t.y);
                let o = Vec3::new(t.x - c.x, 0.0, t.z - c.z).normalize_or(Vec3::Z);
                let theta = phi(j);
                // Collar points: longer and reaching forward near the front opening.
                let near = (1.0 - (theta.abs() - fall.gap) / 0.6).clamp(0.0, 1.0);
                let depth = if down < 0.0 {
                    -down * (fall.width + fall.point * near * near)
                } else {
                    -down * fall.roll
                };
                let back = 0.5 + 0.5 * (-theta.cos());
                let reach = fall.roll * out + fall.spread * spread * (0.6 + 0.4 * back);
                let mut p = t + o * reach - Vec3::Y * depth;
                // Keep off the cloth below.
                let below = table.point(theta, p.y, fall.over);
                let r_min = Vec2::new(below.x - c.x, below.z - c.z).length();
                let r = Vec2::new(p.x - c.x, p.z - c.z).length();
                if r < r_min {
                    p = Vec3::new(c.x + o.x * r_min, p.y, c.z + o.z * r_min);
                }
                p
            })
            .collect();
        rows.push(sheet.ring(&ring, false));
    }
    sheet.grid(&rows, (columns.len(), profile.len()), part);
}

/// A patch lying `extra` outside a table's surface: `shape(u, v)` maps the unit square to
/// (θ, level); u should run with θ and v upwards so the patch faces out.
pub(super) fn patch(
    sheet: &mut Sheet,
    table: &RadialTable,
    shape: &dyn Fn(f32, f32) -> (f32, f32),
    extra: f32,
    (cols, rows): (usize, usize),
    part: usize,
) {
    let ids: Vec<Vec<u32>> = (0..=rows)
        .map(|r| {
            (0..=cols)
                .map(|c| {
                    let (theta, y) = shape(c as f32 / cols as f32, r as f32 / rows as f32);
                    sheet.vertex(table.point(theta, y, extra), false)
                })
                .collect()
        })
        .collect();
    sheet.grid(&ids, (cols, rows), part);
}

/// A closed band all round between two levels, `extra` outside a table's surface.
pub(super) fn band(
    sheet: &mut Sheet,
    table: &RadialTable,
    (lo, hi): (f32, f32),
    extra: f32,
    (cols, rows): (usize, usize),
    part: usize,
) {
    let rings: Vec<Vec<u32>> = (0..=rows)
        .map(|r| {
            let y = lo + (hi - lo) * r as f32 / rows as f32;
            let points: Vec<Vec3> = (0..cols)
                .map(|c| table.point(-PI + TAU * c as f32 / cols as f32, y, extra))
                .collect();
            sheet.ring(&points, false)
        })
        .collect();
    for r in 0..rows {
        let (v0, v1) = (r as f32 / rows as f32, (r + 1) as f32 / rows as f32);
        sheet.stitch(&rings[r], &rings[r + 1], v0, v1, part);
    }
}

/// Buttons: flat cylinders of `radius` and `height` standing on the cloth at each point, along
/// its outward direction, as one closed mesh.
pub(super) fn buttons(
    name: &str,
    places: &[(Vec3, Vec3)],
    radius: f32,
    height: f32,
    material: GlbMaterial,
) -> GlbMesh {
    const SEGMENTS: usize = 20;
    let mut mesh = TriangleMesh::default();
    for &(base, axis) in places {
        let axis = axis.normalize_or(Vec3::Z);
        let e1 = axis.any_orthonormal_vector();
        let e2 = axis.cross(e1);
        let rim = |k: usize, r: f32| {
            let a = TAU * k as f32 / SEGMENTS as f32;
            (e1 * a.cos() + e2 * a.sin()) * r
        };
        let mut push = |p: Vec3, n: Vec3, uv: Vec2| {
            mesh.positions.push(p);
            mesh.normals.push(n);
            mesh.uvs.push(uv);
            (mesh.positions.len() - 1) as u32
        };
        // Top face (slightly domed), bottom face, side.
        let top = base + axis * height;
        let top_centre = push(top + axis * height * 0.3, axis, Vec2::splat(0.5));
        let top_ring: Vec<u32> = (0..SEGMENTS)
            .map(|k| {
                let a = TAU * k as f32 / SEGMENTS as f32;
                let d = rim(k, radius);
                let uv = Vec2::new(0.5 + 0.5 * a.cos(), 0.5 + 0.5 * a.sin());
                push(top + d, (axis * 2.0 + d / radius).normalize_or_zero(), uv)
            })
            .collect();
        let bottom_centre = push(base, -axis, Vec2::splat(0.5));
        let bottom_ring: Vec<u32> = (0..SEGMENTS)
            .map(|k| push(base + rim(k, radius), -axis, Vec2::splat(0.5)))
            .collect();
        let side: Vec<(u32, u32)> = (0..=SEGMENTS)
            .map(|k| {
                let d = rim(k % SEGMENTS, radius);
                let n = d / radius;
                let u = k as f32 / SEGMENTS as f32;
                (
                    push(base + d, n, Vec2::new(u, 0.0)),
                    push(top + d, n, Vec2::new(u, 1.0)),
                )
            })
            .collect();
        for k in 0..SEGMENTS {
            let k1 = (k + 1) % SEGMENTS;
            mesh.indices
                .extend_from_slice(&[top_centre, top_ring[k], top_ring[k1]]);
            mesh.indices
                .extend_from_slice(&[bottom_centre, bottom_ring[k1], bottom_ring[k]]);
            let ((b0, t0), (b1, t1)) = (side[k], side[k + 1]);
            mesh.indices.extend_from_slice(&[b0, b1, t1, b0, t1, t0]);
        }
    }
    GlbMesh::new(name, mesh, material)
}

/// Drawstrings: closed round cords of `radius` along each polyline.
pub(super) fn cords(
    name: &str,
    paths: &[Vec<Vec3>],
    radius: f32,
    material: GlbMaterial,
) -> GlbMesh {
    const SEGMENTS: usize = 10;
    let mut mesh = TriangleMesh::default();
    for path in paths {
        let count = path.len();
        let mut rings = Vec::new();
        let mut side = Vec3::X;
        for (i, &p) in path.iter().enumerate() {
            let t = (path[(i + 1).min(count - 1)] - path[i.saturating_sub(1)])
                .normalize_or(Vec3::NEG_Y);
            let e1 = (side - t * side.dot(t)).normalize_or(t.any_orthonormal_vector());
            side = e1;
            let e2 = t.cross(e1);
            let ring: Vec<u32> = (0..=SEGMENTS)
                .map(|k| {
                    let a = TAU * k as f32 / SEGMENTS as f32;
                    let d = e1 * a.cos() + e2 * a.sin();
                    mesh.positions.push(p + d * radius);
                    mesh.normals.push(d);
                    mesh.uvs.push(Vec2::new(
                        k as f32 / SEGMENTS as f32,
                        i as f32 / (count - 1) as f32,
                    ));
                    (mesh.positions.len() - 1) as u32
                })
                .collect();
            rings.push((ring, t));
        }
        for w in rings.windows(2) {
            let (a, b) = (&w[0].0, &w[1].0);
            for k in 0..SEGMENTS {
                mesh.indices
                    .extend_from_slice(&[a[k], a[k + 1], b[k + 1], a[k], b[k + 1], b[k]]);
            }
        }
        // End caps.
        for (end, (ring, t)) in [(0, &rings[0]), (1, &rings[rings.len() - 1])] {
            let n = if end == 0 { -*t } else { *t };
            let centre = path[if end == 0 { 0 } else { count - 1 }];
            mesh.positions.push(centre + n * radius * 0.3);
            mesh.normals.push(n);
            mesh.uvs.push(Vec2::new(0.5, end as f32));
            let pole = (mesh.positions.len() - 1) as u32;
            let cap: Vec<u32> = ring[..SEGMENTS]
                .iter()
                .map(|&i| {
                    mesh.positions.push(mesh.positions[i as usize]);
                    mesh.normals.push(n);
                    mesh.uvs.push(mesh.uvs[i as usize]);
                    (mesh.positions.len() - 1) as u32
                })
                .collect();
            for k in 0..SEGMENTS {
                let (a, b) = (cap[k], cap[(k + 1) % SEGMENTS]);
                let tri = if end == 0 { [pole, b, a] } else { [pole, a, b] };
                mesh.indices.extend_from_slice(&tri);
            }
        }
    }
    GlbMesh::new(name, mesh, material)
}

/// A button placket down the centre front: `half` the angle either side of it and the full
/// angle (`(half, 2 half)`), from `bottom` up `height` (m), `extra` out from the cloth.
pub(super) fn front_placket(
    sheet: &mut Sheet,
    table: &RadialTable,
    (half, width): (f32, f32),
    (bottom, height): (f32, f32),
    extra: f32,
    part: usize,
) {
    patch(
        sheet,
        table,
        &|u, v| (-half + width * u, bottom + height * v),
        extra,
        (4, 30),
        part,
    );
}

/// Flap pockets either side, from angle `from` to `to` (left side; mirrored on the right) and
/// from `bottom` up `depth` (m), `extra` out from the cloth.
pub(super) fn flap_pockets(
    sheet: &mut Sheet,
    table: &RadialTable,
    (from, to): (f32, f32),
    (bottom, depth): (f32, f32),
    extra: f32,
    part: usize,
) {
    for side in [1.0f32, -1.0] {
        let (a, b) = (from * side, to * side);
        let (lo, hi) = (a.min(b), a.max(b));
        patch(
            sheet,
            table,
            &|u, v| (lo + (hi - lo) * u, bottom + depth * v),
            extra,
            (10, 3),
            part,
        );
    }
}

/// The fly: a stitched-down flap left of the centre front, below a 4 cm waistband.
pub(super) fn fly(sheet: &mut Sheet, seat: &RadialTable, top: f32, extra: f32, part: usize) {
    patch(
        sheet,
        seat,
        &|u, v| {
            (
                0.005 + 0.11 * u,
                top - 0.045 - 0.15 + 0.15 * v - 0.02 * (1.0 - v) * u,
            )
        },
        extra,
        (3, 8),
        part,
    );
}
