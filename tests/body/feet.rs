//! Tests: where the leg bends into the foot, the ankle's front creases but never folds back under
//! itself. (The foot's bend turns the leg's rings about an axis in front of their centres; the
//! ankle's front reached further forward than that axis and narrowed as the rings turned, so its
//! points rose and drew back: neighbouring triangles met at 80–139° on 83 of these 84 bodies and
//! triangles there faced straight down on all of them, a dark line across the ankle, which the
//! self-intersection test, at 170°, does not see.)

use super::intersect::{avatar_of, extreme_grid};
use anprobe::body::Avatar;
use anprobe::measurements::Key;
use glam::Vec3;
use std::collections::HashMap;

/// The largest angle (degrees) between the normals of two leg triangles that share an edge
/// whose middle lies between `low` and `high` (metres above the floor), and where that edge lies.
fn sharpest_leg_edge(avatar: &Avatar, low: f32, high: f32) -> (f32, Vec3) {
    let mesh = &avatar.mesh;
    let at = |v: u32| mesh.positions[v as usize];
    let mut sides: HashMap<(u32, u32), Vec<usize>> = HashMap::new();
    for (i, t) in mesh.triangles().iter().enumerate() {
        for k in 0..3 {
            let (a, b) = (t[k], t[(k + 1) % 3]);
            sides.entry((a.min(b), a.max(b))).or_default().push(i);
        }
    }
    let triangles = mesh.triangles();
    sides
        .iter()
        .filter(|&(&(a, b), pair)| {
            let mid = (at(a) + at(b)) / 2.0;
            pair.len() == 2
                && in_a_leg(avatar, a)
                && in_a_leg(avatar, b)
                && mid.y > low
                && mid.y < high
        })
        .map(|(&(a, b), pair)| {
            let [n0, n1] = [pair[0], pair[1]].map(|t| normal(avatar, triangles[t]));
            let angle = n0.dot(n1).clamp(-1.0, 1.0).acos().to_degrees();
            (angle, (at(a) + at(b)) / 2.0)
        })
        .fold((0.0, Vec3::ZERO), |worst, edge| {
            if edge.0 > worst.0 { edge } else { worst }
        })
}

/// The lowest upward component of a leg triangle's unit normal in front of the ankle tape's
/// centre, between `low` and `high` (−1: facing the floor), and where that triangle lies.
fn most_floorward_front(avatar: &Avatar, low: f32, high: f32) -> (f32, Vec3) {
    let ankle = avatar.girth(Key::AnkleGirth).expect("an ankle tape").origin;
    let at = |v: u32| avatar.mesh.positions[v as usize];
    avatar
        .mesh
        .triangles()
        .iter()
        .filter(|t| t.iter().all(|&v| in_a_leg(avatar, v)))
        .map(|&t| (normal(avatar, t).y, (at(t[0]) + at(t[1]) + at(t[2])) / 3.0))
        .filter(|(_, c)| c.y > low && c.y < high && c.z > ankle.z)
        .fold(
            (1.0, Vec3::ZERO),
            |worst, t| if t.0 < worst.0 { t } else { worst },
        )
}

fn in_a_leg(avatar: &Avatar, v: u32) -> bool {
    avatar
        .skeleton
        .legs
        .iter()
        .any(|leg| leg.vertices.contains(&v))
}

fn normal(avatar: &Avatar, t: [u32; 3]) -> Vec3 {
    let [a, b, c] = t.map(|v| avatar.mesh.positions[v as usize]);
    (b - a).cross(c - a).normalize_or_zero()
}

#[test]
fn the_ankle_creases_without_folding_back() {
    let mut report = Vec::new();
    for (form, stature, bmi) in extreme_grid() {
        let avatar = avatar_of(form, stature, bmi);
        // From above the toes' roots (their crevices are deep by design) to mid-calf.
        let k = stature as f32 / 170.0;
        let (low, high) = (0.045 * k, 0.30 * k);
        let (angle, edge) = sharpest_leg_edge(&avatar, low, high);
        let (up, facet) = most_floorward_front(&avatar, low, high);
        let who = format!("{form:?} {stature} cm BMI {bmi}");
        println!("{who}: edges up to {angle:.1}° at {edge:.3}, normal's y {up:.2} at {facet:.3}");
        if angle > 100.0 {
            report.push(format!("{who}: triangles meet at {angle:.1}° at {edge:.3}"));
        }
        // The shin tapers to the ankle, facing the floor a little (up to 45° in the
        // crease, where the way down turns forward).
        if up < -0.75 {
            report.push(format!(
                "{who}: a triangle faces the floor (y {up:.2}) at {facet:.3}"
            ));
        }
    }
    assert!(
        report.is_empty(),
        "folded at the ankle:\n{}",
        report.join("\n")
    );
}
