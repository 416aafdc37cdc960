//! The avatar on screen: one mesh entity whose mesh asset is replaced in place whenever the
//! shopper's body is built anew, and the profile's hair cap, a mesh entity of its own.

use crate::app::state::body::ShopperBody;
use crate::app::state::profiles::{Hair, HairStyle, Profiles, SkinTone};
use crate::geometry::TriangleMesh;
use bevy::asset::RenderAssetUsages;
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (sync_avatar, sync_hair).in_set(crate::app::AppSystems::Scene),
    );
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
    let mut mesh = Mesh::new(
        PrimitiveTopology::TriangleList,
        RenderAssetUsages::MAIN_WORLD | RenderAssetUsages::RENDER_WORLD,
    )
    .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, positions)
    .with_inserted_attribute(Mesh::ATTRIBUTE_NORMAL, normals)
    .with_inserted_indices(Indices::U32(body.indices.clone()));
    if body.uvs.len() == body.positions.len() {
        let uvs: Vec<[f32; 2]> = body.uvs.iter().map(|uv| uv.to_array()).collect();
        mesh.insert_attribute(Mesh::ATTRIBUTE_UV_0, uvs);
    }
    mesh
}

/// Marks the hair cap's mesh entity (there is none while the shown profile has no hair).
#[derive(Component, Debug)]
pub struct HairCap {
    /// The [`ShopperBody::generation`] its mesh was built from.
    pub generation: u64,
    /// The hair it shows.
    pub hair: Hair,
    /// The style its mesh is cut in.
    pub style: HairStyle,
}

/// A soft, matte finish in the hair's colour, seen from both sides (under a bob's curtain the
/// inside of the shell shows).
fn hair_material(rgb: [f32; 3]) -> StandardMaterial {
    StandardMaterial {
        base_color: Color::srgb(rgb[0], rgb[1], rgb[2]),
        perceptual_roughness: 0.85,
        reflectance: 0.3,
        double_sided: true,
        cull_mode: None,
        ..default()
    }
}

/// Puts the shown profile's hair on the avatar (a mesh of its own, built with the avatar:
/// `body::hair`), changes its colour or style, or takes it off.
fn sync_hair(
    mut commands: Commands,
    body: Res<ShopperBody>,
    profiles: Res<Profiles>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut shown: Query<(
        Entity,
        &mut HairCap,
        &Mesh3d,
        &MeshMaterial3d<StandardMaterial>,
    )>,
) {
    let Some(avatar) = &body.avatar else { return };
    let hair = profiles.active().hair;
    let style = profiles.active().hair_style;
    let Some(rgb) = hair.srgb() else {
        for (entity, ..) in &shown {
            commands.entity(entity).despawn();
        }
        return;
    };
    match shown.single_mut() {
        Ok((_, mut cap, handle, material)) => {
            if cap.hair != hair {
                if let Some(mut m) = materials.get_mut(&material.0) {
                    m.base_color = Color::srgb(rgb[0], rgb[1], rgb[2]);
                }
                cap.hair = hair;
            }
            if cap.generation != body.generation || cap.style != style {
                let mesh = to_bevy_mesh(&crate::body::hair::mesh(avatar, style));
                if let Err(error) = meshes.insert(&handle.0, mesh) {
                    warn!("hair mesh not replaced: {error}");
                }
                cap.generation = body.generation;
                cap.style = style;
            }
        }
        Err(_) => {
            commands.spawn((
                Name::new("Hair"),
                HairCap {
                    generation: body.generation,
                    hair,
                    style,
                },
                Mesh3d(meshes.add(to_bevy_mesh(&crate::body::hair::mesh(avatar, style)))),
                MeshMaterial3d(materials.add(hair_material(rgb))),
                Transform::default(),
            ));
        }
    }
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
