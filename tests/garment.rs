//! Tests: garments from retailers — import of every supported layout (.glb, .gltf with an
//! external .bin, .gltf with a base64 buffer, PNG and JPEG textures, several meshes and
//! primitives, node transforms), a table of malformed files each refused with the right
//! diagnostic and none panicking, the metadata checks, and `anprobe garment validate`.
//!
//! Every file is generated here: the glb writer of `anprobe::export` makes the mesh, and
//! serde_json edits of its JSON chunk make each variant.

//!
//! The modules: `files` (the helpers), `example` (the example metadata), `layouts` (import of every
//! layout), `malformed` (refused files), `metadata` (warnings), `schema` (the JSON Schema against the validator) and `validate`
//! (the command).

mod example;
mod files;
mod layouts;
mod malformed;
mod metadata;
mod regions;
mod schema;
mod validate;

pub(crate) use files::shirt_glb;
