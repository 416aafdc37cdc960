//! The studio the avatar stands in: background, soft key/fill/rim lighting and a floor disc.

use bevy::light::{CascadeShadowConfigBuilder, NotShadowCaster};
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(ClearColor(BACKGROUND))
        .insert_resource(GlobalAmbientLight {
            color: Color::srgb(0.93, 0.95, 1.0),
            brightness: 350.0,
            ..default()
        })
        .add_systems(Startup, spawn_stage);
}

/// The backdrop and the fog the floor fades into: a pale blue-grey, like a studio's paper sweep.
/// The backdrop is a lit-free sphere (not the clear colour) so it is tone-mapped exactly like the
/// fogged floor, and the floor's edge vanishes into it.
pub const BACKGROUND: Color = Color::srgb(0.92, 0.94, 0.97);
/// Radius of the backdrop sphere, metres (the floor disc is a bit smaller).
const BACKDROP_M: f32 = 60.0;

fn spawn_stage(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    // Key light: high, front left, warm, the only one casting a (soft-edged) shadow.
    commands.spawn((
        Name::new("Key light"),
        DirectionalLight {
            color: Color::srgb(1.0, 0.97, 0.92),
            illuminance: 6_000.0,
            shadow_maps_enabled: true,
            ..default()
        },
        CascadeShadowConfigBuilder {
            num_cascades: 1,
            maximum_distance: 8.0,
            ..default()
        }
        .build(),
        Transform::from_xyz(-1.6, 5.0, 2.6).looking_at(Vec3::new(0.0, 0.9, 0.0), Vec3::Y),
    ));
    // Fill light: front right, lower and cooler, no shadow.
    commands.spawn((
        Name::new("Fill light"),
        DirectionalLight {
            color: Color::srgb(0.90, 0.94, 1.0),
            illuminance: 2_500.0,
            ..default()
        },
        Transform::from_xyz(3.0, 1.5, 2.5).looking_at(Vec3::new(0.0, 0.9, 0.0), Vec3::Y),
    ));
    // Rim light: behind and above, outlines the silhouette against the backdrop.
    commands.spawn((
        Name::new("Rim light"),
        DirectionalLight {
            color: Color::WHITE,
            illuminance: 3_500.0,
            ..default()
        },
        Transform::from_xyz(0.5, 3.0, -4.0).looking_at(Vec3::new(0.0, 1.0, 0.0), Vec3::Y),
    ));

    commands.spawn((
        Name::new("Backdrop"),
        Mesh3d(meshes.add(Sphere::new(BACKDROP_M).mesh().uv(32, 16))),
        MeshMaterial3d(materials.add(StandardMaterial {
            base_color: BACKGROUND,
            unlit: true,
            cull_mode: None,
            ..default()
        })),
        NotShadowCaster,
    ));

    // Floor: a wide light disc with a slightly darker spot under the avatar.
    let flat = Quat::from_rotation_x(-std::f32::consts::FRAC_PI_2);
    commands.spawn((
        Name::new("Floor"),
        Mesh3d(meshes.add(Circle::new(BACKDROP_M - 5.0).mesh().resolution(128))),
        MeshMaterial3d(materials.add(StandardMaterial {
            base_color: Color::srgb(0.88, 0.88, 0.87),
            perceptual_roughness: 0.95,
            reflectance: 0.2,
            ..default()
        })),
        Transform::from_rotation(flat),
    ));
    commands.spawn((
        Name::new("Floor spot"),
        Mesh3d(meshes.add(Circle::new(0.75).mesh().resolution(96))),
        MeshMaterial3d(materials.add(StandardMaterial {
            base_color: Color::srgb(0.80, 0.80, 0.80),
            perceptual_roughness: 0.9,
            reflectance: 0.2,
            ..default()
        })),
        Transform::from_xyz(0.0, 0.002, 0.0).with_rotation(flat),
    ));
}
