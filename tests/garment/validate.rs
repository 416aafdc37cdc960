//! `anprobe garment validate`, the import's file errors and its progress.

use super::files::{edited, scratch, shirt_glb, with_meta};
use anprobe::garment::{self, import_file, validate_files};
use serde_json::json;
use std::path::Path;

#[test]
fn validate_files_reports_per_file_and_returns_the_exit_code() {
    let dir = scratch("validate");
    let good = dir.join("good.glb");
    let warned = dir.join("warned.glb");
    let bad = dir.join("bad.glb");
    std::fs::write(&good, shirt_glb()).unwrap();
    std::fs::write(
        &warned,
        edited(|json, _| {
            json["meshes"][0]["primitives"][0]["attributes"]
                .as_object_mut()
                .unwrap()
                .remove("NORMAL");
        }),
    )
    .unwrap();
    std::fs::write(&bad, with_meta(|m| m["price"] = json!(-2))).unwrap();
    let missing = dir.join("missing.glb");

    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_eq!(
        validate_files(&[good.clone(), warned.clone()], &mut out, &mut err),
        0
    );
    let out_text = String::from_utf8(out).unwrap();
    let err_text = String::from_utf8(err).unwrap();
    assert_eq!(
        out_text,
        format!(
            "ok {} (0 warnings)\nok {} (1 warning)\n",
            good.display(),
            warned.display()
        )
    );
    assert_eq!(
        err_text,
        format!(
            "warning: {}: meshes[0].primitives[0]: no NORMAL, computed\n",
            warned.display()
        )
    );

    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_eq!(
        validate_files(
            &[good.clone(), bad.clone(), missing.clone()],
            &mut out,
            &mut err
        ),
        1
    );
    let out_text = String::from_utf8(out).unwrap();
    let err_text = String::from_utf8(err).unwrap();
    assert_eq!(
        out_text,
        format!(
            "ok {} (0 warnings)\ninvalid {}\ninvalid {}\n",
            good.display(),
            bad.display(),
            missing.display()
        )
    );
    assert!(err_text.contains(&format!(
        "error: {}: extensions.ANPROBE_garment.price: -2: must be a finite amount ≥ 0\n",
        bad.display()
    )));
    assert!(err_text.contains(&format!(
        "error: {}: cannot read {}",
        missing.display(),
        missing.display()
    )));
}

#[test]
fn import_file_names_an_unreadable_path() {
    let e = import_file(Path::new("/nonexistent/anprobe/shirt.glb")).unwrap_err();
    assert_eq!(e.diagnostics.len(), 1);
    assert!(
        e.diagnostics[0]
            .message
            .starts_with("cannot read /nonexistent/anprobe/shirt.glb")
    );
}

#[test]
fn import_progress_counts_the_file_and_ends_done() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/catalog/nordlicht-basics-nb-ts-1001.glb");
    let size = std::fs::metadata(&path).unwrap().len();
    let progress = garment::ImportProgress::default();
    assert_eq!(progress.fraction(), 0.0);
    let garment = garment::import_file_with_progress(&path, &progress).expect("imports");
    assert!(garment.vertex_count() > 0);
    assert_eq!(progress.get(), (garment::ImportPhase::Done, size, size));
    assert_eq!(progress.fraction(), 1.0);

    // A missing file ends done too, with the error naming it.
    let progress = garment::ImportProgress::default();
    let missing = path.with_file_name("missing.glb");
    let error = garment::import_file_with_progress(&missing, &progress).unwrap_err();
    assert!(error.to_string().contains("missing.glb"), "{error}");
    assert_eq!(progress.get().0, garment::ImportPhase::Done);
}
