//! Tests: cli — `anprobe size`: the size advice without a drape, as sentences and as JSON (every
//! size's probability, `no_size`, the runner-up, the measurement to take next, the nearest size
//! when none fits); `anprobe fit` reports the same probabilities for the same input; a bad
//! measurements or garment file exits 1 naming it.

use super::{Run, Scratch, anprobe};
use std::path::{Path, PathBuf};

/// The sample catalog's blouse: EU sizes 34–46, size 38 for chest 90–94, waist 74–78, hip 98–102.
fn blouse() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/catalog/atelier-ravel-ar-bl-118.glb")
}

fn size(m: &Path, garment: &Path, json: bool) -> Run {
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"size", &"-m", &m, &"-g", &garment];
    if json {
        args.push(&"--json");
    }
    anprobe(&args)
}

fn json_of(run: &Run) -> serde_json::Value {
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

#[test]
fn size_gives_every_sizes_probability_and_fit_gives_the_same() {
    let dir = Scratch::new("size-38");
    let m = dir.file(
        "m.json",
        r#"{"form": "female", "stature": 165, "chest_girth": 92, "waist_girth": 76, "hip_girth": 100}"#,
    );
    let json = json_of(&size(&m, &blouse(), true));
    assert_eq!(json["report"], "anprobe.size");
    assert_eq!(json["version"], 1);
    assert_eq!(json["garment"]["sku"], "AR-BL-118");
    assert_eq!(json["recommended_size"], "38");
    let p = json["probability"].as_f64().unwrap();
    assert!(p > 0.5 && p <= 1.0, "{json}");
    let sizes = json["sizes"].as_array().unwrap();
    assert_eq!(sizes.len(), 7);
    let total: f64 = sizes
        .iter()
        .map(|s| s["probability"].as_f64().unwrap())
        .sum::<f64>()
        + json["no_size"].as_f64().unwrap();
    assert!((total - 1.0).abs() < 1e-6, "{total}");
    // The same input through `anprobe fit`: the same numbers.
    let run = anprobe(&[&"fit", &"-m", &m, &"-g", &blouse(), &"--report", &"-"]);
    let fit = json_of(&run);
    assert_eq!(fit["recommended_size"], json["recommended_size"]);
    assert_eq!(fit["probability"], json["probability"]);
    assert_eq!(fit["confidence"], json["probability"]);
    for (a, b) in fit["sizes"].as_array().unwrap().iter().zip(sizes) {
        assert_eq!(a["label"], b["label"]);
        assert_eq!(a["probability"], b["probability"], "size {}", a["label"]);
    }
    assert_eq!(fit["no_size"], json["no_size"]);
    // Without --json: sentences.
    let text = size(&m, &blouse(), false);
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(
        text.stdout.starts_with("size 38 \u{2014} "),
        "{}",
        text.stdout
    );
}

#[test]
fn size_names_the_measurement_to_take_and_the_nearest_size_when_none_fits() {
    let dir = Scratch::new("size-doubt");
    // Only the stature: the blouse is sized by the chest, predicted — measure it.
    let m = dir.file("m.json", r#"{"form": "female", "stature": 165}"#);
    let json = json_of(&size(&m, &blouse(), true));
    let runner = &json["runner_up"];
    assert!(runner["label"].is_string(), "{json}");
    let next = &json["measure_next"];
    assert_eq!(next["key"], "chest_girth", "{json}");
    let why = next["why"].as_str().unwrap();
    let (first, second) = (
        json["recommended_size"].as_str().unwrap(),
        runner["label"].as_str().unwrap(),
    );
    // The two likeliest, named in chart order (a range: the sizes between are included).
    let index = |label: &str| {
        json["sizes"]
            .as_array()
            .unwrap()
            .iter()
            .position(|s| s["label"] == label)
            .unwrap()
    };
    let (low, high) = if index(first) < index(second) {
        (first, second)
    } else {
        (second, first)
    };
    assert_eq!(why, format!("it decides between {low} and {high}"));
    assert!(next["bits"].as_f64().unwrap() > 0.1);
    // The chest typed on the line between 38 and 40: two sizes, and nothing predicted decides.
    let line = dir.file(
        "line.json",
        r#"{"form": "female", "stature": 165, "chest_girth": 94}"#,
    );
    let json = json_of(&size(&line, &blouse(), true));
    let (p38, p40) = (
        json["sizes"][2]["probability"].as_f64().unwrap(),
        json["sizes"][3]["probability"].as_f64().unwrap(),
    );
    assert!(p38 > 0.3 && p40 > 0.3 && p38 + p40 > 0.95, "{json}");
    assert_eq!(json["measure_next"], serde_json::Value::Null, "{json}");

    let big = dir.file("big.json", r#"{"form": "female", "stature": 170, "chest_girth": 135, "waist_girth": 120, "hip_girth": 140}"#);
    let json = json_of(&size(&big, &blouse(), true));
    assert_eq!(json["recommended_size"], serde_json::Value::Null);
    assert_eq!(json["nearest"]["label"], "46");
    let text = json["nearest"]["text"].as_str().unwrap();
    assert!(
        text.starts_with("none fits: the nearest, 46, is "),
        "{text}"
    );
    assert!(text.contains("tight at the chest girth"), "{text}");
}

#[test]
fn size_names_a_bad_file_and_exits_1() {
    let dir = Scratch::new("size-bad");
    let m = dir.file("m.json", r#"{"stature": 2}"#);
    let run = size(&m, &blouse(), true);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("m.json"), "{}", run.stderr);
    let good = dir.file("good.json", r#"{"stature": 170}"#);
    let junk = dir.file("junk.glb", "not a glb");
    let run = size(&good, &junk, false);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("junk.glb"), "{}", run.stderr);
}

/// A store with orders: `anprobe order add` then `order return` / `order status` per item.
struct Shop {
    dir: Scratch,
}

impl Shop {
    fn new(name: &str) -> Shop {
        Shop {
            dir: Scratch::new(name),
        }
    }

    fn data(&self) -> PathBuf {
        self.dir.path("data")
    }

    /// Orders the blouse (or `sku` of `retailer`) in `size` on `date`; returns its item id.
    fn order(&self, retailer: &str, sku: &str, name: &str, size: &str, date: &str) -> i64 {
        let data = self.data();
        let number = format!("N-{sku}-{date}-{size}");
        let run = anprobe(&[
            &"--data-dir",
            &data,
            &"order",
            &"add",
            &"--retailer",
            &retailer,
            &"--order-no",
            &number,
            &"--sku",
            &sku,
            &"--size",
            &size,
            &"--price",
            &"95",
            &"--name",
            &name,
            &"--date",
            &date,
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let list = anprobe(&[&"--data-dir", &data, &"order", &"list", &"--json"]);
        let orders: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
        let order: i64 = run.stdout.trim().parse().unwrap();
        orders
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["id"] == order)
            .unwrap()["items"][0]["id"]
            .as_i64()
            .unwrap()
    }

    fn give_back(&self, item: i64, date: &str, fit: &str) {
        let (data, id) = (self.data(), item.to_string());
        let run = anprobe(&[
            &"--data-dir",
            &data,
            &"order",
            &"return",
            &"--id",
            &id,
            &"--reason",
            &"fit",
            &"--fit",
            &fit,
            &"--date",
            &date,
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }

    fn keep(&self, item: i64) {
        let (data, id) = (self.data(), item.to_string());
        let run = anprobe(&[
            &"--data-dir",
            &data,
            &"order",
            &"status",
            &"--id",
            &id,
            &"--status",
            &"kept",
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }

    /// `anprobe size --json` with this store (and `extra` flags).
    fn size(&self, m: &Path, garment: &Path, extra: &[&str]) -> serde_json::Value {
        let data = self.data();
        let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![
            &"--data-dir",
            &data,
            &"size",
            &"-m",
            &m,
            &"-g",
            &garment,
            &"--json",
        ];
        for e in extra {
            args.push(e);
        }
        json_of(&anprobe(&args))
    }
}

fn catalog(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/catalog")
        .join(file)
}

/// At the upper edge of the blouse's 38 (chest 90–94): 38 by the chart.
const EDGE_38: &str = r#"{"form": "female", "stature": 165, "chest_girth": 93.6, "waist_girth": 76, "hip_girth": 100}"#;

fn p(json: &serde_json::Value, label: &str) -> f64 {
    json["sizes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["label"] == label)
        .unwrap()["probability"]
        .as_f64()
        .unwrap()
}

#[test]
fn a_return_as_too_tight_sizes_that_brand_up_and_leaves_other_brands_alone() {
    let shop = Shop::new("size-history");
    let m = shop.dir.file("m.json", EDGE_38);
    let tee = catalog("nordlicht-basics-nb-ts-1001.glb");
    let before = shop.size(&m, &blouse(), &[]);
    assert_eq!(before["recommended_size"], "38", "{before}");
    assert_eq!(before["history"], serde_json::json!([]));
    let tee_before = shop.size(&m, &tee, &[]);

    let item = shop.order(
        "Atelier Ravel",
        "AR-BL-118",
        "Blouse Colette",
        "38",
        "2026-10-10",
    );
    shop.give_back(item, "2026-10-20", "chest=tight");
    let after = shop.size(&m, &blouse(), &[]);
    assert_eq!(after["recommended_size"], "40", "{after}");
    let history = after["history"].as_array().unwrap();
    let brand = history
        .iter()
        .find(|a| a["brand"] == "Atelier Ravel Paris" && a["region"] == "chest")
        .unwrap_or_else(|| panic!("the brand's chest adjustment: {after}"));
    assert!(brand["shift_cm"].as_f64().unwrap() > 0.5, "{brand}");
    assert_eq!(brand["from"][0]["sku"], "AR-BL-118");
    assert_eq!(brand["from"][0]["status"], "returned");
    assert_eq!(
        brand["text"],
        "size up at the chest for Atelier Ravel Paris: you returned the Blouse Colette in 38 as \
         too tight at the chest on 2026-10-20"
    );
    // Another brand's top: the same size; no brand adjustment, only the shopper's own (named
    // as applying to every brand).
    let tee_after = shop.size(&m, &tee, &[]);
    assert_eq!(
        tee_after["recommended_size"],
        tee_before["recommended_size"]
    );
    for a in tee_after["history"].as_array().unwrap() {
        assert_eq!(a["brand"], serde_json::Value::Null, "{a}");
        assert!(a["text"].as_str().unwrap().contains("every brand"), "{a}");
        assert!(a["shift_cm"].as_f64().unwrap().abs() < 0.5, "{a}");
    }
    // --no-history: the chart's answer, as before the return.
    let plain = shop.size(&m, &blouse(), &["--no-history"]);
    assert_eq!(plain["sizes"], before["sizes"]);
    assert_eq!(plain["history"], serde_json::json!([]));
    // `anprobe fit` reads the same history: the same numbers.
    let data = shop.data();
    let fit = json_of(&anprobe(&[
        &"--data-dir",
        &data,
        &"fit",
        &"-m",
        &m,
        &"-g",
        &blouse(),
        &"--report",
        &"-",
    ]));
    for (a, b) in fit["sizes"]
        .as_array()
        .unwrap()
        .iter()
        .zip(after["sizes"].as_array().unwrap())
    {
        assert_eq!(a["probability"], b["probability"], "size {}", a["label"]);
    }
    assert_eq!(fit["history"], after["history"]);
    // The drape's recommendation reads the chart with the same offsets: 40 as well.
    assert_eq!(fit["recommended_size"], "40", "{}", fit["reasons"]);
}

#[test]
fn contradicting_returns_cancel_and_a_kept_garment_strengthens_its_size() {
    // In the middle of 38: too tight, too loose and good at the chest say nothing together.
    let shop = Shop::new("size-contradict");
    let middle = shop.dir.file(
        "middle.json",
        r#"{"form": "female", "stature": 165, "chest_girth": 92, "waist_girth": 76, "hip_girth": 100}"#,
    );
    let before = shop.size(&middle, &blouse(), &[]);
    for (n, fit) in ["chest=tight", "chest=loose", "chest=good"]
        .iter()
        .enumerate()
    {
        let date = format!("2026-0{}-10", n + 4);
        let item = shop.order("Atelier Ravel", "AR-BL-118", "Blouse Colette", "38", &date);
        shop.give_back(item, &format!("2026-0{}-20", n + 4), fit);
    }
    let after = shop.size(&middle, &blouse(), &[]);
    for a in after["history"].as_array().unwrap() {
        assert!(a["shift_cm"].as_f64().unwrap().abs() < 0.5, "{a}");
    }
    assert_eq!(
        after["recommended_size"], before["recommended_size"],
        "{after}"
    );

    // At the edge of 38, a kept 38 makes 38 likelier.
    let shop = Shop::new("size-kept");
    let m = shop.dir.file("m.json", EDGE_38);
    let before = shop.size(&m, &blouse(), &[]);
    let item = shop.order(
        "Atelier Ravel",
        "AR-BL-118",
        "Blouse Colette",
        "38",
        "2026-09-01",
    );
    shop.keep(item);
    let kept = shop.size(&m, &blouse(), &[]);
    assert_eq!(kept["recommended_size"], "38");
    assert!(
        p(&kept, "38") > p(&before, "38") + 0.1,
        "kept: {:.3}, before: {:.3}",
        p(&kept, "38"),
        p(&before, "38")
    );
    let a = &kept["history"][0];
    assert!(
        a["text"]
            .as_str()
            .unwrap()
            .contains("you kept the Blouse Colette in 38"),
        "{a}"
    );
}

/// Installed and started from any folder (no `assets/catalog` in reach): the history still
/// finds the returned garment's chart, in the data folder's copy of the sample catalog.
#[test]
fn started_from_any_folder_the_history_reads_the_sample_catalog() {
    let shop = Shop::new("size-elsewhere");
    let m = shop.dir.file("m.json", EDGE_38);
    let item = shop.order(
        "Atelier Ravel",
        "AR-BL-118",
        "Blouse Colette",
        "38",
        "2026-10-10",
    );
    shop.give_back(item, "2026-10-20", "chest=tight");
    let elsewhere = shop.dir.path("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    // The dress of the same brand: the blouse's chart comes from the catalog, not from -g.
    let dress = catalog("atelier-ravel-ar-dr-221.glb");
    let data = shop.data();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_anprobe"));
    command
        .current_dir(&elsewhere)
        .env_remove("CARGO_MANIFEST_DIR")
        .args([std::ffi::OsStr::new("--data-dir"), data.as_os_str()])
        .args(["size", "--json", "-m"])
        .arg(&m)
        .arg("-g")
        .arg(&dress);
    let json = json_of(&super::run_command(command));
    let history = json["history"].as_array().unwrap();
    assert!(
        history
            .iter()
            .any(|a| a["brand"] == "Atelier Ravel Paris" && a["region"] == "chest"),
        "the return matched by the catalog's chart: {json}"
    );
    let copied = std::fs::read_dir(data.join("catalog")).unwrap().count();
    assert_eq!(copied, anprobe::sample_catalog::shipped::FILES.len());
}
