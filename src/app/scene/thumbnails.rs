//! Thumbnails of the catalog's garments, rendered by the app: each garment (as modelled,
//! undraped) is drawn by an offscreen camera into an image, on a render layer of its own; after
//! a few frames the image is handed to egui and the camera and meshes go.

use super::fit_material::garment_mesh;
use super::worn_garments::fabric;
use crate::app::state::tryon::{Catalog, CatalogEntry};
use bevy::camera::RenderTarget;
use bevy::camera::visibility::RenderLayers;
use bevy::light::{NotShadowCaster, NotShadowReceiver};
use bevy::prelude::*;
use bevy::render::render_resource::TextureFormat;
use bevy::window::RequestRedraw;
use bevy_egui::{EguiTextureHandle, EguiUserTextures, egui};
use std::collections::HashMap;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Thumbnails>()
        .add_systems(Update, shoot_thumbnails);
}

/// The first render layer thumbnails are drawn on (nothing else is on these layers).
const FIRST_LAYER: usize = 8;
/// Thumbnails drawn at the same time (each on its own layer).
const AT_ONCE: usize = 12;
/// Thumbnail size, pixels.
const SIZE: u32 = 128;
/// Frames a thumbnail's camera draws before the picture is kept (pipelines compile meanwhile).
const FRAMES: u32 = 15;

/// The thumbnails drawn so far, by SKU.
#[derive(Resource, Default)]
pub struct Thumbnails {
    /// Each drawn garment's egui texture, by SKU; `TextureId::default()` marks a garment with
    /// nothing to draw (no bounds), whose colour swatch is shown instead.
    pub ids: HashMap<String, egui::TextureId>,
    current: Vec<Shoot>,
}

impl Thumbnails {
    /// Whether every garment of the catalog has its thumbnail.
    pub fn all_drawn(&self, catalog: &Catalog) -> bool {
        catalog.loaded
            && catalog
                .entries
                .iter()
                .all(|e| self.ids.contains_key(&e.garment.meta().sku))
    }
}

struct Shoot {
    sku: String,
    image: Handle<Image>,
    entities: Vec<Entity>,
    frames: u32,
}

#[expect(
    clippy::too_many_arguments,
    reason = "a system: each parameter is a resource it needs"
)]
fn shoot_thumbnails(
    mut commands: Commands,
    catalog: Res<Catalog>,
    mut thumbnails: ResMut<Thumbnails>,
    mut user_textures: ResMut<EguiUserTextures>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut images: ResMut<Assets<Image>>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let thumbnails = &mut *thumbnails;
    if !thumbnails.current.is_empty() {
        redraw.write(RequestRedraw);
        for shoot in &mut thumbnails.current {
            shoot.frames += 1;
        }
        if thumbnails.current[0].frames < FRAMES {
            return;
        }
        for shoot in std::mem::take(&mut thumbnails.current) {
            let id = user_textures.add_image(EguiTextureHandle::Strong(shoot.image.clone()));
            thumbnails.ids.insert(shoot.sku, id);
            for e in shoot.entities {
                commands.entity(e).despawn();
            }
        }
    }
    let waiting: Vec<_> = catalog
        .entries
        .iter()
        .filter(|e| !thumbnails.ids.contains_key(&e.garment.meta().sku))
        .take(AT_ONCE)
        .collect();
    let batch = waiting.len();
    for (k, entry) in waiting.into_iter().enumerate() {
        let layer = RenderLayers::layer(FIRST_LAYER + k);
        match spawn_shoot(
            &mut commands,
            entry,
            layer,
            &mut meshes,
            &mut materials,
            &mut images,
        ) {
            Some(shoot) => thumbnails.current.push(shoot),
            // Nothing to draw: the colour swatch stays.
            None => {
                thumbnails
                    .ids
                    .insert(entry.garment.meta().sku.clone(), egui::TextureId::default());
            }
        }
        redraw.write(RequestRedraw);
    }
    // One light for the whole batch (the renderer allows few directional lights).
    if let Some(first) = thumbnails.current.first_mut() {
        let layers: Vec<usize> = (FIRST_LAYER..FIRST_LAYER + batch).collect();
        first.entities.push(
            commands
                .spawn((
                    Name::new("Thumbnail light"),
                    DirectionalLight {
                        illuminance: 7_000.0,
                        ..default()
                    },
                    Transform::from_xyz(-1.0, 2.0, 2.5).looking_at(Vec3::ZERO, Vec3::Y),
                    RenderLayers::from_layers(&layers),
                ))
                .id(),
        );
    }
}

/// Spawns the camera, light and meshes that draw one garment's thumbnail.
fn spawn_shoot(
    commands: &mut Commands,
    entry: &CatalogEntry,
    layer: RenderLayers,
    meshes: &mut Assets<Mesh>,
    materials: &mut Assets<StandardMaterial>,
    images: &mut Assets<Image>,
) -> Option<Shoot> {
    let imported = &entry.garment.imported;
    let (min, max) = imported.bounds()?;
    let (min, max) = (
        Vec3::from_array(min.to_array()),
        Vec3::from_array(max.to_array()),
    );
    let centre = 0.5 * (min + max);
    let extent = (max - min).max_element().max(0.1);
    let image = images.add(Image::new_target_texture(
        SIZE,
        SIZE,
        TextureFormat::Rgba8Unorm,
        Some(TextureFormat::Rgba8UnormSrgb),
    ));
    let mut entities = Vec::new();
    // Framed from the front, a little from above, with room around.
    let eye = centre + Vec3::new(0.35, 0.25, 1.0).normalize_or_zero() * extent * 1.45;
    entities.push(
        commands
            .spawn((
                Name::new("Thumbnail camera"),
                Camera3d::default(),
                Camera {
                    order: -1,
                    clear_color: Color::srgb(0.92, 0.94, 0.97).into(),
                    ..default()
                },
                RenderTarget::Image(image.clone().into()),
                Msaa::Off,
                Transform::from_translation(eye).looking_at(centre, Vec3::Y),
                layer.clone(),
            ))
            .id(),
    );
    for part in &imported.parts {
        if part.mesh.indices.is_empty() {
            continue;
        }
        entities.push(
            commands
                .spawn((
                    Mesh3d(meshes.add(garment_mesh(&part.mesh))),
                    MeshMaterial3d(materials.add(fabric(part, images))),
                    NotShadowCaster,
                    NotShadowReceiver,
                    Transform::default(),
                    layer.clone(),
                ))
                .id(),
        );
    }
    Some(Shoot {
        sku: entry.garment.meta().sku.clone(),
        image,
        entities,
        frames: 0,
    })
}
