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
    assert_eq!(why, format!("it decides between {first} and {second}"));
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
