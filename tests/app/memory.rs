//! The shopper's memory in the app, headless: the try-on's "add to wishlist" reaches the store,
//! changes the store refuses (or cannot take) become notices and form messages, a damaged store
//! file is reported; and the Timeline tab's search filter.

use super::{headless, scratch};
use anprobe::app::i18n::{Lang, Msg};
use anprobe::app::{
    AddToWishlist, FormResults, Notices, ProfileStore, ShopperStore, StoreAction, StoreForm,
    filter_timeline,
};
use anprobe::garment::{Region, Verdict};
use anprobe::store::{
    Channel, Contact, CounterpartKind, ItemStatus, NewContact, NewOrder, NewOrderItem,
    NewWishlistItem, Order, OrderItem, ReturnRecord, Store, TimelineEntry, TimelineEvent, date,
};
use bevy::prelude::*;
use std::collections::BTreeMap;

/// The headless app with the shopper's store in `dir`, opened (one frame run).
fn with_store(store: ShopperStore) -> App {
    let mut app = headless(ProfileStore::default());
    app.insert_resource(store);
    app.update();
    app
}

fn notices(app: &App) -> &[anprobe::app::Notice] {
    &app.world().resource::<Notices>().0
}

fn has_notice(app: &App, msg: Msg, error: bool) -> bool {
    notices(app)
        .iter()
        .any(|n| n.msg == msg && n.error == error)
}

fn shirt() -> NewWishlistItem {
    NewWishlistItem {
        retailer: "COS".into(),
        sku: "0987654-001".into(),
        name: "Relaxed linen shirt".into(),
        size: "M".into(),
        colourway: "sand".into(),
        price: 69.0,
        currency: "EUR".into(),
        note: String::new(),
        added: String::new(),
    }
}

fn coat_order(currency: &str) -> NewOrder {
    NewOrder {
        retailer: "Zalando".into(),
        order_number: "10-4432-981".into(),
        date: "2026-11-08".into(),
        items: vec![NewOrderItem {
            sku: "ZA-C-2201".into(),
            name: "Wool coat".into(),
            size: "L".into(),
            colour: "camel".into(),
            price: 189.0,
            currency: currency.into(),
            return_window_days: Some(30),
        }],
    }
}

#[test]
fn add_to_wishlist_from_the_try_on_lands_in_the_store_dated_today() {
    let dir = scratch("wish");
    let mut app = with_store(ShopperStore::at(&dir));
    app.world_mut().write_message(AddToWishlist(shirt()));
    app.update();

    let notice = notices(&app)
        .iter()
        .find(|n| n.msg == Msg::WishlistAdded)
        .unwrap_or_else(|| panic!("no 'added' notice: {:?}", notices(&app)));
    assert!(!notice.error);
    assert!(
        notice.detail.en().contains("Relaxed linen shirt"),
        "{notice:?}"
    );
    // What the app wrote is in the file: another connection reads it.
    let (store, _) = Store::open(&dir).unwrap();
    let items = store.list_wishlist().unwrap();
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0].wish.sku, "0987654-001");
    assert_eq!(items[0].wish.size, "M");
    assert_eq!(items[0].wish.added, date::today_local());
    drop(store);

    // The same shirt again (another click on the button) is not a second entry: the notice
    // says it is there already. Another size is.
    app.world_mut().write_message(AddToWishlist(shirt()));
    app.update();
    assert!(
        has_notice(&app, Msg::WishlistAlready, false),
        "{:?}",
        notices(&app)
    );
    app.world_mut()
        .write_message(AddToWishlist(NewWishlistItem {
            size: "L".into(),
            ..shirt()
        }));
    app.update();
    let (store, _) = Store::open(&dir).unwrap();
    let sizes: Vec<String> = store
        .list_wishlist()
        .unwrap()
        .into_iter()
        .map(|i| i.wish.size)
        .collect();
    assert_eq!(sizes.len(), 2, "{sizes:?}");
    assert!(sizes.contains(&"M".to_string()) && sizes.contains(&"L".to_string()));
    drop(store);
    drop(app);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn changes_to_a_store_that_could_not_open_become_notices_not_panics() {
    let dir = scratch("nostore");
    // A file where the data folder should be: the store cannot be created.
    let blocked = dir.join("not-a-folder");
    std::fs::write(&blocked, "x").unwrap();
    let mut app = with_store(ShopperStore::at(&blocked));
    assert!(
        has_notice(&app, Msg::StoreOpenFailed, true),
        "{:?}",
        notices(&app)
    );
    let unavailable = app
        .world()
        .resource::<ShopperStore>()
        .unavailable()
        .unwrap();
    assert_eq!(unavailable.msg, Msg::StoreOpenFailed);
    assert!(
        unavailable.detail.contains("not-a-folder"),
        "{unavailable:?}"
    );

    app.world_mut().write_message(AddToWishlist(shirt()));
    app.world_mut()
        .write_message(StoreAction::AddOrder(coat_order("EUR")));
    app.world_mut().write_message(StoreAction::SetStatus {
        item: 1,
        status: ItemStatus::Kept,
        label: "Wool coat".into(),
    });
    app.update();
    assert!(
        has_notice(&app, Msg::WishlistAddFailed, true),
        "{:?}",
        notices(&app)
    );
    assert!(
        has_notice(&app, Msg::OrderFailed, true),
        "{:?}",
        notices(&app)
    );
    assert!(
        has_notice(&app, Msg::StatusFailed, true),
        "{:?}",
        notices(&app)
    );
    let form = app
        .world()
        .resource::<FormResults>()
        .peek(StoreForm::NewOrder);
    assert!(
        matches!(form, Some(Err(why)) if why.en().contains("nothing was saved")
            && why.get(Lang::De).contains("nichts wurde gespeichert")),
        "{form:?}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_refused_order_answers_the_form_with_the_stores_message() {
    let dir = scratch("order");
    let mut app = with_store(ShopperStore::at(&dir));
    app.world_mut()
        .write_message(StoreAction::AddOrder(coat_order("EURO")));
    app.update();
    let form = app
        .world()
        .resource::<FormResults>()
        .peek(StoreForm::NewOrder)
        .cloned();
    let why = form.unwrap().unwrap_err();
    assert!(why.en().starts_with("invalid currency"), "{why:?}");
    // The German form names the field and what was typed in German.
    assert_eq!(
        why.get(Lang::De),
        "Währung: „EURO“ ist kein bekannter Währungscode nach ISO 4217 (z. B. EUR, USD, GBP, CHF, SEK, JPY)"
    );
    let failed = notices(&app)
        .iter()
        .find(|n| n.msg == Msg::OrderFailed)
        .unwrap();
    assert!(
        failed.error && failed.detail.en().contains("currency"),
        "{failed:?}"
    );

    app.world_mut()
        .write_message(StoreAction::AddOrder(coat_order("EUR")));
    app.update();
    let form = app
        .world_mut()
        .resource_mut::<FormResults>()
        .take(StoreForm::NewOrder);
    assert_eq!(form, Some(Ok(())));
    // Returning it with fit feedback reaches the store too.
    app.world_mut().write_message(StoreAction::Return {
        item: 1,
        date: String::new(),
        reason: "Sleeves too long".into(),
        fit: vec![
            (Region::Sleeve, Verdict::Long),
            (Region::Chest, Verdict::Good),
        ],
        label: "Wool coat".into(),
    });
    app.update();
    assert!(
        has_notice(&app, Msg::ReturnRecorded, false),
        "{:?}",
        notices(&app)
    );
    let (store, _) = Store::open(&dir).unwrap();
    let item = &store.list_orders(10).unwrap()[0].items[0];
    assert_eq!(item.status, ItemStatus::Returned);
    let record = item.returned.as_ref().unwrap();
    assert_eq!(record.fit.get(&Region::Sleeve), Some(&Verdict::Long));
    assert_eq!(record.date, date::today_local());
    drop(store);
    drop(app);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_damaged_store_file_is_moved_aside_and_the_notice_says_where() {
    let dir = scratch("damaged");
    std::fs::write(
        dir.join(anprobe::store::DB_FILE),
        "this is not a database at all",
    )
    .unwrap();
    let app = with_store(ShopperStore::at(&dir));
    let moved = notices(&app)
        .iter()
        .find(|n| n.msg == Msg::StoreMovedAside)
        .unwrap_or_else(|| panic!("{:?}", notices(&app)));
    assert!(moved.error);
    assert_eq!(
        std::fs::read_to_string(moved.detail.en()).unwrap(),
        "this is not a database at all",
        "the notice names the file the damaged data was kept in"
    );
    assert!(
        app.world()
            .resource::<ShopperStore>()
            .unavailable()
            .is_none()
    );
    drop(app);
    let _ = std::fs::remove_dir_all(dir);
}

fn contact(id: i64, date: &str, summary: &str, outcome: &str) -> TimelineEntry {
    TimelineEntry {
        date: date.into(),
        counterpart: "Zalando".into(),
        event: TimelineEvent::Contact(Contact {
            id,
            record: NewContact {
                counterpart: "Zalando".into(),
                kind: CounterpartKind::Retailer,
                channel: Channel::Mail,
                date: date.into(),
                summary: summary.into(),
                outcome: outcome.into(),
            },
        }),
    }
}

fn coat_item(returned: Option<ReturnRecord>) -> OrderItem {
    OrderItem {
        id: 7,
        line: NewOrderItem {
            sku: "ZA-C-2201".into(),
            name: "Wool coat".into(),
            size: "L".into(),
            colour: "camel".into(),
            price: 189.0,
            currency: "EUR".into(),
            return_window_days: Some(30),
        },
        status: ItemStatus::Delivered,
        return_deadline: None,
        returned,
    }
}

fn timeline() -> Vec<TimelineEntry> {
    let order = Order {
        id: 3,
        retailer: "Zalando".into(),
        order_number: "10-4432-981".into(),
        date: "2026-11-08".into(),
        items: vec![coat_item(None)],
    };
    let record = ReturnRecord {
        date: "2026-11-20".into(),
        reason: "Zu weit geschnitten".into(),
        fit: BTreeMap::from([(Region::Chest, Verdict::Loose)]),
    };
    vec![
        TimelineEntry {
            date: "2026-11-20".into(),
            counterpart: "Zalando".into(),
            event: TimelineEvent::Return {
                order_id: 3,
                order_number: "10-4432-981".into(),
                item: coat_item(Some(record)),
            },
        },
        contact(
            2,
            "2026-11-12",
            "Mantel: Ärmel zu lang",
            "Kostenlose Änderung",
        ),
        order_entry(order),
        contact(
            1,
            "2026-10-06",
            "Does the coat run small?",
            "Take one size up",
        ),
    ]
}

fn order_entry(order: Order) -> TimelineEntry {
    TimelineEntry {
        date: order.date.clone(),
        counterpart: order.retailer.clone(),
        event: TimelineEvent::Order(order),
    }
}

fn dates(entries: &[&TimelineEntry]) -> Vec<String> {
    entries.iter().map(|e| e.date.clone()).collect()
}

#[test]
fn the_timeline_search_ignores_case_and_needs_every_word() {
    let all = timeline();
    assert_eq!(filter_timeline(&all, "").len(), 4, "empty search shows all");
    assert_eq!(filter_timeline(&all, "   ").len(), 4);
    // Case-insensitive, umlauts included, on the summary...
    assert_eq!(dates(&filter_timeline(&all, "ÄRMEL")), ["2026-11-12"]);
    // ...and on the outcome.
    assert_eq!(dates(&filter_timeline(&all, "size UP")), ["2026-10-06"]);
    assert_eq!(dates(&filter_timeline(&all, "änderung")), ["2026-11-12"]);
    // Garments: the order and the return both hold the coat, newest first as given.
    assert_eq!(
        dates(&filter_timeline(&all, "camel")),
        ["2026-11-08"],
        "the colour is searched on orders"
    );
    assert_eq!(
        dates(&filter_timeline(&all, "wool COAT")),
        ["2026-11-20", "2026-11-08"]
    );
    // A return's reason and fit feedback.
    assert_eq!(dates(&filter_timeline(&all, "weit")), ["2026-11-20"]);
    assert_eq!(dates(&filter_timeline(&all, "chest loose")), ["2026-11-20"]);
    // Every word must match; the retailer's name is not part of an entry's own text.
    assert!(filter_timeline(&all, "coat sleeves").is_empty());
    assert!(filter_timeline(&all, "Zalando").is_empty());
}

/// Needs a display and Vulkan: `DISPLAY=:99 WGPU_BACKEND=vulkan cargo test --test main
/// app::memory::screenshot_of_the_orders_tab_in_german -- --ignored`; leaves the picture in
/// the temp folder (`anprobe-app-shot-de-*/orders-de.png`) to be looked at.
#[test]
#[ignore = "opens a window: needs a display (Xvfb) and Vulkan"]
fn screenshot_of_the_orders_tab_in_german() {
    use anprobe::app::i18n::Lang;
    use anprobe::app::{RightPanelTab, ScreenshotOptions, screenshot_with};
    let dir = scratch("shot-de");
    let data = dir.join("data");
    {
        let (mut store, _) = Store::open(&data).unwrap();
        let order = store.add_order(&coat_order("EUR")).unwrap();
        let item = store.order(order).unwrap().items[0].id;
        store
            .return_item(
                item,
                "2026-11-20",
                "Ärmel zu lang",
                &[(Region::Sleeve, Verdict::Long)],
            )
            .unwrap();
        let mut shirt_order = coat_order("EUR");
        shirt_order.order_number = "10-4388-120".into();
        shirt_order.date = date::today_local();
        store.add_order(&shirt_order).unwrap();
        store
            .add_wishlist(&NewWishlistItem {
                added: "2026-11-20".into(),
                ..shirt()
            })
            .unwrap();
    }
    let out = dir.join("orders-de.png");
    let opts = ScreenshotOptions {
        tab: RightPanelTab::Orders,
        data_dir: Some(data),
        ..super::plain_window(out.clone(), 1280, 800)
    };
    screenshot_with(opts, |app| {
        app.insert_resource(Lang::De);
    })
    .unwrap();
    let png = image::open(&out).unwrap().to_rgb8();
    // The 3D view between the dark panels is lit, and the right panel holds text.
    let lit = png.pixels().filter(|p| p.0.iter().any(|&c| c > 40)).count();
    assert!(lit > png.len() / 3 / 5, "mostly black ({lit} lit pixels)");
    let panel_text = (900..1270)
        .flat_map(|x| (60..260).map(move |y| (x, y)))
        .filter(|&(x, y)| png.get_pixel(x, y).0.iter().all(|&c| c > 150))
        .count();
    assert!(
        panel_text > 300,
        "no text in the orders tab ({panel_text} bright pixels)"
    );
    println!("look at {}", out.display());
}

/// Frames until the export's file dialog has answered.
fn until_export_written(app: &mut App) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    app.update();
    while app
        .world()
        .resource::<anprobe::app::PendingExport>()
        .is_open()
    {
        assert!(
            std::time::Instant::now() < deadline,
            "dialog never answered"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
        app.update();
    }
}

#[test]
fn profiles_live_in_the_store_and_come_back_from_it() {
    use anprobe::app::Profiles;
    use anprobe::measurements::{Form, Key, Measurements};
    let dir = scratch("profiles-store");
    let file = dir.join("profiles.json");
    {
        let mut app = headless(ProfileStore::at(&file));
        app.insert_resource(ShopperStore::at(&dir));
        app.update();
        let mut profiles = app.world_mut().resource_mut::<Profiles>();
        profiles.add("Kim");
        profiles.active_mut().measurements = Measurements::new(Form::Male, 181.0);
        profiles
            .active_mut()
            .measurements
            .set(Key::ChestGirth, 102.0);
        app.update();
        app.world_mut()
            .resource_mut::<Profiles>()
            .rename_active("Kim B.");
        // Written once settled, or at exit.
        app.world_mut().write_message(AppExit::Success);
        app.update();
        // A value the panel marks as wrong is not recorded, and is no failure either.
        app.world_mut()
            .resource_mut::<Profiles>()
            .active_mut()
            .measurements
            .set(Key::WaistGirth, 5.0);
        app.world_mut().write_message(AppExit::Success);
        app.update();
        assert!(
            !has_notice(&app, Msg::ProfilesSaveFailed, true),
            "{:?}",
            notices(&app)
        );
    }
    let (store, _) = Store::open(&dir).unwrap();
    let stored = store.profiles().unwrap();
    let names: Vec<&str> = stored.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Me", "Kim B."], "renamed, not added twice");
    let kim = store.latest_measurements(stored[1].id).unwrap().unwrap();
    assert_eq!(kim.measurements.get(Key::ChestGirth), Some(102.0));
    assert_eq!(kim.measurements.get(Key::WaistGirth), None);
    assert_eq!(kim.measurements.form, Some(Form::Male));
    assert_eq!(store.measurement_history(stored[1].id).unwrap().len(), 1);
    drop(store);

    // No profiles file is written: the store's profiles come back.
    assert!(!file.exists(), "profiles are kept in the store only");
    let mut app = headless(ProfileStore::at(&file));
    app.insert_resource(ShopperStore::at(&dir));
    app.update();
    let profiles = app.world().resource::<Profiles>();
    let names: Vec<&str> = profiles.list().iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Me", "Kim B."]);
    assert_eq!(
        profiles.list()[1].measurements.get(Key::Stature),
        Some(181.0)
    );
    // Deleting the shown profile deletes it, with its history, from the store.
    app.world_mut().resource_mut::<Profiles>().select(1);
    app.world_mut().resource_mut::<Profiles>().delete_active();
    app.world_mut().write_message(AppExit::Success);
    app.update();
    drop(app);
    let (store, _) = Store::open(&dir).unwrap();
    let names: Vec<String> = store
        .profiles()
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Me"]);
    drop(store);
    let _ = std::fs::remove_dir_all(dir);
}

/// The profiles file an earlier version wrote: two profiles, the second shown, German.
const EARLIER_PROFILES_FILE: &str = r#"{
  "version": 1,
  "language": "de",
  "active": 1,
  "profiles": [
    { "name": "Ana", "measurements": { "form": "female", "unit": "cm", "stature": 164, "hip_girth": 98 } },
    { "name": "Ben", "measurements": { "form": "male", "unit": "in", "stature": 71 } }
  ]
}"#;

#[test]
fn an_earlier_profiles_file_is_adopted_once_and_kept_aside() {
    use anprobe::app::i18n::Lang;
    use anprobe::app::{PROFILES_FILE, Profiles};
    use anprobe::measurements::{Form, Key, Unit};
    let dir = scratch("profiles-adopt");
    let file = dir.join(PROFILES_FILE);
    std::fs::write(&file, EARLIER_PROFILES_FILE).unwrap();
    let start = || app_over_store(&dir);
    let aside = || -> Vec<String> {
        std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("profiles.json"))
            .collect()
    };
    let app = start();
    let profiles = app.world().resource::<Profiles>();
    let names: Vec<&str> = profiles.list().iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Ana", "Ben"]);
    assert_eq!(profiles.active().name, "Ben");
    assert_eq!(profiles.active().measurements.unit, Unit::In);
    assert_eq!(*app.world().resource::<Lang>(), Lang::De);
    assert!(
        has_notice(&app, Msg::ProfilesAdopted, false),
        "{:?}",
        notices(&app)
    );
    drop(app);
    // Renamed aside, never deleted, and never written again.
    let left = aside();
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].starts_with("profiles.json.adopted-"), "{left:?}");
    assert_eq!(
        std::fs::read_to_string(dir.join(&left[0])).unwrap(),
        EARLIER_PROFILES_FILE
    );
    let (store, _) = Store::open(&dir).unwrap();
    let stored = store.profiles().unwrap();
    assert_eq!(store.language().unwrap().as_deref(), Some("de"));
    assert_eq!(store.shown_profile().unwrap(), Some(stored[1].id));
    let ana = store.latest_measurements(stored[0].id).unwrap().unwrap();
    assert_eq!(ana.measurements.get(Key::HipGirth), Some(98.0));
    assert_eq!(ana.measurements.form, Some(Form::Female));
    drop(store);

    // The next start reads the store alone; the language switched back is kept.
    let mut app = start();
    assert_eq!(app.world().resource::<Profiles>().active().name, "Ben");
    assert!(!has_notice(&app, Msg::ProfilesAdopted, false));
    *app.world_mut().resource_mut::<Lang>() = Lang::En;
    app.world_mut().write_message(AppExit::Success);
    app.update();
    drop(app);
    assert_eq!(aside().len(), 1);
    let app = start();
    assert_eq!(*app.world().resource::<Lang>(), Lang::En);
    assert_eq!(app.world().resource::<Profiles>().list().len(), 2);
    drop(app);

    // A store an earlier version already kept the profiles in takes only the file's language
    // and shown profile; its own profiles stay.
    let later = scratch("profiles-adopt-later");
    {
        let (mut store, _) = Store::open(&later).unwrap();
        store.add_profile("Ana", "2026-01-01").unwrap();
        store.add_profile("Ben", "2026-01-01").unwrap();
        store.add_profile("Cleo", "2026-01-01").unwrap();
    }
    std::fs::write(later.join(PROFILES_FILE), EARLIER_PROFILES_FILE).unwrap();
    let mut app = headless(ProfileStore::in_folder(&later));
    app.insert_resource(ShopperStore::at(&later));
    app.update();
    let profiles = app.world().resource::<Profiles>();
    assert_eq!(profiles.list().len(), 3);
    assert_eq!(profiles.active().name, "Ben");
    assert_eq!(*app.world().resource::<Lang>(), Lang::De);
    assert!(!later.join(PROFILES_FILE).exists());
    drop(app);
    let _ = std::fs::remove_dir_all(dir);
    let _ = std::fs::remove_dir_all(later);
}

#[test]
fn the_fit_passport_holds_only_what_the_consent_allows() {
    use anprobe::app::Dialogs;
    use anprobe::measurements::Key;
    use anprobe::store::Consent;
    let dir = scratch("passport");
    let mut app = headless(ProfileStore::at(dir.join("profiles.json")));
    app.insert_resource(ShopperStore::at(&dir));
    app.update();
    let out = dir.join("passport.json");
    app.insert_resource(Dialogs(Box::new(super::Answer(Some(out.clone())))));

    // No consent yet: refused with a notice, nothing written.
    app.world_mut().write_message(StoreAction::ExportPassport {
        counterpart: "Hanna Weber".into(),
    });
    until_export_written(&mut app);
    let failed = notices(&app).iter().find(|n| n.msg == Msg::PassportFailed);
    assert!(
        failed.is_some_and(|n| n.error && n.detail.en().contains("no consent")),
        "{:?}",
        notices(&app)
    );
    assert!(!out.exists());

    app.world_mut()
        .write_message(StoreAction::SetConsent(Consent {
            counterpart: "Hanna Weber".into(),
            kind: CounterpartKind::Stylist,
            keys: vec![Key::Stature, Key::HipGirth],
            share_orders: false,
            share_contacts: false,
        }));
    app.update();
    assert!(
        has_notice(&app, Msg::ConsentSaved, false),
        "{:?}",
        notices(&app)
    );
    app.world_mut().write_message(StoreAction::ExportPassport {
        counterpart: "Hanna Weber".into(),
    });
    until_export_written(&mut app);
    assert!(
        has_notice(&app, Msg::PassportSaved, false),
        "{:?}",
        notices(&app)
    );
    let passport: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(passport["format"], "anprobe-fit-passport");
    assert_eq!(passport["counterpart"], "Hanna Weber");
    let keys: Vec<&String> = passport["measurements"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(
        keys,
        ["stature"],
        "the default profile has only its height typed"
    );
    assert_eq!(passport["measurements"]["stature"], 168.0);
    drop(app);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_backup_exported_from_the_app_restores_exactly() {
    use anprobe::app::Dialogs;
    use anprobe::store::Store;
    let dir = scratch("backup-export");
    let mut app = headless(ProfileStore::at(dir.join("profiles.json")));
    app.insert_resource(ShopperStore::at(dir.join("data")));
    app.update();
    app.world_mut().write_message(AddToWishlist(shirt()));
    app.world_mut()
        .write_message(StoreAction::AddOrder(coat_order("EUR")));
    app.update();
    let out = dir.join("backup.json");
    app.insert_resource(Dialogs(Box::new(super::Answer(Some(out.clone())))));
    app.world_mut().write_message(StoreAction::ExportBackup);
    until_export_written(&mut app);
    assert!(
        has_notice(&app, Msg::BackupSaved, false),
        "{:?}",
        notices(&app)
    );
    let written = std::fs::read_to_string(&out).unwrap();
    let backup: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(backup["wishlist"].as_array().unwrap().len(), 1);
    assert_eq!(backup["orders"].as_array().unwrap().len(), 1);
    assert!(!backup["profiles"].as_array().unwrap().is_empty());

    // Restored into an empty folder, the store exports the same backup again.
    let (mut restored, _) = Store::open(dir.join("restored")).unwrap();
    restored.import_json(&written).unwrap();
    assert_eq!(restored.export_json().unwrap(), written);
    drop(app);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_changed_measurement_reaches_the_store_half_a_second_after_the_change() {
    use anprobe::app::Profiles;
    use anprobe::measurements::Key;
    let dir = scratch("profiles-store-debounce");
    let mut app = headless(ProfileStore::at(dir.join("profiles.json")));
    app.insert_resource(ShopperStore::at(&dir));
    super::manual_clock(&mut app, std::time::Duration::from_millis(100));
    super::frames(&mut app, 10);
    let stored_chest = |app: &App| {
        app.world()
            .resource::<ShopperStore>()
            .read(|s| {
                let me = s.profiles()?[0].id;
                Ok(s.latest_measurements(me)?.map(|m| m.measurements))
            })
            .unwrap()
            .expect("the profile's first measurements are stored")
            .get(Key::ChestGirth)
    };
    assert_eq!(stored_chest(&app), None, "only the height is typed");

    app.world_mut()
        .resource_mut::<Profiles>()
        .active_mut()
        .measurements
        .set(Key::ChestGirth, 102.0);
    app.update();
    // 0.4 s after the change: not yet written.
    super::frames(&mut app, 4);
    assert_eq!(stored_chest(&app), None);
    // 0.6 s after: written.
    super::frames(&mut app, 2);
    assert_eq!(stored_chest(&app), Some(102.0));
    drop(app);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_success_clears_the_failure_it_answers_and_fades_while_failures_stay() {
    use anprobe::app::state::notices::{INFO_SECONDS, NoticePlace};
    use std::time::{Duration, Instant};
    let mut notices = Notices::default();
    notices.error(
        Msg::OrderFailed,
        "Coat (M): invalid order_number: must not be empty",
    );
    notices.error(
        Msg::WishlistRemoveFailed,
        "Shirt (M): wishlist item 7 not found",
    );
    // The retried order went through: its failure goes, the other stays.
    notices.info(Msg::OrderRecorded, "Coat (M)");
    let msgs: Vec<Msg> = notices.0.iter().map(|n| n.msg).collect();
    assert_eq!(msgs, [Msg::WishlistRemoveFailed, Msg::OrderRecorded]);
    // Both are the store's: shown in the right panel, beside the tabs that caused them.
    assert!(notices.0.iter().all(|n| n.place() == NoticePlace::Right));

    let age = Duration::from_secs_f32(INFO_SECONDS);
    let now = Instant::now();
    assert!(!notices.expire(now + age / 2, age), "faded too early");
    assert!(notices.expire(now + age + Duration::from_secs(1), age));
    let msgs: Vec<Msg> = notices.0.iter().map(|n| n.msg).collect();
    assert_eq!(
        msgs,
        [Msg::WishlistRemoveFailed],
        "the failure stays until dismissed"
    );
    notices.dismiss(0);
    assert!(notices.0.is_empty());
}

/// A waist typed before the natural waist was taken at the navel: the store's migration and the
/// adoption of an earlier profiles file keep it as the navel's girth, and the app says so (per
/// profile, until new measurements are recorded).
#[test]
fn a_waist_taken_at_the_navel_is_kept_as_such_and_the_shopper_is_told() {
    use anprobe::app::Profiles;
    use anprobe::measurements::{Form, Key, Measurements};
    use anprobe::store::schema::NAVEL_WAIST_NOTE;
    // A store whose migration moved Ana's waist.
    let dir = scratch("navel-waist-store");
    {
        let (mut store, _) = Store::open(&dir).unwrap();
        let ana = store.add_profile("Ana", "2025-01-01").unwrap();
        let mut m = Measurements::new(Form::Female, 165.0);
        m.set(Key::OmphalionGirth, 81.0);
        store.add_measurements(ana, &m, "2025-01-02").unwrap();
        drop(store);
        let conn = rusqlite::Connection::open(dir.join(anprobe::store::DB_FILE)).unwrap();
        conn.execute("UPDATE snapshots SET note = ?1", [NAVEL_WAIST_NOTE])
            .unwrap();
    }
    let mut app = headless(ProfileStore::in_folder(&dir));
    app.insert_resource(ShopperStore::at(&dir));
    app.update();
    assert!(
        has_notice(&app, Msg::WaistWasAtNavel, false),
        "{:?}",
        notices(&app)
    );
    drop(app);
    let _ = std::fs::remove_dir_all(dir);

    // An earlier profiles file: its waist was the navel's too.
    let dir = scratch("navel-waist-file");
    std::fs::write(
        dir.join(anprobe::app::PROFILES_FILE),
        r#"{"version": 1, "active": 0, "profiles": [{"name": "Ben", "measurements":
            {"form": "male", "stature": 180, "waist_girth": 92}}]}"#,
    )
    .unwrap();
    let mut app = headless(ProfileStore::in_folder(&dir));
    app.insert_resource(ShopperStore::at(&dir));
    app.update();
    let ben = &app.world().resource::<Profiles>().active().measurements;
    assert_eq!(ben.get(Key::OmphalionGirth), Some(92.0));
    assert_eq!(ben.get(Key::WaistGirth), None);
    assert!(has_notice(&app, Msg::WaistWasAtNavel, false));
    drop(app);
    let _ = std::fs::remove_dir_all(dir);
}

/// The colour (sRGB, to 0.01) of the mesh entity marked `M` (the avatar, the hair cap), if one
/// is shown.
fn shown_colour<M: Component>(app: &mut App) -> Option<[f32; 3]> {
    let world = app.world_mut();
    let handle = world
        .query_filtered::<&MeshMaterial3d<StandardMaterial>, With<M>>()
        .iter(world)
        .next()?
        .0
        .clone();
    let c = world
        .resource::<Assets<StandardMaterial>>()
        .get(&handle)?
        .base_color
        .to_srgba();
    Some([c.red, c.green, c.blue].map(|v| (v * 100.0).round() / 100.0))
}

/// The avatar's colour in the shown profile's skin tone, sRGB.
fn avatar_colour(app: &mut App) -> [f32; 3] {
    shown_colour::<anprobe::app::Mannequin>(app).expect("the avatar is shown")
}

/// A headless app over the profiles and the store in `dir`, updated once.
fn app_over_store(dir: &std::path::Path) -> App {
    let mut app = headless(ProfileStore::in_folder(dir));
    app.insert_resource(ShopperStore::at(dir));
    app.update();
    app
}

/// Each profile has its own skin tone: the avatar shows the shown profile's, and the store keeps
/// it for the next start.
#[test]
fn a_profiles_skin_tone_colours_the_avatar_and_is_kept() {
    use anprobe::app::{Profiles, SkinTone};
    let dir = scratch("skin-tone");
    let start = || app_over_store(&dir);
    let mut app = start();
    assert_eq!(avatar_colour(&mut app), SkinTone::Mannequin.srgb());
    app.world_mut().resource_mut::<Profiles>().active_mut().skin = SkinTone::Brown;
    app.update();
    assert_eq!(avatar_colour(&mut app), SkinTone::Brown.srgb());
    app.world_mut().resource_mut::<Profiles>().add("Kim");
    app.update();
    assert_eq!(
        avatar_colour(&mut app),
        SkinTone::Mannequin.srgb(),
        "a new profile has its own tone"
    );
    app.world_mut().write_message(AppExit::Success);
    app.update();
    drop(app);

    let mut app = start();
    let skins: Vec<SkinTone> = app
        .world()
        .resource::<Profiles>()
        .list()
        .iter()
        .map(|p| p.skin)
        .collect();
    assert_eq!(skins, [SkinTone::Brown, SkinTone::Mannequin]);
    app.world_mut().resource_mut::<Profiles>().select(0);
    app.update();
    assert_eq!(avatar_colour(&mut app), SkinTone::Brown.srgb());
    drop(app);
    let _ = std::fs::remove_dir_all(dir);
}

/// The hair cap shown (its colour), or none.
fn hair_colour(app: &mut App) -> Option<[f32; 3]> {
    shown_colour::<anprobe::app::HairCap>(app)
}

/// The shown hair's style, read off its mesh: how far it reaches to the left (a bob hangs over
/// the ears, a short cap leaves them bare), or none without hair.
fn hair_reach(app: &mut App) -> Option<f32> {
    let world = app.world_mut();
    let handle = world
        .query_filtered::<&Mesh3d, With<anprobe::app::HairCap>>()
        .iter(world)
        .next()?
        .0
        .clone();
    let mesh = world.resource::<Assets<Mesh>>().get(&handle)?;
    let positions = mesh.attribute(Mesh::ATTRIBUTE_POSITION)?.as_float3()?;
    Some(positions.iter().map(|p| p[0]).fold(f32::MIN, f32::max))
}

/// Hair is a choice per profile: none by default, a cap in the chosen colour and style, taken
/// off with "None", and kept for the next start.
#[test]
fn a_profiles_hair_is_shown_and_kept() {
    use anprobe::app::{Hair, HairStyle, Profiles};
    let dir = scratch("hair");
    let start = || app_over_store(&dir);
    let mut app = start();
    assert_eq!(hair_colour(&mut app), None, "no hair by default");
    app.world_mut().resource_mut::<Profiles>().active_mut().hair = Hair::Red;
    app.update();
    assert_eq!(hair_colour(&mut app), Hair::Red.srgb());
    app.world_mut().resource_mut::<Profiles>().active_mut().hair = Hair::Blonde;
    app.update();
    assert_eq!(hair_colour(&mut app), Hair::Blonde.srgb());
    let short = hair_reach(&mut app).expect("a short cap");
    app.world_mut()
        .resource_mut::<Profiles>()
        .active_mut()
        .hair_style = HairStyle::Bob;
    app.update();
    let bob = hair_reach(&mut app).expect("a bob");
    assert!(
        bob > short + 0.005,
        "the bob reaches out {bob} m, the short cap {short} m"
    );
    assert_eq!(hair_colour(&mut app), Hair::Blonde.srgb());
    app.world_mut().resource_mut::<Profiles>().add("Kim");
    app.update();
    app.update();
    assert_eq!(
        hair_colour(&mut app),
        None,
        "a new profile has its own hair"
    );
    app.world_mut().write_message(AppExit::Success);
    app.update();
    drop(app);

    let mut app = start();
    app.world_mut().resource_mut::<Profiles>().select(0);
    app.update();
    assert_eq!(hair_colour(&mut app), Hair::Blonde.srgb());
    assert_eq!(hair_reach(&mut app), Some(bob), "the style is kept");
    drop(app);
    let _ = std::fs::remove_dir_all(dir);
}
