//! Audio finishing for the phone: trimming the engine's silences and levelling the loudness.

/// Loudness target for speech (RMS over voiced frames), about −20 dBFS.
pub const TARGET_RMS: f32 = 0.1;
/// Highest allowed sample magnitude after levelling (about −1 dBFS): never clips.
pub const PEAK_LIMIT: f32 = 0.89;

/// Keeps the audio from 30 ms before the first to 80 ms after the last sound above the noise gate.
pub fn trim_silence(samples: &[f32], rate: u32) -> Vec<f32> {
    let gate = 0.01 * samples.iter().fold(0.0f32, |m, s| m.max(s.abs())).max(1e-6);
    let gate = gate.max(1e-4);
    let first = samples.iter().position(|s| s.abs() > gate);
    let last = samples.iter().rposition(|s| s.abs() > gate);
    match (first, last) {
        (Some(a), Some(b)) => {
            let lead = (0.03 * rate as f32) as usize;
            let tail = (0.08 * rate as f32) as usize;
            samples[a.saturating_sub(lead)..(b + tail).min(samples.len())].to_vec()
        }
        _ => Vec::new(),
    }
}

/// Tilts the spectrum up (first-order pre-emphasis, `y[n] = x[n] − k·x[n−1]`) so consonants
/// survive the phone's narrow band; the levelling that follows restores the loudness.
pub fn phone_emphasis(samples: &mut [f32], k: f32) {
    let mut prev = 0.0;
    for s in samples.iter_mut() {
        let x = *s;
        *s = x - k * prev;
        prev = x;
    }
}

/// RMS of the 20 ms frames louder than a tenth of the loudest frame (the speech, not the gaps).
pub fn voiced_rms(samples: &[f32], rate: u32) -> f32 {
    let frame = ((rate as usize) / 50).max(1);
    let energies: Vec<f32> = samples.chunks(frame).map(|c| c.iter().map(|s| s * s).sum::<f32>() / c.len() as f32).collect();
    let loudest = energies.iter().cloned().fold(0.0f32, f32::max);
    let voiced: Vec<f32> = energies.into_iter().filter(|&e| e > loudest * 0.01).collect();
    if voiced.is_empty() {
        return 0.0;
    }
    (voiced.iter().sum::<f32>() / voiced.len() as f32).sqrt()
}

/// Scales speech to [`TARGET_RMS`], lowered if needed so no sample passes [`PEAK_LIMIT`].
pub fn level_for_phone(samples: &mut [f32], rate: u32) {
    let rms = voiced_rms(samples, rate);
    if rms < 1e-5 {
        return;
    }
    let peak = samples.iter().fold(0.0f32, |m, s| m.max(s.abs()));
    let gain = (TARGET_RMS / rms).min(PEAK_LIMIT / peak.max(1e-9));
    for s in samples.iter_mut() {
        *s *= gain;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn burst(rate: u32, amp: f32) -> Vec<f32> {
        let mut v = vec![0.0; rate as usize / 2];
        v.extend((0..rate).map(|i| amp * (i as f32 * 0.05).sin()));
        v.extend(vec![0.0; rate as usize / 2]);
        v
    }

    #[test]
    fn trims_leading_and_trailing_silence() {
        let x = burst(16000, 0.3);
        let y = trim_silence(&x, 16000);
        assert!(y.len() < 16000 + 16000 / 5 && y.len() >= 16000, "{}", y.len());
        assert!(trim_silence(&[0.0; 100], 16000).is_empty());
    }

    #[test]
    fn levels_quiet_and_loud_speech_to_the_same_target_without_clipping() {
        for amp in [0.01, 0.3, 1.0] {
            let mut x = burst(16000, amp);
            level_for_phone(&mut x, 16000);
            let rms = voiced_rms(&x, 16000);
            let peak = x.iter().fold(0.0f32, |m, s| m.max(s.abs()));
            assert!(peak <= PEAK_LIMIT + 1e-4, "peak {peak}");
            assert!((rms - TARGET_RMS).abs() < 0.01, "amp {amp}: rms {rms}");
        }
    }
}
