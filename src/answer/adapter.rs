//! The meaning adapter: a linear map fitted on the tuned sets (`scripts/fit_adapter.py`) that
//! turns a caller's question vector so that it lies closer to the example questions of the entry
//! it asks about. The encoder is general French; callers' words ("mon père nous a quittés") and a
//! town file's phrasings ("Comment déclarer un décès ?") are a particular pair of registers.

use std::sync::OnceLock;

use super::encoder::DIM;

/// The adapter's weights: a `DIM`×`DIM` matrix, row-major, little-endian f32.
static WEIGHTS: &[u8] = include_bytes!("meaning_adapter.f32");

const _: () = assert!(WEIGHTS.len() == DIM * DIM * 4, "meaning_adapter.f32 must hold a DIM×DIM matrix");

/// Names another weights file in place of the built-in one: only to fit the chooser on vectors
/// turned by an adapter fitted without the town at hand (`scripts/fit_adapter.py --halves`).
pub const OVERRIDE_VAR: &str = "STANDARDISTE_MEANING_ADAPTER";

/// The matrix, decoded once.
fn matrix() -> &'static [f32] {
    static M: OnceLock<Vec<f32>> = OnceLock::new();
    M.get_or_init(|| {
        let other = std::env::var_os(OVERRIDE_VAR).map(|p| (std::fs::read(&p), p));
        let bytes = match other {
            Some((Ok(b), _)) if b.len() == WEIGHTS.len() => b,
            Some((_, p)) => panic!("{OVERRIDE_VAR}: {} is not a readable {DIM}×{DIM} f32 matrix", p.to_string_lossy()),
            None => WEIGHTS.to_vec(),
        };
        bytes.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect()
    })
}

/// The question vector `q` turned by the adapter, L2-normalised (a zero vector stays zero).
pub fn adapt(q: &[f32]) -> Vec<f32> {
    let m = matrix();
    let mut out: Vec<f32> = m.chunks_exact(DIM).map(|row| row.iter().zip(q).map(|(a, b)| a * b).sum()).collect();
    let norm = out.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        out.iter_mut().for_each(|x| *x /= norm);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(i: usize) -> Vec<f32> {
        let mut v = vec![0.0; DIM];
        v[i] = 1.0;
        v
    }

    #[test]
    fn a_turned_vector_has_unit_length_and_stays_near_the_original() {
        for i in [0, 17, DIM - 1] {
            let t = adapt(&unit(i));
            let norm: f32 = t.iter().map(|x| x * x).sum::<f32>().sqrt();
            assert!((norm - 1.0).abs() < 1e-4, "norm {norm}");
            // A small turn, not a new space: each axis keeps most of itself.
            assert!(t[i] > 0.3, "axis {i} kept {}", t[i]);
        }
        assert!(adapt(&vec![0.0; DIM]).iter().all(|x| *x == 0.0));
    }
}
