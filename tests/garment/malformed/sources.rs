//! The malformed cases of external files, embedded data and textures.

use super::{Case, case};
use crate::garment::files::{add_texture, encoded_image, join_glb, shirt};
use serde_json::json;

/// The malformed cases of external files, embedded data and textures.
pub(super) fn cases() -> Vec<Case> {
    vec![
        // External files and embedded data.
        case(
            "bad base64",
            {
                let (mut j, _) = shirt();
                j["buffers"][0]["uri"] = json!("data:application/octet-stream;base64,AAAA@@@@");
                serde_json::to_vec(&j).unwrap()
            },
            "buffers[0]: data: URI is not valid base64 (at character 4)",
        ),
        case(
            "web address",
            {
                let (mut j, _) = shirt();
                j["buffers"][0]["uri"] = json!("https://example.com/shirt.bin");
                serde_json::to_vec(&j).unwrap()
            },
            "only relative file paths and base64 data: URIs are supported",
        ),
        case(
            "path outside the folder",
            {
                let (mut j, _) = shirt();
                j["buffers"][0]["uri"] = json!("../shirt.bin");
                serde_json::to_vec(&j).unwrap()
            },
            "\"../shirt.bin\": only relative paths inside the garment's folder are read",
        ),
        // Textures.
        case(
            "corrupt PNG",
            {
                let (mut j, mut bin) = shirt();
                add_texture(
                    &mut j,
                    &mut bin,
                    b"\x89PNG\r\n\x1a\n-- not a png --",
                    "image/png",
                    None,
                );
                j["buffers"][0]["byteLength"] = json!(bin.len());
                join_glb(&j, &bin)
            },
            "images[0]: cannot read the PNG",
        ),
        case(
            "WebP texture",
            {
                let (mut j, mut bin) = shirt();
                add_texture(
                    &mut j,
                    &mut bin,
                    b"RIFF\0\0\0\0WEBPVP8 ",
                    "image/webp",
                    None,
                );
                j["buffers"][0]["byteLength"] = json!(bin.len());
                join_glb(&j, &bin)
            },
            "images[0]: not a PNG or JPEG image",
        ),
        case(
            "texture too wide",
            {
                let png = encoded_image(image::ImageFormat::Png, 8193, 2);
                let (mut j, mut bin) = shirt();
                add_texture(&mut j, &mut bin, &png, "image/png", None);
                j["buffers"][0]["byteLength"] = json!(bin.len());
                join_glb(&j, &bin)
            },
            "images[0]: 8193×2 pixels: textures must be 1–8192 pixels wide and high",
        ),
    ]
}
