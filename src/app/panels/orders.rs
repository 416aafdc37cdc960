//! The Orders tab: orders newest first, each garment with its status and return deadline, and
//! buttons to mark it delivered, kept or returned (the return form asks why and how it fitted).

use super::PanelSystems;
use super::right_panel::RightPanelTab;
use super::store_tab::StoreTabs;
use crate::app::i18n::{Lang, Msg};
use crate::app::panels::labels::{self, money};
use crate::app::panels::order_form::{OrderForm, order_form};
use crate::app::panels::return_form::{ReturnForm, return_form};
use crate::app::panels::{Loaded, error_text};
use crate::app::state::store::ShopperStore;
use crate::app::state::store_actions::{FormResults, StoreAction, garment_label};
use crate::store::{ItemStatus, Order, OrderItem, date};
use bevy::prelude::*;
use bevy_egui::EguiPrimaryContextPass;
use bevy_egui::egui::{self, Color32, RichText};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        orders_system
            .in_set(PanelSystems::RightPanel)
            .run_if(RightPanelTab::Orders.shown()),
    );
}

fn orders_system(mut tabs: StoreTabs, mut state: Local<OrdersState>) -> Result {
    tabs.show(RightPanelTab::Orders, |ui, lang, store, results, out| {
        orders_tab(ui, lang, store, &mut state, results, out)
    })
}

/// How many orders the tab shows.
const SHOWN: usize = 200;

/// The tab's state: the orders as last read, the hand-made order form and the open return form.
#[derive(Default)]
pub struct OrdersState {
    read_at: Option<u64>,
    orders: Loaded<Vec<Order>>,
    form: OrderForm,
    returning: Option<ReturnForm>,
}

/// Draws the Orders tab from the store; the changes the shopper asks for go to `out`.
pub fn orders_tab(
    ui: &mut egui::Ui,
    lang: Lang,
    store: &ShopperStore,
    state: &mut OrdersState,
    results: &mut FormResults,
    out: &mut Vec<StoreAction>,
) {
    if state.read_at != Some(store.revision()) {
        state.orders = Loaded(store.read(|s| s.list_orders(SHOWN)));
        state.read_at = Some(store.revision());
    }
    order_form(ui, lang, &mut state.form, results, out);
    ui.separator();
    let OrdersState {
        orders, returning, ..
    } = state;
    let orders = match &orders.0 {
        Ok(orders) => orders,
        Err(why) => {
            error_text(ui, why.get(lang));
            return;
        }
    };
    if orders.is_empty() {
        ui.weak(lang.t(Msg::OrdersEmpty));
        return;
    }
    let today = date::today_local();
    for order in orders {
        ui.group(|ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(&order.retailer).strong());
                ui.label(format!(
                    "· {} {}",
                    lang.t(Msg::OrderNumber),
                    order.order_number
                ));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.weak(&order.date);
                });
            });
            for item in &order.items {
                item_ui(ui, lang, order, item, &today, returning, results, out);
            }
        });
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "one garment row needs its order and the tab"
)]
fn item_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    order: &Order,
    item: &OrderItem,
    today: &str,
    returning: &mut Option<ReturnForm>,
    results: &mut FormResults,
    out: &mut Vec<StoreAction>,
) {
    let label = garment_label(
        &item.line.name,
        &item.line.sku,
        &item.line.size,
        &order.retailer,
    );
    let name = if item.line.name.is_empty() {
        &item.line.sku
    } else {
        &item.line.name
    };
    let mut facts = vec![format!("{} {}", lang.t(Msg::Size), item.line.size)];
    if !item.line.colour.is_empty() {
        facts.push(item.line.colour.clone());
    }
    let price = money(item.line.price, &item.line.currency, lang);
    if !price.is_empty() {
        facts.push(price);
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("• {name}"));
        ui.weak(facts.join(" · "));
        ui.label(
            RichText::new(labels::status(item.status, lang)).color(status_colour(item.status)),
        );
    });
    let open = matches!(item.status, ItemStatus::Ordered | ItemStatus::Delivered);
    if open && let Some(deadline) = &item.return_deadline {
        let left = labels::days_left(deadline, today).unwrap_or(0);
        let colour = if left < 0 {
            Color32::GRAY
        } else if left <= 7 {
            Color32::from_rgb(200, 110, 20)
        } else {
            ui.visuals().text_color()
        };
        ui.label(RichText::new(labels::deadline(deadline, today, lang)).color(colour));
    }
    if let Some(record) = &item.returned {
        let mut text = format!("{} {}", lang.t(Msg::ReturnDate), record.date);
        if !record.reason.is_empty() {
            text.push_str(&format!(": {}", record.reason));
        }
        ui.label(RichText::new(text).italics());
        if !record.fit.is_empty() {
            ui.label(labels::fit_feedback_line(&record.fit, lang));
        }
    }
    if let Some(form) = returning
        && form.item == item.id
    {
        if !return_form(ui, lang, form, results, out) {
            *returning = None;
        }
        return;
    }
    if item.status == ItemStatus::Returned {
        return;
    }
    ui.horizontal(|ui| {
        let mut set = |ui: &mut egui::Ui, msg: Msg, status: ItemStatus| {
            if ui.small_button(lang.t(msg)).clicked() {
                out.push(StoreAction::SetStatus {
                    item: item.id,
                    status,
                    label: label.clone(),
                });
            }
        };
        if item.status == ItemStatus::Ordered {
            set(ui, Msg::MarkDelivered, ItemStatus::Delivered);
        }
        if item.status != ItemStatus::Kept {
            set(ui, Msg::MarkKept, ItemStatus::Kept);
        }
        if ui.small_button(lang.t(Msg::MarkReturned)).clicked() {
            *returning = Some(ReturnForm::new(item.id, label.clone()));
        }
    });
}

fn status_colour(status: ItemStatus) -> Color32 {
    match status {
        ItemStatus::Ordered => Color32::from_rgb(60, 110, 200),
        ItemStatus::Delivered => Color32::from_rgb(150, 110, 30),
        ItemStatus::Kept => Color32::from_rgb(30, 130, 60),
        ItemStatus::Returned => Color32::from_rgb(170, 60, 60),
    }
}
