//! A stylist's note pinned where they click the avatar: while the Stylist tab has a note waiting
//! for its place (`Joined::armed`), a click on the 3D view (pressed and released without
//! dragging, not on a panel or an overlay) casts the camera's ray through the pointer onto the
//! avatar shown (`session::pin::hit`) and sends the note there. A click beside the avatar pins
//! nothing and keeps waiting (the tab's "Cancel" or Esc give the note back).

use crate::app::panels::PanelInsets;
use crate::app::scene::camera::{Orbit, pointer_is_cameras};
use crate::app::state::body::ShopperBody;
use crate::app::state::stylist_session::{SessionAction, StylistSession};
use crate::session::pin;
use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy_egui::input::EguiWantsInput;

/// How far the pointer may move between press and release for a click, logical pixels.
const CLICK_SLOP: f32 = 4.0;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        pin_where_clicked.in_set(crate::app::AppSystems::View),
    );
}

#[expect(
    clippy::too_many_arguments,
    reason = "a system's parameters: input, window, camera, body and session"
)]
fn pin_where_clicked(
    buttons: Res<ButtonInput<MouseButton>>,
    egui: Res<EguiWantsInput>,
    insets: Res<PanelInsets>,
    window: Single<&Window, With<PrimaryWindow>>,
    camera: Single<(&Camera, &GlobalTransform), With<Orbit>>,
    (body, session): (Res<ShopperBody>, Res<StylistSession>),
    mut actions: MessageWriter<SessionAction>,
    mut pressed_at: Local<Option<Vec2>>,
) {
    let StylistSession::Joined(joined) = &*session else {
        *pressed_at = None;
        return;
    };
    let Some(text) = joined.armed.as_ref() else {
        *pressed_at = None;
        return;
    };
    let cursor = window.cursor_position();
    if buttons.just_pressed(MouseButton::Left) {
        *pressed_at = cursor.filter(|_| pointer_is_cameras(&window, &insets, &egui));
    }
    if !buttons.just_released(MouseButton::Left) {
        return;
    }
    let (Some(from), Some(to)) = (pressed_at.take(), cursor) else {
        return;
    };
    let Some(avatar) = body.avatar.as_ref() else {
        return;
    };
    let (camera, transform) = *camera;
    if from.distance(to) > CLICK_SLOP {
        return;
    }
    let Ok(ray) = camera.viewport_to_world(transform, to) else {
        return;
    };
    // The avatar stands at the origin, untransformed: the ray is in its coordinates.
    if let Some(at) = pin::hit(&avatar.mesh, ray.origin, *ray.direction) {
        actions.write(SessionAction::PinAt {
            text: text.clone(),
            at,
        });
    }
}
