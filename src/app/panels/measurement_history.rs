//! The left panel's "History" section: the shown profile's measurement snapshots as a line plot
//! over time (one line per measurement typed in at least two snapshots, toggled on and off,
//! drawn with egui's painter), and the snapshots listed newest first with what changed from the
//! one before, each with "Go back to this".
//!
//! [`history`] turns the snapshots into what is shown (pure, no Bevy); [`history_ui`] draws it and
//! returns a [`GoBack`]; [`go_back`] makes that snapshot's measurements the profile's current
//! ones — a new snapshot dated today, so the history only grows — and changes the profile as the
//! measurement form does, so the avatar rebuilds and the profile sync sees nothing left to write.
//! [`refresh_history`] reads the snapshots again whenever the store or the shown profile changed.

use super::labels;
use crate::app::AppSystems;
use crate::app::i18n::{Lang, Msg, Said, caliper_label, form_label, key_label, unit_symbol};
use crate::app::state::notices::Notices;
use crate::app::state::profiles::Profiles;
use crate::app::state::profiles_sync::StoreProfiles;
use crate::app::state::store::ShopperStore;
use crate::app::store_words::describe;
use crate::measurements::{Form, Key, Measurements, ShapeVar, Unit};
use crate::store::date::{self, Day};
use crate::store::{Snapshot, StoreError};
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::egui::{
    self, Align2, Color32, FontId, Pos2, Rect, RichText, Sense, Stroke, WidgetInfo, WidgetType,
};

/// The history's resources, the "Go back to this" message and the systems that apply it and
/// read the history; the section itself is drawn by the left panel ([`HistorySection`]).
pub fn plugin(app: &mut App) {
    app.init_resource::<MeasurementHistory>()
        .init_resource::<HistoryPanelState>()
        .add_message::<GoBack>()
        .add_systems(
            Update,
            (go_back, refresh_history)
                .chain()
                .in_set(AppSystems::Actions),
        );
}

// ---------------------------------------------------------------------------------------------
// What is shown: series over time and the changes between snapshots (pure).

/// Something measured that a snapshot can hold: a key, or a typed breadth or depth of the trunk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Measure {
    /// One of the measurements ([`Key`]).
    Key(Key),
    /// A typed breadth or depth of the trunk ([`ShapeVar::TYPABLE`]).
    Shape(ShapeVar),
}

impl Measure {
    /// Every measure, in the panel's order: the keys, then the trunk's breadths and depth.
    pub fn all() -> impl Iterator<Item = Measure> {
        Key::ALL
            .into_iter()
            .map(Measure::Key)
            .chain(ShapeVar::TYPABLE.into_iter().map(Measure::Shape))
    }

    /// The typed value in `m`, cm (kg for the weight).
    pub fn typed(self, m: &Measurements) -> Option<f64> {
        match self {
            Measure::Key(key) => m.get(key),
            Measure::Shape(var) => m.shape.get(&var).copied(),
        }
    }

    /// Whether it is a length (shown in the shopper's unit); the weight is in kg.
    pub fn is_length(self) -> bool {
        match self {
            Measure::Key(key) => key.is_length(),
            Measure::Shape(_) => true,
        }
    }

    /// `cm` in the unit it is shown in: `unit` for a length, kg for the weight.
    pub fn shown(self, cm: f64, unit: Unit) -> f64 {
        if self.is_length() {
            cm / unit.cm_per_unit()
        } else {
            cm
        }
    }

    /// The symbol of the unit it is shown in.
    pub fn suffix(self, unit: Unit) -> &'static str {
        if self.is_length() {
            unit_symbol(unit)
        } else {
            "kg"
        }
    }

    /// Decimals shown: tenths of a cm or kg, hundredths of an inch.
    pub fn decimals(self, unit: Unit) -> usize {
        if self.is_length() && unit == Unit::In {
            2
        } else {
            1
        }
    }

    /// Its name in the panel ("Waist", "Taille").
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Measure::Key(key) => key_label(key, lang),
            Measure::Shape(var) => caliper_label(var, lang),
        }
    }

    /// `value` (already in the shown unit) as the panel writes it: `72.5 cm`, `72,5 cm`.
    pub fn value_text(self, value: f64, unit: Unit, lang: Lang) -> String {
        format!(
            "{} {}",
            labels::number(value, self.decimals(unit), lang),
            self.suffix(unit)
        )
    }
}

/// One plotted value: a snapshot's day and its value in the shown unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// The day the snapshot was taken.
    pub day: Day,
    /// The value, in the shopper's unit (kg for the weight).
    pub value: f64,
    /// The snapshot's id in the store.
    pub snapshot: i64,
}

/// One measure's values over time, oldest first.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// What was measured.
    pub measure: Measure,
    /// Every snapshot that has it typed (and a readable date), oldest first.
    pub points: Vec<Point>,
}

impl Series {
    /// Whether its value ever changed.
    pub fn varies(&self) -> bool {
        self.points
            .windows(2)
            .any(|w| (w[0].value - w[1].value).abs() > 1e-9)
    }
}

/// What changed in a snapshot since the one before it; values in the shown unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Change {
    /// A value typed in both changed by `delta`.
    Value {
        /// What was measured.
        measure: Measure,
        /// New minus old, in the shown unit.
        delta: f64,
    },
    /// A value typed now that was not before.
    Added {
        /// What was measured.
        measure: Measure,
        /// The value, in the shown unit.
        value: f64,
    },
    /// A value typed before that is not now (predicted again).
    Dropped(Measure),
    /// The body's form changed (`None`: no longer given).
    Form(Option<Form>),
    /// The unit the shopper saw the values in changed.
    Unit(Unit),
}

impl Change {
    /// The change as the list says it: `Waist −2.0 cm`, `Hip 98.0 cm (new)`.
    pub fn text(self, unit: Unit, lang: Lang) -> String {
        match self {
            Change::Value { measure, delta } => {
                let sign = if delta < 0.0 { '−' } else { '+' };
                format!(
                    "{} {sign}{}",
                    measure.label(lang),
                    measure.value_text(delta.abs(), unit, lang)
                )
            }
            Change::Added { measure, value } => format!(
                "{} {} ({})",
                measure.label(lang),
                measure.value_text(value, unit, lang),
                lang.t(Msg::HistoryNew)
            ),
            Change::Dropped(measure) => {
                format!("{} {}", measure.label(lang), lang.t(Msg::HistoryDropped))
            }
            Change::Form(form) => format!(
                "{}: {}",
                lang.t(Msg::HistoryForm),
                form.map_or(lang.t(Msg::Assumed), |f| form_label(f, lang))
            ),
            Change::Unit(u) => format!("{}: {}", lang.t(Msg::Unit), unit_symbol(u)),
        }
    }
}

/// A snapshot as the list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The snapshot's id in the store.
    pub id: i64,
    /// When it was taken, as the store keeps it.
    pub taken: String,
    /// Its calendar day, if the date reads.
    pub day: Option<Day>,
    /// Its measurements (cm).
    pub measurements: Measurements,
    /// What changed since the snapshot before; `None` for the first.
    pub changes: Option<Vec<Change>>,
}

impl Entry {
    /// The date as the list shows it: `2026-03-01`.
    pub fn date(&self) -> String {
        self.day
            .map_or_else(|| self.taken.clone(), |d| d.to_string())
    }

    /// What changed, in words: `Waist −2.0 cm, Hip −1.5 cm`; "first snapshot" for the first.
    pub fn changes_text(&self, unit: Unit, lang: Lang) -> String {
        match &self.changes {
            None => lang.t(Msg::HistoryFirst).to_string(),
            Some(changes) if changes.is_empty() => lang.t(Msg::HistoryNoChange).to_string(),
            Some(changes) => changes
                .iter()
                .map(|c| c.text(unit, lang))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// A profile's history as the section shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    /// The unit lengths are shown in.
    pub unit: Unit,
    /// One series per measure typed in at least two snapshots, in the panel's order.
    pub series: Vec<Series>,
    /// Every snapshot, newest first.
    pub entries: Vec<Entry>,
}

/// Turns a profile's snapshots (in any order) into the plot's series — per measure typed in at
/// least two snapshots, its values over time in `unit` (kg for the weight) — and the snapshots
/// newest first with what changed from the one before. Snapshots are ordered as the store
/// orders them: by the date taken, then by id.
pub fn history(snapshots: &[Snapshot], unit: Unit) -> History {
    let mut oldest_first: Vec<&Snapshot> = snapshots.iter().collect();
    oldest_first.sort_by(|a, b| (&a.taken, a.id).cmp(&(&b.taken, b.id)));
    let days: Vec<Option<Day>> = oldest_first
        .iter()
        .map(|s| date::parse(&s.taken).ok())
        .collect();

    let series = Measure::all()
        .filter_map(|measure| {
            let points: Vec<Point> = oldest_first
                .iter()
                .zip(&days)
                .filter_map(|(s, day)| {
                    let cm = measure.typed(&s.measurements)?;
                    Some(Point {
                        day: (*day)?,
                        value: measure.shown(cm, unit),
                        snapshot: s.id,
                    })
                })
                .collect();
            (points.len() >= 2).then_some(Series { measure, points })
        })
        .collect();

    let mut entries: Vec<Entry> = Vec::with_capacity(oldest_first.len());
    let mut before: Option<&Measurements> = None;
    for (s, day) in oldest_first.iter().zip(&days) {
        entries.push(Entry {
            id: s.id,
            taken: s.taken.clone(),
            day: *day,
            measurements: s.measurements.clone(),
            changes: before.map(|b| changes(b, &s.measurements, unit)),
        });
        before = Some(&s.measurements);
    }
    entries.reverse();
    History {
        unit,
        series,
        entries,
    }
}

/// What changed from `before` to `after`, in the panel's order; values in `unit`.
pub fn changes(before: &Measurements, after: &Measurements, unit: Unit) -> Vec<Change> {
    let mut out = Vec::new();
    if before.form != after.form {
        out.push(Change::Form(after.form));
    }
    for measure in Measure::all() {
        match (measure.typed(before), measure.typed(after)) {
            // Values are kept to 0.01 cm: anything smaller is no change.
            (Some(old), Some(new)) if (new - old).abs() >= 0.005 => out.push(Change::Value {
                measure,
                delta: measure.shown(new, unit) - measure.shown(old, unit),
            }),
            (None, Some(new)) => out.push(Change::Added {
                measure,
                value: measure.shown(new, unit),
            }),
            (Some(_), None) => out.push(Change::Dropped(measure)),
            _ => {}
        }
    }
    if before.unit != after.unit {
        out.push(Change::Unit(after.unit));
    }
    out
}

/// Whether two sets hold the same measurements, whatever unit they were seen in.
pub fn same_body(a: &Measurements, b: &Measurements) -> bool {
    (a.form, &a.values, &a.shape) == (b.form, &b.values, &b.shape)
}

/// At most about `max_count` evenly spaced "nice" values (1, 2 or 5 × 10ⁿ apart) from `lo` to
/// `hi`, and their spacing; none when the range is empty.
pub fn value_ticks(lo: f64, hi: f64, max_count: usize) -> (Vec<f64>, f64) {
    if max_count == 0 || !lo.is_finite() || !hi.is_finite() || hi <= lo {
        return (Vec::new(), 0.0);
    }
    let raw = (hi - lo) / max_count as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * magnitude);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    let ticks = (first..=last).map(|i| i as f64 * step).collect();
    (ticks, step)
}

/// At most `max_count` date ticks from day `first` to day `last` (days since 1970-01-01), each
/// with its label: every 1, 2, 7 or 14 days (`2026-03-01`), else at month starts every 1, 2, 3
/// or 6 months (`2026-03`), else at new years (`2026`). At least one tick.
pub fn date_ticks(first: i64, last: i64, max_count: usize) -> Vec<(i64, String)> {
    let max_count = max_count.max(1);
    let (first, last) = (first.min(last), first.max(last));
    let span = last - first;
    for step in [1, 2, 7, 14] {
        if span / step < max_count as i64 {
            return (0..=span / step)
                .map(|i| first + i * step)
                .map(|d| (d, Day::from_days(d).to_string()))
                .collect();
        }
    }
    let month_of = |d: i64| {
        let day = Day::from_days(d);
        day.year * 12 + i64::from(day.month) - 1
    };
    let month_start =
        |m: i64| date::days_from_civil(m.div_euclid(12), (m.rem_euclid(12) + 1) as u32, 1);
    let months: Vec<i64> = (month_of(first)..=month_of(last))
        .filter(|m| (first..=last).contains(&month_start(*m)))
        .collect();
    for step in [1, 2, 3, 6] {
        let ticks: Vec<i64> = months.iter().copied().filter(|m| m % step == 0).collect();
        if !ticks.is_empty() && ticks.len() <= max_count {
            return ticks
                .into_iter()
                .map(|m| {
                    let day = month_start(m);
                    let d = Day::from_days(day);
                    (day, format!("{:04}-{:02}", d.year, d.month))
                })
                .collect();
        }
    }
    let years: Vec<i64> = (Day::from_days(first).year..=Day::from_days(last).year)
        .filter(|y| (first..=last).contains(&date::days_from_civil(*y, 1, 1)))
        .collect();
    let mut step = 1;
    while step < 100_000 {
        for factor in [1, 2, 5] {
            let ticks: Vec<i64> = years
                .iter()
                .copied()
                .filter(|y| y % (step * factor) == 0)
                .collect();
            if !ticks.is_empty() && ticks.len() <= max_count {
                return ticks
                    .into_iter()
                    .map(|y| (date::days_from_civil(y, 1, 1), format!("{y:04}")))
                    .collect();
            }
        }
        step *= 10;
    }
    vec![(first, Day::from_days(first).to_string())]
}

// ---------------------------------------------------------------------------------------------
// State, messages and systems.

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
    fn choose(&mut self, profile: Option<i64>, series: &[Series]) {
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

// ---------------------------------------------------------------------------------------------
// Drawing.

/// Height of the plot, logical pixels, axes included.
const PLOT_HEIGHT: f32 = 150.0;
/// Room left of the plot for the value ticks' labels.
const LEFT_AXIS: f32 = 44.0;
/// Room under the plot for the date ticks' labels.
const BOTTOM_AXIS: f32 = 16.0;
/// Room kept inside the plot's frame around the points, so none sits on the frame.
const INSET: f32 = 7.0;
/// Roughly the width one date label takes, with room between labels.
const DATE_LABEL_ROOM: f32 = 78.0;
/// How near the pointer must come to a point to show its date and value.
const HOVER_RADIUS: f32 = 10.0;
/// The list's height before it scrolls.
const LIST_HEIGHT: f32 = 170.0;

/// The colour of a measure's line (the same for a measure in every profile).
pub fn colour(measure: Measure) -> Color32 {
    const PALETTE: [Color32; 8] = [
        Color32::from_rgb(66, 133, 244),
        Color32::from_rgb(230, 80, 60),
        Color32::from_rgb(40, 170, 90),
        Color32::from_rgb(240, 165, 0),
        Color32::from_rgb(175, 90, 210),
        Color32::from_rgb(0, 180, 200),
        Color32::from_rgb(250, 120, 170),
        Color32::from_rgb(150, 190, 60),
    ];
    let index = Measure::all().position(|m| m == measure).unwrap_or(0);
    PALETTE[index % PALETTE.len()]
}

/// Draws the section: its header, and when open the plot, the series' toggles and the
/// snapshots (or one line saying why there is nothing to plot). Returns "Go back to this".
pub fn history_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    data: &MeasurementHistory,
    current: &Measurements,
    state: &mut HistoryPanelState,
) -> Option<GoBack> {
    let mut back = None;
    let header = egui::CollapsingHeader::new(lang.t(Msg::HistorySection))
        .id_salt("measurement history section")
        .open(Some(state.open))
        .show(ui, |ui| {
            back = history_body(ui, lang, data, current, state);
        });
    if header.header_response.clicked() {
        state.open = !state.open;
    }
    back
}

fn history_body(
    ui: &mut egui::Ui,
    lang: Lang,
    data: &MeasurementHistory,
    current: &Measurements,
    state: &mut HistoryPanelState,
) -> Option<GoBack> {
    if let Some(why) = &data.unavailable {
        ui.weak(lang.t(Msg::ProfileNotStored));
        if !why.is_empty() {
            super::error_text(ui, why.get(lang));
        }
        return None;
    }
    let Some(profile) = data.profile.filter(|_| data.snapshots.len() >= 2) else {
        ui.weak(lang.t(Msg::HistoryTooShort));
        return None;
    };
    let shown = history(&data.snapshots, current.unit);
    state.choose(Some(profile), &shown.series);
    if !shown.series.is_empty() {
        plot(ui, lang, &shown, &state.plotted);
        toggles(ui, lang, &shown.series, &mut state.plotted);
    }
    ui.separator();
    ui.weak(lang.t(Msg::HistorySnapshots));
    let mut back = None;
    egui::ScrollArea::vertical()
        .id_salt("measurement history list")
        // Its own height, not what is left: the section's panel is as tall as its contents.
        .max_height(LIST_HEIGHT)
        .min_scrolled_height(LIST_HEIGHT)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for entry in &shown.entries {
                if snapshot_row(ui, lang, entry, shown.unit, current) {
                    back = Some(GoBack {
                        profile,
                        snapshot: entry.id,
                        measurements: entry.measurements.clone(),
                    });
                }
            }
        });
    back
}

/// One snapshot: its date, "current" or "Go back to this", and what changed. Returns whether
/// the button was clicked.
fn snapshot_row(
    ui: &mut egui::Ui,
    lang: Lang,
    entry: &Entry,
    unit: Unit,
    current: &Measurements,
) -> bool {
    let mut clicked = false;
    ui.horizontal(|ui| {
        ui.strong(entry.date());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if same_body(&entry.measurements, current) {
                ui.weak(lang.t(Msg::HistoryCurrent));
            } else {
                clicked = ui
                    .small_button(lang.t(Msg::HistoryGoBack))
                    .on_hover_text(lang.t(Msg::HistoryGoBackHint))
                    .clicked();
            }
        });
    });
    ui.add(egui::Label::new(RichText::new(entry.changes_text(unit, lang)).weak()).wrap());
    ui.add_space(2.0);
    clicked
}

/// A checkbox per series, in its line's colour: which are plotted.
fn toggles(ui: &mut egui::Ui, lang: Lang, series: &[Series], plotted: &mut Vec<Measure>) {
    ui.horizontal_wrapped(|ui| {
        for s in series {
            let mut on = plotted.contains(&s.measure);
            let text = RichText::new(s.measure.label(lang)).color(colour(s.measure));
            if ui.checkbox(&mut on, text).changed() {
                if on {
                    plotted.push(s.measure);
                } else {
                    plotted.retain(|m| *m != s.measure);
                }
            }
        }
    });
}

/// The line plot of the `plotted` series: value ticks on the left, date ticks below, one line
/// with its points per series; the point nearest the pointer shows its date and value.
fn plot(ui: &mut egui::Ui, lang: Lang, shown: &History, plotted: &[Measure]) {
    let series: Vec<&Series> = shown
        .series
        .iter()
        .filter(|s| plotted.contains(&s.measure))
        .collect();
    let width = ui.available_width().max(LEFT_AXIS + 60.0);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, PLOT_HEIGHT), Sense::hover());
    let names: Vec<&str> = series.iter().map(|s| s.measure.label(lang)).collect();
    response.widget_info(|| {
        WidgetInfo::labeled(
            WidgetType::Other,
            true,
            format!("{} {}", lang.t(Msg::HistoryPlotOf), names.join(", ")),
        )
    });
    if !ui.is_rect_visible(rect) {
        return;
    }
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    let text_colour = visuals.weak_text_color();
    let grid = Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color);
    let font = FontId::proportional(10.0);
    let frame = Rect::from_min_max(
        egui::pos2(rect.left() + LEFT_AXIS, rect.top() + 2.0),
        egui::pos2(rect.right() - 2.0, rect.bottom() - BOTTOM_AXIS),
    );
    painter.rect_filled(frame, 2.0, visuals.extreme_bg_color);
    let area = frame.shrink(INSET);

    // The ranges: every plotted point, or every series' when none is plotted.
    let all = || shown.series.iter().flat_map(|s| &s.points);
    let (first, last) = all().fold((i64::MAX, i64::MIN), |(a, b), p| {
        let d = p.day.to_days();
        (a.min(d), b.max(d))
    });
    let values = || series.iter().flat_map(|s| &s.points).map(|p| p.value);
    let (mut lo, mut hi) = values().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    if hi - lo < 0.5 {
        let mid = (hi + lo) / 2.0;
        (lo, hi) = (mid - 1.0, mid + 1.0);
    }
    let x_of = |day: i64| {
        if last == first {
            area.center().x
        } else {
            let t = (day - first) as f32 / (last - first) as f32;
            area.left() + t * area.width()
        }
    };
    let y_of = |v: f64| {
        let t = ((v - lo) / (hi - lo)) as f32;
        area.bottom() - t * area.height()
    };

    let max_value_ticks = ((area.height() / 28.0) as usize).max(2);
    let (ticks, step) = value_ticks(lo, hi, max_value_ticks);
    let decimals = if step >= 1.0 {
        0
    } else if step >= 0.1 {
        1
    } else {
        2
    };
    for v in ticks {
        let y = y_of(v);
        painter.hline(frame.x_range(), y, grid);
        painter.text(
            egui::pos2(frame.left() - 4.0, y),
            Align2::RIGHT_CENTER,
            labels::number(v, decimals, lang),
            font.clone(),
            text_colour,
        );
    }
    let max_date_ticks = ((frame.width() / DATE_LABEL_ROOM) as usize).max(1);
    for (day, label) in date_ticks(first, last, max_date_ticks) {
        let x = x_of(day);
        painter.vline(x, frame.y_range(), grid);
        let galley = painter.layout_no_wrap(label, font.clone(), text_colour);
        let half = galley.size().x / 2.0;
        let left = (x - half).clamp(rect.left(), rect.right() - galley.size().x);
        painter.galley(egui::pos2(left, frame.bottom() + 2.0), galley, text_colour);
    }
    painter.rect_stroke(frame, 2.0, grid, egui::StrokeKind::Inside);

    // The lines, their points, and the point nearest the pointer.
    let mut nearest: Option<(f32, &Series, &Point, Pos2)> = None;
    let pointer = response.hover_pos();
    for s in &series {
        let c = colour(s.measure);
        let at: Vec<Pos2> = s
            .points
            .iter()
            .map(|p| egui::pos2(x_of(p.day.to_days()), y_of(p.value)))
            .collect();
        painter.line(at.clone(), Stroke::new(2.0, c));
        for (p, pos) in s.points.iter().zip(&at) {
            painter.circle_filled(*pos, 3.0, c);
            if let Some(pointer) = pointer {
                let d = pos.distance(pointer);
                if d <= HOVER_RADIUS && nearest.is_none_or(|(best, ..)| d < best) {
                    nearest = Some((d, s, p, *pos));
                }
            }
        }
    }
    if let Some((_, s, p, pos)) = nearest {
        painter.circle_stroke(pos, 5.5, Stroke::new(2.0, visuals.strong_text_color()));
        let text = format!(
            "{}\n{}: {}",
            s.measure.label(lang),
            p.day,
            s.measure.value_text(p.value, shown.unit, lang)
        );
        response.on_hover_text_at_pointer(text);
    }
}
