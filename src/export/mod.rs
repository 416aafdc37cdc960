//! glTF 2.0 binary (.glb) export of avatars and garments.

mod glb;

pub use glb::{ExportError, GlbMaterial, GlbMesh, write_glb, write_glb_file};

use crate::body::Avatar;
use crate::geometry::TriangleMesh;

impl GlbMaterial {
    /// The avatar's skin: a warm, matte, dielectric skin tone (sRGB #E0B89E).
    pub fn skin() -> Self {
        let [r, g, b] = [0xE0, 0xB8, 0x9E].map(|c: u8| srgb_to_linear(f32::from(c) / 255.0));
        GlbMaterial {
            name: "skin".into(),
            base_color: [r, g, b, 1.0],
            metallic: 0.0,
            roughness: 0.6,
            double_sided: false,
        }
    }
}

impl GlbMesh {
    /// A mesh with the given name and material.
    pub fn new(name: impl Into<String>, mesh: TriangleMesh, material: GlbMaterial) -> Self {
        GlbMesh {
            name: name.into(),
            mesh,
            material,
        }
    }

    /// The avatar as a mesh named `avatar` in the [`GlbMaterial::skin`] material.
    pub fn avatar(avatar: &Avatar) -> Self {
        GlbMesh::new("avatar", avatar.mesh.clone(), GlbMaterial::skin())
    }
}

/// glTF colours are linear; designers pick them in sRGB.
pub fn srgb_to_linear(c: f32) -> f32 {
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}
