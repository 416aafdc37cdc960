//! The relief of a face on the head's rings: brow, eye sockets, nose, cheekbones, lips, chin and
//! ears, each a smooth bump (or hollow) that moves the head's vertices outwards from the head's
//! axis. Placed from the stature and the tragion-to-top height (the ear's opening lies that far
//! below the crown); proportions from anthropometric averages, one face for everyone. Every bump
//! ends below the head-girth ring, so the head's tape stays exact.

use super::mesh::MeshBuilder;
use super::proportions::Proportions;
use super::torso::Torso;
use glam::Vec3;

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

/// The face's bumps for a head whose tragion lies `tt` below the crown, scaled across by `k`
/// (the head's girth over an average 57 cm).
fn bumps(tt: f32, k: f32) -> Vec<Bump> {
    let b = |along: f32, down: f32, half_width: f32, half_height: f32, out: f32| Bump {
        along: along * k,
        down,
        half_width: half_width * k,
        half_height: half_height * tt,
        out: out * k,
    };
    let mut all = vec![
        // Brow ridge: a band over both eyes.
        b(0.0, 0.82, 0.055, 0.07, 0.004),
        // Nose: bridge, middle and tip, growing out and wider downwards.
        b(0.0, 0.95, 0.009, 0.10, 0.005),
        b(0.0, 1.08, 0.011, 0.12, 0.011),
        b(0.0, 1.22, 0.014, 0.09, 0.018),
        // Lips and chin.
        b(0.0, 1.46, 0.025, 0.08, 0.005),
        b(0.0, 1.63, 0.022, 0.09, 0.006),
    ];
    for side in [1.0f32, -1.0] {
        // Eye sockets, cheekbones, ears (just behind the head's side).
        all.push(b(side * 0.032, 0.92, 0.017, 0.09, -0.005));
        all.push(b(side * 0.048, 1.1, 0.022, 0.12, 0.003));
        all.push(b(side * 0.135, 1.03, 0.016, 0.2, 0.016));
    }
    all
}

/// `(1 − r²)²` inside the unit disc, 0 outside: smooth, and exactly 0 beyond the bump.
fn kernel(x: f32, y: f32) -> f32 {
    let r2 = x * x + y * y;
    if r2 >= 1.0 {
        0.0
    } else {
        (1.0 - r2) * (1.0 - r2)
    }
}

/// Moves the head's vertices (rows from the chin up) by the face's bumps.
pub(super) fn relief(mesh: &mut MeshBuilder, torso: &Torso, p: &Proportions) {
    let tt = p.tragion_to_top;
    let bumps = bumps(tt, p.head / 0.57);
    let y_head = torso.heights[torso.head_row()];
    for (r, row) in torso.rows.iter().enumerate() {
        let y = torso.heights[r];
        let down = (p.stature - y) / tt;
        if y >= y_head || down > 1.8 {
            continue;
        }
        let zc = torso.sections[r].zc;
        for &v in row.iter().flatten() {
            let q = mesh.positions[v as usize];
            let radial = Vec3::new(q.x, 0.0, q.z - zc);
            let radius = radial.length();
            if radius < 1e-4 {
                continue;
            }
            // Arc length round the head from the front centre.
            let along = q.x.atan2(q.z - zc) * radius;
            let out: f32 = bumps
                .iter()
                .map(|b| {
                    b.out
                        * kernel(
                            (along - b.along) / b.half_width,
                            (down - b.down) * tt / b.half_height,
                        )
                })
                .sum();
            // Nothing moves above the head-girth ring's level (the tape there stays exact).
            if out != 0.0 {
                mesh.positions[v as usize] = q + radial / radius * out;
            }
        }
    }
}
