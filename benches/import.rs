//! Benchmark: import throughput of a large garment file (goal ≥ 200 MB/s) and, in the same run on
//! the same bytes, the `gltf` crate alone: `gltf::import_slice` (its own parse + buffer loading,
//! no vertex is read) and the `gltf` crate's parse plus its accessor reader filling the same
//! arrays Anprobe fills. The ratios are Anprobe's time over theirs.
//! Run with `cargo bench --no-default-features --bench import`.

use anprobe::export::{GlbMaterial, GlbMesh, write_glb};
use anprobe::garment::{garment_meta_example, import_slice};
use anprobe::sample_catalog::with_garment_extension;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use glam::{Vec2, Vec3};
use std::hint::black_box;

/// Rows × columns of the tube: 1,000,000 vertices, about 56 MB.
const ROWS: usize = 1000;
const COLUMNS: usize = 1000;

/// A closed tube around the torso of the example's reference body (a T-shirt-like placement),
/// with normals, UVs and two triangles per quad, as one part.
fn large_glb() -> Vec<u8> {
    let mut glb = GlbMesh {
        name: "body".into(),
        material: GlbMaterial {
            name: "cotton".into(),
            double_sided: true,
            ..GlbMaterial::default()
        },
        ..GlbMesh::default()
    };
    let mesh = &mut glb.mesh;
    for r in 0..ROWS {
        let v = r as f32 / (ROWS - 1) as f32;
        let y = 0.95 + 0.5 * v;
        for c in 0..COLUMNS {
            let u = c as f32 / COLUMNS as f32;
            let (sin, cos) = (u * std::f32::consts::TAU).sin_cos();
            let n = Vec3::new(sin, 0.0, cos);
            mesh.positions.push(Vec3::new(0.19 * sin, y, 0.14 * cos));
            mesh.normals.push(n);
            mesh.uvs.push(Vec2::new(u, v));
        }
    }
    for r in 0..ROWS as u32 - 1 {
        for c in 0..COLUMNS as u32 {
            let a = r * COLUMNS as u32 + c;
            let b = r * COLUMNS as u32 + (c + 1) % COLUMNS as u32;
            let (d, e) = (a + COLUMNS as u32, b + COLUMNS as u32);
            mesh.indices.extend_from_slice(&[a, b, e, a, e, d]);
        }
    }
    with_garment_extension(&write_glb(&[glb]), &garment_meta_example()).expect("a GLB")
}

/// The `gltf` crate's parse and its reader, into the arrays Anprobe's import fills.
fn gltf_read(bytes: &[u8]) -> usize {
    let gltf = gltf::Gltf::from_slice(bytes).expect("the gltf crate parses it");
    let blob = gltf.blob.as_deref();
    let mut read = 0;
    for mesh in gltf.document.meshes() {
        for primitive in mesh.primitives() {
            let reader = primitive.reader(|_| blob);
            let positions: Vec<[f32; 3]> = reader.read_positions().expect("positions").collect();
            let normals: Vec<[f32; 3]> = reader.read_normals().expect("normals").collect();
            let uvs: Vec<[f32; 2]> = reader.read_tex_coords(0).expect("uvs").into_f32().collect();
            let indices: Vec<u32> = reader.read_indices().expect("indices").into_u32().collect();
            read += positions.len() + normals.len() + uvs.len() + indices.len();
        }
    }
    read
}

fn import(c: &mut Criterion) {
    let bytes = large_glb();
    let garment = import_slice(&bytes, None).expect("the large garment imports");
    assert_eq!(garment.vertex_count(), ROWS * COLUMNS);
    println!(
        "large garment: {} vertices, {} triangles, {:.1} MB",
        garment.vertex_count(),
        garment.triangle_count(),
        bytes.len() as f64 / 1e6
    );
    let mut group = c.benchmark_group("import");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.sample_size(10);
    group.bench_function("anprobe import_slice", |b| {
        b.iter(|| import_slice(black_box(&bytes), None).map(|g| g.vertex_count()))
    });
    group.bench_function("gltf::import_slice (parse, no vertex read)", |b| {
        b.iter(|| {
            gltf::import_slice(black_box(&bytes))
                .map(|(d, buffers, _)| (d.meshes().len(), buffers.len()))
        })
    });
    group.bench_function("gltf parse + reader", |b| {
        b.iter(|| gltf_read(black_box(&bytes)))
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
