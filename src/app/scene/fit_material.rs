//! The fit-map material: a custom Bevy [`Material`] whose fragment shader
//! (`shaders/fit_map.wgsl`, embedded in the binary) colours each vertex's fit value blue (loose),
//! green (good) or red (tight) and shades it simply. The value travels in the red channel of
//! the mesh's vertex colour ([`fit_map_mesh`]).

use crate::geometry::TriangleMesh;
use bevy::asset::{RenderAssetUsages, uuid_handle};
use bevy::mesh::{Indices, MeshVertexBufferLayoutRef, PrimitiveTopology};
use bevy::pbr::{MaterialPipeline, MaterialPipelineKey};
use bevy::prelude::*;
use bevy::render::render_resource::{
    AsBindGroup, RenderPipelineDescriptor, SpecializedMeshPipelineError,
};
use bevy::shader::ShaderRef;

/// The fit-map shader, stored under a fixed handle (the app refuses unapproved asset paths,
/// and the binary needs no `shaders/` folder beside it).
pub const FIT_MAP_SHADER: Handle<Shader> = uuid_handle!("6c1f3a52-9d0e-4c1b-a2f7-3e85b1d40c77");

pub(super) fn plugin(app: &mut App) {
    app.world_mut()
        .resource_mut::<Assets<Shader>>()
        .insert(
            FIT_MAP_SHADER.id(),
            Shader::from_wgsl(
                include_str!("../../../shaders/fit_map.wgsl"),
                "shaders/fit_map.wgsl",
            ),
        )
        .expect("the fit-map shader's handle is free");
    app.add_plugins(MaterialPlugin::<FitMapMaterial>::default());
    let handle = app
        .world_mut()
        .resource_mut::<Assets<FitMapMaterial>>()
        .add(FitMapMaterial::default());
    app.insert_resource(FitMapHandle(handle));
}

/// The one fit-map material all garments share.
#[derive(Resource, Clone, Debug)]
pub struct FitMapHandle(pub Handle<FitMapMaterial>);

/// Lighting of the fit map (the colours are fixed: they are the legend's).
#[derive(Asset, TypePath, AsBindGroup, Debug, Clone)]
pub struct FitMapMaterial {
    /// x: ambient, y: key light from above, z: headlight, w: unused.
    #[uniform(0)]
    pub lighting: Vec4,
}

impl Default for FitMapMaterial {
    fn default() -> Self {
        FitMapMaterial {
            lighting: Vec4::new(0.30, 0.45, 0.40, 0.0),
        }
    }
}

impl Material for FitMapMaterial {
    fn fragment_shader() -> ShaderRef {
        FIT_MAP_SHADER.into()
    }

    fn specialize(
        _pipeline: &MaterialPipeline,
        descriptor: &mut RenderPipelineDescriptor,
        _layout: &MeshVertexBufferLayoutRef,
        _key: MaterialPipelineKey<Self>,
    ) -> Result<(), SpecializedMeshPipelineError> {
        // Cloth is one layer: both sides are drawn (the shader turns the normal to the eye).
        descriptor.primitive.cull_mode = None;
        Ok(())
    }
}

/// A draped part as a mesh (kept on the CPU too, so tests can read it).
pub fn garment_mesh(part: &TriangleMesh) -> Mesh {
    let positions: Vec<[f32; 3]> = part.positions.iter().map(|p| p.to_array()).collect();
    let normals: Vec<[f32; 3]> = part
        .normals
        .iter()
        .map(|n| n.normalize_or_zero().to_array())
        .collect();
    let mut mesh = Mesh::new(
        PrimitiveTopology::TriangleList,
        RenderAssetUsages::MAIN_WORLD | RenderAssetUsages::RENDER_WORLD,
    )
    .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, positions)
    .with_inserted_attribute(Mesh::ATTRIBUTE_NORMAL, normals)
    .with_inserted_indices(Indices::U32(part.indices.clone()));
    if part.uvs.len() == part.positions.len() {
        let uvs: Vec<[f32; 2]> = part.uvs.iter().map(|uv| uv.to_array()).collect();
        mesh.insert_attribute(Mesh::ATTRIBUTE_UV_0, uvs);
    }
    mesh
}

/// [`garment_mesh`] with each vertex's fit value (−1 … +1) in the red channel of its colour.
pub fn fit_map_mesh(part: &TriangleMesh, values: &[f32]) -> Mesh {
    let colours: Vec<[f32; 4]> = (0..part.positions.len())
        .map(|i| {
            let v = values
                .get(i)
                .copied()
                .filter(|v| v.is_finite())
                .unwrap_or(0.0);
            [v.clamp(-1.0, 1.0), 0.0, 0.0, 1.0]
        })
        .collect();
    let mut mesh = garment_mesh(part);
    mesh.insert_attribute(Mesh::ATTRIBUTE_COLOR, colours);
    mesh
}
