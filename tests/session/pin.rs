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
