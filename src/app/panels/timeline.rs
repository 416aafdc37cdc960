//! The Timeline tab: pick a retailer or stylist and see what happened before — contacts,
//! orders and returns, newest first in one list — with a search over it, and a small form to
//! record a new contact.

use super::PanelSystems;
use super::right_panel::RightPanelTab;
use super::store_tab::StoreTabs;
use crate::app::i18n::{Lang, Msg};
use crate::app::panels::contact_form::{ContactForm, contact_form};
use crate::app::panels::labels::{self, money};
use crate::app::panels::timeline_search::filter_timeline;
use crate::app::panels::{Loaded, error_text};
use crate::app::state::store::ShopperStore;
use crate::app::state::store_actions::{FormResults, StoreAction};
use crate::store::{Store, StoreError, TimelineEntry, TimelineEvent, date};
use bevy::prelude::*;
use bevy_egui::EguiPrimaryContextPass;
use bevy_egui::egui::{self, RichText};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        timeline_system
            .in_set(PanelSystems::RightPanel)
            .run_if(RightPanelTab::Timeline.shown()),
    );
}

fn timeline_system(mut tabs: StoreTabs, mut state: Local<TimelineState>) -> Result {
    tabs.show(RightPanelTab::Timeline, |ui, lang, store, results, out| {
        timeline_tab(ui, lang, store, &mut state, results, out)
    })
}

/// The tab's state: the counterparts and the chosen one's timeline as last read, the search and
/// the contact form.
#[derive(Default)]
pub struct TimelineState {
    read_at: Option<(u64, String)>,
    counterparts: Loaded<Vec<String>>,
    chosen: String,
    entries: Loaded<Vec<TimelineEntry>>,
    search: String,
    form: ContactForm,
}

/// Draws the Timeline tab from the store; the changes the shopper asks for go to `out`.
pub fn timeline_tab(
    ui: &mut egui::Ui,
    lang: Lang,
    store: &ShopperStore,
    state: &mut TimelineState,
    results: &mut FormResults,
    out: &mut Vec<StoreAction>,
) {
    if state.read_at.as_ref().map(|(rev, _)| *rev) != Some(store.revision()) {
        state.counterparts = Loaded(store.read(|s| s.counterparts()));
    }
    let names = match &state.counterparts.0 {
        Ok(names) => names.clone(),
        Err(why) => {
            error_text(ui, why.get(lang));
            return;
        }
    };
    if names.is_empty() {
        ui.weak(lang.t(Msg::NoCounterparts));
    } else if !names.iter().any(|n| n == &state.chosen) {
        state.chosen = store
            .read(|s| latest_counterpart(s, &names))
            .unwrap_or_else(|_| names[0].clone());
    }
    if !names.is_empty() {
        ui.horizontal(|ui| {
            ui.label(lang.t(Msg::TimelineCounterpart));
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
    contact_form(ui, lang, &mut state.form, &mut state.chosen, results, out);
    if state.chosen.is_empty() {
        return;
    }
    ui.separator();
    ui.horizontal(|ui| {
        ui.label(RichText::new(lang.t(Msg::WhatHappened)).strong());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.add(
                egui::TextEdit::singleline(&mut state.search)
                    .hint_text(format!("🔍 {}", lang.t(Msg::Search)))
                    .desired_width(190.0),
            )
            .on_hover_text(lang.t(Msg::SearchHint));
        });
    });
    let entries = match &state.entries.0 {
        Ok(entries) => entries,
        Err(why) => {
            error_text(ui, why.get(lang));
            return;
        }
    };
    let shown = filter_timeline(entries, &state.search);
    if entries.is_empty() {
        ui.weak(lang.t(Msg::NothingYet));
    } else if shown.is_empty() {
        ui.weak(lang.t(Msg::NothingFound));
    }
    for entry in shown {
        ui.add_space(4.0);
        entry_ui(ui, lang, entry);
    }
}

/// The counterpart with the newest event (the first name on a tie or an unreadable store).
fn latest_counterpart(store: &Store, names: &[String]) -> Result<String, StoreError> {
    let mut best: Option<(i64, &String)> = None;
    for name in names {
        let newest = store
            .timeline(name, None)?
            .first()
            .and_then(|e| date::parse(&e.date).ok())
            .map_or(i64::MIN, |d| d.to_days());
        if best.is_none_or(|(day, _)| newest > day) {
            best = Some((newest, name));
        }
    }
    Ok(best.map(|(_, n)| n.clone()).unwrap_or_default())
}

/// One entry of the timeline: the date and what kind of event, then what was said or bought.
fn entry_ui(ui: &mut egui::Ui, lang: Lang, entry: &TimelineEntry) {
    let heading = match &entry.event {
        TimelineEvent::Contact(c) => capitalised(labels::channel(c.record.channel, lang)),
        TimelineEvent::Order(o) => format!("{} {}", lang.t(Msg::EventOrder), o.order_number),
        TimelineEvent::Return { order_number, .. } => {
            format!("{} ({order_number})", lang.t(Msg::EventReturn))
        }
    };
    ui.horizontal(|ui| {
        ui.weak(&entry.date);
        ui.label(RichText::new(heading).strong());
    });
    ui.indent(
        ("entry", &entry.date, &entry.counterpart),
        |ui| match &entry.event {
            TimelineEvent::Contact(c) => {
                ui.label(&c.record.summary);
                if !c.record.outcome.is_empty() {
                    ui.label(
                        RichText::new(format!("{}: {}", lang.t(Msg::Outcome), c.record.outcome))
                            .italics(),
                    );
                }
            }
            TimelineEvent::Order(o) => {
                for item in &o.items {
                    let price = money(item.line.price, &item.line.currency, lang);
                    ui.label(format!(
                        "{} ({}) {price} — {}",
                        shown_name(&item.line.name, &item.line.sku),
                        item.line.size,
                        labels::status(item.status, lang)
                    ));
                }
            }
            TimelineEvent::Return { item, .. } => {
                ui.label(format!(
                    "{} ({})",
                    shown_name(&item.line.name, &item.line.sku),
                    item.line.size
                ));
                if let Some(record) = &item.returned {
                    if !record.reason.is_empty() {
                        ui.label(
                            RichText::new(format!("{}: {}", lang.t(Msg::Reason), record.reason))
                                .italics(),
                        );
                    }
                    if !record.fit.is_empty() {
                        ui.label(labels::fit_feedback_line(&record.fit, lang));
                    }
                }
            }
        },
    );
}

/// `"phone"` → `"Phone"`, for a heading.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A garment's name, or its article number when it has none.
fn shown_name<'a>(name: &'a str, sku: &'a str) -> &'a str {
    if name.trim().is_empty() { sku } else { name }
}
