//! The Catalog tab: the garments on offer (filter by retailer, category, price, "fits me" and
//! words), "Try on" / "Take off", and for each worn garment its size, the fit table, the
//! recommendation and "Add to wishlist".

use crate::app::fit_words;
use crate::app::garments::catalog::{CatalogFilter, PriceLimit, category_name, filter_catalog};
use crate::app::garments::outfit_png::{OutfitPicture, SaveOutfitPng};
use crate::app::garments::thumbnail::Thumbnails;
use crate::app::garments::{Catalog, FitProgress, TryOn, Worn};
use crate::app::i18n::{Lang, Msg};
use crate::app::memory::labels;
use crate::app::side::AddToWishlist;
use crate::garment::{Category, GarmentMeta};
use crate::store::NewWishlistItem;
use bevy::prelude::*;
use bevy_egui::egui::{self, Color32, RichText};

/// What the Catalog tab reads and changes.
#[derive(bevy::ecs::system::SystemParam)]
pub(super) struct CatalogPanel<'w, 's> {
    catalog: Res<'w, Catalog>,
    tryon: ResMut<'w, TryOn>,
    progress: Res<'w, FitProgress>,
    thumbnails: Res<'w, Thumbnails>,
    picture: Res<'w, OutfitPicture>,
    save_picture: MessageWriter<'w, SaveOutfitPng>,
    wishlist: MessageWriter<'w, AddToWishlist>,
    filter: Local<'s, CatalogFilter>,
}

pub(super) fn catalog_tab(ui: &mut egui::Ui, lang: Lang, panel: &mut CatalogPanel) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            worn_section(ui, lang, panel);
            catalog_section(ui, lang, panel);
        });
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

fn price(meta: &GarmentMeta) -> String {
    format!("{:.2} {}", meta.price, meta.currency)
}

fn worn_section(ui: &mut egui::Ui, lang: Lang, panel: &mut CatalogPanel) {
    if panel.tryon.worn().is_empty() {
        return;
    }
    ui.horizontal(|ui| {
        ui.heading(lang.t(Msg::Wearing));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let idle = !panel.picture.is_busy();
            if ui
                .add_enabled(idle, egui::Button::new(lang.t(Msg::SaveOutfitPng)))
                .clicked()
            {
                panel.save_picture.write(SaveOutfitPng);
            }
        });
    });
    let worn: Vec<Worn> = panel.tryon.worn().to_vec();
    for w in &worn {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            worn_garment(ui, lang, panel, w);
        });
    }
    ui.add_space(8.0);
    ui.separator();
}

fn worn_garment(ui: &mut egui::Ui, lang: Lang, panel: &mut CatalogPanel, w: &Worn) {
    let meta = w.garment.meta();
    ui.horizontal(|ui| {
        swatch(ui, meta);
        ui.label(RichText::new(&meta.name).strong());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button(lang.t(Msg::TakeOff)).clicked() {
                panel.tryon.take_off(&meta.sku);
            }
        });
    });
    // Size switcher: the chart's sizes, the recommended one marked.
    let recommended = w
        .fit
        .as_ref()
        .and_then(|f| f.recommended().map(str::to_string));
    let current = w
        .size
        .clone()
        .or_else(|| w.fit.as_ref().map(|f| f.selected_label().to_string()))
        .unwrap_or_default();
    let mark = |label: &str| {
        if recommended.as_deref() == Some(label) {
            format!("{label} ★ {}", lang.t(Msg::RecommendedMark))
        } else {
            label.to_string()
        }
    };
    ui.horizontal(|ui| {
        ui.label(lang.t(Msg::Size));
        let mut chosen = current.clone();
        egui::ComboBox::from_id_salt(("size", meta.sku.as_str()))
            .selected_text(mark(&current))
            .show_ui(ui, |ui| {
                for label in w.garment.size_labels() {
                    let text = mark(&label);
                    ui.selectable_value(&mut chosen, label, text);
                }
            });
        if chosen != current {
            panel.tryon.set_size(&meta.sku, Some(chosen));
        }
        let fitting = panel.progress.is_busy() || (w.fit.is_none() && w.error.is_none());
        if fitting {
            ui.spinner();
            ui.weak(lang.t(Msg::Fitting));
        }
    });
    if let Some(error) = &w.error {
        ui.colored_label(
            Color32::from_rgb(200, 40, 40),
            format!("{} {error}", lang.t(Msg::FitFailed)),
        );
    }
    let Some(fit) = &w.fit else { return };
    // The recommendation, its confidence and reasons.
    let rec = &fit.outcome.recommendation;
    ui.horizontal_wrapped(|ui| match &rec.size {
        Some(size) => {
            ui.label(format!("{}:", lang.t(Msg::RecommendedSize)));
            ui.label(RichText::new(size).strong());
            ui.weak(format!(
                "({} {:.0} %)",
                lang.t(Msg::Confidence),
                rec.confidence * 100.0
            ));
        }
        None => {
            ui.label(RichText::new(lang.t(Msg::NoSizeFits)).strong());
        }
    });
    for reason in &rec.reasons {
        ui.label(RichText::new(format!("• {}", fit_words::reason(reason, lang))).small());
    }
    // The fit table of the size shown.
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
                ui.label(format!("{:.1} cm", r.body_cm));
                ui.label(format!("{:.1} cm", r.garment_cm));
                ui.label(format!("{:+.1} cm", r.ease_cm));
                ui.label(format!("{:.1} %", r.strain_pct));
                // The verdict without the region's name (the first column says it).
                ui.label(fit_words::region_detail(r, lang))
                    .on_hover_text(fit_words::region_sentence(r, lang));
                ui.end_row();
            }
        });
    if ui.button(lang.t(Msg::AddToWishlist)).clicked() {
        panel.wishlist.write(AddToWishlist(NewWishlistItem {
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

fn catalog_section(ui: &mut egui::Ui, lang: Lang, panel: &mut CatalogPanel) {
    if !panel.catalog.loaded {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(lang.t(Msg::CatalogLoading));
        });
        return;
    }
    if !panel.catalog.problems.is_empty() {
        ui.colored_label(Color32::from_rgb(200, 40, 40), lang.t(Msg::CatalogProblems));
        for p in &panel.catalog.problems {
            ui.label(RichText::new(p).small());
        }
    }
    filters(ui, lang, panel);
    ui.separator();
    let items: Vec<(&GarmentMeta, bool)> = panel
        .catalog
        .entries
        .iter()
        .map(|e| (e.garment.meta(), e.chart_size.is_some()))
        .collect();
    let shown = filter_catalog(&items, &panel.filter);
    if shown.is_empty() {
        ui.weak(lang.t(Msg::NoMatch));
    }
    let mut put_on = None;
    let mut take_off = None;
    for i in shown {
        let entry = &panel.catalog.entries[i];
        let meta = entry.garment.meta();
        let worn = panel.tryon.is_worn(&meta.sku);
        ui.horizontal(|ui| {
            match panel.thumbnails.ids.get(&meta.sku) {
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
            ui.vertical(|ui| {
                ui.label(RichText::new(&meta.name).strong());
                ui.label(
                    RichText::new(format!(
                        "{} · {} · {}",
                        meta.retailer,
                        category_label(meta.category, lang),
                        price(meta)
                    ))
                    .small(),
                );
                match &entry.chart_size {
                    Some(size) => ui
                        .label(RichText::new(format!("{} {size}", lang.t(Msg::ChartFits))).small()),
                    None => ui.weak(RichText::new(lang.t(Msg::NoChartSize)).small()),
                };
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if worn {
                    if ui.button(lang.t(Msg::TakeOff)).clicked() {
                        take_off = Some(meta.sku.clone());
                    }
                } else if ui.button(lang.t(Msg::TryOn)).clicked() {
                    put_on = Some(i);
                }
            });
        });
        ui.separator();
    }
    if let Some(i) = put_on {
        let garment = panel.catalog.entries[i].garment.clone();
        panel.tryon.put_on(garment, None);
    }
    if let Some(sku) = take_off {
        panel.tryon.take_off(&sku);
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

fn filters(ui: &mut egui::Ui, lang: Lang, panel: &mut CatalogPanel) {
    let mut retailers: Vec<String> = panel
        .catalog
        .entries
        .iter()
        .map(|e| e.garment.meta().retailer.clone())
        .collect();
    retailers.sort();
    retailers.dedup();
    let mut categories: Vec<Category> = panel
        .catalog
        .entries
        .iter()
        .map(|e| e.garment.meta().category)
        .collect();
    categories.sort_by_key(|c| category_name(*c));
    categories.dedup();
    // Each currency in the catalog with its highest price.
    let mut currencies: Vec<(String, f64)> = Vec::new();
    for e in &panel.catalog.entries {
        let meta = e.garment.meta();
        match currencies.iter_mut().find(|(c, _)| *c == meta.currency) {
            Some((_, top)) => *top = top.max(meta.price),
            None => currencies.push((meta.currency.clone(), meta.price)),
        }
    }
    currencies.sort_by(|a, b| a.0.cmp(&b.0));
    let filter = &mut *panel.filter;
    egui::Grid::new("catalog_filters")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label(lang.t(Msg::Search));
            ui.text_edit_singleline(&mut filter.search);
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

            ui.label(lang.t(Msg::FitsMe));
            ui.checkbox(&mut filter.fits_me, "");
            ui.end_row();
        });
    if *filter != CatalogFilter::default() && ui.small_button(lang.t(Msg::ClearFilter)).clicked() {
        *filter = CatalogFilter::default();
    }
}
