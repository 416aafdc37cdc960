//! A profile's measurement history (the left panel's "History" section): the snapshots turned
//! into plot series and changes, the section drawn and clicked in egui's test harness, and
//! "Go back to this" in the headless app with the store — the profile takes the snapshot's
//! measurements, and the history only grows.

use super::{headless, scratch};
use anprobe::app::i18n::{Lang, Msg};
use anprobe::app::panels::measurement_history::{
    Change, GoBack, HistoryPanelState, Measure, MeasurementHistory, colour, date_ticks, history,
    history_ui, plugin as history_plugin, value_ticks,
};
use anprobe::app::{ProfileStore, Profiles, ShopperBody, ShopperStore};
use anprobe::measurements::{Form, Key, Measurements, ShapeVar, Unit};
use anprobe::store::{Snapshot, Store, date};
use bevy::prelude::*;
use bevy_egui::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// A female body with these typed values (cm), the rest predicted.
fn body(values: &[(Key, f64)]) -> Measurements {
    let mut m = Measurements::new(Form::Female, 168.0);
    for (key, value) in values {
        m.set(*key, *value);
    }
    m
}

fn snapshot(id: i64, taken: &str, measurements: Measurements) -> Snapshot {
    Snapshot {
        id,
        profile_id: 1,
        taken: taken.into(),
        measurements,
        note: String::new(),
    }
}

/// Three snapshots, newest first as the store lists them: the waist and hip typed from the
/// start, the bust typed once, the hip no longer typed in the last.
fn three() -> Vec<Snapshot> {
    vec![
        snapshot(3, "2020-09-10", body(&[(Key::WaistGirth, 71.0)])),
        snapshot(
            2,
            "2020-06-10",
            body(&[
                (Key::WaistGirth, 72.0),
                (Key::HipGirth, 98.5),
                (Key::ChestGirth, 90.0),
            ]),
        ),
        snapshot(
            1,
            "2020-01-10",
            body(&[(Key::WaistGirth, 74.0), (Key::HipGirth, 100.0)]),
        ),
    ]
}

fn values(h: &anprobe::app::panels::measurement_history::History, m: Measure) -> Vec<f64> {
    h.series
        .iter()
        .find(|s| s.measure == m)
        .map(|s| s.points.iter().map(|p| p.value).collect())
        .unwrap_or_default()
}

#[test]
fn series_hold_the_measures_typed_in_two_snapshots_or_more_oldest_first() {
    let h = history(&three(), Unit::Cm);
    let plotted: Vec<Measure> = h.series.iter().map(|s| s.measure).collect();
    // The bust was typed once: no line. The hip twice: a line of two points.
    assert_eq!(
        plotted,
        [
            Measure::Key(Key::Stature),
            Measure::Key(Key::WaistGirth),
            Measure::Key(Key::HipGirth)
        ]
    );
    assert_eq!(
        values(&h, Measure::Key(Key::WaistGirth)),
        [74.0, 72.0, 71.0]
    );
    assert_eq!(values(&h, Measure::Key(Key::HipGirth)), [100.0, 98.5]);
    let waist = &h.series[1];
    let days: Vec<String> = waist.points.iter().map(|p| p.day.to_string()).collect();
    assert_eq!(days, ["2020-01-10", "2020-06-10", "2020-09-10"]);
    assert_eq!(
        waist.points.iter().map(|p| p.snapshot).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert!(waist.varies());
    assert!(!h.series[0].varies(), "the height stayed");

    // The snapshots newest first, each with what changed from the one before.
    let ids: Vec<i64> = h.entries.iter().map(|e| e.id).collect();
    assert_eq!(ids, [3, 2, 1]);
    assert_eq!(
        h.entries[1].changes.as_deref(),
        Some(
            &[
                Change::Added {
                    measure: Measure::Key(Key::ChestGirth),
                    value: 90.0
                },
                Change::Value {
                    measure: Measure::Key(Key::WaistGirth),
                    delta: -2.0
                },
                Change::Value {
                    measure: Measure::Key(Key::HipGirth),
                    delta: -1.5
                },
            ][..]
        )
    );
    assert_eq!(
        h.entries[1].changes_text(Unit::Cm, Lang::En),
        "Bust / chest 90.0 cm (new), Waist −2.0 cm, Hip −1.5 cm"
    );
    assert_eq!(
        h.entries[1].changes_text(Unit::Cm, Lang::De),
        "Brustumfang 90,0 cm (neu), Taillenumfang −2,0 cm, Hüftumfang −1,5 cm"
    );
    assert_eq!(
        h.entries[0].changes_text(Unit::Cm, Lang::En),
        format!(
            "Bust / chest {}, Waist −1.0 cm, Hip {}",
            Lang::En.t(Msg::HistoryDropped),
            Lang::En.t(Msg::HistoryDropped)
        )
    );
    assert_eq!(
        h.entries[2].changes, None,
        "the first has nothing before it"
    );
    assert_eq!(
        h.entries[2].changes_text(Unit::Cm, Lang::En),
        Lang::En.t(Msg::HistoryFirst)
    );
    assert_eq!(h.entries[0].date(), "2020-09-10");
}

#[test]
fn series_and_changes_are_in_the_shoppers_unit_and_the_weight_in_kg() {
    let snapshots = vec![
        snapshot(
            2,
            "2021-02-01",
            body(&[(Key::WaistGirth, 71.12), (Key::WeightKg, 61.5)]),
        ),
        snapshot(
            1,
            "2021-01-01",
            body(&[(Key::WaistGirth, 73.66), (Key::WeightKg, 63.0)]),
        ),
    ];
    let h = history(&snapshots, Unit::In);
    assert_eq!(h.unit, Unit::In);
    let waist = values(&h, Measure::Key(Key::WaistGirth));
    assert!((waist[0] - 29.0).abs() < 1e-9 && (waist[1] - 28.0).abs() < 1e-9);
    let height = values(&h, Measure::Key(Key::Stature));
    assert!((height[0] - 168.0 / 2.54).abs() < 1e-9);
    assert_eq!(values(&h, Measure::Key(Key::WeightKg)), [63.0, 61.5]);
    assert_eq!(
        h.entries[0].changes_text(Unit::In, Lang::En),
        "Waist −1.00 in, Weight −1.5 kg"
    );
    assert_eq!(
        h.entries[0].changes_text(Unit::In, Lang::De),
        "Taillenumfang −1,00 in, Gewicht −1,5 kg"
    );
}

#[test]
fn one_snapshot_has_no_series_and_is_the_first() {
    let h = history(&three()[2..], Unit::Cm);
    assert!(h.series.is_empty());
    assert_eq!(h.entries.len(), 1);
    assert_eq!(h.entries[0].changes, None);
    assert!(history(&[], Unit::Cm).entries.is_empty());
}

#[test]
fn form_unit_and_trunk_breadths_are_changes_too_and_one_day_is_ordered_by_id() {
    let mut later = body(&[(Key::WaistGirth, 72.0)]);
    later.form = Some(Form::Male);
    later.unit = Unit::In;
    later.shape.insert(ShapeVar::ChestBreadth, 30.0);
    // Two snapshots of one day: the later id is the newer, whatever order they come in.
    let snapshots = vec![
        snapshot(7, "2022-05-01", body(&[(Key::WaistGirth, 72.0)])),
        snapshot(8, "2022-05-01", later),
    ];
    let h = history(&snapshots, Unit::Cm);
    assert_eq!(h.entries[0].id, 8);
    assert_eq!(
        h.entries[0].changes.as_deref(),
        Some(
            &[
                Change::Form(Some(Form::Male)),
                Change::Added {
                    measure: Measure::Shape(ShapeVar::ChestBreadth),
                    value: 30.0
                },
                Change::Unit(Unit::In),
            ][..]
        )
    );
    // Same values: "unchanged", not an empty line.
    let same = vec![
        snapshot(2, "2022-05-02", body(&[])),
        snapshot(1, "2022-05-01", body(&[])),
    ];
    assert_eq!(
        history(&same, Unit::Cm).entries[0].changes_text(Unit::Cm, Lang::En),
        Lang::En.t(Msg::HistoryNoChange)
    );
}

#[test]
fn axis_ticks_are_round_values_and_dates() {
    let (ticks, step) = value_ticks(70.6, 74.4, 4);
    assert_eq!(step, 1.0);
    assert_eq!(ticks, [71.0, 72.0, 73.0, 74.0]);
    let (ticks, step) = value_ticks(60.0, 110.0, 3);
    assert_eq!(
        (ticks.as_slice(), step),
        ([60.0, 80.0, 100.0].as_slice(), 20.0)
    );
    assert!(value_ticks(5.0, 5.0, 4).0.is_empty());

    let day = |s: &str| date::parse(s).unwrap().to_days();
    // A few days: every day.
    let ticks = date_ticks(day("2026-03-01"), day("2026-03-03"), 4);
    let labels: Vec<&str> = ticks.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(labels, ["2026-03-01", "2026-03-02", "2026-03-03"]);
    // Eight months: month starts, every second month (January, March, …), or every third.
    let (jan, sep) = (day("2020-01-10"), day("2020-09-10"));
    let ticks = date_ticks(jan, sep, 4);
    let labels: Vec<&str> = ticks.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(labels, ["2020-03", "2020-05", "2020-07", "2020-09"]);
    assert_eq!(ticks[0].0, day("2020-03-01"));
    let ticks = date_ticks(jan, sep, 2);
    let labels: Vec<&str> = ticks.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(labels, ["2020-04", "2020-07"]);
    // Years.
    let ticks = date_ticks(day("2015-06-01"), day("2026-03-01"), 3);
    let labels: Vec<&str> = ticks.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(labels, ["2020", "2025"]);
    // One day: one tick.
    assert_eq!(date_ticks(day("2026-03-01"), day("2026-03-01"), 4).len(), 1);
}

/// The section as the left panel holds it, without the app.
struct Section {
    data: MeasurementHistory,
    current: Measurements,
    state: HistoryPanelState,
    asked: Vec<GoBack>,
}

fn section(data: MeasurementHistory, current: Measurements) -> Harness<'static, Section> {
    Harness::builder().with_size([420.0, 700.0]).build_ui_state(
        |ui, s: &mut Section| {
            ui.style_mut().interaction.tooltip_delay = 0.0;
            let back = history_ui(ui, Lang::En, &s.data, &s.current, &mut s.state);
            s.asked.extend(back);
        },
        Section {
            data,
            current,
            state: HistoryPanelState::default(),
            asked: Vec::new(),
        },
    )
}

#[test]
fn the_section_plots_lists_and_goes_back_to_a_snapshot() {
    let snapshots = three();
    let current = snapshots[0].measurements.clone();
    let mut harness = section(MeasurementHistory::of(1, snapshots.clone()), current);
    let go_back = Lang::En.t(Msg::HistoryGoBack);
    // Folded at first: one line.
    assert!(harness.query_by_label(go_back).is_none());
    harness
        .get_by_label(Lang::En.t(Msg::HistorySection))
        .click();
    harness.run();
    assert!(harness.state().state.open);

    // The plot names its lines; the measures that changed are plotted, each with a toggle.
    harness.get_by_label_contains(Lang::En.t(Msg::HistoryPlotOf));
    assert_eq!(
        harness.state().state.plotted,
        [Measure::Key(Key::WaistGirth), Measure::Key(Key::HipGirth)]
    );
    harness.get_by_label("Height");
    // Every snapshot listed with what changed; the newest is the current one.
    harness.get_by_label(Lang::En.t(Msg::HistoryCurrent));
    harness.get_by_label("Bust / chest 90.0 cm (new), Waist −2.0 cm, Hip −1.5 cm");
    harness.get_by_label(Lang::En.t(Msg::HistoryFirst));
    let buttons: Vec<_> = harness.get_all_by_label(go_back).collect();
    assert_eq!(buttons.len(), 2, "one per earlier snapshot");

    // The hip toggled off: only the waist is plotted; its oldest point (the highest, leftmost)
    // shows its date and value under the pointer.
    harness.get_by_label("Hip").click();
    harness.run();
    assert_eq!(
        harness.state().state.plotted,
        [Measure::Key(Key::WaistGirth)]
    );
    let plot = harness
        .get_by_label_contains(Lang::En.t(Msg::HistoryPlotOf))
        .rect();
    harness.hover_at(egui::pos2(plot.left() + 51.0, plot.top() + 9.0));
    harness.run();
    harness.get_by_label_contains("2020-01-10: 74.0 cm");

    // Going back to the first snapshot.
    let oldest = harness.get_all_by_label(go_back).last().unwrap();
    oldest.click();
    harness.run();
    let asked = &harness.state().asked;
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert_eq!(asked[0].profile, 1);
    assert_eq!(asked[0].snapshot, 1);
    assert_eq!(asked[0].measurements, snapshots[2].measurements);
}

#[test]
fn with_fewer_than_two_snapshots_the_section_says_so() {
    let one = three()[2..].to_vec();
    let current = one[0].measurements.clone();
    let mut harness = section(MeasurementHistory::of(1, one), current.clone());
    harness.state_mut().state = HistoryPanelState::open();
    harness.run();
    harness.get_by_label(Lang::En.t(Msg::HistoryTooShort));
    assert!(
        harness
            .query_by_label_contains(Lang::En.t(Msg::HistoryPlotOf))
            .is_none()
    );
    // Nor for a profile the store does not hold yet.
    let mut harness = section(MeasurementHistory::default(), current);
    harness.state_mut().state = HistoryPanelState::open();
    harness.run();
    harness.get_by_label(Lang::En.t(Msg::HistoryTooShort));
}

#[test]
fn going_back_sets_the_profiles_measurements_and_adds_a_snapshot_dated_today() {
    let dir = scratch("history-go-back");
    let today = date::today_local();
    let (first, second, third) = (
        body(&[(Key::WaistGirth, 74.0), (Key::HipGirth, 100.0)]),
        body(&[(Key::WaistGirth, 72.0), (Key::HipGirth, 99.0)]),
        body(&[(Key::WaistGirth, 70.0), (Key::HipGirth, 97.5)]),
    );
    let (ana, oldest) = {
        let (mut store, _) = Store::open(&dir).unwrap();
        let ana = store.add_profile("Ana", "2020-01-01").unwrap();
        let oldest = store.add_measurements(ana, &first, "2020-01-10").unwrap();
        store.add_measurements(ana, &second, "2020-06-10").unwrap();
        // The newest is today's: going back must not replace it.
        store.add_measurements(ana, &third, &today).unwrap();
        store.set_shown_profile(ana).unwrap();
        (ana, oldest)
    };
    let mut app = headless(ProfileStore::in_folder(&dir));
    app.insert_resource(ShopperStore::at(&dir))
        .add_plugins(history_plugin);
    app.update();
    app.update();
    assert_eq!(
        app.world().resource::<Profiles>().active().measurements,
        third
    );
    let history = app.world().resource::<MeasurementHistory>();
    assert_eq!(history.profile, Some(ana));
    assert_eq!(history.snapshots.len(), 3);

    app.world_mut().write_message(GoBack {
        profile: ana,
        snapshot: oldest,
        measurements: first.clone(),
    });
    app.update();
    // The profile has the first snapshot's measurements, and its avatar follows.
    let now = app
        .world()
        .resource::<Profiles>()
        .active()
        .measurements
        .clone();
    assert_eq!(now, first);
    assert!(!app.world().resource::<ShopperBody>().is_stale(&now));
    // Said in the left panel: the measurements of that day are back.
    let notices = &app.world().resource::<anprobe::app::Notices>().0;
    assert!(
        notices
            .iter()
            .any(|n| !n.error && n.msg == Msg::HistoryWentBack && n.detail.en() == "2020-01-10"),
        "{notices:?}"
    );
    // Written at once as a new snapshot of today; the section reads it back.
    let history = app.world().resource::<MeasurementHistory>();
    assert_eq!(history.snapshots.len(), 4, "{:?}", history.snapshots);
    assert_eq!(history.snapshots[0].measurements, first);
    assert_eq!(history.snapshots[0].taken, today);

    // The profile sync (at exit at the latest) finds nothing more to write.
    app.world_mut().write_message(AppExit::Success);
    app.update();
    drop(app);
    let (store, _) = Store::open(&dir).unwrap();
    let kept = store.measurement_history(ana).unwrap();
    let taken: Vec<&str> = kept.iter().map(|s| s.taken.as_str()).collect();
    assert_eq!(
        taken,
        [today.as_str(), today.as_str(), "2020-06-10", "2020-01-10"],
        "nothing lost, one snapshot more"
    );
    assert_eq!(kept[0].measurements, first);
    assert_eq!(kept[1].measurements, third, "today's earlier snapshot kept");
    drop(store);
    let _ = std::fs::remove_dir_all(dir);
}

/// Needs a display and Vulkan: `DISPLAY=:99 WGPU_BACKEND=vulkan cargo test --test main
/// app::measurement_history::screenshot_shows_the_history -- --ignored`. Leaves the picture in
/// the system's temp folder (`anprobe-app-history-shot-*/history.png`) to look at.
#[test]
#[ignore = "opens a window: needs a display (Xvfb) and Vulkan"]
fn screenshot_shows_the_history() {
    let dir = scratch("history-shot");
    {
        let (mut store, _) = Store::open(&dir).unwrap();
        let ana = store.add_profile("Ana", "2026-01-01").unwrap();
        let bodies = [
            ("2026-01-10", 74.0, 100.0, 88.0),
            ("2026-04-02", 72.5, 99.0, 88.5),
            ("2026-09-20", 71.0, 97.5, 87.0),
        ];
        for (taken, waist, hip, chest) in bodies {
            let m = body(&[
                (Key::WaistGirth, waist),
                (Key::HipGirth, hip),
                (Key::ChestGirth, chest),
            ]);
            store.add_measurements(ana, &m, taken).unwrap();
        }
        store.set_shown_profile(ana).unwrap();
    }
    let out = dir.join("history.png");
    let mut opts = super::plain_window(out.clone(), 1280, 800);
    opts.data_dir = Some(dir.clone());
    anprobe::app::screenshot_with(opts, |app| {
        app.insert_resource(HistoryPanelState::open());
    })
    .unwrap();
    let png = image::open(&out).unwrap().to_rgb8();
    let lit = png.pixels().filter(|p| p.0.iter().any(|&c| c > 12)).count();
    assert!(lit > png.len() / 3 / 2, "mostly black");
    // The waist's line, in its colour, in the left panel.
    let want = colour(Measure::Key(Key::WaistGirth));
    let near = |p: &image::Rgb<u8>| {
        let [r, g, b] = p.0;
        r.abs_diff(want.r()) < 24 && g.abs_diff(want.g()) < 24 && b.abs_diff(want.b()) < 24
    };
    let line = png
        .enumerate_pixels()
        .filter(|(x, _, p)| *x < 430 && near(p))
        .count();
    assert!(line > 60, "no waist line in the left panel ({line} pixels)");
    println!("look at {}", out.display());
}
