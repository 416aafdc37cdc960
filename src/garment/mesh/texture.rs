//! Base colour textures: PNG or JPEG images from a buffer view or a file, decoded once per image
//! within the size limits (a decoder's panic caught), and `KHR_texture_transform` on their UVs.

use super::Reader;
use crate::garment::diagnostic::Diags;
use crate::garment::import::guarded;
use crate::garment::limits::{MAX_TEXTURE_BYTES, MAX_TEXTURE_DIMENSION, MAX_TOTAL_TEXTURE_BYTES};
use crate::garment::source::resolve_uri;
use glam::Vec2;
use serde_json::Value;
use std::borrow::Cow;
use std::sync::Arc;

impl Reader<'_> {
    /// The decoded image of texture `t` (decoded once per image).
    pub(super) fn texture(&mut self, t: usize, d: &mut Diags) -> Option<Arc<image::RgbaImage>> {
        let json = self.doc.as_json();
        let image = json.textures.get(t)?.source.value();
        if let Some(decoded) = self.textures.get(&image) {
            return decoded.clone();
        }
        let decoded = self.decode(image, d).map(Arc::new);
        self.textures.insert(image, decoded.clone());
        decoded
    }

    fn decode(&mut self, index: usize, d: &mut Diags) -> Option<image::RgbaImage> {
        let ptr = format!("images[{index}]");
        let json = self.doc.as_json().images.get(index)?;
        let bytes: Cow<[u8]> = if let Some(view) = &json.buffer_view {
            let view = self.doc.views().nth(view.value())?;
            if !self.view_ok.get(view.index()).copied().unwrap_or(false) {
                return None;
            }
            let data = self.buffers.get(view.buffer().index())?.as_deref()?;
            Cow::Borrowed(data.get(view.offset()..view.offset() + view.length())?)
        } else if let Some(uri) = &json.uri {
            match resolve_uri(uri, self.base_dir, &mut self.budget) {
                Ok(bytes) => Cow::Owned(bytes),
                Err(message) => {
                    d.error(ptr, message);
                    return None;
                }
            }
        } else {
            d.error(ptr, "neither uri nor bufferView");
            return None;
        };
        let format = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            image::ImageFormat::Png
        } else if bytes.starts_with(b"\xFF\xD8\xFF") {
            image::ImageFormat::Jpeg
        } else {
            d.error(
                ptr,
                "not a PNG or JPEG image: base colour textures must be PNG or JPEG",
            );
            return None;
        };
        let name = if format == image::ImageFormat::Png {
            "PNG"
        } else {
            "JPEG"
        };
        let reader = || image::ImageReader::with_format(std::io::Cursor::new(&bytes[..]), format);
        let (w, h) = match guarded(|| reader().into_dimensions()) {
            Ok(Ok(dims)) => dims,
            Ok(Err(e)) => {
                d.error(ptr, format!("cannot read the {name}: {e}"));
                return None;
            }
            Err(panic) => {
                d.error(ptr, format!("the {name} decoder failed: {panic}"));
                return None;
            }
        };
        if w > MAX_TEXTURE_DIMENSION || h > MAX_TEXTURE_DIMENSION || w == 0 || h == 0 {
            d.error(
                ptr,
                format!(
                    "{w}×{h} pixels: textures must be 1–{MAX_TEXTURE_DIMENSION} pixels wide and high"
                ),
            );
            return None;
        }
        let rgba = u64::from(w) * u64::from(h) * 4;
        self.budget.texture += rgba;
        if self.budget.texture > MAX_TOTAL_TEXTURE_BYTES {
            d.error(
                ptr,
                format!(
                    "the textures together exceed the limit of {} MiB decoded",
                    MAX_TOTAL_TEXTURE_BYTES >> 20
                ),
            );
            return None;
        }
        let decoded = guarded(|| {
            let mut reader = reader();
            let mut limits = image::Limits::default();
            limits.max_image_width = Some(MAX_TEXTURE_DIMENSION);
            limits.max_image_height = Some(MAX_TEXTURE_DIMENSION);
            // 16-bit RGBA decodes to twice the RGBA8 size.
            limits.max_alloc = Some(2 * MAX_TEXTURE_BYTES);
            reader.limits(limits);
            reader.decode().map(|image| image.into_rgba8())
        });
        match decoded {
            Ok(Ok(image)) => Some(image),
            Ok(Err(e)) => {
                d.error(ptr, format!("cannot decode the {name}: {e}"));
                None
            }
            Err(panic) => {
                d.error(ptr, format!("the {name} decoder failed: {panic}"));
                None
            }
        }
    }
}

/// `KHR_texture_transform` on a material's base colour texture.
#[derive(Clone, Copy, Debug)]
pub(super) struct TextureTransform {
    offset: Vec2,
    rotation: f32,
    scale: Vec2,
    pub(super) tex_coord: Option<u32>,
}

impl TextureTransform {
    /// uv' = T · R · S · uv (the extension's definition).
    pub(super) fn apply(&self, uv: Vec2) -> Vec2 {
        let (s, c) = self.rotation.sin_cos();
        let v = uv * self.scale;
        Vec2::new(c * v.x + s * v.y, -s * v.x + c * v.y) + self.offset
    }
}

/// Reads the transform from the raw JSON (independent of the gltf crate's features).
pub(super) fn texture_transform(root: &Value, material: usize) -> Option<TextureTransform> {
    let t = root.pointer(&format!(
        "/materials/{material}/pbrMetallicRoughness/baseColorTexture/extensions/KHR_texture_transform"
    ))?;
    let pair = |name: &str, default: f32| -> Vec2 {
        t.get(name)
            .and_then(Value::as_array)
            .filter(|a| a.len() == 2)
            .and_then(|a| Some(Vec2::new(a[0].as_f64()? as f32, a[1].as_f64()? as f32)))
            .filter(|v| v.is_finite())
            .unwrap_or(Vec2::splat(default))
    };
    Some(TextureTransform {
        offset: pair("offset", 0.0),
        rotation: t
            .get("rotation")
            .and_then(Value::as_f64)
            .map(|r| r as f32)
            .filter(|r| r.is_finite())
            .unwrap_or(0.0),
        scale: pair("scale", 1.0),
        tex_coord: t
            .get("texCoord")
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok()),
    })
}
