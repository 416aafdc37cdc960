//! The first-start guide: shown until the shopper closes it, then never again (the store keeps
//! that it was read). Without a store (no data folder) it shows at every start, since nothing can
//! remember it. What the guide's steps say and whether each is done is the panel's
//! (`panels/guide.rs`); here only whether it is shown.

use crate::app::state::store::ShopperStore;
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<FirstStartGuide>()
        .add_message::<CloseGuide>()
        .add_systems(Update, (decide, close).chain());
}

/// Whether the first-start guide is shown.
#[derive(Resource, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FirstStartGuide {
    /// Not known until the store is open.
    #[default]
    Undecided,
    /// Shown: the shopper has not closed it yet.
    Shown,
    /// Closed (now or at an earlier start), or not wanted (screenshots).
    Closed,
}

impl FirstStartGuide {
    /// Whether the guide is on screen.
    pub fn is_shown(self) -> bool {
        self == FirstStartGuide::Shown
    }
}

/// The shopper closed the guide (or asked to see it again: `reopen`).
#[derive(Message, Clone, Copy, Debug, PartialEq, Eq)]
pub struct CloseGuide {
    /// `true`: show the guide again (the "?" button); `false`: close it for good.
    pub reopen: bool,
}

/// Shows the guide once the store says it was never closed (or there is no store).
fn decide(mut guide: ResMut<FirstStartGuide>, store: Res<ShopperStore>) {
    if *guide != FirstStartGuide::Undecided || store.is_pending() {
        return;
    }
    let done = store.read(|s| s.first_start_guide_done()).unwrap_or(false);
    *guide = if done {
        FirstStartGuide::Closed
    } else {
        FirstStartGuide::Shown
    };
}

/// Closes (and remembers) or reopens the guide.
fn close(
    mut asked: MessageReader<CloseGuide>,
    mut guide: ResMut<FirstStartGuide>,
    mut store: ResMut<ShopperStore>,
) {
    for CloseGuide { reopen } in asked.read() {
        if *reopen {
            *guide = FirstStartGuide::Shown;
            continue;
        }
        *guide = FirstStartGuide::Closed;
        if store.unavailable().is_none()
            && let Err(e) = store.change(|s| s.set_first_start_guide_done())
        {
            // A preference, not a record: the guide stays closed for this session.
            warn!("the first-start guide's state was not kept: {e}");
        }
    }
}
