//! Tests: cli — `anprobe garment validate FILE...`: a valid garment file exits 0, a truncated one
//! exits 1 naming the file, no file at all is bad usage (2).
//!
//! The garment file is the example T-shirt built by `tests/garment.rs`.

use super::{Run, Scratch, anprobe};
use crate::garment::shirt_glb;
use std::path::Path;

fn validate(files: &[&Path]) -> Run {
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"garment", &"validate"];
    args.extend(files.iter().map(|f| f as &dyn AsRef<std::ffi::OsStr>));
    anprobe(&args)
}

#[test]
fn garment_validate_passes_a_valid_file() {
    let dir = Scratch::new("garment-valid");
    let good = dir.path("shirt.glb");
    std::fs::write(&good, shirt_glb()).unwrap();
    let run = validate(&[&good]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(run.stdout, format!("ok {} (0 warnings)\n", good.display()));
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn garment_validate_refuses_a_truncated_file_naming_it() {
    let dir = Scratch::new("garment-truncated");
    let good = dir.path("shirt.glb");
    let cut = dir.path("cut-short.glb");
    let bytes = shirt_glb();
    std::fs::write(&good, &bytes).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();

    let run = validate(&[&cut]);
    assert_eq!(run.code, 1, "stderr: {}", run.stderr);
    assert!(
        run.stderr.contains(&format!("error: {}: ", cut.display())),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, format!("invalid {}\n", cut.display()));

    // Every file is reported; one invalid file makes the exit code 1.
    let missing = dir.path("missing.glb");
    let run = validate(&[&good, &cut, &missing]);
    assert_eq!(run.code, 1, "stderr: {}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "ok {} (0 warnings)\ninvalid {}\ninvalid {}\n",
            good.display(),
            cut.display(),
            missing.display()
        )
    );
    assert!(run.stderr.contains("missing.glb"), "{}", run.stderr);
}

#[test]
fn garment_validate_without_a_file_is_bad_usage() {
    let run = anprobe(&[&"garment", &"validate"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.starts_with("error:"), "{}", run.stderr);
    assert!(run.stderr.contains("<FILE>"), "{}", run.stderr);
    let run = anprobe(&[&"garment"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

/// `anprobe screenshot --garment` with a bad garment file exits 1 naming the file and its
/// problems, before any window opens (no display is given: the garment check comes first).
#[test]
fn screenshot_refuses_a_bad_garment_file_before_opening_a_window() {
    let dir = Scratch::new("screenshot-bad-garment");
    let cut = dir.path("cut-short.glb");
    let bytes = shirt_glb();
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let out = dir.path("shot.png");
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_anprobe"));
    command
        .args(["screenshot", "--out"])
        .arg(&out)
        .arg("--garment")
        .arg(&cut)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY");
    let run = super::run_command(command);
    assert_eq!(run.code, 1, "stderr: {}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("{}: the garment cannot be used:", cut.display())),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("no display"), "{}", run.stderr);
    assert!(!out.exists());

    // A size that is not in the chart is refused the same way, naming the chart's sizes.
    let good = dir.path("shirt.glb");
    std::fs::write(&good, &bytes).unwrap();
    let run = anprobe(&[
        &"screenshot",
        &"--out",
        &out,
        &"--garment",
        &good,
        &"--size",
        &"XXXL",
    ]);
    assert_eq!(run.code, 1, "stderr: {}", run.stderr);
    assert!(run.stderr.contains("shirt.glb"), "{}", run.stderr);
    assert!(
        run.stderr.contains("\"XXXL\" is not in the size chart"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}
