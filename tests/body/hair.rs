//! Hair on extreme bodies, in every style: it covers the crown a little way out, stays off the
//! face, comes out of the skin only where there is hair and is a sound mesh of its own; the short
//! cap leaves the ears bare, the bob hangs over them and the nape down to the chin.

use super::intersect::avatar_of;
use anprobe::body::Avatar;
use anprobe::body::hair::{self, Style};
use anprobe::fit::spatial::Surface;
use anprobe::geometry::TriangleMesh;
use anprobe::measurements::{Form, Key};
use glam::Vec3;

/// Both forms at the survey's extremes and in between: (stature cm, BMI).
const BODIES: [(f64, f64); 4] = [(150.0, 16.0), (165.0, 45.0), (180.0, 25.0), (200.0, 35.0)];

fn each_body(mut check: impl FnMut(&Avatar, &str)) {
    for form in [Form::Female, Form::Male] {
        for (stature, bmi) in BODIES {
            check(
                &avatar_of(form, stature, bmi),
                &format!("{form:?} {stature} cm BMI {bmi}"),
            );
        }
    }
}

fn skin(avatar: &Avatar) -> Surface {
    let mesh = &avatar.mesh;
    Surface::with_smooth_normals(&mesh.positions, &mesh.indices, &mesh.normals)
}

/// The hair's points that stand out of the skin (by more than half a millimetre).
fn showing(hair: &TriangleMesh, skin: &Surface) -> Vec<Vec3> {
    hair.positions
        .iter()
        .copied()
        .filter(|&p| skin.signed(p, 0.05).map_or(0.0, |h| h.distance) > 0.0005)
        .collect()
}

fn crown(avatar: &Avatar) -> f32 {
    avatar
        .mesh
        .positions
        .iter()
        .map(|p| p.y)
        .fold(f32::MIN, f32::max)
}

#[test]
fn hair_covers_the_head_and_leaves_the_face_clear_in_every_style() {
    each_body(|avatar, body| {
        let skin = skin(avatar);
        let mesh = &avatar.mesh;
        let crown = crown(avatar);
        // The face: the nose tip is the head's front-most vertex.
        let nose = mesh
            .positions
            .iter()
            .filter(|p| p.y > crown - 0.3 && p.x.abs() < 0.01)
            .copied()
            .max_by(|a, b| a.z.total_cmp(&b.z))
            .unwrap();
        for style in Style::ALL {
            let what = format!("{body}, {style:?}");
            let cap = hair::mesh(avatar, style);
            assert!(
                cap.triangle_count() > 200,
                "{what}: {}",
                cap.triangle_count()
            );
            assert!(
                cap.indices
                    .iter()
                    .all(|&i| (i as usize) < cap.positions.len()),
                "{what}"
            );
            assert_eq!(cap.normals.len(), cap.positions.len(), "{what}");
            let top = cap.positions.iter().map(|p| p.y).fold(f32::MIN, f32::max);
            assert!(
                (0.006..0.016).contains(&(top - crown)),
                "{what}: hair {:.1} mm over the crown",
                (top - crown) * 1000.0
            );
            // Nothing of the hair stands out of the skin in front of the head below 4 cm above
            // the nose tip (brow, eyes, cheeks).
            for p in showing(&cap, &skin) {
                assert!(
                    !(p.y < nose.y + 0.04 && p.z > nose.z - 0.06),
                    "{what}: hair on the face at {p} (nose tip {nose})"
                );
            }
            // Where there is no hair the shell lies just under the skin, never deep inside.
            let deepest = cap
                .positions
                .iter()
                .filter_map(|&p| skin.signed(p, 0.05).map(|h| h.distance))
                .fold(f32::MAX, f32::min);
            assert!(
                deepest > -0.0045,
                "{what}: hair {:.1} mm under the skin",
                -deepest * 1000.0
            );
        }
    });
}

#[test]
fn a_bob_hangs_over_the_ears_and_the_nape_to_the_chin_where_a_short_cap_leaves_the_ears_bare() {
    each_body(|avatar, what| {
        let skin = skin(avatar);
        let mesh = &avatar.mesh;
        let chin = avatar.skeleton.head.to_y;
        let crown = crown(avatar);
        let head: Vec<Vec3> = mesh
            .positions
            .iter()
            .copied()
            .filter(|p| p.y > chin && p.y < crown && p.x.abs() < 0.15)
            .collect();
        // The ear: the head's widest point to the left between the chin and the crown, near
        // the head's axis (not a full cheek).
        let axis = avatar.girth(Key::HeadGirth).unwrap().origin;
        let ear = head
            .iter()
            .copied()
            .filter(|p| (p.z - axis.z).abs() < 0.03)
            .max_by(|a, b| a.x.total_cmp(&b.x))
            .unwrap();
        // The nape: the neck's back at the chin's height.
        let nape = head
            .iter()
            .filter(|p| p.y < chin + 0.01 && p.x.abs() < 0.02)
            .map(|p| p.z)
            .fold(f32::MAX, f32::min);
        let bob = showing(&hair::mesh(avatar, Style::Bob), &skin);
        let short = showing(&hair::mesh(avatar, Style::Short), &skin);
        let covers_ear = |hair: &[Vec3]| {
            hair.iter()
                .any(|p| (p.y - ear.y).abs() < 0.01 && p.x > ear.x + 0.003)
        };
        assert!(
            covers_ear(&bob),
            "{what}: the bob leaves the ear at {ear} bare"
        );
        assert!(
            !covers_ear(&short),
            "{what}: the short cap covers the ear at {ear}"
        );
        // The bob's ends at the sides and back come down to within 1.5 cm of the chin's height.
        let lowest = bob
            .iter()
            .filter(|p| p.z < ear.z)
            .map(|p| p.y)
            .fold(f32::MAX, f32::min);
        assert!(
            (lowest - chin).abs() < 0.015,
            "{what}: the bob ends {:.1} cm from the chin's height",
            (lowest - chin) * 100.0
        );
        // It hangs: near its ends it stands well off the nape, not wrapped round the neck.
        let back = bob
            .iter()
            .filter(|p| p.y < chin + 0.02 && p.x.abs() < 0.02)
            .map(|p| p.z)
            .fold(f32::MAX, f32::min);
        assert!(
            back < nape - 0.01,
            "{what}: the bob's back {:.1} cm behind the nape",
            (nape - back) * 100.0
        );
    });
}
