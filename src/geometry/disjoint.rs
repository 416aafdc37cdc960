//! Disjoint sets (union–find) over indices held as a parent array (`parent[i] == i` for a root):
//! the connected pieces of a mesh cut by a plane (tape cross-sections, garment girths), of a
//! body's vertices (its parts) and of a garment's cloth (pieces sewn onto it).

/// The root of `i`'s set, halving the path on the way.
pub fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Joins the sets of `a` and `b` (`a`'s root goes under `b`'s).
pub fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra] = rb;
    }
}
