//! Segment crossings of a triangle mesh (what the layer collider reads a lower garment with).

use anprobe::geometry::{Crossing, TriangleBvh};
use glam::Vec3;

/// A unit square in the plane z = `z`, two triangles.
fn square(z: f32) -> (Vec<Vec3>, Vec<u32>) {
    let p = vec![
        Vec3::new(0.0, 0.0, z),
        Vec3::new(1.0, 0.0, z),
        Vec3::new(1.0, 1.0, z),
        Vec3::new(0.0, 1.0, z),
    ];
    (p, vec![0, 1, 2, 0, 2, 3])
}

fn all(bvh: &TriangleBvh, o: Vec3, d: Vec3, range: (f32, f32)) -> Vec<Crossing> {
    let mut v = Vec::new();
    bvh.crossings(o, d, range, |c| v.push(c));
    v.sort_by(|a, b| a.t.total_cmp(&b.t));
    v
}

#[test]
fn a_segment_finds_each_sheet_it_crosses_and_where() {
    let (mut p, mut i) = square(0.01);
    let (q, j) = square(0.03);
    let n = p.len() as u32;
    p.extend(q);
    i.extend(j.iter().map(|k| k + n));
    let bvh = TriangleBvh::new(&p, &i);
    let hits = all(&bvh, Vec3::new(0.25, 0.6, 0.0), Vec3::Z, (-1.0, 1.0));
    assert_eq!(hits.len(), 2);
    assert!((hits[0].t - 0.01).abs() < 1e-6 && (hits[1].t - 0.03).abs() < 1e-6);
    // The crossing's barycentric coordinates give back the point.
    let t = hits[0].triangle as usize * 3;
    let back: Vec3 = (0..3).map(|k| p[i[t + k] as usize] * hits[0].bary[k]).sum();
    assert!(back.distance(Vec3::new(0.25, 0.6, 0.01)) < 1e-6);
    // Only the part of the segment asked for; backwards too; a direction of any length.
    assert_eq!(
        all(&bvh, Vec3::new(0.25, 0.6, 0.0), Vec3::Z, (0.0, 0.02)).len(),
        1
    );
    let down = all(&bvh, Vec3::new(0.25, 0.6, 0.05), Vec3::Z, (-0.03, 0.0));
    assert_eq!(down.len(), 1);
    assert!((down[0].t + 0.02).abs() < 1e-6);
    let long = all(&bvh, Vec3::new(0.25, 0.6, 0.0), Vec3::Z * 2.0, (0.0, 0.01));
    assert_eq!(long.len(), 1);
    // Beside the squares, or along them, nothing; a non-finite segment, nothing.
    assert!(all(&bvh, Vec3::new(1.5, 0.5, 0.0), Vec3::Z, (-1.0, 1.0)).is_empty());
    assert!(all(&bvh, Vec3::new(0.5, 0.5, 0.02), Vec3::X, (-1.0, 1.0)).is_empty());
    assert!(all(&bvh, Vec3::new(0.5, f32::NAN, 0.0), Vec3::Z, (-1.0, 1.0)).is_empty());
}

/// Where segment `o + d·t`, t ∈ [0, 1], meets triangle `tri` (the plane first, then whether the
/// point lies inside by the signs of three edge cross products): the reference.
fn slow_cross(o: Vec3, d: Vec3, tri: [Vec3; 3]) -> Option<f32> {
    let n = (tri[1] - tri[0]).cross(tri[2] - tri[0]);
    let along = n.dot(d);
    if along.abs() < 1e-12 {
        return None;
    }
    let t = n.dot(tri[0] - o) / along;
    if !(0.0..=1.0).contains(&t) {
        return None;
    }
    let x = o + d * t;
    let inside = (0..3).all(|k| (tri[(k + 1) % 3] - tri[k]).cross(x - tri[k]).dot(n) >= 0.0);
    inside.then_some(t)
}

#[test]
fn crossings_agree_with_testing_every_triangle() {
    // A bumpy sheet of many triangles, so the hierarchy has depth.
    let n = 30;
    let mut p = Vec::new();
    for y in 0..=n {
        for x in 0..=n {
            let (fx, fy) = (x as f32 / n as f32, y as f32 / n as f32);
            p.push(Vec3::new(
                fx,
                fy,
                0.05 * (7.0 * fx).sin() * (5.0 * fy).cos(),
            ));
        }
    }
    let row = (n + 1) as u32;
    let mut idx = Vec::new();
    for y in 0..n as u32 {
        for x in 0..n as u32 {
            let a = y * row + x;
            idx.extend([a, a + 1, a + row + 1, a, a + row + 1, a + row]);
        }
    }
    let bvh = TriangleBvh::new(&p, &idx);
    let mut crossed = 0;
    for k in 0..300 {
        let f = k as f32;
        let o = Vec3::new((f * 0.137).fract(), (f * 0.291).fract(), -0.1);
        let d = Vec3::new(
            (f * 0.07).sin() * 0.3,
            (f * 0.05).cos() * 0.3,
            0.2 + (f * 0.3).fract(),
        );
        let mut fast: Vec<u32> = all(&bvh, o, d, (0.0, 1.0))
            .iter()
            .map(|c| c.triangle)
            .collect();
        let mut slow: Vec<u32> = (0..idx.len() / 3)
            .filter(|&t| slow_cross(o, d, [0, 1, 2].map(|c| p[idx[3 * t + c] as usize])).is_some())
            .map(|t| t as u32)
            .collect();
        fast.sort_unstable();
        slow.sort_unstable();
        assert_eq!(fast, slow, "segment {k}");
        crossed += fast.len();
    }
    assert!(crossed > 200, "the segments cross the sheet ({crossed})");
}
