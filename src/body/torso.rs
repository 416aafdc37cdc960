//! The torso tube, from the crotch ring up through chest, shoulders, neck and head to the crown:
//! rings of `COLUMNS` vertices at fixed rows, with a rectangular hole on each side (the armscye)
//! where an arm attaches. Key rings are scaled so their tape girth is exact.

use super::mesh::MeshBuilder;
use super::proportions::Proportions;
use super::section::{ColumnTerms, TorsoSection, pchip_rows, torso_columns};
use crate::measurements::Form;
use glam::{Vec2, Vec3};
use std::f32::consts::FRAC_PI_2;

/// Vertices around the torso; column 0 is the front centre, `COLUMNS / 4` the left side (+X).
pub(super) const COLUMNS: usize = 96;
/// Columns an armscye spans, and rows (axilla to acromion).
pub(super) const ARMSCYE_COLUMNS: usize = 14;
pub(super) const ARMSCYE_ROWS: usize = 8;
const DOME_RINGS: usize = 10;
/// The share of the chest's bust left at the armpit's level.
const AXILLA_BUST: f32 = 0.25;

/// Key levels from the crotch ring to the head-girth ring, and the row intervals between them.
const INTERVALS: [usize; 14] = [3, 10, 3, 6, 5, 3, ARMSCYE_ROWS, 3, 3, 3, 4, 5, 5, 6];
const HIP: usize = 1;
const NAVEL: usize = 2;
const WAIST: usize = 3;
const UNDERBUST: usize = 4;
const CHEST: usize = 5;
const AXILLA: usize = 6;
const ACROMION: usize = 7;
const NECK: usize = 10;
const CHIN: usize = 11;
const HEAD: usize = 14;

/// The built torso: vertex indices per row and column (None inside the armscyes), and landmarks.
pub(super) struct Torso {
    pub rows: Vec<Vec<Option<u32>>>,
    pub heights: Vec<f32>,
    pub sections: Vec<TorsoSection>,
    pub crown: u32,
    /// Row index of each key level.
    key_rows: Vec<usize>,
}

impl Torso {
    pub fn row_of(&self, key: usize) -> usize {
        self.key_rows[key]
    }
    pub fn hip_row(&self) -> usize {
        self.row_of(HIP)
    }
    /// The natural waist's ring.
    pub fn waist_row(&self) -> usize {
        self.row_of(WAIST)
    }
    /// The navel's ring.
    pub fn navel_row(&self) -> usize {
        self.row_of(NAVEL)
    }
    pub fn underbust_row(&self) -> usize {
        self.row_of(UNDERBUST)
    }
    pub fn chest_row(&self) -> usize {
        self.row_of(CHEST)
    }
    pub fn neck_row(&self) -> usize {
        self.row_of(NECK)
    }
    /// The chin's ring: where the jaw meets the neck.
    pub fn chin_row(&self) -> usize {
        self.row_of(CHIN)
    }
    pub fn head_row(&self) -> usize {
        self.row_of(HEAD)
    }
    pub fn axilla_row(&self) -> usize {
        self.row_of(AXILLA)
    }
    pub fn acromion_row(&self) -> usize {
        self.row_of(ACROMION)
    }

    /// Centre of a ring (where a girth tape's plane is anchored).
    pub fn centre(&self, row: usize) -> Vec3 {
        Vec3::new(0.0, self.heights[row], self.sections[row].zc)
    }

    /// The first column of the armscye on a side (+1 left, −1 right).
    pub fn armscye_first_column(side: f32) -> usize {
        let centre = if side > 0.0 {
            COLUMNS / 4
        } else {
            3 * COLUMNS / 4
        };
        centre - ARMSCYE_COLUMNS / 2
    }

    /// The acromion (shoulder point) vertex on a side: the middle of the armscye's top edge.
    pub fn acromion(&self, side: f32) -> u32 {
        let c = if side > 0.0 {
            COLUMNS / 4
        } else {
            3 * COLUMNS / 4
        };
        self.rows[self.acromion_row()][c].unwrap_or(0)
    }

    /// For each vertex of [`Torso::armscye_loop`], the unit direction in which the torso's surface
    /// would continue across the opening (away from the neighbouring torso vertex).
    pub fn armscye_leaving(&self, mesh: &MeshBuilder, side: f32) -> Vec<Vec3> {
        let (r0, r1) = (self.axilla_row(), self.acromion_row());
        let c0 = Self::armscye_first_column(side);
        let c1 = c0 + ARMSCYE_COLUMNS;
        let at = |r: usize, c: usize| mesh.positions[self.rows[r][c].unwrap_or(0) as usize];
        let away = |r: usize, c: usize, r2: usize, c2: usize| {
            (at(r, c) - at(r2, c2)).normalize_or(Vec3::Y)
        };
        let mut dirs = Vec::new();
        for c in c0..=c1 {
            let mut d = away(r0, c, r0 - 1, c);
            if c == c0 {
                d = (d + away(r0, c, r0, c - 1)).normalize_or(d);
            } else if c == c1 {
                d = (d + away(r0, c, r0, c + 1)).normalize_or(d);
            }
            dirs.push(d);
        }
        for r in r0 + 1..=r1 {
            let mut d = away(r, c1, r, c1 + 1);
            if r == r1 {
                d = (d + away(r, c1, r + 1, c1)).normalize_or(d);
            }
            dirs.push(d);
        }
        for c in (c0..c1).rev() {
            let mut d = away(r1, c, r1 + 1, c);
            if c == c0 {
                d = (d + away(r1, c, r1, c - 1)).normalize_or(d);
            }
            dirs.push(d);
        }
        for r in (r0 + 1..r1).rev() {
            dirs.push(away(r, c0, r, c0 - 1));
        }
        // The opening is a rectangle of the torso's grid: at its corners the direction turns by a
        // right angle from one vertex to the next, and the arm's first strips cross and fold
        // there (on 64 of 84 bodies between 150 and 200 cm, BMI 16 and 45). Smoothed along the
        // loop (1-2-1, four passes: three already suffice on that grid), it turns over a few
        // vertices instead.
        let n = dirs.len();
        for _ in 0..4 {
            dirs = (0..n)
                .map(|k| {
                    let d = dirs[(k + n - 1) % n] + 2.0 * dirs[k] + dirs[(k + 1) % n];
                    d.normalize_or(dirs[k])
                })
                .collect();
        }
        dirs
    }

    /// The armscye as a loop for the arm to continue from, ordered opposite to the torso's
    /// boundary so the arm's first strip keeps the mesh consistently oriented.
    pub fn armscye_loop(&self, side: f32) -> Vec<u32> {
        let (r0, r1) = (self.axilla_row(), self.acromion_row());
        let c0 = Self::armscye_first_column(side);
        let c1 = c0 + ARMSCYE_COLUMNS;
        let v = |r: usize, c: usize| self.rows[r][c].unwrap_or(0);
        let mut ring = Vec::with_capacity(2 * (ARMSCYE_COLUMNS + ARMSCYE_ROWS));
        ring.extend((c0..=c1).map(|c| v(r0, c)));
        ring.extend((r0 + 1..=r1).map(|r| v(r, c1)));
        ring.extend((c0..c1).rev().map(|c| v(r1, c)));
        ring.extend((r0 + 1..r1).rev().map(|r| v(r, c0)));
        ring
    }
}

/// Builds the torso, neck and head into `mesh`.
pub(super) fn build(mesh: &mut MeshBuilder, p: &Proportions) -> Torso {
    let columns = torso_columns();
    let (levels, keys) = key_sections(p, columns);
    let knots: Vec<f32> = levels.clone();
    let fields: [Vec<f32>; TorsoSection::FIELDS] =
        std::array::from_fn(|f| keys.iter().map(|k| k.to_array()[f]).collect());

    // Rows: fixed intervals between key levels, then the dome of the head.
    let mut heights = Vec::new();
    let mut key_rows = Vec::new();
    for (k, &n) in INTERVALS.iter().enumerate() {
        key_rows.push(heights.len());
        for i in 0..n {
            heights.push(levels[k] + (levels[k + 1] - levels[k]) * i as f32 / n as f32);
        }
    }
    key_rows.push(heights.len());
    heights.push(levels[HEAD]);
    let mut sections: Vec<TorsoSection> = heights
        .iter()
        .map(|&y| {
            TorsoSection::from_array(pchip_rows(&knots, fields.each_ref().map(Vec::as_slice), y))
        })
        .collect();
    // Key rings exactly as computed (interpolation passes through them, but keep it bit-exact).
    for (k, &row) in key_rows.iter().enumerate() {
        sections[row] = keys[k];
    }
    keep_the_waist_narrowest(&mut sections, &key_rows, p, columns);
    round_the_chest(&mut sections, &heights, &key_rows, &keys, &levels);
    let head = keys[HEAD];
    let dome_height = p.stature - levels[HEAD];
    for i in 1..=DOME_RINGS {
        let angle = FRAC_PI_2 * i as f32 / (DOME_RINGS + 1) as f32;
        heights.push(levels[HEAD] + dome_height * angle.sin());
        let f = angle.cos();
        sections.push(TorsoSection {
            a: head.a * f,
            b: head.b * f,
            zc: head.zc - 0.01 * angle.sin(),
            ..Default::default()
        });
    }

    let holes = [
        Torso::armscye_first_column(1.0),
        Torso::armscye_first_column(-1.0),
    ];
    let (r0, r1) = (key_rows[AXILLA], key_rows[ACROMION]);
    // Columns inside an armscye (left open between the armpit's and the acromion's rows).
    let hole_columns: [bool; COLUMNS] =
        std::array::from_fn(|c| holes.iter().any(|&h| c > h && c < h + ARMSCYE_COLUMNS));
    let column_us: [f32; COLUMNS] = std::array::from_fn(column_u);
    let mut rows = Vec::with_capacity(heights.len());
    for (r, (&y, section)) in heights.iter().zip(&sections).enumerate() {
        let v = 1.0 - y / p.stature;
        let in_hole_row = r > r0 && r < r1;
        let row: Vec<Option<u32>> = columns
            .iter()
            .zip(&hole_columns)
            .enumerate()
            .map(|(c, (t, &hole))| {
                (!(in_hole_row && hole)).then(|| {
                    let q = section.point(t);
                    mesh.vertex(Vec3::new(q.x, y, q.y), Vec2::new(column_us[c], v))
                })
            })
            .collect();
        rows.push(row);
    }
    // The quads; in the armscye's rows the strips across its columns are left out.
    let quad_skipped: [bool; COLUMNS] =
        std::array::from_fn(|c| holes.iter().any(|&h| c >= h && c < h + ARMSCYE_COLUMNS));
    for (r, pair) in rows.windows(2).enumerate() {
        let (lower, upper) = (&pair[0], &pair[1]);
        let armscye_row = r >= r0 && r < r1;
        // A full row's vertices run on one by one, column by column: one strip.
        if !armscye_row && mesh.strip_of_rows(lower, upper) {
            continue;
        }
        for c in 0..COLUMNS {
            if armscye_row && quad_skipped[c] {
                continue;
            }
            let c1 = if c + 1 == COLUMNS { 0 } else { c + 1 };
            if let (Some(a0), Some(a1), Some(b1), Some(b0)) =
                (lower[c], lower[c1], upper[c1], upper[c])
            {
                mesh.quad(a0, a1, b1, b0);
            }
        }
    }
    let top = head.zc - 0.01;
    let crown = mesh.vertex(Vec3::new(0.0, p.stature, top), Vec2::new(0.5, 0.0));
    let last: Vec<u32> = rows[rows.len() - 1]
        .iter()
        .map(|v| v.unwrap_or(0))
        .collect();
    mesh.fan(&last, crown);
    Torso {
        rows,
        heights,
        sections,
        crown,
        key_rows,
    }
}

/// The texture coordinate across the torso of column `c`.
fn column_u(c: usize) -> f32 {
    c as f32 / COLUMNS as f32
}

/// The natural waist is the narrowest girth between the hip and the underbust. The rings between
/// the key rings change shape as well as size on the way (the navel's seat and depth, the
/// underbust's ribcage) and can dip below it by up to 2 cm: those are widened to the waist's
/// girth. Where a key ring of that span is itself narrower (a belly wider than the underbust or
/// the hip), the waist is not the narrowest by the body's own measurements and nothing moves.
/// The key rings' girths are the measurements they were scaled to, so they are not measured again.
fn keep_the_waist_narrowest(
    sections: &mut [TorsoSection],
    key_rows: &[usize],
    p: &Proportions,
    columns: &[ColumnTerms],
) {
    let waist = p.waist;
    if [p.hip, p.navel, p.underbust].iter().any(|&g| g < waist) {
        return;
    }
    let (first, end) = (key_rows[HIP] + 1, key_rows[UNDERBUST]);
    for (row, section) in sections.iter_mut().enumerate().take(end).skip(first) {
        if row != key_rows[NAVEL] && row != key_rows[WAIST] && section.girth_under(waist, columns) {
            *section = section.with_girth(waist, columns);
        }
    }
}

/// The rings from the underbust to the armpit leave the chest's as a parabola leaves its vertex
/// (each field the chest's plus its change to the next key ring times the square of the height's
/// share of the way), not as the monotone cubic does: that cubic, flat at both ends, turned the
/// bust's front over within a row or two of the chest (on a woman of 170 cm / 100 kg the front
/// fell 1.2 cm in the 2 cm below the bust point; now 0.6 cm), a pointed bust, and a caliper laid
/// at the survey's chest level, a centimetre or two off the avatar's, read it shallow.
fn round_the_chest(
    sections: &mut [TorsoSection],
    heights: &[f32],
    key_rows: &[usize],
    keys: &[TorsoSection],
    levels: &[f32],
) {
    let chest = keys[CHEST].to_array();
    for key in [UNDERBUST, AXILLA] {
        let (row, chest_row) = (key_rows[key], key_rows[CHEST]);
        let (from, to) = (row.min(chest_row) + 1, row.max(chest_row));
        let towards = keys[key].to_array();
        let span = levels[key] - levels[CHEST];
        for row in from..to {
            let share = ((heights[row] - levels[CHEST]) / span).clamp(0.0, 1.0);
            let w = share * share;
            let mut v = chest;
            for (value, t) in v.iter_mut().zip(towards) {
                *value += (t - *value) * w;
            }
            sections[row] = TorsoSection::from_array(v);
        }
    }
}

/// `section` with its shoulder blades standing out so far that its back lies at `back` (z,
/// metres), where blades of 0 to 0.3 reach it.
fn with_back_at(section: TorsoSection, back: f32, cols: &[ColumnTerms]) -> TorsoSection {
    let back_with = |blades: f32| TorsoSection { blades, ..section }.back_and_front(cols).0;
    // The back moves out as the blades grow: bisect.
    let (mut lo, mut hi) = (0.0f32, 0.3f32);
    for _ in 0..12 {
        let mid = 0.5 * (lo + hi);
        if back_with(mid) > back {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    TorsoSection {
        blades: 0.5 * (lo + hi),
        ..section
    }
}

/// The key levels (y) and the ring at each, girth rings scaled to their measurement.
fn key_sections(p: &Proportions, cols: &[ColumnTerms]) -> (Vec<f32>, Vec<TorsoSection>) {
    let s = p.stature;
    let female = p.form == Form::Female;
    let tt = p.tragion_to_top;
    let y_head = s - 0.75 * tt;
    let y_chin = (s - 1.75 * tt)
        .max(p.y_cervicale + 0.025 * s)
        .min(y_head - 0.04 * s);
    let y_cerv = p.y_cervicale.min(y_chin - 0.02 * s);
    let y_underbust =
        p.y_chest - (if female { 0.045 } else { 0.035 } * s).min(0.45 * (p.y_chest - p.y_waist));
    let levels = vec![
        p.inside_leg + 0.45 * (p.y_hip - p.inside_leg),
        p.y_hip,
        p.y_navel,
        p.y_waist,
        y_underbust,
        p.y_chest,
        p.y_axilla,
        p.y_acromion,
        p.y_acromion + 0.4 * (y_cerv - p.y_acromion),
        y_cerv,
        y_cerv + 0.4 * (y_chin - y_cerv),
        y_chin,
        y_chin + 0.25 * (y_head - y_chin),
        y_chin + 0.55 * (y_head - y_chin),
        y_head,
    ];

    let seat = if female { 0.2 } else { 0.14 };
    let hip = TorsoSection {
        seat,
        ..Default::default()
    }
    .fitted(p.hip_breadth, p.buttock_depth, p.hip, cols);
    // Below the seat the buttocks part less (a shallower cleft) and the ring rounds towards the
    // legs, but the trunk stays as deep.
    let crotch = TorsoSection {
        a: hip.a * 0.97,
        seat: seat * 0.6,
        fill: 0.5 * hip.fill,
        ..hip
    };
    let crotch = TorsoSection {
        b: crotch.b * 0.97 * hip.depth(cols) / crotch.depth(cols).max(1e-6),
        ..crotch
    };
    // The survey's waist breadth and depth are taken at the navel.
    let navel = TorsoSection {
        seat: 0.04,
        ..Default::default()
    }
    .fitted(p.waist_breadth, p.waist_depth, p.navel, cols);
    // The natural waist: the navel's shape, less seat, scaled to its own (smaller) girth.
    let waist = TorsoSection {
        seat: 0.02,
        zc: navel.zc,
        ..navel
    }
    .with_girth(p.waist, cols);
    let bust = if female {
        ((p.chest - p.underbust) / p.chest * 2.6).clamp(0.06, 0.75)
    } else {
        0.07
    };
    let chest = TorsoSection {
        zc: 0.006 * s,
        bust,
        blades: 0.05,
        ..Default::default()
    }
    .fitted(p.chest_breadth, p.chest_depth, p.chest, cols);
    // The underbust: the chest's shape without the bust, half-way to the waist's fill.
    let underbust = TorsoSection {
        a: chest.a * 0.98,
        b: chest.b,
        zc: 0.004 * s,
        blades: 0.04,
        fill: 0.5 * (chest.fill + waist.fill),
        ..Default::default()
    }
    .with_girth(p.underbust, cols);
    // At the armpit the ring is rounder than the chest's: half the chest's fill (the whole
    // folds the arm's root where the armscye meets the ring's corners; none pulls the chest's
    // corners in over three rows, an arch from armpit to armpit). It is as deep as the chest
    // would be without the bust, with a quarter of the bust in front, its shoulder blades
    // standing out until its back lies where the chest's whole depth put it: with that whole
    // depth (until 2026-12-07) the front went straight up from the bust and turned back at once
    // above the armpit, a horizontal edge along the bust's top.
    let axilla = TorsoSection {
        a: chest.a * 0.94,
        bust: 0.5 * bust,
        blades: 0.06,
        fill: 0.5 * chest.fill,
        ..chest
    };
    let axilla = TorsoSection {
        b: axilla.b * 0.98 * chest.depth(cols) / axilla.depth(cols).max(1e-6),
        ..axilla
    };
    let back = axilla.back_and_front(cols).0;
    let flat_chest = TorsoSection { bust: 0.0, ..chest };
    let axilla = TorsoSection {
        b: axilla.b * 0.98 * flat_chest.depth(cols) / axilla.depth(cols).max(1e-6),
        bust: AXILLA_BUST * bust,
        ..axilla
    };
    let axilla = with_back_at(axilla, back, cols);
    let acromion = TorsoSection {
        a: p.shoulder_width / 2.0,
        b: chest.b * 0.62,
        zc: chest.zc - 0.012 * s,
        blades: 0.03,
        ..Default::default()
    };
    let neck = TorsoSection {
        a: 1.0,
        b: 1.0,
        zc: -0.012 * s,
        ..Default::default()
    }
    .with_girth(p.neck, cols);
    let slope = TorsoSection {
        a: neck.a * 1.2 + 0.7 * (acromion.a - neck.a * 1.2),
        b: neck.b * 1.45,
        zc: 0.6 * neck.zc + 0.4 * acromion.zc,
        ..Default::default()
    };
    let cervicale = TorsoSection {
        a: neck.a * 1.25,
        b: neck.b * 1.2,
        ..neck
    };
    let head = TorsoSection {
        a: p.head_breadth,
        b: p.head_length,
        zc: neck.zc + 0.008 * s,
        ..Default::default()
    }
    .with_girth(p.head, cols);
    let chin = TorsoSection {
        a: neck.a * 1.1,
        b: neck.b * 1.35,
        zc: neck.zc + 0.3 * neck.b,
        ..Default::default()
    };
    let mouth = TorsoSection {
        a: head.a * 0.8,
        b: head.b * 0.93,
        zc: head.zc + 0.004 * s,
        ..Default::default()
    };
    let nose = TorsoSection {
        a: head.a * 0.9,
        b: head.b * 0.94,
        zc: head.zc + 0.002 * s,
        nose: 0.13,
        ..Default::default()
    };
    let sections = vec![
        crotch, hip, navel, waist, underbust, chest, axilla, acromion, slope, cervicale, neck,
        chin, mouth, nose, head,
    ];
    (levels, sections)
}
