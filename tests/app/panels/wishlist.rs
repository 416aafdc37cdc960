//! The Wishlist tab over the headless app and a real store: "Move to order…" asks for the order
//! number, the date and the retailer's return window; the order recorded has the window, so the
//! Orders tab can say by when the garment goes back. A window that is no number is refused in
//! the form, before the store.

use super::app_with_store;
use super::store_tab_frame;
use anprobe::app::i18n::{Lang, Msg};
use anprobe::app::panels::wishlist::{WishlistState, wishlist_tab};
use anprobe::app::{RightPanelTab, ShopperStore};
use anprobe::store::{NewWishlistItem, Store};
use bevy::prelude::*;
use bevy_egui::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The headless app with a store, and what the Wishlist tab's system keeps.
struct WishlistTab {
    app: App,
    state: WishlistState,
}

impl WishlistTab {
    fn frame(&mut self, ui: &mut bevy_egui::egui::Ui) {
        let state = &mut self.state;
        store_tab_frame(
            &mut self.app,
            ui,
            Lang::En,
            RightPanelTab::Wishlist,
            |ui, store, results, out| wishlist_tab(ui, Lang::En, store, state, results, out),
        );
    }
}

#[test]
fn moving_a_wish_to_an_order_keeps_the_return_window() {
    let (dir, mut app) = app_with_store("wishlist-tab");
    app.world_mut()
        .resource_mut::<ShopperStore>()
        .change(|s| {
            s.add_wishlist(&NewWishlistItem {
                retailer: "Zalando".into(),
                sku: "ZA-C-2201".into(),
                name: "Wool coat".into(),
                size: "L".into(),
                colourway: "camel".into(),
                price: 189.0,
                currency: "EUR".into(),
                note: String::new(),
                added: "2026-11-01".into(),
            })
        })
        .unwrap();
    let tab = WishlistTab {
        app,
        state: WishlistState::default(),
    };
    let mut harness = Harness::builder()
        .with_size([420.0, 800.0])
        .build_ui_state(|ui, tab: &mut WishlistTab| tab.frame(ui), tab);
    let en = |msg| Lang::En.t(msg);
    harness.get_by_label(en(Msg::MoveToOrder)).click();
    harness.run();
    for (field, text) in [
        (Msg::OrderNumber, "10-4432-981"),
        (Msg::Date, "2026-11-08"),
        (Msg::ReturnWindow, "thirty"),
    ] {
        harness.get_by_label(en(field)).click();
        harness.run();
        harness.get_by_label(en(field)).type_text(text);
        harness.run();
    }
    // Not a number of days: said under the form, nothing sent.
    harness.get_by_label(en(Msg::Ok)).click();
    harness.run();
    harness.get_by_label(en(Msg::WindowNotNumber));
    harness.state_mut().app.update();
    let (store, _) = Store::open(&dir).unwrap();
    assert!(store.list_orders(10).unwrap().is_empty());
    drop(store);

    harness.get_by_label(en(Msg::ReturnWindow)).click();
    harness.run();
    for _ in 0.."thirty".len() {
        harness.key_press(egui::Key::Backspace);
        harness.run();
    }
    harness.get_by_label(en(Msg::ReturnWindow)).type_text("30");
    harness.run();
    harness.get_by_label(en(Msg::Ok)).click();
    harness.run();
    harness.state_mut().app.update();
    harness.run();
    // The form closed on the store's answer; the wish became an order with its window.
    assert!(harness.query_by_label(en(Msg::OrderNumber)).is_none());
    let (store, _) = Store::open(&dir).unwrap();
    let orders = store.list_orders(10).unwrap();
    assert_eq!(orders.len(), 1);
    let item = &orders[0].items[0];
    assert_eq!(item.line.return_window_days, Some(30));
    assert_eq!(item.return_deadline.as_deref(), Some("2026-12-08"));
    assert!(store.list_wishlist().unwrap().is_empty());
    drop(store);
    drop(harness);
    let _ = std::fs::remove_dir_all(dir);
}
