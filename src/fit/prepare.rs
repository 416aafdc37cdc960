//! What is computed once and reused: a body ready for fitting (avatar, spatial index, anatomy)
//! and a garment ready for fitting (welded cloth, binding to the reference body, the garment's own
//! measurements there and the regions it covers).

use super::anatomy::{Anatomy, BodyPart};
use super::bind::{self, Binding};
use super::measure;
use super::spatial::Surface;
use super::topology::ClothMesh;
use super::{FitError, Region, wraps_both_legs};
use crate::body::pose::Pose;
use crate::body::{self, Avatar};
use crate::garment::{Category, GarmentMeta, ImportedGarment};
use crate::geometry::{Plane, TriangleBvh};
use crate::measurements::{self, Form, Key, Measurements, Resolved, ShapeVar};
use crate::sizing::History;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A body ready for fitting.
#[derive(Clone, Debug)]
pub struct PreparedBody {
    /// The complete measurement set the avatar is built from (cm, kg for the weight; each value
    /// typed or predicted).
    pub resolved: Resolved,
    /// The avatar built from `resolved`: its mesh (metres) and tape placements.
    pub avatar: Avatar,
    /// Body parts, tape planes and landmarks read from the avatar.
    pub anatomy: Anatomy,
    /// The avatar's surface for closest-point and signed-distance queries.
    pub surface: Surface,
    /// What the shopper's kept and returned garments taught (empty unless given with
    /// [`PreparedBody::with_history`]): it moves the size probabilities, not the avatar.
    pub history: Arc<History>,
}

impl PreparedBody {
    /// Builds the avatar and its index.
    pub fn new(resolved: Resolved) -> PreparedBody {
        let avatar = body::build(&resolved);
        PreparedBody::from_avatar(resolved, avatar)
    }

    /// Uses an avatar already built from `resolved`.
    pub fn from_avatar(resolved: Resolved, avatar: Avatar) -> PreparedBody {
        let anatomy = Anatomy::new(&avatar);
        let mesh = &avatar.mesh;
        let mut surface =
            Surface::with_smooth_normals(&mesh.positions, &mesh.indices, &mesh.normals);
        surface.groups = anatomy.triangle_part.iter().map(|&p| p as u8).collect();
        PreparedBody {
            resolved,
            avatar,
            anatomy,
            surface,
            history: Arc::default(),
        }
    }

    /// The same body with the shopper's history.
    pub fn with_history(mut self, history: Arc<History>) -> PreparedBody {
        self.history = history;
        self
    }

    /// The shopper's value of a measurement, cm.
    pub fn value(&self, key: Key) -> f64 {
        self.resolved.get(key)
    }
}

/// The measurements of a garment's reference body (`reference_body` of its metadata): keys of the
/// measurements JSON in cm (kg for the weight) and its `form` (`"female"` or `"male"`; without it
/// the reference body is female).
pub fn reference_measurements(meta: &GarmentMeta) -> Result<Measurements, FitError> {
    let mut m = Measurements::default();
    for (name, &value) in &meta.reference_body.measurements {
        if !value.is_finite() {
            return Err(FitError::ReferenceBody {
                message: format!("\"{name}\" is not a number"),
            });
        }
        if let Some(var) = ShapeVar::parse_typable(name) {
            m.shape.insert(var, value);
            continue;
        }
        let key = Key::parse(name).ok_or_else(|| FitError::ReferenceBody {
            message: format!("unknown key \"{name}\""),
        })?;
        m.set(key, value);
    }
    if m.get(Key::Stature).is_none() {
        return Err(FitError::ReferenceBody {
            message: "\"stature\" is missing".into(),
        });
    }
    m.form = Some(meta.reference_body.form.unwrap_or(Form::Female));
    Ok(m)
}

/// A garment ready for fitting: bound to its reference body and measured there.
#[derive(Clone, Debug)]
pub struct PreparedGarment {
    /// The garment as imported, shared with whoever read it (its meshes are not copied).
    pub garment: Arc<ImportedGarment>,
    /// The garment's parts welded into one cloth, in reference space (in Anprobe's pose: a
    /// garment modelled in another, declared pose is carried into it).
    pub cloth: ClothMesh,
    /// Each cloth particle bound to the reference avatar's closest triangle.
    pub binding: Binding,
    /// The reference body: built from the metadata's `reference_body`, the body the garment was
    /// modelled on.
    pub reference: PreparedBody,
    /// Index of the reference size in the size chart.
    pub reference_size: usize,
    /// The regions of its category that the garment covers, in [`Region::ALL`] order.
    pub regions: Vec<Region>,
    /// Girths of the garment as modelled, on the reference body's tape planes, cm.
    pub reference_girth_cm: BTreeMap<Region, f64>,
    /// Lengths of the garment as modelled (main length, sleeve, inside leg), cm.
    pub reference_length_cm: BTreeMap<Region, f64>,
    /// The body measurement its waist region eases: the natural waist (`waist_girth`), or the
    /// navel's girth (`omphalion_girth`) for a low-rise garment — one whose chart gives only
    /// the navel's girth, or whose waistband stops below the natural waist.
    pub waist_key: Key,
    /// The pose the garment was modelled in, when not Anprobe's own: declared in
    /// `reference_body.pose`, or read from the reference body's mesh in the file
    /// ([`crate::body::pose::estimate`]) where none is declared.
    pub modelled_pose: Option<Pose>,
}

impl PreparedGarment {
    /// Welds, binds and measures a garment on the reference body named in its metadata.
    pub fn new(garment: impl Into<Arc<ImportedGarment>>) -> Result<PreparedGarment, FitError> {
        let garment = garment.into();
        let typed = reference_measurements(&garment.meta)?;
        let resolved = measurements::resolve(&typed).map_err(|issues| FitError::ReferenceBody {
            message: issues
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        })?;
        PreparedGarment::with_reference(garment, PreparedBody::new(resolved))
    }

    /// Like [`PreparedGarment::new`] with the reference body already built.
    pub fn with_reference(
        garment: impl Into<Arc<ImportedGarment>>,
        reference: PreparedBody,
    ) -> Result<PreparedGarment, FitError> {
        let garment = garment.into();
        let meta = &garment.meta;
        if meta.sizes.is_empty() {
            return Err(FitError::NoSizes);
        }
        let reference_size = meta
            .sizes
            .iter()
            .position(|s| s.label == meta.reference_size)
            .ok_or_else(|| FitError::UnknownReferenceSize {
                label: meta.reference_size.clone(),
            })?;
        let mut cloth = ClothMesh::new(&garment.parts)?;
        let modelled_pose = meta
            .reference_body
            .pose
            .or_else(|| {
                let body = garment.reference_body.as_ref()?;
                Some(body::pose::estimate(&reference.avatar, body))
            })
            .filter(|p| !p.is_own());
        let binding = match modelled_pose {
            None => bind::bind(
                &cloth.rest,
                &reference.avatar.mesh,
                &reference.surface.bvh,
                &reference.anatomy,
            ),
            // Modelled in another pose: bound to the reference body standing so, then carried
            // with its limbs into Anprobe's pose, where it is measured, graded and draped.
            Some(pose) => {
                let posed = body::pose::posed_mesh(&reference.avatar, &pose);
                let bvh = TriangleBvh::new(&posed.positions, &posed.indices);
                let binding = bind::bind(&cloth.rest, &posed, &bvh, &reference.anatomy);
                cloth.rest = bind::transfer(&binding, &reference.avatar.mesh);
                binding
            }
        };
        let category = meta.category;
        let mut regions = Vec::new();
        let mut reference_girth_cm = BTreeMap::new();
        let mut reference_length_cm = BTreeMap::new();
        let anatomy = &reference.anatomy;
        let waist_key = waist_key(meta, |key| {
            plane_of(anatomy, Region::Waist, key).is_some_and(|plane| {
                measure::region_girth(
                    &cloth.rest,
                    &cloth.triangles,
                    &binding,
                    Region::Waist,
                    plane,
                )
                .is_some()
            })
        });
        let lengths = measure::lengths(&cloth.rest, &binding, anatomy, !wraps_both_legs(category));
        for &region in Region::for_category(category) {
            let covered = match region {
                Region::Chest | Region::Waist | Region::Hip | Region::UpperArm | Region::Thigh => {
                    match plane_of(anatomy, region, waist_key).and_then(|plane| {
                        measure::region_girth(
                            &cloth.rest,
                            &cloth.triangles,
                            &binding,
                            region,
                            plane,
                        )
                    }) {
                        Some(g) => {
                            reference_girth_cm.insert(region, g.perimeter * 100.0);
                            true
                        }
                        None => false,
                    }
                }
                Region::Shoulders => binding.bound.iter().zip(&cloth.rest).any(|(b, p)| {
                    b.part == BodyPart::Torso
                        && anatomy.acromion.iter().any(|a| a.distance(*p) < 0.05)
                }),
                Region::Length => lengths.main.is_some(),
                Region::Sleeve => lengths.sleeve.is_some_and(|s| s > 0.03),
                Region::InsideLeg => {
                    category == Category::Bottom && lengths.inside_leg.is_some_and(|l| l > 0.05)
                }
            };
            if covered {
                regions.push(region);
            }
            let length = match region {
                Region::Length => lengths.main,
                Region::Sleeve => lengths.sleeve,
                Region::InsideLeg => lengths.inside_leg,
                _ => None,
            };
            if let (true, Some(l)) = (covered, length) {
                reference_length_cm.insert(region, l as f64 * 100.0);
            }
        }
        regions.sort();
        Ok(PreparedGarment {
            garment,
            cloth,
            binding,
            reference,
            reference_size,
            regions,
            reference_girth_cm,
            reference_length_cm,
            waist_key,
            modelled_pose,
        })
    }

    /// The metadata.
    pub fn meta(&self) -> &GarmentMeta {
        &self.garment.meta
    }

    /// Index of a size label in the chart.
    pub fn size_index(&self, label: &str) -> Result<usize, FitError> {
        let sizes = &self.garment.meta.sizes;
        sizes
            .iter()
            .position(|s| s.label == label)
            .ok_or_else(|| FitError::UnknownSize {
                label: label.to_string(),
                known: sizes
                    .iter()
                    .map(|s| s.label.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    /// The tape plane of a girth region on a body (left limb for the arm and the leg; the waist
    /// where this garment's waist is read, see [`PreparedGarment::waist_key`]).
    pub fn girth_plane(&self, anatomy: &Anatomy, region: Region) -> Option<Plane> {
        plane_of(anatomy, region, self.waist_key)
    }

    /// The body measurement a region is compared with (girths, and the shoulder width).
    pub fn body_key(&self, region: Region) -> Option<Key> {
        match region {
            Region::Waist => Some(self.waist_key),
            _ => body_key(region),
        }
    }
}

/// Which waist a garment's waist region eases: the navel's where the chart gives only
/// `omphalion_girth`, or where the garment reaches round the navel but not round the natural
/// waist (`reaches` says whether it goes round the plane of a key); else the natural waist.
fn waist_key(meta: &GarmentMeta, reaches: impl Fn(Key) -> bool) -> Key {
    let charted = |key: Key| meta.sizes.iter().any(|s| s.body.contains_key(key.as_str()));
    if charted(Key::OmphalionGirth) && !charted(Key::WaistGirth) {
        return Key::OmphalionGirth;
    }
    if !reaches(Key::WaistGirth) && reaches(Key::OmphalionGirth) {
        return Key::OmphalionGirth;
    }
    Key::WaistGirth
}

/// The tape plane of a girth region on a body (left limb for the arm and the leg), the waist
/// read at the tape of `waist` (`waist_girth` or `omphalion_girth`).
pub fn plane_of(anatomy: &Anatomy, region: Region, waist: Key) -> Option<Plane> {
    match region {
        Region::Chest => Some(anatomy.chest),
        Region::Waist if waist == Key::OmphalionGirth => Some(anatomy.navel),
        Region::Waist => Some(anatomy.waist),
        Region::Hip => Some(anatomy.hip),
        Region::UpperArm => Some(anatomy.upper_arm[0]),
        Region::Thigh => Some(anatomy.thigh[0]),
        _ => None,
    }
}

/// The body measurement a region is compared with (girths, and the shoulder width; the natural
/// waist for the waist: a garment may read it elsewhere, see [`PreparedGarment::body_key`]).
fn body_key(region: Region) -> Option<Key> {
    match region {
        Region::Chest => Some(Key::ChestGirth),
        Region::Waist => Some(Key::WaistGirth),
        Region::Hip => Some(Key::HipGirth),
        Region::Shoulders => Some(Key::ShoulderWidth),
        Region::UpperArm => Some(Key::UpperArmGirth),
        Region::Thigh => Some(Key::ThighGirth),
        Region::Length | Region::Sleeve | Region::InsideLeg => None,
    }
}
