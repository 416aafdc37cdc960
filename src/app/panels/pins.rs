//! The notes a stylist pinned during a session, drawn over the 3D view on both sides: a marker
//! on the avatar's surface where the note was pinned (put on the nearest point of the avatar
//! shown, [`pin::on_surface`]) and the note beside it; faded while that side of the body faces
//! away from the camera.

use super::{PanelInsets, PanelSystems};
use crate::app::scene::camera::Orbit;
use crate::app::state::body::ShopperBody;
use crate::app::state::stylist_session::{PinnedNote, StylistSession};
use crate::geometry::TriangleMesh;
use crate::session::pin;
use bevy::prelude::*;
use bevy_egui::egui::{self, Align2, Color32, FontId, LayerId, Order, Pos2, Stroke};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        pinned_notes.in_set(PanelSystems::Overlays),
    );
}

/// Where a note is drawn: the marker on screen and whether its side of the body faces the camera.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownPin {
    /// The marker, logical pixels.
    pub at: Pos2,
    /// Whether the surface there faces the camera.
    pub facing_camera: bool,
    /// The note.
    pub text: String,
}

/// Each note's point on the avatar's surface and the surface's normal there.
pub fn on_avatar(pins: &[PinnedNote], avatar: &TriangleMesh) -> Vec<(Vec3, Vec3)> {
    pins.iter()
        .map(|note| pin::on_surface(avatar, note.at))
        .collect()
}

/// Places each note at its point on the avatar ([`on_avatar`]), projected by the camera (notes
/// behind the camera or off the view are left out).
pub fn place(
    pins: &[PinnedNote],
    on_avatar: &[(Vec3, Vec3)],
    camera: &Camera,
    camera_at: &GlobalTransform,
) -> Vec<ShownPin> {
    pins.iter()
        .zip(on_avatar)
        .filter_map(|(note, &(point, normal))| {
            let screen = camera.world_to_viewport(camera_at, point).ok()?;
            Some(ShownPin {
                at: Pos2::new(screen.x, screen.y),
                facing_camera: (camera_at.translation() - point).dot(normal) > 0.0,
                text: note.text.clone(),
            })
        })
        .collect()
}

/// The notes' points on the avatar, found again only when the avatar or the notes change (the
/// search runs over every vertex of the avatar).
#[derive(Default)]
struct Snapped {
    /// The [`ShopperBody::generation`] they were found on.
    generation: u64,
    /// The notes' points as sent.
    sent: Vec<Vec3>,
    /// Each note's point on the avatar and its normal ([`on_avatar`]).
    points: Vec<(Vec3, Vec3)>,
}

fn pinned_notes(
    mut contexts: EguiContexts,
    session: Res<StylistSession>,
    body: Res<ShopperBody>,
    insets: Res<PanelInsets>,
    camera: Query<(&Camera, &GlobalTransform), With<Orbit>>,
    mut snapped: Local<Snapped>,
) -> Result {
    let pins = session.pins();
    let (Some(avatar), Ok((camera, camera_at))) = (&body.avatar, camera.single()) else {
        return Ok(());
    };
    if pins.is_empty() {
        return Ok(());
    }
    let sent: Vec<Vec3> = pins.iter().map(|p| p.at).collect();
    if snapped.generation != body.generation || snapped.sent != sent {
        *snapped = Snapped {
            generation: body.generation,
            points: on_avatar(pins, &avatar.mesh),
            sent,
        };
    }
    let shown = place(pins, &snapped.points, camera, camera_at);
    let ctx = contexts.ctx_mut()?;
    let clip = insets.view_rect(ctx.viewport_rect());
    let painter = ctx
        .layer_painter(LayerId::new(Order::Middle, egui::Id::new("pinned_notes")))
        .with_clip_rect(clip);
    let mut taken: Vec<egui::Rect> = Vec::new();
    for pin in shown {
        let alpha = if pin.facing_camera { 255 } else { 90 };
        let ink = Color32::from_rgba_unmultiplied(30, 30, 30, alpha);
        let mark = Color32::from_rgba_unmultiplied(235, 120, 20, alpha);
        let paper = Color32::from_rgba_unmultiplied(255, 250, 235, alpha.min(230));
        painter.circle(pin.at, 5.0, mark, Stroke::new(1.5, Color32::WHITE));
        let galley = painter.layout(pin.text.clone(), FontId::proportional(13.0), ink, 220.0);
        // Up and to the right of the marker, below any note already there.
        let mut rect = Align2::LEFT_BOTTOM
            .anchor_size(pin.at + egui::vec2(26.0, -14.0), galley.size())
            .expand(4.0);
        while let Some(other) = taken.iter().find(|r| r.intersects(rect)) {
            rect = rect.translate(egui::vec2(0.0, other.bottom() - rect.top() + 4.0));
        }
        taken.push(rect);
        painter.line_segment([pin.at, rect.left_center()], Stroke::new(1.5, mark));
        painter.rect_filled(rect, 4.0, paper);
        painter.galley(rect.min + egui::vec2(4.0, 4.0), galley, ink);
    }
    Ok(())
}
