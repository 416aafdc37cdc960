//! Tests: cli — `anprobe fit`: a catalog garment on a body inside one of its sizes gets that size
//! recommended, the report holds every size with its regions and solver figures with
//! `--all-sizes` and marks the sizes not draped without it (the same recommendation), `--out` writes
//! the avatar wearing the garment (valid glTF), and bad sizes or garment files exit 1 naming
//! what is wrong.

use super::{Run, Scratch, anprobe};
use crate::export::khronos_issues;
use std::path::{Path, PathBuf};

/// The sample catalog's blouse: EU sizes 34–46, size 38 is made for chest 90–94, waist 74–78,
/// hip 98–102 (its `ANPROBE_garment.sizes`).
fn blouse() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/catalog/atelier-ravel-ar-bl-118.glb")
}

const INSIDE_38: &str =
    r#"{"form": "female", "stature": 165, "chest_girth": 92, "waist_girth": 76, "hip_girth": 100}"#;

/// `anprobe fit -m M -g G ARGS...`.
fn fit(m: &Path, garment: &Path, args: &[&dyn AsRef<std::ffi::OsStr>]) -> Run {
    let mut all: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"fit", &"-m", &m, &"-g", &garment];
    all.extend_from_slice(args);
    anprobe(&all)
}

#[test]
fn fit_recommends_the_size_whose_ranges_hold_the_body_and_writes_glb_and_report() {
    let dir = Scratch::new("fit-blouse");
    let m = dir.file("m.json", INSIDE_38);
    let (out, report) = (dir.path("fitted.glb"), dir.path("fit.json"));
    let garment = blouse();
    let run = fit(
        &m,
        &garment,
        &[&"--out", &out, &"--report", &report, &"--all-sizes"],
    );
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);

    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(json["report"], "anprobe.fit");
    assert_eq!(json["recommended_size"], "38", "{json:#}");
    assert_eq!(json["selected_size"], "38");
    let sizes = json["sizes"].as_array().unwrap();
    let labels: Vec<&str> = sizes.iter().map(|s| s["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["34", "36", "38", "40", "42", "44", "46"]);
    for size in sizes {
        assert_eq!(size["draped"], true, "--all-sizes drapes {}", size["label"]);
        let penetration = size["max_penetration_mm"].as_f64().unwrap();
        assert!(penetration <= 2.0, "{}: {penetration} mm", size["label"]);
        assert!(size["solver"]["iterations"].as_u64().unwrap() > 0);
        let chest = size["regions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["region"] == "chest")
            .expect("a blouse is judged at the chest");
        assert!(
            (chest["body_cm"].as_f64().unwrap() - 92.0).abs() < 0.5,
            "{chest}"
        );
    }
    // A smaller size has less ease at the chest than a larger one.
    let ease = |label: &str| {
        sizes.iter().find(|s| s["label"] == label).unwrap()["regions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["region"] == "chest")
            .unwrap()["ease_cm"]
            .as_f64()
            .unwrap()
    };
    assert!(ease("34") < ease("38") && ease("38") < ease("46"));

    let glb = std::fs::read(&out).unwrap();
    assert!(glb.starts_with(b"glTF"));
    let doc = gltf::Gltf::from_slice(&glb).expect("a readable glb");
    let names: Vec<String> = doc
        .meshes()
        .map(|m| m.name().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        names.first().map(String::as_str),
        Some("avatar"),
        "{names:?}"
    );
    assert!(
        names.len() >= 2,
        "avatar and the garment's parts: {names:?}"
    );
    if let Some(issues) = khronos_issues(&out) {
        assert_eq!(issues["numErrors"], 0, "{issues:#}");
        assert_eq!(issues["numWarnings"], 0, "{issues:#}");
    }
}

/// Without `--all-sizes`, the recommended size and the sizes next to it are draped (and a size
/// asked for); the others are in the report with their chart checks, marked not draped. The
/// recommendation is the one draping every size gives.
#[test]
fn fit_drapes_the_sizes_that_matter_unless_asked_for_all() {
    let dir = Scratch::new("fit-window");
    let m = dir.file("m.json", INSIDE_38);
    let garment = blouse();
    let report = |args: &[&dyn AsRef<std::ffi::OsStr>]| {
        let mut all: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"--report", &"-"];
        all.extend_from_slice(args);
        let run = fit(&m, &garment, &all);
        assert_eq!(run.code, 0, "stderr: {}", run.stderr);
        serde_json::from_str::<serde_json::Value>(&run.stdout).unwrap()
    };
    let draped = |json: &serde_json::Value| -> Vec<String> {
        json["sizes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["draped"] == true)
            .map(|s| s["label"].as_str().unwrap().to_owned())
            .collect()
    };
    let default = report(&[]);
    assert_eq!(default["recommended_size"], "38");
    assert_eq!(draped(&default), ["36", "38", "40"]);
    for size in default["sizes"].as_array().unwrap() {
        assert!(!size["chart"].as_array().unwrap().is_empty());
        if size["draped"] == false {
            assert_eq!(size["regions"], serde_json::json!([]), "{size}");
            assert_eq!(size["solver"]["iterations"], 0, "{size}");
        }
    }
    let every = report(&[&"--all-sizes"]);
    assert_eq!(draped(&every).len(), 7);
    for field in ["recommended_size", "confidence", "reasons", "selected_size"] {
        assert_eq!(default[field], every[field], "{field}");
    }

    let asked = report(&[&"--size", &"46"]);
    assert_eq!(draped(&asked), ["36", "38", "40", "46"]);
    assert_eq!(asked["selected_size"], "46");
    assert_eq!(asked["recommended_size"], "38");
}

#[test]
fn fit_drapes_the_asked_size_and_prints_a_summary_without_report() {
    let dir = Scratch::new("fit-size");
    let m = dir.file("m.json", INSIDE_38);
    let garment = blouse();
    let run = fit(&m, &garment, &[&"--size", &"34", &"--report", &"-"]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["selected_size"], "34");
    assert_eq!(json["recommended_size"], "38");

    let run = fit(&m, &garment, &[]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert!(
        run.stdout.contains("recommended size: 38"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("draped sizes: 36, 38, 40 of 7 (--all-sizes drapes every size)"),
        "{}",
        run.stdout
    );
}

#[test]
fn fit_refuses_an_unknown_size_and_a_broken_garment_naming_them() {
    let dir = Scratch::new("fit-bad");
    let m = dir.file("m.json", INSIDE_38);
    let garment = blouse();
    let run = fit(&m, &garment, &[&"--size", &"XXL"]);
    assert_eq!(run.code, 1, "stdout: {}", run.stdout);
    assert!(
        run.stderr
            .contains("size \"XXL\" is not in the size chart (sizes: 34, 36"),
        "{}",
        run.stderr
    );

    let broken = dir.path("broken.glb");
    let bytes = std::fs::read(&garment).unwrap();
    std::fs::write(&broken, &bytes[..bytes.len() / 3]).unwrap();
    let out = dir.path("never.glb");
    let run = fit(&m, &broken, &[&"--out", &out]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(&format!(
            "{}: the garment cannot be read:",
            broken.display()
        )),
        "{}",
        run.stderr
    );
    assert!(
        !out.exists(),
        "nothing written for a garment that cannot be read"
    );

    let run = anprobe(&[&"fit", &"-g", &garment]);
    assert_eq!(run.code, 2, "missing --measurements is bad usage");
}
