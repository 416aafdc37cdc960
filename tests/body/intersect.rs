//! Tests: the avatar's surface never passes through itself — no two triangles cross and no
//! triangle folds back onto its neighbour — on a grid of 84 bodies (150–200 cm, BMI 16–45, both
//! forms), each resolved from stature and weight as the app resolves a shopper who typed only
//! those. (Before the armscye's corners were smoothed, 64 of them crossed themselves where
//! the arm leaves the torso: 992 crossing pairs in all.)

use anprobe::body;
use anprobe::geometry::TriangleMesh;
use anprobe::measurements::{self, Form, Key, Measurements, ansur};
use glam::DVec3;
use std::collections::HashMap;

/// Where a mesh passes through itself: crossing pairs of triangles (sharing no edge) and folded
/// pairs (sharing an edge, lying back onto each other).
#[derive(Debug, Default)]
pub(super) struct SelfIntersections {
    pub(super) crossing: Vec<(usize, usize)>,
    pub(super) folded: Vec<(usize, usize)>,
}

impl SelfIntersections {
    /// Where the first few pairs lie: each first triangle's centre, metres.
    pub(super) fn places(&self, mesh: &TriangleMesh) -> String {
        let centre = |t: usize| {
            (0..3)
                .map(|k| mesh.positions[mesh.indices[3 * t + k] as usize])
                .sum::<glam::Vec3>()
                / 3.0
        };
        self.crossing
            .iter()
            .chain(&self.folded)
            .take(3)
            .map(|&(i, _)| format!("{:.3}", centre(i)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Whether the open segment `p`–`q` passes through the inside of triangle `t` (its edges and
/// corners excluded by `eps`, relative): the Möller–Trumbore test.
fn segment_crosses(p: DVec3, q: DVec3, [a, b, c]: [DVec3; 3], eps: f64) -> bool {
    let d = q - p;
    let (e1, e2) = (b - a, c - a);
    let h = d.cross(e2);
    let det = e1.dot(h);
    if det.abs() < 1e-18 {
        return false; // parallel to the plane: a coplanar overlap is a fold, checked apart
    }
    let s = p - a;
    let u = s.dot(h) / det;
    let qv = s.cross(e1);
    let v = d.dot(qv) / det;
    let t = e2.dot(qv) / det;
    u > eps && v > eps && u + v < 1.0 - eps && t > eps && t < 1.0 - eps
}

/// Every self-intersection of `mesh`: triangles are bucketed in a grid of cells about their own
/// size, and each pair whose boxes overlap is tested edge against triangle, both ways.
pub(super) fn self_intersections(mesh: &TriangleMesh) -> SelfIntersections {
    let tris: Vec<[u32; 3]> = mesh
        .indices
        .chunks_exact(3)
        .map(|t| [t[0], t[1], t[2]])
        .collect();
    let corners = |t: &[u32; 3]| t.map(|i| mesh.positions[i as usize].as_dvec3());
    let boxes: Vec<(DVec3, DVec3)> = tris
        .iter()
        .map(|t| {
            let [a, b, c] = corners(t);
            (a.min(b).min(c), a.max(b).max(c))
        })
        .collect();
    let cell = boxes
        .iter()
        .map(|(lo, hi)| (*hi - *lo).max_element())
        .sum::<f64>()
        / boxes.len() as f64
        * 2.0;
    let key = |p: DVec3| (p / cell).floor().as_ivec3();
    let mut grid: HashMap<glam::IVec3, Vec<usize>> = HashMap::new();
    for (i, (lo, hi)) in boxes.iter().enumerate() {
        let (a, b) = (key(*lo), key(*hi));
        for x in a.x..=b.x {
            for y in a.y..=b.y {
                for z in a.z..=b.z {
                    grid.entry(glam::IVec3::new(x, y, z)).or_default().push(i);
                }
            }
        }
    }
    let normal = |t: &[u32; 3]| {
        let [a, b, c] = corners(t);
        (b - a).cross(c - a).normalize_or_zero()
    };
    let mut found = SelfIntersections::default();
    let mut seen = std::collections::HashSet::new();
    for bucket in grid.values() {
        for (n, &i) in bucket.iter().enumerate() {
            for &j in &bucket[n + 1..] {
                let (i, j) = (i.min(j), i.max(j));
                let (bi, bj) = (boxes[i], boxes[j]);
                if bi.0.cmpgt(bj.1).any() || bj.0.cmpgt(bi.1).any() || !seen.insert((i, j)) {
                    continue;
                }
                let shared = tris[i].iter().filter(|v| tris[j].contains(v)).count();
                if shared == 2 {
                    // Neighbours across an edge: folded where they turn back onto each other.
                    if normal(&tris[i]).dot(normal(&tris[j])) < -0.985 {
                        found.folded.push((i, j));
                    }
                    continue;
                }
                let (ti, tj) = (corners(&tris[i]), corners(&tris[j]));
                let edges = |t: [DVec3; 3]| [(t[0], t[1]), (t[1], t[2]), (t[2], t[0])];
                let crosses = edges(ti)
                    .iter()
                    .any(|&(p, q)| segment_crosses(p, q, tj, 1e-6))
                    || edges(tj)
                        .iter()
                        .any(|&(p, q)| segment_crosses(p, q, ti, 1e-6));
                if crosses {
                    found.crossing.push((i, j));
                }
            }
        }
    }
    found
}

/// The grid of extreme bodies, 84 in all: (form, stature in cm, BMI), 150–200 cm and BMI 16–45
/// in both forms.
pub(super) fn extreme_grid() -> impl Iterator<Item = (Form, f64, f64)> {
    [Form::Female, Form::Male].into_iter().flat_map(|form| {
        [150.0, 160.0, 170.0, 180.0, 190.0, 200.0]
            .into_iter()
            .flat_map(move |stature| {
                [16.0, 20.0, 25.0, 30.0, 35.0, 40.0, 45.0]
                    .into_iter()
                    .map(move |bmi| (form, stature, bmi))
            })
    })
}

/// A body resolved from stature and weight alone (what a shopper who typed only those gets).
fn body_of(form: Form, stature: f64, bmi: f64) -> TriangleMesh {
    avatar_of(form, stature, bmi).mesh
}

/// The avatar of a body of that stature and BMI (weight typed, the rest predicted).
pub(super) fn avatar_of(form: Form, stature: f64, bmi: f64) -> body::Avatar {
    let mut typed = Measurements::new(form, stature);
    let metres = stature / 100.0;
    typed.set(Key::WeightKg, (bmi * metres * metres * 10.0).round() / 10.0);
    let resolved = measurements::resolve(&typed)
        .unwrap_or_else(|issues| panic!("{form:?} {stature} cm BMI {bmi}: {issues:?}"));
    body::build(&resolved)
}

#[test]
fn the_checker_finds_a_crossing_and_a_fold() {
    // Two triangles through each other, one folded pair, one clean pair far away.
    let mesh = TriangleMesh {
        positions: [
            [0.0, 0.0, 0.0],
            [1.0, 0.0, 0.0],
            [0.0, 1.0, 0.0],
            [0.2, 0.2, -0.5],
            [0.2, 0.2, 0.5],
            [0.6, 0.6, 0.5],
            [5.0, 0.0, 0.0],
            [6.0, 0.0, 0.0],
            [5.0, 1.0, 0.0],
            [5.2, 0.2, 0.0],
        ]
        .map(glam::Vec3::from)
        .to_vec(),
        normals: vec![glam::Vec3::Z; 10],
        uvs: Vec::new(),
        indices: vec![0, 1, 2, 3, 4, 5, 6, 7, 8, 7, 6, 9],
    };
    let found = self_intersections(&mesh);
    assert_eq!(found.crossing, vec![(0, 1)]);
    assert_eq!(found.folded, vec![(2, 3)]);
}

#[test]
fn no_extreme_body_passes_through_itself() {
    let mut report = Vec::new();
    for (form, stature, bmi) in extreme_grid() {
        let mesh = body_of(form, stature, bmi);
        let found = self_intersections(&mesh);
        println!(
            "{form:?} {stature} cm BMI {bmi}: {} crossing, {} folded",
            found.crossing.len(),
            found.folded.len()
        );
        if !found.crossing.is_empty() || !found.folded.is_empty() {
            report.push(format!(
                "{form:?} {stature} cm BMI {bmi}: {} crossing, {} folded, at {}",
                found.crossing.len(),
                found.folded.len(),
                found.places(&mesh)
            ));
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}

/// Real bodies have other proportions than the grid's predicted ones (broad shoulders on a
/// narrow chest, a deep chest on narrow hips): every fifteenth subject of the survey files, typed
/// with every key the survey took (as a shopper who measured themselves), resolved and built as
/// the app does.
#[test]
fn no_survey_body_passes_through_itself() {
    let test = "body::intersect::no_survey_body_passes_through_itself";
    let Some(dir) = crate::prerequisite::survey_dir(test) else {
        return;
    };
    let subjects = ansur::read_csv_dir(&dir).expect("survey files read");
    let mut report = Vec::new();
    let mut built = 0;
    for (i, s) in subjects.iter().enumerate().step_by(15) {
        let mut typed = Measurements::new(s.form, 0.0);
        super::shape::type_surveyed_keys(&mut typed, s);
        let Ok(resolved) = measurements::resolve(&typed) else {
            continue; // a subject outside the app's accepted ranges: refused, not built
        };
        let mesh = body::build(&resolved).mesh;
        built += 1;
        let found = self_intersections(&mesh);
        if !found.crossing.is_empty() || !found.folded.is_empty() {
            report.push(format!(
                "subject {i} ({:?}, {:.0} cm): {} crossing, {} folded, at {}",
                s.form,
                typed.get(Key::Stature).unwrap_or(0.0),
                found.crossing.len(),
                found.folded.len(),
                found.places(&mesh)
            ));
        }
    }
    println!(
        "{built} survey bodies built, {} pass through themselves",
        report.len()
    );
    assert!(built > 180, "only {built} survey bodies were built");
    assert!(report.is_empty(), "{}", report.join("\n"));
}
