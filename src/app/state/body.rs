//! The shopper's body as the app sees it: the active profile's measurements, resolved and built
//! into an avatar whenever they change.

use crate::app::state::profiles::Profiles;
use crate::body::{self, Avatar};
use crate::measurements::{self, Issue, Key, Measurements, Resolved};
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ShopperBody>()
        .add_systems(Update, rebuild.in_set(crate::app::AppSystems::Body));
}

/// The resolved measurements, their issues and the avatar built from them.
///
/// When the typed values have an error, the last good resolution and avatar stay on screen.
#[derive(Resource, Default)]
pub struct ShopperBody {
    /// The typed values the body was last computed from.
    built_from: Option<Measurements>,
    /// Whether `built_from` resolved (no errors); if not, the fields below are older.
    pub valid: bool,
    /// The last complete set resolved.
    pub resolved: Option<Resolved>,
    /// Errors and warnings about the typed values.
    pub issues: Vec<Issue>,
    /// The last avatar built.
    pub avatar: Option<Avatar>,
    /// Counts avatar builds, so views know when to refresh.
    pub generation: u64,
}

impl ShopperBody {
    /// Whether `typed` differs from what the body was last computed from.
    pub fn is_stale(&self, typed: &Measurements) -> bool {
        self.built_from.as_ref() != Some(typed)
    }

    /// Resolves `typed` and builds its avatar (or records why not).
    pub fn update(&mut self, typed: &Measurements) {
        self.built_from = Some(typed.clone());
        match measurements::resolve(typed) {
            Ok(resolved) => {
                // Resolving validated already: what is left are warnings.
                self.issues = measurements::validate(typed);
                // Rebuilt in the memory the shown avatar holds (a slider drag rebuilds it often).
                match &mut self.avatar {
                    Some(avatar) => body::rebuild(avatar, &resolved),
                    None => self.avatar = Some(body::build(&resolved)),
                }
                self.resolved = Some(resolved);
                self.valid = true;
                self.generation += 1;
            }
            Err(issues) => {
                self.issues = issues;
                self.valid = false;
            }
        }
    }

    /// Issues about one key.
    pub fn issues_for(&self, key: Key) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(move |i| i.key == Some(key))
    }
}

/// Recomputes the body when the active profile's measurements changed (the unit too: issue
/// messages are written in it). Reading through `Res` first keeps `ShopperBody` unchanged
/// otherwise.
fn rebuild(profiles: Res<Profiles>, mut body: ResMut<ShopperBody>) {
    let typed = &profiles.active().measurements;
    if body.is_stale(typed) {
        body.update(typed);
    }
}
