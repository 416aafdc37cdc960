//! The 3D view: the studio the avatar stands in, the orbit camera (and the camera egui draws
//! with), the avatar and its tape, the worn garments in fabric or as a fit map, the catalog's
//! thumbnails (drawn offscreen) and "Save outfit as PNG". It follows [`state`](super::state);
//! nothing here changes it (a click that pins a stylist's note is sent as the tab's actions are).

pub mod avatar;
pub mod camera;
pub mod fit_material;
pub mod outfit_picture;
mod pin_click;
pub mod studio;
pub mod tape;
pub mod thumbnails;
pub mod ui_camera;
pub mod worn_garments;

use bevy::prelude::*;

/// Everything drawn in 3D but the avatar (which the headless plugin builds too).
pub(super) fn plugin(app: &mut App) {
    app.add_plugins((
        studio::plugin,
        camera::plugin,
        ui_camera::plugin,
        tape::plugin,
        fit_material::plugin,
        worn_garments::plugin,
        thumbnails::plugin,
        outfit_picture::plugin,
        pin_click::plugin,
    ));
}
