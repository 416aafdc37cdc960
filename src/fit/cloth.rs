//! The XPBD cloth (Macklin, Müller, Chentanez 2016, "XPBD: Position-Based Simulation of Compliant
//! Constrained Dynamics"; Macklin et al. 2019, "Small Steps in Physics Simulation"): particles with
//! masses from the cloth's area, distance constraints along the mesh edges (stretch, stiffer in
//! tension than in compression, where cloth buckles) and across edge-adjacent triangles
//! (bending), gravity and velocity damping. Many substeps with one constraint pass each, so every
//! Lagrange multiplier starts at zero and need not be stored.

use super::topology::ClothMesh;
use glam::{Vec3, Vec3A};

/// Material and integration parameters of the cloth.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClothParams {
    /// Fabric areal density, kg/m².
    pub density: f32,
    /// Compliance of the edges when stretched, m/N (0 = inextensible).
    pub stretch_compliance: f32,
    /// Compliance of the edges when compressed, m/N (cloth buckles rather than shortens).
    pub compress_compliance: f32,
    /// Compliance of the bending constraints, m/N.
    pub bend_compliance: f32,
    /// Fraction of the velocity removed per substep (air drag: damps the cloth's swing as a
    /// whole).
    pub damping: f32,
    /// Fraction of each particle's velocity relative to its neighbours' mean removed once a
    /// frame ([`Cloth::damp_internally`]: damps the cloth's own vibrations, not its swing).
    pub internal_damping: f32,
    /// Passes over the stretch constraints per substep.
    pub stretch_passes: u32,
    /// Speed limit, m/s (a safety net against a violent start; draping is slow motion).
    pub max_speed: f32,
    /// The acceleration pulling the cloth down. A quarter of g by default: the drape is
    /// quasi-static, and the rest shape of a nearly inextensible cloth hanging under Coulomb
    /// friction does not depend on g's size, while the solver's residual stretch (which would
    /// read as strain in the fit map) grows with g·h².
    pub gravity: Vec3,
}

impl Default for ClothParams {
    fn default() -> Self {
        ClothParams {
            density: 0.18,
            stretch_compliance: 1e-7,
            compress_compliance: 2e-4,
            bend_compliance: 2.0,
            damping: 0.05,
            internal_damping: 0.9,
            max_speed: 1.0,
            stretch_passes: 1,
            gravity: Vec3::new(0.0, -9.81 * 0.25, 0.0),
        }
    }
}

/// One distance constraint (with its particles' inverse masses, read on every pass).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Distance {
    /// First particle.
    pub i: u32,
    /// Second particle.
    pub j: u32,
    /// Rest length, metres (the particles' distance in the rest shape).
    pub rest: f32,
    /// Inverse mass of particle `i`, 1/kg.
    pub wi: f32,
    /// Inverse mass of particle `j`, 1/kg.
    pub wj: f32,
}

/// The cloth's state and constraints.
#[derive(Clone, Debug)]
pub struct Cloth {
    /// Particle positions, metres (16-byte lanes: the constraint passes load and store each
    /// position as one SIMD register).
    pub x: Vec<Vec3A>,
    /// Particle velocities, m/s.
    pub v: Vec<Vec3A>,
    /// Positions at the start of the current substep.
    pub prev: Vec<Vec3A>,
    /// Inverse masses.
    pub w: Vec<f32>,
    /// Stretch constraints: the mesh edges and the stitches, ordered by colour.
    pub stretch: Vec<Distance>,
    /// Bending constraints across edge-adjacent triangles, ordered by colour.
    pub bend: Vec<Distance>,
    /// Material and integration parameters.
    pub params: ClothParams,
    /// The stretch and bending constraints' gains.
    gains: [Gains; 2],
}

impl Cloth {
    /// A cloth over `mesh` whose rest lengths come from `rest` and that starts at `start`.
    pub fn new(mesh: &ClothMesh, rest: &[Vec3], start: &[Vec3], params: ClothParams) -> Cloth {
        let at = |i: u32| rest.get(i as usize).copied().unwrap_or(Vec3::ZERO);
        // Masses from the graded rest shape's area, so a smaller size is lighter.
        let mut area = vec![0.0f32; mesh.len()];
        for t in &mesh.triangles {
            let third = (at(t[1]) - at(t[0])).cross(at(t[2]) - at(t[0])).length() / 6.0;
            for &i in t {
                area[i as usize] += third;
            }
        }
        let mean = area.iter().sum::<f32>() / area.len().max(1) as f32;
        let w: Vec<f32> = area
            .iter()
            .map(|&a| 1.0 / (params.density * a.max(0.05 * mean).max(1e-9)))
            .collect();
        let distance = |&[i, j]: &[u32; 2]| Distance {
            i,
            j,
            rest: at(i).distance(at(j)),
            wi: w[i as usize],
            wj: w[j as usize],
        };
        let stretch = coloured(
            mesh.edges
                .iter()
                .chain(&mesh.stitches)
                .map(distance)
                .collect(),
            mesh.len(),
        );
        let bend = coloured(mesh.bends.iter().map(distance).collect(), mesh.len());
        Cloth {
            x: start.iter().map(|&p| p.into()).collect(),
            v: vec![Vec3A::ZERO; start.len()],
            prev: start.iter().map(|&p| p.into()).collect(),
            w,
            stretch,
            bend,
            params,
            gains: Default::default(),
        }
    }

    /// Integrates gravity and velocity (the prediction of one substep of length `h`).
    /// With `extra`, an acceleration beyond gravity pulls each particle by its weight (one per
    /// particle).
    pub fn predict(&mut self, h: f32, extra: Option<(Vec3, &[f32])>) {
        let keep = 1.0 - self.params.damping;
        let g = Vec3A::from(self.params.gravity * h);
        match extra {
            Some((pull, weights)) if weights.len() == self.x.len() => {
                let pull = Vec3A::from(pull * h);
                for (((x, v), prev), &w) in self
                    .x
                    .iter_mut()
                    .zip(&mut self.v)
                    .zip(&mut self.prev)
                    .zip(weights)
                {
                    *v = (*v + g + pull * w) * keep;
                    *prev = *x;
                    *x += *v * h;
                }
            }
            _ => {
                for ((x, v), prev) in self.x.iter_mut().zip(&mut self.v).zip(&mut self.prev) {
                    *v = (*v + g) * keep;
                    *prev = *x;
                    *x += *v * h;
                }
            }
        }
    }

    /// One pass over the stretch constraints, and with `bend` over the bending ones too (which
    /// may be solved on every other substep only, with that substep's `h` doubled: they are soft).
    pub fn solve(&mut self, h: f32, bend_h: Option<f32>) {
        let inv_h2 = 1.0 / (h * h);
        let p = self.params;
        let [stretch_gains, bend_gains] = &mut self.gains;
        let gains = stretch_gains.for_alphas(
            &self.stretch,
            p.stretch_compliance * inv_h2,
            p.compress_compliance * inv_h2,
        );
        for _ in 0..p.stretch_passes.max(1) {
            project(&mut self.x, &self.stretch, gains);
        }
        if let Some(bh) = bend_h {
            let bend = p.bend_compliance / (bh * bh);
            project(
                &mut self.x,
                &self.bend,
                bend_gains.for_alphas(&self.bend, bend, bend),
            );
        }
    }

    /// Velocities from the substep's displacement (limited to the speed limit); with
    /// `quasi_static`, zero (the cloth relaxes without inertia).
    pub fn update_velocities(&mut self, h: f32, quasi_static: bool) {
        if quasi_static {
            self.v.fill(Vec3A::ZERO);
            return;
        }
        let inv = 1.0 / h;
        let max = self.params.max_speed;
        for ((v, x), prev) in self.v.iter_mut().zip(&self.x).zip(&self.prev) {
            *v = ((*x - *prev) * inv).clamp_length_max(max);
        }
    }

    /// Pulls each particle's velocity towards the mean of its neighbours' (along the stretch
    /// constraints) by `internal_damping`: vibrations of the cloth against itself die out while
    /// it keeps falling and swinging towards rest. `scratch` holds the sums.
    pub fn damp_internally(&mut self, scratch: &mut Vec<(Vec3A, f32)>) {
        let k = self.params.internal_damping;
        if k <= 0.0 {
            return;
        }
        scratch.clear();
        scratch.resize(self.v.len(), (Vec3A::ZERO, 0.0));
        for c in &self.stretch {
            let (i, j) = (c.i as usize, c.j as usize);
            let (vi, vj) = (self.v[i], self.v[j]);
            scratch[i].0 += vj;
            scratch[i].1 += 1.0;
            scratch[j].0 += vi;
            scratch[j].1 += 1.0;
        }
        for (v, &(sum, n)) in self.v.iter_mut().zip(scratch.iter()) {
            if n > 0.0 {
                *v += (sum / n - *v) * k;
            }
        }
    }
}

/// Orders constraints by a greedy colouring (no two of a colour share a particle), so that
/// neighbouring constraints in the pass do not wait on each other's results.
fn coloured(mut constraints: Vec<Distance>, particles: usize) -> Vec<Distance> {
    let mut used = vec![0u64; particles];
    let mut colour = Vec::with_capacity(constraints.len());
    for c in &constraints {
        let (i, j) = (c.i as usize, c.j as usize);
        let free = !(used[i] | used[j]);
        let k = free.trailing_zeros().min(63);
        used[i] |= 1 << k;
        used[j] |= 1 << k;
        colour.push(k);
    }
    let mut order: Vec<usize> = (0..constraints.len()).collect();
    order.sort_by_key(|&i| colour[i]);
    let sorted = order.iter().map(|&i| constraints[i]).collect();
    constraints.clear();
    sorted
}

/// Per constraint, `1 / (wᵢ + wⱼ + α̃)` for a stretched and for a compressed constraint, kept
/// for the scaled compliances they were computed with (the same all through a drape), so a pass
/// divides once per constraint, not twice.
#[derive(Clone, Debug, Default)]
struct Gains {
    /// The scaled compliances (stretched, compressed) the gains are for.
    alphas: Option<(f32, f32)>,
    /// Per constraint: (stretched, compressed).
    gains: Vec<[f32; 2]>,
}

impl Gains {
    fn for_alphas(
        &mut self,
        constraints: &[Distance],
        stretched: f32,
        compressed: f32,
    ) -> &[[f32; 2]] {
        if self.alphas != Some((stretched, compressed)) || self.gains.len() != constraints.len() {
            self.gains = constraints
                .iter()
                .map(|c| [stretched, compressed].map(|a| (c.wi + c.wj + a).recip()))
                .collect();
            self.alphas = Some((stretched, compressed));
        }
        &self.gains
    }
}

/// Projects distance constraints (Gauss–Seidel, one pass) with the gains of the scaled
/// compliances `α̃ = α / h²` for stretched and compressed edges.
fn project(x: &mut [Vec3A], constraints: &[Distance], gains: &[[f32; 2]]) {
    for (c, g) in constraints.iter().zip(gains) {
        let (i, j) = (c.i as usize, c.j as usize);
        let (Some(&xi), Some(&xj)) = (x.get(i), x.get(j)) else {
            continue;
        };
        let d = xj - xi;
        let len2 = d.length_squared();
        if len2 <= 1e-18 {
            continue;
        }
        let inv_len = len2.sqrt().recip();
        // −C / (wᵢ + wⱼ + α̃) / |d|, with C = |d| − rest: (rest / |d| − 1) times the gain.
        let ratio = c.rest * inv_len;
        let gain = if ratio < 1.0 { g[0] } else { g[1] };
        let step = d * ((ratio - 1.0) * gain);
        x[i] = xi - step * c.wi;
        x[j] = xj + step * c.wj;
    }
}
