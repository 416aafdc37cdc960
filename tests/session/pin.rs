//! Where a pinned note sits: on the surface of the stylist's avatar at the spot named, on the
//! side named; and on the shopper's avatar (another body: what was not shared is predicted on
//! the stylist's side) at the nearest point, still on that side and at that height.

use crate::body::resolved;
use anprobe::body;
use anprobe::fit::anatomy::Anatomy;
use anprobe::measurements::{Form, Key};
use anprobe::session::pin::{self, Facing, Spot};

#[test]
fn a_note_is_pinned_on_the_surface_at_the_spot_and_side_named() {
    // The stylist's avatar: the shopper's chest alone shared, the rest predicted.
    let stylists = body::build(&resolved(Form::Female, &[(Key::ChestGirth, 93.6)]));
    // The shopper's own, with every girth typed.
    let shoppers = body::build(&resolved(
        Form::Female,
        &[
            (Key::Stature, 171.0),
            (Key::ChestGirth, 93.6),
            (Key::WaistGirth, 78.0),
            (Key::HipGirth, 108.0),
        ],
    ));
    let anatomy = Anatomy::new(&stylists);
    for spot in Spot::ALL {
        let front = pin::point(&stylists, spot, Facing::Front);
        let back = pin::point(&stylists, spot, Facing::Back);
        // A vertex of the avatar: on its surface.
        assert!(stylists.mesh.positions.contains(&front), "{spot:?}");
        let height = match spot {
            Spot::Shoulder => anatomy.acromion[0].y,
            Spot::Chest => anatomy.chest.origin.y,
            Spot::Waist => anatomy.waist.origin.y,
            Spot::Hip => anatomy.hip.origin.y,
            Spot::Thigh => anatomy.thigh[0].origin.y,
        };
        assert!(
            (front.y - height).abs() < 0.021,
            "{spot:?}: {front} at {height}"
        );
        if spot != Spot::Shoulder {
            assert!(
                front.z > 0.02 && back.z < -0.02,
                "{spot:?}: {front} / {back}"
            );
            assert!(
                front.z - back.z > 0.1,
                "{spot:?}: a body is deeper than that"
            );
        }
        // On the shopper's body: the nearest point, on the same side, near the same spot.
        for (at, facing) in [(front, Facing::Front), (back, Facing::Back)] {
            let (on, normal) = pin::on_surface(&shoppers.mesh, at);
            assert!(shoppers.mesh.positions.contains(&on));
            assert!(on.distance(at) < 0.06, "{spot:?} {facing:?}: {at} → {on}");
            if spot != Spot::Shoulder {
                let sign = if facing == Facing::Front { 1.0 } else { -1.0 };
                assert!(
                    sign * normal.z > 0.3,
                    "{spot:?} {facing:?}: normal {normal}"
                );
            }
        }
    }
}

#[test]
fn a_click_pins_where_its_ray_first_meets_the_avatar() {
    let avatar = body::build(&resolved(Form::Male, &[(Key::Stature, 180.0)]));
    let anatomy = Anatomy::new(&avatar);
    let chest = anatomy.chest.origin;
    // From a camera 3 m in front, aimed at the chest: the front of the chest, not the back.
    let camera = glam::Vec3::new(0.0, chest.y, 3.0);
    let front = pin::hit(&avatar.mesh, camera, chest - camera).expect("the chest is hit");
    let deepest_front = avatar
        .mesh
        .positions
        .iter()
        .filter(|p| (p.y - chest.y).abs() < 0.01 && p.x.abs() < 0.02)
        .map(|p| p.z)
        .fold(f32::MIN, f32::max);
    assert!(
        (front.z - deepest_front).abs() < 0.01,
        "{front} vs {deepest_front}"
    );
    assert!(
        (front.y - chest.y).abs() < 1e-3 && front.x.abs() < 1e-3,
        "{front}"
    );
    // From behind, the back; from above the shoulder, the shoulder's top; past the side, nothing.
    let behind = glam::Vec3::new(0.0, chest.y, -3.0);
    let back = pin::hit(&avatar.mesh, behind, chest - behind).unwrap();
    assert!(back.z < chest.z, "{back}");
    let shoulder = anatomy.acromion[0];
    let above = shoulder + glam::Vec3::Y;
    let top = pin::hit(&avatar.mesh, above, -glam::Vec3::Y).unwrap();
    assert!((top - shoulder).length() < 0.03, "{top} vs {shoulder}");
    let beside = glam::Vec3::new(1.0, chest.y, 3.0);
    assert_eq!(pin::hit(&avatar.mesh, beside, -glam::Vec3::Z), None);
    // A ray that goes nowhere, or starts nowhere, hits nothing.
    assert_eq!(pin::hit(&avatar.mesh, camera, glam::Vec3::ZERO), None);
    assert_eq!(
        pin::hit(&avatar.mesh, glam::Vec3::NAN, -glam::Vec3::Z),
        None
    );
}
