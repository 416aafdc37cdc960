//! Limits on what a garment file may hold. Retailer files are untrusted input: every size that
//! decides how much memory or time the import takes is bounded here, checked before anything is
//! allocated, and documented in `docs/garment-format.md` ("Limits").

/// The largest file read: the .glb / .gltf itself and each external buffer or image file.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// All bytes read for one garment together (the file, its external buffers and images).
pub const MAX_TOTAL_BYTES: u64 = 512 * 1024 * 1024;
/// The largest JSON document (the .gltf file or the GLB's JSON chunk).
pub const MAX_JSON_BYTES: usize = 16 * 1024 * 1024;
/// The deepest nesting of JSON arrays and objects.
pub const MAX_JSON_DEPTH: usize = 64;
/// Vertices of all imported parts together (a mesh used by two nodes counts twice).
pub const MAX_VERTICES: usize = 2_000_000;
/// Triangle indices of all imported parts together (three per triangle).
pub const MAX_INDICES: usize = 12_000_000;
/// The most parts (mesh primitives placed in the scene).
pub const MAX_PARTS: usize = 1024;
/// The deepest node hierarchy.
pub const MAX_NODE_DEPTH: usize = 64;
/// The widest and tallest texture, pixels.
pub const MAX_TEXTURE_DIMENSION: u32 = 8192;
/// Decoded (RGBA8) bytes of one texture.
pub const MAX_TEXTURE_BYTES: u64 = MAX_TEXTURE_DIMENSION as u64 * MAX_TEXTURE_DIMENSION as u64 * 4;
/// Decoded (RGBA8) bytes of all textures together.
pub const MAX_TOTAL_TEXTURE_BYTES: u64 = 2 * MAX_TEXTURE_BYTES;
/// The most sizes in a size chart.
pub const MAX_SIZES: usize = 64;
/// The most colourways.
pub const MAX_COLOURWAYS: usize = 64;
/// The longest short text (sku, retailer, brand, name, size label, colourway name), characters.
pub const MAX_NAME_CHARS: usize = 256;
/// The longest care instruction, characters.
pub const MAX_CARE_CHARS: usize = 4096;
/// The most diagnostics kept for one file; the rest are counted in a last one.
pub const MAX_DIAGNOSTICS: usize = 200;
