//! Malformed files: a table of cases, each refused with the right diagnostic and none panicking
//! (the table by kind in `malformed/`), and mutated or truncated files that never panic.

mod container;
mod mesh_data;
mod metadata;
mod sources;

use super::files::{add_texture, base64, encoded_image, join_glb, list, scratch, shirt};
use anprobe::garment::{ImportErrors, import_slice};
use serde_json::json;
use std::path::PathBuf;

/// The file bytes of a malformed case, and the folder its external files live in.
pub(super) struct Case {
    pub(super) name: &'static str,
    pub(super) bytes: Vec<u8>,
    pub(super) base_dir: Option<PathBuf>,
    /// Text one error (`pointer: message`) must contain.
    pub(super) expect: &'static str,
}

pub(super) fn case(name: &'static str, bytes: Vec<u8>, expect: &'static str) -> Case {
    Case {
        name,
        bytes,
        base_dir: None,
        expect,
    }
}

/// Every malformed case, in order: the container, the mesh data, extensions and metadata, files
/// and textures.
fn malformed_cases() -> Vec<Case> {
    let dir = scratch("malformed");
    let mut cases = container::cases();
    cases.extend(mesh_data::cases());
    cases.extend(metadata::cases());
    cases.extend(sources::cases());
    let (mut j, _) = shirt();
    j["buffers"][0]["uri"] = json!("missing.bin");
    cases.push(Case {
        name: "external buffer missing",
        bytes: serde_json::to_vec(&j).unwrap(),
        base_dir: Some(dir.clone()),
        expect: "buffers[0]: cannot read",
    });
    cases
}

#[test]
fn malformed_files_are_refused_with_the_right_diagnostic_and_never_panic() {
    let mut failures = Vec::new();
    for case in malformed_cases() {
        let result =
            std::panic::catch_unwind(|| import_slice(&case.bytes, case.base_dir.as_deref()));
        let errors: ImportErrors = match result {
            Err(_) => {
                failures.push(format!("{}: panicked", case.name));
                continue;
            }
            Ok(Ok(_)) => {
                failures.push(format!("{}: accepted", case.name));
                continue;
            }
            Ok(Err(e)) => e,
        };
        if !errors.has_error(case.expect) {
            failures.push(format!(
                "{}: no error contains {:?}; got:\n{}",
                case.name,
                case.expect,
                list(&errors.diagnostics)
            ));
        }
        if errors
            .diagnostics
            .iter()
            .any(|d| d.message.contains("failed"))
        {
            failures.push(format!(
                "{}: a guarded call panicked:\n{}",
                case.name,
                list(&errors.diagnostics)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn mutated_and_truncated_files_never_panic() {
    let (mut json, mut bin) = shirt();
    add_texture(
        &mut json,
        &mut bin,
        &encoded_image(image::ImageFormat::Png, 16, 16),
        "image/png",
        None,
    );
    json["buffers"][0]["byteLength"] = json!(bin.len());
    let glb = join_glb(&json, &bin);
    let text = serde_json::to_vec(&{
        let mut j = json.clone();
        j["buffers"][0]["uri"] = json!(format!(
            "data:application/octet-stream;base64,{}",
            base64(&bin)
        ));
        j
    })
    .unwrap();

    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut internal = Vec::new();
    for original in [&glb, &text] {
        for round in 0..400 {
            let mut bytes = original.clone();
            match round % 4 {
                0 => bytes.truncate(next() as usize % bytes.len()),
                1 => {
                    for _ in 0..1 + next() % 4 {
                        let at = next() as usize % bytes.len();
                        bytes[at] = next() as u8;
                    }
                }
                2 => {
                    // Digits in the JSON become other digits: counts, offsets and indices change.
                    let digits: Vec<usize> = (0..bytes.len().min(20_000))
                        .filter(|&i| bytes[i].is_ascii_digit())
                        .collect();
                    let at = digits[next() as usize % digits.len()];
                    bytes[at] = b'0' + (next() % 10) as u8;
                }
                _ => {
                    let at = next() as usize % bytes.len();
                    bytes.insert(at, b"{[\",:}]9"[next() as usize % 8]);
                }
            }
            match std::panic::catch_unwind(|| import_slice(&bytes, None)) {
                Err(_) => panic!("round {round}: import_slice panicked"),
                Ok(Err(e)) if e.has_error("internal error") => {
                    internal.push(format!("round {round}: {e}"))
                }
                Ok(_) => {}
            }
        }
    }
    assert!(internal.is_empty(), "{}", internal.join("\n"));
}
