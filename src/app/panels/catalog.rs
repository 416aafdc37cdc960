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
use crate::app::state::offers::Offers;
use crate::app::state::tryon::catalog::CatalogFilter;
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
    /// The store's products.
    pub offers: &'a Offers,
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
            super::catalog_list::catalog_section(ui, view, filter, &mut out);
        });
    out
}

/// What the catalog tab's system reads.
#[derive(bevy::ecs::system::SystemParam)]
struct CatalogState<'w> {
    catalog: Res<'w, Catalog>,
    offers: Res<'w, Offers>,
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
            offers: &state.offers,
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

/// The garment file's first colourway as a swatch, its name on hover.
pub(super) fn swatch(ui: &mut egui::Ui, meta: &GarmentMeta) {
    let first = meta.colourways.first();
    let colour = first.map_or(Color32::GRAY, |c| swatch_colour(&c.rgb));
    colour_swatch(ui, colour, first.map_or("", |c| c.name.as_str()));
}

/// A colour swatch, `name` on hover (none when empty).
pub(super) fn colour_swatch(ui: &mut egui::Ui, colour: Color32, name: &str) {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(22.0, 22.0), egui::Sense::hover());
    ui.painter().rect_filled(rect, 4.0, colour);
    ui.painter().rect_stroke(
        rect,
        4.0,
        egui::Stroke::new(1.0, Color32::from_gray(120)),
        egui::StrokeKind::Inside,
    );
    if !name.is_empty() {
        response.on_hover_text(name);
    }
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
        match &w.product {
            Some(p) => super::catalog_list::named_swatch(ui, &p.colour),
            None => swatch(ui, meta),
        }
        match &w.product {
            Some(p) => {
                ui.label(RichText::new(format!("{} \u{2014} {}", p.name, p.retailer)).strong())
            }
            None => ui.label(RichText::new(&meta.name).strong()),
        };
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
        out.push(CatalogAction::AddToWishlist(wish(w, fit.selected_label())));
    }
}

/// A worn garment in `size` as a wishlist item: the store's product it was tried on as (its
/// retailer, SKU, colour and price), else the garment's own metadata.
fn wish(w: &Worn, size: &str) -> NewWishlistItem {
    if let Some(p) = &w.product {
        return NewWishlistItem {
            retailer: p.retailer.clone(),
            sku: p.sku.clone(),
            name: p.name.clone(),
            size: size.to_string(),
            colourway: p.colour.clone(),
            price: p.price,
            currency: p.currency.clone(),
            note: String::new(),
            added: String::new(),
        };
    }
    let meta = w.garment.meta();
    NewWishlistItem {
        retailer: meta.retailer.clone(),
        sku: meta.sku.clone(),
        name: meta.name.clone(),
        size: size.to_string(),
        colourway: meta
            .colourways
            .first()
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        price: meta.price,
        currency: meta.currency.clone(),
        note: String::new(),
        added: String::new(),
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
