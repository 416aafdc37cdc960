//! Without a desktop portal the system file dialog cannot open: the app then asks for the path
//! in a window of its own instead of doing nothing. The seam is run as the app runs it (the
//! dialog's future spawned, polled each frame), the window's contents in egui's harness.

use super::{headless, scratch};
use anprobe::app::i18n::{Lang, Msg};
use anprobe::app::panels::path_prompt::{PromptAnswer, PromptText, path_prompt_ui};
use anprobe::app::state::path_prompt::{PathPrompts, PromptKind};
use anprobe::app::{Dialogs, FileAction, Notices, PendingDialog, ProfileStore, Profiles};
use anprobe::measurements::Key;
use bevy::prelude::*;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::time::{Duration, Instant};

fn frames_until(app: &mut App, what: &str, done: impl Fn(&World) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !done(app.world()) {
        assert!(Instant::now() < deadline, "never: {what}");
        std::thread::sleep(Duration::from_millis(5));
        app.update();
    }
}

#[test]
fn without_a_portal_load_asks_for_the_path_in_the_app() {
    let dir = scratch("prompt");
    let file = dir.join("anna.json");
    std::fs::write(
        &file,
        r#"{"form": "female", "stature": 171, "hip_girth": 99}"#,
    )
    .unwrap();
    let mut app = headless(ProfileStore::default());
    app.update();
    let prompts = app.world().resource::<PathPrompts>().clone();
    app.insert_resource(Dialogs::in_app(prompts.clone()));

    app.world_mut().write_message(FileAction::Load);
    frames_until(&mut app, "the prompt asks", |_| prompts.current().is_some());
    let question = prompts.current().unwrap();
    assert_eq!(question.kind, PromptKind::Open);
    assert_eq!(question.extensions, ["json"]);
    assert!(app.world().resource::<PendingDialog>().is_open());

    prompts.answer(Some(file.clone()));
    frames_until(&mut app, "the file is loaded", |w| {
        !w.resource::<PendingDialog>().is_open()
    });
    let m = &app.world().resource::<Profiles>().active().measurements;
    assert_eq!(m.get(Key::HipGirth), Some(99.0));
    let notices = &app.world().resource::<Notices>().0;
    assert!(notices.iter().any(|n| n.msg == Msg::Loaded), "{notices:?}");

    // Cancelled: nothing changes, the app waits for nothing.
    app.world_mut().write_message(FileAction::Load);
    frames_until(&mut app, "the prompt asks again", |_| {
        prompts.current().is_some()
    });
    prompts.answer(None);
    frames_until(&mut app, "the cancel is seen", |w| {
        !w.resource::<PendingDialog>().is_open()
    });
    let m = &app.world().resource::<Profiles>().active().measurements;
    assert_eq!(m.get(Key::HipGirth), Some(99.0));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_prompt_refuses_a_file_that_is_not_there_and_says_why() {
    let dir = scratch("prompt-ui");
    let question = anprobe::app::state::path_prompt::PathQuestion {
        kind: PromptKind::Open,
        extensions: &["glb", "gltf"],
        suggested: dir.join("missing.glb"),
    };
    let state = (PromptText::for_question(&question), None::<PromptAnswer>);
    let mut harness = Harness::builder().with_size([480.0, 240.0]).build_ui_state(
        |ui, (text, answer): &mut (PromptText, Option<PromptAnswer>)| {
            if let Some(a) = path_prompt_ui(ui, Lang::De, &question, text) {
                *answer = Some(a);
            }
        },
        state,
    );
    harness.run();
    harness.get_by_label(Lang::De.t(Msg::NoFileDialog));
    harness.get_by_label(Lang::De.t(Msg::OpenFile)).click();
    harness.run();
    harness.get_by_label(Lang::De.t(Msg::NoSuchFile));
    assert_eq!(harness.state().1, None, "a missing file is no answer");

    let real = dir.join("shirt.glb");
    std::fs::write(&real, b"glTF").unwrap();
    harness.state_mut().0.path = real.display().to_string();
    harness.run();
    harness.get_by_label(Lang::De.t(Msg::OpenFile)).click();
    harness.run();
    assert_eq!(harness.state().1, Some(PromptAnswer::Path(real)));
    let _ = std::fs::remove_dir_all(dir);
}
