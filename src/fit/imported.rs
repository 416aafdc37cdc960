//! A garment read by `garment::import_file` as the fitting's input (its meshes without materials).

use super::{Garment, GarmentPart};
use crate::garment::ImportedGarment;

impl From<&ImportedGarment> for Garment {
    fn from(imported: &ImportedGarment) -> Garment {
        Garment {
            meta: imported.meta.clone(),
            parts: imported
                .parts
                .iter()
                .map(|p| GarmentPart {
                    name: p.name.clone(),
                    positions: p.positions.clone(),
                    normals: p.normals.clone(),
                    uvs: p.uvs.clone(),
                    indices: p.indices.clone(),
                })
                .collect(),
        }
    }
}
