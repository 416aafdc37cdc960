//! Tests: the try-on without a window — the catalog filter, the catalog read at startup, and
//! the outfit fitted on a background task: put on, switch size, change the body, take off;
//! importing a retailer's file (dropped or picked).

use super::headless;
use anprobe::app::i18n::Msg;
use anprobe::app::state::tryon::{CatalogFilter, PriceLimit, filter_catalog};
use anprobe::app::{Catalog, CatalogDir, DrapeAhead, FitProgress, TryOn};
use anprobe::app::{
    Dialogs, FileAction, FileDialogs, Imports, Notices, PathFuture, ProfileStore, Profiles,
    tryon_plugin,
};
use anprobe::garment::{Category, GarmentMeta, garment_meta_example};
use anprobe::measurements::Key;
use bevy::prelude::*;
use bevy::window::FileDragAndDrop;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn meta(name: &str, retailer: &str, category: Category, price: f64) -> GarmentMeta {
    let mut m = garment_meta_example();
    m.currency = "EUR".into();
    m.name = name.into();
    m.sku = name.to_uppercase();
    m.retailer = retailer.into();
    m.brand = retailer.into();
    m.category = category;
    m.price = price;
    m
}

#[test]
fn catalog_filter_narrows_by_retailer_category_price_fit_and_words() {
    let tee = meta("Organic Crew Tee", "Nordlicht", Category::Top, 19.95);
    let coat = meta("Wool Car Coat", "Harrow", Category::Outerwear, 249.0);
    let jean = meta("Straight Jean", "Kiko", Category::Bottom, 98.0);
    let skirt = meta("A-line Skirt", "Nordlicht", Category::Skirt, 89.0);
    // Whether a size is recommended for the body.
    let items = [(&tee, true), (&coat, false), (&jean, true), (&skirt, true)];
    let all = CatalogFilter::default();
    assert_eq!(filter_catalog(&items, &all), vec![0, 1, 2, 3]);

    let by_retailer = CatalogFilter {
        retailer: Some("Nordlicht".into()),
        ..all.clone()
    };
    assert_eq!(filter_catalog(&items, &by_retailer), vec![0, 3]);

    let by_category = CatalogFilter {
        category: Some(Category::Outerwear),
        ..all.clone()
    };
    assert_eq!(filter_catalog(&items, &by_category), vec![1]);

    let eur = |amount: f64| {
        Some(PriceLimit {
            amount,
            currency: "EUR".into(),
        })
    };
    let cheap = CatalogFilter {
        max_price: eur(98.0),
        ..all.clone()
    };
    assert_eq!(
        filter_catalog(&items, &cheap),
        vec![0, 2, 3],
        "the limit is inclusive"
    );
    // Prices in another currency are not compared as plain numbers: a 60 GBP scarf is not
    // "at most 98 EUR", nor is it hidden by a limit in pounds that it is within.
    let mut scarf = meta("Cashmere Scarf", "Harrow", Category::Outerwear, 60.0);
    scarf.currency = "GBP".into();
    let mixed = [(&tee, true), (&scarf, true)];
    assert_eq!(filter_catalog(&mixed, &cheap), vec![0]);
    let pounds = CatalogFilter {
        max_price: Some(PriceLimit {
            amount: 60.0,
            currency: "GBP".into(),
        }),
        ..all.clone()
    };
    assert_eq!(filter_catalog(&mixed, &pounds), vec![1]);

    let fits = CatalogFilter {
        fits_me: true,
        ..all.clone()
    };
    assert_eq!(filter_catalog(&items, &fits), vec![0, 2, 3]);

    // Words: every one must appear, any case, in name, brand, retailer, SKU or category.
    let words = CatalogFilter {
        search: "  COAT wool ".into(),
        ..all.clone()
    };
    assert_eq!(filter_catalog(&items, &words), vec![1]);
    let category_word = CatalogFilter {
        search: "skirt".into(),
        ..all.clone()
    };
    assert_eq!(filter_catalog(&items, &category_word), vec![3]);

    // Filters combine.
    let combined = CatalogFilter {
        retailer: Some("Nordlicht".into()),
        max_price: eur(50.0),
        fits_me: true,
        search: "tee".into(),
        ..all.clone()
    };
    assert_eq!(filter_catalog(&items, &combined), vec![0]);
    let none = CatalogFilter {
        search: "tuxedo".into(),
        ..all
    };
    assert!(filter_catalog(&items, &none).is_empty());
}

fn catalog_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/catalog")
}

/// The model and try-on plugins without a window, reading the sample catalog.
fn tryon_app() -> App {
    let mut app = headless(ProfileStore::default());
    app.insert_resource(CatalogDir(catalog_dir()))
        .add_plugins(tryon_plugin);
    app
}

/// Runs frames until `done` holds (frames keep coming: the fit never blocks a frame).
fn run_until(app: &mut App, what: &str, done: impl Fn(&World) -> bool) {
    let started = Instant::now();
    let mut slowest = Duration::ZERO;
    while !done(app.world()) {
        assert!(
            started.elapsed() < Duration::from_secs(240),
            "timed out waiting for {what}"
        );
        let frame = Instant::now();
        app.update();
        slowest = slowest.max(frame.elapsed());
        std::thread::sleep(Duration::from_millis(5));
    }
    println!("{what}: {:?}, slowest frame {slowest:?}", started.elapsed());
}

/// The fit shown of garment `sku` (it is worn and fitted).
fn worn_fit(app: &App, sku: &str) -> std::sync::Arc<anprobe::app::state::tryon::WornFit> {
    let tryon = app.world().resource::<TryOn>();
    let worn = tryon
        .get(sku)
        .unwrap_or_else(|| panic!("{sku} is not worn"));
    worn.fit
        .clone()
        .unwrap_or_else(|| panic!("{sku} is not fitted"))
}

fn fitted(world: &World) -> bool {
    let tryon = world.resource::<TryOn>();
    tryon.all_fitted(world.resource::<FitProgress>())
}

#[test]
fn trying_on_fits_in_the_background_and_follows_size_and_body() {
    let mut app = tryon_app();
    run_until(&mut app, "the catalog", |w| w.resource::<Catalog>().loaded);
    let catalog = app.world().resource::<Catalog>();
    assert_eq!(
        catalog.entries.len(),
        crate::app::catalog_size(),
        "problems: {:?}",
        catalog.problems
    );
    assert!(catalog.problems.is_empty());
    let tee = catalog.find("NB-TS-1001").expect("the tee").garment.clone();
    // The chart sizes for the default body are there once the body is.
    app.update();
    let chart = app
        .world()
        .resource::<Catalog>()
        .find("NB-TS-1001")
        .unwrap()
        .chart_size
        .clone();
    assert!(chart.is_some(), "the default body has a tee size");

    // Put on: not fitted at first, then fitted with the recommended size; the frame that
    // starts the fit returns while it runs (how fast a frame is belongs to the benches).
    app.world_mut()
        .resource_mut::<TryOn>()
        .put_on(tee.clone(), None);
    app.update();
    assert!(!fitted(app.world()));
    assert!(app.world().resource::<FitProgress>().is_busy());
    run_until(&mut app, "the first fit", fitted);
    app.update();
    assert!(
        !app.world().resource::<FitProgress>().is_looking_ahead(),
        "sizes are draped ahead in the interactive app only (DrapeAhead)"
    );
    let worn = app
        .world()
        .resource::<TryOn>()
        .get("NB-TS-1001")
        .unwrap()
        .clone();
    let fit = worn.fit.clone().expect("fitted");
    assert!(worn.error.is_none());
    assert_eq!(
        fit.recommended(),
        chart.as_deref(),
        "drape agrees with the chart here"
    );
    assert_eq!(Some(fit.selected_label()), fit.recommended());
    assert_eq!(fit.worn.parts.len(), tee.imported.parts.len());
    let vertices: usize = fit.worn.parts.iter().map(|p| p.positions.len()).sum();
    assert_eq!(fit.worn.shown.map.vertex_values.len(), vertices);
    assert!(!fit.worn.shown.map.regions.is_empty());

    // Another size: fitted again, that size shown, the same recommendation.
    let other = tee
        .size_labels()
        .into_iter()
        .find(|l| Some(l.as_str()) != fit.recommended())
        .unwrap();
    app.world_mut()
        .resource_mut::<TryOn>()
        .set_size("NB-TS-1001", Some(other.clone()));
    app.update();
    assert!(!fitted(app.world()), "a size change starts a fit");
    run_until(&mut app, "the size change", fitted);
    let refit = worn_fit(&app, "NB-TS-1001");
    assert_eq!(refit.selected_label(), other);
    assert_eq!(refit.recommended(), fit.recommended());

    // A second, upper garment is draped over the first.
    let sweater = app
        .world()
        .resource::<Catalog>()
        .find("NB-KN-2040")
        .unwrap()
        .garment
        .clone();
    app.world_mut()
        .resource_mut::<TryOn>()
        .put_on(sweater, None);
    run_until(&mut app, "the layered outfit", fitted);
    let skus: Vec<String> = app
        .world()
        .resource::<TryOn>()
        .worn()
        .iter()
        .map(|w| w.sku().to_string())
        .collect();
    assert_eq!(skus, ["NB-TS-1001", "NB-KN-2040"], "lowest layer first");

    // A new body: everything is fitted again for it.
    let waist = app
        .world()
        .resource::<anprobe::app::ShopperBody>()
        .resolved
        .as_ref()
        .unwrap()
        .get(Key::ChestGirth);
    app.world_mut()
        .resource_mut::<Profiles>()
        .active_mut()
        .measurements
        .set(Key::ChestGirth, waist + 20.0);
    app.update();
    assert!(!fitted(app.world()), "a body change starts a fit");
    run_until(&mut app, "the new body", fitted);
    let tryon = app.world().resource::<TryOn>();
    let bigger = tryon.get("NB-TS-1001").unwrap().fit.clone().unwrap();
    assert!(
        bigger.worn.shown.map.regions[0].body_cm > fit.worn.shown.map.regions[0].body_cm + 15.0,
        "fitted on the new body"
    );

    // Take off: gone from the outfit.
    app.world_mut()
        .resource_mut::<TryOn>()
        .take_off("NB-TS-1001");
    app.world_mut()
        .resource_mut::<TryOn>()
        .take_off("NB-KN-2040");
    app.update();
    assert!(app.world().resource::<TryOn>().worn().is_empty());
    assert!(fitted(app.world()));
}

#[test]
fn the_sizes_next_to_the_worn_one_are_draped_ahead_while_the_shopper_looks() {
    let mut app = tryon_app();
    app.init_resource::<DrapeAhead>();
    run_until(&mut app, "the catalog", |w| w.resource::<Catalog>().loaded);
    let blouse = app
        .world()
        .resource::<Catalog>()
        .find("AR-BL-118")
        .expect("the blouse")
        .garment
        .clone();
    let labels = blouse.size_labels();
    app.world_mut()
        .resource_mut::<TryOn>()
        .put_on(blouse.clone(), None);
    run_until(&mut app, "the first fit", fitted);
    let draped = |w: &World| w.resource::<FitProgress>().draped_sizes("AR-BL-118");
    let first = draped(app.world());
    let worn = worn_fit(&app, "AR-BL-118").worn.size;
    // Two sizes either side of the worn one (as far as the chart goes), one at a time.
    let near: Vec<usize> = (worn.saturating_sub(2)..=(worn + 2).min(labels.len() - 1)).collect();
    assert!(
        near.iter().any(|i| !first.contains(i)),
        "the first fit drapes only the recommended size and its neighbours: {first:?} of {near:?}"
    );
    run_until(&mut app, "the sizes ahead", |w| {
        let done = draped(w);
        near.iter().all(|i| done.contains(i))
    });
    for _ in 0..20 {
        app.update();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        !app.world().resource::<FitProgress>().is_looking_ahead(),
        "nothing more is draped ahead"
    );
    let ahead = draped(app.world());
    assert!(
        ahead.iter().all(|i| first.contains(i) || near.contains(i)),
        "only the sizes within two of the worn one: {ahead:?} (worn {worn}, first {first:?})"
    );
    // What is shown did not change while sizes were draped ahead.
    let shown = worn_fit(&app, "AR-BL-118");
    assert_eq!(shown.worn.size, worn);

    // The shopper picks a size draped ahead: it is worn, and the look-ahead moves on from it.
    let picked = *near.iter().find(|i| !first.contains(i)).unwrap();
    app.world_mut()
        .resource_mut::<TryOn>()
        .set_size("AR-BL-118", Some(labels[picked].clone()));
    run_until(&mut app, "the size switch", fitted);
    let switched = worn_fit(&app, "AR-BL-118");
    assert_eq!(switched.selected_label(), labels[picked]);
    assert_eq!(switched.recommended(), shown.recommended());

    // A new body: the fits of the old one are gone, the new one is draped ahead afresh.
    app.world_mut()
        .resource_mut::<Profiles>()
        .active_mut()
        .measurements
        .set(Key::HipGirth, 120.0);
    app.update();
    assert!(
        draped(app.world()).is_empty(),
        "nothing draped yet on the new body"
    );
    run_until(&mut app, "the new body's fit", fitted);
    assert!(!draped(app.world()).is_empty());
}

/// Answers the garment dialog with a fixed file.
struct GarmentAnswer(PathBuf);

impl FileDialogs for GarmentAnswer {
    fn pick_load(&self) -> PathFuture {
        Box::pin(async { None })
    }
    fn pick_save(&self, _suggested: &str) -> PathFuture {
        Box::pin(async { None })
    }
    fn pick_garment(&self) -> PathFuture {
        let path = self.0.clone();
        Box::pin(async move { Some(path) })
    }
}

#[test]
fn importing_a_garment_adds_it_or_lists_the_problems() {
    let dir = super::scratch("import");
    let bytes = crate::garment::shirt_glb();
    let good = dir.join("shirt.glb");
    let cut = dir.join("cut-short.glb");
    std::fs::write(&good, &bytes).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();

    let mut app = tryon_app();
    run_until(&mut app, "the catalog", |w| w.resource::<Catalog>().loaded);
    let before = app.world().resource::<Catalog>().entries.len();

    // Dropped onto the window: a broken file is refused with a notice naming it.
    app.world_mut().write_message(FileDragAndDrop::DroppedFile {
        window: Entity::PLACEHOLDER,
        path_buf: cut.clone(),
    });
    run_until(&mut app, "the refused import", |w| {
        !w.resource::<Notices>().0.is_empty() && w.resource::<Imports>().is_empty()
    });
    let notice = app.world().resource::<Notices>().0.last().unwrap().clone();
    assert!(notice.error);
    assert_eq!(notice.msg, Msg::GarmentImportFailed);
    assert!(
        notice.detail.en().contains("cut-short.glb"),
        "{}",
        notice.detail.en()
    );
    assert_eq!(app.world().resource::<Catalog>().entries.len(), before);

    // Picked with "Import…": read in the background and added to the catalog, sized for the body.
    app.insert_resource(Dialogs(Box::new(GarmentAnswer(good.clone()))));
    app.world_mut().write_message(FileAction::ImportGarment);
    run_until(&mut app, "the import", |w| {
        w.resource::<Catalog>().entries.len() == before + 1
    });
    let notice = app.world().resource::<Notices>().0.last().unwrap().clone();
    assert!(!notice.error, "{notice:?}");
    assert_eq!(notice.msg, Msg::GarmentImported);
    let entry = app
        .world()
        .resource::<Catalog>()
        .entries
        .last()
        .unwrap()
        .clone();
    assert_eq!(entry.garment.source, good.display().to_string());
    let _ = std::fs::remove_dir_all(dir);
}

/// Answers the picture dialog with a fixed file.
struct PngAnswer(PathBuf);

impl FileDialogs for PngAnswer {
    fn pick_load(&self) -> PathFuture {
        Box::pin(async { None })
    }
    fn pick_save(&self, _suggested: &str) -> PathFuture {
        Box::pin(async { None })
    }
    fn pick_png(&self, _suggested: &str) -> PathFuture {
        let path = self.0.clone();
        Box::pin(async move { Some(path) })
    }
}

/// Needs a display and Vulkan: `DISPLAY=:99 WGPU_BACKEND=vulkan cargo test --test main
/// app::garments::saving_the_outfit -- --ignored`.
#[test]
#[ignore = "opens a window: needs a display (Xvfb) and Vulkan"]
fn saving_the_outfit_writes_the_3d_view_as_png() {
    use anprobe::app::SaveOutfitPng;
    use anprobe::app::{ScreenshotGarment, ScreenshotOptions, screenshot_with};
    let dir = super::scratch("outfit-png");
    let outfit = dir.join("outfit.png");
    let tee = catalog_dir().join("nordlicht-basics-nb-ts-1001.glb");
    let opts = ScreenshotOptions {
        garments: vec![ScreenshotGarment {
            source: tee.display().to_string(),
            imported: anprobe::garment::import_file(&tee).unwrap(),
            size: None,
        }],
        ..super::plain_window(dir.join("window.png"), 1280, 720)
    };
    let answer = outfit.clone();
    screenshot_with(opts, move |app| {
        app.insert_resource(Dialogs(Box::new(PngAnswer(answer))));
        // "Save outfit as PNG…" once the tee is fitted and a few frames were drawn.
        let mut frames = 0;
        app.add_systems(
            Update,
            move |tryon: Res<TryOn>,
                  progress: Res<FitProgress>,
                  mut save: MessageWriter<SaveOutfitPng>| {
                if tryon.all_fitted(&progress) {
                    frames += 1;
                    if frames == 20 {
                        save.write(SaveOutfitPng);
                    }
                }
            },
        );
    })
    .unwrap();
    let png = image::open(&outfit).expect("the outfit picture").to_rgb8();
    let (w, h) = png.dimensions();
    assert_eq!(h, 720);
    assert!(w < 1280 && w > 200, "cropped to the 3D view: {w}");
    let lit = png.pixels().filter(|p| p.0.iter().any(|&c| c > 40)).count();
    assert!(lit > png.len() / 3 / 2, "mostly black");
    let _ = std::fs::remove_dir_all(dir);
}

/// The app started from a folder without `assets/catalog` (an installed `anprobe`): its catalog
/// is the data folder's copy of the sample catalog, every garment read, no problem listed.
#[test]
fn the_app_started_elsewhere_lists_the_sample_catalog_from_the_data_folder() {
    let data = crate::app::scratch("elsewhere-data");
    let nowhere = [data.join("working-directory/assets/catalog")];
    let dir = anprobe::sample_catalog::shipped::locate(&nowhere, Some(&data)).expect("written");
    let mut app = headless(ProfileStore::default());
    app.insert_resource(CatalogDir(dir))
        .add_plugins(tryon_plugin);
    run_until(&mut app, "the catalog", |w| w.resource::<Catalog>().loaded);
    let catalog = app.world().resource::<Catalog>();
    assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
    assert_eq!(
        catalog.entries.len(),
        anprobe::sample_catalog::shipped::FILES.len()
    );
}
