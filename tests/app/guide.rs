//! The first-start guide: shown at the first start, closed with "Got it" and then never shown
//! again (the store keeps it, across restarts); "?" shows it again. Its steps tick off as the
//! shopper does them, in both languages.

use super::{headless, scratch};
use anprobe::app::i18n::{Lang, Msg};
use anprobe::app::panels::guide::{GuideProgress, guide_ui};
use anprobe::app::state::guide::{CloseGuide, FirstStartGuide};
use anprobe::app::{ProfileStore, ShopperStore};
use anprobe::store::Store;
use bevy::prelude::*;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn started(dir: &std::path::Path) -> App {
    let mut app = headless(ProfileStore::default());
    app.insert_resource(ShopperStore::at(dir));
    app.update();
    app.update();
    app
}

fn guide(app: &App) -> FirstStartGuide {
    *app.world().resource::<FirstStartGuide>()
}

#[test]
fn the_guide_is_shown_once_and_remembered() {
    let dir = scratch("guide");
    let mut app = started(&dir);
    assert_eq!(guide(&app), FirstStartGuide::Shown, "first start");
    app.world_mut().write_message(CloseGuide { reopen: false });
    app.update();
    assert_eq!(guide(&app), FirstStartGuide::Closed);
    drop(app);
    let (store, _) = Store::open(&dir).unwrap();
    assert!(store.first_start_guide_done().unwrap());
    drop(store);

    // The next start: closed, and "?" shows it again (without forgetting it was read).
    let mut app = started(&dir);
    assert_eq!(guide(&app), FirstStartGuide::Closed, "second start");
    app.world_mut().write_message(CloseGuide { reopen: true });
    app.update();
    assert_eq!(guide(&app), FirstStartGuide::Shown);
    drop(app);
    let (store, _) = Store::open(&dir).unwrap();
    assert!(store.first_start_guide_done().unwrap());
    drop(store);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn without_a_store_the_guide_shows_at_every_start() {
    let mut app = headless(ProfileStore::default());
    app.insert_resource(ShopperStore::none());
    app.update();
    assert_eq!(guide(&app), FirstStartGuide::Shown);
    app.world_mut().write_message(CloseGuide { reopen: false });
    app.update();
    assert_eq!(guide(&app), FirstStartGuide::Closed);
}

#[test]
fn the_guides_steps_tick_off_and_got_it_closes_it() {
    for lang in Lang::ALL {
        let state = (lang, GuideProgress::default(), false);
        let mut harness = Harness::builder().with_size([420.0, 400.0]).build_ui_state(
            |ui, (lang, progress, closed): &mut (Lang, GuideProgress, bool)| {
                *closed |= guide_ui(ui, *lang, *progress);
            },
            state,
        );
        for msg in [
            Msg::GuideIntro,
            Msg::GuideMeasure,
            Msg::GuideTape,
            Msg::GuideTryOn,
        ] {
            harness.get_by_label(lang.t(msg));
        }
        // Nothing done yet: three numbered steps, no tick.
        assert!(harness.query_by_label("✔").is_none());
        for n in ["1.", "2.", "3."] {
            harness.get_by_label(n);
        }
        harness.state_mut().1.measured = true;
        harness.run();
        assert_eq!(harness.get_all_by_label("✔").count(), 1);
        assert!(harness.query_by_label("1.").is_none());
        harness.state_mut().1.tried_on = true;
        harness.run();
        assert_eq!(harness.get_all_by_label("✔").count(), 2);
        harness.get_by_label("2.");

        harness.get_by_label(lang.t(Msg::GuideDone)).click();
        harness.run();
        assert!(harness.state().2, "{lang:?}: Got it closes the guide");
    }
}
