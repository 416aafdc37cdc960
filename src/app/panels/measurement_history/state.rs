//! The history section's state, its "Go back to this" message and the systems that apply it and
//! read the shown profile's snapshots again.

use super::*;
use crate::app::i18n::{Lang, Msg, Said};
use crate::app::state::notices::Notices;
use crate::app::state::profiles::Profiles;
use crate::app::state::profiles_sync::StoreProfiles;
use crate::app::state::store::ShopperStore;
use crate::app::store_words::describe;
use crate::measurements::Measurements;
use crate::store::date;
use crate::store::{Snapshot, StoreError};
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::egui;

/// The shown profile's snapshots, as last read from the store.
#[derive(Resource, Clone, Debug, Default, PartialEq)]
pub struct MeasurementHistory {
    /// The shown profile's id in the store; `None` while it is not there (not yet written, or
    /// no store).
    pub profile: Option<i64>,
    /// Its snapshots, newest first.
    pub snapshots: Vec<Snapshot>,
    /// Why there is no history: no store (empty) or the store's error; `None` when it was read.
    pub unavailable: Option<Said>,
    /// The shown profile's name, its id as last synced and the store's revision when read.
    read: Option<(String, Option<i64>, u64)>,
}

impl MeasurementHistory {
    /// The history of the profile `profile` (its snapshots in any order).
    pub fn of(profile: i64, snapshots: Vec<Snapshot>) -> Self {
        MeasurementHistory {
            profile: Some(profile),
            snapshots,
            ..Default::default()
        }
    }
}

/// The section's own state: whether it is open and which series are plotted.
#[derive(Resource, Clone, Debug, Default, PartialEq)]
pub struct HistoryPanelState {
    /// Whether the section is unfolded.
    pub open: bool,
    /// The measures plotted (the shopper toggles them); chosen anew for another profile.
    pub plotted: Vec<Measure>,
    /// The profile `plotted` was chosen for.
    chosen_for: Option<i64>,
}

impl HistoryPanelState {
    /// The section unfolded (screenshots, tests).
    pub fn open() -> Self {
        HistoryPanelState {
            open: true,
            ..Default::default()
        }
    }

    /// Keeps the plotted measures to those that have a series; for another profile, or when
    /// none is left, plots those that changed (at most three), else the first.
    pub(super) fn choose(&mut self, profile: Option<i64>, series: &[Series]) {
        let has = |m: &Measure| series.iter().any(|s| s.measure == *m);
        if self.chosen_for == profile {
            self.plotted.retain(has);
            if !self.plotted.is_empty() {
                return;
            }
        }
        self.chosen_for = profile;
        self.plotted = series
            .iter()
            .filter(|s| s.varies())
            .take(3)
            .map(|s| s.measure)
            .collect();
        if self.plotted.is_empty() {
            self.plotted.extend(series.first().map(|s| s.measure));
        }
    }
}

/// "Go back to this": make a snapshot's measurements the profile's current ones.
#[derive(Message, Clone, Debug, PartialEq)]
pub struct GoBack {
    /// The profile's id in the store.
    pub profile: i64,
    /// The snapshot gone back to.
    pub snapshot: i64,
    /// Its measurements (cm).
    pub measurements: Measurements,
}

/// Makes the snapshot's measurements the shown profile's current ones (in the unit the shopper
/// sees now): recorded first as a new snapshot dated today — so that a snapshot of today is not
/// replaced, and the history only grows — then set on the profile exactly as the measurement
/// form sets them, so the avatar rebuilds and the profile sync finds them already written.
/// Where profiles are not kept in the store (no store, read-only, a screenshot), only the
/// profile changes, as with any edit.
pub fn go_back(
    mut asked: MessageReader<GoBack>,
    mut store: ResMut<ShopperStore>,
    stored: Res<StoreProfiles>,
    history: Res<MeasurementHistory>,
    mut profiles: ResMut<Profiles>,
    mut notices: ResMut<Notices>,
) {
    for back in asked.read() {
        if history.profile != Some(back.profile) {
            // Another profile is shown since the click.
            continue;
        }
        let mut measurements = back.measurements.clone();
        measurements.unit = profiles.active().measurements.unit;
        if same_body(&measurements, &profiles.active().measurements) {
            continue;
        }
        let kept = stored.id_of(profiles.active_index()) == Some(back.profile);
        if kept && !store.is_read_only() {
            let today = date::today_local();
            let added = store.change(|s| s.add_measurements(back.profile, &measurements, &today));
            if let Err(e) = added {
                notices.error(Msg::ProfilesSaveFailed, describe(&e));
            }
        }
        profiles.active_mut().measurements = measurements;
        // Said where the shopper clicked: the measurements of that day are back.
        let taken = history
            .snapshots
            .iter()
            .find(|s| s.id == back.snapshot)
            .map(|s| s.taken.chars().take(10).collect::<String>())
            .unwrap_or_default();
        notices.info(Msg::HistoryWentBack, taken);
    }
}

/// Reads the shown profile's snapshots again when another profile is shown or the store changed.
/// The profile is found by its name (unique in the app and the store), else by the id it was
/// last written under (a rename not yet written).
pub fn refresh_history(
    store: Res<ShopperStore>,
    stored: Res<StoreProfiles>,
    profiles: Res<Profiles>,
    mut history: ResMut<MeasurementHistory>,
) {
    if store.is_pending() {
        return;
    }
    let seen = (
        profiles.active().name.clone(),
        stored.id_of(profiles.active_index()),
        store.revision(),
    );
    if history.read.as_ref() == Some(&seen) {
        return;
    }
    let (name, synced, _) = &seen;
    let read = store.read(|s| {
        let by_name = s.profiles()?.into_iter().find(|p| p.name == *name);
        let Some(id) = by_name.map(|p| p.id).or(*synced) else {
            return Ok(None);
        };
        match s.measurement_history(id) {
            Ok(snapshots) => Ok(Some((id, snapshots))),
            // Deleted, and the app's list not yet written.
            Err(StoreError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    });
    let mut next = match read {
        Ok(Some((id, snapshots))) => MeasurementHistory::of(id, snapshots),
        Ok(None) => MeasurementHistory::default(),
        Err(why) => MeasurementHistory {
            unavailable: Some(why),
            ..Default::default()
        },
    };
    next.read = Some(seen);
    history.set_if_neq(next);
}

/// The section as the left panel's system holds it: drawn at the panel's foot, under the
/// measurement rows, its "Go back to this" sent to [`go_back`].
#[derive(SystemParam)]
pub struct HistorySection<'w> {
    history: Res<'w, MeasurementHistory>,
    state: ResMut<'w, HistoryPanelState>,
    asked: MessageWriter<'w, GoBack>,
}

impl HistorySection<'_> {
    /// Draws the section at the foot of `ui` (the rest of `ui` is left to what follows);
    /// `current` is the shown profile's measurements.
    pub fn show(&mut self, ui: &mut egui::Ui, lang: Lang, current: &Measurements) {
        let state = self.state.bypass_change_detection();
        let back = egui::Panel::bottom("measurement history")
            .frame(egui::Frame::NONE.inner_margin(egui::Margin::symmetric(0, 4)))
            .show(ui, |ui| history_ui(ui, lang, &self.history, current, state))
            .inner;
        if let Some(back) = back {
            self.asked.write(back);
        }
    }
}
