//! What the shopper asks the store's tabs (and the catalog's "Add to wishlist") to change,
//! applied to the store in one system: each success and each failure becomes a notice naming the
//! garment or what was wrong, and a form learns whether its entry was saved (to clear itself) or
//! why not (shown under it).

use crate::app::i18n::{Msg, Said};
use crate::app::panels::labels;
use crate::app::state::notices::Notices;
use crate::app::state::store::ShopperStore;
use crate::app::store_words;
use crate::garment::{Region, Verdict};
use crate::store::{Consent, ItemStatus, NewContact, NewOrder, NewWishlistItem, StoreError, date};
use bevy::prelude::*;
use std::collections::HashMap;

/// The try-on asks the shopper's store to put a garment on the wishlist (stored, and said so in a
/// notice). `added` may be left empty: today is used.
#[derive(Message, Clone, Debug, PartialEq)]
pub struct AddToWishlist(pub NewWishlistItem);

/// A change to the shopper's store, asked for by one of its tabs.
#[derive(Message, Clone, Debug, PartialEq)]
pub enum StoreAction {
    /// Takes one item off the wishlist.
    RemoveWishlist {
        /// The wishlist item's id in the store.
        id: i64,
        /// The garment as notices name it (`"Linen shirt (M) — COS"`).
        label: String,
    },
    /// Orders one wishlist item; an empty date means today.
    MoveToOrder {
        /// The wishlist item's id in the store.
        id: i64,
        /// The retailer's order number; required (the store refuses a blank one).
        order_number: String,
        /// The order's date: `YYYY-MM-DD` or an RFC 3339 timestamp; empty: today (local).
        date: String,
        /// The retailer's return window in days (`None`: not known); the order then shows the
        /// date to return it by.
        return_window_days: Option<u32>,
        /// The garment as notices name it (`"Linen shirt (M) — COS"`).
        label: String,
    },
    /// Records an order typed in by hand (Orders tab); an empty date means today.
    AddOrder(NewOrder),
    /// Changes one order item's status (an item with a recorded return stays `returned`).
    SetStatus {
        /// The order item's id in the store.
        item: i64,
        /// The status to set.
        status: ItemStatus,
        /// The garment as notices name it (`"Linen shirt (M) — COS"`).
        label: String,
    },
    /// Records a return; an empty date means today.
    Return {
        /// The order item's id in the store.
        item: i64,
        /// When it went back: `YYYY-MM-DD` or an RFC 3339 timestamp; empty: today (local).
        date: String,
        /// Why it went back, free text (trimmed; may be empty).
        reason: String,
        /// Fit feedback: a verdict per body region, each region at most once; only the regions
        /// the shopper rated (may be empty).
        fit: Vec<(Region, Verdict)>,
        /// The garment as notices name it (`"Linen shirt (M) — COS"`).
        label: String,
    },
    /// Records a contact with a retailer or stylist (Timeline tab); an empty date means today.
    AddContact(NewContact),
    /// Records what a counterpart may see (Privacy tab), replacing its earlier consent.
    SetConsent(Consent),
    /// Writes the shown profile's fit passport for this counterpart to a file the shopper picks
    /// (handled by `store_export.rs`).
    ExportPassport {
        /// The retailer or stylist, as named in its consent; without a consent, nothing is written.
        counterpart: String,
    },
    /// Writes the whole store as a JSON backup to a file the shopper picks (`store_export.rs`).
    ExportBackup,
    /// Asks for a backup file to restore; the Privacy tab then shows what it holds
    /// (handled by `store_restore.rs`, as are the three below).
    ChooseBackup,
    /// Restores the backup shown into the store, which must be empty (exactly, with its ids).
    RestoreBackup,
    /// Merges the backup shown into the store: what is already there is not added twice.
    MergeBackup,
    /// Forgets the backup shown (or why it could not be restored); nothing is changed.
    CancelRestore,
    /// Records retailers' catalogs (each a folder or a `catalog.json`) in the store, as
    /// `anprobe catalog update` does: new products added, known ones updated.
    AddCatalog {
        /// The folders or files.
        paths: Vec<std::path::PathBuf>,
    },
    /// Dismisses a reminder: it is not shown again.
    DismissReminder {
        /// The reminder's key.
        key: String,
        /// What it said, for the notice.
        label: Said,
    },
}

/// The store tabs' forms whose entries are saved through [`StoreAction`]s.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StoreForm {
    /// The Wishlist tab's form that orders an item ([`StoreAction::MoveToOrder`]).
    MoveToOrder,
    /// The Orders tab's "record an order by hand" form ([`StoreAction::AddOrder`]).
    NewOrder,
    /// The return form under an ordered garment ([`StoreAction::Return`]).
    Return,
    /// The Timeline tab's "add a contact" form ([`StoreAction::AddContact`]).
    Contact,
}

/// What became of each form's last entry: `Ok` saved, `Err` the store's message. A form takes
/// its result once.
#[derive(Resource, Default, Debug)]
pub struct FormResults(HashMap<StoreForm, Result<(), Said>>);

impl FormResults {
    /// The form's last result, removed: the form reads it once, after sending its entry.
    pub fn take(&mut self, form: StoreForm) -> Option<Result<(), Said>> {
        self.0.remove(&form)
    }

    /// The form's last result, left in place.
    pub fn peek(&self, form: StoreForm) -> Option<&Result<(), Said>> {
        self.0.get(&form)
    }
}

/// `text`, or today when empty.
fn or_today(text: &str) -> String {
    if text.trim().is_empty() {
        date::today_local()
    } else {
        text.to_string()
    }
}

/// `"Linen shirt (M) — COS"`.
pub(crate) fn garment_label(name: &str, sku: &str, size: &str, retailer: &str) -> String {
    let name = if name.trim().is_empty() { sku } else { name };
    format!("{name} ({size}) — {retailer}")
}

pub(super) fn apply_actions(
    mut actions: MessageReader<StoreAction>,
    mut wishes: MessageReader<AddToWishlist>,
    mut store: ResMut<ShopperStore>,
    mut notices: ResMut<Notices>,
    mut forms: ResMut<FormResults>,
) {
    for AddToWishlist(item) in wishes.read() {
        let item = NewWishlistItem {
            added: or_today(&item.added),
            ..item.clone()
        };
        let label = garment_label(&item.name, &item.sku, &item.size, &item.retailer);
        // The same garment in the same size and colour is on the list once.
        if let Ok(Some(_)) = store.read(|s| s.wishlist_entry_for(&item)) {
            notices.info(Msg::WishlistAlready, label);
            continue;
        }
        let result = store.change(|s| s.add_wishlist(&item)).map(drop);
        tell(
            &mut notices,
            result,
            Msg::WishlistAdded,
            Msg::WishlistAddFailed,
            label,
        );
    }
    for action in actions.read() {
        if let StoreAction::AddCatalog { paths } = action {
            add_catalogs(&mut store, &mut notices, paths);
            continue;
        }
        let (result, ok, failed, label, form): (_, _, _, Said, _) = match action {
            StoreAction::RemoveWishlist { id, label } => (
                store.change(|s| s.remove_wishlist(*id)),
                Msg::WishlistRemoved,
                Msg::WishlistRemoveFailed,
                label.into(),
                None,
            ),
            StoreAction::MoveToOrder {
                id,
                order_number,
                date,
                return_window_days,
                label,
            } => (
                store
                    .change(|s| {
                        s.move_wishlist_to_order(
                            &[*id],
                            order_number,
                            &or_today(date),
                            *return_window_days,
                        )
                    })
                    .map(drop),
                Msg::OrderRecorded,
                Msg::OrderFailed,
                format!("{order_number}: {label}").into(),
                Some(StoreForm::MoveToOrder),
            ),
            StoreAction::AddOrder(order) => {
                let order = NewOrder {
                    date: or_today(&order.date),
                    ..order.clone()
                };
                (
                    store.change(|s| s.add_order(&order)).map(drop),
                    Msg::OrderRecorded,
                    Msg::OrderFailed,
                    format!("{} {}", order.retailer, order.order_number).into(),
                    Some(StoreForm::NewOrder),
                )
            }
            StoreAction::SetStatus {
                item,
                status,
                label,
            } => (
                store.change(|s| s.set_item_status(*item, *status)),
                Msg::StatusChanged,
                Msg::StatusFailed,
                Said::each(|lang| format!("{label}: {}", labels::status(*status, lang))),
                None,
            ),
            StoreAction::Return {
                item,
                date,
                reason,
                fit,
                label,
            } => (
                store.change(|s| s.return_item(*item, &or_today(date), reason, fit)),
                Msg::ReturnRecorded,
                Msg::ReturnFailed,
                label.into(),
                Some(StoreForm::Return),
            ),
            StoreAction::AddContact(contact) => {
                let contact = NewContact {
                    date: or_today(&contact.date),
                    ..contact.clone()
                };
                (
                    store.change(|s| s.add_contact(&contact)).map(drop),
                    Msg::ContactRecorded,
                    Msg::ContactFailed,
                    contact.counterpart.clone().into(),
                    Some(StoreForm::Contact),
                )
            }
            StoreAction::ExportPassport { .. }
            | StoreAction::ExportBackup
            | StoreAction::ChooseBackup
            | StoreAction::RestoreBackup
            | StoreAction::MergeBackup
            | StoreAction::CancelRestore
            | StoreAction::AddCatalog { .. } => continue,
            StoreAction::DismissReminder { key, label } => (
                store.change(|s| s.dismiss_reminder(key, &date::today_local())),
                Msg::ReminderDismissed,
                Msg::ReminderDismissFailed,
                label.clone(),
                None,
            ),
            StoreAction::SetConsent(consent) => (
                store.change(|s| s.set_consent(consent)),
                Msg::ConsentSaved,
                Msg::ConsentFailed,
                consent.counterpart.clone().into(),
                None,
            ),
        };
        if let Some(form) = form {
            forms.0.insert(
                form,
                result.as_ref().map(|_| ()).map_err(store_words::describe),
            );
        }
        tell(&mut notices, result, ok, failed, label);
    }
}

/// Reads catalogs and records their products in one change; one notice counts what was
/// added, updated and refused (each refusal named in the log). A catalog that cannot be read is
/// said in a notice of its own; the others are recorded.
fn add_catalogs(store: &mut ShopperStore, notices: &mut Notices, paths: &[std::path::PathBuf]) {
    let mut products = Vec::new();
    let mut refused = 0;
    for path in paths {
        match crate::catalog::read_path(path) {
            Ok(read) => {
                for refusal in &read.refused {
                    warn!("{}: refused: {refusal}", path.display());
                }
                refused += read.refused.len();
                products.extend(read.products);
            }
            Err(e) => notices.error(Msg::CatalogAddFailed, e.to_string()),
        }
    }
    if products.is_empty() && refused == 0 {
        return;
    }
    // One file: its path; several: their folder.
    let shown = match paths {
        [one] => one.display().to_string(),
        _ => paths
            .first()
            .and_then(|p| p.parent())
            .map(|d| d.display().to_string())
            .unwrap_or_default(),
    };
    let result = store.change(|s| s.record_products(&products, &date::today_local(), false));
    if result.is_ok() {
        store.products_changed();
    }
    match result {
        Ok(change) => notices.info(
            Msg::CatalogAdded,
            Said::each(|lang| {
                crate::app::concierge_words::catalog_counts(
                    &shown,
                    (change.added.len(), change.updated.len(), refused),
                    lang,
                )
            }),
        ),
        Err(e) => tell(
            notices,
            Err(e),
            Msg::CatalogAdded,
            Msg::CatalogAddFailed,
            shown,
        ),
    }
}

/// A notice for the outcome: the garment on success, the garment and the reason on failure.
fn tell(
    notices: &mut Notices,
    result: Result<(), StoreError>,
    ok: Msg,
    failed: Msg,
    label: impl Into<Said>,
) {
    let label: Said = label.into();
    match result {
        Ok(()) => notices.info(ok, label),
        Err(e) => {
            let why = store_words::describe(&e);
            notices.error(
                failed,
                Said::each(|lang| format!("{}: {}", label.get(lang), why.get(lang))),
            )
        }
    }
}
