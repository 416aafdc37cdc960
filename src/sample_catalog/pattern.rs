//! Cloth surfaces built from rings around the avatar: the trunk as a grid of rows and columns
//! around a vertical axis (with armholes, a shaped neckline, bands, an optional hood top), sleeves
//! lofted out of the armholes along the A-pose arms, and trouser legs lofted out of a crotch.
//! Each ring is a slice of the body's convex hull offset by the garment's ease.

use super::body_map::{BodyModel, SLICE_STEP, box_centre, hull_of, offset_hull, radial};
use super::sheet::Sheet;
use crate::geometry::hull_perimeter;
use glam::{DVec2, Vec2, Vec3};
use std::f32::consts::{FRAC_PI_2, PI, TAU};

/// Angles per row of a radial table.
const ANGLES: usize = 360;

/// The least distance the builders keep between cloth and skin (m).
pub(super) const CLEARANCE: f32 = 0.0045;

/// What the cloth does at one level: a finished girth, or a plain ease off the body's hull (m).
#[derive(Clone, Copy, Debug)]
pub(super) enum Fit {
    Girth(f32),
    Ease(f32),
    /// The ease of the knot before.
    Hold,
}

/// Piecewise-linear interpolation of (x, value) knots (x ascending), constant beyond the ends.
pub(super) fn interpolate(knots: &[(f32, f32)], x: f32) -> f32 {
    let Some(&(x0, v0)) = knots.first() else {
        return 0.0;
    };
    if x <= x0 {
        return v0;
    }
    for w in knots.windows(2) {
        let ((a, va), (b, vb)) = (w[0], w[1]);
        if x <= b {
            let t = if b > a { (x - a) / (b - a) } else { 1.0 };
            return va + (vb - va) * t;
        }
    }
    knots[knots.len() - 1].1
}

/// Ease per level from fit targets, given each level's hull perimeter.
fn ease_knots(fit: &[(f32, Fit)], perimeter_at: impl Fn(f32) -> f32) -> Vec<(f32, f32)> {
    let mut out: Vec<(f32, f32)> = Vec::with_capacity(fit.len());
    for &(x, f) in fit {
        let e = match f {
            Fit::Girth(g) => (g - perimeter_at(x)) / TAU,
            Fit::Ease(e) => e,
            Fit::Hold => out.last().map_or(CLEARANCE, |&(_, e)| e),
        };
        out.push((x, e.max(CLEARANCE)));
    }
    out
}

/// The cloth's distance from a vertical axis per level (one row per body slice) and angle.
pub(super) struct RadialTable {
    first: usize,
    centre: Vec<Vec2>,
    r: Vec<f32>,
}

impl RadialTable {
    fn rows(&self) -> usize {
        self.centre.len()
    }

    fn row_radius(&self, i: usize, theta: f32) -> f32 {
        let ft = (theta + PI).rem_euclid(TAU) / TAU * ANGLES as f32;
        let j0 = (ft.floor() as usize) % ANGLES;
        let t = ft - ft.floor();
        let row = &self.r[i * ANGLES..(i + 1) * ANGLES];
        row[j0] * (1.0 - t) + row[(j0 + 1) % ANGLES] * t
    }

    fn locate(&self, y: f32) -> (usize, usize, f32) {
        let last = self.rows() - 1;
        let fy = (y / SLICE_STEP - self.first as f32).clamp(0.0, last as f32);
        let i0 = (fy.floor() as usize).min(last);
        (i0, (i0 + 1).min(last), fy - i0 as f32)
    }

    /// The axis point at height `y`.
    pub fn centre(&self, y: f32) -> Vec3 {
        let (i0, i1, t) = self.locate(y);
        let c = self.centre[i0].lerp(self.centre[i1], t);
        Vec3::new(c.x, y, c.y)
    }

    /// The cloth at angle θ (direction `(sin θ, 0, cos θ)`: 0 front, π/2 the left side) and
    /// height `y`, `extra` further out.
    pub fn point(&self, theta: f32, y: f32, extra: f32) -> Vec3 {
        let (i0, i1, t) = self.locate(y);
        let r = self.row_radius(i0, theta) * (1.0 - t) + self.row_radius(i1, theta) * t + extra;
        self.centre(y) + Vec3::new(r * theta.sin(), 0.0, r * theta.cos())
    }
}

/// Which slices of the body a table wraps: the trunk, or one leg.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Wrap {
    Trunk,
    Leg(f32),
}

/// A flared hem that hangs in folds, as cloth wider than the body hangs from the hip: below
/// `from`, each level's cloth keeps its finished girth (the length round the rows of `columns`
/// points the trunk grid will sample) but gathers it into `count` vertical folds in and out
/// around the hull it hangs from, rather than spreading it over a wide cone that gravity would
/// have to bring in. A fold is at most [`FOLD_DEPTH`] of its width deep (crest to trough); girth
/// beyond what such folds hold widens the hull. `count` should divide `columns`, so that every
/// fold gets the same columns.
#[derive(Clone, Copy, Debug)]
pub(super) struct Folds {
    pub count: usize,
    pub from: f32,
    pub columns: usize,
}

/// The deepest a fold may be, crest to trough, as a fraction of its width.
const FOLD_DEPTH: f64 = 1.0;

/// What a radial table wraps and how loosely.
pub(super) struct TableSpec<'a> {
    pub wrap: Wrap,
    /// Levels covered, low to high.
    pub range: (f32, f32),
    /// Fit targets by level (ascending).
    pub fit: &'a [(f32, Fit)],
    /// Bands (low, high) in which the cloth hangs from the widest part above.
    pub hang: &'a [(f32, f32)],
    pub folds: Option<Folds>,
}

/// A radial table: each level's hull (in `hang` bands the hull of everything from that level up
/// to the band's top: cloth hanging from the widest part above) offset by the ease that `fit`
/// asks for, with optional folds.
pub(super) fn table(model: &BodyModel, spec: &TableSpec) -> RadialTable {
    let (lo, hi) = spec.range;
    let first = model.index(lo).saturating_sub(1);
    let last = model.index(hi) + 1;
    let own: Vec<Vec<DVec2>> = (first..=last)
        .map(|i| match spec.wrap {
            Wrap::Trunk => model.trunk_hull(i),
            Wrap::Leg(side) => model.leg_hull(i, side),
        })
        .collect();
    let y_of = |k: usize| (first + k) as f32 * SLICE_STEP;
    let mut base = own.clone();
    for k in (0..base.len().saturating_sub(1)).rev() {
        let y_above = y_of(k + 1);
        // The slice just below a band hangs too: the band's lowest level lies between it and
        // the slice above, and reads both (reading that slice's own hull there pulled a
        // skirt's hem in towards the legs by up to 5 cm).
        if spec.hang.iter().any(|&(a, b)| y_above >= a && y_above <= b) {
            base[k] = hull_of(&[&own[k], &base[k + 1]]);
        }
    }
    // Rows without a hull (none should be) borrow their neighbour's.
    for k in 1..base.len() {
        if base[k].len() < 3 {
            base[k] = base[k - 1].clone();
        }
    }
    for k in (0..base.len() - 1).rev() {
        if base[k].len() < 3 {
            base[k] = base[k + 1].clone();
        }
    }
    let perimeters: Vec<f32> = base.iter().map(|h| hull_perimeter(h) as f32).collect();
    let knots = ease_knots(spec.fit, |y| {
        perimeters[(model.index(y).max(first) - first).min(perimeters.len() - 1)]
    });
    let wrap = spec.wrap;
    let angles: Vec<f64> = (0..ANGLES)
        .map(|j| -std::f64::consts::PI + std::f64::consts::TAU * j as f64 / ANGLES as f64)
        .collect();
    let mut centre = Vec::with_capacity(base.len());
    let mut r = Vec::with_capacity(base.len() * ANGLES);
    for (k, hull) in base.iter().enumerate() {
        let e = interpolate(&knots, y_of(k)).max(CLEARANCE);
        let mut c = box_centre(hull);
        if wrap == Wrap::Trunk {
            c.x = 0.0;
        }
        match spec.folds {
            Some(f) if y_of(k) < f.from => {
                let hanging = interpolate(&knots, f.from).max(CLEARANCE);
                r.extend(folded(hull, c, &angles, (hanging, e), f));
            }
            _ => r.extend(radial(&offset_hull(hull, f64::from(e)), c, &angles)),
        }
        centre.push(c.as_vec2());
    }
    RadialTable { first, centre, r }
}

/// One level of a hanging flared hem (see [`Folds`]): the radii at `angles` of cloth hanging
/// from the hull offset by `ease.0` (the ease where the folds begin) whose length round equals
/// that of the hull offset by `ease.1` (the finished girth here).
fn folded(hull: &[DVec2], c: DVec2, angles: &[f64], ease: (f32, f32), f: Folds) -> Vec<f32> {
    let (hanging, finished) = (f64::from(ease.0), f64::from(ease.0.max(ease.1)));
    let count = f.count.max(1) as f64;
    let base = |e: f64| radial(&offset_hull(hull, e), c, angles);
    let fold = |base: &[f32], depth: f64| -> Vec<f32> {
        base.iter()
            .zip(angles)
            .map(|(&r, &a)| r + (depth * 0.5 * (count * a).cos()) as f32)
            .collect()
    };
    // The length round the row as the trunk's columns sample it.
    let columns = f.columns.max(3);
    let length = |radii: &[f32]| -> f64 {
        let at = |j: usize| {
            let theta = -std::f64::consts::PI + std::f64::consts::TAU * j as f64 / columns as f64;
            let ft = j as f64 * radii.len() as f64 / columns as f64;
            let (j0, t) = (ft.floor() as usize % radii.len(), ft.fract());
            let r = f64::from(radii[j0]) * (1.0 - t) + f64::from(radii[(j0 + 1) % radii.len()]) * t;
            DVec2::new(r * theta.sin(), r * theta.cos())
        };
        hull_perimeter(&(0..columns).map(at).collect::<Vec<_>>())
    };
    let target = hull_perimeter(hull) + std::f64::consts::TAU * finished;
    let deepest = FOLD_DEPTH * (hull_perimeter(hull) + std::f64::consts::TAU * hanging) / count;
    // The least `x` in [lo, hi] whose row is long enough (the length grows with `x`).
    let solve = |lo: f64, hi: f64, make: &dyn Fn(f64) -> Vec<f32>| {
        let (mut lo, mut hi) = (lo, hi);
        for _ in 0..32 {
            let mid = 0.5 * (lo + hi);
            if length(&make(mid)) < target {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        make(hi)
    };
    let hanging_base = base(hanging);
    if length(&fold(&hanging_base, deepest)) >= target {
        solve(0.0, deepest, &|depth| fold(&hanging_base, depth))
    } else {
        solve(hanging, finished.max(hanging) + 0.5, &|e| {
            fold(&base(e), deepest)
        })
    }
}

/// An armhole: a hole in the trunk grid around one side, optionally rounded.
#[derive(Clone, Copy, Debug)]
pub(super) struct Armhole {
    pub bottom: f32,
    pub top: f32,
    /// Columns each side of the side line.
    pub half_columns: usize,
    /// Half-width at the bottom, middle and top as fractions of the plain column span.
    pub shape: [f32; 3],
}

/// The neckline: the back height and how far it drops in front.
#[derive(Clone, Copy, Debug)]
pub(super) struct Neckline {
    pub back: f32,
    pub front: f32,
    /// Half-angle of the front drop (rad).
    pub width: f32,
    /// A V (straight sides) rather than a round scoop.
    pub v: bool,
}

impl Neckline {
    pub fn at(&self, theta: f32) -> f32 {
        let a = theta.abs() / self.width;
        if a >= 1.0 {
            return self.back;
        }
        let f = if self.v {
            (1.0 - a) * (1.0 - a * 0.3)
        } else {
            0.5 * (1.0 + (PI * a).cos())
        };
        self.back - (self.back - self.front) * f
    }
}

/// A face opening for a hood: a hole around the front between two levels.
#[derive(Clone, Copy, Debug)]
pub(super) struct FaceOpening {
    pub bottom: f32,
    pub top: f32,
    pub half_columns: usize,
    pub shape: [f32; 3],
}

/// The trunk grid.
pub(super) struct TrunkSpec {
    /// Columns around (a multiple of 4).
    pub columns: usize,
    pub hem: f32,
    pub step: f32,
    pub armholes: Option<Armhole>,
    pub neckline: Neckline,
    /// Rows above the neckline's back height (a collar stand or a hood) up to this level.
    pub above: Option<f32>,
    /// Whether those rows keep their height above the neckline all round (a collar stand)
    /// rather than meeting at one top level (a hood).
    pub stand: bool,
    pub face: Option<FaceOpening>,
    /// Close the top with a pole at this height.
    pub pole: Option<f32>,
}

/// A built trunk: the grid's vertex ids and the armhole loops.
pub(super) struct Trunk {
    pub ids: Vec<Vec<Option<u32>>>,
    /// Per side (left, right): the armhole loop and each vertex's direction leaving the trunk.
    pub armholes: Vec<(Vec<u32>, Vec<Vec3>)>,
}

/// Row levels from `lo` to `hi` through every key level, at most `step` apart.
fn levels(keys: &mut Vec<f32>, step: f32) -> Vec<f32> {
    keys.sort_by(f32::total_cmp);
    keys.dedup_by(|a, b| (*a - *b).abs() < step * 0.3);
    let mut out = Vec::new();
    for w in keys.windows(2) {
        let n = ((w[1] - w[0]) / step).ceil().max(1.0) as usize;
        for i in 0..n {
            out.push(w[0] + (w[1] - w[0]) * i as f32 / n as f32);
        }
    }
    out.extend(keys.last());
    out
}

/// The row of `levels` nearest to `y`.
fn row_of(levels: &[f32], y: f32) -> usize {
    (0..levels.len())
        .min_by(|&a, &b| (levels[a] - y).abs().total_cmp(&(levels[b] - y).abs()))
        .unwrap_or(0)
}

/// Half-width fraction of a rounded hole at nominal level `y`.
fn hole_width(bottom: f32, top: f32, shape: [f32; 3], y: f32, blend: f32) -> f32 {
    if y < bottom {
        let t = ((bottom - y) / blend).min(1.0);
        return shape[0] + (1.0 - shape[0]) * t;
    }
    if y > top {
        let t = ((y - top) / blend).min(1.0);
        return shape[2] + (1.0 - shape[2]) * t;
    }
    let t = (y - bottom) / (top - bottom).max(1e-6);
    let ends = shape[0] + (shape[2] - shape[0]) * t;
    ends + (shape[1] - ends) * (PI * t).sin().sqrt()
}

/// Moves column angle `phi` so a hole centred at `centre` spanning `±w_plain` spans `±w`,
/// leaving angles beyond `±window` alone.
fn warp_angle(phi: f32, centre: f32, w_plain: f32, w: f32, window: f32) -> f32 {
    let d = (phi - centre + PI).rem_euclid(TAU) - PI;
    let a = d.abs();
    if a >= window {
        return phi;
    }
    let moved = if a <= w_plain {
        a * w / w_plain
    } else {
        w + (a - w_plain) * (window - w) / (window - w_plain)
    };
    centre + moved * d.signum()
}

/// Builds the trunk grid into `sheet`; `part_of(level, θ)` names each quad's part.
pub(super) fn trunk(
    sheet: &mut Sheet,
    table: &RadialTable,
    spec: &TrunkSpec,
    part_of: &dyn Fn(f32, f32) -> usize,
) -> Trunk {
    let n = spec.columns;
    let dtheta = TAU / n as f32;
    let neck_top = spec.neckline.back;
    let top = spec.above.unwrap_or(neck_top);
    let mut keys = vec![spec.hem, neck_top, top];
    if let Some(a) = spec.armholes {
        keys.extend([a.bottom, a.top]);
    }
    if let Some(f) = spec.face {
        keys.extend([f.bottom, f.top]);
    }
    let levels = levels(&mut keys, spec.step);
    let rows = levels.len();
    let hole_rows = spec
        .armholes
        .map(|a| (row_of(&levels, a.bottom), row_of(&levels, a.top)));
    let face_rows = spec
        .face
        .map(|f| (row_of(&levels, f.bottom), row_of(&levels, f.top)));
    let phi = |j: usize| -PI + TAU * j as f32 / n as f32;
    // Holes as (centre column, half columns, rows).
    let mut holes: Vec<(usize, usize, (usize, usize))> = Vec::new();
    if let (Some(a), Some(r)) = (spec.armholes, hole_rows) {
        holes.push((3 * n / 4, a.half_columns, r));
        holes.push((n / 4, a.half_columns, r));
    }
    if let (Some(f), Some(r)) = (spec.face, face_rows) {
        holes.push((n / 2, f.half_columns, r));
    }
    let in_hole = |r: usize, j: usize| {
        holes
            .iter()
            .any(|&(c, h, (r0, r1))| r > r0 && r < r1 && j > c - h && j < c + h)
    };
    let quad_in_hole = |r: usize, j: usize| {
        holes
            .iter()
            .any(|&(c, h, (r0, r1))| r >= r0 && r < r1 && j >= c - h && j < c + h)
    };
    // The neckline's warp: levels above `start` are squeezed to end on the neckline.
    let lowest_top = spec.armholes.map_or(neck_top - 0.03, |a| a.top);
    let warp_y = |theta: f32, y: f32| {
        let neck = spec.neckline.at(theta);
        let start = lowest_top
            .min(neck - (neck_top - neck) - 0.02)
            .max(spec.hem + 0.01);
        if y <= start {
            return y;
        }
        if y <= neck_top {
            return start + (y - start) * (neck - start) / (neck_top - start);
        }
        // Above the neckline: a stand keeps its height all round; a hood meets at the top.
        if spec.stand {
            neck + (y - neck_top)
        } else {
            neck + (y - neck_top) * (top - neck) / (top - neck_top).max(1e-6)
        }
    };
    let warp_theta = |y: f32, j: usize| {
        let mut theta = phi(j);
        if let Some(a) = spec.armholes {
            let w_plain = a.half_columns as f32 * dtheta;
            let window = w_plain + 5.0 * dtheta;
            let w = (w_plain * hole_width(a.bottom, a.top, a.shape, y, 3.0 * spec.step))
                .min(window * 0.92);
            for centre in [FRAC_PI_2, -FRAC_PI_2] {
                theta = warp_angle(theta, centre, w_plain, w, window);
            }
        }
        if let Some(f) = spec.face {
            let w_plain = f.half_columns as f32 * dtheta;
            let window = w_plain + 5.0 * dtheta;
            let w = (w_plain * hole_width(f.bottom, f.top, f.shape, y, 3.0 * spec.step))
                .min(window * 0.92);
            theta = warp_angle(theta, 0.0, w_plain, w, window);
        }
        theta
    };
    // Grid vertices around an armhole may be smoothed into the sleeve by draping.
    let near_armhole = |r: usize, j: usize| match (spec.armholes, hole_rows) {
        (Some(a), Some((r0, r1))) => [3 * n / 4, n / 4].iter().any(|&c| {
            r + 2 >= r0 && r <= r1 + 1 && j + a.half_columns + 2 >= c && j <= c + a.half_columns + 2
        }),
        _ => false,
    };
    let ids: Vec<Vec<Option<u32>>> = levels
        .iter()
        .enumerate()
        .map(|(r, &y)| {
            (0..n)
                .map(|j| {
                    (!in_hole(r, j)).then(|| {
                        let p = table.point(warp_theta(y, j), warp_y(phi(j), y), 0.0);
                        sheet.vertex(p, near_armhole(r, j))
                    })
                })
                .collect()
        })
        .collect();
    let height = (top - spec.hem).max(1e-6);
    for r in 0..rows - 1 {
        for j in 0..n {
            let j1 = (j + 1) % n;
            if quad_in_hole(r, j) {
                continue;
            }
            if let (Some(a0), Some(a1), Some(b1), Some(b0)) =
                (ids[r][j], ids[r][j1], ids[r + 1][j1], ids[r + 1][j])
            {
                let (u0, u1) = (j as f32 / n as f32, (j + 1) as f32 / n as f32);
                let (v0, v1) = (
                    (levels[r] - spec.hem) / height,
                    (levels[r + 1] - spec.hem) / height,
                );
                let part = part_of(levels[r], phi(j) + dtheta / 2.0);
                sheet.quad_rect([a0, a1, b1, b0], (u0, u1), (v0, v1), part);
            }
        }
    }
    if let Some(y_pole) = spec.pole {
        let last: Vec<u32> = ids[rows - 1].iter().flatten().copied().collect();
        let c = table.centre(top);
        let pole = sheet.vertex(Vec3::new(c.x, y_pole, c.z), false);
        let part = part_of(top, 0.0);
        sheet.fan(&last, pole, 1.0, 1.0, part);
    }
    let mut armholes = Vec::new();
    if let (Some(a), Some((r0, r1))) = (spec.armholes, hole_rows) {
        for centre in [3 * n / 4, n / 4] {
            armholes.push(hole_loop(sheet, &ids, centre, a.half_columns, (r0, r1)));
        }
    }
    Trunk { ids, armholes }
}

/// A hole's boundary loop (bottom edge, front-to-back or back-to-front up one side, top edge,
/// down the other side) and the direction the grid leaves each loop vertex across the hole.
fn hole_loop(
    sheet: &Sheet,
    ids: &[Vec<Option<u32>>],
    c: usize,
    h: usize,
    (r0, r1): (usize, usize),
) -> (Vec<u32>, Vec<Vec3>) {
    let (c0, c1) = (c - h, c + h);
    let p = |r: usize, j: usize| sheet.pos[ids[r][j].unwrap_or(0) as usize];
    let id = |r: usize, j: usize| ids[r][j].unwrap_or(0);
    let away =
        |r: usize, j: usize, r2: usize, j2: usize| (p(r, j) - p(r2, j2)).normalize_or(Vec3::Y);
    let mut ring = Vec::new();
    let mut dirs = Vec::new();
    for j in c0..=c1 {
        ring.push(id(r0, j));
        let mut d = away(r0, j, r0 - 1, j);
        if j == c0 {
            d = (d + away(r0, j, r0, j - 1)).normalize_or(d);
        } else if j == c1 {
            d = (d + away(r0, j, r0, j + 1)).normalize_or(d);
        }
        dirs.push(d);
    }
    for r in r0 + 1..=r1 {
        ring.push(id(r, c1));
        let mut d = away(r, c1, r, c1 + 1);
        if r == r1 {
            d = (d + away(r, c1, r + 1, c1)).normalize_or(d);
        }
        dirs.push(d);
    }
    for j in (c0..c1).rev() {
        ring.push(id(r1, j));
        let mut d = away(r1, j, r1 + 1, j);
        if j == c0 {
            d = (d + away(r1, j, r1, j - 1)).normalize_or(d);
        }
        dirs.push(d);
    }
    for r in (r0 + 1..r1).rev() {
        ring.push(id(r, c0));
        dirs.push(away(r, c0, r, c0 - 1));
    }
    (ring, dirs)
}

/// Angles of points around an axis in a plane (`e1`, `e2` spanning it, direction θ being
/// `e1 sin θ + e2 cos θ`), unwrapped along the loop, and the evenly spaced angles a ring of the
/// same count uses, starting at the same point and running the same way round.
fn loop_angles(points: &[Vec3], centre: Vec3, e1: Vec3, e2: Vec3) -> (Vec<f32>, Vec<f32>) {
    let mut actual: Vec<f32> = Vec::with_capacity(points.len());
    for p in points {
        let d = *p - centre;
        let raw = d.dot(e1).atan2(d.dot(e2));
        actual.push(match actual.last() {
            None => raw,
            Some(&prev) => prev + ((raw - prev + PI).rem_euclid(TAU) - PI),
        });
    }
    let m = points.len() as f32;
    let dir = if actual[actual.len() - 1] >= actual[0] {
        1.0
    } else {
        -1.0
    };
    let even = (0..points.len())
        .map(|k| actual[0] + dir * TAU * k as f32 / m)
        .collect();
    (actual, even)
}

/// Cubic Hermite blend from `p0` leaving along `l` to `p1` arriving along `a`.
fn hermite(p0: Vec3, l: Vec3, p1: Vec3, a: Vec3, t: f32) -> Vec3 {
    let span = 0.6 * p0.distance(p1);
    let (t2, t3) = (t * t, t * t * t);
    (2.0 * t3 - 3.0 * t2 + 1.0) * p0
        + (t3 - 2.0 * t2 + t) * span * l
        + (3.0 * t2 - 2.0 * t3) * p1
        + (t3 - t2) * span * a
}

/// Lofts `count` free rings from an opening to a tube whose first ring is `ring_at(angles)`
/// (points at the given angles), arriving along `arrive`; returns the last loft ring.
#[expect(
    clippy::too_many_arguments,
    reason = "a loft is its opening, its tube and how it arrives: grouping them would only rename them"
)]
fn loft(
    sheet: &mut Sheet,
    opening: &[u32],
    leave: &[Vec3],
    (actual, even): (&[f32], &[f32]),
    ring_at: &dyn Fn(&[f32]) -> Vec<Vec3>,
    arrive: Vec3,
    count: usize,
    part: usize,
) -> Vec<u32> {
    let end = ring_at(even);
    let mut previous = opening.to_vec();
    for i in 1..=count {
        let t = i as f32 / (count + 1) as f32;
        let mixed: Vec<f32> = actual
            .iter()
            .zip(even)
            .map(|(a, e)| a + (e - a) * t)
            .collect();
        let goal = ring_at(&mixed);
        let points: Vec<Vec3> = opening
            .iter()
            .zip(leave)
            .zip(&goal)
            .map(|((&o, &l), &g)| {
                // Aim at this ring's own sample (angles part-way), arriving along the tube.
                hermite(sheet.pos[o as usize], l, g, arrive, t)
            })
            .collect();
        let ring = sheet.ring(&points, true);
        let (va, vb) = ((i - 1) as f32 / count as f32, i as f32 / count as f32);
        sheet.stitch(&previous, &ring, va * 0.1, vb * 0.1, part);
        previous = ring;
    }
    let ring = sheet.ring(&end, false);
    sheet.stitch(&previous, &ring, 0.1, 0.1, part);
    ring
}

/// A sleeve: from `start` to `end` along the arm (m from the shoulder point), with fit targets
/// along it, the last `cuff` metres a separate part.
#[derive(Clone, Debug)]
pub(super) struct SleeveSpec {
    pub start: f32,
    pub end: f32,
    pub fit: Vec<(f32, Fit)>,
    pub step: f32,
    pub blend: usize,
    pub cuff: f32,
}

/// Mirrors a point to the other side (x → −x).
fn mirror(p: Vec3, side: f32) -> Vec3 {
    Vec3::new(p.x * side, p.y, p.z)
}

/// Builds a sleeve on `side` (+1 left, −1 right) out of its armhole.
pub(super) fn sleeve(
    sheet: &mut Sheet,
    model: &BodyModel,
    armhole: &(Vec<u32>, Vec<Vec3>),
    side: f32,
    spec: &SleeveSpec,
    (part, cuff_part): (usize, usize),
) {
    let lm = &model.lm;
    let (e1, e2) = lm.arm_basis();
    let first_tri = sheet.tris.len();
    let (opening, leave) = armhole;
    // Work on the left side; mirror the right arm's inputs and outputs.
    let points: Vec<Vec3> = opening
        .iter()
        .map(|&i| mirror(sheet.pos[i as usize], side))
        .collect();
    let (actual, even) = loop_angles(&points, lm.arm_point(spec.start), e1, e2);
    let ring_at = |s: f32| {
        let hull = model.arm_hull(s);
        let p = hull_perimeter(&hull) as f32;
        let knots = ease_knots(&spec.fit, |_| p);
        let e = interpolate(&knots, s).max(CLEARANCE);
        let poly = offset_hull(&hull, f64::from(e));
        let centre = lm.arm_point(s);
        move |angles: &[f32]| -> Vec<Vec3> {
            let a: Vec<f64> = angles.iter().map(|&t| f64::from(t)).collect();
            radial(&poly, DVec2::ZERO, &a)
                .iter()
                .zip(angles)
                .map(|(&r, &t)| mirror(centre + e1 * (r * t.sin()) + e2 * (r * t.cos()), side))
                .collect()
        }
    };
    let first = ring_at(spec.start);
    let mut previous = loft(
        sheet,
        opening,
        leave,
        (&actual, &even),
        &first,
        mirror(lm.arm_dir, side),
        spec.blend,
        part,
    );
    let n = ((spec.end - spec.start) / spec.step).ceil().max(1.0) as usize;
    for i in 1..=n {
        let s = spec.start + (spec.end - spec.start) * i as f32 / n as f32;
        let ring = sheet.ring(&ring_at(s)(&even), false);
        let v = |s: f32| 0.1 + 0.9 * (s - spec.start) / (spec.end - spec.start);
        let s_prev = spec.start + (spec.end - spec.start) * (i - 1) as f32 / n as f32;
        let p = if s_prev >= spec.end - spec.cuff - 1e-4 {
            cuff_part
        } else {
            part
        };
        sheet.stitch(&previous, &ring, v(s_prev), v(s), p);
        previous = ring;
    }
    let origin = mirror(lm.arm_point(0.0), side);
    if !sheet.faces_out_from(first_tri, origin, mirror(lm.arm_dir, side)) {
        sheet.flip_from(first_tri);
    }
}

/// Trousers: a seat from the waistband down to the crotch, and two legs.
#[derive(Clone, Debug)]
pub(super) struct TrouserSpec {
    pub columns: usize,
    pub top: f32,
    /// The seat's lowest level (where the legs part) and the crotch seam's lowest point.
    pub seat_bottom: f32,
    pub crotch: f32,
    pub seam_points: usize,
    /// The first full leg ring and the hem.
    pub thigh: f32,
    pub hem: f32,
    pub step: f32,
    pub blend: usize,
    pub seat_fit: Vec<(f32, Fit)>,
    pub leg_fit: Vec<(f32, Fit)>,
    pub waistband: f32,
    pub hem_band: f32,
    /// Where along the crotch seam, from the front centre (0) to the back (1), its lowest point
    /// lies: 0.5 for jeans' symmetric seam; less moves it forward, making the front rise shorter
    /// than the back as tailored trousers have it (0.25 – 0.75).
    pub crotch_point: f32,
    /// How much higher the waistband's top stands at the centre back than at the centre front
    /// (m; 0 for a level waist): the seat's rows rise towards the back by a share of it that
    /// grows from nothing at the seat's bottom to all of it at the top.
    pub back_raise: f32,
}

/// Parts of trousers: main, waistband, hem bands.
pub(super) fn trousers(
    sheet: &mut Sheet,
    model: &BodyModel,
    spec: &TrouserSpec,
    (main, band, hem_part): (usize, usize, usize),
) -> RadialTable {
    let seat = table(
        model,
        &TableSpec {
            wrap: Wrap::Trunk,
            range: (spec.seat_bottom, spec.top + spec.back_raise),
            fit: &spec.seat_fit,
            hang: &[],
            folds: None,
        },
    );
    let n = spec.columns;
    let levels = levels(&mut vec![spec.seat_bottom, spec.top], spec.step);
    let phi = |j: usize| -PI + TAU * j as f32 / n as f32;
    let height = spec.top - spec.seat_bottom;
    // The level of row `y` at column angle `phi` once raised towards the back.
    let raised = |phi: f32, y: f32| {
        y + spec.back_raise * 0.5 * (1.0 - phi.cos()) * (y - spec.seat_bottom) / height
    };
    let ids: Vec<Vec<u32>> = levels
        .iter()
        .map(|&y| {
            (0..n)
                .map(|j| sheet.vertex(seat.point(phi(j), raised(phi(j), y), 0.0), false))
                .collect()
        })
        .collect();
    for r in 0..levels.len() - 1 {
        let part = if levels[r] >= spec.top - spec.waistband - 1e-4 {
            band
        } else {
            main
        };
        let v = |y: f32| 0.8 + 0.2 * (y - spec.seat_bottom) / height;
        sheet.stitch(&ids[r], &ids[r + 1], v(levels[r]), v(levels[r + 1]), part);
    }
    // The crotch seam, in the middle plane from the front centre (column n/2) to the back (0).
    let bottom = &ids[0];
    let (front, back) = (
        sheet.pos[bottom[n / 2] as usize],
        sheet.pos[bottom[0] as usize],
    );
    let m = spec.seam_points;
    let seam: Vec<u32> = (1..=m)
        .map(|k| {
            let t = k as f32 / (m + 1) as f32;
            let y =
                spec.crotch + (spec.seat_bottom - spec.crotch) * (2.0 * t - 1.0).abs().powf(1.5);
            // The seam's share from the front: `t` moved so that its middle falls at
            // `crotch_point` (t itself when that is 0.5).
            let along = t + (2.0 * spec.crotch_point - 1.0) * 2.0 * t * (1.0 - t);
            let z = front.z + (back.z - front.z) * along;
            sheet.vertex(Vec3::new(0.0, y, z), true)
        })
        .collect();
    for side in [1.0f32, -1.0] {
        let first_tri = sheet.tris.len();
        let legs = table(
            model,
            &TableSpec {
                wrap: Wrap::Leg(side),
                range: (spec.hem, spec.thigh),
                fit: &spec.leg_fit,
                hang: &[],
                folds: None,
            },
        );
        // Left: front → left side → back, then the seam back → front; right: the mirror.
        let mut opening: Vec<u32> = Vec::new();
        if side > 0.0 {
            opening.extend((n / 2..n).map(|j| bottom[j]));
            opening.push(bottom[0]);
            opening.extend(seam.iter().rev());
        } else {
            opening.extend((0..=n / 2).map(|j| bottom[j]));
            opening.extend(seam.iter());
        }
        let row1 = &ids[1];
        let leave: Vec<Vec3> = opening
            .iter()
            .map(|&v| match bottom.iter().position(|&b| b == v) {
                Some(j) => {
                    (sheet.pos[v as usize] - sheet.pos[row1[j] as usize]).normalize_or(Vec3::NEG_Y)
                }
                None => Vec3::NEG_Y,
            })
            .collect();
        let points: Vec<Vec3> = opening.iter().map(|&v| sheet.pos[v as usize]).collect();
        let centre = legs.centre(spec.thigh);
        let (actual, even) = loop_angles(&points, centre, Vec3::X, Vec3::Z);
        let gap = super::sheet::SIDE_GAP;
        let first_vertex = sheet.pos.len();
        let ring_at = |y: f32| {
            let legs = &legs;
            move |angles: &[f32]| -> Vec<Vec3> {
                angles
                    .iter()
                    .map(|&t| {
                        let p = legs.point(t, y, 0.0);
                        Vec3::new(side * (p.x * side).max(gap), p.y, p.z)
                    })
                    .collect()
            }
        };
        let first = ring_at(spec.thigh);
        let mut previous = loft(
            sheet,
            &opening,
            &leave,
            (&actual, &even),
            &first,
            Vec3::NEG_Y,
            spec.blend,
            main,
        );
        let count = ((spec.thigh - spec.hem) / spec.step).ceil().max(1.0) as usize;
        let leg_length = spec.thigh - spec.hem;
        for i in 1..=count {
            let y = spec.thigh - leg_length * i as f32 / count as f32;
            let y_prev = spec.thigh - leg_length * (i - 1) as f32 / count as f32;
            let ring = sheet.ring(&ring_at(y)(&even), false);
            let part = if y_prev <= spec.hem + spec.hem_band + 1e-4 {
                hem_part
            } else {
                main
            };
            let v = |y: f32| 0.8 * (y - spec.hem) / leg_length;
            sheet.stitch(&previous, &ring, v(y_prev), v(y), part);
            previous = ring;
        }
        for v in first_vertex..sheet.pos.len() {
            sheet.side[v] = side;
        }
        let axis_origin = legs.centre(spec.thigh);
        if !sheet.faces_out_from(first_tri, axis_origin, Vec3::Y) {
            sheet.flip_from(first_tri);
        }
    }
    seat
}
