//! The Orders tab: orders newest first, each garment with its status and return deadline, and
//! buttons to mark it delivered, kept or returned (the return form asks why and how it fitted).

use crate::app::i18n::{Lang, Msg};
use crate::app::memory::actions::{FormResults, MemoryAction, garment_label};
use crate::app::memory::labels::{self, money};
use crate::app::memory::order_form::{OrderForm, order_form};
use crate::app::memory::return_form::{ReturnForm, return_form};
use crate::app::memory::store_res::ShopperStore;
use crate::app::memory::{Loaded, error_text};
use crate::store::{ItemStatus, Order, OrderItem, date};
use bevy_egui::egui::{self, Color32, RichText};

/// How many orders the tab shows.
const SHOWN: usize = 200;

/// The tab's state: the orders as last read, the hand-made order form and the open return form.
#[derive(Default)]
pub(crate) struct OrdersState {
    read_at: Option<u64>,
    orders: Loaded<Vec<Order>>,
    form: OrderForm,
    returning: Option<ReturnForm>,
}

pub(crate) fn orders_tab(
    ui: &mut egui::Ui,
    lang: Lang,
    store: &ShopperStore,
    state: &mut OrdersState,
    results: &mut FormResults,
    out: &mut Vec<MemoryAction>,
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
            error_text(ui, why);
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
    out: &mut Vec<MemoryAction>,
) {
    let label = garment_label(&item.name, &item.sku, &item.size, &order.retailer);
    let name = if item.name.is_empty() {
        &item.sku
    } else {
        &item.name
    };
    let mut facts = vec![format!("{} {}", lang.t(Msg::Size), item.size)];
    if !item.colour.is_empty() {
        facts.push(item.colour.clone());
    }
    let price = money(item.price, &item.currency, lang);
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
            ui.label(format!(
                "{}: {}",
                lang.t(Msg::FitFeedback),
                labels::fit(&record.fit, lang)
            ));
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
                out.push(MemoryAction::SetStatus {
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
