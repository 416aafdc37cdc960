//! The Wishlist tab: garments the shopper is considering (with the price when added and a
//! note); each can be removed or moved into an order, which asks for the order number.

use super::PanelSystems;
use super::right_panel::RightPanelTab;
use super::store_tab::StoreTabs;
use crate::app::i18n::{Lang, Msg, Said};
use crate::app::panels::labels::money;
use crate::app::panels::order_form::return_window;
use crate::app::panels::{Loaded, error_text, field_row};
use crate::app::state::store::ShopperStore;
use crate::app::state::store_actions::{FormResults, StoreAction, StoreForm, garment_label};
use crate::store::WishlistItem;
use bevy::prelude::*;
use bevy_egui::EguiPrimaryContextPass;
use bevy_egui::egui::{self, RichText};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        wishlist_system
            .in_set(PanelSystems::RightPanel)
            .run_if(RightPanelTab::Wishlist.shown()),
    );
}

fn wishlist_system(mut tabs: StoreTabs, mut state: Local<WishlistState>) -> Result {
    tabs.show(RightPanelTab::Wishlist, |ui, lang, store, results, out| {
        wishlist_tab(ui, lang, store, &mut state, results, out)
    })
}

/// The tab's state: the items as last read, and the open "move to order" form.
#[derive(Default)]
pub struct WishlistState {
    read_at: Option<u64>,
    items: Loaded<Vec<WishlistItem>>,
    moving: Option<MoveForm>,
}

/// Ordering one item: the retailer's order number, the date (empty: today) and the retailer's
/// return window (empty: not known).
struct MoveForm {
    id: i64,
    order_number: String,
    date: String,
    window: String,
    error: Option<Said>,
    sent: bool,
}

/// Draws the Wishlist tab from the store; the changes the shopper asks for go to `out`.
pub fn wishlist_tab(
    ui: &mut egui::Ui,
    lang: Lang,
    store: &ShopperStore,
    state: &mut WishlistState,
    results: &mut FormResults,
    out: &mut Vec<StoreAction>,
) {
    if state.read_at != Some(store.revision()) {
        state.items = Loaded(store.read(|s| s.list_wishlist()));
        state.read_at = Some(store.revision());
    }
    if let Some(form) = &mut state.moving
        && form.sent
        && let Some(result) = results.take(StoreForm::MoveToOrder)
    {
        form.sent = false;
        match result {
            Ok(()) => state.moving = None,
            Err(why) => form.error = Some(why),
        }
    }
    let items = match &state.items.0 {
        Ok(items) => items,
        Err(why) => {
            error_text(ui, why.get(lang));
            return;
        }
    };
    if items.is_empty() {
        ui.weak(lang.t(Msg::WishlistEmpty));
        return;
    }
    for item in items {
        ui.group(|ui| {
            ui.set_width(ui.available_width());
            item_ui(ui, lang, item, &mut state.moving, out);
        });
    }
}

fn item_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    item: &WishlistItem,
    moving: &mut Option<MoveForm>,
    out: &mut Vec<StoreAction>,
) {
    let label = garment_label(
        &item.wish.name,
        &item.wish.sku,
        &item.wish.size,
        &item.wish.retailer,
    );
    ui.horizontal(|ui| {
        let name = if item.wish.name.is_empty() {
            &item.wish.sku
        } else {
            &item.wish.name
        };
        ui.label(RichText::new(name).strong());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.weak(format!("{} {}", lang.t(Msg::AddedOn), item.wish.added));
        });
    });
    let mut facts = vec![
        item.wish.retailer.clone(),
        format!("{} {}", lang.t(Msg::Sku), item.wish.sku),
        format!("{} {}", lang.t(Msg::Size), item.wish.size),
    ];
    if !item.wish.colourway.is_empty() {
        facts.push(item.wish.colourway.clone());
    }
    ui.label(facts.join(" · "));
    let price = money(item.wish.price, &item.wish.currency, lang);
    if !price.is_empty() {
        ui.label(format!("{price} ({})", lang.t(Msg::PriceWhenAdded)));
    }
    if !item.wish.note.is_empty() {
        ui.label(RichText::new(format!("“{}”", item.wish.note)).italics());
    }
    match moving {
        Some(form) if form.id == item.id => {
            let mut close = false;
            egui::Grid::new(("move", item.id))
                .num_columns(2)
                .show(ui, |ui| {
                    field_row(ui, lang.t(Msg::OrderNumber), &mut form.order_number, "");
                    field_row(ui, lang.t(Msg::Date), &mut form.date, lang.t(Msg::DateHint));
                    field_row(ui, lang.t(Msg::ReturnWindow), &mut form.window, "30");
                });
            ui.horizontal(|ui| {
                if ui.button(lang.t(Msg::Ok)).clicked() {
                    match return_window(&form.window, lang) {
                        Ok(window) => {
                            form.sent = true;
                            form.error = None;
                            out.push(StoreAction::MoveToOrder {
                                id: item.id,
                                order_number: form.order_number.clone(),
                                date: form.date.clone(),
                                return_window_days: window,
                                label: label.clone(),
                            });
                        }
                        Err(why) => form.error = Some(why.into()),
                    }
                }
                close = ui.button(lang.t(Msg::Cancel)).clicked();
            });
            if let Some(why) = &form.error {
                error_text(ui, why.get(lang));
            }
            if close {
                *moving = None;
            }
        }
        _ => {
            ui.horizontal(|ui| {
                if ui.button(lang.t(Msg::MoveToOrder)).clicked() {
                    *moving = Some(MoveForm {
                        id: item.id,
                        order_number: String::new(),
                        date: String::new(),
                        window: String::new(),
                        error: None,
                        sent: false,
                    });
                }
                if ui.button(lang.t(Msg::Remove)).clicked() {
                    out.push(StoreAction::RemoveWishlist { id: item.id, label });
                }
            });
        }
    }
}
