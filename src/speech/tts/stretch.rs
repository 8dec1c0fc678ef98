//! Pitch-preserving time-stretch (WSOLA) for engines without their own speed control.

/// Returns the speech played at `speed` (0.8 = slower and 25 % longer), pitch unchanged.
///
/// Waveform-similarity overlap-add: 30 ms Hann frames written every 15 ms, each read from near
/// its nominal input position, shifted by up to 8 ms to best continue the previous frame.
pub fn time_stretch(x: &[f32], rate: u32, speed: f32) -> Vec<f32> {
    if !(speed.is_finite() && speed > 0.0) || (speed - 1.0).abs() < 1e-3 || x.is_empty() {
        return x.to_vec();
    }
    let win = ((rate as f32 * 0.030) as usize).max(8) & !1;
    let hop_out = win / 2;
    let hop_in = hop_out as f32 * speed;
    let tol = (rate as f32 * 0.008) as usize;
    let window: Vec<f32> = (0..win).map(|i| 0.5 - 0.5 * (2.0 * std::f32::consts::PI * i as f32 / win as f32).cos()).collect();
    let out_len = (x.len() as f32 / speed) as usize;
    let mut y = vec![0.0f32; out_len + win];
    let mut norm = vec![0.0f32; out_len + win];
    let pad = |i: isize| if i >= 0 && (i as usize) < x.len() { x[i as usize] } else { 0.0 };
    let mut prev: isize = 0;
    let mut k = 0usize;
    while k * hop_out < out_len {
        let nominal = (k as f32 * hop_in) as isize;
        let pos = if k == 0 {
            0
        } else {
            // The natural continuation of the previous frame, to match against.
            let target = prev + hop_out as isize;
            let mut best = nominal;
            let mut best_score = f32::MIN;
            for d in -(tol as isize)..=(tol as isize) {
                let cand = nominal + d;
                let mut score = 0.0f32;
                for i in (0..win).step_by(2) {
                    score += pad(cand + i as isize) * pad(target + i as isize);
                }
                if score > best_score {
                    best_score = score;
                    best = cand;
                }
            }
            best
        };
        let at = k * hop_out;
        for i in 0..win {
            y[at + i] += pad(pos + i as isize) * window[i];
            norm[at + i] += window[i];
        }
        prev = pos;
        k += 1;
    }
    for (s, n) in y.iter_mut().zip(&norm) {
        if *n > 1e-3 {
            *s /= n;
        }
    }
    y.truncate(out_len);
    y
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crossings(x: &[f32]) -> usize {
        x.windows(2).filter(|w| w[0] < 0.0 && w[1] >= 0.0).count()
    }

    #[test]
    fn slower_is_longer_with_the_same_pitch() {
        let rate = 16000;
        let x: Vec<f32> = (0..rate).map(|i| (2.0 * std::f32::consts::PI * 220.0 * i as f32 / rate as f32).sin() * 0.5).collect();
        let y = time_stretch(&x, rate, 0.8);
        assert_eq!(y.len(), 20000);
        let per_s = crossings(&y) as f32 / (y.len() as f32 / rate as f32);
        assert!((per_s - 220.0).abs() < 220.0 * 0.05, "pitch moved: {per_s} crossings/s");
        let faster = time_stretch(&x, rate, 1.25);
        assert_eq!(faster.len(), 12800);
        assert_eq!(time_stretch(&x, rate, 1.0), x);
    }
}
