//! In German, the right panel says nothing in English: the tab bar, the catalog with a garment
//! worn (its fit table and advice), the wishlist, the orders with a return, the timeline, the
//! privacy grid, the notices and the forms' errors from the store. Read as a screen reader reads
//! them (AccessKit labels and values), checked against the English UI texts and a list of
//! English words; the catalog's own data (garment names, retailers, colours) is left out, since
//! the retailer wrote it.

use super::run_app_until;
use super::{app_with_catalog, catalog_view, shown};
use anprobe::app::i18n::{Lang, Msg};
use anprobe::app::panels::catalog::catalog_tab;
use anprobe::app::panels::notices::notices_ui;
use anprobe::app::panels::orders::{OrdersState, orders_tab};
use anprobe::app::panels::privacy::{PrivacyState, privacy_tab};
use anprobe::app::panels::right_panel::tab_bar;
use anprobe::app::panels::store_tab::store_tab;
use anprobe::app::panels::timeline::{TimelineState, timeline_tab};
use anprobe::app::panels::wishlist::{WishlistState, wishlist_tab};
use anprobe::app::scene::thumbnails::Thumbnails;
use anprobe::app::state::notices::NoticePlace;
use anprobe::app::state::tryon::{CatalogAction, CatalogFilter};
use anprobe::app::{
    Catalog, FitProgress, FormResults, Notices, RightPanelTab, ShopperStore, StoreAction, TryOn,
};
use anprobe::garment::{Region, Verdict};
use anprobe::measurements::Key;
use anprobe::store::{
    Channel, Consent, CounterpartKind, ItemStatus, NewContact, NewOrder, NewOrderItem,
    NewWishlistItem,
};
use bevy::prelude::*;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Words of the English UI that no German text of the app contains.
const ENGLISH_WORDS: &[&str] = &[
    "the",
    "and",
    "or",
    "of",
    "to",
    "is",
    "not",
    "no",
    "yes",
    "with",
    "from",
    "for",
    "by",
    "your",
    "you",
    "invalid",
    "must",
    "could",
    "cannot",
    "order",
    "orders",
    "ordered",
    "wishlist",
    "return",
    "returns",
    "returned",
    "size",
    "sizes",
    "tight",
    "loose",
    "snug",
    "relaxed",
    "ease",
    "chest",
    "bust",
    "waist",
    "hip",
    "hips",
    "sleeve",
    "sleeves",
    "shoulders",
    "thigh",
    "length",
    "inside",
    "leg",
    "delivered",
    "kept",
    "add",
    "remove",
    "record",
    "save",
    "load",
    "search",
    "price",
    "retailer",
    "category",
    "colour",
    "color",
    "date",
    "try",
    "take",
    "off",
    "wearing",
    "fit",
    "fits",
    "reason",
    "days",
    "left",
    "deadline",
    "passed",
    "phone",
    "consent",
    "timeline",
    "privacy",
    "catalog",
    "clear",
    "all",
    "none",
    "recommended",
    "confidence",
    "body",
    "garment",
    "verdict",
    "strain",
    "stretched",
    "longer",
    "shorter",
    "than",
    "good",
    "measurements",
    "new",
    "delete",
    "rename",
    "cancel",
    "backup",
    "passport",
    "summary",
    "counterpart",
    "nothing",
    "saved",
    "failed",
    "error",
    "item",
    "items",
    "which",
    "what",
    "where",
    "when",
    "here",
    "already",
    "recorded",
];

/// The headless app with a store and the catalog, and what the right panel's tabs keep.
struct RightPanelInGerman {
    app: App,
    tab: RightPanelTab,
    filter: CatalogFilter,
    thumbnails: Thumbnails,
    wishlist: WishlistState,
    orders: OrdersState,
    timeline: TimelineState,
    privacy: PrivacyState,
}

impl RightPanelInGerman {
    /// One frame of the right panel in German: its tab bar, its notices and the tab shown.
    fn frame(&mut self, ui: &mut bevy_egui::egui::Ui) {
        let lang = Lang::De;
        tab_bar(ui, lang, self.tab, 0);
        let mut out: Vec<StoreAction> = Vec::new();
        let world = self.app.world_mut();
        notices_ui(ui, lang, world.resource::<Notices>(), NoticePlace::Right);
        if self.tab == RightPanelTab::Catalog {
            let view = catalog_view(world, lang, &self.thumbnails);
            let actions = catalog_tab(ui, &view, &mut self.filter);
            world.write_message_batch(actions);
            return;
        }
        let tab = self.tab;
        let (wishlist, orders, timeline, privacy) = (
            &mut self.wishlist,
            &mut self.orders,
            &mut self.timeline,
            &mut self.privacy,
        );
        world.resource_scope(|world, mut results: Mut<FormResults>| {
            let store = world.resource::<ShopperStore>();
            store_tab(ui, lang, store, tab, |ui| match tab {
                RightPanelTab::Wishlist => {
                    wishlist_tab(ui, lang, store, wishlist, &mut results, &mut out)
                }
                RightPanelTab::Orders => {
                    orders_tab(ui, lang, store, orders, &mut results, &mut out)
                }
                RightPanelTab::Timeline => {
                    timeline_tab(ui, lang, store, timeline, &mut results, &mut out)
                }
                RightPanelTab::Privacy => privacy_tab(ui, lang, store, privacy, &mut out),
                RightPanelTab::Catalog | RightPanelTab::Concierge | RightPanelTab::Stylist => {}
            });
        });
        world.write_message_batch(out);
    }
}

/// The English found in `texts`: an English UI text of several words, or an English word (one
/// word alone may be German too: "Profile", "Name"). The catalog's data (`data`) is removed
/// first: a garment called "Crew Tee" is not the UI speaking English.
pub(super) fn english_in(texts: &[String], data: &[String]) -> Vec<String> {
    let ui_texts: Vec<&str> = Msg::ALL
        .iter()
        .filter(|m| Lang::En.t(**m) != Lang::De.t(**m))
        .map(|m| Lang::En.t(*m))
        .filter(|t| t.trim().contains(' '))
        .collect();
    let mut found = Vec::new();
    for text in texts {
        let mut text = text.clone();
        for d in data {
            text = text.replace(d.as_str(), " ");
        }
        if let Some(t) = ui_texts.iter().find(|t| text.contains(**t)) {
            found.push(format!("{t:?} in {text:?}"));
        }
        for word in text.split(|c: char| !c.is_alphabetic()) {
            if ENGLISH_WORDS.contains(&word.to_lowercase().as_str()) {
                found.push(format!("{word:?} in {text:?}"));
            }
        }
    }
    found
}

/// The store's contents a shopper has after a few weeks: a wish, an order with a return and a
/// kept garment, a contact, a consent.
fn fill_store(app: &mut App) {
    let mut store = app.world_mut().resource_mut::<ShopperStore>();
    store
        .change(|s| {
            s.add_wishlist(&NewWishlistItem {
                retailer: "Modehaus Kranich".into(),
                sku: "MK-4410".into(),
                name: "Wollmantel".into(),
                size: "40".into(),
                colourway: "Kamel".into(),
                price: 189.9,
                currency: "EUR".into(),
                note: String::new(),
                added: "2026-11-20".into(),
            })?;
            let item = |sku: &str, name: &str| NewOrderItem {
                sku: sku.into(),
                name: name.into(),
                size: "38".into(),
                colour: "Blau".into(),
                price: 59.95,
                currency: "EUR".into(),
                return_window_days: Some(30),
            };
            s.add_order(&NewOrder {
                retailer: "Modehaus Kranich".into(),
                order_number: "K-2231".into(),
                date: "2026-11-02".into(),
                items: vec![item("MK-1", "Leinenbluse"), item("MK-2", "Bundfaltenhose")],
            })?;
            s.set_item_status(1, ItemStatus::Delivered)?;
            s.return_item(
                1,
                "2026-11-10",
                "Zu eng",
                &[
                    (Region::Chest, Verdict::Tight),
                    (Region::Sleeve, Verdict::Long),
                ],
            )?;
            s.set_item_status(2, ItemStatus::Kept)?;
            s.add_contact(&NewContact {
                counterpart: "Modehaus Kranich".into(),
                kind: CounterpartKind::Retailer,
                channel: Channel::Phone,
                date: "2026-11-11".into(),
                summary: "Umtausch besprochen".into(),
                outcome: "Gutschrift".into(),
            })?;
            s.set_consent(&Consent {
                counterpart: "Modehaus Kranich".into(),
                kind: CounterpartKind::Retailer,
                keys: vec![Key::ChestGirth, Key::WaistGirth],
                share_orders: true,
                share_contacts: false,
            })
        })
        .unwrap();
}

#[test]
fn the_german_right_panel_shows_no_english() {
    let (dir, mut app) = app_with_catalog("german-panel");
    fill_store(&mut app);
    // A tee worn (its fit table and advice), and refusals from the store: an order with an
    // unknown currency, a wish ordered without its order number.
    app.world_mut().write_message(CatalogAction::PutOn {
        sku: "NB-TS-1001".into(),
    });
    app.update();
    run_app_until(&mut app, "the tee's fit", |w| {
        w.resource::<TryOn>()
            .all_fitted(w.resource::<FitProgress>())
    });
    let mut bad = NewOrder {
        retailer: "Modehaus Kranich".into(),
        order_number: "K-9".into(),
        date: String::new(),
        items: vec![NewOrderItem {
            sku: "MK-9".into(),
            name: "Schal".into(),
            size: "M".into(),
            colour: String::new(),
            price: 20.0,
            currency: "EURO".into(),
            return_window_days: None,
        }],
    };
    app.world_mut()
        .write_message(StoreAction::AddOrder(bad.clone()));
    bad.items[0].currency = "EUR".into();
    bad.items[0].size = "riesig".into();
    app.world_mut().write_message(StoreAction::AddOrder(bad));
    app.world_mut().write_message(StoreAction::MoveToOrder {
        id: 1,
        order_number: "  ".into(),
        date: String::new(),
        return_window_days: Some(30),
        label: "Wollmantel (40) — Modehaus Kranich".into(),
    });
    app.update();
    let notices = app.world().resource::<Notices>().0.clone();
    assert_eq!(notices.iter().filter(|n| n.error).count(), 3, "{notices:?}");

    let data: Vec<String> = {
        let catalog = app.world().resource::<Catalog>();
        let mut data: Vec<String> = catalog
            .entries
            .iter()
            .flat_map(|e| {
                let meta = e.garment.meta();
                let mut d = vec![meta.name.clone(), meta.retailer.clone(), meta.sku.clone()];
                d.extend(meta.colourways.iter().map(|c| c.name.clone()));
                d
            })
            .collect();
        // Longest first, so that a name containing another is removed whole.
        data.sort_by_key(|d| std::cmp::Reverse(d.len()));
        data
    };
    let panel = RightPanelInGerman {
        app,
        tab: RightPanelTab::Catalog,
        filter: CatalogFilter::default(),
        thumbnails: Thumbnails::default(),
        wishlist: WishlistState::default(),
        orders: OrdersState::default(),
        timeline: TimelineState::default(),
        privacy: PrivacyState::default(),
    };
    let mut harness = Harness::builder()
        .with_size([480.0, 4000.0])
        .build_ui_state(|ui, panel: &mut RightPanelInGerman| panel.frame(ui), panel);
    let mut english = Vec::new();
    // The Concierge tab's German is checked with its products (`concierge.rs`).
    for tab in RightPanelTab::ALL
        .into_iter()
        .filter(|t| *t != RightPanelTab::Concierge)
    {
        harness.state_mut().tab = tab;
        harness.run_ok();
        let texts = shown(&harness);
        assert!(texts.len() > 10, "{tab:?} shows almost nothing: {texts:?}");
        english.extend(
            english_in(&texts, &data)
                .into_iter()
                .map(|e| format!("{tab:?}: {e}")),
        );
        // The store's refusals, in German.
        assert!(
            texts
                .iter()
                .any(|t| t.contains("„EURO“ ist kein bekannter Währungscode")),
            "{tab:?}: {texts:?}"
        );
        assert!(
            texts
                .iter()
                .any(|t| t.contains("Bestellnummer darf nicht leer sein"))
        );
        assert!(
            texts
                .iter()
                .any(|t| t.contains("Größe: „riesig“ ist keine Größenangabe"))
        );
    }
    // Open the forms too: the return form, the order form, the move-to-order form.
    harness.state_mut().tab = RightPanelTab::Orders;
    harness.run_ok();
    harness.get_by_label(Lang::De.t(Msg::MarkReturned)).click();
    harness.run_ok();
    english.extend(english_in(&shown(&harness), &data));
    harness.state_mut().tab = RightPanelTab::Wishlist;
    harness.run_ok();
    harness.get_by_label(Lang::De.t(Msg::MoveToOrder)).click();
    harness.run_ok();
    english.extend(english_in(&shown(&harness), &data));
    assert!(
        english.is_empty(),
        "English on the German panel:\n{}",
        english.join("\n")
    );
    drop(harness);
    let _ = std::fs::remove_dir_all(dir);
}

/// A measurement file the app refuses is explained in German too, naming what the file holds.
#[test]
fn a_refused_measurement_file_is_explained_in_german() {
    use anprobe::app::file_words::json_error;
    use anprobe::measurements::Measurements;
    let said = |text: &str| json_error(&Measurements::from_json(text).unwrap_err());
    let list = said("[1, 2]");
    assert!(list.en().contains("not a list"), "{list:?}");
    assert_eq!(
        list.get(Lang::De),
        "die Datei muss ein JSON-Objekt {\"stature\": …} enthalten, nicht eine Liste"
    );
    assert_eq!(
        said(r#"{"stature": 170, "chest_grith": 90}"#).get(Lang::De),
        "unbekannter Schlüssel „chest_grith“; meinten Sie „chest_girth“?"
    );
    assert_eq!(
        said(r#"{"stature": "tall"}"#).get(Lang::De),
        "„stature“ muss eine Zahl sein, nicht der Text \"tall\""
    );
    assert_eq!(
        said("{\"stature\": 170,\n  \"hip_girth\": }").get(Lang::De),
        "kein gültiges JSON (Zeile 2, Spalte 16)"
    );
}
