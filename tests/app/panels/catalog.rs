//! The catalog tab over the headless app: found by a search, tried on (fitted in the
//! background), switched to another size (fitted again) and added to the wishlist, which lands
//! in the store. Every click goes through the [`CatalogAction`]s the tab returns and the app's
//! own system that applies them.

use super::run_app_until;
use super::{app_with_catalog, catalog_view};
use crate::app::scratch;
use anprobe::app::fit_words;
use anprobe::app::i18n::{Lang, Msg};
use anprobe::app::panels::catalog::catalog_tab;
use anprobe::app::scene::thumbnails::Thumbnails;
use anprobe::app::state::tryon::CatalogFilter;
use anprobe::app::{Catalog, CatalogEntry, FitProgress, Notices, TryOn};
use anprobe::fit::english;
use anprobe::fit::outfit::WornFit;
use anprobe::garment::{Region, Verdict};
use anprobe::store::Store;
use bevy::prelude::*;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use std::path::PathBuf;

/// The headless app with the try-on and a store, and what the catalog tab's system keeps.
struct CatalogTab {
    app: App,
    lang: Lang,
    filter: CatalogFilter,
    thumbnails: Thumbnails,
}

impl CatalogTab {
    /// One frame of the tab, drawn from the app's resources; its actions are sent to the app as
    /// the tab's system sends them (the app applies them in its next update).
    fn frame(&mut self, ui: &mut bevy_egui::egui::Ui) {
        let view = catalog_view(self.app.world(), self.lang, &self.thumbnails);
        let actions = catalog_tab(ui, &view, &mut self.filter);
        self.app.world_mut().write_message_batch(actions);
    }
}

/// The catalog tab of `app`, in English, in a harness `size` points large.
fn catalog_harness(app: App, size: [f32; 2]) -> Harness<'static, CatalogTab> {
    let tab = CatalogTab {
        app,
        lang: Lang::En,
        filter: CatalogFilter::default(),
        thumbnails: Thumbnails::default(),
    };
    Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, tab: &mut CatalogTab| tab.frame(ui), tab)
}

fn fitted(world: &World) -> bool {
    world
        .resource::<TryOn>()
        .all_fitted(world.resource::<FitProgress>())
}

const TEE: &str = "NB-TS-1001";

/// The tee's fit as worn, once fitted.
fn tee_fit(world: &World) -> std::sync::Arc<WornFit> {
    let worn = world.resource::<TryOn>().get(TEE).expect("the tee is worn");
    worn.fit.clone().expect("fitted")
}

#[test]
fn the_catalog_tab_tries_on_switches_size_and_adds_to_the_wishlist() {
    let (dir, app) = app_with_catalog("catalog-tab");
    let mut harness = catalog_harness(app, [420.0, 1400.0]);
    let en = |msg| Lang::En.t(msg);
    assert_eq!(
        harness.get_all_by_label(en(Msg::TryOn)).count(),
        crate::app::catalog_size()
    );

    // Search narrows the list to the tee; "Try on" puts it on.
    harness.get_by_label(en(Msg::Search)).click();
    harness.run();
    harness.get_by_label(en(Msg::Search)).type_text("crew tee");
    harness.run();
    assert_eq!(harness.state().filter.search, "crew tee");
    harness.get_by_label(en(Msg::TryOn)).click();
    harness.run();
    let app = &mut harness.state_mut().app;
    app.update();
    assert!(app.world().resource::<TryOn>().is_worn(TEE));
    // At once, before the drape (it is polled in a later update): the chart's answer.
    assert!(!fitted(app.world()));
    harness.run_ok();
    harness.get_by_label(en(Msg::ChartFits));
    harness.get_by_label(en(Msg::DrapeFollows));
    let app = &mut harness.state_mut().app;
    run_app_until(app, "the tee's fit", fitted);
    let fit = tee_fit(app.world());
    let recommended = fit.recommended().expect("a size fits").to_string();
    assert_eq!(fit.selected_label(), recommended);
    harness.run_ok();
    harness.get_by_label(en(Msg::Wearing));
    the_fit_reads_german_in_german(&mut harness, &fit);
    // Worn: "Take off" above, with the garment, and in its catalog row.
    assert_eq!(harness.get_all_by_label(en(Msg::TakeOff)).count(), 2);
    assert!(harness.query_by_label(en(Msg::TryOn)).is_none());

    // The size switcher marks the recommended size and gives each size its probability.
    let odds = &fit.outcome.odds;
    let p = odds.of(&recommended);
    assert!(p > 0.0, "{odds:?}");
    let shown = format!(
        "{recommended} ★ {} · {:.0} %",
        en(Msg::RecommendedMark),
        p * 100.0
    );
    assert_eq!(harness.get_by_label(en(Msg::Size)).value(), Some(shown));
    // The runner-up and the measurement to take, where there are.
    if odds.runner_up_to(Some(&recommended)).is_some() {
        harness.get_by_label(en(Msg::RunnerUp));
    }
    if let Some(next) = &odds.measure_next {
        let link = format!(
            "{} {}",
            en(Msg::MeasureNext),
            anprobe::app::i18n::key_label(next.key, Lang::En)
        );
        harness.get_by_label(&link).click();
        harness.run();
        let app = &mut harness.state_mut().app;
        app.update();
        let hover = app
            .world()
            .resource::<anprobe::app::scene::tape::TapeHover>();
        assert_eq!(hover.pinned, Some(next.key), "its tape shows on the avatar");
    }
    // Another size is fitted and shown.
    let other = fit
        .worn
        .prepared
        .meta()
        .sizes
        .iter()
        .map(|s| s.label.clone())
        .find(|l| *l != recommended)
        .unwrap();
    // A size's entry: its label, and its probability where it has one.
    let entry = |label: &str| match odds.of(label) {
        p if p > 0.0 => format!("{label} · {:.0} %", p * 100.0),
        _ => label.to_string(),
    };
    harness.get_by_label(en(Msg::Size)).click();
    harness.run_ok();
    harness.get_by_label(&entry(&other)).click();
    harness.run_ok();
    let app = &mut harness.state_mut().app;
    app.update();
    let worn = app.world().resource::<TryOn>().get(TEE).unwrap().clone();
    assert_eq!(worn.size.as_deref(), Some(other.as_str()));
    // Until the new drape is done the table is the old size's, and says so.
    assert!(!fitted(app.world()));
    harness.run_ok();
    harness.get_by_label(en(Msg::TableStillOf));
    let app = &mut harness.state_mut().app;
    run_app_until(app, "the other size's fit", fitted);
    assert_eq!(tee_fit(app.world()).selected_label(), other);
    harness.run_ok();
    assert_eq!(
        harness.get_by_label(en(Msg::Size)).value(),
        Some(entry(&other))
    );
    assert!(harness.query_by_label(en(Msg::TableStillOf)).is_none());

    // "Add to wishlist": the tee in the size shown lands in the store, with a notice.
    harness.get_by_label(en(Msg::AddToWishlist)).click();
    harness.run_ok();
    let app = &mut harness.state_mut().app;
    app.update();
    app.update();
    let notices = &app.world().resource::<Notices>().0;
    assert!(
        notices
            .iter()
            .any(|n| !n.error && n.msg == Msg::WishlistAdded && n.detail.en().contains("Crew Tee")),
        "{notices:?}"
    );
    let (store, _) = Store::open(&dir).unwrap();
    let items = store.list_wishlist().unwrap();
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0].wish.sku, TEE);
    assert_eq!(items[0].wish.size, other);
    assert_eq!(items[0].wish.retailer, "Nordlicht Basics");
    drop(store);

    // "Take off" (the worn garment's): gone from the outfit.
    harness
        .get_all_by_label(en(Msg::TakeOff))
        .next()
        .unwrap()
        .click();
    harness.run_ok();
    let app = &mut harness.state_mut().app;
    app.update();
    assert!(app.world().resource::<TryOn>().worn().is_empty());
    drop(harness);
    let _ = std::fs::remove_dir_all(dir);
}

/// Switched to German, the worn garment's fit — the recommendation's reasons and every region's
/// verdict — reads German: no English sentence the report would print for this fit is on the
/// tab, and the German reasons are.
fn the_fit_reads_german_in_german(
    harness: &mut egui_kittest::Harness<'_, CatalogTab>,
    fit: &WornFit,
) {
    harness.state_mut().lang = Lang::De;
    harness.run_ok();
    let shown: Vec<String> = super::shown(harness);
    let recommendation = &fit.outcome.recommendation;
    let mut english: Vec<String> = english::reasons(&recommendation.reasons);
    for region in &fit.worn.shown.map.regions {
        // The table's verdict column (without the region's name) and its hover sentence.
        english.push(english::region_detail(region));
        english.push(english::region_sentence(region));
    }
    assert!(!english.is_empty());
    for sentence in &english {
        assert!(
            !shown.iter().any(|text| text.contains(sentence.as_str())),
            "English on the German tab: {sentence:?}"
        );
    }
    for reason in &recommendation.reasons {
        let german = format!("• {}", fit_words::reason(reason, Lang::De));
        assert!(shown.contains(&german), "{german:?} not among {shown:?}");
    }
    assert!(shown.iter().any(|t| t == Lang::De.t(Msg::Wearing)));
    harness.state_mut().lang = Lang::En;
    harness.run_ok();
}

/// A garment imported while the catalog folder is still being read stays when the read ends
/// (it used to vanish: the folder's garments replaced the list), and it replaces the folder's
/// garment of the same SKU rather than standing beside it.
#[test]
fn an_import_made_while_the_folder_is_read_is_kept() {
    use anprobe::app::CatalogGarment;
    use anprobe::app::state::tryon::catalog::read_catalog;
    let catalog_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/catalog");
    let file = |name: &str| catalog_dir.join(name);
    let folder = scratch("catalog-folder");
    for name in ["nordlicht-basics-nb-ts-1001.glb", "kiko-lane-kl-dn-501.glb"] {
        std::fs::copy(file(name), folder.join(name)).unwrap();
    }
    let import = |name: &str| {
        let path = file(name);
        let garment = anprobe::garment::import_file(&path).unwrap();
        CatalogEntry {
            garment: std::sync::Arc::new(CatalogGarment::new(path.display().to_string(), garment)),
            chart_size: None,
        }
    };
    let mut catalog = Catalog::default();
    // Imported before the read ends: a coat the folder lacks, and the folder's own tee.
    catalog.entries.push(import("harrow-finch-hf-ct-701.glb"));
    catalog
        .entries
        .push(import("nordlicht-basics-nb-ts-1001.glb"));
    catalog.take_folder(read_catalog(&folder));
    let skus: Vec<(&str, &str)> = catalog
        .entries
        .iter()
        .map(|e| (e.garment.meta().sku.as_str(), e.garment.source.as_str()))
        .collect();
    let tee = file("nordlicht-basics-nb-ts-1001.glb")
        .display()
        .to_string();
    let coat = file("harrow-finch-hf-ct-701.glb").display().to_string();
    assert_eq!(
        skus,
        vec![
            (
                "KL-DN-501",
                folder.join("kiko-lane-kl-dn-501.glb").to_str().unwrap()
            ),
            ("HF-CT-701", coat.as_str()),
            (TEE, tee.as_str())
        ],
    );
    assert!(catalog.loaded);
    let _ = std::fs::remove_dir_all(folder);
}

/// In a narrow right panel (as in a 1024 px window) no catalog row's "Try on" button lies over
/// its text: the retailer · category · price line wraps left of the button.
#[test]
fn a_narrow_catalog_keeps_its_buttons_off_the_text() {
    let (dir, app) = app_with_catalog("catalog-narrow");
    let mut harness = catalog_harness(app, [320.0, 1600.0]);
    harness.run_ok();
    let buttons: Vec<_> = harness
        .get_all_by_label(Lang::En.t(Msg::TryOn))
        .map(|b| b.rect())
        .collect();
    let lines: Vec<_> = harness
        .query_all(By::new().label_contains(" · "))
        .map(|l| {
            let node = l.accesskit_node();
            let text = node.label().or_else(|| node.value()).unwrap_or_default();
            (text, l.rect())
        })
        .collect();
    assert_eq!(buttons.len(), crate::app::catalog_size());
    assert_eq!(lines.len(), buttons.len());
    for (text, line) in &lines {
        for button in &buttons {
            assert!(
                !line.intersects(*button),
                "{text:?} at {line:?} lies under a button at {button:?}"
            );
        }
    }
    drop(harness);
    let _ = std::fs::remove_dir_all(dir);
}

/// A garment returned as too tight at the chest moves that brand's sizes up: the tee's
/// recommendation shows the adjustment with its cause beside the size.
#[test]
fn a_returned_garment_shows_beside_the_recommendation_with_its_cause() {
    use anprobe::app::ShopperStore;
    use anprobe::store::{NewOrder, NewOrderItem};
    let (_dir, mut app) = app_with_catalog("catalog-history");
    let chart = app
        .world()
        .resource::<Catalog>()
        .entries
        .iter()
        .find(|e| e.garment.meta().sku == TEE)
        .and_then(|e| e.chart_size.clone())
        .expect("the tee has a chart size for the body");
    app.world_mut()
        .resource_mut::<ShopperStore>()
        .change(|s| {
            s.add_order(&NewOrder {
                retailer: "Nordlicht Basics".into(),
                order_number: "NB-77".into(),
                date: "2026-10-01".into(),
                items: vec![NewOrderItem {
                    sku: TEE.into(),
                    name: "Crew Tee".into(),
                    size: chart.clone(),
                    colour: String::new(),
                    price: 19.0,
                    currency: "EUR".into(),
                    return_window_days: Some(30),
                }],
            })?;
            let item = s.list_orders(1)?[0].items[0].id;
            s.return_item(item, "2026-10-12", "", &[(Region::Chest, Verdict::Tight)])
        })
        .expect("the return is recorded");
    let mut harness = catalog_harness(app, [420.0, 1400.0]);
    harness.get_by_label(Lang::En.t(Msg::Search)).click();
    harness.run();
    harness
        .get_by_label(Lang::En.t(Msg::Search))
        .type_text("crew tee");
    harness.run();
    harness.get_by_label(Lang::En.t(Msg::TryOn)).click();
    harness.run();
    let app = &mut harness.state_mut().app;
    app.update();
    run_app_until(app, "the tee's fit", fitted);
    let fit = tee_fit(app.world());
    let brand = fit
        .outcome
        .odds
        .history
        .iter()
        .find(|a| a.brand.as_deref() == Some("Nordlicht"))
        .expect("the brand's adjustment");
    assert!(brand.shift_cm > 0.0, "{brand:?}");
    harness.run_ok();
    let text = format!(
        "size up at the chest for Nordlicht: you returned the Crew Tee in {chart} as too tight at the chest on 2026-10-12"
    );
    assert!(
        harness.query_by_label_contains(&text).is_some(),
        "the adjustment is shown: {text}"
    );
}

/// With the retailers' catalogs in the store, the tab lists the store's products — each colour
/// at its retailer's price, with the size its chart gives — and the filters work on them; "Try
/// on" wears the product's 3D model as that product, and "Add to wishlist" stores the product
/// (its SKU, colour and price), not the garment file it shares with other colours.
#[test]
fn the_catalog_tab_lists_the_stores_products_and_wishes_for_the_colour_tried_on() {
    let (dir, mut app) = app_with_catalog("catalog-tab-products");
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/catalog");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&sample)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".catalog.json"))
        .collect();
    files.sort();
    app.world_mut()
        .write_message(anprobe::app::StoreAction::AddCatalog { paths: files });
    app.update();
    app.update();
    let products = app
        .world()
        .resource::<anprobe::app::state::offers::Offers>()
        .entries
        .len();
    assert!(products >= 300, "{products} products");
    let mut harness = catalog_harness(app, [420.0, 60000.0]);
    let en = |msg| Lang::En.t(msg);
    // Every product with a 3D model has "Try on"; every garment file is some product's model.
    assert_eq!(harness.get_all_by_label(en(Msg::TryOn)).count(), products);
    harness.get_by_label(en(Msg::Search)).click();
    harness.run();
    harness
        .get_by_label(en(Msg::Search))
        .type_text("crew tee sand");
    harness.run();
    // Nordlicht's sand tee, and Galerie Lindqvist's: one line each.
    let texts: Vec<String> = super::shown(&harness);
    assert_eq!(
        harness.get_all_by_label(en(Msg::TryOn)).count(),
        2,
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Nordlicht Basics · sand · ")),
        "{texts:?}"
    );
    harness
        .get_all_by_label(en(Msg::TryOn))
        .next()
        .unwrap()
        .click();
    harness.run();
    let app = &mut harness.state_mut().app;
    app.update();
    let worn = app
        .world()
        .resource::<TryOn>()
        .get(TEE)
        .expect("worn")
        .clone();
    let product = worn.product.clone().expect("tried on as a product");
    assert_eq!(product.colour, "sand");
    run_app_until(app, "the tee's fit", fitted);
    harness.run_ok();
    // The line tried on says "Take off"; the other retailer's does not.
    assert_eq!(harness.get_all_by_label(en(Msg::TakeOff)).count(), 2);
    assert_eq!(harness.get_all_by_label(en(Msg::TryOn)).count(), 1);
    harness.get_by_label(en(Msg::AddToWishlist)).click();
    harness.run_ok();
    let app = &mut harness.state_mut().app;
    app.update();
    app.update();
    let (store, _) = Store::open(&dir).unwrap();
    let items = store.list_wishlist().unwrap();
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0].wish.sku, product.sku);
    assert_eq!(items[0].wish.retailer, product.retailer);
    assert_eq!(items[0].wish.colourway, "sand");
    assert_eq!(items[0].wish.price, product.price);
    drop(store);

    // A retailer's own catalog, not our generator's: a product without a 3D model and a colour
    // whose name the app does not know. Listed with the size its chart gives, no "Try on".
    let catalog = dir.join("maison-verte.json");
    std::fs::write(
        &catalog,
        r#"{"format": "anprobe.catalog", "version": 1, "retailer": "Maison Verte",
            "currency": "EUR", "products": [{"sku": "MV-7", "name": "Linen Overshirt",
              "category": "shirt", "colour": "heathered moss", "price": 119,
              "sizes": [
                {"label": "S", "body": {"chest_girth": {"min": 80, "max": 92}}},
                {"label": "M", "body": {"chest_girth": {"min": 92, "max": 104}}},
                {"label": "L", "body": {"chest_girth": {"min": 104, "max": 116}}}]}]}"#,
    )
    .unwrap();
    harness
        .state_mut()
        .app
        .world_mut()
        .write_message(anprobe::app::StoreAction::AddCatalog {
            paths: vec![catalog],
        });
    harness.state_mut().app.update();
    harness.state_mut().app.update();
    harness.state_mut().filter.search = "overshirt".into();
    harness.run_ok();
    let texts: Vec<String> = super::shown(&harness);
    assert!(texts.iter().any(|t| t == "Linen Overshirt"), "{texts:?}");
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Maison Verte · heathered moss · ")),
        "{texts:?}"
    );
    harness.get_by_label(en(Msg::NoModel));
    let offers = harness
        .state()
        .app
        .world()
        .resource::<anprobe::app::state::offers::Offers>();
    let overshirt = offers
        .entries
        .iter()
        .find(|o| o.product().sku == "MV-7")
        .unwrap();
    assert!(overshirt.garment.is_none());
    assert!(overshirt.chart_size.is_some(), "sized by its chart");
    assert!(
        texts.iter().any(|t| *t
            == format!(
                "{} {}",
                en(Msg::ChartFits),
                overshirt.chart_size.as_deref().unwrap()
            )),
        "{texts:?}"
    );
    assert_eq!(harness.query_all_by_label(en(Msg::TryOn)).count(), 0);
    drop(harness);
    let _ = std::fs::remove_dir_all(dir);
}

/// Catalogs name colours, they give no RGB: the app knows each of the sample offers' colours
/// (their thumbnails are tinted and their garments worn in it), in any case.
#[test]
fn every_colour_of_the_sample_offers_has_its_rgb_in_any_case() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/catalog");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if !path.to_string_lossy().ends_with(".catalog.json") {
            continue;
        }
        for p in anprobe::catalog::read_path(&path).unwrap().products {
            assert!(
                anprobe::app::colour_names::rgb(&p.colour).is_some(),
                "{}: {:?}",
                p.sku,
                p.colour
            );
            seen += 1;
        }
    }
    assert!(seen >= 300);
    assert_eq!(
        anprobe::app::colour_names::rgb(" Navy "),
        anprobe::app::colour_names::rgb("navy")
    );
    assert_eq!(anprobe::app::colour_names::rgb("heather"), None);
}
