//! Fitting an outfit: which garment goes over which ([`layer_rank`]), every garment fitted alone
//! on the body (the sizes its recommendation needs and the size worn), then the shown sizes worn lowest layer first — each draped over the
//! garments of the layers below, which are pressed in under it where it cannot go around them —
//! and the fallback when a layered drape fails (left on the body, drawn a little outward).
//!
//! The app's fitting job, `anprobe fit` with several `--garment`s and the tests all wear an
//! outfit through [`fit_outfit`].

use super::FitError;
use super::drape::{DrapeSettings, Draped};
use super::pipeline::{
    FitOptions, FitOutcome, OverLayers, SizeFit, fit_all, fit_more, fit_over_pressing, fit_size,
};
use super::prepare::{PreparedBody, PreparedGarment};
use super::topology::ClothMesh;
use crate::garment::{Category, GarmentMeta};
use crate::geometry::TriangleMesh;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// The order garments are put on: the metadata's layer, then bottoms under tops of the same
/// layer (a tucked tee aside, trousers go on first). Garments of one layer each lie on the body;
/// a higher layer lies over every lower one.
pub fn layer_rank(meta: &GarmentMeta) -> (u8, u8) {
    let kind = match meta.category {
        Category::Bottom | Category::Skirt => 0,
        _ => 1,
    };
    (meta.layer, kind)
}

/// How far a garment that could not be draped over the lower layers is drawn outward, per
/// lower layer, metres.
pub const FALLBACK_LIFT_M: f32 = 0.006;

/// One garment of an outfit to fit.
#[derive(Clone, Debug)]
pub struct OutfitGarment {
    /// The garment, welded, bound and measured on its reference body.
    pub prepared: Arc<PreparedGarment>,
    /// The size to wear (a chart label); `None`: the recommended one.
    pub size: Option<String>,
    /// The garment already fitted alone on this body, when an earlier fit kept it (its sizes
    /// draped then are not draped again).
    pub fitted: Option<Arc<FitOutcome>>,
}

/// How the worn size lies relative to the garments under it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Layering {
    /// Nothing of a lower layer is worn: it lies on the body.
    OnBody,
    /// Draped over the lower layers (pressed in under it where needed).
    OverLowerLayers,
    /// The drape over the lower layers failed (a point moved `moved_m` from the drape on the
    /// body alone, or the cloth still moved `final_motion_mm` a frame at the end): it is shown on
    /// the body, drawn [`FALLBACK_LIFT_M`] a lower layer outward.
    Failed {
        /// The farthest any point of the layered drape moved from the drape alone, metres.
        moved_m: f32,
        /// How far the layered drape's cloth still moved in its last frame, mm (the largest move
        /// but for the 0.5 % of points that moved most).
        final_motion_mm: f32,
    },
}

/// One garment of an outfit in the size it is worn: as it hangs alone on the body, and as it
/// lies in the outfit.
#[derive(Clone, Debug)]
pub struct Layer {
    /// The garment, welded, bound and measured on its reference body.
    pub prepared: Arc<PreparedGarment>,
    /// The size worn (index into the chart).
    pub size: usize,
    /// The size draped on the body alone.
    pub alone: SizeFit,
    /// The size as it lies in the outfit (its fit map gives the table and the colours).
    pub shown: SizeFit,
    /// How `shown` lies relative to the garments under it.
    pub layering: Layering,
    /// The shown drape as one mesh per garment part (lifted where the layered drape failed).
    pub parts: Vec<TriangleMesh>,
}

impl Layer {
    /// A garment worn in `size`, draped alone on the body (`alone`), not yet layered.
    pub fn new(prepared: Arc<PreparedGarment>, size: usize, alone: SizeFit) -> Layer {
        Layer {
            prepared,
            size,
            shown: alone.clone(),
            alone,
            layering: Layering::OnBody,
            parts: Vec::new(),
        }
    }

    /// The metadata's layer.
    fn layer(&self) -> u8 {
        self.prepared.meta().layer
    }

    /// Drapes the worn size over `under` (the garments of the layers below, pressed in under it
    /// where it cannot go around them); a layered drape that failed leaves it on the body.
    fn drape_over(
        &mut self,
        body: &PreparedBody,
        under: &mut [&mut Layer],
        drape: &DrapeSettings,
    ) -> Result<(), FitError> {
        let mut under: Vec<(&ClothMesh, &mut Draped)> = under
            .iter_mut()
            .map(|l| {
                let l = &mut **l;
                (&l.prepared.cloth, &mut l.shown.draped)
            })
            .collect();
        let over = fit_over_pressing(
            &self.prepared,
            body,
            self.size,
            &mut under,
            drape,
            &self.alone,
        )?;
        self.layering = match over {
            OverLayers::Draped(layered) => {
                self.shown = *layered;
                Layering::OverLowerLayers
            }
            OverLayers::Failed {
                moved_m,
                final_motion_mm,
            } => Layering::Failed {
                moved_m,
                final_motion_mm,
            },
        };
        Ok(())
    }

    /// Builds the meshes of the shown drape, lifted by `lift` metres along the normals.
    fn build_parts(&mut self, lift: f32) {
        self.parts = self.shown.meshes(&self.prepared);
        if lift > 0.0 {
            for part in &mut self.parts {
                for (p, n) in part.positions.iter_mut().zip(&part.normals) {
                    *p += n.normalize_or_zero() * lift;
                }
            }
        }
    }
}

impl AsMut<Layer> for Layer {
    fn as_mut(&mut self) -> &mut Layer {
        self
    }
}

/// Wears an outfit whose garments already hang alone on the body in the sizes worn: in
/// [`layer_rank`] order, each garment is draped over the garments of the layers below, which are
/// pressed in under it where it cannot go around them ([`fit_over_pressing`]); then every
/// garment's meshes are built (after every press). A garment that is already an error is left
/// out; one whose layered drape fails with an error becomes that error. Returns `false` when
/// `cancel` was set before the outfit was done (checked between garments).
pub fn wear<T: AsMut<Layer>>(
    body: &PreparedBody,
    outfit: &mut [Result<T, FitError>],
    drape: &DrapeSettings,
    cancel: &AtomicBool,
) -> bool {
    let mut order: Vec<usize> = (0..outfit.len()).collect();
    order.sort_by_key(|&i| match &mut outfit[i] {
        Ok(g) => Some(layer_rank(g.as_mut().prepared.meta())),
        Err(_) => None,
    });
    for (k, &i) in order.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            return false;
        }
        let mut put_on: Vec<Option<&mut Layer>> = outfit
            .iter_mut()
            .map(|g| g.as_mut().ok().map(AsMut::as_mut))
            .collect();
        let Some(upper) = put_on[i].take() else {
            continue;
        };
        let layer = upper.layer();
        // The garments put on before this one that lie on a lower layer.
        let mut below: Vec<&mut Layer> = order[..k]
            .iter()
            .filter_map(|&j| put_on[j].take())
            .filter(|l| l.layer() < layer)
            .collect();
        if !below.is_empty()
            && let Err(e) = upper.drape_over(body, &mut below, drape)
        {
            outfit[i] = Err(e);
        }
    }
    let worn_layers: Vec<u8> = outfit
        .iter_mut()
        .filter_map(|g| g.as_mut().ok().map(|g| g.as_mut().layer()))
        .collect();
    for layer in outfit.iter_mut().filter_map(|g| g.as_mut().ok()) {
        let layer = layer.as_mut();
        let lift = match layer.layering {
            Layering::Failed { .. } => {
                let lower = worn_layers.iter().filter(|&&l| l < layer.layer()).count();
                FALLBACK_LIFT_M * lower as f32
            }
            _ => 0.0,
        };
        layer.build_parts(lift);
    }
    true
}

/// One garment of an outfit, fitted alone and worn.
#[derive(Clone, Debug)]
pub struct WornFit {
    /// The sizes draped alone on the body, the recommendation and the report.
    pub outcome: Arc<FitOutcome>,
    /// The size worn, as it lies in the outfit.
    pub worn: Layer,
}

impl WornFit {
    /// The worn size's label.
    pub fn selected_label(&self) -> &str {
        &self.worn.prepared.meta().sizes[self.worn.size].label
    }

    /// The recommended size's label, if any size fits.
    pub fn recommended(&self) -> Option<&str> {
        self.outcome.recommendation.size.as_deref()
    }

    /// The fit value (−1 loose … +1 tight) of every vertex of part `k`.
    pub fn part_values(&self, k: usize) -> &[f32] {
        let parts = &self.worn.parts;
        let start: usize = parts[..k].iter().map(|p| p.positions.len()).sum();
        let end = start + parts.get(k).map_or(0, |p| p.positions.len());
        self.worn
            .shown
            .map
            .vertex_values
            .get(start..end)
            .unwrap_or(&[])
    }
}

/// The garment fitted alone (its outcome `fitted` when that has the size worn, else the sizes
/// still needed draped, those of `fitted` kept), the size to wear (the chosen one, else the
/// recommended one, else the reference size) and its fit.
fn fit_alone(
    garment: &OutfitGarment,
    body: &PreparedBody,
    drape: &DrapeSettings,
    all_sizes: bool,
) -> Result<(Arc<FitOutcome>, usize, SizeFit), FitError> {
    let prepared = &garment.prepared;
    let wanted = garment
        .size
        .as_deref()
        .map(|label| prepared.size_index(label))
        .transpose()?;
    let options = FitOptions {
        size: garment.size.clone(),
        drape: *drape,
        all_sizes,
    };
    let outcome = match &garment.fitted {
        Some(outcome)
            if wanted.is_none_or(|i| outcome.size(i).is_some())
                && (!all_sizes || outcome.draped_count() == outcome.sizes.len()) =>
        {
            outcome.clone()
        }
        Some(outcome) => Arc::new(fit_more(prepared, body, &options, outcome.sizes.clone())?),
        None => Arc::new(fit_all(prepared, body, &options)?),
    };
    let selected = super::pipeline::shown_size(prepared, wanted, &outcome.recommendation);
    let fit = match outcome.size(selected) {
        Some(fit) => fit.clone(),
        // Not reached: the size asked for, the recommended one and the nearest when none fits
        // are draped. Draped here all the same rather than failing.
        None => fit_size(prepared, body, selected, &[], drape)?,
    };
    Ok((outcome, selected, fit))
}

impl AsMut<Layer> for WornFit {
    fn as_mut(&mut self) -> &mut Layer {
        &mut self.worn
    }
}

/// Fits an outfit on `body`: every garment alone (unless already `fitted`; the sizes its
/// recommendation needs and the size worn, see [`fit_all`]), then [`wear`]s the sizes chosen
/// (else recommended). Returns one result per garment, in the order given; `None` when `cancel`
/// was set before the outfit was done.
pub fn fit_outfit(
    body: &PreparedBody,
    garments: &[OutfitGarment],
    drape: &DrapeSettings,
    cancel: &AtomicBool,
) -> Option<Vec<Result<WornFit, FitError>>> {
    fit_outfit_with(body, garments, drape, false, cancel)
}

/// [`fit_outfit`], with every size of every garment draped when `all_sizes` (`anprobe fit
/// --all-sizes` with several garments).
pub fn fit_outfit_with(
    body: &PreparedBody,
    garments: &[OutfitGarment],
    drape: &DrapeSettings,
    all_sizes: bool,
    cancel: &AtomicBool,
) -> Option<Vec<Result<WornFit, FitError>>> {
    let mut outfit = Vec::with_capacity(garments.len());
    for garment in garments {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        outfit.push(
            fit_alone(garment, body, drape, all_sizes).map(|(outcome, size, fit)| WornFit {
                worn: Layer::new(garment.prepared.clone(), size, fit),
                outcome,
            }),
        );
    }
    wear(body, &mut outfit, drape, cancel).then_some(outfit)
}
