//! The avatar on screen: one mesh entity whose mesh asset is replaced in place whenever the
//! shopper's body is built anew.

use crate::app::state::body::ShopperBody;
use crate::app::state::profiles::{Profiles, SkinTone};
use crate::geometry::TriangleMesh;
use bevy::asset::RenderAssetUsages;
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(Update, sync_avatar.in_set(crate::app::AppSystems::Scene));
}

/// Marks the avatar's mesh entity.
#[derive(Component, Debug)]
pub struct Mannequin {
    /// The [`ShopperBody::generation`] its mesh was built from.
    pub generation: u64,
    /// The skin tone its material shows.
    pub skin: SkinTone,
}

/// Converts the body mesh into a Bevy mesh that stays readable on the CPU.
pub fn to_bevy_mesh(body: &TriangleMesh) -> Mesh {
    let positions: Vec<[f32; 3]> = body.positions.iter().map(|p| p.to_array()).collect();
    let normals: Vec<[f32; 3]> = body.normals.iter().map(|n| n.to_array()).collect();
    let uvs: Vec<[f32; 2]> = body.uvs.iter().map(|uv| uv.to_array()).collect();
    Mesh::new(
        PrimitiveTopology::TriangleList,
        RenderAssetUsages::MAIN_WORLD | RenderAssetUsages::RENDER_WORLD,
    )
    .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, positions)
    .with_inserted_attribute(Mesh::ATTRIBUTE_NORMAL, normals)
    .with_inserted_attribute(Mesh::ATTRIBUTE_UV_0, uvs)
    .with_inserted_indices(Indices::U32(body.indices.clone()))
}

/// The colour of a skin tone.
fn skin_colour(tone: SkinTone) -> Color {
    let [r, g, b] = tone.srgb();
    Color::srgb(r, g, b)
}

/// A matte finish in the shown profile's skin tone.
fn skin(tone: SkinTone) -> StandardMaterial {
    StandardMaterial {
        base_color: skin_colour(tone),
        perceptual_roughness: 0.6,
        reflectance: 0.4,
        ..default()
    }
}

fn sync_avatar(
    mut commands: Commands,
    body: Res<ShopperBody>,
    profiles: Res<Profiles>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut shown: Query<(&mut Mannequin, &Mesh3d, &MeshMaterial3d<StandardMaterial>)>,
) {
    let Some(avatar) = &body.avatar else { return };
    let tone = profiles.active().skin;
    match shown.single_mut() {
        Ok((mut mannequin, handle, material)) => {
            if mannequin.skin != tone {
                if let Some(mut m) = materials.get_mut(&material.0) {
                    m.base_color = skin_colour(tone);
                }
                mannequin.skin = tone;
            }
            if mannequin.generation == body.generation {
                return;
            }
            // Replaces the asset under the same handle: no new entity, no new GPU binding.
            if let Err(error) = meshes.insert(&handle.0, to_bevy_mesh(&avatar.mesh)) {
                warn!("avatar mesh not replaced: {error}");
            }
            mannequin.generation = body.generation;
        }
        Err(_) => {
            commands.spawn((
                Name::new("Avatar"),
                Mannequin {
                    generation: body.generation,
                    skin: tone,
                },
                Mesh3d(meshes.add(to_bevy_mesh(&avatar.mesh))),
                MeshMaterial3d(materials.add(skin(tone))),
                Transform::default(),
            ));
        }
    }
}
