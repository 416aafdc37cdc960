//! The Concierge tab: "For you" (the store's products ranked by the shopper's own history, each
//! with its size, probability, price and reasons), "Alternatives" (other retailers' products
//! like one the shopper has) and "Reminders" (return windows closing, price drops, sizes back in
//! stock; the tab's badge counts them). "Try on" puts a product with a 3D model on the avatar
//! in its size; "Add to wishlist" stores it. [`concierge_tab`] draws from
//! [`ConciergeAdvice`] and returns actions; its system sends them.

use super::right_panel::RightPanelTab;
use super::store_tab::StoreTabs;
use super::{PanelSystems, labels};
use crate::app::concierge_words;
use crate::app::i18n::{Lang, Msg, Said};
use crate::app::scene::thumbnails::Thumbnails;
use crate::app::state::concierge::{ConciergeAdvice, Subject};
use crate::app::state::store_actions::StoreAction;
use crate::app::state::tryon::{CatalogAction, CatalogDir};
use crate::concierge::{Alternatives, Suggestion};
use bevy::prelude::*;
use bevy_egui::EguiPrimaryContextPass;
use bevy_egui::egui::{self, Color32, RichText};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        concierge_system
            .in_set(PanelSystems::RightPanel)
            .run_if(RightPanelTab::Concierge.shown()),
    );
}

/// The tab's parts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Section {
    /// "For you".
    #[default]
    ForYou,
    /// Alternatives for a product the shopper has.
    Alternatives,
    /// The reminders.
    Reminders,
}

/// What the tab keeps between frames: the part shown, the product whose alternatives are
/// shown, and those alternatives (computed once per advice revision and product).
#[derive(Default)]
pub struct ConciergeState {
    /// The part shown.
    pub section: Section,
    /// The product whose alternatives are shown (index into the advice's subjects).
    pub subject: usize,
    computed: Option<(u64, Subject, Option<Alternatives>)>,
}

/// What the tab reads besides the advice.
pub struct ConciergeView<'a> {
    /// The UI's language.
    pub lang: Lang,
    /// The advice.
    pub advice: &'a ConciergeAdvice,
    /// The catalog garments' thumbnails.
    pub thumbnails: &'a Thumbnails,
    /// Where the sample catalog is ("Add the sample catalog").
    pub sample: &'a std::path::Path,
}

/// What the shopper asked for in the tab.
#[derive(Default, Debug)]
pub struct ConciergeActions {
    /// Try-ons.
    pub catalog: Vec<CatalogAction>,
    /// Changes to the store (wishlist, dismissed reminders, catalogs).
    pub store: Vec<StoreAction>,
    /// Wishlist additions.
    pub wishes: Vec<crate::store::NewWishlistItem>,
}

#[derive(bevy::ecs::system::SystemParam)]
struct ConciergeInputs<'w> {
    advice: Res<'w, ConciergeAdvice>,
    thumbnails: Res<'w, Thumbnails>,
    sample: Res<'w, CatalogDir>,
    catalog: MessageWriter<'w, CatalogAction>,
}

fn concierge_system(
    mut tabs: StoreTabs,
    mut inputs: ConciergeInputs,
    mut state: Local<ConciergeState>,
) -> Result {
    let mut asked = ConciergeActions::default();
    tabs.show(RightPanelTab::Concierge, |ui, lang, _, _, out| {
        let view = ConciergeView {
            lang,
            advice: &inputs.advice,
            thumbnails: &inputs.thumbnails,
            sample: &inputs.sample.0,
        };
        concierge_tab(ui, &view, &mut state, &mut asked);
        out.append(&mut asked.store);
    })?;
    inputs.catalog.write_batch(asked.catalog);
    inputs
        .catalog
        .write_batch(asked.wishes.into_iter().map(CatalogAction::AddToWishlist));
    Ok(())
}

/// The badge of the Concierge tab: the number of reminders (none: no badge).
pub fn badge(advice: &ConciergeAdvice) -> usize {
    advice.reminders.len()
}

/// Draws the tab; the shopper's requests go to `out`.
pub fn concierge_tab(
    ui: &mut egui::Ui,
    view: &ConciergeView,
    state: &mut ConciergeState,
    out: &mut ConciergeActions,
) {
    let (lang, advice) = (view.lang, view.advice);
    if let Some(why) = &advice.error {
        super::error_text(ui, why.get(lang));
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.selectable_value(&mut state.section, Section::ForYou, lang.t(Msg::ForYou));
        ui.selectable_value(
            &mut state.section,
            Section::Alternatives,
            lang.t(Msg::Alternatives),
        );
        let reminders = match advice.reminders.len() {
            0 => lang.t(Msg::Reminders).to_string(),
            n => format!("{} ({n})", lang.t(Msg::Reminders)),
        };
        ui.selectable_value(&mut state.section, Section::Reminders, reminders);
    });
    ui.separator();
    if state.section == Section::Reminders {
        reminders(ui, lang, advice, out);
        return;
    }
    if advice.products == 0 {
        ui.label(lang.t(Msg::NoProducts));
        if ui.button(lang.t(Msg::AddSampleCatalog)).clicked() {
            out.store.push(StoreAction::AddCatalog {
                paths: sample_catalogs(view.sample),
            });
        }
        ui.weak(lang.t(Msg::CatalogCommandHint));
        return;
    }
    if advice.shopper.is_none() {
        ui.label(lang.t(Msg::ConciergeNeedsBody));
        return;
    }
    ui.weak(format!(
        "{} {}",
        advice.products,
        lang.t(Msg::ProductsInStore)
    ));
    match state.section {
        Section::ForYou => {
            if advice.for_you.is_empty() {
                ui.label(lang.t(Msg::NothingToSuggest));
            }
            for s in &advice.for_you {
                product(ui, view, s, out);
            }
        }
        Section::Alternatives => alternatives(ui, view, state, out),
        Section::Reminders => {}
    }
}

/// The sample's catalog files (`<retailer>.catalog.json`), sorted.
fn sample_catalogs(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map(|list| {
            list.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.to_string_lossy().ends_with(".catalog.json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The reminders, each with "Dismiss".
fn reminders(ui: &mut egui::Ui, lang: Lang, advice: &ConciergeAdvice, out: &mut ConciergeActions) {
    if advice.reminders.is_empty() {
        ui.weak(lang.t(Msg::NoReminders));
        return;
    }
    for r in &advice.reminders {
        ui.group(|ui| {
            ui.set_width(ui.available_width());
            let text = concierge_words::reminder(r, lang);
            ui.label(&text);
            if ui.button(lang.t(Msg::DismissReminder)).clicked() {
                out.store.push(StoreAction::DismissReminder {
                    key: r.key.clone(),
                    label: Said::each(|lang| concierge_words::reminder(r, lang)),
                });
            }
        });
    }
}

/// Alternatives for one product the shopper has, picked in a list.
fn alternatives(
    ui: &mut egui::Ui,
    view: &ConciergeView,
    state: &mut ConciergeState,
    out: &mut ConciergeActions,
) {
    let (lang, advice) = (view.lang, view.advice);
    if advice.subjects.is_empty() {
        ui.label(lang.t(Msg::NoSubjects));
        return;
    }
    state.subject = state.subject.min(advice.subjects.len() - 1);
    let name = |s: &Subject| format!("{} \u{2014} {}", s.name, s.retailer);
    ui.horizontal(|ui| {
        let label = ui.label(lang.t(Msg::AlternativesFor));
        egui::ComboBox::from_id_salt("alternatives_for")
            .selected_text(name(&advice.subjects[state.subject]))
            .width(ui.available_width() - 8.0)
            .show_ui(ui, |ui| {
                for (i, s) in advice.subjects.iter().enumerate() {
                    ui.selectable_value(&mut state.subject, i, name(s));
                }
            })
            .response
            .labelled_by(label.id);
    });
    let subject = &advice.subjects[state.subject];
    let stale =
        !matches!(&state.computed, Some((rev, s, _)) if *rev == advice.revision && s == subject);
    if stale {
        state.computed = Some((
            advice.revision,
            subject.clone(),
            advice.alternatives(subject),
        ));
    }
    let Some((_, _, Some(found))) = &state.computed else {
        return;
    };
    if let Some(lacking) = &found.lacking_why {
        ui.label(
            RichText::new(concierge_words::lacking(lacking, lang))
                .color(Color32::from_rgb(230, 160, 60)),
        );
    }
    if found.products.is_empty() {
        ui.weak(lang.t(Msg::NoAlternatives));
    }
    for s in &found.products {
        product(ui, view, s, out);
    }
}

/// One product: thumbnail, name, retailer, size with its probability, price, reasons, and
/// "Try on" (with a 3D model) / "Add to wishlist".
fn product(ui: &mut egui::Ui, view: &ConciergeView, s: &Suggestion, out: &mut ConciergeActions) {
    let lang = view.lang;
    let garment = view.advice.garment_of(s);
    ui.group(|ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            let colour = view
                .advice
                .product(&s.retailer, &s.sku)
                .map(|p| p.colour.as_str());
            super::catalog_list::thumbnail(ui, view.thumbnails, garment, colour);
            ui.vertical(|ui| {
                ui.label(RichText::new(&s.name).strong());
                if s.brand.eq_ignore_ascii_case(&s.retailer) {
                    ui.label(&s.retailer);
                } else {
                    ui.label(format!("{} · {}", s.retailer, s.brand));
                }
                // What the history changed in the size, on hover of the size (a line per
                // region would bury the reasons).
                let lessons: Vec<String> = s
                    .why
                    .iter()
                    .filter(|w| matches!(w, crate::concierge::Why::Lesson(_)))
                    .map(|w| concierge_words::why(w, lang))
                    .collect();
                let size = format!(
                    "{} {} · {:.0} % · {}{}",
                    lang.t(Msg::Size),
                    s.size,
                    s.probability * 100.0,
                    labels::money(s.price, &s.currency, lang),
                    if lessons.is_empty() { "" } else { " ↺" }
                );
                let size = ui.label(size);
                if !lessons.is_empty() {
                    size.on_hover_text(lessons.join("\n"));
                }
            });
        });
        let shown = s.why.iter().filter(|w| {
            !matches!(
                w,
                crate::concierge::Why::Size { .. } | crate::concierge::Why::Lesson(_)
            )
        });
        for why in shown {
            ui.label(RichText::new(concierge_words::why(why, lang)).small());
        }
        ui.horizontal(|ui| {
            match garment {
                Some(sku) => {
                    if ui.button(lang.t(Msg::TryOn)).clicked() {
                        out.catalog.push(CatalogAction::TryOn {
                            sku: sku.to_string(),
                            size: Some(s.size.clone()),
                            product: view
                                .advice
                                .product(&s.retailer, &s.sku)
                                .cloned()
                                .map(Box::new),
                        });
                    }
                }
                None => {
                    ui.weak(lang.t(Msg::NoModel));
                }
            }
            if ui.button(lang.t(Msg::AddToWishlist)).clicked() {
                out.wishes.push(view.advice.wish(s));
            }
        });
    });
}
