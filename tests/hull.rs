//! The tape's convex hull: the ring-order scan the avatar's sections use agrees with the general
//! monotone chain, and refuses rings it cannot take.

use crate::rng::Rng;
use anprobe::geometry::{convex_hull, hull_perimeter, ring_hull_into};
use glam::DVec2;
use std::f64::consts::TAU;

/// A ring round the origin at increasing angles, with hollows, spikes and near-collinear runs.
fn star_ring(rng: &mut Rng, n: usize) -> Vec<DVec2> {
    // Uneven steps, each well under half a turn.
    let angles: Vec<f64> = (0..n)
        .map(|k| (k as f64 + 0.9 * rng.next()) / n as f64 * TAU)
        .collect();
    let flat = rng.next() < 0.3;
    angles
        .iter()
        .map(|&a| {
            let r = if flat {
                // A rounded box: long runs of nearly collinear points.
                1.0 / a.cos().abs().max(a.sin().abs()).max(0.3)
            } else if rng.next() < 0.1 {
                2.0 + rng.next()
            } else {
                0.2 + rng.next()
            };
            DVec2::new(r * a.cos(), 0.6 * r * a.sin())
        })
        .collect()
}

fn same_hull(a: &[DVec2], b: &[DVec2]) -> bool {
    let start = a.iter().position(|&p| p == b[0]);
    a.len() == b.len() && start.is_some_and(|s| (0..a.len()).all(|k| a[(s + k) % a.len()] == b[k]))
}

#[test]
fn the_ring_order_hull_is_the_convex_hull_either_way_round() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut hull = Vec::new();
    for case in 0..2000 {
        let n = 8 + (rng.next() * 200.0) as usize;
        let mut ring = star_ring(&mut rng, n);
        if case % 2 == 1 {
            ring.reverse();
        }
        let expected = convex_hull(&ring);
        assert!(ring_hull_into(&ring, &mut hull), "case {case}: refused");
        assert!(
            same_hull(&hull, &expected),
            "case {case}: {} corners, the monotone chain {}",
            hull.len(),
            expected.len()
        );
        assert!((hull_perimeter(&hull) - hull_perimeter(&expected)).abs() < 1e-12);
    }
}

#[test]
fn rings_that_do_not_go_once_round_the_origin_are_refused() {
    let circle = |n: usize, turns: f64| -> Vec<DVec2> {
        (0..n)
            .map(|k| DVec2::from_angle(turns * TAU * k as f64 / n as f64))
            .collect()
    };
    let mut hull = vec![DVec2::ONE];
    // Twice round.
    assert!(!ring_hull_into(&circle(40, 2.0), &mut hull));
    assert!(hull.is_empty());
    // The origin outside the ring.
    let shifted: Vec<DVec2> = circle(40, 1.0)
        .iter()
        .map(|&p| p + DVec2::X * 3.0)
        .collect();
    assert!(!ring_hull_into(&shifted, &mut hull));
    // One step back.
    let mut back = circle(40, 1.0);
    back.swap(10, 11);
    assert!(!ring_hull_into(&back, &mut hull));
    // A repeated point, a point not finite, too few points.
    let mut repeated = circle(40, 1.0);
    repeated[5] = repeated[4];
    assert!(!ring_hull_into(&repeated, &mut hull));
    let mut nan = circle(40, 1.0);
    nan[7].x = f64::NAN;
    assert!(!ring_hull_into(&nan, &mut hull));
    assert!(!ring_hull_into(&circle(2, 1.0), &mut hull));
    // The plain circle is taken.
    assert!(ring_hull_into(&circle(40, 1.0), &mut hull));
    assert_eq!(hull.len(), 40);
}
