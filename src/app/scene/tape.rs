//! The tape measure drawn on the avatar for the measurement row under the pointer (or pinned).

use crate::app::state::body::ShopperBody;
use crate::measurements::Key;
use crate::tape::{self, Reading, TapeGeometry};
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<TapeHover>()
        .init_gizmo_group::<TapeGizmos>()
        .init_gizmo_group::<StraightTapeGizmos>()
        .add_systems(Startup, configure_gizmos)
        .add_systems(Update, draw_tape.in_set(crate::app::AppSystems::Scene));
}

/// Which measurement's tape to show.
#[derive(Resource, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TapeHover {
    /// The row under the pointer, set by the measurements panel every frame.
    pub hovered: Option<Key>,
    /// A row the shopper clicked to keep its tape shown (also how tests show a tape).
    pub pinned: Option<Key>,
    /// A row whose field should take the keyboard focus when next drawn (the catalog's "measure
    /// your hip girth"); the measurements panel clears it once it has.
    pub focus: Option<Key>,
}

impl TapeHover {
    /// The tape to draw: the hovered row wins over the pinned one.
    pub fn shown(&self) -> Option<Key> {
        self.hovered.or(self.pinned)
    }
}

/// Gizmo group of a tape around the body: thick lines, slightly in front of the skin, so the
/// body hides the part of the loop behind it.
#[derive(Default, Reflect, GizmoConfigGroup)]
struct TapeGizmos;

/// Gizmo group of a straight tape: it runs through the body (landmark to landmark), so it is
/// drawn over everything.
#[derive(Default, Reflect, GizmoConfigGroup)]
struct StraightTapeGizmos;

/// The tape's colour: a bright tailor's-tape orange.
const TAPE: Color = Color::srgb(1.0, 0.45, 0.0);
/// The tape floats this far outside the skin so it is not swallowed by it.
const LIFT_M: f32 = 0.004;

fn configure_gizmos(mut store: ResMut<GizmoConfigStore>) {
    let (config, _) = store.config_mut::<TapeGizmos>();
    config.line.width = 5.0;
    config.depth_bias = -0.002;
    let (config, _) = store.config_mut::<StraightTapeGizmos>();
    config.line.width = 4.0;
    config.depth_bias = -1.0;
}

fn draw_tape(
    hover: Res<TapeHover>,
    body: Res<ShopperBody>,
    mut gizmos: Gizmos<TapeGizmos>,
    mut straight: Gizmos<StraightTapeGizmos>,
    mut cache: Local<Option<(u64, Reading)>>,
) {
    let Some(key) = hover.shown() else { return };
    let Some(avatar) = &body.avatar else { return };
    let fresh = matches!(&*cache, Some((generation, reading)) if *generation == body.generation && reading.key == key);
    if !fresh {
        let Some(placement) = avatar.tape(key) else {
            return;
        };
        *cache = Some((
            body.generation,
            tape::measure_one(&avatar.mesh, key, placement),
        ));
    }
    let Some((_, reading)) = &*cache else { return };
    match &reading.geometry {
        TapeGeometry::Girth { origin, path, .. } if path.len() >= 2 => {
            let lifted = path.iter().map(|p| {
                let out = *p - *origin;
                *p + out.normalize_or_zero() * LIFT_M
            });
            let closed = lifted.clone().chain(lifted.take(1));
            gizmos.linestrip(closed, TAPE);
        }
        TapeGeometry::Girth { .. } => {}
        TapeGeometry::Length { from, to } => {
            straight.line(*from, *to, TAPE);
            straight.sphere(Isometry3d::from_translation(*from), 0.012, TAPE);
            straight.sphere(Isometry3d::from_translation(*to), 0.012, TAPE);
        }
    }
}
