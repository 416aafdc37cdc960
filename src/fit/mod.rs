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
//! 6. [`recommend`] and [`pipeline::fit_all`]: the sizes the recommendation needs (the size
//!    chart's shortlist and its neighbours; every size on request), the recommended one, the JSON
//!    report ([`report`]), its sentences in English ([`english`]).
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
pub mod english;
pub mod fitmap;
pub mod grade;
pub mod layer;
pub mod measure;
pub mod outfit;
pub mod pipeline;
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

pub use crate::garment::{Region, Verdict};
pub use fitmap::{FitMap, RegionFit};
pub use grade::Graded;
pub use pipeline::{
    FitOptions, FitOutcome, MAX_LAYER_FINAL_MOTION_MM, MAX_LAYER_SHIFT_M, OverLayers, SizeFit,
    drape_one_more, fit_all, fit_more, fit_over, fit_over_pressing, fit_report, fit_size,
    sizes_to_drape,
};
pub use prepare::{PreparedBody, PreparedGarment};
pub use recommend::{Reason, Recommendation};
pub use report::FitReport;

use crate::garment::Category;

/// Why a garment cannot be fitted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FitError {
    /// Welded into one cloth, the garment's parts leave no triangle with three distinct
    /// particles.
    #[error("the garment has no triangles")]
    NoTriangles,
    /// A vertex position is NaN or infinite.
    #[error("part {part}: vertex {vertex} is not a finite position")]
    BadVertex {
        /// Index of the garment part, in import order.
        part: usize,
        /// Index of the vertex in that part's mesh.
        vertex: usize,
    },
    /// A triangle refers to a vertex its part does not have.
    #[error("part {part}: triangle {triangle} uses a vertex index past the end")]
    BadIndex {
        /// Index of the garment part, in import order.
        part: usize,
        /// Index of the triangle in that part's mesh (its index triple, from 0).
        triangle: usize,
    },
    /// The garment's metadata lists no size.
    #[error("the size chart has no sizes")]
    NoSizes,
    /// A size was asked for by a label the size chart lacks.
    #[error("size \"{label}\" is not in the size chart (sizes: {known})")]
    UnknownSize {
        /// The label asked for.
        label: String,
        /// The chart's labels, comma-separated, in chart order.
        known: String,
    },
    /// The metadata's `reference_size` is not a label of its size chart.
    #[error("reference_size \"{label}\" is not in the size chart")]
    UnknownReferenceSize {
        /// The metadata's `reference_size`.
        label: String,
    },
    /// The metadata's `reference_body` measurements cannot build a body.
    #[error("reference_body: {message}")]
    ReferenceBody {
        /// What is wrong: an unknown key, a value that is not a number, a missing `stature`, or
        /// the measurement issues, `; `-separated.
        message: String,
    },
    /// The fit of one size panicked; the panic is caught and fails the whole fit with this error.
    #[error("size \"{size}\": the fit failed unexpectedly ({message})")]
    Panicked {
        /// Label of the size whose fit panicked.
        size: String,
        /// The panic's message (`unknown cause` when it carried no text).
        message: String,
    },
}

/// Whether garments of this category hang below the hip as one tube around both legs (skirts,
/// dresses, long tops) rather than one tube per leg (trousers).
pub fn wraps_both_legs(category: Category) -> bool {
    category != Category::Bottom
}
