//! Whisper-style log-mel features exactly as Smart Turn v3 expects them.
//!
//! Mirrors pipecat's `compute_whisper_log_mel_features` (itself transformers'
//! `WhisperFeatureExtractor(chunk_length=8)`): the last 8 s at 16 kHz, zero-padded at the start;
//! the waveform normalised to zero mean and unit variance; a centred (reflect-padded) STFT with a
//! periodic Hann window of 400 samples, hop 160; power spectrum through 80 Slaney mel filters;
//! `log10` of at least 1e-10; the last frame dropped; clamped to (max − 8); then `(x + 4) / 4`.

use std::sync::Arc;

use realfft::{RealFftPlanner, RealToComplex};

/// Sample rate of the features' input.
pub const SAMPLE_RATE: u32 = 16_000;
/// FFT size (25 ms).
pub const N_FFT: usize = 400;
/// Hop between frames (10 ms).
pub const HOP: usize = 160;
/// Mel bands.
pub const N_MELS: usize = 80;
/// Samples analysed: the last 8 s.
pub const WINDOW_SAMPLES: usize = 8 * SAMPLE_RATE as usize;
/// Frames of features (10 ms each).
pub const N_FRAMES: usize = WINDOW_SAMPLES / HOP;

const MEL_FLOOR: f64 = 1e-10;
const NORM_EPS: f64 = 1e-7;

/// The last [`WINDOW_SAMPLES`] of `audio`, zero-padded at the start when shorter.
pub fn last_window(audio: &[f32]) -> Vec<f32> {
    if audio.len() >= WINDOW_SAMPLES {
        audio[audio.len() - WINDOW_SAMPLES..].to_vec()
    } else {
        let mut out = vec![0.0; WINDOW_SAMPLES - audio.len()];
        out.extend_from_slice(audio);
        out
    }
}

/// Computes the features; keeps the FFT plan, window and filters between calls.
pub struct MelExtractor {
    fft: Arc<dyn RealToComplex<f64>>,
    window: Vec<f64>,
    /// Per mel band: the first FFT bin with a non-zero weight, and the weights from there.
    filters: Vec<(usize, Vec<f64>)>,
}

impl Default for MelExtractor {
    fn default() -> Self {
        Self::new()
    }
}

impl MelExtractor {
    /// Plans the FFT and builds the Hann window and the Slaney mel filter bank.
    pub fn new() -> Self {
        let fft = RealFftPlanner::<f64>::new().plan_fft_forward(N_FFT);
        let window = (0..N_FFT).map(|i| 0.5 - 0.5 * (2.0 * std::f64::consts::PI * i as f64 / N_FFT as f64).cos()).collect();
        let bins = N_FFT / 2 + 1;
        let bank = crate::assets::ggml::mel_filters(SAMPLE_RATE, N_FFT, N_MELS);
        let filters = bank
            .chunks(bins)
            .map(|row| {
                let first = row.iter().position(|&w| w > 0.0).unwrap_or(0);
                let last = row.iter().rposition(|&w| w > 0.0).unwrap_or(0);
                (first, row[first..=last.max(first)].iter().map(|&w| w as f64).collect())
            })
            .collect();
        Self { fft, window, filters }
    }

    /// Features of the last 8 s of `audio_16k`: `N_MELS × N_FRAMES` values, band-major
    /// (`[band * N_FRAMES + frame]`), the layout of the model's `[1, 80, 800]` input.
    pub fn features(&mut self, audio_16k: &[f32]) -> Vec<f32> {
        let x = normalized(&last_window(audio_16k));
        let pad = N_FFT / 2;
        let n = x.len();
        // numpy's "reflect" padding: the edge sample is not repeated.
        let at = |j: usize| -> f64 {
            let i = j as isize - pad as isize;
            let i = if i < 0 {
                -i
            } else if i >= n as isize {
                2 * (n as isize - 1) - i
            } else {
                i
            };
            x[i as usize] as f64
        };
        let mut input = self.fft.make_input_vec();
        let mut spectrum = self.fft.make_output_vec();
        let mut scratch = self.fft.make_scratch_vec();
        let mut power = vec![0.0f64; N_FFT / 2 + 1];
        let mut logmel = vec![0.0f64; N_MELS * N_FRAMES];
        let mut max = f64::NEG_INFINITY;
        for frame in 0..N_FRAMES {
            let start = frame * HOP;
            for (k, v) in input.iter_mut().enumerate() {
                *v = at(start + k) * self.window[k];
            }
            self.fft.process_with_scratch(&mut input, &mut spectrum, &mut scratch).expect("buffers sized by the plan");
            for (p, c) in power.iter_mut().zip(&spectrum) {
                *p = c.norm_sqr();
            }
            for (band, (first, weights)) in self.filters.iter().enumerate() {
                let e: f64 = weights.iter().zip(&power[*first..]).map(|(w, p)| w * p).sum();
                let l = e.max(MEL_FLOOR).log10();
                max = max.max(l);
                logmel[band * N_FRAMES + frame] = l;
            }
        }
        logmel.into_iter().map(|l| ((l.max(max - 8.0) + 4.0) / 4.0) as f32).collect()
    }
}

/// Zero mean, unit variance (variance + 1e-7), as transformers' `do_normalize`.
fn normalized(x: &[f32]) -> Vec<f32> {
    let n = x.len().max(1) as f64;
    let mean = x.iter().map(|&v| v as f64).sum::<f64>() / n;
    let var = x.iter().map(|&v| (v as f64 - mean).powi(2)).sum::<f64>() / n;
    let scale = 1.0 / (var + NORM_EPS).sqrt();
    x.iter().map(|&v| ((v as f64 - mean) * scale) as f32).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_audio_is_padded_at_the_start_and_long_audio_keeps_its_end() {
        let w = last_window(&[1.0, 2.0]);
        assert_eq!(w.len(), WINDOW_SAMPLES);
        assert_eq!(&w[WINDOW_SAMPLES - 2..], &[1.0, 2.0]);
        assert!(w[..WINDOW_SAMPLES - 2].iter().all(|&v| v == 0.0));
        let long: Vec<f32> = (0..WINDOW_SAMPLES + 5).map(|i| i as f32).collect();
        assert_eq!(last_window(&long)[0], 5.0);
    }

    #[test]
    fn silence_gives_the_floor_everywhere() {
        let f = MelExtractor::new().features(&[]);
        assert_eq!(f.len(), N_MELS * N_FRAMES);
        assert!(f.iter().all(|&v| (v - (-10.0 + 4.0) / 4.0).abs() < 1e-6));
    }

    #[test]
    fn a_tone_lights_its_band_at_the_end_only() {
        let tone: Vec<f32> = (0..16_000).map(|i| (2.0 * std::f32::consts::PI * 1000.0 * i as f32 / 16_000.0).sin()).collect();
        let f = MelExtractor::new().features(&tone);
        let band_max = |frame: usize| (0..N_MELS).max_by(|&a, &b| f[a * N_FRAMES + frame].total_cmp(&f[b * N_FRAMES + frame])).unwrap();
        // 1 kHz is mel 15 on the Slaney scale: band ≈ 15 / (45.25 / 81) - 1 ≈ 26.
        assert!((24..=28).contains(&band_max(N_FRAMES - 10)), "band {}", band_max(N_FRAMES - 10));
        let max = f.iter().cloned().fold(f32::MIN, f32::max);
        assert!(f[26 * N_FRAMES + 100] <= max - 1.9, "start of the window is padding");
    }
}
