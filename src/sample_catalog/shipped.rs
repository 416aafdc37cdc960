//! The sample catalog inside the binary: an installed `anprobe` started from any folder still
//! has its garments. Where no `assets/catalog` folder is found (the working directory, the
//! project during `cargo run`, beside the executable), the catalog is the data folder's
//! `catalog/`, filled from these bytes at first start (a file already there is kept, so a
//! shopper's or a newer copy is never overwritten).

use crate::atomic_write::write_atomically;
use std::path::{Path, PathBuf};

/// The name of the catalog folder inside the data folder.
pub const DATA_SUBDIR: &str = "catalog";

/// The committed sample catalog, file name and bytes (`tests/catalog.rs` checks it is the whole
/// folder, byte for byte).
pub const FILES: &[(&str, &[u8])] = &[
    (
        "atelier-ravel-ar-bl-118.glb",
        include_bytes!("../../assets/catalog/atelier-ravel-ar-bl-118.glb"),
    ),
    (
        "atelier-ravel-ar-dr-221.glb",
        include_bytes!("../../assets/catalog/atelier-ravel-ar-dr-221.glb"),
    ),
    (
        "atelier-ravel-ar-ju-305.glb",
        include_bytes!("../../assets/catalog/atelier-ravel-ar-ju-305.glb"),
    ),
    (
        "brackwater-tailoring-bw-jk-310.glb",
        include_bytes!("../../assets/catalog/brackwater-tailoring-bw-jk-310.glb"),
    ),
    (
        "brackwater-tailoring-bw-sh-110.glb",
        include_bytes!("../../assets/catalog/brackwater-tailoring-bw-sh-110.glb"),
    ),
    (
        "brackwater-tailoring-bw-tr-320.glb",
        include_bytes!("../../assets/catalog/brackwater-tailoring-bw-tr-320.glb"),
    ),
    (
        "harrow-finch-hf-ct-701.glb",
        include_bytes!("../../assets/catalog/harrow-finch-hf-ct-701.glb"),
    ),
    (
        "kiko-lane-kl-dn-501.glb",
        include_bytes!("../../assets/catalog/kiko-lane-kl-dn-501.glb"),
    ),
    (
        "kiko-lane-kl-hd-220.glb",
        include_bytes!("../../assets/catalog/kiko-lane-kl-hd-220.glb"),
    ),
    (
        "kiko-lane-kl-sh-612.glb",
        include_bytes!("../../assets/catalog/kiko-lane-kl-sh-612.glb"),
    ),
    (
        "nordlicht-basics-nb-kn-2040.glb",
        include_bytes!("../../assets/catalog/nordlicht-basics-nb-kn-2040.glb"),
    ),
    (
        "nordlicht-basics-nb-ts-1001.glb",
        include_bytes!("../../assets/catalog/nordlicht-basics-nb-ts-1001.glb"),
    ),
];

/// The folders a catalog is looked for in, in order: `assets/catalog` of the working directory,
/// of the project (`CARGO_MANIFEST_DIR`, set by `cargo run`), and beside the executable.
pub fn candidates() -> Vec<PathBuf> {
    let relative = Path::new("assets").join("catalog");
    [
        Some(relative.clone()),
        std::env::var_os("CARGO_MANIFEST_DIR").map(|d| PathBuf::from(d).join(&relative)),
        std::env::current_exe()
            .ok()
            .and_then(|e| e.parent().map(|d| d.join(&relative))),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The catalog folder: the first of `candidates` that is a folder, else `data_dir`'s
/// `catalog/` with the sample catalog written into it where missing. An error only if that
/// folder cannot be made or written.
pub fn locate(candidates: &[PathBuf], data_dir: Option<&Path>) -> std::io::Result<PathBuf> {
    if let Some(found) = candidates.iter().find(|d| d.is_dir()) {
        return Ok(found.clone());
    }
    let Some(data_dir) = data_dir else {
        return Ok(candidates
            .first()
            .cloned()
            .unwrap_or_else(|| PathBuf::from(super::DEFAULT_DIR)));
    };
    let dir = data_dir.join(DATA_SUBDIR);
    install(&dir)?;
    Ok(dir)
}

/// Writes the sample catalog's files into `dir` where they are missing; returns how many were
/// written.
pub fn install(dir: &Path) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let mut written = 0;
    for (name, bytes) in FILES {
        let path = dir.join(name);
        if !path.exists() {
            write_atomically(&path, bytes)?;
            written += 1;
        }
    }
    Ok(written)
}
