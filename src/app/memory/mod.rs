//! The shopper's memory in the app: the store opened at startup ([`store_res`]), the changes
//! the tabs ask for applied to it ([`actions`]), and one file per tab (wishlist, orders with
//! the order and return forms, timeline with its search, privacy).

pub(crate) mod actions;
mod contact_form;
pub mod export;
pub(crate) mod labels;
mod order_form;
pub(crate) mod orders_ui;
pub(crate) mod privacy_ui;
pub mod profiles_sync;
mod return_form;
pub mod search;
pub mod store_res;
pub(crate) mod timeline_ui;
pub(crate) mod wishlist_ui;

use crate::app::side::AddToWishlist;
use bevy::prelude::*;
use bevy::window::RequestRedraw;
use bevy_egui::egui::{self, Color32};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<store_res::ShopperStore>()
        .init_resource::<actions::FormResults>()
        .init_resource::<profiles_sync::StoreProfiles>()
        .init_resource::<export::PendingExport>()
        .add_message::<actions::MemoryAction>()
        .add_message::<AddToWishlist>()
        .add_message::<RequestRedraw>()
        .add_systems(Startup, store_res::open_store)
        // After the store opened (Startup), before the first frame uses the profiles.
        .add_systems(PostStartup, profiles_sync::load_profiles)
        .add_systems(
            Update,
            (actions::apply_actions, export::export_files).in_set(super::AppSystems::Files),
        )
        .add_systems(
            Last,
            (profiles_sync::save_profiles_to_store, redraw_after_change),
        );
}

/// The app redraws on input only: a change saved to the store (or a form's answer) shows in
/// the next frame, so ask for it.
fn redraw_after_change(
    store: Res<store_res::ShopperStore>,
    results: Res<actions::FormResults>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    if store.is_changed() || results.is_changed() {
        redraw.write(RequestRedraw);
    }
}

/// A store's or a form's message, in red, wrapped.
pub(crate) fn error_text(ui: &mut egui::Ui, text: &str) {
    ui.label(egui::RichText::new(text).color(Color32::from_rgb(200, 40, 40)));
}

/// One labelled text field of a form's grid (`hint` shown while empty).
pub(crate) fn field_row(ui: &mut egui::Ui, label: &str, value: &mut String, hint: &str) {
    ui.label(label);
    ui.add(
        egui::TextEdit::singleline(value)
            .hint_text(hint)
            .desired_width(190.0),
    );
    ui.end_row();
}

/// What a tab read from the store, or why it could not (empty until read).
pub(crate) struct Loaded<T>(pub(crate) Result<T, String>);

impl<T: Default> Default for Loaded<T> {
    fn default() -> Self {
        Loaded(Ok(T::default()))
    }
}
