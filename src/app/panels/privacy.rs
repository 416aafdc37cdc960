//! The Privacy tab: the consent matrix. One row per retailer or stylist, one column per
//! measurement plus "history" (orders and contacts); a tick is saved at once with the store's
//! `set_consent`, so it is what a fit passport for them would contain. Below it the fit passport,
//! "Export backup…" and "Restore backup…" (with the chosen file's preview: `restore_backup.rs`).

use super::PanelSystems;
use super::right_panel::RightPanelTab;
use super::store_tab::StoreTabs;
use crate::app::i18n::{Lang, Msg, key_label};
use crate::app::panels::restore_backup::restore_ui;
use crate::app::panels::{Loaded, error_text};
use crate::app::state::store::ShopperStore;
use crate::app::state::store_actions::StoreAction;
use crate::app::state::store_restore::PendingRestore;
use crate::measurements::Key;
use crate::store::{Consent, CounterpartKind, Store, StoreError};
use bevy::prelude::*;
use bevy_egui::EguiPrimaryContextPass;
use bevy_egui::egui::{self, Sense, Vec2, epaint::TextShape};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        privacy_system
            .in_set(PanelSystems::RightPanel)
            .run_if(RightPanelTab::Privacy.shown()),
    );
}

fn privacy_system(
    mut tabs: StoreTabs,
    mut state: Local<PrivacyState>,
    restore: Res<PendingRestore>,
) -> Result {
    tabs.show(RightPanelTab::Privacy, |ui, lang, store, _, out| {
        privacy_tab_with_restore(ui, lang, store, &mut state, &restore, out)
    })
}

/// Width of one checkbox column.
const COLUMN: f32 = 16.0;

/// The tab's state: the rows as last read.
#[derive(Default)]
pub struct PrivacyState {
    read_at: Option<u64>,
    rows: Loaded<Vec<Consent>>,
    /// Whom the fit passport is for.
    passport_to: String,
}

/// Every counterpart with its consent; those without one get an empty consent (nothing shared).
fn rows(store: &Store) -> Result<Vec<Consent>, StoreError> {
    let mut rows = store.consents()?;
    let contacts = store.contacts(None)?;
    let named = |name: &str, kind: fn(CounterpartKind) -> bool| {
        contacts
            .iter()
            .any(|c| kind(c.record.kind) && c.record.counterpart.eq_ignore_ascii_case(name))
    };
    for name in store.counterparts()? {
        // A client (someone this user advised as a stylist) is never asked for consent.
        let client_only = named(&name, |k| k == CounterpartKind::Client)
            && !named(&name, |k| k != CounterpartKind::Client);
        if !client_only
            && !rows
                .iter()
                .any(|c| c.counterpart.eq_ignore_ascii_case(&name))
        {
            let kind = if named(&name, |k| k == CounterpartKind::Stylist) {
                CounterpartKind::Stylist
            } else {
                CounterpartKind::Retailer
            };
            rows.push(Consent {
                counterpart: name,
                kind,
                keys: Vec::new(),
                share_orders: false,
                share_contacts: false,
            });
        }
    }
    rows.sort_by_key(|c| c.counterpart.to_lowercase());
    Ok(rows)
}

/// Draws the Privacy tab from the store, no backup being restored; the changes the shopper asks
/// for go to `out`.
pub fn privacy_tab(
    ui: &mut egui::Ui,
    lang: Lang,
    store: &ShopperStore,
    state: &mut PrivacyState,
    out: &mut Vec<StoreAction>,
) {
    privacy_tab_with_restore(ui, lang, store, state, &PendingRestore::default(), out);
}

/// Draws the Privacy tab from the store, with the backup being restored (`restore`: the chosen
/// file's preview, or why it cannot be restored); the changes the shopper asks for go to `out`.
pub fn privacy_tab_with_restore(
    ui: &mut egui::Ui,
    lang: Lang,
    store: &ShopperStore,
    state: &mut PrivacyState,
    restore: &PendingRestore,
    out: &mut Vec<StoreAction>,
) {
    if state.read_at != Some(store.revision()) {
        state.rows = Loaded(store.read(rows));
        state.read_at = Some(store.revision());
    }
    let rows = match &state.rows.0 {
        Ok(rows) => rows,
        Err(why) => {
            error_text(ui, why.get(lang));
            return;
        }
    };
    ui.label(lang.t(Msg::ConsentIntro));
    if rows.is_empty() {
        ui.weak(lang.t(Msg::NoConsentRows));
        backup_ui(ui, lang, store, restore, out);
        return;
    }
    ui.add_space(4.0);
    egui::ScrollArea::horizontal()
        .id_salt("consent-matrix")
        .show(ui, |ui| {
            // Eighteen columns must fit the panel's default width: small boxes, tight spacing.
            let spacing = ui.spacing_mut();
            spacing.icon_width = 13.0;
            spacing.icon_spacing = 0.0;
            spacing.button_padding.x = 1.0;
            // A checkbox is at least this wide.
            spacing.interact_size.y = 15.0;
            egui::Grid::new("consents")
                .striped(true)
                .min_col_width(COLUMN)
                .max_col_width(96.0)
                .spacing([1.0, 4.0])
                .show(ui, |ui| {
                    ui.label("");
                    let history = lang.t(Msg::History);
                    let mut headers =
                        vec![(history.split(" (").next().unwrap_or(history), history)];
                    headers.extend(Key::ALL.map(|k| (key_label(k, lang), key_label(k, lang))));
                    let height = headers
                        .iter()
                        .map(|(text, _)| header_galley(ui, text).size().x)
                        .fold(0.0, f32::max);
                    for (text, hover) in headers {
                        rotated_header(ui, text, hover, height + 4.0);
                    }
                    ui.end_row();
                    for consent in rows {
                        row_ui(ui, consent, out);
                        ui.end_row();
                    }
                });
        });
    ui.add_space(8.0);
    passport_ui(ui, lang, rows, &mut state.passport_to, out);
    backup_ui(ui, lang, store, restore, out);
}

/// "A full backup of everything kept here [Export backup…]", and under it "[Restore backup…]"
/// with the chosen file's preview.
fn backup_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    store: &ShopperStore,
    restore: &PendingRestore,
    out: &mut Vec<StoreAction>,
) {
    ui.add_space(8.0);
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        ui.label(lang.t(Msg::BackupIntro));
        if ui
            .button(lang.t(Msg::BackupExport))
            .on_hover_text(lang.t(Msg::BackupHint))
            .clicked()
        {
            out.push(StoreAction::ExportBackup);
        }
    });
    restore_ui(ui, lang, store, restore, out);
}

/// "Fit passport of the shown profile for [counterpart] [Export…]".
fn passport_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    rows: &[Consent],
    chosen: &mut String,
    out: &mut Vec<StoreAction>,
) {
    let consented: Vec<&Consent> = rows
        .iter()
        .filter(|c| !c.keys.is_empty() || c.share_orders || c.share_contacts)
        .collect();
    let Some(first) = consented.first() else {
        return;
    };
    if !consented.iter().any(|c| c.counterpart == *chosen) {
        *chosen = first.counterpart.clone();
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(lang.t(Msg::PassportFor));
        egui::ComboBox::from_id_salt("passport-for")
            .selected_text(chosen.as_str())
            .show_ui(ui, |ui| {
                for c in &consented {
                    ui.selectable_value(chosen, c.counterpart.clone(), &c.counterpart);
                }
            });
        if ui.button(lang.t(Msg::PassportExport)).clicked() {
            out.push(StoreAction::ExportPassport {
                counterpart: chosen.clone(),
            });
        }
    });
}

/// One counterpart's row: the name, "history", then one box per measurement.
fn row_ui(ui: &mut egui::Ui, consent: &Consent, out: &mut Vec<StoreAction>) {
    ui.add(egui::Label::new(&consent.counterpart).truncate());
    let mut history = consent.share_orders || consent.share_contacts;
    if ui.checkbox(&mut history, "").changed() {
        out.push(StoreAction::SetConsent(Consent {
            share_orders: history,
            share_contacts: history,
            ..consent.clone()
        }));
    }
    for key in Key::ALL {
        let mut shared = consent.keys.contains(&key);
        if ui.checkbox(&mut shared, "").changed() {
            let mut keys: Vec<Key> = consent.keys.iter().copied().filter(|k| *k != key).collect();
            if shared {
                keys.push(key);
            }
            out.push(StoreAction::SetConsent(Consent {
                keys,
                ..consent.clone()
            }));
        }
    }
}

/// A column header written bottom-up, so seventeen measurements fit side by side.
fn rotated_header(ui: &mut egui::Ui, text: &str, hover: &str, height: f32) {
    let galley = header_galley(ui, text);
    let size = galley.size();
    let (rect, response) = ui.allocate_exact_size(Vec2::new(COLUMN, height), Sense::hover());
    // Rotated a quarter turn anticlockwise about its top-left corner, which then sits at the
    // bottom: the text reads upwards, centred on the column.
    let pos = egui::pos2(rect.center().x - size.y / 2.0, rect.bottom());
    let colour = ui.visuals().text_color();
    ui.painter()
        .add(TextShape::new(pos, galley, colour).with_angle(-std::f32::consts::FRAC_PI_2));
    response.on_hover_text(hover);
}

fn header_galley(ui: &egui::Ui, text: &str) -> std::sync::Arc<egui::Galley> {
    ui.painter().layout_no_wrap(
        text.to_string(),
        egui::TextStyle::Body.resolve(ui.style()),
        ui.visuals().text_color(),
    )
}
