//! The worn garments in the 3D view: one mesh entity per draped part, in the garment's colour and
//! texture (two-sided where the part is) or in the fit-map material; rebuilt whenever new fits
//! arrive or the view switches between fabric and fit map.

use super::fit_material::{FitMapHandle, fit_map_mesh, garment_mesh};
use crate::app::state::tryon::{FitProgress, GarmentView, TryOn};
use crate::garment::GarmentPart as ImportedPart;
use bevy::asset::RenderAssetUsages;
use bevy::image::Image;
use bevy::prelude::*;
use bevy::render::render_resource::{Extent3d, Face, TextureDimension, TextureFormat};
use bevy::window::RequestRedraw;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, sync_garments.in_set(crate::app::AppSystems::Scene));
}

/// A draped garment part on screen.
#[derive(Component, Debug)]
pub struct GarmentPiece {
    /// The garment's SKU.
    pub sku: String,
}

/// The fabric of one part of a worn garment: in the colour of the store's product it is tried on
/// as, where that colour's name is known, else as the file has it.
fn worn_fabric(
    worn: &crate::app::state::tryon::Worn,
    part: &ImportedPart,
    images: &mut Assets<Image>,
) -> StandardMaterial {
    let colour = worn
        .product
        .as_ref()
        .and_then(|p| crate::app::colour_names::rgb(&p.colour));
    match colour {
        Some([r, g, b]) => StandardMaterial {
            base_color: Color::srgb_u8(r, g, b),
            base_color_texture: None,
            ..fabric(part, images)
        },
        None => fabric(part, images),
    }
}

/// The fabric finish of one part.
pub(super) fn fabric(part: &ImportedPart, images: &mut Assets<Image>) -> StandardMaterial {
    let [r, g, b, a] = part.base_color;
    let texture = part.texture.as_ref().map(|t| {
        images.add(Image::new(
            Extent3d {
                width: t.width(),
                height: t.height(),
                depth_or_array_layers: 1,
            },
            TextureDimension::D2,
            t.as_raw().clone(),
            TextureFormat::Rgba8UnormSrgb,
            RenderAssetUsages::RENDER_WORLD,
        ))
    });
    StandardMaterial {
        base_color: Color::linear_rgba(r, g, b, a),
        base_color_texture: texture,
        perceptual_roughness: 0.85,
        reflectance: 0.3,
        double_sided: part.double_sided,
        cull_mode: if part.double_sided {
            None
        } else {
            Some(Face::Back)
        },
        alpha_mode: if a < 0.999 {
            AlphaMode::Blend
        } else {
            AlphaMode::Opaque
        },
        ..default()
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "a system: each parameter is a resource or query it needs"
)]
fn sync_garments(
    mut commands: Commands,
    tryon: Res<TryOn>,
    progress: Res<FitProgress>,
    view: Res<GarmentView>,
    fit_material: Res<FitMapHandle>,
    pieces: Query<Entity, With<GarmentPiece>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut images: ResMut<Assets<Image>>,
    mut redraw: MessageWriter<RequestRedraw>,
    mut shown: Local<Option<(u64, GarmentView)>>,
) {
    let want = (progress.shown_revision(), *view);
    if *shown == Some(want) {
        return;
    }
    *shown = Some(want);
    for entity in &pieces {
        commands.entity(entity).despawn();
    }
    for worn in tryon.worn() {
        let Some(fit) = &worn.fit else { continue };
        let imported = &worn.garment.imported.parts;
        for (k, part) in fit.worn.parts.iter().enumerate() {
            if part.indices.is_empty() {
                continue;
            }
            let piece = GarmentPiece {
                sku: worn.sku().to_string(),
            };
            let part_name = imported.get(k).map_or("", |p| p.name.as_str());
            let name = Name::new(format!("{} / {part_name}", worn.garment.meta().name));
            match *view {
                GarmentView::Fabric => {
                    let Some(source) = imported.get(k) else {
                        continue;
                    };
                    commands.spawn((
                        name,
                        piece,
                        Mesh3d(meshes.add(garment_mesh(part))),
                        MeshMaterial3d(materials.add(worn_fabric(worn, source, &mut images))),
                        Transform::default(),
                    ));
                }
                GarmentView::FitMap => {
                    commands.spawn((
                        name,
                        piece,
                        Mesh3d(meshes.add(fit_map_mesh(part, fit.part_values(k)))),
                        MeshMaterial3d(fit_material.0.clone()),
                        Transform::default(),
                    ));
                }
            }
        }
    }
    redraw.write(RequestRedraw);
}
