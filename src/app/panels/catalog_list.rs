//! The catalog tab's list: what is on offer, filtered (retailer, category, price, "fits me",
//! words). With retailers' catalogs in the store, the list is the store's products — each colour
//! at its retailer's price, with its 3D model's thumbnail and "Try on" where it has one, its
//! chart's size either way — followed by the garment files no product uses (imports). Without,
//! it is the catalog folder's garments as read.

use super::catalog::{CatalogView, category_label, swatch};
use crate::app::i18n::{Lang, Msg};
use crate::app::panels::labels;
use crate::app::scene::thumbnails::Thumbnails;
use crate::app::state::tryon::CatalogAction;
use crate::app::state::tryon::catalog::{CatalogFilter, PriceLimit, category_name, filter_catalog};
use crate::catalog::Product;
use crate::garment::{Category, GarmentMeta};
use bevy_egui::egui::{self, Color32, RichText};
use std::collections::HashSet;

/// One line of the list.
pub struct Row<'a> {
    /// What the filters read.
    pub meta: &'a GarmentMeta,
    /// The size the chart gives the current body.
    pub chart_size: Option<&'a str>,
    /// The catalog garment it is tried on with (`None`: no 3D model).
    pub garment: Option<&'a str>,
    /// The store's product, for a product.
    pub product: Option<&'a Product>,
}

/// The lines: the store's products, then the catalog garments no product uses; or, with no
/// products in the store, the catalog's garments.
pub fn rows<'a>(view: &'a CatalogView) -> Vec<Row<'a>> {
    let products = view.offers.entries.iter().map(|o| Row {
        meta: &o.meta,
        chart_size: o.chart_size.as_deref(),
        garment: o.garment.as_deref(),
        product: Some(o.product()),
    });
    let used: HashSet<&str> = view.offers.garments_used().collect();
    let garments = view
        .catalog
        .entries
        .iter()
        .filter(|e| !used.contains(e.garment.meta().sku.as_str()))
        .map(|e| Row {
            meta: e.garment.meta(),
            chart_size: e.chart_size.as_deref(),
            garment: Some(e.garment.meta().sku.as_str()),
            product: None,
        });
    products.chain(garments).collect()
}

/// The filters and the list.
pub(super) fn catalog_section(
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
    let rows = rows(view);
    filters(ui, lang, &rows, filter);
    ui.separator();
    let items: Vec<(&GarmentMeta, bool)> = rows
        .iter()
        .map(|r| (r.meta, r.chart_size.is_some()))
        .collect();
    let shown = filter_catalog(&items, filter);
    if shown.is_empty() {
        ui.weak(lang.t(Msg::NoMatch));
    }
    for i in shown {
        row_ui(ui, view, &rows[i], out);
        ui.separator();
    }
}

/// Whether the row is what is worn: its garment, tried on as this product (or as itself).
fn is_worn(view: &CatalogView, row: &Row) -> bool {
    let Some(worn) = row.garment.and_then(|sku| view.tryon.get(sku)) else {
        return false;
    };
    match (row.product, &worn.product) {
        (Some(p), Some(w)) => p.retailer == w.retailer && p.sku == w.sku,
        (None, None) => true,
        _ => false,
    }
}

fn row_ui(ui: &mut egui::Ui, view: &CatalogView, row: &Row, out: &mut Vec<CatalogAction>) {
    let lang = view.lang;
    let meta = row.meta;
    let worn = is_worn(view, row);
    ui.horizontal(|ui| {
        let colour = row.product.map(|p| p.colour.as_str());
        thumbnail(ui, view.thumbnails, row.garment, colour);
        match row.product {
            Some(p) => named_swatch(ui, &p.colour),
            None => swatch(ui, meta),
        }
        // The button first, at the right edge; the text wraps in what is left of it (laid out
        // first, the text took the whole width and ran under the button).
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
            if let Some(sku) = row.garment {
                let label = if worn { Msg::TakeOff } else { Msg::TryOn };
                if ui.button(lang.t(label)).clicked() {
                    let sku = sku.to_string();
                    out.push(match (worn, row.product) {
                        (true, _) => CatalogAction::TakeOff { sku },
                        (false, Some(p)) => CatalogAction::TryOn {
                            sku,
                            size: None,
                            product: Some(Box::new(p.clone())),
                        },
                        (false, None) => CatalogAction::PutOn { sku },
                    });
                }
            }
            let text = egui::Layout::top_down(egui::Align::Min);
            ui.allocate_ui_with_layout(egui::vec2(ui.available_width(), 0.0), text, |ui| {
                ui.label(RichText::new(&meta.name).strong());
                let mut facts = vec![meta.retailer.clone()];
                if let Some(p) = row.product.filter(|p| !p.colour.is_empty()) {
                    facts.push(p.colour.clone());
                }
                facts.push(category_label(meta.category, lang).to_string());
                facts.push(labels::money(meta.price, &meta.currency, lang));
                ui.label(facts.join(" · "));
                match row.chart_size {
                    Some(size) => ui.label(format!("{} {size}", lang.t(Msg::ChartFits))),
                    None => ui.weak(lang.t(Msg::NoChartSize)),
                };
                if row.garment.is_none() {
                    ui.weak(lang.t(Msg::NoModel));
                }
            });
        });
    });
}

/// The thumbnail of catalog garment `garment`, in the colour named `colour` where the name is
/// known (a product sold in another colour than the file's), a grey square until drawn.
pub fn thumbnail(
    ui: &mut egui::Ui,
    thumbnails: &Thumbnails,
    garment: Option<&str>,
    colour: Option<&str>,
) {
    let size = egui::vec2(56.0, 56.0);
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    let tint = colour.and_then(labels::colour_by_name);
    match garment.and_then(|sku| thumbnails.picture(sku, tint)) {
        Some((id, tint)) => {
            // The thumbnails' own background, behind a tinted one's clear one.
            ui.painter()
                .rect_filled(rect, 0.0, Color32::from_rgb(235, 240, 247));
            egui::Image::new((id, size)).tint(tint).paint_at(ui, rect);
        }
        None => {
            ui.painter().rect_filled(rect, 4.0, Color32::from_gray(60));
        }
    }
}

/// A swatch for a colour named in a catalog (`"navy"`), grey when the name is not known; the
/// name on hover.
pub(super) fn named_swatch(ui: &mut egui::Ui, name: &str) {
    let colour = labels::colour_by_name(name).unwrap_or(Color32::GRAY);
    super::catalog::colour_swatch(ui, colour, name);
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

fn filters(ui: &mut egui::Ui, lang: Lang, rows: &[Row], filter: &mut CatalogFilter) {
    let mut retailers: Vec<String> = rows.iter().map(|r| r.meta.retailer.clone()).collect();
    retailers.sort();
    retailers.dedup();
    let mut categories: Vec<Category> = rows.iter().map(|r| r.meta.category).collect();
    categories.sort_by_key(|c| category_name(*c));
    categories.dedup();
    // Each currency in the catalog with its highest price.
    let mut currencies: Vec<(String, f64)> = Vec::new();
    for meta in rows.iter().map(|r| r.meta) {
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
                let other = rows
                    .iter()
                    .filter(|r| r.meta.currency != limit.currency)
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
