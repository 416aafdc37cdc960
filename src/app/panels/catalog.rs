//! The Catalog tab: "Import garment…", the garments on offer (filter by retailer, category,
//! price, "fits me" and words), "Try on" / "Take off", and for each worn garment its size, the
//! fit table, the recommendation and "Add to wishlist". [`catalog_tab`] draws it from the
//! try-on's state and returns [`CatalogAction`]s; its system sends them to the one system that
//! applies them, so drawing never changes the outfit or the wishlist.

use super::PanelSystems;
use super::labels;
use super::right_panel::{RightPanel, RightPanelTab};
use crate::app::fit_words;
use crate::app::i18n::{Lang, Msg};
use crate::app::scene::outfit_picture::OutfitPicture;
use crate::app::scene::thumbnails::Thumbnails;
use crate::app::state::files::PendingDialog;
use crate::app::state::tryon::catalog::{CatalogFilter, PriceLimit, category_name, filter_catalog};
use crate::app::state::tryon::{Catalog, CatalogAction, FitProgress, TryOn, Worn};
use crate::fit::outfit::WornFit;
use crate::garment::{Category, GarmentMeta};
use crate::store::NewWishlistItem;
use bevy::prelude::*;
use bevy_egui::EguiPrimaryContextPass;
use bevy_egui::egui::{self, Color32, RichText};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        catalog_system
            .in_set(PanelSystems::RightPanel)
            .run_if(RightPanelTab::Catalog.shown()),
    );
}

/// What the catalog tab shows.
pub struct CatalogView<'a> {
    /// The UI's language.
    pub lang: Lang,
    /// The garments on offer.
    pub catalog: &'a Catalog,
    /// The outfit worn, with each garment's size and fit.
    pub tryon: &'a TryOn,
    /// Whether a fit is running.
    pub progress: &'a FitProgress,
    /// The garments' thumbnails (a grey square until drawn).
    pub thumbnails: &'a Thumbnails,
    /// Whether the outfit picture is being saved ("Save outfit as PNG…" waits).
    pub picture_busy: bool,
    /// Whether a file dialog is open ("Import garment…" waits).
    pub dialog_open: bool,
}

/// Draws the tab; `filter` is the tab's own and changes as it draws. Returns the changes the
/// shopper asked for.
pub fn catalog_tab(
    ui: &mut egui::Ui,
    view: &CatalogView,
    filter: &mut CatalogFilter,
) -> Vec<CatalogAction> {
    let lang = view.lang;
    let mut out = Vec::new();
    if ui
        .add_enabled(
            !view.dialog_open,
            egui::Button::new(lang.t(Msg::ImportGarmentFile)),
        )
        .on_hover_text(lang.t(Msg::DropToImport))
        .clicked()
    {
        out.push(CatalogAction::ImportFile);
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            worn_section(ui, view, &mut out);
            catalog_section(ui, view, filter, &mut out);
        });
    out
}

/// What the catalog tab's system reads.
#[derive(bevy::ecs::system::SystemParam)]
struct CatalogState<'w> {
    catalog: Res<'w, Catalog>,
    tryon: Res<'w, TryOn>,
    progress: Res<'w, FitProgress>,
    thumbnails: Res<'w, Thumbnails>,
    picture: Res<'w, OutfitPicture>,
    pending: Res<'w, PendingDialog>,
}

fn catalog_system(
    mut panel: RightPanel,
    state: CatalogState,
    mut filter: Local<CatalogFilter>,
    mut actions: MessageWriter<CatalogAction>,
) -> Result {
    let mut out = Vec::new();
    panel.show(|ui, lang| {
        let view = CatalogView {
            lang,
            catalog: &state.catalog,
            tryon: &state.tryon,
            progress: &state.progress,
            thumbnails: &state.thumbnails,
            picture_busy: state.picture.is_busy(),
            dialog_open: state.pending.is_open(),
        };
        out = catalog_tab(ui, &view, &mut filter);
    })?;
    actions.write_batch(out);
    Ok(())
}

pub(crate) fn category_label(category: Category, lang: Lang) -> &'static str {
    lang.t(match category {
        Category::Top => Msg::CatTop,
        Category::Shirt => Msg::CatShirt,
        Category::Knitwear => Msg::CatKnitwear,
        Category::Bottom => Msg::CatBottom,
        Category::Skirt => Msg::CatSkirt,
        Category::Dress => Msg::CatDress,
        Category::Outerwear => Msg::CatOuterwear,
    })
}

/// `"#1f3a5f"` → the colour (grey if unreadable).
fn swatch_colour(rgb: &str) -> Color32 {
    let hex = rgb.trim().trim_start_matches('#');
    let byte = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
    };
    match (hex.len(), byte(0), byte(2), byte(4)) {
        (6, Some(r), Some(g), Some(b)) => Color32::from_rgb(r, g, b),
        _ => Color32::GRAY,
    }
}

fn swatch(ui: &mut egui::Ui, meta: &GarmentMeta) {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(22.0, 22.0), egui::Sense::hover());
    let colour = meta
        .colourways
        .first()
        .map_or(Color32::GRAY, |c| swatch_colour(&c.rgb));
    ui.painter().rect_filled(rect, 4.0, colour);
    ui.painter().rect_stroke(
        rect,
        4.0,
        egui::Stroke::new(1.0, Color32::from_gray(120)),
        egui::StrokeKind::Inside,
    );
    if let Some(c) = meta.colourways.first() {
        response.on_hover_text(&c.name);
    }
}

fn price(meta: &GarmentMeta, lang: Lang) -> String {
    labels::money(meta.price, &meta.currency, lang)
}

fn worn_section(ui: &mut egui::Ui, view: &CatalogView, out: &mut Vec<CatalogAction>) {
    let lang = view.lang;
    if view.tryon.worn().is_empty() {
        return;
    }
    // Wrapped: in a narrow panel the button goes under the heading instead of over it.
    ui.horizontal_wrapped(|ui| {
        ui.heading(lang.t(Msg::Wearing));
        let idle = !view.picture_busy;
        if ui
            .add_enabled(idle, egui::Button::new(lang.t(Msg::SaveOutfitPng)))
            .clicked()
        {
            out.push(CatalogAction::SaveOutfitPng);
        }
    });
    for w in view.tryon.worn() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            worn_garment(ui, view, w, out);
        });
    }
    ui.add_space(8.0);
    ui.separator();
}

fn worn_garment(ui: &mut egui::Ui, view: &CatalogView, w: &Worn, out: &mut Vec<CatalogAction>) {
    let lang = view.lang;
    let meta = w.garment.meta();
    ui.horizontal(|ui| {
        swatch(ui, meta);
        ui.label(RichText::new(&meta.name).strong());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button(lang.t(Msg::TakeOff)).clicked() {
                out.push(CatalogAction::TakeOff {
                    sku: meta.sku.clone(),
                });
            }
        });
    });
    // The chart's answer, known at once (the drape's comes later).
    let chart = view
        .catalog
        .entries
        .iter()
        .find(|e| e.garment.meta().sku == meta.sku)
        .and_then(|e| e.chart_size.clone());
    // Size switcher: the chart's sizes, the recommended one marked.
    let recommended = w
        .fit
        .as_ref()
        .and_then(|f| f.recommended().map(str::to_string));
    let current = w
        .size
        .clone()
        .or_else(|| w.fit.as_ref().map(|f| f.selected_label().to_string()))
        .or_else(|| chart.clone())
        .unwrap_or_default();
    let odds = w.fit.as_ref().map(|f| &f.outcome.odds);
    let mark = |label: &str| {
        let mut text = label.to_string();
        if recommended.as_deref() == Some(label) {
            text.push_str(&format!(" ★ {}", lang.t(Msg::RecommendedMark)));
        }
        if let Some(p) = odds.map(|o| o.of(label)).filter(|&p| p > 0.0) {
            text.push_str(&format!(" · {} %", labels::number(p * 100.0, 0, lang)));
        }
        text
    };
    ui.horizontal(|ui| {
        let name = ui.label(lang.t(Msg::Size));
        let mut chosen = current.clone();
        egui::ComboBox::from_id_salt(("size", meta.sku.as_str()))
            .selected_text(mark(&current))
            .show_ui(ui, |ui| {
                for label in w.garment.size_labels() {
                    let text = mark(&label);
                    ui.selectable_value(&mut chosen, label, text);
                }
            })
            .response
            .labelled_by(name.id);
        if chosen != current {
            out.push(CatalogAction::SetSize {
                sku: meta.sku.clone(),
                size: Some(chosen),
            });
        }
        let fitting = view.progress.is_busy() || (w.fit.is_none() && w.error.is_none());
        if fitting {
            // A still mark, not a spinner: an animation would draw frames all through the fit.
            ui.weak(lang.t(Msg::Fitting));
        }
    });
    if w.fit.is_none() && w.error.is_none() {
        // Until the drape is done, what the size chart says.
        ui.horizontal_wrapped(|ui| match &chart {
            Some(size) => {
                ui.label(lang.t(Msg::ChartFits));
                ui.label(RichText::new(size).strong());
                ui.weak(lang.t(Msg::DrapeFollows));
            }
            None => {
                ui.label(lang.t(Msg::NoChartSize));
            }
        });
    }
    if let Some(error) = &w.error {
        ui.colored_label(
            Color32::from_rgb(200, 40, 40),
            format!("{} {error}", lang.t(Msg::FitFailed)),
        );
    }
    let Some(fit) = &w.fit else { return };
    // The recommendation, how likely it is, the runner-up, the measurement to take, the reasons.
    let rec = &fit.outcome.recommendation;
    let odds = &fit.outcome.odds;
    let likely = |p: f64| {
        format!(
            "({} % {})",
            labels::number(p * 100.0, 0, lang),
            lang.t(Msg::Likely)
        )
    };
    ui.horizontal_wrapped(|ui| match &rec.size {
        Some(size) => {
            ui.label(format!("{}:", lang.t(Msg::RecommendedSize)));
            ui.label(RichText::new(size).strong());
            ui.weak(likely(odds.of(size)));
        }
        None => {
            ui.label(RichText::new(lang.t(Msg::NoSizeFits)).strong());
            ui.weak(likely(odds.no_size));
        }
    });
    if let Some(r) = odds.runner_up_to(rec.size.as_deref()) {
        ui.horizontal_wrapped(|ui| {
            ui.label(lang.t(Msg::RunnerUp));
            ui.label(RichText::new(&r.label).strong());
            ui.weak(likely(r.probability));
        });
    }
    for a in &odds.history {
        ui.label(format!("↺ {}", fit_words::adjustment(a, lang)));
    }
    if let Some(next) = &odds.measure_next {
        let name = |l: &Option<String>| {
            l.clone()
                .unwrap_or_else(|| lang.t(Msg::NoSizeWord).to_string())
        };
        ui.horizontal_wrapped(|ui| {
            let text = format!(
                "{} {}",
                lang.t(Msg::MeasureNext),
                crate::app::i18n::key_label(next.key, lang)
            );
            if ui
                .link(text)
                .on_hover_text(lang.t(Msg::MeasureNextHint))
                .clicked()
            {
                out.push(CatalogAction::Measure(next.key));
            }
            ui.weak(format!(
                "{} {} {} {}",
                lang.t(Msg::DecidesBetween),
                name(&next.between[0]),
                lang.t(Msg::And),
                name(&next.between[1])
            ));
        });
    }
    for reason in &rec.reasons {
        ui.label(format!("• {}", fit_words::reason(reason, lang)));
    }
    // After a size switch the table is the previous size's until the new drape is done: say so.
    let shown = fit.selected_label();
    if let Some(next) = w.size.as_deref().filter(|next| *next != shown) {
        ui.horizontal_wrapped(|ui| {
            ui.label(lang.t(Msg::TableStillOf));
            ui.label(RichText::new(shown).strong());
            ui.weak(format!("({next}: {})", lang.t(Msg::Fitting)));
        });
    }
    // The fit table of the size shown: it scrolls sideways in a narrow panel rather than
    // widening it (which would push the text beside it out of sight).
    egui::ScrollArea::horizontal()
        .id_salt(("fit_table_scroll", meta.sku.as_str()))
        .show(ui, |ui| fit_table(ui, lang, meta, fit));
    if ui.button(lang.t(Msg::AddToWishlist)).clicked() {
        out.push(CatalogAction::AddToWishlist(NewWishlistItem {
            retailer: meta.retailer.clone(),
            sku: meta.sku.clone(),
            name: meta.name.clone(),
            size: fit.selected_label().to_string(),
            colourway: meta
                .colourways
                .first()
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            price: meta.price,
            currency: meta.currency.clone(),
            note: String::new(),
            added: String::new(),
        }));
    }
}

/// The fit table of the size shown: region, body, garment, ease, strain and verdict.
fn fit_table(ui: &mut egui::Ui, lang: Lang, meta: &GarmentMeta, fit: &WornFit) {
    egui::Grid::new(("fit_table", meta.sku.as_str()))
        .striped(true)
        .num_columns(6)
        .show(ui, |ui| {
            for msg in [
                Msg::Region,
                Msg::BodyCol,
                Msg::GarmentCol,
                Msg::Ease,
                Msg::Strain,
                Msg::VerdictCol,
            ] {
                ui.label(RichText::new(lang.t(msg)).strong());
            }
            ui.end_row();
            for r in &fit.worn.shown.map.regions {
                ui.label(labels::region(r.region, lang));
                let cm = |v: f64| format!("{} cm", labels::number(v, 1, lang));
                ui.label(cm(r.body_cm));
                ui.label(cm(r.garment_cm));
                let sign = if r.ease_cm >= 0.0 { "+" } else { "" };
                ui.label(format!("{sign}{}", cm(r.ease_cm)));
                ui.label(format!("{} %", labels::number(r.strain_pct, 1, lang)));
                // The verdict without the region's name (the first column says it).
                ui.label(fit_words::region_detail(r, lang))
                    .on_hover_text(fit_words::region_sentence(r, lang));
                ui.end_row();
            }
        });
}

fn catalog_section(
    ui: &mut egui::Ui,
    view: &CatalogView,
    filter: &mut CatalogFilter,
    out: &mut Vec<CatalogAction>,
) {
    let lang = view.lang;
    if !view.catalog.loaded {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(lang.t(Msg::CatalogLoading));
        });
        return;
    }
    if !view.catalog.problems.is_empty() {
        ui.colored_label(Color32::from_rgb(200, 40, 40), lang.t(Msg::CatalogProblems));
        for p in &view.catalog.problems {
            ui.label(p);
        }
    }
    filters(ui, lang, view.catalog, filter);
    ui.separator();
    let items: Vec<(&GarmentMeta, bool)> = view
        .catalog
        .entries
        .iter()
        .map(|e| (e.garment.meta(), e.chart_size.is_some()))
        .collect();
    let shown = filter_catalog(&items, filter);
    if shown.is_empty() {
        ui.weak(lang.t(Msg::NoMatch));
    }
    for i in shown {
        let entry = &view.catalog.entries[i];
        let meta = entry.garment.meta();
        let worn = view.tryon.is_worn(&meta.sku);
        ui.horizontal(|ui| {
            match view.thumbnails.ids.get(&meta.sku) {
                Some(&id) if id != egui::TextureId::default() => {
                    ui.image((id, egui::vec2(56.0, 56.0)));
                }
                _ => {
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(56.0, 56.0), egui::Sense::hover());
                    ui.painter().rect_filled(rect, 4.0, Color32::from_gray(60));
                }
            }
            swatch(ui, meta);
            // The button first, at the right edge; the text wraps in what is left of it (laid
            // out first, the text took the whole width and ran under the button).
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                if worn {
                    if ui.button(lang.t(Msg::TakeOff)).clicked() {
                        out.push(CatalogAction::TakeOff {
                            sku: meta.sku.clone(),
                        });
                    }
                } else if ui.button(lang.t(Msg::TryOn)).clicked() {
                    out.push(CatalogAction::PutOn {
                        sku: meta.sku.clone(),
                    });
                }
                let text = egui::Layout::top_down(egui::Align::Min);
                ui.allocate_ui_with_layout(egui::vec2(ui.available_width(), 0.0), text, |ui| {
                    ui.label(RichText::new(&meta.name).strong());
                    ui.label(format!(
                        "{} · {} · {}",
                        meta.retailer,
                        category_label(meta.category, lang),
                        price(meta, lang)
                    ));
                    match &entry.chart_size {
                        Some(size) => ui.label(format!("{} {size}", lang.t(Msg::ChartFits))),
                        None => ui.weak(lang.t(Msg::NoChartSize)),
                    };
                });
            });
        });
        ui.separator();
    }
}

/// The price limit: on or off, its currency (those of the catalog) and the amount, up to the
/// highest price in that currency.
fn max_price(ui: &mut egui::Ui, limit: &mut Option<PriceLimit>, currencies: &[(String, f64)]) {
    let Some((first, _)) = currencies.first() else {
        return;
    };
    let mut limited = limit.is_some();
    ui.checkbox(&mut limited, "");
    let mut current = limit.clone().unwrap_or(PriceLimit {
        amount: f64::INFINITY,
        currency: first.clone(),
    });
    ui.add_enabled_ui(limited, |ui| {
        egui::ComboBox::from_id_salt("price_currency")
            .width(56.0)
            .selected_text(current.currency.as_str())
            .show_ui(ui, |ui| {
                for (c, _) in currencies {
                    ui.selectable_value(&mut current.currency, c.clone(), c);
                }
            });
        let top = currencies
            .iter()
            .find(|(c, _)| *c == current.currency)
            .map_or(1.0, |(_, top)| top.ceil().max(1.0));
        current.amount = current.amount.min(top);
        ui.add(egui::Slider::new(&mut current.amount, 0.0..=top).step_by(1.0));
    });
    *limit = limited.then_some(current);
}

fn filters(ui: &mut egui::Ui, lang: Lang, catalog: &Catalog, filter: &mut CatalogFilter) {
    let mut retailers: Vec<String> = catalog
        .entries
        .iter()
        .map(|e| e.garment.meta().retailer.clone())
        .collect();
    retailers.sort();
    retailers.dedup();
    let mut categories: Vec<Category> = catalog
        .entries
        .iter()
        .map(|e| e.garment.meta().category)
        .collect();
    categories.sort_by_key(|c| category_name(*c));
    categories.dedup();
    // Each currency in the catalog with its highest price.
    let mut currencies: Vec<(String, f64)> = Vec::new();
    for e in &catalog.entries {
        let meta = e.garment.meta();
        match currencies.iter_mut().find(|(c, _)| *c == meta.currency) {
            Some((_, top)) => *top = top.max(meta.price),
            None => currencies.push((meta.currency.clone(), meta.price)),
        }
    }
    currencies.sort_by(|a, b| a.0.cmp(&b.0));
    egui::Grid::new("catalog_filters")
        .num_columns(2)
        .show(ui, |ui| {
            let label = ui.label(lang.t(Msg::Search));
            ui.text_edit_singleline(&mut filter.search)
                .labelled_by(label.id);
            ui.end_row();

            ui.label(lang.t(Msg::Retailer));
            egui::ComboBox::from_id_salt("retailer_filter")
                .selected_text(filter.retailer.as_deref().unwrap_or(lang.t(Msg::AnyChoice)))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut filter.retailer, None, lang.t(Msg::AnyChoice));
                    for r in &retailers {
                        ui.selectable_value(&mut filter.retailer, Some(r.clone()), r);
                    }
                });
            ui.end_row();

            ui.label(lang.t(Msg::Category));
            egui::ComboBox::from_id_salt("category_filter")
                .selected_text(
                    filter
                        .category
                        .map_or(lang.t(Msg::AnyChoice), |c| category_label(c, lang)),
                )
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut filter.category, None, lang.t(Msg::AnyChoice));
                    for &c in &categories {
                        ui.selectable_value(&mut filter.category, Some(c), category_label(c, lang));
                    }
                });
            ui.end_row();

            ui.label(lang.t(Msg::MaxPrice));
            ui.horizontal(|ui| max_price(ui, &mut filter.max_price, &currencies));
            ui.end_row();
            // A limit is in one currency: say what it hides besides the dearer garments.
            if let Some(limit) = &filter.max_price {
                let other = catalog
                    .entries
                    .iter()
                    .filter(|e| e.garment.meta().currency != limit.currency)
                    .count();
                if other > 0 {
                    ui.label("");
                    ui.weak(format!("{other} {}", lang.t(Msg::OtherCurrenciesHidden)));
                    ui.end_row();
                }
            }

            ui.label(lang.t(Msg::FitsMe));
            ui.checkbox(&mut filter.fits_me, "");
            ui.end_row();
        });
    if *filter != CatalogFilter::default() && ui.small_button(lang.t(Msg::ClearFilter)).clicked() {
        *filter = CatalogFilter::default();
    }
}
