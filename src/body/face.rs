//! The relief of a face on the head's rings: brow, eye sockets, nose, cheekbones, lips, chin and
//! ears, each a smooth bump (or hollow) that moves the head's vertices outwards from the head's
//! axis. Placed from the stature and the tragion-to-top height (the ear's opening lies that far
//! below the crown); proportions from anthropometric averages, a woman's or a man's, the cheeks
//! fuller on a fuller body (`Features`). Every bump ends below the head-girth ring, so the head's
//! tape stays exact.

use super::mesh::MeshBuilder;
use super::proportions::Proportions;
use super::section::disc_bump;
use super::torso::Torso;
use crate::measurements::Form;
use glam::Vec3;
use std::f32::consts::TAU;

/// One bump: centred `along` metres round the head from the front centre (positive to the
/// body's left) and `down` tragion-to-top heights below the crown; its half-width and
/// half-height (metres) and how far it moves the surface out (metres, negative inwards).
struct Bump {
    along: f32,
    down: f32,
    half_width: f32,
    half_height: f32,
    out: f32,
}

/// How a face differs by form and build: the relief's features that anthropometry finds
/// differing most between women's and men's faces (the brow ridge, the nose's projection, the
/// chin's and the jaw's breadth, the lips' fullness), and cheeks fuller on a fuller body.
#[derive(Clone, Copy, Debug)]
struct Features {
    /// The brow ridge's projection, times the base face's.
    brow: f32,
    /// The nose tip's projection, times the base face's.
    nose: f32,
    /// The chin's projection and breadth, the lips' projection, times the base face's.
    chin: f32,
    chin_width: f32,
    lips: f32,
    /// The cheeks' projection, times the base face's.
    cheeks: f32,
    /// How much narrower the part brought forward is at the chin's ring than at the head's.
    jaw_narrowing: f32,
}

impl Features {
    /// The features for a body of `form` whose neck girth is `neck` metres: the base face is a
    /// woman's; a man's has a brow ridge 60 % and a nose tip 15 % more prominent, a chin standing
    /// out 40 % more and a fifth broader, lips 15 % flatter and a squarer jaw. The cheeks fill out
    /// with the neck's girth over its form's average (33.0 cm for women, 39.8 cm for men: the
    /// survey's means; its 5th to 95th percentiles lie within 10 % of them): up to twice as full
    /// at a neck 40 % thicker, down to half at one 20 % thinner.
    fn of(form: Form, neck: f32) -> Self {
        let (base, average_neck) = match form {
            Form::Female => (
                Features {
                    brow: 1.0,
                    nose: 1.0,
                    chin: 1.0,
                    chin_width: 1.0,
                    lips: 1.0,
                    cheeks: 1.0,
                    jaw_narrowing: 0.45,
                },
                0.330,
            ),
            Form::Male => (
                Features {
                    brow: 1.6,
                    nose: 1.15,
                    chin: 1.4,
                    chin_width: 1.2,
                    lips: 0.85,
                    cheeks: 1.0,
                    jaw_narrowing: 0.3,
                },
                0.398,
            ),
        };
        let fullness = (neck / average_neck - 1.0).clamp(-0.2, 0.4);
        Features {
            cheeks: 1.0 + 2.5 * fullness,
            ..base
        }
    }
}

/// The face's bumps for a head whose tragion lies `tt` below the crown, scaled across by `k`
/// (the head's girth over an average 57 cm), with the features `f`.
fn bumps(tt: f32, k: f32, f: Features) -> Vec<Bump> {
    let b = |along: f32, down: f32, half_width: f32, half_height: f32, out: f32| Bump {
        along: along * k,
        down,
        half_width: half_width * k,
        half_height: half_height * tt,
        out: out * k,
    };
    let mut all = vec![
        // Brow ridge: a band over both eyes.
        b(0.0, 0.82, 0.055, 0.07, 0.004 * f.brow),
        // Nose: bridge, middle and tip, growing out and wider downwards.
        b(0.0, 0.95, 0.009, 0.10, 0.004),
        b(0.0, 1.08, 0.011, 0.13, 0.009),
        b(0.0, 1.2, 0.014, 0.11, 0.013 * f.nose),
        // Lips and chin, low and broad (steep ones shade the mouth dark under a light from above).
        b(0.0, 1.45, 0.026, 0.12, 0.003 * f.lips),
        b(0.0, 1.62, 0.024 * f.chin_width, 0.12, 0.004 * f.chin),
    ];
    for side in [1.0f32, -1.0] {
        // Eye sockets, cheekbones, ears (just behind the head's side).
        all.push(b(side * 0.032, 0.92, 0.017, 0.09, -0.005));
        all.push(b(side * 0.048, 1.1, 0.022, 0.12, 0.003 * f.cheeks));
        all.push(b(side * 0.135, 1.03, 0.016, 0.2, 0.016));
    }
    all
}

/// The face below the brow stands almost upright (the chin about 1.2 cm behind the brow, scaled
/// by the head): the head's rings, which narrow from the head girth to the neck, are brought
/// forward there, across the face's width (half-width 6 cm), and the bumps sit on that.
const CHIN_BEHIND_BROW: f32 = 0.012;
const FACE_HALF_WIDTH: f32 = 0.06;

/// Moves the head's vertices (rows from the chin's up to the head girth's) by the face's bumps.
pub(super) fn relief(mesh: &mut MeshBuilder, torso: &Torso, p: &Proportions) {
    let tt = p.tragion_to_top;
    let across = p.head / 0.57;
    let features = Features::of(p.form, p.neck);
    let bumps = bumps(tt, across, features);
    // How far round the head from the front centre anything moves (metres of arc).
    let reach = bumps
        .iter()
        .map(|b| b.along.abs() + b.half_width)
        .fold(FACE_HALF_WIDTH * across, f32::max);
    let y_head = torso.heights[torso.head_row()];
    let brow = torso.rows[torso.head_row()]
        .iter()
        .flatten()
        .map(|&v| mesh.positions[v as usize].z)
        .fold(f32::NEG_INFINITY, f32::max);
    // From the chin's ring up to the head-girth ring; the neck below never moves (its tape).
    let (first, y_chin) = (torso.chin_row(), torso.heights[torso.chin_row()]);
    for (r, row) in torso.rows.iter().enumerate().skip(first) {
        let y = torso.heights[r];
        if y >= y_head {
            break;
        }
        let down = (p.stature - y) / tt;
        let zc = torso.sections[r].zc;
        // The bumps this row passes through (most lie above or below it), each with the row's
        // height across it; and what the row's height alone decides.
        let active: Vec<(&Bump, f32)> = bumps
            .iter()
            .filter(|b| ((down - b.down) * tt).abs() < b.half_height)
            .map(|b| (b, (down - b.down) * tt / b.half_height))
            .collect();
        let t = ((y_head - y) / (y_head - y_chin).max(1e-4)).clamp(0.0, 1.0);
        let upright = brow - CHIN_BEHIND_BROW * across * t;
        // The face narrows to the chin: the jaw's lower edge runs back and up from the chin
        // instead of standing out as one shelf the face's width.
        let half_width = FACE_HALF_WIDTH * across * (1.0 - features.jaw_narrowing * t * t);
        for &v in row.iter().flatten() {
            let q = mesh.positions[v as usize];
            let radial = Vec3::new(q.x, 0.0, q.z - zc);
            let radius = radial.length();
            // More than a third of a turn from the front centre the arc round the head is longer
            // than any bump's or the face's reach: nothing moves there (no angle computed).
            if radius < 1e-4 || (q.z - zc < -0.5 * radius && radius * TAU / 3.0 > reach) {
                continue;
            }
            // Arc length round the head from the front centre.
            let along = q.x.atan2(q.z - zc) * radius;
            let forward = (upright - q.z).max(0.0) * disc_bump(along / half_width, 0.0);
            let out: f32 = active
                .iter()
                .map(|&(b, height)| b.out * disc_bump((along - b.along) / b.half_width, height))
                .sum();
            // Nothing moves above the head-girth ring's level (the tape there stays exact).
            if out != 0.0 || forward > 0.0 {
                mesh.positions[v as usize] = q + radial / radius * out + Vec3::Z * forward;
            }
        }
    }
}
