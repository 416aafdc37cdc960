//! The Timeline tab: pick a retailer or stylist and see what happened before — contacts,
//! orders and returns, newest first in one list — with a search over it, and a small form to
//! record a new contact.

use crate::app::i18n::{Lang, Msg};
use crate::app::memory::actions::{Form, FormResults, MemoryAction};
use crate::app::memory::labels::{self, money};
use crate::app::memory::search::filter_timeline;
use crate::app::memory::store_res::ShopperStore;
use crate::app::memory::{Loaded, error_text, field_row};
use crate::store::{Channel, CounterpartKind, NewContact, TimelineEntry, TimelineEvent};
use bevy_egui::egui::{self, RichText};

/// The tab's state: the counterparts and the chosen one's timeline as last read, the search and
/// the contact form.
#[derive(Default)]
pub(crate) struct TimelineState {
    read_at: Option<(u64, String)>,
    counterparts: Loaded<Vec<String>>,
    chosen: String,
    entries: Loaded<Vec<TimelineEntry>>,
    search: String,
    form: ContactForm,
}

struct ContactForm {
    /// Empty: the counterpart chosen above.
    counterpart: String,
    kind: CounterpartKind,
    channel: Channel,
    date: String,
    summary: String,
    outcome: String,
    error: Option<String>,
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

pub(crate) fn timeline_tab(
    ui: &mut egui::Ui,
    lang: Lang,
    store: &ShopperStore,
    state: &mut TimelineState,
    results: &mut FormResults,
    out: &mut Vec<MemoryAction>,
) {
    if state.read_at.as_ref().map(|(rev, _)| *rev) != Some(store.revision()) {
        state.counterparts = Loaded(store.read(|s| s.counterparts()));
    }
    let names = match &state.counterparts.0 {
        Ok(names) => names.clone(),
        Err(why) => {
            error_text(ui, why);
            return;
        }
    };
    if names.is_empty() {
        ui.weak(lang.t(Msg::NoCounterparts));
    } else if !names.iter().any(|n| n == &state.chosen) {
        state.chosen = names[0].clone();
    }
    if !names.is_empty() {
        ui.horizontal(|ui| {
            ui.label(lang.t(Msg::Counterpart));
            egui::ComboBox::from_id_salt("counterpart")
                .selected_text(&state.chosen)
                .width(200.0)
                .show_ui(ui, |ui| {
                    for name in &names {
                        ui.selectable_value(&mut state.chosen, name.clone(), name);
                    }
                });
        });
    }
    let key = (store.revision(), state.chosen.clone());
    if state.read_at.as_ref() != Some(&key) {
        state.entries = Loaded(if state.chosen.is_empty() {
            Ok(Vec::new())
        } else {
            store.read(|s| s.timeline(&state.chosen, None))
        });
        state.read_at = Some(key);
    }
    contact_form(ui, lang, state, results, out);
    if state.chosen.is_empty() {
        return;
    }
    ui.separator();
    ui.horizontal(|ui| {
        ui.label(RichText::new(lang.t(Msg::WhatHappened)).strong());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.add(
                egui::TextEdit::singleline(&mut state.search)
                    .hint_text(format!("🔍 {}", lang.t(Msg::SearchHint)))
                    .desired_width(190.0),
            );
        });
    });
    let entries = match &state.entries.0 {
        Ok(entries) => entries,
        Err(why) => {
            error_text(ui, why);
            return;
        }
    };
    let shown = filter_timeline(entries, &state.search);
    if entries.is_empty() {
        ui.weak(lang.t(Msg::NothingYet));
    } else if shown.is_empty() {
        ui.weak(lang.t(Msg::NothingFound));
    }
    egui::Grid::new("timeline")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for entry in shown {
                ui.weak(&entry.date);
                entry_ui(ui, lang, entry);
                ui.end_row();
            }
        });
}

/// One line of the timeline: what kind of event, then what was said or bought.
fn entry_ui(ui: &mut egui::Ui, lang: Lang, entry: &TimelineEntry) {
    ui.vertical(|ui| match &entry.event {
        TimelineEvent::Contact(c) => {
            ui.label(RichText::new(labels::channel(c.channel, lang)).strong());
            ui.label(&c.summary);
            if !c.outcome.is_empty() {
                ui.label(RichText::new(format!("→ {}", c.outcome)).italics());
            }
        }
        TimelineEvent::Order(o) => {
            ui.label(
                RichText::new(format!("{} {}", lang.t(Msg::EventOrder), o.order_number)).strong(),
            );
            for item in &o.items {
                let name = if item.name.is_empty() {
                    &item.sku
                } else {
                    &item.name
                };
                let price = money(item.price, &item.currency, lang);
                ui.label(format!(
                    "{name} ({}) {price} — {}",
                    item.size,
                    labels::status(item.status, lang)
                ));
            }
        }
        TimelineEvent::Return {
            order_number, item, ..
        } => {
            ui.label(
                RichText::new(format!("{} ({order_number})", lang.t(Msg::EventReturn))).strong(),
            );
            let name = if item.name.is_empty() {
                &item.sku
            } else {
                &item.name
            };
            ui.label(format!("{name} ({})", item.size));
            if let Some(record) = &item.returned {
                if !record.reason.is_empty() {
                    ui.label(RichText::new(format!("→ {}", record.reason)).italics());
                }
                if !record.fit.is_empty() {
                    ui.label(RichText::new(labels::fit(&record.fit, lang)).small());
                }
            }
        }
    });
}

fn contact_form(
    ui: &mut egui::Ui,
    lang: Lang,
    state: &mut TimelineState,
    results: &mut FormResults,
    out: &mut Vec<MemoryAction>,
) {
    let form = &mut state.form;
    if form.sent
        && let Some(result) = results.take(Form::Contact)
    {
        form.sent = false;
        match result {
            Ok(()) => {
                if !form.counterpart.trim().is_empty() {
                    state.chosen = form.counterpart.trim().to_string();
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
                        &state.chosen,
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
                    state.chosen.clone()
                } else {
                    form.counterpart.clone()
                };
                out.push(MemoryAction::AddContact(NewContact {
                    counterpart,
                    kind: form.kind,
                    channel: form.channel,
                    date: form.date.clone(),
                    summary: form.summary.clone(),
                    outcome: form.outcome.clone(),
                }));
            }
            if let Some(why) = &form.error {
                error_text(ui, why);
            }
        });
}
