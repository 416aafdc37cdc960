//! The app without a window: strings, the live avatar mesh, profiles kept in the store (written
//! a moment after a change, on Bevy's manual clock), the file seam; and (ignored unless a display
//! is there) a real screenshot with a tape drawn.

mod camera;
mod file_prompt;
mod garments;
mod guide;
mod measurement_history;
mod panels;

use anprobe::app::i18n::{Lang, Msg, key_label};
use anprobe::app::{
    Dialogs, FileAction, FileDialogs, GarmentImported, ImportGarment, Imports, Mannequin, Notices,
    PROFILES_FILE, PathFuture, ProfileStore, Profiles, RightPanelTab, ScreenshotOptions,
    ShopperBody, ShopperStore, TapeHover, headless_plugin, screenshot, screenshot_with,
};
use anprobe::measurements::{Form, Key, Measurements};
use bevy::mesh::MeshPlugin;
use bevy::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A fresh folder under the system temp dir for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("anprobe-app-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The model plugins on `MinimalPlugins`, with the given profile store.
fn headless(store: ProfileStore) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, AssetPlugin::default(), MeshPlugin))
        .init_asset::<StandardMaterial>()
        .insert_resource(store)
        .add_plugins(headless_plugin);
    app
}

fn avatar_mesh(app: &mut App) -> (Handle<Mesh>, Vec<[f32; 3]>) {
    let world = app.world_mut();
    let handle = world
        .query_filtered::<&Mesh3d, With<Mannequin>>()
        .single(world)
        .unwrap()
        .0
        .clone();
    let mesh = world.resource::<Assets<Mesh>>().get(&handle).unwrap();
    let positions = mesh
        .attribute(Mesh::ATTRIBUTE_POSITION)
        .unwrap()
        .as_float3()
        .unwrap()
        .to_vec();
    (handle, positions)
}

#[test]
fn every_message_has_both_languages() {
    for &msg in Msg::ALL {
        for lang in Lang::ALL {
            assert!(
                !lang.t(msg).trim().is_empty(),
                "{msg:?} is empty in {lang:?}"
            );
        }
    }
    for key in Key::ALL {
        for lang in Lang::ALL {
            assert!(
                !key_label(key, lang).trim().is_empty(),
                "{key:?} has no {lang:?} label"
            );
        }
        assert_ne!(
            key_label(key, Lang::En),
            key_label(key, Lang::De),
            "{key:?} untranslated"
        );
    }
    for lang in Lang::ALL {
        assert_eq!(Lang::from_code(lang.code()), Some(lang));
    }
}

#[test]
fn changing_a_measurement_rebuilds_the_mesh_in_place() {
    let mut app = headless(ProfileStore::default());
    app.update();
    let (handle, before) = avatar_mesh(&mut app);
    assert!(before.len() > 1000, "{} vertices", before.len());
    let generation = app.world().resource::<ShopperBody>().generation;

    let waist = app
        .world()
        .resource::<ShopperBody>()
        .resolved
        .as_ref()
        .unwrap()
        .get(Key::WaistGirth);
    app.world_mut()
        .resource_mut::<Profiles>()
        .active_mut()
        .measurements
        .set(Key::WaistGirth, waist + 15.0);
    let started = Instant::now();
    app.update();
    let took = started.elapsed();

    let (handle_after, after) = avatar_mesh(&mut app);
    assert_eq!(
        handle_after, handle,
        "the mesh asset is replaced under the same handle"
    );
    assert_eq!(after.len(), before.len(), "same topology");
    assert_ne!(after, before, "the body changed");
    assert_eq!(
        app.world().resource::<ShopperBody>().generation,
        generation + 1
    );
    assert_eq!(
        app.world_mut()
            .query::<&Mannequin>()
            .iter(app.world())
            .count(),
        1
    );
    println!("rebuild frame took {took:?}");

    // A frame without a change rebuilds nothing.
    app.update();
    assert_eq!(
        app.world().resource::<ShopperBody>().generation,
        generation + 1
    );
}

#[test]
fn an_error_keeps_the_last_avatar_and_names_the_key() {
    let mut app = headless(ProfileStore::default());
    app.update();
    let generation = app.world().resource::<ShopperBody>().generation;
    app.world_mut()
        .resource_mut::<Profiles>()
        .active_mut()
        .measurements
        .set(Key::WaistGirth, 5.0);
    app.update();
    let model = app.world().resource::<ShopperBody>();
    assert!(!model.valid);
    assert!(model.avatar.is_some(), "the last good avatar stays");
    assert_eq!(model.generation, generation);
    assert!(
        model.issues_for(Key::WaistGirth).any(|i| i.is_error()),
        "{:?}",
        model.issues
    );
}

#[test]
fn profiles_and_language_are_kept_in_the_store_and_read_back() {
    let dir = scratch("profiles");
    let kept = || {
        let mut app = headless(ProfileStore::in_folder(&dir));
        app.insert_resource(ShopperStore::at(&dir));
        app
    };
    {
        let mut app = kept();
        app.update();
        let mut profiles = app.world_mut().resource_mut::<Profiles>();
        profiles.add("Kim");
        profiles.active_mut().measurements = Measurements::new(Form::Male, 181.0);
        profiles.rename_active("Kim B.");
        *app.world_mut().resource_mut::<Lang>() = Lang::De;
        app.update();
        // Written once the changes settle (debounced), or at exit.
        app.world_mut().write_message(AppExit::Success);
        app.update();
    }
    assert!(
        !dir.join(PROFILES_FILE).exists(),
        "profiles are kept in the store only"
    );

    let mut app = kept();
    app.update();
    let profiles = app.world().resource::<Profiles>();
    assert_eq!(profiles.list().len(), 2);
    assert_eq!(profiles.active().name, "Kim B.");
    assert_eq!(
        profiles.active().measurements.get(Key::Stature),
        Some(181.0)
    );
    assert_eq!(profiles.active().measurements.form, Some(Form::Male));
    assert_eq!(*app.world().resource::<Lang>(), Lang::De);
    drop(app);
    let _ = std::fs::remove_dir_all(dir);
}

/// Lets `app`'s clock advance by exactly `step` each frame, whatever the wall clock does.
fn manual_clock(app: &mut App, step: Duration) {
    app.insert_resource(bevy::time::TimeUpdateStrategy::ManualDuration(step));
}

/// Runs `n` frames.
fn frames(app: &mut App, n: usize) {
    for _ in 0..n {
        app.update();
    }
}

#[test]
fn a_damaged_profiles_file_is_set_aside_and_reported() {
    let dir = scratch("corrupt");
    let path = dir.join("profiles.json");
    std::fs::write(&path, "{ this is not json").unwrap();
    let mut app = headless(ProfileStore::at(&path));
    app.update();

    let aside: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(
        std::fs::read_to_string(&aside[0]).unwrap(),
        "{ this is not json"
    );
    let notices = app.world().resource::<Notices>();
    assert!(
        notices
            .0
            .iter()
            .any(|n| n.error && n.msg == Msg::ProfilesCorrupt),
        "{notices:?}"
    );
    assert_eq!(
        app.world().resource::<Profiles>().list().len(),
        1,
        "starts with the default"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// Answers every dialog with the same path.
struct Answer(Option<PathBuf>);

impl FileDialogs for Answer {
    fn pick_load(&self) -> PathFuture {
        let path = self.0.clone();
        Box::pin(async move { path })
    }
    fn pick_save(&self, _suggested: &str) -> PathFuture {
        let path = self.0.clone();
        Box::pin(async move { path })
    }
    fn pick_garment(&self) -> PathFuture {
        let path = self.0.clone();
        Box::pin(async move { path })
    }
}

/// Sends a file action and runs frames until the dialog's task has finished.
fn file_action(app: &mut App, action: FileAction, answer: Option<&Path>) {
    app.insert_resource(Dialogs(Box::new(Answer(answer.map(Path::to_path_buf)))));
    app.world_mut().write_message(action);
    app.update();
    let deadline = Instant::now() + Duration::from_secs(120);
    while app
        .world()
        .resource::<anprobe::app::PendingDialog>()
        .is_open()
    {
        assert!(Instant::now() < deadline, "dialog task never finished");
        std::thread::sleep(Duration::from_millis(5));
        app.update();
    }
}

#[test]
fn load_and_save_go_through_the_dialog_seam() {
    let dir = scratch("files");
    let mut app = headless(ProfileStore::default());
    app.update();

    let saved = dir.join("me.json");
    app.world_mut()
        .resource_mut::<Profiles>()
        .active_mut()
        .measurements
        .set(Key::HipGirth, 101.0);
    file_action(&mut app, FileAction::Save, Some(&saved));
    // (Checked now: a confirmation fades after a few seconds, and this test may take longer.)
    let notices = &app.world().resource::<Notices>().0;
    assert!(
        notices.iter().any(|n| !n.error && n.msg == Msg::Saved),
        "{notices:?}"
    );
    let written = Measurements::load(&saved).unwrap();
    assert_eq!(
        written,
        app.world().resource::<Profiles>().active().measurements
    );

    let other = dir.join("other.json");
    std::fs::write(&other, r#"{"form": "male", "unit": "in", "stature": 70}"#).unwrap();
    file_action(&mut app, FileAction::Load, Some(&other));
    let m = &app.world().resource::<Profiles>().active().measurements;
    assert_eq!(m.form, Some(Form::Male));
    assert!((m.get(Key::Stature).unwrap() - 177.8).abs() < 1e-9);

    // A broken file and a cancelled dialog change nothing and panic nowhere.
    let broken = dir.join("broken.json");
    std::fs::write(&broken, "[1, 2").unwrap();
    file_action(&mut app, FileAction::Load, Some(&broken));
    file_action(&mut app, FileAction::Load, None);
    assert_eq!(
        app.world()
            .resource::<Profiles>()
            .active()
            .measurements
            .form,
        Some(Form::Male)
    );
    let notices = &app.world().resource::<Notices>().0;
    assert!(
        notices.iter().any(|n| n.error && n.msg == Msg::LoadFailed),
        "{notices:?}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// The garments imported so far, collected from [`GarmentImported`] messages.
#[derive(Resource, Default)]
struct Received(Vec<GarmentImported>);

fn collect(mut imported: MessageReader<GarmentImported>, mut received: ResMut<Received>) {
    received.0.extend(imported.read().cloned());
}

/// Runs frames until no import is under way.
fn finish_imports(app: &mut App) {
    app.update();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !app.world().resource::<Imports>().is_empty() {
        assert!(Instant::now() < deadline, "the import never finished");
        std::thread::sleep(Duration::from_millis(5));
        app.update();
    }
}

fn catalog_file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/catalog")
        .join(name)
}

/// How many garment files the committed sample catalog holds.
pub(crate) fn catalog_size() -> usize {
    std::fs::read_dir(catalog_file(""))
        .expect("the catalog folder")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "glb"))
        })
        .count()
}

#[test]
fn garment_files_dropped_or_chosen_are_imported_in_the_background() {
    let mut app = headless(ProfileStore::default());
    app.init_resource::<Received>().add_systems(Update, collect);
    app.update();

    let shirt = catalog_file("nordlicht-basics-nb-ts-1001.glb");
    app.world_mut()
        .write_message(bevy::window::FileDragAndDrop::DroppedFile {
            window: Entity::PLACEHOLDER,
            path_buf: shirt.clone(),
        });
    finish_imports(&mut app);
    let coat = catalog_file("harrow-finch-hf-ct-701.glb");
    file_action(&mut app, FileAction::ImportGarment, Some(&coat));
    finish_imports(&mut app);
    app.update();

    let received = &app.world().resource::<Received>().0;
    let paths: Vec<&Path> = received.iter().map(|g| g.path.as_path()).collect();
    assert_eq!(paths, [shirt.as_path(), coat.as_path()]);
    assert!(received.iter().all(|g| g.garment.vertex_count() > 0));
    let notices = &app.world().resource::<Notices>().0;
    assert_eq!(
        notices
            .iter()
            .filter(|n| !n.error && n.msg == Msg::GarmentImported)
            .count(),
        2,
        "{notices:?}"
    );
}

#[test]
fn a_broken_garment_file_gives_a_notice_naming_it_and_nothing_else() {
    let dir = scratch("import-broken");
    let mut app = headless(ProfileStore::default());
    app.init_resource::<Received>().add_systems(Update, collect);
    app.update();
    let bytes = std::fs::read(catalog_file("kiko-lane-kl-dn-501.glb")).unwrap();
    let cut = dir.join("cut-short.glb");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    app.world_mut().write_message(ImportGarment(cut.clone()));
    app.world_mut()
        .write_message(ImportGarment(dir.join("missing.glb")));
    finish_imports(&mut app);
    app.update();

    assert!(app.world().resource::<Received>().0.is_empty());
    let notices = &app.world().resource::<Notices>().0;
    for name in ["cut-short.glb", "missing.glb"] {
        assert!(
            notices.iter().any(|n| n.error
                && n.msg == Msg::GarmentImportFailed
                && n.detail.en().contains(name)),
            "{name}: {notices:?}"
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn screenshot_rejects_bad_options_without_opening_a_window() {
    let opts = |out: &str, width| plain_window(PathBuf::from(out), width, 600);
    assert!(screenshot(opts("/tmp/x.png", 0)).is_err());
    let missing = std::env::temp_dir().join("anprobe-no-such-dir/x.png");
    assert!(
        screenshot(opts(missing.to_str().unwrap(), 800))
            .unwrap_err()
            .contains("does not exist")
    );
}

/// The default body in the start view, no garment, no store, the catalog tab: a window of
/// `width` × `height` whose picture (if one is taken) goes to `out`.
pub(crate) fn plain_window(out: std::path::PathBuf, width: u32, height: u32) -> ScreenshotOptions {
    ScreenshotOptions {
        out,
        measurements: None,
        width,
        height,
        tab: RightPanelTab::Catalog,
        data_dir: None,
        garments: Vec::new(),
        fit_map: false,
        view: anprobe::app::ViewPreset::Reset,
        guide: false,
    }
}

/// Needs a display and Vulkan: `DISPLAY=:99 WGPU_BACKEND=vulkan cargo test --test main
/// app::screenshot_draws_the_hovered_tape -- --ignored`.
#[test]
#[ignore = "opens a window: needs a display (Xvfb) and Vulkan"]
fn screenshot_draws_the_hovered_tape() {
    let dir = scratch("shot");
    let out = dir.join("tape.png");
    screenshot_with(plain_window(out.clone(), 960, 600), |app| {
        app.insert_resource(TapeHover {
            pinned: Some(Key::HipGirth),
            ..TapeHover::default()
        });
    })
    .unwrap();
    let png = image::open(&out).unwrap().to_rgb8();
    assert_eq!(png.dimensions(), (960, 600));
    // Rendered, not a black frame: the panels' dark grey counts, black does not (the 3D view
    // itself is checked by the tape's colour below).
    let lit = png.pixels().filter(|p| p.0.iter().any(|&c| c > 12)).count();
    assert!(lit > png.len() / 3 / 2, "mostly black");
    let tape = png
        .pixels()
        .filter(|p| p.0[0] > 200 && p.0[1] > 60 && p.0[1] < 170 && p.0[2] < 60)
        .count();
    assert!(tape > 50, "no orange tape ({tape} pixels)");
    let _ = std::fs::remove_dir_all(dir);
}

mod memory;

/// Needs a display and Vulkan: `DISPLAY=:99 WGPU_BACKEND=vulkan cargo test --test main
/// app::render_bench_times_frames_of_the_real_window -- --ignored`.
#[test]
#[ignore = "opens a window: needs a display (Xvfb) and Vulkan"]
fn render_bench_times_frames_of_the_real_window() {
    let times =
        anprobe::app::render_bench(plain_window(std::path::PathBuf::new(), 640, 400), 12).unwrap();
    assert_eq!(times.frames, 12);
    assert_eq!((times.width, times.height), (640, 400));
    assert!(
        !times.adapter.is_empty() && times.adapter != "unknown",
        "{times:?}"
    );
    let f = times.frame_ms;
    assert!(f.p50 > 0.0 && f.p50 <= f.p95 && f.p95 <= f.max, "{times:?}");
    assert!(f.mean > 0.0 && f.mean <= f.max, "{times:?}");
    let json = serde_json::to_value(&times).unwrap();
    assert_eq!(json["report"], "anprobe.render_bench");
    for key in ["p50", "p95", "max", "mean"] {
        assert!(json["frame_ms"][key].is_f64(), "{json}");
    }
}

#[test]
#[ignore = "opens a window: needs a display (Xvfb) and Vulkan"]
fn an_idle_app_draws_no_frames() {
    // Settled (catalog, thumbnails, avatar, pipelines), then 3 s without a frame, then 5 s
    // counted: nothing happens, so nothing may be drawn.
    let frames = anprobe::app::idle_frames(Duration::from_secs(3), Duration::from_secs(5))
        .expect("the app ran");
    assert!(
        frames.is_empty(),
        "{} frames drawn in 5 idle seconds, at {frames:?} s",
        frames.len()
    );
}

/// The render bench's statistics: nearest-rank percentiles, the largest and the mean.
#[test]
fn frame_statistics_are_nearest_rank() {
    use anprobe::app::FrameStats;
    let samples: Vec<f64> = (1..=100).rev().map(f64::from).collect();
    let s = FrameStats::of(&samples);
    assert_eq!((s.p50, s.p95, s.max, s.mean), (50.0, 95.0, 100.0, 50.5));
    let one = FrameStats::of(&[7.0]);
    assert_eq!((one.p50, one.p95, one.max, one.mean), (7.0, 7.0, 7.0, 7.0));
    let none = FrameStats::of(&[]);
    assert_eq!((none.p50, none.p95, none.max), (0.0, 0.0, 0.0));
}
