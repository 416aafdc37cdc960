//! The Privacy tab's restore, under "Export backup…": "Restore backup…" asks for a file; then
//! what the file holds, counted per kind of record with the days it spans, and the choice —
//! "Restore" (offered only while the store is empty), "Merge into this store" or "Cancel" — or
//! why the file cannot be restored. The work is done by `state/store_restore.rs`.

use super::error_text;
use crate::app::i18n::{Lang, Msg};
use crate::app::state::store::ShopperStore;
use crate::app::state::store_actions::StoreAction;
use crate::app::state::store_restore::{ChosenBackup, PendingRestore, record_label};
use crate::store::RecordKind;
use bevy_egui::egui::{self, RichText};

/// Draws "Restore backup…" and, once a file was chosen, its preview or why it cannot be restored;
/// what the shopper asks for goes to `out`.
pub fn restore_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    store: &ShopperStore,
    restore: &PendingRestore,
    out: &mut Vec<StoreAction>,
) {
    let reading = restore.is_reading();
    ui.horizontal_wrapped(|ui| {
        let button = ui
            .add_enabled(
                !reading && !store.is_read_only(),
                egui::Button::new(lang.t(Msg::RestoreBackup)),
            )
            .on_hover_text(lang.t(Msg::RestoreHint));
        if button.clicked() {
            out.push(StoreAction::ChooseBackup);
        }
        if reading {
            ui.weak(lang.t(Msg::RestoreReading));
        }
    });
    if let Some(failure) = restore.failure() {
        ui.horizontal_wrapped(|ui| {
            error_text(ui, lang.t(failure.msg));
            if ui
                .small_button("✖")
                .on_hover_text(lang.t(Msg::Dismiss))
                .clicked()
            {
                out.push(StoreAction::CancelRestore);
            }
        });
        ui.label(RichText::new(failure.detail.get(lang)).small());
    }
    if let Some(chosen) = restore.chosen() {
        preview_ui(ui, lang, store, chosen, out);
    }
}

/// What the chosen file holds, and "Restore" / "Merge into this store" / "Cancel".
fn preview_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    store: &ShopperStore,
    chosen: &ChosenBackup,
    out: &mut Vec<StoreAction>,
) {
    let preview = &chosen.preview;
    ui.group(|ui| {
        let name = chosen.path.file_name().map_or_else(
            || chosen.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        ui.label(RichText::new(name).strong())
            .on_hover_text(chosen.path.display().to_string());
        if preview.is_empty() {
            ui.weak(lang.t(Msg::RestoreHoldsNothing));
        } else {
            ui.label(lang.t(Msg::RestoreHolds));
            for kind in RecordKind::ALL {
                let count = preview.count(kind);
                let text = format!("{}: {count}", record_label(kind, lang));
                if count == 0 {
                    ui.weak(text);
                } else {
                    ui.label(text);
                }
            }
        }
        if let Some((first, last)) = preview.days {
            ui.label(format!(
                "{} {first} {} {last}",
                lang.t(Msg::RestoreBetween),
                lang.t(Msg::And)
            ));
        }
        // Restoring as it is (with the backup's ids) needs an empty store; merging does not.
        let empty = store.read(|s| s.is_empty()).unwrap_or(false);
        let writable = !store.is_read_only();
        ui.horizontal_wrapped(|ui| {
            if empty
                && ui
                    .add_enabled(writable, egui::Button::new(lang.t(Msg::RestoreInto)))
                    .on_hover_text(lang.t(Msg::RestoreIntoHint))
                    .clicked()
            {
                out.push(StoreAction::RestoreBackup);
            }
            if ui
                .add_enabled(writable, egui::Button::new(lang.t(Msg::RestoreMerge)))
                .on_hover_text(lang.t(Msg::RestoreMergeHint))
                .clicked()
            {
                out.push(StoreAction::MergeBackup);
            }
            if ui.button(lang.t(Msg::Cancel)).clicked() {
                out.push(StoreAction::CancelRestore);
            }
        });
        if !empty {
            ui.weak(lang.t(Msg::RestoreOnlyIntoEmpty));
        }
        ui.label(RichText::new(lang.t(Msg::RestoreSameMeans)).small());
    });
}
