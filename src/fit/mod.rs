//! Fitting a garment onto the shopper's avatar: bind it to the reference body, transfer and grade
//! it to a size on the shopper's body, drape it with an XPBD cloth solver, map the fit (ease and
//! strain per region and per vertex) and recommend a size. Pure domain code, no Bevy.
//!
//! The pipeline (see `docs/fitting.md`):
//! 1. [`PreparedGarment::new`]: weld the parts into one cloth ([`topology`]), bind every particle
//!    to the reference avatar's closest triangle ([`bind`]) and measure the garment there. Cached
//!    per garment.
//! 2. [`PreparedBody::new`]: the shopper's avatar with its spatial index and anatomy. Cached per
//!    shopper.
//! 3. [`grade::grade`]: transfer the binding to the shopper's avatar and grade to a size.
//! 4. [`drape::drape`]: XPBD cloth with body (and lower-layer) collisions until settled.
//! 5. [`fitmap::fit_map`]: ease, strain, verdicts per region; a −1 … +1 value per vertex.
//! 6. [`recommend`] and [`report::fit_report`]: every size, the recommended one, the JSON report.
//!
//! The input is a garment as `garment::import_file` reads it ([`ImportedGarment`]): the fit reads
//! its meshes where they are (shared, never copied).
//!
//! [`ImportedGarment`]: crate::garment::ImportedGarment

pub mod anatomy;
pub mod bind;
pub mod cloth;
pub mod collide;
pub mod drape;
pub mod fitmap;
pub mod grade;
pub mod layer;
pub mod measure;
pub mod prepare;
pub mod recommend;
pub mod report;
pub mod spatial;
pub mod synthetic;
pub mod tether;
pub mod topology;
pub mod verdict;

pub use anatomy::{Anatomy, BodyPart};
pub use drape::{DrapeSettings, DrapeStats, Draped};
pub use layer::LayerCollider;

pub use fitmap::{FitMap, RegionFit};
pub use grade::Graded;
pub use prepare::{PreparedBody, PreparedGarment};
pub use recommend::Recommendation;
pub use report::{
    FitOptions, FitOutcome, FitReport, MAX_LAYER_FINAL_MOTION_MM, MAX_LAYER_SHIFT_M, OverLayers,
    SizeFit, fit_all, fit_over, fit_over_pressing, fit_report, fit_size,
};
pub use verdict::Verdict;

use serde::{Deserialize, Serialize};

use crate::garment::Category;

/// Why a garment cannot be fitted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FitError {
    #[error("the garment has no triangles")]
    NoTriangles,
    #[error("part {part}: vertex {vertex} is not a finite position")]
    BadVertex { part: usize, vertex: usize },
    #[error("part {part}: triangle {triangle} uses a vertex index past the end")]
    BadIndex { part: usize, triangle: usize },
    #[error("the size chart has no sizes")]
    NoSizes,
    #[error("size \"{label}\" is not in the size chart (sizes: {known})")]
    UnknownSize { label: String, known: String },
    #[error("reference_size \"{label}\" is not in the size chart")]
    UnknownReferenceSize { label: String },
    #[error("reference_body: {message}")]
    ReferenceBody { message: String },
}

/// A fitting region: where ease and strain are measured and a verdict is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    Chest,
    Waist,
    Hip,
    Shoulders,
    UpperArm,
    Thigh,
    Length,
    Sleeve,
    InsideLeg,
}

impl Region {
    /// Every region, in report order.
    pub const ALL: [Region; 9] = [
        Region::Chest,
        Region::Waist,
        Region::Hip,
        Region::Shoulders,
        Region::UpperArm,
        Region::Thigh,
        Region::Length,
        Region::Sleeve,
        Region::InsideLeg,
    ];

    /// The JSON name, e.g. `"upper_arm"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Region::Chest => "chest",
            Region::Waist => "waist",
            Region::Hip => "hip",
            Region::Shoulders => "shoulders",
            Region::UpperArm => "upper_arm",
            Region::Thigh => "thigh",
            Region::Length => "length",
            Region::Sleeve => "sleeve",
            Region::InsideLeg => "inside_leg",
        }
    }

    /// Keys of the size chart's garment measurements that give this region (first found wins).
    pub fn chart_keys(self) -> &'static [&'static str] {
        match self {
            Region::Chest => &["chest", "bust"],
            Region::Waist => &["waist"],
            Region::Hip => &["hip", "hips", "seat"],
            Region::Shoulders => &["shoulders", "shoulder", "shoulder_width"],
            Region::UpperArm => &["upper_arm", "bicep", "biceps"],
            Region::Thigh => &["thigh"],
            Region::Length => &["length"],
            Region::Sleeve => &["sleeve", "sleeve_length"],
            Region::InsideLeg => &["inside_leg", "inseam"],
        }
    }

    /// Whether the region is a girth (around the body) rather than a length.
    pub fn is_girth(self) -> bool {
        matches!(
            self,
            Region::Chest | Region::Waist | Region::Hip | Region::UpperArm | Region::Thigh
        )
    }

    /// Whether the region is a girth round one limb (measured on its own side of the body).
    pub fn is_limb(self) -> bool {
        matches!(self, Region::UpperArm | Region::Thigh)
    }

    /// Whether the region is a length along the body (compared with the standard length).
    pub fn is_length(self) -> bool {
        matches!(self, Region::Length | Region::Sleeve | Region::InsideLeg)
    }

    /// The regions a garment of this category is judged on (when it covers them).
    pub fn for_category(category: Category) -> &'static [Region] {
        match category {
            Category::Top | Category::Shirt | Category::Knitwear | Category::Outerwear => &[
                Region::Chest,
                Region::Waist,
                Region::Hip,
                Region::Shoulders,
                Region::UpperArm,
                Region::Length,
                Region::Sleeve,
            ],
            Category::Dress => &[
                Region::Chest,
                Region::Waist,
                Region::Hip,
                Region::Shoulders,
                Region::UpperArm,
                Region::Length,
                Region::Sleeve,
            ],
            Category::Bottom => &[
                Region::Waist,
                Region::Hip,
                Region::Thigh,
                Region::Length,
                Region::InsideLeg,
            ],
            Category::Skirt => &[Region::Waist, Region::Hip, Region::Length],
        }
    }
}

/// Whether garments of this category hang below the hip as one tube around both legs (skirts,
/// dresses, long tops) rather than one tube per leg (trousers).
pub fn wraps_both_legs(category: Category) -> bool {
    category != Category::Bottom
}

/// The size chart's garment value of a region for a size, in cm.
pub fn chart_value(size: &crate::garment::Size, region: Region) -> Option<f64> {
    region
        .chart_keys()
        .iter()
        .find_map(|k| size.garment.get(*k).copied())
        .filter(|v| v.is_finite())
}
