//! "Add a contact" under the Timeline tab's counterpart picker: who (the chosen retailer or
//! stylist, or a new name), how (shop, phone, mail, chat, stylist session), when, what was said
//! and what came of it.

use crate::app::i18n::{Lang, Msg, Said};
use crate::app::panels::labels;
use crate::app::panels::{error_text, field_row};
use crate::app::state::store_actions::{FormResults, StoreAction, StoreForm};
use crate::store::{Channel, CounterpartKind, NewContact};
use bevy_egui::egui;

/// The form's fields, as typed.
pub(crate) struct ContactForm {
    /// Empty: the counterpart chosen above.
    counterpart: String,
    kind: CounterpartKind,
    channel: Channel,
    date: String,
    summary: String,
    outcome: String,
    error: Option<Said>,
    sent: bool,
}

impl Default for ContactForm {
    fn default() -> Self {
        ContactForm {
            counterpart: String::new(),
            kind: CounterpartKind::Retailer,
            channel: Channel::Shop,
            date: String::new(),
            summary: String::new(),
            outcome: String::new(),
            error: None,
            sent: false,
        }
    }
}

pub(crate) fn contact_form(
    ui: &mut egui::Ui,
    lang: Lang,
    form: &mut ContactForm,
    chosen: &mut String,
    results: &mut FormResults,
    out: &mut Vec<StoreAction>,
) {
    if form.sent
        && let Some(result) = results.take(StoreForm::Contact)
    {
        form.sent = false;
        match result {
            Ok(()) => {
                if !form.counterpart.trim().is_empty() {
                    *chosen = form.counterpart.trim().to_string();
                }
                *form = ContactForm::default();
            }
            Err(why) => form.error = Some(why),
        }
    }
    egui::CollapsingHeader::new(lang.t(Msg::AddContact))
        .id_salt("add-contact")
        .show(ui, |ui| {
            egui::Grid::new("contact-fields")
                .num_columns(2)
                .show(ui, |ui| {
                    field_row(
                        ui,
                        lang.t(Msg::Counterpart),
                        &mut form.counterpart,
                        chosen.as_str(),
                    );
                    ui.label(lang.t(Msg::Kind));
                    ui.horizontal(|ui| {
                        for kind in [CounterpartKind::Retailer, CounterpartKind::Stylist] {
                            ui.radio_value(&mut form.kind, kind, labels::kind(kind, lang));
                        }
                    });
                    ui.end_row();
                    ui.label(lang.t(Msg::Channel));
                    egui::ComboBox::from_id_salt("channel")
                        .selected_text(labels::channel(form.channel, lang))
                        .show_ui(ui, |ui| {
                            for channel in Channel::ALL {
                                let text = labels::channel(channel, lang);
                                ui.selectable_value(&mut form.channel, channel, text);
                            }
                        });
                    ui.end_row();
                    field_row(ui, lang.t(Msg::Date), &mut form.date, lang.t(Msg::DateHint));
                    field_row(ui, lang.t(Msg::Summary), &mut form.summary, "");
                    field_row(ui, lang.t(Msg::Outcome), &mut form.outcome, "");
                });
            if ui.button(lang.t(Msg::Record)).clicked() {
                form.sent = true;
                form.error = None;
                let counterpart = if form.counterpart.trim().is_empty() {
                    chosen.clone()
                } else {
                    form.counterpart.clone()
                };
                out.push(StoreAction::AddContact(NewContact {
                    counterpart,
                    kind: form.kind,
                    channel: form.channel,
                    date: form.date.clone(),
                    summary: form.summary.clone(),
                    outcome: form.outcome.clone(),
                }));
            }
            if let Some(why) = &form.error {
                error_text(ui, why.get(lang));
            }
        });
}
