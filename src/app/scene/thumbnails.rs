//! Thumbnails of the catalog's garments, rendered by the app: each garment (as modelled,
//! undraped) is drawn by an offscreen camera into an image, on a render layer of its own; after
//! a few frames the image is handed to egui and the camera and meshes go. Each garment is drawn
//! twice: in its own colours, and in white on a clear background, which the panels tint with a
//! product's colour (a catalog sells one garment file in many colours).

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
    /// The same in white on a clear background, to be tinted.
    pub white: HashMap<String, egui::TextureId>,
    current: Vec<Shoot>,
}

impl Thumbnails {
    /// Whether every garment of the catalog has its thumbnail.
    pub fn all_drawn(&self, catalog: &Catalog) -> bool {
        catalog.loaded
            && catalog.entries.iter().all(|e| {
                let sku = &e.garment.meta().sku;
                self.ids.contains_key(sku) && self.white.contains_key(sku)
            })
    }

    /// The thumbnail of garment `sku` in `colour` (the white one tinted, when there is one),
    /// else in its own colours; `None` before it is drawn or when there was nothing to draw.
    pub fn picture(
        &self,
        sku: &str,
        colour: Option<egui::Color32>,
    ) -> Option<(egui::TextureId, egui::Color32)> {
        let drawn = |id: Option<&egui::TextureId>| {
            id.copied().filter(|id| *id != egui::TextureId::default())
        };
        match colour.and_then(|c| drawn(self.white.get(sku)).map(|id| (id, c))) {
            Some(tinted) => Some(tinted),
            None => drawn(self.ids.get(sku)).map(|id| (id, egui::Color32::WHITE)),
        }
    }
}

struct Shoot {
    sku: String,
    white: bool,
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
            let ids = if shoot.white {
                &mut thumbnails.white
            } else {
                &mut thumbnails.ids
            };
            ids.insert(shoot.sku, id);
            for e in shoot.entities {
                commands.entity(e).despawn();
            }
        }
    }
    // Every garment in its own colours first, then in white.
    let waiting: Vec<_> = [false, true]
        .into_iter()
        .flat_map(|white| {
            let ids = if white {
                &thumbnails.white
            } else {
                &thumbnails.ids
            };
            catalog
                .entries
                .iter()
                .filter(move |e| !ids.contains_key(&e.garment.meta().sku))
                .map(move |e| (e, white))
        })
        .take(AT_ONCE)
        .collect();
    let batch = waiting.len();
    for (k, (entry, white)) in waiting.into_iter().enumerate() {
        let layer = RenderLayers::layer(FIRST_LAYER + k);
        let assets = (&mut *meshes, &mut *materials, &mut *images);
        match spawn_shoot(&mut commands, (entry, white), layer, assets) {
            Some(shoot) => thumbnails.current.push(shoot),
            // Nothing to draw: the colour swatch stays.
            None => {
                let ids = if white {
                    &mut thumbnails.white
                } else {
                    &mut thumbnails.ids
                };
                ids.insert(entry.garment.meta().sku.clone(), egui::TextureId::default());
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

/// Spawns the camera, light and meshes that draw one garment's thumbnail (`white`: in white on
/// a clear background).
fn spawn_shoot(
    commands: &mut Commands,
    (entry, white): (&CatalogEntry, bool),
    layer: RenderLayers,
    (meshes, materials, images): (
        &mut Assets<Mesh>,
        &mut Assets<StandardMaterial>,
        &mut Assets<Image>,
    ),
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
                    clear_color: if white {
                        Color::NONE.into()
                    } else {
                        Color::srgb(0.92, 0.94, 0.97).into()
                    },
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
                    MeshMaterial3d(materials.add(if white {
                        StandardMaterial {
                            base_color: Color::WHITE,
                            base_color_texture: None,
                            ..fabric(part, images)
                        }
                    } else {
                        fabric(part, images)
                    })),
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
        white,
        image,
        entities,
        frames: 0,
    })
}
