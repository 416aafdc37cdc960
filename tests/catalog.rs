//! Tests: the sample catalog — enough garments, retailers and categories, the men's modelled on
//! a male body (the jacket's armholes below the chest line, the trousers' back rise longer than
//! the front); every committed file is what the generator writes now (byte for byte), re-reads
//! with the `gltf` crate (metadata included) and imports into Anprobe without warnings; size
//! charts are well formed; the meshes have the chart's girths and no vertex lies inside the
//! reference avatar or within 3 mm of its skin. The catalog fitted onto bodies:
//! `catalog/drape.rs`; on the survey's extreme bodies, with the verdict rules held together:
//! `catalog/grid.rs`.

mod cones;
pub(crate) mod drape;
mod format;
mod grid;
mod pose;

use anprobe::body::{self, Avatar};
use anprobe::export::write_glb;
use anprobe::garment::{Category, EXTENSION, GarmentMeta};
use anprobe::geometry::{Plane, TriangleMesh, convex_hull, cross_sections, hull_perimeter};
use anprobe::measurements::{self, Key};
use anprobe::sample_catalog::{self as catalog, CatalogError, GeneratedGarment};
use glam::{DVec2, Vec3, Vec3Swizzles};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The catalog, generated once for all tests.
fn generated() -> &'static [GeneratedGarment] {
    static CATALOG: OnceLock<Vec<GeneratedGarment>> = OnceLock::new();
    CATALOG.get_or_init(catalog::catalog)
}

/// The committed catalog folder.
fn assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(catalog::DEFAULT_DIR)
}

/// A re-read garment package: its metadata (from the root extension) and every mesh's vertices.
struct Package {
    meta: GarmentMeta,
    parts: Vec<(String, Vec<Vec3>)>,
}

fn reread(bytes: &[u8]) -> Package {
    let gltf = gltf::Gltf::from_slice(bytes).expect("the gltf crate reads the package");
    assert!(
        gltf.document.extensions_used().any(|e| e == EXTENSION),
        "{EXTENSION} is declared in extensionsUsed"
    );
    assert_eq!(gltf.document.extensions_required().count(), 0);
    let blob = gltf.blob.as_deref();
    let mut parts = Vec::new();
    for mesh in gltf.meshes() {
        for primitive in mesh.primitives() {
            assert_eq!(primitive.mode(), gltf::mesh::Mode::Triangles);
            let reader = primitive.reader(|b| match b.source() {
                gltf::buffer::Source::Bin => blob,
                gltf::buffer::Source::Uri(_) => None,
            });
            let positions: Vec<Vec3> = reader
                .read_positions()
                .expect("positions")
                .map(Vec3::from_array)
                .collect();
            let normals = reader.read_normals().expect("normals").count();
            let uvs = reader.read_tex_coords(0).expect("uvs").into_f32().count();
            let indices: Vec<u32> = reader.read_indices().expect("indices").into_u32().collect();
            assert_eq!(normals, positions.len());
            assert_eq!(uvs, positions.len());
            assert!(indices.len().is_multiple_of(3) && !indices.is_empty());
            assert!(indices.iter().all(|&i| (i as usize) < positions.len()));
            parts.push((mesh.name().unwrap_or("").to_string(), positions));
        }
    }
    let glb = gltf::Glb::from_slice(bytes).expect("a GLB");
    let root: serde_json::Value = serde_json::from_slice(&glb.json).expect("JSON chunk");
    let meta = serde_json::from_value(root["extensions"][EXTENSION].clone())
        .expect("the extension holds a GarmentMeta");
    Package { meta, parts }
}

#[test]
fn the_catalog_has_enough_garments_retailers_and_categories() {
    let garments = generated();
    assert!(garments.len() >= 12, "{} garments", garments.len());
    let retailers: BTreeSet<&str> = garments.iter().map(|g| g.meta.retailer.as_str()).collect();
    assert!(retailers.len() >= 5, "{retailers:?}");
    let currencies: BTreeSet<&str> = garments.iter().map(|g| g.meta.currency.as_str()).collect();
    assert_eq!(currencies, BTreeSet::from(["EUR", "GBP", "USD"]));
    for category in [
        Category::Top,
        Category::Shirt,
        Category::Knitwear,
        Category::Bottom,
        Category::Skirt,
        Category::Dress,
        Category::Outerwear,
    ] {
        assert!(
            garments.iter().any(|g| g.meta.category == category),
            "no {category:?}"
        );
    }
    for word in [
        "Tee", "Hoodie", "Jean", "Coat", "Sweater", "Blouse", "Shirt", "Jacket", "Trousers",
    ] {
        assert!(
            garments.iter().any(|g| g.meta.name.contains(word)),
            "no {word}"
        );
    }
    let files: BTreeSet<String> = garments.iter().map(|g| g.file_name()).collect();
    assert_eq!(files.len(), garments.len(), "file names are unique");
    for g in garments {
        let m = &g.meta;
        assert_eq!(m.version, 1);
        assert!(m.price > 0.0 && !m.colourways.is_empty() && !m.care.is_empty());
        assert!(m.return_window_days >= 14 && m.layer <= 3);
        assert!(m.stretch.horizontal_pct >= 0.0 && m.stretch.vertical_pct >= 0.0);
        for c in &m.colourways {
            assert!(
                c.rgb.len() == 7
                    && c.rgb.starts_with('#')
                    && c.rgb[1..].chars().all(|h| h.is_ascii_hexdigit()),
                "{}: colour {}",
                m.sku,
                c.rgb
            );
        }
        let name = g.file_name();
        assert!(name.starts_with(&catalog::slug(&m.retailer)) && name.ends_with(".glb"));
        let vertices = g.vertex_count();
        assert!(
            (3_000..=15_000).contains(&vertices),
            "{name}: {vertices} vertices"
        );
        assert!(g.parts.len() >= 2, "{name}: several parts");
    }
}

#[test]
fn size_charts_are_well_formed() {
    for g in generated() {
        let m = &g.meta;
        assert!(m.sizes.len() >= 5, "{}: {} sizes", m.sku, m.sizes.len());
        let labels: BTreeSet<&str> = m.sizes.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels.len(), m.sizes.len(), "{}: labels are unique", m.sku);
        let keys: Vec<&String> = m.sizes[0].body.keys().collect();
        let garment_keys: Vec<&String> = m.sizes[0].garment.keys().collect();
        assert!(!keys.is_empty() && !garment_keys.is_empty());
        for s in &m.sizes {
            assert_eq!(
                s.body.keys().collect::<Vec<_>>(),
                keys,
                "{} {}",
                m.sku,
                s.label
            );
            assert_eq!(s.garment.keys().collect::<Vec<_>>(), garment_keys);
            for (key, r) in &s.body {
                assert!(Key::parse(key).is_some(), "{}: unknown key {key}", m.sku);
                assert!(r.min > 0.0 && r.min < r.max, "{} {} {key}", m.sku, s.label);
            }
            for (key, &v) in &s.garment {
                assert!(v > 0.0 && v.is_finite(), "{} {} {key}", m.sku, s.label);
            }
            // A garment is never smaller than the largest body of its size.
            for (garment_key, body_key) in [("chest", "chest_girth"), ("hip", "hip_girth")] {
                if let (Some(&g), Some(b)) = (s.garment.get(garment_key), s.body.get(body_key)) {
                    assert!(
                        g >= b.max,
                        "{} {}: {garment_key} {g} < {}",
                        m.sku,
                        s.label,
                        b.max
                    );
                }
            }
        }
        // Sizes run from small to large: the body ranges' lower ends, in key order, increase.
        for w in m.sizes.windows(2) {
            let low =
                |s: &anprobe::garment::Size| s.body.values().map(|r| r.min).collect::<Vec<_>>();
            assert!(
                low(&w[0]) < low(&w[1]),
                "{}: {} before {}",
                m.sku,
                w[0].label,
                w[1].label
            );
        }
        // The reference body lies in the reference size.
        let reference = m
            .sizes
            .iter()
            .find(|s| s.label == m.reference_size)
            .unwrap_or_else(|| panic!("{}: no size {}", m.sku, m.reference_size));
        for (key, r) in &reference.body {
            if let Some(&v) = m.reference_body.measurements.get(key) {
                assert!(
                    (r.min..=r.max).contains(&v),
                    "{}: reference {key} {v} outside {}–{}",
                    m.sku,
                    r.min,
                    r.max
                );
            }
        }
    }
}

/// The sample offers: one catalog.json per retailer (six, with the department store), at least
/// 300 products in all, each read whole by the catalog reader, several sharing one garment file;
/// the committed files are what the generator writes.
#[test]
fn the_sample_offers_are_six_retailers_and_three_hundred_products() {
    let dir = assets();
    let metas: Vec<(&GarmentMeta, String)> = generated()
        .iter()
        .map(|g| (&g.meta, g.file_name()))
        .collect();
    let offers = catalog::offers::offers(&metas);
    assert!(offers.len() >= 6, "{} retailers", offers.len());
    let mut total = 0;
    for (name, text) in &offers {
        let path = dir.join(name);
        let committed = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e}; run `anprobe catalog generate`", path.display()));
        assert!(
            committed == *text,
            "{} differs from the generator's output; run `anprobe catalog generate`",
            path.display()
        );
        let read = anprobe::catalog::read_path(&path).expect("a catalog");
        assert!(read.refused.is_empty(), "{name}: {:?}", read.refused);
        for p in &read.products {
            assert!(
                p.garment.as_ref().is_some_and(|g| g.is_file()),
                "{name}: {}",
                p.sku
            );
            assert!(p.stock.is_some(), "{name}: {} has stock", p.sku);
        }
        total += read.products.len();
    }
    assert!(total >= 300, "{total} products");
    let json_files = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".catalog.json"))
        .count();
    assert_eq!(
        json_files,
        offers.len(),
        "no stale offers in {}",
        dir.display()
    );
}

/// The catalog inside the binary is the committed folder, file for file and byte for byte.
#[test]
fn the_catalog_shipped_in_the_binary_is_the_committed_one() {
    let dir = assets();
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("the catalog folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".glb"))
        .collect();
    on_disk.sort();
    let shipped: Vec<String> = catalog::shipped::FILES
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    assert_eq!(
        shipped, on_disk,
        "src/sample_catalog/shipped.rs lists every catalog file"
    );
    for (name, bytes) in catalog::shipped::FILES {
        assert!(
            std::fs::read(dir.join(name)).unwrap() == *bytes,
            "{name}: the shipped bytes are the committed file's"
        );
    }
}

/// Without an `assets/catalog` folder in reach, the catalog is the data folder's copy of the
/// sample catalog, written once; a file already there is kept.
#[test]
fn without_a_catalog_folder_the_data_folder_gets_the_sample_catalog() {
    let data = std::env::temp_dir().join(format!("anprobe-shipped-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let nowhere = [data.join("no-such-folder")];
    let dir = catalog::shipped::locate(&nowhere, Some(&data)).expect("written");
    assert_eq!(dir, data.join("catalog"));
    let files = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(files, catalog::shipped::FILES.len());
    // A shopper's own copy of a file stays as it is.
    let (first, _) = catalog::shipped::FILES[0];
    std::fs::write(dir.join(first), b"mine").unwrap();
    assert_eq!(catalog::shipped::install(&dir).unwrap(), 0);
    assert_eq!(std::fs::read(dir.join(first)).unwrap(), b"mine");
    // A folder in reach wins.
    let found = catalog::shipped::locate(&[assets()], Some(&data)).unwrap();
    assert_eq!(found, assets());
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn every_committed_file_is_what_the_generator_writes() {
    let dir = assets();
    let mut total = 0;
    for g in generated() {
        let path = dir.join(g.file_name());
        let committed = std::fs::read(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run `anprobe catalog generate` to write the catalog",
                path.display()
            )
        });
        total += committed.len();
        assert!(
            committed == g.glb(),
            "{} differs from the generator's output; run `anprobe catalog generate`",
            path.display()
        );
    }
    let on_disk = std::fs::read_dir(&dir)
        .expect("the catalog folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "glb"))
        .count();
    assert_eq!(
        on_disk,
        generated().len(),
        "no stale files in {}",
        dir.display()
    );
    assert!(total < 10_000_000, "the catalog is {total} bytes");
}

#[test]
fn every_file_rereads_with_its_metadata() {
    for g in generated() {
        let package = reread(&g.glb());
        assert_eq!(package.meta, g.meta, "{}", g.file_name());
        let names: Vec<&str> = package.parts.iter().map(|(n, _)| n.as_str()).collect();
        let expected: Vec<&str> = g.parts.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, expected);
        for ((_, positions), part) in package.parts.iter().zip(&g.parts) {
            assert_eq!(positions, &part.mesh.positions);
        }
    }
}

#[test]
fn every_package_imports_into_anprobe_without_warnings() {
    for g in generated() {
        let name = g.file_name();
        let garment = anprobe::garment::import_slice(&g.glb(), None)
            .unwrap_or_else(|e| panic!("{name} does not import: {e}"));
        let warnings: Vec<String> = garment.warnings.iter().map(|w| w.to_string()).collect();
        assert!(warnings.is_empty(), "{name}: {warnings:#?}");
        assert_eq!(garment.meta, g.meta, "{name}");
        let names: Vec<&str> = garment.parts.iter().map(|p| p.name.as_str()).collect();
        let expected: Vec<&str> = g.parts.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, expected, "{name}");
        for (part, mesh) in garment.parts.iter().zip(&g.parts) {
            // No degenerate triangle was dropped.
            assert_eq!(
                part.mesh.indices.len(),
                mesh.mesh.indices.len(),
                "{name} {}",
                mesh.name
            );
        }
    }
}

#[test]
fn the_extension_is_added_to_any_glb_once() {
    let meta = &generated()[0].meta;
    let once = catalog::with_garment_extension(&write_glb(&[]), meta).expect("a GLB");
    let twice = catalog::with_garment_extension(&once, meta).expect("a GLB");
    assert_eq!(once, twice);
    assert!(once.len().is_multiple_of(4));
    let length = u32::from_le_bytes([once[8], once[9], once[10], once[11]]) as usize;
    assert_eq!(length, once.len());
    let glb = gltf::Glb::from_slice(&once).expect("a GLB");
    let root: serde_json::Value = serde_json::from_slice(&glb.json).expect("JSON");
    assert_eq!(root["extensionsUsed"], serde_json::json!([EXTENSION]));
    assert!(matches!(
        catalog::with_garment_extension(b"not a glb", meta),
        Err(CatalogError::NotGlb(_))
    ));
}

/// The avatar a garment's metadata says it was modelled on.
fn reference_avatar(meta: &GarmentMeta) -> Avatar {
    let typed = catalog::measurements_from_map(&meta.reference_body).expect("known keys");
    body::build(&measurements::resolve(&typed).expect("the reference body resolves"))
}

/// The body's triangles bucketed for distance and inside tests (independent of the generator's).
struct Skin {
    tris: Vec<[Vec3; 3]>,
    cells: HashMap<[i32; 3], Vec<usize>>,
    columns: HashMap<[i32; 2], Vec<usize>>,
}

const CELL: f32 = 0.01;

fn cell(p: Vec3) -> [i32; 3] {
    (p / CELL).floor().as_ivec3().to_array()
}

impl Skin {
    fn new(mesh: &TriangleMesh) -> Self {
        let tris: Vec<[Vec3; 3]> = mesh
            .indices
            .chunks_exact(3)
            .map(|t| [0, 1, 2].map(|k| mesh.positions[t[k] as usize]))
            .collect();
        let mut cells: HashMap<[i32; 3], Vec<usize>> = HashMap::new();
        let mut columns: HashMap<[i32; 2], Vec<usize>> = HashMap::new();
        for (i, t) in tris.iter().enumerate() {
            let (lo, hi) = (
                cell(t[0].min(t[1]).min(t[2])),
                cell(t[0].max(t[1]).max(t[2])),
            );
            for x in lo[0]..=hi[0] {
                for y in lo[1]..=hi[1] {
                    columns.entry([x, y]).or_default().push(i);
                    for z in lo[2]..=hi[2] {
                        cells.entry([x, y, z]).or_default().push(i);
                    }
                }
            }
        }
        Skin {
            tris,
            cells,
            columns,
        }
    }

    /// Whether any triangle comes within `r` (≤ CELL) of `p`.
    fn within(&self, p: Vec3, r: f32) -> bool {
        let c = cell(p);
        (-1..=1).any(|dx| {
            (-1..=1).any(|dy| {
                (-1..=1).any(|dz| {
                    self.cells
                        .get(&[c[0] + dx, c[1] + dy, c[2] + dz])
                        .is_some_and(|list| {
                            list.iter()
                                .any(|&t| distance_to_triangle(p, &self.tris[t]) < r)
                        })
                })
            })
        })
    }

    /// Whether `p` is inside: a ray towards −z crosses the skin an odd number of times. The ray
    /// starts a micrometre off `p` so that it never runs exactly along the body's middle plane.
    fn inside(&self, p: Vec3) -> bool {
        let q = p.xy().as_dvec2() + glam::DVec2::new(1.3e-6, 0.7e-6);
        let column = (q / f64::from(CELL)).floor().as_ivec2().to_array();
        let Some(list) = self.columns.get(&column) else {
            return false;
        };
        list.iter()
            .filter(|&&t| {
                let [a, b, c] = self.tris[t].map(|v| v.xy().as_dvec2());
                let d = [
                    (b - a).perp_dot(q - a),
                    (c - b).perp_dot(q - b),
                    (a - c).perp_dot(q - c),
                ];
                let (all_pos, all_neg) = (d.iter().all(|&v| v > 0.0), d.iter().all(|&v| v < 0.0));
                if !(all_pos || all_neg) {
                    return false;
                }
                let s = d[0] + d[1] + d[2];
                let z = (d[1] * f64::from(self.tris[t][0].z)
                    + d[2] * f64::from(self.tris[t][1].z)
                    + d[0] * f64::from(self.tris[t][2].z))
                    / s;
                z < f64::from(p.z)
            })
            .count()
            % 2
            == 1
    }
}

/// Distance from `p` to a triangle (by the closest point on it).
fn distance_to_triangle(p: Vec3, t: &[Vec3; 3]) -> f32 {
    let [a, b, c] = *t;
    let n = (b - a).cross(c - a);
    if n.length_squared() == 0.0 {
        return [(a, b), (b, c), (c, a)]
            .iter()
            .map(|&(u, v)| distance_to_segment(p, u, v))
            .fold(f32::INFINITY, f32::min);
    }
    let n = n.normalize_or_zero();
    let q = p - n * (p - a).dot(n);
    let inside = [(a, b), (b, c), (c, a)]
        .iter()
        .all(|&(u, v)| (v - u).cross(q - u).dot(n) >= 0.0);
    if inside {
        return (p - q).length();
    }
    [(a, b), (b, c), (c, a)]
        .iter()
        .map(|&(u, v)| distance_to_segment(p, u, v))
        .fold(f32::INFINITY, f32::min)
}

fn distance_to_segment(p: Vec3, a: Vec3, b: Vec3) -> f32 {
    let ab = b - a;
    let t = ((p - a).dot(ab) / ab.length_squared().max(f32::MIN_POSITIVE)).clamp(0.0, 1.0);
    (a + ab * t).distance(p)
}

#[test]
fn no_garment_vertex_is_inside_or_within_3_mm_of_the_reference_body() {
    let mut skins: Vec<(String, Skin)> = Vec::new();
    for g in generated() {
        let package = reread(&g.glb());
        let key = format!("{:?}", package.meta.reference_body);
        if !skins.iter().any(|(k, _)| *k == key) {
            skins.push((
                key.clone(),
                Skin::new(&reference_avatar(&package.meta).mesh),
            ));
        }
        let skin = &skins.iter().find(|(k, _)| *k == key).expect("built").1;
        for (part, positions) in &package.parts {
            for (i, &p) in positions.iter().enumerate() {
                assert!(
                    !skin.within(p, 0.003),
                    "{} {part} vertex {i} at {p} is within 3 mm of the skin",
                    g.file_name()
                );
                assert!(
                    !skin.inside(p),
                    "{} {part} vertex {i} at {p} is inside the body",
                    g.file_name()
                );
            }
        }
    }
}

/// The level of a horizontal girth tape on the avatar.
fn level(avatar: &Avatar, key: Key) -> f32 {
    avatar.girth(key).expect("a girth tape").origin.y
}

#[test]
fn the_meshes_have_the_size_charts_girths() {
    for g in generated() {
        let avatar = reference_avatar(&g.meta);
        let size = g
            .meta
            .sizes
            .iter()
            .find(|s| s.label == g.meta.reference_size)
            .expect("the reference size");
        for (garment_key, body_key) in [
            ("chest", Key::ChestGirth),
            ("waist", Key::WaistGirth),
            ("hip", Key::HipGirth),
        ] {
            let Some(&target) = size.garment.get(garment_key) else {
                continue;
            };
            let y = level(&avatar, body_key);
            // The trunk's cloth (not the sleeves) where it spans the level well.
            let trunk: Vec<_> = g.parts.iter().filter(|m| m.name != "sleeves").collect();
            let (lo, hi) = trunk
                .iter()
                .flat_map(|m| m.mesh.positions.iter())
                .fold((f32::MAX, f32::MIN), |(lo, hi), p| {
                    (lo.min(p.y), hi.max(p.y))
                });
            if lo > y - 0.02 || hi < y + 0.02 {
                continue;
            }
            let level = Plane {
                origin: Vec3::new(0.0, y, 0.0),
                normal: Vec3::Y,
            };
            let points: Vec<DVec2> = trunk
                .iter()
                .flat_map(|m| cross_sections(&m.mesh, level))
                .flat_map(|s| s.points)
                .filter(|p| p.x.abs() < 0.3)
                .map(|p| DVec2::new(f64::from(p.x), f64::from(p.z)))
                .collect();
            let girth = hull_perimeter(&convex_hull(&points)) * 100.0;
            assert!(
                (girth - target).abs() < 3.5,
                "{}: {garment_key} {girth:.1} cm on the mesh, {target} in the chart",
                g.file_name()
            );
        }
    }
}

/// A generated garment by the start of its file name.
fn garment(start: &str) -> &'static GeneratedGarment {
    generated()
        .iter()
        .find(|g| g.file_name().starts_with(start))
        .unwrap_or_else(|| panic!("a catalog garment {start}*"))
}

/// The men's garments are modelled on a male reference body (`form: male` in the metadata),
/// the women's on the female one, which writes no form (as before men's garments came).
#[test]
fn the_mens_garments_are_modelled_on_a_male_body() {
    for g in generated() {
        let form = g.meta.reference_body.form;
        if g.meta.retailer == "Brackwater Tailoring" {
            assert_eq!(
                form,
                Some(anprobe::measurements::Form::Male),
                "{}",
                g.meta.sku
            );
            let m = &g.meta.reference_body.measurements;
            assert_eq!(m.get("stature"), Some(&178.0), "{}", g.meta.sku);
        } else {
            assert_eq!(form, None, "{}", g.meta.sku);
        }
    }
}

/// The suit jacket's armholes reach below the chest line, as real jackets' do: 3 cm below the
/// reference avatar's chest tape the jacket's body is open at both sides (its cloth there is
/// the back and the two fronts either side of the V, three loops), and the sleeves' cloth
/// crosses that level beside the trunk.
#[test]
fn the_suit_jackets_armholes_reach_below_the_chest_line() {
    let g = garment("brackwater-tailoring-bw-jk");
    let avatar = reference_avatar(&g.meta);
    let y = level(&avatar, Key::ChestGirth) - 0.03;
    let plane = Plane {
        origin: Vec3::new(0.0, y, 0.0),
        normal: Vec3::Y,
    };
    let part = |name: &str| {
        &g.parts
            .iter()
            .find(|m| m.name == name)
            .unwrap_or_else(|| panic!("a {name} part"))
            .mesh
    };
    let body = cross_sections(part("body"), plane);
    assert!(
        body.len() >= 3,
        "{} loops of the jacket's body 3 cm below the chest line",
        body.len()
    );
    let sleeves = cross_sections(part("sleeves"), plane);
    for side in [1.0f32, -1.0] {
        assert!(
            sleeves
                .iter()
                .any(|s| s.centroid().x * side > 0.1 && s.centroid().x * side < 0.3),
            "no sleeve cloth beside the trunk on side {side} 3 cm below the chest line"
        );
    }
}

/// The suit trousers are cut as tailored trousers are: the back of the waistband stands higher
/// than the front, so the back rise is longer than the front rise, measured straight from the
/// waistband's top at the centre front and back to the middle of the level where the cloth parts
/// into legs (the seat's bottom, where the crotch seam begins; its lowest point, set forward of
/// the middle, is not told apart from the legs' inner sides here).
#[test]
fn the_suit_trousers_back_rise_is_longer_than_the_front_rise() {
    let g = garment("brackwater-tailoring-bw-tr");
    let legs = &g
        .parts
        .iter()
        .find(|m| m.name == "legs")
        .expect("a legs part")
        .mesh;
    // The seat's bottom: the lowest level at which the legs' cloth is cut into no more than the
    // seat's two loops (the shell's outside and inside).
    let loops = |y: f32| {
        let plane = Plane {
            origin: Vec3::new(0.0, y, 0.0),
            normal: Vec3::Y,
        };
        cross_sections(legs, plane).len()
    };
    let y_parting = (0..500)
        .map(|i| 0.6 + 0.001 * i as f32)
        .find(|&y| loops(y) <= 2)
        .expect("the legs part");
    let centre: Vec<Vec3> = g
        .parts
        .iter()
        .filter(|m| m.name == "legs" || m.name == "waistband")
        .flat_map(|m| m.mesh.positions.iter().copied())
        .filter(|p| p.x.abs() < 0.002)
        .collect();
    let top = |front: bool| {
        centre
            .iter()
            .copied()
            .filter(|p| (p.z > 0.0) == front)
            .max_by(|a, b| a.y.total_cmp(&b.y))
            .expect("a waistband")
    };
    let (front, back) = (top(true), top(false));
    let parting = Vec3::new(0.0, y_parting, 0.0);
    let (front_rise, back_rise) = (front.distance(parting), back.distance(parting));
    assert!(
        back.y - front.y > 0.025,
        "the back of the waistband {:.1} cm above the front",
        (back.y - front.y) * 100.0
    );
    assert!(
        back_rise > front_rise + 0.02,
        "front rise {:.1} cm, back rise {:.1} cm",
        front_rise * 100.0,
        back_rise * 100.0
    );
}
