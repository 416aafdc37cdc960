//! Conditioning a multivariate normal on some known coordinates (Schur complement, Cholesky, f64).

/// The conditional distribution's mean and variance per coordinate (variance 0 where known).
#[derive(Clone, Debug, PartialEq)]
pub struct Conditioned {
    pub mean: Vec<f64>,
    pub var: Vec<f64>,
}

/// The distribution of N(`mean`, `cov`) given `known` (index, value) pairs: mean
/// μ_u + Σ_uk Σ_kk⁻¹ (x_k − μ_k), variance diag(Σ_uu − Σ_uk Σ_kk⁻¹ Σ_ku).
///
/// Out-of-range indices and repeated indices (after the first) are ignored. `None` if the
/// known block is not positive definite even after a small ridge, or a result is not finite.
#[expect(
    clippy::needless_range_loop,
    reason = "matrix code reads best with indices"
)]
pub fn condition(mean: &[f64], cov: &[Vec<f64>], known: &[(usize, f64)]) -> Option<Conditioned> {
    let n = mean.len();
    if cov.len() != n || cov.iter().any(|r| r.len() != n) {
        return None;
    }
    let (idx, x) = distinct(known, n);
    let m = idx.len();
    let block: Vec<Vec<f64>> = idx
        .iter()
        .map(|&i| idx.iter().map(|&j| cov[i][j]).collect())
        .collect();
    let l = cholesky(&block).or_else(|| {
        let ridge =
            1e-9 * (0..m).map(|i| block[i][i].abs()).sum::<f64>().max(1e-12) / m.max(1) as f64;
        let mut b = block.clone();
        (0..m).for_each(|i| b[i][i] += ridge);
        cholesky(&b)
    })?;
    // α = Σ_kk⁻¹ (x_k − μ_k)
    let d: Vec<f64> = idx.iter().zip(&x).map(|(&i, v)| v - mean[i]).collect();
    let alpha = solve_upper_t(&l, &solve_lower(&l, &d));
    let mut out = Conditioned {
        mean: mean.to_vec(),
        var: (0..n).map(|i| cov[i][i]).collect(),
    };
    for u in 0..n {
        if let Some(p) = idx.iter().position(|&i| i == u) {
            out.mean[u] = x[p];
            out.var[u] = 0.0;
            continue;
        }
        let cross: Vec<f64> = idx.iter().map(|&k| cov[u][k]).collect();
        out.mean[u] += cross.iter().zip(&alpha).map(|(a, b)| a * b).sum::<f64>();
        let w = solve_lower(&l, &cross);
        out.var[u] = (out.var[u] - w.iter().map(|w| w * w).sum::<f64>()).max(0.0);
    }
    let finite = out.mean.iter().chain(&out.var).all(|v| v.is_finite());
    finite.then_some(out)
}

/// The covariance of N(`mean`, `cov`) given noisy readings of some coordinates: reading `i` is
/// the coordinate plus independent normal noise of variance `noise_var` (a tape's error), so
/// Σ − Σ_·k (Σ_kk + R)⁻¹ Σ_k· (R the noise variances). Only the rows and columns `0..keep` are
/// returned. Out-of-range and repeated indices are ignored; `None` if the block is not positive
/// definite or a result is not finite.
pub fn posterior_cov(
    cov: &[Vec<f64>],
    read: &[(usize, f64)],
    keep: usize,
) -> Option<Vec<Vec<f64>>> {
    let n = cov.len();
    if cov.iter().any(|r| r.len() != n) || keep > n {
        return None;
    }
    let (idx, noise) = distinct(read, n);
    let noise: Vec<f64> = noise.into_iter().map(|v| v.max(0.0)).collect();
    let block: Vec<Vec<f64>> = idx
        .iter()
        .enumerate()
        .map(|(a, &i)| {
            idx.iter()
                .enumerate()
                .map(|(b, &j)| cov[i][j] + if a == b { noise[a] } else { 0.0 })
                .collect()
        })
        .collect();
    let l = cholesky(&block)?;
    // W = L⁻¹ Σ_k· for the kept columns: Σ_·k (Σ_kk + R)⁻¹ Σ_k· = Wᵀ W.
    let w: Vec<Vec<f64>> = (0..keep)
        .map(|u| solve_lower(&l, &idx.iter().map(|&k| cov[u][k]).collect::<Vec<_>>()))
        .collect();
    let mut out = vec![vec![0.0; keep]; keep];
    for u in 0..keep {
        for v in 0..=u {
            let c = cov[u][v] - w[u].iter().zip(&w[v]).map(|(a, b)| a * b).sum::<f64>();
            out[u][v] = c;
            out[v][u] = c;
        }
    }
    out.iter().flatten().all(|v| v.is_finite()).then_some(out)
}

/// A lower-triangular factor L with L Lᵀ ≈ `a` for a covariance that may be only positive
/// semi-definite (a coordinate known exactly): a small ridge is added until it factors.
pub fn sampling_factor(a: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let n = a.len();
    let scale = (0..n).map(|i| a[i][i].abs()).sum::<f64>().max(1e-12) / n.max(1) as f64;
    [0.0, 1e-9, 1e-6, 1e-3].into_iter().find_map(|r| {
        let mut b = a.to_vec();
        (0..n).for_each(|i| b[i][i] += r * scale);
        cholesky(&b)
    })
}

/// The (index, value) pairs with an index below `n`, each index once (its first pair), split
/// into indices and values.
fn distinct(pairs: &[(usize, f64)], n: usize) -> (Vec<usize>, Vec<f64>) {
    let mut idx: Vec<usize> = Vec::new();
    let mut values: Vec<f64> = Vec::new();
    for &(i, v) in pairs {
        if i < n && !idx.contains(&i) {
            idx.push(i);
            values.push(v);
        }
    }
    (idx, values)
}

/// Lower-triangular L with L Lᵀ = `a`, or `None` if `a` is not (numerically) positive definite.
fn cholesky(a: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let n = a.len();
    let mut l = vec![vec![0.0; n]; n];
    for i in 0..n {
        for j in 0..=i {
            let s = a[i][j] - (0..j).map(|k| l[i][k] * l[j][k]).sum::<f64>();
            if i == j {
                if s.is_nan() || s <= 1e-12 * a[i][i].abs().max(1e-300) {
                    return None;
                }
                l[i][i] = s.sqrt();
            } else {
                l[i][j] = s / l[j][j];
            }
        }
    }
    Some(l)
}

/// Solves L y = b.
fn solve_lower(l: &[Vec<f64>], b: &[f64]) -> Vec<f64> {
    let mut y = b.to_vec();
    for i in 0..y.len() {
        y[i] = (y[i] - (0..i).map(|k| l[i][k] * y[k]).sum::<f64>()) / l[i][i];
    }
    y
}

/// Solves Lᵀ z = y.
fn solve_upper_t(l: &[Vec<f64>], y: &[f64]) -> Vec<f64> {
    let mut z = y.to_vec();
    for i in (0..z.len()).rev() {
        z[i] = (z[i] - (i + 1..z.len()).map(|k| l[k][i] * z[k]).sum::<f64>()) / l[i][i];
    }
    z
}
