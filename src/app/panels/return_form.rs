//! The return form under an ordered garment: the reason, the date it went back, and fit
//! feedback as a verdict per body region (chest too tight, sleeves too long...).

use crate::app::i18n::{Lang, Msg, Said};
use crate::app::panels::labels;
use crate::app::panels::{error_text, field_row};
use crate::app::state::store_actions::{FormResults, StoreAction, StoreForm};
use crate::garment::{Region, Verdict};
use bevy_egui::egui;

/// A return being written for one order item.
pub(crate) struct ReturnForm {
    pub(crate) item: i64,
    label: String,
    reason: String,
    date: String,
    fit: [Option<Verdict>; Region::ALL.len()],
    error: Option<Said>,
    sent: bool,
}

impl ReturnForm {
    pub(crate) fn new(item: i64, label: String) -> Self {
        ReturnForm {
            item,
            label,
            reason: String::new(),
            date: String::new(),
            fit: [None; Region::ALL.len()],
            error: None,
            sent: false,
        }
    }
}

/// Draws the form; `false` once it is done (saved or cancelled).
pub(crate) fn return_form(
    ui: &mut egui::Ui,
    lang: Lang,
    form: &mut ReturnForm,
    results: &mut FormResults,
    out: &mut Vec<StoreAction>,
) -> bool {
    if form.sent
        && let Some(result) = results.take(StoreForm::Return)
    {
        form.sent = false;
        match result {
            Ok(()) => return false,
            Err(why) => form.error = Some(why),
        }
    }
    let mut open = true;
    ui.indent(("return", form.item), |ui| {
        egui::Grid::new(("return-fields", form.item))
            .num_columns(2)
            .show(ui, |ui| {
                field_row(ui, lang.t(Msg::Reason), &mut form.reason, "");
                field_row(
                    ui,
                    lang.t(Msg::ReturnDate),
                    &mut form.date,
                    lang.t(Msg::DateHint),
                );
            });
        ui.label(lang.t(Msg::FitFeedback));
        egui::Grid::new(("return-fit", form.item))
            .num_columns(4)
            .show(ui, |ui| {
                for (i, region) in Region::ALL.into_iter().enumerate() {
                    let name = ui.label(labels::region(region, lang));
                    verdict_picker(ui, lang, (form.item, i, region), &mut form.fit[i])
                        .labelled_by(name.id);
                    if i % 2 == 1 {
                        ui.end_row();
                    }
                }
            });
        ui.horizontal(|ui| {
            if ui.button(lang.t(Msg::Record)).clicked() {
                form.sent = true;
                form.error = None;
                out.push(StoreAction::Return {
                    item: form.item,
                    date: form.date.clone(),
                    reason: form.reason.clone(),
                    fit: Region::ALL
                        .into_iter()
                        .zip(form.fit)
                        .filter_map(|(r, v)| v.map(|v| (r, v)))
                        .collect(),
                    label: form.label.clone(),
                });
            }
            if ui.button(lang.t(Msg::Cancel)).clicked() {
                open = false;
            }
        });
        if let Some(why) = &form.error {
            error_text(ui, why.get(lang));
        }
    });
    open
}

/// The verdict for one region (or none), from the ones that region can have; returns the
/// picker's response.
fn verdict_picker(
    ui: &mut egui::Ui,
    lang: Lang,
    (item, row, region): (i64, usize, Region),
    chosen: &mut Option<Verdict>,
) -> egui::Response {
    let shown = chosen.map_or(lang.t(Msg::NoVerdict), |v| labels::verdict(v, lang));
    egui::ComboBox::from_id_salt(("verdict", item, row))
        .selected_text(shown)
        .width(90.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(chosen, None, lang.t(Msg::NoVerdict));
            for v in region.feedback_verdicts() {
                ui.selectable_value(chosen, Some(v), labels::verdict(v, lang));
            }
        })
        .response
}
