//! Draping: the graded garment starts on the body (pushed out where it is too small), then the
//! XPBD cloth runs frame by frame (each frame: refresh contact planes, then substeps of predict →
//! constraints → contacts → velocities; a few frames without inertia first, then a few under full
//! gravity, easing back, so the cloth falls to where it hangs sooner) until the points' motion
//! averaged over a few frames falls below a threshold or a frame cap is reached. A last exact projection
//! guarantees that no particle ends inside the body (or a lower garment) by more than the
//! tolerance.

use super::cloth::{Cloth, ClothParams};
use super::collide::{
    Collider, Contacts, LAYER_PUSH_MAX, Obstacles, REACH, project_again, project_exactly,
};
use super::layer::{Cover, LayerCollider};
use super::spatial::{SignedHit, Surface};
use super::tether::{Support, Tethers};
use super::topology::ClothMesh;
use glam::{Vec3, Vec3A};
use serde::{Deserialize, Serialize};
use std::time::Instant;

/// How the drape runs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DrapeSettings {
    /// Material and integration parameters of the cloth.
    pub cloth: ClothParams,
    /// Length of one frame, seconds.
    pub frame: f32,
    /// Substeps per frame (each one predict → constraints → contacts → velocities pass).
    pub substeps: u32,
    /// Frames at the start without inertia (the pushed-out garment relaxes in place).
    pub relax_frames: u32,
    /// Frames after the relaxing ones in which cloth away from the body is pulled this many
    /// times the cloth's own gravity (cloth modelled far from where it hangs falls there
    /// sooner): in full from 4 cm off the body, by its share nearer, not beyond its own gravity
    /// where it lies on the body (which holds it anyway).
    pub fall_gravity: f32,
    /// Number of those falling frames.
    pub fall_frames: u32,
    /// Over this many last falling frames gravity eases back to the cloth's own, linearly: a
    /// sudden drop lets the cloth spring back up and swing for many frames.
    pub fall_ramp_frames: u32,
    /// Frames at least, and at most.
    pub min_frames: u32,
    /// The frame cap: the drape stops here even when not settled.
    pub max_frames: u32,
    /// Settled when no particle (but the 0.5 % that moved most) moved on average more than
    /// this a frame over the last `settle_window` frames, metres. Measured over a window, a
    /// point jittering in a crease of the body reads as still while one drifting slowly (cloth
    /// still falling under heavy damping) does not.
    pub settle_distance: f32,
    /// Frames over which the settle reading is taken.
    pub settle_window: u32,
    /// Gap kept between cloth and skin, metres.
    pub skin_margin: f32,
    /// Gap kept between this garment and one draped underneath, metres.
    pub layer_margin: f32,
    /// Static Coulomb friction coefficient against the body and lower garments (a contact sticks
    /// while its sliding is under this many times its push-out depth).
    pub static_friction: f32,
    /// Kinetic Coulomb friction coefficient: sliding beyond the static limit is cut by this many
    /// times the push-out depth.
    pub kinetic_friction: f32,
    /// How far beyond its rest distance along the cloth a particle may be from the support it
    /// hangs from (a fraction; see [`super::tether`]).
    pub tether_slack: f32,
}

impl Default for DrapeSettings {
    fn default() -> Self {
        DrapeSettings {
            cloth: ClothParams::default(),
            frame: 1.0 / 60.0,
            substeps: 8,
            relax_frames: 3,
            fall_gravity: 14.0,
            fall_frames: 20,
            fall_ramp_frames: 20,
            min_frames: 6,
            max_frames: 150,
            settle_distance: 3e-4,
            settle_window: 5,
            skin_margin: 0.0025,
            layer_margin: 0.003,
            static_friction: 0.5,
            kinetic_friction: 0.35,
            tether_slack: 0.01,
        }
    }
}

impl DrapeSettings {
    /// How many times the cloth's own gravity pulls cloth 4 cm or more off the body in `frame`
    /// (cloth nearer by its share of the pull beyond 1): `fall_gravity` in the falling frames,
    /// easing back to 1 over their last `fall_ramp_frames`; 1 otherwise.
    pub fn gravity_factor(&self, frame: u32) -> f32 {
        let end = self.relax_frames + self.fall_frames;
        if frame < self.relax_frames || frame >= end {
            return 1.0;
        }
        let left = (end - frame) as f32;
        let share = (left / self.fall_ramp_frames.max(1) as f32).min(1.0);
        1.0 + (self.fall_gravity - 1.0) * share
    }
}

/// What the solver did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DrapeStats {
    /// Frames run.
    pub frames: u32,
    /// Substeps run, over all frames.
    pub substeps: u32,
    /// Constraint passes (substeps × one pass over every constraint).
    pub iterations: u32,
    /// Whether the cloth settled before the frame cap (`max_frames`).
    pub settled: bool,
    /// Largest displacement in the last frame, mm.
    pub last_motion_mm: f32,
    /// The same but for the 0.5 % of particles that moved most (those jittering in a crease of
    /// the body).
    pub last_motion_p995_mm: f32,
    /// The settle reading at the end: how far the points but the 0.5 % that moved most moved
    /// on average a frame over the last settle window, mm.
    pub last_drift_p995_mm: f32,
    /// Particles the final exact projection moved.
    pub projected: u32,
    /// Points of the cloth's faces lifted out of the body after draping ([`lift_faces_out`]).
    pub lifted: u32,
    /// Deepest particle inside the body after draping, mm (0 when none is inside).
    pub max_penetration_mm: f32,
    /// Deepest particle inside a lower garment after draping, mm.
    pub max_layer_penetration_mm: f32,
    /// Closest-point queries for contact planes, and the time they took, ms.
    pub contact_queries: u32,
    /// Time spent finding contact planes and in the final exact projection, ms.
    pub contact_ms: f64,
    /// Wall-clock time of the whole drape, ms.
    pub time_ms: f64,
}

/// A draped garment.
#[derive(Clone, Debug)]
pub struct Draped {
    /// Particle positions.
    pub positions: Vec<Vec3>,
    /// Signed distance of each particle to the body surface, metres (positive outside).
    pub body_distance: Vec<f32>,
    /// Distance to whatever lies underneath: the body or a lower garment (the nearer), metres.
    pub gap: Vec<f32>,
    /// The body's outward normal nearest to each particle.
    pub body_normal: Vec<Vec3>,
    /// What the solver did.
    pub stats: DrapeStats,
}

/// How far beyond a particle a lower garment is looked for when the layer penetration is
/// measured, metres.
const LAYER_LOOK: f32 = 0.05;

/// Puts the points `which` of a draped garment that were moved after its drape (a lower garment
/// pressed in under an upper one, where how near each move brings a point to the body is only
/// estimated) back out of the body where they went in, and measures their distances from the
/// body afresh.
pub fn keep_out_of_body(draped: &mut Draped, body: &Surface, skin: f32, which: &[usize]) {
    let obstacles = Obstacles {
        body: Collider {
            surface: body,
            margin: skin,
        },
        layers: &[],
        layer_margin: 0.0,
    };
    let mut points: Vec<Vec3> = which.iter().map(|&i| draped.positions[i]).collect();
    let (_, hits) = project_exactly(&mut points, &obstacles, &[]);
    for ((&i, p), hit) in which.iter().zip(points).zip(hits) {
        draped.positions[i] = p;
        if let Some(h) = hit {
            draped.body_distance[i] = h.distance;
            draped.body_normal[i] = h.normal;
            draped.gap[i] = draped.gap[i].min(h.distance);
        }
    }
}

/// Points of a face checked against the body, as barycentric weights: the centre, the edge
/// midpoints and the points halfway between the centre and each corner.
pub const FACE_POINTS: [[f32; 3]; 7] = {
    const T: f32 = 1.0 / 3.0;
    const C: f32 = 0.5 + 0.5 * T;
    const O: f32 = 0.5 * T;
    [
        [T, T, T],
        [0.5, 0.5, 0.0],
        [0.0, 0.5, 0.5],
        [0.5, 0.0, 0.5],
        [C, O, O],
        [O, C, O],
        [O, O, C],
    ]
};

/// Keeps the cloth's faces out of the body, not only its particles: a triangle whose corners lie
/// outside can still cut through a part of the body narrower than it (the front of the crotch
/// between the thighs, a bust, a hem lying on a foot). Points of each face that may reach the
/// body ([`FACE_POINTS`]) found inside are lifted out to the skin margin by moving the face's
/// corners along the body's normal there, each by its share of the point. A few rounds, as a
/// lift can tilt a neighbouring face in. `faces` says which faces to read (all, or those with a
/// corner among some particles).
///
/// Most points need no search: the distance to the body changes no faster than the point
/// moves, so a point nearer to a corner outside the body than that corner is to the body (less
/// what the corner moved since) lies outside too. A face is read again only when a corner moved
/// since it was last read; a search starts at a corner's closest triangle.
pub fn lift_faces_out(
    x: &mut [Vec3],
    triangles: &[[u32; 3]],
    body: &Surface,
    margin: f32,
    hits: &[Option<SignedHit>],
    faces: &Faces,
) -> Lifted {
    const ROUNDS: usize = 10;
    let hit = |i: usize| hits.get(i).copied().flatten();
    let distance = |i: usize| hit(i).map_or(f32::INFINITY, |h| h.distance);
    let target = margin;
    let touched = match faces {
        Faces::All => None,
        Faces::Touching(corners) => {
            let mut touched = vec![false; x.len()];
            for &i in corners {
                if let Some(t) = touched.get_mut(i) {
                    *t = true;
                }
            }
            Some(touched)
        }
    };
    let candidates: Vec<(usize, f32)> = (0..triangles.len())
        .filter(|&t| {
            let [a, b, c] = triangles[t].map(|i| i as usize);
            if let Some(touched) = &touched
                && ![a, b, c].iter().any(|&i| touched.get(i) == Some(&true))
            {
                return false;
            }
            let longest = x[a]
                .distance(x[b])
                .max(x[b].distance(x[c]))
                .max(x[c].distance(x[a]));
            // Every point of a face lies within 0.58 × its longest edge of a corner.
            distance(a).min(distance(b)).min(distance(c)) < 0.6 * longest + target
        })
        .map(|t| {
            let [a, b, c] = triangles[t].map(|i| x[i as usize]);
            (t, a.distance(b).max(b.distance(c)).max(c.distance(a)))
        })
        .collect();
    // How far each corner moved since the hits were found, and when it last moved (in lifts);
    // when each face was last read.
    let mut moved = vec![0.0f32; x.len()];
    let mut moved_at = vec![0usize; x.len()];
    let mut read_at = vec![0usize; candidates.len()];
    let mut lifts = 0;
    let mut done = false;
    for round in 0..ROUNDS {
        let before = lifts;
        for (k, &(t, longest)) in candidates.iter().enumerate() {
            let corners = triangles[t].map(|i| i as usize);
            if round > 0 && corners.iter().all(|&i| moved_at[i] <= read_at[k]) {
                continue;
            }
            read_at[k] = lifts;
            let [a, b, c] = corners;
            for w in FACE_POINTS {
                let p = x[a] * w[0] + x[b] * w[1] + x[c] * w[2];
                let surely_out = corners.iter().any(|&i| {
                    let d = distance(i);
                    d > 0.0 && d - moved[i] > p.distance(x[i])
                });
                if surely_out {
                    continue;
                }
                let hint = corners.iter().find_map(|&i| hit(i)).map(|h| h.hit.triangle);
                // With its corners outside, no point of a face lies deeper than 0.58 × its
                // longest edge: the search need not look farther.
                let Some(h) = body.signed_from(p, longest + target, hint) else {
                    continue;
                };
                if h.distance >= 0.0 || h.normal == Vec3::ZERO {
                    continue;
                }
                // The least corner movement that moves the point by the lift: each corner by
                // its weight over the sum of the squared weights.
                let lift = h.normal * (target - h.distance) / w.iter().map(|w| w * w).sum::<f32>();
                lifts += 1;
                for (i, w) in corners.into_iter().zip(w) {
                    x[i] += lift * w;
                    moved[i] += lift.length() * w;
                    moved_at[i] = lifts;
                }
            }
        }
        if lifts == before {
            done = true;
            break;
        }
    }
    Lifted {
        lifts,
        moved: (0..x.len()).filter(|&i| moved_at[i] > 0).collect(),
        done,
    }
}

/// Which faces [`lift_faces_out`] reads.
pub enum Faces {
    /// Every face.
    All,
    /// The faces with a corner among these particles.
    Touching(Vec<usize>),
}

/// What [`lift_faces_out`] did.
pub struct Lifted {
    /// How many lifts it made.
    pub lifts: usize,
    /// The particles the lifts moved.
    pub moved: Vec<usize>,
    /// Whether it stopped because a round found no face in the body (not at its round limit).
    pub done: bool,
}

/// Puts the points of an upper garment's drape that lower garments, moved after it was draped
/// (pressed in under it, where they could go no farther in), still cover by less than the layer
/// margin back out beyond them along the lower garments' faces (at most [`LAYER_PUSH_MAX`] in
/// all, and out of the body), reading each point as the drape's final reading does, and
/// measures them afresh. Returns how many points it moved.
pub fn keep_over_layers(
    draped: &mut Draped,
    body: &Surface,
    lower: &[&LayerCollider],
    settings: &DrapeSettings,
) -> usize {
    const ROUNDS: usize = 3;
    let margin = settings.layer_margin;
    let start = draped.positions.clone();
    let mut all: Vec<usize> = Vec::new();
    // Every point is read the first round; afterwards only those just moved can still be under.
    let mut candidates: Vec<usize> = (0..start.len()).collect();
    for _ in 0..ROUNDS {
        let mut moved = Vec::new();
        for &i in &candidates {
            let p = draped.positions[i];
            let Some((depth, cover)) =
                deepest_cover(lower, p, draped.body_normal[i], draped.body_distance[i])
            else {
                continue;
            };
            let need = depth + margin;
            if need > 0.1 * margin {
                let offset = (p + cover.normal * need - start[i]).clamp_length_max(LAYER_PUSH_MAX);
                draped.positions[i] = start[i] + offset;
                moved.push(i);
            }
        }
        if moved.is_empty() {
            break;
        }
        keep_out_of_body(draped, body, settings.skin_margin, &moved);
        all.extend_from_slice(&moved);
        candidates = moved;
    }
    all.sort_unstable();
    all.dedup();
    for &i in &all {
        let (p, h) = (draped.positions[i], draped.body_distance[i]);
        draped.gap[i] = match deepest_cover(lower, p, draped.body_normal[i], h) {
            Some((depth, _)) => h.min(-depth),
            None => h,
        };
    }
    all.len()
}

/// The lower garment that lies farthest out over the point `p` (at signed distance `height` from
/// the body, whose outward normal there is `normal`), read along the body's normal as the drape's
/// final reading reads it, with how deep `p` lies under it (metres, negative when `p` is outside
/// it).
fn deepest_cover(
    lower: &[&LayerCollider],
    p: Vec3,
    normal: Vec3,
    height: f32,
) -> Option<(f32, Cover)> {
    lower
        .iter()
        .filter_map(|layer| layer.cover(p, normal, height, LAYER_LOOK))
        .map(|c| (c.depth(p), c))
        .max_by(|a, b| a.0.total_cmp(&b.0))
}

/// The farthest any point moved between two drapes of the same cloth, metres.
pub fn largest_move(a: &[Vec3], b: &[Vec3]) -> f32 {
    a.iter()
        .zip(b)
        .map(|(p, q)| p.distance(*q))
        .fold(0.0, f32::max)
}

/// How far the points moved from `before` to `after`: the largest distance, and the largest but
/// for the 0.5 % of points that moved most (those jittering in a crease of the body). `scratch`
/// holds the distances.
fn motion_reading(after: &[Vec3A], before: &[Vec3A], scratch: &mut Vec<f32>) -> (f32, f32) {
    scratch.clear();
    scratch.extend(after.iter().zip(before).map(|(a, b)| a.distance(*b)));
    let max = scratch.iter().copied().fold(0.0f32, f32::max);
    let skip = scratch.len() / 200;
    let k = scratch.len().saturating_sub(1 + skip);
    let typical = if scratch.is_empty() {
        0.0
    } else {
        *scratch.select_nth_unstable_by(k, f32::total_cmp).1
    };
    (max, typical)
}

/// Drapes the cloth whose rest shape is `rest` (the graded garment) on the body, over the given
/// lower garments, held by `support`. `body_hints` (may be empty) are body triangles near each
/// particle (its binding: every avatar has the same triangles), where closest-point searches
/// start.
pub fn drape(
    mesh: &ClothMesh,
    rest: &[Vec3],
    body: &Surface,
    body_hints: &[u32],
    lower: &[&LayerCollider],
    support: Support,
    settings: &DrapeSettings,
) -> Draped {
    let started = Instant::now();
    let obstacles = Obstacles {
        body: Collider {
            surface: body,
            margin: settings.skin_margin,
        },
        layers: lower,
        layer_margin: settings.layer_margin,
    };
    let mut start = rest.to_vec();
    let (_, resting) = project_exactly(&mut start, &obstacles, body_hints);
    let tethers = Tethers::new(mesh, rest, &start, &support.anchors(&start, &resting));
    let mut cloth = Cloth::new(mesh, rest, &start, settings.cloth);
    let mut contacts = Contacts::new(mesh.len(), lower.len(), body_hints);
    // The closest points just found are the first contacts' (the cloth starts where they were
    // found): the body is not searched for them twice.
    let t = Instant::now();
    contacts.seed(&cloth.x, &resting, &obstacles);
    let substeps = settings.substeps.max(1);
    let h = settings.frame / substeps as f32;
    let mut stats = DrapeStats {
        contact_ms: t.elapsed().as_secs_f64() * 1000.0,
        ..DrapeStats::default()
    };
    let mut frame_start = cloth.x.clone();
    let mut window_start = cloth.x.clone();
    let window = settings.settle_window.max(1);
    let mut motion: Vec<f32> = Vec::with_capacity(mesh.len());
    let mut scratch = Vec::with_capacity(mesh.len());
    let mut fall_weights: Vec<f32> = Vec::with_capacity(mesh.len());
    for frame in 0..settings.max_frames.max(1) {
        let t = Instant::now();
        contacts.update(&cloth.x, &obstacles);
        stats.contact_ms += t.elapsed().as_secs_f64() * 1000.0;
        frame_start.copy_from_slice(&cloth.x);
        // The fall's pull beyond the cloth's own gravity, on each particle by how far it stood
        // off the body at its last contact refresh: cloth lying on the body is held there
        // anyway, and pulling it down only stretches it.
        let extra = settings.cloth.gravity * (settings.gravity_factor(frame) - 1.0);
        let falling = extra != Vec3::ZERO;
        if falling {
            fall_weights.clear();
            fall_weights.extend(
                contacts
                    .clearance()
                    .iter()
                    .map(|&c| (c / REACH).clamp(0.0, 1.0)),
            );
        }
        for step in 0..substeps {
            cloth.predict(h, falling.then_some((extra, fall_weights.as_slice())));
            cloth.solve(h, (step % 2 == 1).then_some(2.0 * h));
            tethers.project(&mut cloth.x, settings.tether_slack);
            contacts.project(
                &mut cloth.x,
                &mut cloth.prev,
                &obstacles,
                settings.static_friction,
                settings.kinetic_friction,
            );
            cloth.update_velocities(h, frame < settings.relax_frames);
        }
        cloth.damp_internally(&mut scratch);
        stats.frames = frame + 1;
        stats.substeps += substeps;
        let (max, typical) = motion_reading(&cloth.x, &frame_start, &mut motion);
        stats.last_motion_mm = max * 1000.0;
        stats.last_motion_p995_mm = typical * 1000.0;
        if stats.frames.is_multiple_of(window) {
            let (_, drift) = motion_reading(&cloth.x, &window_start, &mut motion);
            let drift = drift / window as f32;
            window_start.copy_from_slice(&cloth.x);
            stats.last_drift_p995_mm = drift * 1000.0;
            if stats.frames >= settings.min_frames && drift < settings.settle_distance {
                stats.settled = true;
                break;
            }
        }
    }
    stats.iterations = stats.substeps;
    stats.contact_queries = contacts.queries as u32;
    let t = Instant::now();
    let mut x: Vec<Vec3> = cloth.x.iter().map(|&p| p.into()).collect();
    // Particles out of the body, then faces; a particle the projection moves out of a crease
    // can tilt a face back in, so the two take turns until the faces stay out.
    let hints = contacts.body_hints();
    let (mut projected, mut hits) = project_exactly(&mut x, &obstacles, &hints);
    // All faces first; then only those with a corner that the lift or the projection after it
    // moved (the others are as the lift read them last, outside the body) — all again where the
    // lift stopped at its round limit.
    let mut faces = Faces::All;
    for _ in 0..4 {
        let lifted = lift_faces_out(
            &mut x,
            &mesh.triangles,
            body,
            settings.skin_margin,
            &hits,
            &faces,
        );
        stats.lifted += lifted.lifts as u32;
        if lifted.lifts == 0 {
            break;
        }
        let mut moved = project_again(&mut x, &obstacles, &hints, lifted.moved.clone(), &mut hits);
        projected += moved.len();
        faces = if lifted.done {
            moved.extend(lifted.moved);
            Faces::Touching(moved)
        } else {
            Faces::All
        };
    }
    stats.projected = projected as u32;
    let n = x.len();
    let (mut body_distance, mut gap, mut body_normal) =
        (vec![0.0; n], vec![0.0; n], vec![Vec3::Y; n]);
    for (i, &p) in x.iter().enumerate() {
        let Some(h) = hits[i] else { continue };
        body_distance[i] = h.distance;
        body_normal[i] = h.normal;
        stats.max_penetration_mm = stats.max_penetration_mm.max(-h.distance * 1000.0);
        gap[i] = h.distance;
        if let Some((depth, _)) = deepest_cover(lower, p, h.normal, h.distance) {
            gap[i] = gap[i].min(-depth);
            stats.max_layer_penetration_mm = stats.max_layer_penetration_mm.max(depth * 1000.0);
        }
    }
    stats.contact_ms += t.elapsed().as_secs_f64() * 1000.0;
    stats.time_ms = started.elapsed().as_secs_f64() * 1000.0;
    Draped {
        positions: x,
        body_distance,
        gap,
        body_normal,
        stats,
    }
}
