//! Synthetic garments made around a body, for tests, benchmarks and demos while no catalog is at
//! hand: a T-shirt-like top (the body's torso, shoulders and upper arms pushed out along the
//! normals, finer by midpoint subdivision), a flared skirt (rings around the body's hull from the
//! waist down) and size charts built around a reference size.

use super::anatomy::BodyPart;
use super::prepare::PreparedBody;
use crate::garment::{Category, GarmentMeta, GarmentPart, ImportedGarment, Range, Size, Stretch};
use crate::geometry::{Plane, TriangleMesh, convex_hull, cross_sections, vertex_normals};
use glam::{DVec2, Vec2, Vec3, Vec3Swizzles};
use std::collections::{BTreeMap, HashMap};

/// The reference body of the synthetic garments (female, 168 cm, chest 92, waist 76, hip 100).
pub fn reference_body() -> BTreeMap<String, f64> {
    [
        ("stature", 168.0),
        ("chest_girth", 92.0),
        ("waist_girth", 76.0),
        ("hip_girth", 100.0),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// The shape of a synthetic top.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TopSpec {
    /// Distance from the skin, metres (chest ease ≈ 2π × this).
    pub offset: f32,
    /// Sleeve length down the arm from the shoulder point, metres (0: sleeveless).
    pub sleeve: f32,
    /// How far below the hip line the hem lies, metres (stops at the crotch).
    pub hem_below_hip: f32,
    /// Midpoint subdivisions (each multiplies the triangles by 4).
    pub subdivisions: u32,
}

impl Default for TopSpec {
    fn default() -> Self {
        TopSpec {
            offset: 0.012,
            sleeve: 0.16,
            hem_below_hip: 0.04,
            subdivisions: 0,
        }
    }
}

/// A T-shirt-like top around `body`: its torso from the hem up to below the neck and its arms to
/// the sleeve length, pushed out by the offset.
pub fn top(body: &PreparedBody, spec: &TopSpec) -> GarmentPart {
    let mesh = &body.avatar.mesh;
    let a = &body.anatomy;
    let hem = (a.hip.origin.y - spec.hem_below_hip).max(a.crotch.y + 0.01);
    let neck = a.neck.origin.y - 0.02;
    let keep: Vec<bool> = mesh
        .positions
        .iter()
        .zip(&a.vertex_part)
        .map(|(p, part)| match part {
            BodyPart::Torso => p.y >= hem && p.y <= neck,
            BodyPart::LeftArm | BodyPart::RightArm => {
                a.along_arm(part.side(), *p) <= spec.sleeve && p.y <= neck
            }
            _ => false,
        })
        .collect();
    let mut remap = vec![u32::MAX; mesh.positions.len()];
    let mut positions = Vec::new();
    let mut indices = Vec::new();
    for t in mesh.indices.chunks_exact(3) {
        if t.iter().all(|&i| keep[i as usize]) {
            for &i in t {
                if remap[i as usize] == u32::MAX {
                    remap[i as usize] = positions.len() as u32;
                    positions
                        .push(mesh.positions[i as usize] + mesh.normals[i as usize] * spec.offset);
                }
                indices.push(remap[i as usize]);
            }
        }
    }
    for _ in 0..spec.subdivisions {
        (positions, indices) = subdivide(&positions, &indices);
    }
    finish("top", positions, indices)
}

/// The shape of a synthetic skirt.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SkirtSpec {
    /// Distance from the skin at the waistband, metres.
    pub offset: f32,
    /// Length below the waist, metres.
    pub length: f32,
    /// Extra radius per metre down from the hip (A-line flare).
    pub flare: f32,
    /// Vertices around.
    pub columns: usize,
    /// Rows per metre of length.
    pub rows_per_metre: f32,
    /// Low rise: the waistband just above the navel instead of the natural waist.
    pub low_rise: bool,
}

impl Default for SkirtSpec {
    fn default() -> Self {
        SkirtSpec {
            offset: 0.008,
            length: 0.5,
            flare: 0.15,
            columns: 96,
            rows_per_metre: 70.0,
            low_rise: false,
        }
    }
}

/// A flared skirt around `body` from just above the natural waist (or the navel, low rise) down.
pub fn skirt(body: &PreparedBody, spec: &SkirtSpec) -> GarmentPart {
    let mesh = &body.avatar.mesh;
    let a = &body.anatomy;
    let waistband = if spec.low_rise { a.navel } else { a.waist };
    let top = waistband.origin.y + 0.01;
    let rows = ((spec.length * spec.rows_per_metre).ceil() as usize).max(2);
    let cols = spec.columns.max(8);
    let centre = Vec2::new(0.0, a.hip.origin.z);
    let mut radius = vec![0.0f32; cols];
    let mut positions = Vec::with_capacity(rows * cols);
    for r in 0..rows {
        let y = top - spec.length * r as f32 / (rows - 1) as f32;
        let level = Plane {
            origin: Vec3::new(0.0, y, centre.y),
            normal: Vec3::Y,
        };
        let flat: Vec<DVec2> = cross_sections(mesh, level)
            .iter()
            .filter(|s| s.centroid().x.abs() < 0.3)
            .flat_map(|s| s.points.iter().map(|p| p.xz().as_dvec2()))
            .collect();
        let hull = convex_hull(&flat);
        let flare = spec.flare * (a.hip.origin.y - y).max(0.0);
        for (k, rad) in radius.iter_mut().enumerate() {
            let angle = std::f32::consts::TAU * k as f32 / cols as f32;
            // Column 0 at the front centre (+Z), counter-clockwise seen from above.
            let dir = Vec2::new(angle.sin(), angle.cos());
            let body_r = ray_to_hull(&hull, centre, dir).unwrap_or(*rad);
            *rad = rad.max(body_r + spec.offset + flare);
            let p = centre + dir * *rad;
            positions.push(Vec3::new(p.x, y, p.y));
        }
    }
    let mut indices = Vec::with_capacity(rows * cols * 6);
    for r in 0..rows - 1 {
        for k in 0..cols {
            let k1 = (k + 1) % cols;
            let (a0, a1) = ((r * cols + k) as u32, (r * cols + k1) as u32);
            let (b0, b1) = (((r + 1) * cols + k) as u32, ((r + 1) * cols + k1) as u32);
            indices.extend_from_slice(&[a0, b0, a1, a1, b0, b1]);
        }
    }
    finish("skirt", positions, indices)
}

/// How far a ray from `centre` along `dir` travels to leave a convex polygon.
fn ray_to_hull(hull: &[DVec2], centre: Vec2, dir: Vec2) -> Option<f32> {
    let mut best: Option<f32> = None;
    for i in 0..hull.len() {
        let a = hull[i].as_vec2();
        let b = hull[(i + 1) % hull.len()].as_vec2();
        let e = b - a;
        let denom = dir.perp_dot(e);
        if denom.abs() < 1e-9 {
            continue;
        }
        let t = (a - centre).perp_dot(e) / denom;
        let s = (a - centre).perp_dot(dir) / denom;
        if t > 0.0 && (-1e-4..=1.0001).contains(&s) {
            best = Some(best.map_or(t, |b: f32| b.max(t)));
        }
    }
    best
}

/// Splits every triangle into four at its edge midpoints.
pub fn subdivide(positions: &[Vec3], indices: &[u32]) -> (Vec<Vec3>, Vec<u32>) {
    let mut out = positions.to_vec();
    let mut mids: HashMap<(u32, u32), u32> = HashMap::new();
    let mut mid = |a: u32, b: u32, out: &mut Vec<Vec3>| {
        *mids.entry((a.min(b), a.max(b))).or_insert_with(|| {
            out.push((positions[a as usize] + positions[b as usize]) * 0.5);
            (out.len() - 1) as u32
        })
    };
    let mut tris = Vec::with_capacity(indices.len() * 4);
    for t in indices.chunks_exact(3) {
        let (a, b, c) = (t[0], t[1], t[2]);
        let ab = mid(a, b, &mut out);
        let bc = mid(b, c, &mut out);
        let ca = mid(c, a, &mut out);
        tris.extend_from_slice(&[a, ab, ca, ab, b, bc, ca, bc, c, ab, bc, ca]);
    }
    (out, tris)
}

fn finish(name: &str, positions: Vec<Vec3>, indices: Vec<u32>) -> GarmentPart {
    let normals = vertex_normals(&positions, indices.as_chunks().0, Vec3::ZERO);
    let uvs = positions.iter().map(|p| Vec2::new(p.x, p.y)).collect();
    GarmentPart::new(
        name,
        TriangleMesh {
            positions,
            normals,
            uvs,
            indices,
        },
    )
}

/// A size chart: `labels` in order, body ranges per key (`(key, first size's min, width)`, each
/// size one width above the last) and garment values per region (`(region, reference size's
/// value, step per size)`), the reference size at index `reference`.
pub fn chart(
    labels: &[&str],
    body: &[(&str, f64, f64)],
    garment: &[(&str, f64, f64)],
    reference: usize,
) -> Vec<Size> {
    labels
        .iter()
        .enumerate()
        .map(|(i, label)| Size {
            label: label.to_string(),
            body: body
                .iter()
                .map(|&(key, min, width)| {
                    let lo = min + width * i as f64;
                    (
                        key.to_string(),
                        Range {
                            min: lo,
                            max: lo + width,
                        },
                    )
                })
                .collect(),
            garment: garment
                .iter()
                .map(|&(region, value, step)| {
                    (
                        region.to_string(),
                        value + step * (i as f64 - reference as f64),
                    )
                })
                .collect(),
        })
        .collect()
}

/// Metadata for a synthetic garment.
pub fn meta(
    name: &str,
    category: Category,
    layer: u8,
    stretch: Stretch,
    sizes: Vec<Size>,
    reference_size: &str,
) -> GarmentMeta {
    GarmentMeta {
        version: 1,
        sku: format!("SYN-{}", name.to_ascii_uppercase().replace(' ', "-")),
        retailer: "Anprobe test atelier".into(),
        brand: "Synthetic".into(),
        name: name.into(),
        category,
        layer,
        price: 0.0,
        currency: "EUR".into(),
        colourways: Vec::new(),
        stretch,
        care: String::new(),
        return_window_days: 0,
        reference_body: reference_body().into(),
        reference_size: reference_size.into(),
        sizes,
    }
}

/// A garment of one part, as if imported from a file without warnings.
pub fn garment(meta: GarmentMeta, part: GarmentPart) -> ImportedGarment {
    ImportedGarment {
        meta,
        parts: vec![part],
        warnings: Vec::new(),
        reference_body: None,
    }
}
