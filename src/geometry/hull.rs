//! Convex hull of points in a plane (Andrew's monotone chain; Graham's scan in ring order for a
//! ring built round its centre) and its perimeter: the path of a tape laid round a cross-section
//! (a tape bridges hollows).

use glam::DVec2;

/// The convex hull of `points`, counter-clockwise, without repeating the first point.
/// Non-finite points are left out.
pub fn convex_hull(points: &[DVec2]) -> Vec<DVec2> {
    let mut pts: Vec<DVec2> = points.to_vec();
    let mut hull = Vec::with_capacity(pts.len() + 1);
    convex_hull_into(&mut pts, &mut hull);
    hull
}

/// [`convex_hull`] of `points` (sorted and deduplicated in place, non-finite ones removed)
/// written into `hull`: no memory allocated where both hold enough already.
pub fn convex_hull_into(points: &mut Vec<DVec2>, hull: &mut Vec<DVec2>) {
    hull.clear();
    points.retain(|p| p.is_finite());
    // Equal points are removed below, so an unstable sort gives the same order.
    points.sort_unstable_by(|a, b| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)));
    points.dedup();
    if points.len() < 3 {
        hull.extend_from_slice(points);
        return;
    }
    // Andrew's monotone chain: the lower hull left to right, the upper one back.
    chain(hull, points.iter().copied());
    chain(hull, points.iter().rev().copied());
}

/// The convex hull of a ring that goes once round the origin, each point strictly further round
/// than the one before (either way round), as the avatar's cross-sections are built: Graham's scan
/// in the ring's own order, no sort. Counter-clockwise, without repeating the first point.
/// Returns false, with `hull` empty, for any other ring (then [`convex_hull_into`] serves).
pub fn ring_hull_into(ring: &[DVec2], hull: &mut Vec<DVec2>) -> bool {
    hull.clear();
    let n = ring.len();
    if n < 3 {
        return false;
    }
    // Every step turns the same way round the origin (NaN fails both tests) …
    let ccw = ring[n - 1].perp_dot(ring[0]) > 0.0;
    let mut start = 0;
    let mut crossings = 0;
    for k in 0..n {
        let (p, q) = (ring[k], ring[if k + 1 == n { 0 } else { k + 1 }]);
        let turn = p.perp_dot(q);
        if !(if ccw { turn > 0.0 } else { turn < 0.0 }) {
            return false;
        }
        // … and the ring crosses the +x half-axis once: it goes round exactly once, so it is
        // star-shaped about the origin, which lies inside.
        if (ccw && p.y < 0.0 && q.y >= 0.0) || (!ccw && q.y < 0.0 && p.y >= 0.0) {
            crossings += 1;
        }
        if (p.y, p.x) < (ring[start].y, ring[start].x) {
            start = k;
        }
    }
    if crossings != 1 {
        return false;
    }
    // The lowest point is on the hull: scan from it counter-clockwise (a clockwise ring read
    // backwards) once round, and back to it.
    let mut k = start;
    for _ in 0..=n {
        let p = ring[k];
        while hull.len() >= 2
            && (hull[hull.len() - 1] - hull[hull.len() - 2]).perp_dot(p - hull[hull.len() - 2])
                <= 0.0
        {
            hull.pop();
        }
        hull.push(p);
        // The next index round the ring (no division: this loop runs for every tape).
        k = match (ccw, k) {
            (true, k) if k + 1 == n => 0,
            (true, k) => k + 1,
            (false, 0) => n - 1,
            (false, k) => k - 1,
        };
    }
    hull.pop();
    true
}

/// One of the monotone chain's two passes, appended to `hull` (its last point left off: the
/// next pass starts there).
fn chain(hull: &mut Vec<DVec2>, points: impl Iterator<Item = DVec2>) {
    let start = hull.len();
    for p in points {
        while hull.len() >= start + 2
            && (hull[hull.len() - 1] - hull[hull.len() - 2]).perp_dot(p - hull[hull.len() - 2])
                <= 0.0
        {
            hull.pop();
        }
        hull.push(p);
    }
    hull.pop();
}

/// Perimeter of a closed polygon (0 for fewer than two corners).
pub fn hull_perimeter(hull: &[DVec2]) -> f64 {
    if hull.len() < 2 {
        return 0.0;
    }
    let open: f64 = hull.windows(2).map(|w| w[0].distance(w[1])).sum();
    open + hull[hull.len() - 1].distance(hull[0])
}
