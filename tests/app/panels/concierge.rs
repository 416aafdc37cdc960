//! The Concierge tab over the headless app, the sample catalog and a real store: without
//! products it offers the sample catalog, whose products one click records; with a history
//! (a kept tee, a blouse returned as too tight, jeans wished for, a coat whose return window
//! closes tomorrow) "For you" lists products with their size, probability and reasons from
//! that history, never the returned blouse nor the ordered coat sold elsewhere; "Try on" dresses the avatar in the size advised,
//! "Add to wishlist" stores the product; the reminder is listed, counted on the tab's badge,
//! and stays away once dismissed. In German the tab says nothing in English.

use super::german::english_in;
use super::{app_with_catalog, shown};
use anprobe::app::i18n::{Lang, Msg};
use anprobe::app::panels::concierge::{
    ConciergeActions, ConciergeState, ConciergeView, Section, badge, concierge_tab,
};
use anprobe::app::scene::thumbnails::Thumbnails;
use anprobe::app::state::concierge::ConciergeAdvice;
use anprobe::app::state::tryon::CatalogAction;
use anprobe::app::{ShopperStore, TryOn};
use anprobe::garment::{Region, Verdict};
use anprobe::store::date::{add_days, today_local};
use anprobe::store::{ItemStatus, NewOrder, NewOrderItem, NewWishlistItem, Store};
use bevy::prelude::*;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;

struct ConciergeTab {
    app: App,
    state: ConciergeState,
    thumbnails: Thumbnails,
    lang: Lang,
}

impl ConciergeTab {
    /// One frame of the tab as its system draws it; what it asks for goes to the app.
    fn frame(&mut self, ui: &mut bevy_egui::egui::Ui) {
        let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/catalog");
        let mut out = ConciergeActions::default();
        let view = ConciergeView {
            lang: self.lang,
            advice: self.app.world().resource::<ConciergeAdvice>(),
            thumbnails: &self.thumbnails,
            sample: &sample,
        };
        concierge_tab(ui, &view, &mut self.state, &mut out);
        let world = self.app.world_mut();
        world.write_message_batch(out.store);
        world.write_message_batch(out.catalog);
        world.write_message_batch(out.wishes.into_iter().map(CatalogAction::AddToWishlist));
    }
}

fn item(sku: &str, name: &str, size: &str, window: Option<u32>) -> NewOrderItem {
    NewOrderItem {
        sku: sku.into(),
        name: name.into(),
        size: size.into(),
        colour: String::new(),
        price: 50.0,
        currency: "EUR".into(),
        return_window_days: window,
    }
}

/// The shopper's history: a kept tee, a blouse returned as too tight at the chest, jeans on the
/// wishlist, a coat ordered 29 days ago with a 30-day return window.
fn history(store: &mut ShopperStore) {
    let order = |retailer: &str, number: &str, date: &str, item: NewOrderItem| NewOrder {
        retailer: retailer.into(),
        order_number: number.into(),
        date: date.into(),
        items: vec![item],
    };
    store
        .change(|s| {
            s.add_order(&order(
                "Nordlicht Basics",
                "O-1",
                "2026-09-01",
                item("NB-TS-1001-NV", "Organic Crew Tee", "M", None),
            ))?;
            s.add_order(&order(
                "Atelier Ravel",
                "O-2",
                "2026-10-01",
                item("AR-BL-118-WH", "Blouse Colette", "38", None),
            ))?;
            let ordered = add_days(&today_local(), -29).unwrap();
            s.add_order(&order(
                "Harrow & Finch",
                "O-3",
                &ordered,
                item("HF-CT-701-NV", "Wool-Cashmere Car Coat", "M", Some(30)),
            ))?;
            let orders = s.list_orders(usize::MAX)?;
            let id = |number: &str| {
                orders
                    .iter()
                    .find(|o| o.order_number == number)
                    .map(|o| o.items[0].id)
                    .unwrap()
            };
            s.set_item_status(id("O-1"), ItemStatus::Kept)?;
            s.return_item(
                id("O-2"),
                "2026-10-12",
                "tight",
                &[(Region::Chest, Verdict::Tight)],
            )?;
            s.add_wishlist(&NewWishlistItem {
                retailer: "Kiko & Lane".into(),
                sku: "KL-DN-501-BK".into(),
                name: "High-Rise Straight Ankle Jean".into(),
                size: "30/28".into(),
                colourway: String::new(),
                price: 0.0,
                currency: "EUR".into(),
                note: String::new(),
                added: "2026-11-01".into(),
            })?;
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_concierge_advises_from_the_history_and_tries_on_what_it_advises() {
    let (dir, mut app) = app_with_catalog("concierge-tab");
    app.update();
    assert_eq!(app.world().resource::<ConciergeAdvice>().products, 0);
    let tab = ConciergeTab {
        app,
        state: ConciergeState::default(),
        thumbnails: Thumbnails::default(),
        lang: Lang::En,
    };
    let mut harness = Harness::builder()
        .with_size([420.0, 3000.0])
        .build_ui_state(|ui, tab: &mut ConciergeTab| tab.frame(ui), tab);
    // No products: one click records the sample catalog.
    harness
        .get_by_label(Lang::En.t(Msg::AddSampleCatalog))
        .click();
    harness.run();
    harness.state_mut().app.update();
    history(
        &mut harness
            .state_mut()
            .app
            .world_mut()
            .resource_mut::<ShopperStore>(),
    );
    harness.state_mut().app.update();
    harness.run();
    let advice = harness.state().app.world().resource::<ConciergeAdvice>();
    assert!(advice.products >= 300, "{} products", advice.products);
    assert!(advice.shopper.is_some(), "the default profile has a body");
    assert!(!advice.for_you.is_empty());
    let first = advice.for_you[0].clone();
    let texts = shown(&harness);
    let all = texts.join("\n");
    // Reasons from the history, each product with its size and probability.
    assert!(
        all.contains("you kept the Organic Crew Tee in M")
            || all.contains("the Organic Crew Tee you kept in M"),
        "{all}"
    );
    assert!(
        all.contains(&format!(
            "Size {} · {:.0} %",
            first.size,
            first.probability * 100.0
        )),
        "{all}"
    );
    // Never the garment sent back, in any colour, nor what the shopper has.
    for s in &advice.for_you {
        assert_ne!(s.name, "Blouse Colette");
        assert_ne!(s.sku, "NB-TS-1001-NV");
        assert_ne!(s.sku, "KL-DN-501-BK");
        // The coat ordered and not yet kept or returned, sold elsewhere in the same colour.
        assert!(!s.sku.ends_with("HF-CT-701-NV"), "{}", s.sku);
    }
    // The coat's return window closes tomorrow: one reminder, on the badge.
    assert_eq!(badge(advice), 1, "{:?}", advice.reminders);
    let with_model = advice
        .for_you
        .iter()
        .position(|s| advice.garment_of(s).is_some())
        .expect("a suggestion with a 3D model");
    let tried = advice.for_you[with_model].clone();
    let garment = advice.garment_of(&tried).unwrap().to_string();

    // "Try on": worn, in the size advised.
    harness
        .get_all_by_label(Lang::En.t(Msg::TryOn))
        .next()
        .unwrap()
        .click();
    harness.run();
    harness.state_mut().app.update();
    let tryon = harness.state().app.world().resource::<TryOn>();
    let worn = tryon.get(&garment).expect("tried on");
    assert_eq!(worn.size.as_deref(), Some(tried.size.as_str()));

    // "Add to wishlist": stored, and so no longer suggested.
    harness
        .get_all_by_label(Lang::En.t(Msg::AddToWishlist))
        .next()
        .unwrap()
        .click();
    harness.run();
    harness.state_mut().app.update();
    harness.state_mut().app.update();
    let (store, _) = Store::open(&dir).unwrap();
    let wishes = store.list_wishlist().unwrap();
    assert!(
        wishes
            .iter()
            .any(|w| w.wish.sku == first.sku && w.wish.size == first.size),
        "{wishes:?}"
    );
    drop(store);
    let advice = harness.state().app.world().resource::<ConciergeAdvice>();
    assert!(advice.for_you.iter().all(|s| s.sku != first.sku));

    // The reminder, then dismissed for good.
    harness.state_mut().state.section = Section::Reminders;
    harness.run();
    let all = shown(&harness).join("\n");
    assert!(
        all.contains("return the Wool-Cashmere Car Coat (order O-3 at Harrow & Finch) by")
            && all.contains("1 day left"),
        "{all}"
    );
    harness
        .get_by_label(Lang::En.t(Msg::DismissReminder))
        .click();
    harness.run();
    harness.state_mut().app.update();
    harness.run();
    assert_eq!(
        badge(harness.state().app.world().resource::<ConciergeAdvice>()),
        0
    );
    harness.get_by_label(Lang::En.t(Msg::NoReminders));

    // In German: no English in any part (the catalog's own names left out).
    let mut data: Vec<String> = {
        let advice = harness.state().app.world().resource::<ConciergeAdvice>();
        let shopper = advice.shopper.as_ref().unwrap();
        shopper
            .products
            .iter()
            .flat_map(|p| {
                [
                    p.name.clone(),
                    p.retailer.clone(),
                    p.brand.clone(),
                    p.colour.clone(),
                ]
            })
            .collect()
    };
    data.extend(["Organic Crew Tee", "Wool-Cashmere Car Coat", "O-3"].map(String::from));
    data.sort_by_key(|d| std::cmp::Reverse(d.len()));
    data.dedup();
    harness.state_mut().lang = Lang::De;
    let mut english = Vec::new();
    for section in [Section::ForYou, Section::Alternatives, Section::Reminders] {
        harness.state_mut().state.section = section;
        harness.run();
        let texts = shown(&harness);
        english.extend(english_in(&texts, &data));
    }
    assert!(
        english.is_empty(),
        "English on the German tab:\n{english:#?}"
    );
    drop(harness);
    let _ = std::fs::remove_dir_all(dir);
}
