//! Convex hull of points in a plane (Andrew's monotone chain) and its perimeter: the path of a
//! tape laid round a cross-section (a tape bridges hollows).

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
    (0..hull.len())
        .map(|i| hull[i].distance(hull[(i + 1) % hull.len()]))
        .sum()
}
