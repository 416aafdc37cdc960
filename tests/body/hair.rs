//! The hair cap on extreme bodies: it covers the crown a little way out, stays off the face and
//! the ears, comes out of the skin only above the hairline, and is a sound mesh of its own.

use super::intersect::avatar_of;
use anprobe::body::hair;
use anprobe::fit::spatial::Surface;
use anprobe::measurements::Form;

#[test]
fn the_hair_cap_covers_the_head_and_leaves_the_face_and_ears_clear() {
    for form in [Form::Female, Form::Male] {
        for (stature, bmi) in [(150.0, 16.0), (165.0, 45.0), (180.0, 25.0), (200.0, 35.0)] {
            let avatar = avatar_of(form, stature, bmi);
            let cap = hair::cap(&avatar);
            let what = format!("{form:?} {stature} cm BMI {bmi}");
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
            let mesh = &avatar.mesh;
            let skin = Surface::with_smooth_normals(&mesh.positions, &mesh.indices, &mesh.normals);
            let crown = mesh.positions.iter().map(|p| p.y).fold(f32::MIN, f32::max);
            let top = cap.positions.iter().map(|p| p.y).fold(f32::MIN, f32::max);
            assert!(
                (0.006..0.016).contains(&(top - crown)),
                "{what}: hair {:.1} mm over the crown",
                (top - crown) * 1000.0
            );
            // The face: the nose tip is the head's front-most vertex; nothing of the hair stands
            // out of the skin in front of the head below 4 cm above it (brow and eyes), nor at
            // the sides at the ears' height.
            let head_low = crown - 0.3;
            let nose = mesh
                .positions
                .iter()
                .filter(|p| p.y > head_low && p.x.abs() < 0.01)
                .copied()
                .max_by(|a, b| a.z.total_cmp(&b.z))
                .unwrap();
            for p in &cap.positions {
                let out = skin.signed(*p, 0.05).map_or(0.0, |h| h.distance);
                if out <= 0.0005 {
                    continue;
                }
                assert!(
                    !(p.y < nose.y + 0.04 && p.z > nose.z - 0.06),
                    "{what}: hair on the face at {p} (nose tip {nose})"
                );
            }
        }
    }
}
