//! The Orders tab over the headless app and a real store: "Return…" opens the return form, the
//! reason and a verdict per region are filled in, "Record" sends the [`StoreAction`] the app's
//! own system applies; the form closes on the store's answer and the order shows the return.

use super::app_with_store;
use super::store_tab_frame;
use anprobe::app::i18n::{Lang, Msg};
use anprobe::app::panels::orders::{OrdersState, orders_tab};
use anprobe::app::{Notices, RightPanelTab, ShopperStore};
use anprobe::garment::{Region, Verdict};
use anprobe::store::{ItemStatus, NewOrder, NewOrderItem, Store};
use bevy::prelude::*;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The headless app with a store, and what the Orders tab's system keeps.
struct OrdersTab {
    app: App,
    state: OrdersState,
}

impl OrdersTab {
    /// One frame of the tab, drawn from the app's store; the changes asked for are sent to the
    /// app as the tab's system sends them.
    fn frame(&mut self, ui: &mut bevy_egui::egui::Ui) {
        let state = &mut self.state;
        store_tab_frame(
            &mut self.app,
            ui,
            Lang::En,
            RightPanelTab::Orders,
            |ui, store, results, out| orders_tab(ui, Lang::En, store, state, results, out),
        );
    }
}

#[test]
fn the_orders_tab_records_a_return_with_fit_feedback() {
    let (dir, mut app) = app_with_store("orders-tab");
    app.world_mut()
        .resource_mut::<ShopperStore>()
        .change(|s| {
            s.add_order(&NewOrder {
                retailer: "Zalando".into(),
                order_number: "10-4432-981".into(),
                date: "2026-11-08".into(),
                items: vec![NewOrderItem {
                    sku: "ZA-C-2201".into(),
                    name: "Wool coat".into(),
                    size: "L".into(),
                    colour: "camel".into(),
                    price: 189.0,
                    currency: "EUR".into(),
                    return_window_days: Some(30),
                }],
            })
        })
        .unwrap();
    let tab = OrdersTab {
        app,
        state: OrdersState::default(),
    };
    let mut harness = Harness::builder()
        .with_size([420.0, 1000.0])
        .build_ui_state(|ui, tab: &mut OrdersTab| tab.frame(ui), tab);
    let en = |msg| Lang::En.t(msg);
    harness.get_by_label("• Wool coat");
    harness.get_by_label(en(Msg::StatusOrdered));

    // "Return…" opens the form under the garment.
    harness.get_by_label(en(Msg::MarkReturned)).click();
    harness.run();
    harness.get_by_label(en(Msg::Reason)).click();
    harness.run();
    harness
        .get_by_label(en(Msg::Reason))
        .type_text("Sleeves too long");
    harness.run();
    // Fit feedback: the sleeves too long, the chest good.
    for (region, verdict) in [
        (Msg::RegionSleeve, Msg::VerdictLong),
        (Msg::RegionChest, Msg::VerdictGood),
    ] {
        harness.get_by_label(en(region)).click();
        harness.run();
        harness.get_by_label(en(verdict)).click();
        harness.run();
        assert_eq!(
            harness.get_by_label(en(region)).value().as_deref(),
            Some(en(verdict))
        );
    }
    harness.get_by_label(en(Msg::Record)).click();
    harness.run();

    // The app applies the return; the form closes on the store's answer.
    harness.state_mut().app.update();
    harness.run();
    let app = &harness.state().app;
    let notices = &app.world().resource::<Notices>().0;
    assert!(
        notices.iter().any(|n| !n.error
            && n.msg == Msg::ReturnRecorded
            && n.detail.en().contains("Wool coat")),
        "{notices:?}"
    );
    assert!(harness.query_by_label(en(Msg::Record)).is_none(), "closed");
    harness.get_by_label(en(Msg::StatusReturned));
    let feedback = format!(
        "{}: {} {}, {} {}",
        en(Msg::FitFeedback),
        en(Msg::RegionChest),
        en(Msg::VerdictGood),
        en(Msg::RegionSleeve),
        en(Msg::VerdictLong)
    );
    harness.get_by_label(&feedback);

    let (store, _) = Store::open(&dir).unwrap();
    let item = &store.list_orders(10).unwrap()[0].items[0];
    assert_eq!(item.status, ItemStatus::Returned);
    let record = item.returned.as_ref().unwrap();
    assert_eq!(record.reason, "Sleeves too long");
    assert_eq!(record.fit.get(&Region::Sleeve), Some(&Verdict::Long));
    assert_eq!(record.fit.get(&Region::Chest), Some(&Verdict::Good));
    assert_eq!(record.fit.len(), 2);
    drop(store);
    drop(harness);
    let _ = std::fs::remove_dir_all(dir);
}
